//! Bound words around a number: Chinese prefixes (`至少`, `不超过`, `年满`)
//! and suffixes (`以上`, `以内`), English phrases before (`at least`, `no
//! more than`, `within`) and after (`or more`). The words are in
//! `data/words/anchors/{zh,en}-bound*.tsv` and `en-bounds-before.tsv`.

use crate::anchors::Bound;
use crate::anchors::doc::{Doc, is_latin_alnum};
use crate::words::{
    ANCHORS_EN_BOUND_SUFFIXES, ANCHORS_EN_BOUNDS_BEFORE, ANCHORS_ZH_BOUND_NEGATION_GAP,
    ANCHORS_ZH_BOUND_PREFIXES, ANCHORS_ZH_BOUND_SUFFIXES, ZH_NEGATING_CHARS,
};

/// A Chinese bound word ending right before `e`: (length in chars, bound,
/// whether it speaks of reaching an age, as 年满 does).
/// A negating character before the word (past one modal character:
/// 不得少于, 不会超过) turns it around and belongs to it.
pub(super) fn zh_bound_before(doc: &Doc, e: usize) -> Option<(usize, Bound, bool)> {
    let (w, b, age) = *ANCHORS_ZH_BOUND_PREFIXES
        .iter()
        .find(|r| doc.ends_with(e, r.0))?;
    let len = w.chars().count();
    let mut p = e - len;
    if p > 0
        && ANCHORS_ZH_BOUND_NEGATION_GAP
            .binary_search(&doc.before(p))
            .is_ok()
    {
        p -= 1;
    }
    if p > 0 && ZH_NEGATING_CHARS.contains(&doc.before(p)) {
        return Some((e - p + 1, negated(b), age));
    }
    Some((len, b, age))
}

/// The bound a negation makes of `b`: not at least is under, not more than
/// is at most.
fn negated(b: Bound) -> Bound {
    match b {
        Bound::AtLeast => Bound::Under,
        Bound::Under => Bound::AtLeast,
        Bound::Over => Bound::AtMost,
        Bound::AtMost => Bound::Over,
        other => other,
    }
}

/// A Chinese bound word starting at `p`: (length in chars, bound).
pub(super) fn zh_bound_after(doc: &Doc, p: usize) -> Option<(usize, Bound)> {
    ANCHORS_ZH_BOUND_SUFFIXES
        .iter()
        .find(|r| doc.starts_with(p, r.0))
        .map(|&(w, b)| (w.chars().count(), b))
}

/// An English bound phrase starting at `q` (`or more`), whole words and
/// any case: (length in chars, bound).
pub(super) fn en_bound_after(doc: &Doc, q: usize) -> Option<(usize, Bound)> {
    ANCHORS_EN_BOUND_SUFFIXES
        .iter()
        .find(|&&(pat, _)| doc.starts_with_ci(q, pat) && !is_latin_alnum(doc.at(q + pat.len())))
        .map(|&(pat, b)| (pat.len(), b))
}

/// What the words before an English number make of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum BoundWord {
    /// A bound (`at least 18`).
    B(Bound),
    /// `between`: the number opens a range (`between 3 and 5`).
    Between,
}

/// Bound phrase ending right before the number; `w1` is the nearest word,
/// `w3` the farthest. The longest phrase of `en-bounds-before.tsv` that
/// ends the three words wins.
pub(super) fn en_bound_before(w1: &str, w2: &str, w3: &str) -> Option<BoundWord> {
    if w1 == "between" {
        return Some(BoundWord::Between);
    }
    let before = [w1, w2, w3];
    let mut best: Option<(usize, Bound)> = None;
    for &(phrase, bound) in ANCHORS_EN_BOUNDS_BEFORE {
        let n = phrase.split(' ').count();
        let ends_here =
            n <= before.len() && phrase.split(' ').rev().zip(before).all(|(p, w)| p == w);
        if ends_here && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, bound));
        }
    }
    best.map(|(_, b)| BoundWord::B(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins() {
        let b = |w1, w2, w3| en_bound_before(w1, w2, w3);
        assert_eq!(b("exceeding", "not", ""), Some(BoundWord::B(Bound::AtMost)));
        assert_eq!(b("exceeding", "", ""), Some(BoundWord::B(Bound::Over)));
        assert_eq!(b("than", "more", "no"), Some(BoundWord::B(Bound::AtMost)));
        assert_eq!(b("than", "more", "much"), Some(BoundWord::B(Bound::Over)));
        assert_eq!(b("exceed", "to", "not"), Some(BoundWord::B(Bound::AtMost)));
        assert_eq!(b("between", "", ""), Some(BoundWord::Between));
        assert_eq!(b("of", "excess", "in"), Some(BoundWord::B(Bound::Over)));
        assert_eq!(b("of", "excess", ""), None);
        assert_eq!(b("the", "", ""), None);
    }
}
