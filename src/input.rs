//! Input: read a file, decide its encoding, and keep the way back from the
//! decoded text to the bytes of the file.
//!
//! Every later stage works on [`Source::text`], a Rust `String`. Output,
//! however, speaks of the *file*: clause byte offsets and 1-based line numbers
//! refer to the bytes the user gave us. A [`Source`] therefore keeps a map from
//! text offsets to file offsets (identity for plain UTF-8, a shift for a BOM, a
//! table of break points for GB18030, UTF-16 or text extracted from HTML) and
//! the file's line starts. Lines end at `\n`, `\r\n` or a lone `\r`, as in
//! Python's universal newlines.

use std::fmt;
use std::path::{Path, PathBuf};

/// Default upper bound on the size of one input file, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

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

/// The markup of an input, which decides how text is pulled out of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text or Markdown (both are read line by line).
    #[default]
    Text,
    /// An HTML page.
    Html,
}

/// Why a file could not be read. Every message names the file.
#[derive(Debug)]
pub struct InputError {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// What is wrong with it.
    pub kind: InputErrorKind,
}

/// The problems an input file can have.
#[derive(Debug)]
pub enum InputErrorKind {
    /// No such file.
    NotFound,
    /// The path is a directory.
    IsDirectory,
    /// Any other I/O failure.
    Io(std::io::Error),
    /// The file holds nothing but white space.
    Empty,
    /// The file holds binary data (what kind, if recognised).
    Binary(&'static str),
    /// Not valid in any supported encoding.
    Undecodable,
    /// An HTML page whose markup holds no visible text.
    NoText,
    /// Larger than the configured limit.
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.kind {
            InputErrorKind::NotFound => write!(f, "{p}: no such file"),
            InputErrorKind::IsDirectory => write!(f, "{p}: is a directory, not a file"),
            InputErrorKind::Io(e) => write!(f, "{p}: cannot read: {e}"),
            InputErrorKind::Empty => write!(f, "{p}: the file is empty (no text to align)"),
            InputErrorKind::Binary(what) => {
                write!(f, "{p}: looks like a binary file ({what}), not text")
            }
            InputErrorKind::Undecodable => write!(
                f,
                "{p}: cannot decode the text: it is neither UTF-8, UTF-16 nor GB18030/GBK"
            ),
            InputErrorKind::NoText => write!(
                f,
                "{p}: the page holds no text outside scripts, styles and navigation"
            ),
            InputErrorKind::TooLarge { size, limit } => write!(
                f,
                "{p}: the file is {} ({size} bytes), over the input limit of {}; \
                 raise the limit with --max-size {}",
                human_size(*size),
                human_size(*limit),
                human_size(size.div_ceil(1 << 20).max(1) << 20),
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// A byte count in the units `--max-size` takes (K, M, G are powers of 1024).
fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")];
    for (unit, suffix) in UNITS {
        if bytes >= unit {
            let whole = bytes / unit;
            return if bytes.is_multiple_of(unit) {
                format!("{whole}{suffix}")
            } else {
                format!("{:.1}{suffix}", bytes as f64 / unit as f64)
            };
        }
    }
    bytes.to_string()
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
            format,
            map,
            line_starts: self.line_starts.clone(),
            file_len: self.file_len,
        }
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

/// Options for reading a file.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Refuse files larger than this many bytes.
    pub max_bytes: u64,
    /// Force a format; `None` decides by the file extension.
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            format: None,
        }
    }
}

/// Read and decode a file.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Source, InputError> {
    let err = |kind| InputError {
        path: path.to_path_buf(),
        kind,
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        err(if e.kind() == std::io::ErrorKind::NotFound {
            InputErrorKind::NotFound
        } else {
            InputErrorKind::Io(e)
        })
    })?;
    if meta.is_dir() {
        return Err(err(InputErrorKind::IsDirectory));
    }
    if meta.len() > opts.max_bytes {
        return Err(err(InputErrorKind::TooLarge {
            size: meta.len(),
            limit: opts.max_bytes,
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| err(InputErrorKind::Io(e)))?;
    let format = opts.format.unwrap_or_else(|| format_of_path(path));
    decode(&path.display().to_string(), &bytes, format).map_err(|kind| InputError {
        path: path.to_path_buf(),
        kind,
    })
}

/// The format a file name suggests: `.html`/`.htm`/`.xhtml` are HTML, the rest text.
pub fn format_of_path(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => Format::Text,
    }
}

/// Decode the bytes of a file named `name`.
pub fn decode(name: &str, bytes: &[u8], format: Format) -> Result<Source, InputErrorKind> {
    if let Some(what) = binary_signature(bytes) {
        return Err(InputErrorKind::Binary(what));
    }
    let (text, encoding, map) = decode_text(bytes)?;
    if let Some(what) = binary_text(&text) {
        return Err(InputErrorKind::Binary(what));
    }
    if crate::text::is_blank(&text) {
        return Err(InputErrorKind::Empty);
    }
    let source = match map {
        None => {
            let shift = usize::from(encoding == Encoding::Utf8Bom) * 3;
            Source::with_map(name, text, bytes, encoding, Format::Text, vec![(0, shift)])
        }
        Some(map) => Source::with_map(name, text, bytes, encoding, Format::Text, map),
    };
    match format {
        Format::Text => Ok(source),
        Format::Html => {
            let page = crate::html::extract(&source);
            if crate::text::is_blank(&page.text) {
                return Err(InputErrorKind::NoText);
            }
            Ok(page)
        }
    }
}

type Decoded = (String, Encoding, Option<Vec<(usize, usize)>>);

fn decode_text(bytes: &[u8]) -> Result<Decoded, InputErrorKind> {
    if bytes.is_empty() {
        return Err(InputErrorKind::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), Encoding::Utf8Bom, None)),
            Err(_) => Err(InputErrorKind::Undecodable),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return decode_utf16(&bytes[2..], 2, false).map(|(s, m)| (s, Encoding::Utf16Le, Some(m)));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return decode_utf16(&bytes[2..], 2, true).map(|(s, m)| (s, Encoding::Utf16Be, Some(m)));
    }
    // UTF-16 without a BOM: most ASCII code units have a zero high byte.
    // Tested before UTF-8, which ASCII-only UTF-16 also is ("a\0b\0").
    if let Some(big_endian) = utf16_without_bom(bytes) {
        let enc = if big_endian {
            Encoding::Utf16Be
        } else {
            Encoding::Utf16Le
        };
        return decode_utf16(bytes, 0, big_endian).map(|(s, m)| (s, enc, Some(m)));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8, None));
    }
    decode_gb18030(bytes).map(|(s, m)| (s, Encoding::Gb18030, Some(m)))
}

/// Decoded text that is really binary data: more NUL characters than text
/// (NUL padding at the end does not count, scattered NULs are fine: they are
/// dropped from clause text like other invisible characters), or more than
/// one character in ten a control character other than white space.
fn binary_text(text: &str) -> Option<&'static str> {
    let body = text.trim_end_matches('\0');
    let mut total = 0usize;
    let mut nul = 0usize;
    let mut controls = 0usize;
    let mut visible = 0usize;
    for c in body.chars() {
        total += 1;
        if c.is_ascii() {
            // The same classes as below, without the Unicode tables.
            match c as u8 {
                0 => nul += 1,
                b'\n' | b'\r' | b'\t' | 0x0B | 0x0C | b' ' => {}
                0x01..=0x1F | 0x7F => controls += 1,
                _ => visible += 1,
            }
            continue;
        }
        match c {
            '\0' => nul += 1,
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => {}
            _ if c.is_control() => controls += 1,
            _ if !crate::lang::is_space(c) && !crate::lang::is_invisible(c) => visible += 1,
            _ => {}
        }
    }
    if nul * 2 > total || (visible == 0 && nul > 0) || (body.is_empty() && !text.is_empty()) {
        Some("NUL bytes")
    } else if controls * 10 > total {
        Some("control characters")
    } else {
        None
    }
}

/// Recognise common binary formats by their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7FELF", "executable"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\xD0\xCF\x11\xE0", "legacy Office document"),
        (b"{\\rtf", "RTF document"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what);
        }
    }
    None
}

fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let n = (bytes.len() / 2).min(4096);
    let even_zero = (0..n).filter(|&i| bytes[2 * i] == 0).count();
    let odd_zero = (0..n).filter(|&i| bytes[2 * i + 1] == 0).count();
    if odd_zero * 10 >= n * 4 && even_zero * 10 < n {
        Some(false)
    } else if even_zero * 10 >= n * 4 && odd_zero * 10 < n {
        Some(true)
    } else {
        None
    }
}

fn decode_utf16(
    bytes: &[u8],
    base: usize,
    big_endian: bool,
) -> Result<(String, Vec<(usize, usize)>), InputErrorKind> {
    let units = bytes.chunks_exact(2).map(|c| {
        if big_endian {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut map = Vec::new();
    let mut errors = 0usize;
    let mut unit_index = 0usize;
    for r in char::decode_utf16(units) {
        let c = r.unwrap_or_else(|_| {
            errors += 1;
            '\u{FFFD}'
        });
        push_break(&mut map, text.len(), base + unit_index * 2);
        unit_index += c.len_utf16();
        text.push(c);
    }
    if errors * 100 > text.len().max(1) {
        return Err(InputErrorKind::Undecodable);
    }
    // The end of the text is the end of the last code unit.
    push_break(&mut map, text.len(), base + unit_index * 2);
    Ok((text, map))
}

fn decode_gb18030(bytes: &[u8]) -> Result<(String, Vec<(usize, usize)>), InputErrorKind> {
    // Feed the decoder one byte at a time so each decoded character is tied to
    // the file offset where its bytes begin.
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut map = Vec::new();
    let mut char_start = 0usize;
    let mut buf = [0u8; 16];
    let mut errors = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        let mut src: &[u8] = std::slice::from_ref(b);
        loop {
            let (result, read, written, had_errors) = decoder.decode_to_utf8(src, &mut buf, last);
            if written > 0 {
                if had_errors {
                    errors += 1;
                }
                let s = std::str::from_utf8(&buf[..written]).unwrap_or("\u{FFFD}");
                push_break(&mut map, text.len(), char_start);
                text.push_str(s);
                char_start = i + 1;
            }
            src = &src[read..];
            if matches!(result, encoding_rs::CoderResult::InputEmpty) {
                break;
            }
        }
    }
    let chars = text.chars().count().max(1);
    if errors * 50 > chars {
        return Err(InputErrorKind::Undecodable);
    }
    // The end of the text is the end of the file.
    push_break(&mut map, text.len(), bytes.len());
    Ok((text, map))
}

/// Add break point `(t, f)` unless it continues the shift of the last one
/// (so the map of a long file stays small while it is built).
fn push_break(map: &mut Vec<(usize, usize)>, t: usize, f: usize) {
    if let Some(&(pt, pf)) = map.last()
        && f.wrapping_sub(pf) == t.wrapping_sub(pt)
    {
        return;
    }
    map.push((t, f));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let bytes = "\u{FEFF}第一行\r\n第二行\rthird\n".as_bytes();
        let s = decode("x", bytes, Format::Text).unwrap();
        assert_eq!(s.encoding, Encoding::Utf8Bom);
        let pos = s.text.find("第二行").unwrap();
        assert_eq!(s.file_offset(pos), pos + 3);
        assert_eq!(s.line_of(pos), 2);
        assert_eq!(s.line_of(s.text.find("third").unwrap()), 3);
        assert_eq!(s.line_count(), 4);
    }

    #[test]
    fn gb18030_maps_offsets() {
        let text = "隐私政策\nPrivacy 第二行";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        let s = decode("x", &bytes, Format::Text).unwrap();
        assert_eq!(s.encoding, Encoding::Gb18030);
        assert_eq!(s.text, text);
        let pos = s.text.find("第二行").unwrap();
        // 4 Han characters (2 bytes each) + "\n" + "Privacy " = 17 bytes
        assert_eq!(s.file_offset(pos), 17);
        assert_eq!(s.line_of(pos), 2);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "政策 Policy\n第二";
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let s = decode("x", &le, Format::Text).unwrap();
        assert_eq!(s.text, text);
        assert_eq!(s.line_of(s.text.find("第二").unwrap()), 2);
        assert_eq!(s.file_offset(s.text.find("第二").unwrap()), 2 + 2 * 10);
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let s = decode("x", &be, Format::Text).unwrap();
        assert_eq!((s.encoding, s.text.as_str()), (Encoding::Utf16Be, text));
    }

    #[test]
    fn end_of_text_maps_to_end_of_file() {
        let text = "政策\nPolicy ends here";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        for bytes in [le, gb.into_owned(), bom, text.as_bytes().to_vec()] {
            let s = decode("x", &bytes, Format::Text).unwrap();
            assert_eq!(s.file_offset(s.text.len()), bytes.len(), "{:?}", s.encoding);
            let here = s.text.find("here").unwrap();
            let unit = if matches!(s.encoding, Encoding::Utf16Le) {
                2
            } else {
                1
            };
            assert_eq!(s.file_offset(here), bytes.len() - 4 * unit);
        }
    }

    #[test]
    fn rejects_bad_inputs() {
        assert!(matches!(
            decode("x", b"", Format::Text),
            Err(InputErrorKind::Empty)
        ));
        assert!(matches!(
            decode("x", b" \n\t\r\n", Format::Text),
            Err(InputErrorKind::Empty)
        ));
        assert!(matches!(
            decode("x", b"%PDF-1.4 ...", Format::Text),
            Err(InputErrorKind::Binary("PDF"))
        ));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode("x", &noise, Format::Text).is_err());
    }
}
