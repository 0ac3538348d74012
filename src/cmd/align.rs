//! `clausealign align` and `clausealign check`: one document, one report.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clausealign::Severity;
use clausealign::export::{self, View, WriteOptions};
use clausealign::input::{DocumentInput, ReadOptions};
use clausealign::review::{self, Accepted, Baseline, IgnoreRules};

use super::{DocArgs, ReviewArgs, analyzer, with_flag_advice};

/// How `check` and `baseline` treat the findings.
pub struct CheckMode {
    /// The lowest severity that fails the run.
    pub fail_on: Severity,
    /// Baseline and ignore rules.
    pub review: ReviewArgs,
    /// The glossary whose terms are checked.
    pub glossary: Option<std::path::PathBuf>,
    /// Write the findings as a baseline (to `-o` or standard output)
    /// instead of a report: the `baseline` command.
    pub baseline_only: bool,
}

/// The baseline and ignore rules the arguments name, read.
pub fn accepted(review: &ReviewArgs) -> Result<Accepted, String> {
    Ok(Accepted {
        baseline: review
            .baseline
            .as_deref()
            .map(Baseline::read)
            .transpose()
            .map_err(|e| e.to_string())?,
        ignore: review
            .ignore
            .as_deref()
            .map(IgnoreRules::read)
            .transpose()
            .map_err(|e| e.to_string())?,
    })
}

/// Write `text` to `path`, naming the file in an error.
fn write_file(path: &std::path::Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// Read, analyse and write one document. With a check mode (the `check`
/// and `baseline` commands) findings are computed and decide the exit
/// status.
pub fn run(
    args: &DocArgs,
    mode: Option<CheckMode>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let fail_on = mode.as_ref().map(|m| m.fail_on);
    // Read the review files first: a broken one is reported before the
    // document is analysed.
    let accepted = match &mode {
        Some(m) => Some(accepted(&m.review)?),
        None => None,
    };
    let started = Instant::now();
    let read = ReadOptions {
        max_bytes: args.max_size,
        format: args.input_format.forced(),
        columns: args.columns.clone(),
    };
    let input = match (&args.file, &args.zh, &args.en) {
        (Some(file), _, _) => DocumentInput::read_one(file, &read),
        (None, Some(zh), Some(en)) => DocumentInput::read_two(zh, en, &read),
        _ => return Err("give a bilingual FILE, or --zh FILE and --en FILE".into()),
    }
    .map_err(with_flag_advice)?;
    let glossary = mode.as_ref().and_then(|m| m.glossary.as_deref());
    let analyzer = analyzer(args.segment, &args.confidence, glossary)?;
    let report = analyzer.align_input(&input).map_err(with_flag_advice)?;
    let mut review_counts = None;
    let findings = match &accepted {
        Some(accepted) => {
            let all = analyzer.check(&report);
            if accepted.baseline.is_none() && accepted.ignore.is_none() {
                all
            } else {
                let reviewed = review::apply(all, &report, accepted);
                review_counts = Some(reviewed.counts());
                reviewed.findings
            }
        }
        None => Vec::new(),
    };
    if let Some(m) = &mode {
        let baseline = Baseline::from_findings(&findings).to_json();
        if let Some(path) = &m.review.write_baseline {
            write_file(path, &baseline)?;
        }
        if m.baseline_only {
            match &args.output {
                Some(path) => write_file(path, &baseline)?,
                None => print!("{baseline}"),
            }
            return Ok(ExitCode::SUCCESS);
        }
    }
    if args.verbose {
        let zh = &report.zh.source;
        let en = &report.en.source;
        eprintln!(
            "read {} ({}){}",
            zh.name,
            zh.encoding.name(),
            if zh.name != en.name {
                format!(", {} ({})", en.name, en.encoding.name())
            } else {
                String::new()
            }
        );
        eprintln!(
            "layout {:?}: {} Chinese clauses, {} English clauses, {} pairs, {} findings in {:.1} ms",
            report.shape,
            report.zh.clauses.len(),
            report.en.clauses.len(),
            report.pairs.len(),
            findings.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    let mut view = View::new(&report, &findings, args.pairs.into());
    view.review = review_counts;
    view.checked = mode.is_some();
    if let Some(counts) = review_counts.filter(|c| c.stale > 0) {
        eprintln!(
            "note: {} baseline entries match no finding any more (fixed, or their text changed); \
             rewrite the baseline with --write-baseline FILE to drop them",
            counts.stale
        );
    }
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let opts = WriteOptions {
        color,
        excel: args.excel,
        findings: fail_on.is_some(),
    };
    match &args.output {
        Some(path) => {
            let file =
                File::create(path).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            let mut out = BufWriter::new(file);
            export::write(&mut out, &view, args.format.into(), opts)?;
            out.flush()?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let written =
                export::write(&mut out, &view, args.format.into(), opts).and_then(|()| out.flush());
            match written {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                other => other?,
            }
        }
    }
    let failed = fail_on.is_some_and(|level| findings.iter().any(|f| f.severity >= level));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
