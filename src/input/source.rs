//! A decoded input: its text, and the way back from text offsets to the
//! bytes and lines of the file it came from.

/// How the bytes of a file were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (skipped).
    Utf8Bom,
    /// UTF-16, little endian (with or without BOM).
    Utf16Le,
    /// UTF-16, big endian (with or without BOM).
    Utf16Be,
    /// GB18030 (a superset of GBK and GB2312), common for Chinese files.
    Gb18030,
}

impl Encoding {
    /// Name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Bytes that were not text in the encoding read and were replaced by
/// U+FFFD: a file that is UTF-8 but for a few stray bytes stays UTF-8 rather
/// than being read as another encoding that would invent text for all of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replaced {
    /// How many invalid sequences were replaced (each by one U+FFFD).
    pub count: usize,
    /// The file byte offset of the first.
    pub first: usize,
}

/// The markup of an input, which decides how text is pulled out of it.
/// [`crate::input::formats`] describes each and how it is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text, read line by line as it is.
    #[default]
    Text,
    /// An HTML page.
    Html,
    /// Markdown: inline markup removed ([`crate::input::markdown`]).
    Markdown,
    /// A Word document (DOCX): its paragraphs, one per line.
    Docx,
    /// A gettext PO or POT file: pre-paired, one pair per entry.
    Po,
    /// An XLIFF 1.2 or 2.x file: pre-paired, one pair per unit or segment.
    Xliff,
    /// A TMX translation memory: pre-paired, one pair per `<tu>`.
    Tmx,
    /// A CSV or TSV sheet with a Chinese and an English column:
    /// pre-paired, one pair per row.
    Csv,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Markdown => "Markdown",
            Format::Docx => "DOCX",
            Format::Po => "PO",
            Format::Xliff => "XLIFF",
            Format::Tmx => "TMX",
            Format::Csv => "CSV",
        }
    }

    /// Whether the format pairs the two languages itself (each unit a
    /// pair), rather than holding one text to split and align.
    pub fn is_paired(self) -> bool {
        matches!(self, Format::Po | Format::Xliff | Format::Tmx | Format::Csv)
    }
}

/// A decoded input file: its text, and how text offsets map back to the file.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file name as given (used in messages and output).
    pub name: String,
    /// The decoded text every stage reads.
    pub text: String,
    /// The encoding the bytes were decoded from.
    pub encoding: Encoding,
    /// Whether the encoding was guessed from the bytes (no byte-order mark
    /// said it); text given as a string is not guessed.
    pub guessed: bool,
    /// Invalid bytes replaced by U+FFFD while decoding, if any.
    pub replaced: Option<Replaced>,
    /// The markup the text was extracted from.
    pub format: Format,
    /// Break points `(text offset, file offset)`, sorted; between two break
    /// points the mapping is a constant shift. Never empty.
    map: Vec<(usize, usize)>,
    /// File byte offsets where each line of the file starts.
    line_starts: Vec<usize>,
    /// Length of the file in bytes.
    file_len: usize,
}

impl Source {
    /// A source for text that is its own file (UTF-8, offsets unchanged).
    /// Used for files and for text handed to the library directly.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let line_starts = line_starts(text.as_bytes());
        let file_len = text.len();
        Source {
            name: name.into(),
            text,
            encoding: Encoding::Utf8,
            guessed: false,
            replaced: None,
            format: Format::Text,
            map: vec![(0, 0)],
            line_starts,
            file_len,
        }
    }

    /// A source whose text was derived from `file_bytes` (decoded or extracted),
    /// with the given break points from text offsets to file offsets.
    pub fn with_map(
        name: impl Into<String>,
        text: String,
        file_bytes: &[u8],
        encoding: Encoding,
        format: Format,
        mut map: Vec<(usize, usize)>,
    ) -> Source {
        if map.first().is_none_or(|&(t, _)| t != 0) {
            map.insert(0, (0, 0));
        }
        Source {
            name: name.into(),
            text,
            encoding,
            guessed: false,
            replaced: None,
            format,
            map,
            line_starts: line_starts_decoded(file_bytes, encoding),
            file_len: file_bytes.len(),
        }
    }

    /// A source for text derived from this one's text (the visible text of
    /// an HTML page): same file, same lines, a new text and a new map.
    /// `map` holds break points `(offset in the new text, file offset)`,
    /// sorted by the first; between two of them the mapping is a shift.
    pub fn derived(&self, text: String, format: Format, map: Vec<(usize, usize)>) -> Source {
        let mut map = compress_map(map);
        if map.first().is_none_or(|&(t, _)| t != 0) {
            map.insert(0, (0, self.file_offset(0)));
        }
        Source {
            name: self.name.clone(),
            text,
            encoding: self.encoding,
            guessed: self.guessed,
            replaced: self.replaced,
            format,
            map,
            line_starts: self.line_starts.clone(),
            file_len: self.file_len,
        }
    }

    /// How the file was decoded, when a reader should know: bytes replaced,
    /// or an encoding other than UTF-8 guessed without a byte-order mark.
    /// `None` for UTF-8 read whole, and for any encoding its BOM named.
    ///
    /// ```
    /// use clausealign::input::{Format, decode};
    ///
    /// let s = decode("p.txt", b"\xe9\x9a\x90\xe7\xa7\x81\xe6\x94\xbf\xe7\xad\x96 \xFF Privacy", Format::Text);
    /// let note = s.unwrap().decoding_note().unwrap();
    /// assert_eq!(note, "read as UTF-8 with 1 invalid byte sequence replaced by U+FFFD (the first at byte 13)");
    /// ```
    pub fn decoding_note(&self) -> Option<String> {
        if let Some(r) = self.replaced {
            let plural = if r.count == 1 { "" } else { "s" };
            return Some(format!(
                "read as {} with {} invalid byte sequence{plural} replaced by U+FFFD (the first at byte {})",
                self.encoding.name(),
                r.count,
                r.first
            ));
        }
        (self.guessed && !matches!(self.encoding, Encoding::Utf8 | Encoding::Utf8Bom)).then(|| {
            format!(
                "read as {} (guessed from the bytes: no byte-order mark)",
                self.encoding.name()
            )
        })
    }

    /// The file byte offset of text byte offset `pos`.
    pub fn file_offset(&self, pos: usize) -> usize {
        let i = self.map.partition_point(|&(t, _)| t <= pos);
        let (t, f) = self.map[i.saturating_sub(1)];
        (f + (pos - t)).min(self.file_len)
    }

    /// The 1-based file line holding text byte offset `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.line_of_file_offset(self.file_offset(pos))
    }

    /// The 1-based line of a file byte offset.
    pub fn line_of_file_offset(&self, off: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= off).max(1)
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Size of the file in bytes.
    pub fn file_len(&self) -> usize {
        self.file_len
    }
}

/// Keep only the break points where the shift between text and file changes.
fn compress_map(map: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(map.len() / 4 + 1);
    for (t, f) in map {
        if let Some(&(pt, pf)) = out.last()
            && f.wrapping_sub(pf) == t.wrapping_sub(pt)
        {
            continue;
        }
        out.push((t, f));
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

/// Byte offsets where lines start in UTF-8 (or any ASCII-compatible) bytes.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Line starts of the file, in file offsets, for its encoding.
fn line_starts_decoded(bytes: &[u8], encoding: Encoding) -> Vec<usize> {
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let unit = |i: usize| -> u16 {
                let pair = [bytes[i], bytes[i + 1]];
                if encoding == Encoding::Utf16Le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            };
            let mut starts = vec![0];
            let mut i = 0;
            while i + 1 < bytes.len() {
                let u = unit(i);
                let next = if i + 3 < bytes.len() {
                    Some(unit(i + 2))
                } else {
                    None
                };
                if u == 0x0A || (u == 0x0D && next != Some(0x0A)) {
                    starts.push(i + 2);
                }
                i += 2;
            }
            starts
        }
        // GB18030 keeps ASCII bytes as they are and never uses bytes below
        // 0x30 inside multi-byte sequences, so scanning bytes is exact.
        _ => line_starts(bytes),
    }
}
