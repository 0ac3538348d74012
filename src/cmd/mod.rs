//! Command-line interface: argument definitions and dispatch.

mod align;
mod batch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use clausealign::check::Severity;
use clausealign::export::{Format, Granularity};
use clausealign::segment::SegmentMode;

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
    /// Exits 0 when all succeed, 1 when one fails, 2 on usage errors.
    Batch(batch::BatchArgs),
}

/// Input and output options shared by `align` and `check`.
#[derive(Args, Debug, Clone)]
pub struct DocArgs {
    /// A bilingual file (both languages in one file).
    #[arg(required_unless_present_all = ["zh", "en"], conflicts_with_all = ["zh", "en"])]
    pub file: Option<PathBuf>,
    /// The Chinese version, as its own file (use with --en).
    #[arg(long, requires = "en", value_name = "FILE")]
    pub zh: Option<PathBuf>,
    /// The English version, as its own file (use with --zh).
    #[arg(long, requires = "zh", value_name = "FILE")]
    pub en: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How to cut the text into clauses: `auto` (headings, items, sentences)
    /// or `lines` (every non-empty line is one clause).
    #[arg(long, value_enum, default_value_t = SegmentMode::Auto)]
    pub segment: SegmentMode,
    /// Report whole-line pairs (`lines`) or sentence-level pairs (`clauses`).
    #[arg(long, value_enum, default_value_t = Granularity::Lines)]
    pub pairs: Granularity,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How to read the input: `auto` (HTML for .html/.htm/.xhtml files, text
    /// otherwise), `text` (plain text or Markdown) or `html` (the visible text
    /// of a web page).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto, value_name = "FORMAT")]
    pub input_format: InputFormat,
    /// Refuse input files larger than this many bytes (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    pub max_size: u64,
    /// Start CSV output with a UTF-8 byte-order mark so Excel reads Chinese.
    #[arg(long)]
    pub excel: bool,
    /// Say what was read and found (encoding, layout, counts) on standard error.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// The markup of the input files (`--input-format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Decide by the file extension.
    #[default]
    Auto,
    /// Plain text or Markdown.
    Text,
    /// An HTML page.
    Html,
}

impl InputFormat {
    /// The format to force when reading, `None` to decide by extension.
    pub fn forced(self) -> Option<clausealign::input::Format> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Text => Some(clausealign::input::Format::Text),
            InputFormat::Html => Some(clausealign::input::Format::Html),
        }
    }
}

/// Options of `check`.
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Lowest severity that makes `check` exit with status 1.
    #[arg(long, value_enum, default_value_t = Severity::Warning)]
    pub fail_on: Severity,
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

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match cli.command {
        Command::Align(args) => align::run(&args, None),
        Command::Check(args) => align::run(&args.doc, Some(args.fail_on)),
        Command::Batch(args) => batch::run(&args),
    }
}
