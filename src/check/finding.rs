//! What the check reports: findings, their kinds and severities, and the
//! thresholds that tune it.

use std::sync::Arc;

use serde::Serialize;

use super::glossary::Glossary;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often a translation choice.
    Info,
    /// Probably a real difference.
    Warning,
    /// A promise differs.
    Error,
}

/// What kind of difference a finding reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A clause or sentence present in one language only.
    Omission,
    /// A number, period, age, percentage or amount differs.
    Number,
    /// A date differs.
    Date,
    /// An e-mail address, URL or phone number differs.
    Contact,
    /// A named party, product or law differs.
    Entity,
    /// One side negates what the other affirms.
    Negation,
    /// Obligation strength differs (must/shall vs may).
    Modality,
    /// A translation a pre-paired file marks as not final (a gettext fuzzy
    /// entry, an XLIFF state asking for review).
    Fuzzy,
    /// A glossary term on one side whose translation the other side lacks
    /// (with a glossary, [`CheckParams::glossary`]), or an English term the
    /// Chinese side renders two ways in one document.
    Terminology,
}

impl FindingKind {
    /// All kinds, in report order.
    pub const ALL: [FindingKind; 9] = [
        FindingKind::Omission,
        FindingKind::Number,
        FindingKind::Date,
        FindingKind::Contact,
        FindingKind::Entity,
        FindingKind::Negation,
        FindingKind::Modality,
        FindingKind::Fuzzy,
        FindingKind::Terminology,
    ];

    /// The kind's name as in the JSON contract.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Omission => "omission",
            FindingKind::Number => "number",
            FindingKind::Date => "date",
            FindingKind::Contact => "contact",
            FindingKind::Entity => "entity",
            FindingKind::Negation => "negation",
            FindingKind::Modality => "modality",
            FindingKind::Fuzzy => "fuzzy",
            FindingKind::Terminology => "terminology",
        }
    }
}

/// A difference between the two versions, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The finding's stable id: 16 hexadecimal digits that stay the same
    /// when lines move or unrelated text changes (see
    /// `check::fingerprint` and docs/review.md). Rules leave it empty;
    /// [`check`](crate::check::check) fills it in.
    pub id: String,
    /// What differs.
    pub kind: FindingKind,
    /// How serious it is.
    pub severity: Severity,
    /// How sure the check is that the two versions really differ here,
    /// from 0 to 1, read off the evidence (see docs/checks.md, "How sure a
    /// finding is"). Findings below [`CheckParams::min_confidence`] are not
    /// reported.
    #[serde(serialize_with = "two_decimals")]
    pub confidence: f64,
    /// Chinese clause ids concerned.
    pub zh: Vec<usize>,
    /// English clause ids concerned.
    pub en: Vec<usize>,
    /// The Chinese value ("15个工作日"), if the finding compares values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh_value: Option<String>,
    /// The English value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en_value: Option<String>,
    /// What a reviewer reads.
    pub message: String,
}

/// A confidence as it is written out: two decimals.
fn two_decimals<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((v * 100.0).round() / 100.0)
}

/// Thresholds of the check. `docs/checks.md` explains each.
#[derive(Clone, Debug)]
pub struct CheckParams {
    /// A sentence inside an aligned pair whose own content is translated by
    /// less than this share is reported as having no counterpart ...
    pub unsupported: f64,
    /// ... when it has at least this much content (Han characters, or
    /// English words times 1.6).
    pub unsupported_min_content: f64,
    /// Clauses with less content than this are never reported as omitted
    /// (page furniture such as "---", "* * *").
    pub omission_min_content: f64,
    /// A run of at least this many English content words that the other
    /// side does not translate is reported as untranslated text ...
    pub untranslated_run: usize,
    /// ... and of this many Chinese words (shorter on average).
    pub untranslated_run_zh: usize,
    /// Negation and modal cues are compared only on pairs aligned with at
    /// least this confidence: on a doubtful pair a differing cue is more
    /// likely a misalignment than a changed promise.
    pub min_cue_score: f64,
    /// A negation whose governed word is translated un-negated is reported
    /// only when the link between the two words is at least this sure (1:
    /// neither word had another candidate in the pair; see
    /// `links::PairWords::link_strength`).
    pub min_negation_link: f64,
    /// Findings less sure than this are not reported (0 reports them all).
    pub min_confidence: f64,
    /// An error (a contradiction: a value, a name, a negation or a modal
    /// that differs) less sure than this is reported as a warning: severity
    /// follows the kind and the confidence.
    pub min_error_confidence: f64,
    /// The glossary the terminology rule checks the terms of; without one
    /// that rule reports nothing.
    pub glossary: Option<Arc<Glossary>>,
}

impl Default for CheckParams {
    fn default() -> Self {
        CheckParams {
            unsupported: 0.12,
            unsupported_min_content: 2.0,
            omission_min_content: 2.0,
            untranslated_run: 5,
            untranslated_run_zh: 5,
            min_cue_score: 0.45,
            min_negation_link: 0.5,
            min_confidence: 0.5,
            min_error_confidence: 0.7,
            glossary: None,
        }
    }
}
