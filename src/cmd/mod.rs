//! Command-line interface: argument definitions and dispatch.

mod align;
mod batch;
mod terminal;
mod values;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use clausealign::check::glossary::Glossary;
use clausealign::error::{human_size, language_name};
use clausealign::input::Columns;
use clausealign::{Analyzer, CheckParams, Error, Lang, Options, Severity};

use values::{ColorArg, FormatArg, InputFormat, PairsArg, SegmentArg, SeverityArg};

/// Check whether the Chinese and English versions of a policy say the same thing.
#[derive(Parser, Debug)]
#[command(name = "clausealign", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Align the clauses of a bilingual policy.
    Align(DocArgs),
    /// Align, then report where one language omits or changes a promise.
    /// Exits 0 when no finding reaches --fail-on, 1 when one does, 2 on errors.
    Check(CheckArgs),
    /// Align and check many documents (a folder or a manifest CSV) in
    /// parallel: one result per document, summary.csv, optionally pairs.csv.
    /// Exits 0 when all succeed, 1 when one fails (or, with --fail-on, has a
    /// finding at that severity), 2 on usage errors.
    Batch(batch::BatchArgs),
    /// Check a document and write every finding as a baseline file (to -o
    /// FILE, or standard output): `check --baseline FILE` then reports only
    /// what is new.
    Baseline(BaselineArgs),
}

/// Options of `baseline`.
#[derive(Args, Debug, Clone)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Leave out of the baseline the findings a rule of this file matches.
    #[arg(long, value_name = "FILE")]
    pub ignore: Option<PathBuf>,
    /// Check the terms of this glossary too (as `check --glossary`).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
}

/// Input and output options shared by `align` and `check`.
#[derive(Args, Debug, Clone)]
pub struct DocArgs {
    /// A bilingual file (both languages in one file); `-` reads standard input.
    #[arg(required_unless_present_all = ["zh", "en"], conflicts_with_all = ["zh", "en"])]
    pub file: Option<PathBuf>,
    /// The Chinese version, as its own file (use with --en); `-` reads
    /// standard input.
    #[arg(long, requires = "en", value_name = "FILE")]
    pub zh: Option<PathBuf>,
    /// The English version, as its own file (use with --zh); `-` reads
    /// standard input.
    #[arg(long, requires = "zh", value_name = "FILE")]
    pub en: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// How to cut the text into clauses: `auto` (headings, items, sentences)
    /// or `lines` (every non-empty line is one clause).
    #[arg(long, value_enum, default_value_t = SegmentArg::Auto)]
    pub segment: SegmentArg,
    /// Report whole-line pairs (`lines`) or sentence-level pairs (`clauses`).
    #[arg(long, value_enum, default_value_t = PairsArg::Lines)]
    pub pairs: PairsArg,
    /// Write the output to FILE instead of standard output (never over an
    /// input file; `-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Display columns of the text output (default: the terminal's width,
    /// from COLUMNS or the terminal itself; 100 when not a terminal).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// Colour the text output: `auto` when standard output is a terminal
    /// and NO_COLOR is not set, `always`, or `never`.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// How to read the input: `auto` (by the content, the extension as a
    /// hint; see docs/input.md), or force one format. PO, XLIFF, TMX and
    /// CSV files pair the languages themselves and are checked pair by pair.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto, value_name = "FORMAT")]
    pub input_format: InputFormat,
    /// The columns of a CSV or TSV sheet, in order: `zh`, `en`, or `-` for a
    /// column to ignore (`zh,en`, `-,en,zh`). Without it, a first row naming
    /// the languages decides, or the script of a two-column sheet.
    #[arg(long, value_name = "LIST", value_parser = parse_columns)]
    pub columns: Option<Columns>,
    /// Refuse input files larger than this many bytes (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    pub max_size: u64,
    /// Start CSV output with a UTF-8 byte-order mark so Excel reads Chinese.
    #[arg(long)]
    pub excel: bool,
    /// Say what was read and found (encoding, layout, counts) on standard error.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Which findings to report.
    #[command(flatten)]
    pub confidence: ConfidenceArgs,
}

/// How sure a finding must be to be reported (`align` and `check` and
/// `batch` share these).
#[derive(Args, Debug, Clone, Default)]
pub struct ConfidenceArgs {
    /// Report findings at least this sure (0 to 1; default 0.5): lower shows
    /// more of what may be a translator's choice.
    #[arg(long, value_name = "CONFIDENCE", conflicts_with = "all", value_parser = parse_confidence)]
    pub min_confidence: Option<f64>,
    /// Report every finding, however unsure (same as --min-confidence 0).
    #[arg(long)]
    pub all: bool,
}

impl ConfidenceArgs {
    /// The threshold the arguments set, if they set one.
    pub fn threshold(&self) -> Option<f64> {
        if self.all {
            Some(0.0)
        } else {
            self.min_confidence
        }
    }
}

/// Parse a confidence between 0 and 1.
fn parse_confidence(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("not a confidence between 0 and 1: {s:?}")),
    }
}

/// Options of `check`.
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Lowest severity that makes `check` exit with status 1.
    #[arg(long, value_enum, default_value_t = SeverityArg::Warning)]
    pub fail_on: SeverityArg,
    /// What the reviewer accepted.
    #[command(flatten)]
    pub review: ReviewArgs,
    /// Check the terms of this glossary (TSV: a Chinese term, a tab, its
    /// English translation): report a pair whose one side uses a term and
    /// whose other side lacks its translation (kind `terminology`).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Also write the findings to FILE as CSV, one row per finding
    /// (severity, kind, message, values, lines, texts).
    #[arg(long, value_name = "FILE")]
    pub findings_csv: Option<PathBuf>,
}

/// Accepted findings (`check`, and `batch` for ignore rules).
#[derive(Args, Debug, Clone, Default)]
pub struct ReviewArgs {
    /// Leave out the findings this baseline file lists (written by
    /// `clausealign baseline` or `check --write-baseline`); report how many
    /// it accepted and how many of its entries match nothing any more.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Leave out the findings a rule of this file matches: lines of a kind
    /// (or `*`) and an optional text or glob (see docs/review.md).
    #[arg(long, value_name = "FILE")]
    pub ignore: Option<PathBuf>,
    /// Also write the findings reported (after --baseline and --ignore) as a
    /// baseline file, to accept them all.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// Parse `--columns` (see [`Columns`]).
fn parse_columns(s: &str) -> Result<Columns, String> {
    s.parse()
}

/// Parse "32M", "500K", "1G" or a plain byte count.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("unknown size suffix in {s:?} (use K, M or G)")),
            };
            (&s[..i], m)
        }
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(mult))
        .map_err(|_| format!("not a size: {s:?}"))
}

/// The analyzer for a run: `segment` and the default parameters, with the
/// tuning overrides of the environment: `CLAUSEALIGN_PARAMS` for the
/// alignment (see docs/algorithm.md) and `CLAUSEALIGN_CHECK_PARAMS` for the
/// check (the fields of [`CheckParams`], e.g. `min_cue_score=0.5`).
fn analyzer(
    segment: SegmentArg,
    confidence: &ConfidenceArgs,
    glossary: Option<&std::path::Path>,
) -> Result<Analyzer, String> {
    let mut options = Options {
        segment: segment.into(),
        ..Options::default()
    };
    if let Some(spec) = std::env::var_os("CLAUSEALIGN_PARAMS") {
        options.align = options.align.with_overrides(&spec.to_string_lossy())?;
    }
    if let Some(spec) = std::env::var_os("CLAUSEALIGN_CHECK_PARAMS") {
        options.check = check_overrides(options.check, &spec.to_string_lossy())?;
    }
    if let Some(min) = confidence.threshold() {
        options.check.min_confidence = min;
    }
    if let Some(path) = glossary {
        let glossary = Glossary::read(path).map_err(|e| e.to_string())?;
        options.check.glossary = Some(std::sync::Arc::new(glossary));
    }
    Ok(Analyzer::new(options))
}

/// Apply `name=value` overrides separated by commas to the check's
/// thresholds. Unknown names are errors.
fn check_overrides(mut params: CheckParams, spec: &str) -> Result<CheckParams, String> {
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (name, value) = item
            .split_once('=')
            .ok_or_else(|| format!("expected name=value, got {item:?}"))?;
        let v: f64 = value
            .trim()
            .parse()
            .map_err(|_| format!("not a number in {item:?}"))?;
        let count = v.max(0.0).round() as usize;
        match name.trim() {
            "unsupported" => params.unsupported = v,
            "unsupported_min_content" => params.unsupported_min_content = v,
            "omission_min_content" => params.omission_min_content = v,
            "untranslated_run" => params.untranslated_run = count,
            "untranslated_run_zh" => params.untranslated_run_zh = count,
            "min_cue_score" => params.min_cue_score = v,
            "min_negation_link" => params.min_negation_link = v,
            "min_confidence" => params.min_confidence = v,
            "min_error_confidence" => params.min_error_confidence = v,
            other => return Err(format!("unknown check parameter {other:?}")),
        }
    }
    Ok(params)
}

/// The advice `--max-size` gives a file over the limit: a limit that reads
/// it, rounded up to whole megabytes.
fn max_size_hint(error: &Error) -> Option<String> {
    match error {
        Error::TooLarge { size, .. } => Some(format!(
            "; raise the limit with --max-size {}",
            human_size(size.div_ceil(1 << 20).max(1) << 20)
        )),
        Error::StreamTooLarge { limit, .. } => Some(format!(
            "; raise the limit with --max-size (now {})",
            human_size(*limit)
        )),
        _ => None,
    }
}

/// A library error as `align` and `check` report it: what is wrong, and the
/// flag that fixes it where one does.
fn with_flag_advice(error: Error) -> String {
    let advice = match &error {
        Error::MissingLanguage { missing, .. } => Some(format!(
            "; pass the {} version with {} FILE",
            language_name(*missing),
            lang_flag(*missing)
        )),
        Error::WrongLanguage { expected, .. } => Some(format!(" ({} FILE)", lang_flag(*expected))),
        Error::PairedFile { .. } => Some("; give it alone as FILE, without --zh/--en".into()),
        Error::Malformed {
            format: "CSV",
            problem,
            ..
        } if problem.starts_with("cannot tell which") => {
            Some("; or name them with --columns (e.g. --columns -,zh,en)".into())
        }
        other => max_size_hint(other),
    };
    format!("{error}{}", advice.unwrap_or_default())
}

/// `n` with the singular or the plural noun: "1 document", "2 documents".
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The option that gives the file of one language.
fn lang_flag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "--zh",
        Lang::En => "--en",
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match cli.command {
        Command::Align(args) => align::run(&args, None, None),
        Command::Check(args) => align::run(
            &args.doc,
            Some(align::CheckMode {
                fail_on: args.fail_on.into(),
                review: args.review,
                glossary: args.glossary,
                baseline_only: false,
            }),
            args.findings_csv.as_deref(),
        ),
        Command::Baseline(args) => align::run(
            &args.doc,
            Some(align::CheckMode {
                fail_on: Severity::Info,
                review: ReviewArgs {
                    ignore: args.ignore,
                    ..ReviewArgs::default()
                },
                glossary: args.glossary,
                baseline_only: true,
            }),
            None,
        ),
        Command::Batch(args) => batch::run(&args),
    }
}
