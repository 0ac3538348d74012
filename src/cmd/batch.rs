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
use clausealign::batch::{self, BatchOptions, Status};
use clausealign::input::ReadOptions;
use clausealign::text::terminal_safe;

use super::values::{FormatArg, PairsArg, SegmentArg};
use super::{analyzer, max_size_hint};

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
    /// Skip documents whose result file already exists in OUT (from an
    /// earlier run with the same options) and reuse their summary rows.
    #[arg(long)]
    pub resume: bool,
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

/// Run a batch. Exits 0 when every document succeeded, 1 when one failed;
/// usage errors (bad input, unwritable output) are errors (status 2).
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
    if meta.is_dir() && inside_folder(&args.output, &args.input) {
        // Its files are left out of discovery: say so, not drop them silently.
        eprintln!(
            "clausealign: note: {} lies inside {}; files in it are not read as documents",
            terminal_safe(&args.output.display().to_string()),
            terminal_safe(&args.input.display().to_string())
        );
    }
    let jobs = if meta.is_dir() {
        batch::discover(&args.input, Some(&args.output))?
    } else {
        batch::read_manifest(&args.input)?
    };
    if jobs.is_empty() {
        return Err(format!(
            "{}: no documents found (looked for *.txt, *.md, *.html, *.htm files, or manifest rows)",
            args.input.display()
        )
        .into());
    }
    let opts = BatchOptions {
        format: args.format.into(),
        granularity: args.pairs.into(),
        analyzer: analyzer(args.segment, &args.confidence)?,
        read: ReadOptions {
            max_bytes: args.max_size,
            ..ReadOptions::default()
        },
        excel: args.excel,
        pairs_csv: args.pairs_csv,
        resume: args.resume,
        jobs: args.jobs.map_or(0, |n| n as usize),
        hint: batch_hint,
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
    let resumed = if outcome.skipped > 0 {
        format!(" ({} reused from an earlier run)", outcome.skipped)
    } else {
        String::new()
    };
    eprintln!(
        "clausealign: {} documents: {} ok{resumed}, {} failed in {:.1} s; summary in {}",
        outcome.rows.len(),
        outcome.rows.len() - failed.len(),
        failed.len(),
        started.elapsed().as_secs_f64(),
        terminal_safe(&args.output.join(batch::SUMMARY_FILE).display().to_string())
    );
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
