//! The bead score: [`Scorer`] weighs lexical coverage, length, structure
//! and redundancy of a group of Chinese clauses against a group of English
//! clauses (the cost model; the dynamic program's fast path is in
//! [`super::bead`]).

use std::ops::Range;

use super::AlignParams;
use super::band::{Band, Compact, KeyIndex};
#[cfg(doc)]
use super::dp;
use crate::features::{Features, matches};

/// Scores beads from clause features.
pub struct Scorer<'a> {
    pub(super) zh: &'a [Features],
    pub(super) en: &'a [Features],
    pub(super) params: &'a AlignParams,
    /// English length per unit of Chinese length in this document.
    ratio: f64,
    /// Built by the first [`dp::BeadCost::prepare`].
    pub(super) index: Option<(KeyIndex, Compact)>,
    /// Pair data of the current band (empty before `prepare`).
    pub(super) band: Band,
    /// Whether [`dp::BeadCost::best_bead`] may skip the rest of a bead's
    /// cost once a lower bound shows that the bead cannot win: the length
    /// term it leaves out of the bound is never negative.
    pub(super) prune: bool,
    /// Whether the redundancy term of a bead is never negative (both of its
    /// parameters are finite and at least 0), so that leaving it out of a
    /// lower bound keeps the bound below the cost.
    pub(super) redundancy_nonnegative: bool,
}

impl<'a> Scorer<'a> {
    /// A scorer for two halves.
    pub fn new(zh: &'a [Features], en: &'a [Features], params: &'a AlignParams) -> Scorer<'a> {
        let lz: f64 = zh.iter().map(|f| f.len).sum();
        let le: f64 = en.iter().map(|f| f.len).sum();
        let ratio = if lz > 0.0 && le > 0.0 {
            (le / lz).clamp(0.2, 5.0)
        } else {
            1.0
        };
        Scorer {
            zh,
            en,
            params,
            ratio,
            index: None,
            band: Band::default(),
            prune: params.length >= 0.0,
            redundancy_nonnegative: (0.0..f64::INFINITY).contains(&params.redundancy)
                && (0.0..f64::INFINITY).contains(&params.redundancy_unmatched),
        }
    }

    /// Units of Chinese clause `i` and of English clause `j` that match.
    pub(super) fn pair(&self, i: usize, j: usize) -> (u64, u64) {
        match self.band.slot(i, j) {
            Some(s) => self.band.masks[s],
            None => matches(&self.zh[i], &self.en[j]),
        }
    }

    /// Similarity of the texts of clauses without content words.
    /// The literals are already cut to [`crate::features::LITERAL_CHARS`] characters.
    pub(super) fn literal_similarity(&self, i: usize, j: usize) -> f64 {
        strsim::normalized_levenshtein(&self.zh[i].literal, &self.en[j].literal)
    }

    /// Sum over the clauses of a bead of the share of each clause's weight
    /// that the other side leaves unmatched. Every clause answers for
    /// itself, so a heading merged into a neighbouring pair costs as much as
    /// it fails to match, however long its neighbour is.
    pub(super) fn unmatched_shares(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        let one_to_one = zh.len() == 1 && en.len() == 1;
        let mut total = 0.0;
        for i in zh.clone() {
            let f = &self.zh[i];
            if f.weight == 0.0 {
                // Nothing to translate ("---", "<tr>"): only copies match.
                total += if one_to_one {
                    1.0 - self.literal_similarity(i, en.start)
                } else {
                    1.0
                };
                continue;
            }
            let mask = en.clone().fold(0u64, |m, j| m | self.pair(i, j).0);
            total += 1.0 - (f.weight_of(mask) / f.weight) as f64;
        }
        for j in en.clone() {
            let f = &self.en[j];
            if f.weight == 0.0 {
                total += if one_to_one {
                    1.0 - self.literal_similarity(zh.start, j)
                } else {
                    1.0
                };
                continue;
            }
            let mask = zh.clone().fold(0u64, |m, i| m | self.pair(i, j).1);
            total += 1.0 - (f.weight_of(mask) / f.weight) as f64;
        }
        total
    }

    /// Lexical coverage of a bead in [0, 1]: matched share of the pooled
    /// weight of both sides (used for the reported score and for learning).
    pub fn coverage(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let mut matched = 0.0f64;
        let mut total = 0.0f64;
        for i in zh.clone() {
            let mask = en.clone().fold(0u64, |m, j| m | self.pair(i, j).0);
            matched += self.zh[i].weight_of(mask) as f64;
            total += self.zh[i].weight as f64;
        }
        for j in en.clone() {
            let mask = zh.clone().fold(0u64, |m, i| m | self.pair(i, j).1);
            matched += self.en[j].weight_of(mask) as f64;
            total += self.en[j].weight as f64;
        }
        if total > 0.0 {
            matched / total
        } else if zh.len() == 1 && en.len() == 1 {
            self.literal_similarity(zh.start, en.start)
        } else {
            0.0
        }
    }

    /// Squared log ratio of the lengths, against the document's ratio.
    pub(super) fn length_mismatch(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        let lz: f64 = zh.clone().map(|i| self.zh[i].len).sum();
        let le: f64 = en.clone().map(|j| self.en[j].len).sum();
        let d = ((le + 8.0) / (self.ratio * lz + 8.0)).ln();
        d * d
    }

    /// Numbering labels and headings: equal labels pull a bead together,
    /// different ones push it apart; headings pair with headings.
    pub(super) fn structure(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        let p = self.params;
        let z = &self.zh[zh.start];
        let e = &self.en[en.start];
        let mut s = 0.0;
        match (z.label, e.label) {
            (Some((_, a)), Some((_, b))) if a == b => s -= p.label,
            (Some(_), Some(_)) => s += p.label,
            // A numbered heading pairs with a numbered heading.
            (Some(_), None) if z.heading => s += p.label * 0.5,
            (None, Some(_)) if e.heading => s += p.label * 0.5,
            _ => {}
        }
        if zh.len() == 1 && en.len() == 1 && z.heading != e.heading {
            s += p.label * 0.5;
        }
        // A heading is a unit of its own in both languages: merging it with
        // the text around it, or a second heading into a bead, is suspect.
        let suspect = |fs: &[Features], r: &Range<usize>| {
            r.len() > 1
                && (fs[r.start + 1..r.end].iter().any(|f| f.heading)
                    || fs[r.clone()].iter().any(|f| f.heading)
                        && fs[r.clone()].iter().any(|f| !f.heading))
        };
        if suspect(self.zh, zh) || suspect(self.en, en) {
            s += p.heading_merge;
        }
        s
    }

    /// How much the clauses of a merged group claim the same matches. Each
    /// clause of the multi-clause side claims the units of its own that find
    /// a partner on the other side; the partners available are the units of
    /// the other side matched by the group. Claims beyond what is available
    /// mean the clauses repeat each other (a title merged into the sentence
    /// that repeats it) rather than share out one translation, as the parts
    /// of a true split do. Returns the excess claims relative to the smallest
    /// claim, capped at 1 per side.
    pub fn redundancy(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let mut total = 0.0;
        if zh.len() > 1 {
            let mut claims = [0u32; 4];
            let mut partners = [0u64; 4];
            for (a, i) in zh.clone().enumerate().take(4) {
                let mut own = 0u64;
                for (b, j) in en.clone().enumerate().take(4) {
                    let (zm, em) = self.pair(i, j);
                    own |= zm;
                    partners[b] |= em;
                }
                claims[a] = own.count_ones();
            }
            let available = partners.iter().map(|m| m.count_ones()).sum();
            total += excess(&claims[..zh.len().min(4)], available, self.params);
        }
        if en.len() > 1 {
            let mut claims = [0u32; 4];
            let mut partners = [0u64; 4];
            for (b, j) in en.clone().enumerate().take(4) {
                let mut own = 0u64;
                for (a, i) in zh.clone().enumerate().take(4) {
                    let (zm, em) = self.pair(i, j);
                    own |= em;
                    partners[a] |= zm;
                }
                claims[b] = own.count_ones();
            }
            let available = partners.iter().map(|m| m.count_ones()).sum();
            total += excess(&claims[..en.len().min(4)], available, self.params);
        }
        total
    }

    /// Similarity in [0, 1] of a group pair (reported as the pair score).
    pub fn similarity(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let cov = self.coverage(zh.clone(), en.clone());
        let len = (-self.length_mismatch(&zh, &en) / 0.5).exp();
        (0.75 * cov + 0.25 * len).clamp(0.0, 1.0)
    }
}

/// [`excess`] of the merged side's unit masks over the other side's: how
/// many units each merged clause matches, against how many the other side
/// offers.
#[inline]
pub(super) fn mask_excess(merged: &[u64], other: &[u64; 3], params: &AlignParams) -> f64 {
    let mut claims = [0u32; 3];
    for (c, m) in claims.iter_mut().zip(merged) {
        *c = m.count_ones();
    }
    let available = other.iter().map(|m| m.count_ones()).sum();
    excess(&claims[..merged.len()], available, params)
}

/// Excess of `claims` over `available` partners, relative to the smallest claim.
fn excess(claims: &[u32], available: u32, params: &AlignParams) -> f64 {
    let min = claims.iter().copied().min().unwrap_or(0);
    if min == 0 {
        return params.redundancy_unmatched;
    }
    let total: u32 = claims.iter().sum();
    (total.saturating_sub(available) as f64 / min as f64).min(1.0)
}
