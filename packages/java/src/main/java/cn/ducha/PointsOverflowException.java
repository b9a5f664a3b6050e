package cn.ducha;

/**
 * Code {@value ErrorCodes#OVERFLOW}: a deduction too large to represent.
 */
public class PointsOverflowException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#OVERFLOW}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public PointsOverflowException(String message, String path, String id) {
        super(ErrorCodes.OVERFLOW, message, path, id);
    }

    PointsOverflowException(String message, String path, String id, String json) {
        super(ErrorCodes.OVERFLOW, message, path, id, json);
    }
}
