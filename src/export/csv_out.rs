//! CSV output (RFC 4180 through the csv crate): one row per aligned pair,
//! or one row per finding.

use std::borrow::Cow;
use std::io::{self, Write};

use super::View;
use crate::check::Severity;
use crate::segment::Clause;

/// Column names of the pair CSV. Columns are only ever appended, so
/// scripts reading them by position keep working.
pub const CSV_HEADER: [&str; 16] = [
    "pair",
    "kind",
    "score",
    "zh_section",
    "zh_text",
    "en_section",
    "en_text",
    "zh_lines",
    "en_lines",
    "findings",
    "severities",
    "messages",
    "zh_line",
    "zh_end_line",
    "en_line",
    "en_end_line",
];

/// Column names of the findings CSV (one row per finding).
pub const FINDINGS_CSV_HEADER: [&str; 14] = [
    "finding",
    "severity",
    "kind",
    "confidence",
    "message",
    "zh_value",
    "en_value",
    "zh_line",
    "zh_end_line",
    "en_line",
    "en_end_line",
    "zh_text",
    "en_text",
    "pair",
];

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The first and last line of clauses as two numbers (both empty for no
/// clause): columns of one type, unlike `zh_lines` (`5` or `5-7`).
fn line_numbers(ids: &[usize], clauses: &[Clause]) -> [String; 2] {
    let first = ids
        .iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.line)
        .min();
    let last = ids
        .iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.end_line)
        .max();
    match (first, last) {
        (Some(a), Some(b)) => [a.to_string(), b.to_string()],
        _ => [String::new(), String::new()],
    }
}

/// A text cell made safe for spreadsheets: one that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be run as a formula by Excel,
/// LibreOffice or Google Sheets (CSV injection), so it gets a leading `'`,
/// as OWASP advises. Every text cell is treated so, even one that reads as
/// a number (`-5`): a text cell holds text, and telling harmless numbers
/// from formulas is what the spreadsheet gets wrong. Columns the tool fills
/// with numbers of its own (`pair`, `score`, counts) are not text cells.
///
/// ```
/// use clausealign::export::spreadsheet_safe;
///
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(spreadsheet_safe("-5"), "'-5");
/// assert_eq!(spreadsheet_safe("我们收集"), "我们收集");
/// ```
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn lines(ids: &[usize], clauses: &[Clause]) -> String {
    let first = ids.first().and_then(|&i| clauses.get(i));
    let last = ids.last().and_then(|&i| clauses.get(i));
    match (first, last) {
        (Some(a), Some(b)) if a.line == b.end_line => a.line.to_string(),
        (Some(a), Some(b)) => format!("{}-{}", a.line, b.end_line),
        _ => String::new(),
    }
}

fn text(ids: &[usize], clauses: &[Clause]) -> String {
    ids.iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn section(ids: &[usize], clauses: &[Clause]) -> String {
    ids.first()
        .and_then(|&i| clauses.get(i))
        .map_or_else(String::new, |c| c.section.clone())
}

/// Write the rows of `view` (no header) to a CSV writer; `prefix` columns
/// (such as a document id) come first. Text cells go through
/// [`spreadsheet_safe`].
pub fn write_csv_rows<W: Write>(
    w: &mut csv::Writer<W>,
    view: &View,
    prefix: &[&str],
) -> csv::Result<()> {
    let r = view.report;
    for (n, p) in view.pairs.iter().enumerate() {
        let findings = view.findings_of_pair(n);
        let kinds: Vec<String> = findings
            .iter()
            .map(|f| format!("{:?}", f.kind).to_lowercase())
            .collect();
        let severities: Vec<&str> = findings.iter().map(|f| severity_name(f.severity)).collect();
        // One line per finding: a cell a reviewer can read in a spreadsheet.
        let messages: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{} {}: {}",
                    severity_name(f.severity),
                    f.kind.name(),
                    f.message
                )
            })
            .collect();
        let [zh_line, zh_end_line] = line_numbers(&p.zh, &r.zh.clauses);
        let [en_line, en_end_line] = line_numbers(&p.en, &r.en.clauses);
        let safe = |cell: String| spreadsheet_safe(&cell).into_owned();
        let mut row: Vec<String> = prefix
            .iter()
            .map(|s| spreadsheet_safe(s).into_owned())
            .collect();
        row.extend([
            n.to_string(),
            p.kind(),
            format!("{:.3}", p.score),
            safe(section(&p.zh, &r.zh.clauses)),
            safe(text(&p.zh, &r.zh.clauses)),
            safe(section(&p.en, &r.en.clauses)),
            safe(text(&p.en, &r.en.clauses)),
            lines(&p.zh, &r.zh.clauses),
            lines(&p.en, &r.en.clauses),
            kinds.join(";"),
            severities.join(";"),
            safe(messages.join("\n")),
            zh_line,
            zh_end_line,
            en_line,
            en_end_line,
        ]);
        w.write_record(&row)?;
    }
    Ok(())
}

/// Write the findings of `view` (no header), one row each, to a CSV writer;
/// `prefix` columns (such as a document id) come first. Text cells go
/// through [`spreadsheet_safe`].
pub fn write_findings_csv_rows<W: Write>(
    w: &mut csv::Writer<W>,
    view: &View,
    prefix: &[&str],
) -> csv::Result<()> {
    let r = view.report;
    // The first pair that shows each finding, in one pass over the pairs.
    let mut first_pair: Vec<Option<usize>> = vec![None; view.findings.len()];
    for k in 0..view.pairs.len() {
        for &n in view.finding_indices_of_pair(k) {
            first_pair[n].get_or_insert(k);
        }
    }
    for (n, f) in view.findings.iter().enumerate() {
        let [zh_line, zh_end_line] = line_numbers(&f.zh, &r.zh.clauses);
        let [en_line, en_end_line] = line_numbers(&f.en, &r.en.clauses);
        let safe = |cell: String| spreadsheet_safe(&cell).into_owned();
        let mut row: Vec<String> = prefix
            .iter()
            .map(|s| spreadsheet_safe(s).into_owned())
            .collect();
        row.extend([
            n.to_string(),
            severity_name(f.severity).to_string(),
            f.kind.name().to_string(),
            format!("{:.2}", f.confidence),
            safe(f.message.clone()),
            safe(f.zh_value.clone().unwrap_or_default()),
            safe(f.en_value.clone().unwrap_or_default()),
            zh_line,
            zh_end_line,
            en_line,
            en_end_line,
            safe(text(&f.zh, &r.zh.clauses)),
            safe(text(&f.en, &r.en.clauses)),
            first_pair[n].map_or_else(String::new, |k| k.to_string()),
        ]);
        w.write_record(&row)?;
    }
    Ok(())
}

/// Write the findings as CSV with a header, one row per finding (what an
/// analyst filters and counts); `excel` prepends a UTF-8 BOM.
pub fn write_findings_csv(out: &mut dyn Write, view: &View, excel: bool) -> io::Result<()> {
    if excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(FINDINGS_CSV_HEADER)?;
    write_findings_csv_rows(&mut w, view, &[])?;
    w.flush()
}

/// Write the pairs as CSV with a header; `excel` prepends a UTF-8 BOM.
pub fn write_csv(out: &mut dyn Write, view: &View, excel: bool) -> io::Result<()> {
    if excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    write_csv_rows(&mut w, view, &[])?;
    w.flush()
}
