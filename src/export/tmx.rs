//! TMX 1.4b output: a translation memory of the aligned pairs.
//!
//! One `<tu>` per pair that has text on both sides (a clause without
//! counterpart is no translation unit), Chinese as `zh-CN` (the source
//! language), English as `en`. Text is XML-escaped; characters XML 1.0
//! forbids (C0 controls other than tab, line feed and carriage return, and
//! U+FFFE/U+FFFF) are dropped.

use std::io::{self, Write};

use super::{Granularity, View};
use crate::segment::Clause;

/// The `xml:lang` of the Chinese side (also the `srclang` of the header).
pub const TMX_ZH_LANG: &str = "zh-CN";
/// The `xml:lang` of the English side.
pub const TMX_EN_LANG: &str = "en";

/// Whether XML 1.0 allows `c` in a document.
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Append `s` to `out`, escaped for XML text or attribute values; characters
/// XML 1.0 forbids are dropped, a carriage return is kept as `&#xD;` (a parser
/// would otherwise turn it into a line feed).
pub fn xml_escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#xD;"),
            c if xml_allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` escaped for XML: markup characters as entities, characters XML 1.0
/// forbids dropped, a carriage return as `&#xD;`.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    xml_escape_into(s, &mut out);
    out
}

fn side_text(ids: &[usize], clauses: &[Clause]) -> String {
    ids.iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write the pairs of `view` as a TMX 1.4b document. `segtype` is `sentence`
/// for clause-level pairs and `paragraph` for whole-line pairs.
pub fn write_tmx(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let segtype = match view.granularity {
        Granularity::Clauses => "sentence",
        Granularity::Lines => "paragraph",
    };
    let r = view.report;
    let mut buf = String::with_capacity(4096);
    buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    buf.push_str("  <header creationtool=\"clausealign\" creationtoolversion=\"");
    xml_escape_into(env!("CARGO_PKG_VERSION"), &mut buf);
    buf.push_str("\" segtype=\"");
    buf.push_str(segtype);
    buf.push_str("\" o-tmf=\"clausealign\" adminlang=\"en\" srclang=\"");
    buf.push_str(TMX_ZH_LANG);
    buf.push_str("\" datatype=\"plaintext\">\n    <prop type=\"x-zh-file\">");
    xml_escape_into(&r.zh.source.name, &mut buf);
    buf.push_str("</prop>\n    <prop type=\"x-en-file\">");
    xml_escape_into(&r.en.source.name, &mut buf);
    buf.push_str("</prop>\n  </header>\n  <body>\n");
    out.write_all(buf.as_bytes())?;
    for (n, p) in view.pairs.iter().enumerate() {
        let zh = side_text(&p.zh, &r.zh.clauses);
        let en = side_text(&p.en, &r.en.clauses);
        if zh.trim().is_empty() || en.trim().is_empty() {
            continue;
        }
        buf.clear();
        buf.push_str("    <tu tuid=\"");
        buf.push_str(&n.to_string());
        buf.push_str("\">\n      <prop type=\"x-score\">");
        buf.push_str(&format!("{:.3}", p.score));
        buf.push_str("</prop>\n      <tuv xml:lang=\"");
        buf.push_str(TMX_ZH_LANG);
        buf.push_str("\"><seg>");
        xml_escape_into(&zh, &mut buf);
        buf.push_str("</seg></tuv>\n      <tuv xml:lang=\"");
        buf.push_str(TMX_EN_LANG);
        buf.push_str("\"><seg>");
        xml_escape_into(&en, &mut buf);
        buf.push_str("</seg></tuv>\n    </tu>\n");
        out.write_all(buf.as_bytes())?;
    }
    out.write_all(b"  </body>\n</tmx>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{0}\u{1}\u{b}\u{FFFE}\t\r\n中"),
            "a&lt;b&gt;&amp;&quot;c&apos;\t&#xD;\n中"
        );
    }
}
