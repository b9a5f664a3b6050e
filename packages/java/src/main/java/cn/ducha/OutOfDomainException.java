package cn.ducha;

/**
 * Code {@value ErrorCodes#OUT_OF_DOMAIN}: a value outside what its rule reads: a ratio of 96 (meaning 96 %), a negative count. {@link #id()} is the rule.
 */
public class OutOfDomainException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#OUT_OF_DOMAIN}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public OutOfDomainException(String message, String path, String id) {
        super(ErrorCodes.OUT_OF_DOMAIN, message, path, id);
    }

    OutOfDomainException(String message, String path, String id, String json) {
        super(ErrorCodes.OUT_OF_DOMAIN, message, path, id, json);
    }
}
