//! Human text output: aligned pairs side by side, readable in a terminal.
//! Everything taken from the input (file names, clause text, the values in
//! messages) goes through [`terminal_safe`], so that escape sequences and
//! bidirectional overrides in a document cannot drive the terminal.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::View;
use crate::segment::Clause;
use crate::text::terminal_safe;

/// Width of the text views when the caller gives none (not a terminal).
pub const DEFAULT_WIDTH: usize = 100;
/// Narrowest column the views wrap to, however narrow the terminal.
const MIN_COLUMN: usize = 20;
/// Indent of a quoted clause under a finding: four spaces, the ten-column
/// `zh L12-14` head, two spaces.
const QUOTE_INDENT: usize = 16;

const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// A piece of text to wrap: an ANSI colour sequence (no width, never split),
/// or one character.
enum Piece<'a> {
    Escape(&'a str),
    Char(char),
}

/// Split `text` into colour sequences (`ESC [ … m`) and characters.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && rest[1..].starts_with('[')
            && let Some(end) = rest[2..].find(|c: char| c.is_ascii_alphabetic())
        {
            out.push(Piece::Escape(&rest[..end + 3]));
            rest = &rest[end + 3..];
            continue;
        }
        out.push(Piece::Char(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Full-width punctuation that closes a phrase: a line never starts with
/// it (the rule of Chinese typesetting), so no break goes before it.
const CLOSING: &str = "，。、；：！？）」』】》〉”’";

/// Whether a line may break between `a` and `b`: after a space, and before
/// or after a wide (Han, kana, full-width) character, which need no space
/// between words, but never before closing punctuation.
fn may_break(a: char, b: char) -> bool {
    let wide = |c: char| c.width().unwrap_or(0) > 1;
    a == ' ' || ((wide(a) || wide(b)) && b != ' ' && !CLOSING.contains(b))
}

/// Wrap `text` into lines of at most `width` display columns (Han
/// characters count two), breaking at spaces and beside wide characters;
/// a word longer than a line is cut. Colour sequences take no width; a
/// colour still on at a break is closed at the end of the line and opened
/// again on the next.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    // The current line: its pieces' text, display width, and the last
    // break opportunity (byte index, width before it, whether it is a space).
    let mut line = String::new();
    let mut w = 0;
    let mut last_break: Option<(usize, usize, bool)> = None;
    // The previous character and where it is in `line`.
    let mut prev: Option<(char, usize)> = None;
    for piece in pieces(text) {
        let c = match piece {
            Piece::Escape(e) => {
                line.push_str(e);
                continue;
            }
            Piece::Char(c) => c,
        };
        if let Some((p, at)) = prev
            && may_break(p, c)
        {
            if p == ' ' {
                last_break = Some((at, w - 1, true));
            } else {
                last_break = Some((line.len(), w, false));
            }
        }
        let cw = c.width().unwrap_or(0);
        if w + cw > width && w > 0 {
            let (head, rest) = match last_break {
                Some((at, bw, space)) if bw > 0 => {
                    let skip = if space { 1 } else { 0 };
                    let rest = line[at + skip..].to_string();
                    line.truncate(at);
                    w -= bw + skip;
                    (std::mem::take(&mut line), rest)
                }
                _ => {
                    w = 0;
                    (std::mem::take(&mut line), String::new())
                }
            };
            let open = colour_at_end(&head);
            let mut head = head;
            if open.is_some() {
                head.push_str(RESET);
            }
            lines.push(head.trim_end_matches(' ').to_string());
            line = open.unwrap_or_default() + &rest;
            last_break = None;
            if c == ' ' && w == 0 {
                // A space at the start of a line is dropped.
                prev = None;
                continue;
            }
        }
        prev = Some((c, line.len()));
        line.push(c);
        w += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The colour sequence still in force at the end of `line`, if any.
fn colour_at_end(line: &str) -> Option<String> {
    let mut colour = None;
    for piece in pieces(line) {
        if let Piece::Escape(e) = piece {
            colour = (e != RESET).then(|| e.to_string());
        }
    }
    colour
}

/// Display width of `s`, colour sequences left out.
fn display_width(s: &str) -> usize {
    pieces(s)
        .iter()
        .map(|p| match p {
            Piece::Char(c) => c.width().unwrap_or(0),
            Piece::Escape(_) => 0,
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
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

/// Write the aligned pairs side by side (Chinese left, English right), in
/// `width` display columns: two columns and a `│` between them.
pub fn write_text(out: &mut dyn Write, view: &View, color: bool, width: usize) -> io::Result<()> {
    let r = view.report;
    let column = (width.saturating_sub(3) / 2).max(MIN_COLUMN);
    let (dim, bold, red, reset) = if color {
        (DIM, BOLD, RED, RESET)
    } else {
        ("", "", "", "")
    };
    writeln!(
        out,
        "{bold}{}{reset}  zh: {}, en: {}, {}, {}",
        terminal_safe(&view.document_name()),
        counted(r.zh.clauses.len(), "clause", "clauses"),
        counted(r.en.clauses.len(), "clause", "clauses"),
        counted(view.pairs.len(), "pair", "pairs"),
        if view.checked {
            counted(view.findings.len(), "finding", "findings")
        } else {
            "differences not checked".to_string()
        }
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
        let left = wrap(&terminal_safe(&side_text(&p.zh, &r.zh.clauses)), column);
        let right = wrap(&terminal_safe(&side_text(&p.en, &r.en.clauses)), column);
        for k in 0..left.len().max(right.len()) {
            let l = left.get(k).map_or("", String::as_str);
            let rt = right.get(k).map_or("", String::as_str);
            let line = format!("{} │ {}", pad(l, column), rt);
            writeln!(out, "{}", line.trim_end())?;
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

/// The clauses of one side (`zh` or not) aligned with the other side's
/// clauses of a finding that names clauses of the other side only.
fn aligned_with(r: &crate::model::Report, f: &crate::check::Finding, zh: bool) -> Vec<usize> {
    let theirs = if zh { &f.en } else { &f.zh };
    let mut out: Vec<usize> = r
        .pairs
        .iter()
        .filter(|p| {
            let other = if zh { &p.en } else { &p.zh };
            other.iter().any(|id| theirs.contains(id))
        })
        .flat_map(|p| if zh { p.zh.clone() } else { p.en.clone() })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// "1 finding", "2 findings".
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Write the findings of a `check`, grouped by section: each with its kind,
/// severity and message, and both clauses with the differing values marked,
/// wrapped to `width` display columns.
pub fn write_findings_text(
    out: &mut dyn Write,
    view: &View,
    color: bool,
    width: usize,
) -> io::Result<()> {
    use crate::check::Severity;
    let r = view.report;
    let quote_width = width.saturating_sub(QUOTE_INDENT).max(MIN_COLUMN);
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
        // The message wraps under itself, indented past the severity.
        let heading = format!(
            "{} {}: {}",
            paint(label, c),
            f.kind.name(),
            terminal_safe(&f.message)
        );
        for (k, line) in wrap(&heading, width.saturating_sub(4).max(MIN_COLUMN))
            .into_iter()
            .enumerate()
        {
            writeln!(out, "{}{line}", if k == 0 { "  " } else { "    " })?;
        }
        for (lang, ids, clauses, value) in [
            ("zh", &f.zh, &r.zh.clauses, f.zh_value.as_deref()),
            ("en", &f.en, &r.en.clauses, f.en_value.as_deref()),
        ] {
            // A finding on one side only (text the other version does not
            // translate) shows the other side's clauses aligned with it, so
            // the reviewer reads what is there instead of "(nothing)".
            let aligned;
            let (ids, lead) = if ids.is_empty() {
                aligned = aligned_with(r, f, lang == "zh");
                (&aligned, "(aligned text, which lacks it) ")
            } else {
                (ids, "")
            };
            match quoted(ids, clauses) {
                Some((lines, text)) => {
                    let text = format!("{lead}{text}");
                    let value = value.map(terminal_safe);
                    let marked = highlight(&terminal_safe(&text), value.as_deref(), color);
                    for (k, line) in wrap(&marked, quote_width).into_iter().enumerate() {
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
        } // The id a baseline or a reviewer's note refers to.
        writeln!(
            out,
            "    {}  {}",
            paint(&pad("id", 10), DIM),
            paint(&f.id, DIM)
        )?;
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
        // A word longer than the line is cut; short words never are.
        assert_eq!(wrap("a verylongword b", 6), ["a", "verylo", "ngword", "b"]);
        // Between Han characters and words a line may break without a space.
        assert_eq!(wrap("欢迎访问MHZ网站", 10), ["欢迎访问", "MHZ网站"]);
        assert_eq!(
            wrap("我们使用Amazon Web Services", 12),
            ["我们使用", "Amazon Web", "Services"]
        );
        assert_eq!(wrap("", 10), [""]);
        // Closing punctuation stays with the word before it.
        assert_eq!(
            wrap("我们收集信息。您同意", 12),
            ["我们收集信", "息。您同意"]
        );
    }

    #[test]
    fn wrapping_keeps_colour_and_ignores_its_width() {
        let marked = format!("We {}may share{} it", "\x1b[1;7m", RESET);
        // The escapes take no columns: the whole text fits in 15.
        assert_eq!(wrap(&marked, 15), std::slice::from_ref(&marked));
        // A colour on at a break is closed, then opened on the next line.
        let lines = wrap(&marked, 7);
        assert_eq!(
            lines,
            [
                format!("We {}may{}", "\x1b[1;7m", RESET),
                format!("{}share{}", "\x1b[1;7m", RESET),
                "it".to_string(),
            ]
        );
        assert!(lines.iter().all(|l| display_width(l) <= 7));
    }

    #[test]
    fn counts_in_the_singular() {
        assert_eq!(counted(1, "finding", "findings"), "1 finding");
        assert_eq!(counted(0, "finding", "findings"), "0 findings");
        assert_eq!(counted(2, "error", "errors"), "2 errors");
    }
}
