package cn.ducha;

/**
 * Code {@value ErrorCodes#LIMIT}: the input is above a limit: 16 MiB of input, nesting 127 levels deep, 100,000 rules or 100,000 indicators and items.
 */
public class LimitException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#LIMIT}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public LimitException(String message, String path, String id) {
        super(ErrorCodes.LIMIT, message, path, id);
    }

    LimitException(String message, String path, String id, String json) {
        super(ErrorCodes.LIMIT, message, path, id, json);
    }
}
