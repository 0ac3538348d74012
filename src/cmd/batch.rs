//! `clausealign batch`: many documents in parallel, one result each, a
//! summary and optionally one CSV of all pairs. The work is done by
//! [`clausealign::batch`]; this module parses options, shows progress and
//! picks the exit status.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use clausealign::Error;
use clausealign::Severity;
use clausealign::batch::{self, BatchOptions, Selection, Status, SummaryRow};
use clausealign::input::ReadOptions;
use clausealign::review::IgnoreRules;
use clausealign::text::terminal_safe;

use super::values::{FormatArg, PairsArg, SegmentArg, SeverityArg};
use super::{analyzer, max_size_hint, plural};

/// Options of `batch`.
#[derive(Args, Debug, Clone)]
pub struct BatchArgs {
    /// A folder of documents (searched recursively) or a manifest CSV with
    /// the header `id,path` or `id,zh,en`.
    #[arg(value_name = "DIR|MANIFEST")]
    pub input: PathBuf,
    /// The output folder (created if needed).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: PathBuf,
    /// Format of each document's result (`OUT/<id>.<ext>`).
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Json)]
    pub format: FormatArg,
    /// How to cut the text into clauses: `auto` (headings, items, sentences)
    /// or `lines` (every non-empty line is one clause).
    #[arg(long, value_enum, default_value_t = SegmentArg::Auto)]
    pub segment: SegmentArg,
    /// Report whole-line pairs (`lines`) or sentence-level pairs (`clauses`).
    #[arg(long, value_enum, default_value_t = PairsArg::Lines)]
    pub pairs: PairsArg,
    /// Also write OUT/pairs.csv: every document's pairs, with a leading id column.
    #[arg(long)]
    pub pairs_csv: bool,
    /// Also write OUT/findings.csv: every document's findings, one row each
    /// (severity, kind, message, values, lines), with a leading id column.
    #[arg(long)]
    pub findings_csv: bool,
    /// Skip documents whose result in OUT was made with the same options from
    /// unchanged files, and reuse their summary rows. Refused when OUT holds
    /// results made with other options.
    #[arg(long)]
    pub resume: bool,
    /// Only the documents whose id or file matches this glob (relative to
    /// the folder, `*` also crossing `/`: `moz-*`, `**/zh.txt`). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out the documents whose id or file matches this glob.
    /// Repeatable; applied after --include.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also exit with status 1 when a document has a finding at or above
    /// this severity (by default only failing documents do).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// Documents analysed at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    /// Refuse input files larger than this many bytes (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = super::parse_size)]
    pub max_size: u64,
    /// Start CSV files (results, summary.csv, pairs.csv) with a UTF-8
    /// byte-order mark so Excel reads Chinese.
    #[arg(long)]
    pub excel: bool,
    /// Which findings to report.
    #[command(flatten)]
    pub confidence: super::ConfidenceArgs,
    /// Check the terms of this glossary in every document (TSV: a Chinese
    /// term, a tab, its English translation; kind `terminology`).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Leave out of every document's results the findings a rule of this
    /// file matches (a kind or `*`, and an optional text or glob; see
    /// docs/review.md).
    #[arg(long, value_name = "FILE")]
    pub ignore: Option<PathBuf>,
    /// Also write a JUnit XML report to FILE: one test case per document,
    /// failed when it has a finding at --fail-on or above (warning when
    /// --fail-on is not given).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// Whether two paths name the same existing folder.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Whether `inner` is an existing folder inside the folder `outer`.
fn inside_folder(inner: &Path, outer: &Path) -> bool {
    match (std::fs::canonicalize(inner), std::fs::canonicalize(outer)) {
        (Ok(x), Ok(y)) => x != y && x.starts_with(&y),
        _ => false,
    }
}

/// Advice for a failing document of `batch`: the batch's file layout for a
/// one-language file, `--max-size` for a file over the limit.
fn batch_hint(error: &Error) -> Option<String> {
    max_size_hint(error).or_else(|| batch::layout_hint(error))
}

/// Most failing documents listed on standard error (all are in summary.csv).
const MAX_LISTED: usize = 20;

/// Run a batch. Exits 0 when every document succeeded (and, with
/// `--fail-on`, none has a finding at that severity), 1 otherwise; usage
/// errors (bad input, unwritable output, a refused `--resume`) are errors
/// (status 2).
pub fn run(args: &BatchArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let meta = std::fs::metadata(&args.input)
        .map_err(|e| format!("{}: cannot read: {e}", args.input.display()))?;
    if meta.is_dir() && same_folder(&args.input, &args.output) {
        return Err(format!(
            "{}: the output folder must not be the input folder (use a new folder, e.g. {})",
            args.output.display(),
            args.input.join("clausealign-out").display()
        )
        .into());
    }
    let selection = Selection::new(&args.include, &args.exclude)?;
    if meta.is_dir() && inside_folder(&args.output, &args.input) {
        // Its files are left out of discovery: say so, not drop them silently.
        eprintln!(
            "clausealign: note: {} lies inside {}; files in it are not read as documents",
            terminal_safe(&args.output.display().to_string()),
            terminal_safe(&args.input.display().to_string())
        );
    }
    let found = if meta.is_dir() {
        batch::discover(&args.input, Some(&args.output))?
    } else {
        batch::read_manifest(&args.input)?
    };
    let found_count = found.len();
    let jobs = selection.filter(found);
    if jobs.is_empty() {
        let why = if found_count > 0 {
            format!(
                "none of the {found_count} {} matches --include/--exclude",
                plural(found_count, "document", "documents")
            )
        } else {
            "looked for *.txt, *.md, *.html, *.htm files, NAME/zh.* with NAME/en.*, or manifest rows"
                .to_string()
        };
        return Err(format!("{}: no documents found ({why})", args.input.display()).into());
    }
    let opts = BatchOptions {
        format: args.format.into(),
        granularity: args.pairs.into(),
        analyzer: analyzer(args.segment, &args.confidence, args.glossary.as_deref())?,
        read: ReadOptions {
            max_bytes: args.max_size,
            ..ReadOptions::default()
        },
        excel: args.excel,
        pairs_csv: args.pairs_csv,
        findings_csv: args.findings_csv,
        resume: args.resume,
        jobs: args.jobs.map_or(0, |n| n as usize),
        hint: batch_hint,
        ignore: args.ignore.as_deref().map(IgnoreRules::read).transpose()?,
    };
    let bar = if io::stderr().is_terminal() {
        let bar =
            ProgressBar::with_draw_target(Some(jobs.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} documents (eta {eta}) {msg}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(bar)
    } else {
        None
    };
    let outcome = batch::run(&jobs, &args.output, &opts, &|p| {
        if let Some(bar) = &bar {
            bar.set_position(p.done as u64);
            if p.row.status == Status::Error {
                bar.set_message(format!("{} failed", terminal_safe(&p.row.id)));
            }
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let outcome = outcome?;
    let failed: Vec<_> = outcome
        .rows
        .iter()
        .filter(|r| r.status == Status::Error)
        .collect();
    for r in failed.iter().take(MAX_LISTED) {
        eprintln!(
            "clausealign: {}: {}",
            terminal_safe(&r.id),
            terminal_safe(&r.error)
        );
    }
    if failed.len() > MAX_LISTED {
        eprintln!(
            "clausealign: ... and {} more failures (see the summary)",
            failed.len() - MAX_LISTED
        );
    }
    if let Some(path) = &args.junit {
        let write = || -> io::Result<()> {
            let mut out = io::BufWriter::new(std::fs::File::create(path)?);
            batch::write_junit(
                &mut out,
                &outcome.rows,
                args.fail_on.map_or(Severity::Warning, Into::into),
            )?;
            io::Write::flush(&mut out)
        };
        write().map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    let resumed = if outcome.skipped > 0 {
        format!(" ({} reused from an earlier run)", outcome.skipped)
    } else {
        String::new()
    };
    let total = outcome.rows.len();
    let fail_on: Option<Severity> = args.fail_on.map(Into::into);
    let flagged = fail_on.map(|level| {
        let n = outcome.rows.iter().filter(|r| reaches(r, level)).count();
        format!(", {n} with findings at {} or above", severity_name(level))
    });
    eprintln!(
        "clausealign: {total} {}: {} ok{resumed}, {} failed{} in {:.1} s; summary in {}",
        plural(total, "document", "documents"),
        total - failed.len(),
        failed.len(),
        flagged.clone().unwrap_or_default(),
        started.elapsed().as_secs_f64(),
        terminal_safe(&args.output.join(batch::SUMMARY_FILE).display().to_string())
    );
    let gated = fail_on.is_some_and(|level| outcome.rows.iter().any(|r| reaches(r, level)));
    Ok(if failed.is_empty() && !gated {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Whether a document that succeeded has a finding at `level` or above.
fn reaches(row: &SummaryRow, level: Severity) -> bool {
    row.counts.as_ref().is_some_and(|c| c.at_least(level) > 0)
}

/// The name `--fail-on` gives a severity.
fn severity_name(level: Severity) -> &'static str {
    match level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}
