//! The data model: the plain types that pass between the stages.
//!
//! An analysed document is a [`Report`]: its layout, one [`Side`] per
//! language (the source text, its clauses, the anchors of each clause and how
//! much of each clause its counterpart translates) and the aligned pairs.
//! The check reads a report and produces [`Finding`](crate::check::Finding)s;
//! export renders a report with its findings. Neither needs the orchestrator
//! ([`crate::pipeline`]) that builds reports.
//!
//! The types of the single stages are re-exported here so that a library user
//! finds them in one place.

use std::sync::Arc;

pub use crate::align::AlignedPair;
pub use crate::anchors::Anchor;
pub use crate::input::{Source, UnitStatus};
pub use crate::lang::Lang;
pub use crate::segment::{Clause, ClauseKind};
pub use crate::split::Shape;
pub use crate::tokens::{ClauseTokens, Tokens};

/// One language of an analysed document.
///
/// ```
/// use clausealign::{Analyzer, Lang};
///
/// let report = Analyzer::default()
///     .align("请发送邮件至 privacy@example.cn。", Some("Please email privacy@example.cn."))
///     .unwrap();
/// let en = report.side(Lang::En);
/// assert_eq!(en.source.name, "<en>");
/// assert_eq!(en.clauses.len(), en.anchors.len());
/// assert_eq!(en.clauses.len(), en.tokens.len());
/// assert!(en.tokens.clause(0).is_some_and(|t| t.words.len() == 5));
/// assert!(en.anchors[0].iter().any(|a| a.surface == "privacy@example.cn"));
/// ```
#[derive(Clone, Debug)]
pub struct Side {
    /// The text this language was read from (the whole file for a bilingual
    /// document).
    pub source: Arc<Source>,
    /// The clauses in document order; a clause's `id` is its index here.
    pub clauses: Vec<Clause>,
    /// The tokens of each clause body (the segmenter's pieces with their
    /// translations, Latin runs, English words with their stem ids), read
    /// by the features and the check.
    pub tokens: Tokens,
    /// The anchors of each clause (numbers, dates, contacts, names, negation
    /// and modal cues), positions relative to its body text.
    pub anchors: Vec<Vec<Anchor>>,
    /// For each clause, the share of its content the other side of its pair
    /// translates (see [`crate::align::support`]).
    pub support: Vec<f64>,
}

/// An analysed document: both languages' clauses and their alignment.
///
/// ```
/// use clausealign::{Analyzer, Lang, Options};
///
/// let text = "我们收集您的电子邮件地址。\n\nWe collect your e-mail address.\n";
/// let report = Analyzer::new(Options::default()).align(text, None).unwrap();
/// assert_eq!(report.clauses(Lang::Zh).len(), 1);
/// assert_eq!(report.clauses(Lang::En)[0].text, "We collect your e-mail address.");
/// assert_eq!(report.pairs.len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Report {
    /// The layout of the input.
    pub shape: Shape,
    /// The Chinese side.
    pub zh: Side,
    /// The English side.
    pub en: Side,
    /// Clause-level alignment: every clause of both sides in exactly one
    /// pair, in document order on both sides.
    pub pairs: Vec<AlignedPair>,
    /// For a pre-paired input ([`Shape::Paired`]), what the file says of
    /// each pair: `units[k]` is the unit of `pairs[k]`. Empty otherwise.
    pub units: Vec<Unit>,
}

/// A pair as a pre-paired file gives it (a PO entry, an XLIFF unit or
/// segment, a TMX `<tu>`, a CSV row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// How the file names it (`entry at line 12`, `trans-unit "intro" at
    /// line 8`).
    pub name: String,
    /// What the file says of it: translated, untranslated, fuzzy.
    pub status: UnitStatus,
}

impl Report {
    /// Whether the pairs were given by the input (a pre-paired file) rather
    /// than found by the aligner. Given pairs are never merged or
    /// re-grouped: each is one unit of the file.
    pub fn pairs_given(&self) -> bool {
        self.shape == Shape::Paired
    }

    /// The side of one language.
    pub fn side(&self, lang: Lang) -> &Side {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The clauses of one language.
    pub fn clauses(&self, lang: Lang) -> &[Clause] {
        &self.side(lang).clauses
    }

    /// The tokens of each clause of one language.
    pub fn tokens(&self, lang: Lang) -> &Tokens {
        &self.side(lang).tokens
    }

    /// The anchors of each clause of one language.
    pub fn anchors(&self, lang: Lang) -> &[Vec<Anchor>] {
        &self.side(lang).anchors
    }

    /// The support of each clause of one language (see [`Side::support`]).
    pub fn support(&self, lang: Lang) -> &[f64] {
        &self.side(lang).support
    }

    /// The source one language was read from.
    pub fn source(&self, lang: Lang) -> &Arc<Source> {
        &self.side(lang).source
    }

    /// The document's name: its file, or both files (`zh.txt + en.txt`).
    pub fn name(&self) -> String {
        let (zh, en) = (&self.zh.source.name, &self.en.source.name);
        if zh == en {
            zh.clone()
        } else {
            format!("{zh} + {en}")
        }
    }

    /// Size of the input in bytes: the bilingual file, or both files.
    pub fn input_bytes(&self) -> u64 {
        let (zh, en) = (&self.zh.source, &self.en.source);
        if zh.name == en.name {
            zh.file_len() as u64
        } else {
            (zh.file_len() + en.file_len()) as u64
        }
    }
}
