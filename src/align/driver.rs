//! The driver: [`align`] and [`realign`] run the dynamic program of
//! [`super::dp`] with a [`Scorer`] inside a band around a guide, [`support`]
//! measures how well each clause is matched inside its pair, and
//! [`learn_translations`] pairs the words of confidently aligned clauses for
//! a second pass.

use rustc_hash::FxHashMap;

use super::dp;
use super::guide::anchor_guide;
use super::{AlignParams, AlignedPair, Alignment, Scorer};
use crate::features::Features;

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
