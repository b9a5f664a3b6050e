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
    /// A JSON number has more significant digits than can be read exactly.
    #[error(
        "number `{text}` has more than 15 significant digits; write it as a string to keep it exact"
    )]
    Inexact {
        /// The number as it was read.
        text: String,
    },
    /// The number is too large for a decimal.
    #[error("number `{text}` is out of range")]
    OutOfRange {
        /// The number as it was read.
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

/// Reads a JSON floating-point number as the decimal it was typed as.
///
/// A JSON parser hands over the nearest `f64`. Any decimal of at most 15
/// significant digits survives that trip: the shortest text that reads back
/// as the same `f64` is the typed number itself (up to trailing zeros). So
/// `0.1` becomes exactly `0.1`, never `0.1000000000000000055511151231257827`.
/// Longer numbers are rejected: they must be sent as strings.
pub(crate) fn decimal_from_f64(v: f64) -> Result<Decimal, NumberError> {
    // Rust prints the shortest round-tripping text, without an exponent.
    let text = format!("{v}");
    let significant = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
        .collect::<Vec<u8>>();
    let digits = significant
        .iter()
        .rposition(|&b| b != b'0')
        .map_or(0, |last| last + 1);
    if !v.is_finite() || digits > 15 {
        return Err(NumberError::Inexact { text });
    }
    parse_decimal(&text).map_err(|_| NumberError::OutOfRange { text })
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

/// Reads a decimal from a JSON string (exact) or number (exact up to 15
/// significant digits).
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
        decimal_from_f64(v).map_err(E::custom)
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
        use serde::Deserializer;

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
    fn parse_rejects_non_plain_text() {
        for s in ["", "1e3", "abc", "1.2.3", " 1", "NaN"] {
            assert_eq!(
                s.parse::<Points>().unwrap_err().to_string(),
                format!("`{s}` is not a decimal number"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn floats_read_as_typed() {
        let cases = [
            (0.1, "0.1"),
            (2.5, "2.5"),
            (0.3, "0.3"),
            (97.5, "97.5"),
            (123456789012345.0, "123456789012345"),
            (0.123456789012345, "0.123456789012345"),
            (1e-7, "0.0000001"),
        ];
        for (v, text) in cases {
            assert_eq!(decimal_from_f64(v).unwrap(), dec(text), "{v}");
        }
    }

    #[test]
    fn floats_beyond_15_digits_are_refused() {
        // 0.1 + 0.2 is the double 0.30000000000000004: 17 significant digits.
        let err = decimal_from_f64(0.1 + 0.2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "number `0.30000000000000004` has more than 15 significant digits; write it as a string to keep it exact"
        );
        assert!(decimal_from_f64(1234567890123456.0).is_err(), "16 digits");
        assert!(decimal_from_f64(f64::NAN).is_err());
        assert_eq!(
            decimal_from_f64(1e300).unwrap_err().to_string(),
            format!("number `1{}` is out of range", "0".repeat(300))
        );
    }
}
