//! Rubric checks: warnings that do not stop evaluation but that an author
//! wants to see before a rubric goes live.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::{Children, Id, Indicator, Item, Penalty, Rubric};

/// A warning about a rubric: a stable code, the id it concerns and a
/// message.
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let codes: Vec<&str> = rubric.diagnostics().iter().map(|d| d.code.as_str()).collect();
/// // The seed prints "11" twice, has no "10", lets item 12 deduct 15 of its
/// // 10 points, and bounds 1a only by its item.
/// assert_eq!(codes, ["unbounded-rule", "serial-gap", "duplicate-serial", "exceeds-points"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of problem it is.
    pub code: Code,
    /// The node or rule it concerns.
    pub id: Id,
    /// What is wrong, in words.
    pub message: String,
}

/// The kind of a [`Diagnostic`]. Each has a stable name ([`Code::as_str`])
/// that tools may match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// `duplicate-serial`: two sibling items print the same serial label.
    DuplicateSerial,
    /// `serial-gap`: numeric serials of sibling items skip a number.
    SerialGap,
    /// `exceeds-points`: an item's rules can deduct more than its points, so
    /// part of a later rule can never count.
    ExceedsPoints,
    /// `cap-below-amount`: a rule's cap is less than one breach costs.
    CapBelowAmount,
    /// `unbounded-rule`: a per-occurrence rule with no cap of its own, bounded
    /// only by its item's points.
    UnboundedRule,
    /// `points-mismatch`: the points of a node's children (the weights of
    /// weighted ones) do not add up to the node's.
    PointsMismatch,
    /// `empty-text`: a title, name, serial, requirement, label or clause is
    /// empty.
    EmptyText,
    /// `unreachable-band`: a band of a bands table that no value in the
    /// rule's measure can reach.
    UnreachableBand,
    /// `unused-exemptions`: a rule accepts exemption grounds but reads
    /// facts that cannot be exempt (a measured value, a rating, dates).
    UnusedExemptions,
    /// `unreachable-bonus`: a bonus section that can add nothing (a cap of
    /// 0, or items of no points), or whose gate no base score opens (at or
    /// above the total).
    UnreachableBonus,
    /// `unreachable-grade`: a grade no final score reaches (its bound above
    /// the total plus the bonus cap), or one hidden behind a grade before
    /// it.
    UnreachableGrade,
    /// `na-without-policy`: an item's texts speak of it not applying
    /// (合理缺项, 缺项, 不适用, 不涉及), but neither the rubric nor an indicator
    /// above it declares a `not_applicable` policy, so no inspection can
    /// mark it.
    NaWithoutPolicy,
}

impl Code {
    /// The stable name: `duplicate-serial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::DuplicateSerial => "duplicate-serial",
            Code::SerialGap => "serial-gap",
            Code::ExceedsPoints => "exceeds-points",
            Code::CapBelowAmount => "cap-below-amount",
            Code::UnboundedRule => "unbounded-rule",
            Code::PointsMismatch => "points-mismatch",
            Code::EmptyText => "empty-text",
            Code::UnreachableBand => "unreachable-band",
            Code::UnusedExemptions => "unused-exemptions",
            Code::UnreachableBonus => "unreachable-bonus",
            Code::UnreachableGrade => "unreachable-grade",
            Code::NaWithoutPolicy => "na-without-policy",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`: {}", self.code, self.id, self.message)
    }
}

impl Rubric {
    /// Checks the rubric for what is valid but probably not meant: repeated
    /// or skipped serials, rules that can deduct more than their item's
    /// points, caps below one breach, uncapped per-occurrence rules, children
    /// whose points do not add up, empty texts.
    ///
    /// Diagnostics come in document order, and for one node in the order of
    /// the codes above.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let spec = self.spec();
        if spec.title.trim().is_empty() {
            out.push(empty(&spec.id, "the rubric's title"));
        }
        let sum: Decimal = spec.indicators.iter().map(|i| i.counts_for().get()).sum();
        if !spec.indicators.is_empty() && sum != spec.total.get() {
            // Rubric::new refuses this; kept for completeness of the walk.
            let weighted = spec.indicators.iter().any(|i| i.weight.is_some());
            out.push(mismatch(&spec.id, spec.total.get(), sum, weighted));
        }
        for indicator in &spec.indicators {
            check_indicator(
                indicator,
                &spec.exclusive,
                spec.not_applicable.is_some(),
                &mut out,
            );
        }
        let total = spec.total.get();
        let mut most = total;
        if let Some(bonus) = &spec.bonus {
            for item in &bonus.items {
                check_item(item, &spec.exclusive, &mut out);
            }
            let items: Decimal = bonus.items.iter().map(|i| i.points.get()).sum();
            if bonus.cap.is_zero() || items.is_zero() {
                out.push(Diagnostic {
                    code: Code::UnreachableBonus,
                    id: bonus.id.clone(),
                    message: "it can add nothing: its cap or its items' points are 0".to_owned(),
                });
            }
            let closed = match bonus.gate.map(|g| (g.above, g.at_least)) {
                Some((Some(above), _)) => above >= total,
                Some((None, Some(at_least))) => at_least > total,
                _ => false,
            };
            if closed {
                out.push(Diagnostic {
                    code: Code::UnreachableBonus,
                    id: bonus.id.clone(),
                    message: format!(
                        "no base score opens its gate: the base is at most the total, {}",
                        total.normalize()
                    ),
                });
            }
            most += bonus.cap.get().min(items);
        }
        if let Some(penalties) = &spec.penalties {
            for item in &penalties.items {
                check_item(item, &spec.exclusive, &mut out);
            }
        }
        // A grade is reached by some final score up to the most a card can
        // score; a lower bound above that never is.
        for grade in &spec.grades {
            if grade.at_least.is_some_and(|b| b > most) {
                out.push(Diagnostic {
                    code: Code::UnreachableGrade,
                    id: spec.id.clone(),
                    message: format!(
                        "grade `{}` needs at least {}, more than a card can score ({})",
                        grade.label,
                        grade.at_least.unwrap_or_default().normalize(),
                        most.normalize()
                    ),
                });
            }
        }
        out
    }
}

fn empty(id: &Id, what: &str) -> Diagnostic {
    Diagnostic {
        code: Code::EmptyText,
        id: id.clone(),
        message: format!("{what} is empty"),
    }
}

fn mismatch(id: &Id, points: Decimal, children: Decimal, weighted: bool) -> Diagnostic {
    Diagnostic {
        code: Code::PointsMismatch,
        id: id.clone(),
        message: format!(
            "its children's {} add up to {}, not its {}",
            if weighted {
                "weights (points where unweighted)"
            } else {
                "points"
            },
            children.normalize(),
            points.normalize()
        ),
    }
}

/// Words by which a rubric says an item may not apply.
const NA_WORDS: [&str; 4] = ["缺项", "不适用", "不涉及", "无此项"];

/// Whether `item`'s texts speak of it not applying.
fn speaks_of_na(item: &crate::Item) -> bool {
    let texts = [item.requirement.as_str(), item.standard.as_str()]
        .into_iter()
        .chain(
            item.rules
                .iter()
                .flat_map(|r| [r.label.as_str(), r.text.as_str()]),
        );
    texts
        .into_iter()
        .any(|t| NA_WORDS.iter().any(|w| t.contains(w)))
}

fn check_indicator(
    indicator: &Indicator,
    groups: &[crate::Exclusive],
    na: bool,
    out: &mut Vec<Diagnostic>,
) {
    let na = na || indicator.not_applicable.is_some();
    if indicator.name.trim().is_empty() {
        out.push(empty(&indicator.id, "the indicator's name"));
    }
    let (children_points, is_empty): (Decimal, bool) = match &indicator.children {
        Children::Indicators(c) => (c.iter().map(|i| i.counts_for().get()).sum(), c.is_empty()),
        Children::Items(c) => (c.iter().map(|i| i.points.get()).sum(), c.is_empty()),
    };
    if !is_empty && children_points != indicator.points.get() {
        let weighted = match &indicator.children {
            Children::Indicators(c) => c.iter().any(|i| i.weight.is_some()),
            Children::Items(_) => false,
        };
        out.push(mismatch(
            &indicator.id,
            indicator.points.get(),
            children_points,
            weighted,
        ));
    }
    match &indicator.children {
        Children::Indicators(children) => {
            for child in children {
                check_indicator(child, groups, na, out);
            }
        }
        Children::Items(items) => {
            let mut seen: BTreeMap<&str, &Id> = BTreeMap::new();
            let mut previous: Option<(u64, &Id)> = None;
            for item in items {
                check_item(item, groups, out);
                if let Some(first) = seen.get(item.serial.as_str()) {
                    out.push(Diagnostic {
                        code: Code::DuplicateSerial,
                        id: item.id.clone(),
                        message: format!(
                            "serial `{}` is also printed by item `{first}`",
                            item.serial
                        ),
                    });
                } else if !item.serial.is_empty() {
                    seen.insert(&item.serial, &item.id);
                }
                if let Ok(n) = item.serial.trim().parse::<u64>() {
                    if let Some((p, prev_id)) = previous
                        && n > p.saturating_add(1)
                    {
                        out.push(Diagnostic {
                            code: Code::SerialGap,
                            id: item.id.clone(),
                            message: format!(
                                "serial `{n}` follows `{p}` (item `{prev_id}`): {} skipped",
                                skipped(p, n)
                            ),
                        });
                    }
                    previous = Some((n, &item.id));
                }
                if !na && speaks_of_na(item) {
                    out.push(Diagnostic {
                        code: Code::NaWithoutPolicy,
                        id: item.id.clone(),
                        message: "its texts speak of it not applying (缺项, 不适用, 不涉及), but neither the rubric nor an indicator above declares a `not_applicable` policy: no inspection can mark it".to_owned(),
                    });
                }
            }
        }
    }
}

/// The numbers strictly between `p` and `n`, for messages: `10`, `10–12`.
fn skipped(p: u64, n: u64) -> String {
    let first = p.saturating_add(1);
    let last = n.saturating_sub(1);
    if first == last {
        format!("`{first}`")
    } else {
        format!("`{first}`–`{last}`")
    }
}

/// The most a rule can deduct, if its penalty bounds it.
fn most_deducted(rule: &crate::Rule, item: crate::Points) -> Option<Decimal> {
    let awards = |awards: &mut dyn Iterator<Item = Option<crate::Award>>| {
        awards
            .map(|a| a.and_then(|a| a.deduction(item)))
            .try_fold(Decimal::ZERO, |m, d| Some(m.max(d?)))
    };
    match &rule.penalty {
        Penalty::Flat { points } => Some(points.get()),
        Penalty::Capped { points, .. } if points.is_zero() => Some(Decimal::ZERO),
        Penalty::Capped { cap, .. } => Some(cap.get()),
        Penalty::PerOccurrence { points } if points.is_zero() => Some(Decimal::ZERO),
        Penalty::PerOccurrence { .. } => None,
        Penalty::Escalating { cap, .. } | Penalty::Linear { cap, .. } => cap.map(|c| c.get()),
        Penalty::Range { max, cap, .. } => match (cap, &rule.trigger) {
            (Some(c), _) => Some(c.get()),
            (None, crate::Trigger::Flag) => Some(max.get()),
            (None, _) => None,
        },
        Penalty::Proportional { points, .. } => Some(points.get()),
        Penalty::Bands { bands } => awards(&mut bands.iter().map(crate::Band::award)),
        Penalty::Interpolate { knots } => awards(&mut knots.iter().map(crate::Knot::award)),
        Penalty::Rating { options } => awards(&mut options.iter().map(crate::RatingOption::award)),
    }
}

/// Hazards of a rule's shape: bands no value reaches, exemptions a rule
/// can never apply.
fn check_shape(rule: &crate::Rule, out: &mut Vec<Diagnostic>) {
    use crate::{Measure, Trigger};
    if let (Penalty::Bands { bands }, Trigger::Measured { measure }) =
        (&rule.penalty, &rule.trigger)
    {
        // The domain's ends, where it has them.
        let (low, high) = match measure {
            Measure::Ratio => (Some(Decimal::ZERO), Some(Decimal::ONE)),
            Measure::Percent => (Some(Decimal::ZERO), Some(Decimal::ONE_HUNDRED)),
            Measure::Count => (Some(Decimal::ZERO), None),
            Measure::Amount => (None, None),
        };
        let last_bound = bands.iter().rev().find_map(|b| b.at_least.or(b.at_most));
        let last_lower = bands.iter().rev().find_map(|b| b.at_least).is_some();
        let unreachable = match last_bound {
            Some(b) if last_lower => low.is_some_and(|l| b <= l),
            Some(b) => high.is_some_and(|h| b >= h),
            None => false,
        };
        if unreachable {
            out.push(Diagnostic {
                code: Code::UnreachableBand,
                id: rule.id.clone(),
                message: format!(
                    "the last band (every other value) can never be reached: the band before it already holds every value of {measure}"
                ),
            });
        }
    }
    if !rule.exemptions.is_empty()
        && matches!(
            rule.trigger,
            Trigger::Measured { .. } | Trigger::Rating | Trigger::Cadence { .. }
        )
    {
        out.push(Diagnostic {
            code: Code::UnusedExemptions,
            id: rule.id.clone(),
            message: format!(
                "it accepts exemption grounds, but its `{}` trigger reads no findings or cases that could be exempt",
                rule.trigger.kind_name()
            ),
        });
    }
}

fn check_item(item: &Item, groups: &[crate::Exclusive], out: &mut Vec<Diagnostic>) {
    if item.serial.trim().is_empty() {
        out.push(empty(&item.id, "the item's serial"));
    }
    if item.requirement.trim().is_empty() {
        out.push(empty(&item.id, "the item's requirement"));
    }
    // The most the rules can deduct, if every one of them is bounded: of
    // the rules of an exclusive group only one deducts, so a group counts
    // its largest.
    let mut most = Some(Decimal::ZERO);
    let mut group_most: Vec<Option<Decimal>> = vec![Some(Decimal::ZERO); groups.len()];
    for rule in &item.rules {
        if rule.label.trim().is_empty() {
            out.push(empty(&rule.id, "the rule's label"));
        }
        if rule.text.trim().is_empty() {
            out.push(empty(&rule.id, "the rule's text"));
        }
        match rule.penalty {
            Penalty::Capped { points, cap } if cap < points => out.push(Diagnostic {
                code: Code::CapBelowAmount,
                id: rule.id.clone(),
                message: format!("its cap {cap} is less than one breach's {points}"),
            }),
            Penalty::PerOccurrence { points } if !points.is_zero() => out.push(Diagnostic {
                code: Code::UnboundedRule,
                id: rule.id.clone(),
                message: format!(
                    "{points} per breach with no cap of its own: only item `{}`'s {} points bound it",
                    item.id, item.points
                ),
            }),
            Penalty::Escalating { cap: None, .. } => out.push(Diagnostic {
                code: Code::UnboundedRule,
                id: rule.id.clone(),
                message: format!(
                    "escalating with no cap of its own: only item `{}`'s {} points bound it",
                    item.id, item.points
                ),
            }),
            _ => {}
        }
        check_shape(rule, out);
        let rule_most = most_deducted(rule, item.points);
        match groups.iter().position(|g| g.rules.contains(&rule.id)) {
            Some(g) => {
                if let Some(slot) = group_most.get_mut(g) {
                    *slot = slot.zip(rule_most).map(|(a, b)| a.max(b));
                }
            }
            None => most = most.zip(rule_most).and_then(|(a, b)| a.checked_add(b)),
        }
    }
    for group in group_most {
        most = most.zip(group).and_then(|(a, b)| a.checked_add(b));
    }
    if let Some(most) = most
        && most > item.points.get()
    {
        out.push(Diagnostic {
            code: Code::ExceedsPoints,
            id: item.id.clone(),
            message: format!(
                "its rules can deduct up to {}, more than its {} points; later rules give way",
                most.normalize(),
                item.points
            ),
        });
    }
}
