//! Word links inside an aligned pair: which content word of one side
//! translates which word of the other.
//!
//! Every two words that share a translation key (a lexicon stem, or the
//! spelling of a word the lexicon does not know, such as a name) are
//! candidates. Competitive linking (Melamed 2000) takes the surest
//! candidates first, each word linked at most once: a candidate is surer
//! when its words have few other candidates, and when they stand at about
//! the same place in their sentences. The rules read the links to follow a
//! cue's governed word to its translation.

use rustc_hash::FxHashMap;

use super::context::Context;
use super::tokens::Token;
use crate::align::AlignedPair;
use crate::lang::Lang;

/// How many candidates per key a word takes, nearest to its place first.
const NEAREST: usize = 8;

/// A content word of one side of a pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word<'a> {
    /// The clause it is in.
    pub(crate) clause: usize,
    /// The word.
    pub(crate) token: &'a Token,
    /// Position in its side, from 0 to 1.
    rel: f32,
}

/// One side's words of a pair, and for each its link and candidate count.
#[derive(Debug, Default)]
struct SideWords<'a> {
    words: Vec<Word<'a>>,
    link: Vec<Option<usize>>,
    candidates: Vec<u32>,
}

/// The content words of both sides of a pair, linked.
#[derive(Debug)]
pub(crate) struct PairWords<'a> {
    zh: SideWords<'a>,
    en: SideWords<'a>,
}

impl<'a> PairWords<'a> {
    /// Link the words of the clauses of `pair`.
    pub(crate) fn new(ctx: &'a Context, pair: &AlignedPair) -> PairWords<'a> {
        let words = |lang: Lang, ids: &[usize]| -> SideWords<'a> {
            let mut words: Vec<Word> = ids
                .iter()
                .flat_map(|&id| {
                    ctx.tokens(lang, id).iter().map(move |t| Word {
                        clause: id,
                        token: t,
                        rel: 0.0,
                    })
                })
                .collect();
            let n = words.len().max(2) as f32 - 1.0;
            for (k, w) in words.iter_mut().enumerate() {
                w.rel = k as f32 / n;
            }
            SideWords {
                link: vec![None; words.len()],
                candidates: vec![0; words.len()],
                words,
            }
        };
        let mut pw = PairWords {
            zh: words(Lang::Zh, &pair.zh),
            en: words(Lang::En, &pair.en),
        };
        pw.link_all();
        pw
    }

    fn side(&self, lang: Lang) -> &SideWords<'a> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The words of one side, in text order.
    pub(crate) fn words(&self, lang: Lang) -> &[Word<'a>] {
        &self.side(lang).words
    }

    /// The word of the other side that word `i` of `lang` translates.
    pub(crate) fn link(&self, lang: Lang, i: usize) -> Option<usize> {
        self.side(lang).link.get(i).copied().flatten()
    }

    /// The other side's words, other than its link, that share a key with
    /// word `i` of `lang`: where else the word may be translated ("respond"
    /// twice in a sentence for one 回应).
    pub(crate) fn rivals(&self, lang: Lang, i: usize) -> Vec<usize> {
        let Some(j) = self.link(lang, i) else {
            return Vec::new();
        };
        let keys = &self.words(lang)[i].token.keys;
        self.words(lang.other())
            .iter()
            .enumerate()
            .filter(|&(k, w)| k != j && w.token.keys.iter().any(|x| keys.iter().any(|y| x == y)))
            .map(|(k, _)| k)
            .collect()
    }

    /// How sure the link of word `i` is: 1 when neither word had another
    /// candidate, less the more candidates either had, 0 without a link.
    pub(crate) fn link_strength(&self, lang: Lang, i: usize) -> f64 {
        let Some(j) = self.link(lang, i) else {
            return 0.0;
        };
        let a = self.side(lang).candidates[i].max(1);
        let b = self.side(lang.other()).candidates[j].max(1);
        1.0 / (f64::from(a) * f64::from(b)).sqrt()
    }

    /// The index of the word of clause `clause` that starts at byte `start`.
    pub(crate) fn index_of(&self, lang: Lang, clause: usize, start: usize) -> Option<usize> {
        let words = self.words(lang);
        // Words are in clause order, then text order.
        let k = words.partition_point(|w| (w.clause, w.token.start) < (clause, start));
        (words
            .get(k)
            .is_some_and(|w| w.clause == clause && w.token.start == start))
        .then_some(k)
    }

    /// The index of the word of clause `clause` that holds byte `pos`.
    pub(crate) fn word_at(&self, lang: Lang, clause: usize, pos: usize) -> Option<usize> {
        let words = self.words(lang);
        let k = words.partition_point(|w| (w.clause, w.token.end) <= (clause, pos));
        (words
            .get(k)
            .is_some_and(|w| w.clause == clause && w.token.start <= pos && pos < w.token.end))
        .then_some(k)
    }

    /// Competitive linking over all candidates (module documentation).
    /// A word repeated all over a long pair ("data" forty times) would make
    /// every copy a candidate of every other: each Chinese word takes only
    /// the [`NEAREST`] English words of each of its keys closest to its own
    /// place, so linking stays near linear in the length of the pair.
    fn link_all(&mut self) {
        let mut by_key: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (j, w) in self.en.words.iter().enumerate() {
            for &k in &w.token.keys {
                by_key.entry(k).or_default().push(j);
            }
        }
        let candidates = self.candidates(&by_key, |w| &w.token.keys, false);
        self.take(candidates);
        // A compound no English word translates as a whole may still be
        // translated part by part (正常工作 "work correctly").
        let candidates = self.candidates(&by_key, |w| &w.token.parts, true);
        self.take(candidates);
    }

    /// The candidate links of every Chinese word through the keys `keys`
    /// picks (only of words still unlinked when `unlinked_only`), counted
    /// into the words' candidate numbers.
    fn candidates(
        &mut self,
        by_key: &FxHashMap<u32, Vec<usize>>,
        keys: impl Fn(&Word<'a>) -> &'a [u32],
        unlinked_only: bool,
    ) -> Vec<(usize, usize)> {
        let n_en = self.en.words.len();
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for (i, w) in self.zh.words.iter().enumerate() {
            if unlinked_only && self.zh.link[i].is_some() {
                continue;
            }
            seen.clear();
            let at = (w.rel * n_en.saturating_sub(1) as f32) as usize;
            for k in keys(w) {
                let Some(js) = by_key.get(k) else {
                    continue;
                };
                let mid = js.partition_point(|&j| j < at);
                let lo = mid.saturating_sub(NEAREST / 2);
                let hi = (lo + NEAREST).min(js.len());
                seen.extend(
                    js[lo..hi]
                        .iter()
                        .filter(|&&j| !unlinked_only || self.en.link[j].is_none()),
                );
            }
            seen.sort_unstable();
            seen.dedup();
            for &j in &seen {
                out.push((i, j));
                self.zh.candidates[i] += 1;
                self.en.candidates[j] += 1;
            }
        }
        out
    }

    /// Take the surest candidates first, each word linked at most once.
    fn take(&mut self, candidates: Vec<(usize, usize)>) {
        let (zh, en) = (&self.zh, &self.en);
        let score = |&(i, j): &(usize, usize)| -> f32 {
            1.0 / zh.candidates[i] as f32 + 1.0 / en.candidates[j] as f32
                - (zh.words[i].rel - en.words[j].rel).abs()
        };
        // Each score computed once, not twice per comparison (the sort was
        // half the time of a check of a long line). Candidates are distinct,
        // so the order is total and an unstable sort gives the same one.
        let mut scored: Vec<(f32, (usize, usize))> =
            candidates.into_iter().map(|c| (score(&c), c)).collect();
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, (i, j)) in scored {
            if self.zh.link[i].is_none() && self.en.link[j].is_none() {
                self.zh.link[i] = Some(j);
                self.en.link[j] = Some(i);
            }
        }
    }
}
