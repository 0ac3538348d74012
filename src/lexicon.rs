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

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Interned English stem.
pub type StemId = u32;

/// The compiled-in CC-CEDICT derived lexicon.
const MAIN_TSV: &str = include_str!("../data/lexicon/zh-en.tsv");
/// The compiled-in hand-written supplement.
const SUPPLEMENT_TSV: &str = include_str!("../data/lexicon/supplement.tsv");
/// The compiled-in proper names.
const ENTITIES_TSV: &str = include_str!("../data/lexicon/entities.tsv");

// ---------------------------------------------------------------------------
// Hashing and string interning
// ---------------------------------------------------------------------------

/// Multiplicative constant of the FxHash family.
const FX_K: u64 = 0x517c_c1b7_2722_0a95;

/// Final avalanche of a 64-bit value (from SplitMix64).
#[inline]
fn mix64(mut h: u64) -> u64 {
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 29;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 32)
}

/// Up to 7 leading bytes of `s` plus, in the top byte, the length (if at
/// most 7) or 0xFF: equal keys of strings of at most 7 bytes mean equal
/// strings.
#[inline]
fn inline_key(s: &[u8]) -> u64 {
    let n = s.len();
    if let Some(b) = s.first_chunk::<8>() {
        return (u64::from_le_bytes(*b) & 0x00FF_FFFF_FFFF_FFFF) | (0xFF << 56);
    }
    // Fewer than 8 bytes: assemble from 4-, 2- and 1-byte reads.
    let mut v = 0u64;
    let mut i = 0;
    if n & 4 != 0
        && let Some(b) = s.first_chunk::<4>()
    {
        v = u64::from(u32::from_le_bytes(*b));
        i = 4;
    }
    if n & 2 != 0
        && let Some(b) = s.get(i..).and_then(<[u8]>::first_chunk::<2>)
    {
        v |= u64::from(u16::from_le_bytes(*b)) << (i * 8);
        i += 2;
    }
    if n & 1 != 0
        && let Some(&b) = s.get(i)
    {
        v |= u64::from(b) << (i * 8);
    }
    v | ((n as u64) << 56)
}

/// Fast non-cryptographic hash of a byte string: the mixed [`inline_key`]
/// for strings of up to 7 bytes (most stems, one- and two-character Chinese
/// words), FxHash over 8-byte words otherwise.
#[inline]
fn hash_bytes(bytes: &[u8]) -> u64 {
    if bytes.len() <= 7 {
        return mix64(inline_key(bytes));
    }
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(FX_K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(FX_K);
    }
    mix64(h)
}

/// A [`Hasher`] using [`hash_bytes`]; used for the English stem cache.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes) ^ self.0.rotate_left(17);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = self.0.rotate_left(5) ^ u64::from(i);
    }
}

/// One slot of an [`Interner`].
#[derive(Debug, Default, Clone, Copy)]
struct Slot {
    /// [`inline_key`] of the string.
    key: u64,
    /// `hash32 << 32 | (id + 1)`, or 0 when the slot is empty.
    meta: u64,
}

impl Slot {
    /// The slot for string `s` with id `id`.
    #[inline]
    fn new(s: &[u8], h: u64, id: u32) -> Slot {
        Slot {
            key: inline_key(s),
            meta: (h & 0xFFFF_FFFF_0000_0000) | u64::from(id + 1),
        }
    }

    /// The high 32 bits of the string's hash.
    #[inline]
    fn hash32(self) -> u32 {
        (self.meta >> 32) as u32
    }

    /// The string's id.
    #[inline]
    fn id(self) -> u32 {
        (self.meta as u32).wrapping_sub(1)
    }
}

/// String interner: an arena of unique strings with an open-addressing index.
///
/// A slot holds the string's first bytes inline (the whole string when it is
/// at most 7 bytes long, which covers most English stems and one- and
/// two-character Chinese words) together with the high 32 bits of its hash
/// (which also select the slot) and its id, so that a lookup usually touches
/// a single cache line.
#[derive(Debug, Default, Clone)]
struct Interner {
    /// All strings, concatenated.
    arena: String,
    /// (offset, length) of every string in `arena`; the index is the id.
    spans: Vec<(u32, u32)>,
    /// Open-addressing table (linear probing); length is a power of two.
    slots: Vec<Slot>,
    /// Number of occupied slots.
    used: usize,
}

/// Number of slots of an [`Interner`] for `n` strings (load ≤ 2/3).
fn slots_for(n: usize) -> usize {
    (n.max(8) * 3 / 2 + 1).next_power_of_two()
}

impl Interner {
    /// Creates an interner sized for about `n` strings of `bytes` total length.
    fn with_capacity(n: usize, bytes: usize) -> Interner {
        Interner {
            arena: String::with_capacity(bytes),
            spans: Vec::with_capacity(n),
            slots: vec![Slot::default(); slots_for(n)],
            used: 0,
        }
    }

    /// Number of strings in the arena.
    fn len(&self) -> usize {
        self.spans.len()
    }

    /// The string with id `id` (empty string for an invalid id).
    fn get(&self, id: u32) -> &str {
        match self.spans.get(id as usize) {
            Some(&(off, len)) => self
                .arena
                .get(off as usize..(off + len) as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    /// Looks up the string `s` whose slot would be `probe` (only `key` and
    /// the hash part of `probe.meta` are used); returns its id or the index
    /// of the empty slot where it would go.
    #[inline]
    fn probe(&self, s: &[u8], probe: Slot) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let h = probe.hash32();
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.meta == 0 {
                return Err(i);
            }
            if slot.key == probe.key && slot.hash32() == h {
                let id = slot.id();
                if s.len() <= 7 {
                    return Ok(id);
                }
                let (off, len) = self.spans[id as usize];
                if self
                    .arena
                    .as_bytes()
                    .get(off as usize..(off + len) as usize)
                    == Some(s)
                {
                    return Ok(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Looks up `s` given its [`hash_bytes`].
    #[inline]
    fn find_hashed(&self, s: &[u8], h: u64) -> Option<u32> {
        self.probe(s, Slot::new(s, h, 0)).ok()
    }

    /// Looks `s` up.
    #[inline]
    fn find(&self, s: &str) -> Option<u32> {
        let b = s.as_bytes();
        self.find_hashed(b, hash_bytes(b))
    }

    /// Returns the id of `s`, inserting it if needed; the flag tells whether
    /// it was inserted.
    fn intern(&mut self, s: &str) -> (u32, bool) {
        let b = s.as_bytes();
        let h = hash_bytes(b);
        match self.probe(b, Slot::new(b, h, 0)) {
            Ok(id) => (id, false),
            Err(_) => {
                let id = self.push_unindexed(s);
                let _ = self.index(Slot::new(b, h, id));
                (id, true)
            }
        }
    }

    /// Appends `s` to the arena without indexing it; returns its id.
    fn push_unindexed(&mut self, s: &str) -> u32 {
        let id = self.spans.len() as u32;
        self.spans.push((self.arena.len() as u32, s.len() as u32));
        self.arena.push_str(s);
        id
    }

    /// Indexes the arena string of `slot` (from [`Slot::new`]). If an equal
    /// string is already indexed, nothing changes and its id is returned as
    /// `Err`.
    fn index(&mut self, slot: Slot) -> Result<(), u32> {
        if (self.used + 1) * 3 > self.slots.len() * 2 {
            self.grow();
        }
        let s = self.get(slot.id()).as_bytes();
        match self.probe(s, slot) {
            Ok(existing) => Err(existing),
            Err(i) => {
                self.slots[i] = slot;
                self.used += 1;
                Ok(())
            }
        }
    }

    /// Doubles the number of slots and reinserts everything.
    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        let mask = cap - 1;
        for slot in old.into_iter().filter(|s| s.meta != 0) {
            let mut i = slot.hash32() as usize & mask;
            while self.slots[i].meta != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

// ---------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------

/// A Chinese proper name and its English names.
#[derive(Debug, Clone)]
struct Entity {
    /// The Chinese name.
    zh: String,
    /// English names, most common first.
    names: Vec<String>,
}

/// The parsed proper names of a [`Lexicon`].
#[derive(Debug, Clone, Default)]
struct Entities {
    /// Entities in file order (a name listed twice is merged).
    list: Vec<Entity>,
    /// Chinese name → index into `list`.
    by_zh: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
}

impl Entities {
    /// Parses the text of `entities.tsv`.
    fn parse(text: &str) -> Entities {
        let mut e = Entities::default();
        for line in text.split('\n') {
            let Some((zh, field)) = split_entity_line(line) else {
                continue;
            };
            let names = entity_names_of(field);
            match e.by_zh.get(zh) {
                Some(&i) => {
                    if let Some(ent) = e.list.get_mut(i as usize) {
                        for n in names {
                            if !ent.names.iter().any(|x| x == n) {
                                ent.names.push(n.to_string());
                            }
                        }
                    }
                }
                None => {
                    e.by_zh.insert(zh.to_string(), e.list.len() as u32);
                    e.list.push(Entity {
                        zh: zh.to_string(),
                        names: names.map(str::to_string).collect(),
                    });
                }
            }
        }
        e
    }
}

/// Splits a line of `entities.tsv` into the Chinese name and the English
/// names field; `None` if there is no name.
fn split_entity_line(line: &str) -> Option<(&str, &str)> {
    let (zh, rest) = split_line(line)?;
    entity_names_of(rest).next()?;
    Some((zh, rest))
}

/// The non-empty `|`-separated names of an `entities.tsv` names field.
fn entity_names_of(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|n| !n.is_empty())
}

/// Bilingual lexicon: Chinese headwords → English stems, plus proper names.
///
/// Build it with [`Lexicon::from_tsv`] or use the compiled-in data through
/// [`Lexicon::global`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Interned English stems; the id is the [`StemId`].
    stems: Interner,
    /// Headwords (a repeated headword keeps an unindexed arena entry, whose
    /// translations are [`DEAD`]).
    words: Interner,
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
        let count = |t: &str| {
            t.as_bytes()
                .iter()
                .map(|&b| usize::from(b == b'\n'))
                .sum::<usize>()
                + 1
        };
        let n_lines = count(main) + count(supplement) + count(entities);
        let bloom_bits = (n_lines * 8).next_power_of_two().max(1024);
        // Pass 1, in parallel on the two halves of `main` (the supplement is
        // small): intern the stems, store headwords and translations in file
        // order, fill the prefix filter, remember the headwords' slots.
        let (first, second) = split_at_line(main);
        let lines = n_lines / 2 + 16;
        let parse = |t: &str| Chunk::parse(t, lines, bloom_bits);
        let (mut chunk, rest) = std::thread::scope(|scope| {
            let handle = if second.is_empty() {
                None
            } else {
                std::thread::Builder::new()
                    .spawn_scoped(scope, || parse(second))
                    .ok()
            };
            let a = parse(first);
            let b = match handle.map(|h| h.join()) {
                Some(Ok(b)) => b,
                // No thread (or it failed): parse the second half here.
                _ => parse(second),
            };
            (a, b)
        });
        chunk.merge(rest);
        chunk.merge(Chunk::parse(supplement, count(supplement), bloom_bits));
        let Chunk {
            stems,
            trans,
            mut words,
            word_trans,
            pending,
            prefixes,
            max_chars,
        } = chunk;
        words.slots = vec![Slot::default(); slots_for(pending.len() + n_lines / 16)];
        let mut lex = Lexicon {
            stems,
            words,
            word_trans,
            trans,
            entities_src: entities.to_string(),
            entities: OnceLock::new(),
            prefixes,
            single: Vec::new(),
            stop_bits: Vec::new(),
            n_words: 0,
            max_chars,
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };

        // Pass 2: index the headwords. Inserting in slot order (a counting
        // sort on the top bits of the slot index) keeps the memory accesses
        // local, which matters for a table of several megabytes.
        let slots = lex.words.slots.len();
        let shift = slots.trailing_zeros().saturating_sub(12);
        let bucket = |s: &Slot| (s.hash32() as usize & (slots - 1)) >> shift;
        let n_buckets = (slots >> shift) + 1;
        let mut starts = vec![0u32; n_buckets + 1];
        for p in &pending {
            starts[bucket(p) + 1] += 1;
        }
        for b in 0..n_buckets {
            starts[b + 1] += starts[b];
        }
        let mut sorted = vec![Slot::default(); pending.len()];
        for p in &pending {
            let b = bucket(p);
            sorted[starts[b] as usize] = *p;
            starts[b] += 1;
        }
        drop(pending);
        let mut repeated = Vec::new();
        for &slot in &sorted {
            match lex.words.index(slot) {
                Ok(()) => lex.n_words += 1,
                Err(first) => repeated.push((first, slot.id())),
            }
        }
        drop(sorted);
        // Repeated headwords: merge into the first occurrence, in file order.
        repeated.sort_unstable_by_key(|&(_, later)| later);
        for (first, later) in repeated {
            let (off, len) = lex.word_trans[later as usize];
            lex.merge_trans(first, off, len);
            lex.word_trans[later as usize] = DEAD;
        }

        // Pass 3: make sure every entity is a headword (the generated
        // zh-en.tsv already contains them all with the stems of their names).
        for line in entities.split('\n') {
            if let Some((zh, field)) = split_entity_line(line) {
                lex.add_entity_word(zh, entity_names_of(field));
            }
        }

        // Segmentation helpers: single characters and stopwords.
        lex.single = vec![0; SINGLE_LEN];
        for (w, &(off, len)) in lex.words.spans.iter().enumerate() {
            if len == 3
                && lex.word_trans.get(w) != Some(&DEAD)
                && let Some(c) = lex.words.arena.get(off as usize..(off + len) as usize)
                && let Some(c) = c.chars().next()
                && let Some(slot) = single_index(c).and_then(|i| lex.single.get_mut(i))
            {
                *slot = w as u32 + 1;
            }
        }
        lex.stop_bits = vec![0; lex.words.len() / 64 + 1];
        for sw in crate::words::ZH_STOPWORDS {
            if let Some(w) = lex.words.find(sw) {
                lex.stop_bits[w as usize / 64] |= 1 << (w % 64);
            }
        }
        lex
    }

    /// Whether headword `w` is a Chinese stopword.
    #[inline]
    fn is_stop_word_id(&self, w: u32) -> bool {
        self.stop_bits
            .get(w as usize / 64)
            .is_some_and(|b| b & (1 << (w % 64)) != 0)
    }

    /// Adds an entity's Chinese name as a headword translating to the stems
    /// of its English names, unless it is a headword already.
    fn add_entity_word<'n>(&mut self, zh: &str, names: impl Iterator<Item = &'n str>) {
        if self.words.find(zh).is_some() {
            return;
        }
        let off = self.trans.len();
        for name in names {
            for tok in en_tokens(name) {
                if !tok.stop && !tok.numeric {
                    let id = self.stems.intern(&tok.stem).0;
                    if !self.trans[off..].contains(&id) {
                        self.trans.push(id);
                    }
                }
            }
        }
        if self.trans.len() == off {
            return;
        }
        self.add_prefixes(zh);
        self.words.intern(zh);
        self.word_trans
            .push((off as u32, (self.trans.len() - off) as u32));
        self.n_words += 1;
    }

    /// Marks `zh` and all its prefixes in the prefix filter and updates the
    /// longest headword length.
    fn add_prefixes(&mut self, zh: &str) {
        let chars = self.prefixes.add(zh, 0);
        self.max_chars = self.max_chars.max(chars);
    }

    /// Adds the stems `trans[off..off + len]` to headword `w`'s translations.
    fn merge_trans(&mut self, w: u32, off: u32, len: u32) {
        let (o, l) = self.word_trans[w as usize];
        let (o, l, off, len) = (o as usize, l as usize, off as usize, len as usize);
        if self.trans[off..off + len]
            .iter()
            .all(|s| self.trans[o..o + l].contains(s))
        {
            return;
        }
        // Copy the old block to the end and append the new stems.
        let new_off = self.trans.len();
        self.trans.extend_from_within(o..o + l);
        for k in off..off + len {
            let s = self.trans[k];
            if !self.trans[new_off..].contains(&s) {
                self.trans.push(s);
            }
        }
        self.word_trans[w as usize] = (new_off as u32, (self.trans.len() - new_off) as u32);
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

/// A one-hash Bloom filter over strings (headwords and all their prefixes):
/// a clear bit means that no headword starts with the string, so the
/// segmenter can stop extending a candidate word.
#[derive(Debug, Clone)]
struct PrefixFilter {
    /// The bits; the length is a power of two.
    bits: Vec<u64>,
}

impl PrefixFilter {
    /// An empty filter of `n_bits` bits (rounded up to a power of two ≥ 64).
    fn new(n_bits: usize) -> PrefixFilter {
        PrefixFilter {
            bits: vec![0; n_bits.next_power_of_two().max(64) / 64],
        }
    }

    /// Word index and mask of a hash (the low hash bits; the interner uses
    /// the high ones).
    #[inline]
    fn bit(&self, h: u64) -> (usize, u64) {
        let bit = (h as usize) & (self.bits.len() * 64 - 1);
        (bit / 64, 1u64 << (bit % 64))
    }

    /// Whether the string of hash `h` may have been added (false positives
    /// possible, no false negatives).
    #[inline]
    fn may_contain(&self, h: u64) -> bool {
        let (i, m) = self.bit(h);
        self.bits[i] & m != 0
    }

    /// Adds the prefixes of `zh` (including `zh`) longer than `known_prefix`
    /// bytes; returns the length of `zh` in chars.
    fn add(&mut self, zh: &str, known_prefix: usize) -> usize {
        let mut chars = 0;
        for (i, c) in zh.char_indices() {
            chars += 1;
            let end = i + c.len_utf8();
            if end > known_prefix {
                let (w, m) = self.bit(hash_bytes(&zh.as_bytes()[..end]));
                self.bits[w] |= m;
            }
        }
        chars
    }

    /// Adds everything `other` contains.
    fn union(&mut self, other: &PrefixFilter) {
        if other.bits.len() == self.bits.len() {
            for (a, b) in self.bits.iter_mut().zip(&other.bits) {
                *a |= b;
            }
        } else {
            // Filters of different sizes cannot be merged bit by bit (and
            // `from_tsv` never builds them): keep it correct by setting every
            // bit, i.e. "any string may be a prefix".
            self.bits.fill(u64::MAX);
        }
    }
}

/// Pass 1 of [`Lexicon::from_tsv`] over part of a `zh-en.tsv`-style text:
/// interned stems, translations and (unindexed) headwords in file order.
/// Chunks are parsed in parallel and merged in file order.
struct Chunk {
    /// Stems of this chunk.
    stems: Interner,
    /// Translations (ids of `stems`).
    trans: Vec<StemId>,
    /// Headwords, not indexed yet.
    words: Interner,
    /// Per headword: (offset, len) into `trans`.
    word_trans: Vec<(u32, u32)>,
    /// The slot of each headword, to index them in pass 2.
    pending: Vec<Slot>,
    /// Headwords and their prefixes.
    prefixes: PrefixFilter,
    /// Longest headword, in chars.
    max_chars: usize,
}

impl Chunk {
    /// Parses `text`, expected to have about `lines` lines, with a prefix
    /// filter of `bloom_bits` bits.
    fn parse(text: &str, lines: usize, bloom_bits: usize) -> Chunk {
        let mut c = Chunk {
            stems: Interner::with_capacity(lines / 3, lines),
            trans: Vec::with_capacity(text.len() / 6 + 16),
            words: Interner {
                arena: String::with_capacity(text.len() / 3),
                spans: Vec::with_capacity(lines),
                slots: Vec::new(),
                used: 0,
            },
            word_trans: Vec::with_capacity(lines),
            pending: Vec::with_capacity(lines),
            prefixes: PrefixFilter::new(bloom_bits),
            max_chars: 1,
        };
        // When the text is sorted (as the generated one is), the prefixes a
        // headword shares with its predecessor are already in the filter.
        let mut prev = "";
        for_each_entry(text, |zh, stems| {
            let off = c.trans.len();
            for stem in stems {
                let id = c.stems.intern(stem).0;
                if !c.trans[off..].contains(&id) {
                    c.trans.push(id);
                }
            }
            if c.trans.len() == off {
                return;
            }
            let known = if prev <= zh {
                common_prefix_len(prev, zh)
            } else {
                0
            };
            let chars = c.prefixes.add(zh, known);
            c.max_chars = c.max_chars.max(chars);
            prev = zh;
            let id = c.words.push_unindexed(zh);
            c.word_trans
                .push((off as u32, (c.trans.len() - off) as u32));
            c.pending
                .push(Slot::new(zh.as_bytes(), hash_bytes(zh.as_bytes()), id));
        });
        c
    }

    /// Appends `other` (which follows `self` in file order).
    fn merge(&mut self, other: Chunk) {
        let remap: Vec<StemId> = (0..other.stems.len() as u32)
            .map(|i| self.stems.intern(other.stems.get(i)).0)
            .collect();
        let trans_shift = self.trans.len() as u32;
        self.trans.extend(
            other
                .trans
                .iter()
                .map(|&s| remap.get(s as usize).copied().unwrap_or(0)),
        );
        let word_shift = self.words.len() as u32;
        let arena_shift = self.words.arena.len() as u32;
        self.words.arena.push_str(&other.words.arena);
        self.words
            .spans
            .extend(other.words.spans.iter().map(|&(o, l)| (o + arena_shift, l)));
        self.word_trans
            .extend(other.word_trans.iter().map(|&(o, l)| (o + trans_shift, l)));
        self.pending.extend(other.pending.iter().map(|s| Slot {
            key: s.key,
            meta: (s.meta & 0xFFFF_FFFF_0000_0000) | u64::from(s.id() + word_shift + 1),
        }));
        self.prefixes.union(&other.prefixes);
        self.max_chars = self.max_chars.max(other.max_chars);
    }
}

/// Splits `text` in two halves at a line end near the middle (the second
/// half is empty for small texts, not worth a thread).
fn split_at_line(text: &str) -> (&str, &str) {
    if text.len() < 1 << 18 {
        return (text, "");
    }
    let mid = text.len() / 2;
    match text.as_bytes()[mid..].iter().position(|&b| b == b'\n') {
        Some(k) => text.split_at(mid + k + 1),
        None => (text, ""),
    }
}

/// Calls `f(headword, stems)` for every entry line of a `zh-en.tsv`-style
/// text, in one pass over the bytes. Lines starting with `#`, without a tab
/// or with an empty headword are skipped; stems are separated by spaces (tabs
/// and `\r` are tolerated).
fn for_each_entry<'t>(text: &'t str, mut f: impl FnMut(&'t str, &mut Fields<'t>)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let start = i;
        while i < n && b[i] != b'\t' && b[i] != b'\n' {
            i += 1;
        }
        // Tab and newline are ASCII: all cut points are char boundaries.
        let head = text.get(start..i).unwrap_or("").trim_ascii();
        if i < n && b[i] == b'\t' && !head.is_empty() && !head.starts_with('#') {
            let mut fields = Fields {
                text,
                pos: i + 1,
                done: false,
            };
            f(head, &mut fields);
            i = fields.pos;
        }
        while i < n && b[i] != b'\n' {
            i += 1;
        }
        i += 1;
    }
}

/// Iterator over the space-separated fields of the rest of a line (tabs and
/// `\r` also separate; empty fields are skipped); it stops at the newline.
struct Fields<'t> {
    /// The whole text.
    text: &'t str,
    /// Byte position of the next field search.
    pos: usize,
    /// Whether the end of the line has been reached.
    done: bool,
}

impl<'t> Iterator for Fields<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        if self.done {
            return None;
        }
        let b = self.text.as_bytes();
        let sep = |c: u8| c == b' ' || c == b'\t' || c == b'\r';
        while self.pos < b.len() && sep(b[self.pos]) {
            self.pos += 1;
        }
        let start = self.pos;
        while self.pos < b.len() && !sep(b[self.pos]) && b[self.pos] != b'\n' {
            self.pos += 1;
        }
        if self.pos == start {
            self.done = true;
            return None;
        }
        // Separators are ASCII, so both ends are char boundaries.
        self.text.get(start..self.pos)
    }
}

/// Length in bytes of the longest common prefix of `a` and `b` that ends on
/// a char boundary.
fn common_prefix_len(a: &str, b: &str) -> usize {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (0..=n).rev().find(|&i| b.is_char_boundary(i)).unwrap_or(0)
}

/// Splits a data line into (headword, rest); `None` for comments, blank or
/// malformed lines.
fn split_line(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (zh, rest) = line.split_once('\t')?;
    let zh = zh.trim_ascii();
    let rest = rest.trim_ascii();
    if zh.is_empty() || rest.is_empty() {
        None
    } else {
        Some((zh, rest))
    }
}

// ---------------------------------------------------------------------------
// Chinese segmentation
// ---------------------------------------------------------------------------

/// What kind of text a [`ZhWord`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZhWordKind {
    /// Han characters: a lexicon word, or a single unknown character.
    Han,
    /// A run of letters, possibly mixed with digits (`App`, `iOS`, `MP3`);
    /// hyphens and other punctuation separate runs.
    Latin,
    /// A run of digits (ASCII or full-width), possibly with inner `.` or `,`.
    Number,
    /// A symbol that is a lexicon headword (`%` → "per cent", `©`, `$`, …).
    Symbol,
}

/// Symbols that [`segment_zh`] looks up in the lexicon (all other
/// punctuation is skipped).
pub(crate) fn is_lexicon_symbol(c: char) -> bool {
    matches!(
        c,
        '%' | '％'
            | '$'
            | '＄'
            | '¥'
            | '￥'
            | '€'
            | '£'
            | '©'
            | '®'
            | '™'
            | '@'
            | '＠'
            | '&'
            | '＆'
            | '§'
            | '‰'
    )
}

/// A token of a Chinese text found by [`segment_zh`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZhWord<'a> {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// Kind of token.
    pub kind: ZhWordKind,
    /// Translations of a known Han word or symbol (`None` for unknown
    /// characters and for Latin/number tokens).
    pub translations: Option<&'a [StemId]>,
    /// Whether this is a Chinese function word ([`is_zh_stopword`]).
    pub stop: bool,
}

impl ZhWord<'_> {
    /// The token's text in `input` (the string passed to [`segment_zh`]).
    pub fn text<'t>(&self, input: &'t str) -> &'t str {
        input.get(self.start..self.end).unwrap_or("")
    }
}

/// Whether `c` is a Han (CJK ideograph) character, including `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2EBEF
        | 0x30000..=0x323AF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F
        | 0x3007)
}

/// Segments Chinese text into lexicon words.
///
/// Runs of Han characters are segmented by dynamic programming over all
/// lexicon words that occur in the run (candidate words are bounded by
/// [`Lexicon::max_word_chars`]): the segmentation minimises, in this order,
/// the number of words, the number of characters not covered by a known word,
/// and the sum of squared word lengths, i.e. the variance of the word lengths
/// (as in MMSEG: 研究生命起源 → 研究 生命 起源, not 研究生 命 起源). Characters that are not in the lexicon become single-character
/// tokens with `translations: None`.
///
/// Runs of letters/digits (Latin words, numbers, including full-width forms)
/// are returned as their own tokens with `translations: None`, so that callers
/// can use them as literal anchors. A few symbols that are lexicon headwords
/// (`%` → "per cent", `©` → "copyright", …) are returned as
/// [`ZhWordKind::Symbol`] tokens with their translations; other punctuation
/// and whitespace are skipped.
///
/// Only a few buffers are allocated per call, never per character.
pub fn segment_zh<'a>(lex: &'a Lexicon, text: &str) -> Vec<ZhWord<'a>> {
    SEGMENTER.with(|seg| match seg.try_borrow_mut() {
        Ok(mut seg) => {
            let out = segment_zh_with(lex, text, &mut seg);
            // Do not keep the buffers of a huge run of Han characters.
            if seg.pos.capacity() > SEGMENTER_KEEP {
                *seg = Segmenter::default();
            }
            out
        }
        Err(_) => segment_zh_with(lex, text, &mut Segmenter::default()),
    })
}

/// Longest Han run (in chars) whose [`segment_zh`] buffers are kept for the
/// next call (about 2 MB of buffers).
const SEGMENTER_KEEP: usize = 1 << 16;

thread_local! {
    /// The buffers of [`segment_zh`], kept per thread: it runs once per
    /// clause, and most clauses are short.
    static SEGMENTER: RefCell<Segmenter> = RefCell::new(Segmenter::default());
}

/// [`segment_zh`] with the given buffers.
fn segment_zh_with<'a>(lex: &'a Lexicon, text: &str, seg: &mut Segmenter) -> Vec<ZhWord<'a>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut iter = text.char_indices().peekable();
    while let Some(&(i, c)) = iter.peek() {
        if is_han(c) {
            seg.pos.clear();
            while let Some(&(j, d)) = iter.peek() {
                if !is_han(d) {
                    break;
                }
                seg.pos.push(j);
                iter.next();
            }
            let end = iter.peek().map_or(text.len(), |&(j, _)| j);
            seg.pos.push(end);
            seg.run(lex, text, &mut out);
        } else if c.is_alphanumeric() {
            let mut all_digits = true;
            let mut end = i;
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() && !is_han(d) {
                    all_digits &= d.is_numeric();
                    end = j + d.len_utf8();
                    iter.next();
                } else if (d == '.' || d == ',') && all_digits {
                    // Keep "3.5" / "1,000" together; stop at a trailing dot.
                    let mut look = text[j + 1..].chars();
                    if look.next().is_some_and(|n| n.is_ascii_digit()) {
                        end = j + 1;
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(ZhWord {
                start: i,
                end,
                kind: if all_digits {
                    ZhWordKind::Number
                } else {
                    ZhWordKind::Latin
                },
                translations: None,
                stop: false,
            });
        } else {
            iter.next();
            if is_lexicon_symbol(c) {
                let end = i + c.len_utf8();
                if let Some(t) = lex.translations(&text[i..end]) {
                    out.push(ZhWord {
                        start: i,
                        end,
                        kind: ZhWordKind::Symbol,
                        translations: Some(t),
                        stop: false,
                    });
                }
            }
        }
    }
    out
}

/// Reusable buffers of [`segment_zh`].
#[derive(Default)]
struct Segmenter {
    /// Byte offsets of the chars of the current Han run, plus its end.
    pos: Vec<usize>,
    /// Best score of segmenting the first `k` chars: (words, unknown chars,
    /// sum of squared word lengths), compared lexicographically.
    best: Vec<(u32, u32, i64)>,
    /// Back pointer: (start char index, word entry or `u32::MAX` if unknown).
    back: Vec<(u32, u32)>,
}

impl Segmenter {
    /// Segments the Han run described by `self.pos` and appends to `out`.
    fn run<'a>(&mut self, lex: &'a Lexicon, text: &str, out: &mut Vec<ZhWord<'a>>) {
        let n = self.pos.len() - 1;
        let max = lex.max_chars.max(1);
        self.best.clear();
        self.best.resize(n + 1, (u32::MAX, u32::MAX, i64::MAX));
        self.best[0] = (0, 0, 0);
        self.back.clear();
        self.back.resize(n + 1, (0, u32::MAX));
        let bytes = text.as_bytes();
        for i in 0..n {
            let (bw, bu, bs) = self.best[i];
            // Length 1: a known single character, or an unknown one.
            let c = text[self.pos[i]..].chars().next().unwrap_or(' ');
            let single = match single_index(c) {
                Some(k) => lex.single.get(k).copied().unwrap_or(0).checked_sub(1),
                None => lex.find_word_hashed(
                    &bytes[self.pos[i]..self.pos[i + 1]],
                    hash_bytes(&bytes[self.pos[i]..self.pos[i + 1]]),
                ),
            };
            let cand = match single {
                Some(w) => ((bw + 1, bu, bs + 1), (i as u32, w)),
                None => ((bw + 1, bu + 1, bs + 1), (i as u32, u32::MAX)),
            };
            if cand.0 < self.best[i + 1] {
                self.best[i + 1] = cand.0;
                self.back[i + 1] = cand.1;
            }
            let lim = (i + max).min(n);
            for j in i + 2..=lim {
                let s = &bytes[self.pos[i]..self.pos[j]];
                let h = hash_bytes(s);
                if !lex.may_be_prefix(h) {
                    break;
                }
                let Some(w) = lex.find_word_hashed(s, h) else {
                    continue;
                };
                let len = (j - i) as i64;
                let cand = (bw + 1, bu, bs + len * len);
                if cand < self.best[j] {
                    self.best[j] = cand;
                    self.back[j] = (i as u32, w);
                }
            }
        }
        // Walk back and emit in order.
        let first = out.len();
        let mut j = n;
        while j > 0 {
            let (i, w) = self.back[j];
            let i = i as usize;
            let (start, end) = (self.pos[i], self.pos[j]);
            let (translations, stop) = if w == u32::MAX {
                (None, is_zh_stopword(text.get(start..end).unwrap_or("")))
            } else {
                (Some(lex.trans_of(w)), lex.is_stop_word_id(w))
            };
            out.push(ZhWord {
                start,
                end,
                kind: ZhWordKind::Han,
                translations,
                stop,
            });
            j = i;
        }
        out[first..].reverse();
    }
}

/// Whether a Chinese word is a function word that carries no alignment
/// evidence.
///
/// The list mirrors the English stopwords of [`is_en_stopword`]: structural
/// particles (的 地 得 之 所), aspect/modal particles (了 着 过 吗 呢 吧 啊),
/// personal and demonstrative pronouns (我们 您 他 其 此 这 该 本), the
/// copula and "have" (是 有), common conjunctions and prepositions (和 与 及
/// 或 而 在 于 对 从 以 为 被 把 由 向), negation and degree/time adverbs
/// (不 没有 很 都 也 就 又 还 已 将), modal verbs (会 能 可以 应 应当 必须),
/// localisers (上 中 下 内 里), quantifiers and ordinals (各 所有 任何 其他
/// 些 第 一 个 们 等), and the degree words 更 最. Traditional forms are
/// included. Content words such as 根据 "according to" or 关于 "about" are
/// deliberately *not* included, as their English translations are content
/// words. Note that 我们/您 are stopwords, as "we"/"you" are in English.
pub fn is_zh_stopword(word: &str) -> bool {
    word.len() <= 9 && crate::words::ZH_STOPWORDS.binary_search(&word).is_ok()
}

// ---------------------------------------------------------------------------
// English side
// ---------------------------------------------------------------------------

/// A word of an English text found by [`en_tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnToken {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input (a possessive `'s` is
    /// not included).
    pub end: usize,
    /// Snowball English stem of the lowercased word (the digits themselves
    /// for a number).
    pub stem: String,
    /// Whether the word is a stopword ([`is_en_stopword`]) or a single letter.
    pub stop: bool,
    /// Whether the word consists of digits only.
    pub numeric: bool,
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

/// The shared Snowball English stemmer.
fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Maximum number of words in the per-thread stem cache before it is cleared.
const STEM_CACHE_MAX: usize = 1 << 16;

/// Per-thread cache: lowercase word → (stem, stopword). Snowball costs
/// ~250 ns per word, a cache hit a few tens of ns, and word frequencies are
/// Zipfian.
type StemCache = HashMap<Box<str>, (Box<str>, bool), BuildHasherDefault<FxHasher>>;

thread_local! {
    static STEM_CACHE: RefCell<StemCache> = RefCell::new(StemCache::default());
}

/// Per-thread cache: lowercase word → (stem id, stopword), for the lexicon
/// whose serial is the first field (a different lexicon clears it).
type StemIdCache = HashMap<Box<str>, (Option<StemId>, bool), BuildHasherDefault<FxHasher>>;

thread_local! {
    static STEM_ID_CACHE: RefCell<(u64, StemIdCache)> =
        RefCell::new((u64::MAX, StemIdCache::default()));
}

/// Calls `f(stem, is_stopword)` for a lowercase word, using the per-thread
/// cache.
fn with_stem<R>(word: &str, f: impl FnOnce(&str, bool) -> R) -> R {
    if word.len() > 40 {
        return f(&stem_en(word), is_en_stopword(word));
    }
    STEM_CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return f(&stem_en(word), is_en_stopword(word));
        };
        if let Some((s, stop)) = cache.get(word) {
            return f(s, *stop);
        }
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        let s: Box<str> = stem_en(word).into();
        let stop = is_en_stopword(word);
        let r = f(&s, stop);
        cache.insert(word.into(), (s, stop));
        r
    })
}

/// Snowball English stem of a lowercase word (`"selling"` → `"sell"`,
/// `"information"` → `"inform"`, `"parties"` → `"parti"`).
///
/// Curly apostrophes are treated like `'`. The input should be lowercase;
/// this function does not lowercase it.
pub fn stem_en(word_lowercase: &str) -> String {
    if !word_lowercase.is_ascii() && word_lowercase.contains('\u{2019}') {
        let w = word_lowercase.replace('\u{2019}', "'");
        return stemmer().stem(&w).into_owned();
    }
    stemmer().stem(word_lowercase).into_owned()
}

/// The English stopwords of [`is_en_stopword`], sorted by bytes.
const EN_STOPWORDS: &[&str] = &[
    "'",
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ain",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "either",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he's",
    "her",
    "here",
    "hereby",
    "herein",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "i'm",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "she's",
    "should",
    "shouldn't",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "thereby",
    "therefore",
    "therein",
    "thereof",
    "thereto",
    "these",
    "they",
    "they're",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we're",
    "were",
    "weren't",
    "what",
    "when",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "you're",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Whether a lowercase English word is a stopword.
///
/// The list is the usual English function-word list (articles, pronouns,
/// auxiliaries, prepositions, conjunctions, negations and their contracted
/// forms, `one`), plus modal verbs (`shall`, `may`, `must`, `can`, `will`, …)
/// and a few legal/discourse fillers (`also`, `etc`, `hereby`, `thereof`, …),
/// matching the Chinese function words of [`is_zh_stopword`]. A curly
/// apostrophe counts as `'`.
pub fn is_en_stopword(word_lowercase: &str) -> bool {
    let w = word_lowercase;
    if !w.is_ascii() && w.contains('\u{2019}') {
        return is_en_stopword(&w.replace('\u{2019}', "'"));
    }
    w.len() <= 10 && EN_STOPWORDS.binary_search(&w).is_ok()
}

/// Calls `f(start, end, lowercase word, numeric)` for every word of an
/// English text (see [`en_tokens`] for what a word is).
fn for_each_en_word(text: &str, mut f: impl FnMut(usize, usize, &str, bool)) {
    let mut lower = String::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut prev = c;
        while let Some(&(j, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                prev = d;
                iter.next();
            } else if (d == '\'' || d == '\u{2019}') && prev.is_alphabetic() {
                let next = text[j + d.len_utf8()..].chars().next();
                if next.is_some_and(char::is_alphabetic) {
                    end = j + d.len_utf8();
                    prev = d;
                    iter.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let mut word = &text[start..end];
        // Drop a possessive 's.
        for suffix in ["'s", "'S", "\u{2019}s", "\u{2019}S"] {
            if let Some(w) = word.strip_suffix(suffix)
                && !w.is_empty()
            {
                word = w;
                break;
            }
        }
        let end = start + word.len();
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            for ch in word.chars() {
                if ch == '\u{2019}' {
                    lower.push('\'');
                } else {
                    lower.extend(ch.to_lowercase());
                }
            }
        }
        let numeric = lower.chars().all(char::is_numeric);
        f(start, end, &lower, numeric);
    }
}

/// Tokenizes English text into lowercase words with their stems.
///
/// A word is a maximal run of letters and digits; an apostrophe (`'` or `’`)
/// between two letters stays inside the word (`don't`), everything else
/// (hyphens, dots, slashes, …) separates words, so `IP-addresses` gives `ip`
/// and `address` and `e.g.` gives two single letters. A possessive `'s` is
/// dropped, and so is a trailing apostrophe (`users'` → `users`). Single
/// letters count as stopwords. Stems are cached per thread.
pub fn en_tokens(text: &str) -> Vec<EnToken> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for_each_en_word(text, |start, end, lower, numeric| {
        let single = lower.chars().nth(1).is_none();
        let (stem, stop) = if numeric {
            (lower.to_string(), false)
        } else {
            with_stem(lower, |s, stop| (s.to_string(), stop || single))
        };
        out.push(EnToken {
            start,
            end,
            stem,
            stop,
            numeric,
        });
    });
    out
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

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const MAIN: &str = "# comment\n\
        我们\twe\n\
        不会\tunlik\n\
        出售\tsell offer\n\
        个人\tindividu person\n\
        信息\tinform news messag\n\
        个人信息\tperson inform\n\
        您\tyou\n\
        的\tof\n\
        研究\tresearch studi\n\
        研究生\tgraduat student\n\
        生命\tlife\n\
        起源\torigin\n\
        命\tlife fate\n\
        bad line without tab\n";
    const SUPP: &str = "出售\tsale\n第三方\tthird parti\n";
    const ENT: &str = "微软\tMicrosoft|Microsoft Corporation\n欧盟\tEuropean Union|EU\n";

    fn small() -> Lexicon {
        Lexicon::from_tsv(MAIN, SUPP, ENT)
    }

    fn words<'a>(lex: &Lexicon, text: &'a str) -> Vec<&'a str> {
        segment_zh(lex, text)
            .into_iter()
            .map(|w| &text[w.start..w.end])
            .collect()
    }

    fn stems_of(lex: &Lexicon, zh: &str) -> Vec<String> {
        lex.translations(zh)
            .unwrap_or(&[])
            .iter()
            .map(|&s| lex.stem_str(s).to_string())
            .collect()
    }

    #[test]
    fn parse_small_and_merge_supplement() {
        let lex = small();
        assert_eq!(stems_of(&lex, "出售"), ["sell", "offer", "sale"]);
        assert_eq!(stems_of(&lex, "第三方"), ["third", "parti"]);
        assert!(lex.translations("个").is_none(), "prefix only");
        assert!(lex.translations("不存在").is_none());
        assert_eq!(lex.max_word_chars(), 4);
        assert!(lex.stem_id("sell").is_some());
        assert!(lex.stem_id("nonexistent").is_none());
        // Entities become words with the stems of their names.
        assert_eq!(
            lex.entity_names("微软"),
            Some(&["Microsoft".to_string(), "Microsoft Corporation".to_string()][..])
        );
        assert_eq!(stems_of(&lex, "微软"), ["microsoft", "corpor"]);
        assert_eq!(stems_of(&lex, "欧盟"), ["european", "union", "eu"]);
        assert_eq!(lex.entities().count(), 2);
        assert!(lex.entity_names("出售").is_none());
        assert_eq!(lex.num_entities(), 2);
        assert!(lex.headwords().any(|(w, _)| w == "研究生"));
    }

    #[test]
    fn empty_and_garbage_input() {
        let lex = Lexicon::from_tsv("", "\t\n\tx\nx\t\n", "a\t|\n");
        assert_eq!(lex.num_headwords(), 0);
        assert!(segment_zh(&lex, "").is_empty());
        let ws = segment_zh(&lex, "中文");
        assert_eq!(ws.len(), 2);
        assert!(ws.iter().all(|w| w.translations.is_none()));
    }

    #[test]
    fn segmentation_small() {
        let lex = small();
        assert_eq!(
            words(&lex, "我们不会出售您的个人信息。"),
            ["我们", "不会", "出售", "您", "的", "个人信息"]
        );
        assert_eq!(words(&lex, "研究生命起源"), ["研究", "生命", "起源"]);
        let text = "微软 Windows 10、iOS和3.5版本.";
        let ws = segment_zh(&lex, text);
        let got: Vec<(&str, ZhWordKind)> = ws.iter().map(|w| (w.text(text), w.kind)).collect();
        assert_eq!(
            got,
            [
                ("微软", ZhWordKind::Han),
                ("Windows", ZhWordKind::Latin),
                ("10", ZhWordKind::Number),
                ("iOS", ZhWordKind::Latin),
                ("和", ZhWordKind::Han),
                ("3.5", ZhWordKind::Number),
                ("版", ZhWordKind::Han),
                ("本", ZhWordKind::Han),
            ]
        );
        assert!(ws[4].stop && ws[4].translations.is_none());
    }

    #[test]
    fn english_tokens() {
        let toks = en_tokens("Don't sell users' data, e.g. IP-addresses.");
        let text = "Don't sell users' data, e.g. IP-addresses.";
        let got: Vec<(&str, &str, bool)> = toks
            .iter()
            .map(|t| (&text[t.start..t.end], t.stem.as_str(), t.stop))
            .collect();
        assert_eq!(
            got,
            [
                ("Don't", "don't", true),
                ("sell", "sell", false),
                ("users", "user", false),
                ("data", "data", false),
                ("e", "e", true),
                ("g", "g", true),
                ("IP", "ip", false),
                ("addresses", "address", false),
            ]
        );
        let toks = en_tokens("The Company’s 2 licences, 1999");
        let stems: Vec<&str> = toks.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(stems, ["the", "compani", "2", "licenc", "1999"]);
        assert!(toks[2].numeric && !toks[2].stop);
        assert!(en_tokens("  --  ").is_empty());
        assert_eq!(en_tokens("naïve Über")[1].stem, stem_en("über"));
    }

    #[test]
    fn stemming_and_stopwords() {
        assert_eq!(stem_en("selling"), "sell");
        assert_eq!(stem_en("information"), "inform");
        assert_eq!(stem_en("parties"), "parti");
        assert!(is_en_stopword("the"));
        assert!(is_en_stopword("shall"));
        assert!(is_en_stopword("don’t"));
        assert!(!is_en_stopword("data"));
        assert!(is_zh_stopword("的"));
        assert!(is_zh_stopword("我们"));
        assert!(!is_zh_stopword("出售"));
        assert!(!is_zh_stopword("信息"));
        let lex = small();
        assert_eq!(lex.en_word_id("Selling"), lex.stem_id("sell"));
    }

    #[test]
    fn stopword_lists_are_sorted() {
        // is_zh_stopword / is_en_stopword binary-search these lists.
        assert!(crate::words::ZH_STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(EN_STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(crate::words::ZH_STOPWORDS.iter().all(|w| is_zh_stopword(w)));
        assert!(EN_STOPWORDS.iter().all(|w| is_en_stopword(w)));
        assert!(!is_zh_stopword("") && !is_en_stopword(""));
    }

    #[test]
    fn repeated_unsorted_and_crlf_input() {
        // Unsorted, a repeated headword, CRLF line ends, tabs between stems.
        let main = "个人信息\tperson inform\r\n个人\tindividu\r\n个人\tperson\tprivat\r\n";
        let lex = Lexicon::from_tsv(main, "", "");
        assert_eq!(lex.num_headwords(), 2);
        assert_eq!(stems_of(&lex, "个人"), ["individu", "person", "privat"]);
        assert_eq!(lex.headwords().count(), 2);
        assert_eq!(words(&lex, "个人信息个人"), ["个人信息", "个人"]);
    }

    #[test]
    fn large_input_parsed_in_two_halves() {
        // Over 256 KB, so that `from_tsv` parses the halves on two threads
        // and merges them; a repeated headword spans both halves.
        let hw = |i: u32| -> String {
            [0x4E00 + i / 150, 0x4E00 + 3000 + i % 150]
                .iter()
                .filter_map(|&c| char::from_u32(c))
                .collect()
        };
        let n = 30_000u32;
        let mut main = String::new();
        for i in 0..n {
            main.push_str(&format!("{}\ts{} t{} u{}\n", hw(i), i % 977, i % 7, i));
        }
        main.push_str(&format!("{}\tlast\n", hw(5)));
        assert!(main.len() > 1 << 18);
        let lex = Lexicon::from_tsv(&main, "", "");
        assert_eq!(lex.num_headwords(), n as usize);
        for i in (0..n).step_by(7) {
            let mut want = vec![
                format!("s{}", i % 977),
                format!("t{}", i % 7),
                format!("u{i}"),
            ];
            if i == 5 {
                want.push("last".to_string());
            }
            assert_eq!(stems_of(&lex, &hw(i)), want, "headword {i}");
        }
        let text = format!("{}{}{}", hw(10), hw(29_999), hw(15_000));
        assert_eq!(words(&lex, &text), [hw(10), hw(29_999), hw(15_000)]);
        assert_eq!(lex.num_stems(), 977 + 7 + n as usize + 1);
    }

    #[test]
    fn symbols() {
        let lex = Lexicon::from_tsv("增长\tgrowth increas\n", "%\tper cent percent\n", "");
        let text = "增长15%，见§2";
        let ws = segment_zh(&lex, text);
        let got: Vec<(&str, ZhWordKind)> = ws.iter().map(|w| (w.text(text), w.kind)).collect();
        assert_eq!(
            got,
            [
                ("增长", ZhWordKind::Han),
                ("15", ZhWordKind::Number),
                ("%", ZhWordKind::Symbol),
                ("见", ZhWordKind::Han),
                ("2", ZhWordKind::Number),
            ]
        );
        assert_eq!(ws[2].translations.map(<[StemId]>::len), Some(3));
    }

    #[test]
    fn english_token_ids() {
        let lex = small();
        let text = "We never sell Personal Information to 3 parties.";
        let ids = lex.en_token_ids(text);
        let toks = en_tokens(text);
        assert_eq!(ids.len(), toks.len());
        for (i, t) in ids.iter().zip(&toks) {
            assert_eq!(
                (i.start, i.end, i.stop, i.numeric),
                (t.start, t.end, t.stop, t.numeric)
            );
            assert_eq!(
                i.stem,
                if t.numeric {
                    None
                } else {
                    lex.stem_id(&t.stem)
                }
            );
        }
        assert_eq!(ids[2].stem, lex.stem_id("sell"));
        assert_eq!(ids[4].stem, lex.stem_id("inform"));
        assert_eq!(ids[7].stem, lex.stem_id("parti"));
    }

    // ----- tests on the compiled-in data -----

    fn has(lex: &Lexicon, zh: &str, en_word: &str) -> bool {
        let stem = stem_en(&en_word.to_lowercase());
        lex.translations(zh)
            .is_some_and(|t| t.iter().any(|&s| lex.stem_str(s) == stem))
    }

    #[test]
    fn global_lexicon() {
        let lex = Lexicon::global();
        assert!(lex.num_headwords() > 100_000);
        assert!(lex.max_word_chars() >= 8);
        assert!(has(lex, "出售", "sell"));
        assert!(has(lex, "签署", "sign"));
        assert!(has(lex, "簽署", "sign"));
        assert!(has(lex, "电话", "telephone") && has(lex, "电话", "phone"));
        assert!(has(lex, "全名", "name"));
        assert!(has(lex, "地址", "address"));
        assert!(has(lex, "隐私", "privacy") && has(lex, "隱私", "privacy"));
        assert!(has(lex, "个人信息", "personal") && has(lex, "个人信息", "information"));
        assert!(has(lex, "個人資訊", "information"));
        assert!(has(lex, "第三方", "third") && has(lex, "第三方", "party"));
        assert!(has(lex, "被许可方", "licensee"));
        assert!(has(lex, "许可证", "licence"));
        assert!(has(lex, "微软", "Microsoft"));
        assert!(
            lex.entity_names("微软")
                .is_some_and(|n| n.iter().any(|n| n == "Microsoft"))
        );
        assert!(
            lex.entity_names("谷歌")
                .is_some_and(|n| n.iter().any(|n| n == "Google"))
        );
        assert!(
            lex.entity_names("欧盟")
                .is_some_and(|n| n.iter().any(|n| n == "EU"))
        );
        assert!(lex.entity_names("中文").is_none());
        assert!(lex.entity_names("佛教").is_none());
        let names = |zh: &str| {
            lex.entity_names(zh)
                .map(<[String]>::to_vec)
                .unwrap_or_default()
        };
        assert!(names("中华人民共和国").contains(&"PRC".to_string()));
        assert!(names("微信").contains(&"WeChat".to_string()));
        assert!(names("歐盟").contains(&"European Union".to_string()));
        assert!(lex.entities().count() > 5_000);
    }

    #[test]
    fn global_domain_terms() {
        let lex = Lexicon::global();
        for (zh, en) in [
            ("不可撤销", "irrevocable"),
            ("不可撤銷", "irrevocable"),
            ("著作权", "copyright"),
            ("专利", "patent"),
            ("商标", "trademark"),
            ("免版税", "royalty"),
            ("贡献者", "contributor"),
            ("许可方", "licensor"),
            ("数据主体", "subject"),
            ("处理者", "processor"),
            ("委员会", "committee"),
            ("议员", "member"),
            ("立法局", "legislative"),
            ("决议", "resolution"),
            ("缔约国", "state"),
            ("隐私政策", "policy"),
            ("%", "percent"),
        ] {
            assert!(has(lex, zh, en), "{zh} should translate to {en}");
        }
        // Glosses are cleaned: no classifier or pronunciation notes.
        assert!(!has(lex, "电话", "CL"));
        assert!(!has(lex, "年", "grain"), "variant-character senses dropped");
        // Supplement stems are real stems: lowercase, no spaces.
        for line in SUPPLEMENT_TSV.lines().filter(|l| !l.starts_with('#')) {
            let (_, stems) = line.split_once('\t').unwrap_or(("", "x"));
            assert!(
                stems
                    .split(' ')
                    .all(|s| !s.is_empty() && !s.chars().any(char::is_uppercase)),
                "{line}"
            );
        }
    }

    #[test]
    fn global_segmentation() {
        let lex = Lexicon::global();
        let text = "我们不会出售您的个人信息";
        assert_eq!(
            words(lex, text),
            ["我们", "不会", "出售", "您", "的", "个人信息"]
        );
        let text = "我們不會出售您的個人資訊";
        assert_eq!(
            words(lex, text),
            ["我們", "不會", "出售", "您", "的", "個人資訊"]
        );
        let ws = segment_zh(lex, "请签署本许可协议");
        assert!(ws.iter().all(|w| w.translations.is_some()));
        let text = "出售您的个人信息";
        let ws = segment_zh(lex, text);
        assert!(ws[1].stop && ws[2].stop && !ws[0].stop && !ws[3].stop);
        let sell = lex.stem_id(&stem_en("sell"));
        assert!(sell.is_some_and(|id| ws[0].translations.is_some_and(|t| t.contains(&id))));
    }
}
