//! Deduction rules: a trigger that counts breaches, a penalty that prices them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::shape::{Band, Direction, Knot, Multiplier, Partial, RatingOption, Shortfall};
use crate::strict::{map_only, strict_enum, strict_struct};
use crate::{Id, Points};

strict_struct! {
/// One clause of a scoring standard (督查评分标准): what it reads, how it
/// counts breaches and what they cost.
///
/// ```
/// use ducha::{Id, Penalty, Points, Rule, Trigger};
///
/// // Seed item 7: "发现一起扣1分，扣完5分为止".
/// let rule = Rule::new(
///     Id::new("7a")?,
///     "抽查任务完成后20个工作日内未公示抽查检查结果",
///     Trigger::Count,
///     Penalty::capped(Points::whole(1), Points::whole(5)),
/// );
/// assert_eq!(rule.penalty.checked_deduction(7), Some(5.into()));
/// # Ok::<(), ducha::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Rule as "Rule", "a rule object" {
    /// Unique key of the rule; inspections name facts by it (`"7a"`).
    pub id: Id,
    /// A short statement of the breach, used to open the reason for a
    /// deduction: `未明确日常联络员`.
    pub label: String,
    /// The clause as the document prints it (督查评分标准).
    pub text: String,
    /// The measure word a reason counts breaches in: `起` (cases, the
    /// default), `次` (times), `项` (tasks).
    #[serde(default = "default_unit")]
    pub unit: String,
    /// Which fact the rule reads and how it counts breaches.
    pub trigger: Trigger,
    /// What the breaches cost.
    pub penalty: Penalty,
    /// The grounds on which a finding or case may be exempt
    /// ("除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外"). Empty: any
    /// ground the inspector gives is accepted; otherwise any other ground
    /// is an error. Exempt findings deduct nothing and are counted apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemptions: Vec<String>,
    /// What a breach overrides beyond the rule's own deduction, if the rule
    /// is a veto (一票否决).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<crate::Veto>,
}
}

map_only!(TriggerRepr, "a trigger object");

impl Rule {
    /// A rule with this id, label (the opening of its reasons), trigger and
    /// penalty; its text empty and its unit `起`.
    ///
    /// ```
    /// use ducha::{Id, Penalty, Points, Rule, Trigger};
    ///
    /// // Seed item 7: "发现一起扣1分，扣完5分为止".
    /// let rule = Rule::new(
    ///     Id::new("7a")?,
    ///     "抽查任务完成后20个工作日内未公示抽查检查结果",
    ///     Trigger::Count,
    ///     Penalty::capped(Points::whole(1), Points::whole(5)),
    /// )
    /// .with_text("在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。");
    /// assert_eq!(rule.unit, "起");
    /// assert_eq!(rule.penalty.checked_deduction(7), Some(5.into()));
    /// # Ok::<(), ducha::IdError>(())
    /// ```
    pub fn new(id: Id, label: impl Into<String>, trigger: Trigger, penalty: Penalty) -> Rule {
        Rule {
            id,
            label: label.into(),
            text: String::new(),
            unit: default_unit(),
            trigger,
            penalty,
            exemptions: Vec::new(),
            veto: None,
        }
    }

    /// The same rule as a veto: its breach overrides as `veto` says.
    #[must_use]
    pub fn with_veto(mut self, veto: crate::Veto) -> Rule {
        self.veto = Some(veto);
        self
    }

    /// The same rule with the clause as the document prints it.
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Rule {
        self.text = text.into();
        self
    }

    /// The same rule accepting exemptions on these grounds only.
    #[must_use]
    pub fn with_exemptions<S: Into<String>>(
        mut self,
        grounds: impl IntoIterator<Item = S>,
    ) -> Rule {
        self.exemptions = grounds.into_iter().map(Into::into).collect();
        self
    }

    /// The same rule counting breaches in this measure word (`次`, `项`).
    #[must_use]
    pub fn with_unit(mut self, unit: impl Into<String>) -> Rule {
        self.unit = unit.into();
        self
    }
}

fn default_unit() -> String {
    "起".to_owned()
}

/// How a rule counts breaches, and so which type of fact it reads.
///
/// A fact of another type is an error that names the rule and the type it
/// expects ([`EvalError::WrongFactType`](crate::EvalError::WrongFactType)).
/// In JSON a trigger is an object tagged by `kind`: `{"kind": "flag"}`,
/// `{"kind": "deadline", "within": {"working_days": 20}, "after": "完成", "action": "公示"}`.
///
/// Every trigger also reads the hand-counted forms an inspector may have
/// recorded instead of dates or measures: date triggers take `true`/`false`,
/// one finding, a number of breaches or a list of findings; a threshold takes
/// `true`/`false` or findings (a number given to a threshold is the measured
/// value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Trigger {
    /// A yes/no finding: reads [`Fact::Flag`](crate::Fact::Flag) or one
    /// [`Fact::Finding`](crate::Fact::Finding). `true` (or a finding) is one
    /// breach, `false` none.
    Flag,
    /// A number of breaches: reads [`Fact::Count`](crate::Fact::Count), or
    /// [`Fact::Findings`](crate::Fact::Findings), one breach per finding.
    Count,
    /// A measured value against a minimum: reads
    /// [`Fact::Measure`](crate::Fact::Measure), a whole number or a
    /// [`Fact::Percent`](crate::Fact::Percent); below `min` is one breach.
    ///
    /// The rule declares what it measures ([`Measure`]), and a value
    /// outside that domain is refused
    /// ([`EvalError::OutOfDomain`](crate::EvalError::OutOfDomain)), so an
    /// inspector's `96` meaning 96 % is never read as a ratio of 96.
    ///
    /// Seed 12a, "确保检查实施清单完善率达到100%":
    /// `Threshold { min: 1, measure: Measure::Ratio }`; a measured `0.96`
    /// (or `"96%"`) is a breach, reported as "实测96%，应达到100%"; `1` is
    /// not; `96` is an error.
    Threshold {
        /// The lowest value that is not a breach, in the rule's measure (a
        /// ratio's `1` is 100 %).
        #[serde(with = "crate::points::decimal_serde")]
        min: Decimal,
        /// What the value measures: its domain, and how a reason prints it.
        measure: Measure,
    },
    /// Cases with a due date: reads [`Fact::Cases`](crate::Fact::Cases).
    ///
    /// Each case has a `due` date, or a `start` date to which the rule adds
    /// its time limit `within`, and a `done` date or none. A case done after
    /// its due date is a breach; a case not done and past due on the
    /// assessment date (`as_of`) is a breach; a case not done and not yet
    /// due is pending, no breach.
    ///
    /// Seed 7a, "在抽查任务完成后20个工作日内…公示": `within` 20 working days;
    /// a task completed 2026-09-24 is due 2026-10-29 (the Mid-Autumn and
    /// National Day holidays skipped), so results published 2026-11-03 are
    /// 3 working days late: one breach.
    Deadline {
        /// The time limit added to a case's `start`; `None` if cases carry
        /// their own `due` dates (seed 3a: "在规定时间内").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<Within>,
        /// What starts the clock, for reasons: `完成` (task completed),
        /// `产生` (information generated).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        after: String,
        /// What must be done by the due date, for reasons: `公示`, `报送`
        /// (default `完成`).
        action: String,
    },
    /// A duty due every period: reads [`Fact::Dates`](crate::Fact::Dates),
    /// the dates it was done; each period of the assessment window without
    /// one is a breach.
    ///
    /// Only periods wholly inside the window count: the window runs from the
    /// period's `from` to its `to`, or to `as_of` if earlier, and a month,
    /// quarter, half-year or year that the window covers only in part is not
    /// due (no breach with or without a date in it).
    ///
    /// Seed 1a, "分管领导每季度组织…学习": `Cadence { every: Quarter }`; over
    /// 2026 with sessions on 2026-03-12, 2026-06-18 and 2026-11-20, the third
    /// quarter has none: one breach.
    Cadence {
        /// The period in which the duty must be done.
        every: Every,
        /// How many times per period (at least 1; default 1): "每月平安巡防
        /// 志愿者活动未达2次" is 2.
        #[serde(skip_serializing_if = "is_one")]
        at_least: u32,
        /// What a short period counts as: one breach per short period (the
        /// default) or one per missing occurrence.
        #[serde(default, skip_serializing_if = "Shortfall::is_period")]
        short: Shortfall,
    },
    /// A measured value priced by its penalty as a whole (a
    /// [`Penalty::Linear`], [`Penalty::Proportional`], [`Penalty::Bands`]
    /// or [`Penalty::Interpolate`]): reads [`Fact::Measure`](crate::Fact::Measure),
    /// a whole number or a [`Fact::Percent`](crate::Fact::Percent), in the
    /// domain of its `measure` (as [`Trigger::Threshold`] does).
    Measured {
        /// What the value measures: its domain, and how a reason prints it.
        measure: Measure,
    },
    /// One option of a [`Penalty::Rating`] (优/良/中/差): reads
    /// [`Fact::Rating`](crate::Fact::Rating), the option's name (in JSON a
    /// string such as `"良"`).
    Rating,
    /// A measured value compared with the assessee's peers: above or below
    /// their mean ("活跃度高于全县平均水平加0.5分"), or the assessee's rank by
    /// it ("排名1-5名依次赋予60分、57分、54分、51分、48分"). Reads a measured
    /// value in the domain of `measure`, as [`Trigger::Measured`] does.
    ///
    /// In a batch ([`Rubric::evaluate_batch`](crate::Rubric::evaluate_batch))
    /// the statistic is computed over the batch: the mean of every
    /// assessee's value for the rule, or the assessee's place by it (ties
    /// share the higher place). Outside a batch the inspection gives it
    /// ([`Inspection::peers`](crate::Inspection::peers)); without it the
    /// rule is an error naming it
    /// ([`EvalError::MissingContext`](crate::EvalError::MissingContext)).
    ///
    /// `above_mean` and `below_mean` count one breach when the value is
    /// strictly above (below) the mean, priced as a count is (flat, per
    /// occurrence, capped); `rank` and `rank_ascending` give the place, 1
    /// for the highest (lowest) value, priced by a value penalty
    /// ([`Penalty::Bands`], [`Penalty::Interpolate`], [`Penalty::Linear`]) as
    /// a count.
    Peer {
        /// What the value measures: its domain, and how a reason prints it.
        measure: Measure,
        /// What the rule reads of the peers.
        compare: PeerCompare,
    },
}

/// What a [`Trigger::Peer`] reads of the assessee's peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeerCompare {
    /// A breach when the value is above the peers' mean (a bonus rule:
    /// "高于全县平均水平加0.5分").
    AboveMean,
    /// A breach when the value is below the peers' mean ("低于平均水平的扣1分").
    BelowMean,
    /// The place by value, the highest first (1 is the highest).
    Rank,
    /// The place by value, the lowest first (1 is the lowest: a count of
    /// complaints).
    RankAscending,
}

impl PeerCompare {
    /// Whether the rule reads a place (`rank`, `rank_ascending`) rather than
    /// the mean.
    pub fn is_rank(self) -> bool {
        matches!(self, PeerCompare::Rank | PeerCompare::RankAscending)
    }
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl Trigger {
    /// [`Trigger::Cadence`] once per period.
    pub fn cadence(every: Every) -> Trigger {
        Trigger::Cadence {
            every,
            at_least: 1,
            short: Shortfall::Period,
        }
    }
}

fn default_action() -> String {
    "完成".to_owned()
}

/// What a measured value is: its domain, and how reasons print it.
///
/// | measure | values | a percentage (`"96%"`) | printed |
/// |---|---|---|---|
/// | `ratio` | 0 to 1 | read as 0.96 | `96%` |
/// | `percent` | 0 to 100 | read as 96 | `96%` |
/// | `count` | whole numbers from 0 to 2^64 − 1 | refused | `3` |
/// | `amount` | any decimal | refused | `12.5` |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// A rate as a fraction of 1 (完善率, 完成率): `0.96`, or `"96%"`.
    Ratio,
    /// A rate in percent: `96`, or `"96%"`.
    Percent,
    /// A number of things: `3`.
    Count,
    /// Any other quantity (an amount of money, a score): `12.5`.
    Amount,
}

impl Measure {
    /// Whether `value` lies in this measure's domain.
    ///
    /// ```
    /// use ducha::{Decimal, Measure};
    ///
    /// assert!(Measure::Ratio.contains(Decimal::new(96, 2)));
    /// assert!(!Measure::Ratio.contains(Decimal::from(96)));
    /// assert!(Measure::Percent.contains(Decimal::from(96)));
    /// assert!(!Measure::Count.contains(Decimal::new(15, 1)));
    /// ```
    pub fn contains(self, value: Decimal) -> bool {
        match self {
            Measure::Ratio => value >= Decimal::ZERO && value <= Decimal::ONE,
            Measure::Percent => value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED,
            Measure::Count => {
                value >= Decimal::ZERO
                    && value.fract().is_zero()
                    && value <= Decimal::from(u64::MAX)
            }
            Measure::Amount => true,
        }
    }
}

impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Measure::Ratio => "a ratio from 0 to 1 (or a percentage such as `96%`)",
            Measure::Percent => "a percentage from 0 to 100",
            Measure::Count => "a whole number from 0 to 18446744073709551615",
            Measure::Amount => "a decimal number",
        })
    }
}

/// The JSON shape of a [`Trigger`], read strictly: serde's internally
/// tagged enums let unknown fields through on variants without fields
/// (`{"kind": "flag", "min": "1"}`), so every field is read here and each
/// kind takes only its own.
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct TriggerRepr {
    kind: TriggerKindRepr,
    #[serde(default, with = "crate::points::decimal_serde::option")]
    min: Option<Decimal>,
    #[serde(default)]
    within: Option<Within>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    every: Option<Every>,
    #[serde(default)]
    measure: Option<Measure>,
    #[serde(default)]
    at_least: Option<u32>,
    #[serde(default)]
    short: Option<Shortfall>,
    #[serde(default)]
    compare: Option<PeerCompare>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum TriggerKindRepr {
    Flag,
    Count,
    Threshold,
    Deadline,
    Cadence,
    Measured,
    Rating,
    Peer,
}

impl<'de> Deserialize<'de> for Trigger {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Trigger, D::Error> {
        use serde::de::Error;
        let r = TriggerRepr::deserialize(deserializer)?;
        let (name, allowed): (&str, &[&str]) = match r.kind {
            TriggerKindRepr::Flag => ("flag", &[]),
            TriggerKindRepr::Count => ("count", &[]),
            TriggerKindRepr::Threshold => ("threshold", &["min", "measure"]),
            TriggerKindRepr::Deadline => ("deadline", &["within", "after", "action"]),
            TriggerKindRepr::Cadence => ("cadence", &["every", "at_least", "short"]),
            TriggerKindRepr::Measured => ("measured", &["measure"]),
            TriggerKindRepr::Rating => ("rating", &[]),
            TriggerKindRepr::Peer => ("peer", &["measure", "compare"]),
        };
        let given = [
            ("min", r.min.is_some()),
            ("within", r.within.is_some()),
            ("after", r.after.is_some()),
            ("action", r.action.is_some()),
            ("every", r.every.is_some()),
            ("measure", r.measure.is_some()),
            ("at_least", r.at_least.is_some()),
            ("short", r.short.is_some()),
            ("compare", r.compare.is_some()),
        ];
        if let Some((field, _)) = given.iter().find(|(f, g)| *g && !allowed.contains(f)) {
            return Err(D::Error::custom(format_args!(
                "a `{name}` trigger takes no `{field}`"
            )));
        }
        Ok(match r.kind {
            TriggerKindRepr::Flag => Trigger::Flag,
            TriggerKindRepr::Count => Trigger::Count,
            TriggerKindRepr::Threshold => Trigger::Threshold {
                min: r.min.ok_or_else(|| D::Error::missing_field("min"))?,
                measure: r
                    .measure
                    .ok_or_else(|| D::Error::missing_field("measure"))?,
            },
            TriggerKindRepr::Deadline => Trigger::Deadline {
                within: r.within,
                after: r.after.unwrap_or_default(),
                action: r.action.unwrap_or_else(default_action),
            },
            TriggerKindRepr::Cadence => Trigger::Cadence {
                every: r.every.ok_or_else(|| D::Error::missing_field("every"))?,
                at_least: r.at_least.unwrap_or(1),
                short: r.short.unwrap_or_default(),
            },
            TriggerKindRepr::Measured => Trigger::Measured {
                measure: r
                    .measure
                    .ok_or_else(|| D::Error::missing_field("measure"))?,
            },
            TriggerKindRepr::Rating => Trigger::Rating,
            TriggerKindRepr::Peer => Trigger::Peer {
                measure: r
                    .measure
                    .ok_or_else(|| D::Error::missing_field("measure"))?,
                compare: r
                    .compare
                    .ok_or_else(|| D::Error::missing_field("compare"))?,
            },
        })
    }
}

/// A deadline's time limit: so many working days (工作日) or calendar days
/// after a case's start date, at most [`Within::MAX`].
///
/// In JSON: `{"working_days": 20}` or `{"days": 30}`: exactly one of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Within {
    /// The n-th working day strictly after the start date, on the rubric's
    /// [`Calendar`](crate::Calendar): weekends and public holidays skipped,
    /// make-up working days (调休) counted.
    WorkingDays(u32),
    /// The n-th calendar day after the start date.
    Days(u32),
}

impl Within {
    /// The longest time limit a rubric may set, in days of either kind: ten
    /// years of calendar days. [`Rubric::new`](crate::Rubric::new) refuses
    /// a longer one.
    pub const MAX: u32 = 3660;

    /// The number of days, of whichever kind.
    pub fn days(self) -> u32 {
        match self {
            Within::WorkingDays(n) | Within::Days(n) => n,
        }
    }
}

impl<'de> Deserialize<'de> for Within {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Within, D::Error> {
        #[derive(Deserialize)]
        #[serde(remote = "Self", deny_unknown_fields)]
        struct Repr {
            #[serde(default)]
            working_days: Option<u32>,
            #[serde(default)]
            days: Option<u32>,
        }
        map_only!(
            Repr,
            "a time limit object {\"working_days\": n} or {\"days\": n}"
        );
        match <Repr as Deserialize>::deserialize(deserializer)? {
            Repr {
                working_days: Some(n),
                days: None,
            } => Ok(Within::WorkingDays(n)),
            Repr {
                working_days: None,
                days: Some(n),
            } => Ok(Within::Days(n)),
            _ => Err(serde::de::Error::custom(
                "a time limit gives exactly one of `working_days` or `days`",
            )),
        }
    }
}

/// The period of a [`Trigger::Cadence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Every {
    /// Every calendar month (每月).
    Month,
    /// Every calendar quarter (每季度): January–March, April–June, …
    Quarter,
    /// Every half-year (每半年): January–June, July–December.
    HalfYear,
    /// Every calendar year (每年).
    Year,
}

impl Trigger {
    /// The kind of trigger, without its parameters.
    pub fn kind(&self) -> TriggerKind {
        match self {
            Trigger::Flag => TriggerKind::Flag,
            Trigger::Count => TriggerKind::Count,
            Trigger::Threshold { .. } => TriggerKind::Threshold,
            Trigger::Deadline { .. } => TriggerKind::Deadline,
            Trigger::Cadence { .. } => TriggerKind::Cadence,
            Trigger::Measured { .. } => TriggerKind::Measured,
            Trigger::Rating => TriggerKind::Rating,
            Trigger::Peer { .. } => TriggerKind::Peer,
        }
    }

    /// The kind's name as JSON spells it: `deadline`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Trigger::Flag => "flag",
            Trigger::Count => "count",
            Trigger::Threshold { .. } => "threshold",
            Trigger::Deadline { .. } => "deadline",
            Trigger::Cadence { .. } => "cadence",
            Trigger::Measured { .. } => "measured",
            Trigger::Rating => "rating",
            Trigger::Peer { .. } => "peer",
        }
    }

    /// What the trigger reads, for messages: `a flag (true, false or one finding)`.
    pub fn expects(&self) -> &'static str {
        self.kind().expects()
    }
}

/// The kind of a [`Trigger`]: what callers match on in
/// [`EvalError::WrongFactType`](crate::EvalError::WrongFactType); its
/// `Display` says what the kind reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TriggerKind {
    /// [`Trigger::Flag`].
    Flag,
    /// [`Trigger::Count`].
    Count,
    /// [`Trigger::Threshold`].
    Threshold,
    /// [`Trigger::Deadline`].
    Deadline,
    /// [`Trigger::Cadence`].
    Cadence,
    /// [`Trigger::Measured`].
    Measured,
    /// [`Trigger::Rating`].
    Rating,
    /// [`Trigger::Peer`].
    Peer,
}

impl TriggerKind {
    /// What a trigger of this kind reads, for messages.
    ///
    /// ```
    /// assert_eq!(ducha::TriggerKind::Flag.expects(), "a flag (true, false or one finding)");
    /// ```
    pub fn expects(self) -> &'static str {
        match self {
            TriggerKind::Flag => "a flag (true, false or one finding)",
            TriggerKind::Count => "a count (a whole number or a list of findings)",
            TriggerKind::Threshold => {
                "a measured value (a decimal or a percentage), or true/false or findings"
            }
            TriggerKind::Deadline => {
                "cases (a list of {start or due, done}), or a count, flag or findings"
            }
            TriggerKind::Cadence => "dates (a list of YYYY-MM-DD), or a count, flag or findings",
            TriggerKind::Measured => "a measured value (a decimal or a percentage)",
            TriggerKind::Rating => "a rating (the name of one of its options)",
            TriggerKind::Peer => {
                "a measured value (a decimal or a percentage) to compare with its peers"
            }
        }
    }
}

impl std::fmt::Display for TriggerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expects())
    }
}

strict_enum! {
/// What a rule's breaches cost, or how its measured value or rating is
/// priced.
///
/// In JSON a penalty is an object tagged by `kind`:
/// `{"kind": "capped", "points": "1", "cap": "5"}`. The first four kinds
/// price breaches counted by a flag, count, threshold, deadline or cadence
/// trigger; `range` prices amounts the inspector gives per breach; the
/// value kinds (`linear`, `proportional`, `bands`, `interpolate`) price the
/// value a [`Trigger::Measured`] reads; `rating` prices the option a
/// [`Trigger::Rating`] reads. [`Rubric::new`](crate::Rubric::new) refuses a
/// penalty with a trigger it cannot price.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
pub enum Penalty as "Penalty", "a penalty object" {
    /// A fixed deduction once there is any breach.
    ///
    /// "未明确日常联络员的扣2.5分" (seed 2b): `Flat { points: 2.5 }`;
    /// 0 breaches → 0, 1 breach → −2.5, 3 breaches → −2.5.
    Flat {
        /// The deduction.
        points: Points,
    },
    /// A deduction for each breach, with no cap of its own (the item's
    /// points still bound it).
    ///
    /// "每少一次扣2分" (seed 1a): `PerOccurrence { points: 2 }`;
    /// 3 breaches → −6.
    PerOccurrence {
        /// The deduction per breach.
        points: Points,
    },
    /// A deduction for each breach, at most `cap` in all ("扣完N分为止").
    ///
    /// "发现一起扣1分，扣完5分为止" (seed 7a):
    /// `Capped { points: 1, cap: 5 }`; 4 breaches → −4, 5 → −5, 7 → −5.
    Capped {
        /// The deduction per breach.
        points: Points,
        /// The most the rule deducts.
        cap: Points,
    },
    /// A deduction by the rank of the breach — the first costs `amounts[0]`,
    /// the second `amounts[1]`, …, and every breach past the list the last
    /// amount — times the multiplier a finding names.
    ///
    /// "三年以上未发展党员的，扣5分，每多一年加扣1分": `amounts: [5, 1]`;
    /// 3 breaches → −5 −1 −1 = −7. "每起扣1分，经催办后仍未落实的加倍扣分":
    /// `amounts: [1]`, `multipliers: [{"name": "催办后仍未落实", "factor": 2}]`;
    /// two findings, one of them named → −1 −2 = −3.
    Escalating {
        /// The deduction of the 1st, 2nd, … breach; the last repeats.
        amounts: Vec<Points>,
        /// Factors a finding may name (`"multiplier": "催办后仍未落实"`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        multipliers: Vec<Multiplier>,
        /// The most the rule deducts, if it has a cap of its own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Points>,
    },
    /// A discretionary deduction ("酌情扣0.5－2分", "每例酌情扣1－10分"): the
    /// inspector gives the amount with each finding (`{"note": …,
    /// "amount": "1.5"}`), which must lie in `min..=max` and have no more
    /// decimal places than the rubric's amounts. Once for a flag trigger,
    /// per finding for a count trigger; a breach without an amount is an
    /// error, never a silent minimum.
    Range {
        /// The least an amount may be.
        min: Points,
        /// The most an amount may be.
        max: Points,
        /// The most the rule deducts in all, if it has a cap of its own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Points>,
    },
    /// A deduction per step of shortfall from a target, on a measured value
    /// ("每降低1个百分点扣0.5分", "每减少10个百分点扣0.15分，扣完为止",
    /// "低于90%不得分").
    ///
    /// The shortfall is `target − value` (`below`) or `value − target`
    /// (`above`); it counts `shortfall ÷ step` steps, whole steps only, any
    /// step begun, or exactly ([`Partial`]); each step costs `points`, at
    /// most `cap`. Past the `cutoff` (below it for `below`, above it for
    /// `above`) the rule deducts its cap, or without one all its item can
    /// lose (its points, down to its floor where it has one), and counts a
    /// breach.
    ///
    /// Target 100 %, step 1 percentage point, 0.5 per step, whole steps: a
    /// measured 97.5 % is 2.5 points short, 2 steps, −1.
    Linear {
        /// Which side of the target is short.
        direction: Direction,
        /// The value that deducts nothing, in the trigger's measure.
        #[serde(with = "crate::points::decimal_serde")]
        target: Decimal,
        /// The size of a step, in the trigger's measure (`0.01` of a ratio
        /// is one percentage point); more than 0.
        #[serde(with = "crate::points::decimal_serde")]
        step: Decimal,
        /// The deduction per step.
        points: Points,
        /// How a step partly reached counts.
        partial: Partial,
        /// The most the rule deducts, if it has a cap of its own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cap: Option<Points>,
        /// Past this value the rule deducts its cap (or all the item can
        /// lose).
        #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
        cutoff: Option<Decimal>,
    },
    /// The rule's points times the achieved ratio (`value ÷ target`, at most
    /// 1), the rest deducted: "事件处理率*15分", "按完成比例得分". The score
    /// earned is rounded as the rubric declares.
    ///
    /// 15 points, target 100 %, a measured 80 %: 12 earned, −3.
    Proportional {
        /// The value that earns every point, in the trigger's measure; more
        /// than 0.
        #[serde(with = "crate::points::decimal_serde")]
        target: Decimal,
        /// The points at stake.
        points: Points,
    },
    /// An ordered table of bands on a measured value ("≥90分得满分，≥80分得4分，
    /// ≥70分得2分，≥60分得1分，＜60分不得分"): the first band that holds the value
    /// gives the deduction or the item's score.
    Bands {
        /// The bands, best first; the last has no bound.
        bands: Vec<Band>,
    },
    /// A straight line between knots on a measured value, flat past the
    /// ends ("低于(含)90%,不得分。高于90%的,按线性内插赋分"). The award read off
    /// the line is rounded as the rubric declares.
    ///
    /// Knots (90 %, score 0) and (100 %, score 5): a measured 95 % scores
    /// 2.5, −2.5; 85 % scores 0.
    Interpolate {
        /// The knots, by increasing value; at least two, all deductions or
        /// all scores.
        knots: Vec<Knot>,
    },
    /// Points by a qualitative rating ("审读结果为优的10分；良的5分…"): each
    /// option with its deduction or the item's score; an option the rule
    /// does not list is an error naming the valid ones.
    Rating {
        /// The options, each name once.
        options: Vec<RatingOption>,
    },
}
}

impl Penalty {
    /// [`Penalty::Flat`]: `points` once there is any breach.
    pub fn flat(points: Points) -> Penalty {
        Penalty::Flat { points }
    }

    /// [`Penalty::PerOccurrence`]: `points` for each breach.
    pub fn per_occurrence(points: Points) -> Penalty {
        Penalty::PerOccurrence { points }
    }

    /// [`Penalty::Capped`]: `points` for each breach, at most `cap`.
    pub fn capped(points: Points, cap: Points) -> Penalty {
        Penalty::Capped { points, cap }
    }

    /// The deduction for `breaches` breaches of a penalty that prices
    /// breaches by their number alone (flat, per occurrence, capped,
    /// escalating without multipliers), after the rule's own cap but before
    /// any node's bound; `None` if it overflows a [`Decimal`] or the
    /// penalty prices something else (amounts, values, ratings).
    ///
    /// ```
    /// use ducha::{Penalty, Points};
    ///
    /// let p = Penalty::Capped { points: Points::whole(1), cap: Points::whole(5) };
    /// assert_eq!(p.checked_deduction(0), Some(0.into()));
    /// assert_eq!(p.checked_deduction(4), Some(4.into()));
    /// assert_eq!(p.checked_deduction(7), Some(5.into()));
    /// ```
    pub fn checked_deduction(&self, breaches: u64) -> Option<Decimal> {
        let n = Decimal::from(breaches);
        match self {
            Penalty::Flat { points } => Some(if breaches > 0 {
                points.get()
            } else {
                Decimal::ZERO
            }),
            Penalty::PerOccurrence { points } => points.get().checked_mul(n),
            Penalty::Capped { points, cap } => Some(points.get().checked_mul(n)?.min(cap.get())),
            Penalty::Escalating { amounts, cap, .. } => {
                let raw = crate::price::escalated(amounts, breaches)?;
                Some(cap.map_or(raw, |c| raw.min(c.get())))
            }
            Penalty::Range { .. }
            | Penalty::Linear { .. }
            | Penalty::Proportional { .. }
            | Penalty::Bands { .. }
            | Penalty::Interpolate { .. }
            | Penalty::Rating { .. } => None,
        }
    }

    /// The deduction for one breach, for the penalties that have one
    /// (flat, per occurrence, capped; the first amount of an escalating
    /// one); `None` for the others.
    pub fn points(&self) -> Option<Points> {
        match self {
            Penalty::Flat { points }
            | Penalty::PerOccurrence { points }
            | Penalty::Capped { points, .. } => Some(*points),
            Penalty::Escalating { amounts, .. } => amounts.first().copied(),
            Penalty::Range { .. }
            | Penalty::Linear { .. }
            | Penalty::Proportional { .. }
            | Penalty::Bands { .. }
            | Penalty::Interpolate { .. }
            | Penalty::Rating { .. } => None,
        }
    }

    /// The rule's own cap, if it has one.
    pub fn cap(&self) -> Option<Points> {
        match self {
            Penalty::Capped { cap, .. } => Some(*cap),
            Penalty::Escalating { cap, .. }
            | Penalty::Range { cap, .. }
            | Penalty::Linear { cap, .. } => *cap,
            Penalty::Flat { .. }
            | Penalty::PerOccurrence { .. }
            | Penalty::Proportional { .. }
            | Penalty::Bands { .. }
            | Penalty::Interpolate { .. }
            | Penalty::Rating { .. } => None,
        }
    }

    /// The kind's name as JSON spells it: `capped`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Penalty::Flat { .. } => "flat",
            Penalty::PerOccurrence { .. } => "per_occurrence",
            Penalty::Capped { .. } => "capped",
            Penalty::Escalating { .. } => "escalating",
            Penalty::Range { .. } => "range",
            Penalty::Linear { .. } => "linear",
            Penalty::Proportional { .. } => "proportional",
            Penalty::Bands { .. } => "bands",
            Penalty::Interpolate { .. } => "interpolate",
            Penalty::Rating { .. } => "rating",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deadline without `action` reads as "完成" (what reasons say was
    /// due), and one without `after` as empty.
    #[test]
    fn deadline_defaults() {
        let trigger: Trigger = serde_json::from_str(r#"{"kind": "deadline"}"#).unwrap();
        assert_eq!(
            trigger,
            Trigger::Deadline {
                within: None,
                after: String::new(),
                action: "完成".to_owned(),
            }
        );
        let rule: Rule = serde_json::from_str(
            r#"{"id": "1a", "label": "l", "text": "", "trigger": {"kind": "flag"}, "penalty": {"kind": "flat", "points": "1"}}"#,
        )
        .unwrap();
        assert_eq!(rule.unit, "起", "the default unit");
    }
}
