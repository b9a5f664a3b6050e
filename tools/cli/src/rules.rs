//! A rule's trigger and penalty in the rubric's own words, for
//! `ducha check --rules`: thresholds as the document writes them (100%,
//! never the ratio `1`).

use ducha::{Decimal, Every, Measure, Penalty, Rule, Trigger, Within};

/// A threshold's minimum as the document writes it: a ratio as a
/// percentage (`1` → `100%`), a percentage with its sign, other measures
/// as numbers.
pub fn threshold(min: Decimal, measure: Measure) -> String {
    match measure {
        Measure::Ratio => match min.checked_mul(Decimal::ONE_HUNDRED) {
            Some(percent) => format!("{}%", percent.normalize()),
            None => min.normalize().to_string(),
        },
        Measure::Percent => format!("{}%", min.normalize()),
        _ => min.normalize().to_string(),
    }
}

/// What makes the rule deduct.
pub fn trigger(rule: &Rule) -> String {
    match &rule.trigger {
        Trigger::Flag => "发现即扣".to_owned(),
        Trigger::Count => format!("按{}计", unit(rule)),
        Trigger::Threshold { min, measure } => format!("低于{}", threshold(*min, *measure)),
        Trigger::Deadline {
            within,
            after,
            action,
        } => {
            let limit = match within {
                Some(Within::WorkingDays(n)) => format!("{n}个工作日内"),
                Some(Within::Days(n)) => format!("{n}日内"),
                Some(_) | None => "规定时间内".to_owned(),
            };
            if after.is_empty() {
                format!("{limit}{action}")
            } else {
                format!("{after}后{limit}{action}")
            }
        }
        Trigger::Cadence {
            every, at_least, ..
        } => {
            let every = match every {
                Every::Month => "每月",
                Every::Quarter => "每季度",
                Every::HalfYear => "每半年",
                Every::Year => "每年",
                _ => "每期",
            };
            if *at_least > 1 {
                format!("{every}至少{at_least}次")
            } else {
                format!("{every}至少一次")
            }
        }
        // Kinds without a short wording here are shown as the rubric's
        // JSON writes them.
        other => compact(other),
    }
}

fn unit(rule: &Rule) -> &str {
    if rule.unit.is_empty() {
        "起"
    } else {
        &rule.unit
    }
}

/// What a breach costs.
pub fn penalty(rule: &Rule) -> String {
    match &rule.penalty {
        Penalty::Flat { points } => format!("扣{points}分"),
        Penalty::PerOccurrence { points } => format!("每{}扣{points}分", unit(rule)),
        Penalty::Capped { points, cap } => {
            format!("每{}扣{points}分，扣完{cap}分为止", unit(rule))
        }
        other => compact(other),
    }
}

/// A value as compact JSON, for the kinds this listing has no wording for.
fn compact(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_as_the_document_writes_them() {
        let cases = [
            (Decimal::ONE, Measure::Ratio, "100%"),
            (Decimal::new(95, 2), Measure::Ratio, "95%"),
            (Decimal::new(9995, 4), Measure::Ratio, "99.95%"),
            (Decimal::new(90, 0), Measure::Percent, "90%"),
            (Decimal::new(5, 0), Measure::Count, "5"),
            (Decimal::new(125, 1), Measure::Amount, "12.5"),
            (Decimal::new(1000, 3), Measure::Ratio, "100%"),
        ];
        for (min, measure, expected) in cases {
            assert_eq!(threshold(min, measure), expected, "{min} as {measure:?}");
        }
    }

    /// Source: the seed's rules 1a, 2b, 6a, 7a, 12a and 13b.
    #[test]
    fn the_seed_rules_in_words() {
        let rubric = ducha::seed::yuxi();
        let cases = [
            ("1a", "每季度至少一次", "每次扣2分"),
            ("2b", "发现即扣", "扣2.5分"),
            ("6a", "按项计", "每项扣1分，扣完5分为止"),
            ("7a", "完成后20个工作日内公示", "每起扣1分，扣完5分为止"),
            ("12a", "低于100%", "扣5分"),
            ("13b", "规定时间内报送", "每次扣1分，扣完5分为止"),
        ];
        for (id, expected_trigger, expected_penalty) in cases {
            let rule = rubric.rule(id).unwrap();
            assert_eq!(trigger(rule), expected_trigger, "trigger of {id}");
            assert_eq!(penalty(rule), expected_penalty, "penalty of {id}");
        }
    }
}
