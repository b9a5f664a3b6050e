//! Why an evaluation fails: [`EvalError`] and the data its variants carry.
//! Every stage after validation (binding, counting, pricing) reports
//! through it.

use std::fmt;

use crate::{CalendarError, FactKind, Id};

/// Why an inspection cannot be evaluated against a rubric.
///
/// Exhaustive on purpose (as cedar keeps its evaluation errors): a caller,
/// or a wrapper mapping errors to codes, matches every case, so a new kind
/// of error breaks its build instead of falling silently into a catch-all.
/// While the crate is at 0.x a new variant comes with a minor version and
/// a CHANGELOG entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
        /// The kind of the rule's trigger, whose `Display` says what it
        /// reads ([`Trigger::expects`](crate::Trigger::expects)).
        expected: crate::TriggerKind,
        /// What the inspection gave.
        found: FactKind,
    },
    /// A date rule lacks what it needs: the assessment period for a
    /// cadence, an assessment date for deadline cases not done.
    #[error("rule `{rule}` needs {needs}")]
    MissingContext {
        /// The rule.
        rule: Id,
        /// What it needs.
        needs: Needs,
    },
    /// The working-day calendar cannot answer for a deadline rule, such as
    /// for a year it does not know.
    #[error("rule `{rule}`: {problem}")]
    Calendar {
        /// The rule.
        rule: Id,
        /// What the calendar said (part of this message, so not a
        /// `source` that error reporters would print again).
        problem: CalendarError,
    },
    /// A deadline case is malformed.
    #[error("rule `{rule}`, case {case}: {problem}")]
    InvalidCase {
        /// The rule.
        rule: Id,
        /// The case's position in the list, from 1.
        case: usize,
        /// What is wrong.
        problem: CaseProblem,
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
    /// A fact its rule counts but cannot price: a rating's unknown option,
    /// a discretionary amount missing or out of range, a multiplier the
    /// rule does not declare, an exemption on a ground it does not accept.
    #[error("rule `{rule}`: {problem}")]
    InvalidFact {
        /// The rule.
        rule: Id,
        /// What is wrong.
        problem: crate::FactProblem,
    },
    /// An item or rule marked not applicable that cannot be.
    #[error("`{id}` marked not applicable: {problem}")]
    NotApplicable {
        /// The id marked.
        id: Id,
        /// Why it cannot be.
        problem: NaProblem,
    },
    /// No single version of the rubric applies to the inspection
    /// ([`Versions`](crate::Versions)).
    #[error("rubric `{rubric}`: {problem}")]
    Version {
        /// The rubric.
        rubric: Id,
        /// Why no single version applies.
        problem: crate::VersionProblem,
    },
    /// A raw deduction (amount × breaches) needs more significant digits
    /// than a [`Decimal`](rust_decimal::Decimal) holds (about 28): only a huge count times an
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

/// What a date rule lacks in an evaluation ([`EvalError::MissingContext`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Needs {
    /// A cadence needs the assessment period (`period`).
    Period,
    /// A deadline case not done needs an assessment date (`as_of`, or the
    /// period's end).
    AsOf,
    /// A rule that compares with the assessee's peers, scored outside a
    /// batch, needs the statistic it reads (`peers`: the mean, or the rank).
    Peers,
}

impl fmt::Display for Needs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Needs::Period => "an assessment period (`period`)",
            Needs::AsOf => "an assessment date (`as_of` or `period`) for cases not done",
            Needs::Peers => {
                "its peers' statistic: score it in a batch, or give it in `peers` (`{\"mean\"}` or `{\"rank\", \"of\"}`)"
            }
        })
    }
}

/// What is wrong with a deadline case ([`EvalError::InvalidCase`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CaseProblem {
    /// Both `start` and `due` are given.
    StartAndDue,
    /// Neither `start` nor `due` is given (an empty object, or dates all
    /// `null`).
    NoStartOrDue,
    /// A `start` on a rule that sets no time limit.
    StartWithoutLimit,
}

impl fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CaseProblem::StartAndDue => "give `start` or `due`, not both",
            CaseProblem::NoStartOrDue => "give `start` or `due`",
            CaseProblem::StartWithoutLimit => {
                "has a `start` but the rule sets no time limit; give `due`"
            }
        })
    }
}

/// Why an item or rule cannot be marked not applicable
/// ([`EvalError::NotApplicable`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NaProblem {
    /// The id names no item or rule of the rubric.
    Unknown,
    /// Neither the rubric nor an indicator above the item declares a
    /// `not_applicable` policy.
    NotAllowed,
    /// The rule (or a rule of the item) has a fact too.
    HasFact {
        /// The rule with the fact.
        rule: Id,
    },
    /// A bonus or penalty item: it is outside the total.
    Outside,
}

impl fmt::Display for NaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NaProblem::Unknown => f.write_str("it names no item or rule of the rubric"),
            NaProblem::NotAllowed => {
                f.write_str("the rubric allows none here (neither it nor an indicator above declares a `not_applicable` policy)")
            }
            NaProblem::HasFact { rule } => {
                write!(f, "rule `{rule}` has a fact too; give one or the other")
            }
            NaProblem::Outside => f.write_str(
                "a bonus or penalty item is outside the total; give it no facts instead",
            ),
        }
    }
}
