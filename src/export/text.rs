//! Human text output: aligned pairs side by side, readable in a terminal.
//! Everything taken from the input (file names, clause text, the values in
//! messages) goes through [`terminal_safe`], so that escape sequences and
//! bidirectional overrides in a document cannot drive the terminal.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::View;
use crate::segment::Clause;
use crate::text::terminal_safe;

/// Width of one column of the side-by-side view.
const COLUMN: usize = 58;

const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Wrap `text` into lines of at most `width` display columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    let mut last_space: Option<(usize, usize)> = None; // (byte index in line, width up to it)
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width && !line.is_empty() {
            match last_space {
                Some((at, aw)) if aw > width / 3 => {
                    let rest = line[at + 1..].to_string();
                    line.truncate(at);
                    lines.push(std::mem::take(&mut line));
                    w -= aw + 1;
                    line = rest;
                }
                _ => {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                }
            }
            last_space = None;
        }
        if c == ' ' {
            last_space = Some((line.len(), w));
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

pub(super) fn side_text(ids: &[usize], clauses: &[Clause]) -> String {
    ids.iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn side_lines(ids: &[usize], clauses: &[Clause]) -> String {
    let first = ids.first().and_then(|&i| clauses.get(i));
    let last = ids.last().and_then(|&i| clauses.get(i));
    match (first, last) {
        (Some(a), Some(b)) if a.line == b.end_line => format!("L{}", a.line),
        (Some(a), Some(b)) => format!("L{}-{}", a.line, b.end_line),
        _ => "—".to_string(),
    }
}

/// Write the aligned pairs side by side (Chinese left, English right).
pub fn write_text(out: &mut dyn Write, view: &View, color: bool) -> io::Result<()> {
    let r = view.report;
    let (dim, bold, red, reset) = if color {
        (DIM, BOLD, RED, RESET)
    } else {
        ("", "", "", "")
    };
    writeln!(
        out,
        "{bold}{}{reset}  zh: {} clauses, en: {} clauses, {} pairs, {} findings",
        terminal_safe(&view.document_name()),
        r.zh.clauses.len(),
        r.en.clauses.len(),
        view.pairs.len(),
        view.findings.len()
    )?;
    for note in view.decoding_notes() {
        writeln!(out, "{dim}{}{reset}", terminal_safe(&note))?;
    }
    for (n, p) in view.pairs.iter().enumerate() {
        let mark = if p.zh.is_empty() || p.en.is_empty() {
            format!("{red}{}{reset}", p.kind())
        } else {
            p.kind()
        };
        writeln!(
            out,
            "{dim}── #{n} {reset}{mark}{dim} score {:.2}  zh {}  en {}{reset}",
            p.score,
            side_lines(&p.zh, &r.zh.clauses),
            side_lines(&p.en, &r.en.clauses)
        )?;
        let left = wrap(&terminal_safe(&side_text(&p.zh, &r.zh.clauses)), COLUMN);
        let right = wrap(&terminal_safe(&side_text(&p.en, &r.en.clauses)), COLUMN);
        for k in 0..left.len().max(right.len()) {
            let l = left.get(k).map_or("", String::as_str);
            let rt = right.get(k).map_or("", String::as_str);
            writeln!(out, "{} │ {}", pad(l, COLUMN), rt)?;
        }
    }
    Ok(())
}

/// Mark every occurrence of `value` in `text`: in colour (reverse video)
/// on a terminal, between ⟦ ⟧ otherwise.
fn highlight(text: &str, value: Option<&str>, color: bool) -> String {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return text.to_string();
    };
    // Values such as "不…出售" name two pieces: mark each.
    let mut out = text.to_string();
    for piece in value.split('…').map(str::trim).filter(|p| !p.is_empty()) {
        if !out.contains(piece) {
            continue;
        }
        let marked = if color {
            format!("\x1b[1;7m{piece}{RESET}")
        } else {
            format!("⟦{piece}⟧")
        };
        out = out.replace(piece, &marked);
    }
    out
}

/// The text of clauses, line range in front.
fn quoted(ids: &[usize], clauses: &[Clause]) -> Option<(String, String)> {
    let lines = side_lines(ids, clauses);
    let text = side_text(ids, clauses);
    (!text.is_empty()).then_some((lines, text))
}

/// Write the findings of a `check`, grouped by section: each with its kind,
/// severity and message, and both clauses with the differing values marked.
pub fn write_findings_text(out: &mut dyn Write, view: &View, color: bool) -> io::Result<()> {
    use crate::check::Severity;
    let r = view.report;
    let paint = |s: &str, c: &str| {
        if color {
            format!("{c}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    writeln!(
        out,
        "{}  {}",
        paint(&terminal_safe(&view.document_name()), BOLD),
        view.summary_line()
    )?;
    for note in view.decoding_notes() {
        writeln!(out, "{}", paint(&terminal_safe(&note), DIM))?;
    }
    if view.findings.is_empty() {
        return writeln!(out, "no differences found");
    }
    let section_of = |f: &crate::check::Finding| -> String {
        let zh =
            f.zh.first()
                .and_then(|&i| r.zh.clauses.get(i))
                .map(|c| c.section.as_str());
        let en =
            f.en.first()
                .and_then(|&i| r.en.clauses.get(i))
                .map(|c| c.section.as_str());
        zh.filter(|s| !s.is_empty())
            .or(en)
            .unwrap_or("")
            .to_string()
    };
    let mut current: Option<String> = None;
    for f in view.findings {
        let section = section_of(f);
        if current.as_ref() != Some(&section) {
            let title = if section.is_empty() {
                "§ (before the first numbered section)".to_string()
            } else {
                format!("§ {}", terminal_safe(&section))
            };
            writeln!(out, "\n{}", paint(&title, BOLD))?;
            current = Some(section);
        }
        let (label, c) = match f.severity {
            Severity::Error => ("error", RED),
            Severity::Warning => ("warning", YELLOW),
            Severity::Info => ("info", CYAN),
        };
        writeln!(
            out,
            "  {} {}: {}",
            paint(label, c),
            f.kind.name(),
            terminal_safe(&f.message)
        )?;
        for (lang, ids, clauses, value) in [
            ("zh", &f.zh, &r.zh.clauses, f.zh_value.as_deref()),
            ("en", &f.en, &r.en.clauses, f.en_value.as_deref()),
        ] {
            match quoted(ids, clauses) {
                Some((lines, text)) => {
                    let value = value.map(terminal_safe);
                    let marked = highlight(&terminal_safe(&text), value.as_deref(), color);
                    for (k, line) in wrap(&marked, 2 * COLUMN).into_iter().enumerate() {
                        let head = if k == 0 {
                            format!("{lang} {lines}")
                        } else {
                            String::new()
                        };
                        writeln!(out, "    {}  {line}", paint(&pad(&head, 10), DIM))?;
                    }
                }
                None => writeln!(
                    out,
                    "    {}  {}",
                    paint(&pad(lang, 10), DIM),
                    paint("(nothing)", DIM)
                )?,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_values() {
        assert_eq!(
            highlight("在15个工作日内", Some("15个工作日"), false),
            "在⟦15个工作日⟧内"
        );
        assert_eq!(
            highlight("我们不会出售", Some("不…出售"), false),
            "我们⟦不⟧会⟦出售⟧"
        );
        assert_eq!(highlight("x", None, false), "x");
    }

    #[test]
    fn wraps_by_display_width() {
        let lines = wrap("我们非常重视您的隐私以及您对我们的信任", 10);
        assert!(
            lines
                .iter()
                .all(|l| l.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() <= 10)
        );
        assert_eq!(lines.concat(), "我们非常重视您的隐私以及您对我们的信任");
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
    }
}
