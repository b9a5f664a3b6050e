package cn.ducha;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One indicator of a scorecard: its points, deduction and score, and either
 * finer {@link #indicators() indicators} or {@link #items() items}, never both.
 *
 * <p>Immutable and thread-safe. Two indicators are equal when their JSON is.
 */
public final class Indicator {
    private final String id;
    private final String name;
    private final BigDecimal points;
    private final BigDecimal deducted;
    private final BigDecimal score;
    private final BigDecimal weight;
    private final BigDecimal weighted;
    private final Boolean rounded;
    private final Rescaled rescaled;
    private final List<Indicator> indicators;
    private final List<Item> items;

    private Indicator(Fields f) {
        id = f.string("id");
        name = f.string("name");
        points = f.amount("points");
        deducted = f.amount("deducted");
        score = f.amount("score");
        weight = f.optAmount("weight");
        weighted = f.optAmount("weighted");
        rounded = f.optBool("rounded");
        rescaled = f.optObject("rescaled", Rescaled::read);
        indicators = f.optList("indicators", Indicator::read);
        items = f.optList("items", Item::read);
        f.done("id", "name", "points", "deducted", "score", "weight", "weighted", "rounded", "rescaled", "indicators",
                "items");
    }

    static Indicator read(Object value, String path) {
        return new Indicator(Fields.of(value, path, "an indicator"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("id", id)
                .string("name", name)
                .amount("points", points)
                .amount("deducted", deducted)
                .amount("score", score)
                .optAmount("weight", weight)
                .optAmount("weighted", weighted)
                .optBool("rounded", rounded)
                .optObject("rescaled", rescaled, Rescaled::write)
                .optList("indicators", indicators, Indicator::write)
                .optList("items", items, Item::write)
                .end();
    }

    /**
     * The indicator's id.
     *
     * @return the id, as in the rubric: {@code "G3"}
     */
    public String id() {
        return id;
    }

    /**
     * The indicator's name.
     *
     * @return the name: {@code 深入推进“互联网+监管”情况}
     */
    public String name() {
        return name;
    }

    /**
     * The indicator's points.
     *
     * @return the points
     */
    public BigDecimal points() {
        return points;
    }

    /**
     * The indicator's deduction.
     *
     * @return the points deducted
     */
    public BigDecimal deducted() {
        return deducted;
    }

    /**
     * The indicator's score: points minus deduction.
     *
     * @return the score
     */
    public BigDecimal score() {
        return score;
    }

    /**
     * What the indicator counts for in its parent, where it is weighted (折算).
     *
     * @return the weight, or empty
     */
    public Optional<BigDecimal> weight() {
        return Optional.ofNullable(weight);
    }

    /**
     * The score the indicator contributes to its parent, where it is
     * weighted: its score ÷ its points × its weight, rounded as the rubric
     * declares.
     *
     * @return the weighted score, or empty
     */
    public Optional<BigDecimal> weighted() {
        return Optional.ofNullable(weighted);
    }

    /**
     * Whether the rubric's declared rounding changed the weighted score.
     *
     * @return {@code true} when rounded (JSON {@code "rounded":true}; absent otherwise)
     */
    public boolean rounded() {
        return rounded != null && rounded;
    }

    /**
     * How the indicator rescaled for its items not applicable, where it
     * declares rescaling and the inspection marked some (标化分).
     *
     * @return its applicable points and what it earned of them, or empty
     */
    public Optional<Rescaled> rescaled() {
        return Optional.ofNullable(rescaled);
    }

    /**
     * Whether the indicator holds items (else finer indicators).
     *
     * @return {@code true} if {@link #items()} is its content
     */
    public boolean hasItems() {
        return items != null;
    }

    /**
     * The finer indicators.
     *
     * @return an unmodifiable list; empty if the indicator holds items
     */
    public List<Indicator> indicators() {
        return indicators == null ? Collections.<Indicator>emptyList() : indicators;
    }

    /**
     * The items.
     *
     * @return an unmodifiable list; empty if the indicator holds finer indicators
     */
    public List<Item> items() {
        return items == null ? Collections.<Item>emptyList() : items;
    }

    /**
     * This indicator as the core's JSON (compact, keys in the core's order).
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Indicator::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Indicator && toJson().equals(((Indicator) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The indicator as its JSON.
     *
     * @return {@code Indicator{"id":"G3",…}}
     */
    @Override
    public String toString() {
        return "Indicator" + toJson();
    }
}
