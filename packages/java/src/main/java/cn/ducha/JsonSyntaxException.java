package cn.ducha;

/**
 * Code {@value ErrorCodes#SYNTAX}: the input is not JSON: a trailing comma, a missing brace, text after the value. The message gives the line and column.
 */
public class JsonSyntaxException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#SYNTAX}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public JsonSyntaxException(String message, String path, String id) {
        super(ErrorCodes.SYNTAX, message, path, id);
    }

    JsonSyntaxException(String message, String path, String id, String json) {
        super(ErrorCodes.SYNTAX, message, path, id, json);
    }
}
