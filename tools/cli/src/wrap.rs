//! Line breaking for the terminal table: display widths from
//! `unicode-width`, Chinese line-breaking rules (禁则: no line starts with
//! closing punctuation, none ends with opening punctuation), and numbers,
//! dates and ids kept whole.

use unicode_width::UnicodeWidthChar as _;

/// Punctuation that never starts a line: it stays with what precedes it.
const CLOSING: &str = "，。：；、）」』”’》〉】！？…,.:;)]}!?%";

/// Punctuation that never ends a line: it stays with what follows it.
const OPENING: &str = "（「『“‘《〈【([{";

/// The display width of one character: 2 for East Asian wide and full-width
/// characters, 0 for combining marks, 1 otherwise (control characters are
/// escaped before they get here).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` padded with spaces to `to` columns (unchanged if already as wide).
pub fn pad(s: &str, to: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', to.saturating_sub(width(s))));
    out
}

/// Whether `c` belongs to a run that is never split: ASCII letters and
/// digits and the characters of numbers, dates, times, ratios and ids.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '%' | '/' | '_')
}

/// Text as shown in a terminal: control characters and bidirectional
/// overrides (a note may hold any) escaped, so that they cannot break the
/// table or reorder it.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escape = c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if escape {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether an atom is closing punctuation only (`，`, `）」`, a lone `%`).
fn is_closing(atom: &str) -> bool {
    !atom.is_empty() && atom.chars().all(|c| CLOSING.contains(c))
}

/// Whether an atom is one opening punctuation mark.
fn is_opening(atom: &str) -> bool {
    let mut chars = atom.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if OPENING.contains(c))
}

/// The atoms of a text: maximal runs of word characters, and every other
/// character on its own.
fn atoms(text: &str) -> Vec<String> {
    let mut atoms: Vec<String> = Vec::new();
    let mut in_run = false;
    for c in text.chars() {
        let word = is_word_char(c);
        match atoms.last_mut() {
            Some(last) if word && in_run => last.push(c),
            _ => atoms.push(c.to_string()),
        }
        in_run = word;
    }
    atoms
}

/// The pieces a line may be broken between: atoms with the closing
/// punctuation that follows them and the opening punctuation that precedes
/// them attached. A space is a piece of its own, dropped where a line
/// breaks at it.
fn pieces(text: &str) -> Vec<String> {
    glued(atoms(text))
}

/// Atoms glued into pieces: opening punctuation to the atom after it,
/// closing punctuation to the atom before it.
fn glued(atoms: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = String::new();
    for atom in atoms {
        if is_opening(&atom) {
            open.push_str(&atom);
            continue;
        }
        if open.is_empty() {
            if is_closing(&atom)
                && let Some(last) = out.last_mut()
                && last != " "
            {
                last.push_str(&atom);
                continue;
            }
            if atom == " " {
                out.push(atom);
                continue;
            }
        }
        let mut piece = std::mem::take(&mut open);
        piece.push_str(&atom);
        out.push(piece);
    }
    if !open.is_empty() {
        // Opening punctuation at the very end opens nothing: it stays with
        // what precedes it rather than on a line of its own.
        match out.last_mut() {
            Some(last) if last != " " => last.push_str(&open),
            _ => out.push(open),
        }
    }
    out
}

/// Splits `text` into lines of at most `max` display columns, breaking
/// between Chinese characters but never before closing punctuation, after
/// opening punctuation, or inside a run of ASCII letters, digits and
/// `.-:%/_` (a number, a date, an id). A piece wider than a whole line
/// (a very long id) is broken between its characters, still keeping
/// punctuation where it belongs as far as the width allows. Always at
/// least one line, possibly empty.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Lines {
        max: max.max(2),
        done: Vec::new(),
        line: String::new(),
        used: 0,
    };
    // A line break in the text (a note may hold one) is a space here: the
    // table wraps the text itself.
    let text = text.replace(['\r', '\n'], " ");
    for piece in pieces(&shown(&text)) {
        lines.piece(&piece, true);
    }
    lines.finish()
}

/// The lines being filled.
struct Lines {
    max: usize,
    done: Vec<String>,
    line: String,
    used: usize,
}

impl Lines {
    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.done.push(line.trim_end().to_owned());
        self.used = 0;
    }

    /// Adds a piece: on this line if it fits, else on the next; a piece
    /// wider than a line is split, first (`whole`) into its characters with
    /// punctuation glued as between pieces, then into bare characters.
    fn piece(&mut self, piece: &str, whole: bool) {
        if piece == " " {
            if self.line.is_empty() {
                return;
            }
            if self.used < self.max {
                self.line.push(' ');
                self.used += 1;
            } else {
                self.break_line();
            }
            return;
        }
        let w = width(piece);
        if self.used + w > self.max && !self.line.is_empty() {
            self.break_line();
        }
        if w > self.max {
            if whole {
                for part in glued(piece.chars().map(String::from)) {
                    self.piece(&part, false);
                }
            } else {
                for c in piece.chars() {
                    let cw = char_width(c);
                    if self.used + cw > self.max && !self.line.is_empty() {
                        self.break_line();
                    }
                    self.line.push(c);
                    self.used += cw;
                }
            }
            return;
        }
        self.line.push_str(piece);
        self.used += w;
    }

    fn finish(mut self) -> Vec<String> {
        let last = self.line.trim_end();
        if !last.is_empty() || self.done.is_empty() {
            self.done.push(last.to_owned());
        }
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case: text, width, the exact lines expected.
    #[test]
    fn wraps_exactly() {
        let cases: &[(&str, usize, &[&str], &str)] = &[
            ("", 10, &[""], "empty text is one empty line"),
            ("短", 10, &["短"], "shorter than a line"),
            ("一二三四五", 10, &["一二三四五"], "exactly a line"),
            (
                "一二三四五六",
                10,
                &["一二三四五", "六"],
                "Chinese breaks between any two characters",
            ),
            (
                "一二三四，五六",
                8,
                &["一二三", "四，五六"],
                "a comma never starts a line: the character before it moves down with it",
            ),
            (
                "一二三四。",
                8,
                &["一二三", "四。"],
                "a full stop at the end never stands alone",
            ),
            (
                "一二三（四五）",
                8,
                &["一二三", "（四五）"],
                "an opening bracket never ends a line",
            ),
            (
                "一二三“四五”六",
                8,
                &["一二三", "“四五”六"],
                "quotation marks open and close (“ and ” are 1 column wide)",
            ),
            (
                "一二）」，三",
                8,
                &["一", "二）」，", "三"],
                "a run of closing punctuation stays with the character before it",
            ),
            (
                "应于2026-04-30前录入",
                12,
                &["应于", "2026-04-30前", "录入"],
                "a date is never split",
            ),
            (
                "完善率96%，应达到100%",
                12,
                &["完善率96%，", "应达到100%"],
                "a percentage keeps its sign, and the comma after it",
            ),
            (
                "扣2.5分，扣完5分为止",
                6,
                &["扣2.5", "分，扣", "完5分", "为止"],
                "a decimal is never split",
            ),
            (
                "第11-2项",
                4,
                &["第", "11-2", "项"],
                "an id with a hyphen is never split",
            ),
            (
                "abcdefghijkl",
                5,
                &["abcde", "fghij", "kl"],
                "a run longer than a line is cut, as nothing else fits",
            ),
            (
                "hello world again",
                11,
                &["hello world", "again"],
                "spaces are break points and are dropped at the break",
            ),
            (
                "a\nb",
                10,
                &["a b"],
                "a line break is a space: the table wraps the text itself",
            ),
            (
                "a\u{7}b",
                10,
                &["a\\u{7}b"],
                "other control characters are escaped, never printed",
            ),
            (
                "12:30，14:00",
                7,
                &["12:30，", "14:00"],
                "times are kept whole",
            ),
        ];
        for (text, max, expected, why) in cases {
            let got = wrap(text, *max);
            assert_eq!(got, *expected, "{why}: wrap({text:?}, {max})");
        }
    }

    #[test]
    fn an_unbreakable_piece_wider_than_the_line_is_cut_by_characters() {
        assert_eq!(
            wrap("（一）", 2),
            ["（", "一", "）"],
            "nothing else fits in 2 columns"
        );
        assert_eq!(
            wrap("96%，", 4),
            ["9", "6%，"],
            "cut inside a number only because it is wider than the line, and the comma stays"
        );
        assert_eq!(wrap("一", 1), ["一"], "a line is at least 2 columns wide");
    }

    /// The two breaks the table made before: a date split in the middle,
    /// and a line starting with a colon.
    #[test]
    fn regressions_from_the_seed_sample() {
        let reason = "未全量归集本科室产生的许可信息：2起（某培训机构办学许可：2026-04-01产生，应于2026-04-30前录入，2026-05-20录入，逾期12个工作日）";
        let lines = wrap(reason, 60);
        assert_eq!(
            lines,
            [
                "未全量归集本科室产生的许可信息：2起（某培训机构办学许可：",
                "2026-04-01产生，应于2026-04-30前录入，2026-05-20录入，逾期12",
                "个工作日）",
            ],
            "the date 2026-04-01 stays whole"
        );
        let reason = "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工作：1次（2026年第三季度无记录），扣2分";
        let lines = wrap(reason, 60);
        assert_eq!(
            lines,
            [
                "分管领导未组织分管科室学习、研究“双随机、一公开”监管相关工",
                "作：1次（2026年第三季度无记录），扣2分",
            ],
            "the colon moves down with the character before it"
        );
    }

    /// Over many widths, no line starts with closing punctuation or ends
    /// with opening punctuation, no line is wider than asked, no digit run
    /// is split, and the text comes back whole.
    #[test]
    fn rules_hold_at_every_width() {
        let texts = [
            "未全量归集本科室产生的许可信息：2起（某培训机构办学许可：2026-04-01产生，应于2026-04-30前录入，2026-05-20录入，逾期12个工作日；某民办学校许可变更：2026-12-01产生，应于2026-12-29前录入，截至2026-12-31未录入，已逾期2个工作日），扣2分",
            "检查实施清单完善率未达到100%（实测96%，应达到100%），扣5分；未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：7次，扣7分，受第12项分值10分所限，实扣5分",
            "深入推进“互联网+监管”情况",
            "《玉溪市教育体育局机关“双随机、一公开”监管工作督查细则（试行）》等……",
        ];
        for text in texts {
            // From 8 columns on, any run of closing punctuation in these
            // texts fits on a line with the character before it.
            for max in 8..=70 {
                let lines = wrap(text, max);
                let joined: String = lines.concat();
                assert_eq!(joined, text, "text kept whole at width {max}");
                for line in &lines {
                    assert!(width(line) <= max, "{line:?} wider than {max}");
                    let first = line.chars().next().unwrap_or(' ');
                    let last = line.chars().last().unwrap_or(' ');
                    assert!(
                        !CLOSING.contains(first),
                        "line starts with closing punctuation at width {max}: {line:?}"
                    );
                    assert!(
                        !OPENING.contains(last),
                        "line ends with opening punctuation at width {max}: {line:?}"
                    );
                }
                // Above the width of the longest run (a date, 10), no run of
                // word characters is split.
                if max >= 12 {
                    for pair in lines.windows(2) {
                        let end = pair[0].chars().last().unwrap_or(' ');
                        let start = pair[1].chars().next().unwrap_or(' ');
                        assert!(
                            !(is_word_char(end) && is_word_char(start)),
                            "a number split at width {max}: {pair:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn widths() {
        assert_eq!(width("序号"), 4, "CJK characters are 2 columns");
        assert_eq!(width("ab1"), 3, "ASCII is 1 column");
        assert_eq!(width("，"), 2, "full-width punctuation is 2 columns");
        assert_eq!(width("e\u{301}"), 1, "a combining accent takes no column");
        assert_eq!(pad("序号", 6), "序号  ", "padding counts display columns");
        assert_eq!(pad("序号序号", 6), "序号序号", "never truncated");
    }

    #[test]
    fn bidi_overrides_are_escaped() {
        assert_eq!(
            shown("a\u{202E}b"),
            "a\\u{202e}b",
            "a right-to-left override"
        );
        assert_eq!(shown("a\tb"), "a\\u{9}b", "a tab");
    }
}
