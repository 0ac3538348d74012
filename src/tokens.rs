//! The token layer: each clause body tokenized once, for every stage that
//! reads words.
//!
//! A clause body becomes a [`ClauseTokens`]: the pieces the Chinese
//! segmenter ([`segment_zh`]) cuts it into (Han words with their lexicon
//! translations, lexicon symbols, Latin and number runs), the *Latin runs*
//! (stretches of consecutive Latin and number pieces, the English inside a
//! Chinese clause or the whole of an English one) and the English words of
//! each run as the lexicon's tokenizer reads them (lowercase form, stem id,
//! stopword, numeric). All positions are byte offsets in the body text.
//!
//! The pipeline builds it (stage `tokens`, between segment and anchors) and
//! keeps it in [`crate::model::Side::tokens`]; the features of the aligner
//! ([`crate::features`]) and the check's content words read it instead of
//! tokenizing again. The translations and lowercase forms of one clause share
//! two buffers, so a word costs no allocation of its own.

use std::borrow::Cow;
use std::hash::Hasher;

use rustc_hash::FxHasher;

use crate::lexicon::{Lexicon, StemId, ZhWordKind, segment_zh};

/// A piece of a clause body as the Chinese segmenter cuts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset of the first byte in the body.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Han word, lexicon symbol, Latin run or number.
    pub kind: ZhWordKind,
    /// Whether this is a Chinese function word.
    pub stop: bool,
    /// Whether the lexicon knows the word (it has translations).
    pub known: bool,
    /// Range of its translations in [`ClauseTokens::translations`].
    translations: (u32, u32),
}

/// An English word of a Latin run (see [`Lexicon::for_each_en_token_id`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first byte in the body.
    pub start: usize,
    /// Byte offset one past the last byte (a possessive `'s` is not
    /// included).
    pub end: usize,
    /// Id of the stem, `None` if the lexicon does not know it (numbers
    /// never have one).
    pub stem: Option<StemId>,
    /// Whether the word is a stopword or a single letter.
    pub stop: bool,
    /// Whether the word consists of digits only.
    pub numeric: bool,
    /// Range of its lowercase form in the clause's buffer.
    lower: (u32, u32),
}

/// A stretch of consecutive Latin and number pieces, read as English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte offset of the first piece's start.
    pub start: usize,
    /// Byte offset of the last piece's end.
    pub end: usize,
    /// Range of its words in [`ClauseTokens::words`].
    words: (u32, u32),
}

/// The tokens of one clause body.
#[derive(Clone, Debug, Default)]
pub struct ClauseTokens {
    /// The pieces, in text order.
    pub pieces: Vec<Piece>,
    /// The Latin runs, in text order.
    pub runs: Vec<Run>,
    /// The English words of all runs, in text order.
    pub words: Vec<Word>,
    /// The translations of the known pieces, one after another.
    translations: Vec<StemId>,
    /// The lowercase forms of the words, one after another.
    lower: String,
    /// Length and hash of the text tokenized, so that a reader can tell
    /// whether a clause's text was changed after (see [`ClauseTokens::is_of`]).
    text: (usize, u64),
}

impl ClauseTokens {
    /// Tokenizes a clause body with the lexicon.
    pub fn new(lex: &Lexicon, text: &str) -> ClauseTokens {
        let mut out = ClauseTokens {
            text: (text.len(), text_hash(text)),
            ..ClauseTokens::default()
        };
        let segmented = segment_zh(lex, text);
        out.pieces.reserve_exact(segmented.len());
        for w in &segmented {
            let start = out.translations.len() as u32;
            if let Some(t) = w.translations {
                out.translations.extend_from_slice(t);
            }
            out.pieces.push(Piece {
                start: w.start,
                end: w.end,
                kind: w.kind,
                stop: w.stop,
                known: w.translations.is_some(),
                translations: (start, out.translations.len() as u32),
            });
        }
        let ClauseTokens {
            pieces,
            runs,
            words,
            lower,
            ..
        } = &mut out;
        for item in items(pieces.iter()) {
            let Item::Run(start, end) = item else {
                continue;
            };
            let first = words.len() as u32;
            lex.for_each_en_token_id(&text[start..end], |t, lc| {
                let from = lower.len() as u32;
                lower.push_str(lc);
                words.push(Word {
                    start: start + t.start,
                    end: start + t.end,
                    stem: t.stem,
                    stop: t.stop,
                    numeric: t.numeric,
                    lower: (from, lower.len() as u32),
                });
            });
            runs.push(Run {
                start,
                end,
                words: (first, words.len() as u32),
            });
        }
        out
    }

    /// Whether these are the tokens of `text` (a report's clauses can be
    /// edited after the analysis: a reader then tokenizes the new text).
    pub fn is_of(&self, text: &str) -> bool {
        self.text == (text.len(), text_hash(text))
    }

    /// `layer` if it holds the tokens of `text`, else the tokens of `text`.
    pub fn of<'a>(
        layer: Option<&'a ClauseTokens>,
        lex: &Lexicon,
        text: &str,
    ) -> Cow<'a, ClauseTokens> {
        match layer {
            Some(t) if t.is_of(text) => Cow::Borrowed(t),
            _ => Cow::Owned(ClauseTokens::new(lex, text)),
        }
    }

    /// The translations of a piece (empty for an unknown one).
    pub fn translations(&self, piece: &Piece) -> &[StemId] {
        self.translations
            .get(piece.translations.0 as usize..piece.translations.1 as usize)
            .unwrap_or(&[])
    }

    /// The words of a run.
    pub fn run_words(&self, run: &Run) -> &[Word] {
        self.words
            .get(run.words.0 as usize..run.words.1 as usize)
            .unwrap_or(&[])
    }

    /// The lowercase form of a word (a curly apostrophe becomes `'`).
    pub fn lower(&self, word: &Word) -> &str {
        self.lower
            .get(word.lower.0 as usize..word.lower.1 as usize)
            .unwrap_or("")
    }

    /// The words [`Lexicon::for_each_en_token_id`] finds in `start..end`,
    /// a stretch of consecutive Latin and number pieces (`start` the start
    /// of one, `end` the end of one), when they can be read from the runs:
    /// the stretch lies in one run, and no apostrophe at either end joins
    /// it to a word outside it (as in `don't`). `None` otherwise, and the
    /// caller tokenizes the stretch itself.
    pub fn words_in(&self, text: &str, start: usize, end: usize) -> Option<&[Word]> {
        let k = self.runs.partition_point(|r| r.end < end);
        let run = self.runs.get(k)?;
        if run.start > start || run.end < end {
            return None;
        }
        let apostrophe = |c: Option<char>| matches!(c, Some('\'' | '\u{2019}'));
        if (start > run.start && apostrophe(text[..start].chars().next_back()))
            || (end < run.end && apostrophe(text[end..].chars().next()))
        {
            return None;
        }
        let words = self.run_words(run);
        let first = words.partition_point(|w| w.start < start);
        let last = words.partition_point(|w| w.end <= end);
        Some(words.get(first..last.max(first)).unwrap_or(&[]))
    }
}

/// The hash of a clause text in [`ClauseTokens`].
fn text_hash(text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// What [`items`] gives: a Han word or lexicon symbol, or a stretch
/// `start..end` of consecutive Latin and number pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item<'p> {
    /// A Han word or a lexicon symbol.
    Word(&'p Piece),
    /// A stretch of consecutive Latin and number pieces, read as English.
    Run(usize, usize),
}

/// The pieces with each stretch of consecutive Latin and number pieces
/// joined into one [`Item::Run`]: the one place that decides what the
/// English tokenizer reads inside a clause. `pieces` need not be all of a
/// clause's pieces (the features leave some out).
pub fn items<'p, I: Iterator<Item = &'p Piece>>(pieces: I) -> Items<'p, I> {
    Items {
        pieces: pieces.peekable(),
    }
}

/// The iterator of [`items`].
pub struct Items<'p, I: Iterator<Item = &'p Piece>> {
    pieces: std::iter::Peekable<I>,
}

fn is_latin_piece(p: &Piece) -> bool {
    matches!(p.kind, ZhWordKind::Latin | ZhWordKind::Number)
}

impl<'p, I: Iterator<Item = &'p Piece>> Iterator for Items<'p, I> {
    type Item = Item<'p>;

    fn next(&mut self) -> Option<Item<'p>> {
        let p = self.pieces.next()?;
        if !is_latin_piece(p) {
            return Some(Item::Word(p));
        }
        let mut end = p.end;
        while let Some(q) = self.pieces.next_if(|q| is_latin_piece(q)) {
            end = q.end;
        }
        Some(Item::Run(p.start, end))
    }
}

/// The tokens of each clause body (see [`ClauseTokens::new`]).
pub fn tokenize(clauses: &[crate::segment::Clause], lex: &Lexicon) -> Vec<ClauseTokens> {
    clauses
        .iter()
        .map(|c| ClauseTokens::new(lex, c.body_text()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_words() {
        let lex = Lexicon::builtin();
        let text = "我们使用 Google Analytics 和 don't-track 3.5 版本";
        let t = ClauseTokens::new(lex, text);
        let runs: Vec<&str> = t.runs.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(runs, ["Google Analytics", "don't-track 3.5"]);
        let words: Vec<&str> = t.words.iter().map(|w| t.lower(w)).collect();
        assert_eq!(words, ["google", "analytics", "don't", "track", "3", "5"]);
        let known = t.pieces.iter().find(|p| &text[p.start..p.end] == "使用");
        assert!(known.is_some_and(|p| p.known && !t.translations(p).is_empty()));
        // "t" alone is part of "don't": not readable from the run.
        let t_start = text.find("t-track").unwrap();
        assert!(t.words_in(text, t_start, t_start + 1).is_none());
        let track = text.find("track").unwrap();
        let w = t.words_in(text, track, track + 5).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(t.lower(&w[0]), "track");
    }
}
