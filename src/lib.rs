//! clausealign: check whether the Chinese and English versions of a policy say
//! the same thing.
//!
//! Start with [`compare`] (one call) or an [`Analyzer`] (options and lexicon
//! held once, shared by threads); both return a [`Comparison`]: the analysed
//! document ([`Report`]) and its [`Finding`]s. Failures are one [`Error`]
//! type that says what is wrong with the input.
//!
//! The pipeline, one module per stage, plain data between them (the types
//! are in [`model`]; docs/architecture.md describes each stage):
//!
//! ```text
//! input -> split -> segment -> tokens -> anchors -> align -> check -> export
//! ```
//!
//! ```
//! use clausealign::{FindingKind, Options};
//!
//! let zh = "我们将在15个工作日内删除您的个人信息。";
//! let en = "We will delete your personal information within 30 working days.";
//! let result = clausealign::compare(zh, Some(en), &Options::default())?;
//! assert_eq!(result.findings[0].kind, FindingKind::Number);
//! # Ok::<(), clausealign::Error>(())
//! ```

pub mod align;
pub mod analyzer;
pub mod anchors;
pub mod batch;
pub mod check;
pub mod error;
pub mod export;
pub mod features;
pub mod input;
pub mod lang;
pub mod lexicon;
pub mod model;
pub mod numbering;
pub mod numerals;
pub mod pipeline;
pub mod review;
pub mod segment;
pub mod split;
pub mod text;
pub mod tokens;
pub mod words;

pub use analyzer::{Analyzer, Comparison, compare};
pub use check::{CheckParams, Finding, FindingKind, Severity};
pub use error::Error;
pub use lang::Lang;
pub use model::{Report, Side};
pub use pipeline::Options;

/// The README, whose Rust code blocks (the "Use as a library" example) run as
/// doctests so that the README cannot drift from the library.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
