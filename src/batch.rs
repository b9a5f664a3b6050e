//! Many assessees scored against one rubric: the results in input order, a
//! ranking with shared places, and a summary per node and per rule.
//!
//! A bureau scores every office or county bureau against the same rubric,
//! ranks them and asks which clauses cost the most points. [`Rubric::evaluate_batch`]
//! does that in one call: the rubric is prepared once, each inspection is
//! scored on its own (one that fails is that entry's error and never stops
//! the others), and [`Batch::ranking`] and [`Batch::summary`] read the
//! results.
//!
//! ```
//! use ducha::batch::Assessee;
//! use ducha::Inspection;
//!
//! let rubric = ducha::seed::yuxi();
//! let assessees = [
//!     Assessee::new("a", "甲县教育体育局", Inspection::new().with("7a", 2u64)?),
//!     Assessee::new("b", "乙县教育体育局", Inspection::new().with("2b", true)?),
//!     Assessee::new("c", "丙县教育体育局", Inspection::new().with("7a", 2u64)?),
//!     Assessee::new("d", "丁县教育体育局", Inspection::new().with("7z", 1u64)?),
//! ];
//! let batch = rubric.evaluate_batch(&assessees);
//! assert!(batch.entries()[3].result.is_err()); // rule `7z` is unknown: that entry only
//!
//! // Places are shared (并列): 98, 98, 97.5 rank 1, 1, 3. These inspections
//! // leave most rules unassessed, so they are ranked only when asked.
//! let ranking = batch.ranking_with(ducha::batch::Incomplete::Rank);
//! let places: Vec<(&str, usize)> = ranking.ranked.iter()
//!     .map(|r| (batch.entries()[r.entry].id, r.rank)).collect();
//! assert_eq!(places, [("a", 1), ("c", 1), ("b", 3)]);
//! assert_eq!(ranking.failed, [3]);
//!
//! // Which clauses cost the most.
//! let summary = batch.summary();
//! let rule = summary.rules.iter().find(|r| r.id == "7a").unwrap();
//! assert_eq!((rule.lost, rule.deducted.to_string()), (2, "4".to_string()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;

use crate::{EvalError, IndicatorOutcome, Inspection, Rounding, RoundingMode, Rubric, Scorecard};

/// One assessee of a batch: an id, a name, and the inspection of their
/// work.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Assessee {
    /// A stable id for the assessee (an office code, a county's code).
    pub id: String,
    /// The name printed in the ranking (甲县教育体育局).
    pub name: String,
    /// The inspection of their work.
    pub inspection: Inspection,
}

impl Assessee {
    /// An assessee.
    pub fn new(id: impl Into<String>, name: impl Into<String>, inspection: Inspection) -> Assessee {
        Assessee {
            id: id.into(),
            name: name.into(),
            inspection,
        }
    }
}

/// One entry of a [`Batch`]: the assessee and their scorecard, or the error
/// that kept it from being scored.
#[derive(Debug)]
#[non_exhaustive]
pub struct Entry<'a, E = EvalError> {
    /// The assessee's id.
    pub id: &'a str,
    /// The assessee's name.
    pub name: &'a str,
    /// The scorecard, or why there is none.
    pub result: Result<Scorecard<'a>, E>,
}

/// Many inspections scored against one rubric, in input order
/// ([`Rubric::evaluate_batch`]; the JSON surface's batch gives one too).
///
/// See the [module documentation](self) for an example.
#[derive(Debug)]
pub struct Batch<'a, E = EvalError> {
    rubric: &'a Rubric,
    entries: Vec<Entry<'a, E>>,
}

impl Rubric {
    /// Scores every assessee's inspection against this rubric, in input
    /// order. An inspection that cannot be scored gives its entry the
    /// error, as [`Rubric::evaluate`] would, and never stops the others.
    /// Cost is linear in the inspections: the rubric was prepared once, by
    /// [`Rubric::new`].
    ///
    /// A rule that compares with its peers ([`Trigger::Peer`](crate::Trigger::Peer))
    /// reads a statistic of the batch: the mean of the values for it of
    /// every assessee whose value reads (in the rule's domain), or the
    /// assessee's place by them (ties share the higher place). Statistics an
    /// inspection gives itself ([`Inspection::peers`](crate::Inspection::peers))
    /// are ignored in a batch.
    pub fn evaluate_batch<'a>(&'a self, assessees: &'a [Assessee]) -> Batch<'a> {
        let rules = self.peer_rules();
        let stats = if rules.is_empty() {
            Vec::new()
        } else {
            let facts: Vec<Vec<Option<&crate::Fact>>> = assessees
                .iter()
                .map(|a| {
                    rules
                        .iter()
                        .map(|&(index, ..)| {
                            self.rule_at(index)
                                .and_then(|r| a.inspection.facts.get(&r.id))
                        })
                        .collect()
                })
                .collect();
            crate::peer::batch_stats(&rules, &facts)
        };
        Batch {
            rubric: self,
            entries: assessees
                .iter()
                .enumerate()
                .map(|(i, a)| Entry {
                    id: &a.id,
                    name: &a.name,
                    result: self.evaluate_with(
                        &a.inspection,
                        Some(stats.get(i).map_or(&[][..], Vec::as_slice)),
                    ),
                })
                .collect(),
        }
    }

    /// The rules that compare with their peers: plan index, measure and
    /// comparison.
    pub(crate) fn peer_rules(&self) -> Vec<(u32, crate::Measure, crate::PeerCompare)> {
        self.plan()
            .rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.trigger {
                crate::Trigger::Peer { measure, compare } => {
                    Some((u32::try_from(i).ok()?, measure, compare))
                }
                _ => None,
            })
            .collect()
    }
}

/// Whether a [`Ranking`] ranks inspections that left rules unassessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Incomplete {
    /// List them apart, in [`Ranking::incomplete`] (the default): a score
    /// with rules never assessed is not comparable with a full one.
    #[default]
    Apart,
    /// Rank them with the rest.
    Rank,
}

/// The places of a [`Batch`]'s assessees by final score, highest first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ranking {
    /// The ranked entries, highest score first; equal scores share a place
    /// (并列: 1, 2, 2, 4) and keep their input order.
    pub ranked: Vec<Ranked>,
    /// Entries scored from an incomplete inspection (some rule neither
    /// assessed nor marked not applicable), in input order, when they are
    /// kept apart ([`Incomplete::Apart`]).
    pub incomplete: Vec<usize>,
    /// Entries that could not be scored, in input order.
    pub failed: Vec<usize>,
}

/// One place of a [`Ranking`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Ranked {
    /// The entry's index in [`Batch::entries`].
    pub entry: usize,
    /// Its place, from 1; tied entries share the higher place.
    pub rank: usize,
    /// Whether another entry has the same score.
    pub tied: bool,
    /// Its final score.
    pub score: Decimal,
}

/// The statistics of one node's score, or of the final score, over the
/// scored entries of a [`Batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NodeSummary {
    /// The node's id (the rubric's id for the final score).
    pub id: String,
    /// What the node is, and so what its scores mean.
    pub kind: NodeKind,
    /// Its points: for the bonus section and its items, the most they
    /// credit; 0 for the penalty section and its items.
    pub points: Decimal,
    /// The entries counted.
    pub count: usize,
    /// The sum of their scores, exact.
    pub total: Decimal,
    /// The mean score, rounded as [`Summary::rounding`] says.
    pub mean: Decimal,
    /// The lowest score.
    pub min: Decimal,
    /// The highest score.
    pub max: Decimal,
    /// How many entries lost points on it (score below its points: for
    /// a bonus node, credited less than its most; for a penalty node,
    /// deducted at all).
    pub lost: usize,
    /// How many got its full points (or more, for the final score with a
    /// bonus; for a penalty node, nothing deducted).
    pub full: usize,
}

/// What a [`NodeSummary`] summarises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NodeKind {
    /// The final score.
    Total,
    /// An indicator: its score.
    Indicator,
    /// An item of an indicator: its score.
    Item,
    /// The bonus section (加分项) or one of its items: the score is the
    /// credit (the section's as counted in the final score, after its
    /// gate), the points the most it credits.
    Bonus,
    /// The penalty section (扣分项) or one of its items: the score is
    /// minus what it deducted from the final score, the points 0.
    Penalty,
}

impl NodeKind {
    /// The kind's name in the JSON batch report: `total`, `indicator`,
    /// `item`, `bonus` or `penalty`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Total => "total",
            NodeKind::Indicator => "indicator",
            NodeKind::Item => "item",
            NodeKind::Bonus => "bonus",
            NodeKind::Penalty => "penalty",
        }
    }
}

/// The statistics of one rule over the scored entries of a [`Batch`]:
/// "which clauses cost the most".
///
/// A rule either deducts or, in the bonus section or an earning item,
/// credits ([`RuleSummary::credit`]); what it deducted and what it
/// credited are counted apart, so that a credit is never shown as a loss.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuleSummary {
    /// The rule's id.
    pub id: String,
    /// Whether the rule credits points (a bonus rule, or a rule of an
    /// earning item) instead of deducting them.
    pub credit: bool,
    /// The entries that assessed it.
    pub assessed: usize,
    /// The entries that marked it (or its item) not applicable.
    pub not_applicable: usize,
    /// The entries it cost points (its share of their deduction above 0);
    /// always 0 for a rule that credits.
    pub lost: usize,
    /// The entries that assessed it and lost nothing on it (full marks on
    /// this clause): `assessed − lost`.
    pub full: usize,
    /// What it deducted, summed over the batch, exact; 0 for a rule that
    /// credits.
    pub deducted: Decimal,
    /// The entries it credited; always 0 for a rule that deducts.
    pub credited: usize,
    /// What it credited, summed over the batch, exact; 0 for a rule that
    /// deducts.
    pub credits: Decimal,
    /// Its mean share (deduction, or credit where it credits) over the
    /// entries that assessed it, rounded as [`Summary::rounding`] says (0
    /// when none did).
    pub mean: Decimal,
    /// Its smallest share over the entries that assessed it (0 when none
    /// did).
    pub min: Decimal,
    /// Its largest share.
    pub max: Decimal,
    /// The breaches counted over the batch.
    pub breaches: u64,
}

/// Statistics over the scored entries of a [`Batch`] ([`Batch::summary`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// The entries scored (failed ones are not counted).
    pub scored: usize,
    /// How every mean was rounded: the rubric's declared rounding, else 2
    /// decimal places, halves away from zero (四舍五入).
    pub rounding: Rounding,
    /// The final score.
    pub score: NodeSummary,
    /// Every indicator and item, in document order (an indicator before
    /// what it holds), then the bonus section and its items, then the
    /// penalty section and its items ([`NodeSummary::kind`] tells which).
    pub nodes: Vec<NodeSummary>,
    /// Every rule, in document order (those of the sections too).
    pub rules: Vec<RuleSummary>,
}

impl Summary {
    /// The rules that cost points, most points first (ties in document
    /// order): the clauses to look at first. Rules that credit are never
    /// among them.
    pub fn costliest(&self) -> Vec<&RuleSummary> {
        let mut rules: Vec<&RuleSummary> = self.rules.iter().filter(|r| r.lost > 0).collect();
        rules.sort_by_key(|r| std::cmp::Reverse(r.deducted));
        rules
    }
}

impl<'a, E> Batch<'a, E> {
    /// A batch of entries already scored against `rubric` (the JSON
    /// surface's).
    #[cfg_attr(
        not(feature = "json"),
        expect(
            dead_code,
            reason = "only the JSON surface builds batches from its own entries"
        )
    )]
    pub(crate) fn new(rubric: &'a Rubric, entries: Vec<Entry<'a, E>>) -> Batch<'a, E> {
        Batch { rubric, entries }
    }

    /// The rubric every entry was scored against.
    pub fn rubric(&self) -> &'a Rubric {
        self.rubric
    }

    /// The entries, in input order.
    pub fn entries(&self) -> &[Entry<'a, E>] {
        &self.entries
    }

    /// The ranking by final score, incomplete inspections kept apart
    /// ([`Incomplete::Apart`]).
    pub fn ranking(&self) -> Ranking {
        self.ranking_with(Incomplete::Apart)
    }

    /// The ranking by final score, with incomplete inspections ranked or
    /// kept apart as `incomplete` says.
    pub fn ranking_with(&self, incomplete: Incomplete) -> Ranking {
        let mut ranking = Ranking {
            ranked: Vec::new(),
            incomplete: Vec::new(),
            failed: Vec::new(),
        };
        let mut scored: Vec<(Decimal, usize)> = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            match &entry.result {
                Err(_) => ranking.failed.push(index),
                Ok(card) if incomplete == Incomplete::Apart && !card.is_complete() => {
                    ranking.incomplete.push(index);
                }
                Ok(card) => scored.push((card.score(), index)),
            }
        }
        // Highest first; equal scores in input order (a stable sort).
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut rank = 0;
        for (position, &(score, entry)) in scored.iter().enumerate() {
            let previous = position.checked_sub(1).and_then(|p| scored.get(p));
            if previous.is_none_or(|p| p.0 != score) {
                rank = position + 1;
            }
            let next = scored.get(position + 1);
            let tied = previous.is_some_and(|p| p.0 == score) || next.is_some_and(|n| n.0 == score);
            ranking.ranked.push(Ranked {
                entry,
                rank,
                tied,
                score,
            });
        }
        ranking
    }

    /// Statistics over the scored entries: the final score, every node and
    /// every rule.
    pub fn summary(&self) -> Summary {
        let rounding = self
            .rubric
            .spec()
            .rounding
            .unwrap_or(Rounding::new(2, RoundingMode::HalfUp));
        let mut score = Acc::new(
            self.rubric.spec().id.as_str(),
            NodeKind::Total,
            self.rubric.points_decimal(),
        );
        let mut nodes: Vec<Acc> = Vec::new();
        let mut rules: Vec<RuleAcc> = Vec::new();
        let mut scored = 0;
        for card in self.entries.iter().filter_map(|e| e.result.as_ref().ok()) {
            scored += 1;
            score.add(card.score(), card.points());
            let mut at = 0;
            for indicator in card.indicators() {
                walk(&indicator, &mut nodes, &mut at);
            }
            sections(card, &mut nodes, &mut at);
            for (i, rule) in card.rules().enumerate() {
                if rules.len() <= i {
                    rules.push(RuleAcc::new(rule.id().as_str(), rule.credits()));
                }
                if let Some(acc) = rules.get_mut(i) {
                    acc.add(&rule);
                }
            }
        }
        if scored == 0 {
            // The shape of the rubric, with nothing counted.
            nodes = self.rubric.node_ids();
            rules = self.rubric.rule_ids();
        }
        Summary {
            scored,
            rounding,
            score: score.finish(rounding),
            nodes: nodes.into_iter().map(|n| n.finish(rounding)).collect(),
            rules: rules.into_iter().map(|r| r.finish(rounding)).collect(),
        }
    }
}

/// Adds `indicator` and what it holds to `nodes`, in document order from
/// position `at`.
fn walk(indicator: &IndicatorOutcome<'_>, nodes: &mut Vec<Acc>, at: &mut usize) {
    let id = indicator.id().as_str();
    let (points, score) = (indicator.points(), indicator.score());
    visit(nodes, at, (id, NodeKind::Indicator), points, score);
    for child in indicator.indicators() {
        walk(&child, nodes, at);
    }
    for item in indicator.items() {
        let id = item.id().as_str();
        visit(nodes, at, (id, NodeKind::Item), item.points(), item.score());
    }
}

/// Adds the bonus section and its items, then the penalty section and its
/// items, to `nodes` from position `at`: a bonus node scores its credit
/// out of the most it credits, a penalty node minus its deduction out of 0.
fn sections(card: &Scorecard<'_>, nodes: &mut Vec<Acc>, at: &mut usize) {
    let plan = card.plan();
    let spec = card.rubric().spec();
    if let (Some(node), Some(bonus)) = (plan.bonus, spec.bonus.as_ref()) {
        let id = (bonus.id.as_str(), NodeKind::Bonus);
        let counted = card.bonus().unwrap_or_default();
        visit(nodes, at, id, bonus.cap.get(), counted);
        for item in (node + 1..).take(bonus.items.len()) {
            if let Some(item) = card.item_outcome_at(item) {
                let id = (item.id().as_str(), NodeKind::Bonus);
                visit(nodes, at, id, item.points(), item.deducted());
            }
        }
    }
    if let (Some(node), Some(penalties)) = (plan.penalties, spec.penalties.as_ref()) {
        let id = (penalties.id.as_str(), NodeKind::Penalty);
        let deducted = card.penalties().unwrap_or_default();
        visit(nodes, at, id, Decimal::ZERO, -deducted);
        for item in (node + 1..).take(penalties.items.len()) {
            if let Some(item) = card.item_outcome_at(item) {
                let id = (item.id().as_str(), NodeKind::Penalty);
                visit(nodes, at, id, Decimal::ZERO, -item.deducted());
            }
        }
    }
}

fn visit(
    nodes: &mut Vec<Acc>,
    at: &mut usize,
    (id, kind): (&str, NodeKind),
    points: Decimal,
    score: Decimal,
) {
    if nodes.len() <= *at {
        nodes.push(Acc::new(id, kind, points));
    }
    if let Some(acc) = nodes.get_mut(*at) {
        acc.add(score, points);
    }
    *at += 1;
}

/// A summary serializes as the `summary` of the JSON batch report
/// ([`crate::json::Engine::evaluate_batch`]; see the README's *Batches*):
/// amounts as strings without trailing zeros, a node's `kind`, and for a
/// rule that credits `"credit": true` with `credited` and `credits`.
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let assessees = [ducha::batch::Assessee::new(
///     "a",
///     "甲局",
///     ducha::Inspection::new().with("7a", 2u64)?,
/// )];
/// let summary = rubric.evaluate_batch(&assessees).summary();
/// let json = serde_json::to_value(&summary)?;
/// assert_eq!(json["nodes"][0]["kind"], "indicator");
/// let rule = json["rules"].as_array().unwrap().iter().find(|r| r["id"] == "7a").unwrap();
/// assert_eq!((rule["lost"].as_u64(), rule["deducted"].as_str()), (Some(1), Some("2")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SummaryOut {
            scored: self.scored,
            rounding: self.rounding,
            score: node(&self.score),
            nodes: self.nodes.iter().map(node).collect(),
            rules: self.rules.iter().map(rule).collect(),
        }
        .serialize(serializer)
    }
}

#[derive(serde::Serialize)]
struct SummaryOut<'b> {
    scored: usize,
    rounding: Rounding,
    score: NodeOut<'b>,
    nodes: Vec<NodeOut<'b>>,
    rules: Vec<RuleOut<'b>>,
}

#[derive(serde::Serialize)]
struct NodeOut<'b> {
    id: &'b str,
    kind: &'static str,
    points: String,
    count: usize,
    total: String,
    mean: String,
    min: String,
    max: String,
    lost: usize,
    full: usize,
}

#[derive(serde::Serialize)]
struct RuleOut<'b> {
    id: &'b str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    credit: bool,
    assessed: usize,
    #[serde(skip_serializing_if = "is_zero")]
    not_applicable: usize,
    lost: usize,
    full: usize,
    breaches: u64,
    deducted: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    credited: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credits: Option<String>,
    mean: String,
    min: String,
    max: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An amount as the JSON batch report writes it: without trailing zeros.
pub(crate) fn amount(d: Decimal) -> String {
    d.normalize().to_string()
}

fn node(n: &NodeSummary) -> NodeOut<'_> {
    NodeOut {
        id: &n.id,
        kind: n.kind.as_str(),
        points: amount(n.points),
        count: n.count,
        total: amount(n.total),
        mean: amount(n.mean),
        min: amount(n.min),
        max: amount(n.max),
        lost: n.lost,
        full: n.full,
    }
}

fn rule(r: &RuleSummary) -> RuleOut<'_> {
    RuleOut {
        id: &r.id,
        credit: r.credit,
        assessed: r.assessed,
        not_applicable: r.not_applicable,
        lost: r.lost,
        full: r.full,
        breaches: r.breaches,
        deducted: amount(r.deducted),
        credited: r.credit.then_some(r.credited),
        credits: r.credit.then(|| amount(r.credits)),
        mean: amount(r.mean),
        min: amount(r.min),
        max: amount(r.max),
    }
}

/// A node's statistics, being counted.
#[derive(Debug)]
struct Acc {
    id: String,
    kind: NodeKind,
    points: Decimal,
    count: usize,
    total: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
    lost: usize,
    full: usize,
}

impl Acc {
    fn new(id: &str, kind: NodeKind, points: Decimal) -> Acc {
        Acc {
            id: id.to_owned(),
            kind,
            points,
            count: 0,
            total: Decimal::ZERO,
            min: None,
            max: None,
            lost: 0,
            full: 0,
        }
    }

    fn add(&mut self, score: Decimal, points: Decimal) {
        self.count += 1;
        self.total = sum(self.total, score);
        self.min = Some(self.min.map_or(score, |m| m.min(score)));
        self.max = Some(self.max.map_or(score, |m| m.max(score)));
        if score < points {
            self.lost += 1;
        } else {
            self.full += 1;
        }
    }

    fn finish(self, rounding: Rounding) -> NodeSummary {
        NodeSummary {
            mean: mean(self.total, self.count, rounding),
            id: self.id,
            kind: self.kind,
            points: self.points.normalize(),
            count: self.count,
            total: self.total.normalize(),
            min: self.min.unwrap_or_default().normalize(),
            max: self.max.unwrap_or_default().normalize(),
            lost: self.lost,
            full: self.full,
        }
    }
}

/// A rule's statistics, being counted.
#[derive(Debug)]
struct RuleAcc {
    id: String,
    credit: bool,
    assessed: usize,
    not_applicable: usize,
    /// Entries with a share above 0 (cost, or credited).
    hit: usize,
    /// The shares summed (deductions, or credits).
    total: Decimal,
    min: Option<Decimal>,
    max: Decimal,
    breaches: u64,
}

impl RuleAcc {
    fn new(id: &str, credit: bool) -> RuleAcc {
        RuleAcc {
            id: id.to_owned(),
            credit,
            assessed: 0,
            not_applicable: 0,
            hit: 0,
            total: Decimal::ZERO,
            min: None,
            max: Decimal::ZERO,
            breaches: 0,
        }
    }

    fn add(&mut self, rule: &crate::RuleOutcome<'_>) {
        if !rule.applicable() {
            self.not_applicable += 1;
            return;
        }
        if !rule.assessed() {
            return;
        }
        self.assessed += 1;
        let share = rule.deducted();
        if share > Decimal::ZERO {
            self.hit += 1;
        }
        self.total = sum(self.total, share);
        self.min = Some(self.min.map_or(share, |m| m.min(share)));
        self.max = self.max.max(share);
        self.breaches = self.breaches.saturating_add(rule.breaches());
    }

    fn finish(self, rounding: Rounding) -> RuleSummary {
        let (lost, deducted, credited, credits) = if self.credit {
            (0, Decimal::ZERO, self.hit, self.total.normalize())
        } else {
            (self.hit, self.total.normalize(), 0, Decimal::ZERO)
        };
        RuleSummary {
            mean: mean(self.total, self.assessed, rounding),
            id: self.id,
            credit: self.credit,
            assessed: self.assessed,
            not_applicable: self.not_applicable,
            lost,
            full: self.assessed.saturating_sub(lost),
            deducted,
            credited,
            credits,
            min: self.min.unwrap_or_default().normalize(),
            max: self.max.normalize(),
            breaches: self.breaches,
        }
    }
}

/// `a + b`. INVARIANT: scores and shares are at most a rubric's points
/// (below 10^15 with at most 8 decimal places), so a sum over any batch
/// that fits in memory stays far below `Decimal::MAX`.
fn sum(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(Decimal::MAX)
}

/// `total ÷ count`, rounded; 0 for no entries.
fn mean(total: Decimal, count: usize, rounding: Rounding) -> Decimal {
    if count == 0 {
        return Decimal::ZERO;
    }
    let count = Decimal::from(count as u64);
    total
        .checked_div(count)
        .map_or(Decimal::ZERO, |m| rounding.round(m))
        .normalize()
}

impl Rubric {
    /// The rubric's total points as a decimal.
    fn points_decimal(&self) -> Decimal {
        self.spec().total.get()
    }

    /// An empty accumulator for every node [`Batch::summary`] counts, in
    /// its order.
    fn node_ids(&self) -> Vec<Acc> {
        fn indicators(list: &[crate::Indicator], out: &mut Vec<Acc>) {
            for indicator in list {
                let id = indicator.id.as_str();
                out.push(Acc::new(id, NodeKind::Indicator, indicator.points.get()));
                match &indicator.children {
                    crate::Children::Indicators(children) => indicators(children, out),
                    crate::Children::Items(items) => {
                        for item in items {
                            let id = item.id.as_str();
                            out.push(Acc::new(id, NodeKind::Item, item.points.get()));
                        }
                    }
                }
            }
        }
        let spec = self.spec();
        let mut out = Vec::new();
        indicators(&spec.indicators, &mut out);
        if let Some(bonus) = &spec.bonus {
            out.push(Acc::new(
                bonus.id.as_str(),
                NodeKind::Bonus,
                bonus.cap.get(),
            ));
            for item in &bonus.items {
                out.push(Acc::new(
                    item.id.as_str(),
                    NodeKind::Bonus,
                    item.points.get(),
                ));
            }
        }
        if let Some(penalties) = &spec.penalties {
            let zero = Decimal::ZERO;
            out.push(Acc::new(penalties.id.as_str(), NodeKind::Penalty, zero));
            for item in &penalties.items {
                out.push(Acc::new(item.id.as_str(), NodeKind::Penalty, zero));
            }
        }
        out
    }

    /// An empty accumulator for every rule, in document order (the
    /// sections' after the indicators'); the bonus section's and earning
    /// items' rules credit.
    fn rule_ids(&self) -> Vec<RuleAcc> {
        let plan = self.plan();
        self.leaf_items()
            .flat_map(|(item, node)| {
                let credit = plan.credits(node);
                item.rules
                    .iter()
                    .map(move |rule| RuleAcc::new(rule.id.as_str(), credit))
            })
            .collect()
    }
}
