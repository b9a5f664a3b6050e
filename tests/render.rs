//! The renderers (`ducha::render`): the seed sample as the original
//! document's table in HTML, Markdown and CSV, every text escaped, and a
//! batch report with a tie.

use ducha::batch::{Assessee, Incomplete};
use ducha::render::{self, BatchOptions, HtmlOptions, RuleOrder, Unreadable};
use ducha::{Inspection, Rubric, Scorecard};

const SAMPLE: &str = include_str!("../examples/data/yuxi-sample.json");

const COLUMNS: [&str; 7] = [
    "序号",
    "督查指标",
    "量化分值",
    "绩效要求",
    "督查评分标准",
    "得分情况",
    "扣分原因",
];

fn sample() -> Inspection {
    ducha::json::parse_inspection(SAMPLE).unwrap()
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the output"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &text[from..from + to]
}

/// Every value of `attribute="…"` in `text`, in order.
fn attributes<'a>(text: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=\"");
    text.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &text[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The text of an HTML fragment: tags dropped, the five references read.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The cells (`<td>` and `<th>`) of one `<tr …>…</tr>`, as text.
fn cells(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(at) = rest.find("<t") {
        let tag = &rest[at..];
        if !(tag.starts_with("<td") || tag.starts_with("<th")) {
            rest = &rest[at + 2..];
            continue;
        }
        let open_end = tag.find('>').unwrap() + 1;
        let close = if tag.starts_with("<td") {
            "</td>"
        } else {
            "</th>"
        };
        let end = tag.find(close).unwrap();
        out.push(text_of(&tag[open_end..end]));
        rest = &tag[end + close.len()..];
    }
    out
}

/// The items under each top-level indicator, counting through finer
/// indicators.
fn items_per_indicator(card: &Scorecard<'_>) -> Vec<usize> {
    fn count(indicator: &ducha::IndicatorOutcome<'_>) -> usize {
        indicator.items().count() + indicator.indicators().map(|c| count(&c)).sum::<usize>()
    }
    card.indicators().map(|i| count(&i)).collect()
}

/// A small RFC 4180 reader: records end in CRLF (the last one too), a
/// quoted field may hold commas, quotes (doubled) and line breaks, and
/// nothing else is accepted.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            '"' => panic!("a quote inside an unquoted field: {field:?}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF after {field:?}");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
            }
            '\n' => panic!("a bare LF outside quotes after {field:?}"),
            c => {
                assert!(!was_quoted, "text after a closing quote");
                field.push(c);
            }
        }
    }
    assert!(!quoted, "an unclosed quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record does not end in CRLF"
    );
    records
}

#[test]
fn html_is_the_original_table_with_seven_columns() {
    let rubric = ducha::seed::yuxi();
    let inspection = sample();
    let card = rubric.evaluate(&inspection).unwrap();
    let page = render::html(&card, &HtmlOptions::new());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(page.ends_with("</html>\n"));

    let table = between(&page, "<table class=\"ducha-card\"", "</table>");
    let head = between(table, "<thead>", "</thead>");
    let header = cells(head);
    assert_eq!(header, COLUMNS, "the 7 columns of the original, in order");
    assert_eq!(head.matches("<th ").count(), 7);

    // One row per item, in document order, with its serial.
    let serials: Vec<String> = table
        .split("<tr ")
        .skip(1)
        .filter(|row| row.contains("data-item=\""))
        .map(|row| cells(row)[0].clone())
        .collect();
    assert_eq!(
        serials,
        [
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "11", "11", "12", "13"
        ]
    );
    let ids = attributes(table, "data-item");
    assert_eq!(
        ids,
        [
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "11-1", "11-2", "12", "13"
        ]
    );

    // The indicator cell spans its items' rows.
    let spans: Vec<usize> = attributes(table, "rowspan")
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(spans, items_per_indicator(&card));
    assert_eq!(spans, [2, 9, 1, 1]);

    // Item 12 as the scorecard has it, and its two clauses.
    let row12 = between(table, "data-item=\"12\">", "</tr>");
    assert!(row12.contains("<td class=\"points\">10</td>"), "{row12}");
    assert!(row12.contains("<td class=\"score lost\">0</td>"), "{row12}");
    assert_eq!(attributes(row12, "data-rule"), ["12a", "12b"]);
    assert!(text_of(row12).contains("实测96%，应达到100%"), "{row12}");
    // Numbers and dates are kept whole on a line.
    assert!(
        row12.contains("实测<span class=\"nw\">96%</span>"),
        "{row12}"
    );
    let row7 = between(table, "data-item=\"7\">", "</tr>");
    assert!(
        row7.contains("<span class=\"nw\">2026-10-29</span>"),
        "{row7}"
    );

    // The total row: 100 points, 69.5, 30.5 deducted.
    let total = between(table, "<tr class=\"total\">", "</tr>");
    let total = cells(total);
    assert_eq!(total[0], "合计");
    assert!(total.contains(&"100".to_owned()), "{total:?}");
    assert!(total.contains(&"69.5".to_owned()), "{total:?}");
    assert!(total.contains(&"共扣30.5分".to_owned()), "{total:?}");

    // The rule the sample does not assess is marked, and the legend says so.
    assert!(page.contains("<div class=\"rule not-assessed\" data-rule=\"11f\">"));
    assert_eq!(page.matches("class=\"rule not-assessed\"").count(), 1);
    assert!(page.contains("<tr class=\"item incomplete\" data-item=\"11-2\">"));
    let legend = between(&page, "<footer class=\"legend\">", "</footer>");
    assert!(legend.contains("未检查"));
    assert!(legend.contains("不适用"));
    assert!(legend.contains("11f（未督促县（市、区）局、分局对口业务股室全量归集许可信息）"));

    // Period and date, print-ready, self-contained.
    assert!(page.contains("2026-01-01至2026-12-31"));
    assert!(page.contains("评估日期：<bdi>2026-12-31</bdi>"));
    assert!(page.contains("@page { size: A4 landscape"));
    assert!(page.contains("thead { display: table-header-group; }"));
    for forbidden in ["<script", "<link", "src=", "http://", "https://", "@import"] {
        assert!(!page.contains(forbidden), "the page holds {forbidden}");
    }
    // No grade, no sections: no final row.
    assert!(!page.contains("class=\"final\""));
    // The same scorecard, the same bytes.
    assert_eq!(render::html(&card, &HtmlOptions::new()), page);
}

#[test]
fn html_escapes_a_hostile_assessee() {
    let rubric = ducha::seed::yuxi();
    let inspection = sample();
    let card = rubric.evaluate(&inspection).unwrap();
    let hostile = "<script>alert(\"x&y\")</script>'><img src=x onerror=alert(1)>";
    let page = render::html(&card, &HtmlOptions::new().with_assessee(hostile));
    assert!(!page.contains("<script"), "a script got through");
    assert!(!page.contains("<img"), "an element got through");
    assert!(page.contains(
        "被考核单位：<bdi>&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;</bdi>"
    ));
    let meta = between(&page, "<p class=\"meta\">", "</p>");
    assert!(text_of(meta).contains(hostile), "the name reads back whole");
}

/// A rubric with every whole-card element and hostile text: nested
/// indicators, a gated bonus, a penalty section, grades, a card veto, an
/// item that may be not applicable.
const CARD_RUBRIC: &str = r#"{"id": "t<1>", "title": "某县<安全>考核细则 & \"试行\"", "version": "2026版", "total": "100",
 "not_applicable": "full",
 "grades": [{"at_least": "90", "label": "优秀"}, {"at_least": "60", "label": "合格"}, {"label": "不合格"}],
 "bonus": {"id": "J", "name": "加分项", "cap": "3", "gate": {"above": "60"}, "items": [
   {"id": "J1", "serial": "加1", "points": "3", "requirement": "获评先进", "rules": [
     {"id": "j1", "label": "被评为省级先进", "text": "被评为省级先进的加2分", "trigger": {"kind": "flag"},
      "penalty": {"kind": "flat", "points": "2"}}]}]},
 "penalties": {"id": "K", "name": "扣分项", "items": [
   {"id": "K1", "serial": "减1", "points": "5", "requirement": "无安全事故", "rules": [
     {"id": "k1", "label": "发生一般事故", "text": "每起扣1分", "trigger": {"kind": "count"},
      "penalty": {"kind": "per_occurrence", "points": "1"}}]}]},
 "indicators": [
   {"id": "A", "name": "安全|管理", "points": "60", "indicators": [
      {"id": "A1", "name": "设施<b>", "points": "30", "items": [
         {"id": "1", "serial": "1", "points": "20", "requirement": "消防设施完好,\n台账\"齐全\"", "rules": [
            {"id": "1a", "label": "设施损坏", "text": "每处扣2分，扣完10分为止", "trigger": {"kind": "count"},
             "penalty": {"kind": "capped", "points": "2", "cap": "10"}}]},
         {"id": "2", "serial": "2", "points": "10", "requirement": "=HYPERLINK(\"x\")", "rules": [
            {"id": "2a", "label": "台账缺失", "text": "", "trigger": {"kind": "flag"},
             "penalty": {"kind": "flat", "points": "5"}}]}]},
      {"id": "A2", "name": "制度", "points": "30", "items": [
         {"id": "3", "serial": "3", "points": "30", "requirement": "制度健全", "rules": [
            {"id": "3a", "label": "制度缺失", "text": "制度缺失的扣10分", "trigger": {"kind": "flag"},
             "penalty": {"kind": "flat", "points": "10"}},
            {"id": "3b", "label": "发生较大事故", "text": "发生较大事故的一票否决", "trigger": {"kind": "flag"},
             "penalty": {"kind": "flat", "points": "0"}, "veto": {"scope": "card", "grade": "不合格"}}]}]}]},
   {"id": "B", "name": "教育", "points": "40", "items": [
      {"id": "4", "serial": "4", "points": "40", "requirement": "开展教育", "rules": [
         {"id": "4a", "label": "未开展教育", "text": "未开展教育的扣40分", "trigger": {"kind": "flag"},
          "penalty": {"kind": "flat", "points": "40"}}]}]}]}"#;

fn card_rubric() -> Rubric {
    ducha::json::parse_rubric(CARD_RUBRIC).unwrap()
}

const CARD_FACTS: &str = r#"{"facts": {"1a": 3, "2a": false, "3a": true, "3b": false, "j1": true, "k1": 2},
  "not_applicable": {"4": "本年度无此项工作"}}"#;

#[test]
fn html_shows_nested_indicators_sections_grades_and_vetoes() {
    let rubric = card_rubric();
    let inspection = ducha::json::parse_inspection(CARD_FACTS).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    // 100 − 6 − 10 = 84 (item 4 not applicable keeps its 40), + 2 − 2.
    assert_eq!(card.base().to_string(), "84");
    assert_eq!(card.score().to_string(), "84");
    let page = render::html(&card, &HtmlOptions::new());
    let table = between(&page, "<table class=\"ducha-card\"", "</table>");

    // The top indicator spans its three items through A1 and A2; the
    // finer indicators are named where their items start.
    let spans: Vec<usize> = attributes(table, "rowspan")
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(
        spans,
        [3, 1, 1, 1],
        "A, B, the bonus and the penalty section"
    );
    assert_eq!(items_per_indicator(&card), [3, 1]);
    assert!(table.contains("<span class=\"name\">安全|管理</span>"));
    assert!(
        table.contains(
            "<div class=\"path\" data-indicator=\"A1\">设施&lt;b&gt;（30分，得24分）</div>"
        )
    );
    assert!(table.contains("<div class=\"path\" data-indicator=\"A2\">制度（30分，得20分）</div>"));
    assert!(!table.contains("<b>"), "an indicator name is escaped");
    assert_eq!(
        attributes(table, "data-item"),
        ["1", "2", "3", "4", "J1", "K1"]
    );
    // The clause without text shows its label.
    assert!(table.contains(
        "<div class=\"rule clear\" data-rule=\"2a\">台账缺<span class=\"tail\">失</span></div>"
    ));

    // Not applicable: marked, full marks kept.
    let row4 = between(table, "data-item=\"4\">", "</tr>");
    assert!(table.contains("<tr class=\"item not-applicable\" data-item=\"4\">"));
    assert!(row4.contains("<td class=\"score\">40</td>"), "{row4}");
    assert!(row4.contains("class=\"rule not-applicable\""), "{row4}");
    assert!(row4.contains("本年度无此项工作"), "{row4}");

    // The sections, their subtotals, the final score and the grade.
    assert!(table.contains("<tbody class=\"section bonus\" data-indicator=\"J\">"));
    assert!(table.contains("<tbody class=\"section penalties\" data-indicator=\"K\">"));
    let bonus = cells(between(
        table,
        "<tr class=\"subtotal\" data-section=\"J\">",
        "</tr>",
    ));
    assert_eq!(bonus[0], "加分项小计");
    assert_eq!(bonus[1], "3");
    assert_eq!(bonus[2], "最多加3分；基础分高于60分方可计入");
    assert_eq!(bonus[3], "+2");
    let penalties = cells(between(
        table,
        "<tr class=\"subtotal\" data-section=\"K\">",
        "</tr>",
    ));
    assert_eq!(penalties[2], "扣分不设上限");
    assert_eq!(penalties[3], "-2");
    let total = cells(between(table, "<tr class=\"total\">", "</tr>"));
    assert_eq!(total, ["合计", "100", "", "84", "共扣16分"]);
    let last = cells(between(table, "<tr class=\"final\">", "</tr>"));
    assert_eq!(
        last,
        ["最终得分", "", "合计84＋加分2－扣分2", "84", "等级：合格"]
    );
    assert!(page.contains("等级：<strong>合格</strong>"));
    assert!(page.contains(
        "<p class=\"grades\">等级：优秀：90分及以上；合格：60分及以上；不合格：其余</p>"
    ));
    assert!(
        !page.contains("<table class=\"ducha-vetoes\">"),
        "no veto fired"
    );

    // The veto fires: listed with what it overrode, the grade forced.
    let vetoed = ducha::json::parse_inspection(
        r#"{"facts": {"1a": 3, "2a": false, "3a": true, "3b": true, "j1": true, "k1": 2, "4a": false}}"#,
    )
    .unwrap();
    let card = rubric.evaluate(&vetoed).unwrap();
    let page = render::html(&card, &HtmlOptions::new());
    let vetoes = between(&page, "<table class=\"ducha-vetoes\">", "</table>");
    let row = cells(between(vetoes, "<tr data-rule=\"3b\">", "</tr>"));
    assert_eq!(
        row,
        [
            "3b 发生较大事故",
            "整体",
            "某县<安全>考核细则 & \"试行\"",
            "84",
            "等级定为不合格"
        ]
    );
    let last = cells(between(&page, "<tr class=\"final\">", "</tr>"));
    assert_eq!(last[4], "等级：不合格；一票否决：发生较大事故");
    assert!(page.contains("<div class=\"rule clear\" data-rule=\"3b\">发生较大事故的一票否<span class=\"tail\">决<span class=\"mark vetoed\">一票否决</span></span></div>"));
    assert!(render::markdown(&card).contains("发生较大事故的一票否决〔一票否决〕"));
    assert!(page.contains("<title>某县&lt;安全&gt;考核细则 &amp; &quot;试行&quot;</title>"));
    assert!(page.contains("data-rubric=\"t&lt;1&gt;\""));
}

#[test]
fn csv_round_trips_with_the_bom_only_when_asked() {
    let rubric = ducha::seed::yuxi();
    let inspection = sample();
    let card = rubric.evaluate(&inspection).unwrap();
    let plain = render::csv(&card, false);
    assert!(
        !plain.starts_with('\u{feff}'),
        "no byte-order mark unless asked"
    );
    assert!(!plain.contains('\u{feff}'));
    let with_bom = render::csv(&card, true);
    assert_eq!(with_bom.strip_prefix('\u{feff}'), Some(plain.as_str()));
    assert_eq!(&with_bom.as_bytes()[..3], b"\xef\xbb\xbf", "the UTF-8 BOM");

    let records = parse_csv(&plain);
    assert_eq!(records.len(), 1 + 13 + 1, "header, 13 items, total");
    assert!(records.iter().all(|r| r.len() == 7), "7 fields each");
    assert_eq!(records[0], COLUMNS);
    for (record, item) in records[1..14].iter().zip(card.items()) {
        assert_eq!(record[0], item.item().serial);
        assert_eq!(record[2], item.points().normalize().to_string());
        assert_eq!(record[3], item.item().requirement);
        assert_eq!(record[5], item.score().normalize().to_string());
        assert_eq!(record[6], item.reason());
        assert!(!record[1].is_empty(), "the indicator on every record");
    }
    assert_eq!(records[1][1], "领导重视");
    assert_eq!(records[2][1], "领导重视");
    assert_eq!(records[12][1], "深入推进“互联网+监管”情况");
    assert_eq!(
        records[14],
        ["合计", "", "100", "", "", "69.5", "共扣30.5分"]
    );
    // Clauses one a line; the one not assessed marked.
    let item_2 = &records[2][4];
    assert_eq!(
        item_2,
        "各监管科室未统筹安排年度双随机监管工作的扣2.5分\n未明确日常联络员的扣2.5分"
    );
    assert!(records[11][4].contains("全量归集许可信息的，发现一起扣1分，扣完5分为止〔未检查〕"));
}

#[test]
fn csv_quotes_and_defuses_hostile_text() {
    let rubric = card_rubric();
    let inspection = ducha::json::parse_inspection(CARD_FACTS).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let text = render::csv(&card, false);
    let records = parse_csv(&text);
    assert!(records.iter().all(|r| r.len() == 7));
    let item1 = records.iter().find(|r| r[0] == "1").unwrap();
    assert_eq!(item1[1], "安全|管理 › 设施<b>", "the path on every record");
    assert_eq!(
        item1[3], "消防设施完好,\n台账\"齐全\"",
        "commas, quotes, line breaks survive"
    );
    let item2 = records.iter().find(|r| r[0] == "2").unwrap();
    assert_eq!(item2[3], "'=HYPERLINK(\"x\")", "a formula is defused");
    let penalty = records.iter().find(|r| r[0] == "减1").unwrap();
    assert_eq!(penalty[5], "-2", "a negative number stays a number");
    let last = records.last().unwrap();
    assert_eq!(last[0], "最终得分");
    assert_eq!(last[5], "84");
    assert_eq!(last[6], "等级：合格");
}

#[test]
fn markdown_has_a_row_per_item_and_escapes_pipes() {
    let rubric = ducha::seed::yuxi();
    let inspection = sample();
    let card = rubric.evaluate(&inspection).unwrap();
    let md = render::markdown(&card);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    let delimiter = rows
        .iter()
        .filter(|r| r.starts_with("| :-: ") || r.starts_with("| --- "))
        .count();
    assert_eq!(delimiter, 1);
    assert_eq!(
        rows.len() - delimiter,
        card.items().count() + 1 + 1,
        "items + header + total"
    );
    assert_eq!(
        rows[0],
        "| 序号 | 督查指标 | 量化分值 | 绩效要求 | 督查评分标准 | 得分情况 | 扣分原因 |"
    );
    assert_eq!(
        *rows.last().unwrap(),
        "| 合计 |  | 100 |  |  | 69.5 | 共扣30.5分 |"
    );
    // Every row has 7 cells: 8 unescaped pipes.
    for row in &rows {
        let pipes = row.replace("\\|", "").matches('|').count();
        assert_eq!(pipes, 8, "{row}");
    }
    // The indicator shows where it starts, like the original's merged cell.
    assert!(rows[2].starts_with("| 1 | 领导重视 | 10 |"), "{}", rows[2]);
    assert!(rows[3].starts_with("| 2 |  | 5 |"), "{}", rows[3]);
    assert!(md.contains("〔未检查〕"));
    assert!(md.contains("**总得分：69.5分**（满分100分）"));

    let rubric = card_rubric();
    let inspection = ducha::json::parse_inspection(CARD_FACTS).unwrap();
    let card = rubric.evaluate(&inspection).unwrap();
    let md = render::markdown(&card);
    assert!(
        md.starts_with("# 某县\\<安全\\>考核细则 \\& \"试行\"\n"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | 安全\\|管理 › 设施\\<b\\> | 20 | 消防设施完好,<br>台账\"齐全\" |"),
        "{md}"
    );
    for row in md.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(row.replace("\\|", "").matches('|').count(), 8, "{row}");
    }
    assert!(md.contains("| 最终得分 |  |  | 合计84＋加分2－扣分2 |  | 84 | 等级：合格 |"));
}

/// The sample, two tied inspections, one incomplete and one in error.
fn assessees() -> Vec<Assessee> {
    let full = |extra: &[(&str, u64)]| {
        let mut inspection = sample();
        for (rule, n) in extra {
            inspection = inspection.with(rule, *n).unwrap();
        }
        inspection.with("11f", 0u64).unwrap()
    };
    vec![
        Assessee::new("00", "样例<局>", full(&[])),
        Assessee::new("07", "峨山县教育体育局", full(&[("8a", 2)])),
        Assessee::new("08", "新平县教育体育局", full(&[("8a", 2)])),
        Assessee::new("09", "元江县教育体育局", full(&[("8a", 5)])),
        Assessee::new("17", "办公室", sample()),
        Assessee::new(
            "13",
            "安全稳定科",
            Inspection::new().with("7z", 1u64).unwrap(),
        ),
    ]
}

#[test]
fn a_batch_with_a_tie_renders_it_in_every_format() {
    let rubric = ducha::seed::yuxi();
    let assessees = assessees();
    let batch = rubric.evaluate_batch(&assessees);
    let options = BatchOptions::new().with_unreadable(Unreadable::new(
        "99",
        "99",
        "error[syntax]: 99.json: <EOF>",
    ));
    let page = render::batch_html(&batch, &options);
    assert!(!page.contains("<script"));

    let ranking = between(&page, "<table class=\"ducha-ranking\"", "</table>");
    let header = cells(between(ranking, "<thead>", "</thead>"));
    assert_eq!(
        header,
        ["名次", "编号", "名称", "得分"],
        "no grades in the seed"
    );
    let rows: Vec<Vec<String>> = ranking.split("<tr").skip(2).map(cells).collect();
    assert_eq!(
        rows,
        [
            ["1", "00", "样例<局>", "69.5"],
            ["2并列", "07", "峨山县教育体育局", "67.5"],
            ["2并列", "08", "新平县教育体育局", "67.5"],
            ["4", "09", "元江县教育体育局", "64.5"],
        ]
    );
    assert_eq!(page.matches("<span class=\"tie\">并列</span>").count(), 2);
    assert!(ranking.contains("<td class=\"rank\" data-rank=\"2\" data-tied=\"true\">"));
    assert!(ranking.contains("样例&lt;局&gt;"));

    // Apart: the incomplete one with its score, the failed ones with their errors.
    let incomplete = between(
        &page,
        "<table class=\"ducha-apart incomplete\">",
        "</table>",
    );
    let row = cells(between(incomplete, "data-entry=\"17\">", "</tr>"));
    assert_eq!(row, ["17", "办公室", "69.5", "1"]);
    let failed = between(&page, "<table class=\"ducha-apart failed\">", "</table>");
    let row = cells(between(failed, "data-entry=\"13\">", "</tr>"));
    assert_eq!(row, ["13", "安全稳定科", "unknown rule `7z`"]);
    let row = cells(between(failed, "data-entry=\"99\">", "</tr>"));
    assert_eq!(row, ["99", "99", "error[syntax]: 99.json: <EOF>"]);

    // The clauses, costliest first, the three costliest highlighted.
    let rules = between(&page, "<table class=\"ducha-rules\">", "</table>");
    let order = attributes(rules, "data-rule");
    assert_eq!(
        &order[..3],
        ["6b", "12a", "12b"],
        "costliest first, ties in document order"
    );
    assert_eq!(rules.matches("<tr class=\"costliest\"").count(), 3);
    let row = cells(between(rules, "data-rule=\"8a\" data-cost-rank", "</tr>"));
    assert_eq!(
        &row[..8],
        [
            "8a",
            "8",
            "抽查发现的问题未做好后续监管衔接、未依法查处",
            "5",
            "3",
            "9",
            "1.8",
            "5"
        ]
    );
    let document = render::batch_html(
        &batch,
        &BatchOptions::new().with_rule_order(RuleOrder::Document),
    );
    let rules = between(&document, "<table class=\"ducha-rules\">", "</table>");
    assert_eq!(&attributes(rules, "data-rule")[..3], ["1a", "2a", "2b"]);

    // The items: mean, min, max, full marks.
    let items = between(&page, "<table class=\"ducha-items\">", "</table>");
    let row = cells(between(
        items,
        "<tr class=\"item-row\" data-item=\"8\">",
        "</tr>",
    ));
    assert_eq!(row[0], "8");
    assert_eq!(&row[2..], ["5", "3.2", "0", "5", "2", "3"]);
    let overall = cells(between(items, "<tr class=\"overall\">", "</tr>"));
    assert_eq!(
        &overall[1..],
        ["总分", "100", "67.7", "64.5", "69.5", "0", "5"]
    );

    // Markdown.
    let md = render::batch_markdown(&batch, &options);
    assert!(md.contains("\n| 2（并列） | 07 | 峨山县教育体育局 | 67.5 |\n| 2（并列） | 08 | 新平县教育体育局 | 67.5 |\n| 4 | 09 |"), "{md}");
    assert!(
        md.contains("| 13 | 安全稳定科 | unknown rule \\`7z\\` |"),
        "{md}"
    );
    assert!(md.contains("| 1 | 00 | 样例\\<局\\> | 69.5 |"));

    // CSV: one record per entry, ranked first.
    let records = parse_csv(&render::batch_csv(&batch, &options, false));
    assert_eq!(records.len(), 1 + 6 + 1);
    assert_eq!(
        &records[0][..8],
        [
            "名次", "并列", "编号", "名称", "得分", "等级", "状态", "说明"
        ]
    );
    assert_eq!(records[0][8], "第1项（10分）");
    assert_eq!(records[0][17], "第11项（11-1，5分）");
    assert_eq!(records[0].len(), 8 + 13);
    assert_eq!(
        &records[2][..8],
        ["2", "是", "07", "峨山县教育体育局", "67.5", "", "排名", ""]
    );
    assert_eq!(
        &records[3][..5],
        ["2", "是", "08", "新平县教育体育局", "67.5"]
    );
    assert_eq!(
        &records[5][..8],
        ["", "", "17", "办公室", "69.5", "", "未完整", "未检查1条"]
    );
    assert_eq!(
        &records[6][..8],
        [
            "",
            "",
            "13",
            "安全稳定科",
            "",
            "",
            "出错",
            "unknown rule `7z`"
        ]
    );
    assert_eq!(
        records[1][8..],
        [
            "8", "2.5", "5", "7", "5", "3", "4", "5", "4", "4", "13", "0", "9"
        ]
    );
    assert!(render::batch_csv(&batch, &options, true).starts_with('\u{feff}'));
}

#[test]
fn incomplete_inspections_can_be_ranked() {
    let rubric = ducha::seed::yuxi();
    let assessees = assessees();
    let batch = rubric.evaluate_batch(&assessees);
    let page = render::batch_html(
        &batch,
        &BatchOptions::new().with_incomplete(Incomplete::Rank),
    );
    let ranking = between(&page, "<table class=\"ducha-ranking\"", "</table>");
    let row = cells(between(ranking, "data-entry=\"17\">", "</tr>"));
    assert_eq!(
        row,
        ["1并列", "17", "办公室未检查1条", "69.5"],
        "tied with the sample"
    );
    assert!(!page.contains("ducha-apart incomplete"));
}
