//! Lines to paragraphs: a blank line, a label, a bullet, a heading or a
//! table row starts a paragraph; a hard-wrapped line joins the line before
//! it (see the module docs of [`crate::segment`]).

use super::sentences::ends_sentence;
use crate::lang::{Lang, is_cjk, is_han, is_space};
use crate::numbering::parse_label;
use crate::split::Span;

/// A paragraph: consecutive line spans read as one text.
#[derive(Debug, Clone)]
pub(super) struct Paragraph {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The spans joined into it (first and last decide its lines).
    pub(super) lines: usize,
}

/// Characters after which a line break cannot be a hard wrap.
fn ends_block(s: &str) -> bool {
    let t = s.trim_end_matches(is_space);
    let Some(c) = t.chars().next_back() else {
        return true;
    };
    ends_sentence(c) || matches!(c, ':' | '：' | '>' | '|')
        || s.ends_with("  ") // Markdown hard line break
        || (matches!(c, '"' | '”' | '」' | ')' | '）') && {
            let inner = t[..t.len() - c.len_utf8()].trim_end();
            inner.chars().next_back().is_some_and(ends_sentence)
        })
}

/// True when a line starts a block of its own: a label, a bullet, a heading,
/// a table row, an HTML tag, a front-matter fence.
fn starts_block(s: &str) -> bool {
    let t = s.trim_start_matches(is_space);
    parse_label(t).is_some()
        || t.starts_with('|')
        || t.starts_with('<')
        || t.starts_with("---")
        || t.starts_with("```")
        || t.starts_with('>')
        || t.starts_with('{')
        || is_key_value(t)
}

/// A `key: value` line as in YAML front matter (`title: 隐私政策`).
fn is_key_value(t: &str) -> bool {
    let key = t.split(':').next().unwrap_or("");
    key.len() < t.len()
        && !key.is_empty()
        && key.len() <= 24
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && t[key.len() + 1..].starts_with(' ')
}

/// A horizontal rule or front-matter fence: `---`, `***`, `___`.
fn is_rule(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_'))
}

/// Display width of a line: Han characters count two columns.
fn width(s: &str) -> usize {
    s.trim_end_matches(is_space)
        .chars()
        .map(|c| if is_cjk(c) { 2 } else { 1 })
        .sum()
}

fn has_open_bracket(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' | '《' => depth += 1,
            ')' | '）' | ']' | '】' | '》' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// The wrap column of a half: the width most long lines stop at, if the half
/// looks hard-wrapped (many lines within a few columns of the same width).
fn wrap_width(text: &str, spans: &[Span]) -> Option<usize> {
    let mut widths: Vec<usize> = spans
        .iter()
        .map(|s| width(&text[s.start..s.end]))
        .filter(|&w| w >= 20)
        .collect();
    if widths.len() < 4 {
        return None;
    }
    widths.sort_unstable();
    let p90 = widths[widths.len() * 9 / 10];
    let near = widths
        .iter()
        .filter(|&&w| w + 12 >= p90 && w <= p90 + 4)
        .count();
    // Hard-wrapped text: at least 40% of the long lines end close to the same column.
    (near * 10 >= widths.len() * 4 && p90 <= 160).then_some(p90)
}

pub(super) fn paragraphs(text: &str, spans: &[Span], lang: Lang) -> Vec<Paragraph> {
    let wrap = wrap_width(text, spans);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev: Option<&Span> = None;
    for span in spans {
        let line = &text[span.start..span.end];
        let join = prev.is_some_and(|p| {
            let between = &text[p.end..span.start];
            let adjacent = span.line == p.line + 1;
            let only_blank_between = between.chars().all(|c| is_space(c) || c == '\u{FEFF}');
            if !only_blank_between || span.line == p.line {
                return false;
            }
            let prev_text = &text[p.start..p.end];
            should_join(prev_text, line, adjacent, wrap, lang)
        });
        match (join, out.last_mut()) {
            (true, Some(last)) => {
                last.end = span.end;
                last.lines += 1;
            }
            _ => out.push(Paragraph {
                start: span.start,
                end: span.end,
                lines: 1,
            }),
        }
        prev = Some(span);
    }
    out
}

/// Whether `next` continues the paragraph of `prev` (a hard-wrapped line).
fn should_join(prev: &str, next: &str, adjacent: bool, wrap: Option<usize>, lang: Lang) -> bool {
    if starts_block(next) || ends_block(prev) || starts_block(prev) && is_rule(prev) {
        return false;
    }
    if prev.trim_end().ends_with("<br>") {
        return false;
    }
    let prev_t = prev.trim_end_matches(is_space);
    let next_t = next.trim_start_matches(is_space);
    let (Some(last), Some(first)) = (prev_t.chars().next_back(), next_t.chars().next()) else {
        return false;
    };
    // A Markdown heading never continues.
    if prev_t.trim_start().starts_with('#') {
        return false;
    }
    let w = width(prev_t);
    if !adjacent {
        // Across a blank line only a Chinese sentence cut mid-phrase continues:
        // a long line ending in a character (or an open bracket), and a line
        // that starts with text, not a label.
        // The break must look like a wrap column (60 to 100 columns): a
        // longer line without final punctuation is a paragraph of its own.
        let wrapped_width = (60..=100).contains(&w);
        let cut_mid_phrase =
            wrapped_width && ((is_han(last) && is_han(first)) || has_open_bracket(prev_t));
        return lang == Lang::Zh && cut_mid_phrase;
    }
    if let Some(col) = wrap {
        // The line stopped near the wrap column: the next word did not fit.
        let next_word = next_t.split(is_space).next().map_or(0, width).min(20);
        if w + next_word + 8 >= col {
            return true;
        }
    }
    // English continuing in lower case, or after a comma / open bracket.
    (first.is_lowercase()
        && (crate::lang::is_latin(last)
            || last.is_ascii_digit()
            || matches!(last, ',' | '-' | '(')))
        || (has_open_bracket(prev_t) && !first.is_uppercase())
        || (lang == Lang::Zh && is_han(last) && is_han(first) && w >= 60)
}
