//! The evaluator: (rubric, inspection) → scorecard.

use crate::rubric::{IdKey, TriggerKind};
use crate::{Fact, FactKind, Id, Inspection, Rubric};

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
    /// A deduction is too large to represent exactly.
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
    /// Per node (plan order): its points not deducted, in units.
    pub(crate) remaining: Vec<i128>,
    /// Per rule (document order).
    pub(crate) rules: Vec<RuleState<'a>>,
}

/// One rule's evaluation, in units of the rubric's scale.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleState<'a> {
    pub(crate) fact: Option<&'a Fact>,
    pub(crate) breaches: u64,
    /// The penalty before any cap.
    pub(crate) raw: i128,
    /// After the rule's own cap.
    pub(crate) capped: i128,
    /// After the bounds of the rule's item and indicators.
    pub(crate) applied: i128,
    /// The node whose points trimmed the deduction, if one did.
    pub(crate) bound_by: Option<u32>,
}

impl<'a> RuleState<'a> {
    const fn empty() -> RuleState<'a> {
        RuleState {
            fact: None,
            breaches: 0,
            raw: 0,
            capped: 0,
            applied: 0,
            bound_by: None,
        }
    }
}

/// The largest mantissa a [`Decimal`] holds (2^96 − 1).
const DECIMAL_MAX_MANTISSA: i128 = (1 << 96) - 1;

impl Rubric {
    /// Scores `inspection` against this rubric.
    ///
    /// Each rule's breaches come from its fact and price through its
    /// penalty. Then every node's bound applies: a node's deduction is the
    /// sum of its children's, at most its points, and its score is points
    /// minus deduction, never below 0. Where a bound trims, rules keep their
    /// deductions in document order and the later ones give way: for seed
    /// item 12 (10 points), 12a's 5 points count whole and 12b keeps the 5
    /// that remain, reported as limited by item 12.
    ///
    /// # Errors
    ///
    /// [`EvalError`] if the inspection names another rubric, records a fact
    /// for a rule this rubric does not have or of a type its rule does not
    /// read, or a deduction overflows. The first such fact in rule-id order
    /// is reported.
    pub fn evaluate<'a>(&'a self, inspection: &'a Inspection) -> Result<Scorecard<'a>, EvalError> {
        if let Some(found) = &inspection.rubric {
            if found != self.id() {
                return Err(EvalError::RubricMismatch {
                    expected: self.id().clone(),
                    found: found.clone(),
                });
            }
        }
        let plan = self.plan();
        let mut facts: Vec<Option<(&Fact, u64)>> = vec![None; plan.rules.len()];
        self.bind(inspection, &mut facts)?;
        let mut rules = Vec::with_capacity(plan.rules.len());

        // Each node's points not yet deducted.
        let mut remaining = plan.points.clone();
        for (index, (fact, rule)) in facts.into_iter().zip(&plan.rules).enumerate() {
            let Some((fact, breaches)) = fact else {
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
                Some(raw) if raw <= DECIMAL_MAX_MANTISSA => raw,
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
            let mut applied = capped;
            let mut bound_by = None;
            if capped > 0 {
                let chain = plan
                    .chains
                    .get(rule.chain_start as usize..rule.chain_end as usize)
                    .unwrap_or_default();
                for &node in chain {
                    if let Some(&left) = remaining.get(node as usize) {
                        if left < applied {
                            applied = left;
                            bound_by = Some(node);
                        }
                    }
                }
                for &node in chain {
                    if let Some(left) = remaining.get_mut(node as usize) {
                        *left -= applied;
                    }
                }
            }
            rules.push(RuleState {
                fact: Some(fact),
                breaches,
                raw,
                capped,
                applied,
                bound_by,
            });
        }
        Ok(Scorecard {
            rubric: self,
            remaining,
            rules,
        })
    }

    /// Matches facts to rules: both are walked in id order, once.
    fn bind<'a>(
        &self,
        inspection: &'a Inspection,
        facts: &mut [Option<(&'a Fact, u64)>],
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
            let kind = plan.rules.get(index).map(|r| r.kind);
            let Some(breaches) = kind.and_then(|k| k.breaches(fact)) else {
                return Err(EvalError::WrongFactType {
                    rule: rule_id.clone(),
                    expected: kind.map_or("", TriggerKind::expects),
                    found: fact.kind(),
                });
            };
            if let Some(slot) = facts.get_mut(index) {
                *slot = Some((fact, breaches));
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
