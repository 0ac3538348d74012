//! The command line's option values (`--format`, `--segment`, `--pairs`,
//! `--fail-on`, `--input-format`, `--color`) and their library counterparts. The
//! library's types know nothing of clap; these enums carry the names and help
//! texts the command line shows.

use clap::ValueEnum;

use clausealign::Severity;
use clausealign::export::{Format, Granularity};
use clausealign::input;
use clausealign::segment::SegmentMode;

/// Output formats (`--format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Side by side, for a terminal.
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
    /// SARIF 2.1.0 for code-scanning dashboards (see docs/review.md).
    Sarif,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Tmx => Format::Tmx,
            FormatArg::Beads => Format::Beads,
            FormatArg::Html => Format::Html,
            FormatArg::Sarif => Format::Sarif,
        }
    }
}

/// How to cut the text into clauses (`--segment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SegmentArg {
    /// Paragraphs, numbered items, headings and sentences.
    Auto,
    /// Every non-empty line is exactly one clause (corpora already split one
    /// sentence per line).
    Lines,
}

impl From<SegmentArg> for SegmentMode {
    fn from(s: SegmentArg) -> SegmentMode {
        match s {
            SegmentArg::Auto => SegmentMode::Auto,
            SegmentArg::Lines => SegmentMode::Lines,
        }
    }
}

/// How finely pairs are reported (`--pairs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PairsArg {
    /// Pairs never split a line of the input: sentences sharing a line are
    /// reported together (what a reviewer compares side by side).
    Lines,
    /// Clause-level pairs as aligned (sentence by sentence).
    Clauses,
}

impl From<PairsArg> for Granularity {
    fn from(p: PairsArg) -> Granularity {
        match p {
            PairsArg::Lines => Granularity::Lines,
            PairsArg::Clauses => Granularity::Clauses,
        }
    }
}

/// The lowest severity that fails `check` (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// Worth a look; often a translation choice.
    Info,
    /// Probably a real difference.
    Warning,
    /// A promise differs.
    Error,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

/// When to colour the text output (`--color`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always, even into a pipe or a file (`NO_COLOR` notwithstanding).
    Always,
    /// Never.
    Never,
}

/// The format of the input files (`--input-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Decide by the content, the file extension as a hint.
    Auto,
    /// Plain text, as it is.
    Text,
    /// An HTML page.
    Html,
    /// Markdown.
    Markdown,
    /// A Word document (.docx).
    Docx,
    /// A gettext PO or POT file (pre-paired).
    Po,
    /// An XLIFF 1.2 or 2.x file (pre-paired).
    Xliff,
    /// A TMX translation memory (pre-paired).
    Tmx,
    /// A CSV or TSV sheet with a Chinese and an English column (pre-paired).
    #[value(alias = "tsv")]
    Csv,
}

impl InputFormat {
    /// The format to force when reading, `None` to decide by content.
    pub fn forced(self) -> Option<input::Format> {
        Some(match self {
            InputFormat::Auto => return None,
            InputFormat::Text => input::Format::Text,
            InputFormat::Html => input::Format::Html,
            InputFormat::Markdown => input::Format::Markdown,
            InputFormat::Docx => input::Format::Docx,
            InputFormat::Po => input::Format::Po,
            InputFormat::Xliff => input::Format::Xliff,
            InputFormat::Tmx => input::Format::Tmx,
            InputFormat::Csv => input::Format::Csv,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the command line accepts for a value enum.
    fn names<T: ValueEnum>() -> Vec<String> {
        T::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .map(|v| v.get_name().to_string())
            .collect()
    }

    /// Every value keeps the name it had when the library types carried the
    /// clap derive, so scripts calling the binary keep working.
    #[test]
    fn value_names_are_stable() {
        assert_eq!(
            names::<FormatArg>(),
            [
                "text", "json", "jsonl", "csv", "tmx", "beads", "html", "sarif"
            ]
        );
        assert_eq!(names::<SegmentArg>(), ["auto", "lines"]);
        assert_eq!(names::<PairsArg>(), ["lines", "clauses"]);
        assert_eq!(names::<SeverityArg>(), ["info", "warning", "error"]);
        assert_eq!(names::<ColorArg>(), ["auto", "always", "never"]);
        assert_eq!(
            names::<InputFormat>(),
            [
                "auto", "text", "html", "markdown", "docx", "po", "xliff", "tmx", "csv"
            ]
        );
        assert_eq!(Severity::from(SeverityArg::Warning), Severity::Warning);
        assert_eq!(Format::from(FormatArg::Beads), Format::Beads);
        assert_eq!(SegmentMode::from(SegmentArg::Lines), SegmentMode::Lines);
        assert_eq!(Granularity::from(PairsArg::Clauses), Granularity::Clauses);
    }
}
