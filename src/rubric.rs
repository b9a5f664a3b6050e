//! The rubric as written: the tree of indicators, items and rules, before
//! validation ([`Rubric::new`](crate::Rubric::new) checks it and plans it).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::strict::{map_only, strict_struct};
use crate::{Id, Points, Rule};

strict_struct! {
/// A rubric as written (督查细则): the plain data, before validation.
///
/// Build one in code or read it from JSON, then turn it into a [`Rubric`](crate::Rubric)
/// with [`Rubric::new`](crate::Rubric::new), which checks it once and prepares it for
/// evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct RubricSpec as "RubricSpec", "a rubric object" {
    /// Unique key of the rubric; an inspection may name it.
    pub id: Id,
    /// The document's title.
    pub title: String,
    /// The document's version or status (`试行`, `2026年修订`).
    #[serde(default)]
    pub version: String,
    /// The dates the version is in force, where the rubric has versions:
    /// [`Versions`](crate::Versions) picks the one in force for an
    /// inspection's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<crate::InForce>,
    /// The declared total (100 for the seed); must equal the sum of the
    /// top-level indicators' points.
    pub total: Points,
    /// The top-level indicators (一级指标), in document order.
    pub indicators: Vec<Indicator>,
    /// The rounding of the rule shapes that divide (proportional scores,
    /// exact partial steps, interpolation); a rubric with such a rule must
    /// declare it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<crate::Rounding>,
    /// Groups of rules that never deduct twice ("不重复扣分").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusive: Vec<crate::Exclusive>,
    /// What an item marked not applicable in an inspection means; absent:
    /// no item may be marked so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<crate::NaPolicy>,
    /// The lowest final score, 0 or below; 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub floor: Option<rust_decimal::Decimal>,
    /// The penalty section (扣分项) outside the declared total, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalties: Option<crate::Penalties>,
    /// The bonus section (加分项) outside the declared total, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<crate::Bonus>,
    /// The grades by final score, best first ("90分以上为优秀…"); none: no
    /// grade.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<crate::Grade>,
    /// Worked examples that travel with the rubric
    /// ([`Rubric::check_examples`](crate::Rubric::check_examples)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<crate::Example>,
}
}

/// An indicator (督查指标): a group of items, or of finer indicators.
///
/// In JSON an indicator has either an `items` or an `indicators` array.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Indicator {
    /// Unique key (`"G1"`).
    pub id: Id,
    /// The name the document prints (`领导重视`).
    pub name: String,
    /// The indicator's points: its deduction never exceeds them.
    pub points: Points,
    /// What the indicator contains.
    pub children: Children,
    /// The lowest score the indicator may reach, 0 or below; 0 when absent.
    pub floor: Option<rust_decimal::Decimal>,
    /// What the indicator counts for in its parent (权重, 折算), if not its
    /// points: it contributes its score ÷ its points × its weight, rounded
    /// as the rubric declares, so a 60-point section can count for 30. Its
    /// parent's points (or the rubric's total) are then the sum of its
    /// children's weights, and its rules' deductions stop at it: they are
    /// shares of its points, not of its parent's.
    pub weight: Option<Points>,
    /// What an item under it marked not applicable means, overriding the
    /// rubric's policy (and any indicator's above) for the items below.
    pub not_applicable: Option<crate::NaPolicy>,
}

/// What an [`Indicator`] contains: finer indicators or items, never both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Children {
    /// Finer indicators (二级、三级指标).
    Indicators(Vec<Indicator>),
    /// Numbered items (rows of the document).
    Items(Vec<Item>),
}

strict_struct! {
/// One numbered row of the document (序号): a requirement and the rules
/// that score it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Item as "Item", "an item object" {
    /// Unique key (`"11-2"`); distinct even where serial labels repeat.
    pub id: Id,
    /// The serial label the document prints (`"11"`); need not be unique.
    pub serial: String,
    /// The item's points (量化分值): its deduction never exceeds them.
    pub points: Points,
    /// The performance requirement (绩效要求), verbatim.
    pub requirement: String,
    /// The scoring standard (督查评分标准) as the document prints it, whole.
    #[serde(default)]
    pub standard: String,
    /// The clauses of the scoring standard, each a rule.
    pub rules: Vec<Rule>,
    /// The lowest score the item may reach, 0 or below ("在分值扣完的基础上，
    /// 实行倒扣分，最多扣2分" is `-2`); 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub floor: Option<rust_decimal::Decimal>,
    /// Whether the item earns instead of loses ("…得2分"): it starts from 0
    /// and its rules credit it, up to its points.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub earn: bool,
}
}

impl RubricSpec {
    /// A rubric with this id, title, declared total and top-level
    /// indicators; no version, no examples.
    ///
    /// ```
    /// use ducha::{Id, Indicator, Item, Penalty, Points, Rubric, RubricSpec, Rule, Trigger};
    ///
    /// let rule = Rule::new(Id::new("1a")?, "未明确日常联络员", Trigger::Flag, Penalty::flat(Points::new("2.5".parse()?)?));
    /// let item = Item::new(Id::new("1")?, "1", Points::whole(5)).with_rules([rule]);
    /// let spec = RubricSpec::new(
    ///     Id::new("mine")?,
    ///     "某局督查细则",
    ///     Points::whole(5),
    ///     vec![Indicator::with_items(Id::new("G1")?, "领导重视", Points::whole(5), vec![item])],
    /// )
    /// .with_version("试行");
    /// let rubric = Rubric::new(spec)?;
    /// assert_eq!(rubric.rules().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: Id,
        title: impl Into<String>,
        total: Points,
        indicators: Vec<Indicator>,
    ) -> RubricSpec {
        RubricSpec {
            id,
            title: title.into(),
            version: String::new(),
            in_force: None,
            total,
            indicators,
            rounding: None,
            exclusive: Vec::new(),
            not_applicable: None,
            floor: None,
            penalties: None,
            bonus: None,
            grades: Vec::new(),
            examples: Vec::new(),
        }
    }

    /// The same rubric rounding as `rounding` says where a rule divides.
    #[must_use]
    pub fn with_rounding(mut self, rounding: crate::Rounding) -> RubricSpec {
        self.rounding = Some(rounding);
        self
    }

    /// The same rubric with one more group of rules that never deduct twice.
    #[must_use]
    pub fn with_exclusive(mut self, group: crate::Exclusive) -> RubricSpec {
        self.exclusive.push(group);
        self
    }

    /// The same rubric with this bonus section outside its total.
    #[must_use]
    pub fn with_bonus(mut self, bonus: crate::Bonus) -> RubricSpec {
        self.bonus = Some(bonus);
        self
    }

    /// The same rubric grading final scores by `grades` (best first, the
    /// last without a bound).
    #[must_use]
    pub fn with_grades(mut self, grades: impl IntoIterator<Item = crate::Grade>) -> RubricSpec {
        self.grades = grades.into_iter().collect();
        self
    }

    /// The same rubric in force on these dates.
    #[must_use]
    pub fn in_force(mut self, in_force: crate::InForce) -> RubricSpec {
        self.in_force = Some(in_force);
        self
    }

    /// The same rubric with this version or status (`试行`).
    #[must_use]
    pub fn with_version(mut self, version: impl Into<String>) -> RubricSpec {
        self.version = version.into();
        self
    }

    /// The same rubric carrying these worked examples.
    #[must_use]
    pub fn with_examples(
        mut self,
        examples: impl IntoIterator<Item = crate::Example>,
    ) -> RubricSpec {
        self.examples.extend(examples);
        self
    }
}

impl Indicator {
    /// An indicator holding items.
    pub fn with_items(
        id: Id,
        name: impl Into<String>,
        points: Points,
        items: Vec<Item>,
    ) -> Indicator {
        Indicator {
            id,
            name: name.into(),
            points,
            children: Children::Items(items),
            floor: None,
            weight: None,
            not_applicable: None,
        }
    }

    /// An indicator holding finer indicators (二级、三级指标).
    pub fn with_indicators(
        id: Id,
        name: impl Into<String>,
        points: Points,
        indicators: Vec<Indicator>,
    ) -> Indicator {
        Indicator {
            id,
            name: name.into(),
            points,
            children: Children::Indicators(indicators),
            floor: None,
            weight: None,
            not_applicable: None,
        }
    }

    /// The same indicator counting for `weight` in its parent (折算): its
    /// score ÷ its points × `weight`, rounded as the rubric declares.
    ///
    /// ```
    /// use ducha::{Id, Indicator, Points};
    ///
    /// // "基础工作（60分）按30%计入总分": a 60-point section counting for 30.
    /// let section = Indicator::with_items(Id::new("A")?, "基础工作", Points::whole(60), vec![])
    ///     .with_weight(Points::whole(30));
    /// assert_eq!(section.counts_for(), Points::whole(30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_weight(mut self, weight: Points) -> Indicator {
        self.weight = Some(weight);
        self
    }

    /// The same indicator, whose score may fall to `floor` (0 or below).
    #[must_use]
    pub fn with_floor(mut self, floor: rust_decimal::Decimal) -> Indicator {
        self.floor = Some(floor);
        self
    }

    /// The same indicator declaring what an item under it marked not
    /// applicable means.
    #[must_use]
    pub fn with_not_applicable(mut self, policy: crate::NaPolicy) -> Indicator {
        self.not_applicable = Some(policy);
        self
    }

    /// What the indicator counts for in its parent: its weight, else its
    /// points.
    pub fn counts_for(&self) -> Points {
        self.weight.unwrap_or(self.points)
    }
}

impl Item {
    /// An item with this id, printed serial and points; no requirement,
    /// standard or rules yet.
    pub fn new(id: Id, serial: impl Into<String>, points: Points) -> Item {
        Item {
            id,
            serial: serial.into(),
            points,
            requirement: String::new(),
            standard: String::new(),
            rules: Vec::new(),
            floor: None,
            earn: false,
        }
    }

    /// The same item earning instead of losing: from 0, credited by its
    /// rules up to its points.
    #[must_use]
    pub fn earning(mut self) -> Item {
        self.earn = true;
        self
    }

    /// The same item, whose score may fall to `floor` (0 or below).
    #[must_use]
    pub fn with_floor(mut self, floor: rust_decimal::Decimal) -> Item {
        self.floor = Some(floor);
        self
    }

    /// The same item with this performance requirement (绩效要求).
    #[must_use]
    pub fn with_requirement(mut self, requirement: impl Into<String>) -> Item {
        self.requirement = requirement.into();
        self
    }

    /// The same item with this scoring standard as printed (督查评分标准).
    #[must_use]
    pub fn with_standard(mut self, standard: impl Into<String>) -> Item {
        self.standard = standard.into();
        self
    }

    /// The same item with these rules added after its own.
    #[must_use]
    pub fn with_rules(mut self, rules: impl IntoIterator<Item = Rule>) -> Item {
        self.rules.extend(rules);
        self
    }
}

map_only!(IndicatorRepr, "an indicator object");

/// The JSON shape of an [`Indicator`].
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct IndicatorRepr {
    id: Id,
    name: String,
    points: Points,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indicators: Option<Vec<Indicator>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<Vec<Item>>,
    #[serde(default, with = "crate::points::decimal_serde::option")]
    floor: Option<rust_decimal::Decimal>,
    #[serde(default)]
    weight: Option<Points>,
    #[serde(default)]
    not_applicable: Option<crate::NaPolicy>,
}

impl Serialize for Indicator {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Indicator", 7)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("points", &self.points)?;
        if let Some(weight) = &self.weight {
            s.serialize_field("weight", weight)?;
        }
        if let Some(floor) = self.floor {
            s.serialize_field("floor", &floor.to_string())?;
        }
        if let Some(policy) = &self.not_applicable {
            s.serialize_field("not_applicable", policy)?;
        }
        match &self.children {
            Children::Indicators(children) => s.serialize_field("indicators", children)?,
            Children::Items(items) => s.serialize_field("items", items)?,
        }
        s.end()
    }
}

impl<'de> Deserialize<'de> for Indicator {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Indicator, D::Error> {
        let repr = IndicatorRepr::deserialize(deserializer)?;
        let children = match (repr.indicators, repr.items) {
            (Some(_), Some(_)) => {
                return Err(serde::de::Error::custom(format_args!(
                    "indicator `{}` has both `indicators` and `items`; give one",
                    repr.id
                )));
            }
            (Some(children), None) => Children::Indicators(children),
            (None, items) => Children::Items(items.unwrap_or_default()),
        };
        Ok(Indicator {
            id: repr.id,
            name: repr.name,
            points: repr.points,
            children,
            floor: repr.floor,
            weight: repr.weight,
            not_applicable: repr.not_applicable,
        })
    }
}
