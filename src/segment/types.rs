//! The clause types: how to cut ([`SegmentMode`]), what a clause is
//! ([`ClauseKind`]) and the [`Clause`] itself.

use serde::Serialize;

use crate::lang::Lang;
use crate::numbering::Label;

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
