#![doc = include_str!("../README.md")]

mod calendar;
mod cases;
mod diagnostics;
mod evaluate;
mod id;
mod inspection;
#[cfg(feature = "json")]
pub mod json;
mod points;
mod rubric;
mod rule;
mod scorecard;
pub mod seed;
mod strict;
mod tally;
#[cfg(feature = "testing")]
pub mod testing;

pub use calendar::{Calendar, CalendarError, DayKind, ListedDay, YearSchedule};
pub use cases::{Example, Mismatch};
pub use diagnostics::{Code, Diagnostic};
pub use evaluate::{EvalError, Scorecard};
pub use id::{Id, IdError};
pub use inspection::{Case, Fact, FactKind, Finding, Inspection, Period, PeriodError};
pub use points::{NumberError, Points, PointsError};
pub use rubric::{Children, Indicator, Item, Rubric, RubricError, RubricSpec};
pub use rule::{Every, Measure, Penalty, Rule, Trigger, Within};
pub use scorecard::{IndicatorOutcome, ItemOutcome, LimitedBy, RuleOutcome};

pub use chrono::NaiveDate;
pub use rust_decimal::Decimal;
