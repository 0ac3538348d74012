//! The scorer as the dynamic program sees it ([`dp::BeadCost`]): the band
//! is prepared once per run, and the best bead ending in a cell is found
//! from the band's pair data, dismissing beads that a lower bound shows
//! cannot win. The totals are the same to the bit as those of
//! [`Scorer::cost`](dp::BeadCost::cost).

use std::ops::Range;

use super::Scorer;
use super::band::{Compact, KeyIndex, matched_share, unmatched_term};
use super::dp;
use super::scorer::mask_excess;

impl Scorer<'_> {
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
