//! Export: write an analysed document as JSON, JSONL, CSV, TMX, beads or text.
//!
//! All formats render one [`View`]: the report, the pairs to show (whole-line
//! pairs by default, see [`crate::align::merge_shared_lines`]) and the
//! findings.

mod beads;
mod csv_out;
mod html;
mod html_assets;
mod json;
mod sarif;
mod text;
mod tmx;

use std::io::{self, Write};

use crate::align::{AlignedPair, merge_shared_lines};
use crate::check::Finding;
use crate::model::Report;
use crate::review::ReviewCounts;

pub use beads::write_beads;
pub use csv_out::{
    CSV_HEADER, FINDINGS_CSV_HEADER, spreadsheet_safe, write_csv, write_csv_rows,
    write_findings_csv, write_findings_csv_rows,
};
pub use html::write_html;
pub use json::{json_value, write_json, write_jsonl};
pub use sarif::{SARIF_VERSION, sarif_value, write_sarif};
pub use text::{DEFAULT_WIDTH, write_findings_text, write_text};
pub use tmx::{TMX_EN_LANG, TMX_ZH_LANG, write_tmx, xml_escape};

/// Output formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Side by side, for a terminal.
    #[default]
    Text,
    /// One JSON object (the contract in docs/json.md).
    Json,
    /// One JSON object per aligned pair.
    Jsonl,
    /// One CSV row per aligned pair.
    Csv,
    /// A TMX 1.4b translation memory (pairs with both sides).
    Tmx,
    /// Vecalign beads: `[0, 1]:[2]` per pair, 0-based clause ids.
    Beads,
    /// A self-contained HTML page: findings, then the pairs side by side
    /// with the differing values marked.
    Html,
    /// SARIF 2.1.0 (docs/review.md): findings as results with locations
    /// in both languages' files, for code-scanning dashboards.
    Sarif,
}

/// How finely pairs are reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Granularity {
    /// Pairs never split a line of the input: sentences sharing a line are
    /// reported together (what a reviewer compares side by side).
    #[default]
    Lines,
    /// Clause-level pairs as aligned (sentence by sentence).
    Clauses,
}

/// What an export shows.
pub struct View<'a> {
    /// The analysed document.
    pub report: &'a Report,
    /// The pairs to show.
    pub pairs: Vec<AlignedPair>,
    /// Findings.
    pub findings: &'a [Finding],
    /// The granularity `pairs` were made at.
    pub granularity: Granularity,
    /// Whether the check ran: `false` for an alignment only (`align`),
    /// whose reports then say the differences were not checked rather than
    /// "0 findings". [`View::new`] sets it to `true`.
    pub checked: bool,
    /// What a review left out (`--baseline`, `--ignore`), when one ran:
    /// the summary line and the JSON report the counts.
    pub review: Option<ReviewCounts>,
    /// For each pair of `pairs`, the indices of the findings that concern
    /// it, in order.
    pair_findings: Vec<Vec<usize>>,
}

impl<'a> View<'a> {
    /// A view of `report` with pairs at the given granularity.
    pub fn new(report: &'a Report, findings: &'a [Finding], granularity: Granularity) -> View<'a> {
        let pairs = match granularity {
            // Given pairs are units of the input: never merged.
            Granularity::Clauses => report.pairs.clone(),
            Granularity::Lines if report.pairs_given() => report.pairs.clone(),
            Granularity::Lines => {
                let lines = |cs: &[crate::segment::Clause]| -> Vec<(usize, usize)> {
                    cs.iter().map(|c| (c.line, c.end_line)).collect()
                };
                merge_shared_lines(
                    &report.pairs,
                    &lines(&report.zh.clauses),
                    &lines(&report.en.clauses),
                )
            }
        };
        // Which pair shows each clause, then which pairs each finding
        // concerns: one pass, not a scan of every finding per pair.
        let mut zh_pair = vec![usize::MAX; report.zh.clauses.len()];
        let mut en_pair = vec![usize::MAX; report.en.clauses.len()];
        for (k, p) in pairs.iter().enumerate() {
            for &i in &p.zh {
                if let Some(slot) = zh_pair.get_mut(i) {
                    *slot = k;
                }
            }
            for &i in &p.en {
                if let Some(slot) = en_pair.get_mut(i) {
                    *slot = k;
                }
            }
        }
        let mut pair_findings = vec![Vec::new(); pairs.len()];
        for (n, f) in findings.iter().enumerate() {
            let mut ks: Vec<usize> =
                f.zh.iter()
                    .filter_map(|&i| zh_pair.get(i))
                    .chain(f.en.iter().filter_map(|&i| en_pair.get(i)))
                    .copied()
                    .filter(|&k| k != usize::MAX)
                    .collect();
            ks.sort_unstable();
            ks.dedup();
            for k in ks {
                pair_findings[k].push(n);
            }
        }
        View {
            report,
            pairs,
            findings,
            granularity,
            checked: true,
            review: None,
            pair_findings,
        }
    }

    /// Findings that concern the pair `pairs[k]` (share a clause with it).
    pub fn findings_of_pair(&self, k: usize) -> Vec<&'a Finding> {
        self.finding_indices_of_pair(k)
            .iter()
            .map(|&n| &self.findings[n])
            .collect()
    }

    /// The document's name: its file, or both files ("zh.txt + en.txt").
    pub fn document_name(&self) -> String {
        self.report.name()
    }

    /// How the document's files were decoded, where a reader should know
    /// ([`Source::decoding_note`](crate::input::Source::decoding_note)): one
    /// line per file, `NAME: read as GB18030 (guessed ...)`.
    pub fn decoding_notes(&self) -> Vec<String> {
        let (zh, en) = (&self.report.zh.source, &self.report.en.source);
        let mut notes: Vec<String> = zh
            .decoding_note()
            .map(|n| format!("{}: {n}", zh.name))
            .into_iter()
            .collect();
        if en.name != zh.name
            && let Some(n) = en.decoding_note()
        {
            notes.push(format!("{}: {n}", en.name));
        }
        notes
    }

    /// "zh: N clauses, en: M clauses, P pairs, F findings (e errors, w
    /// warnings, i info)": the summary line of the text and HTML reports,
    /// in the singular where a count is one ("1 finding (1 error, …"), with
    /// what a review left out after it; "..., differences not checked" when
    /// the check did not run.
    pub fn summary_line(&self) -> String {
        use crate::check::Severity;
        use text::counted;
        let count = |sev: Severity| self.findings.iter().filter(|f| f.severity == sev).count();
        if !self.checked {
            return format!(
                "zh: {}, en: {}, {}, differences not checked",
                counted(self.report.zh.clauses.len(), "clause", "clauses"),
                counted(self.report.en.clauses.len(), "clause", "clauses"),
                counted(self.pairs.len(), "pair", "pairs"),
            );
        }
        let mut line = format!(
            "zh: {}, en: {}, {}, {} ({}, {}, {} info)",
            counted(self.report.zh.clauses.len(), "clause", "clauses"),
            counted(self.report.en.clauses.len(), "clause", "clauses"),
            counted(self.pairs.len(), "pair", "pairs"),
            counted(self.findings.len(), "finding", "findings"),
            counted(count(Severity::Error), "error", "errors"),
            counted(count(Severity::Warning), "warning", "warnings"),
            count(Severity::Info)
        );
        if let Some(r) = self.review {
            line.push_str(&format!(
                "; {} accepted by the baseline, {} ignored, {} stale baseline entries",
                r.suppressed, r.ignored, r.stale
            ));
        }
        line
    }

    /// Indices in `findings` of the findings that concern `pairs[k]`.
    pub fn finding_indices_of_pair(&self, k: usize) -> &[usize] {
        self.pair_findings.get(k).map_or(&[], Vec::as_slice)
    }
}

/// Options for [`write()`].
#[derive(Clone, Copy, Debug, Default)]
pub struct WriteOptions {
    /// Colour the text output.
    pub color: bool,
    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    pub excel: bool,
    /// Text output lists the findings (the `check` report) instead of the
    /// aligned pairs.
    pub findings: bool,
    /// Display columns of the text output (the terminal's width);
    /// [`DEFAULT_WIDTH`] when `None`.
    pub width: Option<usize>,
}

/// Write `view` in `format`.
pub fn write(
    out: &mut dyn Write,
    view: &View,
    format: Format,
    opts: WriteOptions,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, view),
        Format::Jsonl => write_jsonl(out, view),
        Format::Csv => write_csv(out, view, opts.excel),
        Format::Text if opts.findings => {
            write_findings_text(out, view, opts.color, opts.width.unwrap_or(DEFAULT_WIDTH))
        }
        Format::Text => write_text(out, view, opts.color, opts.width.unwrap_or(DEFAULT_WIDTH)),
        Format::Tmx => write_tmx(out, view),
        Format::Beads => write_beads(out, view),
        Format::Html => write_html(out, view),
        Format::Sarif => write_sarif(out, view),
    }
}
