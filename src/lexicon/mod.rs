//! Bilingual Chinese–English lexicon used to score how well a Chinese clause
//! and an English clause translate each other.
//!
//! The lexicon maps Chinese headwords (simplified and traditional) to sets of
//! *English stems* (Snowball English stemmer, see [`stem_en`]). The aligner
//! segments a Chinese clause into lexicon words ([`segment_zh`]), tokenizes and
//! stems the English clause ([`en_tokens`]) and counts how many English content
//! stems are found among the translations of the Chinese words.
//!
//! # Data
//!
//! The compiled-in data ([`Lexicon::global`]) comes from three files in
//! `data/lexicon/` (see the README there for provenance and licensing):
//!
//! * `zh-en.tsv` — generated from CC-CEDICT by `examples/build_lexicon.rs`:
//!   `中文词<TAB>stem1 stem2 ...`, one line per headword;
//! * `supplement.tsv` — hand-written domain terms (privacy policies, licences,
//!   legal/UN/parliamentary text), same format, merged with `zh-en.tsv`;
//! * `entities.tsv` — Chinese proper names and their English names,
//!   `微软<TAB>Microsoft`, alternatives separated by `|`.
//!
//! Lines that are empty or start with `#` are ignored in all three files.
//!
//! # Representation
//!
//! All stems are interned to [`StemId`]s. Headwords and stems live in two
//! string arenas indexed by open-addressing hash tables whose slots hold the
//! first bytes of the key inline, and all translations are stored in one flat
//! `Vec<StemId>` with an (offset, length) per headword, so that parsing the
//! compiled-in data does a handful of allocations only, and looking up a
//! `&str` slice of the input never allocates. A one-hash Bloom filter over all
//! headwords and their prefixes lets the segmenter stop extending a candidate
//! word as soon as no headword can start with it, and a dense table covers the
//! single characters of the main CJK block. Entities are parsed lazily, on the
//! first call that needs them.
//!
//! # English side
//!
//! The English tokenizer, stemmer and stopwords ([`en_tokens`], [`stem_en`],
//! [`is_en_stopword`]) are shared with the lexicon builder, so that the stems
//! in the data files are exactly those produced at run time. Stems are cached
//! per thread; [`Lexicon::en_token_ids`] tokenizes without allocating per
//! token.
//!
//! # Modules
//!
//! `hash` (the byte-string hash and the prefix filter), `interner` (the string
//! interner of stems and headwords), `tsv` (parsing and indexing the data
//! files), `entities` (proper names), `segment_zh` (the Chinese segmenter and
//! stopwords), `english` (tokenizer, stemmer, stopwords); this file holds the
//! [`Lexicon`] and its look-ups. The word lists are data:
//! `data/words/zh/stopwords.tsv`, `data/words/lexicon/en-stopwords.tsv` and
//! `data/words/lexicon/symbols.tsv`.
//!
//! # Example
//!
//! ```
//! use clausealign::lexicon::{Lexicon, en_tokens, segment_zh};
//!
//! let lex = Lexicon::global();
//! let zh = "我们不会出售您的个人信息";
//! let zh_stems: Vec<u32> = segment_zh(lex, zh)
//!     .iter()
//!     .filter(|w| !w.stop)
//!     .flat_map(|w| w.translations.unwrap_or(&[]).iter().copied())
//!     .collect();
//! let en = "We do not sell your personal information.";
//! let covered = en_tokens(en)
//!     .iter()
//!     .filter(|t| !t.stop)
//!     .filter(|t| lex.stem_id(&t.stem).is_some_and(|id| zh_stems.contains(&id)))
//!     .count();
//! assert_eq!(covered, 3); // sell, personal, information
//! ```

mod english;
mod entities;
mod hash;
mod interner;
mod segment_zh;
mod tsv;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

pub use english::{EnToken, en_tokens, is_en_stopword, stem_en};
pub(crate) use segment_zh::is_lexicon_symbol;
pub use segment_zh::{ZhWord, ZhWordKind, is_han, is_zh_stopword, segment_zh};

use crate::words::LEXICON_EN_STOPWORDS as EN_STOPWORDS;
use english::{STEM_CACHE_MAX, for_each_en_word, with_stem};
use entities::Entities;
use hash::{FxHasher, PrefixFilter};
use interner::StrInterner;

/// Interned English stem.
pub type StemId = u32;

/// The compiled-in CC-CEDICT derived lexicon.
const MAIN_TSV: &str = include_str!("../../data/lexicon/zh-en.tsv");
/// The compiled-in hand-written supplement.
const SUPPLEMENT_TSV: &str = include_str!("../../data/lexicon/supplement.tsv");
/// The compiled-in proper names.
const ENTITIES_TSV: &str = include_str!("../../data/lexicon/entities.tsv");

/// Bilingual lexicon: Chinese headwords → English stems, plus proper names.
///
/// Build it with [`Lexicon::from_tsv`] or use the compiled-in data through
/// [`Lexicon::global`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Interned English stems; the id is the [`StemId`].
    stems: StrInterner,
    /// Headwords (a repeated headword keeps an unindexed arena entry, whose
    /// translations are [`DEAD`]).
    words: StrInterner,
    /// Per headword: (offset, len) into `trans`.
    word_trans: Vec<(u32, u32)>,
    /// All translations, concatenated.
    trans: Vec<StemId>,
    /// The text of `entities.tsv`, parsed into `entities` on first use.
    entities_src: String,
    /// Proper names, parsed lazily (most callers only segment and translate).
    entities: OnceLock<Entities>,
    /// All headwords and their prefixes.
    prefixes: PrefixFilter,
    /// Headword index + 1 (0 = none) of every single character of the main
    /// CJK block U+4E00..=U+9FFF, indexed by code point − U+4E00: the
    /// segmenter looks up every character, so this saves a hash probe.
    single: Vec<u32>,
    /// One bit per headword: whether it is a Chinese stopword
    /// ([`is_zh_stopword`]).
    stop_bits: Vec<u64>,
    /// Number of distinct headwords.
    n_words: usize,
    /// Longest headword, in chars.
    max_chars: usize,
    /// A number no other lexicon of this process has: it tells the
    /// per-thread stem id cache ([`Lexicon::stem_id_of_lower`]) which
    /// lexicon its ids belong to.
    serial: u64,
}

/// The next [`Lexicon`] serial.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// `word_trans` value of a repeated headword merged into its first occurrence.
const DEAD: (u32, u32) = (u32::MAX, 0);

/// First code point of the dense single-character table.
const SINGLE_BASE: u32 = 0x4E00;
/// Size of the dense single-character table (U+4E00..=U+9FFF).
const SINGLE_LEN: usize = 0xA000 - 0x4E00;

/// Index of `c` in the dense single-character table.
#[inline]
fn single_index(c: char) -> Option<usize> {
    let i = (c as u32).wrapping_sub(SINGLE_BASE) as usize;
    (i < SINGLE_LEN).then_some(i)
}

impl Lexicon {
    /// The compiled-in lexicon (`data/lexicon/zh-en.tsv` + `supplement.tsv` +
    /// `entities.tsv`), parsed once on first use and shared by all threads.
    pub fn global() -> &'static Lexicon {
        static GLOBAL: OnceLock<Lexicon> = OnceLock::new();
        GLOBAL.get_or_init(|| Lexicon::from_tsv(MAIN_TSV, SUPPLEMENT_TSV, ENTITIES_TSV))
    }

    /// Parses a lexicon from the text of the three data files.
    ///
    /// `main` and `supplement` have lines `中文词<TAB>stem1 stem2 ...` (stems
    /// separated by spaces); a headword present in both, or twice, gets the
    /// union of its stems. `entities` has lines
    /// `中文名<TAB>English Name|Other Name`; an entity's headword is also made
    /// a lexicon word, and if it has no stems yet, the stems of the content
    /// words of its English names are added. Lines without a tab or with an
    /// empty field are skipped; lines starting with `#` are comments.
    ///
    /// A large `main` (over 256 KB) is parsed in two halves on two threads
    /// (scoped; if no thread can be spawned, sequentially), then merged.
    pub fn from_tsv(main: &str, supplement: &str, entities: &str) -> Lexicon {
        tsv::build(main, supplement, entities)
    }

    /// Whether headword `w` is a Chinese stopword.
    #[inline]
    fn is_stop_word_id(&self, w: u32) -> bool {
        self.stop_bits
            .get(w as usize / 64)
            .is_some_and(|b| b & (1 << (w % 64)) != 0)
    }

    /// Whether some headword may start with the string of hash `h`.
    #[inline]
    fn may_be_prefix(&self, h: u64) -> bool {
        self.prefixes.may_contain(h)
    }

    /// Index of headword `s` given its [`hash_bytes`].
    #[inline]
    fn find_word_hashed(&self, s: &[u8], h: u64) -> Option<u32> {
        self.words.find_hashed(s, h)
    }

    /// Stem ids a Chinese word translates to (`None` if unknown).
    pub fn translations(&self, zh_word: &str) -> Option<&[StemId]> {
        let w = self.words.find(zh_word)?;
        Some(self.trans_of(w))
    }

    /// Translations of headword `w`.
    #[inline]
    fn trans_of(&self, w: u32) -> &[StemId] {
        match self.word_trans.get(w as usize) {
            Some(&(o, l)) => self
                .trans
                .get(o as usize..(o as usize).saturating_add(l as usize))
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// Id of an English stem if the lexicon knows it.
    pub fn stem_id(&self, stem: &str) -> Option<StemId> {
        self.stems.find(stem)
    }

    /// Id of the stem of an English word (any case) if the lexicon knows it;
    /// same as `stem_id(&stem_en(&word.to_lowercase()))`, but cached.
    pub fn en_word_id(&self, word: &str) -> Option<StemId> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            let lower = word.to_lowercase();
            with_stem(&lower, |s, _| self.stem_id(s))
        } else {
            with_stem(word, |s, _| self.stem_id(s))
        }
    }

    /// The English stem with id `id` (empty string for an unknown id).
    pub fn stem_str(&self, id: StemId) -> &str {
        self.stems.get(id)
    }

    /// Number of distinct English stems.
    pub fn num_stems(&self) -> usize {
        self.stems.len()
    }

    /// Number of distinct Chinese headwords (including entity names).
    pub fn num_headwords(&self) -> usize {
        self.n_words
    }

    /// Number of proper names (entities).
    pub fn num_entities(&self) -> usize {
        self.entity_table().list.len()
    }

    /// The proper names, parsed on first use.
    fn entity_table(&self) -> &Entities {
        self.entities
            .get_or_init(|| Entities::parse(&self.entities_src))
    }

    /// Longest headword length in chars (for max-matching).
    pub fn max_word_chars(&self) -> usize {
        self.max_chars
    }

    /// English names of a Chinese proper name (from `entities.tsv`; parsed
    /// on the first call of this method, [`Lexicon::entities`] or
    /// [`Lexicon::num_entities`]), e.g.
    /// `微软` → `["Microsoft", "Microsoft Corporation"]`.
    pub fn entity_names(&self, zh: &str) -> Option<&[String]> {
        let t = self.entity_table();
        let &i = t.by_zh.get(zh)?;
        t.list.get(i as usize).map(|e| e.names.as_slice())
    }

    /// Iterates over the entities as (Chinese name, English names), in file
    /// order.
    pub fn entities(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entity_table()
            .list
            .iter()
            .map(|e| (e.zh.as_str(), e.names.as_slice()))
    }

    /// Iterates over all distinct headwords and their translations, in load
    /// order.
    pub fn headwords(&self) -> impl Iterator<Item = (&str, &[StemId])> {
        (0..self.words.len() as u32)
            .filter(move |&w| self.word_trans.get(w as usize) != Some(&DEAD))
            .map(move |w| (self.words.get(w), self.trans_of(w)))
    }
}

/// A word of an English text found by [`Lexicon::en_token_ids`]: like
/// [`EnToken`], with the lexicon's id of the stem instead of the stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnTokenId {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// Id of the stem, `None` if the lexicon does not know it (numbers never
    /// have one).
    pub stem: Option<StemId>,
    /// Whether the word is a stopword ([`is_en_stopword`]) or a single letter.
    pub stop: bool,
    /// Whether the word consists of digits only.
    pub numeric: bool,
}

/// Per-thread cache: lowercase word → (stem id, stopword), for the lexicon
/// whose serial is the first field (a different lexicon clears it).
type StemIdCache = HashMap<Box<str>, (Option<StemId>, bool), BuildHasherDefault<FxHasher>>;

thread_local! {
    static STEM_ID_CACHE: RefCell<(u64, StemIdCache)> =
        RefCell::new((u64::MAX, StemIdCache::default()));
}

impl Lexicon {
    /// Tokenizes English text like [`en_tokens`], but returns the lexicon's
    /// ids of the stems instead of the stems (no allocation per token).
    pub fn en_token_ids(&self, text: &str) -> Vec<EnTokenId> {
        let mut out = Vec::with_capacity(text.len() / 6 + 1);
        self.for_each_en_token_id(text, |t, _| out.push(t));
        out
    }

    /// `(stem_id(stem), is_en_stopword)` of a lowercase word, like
    /// [`with_stem`] but cached per thread by word: a hit costs one small
    /// hash look-up instead of two (the stem cache, then the lexicon's
    /// large stem table).
    fn stem_id_of_lower(&self, lower: &str) -> (Option<StemId>, bool) {
        let compute = || with_stem(lower, |s, stop| (self.stem_id(s), stop));
        if lower.len() > 40 {
            return compute();
        }
        STEM_ID_CACHE.with(|cache| {
            let Ok(mut cache) = cache.try_borrow_mut() else {
                return compute();
            };
            let (serial, map) = &mut *cache;
            if *serial != self.serial {
                map.clear();
                *serial = self.serial;
            }
            if let Some(&hit) = map.get(lower) {
                return hit;
            }
            if map.len() >= STEM_CACHE_MAX {
                map.clear();
            }
            let r = compute();
            map.insert(lower.into(), r);
            r
        })
    }

    /// Calls `f(token, lowercase word)` for every token [`Lexicon::en_token_ids`]
    /// returns, without collecting them; the lowercase word is the one the
    /// stem was looked up from (a curly apostrophe becomes `'`).
    pub fn for_each_en_token_id(&self, text: &str, mut f: impl FnMut(EnTokenId, &str)) {
        for_each_en_word(text, |start, end, lower, numeric| {
            let single = lower.chars().nth(1).is_none();
            let (stem, stop) = if numeric {
                (None, false)
            } else {
                let (stem, stop) = self.stem_id_of_lower(lower);
                (stem, stop || single)
            };
            let token = EnTokenId {
                start,
                end,
                stem,
                stop,
                numeric,
            };
            f(token, lower);
        });
    }
}
