//! Headings and numbering: which paragraphs are headings ([`is_heading`]),
//! and the section path that the numbering labels above a clause give it
//! ([`SectionStack`]).

use super::sentences::ends_sentence;
use crate::lang::{is_han, is_space};
use crate::numbering::{Label, LabelStyle, parse_label};

/// A paragraph that is a heading: a Markdown heading, or one short line
/// without sentence punctuation (with or without a numbering label).
pub(super) fn is_heading(ptext: &str, label: Option<&Label>, lines: usize) -> bool {
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
pub(super) struct SectionStack {
    entries: Vec<(LabelStyle, Vec<u32>)>,
}

impl SectionStack {
    pub(super) fn enter(&mut self, label: &Label, body: &str) {
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

    pub(super) fn path(&self) -> String {
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
