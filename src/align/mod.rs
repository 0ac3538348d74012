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
//!
//! The module is split by job:
//!
//! * `params.rs`: [`AlignParams`], the weights of the bead score;
//! * `pairs.rs`: the result, [`AlignedPair`] and [`Alignment`], and
//!   [`merge_shared_lines`];
//! * `driver.rs`: [`align`], [`realign`], [`support`] and
//!   [`learn_translations`];
//! * `guide.rs`: [`anchor_guide`], the band's expected path from anchors;
//! * `scorer.rs`: [`Scorer`], the cost of a bead;
//! * `band.rs`: the clause-pair data of the band the scorer prepares;
//! * `bead.rs`: the scorer as the dynamic program calls it, with its fast
//!   path over the band;
//! * [`dp`]: the banded dynamic program.

mod band;
mod bead;
pub mod dp;
mod driver;
mod guide;
mod pairs;
mod params;
mod scorer;

pub use driver::{align, learn_translations, realign, support};
pub use guide::anchor_guide;
pub use pairs::{AlignedPair, Alignment, merge_shared_lines};
pub use params::AlignParams;
pub use scorer::Scorer;
