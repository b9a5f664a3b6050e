package cn.ducha;

/**
 * Code {@value ErrorCodes#MISSING_CONTEXT}: a date rule evaluated without the assessment period ({@code period}) or date ({@code as_of}) it needs. {@link #id()} is the rule.
 */
public class MissingContextException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#MISSING_CONTEXT}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public MissingContextException(String message, String path, String id) {
        super(ErrorCodes.MISSING_CONTEXT, message, path, id);
    }

    MissingContextException(String message, String path, String id, String json) {
        super(ErrorCodes.MISSING_CONTEXT, message, path, id, json);
    }
}
