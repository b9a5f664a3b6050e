//! Reading JSON objects strictly.
//!
//! A derived `Deserialize` for a struct (or an internally tagged enum) also
//! accepts a sequence of its fields in order (`["yuxi-shuangsuiji", null,
//! null, {…}]` as an inspection). The contract is objects with named
//! fields, so the public types of the JSON contract are declared through
//! the macros here: each declares the type once, derives `Serialize` on it,
//! and derives `Deserialize` on a private copy inside an anonymous `const`
//! block (`#[serde(remote = …)]`), whose result the public type's
//! `Deserialize` impl hands out for maps only. No public function reads
//! such a type from a sequence.

/// Implements `Deserialize` for `$ty`, reading maps only through the
/// function `$read` (a remote derive's inherent `deserialize`).
macro_rules! map_only_impl {
    ($ty:ty, $expecting:literal, $read:expr) => {
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
                        $read(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(MapOnly)
            }
        }
    };
}

/// Implements `Deserialize` for a private type whose derive carries
/// `#[serde(remote = "Self")]`, reading maps only. (Private types only: the
/// remote derive's inherent `deserialize` has the type's visibility.)
macro_rules! map_only {
    ($ty:ty, $expecting:literal) => {
        $crate::strict::map_only_impl!($ty, $expecting, <$ty>::deserialize);
    };
}

/// Declares a public struct of the JSON contract: `Serialize` derived on
/// it, `Deserialize` strict (maps only) through a private copy.
///
/// The struct's own attributes come first, then `#[serde(…)]` container
/// attributes shared by both directions, then `struct Name as "Name",
/// "what it expects"`.
macro_rules! strict_struct {
    (
        $(#[$outer:meta])*
        serde($($container:tt)*)
        $vis:vis struct $name:ident as $remote:literal, $expecting:literal {
            $( $(#[$field_meta:meta])* $field_vis:vis $field:ident : $field_ty:ty ),* $(,)?
        }
    ) => {
        $(#[$outer])*
        #[derive(serde::Serialize)]
        #[serde($($container)*)]
        $vis struct $name {
            $( $(#[$field_meta])* $field_vis $field : $field_ty ),*
        }

        const _: () = {
            #[derive(serde::Deserialize)]
            #[serde(remote = $remote, $($container)*)]
            struct Def {
                $( $(#[$field_meta])* $field : $field_ty ),*
            }
            $crate::strict::map_only_impl!($name, $expecting, Def::deserialize);
        };
    };
}

/// The same as [`strict_struct!`] for an enum of struct variants (tagged
/// by a `#[serde(tag = …)]` container attribute).
macro_rules! strict_enum {
    (
        $(#[$outer:meta])*
        serde($($container:tt)*)
        $vis:vis enum $name:ident as $remote:literal, $expecting:literal {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident {
                    $( $(#[$field_meta:meta])* $field:ident : $field_ty:ty ),* $(,)?
                }
            ),* $(,)?
        }
    ) => {
        $(#[$outer])*
        #[derive(serde::Serialize)]
        #[serde($($container)*)]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant { $( $(#[$field_meta])* $field : $field_ty ),* }
            ),*
        }

        const _: () = {
            #[derive(serde::Deserialize)]
            #[serde(remote = $remote, $($container)*)]
            enum Def {
                $(
                    $(#[$variant_meta])*
                    $variant { $( $(#[$field_meta])* $field : $field_ty ),* }
                ),*
            }
            $crate::strict::map_only_impl!($name, $expecting, Def::deserialize);
        };
    };
}

pub(crate) use {map_only, map_only_impl, strict_enum, strict_struct};
