//! CSV output (RFC 4180 through the csv crate): one row per aligned pair.

use std::borrow::Cow;
use std::io::{self, Write};

use super::View;
use crate::segment::Clause;

/// Column names of the pair CSV.
pub const CSV_HEADER: [&str; 10] = [
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
];

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
        let kinds: Vec<String> = view
            .findings_of_pair(n)
            .iter()
            .map(|f| format!("{:?}", f.kind).to_lowercase())
            .collect();
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
        ]);
        w.write_record(&row)?;
    }
    Ok(())
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
