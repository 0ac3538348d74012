//! Parsing the lexicon's TSV files and indexing them into [`Tables`]
//! (for [`Lexicon::from_tsv`](super::Lexicon::from_tsv), and at build time
//! for the built-in lexicon).
//!
//! `zh-en.tsv` and `supplement.tsv` have lines `中文词<TAB>stem1 stem2 ...`;
//! `entities.tsv` has lines `中文名<TAB>English Name|Other Name`. Empty lines
//! and lines starting with `#` are ignored.

use std::borrow::Cow;

use super::ZH_STOPWORDS;
use super::english::en_tokens;
use super::entities::{EntityTable, entity_names_of, split_entity_line};
use super::hash::{PrefixFilter, hash_bytes};
use super::interner::{Slot, StrInterner, slots_for};
use super::tables::{DEAD, SINGLE_LEN, Span, StemId, Tables, single_index};

/// Parses and indexes the text of the three data files (see
/// [`Lexicon::from_tsv`](super::Lexicon::from_tsv)).
///
/// A large `main` (over 256 KB) is parsed in two halves on two threads
/// (scoped; if no thread can be spawned, sequentially), then merged.
pub(super) fn build(main: &str, supplement: &str, entities: &str) -> Tables {
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
    let (mut b, rest) = std::thread::scope(|scope| {
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
    b.merge(rest);
    b.merge(Chunk::parse(supplement, count(supplement), bloom_bits));
    let pending = std::mem::take(&mut b.pending);
    b.words.slots = Cow::Owned(vec![
        Slot::default();
        slots_for(pending.len() + n_lines / 16)
    ]);

    // Pass 2: index the headwords. Inserting in slot order (a counting
    // sort on the top bits of the slot index) keeps the memory accesses
    // local, which matters for a table of several megabytes.
    let slots = b.words.slots.len();
    let shift = slots.trailing_zeros().saturating_sub(12);
    let bucket = |s: &Slot| (s.hash32() as usize & (slots - 1)) >> shift;
    let n_buckets = (slots >> shift) + 1;
    let mut starts = vec![0u32; n_buckets + 1];
    for p in &pending {
        starts[bucket(p) + 1] += 1;
    }
    for k in 0..n_buckets {
        starts[k + 1] += starts[k];
    }
    let mut sorted = vec![Slot::default(); pending.len()];
    for p in &pending {
        let k = bucket(p);
        sorted[starts[k] as usize] = *p;
        starts[k] += 1;
    }
    drop(pending);
    let mut n_words = 0;
    let mut repeated = Vec::new();
    for &slot in &sorted {
        match b.words.index(slot) {
            Ok(()) => n_words += 1,
            Err(first) => repeated.push((first, slot.id())),
        }
    }
    drop(sorted);
    // Repeated headwords: merge into the first occurrence, in file order.
    repeated.sort_unstable_by_key(|&(_, later)| later);
    for (first, later) in repeated {
        let span = b.word_trans[later as usize];
        b.merge_trans(first, span);
        b.word_trans[later as usize] = DEAD;
    }

    // Pass 3: make sure every entity is a headword (the generated
    // zh-en.tsv already contains them all with the stems of their names).
    for line in entities.split('\n') {
        if let Some((zh, field)) = split_entity_line(line)
            && b.add_entity_word(zh, entity_names_of(field))
        {
            n_words += 1;
        }
    }

    // Segmentation helpers: single characters and stopwords.
    let mut single = vec![0; SINGLE_LEN];
    for w in 0..b.words.len() as u32 {
        if b.words.bytes(w).len() == 3
            && b.word_trans.get(w as usize) != Some(&DEAD)
            && let Some(c) = b.words.get(w).chars().next()
            && let Some(slot) = single_index(c).and_then(|i| single.get_mut(i))
        {
            *slot = w + 1;
        }
    }
    let mut stop_bits = vec![0u64; b.words.len() / 64 + 1];
    for sw in ZH_STOPWORDS.iter() {
        if let Some(w) = b.words.find(sw) {
            stop_bits[w as usize / 64] |= 1 << (w % 64);
        }
    }
    Tables {
        stems: b.stems,
        words: b.words,
        word_trans: Cow::Owned(b.word_trans),
        trans: Cow::Owned(b.trans),
        prefixes: b.prefixes,
        single: Cow::Owned(single),
        stop_bits: Cow::Owned(stop_bits),
        entities: EntityTable::parse(entities),
        n_words,
        max_chars: b.max_chars,
    }
}

/// Part of a `zh-en.tsv`-style text, parsed: interned stems, translations
/// and (unindexed) headwords in file order. Pass 1 of [`build`] parses
/// chunks in parallel and merges them in file order; the later passes index
/// and complete the merged chunk.
struct Chunk {
    /// Stems of this chunk.
    stems: StrInterner,
    /// Translations (ids of `stems`).
    trans: Vec<StemId>,
    /// Headwords, not indexed yet.
    words: StrInterner,
    /// Per headword: its translations, a span of `trans`.
    word_trans: Vec<Span>,
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
            stems: StrInterner::with_capacity(lines / 3, lines),
            trans: Vec::with_capacity(text.len() / 6 + 16),
            words: StrInterner {
                arena: Cow::Owned(Vec::with_capacity(text.len() / 3)),
                spans: Cow::Owned(Vec::with_capacity(lines)),
                slots: Cow::Owned(Vec::new()),
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
            c.word_trans.push(Span {
                off: off as u32,
                len: (c.trans.len() - off) as u32,
            });
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
        self.words
            .arena
            .to_mut()
            .extend_from_slice(&other.words.arena);
        self.words
            .spans
            .to_mut()
            .extend(other.words.spans.iter().map(|&s| Span {
                off: s.off + arena_shift,
                len: s.len,
            }));
        self.word_trans
            .extend(other.word_trans.iter().map(|&s| Span {
                off: s.off + trans_shift,
                len: s.len,
            }));
        self.pending.extend(other.pending.iter().map(|s| Slot {
            key: s.key,
            meta: (s.meta & 0xFFFF_FFFF_0000_0000) | u64::from(s.id() + word_shift + 1),
        }));
        self.prefixes.union(&other.prefixes);
        self.max_chars = self.max_chars.max(other.max_chars);
    }

    /// Adds an entity's Chinese name as a headword translating to the stems
    /// of its English names, unless it is a headword already or its names
    /// have no content word; tells whether it was added.
    fn add_entity_word<'n>(&mut self, zh: &str, names: impl Iterator<Item = &'n str>) -> bool {
        if self.words.find(zh).is_some() {
            return false;
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
            return false;
        }
        let chars = self.prefixes.add(zh, 0);
        self.max_chars = self.max_chars.max(chars);
        self.words.intern(zh);
        self.word_trans.push(Span {
            off: off as u32,
            len: (self.trans.len() - off) as u32,
        });
        true
    }

    /// Adds the stems `trans[add]` to headword `w`'s translations.
    fn merge_trans(&mut self, w: u32, add: Span) {
        let old = self.word_trans[w as usize];
        if self.trans[add.range()]
            .iter()
            .all(|s| self.trans[old.range()].contains(s))
        {
            return;
        }
        // Copy the old block to the end and append the new stems.
        let new_off = self.trans.len();
        self.trans.extend_from_within(old.range());
        for k in add.range() {
            let s = self.trans[k];
            if !self.trans[new_off..].contains(&s) {
                self.trans.push(s);
            }
        }
        self.word_trans[w as usize] = Span {
            off: new_off as u32,
            len: (self.trans.len() - new_off) as u32,
        };
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
pub(super) fn split_line(line: &str) -> Option<(&str, &str)> {
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
