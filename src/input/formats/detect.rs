//! Which format a text is in, from its content, with the file extension as
//! a hint (see the order in [`super`]).

use super::csv;
use crate::input::Format;
use crate::input::markdown::looks_like_markdown;

/// The format a file extension suggests (without the dot, any case):
/// `po`/`pot`, `xlf`/`xliff`/`sdlxliff`/`mqxliff`, `tmx`, `csv`/`tsv`/`tab`,
/// `docx`, `html`/`htm`/`xhtml`, `md`/`markdown`; `None` for the rest
/// (`txt` included: a text file says nothing of its markup).
///
/// ```
/// use clausealign::input::{Format, formats::hint_of_extension};
///
/// assert_eq!(hint_of_extension("XLF"), Some(Format::Xliff));
/// assert_eq!(hint_of_extension("txt"), None);
/// ```
pub fn hint_of_extension(ext: &str) -> Option<Format> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "po" | "pot" => Format::Po,
        "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Format::Xliff,
        "tmx" => Format::Tmx,
        "csv" | "tsv" | "tab" => Format::Csv,
        "docx" => Format::Docx,
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ => return None,
    })
}

/// The format of a decoded text: what its content shows (XLIFF, TMX, HTML,
/// PO, a CSV header naming the languages), else `hint`, else Markdown when
/// it shows Markdown markup, else plain text.
///
/// ```
/// use clausealign::input::{Format, formats::detect};
///
/// assert_eq!(detect("<!DOCTYPE html><html><body>政策</body></html>", None), Format::Html);
/// assert_eq!(detect("msgid \"隐私\"\nmsgstr \"Privacy\"\n", None), Format::Po);
/// assert_eq!(detect("zh\ten\n隐私\tPrivacy\n", None), Format::Csv);
/// assert_eq!(detect("# 标题\n\n**粗体** 文字\n", None), Format::Markdown);
/// assert_eq!(detect("隐私政策\nPrivacy Policy\n", Some(Format::Markdown)), Format::Markdown);
/// assert_eq!(detect("隐私政策\nPrivacy Policy\n", None), Format::Text);
/// ```
pub fn detect(text: &str, hint: Option<Format>) -> Format {
    if let Some(format) = markup_root(text) {
        return format;
    }
    if is_po(text) {
        return Format::Po;
    }
    if hint.is_none_or(|h| h == Format::Csv) && csv::has_language_header(text) {
        return Format::Csv;
    }
    match hint {
        Some(hint) => hint,
        None if looks_like_markdown(text) => Format::Markdown,
        None => Format::Text,
    }
}

/// XML or HTML told by its start: the doctype or root element (`<xliff>`,
/// `<tmx>`, `<html>`, `<!DOCTYPE html>`), or a `<head>` or `<body>` near the
/// start of a text that begins with a tag. A Markdown file that starts with
/// `<p align="center">` is none of these.
fn markup_root(text: &str) -> Option<Format> {
    let mut rest = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if !rest.starts_with('<') {
        return None;
    }
    let mut cut = text.len().min(8192);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest
            .get(..9)
            .is_some_and(|d| d.eq_ignore_ascii_case("<!doctype"))
        {
            let name = rest[9..].trim_start();
            if name
                .get(..4)
                .is_some_and(|n| n.eq_ignore_ascii_case("html"))
            {
                return Some(Format::Html);
            }
            rest = &rest[rest.find('>')? + 1..];
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    match local.as_str() {
        "xliff" => Some(Format::Xliff),
        "tmx" => Some(Format::Tmx),
        "html" => Some(Format::Html),
        _ => {
            let lower = head.to_ascii_lowercase();
            (lower.contains("<head>") || lower.contains("<head ") || lower.contains("<body"))
                .then_some(Format::Html)
        }
    }
}

/// A gettext PO file: `msgid "…"` and `msgstr "…"` lines, and nothing
/// else but comments, `msgctxt`/`msgid_plural` lines and string
/// continuations.
fn is_po(text: &str) -> bool {
    let mut msgid = 0usize;
    let mut msgstr = 0usize;
    let mut other = 0usize;
    for line in text.lines().take(2000) {
        let t = line.trim_start_matches('\u{FEFF}').trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with('"') {
            continue;
        }
        match po_keyword(t) {
            Some("msgid") => msgid += 1,
            Some("msgstr") => msgstr += 1,
            Some(_) => {}
            None => other += 1,
        }
    }
    msgid > 0 && msgstr > 0 && other * 20 <= msgid
}

/// The keyword of a PO line `KEYWORD "…"` (`msgstr[1]` counts as
/// `msgstr`).
fn po_keyword(line: &str) -> Option<&'static str> {
    let word: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']'))
        .collect();
    let rest = line[word.len()..].trim_start();
    if !rest.starts_with('"') || rest.len() == line.len() - word.len() {
        return None;
    }
    let base = word.split('[').next().unwrap_or("");
    ["msgctxt", "msgid", "msgid_plural", "msgstr"]
        .into_iter()
        .find(|k| *k == base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_roots() {
        let xliff = "<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<xliff version=\"1.2\">";
        assert_eq!(detect(xliff, None), Format::Xliff);
        let tmx = "\u{FEFF}<?xml version=\"1.0\"?><!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx>";
        assert_eq!(detect(tmx, Some(Format::Html)), Format::Tmx);
        assert_eq!(detect("<html lang=\"zh\"><p>政策</p>", None), Format::Html);
        // Cuts at a character boundary whatever the text.
        assert_eq!(
            detect(&format!("<p>{}", "政".repeat(3000)), None),
            Format::Text
        );
        assert_eq!(detect("<中文文本", None), Format::Text);
        assert_eq!(
            detect("<div>\n<head><title>x</title></head>", None),
            Format::Html
        );
    }

    #[test]
    fn markdown_starting_with_a_tag_is_not_html() {
        let md = "<p align=\"left\">\n  <a href=\"zh.md\">中文</a>\n</p>\n\n# Code of Conduct\n\n## Our **Pledge**\n";
        assert_eq!(detect(md, None), Format::Markdown);
    }

    #[test]
    fn prose_mentioning_msgid_is_not_po() {
        let text = "msgid is the key.\nmsgstr is the value.\n";
        assert_eq!(detect(text, None), Format::Text);
    }
}
