//! Writing numbers and dates by hand: amounts in units, counts and dates
//! appear hundreds of times in a scorecard and its reasons, and the general
//! formatting machinery is most of their cost.

use std::fmt::{self, Write as _};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The largest mantissa a [`Decimal`] holds (2^96 − 1).
pub(crate) const DECIMAL_MAX_MANTISSA: i128 = (1 << 96) - 1;

/// `units` × 10^-`scale` as a [`Decimal`], without trailing zeros; `None`
/// if it needs more than a Decimal's 28 or so significant digits.
///
/// Trailing zeros are dropped with integer arithmetic before the Decimal is
/// made, so no `normalize` (a 96-bit division loop) is needed.
pub(crate) fn units_to_decimal(mut units: i128, mut scale: u32) -> Option<Decimal> {
    if units == 0 {
        return Some(Decimal::ZERO);
    }
    // Almost every amount fits 64 bits, where division is an instruction;
    // 128-bit division is a library call.
    if let Ok(mut small) = i64::try_from(units) {
        while scale > 0 && small % 10 == 0 {
            small /= 10;
            scale -= 1;
        }
        let negative = small < 0;
        let magnitude = small.unsigned_abs();
        // INVARIANT: a 64-bit magnitude always fits a Decimal's 96 bits.
        return Some(Decimal::from_parts(
            magnitude as u32,
            (magnitude >> 32) as u32,
            0,
            negative,
            scale.min(28),
        ));
    }
    while scale > 0 && units % 10 == 0 {
        units /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(units, scale).ok()
}

/// An amount in units of 10^-scale, written without trailing zeros: what
/// `Decimal`'s `Display` writes for the same value once normalized, without
/// going through `Decimal` (scorecards hold a hundred of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Units(pub(crate) i128, pub(crate) u32);

impl Units {
    /// The digits, into `text`: sign, integer digits, point and fraction
    /// without trailing zeros.
    pub(crate) fn write<'t>(&self, text: &'t mut [u8; 52]) -> &'t str {
        let len = self.digits(text);
        // INVARIANT: only ASCII digits, '-' and '.' were written.
        text.get(..len)
            .and_then(|t| std::str::from_utf8(t).ok())
            .unwrap_or("0")
    }

    /// The digits, into `text`; returns how many bytes were written.
    fn digits(&self, text: &mut [u8; 52]) -> usize {
        let Units(value, scale) = *self;
        let scale = scale as usize;
        // Digits, least significant first, at least `scale + 1` of them so
        // that an integer digit always comes first.
        let mut digits = [b'0'; 48];
        let mut len = 0;
        let magnitude = value.unsigned_abs();
        // Almost every amount fits 64 bits, where division is cheap; 128-bit
        // division is a library call.
        if let Ok(mut n) = u64::try_from(magnitude) {
            for slot in digits.iter_mut() {
                *slot = b'0' + (n % 10) as u8;
                n /= 10;
                len += 1;
                if n == 0 && len > scale {
                    break;
                }
            }
        } else {
            let mut n = magnitude;
            for slot in digits.iter_mut() {
                *slot = b'0' + (n % 10) as u8;
                n /= 10;
                len += 1;
                if n == 0 && len > scale {
                    break;
                }
            }
        }
        // Fractional zeros at the end are dropped.
        let skip = digits
            .iter()
            .take(scale)
            .take_while(|&&d| d == b'0')
            .count();
        let mut at = 0;
        let mut put = |b: u8| {
            if let Some(slot) = text.get_mut(at) {
                *slot = b;
                at += 1;
            }
        };
        if value < 0 {
            put(b'-');
        }
        for i in (skip..len).rev() {
            if i + 1 == scale {
                put(b'.');
            }
            put(digits.get(i).copied().unwrap_or(b'0'));
        }
        at
    }
}

impl Units {
    /// Appends the digits to `out`.
    pub(crate) fn push(&self, out: &mut String) {
        let Units(value, scale) = *self;
        // The common case, a whole amount or one with a fraction of at
        // most 6 places that fits 64 bits: integer and fraction written
        // apart, no buffer.
        if let Ok(magnitude) = u64::try_from(value.unsigned_abs())
            && scale <= 6
        {
            let unit = 10u64.pow(scale);
            let (int, mut frac) = (magnitude / unit, magnitude % unit);
            if value < 0 {
                out.push('-');
            }
            push_u64(out, int);
            if frac != 0 {
                // Drop the fraction's trailing zeros, keep its leading ones.
                let mut places = scale;
                while frac % 10 == 0 {
                    frac /= 10;
                    places -= 1;
                }
                out.push('.');
                let mut width = 1;
                let mut rest = frac / 10;
                while rest > 0 {
                    width += 1;
                    rest /= 10;
                }
                for _ in width..places {
                    out.push('0');
                }
                push_u64(out, frac);
            }
            return;
        }
        out.push_str(self.write(&mut [0u8; 52]));
    }
}

impl fmt::Display for Units {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write(&mut [0u8; 52]))
    }
}

/// Appends `n` in decimal, without the formatting machinery (reasons and
/// scorecards write hundreds of numbers).
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    // Most numbers in a scorecard have one to three digits: pushed as
    // characters, with no buffer to check as UTF-8.
    let digit = |d: u64| char::from(b'0' + (d % 10) as u8);
    if n < 10 {
        out.push(digit(n));
        return;
    }
    if n < 1000 {
        if n >= 100 {
            out.push(digit(n / 100));
        }
        out.push(digit(n / 10));
        out.push(digit(n));
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    // INVARIANT: ASCII digits only.
    let text = digits.get(at..).unwrap_or_default();
    out.push_str(std::str::from_utf8(text).unwrap_or_default());
}

/// Appends `date` as `YYYY-MM-DD` (years 1 to 9999, as dates are read).
pub(crate) fn push_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    if (0..=9999).contains(&year) {
        let y = year.unsigned_abs();
        for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
            out.push(char::from(b'0' + d as u8));
        }
        for (sep, v) in [('-', date.month()), ('-', date.day())] {
            out.push(sep);
            out.push(char::from(b'0' + (v / 10) as u8));
            out.push(char::from(b'0' + (v % 10) as u8));
        }
    } else {
        let _ = write!(out, "{date}");
    }
}

/// The length of the run of bytes at the start of `bytes` that a JSON
/// string holds as they are: up to the first `"`, `\\` or control
/// character. Eight bytes at a time (most text here is Chinese, whose UTF-8
/// bytes are all at least 0x80).
#[cfg(feature = "json")]
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` is below `n` (n ≤ 0x80): the classic bit trick, exact
    // about whether there is one, not about which.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A control character, or a byte equal to `"` or `\\` (zero after
        // the xor).
        if below(x, 0x20) | below(x ^ (ONES * 0x22), 1) | below(x ^ (ONES * 0x5c), 1) != 0 {
            break;
        }
        at += 8;
    }
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .unwrap_or(bytes.len() - at)
}

/// Whether any byte of `bytes` must be escaped in a JSON string.
#[cfg(feature = "json")]
pub(crate) fn needs_escape(bytes: &[u8]) -> bool {
    plain_run(bytes) < bytes.len()
}

/// Writes `s` as a JSON string literal, escaped exactly as serde_json
/// escapes it.
#[cfg(feature = "json")]
pub(crate) fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    push_json_content(out, s);
    out.push('"');
}

/// Writes `s` escaped as inside a JSON string literal.
#[cfg(feature = "json")]
pub(crate) fn push_json_content(out: &mut String, s: &str) {
    if !needs_escape(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_write_like_decimal() {
        let cases = [
            (0, 0, "0"),
            (0, 2, "0"),
            (5, 1, "0.5"),
            (695, 1, "69.5"),
            (1000, 1, "100"),
            (-25, 1, "-2.5"),
            (1, 6, "0.000001"),
            (
                18_446_744_073_709_551_615_000_000i128,
                6,
                "18446744073709551615",
            ),
            (
                i128::from(u64::MAX) * 1000 + 5,
                4,
                "1844674407370955161.5005",
            ),
        ];
        for (units, scale, text) in cases {
            assert_eq!(Units(units, scale).to_string(), text, "{units} at {scale}");
            let mut pushed = String::new();
            Units(units, scale).push(&mut pushed);
            assert_eq!(pushed, text, "{units} at {scale}, pushed");
        }
        // The fast path of `push` against `Decimal`'s own printing, over
        // leading and trailing zeros in the fraction, at every scale.
        for scale in 0..=6u32 {
            for units in [
                0i128,
                1,
                -1,
                5,
                10,
                25,
                100,
                105,
                1_000_001,
                -2_500_000,
                999_999_999,
            ] {
                let mut pushed = String::new();
                Units(units, scale).push(&mut pushed);
                let expected = Decimal::from_i128_with_scale(units, scale)
                    .normalize()
                    .to_string();
                assert_eq!(pushed, expected, "{units} at {scale}");
            }
        }
    }

    #[test]
    fn units_to_decimal_drops_trailing_zeros() {
        for (units, scale, text) in [(0, 3, "0"), (2500, 3, "2.5"), (-100, 1, "-10"), (7, 0, "7")] {
            let d = units_to_decimal(units, scale).unwrap();
            assert_eq!(d.to_string(), text, "{units} at {scale}");
            assert_eq!(d, d.normalize(), "{units} at {scale}: already normal");
        }
        assert_eq!(units_to_decimal(i128::MAX, 0), None, "beyond 96 bits");
        assert!(
            units_to_decimal(10i128.pow(30), 6).is_some(),
            "exact at a smaller scale"
        );
    }

    #[test]
    fn counts_and_dates_are_written_like_display() {
        let edges = [0u64, 7, 9, 10, 11, 99, 100, 101, 909, 999, 1000, 1001];
        for n in edges
            .into_iter()
            .chain([1_000_000, u64::MAX])
            .chain(0..2000)
        {
            let mut out = String::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        for (y, m, d) in [(1, 1, 1), (2026, 9, 24), (9999, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut out = String::new();
            push_date(&mut out, date);
            assert_eq!(out, date.to_string());
        }
    }

    #[test]
    #[cfg(feature = "json")]
    fn escape_detection_matches_a_plain_scan() {
        let plain = |bytes: &[u8]| bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        // Every byte value at every position of a 17-byte string, among
        // neighbours of every kind.
        for fill in [b'a', 0x21, 0x5b, 0x80, 0xff, 0x1f] {
            for b in 0..=255u8 {
                for at in 0..17 {
                    let mut bytes = vec![fill; 17];
                    bytes[at] = b;
                    assert_eq!(
                        needs_escape(&bytes),
                        plain(&bytes),
                        "{b:#x} at {at} in {fill:#x}"
                    );
                }
            }
        }
        assert!(!needs_escape("督查细则：未按时公示".as_bytes()));
    }

    #[test]
    #[cfg(feature = "json")]
    fn strings_escape_like_serde_json() {
        for s in [
            "",
            "plain 督查",
            "a\"b\\c",
            "\u{0}\u{1}\u{8}\u{c}\t\r\n\u{1f}\u{7f}/",
            "\u{202e}逾期",
        ] {
            let mut ours = String::new();
            push_json_str(&mut ours, s);
            assert_eq!(ours, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }
}
