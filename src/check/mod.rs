//! Check: report where one language omits or changes a promise.
//!
//! The check reads an analysed document ([`Report`]): the aligned pairs,
//! each clause's anchors (numbers, dates, contacts, names, negation and modal
//! cues) and each clause's *support* (how much of it the other side of its
//! pair translates). It compares the two sides of every pair and reports
//!
//! * **omission**: a clause without counterpart, or a sentence inside an
//!   aligned pair that the other language does not translate (a sentence
//!   added to one version);
//! * **number** / **date**: a value on one side that differs from the
//!   other side's (`15个工作日` vs `30 working days`);
//! * **contact**: an e-mail address, URL or phone number that differs;
//! * **entity**: a named party or product on one side that the other does
//!   not name;
//! * **negation**: one side negates what the other affirms;
//! * **modality**: obligation strength differs (must/shall vs may).
//!
//! Each rule lives in its own file under `rules/`; this module is the
//! driver. It runs the rules in the order of [`PHASES`], and each rule sees
//! the text the rules before it claimed (`claims.rs`).
//!
//! Values are compared on *line groups*: the aligned pairs merged so that no
//! group splits a line (see [`crate::align::merge_shared_lines`]), which
//! keeps a sentence boundary drawn differently in the two languages from
//! looking like a change. A value missing from a group is also looked for in
//! the neighbouring groups before it is reported.
//!
//! Only differences with evidence on both sides are errors: a value that one
//! side writes and the other does not (a translator's omission, or a value
//! the extractor could not read) is a warning, and most such cases are left
//! unreported because faithful translations do that all the time.

mod claims;
mod context;
mod finding;
pub mod fingerprint;
pub mod glossary;
mod governed;
mod learned;
mod links;
mod rules;
mod tokens;

pub use finding::{CheckParams, Finding, FindingKind, Severity};

use crate::align::{AlignedPair, merge_shared_lines};
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::model::Report;
use crate::segment::Clause;

use claims::{Claims, Outcome};
use context::Context;

/// A rule of the check. [`PHASES`] gives the order they run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Units a pre-paired file marks untranslated or fuzzy
    /// (`rules/marks.rs`).
    Marks,
    /// Clauses without counterpart, and clauses of a merged pair that
    /// translate almost nothing (`rules/omission.rs`).
    Unaligned,
    /// Numbered items: section numbers that differ, and items without a
    /// counterpart inside a merged pair (`rules/omission.rs`).
    Labels,
    /// Text inside an aligned pair that the other side does not translate
    /// (`rules/untranslated/`).
    Untranslated,
    /// Numbers, dates, periods, amounts (`rules/values.rs`).
    Values,
    /// The same number bounded in opposite directions, "within" against
    /// 至少 (`rules/bounds.rs`).
    Bounds,
    /// E-mail addresses, URLs, phone numbers (`rules/contacts.rs`).
    Contacts,
    /// Named parties and products (`rules/entities/`).
    Entities,
    /// One side negates what the other affirms (`rules/negation.rs`).
    Negation,
    /// Obligation strength differs (`rules/modality.rs`).
    Modality,
    /// A qualifier of a grant ("non-exclusive", "irrevocable") that the
    /// Chinese version does not translate (`rules/qualifiers.rs`).
    Qualifiers,
    /// A glossary term on one side without its translation on the other
    /// (`rules/terminology.rs`); only with a glossary.
    Terminology,
    /// An English defined term the Chinese version renders two ways
    /// (`rules/consistency.rs`); no glossary needed.
    Consistency,
}

impl Rule {
    /// The rule's name, as it goes into finding ids: never change one, or
    /// every baseline listing its findings goes stale.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Marks => "marks",
            Rule::Unaligned => "unaligned",
            Rule::Labels => "labels",
            Rule::Untranslated => "untranslated",
            Rule::Qualifiers => "qualifiers",
            Rule::Values => "values",
            Rule::Bounds => "bounds",
            Rule::Contacts => "contacts",
            Rule::Entities => "entities",
            Rule::Negation => "negation",
            Rule::Modality => "modality",
            Rule::Terminology => "terminology",
            Rule::Consistency => "consistency",
        }
    }
}

/// The order the rules run in. A rule sees what every rule before it
/// claimed and compares none of it:
///
/// 0. [`Rule::Marks`] first: a unit a pre-paired file leaves untranslated
///    is reported as the file says and claimed whole (nothing in it is
///    compared, and it is not reported again as a clause without
///    counterpart).
/// 1. [`Rule::Unaligned`]: a clause with no counterpart has nothing
///    to compare, so it is claimed whole.
/// 2. [`Rule::Labels`]: a numbered item without counterpart inside a merged
///    pair is claimed whole (unless already reported).
/// 3. [`Rule::Untranslated`]: a sentence or run of words that the other side
///    does not translate is claimed, so that its values and cues are not
///    reported again as differences (an added sentence is one omission, not
///    also a negation and a modality finding). It skips clauses already
///    claimed.
/// 4. [`Rule::Values`], [`Rule::Bounds`], [`Rule::Contacts`],
///    [`Rule::Entities`] compare what is left; they claim nothing.
/// 5. [`Rule::Negation`] claims the line group of a pair it reports
///    (unless it hedges the finding): a flipped negation usually changes
///    the modal too ("may" becomes "may not"), so
/// 6. [`Rule::Modality`] then finds nothing to compare there, nor does
///    [`Rule::Qualifiers`] ("irrevocable" against 可撤销 is one negation, not
///    also a dropped qualifier); it claims nothing.
/// 7. [`Rule::Terminology`] (only with a glossary) compares the glossary's
///    terms on what no rule claimed; it claims nothing.
/// 8. [`Rule::Consistency`] looks over the whole document for an English
///    defined term the Chinese side renders two ways, on what no rule
///    claimed; it claims nothing.
///
/// Findings are sorted into document order at the end, so the phase order
/// only decides what is compared, not where a finding is listed.
pub const PHASES: [Rule; 13] = [
    Rule::Marks,
    Rule::Unaligned,
    Rule::Labels,
    Rule::Untranslated,
    Rule::Values,
    Rule::Bounds,
    Rule::Contacts,
    Rule::Entities,
    Rule::Negation,
    Rule::Modality,
    Rule::Qualifiers,
    Rule::Terminology,
    Rule::Consistency,
];

/// Findings for an analysed document, in document order. `lex` must be the
/// lexicon the document was analysed with.
pub fn check(report: &Report, lex: &Lexicon, params: &CheckParams) -> Vec<Finding> {
    let ctx = Context::new(report, lex, params);
    let groups = line_groups(report);
    let mut claims = Claims::default();
    // Each finding with the rule that reported it, for its id.
    let mut out: Vec<(Rule, Finding)> = Vec::new();
    for rule in PHASES {
        let outcome = run(rule, &ctx, &claims, &groups);
        out.extend(outcome.findings.into_iter().map(|f| (rule, f)));
        claims.extend(outcome.claims);
    }
    // A finding below the threshold still claimed its text above: it is
    // not reported, and nothing else is reported there in its place.
    out.retain(|(_, f)| f.confidence >= params.min_confidence);
    for (_, f) in &mut out {
        if f.severity == Severity::Error && f.confidence < params.min_error_confidence {
            f.severity = Severity::Warning;
        }
    }
    // Findings that name English clauses only go after the Chinese clause
    // aligned before them.
    let last_zh = last_zh_before(report);
    let en_pair = ctx.pair_of(Lang::En);
    let zh_position = |f: &Finding| -> usize {
        let Some(&e) = f.en.first() else {
            return usize::MAX;
        };
        match en_pair.get(e).and_then(|&k| last_zh.get(k)) {
            Some(&z) => z,
            None => last_zh.last().copied().unwrap_or(0),
        }
    };
    out.sort_by_cached_key(|(_, f)| {
        (
            f.zh.first()
                .copied()
                .unwrap_or(usize::MAX)
                .min(zh_position(f)),
            f.en.first().copied().unwrap_or(usize::MAX),
            f.kind,
        )
    });
    // Ids last: duplicates are numbered in document order.
    fingerprint::assign(report, &mut out);
    out.into_iter().map(|(_, f)| f).collect()
}

/// Run one rule over the document.
fn run(rule: Rule, ctx: &Context, claimed: &Claims, groups: &[AlignedPair]) -> Outcome {
    use rules::{
        bounds, consistency, contacts, entities, marks, modality, negation, omission, qualifiers,
        terminology, untranslated, values,
    };
    match rule {
        Rule::Marks => marks::marks(ctx, claimed),
        Rule::Unaligned => omission::unaligned(ctx, claimed),
        Rule::Labels => omission::labels(ctx, claimed),
        Rule::Untranslated => {
            per_group(groups, |g, near| untranslated::check(ctx, claimed, g, near))
        }
        Rule::Qualifiers => per_group(groups, |g, _| qualifiers::check(ctx, claimed, g)),
        Rule::Values => per_group(groups, |g, near| values::check(ctx, claimed, g, near)),
        Rule::Bounds => per_group(groups, |g, _| bounds::check(ctx, claimed, g)),
        Rule::Contacts => per_group(groups, |g, near| contacts::check(ctx, claimed, g, near)),
        Rule::Entities => {
            let mut names = entities::Entities::new(ctx);
            per_group(groups, |g, _| names.check(claimed, g))
        }
        Rule::Negation => per_group(groups, |g, near| negation::check(ctx, claimed, g, near)),
        Rule::Modality => per_group(groups, |g, _| modality::check(ctx, claimed, g)),
        Rule::Terminology => per_group(groups, |g, _| terminology::check(ctx, claimed, g)),
        Rule::Consistency => consistency::check(ctx, claimed, groups),
    }
}

/// The groups before and after a line group.
pub(crate) type Neighbours<'g> = [Option<&'g AlignedPair>; 2];

/// Run a rule on every line group that has both languages.
fn per_group(
    groups: &[AlignedPair],
    mut rule: impl FnMut(&AlignedPair, &Neighbours) -> Outcome,
) -> Outcome {
    let mut out = Outcome::default();
    for (g, group) in groups.iter().enumerate() {
        if group.zh.is_empty() || group.en.is_empty() {
            continue;
        }
        let prev = g.checked_sub(1).and_then(|k| groups.get(k));
        out.extend(rule(group, &[prev, groups.get(g + 1)]));
    }
    out
}

/// Pairs merged so that no group splits a line; the pairs as they are when
/// the input gave them (each is a unit of a pre-paired file).
fn line_groups(report: &Report) -> Vec<AlignedPair> {
    if report.pairs_given() {
        return report.pairs.clone();
    }
    let lines = |cs: &[Clause]| -> Vec<(usize, usize)> {
        cs.iter().map(|c| (c.line, c.end_line)).collect()
    };
    merge_shared_lines(
        &report.pairs,
        &lines(report.clauses(Lang::Zh)),
        &lines(report.clauses(Lang::En)),
    )
}

/// For each pair, the last Chinese clause of it or of the pairs before it
/// (0 before the first Chinese clause).
fn last_zh_before(report: &Report) -> Vec<usize> {
    let mut last = 0;
    report
        .pairs
        .iter()
        .map(|p| {
            if let Some(&z) = p.zh.last() {
                last = z;
            }
            last
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Findings of small documents, for the rules' unit tests.

    use super::*;
    use crate::input::Source;
    use crate::pipeline::{DocumentInput, Options, analyze};
    use std::sync::Arc;

    fn run(zh: &str, en: &str, options: &Options) -> Vec<Finding> {
        run_with(zh, en, options, &CheckParams::default())
    }

    fn run_with(zh: &str, en: &str, options: &Options, params: &CheckParams) -> Vec<Finding> {
        check(&report_of(zh, en, options), Lexicon::builtin(), params)
    }

    /// The analysed document of a Chinese and an English text.
    pub(crate) fn report_of(zh: &str, en: &str, options: &Options) -> Report {
        let input = DocumentInput::Two {
            zh: Arc::new(Source::from_text("zh", zh)),
            en: Arc::new(Source::from_text("en", en)),
        };
        analyze(&input, options).expect("analyses")
    }

    /// All findings (`--all`) of a document read line by line whose lines
    /// are paired as `pairs` says (Chinese and English line indices), not
    /// as the aligner would, each pair of both languages with score
    /// `score`: a rule's reading of a pairing the aligner chooses only on
    /// long real documents.
    pub(crate) fn paired_findings_all(
        zh: &str,
        en: &str,
        pairs: &[(&[usize], &[usize])],
        score: f64,
    ) -> Vec<Finding> {
        let options = Options {
            segment: crate::segment::SegmentMode::Lines,
            ..Options::default()
        };
        let mut report = report_of(zh, en, &options);
        report.pairs = pairs
            .iter()
            .map(|(z, e)| crate::align::AlignedPair {
                zh: z.to_vec(),
                en: e.to_vec(),
                score: if z.is_empty() || e.is_empty() {
                    0.0
                } else {
                    score
                },
            })
            .collect();
        let params = CheckParams {
            min_confidence: 0.0,
            ..CheckParams::default()
        };
        check(&report, Lexicon::builtin(), &params)
    }

    /// [`paired_findings_all`] with line k of each text paired with line k
    /// of the other (the texts have as many lines).
    pub(crate) fn line_by_line_findings_all(zh: &str, en: &str, score: f64) -> Vec<Finding> {
        let ids: Vec<[usize; 1]> = (0..zh.lines().count()).map(|k| [k]).collect();
        let pairs: Vec<(&[usize], &[usize])> = ids.iter().map(|k| (&k[..], &k[..])).collect();
        paired_findings_all(zh, en, &pairs, score)
    }

    /// All findings of one Chinese sentence against one English sentence,
    /// those below the default confidence too (`--all`).
    pub(crate) fn all_findings(zh: &str, en: &str) -> Vec<Finding> {
        let params = CheckParams {
            min_confidence: 0.0,
            ..CheckParams::default()
        };
        run_with(zh, en, &Options::default(), &params)
    }

    /// The confidences of the findings of one kind, in order.
    pub(crate) fn confidences(found: Vec<Finding>, kind: FindingKind) -> Vec<f64> {
        found
            .into_iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.confidence)
            .collect()
    }

    /// Findings of one Chinese sentence against one English sentence:
    /// (kind, message).
    pub(crate) fn findings(zh: &str, en: &str) -> Vec<(FindingKind, String)> {
        run(zh, en, &Options::default())
            .into_iter()
            .map(|f| (f.kind, f.message))
            .collect()
    }

    /// Findings of a document given as one clause per line.
    pub(crate) fn line_findings(zh: &str, en: &str) -> Vec<Finding> {
        let options = Options {
            segment: crate::segment::SegmentMode::Lines,
            ..Options::default()
        };
        run(zh, en, &options)
    }

    /// [`line_findings`], those below the default confidence too.
    pub(crate) fn line_findings_all(zh: &str, en: &str) -> Vec<Finding> {
        let options = Options {
            segment: crate::segment::SegmentMode::Lines,
            ..Options::default()
        };
        let params = CheckParams {
            min_confidence: 0.0,
            ..CheckParams::default()
        };
        run_with(zh, en, &options, &params)
    }
}
