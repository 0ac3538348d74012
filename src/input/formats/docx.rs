//! DOCX (Word) documents: the text of the main document part, one
//! paragraph per line.
//!
//! A DOCX file is a ZIP archive of XML parts; the one the package
//! relationships name as the office document (normally
//! `word/document.xml`) holds the body. Each `<w:p>` paragraph, in document
//! order (table cells included, so a two-column table of Chinese and English
//! reads as interleaved paragraphs), becomes one line: the text of its
//! `<w:t>` runs, `<w:tab/>` as a tab, `<w:br/>` and `<w:cr/>` as a line
//! break. Deleted text (`<w:delText>`), field codes (`<w:instrText>`) and
//! the fallback copies of drawings are not text. A paragraph inside a text
//! box becomes a line of its own, before the paragraph that holds the box.
//! Word's automatic list numbers are not in the XML and so not in the text.
//!
//! The file's bytes are compressed, so clause positions cannot point into
//! them: a DOCX source is its extracted text (lines are paragraphs, byte
//! offsets count in that text).

use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::error::Error;
use crate::input::{Format, Source};

const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Whether a ZIP archive holds a Word document.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    ZipArchive::new(Cursor::new(bytes)).is_ok_and(|zip| {
        zip.file_names()
            .any(|n| n.is_ok_and(|n| n == "word/document.xml"))
    })
}

/// Read a DOCX file's text. `limit` bounds the size of the document part
/// once decompressed (a small archive can inflate to gigabytes).
pub fn read(name: &str, bytes: &[u8], limit: u64) -> Result<Source, Error> {
    let error = |problem: String| Error::Malformed {
        file: name.to_string(),
        format: Format::Docx.name(),
        line: None,
        problem,
    };
    if !bytes.starts_with(b"PK") {
        return Err(error("not a ZIP archive (a DOCX file is one)".into()));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| error(format!("not a readable ZIP archive: {e}")))?;
    let part = main_part(&mut zip, limit).unwrap_or_else(|| "word/document.xml".to_string());
    let xml = match part_text(&mut zip, &part, limit) {
        Ok(xml) => xml,
        Err(PartError::Missing) => {
            return Err(error(format!(
                "no {part} in the archive: not a Word document"
            )));
        }
        Err(PartError::TooLarge) => {
            return Err(error(format!(
                "{part} is over the input limit of {} once decompressed",
                crate::error::human_size(limit)
            )));
        }
        Err(PartError::Broken(e)) => return Err(error(format!("{part}: {e}"))),
    };
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&xml, options)
        .map_err(|e| error(format!("{part} is not well-formed XML: {e}")))?;
    let mut lines = Vec::new();
    let body = doc
        .root_element()
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "body");
    if let Some(body) = body {
        paragraphs(body, &mut lines);
    }
    let text = lines.join("\n");
    if crate::text::is_blank(&text) {
        return Err(Error::Empty {
            file: name.to_string(),
        });
    }
    let mut source = Source::from_text(name, text);
    source.format = Format::Docx;
    Ok(source)
}

/// The main document part the package relationships name.
fn main_part(zip: &mut ZipArchive<Cursor<&[u8]>>, limit: u64) -> Option<String> {
    let rels = part_text(zip, "_rels/.rels", limit).ok()?;
    let doc = Document::parse(&rels).ok()?;
    let target = doc.descendants().find_map(|n| {
        let kind = n.attribute("Type")?;
        kind.ends_with("/officeDocument")
            .then(|| n.attribute("Target"))?
    })?;
    Some(target.trim_start_matches('/').to_string())
}

/// Why a part could not be read.
enum PartError {
    Missing,
    TooLarge,
    Broken(String),
}

/// A part of the archive as text, at most `limit` bytes once decompressed.
fn part_text(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<String, PartError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Err(PartError::Missing),
        Err(e) => return Err(PartError::Broken(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| PartError::Broken(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(PartError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| PartError::Broken("not UTF-8".into()))
}

/// Whether `node` is the WordprocessingML element `local`.
fn is_w(node: Node, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace().is_none_or(|ns| ns == MAIN_NS)
}

/// Append the lines of the paragraphs under `node`, in document order.
fn paragraphs(node: Node, lines: &mut Vec<String>) {
    for child in node.children() {
        if is_w(child, "p") {
            let mut line = String::new();
            runs(child, &mut line, lines);
            lines.push(line);
        } else if child.is_element() && !skipped(child) {
            paragraphs(child, lines);
        }
    }
}

/// Elements whose content is not text of the document: deleted runs,
/// field codes, and the fallback copy of alternate content.
fn skipped(node: Node) -> bool {
    is_w(node, "del")
        || is_w(node, "instrText")
        || is_w(node, "delText")
        || node.tag_name().name() == "Fallback"
}

/// The text of a paragraph's runs into `line`; paragraphs nested in it (in
/// text boxes) go to `lines`.
fn runs(node: Node, line: &mut String, lines: &mut Vec<String>) {
    for child in node.children() {
        if !child.is_element() || skipped(child) {
            continue;
        }
        if is_w(child, "p") {
            let mut inner = String::new();
            runs(child, &mut inner, lines);
            lines.push(inner);
        } else if is_w(child, "t") {
            line.push_str(child.text().unwrap_or(""));
        } else if is_w(child, "tab") {
            line.push('\t');
        } else if is_w(child, "br") || is_w(child, "cr") {
            line.push('\n');
        } else if is_w(child, "noBreakHyphen") {
            line.push('-');
        } else {
            runs(child, line, lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(body: &str) -> String {
        let xml = format!(
            r#"<w:document xmlns:w="{MAIN_NS}" xmlns:mc="urn:mc"><w:body>{body}</w:body></w:document>"#
        );
        let doc = Document::parse(&xml).unwrap();
        let mut lines = Vec::new();
        paragraphs(doc.root_element(), &mut lines);
        lines.join("\n")
    }

    #[test]
    fn paragraphs_runs_and_tables() {
        let body = r#"<w:p><w:r><w:t>隐私</w:t></w:r><w:r><w:t xml:space="preserve">政策 </w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>第一条</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>Article</w:t><w:tab/><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        assert_eq!(text_of(body), "隐私政策 \n第一条\nArticle\t1");
    }

    #[test]
    fn deleted_text_and_field_codes_are_not_text() {
        let body = r#"<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins>
            <w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:t>链接</w:t></w:r>
            <w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        assert_eq!(text_of(body), "新链接甲");
    }
}
