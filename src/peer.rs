//! Peer statistics: what a [`Trigger::Peer`](crate::Trigger::Peer) rule
//! reads of the other assessees — their mean, or the assessee's place —
//! computed over a batch or given by an inspection.

use rust_decimal::Decimal;

use crate::strict::strict_struct;
use crate::tally::measured;
use crate::{Fact, Measure, PeerCompare};

strict_struct! {
/// A peer statistic an inspection gives for a
/// [`Trigger::Peer`](crate::Trigger::Peer) rule when it is scored outside a
/// batch ([`Inspection::peers`](crate::Inspection::peers)): the peers' mean
/// for `above_mean` and `below_mean`, the assessee's place (and how many
/// were ranked) for `rank` and `rank_ascending`.
///
/// In JSON `{"mean": "0.805"}` or `{"rank": 3, "of": 10}`.
///
/// ```
/// use ducha::{Decimal, Peer};
///
/// let mean = Peer::mean(Decimal::new(805, 3));
/// assert_eq!(mean.mean, Some(Decimal::new(805, 3)));
/// let place = Peer::rank(3, Some(10));
/// assert_eq!((place.rank, place.of), (Some(3), Some(10)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
serde(deny_unknown_fields)
pub struct Peer as "Peer", "a peer statistic object {\"mean\"} or {\"rank\", \"of\"}" {
    /// The peers' mean of the rule's measured value.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::points::decimal_serde::option")]
    pub mean: Option<Decimal>,
    /// The assessee's place by the value, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u64>,
    /// How many assessees were ranked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<u64>,
}
}

impl Peer {
    /// The peers' mean.
    pub fn mean(mean: Decimal) -> Peer {
        Peer {
            mean: Some(mean),
            rank: None,
            of: None,
        }
    }

    /// The assessee's place, and how many were ranked if known.
    pub fn rank(rank: u64, of: Option<u64>) -> Peer {
        Peer {
            mean: None,
            rank: Some(rank),
            of,
        }
    }
}

/// The statistic a peer rule was evaluated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PeerStat {
    /// The sum of the values and how many there were: the mean is
    /// `sum / count`, compared exactly (a given mean is `mean / 1`).
    pub(crate) mean: Option<(Decimal, u64)>,
    /// The place, and of how many.
    pub(crate) rank: Option<(u64, Option<u64>)>,
    /// Whether the batch computed it (else the inspection gave it).
    pub(crate) batch: bool,
}

impl PeerStat {
    /// The statistic an inspection gave.
    pub(crate) fn given(peer: &Peer) -> PeerStat {
        PeerStat {
            mean: peer.mean.map(|m| (m, 1)),
            rank: peer.rank.map(|r| (r, peer.of)),
            batch: false,
        }
    }

    /// The mean, for reasons (to at most 4 places, halves away from zero;
    /// comparisons use the exact sum).
    pub(crate) fn mean_shown(&self) -> Option<Decimal> {
        let (sum, count) = self.mean?;
        let mean = sum.checked_div(Decimal::from(count))?;
        Some(
            mean.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize(),
        )
    }
}

/// What a peer rule's value gives: breaches (0 or 1) against the mean, or
/// the place; `None` when the statistic it needs is missing.
pub(crate) enum PeerOutcome {
    Breaches(u64),
    Place(u64),
}

/// Compares `value` with `stat` as `compare` says.
pub(crate) fn compare(
    compare: PeerCompare,
    value: Decimal,
    stat: &PeerStat,
) -> Option<PeerOutcome> {
    match compare {
        PeerCompare::AboveMean | PeerCompare::BelowMean => {
            let (sum, count) = stat.mean?;
            // value ⋛ sum / count, exactly: value × count ⋛ sum (count ≥ 1).
            let ordering = match value.checked_mul(Decimal::from(count)) {
                Some(scaled) => scaled.cmp(&sum),
                None => value.cmp(&sum.checked_div(Decimal::from(count))?),
            };
            let breach = match compare {
                PeerCompare::AboveMean => ordering.is_gt(),
                _ => ordering.is_lt(),
            };
            Some(PeerOutcome::Breaches(u64::from(breach)))
        }
        PeerCompare::Rank | PeerCompare::RankAscending => {
            stat.rank.map(|(place, _)| PeerOutcome::Place(place))
        }
    }
}

/// The statistics of every peer rule over a batch's values: for each
/// entry, its `(rule index, statistic)` pairs. `values[e]` lists entry
/// `e`'s facts for the peer rules `rules` (`(index, measure, compare)`), in
/// the same order.
pub(crate) fn batch_stats(
    rules: &[(u32, Measure, PeerCompare)],
    facts: &[Vec<Option<&Fact>>],
) -> Vec<Vec<(u32, PeerStat)>> {
    let mut out: Vec<Vec<(u32, PeerStat)>> = vec![Vec::with_capacity(rules.len()); facts.len()];
    for (r, &(index, measure, compare)) in rules.iter().enumerate() {
        // The values that read: a fact outside the domain is its entry's
        // error when it is scored, and counts for no one's statistic.
        let values: Vec<Option<Decimal>> = facts
            .iter()
            .map(|entry| {
                entry
                    .get(r)
                    .copied()
                    .flatten()
                    .and_then(|f| measured(measure, f).ok())
            })
            .collect();
        let mut sum = Decimal::ZERO;
        let mut count: u64 = 0;
        for v in values.iter().flatten() {
            // INVARIANT: a measured value is at most 2^64 in size, so sums
            // over any batch in memory stay far below Decimal::MAX.
            sum = sum.checked_add(*v).unwrap_or(Decimal::MAX);
            count += 1;
        }
        let mut sorted: Vec<Decimal> = values.iter().flatten().copied().collect();
        sorted.sort_unstable();
        for (entry, value) in out.iter_mut().zip(&values) {
            let Some(value) = value else { continue };
            let rank = if compare.is_rank() {
                // The place: 1 + how many have a better value (ties share).
                let better = match compare {
                    PeerCompare::RankAscending => sorted.partition_point(|v| v < value),
                    _ => sorted.len() - sorted.partition_point(|v| v <= value),
                };
                Some((better as u64 + 1, Some(count)))
            } else {
                None
            };
            entry.push((
                index,
                PeerStat {
                    mean: (!compare.is_rank()).then_some((sum, count)),
                    rank,
                    batch: true,
                },
            ));
        }
    }
    out
}
