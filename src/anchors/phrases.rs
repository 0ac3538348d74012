//! Indexes over the word lists of `data/words/anchors/` that are looked up
//! at every character or word of a clause: Chinese phrase tables (look-alikes
//! such as 未来 or 统一, cue words such as 不得) indexed by one *trigger*
//! character of each word, and hash indexes over English word lists (month
//! names, negation words). Both are built on first use.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::doc::Doc;

/// A table of Chinese words indexed by one trigger character of each word.
/// A look-up at a character tries the words whose trigger it is, in table
/// order, so the first matching row wins: a longer word goes above a
/// shorter one it contains.
pub(super) struct PhraseTable {
    map: FxHashMap<char, Vec<Phrase>>,
}

/// One word of a [`PhraseTable`].
struct Phrase {
    chars: Vec<char>,
    /// Offset of the trigger character in `chars`.
    trigger: usize,
    /// Row of the word in the table it was built from.
    row: usize,
}

/// Where a [`PhraseTable`] word matched: its start and end (character
/// indices) and its row in the table.
#[derive(Clone, Copy, Debug)]
pub(super) struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub row: usize,
}

impl PhraseTable {
    /// Builds the table from `(word, offset of the trigger character)`
    /// pairs, one per row.
    pub fn new<'w>(rows: impl Iterator<Item = (&'w str, usize)>) -> Self {
        let mut map: FxHashMap<char, Vec<Phrase>> = FxHashMap::default();
        for (row, (w, trigger)) in rows.enumerate() {
            let chars: Vec<char> = w.chars().collect();
            if let Some(&t) = chars.get(trigger) {
                map.entry(t).or_default().push(Phrase {
                    chars,
                    trigger,
                    row,
                });
            }
        }
        PhraseTable { map }
    }

    /// Is `c` the trigger character of some word?
    pub fn is_trigger(&self, c: char) -> bool {
        self.map.contains_key(&c)
    }

    /// First word (in table order) whose trigger character is at `i` and
    /// which matches the document there.
    pub fn find(&self, doc: &Doc, i: usize) -> Option<PhraseMatch> {
        self.find_where(doc, i, |_| true)
    }

    /// Like [`PhraseTable::find`], skipping words whose start fails `keep`.
    pub fn find_where(
        &self,
        doc: &Doc,
        i: usize,
        keep: impl Fn(usize) -> bool,
    ) -> Option<PhraseMatch> {
        let cands = self.map.get(&doc.at(i))?;
        for p in cands {
            if p.trigger > i || !keep(i - p.trigger) {
                continue;
            }
            let s = i - p.trigger;
            if p.chars.iter().enumerate().all(|(k, &c)| doc.at(s + k) == c) {
                return Some(PhraseMatch {
                    start: s,
                    end: s + p.chars.len(),
                    row: p.row,
                });
            }
        }
        None
    }
}

/// A hash index over the first column of a word table, for lists read at
/// every word of a clause (a binary search there costs a string comparison
/// per step).
pub(super) struct WordIndex<R: 'static> {
    table: &'static [R],
    word: fn(&R) -> &'static str,
    map: OnceLock<FxHashMap<&'static str, usize>>,
}

impl<R> WordIndex<R> {
    /// An index over `table`, keyed by `word` of each row.
    pub const fn new(table: &'static [R], word: fn(&R) -> &'static str) -> Self {
        WordIndex {
            table,
            word,
            map: OnceLock::new(),
        }
    }

    /// The row of `w`, if the table has it.
    pub fn get(&self, w: &str) -> Option<&'static R> {
        let map = self.map.get_or_init(|| {
            let mut m = FxHashMap::default();
            for (i, r) in self.table.iter().enumerate() {
                m.entry((self.word)(r)).or_insert(i);
            }
            m
        });
        map.get(w).and_then(|&i| self.table.get(i))
    }

    /// Does the table have `w`?
    pub fn contains(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_row_wins_and_offsets_reach_back() {
        let t = PhraseTable::new([("不少于", 0), ("不少", 0), ("毫不", 1)].into_iter());
        let doc = Doc::new("不少于毫不");
        let m = t.find(&doc, 0).unwrap();
        assert_eq!((m.start, m.end, m.row), (0, 3, 0));
        let m = t.find(&doc, 4).unwrap();
        assert_eq!((m.start, m.end, m.row), (3, 5, 2));
        assert!(t.find_where(&doc, 4, |s| s != 3).is_none());
        assert!(t.is_trigger('不') && !t.is_trigger('毫'));
        assert!(t.find(&doc, 1).is_none());
    }

    #[test]
    fn word_index() {
        static WORDS: &[(&str, u8)] = &[("may", 5), ("june", 6)];
        static INDEX: WordIndex<(&str, u8)> = WordIndex::new(WORDS, |r| r.0);
        assert_eq!(INDEX.get("june"), Some(&("june", 6)));
        assert!(INDEX.contains("may") && !INDEX.contains("jun"));
    }
}
