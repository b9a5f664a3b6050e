package cn.ducha;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One item of the bonus section ({@link Bonus#items()}): what it credits, at
 * most its points. Its rules' {@link Rule#raw() raw} and
 * {@link Rule#deducted() deducted} are credits.
 *
 * <p>Immutable and thread-safe. Two items are equal when their JSON is.
 */
public final class BonusItem {
    private final String id;
    private final String serial;
    private final BigDecimal points;
    private final BigDecimal credited;
    private final String reason;
    private final List<Rule> rules;

    private BonusItem(Fields f) {
        id = f.string("id");
        serial = f.string("serial");
        points = f.amount("points");
        credited = f.amount("credited");
        reason = f.string("reason");
        rules = f.list("rules", Rule::read);
        f.done("id", "serial", "points", "credited", "reason", "rules");
    }

    static BonusItem read(Object value, String path) {
        return new BonusItem(Fields.of(value, path, "a bonus item"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("id", id)
                .string("serial", serial)
                .amount("points", points)
                .amount("credited", credited)
                .string("reason", reason)
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
     * The serial label the document prints ({@code "加1"}).
     *
     * @return the label
     */
    public String serial() {
        return serial;
    }

    /**
     * The most the item credits.
     *
     * @return the points
     */
    public BigDecimal points() {
        return points;
    }

    /**
     * What the item credits.
     *
     * @return the points credited
     */
    public BigDecimal credited() {
        return credited;
    }

    /**
     * The reason: its rules' reasons joined by {@code ；}.
     *
     * @return the reason; empty when nothing was credited
     */
    public String reason() {
        return reason;
    }

    /**
     * The item's rules.
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
     * This item as the core's JSON.
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, BonusItem::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BonusItem && toJson().equals(((BonusItem) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The item as its JSON.
     *
     * @return {@code BonusItem{"id":"J1",…}}
     */
    @Override
    public String toString() {
        return "BonusItem" + toJson();
    }
}
