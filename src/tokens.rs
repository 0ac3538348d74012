//! The token layer: each clause body tokenized once, for every stage that
//! reads words.
//!
//! A clause body is cut into the pieces the Chinese segmenter
//! ([`segment_zh`]) finds (Han words with their lexicon translations,
//! lexicon symbols, Latin and number runs), its *Latin runs* (stretches of
//! consecutive Latin and number pieces: the English inside a Chinese clause,
//! or the whole of an English one) and the English words of each run as the
//! lexicon's tokenizer reads them (lowercase form, stem id, stopword,
//! numeric). All positions are byte offsets in the body text.
//!
//! The pipeline builds the [`Tokens`] of each language side (stage `tokens`,
//! between segment and anchors) and keeps them in
//! [`crate::model::Side::tokens`]; the features of the aligner
//! ([`crate::features`]) and the check's content words read one clause's
//! [`ClauseTokens`] instead of tokenizing again. All clauses of a side share
//! five buffers (pieces, runs, words, translations, lowercase forms), so
//! neither a word nor a clause costs an allocation of its own.

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
    /// Range of its translations in the side's buffer.
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
    /// Range of its lowercase form in the side's buffer.
    lower: (u32, u32),
}

/// A stretch of consecutive Latin and number pieces, read as English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte offset of the first piece's start.
    pub start: usize,
    /// Byte offset of the last piece's end.
    pub end: usize,
    /// Range of its words in the clause's [`ClauseTokens::words`].
    words: (u32, u32),
}

/// Where one clause's tokens are in the buffers of [`Tokens`].
#[derive(Clone, Copy, Debug, Default)]
struct Extent {
    pieces: (u32, u32),
    runs: (u32, u32),
    words: (u32, u32),
    /// Length and hash of the text tokenized (see [`ClauseTokens::is_of`]).
    text: (usize, u64),
}

/// The tokens of the clauses of one language side, in clause order.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    clauses: Vec<Extent>,
    pieces: Vec<Piece>,
    runs: Vec<Run>,
    words: Vec<Word>,
    translations: Vec<StemId>,
    lower: String,
}

/// The tokens of one clause body, borrowed from a [`Tokens`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ClauseTokens<'a> {
    /// The pieces, in text order.
    pub pieces: &'a [Piece],
    /// The Latin runs, in text order.
    pub runs: &'a [Run],
    /// The English words of all runs, in text order.
    pub words: &'a [Word],
    /// The side's translations buffer.
    translations: &'a [StemId],
    /// The side's lowercase forms buffer.
    lower: &'a str,
    text: (usize, u64),
}

fn range<T>(all: &[T], (a, b): (u32, u32)) -> &[T] {
    all.get(a as usize..b as usize).unwrap_or(&[])
}

impl Tokens {
    /// Tokenizes clause bodies with the lexicon.
    pub fn new<'t>(lex: &Lexicon, texts: impl IntoIterator<Item = &'t str>) -> Tokens {
        let mut out = Tokens::default();
        for text in texts {
            out.push(lex, text);
        }
        out
    }

    /// The tokens of each clause's body.
    pub fn of_clauses(clauses: &[crate::segment::Clause], lex: &Lexicon) -> Tokens {
        Tokens::new(lex, clauses.iter().map(|c| c.body_text()))
    }

    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.clauses.len()
    }

    /// Whether there are no clauses.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The tokens of clause `id`.
    pub fn clause(&self, id: usize) -> Option<ClauseTokens<'_>> {
        let e = self.clauses.get(id)?;
        Some(ClauseTokens {
            pieces: range(&self.pieces, e.pieces),
            runs: range(&self.runs, e.runs),
            words: range(&self.words, e.words),
            translations: &self.translations,
            lower: &self.lower,
            text: e.text,
        })
    }

    /// The tokens of clause `id` if its body is still `text`; else `text`
    /// tokenized into `spare` (a report's clauses can be edited after the
    /// analysis).
    pub fn clause_of<'a>(
        &'a self,
        id: usize,
        text: &str,
        lex: &Lexicon,
        spare: &'a mut Tokens,
    ) -> ClauseTokens<'a> {
        match self.clause(id) {
            Some(t) if t.is_of(text) => t,
            _ => {
                *spare = Tokens::new(lex, [text]);
                spare.clause(0).unwrap_or_default()
            }
        }
    }

    /// Tokenizes one more clause body.
    fn push(&mut self, lex: &Lexicon, text: &str) {
        let first_piece = self.pieces.len() as u32;
        let first_run = self.runs.len() as u32;
        let first_word = self.words.len() as u32;
        for w in segment_zh(lex, text) {
            let start = self.translations.len() as u32;
            if let Some(t) = w.translations {
                self.translations.extend_from_slice(t);
            }
            self.pieces.push(Piece {
                start: w.start,
                end: w.end,
                kind: w.kind,
                stop: w.stop,
                known: w.translations.is_some(),
                translations: (start, self.translations.len() as u32),
            });
        }
        let Tokens {
            pieces,
            runs,
            words,
            lower,
            ..
        } = self;
        for item in items(pieces[first_piece as usize..].iter()) {
            let Item::Run(start, end) = item else {
                continue;
            };
            let first = words.len() as u32 - first_word;
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
                words: (first, words.len() as u32 - first_word),
            });
        }
        self.clauses.push(Extent {
            pieces: (first_piece, self.pieces.len() as u32),
            runs: (first_run, self.runs.len() as u32),
            words: (first_word, self.words.len() as u32),
            text: (text.len(), text_hash(text)),
        });
    }
}

impl<'a> ClauseTokens<'a> {
    /// Whether these are the tokens of `text`.
    pub fn is_of(&self, text: &str) -> bool {
        self.text == (text.len(), text_hash(text))
    }

    /// The translations of a piece (empty for an unknown one).
    pub fn translations(&self, piece: &Piece) -> &'a [StemId] {
        range(self.translations, piece.translations)
    }

    /// The words of a run.
    pub fn run_words(&self, run: &Run) -> &'a [Word] {
        range(self.words, run.words)
    }

    /// The lowercase form of a word (a curly apostrophe becomes `'`).
    pub fn lower(&self, word: &Word) -> &'a str {
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
    pub fn words_in(&self, text: &str, start: usize, end: usize) -> Option<&'a [Word]> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_words() {
        let lex = Lexicon::builtin();
        let text = "我们使用 Google Analytics 和 don't-track 3.5 版本";
        let side = Tokens::new(lex, ["", text]);
        assert!(
            side.clause(0)
                .is_some_and(|t| t.pieces.is_empty() && t.is_of(""))
        );
        let t = side.clause(1).unwrap();
        assert!(t.is_of(text) && !t.is_of("我们"));
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
