package cn.ducha;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The penalty section of a scorecard (扣分项, {@link Scorecard#penalties()}):
 * what its items deduct from the final score, at most its cap.
 *
 * <p>Immutable and thread-safe. Two sections are equal when their JSON is.
 */
public final class Penalties {
    private final String id;
    private final String name;
    private final BigDecimal cap;
    private final BigDecimal deducted;
    private final List<Item> items;

    private Penalties(Fields f) {
        id = f.string("id");
        name = f.string("name");
        cap = f.optAmount("cap");
        deducted = f.amount("deducted");
        items = f.list("items", Item::read);
        f.done("id", "name", "cap", "deducted", "items");
    }

    static Penalties read(Object value, String path) {
        return new Penalties(Fields.of(value, path, "a penalty section"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("id", id)
                .string("name", name)
                .optAmount("cap", cap)
                .amount("deducted", deducted)
                .list("items", items, Item::write)
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
     * @return the name ({@code 扣分项})
     */
    public String name() {
        return name;
    }

    /**
     * The section's cap.
     *
     * @return the most it deducts, or empty if it has no cap
     */
    public Optional<BigDecimal> cap() {
        return Optional.ofNullable(cap);
    }

    /**
     * What the section deducts from the final score.
     *
     * @return the points deducted
     */
    public BigDecimal deducted() {
        return deducted;
    }

    /**
     * The section's items.
     *
     * @return an unmodifiable list
     */
    public List<Item> items() {
        return items;
    }

    /**
     * This section as the core's JSON.
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Penalties::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Penalties && toJson().equals(((Penalties) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The section as its JSON.
     *
     * @return {@code Penalties{"id":"K",…}}
     */
    @Override
    public String toString() {
        return "Penalties" + toJson();
    }
}
