//! The orchestrator: run the stages on one document, up to the alignment.
//! input -> split -> segment -> tokens -> anchors/features -> align.
//!
//! Most callers want the facade instead ([`crate::Analyzer`],
//! [`crate::compare`]), which also runs the check. This module is for callers
//! that drive the stages themselves (benchmarks, fuzz targets).
//!
//! ```
//! use clausealign::input::DocumentInput;
//! use clausealign::pipeline::{Options, analyze};
//!
//! let input = DocumentInput::from_texts("我们收集您的电子邮件地址。", Some("We collect your e-mail address.")).unwrap();
//! let report = analyze(&input, &Options::default()).unwrap();
//! assert_eq!(report.pairs.len(), 1);
//! ```

use crate::align::{self, AlignParams, AlignedPair, Alignment};
use crate::anchors::{self, Anchor};
use crate::check::CheckParams;
use crate::error::Error;
use crate::features::{self, Features, Interner};
use crate::input::{Paired, Source};
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::model::{Side, Unit};
use crate::segment::{self, Clause, SegmentMode};
use crate::split::{self, Halves, Shape, Span};
use crate::tokens::Tokens;

pub use crate::input::DocumentInput;
pub use crate::model::Report;

/// Everything that decides how a document is analysed and checked.
///
/// ```
/// use clausealign::Options;
/// use clausealign::segment::SegmentMode;
///
/// // A corpus already split one sentence per line.
/// let options = Options { segment: SegmentMode::Lines, ..Options::default() };
/// assert_eq!(options.check.min_cue_score, Options::default().check.min_cue_score);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How to cut each language into clauses.
    pub segment: SegmentMode,
    /// Alignment weights (see docs/algorithm.md).
    pub align: AlignParams,
    /// Thresholds of the check (see docs/checks.md).
    pub check: CheckParams,
}

/// One way of splitting the input, analysed up to the alignment.
struct Candidate {
    shape: Shape,
    zh: Vec<Clause>,
    en: Vec<Clause>,
    zh_tokens: Tokens,
    en_tokens: Tokens,
    zh_anchors: Vec<Vec<Anchor>>,
    en_anchors: Vec<Vec<Anchor>>,
    alignment: Alignment,
    zh_support: Vec<f64>,
    en_support: Vec<f64>,
}

/// Split (if needed), segment, align, with the built-in lexicon. Fails only
/// when the input does not hold both languages.
pub fn analyze(input: &DocumentInput, opts: &Options) -> Result<Report, Error> {
    analyze_with(input, opts, Lexicon::builtin())
}

/// [`analyze`] with the given lexicon.
pub fn analyze_with(input: &DocumentInput, opts: &Options, lex: &Lexicon) -> Result<Report, Error> {
    let halves: Vec<Halves> = match input {
        DocumentInput::One(source) => split::split(source)?,
        DocumentInput::Two { zh, en } => vec![Halves {
            shape: Shape::TwoFiles,
            zh: split::whole_file(zh, Lang::Zh)?,
            en: split::whole_file(en, Lang::En)?,
        }],
        DocumentInput::Paired(paired) => return Ok(analyze_paired(paired, opts, lex)),
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
        zh: Side {
            source: zh_source.clone(),
            clauses: best.zh,
            tokens: best.zh_tokens,
            anchors: best.zh_anchors,
            support: best.zh_support,
        },
        en: Side {
            source: en_source.clone(),
            clauses: best.en,
            tokens: best.en_tokens,
            anchors: best.en_anchors,
            support: best.en_support,
        },
        pairs: best.alignment.pairs,
        units: Vec::new(),
    })
}

/// A pre-paired document: each unit is cut into clauses and its clauses
/// make one pair, never re-aligned. Scores and support are computed as for
/// aligned pairs (with translations learned from the pairs), so the check
/// reads them the same way. A unit without text in either language makes
/// no pair.
fn analyze_paired(paired: &Paired, opts: &Options, lex: &Lexicon) -> Report {
    let segment_side = |lang: Lang| -> (Vec<Clause>, Vec<usize>) {
        let source = paired.source(lang);
        let spans = unit_spans(&source.text, paired.units.iter().map(|u| u.range(lang)));
        let clauses = segment::segment(source, &spans, lang, opts.segment);
        // The unit of each clause: units are in text order, and no clause
        // crosses the separator line between two units.
        let starts: Vec<usize> = paired.units.iter().map(|u| u.range(lang).start).collect();
        let unit_of = clauses
            .iter()
            .map(|c| {
                starts
                    .partition_point(|&s| s <= c.text_range.0)
                    .saturating_sub(1)
            })
            .collect();
        (clauses, unit_of)
    };
    let (zh, zh_unit) = segment_side(Lang::Zh);
    let (en, en_unit) = segment_side(Lang::En);
    let mut members = vec![(Vec::new(), Vec::new()); paired.units.len()];
    for (id, &u) in zh_unit.iter().enumerate() {
        members[u].0.push(id);
    }
    for (id, &u) in en_unit.iter().enumerate() {
        members[u].1.push(id);
    }
    let zh_tokens = Tokens::of_clauses(&zh, lex);
    let en_tokens = Tokens::of_clauses(&en, lex);
    let zh_anchors = anchors_of(&zh);
    let en_anchors = anchors_of(&en);
    let mut interner = Interner::default();
    let mut zh_features = features::extract(&zh, &zh_tokens, &zh_anchors, lex, &mut interner);
    let en_features = features::extract(&en, &en_tokens, &en_anchors, lex, &mut interner);
    let mut pairs = Vec::with_capacity(paired.units.len());
    let mut units = Vec::with_capacity(paired.units.len());
    for (unit, (z, e)) in paired.units.iter().zip(members) {
        if z.is_empty() && e.is_empty() {
            continue;
        }
        pairs.push(AlignedPair {
            zh: z,
            en: e,
            score: 0.0,
        });
        units.push(Unit {
            name: unit.name.clone(),
            status: unit.status.clone(),
        });
    }
    if opts.align.learn_dice > 0.0 {
        let learned = align::learn_translations(&zh_features, &en_features, &pairs, &opts.align);
        for f in &mut zh_features {
            f.add_keys(&learned);
        }
    }
    let scorer = align::Scorer::new(&zh_features, &en_features, &opts.align);
    for p in &mut pairs {
        if let (Some(&z0), Some(&e0)) = (p.zh.first(), p.en.first()) {
            let z = z0..z0 + p.zh.len();
            let e = e0..e0 + p.en.len();
            p.score = (scorer.similarity(z, e) * 1000.0).round() / 1000.0;
        }
    }
    let (zh_support, en_support) = align::support(&zh_features, &en_features, &pairs, &opts.align);
    Report {
        shape: Shape::Paired,
        zh: Side {
            source: paired.zh.clone(),
            clauses: zh,
            tokens: zh_tokens,
            anchors: zh_anchors,
            support: zh_support,
        },
        en: Side {
            source: paired.en.clone(),
            clauses: en,
            tokens: en_tokens,
            anchors: en_anchors,
            support: en_support,
        },
        pairs,
        units,
    }
}

/// The non-blank lines of the given ranges of `text`, as spans for the
/// segmenter.
fn unit_spans(text: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> Vec<Span> {
    let mut spans = Vec::new();
    let lines = crate::text::lines(text);
    for range in ranges {
        let first = lines.partition_point(|l| l.end < range.start);
        for line in lines[first..].iter().take_while(|l| l.start < range.end) {
            let (start, end) = (line.start.max(range.start), line.end.min(range.end));
            if start < end && !crate::text::is_blank(&text[start..end]) {
                spans.push(Span {
                    line: line.index,
                    start,
                    end,
                });
            }
        }
    }
    spans
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
    let zh_tokens = Tokens::of_clauses(&zh, lex);
    let en_tokens = Tokens::of_clauses(&en, lex);
    let zh_anchors = anchors_of(&zh);
    let en_anchors = anchors_of(&en);
    let mut interner = Interner::default();
    let mut zh_features: Vec<Features> =
        features::extract(&zh, &zh_tokens, &zh_anchors, lex, &mut interner);
    let en_features: Vec<Features> =
        features::extract(&en, &en_tokens, &en_anchors, lex, &mut interner);
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
        zh_tokens,
        en_tokens,
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
