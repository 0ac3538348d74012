//! A self-contained HTML report: the findings with their messages, then every
//! aligned pair side by side, the differing values marked. One file, no
//! scripts or external resources, so it can be mailed or archived; every
//! piece of document text is escaped (as for XML: the page is also
//! well-formed XML, which the tests check by parsing it).

use std::io::{self, Write};

use super::View;
use super::text::{side_lines, side_text};
use super::tmx::xml_escape as html_escape;
use crate::check::Severity;

/// Escaped `text` with every occurrence of the pieces of `values` (a value
/// such as "不…出售" names two pieces) wrapped in `<mark>`. Longer pieces
/// win where occurrences overlap.
fn marked(text: &str, values: &[&str]) -> String {
    let mut pieces: Vec<&str> = values
        .iter()
        .flat_map(|v| v.split('…'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
    pieces.dedup();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for piece in pieces {
        for (start, _) in text.match_indices(piece) {
            let end = start + piece.len();
            if ranges.iter().all(|&(a, e)| end <= a || start >= e) {
                ranges.push((start, end));
            }
        }
    }
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len() + 16 * ranges.len());
    let mut at = 0;
    for (a, e) in ranges {
        out.push_str(&html_escape(&text[at..a]));
        out.push_str("<mark>");
        out.push_str(&html_escape(&text[a..e]));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&html_escape(&text[at..]));
    out
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}\
.summary{color:#555}\
table{border-collapse:collapse;width:100%}\
th,td{border-top:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}\
th{background:#f4f4f4;position:sticky;top:0}\
td.meta{white-space:nowrap;color:#666;font-size:.85em;width:5em}\
td.meta a{color:#666}\
.lines{color:#888;font-size:.8em;margin-right:.4em}\
tr.alone td.side:empty{background:#fff4f4}\
tr.flagged td.side{background:#fffbe8}\
tr.finding td{border-top:none;padding-top:0;font-size:.9em}\
.sev{display:inline-block;min-width:4.5em;font-weight:600}\
.error{color:#b00020}.warning{color:#a15c00}.info{color:#555}\
mark{background:#ffd54f;padding:0 .1em}\
td.side{width:46%}";

/// Write the HTML report of a view: a summary, the findings (each linking to
/// its pair), and the pairs side by side.
pub fn write_html(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let r = view.report;
    let name = view.document_name();
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>")?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"clausealign {}\"/>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<title>clausealign: {}</title>", html_escape(&name))?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>{}</h1>", html_escape(&name))?;
    writeln!(
        out,
        "<p class=\"summary\">{}</p>",
        html_escape(&view.summary_line())
    )?;

    // The first pair each finding concerns, for the links.
    let mut first_pair = vec![None; view.findings.len()];
    for k in 0..view.pairs.len() {
        for &n in view.finding_indices_of_pair(k) {
            first_pair[n].get_or_insert(k);
        }
    }
    if !view.findings.is_empty() {
        writeln!(out, "<h2>Findings</h2>\n<table class=\"findings\">")?;
        writeln!(
            out,
            "<thead><tr><th>pair</th><th>severity</th><th>kind</th><th>message</th></tr></thead>\n<tbody>"
        )?;
        for (n, f) in view.findings.iter().enumerate() {
            let sev = severity_name(f.severity);
            let pair = first_pair[n].map_or_else(
                || "—".to_string(),
                |k| format!("<a href=\"#p{k}\">#{k}</a>"),
            );
            writeln!(
                out,
                "<tr><td class=\"meta\">{pair}</td><td><span class=\"sev {sev}\">{sev}</span></td><td>{}</td><td>{}</td></tr>",
                f.kind.name(),
                html_escape(&f.message)
            )?;
        }
        writeln!(out, "</tbody>\n</table>")?;
    }

    writeln!(out, "<h2>Aligned pairs</h2>\n<table class=\"pairs\">")?;
    writeln!(
        out,
        "<thead><tr><th>#</th><th lang=\"zh-CN\">中文</th><th>English</th></tr></thead>\n<tbody>"
    )?;
    for (k, p) in view.pairs.iter().enumerate() {
        let findings = view.findings_of_pair(k);
        let zh_values: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.zh_value.as_deref())
            .collect();
        let en_values: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.en_value.as_deref())
            .collect();
        let mut class = Vec::new();
        if p.zh.is_empty() || p.en.is_empty() {
            class.push("alone");
        }
        if !findings.is_empty() {
            class.push("flagged");
        }
        let cell = |ids: &[usize], clauses: &[crate::segment::Clause], values: &[&str]| {
            let text = side_text(ids, clauses);
            if text.is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"lines\">{}</span>{}",
                    side_lines(ids, clauses),
                    marked(&text, values)
                )
            }
        };
        writeln!(
            out,
            "<tr id=\"p{k}\" class=\"{}\"><td class=\"meta\"><a href=\"#p{k}\">#{k}</a><br/>{}<br/>{:.2}</td><td class=\"side\" lang=\"zh-CN\">{}</td><td class=\"side\" lang=\"en\">{}</td></tr>",
            class.join(" "),
            p.kind(),
            p.score,
            cell(&p.zh, &r.zh.clauses, &zh_values),
            cell(&p.en, &r.en.clauses, &en_values)
        )?;
        for f in findings {
            let sev = severity_name(f.severity);
            writeln!(
                out,
                "<tr class=\"finding\"><td></td><td colspan=\"2\"><span class=\"sev {sev}\">{sev}</span> {}: {}</td></tr>",
                f.kind.name(),
                html_escape(&f.message)
            )?;
        }
    }
    writeln!(out, "</tbody>\n</table>\n</body>\n</html>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_marks_values() {
        assert_eq!(
            marked("我们不会向第三方出售<数据>", &["不…出售"]),
            "我们<mark>不</mark>会向第三方<mark>出售</mark>&lt;数据&gt;"
        );
        // A value inside a longer marked value is not marked twice.
        assert_eq!(
            marked("within 30 working days", &["30", "30 working days"]),
            "within <mark>30 working days</mark>"
        );
        // A value that is markup-like text is escaped before it is marked.
        assert_eq!(marked("a <b> c", &["<b>"]), "a <mark>&lt;b&gt;</mark> c");
    }
}
