//! The batch of the JSON surface: many assessees' inspections in one
//! document, scored, ranked and summarised (see [`super::Engine::evaluate_batch`]).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::read::{self, Raw};
use super::{ErrorCode, JsonError, MAX_BATCH_BYTES, read_error, read_facts};
use crate::batch::{Batch, Entry, Incomplete, Summary, amount};
use crate::{Rubric, Scorecard};

/// `{"assessees": [{"id", "name"?, "inspection"}, …], "rank_incomplete"?}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchIn<'a> {
    #[serde(borrow)]
    assessees: Vec<AssesseeIn<'a>>,
    #[serde(default)]
    rank_incomplete: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssesseeIn<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default)]
    name: Option<String>,
    #[serde(borrow)]
    inspection: Raw<'a>,
}

/// Scores the batch document `input` against `engine`'s rubric: with
/// several versions, the one the first inspection that picks one picks;
/// an inspection in force under another version is its entry's error.
pub(super) fn evaluate_batch(engine: &super::Engine, input: &str) -> Result<String, JsonError> {
    if input.len() > MAX_BATCH_BYTES {
        return Err(JsonError::new(
            ErrorCode::Limit,
            format!(
                "batch of {} bytes is larger than {MAX_BATCH_BYTES} bytes",
                input.len()
            ),
        ));
    }
    let batch: BatchIn<'_> = read::from_str(input).map_err(read_error)?;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, assessee) in batch.assessees.iter().enumerate() {
        if assessee.id.is_empty() {
            return Err(invalid(index, "id", "an assessee's id may not be empty"));
        }
        if let Some(first) = seen.insert(&assessee.id, index) {
            return Err(invalid(
                index,
                "id",
                &format!(
                    "assessee `{}` is also assessees[{first}]: ids must be unique",
                    assessee.id
                ),
            ));
        }
    }
    let picks: Vec<Result<&Rubric, JsonError>> = batch
        .assessees
        .iter()
        .enumerate()
        .map(|(index, a)| engine.pick(a.inspection.0).map_err(|e| within(e, index)))
        .collect();
    let rubric: &Rubric = picks
        .iter()
        .find_map(|p| p.as_ref().ok().copied())
        .unwrap_or_else(|| engine.rubric());
    let facts: Vec<_> = batch
        .assessees
        .iter()
        .zip(&picks)
        .enumerate()
        .map(|(index, (a, pick))| match pick {
            Ok(picked) if std::ptr::eq(*picked, rubric) => {
                read_facts(rubric, a.inspection.0).map_err(|e| within(e, index))
            }
            Ok(picked) => Err(JsonError {
                code: ErrorCode::Version,
                message: format!(
                    "the inspection is in force under version `{}`, the batch under `{}`: score each version's inspections in a batch of their own",
                    picked.spec().version,
                    rubric.spec().version
                ),
                path: Some(format!("assessees[{index}].inspection")),
                id: Some(rubric.id().to_string()),
            }),
            Err(e) => Err(e.clone()),
        })
        .collect();
    // The peers' statistics, over the inspections that could be read.
    let rules = rubric.peer_rules();
    let stats = if rules.is_empty() {
        Vec::new()
    } else {
        let values: Vec<Vec<Option<&crate::Fact>>> = facts
            .iter()
            .map(|f| {
                rules
                    .iter()
                    .map(|&(index, ..)| {
                        f.as_ref()
                            .ok()
                            .and_then(|f| f.slots.get(index as usize))
                            .and_then(Option::as_ref)
                    })
                    .collect()
            })
            .collect();
        crate::peer::batch_stats(&rules, &values)
    };
    let entries = batch
        .assessees
        .iter()
        .zip(&facts)
        .enumerate()
        .map(|(i, (a, facts))| Entry {
            id: &a.id,
            name: a.name.as_deref().unwrap_or(&a.id),
            result: match facts {
                Ok(facts) => facts
                    .evaluate_with(Some(stats.get(i).map_or(&[][..], Vec::as_slice)))
                    .map_err(JsonError::from),
                Err(e) => Err(e.clone()),
            },
        })
        .collect();
    let batch_out = Batch::new(rubric, entries);
    let incomplete = if batch.rank_incomplete {
        Incomplete::Rank
    } else {
        Incomplete::Apart
    };
    Ok(write(&batch_out, incomplete))
}

fn invalid(index: usize, field: &str, message: &str) -> JsonError {
    JsonError {
        code: ErrorCode::Invalid,
        message: message.to_owned(),
        path: Some(format!("assessees[{index}].{field}")),
        id: None,
    }
}

/// `e`, from the inspection of assessee `index`, with its path from the
/// batch document's root.
fn within(mut e: JsonError, index: usize) -> JsonError {
    let root = format!("assessees[{index}].inspection");
    e.path = Some(match e.path.take() {
        Some(path) if path.starts_with('[') => format!("{root}{path}"),
        Some(path) => format!("{root}.{path}"),
        None => root,
    });
    e
}

/// The batch report after its entries (which are written apart, each
/// scorecard by the JSON surface's own writer).
#[derive(Serialize)]
struct BatchTail<'b> {
    ranking: Vec<RankedOut<'b>>,
    incomplete: Vec<IncompleteOut<'b>>,
    failed: Vec<FailedOut<'b>>,
    summary: &'b Summary,
}

#[derive(Serialize)]
struct RankedOut<'b> {
    rank: usize,
    id: &'b str,
    name: &'b str,
    score: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<&'b str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    tied: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    incomplete: bool,
}

#[derive(Serialize)]
struct IncompleteOut<'b> {
    id: &'b str,
    name: &'b str,
    score: String,
    unassessed: usize,
}

#[derive(Serialize)]
struct FailedOut<'b> {
    id: &'b str,
    name: &'b str,
    code: ErrorCode,
}

fn unassessed(card: &Scorecard<'_>) -> usize {
    card.rules()
        .filter(|r| !r.assessed() && r.applicable())
        .count()
}

/// The batch as JSON.
fn write(batch: &Batch<'_, JsonError>, incomplete: Incomplete) -> String {
    let entries = batch.entries();
    let ranking = batch.ranking_with(incomplete);
    let summary: Summary = batch.summary();
    let mut out = String::with_capacity(entries.len().saturating_mul(4096));
    out.push_str(r#"{"rubric":"#);
    out.push_str(&super::to_json(&batch.rubric().spec().id.as_str()));
    out.push_str(r#","entries":["#);
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"id":"#);
        out.push_str(&super::to_json(&e.id));
        out.push_str(r#","name":"#);
        out.push_str(&super::to_json(&e.name));
        match &e.result {
            Ok(card) => {
                out.push_str(r#","scorecard":"#);
                out.push_str(&card.to_json());
            }
            Err(error) => {
                out.push_str(r#","error":"#);
                out.push_str(&super::to_json(error));
            }
        }
        out.push('}');
    }
    out.push_str("],");
    let tail = BatchTail {
        ranking: ranking
            .ranked
            .iter()
            .filter_map(|r| {
                let e = entries.get(r.entry)?;
                let card = e.result.as_ref().ok()?;
                Some(RankedOut {
                    rank: r.rank,
                    id: e.id,
                    name: e.name,
                    score: amount(r.score),
                    grade: card.grade(),
                    tied: r.tied,
                    incomplete: !card.is_complete(),
                })
            })
            .collect(),
        incomplete: ranking
            .incomplete
            .iter()
            .filter_map(|&i| {
                let e = entries.get(i)?;
                let card = e.result.as_ref().ok()?;
                Some(IncompleteOut {
                    id: e.id,
                    name: e.name,
                    score: amount(card.score()),
                    unassessed: unassessed(card),
                })
            })
            .collect(),
        failed: ranking
            .failed
            .iter()
            .filter_map(|&i| {
                let e = entries.get(i)?;
                let error = e.result.as_ref().err()?;
                Some(FailedOut {
                    id: e.id,
                    name: e.name,
                    code: error.code,
                })
            })
            .collect(),
        summary: &summary,
    };
    // `{"ranking":…}` without its opening brace continues the object.
    let tail = super::to_json(&tail);
    out.push_str(tail.strip_prefix('{').unwrap_or(&tail));
    out
}
