//! Exact, non-negative point values.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A non-negative, exact number of points: `10`, `2.5`.
///
/// Points are [`Decimal`]s, never floats, so `2.5 + 2.5` is exactly `5`. A
/// value is checked where it is made: it is at least 0, at most
/// [`Points::MAX`], and has at most [`Points::MAX_SCALE`] decimal places.
/// Trailing zeros are dropped (`5.0` becomes `5`), so equal points print
/// alike.
///
/// In JSON, points are written as strings (`"2.5"`) and read from strings or
/// numbers; see [`crate#the-json-contract`] for how numbers are read exactly.
///
/// ```
/// use ducha::Points;
///
/// let p: Points = "2.5".parse()?;
/// assert_eq!(p.to_string(), "2.5");
/// assert!("-1".parse::<Points>().is_err());
/// # Ok::<(), ducha::PointsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(Decimal);

/// Why a value is not valid [`Points`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PointsError {
    /// The value is below zero.
    #[error("points must not be negative, got `{value}`")]
    Negative {
        /// The offending value.
        value: Decimal,
    },
    /// The value is above [`Points::MAX`].
    #[error("points `{value}` exceed the maximum of `{max}`")]
    TooLarge {
        /// The offending value.
        value: Decimal,
        /// The limit, [`Points::MAX`].
        max: Decimal,
    },
    /// The value has more than [`Points::MAX_SCALE`] decimal places.
    #[error("points `{value}` have more than {max} decimal places")]
    TooPrecise {
        /// The offending value.
        value: Decimal,
        /// The limit, [`Points::MAX_SCALE`].
        max: u32,
    },
    /// The text is not a decimal number.
    #[error(transparent)]
    Number(#[from] NumberError),
}

/// Why a text or a JSON number is not an exact decimal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumberError {
    /// The text is not a plain decimal number such as `2.5`.
    #[error("`{text}` is not a decimal number")]
    Invalid {
        /// The offending text.
        text: String,
    },
}

impl Points {
    /// Zero points.
    pub const ZERO: Points = Points(Decimal::ZERO);
    /// The largest value: one billion points.
    pub const MAX: Points = Points(Decimal::from_parts(1_000_000_000, 0, 0, false, 0));
    /// The most decimal places a value may have.
    pub const MAX_SCALE: u32 = 6;

    /// Checks `value` and makes it [`Points`].
    ///
    /// # Errors
    ///
    /// [`PointsError`] if `value` is negative, above [`Points::MAX`], or has
    /// more than [`Points::MAX_SCALE`] decimal places (after trailing zeros
    /// are dropped).
    pub fn new(value: Decimal) -> Result<Points, PointsError> {
        let value = value.normalize();
        if value.is_sign_negative() && !value.is_zero() {
            return Err(PointsError::Negative { value });
        }
        if value > Self::MAX.0 {
            return Err(PointsError::TooLarge {
                value,
                max: Self::MAX.0,
            });
        }
        if value.scale() > Self::MAX_SCALE {
            return Err(PointsError::TooPrecise {
                value,
                max: Self::MAX_SCALE,
            });
        }
        // `-0` normalizes to a negative zero; store the plain one.
        Ok(Points(value.abs()))
    }

    /// Whole points, for building rubrics in code: `Points::whole(5)`.
    /// Every `u16` is valid; larger values go through [`Points::new`].
    pub fn whole(value: u16) -> Points {
        Points(Decimal::from(value))
    }

    /// The value as a [`Decimal`].
    pub fn get(self) -> Decimal {
        self.0
    }

    /// Whether this is zero points.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Points> for Decimal {
    fn from(p: Points) -> Decimal {
        p.0
    }
}

impl TryFrom<Decimal> for Points {
    type Error = PointsError;
    fn try_from(value: Decimal) -> Result<Points, PointsError> {
        Points::new(value)
    }
}

impl FromStr for Points {
    type Err = PointsError;
    fn from_str(s: &str) -> Result<Points, PointsError> {
        Points::new(parse_decimal(s)?)
    }
}

/// Parses a plain decimal (`"2.5"`, `"-1"`, `"100"`) exactly: no exponent, no
/// rounding.
pub(crate) fn parse_decimal(s: &str) -> Result<Decimal, NumberError> {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+');
    match Decimal::from_str_exact(s) {
        Ok(d) if plain => Ok(d),
        _ => Err(NumberError::Invalid { text: s.to_owned() }),
    }
}

/// The refusal of a binary float where an exact decimal is read: a general
/// JSON parser (such as `serde_json`) hands over the nearest `f64` of a
/// number with a fraction or an exponent, which may not be the number that
/// was written (`0.99999999999999999` arrives as `1`).
pub(crate) struct FloatRefused(pub(crate) f64);

impl fmt::Display for FloatRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a number with a fraction or an exponent reached ducha as the binary float `{}`, which may not be the number written: write it as a string (\"0.95\"), or read the JSON with `ducha::json::from_str`",
            self.0
        )
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Points, D::Error> {
        let value = deserializer.deserialize_any(DecimalVisitor)?;
        Points::new(value).map_err(serde::de::Error::custom)
    }
}

/// Reads a decimal from a JSON string or an integer, or from the plain
/// decimal text that [`json::from_str`](crate::json::from_str) hands over
/// for any other number (always exact); refuses a binary float.
pub(crate) struct DecimalVisitor;

impl serde::de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number, as a string such as \"2.5\" or a number")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(FloatRefused(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }
}

/// Serde for a plain [`Decimal`] field: written as a string, read from a
/// string or a number like [`Points`].
pub(crate) mod decimal_serde {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(d: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(d)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(super::DecimalVisitor)
    }

    /// The same for an optional decimal.
    pub(crate) mod option {
        use rust_decimal::Decimal;
        use serde::{Deserializer, Serializer};

        /// Writes a decimal as a string (`None` is skipped by its field).
        #[expect(
            clippy::ref_option,
            reason = "serde's `with` passes the field by reference"
        )]
        pub(crate) fn serialize<S: Serializer>(
            d: &Option<Decimal>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => serializer.collect_str(d),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `null` or a decimal.
        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            #[derive(serde::Deserialize)]
            struct Wrapped(#[serde(deserialize_with = "super::deserialize")] Decimal);
            let wrapped: Option<Wrapped> = serde::Deserialize::deserialize(deserializer)?;
            Ok(wrapped.map(|Wrapped(d)| d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn normalizes_trailing_zeros() {
        assert_eq!(Points::new(dec("5.0")).unwrap().to_string(), "5");
        assert_eq!(Points::new(dec("2.50")).unwrap().to_string(), "2.5");
        assert_eq!(Points::new(dec("-0")).unwrap().to_string(), "0");
    }

    #[test]
    fn limits() {
        assert!(Points::new(dec("1000000000")).is_ok(), "MAX is inclusive");
        assert!(Points::new(dec("0.000001")).is_ok(), "6 places allowed");
        let cases = [
            ("-1", "points must not be negative, got `-1`"),
            (
                "1000000000.5",
                "points `1000000000.5` exceed the maximum of `1000000000`",
            ),
            (
                "0.0000001",
                "points `0.0000001` have more than 6 decimal places",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(
                Points::new(dec(input)).unwrap_err().to_string(),
                message,
                "{input}"
            );
        }
    }

    #[test]
    fn conversions_keep_the_value() {
        let p = Points::new(dec("2.5")).unwrap();
        assert_eq!(Decimal::from(p), dec("2.5"));
        assert_eq!(Points::try_from(dec("2.50")).unwrap(), p);
        assert!(Points::try_from(dec("-1")).is_err());
        assert_eq!(parse_decimal("-2.5").unwrap(), dec("-2.5"));
        assert_eq!(parse_decimal("+3").unwrap(), dec("3"));
    }

    #[test]
    fn parse_rejects_non_plain_text() {
        // `Decimal::from_str_exact` itself takes `1_000` and `1e3`: the
        // contract's decimals are plain digits only.
        for s in [
            "", "1e3", "abc", "1.2.3", " 1", "NaN", "1_000", "1_0.5", "2E1",
        ] {
            assert_eq!(
                s.parse::<Points>().unwrap_err().to_string(),
                format!("`{s}` is not a decimal number"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn binary_floats_are_refused_with_advice() {
        let err = serde_json::from_str::<Points>("2.5")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a number with a fraction or an exponent reached ducha as the binary float `2.5`, which may not be the number written: write it as a string"),
            "{err}"
        );
        assert_eq!(
            serde_json::from_str::<Points>("\"2.5\"")
                .unwrap()
                .to_string(),
            "2.5"
        );
        assert_eq!(
            serde_json::from_str::<Points>("3").unwrap().to_string(),
            "3"
        );
    }
}
