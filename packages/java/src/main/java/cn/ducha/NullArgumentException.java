package cn.ducha;

/**
 * Code {@value ErrorCodes#NULL_POINTER}: a required pointer reached the C ABI as NULL. Never raised by this binding, which refuses a Java {@code null} argument with a {@link NullPointerException} first; here so that every code has its class.
 */
public class NullArgumentException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#NULL_POINTER}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public NullArgumentException(String message, String path, String id) {
        super(ErrorCodes.NULL_POINTER, message, path, id);
    }

    NullArgumentException(String message, String path, String id, String json) {
        super(ErrorCodes.NULL_POINTER, message, path, id, json);
    }
}
