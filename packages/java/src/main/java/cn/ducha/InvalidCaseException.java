package cn.ducha;

/**
 * Code {@value ErrorCodes#INVALID_CASE}: a malformed deadline case: an object with neither {@code start} nor {@code due}.
 */
public class InvalidCaseException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#INVALID_CASE}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public InvalidCaseException(String message, String path, String id) {
        super(ErrorCodes.INVALID_CASE, message, path, id);
    }

    InvalidCaseException(String message, String path, String id, String json) {
        super(ErrorCodes.INVALID_CASE, message, path, id, json);
    }
}
