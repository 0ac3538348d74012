//! The tunable weights of the bead score ([`AlignParams`]), their defaults
//! and the `name=value` overrides read from `CLAUSEALIGN_PARAMS`.

#[cfg(doc)]
use super::Scorer;

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
