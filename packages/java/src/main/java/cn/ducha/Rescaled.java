package cn.ducha;

import java.math.BigDecimal;

/**
 * How items not applicable rescaled the base score ({@link Scorecard#rescaled()}):
 * 标化分 = earned ÷ applicable × total.
 *
 * <p>Immutable and thread-safe. Two values are equal when their JSON is.
 */
public final class Rescaled {
    private final BigDecimal applicable;
    private final BigDecimal earned;

    private Rescaled(Fields f) {
        applicable = f.amount("applicable");
        earned = f.amount("earned");
        f.done("applicable", "earned");
    }

    static Rescaled read(Object value, String path) {
        return new Rescaled(Fields.of(value, path, "a rescaling"));
    }

    void write(JsonOut out) {
        out.begin().amount("applicable", applicable).amount("earned", earned).end();
    }

    /**
     * The points still applicable (应得的最高分数).
     *
     * @return the points
     */
    public BigDecimal applicable() {
        return applicable;
    }

    /**
     * The points earned of them (所得的分数).
     *
     * @return the points
     */
    public BigDecimal earned() {
        return earned;
    }

    /**
     * This value as the core's JSON.
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Rescaled::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rescaled && toJson().equals(((Rescaled) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The value as its JSON.
     *
     * @return {@code Rescaled{"applicable":"80","earned":"70"}}
     */
    @Override
    public String toString() {
        return "Rescaled" + toJson();
    }
}
