//! Example cases carried with a rubric: facts and the expected outcome,
//! checked in one call.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::strict::strict_struct;
use crate::{Id, Inspection, Points, Rubric};

strict_struct! {
/// A worked example that travels with a rubric: an inspection and what it
/// must score, in all and per rule. Authors write them from the document
/// ("3 cases published late: −3"), and [`Rubric::check_examples`] reports
/// every disagreement.
///
/// In JSON, a rubric's `examples`:
/// `[{"name": "…", "inspection": {…}, "score": "97", "deductions": {"7a": "3"}}]`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Example as "Example", "an example object" {
    /// What the example shows.
    pub name: String,
    /// The facts.
    pub inspection: Inspection,
    /// The expected total score, if the example states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Points>,
    /// Expected deductions (the rule's share, [`crate::RuleOutcome::deducted`])
    /// by rule id; rules not listed are not checked.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deductions: BTreeMap<Id, Points>,
}
}

impl Example {
    /// An example named `name` with these facts, expecting nothing yet.
    pub fn new(name: impl Into<String>, inspection: Inspection) -> Example {
        Example {
            name: name.into(),
            inspection,
            score: None,
            deductions: BTreeMap::new(),
        }
    }

    /// The same example expecting this total score.
    #[must_use]
    pub fn with_score(mut self, score: Points) -> Example {
        self.score = Some(score);
        self
    }

    /// The same example expecting rule `rule` to deduct `points`.
    #[must_use]
    pub fn with_deduction(mut self, rule: Id, points: Points) -> Example {
        self.deductions.insert(rule, points);
        self
    }
}

/// One way an example disagrees with the rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The example's name.
    pub example: String,
    /// The rule concerned; `None` for the total or the whole evaluation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Id>,
    /// What the example expects.
    pub expected: String,
    /// What the evaluation gave (or its error).
    pub got: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "example `{}`: ", self.example)?;
        match &self.rule {
            Some(rule) => write!(f, "rule `{rule}` deducted")?,
            None => f.write_str("score")?,
        }
        write!(f, ": expected {}, got {}", self.expected, self.got)
    }
}

impl Rubric {
    /// The rubric's example cases.
    pub fn examples(&self) -> &[Example] {
        &self.spec().examples
    }

    /// Runs every example case and lists every disagreement: a total score
    /// or a rule's deduction other than expected, a rule id the rubric does
    /// not have (got `no such rule`), or an evaluation error (got the
    /// error). Empty when all agree.
    ///
    /// ```
    /// let rubric = ducha::seed::yuxi();
    /// assert!(rubric.examples().len() >= 3);
    /// assert_eq!(rubric.check_examples(), []);
    /// ```
    pub fn check_examples(&self) -> Vec<Mismatch> {
        let mut out = Vec::new();
        for example in self.examples() {
            let mismatch = |rule: Option<&Id>, expected: String, got: String| Mismatch {
                example: example.name.clone(),
                rule: rule.cloned(),
                expected,
                got,
            };
            let card = match self.evaluate(&example.inspection) {
                Ok(card) => card,
                Err(e) => {
                    let expected = example
                        .score
                        .map_or_else(|| "an evaluation".to_owned(), |s| s.to_string());
                    out.push(mismatch(None, expected, format!("error: {e}")));
                    continue;
                }
            };
            if let Some(score) = example.score
                && card.score() != score.get()
            {
                out.push(mismatch(None, score.to_string(), card.score().to_string()));
            }
            for (rule, expected) in &example.deductions {
                match card.rule(rule.as_str()) {
                    None => out.push(mismatch(
                        Some(rule),
                        expected.to_string(),
                        "no such rule".to_owned(),
                    )),
                    Some(outcome) if outcome.deducted() != expected.get() => out.push(mismatch(
                        Some(rule),
                        expected.to_string(),
                        outcome.deducted().normalize().to_string(),
                    )),
                    Some(_) => {}
                }
            }
        }
        out
    }
}
