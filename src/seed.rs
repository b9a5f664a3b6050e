//! The reference rubric, built in: 玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）.
//!
//! A 100-point scorecard of 13 numbered items in 4 indicator groups and 24
//! deduction rules. Texts are verbatim from the original, numbers as printed.
//! Rule ids `1a` … `13b` follow the project's table of the rubric; item ids
//! are the printed serials, except that the two rows printed `11` are kept
//! apart as `11-1` (joint inspections, 5 points) and `11-2` (the
//! collaborative platform, 15 points). The original has no serial `10`.
//!
//! | group | items | points |
//! |---|---|---|
//! | `G1` 领导重视 | 1, 2 | 15 |
//! | `G2` 双随机抽查监管基础工作开展情况、工作流程完成情况 | 3–9, 11-1, 11-2 | 65 |
//! | `G3` 深入推进“互联网+监管”情况 | 12 | 10 |
//! | `G4` 相关工作完成情况 | 13 | 10 |
//!
//! Rules that the original words in dates or rates count their own
//! breaches from dates and measures, and also take hand-counted facts:
//!
//! | rule | trigger | reads |
//! |---|---|---|
//! | 1a "每季度组织…学习" | cadence, every quarter | the dates of the study sessions |
//! | 3a, 4a, 5a, 13b "在规定时间内", "按时间节点" | deadline | cases with their `due` and `done` dates |
//! | 7a "完成后20个工作日内…公示" | deadline, 20 working days | cases with the day the task was completed (`start`) and the day the results were published |
//! | 11e "于信息产生20个工作日内…录入" | deadline, 20 working days | cases with the day the information arose and the day it was entered |
//! | 12a "完善率达到100%" | threshold, at least 1 | the measured rate, e.g. `"0.96"` |
//!
//! ```
//! let rubric = ducha::seed::yuxi();
//! assert_eq!(rubric.total().to_string(), "100");
//! assert_eq!(rubric.rules().count(), 24);
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{
    Case, Every, Example, Fact, Id, IdError, Indicator, Inspection, Item, Penalty, Period, Points,
    PointsError, Rubric, RubricError, RubricSpec, Rule, Trigger, Within,
};

/// The id of the built-in seed rubric.
pub const YUXI_ID: &str = "yuxi-shuangsuiji";

/// The seed rubric, validated and ready to evaluate.
pub fn yuxi() -> Rubric {
    #[expect(
        clippy::expect_used,
        reason = "fixed data; the unit test `seed_builds` proves it validates"
    )]
    build().expect("the built-in seed rubric is valid")
}

/// The seed rubric as plain data, to inspect or to start a rubric of one's
/// own from.
pub fn yuxi_spec() -> RubricSpec {
    yuxi().into_spec()
}

#[derive(Debug, thiserror::Error)]
enum SeedError {
    #[error("invalid date")]
    Date,
    #[error(transparent)]
    Id(#[from] IdError),
    #[error(transparent)]
    Points(#[from] PointsError),
    #[error(transparent)]
    Rubric(#[from] RubricError),
}

/// Points from tenths: `pts(25)` is 2.5.
fn pts(tenths: i64) -> Result<Points, SeedError> {
    Ok(Points::new(Decimal::new(tenths, 1))?)
}

fn flat(tenths: i64) -> Result<Penalty, SeedError> {
    Ok(Penalty::Flat {
        points: pts(tenths)?,
    })
}

fn per(tenths: i64) -> Result<Penalty, SeedError> {
    Ok(Penalty::PerOccurrence {
        points: pts(tenths)?,
    })
}

fn capped(tenths: i64, cap_tenths: i64) -> Result<Penalty, SeedError> {
    Ok(Penalty::Capped {
        points: pts(tenths)?,
        cap: pts(cap_tenths)?,
    })
}

fn deadline(within: Option<Within>, after: &str, action: &str) -> Trigger {
    Trigger::Deadline {
        within,
        after: after.to_owned(),
        action: action.to_owned(),
    }
}

fn cadence(every: Every) -> Trigger {
    Trigger::cadence(every)
}

/// A threshold on a ratio (完善率): `1` is 100 %.
fn threshold(min: i64) -> Trigger {
    Trigger::Threshold {
        min: Decimal::from(min),
        measure: crate::Measure::Ratio,
    }
}

fn rule(
    id: &str,
    trigger: Trigger,
    penalty: Penalty,
    unit: &str,
    label: &str,
    text: &str,
) -> Result<Rule, SeedError> {
    Ok(Rule::new(Id::new(id)?, label, trigger, penalty)
        .with_text(text)
        .with_unit(unit))
}

fn item(
    id: &str,
    serial: &str,
    points: i64,
    requirement: &str,
    standard: &str,
    rules: Vec<Rule>,
) -> Result<Item, SeedError> {
    Ok(Item::new(Id::new(id)?, serial, pts(points * 10)?)
        .with_requirement(requirement)
        .with_standard(standard)
        .with_rules(rules))
}

fn group(id: &str, name: &str, points: i64, items: Vec<Item>) -> Result<Indicator, SeedError> {
    Ok(Indicator::with_items(
        Id::new(id)?,
        name,
        pts(points * 10)?,
        items,
    ))
}

fn build() -> Result<Rubric, SeedError> {
    use Trigger::{Count, Flag};
    let g1 = group(
        "G1",
        "领导重视",
        15,
        vec![
            item(
                "1",
                "1",
                10,
                "认真贯彻落实国家、省级、市级“双随机、一公开”监管工作要求，分管领导每季度组织分管科室学习、研究双随机监管工作，整合市教育体育局内部监管事项，实现“进一次门，查多项事”。",
                "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。",
                vec![rule(
                    "1a",
                    cadence(Every::Quarter),
                    per(20)?,
                    "次",
                    "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作",
                    "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作的，每少一次扣2分。",
                )?],
            )?,
            item(
                "2",
                "2",
                5,
                "各监管科室负责人为双随机监管第一责任人，要统筹安排好年度双随机监管工作；要有经过相关培训的人员负责日常联络和对接“双随机、一公开”监管工作。",
                "各监管科室未统筹安排年度双随机监管工作的扣2.5分；未明确日常联络员的扣2.5分。",
                vec![
                    rule(
                        "2a",
                        Flag,
                        flat(25)?,
                        "起",
                        "未统筹安排年度双随机监管工作",
                        "各监管科室未统筹安排年度双随机监管工作的扣2.5分",
                    )?,
                    rule(
                        "2b",
                        Flag,
                        flat(25)?,
                        "起",
                        "未明确日常联络员",
                        "未明确日常联络员的扣2.5分",
                    )?,
                ],
            )?,
        ],
    )?;
    let g2 = group(
        "G2",
        "双随机抽查监管基础工作开展情况、工作流程完成情况",
        65,
        vec![
            item(
                "3",
                "3",
                5,
                "依照法律法规规章规定，在权责清单基础上，结合实际工作和上级部门制定的抽查事项清单，统筹制定本部门随机抽查事项清单，并对其进行维护和动态管理。",
                "未在规定时间内，及时制定、报送部门随机抽查事项清单的，扣5分。",
                vec![rule(
                    "3a",
                    deadline(None, "", "报送"),
                    flat(50)?,
                    "起",
                    "未在规定时间内制定、报送部门随机抽查事项清单",
                    "未在规定时间内，及时制定、报送部门随机抽查事项清单的，扣5分。",
                )?],
            )?,
            item(
                "4",
                "4",
                10,
                "在规定时间内，依照清单统筹制定本部门年度抽查工作计划，涵盖随机抽查事项清单中的一般检查事项和重点检查事项；合理确定随机抽查的比例和频次。",
                "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分，抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分，未合理确定随机抽查的比例和频次的扣2分。",
                vec![
                    rule(
                        "4a",
                        deadline(None, "", "报送"),
                        flat(50)?,
                        "起",
                        "未在规定时间内制定、报送本部门年度抽查工作计划",
                        "未在规定时间内，及时制定、报送本部门年度抽查工作计划的扣5分",
                    )?,
                    rule(
                        "4b",
                        Flag,
                        flat(30)?,
                        "起",
                        "抽查工作计划未涵盖一般检查事项和重点检查事项",
                        "抽查工作计划未涵盖一般检查事项和重点检查事项的，扣3分",
                    )?,
                    rule(
                        "4c",
                        Flag,
                        flat(20)?,
                        "起",
                        "未合理确定随机抽查的比例和频次",
                        "未合理确定随机抽查的比例和频次的扣2分",
                    )?,
                ],
            )?,
            item(
                "5",
                "5",
                5,
                "统筹建立健全覆盖本监管业务，与抽查事项相对应的检查对象名录库，并对其进行动态更新和维护。",
                "未在规定时间内，及时建立监管对象名录库的扣5分。",
                vec![rule(
                    "5a",
                    deadline(None, "", "建立"),
                    flat(50)?,
                    "起",
                    "未在规定时间内建立监管对象名录库",
                    "未在规定时间内，及时建立监管对象名录库的扣5分。",
                )?],
            )?,
            item(
                "6",
                "6",
                10,
                "按抽查计划要求按时按质按量完成各项抽查任务。同时督促县（市、区）局对口业务科室按时按质按量完成对口抽查计划工作。",
                "未按抽查计划要求按时按质完成各项抽查任务的，每发现一项任务扣1分，扣完5分为止；未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止。",
                vec![
                    rule(
                        "6a",
                        Count,
                        capped(10, 50)?,
                        "项",
                        "未按抽查计划要求按时按质完成抽查任务",
                        "未按抽查计划要求按时按质完成各项抽查任务的，每发现一项任务扣1分，扣完5分为止",
                    )?,
                    rule(
                        "6b",
                        Count,
                        capped(10, 50)?,
                        "项",
                        "县（市、区）局对口业务未按时按质按量完成抽查计划",
                        "未对县（市、区）局对口业务进行督导，发现县（市、区）局对口业务未按时按质按量完成抽查计划的，每发现一项任务扣1分，扣完5分为止",
                    )?,
                ],
            )?,
            item(
                "7",
                "7",
                5,
                "在抽查任务完成后20个工作日内，将抽查检查结果进行公示。",
                "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。",
                vec![rule(
                    "7a",
                    deadline(Some(Within::WorkingDays(20)), "完成", "公示"),
                    capped(10, 50)?,
                    "起",
                    "抽查任务完成后20个工作日内未公示抽查检查结果",
                    "在抽查任务完成后20个工作日内，未将抽查检查结果进行公示的，发现一起扣1分，扣完5分为止。",
                )?],
            )?,
            item(
                "8",
                "8",
                5,
                "抽查中发现的各类问题，做好后续监管衔接，依法查处相关违法违规行为。",
                "对抽查中发现的各类问题，未做好后续监管衔接，未依法查处相关违法违规行为的，发现一起扣1分，扣完5分为止。",
                vec![rule(
                    "8a",
                    Count,
                    capped(10, 50)?,
                    "起",
                    "抽查发现的问题未做好后续监管衔接、未依法查处",
                    "对抽查中发现的各类问题，未做好后续监管衔接，未依法查处相关违法违规行为的，发现一起扣1分，扣完5分为止。",
                )?],
            )?,
            item(
                "9",
                "9",
                5,
                "严格按照档案管理相关规定和要求，规范抽查检查归案材料。",
                "未按照档案管理相关要求，规范抽查检查归案材料的，发现一起扣1分，扣完5分为止。",
                vec![rule(
                    "9a",
                    Count,
                    capped(10, 50)?,
                    "起",
                    "未按档案管理要求规范抽查检查归案材料",
                    "未按照档案管理相关要求，规范抽查检查归案材料的，发现一起扣1分，扣完5分为止。",
                )?],
            )?,
            item(
                "11-1",
                "11",
                5,
                "按照监管职责梳理参与其他部门开展部门联合检查事项和联合检查部门，结合工作重点，牵头组织开展部门联合双随机抽查检查。配合好其他部门组织牵头的联合抽查检查工作。",
                "未梳理参与其他部门开展部门联合检查事项的扣1分；未梳理可以参与联合检查部门的扣1分；未牵头组织开展部门联合双随机抽查检查的扣1分；未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止。",
                vec![
                    rule(
                        "11a",
                        Flag,
                        flat(10)?,
                        "起",
                        "未梳理参与其他部门开展部门联合检查事项",
                        "未梳理参与其他部门开展部门联合检查事项的扣1分",
                    )?,
                    rule(
                        "11b",
                        Flag,
                        flat(10)?,
                        "起",
                        "未梳理可以参与联合检查部门",
                        "未梳理可以参与联合检查部门的扣1分",
                    )?,
                    rule(
                        "11c",
                        Flag,
                        flat(10)?,
                        "起",
                        "未牵头组织开展部门联合双随机抽查检查",
                        "未牵头组织开展部门联合双随机抽查检查的扣1分",
                    )?,
                    rule(
                        "11d",
                        Count,
                        capped(10, 20)?,
                        "起",
                        "未配合好其他部门组织牵头的联合抽查检查工作",
                        "未配合好其他部门组织牵头的联合抽查检查工作的，发现一起扣1分，扣完2分为止",
                    )?,
                ],
            )?,
            item(
                "11-2",
                "11",
                15,
                "全面推进协同监管工作平台的应用，按照“谁产生、谁提供、谁负责”的原则，全量归集行政许可、行政处罚、抽查检查结果和严重违法失信企业名单（“黑名单”）等，以及其他依法应当公示的企业信息，于信息产生20个工作日内通过平台进行录入，归集至市场主本名下进行公示。",
                "未全量归集本科室产生的许可信息的，发现一起扣1分，扣完5分为止；未督促县（市、区）局、分局对口业务股室全量归集许可信息的，发现一起扣1分，扣完5分为止；除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外，未按照“谁办案、谁录入、谁负责”原则，公示行政处罚信息和结果的发现一起扣1分，扣完5分为止。",
                vec![
                    rule(
                        "11e",
                        deadline(Some(Within::WorkingDays(20)), "产生", "录入"),
                        capped(10, 50)?,
                        "起",
                        "未全量归集本科室产生的许可信息",
                        "未全量归集本科室产生的许可信息的，发现一起扣1分，扣完5分为止",
                    )?,
                    rule(
                        "11f",
                        Count,
                        capped(10, 50)?,
                        "起",
                        "未督促县（市、区）局、分局对口业务股室全量归集许可信息",
                        "未督促县（市、区）局、分局对口业务股室全量归集许可信息的，发现一起扣1分，扣完5分为止",
                    )?,
                    rule(
                        "11g",
                        Count,
                        capped(10, 50)?,
                        "起",
                        "未按“谁办案、谁录入、谁负责”原则公示行政处罚信息和结果",
                        "除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外，未按照“谁办案、谁录入、谁负责”原则，公示行政处罚信息和结果的发现一起扣1分，扣完5分为止",
                    )?
                    // "除涉及国家秘密、商业秘密、个人隐私等依法不予公开的信息外".
                    .with_exemptions([
                        "涉及国家秘密依法不予公开",
                        "涉及商业秘密依法不予公开",
                        "涉及个人隐私依法不予公开",
                    ]),
                ],
            )?,
        ],
    )?;
    let g3 = group(
        "G3",
        "深入推进“互联网+监管”情况",
        10,
        vec![item(
            "12",
            "12",
            10,
            "各监管科室要继续深入推进“互联网+监管”，完成两个百分百。即梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%；常态化采集推送监管数据，确保所采集的监管数据100%覆盖监管事项。",
            "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分，未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。",
            vec![
                rule(
                    "12a",
                    threshold(1),
                    flat(50)?,
                    "起",
                    "检查实施清单完善率未达到100%",
                    "各监管科室未梳理完善本业务科室检查实施清单，确保检查实施清单完善率达到100%的扣5分",
                )?,
                rule(
                    "12b",
                    Count,
                    capped(10, 100)?,
                    "次",
                    "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项",
                    "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项的每每少一次扣1分，扣完10分为止。",
                )?,
            ],
        )?],
    )?;
    let g4 = group(
        "G4",
        "相关工作完成情况",
        10,
        vec![item(
            "13",
            "13",
            10,
            "对县（市、区）局开展对口内业务的指导和培训工作；按要求报送相关工作总结及材料。",
            "未对县（市、区）局开展对口内业务的指导和培训工作的扣5分；未按时间节点和要求报送工作总结及相关材料的，每少一次扣1分，扣完5分为止。",
            vec![
                rule(
                    "13a",
                    Flag,
                    flat(50)?,
                    "起",
                    "未对县（市、区）局开展对口内业务的指导和培训工作",
                    "未对县（市、区）局开展对口内业务的指导和培训工作的扣5分",
                )?,
                rule(
                    "13b",
                    deadline(None, "", "报送"),
                    capped(10, 50)?,
                    "次",
                    "未按时间节点和要求报送工作总结及相关材料",
                    "未按时间节点和要求报送工作总结及相关材料的，每少一次扣1分，扣完5分为止。",
                )?,
            ],
        )?],
    )?;
    Ok(Rubric::new(
        RubricSpec::new(
            Id::new(YUXI_ID)?,
            "玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）",
            pts(1000)?,
            vec![g1, g2, g3, g4],
        )
        .with_version("试行")
        .with_examples(examples()?),
    )?)
}

/// The bundled sample inspection of the seed rubric: the 2026 inspection of
/// `examples/data/yuxi-sample.json`, scoring 69.5.
///
/// ```
/// let rubric = ducha::seed::yuxi();
/// let sample = ducha::seed::yuxi_sample();
/// assert_eq!(rubric.evaluate(&sample)?.score().to_string(), "69.5");
/// # Ok::<(), ducha::EvalError>(())
/// ```
pub fn yuxi_sample() -> Inspection {
    #[expect(
        clippy::expect_used,
        reason = "fixed data; the unit test `sample_builds` proves it builds"
    )]
    sample().expect("the built-in sample is valid")
}

/// A date of the sample, checked.
fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, SeedError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(SeedError::Date)
}

fn case(
    start: Option<NaiveDate>,
    due: Option<NaiveDate>,
    done: Option<NaiveDate>,
    note: &str,
) -> Case {
    Case {
        start,
        due,
        done,
        note: note.to_owned(),
        exempt: None,
    }
}

fn sample() -> Result<Inspection, SeedError> {
    let facts: Vec<(&str, Fact)> = vec![
        (
            "1a",
            Fact::Dates(vec![
                day(2026, 3, 12)?,
                day(2026, 6, 18)?,
                day(2026, 11, 20)?,
            ]),
        ),
        ("2a", Fact::Flag(false)),
        ("2b", Fact::Flag(true)),
        (
            "3a",
            Fact::Cases(vec![case(
                None,
                Some(day(2026, 3, 31)?),
                Some(day(2026, 3, 25)?),
                "2026年度部门随机抽查事项清单",
            )]),
        ),
        (
            "4a",
            Fact::Cases(vec![case(
                None,
                Some(day(2026, 3, 31)?),
                Some(day(2026, 3, 30)?),
                "2026年度抽查工作计划",
            )]),
        ),
        ("4b", Fact::Flag(true)),
        ("4c", Fact::Flag(false)),
        (
            "5a",
            Fact::Cases(vec![case(
                None,
                Some(day(2026, 4, 30)?),
                Some(day(2026, 4, 28)?),
                "检查对象名录库",
            )]),
        ),
        (
            "6a",
            Fact::findings([
                "民办学校办学行为抽查（第二季度）未按时完成",
                "校车安全抽查抽取比例不足",
            ]),
        ),
        ("6b", Fact::Count(7)),
        (
            "7a",
            Fact::Cases(vec![
                case(
                    Some(day(2026, 5, 8)?),
                    None,
                    Some(day(2026, 6, 3)?),
                    "民办学校办学行为抽查",
                ),
                case(
                    Some(day(2026, 9, 24)?),
                    None,
                    Some(day(2026, 11, 3)?),
                    "校外培训机构抽查",
                ),
            ]),
        ),
        ("8a", Fact::Count(0)),
        ("9a", Fact::findings(["体育场馆抽查档案缺检查记录表"])),
        ("11a", Fact::Flag(false)),
        ("11b", Fact::Flag(false)),
        ("11c", Fact::Flag(true)),
        ("11d", Fact::Count(0)),
        (
            "11e",
            Fact::Cases(vec![
                case(
                    Some(day(2026, 4, 1)?),
                    None,
                    Some(day(2026, 5, 20)?),
                    "某培训机构办学许可",
                ),
                case(
                    Some(day(2026, 7, 1)?),
                    None,
                    Some(day(2026, 7, 15)?),
                    "某幼儿园办园许可",
                ),
                case(Some(day(2026, 12, 1)?), None, None, "某民办学校许可变更"),
            ]),
        ),
        ("11g", Fact::Count(0)),
        ("12a", Fact::Measure(Decimal::new(96, 2))),
        ("12b", Fact::Count(7)),
        ("13a", Fact::Flag(false)),
        (
            "13b",
            Fact::Cases(vec![
                case(
                    None,
                    Some(day(2026, 7, 10)?),
                    Some(day(2026, 7, 14)?),
                    "上半年工作总结",
                ),
                case(None, Some(day(2027, 1, 10)?), None, "全年工作总结"),
            ]),
        ),
    ];
    let mut inspection = Inspection::new().for_rubric(YUXI_ID)?;
    inspection.period =
        Some(Period::new(day(2026, 1, 1)?, day(2026, 12, 31)?).map_err(|_| SeedError::Date)?);
    inspection.as_of = Some(day(2026, 12, 31)?);
    for (rule, fact) in facts {
        inspection = inspection.with(rule, fact)?;
    }
    Ok(inspection)
}

/// The seed's own example cases, each number worked out by hand from the
/// original document.
fn examples() -> Result<Vec<Example>, SeedError> {
    let deductions = |pairs: &[(&str, i64)]| -> Result<BTreeMap<Id, Points>, SeedError> {
        pairs
            .iter()
            .map(|&(id, tenths)| Ok((Id::new(id)?, pts(tenths)?)))
            .collect()
    };
    let mut clean = Inspection::new();
    for id in ["2a", "2b", "4b", "4c", "11a", "11b", "11c", "13a"] {
        clean = clean.with(id, false)?;
    }
    for id in ["6a", "6b", "8a", "9a", "11d", "11f", "11g", "12b"] {
        clean = clean.with(id, 0u64)?;
    }
    let mut worst = Inspection::new();
    for id in [
        "2a", "2b", "3a", "4a", "4b", "4c", "5a", "11a", "11b", "11c", "12a", "13a",
    ] {
        worst = worst.with(id, true)?;
    }
    for id in [
        "1a", "6a", "6b", "7a", "8a", "9a", "11d", "11e", "11f", "11g", "12b", "13b",
    ] {
        worst = worst.with(id, 20u64)?;
    }
    Ok(vec![
        Example {
            // Sample: 2 + 2.5 + 3 + (2 + 5) + 1 + 1 + 1 + 2 + (5 + 5) + 1 = 30.5.
            name: "2026年度抽查样例（examples/data/yuxi-sample.json）".to_owned(),
            inspection: sample()?,
            score: Some(pts(695)?),
            deductions: deductions(&[
                ("1a", 20),
                ("2a", 0),
                ("2b", 25),
                ("3a", 0),
                ("4b", 30),
                ("6a", 20),
                ("6b", 50),
                ("7a", 10),
                ("9a", 10),
                ("11c", 10),
                ("11e", 20),
                ("12a", 50),
                ("12b", 50),
                ("13b", 10),
            ])?,
        },
        Example {
            // Nothing recorded against a breach: full marks.
            name: "无扣分".to_owned(),
            inspection: clean,
            score: Some(pts(1000)?),
            deductions: BTreeMap::new(),
        },
        Example {
            // 20 breaches of everything: every item deducts at least its
            // points (1a: 20 × 2 = 40 > 10), so every item scores 0.
            name: "全部违规".to_owned(),
            inspection: worst,
            score: Some(pts(0)?),
            deductions: deductions(&[
                ("1a", 100),
                ("6b", 50),
                ("11d", 20),
                ("12a", 50),
                ("12b", 50),
            ])?,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_builds() {
        let inspection = sample().unwrap();
        assert_eq!(inspection.facts().len(), 23);
    }

    #[test]
    fn seed_builds() {
        let rubric = build().unwrap();
        assert_eq!(rubric.items().count(), 13);
        assert_eq!(rubric.rules().count(), 24);
    }
}
