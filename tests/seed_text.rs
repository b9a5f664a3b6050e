//! The built-in seed rubric against the original document, text by text.
//!
//! Source: `tests/data/seed/yuxi-original.txt`, a copy of the seed document
//! 玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）.

use ducha::{Children, Penalty};

const ORIGINAL: &str = include_str!("data/seed/yuxi-original.txt");

/// The original with all white space removed: the document breaks lines
/// inside table cells ("领导\n重视").
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_text_is_verbatim() {
    let original = squeezed(ORIGINAL);
    let rubric = ducha::seed::yuxi();
    assert!(original.contains(&squeezed(rubric.title())), "title");
    assert_eq!(
        rubric.title(),
        "玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）",
        "the title, whole"
    );
    for indicator in rubric.indicators() {
        assert!(
            original.contains(&squeezed(&indicator.name)),
            "indicator {} name {:?}",
            indicator.id,
            indicator.name
        );
    }
    for item in rubric.items() {
        assert!(
            original.contains(&squeezed(&item.requirement)),
            "item {}: requirement not verbatim",
            item.id
        );
        assert!(
            original.contains(&squeezed(&item.standard)),
            "item {}: scoring standard not verbatim",
            item.id
        );
        for rule in &item.rules {
            assert!(
                item.standard.contains(&rule.text),
                "rule {}: text is not a clause of item {}'s standard",
                rule.id,
                item.id
            );
        }
    }
}

/// Source: the 序号 and 量化分值 columns, in document order.
#[test]
fn serials_and_points_follow_the_document() {
    // Each row opens with a line holding only the serial, and its points are
    // the first later line of the form "N分".
    let mut rows = Vec::new();
    let mut serial: Option<String> = None;
    for line in ORIGINAL.lines() {
        let cell = line.trim();
        if !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit()) && line.starts_with('\t') {
            serial = Some(cell.to_owned());
        } else if let (Some(s), Some(points)) = (&serial, cell.strip_suffix('分'))
            && points.chars().all(|c| c.is_ascii_digit())
            && !points.is_empty()
        {
            rows.push((s.clone(), points.to_owned()));
            serial = None;
        }
    }
    let seed: Vec<(String, String)> = ducha::seed::yuxi()
        .items()
        .map(|i| (i.serial.clone(), i.points.to_string()))
        .collect();
    assert_eq!(rows.len(), 13, "the document has 13 rows");
    assert_eq!(seed, rows, "serials and points, row by row");
}

/// Source: rubric-table.md, the table of rules: id, kind, amount, cap.
#[test]
fn rules_match_the_table() {
    let table = [
        ("1a", "per", "2", ""),
        ("2a", "flat", "2.5", ""),
        ("2b", "flat", "2.5", ""),
        ("3a", "flat", "5", ""),
        ("4a", "flat", "5", ""),
        ("4b", "flat", "3", ""),
        ("4c", "flat", "2", ""),
        ("5a", "flat", "5", ""),
        ("6a", "capped", "1", "5"),
        ("6b", "capped", "1", "5"),
        ("7a", "capped", "1", "5"),
        ("8a", "capped", "1", "5"),
        ("9a", "capped", "1", "5"),
        ("11a", "flat", "1", ""),
        ("11b", "flat", "1", ""),
        ("11c", "flat", "1", ""),
        ("11d", "capped", "1", "2"),
        ("11e", "capped", "1", "5"),
        ("11f", "capped", "1", "5"),
        ("11g", "capped", "1", "5"),
        ("12a", "flat", "5", ""),
        ("12b", "capped", "1", "10"),
        ("13a", "flat", "5", ""),
        ("13b", "capped", "1", "5"),
    ];
    let rubric = ducha::seed::yuxi();
    let rules: Vec<_> = rubric.rules().collect();
    assert_eq!(rules.len(), table.len());
    for (rule, (id, kind, amount, cap)) in rules.iter().zip(table) {
        assert_eq!(rule.id.as_str(), id, "rule order");
        let (k, a, c) = match rule.penalty {
            Penalty::Flat { points } => ("flat", points.to_string(), String::new()),
            Penalty::PerOccurrence { points } => ("per", points.to_string(), String::new()),
            Penalty::Capped { points, cap } => ("capped", points.to_string(), cap.to_string()),
            _ => unreachable!("a new penalty kind: extend this table"),
        };
        assert_eq!(
            (k, a.as_str(), c.as_str()),
            (kind, amount, cap),
            "rule {id}"
        );
    }
}

/// Source: the 督查指标 column; blank cells continue the group above.
#[test]
fn groups_and_totals() {
    let rubric = ducha::seed::yuxi();
    let groups: Vec<(String, String, Vec<String>)> = rubric
        .indicators()
        .iter()
        .map(|g| {
            let Children::Items(items) = &g.children else {
                panic!("seed groups hold items")
            };
            (
                g.id.to_string(),
                g.points.to_string(),
                items.iter().map(|i| i.id.to_string()).collect(),
            )
        })
        .collect();
    let expected = [
        ("G1", "15", vec!["1", "2"]),
        (
            "G2",
            "65",
            vec!["3", "4", "5", "6", "7", "8", "9", "11-1", "11-2"],
        ),
        ("G3", "10", vec!["12"]),
        ("G4", "10", vec!["13"]),
    ];
    assert_eq!(groups.len(), expected.len());
    for (got, (id, points, items)) in groups.iter().zip(expected) {
        assert_eq!(got.0, id);
        assert_eq!(got.1, points, "group {id} points");
        assert_eq!(got.2, items, "group {id} items");
    }
    assert_eq!(rubric.total().to_string(), "100");
    // The two rows printed "11" keep the printed serial and distinct ids.
    let elevens: Vec<_> = rubric.items().filter(|i| i.serial == "11").collect();
    assert_eq!(elevens.len(), 2);
    assert_eq!(elevens[0].points.to_string(), "5");
    assert_eq!(elevens[1].points.to_string(), "15");
}
