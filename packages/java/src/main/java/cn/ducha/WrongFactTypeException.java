package cn.ducha;

/**
 * Code {@value ErrorCodes#WRONG_FACT_TYPE}: a fact of a type its rule does not read (a list of dates for a deadline rule). {@link #id()} is the rule.
 */
public class WrongFactTypeException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#WRONG_FACT_TYPE}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public WrongFactTypeException(String message, String path, String id) {
        super(ErrorCodes.WRONG_FACT_TYPE, message, path, id);
    }

    WrongFactTypeException(String message, String path, String id, String json) {
        super(ErrorCodes.WRONG_FACT_TYPE, message, path, id, json);
    }
}
