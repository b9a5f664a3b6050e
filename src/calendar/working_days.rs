//! The working days of one year as a bitset: counting and finding the
//! n-th working day are a few word operations per year.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{CalendarError, FIRST_YEAR, LAST_YEAR};

/// Words of a [`WorkingDays`] bitset.
pub(crate) const WORDS: usize = 6;

/// The working days of one year: bit `i` is set when the day with 0-based
/// ordinal `i` is a working day. Bits past the year's last day are clear.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct WorkingDays(pub(crate) [u64; WORDS]);

impl WorkingDays {
    /// Bits in the set (at least 366).
    pub(crate) const CAPACITY: u32 = 64 * WORDS as u32;

    /// Monday to Friday of `year`.
    pub(crate) fn weekdays(year: i32) -> Result<WorkingDays, CalendarError> {
        let out_of_range = CalendarError::YearOutOfRange { year };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(out_of_range);
        }
        let first = NaiveDate::from_yo_opt(year, 1).ok_or_else(|| out_of_range.clone())?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(out_of_range)?;
        let mut working = WorkingDays([0; WORDS]);
        let mut weekday = first.weekday();
        for ordinal0 in 0..last.ordinal() {
            if !matches!(weekday, Weekday::Sat | Weekday::Sun) {
                working.set(ordinal0, true);
            }
            weekday = weekday.succ();
        }
        Ok(working)
    }

    /// Whether day `ordinal0` is a working day.
    pub(crate) fn get(&self, ordinal0: u32) -> bool {
        let (word, bit) = (ordinal0 / 64, ordinal0 % 64);
        self.0
            .get(word as usize)
            .is_some_and(|w| (w >> bit) & 1 == 1)
    }

    /// Marks day `ordinal0` as a working day or not.
    pub(crate) fn set(&mut self, ordinal0: u32, working: bool) {
        let (word, bit) = (ordinal0 / 64, ordinal0 % 64);
        if let Some(w) = self.0.get_mut(word as usize) {
            if working {
                *w |= 1 << bit;
            } else {
                *w &= !(1 << bit);
            }
        }
    }

    /// The number of working days among days `lo..hi`.
    pub(crate) fn count(&self, lo: u32, hi: u32) -> u32 {
        self.0
            .iter()
            .zip(0..)
            .map(|(w, word)| (w & mask(word, lo, hi)).count_ones())
            .sum()
    }

    /// The `n`-th (1-based) working day at or after day `from`, or, if there
    /// are fewer, `Err` with their number. `n = 0` gives `Err(0)`.
    pub(crate) fn nth(&self, from: u32, n: u32) -> Result<u32, u32> {
        let mut left = n;
        for (w, word) in self.0.iter().zip(0u32..) {
            if left == 0 {
                break;
            }
            let mut bits = w & mask(word, from, Self::CAPACITY);
            let ones = bits.count_ones();
            if ones >= left {
                for _ in 1..left {
                    bits &= bits.wrapping_sub(1); // clear the lowest set bit
                }
                return Ok(word
                    .saturating_mul(64)
                    .saturating_add(bits.trailing_zeros()));
            }
            left -= ones;
        }
        Err(n.saturating_sub(left))
    }
}

impl fmt::Debug for WorkingDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkingDays")
            .field("count", &self.count(0, Self::CAPACITY))
            .finish()
    }
}

/// The bits of word `word` (days `64 * word ..`) that are among days `lo..hi`.
pub(crate) fn mask(word: u32, lo: u32, hi: u32) -> u64 {
    let start = word.saturating_mul(64);
    let end = start.saturating_add(64);
    if lo >= hi || hi <= start || lo >= end {
        return 0;
    }
    // Here start <= hi - 1 and lo < end, so both shifts are below 64.
    let low = u64::MAX << lo.saturating_sub(start);
    let high = if hi >= end {
        u64::MAX
    } else {
        u64::MAX >> (end - hi)
    };
    low & high
}
