//! The seed rubric's clauses as a table.
//!
//! For each of the 24 deduction rules of 玉溪市教育体育局机关“双随机、一公开”
//! 监管工作督查细则（试行） the table below holds rows under a citation of the
//! clause verbatim (`/// Source: seed item …`): one row per case, with the
//! facts of an inspection and what they must give (the rule's breaches and
//! deduction, the item's score and the total score, and where a row says so
//! the raw and capped deduction, what limited it, and the reasons). One test
//! checks every row; what does not fit a row (the encoding against the
//! document, JSON, whole inspections) are tests after the table.
//!
//! Every expected number is worked out by hand from the original document,
//! with the arithmetic in a comment on its row; none is computed with the
//! library. Rule ids (`1a` … `13b`) are those of the project's table of the
//! rubric (`rubric-table.md`); the two rows the document prints as 11 are the
//! items `11-1` (joint inspections, 5 points) and `11-2` (the collaborative
//! platform, 15 points).

use std::collections::BTreeSet;

use ducha::{Fact, Finding, Inspection, Points};

use crate::common::{Limit, assert_decimal, capped, flat, per, pts};

/// An inspection of the seed rubric with these facts.
fn inspection(facts: &[(&str, Fact)]) -> Inspection {
    let mut inspection = Inspection::new().for_rubric("yuxi-shuangsuiji").unwrap();
    for (rule, fact) in facts {
        inspection = inspection.with(rule, fact.clone()).unwrap();
    }
    inspection
}

fn yes() -> Fact {
    Fact::Flag(true)
}

fn no() -> Fact {
    Fact::Flag(false)
}

fn n(count: u64) -> Fact {
    Fact::Count(count)
}

// ---------------------------------------------------------------------------
// The encoding against the document
// ---------------------------------------------------------------------------

/// Every rule's clause, verbatim from the original's 督查评分标准 column, and
/// its penalty as the clause states it (amount, and cap for "扣完N分为止").
const CLAUSES: [(&str, &str); 24] = [
    (
        "1a",
        "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。",
    ),
    ("2a", "各监管科室未统筹安排年度双随机监管工作的扣2.5分"),
    ("2b", "未明确日常联络员的扣2.5分。"),
    (
        "3a",
        "未在规定时间内，及时制定、报送部门随机抽查事项清单的，扣5分。",
    ),
    (
        "4a",
        "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分",
    ),
    (
        "4b",
        "抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分",
    ),
    ("4c", "未合理确定随机抽查的比例和频次的扣2分。"),
    ("5a", "未在规定时间内，及时建立监管对象名录库的扣5分。"),
    (
        "6a",
        "未按抽查计划要求按时按质完成各项抽查任务的，每发现一项任务扣1分，扣完5分为止",
    ),
    (
        "6b",
        "未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止。",
    ),
    (
        "7a",
        "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。",
    ),
    (
        "8a",
        "对抽查中发现的各类问题，未做好后续监管衔接，未依法查处相关违法违规行为的，发现一起扣1分，扣完5分为止。",
    ),
    (
        "9a",
        "未按照档案管理相关要求，规范抽查检查归案材料的，发现一起扣1分，扣完5分为止。",
    ),
    ("11a", "未梳理参与其他部门开展部门联合检查事项的扣1分"),
    ("11b", "未梳理可以参与联合检查部门的扣1分"),
    ("11c", "未牵头组织开展部门联合双随机抽查检查的扣1分"),
    (
        "11d",
        "未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。",
    ),
    (
        "11e",
        "未全量归集本科室产生的许可信息的，发现一起扣1分，扣完5分为止",
    ),
    (
        "11f",
        "未督促县（市、区）局、分局对口业务股室全量归集许可信息的，发现一起扣1分，扣完5分为止",
    ),
    (
        "11g",
        "除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外，未按照“谁办案、谁录入、谁负责”原则，公示行政处罚信息和结果的发现一起扣1分，扣完5分为止。",
    ),
    (
        "12a",
        "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分",
    ),
    (
        "12b",
        "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。",
    ),
    (
        "13a",
        "未对县（市、区）局开展对口内业务的指导和培训工作的扣5分",
    ),
    (
        "13b",
        "未按时间节点和要求报送工作总结及相关材料的，每少一次扣1分，扣完5分为止。",
    ),
];

/// The seed keeps each clause's text as the document prints it (up to the
/// closing `。`), in document order, under the ids of the project's table.
#[test]
fn seed_rule_texts_are_the_documents_clauses() {
    let rubric = ducha::seed::yuxi();
    let ids: Vec<&str> = rubric.rules().map(|r| r.id.as_str()).collect();
    let expected_ids: Vec<&str> = CLAUSES.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected_ids, "the 24 rules in document order");
    for (id, clause) in CLAUSES {
        let rule = rubric.rule(id).unwrap();
        assert_eq!(
            rule.text.trim_end_matches('。'),
            clause.trim_end_matches('。'),
            "text of rule {id}"
        );
    }
}

/// The items, their printed serials and points (量化分值), and the penalty
/// each clause states, read off the document: "扣N分" is flat, "每少一次扣N分"
/// per occurrence, "发现一起扣1分，扣完N分为止" capped at N.
#[test]
fn seed_items_and_penalties_match_the_document() {
    let rubric = ducha::seed::yuxi();
    assert_eq!(rubric.total(), pts("100"), "declared total");
    // (item id, printed serial, points, its rules)
    let items = [
        ("1", "1", "10", vec!["1a"]),
        ("2", "2", "5", vec!["2a", "2b"]),
        ("3", "3", "5", vec!["3a"]),
        ("4", "4", "10", vec!["4a", "4b", "4c"]),
        ("5", "5", "5", vec!["5a"]),
        ("6", "6", "10", vec!["6a", "6b"]),
        ("7", "7", "5", vec!["7a"]),
        ("8", "8", "5", vec!["8a"]),
        ("9", "9", "5", vec!["9a"]),
        ("11-1", "11", "5", vec!["11a", "11b", "11c", "11d"]),
        ("11-2", "11", "15", vec!["11e", "11f", "11g"]),
        ("12", "12", "10", vec!["12a", "12b"]),
        ("13", "13", "10", vec!["13a", "13b"]),
    ];
    let actual: Vec<&str> = rubric.items().map(|i| i.id.as_str()).collect();
    let expected: Vec<&str> = items.iter().map(|(id, ..)| *id).collect();
    assert_eq!(actual, expected, "items in document order (no serial 10)");
    for (id, serial, points, rules) in &items {
        let item = rubric.item(id).unwrap();
        assert_eq!(item.serial, *serial, "serial of item {id}");
        assert_eq!(item.points, pts(points), "points of item {id}");
        let rule_ids: Vec<&str> = item.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(rule_ids, *rules, "rules of item {id}");
    }
    // Groups: 领导重视 1–2 (10 + 5), 基础工作 3–11 (5+10+5+10+5+5+5+5+15 =
    // 65), 互联网+监管 12 (10), 相关工作 13 (10); 15 + 65 + 10 + 10 = 100.
    let groups: Vec<(&str, Points)> = rubric
        .indicators()
        .iter()
        .map(|g| (g.name.as_str(), g.points))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("领导重视", pts("15")),
            (
                "双随机抽查监管基础工作开展情况、工作流程完成情况",
                pts("65")
            ),
            ("深入推进“互联网+监管”情况", pts("10")),
            ("相关工作完成情况", pts("10")),
        ],
        "the four 督查指标 groups"
    );

    let penalties = [
        ("1a", per("2")),
        ("2a", flat("2.5")),
        ("2b", flat("2.5")),
        ("3a", flat("5")),
        ("4a", flat("5")),
        ("4b", flat("3")),
        ("4c", flat("2")),
        ("5a", flat("5")),
        ("6a", capped("1", "5")),
        ("6b", capped("1", "5")),
        ("7a", capped("1", "5")),
        ("8a", capped("1", "5")),
        ("9a", capped("1", "5")),
        ("11a", flat("1")),
        ("11b", flat("1")),
        ("11c", flat("1")),
        ("11d", capped("1", "2")),
        ("11e", capped("1", "5")),
        ("11f", capped("1", "5")),
        ("11g", capped("1", "5")),
        ("12a", flat("5")),
        ("12b", capped("1", "10")),
        ("13a", flat("5")),
        ("13b", capped("1", "5")),
    ];
    for (id, penalty) in penalties {
        assert_eq!(
            rubric.rule(id).unwrap().penalty,
            penalty,
            "penalty of rule {id}"
        );
    }
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

/// One row of the table: an inspection of the seed rubric and what it must
/// give for one rule, worked out by hand.
#[derive(Default)]
struct Row {
    /// The `///` lines above the row's group: the clause cited
    /// (`Source: seed item …`), and any note.
    source: &'static str,
    /// The row's group (the clause, or the case it makes), for messages.
    group: &'static str,
    /// What the row is, for messages.
    name: &'static str,
    /// The rule under test.
    rule: &'static str,
    /// The rule's item.
    item: &'static str,
    /// The facts recorded (for the rule under test, and any others).
    facts: Vec<(&'static str, Fact)>,
    /// Breaches of the rule.
    breaches: u64,
    /// The rule's deduction that counts (its share).
    deducted: &'static str,
    /// The score of the rule's item.
    item_score: &'static str,
    /// The total score (of 100).
    total: &'static str,
    // Checked where the row gives them:
    /// The rule's raw deduction.
    raw: Option<&'static str>,
    /// The rule's deduction after its own cap.
    capped: Option<&'static str>,
    /// What limited the rule's deduction.
    limit: Option<Limit>,
    /// The rule's reason (`""` without a deduction).
    reason: Option<&'static str>,
    /// The item's deduction.
    item_deducted: Option<&'static str>,
    /// The item's reason.
    item_reason: Option<&'static str>,
    /// The scores of other items, by id.
    others: Option<&'static [(&'static str, &'static str)]>,
}

/// The table: groups of rows, each group under the `///` citation of its
/// clause. A row is `"name" { rule, item, facts: [...], breaches, deducted,
/// item_score, total }`, in that order, then any of the optional checks of
/// [`Row`] (`raw: "12"`, `limit: Limit::Cap("5")`, …).
macro_rules! table {
    ($(
        $(#[doc = $source:literal])+
        $group:ident {
            $($name:literal {
                rule: $rule:literal,
                item: $item:literal,
                facts: [$($fact:expr),* $(,)?],
                breaches: $breaches:expr,
                deducted: $deducted:literal,
                item_score: $item_score:literal,
                total: $total:literal
                $(, $check:ident: $value:expr)* $(,)?
            })+
        }
    )+) => {{
        let mut rows = Vec::new();
        $(
            let source = concat!($($source, "\n"),+);
            $(rows.push(Row {
                source,
                group: stringify!($group),
                name: $name,
                rule: $rule,
                item: $item,
                facts: vec![$($fact),*],
                breaches: $breaches,
                deducted: $deducted,
                item_score: $item_score,
                total: $total,
                $($check: Some($value),)*
                ..Row::default()
            });)+
        )+
        rows
    }};
}

/// Every row of the table, against the seed rubric; and every rule of the
/// seed has rows.
#[test]
fn every_row_of_the_table() {
    let rubric = ducha::seed::yuxi();
    let rows = table();
    for row in &rows {
        let citation = row.source.lines().next().unwrap_or_default().trim();
        // `Source: seed item 7: "…"` → `seed item 7`
        let clause = citation
            .strip_prefix("Source: ")
            .and_then(|c| c.split(": ").next())
            .unwrap_or_default();
        let ctx = format!(
            "{}, row `{}` (rule {}, {clause})",
            row.group, row.name, row.rule
        );
        assert!(
            clause.starts_with("seed item "),
            "{ctx}: the row cites its clause: {citation}"
        );
        let inspection = inspection(&row.facts);
        let card = rubric
            .evaluate(&inspection)
            .unwrap_or_else(|e| panic!("{ctx}: {e}"));
        let rule = card
            .rule(row.rule)
            .unwrap_or_else(|| panic!("{ctx}: no outcome"));
        assert!(
            rule.assessed(),
            "{ctx}: the rule has a fact, so it is assessed"
        );
        assert_eq!(rule.breaches(), row.breaches, "{ctx}: breaches");
        assert_decimal(rule.deducted(), row.deducted, &format!("{ctx}: deduction"));
        let item = card
            .item(row.item)
            .unwrap_or_else(|| panic!("{ctx}: no item {}", row.item));
        assert_decimal(
            item.score(),
            row.item_score,
            &format!("{ctx}: score of item {}", row.item),
        );
        assert_decimal(card.score(), row.total, &format!("{ctx}: total score"));
        if let Some(raw) = row.raw {
            assert_decimal(rule.raw(), raw, &format!("{ctx}: raw deduction"));
        }
        if let Some(capped) = row.capped {
            assert_decimal(rule.capped(), capped, &format!("{ctx}: after its cap"));
        }
        if let Some(limit) = row.limit {
            assert!(
                limit.matches(rule.limited_by()),
                "{ctx}: limited by {:?}, expected {limit:?}",
                rule.limited_by()
            );
        }
        if let Some(reason) = row.reason {
            assert_eq!(rule.reason(), reason, "{ctx}: reason");
        }
        if let Some(deducted) = row.item_deducted {
            assert_decimal(
                item.deducted(),
                deducted,
                &format!("{ctx}: deduction of item {}", row.item),
            );
        }
        if let Some(reason) = row.item_reason {
            assert_eq!(item.reason(), reason, "{ctx}: reason of item {}", row.item);
        }
        for (other, score) in row.others.unwrap_or_default() {
            let outcome = card
                .item(other)
                .unwrap_or_else(|| panic!("{ctx}: no item {other}"));
            assert_decimal(
                outcome.score(),
                score,
                &format!("{ctx}: score of item {other}"),
            );
        }
    }
    let covered: BTreeSet<&str> = rows.iter().map(|row| row.rule).collect();
    let rules: BTreeSet<&str> = rubric.rules().map(|r| r.id.as_str()).collect();
    assert_eq!(covered, rules, "every rule of the seed has rows");
}

/// The rows, by item of the document.
fn table() -> Vec<Row> {
    table! {
        // -------------------------------------------------------------------
        // Item 1 (领导重视, 10 points)
        // -------------------------------------------------------------------

        /// Source: seed item 1: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。"
        ///
        /// Sessions are due every quarter (每季度), so a year has at most 4 missing;
        /// the clause names no cap of its own, only the item's 10 points bound it.
        rule_1a_per_missing_session {
            "none missing" {
                rule: "1a", item: "1",
                facts: [("1a", n(0))],
                // 0 × 2 = 0 → item 10; total 100
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "1 missing" {
                rule: "1a", item: "1",
                facts: [("1a", n(1))],
                // 1 × 2 = 2 → item 10 − 2 = 8; total 98
                breaches: 1, deducted: "2", item_score: "8", total: "98",
            }
            "4 missing quarterly sessions (a whole year)" {
                rule: "1a", item: "1",
                facts: [("1a", n(4))],
                // 4 × 2 = 8 → item 10 − 8 = 2; total 100 − 8 = 92
                breaches: 4, deducted: "8", item_score: "2", total: "92",
            }
            "5 missing" {
                rule: "1a", item: "1",
                facts: [("1a", n(5))],
                // 5 × 2 = 10 = the item's points → item 0; total 90
                breaches: 5, deducted: "10", item_score: "0", total: "90",
            }
            "6 missing" {
                rule: "1a", item: "1",
                facts: [("1a", n(6))],
                // 6 × 2 = 12 > 10 points → 10 deducted, item 0; total 90
                breaches: 6, deducted: "10", item_score: "0", total: "90",
            }
        }

        /// Source: seed item 1: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。"
        ///
        /// Six missing sessions price at 6 × 2 = 12, more than item 1's 10 points:
        /// the item bound (not a cap of the rule's own) trims it to 10.
        rule_1a_beyond_the_items_points_is_bounded_by_item_1 {
            "6 missing, bounded by item 1" {
                rule: "1a", item: "1",
                facts: [("1a", n(6))],
                // raw 6 × 2 = 12; no cap of its own, so 12 after it; item 1's 10
                // points bound it → 10 deducted, item 0; total 90
                breaches: 6, deducted: "10", item_score: "0", total: "90",
                raw: "12", capped: "12", limit: Limit::Node("1", "10"),
                reason: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作：6次，扣12分，受第1项分值10分所限，实扣10分",
            }
        }

        /// Source: seed item 1: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。"
        ///
        /// The per-occurrence reason: label, count in 次, raw deduction; nothing
        /// limits 4 × 2 = 8.
        rule_1a_reason_per_occurrence {
            "4 missing" {
                rule: "1a", item: "1",
                facts: [("1a", n(4))],
                // 4 × 2 = 8 ≤ 10: nothing limits 1a → item 2; total 92
                breaches: 4, deducted: "8", item_score: "2", total: "92",
                limit: Limit::Nothing,
                reason: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作：4次，扣8分",
            }
        }

        // -------------------------------------------------------------------
        // Item 2 (领导重视, 5 points)
        // -------------------------------------------------------------------

        /// Source: seed item 2: "各监管科室未统筹安排年度双随机监管工作的扣2.5分"
        rule_2a_flat_two_and_a_half {
            "arranged" {
                rule: "2a", item: "2",
                facts: [("2a", no())],
                // no breach → item 5; total 100
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "not arranged" {
                rule: "2a", item: "2",
                facts: [("2a", yes())],
                // −2.5 → item 5 − 2.5 = 2.5; total 100 − 2.5 = 97.5
                breaches: 1, deducted: "2.5", item_score: "2.5", total: "97.5",
            }
        }

        /// Source: seed item 2: "未明确日常联络员的扣2.5分。"
        rule_2b_flat_two_and_a_half {
            "liaison named" {
                rule: "2b", item: "2",
                facts: [("2b", no())],
                // no breach → item 5; total 100; no reason without a breach
                breaches: 0, deducted: "0", item_score: "5", total: "100",
                reason: "",
            }
            "no liaison" {
                rule: "2b", item: "2",
                facts: [("2b", yes())],
                // −2.5 → item 2.5; total 97.5; a flag's reason has no count
                breaches: 1, deducted: "2.5", item_score: "2.5", total: "97.5",
                reason: "未明确日常联络员，扣2.5分",
            }
            "no liaison, and 1a once" {
                rule: "2b", item: "2",
                facts: [("2b", yes()), ("1a", n(1))],
                // 2b −2.5 → item 2.5; total 100 − 2.5 − 2 = 95.5
                breaches: 1, deducted: "2.5", item_score: "2.5", total: "95.5",
            }
        }

        /// Source: seed item 2: "各监管科室未统筹安排年度双随机监管工作的扣2.5分；未明确日常联络员的扣2.5分。"
        ///
        /// Both halves: 2.5 + 2.5 = 5 exactly, the item's points, so item 2 scores
        /// exactly 0 — no float residue, printed "0".
        rules_2a_and_2b_together_empty_item_2_exactly {
            "2a keeps its 2.5" {
                rule: "2a", item: "2",
                facts: [("2a", yes()), ("2b", yes())],
                // 2.5 + 2.5 = 5 → item 5 − 5 = 0; total 95; 5 fits item 2's 5
                // points, so nothing limits 2a; the item's reason joins both
                // rules with ；
                breaches: 1, deducted: "2.5", item_score: "0", total: "95",
                limit: Limit::Nothing, item_deducted: "5",
                item_reason: "未统筹安排年度双随机监管工作，扣2.5分；未明确日常联络员，扣2.5分",
            }
            "2b keeps its 2.5" {
                rule: "2b", item: "2",
                facts: [("2a", yes()), ("2b", yes())],
                // 2.5 + 2.5 = 5 → item 0; total 95; 2b takes the last 2.5 of
                // item 2's 5 points, untrimmed
                breaches: 1, deducted: "2.5", item_score: "0", total: "95",
                limit: Limit::Nothing, item_deducted: "5",
            }
        }

        // -------------------------------------------------------------------
        // Item 3 (5 points)
        // -------------------------------------------------------------------

        /// Source: seed item 3: "未在规定时间内，及时制定、报送部门随机抽查事项清单的，扣5分。"
        rule_3a_late_checklist {
            "on time" {
                rule: "3a", item: "3",
                facts: [("3a", no())],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "late" {
                rule: "3a", item: "3",
                facts: [("3a", yes())],
                // −5 → item 0; total 95
                breaches: 1, deducted: "5", item_score: "0", total: "95",
            }
            "late, recorded as a finding" {
                rule: "3a", item: "3",
                facts: [("3a", Fact::Finding(Finding::new("清单于4月3日才报送")))],
                // one finding is one breach: −5 → item 0; total 95
                breaches: 1, deducted: "5", item_score: "0", total: "95",
            }
        }

        // -------------------------------------------------------------------
        // Item 4 (10 points)
        // -------------------------------------------------------------------

        /// Source: seed item 4: "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分"
        rule_4a_late_annual_plan {
            "on time" {
                rule: "4a", item: "4",
                facts: [("4a", no())],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "late" {
                rule: "4a", item: "4",
                facts: [("4a", yes())],
                // −5 → item 10 − 5 = 5; total 95
                breaches: 1, deducted: "5", item_score: "5", total: "95",
            }
        }

        /// Source: seed item 4: "抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分"
        rule_4b_plan_misses_items {
            "covered" {
                rule: "4b", item: "4",
                facts: [("4b", no())],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "not covered" {
                rule: "4b", item: "4",
                facts: [("4b", yes())],
                // −3 → item 7; total 97
                breaches: 1, deducted: "3", item_score: "7", total: "97",
            }
        }

        /// Source: seed item 4: "未合理确定随机抽查的比例和频次的扣2分。"
        rule_4c_ratio_and_frequency {
            "set" {
                rule: "4c", item: "4",
                facts: [("4c", no())],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "not set" {
                rule: "4c", item: "4",
                facts: [("4c", yes())],
                // −2 → item 8; total 98
                breaches: 1, deducted: "2", item_score: "8", total: "98",
            }
            "all three of item 4" {
                rule: "4c", item: "4",
                facts: [("4a", yes()), ("4b", yes()), ("4c", yes())],
                // 5 + 3 + 2 = 10 = item 4's points → item 0, nothing trimmed;
                // total 90
                breaches: 1, deducted: "2", item_score: "0", total: "90",
            }
        }

        /// Source: seed item 4: "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分，抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分，未合理确定随机抽查的比例和频次的扣2分。"
        ///
        /// The three flats sum to exactly the item's 10 points: each keeps its
        /// whole deduction and none is reported as limited.
        item_4_three_flags_sum_to_exactly_ten {
            "4a keeps its 5" {
                rule: "4a", item: "4",
                facts: [("4a", yes()), ("4b", yes()), ("4c", yes())],
                // 5 + 3 + 2 = 10 → item 4 deducts 10 and scores 0; total 100 − 10
                // = 90; nothing trims at exactly 10; the item's reason joins
                // three rules
                breaches: 1, deducted: "5", item_score: "0", total: "90",
                limit: Limit::Nothing, item_deducted: "10",
                item_reason: "未在规定时间内制定、报送本部门年度抽查工作计划，扣5分；抽查工作计划未涵盖一般检查事项和重点检查事项，扣3分；未合理确定随机抽查的比例和频次，扣2分",
            }
            "4b keeps its 3" {
                rule: "4b", item: "4",
                facts: [("4a", yes()), ("4b", yes()), ("4c", yes())],
                // 5 + 3 + 2 = 10 → item 0; total 90
                breaches: 1, deducted: "3", item_score: "0", total: "90",
                limit: Limit::Nothing, item_deducted: "10",
            }
            "4c keeps its 2" {
                rule: "4c", item: "4",
                facts: [("4a", yes()), ("4b", yes()), ("4c", yes())],
                // 5 + 3 + 2 = 10 → item 0; total 90
                breaches: 1, deducted: "2", item_score: "0", total: "90",
                limit: Limit::Nothing, item_deducted: "10",
            }
        }

        // -------------------------------------------------------------------
        // Item 5 (5 points)
        // -------------------------------------------------------------------

        /// Source: seed item 5: "未在规定时间内，及时建立监管对象名录库的扣5分。"
        rule_5a_late_registry {
            "on time" {
                rule: "5a", item: "5",
                facts: [("5a", no())],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "late" {
                rule: "5a", item: "5",
                facts: [("5a", yes())],
                // −5 → item 0; total 95
                breaches: 1, deducted: "5", item_score: "0", total: "95",
            }
        }

        // -------------------------------------------------------------------
        // Item 6 (10 points)
        // -------------------------------------------------------------------

        /// Source: seed item 6: "未按抽查计划要求按时按质完成各项抽查任务的，每发现一项任务扣1分，扣完5分为止"
        rule_6a_late_tasks_capped_at_five {
            "none" {
                rule: "6a", item: "6",
                facts: [("6a", n(0))],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "1 task" {
                rule: "6a", item: "6",
                facts: [("6a", n(1))],
                // 1 × 1 = 1 → item 9; total 99
                breaches: 1, deducted: "1", item_score: "9", total: "99",
            }
            "5 tasks, exactly the cap" {
                rule: "6a", item: "6",
                facts: [("6a", n(5))],
                // 5 × 1 = 5 = cap → item 5; total 95
                breaches: 5, deducted: "5", item_score: "5", total: "95",
            }
            "6 tasks, one past the cap" {
                rule: "6a", item: "6",
                facts: [("6a", n(6))],
                // 6 × 1 = 6, capped at 5 → item 5; total 95
                breaches: 6, deducted: "5", item_score: "5", total: "95",
            }
            "2 listed tasks" {
                rule: "6a", item: "6",
                facts: [("6a", Fact::findings(["任务甲", "任务乙"]))],
                // 2 × 1 = 2 → item 8; total 98
                breaches: 2, deducted: "2", item_score: "8", total: "98",
            }
        }

        /// Source: seed item 6: "未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止。"
        rule_6b_county_tasks_capped_at_five {
            "none" {
                rule: "6b", item: "6",
                facts: [("6b", n(0))],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "3 tasks" {
                rule: "6b", item: "6",
                facts: [("6b", n(3))],
                // 3 × 1 = 3 → item 7; total 97
                breaches: 3, deducted: "3", item_score: "7", total: "97",
            }
            "7 tasks" {
                rule: "6b", item: "6",
                facts: [("6b", n(7))],
                // 7 × 1 = 7, capped at 5 → item 5; total 95
                breaches: 7, deducted: "5", item_score: "5", total: "95",
            }
            "6a and 6b both at their caps" {
                rule: "6b", item: "6",
                facts: [("6a", n(9)), ("6b", n(9))],
                // 5 + 5 = 10 = item 6's points → item 0; total 90
                breaches: 9, deducted: "5", item_score: "0", total: "90",
            }
        }

        /// Source: seed item 6: "未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止。"
        ///
        /// Past the cap: the reason shows the raw 7 and the cap of 5, and the rule
        /// reports its own cap as what limited it.
        rule_6b_reason_beyond_the_cap {
            "7 tasks" {
                rule: "6b", item: "6",
                facts: [("6b", n(7))],
                // raw 7 × 1 = 7, capped at 5 → item 10 − 5 = 5; total 95
                breaches: 7, deducted: "5", item_score: "5", total: "95",
                raw: "7", capped: "5", limit: Limit::Cap("5"),
                reason: "县（市、区）局对口业务未按时按质按量完成抽查计划：7项，扣7分，超过上限按5分扣",
            }
        }

        // -------------------------------------------------------------------
        // Items 7, 8, 9 (5 points each)
        // -------------------------------------------------------------------

        /// Source: seed item 7: "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。"
        rule_7a_unpublished_results_capped_at_five {
            "none" {
                rule: "7a", item: "7",
                facts: [("7a", Fact::Findings(vec![]))],
                // an empty list is no breach → item 5; total 100
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "2 cases" {
                rule: "7a", item: "7",
                facts: [("7a", n(2))],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2, deducted: "2", item_score: "3", total: "98",
            }
            "5 cases, exactly the cap" {
                rule: "7a", item: "7",
                facts: [("7a", n(5))],
                // 5 × 1 = 5 → item 0; total 95
                breaches: 5, deducted: "5", item_score: "0", total: "95",
            }
            "7 cases" {
                rule: "7a", item: "7",
                facts: [("7a", n(7))],
                // 7 cases × 1 = 7, capped at 5 → item 7 scores 5 − 5 = 0;
                // total 100 − 5 = 95
                breaches: 7, deducted: "5", item_score: "0", total: "95",
            }
        }

        /// Source: seed item 7: "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。"
        ///
        /// A list of findings: one breach per finding, their notes in the reason in
        /// order, separated by `；`.
        rule_7a_reason_lists_the_findings {
            "2 findings with notes" {
                rule: "7a", item: "7",
                facts: [(
                    "7a",
                    Fact::findings([
                        "民办学校抽查结果于完成后第23个工作日公示",
                        "校车安全抽查结果未公示",
                    ]),
                )],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2, deducted: "2", item_score: "3", total: "98",
                reason: "抽查任务完成后20个工作日内未公示抽查检查结果：2起（民办学校抽查结果于完成后第23个工作日公示；校车安全抽查结果未公示），扣2分",
            }
            "2 findings without notes" {
                rule: "7a", item: "7",
                facts: [("7a", Fact::Findings(vec![Finding::default(), Finding::default()]))],
                // findings with empty notes count, but add no parentheses:
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2, deducted: "2", item_score: "3", total: "98",
                reason: "抽查任务完成后20个工作日内未公示抽查检查结果：2起，扣2分",
            }
        }

        /// Source: seed item 8: "对抽查中发现的各类问题，未做好后续监管衔接，未依法查处相关违法违规行为的，发现一起扣1分，扣完5分为止。"
        rule_8a_no_follow_up_capped_at_five {
            "none" {
                rule: "8a", item: "8",
                facts: [("8a", n(0))],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "2 cases" {
                rule: "8a", item: "8",
                facts: [("8a", Fact::findings(["某校未整改", "某机构未立案"]))],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2, deducted: "2", item_score: "3", total: "98",
            }
            "6 cases" {
                rule: "8a", item: "8",
                facts: [("8a", n(6))],
                // 6 × 1 = 6, capped at 5 → item 0; total 95
                breaches: 6, deducted: "5", item_score: "0", total: "95",
            }
        }

        /// Source: seed item 9: "未按照档案管理相关要求，规范抽查检查归案材料的，发现一起扣1分，扣完5分为止。"
        rule_9a_files_capped_at_five {
            "none" {
                rule: "9a", item: "9",
                facts: [("9a", n(0))],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "4 cases" {
                rule: "9a", item: "9",
                facts: [("9a", n(4))],
                // 4 × 1 = 4 → item 1; total 96
                breaches: 4, deducted: "4", item_score: "1", total: "96",
            }
            "20 cases" {
                rule: "9a", item: "9",
                facts: [("9a", n(20))],
                // 20 × 1 = 20, capped at 5 → item 0; total 95
                breaches: 20, deducted: "5", item_score: "0", total: "95",
            }
        }

        // -------------------------------------------------------------------
        // Item 11, first row (joint inspections, 5 points)
        // -------------------------------------------------------------------

        /// Source: seed item 11 (first row): "未梳理参与其他部门开展部门联合检查事项的扣1分"
        rule_11a_joint_inspection_matters {
            "done" {
                rule: "11a", item: "11-1",
                facts: [("11a", no())],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "not done" {
                rule: "11a", item: "11-1",
                facts: [("11a", yes())],
                // −1 → item 11-1 scores 4; total 99
                breaches: 1, deducted: "1", item_score: "4", total: "99",
            }
        }

        /// Source: seed item 11 (first row): "未梳理可以参与联合检查部门的扣1分"
        rule_11b_joint_inspection_departments {
            "done" {
                rule: "11b", item: "11-1",
                facts: [("11b", no())],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "not done" {
                rule: "11b", item: "11-1",
                facts: [("11b", yes())],
                // −1 → item 4; total 99
                breaches: 1, deducted: "1", item_score: "4", total: "99",
            }
        }

        /// Source: seed item 11 (first row): "未牵头组织开展部门联合双随机抽查检查的扣1分"
        rule_11c_lead_a_joint_inspection {
            "led one" {
                rule: "11c", item: "11-1",
                facts: [("11c", no())],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "led none" {
                rule: "11c", item: "11-1",
                facts: [("11c", yes())],
                // −1 → item 4; total 99
                breaches: 1, deducted: "1", item_score: "4", total: "99",
            }
        }

        /// Source: seed item 11 (first row): "未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。"
        ///
        /// The only cap of 2 in the document.
        rule_11d_cooperation_capped_at_two {
            "none" {
                rule: "11d", item: "11-1",
                facts: [("11d", n(0))],
                breaches: 0, deducted: "0", item_score: "5", total: "100",
            }
            "1 case" {
                rule: "11d", item: "11-1",
                facts: [("11d", n(1))],
                // 1 × 1 = 1 → item 4; total 99
                breaches: 1, deducted: "1", item_score: "4", total: "99",
            }
            "2 cases, exactly the cap" {
                rule: "11d", item: "11-1",
                facts: [("11d", n(2))],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2, deducted: "2", item_score: "3", total: "98",
            }
            "3 cases" {
                rule: "11d", item: "11-1",
                facts: [("11d", n(3))],
                // 3 × 1 = 3, capped at 2: limited by its cap → item 5 − 2 = 3;
                // total 98
                breaches: 3, deducted: "2", item_score: "3", total: "98",
                limit: Limit::Cap("2"),
                reason: "未配合好其他部门组织牵头的联合抽查检查工作：3起，扣3分，超过上限按2分扣",
            }
        }

        /// Source: seed item 11 (first row): "未梳理参与其他部门开展部门联合检查事项的扣1分；未梳理可以参与联合检查部门的扣1分；未牵头组织开展部门联合双随机抽查检查的扣1分；未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。"
        ///
        /// Every clause of the first row breached: 1 + 1 + 1 + 2 = 5, the row's
        /// points, and the second row 11 is untouched.
        item_11_first_row_all_breached {
            "11a not limited" {
                rule: "11a", item: "11-1",
                facts: [("11a", yes()), ("11b", yes()), ("11c", yes()), ("11d", n(4))],
                // 1 + 1 + 1 + min(4, 2) = 5 → item 11-1 scores 0; item 11-2
                // keeps 15; total 95
                breaches: 1, deducted: "1", item_score: "0", total: "95",
                limit: Limit::Nothing, others: &[("11-2", "15")],
            }
            "11b not limited" {
                rule: "11b", item: "11-1",
                facts: [("11a", yes()), ("11b", yes()), ("11c", yes()), ("11d", n(4))],
                // as above: 11-1 scores 0, 11-2 keeps 15; total 95
                breaches: 1, deducted: "1", item_score: "0", total: "95",
                limit: Limit::Nothing, others: &[("11-2", "15")],
            }
            "11c not limited" {
                rule: "11c", item: "11-1",
                facts: [("11a", yes()), ("11b", yes()), ("11c", yes()), ("11d", n(4))],
                // as above: 11-1 scores 0, 11-2 keeps 15; total 95
                breaches: 1, deducted: "1", item_score: "0", total: "95",
                limit: Limit::Nothing, others: &[("11-2", "15")],
            }
            "11d limited by its cap" {
                rule: "11d", item: "11-1",
                facts: [("11a", yes()), ("11b", yes()), ("11c", yes()), ("11d", n(4))],
                // 4 × 1 = 4, capped at 2: limited by its cap, not by the row's
                // points (exactly 5) → 11-1 scores 0, 11-2 keeps 15; total 95
                breaches: 4, deducted: "2", item_score: "0", total: "95",
                limit: Limit::Cap("2"), others: &[("11-2", "15")],
            }
        }

        // -------------------------------------------------------------------
        // Item 11, second row (the collaborative platform, 15 points)
        // -------------------------------------------------------------------

        /// Source: seed item 11 (second row): "未全量归集本科室产生的许可信息的，发现一起扣1分，扣完5分为止"
        rule_11e_own_licence_records_capped_at_five {
            "none" {
                rule: "11e", item: "11-2",
                facts: [("11e", n(0))],
                breaches: 0, deducted: "0", item_score: "15", total: "100",
            }
            "2 records" {
                rule: "11e", item: "11-2",
                facts: [("11e", n(2))],
                // 2 × 1 = 2 → item 15 − 2 = 13; total 98
                breaches: 2, deducted: "2", item_score: "13", total: "98",
            }
            "8 records" {
                rule: "11e", item: "11-2",
                facts: [("11e", n(8))],
                // 8 × 1 = 8, capped at 5 → item 10; total 95
                breaches: 8, deducted: "5", item_score: "10", total: "95",
            }
        }

        /// Source: seed item 11 (second row): "未督促县（市、区）局、分局对口业务股室全量归集许可信息的，发现一起扣1分，扣完5分为止"
        rule_11f_county_licence_records_capped_at_five {
            "none" {
                rule: "11f", item: "11-2",
                facts: [("11f", n(0))],
                breaches: 0, deducted: "0", item_score: "15", total: "100",
            }
            "5 records, exactly the cap" {
                rule: "11f", item: "11-2",
                facts: [("11f", n(5))],
                // 5 × 1 = 5 → item 10; total 95
                breaches: 5, deducted: "5", item_score: "10", total: "95",
            }
            "6 records" {
                rule: "11f", item: "11-2",
                facts: [("11f", n(6))],
                // 6, capped at 5 → item 10; total 95
                breaches: 6, deducted: "5", item_score: "10", total: "95",
            }
        }

        /// Source: seed item 11 (second row): "除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外，未按照“谁办案、谁录入、谁负责”原则，公示行政处罚信息和结果的发现一起扣1分，扣完5分为止。"
        rule_11g_penalty_publicity_capped_at_five {
            "none" {
                rule: "11g", item: "11-2",
                facts: [("11g", n(0))],
                breaches: 0, deducted: "0", item_score: "15", total: "100",
            }
            "1 decision" {
                rule: "11g", item: "11-2",
                facts: [("11g", Fact::findings(["某培训机构行政处罚决定未公示"]))],
                // 1 × 1 = 1 → item 14; total 99
                breaches: 1, deducted: "1", item_score: "14", total: "99",
            }
            "all three of the second row at their caps" {
                rule: "11g", item: "11-2",
                facts: [("11e", n(5)), ("11f", n(6)), ("11g", n(7))],
                // 5 + 5 + 5 = 15 = the row's points → item 0; total 85
                breaches: 7, deducted: "5", item_score: "0", total: "85",
            }
        }

        // -------------------------------------------------------------------
        // Item 12 (互联网+监管, 10 points)
        // -------------------------------------------------------------------

        /// Source: seed item 12: "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分"
        rule_12a_checklist_below_100_percent {
            "complete" {
                rule: "12a", item: "12",
                facts: [("12a", no())],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "incomplete" {
                rule: "12a", item: "12",
                facts: [("12a", yes())],
                // −5 → item 5; total 95
                breaches: 1, deducted: "5", item_score: "5", total: "95",
            }
        }

        /// Source: seed item 12: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
        rule_12b_missing_data_pushes_capped_at_ten {
            "none" {
                rule: "12b", item: "12",
                facts: [("12b", n(0))],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "7 missing" {
                rule: "12b", item: "12",
                facts: [("12b", n(7))],
                // 7 × 1 = 7 → item 3; total 93
                breaches: 7, deducted: "7", item_score: "3", total: "93",
            }
            "10 missing, exactly the cap" {
                rule: "12b", item: "12",
                facts: [("12b", n(10))],
                // 10 × 1 = 10 → item 0; total 90
                breaches: 10, deducted: "10", item_score: "0", total: "90",
            }
            "12 missing" {
                rule: "12b", item: "12",
                facts: [("12b", n(12))],
                // 12 × 1 = 12, capped at 10 → item 0; total 90
                breaches: 12, deducted: "10", item_score: "0", total: "90",
            }
        }

        /// Source: seed item 12: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
        ///
        /// Alone, 12 missing pushes hit the rule's own cap of 10, which equals the
        /// item's points: the cap, not the item, is what limits.
        rule_12b_alone_beyond_its_cap {
            "12 missing" {
                rule: "12b", item: "12",
                facts: [("12b", n(12))],
                // 12 × 1 = 12, capped at 10 → item 10 − 10 = 0; total 90
                breaches: 12, deducted: "10", item_score: "0", total: "90",
                raw: "12", limit: Limit::Cap("10"),
                reason: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：12次，扣12分，超过上限按10分扣",
            }
        }

        /// Source: seed item 12: "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分，未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
        ///
        /// 12a (5) and 12b (up to 10) can exceed the item's 10 points. In document
        /// order 12a keeps its 5; 12b's 7 gives way to the 5 that remain, and is
        /// reported as limited by item 12.
        item_12_bound_trims_the_later_rule {
            "12a keeps its 5" {
                rule: "12a", item: "12",
                facts: [("12a", yes()), ("12b", n(7))],
                // 12a: −5, whole, not limited; 5 + 5 = 10 → item 0; total 90
                breaches: 1, deducted: "5", item_score: "0", total: "90",
                limit: Limit::Nothing, item_deducted: "10",
            }
            "12b gives way to item 12" {
                rule: "12b", item: "12",
                facts: [("12a", yes()), ("12b", n(7))],
                // 12b: 7 × 1 = 7 (under its cap of 10); 10 − 5 = 5 remain → 5;
                // 5 + 5 = 10 → item 0; total 90
                breaches: 7, deducted: "5", item_score: "0", total: "90",
                raw: "7", capped: "7", limit: Limit::Node("12", "10"), item_deducted: "10",
                reason: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：7次，扣7分，受第12项分值10分所限，实扣5分",
            }
        }

        /// Source: seed item 12: "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分，未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
        ///
        /// Both the cap and the item trim 12b (12 → 10 → 5): the node is reported,
        /// and the reason shows both steps.
        item_12_cap_and_bound_together {
            "12b capped, then bounded" {
                rule: "12b", item: "12",
                facts: [("12a", yes()), ("12b", n(12))],
                // 12 × 1 = 12, capped at 10; item 12 has 10 − 5 = 5 left → 5;
                // the node bound is reported where both trim; item 0; total
                // 100 − 10 = 90
                breaches: 12, deducted: "5", item_score: "0", total: "90",
                raw: "12", capped: "10", limit: Limit::Node("12", "10"),
                reason: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：12次，扣12分，超过上限按10分扣，受第12项分值10分所限，实扣5分",
            }
        }

        // -------------------------------------------------------------------
        // Item 13 (相关工作完成情况, 10 points)
        // -------------------------------------------------------------------

        /// Source: seed item 13: "未对县（市、区）局开展对口内业务的指导和培训工作的扣5分"
        rule_13a_no_county_training {
            "trained" {
                rule: "13a", item: "13",
                facts: [("13a", no())],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "not trained" {
                rule: "13a", item: "13",
                facts: [("13a", yes())],
                // −5 → item 5; total 95
                breaches: 1, deducted: "5", item_score: "5", total: "95",
            }
        }

        /// Source: seed item 13: "未按时间节点和要求报送工作总结及相关材料的，每少一次扣1分，扣完5分为止。"
        rule_13b_missing_reports_capped_at_five {
            "none" {
                rule: "13b", item: "13",
                facts: [("13b", n(0))],
                breaches: 0, deducted: "0", item_score: "10", total: "100",
            }
            "1 missing" {
                rule: "13b", item: "13",
                facts: [("13b", n(1))],
                // 1 × 1 = 1 → item 9; total 99
                breaches: 1, deducted: "1", item_score: "9", total: "99",
            }
            "6 missing" {
                rule: "13b", item: "13",
                facts: [("13b", n(6))],
                // 6, capped at 5 → item 5; total 95
                breaches: 6, deducted: "5", item_score: "5", total: "95",
            }
            "6 missing and no training" {
                rule: "13b", item: "13",
                facts: [("13a", yes()), ("13b", n(6))],
                // 5 + 5 = 10 = item 13's points → item 0; total 90
                breaches: 6, deducted: "5", item_score: "0", total: "90",
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Beyond the table: the scorecard's JSON, and the two rows numbered 11
// ---------------------------------------------------------------------------

/// Source: seed item 2: "各监管科室未统筹安排年度双随机监管工作的扣2.5分"
///
/// The half point survives into JSON: the scorecard writes `"97.5"` and
/// `"2.5"` as strings, exactly.
#[test]
fn rule_2a_half_points_in_json() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("2a", yes())]);
    let card = rubric.evaluate(&inspection).unwrap();
    let json = serde_json::to_value(&card).unwrap();
    // 100 − 2.5 = 97.5
    assert_eq!(json["score"], "97.5", "total score in JSON");
    assert_eq!(json["deducted"], "2.5", "total deduction in JSON");
    assert_eq!(json["points"], "100", "total points in JSON");
    let item_2 = &json["indicators"][0]["items"][1];
    assert_eq!(item_2["id"], "2", "second item of 领导重视");
    // 5 − 2.5 = 2.5
    assert_eq!(item_2["score"], "2.5", "item 2 score in JSON");
    assert_eq!(
        item_2["rules"][0]["deducted"], "2.5",
        "2a deduction in JSON"
    );
}

/// Source: seed item 5: "未在规定时间内，及时建立监管对象名录库的扣5分。"
///
/// A flag recorded as one finding, through JSON (`{"note": "…"}`): the note
/// appears in the reason, in full-width parentheses.
#[test]
fn rule_5a_finding_note_in_reason() {
    let inspection: Inspection = serde_json::from_str(
        r#"{"rubric": "yuxi-shuangsuiji", "facts": {"5a": {"note": "名录库于2026-04-15才建立"}}}"#,
    )
    .unwrap();
    let rubric = ducha::seed::yuxi();
    let card = rubric.evaluate(&inspection).unwrap();
    let rule = card.rule("5a").unwrap();
    assert_eq!(rule.breaches(), 1, "one finding, one breach");
    // −5 → item 5 − 5 = 0; total 95
    assert_decimal(rule.deducted(), "5", "5a deduction");
    assert_decimal(card.item("5").unwrap().score(), "0", "item 5 score");
    assert_decimal(card.score(), "95", "total");
    assert_eq!(
        rule.reason(),
        "未在规定时间内建立监管对象名录库（名录库于2026-04-15才建立），扣5分",
        "5a reason with the finding's note"
    );
}

/// Source: seed item 11 (first row): "未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。" and
/// seed item 11 (second row): "未全量归集本科室产生的许可信息的，发现一起扣1分，扣完5分为止"
///
/// The document prints 11 twice; the two rows are scored independently,
/// each against its own points, and both print the serial "11".
#[test]
fn the_two_rows_numbered_11_are_scored_independently() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("11d", n(3)), ("11e", n(3))]);
    let card = rubric.evaluate(&inspection).unwrap();
    let first = card.item("11-1").unwrap();
    let second = card.item("11-2").unwrap();
    assert_eq!(first.item().serial, "11", "first row prints 11");
    assert_eq!(second.item().serial, "11", "second row prints 11");
    // 11d: 3, capped at 2 → 11-1 scores 5 − 2 = 3
    assert_decimal(first.points(), "5", "11-1 points");
    assert_decimal(first.score(), "3", "11-1 score");
    // 11e: 3 × 1 = 3 → 11-2 scores 15 − 3 = 12
    assert_decimal(second.points(), "15", "11-2 points");
    assert_decimal(second.score(), "12", "11-2 score");
    // total 100 − 2 − 3 = 95
    assert_decimal(card.score(), "95", "total");
    assert_eq!(
        first.reason(),
        "未配合好其他部门组织牵头的联合抽查检查工作：3起，扣3分，超过上限按2分扣",
        "11-1 reason names only its own rule"
    );
    assert_eq!(
        second.reason(),
        "未全量归集本科室产生的许可信息：3起，扣3分",
        "11-2 reason names only its own rule"
    );
}

// ---------------------------------------------------------------------------
// Whole inspections
// ---------------------------------------------------------------------------

/// The flag rules of the seed (read true/false), from the table.
const FLAG_RULES: [&str; 12] = [
    "2a", "2b", "3a", "4a", "4b", "4c", "5a", "11a", "11b", "11c", "12a", "13a",
];

/// The count rules of the seed, each with the fewest breaches that take its
/// full deduction: 1a 5 × 2 = 10 (item 1's points), caps of 5 → 5, 11d's
/// cap of 2 → 2, 12b's cap of 10 → 10.
const COUNT_RULES: [(&str, u64); 12] = [
    ("1a", 5),
    ("6a", 5),
    ("6b", 5),
    ("7a", 5),
    ("8a", 5),
    ("9a", 5),
    ("11d", 2),
    ("11e", 5),
    ("11f", 5),
    ("11g", 5),
    ("12b", 10),
    ("13b", 5),
];

/// Every clause breached as much as possible empties every item: the
/// document's deductions reach each item's points (item 1 by 5 × 2 = 10,
/// item 12 by 5 + 10 bounded to 10, all others exactly), so the total is 0.
/// Both with just enough breaches and with `u64::MAX` of each.
#[test]
fn everything_breached_scores_exactly_zero() {
    let rubric = ducha::seed::yuxi();
    for (name, far) in [("just enough", false), ("u64::MAX each", true)] {
        let mut facts: Vec<(&str, Fact)> = FLAG_RULES.iter().map(|id| (*id, yes())).collect();
        facts.extend(
            COUNT_RULES
                .iter()
                .map(|(id, count)| (*id, n(if far { u64::MAX } else { *count }))),
        );
        let inspection = inspection(&facts);
        let card = rubric.evaluate(&inspection).unwrap();
        assert!(card.is_complete(), "{name}: every rule has a fact");
        assert_decimal(card.deducted(), "100", &format!("{name}: total deduction"));
        assert_decimal(card.score(), "0", &format!("{name}: total score"));
        assert_eq!(card.items().count(), 13, "{name}: 13 items");
        for item in card.items() {
            assert_decimal(
                item.score(),
                "0",
                &format!("{name}: score of item {}", item.id()),
            );
            assert_eq!(
                item.deducted(),
                item.points(),
                "{name}: item {} fully deducted",
                item.id()
            );
        }
        for group in card.indicators() {
            assert_decimal(
                group.score(),
                "0",
                &format!("{name}: score of {}", group.id()),
            );
        }
        for rule in card.rules() {
            assert!(rule.breaches() > 0, "{name}: {} breached", rule.id());
        }
    }
}

/// No facts at all: nothing assessed, nothing deducted, full marks, and the
/// scorecard says the inspection is incomplete.
#[test]
fn empty_inspection_is_full_marks_and_incomplete() {
    let rubric = ducha::seed::yuxi();
    let inspection = Inspection::new();
    let card = rubric.evaluate(&inspection).unwrap();
    assert_decimal(card.score(), "100", "total score");
    assert_decimal(card.deducted(), "0", "total deduction");
    assert!(!card.is_complete(), "no facts: incomplete");
    assert_eq!(card.rules().count(), 24, "24 rule outcomes");
    for rule in card.rules() {
        assert!(!rule.assessed(), "{} not assessed", rule.id());
        assert_eq!(rule.fact(), None, "{} has no fact", rule.id());
        assert_eq!(rule.breaches(), 0, "{} no breaches", rule.id());
        assert_decimal(rule.deducted(), "0", &format!("{} deduction", rule.id()));
        assert_eq!(rule.reason(), "", "{} no reason", rule.id());
    }
    for item in card.items() {
        assert_eq!(item.score(), item.points(), "item {} full marks", item.id());
        assert_eq!(item.reason(), "", "item {} no reason", item.id());
    }
}

/// Every rule assessed and clean: full marks and a complete inspection.
#[test]
fn clean_complete_inspection_is_full_marks() {
    let rubric = ducha::seed::yuxi();
    let mut facts: Vec<(&str, Fact)> = FLAG_RULES.iter().map(|id| (*id, no())).collect();
    facts.extend(COUNT_RULES.iter().map(|(id, _)| (*id, n(0))));
    let inspection = inspection(&facts);
    let card = rubric.evaluate(&inspection).unwrap();
    assert!(card.is_complete(), "all 24 rules have a fact");
    assert_decimal(card.score(), "100", "total score");
    assert!(card.rules().all(|r| r.assessed()), "every rule assessed");
}

/// The bundled sample inspection (`examples/data/yuxi-sample.json`), scored
/// by hand.
#[test]
fn bundled_sample_scores_69_5() {
    let inspection: Inspection =
        serde_json::from_str(include_str!("../examples/data/yuxi-sample.json")).unwrap();
    let rubric = ducha::seed::yuxi();
    let card = rubric.evaluate(&inspection).unwrap();
    // (item, score, how)
    let items = [
        ("1", "8", "1a: 1 × 2 = 2 → 10 − 2"),
        ("2", "2.5", "2b: −2.5 → 5 − 2.5"),
        ("3", "5", "3a false"),
        ("4", "7", "4b: −3 → 10 − 3"),
        ("5", "5", "5a false"),
        (
            "6",
            "3",
            "6a: 2 findings × 1 = 2; 6b: 7, capped at 5 → 10 − 7",
        ),
        ("7", "4", "7a: 1 finding → 5 − 1"),
        ("8", "5", "8a: 0"),
        ("9", "4", "9a: 1 finding → 5 − 1"),
        ("11-1", "4", "11c: −1 → 5 − 1"),
        ("11-2", "13", "11e: 2 → 15 − 2; 11f not assessed; 11g 0"),
        ("12", "0", "12a 5 + 12b 7 = 12, bounded by 10 → 0"),
        ("13", "9", "13b: 1 → 10 − 1"),
    ];
    for (id, score, how) in items {
        assert_decimal(
            card.item(id).unwrap().score(),
            score,
            &format!("sample item {id} ({how})"),
        );
    }
    // Deductions 2 + 2.5 + 3 + 7 + 1 + 1 + 1 + 2 + 10 + 1 = 30.5;
    // 100 − 30.5 = 69.5
    assert_decimal(card.deducted(), "30.5", "sample total deduction");
    assert_decimal(card.score(), "69.5", "sample total score");
    // Groups: 15 − 4.5 = 10.5; 65 − (3+7+1+1+1+2) = 50; 10 − 10 = 0; 10 − 1 = 9
    let groups: Vec<(String, String)> = card
        .indicators()
        .map(|g| (g.id().to_string(), g.score().to_string()))
        .collect();
    let expected: Vec<(String, String)> = [("G1", "10.5"), ("G2", "50"), ("G3", "0"), ("G4", "9")]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(groups, expected, "sample group scores");
    assert!(!card.is_complete(), "sample leaves 11f out");
    let unassessed: Vec<&str> = card
        .rules()
        .filter(|r| !r.assessed())
        .map(|r| r.id().as_str())
        .collect();
    assert_eq!(unassessed, ["11f"], "only 11f is not assessed");
    assert_eq!(
        card.item("6").unwrap().reason(),
        "未按抽查计划要求按时按质完成抽查任务：2项（民办学校办学行为抽查（第二季度）未按时完成；校车安全抽查抽取比例不足），扣2分；县（市、区）局对口业务未按时按质按量完成抽查计划：7项，扣7分，超过上限按5分扣",
        "sample item 6 reason"
    );
    assert_eq!(
        card.item("12").unwrap().reason(),
        "检查实施清单完善率未达到100%（实测96%，应达到100%），扣5分；未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：7次，扣7分，受第12项分值10分所限，实扣5分",
        "sample item 12 reason (12a measured 0.96 against 100%)"
    );
    assert_eq!(
        card.item("4").unwrap().reason(),
        "抽查工作计划未涵盖一般检查事项和重点检查事项，扣3分",
        "sample item 4 reason skips 4a and 4c (false)"
    );
}

/// Evaluating the same inspection twice gives byte-identical JSON.
#[test]
fn sample_json_is_deterministic() {
    let inspection: Inspection =
        serde_json::from_str(include_str!("../examples/data/yuxi-sample.json")).unwrap();
    let rubric = ducha::seed::yuxi();
    let first = serde_json::to_string(&rubric.evaluate(&inspection).unwrap()).unwrap();
    let second = serde_json::to_string(&rubric.evaluate(&inspection).unwrap()).unwrap();
    assert_eq!(first, second, "same input, same bytes");
    assert!(
        first.contains(r#""score":"69.5""#),
        "score as a string in JSON: {first}"
    );
}

/// The seed rubric written as JSON and read back is the same rubric, and
/// scores the sample the same: 69.5.
#[test]
fn seed_rubric_json_round_trips() {
    let rubric = ducha::seed::yuxi();
    let json = serde_json::to_string(&rubric).unwrap();
    let back: ducha::Rubric = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rubric, "rubric JSON round-trips");
    let inspection: Inspection =
        serde_json::from_str(include_str!("../examples/data/yuxi-sample.json")).unwrap();
    let card = back.evaluate(&inspection).unwrap();
    assert_decimal(
        card.score(),
        "69.5",
        "the read-back rubric scores the sample",
    );
}
