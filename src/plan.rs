//! Validation and the plan: a [`RubricSpec`] checked once and flattened into
//! what evaluation runs on — nodes and rules in document order, points as
//! integers at one scale, each rule's chain of bounding nodes, and an index
//! of rule ids.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Calendar, Children, Id, Indicator, Item, Penalty, Points, RubricSpec, Rule, Trigger};

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
    /// A rule's penalty does not fit its trigger, or its table or
    /// parameters are malformed.
    #[error("rule `{rule}`: {problem}")]
    InvalidShape {
        /// The rule.
        rule: Id,
        /// What is wrong.
        problem: crate::ShapeProblem,
    },
    /// The declared rounding keeps more places than points have.
    #[error("rounding to {places} decimal places: at most {max} are kept")]
    RoundingTooFine {
        /// The places declared.
        places: u32,
        /// The most, [`Points::MAX_SCALE`].
        max: u32,
    },
    /// The grades table is malformed.
    #[error("grades: {problem}")]
    InvalidGrades {
        /// What is wrong.
        problem: String,
    },
    /// A group of rules that never deduct twice is malformed.
    #[error("exclusive group {group}: {problem}")]
    InvalidGroup {
        /// The group's position in `exclusive`, from 1.
        group: usize,
        /// What is wrong.
        problem: String,
    },
    /// An item's own options contradict each other or its place.
    #[error("item `{id}`: {problem}")]
    InvalidItem {
        /// The item.
        id: Id,
        /// What is wrong.
        problem: &'static str,
    },
    /// A weight, or the points of a node that rescales, has more decimal
    /// places than the declared rounding keeps, so even full marks would
    /// round.
    #[error(
        "`{id}`: {what} {value} has more decimal places than the declared rounding keeps ({places})"
    )]
    RoundingTooCoarse {
        /// The indicator (or the rubric).
        id: Id,
        /// `weight` or `points`.
        what: &'static str,
        /// The value.
        value: Decimal,
        /// The places the rounding keeps.
        places: u32,
    },
    /// An indicator's weight cannot be used as written.
    #[error("indicator `{id}`: {problem}")]
    InvalidWeight {
        /// The weighted indicator.
        id: Id,
        /// What is wrong.
        problem: &'static str,
    },
    /// The version's `in_force` dates end before they start.
    #[error("in_force: ends {to} before it starts {from}")]
    InForce {
        /// The first day.
        from: chrono::NaiveDate,
        /// The last day.
        to: chrono::NaiveDate,
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
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// assert_eq!(rubric.total().to_string(), "100");
/// assert_eq!(rubric.rules().count(), 24);
/// assert_eq!(rubric.rule("7a").map(|r| r.label.as_str()), Some("抽查任务完成后20个工作日内未公示抽查检查结果"));
/// assert_eq!(rubric.item("11-2").map(|i| i.serial.as_str()), Some("11"));
/// ```
#[derive(Debug, Clone)]
pub struct Rubric {
    spec: RubricSpec,
    plan: Plan,
    calendar: Calendar,
}

/// The rubric flattened for evaluation.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// Decimal places of every amount below (the largest scale in the rubric).
    pub(crate) scale: u32,
    /// Node 0 is the rubric itself; then indicators and items in preorder,
    /// so a node's subtree is the `size` nodes from it and a parent comes
    /// before its children.
    pub(crate) nodes: Vec<NodePlan>,
    /// The item nodes, in document order.
    pub(crate) items: Vec<u32>,
    /// The indicators that hold items, in document order: their items are
    /// the nodes right after them, so walking them walks every item.
    pub(crate) leaves: Vec<u32>,
    /// Rules in document order.
    pub(crate) rules: Vec<RulePlan>,
    /// For each item, the nodes that bound its rules: the item, its
    /// indicators, the root. Rules index into this by range.
    pub(crate) chains: Vec<u32>,
    /// Rule ids with their indices, sorted by id: facts (kept in id order)
    /// meet their rules in one merge pass, and a lookup is a binary search.
    pub(crate) by_id: Vec<IdKey>,
    /// The rubric's declared rounding.
    pub(crate) rounding: Option<crate::Rounding>,
    /// Groups of rules that never deduct twice.
    pub(crate) groups: Vec<GroupPlan>,
    /// The bonus section's node, if the rubric has one.
    pub(crate) bonus: Option<u32>,
    /// The penalty section's node, if the rubric has one.
    pub(crate) penalties: Option<u32>,
    /// The lowest final score, in units (0 by default).
    pub(crate) floor: i64,
    /// Item ids with their nodes, sorted by id.
    pub(crate) item_ids: Vec<(Id, u32)>,
    /// Whether any rule is a veto.
    pub(crate) vetoes: bool,
    /// The earning items in document order: each one's node and the range
    /// of `chains` holding the nodes above it, on which what it does not
    /// earn draws.
    pub(crate) earning: Vec<(u32, u32, u32)>,
}

/// One node of the plan: the rubric, an indicator or an item.
#[derive(Debug, Clone)]
pub(crate) struct NodePlan {
    /// The node's id (the rubric's own for the root).
    pub(crate) id: Id,
    /// How a reason names the node: `第12项`, `“领导重视”`, `总分`.
    pub(crate) label: String,
    /// The node's points, in units of 10^-scale.
    ///
    /// INVARIANT: points are at most 10^9 at a scale of at most 6, so below
    /// 10^15 units: every budget and deduction below them fits an i64.
    pub(crate) points: i64,
    /// The most the node deducts, in units: its points minus its floor
    /// (its points when the floor is 0).
    pub(crate) limit: i64,
    /// The parent node; the root's is itself.
    pub(crate) parent: u32,
    /// The node's position among its parent's indicators or items.
    pub(crate) position: u32,
    /// Number of nodes in this node's subtree, itself included.
    pub(crate) size: u32,
    /// The rules under this node: `first_rule..end_rule` (contiguous).
    pub(crate) first_rule: u32,
    /// See `first_rule`.
    pub(crate) end_rule: u32,
    /// Whether the node is an item (else the rubric or an indicator).
    pub(crate) is_item: bool,
    /// Whether the node is an item that earns ("…得2分"): its rules credit
    /// it, and its deduction is what they do not earn.
    pub(crate) earn: bool,
    /// Whether the node lies outside the declared total: the bonus section
    /// and its items. The section's deduction is its credit, and it does
    /// not add to the root's.
    pub(crate) outside: bool,
    /// What the node counts for in its parent, in units, if weighted
    /// (折算): its score ÷ its points × this.
    pub(crate) weight: Option<i64>,
    /// For an item, the policy for marking it not applicable and the node
    /// that declares it (the nearest above it that does); for the rubric or
    /// an indicator, its own declaration (itself as the node).
    pub(crate) na: Option<(crate::NaPolicy, u32)>,
}

/// One rule of the plan.
#[derive(Debug, Clone)]
pub(crate) struct RulePlan {
    /// How the rule counts breaches.
    pub(crate) trigger: Trigger,
    /// Its item's node.
    pub(crate) item: u32,
    /// Its position among the item's rules.
    pub(crate) position: u32,
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
    /// What the rule overrides as a veto, if it is one.
    pub(crate) veto: Option<crate::VetoScope>,
    /// Whether `crate::price` prices the rule from its spec (else
    /// `amount` × breaches). The spec is fetched only for such rules and
    /// for facts that mark amounts, multipliers or exemptions, so that the
    /// plan of a rule stays small for the walk over every rule.
    pub(crate) priced: bool,
}

/// A group of rules that never deduct twice, as rule indices in the order
/// listed.
#[derive(Debug, Clone)]
pub(crate) struct GroupPlan {
    pub(crate) rules: Vec<u32>,
    pub(crate) keep: crate::Keep,
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
    /// than [`Rubric::MAX_DEPTH`], a deadline's time limit is longer than
    /// [`Within::MAX`](crate::Within::MAX), a threshold's minimum is outside
    /// its measure, or there are more than `u32::MAX` nodes or rules. A
    /// rubric with no rules at all is valid.
    pub fn new(spec: RubricSpec) -> Result<Rubric, RubricError> {
        if let Some(crate::InForce { from, to: Some(to) }) = spec.in_force
            && to < from
        {
            return Err(RubricError::InForce { from, to });
        }
        let plan = Plan::build(&spec)?;
        Ok(Rubric {
            spec,
            plan,
            calendar: Calendar::china(),
        })
    }

    /// The same rubric with another working-day calendar.
    #[must_use]
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
        self.leaf_items().map(|(item, _)| item)
    }

    /// Every item with its plan node, in document order: the items of each
    /// indicator that holds items, found once per indicator.
    pub(crate) fn leaf_items(&self) -> impl Iterator<Item = (&Item, u32)> {
        self.plan.leaves.iter().flat_map(move |&leaf| {
            let items: &[Item] = self.items_under(leaf);
            // An item is a leaf node: its node follows the one before.
            items.iter().zip(leaf + 1..)
        })
    }

    /// Every rule, in document order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.items().flat_map(|item| &item.rules)
    }

    /// The rule with this id (a binary search).
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rule_at(self.plan.rule_index(id)?)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.plan
            .items
            .iter()
            .find(|&&node| self.plan.node(node).is_some_and(|n| n.id.as_str() == id))
            .and_then(|&node| self.item_at(node))
    }

    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The indicator or item at `node` in the spec: the path to it is
    /// rebuilt from the plan's parents and positions (at most
    /// [`Rubric::MAX_DEPTH`] + 1 steps).
    fn path(&self, node: u32) -> Option<([u32; Rubric::MAX_DEPTH + 2], usize)> {
        let mut path = [0u32; Rubric::MAX_DEPTH + 2];
        let mut len = 0;
        let mut at = node;
        while at != 0 {
            let n = self.plan.node(at)?;
            *path.get_mut(len)? = n.position;
            len += 1;
            at = n.parent;
        }
        Some((path, len))
    }

    /// The indicator at plan node `node`.
    pub(crate) fn indicator_at(&self, node: u32) -> Option<&Indicator> {
        let (path, len) = self.path(node)?;
        let mut indicators: &[Indicator] = &self.spec.indicators;
        let mut found = None;
        for &position in path.get(..len)?.iter().rev() {
            let indicator = indicators.get(position as usize)?;
            indicators = match &indicator.children {
                Children::Indicators(children) => children,
                Children::Items(_) => &[],
            };
            found = Some(indicator);
        }
        found
    }

    /// The item at plan node `node`.
    pub(crate) fn item_at(&self, node: u32) -> Option<&Item> {
        let n = self.plan.node(node)?;
        self.items_under(n.parent).get(n.position as usize)
    }

    /// The items of the indicator (or the bonus section) at `node`.
    pub(crate) fn items_under(&self, node: u32) -> &[Item] {
        if self.plan.bonus == Some(node) {
            return self.spec.bonus.as_ref().map_or(&[], |b| b.items.as_slice());
        }
        if self.plan.penalties == Some(node) {
            return self
                .spec
                .penalties
                .as_ref()
                .map_or(&[], |p| p.items.as_slice());
        }
        match self.indicator_at(node).map(|i| &i.children) {
            Some(Children::Items(items)) => items,
            _ => &[],
        }
    }

    /// The rule with plan index `index`.
    pub(crate) fn rule_at(&self, index: u32) -> Option<&Rule> {
        let rule = self.plan.rules.get(index as usize)?;
        self.item_at(rule.item)?.rules.get(rule.position as usize)
    }
}

impl Plan {
    /// The node of the item with this id (a binary search).
    pub(crate) fn item_node(&self, id: &str) -> Option<u32> {
        self.item_ids
            .binary_search_by(|(probe, _)| probe.as_str().cmp(id))
            .ok()
            .and_then(|at| self.item_ids.get(at))
            .map(|(_, node)| *node)
    }

    /// Whether the item at node `item` is in the bonus section.
    pub(crate) fn in_bonus(&self, item: u32) -> bool {
        self.bonus.is_some() && self.node(item).map(|n| n.parent) == self.bonus
    }

    /// Whether the rules of the item at node `item` credit points (it is in
    /// the bonus section, or it earns) instead of deducting them.
    pub(crate) fn credits(&self, item: u32) -> bool {
        self.in_bonus(item) || self.node(item).is_some_and(|n| n.earn)
    }

    /// The node `node`.
    ///
    /// INVARIANT: callers pass node indices from the plan itself; the check
    /// is exercised in debug builds (every test).
    pub(crate) fn node(&self, node: u32) -> Option<&NodePlan> {
        let found = self.nodes.get(node as usize);
        debug_assert!(found.is_some(), "node {node} of {}", self.nodes.len());
        found
    }

    /// The index of the rule with this id.
    pub(crate) fn rule_index(&self, id: &str) -> Option<u32> {
        self.rule_entry(id).map(|found| found.index)
    }

    /// The id index's entry for this id (a binary search).
    pub(crate) fn rule_entry(&self, id: &str) -> Option<&IdKey> {
        let key = IdKey::prefix(id);
        self.by_id
            .binary_search_by(|probe| probe.cmp_id(key, id))
            .ok()
            .and_then(|at| self.by_id.get(at))
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
    pub(crate) fn prefix(id: &str) -> u64 {
        // Shifting bytes in (rather than copying them into an array and
        // reading it back) avoids a store-to-load stall on this hot path.
        let bytes = id.as_bytes();
        (0..8).fold(0u64, |key, i| {
            (key << 8) | u64::from(bytes.get(i).copied().unwrap_or(0))
        })
    }

    /// Compares this rule id with `other`, whose key is `key`: by key
    /// first, and by the whole ids where the keys tie and either is longer
    /// than the key.
    pub(crate) fn cmp_id(&self, key: u64, other: &str) -> std::cmp::Ordering {
        match self.key.cmp(&key) {
            std::cmp::Ordering::Equal if self.id.as_str().len() > 8 || other.len() > 8 => {
                self.id.as_str().cmp(other)
            }
            ordering => ordering,
        }
    }
}

/// Pushes onto `chains` the nodes that bound what happens at `from`: it
/// and its ancestors up to the root, or up to the first that is weighted
/// (its rules' shares are of its points, and it contributes its weighted
/// score) or that is the bonus or penalty section (outside the total).
///
/// INVARIANT: parents precede children, so this climbs to the root (node
/// 0) in at most MAX_DEPTH + 2 steps.
fn climb(nodes: &[NodePlan], from: u32, chains: &mut Vec<u32>) {
    let mut node = from;
    loop {
        chains.push(node);
        let Some(n) = nodes.get(node as usize) else {
            break;
        };
        if node == 0 || n.weight.is_some() || (n.outside && n.parent == 0) {
            break;
        }
        node = n.parent;
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

/// Grades run from the best down by strictly decreasing bounds, the last
/// without one, each label once.
fn check_grades(grades: &[crate::Grade]) -> Result<(), RubricError> {
    let invalid = |problem: &str| RubricError::InvalidGrades {
        problem: problem.to_owned(),
    };
    let Some((last, bounded)) = grades.split_last() else {
        return Ok(());
    };
    if last.at_least.is_some() {
        return Err(invalid(
            "the last grade must have no bound: it takes every score the grades before it do not",
        ));
    }
    let mut previous: Option<Decimal> = None;
    for (i, grade) in grades.iter().enumerate() {
        if grade.label.trim().is_empty() {
            return Err(invalid("a grade's label is empty"));
        }
        if grades.iter().take(i).any(|g| g.label == grade.label) {
            return Err(invalid(&format!("grade `{}` is listed twice", grade.label)));
        }
    }
    for grade in bounded {
        let Some(bound) = grade.at_least else {
            return Err(invalid("every grade but the last gives `at_least`"));
        };
        if previous.is_some_and(|p| bound >= p) {
            return Err(invalid(
                "grade bounds must be strictly decreasing, from the best grade down",
            ));
        }
        previous = Some(bound);
    }
    Ok(())
}

/// A node while the plan is built: points still as [`Points`].
struct RawNode {
    id: Id,
    label: String,
    points: Points,
    parent: u32,
    position: u32,
    size: u32,
    first_rule: u32,
    end_rule: u32,
    is_item: bool,
    outside: bool,
    earn: bool,
    floor: Option<Decimal>,
    weight: Option<Points>,
    na: Option<crate::NaPolicy>,
}

/// A rule while the plan is built.
struct RawRule<'s> {
    rule: &'s Rule,
    item: u32,
    position: u32,
}

struct PlanBuilder<'s> {
    scale: u32,
    /// The first rule that divides, if any (it needs the rubric's rounding).
    divides: Option<&'s Id>,
    /// The first indicator whose weight differs from its points, if any
    /// (its weighted score divides).
    weighted: Option<&'s Id>,
    ids: BTreeSet<&'s str>,
    nodes: Vec<RawNode>,
    rules: Vec<RawRule<'s>>,
}

impl Plan {
    fn build(spec: &RubricSpec) -> Result<Plan, RubricError> {
        let mut builder = PlanBuilder {
            scale: 0,
            divides: None,
            weighted: None,
            ids: BTreeSet::new(),
            nodes: Vec::new(),
            rules: Vec::new(),
        };
        builder.scale_of(spec.total);
        // The rubric's own id is a node id too (`LimitedBy::Node` may name it).
        builder.claim(&spec.id)?;
        builder.push_node(&spec.id, "总分".to_owned(), spec.total, 0, 0, false)?;
        if let Some(root) = builder.nodes.first_mut() {
            root.na = spec.not_applicable;
        }
        builder.indicators(&spec.indicators, 0, 1)?;
        builder.close(0)?;
        // The bonus section after the total's subtree: its node and items
        // are outside it.
        let bonus_node = match &spec.bonus {
            Some(bonus) => Some(builder.bonus(bonus)?),
            None => None,
        };
        let penalty_node = match &spec.penalties {
            Some(section) => Some(builder.penalties(section)?),
            None => None,
        };
        if let Some(floor) = spec.floor {
            crate::shape::check_floor(floor).map_err(|problem| RubricError::InvalidShape {
                rule: spec.id.clone(),
                problem,
            })?;
            builder.scale = builder.scale.max(floor.normalize().scale());
        }
        check_grades(&spec.grades)?;

        // The declared total must be the sum of the top-level indicators.
        let sum = spec
            .indicators
            .iter()
            .try_fold(Decimal::ZERO, |acc, i| {
                acc.checked_add(i.counts_for().get())
            })
            .ok_or_else(too_large)?;
        if sum != spec.total.get() {
            return Err(RubricError::TotalMismatch {
                declared: spec.total,
                sum: sum.normalize(),
            });
        }

        // Rescaling and redistributing divide. Which node's policy governs
        // each item: the nearest declaration above it.
        let governs = builder.na_policies()?;
        let na_divides = builder.nodes.iter().find(|n| {
            matches!(
                n.na,
                Some(crate::NaPolicy::Rescale | crate::NaPolicy::Redistribute)
            )
        });
        if let Some(declaring) = na_divides
            && builder.divides.is_none()
            && builder.weighted.is_none()
            && spec.rounding.is_none()
        {
            return Err(RubricError::InvalidShape {
                rule: declaring.id.clone(),
                problem: crate::ShapeProblem::NeedsRounding,
            });
        }
        if let Some(weighted) = builder.weighted
            && spec.rounding.is_none()
        {
            return Err(RubricError::InvalidWeight {
                id: weighted.clone(),
                problem: "its weight differs from its points, so its score is divided: the rubric must declare a `rounding` (places and mode)",
            });
        }
        // What rounds must keep what it rounds whole at full marks: weights
        // that divide, and the points of nodes that rescale.
        if let Some(r) = spec.rounding {
            for n in &builder.nodes {
                let coarse = |value: Decimal| value.normalize().scale() > r.places;
                if let Some(w) = n.weight
                    && w != n.points
                    && coarse(w.get())
                {
                    return Err(RubricError::RoundingTooCoarse {
                        id: n.id.clone(),
                        what: "weight",
                        value: w.get().normalize(),
                        places: r.places,
                    });
                }
                if n.na == Some(crate::NaPolicy::Rescale) && coarse(n.points.get()) {
                    return Err(RubricError::RoundingTooCoarse {
                        id: n.id.clone(),
                        what: "points",
                        value: n.points.get().normalize(),
                        places: r.places,
                    });
                }
            }
        }
        let na_divides = na_divides.is_some();
        let PlanBuilder {
            mut scale,
            divides,
            weighted,
            nodes: raw_nodes,
            rules: raw_rules,
            ..
        } = builder;
        if let Some(r) = spec.rounding {
            if r.places > Points::MAX_SCALE {
                return Err(RubricError::RoundingTooFine {
                    places: r.places,
                    max: Points::MAX_SCALE,
                });
            }
            if divides.is_some() || weighted.is_some() || na_divides {
                scale = scale.max(r.places);
            }
        } else if let Some(rule) = divides {
            return Err(RubricError::InvalidShape {
                rule: rule.clone(),
                problem: crate::ShapeProblem::NeedsRounding,
            });
        }
        let units = |p: Points| to_units(p.get(), scale);
        let nodes: Vec<NodePlan> = raw_nodes
            .into_iter()
            .map(|n| NodePlan {
                // INVARIANT (see `NodePlan::points`): below 10^15, exact;
                // a floor is at least −10^9, so the limit is below 2 × 10^15.
                points: i64::try_from(units(n.points)).unwrap_or(i64::MAX),
                limit: i64::try_from(
                    units(n.points) - n.floor.map_or(0, |f| to_units(f.normalize(), scale)),
                )
                .unwrap_or(i64::MAX),
                id: n.id,
                label: n.label,
                parent: n.parent,
                position: n.position,
                size: n.size,
                first_rule: n.first_rule,
                end_rule: n.end_rule,
                is_item: n.is_item,
                earn: n.earn,
                outside: n.outside,
                weight: n
                    .weight
                    .map(|w| i64::try_from(units(w)).unwrap_or(i64::MAX)),
                na: None,
            })
            .collect();
        let mut nodes = nodes;
        for (node, na) in (0u32..).zip(governs) {
            if let Some(n) = nodes.get_mut(node as usize) {
                n.na = na;
            }
        }
        let items: Vec<u32> = (0u32..)
            .zip(&nodes)
            .filter(|(_, n)| n.is_item)
            .map(|(i, _)| i)
            .collect();
        // An item's parent holds items; parents come first, and each
        // appears once however many items it holds.
        let mut leaves: Vec<u32> = items
            .iter()
            .filter_map(|&i| nodes.get(i as usize).map(|n| n.parent))
            .collect();
        leaves.dedup();

        // Chains are built once per item and shared by its rules.
        let mut chains: Vec<u32> = Vec::new();
        let mut chain_of: Option<(u32, u32, u32)> = None;
        let mut rules = Vec::with_capacity(raw_rules.len());
        for raw in &raw_rules {
            let (chain_start, chain_end) = match chain_of {
                Some((item, start, end)) if item == raw.item => (start, end),
                _ => {
                    let start = u32::try_from(chains.len()).map_err(|_| too_large())?;
                    // An earning item's credits are bounded by the item
                    // alone (what it does not earn draws on the nodes above
                    // it, see `Plan::earning`).
                    if nodes.get(raw.item as usize).is_some_and(|n| n.earn) {
                        chains.push(raw.item);
                    } else {
                        climb(&nodes, raw.item, &mut chains);
                    }
                    let end = u32::try_from(chains.len()).map_err(|_| too_large())?;
                    chain_of = Some((raw.item, start, end));
                    (start, end)
                }
            };
            let penalty = &raw.rule.penalty;
            let (amount, per_breach, priced) = match *penalty {
                Penalty::Flat { points } => (units(points), false, false),
                Penalty::PerOccurrence { points } | Penalty::Capped { points, .. } => {
                    (units(points), true, false)
                }
                _ => (0, false, true),
            };
            // A linear rule past its cutoff deducts its cap; without one,
            // the item's points.
            let cap = penalty.cap().map_or(i128::MAX, units);
            let veto = raw.rule.veto.as_ref().map(|v| v.scope);
            rules.push(RulePlan {
                veto,
                trigger: raw.rule.trigger.clone(),
                item: raw.item,
                position: raw.position,
                chain_start,
                chain_end,
                amount,
                per_breach,
                cap,
                priced,
            });
        }

        let mut by_id = Vec::with_capacity(raw_rules.len());
        for (index, raw) in (0u32..).zip(&raw_rules) {
            by_id.push(IdKey {
                key: IdKey::prefix(raw.rule.id.as_str()),
                id: raw.rule.id.clone(),
                index,
            });
        }
        by_id.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let mut plan = Plan {
            scale,
            nodes,
            items,
            leaves,
            rules,
            chains,
            by_id,
            rounding: spec.rounding,
            groups: Vec::new(),
            bonus: bonus_node,
            penalties: penalty_node,
            floor: i64::try_from(spec.floor.map_or(0, |f| to_units(f.normalize(), scale)))
                .unwrap_or(0),
            vetoes: raw_rules.iter().any(|r| r.rule.veto.is_some()),
            item_ids: Vec::new(),
            earning: Vec::new(),
        };
        let mut item_ids: Vec<(Id, u32)> = plan
            .items
            .iter()
            .filter_map(|&i| plan.nodes.get(i as usize).map(|n| (n.id.clone(), i)))
            .collect();
        item_ids.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        plan.item_ids = item_ids;
        for &item in &plan.items {
            if let Some(n) = plan.nodes.get(item as usize)
                && n.earn
            {
                let start = u32::try_from(plan.chains.len()).map_err(|_| too_large())?;
                climb(&plan.nodes, n.parent, &mut plan.chains);
                let end = u32::try_from(plan.chains.len()).map_err(|_| too_large())?;
                plan.earning.push((item, start, end));
            }
        }
        plan.groups(&spec.exclusive)?;
        Ok(plan)
    }
}

impl Plan {
    /// The score a weighted node contributes to its parent (折算), in units:
    /// `(points − deducted) × weight ÷ points`, rounded as the rubric
    /// declares, and whether the rounding changed it. Exact in integers:
    /// every factor is below 2 × 10^15 units, so the product fits an i128.
    pub(crate) fn weighted(&self, points: i64, deducted: i64, weight: i64) -> (i64, bool) {
        Plan::weigh(points, deducted, weight, self.scale, self.rounding)
    }

    /// The score a weighted node that rescales for items not applicable
    /// contributes: what it `earned` of its `applicable` points × its
    /// weight ÷ `applicable`, rounded once (its full weight when nothing
    /// is applicable), and whether the rounding changed it.
    pub(crate) fn rescaled_weighted(
        &self,
        applicable: i64,
        earned: i64,
        weight: i64,
    ) -> (i64, bool) {
        if applicable <= 0 {
            return (weight, false);
        }
        Plan::weigh(
            applicable,
            applicable - earned,
            weight,
            self.scale,
            self.rounding,
        )
    }

    /// See [`Plan::weighted`]: the arithmetic, at `scale` places of units.
    pub(crate) fn weigh(
        points: i64,
        deducted: i64,
        weight: i64,
        scale: u32,
        rounding: Option<crate::Rounding>,
    ) -> (i64, bool) {
        let score = i128::from(points) - i128::from(deducted);
        if points == weight || points <= 0 {
            return (i64::try_from(score).unwrap_or(0), false);
        }
        let (places, mode) =
            rounding.map_or((scale, crate::RoundingMode::Down), |r| (r.places, r.mode));
        let step = 10i128.pow(scale.saturating_sub(places));
        let num = score * i128::from(weight);
        let den = i128::from(points) * step;
        let (q, r) = (num / den, num % den);
        let away = match mode {
            crate::RoundingMode::Down => false,
            crate::RoundingMode::Up => r != 0,
            crate::RoundingMode::HalfUp => 2 * r.abs() >= den,
            crate::RoundingMode::HalfEven => {
                2 * r.abs() > den || (2 * r.abs() == den && q % 2 != 0)
            }
        };
        let q = if away { q + num.signum() } else { q };
        let units = q * step;
        (
            i64::try_from(units).unwrap_or(if units < 0 { i64::MIN } else { i64::MAX }),
            units * i128::from(points) != num,
        )
    }

    /// Plans the exclusive groups: each lists at least two rules of the
    /// rubric, once, and no rule is in two groups.
    fn groups(&mut self, groups: &[crate::Exclusive]) -> Result<(), RubricError> {
        let mut grouped = vec![false; self.rules.len()];
        for (number, group) in (1usize..).zip(groups) {
            let invalid = |problem: String| RubricError::InvalidGroup {
                group: number,
                problem,
            };
            if group.rules.len() < 2 {
                return Err(invalid("lists fewer than two rules".to_owned()));
            }
            let mut rules = Vec::with_capacity(group.rules.len());
            for id in &group.rules {
                let rule = self
                    .rule_index(id.as_str())
                    .ok_or_else(|| invalid(format!("unknown rule `{id}`")))?;
                let slot = grouped
                    .get_mut(rule as usize)
                    .ok_or_else(|| invalid(format!("unknown rule `{id}`")))?;
                if *slot {
                    return Err(invalid(format!("rule `{id}` is already in a group")));
                }
                *slot = true;
                rules.push(rule);
            }
            self.groups.push(GroupPlan {
                rules,
                keep: group.keep,
            });
        }
        Ok(())
    }
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

    fn rule_count(&self) -> Result<u32, RubricError> {
        u32::try_from(self.rules.len()).map_err(|_| too_large())
    }

    fn push_node(
        &mut self,
        id: &Id,
        label: String,
        points: Points,
        parent: u32,
        position: u32,
        is_item: bool,
    ) -> Result<u32, RubricError> {
        let index = u32::try_from(self.nodes.len()).map_err(|_| too_large())?;
        let first_rule = self.rule_count()?;
        self.scale_of(points);
        self.nodes.push(RawNode {
            id: id.clone(),
            label,
            points,
            parent,
            position,
            size: 1,
            first_rule,
            end_rule: first_rule,
            is_item,
            outside: false,
            earn: false,
            floor: None,
            weight: None,
            na: None,
        });
        Ok(index)
    }

    /// Records the size and the rule range of `node`'s subtree, once all of
    /// it has been pushed.
    fn close(&mut self, node: u32) -> Result<(), RubricError> {
        let size = u32::try_from(self.nodes.len())
            .ok()
            .and_then(|len| len.checked_sub(node))
            .ok_or_else(too_large)?;
        let end_rule = self.rule_count()?;
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.size = size;
            n.end_rule = end_rule;
        }
        Ok(())
    }

    /// Plans `items` under `parent` (an indicator, or the bonus section
    /// when `outside`).
    fn items(
        &mut self,
        items: &'s [Item],
        parent: u32,
        outside: bool,
        bonus: bool,
    ) -> Result<(), RubricError> {
        for (item_position, item) in (0u32..).zip(items) {
            self.claim(&item.id)?;
            let item_node = self.push_node(
                &item.id,
                format!("第{}项", crate::reason::cut(&item.serial)),
                item.points,
                parent,
                item_position,
                true,
            )?;
            let invalid = |problem| RubricError::InvalidItem {
                id: item.id.clone(),
                problem,
            };
            if item.earn && item.floor.is_some() {
                return Err(invalid(
                    "an earning item earns from 0 up to its points: it takes no `floor`",
                ));
            }
            if outside && item.earn {
                return Err(invalid(
                    "an item of a bonus or penalty section cannot earn: `earn` is for items inside the total",
                ));
            }
            if bonus && item.floor.is_some() {
                return Err(invalid(
                    "a bonus item credits from 0 up to its points: it takes no `floor`",
                ));
            }
            self.floor(item_node, item.floor, &item.id)?;
            if let Some(n) = self.nodes.get_mut(item_node as usize) {
                n.outside = outside;
                n.earn = item.earn;
            }
            for (rule_position, rule) in (0u32..).zip(&item.rules) {
                self.claim(&rule.id)?;
                check_trigger(rule)?;
                let invalid = |problem| RubricError::InvalidShape {
                    rule: rule.id.clone(),
                    problem,
                };
                let needs = crate::shape::validate(rule, item.points).map_err(invalid)?;
                if let Some(veto) = &rule.veto {
                    let score = crate::shape::check_veto(veto, outside).map_err(invalid)?;
                    if let Some(score) = score {
                        self.scale_of(score);
                    }
                }
                self.scale = self.scale.max(needs.scale);
                if needs.divides && self.divides.is_none() {
                    self.divides = Some(&rule.id);
                }
                self.rules.push(RawRule {
                    rule,
                    item: item_node,
                    position: rule_position,
                });
            }
            self.close(item_node)?;
        }
        Ok(())
    }

    /// Gives `node` its floor, checked.
    fn floor(&mut self, node: u32, floor: Option<Decimal>, id: &Id) -> Result<(), RubricError> {
        let Some(floor) = floor else { return Ok(()) };
        crate::shape::check_floor(floor).map_err(|problem| RubricError::InvalidShape {
            rule: id.clone(),
            problem,
        })?;
        self.scale = self.scale.max(floor.normalize().scale());
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.floor = Some(floor);
        }
        Ok(())
    }

    /// Each node's policy for items marked not applicable: an item's is the
    /// nearest declaration above it (with the declaring node), the rubric's
    /// or an indicator's its own. A node that rescales may not have a
    /// weighted indicator between it and an item it governs: the points
    /// left out would be in another scale.
    fn na_policies(&self) -> Result<Vec<Option<(crate::NaPolicy, u32)>>, RubricError> {
        let mut out: Vec<Option<(crate::NaPolicy, u32)>> = Vec::with_capacity(self.nodes.len());
        for (index, n) in (0u32..).zip(&self.nodes) {
            if !n.is_item {
                out.push(n.na.map(|p| (p, index)));
                continue;
            }
            // INVARIANT: parents precede children, so this climbs to the
            // root in at most MAX_DEPTH + 2 steps.
            let mut node = n.parent;
            let mut weighted_below: Option<&Id> = None;
            let found = loop {
                let Some(up) = self.nodes.get(node as usize) else {
                    break None;
                };
                if let Some(policy) = up.na {
                    break Some((policy, node));
                }
                if up.weight.is_some() && weighted_below.is_none() {
                    weighted_below = Some(&up.id);
                }
                if node == 0 || up.outside && up.parent == 0 {
                    break None;
                }
                node = up.parent;
            };
            if let (Some((crate::NaPolicy::Rescale, _)), Some(weighted)) = (found, weighted_below) {
                return Err(RubricError::InvalidWeight {
                    id: weighted.clone(),
                    problem: "it lies between an item and the node that rescales for the item not applicable (the points left out would be in its scale, not the rescaled node's): declare the rescaling on it or below it",
                });
            }
            out.push(found);
        }
        Ok(out)
    }

    /// Gives `node` (the indicator `ind`) its weight, checked: the
    /// indicator has points to divide by; a weight other than its points
    /// divides, and needs the rubric's rounding.
    fn weight(&mut self, node: u32, weight: Points, ind: &'s Indicator) -> Result<(), RubricError> {
        if ind.points.get().is_zero() {
            return Err(RubricError::InvalidWeight {
                id: ind.id.clone(),
                problem: "a weighted indicator needs points above 0 (its score is divided by them)",
            });
        }
        self.scale_of(weight);
        if weight != ind.points && self.weighted.is_none() {
            self.weighted = Some(&ind.id);
        }
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.weight = Some(weight);
        }
        Ok(())
    }

    /// Plans the penalty section after the total's subtree; returns its
    /// node. Without a cap its budget is [`Points::MAX`].
    fn penalties(&mut self, section: &'s crate::Penalties) -> Result<u32, RubricError> {
        self.claim(&section.id)?;
        let node = self.push_node(
            &section.id,
            format!("“{}”", crate::reason::cut(&section.name)),
            section.cap.unwrap_or(Points::MAX),
            0,
            u32::MAX - 1,
            false,
        )?;
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.outside = true;
        }
        self.items(&section.items, node, true, false)?;
        self.close(node)?;
        Ok(node)
    }

    /// Plans the bonus section after the total's subtree; returns its node.
    fn bonus(&mut self, bonus: &'s crate::Bonus) -> Result<u32, RubricError> {
        self.claim(&bonus.id)?;
        let node = self.push_node(
            &bonus.id,
            format!("“{}”", crate::reason::cut(&bonus.name)),
            bonus.cap,
            0,
            u32::MAX,
            false,
        )?;
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.outside = true;
        }
        if let Some(gate) = bonus.gate {
            crate::shape::check_gate(gate).map_err(|problem| RubricError::InvalidShape {
                rule: bonus.id.clone(),
                problem,
            })?;
        }
        self.items(&bonus.items, node, true, true)?;
        self.close(node)?;
        Ok(node)
    }

    fn indicators(
        &mut self,
        indicators: &'s [Indicator],
        parent: u32,
        depth: usize,
    ) -> Result<(), RubricError> {
        for (position, ind) in (0u32..).zip(indicators) {
            if depth > Rubric::MAX_DEPTH {
                return Err(RubricError::TooDeep {
                    id: ind.id.clone(),
                    max: Rubric::MAX_DEPTH,
                });
            }
            self.claim(&ind.id)?;
            let node = self.push_node(
                &ind.id,
                format!("“{}”", crate::reason::cut(&ind.name)),
                ind.points,
                parent,
                position,
                false,
            )?;
            self.floor(node, ind.floor, &ind.id)?;
            if let Some(n) = self.nodes.get_mut(node as usize) {
                n.na = ind.not_applicable;
            }
            if let Some(weight) = ind.weight {
                self.weight(node, weight, ind)?;
            }
            match &ind.children {
                Children::Indicators(children) => self.indicators(children, node, depth + 1)?,
                Children::Items(items) => self.items(items, node, false, false)?,
            }
            self.close(node)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Ids as the id index meets them: short and long, sharing prefixes,
    /// multi-byte.
    fn id_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-c]{1,3}",
            "deadline(-[a-c]{0,3})?",
            "abcdefg[h-i]{0,3}",
            "第12项[a-b]{0,2}",
            "[a-b]{7,10}",
        ]
    }

    fn rounding() -> impl Strategy<Value = crate::Rounding> {
        use crate::RoundingMode::{Down, HalfEven, HalfUp, Up};
        (
            0u32..=4,
            prop_oneof![Just(HalfUp), Just(HalfEven), Just(Down), Just(Up)],
        )
            .prop_map(|(places, mode)| crate::Rounding::new(places, mode))
    }

    /// Midpoints, both signs, each mode: 1 ÷ 8 = 0.125 and −0.125 to two
    /// places.
    #[test]
    fn weighing_rounds_midpoints_as_declared() {
        use crate::RoundingMode::{Down, HalfEven, HalfUp, Up};
        // Units of 0.001: points 8 (8000), weight 1 (1000).
        let at = |deducted: i64, mode| {
            Plan::weigh(8000, deducted, 1000, 3, Some(crate::Rounding::new(2, mode)))
        };
        assert_eq!(at(7000, HalfUp), (130, true));
        assert_eq!(at(7000, HalfEven), (120, true));
        assert_eq!(at(5000, HalfEven), (380, true)); // 0.375
        assert_eq!(at(7000, Down), (120, true));
        assert_eq!(at(7000, Up), (130, true));
        assert_eq!(at(9000, HalfUp), (-130, true)); // −0.125, away from zero
        assert_eq!(at(9000, HalfEven), (-120, true));
        assert_eq!(at(9000, Down), (-120, true));
        assert_eq!(at(9000, Up), (-130, true));
        assert_eq!(at(4000, HalfUp), (500, false)); // 0.5 exactly
    }

    proptest! {
        /// The integer weighing agrees with rust_decimal's rounding of the
        /// exact quotient, wherever that quotient fits a Decimal.
        #[test]
        fn weighing_agrees_with_decimal(
            points in 1i64..=2_000_000_000,
            deducted in -1_000_000_000i64..=2_000_000_000,
            weight in 0i64..=2_000_000_000,
            extra in 0u32..=2,
            r in rounding(),
        ) {
            let scale = r.places + extra;
            let (got, rounded) = Plan::weigh(points, deducted, weight, scale, Some(r));
            let d = |u: i64| Decimal::new(u, scale);
            let exact = (d(points) - d(deducted)) * d(weight) / d(points);
            let want = if points == weight { d(points) - d(deducted) } else { r.round(exact) };
            prop_assert_eq!(d(got).normalize(), want.normalize());
            if points != weight {
                prop_assert_eq!(rounded, want != exact);
            }
        }

        /// The index orders exactly as the ids do: the comparison of a
        /// rule's key and id with another id agrees with comparing the ids.
        #[test]
        fn id_index_orders_like_ids(a in id_text(), b in id_text()) {
            let key = IdKey { key: IdKey::prefix(&a), id: Id::new(a.clone()).unwrap(), index: 0 };
            prop_assert_eq!(key.cmp_id(IdKey::prefix(&b), &b), a.as_str().cmp(b.as_str()), "{} vs {}", a, b);
        }
    }

    /// Rubrics are equal when their specs are: the plan and calendar follow.
    #[test]
    fn equality_is_the_specs() {
        let seed = crate::seed::yuxi();
        assert_eq!(seed, crate::seed::yuxi());
        assert_eq!(
            seed.clone().with_calendar(Calendar::new()),
            seed,
            "the calendar is not compared"
        );
        let mut spec = seed.spec().clone();
        spec.title.push('！');
        assert_ne!(Rubric::new(spec).unwrap(), seed, "another title");
    }

    /// Every rule of the seed is found by id, and its plan entry points back
    /// at it; ids that only share a prefix are not found.
    #[test]
    fn lookups_by_id_and_index() {
        let rubric = crate::seed::yuxi();
        for (index, rule) in (0u32..).zip(rubric.rules()) {
            assert_eq!(
                rubric.plan().rule_index(rule.id.as_str()),
                Some(index),
                "{}",
                rule.id
            );
            assert_eq!(rubric.rule_at(index).map(|r| &r.id), Some(&rule.id));
        }
        for missing in ["1", "7", "7aa", "11-1", "13c", ""] {
            assert_eq!(rubric.plan().rule_index(missing), None, "{missing}");
        }
        assert_eq!(
            rubric.item("11-2").map(|i| i.points.to_string()),
            Some("15".into())
        );
        assert!(rubric.item("11").is_none());
        let plan = rubric.plan();
        assert_eq!(plan.items.len(), 13);
        for &node in &plan.items {
            let n = plan.node(node).unwrap();
            assert_eq!(rubric.item_at(node).map(|i| &i.id), Some(&n.id));
            assert_eq!(
                n.end_rule - n.first_rule,
                rubric.item_at(node).unwrap().rules.len() as u32
            );
        }
    }
}
