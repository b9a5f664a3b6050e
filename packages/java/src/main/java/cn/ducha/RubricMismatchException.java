package cn.ducha;

/**
 * Code {@value ErrorCodes#RUBRIC_MISMATCH}: the inspection's {@code rubric} names another rubric than the engine's. {@link #id()} is the id it names.
 */
public class RubricMismatchException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#RUBRIC_MISMATCH}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public RubricMismatchException(String message, String path, String id) {
        super(ErrorCodes.RUBRIC_MISMATCH, message, path, id);
    }

    RubricMismatchException(String message, String path, String id, String json) {
        super(ErrorCodes.RUBRIC_MISMATCH, message, path, id, json);
    }
}
