package cn.ducha;

/**
 * Code {@value ErrorCodes#NOT_APPLICABLE}: an item or rule marked not applicable that cannot be: unknown, not allowed by the rubric, or given a fact too.
 */
public class NotApplicableException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#NOT_APPLICABLE}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public NotApplicableException(String message, String path, String id) {
        super(ErrorCodes.NOT_APPLICABLE, message, path, id);
    }

    NotApplicableException(String message, String path, String id, String json) {
        super(ErrorCodes.NOT_APPLICABLE, message, path, id, json);
    }
}
