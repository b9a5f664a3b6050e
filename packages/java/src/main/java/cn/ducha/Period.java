package cn.ducha;

import java.time.LocalDate;

/**
 * The assessment period a scorecard was scored for ({@link Scorecard#period()}),
 * both days included.
 *
 * <p>Immutable and thread-safe. Two values are equal when their JSON is.
 */
public final class Period {
    private final String from;
    private final String to;

    private Period(Fields f) {
        from = f.string("from");
        to = f.string("to");
        f.done("from", "to");
    }

    static Period read(Object value, String path) {
        return new Period(Fields.of(value, path, "a period"));
    }

    void write(JsonOut out) {
        out.begin().string("from", from).string("to", to).end();
    }

    /**
     * The first day.
     *
     * @return the day
     */
    public LocalDate from() {
        return LocalDate.parse(from);
    }

    /**
     * The last day.
     *
     * @return the day
     */
    public LocalDate to() {
        return LocalDate.parse(to);
    }

    /**
     * This value as the core's JSON.
     *
     * @return the JSON object: {@code {"from":"2026-01-01","to":"2026-12-31"}}
     */
    public String toJson() {
        return JsonOut.of(this, Period::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Period && toJson().equals(((Period) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The value as its JSON.
     *
     * @return {@code Period{"from":"2026-01-01","to":"2026-12-31"}}
     */
    @Override
    public String toString() {
        return "Period" + toJson();
    }
}
