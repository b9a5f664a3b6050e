package cn.ducha;

import java.math.BigDecimal;
import java.util.List;

/**
 * The bonus section of a scorecard (加分项, {@link Scorecard#bonus()}): what
 * its items earned, at most its cap, and what the final score counts.
 *
 * <p>Immutable and thread-safe. Two sections are equal when their JSON is.
 */
public final class Bonus {
    private final String id;
    private final String name;
    private final BigDecimal cap;
    private final BigDecimal credited;
    private final BigDecimal counted;
    private final String reason;
    private final List<BonusItem> items;

    private Bonus(Fields f) {
        id = f.string("id");
        name = f.string("name");
        cap = f.amount("cap");
        credited = f.amount("credited");
        counted = f.amount("counted");
        reason = f.string("reason");
        items = f.list("items", BonusItem::read);
        f.done("id", "name", "cap", "credited", "counted", "reason", "items");
    }

    static Bonus read(Object value, String path) {
        return new Bonus(Fields.of(value, path, "a bonus section"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("id", id)
                .string("name", name)
                .amount("cap", cap)
                .amount("credited", credited)
                .amount("counted", counted)
                .string("reason", reason)
                .list("items", items, BonusItem::write)
                .end();
    }

    /**
     * The section's id.
     *
     * @return the id, as in the rubric
     */
    public String id() {
        return id;
    }

    /**
     * The section's name.
     *
     * @return the name ({@code 加分项})
     */
    public String name() {
        return name;
    }

    /**
     * The most the section adds.
     *
     * @return the cap
     */
    public BigDecimal cap() {
        return cap;
    }

    /**
     * What its items earned, at most the cap.
     *
     * @return the points credited
     */
    public BigDecimal credited() {
        return credited;
    }

    /**
     * What the final score counts: the credit if the base score opens the
     * gate, else 0.
     *
     * @return the points added to the score
     */
    public BigDecimal counted() {
        return counted;
    }

    /**
     * The section's reason in words: {@code 加分3分（已达加分上限3分）}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * The section's items.
     *
     * @return an unmodifiable list
     */
    public List<BonusItem> items() {
        return items;
    }

    /**
     * This section as the core's JSON.
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Bonus::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bonus && toJson().equals(((Bonus) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The section as its JSON.
     *
     * @return {@code Bonus{"id":"J",…}}
     */
    @Override
    public String toString() {
        return "Bonus" + toJson();
    }
}
