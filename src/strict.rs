//! Reading JSON objects strictly.
//!
//! A derived `Deserialize` for a struct also accepts a sequence of its
//! fields in order (`["yuxi-shuangsuiji", null, null, {…}]` as an
//! inspection). The contract is objects with named fields, so the types of
//! the JSON contract derive with `#[serde(remote = "Self")]` and get their
//! trait impls here, accepting maps only.

/// Implements `Deserialize` (and with `, serialize`, `Serialize`) for a type
/// whose derives carry `#[serde(remote = "Self")]`, reading maps only.
macro_rules! map_only {
    ($ty:ty, $expecting:literal) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                struct MapOnly;
                impl<'de> serde::de::Visitor<'de> for MapOnly {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$ty, A::Error> {
                        // The inherent function the remote derive made.
                        <$ty>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(MapOnly)
            }
        }
    };
    ($ty:ty, $expecting:literal, serialize) => {
        $crate::strict::map_only!($ty, $expecting);
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, serializer)
            }
        }
    };
}

pub(crate) use map_only;
