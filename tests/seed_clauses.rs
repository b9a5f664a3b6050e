//! The seed rubric's clauses as tests.
//!
//! For each of the 24 deduction rules of 玉溪市教育体育局机关“双随机、一公开”
//! 监管工作督查细则（试行） there is a test that cites its clause verbatim
//! (`/// Source: seed item …`) and checks, case by case, the rule's breaches
//! and deduction, the item's score and the total score.
//!
//! Every expected number is worked out by hand from the original document,
//! with the arithmetic in a comment beside it; none is computed with the
//! library. Rule ids (`1a` … `13b`) are those of the project's table of the
//! rubric (`rubric-table.md`); the two rows the document prints as 11 are the
//! items `11-1` (joint inspections, 5 points) and `11-2` (the collaborative
//! platform, 15 points).

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions unwrap and panic like the tests they serve"
)]

use ducha::{Decimal, Fact, Finding, Id, Inspection, LimitedBy, Penalty, Points};

/// An exact decimal from its text.
fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// Points from their text.
fn pts(s: &str) -> Points {
    s.parse().unwrap()
}

/// Asserts a decimal both by value and as printed: `97.5`, never `97.50`.
fn assert_decimal(actual: Decimal, expected: &str, what: &str) {
    assert_eq!(actual, dec(expected), "{what}: value");
    assert_eq!(actual.to_string(), expected, "{what}: printed form");
}

/// An inspection of the seed rubric with these facts.
fn inspection(facts: &[(&str, Fact)]) -> Inspection {
    let mut inspection = Inspection::new().for_rubric("yuxi-shuangsuiji").unwrap();
    for (rule, fact) in facts {
        inspection = inspection.with(rule, fact.clone()).unwrap();
    }
    inspection
}

/// One inspection and what it must give, worked out by hand.
struct Case {
    /// What the case is, for messages.
    name: &'static str,
    /// The facts recorded (the rule under test, and any others).
    facts: Vec<(&'static str, Fact)>,
    /// Breaches of the rule under test.
    breaches: u64,
    /// The deduction of the rule under test that counts.
    deducted: &'static str,
    /// The score of the rule's item.
    item_score: &'static str,
    /// The total score (of 100).
    total: &'static str,
}

/// Evaluates each case against the seed rubric and checks rule `rule` of
/// item `item`.
fn check(rule: &str, item: &str, cases: &[Case]) {
    let rubric = ducha::seed::yuxi();
    for case in cases {
        let inspection = inspection(&case.facts);
        let card = rubric.evaluate(&inspection).unwrap();
        let ctx = format!("rule {rule}, case `{}`", case.name);
        let outcome = card
            .rule(rule)
            .unwrap_or_else(|| panic!("{ctx}: no outcome"));
        assert!(
            outcome.assessed(),
            "{ctx}: the rule has a fact, so it is assessed"
        );
        assert_eq!(outcome.breaches(), case.breaches, "{ctx}: breaches");
        assert_decimal(
            outcome.deducted(),
            case.deducted,
            &format!("{ctx}: deduction of {rule}"),
        );
        let item_outcome = card
            .item(item)
            .unwrap_or_else(|| panic!("{ctx}: no item {item}"));
        assert_decimal(
            item_outcome.score(),
            case.item_score,
            &format!("{ctx}: score of item {item}"),
        );
        assert_decimal(card.score(), case.total, &format!("{ctx}: total score"));
    }
}

/// The reason of rule `rule` for these facts.
fn rule_reason(facts: &[(&str, Fact)], rule: &str) -> String {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(facts);
    let card = rubric.evaluate(&inspection).unwrap();
    card.rule(rule).unwrap().reason()
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

    let flat = |p: &str| Penalty::Flat { points: pts(p) };
    let per = |p: &str| Penalty::PerOccurrence { points: pts(p) };
    let capped = |p: &str, cap: &str| Penalty::Capped {
        points: pts(p),
        cap: pts(cap),
    };
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
// Item 1 (领导重视, 10 points)
// ---------------------------------------------------------------------------

/// Source: seed item 1: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。"
///
/// Sessions are due every quarter (每季度), so a year has at most 4 missing;
/// the clause names no cap of its own, only the item's 10 points bound it.
#[test]
fn rule_1a_per_missing_session() {
    check(
        "1a",
        "1",
        &[
            Case {
                name: "none missing",
                facts: vec![("1a", n(0))],
                // 0 × 2 = 0 → item 10; total 100
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "1 missing",
                facts: vec![("1a", n(1))],
                // 1 × 2 = 2 → item 10 − 2 = 8; total 98
                breaches: 1,
                deducted: "2",
                item_score: "8",
                total: "98",
            },
            Case {
                name: "4 missing quarterly sessions (a whole year)",
                facts: vec![("1a", n(4))],
                // 4 × 2 = 8 → item 10 − 8 = 2; total 100 − 8 = 92
                breaches: 4,
                deducted: "8",
                item_score: "2",
                total: "92",
            },
            Case {
                name: "5 missing",
                facts: vec![("1a", n(5))],
                // 5 × 2 = 10 = the item's points → item 0; total 90
                breaches: 5,
                deducted: "10",
                item_score: "0",
                total: "90",
            },
            Case {
                name: "6 missing",
                facts: vec![("1a", n(6))],
                // 6 × 2 = 12 > 10 points → 10 deducted, item 0; total 90
                breaches: 6,
                deducted: "10",
                item_score: "0",
                total: "90",
            },
        ],
    );
}

/// Source: seed item 1: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。"
///
/// Six missing sessions price at 6 × 2 = 12, more than item 1's 10 points:
/// the item bound (not a cap of the rule's own) trims it to 10.
#[test]
fn rule_1a_beyond_the_items_points_is_bounded_by_item_1() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("1a", n(6))]);
    let card = rubric.evaluate(&inspection).unwrap();
    let rule = card.rule("1a").unwrap();
    assert_decimal(rule.raw(), "12", "1a raw: 6 × 2");
    assert_decimal(rule.capped(), "12", "1a has no cap of its own");
    assert_decimal(rule.deducted(), "10", "1a bounded by item 1's 10 points");
    let item_1 = Id::new("1").unwrap();
    assert_eq!(
        rule.limited_by(),
        Some(LimitedBy::Node {
            id: &item_1,
            points: dec("10")
        }),
        "1a is limited by item 1"
    );
    assert_eq!(
        rule.reason(),
        "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作：6次，扣12分，受第1项分值10分所限，实扣10分",
        "1a reason when the item bound trims"
    );
}

/// Source: seed item 1: "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。"
///
/// The per-occurrence reason: label, count in 次, raw deduction; nothing
/// limits 4 × 2 = 8.
#[test]
fn rule_1a_reason_per_occurrence() {
    let facts = [("1a", n(4))];
    assert_eq!(
        rule_reason(&facts, "1a"),
        "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作：4次，扣8分",
        "1a reason, 4 missing"
    );
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&facts);
    let card = rubric.evaluate(&inspection).unwrap();
    assert_eq!(
        card.rule("1a").unwrap().limited_by(),
        None,
        "8 ≤ 10: nothing limits 1a"
    );
}

// ---------------------------------------------------------------------------
// Item 2 (领导重视, 5 points)
// ---------------------------------------------------------------------------

/// Source: seed item 2: "各监管科室未统筹安排年度双随机监管工作的扣2.5分"
#[test]
fn rule_2a_flat_two_and_a_half() {
    check(
        "2a",
        "2",
        &[
            Case {
                name: "arranged",
                facts: vec![("2a", no())],
                // no breach → item 5; total 100
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "not arranged",
                facts: vec![("2a", yes())],
                // −2.5 → item 5 − 2.5 = 2.5; total 100 − 2.5 = 97.5
                breaches: 1,
                deducted: "2.5",
                item_score: "2.5",
                total: "97.5",
            },
        ],
    );
}

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

/// Source: seed item 2: "未明确日常联络员的扣2.5分。"
#[test]
fn rule_2b_flat_two_and_a_half() {
    check(
        "2b",
        "2",
        &[
            Case {
                name: "liaison named",
                facts: vec![("2b", no())],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "no liaison",
                facts: vec![("2b", yes())],
                // −2.5 → item 2.5; total 97.5
                breaches: 1,
                deducted: "2.5",
                item_score: "2.5",
                total: "97.5",
            },
            Case {
                name: "no liaison, and 1a once",
                facts: vec![("2b", yes()), ("1a", n(1))],
                // 2b −2.5 → item 2.5; total 100 − 2.5 − 2 = 95.5
                breaches: 1,
                deducted: "2.5",
                item_score: "2.5",
                total: "95.5",
            },
        ],
    );
    assert_eq!(
        rule_reason(&[("2b", yes())], "2b"),
        "未明确日常联络员，扣2.5分",
        "2b reason: a flag has no count"
    );
    assert_eq!(
        rule_reason(&[("2b", no())], "2b"),
        "",
        "2b reason without a breach"
    );
}

/// Source: seed item 2: "各监管科室未统筹安排年度双随机监管工作的扣2.5分；未明确日常联络员的扣2.5分。"
///
/// Both halves: 2.5 + 2.5 = 5 exactly, the item's points, so item 2 scores
/// exactly 0 — no float residue, printed "0".
#[test]
fn rules_2a_and_2b_together_empty_item_2_exactly() {
    let rubric = ducha::seed::yuxi();
    let facts = [("2a", yes()), ("2b", yes())];
    let inspection = inspection(&facts);
    let card = rubric.evaluate(&inspection).unwrap();
    let item = card.item("2").unwrap();
    // 2.5 + 2.5 = 5 → item 5 − 5 = 0; total 95
    assert_eq!(item.deducted(), dec("5"), "item 2 deduction");
    assert_eq!(item.score(), Decimal::ZERO, "item 2 score is exactly 0");
    assert_eq!(item.score().to_string(), "0", "item 2 score printed");
    assert_decimal(card.score(), "95", "total");
    for rule in ["2a", "2b"] {
        let outcome = card.rule(rule).unwrap();
        assert_decimal(outcome.deducted(), "2.5", &format!("{rule} keeps its 2.5"));
        assert_eq!(
            outcome.limited_by(),
            None,
            "{rule}: 5 fits item 2's 5 points"
        );
    }
    assert_eq!(
        item.reason(),
        "未统筹安排年度双随机监管工作，扣2.5分；未明确日常联络员，扣2.5分",
        "item 2 reason joins both rules with ；"
    );
}

// ---------------------------------------------------------------------------
// Item 3 (5 points)
// ---------------------------------------------------------------------------

/// Source: seed item 3: "未在规定时间内，及时制定、报送部门随机抽查事项清单的，扣5分。"
#[test]
fn rule_3a_late_checklist() {
    check(
        "3a",
        "3",
        &[
            Case {
                name: "on time",
                facts: vec![("3a", no())],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "late",
                facts: vec![("3a", yes())],
                // −5 → item 0; total 95
                breaches: 1,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
            Case {
                name: "late, recorded as a finding",
                facts: vec![("3a", Fact::Finding(Finding::new("清单于4月3日才报送")))],
                // one finding is one breach: −5 → item 0; total 95
                breaches: 1,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// Item 4 (10 points)
// ---------------------------------------------------------------------------

/// Source: seed item 4: "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分"
#[test]
fn rule_4a_late_annual_plan() {
    check(
        "4a",
        "4",
        &[
            Case {
                name: "on time",
                facts: vec![("4a", no())],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "late",
                facts: vec![("4a", yes())],
                // −5 → item 10 − 5 = 5; total 95
                breaches: 1,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 4: "抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分"
#[test]
fn rule_4b_plan_misses_items() {
    check(
        "4b",
        "4",
        &[
            Case {
                name: "covered",
                facts: vec![("4b", no())],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "not covered",
                facts: vec![("4b", yes())],
                // −3 → item 7; total 97
                breaches: 1,
                deducted: "3",
                item_score: "7",
                total: "97",
            },
        ],
    );
}

/// Source: seed item 4: "未合理确定随机抽查的比例和频次的扣2分。"
#[test]
fn rule_4c_ratio_and_frequency() {
    check(
        "4c",
        "4",
        &[
            Case {
                name: "set",
                facts: vec![("4c", no())],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "not set",
                facts: vec![("4c", yes())],
                // −2 → item 8; total 98
                breaches: 1,
                deducted: "2",
                item_score: "8",
                total: "98",
            },
            Case {
                name: "all three of item 4",
                facts: vec![("4a", yes()), ("4b", yes()), ("4c", yes())],
                // 5 + 3 + 2 = 10 = item 4's points → item 0, nothing trimmed;
                // total 90
                breaches: 1,
                deducted: "2",
                item_score: "0",
                total: "90",
            },
        ],
    );
}

/// Source: seed item 4: "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分，抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分，未合理确定随机抽查的比例和频次的扣2分。"
///
/// The three flats sum to exactly the item's 10 points: each keeps its
/// whole deduction and none is reported as limited.
#[test]
fn item_4_three_flags_sum_to_exactly_ten() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("4a", yes()), ("4b", yes()), ("4c", yes())]);
    let card = rubric.evaluate(&inspection).unwrap();
    // 5 + 3 + 2 = 10
    for (rule, deducted) in [("4a", "5"), ("4b", "3"), ("4c", "2")] {
        let outcome = card.rule(rule).unwrap();
        assert_decimal(outcome.deducted(), deducted, &format!("{rule} deduction"));
        assert_eq!(
            outcome.limited_by(),
            None,
            "{rule}: nothing trims at exactly 10"
        );
    }
    let item = card.item("4").unwrap();
    assert_decimal(item.deducted(), "10", "item 4 deduction");
    assert_decimal(item.score(), "0", "item 4 score");
    assert_decimal(card.score(), "90", "total: 100 − 10");
    assert_eq!(
        item.reason(),
        "未在规定时间内制定、报送本部门年度抽查工作计划，扣5分；抽查工作计划未涵盖一般检查事项和重点检查事项，扣3分；未合理确定随机抽查的比例和频次，扣2分",
        "item 4 reason joins three rules"
    );
}

// ---------------------------------------------------------------------------
// Item 5 (5 points)
// ---------------------------------------------------------------------------

/// Source: seed item 5: "未在规定时间内，及时建立监管对象名录库的扣5分。"
#[test]
fn rule_5a_late_registry() {
    check(
        "5a",
        "5",
        &[
            Case {
                name: "on time",
                facts: vec![("5a", no())],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "late",
                facts: vec![("5a", yes())],
                // −5 → item 0; total 95
                breaches: 1,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
        ],
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

// ---------------------------------------------------------------------------
// Item 6 (10 points)
// ---------------------------------------------------------------------------

/// Source: seed item 6: "未按抽查计划要求按时按质完成各项抽查任务的，每发现一项任务扣1分，扣完5分为止"
#[test]
fn rule_6a_late_tasks_capped_at_five() {
    check(
        "6a",
        "6",
        &[
            Case {
                name: "none",
                facts: vec![("6a", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "1 task",
                facts: vec![("6a", n(1))],
                // 1 × 1 = 1 → item 9; total 99
                breaches: 1,
                deducted: "1",
                item_score: "9",
                total: "99",
            },
            Case {
                name: "5 tasks, exactly the cap",
                facts: vec![("6a", n(5))],
                // 5 × 1 = 5 = cap → item 5; total 95
                breaches: 5,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
            Case {
                name: "6 tasks, one past the cap",
                facts: vec![("6a", n(6))],
                // 6 × 1 = 6, capped at 5 → item 5; total 95
                breaches: 6,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
            Case {
                name: "2 listed tasks",
                facts: vec![("6a", Fact::findings(["任务甲", "任务乙"]))],
                // 2 × 1 = 2 → item 8; total 98
                breaches: 2,
                deducted: "2",
                item_score: "8",
                total: "98",
            },
        ],
    );
}

/// Source: seed item 6: "未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止。"
#[test]
fn rule_6b_county_tasks_capped_at_five() {
    check(
        "6b",
        "6",
        &[
            Case {
                name: "none",
                facts: vec![("6b", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "3 tasks",
                facts: vec![("6b", n(3))],
                // 3 × 1 = 3 → item 7; total 97
                breaches: 3,
                deducted: "3",
                item_score: "7",
                total: "97",
            },
            Case {
                name: "7 tasks",
                facts: vec![("6b", n(7))],
                // 7 × 1 = 7, capped at 5 → item 5; total 95
                breaches: 7,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
            Case {
                name: "6a and 6b both at their caps",
                facts: vec![("6a", n(9)), ("6b", n(9))],
                // 5 + 5 = 10 = item 6's points → item 0; total 90
                breaches: 9,
                deducted: "5",
                item_score: "0",
                total: "90",
            },
        ],
    );
}

/// Source: seed item 6: "未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止。"
///
/// Past the cap: the reason shows the raw 7 and the cap of 5, and the rule
/// reports its own cap as what limited it.
#[test]
fn rule_6b_reason_beyond_the_cap() {
    let facts = [("6b", n(7))];
    assert_eq!(
        rule_reason(&facts, "6b"),
        "县（市、区）局对口业务未按时按质按量完成抽查计划：7项，扣7分，超过上限按5分扣",
        "6b reason, 7 tasks"
    );
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&facts);
    let card = rubric.evaluate(&inspection).unwrap();
    let rule = card.rule("6b").unwrap();
    assert_decimal(rule.raw(), "7", "6b raw: 7 × 1");
    assert_decimal(rule.capped(), "5", "6b after its cap");
    assert_eq!(
        rule.limited_by(),
        Some(LimitedBy::Cap(pts("5"))),
        "6b limited by its own cap"
    );
}

// ---------------------------------------------------------------------------
// Items 7, 8, 9 (5 points each)
// ---------------------------------------------------------------------------

/// Source: seed item 7: "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。"
#[test]
fn rule_7a_unpublished_results_capped_at_five() {
    check(
        "7a",
        "7",
        &[
            Case {
                name: "none",
                facts: vec![("7a", Fact::Findings(vec![]))],
                // an empty list is no breach → item 5; total 100
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "2 cases",
                facts: vec![("7a", n(2))],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2,
                deducted: "2",
                item_score: "3",
                total: "98",
            },
            Case {
                name: "5 cases, exactly the cap",
                facts: vec![("7a", n(5))],
                // 5 × 1 = 5 → item 0; total 95
                breaches: 5,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
            Case {
                name: "7 cases",
                facts: vec![("7a", n(7))],
                // 7 cases × 1 = 7, capped at 5 → item 7 scores 5 − 5 = 0;
                // total 100 − 5 = 95
                breaches: 7,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 7: "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。"
///
/// A list of findings: one breach per finding, their notes in the reason in
/// order, separated by `；`.
#[test]
fn rule_7a_reason_lists_the_findings() {
    let facts = [(
        "7a",
        Fact::findings([
            "民办学校抽查结果于完成后第23个工作日公示",
            "校车安全抽查结果未公示",
        ]),
    )];
    assert_eq!(
        rule_reason(&facts, "7a"),
        "抽查任务完成后20个工作日内未公示抽查检查结果：2起（民办学校抽查结果于完成后第23个工作日公示；校车安全抽查结果未公示），扣2分",
        "7a reason with two notes"
    );
    // Findings with empty notes count, but add no parentheses.
    let silent = [(
        "7a",
        Fact::Findings(vec![Finding::default(), Finding::default()]),
    )];
    assert_eq!(
        rule_reason(&silent, "7a"),
        "抽查任务完成后20个工作日内未公示抽查检查结果：2起，扣2分",
        "7a reason with two findings without notes"
    );
}

/// Source: seed item 8: "对抽查中发现的各类问题，未做好后续监管衔接，未依法查处相关违法违规行为的，发现一起扣1分，扣完5分为止。"
#[test]
fn rule_8a_no_follow_up_capped_at_five() {
    check(
        "8a",
        "8",
        &[
            Case {
                name: "none",
                facts: vec![("8a", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "2 cases",
                facts: vec![("8a", Fact::findings(["某校未整改", "某机构未立案"]))],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2,
                deducted: "2",
                item_score: "3",
                total: "98",
            },
            Case {
                name: "6 cases",
                facts: vec![("8a", n(6))],
                // 6 × 1 = 6, capped at 5 → item 0; total 95
                breaches: 6,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 9: "未按照档案管理相关要求，规范抽查检查归案材料的，发现一起扣1分，扣完5分为止。"
#[test]
fn rule_9a_files_capped_at_five() {
    check(
        "9a",
        "9",
        &[
            Case {
                name: "none",
                facts: vec![("9a", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "4 cases",
                facts: vec![("9a", n(4))],
                // 4 × 1 = 4 → item 1; total 96
                breaches: 4,
                deducted: "4",
                item_score: "1",
                total: "96",
            },
            Case {
                name: "20 cases",
                facts: vec![("9a", n(20))],
                // 20 × 1 = 20, capped at 5 → item 0; total 95
                breaches: 20,
                deducted: "5",
                item_score: "0",
                total: "95",
            },
        ],
    );
}

// ---------------------------------------------------------------------------
// Item 11, first row (joint inspections, 5 points)
// ---------------------------------------------------------------------------

/// Source: seed item 11 (first row): "未梳理参与其他部门开展部门联合检查事项的扣1分"
#[test]
fn rule_11a_joint_inspection_matters() {
    check(
        "11a",
        "11-1",
        &[
            Case {
                name: "done",
                facts: vec![("11a", no())],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "not done",
                facts: vec![("11a", yes())],
                // −1 → item 11-1 scores 4; total 99
                breaches: 1,
                deducted: "1",
                item_score: "4",
                total: "99",
            },
        ],
    );
}

/// Source: seed item 11 (first row): "未梳理可以参与联合检查部门的扣1分"
#[test]
fn rule_11b_joint_inspection_departments() {
    check(
        "11b",
        "11-1",
        &[
            Case {
                name: "done",
                facts: vec![("11b", no())],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "not done",
                facts: vec![("11b", yes())],
                // −1 → item 4; total 99
                breaches: 1,
                deducted: "1",
                item_score: "4",
                total: "99",
            },
        ],
    );
}

/// Source: seed item 11 (first row): "未牵头组织开展部门联合双随机抽查检查的扣1分"
#[test]
fn rule_11c_lead_a_joint_inspection() {
    check(
        "11c",
        "11-1",
        &[
            Case {
                name: "led one",
                facts: vec![("11c", no())],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "led none",
                facts: vec![("11c", yes())],
                // −1 → item 4; total 99
                breaches: 1,
                deducted: "1",
                item_score: "4",
                total: "99",
            },
        ],
    );
}

/// Source: seed item 11 (first row): "未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。"
///
/// The only cap of 2 in the document.
#[test]
fn rule_11d_cooperation_capped_at_two() {
    check(
        "11d",
        "11-1",
        &[
            Case {
                name: "none",
                facts: vec![("11d", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "5",
                total: "100",
            },
            Case {
                name: "1 case",
                facts: vec![("11d", n(1))],
                // 1 × 1 = 1 → item 4; total 99
                breaches: 1,
                deducted: "1",
                item_score: "4",
                total: "99",
            },
            Case {
                name: "2 cases, exactly the cap",
                facts: vec![("11d", n(2))],
                // 2 × 1 = 2 → item 3; total 98
                breaches: 2,
                deducted: "2",
                item_score: "3",
                total: "98",
            },
            Case {
                name: "3 cases",
                facts: vec![("11d", n(3))],
                // 3 × 1 = 3, capped at 2 → item 5 − 2 = 3; total 98
                breaches: 3,
                deducted: "2",
                item_score: "3",
                total: "98",
            },
        ],
    );
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("11d", n(3))]);
    let card = rubric.evaluate(&inspection).unwrap();
    let rule = card.rule("11d").unwrap();
    assert_eq!(
        rule.limited_by(),
        Some(LimitedBy::Cap(pts("2"))),
        "11d, 3 cases: limited by its cap of 2"
    );
    assert_eq!(
        rule.reason(),
        "未配合好其他部门组织牵头的联合抽查检查工作：3起，扣3分，超过上限按2分扣",
        "11d reason past its cap"
    );
}

/// Source: seed item 11 (first row): "未梳理参与其他部门开展部门联合检查事项的扣1分；未梳理可以参与联合检查部门的扣1分；未牵头组织开展部门联合双随机抽查检查的扣1分；未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。"
///
/// Every clause of the first row breached: 1 + 1 + 1 + 2 = 5, the row's
/// points, and the second row 11 is untouched.
#[test]
fn item_11_first_row_all_breached() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[
        ("11a", yes()),
        ("11b", yes()),
        ("11c", yes()),
        ("11d", n(4)),
    ]);
    let card = rubric.evaluate(&inspection).unwrap();
    // 1 + 1 + 1 + min(4, 2) = 5 → item 11-1 scores 0; item 11-2 keeps 15;
    // total 95
    assert_decimal(card.item("11-1").unwrap().score(), "0", "item 11-1 score");
    assert_decimal(card.item("11-2").unwrap().score(), "15", "item 11-2 score");
    assert_decimal(card.score(), "95", "total");
    for rule in ["11a", "11b", "11c"] {
        assert_eq!(
            card.rule(rule).unwrap().limited_by(),
            None,
            "{rule} not limited"
        );
    }
    assert_eq!(
        card.rule("11d").unwrap().limited_by(),
        Some(LimitedBy::Cap(pts("2"))),
        "11d limited by its cap, not by the row's points (exactly 5)"
    );
}

// ---------------------------------------------------------------------------
// Item 11, second row (the collaborative platform, 15 points)
// ---------------------------------------------------------------------------

/// Source: seed item 11 (second row): "未全量归集本科室产生的许可信息的，发现一起扣1分，扣完5分为止"
#[test]
fn rule_11e_own_licence_records_capped_at_five() {
    check(
        "11e",
        "11-2",
        &[
            Case {
                name: "none",
                facts: vec![("11e", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "15",
                total: "100",
            },
            Case {
                name: "2 records",
                facts: vec![("11e", n(2))],
                // 2 × 1 = 2 → item 15 − 2 = 13; total 98
                breaches: 2,
                deducted: "2",
                item_score: "13",
                total: "98",
            },
            Case {
                name: "8 records",
                facts: vec![("11e", n(8))],
                // 8 × 1 = 8, capped at 5 → item 10; total 95
                breaches: 8,
                deducted: "5",
                item_score: "10",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 11 (second row): "未督促县（市、区）局、分局对口业务股室全量归集许可信息的，发现一起扣1分，扣完5分为止"
#[test]
fn rule_11f_county_licence_records_capped_at_five() {
    check(
        "11f",
        "11-2",
        &[
            Case {
                name: "none",
                facts: vec![("11f", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "15",
                total: "100",
            },
            Case {
                name: "5 records, exactly the cap",
                facts: vec![("11f", n(5))],
                // 5 × 1 = 5 → item 10; total 95
                breaches: 5,
                deducted: "5",
                item_score: "10",
                total: "95",
            },
            Case {
                name: "6 records",
                facts: vec![("11f", n(6))],
                // 6, capped at 5 → item 10; total 95
                breaches: 6,
                deducted: "5",
                item_score: "10",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 11 (second row): "除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外，未按照“谁办案、谁录入、谁负责”原则，公示行政处罚信息和结果的发现一起扣1分，扣完5分为止。"
#[test]
fn rule_11g_penalty_publicity_capped_at_five() {
    check(
        "11g",
        "11-2",
        &[
            Case {
                name: "none",
                facts: vec![("11g", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "15",
                total: "100",
            },
            Case {
                name: "1 decision",
                facts: vec![("11g", Fact::findings(["某培训机构行政处罚决定未公示"]))],
                // 1 × 1 = 1 → item 14; total 99
                breaches: 1,
                deducted: "1",
                item_score: "14",
                total: "99",
            },
            Case {
                name: "all three of the second row at their caps",
                facts: vec![("11e", n(5)), ("11f", n(6)), ("11g", n(7))],
                // 5 + 5 + 5 = 15 = the row's points → item 0; total 85
                breaches: 7,
                deducted: "5",
                item_score: "0",
                total: "85",
            },
        ],
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
// Item 12 (互联网+监管, 10 points)
// ---------------------------------------------------------------------------

/// Source: seed item 12: "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分"
#[test]
fn rule_12a_checklist_below_100_percent() {
    check(
        "12a",
        "12",
        &[
            Case {
                name: "complete",
                facts: vec![("12a", no())],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "incomplete",
                facts: vec![("12a", yes())],
                // −5 → item 5; total 95
                breaches: 1,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 12: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
#[test]
fn rule_12b_missing_data_pushes_capped_at_ten() {
    check(
        "12b",
        "12",
        &[
            Case {
                name: "none",
                facts: vec![("12b", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "7 missing",
                facts: vec![("12b", n(7))],
                // 7 × 1 = 7 → item 3; total 93
                breaches: 7,
                deducted: "7",
                item_score: "3",
                total: "93",
            },
            Case {
                name: "10 missing, exactly the cap",
                facts: vec![("12b", n(10))],
                // 10 × 1 = 10 → item 0; total 90
                breaches: 10,
                deducted: "10",
                item_score: "0",
                total: "90",
            },
            Case {
                name: "12 missing",
                facts: vec![("12b", n(12))],
                // 12 × 1 = 12, capped at 10 → item 0; total 90
                breaches: 12,
                deducted: "10",
                item_score: "0",
                total: "90",
            },
        ],
    );
}

/// Source: seed item 12: "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
///
/// Alone, 12 missing pushes hit the rule's own cap of 10, which equals the
/// item's points: the cap, not the item, is what limits.
#[test]
fn rule_12b_alone_beyond_its_cap() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("12b", n(12))]);
    let card = rubric.evaluate(&inspection).unwrap();
    let rule = card.rule("12b").unwrap();
    // 12 × 1 = 12, capped at 10 → item 10 − 10 = 0; total 90
    assert_decimal(rule.raw(), "12", "12b raw");
    assert_decimal(rule.deducted(), "10", "12b deduction");
    assert_eq!(
        rule.limited_by(),
        Some(LimitedBy::Cap(pts("10"))),
        "12b limited by its cap"
    );
    assert_decimal(card.item("12").unwrap().score(), "0", "item 12 score");
    assert_decimal(card.score(), "90", "total");
    assert_eq!(
        rule.reason(),
        "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：12次，扣12分，超过上限按10分扣",
        "12b reason past its cap"
    );
}

/// Source: seed item 12: "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分，未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
///
/// 12a (5) and 12b (up to 10) can exceed the item's 10 points. In document
/// order 12a keeps its 5; 12b's 7 gives way to the 5 that remain, and is
/// reported as limited by item 12.
#[test]
fn item_12_bound_trims_the_later_rule() {
    let rubric = ducha::seed::yuxi();
    let facts = [("12a", yes()), ("12b", n(7))];
    let inspection = inspection(&facts);
    let card = rubric.evaluate(&inspection).unwrap();
    let a = card.rule("12a").unwrap();
    let b = card.rule("12b").unwrap();
    // 12a: −5, whole
    assert_decimal(a.deducted(), "5", "12a deduction");
    assert_eq!(a.limited_by(), None, "12a not limited");
    // 12b: 7 × 1 = 7 (under its cap of 10); 10 − 5 = 5 remain → 5
    assert_decimal(b.raw(), "7", "12b raw");
    assert_decimal(b.capped(), "7", "12b under its cap");
    assert_decimal(b.deducted(), "5", "12b deduction after item 12's bound");
    let item_12 = Id::new("12").unwrap();
    assert_eq!(
        b.limited_by(),
        Some(LimitedBy::Node {
            id: &item_12,
            points: dec("10")
        }),
        "12b limited by item 12's 10 points"
    );
    assert_eq!(
        b.reason(),
        "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：7次，扣7分，受第12项分值10分所限，实扣5分",
        "12b reason"
    );
    // 5 + 5 = 10 → item 0; total 90
    let item = card.item("12").unwrap();
    assert_decimal(item.deducted(), "10", "item 12 deduction");
    assert_decimal(item.score(), "0", "item 12 score");
    assert_decimal(card.score(), "90", "total");
}

/// Source: seed item 12: "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分，未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。"
///
/// Both the cap and the item trim 12b (12 → 10 → 5): the node is reported,
/// and the reason shows both steps.
#[test]
fn item_12_cap_and_bound_together() {
    let rubric = ducha::seed::yuxi();
    let inspection = inspection(&[("12a", yes()), ("12b", n(12))]);
    let card = rubric.evaluate(&inspection).unwrap();
    let b = card.rule("12b").unwrap();
    // 12 × 1 = 12, capped at 10; item 12 has 10 − 5 = 5 left → 5
    assert_decimal(b.raw(), "12", "12b raw");
    assert_decimal(b.capped(), "10", "12b after its cap");
    assert_decimal(b.deducted(), "5", "12b after item 12's bound");
    let item_12 = Id::new("12").unwrap();
    assert_eq!(
        b.limited_by(),
        Some(LimitedBy::Node {
            id: &item_12,
            points: dec("10")
        }),
        "the node bound is reported where both trim"
    );
    assert_eq!(
        b.reason(),
        "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：12次，扣12分，超过上限按10分扣，受第12项分值10分所限，实扣5分",
        "12b reason, capped then bounded"
    );
    assert_decimal(card.score(), "90", "total: 100 − 10");
}

// ---------------------------------------------------------------------------
// Item 13 (相关工作完成情况, 10 points)
// ---------------------------------------------------------------------------

/// Source: seed item 13: "未对县（市、区）局开展对口内业务的指导和培训工作的扣5分"
#[test]
fn rule_13a_no_county_training() {
    check(
        "13a",
        "13",
        &[
            Case {
                name: "trained",
                facts: vec![("13a", no())],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "not trained",
                facts: vec![("13a", yes())],
                // −5 → item 5; total 95
                breaches: 1,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
        ],
    );
}

/// Source: seed item 13: "未按时间节点和要求报送工作总结及相关材料的，每少一次扣1分，扣完5分为止。"
#[test]
fn rule_13b_missing_reports_capped_at_five() {
    check(
        "13b",
        "13",
        &[
            Case {
                name: "none",
                facts: vec![("13b", n(0))],
                breaches: 0,
                deducted: "0",
                item_score: "10",
                total: "100",
            },
            Case {
                name: "1 missing",
                facts: vec![("13b", n(1))],
                // 1 × 1 = 1 → item 9; total 99
                breaches: 1,
                deducted: "1",
                item_score: "9",
                total: "99",
            },
            Case {
                name: "6 missing",
                facts: vec![("13b", n(6))],
                // 6, capped at 5 → item 5; total 95
                breaches: 6,
                deducted: "5",
                item_score: "5",
                total: "95",
            },
            Case {
                name: "6 missing and no training",
                facts: vec![("13a", yes()), ("13b", n(6))],
                // 5 + 5 = 10 = item 13's points → item 0; total 90
                breaches: 6,
                deducted: "5",
                item_score: "0",
                total: "90",
            },
        ],
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
