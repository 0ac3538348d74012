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
//!
//! The module is split by job: `types.rs` holds the clause types,
//! `paragraphs.rs` groups lines into paragraphs, `sentences.rs` cuts
//! paragraphs into sentences, `headings.rs` finds headings and section
//! paths; [`segment`] here runs them.

mod headings;
mod paragraphs;
mod sentences;
#[cfg(test)]
mod tests;
mod types;

pub use types::{Clause, ClauseKind, SegmentMode};

use crate::input::Source;
use crate::lang::Lang;
use crate::numbering::parse_label;
use crate::split::Span;
use crate::text::{normalize, trim_range};
use headings::{SectionStack, is_heading};
use paragraphs::{Paragraph, paragraphs};
use sentences::sentences;

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
            // Text the reader wrote itself, no byte of the file: the "- "
            // it puts before an HTML list item whose content was nothing
            // but control characters.
            if end <= start {
                continue;
            }
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
