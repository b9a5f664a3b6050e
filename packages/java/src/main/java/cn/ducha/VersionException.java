package cn.ducha;

/**
 * Code {@value ErrorCodes#VERSION}: no single version of the rubric is in force for the inspection: none, several, or no period or date to pick one by.
 */
public class VersionException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#VERSION}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public VersionException(String message, String path, String id) {
        super(ErrorCodes.VERSION, message, path, id);
    }

    VersionException(String message, String path, String id, String json) {
        super(ErrorCodes.VERSION, message, path, id, json);
    }
}
