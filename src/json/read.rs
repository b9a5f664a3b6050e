//! Reading JSON text exactly: a strict RFC 8259 reader that implements
//! serde's `Deserializer`, so the crate's own `Deserialize` impls read from
//! it, and keeps what a general JSON parser throws away.
//!
//! - **Numbers are read from their literal digits.** A number with a
//!   fraction or an exponent, or an integer beyond 64 bits, becomes the exact
//!   [`Decimal`] it spells, or an error that quotes it; it never passes
//!   through an `f64`. To the crate's visitors such a number arrives as the
//!   decimal's plain text (`visit_str("0.00000000000000000000001")` for
//!   `1e-23`), which they read exactly; typed requests (`u32`, a string, a
//!   bool) refuse it with its literal.
//! - **Paths of errors** are collected as an error travels out of the
//!   values it passed through, so a successful read pays nothing for them.
//! - **Limits**: nesting deeper than [`MAX_NESTING`](super::MAX_NESTING)
//!   arrays and objects is a `limit` error, whatever the reader was asked
//!   for. A UTF-8 byte-order mark at the start is skipped (RFC 8259, 8.1).

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Unexpected, Visitor};

use super::MAX_NESTING;
use crate::text::plain_run;

/// What kind of failure a [`ReadError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadErrorKind {
    /// Not JSON.
    Syntax,
    /// Nested deeper than the limit.
    Limit,
    /// Well-formed JSON that does not fit what was asked for.
    Invalid,
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// A failure to read a value, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError {
    kind: ReadErrorKind,
    message: String,
    /// Byte offset just past the last byte read when the error arose.
    at: Option<usize>,
    /// Line and column (1-based, in bytes) of that position.
    position: Option<(usize, usize)>,
    /// The path, innermost step first (it is built on the way out).
    path: Vec<Segment>,
}

impl ReadError {
    fn new(kind: ReadErrorKind, message: impl Into<String>) -> ReadError {
        ReadError {
            kind,
            message: message.into(),
            at: None,
            position: None,
            path: Vec::new(),
        }
    }

    /// What kind of failure this is.
    pub(crate) fn kind(&self) -> ReadErrorKind {
        self.kind
    }

    /// The path to the value concerned: `facts.7a[0].start`; `None` at the
    /// top level.
    pub(crate) fn path(&self) -> Option<String> {
        if self.path.is_empty() {
            return None;
        }
        let mut out = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        Some(out)
    }

    fn within(mut self, segment: Segment) -> ReadError {
        self.path.push(segment);
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(msg: T) -> ReadError {
        ReadError::new(ReadErrorKind::Invalid, msg.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> ReadError {
        // JSON's words: `null`, not serde's "unit value".
        match unexpected {
            Unexpected::Unit => {
                de::Error::custom(format_args!("invalid type: null, expected {expected}"))
            }
            other => de::Error::custom(format_args!("invalid type: {other}, expected {expected}")),
        }
    }
}

/// The newtype name by which [`Raw`] asks the reader for a value's text.
const RAW_TOKEN: &str = "$ducha::json::Raw";

/// A JSON value kept as its text (syntax checked, not read), for reading
/// later on its own: each inspection of a batch, so that one that does not
/// fit the contract fails alone. Only this module's reader gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw<'de>(pub(crate) &'de str);

impl<'de: 'a, 'a> de::Deserialize<'de> for Raw<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Raw<'a>, D::Error> {
        struct RawVisitor<'a>(std::marker::PhantomData<&'a str>);
        impl<'de: 'a, 'a> Visitor<'de> for RawVisitor<'a> {
            type Value = Raw<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Raw<'a>, E> {
                Ok(Raw(v))
            }
        }
        deserializer.deserialize_newtype_struct(RAW_TOKEN, RawVisitor(std::marker::PhantomData))
    }
}

/// Reads a `T` from the whole of `input`.
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(input: &'de str) -> Result<T, ReadError> {
    from_str_seed(input, std::marker::PhantomData::<T>)
}

/// Reads the whole of `input` with `seed`.
pub(crate) fn from_str_seed<'de, S: DeserializeSeed<'de>>(
    input: &'de str,
    seed: S,
) -> Result<S::Value, ReadError> {
    let mut reader = Reader::new(input);
    let value = seed.deserialize(&mut reader).and_then(|value| {
        reader.skip_ws();
        if reader.pos < reader.input.len() {
            // Point at the first character after the document (as
            // serde_json does).
            reader.pos += 1;
            Err(reader.syntax("trailing characters"))
        } else {
            Ok(value)
        }
    });
    value.map_err(|e| reader.locate(e))
}

/// The longest literal an error message quotes whole.
const QUOTE_LIMIT: usize = 40;

/// `text` for a message: whole if short, else its start and `…`.
fn quote(text: &str) -> String {
    if text.len() <= QUOTE_LIMIT {
        return text.to_owned();
    }
    let mut end = QUOTE_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", text.get(..end).unwrap_or_default())
}

/// A number as written, split into its parts.
#[derive(Debug, Clone, Copy)]
struct Number<'de> {
    text: &'de str,
    negative: bool,
    /// Integer digits.
    int: &'de [u8],
    /// Fraction digits (after the point).
    frac: &'de [u8],
    /// The exponent, saturated to ±2^62 (far beyond any that fits).
    exp: i64,
    /// Whether the literal has a point or an exponent.
    is_integer: bool,
}

impl Number<'_> {
    /// The number as a u64, if it is an integer literal that fits.
    fn as_u64(&self) -> Option<u64> {
        if !self.is_integer || self.negative {
            return None;
        }
        self.int.iter().try_fold(0u64, |n, &d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
    }

    /// The number as an i64, if it is a negative integer literal that fits.
    fn as_i64(&self) -> Option<i64> {
        if !self.is_integer || !self.negative {
            return None;
        }
        self.int.iter().try_fold(0i64, |n, &d| {
            n.checked_mul(10)?.checked_sub(i64::from(d - b'0'))
        })
    }

    /// The exact decimal the literal spells, or why there is none.
    fn to_decimal(self) -> Result<Decimal, String> {
        // The significant digits, without leading zeros, and the power of
        // ten they are scaled by: value = digits × 10^(exp − frac.len()).
        let all = self.int.iter().chain(self.frac).copied();
        let mut digits: Vec<u8> = all.skip_while(|&d| d == b'0').collect();
        let frac_len = i64::try_from(self.frac.len()).unwrap_or(i64::MAX);
        let mut power = self.exp.saturating_sub(frac_len);
        while digits.last() == Some(&b'0') {
            digits.pop();
            power = power.saturating_add(1);
        }
        if digits.is_empty() {
            return Ok(Decimal::ZERO);
        }
        let too_many = || {
            format!(
                "number `{}` cannot be represented exactly: it needs more than 28 significant digits or decimal places",
                quote(self.text)
            )
        };
        // A Decimal holds a 96-bit integer scaled by 10^-0..=10^-28.
        let shift = if power > 0 {
            u32::try_from(power).map_err(|_| too_many())?
        } else {
            0
        };
        let scale = if power < 0 {
            u32::try_from(power.unsigned_abs()).map_err(|_| too_many())?
        } else {
            0
        };
        if scale > 28 || digits.len() + shift as usize > 29 {
            return Err(too_many());
        }
        let mut mantissa: i128 = 0;
        for d in digits
            .iter()
            .copied()
            .chain(std::iter::repeat_n(b'0', shift as usize))
        {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(d - b'0')))
                .ok_or_else(too_many)?;
        }
        if self.negative {
            mantissa = -mantissa;
        }
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| too_many())
    }

    /// The `invalid type` error of this number where `expected` was asked for.
    fn invalid_type(&self, expected: &dyn de::Expected) -> ReadError {
        de::Error::invalid_type(
            Unexpected::Other(&format!("number `{}`", quote(self.text))),
            expected,
        )
    }
}

/// A string as read: borrowed from the input when it has no escapes.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }

    fn into_string(self) -> String {
        match self {
            Text::Borrowed(s) => s.to_owned(),
            Text::Owned(s) => s,
        }
    }
}

/// The reader: a position in the input and the nesting depth.
pub(crate) struct Reader<'de> {
    input: &'de [u8],
    text: &'de str,
    pos: usize,
    depth: usize,
}

impl<'de> Reader<'de> {
    fn new(input: &'de str) -> Reader<'de> {
        let pos = if input.starts_with('\u{feff}') { 3 } else { 0 };
        Reader {
            input: input.as_bytes(),
            text: input,
            pos,
            depth: 0,
        }
    }

    /// Fills in the position of an error that has none yet.
    fn locate(&self, mut e: ReadError) -> ReadError {
        if e.position.is_none() {
            let at = e.at.unwrap_or(self.pos).min(self.input.len());
            let before = self.input.get(..at).unwrap_or_default();
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
            e.position = Some((line, column));
        }
        e
    }

    /// Marks where an error arose, if it is not marked yet: the innermost
    /// reader call marks it.
    fn mark(&self, mut e: ReadError) -> ReadError {
        if e.at.is_none() {
            e.at = Some(self.pos);
        }
        e
    }

    fn syntax(&self, message: &str) -> ReadError {
        let mut e = ReadError::new(ReadErrorKind::Syntax, message);
        e.at = Some(self.pos);
        e
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The next byte after white space, or the syntax error of an early end.
    fn peek_value(&mut self) -> Result<u8, ReadError> {
        self.skip_ws();
        self.peek()
            .ok_or_else(|| self.syntax("EOF while parsing a value"))
    }

    /// Consumes `word` (`true`, `false`, `null`) whose first byte is next.
    fn literal(&mut self, word: &[u8]) -> Result<(), ReadError> {
        for &expected in word {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                Some(_) => {
                    // Point at the first byte that differs.
                    self.pos += 1;
                    return Err(self.syntax("expected value"));
                }
                None => return Err(self.syntax("EOF while parsing a value")),
            }
        }
        Ok(())
    }

    /// Enters an array or object.
    fn enter(&mut self) -> Result<(), ReadError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            let mut e = ReadError::new(
                ReadErrorKind::Limit,
                format!("nesting deeper than {MAX_NESTING} arrays and objects"),
            );
            e.at = Some(self.pos);
            return Err(e);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Reads a number whose first byte is next.
    fn number(&mut self) -> Result<Number<'de>, ReadError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits = |r: &mut Reader<'de>| -> &'de [u8] {
            let from = r.pos;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.pos += 1;
            }
            r.input.get(from..r.pos).unwrap_or_default()
        };
        let int_start = self.pos;
        let int = digits(self);
        let invalid = |r: &mut Reader<'de>| {
            if r.pos < r.input.len() {
                r.pos += 1;
            }
            Err(r.syntax("invalid number"))
        };
        if int.is_empty() {
            return invalid(self);
        }
        if int.len() > 1 && int.first() == Some(&b'0') {
            // A leading zero: point at the digit after it.
            self.pos = int_start + 1;
            return invalid(self);
        }
        let mut frac: &[u8] = &[];
        let mut is_integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            is_integer = false;
            frac = digits(self);
            if frac.is_empty() {
                return invalid(self);
            }
        }
        let mut exp: i64 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            is_integer = false;
            let exp_negative = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let e = digits(self);
            if e.is_empty() {
                return invalid(self);
            }
            const BOUND: i64 = 1 << 62;
            let magnitude = e.iter().fold(0i64, |n, &d| {
                n.saturating_mul(10)
                    .saturating_add(i64::from(d - b'0'))
                    .min(BOUND)
            });
            exp = if exp_negative { -magnitude } else { magnitude };
        }
        Ok(Number {
            text: self.text.get(start..self.pos).unwrap_or_default(),
            negative,
            int,
            frac,
            exp,
            is_integer,
        })
    }

    /// Reads a string whose opening quote is next.
    fn string(&mut self) -> Result<Text<'de>, ReadError> {
        self.pos += 1;
        let start = self.pos;
        // The common case: no escape, read in place.
        self.pos += plain_run(self.input.get(start..).unwrap_or_default());
        loop {
            match self.peek() {
                None => return Err(self.syntax("EOF while parsing a string")),
                Some(b'"') => {
                    let s = self.text.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(Text::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => {
                    self.pos += 1;
                    return Err(self.syntax(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or_default());
        loop {
            let run = self.pos;
            self.pos += plain_run(self.input.get(run..).unwrap_or_default());
            out.push_str(self.text.get(run..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.syntax("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Text::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let Some(escape) = self.peek() else {
                        return Err(self.syntax("EOF while parsing a string"));
                    };
                    self.pos += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(self.syntax("invalid escape")),
                    }
                }
                Some(_) => {
                    self.pos += 1;
                    return Err(self.syntax(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// Four hex digits after `\u`.
    fn hex4(&mut self) -> Result<u16, ReadError> {
        let start = self.pos;
        let mut value: u16 = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.syntax("EOF while parsing a string"));
            };
            self.pos += 1;
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => {
                    // Placed after the four characters, as serde_json
                    // places it.
                    self.pos = (start + 4).min(self.input.len());
                    return Err(
                        self.syntax("invalid hex escape: expected 4 hex digits after `\\u`")
                    );
                }
            };
            value = value * 16 + u16::from(digit);
        }
        Ok(value)
    }

    /// The character of a `\uXXXX` escape (the `\u` read), joining a
    /// surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, ReadError> {
        let first = self.hex4()?;
        let lone = |r: &Reader<'de>, unit: u16| {
            r.syntax(&format!(
                "lone surrogate `\\u{unit:04x}`: a JSON string cannot hold half of a UTF-16 pair"
            ))
        };
        match first {
            0xD800..=0xDBFF => {
                if self.input.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(lone(self, first));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(lone(self, first));
                }
                let code =
                    0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
                char::from_u32(code).ok_or_else(|| lone(self, first))
            }
            0xDC00..=0xDFFF => Err(lone(self, first)),
            unit => char::from_u32(u32::from(unit)).ok_or_else(|| lone(self, unit)),
        }
    }

    /// Skips one value of any kind (for `IgnoredAny`).
    fn skip_value(&mut self) -> Result<(), ReadError> {
        match self.peek_value()? {
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'"' => self.string().map(|_| ()),
            b'-' | b'0'..=b'9' => self.number().map(|_| ()),
            b'[' => {
                let mut seq = self.open_seq()?;
                while seq.has_next()? {
                    seq.reader.skip_value()?;
                }
                Ok(())
            }
            b'{' => {
                let mut map = self.open_map()?;
                while map.next_key_text()?.is_some() {
                    map.reader.colon()?;
                    map.reader.skip_value()?;
                }
                Ok(())
            }
            _ => {
                self.pos += 1;
                Err(self.syntax("expected value"))
            }
        }
    }

    /// What the next value is, for an `invalid type` message (reads it).
    fn unexpected_error(&mut self, expected: &dyn de::Expected) -> ReadError {
        let e = match self.peek_value() {
            Err(e) => return e,
            Ok(b'n') => self
                .literal(b"null")
                .map(|()| de::Error::invalid_type(Unexpected::Unit, expected)),
            Ok(b't') => self
                .literal(b"true")
                .map(|()| de::Error::invalid_type(Unexpected::Bool(true), expected)),
            Ok(b'f') => self
                .literal(b"false")
                .map(|()| de::Error::invalid_type(Unexpected::Bool(false), expected)),
            Ok(b'"') => self
                .string()
                .map(|s| de::Error::invalid_type(Unexpected::Str(&quote(s.as_str())), expected)),
            Ok(b'-' | b'0'..=b'9') => self.number().map(|n| match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => de::Error::invalid_type(Unexpected::Unsigned(u), expected),
                (_, Some(i)) => de::Error::invalid_type(Unexpected::Signed(i), expected),
                _ => n.invalid_type(expected),
            }),
            Ok(b'[') => {
                self.pos += 1;
                Ok(de::Error::invalid_type(Unexpected::Seq, expected))
            }
            Ok(b'{') => {
                self.pos += 1;
                Ok(de::Error::invalid_type(Unexpected::Map, expected))
            }
            Ok(_) => {
                self.pos += 1;
                Err(self.syntax("expected value"))
            }
        };
        match e {
            Ok(e) => self.mark(e),
            Err(e) => e,
        }
    }

    fn colon(&mut self) -> Result<(), ReadError> {
        self.skip_ws();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.syntax("EOF while parsing an object")),
            Some(_) => {
                self.pos += 1;
                Err(self.syntax("expected `:`"))
            }
        }
    }

    fn open_seq(&mut self) -> Result<SeqReader<'_, 'de>, ReadError> {
        self.pos += 1;
        self.enter()?;
        Ok(SeqReader {
            reader: self,
            index: 0,
            first: true,
            done: false,
        })
    }

    fn open_map(&mut self) -> Result<MapReader<'_, 'de>, ReadError> {
        self.pos += 1;
        self.enter()?;
        Ok(MapReader {
            reader: self,
            first: true,
            done: false,
            key: None,
        })
    }

    /// Reads an array, whose `[` is next, with `visitor`.
    fn read_seq<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, ReadError> {
        let mut seq = self.open_seq()?;
        let value = visitor.visit_seq(&mut seq)?;
        // A visitor that stopped early left elements unread.
        if seq.has_next()? {
            return Err(self.mark(de::Error::invalid_length(0, &"fewer elements")));
        }
        Ok(value)
    }

    /// Reads an object, whose `{` is next, with `visitor`.
    fn read_map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, ReadError> {
        let mut map = self.open_map()?;
        let value = visitor.visit_map(&mut map)?;
        if map.next_key_text()?.is_some() {
            return Err(self.mark(de::Error::custom("unread entries in an object")));
        }
        Ok(value)
    }

    /// Reads an integer of any width into `T`, refusing other values.
    fn integer<T, V>(&mut self, visitor: V) -> Result<V::Value, ReadError>
    where
        V: Visitor<'de>,
        T: TryFrom<i128>,
    {
        let result = match self.peek_value()? {
            b'-' | b'0'..=b'9' => {
                let n = self.number()?;
                match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) if T::try_from(i128::from(u)).is_ok() => visitor.visit_u64(u),
                    (_, Some(i)) if T::try_from(i128::from(i)).is_ok() => visitor.visit_i64(i),
                    (Some(u), _) => {
                        Err(de::Error::invalid_value(Unexpected::Unsigned(u), &visitor))
                    }
                    (_, Some(i)) => Err(de::Error::invalid_value(Unexpected::Signed(i), &visitor)),
                    _ => Err(n.invalid_type(&visitor)),
                }
            }
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }
}

/// Reading the elements of an array.
struct SeqReader<'r, 'de> {
    reader: &'r mut Reader<'de>,
    index: usize,
    first: bool,
    /// Whether the closing `]` has been read.
    done: bool,
}

impl<'de> SeqReader<'_, 'de> {
    /// Whether another element follows (its first byte is then next);
    /// consumes the closing `]` otherwise.
    fn has_next(&mut self) -> Result<bool, ReadError> {
        if self.done {
            return Ok(false);
        }
        let r = &mut *self.reader;
        r.skip_ws();
        match r.peek() {
            Some(b']') => {
                r.pos += 1;
                r.leave();
                self.done = true;
                Ok(false)
            }
            None => Err(r.syntax("EOF while parsing a list")),
            Some(b',') if !self.first => {
                r.pos += 1;
                r.skip_ws();
                if r.peek() == Some(b']') {
                    r.pos += 1;
                    return Err(r.syntax("trailing comma"));
                }
                Ok(true)
            }
            Some(_) if self.first => {
                self.first = false;
                Ok(true)
            }
            Some(_) => {
                r.pos += 1;
                Err(r.syntax("expected `,` or `]`"))
            }
        }
    }
}

impl<'de> de::SeqAccess<'de> for SeqReader<'_, 'de> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        if !self.has_next()? {
            return Ok(None);
        }
        let index = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.reader)
            .map(Some)
            .map_err(|e| self.reader.mark(e).within(Segment::Index(index)))
    }
}

/// Reading the entries of an object.
struct MapReader<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
    /// Whether the closing `}` has been read.
    done: bool,
    /// The key of the entry being read, for paths (copied only on error).
    key: Option<Text<'de>>,
}

impl<'de> MapReader<'_, 'de> {
    /// The next key, or `None` after consuming the closing `}`.
    fn next_key_text(&mut self) -> Result<Option<Text<'de>>, ReadError> {
        if self.done {
            return Ok(None);
        }
        let r = &mut *self.reader;
        r.skip_ws();
        match r.peek() {
            Some(b'}') => {
                r.pos += 1;
                r.leave();
                self.done = true;
                return Ok(None);
            }
            None => return Err(r.syntax("EOF while parsing an object")),
            Some(b',') if !self.first => {
                r.pos += 1;
                r.skip_ws();
                if r.peek() == Some(b'}') {
                    r.pos += 1;
                    return Err(r.syntax("trailing comma"));
                }
            }
            Some(_) if self.first => {}
            Some(_) => {
                r.pos += 1;
                return Err(r.syntax("expected `,` or `}`"));
            }
        }
        self.first = false;
        match r.peek() {
            Some(b'"') => r.string().map(Some),
            None => Err(r.syntax("EOF while parsing an object")),
            Some(_) => {
                r.pos += 1;
                Err(r.syntax("key must be a string"))
            }
        }
    }
}

impl<'de> de::MapAccess<'de> for MapReader<'_, 'de> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        let Some(key) = self.next_key_text()? else {
            return Ok(None);
        };
        let value = match &key {
            Text::Borrowed(s) => {
                seed.deserialize(de::value::BorrowedStrDeserializer::<ReadError>::new(s))
            }
            Text::Owned(s) => seed.deserialize(de::value::StrDeserializer::<ReadError>::new(s)),
        };
        match value {
            Ok(value) => {
                self.key = Some(key);
                Ok(Some(value))
            }
            Err(e) => Err(self.reader.mark(e).within(Segment::Key(key.into_string()))),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        self.reader.colon()?;
        seed.deserialize(&mut *self.reader).map_err(|e| {
            let e = self.reader.mark(e);
            match self.key.take() {
                Some(key) => e.within(Segment::Key(key.into_string())),
                None => e,
            }
        })
    }
}

/// Reading an enum written `"variant"` or `{"variant": value}`.
struct EnumReader<'r, 'de> {
    reader: &'r mut Reader<'de>,
    /// Whether the variant is an object's only key (else a bare string).
    in_object: bool,
}

impl<'de, 'r> de::EnumAccess<'de> for EnumReader<'r, 'de> {
    type Error = ReadError;
    type Variant = EnumReader<'r, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, EnumReader<'r, 'de>), ReadError> {
        let reader = self.reader;
        if self.in_object {
            reader.skip_ws();
            match reader.peek() {
                Some(b'"') => {}
                Some(b'}') => {
                    reader.pos += 1;
                    return Err(reader.mark(de::Error::custom(
                        "expected an object with one key naming the variant, found `{}`",
                    )));
                }
                None => return Err(reader.syntax("EOF while parsing an object")),
                Some(_) => {
                    reader.pos += 1;
                    return Err(reader.syntax("key must be a string"));
                }
            }
        }
        let text = reader.string()?;
        let value = match &text {
            Text::Borrowed(s) => {
                seed.deserialize(de::value::BorrowedStrDeserializer::<ReadError>::new(s))
            }
            Text::Owned(s) => seed.deserialize(de::value::StrDeserializer::<ReadError>::new(s)),
        }
        .map_err(|e| reader.mark(e))?;
        if self.in_object {
            reader.colon()?;
        }
        Ok((
            value,
            EnumReader {
                reader,
                in_object: self.in_object,
            },
        ))
    }
}

impl<'de> EnumReader<'_, 'de> {
    /// After the variant's value: the object must close.
    fn close(&mut self) -> Result<(), ReadError> {
        let r = &mut *self.reader;
        r.skip_ws();
        match r.peek() {
            Some(b'}') => {
                r.pos += 1;
                r.leave();
                Ok(())
            }
            None => Err(r.syntax("EOF while parsing an object")),
            Some(b',') => {
                r.pos += 1;
                Err(r.mark(de::Error::custom(
                    "expected an object with one key naming the variant, found more keys",
                )))
            }
            Some(_) => {
                r.pos += 1;
                Err(r.syntax("expected `,` or `}`"))
            }
        }
    }

    fn unit_expected(&mut self, what: Unexpected<'_>, expected: &str) -> ReadError {
        let e: ReadError = de::Error::invalid_type(what, &expected);
        self.reader.mark(e)
    }
}

impl<'de> de::VariantAccess<'de> for EnumReader<'_, 'de> {
    type Error = ReadError;

    fn unit_variant(mut self) -> Result<(), ReadError> {
        if self.in_object {
            // `{"month": null}` is accepted as the unit variant `month`.
            match self.reader.peek_value()? {
                b'n' => {
                    self.reader.literal(b"null")?;
                    self.close()
                }
                _ => Err(self.unit_expected(Unexpected::Map, "a variant name as a string")),
            }
        } else {
            Ok(())
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<T::Value, ReadError> {
        if !self.in_object {
            return Err(self.unit_expected(Unexpected::UnitVariant, "an object with one key"));
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.close()?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(
        mut self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if !self.in_object {
            return Err(self.unit_expected(Unexpected::UnitVariant, "an object with one key"));
        }
        let value = de::Deserializer::deserialize_seq(&mut *self.reader, visitor)?;
        self.close()?;
        Ok(value)
    }

    fn struct_variant<V: Visitor<'de>>(
        mut self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if !self.in_object {
            return Err(self.unit_expected(Unexpected::UnitVariant, "an object with one key"));
        }
        let value = de::Deserializer::deserialize_map(&mut *self.reader, visitor)?;
        self.close()?;
        Ok(value)
    }
}

/// Forwards typed requests that JSON reads alike to one method.
macro_rules! integers {
    ($($method:ident => $ty:ty),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
                self.integer::<$ty, V>(visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'"' => match self.string()? {
                Text::Borrowed(s) => visitor.visit_borrowed_str(s),
                Text::Owned(s) => visitor.visit_string(s),
            },
            b'-' | b'0'..=b'9' => {
                let n = self.number()?;
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    // Exact, or an error quoting the literal; the crate's
                    // visitors read the decimal's plain text.
                    match n.to_decimal() {
                        Ok(d) => visitor.visit_string(d.to_string()),
                        Err(message) => Err(de::Error::custom(message)),
                    }
                }
            }
            b'[' => self.read_seq(visitor),
            b'{' => self.read_map(visitor),
            _ => {
                self.pos += 1;
                Err(self.syntax("expected value"))
            }
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    integers! {
        deserialize_i8 => i8,
        deserialize_i16 => i16,
        deserialize_i32 => i32,
        deserialize_i64 => i64,
        deserialize_i128 => i128,
        deserialize_u8 => u8,
        deserialize_u16 => u16,
        deserialize_u32 => u32,
        deserialize_u64 => u64,
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.integer::<i128, V>(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        // Nothing in this crate reads a float; for completeness, the nearest
        // double of the literal.
        let result = match self.peek_value()? {
            b'-' | b'0'..=b'9' => {
                let n = self.number()?;
                match n.text.parse::<f64>() {
                    Ok(v) => visitor.visit_f64(v),
                    Err(_) => Err(n.invalid_type(&visitor)),
                }
            }
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'"' => match self.string()? {
                Text::Borrowed(s) => visitor.visit_borrowed_str(s),
                Text::Owned(s) => visitor.visit_string(s),
            },
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_none()
            }
            _ => visitor.visit_some(&mut *self),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if name == RAW_TOKEN {
            // A value kept as its text, checked as JSON and not read.
            self.peek_value()?;
            let start = self.pos;
            self.skip_value()?;
            let text = self
                .input
                .get(start..self.pos)
                .and_then(|bytes| std::str::from_utf8(bytes).ok())
                .ok_or_else(|| self.syntax("invalid UTF-8"))?;
            return visitor.visit_borrowed_str(text);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'[' => self.read_seq(visitor),
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'{' => self.read_map(visitor),
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        // Objects only: a struct is never read from an array here.
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let result = match self.peek_value()? {
            b'"' => visitor.visit_enum(EnumReader {
                reader: &mut *self,
                in_object: false,
            }),
            b'{' => {
                self.pos += 1;
                self.enter()?;
                visitor.visit_enum(EnumReader {
                    reader: &mut *self,
                    in_object: true,
                })
            }
            _ => Err(self.unexpected_error(&visitor)),
        };
        result.map_err(|e| self.mark(e))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.skip_value()?;
        visitor.visit_unit()
    }
}
