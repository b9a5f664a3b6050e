//! The parts of the rule shapes beyond flat, per-occurrence and capped
//! deductions: the tables of bands, knots, ratings and multipliers, how a
//! measured value is compared with its target, how a partial step counts,
//! how a short period counts, the rubric's declared rounding, and groups of
//! rules that never deduct twice.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::strict::strict_struct;
use crate::{Id, Points};

/// What an entry of a table gives: a deduction, or the item's score.
///
/// In JSON an entry carries exactly one of `"deduct": "1"` or
/// `"score": "4"`. A score is what the item keeps: an item of 5 points
/// that "得4分" deducts 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Award {
    /// Deduct this many points.
    Deduct(Points),
    /// The item scores this many points (it deducts its points minus these).
    Score(Points),
}

impl Award {
    /// The deduction this award makes in an item of `item_points`; `None`
    /// if a score exceeds the item's points (refused when the rubric loads).
    pub fn deduction(self, item_points: Points) -> Option<Decimal> {
        match self {
            Award::Deduct(points) => Some(points.get()),
            Award::Score(points) => {
                let d = item_points.get().checked_sub(points.get())?;
                (d >= Decimal::ZERO).then_some(d)
            }
        }
    }
}

/// The pair of JSON fields an [`Award`] is read from.
fn award_of(deduct: Option<Points>, score: Option<Points>) -> Option<Award> {
    match (deduct, score) {
        (Some(d), None) => Some(Award::Deduct(d)),
        (None, Some(s)) => Some(Award::Score(s)),
        _ => None,
    }
}

strict_struct! {
/// One band of a [`Penalty::Bands`](crate::Penalty::Bands) table: a bound
/// on the measured value and what a value within it gives.
///
/// A table's bands are all `at_least` (from the best down: "≥90分得满分，
/// ≥80分得4分…") or all `at_most` (from the best up: "小于或等于控制数得标准分");
/// the last band has no bound and takes every other value ("＜60分不得分").
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Band as "Band", "a band object" {
    /// The band holds values at least this high.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub at_least: Option<Decimal>,
    /// The band holds values at most this high.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub at_most: Option<Decimal>,
    /// The deduction a value in the band makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduct: Option<Points>,
    /// The item's score for a value in the band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Points>,
}
}

impl Band {
    /// A band of values at least `bound`.
    pub fn at_least(bound: Decimal, award: Award) -> Band {
        Band::with(Some(bound), None, award)
    }

    /// A band of values at most `bound`.
    pub fn at_most(bound: Decimal, award: Award) -> Band {
        Band::with(None, Some(bound), award)
    }

    /// The last band: every value the bands before it do not hold.
    pub fn rest(award: Award) -> Band {
        Band::with(None, None, award)
    }

    fn with(at_least: Option<Decimal>, at_most: Option<Decimal>, award: Award) -> Band {
        let (deduct, score) = split(award);
        Band {
            at_least,
            at_most,
            deduct,
            score,
        }
    }

    /// What the band gives; `None` unless exactly one of `deduct` and
    /// `score` is set (refused when the rubric loads).
    pub fn award(&self) -> Option<Award> {
        award_of(self.deduct, self.score)
    }
}

fn split(award: Award) -> (Option<Points>, Option<Points>) {
    match award {
        Award::Deduct(d) => (Some(d), None),
        Award::Score(s) => (None, Some(s)),
    }
}

strict_struct! {
/// One point of a [`Penalty::Interpolate`](crate::Penalty::Interpolate)
/// line: at this measured value, this deduction or score; between two
/// knots the award is read off the straight line joining them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Knot as "Knot", "a knot object {\"value\", \"deduct\" or \"score\"}" {
    /// The measured value.
    #[serde(with = "crate::points::decimal_serde")]
    pub value: Decimal,
    /// The deduction at this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduct: Option<Points>,
    /// The item's score at this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Points>,
}
}

impl Knot {
    /// A knot at `value` giving `award`.
    pub fn new(value: Decimal, award: Award) -> Knot {
        let (deduct, score) = split(award);
        Knot {
            value,
            deduct,
            score,
        }
    }

    /// What the knot gives (see [`Band::award`]).
    pub fn award(&self) -> Option<Award> {
        award_of(self.deduct, self.score)
    }
}

strict_struct! {
/// One option of a [`Penalty::Rating`](crate::Penalty::Rating): "审读结果为良的，5分".
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct RatingOption as "RatingOption", "a rating option object {\"option\", \"deduct\" or \"score\"}" {
    /// The option's name, as the inspector records it: `良`.
    pub option: String,
    /// The deduction the option makes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduct: Option<Points>,
    /// The item's score for the option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Points>,
}
}

impl RatingOption {
    /// The option `option` giving `award`.
    pub fn new(option: impl Into<String>, award: Award) -> RatingOption {
        let (deduct, score) = split(award);
        RatingOption {
            option: option.into(),
            deduct,
            score,
        }
    }

    /// What the option gives (see [`Band::award`]).
    pub fn award(&self) -> Option<Award> {
        award_of(self.deduct, self.score)
    }
}

strict_struct! {
/// A multiplier an [`Penalty::Escalating`](crate::Penalty::Escalating) rule
/// declares and a finding may name: "经催办后仍未落实的加倍扣分" is
/// `{"name": "催办后仍未落实", "factor": "2"}`; "减半扣分" a factor of 0.5.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Multiplier as "Multiplier", "a multiplier object {\"name\", \"factor\"}" {
    /// The name a finding gives (`"multiplier": "催办后仍未落实"`).
    pub name: String,
    /// The factor: more than 0, at most 100.
    #[serde(with = "crate::points::decimal_serde")]
    pub factor: Decimal,
}
}

impl Multiplier {
    /// The multiplier `name` with `factor`.
    pub fn new(name: impl Into<String>, factor: Decimal) -> Multiplier {
        Multiplier {
            name: name.into(),
            factor,
        }
    }

    /// How a reason names the factor: `加倍` for 2, `减半` for 0.5, else
    /// `按2.5倍`.
    pub(crate) fn words(&self) -> String {
        if self.factor == Decimal::TWO {
            "加倍".to_owned()
        } else if self.factor == Decimal::new(5, 1) {
            "减半".to_owned()
        } else {
            format!("按{}倍", self.factor.normalize())
        }
    }
}

/// Which side of its target a measured value falls short on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// Below the target is short ("每降低1个百分点", "未达100%").
    Below,
    /// Above the target is short ("每超1岁", "每增加1个百分点").
    Above,
}

/// How a [`Penalty::Linear`](crate::Penalty::Linear) rule counts a step
/// only partly reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Partial {
    /// Only whole steps count: 2.5 points short at a step of 1 is 2 steps.
    Whole,
    /// Any step begun counts: 2.5 short is 3 steps.
    Started,
    /// In proportion: 2.5 short is 2.5 steps (the deduction is rounded as
    /// the rubric declares).
    Exact,
}

/// What a [`Trigger::Cadence`](crate::Trigger::Cadence) with a minimum
/// counts as a breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Shortfall {
    /// Each period with fewer than the minimum ("每月…未达2次，扣1分").
    #[default]
    Period,
    /// Each occurrence missing from the minimum ("全年上报5次以上，每少一次扣1分").
    Occurrence,
}

impl Shortfall {
    pub(crate) fn is_period(&self) -> bool {
        *self == Shortfall::Period
    }
}

/// How a rounded value is rounded: the strategies rubrics name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// 四舍五入: halves away from zero.
    HalfUp,
    /// 四舍六入五成双: halves to the even digit.
    HalfEven,
    /// 去尾 (截断): toward zero.
    Down,
    /// 进一: away from zero.
    Up,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        }
    }

    /// The words a reason uses: `四舍五入`.
    pub fn words(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "四舍五入",
            RoundingMode::HalfEven => "四舍六入五成双",
            RoundingMode::Down => "去尾",
            RoundingMode::Up => "进一",
        }
    }
}

strict_struct! {
/// The rounding a rubric declares for the shapes that divide (proportional
/// scores, exact partial steps, interpolation): "保留两位小数，四舍五入" is
/// `{"places": 2, "mode": "half_up"}`. Rounding happens there and only
/// there, and the scorecard says where it did.
///
/// ```
/// use ducha::{Decimal, Rounding, RoundingMode};
///
/// let r = Rounding::new(2, RoundingMode::HalfUp);
/// assert_eq!(r.round(Decimal::new(12125, 3)).to_string(), "12.13");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Rounding as "Rounding", "a rounding object {\"places\", \"mode\"}" {
    /// Decimal places kept, at most [`Points::MAX_SCALE`].
    pub places: u32,
    /// How the last place is rounded.
    pub mode: RoundingMode,
}
}

impl Rounding {
    /// Rounding to `places` decimal places by `mode`.
    pub fn new(places: u32, mode: RoundingMode) -> Rounding {
        Rounding { places, mode }
    }

    /// `value` rounded.
    pub fn round(self, value: Decimal) -> Decimal {
        value
            .round_dp_with_strategy(self.places, self.mode.strategy())
            .normalize()
    }

    /// The words a reason uses: `保留2位小数四舍五入`.
    pub(crate) fn words(self) -> String {
        if self.places == 0 {
            format!("取整{}", self.mode.words())
        } else {
            format!("保留{}位小数{}", self.places, self.mode.words())
        }
    }
}

/// Which rule of an [`Exclusive`] group deducts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Keep {
    /// The largest deduction ("就高"); on a tie, the rule listed first.
    Largest,
    /// The first rule listed that has a breach.
    First,
}

strict_struct! {
/// Rules that never deduct twice for one thing ("不重复扣分", "就高",
/// "已按其他指标扣分的，本指标项下不重复扣分"), in one item or across items:
/// only one of them deducts; the others keep their raw deduction in the
/// scorecard, apply nothing, and their reasons say so.
///
/// ```
/// use ducha::{Exclusive, Id, Keep};
///
/// let group = Exclusive::new([Id::new("4a")?, Id::new("9a")?], Keep::Largest);
/// assert_eq!(group.rules.len(), 2);
/// # Ok::<(), ducha::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Exclusive as "Exclusive", "an exclusive group object {\"rules\", \"keep\"}" {
    /// The rules, at least two, each in at most one group.
    pub rules: Vec<Id>,
    /// Which one deducts.
    pub keep: Keep,
}
}

impl Exclusive {
    /// A group of `rules` of which only the one `keep` picks deducts.
    pub fn new(rules: impl IntoIterator<Item = Id>, keep: Keep) -> Exclusive {
        Exclusive {
            rules: rules.into_iter().collect(),
            keep,
        }
    }
}

/// Why a rule's shape is invalid
/// ([`RubricError::InvalidShape`](crate::RubricError::InvalidShape)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShapeProblem {
    /// The penalty cannot price what the trigger reads.
    Mismatch {
        /// The penalty's kind (`linear`).
        penalty: &'static str,
        /// The trigger's kind (`flag`).
        trigger: &'static str,
        /// The triggers the penalty prices.
        needs: &'static str,
    },
    /// A list that must not be empty is.
    Empty {
        /// The field (`amounts`).
        what: &'static str,
    },
    /// A table is out of order or malformed.
    Order {
        /// What is wrong.
        what: &'static str,
    },
    /// A value lies outside the trigger's measure.
    Domain {
        /// The field (`target`).
        what: &'static str,
        /// The value.
        value: Decimal,
        /// The trigger's measure.
        measure: crate::Measure,
    },
    /// A table entry does not give exactly one of `deduct` or `score`.
    Award {
        /// The table (`bands`).
        what: &'static str,
        /// The entry, from 0.
        index: usize,
    },
    /// A table entry gives more than the item's points.
    AboveItem {
        /// The table (`options`).
        what: &'static str,
        /// The entry, from 0.
        index: usize,
        /// What it gives.
        points: Points,
        /// The item's points.
        item: Points,
    },
    /// A name listed twice.
    Duplicate {
        /// What the name names (`option`).
        what: &'static str,
        /// The name.
        name: String,
    },
    /// A value out of its allowed range.
    Value {
        /// The field (`step`).
        what: &'static str,
        /// The value.
        value: Decimal,
        /// What it must be.
        expected: &'static str,
    },
    /// Amounts times factors need more decimal places than points have.
    TooPrecise {
        /// The field (`multipliers`).
        what: &'static str,
    },
    /// The rule divides, and the rubric declares no `rounding`.
    NeedsRounding,
}

impl std::fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShapeProblem::Mismatch {
                penalty,
                trigger,
                needs,
            } => write!(
                f,
                "a `{penalty}` penalty cannot price a `{trigger}` trigger; it needs {needs}"
            ),
            ShapeProblem::Empty { what } => write!(f, "`{what}` is empty"),
            ShapeProblem::Order { what } => f.write_str(what),
            ShapeProblem::Domain {
                what,
                value,
                measure,
            } => write!(
                f,
                "`{what}` `{}` is outside its measure, {measure}",
                value.normalize()
            ),
            ShapeProblem::Award { what, index } => write!(
                f,
                "`{what}[{index}]` needs exactly one of `deduct` or `score`"
            ),
            ShapeProblem::AboveItem {
                what,
                index,
                points,
                item,
            } => write!(
                f,
                "`{what}[{index}]` gives `{points}`, more than the item's {item} points"
            ),
            ShapeProblem::Duplicate { what, name } => {
                write!(f, "{what} `{name}` is listed twice")
            }
            ShapeProblem::Value {
                what,
                value,
                expected,
            } => write!(f, "`{what}` `{}` must be {expected}", value.normalize()),
            ShapeProblem::TooPrecise { what } => write!(
                f,
                "`{what}` times the amounts need more than {} decimal places",
                Points::MAX_SCALE
            ),
            ShapeProblem::NeedsRounding => {
                f.write_str("it divides, so the rubric must declare a `rounding` (places and mode)")
            }
        }
    }
}

/// What a valid shape asks of the plan: the decimal places its amounts
/// need, and whether it divides (and so needs the rubric's rounding).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Needs {
    pub(crate) scale: u32,
    pub(crate) divides: bool,
}

impl Needs {
    fn points(&mut self, p: Points) {
        self.scale = self.scale.max(p.get().scale());
    }
}

/// Checks a rule's penalty against its trigger and its item's points.
pub(crate) fn validate(rule: &crate::Rule, item: Points) -> Result<Needs, ShapeProblem> {
    use crate::{Penalty, Trigger};
    let mut needs = Needs::default();
    let trigger = rule.trigger.kind_name();
    let mismatch = |needs: &'static str| ShapeProblem::Mismatch {
        penalty: rule.penalty.kind_name(),
        trigger,
        needs,
    };
    let measure = match rule.trigger {
        Trigger::Measured { measure } => Some(measure),
        // A place is priced as a count.
        Trigger::Peer { compare, .. } if compare.is_rank() => Some(crate::Measure::Count),
        _ => None,
    };
    let counts = match rule.trigger {
        Trigger::Measured { .. } | Trigger::Rating => false,
        Trigger::Peer { compare, .. } => !compare.is_rank(),
        _ => true,
    };
    let in_domain = |what: &'static str, value: Decimal| match measure {
        Some(m) if !m.contains(value) => Err(ShapeProblem::Domain {
            what,
            value,
            measure: m,
        }),
        _ => Ok(()),
    };
    let within_item = |what: &'static str, index: usize, award: Option<Award>| match award {
        None => Err(ShapeProblem::Award { what, index }),
        Some(Award::Deduct(p) | Award::Score(p)) if p > item => Err(ShapeProblem::AboveItem {
            what,
            index,
            points: p,
            item,
        }),
        Some(_) => Ok(()),
    };
    if let Some(cap) = rule.penalty.cap() {
        needs.points(cap);
    }
    match &rule.penalty {
        Penalty::Flat { points }
        | Penalty::PerOccurrence { points }
        | Penalty::Capped { points, .. } => {
            if !counts {
                return Err(mismatch(
                    "a trigger that counts breaches (flag, count, threshold, deadline, cadence, a peer mean)",
                ));
            }
            needs.points(*points);
        }
        Penalty::Escalating {
            amounts,
            multipliers,
            ..
        } => {
            if !counts {
                return Err(mismatch(
                    "a trigger that counts breaches (flag, count, threshold, deadline, cadence, a peer mean)",
                ));
            }
            if amounts.is_empty() {
                return Err(ShapeProblem::Empty { what: "amounts" });
            }
            for p in amounts {
                needs.points(*p);
            }
            let amount_scale = needs.scale;
            for (i, m) in multipliers.iter().enumerate() {
                if multipliers.iter().take(i).any(|o| o.name == m.name) {
                    return Err(ShapeProblem::Duplicate {
                        what: "multiplier",
                        name: m.name.clone(),
                    });
                }
                if m.factor <= Decimal::ZERO || m.factor > Decimal::ONE_HUNDRED {
                    return Err(ShapeProblem::Value {
                        what: "factor",
                        value: m.factor,
                        expected: "more than 0 and at most 100",
                    });
                }
                let places = amount_scale + m.factor.normalize().scale();
                if places > Points::MAX_SCALE {
                    return Err(ShapeProblem::TooPrecise {
                        what: "multipliers",
                    });
                }
                needs.scale = needs.scale.max(places);
            }
        }
        Penalty::Range { min, max, .. } => {
            if !matches!(rule.trigger, Trigger::Flag | Trigger::Count) {
                return Err(mismatch(
                    "a `flag` trigger (one amount) or a `count` trigger (an amount per finding)",
                ));
            }
            if min > max {
                return Err(ShapeProblem::Value {
                    what: "min",
                    value: min.get(),
                    expected: "at most `max`",
                });
            }
            needs.points(*min);
            needs.points(*max);
        }
        Penalty::Linear {
            direction,
            target,
            step,
            points,
            partial,
            cutoff,
            ..
        } => {
            if measure.is_none() {
                return Err(mismatch("a `measured` trigger (or a peer rank)"));
            }
            in_domain("target", *target)?;
            if *step <= Decimal::ZERO {
                return Err(ShapeProblem::Value {
                    what: "step",
                    value: *step,
                    expected: "more than 0",
                });
            }
            if let Some(c) = cutoff {
                in_domain("cutoff", *c)?;
                let short_side = match direction {
                    Direction::Below => *c <= *target,
                    Direction::Above => *c >= *target,
                };
                if !short_side {
                    return Err(ShapeProblem::Value {
                        what: "cutoff",
                        value: *c,
                        expected: "on the short side of `target`",
                    });
                }
            }
            needs.points(*points);
            needs.divides = *partial == Partial::Exact;
        }
        Penalty::Proportional { target, points } => {
            if measure.is_none() {
                return Err(mismatch("a `measured` trigger (or a peer rank)"));
            }
            in_domain("target", *target)?;
            if *target <= Decimal::ZERO {
                return Err(ShapeProblem::Value {
                    what: "target",
                    value: *target,
                    expected: "more than 0",
                });
            }
            needs.points(*points);
            needs.divides = true;
        }
        Penalty::Bands { bands } => {
            let Some(m) = measure else {
                return Err(mismatch("a `measured` trigger (or a peer rank)"));
            };
            let Some((last, bounded)) = bands.split_last() else {
                return Err(ShapeProblem::Empty { what: "bands" });
            };
            if last.at_least.is_some() || last.at_most.is_some() {
                return Err(ShapeProblem::Order {
                    what: "the last band must have no bound: it takes every value the bands before it do not",
                });
            }
            if bounded.is_empty() {
                return Err(ShapeProblem::Order {
                    what: "`bands` needs at least one bounded band before the last",
                });
            }
            let lower = bounded.first().is_some_and(|b| b.at_least.is_some());
            let mut previous: Option<Decimal> = None;
            for (index, band) in bands.iter().enumerate() {
                within_item("bands", index, band.award())?;
                if let Some(p) = band.deduct.or(band.score) {
                    needs.points(p);
                }
                if index + 1 == bands.len() {
                    break;
                }
                let bound = match (band.at_least, band.at_most, lower) {
                    (Some(b), None, true) | (None, Some(b), false) => b,
                    _ => {
                        return Err(ShapeProblem::Order {
                            what: "every band but the last gives one bound, all `at_least` or all `at_most`",
                        });
                    }
                };
                in_domain(if lower { "at_least" } else { "at_most" }, bound)?;
                if let Some(p) = previous {
                    let ordered = if lower { bound < p } else { bound > p };
                    if !ordered {
                        return Err(ShapeProblem::Order {
                            what: "band bounds must be strictly ordered: `at_least` decreasing, `at_most` increasing",
                        });
                    }
                }
                previous = Some(bound);
            }
            let _ = m;
        }
        Penalty::Interpolate { knots } => {
            if measure.is_none() {
                return Err(mismatch("a `measured` trigger (or a peer rank)"));
            }
            if knots.len() < 2 {
                return Err(ShapeProblem::Order {
                    what: "`knots` needs at least two knots",
                });
            }
            let scored = knots.first().is_some_and(|k| k.score.is_some());
            for (index, knot) in knots.iter().enumerate() {
                within_item("knots", index, knot.award())?;
                if knot.score.is_some() != scored {
                    return Err(ShapeProblem::Order {
                        what: "`knots` must be all deductions or all scores",
                    });
                }
                in_domain("value", knot.value)?;
                if let Some(p) = knot.deduct.or(knot.score) {
                    needs.points(p);
                }
            }
            if knots
                .windows(2)
                .any(|w| matches!(w, [a, b] if a.value >= b.value))
            {
                return Err(ShapeProblem::Order {
                    what: "knot values must be strictly increasing",
                });
            }
            needs.divides = true;
        }
        Penalty::Rating { options } => {
            if !matches!(rule.trigger, Trigger::Rating) {
                return Err(mismatch("a `rating` trigger"));
            }
            if options.is_empty() {
                return Err(ShapeProblem::Empty { what: "options" });
            }
            for (index, option) in options.iter().enumerate() {
                within_item("options", index, option.award())?;
                if let Some(p) = option.deduct.or(option.score) {
                    needs.points(p);
                }
                let name = option.option.as_str();
                let numeric_start = name
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'));
                if numeric_start && crate::points::parse_decimal(name).is_err() {
                    return Err(ShapeProblem::Order {
                        what: "an option's name must not be empty, and one that begins like a number must be a number (an inspector could not write it)",
                    });
                }
                if options
                    .iter()
                    .take(index)
                    .any(|o| o.option == option.option)
                {
                    return Err(ShapeProblem::Duplicate {
                        what: "option",
                        name: option.option.clone(),
                    });
                }
            }
        }
    }
    if let Trigger::Cadence { at_least: 0, .. } = rule.trigger {
        return Err(ShapeProblem::Value {
            what: "at_least",
            value: Decimal::ZERO,
            expected: "at least 1",
        });
    }
    for (i, ground) in rule.exemptions.iter().enumerate() {
        if ground.is_empty() || rule.exemptions.iter().take(i).any(|g| g == ground) {
            return Err(ShapeProblem::Duplicate {
                what: "exemption ground",
                name: ground.clone(),
            });
        }
    }
    Ok(needs)
}

strict_struct! {
/// One grade of a rubric's [`grades`](crate::RubricSpec::grades) table:
/// "90分以上为优秀" is `{"at_least": "90", "label": "优秀"}`. The table runs
/// from the best grade down; the last grade has no bound and takes every
/// other score ("60分以下为不合格").
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Grade as "Grade", "a grade object {\"at_least\", \"label\"}" {
    /// The least final score of the grade (none for the last).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub at_least: Option<Decimal>,
    /// The grade's name: `优秀`, `甲级`.
    pub label: String,
}
}

impl Grade {
    /// The grade `label` for final scores of at least `at_least` (none: the
    /// last grade, every other score).
    pub fn new(at_least: Option<Decimal>, label: impl Into<String>) -> Grade {
        Grade {
            at_least,
            label: label.into(),
        }
    }
}

strict_struct! {
/// When a [`Bonus`] section counts: the base score must be above a value
/// (`{"above": "80"}`, "高于80分，则进入加分指标评分环节") or at least one
/// (`{"at_least": "80"}`). Exactly one of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Gate as "Gate", "a gate object {\"above\"} or {\"at_least\"}" {
    /// The base score must be above this.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub above: Option<Decimal>,
    /// The base score must be at least this.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub at_least: Option<Decimal>,
}
}

impl Gate {
    /// Whether a base score of `base` opens the gate.
    pub fn opens(self, base: Decimal) -> bool {
        match (self.above, self.at_least) {
            (Some(a), _) => base > a,
            (None, Some(l)) => base >= l,
            (None, None) => true,
        }
    }

    /// Why a base score does not open the gate, for reasons: `未高于80分`.
    pub(crate) fn closed_words(self) -> String {
        match (self.above, self.at_least) {
            (Some(a), _) => format!("未高于{}分", a.normalize()),
            (None, Some(l)) => format!("低于{}分", l.normalize()),
            (None, None) => String::new(),
        }
    }
}

strict_struct! {
/// A bonus section (加分项) outside the declared total: items whose rules
/// credit points instead of deducting them, each item earning at most its
/// points and the section at most its `cap` ("加分项累计不超过3分"); counted
/// only if the base score opens its `gate`. The final score is the base
/// score plus the bonus, and may exceed the declared total.
///
/// Bonus rules use every trigger and pricing shape: "积极分子达到5人以上的，每增加1人加0.5分，
/// 最高加2分" is a count priced `capped(0.5, 2)`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Bonus as "Bonus", "a bonus section object" {
    /// Unique key of the section (`"B"`).
    pub id: Id,
    /// The name the document prints (`加分项`).
    pub name: String,
    /// The most the section adds.
    pub cap: Points,
    /// When the section counts; always without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
    /// The bonus items, in document order.
    pub items: Vec<crate::Item>,
}
}

impl Bonus {
    /// A bonus section `id` named `name` adding at most `cap` from `items`.
    pub fn new(id: Id, name: impl Into<String>, cap: Points, items: Vec<crate::Item>) -> Bonus {
        Bonus {
            id,
            name: name.into(),
            cap,
            gate: None,
            items,
        }
    }

    /// The same section, counted only where `gate` opens.
    #[must_use]
    pub fn with_gate(mut self, gate: Gate) -> Bonus {
        self.gate = Some(gate);
        self
    }
}

/// What a [`Veto`] overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VetoScope {
    /// The rule's item scores 0 ("整个项得0分").
    Item,
    /// The indicator holding the rule's item scores 0.
    Indicator,
    /// The whole card: a fixed final score and/or a forced grade
    /// ("即判定为不合格（59分），不再对其他指标进行评分").
    Card,
}

strict_struct! {
/// A veto (一票否决): a rule whose breach sets an outcome. Every other rule
/// is still evaluated and reported; the scorecard lists each veto that
/// fired and what it overrode.
///
/// - `{"scope": "item"}`: the rule's item scores 0.
/// - `{"scope": "indicator"}`: the indicator holding its item scores 0.
/// - `{"scope": "card", "score": "59", "grade": "不合格"}`: the final score
///   is fixed (bonus and all) and/or the grade forced; at least one of the
///   two.
///
/// Where several fire, all are listed and all zeroings apply; of the card
/// vetoes, the lowest fixed score wins (the first in document order on a
/// tie), and the grade is that veto's, else the first forced grade in
/// document order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Veto as "Veto", "a veto object {\"scope\", \"score\"?, \"grade\"?}" {
    /// What the veto overrides.
    pub scope: VetoScope,
    /// For a card veto, the final score it fixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Points>,
    /// For a card veto, the grade it forces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
}
}

impl Veto {
    /// A veto zeroing the rule's item.
    pub fn item() -> Veto {
        Veto {
            scope: VetoScope::Item,
            score: None,
            grade: None,
        }
    }

    /// A veto zeroing the indicator holding the rule's item.
    pub fn indicator() -> Veto {
        Veto {
            scope: VetoScope::Indicator,
            ..Veto::item()
        }
    }

    /// A card veto fixing the final score and/or forcing the grade.
    pub fn card(score: Option<Points>, grade: Option<String>) -> Veto {
        Veto {
            scope: VetoScope::Card,
            score,
            grade,
        }
    }
}

/// Checks a veto: a card veto fixes a score or forces a grade (or both);
/// an item or indicator veto does neither; a bonus rule is no veto.
/// Returns the fixed score, whose places the plan's scale must hold.
pub(crate) fn check_veto(veto: &Veto, in_bonus: bool) -> Result<Option<Points>, ShapeProblem> {
    if in_bonus {
        return Err(ShapeProblem::Order {
            what: "a bonus rule cannot be a veto",
        });
    }
    match veto.scope {
        VetoScope::Card if veto.score.is_none() && veto.grade.is_none() => {
            Err(ShapeProblem::Order {
                what: "a card veto fixes a `score` or forces a `grade` (or both)",
            })
        }
        VetoScope::Card if veto.grade.as_deref().is_some_and(|g| g.trim().is_empty()) => {
            Err(ShapeProblem::Order {
                what: "a card veto's `grade` is empty",
            })
        }
        VetoScope::Item | VetoScope::Indicator if veto.score.is_some() || veto.grade.is_some() => {
            Err(ShapeProblem::Order {
                what: "an item or indicator veto zeroes its node: it takes no `score` or `grade`",
            })
        }
        _ => Ok(veto.score),
    }
}

/// Checks a gate: exactly one bound.
pub(crate) fn check_gate(gate: Gate) -> Result<(), ShapeProblem> {
    if gate.above.is_some() == gate.at_least.is_some() {
        return Err(ShapeProblem::Order {
            what: "a bonus gate gives exactly one of `above` or `at_least`",
        });
    }
    Ok(())
}

strict_struct! {
/// A penalty section (扣分项) outside the declared total: items whose rules
/// deduct from the final score, each item at most its points, the section
/// at most its `cap` ("扣分项不设上限": no cap). The final score is the base
/// score plus any bonus minus the penalties, never below the rubric's
/// floor (0 by default).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Penalties as "Penalties", "a penalty section object" {
    /// Unique key of the section (`"K"`).
    pub id: Id,
    /// The name the document prints (`扣分项`).
    pub name: String,
    /// The most the section deducts; none: no cap beyond its items'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Points>,
    /// The penalty items, in document order.
    pub items: Vec<crate::Item>,
}
}

impl Penalties {
    /// A penalty section `id` named `name` deducting from `items`, without
    /// a cap of its own.
    pub fn new(id: Id, name: impl Into<String>, items: Vec<crate::Item>) -> Penalties {
        Penalties {
            id,
            name: name.into(),
            cap: None,
            items,
        }
    }
}

/// Checks a floor: 0 or below, at least −[`Points::MAX`], at most
/// [`Points::MAX_SCALE`] places.
pub(crate) fn check_floor(floor: Decimal) -> Result<(), ShapeProblem> {
    if floor > Decimal::ZERO
        || floor < -Points::MAX.get()
        || floor.normalize().scale() > Points::MAX_SCALE
    {
        return Err(ShapeProblem::Value {
            what: "floor",
            value: floor,
            expected: "0 or below (at least -1000000000, at most 6 decimal places)",
        });
    }
    Ok(())
}

/// What marking an item not applicable (合理缺项) means, as the rubric
/// declares it for the items under a node: on the rubric
/// ([`RubricSpec::not_applicable`](crate::RubricSpec::not_applicable)) or on
/// an indicator ([`Indicator::not_applicable`](crate::Indicator::not_applicable)),
/// the nearest declaration above an item governing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NaPolicy {
    /// The item scores full marks ("此处不失分").
    Full,
    /// The item is left out and the declaring node rescaled to its points:
    /// "标化分=所得的分数除以该单位应得的最高分数×100" — the node scores what it
    /// earned ÷ its applicable points × its points, rounded as the rubric
    /// declares. On the rubric, the base score is rescaled to the total.
    Rescale,
    /// The item's points go to its applicable sibling items in proportion
    /// to their points ("把办事服务的分值…计入其他指标中"), each share rounded as
    /// the rubric declares and the last sibling taking what rounding left,
    /// so the points still add up; the item then has 0 points. Where no
    /// sibling is applicable, the points stay and the item keeps full marks.
    /// The siblings' rules deduct what they deduct as written (a band or a
    /// rating that gives a score deducts it from the item's written
    /// points); what grows is the bound: the item's points with its share.
    Redistribute,
}
