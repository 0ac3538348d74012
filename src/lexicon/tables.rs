//! The tables of a lexicon: what `tsv` builds from the data files, what
//! `blob` writes into the binary at build time and reads back in place, and
//! what [`Lexicon`](super::Lexicon) looks words up in.
//!
//! Every table is a [`Table`]: owned when the lexicon was built at run time
//! ([`Lexicon::from_tsv`](super::Lexicon::from_tsv)), borrowed from the
//! binary for the built-in one ([`Lexicon::builtin`](super::Lexicon::builtin)).

use std::borrow::Cow;

use super::entities::EntityTable;
use super::hash::PrefixFilter;
use super::interner::StrInterner;

/// Interned English stem.
pub type StemId = u32;

/// A table of plain values, owned or borrowed from the binary.
pub(super) type Table<T> = Cow<'static, [T]>;

/// A run of entries of another table: `off..off + len`. `repr(C)`: the
/// built-in lexicon's image holds spans as they are in memory (`blob::Plain`).
#[repr(C)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// Index of the first entry.
    pub(super) off: u32,
    /// Number of entries.
    pub(super) len: u32,
}

impl Span {
    /// The span as a range of indices.
    #[inline]
    pub(super) fn range(self) -> std::ops::Range<usize> {
        self.off as usize..(self.off as usize).saturating_add(self.len as usize)
    }
}

/// `word_trans` value of a repeated headword merged into its first occurrence.
pub(super) const DEAD: Span = Span {
    off: u32::MAX,
    len: 0,
};

/// First code point of the dense single-character table.
pub(super) const SINGLE_BASE: u32 = 0x4E00;
/// Size of the dense single-character table (U+4E00..=U+9FFF).
pub(super) const SINGLE_LEN: usize = 0xA000 - 0x4E00;

/// Index of `c` in the dense single-character table.
#[inline]
pub(super) fn single_index(c: char) -> Option<usize> {
    let i = (c as u32).wrapping_sub(SINGLE_BASE) as usize;
    (i < SINGLE_LEN).then_some(i)
}

/// Everything a lexicon looks up.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Tables {
    /// Interned English stems; the id is the [`StemId`].
    pub(super) stems: StrInterner,
    /// Headwords (a repeated headword keeps an unindexed arena entry, whose
    /// translations are [`DEAD`]).
    pub(super) words: StrInterner,
    /// Per headword: its translations, a span of `trans`.
    pub(super) word_trans: Table<Span>,
    /// All translations, concatenated.
    pub(super) trans: Table<StemId>,
    /// All headwords and their prefixes.
    pub(super) prefixes: PrefixFilter,
    /// Headword index + 1 (0 = none) of every single character of the main
    /// CJK block U+4E00..=U+9FFF, indexed by code point − U+4E00: the
    /// segmenter looks up every character, so this saves a hash probe.
    pub(super) single: Table<u32>,
    /// One bit per headword: whether it is a Chinese stopword
    /// ([`is_zh_stopword`](super::is_zh_stopword)).
    pub(super) stop_bits: Table<u64>,
    /// Proper names.
    pub(super) entities: EntityTable,
    /// Number of distinct headwords.
    pub(super) n_words: usize,
    /// Longest headword, in chars.
    pub(super) max_chars: usize,
}

impl Tables {
    /// Translations of headword `w`.
    #[inline]
    pub(super) fn trans_of(&self, w: u32) -> &[StemId] {
        match self.word_trans.get(w as usize) {
            Some(&span) => self.trans.get(span.range()).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Whether headword `w` is a Chinese stopword.
    #[inline]
    pub(super) fn is_stop_word_id(&self, w: u32) -> bool {
        self.stop_bits
            .get(w as usize / 64)
            .is_some_and(|b| b & (1 << (w % 64)) != 0)
    }
}
