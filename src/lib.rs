//! clausealign: check whether the Chinese and English versions of a policy say
//! the same thing.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! ```text
//! input -> split -> segment -> anchors -> align -> check -> export
//! ```

pub mod align;
pub mod anchors;
pub mod batch;
pub mod check;
pub mod export;
pub mod features;
pub mod html;
pub mod input;
pub mod lang;
pub mod lexicon;
pub mod numbering;
pub mod numerals;
pub mod pipeline;
pub mod segment;
pub mod split;
pub mod text;
pub mod words;
