//! A self-contained HTML review page: the findings with their messages and
//! confidence, then every aligned pair side by side, the differing values
//! and the untranslated sentences marked, findings and pairs linked both
//! ways, and filters (pairs with findings only; by kind and severity) run by
//! a little inline script. One file, no external resources, so it can be
//! mailed or archived; every piece of document text is escaped (as for XML:
//! the page is also well-formed XML, which the tests check by parsing it).

use std::io::{self, Write};

use super::View;
use super::html_assets::{SCRIPT, STYLE};
use super::text::side_lines;
use super::tmx::xml_escape as html_escape;
use crate::check::{Finding, FindingKind, Severity};
use crate::segment::Clause;

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

/// What a reader sees of a text written with Markdown marks: no `#` heading
/// marker, no `**`/`__` emphasis or `` ` `` code marks, a link's text
/// without its address. Single `*` and `_` stay (`5 * 3`, `user_id`).
fn reader_text(text: &str) -> String {
    let t = text.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let t = if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        t[hashes..].trim_start()
    } else {
        text
    };
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
        } else if c == '`' {
            rest = &rest[1..];
        } else if c == '['
            && let Some(close) = rest.find("](")
            && let Some(end) = rest[close..].find(')')
            && !rest[1..close].contains(['[', ']'])
        {
            out.push_str(&rest[1..close]);
            rest = &rest[close + end + 1..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// One side of a pair: each clause as a reader sees it, the values of the
/// pair's findings marked, and the clauses a finding says the other side
/// does not translate (`gaps`) marked as a whole.
fn side_cell(ids: &[usize], clauses: &[Clause], values: &[&str], gaps: &[usize]) -> String {
    let texts: Vec<String> = ids
        .iter()
        .filter_map(|&i| clauses.get(i).map(|c| (i, c)))
        .map(|(i, c)| {
            let text = marked(&reader_text(&c.text), values);
            if gaps.contains(&i) {
                format!("<mark class=\"gap\" title=\"not translated\">{text}</mark>")
            } else {
                text
            }
        })
        .collect();
    if texts.is_empty() {
        return String::new();
    }
    format!(
        "<span class=\"lines\">{}</span>{}",
        side_lines(ids, clauses),
        texts.join(" ")
    )
}

/// The filter form: one box per severity and per kind that occurs, with
/// their counts, and "only pairs with findings".
fn filters(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    writeln!(out, "<form class=\"filters\" id=\"filters\">")?;
    writeln!(
        out,
        "<label><input type=\"checkbox\" id=\"flagged-only\"/> only pairs with findings</label>"
    )?;
    writeln!(out, "<fieldset><legend>severity</legend>")?;
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = findings.iter().filter(|f| f.severity == sev).count();
        let name = severity_name(sev);
        writeln!(
            out,
            "<label><input type=\"checkbox\" class=\"f-sev\" value=\"{name}\" checked=\"checked\"/> <span class=\"{name}\">{name}</span> ({n})</label>"
        )?;
    }
    writeln!(out, "</fieldset>\n<fieldset><legend>kind</legend>")?;
    for kind in FindingKind::ALL {
        let n = findings.iter().filter(|f| f.kind == kind).count();
        if n > 0 {
            let name = kind.name();
            writeln!(
                out,
                "<label><input type=\"checkbox\" class=\"f-kind\" value=\"{name}\" checked=\"checked\"/> {name} ({n})</label>"
            )?;
        }
    }
    writeln!(
        out,
        "</fieldset>\n<span class=\"summary\"><span id=\"shown-count\">{}</span> findings shown</span>\n</form>",
        findings.len()
    )
}

/// Write the HTML review page of a view: a summary, the filters, the
/// findings (each linking to its pair), and the pairs side by side (each
/// finding under its pair, linking back).
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
        filters(out, view.findings)?;
        writeln!(out, "<h2>Findings</h2>\n<table class=\"findings\">")?;
        writeln!(
            out,
            "<thead><tr><th>pair</th><th>severity</th><th>kind</th><th>confidence</th><th>message</th></tr></thead>\n<tbody>"
        )?;
        for (n, f) in view.findings.iter().enumerate() {
            let sev = severity_name(f.severity);
            let pair = first_pair[n].map_or_else(
                || "—".to_string(),
                |k| format!("<a href=\"#p{k}\">#{k}</a>"),
            );
            writeln!(
                out,
                "<tr data-finding=\"{n}\" data-kind=\"{kind}\" data-severity=\"{sev}\"><td class=\"meta\" id=\"f{n}\">{pair}</td><td><span class=\"sev {sev}\">{sev}</span></td><td>{kind}</td><td class=\"conf\">{:.2}</td><td>{}</td></tr>",
                f.confidence,
                html_escape(&f.message),
                kind = f.kind.name(),
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
        let indices = view.finding_indices_of_pair(k);
        let findings: Vec<&Finding> = indices.iter().map(|&n| &view.findings[n]).collect();
        let zh_values: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.zh_value.as_deref())
            .collect();
        let en_values: Vec<&str> = findings
            .iter()
            .filter_map(|f| f.en_value.as_deref())
            .collect();
        // A sentence of a pair with both sides that a finding says has no
        // counterpart is marked whole.
        let both = !p.zh.is_empty() && !p.en.is_empty();
        let omissions: Vec<&&Finding> = findings
            .iter()
            .filter(|f| both && f.kind == FindingKind::Omission)
            .collect();
        let zh_gaps: Vec<usize> = omissions.iter().flat_map(|f| f.zh.clone()).collect();
        let en_gaps: Vec<usize> = omissions.iter().flat_map(|f| f.en.clone()).collect();
        let mut class = vec!["pair"];
        if !both {
            class.push("alone");
        }
        if !findings.is_empty() {
            class.push("flagged");
        }
        writeln!(
            out,
            "<tr id=\"p{k}\" class=\"{}\"><td class=\"meta\"><a href=\"#p{k}\">#{k}</a><br/>{}<br/>{:.2}</td><td class=\"side\" lang=\"zh-CN\">{}</td><td class=\"side\" lang=\"en\">{}</td></tr>",
            class.join(" "),
            p.kind(),
            p.score,
            side_cell(&p.zh, &r.zh.clauses, &zh_values, &zh_gaps),
            side_cell(&p.en, &r.en.clauses, &en_values, &en_gaps)
        )?;
        for (&n, f) in indices.iter().zip(&findings) {
            let sev = severity_name(f.severity);
            writeln!(
                out,
                "<tr class=\"finding\" data-pair=\"p{k}\" data-kind=\"{kind}\" data-severity=\"{sev}\"><td class=\"meta\"><a href=\"#f{n}\" title=\"in the findings table\">↑ {n}</a></td><td colspan=\"2\"><span class=\"sev {sev}\">{sev}</span> {kind}: {} <span class=\"conf\">(confidence {:.2})</span></td></tr>",
                html_escape(&f.message),
                f.confidence,
                kind = f.kind.name(),
            )?;
        }
    }
    writeln!(out, "</tbody>\n</table>")?;
    if !view.findings.is_empty() {
        // CDATA keeps the page well-formed XML; browsers read the markers
        // as comments of the script.
        writeln!(out, "<script>//<![CDATA[\n{SCRIPT}\n//]]></script>")?;
    }
    writeln!(out, "</body>\n</html>")?;
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

    #[test]
    fn markdown_marks_are_not_shown() {
        assert_eq!(reader_text("## 1. Scope"), "1. Scope");
        assert_eq!(
            reader_text("We **never** sell `data` (see [our policy](https://x.example/p))."),
            "We never sell data (see our policy)."
        );
        assert_eq!(
            reader_text("__重要__：5 * 3 = user_id"),
            "重要：5 * 3 = user_id"
        );
        assert_eq!(reader_text("#hashtag [a] b"), "#hashtag [a] b");
    }
}
