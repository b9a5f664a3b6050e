//! Binding facts: each fact of an inspection matched to its rule's slot and
//! counted there — in one merge of an [`Inspection`]'s facts (kept in id
//! order) with the rubric's sorted rule ids, or straight from [`Facts`],
//! an inspection already held in the rubric's rule slots.

use chrono::NaiveDate;

use rust_decimal::Decimal;

use crate::plan::{IdKey, RulePlan};
use crate::price::{PriceError, Priced, check, marked, price};
use crate::scorecard::RuleState;
use crate::tally::{Context, Tally, TallyError, tally};
use crate::{EvalError, Fact, Id, Inspection, Period, Rubric, Scorecard};

/// Each rule's fact and its count, in document order (no fact: not
/// assessed); the rest of each state is filled in by pricing.
pub(crate) type Bound<'a> = Vec<RuleState<'a>>;

/// The state of a rule with `fact`, counted (and, for the shapes a count
/// does not price, priced).
fn counted<'a>(fact: &'a Fact, (tally, priced): (Tally, Option<(i128, Priced)>)) -> RuleState<'a> {
    let mut state = RuleState {
        fact: Some(fact),
        breaches: tally.breaches,
        pending: tally.pending,
        exempt: tally.exempt,
        ..RuleState::EMPTY
    };
    if let Some((raw, p)) = priced {
        state.raw = raw;
        state.breaches = p.breaches;
        state.priced = true;
        state.rounded = p.rounded;
    }
    state
}

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
    let mut bound: Bound<'a> = vec![RuleState::EMPTY; plan.rules.len()];
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
        *slot = counted(fact, count(rubric, index as u32, rule, rule_id, fact, ctx)?);
    }
    Ok(bound)
}

/// Counts `fact` for the rule with plan index `index` (whose id is `id`)
/// and prices the shapes a count does not price (the raw deduction in
/// units), naming the rule in any error.
fn count(
    rubric: &Rubric,
    index: u32,
    rule: &RulePlan,
    id: &Id,
    fact: &Fact,
    ctx: &Context<'_>,
) -> Result<(Tally, Option<(i128, Priced)>), EvalError> {
    let mut counted =
        tally(&rule.trigger, fact, ctx).map_err(|e| tally_error(rule, id, fact, e))?;
    // A peer rule: its value against the peers' mean, or its place.
    let mut place = None;
    // Kept apart from the common path: most rules are not peer rules, and
    // a fact to drop on every rule costs.
    if let crate::Trigger::Peer { measure, compare } = rule.trigger {
        let needs = || EvalError::MissingContext {
            rule: id.clone(),
            needs: crate::Needs::Peers,
        };
        let value =
            crate::tally::measured(measure, fact).map_err(|e| tally_error(rule, id, fact, e))?;
        let stat = ctx.peer(index).ok_or_else(needs)?;
        match crate::peer::compare(compare, value, stat).ok_or_else(needs)? {
            crate::peer::PeerOutcome::Breaches(n) => counted.breaches = n,
            crate::peer::PeerOutcome::Place(p) => place = Some(p),
        }
    }
    let place_fact;
    let fact_priced = match place {
        Some(p) => {
            place_fact = Fact::Count(p);
            &place_fact
        }
        None => fact,
    };
    // The rule as written, for the shapes priced from it and the marks a
    // fact may carry; most rules and facts need neither.
    if !rule.priced && !marked(fact) {
        return Ok((counted, None));
    }
    let (Some(spec), Some(item)) = (rubric.rule_at(index), rubric.item_at(rule.item)) else {
        // INVARIANT: the plan's rules and items are the spec's.
        debug_assert!(false, "rule {index}");
        return Ok((counted, None));
    };
    let invalid = |problem| EvalError::InvalidFact {
        rule: id.clone(),
        problem,
    };
    check(spec, fact).map_err(invalid)?;
    if !rule.priced {
        return Ok((counted, None));
    }
    let plan = rubric.plan();
    let priced = match price(
        rule,
        spec,
        item.points,
        item.floor.unwrap_or_default(),
        fact_priced,
        counted,
        plan.scale,
        plan.rounding,
    ) {
        Ok(None) => None,
        Ok(Some(p)) => match units_of(p.raw, plan.scale) {
            Some(units) => Some((units, p)),
            None => return Err(overflow(id, counted)),
        },
        Err(PriceError::Fact(problem)) => return Err(invalid(problem)),
        Err(PriceError::Tally(e)) => return Err(tally_error(rule, id, fact, e)),
        Err(PriceError::Overflow) => return Err(overflow(id, counted)),
    };
    Ok((counted, priced))
}

fn overflow(id: &Id, tally: Tally) -> EvalError {
    EvalError::Overflow {
        rule: id.clone(),
        breaches: tally.breaches,
    }
}

/// `value` (at most `scale` places after trailing zeros go) in units of
/// 10^-scale; `None` if it has more places or does not fit.
fn units_of(value: Decimal, scale: u32) -> Option<i128> {
    let value = value.normalize();
    let shift = scale.checked_sub(value.scale())?;
    value.mantissa().checked_mul(10i128.checked_pow(shift)?)
}

/// The evaluation error for a counting error of `rule` on `fact`.
fn tally_error(rule: &RulePlan, id: &Id, fact: &Fact, e: TallyError) -> EvalError {
    {
        let rule_id = id.clone();
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
    }
}

/// An inspection bound to one rubric: each fact held in its rule's slot, so
/// that evaluating it never looks up an id. Build it once per inspection
/// with [`Rubric::facts`] (an unknown rule id is refused there, at once),
/// then [`Facts::evaluate`]; the JSON surface reads inspection JSON
/// straight into one. It scores exactly as the same facts in an
/// [`Inspection`].
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let facts = rubric.facts().with("2b", true)?.with("7a", 7u64)?;
/// let card = facts.evaluate()?;
/// assert_eq!(card.score().to_string(), "92.5");
/// assert_eq!(
///     rubric.facts().with("7z", 1u64).unwrap_err().to_string(),
///     "unknown rule `7z`"
/// );
/// # Ok::<(), ducha::EvalError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Facts<'r> {
    rubric: &'r Rubric,
    /// One per rule, in document order.
    pub(crate) slots: Vec<Option<Fact>>,
    pub(crate) period: Option<Period>,
    pub(crate) as_of: Option<NaiveDate>,
    /// The rubric the facts were recorded for, if they say.
    pub(crate) named: Option<Id>,
    /// The smallest id given that names no rule (the JSON surface reports
    /// it as `Inspection` evaluation would).
    pub(crate) unknown: Option<Id>,
    /// Items and rules marked not applicable, with their reasons.
    pub(crate) not_applicable: std::collections::BTreeMap<Id, String>,
    /// Peer statistics given, by rule id.
    pub(crate) peers: std::collections::BTreeMap<Id, crate::Peer>,
}

impl Rubric {
    /// An empty inspection bound to this rubric: facts go straight into
    /// the rule slots (see [`Facts`]).
    pub fn facts(&self) -> Facts<'_> {
        Facts {
            rubric: self,
            slots: vec![None; self.plan().rules.len()],
            period: None,
            as_of: None,
            named: None,
            unknown: None,
            not_applicable: std::collections::BTreeMap::new(),
            peers: std::collections::BTreeMap::new(),
        }
    }
}

impl<'r> Facts<'r> {
    /// The rubric the facts are bound to.
    pub fn rubric(&self) -> &'r Rubric {
        self.rubric
    }

    /// Records `fact` against rule `rule` (replacing any fact it had).
    ///
    /// # Errors
    ///
    /// [`EvalError::UnknownRule`] if the rubric has no rule `rule`.
    pub fn set(&mut self, rule: &str, fact: impl Into<Fact>) -> Result<&mut Facts<'r>, EvalError> {
        let slot = self.slot(rule).ok_or_else(|| unknown(rule))?;
        *slot = Some(fact.into());
        Ok(self)
    }

    /// Builder form of [`Facts::set`].
    ///
    /// # Errors
    ///
    /// [`EvalError::UnknownRule`] if the rubric has no rule `rule`.
    pub fn with(mut self, rule: &str, fact: impl Into<Fact>) -> Result<Facts<'r>, EvalError> {
        self.set(rule, fact)?;
        Ok(self)
    }

    /// The same facts assessed over `period`.
    #[must_use]
    pub fn in_period(mut self, period: Period) -> Facts<'r> {
        self.period = Some(period);
        self
    }

    /// The same facts assessed on `as_of` (by default the period's end).
    #[must_use]
    pub fn as_of(mut self, as_of: NaiveDate) -> Facts<'r> {
        self.as_of = Some(as_of);
        self
    }

    /// Marks the item or rule `id` not applicable for `reason` (see
    /// [`Inspection::not_applicable`]); checked when evaluated.
    ///
    /// # Errors
    ///
    /// [`EvalError::UnknownRule`] if `id` is not a valid id.
    pub fn set_not_applicable(
        &mut self,
        id: &str,
        reason: impl Into<String>,
    ) -> Result<&mut Facts<'r>, EvalError> {
        let id = Id::new(id).map_err(|_| unknown(id))?;
        self.not_applicable.insert(id, reason.into());
        Ok(self)
    }

    /// The fact recorded for rule `rule`, if any.
    pub fn get(&self, rule: &str) -> Option<&Fact> {
        let index = self.rubric.plan().rule_index(rule)?;
        self.slots.get(index as usize)?.as_ref()
    }

    /// The slot of rule `rule`.
    pub(crate) fn slot(&mut self, rule: &str) -> Option<&mut Option<Fact>> {
        let index = self.rubric.plan().rule_index(rule)?;
        self.slots.get_mut(index as usize)
    }

    /// Scores the facts against their rubric, exactly as
    /// [`Rubric::evaluate`] scores the same facts in an [`Inspection`].
    ///
    /// # Errors
    ///
    /// As [`Rubric::evaluate`].
    pub fn evaluate(&self) -> Result<Scorecard<'_>, EvalError> {
        self.evaluate_with(None)
    }

    /// [`Facts::evaluate`], with the peer statistics of a batch (`Some`)
    /// instead of those the facts give.
    pub(crate) fn evaluate_with(
        &self,
        batch: Option<&[(u32, crate::peer::PeerStat)]>,
    ) -> Result<Scorecard<'_>, EvalError> {
        let rubric = self.rubric;
        rubric.check_named(self.named.as_ref())?;
        let given;
        let peers = match batch {
            Some(peers) => peers,
            None => {
                given = rubric.given_peers(&self.peers)?;
                &given
            }
        };
        let mut ctx = Context::new(rubric, self.period, self.as_of);
        ctx.peers = peers;
        let plan = rubric.plan();
        let mut bound: Bound<'_> = vec![RuleState::EMPTY; plan.rules.len()];
        // In id order, as an inspection's facts are met, so the same error
        // is reported first.
        for entry in &plan.by_id {
            if let Some(unknown) = &self.unknown
                && unknown.as_str() < entry.id.as_str()
            {
                return Err(EvalError::UnknownRule {
                    id: unknown.clone(),
                });
            }
            let index = entry.index as usize;
            let (Some(Some(fact)), Some(rule), Some(slot)) = (
                self.slots.get(index),
                plan.rules.get(index),
                bound.get_mut(index),
            ) else {
                continue;
            };
            *slot = counted(
                fact,
                count(rubric, entry.index, rule, &entry.id, fact, &ctx)?,
            );
        }
        if let Some(unknown) = &self.unknown {
            return Err(EvalError::UnknownRule {
                id: unknown.clone(),
            });
        }
        let na = rubric.mark_na(&self.not_applicable, &mut bound)?;
        rubric.score(bound, ctx, na)
    }
}

fn unknown(rule: &str) -> EvalError {
    // A text that is not even a valid id names no rule either; the error
    // shows it with what an id may not hold replaced.
    EvalError::UnknownRule {
        id: Id::lossy(rule),
    }
}
