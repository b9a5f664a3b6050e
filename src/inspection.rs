//! Inspections: the facts an inspector recorded, keyed by rule id.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::points::parse_decimal;
use crate::strict::{map_only, strict_struct};
use crate::{Id, IdError};

strict_struct! {
/// What an inspector recorded against one rubric: a fact per rule.
///
/// A rule with no fact was not assessed: it deducts nothing and the
/// scorecard lists it as not assessed, so an interface can flag an
/// incomplete inspection.
///
/// ```
/// use ducha::{Fact, Inspection};
///
/// let inspection = Inspection::new()
///     .with("2b", true)?                 // no liaison named
///     .with("6a", 3u64)?                 // three tasks late
///     .with("8a", Fact::findings(["2026-05 某校未整改", "2026-07 某机构未立案"]))?;
/// assert_eq!(inspection.facts().len(), 3);
/// # Ok::<(), ducha::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Inspection as "Inspection", "an inspection object" {
    /// The rubric this inspection is for; when given, evaluating it against
    /// another rubric is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<Id>,
    /// The assessment period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The date of assessment; by default the period's end.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::option"
    )]
    pub as_of: Option<NaiveDate>,
    /// The facts, by rule id.
    #[serde(default, deserialize_with = "facts_without_duplicates")]
    pub facts: BTreeMap<Id, Fact>,
    /// Items and rules that do not apply to the assessee (合理缺项), by id,
    /// each with its reason; the rubric's `not_applicable` policy says what
    /// that means. Distinct from not assessed (no fact).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "reasons_without_duplicates"
    )]
    pub not_applicable: BTreeMap<Id, String>,
    /// For rules that compare the assessee with its peers
    /// ([`Trigger::Peer`](crate::Trigger::Peer)) scored outside a batch: the
    /// statistic each reads, by rule id. A batch computes them itself and
    /// ignores these.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "peers_without_duplicates"
    )]
    pub peers: BTreeMap<Id, crate::Peer>,
}
}

impl Inspection {
    /// An inspection with no facts, for any rubric.
    pub fn new() -> Inspection {
        Inspection::default()
    }

    /// The same inspection, for the rubric `id` only.
    ///
    /// # Errors
    ///
    /// [`IdError`] if `id` is not a valid [`Id`].
    pub fn for_rubric(mut self, id: &str) -> Result<Inspection, IdError> {
        self.rubric = Some(Id::new(id)?);
        Ok(self)
    }

    /// The same inspection with `fact` recorded against rule `rule`
    /// (replacing any fact it had).
    ///
    /// # Errors
    ///
    /// [`IdError`] if `rule` is not a valid [`Id`].
    pub fn with(mut self, rule: &str, fact: impl Into<Fact>) -> Result<Inspection, IdError> {
        self.facts.insert(Id::new(rule)?, fact.into());
        Ok(self)
    }

    /// The facts, by rule id.
    pub fn facts(&self) -> &BTreeMap<Id, Fact> {
        &self.facts
    }

    /// The same inspection with the item or rule `id` marked not
    /// applicable for `reason`.
    ///
    /// # Errors
    ///
    /// [`IdError`] if `id` is not a valid [`Id`].
    pub fn not_applicable(
        mut self,
        id: &str,
        reason: impl Into<String>,
    ) -> Result<Inspection, IdError> {
        self.not_applicable.insert(Id::new(id)?, reason.into());
        Ok(self)
    }

    /// The same inspection with the peer statistic of rule `rule` given, for
    /// a [`Trigger::Peer`](crate::Trigger::Peer) rule scored outside a batch.
    ///
    /// # Errors
    ///
    /// [`IdError`] if `rule` is not a valid [`Id`].
    pub fn with_peer(mut self, rule: &str, peer: crate::Peer) -> Result<Inspection, IdError> {
        self.peers.insert(Id::new(rule)?, peer);
        Ok(self)
    }
}

/// An assessment period, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    #[serde(with = "crate::date")]
    from: NaiveDate,
    #[serde(with = "crate::date")]
    to: NaiveDate,
}

/// Why two dates do not make a [`Period`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("period ends `{to}` before it starts `{from}`")]
pub struct PeriodError {
    /// The first day given.
    pub from: NaiveDate,
    /// The last day given.
    pub to: NaiveDate,
}

impl Period {
    /// The period from `from` to `to`, both included.
    ///
    /// # Errors
    ///
    /// [`PeriodError`] if `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError { from, to });
        }
        Ok(Period { from, to })
    }

    /// The first day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        #[derive(Deserialize)]
        #[serde(remote = "Self", deny_unknown_fields)]
        struct Repr {
            #[serde(with = "crate::date")]
            from: NaiveDate,
            #[serde(with = "crate::date")]
            to: NaiveDate,
        }
        map_only!(Repr, "a period object {\"from\", \"to\"}");
        let r = <Repr as Deserialize>::deserialize(deserializer)?;
        Period::new(r.from, r.to).map_err(serde::de::Error::custom)
    }
}

/// One finding, with the inspector's note: "2026-05 某校抽查未公示".
///
/// Notes appear in the reason for the deduction. A finding may also carry
/// the amount a discretionary rule deducts ([`Finding::amount`]), the
/// multiplier of an escalating rule that applies ([`Finding::multiplier`])
/// and a ground of exemption ([`Finding::exempt`]); in JSON
/// `{"note": …, "amount": "1.5", "multiplier": "催办后仍未落实", "exempt": "…"}`,
/// every field optional.
///
/// ```
/// use ducha::{Decimal, Finding};
///
/// let f = Finding::new("未配合").with_amount(Decimal::new(15, 1));
/// assert_eq!(f.amount(), Some(Decimal::new(15, 1)));
/// assert_eq!(f.exempt(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Finding {
    /// What was found.
    pub note: String,
    /// The rarely given fields, boxed so that a plain finding stays small.
    marks: Option<Box<Marks>>,
}

/// What a finding marks beyond its note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Marks {
    amount: Option<Decimal>,
    multiplier: Option<String>,
    exempt: Option<String>,
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let marks = self.marks.as_deref();
        let amount = marks.and_then(|m| m.amount);
        let multiplier = marks.and_then(|m| m.multiplier.as_deref());
        let exempt = marks.and_then(|m| m.exempt.as_deref());
        let len = 1
            + usize::from(amount.is_some())
            + usize::from(multiplier.is_some())
            + usize::from(exempt.is_some());
        let mut s = serializer.serialize_struct("Finding", len)?;
        s.serialize_field("note", &self.note)?;
        if let Some(a) = amount {
            s.serialize_field("amount", &a.to_string())?;
        }
        if let Some(m) = multiplier {
            s.serialize_field("multiplier", m)?;
        }
        if let Some(e) = exempt {
            s.serialize_field("exempt", e)?;
        }
        s.end()
    }
}

#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct FindingRepr {
    #[serde(default)]
    note: String,
    #[serde(default, with = "crate::points::decimal_serde::option")]
    amount: Option<Decimal>,
    #[serde(default)]
    multiplier: Option<String>,
    #[serde(default)]
    exempt: Option<String>,
}

map_only!(FindingRepr, "a finding object {\"note\"}");

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Finding, D::Error> {
        let r = <FindingRepr as Deserialize>::deserialize(deserializer)?;
        Ok(Finding::with_marks(
            r.note,
            r.amount,
            r.multiplier,
            r.exempt,
        ))
    }
}

impl Case {
    /// A case due on `due` (a fixed date: "在规定时间内"), not done yet.
    pub fn due(due: NaiveDate) -> Case {
        Case {
            due: Some(due),
            ..Case::default()
        }
    }

    /// A case whose clock starts on `start` (the rule adds its time limit:
    /// "完成后20个工作日内"), not done yet.
    pub fn started(start: NaiveDate) -> Case {
        Case {
            start: Some(start),
            ..Case::default()
        }
    }

    /// The same case, done on `done`.
    #[must_use]
    pub fn done(mut self, done: NaiveDate) -> Case {
        self.done = Some(done);
        self
    }

    /// The same case with this note (`校外培训机构抽查`).
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Case {
        self.note = note.into();
        self
    }

    /// The same case, exempt on this ground.
    #[must_use]
    pub fn exempt_on(mut self, ground: impl Into<String>) -> Case {
        self.exempt = Some(Box::new(ground.into()));
        self
    }
}

impl Finding {
    /// A finding with this note.
    pub fn new(note: impl Into<String>) -> Finding {
        Finding {
            note: note.into(),
            marks: None,
        }
    }

    fn with_marks(
        note: String,
        amount: Option<Decimal>,
        multiplier: Option<String>,
        exempt: Option<String>,
    ) -> Finding {
        let marks = (amount.is_some() || multiplier.is_some() || exempt.is_some()).then(|| {
            Box::new(Marks {
                amount,
                multiplier,
                exempt,
            })
        });
        Finding { note, marks }
    }

    fn marks_mut(&mut self) -> &mut Marks {
        self.marks.get_or_insert_with(Box::default)
    }

    /// The amount a discretionary rule ([`Penalty::Range`](crate::Penalty::Range))
    /// deducts for this finding; refused by any other rule.
    pub fn amount(&self) -> Option<Decimal> {
        self.marks.as_ref().and_then(|m| m.amount)
    }

    /// The multiplier of an [`Penalty::Escalating`](crate::Penalty::Escalating)
    /// rule that applies (`催办后仍未落实`); refused by any other rule.
    pub fn multiplier(&self) -> Option<&str> {
        self.marks.as_ref().and_then(|m| m.multiplier.as_deref())
    }

    /// Why the finding deducts nothing (`涉及个人隐私依法不予公开`): it is
    /// counted apart, and the reason says so.
    pub fn exempt(&self) -> Option<&str> {
        self.marks.as_ref().and_then(|m| m.exempt.as_deref())
    }

    /// The same finding with the amount a discretionary rule deducts.
    #[must_use]
    pub fn with_amount(mut self, amount: Decimal) -> Finding {
        self.marks_mut().amount = Some(amount);
        self
    }

    /// The same finding naming one of its rule's multipliers.
    #[must_use]
    pub fn with_multiplier(mut self, name: impl Into<String>) -> Finding {
        self.marks_mut().multiplier = Some(name.into());
        self
    }

    /// The same finding, exempt on this ground.
    #[must_use]
    pub fn exempt_on(mut self, ground: impl Into<String>) -> Finding {
        self.marks_mut().exempt = Some(ground.into());
        self
    }
}

/// What an inspection records against one rule.
///
/// Each [`Trigger`](crate::Trigger) reads certain kinds of fact; in JSON the
/// kind follows from the value's shape:
///
/// | JSON | fact |
/// |---|---|
/// | `true` / `false` | [`Fact::Flag`] |
/// | `{"note": "…"}` | [`Fact::Finding`] |
/// | `3` | [`Fact::Count`] (a count rule also takes `"3"` or `3.0`) |
/// | `[{"note": "…"}, …]` | [`Fact::Findings`] |
/// | `"0.95"` or `0.95`, `-2` | [`Fact::Measure`] |
/// | `"96%"` | [`Fact::Percent`] |
/// | `["2026-03-12", …]` | [`Fact::Dates`] |
/// | `[{"start": "2026-09-24", "done": "2026-11-03"}, …]` | [`Fact::Cases`] |
/// | `"良"` | [`Fact::Rating`] |
///
/// In a list, an object with any of the keys `start`, `due` or `done` (even
/// `null`, as Jackson and System.Text.Json write absent fields) is a case,
/// and so is an empty object `{}`; one with only a `note` is a finding. A
/// list may not mix dates, findings and cases. An empty list is no
/// findings, and for a cadence rule no dates.
///
/// Numbers are read exactly by [`json::from_str`](crate::json::from_str)
/// and the whole JSON surface; a general parser such as `serde_json` hands
/// over a binary float for a number with a fraction or an exponent, which is
/// refused (write it as a string). Whether a number is a count or a
/// measured value is the rule's to decide: `-2` is a [`Fact::Measure`],
/// refused by a count rule and read by a threshold on amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fact {
    /// Yes (a breach) or no.
    Flag(bool),
    /// One finding: a breach, with a note.
    Finding(Finding),
    /// A number of breaches.
    Count(u64),
    /// A list of findings: one breach each.
    Findings(Vec<Finding>),
    /// A measured value, such as a completeness rate `0.97`.
    Measure(Decimal),
    /// A value written as a percentage: `"96%"` is `Percent(96)`. A
    /// threshold on a ratio reads it as 0.96, one on a percentage as 96.
    Percent(Decimal),
    /// The dates a periodic duty was done.
    Dates(Vec<NaiveDate>),
    /// Cases with a due date (or a start date) and a done date.
    Cases(Vec<Case>),
    /// The option a rating rule was rated at (`良`). In JSON, a string that
    /// is not a number, a percentage or a date list: `"良"`. An option whose
    /// name is a number (`"1"`) arrives as a measure and is matched by value.
    Rating(String),
}

strict_struct! {
/// One case of a deadline rule: when its clock started or when it was due,
/// and when it was done.
///
/// Give `due` when the date is fixed ("在规定时间内": the date the notice
/// set), or `start` when the rule counts its time limit from an event
/// ("在抽查任务完成后20个工作日内": the day the task was completed); not
/// both. No `done` means not done yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Case as "Case", "a case object" {
    /// The day the clock starts (the rule adds its time limit).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::option"
    )]
    pub start: Option<NaiveDate>,
    /// The last day on which doing it is on time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::option"
    )]
    pub due: Option<NaiveDate>,
    /// The day it was done, if it was.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::option"
    )]
    pub done: Option<NaiveDate>,
    /// What the case is: `校外培训机构抽查`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Why the case deducts nothing whatever its dates (`因不可抗力`): it is
    /// counted apart, and the reason says so. (Boxed, so that a plain case
    /// stays small.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<Box<String>>,
}
}

/// The kind of a [`Fact`], for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FactKind {
    /// [`Fact::Flag`].
    Flag,
    /// [`Fact::Finding`].
    Finding,
    /// [`Fact::Count`].
    Count,
    /// [`Fact::Findings`].
    Findings,
    /// [`Fact::Measure`].
    Measure,
    /// [`Fact::Percent`].
    Percent,
    /// [`Fact::Dates`].
    Dates,
    /// [`Fact::Cases`].
    Cases,
    /// [`Fact::Rating`].
    Rating,
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FactKind::Flag => "a flag",
            FactKind::Finding => "one finding",
            FactKind::Count => "a count",
            FactKind::Findings => "a list of findings",
            FactKind::Measure => "a measured value",
            FactKind::Percent => "a percentage",
            FactKind::Dates => "a list of dates",
            FactKind::Cases => "a list of cases",
            FactKind::Rating => "a rating",
        })
    }
}

impl Fact {
    /// A yes/no fact.
    pub fn flag(breached: bool) -> Fact {
        Fact::Flag(breached)
    }

    /// A number of breaches.
    pub fn count(breaches: u64) -> Fact {
        Fact::Count(breaches)
    }

    /// A list of findings, one per note.
    pub fn findings<S: Into<String>>(notes: impl IntoIterator<Item = S>) -> Fact {
        Fact::Findings(notes.into_iter().map(Finding::new).collect())
    }

    /// The kind of this fact.
    pub fn kind(&self) -> FactKind {
        match self {
            Fact::Flag(_) => FactKind::Flag,
            Fact::Finding(_) => FactKind::Finding,
            Fact::Count(_) => FactKind::Count,
            Fact::Findings(_) => FactKind::Findings,
            Fact::Measure(_) => FactKind::Measure,
            Fact::Percent(_) => FactKind::Percent,
            Fact::Dates(_) => FactKind::Dates,
            Fact::Cases(_) => FactKind::Cases,
            Fact::Rating(_) => FactKind::Rating,
        }
    }

    /// The findings this fact carries (none for flags, counts and measures).
    pub fn notes(&self) -> impl Iterator<Item = &str> {
        let list: &[Finding] = match self {
            Fact::Finding(f) => std::slice::from_ref(f),
            Fact::Findings(list) => list,
            Fact::Flag(_)
            | Fact::Count(_)
            | Fact::Measure(_)
            | Fact::Percent(_)
            | Fact::Dates(_)
            | Fact::Rating(_) => &[],
            Fact::Cases(cases) => {
                return Box::new(cases.iter().map(|c| c.note.as_str()))
                    as Box<dyn Iterator<Item = &str>>;
            }
        };
        Box::new(list.iter().map(|f| f.note.as_str()))
    }
}

impl From<bool> for Fact {
    fn from(v: bool) -> Fact {
        Fact::Flag(v)
    }
}

impl From<u64> for Fact {
    fn from(v: u64) -> Fact {
        Fact::Count(v)
    }
}

impl From<u32> for Fact {
    fn from(v: u32) -> Fact {
        Fact::Count(u64::from(v))
    }
}

impl From<Finding> for Fact {
    fn from(v: Finding) -> Fact {
        Fact::Finding(v)
    }
}

impl From<Vec<Finding>> for Fact {
    fn from(v: Vec<Finding>) -> Fact {
        Fact::Findings(v)
    }
}

impl From<Decimal> for Fact {
    fn from(v: Decimal) -> Fact {
        Fact::Measure(v)
    }
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Fact::Flag(v) => serializer.serialize_bool(*v),
            Fact::Finding(f) => f.serialize(serializer),
            Fact::Count(n) => serializer.serialize_u64(*n),
            Fact::Findings(list) => list.serialize(serializer),
            Fact::Measure(d) => serializer.collect_str(d),
            Fact::Percent(p) => serializer.collect_str(&format_args!("{p}%")),
            Fact::Dates(dates) => serializer.collect_seq(dates.iter().map(|d| d.to_string())),
            Fact::Cases(cases) => cases.serialize(serializer),
            Fact::Rating(option) => serializer.serialize_str(option),
        }
    }
}

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fact, D::Error> {
        deserializer.deserialize_any(FactVisitor)
    }
}

struct FactVisitor;

impl<'de> Visitor<'de> for FactVisitor {
    type Value = Fact;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a fact: true/false, a whole number, a decimal, {\"note\": …} or a list of findings",
        )
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Fact, E> {
        Ok(Fact::Flag(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Fact, E> {
        Ok(Fact::Count(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Fact, E> {
        // Only negative numbers arrive here; whether one is acceptable is
        // the rule's to say (a count is not, an amount may be).
        Ok(match u64::try_from(v) {
            Ok(n) => Fact::Count(n),
            Err(_) => Fact::Measure(Decimal::from(v)),
        })
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Fact, E> {
        Err(E::custom(crate::points::FloatRefused(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Fact, E> {
        match v.strip_suffix('%') {
            Some(percent) => parse_decimal(percent)
                .map(Fact::Percent)
                .map_err(|_| E::custom(format_args!("`{v}` is not a percentage such as `96%`"))),
            // A string that cannot begin a number names a rating's option;
            // one that can (`1e999`, `+-1`) is a number written wrong.
            None if v
                .chars()
                .next()
                .is_some_and(|c| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.'))) =>
            {
                Ok(Fact::Rating(v.to_owned()))
            }
            None => parse_decimal(v).map(Fact::Measure).map_err(E::custom),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fact, A::Error> {
        let mut fact = Fact::Findings(Vec::new());
        while let Some(element) = seq.next_element::<Element>()? {
            match (&mut fact, element) {
                (Fact::Findings(list), Element::Finding(f)) => list.push(f),
                (Fact::Dates(list), Element::Date(d)) => list.push(d),
                (Fact::Cases(list), Element::Case(c)) => list.push(c),
                (Fact::Findings(list), element) if list.is_empty() => {
                    fact = match element {
                        Element::Date(d) => Fact::Dates(vec![d]),
                        Element::Case(c) => Fact::Cases(vec![c]),
                        Element::Finding(f) => Fact::Findings(vec![f]),
                    };
                }
                (_, element) => {
                    let first = match fact {
                        Fact::Dates(_) => "dates",
                        Fact::Cases(_) => "cases",
                        _ => "findings",
                    };
                    return Err(serde::de::Error::custom(format_args!(
                        "a list mixes {first} with {}",
                        element.describe()
                    )));
                }
            }
        }
        Ok(fact)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fact, A::Error> {
        Finding::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Fact::Finding)
    }
}

/// One element of a list fact.
enum Element {
    Date(NaiveDate),
    Finding(Finding),
    Case(Case),
}

impl Element {
    fn describe(&self) -> &'static str {
        match self {
            Element::Date(_) => "a date",
            Element::Finding(_) => "a finding",
            Element::Case(_) => "a case",
        }
    }
}

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Element, D::Error> {
        struct ElementVisitor;
        impl<'de> Visitor<'de> for ElementVisitor {
            type Value = Element;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date \"YYYY-MM-DD\", a finding {\"note\"} or a case {\"start\" or \"due\", \"done\"}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Element, E> {
                crate::date::parse(v).map(Element::Date).ok_or_else(|| {
                    E::custom(format_args!("invalid date `{v}`, expected `YYYY-MM-DD`"))
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Element, A::Error> {
                let e =
                    ElementRepr::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let dated = e.start.present || e.due.present || e.done.present;
                let finding = e.amount.is_some() || e.multiplier.is_some();
                if dated && finding {
                    return Err(serde::de::Error::custom(
                        "a case takes no `amount` or `multiplier` (those are a finding's)",
                    ));
                }
                Ok(
                    if dated || (e.note.is_none() && e.exempt.is_none() && !finding) {
                        Element::Case(Case {
                            start: e.start.date,
                            due: e.due.date,
                            done: e.done.date,
                            note: e.note.unwrap_or_default(),
                            exempt: e.exempt.map(Box::new),
                        })
                    } else {
                        Element::Finding(Finding::with_marks(
                            e.note.unwrap_or_default(),
                            e.amount,
                            e.multiplier,
                            e.exempt,
                        ))
                    },
                )
            }
        }
        deserializer.deserialize_any(ElementVisitor)
    }
}

/// An object in a list: a case or a finding, told apart by which keys it
/// has (a date key given as `null` still makes it a case).
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct ElementRepr {
    #[serde(default)]
    start: Present,
    #[serde(default)]
    due: Present,
    #[serde(default)]
    done: Present,
    #[serde(default)]
    note: Option<String>,
    #[serde(default, with = "crate::points::decimal_serde::option")]
    amount: Option<Decimal>,
    #[serde(default)]
    multiplier: Option<String>,
    #[serde(default)]
    exempt: Option<String>,
}

map_only!(
    ElementRepr,
    "a finding {\"note\"} or a case {\"start\" or \"due\", \"done\"}"
);

/// An optional date key: whether it was given (even as `null`), and its date.
#[derive(Default)]
struct Present {
    present: bool,
    date: Option<NaiveDate>,
}

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Present, D::Error> {
        Ok(Present {
            present: true,
            date: crate::date::option::deserialize(deserializer)?,
        })
    }
}

/// Reads the `facts` object, refusing a rule id given twice (a plain map
/// would keep the last one silently).
fn facts_without_duplicates<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Id, Fact>, D::Error> {
    struct FactsVisitor;
    impl<'de> Visitor<'de> for FactsVisitor {
        type Value = BTreeMap<Id, Fact>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object from rule id to fact")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut facts = BTreeMap::new();
            while let Some(id) = map.next_key::<Id>()? {
                // One lookup: the entry both finds a repeat and takes the fact.
                match facts.entry(id) {
                    std::collections::btree_map::Entry::Occupied(repeat) => {
                        return Err(serde::de::Error::custom(format_args!(
                            "fact for rule `{}` given twice",
                            repeat.key()
                        )));
                    }
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(map.next_value::<Fact>()?);
                    }
                }
            }
            Ok(facts)
        }
    }
    deserializer.deserialize_map(FactsVisitor)
}

/// Reads an object from id to `V`, refusing an id given twice: `expecting`
/// says what the object is; a repeated id is the error `{before}`id`{after}`.
fn unique_ids<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    deserializer: D,
    expecting: &'static str,
    (before, after): (&'static str, &'static str),
) -> Result<BTreeMap<Id, V>, D::Error> {
    struct UniqueVisitor<V> {
        expecting: &'static str,
        before: &'static str,
        after: &'static str,
        value: std::marker::PhantomData<V>,
    }
    impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueVisitor<V> {
        type Value = BTreeMap<Id, V>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(id) = map.next_key::<Id>()? {
                match out.entry(id) {
                    std::collections::btree_map::Entry::Occupied(repeat) => {
                        return Err(serde::de::Error::custom(format_args!(
                            "{}`{}`{}",
                            self.before,
                            repeat.key(),
                            self.after
                        )));
                    }
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(map.next_value::<V>()?);
                    }
                }
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(UniqueVisitor {
        expecting,
        before,
        after,
        value: std::marker::PhantomData,
    })
}

/// Reads the `peers` object, refusing an id given twice.
pub(crate) fn peers_without_duplicates<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Id, crate::Peer>, D::Error> {
    unique_ids(
        deserializer,
        "an object from rule id to its peer statistic",
        ("the peers of ", " are given twice"),
    )
}

/// Reads the `not_applicable` object, refusing an id given twice.
pub(crate) fn reasons_without_duplicates<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Id, String>, D::Error> {
    unique_ids(
        deserializer,
        "an object from item or rule id to the reason it does not apply",
        ("", " is marked not applicable twice"),
    )
}
