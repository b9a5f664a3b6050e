//! Pricing the shapes a count alone does not price: an escalating table
//! with multipliers, the inspector's discretionary amounts, a measured
//! value against a line, a proportion, bands or knots, a rating. Each
//! returns the raw deduction as an exact [`Decimal`], before the rule's
//! cap; the evaluator caps and bounds it like any other. Also the checks
//! every fact passes against its rule: exemption grounds, amounts and
//! multipliers only where the rule takes them.

use rust_decimal::Decimal;

use crate::plan::RulePlan;
use crate::tally::{Tally, TallyError, measured};
use crate::{Award, Direction, Fact, Finding, Partial, Penalty, Points, Rounding, Trigger};

/// What is wrong with a fact its rule could count but not price
/// ([`EvalError::InvalidFact`](crate::EvalError::InvalidFact)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FactProblem {
    /// A rating names an option the rule does not list.
    UnknownOption {
        /// The option given.
        option: String,
        /// The rule's options, in order.
        options: Vec<String>,
    },
    /// A breach of a discretionary rule without an `amount`.
    MissingAmount,
    /// An amount outside the rule's range.
    AmountOutOfRange {
        /// The amount given.
        amount: Decimal,
        /// The range's least amount.
        min: Points,
        /// The range's most.
        max: Points,
    },
    /// An amount with more decimal places than the rubric's amounts.
    AmountTooPrecise {
        /// The amount given.
        amount: Decimal,
        /// The most decimal places allowed.
        places: u32,
    },
    /// An `amount` on a rule whose deductions the rubric fixes.
    AmountNotTaken,
    /// A multiplier the rule does not declare.
    UnknownMultiplier {
        /// The name given.
        name: String,
        /// The rule's multipliers, in order (empty: it declares none).
        multipliers: Vec<String>,
    },
    /// An exemption on a ground the rule does not accept.
    GroundRefused {
        /// The ground given.
        ground: String,
        /// The grounds the rule accepts.
        accepted: Vec<String>,
    },
    /// A peer statistic given (`peers`) for a rule that does not compare
    /// with its peers.
    PeersNotRead,
    /// A place of 0, or beyond how many were ranked.
    InvalidRank {
        /// The place given.
        rank: u64,
        /// How many were ranked, if given.
        of: Option<u64>,
    },
}

/// `` `a`, `b`, `c` ``.
fn listed(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

impl std::fmt::Display for FactProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactProblem::UnknownOption { option, options } => write!(
                f,
                "unknown option `{option}`; the options are {}",
                listed(options)
            ),
            FactProblem::MissingAmount => f.write_str(
                "a discretionary deduction needs an `amount` with each breach (a finding `{\"note\", \"amount\"}`)",
            ),
            FactProblem::AmountOutOfRange { amount, min, max } => write!(
                f,
                "amount `{}` is outside the range {min} to {max}",
                amount.normalize()
            ),
            FactProblem::AmountTooPrecise { amount, places } => write!(
                f,
                "amount `{}` has more than {places} decimal places",
                amount.normalize()
            ),
            FactProblem::AmountNotTaken => {
                f.write_str("takes no `amount`: the rubric fixes its deductions")
            }
            FactProblem::UnknownMultiplier { name, multipliers } if multipliers.is_empty() => {
                write!(f, "unknown multiplier `{name}`; the rule declares none")
            }
            FactProblem::UnknownMultiplier { name, multipliers } => write!(
                f,
                "unknown multiplier `{name}`; the rule declares {}",
                listed(multipliers)
            ),
            FactProblem::GroundRefused { ground, accepted } => write!(
                f,
                "exemption ground `{ground}` is not one the rule accepts: {}",
                listed(accepted)
            ),
            FactProblem::PeersNotRead => f.write_str(
                "a peer statistic is given, but the rule does not compare with its peers",
            ),
            FactProblem::InvalidRank { rank, of: Some(of) } => {
                write!(f, "place {rank} of {of}: a place runs from 1 to how many were ranked")
            }
            FactProblem::InvalidRank { rank, of: None } => {
                write!(f, "place {rank}: a place starts at 1")
            }
        }
    }
}

/// A fact priced by its rule's penalty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Priced {
    /// The deduction before the rule's cap.
    pub(crate) raw: Decimal,
    /// Breaches, for the shapes that price a value or a rating: 1 if the
    /// value or rating deducts anything.
    pub(crate) breaches: u64,
    /// Whether the declared rounding changed the value.
    pub(crate) rounded: bool,
}

/// Why pricing failed.
#[derive(Debug)]
pub(crate) enum PriceError {
    Fact(FactProblem),
    Tally(TallyError),
    Overflow,
}

impl From<FactProblem> for PriceError {
    fn from(p: FactProblem) -> PriceError {
        PriceError::Fact(p)
    }
}

/// The findings a fact carries: one, a list, or none.
fn findings(fact: &Fact) -> &[Finding] {
    match fact {
        Fact::Finding(f) => std::slice::from_ref(f),
        Fact::Findings(list) => list,
        _ => &[],
    }
}

/// Whether `fact` marks anything its rule must accept: an amount, a
/// multiplier or an exemption.
pub(crate) fn marked(fact: &Fact) -> bool {
    match fact {
        Fact::Cases(cases) => cases.iter().any(|c| c.exempt.is_some()),
        _ => findings(fact)
            .iter()
            .any(|f| f.amount().is_some() || f.multiplier().is_some() || f.exempt().is_some()),
    }
}

/// Checks what a fact's findings and cases ask of their rule: exemption
/// grounds it accepts, amounts only on a discretionary rule, multipliers
/// it declares.
pub(crate) fn check(rule: &crate::Rule, fact: &Fact) -> Result<(), FactProblem> {
    let ground_ok = |ground: &str| {
        if rule.exemptions.is_empty() || rule.exemptions.iter().any(|g| g == ground) {
            Ok(())
        } else {
            Err(FactProblem::GroundRefused {
                ground: ground.to_owned(),
                accepted: rule.exemptions.clone(),
            })
        }
    };
    if let Fact::Cases(cases) = fact {
        for ground in cases.iter().filter_map(|c| c.exempt.as_deref()) {
            ground_ok(ground)?;
        }
        return Ok(());
    }
    let multipliers: &[crate::Multiplier] = match &rule.penalty {
        Penalty::Escalating { multipliers, .. } => multipliers,
        _ => &[],
    };
    let takes_amount = matches!(rule.penalty, Penalty::Range { .. });
    for finding in findings(fact) {
        if let Some(ground) = finding.exempt() {
            ground_ok(ground)?;
        }
        if finding.amount().is_some() && !takes_amount {
            return Err(FactProblem::AmountNotTaken);
        }
        if let Some(name) = finding.multiplier()
            && !multipliers.iter().any(|m| m.name == name)
        {
            return Err(FactProblem::UnknownMultiplier {
                name: name.to_owned(),
                multipliers: multipliers.iter().map(|m| m.name.clone()).collect(),
            });
        }
    }
    Ok(())
}

/// The deduction of `breaches` breaches ranked by `amounts` (the last
/// repeating): the sum of the first ones plus the rest at the last amount,
/// in constant time whatever the count.
pub(crate) fn escalated(amounts: &[Points], breaches: u64) -> Option<Decimal> {
    let listed = amounts
        .len()
        .min(usize::try_from(breaches).unwrap_or(usize::MAX));
    let head = amounts
        .get(..listed)?
        .iter()
        .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.get()))?;
    let rest = breaches.saturating_sub(listed as u64);
    let last = amounts.last().map_or(Decimal::ZERO, |p| p.get());
    head.checked_add(last.checked_mul(Decimal::from(rest))?)
}

/// The amount of the breach of rank `rank` (from 0).
pub(crate) fn amount_at(amounts: &[Points], rank: usize) -> Decimal {
    amounts
        .get(rank)
        .or(amounts.last())
        .map_or(Decimal::ZERO, |p| p.get())
}

/// Prices `fact` for a rule whose penalty needs more than a count; `None`
/// for the penalties the evaluator prices from the count alone.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site; the item's points and floor are what the shapes price against"
)]
pub(crate) fn price(
    plan: &RulePlan,
    rule: &crate::Rule,
    item_points: Points,
    item_floor: Decimal,
    fact: &Fact,
    tally: Tally,
    scale: u32,
    rounding: Option<Rounding>,
) -> Result<Option<Priced>, PriceError> {
    let counted = |raw: Decimal| Priced {
        raw,
        breaches: tally.breaches,
        rounded: false,
    };
    let valued = |raw: Decimal, rounded: bool| Priced {
        raw,
        breaches: u64::from(raw > Decimal::ZERO),
        rounded,
    };
    let value = || match plan.trigger {
        Trigger::Measured { measure } => measured(measure, fact).map_err(PriceError::Tally),
        // A place (the binder passes it as a count).
        Trigger::Peer { compare, .. } if compare.is_rank() => {
            measured(crate::Measure::Count, fact).map_err(PriceError::Tally)
        }
        _ => Err(PriceError::Tally(TallyError::WrongType)),
    };
    let award = |a: Award| a.deduction(item_points).ok_or(PriceError::Overflow);
    Ok(Some(match &rule.penalty {
        Penalty::Flat { .. } | Penalty::PerOccurrence { .. } | Penalty::Capped { .. } => {
            return Ok(None);
        }
        Penalty::Escalating {
            amounts,
            multipliers,
            ..
        } => {
            let list = findings(fact);
            if list.is_empty() || multipliers.is_empty() {
                counted(escalated(amounts, tally.breaches).ok_or(PriceError::Overflow)?)
            } else {
                let mut raw = Decimal::ZERO;
                for (rank, finding) in list.iter().filter(|f| f.exempt().is_none()).enumerate() {
                    let factor = finding
                        .multiplier()
                        .and_then(|name| multipliers.iter().find(|m| m.name == name))
                        .map_or(Decimal::ONE, |m| m.factor);
                    let one = amount_at(amounts, rank)
                        .checked_mul(factor)
                        .ok_or(PriceError::Overflow)?;
                    raw = raw.checked_add(one).ok_or(PriceError::Overflow)?;
                }
                counted(raw)
            }
        }
        Penalty::Range { min, max, .. } => {
            let list = findings(fact);
            if tally.breaches > 0 && list.is_empty() {
                return Err(FactProblem::MissingAmount.into());
            }
            let mut raw = Decimal::ZERO;
            for finding in list.iter().filter(|f| f.exempt().is_none()) {
                let amount = finding.amount().ok_or(FactProblem::MissingAmount)?;
                if amount < min.get() || amount > max.get() {
                    return Err(FactProblem::AmountOutOfRange {
                        amount,
                        min: *min,
                        max: *max,
                    }
                    .into());
                }
                if amount.normalize().scale() > scale {
                    return Err(FactProblem::AmountTooPrecise {
                        amount,
                        places: scale,
                    }
                    .into());
                }
                raw = raw.checked_add(amount).ok_or(PriceError::Overflow)?;
            }
            counted(raw)
        }
        Penalty::Linear {
            direction,
            target,
            step,
            points,
            partial,
            cap,
            cutoff,
        } => {
            let v = value()?;
            let line = Line {
                direction: *direction,
                target: *target,
                step: *step,
                partial: *partial,
            };
            if line.past(v, *cutoff) {
                // Past the cutoff: the cap, or all the item can lose (down
                // to its floor), and a breach even where that is 0.
                let most = match cap {
                    Some(cap) => cap.get(),
                    None => item_points
                        .get()
                        .checked_sub(item_floor)
                        .ok_or(PriceError::Overflow)?,
                };
                Priced {
                    raw: most,
                    breaches: 1,
                    rounded: false,
                }
            } else {
                let steps = line.steps(v).ok_or(PriceError::Overflow)?;
                let exact = steps
                    .checked_mul(points.get())
                    .ok_or(PriceError::Overflow)?;
                let raw = round_if(*partial == Partial::Exact, exact, rounding);
                valued(raw, raw != exact)
            }
        }
        Penalty::Proportional { target, points } => {
            let v = value()?;
            let ratio = v
                .checked_div(*target)
                .ok_or(PriceError::Overflow)?
                .min(Decimal::ONE)
                .max(Decimal::ZERO);
            let exact = points
                .get()
                .checked_mul(ratio)
                .ok_or(PriceError::Overflow)?;
            let earned = round_if(true, exact, rounding);
            let raw = points
                .get()
                .checked_sub(earned)
                .ok_or(PriceError::Overflow)?;
            valued(raw.max(Decimal::ZERO), earned != exact)
        }
        Penalty::Bands { bands } => {
            let v = value()?;
            let band = band_of(bands, v).ok_or(PriceError::Overflow)?;
            valued(award(band.award().ok_or(PriceError::Overflow)?)?, false)
        }
        Penalty::Interpolate { knots } => {
            let v = value()?;
            let (exact, scored) = interpolate(knots, v).ok_or(PriceError::Overflow)?;
            // The award as the knots give it (a score or a deduction) is
            // what rounds; a score then becomes a deduction.
            let shown = round_if(true, exact, rounding);
            let raw = if scored {
                item_points
                    .get()
                    .checked_sub(shown)
                    .ok_or(PriceError::Overflow)?
                    .max(Decimal::ZERO)
            } else {
                shown
            };
            valued(raw, shown != exact)
        }
        Penalty::Rating { options } => {
            let found = match fact {
                Fact::Rating(name) => options.iter().find(|o| &o.option == name),
                Fact::Measure(d) => options
                    .iter()
                    .find(|o| crate::points::parse_decimal(&o.option).is_ok_and(|x| x == *d)),
                Fact::Count(n) => options.iter().find(|o| {
                    crate::points::parse_decimal(&o.option).is_ok_and(|x| x == Decimal::from(*n))
                }),
                _ => return Err(PriceError::Tally(TallyError::WrongType)),
            };
            let Some(option) = found else {
                let given = match fact {
                    Fact::Rating(name) => name.clone(),
                    Fact::Measure(d) => d.to_string(),
                    Fact::Count(n) => n.to_string(),
                    _ => String::new(),
                };
                return Err(FactProblem::UnknownOption {
                    option: given,
                    options: options.iter().map(|o| o.option.clone()).collect(),
                }
                .into());
            };
            valued(award(option.award().ok_or(PriceError::Overflow)?)?, false)
        }
    }))
}

/// `value` rounded as the rubric declares, where `divides`; the plan
/// makes sure a rubric with a dividing rule declares a rounding.
fn round_if(divides: bool, value: Decimal, rounding: Option<Rounding>) -> Decimal {
    match rounding {
        Some(r) if divides => r.round(value),
        _ => value.normalize(),
    }
}

/// A linear rule's line: target, direction, step, partial steps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub(crate) direction: Direction,
    pub(crate) target: Decimal,
    pub(crate) step: Decimal,
    pub(crate) partial: Partial,
}

impl Line {
    /// How far `value` falls short of the target (0 if it does not).
    pub(crate) fn shortfall(&self, value: Decimal) -> Option<Decimal> {
        let gap = match self.direction {
            Direction::Below => self.target.checked_sub(value)?,
            Direction::Above => value.checked_sub(self.target)?,
        };
        Some(gap.max(Decimal::ZERO))
    }

    /// Whether `value` lies past the cutoff.
    pub(crate) fn past(&self, value: Decimal, cutoff: Option<Decimal>) -> bool {
        match (cutoff, self.direction) {
            (Some(c), Direction::Below) => value < c,
            (Some(c), Direction::Above) => value > c,
            (None, _) => false,
        }
    }

    /// The steps counted for `value`: whole, begun or exact.
    pub(crate) fn steps(&self, value: Decimal) -> Option<Decimal> {
        let exact = self.shortfall(value)?.checked_div(self.step)?;
        Some(match self.partial {
            Partial::Whole => exact.floor(),
            Partial::Started => exact.ceil(),
            Partial::Exact => exact,
        })
    }
}

/// The band holding `value`: the first whose bound it meets, else the last.
pub(crate) fn band_of(bands: &[crate::Band], value: Decimal) -> Option<&crate::Band> {
    bands
        .iter()
        .find(|b| match (b.at_least, b.at_most) {
            (Some(low), _) => value >= low,
            (None, Some(high)) => value <= high,
            (None, None) => true,
        })
        .or(bands.last())
}

/// The award read off the line through `knots` at `value` (flat past the
/// ends), and whether the knots give scores.
pub(crate) fn interpolate(knots: &[crate::Knot], value: Decimal) -> Option<(Decimal, bool)> {
    let amount = |k: &crate::Knot| match k.award()? {
        Award::Deduct(p) => Some((p.get(), false)),
        Award::Score(p) => Some((p.get(), true)),
    };
    let first = knots.first()?;
    let last = knots.last()?;
    if value <= first.value {
        return amount(first);
    }
    if value >= last.value {
        return amount(last);
    }
    let pair = knots
        .windows(2)
        .find(|w| matches!(w, [a, b] if value >= a.value && value <= b.value))?;
    let [a, b] = pair else { return None };
    let (ya, scored) = amount(a)?;
    let (yb, _) = amount(b)?;
    let t = value
        .checked_sub(a.value)?
        .checked_div(b.value.checked_sub(a.value)?)?;
    Some((ya.checked_add(yb.checked_sub(ya)?.checked_mul(t)?)?, scored))
}
