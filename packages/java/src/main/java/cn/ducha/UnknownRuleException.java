package cn.ducha;

/**
 * Code {@value ErrorCodes#UNKNOWN_RULE}: a fact for a rule the rubric does not have. {@link #id()} is the rule id given.
 */
public class UnknownRuleException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#UNKNOWN_RULE}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public UnknownRuleException(String message, String path, String id) {
        super(ErrorCodes.UNKNOWN_RULE, message, path, id);
    }

    UnknownRuleException(String message, String path, String id, String json) {
        super(ErrorCodes.UNKNOWN_RULE, message, path, id, json);
    }
}
