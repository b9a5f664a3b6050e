package cn.ducha;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One rule of a scored item: whether the inspection assessed it, the breaches
 * counted, the deduction before and after caps and bounds, what limited it,
 * and the reason in the rubric's words.
 *
 * <p>In a {@link BonusItem} the rule's {@link #raw()} and {@link #deducted()}
 * are credits. Immutable and thread-safe. Two rules are equal when their JSON
 * is ({@link #toJson()}).
 */
public final class Rule {
    private final String id;
    private final boolean assessed;
    private final Boolean applicable;
    private final long breaches;
    private final Long pending;
    private final Long exempt;
    private final BigDecimal raw;
    private final BigDecimal deducted;
    private final Boolean rounded;
    private final LimitedBy limitedBy;
    private final String reason;

    private Rule(Fields f) {
        id = f.string("id");
        assessed = f.bool("assessed");
        applicable = f.optBool("applicable");
        breaches = f.u64("breaches");
        pending = f.optU64("pending");
        exempt = f.optU64("exempt");
        raw = f.amount("raw");
        deducted = f.amount("deducted");
        rounded = f.optBool("rounded");
        limitedBy = f.object("limited_by", LimitedBy::read);
        reason = f.string("reason");
        f.done("id", "assessed", "applicable", "breaches", "pending", "exempt", "raw", "deducted",
                "rounded", "limited_by", "reason");
    }

    static Rule read(Object value, String path) {
        return new Rule(Fields.of(value, path, "a rule"));
    }

    void write(JsonOut out) {
        out.begin()
                .string("id", id)
                .bool("assessed", assessed)
                .optBool("applicable", applicable)
                .u64("breaches", breaches)
                .optU64("pending", pending)
                .optU64("exempt", exempt)
                .amount("raw", raw)
                .amount("deducted", deducted)
                .optBool("rounded", rounded)
                .object("limited_by", limitedBy, LimitedBy::write)
                .string("reason", reason)
                .end();
    }

    /**
     * The rule's id.
     *
     * @return the id, as in the rubric: {@code "12b"}
     */
    public String id() {
        return id;
    }

    /**
     * Whether the inspection recorded a fact for the rule.
     *
     * @return {@code false} for a rule with no fact (it then has no breach)
     */
    public boolean assessed() {
        return assessed;
    }

    /**
     * Whether the rule applies: {@code false} when the inspection marked it,
     * or its item, not applicable (JSON {@code "applicable":false}; absent
     * otherwise).
     *
     * @return {@code true} unless marked not applicable
     */
    public boolean applicable() {
        return applicable == null || applicable;
    }

    /**
     * The breaches counted.
     *
     * @return the count, an unsigned 64-bit number (above
     *     {@link Long#MAX_VALUE} only for absurd counts: read it with
     *     {@link Long#toUnsignedString(long)})
     */
    public long breaches() {
        return breaches;
    }

    /**
     * For a deadline rule, the cases not done and not yet due.
     *
     * @return the count; empty for rules of other kinds
     */
    public OptionalLong pending() {
        return pending == null ? OptionalLong.empty() : OptionalLong.of(pending);
    }

    /**
     * The findings or cases marked exempt, counted apart and deducting nothing.
     *
     * @return the count; empty when there are none
     */
    public OptionalLong exempt() {
        return exempt == null ? OptionalLong.empty() : OptionalLong.of(exempt);
    }

    /**
     * The deduction before any cap or bound.
     *
     * @return the points, from the JSON's decimal string
     */
    public BigDecimal raw() {
        return raw;
    }

    /**
     * The rule's share of the total deduction (a credit in a bonus item).
     *
     * @return the points, from the JSON's decimal string
     */
    public BigDecimal deducted() {
        return deducted;
    }

    /**
     * Whether the rubric's declared rounding changed the rule's value (the
     * reason says how it rounded).
     *
     * @return {@code true} when rounded (JSON {@code "rounded":true}; absent otherwise)
     */
    public boolean rounded() {
        return rounded != null && rounded;
    }

    /**
     * What trimmed the deduction.
     *
     * @return the cap, node or exclusive group; empty when nothing did (JSON {@code null})
     */
    public Optional<LimitedBy> limitedBy() {
        return Optional.ofNullable(limitedBy);
    }

    /**
     * The reason, in the rubric's words: {@code 未常态化采集、推送监管数据…：7次，扣7分，受第12项分值10分所限，实扣5分}.
     *
     * @return the reason; empty when there was no breach
     */
    public String reason() {
        return reason;
    }

    /**
     * This rule as the core's JSON (compact, keys in the core's order).
     *
     * @return the JSON object
     */
    public String toJson() {
        return JsonOut.of(this, Rule::write);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rule && toJson().equals(((Rule) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The rule as its JSON.
     *
     * @return {@code Rule{"id":"12b",…}}
     */
    @Override
    public String toString() {
        return "Rule" + toJson();
    }
}
