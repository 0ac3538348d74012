//! The whole pipeline for one document, as a library call:
//! input -> split -> segment -> features/anchors -> align -> check.
//!
//! ```no_run
//! use clausealign::pipeline::{DocumentInput, Options, analyze};
//! let input = DocumentInput::read_one("policy.txt".as_ref(), &Default::default()).unwrap();
//! let report = analyze(&input, &Options::default()).unwrap();
//! println!("{} pairs", report.pairs.len());
//! ```

use std::path::Path;
use std::sync::Arc;

use crate::align::{self, AlignParams, AlignedPair, Alignment};
use crate::anchors::{self, Anchor};
use crate::features::{self, Features, Interner};
use crate::input::{self, InputError, ReadOptions, Source};
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::segment::{self, Clause, SegmentMode};
use crate::split::{self, Halves, Shape, Span, SplitError};

/// Everything that can stop a document from being analysed.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or decoded.
    Input(InputError),
    /// A file does not hold the language(s) it should.
    Split(SplitError),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Split(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

impl From<SplitError> for Error {
    fn from(e: SplitError) -> Self {
        Error::Split(e)
    }
}

/// Options for analysing a document.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How to cut halves into clauses.
    pub segment: SegmentMode,
    /// Alignment weights.
    pub align: AlignParams,
}

/// A document's text, read but not yet analysed: one bilingual source, or
/// one source per language.
#[derive(Clone, Debug)]
pub enum DocumentInput {
    /// One file holding both languages.
    One(Arc<Source>),
    /// A Chinese file and an English file.
    Two {
        /// The Chinese version.
        zh: Arc<Source>,
        /// The English version.
        en: Arc<Source>,
    },
}

impl DocumentInput {
    /// Read a bilingual file.
    pub fn read_one(path: &Path, opts: &ReadOptions) -> Result<DocumentInput, Error> {
        Ok(DocumentInput::One(Arc::new(input::read_file(path, opts)?)))
    }

    /// Read a Chinese file and an English file.
    pub fn read_two(zh: &Path, en: &Path, opts: &ReadOptions) -> Result<DocumentInput, Error> {
        Ok(DocumentInput::Two {
            zh: Arc::new(input::read_file(zh, opts)?),
            en: Arc::new(input::read_file(en, opts)?),
        })
    }

    /// The source of one language.
    pub fn source(&self, lang: Lang) -> &Arc<Source> {
        match (self, lang) {
            (DocumentInput::One(s), _) => s,
            (DocumentInput::Two { zh, .. }, Lang::Zh) => zh,
            (DocumentInput::Two { en, .. }, Lang::En) => en,
        }
    }
}

/// An analysed document: clauses of both halves, their alignment and findings.
#[derive(Clone, Debug)]
pub struct Report {
    /// The layout of the input.
    pub shape: Shape,
    /// The source of the Chinese half.
    pub zh_source: Arc<Source>,
    /// The source of the English half.
    pub en_source: Arc<Source>,
    /// Chinese clauses in document order.
    pub zh: Vec<Clause>,
    /// English clauses in document order.
    pub en: Vec<Clause>,
    /// Anchors of each Chinese clause (positions relative to its body text).
    pub zh_anchors: Vec<Vec<Anchor>>,
    /// Anchors of each English clause.
    pub en_anchors: Vec<Vec<Anchor>>,
    /// Clause-level alignment: every clause in exactly one pair.
    pub pairs: Vec<AlignedPair>,
    /// For each Chinese clause, the share of its content the other side of
    /// its pair translates (see [`align::support`]).
    pub zh_support: Vec<f64>,
    /// The same for each English clause.
    pub en_support: Vec<f64>,
}

impl Report {
    /// The clauses of one language.
    pub fn clauses(&self, lang: Lang) -> &[Clause] {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The anchors of each clause of one language (positions relative to
    /// the clause's body text).
    pub fn anchors(&self, lang: Lang) -> &[Vec<Anchor>] {
        match lang {
            Lang::Zh => &self.zh_anchors,
            Lang::En => &self.en_anchors,
        }
    }

    /// For each clause of one language, the share of its content the other
    /// side of its pair translates.
    pub fn support(&self, lang: Lang) -> &[f64] {
        match lang {
            Lang::Zh => &self.zh_support,
            Lang::En => &self.en_support,
        }
    }

    /// The source one language was read from.
    pub fn source(&self, lang: Lang) -> &Arc<Source> {
        match lang {
            Lang::Zh => &self.zh_source,
            Lang::En => &self.en_source,
        }
    }
}

/// One way of splitting the input, analysed up to the alignment.
struct Candidate {
    shape: Shape,
    zh: Vec<Clause>,
    en: Vec<Clause>,
    zh_anchors: Vec<Vec<Anchor>>,
    en_anchors: Vec<Vec<Anchor>>,
    alignment: Alignment,
    zh_support: Vec<f64>,
    en_support: Vec<f64>,
}

/// Split (if needed), segment, align. Fails only when the input does not hold
/// both languages.
pub fn analyze(input: &DocumentInput, opts: &Options) -> Result<Report, Error> {
    let lex = Lexicon::builtin();
    let halves: Vec<Halves> = match input {
        DocumentInput::One(source) => split::split(source)?,
        DocumentInput::Two { zh, en } => vec![Halves {
            shape: Shape::TwoFiles,
            zh: split::whole_file(zh, Lang::Zh)?,
            en: split::whole_file(en, Lang::En)?,
        }],
    };
    let zh_source = input.source(Lang::Zh);
    let en_source = input.source(Lang::En);
    let mut best: Option<Candidate> = None;
    for h in &halves {
        let candidate = analyze_halves(zh_source, en_source, h, lex, opts);
        if best
            .as_ref()
            .is_none_or(|b| candidate.alignment.cost < b.alignment.cost)
        {
            best = Some(candidate);
        }
    }
    let Some(best) = best else {
        unreachable!("split returns at least one candidate");
    };
    Ok(Report {
        shape: best.shape,
        zh_source: zh_source.clone(),
        en_source: en_source.clone(),
        zh: best.zh,
        en: best.en,
        zh_anchors: best.zh_anchors,
        en_anchors: best.en_anchors,
        pairs: best.alignment.pairs,
        zh_support: best.zh_support,
        en_support: best.en_support,
    })
}

fn analyze_halves(
    zh_source: &Source,
    en_source: &Source,
    halves: &Halves,
    lex: &Lexicon,
    opts: &Options,
) -> Candidate {
    let zh = segment_half(zh_source, &halves.zh, Lang::Zh, opts.segment);
    let en = segment_half(en_source, &halves.en, Lang::En, opts.segment);
    let zh_anchors = anchors_of(&zh);
    let en_anchors = anchors_of(&en);
    let mut interner = Interner::default();
    let mut zh_features: Vec<Features> = features::extract(&zh, &zh_anchors, lex, &mut interner);
    let en_features: Vec<Features> = features::extract(&en, &en_anchors, lex, &mut interner);
    let mut alignment = align::align(&zh_features, &en_features, &opts.align);
    if opts.align.learn_dice > 0.0 {
        // Second pass with translations learned from the first.
        let learned =
            align::learn_translations(&zh_features, &en_features, &alignment.pairs, &opts.align);
        if !learned.is_empty() {
            for f in &mut zh_features {
                f.add_keys(&learned);
            }
            alignment = align::realign(&zh_features, &en_features, &opts.align, &alignment);
        }
    }
    let (zh_support, en_support) =
        align::support(&zh_features, &en_features, &alignment.pairs, &opts.align);
    Candidate {
        shape: halves.shape,
        zh,
        en,
        zh_anchors,
        en_anchors,
        alignment,
        zh_support,
        en_support,
    }
}

/// The anchors (numbers, dates, contacts, names, negation and modal cues)
/// of each clause's body, with positions relative to the body text.
fn anchors_of(clauses: &[Clause]) -> Vec<Vec<Anchor>> {
    clauses
        .iter()
        .map(|c| anchors::extract(c.body_text(), c.lang))
        .collect()
}

fn segment_half(source: &Source, spans: &[Span], lang: Lang, mode: SegmentMode) -> Vec<Clause> {
    segment::segment(source, spans, lang, mode)
}
