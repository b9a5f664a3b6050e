package cn.ducha;

/**
 * Code {@value ErrorCodes#INVALID}: jSON that does not fit the contract: a wrong type, an unknown or missing field, an invalid date or amount. {@link #path()} says where.
 */
public class InvalidInputException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#INVALID}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public InvalidInputException(String message, String path, String id) {
        super(ErrorCodes.INVALID, message, path, id);
    }

    InvalidInputException(String message, String path, String id, String json) {
        super(ErrorCodes.INVALID, message, path, id, json);
    }
}
