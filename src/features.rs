//! Features: what the aligner compares about a clause.
//!
//! Every clause, in either language, becomes a bag of *units*: its content
//! words and its numbers. A unit carries *keys*: an English word's key is its
//! stem; a Chinese word's keys are the stems of its lexicon translations (and
//! the word itself); a Latin word inside Chinese text keys on its own stem; a
//! number keys on its value. Two units match when they share a key, so a
//! Chinese clause and an English clause are compared by how much of each bag
//! finds a partner in the other, and an English notice quoted inside the
//! Chinese half still matches the same notice in the English half.
//!
//! Keys are kept sorted with, for each key, a bit mask of the units that own
//! it; comparing two clauses is then one merge of two sorted lists, and
//! groups of clauses (the 2-1 and 1-2 beads) combine by OR-ing masks.

use rustc_hash::FxHashMap;

use crate::anchors::{Anchor, AnchorKind};
use crate::lang::{Lang, is_han, is_latin};
use crate::lexicon::{Lexicon, ZhWordKind};
use crate::numbering::LabelStyle;
use crate::segment::{Clause, ClauseKind};
use crate::text::SpanSet;
use crate::tokens::{self, ClauseTokens, Item, Tokens};

/// Units beyond this many share mask bits (bucketed), which only blurs very
/// long clauses a little.
pub const MASK_BITS: usize = 64;

/// Length of one Han character in the length unit (about three Latin letters).
pub const HAN_LENGTH: f64 = 3.0;

/// Characters of [`Features::literal`] kept: clauses without content words
/// are compared by their first this many characters.
pub const LITERAL_CHARS: usize = 120;

/// The comparable features of one clause.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Length in language-neutral units: Han characters count
    /// [`HAN_LENGTH`], letters and digits one.
    pub len: f64,
    /// Weight of each mask bit (units bucketed into [`MASK_BITS`] bits).
    pub bit_weights: Vec<f32>,
    /// Total weight of all units.
    pub weight: f32,
    /// Sorted keys, each with the mask of the unit bits that own it.
    pub keys: Vec<(u32, u64)>,
    /// Numbering label (style and value) the clause starts with.
    pub label: Option<(LabelStyle, u32)>,
    /// Whether the clause is a heading.
    pub heading: bool,
    /// Lower-cased text without spaces, cut to its first [`LITERAL_CHARS`]
    /// characters, for clauses without content words (`---`, `<tr>`,
    /// "| ----- |") that only match their own copies.
    pub literal: String,
    /// Each unit's identity (the word itself, or its key) and mask bit.
    pub units: Vec<(u32, u8)>,
}

impl Features {
    /// Sum of the weights of the bits set in `mask`.
    pub fn weight_of(&self, mask: u64) -> f32 {
        let mut m = mask;
        let mut total = 0.0;
        while m != 0 {
            let b = m.trailing_zeros() as usize;
            total += self.bit_weights.get(b).copied().unwrap_or(0.0);
            m &= m - 1;
        }
        total
    }
}

/// Ids for keys the lexicon does not know (numbers, unknown words), per document.
#[derive(Default, Debug)]
pub struct Interner {
    map: FxHashMap<String, u32>,
}

/// Keys at or above this value are document-local (from an [`Interner`]).
const LOCAL_BASE: u32 = 1 << 31;

impl Interner {
    /// The id of `s`, created on first use.
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = LOCAL_BASE + self.map.len() as u32;
        self.map.insert(s.to_string(), id);
        id
    }
}

/// Weights of unit kinds: numbers and names are strong evidence, a single
/// unknown Han character weak.
const W_WORD: f32 = 1.0;
const W_NUMBER: f32 = 1.5;
const W_LATIN_IN_ZH: f32 = 1.5;
const W_UNKNOWN_HAN: f32 = 0.3;

/// A unit before weighting: base weight, identity (for document
/// frequencies) and keys (a range of [`Builder::keys`]).
struct Unit {
    weight: f32,
    identity: u32,
    keys: (u32, u32),
}

/// The units of the clauses of one half, in clause order. The units and
/// their keys share two vectors for the whole half, so a clause costs no
/// allocation of its own.
#[derive(Default)]
struct Builder {
    units: Vec<Unit>,
    keys: Vec<u32>,
}

impl Builder {
    /// Adds a unit whose keys are `keys` (its identity is the last key); a
    /// unit without keys is dropped.
    fn push(&mut self, weight: f32, keys: impl IntoIterator<Item = u32>) {
        let start = self.keys.len();
        self.keys.extend(keys);
        let end = self.keys.len();
        if let Some(&identity) = self.keys.last()
            && end > start
        {
            self.units.push(Unit {
                weight,
                identity,
                keys: (start as u32, end as u32),
            });
        }
    }

    /// The keys of `unit`.
    fn keys_of(&self, unit: &Unit) -> &[u32] {
        &self.keys[unit.keys.0 as usize..unit.keys.1 as usize]
    }
}

/// Compute the features of the clauses of one half. Unit weights are scaled
/// by inverse document frequency within the half: a word found in most
/// clauses ("data", 我们) says little about which clauses translate each other.
pub fn extract(
    clauses: &[Clause],
    tokens: &Tokens,
    anchors: &[Vec<Anchor>],
    lex: &Lexicon,
    interner: &mut Interner,
) -> Vec<Features> {
    let mut b = Builder::default();
    let mut scratch = String::new();
    // The range of `b.units` of each clause.
    let spans: Vec<(usize, usize)> = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let start = b.units.len();
            let anchors = anchors.get(i).map_or(&[][..], Vec::as_slice);
            let mut spare = Tokens::default();
            let layer = tokens.clause_of(i, c.body_text(), lex, &mut spare);
            units_of(c, layer, anchors, lex, interner, &mut b, &mut scratch);
            (start, b.units.len())
        })
        .collect();
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    let mut ids: Vec<u32> = Vec::new();
    for &(start, end) in &spans {
        ids.clear();
        ids.extend(b.units[start..end].iter().map(|u| u.identity));
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            *df.entry(id).or_insert(0) += 1;
        }
    }
    let n = clauses.len().max(1) as f32;
    for u in &mut b.units {
        let d = df.get(&u.identity).copied().unwrap_or(1) as f32;
        u.weight *= (1.0 + n / d).ln().clamp(0.3, 4.0);
    }
    clauses
        .iter()
        .zip(spans)
        .map(|(c, (start, end))| features_of(c, &b, &b.units[start..end]))
        .collect()
}

/// Byte ranges of bracketed asides written in the other language, such as a
/// Chinese sentence's "(The English version is below.)": notes about the
/// document rather than part of the translation, so they are not compared.
/// Short asides (a term, a name: "(GDPR)", "(Personal Information)") are
/// kept: they are good anchors.
pub fn foreign_asides(text: &str, lang: Lang) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Most clauses have no brackets at all: a byte scan settles them.
    if !text.as_bytes().contains(&b'(') && !text.contains('（') {
        return out;
    }
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && let Some(start) = open.take()
                {
                    let end = i + c.len_utf8();
                    let inner = &text[start..end];
                    // A phrase, not a Markdown link target or a URL.
                    let phrase =
                        inner.split_whitespace().count() >= 4 && !text[..start].ends_with(']');
                    let counts = crate::lang::ScriptCounts::of(inner);
                    let foreign = phrase
                        && match lang {
                            Lang::Zh => {
                                counts.latin_words >= 5
                                    && counts.latin_words as f64 * 1.6 > counts.han as f64
                            }
                            Lang::En => {
                                counts.han >= 8
                                    && counts.han as f64 > counts.latin_words as f64 * 1.6
                            }
                        };
                    if foreign {
                        out.push((start, end));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn units_of(
    clause: &Clause,
    layer: ClauseTokens,
    anchors: &[Anchor],
    lex: &Lexicon,
    interner: &mut Interner,
    b: &mut Builder,
    scratch: &mut String,
) {
    let text = clause.body_text();
    let asides = SpanSet::new(foreign_asides(text, clause.lang));
    let in_aside = |pos: usize| asides.holds(pos);
    // Numbers, dates and contacts compare by normalised value (十五 = 15,
    // 2024.8.6 = August 6, 2024); their words and digits are not read again.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for a in anchors {
        if !matches!(
            a.kind,
            AnchorKind::Number
                | AnchorKind::Date
                | AnchorKind::Email
                | AnchorKind::Url
                | AnchorKind::Phone
        ) || in_aside(a.start)
        {
            continue;
        }
        covered.push((a.start, a.end));
        let keys = a.value.point_keys();
        b.push(W_NUMBER, keys.iter().map(|k| interner.id(k)));
    }
    let covered = SpanSet::new(covered);
    let in_anchor = |start: usize, end: usize| covered.contains(start, end);
    let in_zh = clause.lang == Lang::Zh;
    let kept = layer
        .pieces
        .iter()
        .filter(|p| !in_aside(p.start) && !in_anchor(p.start, p.end));
    for item in tokens::items(kept) {
        let (start, end) = match item {
            Item::Word(w) => {
                if !w.stop && (w.kind == ZhWordKind::Han || w.known) {
                    let word = interner.id(&text[w.start..w.end]);
                    let weight = if w.known { W_WORD } else { W_UNKNOWN_HAN };
                    let translations = layer.translations(w);
                    b.push(weight, translations.iter().copied().chain([word]));
                }
                continue;
            }
            Item::Run(start, end) => (start, end),
        };
        // A stretch of Latin words and numbers: read it as English.
        let mut unit = |start: usize, end: usize, stem: Option<u32>, stop, numeric, lower: &str| {
            let word = &text[start..end];
            if in_anchor(start, end) {
                return;
            }
            if numeric {
                // "#" and the value's digits without leading zeros, built
                // in a reused buffer.
                scratch.clear();
                scratch.push('#');
                scratch.extend(
                    word.chars()
                        .filter(char::is_ascii_digit)
                        .skip_while(|&c| c == '0'),
                );
                b.push(W_NUMBER, [interner.id(scratch)]);
                return;
            }
            if stop {
                return;
            }
            // Words the lexicon does not know (names, brands) match by spelling.
            let key = match stem {
                Some(id) => id,
                // An ASCII word's lowercase form is `lower` already.
                None if word.is_ascii() => interner.id(lower),
                None => interner.id(&word.to_lowercase()),
            };
            b.push(if in_zh { W_LATIN_IN_ZH } else { W_WORD }, [key]);
        };
        // The layer's words when the stretch is (part of) one of its runs;
        // a stretch joined across left-out pieces is read again.
        match layer.words_in(text, start, end) {
            Some(words) => {
                for w in words {
                    unit(w.start, w.end, w.stem, w.stop, w.numeric, layer.lower(w));
                }
            }
            None => lex.for_each_en_token_id(&text[start..end], |t, lower| {
                unit(
                    start + t.start,
                    start + t.end,
                    t.stem,
                    t.stop,
                    t.numeric,
                    lower,
                );
            }),
        }
    }
}

/// The features of `clause` from its weighted `units` (part of `b.units`).
fn features_of(clause: &Clause, b: &Builder, clause_units: &[Unit]) -> Features {
    let n = clause_units.len();
    let mut bit_weights = vec![0f32; n.min(MASK_BITS)];
    let n_keys = clause_units
        .iter()
        .map(|u| (u.keys.1 - u.keys.0) as usize)
        .sum();
    let mut keys: Vec<(u32, u64)> = Vec::with_capacity(n_keys);
    let mut weight = 0.0;
    let mut units = Vec::with_capacity(n);
    for (u, unit) in clause_units.iter().enumerate() {
        let bit = if n <= MASK_BITS { u } else { u * MASK_BITS / n };
        units.push((unit.identity, bit as u8));
        bit_weights[bit] += unit.weight;
        weight += unit.weight;
        for &key in b.keys_of(unit) {
            keys.push((key, 1u64 << bit));
        }
    }
    keys.sort_unstable_by_key(|&(k, _)| k);
    keys.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 |= later.1;
            true
        } else {
            false
        }
    });
    let asides = foreign_asides(&clause.text, clause.lang);
    let aside_len: f64 = asides
        .iter()
        .map(|&(a, e)| clause_length(&clause.text[a..e]))
        .sum();
    Features {
        len: clause_length(&clause.text) - aside_len,
        bit_weights,
        weight,
        keys,
        label: clause
            .label
            .as_ref()
            .filter(|l| l.is_numbered())
            .and_then(|l| Some((l.style, l.value()?))),
        heading: clause.kind == ClauseKind::Heading,
        units,
        literal: literal_of(&clause.text),
    }
}

/// [`Features::literal`] of a clause text: its first [`LITERAL_CHARS`]
/// characters after dropping whitespace and lowercasing (only these are
/// ever compared).
fn literal_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * LITERAL_CHARS));
    let mut chars = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        // ASCII and Han (which has no case) skip the Unicode case tables.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            chars += 1;
        } else if is_han(c) {
            out.push(c);
            chars += 1;
        } else {
            for l in c.to_lowercase() {
                if chars == LITERAL_CHARS {
                    break;
                }
                out.push(l);
                chars += 1;
            }
        }
        if chars == LITERAL_CHARS {
            break;
        }
    }
    out
}

impl Features {
    /// Give units more keys: `extra` maps a unit identity to keys learned
    /// for it (see [`crate::align::learn_translations`]).
    pub fn add_keys(&mut self, extra: &FxHashMap<u32, Vec<u32>>) {
        let mut added = false;
        for &(ident, bit) in &self.units {
            if let Some(keys) = extra.get(&ident) {
                for &k in keys {
                    self.keys.push((k, 1u64 << bit));
                    added = true;
                }
            }
        }
        if added {
            self.keys.sort_unstable_by_key(|&(k, _)| k);
            self.keys.dedup_by(|later, earlier| {
                if later.0 == earlier.0 {
                    earlier.1 |= later.1;
                    true
                } else {
                    false
                }
            });
        }
    }
}

/// Length of a text in the neutral unit (see [`HAN_LENGTH`]).
pub fn clause_length(text: &str) -> f64 {
    let mut len = 0.0;
    if text.is_ascii() {
        // The common English clause: no Han, and the Latin letters are the
        // ASCII ones.
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                len += 1.0;
            }
        }
        return len;
    }
    for c in text.chars() {
        if is_han(c) {
            len += HAN_LENGTH;
        } else if is_latin(c) || c.is_ascii_digit() {
            len += 1.0;
        }
    }
    len
}

/// Masks of the units of `a` and of `b` that share a key with the other clause.
pub fn matches(a: &Features, b: &Features) -> (u64, u64) {
    let (x, y) = (&a.keys, &b.keys);
    let (mut i, mut j) = (0, 0);
    let (mut ma, mut mb) = (0u64, 0u64);
    while i < x.len() && j < y.len() {
        let (kx, kx_mask) = x[i];
        let (ky, ky_mask) = y[j];
        if kx == ky {
            ma |= kx_mask;
            mb |= ky_mask;
            i += 1;
            j += 1;
        } else if kx < ky {
            i += 1;
        } else {
            j += 1;
        }
    }
    (ma, mb)
}
