#![doc = include_str!("../README.md")]

mod calendar;
mod evaluate;
mod id;
mod inspection;
mod points;
mod rubric;
mod rule;
mod scorecard;
pub mod seed;

pub use calendar::{Calendar, CalendarError, DayKind, ListedDay, YearSchedule};
pub use evaluate::{EvalError, Scorecard};
pub use id::{Id, IdError};
pub use inspection::{Fact, FactKind, Finding, Inspection, Period, PeriodError};
pub use points::{NumberError, Points, PointsError};
pub use rubric::{Children, Indicator, Item, Rubric, RubricError, RubricSpec};
pub use rule::{Penalty, Rule, Trigger};
pub use scorecard::{IndicatorOutcome, ItemOutcome, LimitedBy, RuleOutcome};

pub use chrono::NaiveDate;
pub use rust_decimal::Decimal;
