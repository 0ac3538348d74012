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

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::features::{Features, matches};

/// Tunable weights of the bead score. `docs/algorithm.md` explains each and
/// how they were tuned; `CLAUSEALIGN_PARAMS="name=value,..."` overrides them
/// from the command line.
#[derive(Clone, Debug)]
pub struct AlignParams {
    /// Cost of the squared log length ratio, per clause of the bead.
    pub length: f64,
    /// Cost of a clause without counterpart.
    pub null: f64,
    /// Cost of a clause without counterpart right after another one of the
    /// same language (a run of omitted clauses is one omission).
    pub null_extend: f64,
    /// Extra cost of a 2-1 or 1-2 bead.
    pub merge2: f64,
    /// Extra cost of a 2-2, 3-1 or 1-3 bead.
    pub merge3: f64,
    /// Bonus for equal numbering labels, penalty for different ones.
    pub label: f64,
    /// Cost of merging a heading with non-heading clauses of its language.
    pub heading_merge: f64,
    /// Cost per unit of redundancy of a merged group (see
    /// [`Scorer::redundancy`]).
    pub redundancy: f64,
    /// Redundancy charged when a merged clause matches nothing at all.
    pub redundancy_unmatched: f64,
    /// Learned translations need this many co-occurrences ...
    pub learn_min_count: usize,
    /// ... and this Dice coefficient (0 turns learning off).
    pub learn_dice: f64,
    /// Smallest half-width of the band, in clauses.
    pub min_band: usize,
}

impl AlignParams {
    /// Apply `name=value` overrides separated by commas (for tuning, e.g.
    /// `CLAUSEALIGN_PARAMS="null=0.9,merge2=0.3"`). Unknown names are errors.
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
                "length" => self.length = v,
                "null" => self.null = v,
                "null_extend" => self.null_extend = v,
                "merge2" => self.merge2 = v,
                "merge3" => self.merge3 = v,
                "label" => self.label = v,
                "heading_merge" => self.heading_merge = v,
                "redundancy" => self.redundancy = v,
                "redundancy_unmatched" => self.redundancy_unmatched = v,
                "learn_min_count" => self.learn_min_count = v.max(1.0) as usize,
                "learn_dice" => self.learn_dice = v,
                "min_band" => self.min_band = v.max(1.0) as usize,
                other => return Err(format!("unknown alignment parameter {other:?}")),
            }
        }
        Ok(self)
    }
}

impl Default for AlignParams {
    fn default() -> Self {
        // Tuned on the shared dev sets (policies, UN/Hansard/Sinorama, novels):
        // see docs/algorithm.md.
        AlignParams {
            length: 0.3,
            null: 0.8,
            null_extend: 0.6,
            merge2: 0.2,
            merge3: 0.5,
            label: 0.3,
            heading_merge: 0.6,
            redundancy: 0.2,
            redundancy_unmatched: 0.2,
            learn_min_count: 2,
            learn_dice: 0.8,
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
    align_along(
        zh,
        en,
        params,
        &anchor_guide(zh, en, params.min_band),
        params.min_band,
    )
}

/// Align again near an earlier alignment (after the features changed a
/// little, e.g. with learned translations): a narrow band around its path.
pub fn realign(
    zh: &[Features],
    en: &[Features],
    params: &AlignParams,
    earlier: &Alignment,
) -> Alignment {
    let steps: Vec<dp::Step> = earlier
        .pairs
        .iter()
        .map(|p| dp::Step {
            zh: p.zh.first().map_or(0, |&i| i)..p.zh.last().map_or(0, |&i| i + 1),
            en: p.en.first().map_or(0, |&j| j)..p.en.last().map_or(0, |&j| j + 1),
            cost: 0.0,
        })
        .collect();
    let guide = dp::along(zh.len(), &steps);
    align_along(zh, en, params, &guide, (params.min_band / 2).max(4))
}

fn align_along(
    zh: &[Features],
    en: &[Features],
    params: &AlignParams,
    guide: &dp::Guide,
    band: usize,
) -> Alignment {
    let mut scorer = Scorer::new(zh, en, params);
    let (steps, cost) = dp::best_path(zh.len(), en.len(), guide, band, &mut scorer);
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

/// The expected path through the clause grid, from *hapax anchors*: keys
/// (numbers, names, rare words and their translations) found in exactly one
/// clause of each half pair those two clauses. The longest chain of such
/// pairs that is increasing in both languages pins the path; between chain
/// points it is interpolated. A narrow band around this guide then holds the
/// true path even where one version drops or adds whole sections, so the
/// dynamic program stays linear in the document length.
///
/// Far from any chain point the path may stray further: the guide's slack
/// grows by 0.4 clause per clause of distance, up to `2 * min_band`. Text
/// that repeats (the same sections twice) has no hapax keys, so long gaps
/// remain between chain points; such a gap (one where the slack would reach
/// its cap) is filled with *local* anchors (`gap_knots`): keys found once
/// near the interpolated path in each half, within the gap. With the cap
/// and the filled gaps, the band stays a few times `min_band` wide however
/// long the document is; if the best path still reaches the band's edge,
/// [`dp::best_path`] widens the band.
pub fn anchor_guide(zh: &[Features], en: &[Features], min_band: usize) -> dp::Guide {
    let (n, m) = (zh.len(), en.len());
    let occurrences = |fs: &[Features]| -> FxHashMap<u32, (u32, usize)> {
        let mut map: FxHashMap<u32, (u32, usize)> = FxHashMap::default();
        for (i, f) in fs.iter().enumerate() {
            for &(k, _) in &f.keys {
                let e = map.entry(k).or_insert((0, i));
                e.0 += 1;
            }
        }
        map
    };
    let zo = occurrences(zh);
    let eo = occurrences(en);
    let mut points: Vec<(usize, usize)> = zo
        .iter()
        .filter(|(_, (c, _))| *c == 1)
        .filter_map(|(k, &(_, i))| match eo.get(k) {
            Some(&(1, j)) => Some((i, j)),
            _ => None,
        })
        .collect();
    points.sort_unstable();
    points.dedup();
    let chain = longest_chain(&points);
    let mut hapax: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    for (i, j) in chain {
        // Clause i pairs with clause j: at prefix i the path is near j.
        hapax.push((i as f64 + 0.5, j as f64 + 0.5));
    }
    hapax.push((n as f64, m as f64));
    let cap = 2.0 * min_band as f64;
    let mut knots: Vec<(f64, f64)> = Vec::with_capacity(hapax.len());
    for w in hapax.windows(2) {
        knots.push(w[0]);
        // The slack peaks at 0.4 * half the gap.
        if 0.2 * (w[1].0 - w[0].0) > cap {
            knots.extend(gap_knots(zh, en, w[0], w[1], cap));
        }
    }
    knots.extend(hapax.last());
    let mut center = Vec::with_capacity(n + 1);
    let mut slack = Vec::with_capacity(n + 1);
    let mut k = 0;
    for i in 0..=n {
        let x = i as f64;
        while k + 2 < knots.len() && knots[k + 1].0 <= x {
            k += 1;
        }
        let (x0, y0) = knots[k];
        let (x1, y1) = knots[(k + 1).min(knots.len() - 1)];
        let y = if x1 > x0 {
            y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        } else {
            y0
        };
        center.push(y.clamp(0.0, m as f64));
        // Far from any anchor the path may stray further.
        slack.push((0.4 * (x - x0).min(x1 - x).max(0.0)).min(cap));
    }
    dp::Guide { center, slack }
}

/// Knots inside a long gap of the hapax chain, between knots `from` and
/// `to` (coordinates as in [`anchor_guide`]): pairs (i, j) of clauses strictly
/// inside the gap that share a key which, near the line from `from` to
/// `to`, occurs once on each side: `j` is the only English clause with the
/// key within `window` clauses of the line at `i`, and `i` the only Chinese
/// one whose point on the line is within `window` of `j`. In repeated text
/// every key has many occurrences, but only one per repetition near the
/// line. The longest increasing chain of these pairs is returned.
fn gap_knots(
    zh: &[Features],
    en: &[Features],
    from: (f64, f64),
    to: (f64, f64),
    window: f64,
) -> Vec<(f64, f64)> {
    let ((x0, y0), (x1, y1)) = (from, to);
    // Clauses whose point (i + 0.5) lies strictly inside the gap.
    let inside = |lo: f64, hi: f64, len: usize| {
        let first = ((lo - 0.5).floor() + 1.0).max(0.0) as usize;
        let end = ((hi - 0.5).ceil().max(0.0) as usize).min(len);
        first..end.max(first)
    };
    let zr = inside(x0, x1, zh.len());
    let er = inside(y0, y1, en.len());
    if zr.is_empty() || er.is_empty() {
        return Vec::new();
    }
    // English occurrences of each key, then the Chinese occurrences of the
    // keys that have English ones (both in increasing clause order).
    let mut eocc: FxHashMap<u32, (Vec<usize>, Vec<usize>)> = FxHashMap::default();
    for j in er {
        for &(k, _) in &en[j].keys {
            eocc.entry(k).or_default().0.push(j);
        }
    }
    for i in zr {
        for &(k, _) in &zh[i].keys {
            if let Some((_, zs)) = eocc.get_mut(&k) {
                zs.push(i);
            }
        }
    }
    let line = |x: f64| y0 + (y1 - y0) * (x - x0) / (x1 - x0);
    let mut points: Vec<(usize, usize)> = Vec::new();
    for (es, zs) in eocc.values() {
        if zs.is_empty() {
            continue;
        }
        for &i in zs {
            let y = line(i as f64 + 0.5);
            let lo = es.partition_point(|&j| (j as f64 + 0.5) < y - window);
            let hi = es.partition_point(|&j| (j as f64 + 0.5) <= y + window);
            if hi != lo + 1 {
                continue;
            }
            let j = es[lo];
            let yj = j as f64 + 0.5;
            // The line is non-decreasing: the Chinese occurrences near `j`
            // are consecutive in `zs`.
            let zlo = zs.partition_point(|&i2| line(i2 as f64 + 0.5) < yj - window);
            let zhi = zs.partition_point(|&i2| line(i2 as f64 + 0.5) <= yj + window);
            if zhi == zlo + 1 {
                points.push((i, j));
            }
        }
    }
    points.sort_unstable();
    points.dedup();
    longest_chain(&points)
        .into_iter()
        .map(|(i, j)| (i as f64 + 0.5, j as f64 + 0.5))
        .collect()
}

/// Longest chain of points strictly increasing in both coordinates
/// (patience sorting on the second coordinate; points sorted by the first).
fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[l] = index of the smallest-ending chain of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; points.len()];
    let mut start = 0;
    while start < points.len() {
        // Points with the same first coordinate cannot chain with each other:
        // place them against the tails as they were before this group.
        let mut end = start;
        while end < points.len() && points[end].0 == points[start].0 {
            end += 1;
        }
        let before = tails.clone();
        for idx in start..end {
            let y = points[idx].1;
            let pos = before.partition_point(|&t| points[t].1 < y);
            prev[idx] = if pos > 0 { Some(before[pos - 1]) } else { None };
            if pos == tails.len() {
                tails.push(idx);
            } else if points[tails[pos]].1 > y {
                tails[pos] = idx;
            }
        }
        start = end;
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        chain.push(points[i]);
        cur = prev[i];
    }
    chain.reverse();
    chain
}

/// Where each key of the English half occurs: for every key, the English
/// clauses that own it, in order, each with the mask of its units that own
/// the key. Comparing a Chinese clause with all the English clauses of its
/// band row is then one look-up per Chinese key, instead of one merge of two
/// key lists per clause pair ([`matches`]); the masks are the same.
struct KeyIndex {
    /// (English clause, mask), sorted by key, then clause.
    postings: Vec<(u32, u64)>,
    /// Per Chinese clause `i`, its keys that occur in the English half are
    /// `zh_keys[zh_start[i]..zh_start[i + 1]]`: the range of `postings`
    /// holding the key, and the mask of the Chinese units that own it.
    zh_start: Vec<u32>,
    zh_keys: Vec<(u32, u32, u64)>,
}

impl KeyIndex {
    fn new(zh: &[Features], en: &[Features]) -> KeyIndex {
        let mut all: Vec<(u32, u32, u64)> =
            Vec::with_capacity(en.iter().map(|f| f.keys.len()).sum());
        for (j, f) in en.iter().enumerate() {
            all.extend(f.keys.iter().map(|&(k, mask)| (k, j as u32, mask)));
        }
        all.sort_unstable_by_key(|&(k, j, _)| (k, j));
        let mut ranges: FxHashMap<u32, (u32, u32)> =
            FxHashMap::with_capacity_and_hasher(all.len() / 2, Default::default());
        let postings: Vec<(u32, u64)> = all.iter().map(|&(_, j, mask)| (j, mask)).collect();
        let mut s = 0;
        while s < all.len() {
            let key = all[s].0;
            let mut e = s + 1;
            while e < all.len() && all[e].0 == key {
                e += 1;
            }
            ranges.insert(key, (s as u32, e as u32));
            s = e;
        }
        let mut zh_start = Vec::with_capacity(zh.len() + 1);
        let mut zh_keys = Vec::new();
        for f in zh {
            zh_start.push(zh_keys.len() as u32);
            for &(k, mask) in &f.keys {
                if let Some(&(a, b)) = ranges.get(&k) {
                    zh_keys.push((a, b, mask));
                }
            }
        }
        zh_start.push(zh_keys.len() as u32);
        KeyIndex {
            postings,
            zh_start,
            zh_keys,
        }
    }

    /// OR into `row[j - lo]` the masks that [`matches`] gives for Chinese
    /// clause `i` and English clause `j`, for every `j` of
    /// `lo..lo + row.len()` (`row` starts zeroed).
    fn fill(&self, i: usize, lo: usize, row: &mut [(u64, u64)]) {
        let keys = &self.zh_keys[self.zh_start[i] as usize..self.zh_start[i + 1] as usize];
        for &(a, b, zmask) in keys {
            let post = &self.postings[a as usize..b as usize];
            let from = if post.len() > 8 {
                post.partition_point(|&(j, _)| (j as usize) < lo)
            } else {
                post.iter().take_while(|&&(j, _)| (j as usize) < lo).count()
            };
            for &(j, emask) in &post[from..] {
                let Some(cell) = row.get_mut((j as usize).wrapping_sub(lo)) else {
                    break;
                };
                cell.0 |= zmask;
                cell.1 |= emask;
            }
        }
    }
}

/// Clause-pair data for the cells of one band: row `i` (a Chinese clause)
/// holds English clauses `start[i] .. start[i] + len[i]`.
#[derive(Default)]
struct Band {
    start: Vec<usize>,
    offset: Vec<usize>,
    len: Vec<usize>,
    /// Per pair: the masks of [`matches`].
    masks: Vec<(u64, u64)>,
    /// Per pair: the unmatched shares of the Chinese clause against the
    /// English one and of the English clause against the Chinese one (the
    /// terms of [`Scorer::unmatched_shares`] for a 1-1 bead, without the
    /// literal comparison of clauses without content words), kept as the
    /// `f32` matched shares they are computed from ([`matched_share`]): the
    /// band is the largest structure of a long document, and
    /// `1.0 - share as f64` on reading gives the very same `f64`.
    terms: Vec<(f32, f32)>,
}

impl Band {
    /// The unmatched terms of the pair in `slot` (Chinese, English).
    #[inline]
    fn terms(&self, slot: usize) -> (f64, f64) {
        let (z, e) = self.terms[slot];
        (1.0 - z as f64, 1.0 - e as f64)
    }

    /// Index of pair (i, j) in `masks` and `terms`, if the band holds it.
    #[inline]
    fn slot(&self, i: usize, j: usize) -> Option<usize> {
        let start = *self.start.get(i)?;
        let d = j.wrapping_sub(start);
        (d < *self.len.get(i)?).then(|| self.offset[i] + d)
    }
}

/// What the bead scores of the dynamic program need about each clause, in
/// compact arrays (built once per scorer, by the first `prepare`).
struct Compact {
    /// Per Chinese clause: the value of its numbering label, if any.
    zh_label: Vec<Option<u32>>,
    /// Per English clause: the value of its numbering label, if any.
    en_label: Vec<Option<u32>>,
    /// Per Chinese clause: whether it is a heading.
    zh_heading: Vec<bool>,
    /// Per English clause: whether it is a heading.
    en_heading: Vec<bool>,
    /// Per Chinese clause: the lowest unmatched share it can have (its share
    /// when every unit that has a key matches), a lower bound of every
    /// [`unmatched_term`] of the clause.
    zh_floor: Vec<f64>,
    /// The same per English clause.
    en_floor: Vec<f64>,
}

impl Compact {
    fn new(zh: &[Features], en: &[Features]) -> Compact {
        let label = |fs: &[Features]| fs.iter().map(|f| f.label.map(|l| l.1)).collect();
        let heading = |fs: &[Features]| fs.iter().map(|f| f.heading).collect();
        // Bit weights are never negative, so summing a subset of the bits
        // in bit order never exceeds summing all of them (rounding is
        // monotone): the share of all keyed units bounds every share.
        let floor = |fs: &[Features]| {
            fs.iter()
                .map(|f| unmatched_term(f, f.keys.iter().fold(0, |m, k| m | k.1)))
                .collect()
        };
        Compact {
            zh_label: label(zh),
            en_label: label(en),
            zh_heading: heading(zh),
            en_heading: heading(en),
            zh_floor: floor(zh),
            en_floor: floor(en),
        }
    }
}

/// Unmatched share of a clause given the mask of its matched units (see
/// [`Scorer::unmatched_shares`]; clauses without content count 1).
#[inline]
fn unmatched_term(f: &Features, mask: u64) -> f64 {
    1.0 - matched_share(f, mask) as f64
}

/// The share of a clause's weight that `mask` matches (0 for a clause
/// without weight), as [`unmatched_term`] subtracts it from 1.
fn matched_share(f: &Features, mask: u64) -> f32 {
    if f.weight == 0.0 || mask == 0 {
        return 0.0;
    }
    f.weight_of(mask) / f.weight
}

/// Scores beads from clause features.
pub struct Scorer<'a> {
    zh: &'a [Features],
    en: &'a [Features],
    params: &'a AlignParams,
    /// English length per unit of Chinese length in this document.
    ratio: f64,
    /// Built by the first [`dp::BeadCost::prepare`].
    index: Option<(KeyIndex, Compact)>,
    /// Pair data of the current band (empty before `prepare`).
    band: Band,
    /// Whether [`dp::BeadCost::best_bead`] may skip the rest of a bead's
    /// cost once a lower bound shows that the bead cannot win: the length
    /// term it leaves out of the bound is never negative.
    prune: bool,
    /// Whether the redundancy term of a bead is never negative (both of its
    /// parameters are finite and at least 0), so that leaving it out of a
    /// lower bound keeps the bound below the cost.
    redundancy_nonnegative: bool,
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
    fn pair(&self, i: usize, j: usize) -> (u64, u64) {
        match self.band.slot(i, j) {
            Some(s) => self.band.masks[s],
            None => matches(&self.zh[i], &self.en[j]),
        }
    }

    /// Similarity of the texts of clauses without content words.
    /// The literals are already cut to [`crate::features::LITERAL_CHARS`] characters.
    fn literal_similarity(&self, i: usize, j: usize) -> f64 {
        strsim::normalized_levenshtein(&self.zh[i].literal, &self.en[j].literal)
    }

    /// Sum over the clauses of a bead of the share of each clause's weight
    /// that the other side leaves unmatched. Every clause answers for
    /// itself, so a heading merged into a neighbouring pair costs as much as
    /// it fails to match, however long its neighbour is.
    fn unmatched_shares(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
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
    fn length_mismatch(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
        let lz: f64 = zh.clone().map(|i| self.zh[i].len).sum();
        let le: f64 = en.clone().map(|j| self.en[j].len).sum();
        let d = ((le + 8.0) / (self.ratio * lz + 8.0)).ln();
        d * d
    }

    /// Numbering labels and headings: equal labels pull a bead together,
    /// different ones push it apart; headings pair with headings.
    fn structure(&self, zh: &Range<usize>, en: &Range<usize>) -> f64 {
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

    /// `base` plus the cost of bead `(a, e)` ending in cell `(i, j)` (both
    /// sides non-empty), from the band's pair data: the operations of
    /// [`dp::BeadCost::cost`] in the same order, so the total is the same to
    /// the bit. Infinity instead when a lower bound of the total shows that
    /// the bead cannot win against `best` (see [`dp::BeadCost::total_below`]).
    /// `None` when the band lacks one of the clause pairs. `near[dz][de]` is
    /// the band slot of pair `(i - 1 - dz, j - 1 - de)` (see
    /// [`Scorer::near_slots`]).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn bead_total(
        &self,
        i: usize,
        j: usize,
        a: usize,
        e: usize,
        near: &NearSlots,
        base: f64,
        best: f64,
        ties: bool,
    ) -> Option<f64> {
        let p = self.params;
        let (_, c) = self.index.as_ref()?;
        let band = &self.band;
        let (z0, e0) = (i - a, j - e);
        let merge = match (a, e) {
            (1, 1) => 0.0,
            (2, 1) | (1, 2) => p.merge2,
            _ => p.merge3,
        };
        // As in `structure`.
        let structure = {
            let (zh_head, en_head) = (c.zh_heading[z0], c.en_heading[e0]);
            let mut s = 0.0;
            match (c.zh_label[z0], c.en_label[e0]) {
                (Some(x), Some(y)) if x == y => s -= p.label,
                (Some(_), Some(_)) => s += p.label,
                (Some(_), None) if zh_head => s += p.label * 0.5,
                (None, Some(_)) if en_head => s += p.label * 0.5,
                _ => {}
            }
            if a == 1 && e == 1 && zh_head != en_head {
                s += p.label * 0.5;
            }
            let suspect = |h: &[bool]| {
                h.len() > 1
                    && (h[1..].iter().any(|&x| x) || h.iter().any(|&x| x) && h.iter().any(|&x| !x))
            };
            if suspect(&c.zh_heading[z0..i]) || suspect(&c.en_heading[e0..j]) {
                s += p.heading_merge;
            }
            s
        };
        // A merged bead compares no literals, and the floor of each of its
        // clauses bounds its unmatched share from below (see `Compact`):
        // with 0 for the length and redundancy terms, this bound needs none
        // of the pair data, and it dismisses most merged beads before their
        // masks are gathered.
        if self.prune && merge > 0.0 && self.redundancy_nonnegative {
            let mut floors = 0.0;
            for t in 0..a {
                floors += c.zh_floor[z0 + t];
            }
            for u in 0..e {
                floors += c.en_floor[e0 + u];
            }
            let lb = base + (floors / 2.0 + 0.0 + merge + 0.0 + structure);
            if lb > best || (lb == best && !ties) {
                return Some(f64::INFINITY);
            }
        }
        // Masks of each clause against the other side's group, and the
        // slots of the pairs (t, u) of the bead.
        let mut zmask = [0u64; 3];
        let mut emask = [0u64; 3];
        let mut slots = [[0usize; 3]; 3];
        for t in 0..a {
            for u in 0..e {
                let s = near[a - 1 - t][e - 1 - u]?;
                let (zm, em) = band.masks[s];
                zmask[t] |= zm;
                emask[u] |= em;
                slots[t][u] = s;
            }
        }
        // The unmatched share of each clause (as in `unmatched_shares`):
        // known at once for a clause against a single clause (memoised),
        // otherwise first bounded from below by the clause's floor; a 1-1
        // bead of a clause without content compares literally, bounded by 0.
        let one_to_one = a == 1 && e == 1;
        let z_literal = one_to_one && self.zh[z0].weight == 0.0;
        let e_literal = one_to_one && self.en[e0].weight == 0.0;
        let mut zt = [0.0f64; 3];
        let mut et = [0.0f64; 3];
        let mut unknown = false;
        for t in 0..a {
            zt[t] = if z_literal {
                unknown = true;
                0.0
            } else if e == 1 {
                band.terms(slots[t][0]).0
            } else if self.zh[z0 + t].weight == 0.0 || zmask[t] == 0 {
                1.0
            } else {
                unknown = true;
                c.zh_floor[z0 + t]
            };
        }
        for u in 0..e {
            et[u] = if e_literal {
                unknown = true;
                0.0
            } else if a == 1 {
                band.terms(slots[0][u]).1
            } else if self.en[e0 + u].weight == 0.0 || emask[u] == 0 {
                1.0
            } else {
                unknown = true;
                c.en_floor[e0 + u]
            };
        }
        let sum = |zt: &[f64; 3], et: &[f64; 3]| {
            let mut total = 0.0;
            for &x in &zt[..a] {
                total += x;
            }
            for &x in &et[..e] {
                total += x;
            }
            total
        };
        // The cost is unmatched / 2 + size * length * d² + merge + redundancy
        // + structure. With a lower bound of `unmatched` and 0 for the
        // length term (never negative), the same sum is a lower bound of the
        // cost: rounding is monotone.
        let cannot_win = |unmatched: f64, redundancy: f64| {
            let lb = base + (unmatched / 2.0 + 0.0 + merge + redundancy + structure);
            lb > best || (lb == best && !ties)
        };
        let mut unmatched = sum(&zt, &et);
        // The redundancy term costs more than the others; when it cannot be
        // negative, 0 stands in for it in a first, weaker bound, and most
        // merged beads are dismissed without it.
        if self.prune && merge > 0.0 && self.redundancy_nonnegative && cannot_win(unmatched, 0.0) {
            return Some(f64::INFINITY);
        }
        // As in `redundancy`.
        let redundancy = if merge > 0.0 {
            let mut total = 0.0;
            if a > 1 {
                total += mask_excess(&zmask[..a], &emask, p);
            }
            if e > 1 {
                total += mask_excess(&emask[..e], &zmask, p);
            }
            p.redundancy * total
        } else {
            0.0
        };
        if self.prune && cannot_win(unmatched, redundancy) {
            return Some(f64::INFINITY);
        }
        if unknown {
            let literal = if z_literal || e_literal {
                1.0 - self.literal_similarity(z0, e0)
            } else {
                0.0
            };
            for t in 0..a {
                if z_literal {
                    zt[t] = literal;
                } else if e > 1 && zt[t] != 1.0 {
                    zt[t] = unmatched_term(&self.zh[z0 + t], zmask[t]);
                }
            }
            for u in 0..e {
                if e_literal {
                    et[u] = literal;
                } else if a > 1 && et[u] != 1.0 {
                    et[u] = unmatched_term(&self.en[e0 + u], emask[u]);
                }
            }
            unmatched = sum(&zt, &et);
            if self.prune && cannot_win(unmatched, redundancy) {
                return Some(f64::INFINITY);
            }
        }
        let size = (a + e) as f64 / 2.0;
        let cost = unmatched / 2.0
            + size * p.length * self.length_mismatch(&(z0..i), &(e0..j))
            + merge
            + redundancy
            + structure;
        Some(base + cost)
    }
}

/// Band slots of the clause pairs `(i - 1 - dz, j - 1 - de)` near a cell
/// `(i, j)`, for `dz, de < 3` (`None` outside the band or the grid).
type NearSlots = [[Option<usize>; 3]; 3];

impl Scorer<'_> {
    /// The [`NearSlots`] of cell `(i, j)` that its beads use: every bead
    /// ending in the cell takes its pairs from these six, so each slot is
    /// looked up once per cell rather than once per bead.
    #[inline]
    fn near_slots(&self, i: usize, j: usize) -> NearSlots {
        let mut near = [[None; 3]; 3];
        for (dz, de) in [(0, 0), (1, 0), (2, 0), (0, 1), (0, 2), (1, 1)] {
            if dz < i && de < j {
                near[dz][de] = self.band.slot(i - 1 - dz, j - 1 - de);
            }
        }
        near
    }
}

impl dp::BeadCost for Scorer<'_> {
    fn prepare(&mut self, rows: &[(usize, usize)]) {
        // Chinese clause i is used by the beads ending in rows i+1 ..= i+3,
        // with English clauses up to three before those rows' columns.
        let (zh, en) = (self.zh, self.en);
        let (n, m) = (zh.len(), en.len());
        let (index, _) = self
            .index
            .get_or_insert_with(|| (KeyIndex::new(zh, en), Compact::new(zh, en)));
        let mut t = std::mem::take(&mut self.band);
        t.start.clear();
        t.offset.clear();
        t.len.clear();
        t.masks.clear();
        t.terms.clear();
        for i in 0..n {
            let rs = &rows[i + 1..(i + 4).min(rows.len())];
            let lo = rs.iter().map(|r| r.0).min().unwrap_or(0).saturating_sub(3);
            let hi = rs.iter().map(|r| r.1).max().unwrap_or(0).min(m);
            let len = hi.saturating_sub(lo);
            let offset = t.masks.len();
            t.start.push(lo);
            t.offset.push(offset);
            t.len.push(len);
            t.masks.resize(offset + len, (0, 0));
            index.fill(i, lo, &mut t.masks[offset..]);
            t.terms.extend(
                t.masks[offset..].iter().enumerate().map(|(d, &(zm, em))| {
                    (matched_share(&zh[i], zm), matched_share(&en[lo + d], em))
                }),
            );
        }
        self.band = t;
    }

    fn null_costs(&self, _zh: Range<usize>, _en: Range<usize>) -> (f64, f64) {
        (self.params.null, self.params.null_extend)
    }

    fn best_bead(&self, i: usize, j: usize, bases: &[f64; 8], nulls: [f64; 2]) -> (f64, u8) {
        let mut best = f64::INFINITY;
        let mut best_b = u8::MAX;
        let near = self.near_slots(i, j);
        for b in dp::TRY_ORDER {
            let (a, e) = dp::BEADS[b];
            let ties = (b as u8) < best_b;
            let base = bases[b];
            let total = if a == 0 || e == 0 {
                nulls[b - 1]
            } else if !base.is_finite() {
                continue;
            } else {
                match self.bead_total(i, j, a, e, &near, base, best, ties) {
                    Some(total) => total,
                    None => base + dp::BeadCost::cost(self, i - a..i, j - e..j),
                }
            };
            if total < best || (ties && total == best && total.is_finite()) {
                best = total;
                best_b = b as u8;
            }
        }
        (best, best_b)
    }

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
        let redundancy = if merge > 0.0 {
            p.redundancy * self.redundancy(zh.clone(), en.clone())
        } else {
            0.0
        };
        // Clause-count scaling keeps a merge from looking cheap by averaging
        // two pairs' length errors.
        let size = (zh.len() + en.len()) as f64 / 2.0;
        self.unmatched_shares(&zh, &en) / 2.0
            + size * p.length * self.length_mismatch(&zh, &en)
            + merge
            + redundancy
            + self.structure(&zh, &en)
    }
}

/// For every clause, the share of its weight that the other side of its
/// pair matches (0 for a clause without counterpart; clauses without
/// content words count as supported). The check stage reads it to find a
/// sentence inside an aligned pair that has no counterpart of its own.
pub fn support(
    zh: &[Features],
    en: &[Features],
    pairs: &[AlignedPair],
    params: &AlignParams,
) -> (Vec<f64>, Vec<f64>) {
    let scorer = Scorer::new(zh, en, params);
    let mut zs = vec![0.0; zh.len()];
    let mut es = vec![0.0; en.len()];
    for p in pairs {
        if p.zh.is_empty() || p.en.is_empty() {
            continue;
        }
        for &i in &p.zh {
            let f = &zh[i];
            zs[i] = if f.weight == 0.0 {
                1.0
            } else {
                let mask = p.en.iter().fold(0u64, |m, &j| m | scorer.pair(i, j).0);
                (f.weight_of(mask) / f.weight) as f64
            };
        }
        for &j in &p.en {
            let f = &en[j];
            es[j] = if f.weight == 0.0 {
                1.0
            } else {
                let mask = p.zh.iter().fold(0u64, |m, &i| m | scorer.pair(i, j).1);
                (f.weight_of(mask) / f.weight) as f64
            };
        }
    }
    (zs, es)
}

/// [`excess`] of the merged side's unit masks over the other side's: how
/// many units each merged clause matches, against how many the other side
/// offers.
#[inline]
fn mask_excess(merged: &[u64], other: &[u64; 3], params: &AlignParams) -> f64 {
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

/// Learn document-specific translations from a first alignment: unit
/// identities that keep appearing together in confidently aligned 1-1 pairs
/// (names such as 俞国华 and "Yu Kuo-hwa", terms the lexicon lacks) are
/// paired, so a second alignment can use them. Returns, for Chinese unit
/// identities, the English keys learned for them.
pub fn learn_translations(
    zh: &[Features],
    en: &[Features],
    pairs: &[AlignedPair],
    params: &AlignParams,
) -> FxHashMap<u32, Vec<u32>> {
    let scorer = Scorer::new(zh, en, params);
    let mut joint: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut zc: FxHashMap<u32, u32> = FxHashMap::default();
    let mut ec: FxHashMap<u32, u32> = FxHashMap::default();
    let mut used = 0u32;
    for p in pairs {
        let ([i], [j]) = (p.zh.as_slice(), p.en.as_slice()) else {
            continue;
        };
        if scorer.coverage(*i..*i + 1, *j..*j + 1) < 0.3 {
            continue;
        }
        used += 1;
        let mut zi: Vec<u32> = zh[*i].units.iter().map(|u| u.0).collect();
        let mut ei: Vec<u32> = en[*j].units.iter().map(|u| u.0).collect();
        zi.sort_unstable();
        zi.dedup();
        ei.sort_unstable();
        ei.dedup();
        if zi.len() * ei.len() > 4096 {
            continue;
        }
        for &a in &zi {
            *zc.entry(a).or_insert(0) += 1;
        }
        for &b in &ei {
            *ec.entry(b).or_insert(0) += 1;
        }
        for &a in &zi {
            for &b in &ei {
                *joint.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    let mut learned: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    if used < 8 {
        return learned;
    }
    let mut found: Vec<((u32, u32), u32)> = joint
        .into_iter()
        .filter(|&((a, b), n)| {
            let dice = 2.0 * n as f64 / (zc[&a] + ec[&b]) as f64;
            n >= params.learn_min_count as u32 && dice >= params.learn_dice
        })
        .collect();
    found.sort_unstable();
    for ((a, b), _) in found {
        learned.entry(a).or_default().push(b);
    }
    learned
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
