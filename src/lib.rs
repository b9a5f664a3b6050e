#![doc = include_str!("../README.md")]
// On docs.rs (`--cfg docsrs`, nightly rustdoc), each item behind a feature
// shows the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The pipeline, stage by stage:
// definition (`rubric`, `rule`, `id`, `points`, `inspection`, `calendar`,
// `date`) → validation and plan (`plan`) → binding facts (`bind`) →
// counting breaches (`tally`) → pricing and bounds (`evaluate`, failing
// with `error`; `price` for the shapes priced from a value, a rating
// or the inspector's amounts, their tables in `shape`) → the
// scorecard (`scorecard`) → reasons (`reason`) → the report and JSON
// (`report`, `json`). `text` writes numbers and dates; `strict` reads
// objects strictly; `diagnostics` and `example` check rubrics.
pub mod batch;
mod bind;
mod calendar;
mod date;
mod diagnostics;
mod error;
mod evaluate;
mod example;
mod id;
mod inspection;
#[cfg(feature = "json")]
pub mod json;
mod peer;
mod plan;
mod points;
mod price;
mod reason;
pub mod render;
mod report;
mod rubric;
mod rule;
mod scorecard;
pub mod seed;
mod shape;
mod strict;
mod tally;
#[cfg(feature = "testing")]
pub mod testing;
mod text;
mod versions;

pub use bind::Facts;
pub use calendar::{Calendar, CalendarError, DayKind, ListedDay, YearSchedule};
pub use diagnostics::{Code, Diagnostic};
pub use error::{CaseProblem, EvalError, NaProblem, Needs};
pub use example::{Example, Mismatch};
pub use id::{Id, IdError};
pub use inspection::{Case, Fact, FactKind, Finding, Inspection, Period, PeriodError};
pub use peer::Peer;
pub use plan::{Rubric, RubricError};
pub use points::{NumberError, Points, PointsError};
pub use price::FactProblem;
pub use report::{
    BonusItemReport, BonusReport, IndicatorReport, ItemReport, Limit, PenaltiesReport, Report,
    Rescaled, RuleReport, VetoReport,
};
pub use rubric::{Children, Indicator, Item, RubricSpec};
pub use rule::{Every, Measure, PeerCompare, Penalty, Rule, Trigger, TriggerKind, Within};
pub use scorecard::{
    IndicatorOutcome, ItemOutcome, LimitedBy, RuleOutcome, Scorecard, VetoOutcome,
};
pub use shape::{
    Award, Band, Bonus, Direction, Exclusive, Gate, Grade, Keep, Knot, Multiplier, NaPolicy,
    Partial, Penalties, RatingOption, Rounding, RoundingMode, ShapeProblem, Shortfall, Veto,
    VetoScope,
};
pub use versions::{InForce, VersionProblem, Versions, VersionsError};

#[doc(no_inline)]
pub use chrono::NaiveDate;
#[doc(no_inline)]
pub use rust_decimal::Decimal;
