//! Align: pair the clauses of the two halves.
//!
//! A bead (a group of Chinese clauses and a group of English clauses, one
//! side possibly empty) is scored by
//!
//! * **lexical coverage**: the share of content words, numbers and names on
//!   both sides that find a translation on the other side (see
//!   [`crate::features`]);
//! * **length**: the log ratio of the two lengths against the ratio learned
//!   from the whole document (Chinese is denser than English, by how much
//!   depends on the translator);
//! * **structure**: equal numbering labels (`二、` = `2.` = `II.`) pull clauses
//!   together, different ones push them apart; headings pair with headings;
//! * a **prior** per bead shape: 1-1 is the norm, merges and omissions need
//!   evidence.
//!
//! The best monotone path is found by the banded dynamic program in [`dp`].

pub mod dp;

use std::cell::RefCell;
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::features::{Features, matches};

/// Tunable weights of the bead score. `docs/algorithm.md` explains each.
///
/// Costs are measured in units of clause *weight* (the idf-weighted count of
/// content words, numbers and names), so long and short clauses are judged
/// on the same scale: a bead costs the weight it leaves unmatched.
#[derive(Clone, Debug)]
pub struct AlignParams {
    /// Cost per unit of weight left unmatched inside a bead.
    pub lexical: f64,
    /// Cost of the squared log length ratio, per unit of bead weight.
    pub length: f64,
    /// Cost per unit of weight of a clause without counterpart (below
    /// `lexical`: leaving out what has no partner is cheaper than forcing it).
    pub null: f64,
    /// Fixed cost of each clause without counterpart.
    pub null_fixed: f64,
    /// Extra cost of a 2-1 or 1-2 bead.
    pub merge2: f64,
    /// Extra cost of a 2-2, 3-1 or 1-3 bead.
    pub merge3: f64,
    /// Bonus for equal numbering labels, penalty for different ones.
    pub label: f64,
    /// Weight given to a clause without content words ("---", "<tr>").
    pub empty_weight: f64,
    /// Cost per merged clause whose matches are already made by the other
    /// clauses of its group (a title merged into the sentence that repeats it).
    pub redundancy: f64,
    /// Smallest half-width of the band, in clauses.
    pub min_band: usize,
}

impl AlignParams {
    /// Apply `name=value` overrides separated by commas (for tuning, e.g.
    /// `CLAUSEALIGN_PARAMS="null=0.6,merge2=2"`). Unknown names are errors.
    pub fn with_overrides(mut self, spec: &str) -> Result<AlignParams, String> {
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, value) = item
                .split_once('=')
                .ok_or_else(|| format!("expected name=value, got {item:?}"))?;
            let v: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("not a number in {item:?}"))?;
            match name.trim() {
                "lexical" => self.lexical = v,
                "length" => self.length = v,
                "null" => self.null = v,
                "null_fixed" => self.null_fixed = v,
                "merge2" => self.merge2 = v,
                "merge3" => self.merge3 = v,
                "label" => self.label = v,
                "empty_weight" => self.empty_weight = v,
                "redundancy" => self.redundancy = v,
                "min_band" => self.min_band = v.max(1.0) as usize,
                other => return Err(format!("unknown alignment parameter {other:?}")),
            }
        }
        Ok(self)
    }
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            lexical: 1.0,
            length: 0.3,
            null: 0.9,
            null_fixed: 0.5,
            merge2: 0.2,
            merge3: 0.5,
            label: 0.3,
            empty_weight: 2.0,
            redundancy: 0.5,
            min_band: 12,
        }
    }
}

/// Chinese clauses aligned with English clauses. One side may be empty: a
/// clause without counterpart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignedPair {
    /// Ids of the Chinese clauses.
    pub zh: Vec<usize>,
    /// Ids of the English clauses.
    pub en: Vec<usize>,
    /// Confidence in [0, 1]: how well the two sides match (0 for a clause
    /// without counterpart).
    pub score: f64,
}

impl AlignedPair {
    /// The bead shape as "1-1", "2-1", "1-0", ...
    pub fn kind(&self) -> String {
        format!("{}-{}", self.zh.len(), self.en.len())
    }
}

/// The alignment of two halves.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    /// Pairs in document order; every clause of both halves in exactly one.
    pub pairs: Vec<AlignedPair>,
    /// Total cost of the path (lower is better; comparable between
    /// alignments of the same clauses).
    pub cost: f64,
}

/// Align two halves described by their features.
pub fn align(zh: &[Features], en: &[Features], params: &AlignParams) -> Alignment {
    let scorer = Scorer::new(zh, en, params);
    let guide = dp::diagonal(zh.len(), en.len());
    let (steps, cost) = dp::best_path(zh.len(), en.len(), &guide, params.min_band, &scorer);
    let pairs = steps
        .into_iter()
        .map(|s| {
            let score = if s.zh.is_empty() || s.en.is_empty() {
                0.0
            } else {
                scorer.similarity(s.zh.clone(), s.en.clone())
            };
            AlignedPair {
                zh: s.zh.collect(),
                en: s.en.collect(),
                score: (score * 1000.0).round() / 1000.0,
            }
        })
        .collect();
    Alignment { pairs, cost }
}

/// Scores beads from clause features, caching clause-pair matches.
pub struct Scorer<'a> {
    zh: &'a [Features],
    en: &'a [Features],
    params: &'a AlignParams,
    /// English length per unit of Chinese length in this document.
    ratio: f64,
    cache: RefCell<FxHashMap<(u32, u32), (u64, u64)>>,
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
            cache: RefCell::new(FxHashMap::default()),
        }
    }

    fn pair(&self, i: usize, j: usize) -> (u64, u64) {
        let key = (i as u32, j as u32);
        if let Some(&m) = self.cache.borrow().get(&key) {
            return m;
        }
        let m = matches(&self.zh[i], &self.en[j]);
        self.cache.borrow_mut().insert(key, m);
        m
    }

    /// Weight of a clause for costs (clauses without content words count
    /// [`AlignParams::empty_weight`]).
    fn weight(f: &Features, p: &AlignParams) -> f64 {
        if f.weight > 0.0 {
            f.weight as f64
        } else {
            p.empty_weight
        }
    }

    /// Matched and total weight of a group pair.
    fn matched(&self, zh: Range<usize>, en: Range<usize>) -> (f64, f64) {
        let p = self.params;
        let mut matched = 0.0f64;
        let mut total = 0.0f64;
        let mut empty = 0.0f64;
        for i in zh.clone() {
            let mut mask = 0u64;
            for j in en.clone() {
                mask |= self.pair(i, j).0;
            }
            matched += self.zh[i].weight_of(mask) as f64;
            total += Self::weight(&self.zh[i], p);
            if self.zh[i].weight == 0.0 {
                empty += p.empty_weight;
            }
        }
        for j in en.clone() {
            let mut mask = 0u64;
            for i in zh.clone() {
                mask |= self.pair(i, j).1;
            }
            matched += self.en[j].weight_of(mask) as f64;
            total += Self::weight(&self.en[j], p);
            if self.en[j].weight == 0.0 {
                empty += p.empty_weight;
            }
        }
        if empty > 0.0 {
            // Clauses without content words ("---", "<tr>", "| --- |") match
            // only copies of themselves.
            let a: String = zh.map(|i| self.zh[i].literal.as_str()).collect();
            let b: String = en.map(|j| self.en[j].literal.as_str()).collect();
            matched += empty * strsim::normalized_levenshtein(&a, &b);
        }
        (matched, total)
    }

    /// Lexical coverage of a group pair in [0, 1].
    pub fn coverage(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let (matched, total) = self.matched(zh, en);
        if total > 0.0 { matched / total } else { 0.0 }
    }

    /// Squared log ratio of the lengths, against the document's ratio.
    fn length_mismatch(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let lz: f64 = zh.map(|i| self.zh[i].len).sum();
        let le: f64 = en.map(|j| self.en[j].len).sum();
        let d = ((le + 8.0) / (self.ratio * lz + 8.0)).ln();
        d * d
    }

    fn structure(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        let z = &self.zh[zh.start];
        let e = &self.en[en.start];
        let mut s = 0.0;
        match (z.label, e.label) {
            (Some((_, a)), Some((_, b))) if a == b => s -= self.params.label,
            (Some(_), Some(_)) => s += self.params.label,
            _ => {}
        }
        if zh.len() == 1 && en.len() == 1 && z.heading != e.heading {
            s += self.params.label * 0.5;
        }
        s
    }

    /// How much the clauses of a merged group only repeat each other's
    /// matches: for each clause of a multi-clause side, the share of the
    /// other side's matched weight that the rest of its group matches too
    /// (1 for a clause that matches nothing). A true split translation has
    /// each part match different words; a heading merged into the sentence
    /// that repeats it does not.
    fn redundancy(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let mut total = 0.0;
        if zh.len() > 1 {
            for k in zh.clone() {
                let (mut own, mut shared) = (0.0f64, 0.0f64);
                for j in en.clone() {
                    let mine = self.pair(k, j).1;
                    let others = zh
                        .clone()
                        .filter(|&i| i != k)
                        .fold(0u64, |m, i| m | self.pair(i, j).1);
                    own += self.en[j].weight_of(mine) as f64;
                    shared += self.en[j].weight_of(mine & others) as f64;
                }
                total += if own > 0.0 { shared / own } else { 1.0 };
            }
        }
        if en.len() > 1 {
            for k in en.clone() {
                let (mut own, mut shared) = (0.0f64, 0.0f64);
                for i in zh.clone() {
                    let mine = self.pair(i, k).0;
                    let others = en
                        .clone()
                        .filter(|&j| j != k)
                        .fold(0u64, |m, j| m | self.pair(i, j).0);
                    own += self.zh[i].weight_of(mine) as f64;
                    shared += self.zh[i].weight_of(mine & others) as f64;
                }
                total += if own > 0.0 { shared / own } else { 1.0 };
            }
        }
        total
    }

    /// Similarity in [0, 1] of a group pair (reported as the pair score).
    pub fn similarity(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let cov = self.coverage(zh.clone(), en.clone());
        let len = (-self.length_mismatch(zh, en) / 0.5).exp();
        (0.75 * cov + 0.25 * len).clamp(0.0, 1.0)
    }
}

impl dp::BeadCost for Scorer<'_> {
    fn cost(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
        let p = self.params;
        if zh.is_empty() || en.is_empty() {
            return p.null;
        }
        let merge = match (zh.len(), en.len()) {
            (1, 1) => 0.0,
            (2, 1) | (1, 2) => p.merge2,
            _ => p.merge3,
        };
        // Costs grow with the number of clauses a bead covers, so a merge must
        // earn its place by matching better, not by averaging two pairs.
        let size = (zh.len() + en.len()) as f64 / 2.0;
        let cov = self.coverage(zh.clone(), en.clone());
        let redundancy = if merge > 0.0 {
            p.redundancy * self.redundancy(zh.clone(), en.clone())
        } else {
            0.0
        };
        size * (p.lexical * (1.0 - cov) + p.length * self.length_mismatch(zh.clone(), en.clone()))
            + merge
            + redundancy
            + self.structure(&zh, &en)
    }
}

/// Merge consecutive pairs that share a line of the file on either side, so
/// that no output pair splits a line: a hard-wrapped paragraph whose
/// sentences break mid-line then aligns as a whole, and a line holding
/// several sentences pairs with the line(s) holding their translation.
/// `zh_lines` and `en_lines` give each clause's (first, last) line.
pub fn merge_shared_lines(
    pairs: &[AlignedPair],
    zh_lines: &[(usize, usize)],
    en_lines: &[(usize, usize)],
) -> Vec<AlignedPair> {
    let span = |ids: &[usize], lines: &[(usize, usize)]| -> Option<(usize, usize)> {
        let first = lines.get(*ids.first()?)?.0;
        let last = lines.get(*ids.last()?)?.1;
        Some((first, last))
    };
    let mut out: Vec<AlignedPair> = Vec::new();
    let mut weights: Vec<usize> = Vec::new();
    for p in pairs {
        let shares = out.last().is_some_and(|last| {
            let touch = |a: Option<(usize, usize)>, b: Option<(usize, usize)>| match (a, b) {
                (Some(a), Some(b)) => a.1 >= b.0,
                _ => false,
            };
            touch(span(&last.zh, zh_lines), span(&p.zh, zh_lines))
                || touch(span(&last.en, en_lines), span(&p.en, en_lines))
        });
        // Score of a merged pair: the clause-weighted mean of its two-sided
        // parts (one-sided parts have no score to contribute).
        let n = if p.zh.is_empty() || p.en.is_empty() {
            0
        } else {
            p.zh.len() + p.en.len()
        };
        match (shares, out.last_mut(), weights.last_mut()) {
            (true, Some(last), Some(w)) => {
                if n > 0 {
                    last.score = (last.score * *w as f64 + p.score * n as f64) / (*w + n) as f64;
                    *w += n;
                }
                last.zh.extend_from_slice(&p.zh);
                last.en.extend_from_slice(&p.en);
            }
            _ => {
                out.push(p.clone());
                weights.push(n);
            }
        }
    }
    for p in &mut out {
        p.score = (p.score * 1000.0).round() / 1000.0;
    }
    out
}
