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
    /// Its points.
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
    /// How many entries lost points on it (score below its points).
    pub lost: usize,
    /// How many got its full points (or more, for the final score with a
    /// bonus).
    pub full: usize,
}

/// The statistics of one rule over the scored entries of a [`Batch`]:
/// "which clauses cost the most".
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuleSummary {
    /// The rule's id.
    pub id: String,
    /// The entries that assessed it.
    pub assessed: usize,
    /// The entries that marked it (or its item) not applicable.
    pub not_applicable: usize,
    /// The entries it cost points (its share of their deduction above 0;
    /// for a bonus or earning rule, the entries it credited).
    pub lost: usize,
    /// Its shares summed over the batch, exact (credits, for a bonus or
    /// earning rule).
    pub deducted: Decimal,
    /// Its mean share over the entries that assessed it, rounded as
    /// [`Summary::rounding`] says (0 when none did).
    pub mean: Decimal,
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
    /// what it holds).
    pub nodes: Vec<NodeSummary>,
    /// Every rule of the indicators, in document order.
    pub rules: Vec<RuleSummary>,
}

impl Summary {
    /// The rules that cost points, most points first (ties in document
    /// order): the clauses to look at first.
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
        let mut score = Acc::new(self.rubric.spec().id.as_str(), self.rubric.points_decimal());
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
            for (i, rule) in card.rules().enumerate() {
                if rules.len() <= i {
                    rules.push(RuleAcc::new(rule.id().as_str()));
                }
                if let Some(acc) = rules.get_mut(i) {
                    acc.add(&rule);
                }
            }
        }
        if scored == 0 {
            // The shape of the rubric, with nothing counted.
            nodes = self.rubric.node_ids();
            rules = self.rubric.rule_ids().map(RuleAcc::new).collect();
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
    visit(
        nodes,
        at,
        indicator.id().as_str(),
        indicator.points(),
        indicator.score(),
    );
    for child in indicator.indicators() {
        walk(&child, nodes, at);
    }
    for item in indicator.items() {
        visit(nodes, at, item.id().as_str(), item.points(), item.score());
    }
}

fn visit(nodes: &mut Vec<Acc>, at: &mut usize, id: &str, points: Decimal, score: Decimal) {
    if nodes.len() <= *at {
        nodes.push(Acc::new(id, points));
    }
    if let Some(acc) = nodes.get_mut(*at) {
        acc.add(score, points);
    }
    *at += 1;
}

/// A node's statistics, being counted.
#[derive(Debug)]
struct Acc {
    id: String,
    points: Decimal,
    count: usize,
    total: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
    lost: usize,
    full: usize,
}

impl Acc {
    fn new(id: &str, points: Decimal) -> Acc {
        Acc {
            id: id.to_owned(),
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
    assessed: usize,
    not_applicable: usize,
    lost: usize,
    deducted: Decimal,
    max: Decimal,
    breaches: u64,
}

impl RuleAcc {
    fn new(id: &str) -> RuleAcc {
        RuleAcc {
            id: id.to_owned(),
            assessed: 0,
            not_applicable: 0,
            lost: 0,
            deducted: Decimal::ZERO,
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
            self.lost += 1;
        }
        self.deducted = sum(self.deducted, share);
        self.max = self.max.max(share);
        self.breaches = self.breaches.saturating_add(rule.breaches());
    }

    fn finish(self, rounding: Rounding) -> RuleSummary {
        RuleSummary {
            mean: mean(self.deducted, self.assessed, rounding),
            id: self.id,
            assessed: self.assessed,
            not_applicable: self.not_applicable,
            lost: self.lost,
            deducted: self.deducted.normalize(),
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

    /// An empty accumulator for every indicator and item, in document
    /// order.
    fn node_ids(&self) -> Vec<Acc> {
        fn indicators(list: &[crate::Indicator], out: &mut Vec<Acc>) {
            for indicator in list {
                out.push(Acc::new(indicator.id.as_str(), indicator.points.get()));
                match &indicator.children {
                    crate::Children::Indicators(children) => indicators(children, out),
                    crate::Children::Items(items) => {
                        for item in items {
                            out.push(Acc::new(item.id.as_str(), item.points.get()));
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        indicators(&self.spec().indicators, &mut out);
        out
    }

    /// Every rule id of the indicators, in document order.
    fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.leaf_items()
            .flat_map(|(item, _)| item.rules.iter().map(|r| r.id.as_str()))
    }
}
