//! JUnit XML for a batch: one test case per document, so a CI system that
//! reads JUnit reports (most do) shows each policy as passed or failed.
//!
//! A document fails when it has a finding at or above the chosen severity
//! (the failure lists its counts by kind); a document that could not be
//! read or analysed is an error (with the reason). The format is the common
//! subset CI systems read: `testsuites` > `testsuite` > `testcase` with
//! `failure` or `error`.

use std::io::{self, Write};

use super::summary::{FINDING_KINDS, Status, SummaryRow};
use crate::check::Severity;
use crate::export::xml_escape;

/// Findings of a document at or above `level`, from its severity counts.
fn reaching(row: &SummaryRow, level: Severity) -> usize {
    row.counts.as_ref().map_or(0, |c| c.at_least(level))
}

/// Write the JUnit report of a batch's rows; `level` is the lowest
/// severity that fails a document.
pub fn write_junit(out: &mut dyn Write, rows: &[SummaryRow], level: Severity) -> io::Result<()> {
    let failures = rows
        .iter()
        .filter(|r| r.status == Status::Ok && reaching(r, level) > 0)
        .count();
    let errors = rows.iter().filter(|r| r.status == Status::Error).count();
    let time: f64 = rows.iter().map(|r| r.seconds).sum();
    let level_name = match level {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    };
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="clausealign" tests="{}" failures="{failures}" errors="{errors}" time="{time:.3}">"#,
        rows.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="clausealign batch" tests="{}" failures="{failures}" errors="{errors}" skipped="0" time="{time:.3}">"#,
        rows.len()
    )?;
    for row in rows {
        write!(
            out,
            r#"    <testcase classname="clausealign" name="{}" file="{}" time="{:.3}""#,
            xml_escape(&row.id),
            xml_escape(&row.zh_path),
            row.seconds
        )?;
        let failing = reaching(row, level);
        match (&row.status, &row.counts) {
            (Status::Error, _) => {
                writeln!(out, ">")?;
                writeln!(
                    out,
                    r#"      <error type="unreadable" message="{}"/>"#,
                    xml_escape(&row.error)
                )?;
                writeln!(out, "    </testcase>")?;
            }
            (Status::Ok, Some(c)) if failing > 0 => {
                let by_kind: Vec<String> = FINDING_KINDS
                    .iter()
                    .zip(c.findings)
                    .filter(|(_, n)| *n > 0)
                    .map(|(k, n)| format!("{}: {n}", k.name()))
                    .collect();
                writeln!(out, ">")?;
                writeln!(
                    out,
                    r#"      <failure type="findings" message="{failing} findings at {level_name} or above">{}</failure>"#,
                    xml_escape(&format!(
                        "all findings by kind: {}; see {}",
                        by_kind.join(", "),
                        row.output
                    ))
                )?;
                writeln!(out, "    </testcase>")?;
            }
            _ => writeln!(out, "/>")?,
        }
    }
    writeln!(out, "  </testsuite>\n</testsuites>")
}
