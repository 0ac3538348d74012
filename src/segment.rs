//! Segment: cut one half of a document into clauses.
//!
//! The half arrives as line spans (see [`crate::split`]). Lines are first
//! grouped into paragraphs: a blank line, a numbering label, a bullet, a
//! heading or table row starts a new paragraph, and a line that was only
//! hard-wrapped joins the line before it (an English line broken before the
//! wrap column, a Chinese sentence cut in the middle of a phrase, even across
//! a blank line, as scraped pages do). Each paragraph is then cut into
//! sentences: after `。！？；` in Chinese, after `. ? ! ;` followed by a space in
//! English, never after abbreviations such as "e.g.", "Inc." or "No.". Each
//! sentence is a [`Clause`]; the first one of a paragraph carries its label.
//!
//! The section path of a clause comes from the numbering labels above it:
//! label styles form a stack (`一、` above `（一）` above `1.` above `(1)`), so
//! `1.1.1`, `（二）` and `(3)` nest the way a reader sees them.
//!
//! Nothing is dropped: page noise such as "返回顶部" stays a clause (marked
//! [`ClauseKind::Line`]); the aligner leaves it without counterpart.

use serde::Serialize;

use crate::input::Source;
use crate::lang::{Lang, is_cjk, is_han, is_space};
use crate::numbering::{Label, LabelStyle, parse_label};
use crate::split::Span;
use crate::text::{normalize, trim_range};

/// How to cut a half into clauses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SegmentMode {
    /// Paragraphs, numbered items, headings and sentences.
    #[default]
    Auto,
    /// Every non-empty line is exactly one clause (corpora already split one
    /// sentence per line).
    Lines,
}

/// What a clause is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseKind {
    /// A heading (Markdown `#`, a numbered title, a short line without
    /// sentence punctuation followed by text).
    Heading,
    /// A sentence of a paragraph or list item.
    Sentence,
    /// A whole line taken as one clause (`--segment lines`).
    Line,
}

/// A clause of one language: a heading, a numbered item, or a sentence.
#[derive(Clone, Debug, Serialize)]
pub struct Clause {
    /// Index in its language's clause list.
    pub id: usize,
    /// Its language.
    #[serde(skip)]
    pub lang: Lang,
    /// 1-based line of the file where it starts.
    pub line: usize,
    /// 1-based line of the file where it ends.
    pub end_line: usize,
    /// Byte offset in the file where it starts.
    pub start: usize,
    /// Byte offset in the file just past its end.
    pub end: usize,
    /// Section path from the numbering above it ("2.1.3"); empty when none.
    pub section: String,
    /// The text, white space normalised (see [`crate::text::normalize`]).
    pub text: String,
    /// What it is.
    pub kind: ClauseKind,
    /// The numbering label it starts with, if any.
    #[serde(skip)]
    pub label: Option<Label>,
    /// Byte offset in `text` where the body after the label begins.
    #[serde(skip)]
    pub body: usize,
    /// Index of its paragraph within the half.
    #[serde(skip)]
    pub paragraph: usize,
    /// Byte range in the source text (internal positions; `start`/`end` are
    /// the file offsets).
    #[serde(skip)]
    pub text_range: (usize, usize),
}

impl Clause {
    /// The text after the numbering label.
    pub fn body_text(&self) -> &str {
        &self.text[self.body.min(self.text.len())..]
    }
}

/// A paragraph: consecutive line spans read as one text.
#[derive(Debug, Clone)]
struct Paragraph {
    start: usize,
    end: usize,
    /// The spans joined into it (first and last decide its lines).
    lines: usize,
}

/// Cut the spans of one language into clauses.
pub fn segment(source: &Source, spans: &[Span], lang: Lang, mode: SegmentMode) -> Vec<Clause> {
    let text = source.text.as_str();
    let paragraphs = match mode {
        SegmentMode::Lines => spans
            .iter()
            .map(|s| Paragraph {
                start: s.start,
                end: s.end,
                lines: 1,
            })
            .collect(),
        SegmentMode::Auto => paragraphs(text, spans, lang),
    };
    let mut sections = SectionStack::default();
    let mut clauses = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let (ps, pe) = trim_range(text, p.start, p.end);
        if ps >= pe {
            continue;
        }
        let ptext = &text[ps..pe];
        let label = parse_label(ptext);
        if let Some(l) = &label {
            sections.enter(l, &ptext[l.len..]);
        }
        let section = sections.path();
        let heading = mode == SegmentMode::Auto && is_heading(ptext, label.as_ref(), p.lines);
        let pieces: Vec<(usize, usize)> = if mode == SegmentMode::Lines || heading {
            vec![(ps, pe)]
        } else {
            let body_start = ps + label.as_ref().map_or(0, |l| l.len);
            sentences(text, body_start, pe, lang)
                .into_iter()
                .enumerate()
                .map(|(i, (a, b))| if i == 0 { (ps, b) } else { (a, b) })
                .collect()
        };
        for (i, (a, b)) in pieces.into_iter().enumerate() {
            let (a, b) = trim_range(text, a, b);
            if a >= b {
                continue;
            }
            let ctext = normalize(&text[a..b]);
            if ctext.is_empty() {
                continue;
            }
            let clabel = if i == 0 { label.clone() } else { None };
            let body = clabel
                .as_ref()
                .map_or(0, |l| normalize(&text[a..(a + l.len).min(b)]).len());
            let body = if body > 0 && body < ctext.len() && ctext.is_char_boundary(body) {
                // normalize() drops the trailing space of the label; skip it here too.
                let rest = &ctext[body..];
                body + (rest.len() - rest.trim_start().len())
            } else {
                body.min(ctext.len())
            };
            let kind = match (mode, heading) {
                (SegmentMode::Lines, _) => ClauseKind::Line,
                (_, true) => ClauseKind::Heading,
                _ => ClauseKind::Sentence,
            };
            let start = source.file_offset(a);
            let end = source.file_offset(b);
            clauses.push(Clause {
                id: clauses.len(),
                lang,
                line: source.line_of_file_offset(start),
                end_line: source.line_of_file_offset(end.saturating_sub(1).max(start)),
                start,
                end,
                section: section.clone(),
                text: ctext,
                kind,
                label: clabel,
                body,
                paragraph: pi,
                text_range: (a, b),
            });
        }
    }
    clauses
}

/// Terminal punctuation that ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '.' | '．')
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

fn paragraphs(text: &str, spans: &[Span], lang: Lang) -> Vec<Paragraph> {
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

/// A paragraph that is a heading: a Markdown heading, or one short line
/// without sentence punctuation (with or without a numbering label).
fn is_heading(ptext: &str, label: Option<&Label>, lines: usize) -> bool {
    if let Some(l) = label
        && l.style == LabelStyle::Markdown
    {
        return true;
    }
    if lines > 1 {
        return false;
    }
    let body = label.map_or(ptext, |l| &ptext[l.len..]);
    let body = body.trim();
    if body.is_empty() {
        return label.is_some();
    }
    if label.is_some_and(|l| l.style == LabelStyle::Bullet) {
        return false;
    }
    let last = body.chars().next_back().unwrap_or('.');
    if ends_sentence(last) || matches!(last, ':' | '：' | ',' | '，' | '、') {
        return false;
    }
    let han = body.chars().filter(|&c| is_han(c)).count();
    let words = body.split(is_space).filter(|w| !w.is_empty()).count();
    if han > 0 {
        han <= 24 && words <= 6
    } else {
        words <= 10 && body.len() <= 90
    }
}

/// Abbreviations after which a period does not end an English sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "no", "nos", "mr", "mrs", "ms", "dr", "prof",
    "st", "vs", "v", "cf", "approx", "art", "arts", "sec", "para", "fig", "pp", "p", "jr", "sr",
    "u.s", "u.k", "e.u", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "dept", "govt", "hon", "rev", "gen", "col", "lt", "sgt", "est",
    "al", "viz", "ibid", "op", "ed", "eds", "vol", "ch", "cl", "s", "ss", "reg", "regs",
];

/// Sentence ranges inside `text[start..end]` (untrimmed; empty ones dropped by the caller).
fn sentences(text: &str, start: usize, end: usize, lang: Lang) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut sent_start = 0;
    // Whether s[sent_start..] holds content, scanned once as cuts move on (a
    // fresh scan per candidate cut is quadratic on a long run of "; ; ; ").
    let mut content = ContentScan::default();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let boundary = match c {
            '。' | '！' | '？' | '；' => true,
            '!' | '?' | ';' => next_is_space_or_end(&chars, i) || next_is_cjk(&chars, i),
            '.' | '．' => period_ends_sentence(s, &chars, i, lang),
            _ => false,
        };
        if boundary {
            // Closing quotes and brackets stay with the sentence they close.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '”' | '"' | '’' | '\'' | '」' | '』' | ')' | '）' | ']' | '】' | '》' | '*'
                )
            {
                j += 1;
            }
            // Repeated terminators ("?!", "。。") too.
            while j < chars.len() && matches!(chars[j].1, '。' | '！' | '？' | '!' | '?') {
                j += 1;
            }
            let cut = chars.get(j).map_or(s.len(), |&(p, _)| p);
            if content.scan_to(s, cut) {
                out.push((start + sent_start, start + cut));
                sent_start = cut;
                content = ContentScan::at(cut);
            }
            i = j;
            let _ = pos;
            continue;
        }
        i += 1;
    }
    if sent_start < s.len() {
        if has_content(&s[sent_start..]) || out.is_empty() {
            out.push((start + sent_start, end));
        } else if let Some(last) = out.last_mut() {
            // Trailing punctuation or symbols join the last sentence.
            last.1 = end;
        }
    }
    out
}

/// [`has_content`] of a growing piece of text `s[from..to]`, scanned once.
#[derive(Default, Debug)]
struct ContentScan {
    /// Scanned up to here (byte offset in the text).
    pos: usize,
    in_tag: bool,
    seen: bool,
}

impl ContentScan {
    fn at(pos: usize) -> ContentScan {
        ContentScan {
            pos,
            ..ContentScan::default()
        }
    }

    /// Extend the scanned piece to end at `to`; true when it holds content.
    fn scan_to(&mut self, s: &str, to: usize) -> bool {
        if self.seen || to <= self.pos {
            return self.seen;
        }
        for c in s[self.pos..to].chars() {
            match c {
                '<' => self.in_tag = true,
                '>' => self.in_tag = false,
                _ if !self.in_tag && c.is_alphanumeric() => {
                    self.seen = true;
                    break;
                }
                _ => {}
            }
        }
        self.pos = to;
        self.seen
    }
}

/// Whether a piece of text holds letters or digits outside HTML tags (a
/// trailing `</td>` or `**` is not a sentence of its own).
fn has_content(s: &str) -> bool {
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag && c.is_alphanumeric() => return true,
            _ => {}
        }
    }
    false
}

fn next_is_space_or_end(chars: &[(usize, char)], i: usize) -> bool {
    chars.get(i + 1).is_none_or(|&(_, c)| is_space(c))
}

fn next_is_cjk(chars: &[(usize, char)], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|&(_, c)| is_han(c))
}

fn period_ends_sentence(s: &str, chars: &[(usize, char)], i: usize, lang: Lang) -> bool {
    let (pos, c) = chars[i];
    if c == '．' {
        return true;
    }
    // Chinese text: a period between Han characters ends a sentence too
    // (some writers use "." for "。"), but not inside numbers or URLs.
    let next = chars.get(i + 1).map(|&(_, c)| c);
    if next.is_some_and(is_han) {
        return lang == Lang::Zh
            && chars[..i]
                .last()
                .is_some_and(|&(_, p)| is_han(p) || matches!(p, ')' | '）'));
    }
    if !next_is_space_or_end(chars, i) {
        // "7.9", "e.g.", "www.x.com", ".NET": no break inside a token, unless a
        // closing quote/bracket follows ('." ').
        return false;
    }
    // The word before the period.
    let before = &s[..pos];
    let word_start = before
        .rfind(|c: char| is_space(c) || matches!(c, '(' | '（' | '"' | '“' | '['))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let lower = word
        .trim_start_matches(['(', '"', '“'])
        .to_ascii_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "Inc." at the very end of the paragraph or before a capitalised
        // sentence start is still ambiguous; keep it together (safer for
        // alignment: a missed break costs less than a false one).
        return false;
    }
    // Initials "J." and single letters "a." in lists.
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return false;
    }
    // Dotted abbreviations like "U.S.A." or "Ph.D."
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return false;
    }
    // The next non-space character: a sentence starts with a capital, digit,
    // quote, bracket, or CJK character.
    let rest = chars[i + 1..]
        .iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_space(c));
    match rest {
        None => true,
        Some(c) => !c.is_lowercase(),
    }
}

/// Numbering styles in the order they usually nest (outermost first); used
/// when a style appears for the first time.
fn style_rank(style: LabelStyle) -> u8 {
    match style {
        LabelStyle::Markdown => 0,
        LabelStyle::CnOrdinal | LabelStyle::EnOrdinal => 1,
        LabelStyle::CnComma | LabelStyle::Roman => 2,
        LabelStyle::CnParen => 3,
        LabelStyle::Arabic | LabelStyle::Dotted => 4,
        LabelStyle::ArabicParen | LabelStyle::ParenArabic => 5,
        LabelStyle::Circled => 6,
        LabelStyle::Letter => 7,
        LabelStyle::Bullet => 8,
    }
}

/// The numbering labels above the current paragraph.
#[derive(Default, Debug)]
struct SectionStack {
    entries: Vec<(LabelStyle, Vec<u32>)>,
}

impl SectionStack {
    fn enter(&mut self, label: &Label, body: &str) {
        let mut label = label.clone();
        if label.style == LabelStyle::Markdown {
            // "## 3. Sharing": the number inside the heading is the section.
            match parse_label(body) {
                Some(inner) if inner.is_numbered() => label = inner,
                _ => {
                    // Unnumbered Markdown headings count by level.
                    let level = label.values.first().copied().unwrap_or(1);
                    let pos = self
                        .entries
                        .iter()
                        .position(|(s, v)| *s == LabelStyle::Markdown && v.first() == Some(&level));
                    let count =
                        pos.map_or(1, |p| self.entries[p].1.get(1).copied().unwrap_or(0) + 1);
                    if let Some(p) = pos {
                        self.entries.truncate(p);
                    } else {
                        self.entries.retain(|(s, v)| {
                            *s != LabelStyle::Markdown || v.first().is_some_and(|&l| l < level)
                        });
                    }
                    self.entries
                        .push((LabelStyle::Markdown, vec![level, count]));
                    return;
                }
            }
        }
        if !label.is_numbered() {
            return;
        }
        let same = |(s, v): &(LabelStyle, Vec<u32>)| {
            *s == label.style
                && (label.style != LabelStyle::Dotted || v.len() == label.values.len())
        };
        if let Some(p) = self.entries.iter().position(same) {
            self.entries.truncate(p);
        } else if label.style == LabelStyle::Dotted {
            // A deeper dotted level nests under the shallower one.
            if let Some(p) = self
                .entries
                .iter()
                .rposition(|(s, v)| *s == LabelStyle::Dotted && v.len() < label.values.len())
            {
                self.entries.truncate(p + 1);
            } else {
                self.pop_deeper(style_rank(label.style));
            }
        } else {
            self.pop_deeper(style_rank(label.style));
        }
        self.entries.push((label.style, label.values));
    }

    /// Drop entries that usually nest inside a style of rank `rank`.
    fn pop_deeper(&mut self, rank: u8) {
        while self
            .entries
            .last()
            .is_some_and(|(s, _)| *s != LabelStyle::Markdown && style_rank(*s) > rank)
        {
            self.entries.pop();
        }
    }

    fn path(&self) -> String {
        let from = self
            .entries
            .iter()
            .rposition(|(s, _)| *s == LabelStyle::Dotted)
            .unwrap_or(0);
        let mut parts: Vec<String> = Vec::new();
        for (i, (style, values)) in self.entries.iter().enumerate() {
            if i < from {
                continue;
            }
            match style {
                LabelStyle::Markdown => parts.push(values.get(1).copied().unwrap_or(1).to_string()),
                LabelStyle::Dotted => parts.extend(values.iter().map(u32::to_string)),
                _ => parts.extend(values.last().map(u32::to_string)),
            }
        }
        parts.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::whole_file;

    fn seg(text: &str, lang: Lang) -> Vec<Clause> {
        let src = Source::from_text("t", text);
        let spans = whole_file(&src, lang).unwrap();
        segment(&src, &spans, lang, SegmentMode::Auto)
    }

    fn texts(cs: &[Clause]) -> Vec<&str> {
        cs.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn chinese_sentences_and_labels() {
        let cs = seg(
            "一、我们收集的信息\n我们仅收集必要的信息。若您不同意，请停止使用！\n1.1您主动提供的信息\n(1) 设备信息；软件信息。\n",
            Lang::Zh,
        );
        assert_eq!(
            texts(&cs),
            [
                "一、我们收集的信息",
                "我们仅收集必要的信息。",
                "若您不同意，请停止使用！",
                "1.1您主动提供的信息",
                "(1) 设备信息；",
                "软件信息。"
            ]
        );
        assert_eq!(cs[0].kind, ClauseKind::Heading);
        assert_eq!(cs[0].section, "1");
        assert_eq!(cs[3].section, "1.1");
        assert_eq!(cs[4].section, "1.1.1");
        assert_eq!(cs[4].body_text(), "设备信息；");
        assert_eq!(cs[1].line, 2);
    }

    #[test]
    fn english_abbreviations_do_not_split() {
        let cs = seg(
            "We use cookies, e.g. session cookies, from Example Inc. and others. See No. 5 for details. Done.\n",
            Lang::En,
        );
        assert_eq!(
            texts(&cs),
            [
                "We use cookies, e.g. session cookies, from Example Inc. and others.",
                "See No. 5 for details.",
                "Done."
            ]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let en = "1. Definition\n\n“Agreement” refers to the terms and conditions defined in this Yi Series Models\nCommunity License Agreement for the use, reproduction and distribution of Yi\nSeries Models.\n\n“Model” refers to associated components (including checkpoints) developed based\non machine learning, including learned weights and parameters (including the\nstatus of optimizer).\n";
        let cs = seg(en, Lang::En);
        assert_eq!(cs.len(), 3);
        assert_eq!((cs[1].line, cs[1].end_line), (3, 5));
        assert!(cs[1].text.contains("of Yi Series Models."));
        let zh = "(1) 为订立、履行个人作为一方当事人的合同所必需,或者按照依法制定的劳动规章制度和\n\n依法签订的集体合同实施人力资源管理所必需;\n\n(2) 为履行法定职责或者法定义务所必需;\n";
        let cs = seg(zh, Lang::Zh);
        assert_eq!(cs.len(), 2);
        assert!(cs[0].text.contains("劳动规章制度和依法签订的"));
        assert_eq!((cs[0].line, cs[0].end_line), (1, 3));
    }

    #[test]
    fn one_paragraph_per_line_is_not_joined() {
        let cs = seg(
            "数据的收集与存储\n我们收集的个人数据用于改善用户体验\n- IP地址:您访问本网站时使用的IP地址。\n",
            Lang::Zh,
        );
        assert_eq!(cs.len(), 3);
        let cs = seg(
            "Welcome to MHZ AI/MHZ Official Website\n(hereinafter referred to as “we”)! We value your privacy.\n",
            Lang::En,
        );
        assert_eq!(texts(&cs)[0], "Welcome to MHZ AI/MHZ Official Website");
    }

    #[test]
    fn lines_mode_keeps_lines() {
        let src = Source::from_text("t", "First. Second.\n\nThird\n");
        let spans = whole_file(&src, Lang::En).unwrap();
        let cs = segment(&src, &spans, Lang::En, SegmentMode::Lines);
        assert_eq!(texts(&cs), ["First. Second.", "Third"]);
        assert_eq!(cs[1].line, 3);
    }

    #[test]
    fn section_paths_follow_numbering() {
        let cs = seg(
            "引言\n1、安全可靠\n一、收集\n（一）来源\n1. 您提供的\n(1) 注册\n①日志\n（二）类型\n二、使用\n",
            Lang::Zh,
        );
        let secs: Vec<&str> = cs.iter().map(|c| c.section.as_str()).collect();
        assert_eq!(
            secs,
            [
                "",
                "1",
                "1",
                "1.1",
                "1.1.1",
                "1.1.1.1",
                "1.1.1.1.1",
                "1.2",
                "2"
            ]
        );
        let cs = seg(
            "I. Info\n\n1.1 Scope\n\n2.2.1 Detail\n\nII. Use\n",
            Lang::En,
        );
        let secs: Vec<&str> = cs.iter().map(|c| c.section.as_str()).collect();
        assert_eq!(secs, ["1", "1.1", "2.2.1", "2"]);
    }

    #[test]
    fn spans_slice_the_file() {
        let text = "\u{FEFF}第一句。第二句。\r\nSecond line.\r\n";
        let src = crate::input::decode("t", text.as_bytes(), crate::input::Format::Text).unwrap();
        let spans = whole_file(&src, Lang::Zh).unwrap();
        let cs = segment(&src, &spans, Lang::Zh, SegmentMode::Auto);
        for c in &cs {
            assert_eq!(normalize(&text[c.start..c.end]), c.text);
        }
        assert_eq!(cs[2].line, 2);
    }
}
