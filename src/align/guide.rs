//! The guide of the band: where the alignment path is expected to run
//! through the clause grid, from anchors (keys found once in each half),
//! and how far it may stray ([`anchor_guide`]).

use rustc_hash::FxHashMap;

use super::dp;
use crate::features::Features;

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
