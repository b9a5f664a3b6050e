//! The report: a scorecard as plain data, exactly what its JSON holds. The
//! JSON shape of a scorecard (each field's name, its order, when it
//! appears) is declared here and nowhere else: [`Scorecard`]'s `Serialize`
//! and the JSON surface both write a report, and a stored scorecard JSON
//! reads back into one.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::reason::Reasons;
use crate::scorecard::{IndicatorOutcome, ItemOutcome, LimitedBy};
use crate::{Children, Scorecard, Trigger};

/// Declares a report type: the struct (its serde derive is the JSON
/// shape for serde users) and, from the same field list, a direct writer
/// of the same bytes (keys as literals, fields in the same order) for the
/// JSON surface. Whether a field is written when it is `None` follows its
/// type ([`WriteJson::skip`]), matching its `skip_serializing_if`; the
/// property tests compare the two outputs byte for byte.
macro_rules! report_struct {
    (
        $(#[$outer:meta])*
        pub struct $name:ident<$lt:lifetime> {
            $( $(#[$field_meta:meta])* pub $field:ident : $field_ty:ty ),* $(,)?
        }
    ) => {
        $(#[$outer])*
        pub struct $name<$lt> {
            $( $(#[$field_meta])* pub $field : $field_ty ),*
        }

        #[cfg(feature = "json")]
        impl WriteJson for $name<'_> {
            fn write_json(&self, out: &mut String) {
                let mut first = true;
                $(
                    if !self.$field.skip() {
                        out.push_str(if first {
                            concat!("{\"", stringify!($field), "\":")
                        } else {
                            concat!(",\"", stringify!($field), "\":")
                        });
                        first = false;
                        self.$field.write_json(out);
                    }
                )*
                out.push_str(if first { "{}" } else { "}" });
            }
        }
    };
}

report_struct! {
/// A scorecard as data: the points, deduction and score of every node, and
/// every rule's breaches, deductions, limit and reason, in rubric order.
///
/// [`Scorecard::report`] makes one from an evaluation (ids and names
/// borrowed from the rubric); deserializing a stored scorecard JSON makes
/// one too, and [`Report::into_owned`] detaches it from its input, to keep
/// or send. Serializing a report gives the scorecard JSON of
/// [`crate#the-json-contract`]: JSON → report → JSON gives the same bytes.
///
/// ```
/// use ducha::{Inspection, Report};
///
/// let rubric = ducha::seed::yuxi();
/// let inspection = Inspection::new().with("7a", 7u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// let report = card.report();
/// assert_eq!(report.score.to_string(), "95");
/// let rule = &report.indicators[1].items.as_ref().unwrap()[4].rules[0];
/// assert_eq!((rule.id.as_ref(), rule.breaches, rule.deducted.to_string()), ("7a", 7, "5".into()));
///
/// // Stored as JSON, read back as a typed value.
/// let json = serde_json::to_string(&report)?;
/// let back: Report = ducha::json::from_str(&json)?;
/// assert_eq!(back, report);
/// let kept: Report<'static> = back.into_owned();
/// assert_eq!(serde_json::to_string(&kept)?, json);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Report<'a> {
    /// The rubric's id.
    #[serde(borrow)]
    pub rubric: Cow<'a, str>,
    /// The rubric's version (`试行`), where it has one.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Cow<'a, str>>,
    /// The assessment period, where the inspection gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<crate::Period>,
    /// The assessment date (the inspection's `as_of`, else its period's
    /// end), where there is one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::option"
    )]
    pub as_of: Option<chrono::NaiveDate>,
    /// The version of ducha that scored it (`0.1.0`), so that a stored
    /// scorecard says what produced it.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub ducha: Option<Cow<'a, str>>,
    /// The rubric's total points.
    #[serde(with = "amount")]
    pub points: Decimal,
    /// The points deducted in all.
    #[serde(with = "amount")]
    pub deducted: Decimal,
    /// The final score: the base score plus any bonus, unless a card veto
    /// fixed it.
    #[serde(with = "amount")]
    pub score: Decimal,
    /// The grade, where the rubric has grades or a veto forced one.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Cow<'a, str>>,
    /// The base score (total minus deductions), where the rubric has a
    /// bonus section.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub base: Option<Decimal>,
    /// The deduction that zeroing vetoes added beyond the rules' shares,
    /// where one fired.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub vetoed: Option<Decimal>,
    /// The vetoes that fired, where any did.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub vetoes: Option<Vec<VetoReport<'a>>>,
    /// Where items not applicable rescaled the base: the points still
    /// applicable and those earned (标化分 = earned ÷ applicable × total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescaled: Option<Rescaled>,
    /// The top-level indicators.
    #[serde(borrow)]
    pub indicators: Vec<IndicatorReport<'a>>,
    /// The bonus section, where the rubric has one.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<BonusReport<'a>>,
    /// The penalty section, where the rubric has one.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub penalties: Option<PenaltiesReport<'a>>,
}
}

report_struct! {
/// The penalty section of a [`Report`] (扣分项): what its items deduct from
/// the final score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PenaltiesReport<'a> {
    /// The section's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Its name.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// Its cap, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub cap: Option<Decimal>,
    /// What it deducts from the final score.
    #[serde(with = "amount")]
    pub deducted: Decimal,
    /// Its items.
    #[serde(borrow)]
    pub items: Vec<ItemReport<'a>>,
}
}

/// How items not applicable rescaled the base score, in a [`Report`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Rescaled {
    /// The points still applicable (应得的最高分数).
    #[serde(with = "amount")]
    pub applicable: Decimal,
    /// The points earned of them (所得的分数).
    #[serde(with = "amount")]
    pub earned: Decimal,
}

report_struct! {
/// A veto that fired, in a [`Report`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VetoReport<'a> {
    /// The veto rule's id.
    #[serde(borrow)]
    pub rule: Cow<'a, str>,
    /// What it overrides: `item`, `indicator` or `card`.
    #[serde(borrow)]
    pub scope: Cow<'a, str>,
    /// The node it zeroed (the rubric's id for a card veto).
    #[serde(borrow)]
    pub node: Cow<'a, str>,
    /// The score it overrode.
    #[serde(with = "amount")]
    pub before: Decimal,
    /// The score it set (absent for a card veto that only forces a grade).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub score: Option<Decimal>,
    /// The grade it forces, if any.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Cow<'a, str>>,
}
}

report_struct! {
/// The bonus section of a [`Report`] (加分项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BonusReport<'a> {
    /// The section's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Its name.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// The most it adds.
    #[serde(with = "amount")]
    pub cap: Decimal,
    /// What its items earned, at most the cap.
    #[serde(with = "amount")]
    pub credited: Decimal,
    /// What the final score counts: the credit if the base score opens the
    /// gate, else 0.
    #[serde(with = "amount")]
    pub counted: Decimal,
    /// In words: `加分3分（已达加分上限3分）`.
    #[serde(borrow)]
    pub reason: Cow<'a, str>,
    /// Its items.
    #[serde(borrow)]
    pub items: Vec<BonusItemReport<'a>>,
}
}

report_struct! {
/// One item of a [`BonusReport`]: what it credits, at most its points. Its
/// rules' `raw` and `deducted` are credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BonusItemReport<'a> {
    /// The item's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The serial label the document prints.
    #[serde(borrow)]
    pub serial: Cow<'a, str>,
    /// The most it credits.
    #[serde(with = "amount")]
    pub points: Decimal,
    /// What it credits.
    #[serde(with = "amount")]
    pub credited: Decimal,
    /// The reason: its rules' reasons joined by `；`.
    #[serde(borrow)]
    pub reason: Cow<'a, str>,
    /// Its rules.
    #[serde(borrow)]
    pub rules: Vec<RuleReport<'a>>,
}
}

report_struct! {
/// One indicator of a [`Report`]: finer `indicators` or `items`, never both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IndicatorReport<'a> {
    /// The indicator's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Its name.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// Its points.
    #[serde(with = "amount")]
    pub points: Decimal,
    /// Its deduction.
    #[serde(with = "amount")]
    pub deducted: Decimal,
    /// Its score.
    #[serde(with = "amount")]
    pub score: Decimal,
    /// What it counts for in its parent, where it is weighted (折算).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub weight: Option<Decimal>,
    /// The score it contributes to its parent, where it is weighted: its
    /// score ÷ its points × its weight, rounded as the rubric declares.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub weighted: Option<Decimal>,
    /// `true` where the declared rounding changed the weighted score
    /// (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounded: Option<bool>,
    /// Where the indicator rescales for its items not applicable and the
    /// inspection marked some: its applicable points and what it earned of
    /// them (its score is earned ÷ applicable × points, rounded as
    /// declared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescaled: Option<Rescaled>,
    /// Its finer indicators, if it holds indicators.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub indicators: Option<Vec<IndicatorReport<'a>>>,
    /// Its items, if it holds items.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub items: Option<Vec<ItemReport<'a>>>,
}
}

report_struct! {
/// One item (row) of a [`Report`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ItemReport<'a> {
    /// The item's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// The serial label the document prints.
    #[serde(borrow)]
    pub serial: Cow<'a, str>,
    /// Its points (量化分值).
    #[serde(with = "amount")]
    pub points: Decimal,
    /// Its deduction.
    #[serde(with = "amount")]
    pub deducted: Decimal,
    /// Its score (得分情况).
    #[serde(with = "amount")]
    pub score: Decimal,
    /// The reason (扣分原因): its rules' reasons joined by `；`.
    #[serde(borrow)]
    pub reason: Cow<'a, str>,
    /// `false` when the inspection marked the item not applicable (absent
    /// otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicable: Option<bool>,
    /// The points it received from (or, negative, gave to) siblings marked
    /// not applicable, where its rubric redistributes them: `points`
    /// includes them (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "amount::option")]
    pub received: Option<Decimal>,
    /// Its rules.
    #[serde(borrow)]
    pub rules: Vec<RuleReport<'a>>,
}
}

report_struct! {
/// One rule of a [`Report`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RuleReport<'a> {
    /// The rule's id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Whether the inspection recorded a fact for it.
    pub assessed: bool,
    /// `false` when the inspection marked the rule (or its item) not
    /// applicable (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicable: Option<bool>,
    /// The breaches counted.
    pub breaches: u64,
    /// For a deadline rule, the cases not done and not yet due (absent for
    /// other rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<u64>,
    /// The findings or cases marked exempt, when there are any (absent
    /// otherwise): counted apart, deducting nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempt: Option<u64>,
    /// The deduction before any cap or bound.
    #[serde(with = "amount")]
    pub raw: Decimal,
    /// The rule's share of the total deduction.
    #[serde(with = "amount")]
    pub deducted: Decimal,
    /// `true` when the rubric's declared rounding changed the rule's value
    /// (absent otherwise); the reason says how it rounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounded: Option<bool>,
    /// What trimmed the deduction, if anything (`null` in JSON when
    /// nothing did).
    #[serde(borrow)]
    pub limited_by: Option<Limit<'a>>,
    /// The reason, empty when there was no breach.
    #[serde(borrow)]
    pub reason: Cow<'a, str>,
}
}

/// What trimmed a rule's deduction, in a [`RuleReport`]: `{"kind": "cap",
/// "cap": "5"}`, `{"kind": "node", "id": "12", "points": "10"}` or
/// `{"kind": "exclusive", "kept": "4a"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Limit<'a> {
    /// The rule's own cap.
    Cap {
        /// The cap.
        #[serde(with = "amount")]
        cap: Decimal,
    },
    /// A node's points.
    Node {
        /// The node's id (the rubric's for the total).
        #[serde(borrow)]
        id: Cow<'a, str>,
        /// The node's points.
        #[serde(with = "amount")]
        points: Decimal,
    },
    /// Another rule of its exclusive group deducted instead ("不重复扣分").
    Exclusive {
        /// The rule that kept its deduction.
        #[serde(borrow)]
        kept: Cow<'a, str>,
    },
}

impl Report<'_> {
    /// The same report owning all its text.
    pub fn into_owned(self) -> Report<'static> {
        Report {
            rubric: owned(self.rubric),
            version: self.version.map(owned),
            period: self.period,
            as_of: self.as_of,
            ducha: self.ducha.map(owned),
            points: self.points,
            deducted: self.deducted,
            score: self.score,
            grade: self.grade.map(owned),
            base: self.base,
            vetoed: self.vetoed,
            rescaled: self.rescaled,
            vetoes: self.vetoes.map(|list| {
                list.into_iter()
                    .map(|v| VetoReport {
                        rule: owned(v.rule),
                        scope: owned(v.scope),
                        node: owned(v.node),
                        before: v.before,
                        score: v.score,
                        grade: v.grade.map(owned),
                    })
                    .collect()
            }),
            indicators: self
                .indicators
                .into_iter()
                .map(IndicatorReport::into_owned)
                .collect(),
            penalties: self.penalties.map(|p| PenaltiesReport {
                id: owned(p.id),
                name: owned(p.name),
                cap: p.cap,
                deducted: p.deducted,
                items: p.items.into_iter().map(ItemReport::into_owned).collect(),
            }),
            bonus: self.bonus.map(|b| BonusReport {
                id: owned(b.id),
                name: owned(b.name),
                cap: b.cap,
                credited: b.credited,
                counted: b.counted,
                reason: owned(b.reason),
                items: b
                    .items
                    .into_iter()
                    .map(|i| BonusItemReport {
                        id: owned(i.id),
                        serial: owned(i.serial),
                        points: i.points,
                        credited: i.credited,
                        reason: owned(i.reason),
                        rules: i.rules.into_iter().map(RuleReport::into_owned).collect(),
                    })
                    .collect(),
            }),
        }
    }
}

impl IndicatorReport<'_> {
    /// The same indicator owning all its text.
    pub fn into_owned(self) -> IndicatorReport<'static> {
        IndicatorReport {
            id: owned(self.id),
            name: owned(self.name),
            points: self.points,
            deducted: self.deducted,
            score: self.score,
            weight: self.weight,
            weighted: self.weighted,
            rounded: self.rounded,
            rescaled: self.rescaled,
            indicators: self
                .indicators
                .map(|list| list.into_iter().map(IndicatorReport::into_owned).collect()),
            items: self
                .items
                .map(|list| list.into_iter().map(ItemReport::into_owned).collect()),
        }
    }
}

impl ItemReport<'_> {
    /// The same item owning all its text.
    pub fn into_owned(self) -> ItemReport<'static> {
        ItemReport {
            id: owned(self.id),
            serial: owned(self.serial),
            points: self.points,
            deducted: self.deducted,
            score: self.score,
            reason: owned(self.reason),
            applicable: self.applicable,
            received: self.received,
            rules: self.rules.into_iter().map(RuleReport::into_owned).collect(),
        }
    }
}

impl RuleReport<'_> {
    /// The same rule owning all its text.
    pub fn into_owned(self) -> RuleReport<'static> {
        RuleReport {
            id: owned(self.id),
            assessed: self.assessed,
            applicable: self.applicable,
            breaches: self.breaches,
            pending: self.pending,
            exempt: self.exempt,
            raw: self.raw,
            deducted: self.deducted,
            rounded: self.rounded,
            limited_by: self.limited_by.map(|limit| match limit {
                Limit::Cap { cap } => Limit::Cap { cap },
                Limit::Node { id, points } => Limit::Node {
                    id: owned(id),
                    points,
                },
                Limit::Exclusive { kept } => Limit::Exclusive { kept: owned(kept) },
            }),
            reason: owned(self.reason),
        }
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

impl Scorecard<'_> {
    /// The same outcomes as an owned-or-borrowed [`Report`](crate::Report):
    /// what the JSON holds, with every reason rendered.
    pub fn report(&self) -> crate::Report<'_> {
        crate::report::build(self)
    }
}

/// A scorecard's reasons, rendered once into one text: the rules' spans in
/// document order, and each item's.
pub(crate) struct Rendered {
    text: String,
    rules: Vec<(usize, usize)>,
    items: Vec<(usize, usize)>,
}

impl Rendered {
    pub(crate) fn of(card: &Scorecard<'_>) -> Rendered {
        let mut reasons = Reasons::with_capacity(card.rules.len());
        let items = card.items().map(|item| reasons.append(&item)).collect();
        let (text, rules) = reasons.into_parts();
        Rendered { text, rules, items }
    }

    fn span(&self, (start, end): (usize, usize)) -> &str {
        self.text.get(start..end).unwrap_or_default()
    }
}

/// The report of `card`, owning its reasons.
pub(crate) fn build<'a>(card: &'a Scorecard<'a>) -> Report<'a> {
    let rendered = Rendered::of(card);
    Builder {
        card,
        rendered: &rendered,
        reason: |s: &str| Cow::Owned(s.to_owned()),
        item: 0,
        rule: 0,
    }
    .report()
}

/// Calls `f` with the report of `card` whose reasons are borrowed from one
/// rendered text: what the JSON surface writes, with no string copied.
pub(crate) fn with_report<R>(card: &Scorecard<'_>, f: impl FnOnce(&Report<'_>) -> R) -> R {
    let rendered = Rendered::of(card);
    let report = Builder {
        card,
        rendered: &rendered,
        reason: |s| Cow::Borrowed(s),
        item: 0,
        rule: 0,
    }
    .report();
    f(&report)
}

/// Walks a scorecard in document order, taking each item's and rule's
/// rendered reason in turn.
struct Builder<'c, 'r, F> {
    card: &'c Scorecard<'c>,
    rendered: &'r Rendered,
    reason: F,
    item: usize,
    rule: usize,
}

impl<'c, 'r, 'x, F> Builder<'c, 'r, F>
where
    'c: 'x,
    F: Fn(&'r str) -> Cow<'x, str>,
{
    fn dec(&self, units: i64) -> Decimal {
        self.card.dec(units)
    }

    fn report(mut self) -> Report<'x> {
        let card = self.card;
        let (points, _) = card.node_units(0);
        let indicators = card.indicators().map(|ind| self.indicator(&ind)).collect();
        let bonus = card.plan().bonus.and_then(|node| self.bonus(node));
        let penalties = card.plan().penalties.and_then(|node| self.penalties(node));
        let vetoes: Vec<VetoReport<'x>> = card
            .vetoes()
            .map(|v| VetoReport {
                rule: Cow::Borrowed(v.rule().id.as_str()),
                scope: Cow::Borrowed(match v.scope() {
                    crate::VetoScope::Item => "item",
                    crate::VetoScope::Indicator => "indicator",
                    crate::VetoScope::Card => "card",
                }),
                node: Cow::Borrowed(v.node().as_str()),
                before: v.before(),
                score: v.score(),
                grade: v.grade().map(Cow::Borrowed),
            })
            .collect();
        let version = card.rubric().spec().version.as_str();
        Report {
            rubric: Cow::Borrowed(card.rubric().id().as_str()),
            version: (!version.is_empty()).then_some(Cow::Borrowed(version)),
            period: card.period(),
            as_of: card.as_of(),
            ducha: Some(Cow::Borrowed(env!("CARGO_PKG_VERSION"))),
            points: self.dec(points),
            deducted: card.deducted(),
            score: card.score(),
            grade: card.grade().map(Cow::Borrowed),
            base: (card.plan().bonus.is_some() || card.plan().penalties.is_some())
                .then(|| card.base()),
            vetoed: card.unvetoed_root.map(|_| card.vetoed()),
            vetoes: (!vetoes.is_empty()).then_some(vetoes),
            rescaled: card
                .rescaled()
                .map(|(applicable, earned)| Rescaled { applicable, earned }),
            indicators,
            bonus,
            penalties,
        }
    }

    fn penalties(&mut self, node: u32) -> Option<PenaltiesReport<'x>> {
        let card = self.card;
        let spec = card.rubric().spec().penalties.as_ref()?;
        let (_, deducted) = card.node_units(node);
        let items = spec
            .items
            .iter()
            .zip(node + 1..)
            .filter_map(|(_, item_node)| {
                let item = card.item_outcome_at(item_node)?;
                Some(self.item(&item))
            })
            .collect();
        Some(PenaltiesReport {
            id: Cow::Borrowed(spec.id.as_str()),
            name: Cow::Borrowed(spec.name.as_str()),
            cap: spec.cap.map(|c| c.get()),
            deducted: self.dec(deducted),
            items,
        })
    }

    fn bonus(&mut self, node: u32) -> Option<BonusReport<'x>> {
        let card = self.card;
        let spec = card.rubric().spec().bonus.as_ref()?;
        let (cap, credited) = card.node_units(node);
        let items: Vec<BonusItemReport<'x>> = spec
            .items
            .iter()
            .zip(node + 1..)
            .filter_map(|(_, item_node)| {
                let item = card.item_outcome_at(item_node)?;
                let report = self.item(&item);
                Some(BonusItemReport {
                    id: report.id,
                    serial: report.serial,
                    points: report.points,
                    credited: report.deducted,
                    reason: report.reason,
                    rules: report.rules,
                })
            })
            .collect();
        let earned = items
            .iter()
            .try_fold(Decimal::ZERO, |acc, i| acc.checked_add(i.credited))
            .unwrap_or(Decimal::MAX);
        let counted = card.bonus().unwrap_or_default();
        let reason = crate::reason::bonus_reason(
            spec,
            card.base(),
            card.gate_open(),
            earned,
            self.dec(credited),
            self.dec(cap),
        );
        Some(BonusReport {
            id: Cow::Borrowed(spec.id.as_str()),
            name: Cow::Borrowed(spec.name.as_str()),
            cap: self.dec(cap),
            credited: self.dec(credited),
            counted,
            reason: Cow::Owned(reason),
            items,
        })
    }

    fn indicator(&mut self, ind: &IndicatorOutcome<'c>) -> IndicatorReport<'x> {
        let (points, deducted) = self.card.node_units(ind.node);
        let (indicators, items) = match ind.indicator().children {
            Children::Indicators(_) => (
                Some(
                    ind.indicators()
                        .map(|child| self.indicator(&child))
                        .collect(),
                ),
                None,
            ),
            Children::Items(_) => (
                None,
                Some(ind.items().map(|item| self.item(&item)).collect()),
            ),
        };
        IndicatorReport {
            id: Cow::Borrowed(ind.id().as_str()),
            name: Cow::Borrowed(ind.indicator().name.as_str()),
            points: self.dec(points),
            deducted: self.dec(deducted),
            score: self.dec(points - deducted),
            weight: ind.weight(),
            weighted: ind.weighted(),
            rounded: ind.weight_rounded().then_some(true),
            rescaled: self
                .card
                .rescaled_node(ind.node)
                .map(|(applicable, earned)| Rescaled {
                    applicable: self.dec(applicable),
                    earned: self.dec(earned),
                }),
            indicators,
            items,
        }
    }

    fn item(&mut self, item: &ItemOutcome<'c>) -> ItemReport<'x> {
        let (points, deducted) = self.card.node_units(item.node);
        let span = self
            .rendered
            .items
            .get(self.item)
            .copied()
            .unwrap_or_default();
        self.item += 1;
        let reason = (self.reason)(self.rendered.span(span));
        let rules = item
            .rules()
            .map(|rule| {
                let span = self
                    .rendered
                    .rules
                    .get(self.rule)
                    .copied()
                    .unwrap_or_default();
                self.rule += 1;
                RuleReport {
                    id: Cow::Borrowed(rule.id().as_str()),
                    assessed: rule.assessed(),
                    applicable: (!rule.applicable()).then_some(false),
                    breaches: rule.breaches(),
                    pending: matches!(rule.rule().trigger, Trigger::Deadline { .. })
                        .then(|| rule.pending()),
                    exempt: (rule.exempt() > 0).then(|| rule.exempt()),
                    raw: self.card.dec(rule.state.raw),
                    deducted: self.card.dec(rule.state.applied),
                    rounded: rule.rounded().then_some(true),
                    limited_by: rule.limited_by().map(|limit| match limit {
                        LimitedBy::Cap(cap) => Limit::Cap { cap: cap.get() },
                        LimitedBy::Node { id, points } => Limit::Node {
                            id: Cow::Borrowed(id.as_str()),
                            points,
                        },
                        LimitedBy::Exclusive { kept } => Limit::Exclusive {
                            kept: Cow::Borrowed(kept.as_str()),
                        },
                    }),
                    reason: (self.reason)(self.rendered.span(span)),
                }
            })
            .collect();
        ItemReport {
            id: Cow::Borrowed(item.id().as_str()),
            serial: Cow::Borrowed(item.item().serial.as_str()),
            points: self.dec(points),
            deducted: self.dec(deducted),
            score: self.dec(points - deducted),
            reason,
            applicable: card_na(self.card, item.node),
            received: match self.card.received_units(item.node) {
                0 => None,
                units => Some(self.dec(units)),
            },
            rules,
        }
    }
}

/// `Some(false)` for an item marked not applicable.
fn card_na(card: &Scorecard<'_>, node: u32) -> Option<bool> {
    card.na_item(node).map(|_| false)
}

impl serde::Serialize for Scorecard<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        with_report(self, |report| report.serialize(serializer))
    }
}

/// Serde for an amount: written as a string without trailing zeros (by
/// hand, from the mantissa: no `normalize`), read from a string or a number
/// exactly.
mod amount {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    use crate::text::Units;

    pub(super) fn serialize<S: Serializer>(d: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(Units(d.mantissa(), d.scale()).write(&mut [0u8; 52]))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        crate::points::decimal_serde::deserialize(deserializer)
    }

    /// The same for an optional amount (`None` is skipped by its field).
    pub(super) mod option {
        use rust_decimal::Decimal;
        use serde::{Deserializer, Serializer};

        #[expect(
            clippy::ref_option,
            reason = "serde's `with` passes the field by reference"
        )]
        pub(in crate::report) fn serialize<S: Serializer>(
            d: &Option<Decimal>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub(in crate::report) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            crate::points::decimal_serde::option::deserialize(deserializer)
        }
    }
}

#[cfg(feature = "json")]
pub(crate) use write::{WriteJson, to_json};

/// The direct JSON writer of reports (the JSON surface's).
#[cfg(feature = "json")]
mod write {
    use std::borrow::Cow;

    use rust_decimal::Decimal;

    use super::{Limit, with_report};
    use crate::Scorecard;

    /// Writing a report's values as JSON directly (see `report_struct!`).
    pub(crate) trait WriteJson {
        /// Appends the value's JSON to `out`.
        fn write_json(&self, out: &mut String);

        /// Whether a field holding this value is left out (as its
        /// `skip_serializing_if` says).
        fn skip(&self) -> bool {
            false
        }
    }

    impl WriteJson for Cow<'_, str> {
        fn write_json(&self, out: &mut String) {
            crate::text::push_json_str(out, self);
        }
    }

    impl WriteJson for bool {
        fn write_json(&self, out: &mut String) {
            out.push_str(if *self { "true" } else { "false" });
        }
    }

    impl WriteJson for u64 {
        fn write_json(&self, out: &mut String) {
            crate::text::push_u64(out, *self);
        }
    }

    /// An amount: a string without trailing zeros, as `amount` serializes it.
    impl WriteJson for Decimal {
        fn write_json(&self, out: &mut String) {
            out.push('"');
            // INVARIANT: report amounts come from units at the rubric's
            // scale (at most 6) or from JSON text; both fit.
            crate::text::Units(self.mantissa(), self.scale()).push(out);
            out.push('"');
        }
    }

    /// `pending`: absent when `None`.
    impl WriteJson for Option<u64> {
        fn write_json(&self, out: &mut String) {
            if let Some(v) = self {
                v.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `grade` and other optional text: absent when `None`.
    impl WriteJson for Option<Cow<'_, str>> {
        fn write_json(&self, out: &mut String) {
            if let Some(v) = self {
                v.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `base`, `vetoed`, a veto's `score`: absent when `None`.
    impl WriteJson for Option<Decimal> {
        fn write_json(&self, out: &mut String) {
            if let Some(v) = self {
                v.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `period`: absent when `None`.
    impl WriteJson for Option<crate::Period> {
        fn write_json(&self, out: &mut String) {
            if let Some(p) = self {
                out.push_str("{\"from\":\"");
                crate::text::push_date(out, p.from());
                out.push_str("\",\"to\":\"");
                crate::text::push_date(out, p.to());
                out.push_str("\"}");
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `as_of`: absent when `None`.
    impl WriteJson for Option<chrono::NaiveDate> {
        fn write_json(&self, out: &mut String) {
            if let Some(d) = self {
                out.push('"');
                crate::text::push_date(out, *d);
                out.push('"');
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `rescaled`: absent when `None`.
    impl WriteJson for Option<super::Rescaled> {
        fn write_json(&self, out: &mut String) {
            if let Some(r) = self {
                out.push_str("{\"applicable\":");
                r.applicable.write_json(out);
                out.push_str(",\"earned\":");
                r.earned.write_json(out);
                out.push('}');
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `penalties`: absent when `None`.
    impl WriteJson for Option<super::PenaltiesReport<'_>> {
        fn write_json(&self, out: &mut String) {
            if let Some(v) = self {
                v.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `bonus`: absent when `None`.
    impl WriteJson for Option<super::BonusReport<'_>> {
        fn write_json(&self, out: &mut String) {
            if let Some(v) = self {
                v.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `rounded`: absent when `None`.
    impl WriteJson for Option<bool> {
        fn write_json(&self, out: &mut String) {
            if let Some(v) = self {
                v.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    /// `indicators` and `items`: absent when `None`.
    impl<T: WriteJson> WriteJson for Option<Vec<T>> {
        fn write_json(&self, out: &mut String) {
            if let Some(list) = self {
                list.write_json(out);
            }
        }

        fn skip(&self) -> bool {
            self.is_none()
        }
    }

    impl<T: WriteJson> WriteJson for Vec<T> {
        fn write_json(&self, out: &mut String) {
            out.push('[');
            for (i, value) in self.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                value.write_json(out);
            }
            out.push(']');
        }
    }

    /// `limited_by`: `null` when `None`, never left out.
    impl WriteJson for Option<Limit<'_>> {
        fn write_json(&self, out: &mut String) {
            match self {
                None => out.push_str("null"),
                Some(Limit::Cap { cap }) => {
                    out.push_str("{\"kind\":\"cap\",\"cap\":");
                    cap.write_json(out);
                    out.push('}');
                }
                Some(Limit::Node { id, points }) => {
                    out.push_str("{\"kind\":\"node\",\"id\":");
                    id.write_json(out);
                    out.push_str(",\"points\":");
                    points.write_json(out);
                    out.push('}');
                }
                Some(Limit::Exclusive { kept }) => {
                    out.push_str("{\"kind\":\"exclusive\",\"kept\":");
                    kept.write_json(out);
                    out.push('}');
                }
            }
        }
    }

    /// The scorecard as compact JSON, written directly from its report: the
    /// bytes `serde_json::to_string` gives for it.
    pub(crate) fn to_json(card: &Scorecard<'_>) -> String {
        // About what a seed rule's outcome takes, so that the text is rarely
        // copied as it grows.
        let mut out = String::with_capacity(384 * card.rules.len() + 1024);
        with_report(card, |report| report.write_json(&mut out));
        out
    }
}
