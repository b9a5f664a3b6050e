//! Pricing and bounds: each rule's breaches priced by its penalty and
//! capped, each rule's share drawn from its item's, indicators' and the
//! total's points in document order, and every node's deduction settled
//! bottom-up. (rubric, inspection) → [`Scorecard`].

use crate::bind::{Bound, bind};
use crate::tally::Context;
use crate::text::{DECIMAL_MAX_MANTISSA, units_to_decimal};
use crate::{EvalError, Id, Inspection, Rubric, Scorecard};

impl Rubric {
    /// Scores `inspection` against this rubric.
    ///
    /// Each rule's breaches come from its fact and are priced by its
    /// penalty, then capped by the rule's own cap. Two things follow:
    ///
    /// - **Node deductions**, bottom-up: a node's deduction is the sum of
    ///   its children's, at most its points, and its score is points minus
    ///   deduction, never below 0. A node's score depends only on what
    ///   happened under it, so one more breach never raises any score.
    /// - **Rule shares**, in document order: each rule's
    ///   [`deducted`](crate::RuleOutcome::deducted) is what remains of its
    ///   item's, its indicators' and the total's points after the rules
    ///   before it, if less than its capped deduction. Earlier rules keep
    ///   their deductions and later ones give way; the shares add up exactly
    ///   to the total deduction, and
    ///   [`limited_by`](crate::RuleOutcome::limited_by) names the node whose
    ///   points ran out (the nearest on ties). For seed item 12 (10 points),
    ///   12a keeps its 5 and 12b, with 7 breaches, gets the 5 that remain.
    ///
    /// Where only items bound (as in the seed, whose indicators' points are
    /// exactly their items'), an item's shares add up to its deduction. Where
    /// an indicator's points are less than its children's, its items keep
    /// their own deductions and scores while the rule shares under it add up
    /// to the indicator's.
    ///
    /// ```
    /// use ducha::Inspection;
    ///
    /// let rubric = ducha::seed::yuxi();
    /// let inspection = Inspection::new().with("12a", true)?.with("12b", 7u64)?;
    /// let card = rubric.evaluate(&inspection)?;
    /// assert_eq!(card.score().to_string(), "90"); // item 12 loses its 10 points
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EvalError`] if the inspection names another rubric, records a fact
    /// for a rule this rubric does not have or of a type its rule does not
    /// read, gives a value outside what its rule reads, a date rule lacks
    /// the period or assessment date it needs, a deadline case is malformed
    /// or its answer needs a year the calendar does not know, or a deduction
    /// overflows. The first such fact in rule-id order is reported.
    pub fn evaluate<'a>(&'a self, inspection: &'a Inspection) -> Result<Scorecard<'a>, EvalError> {
        self.evaluate_with(inspection, None)
    }

    /// [`Rubric::evaluate`], with the peer statistics of a batch (`Some`)
    /// instead of those the inspection gives.
    pub(crate) fn evaluate_with<'a>(
        &'a self,
        inspection: &'a Inspection,
        batch: Option<&[(u32, crate::peer::PeerStat)]>,
    ) -> Result<Scorecard<'a>, EvalError> {
        self.check_named(inspection.rubric.as_ref())?;
        let given;
        let peers = match batch {
            Some(peers) => peers,
            None => {
                given = self.given_peers(&inspection.peers)?;
                &given
            }
        };
        let mut ctx = Context::new(self, inspection.period, inspection.as_of);
        ctx.peers = peers;
        let mut facts = bind(self, inspection, &ctx)?;
        let na = self.mark_na(&inspection.not_applicable, &mut facts)?;
        self.score(facts, ctx, na)
    }

    /// The peer statistics an inspection gives, by rule index: each names a
    /// peer rule, with a place from 1 (and at most how many were ranked).
    pub(crate) fn given_peers(
        &self,
        given: &std::collections::BTreeMap<Id, crate::Peer>,
    ) -> Result<Vec<(u32, crate::peer::PeerStat)>, EvalError> {
        let plan = self.plan();
        let mut out = Vec::with_capacity(given.len());
        for (id, peer) in given {
            let index = plan
                .rule_index(id.as_str())
                .ok_or_else(|| EvalError::UnknownRule { id: id.clone() })?;
            let invalid = |problem| EvalError::InvalidFact {
                rule: id.clone(),
                problem,
            };
            let reads = plan
                .rules
                .get(index as usize)
                .is_some_and(|r| matches!(r.trigger, crate::Trigger::Peer { .. }));
            if !reads {
                return Err(invalid(crate::FactProblem::PeersNotRead));
            }
            if let Some(rank) = peer.rank
                && (rank == 0 || peer.of.is_some_and(|of| rank > of))
            {
                return Err(invalid(crate::FactProblem::InvalidRank {
                    rank,
                    of: peer.of,
                }));
            }
            out.push((index, crate::peer::PeerStat::given(peer)));
        }
        out.sort_unstable_by_key(|p| p.0);
        Ok(out)
    }

    /// Refuses facts recorded for another rubric.
    pub(crate) fn check_named(&self, named: Option<&Id>) -> Result<(), EvalError> {
        match named {
            Some(found) if found != self.id() => Err(EvalError::RubricMismatch {
                expected: self.id().clone(),
                found: found.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// Marks the items and rules an inspection says do not apply, checking
    /// that the rubric allows it and that none of them has a fact.
    pub(crate) fn mark_na<'a>(
        &self,
        marks: &'a std::collections::BTreeMap<Id, String>,
        facts: &mut Bound<'_>,
    ) -> Result<Vec<crate::scorecard::NaMark<'a>>, EvalError> {
        let plan = self.plan();
        let mut out = Vec::with_capacity(marks.len());
        for (id, reason) in marks {
            let fail = |problem| EvalError::NotApplicable {
                id: id.clone(),
                problem,
            };
            let (item, rules) = if let Some(node) = plan.item_node(id.as_str()) {
                let n = plan
                    .node(node)
                    .ok_or_else(|| fail(crate::NaProblem::Unknown))?;
                (Some(node), n.first_rule..n.end_rule)
            } else if let Some(index) = plan.rule_index(id.as_str()) {
                (None, index..index + 1)
            } else {
                return Err(fail(crate::NaProblem::Unknown));
            };
            // The item's (or the rule's item's) policy, from the nearest
            // declaration above it.
            let governed = match item {
                Some(node) => Some(node),
                None => plan.rules.get(rules.start as usize).map(|r| r.item),
            };
            if let Some(node) = governed.and_then(|n| plan.node(n)) {
                if node.outside {
                    return Err(fail(crate::NaProblem::Outside));
                }
                if node.na.is_none() {
                    return Err(fail(crate::NaProblem::NotAllowed));
                }
            }
            for index in rules.clone() {
                let Some(state) = facts.get_mut(index as usize) else {
                    continue;
                };
                if state.fact.is_some() {
                    let rule = self
                        .rule_at(index)
                        .map_or_else(|| id.clone(), |r| r.id.clone());
                    return Err(fail(crate::NaProblem::HasFact { rule }));
                }
                state.na = true;
            }
            out.push(crate::scorecard::NaMark {
                item,
                rule: if item.is_none() {
                    Some(rules.start)
                } else {
                    None
                },
                reason,
            });
        }
        out.sort_unstable_by_key(crate::scorecard::NaMark::key);
        Ok(out)
    }

    /// Prices, caps and bounds the counted facts: the scorecard.
    pub(crate) fn score<'a>(
        &'a self,
        facts: Bound<'a>,
        ctx: Context<'_>,
        na: Vec<crate::scorecard::NaMark<'a>>,
    ) -> Result<Scorecard<'a>, EvalError> {
        let plan = self.plan();

        // Each node's points not yet taken by the rules before: the budget
        // that rule shares are drawn from. Beside it, each node's own
        // deduction, filled bottom-up below.
        // Items not applicable may move points (redistribution) or leave
        // them out of a node (rescaling).
        let mut adjusted = if na.iter().any(|m| m.item.is_some()) {
            crate::scorecard::Adjusted::of(plan, &na)
        } else {
            None
        };
        let mut remaining: Vec<i64> = match adjusted.as_deref() {
            Some(a) if !a.points.is_empty() => a.points.iter().map(|p| p.1).collect(),
            _ => plan.nodes.iter().map(|n| n.limit).collect(),
        };
        let mut deducted = vec![0i64; plan.nodes.len()];
        let mut rules = facts;
        // What earning items did not earn draws on their indicators' points
        // in document order, as the rules around them do.
        let mut earning = Earning {
            next: 0,
            na: &na,
            adjusted: adjusted.as_deref(),
        };
        // Pricing: each rule's raw deduction and its own cap.
        for ((state, rule), index) in rules.iter_mut().zip(&plan.rules).zip(0u32..) {
            if state.fact.is_none() {
                continue;
            }
            let breaches = state.breaches;
            let raw = if state.priced {
                Some(state.raw)
            } else if rule.per_breach {
                rule.amount.checked_mul(i128::from(breaches))
            } else if breaches > 0 {
                Some(rule.amount)
            } else {
                Some(0)
            };
            let raw = match raw {
                Some(raw)
                    if raw <= DECIMAL_MAX_MANTISSA
                        || units_to_decimal(raw, plan.scale).is_some() =>
                {
                    raw
                }
                _ => {
                    return Err(EvalError::Overflow {
                        rule: self
                            .rule_at(index)
                            .map_or_else(|| self.id().clone(), |r| r.id.clone()),
                        breaches,
                    });
                }
            };
            state.raw = raw;
            state.capped = raw.min(rule.cap);
            if plan.groups.is_empty() {
                earning.draw(plan, index, &deducted, &mut remaining);
                bound(plan, state, rule, &mut remaining, &mut deducted);
            }
        }
        if plan.groups.is_empty() {
            earning.draw(plan, u32::MAX, &deducted, &mut remaining);
        }
        // Rules that never deduct twice: one of each group keeps its
        // deduction, the others give it up.
        for group in &plan.groups {
            let capped = |r: u32| rules.get(r as usize).map_or(0, |s| s.capped);
            let kept = match group.keep {
                crate::Keep::Largest => group
                    .rules
                    .iter()
                    .copied()
                    .filter(|&r| capped(r) > 0)
                    // The first listed wins a tie.
                    .reduce(|best, r| if capped(r) > capped(best) { r } else { best }),
                crate::Keep::First => group
                    .rules
                    .iter()
                    .copied()
                    .find(|&r| rules.get(r as usize).is_some_and(|s| s.breaches > 0)),
            };
            let Some(kept) = kept else { continue };
            for &r in &group.rules {
                if r != kept
                    && let Some(state) = rules.get_mut(r as usize)
                    && state.breaches > 0
                {
                    state.excluded_by = Some(kept);
                    state.capped = 0;
                }
            }
        }
        // Bounds: each rule's share of what remains of its nodes' points
        // (in the pricing pass above when no group needs settling first).
        if !plan.groups.is_empty() {
            for ((state, rule), index) in rules.iter_mut().zip(&plan.rules).zip(0u32..) {
                if state.fact.is_some() {
                    earning.draw(plan, index, &deducted, &mut remaining);
                    bound(plan, state, rule, &mut remaining, &mut deducted);
                }
            }
            earning.draw(plan, u32::MAX, &deducted, &mut remaining);
        }
        // Vetoes that zero a node: the nodes, and what the card would have
        // been without them.
        let mut fired = Vec::new();
        let mut zero = Vec::new();
        if plan.vetoes {
            for ((state, rule), index) in rules.iter().zip(&plan.rules).zip(0u32..) {
                let (Some(scope), true) = (rule.veto, state.breaches > 0) else {
                    continue;
                };
                let node = match scope {
                    crate::VetoScope::Item => rule.item,
                    crate::VetoScope::Indicator => plan.node(rule.item).map_or(0, |n| n.parent),
                    crate::VetoScope::Card => 0,
                };
                if scope != crate::VetoScope::Card {
                    zero.push(node);
                }
                fired.push(crate::scorecard::Fired {
                    rule: index,
                    node,
                    before: 0,
                });
            }
            zero.sort_unstable();
            zero.dedup();
        }
        // An earning item deducts what its rules did not earn (nothing
        // where it is not applicable).
        for &(node, _, _) in &plan.earning {
            let not_earned = earning.not_earned(plan, node, &deducted);
            if let Some(d) = deducted.get_mut(node as usize) {
                *d = not_earned;
            }
        }
        let mut unvetoed = None;
        if !zero.is_empty() {
            let mut without = deducted.clone();
            settle(plan, &mut without, &[], adjusted.as_deref_mut(), false);
            unvetoed = Some(without);
        }
        settle(plan, &mut deducted, &zero, adjusted.as_deref_mut(), true);
        let card = Scorecard {
            rubric: self,
            deducted,
            rules,
            period: ctx.period,
            as_of: ctx.as_of,
            vetoes: Vec::new(),
            unvetoed_root: None,
            na,
            peers: ctx.peers.to_vec(),
            adjusted,
        };
        Ok(card.with_vetoes(fired, unvetoed.as_deref()))
    }
}

/// Earning items in document order, as the rules after them are bounded.
struct Earning<'e, 'a> {
    /// The next earning item (an index into `Plan::earning`) not yet drawn.
    next: usize,
    na: &'e [crate::scorecard::NaMark<'a>],
    adjusted: Option<&'e crate::scorecard::Adjusted>,
}

impl Earning<'_, '_> {
    /// What earning item `node` did not earn: its points less its rules'
    /// credit; 0 where it is not applicable.
    fn not_earned(&self, plan: &crate::plan::Plan, node: u32, deducted: &[i64]) -> i64 {
        let na = self
            .na
            .binary_search_by_key(&(node, u32::MAX), crate::scorecard::NaMark::key)
            .is_ok();
        if na {
            return 0;
        }
        let points = self
            .adjusted
            .and_then(|a| a.node(node as usize))
            .map_or_else(|| plan.node(node).map_or(0, |n| n.points), |p| p.0);
        let credit = deducted.get(node as usize).copied().unwrap_or(0);
        points - credit.clamp(0, points.max(0))
    }

    /// Draws what each earning item whose rules all come before rule
    /// `upto` did not earn from what remains of the nodes above it (up to
    /// the root, or to a weighted indicator): the tightest bounds it, and
    /// the rules after it share what is left.
    #[inline]
    fn draw(
        &mut self,
        plan: &crate::plan::Plan,
        upto: u32,
        deducted: &[i64],
        remaining: &mut [i64],
    ) {
        // Most rubrics have no earning item: this runs once per rule.
        if self.next < plan.earning.len() {
            self.draw_due(plan, upto, deducted, remaining);
        }
    }

    /// [`Earning::draw`] where an earning item is still to be drawn.
    fn draw_due(
        &mut self,
        plan: &crate::plan::Plan,
        upto: u32,
        deducted: &[i64],
        remaining: &mut [i64],
    ) {
        while let Some(&(item, start, end)) = plan.earning.get(self.next) {
            if plan.node(item).is_none_or(|n| n.end_rule > upto) {
                break;
            }
            self.next += 1;
            let mut applied = self.not_earned(plan, item, deducted);
            if applied <= 0 {
                continue;
            }
            let chain = plan
                .chains
                .get(start as usize..end as usize)
                .unwrap_or_default();
            for &node in chain {
                if let Some(&left) = remaining.get(node as usize) {
                    applied = applied.min(left.max(0));
                }
            }
            for &node in chain {
                if let Some(left) = remaining.get_mut(node as usize) {
                    *left -= applied;
                }
            }
        }
    }
}

/// Bounds one priced rule: adds its capped deduction to its item's, and
/// draws its share from what remains of its item's, its indicators' and the
/// total's points (the tightest wins, the nearest on ties).
fn bound(
    plan: &crate::plan::Plan,
    state: &mut crate::scorecard::RuleState<'_>,
    rule: &crate::plan::RulePlan,
    remaining: &mut [i64],
    deducted: &mut [i64],
) {
    let capped = state.capped;
    // Node budgets fit i64 (see `NodePlan::points`); a larger
    // deduction is bounded by them anyway, so clamping it first is
    // exact.
    let clamped = i64::try_from(capped).unwrap_or(i64::MAX);
    if let Some(d) = deducted.get_mut(rule.item as usize) {
        // Saturating is exact: the sum is only compared with the
        // item's points.
        *d = d.saturating_add(clamped);
    }

    // The item, its indicators and the root each bound the rule by
    // what remains of their points: the tightest wins, the nearest
    // on ties.
    let mut applied = clamped;
    let mut bound_by = None;
    if capped > 0 {
        let chain = plan
            .chains
            .get(rule.chain_start as usize..rule.chain_end as usize)
            .unwrap_or_default();
        debug_assert!(!chain.is_empty(), "a rule has a chain");
        for &node in chain {
            if let Some(&left) = remaining.get(node as usize)
                && left < applied
            {
                applied = left;
                bound_by = Some(node);
            }
        }
        for &node in chain {
            if let Some(left) = remaining.get_mut(node as usize) {
                *left -= applied;
            }
        }
    }
    state.applied = applied;
    state.bound_by = bound_by;
}

/// Settles node deductions bottom-up: `deducted` holds each item's sum of
/// capped deductions; each node's deduction becomes the sum of its
/// children's, at most its points. Children come after their parent in plan
/// order, so a reverse walk settles each child before its parent.
///
/// A node in `zero` (sorted) deducts all its points, whatever its children
/// did (a veto). The bonus section (outside the total) keeps its own
/// deduction, its credit, and adds nothing to the root's.
///
/// `adjusted` (items not applicable) may move points between items and
/// rescale nodes; `record` keeps what each rescaled node left out and
/// earned.
fn settle(
    plan: &crate::plan::Plan,
    deducted: &mut [i64],
    zero: &[u32],
    mut adjusted: Option<&mut crate::scorecard::Adjusted>,
    record: bool,
) {
    for node in (0..deducted.len()).rev() {
        let Some(n) = plan.nodes.get(node) else {
            debug_assert!(false, "node {node} of {}", plan.nodes.len());
            continue;
        };
        let (points, limit) = match adjusted.as_deref() {
            Some(a) => a.node(node).unwrap_or((n.points, n.limit)),
            None => (n.points, n.limit),
        };
        // INVARIANT: a parent precedes its child (the root is its own
        // parent and is settled last).
        let (before, from) = deducted.split_at_mut(node);
        let Some(own) = from.first_mut() else {
            continue;
        };
        *own = (*own).min(limit);
        let zeroed = !zero.is_empty() && zero.binary_search(&(node as u32)).is_ok();
        let mut rescaled = None;
        if zeroed {
            // The node scores 0, or stays below it where its floor let it
            // fall further: a veto never raises a score.
            *own = (*own).max(points);
        } else if let Some(a) = adjusted.as_deref_mut()
            && let Some(left_out) = a.left_out(node as u32)
        {
            // A node that rescales for items not applicable scores what it
            // earned of its applicable points, scaled to its points.
            let applicable = (points - left_out).max(0);
            let earned = (applicable - *own).max(0);
            let score = if applicable == 0 {
                points
            } else {
                crate::plan::Plan::weigh(
                    applicable,
                    applicable - earned,
                    points,
                    plan.scale,
                    plan.rounding,
                )
                .0
            };
            *own = points - score;
            rescaled = Some((applicable, earned));
            if record {
                a.rescaled.push((node as u32, applicable, earned));
            }
        }
        if node > 0
            && !(n.outside && n.parent == 0)
            && let Some(parent) = before.get_mut(n.parent as usize)
        {
            // A weighted node adds what its weighted score falls short of
            // its weight.
            // One that also rescales weighs what it earned of its
            // applicable points directly, rounding once ("标化分=所得的分数除以
            // 该单位应得的最高分数×100").
            let add = match (n.weight, rescaled) {
                (Some(weight), Some((applicable, earned))) => {
                    weight.saturating_sub(plan.rescaled_weighted(applicable, earned, weight).0)
                }
                (Some(weight), None) => {
                    weight.saturating_sub(plan.weighted(points, *own, weight).0)
                }
                (None, _) => *own,
            };
            *parent = parent.saturating_add(add);
        }
    }
}
