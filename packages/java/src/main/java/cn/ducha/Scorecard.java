package cn.ducha;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scored inspection: the points, deduction and score of the card and of
 * every indicator and item, and every rule's breaches, deduction, limit and
 * reason, in rubric order. {@link Engine#evaluate(String)} returns one;
 * {@link #parse(String)} reads a stored scorecard JSON.
 *
 * <p>Every field mirrors the scorecard JSON (the main README, <i>The JSON
 * contract</i>). Amounts of points are {@link BigDecimal}s made from the
 * JSON's decimal strings, never through a binary float; their
 * {@link BigDecimal#toPlainString()} gives the digits the core wrote
 * ({@code toString()} may use an exponent for very small amounts). The
 * card-level fields that only some rubrics have (grade, base, vetoes,
 * rescaling, bonus and penalty sections) are {@link Optional}s.
 *
 * <p>{@link #json()} is the exact text the core wrote, and {@link #toJson()}
 * writes the typed fields back in the core's format: for every scorecard the
 * core writes, the two are the same text.
 *
 * <p>Immutable and thread-safe. Two scorecards are equal when their
 * {@link #toJson()} is.
 */
public final class Scorecard {
    private final String json;
    private final String rubric;
    private final String version;
    private final Period period;
    private final String asOf;
    private final String ducha;
    private final BigDecimal points;
    private final BigDecimal deducted;
    private final BigDecimal score;
    private final String grade;
    private final BigDecimal base;
    private final BigDecimal vetoed;
    private final List<Veto> vetoes;
    private final Rescaled rescaled;
    private final List<Indicator> indicators;
    private final Bonus bonus;
    private final Penalties penalties;

    private volatile Index index;

    private Scorecard(String json, Fields f) {
        this.json = json;
        rubric = f.string("rubric");
        version = f.optString("version");
        period = f.optObject("period", Period::read);
        asOf = f.optString("as_of");
        ducha = f.optString("ducha");
        points = f.amount("points");
        deducted = f.amount("deducted");
        score = f.amount("score");
        grade = f.optString("grade");
        base = f.optAmount("base");
        vetoed = f.optAmount("vetoed");
        vetoes = f.optList("vetoes", Veto::read);
        rescaled = f.optObject("rescaled", Rescaled::read);
        indicators = f.list("indicators", Indicator::read);
        bonus = f.optObject("bonus", Bonus::read);
        penalties = f.optObject("penalties", Penalties::read);
        f.done("rubric", "version", "period", "as_of", "ducha", "points", "deducted", "score", "grade", "base", "vetoed", "vetoes", "rescaled",
                "indicators", "bonus", "penalties");
    }

    /**
     * Reads a scorecard JSON, such as one stored from {@link #json()},
     * strictly: a field missing, of the wrong type, or unknown is an error
     * naming its path.
     *
     * @param json the scorecard JSON
     * @return the typed scorecard, whose {@link #json()} is {@code json}
     * @throws JsonSyntaxException if the text is not JSON
     * @throws InvalidInputException if it is not a scorecard (see
     *     {@link DuchaException#path()})
     * @throws LimitException if it is nested too deep
     * @throws NullPointerException if {@code json} is null
     */
    public static Scorecard parse(String json) {
        Objects.requireNonNull(json, "json");
        return new Scorecard(json, Fields.of(Json.parse(json), "", "a scorecard"));
    }

    private void write(JsonOut out) {
        out.begin()
                .string("rubric", rubric)
                .optString("version", version)
                .optObject("period", period, Period::write)
                .optString("as_of", asOf)
                .optString("ducha", ducha)
                .amount("points", points)
                .amount("deducted", deducted)
                .amount("score", score)
                .optString("grade", grade)
                .optAmount("base", base)
                .optAmount("vetoed", vetoed)
                .optList("vetoes", vetoes, Veto::write)
                .optObject("rescaled", rescaled, Rescaled::write)
                .list("indicators", indicators, Indicator::write)
                .optObject("bonus", bonus, Bonus::write)
                .optObject("penalties", penalties, Penalties::write)
                .end();
    }

    /**
     * The scorecard JSON this card was read from: for a card from
     * {@link Engine#evaluate(String)}, exactly the text the core wrote (the
     * same bytes on every host, as UTF-8).
     *
     * @return the JSON text
     */
    public String json() {
        return json;
    }

    /**
     * The typed fields written back as the core writes them: compact, keys
     * in the core's order, optional fields left out when absent, amounts
     * without trailing zeros.
     *
     * @return the JSON text; equal to {@link #json()} for the core's own output
     */
    public String toJson() {
        JsonOut out = new JsonOut(new StringBuilder(json.length() + 16));
        write(out);
        return out.text.toString();
    }

    /**
     * The rubric's id.
     *
     * @return the id: {@code "yuxi-shuangsuiji"}
     */
    public String rubric() {
        return rubric;
    }

    /**
     * The rubric's version ({@code 试行}), where it has one.
     *
     * @return the version, or empty
     */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /**
     * The assessment period, where the inspection gave one.
     *
     * @return the period, or empty
     */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /**
     * The assessment date (the inspection's {@code as_of}, else its period's
     * end), where there is one.
     *
     * @return the date, or empty
     */
    public Optional<java.time.LocalDate> asOf() {
        return asOf == null ? Optional.empty() : Optional.of(java.time.LocalDate.parse(asOf));
    }

    /**
     * The version of ducha that scored it, so that a stored scorecard says
     * what produced it.
     *
     * @return the version ({@code 0.1.0}), or empty for a scorecard stored
     *     by an older version
     */
    public Optional<String> ducha() {
        return Optional.ofNullable(ducha);
    }

    /**
     * The rubric's total points.
     *
     * @return the points: {@code 100}
     */
    public BigDecimal points() {
        return points;
    }

    /**
     * The points deducted in all.
     *
     * @return the points
     */
    public BigDecimal deducted() {
        return deducted;
    }

    /**
     * The final score: the base score plus any bonus, minus any penalty,
     * unless a card veto fixed it.
     *
     * @return the score: {@code 69.5}
     */
    public BigDecimal score() {
        return score;
    }

    /**
     * The grade, where the rubric has grades or a veto forced one.
     *
     * @return the grade ({@code 良好}), or empty
     */
    public Optional<String> grade() {
        return Optional.ofNullable(grade);
    }

    /**
     * The base score (total minus deductions), where the rubric has a bonus
     * or penalty section.
     *
     * @return the base score, or empty
     */
    public Optional<BigDecimal> base() {
        return Optional.ofNullable(base);
    }

    /**
     * The deduction that zeroing vetoes added beyond the rules' shares,
     * where one fired.
     *
     * @return the points, or empty
     */
    public Optional<BigDecimal> vetoed() {
        return Optional.ofNullable(vetoed);
    }

    /**
     * The vetoes that fired (一票否决).
     *
     * @return an unmodifiable list; empty when none fired
     */
    public List<Veto> vetoes() {
        return vetoes == null ? Collections.<Veto>emptyList() : vetoes;
    }

    /**
     * How items not applicable rescaled the base (标化分).
     *
     * @return the rescaling, or empty if no item was marked not applicable
     */
    public Optional<Rescaled> rescaled() {
        return Optional.ofNullable(rescaled);
    }

    /**
     * The top-level indicators, in rubric order.
     *
     * @return an unmodifiable list
     */
    public List<Indicator> indicators() {
        return indicators;
    }

    /**
     * The bonus section (加分项), where the rubric has one.
     *
     * @return the section, or empty
     */
    public Optional<Bonus> bonus() {
        return Optional.ofNullable(bonus);
    }

    /**
     * The penalty section (扣分项), where the rubric has one.
     *
     * @return the section, or empty
     */
    public Optional<Penalties> penalties() {
        return Optional.ofNullable(penalties);
    }

    /**
     * Every indicator, at every level, in document order (each before its
     * finer indicators).
     *
     * @return an unmodifiable list
     */
    public List<Indicator> walk() {
        return index().indicators;
    }

    /**
     * Every item of the indicators, then of the penalty section, in document
     * order (the bonus section's items are {@link Bonus#items()}).
     *
     * @return an unmodifiable list
     */
    public List<Item> items() {
        return index().items;
    }

    /**
     * Every rule, in document order: the indicators', the bonus section's,
     * then the penalty section's.
     *
     * @return an unmodifiable list
     */
    public List<Rule> rules() {
        return index().rules;
    }

    /**
     * The indicator with this id, at any level.
     *
     * @param id the indicator's id
     * @return the indicator, or empty
     */
    public Optional<Indicator> indicator(String id) {
        return Optional.ofNullable(index().indicatorById.get(id));
    }

    /**
     * The item with this id, among {@link #items()}.
     *
     * @param id the item's id
     * @return the item, or empty
     */
    public Optional<Item> item(String id) {
        return Optional.ofNullable(index().itemById.get(id));
    }

    /**
     * The rule with this id, among {@link #rules()}.
     *
     * @param id the rule's id: {@code "12b"}
     * @return the rule, or empty
     */
    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(index().ruleById.get(id));
    }

    /**
     * Whether every rule was assessed: the inspection gave each a fact, or
     * marked it not applicable.
     *
     * @return {@code true} if no rule was left without a fact
     */
    public boolean isComplete() {
        for (Rule rule : rules()) {
            if (!rule.assessed() && rule.applicable()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scorecard && toJson().equals(((Scorecard) other).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    /**
     * A short summary, for logs.
     *
     * @return {@code Scorecard{rubric=yuxi-shuangsuiji, score=69.5, deducted=30.5, points=100}}
     */
    @Override
    public String toString() {
        return "Scorecard{rubric=" + rubric + ", score=" + Json.amount(score) + ", deducted="
                + Json.amount(deducted) + ", points=" + Json.amount(points)
                + (grade == null ? "" : ", grade=" + grade) + "}";
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            i = new Index(this);
            index = i;
        }
        return i;
    }

    /** The card's nodes in document order, and by id; built once, on first use. */
    private static final class Index {
        final List<Indicator> indicators;
        final List<Item> items;
        final List<Rule> rules;
        final Map<String, Indicator> indicatorById = new HashMap<>();
        final Map<String, Item> itemById = new HashMap<>();
        final Map<String, Rule> ruleById = new HashMap<>();

        Index(Scorecard card) {
            List<Indicator> allIndicators = new ArrayList<>();
            for (Indicator indicator : card.indicators) {
                walk(indicator, allIndicators);
            }
            List<Item> allItems = new ArrayList<>();
            List<Rule> allRules = new ArrayList<>();
            for (Indicator indicator : allIndicators) {
                for (Item item : indicator.items()) {
                    allItems.add(item);
                    allRules.addAll(item.rules());
                }
            }
            if (card.bonus != null) {
                for (BonusItem item : card.bonus.items()) {
                    allRules.addAll(item.rules());
                }
            }
            if (card.penalties != null) {
                for (Item item : card.penalties.items()) {
                    allItems.add(item);
                    allRules.addAll(item.rules());
                }
            }
            for (Indicator indicator : allIndicators) {
                indicatorById.putIfAbsent(indicator.id(), indicator);
            }
            for (Item item : allItems) {
                itemById.putIfAbsent(item.id(), item);
            }
            for (Rule rule : allRules) {
                ruleById.putIfAbsent(rule.id(), rule);
            }
            indicators = Collections.unmodifiableList(allIndicators);
            items = Collections.unmodifiableList(allItems);
            rules = Collections.unmodifiableList(allRules);
        }

        private static void walk(Indicator indicator, List<Indicator> out) {
            out.add(indicator);
            for (Indicator child : indicator.indicators()) {
                walk(child, out);
            }
        }
    }
}
