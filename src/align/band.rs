//! Clause-pair data computed once per band for the bead scores of the
//! dynamic program: the key index of the English half ([`KeyIndex`]), the
//! match masks and unmatched terms of the pairs inside the band ([`Band`]),
//! and per-clause labels, headings and floors ([`Compact`]).

use rustc_hash::FxHashMap;

#[cfg(doc)]
use super::Scorer;
use crate::features::Features;
#[cfg(doc)]
use crate::features::matches;

/// Where each key of the English half occurs: for every key, the English
/// clauses that own it, in order, each with the mask of its units that own
/// the key. Comparing a Chinese clause with all the English clauses of its
/// band row is then one look-up per Chinese key, instead of one merge of two
/// key lists per clause pair ([`matches`]); the masks are the same.
pub(super) struct KeyIndex {
    /// (English clause, mask), sorted by key, then clause.
    postings: Vec<(u32, u64)>,
    /// Per Chinese clause `i`, its keys that occur in the English half are
    /// `zh_keys[zh_start[i]..zh_start[i + 1]]`: the range of `postings`
    /// holding the key, and the mask of the Chinese units that own it.
    zh_start: Vec<u32>,
    zh_keys: Vec<(u32, u32, u64)>,
}

impl KeyIndex {
    pub(super) fn new(zh: &[Features], en: &[Features]) -> KeyIndex {
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
    pub(super) fn fill(&self, i: usize, lo: usize, row: &mut [(u64, u64)]) {
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
pub(super) struct Band {
    pub(super) start: Vec<usize>,
    pub(super) offset: Vec<usize>,
    pub(super) len: Vec<usize>,
    /// Per pair: the masks of [`matches`].
    pub(super) masks: Vec<(u64, u64)>,
    /// Per pair: the unmatched shares of the Chinese clause against the
    /// English one and of the English clause against the Chinese one (the
    /// terms of [`Scorer::unmatched_shares`] for a 1-1 bead, without the
    /// literal comparison of clauses without content words), kept as the
    /// `f32` matched shares they are computed from ([`matched_share`]): the
    /// band is the largest structure of a long document, and
    /// `1.0 - share as f64` on reading gives the very same `f64`.
    pub(super) terms: Vec<(f32, f32)>,
}

impl Band {
    /// The unmatched terms of the pair in `slot` (Chinese, English).
    #[inline]
    pub(super) fn terms(&self, slot: usize) -> (f64, f64) {
        let (z, e) = self.terms[slot];
        (1.0 - z as f64, 1.0 - e as f64)
    }

    /// Index of pair (i, j) in `masks` and `terms`, if the band holds it.
    #[inline]
    pub(super) fn slot(&self, i: usize, j: usize) -> Option<usize> {
        let start = *self.start.get(i)?;
        let d = j.wrapping_sub(start);
        (d < *self.len.get(i)?).then(|| self.offset[i] + d)
    }
}

/// What the bead scores of the dynamic program need about each clause, in
/// compact arrays (built once per scorer, by the first `prepare`).
pub(super) struct Compact {
    /// Per Chinese clause: the value of its numbering label, if any.
    pub(super) zh_label: Vec<Option<u32>>,
    /// Per English clause: the value of its numbering label, if any.
    pub(super) en_label: Vec<Option<u32>>,
    /// Per Chinese clause: whether it is a heading.
    pub(super) zh_heading: Vec<bool>,
    /// Per English clause: whether it is a heading.
    pub(super) en_heading: Vec<bool>,
    /// Per Chinese clause: the lowest unmatched share it can have (its share
    /// when every unit that has a key matches), a lower bound of every
    /// [`unmatched_term`] of the clause.
    pub(super) zh_floor: Vec<f64>,
    /// The same per English clause.
    pub(super) en_floor: Vec<f64>,
}

impl Compact {
    pub(super) fn new(zh: &[Features], en: &[Features]) -> Compact {
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
pub(super) fn unmatched_term(f: &Features, mask: u64) -> f64 {
    1.0 - matched_share(f, mask) as f64
}

/// The share of a clause's weight that `mask` matches (0 for a clause
/// without weight), as [`unmatched_term`] subtracts it from 1.
pub(super) fn matched_share(f: &Features, mask: u64) -> f32 {
    if f.weight == 0.0 || mask == 0 {
        return 0.0;
    }
    f.weight_of(mask) / f.weight
}
