//! Input formats: which one a file is in, and reading the structured ones.
//!
//! A file is read as one of the [`Format`]s. Unless the caller forces one
//! ([`ReadOptions::format`](crate::input::ReadOptions::format), the CLI's
//! `--input-format`), its content decides ([`detect`]), with the file
//! extension as a hint where the content does not say:
//!
//! * a ZIP archive holding `word/document.xml` is a DOCX document
//!   ([`docx`]): its paragraphs, one per line, are the text;
//! * XML whose root element is `<xliff>` or `<tmx>` is XLIFF or TMX, a page
//!   with an HTML doctype, an `<html>` root or a `<head>`/`<body>` is HTML;
//! * lines of `msgid "…"` and `msgstr "…"` are a gettext PO file;
//! * a first row naming a Chinese and an English column (`zh,en`,
//!   `中文<TAB>English`) is a CSV or TSV sheet;
//! * otherwise the extension decides (`.po`, `.xlf`, `.tmx`, `.csv`, `.tsv`,
//!   `.docx`, `.html`, `.md`), and a text without a telling extension is
//!   Markdown when its content shows Markdown markup, else plain text.
//!
//! PO, XLIFF, TMX and CSV are *pre-paired*: the file itself pairs each
//! Chinese text with its English counterpart (an entry, a unit or segment,
//! a `<tu>`, a row). They are read into a [`Paired`] document and checked
//! pair by pair, never re-aligned; what the file says of a unit
//! (untranslated, fuzzy) is kept as its [`UnitStatus`]. Inline markup in a
//! unit's text is not content: XML inline codes (`<ph>`, `<bpt>`, `<x/>`;
//! the text inside `<g>`, `<pc>`, `<mrk>` and `<hi>` is kept), HTML tags and
//! Markdown markup (`<span …>`, `**`, links) and placeholders (`%s`, `%1$d`,
//! `%(name)s`, `{0}`, `{name}`) are removed from the clause text, the way
//! [`super::markdown`] removes Markdown markup. Every character left keeps
//! its position in the file, so clause lines and byte offsets point into
//! the PO, XLIFF, TMX or CSV file.

mod codes;
mod csv;
mod detect;
pub mod docx;
mod po;
mod tmx;
mod xliff;
mod xml;

use std::ops::Range;
use std::sync::Arc;

use super::source::{Encoding, Format, Source};
use super::{DocumentInput, ReadOptions, decode, markdown};
use crate::error::Error;
use crate::lang::{Lang, ScriptCounts};

pub use csv::Columns;
pub use detect::{detect, hint_of_extension};

/// What a pre-paired file says of one of its units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitStatus {
    /// Translated, as far as the file says.
    Translated,
    /// Not translated: no target, an empty one, or a state that says so.
    /// The text says why (`msgstr is empty`, `state is needs-translation`).
    Untranslated(String),
    /// Translated, but marked as not final: a gettext fuzzy entry, an XLIFF
    /// state asking for review. The text says which mark.
    Fuzzy(String),
}

/// One unit of a pre-paired file, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairedUnit {
    /// How the file names the unit: `entry at line 12`, `trans-unit "intro"`,
    /// `tu at line 40`, `row at line 7`.
    pub name: String,
    /// What the file says of it.
    pub status: UnitStatus,
    /// Its Chinese text: a byte range of [`Paired::zh`]'s text (empty when
    /// the unit has none).
    pub zh: Range<usize>,
    /// Its English text: a byte range of [`Paired::en`]'s text.
    pub en: Range<usize>,
}

impl PairedUnit {
    /// The range of one language's text.
    pub fn range(&self, lang: Lang) -> Range<usize> {
        match lang {
            Lang::Zh => self.zh.clone(),
            Lang::En => self.en.clone(),
        }
    }
}

/// A pre-paired file, read: the Chinese texts of its units as one
/// [`Source`], the English texts as another, and the units.
///
/// Each side's text holds the units' texts in file order, markup removed,
/// each unit on lines of its own, with a line holding only the separator
/// [`UNIT_SEPARATOR`] between two units (so that no paragraph runs from one
/// unit into the next). Both sources map back to the file.
#[derive(Clone, Debug)]
pub struct Paired {
    /// The format the file was read as.
    pub format: Format,
    /// The Chinese texts.
    pub zh: Arc<Source>,
    /// The English texts.
    pub en: Arc<Source>,
    /// The units in file order.
    pub units: Vec<PairedUnit>,
}

impl Paired {
    /// The source of one language.
    pub fn source(&self, lang: Lang) -> &Arc<Source> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The character on the line between two units in a [`Paired`] side text
/// (U+001E, the ASCII record separator): not white space, so the segmenter
/// never joins lines across it, and never part of a clause.
pub const UNIT_SEPARATOR: char = '\u{1E}';

/// Read a file's bytes as a document: a bilingual text, or a pre-paired
/// file. `hint` is the format the file name suggests
/// ([`hint_of_extension`]); `opts.format` forces one.
pub fn read_document(
    name: &str,
    bytes: &[u8],
    hint: Option<Format>,
    opts: &ReadOptions,
) -> Result<DocumentInput, Error> {
    let read = read_any(name, bytes, hint, opts)?;
    Ok(match read {
        Read::One(source) => DocumentInput::One(Arc::new(source)),
        Read::Paired(paired) => DocumentInput::Paired(Arc::new(paired)),
    })
}

/// Read a file's bytes as one language's version (one [`Source`]): a
/// pre-paired file is refused with [`Error::PairedFile`].
pub fn read_source(
    name: &str,
    bytes: &[u8],
    hint: Option<Format>,
    opts: &ReadOptions,
) -> Result<Source, Error> {
    match read_any(name, bytes, hint, opts)? {
        Read::One(source) => Ok(source),
        Read::Paired(paired) => Err(Error::PairedFile {
            file: name.to_string(),
            format: paired.format.name(),
        }),
    }
}

/// A text handed over as a string, holding both languages: detected like
/// a file without extension.
pub fn document_from_text(name: &str, text: &str) -> Result<DocumentInput, Error> {
    let source = super::from_text_plain(name, text)?;
    Ok(match detect(&source.text, None) {
        Format::Text => DocumentInput::One(Arc::new(source)),
        format => match markup(source, format)? {
            Read::One(s) => DocumentInput::One(Arc::new(s)),
            Read::Paired(p) => DocumentInput::Paired(Arc::new(p)),
        },
    })
}

/// What a file was read as.
enum Read {
    One(Source),
    Paired(Paired),
}

fn read_any(
    name: &str,
    bytes: &[u8],
    hint: Option<Format>,
    opts: &ReadOptions,
) -> Result<Read, Error> {
    let forced = opts.format;
    // A ZIP archive is a DOCX document when it holds one, or when it is
    // named or forced so (then a broken one gets a DOCX error).
    let zip = bytes.starts_with(b"PK");
    let docx = match forced {
        Some(format) => format == Format::Docx,
        None => zip && (hint == Some(Format::Docx) || docx::is_docx(bytes)),
    };
    if docx {
        return docx::read(name, bytes, opts.max_bytes).map(Read::One);
    }
    let source = decode(name, bytes, Format::Text)?;
    let format = forced.unwrap_or_else(|| detect(&source.text, hint));
    match format {
        Format::Csv => csv::read(&source, opts.columns.as_ref()).map(Read::Paired),
        _ => markup(source, format),
    }
}

/// Read a decoded text as `format`.
fn markup(source: Source, format: Format) -> Result<Read, Error> {
    Ok(match format {
        Format::Text => Read::One(source),
        Format::Markdown => Read::One(markdown::extract(&source)),
        Format::Html => Read::One(super::decode::html_page(&source)?),
        Format::Docx => {
            return Err(malformed(
                &source,
                Format::Docx,
                None,
                "not a ZIP archive (a DOCX file is one)",
            ));
        }
        Format::Po => Read::Paired(po::read(&source)?),
        Format::Xliff => Read::Paired(xliff::read(&source)?),
        Format::Tmx => Read::Paired(tmx::read(&source)?),
        Format::Csv => Read::Paired(csv::read(&source, None)?),
    })
}

/// The error for a file that is not valid `format`; `at` is an offset in
/// the decoded text, for the line.
pub(crate) fn malformed(
    source: &Source,
    format: Format,
    at: Option<usize>,
    problem: impl Into<String>,
) -> Error {
    Error::Malformed {
        file: source.name.clone(),
        format: format.name(),
        line: at.map(|at| source.line_of(at)),
        problem: problem.into(),
    }
}

/// Text built from pieces of a decoded source, with break points
/// `(text offset, source text offset)`: from each point on, text and source
/// advance together until the next point.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mapped {
    pub(crate) text: String,
    pub(crate) points: Vec<(usize, usize)>,
}

impl Mapped {
    /// Copy `s`, which is the source text at offset `at`.
    pub(crate) fn push_run(&mut self, s: &str, at: usize) {
        if s.is_empty() {
            return;
        }
        let here = self.text.len();
        let continues = self
            .points
            .last()
            .is_some_and(|&(t, a)| a + (here - t) == at);
        if !continues {
            self.points.push((here, at));
        }
        self.text.push_str(s);
    }

    /// Write `c`, which stands for the source text at offset `at` (an
    /// escape, a reference, a replaced character).
    pub(crate) fn push_char(&mut self, c: char, at: usize) {
        self.points.push((self.text.len(), at));
        self.text.push(c);
    }

    /// Drop a space at the end of the text (left before a removed code).
    pub(crate) fn pop_space(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            let len = self.text.len();
            while self.points.last().is_some_and(|&(t, _)| t > len) {
                self.points.pop();
            }
        }
    }

    /// Whether the text is only white space and invisible characters.
    pub(crate) fn is_blank(&self) -> bool {
        crate::text::is_blank(&self.text)
    }

    /// The source offset of text offset `t`.
    fn source_offset(&self, t: usize) -> usize {
        offset_through(&self.points, t)
    }
}

/// Map offset `t` through break points (see [`Mapped`]).
fn offset_through(points: &[(usize, usize)], t: usize) -> usize {
    let i = points.partition_point(|&(p, _)| p <= t);
    match i.checked_sub(1).map(|k| points[k]) {
        Some((p, a)) => a + (t - p),
        None => t,
    }
}

/// Break points `a` (output to middle) followed by `b` (middle to input):
/// the break points from output to input.
pub(crate) fn compose(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    for (k, &(o, m)) in a.iter().enumerate() {
        out.push((o, offset_through(b, m)));
        let end = a.get(k + 1).map_or(usize::MAX, |&(next, _)| m + (next - o));
        let first = b.partition_point(|&(t, _)| t <= m);
        for &(t, i) in b[first..].iter().take_while(|&&(t, _)| t < end) {
            out.push((o + (t - m), i));
        }
    }
    out
}

/// Break points from a text derived from `source`'s text to the file:
/// `points` go from the derived text (`text`) to `source.text`. A UTF-8
/// file is its text shifted by a BOM at most; for other encodings every
/// character gets its own point, since one character of the text may stand
/// for two or four bytes of the file.
pub(crate) fn file_points(
    source: &Source,
    text: &str,
    points: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let shifted = matches!(source.encoding, Encoding::Utf8 | Encoding::Utf8Bom)
        && source.format == Format::Text;
    if shifted {
        return points
            .iter()
            .map(|&(t, s)| (t, source.file_offset(s)))
            .collect();
    }
    let mut out = Vec::with_capacity(text.len() / 2 + points.len());
    for (k, &(t, s)) in points.iter().enumerate() {
        let end = points.get(k + 1).map_or(text.len(), |&(next, _)| next);
        let Some(piece) = text.get(t..end.max(t)) else {
            continue;
        };
        out.push((t, source.file_offset(s)));
        for (i, _) in piece.char_indices().skip(1) {
            out.push((t + i, source.file_offset(s + i)));
        }
    }
    // The end of the text is the end of its last character in the file.
    out.push((
        text.len(),
        source.file_offset(offset_through(points, text.len())),
    ));
    out
}

/// One unit as a parser reads it: two texts in the file's order (source,
/// then target), with positions in the decoded file text.
#[derive(Debug)]
pub(crate) struct RawUnit {
    pub(crate) name: String,
    pub(crate) status: UnitStatus,
    pub(crate) texts: [Mapped; 2],
}

/// Which language each of a file's two sides is in.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Sides {
    /// The file says: the languages of its first and second side.
    Declared(Lang, Lang),
    /// The file does not say: decide by the script of the texts.
    Unknown,
}

/// The language a language code names: `zh`, `zh-CN`, `zh_Hant` are
/// Chinese, `en`, `en-US` English; anything else none.
pub(crate) fn lang_of_code(code: &str) -> Option<Lang> {
    let code = code.trim().to_ascii_lowercase();
    let primary = code.split(['-', '_']).next().unwrap_or("");
    match primary {
        "zh" | "cmn" | "yue" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Build the [`Paired`] document of a file's units.
pub(crate) fn assemble(
    file: &Source,
    format: Format,
    units: Vec<RawUnit>,
    sides: Sides,
) -> Result<Paired, Error> {
    if units.is_empty() {
        return Err(malformed(file, format, None, "it holds no units to check"));
    }
    let first = match sides {
        Sides::Declared(a, b) if a != b => a,
        Sides::Declared(a, _) => {
            return Err(malformed(
                file,
                format,
                None,
                format!("both sides are declared {}", a.name()),
            ));
        }
        Sides::Unknown => first_side_language(file, format, &units)?,
    };
    let mut zh = SideText::default();
    let mut en = SideText::default();
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        let [a, b] = unit.texts;
        let (z, e) = if first == Lang::Zh { (a, b) } else { (b, a) };
        out.push(PairedUnit {
            name: unit.name,
            status: unit.status,
            zh: zh.add(z),
            en: en.add(e),
        });
    }
    Ok(Paired {
        format,
        zh: Arc::new(zh.finish(file, format)),
        en: Arc::new(en.finish(file, format)),
        units: out,
    })
}

/// The language of the first side of a file that does not declare its
/// languages: the side with the larger share of Han characters is Chinese.
fn first_side_language(file: &Source, format: Format, units: &[RawUnit]) -> Result<Lang, Error> {
    let mut counts = [ScriptCounts::default(), ScriptCounts::default()];
    for unit in units {
        for (c, text) in counts.iter_mut().zip(&unit.texts) {
            let s = ScriptCounts::of(&text.text);
            c.han += s.han;
            c.latin += s.latin;
        }
    }
    let han_share = |c: &ScriptCounts| c.han as f64 / (c.han + c.latin).max(1) as f64;
    let (a, b) = (han_share(&counts[0]), han_share(&counts[1]));
    if counts[0].han + counts[1].han == 0 {
        return Err(malformed(
            file,
            format,
            None,
            "no Chinese text on either side",
        ));
    }
    if counts[0].latin + counts[1].latin == 0 {
        return Err(malformed(
            file,
            format,
            None,
            "no English text on either side",
        ));
    }
    Ok(if a >= b { Lang::Zh } else { Lang::En })
}

/// One language's text of a pre-paired file, growing unit by unit.
#[derive(Default)]
struct SideText {
    text: Mapped,
    units: usize,
}

impl SideText {
    /// Add one unit's text (markup removed); returns its range.
    fn add(&mut self, raw: Mapped) -> Range<usize> {
        if self.units > 0 {
            // The separator stands where the previous unit's text ends, so
            // that a clause ending with its unit ends there in the file.
            let at = self.text.source_offset(self.text.text.len());
            self.text.push_char('\n', at);
            self.text.push_char(UNIT_SEPARATOR, at);
            self.text.push_char('\n', at);
        }
        self.units += 1;
        let clean = strip_markup(&raw);
        let start = self.text.text.len();
        for (k, &(t, s)) in clean.points.iter().enumerate() {
            let end = clean
                .points
                .get(k + 1)
                .map_or(clean.text.len(), |&(next, _)| next.min(clean.text.len()));
            if let Some(piece) = clean.text.get(t..end.max(t)) {
                // Each piece is contiguous in the source: copy with its point.
                self.text.points.push((self.text.text.len(), s));
                self.text.text.push_str(piece);
            }
        }
        start..self.text.text.len()
    }

    fn finish(self, file: &Source, format: Format) -> Source {
        let Mapped { text, points } = self.text;
        let map = file_points(file, &text, &points);
        file.derived(text, format, map)
    }
}

/// A unit's text without its inline markup: placeholders and codes
/// ([`codes`]), then HTML and Markdown markup ([`markdown::strip`]), with
/// break points into the source text. Line breaks inside the unit stay.
fn strip_markup(raw: &Mapped) -> Mapped {
    let (plain, to_raw) = codes::strip(&raw.text);
    let (text, to_plain) = markdown::strip(&plain);
    let to_raw = compose(&to_plain, &to_raw);
    let points = compose(&to_raw, &raw.points);
    let mut out = Mapped {
        text,
        points: Vec::with_capacity(points.len()),
    };
    // Of several points at one offset the last one holds.
    for p in points {
        match out.points.last_mut() {
            Some(last) if last.0 == p.0 => *last = p,
            _ => out.points.push(p),
        }
    }
    // Markup removed at the end leaves points past the end of the text.
    let len = out.text.len();
    out.points.retain(|&(t, _)| t <= len);
    if out.points.first().is_none_or(|&(t, _)| t != 0) {
        let first = raw.source_offset(0);
        out.points.insert(0, (0, first));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_follows_both_maps() {
        // "ab" + "cd" from two places; then a map that drops nothing.
        let b = vec![(0, 10), (2, 50)];
        let a = vec![(0, 0)];
        assert_eq!(compose(&a, &b), vec![(0, 10), (2, 50)]);
        // Output "xcd" where "x" stands for middle 1, "cd" is middle 2..4.
        let a = vec![(0, 1), (1, 2)];
        let c = compose(&a, &b);
        assert_eq!(offset_through(&c, 0), 11);
        assert_eq!(offset_through(&c, 1), 50);
        assert_eq!(offset_through(&c, 2), 51);
    }

    #[test]
    fn language_codes() {
        assert_eq!(lang_of_code("zh-CN"), Some(Lang::Zh));
        assert_eq!(lang_of_code("zh_Hant_TW"), Some(Lang::Zh));
        assert_eq!(lang_of_code("EN-us"), Some(Lang::En));
        assert_eq!(lang_of_code("fr"), None);
    }

    #[test]
    fn strip_markup_keeps_positions() {
        let mut raw = Mapped::default();
        raw.push_run("点击 <b>", 100);
        raw.push_char('&', 200);
        raw.push_run(" %s 这里", 300);
        let clean = strip_markup(&raw);
        assert_eq!(clean.text, "点击 &  这里");
        let at = clean.text.find("这里").unwrap();
        assert_eq!(offset_through(&clean.points, at), 300 + " %s ".len());
        let amp = clean.text.find('&').unwrap();
        assert_eq!(offset_through(&clean.points, amp), 200);
    }

    #[test]
    fn markup_at_the_end_of_a_unit_keeps_its_text() {
        let mut raw = Mapped::default();
        raw.push_run("我们不会出售。<b>%s</b>", 100);
        let clean = strip_markup(&raw);
        assert_eq!(clean.text, "我们不会出售。");
        assert!(clean.points.iter().all(|&(t, _)| t <= clean.text.len()));
        let mut side = SideText::default();
        let range = side.add(raw);
        assert_eq!(&side.text.text[range], "我们不会出售。");
    }
}
