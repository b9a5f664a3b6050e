package cn.ducha;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A veto that fired (一票否决): the rule, what it overrode and what it set
 * ({@link Scorecard#vetoes()}).
 *
 * <p>Immutable and thread-safe. Two vetoes are equal when their JSON is.
 */
public final class Veto {
    /** The scope of a veto that zeroes an item: {@value}. */
    public static final String ITEM = "item";
    /** The scope of a veto that zeroes an indicator: {@value}. */
    public static final String INDICATOR = "indicator";
    /** The scope of a veto that overrides the whole card: {@value}. */
    public static final String CARD = "card";

    private final String rule;
    private final String scope;
    private final String node;
    private final BigDecimal before;
    private final BigDecimal score;
    private final String grade;

    private Veto(Fields f) {
        rule = f.string("rule");
        scope = f.string("scope");
        node = f.string("node");
        before = f.amount("before");
        score = f.optAmount("score");
        grade = f.optString("grade");
        f.done("rule", "scope", "node", "before", "score", "grade");
    }

    static Veto read(Object value, String path) {
        return new Veto(Fields.of(value, path, "a veto"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("rule", rule)
                .string("scope", scope)
                .string("node", node)
                .amount("before", before)
                .optAmount("score", score)
                .optString("grade", grade)
                .end();
    }

    /**
     * The veto rule's id.
     *
     * @return the rule id
     */
    public String rule() {
        return rule;
    }

    /**
     * What the veto overrides.
     *
     * @return {@link #ITEM}, {@link #INDICATOR} or {@link #CARD}
     */
    public String scope() {
        return scope;
    }

    /**
     * The node it zeroed (the rubric's id for a card veto).
     *
     * @return the node id
     */
    public String node() {
        return node;
    }

    /**
     * The score it overrode.
     *
     * @return the score before the veto
     */
    public BigDecimal before() {
        return before;
    }

    /**
     * The score it set.
     *
     * @return the score; empty for a card veto that only forces a grade
     */
    public Optional<BigDecimal> score() {
        return Optional.ofNullable(score);
    }

    /**
     * The grade it forces.
     *
     * @return the grade ({@code 不合格}), or empty
     */
    public Optional<String> grade() {
        return Optional.ofNullable(grade);
    }

    /**
     * This veto as the core's JSON.
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Veto::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Veto && toJson().equals(((Veto) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The veto as its JSON.
     *
     * @return {@code Veto{"rule":"a2",…}}
     */
    @Override
    public String toString() {
        return "Veto" + toJson();
    }
}
