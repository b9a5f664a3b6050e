//! The rubric tree and its validation.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::strict::{map_only, strict_struct};
use crate::{Calendar, Id, Penalty, Points, Rule, Trigger};

strict_struct! {
/// A rubric as written (督查细则): the plain data, before validation.
///
/// Build one in code or read it from JSON, then turn it into a [`Rubric`]
/// with [`Rubric::new`], which checks it once and prepares it for
/// evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
serde(deny_unknown_fields)
pub struct RubricSpec as "RubricSpec", "a rubric object" {
    /// Unique key of the rubric; an inspection may name it.
    pub id: Id,
    /// The document's title.
    pub title: String,
    /// The document's version or status (`试行`).
    #[serde(default)]
    pub version: String,
    /// The declared total (100 for the seed); must equal the sum of the
    /// top-level indicators' points.
    pub total: Points,
    /// The top-level indicators (一级指标), in document order.
    pub indicators: Vec<Indicator>,
    /// Worked examples that travel with the rubric
    /// ([`Rubric::check_examples`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<crate::Example>,
}
}

/// An indicator (督查指标): a group of items, or of finer indicators.
///
/// In JSON an indicator has either an `items` or an `indicators` array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Unique key (`"G1"`).
    pub id: Id,
    /// The name the document prints (`领导重视`).
    pub name: String,
    /// The indicator's points: its deduction never exceeds them.
    pub points: Points,
    /// What the indicator contains.
    pub children: Children,
}

/// What an [`Indicator`] contains: finer indicators or items, never both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Children {
    /// Finer indicators (二级、三级指标).
    Indicators(Vec<Indicator>),
    /// Numbered items (rows of the document).
    Items(Vec<Item>),
}

strict_struct! {
/// One numbered row of the document (序号): a requirement and the rules
/// that score it.
#[derive(Debug, Clone, PartialEq, Eq)]
serde(deny_unknown_fields)
pub struct Item as "Item", "an item object" {
    /// Unique key (`"11-2"`); distinct even where serial labels repeat.
    pub id: Id,
    /// The serial label the document prints (`"11"`); need not be unique.
    pub serial: String,
    /// The item's points (量化分值): its deduction never exceeds them.
    pub points: Points,
    /// The performance requirement (绩效要求), verbatim.
    pub requirement: String,
    /// The scoring standard (督查评分标准) as the document prints it, whole.
    #[serde(default)]
    pub standard: String,
    /// The clauses of the scoring standard, each a rule.
    pub rules: Vec<Rule>,
}
}

map_only!(IndicatorRepr, "an indicator object");

/// Why a [`RubricSpec`] is not a valid [`Rubric`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RubricError {
    /// Two nodes or rules share an id.
    #[error("id `{id}` is used more than once")]
    DuplicateId {
        /// The repeated id.
        id: Id,
    },
    /// The declared total is not the sum of the top-level indicators.
    #[error("declared total `{declared}` differs from the sum of the top-level indicators `{sum}`")]
    TotalMismatch {
        /// The rubric's `total`.
        declared: Points,
        /// The sum of the top-level indicators' points.
        sum: Decimal,
    },
    /// Indicators are nested too deeply.
    #[error("indicator `{id}` is nested deeper than {max} levels")]
    TooDeep {
        /// The first indicator below the limit.
        id: Id,
        /// The limit, [`Rubric::MAX_DEPTH`].
        max: usize,
    },
    /// A deadline's time limit is longer than [`Within::MAX`](crate::Within::MAX).
    #[error("rule `{rule}`: a time limit of {days} days is longer than the {max} allowed")]
    TimeLimitTooLong {
        /// The rule.
        rule: Id,
        /// The limit it sets.
        days: u32,
        /// The longest allowed, [`Within::MAX`](crate::Within::MAX).
        max: u32,
    },
    /// A threshold's minimum lies outside what the rule measures.
    #[error("rule `{rule}`: minimum `{min}` is outside its measure, {measure}")]
    MinOutOfDomain {
        /// The rule.
        rule: Id,
        /// The minimum.
        min: Decimal,
        /// What the rule measures.
        measure: crate::Measure,
    },
    /// The rubric has more nodes or rules than the evaluator indexes.
    #[error("the rubric has more than {max} rules or nodes")]
    TooLarge {
        /// The limit.
        max: usize,
    },
}

/// A validated rubric, ready to evaluate inspections.
///
/// Made from a [`RubricSpec`] by [`Rubric::new`] (or by deserializing, which
/// runs the same checks). Validation happens once; after it, evaluation can
/// only fail on the inspection. Serializing a rubric writes its spec, and
/// reading that JSON back gives an equal rubric.
///
/// A rubric carries the working-day [`Calendar`] its deadline rules count
/// on: [`Calendar::china`] unless replaced with [`Rubric::with_calendar`]
/// (or extended through [`Rubric::calendar_mut`]). The calendar is not part
/// of the rubric's JSON.
#[derive(Debug, Clone)]
pub struct Rubric {
    spec: RubricSpec,
    plan: Plan,
    calendar: Calendar,
}

/// The rubric flattened for evaluation: nodes and rules in document order
/// (preorder), with points as integers at one scale.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// Decimal places of every amount below (the largest scale in the rubric).
    pub(crate) scale: u32,
    /// Node 0 is the rubric itself; then indicators and items in preorder.
    pub(crate) nodes: Vec<NodePlan>,
    /// Each node's points in units, indexed like `nodes`: the budgets an
    /// evaluation starts from.
    pub(crate) points: Vec<i64>,
    /// Each node's parent, indexed like `nodes`; the root's is itself.
    pub(crate) parents: Vec<u32>,
    /// For each item, the nodes that bound its rules: the item, its
    /// indicators, the root. Rules index into this by range.
    pub(crate) chains: Vec<u32>,
    /// Rules in document order.
    pub(crate) rules: Vec<RulePlan>,
    /// Each rule's trigger, indexed like `rules`.
    pub(crate) triggers: Vec<Trigger>,
    /// Rule ids with their indices, sorted by id, to match an inspection's
    /// facts (kept in id order) in one merge pass.
    pub(crate) by_id: Vec<IdKey>,
}

#[derive(Debug, Clone)]
pub(crate) struct NodePlan {
    /// The node's id (the rubric's own for the root).
    pub(crate) id: Id,
    /// How a reason names the node: `第12项`, `“领导重视”`, `总分`.
    pub(crate) label: String,
    /// The node's points, in units of 10^-scale.
    pub(crate) points: i128,
    /// Number of nodes in this node's subtree, itself included.
    pub(crate) size: u32,
    /// The first rule under this node (rules under a node are contiguous).
    pub(crate) first_rule: u32,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct RulePlan {
    /// Flag and count rules are counted inline; others through
    /// `tally::tally` with their full trigger.
    pub(crate) simple: Simple,
    /// Where the chain of nodes bounding the rule starts in `Plan::chains`.
    pub(crate) chain_start: u32,
    /// Where it ends (exclusive).
    pub(crate) chain_end: u32,
    /// Deduction per breach, in units.
    pub(crate) amount: i128,
    /// `false` for flat penalties: one breach costs `amount`, more cost no more.
    pub(crate) per_breach: bool,
    /// The rule's own cap in units; `i128::MAX` if none.
    pub(crate) cap: i128,
}

impl Rubric {
    /// How deeply indicators may nest (一级, 二级, … 指标).
    pub const MAX_DEPTH: usize = 16;

    /// Validates `spec` and prepares it for evaluation.
    ///
    /// # Errors
    ///
    /// [`RubricError`] if two nodes or rules share an id, the declared total
    /// is not the sum of the top-level indicators, indicators nest deeper
    /// than [`Rubric::MAX_DEPTH`], or there are more than `u32::MAX` nodes or
    /// rules. A rubric with no rules at all is valid.
    pub fn new(spec: RubricSpec) -> Result<Rubric, RubricError> {
        let plan = Plan::build(&spec)?;
        Ok(Rubric {
            spec,
            plan,
            calendar: Calendar::china(),
        })
    }

    /// The same rubric with another working-day calendar.
    pub fn with_calendar(mut self, calendar: Calendar) -> Rubric {
        self.calendar = calendar;
        self
    }

    /// The working-day calendar deadline rules count on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The calendar, to add a year:
    /// `rubric.calendar_mut().insert(schedule)`.
    pub fn calendar_mut(&mut self) -> &mut Calendar {
        &mut self.calendar
    }

    /// The rubric's id.
    pub fn id(&self) -> &Id {
        &self.spec.id
    }

    /// The rubric's title.
    pub fn title(&self) -> &str {
        &self.spec.title
    }

    /// The declared total.
    pub fn total(&self) -> Points {
        self.spec.total
    }

    /// The rubric as written.
    pub fn spec(&self) -> &RubricSpec {
        &self.spec
    }

    /// Gives back the rubric as written.
    pub fn into_spec(self) -> RubricSpec {
        self.spec
    }

    /// The top-level indicators.
    pub fn indicators(&self) -> &[Indicator] {
        &self.spec.indicators
    }

    /// Every item, in document order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        let mut stack: Vec<std::slice::Iter<'_, Indicator>> = vec![self.spec.indicators.iter()];
        let mut items: std::slice::Iter<'_, Item> = [].iter();
        std::iter::from_fn(move || {
            loop {
                if let Some(item) = items.next() {
                    return Some(item);
                }
                let top = stack.last_mut()?;
                match top.next() {
                    None => {
                        stack.pop();
                    }
                    Some(ind) => match &ind.children {
                        Children::Indicators(children) => stack.push(children.iter()),
                        Children::Items(children) => items = children.iter(),
                    },
                }
            }
        })
    }

    /// Every rule, in document order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.items().flat_map(|item| &item.rules)
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules().find(|r| r.id.as_str() == id)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id.as_str() == id)
    }

    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }
}

impl PartialEq for Rubric {
    fn eq(&self, other: &Rubric) -> bool {
        // The plan is derived from the spec.
        self.spec == other.spec
    }
}

impl Eq for Rubric {}

impl TryFrom<RubricSpec> for Rubric {
    type Error = RubricError;
    fn try_from(spec: RubricSpec) -> Result<Rubric, RubricError> {
        Rubric::new(spec)
    }
}

impl From<Rubric> for RubricSpec {
    fn from(rubric: Rubric) -> RubricSpec {
        rubric.spec
    }
}

impl Serialize for Rubric {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.spec.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Rubric {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rubric, D::Error> {
        let spec = RubricSpec::deserialize(deserializer)?;
        Rubric::new(spec).map_err(serde::de::Error::custom)
    }
}

/// The JSON shape of an [`Indicator`].
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct IndicatorRepr {
    id: Id,
    name: String,
    points: Points,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indicators: Option<Vec<Indicator>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<Vec<Item>>,
}

impl Serialize for Indicator {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Indicator", 4)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("points", &self.points)?;
        match &self.children {
            Children::Indicators(children) => s.serialize_field("indicators", children)?,
            Children::Items(items) => s.serialize_field("items", items)?,
        }
        s.end()
    }
}

impl<'de> Deserialize<'de> for Indicator {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Indicator, D::Error> {
        let repr = IndicatorRepr::deserialize(deserializer)?;
        let children = match (repr.indicators, repr.items) {
            (Some(_), Some(_)) => {
                return Err(serde::de::Error::custom(format_args!(
                    "indicator `{}` has both `indicators` and `items`; give one",
                    repr.id
                )));
            }
            (Some(children), None) => Children::Indicators(children),
            (None, items) => Children::Items(items.unwrap_or_default()),
        };
        Ok(Indicator {
            id: repr.id,
            name: repr.name,
            points: repr.points,
            children,
        })
    }
}

impl Plan {
    fn build(spec: &RubricSpec) -> Result<Plan, RubricError> {
        let mut builder = PlanBuilder {
            scale: 0,
            ids: BTreeSet::new(),
            nodes: Vec::new(),
            rules: Vec::new(),
            raw: Vec::new(),
        };
        builder.scale_of(spec.total);
        // The rubric's own id is a node id too (`LimitedBy::Node` may name it).
        builder.claim(&spec.id)?;
        builder.nodes.push(RawNode {
            id: spec.id.clone(),
            label: "总分".to_owned(),
            points: spec.total,
            parent: 0,
            size: 1,
            first_rule: 0,
        });
        builder.indicators(&spec.indicators, 0, 1)?;
        let size = u32::try_from(builder.nodes.len()).map_err(|_| too_large())?;
        if let Some(root) = builder.nodes.first_mut() {
            root.size = size;
        }
        let PlanBuilder {
            scale,
            nodes: raw_nodes,
            rules: raw_rules,
            raw: penalties,
            ..
        } = builder;

        let units = |p: Points| to_units(p.get(), scale);
        let nodes: Vec<NodePlan> = raw_nodes
            .iter()
            .map(|n| NodePlan {
                id: n.id.clone(),
                label: n.label.clone(),
                points: units(n.points),
                size: n.size,
                first_rule: n.first_rule,
            })
            .collect();
        // INVARIANT: node points are at most 10^9 at scale at most 6, so
        // below 10^15 units: i64 holds them, and every budget below them.
        let points = nodes
            .iter()
            .map(|n| i64::try_from(n.points).unwrap_or(i64::MAX))
            .collect();
        let parents = raw_nodes.iter().map(|n| n.parent).collect();

        // Chains are built once per item and shared by its rules.
        let mut chains: Vec<u32> = Vec::new();
        let mut chain_of: Vec<(u32, u32)> = vec![(0, 0); raw_nodes.len()];
        let mut rules = Vec::with_capacity(raw_rules.len());
        let mut triggers = Vec::with_capacity(raw_rules.len());
        for (rule, (item, penalty)) in raw_rules.iter().zip(penalties) {
            let (chain_start, chain_end) = match chain_of.get(item as usize) {
                Some(&range) if range.1 > range.0 => range,
                _ => {
                    let start = u32::try_from(chains.len()).map_err(|_| too_large())?;
                    let mut node = item;
                    // INVARIANT: parents precede children, so this climbs to
                    // the root (node 0) in at most MAX_DEPTH + 1 steps.
                    while node != 0 {
                        chains.push(node);
                        node = raw_nodes.get(node as usize).map_or(0, |n| n.parent);
                    }
                    chains.push(0);
                    let end = u32::try_from(chains.len()).map_err(|_| too_large())?;
                    if let Some(slot) = chain_of.get_mut(item as usize) {
                        *slot = (start, end);
                    }
                    (start, end)
                }
            };
            let (amount, per_breach, cap) = match penalty {
                Penalty::Flat { points } => (units(points), false, i128::MAX),
                Penalty::PerOccurrence { points } => (units(points), true, i128::MAX),
                Penalty::Capped { points, cap } => (units(points), true, units(cap)),
            };
            triggers.push(rule.1.clone());
            rules.push(RulePlan {
                simple: match rule.1 {
                    Trigger::Flag => Simple::Flag,
                    Trigger::Count => Simple::Count,
                    _ => Simple::No,
                },
                chain_start,
                chain_end,
                amount,
                per_breach,
                cap,
            });
        }

        // The declared total must be the sum of the top-level indicators.
        let sum = spec
            .indicators
            .iter()
            .try_fold(Decimal::ZERO, |acc, i| acc.checked_add(i.points.get()))
            .ok_or_else(too_large)?;
        if sum != spec.total.get() {
            return Err(RubricError::TotalMismatch {
                declared: spec.total,
                sum: sum.normalize(),
            });
        }

        let mut by_id = Vec::with_capacity(raw_rules.len());
        for (index, (id, _)) in raw_rules.iter().enumerate() {
            by_id.push(IdKey {
                key: IdKey::prefix(id),
                id: (*id).clone(),
                index: u32::try_from(index).map_err(|_| too_large())?,
            });
        }
        by_id.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(Plan {
            scale,
            nodes,
            points,
            parents,
            chains,
            rules,
            triggers,
            by_id,
        })
    }
}

/// Whether a rule's trigger is simple enough to count inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Simple {
    Flag,
    Count,
    No,
}

/// A rule id with a cheap comparison key, for matching facts to rules.
#[derive(Debug, Clone)]
pub(crate) struct IdKey {
    /// The id's first 8 bytes, big-endian, zero-padded.
    pub(crate) key: u64,
    pub(crate) id: Id,
    /// The rule's index in document order.
    pub(crate) index: u32,
}

impl IdKey {
    /// The first 8 bytes of `id` as a big-endian number, zero-padded.
    ///
    /// INVARIANT: ids contain no NUL byte (control characters are refused),
    /// so keys order like the ids themselves, and two ids of at most 8
    /// bytes are equal exactly when their keys are.
    pub(crate) fn prefix(id: &Id) -> u64 {
        // Shifting bytes in (rather than copying them into an array and
        // reading it back) avoids a store-to-load stall on this hot path.
        let bytes = id.as_str().as_bytes();
        (0..8).fold(0u64, |key, i| {
            (key << 8) | u64::from(bytes.get(i).copied().unwrap_or(0))
        })
    }

    /// Compares `other` with this id, by key first.
    pub(crate) fn cmp_id(&self, key: u64, other: &Id) -> std::cmp::Ordering {
        match self.key.cmp(&key) {
            std::cmp::Ordering::Equal if self.id.as_str().len() > 8 || other.as_str().len() > 8 => {
                self.id.cmp(other)
            }
            ordering => ordering,
        }
    }
}

/// What a trigger's own parameters must satisfy.
fn check_trigger(rule: &Rule) -> Result<(), RubricError> {
    match rule.trigger {
        Trigger::Deadline {
            within: Some(within),
            ..
        } if within.days() > crate::Within::MAX => Err(RubricError::TimeLimitTooLong {
            rule: rule.id.clone(),
            days: within.days(),
            max: crate::Within::MAX,
        }),
        Trigger::Threshold { min, measure } if !measure.contains(min) => {
            Err(RubricError::MinOutOfDomain {
                rule: rule.id.clone(),
                min,
                measure,
            })
        }
        _ => Ok(()),
    }
}

fn too_large() -> RubricError {
    RubricError::TooLarge {
        max: u32::MAX as usize,
    }
}

/// `value` as an integer number of 10^-scale units.
///
/// INVARIANT: `value` is valid [`Points`] (at most 10^9, at most 6 places)
/// and `scale` is at least its scale and at most [`Points::MAX_SCALE`], so
/// the result is below 10^15 and exact.
pub(crate) fn to_units(value: Decimal, scale: u32) -> i128 {
    let shift = scale.saturating_sub(value.scale());
    value.mantissa() * 10i128.pow(shift)
}

struct RawNode {
    id: Id,
    label: String,
    points: Points,
    parent: u32,
    size: u32,
    first_rule: u32,
}

struct PlanBuilder<'s> {
    scale: u32,
    ids: BTreeSet<&'s str>,
    nodes: Vec<RawNode>,
    /// Each rule's id and trigger.
    rules: Vec<(&'s Id, &'s Trigger)>,
    /// Each rule's item node and penalty.
    raw: Vec<(u32, Penalty)>,
}

impl<'s> PlanBuilder<'s> {
    fn scale_of(&mut self, p: Points) {
        self.scale = self.scale.max(p.get().scale());
    }

    fn claim(&mut self, id: &'s Id) -> Result<(), RubricError> {
        if self.ids.insert(id.as_str()) {
            Ok(())
        } else {
            Err(RubricError::DuplicateId { id: id.clone() })
        }
    }

    fn push_node(
        &mut self,
        id: &Id,
        label: String,
        points: Points,
        parent: u32,
    ) -> Result<u32, RubricError> {
        let index = u32::try_from(self.nodes.len()).map_err(|_| too_large())?;
        let first_rule = u32::try_from(self.rules.len()).map_err(|_| too_large())?;
        self.scale_of(points);
        self.nodes.push(RawNode {
            id: id.clone(),
            label,
            points,
            parent,
            size: 1,
            first_rule,
        });
        Ok(index)
    }

    fn indicators(
        &mut self,
        indicators: &'s [Indicator],
        parent: u32,
        depth: usize,
    ) -> Result<(), RubricError> {
        for ind in indicators {
            if depth > Rubric::MAX_DEPTH {
                return Err(RubricError::TooDeep {
                    id: ind.id.clone(),
                    max: Rubric::MAX_DEPTH,
                });
            }
            self.claim(&ind.id)?;
            let node = self.push_node(&ind.id, format!("“{}”", ind.name), ind.points, parent)?;
            match &ind.children {
                Children::Indicators(children) => self.indicators(children, node, depth + 1)?,
                Children::Items(items) => {
                    for item in items {
                        self.claim(&item.id)?;
                        let item_node = self.push_node(
                            &item.id,
                            format!("第{}项", item.serial),
                            item.points,
                            node,
                        )?;
                        for rule in &item.rules {
                            self.claim(&rule.id)?;
                            check_trigger(rule)?;
                            self.scale_of(rule.penalty.points());
                            if let Some(cap) = rule.penalty.cap() {
                                self.scale_of(cap);
                            }
                            self.rules.push((&rule.id, &rule.trigger));
                            self.raw.push((item_node, rule.penalty));
                        }
                    }
                }
            }
            let size = u32::try_from(self.nodes.len())
                .ok()
                .and_then(|len| len.checked_sub(node))
                .ok_or_else(too_large)?;
            if let Some(n) = self.nodes.get_mut(node as usize) {
                n.size = size;
            }
        }
        Ok(())
    }
}
