//! What XLIFF and TMX share: parsing (roxmltree, which reports broken XML
//! with its line), and the text of an element with its inline codes left
//! out and every character mapped to its place in the file.
//!
//! The element's text is read from the file's own characters rather than
//! from the parsed tree, so that each character keeps its offset: character
//! references (`&amp;`, `&#x4E2D;`) and CDATA sections are decoded in place.

use std::ops::Range;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Mapped, malformed};
use crate::error::Error;
use crate::input::{Format, Source};

/// Parse the decoded text of `source` as XML. A DTD is allowed (TMX files
/// name one) but never fetched.
pub(crate) fn parse(source: &Source, format: Format) -> Result<Document<'_>, Error> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(&source.text, options).map_err(|e| {
        let pos = e.pos();
        Error::Malformed {
            file: source.name.clone(),
            format: format.name(),
            line: Some(source.line_of(line_start(&source.text, pos.row as usize))),
            problem: format!("not well-formed XML: {e}"),
        }
    })
}

/// Byte offset where 1-based line `row` of `text` starts.
fn line_start(text: &str, row: usize) -> usize {
    if row <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(row - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// Inline elements whose content is native code (a tag, a placeholder's
/// original form), never text: XLIFF 1.2 and TMX `<ph>`, `<bpt>`, `<ept>`,
/// `<it>`, TMX `<ut>`. The text inside every other inline element (`<g>`,
/// `<pc>`, `<mrk>`, `<hi>`) is kept; empty ones (`<x/>`, `<bx/>`, `<sc/>`)
/// hold nothing.
const CODE_ELEMENTS: [&str; 5] = ["ph", "bpt", "ept", "it", "ut"];

/// Whether `node` is an element with local name `local`, whatever its
/// namespace.
pub(crate) fn is(node: Node, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local
}

/// Punctuation that takes no space before it, once the code that stood
/// before it is removed.
pub(crate) const PUNCTUATION: [char; 7] = [',', '.', ';', ':', '!', '?', ')'];

/// The first child element of `node` with local name `local`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|&c| is(c, local))
}

/// The 1-based file line where `node` starts.
pub(crate) fn line_of(source: &Source, node: Node) -> usize {
    source.line_of(node.range().start)
}

/// The text of element `node` (its content, inline codes left out), with
/// positions in the decoded file text. Line breaks and tabs become spaces
/// unless the element or an ancestor says `xml:space="preserve"`.
pub(crate) fn text_of(text: &str, node: Node) -> Mapped {
    let preserve = node
        .ancestors()
        .find_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "space")))
        == Some("preserve");
    let mut out = Mapped::default();
    content(text, content_range(text, node), preserve, &mut out);
    out
}

/// The bytes between an element's start tag and its end tag.
fn content_range(text: &str, node: Node) -> Range<usize> {
    let r = node.range();
    let open_end = tag_end(text, r.start).min(r.end);
    if text[..open_end].ends_with("/>") {
        return open_end..open_end;
    }
    let close = text[open_end..r.end]
        .rfind("</")
        .map_or(r.end, |i| open_end + i);
    open_end..close
}

/// Offset just past the `>` of the tag that starts at `start` (quotes in
/// attribute values may hold `>`).
fn tag_end(text: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return start + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Copy the character data of `range` into `out`, leaving out tags,
/// comments, processing instructions and the content of code elements.
fn content(text: &str, range: Range<usize>, preserve: bool, out: &mut Mapped) {
    let mut i = range.start;
    let end = range.end;
    // Depth inside code elements whose content is dropped.
    let mut dropping = 0usize;
    while i < end {
        let next = text[i..end].find(['<', '&']).map_or(end, |k| i + k);
        if dropping == 0 {
            push_chars(&text[i..next], i, preserve, out);
        }
        i = next;
        if i >= end {
            break;
        }
        let rest = &text[i..end];
        if rest.starts_with('&') {
            match reference(rest) {
                Some((len, c)) => {
                    if dropping == 0 {
                        out.push_char(c, i);
                    }
                    i += len;
                }
                None => {
                    // A reference to an entity of the DTD: kept as written.
                    if dropping == 0 {
                        out.push_run("&", i);
                    }
                    i += 1;
                }
            }
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let len = body.find("]]>").unwrap_or(body.len());
            if dropping == 0 {
                push_chars(&body[..len], i + 9, preserve, out);
            }
            i += 9 + len + 3;
        } else if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |k| k + 3);
        } else if rest.starts_with("<?") {
            i += rest.find("?>").map_or(rest.len(), |k| k + 2);
        } else {
            let close = tag_end(text, i).min(end);
            let tag = &text[i..close];
            let closing = tag.starts_with("</");
            let empty = tag.ends_with("/>");
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
                .collect();
            let local = name.rsplit(':').next().unwrap_or("");
            let mut code_ends = empty;
            if CODE_ELEMENTS.contains(&local) && !empty {
                if closing {
                    dropping = dropping.saturating_sub(1);
                    code_ends = true;
                } else {
                    dropping += 1;
                }
            } else if local == "cp" && dropping == 0 {
                // XLIFF 2 `<cp hex="0007"/>`: a character XML cannot hold.
                if let Some(c) = cp_char(tag) {
                    out.push_char(c, i);
                }
                code_ends = false;
            }
            i = close;
            // `Hello <ph/>, you` reads `Hello, you`, not `Hello , you`.
            if code_ends && dropping == 0 && text[i..end].starts_with(PUNCTUATION) {
                out.pop_space();
            }
        }
    }
}

/// Copy character data, turning line breaks and tabs into spaces unless
/// white space is preserved.
fn push_chars(s: &str, at: usize, preserve: bool, out: &mut Mapped) {
    if preserve || !s.contains(['\n', '\r', '\t']) {
        out.push_run(s, at);
        return;
    }
    let mut from = 0;
    for (k, c) in s.char_indices() {
        if matches!(c, '\n' | '\r' | '\t') {
            out.push_run(&s[from..k], at + from);
            out.push_char(' ', at + k);
            from = k + 1;
        }
    }
    out.push_run(&s[from..], at + from);
}

/// A character or predefined entity reference at the start of `s`: its
/// length and character.
fn reference(s: &str) -> Option<(usize, char)> {
    let end = s.get(..16).unwrap_or(s).find(';')?;
    let name = &s[1..end];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((end + 1, c))
}

/// The character of `<cp hex="…"/>`.
fn cp_char(tag: &str) -> Option<char> {
    let at = tag.find("hex=")? + 4;
    let quote = tag[at..].chars().next()?;
    let value = tag[at + quote.len_utf8()..].split(quote).next()?;
    char::from_u32(u32::from_str_radix(value, 16).ok()?)
}

/// The error for an XML file whose structure is not what `format` needs;
/// `node` says where.
pub(crate) fn structure_error(
    source: &Source,
    format: Format,
    node: Option<Node>,
    problem: impl Into<String>,
) -> Error {
    malformed(source, format, node.map(|n| n.range().start), problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(xml: &str) -> (String, Vec<(usize, usize)>) {
        let doc = Document::parse(xml).unwrap();
        let node = doc.descendants().find(|n| n.has_tag_name("seg")).unwrap();
        let m = text_of(xml, node);
        (m.text, m.points)
    }

    #[test]
    fn codes_are_left_out_and_text_kept() {
        let xml = r#"<seg>点击<bpt i="1">&lt;a href="x"&gt;</bpt>这里<ept i="1">&lt;/a&gt;</ept><ph x="2">%s</ph>。<x id="3"/><g id="4">粗体</g></seg>"#;
        assert_eq!(seg(xml).0, "点击这里。粗体");
        let xml = r#"<seg>Hello <ph x="1">{user}</ph>, see <x id="2"/>.</seg>"#;
        assert_eq!(seg(xml).0, "Hello, see.");
    }

    #[test]
    fn references_cdata_and_spaces() {
        let xml = "<seg>A &amp; B&#x4E2D;\n  <![CDATA[<c>]]> <!-- no --><cp hex=\"2014\"/></seg>";
        assert_eq!(seg(xml).0, "A & B中   <c> —");
        let kept = "<seg xml:space=\"preserve\">a\nb</seg>";
        assert_eq!(seg(kept).0, "a\nb");
    }

    #[test]
    fn positions_point_into_the_file() {
        let xml = "<tu><seg>Tom &amp; Jerry 中文</seg></tu>";
        let (text, points) = seg(xml);
        let back = |t: usize| {
            let i = points.partition_point(|&(o, _)| o <= t);
            let (o, s) = points[i - 1];
            s + (t - o)
        };
        for word in ["Tom", "Jerry", "中文"] {
            let t = text.find(word).unwrap();
            assert_eq!(&xml[back(t)..back(t) + word.len()], word);
        }
        assert_eq!(&xml[back(4)..back(4) + 5], "&amp;");
    }

    #[test]
    fn empty_element() {
        let xml = "<tu><seg/></tu>";
        assert_eq!(seg(xml).0, "");
    }
}
