//! `clausealign align` and `clausealign check`: one document, one report.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clausealign::Severity;
use clausealign::export::{self, View, WriteOptions};
use clausealign::input::{DocumentInput, ReadOptions, Source, formats};
use clausealign::review::{self, Accepted, Baseline, IgnoreRules};
use clausealign::text::terminal_safe;

use super::terminal::{self, STDIN_NAME, is_stdin};
use super::{DocArgs, ReviewArgs, analyzer, plural, with_flag_advice};

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

/// Read one language's version, or standard input for `-`.
fn read_source(path: &Path, read: &ReadOptions) -> Result<Source, Box<dyn std::error::Error>> {
    if is_stdin(path) {
        let bytes = terminal::read_stdin(read.max_bytes)?;
        return Ok(formats::read_source(STDIN_NAME, &bytes, None, read).map_err(with_flag_advice)?);
    }
    Ok(clausealign::input::read_file(path, read).map_err(with_flag_advice)?)
}

/// Read the document the arguments name: a bilingual file, or a file per
/// language; `-` (for one of them) is standard input.
fn read_input(
    args: &DocArgs,
    read: &ReadOptions,
) -> Result<DocumentInput, Box<dyn std::error::Error>> {
    match (&args.file, &args.zh, &args.en) {
        (Some(file), _, _) if is_stdin(file) => {
            let bytes = terminal::read_stdin(read.max_bytes)?;
            Ok(formats::read_document(STDIN_NAME, &bytes, None, read).map_err(with_flag_advice)?)
        }
        (Some(file), _, _) => Ok(DocumentInput::read_one(file, read).map_err(with_flag_advice)?),
        (None, Some(zh), Some(en)) if is_stdin(zh) && is_stdin(en) => {
            Err("standard input (-) can be only one of --zh and --en".into())
        }
        (None, Some(zh), Some(en)) if is_stdin(zh) || is_stdin(en) => Ok(DocumentInput::Two {
            zh: read_source(zh, read)?.into(),
            en: read_source(en, read)?.into(),
        }),
        (None, Some(zh), Some(en)) => {
            Ok(DocumentInput::read_two(zh, en, read).map_err(with_flag_advice)?)
        }
        _ => Err("give a bilingual FILE, or --zh FILE and --en FILE".into()),
    }
}

/// Read, analyse and write one document. With a check mode (the `check`
/// and `baseline` commands) findings are computed and decide the exit
/// status; with `findings_csv` they are also written there, one CSV row
/// each.
pub fn run(
    args: &DocArgs,
    mode: Option<CheckMode>,
    findings_csv: Option<&Path>,
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
    let inputs: Vec<&PathBuf> = [&args.file, &args.zh, &args.en]
        .into_iter()
        .flatten()
        .collect();
    // `-o -` is standard output, as `-` is standard input.
    let output = args.output.as_deref().filter(|p| !is_stdin(p));
    for output in output.into_iter().chain(findings_csv) {
        terminal::refuse_overwriting(output, &inputs)?;
    }
    let input = read_input(args, &read)?;
    // Bytes replaced while decoding change the text: say so even without -v.
    for lang in [clausealign::Lang::Zh, clausealign::Lang::En] {
        let source = input.source(lang);
        if lang == clausealign::Lang::En && source.name == input.source(clausealign::Lang::Zh).name
        {
            break;
        }
        if source.replaced.is_some()
            && let Some(note) = source.decoding_note()
        {
            eprintln!(
                "clausealign: warning: {}",
                terminal_safe(&format!("{}: {note}", source.name))
            );
        }
    }
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
            match output {
                Some(path) => write_file(path, &baseline)?,
                None => print!("{baseline}"),
            }
            return Ok(ExitCode::SUCCESS);
        }
    }
    if args.verbose {
        let zh = &report.zh.source;
        let en = &report.en.source;
        let read = format!(
            "read {} ({}){}",
            zh.name,
            zh.encoding.name(),
            if zh.name != en.name {
                format!(", {} ({})", en.name, en.encoding.name())
            } else {
                String::new()
            }
        );
        eprintln!("{}", terminal_safe(&read));
        // The layout by its documented name (`zh-then-en`), as in JSON.
        let layout = serde_json::to_value(report.shape)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let (zh_n, en_n, pairs_n) = (
            report.zh.clauses.len(),
            report.en.clauses.len(),
            report.pairs.len(),
        );
        eprintln!(
            "layout {layout}: {zh_n} Chinese {}, {en_n} English {}, {pairs_n} {}, {} {} in {:.1} ms",
            plural(zh_n, "clause", "clauses"),
            plural(en_n, "clause", "clauses"),
            plural(pairs_n, "pair", "pairs"),
            findings.len(),
            plural(findings.len(), "finding", "findings"),
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    if let Some(counts) = review_counts.filter(|c| c.stale > 0) {
        eprintln!(
            "note: {} baseline entries match no finding any more (fixed, or their text changed); \
             rewrite the baseline with --write-baseline FILE to drop them",
            counts.stale
        );
    }
    // Decided before writing, so a reader that goes away early (`| head`)
    // does not change the status.
    let failed = fail_on.is_some_and(|level| findings.iter().any(|f| f.severity >= level));
    let status = if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let mut view = View::new(&report, &findings, args.pairs.into());
    view.review = review_counts;
    view.checked = mode.is_some();
    if let Some(path) = findings_csv {
        let cannot = |e: io::Error| format!("{}: cannot write: {e}", path.display());
        let mut out = BufWriter::new(File::create(path).map_err(cannot)?);
        export::write_findings_csv(&mut out, &view, args.excel)
            .and_then(|()| out.flush())
            .map_err(cannot)?;
    }
    let to_terminal = output.is_none() && io::stdout().is_terminal();
    let opts = WriteOptions {
        color: terminal::colour(args.color, to_terminal),
        excel: args.excel,
        findings: fail_on.is_some(),
        width: Some(terminal::width(args.width, to_terminal)),
    };
    match output {
        Some(path) => {
            let file =
                File::create(path).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            let mut out = BufWriter::new(file);
            export::write(&mut out, &view, args.format.into(), opts)
                .and_then(|()| out.flush())
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let written =
                export::write(&mut out, &view, args.format.into(), opts).and_then(|()| out.flush());
            match written {
                // A reader that stops early (`| head`) is not an error: the
                // status is the one the whole output would have had.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(status),
                other => other?,
            }
        }
    }
    Ok(status)
}
