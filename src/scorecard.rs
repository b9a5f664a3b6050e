//! The scorecard: the result of an evaluation, read through views of its
//! indicators, items and rules. Reading a score is an index into flat
//! per-node and per-rule arrays; nothing here allocates but the reasons.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::plan::Plan;
use crate::text::units_to_decimal;
use crate::{Children, Fact, Id, Indicator, Item, Period, Points, Rubric, Rule};

/// The evaluated rubric: per node its points, deduction and score; per rule
/// its breaches, deductions, what limited them and the reason.
///
/// It mirrors the rubric tree: [`Scorecard::indicators`] walks it top-down,
/// [`Scorecard::items`] and [`Scorecard::rules`] list rows and clauses in
/// document order, [`Scorecard::rule`] and [`Scorecard::item`] find one by
/// id. Reasons are rendered when asked for. It borrows the rubric and the
/// inspection; [`Scorecard::report`] makes the [`Report`](crate::Report)
/// that serializes (and, owned, can be stored and read back). Serializing a
/// scorecard gives the JSON described in [`crate#the-json-contract`]; the
/// same input always gives the same bytes.
///
/// ```
/// use ducha::Inspection;
///
/// let rubric = ducha::seed::yuxi();
/// let inspection = Inspection::new().with("2b", true)?.with("6a", 7u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// assert_eq!(card.points().to_string(), "100");
/// assert_eq!(card.deducted().to_string(), "7.5"); // 2.5 + 5 (6a capped at 5)
/// assert_eq!(card.score().to_string(), "92.5");
/// assert!(!card.is_complete()); // 22 rules have no fact
/// assert_eq!(card.items().count(), 13);
/// assert_eq!(card.item("6").map(|i| i.score().to_string()), Some("5".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Scorecard<'a> {
    pub(crate) rubric: &'a Rubric,
    /// Per node (plan order): its deduction, in units.
    pub(crate) deducted: Vec<i64>,
    /// Per rule (document order).
    pub(crate) rules: Vec<RuleState<'a>>,
    /// The assessment period, if given.
    pub(crate) period: Option<Period>,
    /// The assessment date: as given, else the period's end.
    pub(crate) as_of: Option<NaiveDate>,
    /// The vetoes that fired, in document order.
    pub(crate) vetoes: Vec<Fired>,
    /// The root's deduction had no node been zeroed by a veto.
    pub(crate) unvetoed_root: Option<i64>,
    /// The items and rules marked not applicable, in id order.
    pub(crate) na: Vec<NaMark<'a>>,
    /// The peer statistics the peer rules were scored with, by rule index.
    pub(crate) peers: Vec<(u32, crate::peer::PeerStat)>,
    /// What items not applicable changed: points moved, nodes rescaled.
    pub(crate) adjusted: Option<Box<Adjusted>>,
}

/// What items marked not applicable change in one evaluation, where their
/// policy moves points (redistribution) or leaves them out of a node that
/// rescales (an indicator's; the rubric's rescales the base instead).
#[derive(Debug, Clone, Default)]
pub(crate) struct Adjusted {
    /// Per node (plan order): its points and limit in units, where
    /// redistribution moved any; empty otherwise.
    pub(crate) points: Vec<(i64, i64)>,
    /// Indicators that rescale, with the points their items not applicable
    /// leave out, by node.
    pub(crate) left_out: Vec<(u32, i64)>,
    /// Filled when settled: each rescaled indicator's node, applicable
    /// points and points earned of them, by node.
    pub(crate) rescaled: Vec<(u32, i64, i64)>,
}

impl Adjusted {
    /// The adjustments of the items in `na` (sorted by node), if any.
    pub(crate) fn of(plan: &Plan, na: &[NaMark<'_>]) -> Option<Box<Adjusted>> {
        let items: Vec<u32> = na.iter().filter_map(|m| m.item).collect();
        let mut out = Adjusted::default();
        let mut parents: Vec<u32> = Vec::new();
        for &item in &items {
            let Some(n) = plan.node(item) else { continue };
            match n.na {
                // An item of 0 points leaves nothing out.
                Some((crate::NaPolicy::Rescale, node)) if node != 0 && n.points > 0 => {
                    out.left_out.push((node, n.points));
                }
                Some((crate::NaPolicy::Redistribute, _)) => parents.push(n.parent),
                _ => {}
            }
        }
        // Items come in node order, but the rescaling node of one may come
        // before or after another's: sorted, then merged.
        out.left_out.sort_unstable_by_key(|l| l.0);
        out.left_out.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 = first.1.saturating_add(later.1);
            }
            same
        });
        parents.dedup();
        for parent in parents {
            out.redistribute(plan, parent, &items);
        }
        (!out.points.is_empty() || !out.left_out.is_empty()).then(|| Box::new(out))
    }

    /// Moves the points of `parent`'s items not applicable to its other
    /// items, in proportion to their points; the last of them with points
    /// takes what rounding left. Nothing moves if none is applicable.
    fn redistribute(&mut self, plan: &Plan, parent: u32, na: &[u32]) {
        let Some(p) = plan.node(parent) else { return };
        let children = parent + 1..parent + p.size;
        let is_na = |node: u32| na.binary_search(&node).is_ok();
        let points = |node: u32| plan.node(node).map_or(0, |n| n.points);
        let (mut left, mut applicable) = (0i64, 0i64);
        let mut last = None;
        for child in children.clone() {
            if is_na(child) {
                left = left.saturating_add(points(child));
            } else {
                applicable = applicable.saturating_add(points(child));
                if points(child) > 0 {
                    last = Some(child);
                }
            }
        }
        let Some(last) = last else { return };
        if left == 0 {
            return;
        }
        if self.points.is_empty() {
            self.points = plan.nodes.iter().map(|n| (n.points, n.limit)).collect();
        }
        let mut given = 0i64;
        for child in children {
            let share = if is_na(child) {
                -points(child)
            } else if child == last {
                left - given
            } else {
                let share = Plan::weigh(
                    applicable,
                    applicable - left,
                    points(child),
                    plan.scale,
                    plan.rounding,
                )
                .0;
                given += share;
                share
            };
            if let Some(slot) = self.points.get_mut(child as usize) {
                slot.0 += share;
                slot.1 += share;
            }
        }
    }

    /// A node's points and limit, where redistribution moved points.
    pub(crate) fn node(&self, node: usize) -> Option<(i64, i64)> {
        self.points.get(node).copied()
    }

    /// The points a rescaling indicator leaves out, if it is one.
    pub(crate) fn left_out(&self, node: u32) -> Option<i64> {
        let at = self.left_out.binary_search_by_key(&node, |l| l.0).ok()?;
        self.left_out.get(at).map(|l| l.1)
    }
}

/// An item (by node) or a rule (by index) marked not applicable, with the
/// inspection's reason.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NaMark<'a> {
    pub(crate) item: Option<u32>,
    pub(crate) rule: Option<u32>,
    pub(crate) reason: &'a str,
}

impl NaMark<'_> {
    /// The sort key: items by node, then rules by index.
    pub(crate) fn key(&self) -> (u32, u32) {
        (self.item.unwrap_or(u32::MAX), self.rule.unwrap_or(u32::MAX))
    }
}

/// A veto that fired: its rule, the node it zeroed (0 for a card veto),
/// and that node's score before (for a card veto, the final score before),
/// in units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fired {
    pub(crate) rule: u32,
    pub(crate) node: u32,
    pub(crate) before: i128,
}

/// One rule's evaluation, in units of the rubric's scale.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleState<'a> {
    pub(crate) fact: Option<&'a Fact>,
    pub(crate) breaches: u64,
    /// Deadline cases not done and not yet due.
    pub(crate) pending: u64,
    /// The penalty before any cap.
    pub(crate) raw: i128,
    /// After the rule's own cap.
    pub(crate) capped: i128,
    /// After the bounds of the rule's item and indicators.
    pub(crate) applied: i64,
    /// The node whose points trimmed the deduction, if one did.
    pub(crate) bound_by: Option<u32>,
    /// Findings or cases exempt.
    pub(crate) exempt: u64,
    /// Whether `raw` was priced at binding (`crate::price`).
    pub(crate) priced: bool,
    /// Whether the declared rounding changed the priced value.
    pub(crate) rounded: bool,
    /// Whether the rule (or its item) was marked not applicable.
    pub(crate) na: bool,
    /// The rule of its exclusive group that deducted instead, if another did.
    pub(crate) excluded_by: Option<u32>,
}

impl RuleState<'_> {
    pub(crate) const EMPTY: RuleState<'static> = RuleState {
        fact: None,
        breaches: 0,
        pending: 0,
        raw: 0,
        capped: 0,
        applied: 0,
        bound_by: None,
        exempt: 0,
        priced: false,
        rounded: false,
        na: false,
        excluded_by: None,
    };
}

impl<'a> Scorecard<'a> {
    /// The rubric this scorecard evaluates.
    pub fn rubric(&self) -> &'a Rubric {
        self.rubric
    }

    /// The rubric's total points.
    pub fn points(&self) -> Decimal {
        self.rubric.total().get()
    }

    /// The points deducted in all from the declared total (vetoes that zero
    /// a node included; where not-applicable items rescale the base, the
    /// total minus the rescaled base).
    pub fn deducted(&self) -> Decimal {
        let (points, _) = self.node_units(0);
        self.dec(i128::from(points) - self.base_units())
    }

    /// The base score: the declared total minus its deductions, before any
    /// bonus or card veto; rescaled where the rubric rescales for items
    /// not applicable.
    pub fn base(&self) -> Decimal {
        self.dec(self.base_units())
    }

    /// The base score in units.
    pub(crate) fn base_units(&self) -> i128 {
        let (points, deducted) = self.node_units(0);
        match self.rescale() {
            Some((applicable, base)) if applicable > 0 => base,
            Some(_) => i128::from(points),
            None => i128::from(points - deducted),
        }
    }

    /// For a rubric that rescales and an inspection with items not
    /// applicable: the points still applicable and the rescaled base
    /// (earned ÷ applicable × total, rounded as the rubric declares), in
    /// units.
    pub(crate) fn rescale(&self) -> Option<(i64, i128)> {
        if self.rubric.spec().not_applicable != Some(crate::NaPolicy::Rescale) {
            return None;
        }
        let plan = self.plan();
        // The items the rubric's own policy governs, not an indicator's.
        let left_out: i64 = self
            .na
            .iter()
            .filter_map(|m| m.item.and_then(|node| plan.node(node)))
            .filter(|n| n.na == Some((crate::NaPolicy::Rescale, 0)))
            .map(|n| n.points)
            .fold(0i64, i64::saturating_add);
        if left_out == 0 {
            return None;
        }
        let (points, deducted) = self.node_units(0);
        let applicable = (points - left_out).max(0);
        let earned = (applicable - deducted).max(0);
        let exact = self
            .dec(earned)
            .checked_mul(self.dec(points))?
            .checked_div(self.dec(applicable))?;
        let rounded = match plan.rounding {
            Some(r) => r.round(exact),
            None => exact,
        };
        Some((applicable, crate::plan::to_units(rounded, plan.scale)))
    }

    /// The points still applicable and the points earned of them, where
    /// items not applicable rescale the base (`None` otherwise).
    pub fn rescaled(&self) -> Option<(Decimal, Decimal)> {
        let (applicable, _) = self.rescale()?;
        let (_, deducted) = self.node_units(0);
        Some((
            self.dec(applicable),
            self.dec((applicable - deducted).max(0)),
        ))
    }

    /// The reason the item at `node` was marked not applicable, if it was.
    pub(crate) fn na_item(&self, node: u32) -> Option<&'a str> {
        self.na_lookup((node, u32::MAX))
    }

    /// The reason the rule with index `index` was marked not applicable,
    /// if it was (itself, not through its item).
    pub(crate) fn na_rule(&self, index: u32) -> Option<&'a str> {
        self.na_lookup((u32::MAX, index))
    }

    /// A binary search of the marks, kept sorted by [`NaMark::key`].
    fn na_lookup(&self, key: (u32, u32)) -> Option<&'a str> {
        if self.na.is_empty() {
            return None;
        }
        let at = self.na.binary_search_by_key(&key, NaMark::key).ok()?;
        self.na.get(at).map(|m| m.reason)
    }

    /// The final score: the base score plus the bonus (where the rubric has
    /// a bonus section and the base score opens its gate), unless a card
    /// veto fixed it. Without a bonus section or vetoes, the base score.
    pub fn score(&self) -> Decimal {
        self.dec(self.final_units())
    }

    /// The final score in units: the fixed score of the card veto that won,
    /// else base plus bonus.
    pub(crate) fn final_units(&self) -> i128 {
        match self.card_veto() {
            Some((_, Some(score), _)) => crate::plan::to_units(score.get(), self.plan().scale),
            _ => self.unvetoed_final(),
        }
    }

    /// Base plus bonus minus penalties, at least the rubric's floor, before
    /// any card veto.
    fn unvetoed_final(&self) -> i128 {
        let sum = self.base_units() + i128::from(self.bonus_units().unwrap_or(0))
            - i128::from(self.penalty_units().unwrap_or(0));
        sum.max(i128::from(self.plan().floor))
    }

    /// The penalty section's deduction, in units; `None` without one.
    pub(crate) fn penalty_units(&self) -> Option<i64> {
        let node = self.plan().penalties?;
        self.deducted.get(node as usize).copied()
    }

    /// What the penalty section (扣分项) deducts from the final score: `None`
    /// without one.
    pub fn penalties(&self) -> Option<Decimal> {
        self.penalty_units().map(|u| self.dec(u))
    }

    /// The bonus counted, in units: the section's credit if the base score
    /// opens its gate, else 0; `None` without a bonus section.
    pub(crate) fn bonus_units(&self) -> Option<i64> {
        let node = self.plan().bonus?;
        let credit = self.deducted.get(node as usize).copied().unwrap_or(0);
        Some(if self.gate_open() { credit } else { 0 })
    }

    /// Whether the base score opens the bonus section's gate (`true`
    /// without a gate or a section).
    pub fn gate_open(&self) -> bool {
        match self.rubric.spec().bonus.as_ref().and_then(|b| b.gate) {
            Some(gate) => gate.opens(self.base()),
            None => true,
        }
    }

    /// The bonus counted in the final score: `None` without a bonus section.
    pub fn bonus(&self) -> Option<Decimal> {
        self.bonus_units().map(|u| self.dec(u))
    }

    /// The card veto that won, if one fired: its rule's index, the score it
    /// fixes and the grade it forces (see [`Veto`](crate::Veto)).
    fn card_veto(&self) -> Option<(u32, Option<Points>, Option<&'a str>)> {
        let mut won: Option<(u32, Option<Points>, Option<&'a str>)> = None;
        let mut grade: Option<&'a str> = None;
        for fired in &self.vetoes {
            let Some(veto) = self
                .rubric
                .rule_at(fired.rule)
                .and_then(|r| r.veto.as_ref())
            else {
                continue;
            };
            if veto.scope != crate::VetoScope::Card {
                continue;
            }
            if grade.is_none() {
                grade = veto.grade.as_deref();
            }
            let better = match (won.and_then(|w| w.1), veto.score) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(best), Some(score)) => score < best,
            };
            if won.is_none() || better {
                won = Some((fired.rule, veto.score, veto.grade.as_deref()));
            }
        }
        won.map(|(rule, score, own)| (rule, score, own.or(grade)))
    }

    /// The grade of the final score by the rubric's grades, unless a card
    /// veto forced one; `None` for a rubric without grades and no forced
    /// grade.
    pub fn grade(&self) -> Option<&'a str> {
        if let Some((_, _, Some(forced))) = self.card_veto() {
            return Some(forced);
        }
        let grades = &self.rubric.spec().grades;
        let score = self.score();
        grades
            .iter()
            .find(|g| g.at_least.is_none_or(|b| score >= b))
            .map(|g| g.label.as_str())
    }

    /// The vetoes that fired, in document order.
    pub fn vetoes(&self) -> impl Iterator<Item = VetoOutcome<'_>> {
        self.vetoes.iter().filter_map(move |fired| {
            Some(VetoOutcome {
                card: self,
                rule: self.rubric.rule_at(fired.rule)?,
                fired: *fired,
            })
        })
    }

    /// The deduction that zeroing vetoes added beyond the rules' shares:
    /// the rules' shares plus this make [`deducted`](Self::deducted).
    pub fn vetoed(&self) -> Decimal {
        let (_, deducted) = self.node_units(0);
        self.dec(self.unvetoed_root.map_or(0, |before| deducted - before))
    }

    /// Records the vetoes that fired, with what each overrode: a zeroed
    /// node's score without the vetoes (from `unvetoed`, the deductions
    /// without them), and for a card veto the final score before it.
    pub(crate) fn with_vetoes(mut self, mut fired: Vec<Fired>, unvetoed: Option<&[i64]>) -> Self {
        self.unvetoed_root = unvetoed.and_then(|u| u.first().copied());
        // The final score without card vetoes: base (after zeroing) plus
        // bonus.
        let before_card = self.unvetoed_final();
        for f in &mut fired {
            f.before = if f.node == 0 {
                before_card
            } else {
                let points = self.node_limits(f.node).0;
                let deducted = unvetoed
                    .and_then(|u| u.get(f.node as usize).copied())
                    .unwrap_or(points);
                i128::from(points - deducted)
            };
        }
        self.vetoes = fired;
        self
    }

    /// Whether every rule had a fact or was marked not applicable.
    pub fn is_complete(&self) -> bool {
        self.rules.iter().all(|r| r.fact.is_some() || r.na)
    }

    /// The assessment period, if the inspection gave one.
    pub fn period(&self) -> Option<Period> {
        self.period
    }

    /// The assessment date: the inspection's `as_of`, else its period's end.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// The top-level indicators' outcomes, in document order.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorOutcome<'_>> {
        IndicatorOutcome::siblings(self, &self.rubric.spec().indicators, 1)
    }

    /// Every item's outcome, in document order.
    pub fn items(&self) -> impl Iterator<Item = ItemOutcome<'_>> {
        self.rubric
            .leaf_items()
            .map(move |(item, node)| ItemOutcome {
                card: self,
                item,
                node,
            })
    }

    /// Every rule's outcome, in document order.
    pub fn rules(&self) -> impl Iterator<Item = RuleOutcome<'_>> {
        self.items().flat_map(|item| item.rules())
    }

    /// The outcome of the rule with this id (a binary search).
    ///
    /// ```
    /// use ducha::{Inspection, LimitedBy};
    ///
    /// let rubric = ducha::seed::yuxi();
    /// let inspection = Inspection::new().with("7a", 7u64)?;
    /// let card = rubric.evaluate(&inspection)?;
    /// let rule = card.rule("7a").unwrap();
    /// assert_eq!((rule.breaches(), rule.raw().to_string(), rule.deducted().to_string()), (7, "7".into(), "5".into()));
    /// assert!(matches!(rule.limited_by(), Some(LimitedBy::Cap(_))));
    /// assert!(card.rule("7z").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rule(&self, id: &str) -> Option<RuleOutcome<'_>> {
        let index = self.plan().rule_index(id)?;
        self.rule_outcome(index)
    }

    /// The outcome of the item with this id.
    pub fn item(&self, id: &str) -> Option<ItemOutcome<'_>> {
        let plan = self.plan();
        let &node = plan
            .items
            .iter()
            .find(|&&node| plan.node(node).is_some_and(|n| n.id.as_str() == id))?;
        self.item_outcome(node)
    }

    pub(crate) fn plan(&self) -> &'a Plan {
        self.rubric.plan()
    }

    /// The outcome of the item at plan node `node`.
    pub(crate) fn item_outcome_at(&self, node: u32) -> Option<ItemOutcome<'_>> {
        self.item_outcome(node)
    }

    fn item_outcome(&self, node: u32) -> Option<ItemOutcome<'_>> {
        Some(ItemOutcome {
            card: self,
            item: self.rubric.item_at(node)?,
            node,
        })
    }

    fn rule_outcome(&self, index: u32) -> Option<RuleOutcome<'_>> {
        let plan = self.plan();
        let item = plan.rules.get(index as usize)?.item;
        Some(RuleOutcome {
            card: self,
            rule: self.rubric.rule_at(index)?,
            state: self.rules.get(index as usize)?,
            item,
            index,
        })
    }

    /// An amount in units as a decimal.
    pub(crate) fn dec(&self, units: impl Into<i128>) -> Decimal {
        // INVARIANT: the evaluator refuses raw deductions that no Decimal
        // holds, and every other amount is at most a raw deduction.
        units_to_decimal(units.into(), self.plan().scale).unwrap_or(Decimal::MAX)
    }

    /// A node's points and deduction, in units.
    pub(crate) fn node_units(&self, node: u32) -> (i64, i64) {
        let points = self.node_limits(node).0;
        let deducted = self.deducted.get(node as usize).copied();
        debug_assert!(deducted.is_some(), "node {node}");
        (points, deducted.unwrap_or(0))
    }

    /// A node's points and limit in units, after any redistribution.
    pub(crate) fn node_limits(&self, node: u32) -> (i64, i64) {
        if let Some(moved) = self.adjusted.as_ref().and_then(|a| a.node(node as usize)) {
            return moved;
        }
        self.plan()
            .node(node)
            .map_or((0, 0), |n| (n.points, n.limit))
    }

    /// The points redistribution moved to (or, negative, from) a node.
    pub(crate) fn received_units(&self, node: u32) -> i64 {
        let planned = self.plan().node(node).map_or(0, |n| n.points);
        self.node_limits(node).0 - planned
    }

    /// An indicator's rescaling for its items not applicable: its
    /// applicable points and what it earned of them, in units.
    pub(crate) fn rescaled_node(&self, node: u32) -> Option<(i64, i64)> {
        let rescaled = &self.adjusted.as_ref()?.rescaled;
        rescaled.iter().find(|r| r.0 == node).map(|r| (r.1, r.2))
    }

    fn node_points(&self, node: u32) -> Decimal {
        self.dec(self.node_units(node).0)
    }

    fn node_deducted(&self, node: u32) -> Decimal {
        self.dec(self.node_units(node).1)
    }

    fn node_score(&self, node: u32) -> Decimal {
        let (points, deducted) = self.node_units(node);
        self.dec(points - deducted)
    }
}

/// The points, deduction and score of a node's outcome (`self.card`,
/// `self.node`), with their docs.
macro_rules! node_accessors {
    ($points:literal, $deducted:literal, $score:literal) => {
        #[doc = $points]
        pub fn points(&self) -> Decimal {
            self.card.node_points(self.node)
        }

        #[doc = $deducted]
        pub fn deducted(&self) -> Decimal {
            self.card.node_deducted(self.node)
        }

        #[doc = $score]
        pub fn score(&self) -> Decimal {
            self.card.node_score(self.node)
        }
    };
}

/// The outcome of one indicator.
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let inspection = ducha::Inspection::new().with("12b", 7u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// let g3 = card.indicators().find(|i| i.id().as_str() == "G3").unwrap();
/// assert_eq!((g3.points().to_string(), g3.deducted().to_string(), g3.score().to_string()), ("10".into(), "7".into(), "3".into()));
/// assert_eq!(g3.items().count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct IndicatorOutcome<'s> {
    pub(crate) card: &'s Scorecard<'s>,
    pub(crate) indicator: &'s Indicator,
    pub(crate) node: u32,
}

impl<'s> IndicatorOutcome<'s> {
    fn siblings(
        card: &'s Scorecard<'s>,
        indicators: &'s [Indicator],
        first: u32,
    ) -> impl Iterator<Item = IndicatorOutcome<'s>> + use<'s> {
        let plan = card.plan();
        let mut node = first;
        indicators.iter().map(move |indicator| {
            let this = node;
            // A sibling follows this node's subtree.
            node += plan.node(this).map_or(1, |n| n.size);
            IndicatorOutcome {
                card,
                indicator,
                node: this,
            }
        })
    }

    /// The indicator as written.
    pub fn indicator(&self) -> &'s Indicator {
        self.indicator
    }

    /// The indicator's id.
    pub fn id(&self) -> &'s Id {
        &self.indicator.id
    }

    node_accessors!(
        "The indicator's points.",
        "The points deducted: the sum of its children's, at most its points.",
        "Points minus deduction."
    );

    /// What the indicator counts for in its parent, if it is weighted
    /// ([`Indicator::weight`]).
    pub fn weight(&self) -> Option<Decimal> {
        self.indicator.weight.map(Points::get)
    }

    /// The score it contributes to its parent, if it is weighted: its score
    /// ÷ its points × its weight, rounded as the rubric declares.
    ///
    /// ```
    /// use ducha::{Id, Indicator, Inspection, Item, Penalty, Points, Rounding, RoundingMode, Rubric, RubricSpec, Rule, Trigger};
    ///
    /// // A 60-point section counting for 30, beside a 70-point one: total 100.
    /// let rule = Rule::new(Id::new("a1")?, "未建立台账", Trigger::Count, Penalty::per_occurrence(Points::whole(7)));
    /// let a = Indicator::with_items(Id::new("A")?, "基础工作", Points::whole(60),
    ///     vec![Item::new(Id::new("A1")?, "1", Points::whole(60)).with_rules([rule])])
    ///     .with_weight(Points::whole(30));
    /// let b = Indicator::with_items(Id::new("B")?, "重点工作", Points::whole(70), vec![]);
    /// let rubric = Rubric::new(RubricSpec::new(Id::new("r")?, "t", Points::whole(100), vec![a, b])
    ///     .with_rounding(Rounding::new(1, RoundingMode::HalfUp)))?;
    /// let inspection = Inspection::new().with("a1", 1u64)?;
    /// let card = rubric.evaluate(&inspection)?;
    /// let a = card.indicators().next().unwrap();
    /// assert_eq!((a.score().to_string(), a.weighted().map(|w| w.to_string())), ("53".into(), Some("26.5".into())));
    /// assert_eq!(card.score().to_string(), "96.5"); // 26.5 + 70
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn weighted(&self) -> Option<Decimal> {
        self.weighted_units().map(|(units, _)| self.card.dec(units))
    }

    /// Whether the declared rounding changed the weighted score.
    pub fn weight_rounded(&self) -> bool {
        self.weighted_units().is_some_and(|(_, rounded)| rounded)
    }

    fn weighted_units(&self) -> Option<(i64, bool)> {
        let plan = self.card.plan();
        let weight = plan.node(self.node)?.weight?;
        // Rescaled and weighted: one rounding, from what it earned.
        if let Some((applicable, earned)) = self.card.rescaled_node(self.node) {
            return Some(plan.rescaled_weighted(applicable, earned, weight));
        }
        let (points, deducted) = self.card.node_units(self.node);
        Some(plan.weighted(points, deducted, weight))
    }

    /// The outcomes of its finer indicators (none if it holds items).
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorOutcome<'s>> + use<'s> {
        let children: &'s [Indicator] = match &self.indicator.children {
            Children::Indicators(c) => c,
            Children::Items(_) => &[],
        };
        IndicatorOutcome::siblings(self.card, children, self.node + 1)
    }

    /// The outcomes of its items (none if it holds finer indicators).
    pub fn items(&self) -> impl Iterator<Item = ItemOutcome<'s>> + use<'s> {
        let items: &'s [Item] = match &self.indicator.children {
            Children::Items(i) => i,
            Children::Indicators(_) => &[],
        };
        let card = self.card;
        // An item is a leaf: its node follows the one before.
        items
            .iter()
            .zip(self.node + 1..)
            .map(move |(item, node)| ItemOutcome { card, item, node })
    }
}

/// The outcome of one item (one numbered row).
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let inspection = ducha::Inspection::new().with("12a", true)?.with("12b", 7u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// let item = card.item("12").unwrap();
/// assert_eq!((item.points().to_string(), item.deducted().to_string(), item.score().to_string()), ("10".into(), "10".into(), "0".into()));
/// assert_eq!(item.rules().map(|r| r.deducted().to_string()).collect::<Vec<_>>(), ["5", "5"]);
/// assert!(item.reason().starts_with("检查实施清单完善率未达到100%，扣5分；"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ItemOutcome<'s> {
    pub(crate) card: &'s Scorecard<'s>,
    pub(crate) item: &'s Item,
    pub(crate) node: u32,
}

impl<'s> ItemOutcome<'s> {
    /// The item as written.
    pub fn item(&self) -> &'s Item {
        self.item
    }

    /// The item's id.
    pub fn id(&self) -> &'s Id {
        &self.item.id
    }

    node_accessors!(
        "The item's points (量化分值).",
        "The points deducted: the sum of its rules', at most its points.",
        "The score obtained (得分情况)."
    );

    /// The outcomes of its rules, in document order.
    pub fn rules(&self) -> impl Iterator<Item = RuleOutcome<'s>> + use<'s> {
        let card = self.card;
        let item = self.node;
        let (first, end) = card
            .plan()
            .node(item)
            .map_or((0, 0), |n| (n.first_rule as usize, n.end_rule as usize));
        self.item
            .rules
            .iter()
            .zip(card.rules.get(first..end).unwrap_or_default())
            .zip(first as u32..)
            .map(move |((rule, state), index)| RuleOutcome {
                card,
                rule,
                state,
                item,
                index,
            })
    }
}

/// A veto that fired ([`Scorecard::vetoes`]): its rule, what it overrode
/// and what it set.
#[derive(Debug, Clone, Copy)]
pub struct VetoOutcome<'s> {
    card: &'s Scorecard<'s>,
    rule: &'s Rule,
    fired: Fired,
}

impl<'s> VetoOutcome<'s> {
    /// The veto rule.
    pub fn rule(&self) -> &'s Rule {
        self.rule
    }

    /// What it overrides.
    pub fn scope(&self) -> crate::VetoScope {
        self.rule
            .veto
            .as_ref()
            .map_or(crate::VetoScope::Card, |v| v.scope)
    }

    /// The node it zeroed (the rubric's id for a card veto).
    pub fn node(&self) -> &'s Id {
        self.card
            .plan()
            .node(self.fired.node)
            .map_or(self.card.rubric.id(), |n| &n.id)
    }

    /// The score it overrode: the zeroed node's without vetoes, or for a
    /// card veto the final score before it.
    pub fn before(&self) -> Decimal {
        self.card.dec(self.fired.before)
    }

    /// The score it set: 0 for a zeroed node; a card veto's fixed score,
    /// or `None` where it only forces a grade.
    pub fn score(&self) -> Option<Decimal> {
        match self.rule.veto.as_ref() {
            Some(v) if v.scope == crate::VetoScope::Card => v.score.map(Points::get),
            _ => Some(Decimal::ZERO),
        }
    }

    /// The grade it forces, if any.
    pub fn grade(&self) -> Option<&'s str> {
        self.rule.veto.as_ref().and_then(|v| v.grade.as_deref())
    }
}

/// What limited a rule's deduction below its raw amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitedBy<'s> {
    /// The rule's own cap ("扣完N分为止").
    Cap(Points),
    /// Another rule of its exclusive group deducted instead ("不重复扣分").
    Exclusive {
        /// The rule that kept its deduction.
        kept: &'s Id,
    },
    /// A node's points: what remained of them after the rules before.
    Node {
        /// The item's or indicator's id (the rubric's for the total).
        id: &'s Id,
        /// The node's points.
        points: Decimal,
    },
}

/// The outcome of one rule.
///
/// ```
/// use ducha::{Inspection, LimitedBy};
///
/// let rubric = ducha::seed::yuxi();
/// let inspection = Inspection::new().with("12a", true)?.with("12b", 7u64)?;
/// let card = rubric.evaluate(&inspection)?;
/// let rule = card.rule("12b").unwrap();
/// assert!(rule.assessed());
/// assert_eq!(rule.breaches(), 7);
/// assert_eq!(rule.raw().to_string(), "7");     // 7 × 1
/// assert_eq!(rule.capped().to_string(), "7");  // under its cap of 10
/// assert_eq!(rule.deducted().to_string(), "5"); // what item 12 has left after 12a
/// assert!(matches!(rule.limited_by(), Some(LimitedBy::Node { id, .. }) if id.as_str() == "12"));
/// assert!(rule.reason().ends_with("受第12项分值10分所限，实扣5分"));
/// assert!(!card.rule("1a").unwrap().assessed());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RuleOutcome<'s> {
    pub(crate) card: &'s Scorecard<'s>,
    pub(crate) rule: &'s Rule,
    pub(crate) state: &'s RuleState<'s>,
    /// The node of the rule's item.
    pub(crate) item: u32,
    /// The rule's index in document order.
    pub(crate) index: u32,
}

impl<'s> RuleOutcome<'s> {
    /// Whether the rule credits points (in the bonus section or an earning
    /// item): its `raw` and `deducted` are points credited, not deducted.
    pub fn credits(&self) -> bool {
        self.card.plan().credits(self.item)
    }

    /// Whether the rule is in the bonus section: its `raw` and `deducted`
    /// are points credited, not deducted.
    pub fn is_bonus(&self) -> bool {
        self.card.plan().in_bonus(self.item)
    }

    /// Whether the rule applies: `false` when the inspection marked it (or
    /// its item) not applicable.
    pub fn applicable(&self) -> bool {
        !self.state.na
    }

    /// The reason the rule itself was marked not applicable, if it was.
    pub(crate) fn na_reason(&self) -> Option<&'s str> {
        if !self.state.na {
            return None;
        }
        self.card.na_rule(self.index)
    }

    /// The findings or cases marked exempt: counted apart, deducting
    /// nothing.
    pub fn exempt(&self) -> u64 {
        self.state.exempt
    }

    /// Whether the rubric's declared rounding changed this rule's value
    /// (a proportional score, exact partial steps, an interpolated award).
    pub fn rounded(&self) -> bool {
        self.state.rounded
    }

    /// The rule as written.
    pub fn rule(&self) -> &'s Rule {
        self.rule
    }

    /// The rule's id.
    pub fn id(&self) -> &'s Id {
        &self.rule.id
    }

    /// Whether the inspection recorded a fact for this rule.
    pub fn assessed(&self) -> bool {
        self.state.fact.is_some()
    }

    /// The fact recorded, if any.
    pub fn fact(&self) -> Option<&'s Fact> {
        self.state.fact
    }

    /// The number of breaches counted (0 if not assessed).
    pub fn breaches(&self) -> u64 {
        self.state.breaches
    }

    /// For a deadline rule, the cases not done and not yet due on the
    /// assessment date: no breach, but not on time either (yet).
    pub fn pending(&self) -> u64 {
        self.state.pending
    }

    /// The deduction the penalty gives before any cap or bound.
    pub fn raw(&self) -> Decimal {
        self.card.dec(self.state.raw)
    }

    /// The deduction after the rule's own cap, before node bounds.
    pub fn capped(&self) -> Decimal {
        self.card.dec(self.state.capped)
    }

    /// The rule's share of the total deduction, after its cap and the bounds
    /// of its item, its indicators and the total (see
    /// [`Rubric::evaluate`](crate::Rubric::evaluate)).
    pub fn deducted(&self) -> Decimal {
        self.card.dec(self.state.applied)
    }

    /// What brought [`deducted`](Self::deducted) below [`raw`](Self::raw):
    /// a node's points if they trimmed it (even where the cap did too),
    /// else the cap; `None` if nothing did.
    pub fn limited_by(&self) -> Option<LimitedBy<'s>> {
        if let Some(kept) = self
            .state
            .excluded_by
            .and_then(|k| self.card.rubric.rule_at(k))
        {
            return Some(LimitedBy::Exclusive { kept: &kept.id });
        }
        if let Some(bound) = self.state.bound_by
            && let Some(node) = self.card.plan().node(bound)
        {
            return Some(LimitedBy::Node {
                id: &node.id,
                // As scored: redistribution may have moved points to it.
                points: self.card.dec(self.card.node_limits(bound).0),
            });
        }
        match self.rule.penalty.cap() {
            Some(cap) if self.state.capped < self.state.raw => Some(LimitedBy::Cap(cap)),
            _ => None,
        }
    }
}
