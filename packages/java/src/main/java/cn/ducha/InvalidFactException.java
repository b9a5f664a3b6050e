package cn.ducha;

/**
 * Code {@value ErrorCodes#INVALID_FACT}: a fact its rule counts but cannot price: an unknown rating option, a discretionary amount missing or out of range, an unknown multiplier, an exemption ground the rule does not accept. {@link #id()} is the rule.
 */
public class InvalidFactException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#INVALID_FACT}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public InvalidFactException(String message, String path, String id) {
        super(ErrorCodes.INVALID_FACT, message, path, id);
    }

    InvalidFactException(String message, String path, String id, String json) {
        super(ErrorCodes.INVALID_FACT, message, path, id, json);
    }
}
