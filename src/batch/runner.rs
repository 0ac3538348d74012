//! The runner: analyse the jobs on a local thread pool, each document read,
//! analysed, written and dropped before its worker takes the next one.

use std::fs;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::discover::{Job, JobInput};
use super::index::{INDEX_FILE, write_index};
use super::output::{OutputLock, Paths, paths_of, prepare_output, write_atomic};
use super::settings::{self, made_from, options_fingerprint};
use super::summary::{
    Counts, FINDING_KINDS, SEVERITIES, Status, SummaryRow, write_findings, write_pairs,
    write_summary,
};
use super::{BatchError, BatchOptions, FINDINGS_FILE, PAIRS_FILE, SIDECAR_DIR, SUMMARY_FILE};
use crate::error::Error;
use crate::export::{self, Format, View, WriteOptions};
use crate::input::DocumentInput;
use crate::review::ReviewCounts;

fn input_bytes(input: &JobInput) -> Option<u64> {
    let size = |p: &Path| {
        fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    };
    match input {
        JobInput::One(p) => size(p),
        JobInput::Two { zh, en } => Some(size(zh)? + size(en)?),
        JobInput::Invalid(_) => None,
    }
}

/// The input file that `job`'s result file would replace, if it would:
/// an output folder inside the inputs (a manifest row naming a file in it)
/// must never write a result over a document.
fn overwritten_input(job: &Job, paths: &Paths) -> Option<PathBuf> {
    let result = fs::canonicalize(&paths.result).ok()?;
    let inputs: Vec<&PathBuf> = match &job.input {
        JobInput::One(p) => vec![p],
        JobInput::Two { zh, en } => vec![zh, en],
        JobInput::Invalid(_) => Vec::new(),
    };
    inputs
        .into_iter()
        .find(|p| fs::canonicalize(p).is_ok_and(|c| c == result))
        .cloned()
}

/// A worker's outcome for one document, before the summary row is complete.
struct Done {
    counts: Counts,
    bytes: u64,
    /// Temporary files to rename into place: (temporary, target).
    renames: Vec<(PathBuf, PathBuf)>,
}

fn analyze_one(job: &Job, paths: &Paths, opts: &BatchOptions) -> Result<Done, String> {
    let describe = |e: Error| match (opts.hint)(&e) {
        Some(hint) => format!("{e}{hint}"),
        None => e.to_string(),
    };
    let input = match &job.input {
        JobInput::One(p) => DocumentInput::read_one(p, &opts.read),
        JobInput::Two { zh, en } => DocumentInput::read_two(zh, en, &opts.read),
        JobInput::Invalid(msg) => return Err(msg.clone()),
    }
    .map_err(describe)?;
    if let Some(input) = overwritten_input(job, paths) {
        return Err(format!(
            "{}: its result would be written over this input file; use an output folder outside the inputs",
            input.display()
        ));
    }
    let report = opts.analyzer.align_input(&input).map_err(describe)?;
    drop(input);
    let mut findings = opts.analyzer.check(&report);
    let mut ignored = 0;
    if let Some(rules) = &opts.ignore {
        findings.retain(|f| {
            let keep = rules.matching(f, &report).is_none();
            ignored += usize::from(!keep);
            keep
        });
    }
    let mut view = View::new(&report, &findings, opts.granularity);
    if opts.ignore.is_some() {
        view.review = Some(ReviewCounts {
            ignored,
            ..ReviewCounts::default()
        });
    }
    let mut per_kind = [0usize; FINDING_KINDS.len()];
    let mut per_severity = [0usize; SEVERITIES.len()];
    for f in &findings {
        if let Some(k) = FINDING_KINDS.iter().position(|&k| k == f.kind) {
            per_kind[k] += 1;
        }
        if let Some(k) = SEVERITIES.iter().position(|&s| s == f.severity) {
            per_severity[k] += 1;
        }
    }
    let shape = serde_json::to_value(report.shape)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let counts = Counts {
        shape,
        zh_clauses: report.zh.clauses.len(),
        en_clauses: report.en.clauses.len(),
        pairs: view.pairs.len(),
        findings: per_kind,
        severities: per_severity,
    };
    let bytes = report.input_bytes();
    let write_err = |p: &Path, e: io::Error| format!("{}: cannot write: {e}", p.display());
    let mut renames = Vec::new();
    let wopts = WriteOptions {
        color: false,
        excel: opts.excel,
        findings: true,
        width: None,
    };
    let tmp = write_atomic(&paths.tmp, "result", &paths.result, |w| {
        export::write(w, &view, opts.format, wopts)
    })
    .map_err(|e| write_err(&paths.result, e))?;
    renames.push((tmp, paths.result.clone()));
    if opts.pairs_csv {
        let id = job.id.as_str();
        let tmp = write_atomic(&paths.tmp, "pairs", &paths.pairs, |w| {
            let mut c = csv::WriterBuilder::new().has_headers(false).from_writer(w);
            export::write_csv_rows(&mut c, &view, &[id])?;
            c.flush()
        })
        .map_err(|e| write_err(&paths.pairs, e))?;
        // The result is renamed last: its presence marks a finished document.
        renames.insert(0, (tmp, paths.pairs.clone()));
    } else {
        // A part left by an earlier run would not match this result.
        let _ = fs::remove_file(&paths.pairs);
    }
    if opts.findings_csv {
        let id = job.id.as_str();
        let tmp = write_atomic(&paths.tmp, "findings", &paths.findings, |w| {
            let mut c = csv::WriterBuilder::new().has_headers(false).from_writer(w);
            export::write_findings_csv_rows(&mut c, &view, &[id])?;
            c.flush()
        })
        .map_err(|e| write_err(&paths.findings, e))?;
        renames.insert(0, (tmp, paths.findings.clone()));
    } else {
        let _ = fs::remove_file(&paths.findings);
    }
    Ok(Done {
        counts,
        bytes,
        renames,
    })
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// A previous run's row for `job`, if its result and sidecars are complete
/// and were made with these options from these input files.
fn resumed_row(
    job: &Job,
    paths: &Paths,
    opts: &BatchOptions,
    made_from: Option<&str>,
) -> Option<SummaryRow> {
    if !paths.result.is_file()
        || (opts.pairs_csv && !paths.pairs.is_file())
        || (opts.findings_csv && !paths.findings.is_file())
    {
        return None;
    }
    let row: SummaryRow = serde_json::from_slice(&fs::read(&paths.row).ok()?).ok()?;
    (row.status == Status::Ok && row.id == job.id && Some(row.made_from.as_str()) == made_from)
        .then_some(row)
}

/// Analyse one document and write its result into `out` (which
/// [`prepare_output`] made): the result file, and the sidecars with its
/// summary row and pair rows. Returns its summary row and whether it was
/// skipped because `--resume` found it done. Never fails: a document that
/// cannot be read or analysed (or panics) gets an error row, and any result
/// left from an earlier run is removed.
pub fn run_one(job: &Job, out: &Path, opts: &BatchOptions) -> (SummaryRow, bool) {
    let paths = paths_of(out, job, opts.format);
    // Taken before reading, so a file changed during the run is redone next time.
    let made_from = made_from(&options_fingerprint(opts), &job.input);
    if opts.resume
        && let Some(row) = resumed_row(job, &paths, opts, made_from.as_deref())
    {
        return (row, true);
    }
    let started = Instant::now();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| analyze_one(job, &paths, opts)))
        .unwrap_or_else(|p| {
            Err(format!(
                "{}: internal error while analysing: {}",
                job.zh_path,
                panic_message(p.as_ref())
            ))
        });
    let mut row = SummaryRow {
        id: job.id.clone(),
        output: String::new(),
        status: Status::Error,
        error: String::new(),
        zh_path: job.zh_path.clone(),
        en_path: job.en_path.clone(),
        bytes: None,
        counts: None,
        seconds: 0.0,
        made_from: made_from.unwrap_or_default(),
    };
    let result = outcome.and_then(|done| {
        row.seconds = started.elapsed().as_secs_f64();
        row.status = Status::Ok;
        row.bytes = Some(done.bytes);
        row.counts = Some(done.counts);
        row.output = paths
            .result
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let json = serde_json::to_vec(&row).map_err(|e| e.to_string())?;
        let tmp = write_atomic(&paths.tmp, "row", &paths.row, |w| w.write_all(&json))
            .map_err(|e| format!("{}: cannot write: {e}", paths.row.display()))?;
        let mut renames = done.renames;
        renames.insert(renames.len() - 1, (tmp, paths.row.clone()));
        for (from, to) in renames {
            fs::rename(&from, &to).map_err(|e| format!("{}: cannot write: {e}", to.display()))?;
        }
        Ok(())
    });
    if let Err(message) = result {
        // A stale result is removed, never an input that has its name.
        if overwritten_input(job, &paths).is_none() {
            let _ = fs::remove_file(&paths.result);
        }
        for p in [&paths.row, &paths.pairs, &paths.findings] {
            let _ = fs::remove_file(p);
        }
        row.status = Status::Error;
        row.output.clear();
        row.counts = None;
        row.bytes = input_bytes(&job.input);
        row.error = message.replace(['\r', '\n'], " ");
        row.seconds = started.elapsed().as_secs_f64();
    }
    (row, false)
}

/// What a progress callback is told after each document.
#[derive(Clone, Debug)]
pub struct Progress<'a> {
    /// Documents finished so far (this one included).
    pub done: usize,
    /// Documents in the batch.
    pub total: usize,
    /// The document just finished.
    pub row: &'a SummaryRow,
    /// Whether it was skipped by `--resume`.
    pub skipped: bool,
}

/// The result of a batch run.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Summary rows in job (id) order.
    pub rows: Vec<SummaryRow>,
    /// Documents skipped by `--resume`.
    pub skipped: usize,
}

impl Outcome {
    /// Documents that failed.
    pub fn failed(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status == Status::Error)
            .count()
    }
}

/// Analyse `jobs` on `opts.jobs` threads (a local pool), writing results into
/// `out`, then `summary.csv` (and `pairs.csv`, and with HTML results the
/// index page `summary.html`) in job order. With
/// `opts.resume`, a folder whose results were made with other options is
/// refused (an error naming them) and each document is reused only when
/// made with these options from unchanged files. `progress` is
/// called from the workers after each document. Fails only when the output
/// folder cannot be written or the pool cannot start; failing documents are
/// rows of the outcome.
pub fn run(
    jobs: &[Job],
    out: &Path,
    opts: &BatchOptions,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<Outcome, BatchError> {
    prepare_output(out)?;
    let _lock = OutputLock::acquire(out)?;
    if opts.resume {
        settings::check_resumable(out, opts)?;
    }
    settings::record(out, opts)?;
    let threads = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("clausealign-batch-{i}"))
        .build()
        .map_err(|e| BatchError::new(format!("cannot start {threads} worker threads: {e}")))?;
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let results: Vec<(SummaryRow, bool)> = pool.install(|| {
        jobs.par_iter()
            .with_max_len(1)
            .map(|job| {
                let (row, skipped) = run_one(job, out, opts);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(&Progress {
                    done: n,
                    total,
                    row: &row,
                    skipped,
                });
                (row, skipped)
            })
            .collect()
    });
    let skipped = results.iter().filter(|(_, s)| *s).count();
    let rows: Vec<SummaryRow> = results.into_iter().map(|(r, _)| r).collect();
    let tmp_dir = out.join(SIDECAR_DIR).join("tmp");
    let summary = out.join(SUMMARY_FILE);
    let write_err =
        |p: &Path, e: io::Error| BatchError::new(format!("{}: cannot write: {e}", p.display()));
    let tmp = write_atomic(&tmp_dir, "summary", &summary, |w| {
        write_summary(w, &rows, opts.excel)
    })
    .map_err(|e| write_err(&summary, e))?;
    fs::rename(&tmp, &summary).map_err(|e| write_err(&summary, e))?;
    let index = out.join(INDEX_FILE);
    if opts.format == Format::Html {
        let tmp = write_atomic(&tmp_dir, "index", &index, |w| write_index(w, &rows))
            .map_err(|e| write_err(&index, e))?;
        fs::rename(&tmp, &index).map_err(|e| write_err(&index, e))?;
    } else {
        // An index left by an HTML run would list other results.
        let _ = fs::remove_file(&index);
    }
    if opts.pairs_csv {
        let target = out.join(PAIRS_FILE);
        let tmp = write_atomic(&tmp_dir, "pairs", &target, |w| {
            write_pairs(w, jobs, &rows, out, opts)
        })
        .map_err(|e| write_err(&target, e))?;
        fs::rename(&tmp, &target).map_err(|e| write_err(&target, e))?;
    }
    if opts.findings_csv {
        let target = out.join(FINDINGS_FILE);
        let tmp = write_atomic(&tmp_dir, "findings", &target, |w| {
            write_findings(w, jobs, &rows, out, opts)
        })
        .map_err(|e| write_err(&target, e))?;
        fs::rename(&tmp, &target).map_err(|e| write_err(&target, e))?;
    }
    Ok(Outcome { rows, skipped })
}
