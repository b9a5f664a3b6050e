package cn.ducha;

/**
 * Code {@value ErrorCodes#UTF8}: the input bytes are not UTF-8 (GBK text from an older system: the message gives the byte offset), or a Java string holds a lone surrogate and has no UTF-8 form.
 */
public class Utf8Exception extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#UTF8}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public Utf8Exception(String message, String path, String id) {
        super(ErrorCodes.UTF8, message, path, id);
    }

    Utf8Exception(String message, String path, String id, String json) {
        super(ErrorCodes.UTF8, message, path, id, json);
    }
}
