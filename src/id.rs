//! Identifiers of rubrics, indicators, items and rules.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A unique key of a rubric, an indicator, an item or a rule: `"7a"`, `"G2"`,
/// `"yuxi-shuangsuiji"`.
///
/// An id is 1 to [`Id::MAX_LEN`] bytes of UTF-8 with no white space and no
/// control characters; Chinese characters are allowed. Ids are what an
/// inspection names facts by, so they are checked where they are made and an
/// invalid id cannot exist.
///
/// ```
/// use ducha::Id;
///
/// let id = Id::new("7a")?;
/// assert_eq!(id.as_str(), "7a");
/// assert!(Id::new("7 a").is_err());
/// # Ok::<(), ducha::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

/// Why a string is not a valid [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The id is the empty string.
    #[error("id is empty")]
    Empty,
    /// The id is longer than [`Id::MAX_LEN`] bytes.
    #[error("id `{id}…` is longer than {max} bytes", id = prefix(.id))]
    TooLong {
        /// The offending id.
        id: String,
        /// The limit, [`Id::MAX_LEN`].
        max: usize,
    },
    /// The id contains white space or a control character.
    #[error("id `{id}` contains white space or a control character")]
    InvalidChar {
        /// The offending id (control characters escaped).
        id: String,
    },
}

/// The first few characters of an overlong id, for messages.
fn prefix(id: &str) -> String {
    id.chars().take(16).collect()
}

impl Id {
    /// The longest id, in bytes.
    pub const MAX_LEN: usize = 64;

    /// Checks `id` and makes it an [`Id`].
    ///
    /// # Errors
    ///
    /// [`IdError`] if `id` is empty, longer than [`Id::MAX_LEN`] bytes, or
    /// contains white space or a control character.
    pub fn new(id: impl Into<String>) -> Result<Id, IdError> {
        let id = id.into();
        if id.is_empty() {
            return Err(IdError::Empty);
        }
        if id.len() > Self::MAX_LEN {
            return Err(IdError::TooLong {
                id,
                max: Self::MAX_LEN,
            });
        }
        // ASCII ids (most) are checked bytewise; others by character.
        let invalid = if id.is_ascii() {
            id.bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        } else {
            id.chars().any(|c| c.is_whitespace() || c.is_control())
        };
        if invalid {
            return Err(IdError::InvalidChar {
                id: id.escape_debug().to_string(),
            });
        }
        Ok(Id(id))
    }

    /// `text` as an id, with white space and control characters replaced by
    /// `U+FFFD`, cut to [`Id::MAX_LEN`] bytes, `U+FFFD` alone if empty: for
    /// naming in an error what was given where an id was expected.
    pub(crate) fn lossy(text: &str) -> Id {
        let mut id = String::with_capacity(text.len().min(Self::MAX_LEN));
        for c in text.chars() {
            let c = if c.is_whitespace() || c.is_control() {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            };
            if id.len() + c.len_utf8() > Self::MAX_LEN {
                break;
            }
            id.push(c);
        }
        if id.is_empty() {
            id.push(char::REPLACEMENT_CHARACTER);
        }
        Id(id)
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Id {
    type Error = IdError;
    fn try_from(id: &str) -> Result<Id, IdError> {
        Id::new(id)
    }
}

impl TryFrom<String> for Id {
    type Error = IdError;
    fn try_from(id: String) -> Result<Id, IdError> {
        Id::new(id)
    }
}

impl std::str::FromStr for Id {
    type Err = IdError;
    fn from_str(id: &str) -> Result<Id, IdError> {
        Id::new(id)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        let s = String::deserialize(deserializer)?;
        Id::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_ids() {
        for s in ["7a", "11-2", "G1", "领导重视", "a.b_c"] {
            assert_eq!(Id::new(s).unwrap().as_str(), s, "{s}");
        }
    }

    #[test]
    fn error_messages() {
        let cases = [
            ("", "id is empty"),
            (
                "7 a",
                "id `7 a` contains white space or a control character",
            ),
            (
                "a\nb",
                "id `a\\nb` contains white space or a control character",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(
                Id::new(input).unwrap_err().to_string(),
                message,
                "{input:?}"
            );
        }
        let long = "x".repeat(65);
        assert_eq!(
            Id::new(long).unwrap_err().to_string(),
            "id `xxxxxxxxxxxxxxxx…` is longer than 64 bytes"
        );
        assert!(
            Id::new("x".repeat(64)).is_ok(),
            "64 bytes is the limit, inclusive"
        );
    }
}
