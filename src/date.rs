//! Dates as the JSON contract writes them: exactly `YYYY-MM-DD`, read by
//! hand (this runs for every date of every inspection), for serde's
//! `with` attributes.

use chrono::NaiveDate;
use serde::{Deserializer, Serializer};

/// Writes `date` as `YYYY-MM-DD`.
pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// Reads a `YYYY-MM-DD` date; nothing else (no padding, no time).
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDate, D::Error> {
    // A visitor rather than `String`: the text is read in place.
    struct DateVisitor;
    impl serde::de::Visitor<'_> for DateVisitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
            parse(text).ok_or_else(|| {
                E::custom(format_args!("invalid date `{text}`, expected `YYYY-MM-DD`"))
            })
        }
    }
    deserializer.deserialize_str(DateVisitor)
}

/// `text` as a date if it is a valid date written exactly `YYYY-MM-DD`.
pub(crate) fn parse(text: &str) -> Option<NaiveDate> {
    // By hand rather than with a format string: this runs for every
    // date of every inspection, and chrono's parser is general (and
    // lenient about padding).
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// The same for an optional date (`null` or absent is `None`).
pub(crate) mod option {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    /// Writes a present date as `YYYY-MM-DD`.
    pub(crate) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => super::serialize(date, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` or a `YYYY-MM-DD` date.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wrapped(#[serde(with = "super")] NaiveDate);
        let wrapped: Option<Wrapped> = serde::Deserialize::deserialize(deserializer)?;
        Ok(wrapped.map(|Wrapped(date)| date))
    }
}
