//! Check: report where one language omits or changes a promise.

use serde::Serialize;

use crate::pipeline::Report;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
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
}

/// A difference between the two versions, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What differs.
    pub kind: FindingKind,
    /// How serious it is.
    pub severity: Severity,
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

/// Findings for an analysed document.
pub fn check(_report: &Report) -> Vec<Finding> {
    Vec::new()
}
