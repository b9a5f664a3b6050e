package cn.ducha;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One item (a row of the rubric's table) of a scorecard: its points
 * (量化分值), deduction, score (得分情况), the reason (扣分原因) and its rules.
 * Items of the penalty section ({@link Penalties#items()}) have the same shape.
 *
 * <p>Immutable and thread-safe. Two items are equal when their JSON is.
 */
public final class Item {
    private final String id;
    private final String serial;
    private final BigDecimal points;
    private final BigDecimal deducted;
    private final BigDecimal score;
    private final String reason;
    private final Boolean applicable;
    private final BigDecimal received;
    private final List<Rule> rules;

    private Item(Fields f) {
        id = f.string("id");
        serial = f.string("serial");
        points = f.amount("points");
        deducted = f.amount("deducted");
        score = f.amount("score");
        reason = f.string("reason");
        applicable = f.optBool("applicable");
        received = f.optAmount("received");
        rules = f.list("rules", Rule::read);
        f.done("id", "serial", "points", "deducted", "score", "reason", "applicable", "received", "rules");
    }

    static Item read(Object value, String path) {
        return new Item(Fields.of(value, path, "an item"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("id", id)
                .string("serial", serial)
                .amount("points", points)
                .amount("deducted", deducted)
                .amount("score", score)
                .string("reason", reason)
                .optBool("applicable", applicable)
                .optAmount("received", received)
                .list("rules", rules, Rule::write)
                .end();
    }

    /**
     * The item's id.
     *
     * @return the id, as in the rubric
     */
    public String id() {
        return id;
    }

    /**
     * The serial label the document prints ({@code "12"}, {@code "一"}, {@code "扣1"}).
     *
     * @return the label
     */
    public String serial() {
        return serial;
    }

    /**
     * The item's points (量化分值).
     *
     * @return the points
     */
    public BigDecimal points() {
        return points;
    }

    /**
     * The item's deduction.
     *
     * @return the points deducted
     */
    public BigDecimal deducted() {
        return deducted;
    }

    /**
     * The item's score (得分情况): points minus deduction.
     *
     * @return the score
     */
    public BigDecimal score() {
        return score;
    }

    /**
     * The reason (扣分原因): its rules' reasons joined by {@code ；}.
     *
     * @return the reason; empty when nothing was deducted
     */
    public String reason() {
        return reason;
    }

    /**
     * Whether the item applies: {@code false} when the inspection marked it
     * not applicable (JSON {@code "applicable":false}; absent otherwise).
     *
     * @return {@code true} unless marked not applicable
     */
    public boolean applicable() {
        return applicable == null || applicable;
    }

    /**
     * The points the item received from siblings marked not applicable (or,
     * negative, gave to them), where the rubric redistributes their points;
     * {@link #points()} includes them.
     *
     * @return the points moved, or empty where none moved
     */
    public java.util.Optional<BigDecimal> received() {
        return java.util.Optional.ofNullable(received);
    }

    /**
     * The item's rules, in rubric order.
     *
     * @return an unmodifiable list
     */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The item's rule with this id.
     *
     * @param id the rule's id
     * @return the rule, or empty
     */
    public Optional<Rule> rule(String id) {
        for (Rule rule : rules) {
            if (rule.id().equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * This item as the core's JSON (compact, keys in the core's order).
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Item::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Item && toJson().equals(((Item) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The item as its JSON.
     *
     * @return {@code Item{"id":"12",…}}
     */
    @Override
    public String toString() {
        return "Item" + toJson();
    }
}
