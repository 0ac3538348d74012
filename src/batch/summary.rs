//! The summary: one row per document (`summary.csv`), and every document's
//! pairs (`pairs.csv`) or findings (`findings.csv`) under one header.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::BatchOptions;
use super::discover::Job;
use super::output::paths_of;
use crate::check::{FindingKind, Severity};
use crate::export::{CSV_HEADER, FINDINGS_CSV_HEADER, spreadsheet_safe};

/// Finding kinds counted in the summary, in column order.
pub const FINDING_KINDS: [FindingKind; 9] = FindingKind::ALL;

/// Severities counted in the summary, in column order (`errors`,
/// `warnings`, `info`).
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Column names of `summary.csv`. Columns are only ever appended, so scripts
/// reading them by position keep working.
pub const SUMMARY_HEADER: [&str; 25] = [
    "id",
    "output",
    "status",
    "error",
    "zh_path",
    "en_path",
    "shape",
    "bytes",
    "zh_clauses",
    "en_clauses",
    "pairs",
    "findings",
    "omission",
    "number",
    "date",
    "contact",
    "entity",
    "negation",
    "modality",
    "fuzzy",
    "seconds",
    "errors",
    "warnings",
    "info",
    "terminology",
];

/// Kinds whose columns come before `seconds`; the kinds after them were
/// added later and their columns follow the severity columns.
const KINDS_BEFORE_SECONDS: usize = 8;

/// Whether a document succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Analysed and written.
    Ok,
    /// Not analysed; see the message.
    Error,
}

impl Status {
    /// `ok` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Error => "error",
        }
    }
}

/// Counts of a document that was analysed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Layout (`zh-then-en`, `two-files`...).
    pub shape: String,
    /// Chinese clauses.
    pub zh_clauses: usize,
    /// English clauses.
    pub en_clauses: usize,
    /// Pairs reported (at the chosen granularity).
    pub pairs: usize,
    /// Findings per kind, in the order of [`FINDING_KINDS`].
    pub findings: [usize; FindingKind::ALL.len()],
    /// Findings per severity, in the order of [`SEVERITIES`] (absent from
    /// rows stored by earlier versions).
    #[serde(default)]
    pub severities: [usize; 3],
}

impl Counts {
    /// Findings at `level` or above.
    pub fn at_least(&self, level: Severity) -> usize {
        SEVERITIES
            .iter()
            .zip(self.severities)
            .filter(|(s, _)| **s >= level)
            .map(|(_, n)| n)
            .sum()
    }
}

/// One row of `summary.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The document id.
    pub id: String,
    /// The result file name in the output folder (empty on error).
    pub output: String,
    /// `ok` or `error`.
    pub status: Status,
    /// Why it failed (empty when ok).
    pub error: String,
    /// The Chinese (or bilingual) input file.
    pub zh_path: String,
    /// The English (or bilingual) input file.
    pub en_path: String,
    /// Input size in bytes (both files of a two-file document), when known.
    pub bytes: Option<u64>,
    /// Counts, when the document was analysed.
    pub counts: Option<Counts>,
    /// Wall-clock seconds spent on the document.
    pub seconds: f64,
    /// What the result was made from: the options that shape results and the
    /// input files' sizes and times, so `--resume` reuses it only when both
    /// are unchanged (empty in rows stored by earlier versions: never reused).
    #[serde(default)]
    pub made_from: String,
}

impl SummaryRow {
    /// The CSV fields, in the order of [`SUMMARY_HEADER`]. Text cells
    /// (ids, file names, messages) go through
    /// [`spreadsheet_safe`](crate::export::spreadsheet_safe): an id comes
    /// from a file name, which may begin with `=`.
    pub fn fields(&self) -> Vec<String> {
        let opt = |v: Option<usize>| v.map_or_else(String::new, |v| v.to_string());
        let safe = |cell: &str| spreadsheet_safe(cell).into_owned();
        let c = self.counts.as_ref();
        let mut row = vec![
            safe(&self.id),
            safe(&self.output),
            self.status.as_str().to_string(),
            safe(&self.error),
            safe(&self.zh_path),
            safe(&self.en_path),
            c.map_or_else(String::new, |c| c.shape.clone()),
            self.bytes.map_or_else(String::new, |b| b.to_string()),
            opt(c.map(|c| c.zh_clauses)),
            opt(c.map(|c| c.en_clauses)),
            opt(c.map(|c| c.pairs)),
            opt(c.map(|c| c.findings.iter().sum())),
        ];
        for k in 0..KINDS_BEFORE_SECONDS {
            row.push(opt(c.map(|c| c.findings[k])));
        }
        row.push(format!("{:.3}", self.seconds));
        for k in 0..SEVERITIES.len() {
            row.push(opt(c.map(|c| c.severities[k])));
        }
        for k in KINDS_BEFORE_SECONDS..FINDING_KINDS.len() {
            row.push(opt(c.map(|c| c.findings[k])));
        }
        row
    }
}

/// Write `summary.csv`: the header and one row per document.
pub fn write_summary(out: &mut dyn Write, rows: &[SummaryRow], excel: bool) -> io::Result<()> {
    if excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SUMMARY_HEADER)?;
    for r in rows {
        w.write_record(r.fields())?;
    }
    w.flush()
}

/// Concatenate the documents' pair rows, in job order, under one header.
pub(super) fn write_pairs(
    out: &mut dyn Write,
    jobs: &[Job],
    rows: &[SummaryRow],
    dir: &Path,
    opts: &BatchOptions,
) -> io::Result<()> {
    concatenate(out, &CSV_HEADER, jobs, rows, opts, |job| {
        paths_of(dir, job, opts.format).pairs
    })
}

/// Concatenate the documents' finding rows, in job order, under one header.
pub(super) fn write_findings(
    out: &mut dyn Write,
    jobs: &[Job],
    rows: &[SummaryRow],
    dir: &Path,
    opts: &BatchOptions,
) -> io::Result<()> {
    concatenate(out, &FINDINGS_CSV_HEADER, jobs, rows, opts, |job| {
        paths_of(dir, job, opts.format).findings
    })
}

/// Write `id` and `header` as one header row, then copy each succeeded
/// document's part (one part in memory at a time).
fn concatenate(
    out: &mut dyn Write,
    header: &[&str],
    jobs: &[Job],
    rows: &[SummaryRow],
    opts: &BatchOptions,
    part_of: impl Fn(&Job) -> std::path::PathBuf,
) -> io::Result<()> {
    if opts.excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    {
        let mut w = csv::Writer::from_writer(&mut *out);
        let mut full = vec!["id"];
        full.extend(header);
        w.write_record(&full)?;
        w.flush()?;
    }
    for (job, row) in jobs.iter().zip(rows) {
        if row.status != Status::Ok {
            continue;
        }
        let mut f = File::open(part_of(job))?;
        io::copy(&mut f, out)?;
    }
    Ok(())
}
