//! Review: what a reviewer has already accepted or never wants to see.
//!
//! A [`Baseline`] lists accepted findings by id; [`IgnoreRules`] drop
//! findings by kind and text. [`apply`] takes the findings of a check and
//! keeps the rest, counting what was suppressed and which baseline entries
//! no longer match any finding (stale: the difference was fixed, or its
//! text changed). docs/review.md describes the workflow.

mod baseline;
mod ignore;

pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry};
pub use ignore::{IgnoreRule, IgnoreRules};

use crate::check::Finding;
use crate::model::Report;

/// What is accepted: a baseline, ignore rules, or both.
#[derive(Clone, Debug, Default)]
pub struct Accepted {
    /// Findings accepted by id.
    pub baseline: Option<Baseline>,
    /// Findings ignored by kind and text.
    pub ignore: Option<IgnoreRules>,
}

/// The findings left after a review, and what was left out.
#[derive(Clone, Debug, Default)]
pub struct Reviewed {
    /// The findings neither accepted nor ignored, in their order.
    pub findings: Vec<Finding>,
    /// How many findings the baseline accepted.
    pub suppressed: usize,
    /// How many findings an ignore rule dropped (and the baseline did not).
    pub ignored: usize,
    /// Baseline entries that matched no finding.
    pub stale: Vec<BaselineEntry>,
}

/// Counts of a review, as the reports show them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReviewCounts {
    /// Findings the baseline accepted.
    pub suppressed: usize,
    /// Findings an ignore rule dropped.
    pub ignored: usize,
    /// Baseline entries that matched no finding.
    pub stale: usize,
}

impl Reviewed {
    /// The counts.
    pub fn counts(&self) -> ReviewCounts {
        ReviewCounts {
            suppressed: self.suppressed,
            ignored: self.ignored,
            stale: self.stale.len(),
        }
    }
}

/// Leave out of `findings` (of `report`) what `accepted` accepts.
pub fn apply(findings: Vec<Finding>, report: &Report, accepted: &Accepted) -> Reviewed {
    let ids = accepted
        .baseline
        .as_ref()
        .map(Baseline::ids)
        .unwrap_or_default();
    let mut matched = std::collections::BTreeSet::new();
    let mut out = Reviewed::default();
    for f in findings {
        if ids.contains(f.id.as_str()) {
            matched.insert(f.id.clone());
            out.suppressed += 1;
        } else if accepted
            .ignore
            .as_ref()
            .is_some_and(|rules| rules.matching(&f, report).is_some())
        {
            out.ignored += 1;
        } else {
            out.findings.push(f);
        }
    }
    if let Some(b) = &accepted.baseline {
        out.stale = b
            .entries
            .iter()
            .filter(|e| !matched.contains(&e.id))
            .cloned()
            .collect();
    }
    out
}
