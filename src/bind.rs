//! Binding facts: each fact of an inspection matched to its rule's slot and
//! counted there, in one merge of the inspection's facts (kept in id order)
//! with the rubric's sorted rule ids.

use crate::plan::IdKey;
use crate::tally::{Context, Tally, TallyError, tally};
use crate::{EvalError, Fact, Inspection, Rubric};

/// Each rule's fact and its count, in document order (`None`: not assessed).
pub(crate) type Bound<'a> = Vec<Option<(&'a Fact, Tally)>>;

/// Matches every fact of `inspection` to its rule and counts its breaches.
///
/// # Errors
///
/// The first fact, in rule-id order, that names no rule of `rubric` or
/// cannot be counted by its rule.
pub(crate) fn bind<'a>(
    rubric: &Rubric,
    inspection: &'a Inspection,
    ctx: &Context<'_>,
) -> Result<Bound<'a>, EvalError> {
    let plan = rubric.plan();
    let mut bound: Bound<'a> = vec![None; plan.rules.len()];
    let mut ids = plan.by_id.iter();
    let mut next = ids.next();
    for (id, fact) in &inspection.facts {
        let key = IdKey::prefix(id.as_str());
        while let Some(rule) = next {
            if rule.cmp_id(key, id.as_str()).is_ge() {
                break;
            }
            next = ids.next();
        }
        let (rule_id, index) = match next {
            Some(rule) if rule.cmp_id(key, id.as_str()).is_eq() => (&rule.id, rule.index as usize),
            _ => return Err(EvalError::UnknownRule { id: id.clone() }),
        };
        let (Some(rule), Some(slot)) = (plan.rules.get(index), bound.get_mut(index)) else {
            // INVARIANT: the index's entries point at the plan's rules.
            debug_assert!(false, "rule index {index}");
            return Err(EvalError::UnknownRule { id: id.clone() });
        };
        let counted = tally(&rule.trigger, fact, ctx).map_err(|e| {
            let rule_id = rule_id.clone();
            match e {
                TallyError::WrongType => EvalError::WrongFactType {
                    rule: rule_id,
                    expected: rule.trigger.kind(),
                    found: fact.kind(),
                },
                TallyError::Needs(needs) => EvalError::MissingContext {
                    rule: rule_id,
                    needs,
                },
                TallyError::Calendar(problem) => EvalError::Calendar {
                    rule: rule_id,
                    problem,
                },
                TallyError::Case(index, problem) => EvalError::InvalidCase {
                    rule: rule_id,
                    case: index + 1,
                    problem,
                },
                TallyError::OutOfDomain(value, expected) => EvalError::OutOfDomain {
                    rule: rule_id,
                    value,
                    expected,
                },
            }
        })?;
        *slot = Some((fact, counted));
    }
    Ok(bound)
}
