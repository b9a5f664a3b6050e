package cn.ducha;

/**
 * Code {@value ErrorCodes#INVALID_RUBRIC}: a rubric that fails validation: points that do not add up, a duplicate id, a penalty that cannot price its trigger. {@link #id()} names the node or rule.
 */
public class InvalidRubricException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#INVALID_RUBRIC}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public InvalidRubricException(String message, String path, String id) {
        super(ErrorCodes.INVALID_RUBRIC, message, path, id);
    }

    InvalidRubricException(String message, String path, String id, String json) {
        super(ErrorCodes.INVALID_RUBRIC, message, path, id, json);
    }
}
