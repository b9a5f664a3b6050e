//! The evaluator: (rubric, inspection) → scorecard.

use rust_decimal::Decimal;

use crate::rubric::{IdKey, Simple};
use crate::tally::{Context, Tally, TallyError, tally};
use crate::{CalendarError, Fact, FactKind, Id, Inspection, Period, Rubric};

/// Why an inspection cannot be evaluated against a rubric.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// The inspection names another rubric.
    #[error("inspection is for rubric `{found}`, not `{expected}`")]
    RubricMismatch {
        /// The rubric evaluated against.
        expected: Id,
        /// The rubric the inspection names.
        found: Id,
    },
    /// A fact names a rule the rubric does not have.
    #[error("unknown rule `{id}`")]
    UnknownRule {
        /// The id the fact was recorded against.
        id: Id,
    },
    /// A fact is not of the type its rule reads.
    #[error("rule `{rule}` expects {expected}, got {found}")]
    WrongFactType {
        /// The rule.
        rule: Id,
        /// What the rule's trigger reads ([`Trigger::expects`](crate::Trigger::expects)).
        expected: &'static str,
        /// What the inspection gave.
        found: FactKind,
    },
    /// A date rule lacks what it needs: the assessment period for a
    /// cadence, an assessment date for deadline cases not done.
    #[error("rule `{rule}` needs {needs}")]
    MissingContext {
        /// The rule.
        rule: Id,
        /// What it needs, in words.
        needs: &'static str,
    },
    /// The working-day calendar cannot answer for a deadline rule, such as
    /// for a year it does not know.
    #[error("rule `{rule}`: {source}")]
    Calendar {
        /// The rule.
        rule: Id,
        /// What the calendar said.
        source: CalendarError,
    },
    /// A deadline case is malformed.
    #[error("rule `{rule}`, case {case}: {problem}")]
    InvalidCase {
        /// The rule.
        rule: Id,
        /// The case's position in the list, from 1.
        case: usize,
        /// What is wrong, in words.
        problem: &'static str,
    },
    /// A value outside what its rule reads: a ratio of `96`, a negative or
    /// fractional count.
    #[error("rule `{rule}` reads {expected}, got `{value}`")]
    OutOfDomain {
        /// The rule.
        rule: Id,
        /// The value as given (`96`, `"120%"` as `120%`).
        value: String,
        /// What the rule reads.
        expected: crate::Measure,
    },
    /// A raw deduction (amount × breaches) needs more significant digits
    /// than a [`Decimal`] holds (about 28): only a huge count times an
    /// amount with many digits gets here, such as `999999999.999999` points
    /// × 2^64 − 1 breaches.
    #[error("deduction of rule `{rule}` overflows: {breaches} breaches")]
    Overflow {
        /// The rule.
        rule: Id,
        /// The number of breaches recorded.
        breaches: u64,
    },
}

/// The evaluated rubric: per node its points, deduction and score; per rule
/// its breaches, deductions, what limited them and the reason.
///
/// It mirrors the rubric tree: [`Scorecard::indicators`] walks it top-down,
/// [`Scorecard::items`] and [`Scorecard::rules`] list rows and clauses in
/// document order. Reasons are rendered when asked for. Serializing a
/// scorecard gives the JSON described in [`crate#the-json-contract`]; the
/// same input always gives the same bytes.
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
    pub(crate) as_of: Option<chrono::NaiveDate>,
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
}

impl<'a> RuleState<'a> {
    const fn empty() -> RuleState<'a> {
        RuleState {
            fact: None,
            breaches: 0,
            pending: 0,
            raw: 0,
            capped: 0,
            applied: 0,
            bound_by: None,
        }
    }
}

/// The largest mantissa a [`Decimal`] holds (2^96 − 1).
const DECIMAL_MAX_MANTISSA: i128 = (1 << 96) - 1;

/// `units` × 10^-`scale` as a [`Decimal`], without trailing zeros; `None`
/// if it needs more than a Decimal's 28 or so significant digits.
pub(crate) fn units_to_decimal(mut units: i128, mut scale: u32) -> Option<Decimal> {
    // A large amount may still be exact at a smaller scale: 10^9 points ×
    // (2^64 − 1) breaches at the rubric's scale of 6 has 6 trailing zeros.
    while units.abs() > DECIMAL_MAX_MANTISSA && scale > 0 && units % 10 == 0 {
        units /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(units, scale)
        .ok()
        .map(|d| d.normalize())
}

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
    /// # Errors
    ///
    /// [`EvalError`] if the inspection names another rubric, records a fact
    /// for a rule this rubric does not have or of a type its rule does not
    /// read, a date rule lacks the period or assessment date it needs, a
    /// deadline case is malformed or falls in a year the calendar does not
    /// know, or a deduction overflows. The first such fact in rule-id order
    /// is reported.
    pub fn evaluate<'a>(&'a self, inspection: &'a Inspection) -> Result<Scorecard<'a>, EvalError> {
        if let Some(found) = &inspection.rubric
            && found != self.id()
        {
            return Err(EvalError::RubricMismatch {
                expected: self.id().clone(),
                found: found.clone(),
            });
        }
        let plan = self.plan();
        let ctx = Context {
            calendar: self.calendar(),
            period: inspection.period,
            as_of: inspection.as_of.or(inspection.period.map(|p| p.to())),
        };
        let mut facts: Vec<Option<(&Fact, Tally)>> = vec![None; plan.rules.len()];
        self.bind(inspection, &ctx, &mut facts)?;
        let mut rules = Vec::with_capacity(plan.rules.len());

        // Each node's points not yet taken by the rules before: the budget
        // that rule shares are drawn from.
        let mut remaining = plan.points.clone();
        // Whether a bound above an item trimmed a rule's share.
        let mut trimmed_above_item = false;
        for (index, (fact, rule)) in facts.into_iter().zip(&plan.rules).enumerate() {
            let Some((fact, Tally { breaches, pending })) = fact else {
                rules.push(RuleState::empty());
                continue;
            };
            let raw = if rule.per_breach {
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
                        rule: self.rule_id(index),
                        breaches,
                    });
                }
            };
            let capped = raw.min(rule.cap);

            // The item, its indicators and the root each bound the rule by
            // what remains of their points: the tightest wins, the nearest
            // on ties.
            // Node budgets fit i64 (see `Plan::points`); a larger deduction
            // is bounded by them anyway, so clamping it first is exact.
            let mut applied = i64::try_from(capped).unwrap_or(i64::MAX);
            let mut bound_by = None;
            if capped > 0 {
                let chain = plan
                    .chains
                    .get(rule.chain_start as usize..rule.chain_end as usize)
                    .unwrap_or_default();
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
                // The chain starts at the item.
                trimmed_above_item |= bound_by.is_some() && bound_by != chain.first().copied();
            }
            rules.push(RuleState {
                fact: Some(fact),
                breaches,
                pending,
                raw,
                capped,
                applied,
                bound_by,
            });
        }
        let deducted = if trimmed_above_item {
            self.node_deductions(&rules)
        } else {
            // Only items trimmed (if anything did), so every node's deduction,
            // the sum of its children's at most its points, is exactly what
            // the shares under it took: points minus what remains.
            for (left, points) in remaining.iter_mut().zip(&plan.points) {
                *left = points - *left;
            }
            remaining
        };
        Ok(Scorecard {
            rubric: self,
            deducted,
            rules,
            period: ctx.period,
            as_of: ctx.as_of,
        })
    }

    /// Each node's deduction: the sum of its children's, at most its points,
    /// settled bottom-up. Children come after their parent in plan order, so
    /// a reverse walk settles each child before its parent.
    fn node_deductions(&self, rules: &[RuleState<'_>]) -> Vec<i64> {
        let plan = self.plan();
        let mut deducted = vec![0i64; plan.points.len()];
        for (state, rule) in rules.iter().zip(&plan.rules) {
            let item = plan
                .chains
                .get(rule.chain_start as usize)
                .copied()
                .unwrap_or(0);
            if let Some(d) = deducted.get_mut(item as usize) {
                // Saturating is exact here: the sum is only ever compared
                // with the item's points.
                *d = d.saturating_add(i64::try_from(state.capped).unwrap_or(i64::MAX));
            }
        }
        for node in (0..deducted.len()).rev() {
            let points = plan.points.get(node).copied().unwrap_or(0);
            let own = deducted.get(node).copied().unwrap_or(0).min(points);
            if let Some(d) = deducted.get_mut(node) {
                *d = own;
            }
            if node > 0 {
                let parent = plan.parents.get(node).copied().unwrap_or(0);
                if let Some(d) = deducted.get_mut(parent as usize) {
                    *d = d.saturating_add(own);
                }
            }
        }
        deducted
    }

    /// Matches facts to rules: both are walked in id order, once.
    fn bind<'a>(
        &self,
        inspection: &'a Inspection,
        ctx: &Context<'_>,
        facts: &mut [Option<(&'a Fact, Tally)>],
    ) -> Result<(), EvalError> {
        let plan = self.plan();
        let mut ids = plan.by_id.iter();
        let mut next = ids.next();
        for (id, fact) in &inspection.facts {
            let key = IdKey::prefix(id);
            while let Some(rule) = next {
                if rule.cmp_id(key, id).is_ge() {
                    break;
                }
                next = ids.next();
            }
            let (rule_id, index) = match next {
                Some(rule) if rule.cmp_id(key, id).is_eq() => (&rule.id, rule.index as usize),
                _ => return Err(EvalError::UnknownRule { id: id.clone() }),
            };
            // Counting here, while the fact is at hand, keeps the
            // evaluation loop from touching the inspection again.
            // Flags and counts inline: the common case, and the hot path.
            let simple = match (plan.rules.get(index).map(|r| r.simple), fact) {
                (Some(Simple::Flag), Fact::Flag(b)) => Some(u64::from(*b)),
                (Some(Simple::Flag), Fact::Finding(_)) => Some(1),
                (Some(Simple::Count), Fact::Count(n)) => Some(*n),
                (Some(Simple::Count), Fact::Findings(list)) => Some(list.len() as u64),
                _ => None,
            };
            if let Some(breaches) = simple {
                if let Some(slot) = facts.get_mut(index) {
                    *slot = Some((
                        fact,
                        Tally {
                            breaches,
                            pending: 0,
                        },
                    ));
                }
                continue;
            }
            let Some(trigger) = plan.triggers.get(index) else {
                return Err(EvalError::UnknownRule { id: id.clone() });
            };
            let counted = tally(trigger, fact, ctx).map_err(|e| {
                let rule = rule_id.clone();
                match e {
                    TallyError::WrongType => EvalError::WrongFactType {
                        rule,
                        expected: trigger.expects(),
                        found: fact.kind(),
                    },
                    TallyError::Needs(needs) => EvalError::MissingContext { rule, needs },
                    TallyError::Calendar(source) => EvalError::Calendar { rule, source },
                    TallyError::Case(index, problem) => EvalError::InvalidCase {
                        rule,
                        case: index + 1,
                        problem,
                    },
                    TallyError::OutOfDomain(value, expected) => EvalError::OutOfDomain {
                        rule,
                        value,
                        expected,
                    },
                }
            })?;
            if let Some(slot) = facts.get_mut(index) {
                *slot = Some((fact, counted));
            }
        }
        Ok(())
    }

    fn rule_id(&self, index: usize) -> Id {
        self.plan()
            .by_id
            .iter()
            .find(|rule| rule.index as usize == index)
            .map_or_else(|| self.id().clone(), |rule| rule.id.clone())
    }
}
