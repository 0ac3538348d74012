//! The batch's HTML index (`OUT/summary.html`, with HTML results): one page
//! listing every document with its status, counts per severity and a link
//! to its report, so a reviewer opens one file and goes from there. Like the
//! reports, it is self-contained and well-formed XML.

use std::io::{self, Write};

use super::summary::{SEVERITIES, Status, SummaryRow};
use crate::check::Severity;
use crate::export::xml_escape;

/// The index page's name in the output folder (beside `summary.csv`; the
/// stem `summary` is never a document's).
pub const INDEX_FILE: &str = "summary.html";

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em}.summary{color:#555}\
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\
td.n{text-align:right}tr.error td{background:#fde8e8}tr.flagged td{background:#fff7e0}";

/// A file name as a relative link: bytes outside the URL-safe set are
/// percent-encoded (spaces, `#`, `%`, Chinese), so any stem links right.
fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Write the index page for `rows` (in job order).
pub fn write_index(out: &mut dyn Write, rows: &[SummaryRow]) -> io::Result<()> {
    let failed = rows.iter().filter(|r| r.status == Status::Error).count();
    let mut per_severity = [0usize; SEVERITIES.len()];
    for c in rows.iter().filter_map(|r| r.counts.as_ref()) {
        for (total, n) in per_severity.iter_mut().zip(c.severities) {
            *total += n;
        }
    }
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <title>clausealign: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        plural(rows.len(), "document", "documents")
    )?;
    writeln!(
        out,
        "<h1>clausealign</h1>\n<p class=\"summary\">{}: {} ok, {} failed; {}, {}, {} info</p>",
        plural(rows.len(), "document", "documents"),
        rows.len() - failed,
        failed,
        plural(per_severity[0], "error", "errors"),
        plural(per_severity[1], "warning", "warnings"),
        per_severity[2]
    )?;
    writeln!(
        out,
        "<table>\n<tr><th>document</th><th>status</th><th>errors</th><th>warnings</th>\
         <th>info</th><th>zh clauses</th><th>en clauses</th><th>pairs</th><th>files</th></tr>"
    )?;
    for r in rows {
        let files = if r.zh_path == r.en_path {
            xml_escape(&r.zh_path)
        } else {
            format!("{} + {}", xml_escape(&r.zh_path), xml_escape(&r.en_path))
        };
        let Some(c) = r.counts.as_ref().filter(|_| r.status == Status::Ok) else {
            writeln!(
                out,
                "<tr class=\"error\"><td>{}</td><td>error</td><td colspan=\"6\">{}</td><td>{files}</td></tr>",
                xml_escape(&r.id),
                xml_escape(&r.error)
            )?;
            continue;
        };
        let class = if c.at_least(Severity::Warning) > 0 {
            " class=\"flagged\""
        } else {
            ""
        };
        write!(
            out,
            "<tr{class}><td><a href=\"{}\">{}</a></td><td>ok</td>",
            href(&r.output),
            xml_escape(&r.id)
        )?;
        for n in c.severities {
            write!(out, "<td class=\"n\">{n}</td>")?;
        }
        writeln!(
            out,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{files}</td></tr>",
            c.zh_clauses, c.en_clauses, c.pairs
        )?;
    }
    writeln!(out, "</table>\n</body>\n</html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(href("a b#1%.html"), "a%20b%231%25.html");
        assert_eq!(href("隐私.html"), "%E9%9A%90%E7%A7%81.html");
        assert_eq!(href("plain-name_1.html"), "plain-name_1.html");
    }
}
