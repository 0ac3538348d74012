//! The result of an alignment: [`AlignedPair`]s and the [`Alignment`] that
//! holds them, and [`merge_shared_lines`], which joins pairs that split a
//! line of the file.

use serde::Serialize;

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
