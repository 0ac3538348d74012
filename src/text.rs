//! Small text utilities shared by the stages: lines, blank tests and the one
//! normalisation every clause text goes through.

use crate::lang::{is_cjk, is_invisible, is_space};

/// One line of a text: its byte range without the line terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    /// 0-based index of the line in the text.
    pub index: usize,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character (before `\r`/`\n`).
    pub end: usize,
}

/// Split `text` into lines ending at `\n`, `\r\n` or a lone `\r`.
pub fn lines(text: &str) -> Vec<LineRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(LineRange {
                    index: out.len(),
                    start,
                    end: i,
                });
                start = i + 1;
            }
            b'\r' => {
                out.push(LineRange {
                    index: out.len(),
                    start,
                    end: i,
                });
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(LineRange {
        index: out.len(),
        start,
        end: bytes.len(),
    });
    out
}

/// True when `s` holds nothing but white space and invisible characters.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| is_space(c) || is_invisible(c))
}

/// The normal form of clause text: invisible characters removed, every run of
/// white space (line breaks included) collapsed to one space, no space at the
/// ends, and no space where a line break joined two pieces of CJK text (a
/// Chinese sentence hard-wrapped across lines reads as one).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut pending_break = false;
    for c in s.chars() {
        if is_invisible(c) && !matches!(c, '\n' | '\r' | '\t') {
            continue;
        }
        if is_space(c) {
            pending_space = true;
            if c == '\n' || c == '\r' {
                pending_break = true;
            }
            continue;
        }
        if pending_space && !out.is_empty() {
            let prev = out.chars().next_back().unwrap_or(' ');
            let join = pending_break && is_cjk(prev) && is_cjk(c);
            if !join {
                out.push(' ');
            }
        }
        pending_space = false;
        pending_break = false;
        out.push(c);
    }
    out
}

/// Byte range of `s[start..end]` with leading and trailing white space and
/// invisible characters removed.
pub fn trim_range(s: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &s[start..end];
    let skip = |c: char| is_space(c) || is_invisible(c);
    let lead = piece.len() - piece.trim_start_matches(skip).len();
    let trail = piece.len() - piece.trim_end_matches(skip).len();
    if lead >= piece.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// A set of byte ranges answering "does any range hold / overlap / contain
/// this?" in logarithmic time. Clauses of real documents have a handful of
/// anchors, but a pathological line (40,000 numbers, e-mail addresses or
/// article numbers) has as many anchors as words, and a scan per word makes
/// that quadratic.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    /// Ranges sorted by start.
    spans: Vec<(usize, usize)>,
    /// `reach[k]`: the furthest end among `spans[..=k]`.
    reach: Vec<usize>,
}

impl SpanSet {
    /// The set of the given `(start, end)` ranges, in any order.
    pub fn new(mut spans: Vec<(usize, usize)>) -> SpanSet {
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        SpanSet { spans, reach }
    }

    /// Furthest end among the ranges whose start satisfies `before`
    /// (a prefix of the sorted ranges).
    fn reach_of(&self, before: impl Fn(usize) -> bool) -> Option<usize> {
        let n = self.spans.partition_point(|&(a, _)| before(a));
        n.checked_sub(1).map(|k| self.reach[k])
    }

    /// Whether some range `a..e` holds all of `start..end` (`a <= start`,
    /// `end <= e`).
    pub fn contains(&self, start: usize, end: usize) -> bool {
        self.reach_of(|a| a <= start).is_some_and(|e| e >= end)
    }

    /// Whether some range shares a byte with `start..end` (`a < end`,
    /// `start < e`).
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.reach_of(|a| a < end).is_some_and(|e| e > start)
    }

    /// Whether some range holds byte `pos` (`a <= pos < e`).
    pub fn holds(&self, pos: usize) -> bool {
        self.reach_of(|a| a <= pos).is_some_and(|e| e > pos)
    }
}

/// Text made safe to print on a terminal: control characters (C0, DEL,
/// C1: the escape that starts an ANSI sequence, bells, backspaces, carriage
/// returns that overwrite a line) and the bidirectional overrides, embeddings,
/// isolates and marks (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F,
/// U+061C), which reorder what follows them so that a terminal shows text
/// other than the bytes, are written as `\u{1B}`, `\u{202E}`. File names
/// and document text reach the terminal only through it.
///
/// ```
/// use clausealign::text::terminal_safe;
///
/// assert_eq!(terminal_safe("a\x1b[31mred"), "a\\u{1B}[31mred");
/// assert_eq!(terminal_safe("txt.\u{202E}exe"), "txt.\\u{202E}exe");
/// assert_eq!(terminal_safe("隐私政策 Privacy"), "隐私政策 Privacy");
/// ```
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_ends() {
        let t = "a\r\nb\rc\n\nd";
        let ls: Vec<&str> = lines(t).iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(ls, ["a", "b", "c", "", "d"]);
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize("  a \t b\u{200B}c \n"), "a bc");
        assert_eq!(
            normalize("劳动规章制度和\n\n依法签订的"),
            "劳动规章制度和依法签订的"
        );
        assert_eq!(normalize("use the Yi\nSeries"), "use the Yi Series");
        assert_eq!(normalize("包括\nYi-6B"), "包括 Yi-6B");
        assert_eq!(normalize("中文 English"), "中文 English");
        assert_eq!(normalize("\u{a0}\u{a0}Welcome\u{3000}"), "Welcome");
    }

    #[test]
    fn trims_ranges() {
        let s = "  ab  ";
        assert_eq!(trim_range(s, 0, s.len()), (2, 4));
        assert_eq!(trim_range(s, 0, 2), (0, 0));
    }

    #[test]
    fn span_set_agrees_with_a_scan() {
        let spans = vec![(10, 20), (0, 3), (12, 14), (30, 31), (5, 40), (50, 50)];
        let set = SpanSet::new(spans.clone());
        for start in 0..60 {
            assert_eq!(
                set.holds(start),
                spans.iter().any(|&(a, e)| a <= start && start < e),
                "holds {start}"
            );
            for end in start..60 {
                let contains = spans.iter().any(|&(a, e)| a <= start && end <= e);
                let overlaps = spans.iter().any(|&(a, e)| a < end && start < e);
                assert_eq!(
                    set.contains(start, end),
                    contains,
                    "contains {start}..{end}"
                );
                assert_eq!(
                    set.overlaps(start, end),
                    overlaps,
                    "overlaps {start}..{end}"
                );
            }
        }
        assert!(!SpanSet::default().overlaps(0, 10));
    }
}
