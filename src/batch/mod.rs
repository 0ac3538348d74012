//! Batch: analyse many documents in parallel and write one result per
//! document, a summary and, optionally, one CSV of all aligned pairs.
//!
//! ```no_run
//! use clausealign::batch::{self, BatchOptions};
//! let jobs = batch::discover("policies".as_ref(), Some("out".as_ref())).unwrap();
//! let outcome = batch::run(&jobs, "out".as_ref(), &BatchOptions::default(), &|_| {}).unwrap();
//! println!("{} failed", outcome.failed());
//! ```
//!
//! Documents come from a directory tree ([`discover`]) or a manifest CSV
//! ([`read_manifest`]); both give [`Job`]s sorted by id, with unique ids and
//! unique, safe output file stems ([`safe_file_stem`]). [`run`] analyses them
//! on a local rayon pool; every document is read, analysed, written and
//! dropped before its worker takes the next one, so memory does not grow with
//! the number of documents. Results are identical whatever the number of
//! threads: jobs are sorted, each result depends on its document only, and the
//! summary and the combined pairs CSV are assembled in job order.
//!
//! The output folder holds `<stem>.<ext>` per document that succeeded,
//! `summary.csv`, `pairs.csv` (with [`BatchOptions::pairs_csv`]),
//! `findings.csv` (with [`BatchOptions::findings_csv`]), with HTML
//! results the index page [`INDEX_FILE`], and a hidden
//! folder [`SIDECAR_DIR`] with each document's summary row and pair rows, which
//! `--resume` reuses. Nothing is written outside the output folder.
//!
//! The jobs are split by submodule: `discover` finds the documents (folder
//! or manifest) and names their outputs, `layout` holds the folder layout
//! rules and the glob [`Selection`], `index` writes the HTML index page,
//! `output` lays out the output folder and writes files atomically, `runner`
//! analyses the documents in parallel, `settings` records what results are
//! made from, and `summary` writes `summary.csv`, `pairs.csv` and
//! `findings.csv`.

mod discover;
mod index;
mod junit;
mod layout;
mod output;
mod runner;
mod settings;
mod summary;

use crate::analyzer::Analyzer;
use crate::error::{Error, language_name};
use crate::export::{Format, Granularity};
use crate::input::ReadOptions;
use crate::review::IgnoreRules;

pub use discover::{
    DOCUMENT_EXTENSIONS, Job, JobInput, MAX_STEM_BYTES, discover, read_manifest, safe_file_stem,
};
pub use index::{INDEX_FILE, write_index};
pub use junit::write_junit;
pub use layout::Selection;
pub use output::{LOCK_FILE, OutputLock, extension, prepare_output};
pub use runner::{Outcome, Progress, run, run_one};
pub use settings::{OPTIONS_FILE, result_options};
pub use summary::{
    Counts, FINDING_KINDS, SEVERITIES, SUMMARY_HEADER, Status, SummaryRow, write_summary,
};

/// Hidden folder inside the output folder holding per-document sidecars.
pub const SIDECAR_DIR: &str = ".clausealign";
/// Name of the summary file in the output folder.
pub const SUMMARY_FILE: &str = "summary.csv";
/// Name of the combined pairs file in the output folder.
pub const PAIRS_FILE: &str = "pairs.csv";
/// Name of the combined findings file in the output folder.
pub const FINDINGS_FILE: &str = "findings.csv";

/// A problem with the batch as a whole (bad input folder or manifest,
/// unwritable output folder): the command-line's usage errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchError {
    /// What is wrong, naming the file or folder.
    pub message: String,
}

impl BatchError {
    fn new(message: impl Into<String>) -> BatchError {
        BatchError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BatchError {}

/// Options of a batch run.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Format of the per-document results.
    pub format: Format,
    /// Granularity of the reported pairs.
    pub granularity: Granularity,
    /// The options and lexicon every document is analysed and checked with.
    pub analyzer: Analyzer,
    /// Reading options (size limit).
    pub read: ReadOptions,
    /// Start CSV files (results, summary, pairs) with a UTF-8 BOM.
    pub excel: bool,
    /// Also write `pairs.csv`, all documents' pairs with a leading id column.
    pub pairs_csv: bool,
    /// Also write `findings.csv`, all documents' findings (one row each)
    /// with a leading id column.
    pub findings_csv: bool,
    /// Skip documents whose result (and sidecars) already exist.
    pub resume: bool,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Advice appended to the message of a document that cannot be read or
    /// analysed, in its summary row: the library's messages say what is
    /// wrong; the caller may say what to do about it (the command line
    /// names its flags). [`layout_hint`] by default.
    pub hint: fn(&Error) -> Option<String>,
    /// Ignore rules applied to every document's findings (see
    /// [`crate::review::IgnoreRules`]); what they drop is not written and
    /// not counted in the summary.
    pub ignore: Option<IgnoreRules>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            format: Format::Json,
            granularity: Granularity::Lines,
            analyzer: Analyzer::default(),
            read: ReadOptions::default(),
            excel: false,
            pairs_csv: false,
            findings_csv: false,
            resume: false,
            jobs: 0,
            hint: layout_hint,
            ignore: None,
        }
    }
}

/// Advice for a document's error that fits a batch: a one-language file is
/// told how a batch takes the two languages as two files. Other errors say
/// all there is to say.
///
/// ```
/// use clausealign::{Error, Lang};
///
/// let e = Error::MissingLanguage { file: "p.txt".into(), missing: Lang::En, seen: 0 };
/// assert!(clausealign::batch::layout_hint(&e).unwrap().contains("NAME.en.txt"));
/// ```
pub fn layout_hint(error: &Error) -> Option<String> {
    match error {
        Error::MissingLanguage { missing, .. } => Some(format!(
            "; the {} version is missing: give each language its own file (NAME/zh.txt beside NAME/en.txt, or NAME.zh.txt beside NAME.en.txt, or a manifest row id,zh,en)",
            language_name(*missing)
        )),
        _ => None,
    }
}
