//! The alignment dynamic program: a monotone path through the clause grid
//! made of beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1), restricted to a
//! band around the expected path so that cost grows linearly with length.
//!
//! The band follows a guide path (the diagonal, or a path through confident
//! anchor matches). If the best path runs along the edge of the band, the band
//! is widened and the program rerun, so a large omission near the start of a
//! document does not force a wrong alignment.

use std::ops::Range;

/// A bead: how many clauses of each language one aligned pair takes.
pub type Bead = (usize, usize);

/// The beads the program may use, in the order they are tried.
pub const BEADS: [Bead; 8] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Scores beads for the dynamic program.
pub trait BeadCost {
    /// Cost of aligning Chinese clauses `zh` with English clauses `en` (both
    /// non-empty), or of leaving one clause without counterpart (the other
    /// range empty). Lower is better; `f64::INFINITY` forbids the bead.
    fn cost(&self, zh: Range<usize>, en: Range<usize>) -> f64;

    /// Called before each run of the program with the column range
    /// `(lo, hi)` of every row (rows are Chinese prefix lengths `0..=n`), so
    /// an implementation can precompute what the band needs.
    fn prepare(&mut self, _rows: &[(usize, usize)]) {}

    /// `base + self.cost(zh, en)`, computed with exactly that arithmetic,
    /// when it can still win against the best total `best` of the cell so
    /// far: when it is below `best`, or equal to it and `ties` is true (the
    /// bead comes before the best one in [`BEADS`]). When the bead cannot
    /// win, an implementation may return any value that does not win
    /// (`f64::INFINITY`) without computing the whole cost: this is where a
    /// scorer prunes beads with a cheap lower bound.
    fn total_below(
        &self,
        zh: Range<usize>,
        en: Range<usize>,
        base: f64,
        _best: f64,
        _ties: bool,
    ) -> f64 {
        base + self.cost(zh, en)
    }

    /// Costs of a one-sided bead (`zh` or `en` empty): opening a gap, and
    /// extending one (the bead directly follows a one-sided bead on the same
    /// side). Runs of clauses without counterpart are one omission, so a
    /// scorer may make the extension cheaper than the opening (affine gap
    /// costs). The default charges [`BeadCost::cost`] for both.
    fn null_costs(&self, zh: Range<usize>, en: Range<usize>) -> (f64, f64) {
        let c = self.cost(zh, en);
        (c, c)
    }

    /// The best bead ending in cell `(i, j)` (Chinese prefix `i`, English
    /// prefix `j`). `bases[b]` is the score of the cell where bead
    /// `BEADS[b]` starts, infinite when that cell is outside the band or
    /// unreachable; for the one-sided beads (1-0 and 0-1) `nulls` holds the
    /// whole totals instead (their gap states are kept by the program), and
    /// `bases[1]`, `bases[2]` are unused. Returns the lowest total and its
    /// `b` (`u8::MAX` when no bead is possible); among equal totals the
    /// lowest `b` wins. The default tries every bead with
    /// [`BeadCost::total_below`]; an implementation may share work between
    /// the beads of a cell, as long as the result is the same.
    fn best_bead(&self, i: usize, j: usize, bases: &[f64; 8], nulls: [f64; 2]) -> (f64, u8) {
        let mut best = f64::INFINITY;
        let mut best_b = u8::MAX;
        for b in TRY_ORDER {
            let ties = (b as u8) < best_b;
            let total = if b == 1 || b == 2 {
                nulls[b - 1]
            } else {
                let base = bases[b];
                if !base.is_finite() {
                    continue;
                }
                let (a, e) = BEADS[b];
                self.total_below(i - a..i, j - e..j, base, best, ties)
            };
            if total < best || (ties && total == best && total.is_finite()) {
                best = total;
                best_b = b as u8;
            }
        }
        (best, best_b)
    }
}

/// One step of the best path.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Chinese clause indices.
    pub zh: Range<usize>,
    /// English clause indices.
    pub en: Range<usize>,
    /// Cost of the bead.
    pub cost: f64,
}

/// Banded DP over `n` Chinese and `m` English clauses. `guide[i]` is the
/// expected English position at Chinese position `i` (length `n + 1`).
/// Returns the steps of the best path and its total cost.
pub fn best_path<C: BeadCost + ?Sized>(
    n: usize,
    m: usize,
    guide: &Guide,
    min_band: usize,
    cost: &mut C,
) -> (Vec<Step>, f64) {
    let mut band = min_band.max(2);
    // Extra half-width per row, for widening only where the path needs it.
    let mut extra = vec![0usize; n + 1];
    let mut local_rounds = 0;
    loop {
        let (steps, total, touched) = run(n, m, guide, band, &extra, cost);
        let full = band > m.max(n);
        if touched.is_empty() || full {
            return (steps, total);
        }
        if (n + 1) * (4 * band + 1) <= GLOBAL_WIDENING_CELLS {
            // Small enough: widen everywhere (the simplest band that is
            // sure to hold the better path).
            band *= 2;
            continue;
        }
        // A long document: widening the whole band again and again would
        // make the program quadratic (a path that touches the edge once, at
        // a large omission, doubles the band up to the full grid). Widen
        // only around the rows where the path touched the edge, a bounded
        // number of times.
        if local_rounds == MAX_LOCAL_ROUNDS {
            return (steps, total);
        }
        local_rounds += 1;
        // Each touching row doubles its width, and its neighbours within
        // four widths take at least that (widths read before any changes,
        // so that neighbouring touches do not compound).
        let before = extra.clone();
        for &i in &touched {
            let width = band + before[i];
            let reach = 4 * width;
            for e in &mut extra[i.saturating_sub(reach)..=(i + reach).min(n)] {
                *e = (*e).max(width);
            }
        }
    }
}

/// Band cells up to which the whole band is widened when the path touches its
/// edge (about 40 bytes each, so some 160 MB at most); beyond, the band
/// widens only near the touching rows.
const GLOBAL_WIDENING_CELLS: usize = 4_000_000;

/// How many times a long document's band may widen locally.
const MAX_LOCAL_ROUNDS: usize = 6;

/// The expected path: for each row (Chinese prefix length `0..=n`) the
/// expected column, and how uncertain it is (extra half-width of the band).
#[derive(Clone, Debug, Default)]
pub struct Guide {
    /// Expected English position at each Chinese position.
    pub center: Vec<f64>,
    /// Extra band half-width at each position.
    pub slack: Vec<f64>,
}

/// Column range of row `i` in the band.
fn row_range(i: usize, m: usize, guide: &Guide, band: usize) -> (usize, usize) {
    let band = band + guide.slack.get(i).copied().unwrap_or(0.0).round() as usize;
    let c = guide
        .center
        .get(i)
        .copied()
        .unwrap_or(m as f64)
        .round()
        .clamp(0.0, m as f64) as usize;
    (c.saturating_sub(band), (c + band).min(m))
}

/// The order in which [`BeadCost::best_bead`] tries the beads of a cell
/// (indices into [`BEADS`]): the two cheap one-sided beads first, so that a
/// scorer can skip most of the work of the others
/// ([`BeadCost::total_below`]). Ties are still broken by the order of
/// [`BEADS`], so the result does not depend on this order.
pub const TRY_ORDER: [usize; 8] = [1, 2, 0, 3, 4, 5, 6, 7];

fn run<C: BeadCost + ?Sized>(
    n: usize,
    m: usize,
    guide: &Guide,
    band: usize,
    extra: &[usize],
    cost: &mut C,
) -> (Vec<Step>, f64, Vec<usize>) {
    let mut ranges: Vec<(usize, usize)> = (0..=n)
        .map(|i| row_range(i, m, guide, band + extra[i]))
        .collect();
    // Make the band connected: every row must overlap what its predecessor
    // can reach, and the corners must be inside.
    ranges[0].0 = 0;
    ranges[n].1 = m;
    for i in 1..=n {
        let prev = ranges[i - 1];
        if ranges[i].0 > prev.1 {
            ranges[i].0 = prev.1;
        }
        if ranges[i].1 < prev.0 {
            ranges[i].1 = prev.0;
        }
    }
    for i in (0..n).rev() {
        let next = ranges[i + 1];
        if ranges[i].1 < next.0 {
            ranges[i].1 = next.0;
        }
        if ranges[i].0 > next.1 {
            ranges[i].0 = next.1;
        }
    }
    cost.prepare(&ranges);
    let cost: &C = cost;
    let offsets: Vec<usize> = ranges
        .iter()
        .scan(0usize, |acc, &(lo, hi)| {
            let o = *acc;
            *acc += hi - lo + 1;
            Some(o)
        })
        .collect();
    let cells = offsets[n] + ranges[n].1 - ranges[n].0 + 1;
    // Three states per cell (Gotoh's affine gaps): `score` is the best
    // total of any path to the cell, `zgap` / `egap` the best total of a
    // path whose last bead is 1-0 / 0-1 (so that a following one-sided bead
    // on the same side extends the gap). `zext` / `eext` record whether that
    // last bead itself extended a gap.
    let mut score = vec![f64::INFINITY; cells];
    let mut zgap = vec![f64::INFINITY; cells];
    let mut egap = vec![f64::INFINITY; cells];
    let mut zext = vec![false; cells];
    let mut eext = vec![false; cells];
    let mut back = vec![u8::MAX; cells];
    let idx = |i: usize, j: usize| -> Option<usize> {
        let (lo, hi) = ranges[i];
        (j >= lo && j <= hi).then(|| offsets[i] + j - lo)
    };
    // The cheaper of opening and extending a gap from cell `p`; on a tie
    // the gap opens.
    let gap = |score: &[f64], gaps: &[f64], p: usize, (open, extend): (f64, f64)| {
        let o = score[p] + open;
        let x = gaps[p] + extend;
        if x < o { (x, true) } else { (o, false) }
    };
    score[0] = 0.0;
    for (i, &(lo, hi)) in ranges.iter().enumerate() {
        let row = offsets[i];
        for j in lo..=hi {
            if i == 0 && j == 0 {
                continue;
            }
            let k = row + j - lo;
            let mut bases = [f64::INFINITY; 8];
            let mut prevs = [usize::MAX; 8];
            for (b, &(a, e)) in BEADS.iter().enumerate() {
                if a > i || e > j {
                    continue;
                }
                let (pi, pj) = (i - a, j - e);
                let (plo, phi) = ranges[pi];
                if pj >= plo && pj <= phi {
                    prevs[b] = offsets[pi] + pj - plo;
                    bases[b] = score[prevs[b]];
                }
            }
            if bases[1].is_finite() {
                let costs = cost.null_costs(i - 1..i, j..j);
                (zgap[k], zext[k]) = gap(&score, &zgap, prevs[1], costs);
            }
            if bases[2].is_finite() {
                let costs = cost.null_costs(i..i, j - 1..j);
                (egap[k], eext[k]) = gap(&score, &egap, prevs[2], costs);
            }
            let (best, best_b) = cost.best_bead(i, j, &bases, [zgap[k], egap[k]]);
            score[k] = best;
            back[k] = best_b;
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let total = idx(n, m).map_or(f64::INFINITY, |k| score[k]);
    // Rows where the path runs along the edge of the band.
    let mut touched = Vec::new();
    // The state of the path at the current cell: 0 any, 1 / 2 the last
    // bead is 1-0 / 0-1.
    let mut state = 0u8;
    while i > 0 || j > 0 {
        let Some(k) = idx(i, j) else { break };
        let b = if state == 0 { back[k] } else { state };
        if b == u8::MAX {
            break;
        }
        let (lo, hi) = ranges[i];
        if (j == lo && lo > 0) || (j == hi && hi < m) {
            touched.push(i);
        }
        let (a, e) = BEADS[b as usize];
        let here = match b {
            1 => zgap[k],
            2 => egap[k],
            _ => score[k],
        };
        state = match b {
            1 if zext[k] => 1,
            2 if eext[k] => 2,
            _ => 0,
        };
        let prev = idx(i - a, j - e).map_or(0.0, |p| match state {
            1 => zgap[p],
            2 => egap[p],
            _ => score[p],
        });
        steps.push(Step {
            zh: i - a..i,
            en: j - e..j,
            cost: here - prev,
        });
        i -= a;
        j -= e;
    }
    steps.reverse();
    (steps, total, touched)
}

/// The straight guide from (0, 0) to (n, m).
pub fn diagonal(n: usize, m: usize) -> Guide {
    Guide {
        center: (0..=n)
            .map(|i| {
                if n == 0 {
                    0.0
                } else {
                    i as f64 * m as f64 / n as f64
                }
            })
            .collect(),
        slack: vec![0.0; n + 1],
    }
}

/// A guide along a known path (the steps of an earlier alignment).
pub fn along(n: usize, steps: &[Step]) -> Guide {
    let mut center = vec![0.0; n + 1];
    let mut j = 0.0;
    let mut i = 0;
    for s in steps {
        j = s.en.end as f64;
        if s.zh.end > i {
            i = s.zh.end;
            if let Some(c) = center.get_mut(i) {
                *c = j;
            }
        }
    }
    // Rows inside a merged bead follow the column reached before them.
    let mut last = 0.0;
    for c in center.iter_mut() {
        if *c < last {
            *c = last;
        }
        last = *c;
    }
    let _ = j;
    Guide {
        center,
        slack: vec![0.0; n + 1],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clauses are numbers; equal numbers match.
    struct Toy<'a> {
        zh: &'a [u32],
        en: &'a [u32],
    }

    impl BeadCost for Toy<'_> {
        fn cost(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
            if zh.is_empty() || en.is_empty() {
                return 1.0;
            }
            let a: u32 = self.zh[zh.clone()].iter().sum();
            let b: u32 = self.en[en.clone()].iter().sum();
            let merge = (zh.len() + en.len() - 2) as f64 * 0.3;
            if a == b { merge } else { 3.0 + merge }
        }
    }

    #[test]
    fn finds_merges_and_nulls() {
        let zh = [1, 2, 3, 9, 4, 5];
        let en = [1, 2, 1, 2, 4, 5, 7];
        let (steps, _) = best_path(
            zh.len(),
            en.len(),
            &diagonal(6, 7),
            2,
            &mut Toy { zh: &zh, en: &en },
        );
        let beads: Vec<(Range<usize>, Range<usize>)> =
            steps.iter().map(|s| (s.zh.clone(), s.en.clone())).collect();
        assert_eq!(
            beads,
            vec![
                (0..1, 0..1),
                (1..2, 1..2),
                (2..3, 2..4),
                (3..4, 4..4),
                (4..5, 4..5),
                (5..6, 5..6),
                (6..6, 6..7)
            ]
        );
    }

    /// [`Toy`] with cheaper gap extension.
    struct Affine<'a>(Toy<'a>);

    impl BeadCost for Affine<'_> {
        fn cost(&self, zh: Range<usize>, en: Range<usize>) -> f64 {
            self.0.cost(zh, en)
        }

        fn null_costs(&self, _zh: Range<usize>, _en: Range<usize>) -> (f64, f64) {
            (1.0, 0.25)
        }
    }

    #[test]
    fn extends_gaps_cheaply() {
        let zh = [1, 7, 8, 9, 2, 3];
        let en = [1, 2, 5, 6, 3];
        let (steps, total) = best_path(
            zh.len(),
            en.len(),
            &diagonal(6, 5),
            2,
            &mut Affine(Toy { zh: &zh, en: &en }),
        );
        let beads: Vec<(Range<usize>, Range<usize>, f64)> = steps
            .iter()
            .map(|s| (s.zh.clone(), s.en.clone(), s.cost))
            .collect();
        assert_eq!(
            beads,
            vec![
                (0..1, 0..1, 0.0),
                (1..2, 1..1, 1.0),
                (2..3, 1..1, 0.25),
                (3..4, 1..1, 0.25),
                (4..5, 1..2, 0.0),
                (5..5, 2..3, 1.0),
                (5..5, 3..4, 0.25),
                (5..6, 4..5, 0.0),
            ]
        );
        assert_eq!(total, 2.75);
    }

    #[test]
    fn widens_the_band_for_large_gaps() {
        // 30 English clauses missing at the start: far off the diagonal.
        let zh: Vec<u32> = (100..130).chain(30..40).collect();
        let en: Vec<u32> = (30..40).collect();
        let (steps, _) = best_path(
            zh.len(),
            en.len(),
            &diagonal(40, 10),
            2,
            &mut Toy { zh: &zh, en: &en },
        );
        let ones: Vec<usize> = steps
            .iter()
            .filter(|s| s.zh.len() == 1 && s.en.len() == 1)
            .map(|s| s.zh.start)
            .collect();
        assert_eq!(ones, (30..40).collect::<Vec<_>>());
    }

    #[test]
    fn empty_sides() {
        let (steps, _) = best_path(
            3,
            0,
            &diagonal(3, 0),
            2,
            &mut Toy {
                zh: &[1, 2, 3],
                en: &[],
            },
        );
        assert_eq!(steps.len(), 3);
        let (steps, _) = best_path(0, 0, &diagonal(0, 0), 2, &mut Toy { zh: &[], en: &[] });
        assert!(steps.is_empty());
    }
}
