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
//! The built-in data ([`Lexicon::builtin`]) comes from three files in
//! `data/lexicon/` (see the README there for provenance and licensing):
//!
//! * `zh-en.tsv` — generated from CC-CEDICT by `examples/build_lexicon/`:
//!   `中文词<TAB>stem1 stem2 ...`, one line per headword;
//! * `supplement.tsv` — hand-written domain terms (privacy policies, licences,
//!   legal/UN/parliamentary text), same format, merged with `zh-en.tsv`;
//! * `entities.tsv` — Chinese proper names and their English names,
//!   `微软<TAB>Microsoft`, alternatives separated by `|`.
//!
//! Lines that are empty or start with `#` are ignored in all three files.
//! [`Lexicon::from_tsv`] builds a lexicon from files of this format at run
//! time.
//!
//! # Representation
//!
//! All stems are interned to [`StemId`]s. Headwords and stems live in two
//! string arenas indexed by open-addressing hash tables whose slots hold the
//! first bytes of the key inline, and all translations are stored in one flat
//! table of [`StemId`]s with an (offset, length) per headword, so that
//! building a lexicon does a handful of allocations only, and looking up a
//! `&str` slice of the input never allocates. A one-hash Bloom filter over all
//! headwords and their prefixes lets the segmenter stop extending a candidate
//! word as soon as no headword can start with it, and a dense table covers the
//! single characters of the main CJK block.
//!
//! Every table is a flat array of plain values, so the build script
//! (`build/lexicon.rs`) runs the code of [`Lexicon::from_tsv`] on the
//! built-in data and stores the tables in the binary, and
//! [`Lexicon::builtin`] borrows them in place: a run parses no lexicon.
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
//! interner of stems and headwords), `tables` (the tables of a lexicon),
//! `tsv` (parsing and indexing the data files), `entities` (proper names),
//! `blob` (the tables as a binary image, written at build time), `segment_zh`
//! (the Chinese segmenter and stopwords), `english` (tokenizer, stemmer,
//! stopwords); this file holds the [`Lexicon`] and its look-ups. The word
//! lists are data: `data/words/zh/stopwords.tsv`,
//! `data/words/lexicon/en-stopwords.tsv` and `data/words/lexicon/symbols.tsv`.
//!
//! # Example
//!
//! ```
//! use clausealign::lexicon::{Lexicon, en_tokens, segment_zh};
//!
//! let lex = Lexicon::builtin();
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

mod blob;
mod derived;
mod english;
mod entities;
mod hash;
mod interner;
mod segment_zh;
mod tables;
mod tsv;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// The one Han predicate of the crate ([`crate::lang::is_han`]), here too
/// for the lexicon's users.
pub use crate::lang::is_han;
pub use english::{EnToken, en_tokens, is_en_stopword, stem_en};
pub use segment_zh::{ZhWord, ZhWordKind, is_zh_stopword, segment_zh};
pub use tables::StemId;

// The word lists the modules shared with the build script use, under the
// names build/lexicon.rs gives them too.
use crate::words::LEXICON_EN_IRREGULAR_FORMS as EN_IRREGULAR_FORMS;
use crate::words::LEXICON_EN_STOPWORDS as EN_STOPWORDS;
use crate::words::ZH_STOPWORDS;

use english::{STEM_CACHE_MAX, for_each_en_word, with_stem};
use hash::FxHasher;
use tables::{DEAD, Tables};

/// The image of the built-in lexicon, written by `build/lexicon.rs` from
/// `data/lexicon/` (see [`blob`] for the format).
static BUILTIN_IMAGE: &blob::Aligned<[u8]> =
    &blob::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin")));

/// Bilingual lexicon: Chinese headwords → English stems, plus proper names.
///
/// Use the built-in data through [`Lexicon::builtin`], or build one from
/// your own files with [`Lexicon::from_tsv`].
#[derive(Clone)]
pub struct Lexicon {
    /// The tables, owned or borrowed from the binary.
    tables: Tables,
    /// What is derived from the tables on first use.
    derived: OnceLock<derived::Derived>,
    /// A number no other lexicon of this process has: it tells the
    /// per-thread stem id cache ([`Lexicon::stem_id_of_lower`]) which
    /// lexicon its ids belong to.
    serial: u64,
}

/// The next [`Lexicon`] serial.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("headwords", &self.num_headwords())
            .field("stems", &self.num_stems())
            .field("entities", &self.num_entities())
            .finish_non_exhaustive()
    }
}

impl Lexicon {
    /// The built-in lexicon (`data/lexicon/zh-en.tsv` + `supplement.tsv` +
    /// `entities.tsv`), shared by all threads.
    ///
    /// The build script indexes the data files with the code of
    /// [`Lexicon::from_tsv`] and stores the tables in the binary; the first
    /// call only points at them, nothing is parsed or copied.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| match blob::read(&BUILTIN_IMAGE.0) {
            Ok(tables) => Lexicon::with_tables(tables),
            // The image comes from this very build (build/lexicon.rs).
            Err(e) => panic!("the built-in lexicon image is unreadable: {e}"),
        })
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
    /// The data of [`Lexicon::builtin`] takes about 60 ms.
    pub fn from_tsv(main: &str, supplement: &str, entities: &str) -> Lexicon {
        Lexicon::with_tables(tsv::build(main, supplement, entities))
    }

    /// A number no other lexicon of this process has, for caches of what
    /// is derived from a lexicon outside this module.
    pub(crate) fn serial(&self) -> u64 {
        self.serial
    }

    /// A lexicon of `tables`, with a new serial.
    fn with_tables(tables: Tables) -> Lexicon {
        Lexicon {
            tables,
            derived: OnceLock::new(),
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Stem ids a Chinese word translates to (`None` if unknown).
    pub fn translations(&self, zh_word: &str) -> Option<&[StemId]> {
        let w = self.tables.words.find(zh_word)?;
        Some(self.tables.trans_of(w))
    }

    /// Id of an English stem if the lexicon knows it.
    pub fn stem_id(&self, stem: &str) -> Option<StemId> {
        self.tables.stems.find(stem)
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
        self.tables.stems.get(id)
    }

    /// Number of distinct English stems.
    pub fn num_stems(&self) -> usize {
        self.tables.stems.len()
    }

    /// Number of distinct Chinese headwords (including entity names).
    pub fn num_headwords(&self) -> usize {
        self.tables.n_words
    }

    /// Number of proper names (entities).
    pub fn num_entities(&self) -> usize {
        self.tables.entities.len()
    }

    /// Longest headword length in chars (for max-matching).
    pub fn max_word_chars(&self) -> usize {
        self.tables.max_chars
    }

    /// English names of a Chinese proper name (from `entities.tsv`), e.g.
    /// `微软` → `["Microsoft", "Microsoft Corporation"]`. The first call of
    /// this method or [`Lexicon::entities`] makes the `String`s of all names
    /// (about 1 ms for the built-in lexicon).
    pub fn entity_names(&self, zh: &str) -> Option<&[String]> {
        self.tables.entities.names(zh)
    }

    /// Iterates over the entities as (Chinese name, English names), in file
    /// order.
    pub fn entities(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.tables.entities.iter()
    }

    /// Iterates over all distinct headwords and their translations, in load
    /// order.
    pub fn headwords(&self) -> impl Iterator<Item = (&str, &[StemId])> {
        let t = &self.tables;
        (0..t.words.len() as u32)
            .filter(move |&w| t.word_trans.get(w as usize) != Some(&DEAD))
            .map(move |w| (t.words.get(w), t.trans_of(w)))
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
