//! Reading inspection JSON straight into a rubric's rule slots ([`Facts`]):
//! no map of facts, no id copied for a known rule. It accepts and refuses
//! exactly what reading an [`Inspection`](crate::Inspection) does, with the
//! same messages, positions and paths (the conformance cases and the
//! property tests compare the two).

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};

use crate::{Fact, Facts, Id, Period};

/// The fields of an inspection, as `Inspection`'s derive names them.
const FIELDS: &[&str] = &[
    "rubric",
    "period",
    "as_of",
    "facts",
    "not_applicable",
    "peers",
];

/// Reads an inspection object into `facts`.
pub(crate) struct InspectionSeed<'r>(pub(crate) Facts<'r>);

impl<'de, 'r> DeserializeSeed<'de> for InspectionSeed<'r> {
    type Value = Facts<'r>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Facts<'r>, D::Error> {
        deserializer.deserialize_map(InspectionVisitor(self.0))
    }
}

struct InspectionVisitor<'r>(Facts<'r>);

impl<'de, 'r> Visitor<'de> for InspectionVisitor<'r> {
    type Value = Facts<'r>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an inspection object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Facts<'r>, A::Error> {
        let mut facts = self.0;
        let mut seen = [false; 6];
        while let Some(field) = map.next_key_seed(FieldSeed)? {
            let index = field as usize;
            if seen.get(index).copied().unwrap_or(false) {
                return Err(de::Error::duplicate_field(
                    FIELDS.get(index).copied().unwrap_or("?"),
                ));
            }
            if let Some(flag) = seen.get_mut(index) {
                *flag = true;
            }
            match field {
                Field::Rubric => facts.named = map.next_value::<Option<Id>>()?,
                Field::Period => facts.period = map.next_value::<Option<Period>>()?,
                Field::AsOf => facts.as_of = map.next_value::<OptionalDate>()?.0,
                Field::Facts => facts = map.next_value_seed(FactsSeed(facts))?,
                Field::NotApplicable => facts.not_applicable = map.next_value::<Reasons>()?.0,
                Field::Peers => facts.peers = map.next_value::<Peers>()?.0,
            }
        }
        Ok(facts)
    }
}

#[derive(Clone, Copy)]
enum Field {
    Rubric = 0,
    Period = 1,
    AsOf = 2,
    Facts = 3,
    NotApplicable = 4,
    Peers = 5,
}

/// The `not_applicable` object, read as an inspection reads it.
struct Reasons(std::collections::BTreeMap<Id, String>);

impl<'de> de::Deserialize<'de> for Reasons {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Reasons, D::Error> {
        crate::inspection::reasons_without_duplicates(deserializer).map(Reasons)
    }
}

/// The `peers` object, read as an inspection reads it.
struct Peers(std::collections::BTreeMap<Id, crate::Peer>);

impl<'de> de::Deserialize<'de> for Peers {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Peers, D::Error> {
        crate::inspection::peers_without_duplicates(deserializer).map(Peers)
    }
}

struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldSeed {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        match v {
            "rubric" => Ok(Field::Rubric),
            "period" => Ok(Field::Period),
            "as_of" => Ok(Field::AsOf),
            "facts" => Ok(Field::Facts),
            "not_applicable" => Ok(Field::NotApplicable),
            "peers" => Ok(Field::Peers),
            other => Err(de::Error::unknown_field(other, FIELDS)),
        }
    }
}

/// `null` or a `YYYY-MM-DD` date.
struct OptionalDate(Option<NaiveDate>);

impl<'de> de::Deserialize<'de> for OptionalDate {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<OptionalDate, D::Error> {
        crate::date::option::deserialize(deserializer).map(OptionalDate)
    }
}

/// Reads the `facts` object into the slots.
struct FactsSeed<'r>(Facts<'r>);

impl<'de, 'r> DeserializeSeed<'de> for FactsSeed<'r> {
    type Value = Facts<'r>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Facts<'r>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, 'r> Visitor<'de> for FactsSeed<'r> {
    type Value = Facts<'r>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object from rule id to fact")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Facts<'r>, A::Error> {
        let mut facts = self.0;
        // Ids that name no rule: rare, kept only to find repeats.
        let mut unknown: BTreeSet<Id> = BTreeSet::new();
        let plan = facts.rubric().plan();
        while let Some(key) = map.next_key_seed(KeySeed(plan))? {
            match key {
                Key::Rule(index, id) => {
                    let Some(slot) = facts.slots.get_mut(index as usize) else {
                        // INVARIANT: the index comes from the same plan.
                        return Err(de::Error::custom("internal: rule index out of range"));
                    };
                    if slot.is_some() {
                        return Err(de::Error::custom(format_args!(
                            "fact for rule `{id}` given twice"
                        )));
                    }
                    *slot = Some(map.next_value::<Fact>()?);
                }
                Key::Unknown(id) => {
                    if unknown.contains(&id) {
                        return Err(de::Error::custom(format_args!(
                            "fact for rule `{id}` given twice"
                        )));
                    }
                    // The fact is read all the same: its shape is checked
                    // before the rule is found missing.
                    map.next_value::<Fact>()?;
                    unknown.insert(id);
                }
            }
        }
        facts.unknown = unknown.into_iter().next();
        Ok(facts)
    }
}

/// A key of `facts`: a rule's index (and its id, for messages), or an id
/// the rubric does not have.
enum Key<'p> {
    Rule(u32, &'p Id),
    Unknown(Id),
}

struct KeySeed<'p>(&'p crate::plan::Plan);

impl<'de, 'p> DeserializeSeed<'de> for KeySeed<'p> {
    type Value = Key<'p>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key<'p>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'p> Visitor<'_> for KeySeed<'p> {
    type Value = Key<'p>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'p>, E> {
        match self.0.rule_entry(v) {
            Some(entry) => Ok(Key::Rule(entry.index, &entry.id)),
            // A key that is not a valid id is refused as reading an `Id`
            // refuses it.
            None => Id::new(v).map(Key::Unknown).map_err(E::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::json::{Engine, JsonError, parse_inspection};

    /// What evaluating through an `Inspection` gives: the reference.
    fn through_inspection(engine: &Engine, text: &str) -> Result<String, JsonError> {
        let inspection = parse_inspection(text)?;
        Ok(engine.rubric().evaluate(&inspection)?.to_json())
    }

    /// Reading into slots answers exactly as reading an inspection: the
    /// same scorecards and the same errors (code, message, path, id), in the
    /// same order of precedence.
    #[test]
    fn slots_answer_as_inspections_do() {
        let engine = Engine::seed();
        let cases = [
            r#"{"facts":{"2b":true,"7a":3}}"#,
            r#"{"rubric":"yuxi-shuangsuiji","facts":{}}"#,
            r#"{"rubric":"other","facts":{"zz":1}}"#,
            r#"{"rubric":null,"period":null,"as_of":null,"facts":{"2a":false}}"#,
            r#"{}"#,
            r#"{"facts":null}"#,
            r#"{"facts":{"zz":1,"2b":"x"}}"#,
            r#"{"facts":{"2b":"x","zz":1}}"#,
            r#"{"facts":{"aa":1,"2b":true}}"#,
            // An unknown id before a failing rule, in id order, is reported
            // first; after it, the rule's error is.
            r#"{"facts":{"10z":1,"2b":3}}"#,
            r#"{"facts":{"2b":3,"10z":1}}"#,
            r#"{"facts":{"2b":3,"3z":1}}"#,
            r#"{"facts":{"2b":3,"2b0":1}}"#,
            r#"{"facts":{"2b":true,"2b0":1}}"#,
            r#"{"facts":{"zz":1,"zz":2}}"#,
            r#"{"facts":{"2b":true,"2b":false}}"#,
            r#"{"facts":{"zz":[1]}}"#,
            r#"{"facts":{"7 a":1}}"#,
            r#"{"facts":{"":1}}"#,
            r#"{"facts":{"1a":["2026-01-05"]}}"#,
            r#"{"facts":{"7a":[{"start":"2026-13-01"}]}}"#,
            r#"{"fact":{}}"#,
            r#"{"facts":{},"facts":{}}"#,
            r#"{"as_of":"2026-02-30"}"#,
            r#"{"period":{"from":"2026-12-31","to":"2026-01-01"}}"#,
            r#"{"facts":{"12a":96}}"#,
            r#"{"facts":{"12a":"96%","6a":-1}}"#,
            r#"{"facts":{"2b":true}} x"#,
            r#"[{"facts":{}}]"#,
            r#"{"facts":{"2\u0062":true}}"#,
            r#"{"facts":{"7a":[{}]},"period":{"from":"2026-01-01","to":"2026-12-31"}}"#,
        ];
        for text in cases {
            assert_eq!(
                engine.evaluate(text),
                through_inspection(&engine, text),
                "{text}"
            );
        }
        // The precedence itself: an unknown id before the failing rule in
        // id order is reported, one after it is not.
        let code = |text| engine.evaluate(text).unwrap_err().code;
        use crate::json::ErrorCode;
        assert_eq!(
            code(r#"{"facts":{"10z":1,"2b":3}}"#),
            ErrorCode::UnknownRule
        );
        assert_eq!(
            code(r#"{"facts":{"2b":3,"3z":1}}"#),
            ErrorCode::WrongFactType
        );
    }
}
