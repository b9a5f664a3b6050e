//! Rubric versions (试行, revisions by year): the dates a version is in
//! force, and a set of versions of one rubric that picks the one in force
//! for an inspection.

use std::fmt;

use chrono::NaiveDate;

use crate::strict::strict_struct;
use crate::{EvalError, Id, Inspection, Period, Rubric, Scorecard};

strict_struct! {
/// The dates a rubric version is in force: from `from`, to `to` (both
/// included) or with no end.
///
/// In JSON `{"from": "2026-01-01", "to": "2026-12-31"}`; `to` optional.
///
/// ```
/// use ducha::{InForce, NaiveDate};
///
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let v2026 = InForce::from(d("2026-01-01"));
/// assert!(v2026.covers(d("2027-03-01")));
/// assert!(!v2026.covers(d("2025-12-31")));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct InForce as "InForce", "an in_force object {\"from\", \"to\"}" {
    /// The first day in force.
    #[serde(with = "crate::date")]
    pub from: NaiveDate,
    /// The last day in force, if the version has an end.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::date::option")]
    pub to: Option<NaiveDate>,
}
}

impl InForce {
    /// In force from `from`, with no end.
    pub fn from(from: NaiveDate) -> InForce {
        InForce { from, to: None }
    }

    /// In force from `from` to `to`, both included.
    pub fn between(from: NaiveDate, to: NaiveDate) -> InForce {
        InForce { from, to: Some(to) }
    }

    /// Whether the version is in force on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        day >= self.from && self.to.is_none_or(|to| day <= to)
    }

    /// Whether the version is in force on any day of `period`.
    pub fn overlaps(&self, period: Period) -> bool {
        period.to() >= self.from && self.to.is_none_or(|to| period.from() <= to)
    }
}

impl fmt::Display for InForce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{} to {to}", self.from),
            None => write!(f, "from {}", self.from),
        }
    }
}

/// Why a set of [`Versions`] could not take a rubric.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionsError {
    /// The rubric has another id than the versions held.
    #[error("rubric `{found}` is not a version of `{expected}`")]
    OtherRubric {
        /// The id of the versions held.
        expected: Id,
        /// The rubric's id.
        found: Id,
    },
    /// A rubric of several versions says when it is in force.
    #[error(
        "version `{version}` of `{rubric}` has no `in_force` dates: each of several versions needs them"
    )]
    NoDates {
        /// The rubric.
        rubric: Id,
        /// The version.
        version: String,
    },
    /// Two versions have the same name.
    #[error("version `{version}` of `{rubric}` is given twice")]
    Duplicate {
        /// The rubric.
        rubric: Id,
        /// The version.
        version: String,
    },
    /// A version ends before it starts.
    #[error("version `{version}` of `{rubric}` ends {to} before it starts {from}")]
    Backwards {
        /// The rubric.
        rubric: Id,
        /// The version.
        version: String,
        /// Its first day.
        from: NaiveDate,
        /// Its last day.
        to: NaiveDate,
    },
}

/// Why no single version applies to an inspection
/// ([`EvalError::Version`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VersionProblem {
    /// The inspection gives neither a period nor an assessment date to pick
    /// a version by.
    NoDate,
    /// No version is in force then.
    NoneInForce,
    /// Several versions are in force in the period (it spans a revision).
    Several {
        /// Their names, in the order they were added.
        versions: Vec<String>,
    },
}

impl fmt::Display for VersionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionProblem::NoDate => f.write_str(
                "the rubric has several versions: give a `period` or an `as_of` date to pick one by",
            ),
            VersionProblem::NoneInForce => f.write_str("no version of the rubric is in force then"),
            VersionProblem::Several { versions } => {
                let names: Vec<String> = versions.iter().map(|v| format!("`{v}`")).collect();
                write!(
                    f,
                    "versions {} are all in force then: score each part of the period apart",
                    names.join(", ")
                )
            }
        }
    }
}

/// Several versions of one rubric, each with the dates it is in force; an
/// inspection is scored against the one in force for its period (or, with
/// no period, on its `as_of` date).
///
/// ```
/// use ducha::{InForce, Inspection, NaiveDate, Period, Versions};
///
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let mut spec = ducha::seed::yuxi().spec().clone();
/// spec.version = "2025版".into();
/// spec.in_force = Some(InForce::between(d("2025-01-01"), d("2025-12-31")));
/// let mut versions = Versions::new(ducha::Rubric::new(spec.clone())?)?;
/// spec.version = "2026版".into();
/// spec.in_force = Some(InForce::from(d("2026-01-01")));
/// versions.add(ducha::Rubric::new(spec)?)?;
///
/// let mut inspection = Inspection::new().with("2b", true)?;
/// inspection.period = Some(Period::new(d("2026-01-01"), d("2026-12-31"))?);
/// let card = versions.evaluate(&inspection)?;
/// assert_eq!(card.rubric().spec().version, "2026版");
/// assert_eq!(card.score().to_string(), "97.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Versions {
    first: Rubric,
    rest: Vec<Rubric>,
}

impl Versions {
    /// A set holding one version.
    ///
    /// # Errors
    ///
    /// [`VersionsError::Backwards`] if its `in_force` ends before it starts.
    pub fn new(rubric: Rubric) -> Result<Versions, VersionsError> {
        check_dates(&rubric)?;
        Ok(Versions {
            first: rubric,
            rest: Vec::new(),
        })
    }

    /// Adds a version.
    ///
    /// # Errors
    ///
    /// [`VersionsError`] if it has another id, a version name already
    /// held, or (like every version once there are several) no `in_force`
    /// dates, or dates that end before they start.
    pub fn add(&mut self, rubric: Rubric) -> Result<(), VersionsError> {
        let first = &self.first;
        if rubric.id() != first.id() {
            return Err(VersionsError::OtherRubric {
                expected: first.id().clone(),
                found: rubric.id().clone(),
            });
        }
        check_dates(&rubric)?;
        for held in self.iter().chain(std::iter::once(&rubric)) {
            if held.spec().in_force.is_none() {
                return Err(VersionsError::NoDates {
                    rubric: held.id().clone(),
                    version: held.spec().version.clone(),
                });
            }
        }
        if self
            .iter()
            .any(|r| r.spec().version == rubric.spec().version)
        {
            return Err(VersionsError::Duplicate {
                rubric: rubric.id().clone(),
                version: rubric.spec().version.clone(),
            });
        }
        self.rest.push(rubric);
        Ok(())
    }

    /// The versions, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &Rubric> {
        std::iter::once(&self.first).chain(&self.rest)
    }

    /// The versions, to change each (add a calendar year to all).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Rubric> {
        std::iter::once(&mut self.first).chain(&mut self.rest)
    }

    /// The first version added.
    pub fn first(&self) -> &Rubric {
        &self.first
    }

    /// How many versions there are.
    pub fn len(&self) -> usize {
        1 + self.rest.len()
    }

    /// Always `false`: a set holds at least one version.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The version in force for an inspection with this period and
    /// assessment date: the one version whose dates overlap the period, or
    /// (with no period) cover `as_of`. A single version without `in_force`
    /// dates is always in force.
    ///
    /// # Errors
    ///
    /// [`EvalError::Version`] when there are several versions and no date
    /// to pick by, when none is in force, or when several are.
    pub fn pick(
        &self,
        period: Option<Period>,
        as_of: Option<NaiveDate>,
    ) -> Result<&Rubric, EvalError> {
        let fail = |problem| EvalError::Version {
            rubric: self.first.id().clone(),
            problem,
        };
        if self.rest.is_empty() && self.first.spec().in_force.is_none() {
            return Ok(&self.first);
        }
        let applies = |r: &&Rubric| match (r.spec().in_force, period, as_of) {
            (None, ..) => true,
            (Some(f), Some(p), _) => f.overlaps(p),
            (Some(f), None, Some(day)) => f.covers(day),
            (Some(_), None, None) => false,
        };
        if period.is_none() && as_of.is_none() && !self.rest.is_empty() {
            return Err(fail(VersionProblem::NoDate));
        }
        let found: Vec<&Rubric> = self.iter().filter(applies).collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] if period.is_none() && as_of.is_none() => Err(fail(VersionProblem::NoDate)),
            [] => Err(fail(VersionProblem::NoneInForce)),
            several => Err(fail(VersionProblem::Several {
                versions: several.iter().map(|r| r.spec().version.clone()).collect(),
            })),
        }
    }

    /// Scores `inspection` against the version in force for it.
    ///
    /// # Errors
    ///
    /// [`EvalError::Version`] as [`Versions::pick`], and the errors of
    /// [`Rubric::evaluate`].
    pub fn evaluate<'a>(&'a self, inspection: &'a Inspection) -> Result<Scorecard<'a>, EvalError> {
        self.pick(inspection.period, inspection.as_of)?
            .evaluate(inspection)
    }
}

impl From<Rubric> for Versions {
    /// A set of one version: a rubric's `in_force` dates were checked when
    /// it was made.
    fn from(rubric: Rubric) -> Versions {
        Versions {
            first: rubric,
            rest: Vec::new(),
        }
    }
}

fn check_dates(rubric: &Rubric) -> Result<(), VersionsError> {
    if let Some(InForce { from, to: Some(to) }) = rubric.spec().in_force
        && to < from
    {
        return Err(VersionsError::Backwards {
            rubric: rubric.id().clone(),
            version: rubric.spec().version.clone(),
            from,
            to,
        });
    }
    Ok(())
}
