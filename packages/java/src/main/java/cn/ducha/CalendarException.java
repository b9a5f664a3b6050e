package cn.ducha;

/**
 * Code {@value ErrorCodes#CALENDAR}: the working-day calendar does not know a year the answer depends on; add it with {@link Engine#addCalendarYear(String)}. {@link #id()} is the rule.
 */
public class CalendarException extends DuchaException {
    private static final long serialVersionUID = 1L;

    /**
     * An error of code {@value ErrorCodes#CALENDAR}.
     *
     * @param message what went wrong, for people
     * @param path where in the input JSON, or {@code null}
     * @param id the rule, node or rubric concerned, or {@code null}
     */
    public CalendarException(String message, String path, String id) {
        super(ErrorCodes.CALENDAR, message, path, id);
    }

    CalendarException(String message, String path, String id, String json) {
        super(ErrorCodes.CALENDAR, message, path, id, json);
    }
}
