//! Chinese phrase tables: word lists looked up at every character of a
//! clause (look-alikes such as 未来 or 统一, cue words such as 不得), indexed
//! by one *trigger* character of each word.

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
}
