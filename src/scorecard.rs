//! Reading a scorecard: the tree of outcomes, reasons and JSON.

use std::fmt::{self, Write as _};

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::evaluate::{RuleState, units_to_decimal};
use crate::tally::{Context, Details, MAX_NAMED, push_note, push_u64, write_details};
use crate::{Children, Fact, Id, Indicator, Item, Points, Rule, Scorecard, Trigger};

impl<'a> Scorecard<'a> {
    /// The rubric this scorecard evaluates.
    pub fn rubric(&self) -> &'a crate::Rubric {
        self.rubric
    }

    /// The rubric's total points.
    pub fn points(&self) -> Decimal {
        self.rubric.total().get()
    }

    /// The points deducted in all.
    pub fn deducted(&self) -> Decimal {
        self.node_deducted(0)
    }

    /// The total score: points minus deductions.
    pub fn score(&self) -> Decimal {
        self.node_score(0)
    }

    /// Whether every rule had a fact.
    pub fn is_complete(&self) -> bool {
        self.rules.iter().all(|r| r.fact.is_some())
    }

    /// The top-level indicators' outcomes, in document order.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorOutcome<'_>> {
        IndicatorOutcome::siblings(self, &self.rubric.spec().indicators, 1)
    }

    /// Every item's outcome, in document order.
    pub fn items(&self) -> impl Iterator<Item = ItemOutcome<'_>> {
        let mut out = Vec::new();
        fn collect<'s>(ind: IndicatorOutcome<'s>, out: &mut Vec<ItemOutcome<'s>>) {
            out.extend(ind.items());
            for child in ind.indicators() {
                collect(child, out);
            }
        }
        for ind in self.indicators() {
            collect(ind, &mut out);
        }
        out.into_iter()
    }

    /// Every rule's outcome, in document order.
    pub fn rules(&self) -> impl Iterator<Item = RuleOutcome<'_>> {
        self.items().flat_map(|item| item.rules())
    }

    /// The outcome of the rule with this id.
    pub fn rule(&self, id: &str) -> Option<RuleOutcome<'_>> {
        self.rules().find(|r| r.rule.id.as_str() == id)
    }

    /// The outcome of the item with this id.
    pub fn item(&self, id: &str) -> Option<ItemOutcome<'_>> {
        self.items().find(|i| i.item.id.as_str() == id)
    }

    fn dec(&self, units: impl Into<i128>) -> Decimal {
        // INVARIANT: the evaluator refuses raw deductions that no Decimal
        // holds, and every other amount is at most a raw deduction.
        units_to_decimal(units.into(), self.rubric.plan().scale).unwrap_or(Decimal::MAX)
    }

    fn node_points(&self, node: u32) -> Decimal {
        self.dec(
            self.rubric
                .plan()
                .nodes
                .get(node as usize)
                .map_or(0, |n| n.points),
        )
    }

    fn node_score(&self, node: u32) -> Decimal {
        let plan = self.rubric.plan();
        let points = plan.points.get(node as usize).copied().unwrap_or(0);
        let deducted = self.deducted.get(node as usize).copied().unwrap_or(0);
        self.dec(points - deducted)
    }

    /// A node's points, deduction and score in units, for serializing.
    fn node_units(&self, node: u32) -> (Units, Units, Units) {
        let scale = self.rubric.plan().scale;
        let points = self
            .rubric
            .plan()
            .points
            .get(node as usize)
            .copied()
            .unwrap_or(0);
        let deducted = self.deducted.get(node as usize).copied().unwrap_or(0);
        (
            Units(points.into(), scale),
            Units(deducted.into(), scale),
            Units((points - deducted).into(), scale),
        )
    }

    fn node_deducted(&self, node: u32) -> Decimal {
        self.dec(self.deducted.get(node as usize).copied().unwrap_or(0))
    }
}

/// The outcome of one indicator.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorOutcome<'s> {
    card: &'s Scorecard<'s>,
    indicator: &'s Indicator,
    node: u32,
}

impl<'s> IndicatorOutcome<'s> {
    fn siblings(
        card: &'s Scorecard<'s>,
        indicators: &'s [Indicator],
        first: u32,
    ) -> impl Iterator<Item = IndicatorOutcome<'s>> {
        let nodes = &card.rubric.plan().nodes;
        let mut node = first;
        indicators.iter().map(move |indicator| {
            let this = node;
            node += nodes.get(this as usize).map_or(1, |n| n.size);
            IndicatorOutcome {
                card,
                indicator,
                node: this,
            }
        })
    }

    /// The indicator as written.
    pub fn indicator(&self) -> &'s Indicator {
        self.indicator
    }

    /// The indicator's id.
    pub fn id(&self) -> &'s Id {
        &self.indicator.id
    }

    /// The indicator's points.
    pub fn points(&self) -> Decimal {
        self.card.node_points(self.node)
    }

    /// The points deducted: the sum of its children's, at most its points.
    pub fn deducted(&self) -> Decimal {
        self.card.node_deducted(self.node)
    }

    /// Points minus deduction.
    pub fn score(&self) -> Decimal {
        self.card.node_score(self.node)
    }

    /// The outcomes of its finer indicators (none if it holds items).
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorOutcome<'s>> + use<'s> {
        let children: &'s [Indicator] = match &self.indicator.children {
            Children::Indicators(c) => c,
            Children::Items(_) => &[],
        };
        IndicatorOutcome::siblings(self.card, children, self.node + 1)
    }

    /// The outcomes of its items (none if it holds finer indicators).
    pub fn items(&self) -> impl Iterator<Item = ItemOutcome<'s>> + use<'s> {
        let items: &'s [Item] = match &self.indicator.children {
            Children::Items(i) => i,
            Children::Indicators(_) => &[],
        };
        let card = self.card;
        let first = self.node + 1;
        items
            .iter()
            .zip(first..)
            .map(move |(item, node)| ItemOutcome { card, item, node })
    }
}

/// The outcome of one item (one numbered row).
#[derive(Debug, Clone, Copy)]
pub struct ItemOutcome<'s> {
    card: &'s Scorecard<'s>,
    item: &'s Item,
    node: u32,
}

impl<'s> ItemOutcome<'s> {
    /// The item as written.
    pub fn item(&self) -> &'s Item {
        self.item
    }

    /// The item's id.
    pub fn id(&self) -> &'s Id {
        &self.item.id
    }

    /// The item's points (量化分值).
    pub fn points(&self) -> Decimal {
        self.card.node_points(self.node)
    }

    /// The points deducted: the sum of its rules', at most its points.
    pub fn deducted(&self) -> Decimal {
        self.card.node_deducted(self.node)
    }

    /// The score obtained (得分情况).
    pub fn score(&self) -> Decimal {
        self.card.node_score(self.node)
    }

    /// The outcomes of its rules, in document order.
    pub fn rules(&self) -> impl Iterator<Item = RuleOutcome<'s>> + use<'s> {
        let card = self.card;
        let first = card
            .rubric
            .plan()
            .nodes
            .get(self.node as usize)
            .map_or(0, |n| n.first_rule as usize);
        self.item
            .rules
            .iter()
            .zip(card.rules.get(first..).unwrap_or_default())
            .map(move |(rule, state)| RuleOutcome { card, rule, state })
    }

    /// The reason for the item's deductions (扣分原因): its rules' reasons
    /// joined by `；`, empty if nothing was deducted.
    pub fn reason(&self) -> String {
        let mut scratch = Scratch::default();
        scratch.fill(self);
        scratch.joined()
    }
}

/// What limited a rule's deduction below its raw amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitedBy<'s> {
    /// The rule's own cap ("扣完N分为止").
    Cap(Points),
    /// A node's points: what remained of them after the rules before.
    Node {
        /// The item's or indicator's id (the rubric's for the total).
        id: &'s Id,
        /// The node's points.
        points: Decimal,
    },
}

/// The outcome of one rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleOutcome<'s> {
    card: &'s Scorecard<'s>,
    rule: &'s Rule,
    state: &'s RuleState<'s>,
}

impl<'s> RuleOutcome<'s> {
    /// The rule as written.
    pub fn rule(&self) -> &'s Rule {
        self.rule
    }

    /// The rule's id.
    pub fn id(&self) -> &'s Id {
        &self.rule.id
    }

    /// Whether the inspection recorded a fact for this rule.
    pub fn assessed(&self) -> bool {
        self.state.fact.is_some()
    }

    /// The fact recorded, if any.
    pub fn fact(&self) -> Option<&'s Fact> {
        self.state.fact
    }

    /// The number of breaches counted (0 if not assessed).
    pub fn breaches(&self) -> u64 {
        self.state.breaches
    }

    /// For a deadline rule, the cases not done and not yet due on the
    /// assessment date: no breach, but not on time either (yet).
    pub fn pending(&self) -> u64 {
        self.state.pending
    }

    /// The deduction the penalty gives before any cap or bound.
    pub fn raw(&self) -> Decimal {
        self.card.dec(self.state.raw)
    }

    /// The deduction after the rule's own cap, before node bounds.
    pub fn capped(&self) -> Decimal {
        self.card.dec(self.state.capped)
    }

    /// The rule's share of the total deduction, after its cap and the bounds
    /// of its item, its indicators and the total (see
    /// [`Rubric::evaluate`](crate::Rubric::evaluate)).
    pub fn deducted(&self) -> Decimal {
        self.card.dec(self.state.applied)
    }

    /// What brought [`deducted`](Self::deducted) below [`raw`](Self::raw):
    /// a node's points if they trimmed it (even where the cap did too),
    /// else the cap; `None` if nothing did.
    pub fn limited_by(&self) -> Option<LimitedBy<'s>> {
        let nodes = &self.card.rubric.plan().nodes;
        if let Some(node) = self.state.bound_by.and_then(|n| nodes.get(n as usize)) {
            return Some(LimitedBy::Node {
                id: &node.id,
                points: self.card.dec(node.points),
            });
        }
        match self.rule.penalty.cap() {
            Some(cap) if self.state.capped < self.state.raw => Some(LimitedBy::Cap(cap)),
            _ => None,
        }
    }

    /// The reason for the deduction, in the rubric's language; empty when
    /// there was no breach.
    ///
    /// It names the rule's label, the breaches and their notes, the points,
    /// and any cap or bound: `抽查任务完成后20个工作日内未公示抽查检查结果：7起，扣7分，超过上限按5分扣`.
    pub fn reason(&self) -> String {
        let mut out = String::new();
        if self.state.breaches > 0 {
            out.reserve(self.rule.label.len() + 96);
            self.write_reason(&mut out);
        }
        out
    }

    fn write_reason(&self, out: &mut String) {
        let card = self.card;
        let state = self.state;
        out.push_str(&self.rule.label);
        let Some(fact) = state.fact else { return };
        let trigger = &self.rule.trigger;
        // A count shows for triggers that count, however the fact was
        // written (`3`, `"3"`, `3.0`, a list); yes/no facts and measures
        // show none.
        let counted = !matches!(trigger, Trigger::Flag | Trigger::Threshold { .. })
            && !matches!(fact, Fact::Flag(_) | Fact::Finding(_));
        if counted {
            out.push('：');
            push_u64(out, state.breaches);
            out.push_str(&self.rule.unit);
        }
        let mut details = Details::new(out);
        if !matches!(fact, Fact::Cases(_)) {
            // At most so many notes, each cut to a length, so that the
            // reason's size does not grow with the input.
            let mut notes = fact.notes().filter(|n| !n.is_empty());
            for note in notes.by_ref().take(MAX_NAMED) {
                push_note(details.next(), note);
            }
            let more = notes.count();
            if more > 0 {
                let out = details.next();
                out.push_str("其余");
                push_u64(out, more as u64);
                out.push_str("条从略");
            }
        }
        let ctx = Context {
            calendar: card.rubric.calendar(),
            period: card.period,
            as_of: card.as_of,
        };
        write_details(trigger, fact, &ctx, &mut details);
        details.close();
        if state.pending > 0 {
            out.push_str("，另有");
            push_u64(out, state.pending);
            out.push_str(&self.rule.unit);
            out.push_str("未到期");
        }
        let scale = card.rubric.plan().scale;
        out.push_str("，扣");
        Units(state.raw, scale).push(out);
        out.push('分');
        if state.capped < state.raw {
            out.push_str("，超过上限按");
            Units(state.capped, scale).push(out);
            out.push_str("分扣");
        }
        let nodes = &card.rubric.plan().nodes;
        if let Some(node) = state.bound_by.and_then(|n| nodes.get(n as usize)) {
            let _ = write!(
                out,
                "，受{}分值{}分所限，实扣{}分",
                node.label,
                Units(node.points, scale),
                Units(state.applied.into(), scale)
            );
        }
    }
}

/// A decimal written as a JSON string, without trailing zeros.
struct Dec(Decimal);

/// An amount in units of 10^-scale, written as a JSON string without
/// trailing zeros: what [`Dec`] writes for the same value, without going
/// through `Decimal` (scorecards hold a hundred of them).
struct Units(i128, u32);

impl Units {
    /// The digits, into `text`: sign, integer digits, point and fraction
    /// without trailing zeros.
    fn write<'t>(&self, text: &'t mut [u8; 52]) -> &'t str {
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
    /// Appends the digits to `out` (no UTF-8 check: they are ASCII).
    fn push(&self, out: &mut String) {
        let mut buf = [0u8; 52];
        let len = self.digits(&mut buf);
        out.extend(buf.iter().take(len).map(|&b| char::from(b)));
    }
}

impl fmt::Display for Units {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write(&mut [0u8; 52]))
    }
}

impl Serialize for Units {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.write(&mut [0u8; 52]))
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.normalize())
    }
}

impl Serialize for Scorecard<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Scorecard", 5)?;
        s.serialize_field("rubric", self.rubric.id())?;
        let (points, deducted, score) = self.node_units(0);
        s.serialize_field("points", &points)?;
        s.serialize_field("deducted", &deducted)?;
        s.serialize_field("score", &score)?;
        s.serialize_field("indicators", &Seq(|| self.indicators()))?;
        s.end()
    }
}

/// Serializes what an iterator-returning closure yields, as a JSON array.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl Serialize for IndicatorOutcome<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("IndicatorOutcome", 6)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("name", &self.indicator.name)?;
        let (points, deducted, score) = self.card.node_units(self.node);
        s.serialize_field("points", &points)?;
        s.serialize_field("deducted", &deducted)?;
        s.serialize_field("score", &score)?;
        match self.indicator.children {
            Children::Indicators(_) => {
                s.serialize_field("indicators", &Seq(|| self.indicators()))?;
            }
            Children::Items(_) => s.serialize_field("items", &Seq(|| self.items()))?,
        }
        s.end()
    }
}

impl Serialize for ItemOutcome<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Each rule's reason is rendered once, for the rule and for the
        // item's joined reason.
        let mut scratch = Scratch::default();
        scratch.fill(self);
        let reason = scratch.joined();
        let mut s = serializer.serialize_struct("ItemOutcome", 8)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("serial", &self.item.serial)?;
        let (points, deducted, score) = self.card.node_units(self.node);
        s.serialize_field("points", &points)?;
        s.serialize_field("deducted", &deducted)?;
        s.serialize_field("score", &score)?;
        s.serialize_field("reason", &reason)?;
        s.serialize_field(
            "rules",
            &Seq(|| {
                self.rules().enumerate().map(|(i, rule)| RuleJson {
                    rule,
                    reason: scratch.reason(i),
                })
            }),
        )?;
        s.end()
    }
}

/// A rule outcome with its reason already rendered.
struct RuleJson<'a, 's> {
    rule: RuleOutcome<'s>,
    reason: &'a str,
}

impl Serialize for RuleJson<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.rule.serialize_with(serializer, self.reason)
    }
}

impl Serialize for RuleOutcome<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(serializer, &self.reason())
    }
}

impl RuleOutcome<'_> {
    fn serialize_with<S: Serializer>(
        &self,
        serializer: S,
        reason: &str,
    ) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RuleOutcome", 8)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("assessed", &self.assessed())?;
        s.serialize_field("breaches", &self.breaches())?;
        if matches!(self.rule.trigger, Trigger::Deadline { .. }) {
            s.serialize_field("pending", &self.pending())?;
        } else {
            s.skip_field("pending")?;
        }
        let scale = self.card.rubric.plan().scale;
        s.serialize_field("raw", &Units(self.state.raw, scale))?;
        s.serialize_field("deducted", &Units(self.state.applied.into(), scale))?;
        s.serialize_field("limited_by", &self.limited_by())?;
        s.serialize_field("reason", reason)?;
        s.end()
    }
}

impl Serialize for LimitedBy<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            LimitedBy::Cap(cap) => {
                let mut s = serializer.serialize_struct("LimitedBy", 2)?;
                s.serialize_field("kind", "cap")?;
                s.serialize_field("cap", cap)?;
                s.end()
            }
            LimitedBy::Node { id, points } => {
                let mut s = serializer.serialize_struct("LimitedBy", 3)?;
                s.serialize_field("kind", "node")?;
                s.serialize_field("id", id)?;
                s.serialize_field("points", &Dec(*points))?;
                s.end()
            }
        }
    }
}

/// Whether any byte of `bytes` must be escaped in a JSON string: a control
/// character, `"` or `\\`. Eight bytes at a time (most text here is Chinese,
/// whose UTF-8 bytes are all at least 0x80).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` is below `n` (n ≤ 0x80): the classic bit trick, exact
    // about whether there is one.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A control character, or a byte equal to `"` or `\\` (zero after
        // the xor).
        if below(x, 0x20) | below(x ^ (ONES * 0x22), 1) | below(x ^ (ONES * 0x5c), 1) != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// Writes `s` as a JSON string literal, escaped exactly as serde_json
/// escapes it.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    push_json_content(out, s);
    out.push('"');
}

/// Writes `s` escaped as inside a JSON string literal.
fn push_json_content(out: &mut String, s: &str) {
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

impl Scorecard<'_> {
    /// The scorecard as compact JSON: the same bytes as serializing it with
    /// serde_json, written directly (the JSON surface's hot path).
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::with_capacity(384 * self.rules.len() + 1024);
        out.push_str("{\"rubric\":");
        push_json_str(&mut out, self.rubric.id().as_str());
        self.push_node_units(&mut out, 0);
        out.push_str(",\"indicators\":[");
        let mut scratch = Scratch::default();
        for (i, ind) in self.indicators().enumerate() {
            if i > 0 {
                out.push(',');
            }
            ind.push_json(&mut out, &mut scratch);
        }
        out.push_str("]}");
        out
    }

    /// `,"points":…,"deducted":…,"score":…` of a node.
    fn push_node_units(&self, out: &mut String, node: u32) {
        let (points, deducted, score) = self.node_units(node);
        out.push_str(",\"points\":\"");
        points.push(out);
        out.push_str("\",\"deducted\":\"");
        deducted.push(out);
        out.push_str("\",\"score\":\"");
        score.push(out);
        out.push('"');
    }
}

/// An item's rule reasons, each rendered once, for the rules and for the
/// item's joined reason; reused for every item while writing a scorecard.
#[derive(Default)]
struct Scratch {
    /// The item's rule reasons, one after another.
    text: String,
    /// Where each rule's reason ends in `text`.
    ends: Vec<usize>,
}

impl Scratch {
    /// Renders the reasons of `item`'s rules (empty for rules without a
    /// breach).
    fn fill(&mut self, item: &ItemOutcome<'_>) {
        self.text.clear();
        self.ends.clear();
        for rule in item.rules() {
            if rule.state.breaches > 0 {
                rule.write_reason(&mut self.text);
            }
            self.ends.push(self.text.len());
        }
    }

    /// The reason of the `i`-th rule.
    fn reason(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0);
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }

    /// The non-empty reasons, in rule order.
    fn reasons(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len())
            .map(|i| self.reason(i))
            .filter(|r| !r.is_empty())
    }

    /// The item's reason: the rules' reasons joined by `；`.
    fn joined(&self) -> String {
        self.reasons().collect::<Vec<_>>().join("；")
    }
}

impl IndicatorOutcome<'_> {
    fn push_json(&self, out: &mut String, scratch: &mut Scratch) {
        out.push_str("{\"id\":");
        push_json_str(out, self.id().as_str());
        out.push_str(",\"name\":");
        push_json_str(out, &self.indicator.name);
        self.card.push_node_units(out, self.node);
        match self.indicator.children {
            Children::Indicators(_) => {
                out.push_str(",\"indicators\":[");
                for (i, child) in self.indicators().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    child.push_json(out, scratch);
                }
            }
            Children::Items(_) => {
                out.push_str(",\"items\":[");
                for (i, item) in self.items().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.push_json(out, scratch);
                }
            }
        }
        out.push_str("]}");
    }
}

impl ItemOutcome<'_> {
    fn push_json(&self, out: &mut String, scratch: &mut Scratch) {
        out.push_str("{\"id\":");
        push_json_str(out, self.id().as_str());
        out.push_str(",\"serial\":");
        push_json_str(out, &self.item.serial);
        self.card.push_node_units(out, self.node);
        // Each rule's reason once, into one buffer, for the rule and for
        // the item's join.
        scratch.fill(self);
        out.push_str(",\"reason\":\"");
        for (i, r) in scratch.reasons().enumerate() {
            if i > 0 {
                out.push('；');
            }
            push_json_content(out, r);
        }
        out.push_str("\",\"rules\":[");
        for (i, rule) in self.rules().enumerate() {
            if i > 0 {
                out.push(',');
            }
            rule.push_json(out, scratch.reason(i));
        }
        out.push_str("]}");
    }
}

impl RuleOutcome<'_> {
    fn push_json(&self, out: &mut String, reason: &str) {
        let scale = self.card.rubric.plan().scale;
        out.push_str("{\"id\":");
        push_json_str(out, self.id().as_str());
        out.push_str(if self.assessed() {
            ",\"assessed\":true"
        } else {
            ",\"assessed\":false"
        });
        out.push_str(",\"breaches\":");
        push_u64(out, self.breaches());
        if matches!(self.rule.trigger, Trigger::Deadline { .. }) {
            out.push_str(",\"pending\":");
            push_u64(out, self.pending());
        }
        out.push_str(",\"raw\":\"");
        Units(self.state.raw, scale).push(out);
        out.push_str("\",\"deducted\":\"");
        Units(self.state.applied.into(), scale).push(out);
        out.push_str("\",\"limited_by\":");
        match self.limited_by() {
            None => out.push_str("null"),
            Some(LimitedBy::Cap(cap)) => {
                let _ = write!(out, "{{\"kind\":\"cap\",\"cap\":\"{cap}\"}}");
            }
            Some(LimitedBy::Node { id, points }) => {
                out.push_str("{\"kind\":\"node\",\"id\":");
                push_json_str(out, id.as_str());
                let _ = write!(out, ",\"points\":\"{}\"}}", points.normalize());
            }
        }
        out.push_str(",\"reason\":");
        push_json_str(out, reason);
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
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
        }
    }
}
