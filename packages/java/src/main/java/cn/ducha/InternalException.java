package cn.ducha;

/**
 * Code {@value ErrorCodes#INTERNAL}: a failure of the library itself (a panic caught at the C boundary, or output this binding cannot read). Never expected: please report it.
 */
public class InternalException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#INTERNAL}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public InternalException(String message, String path, String id) {
        super(ErrorCodes.INTERNAL, message, path, id);
    }

    InternalException(String message, String path, String id, String json) {
        super(ErrorCodes.INTERNAL, message, path, id, json);
    }
}
