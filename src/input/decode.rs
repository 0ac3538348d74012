//! Decoding: the bytes of a file to text (UTF-8 with or without BOM,
//! UTF-16 with or without BOM, GB18030/GBK), refusing binary data, with a map
//! from text offsets back to file offsets.

use super::source::{Encoding, Format, Replaced, Source};
use super::{formats, html, markdown};
use crate::error::Error;

/// Why bytes are not a text to align (the file name is added by [`decode`]).
#[derive(Debug)]
enum Refusal {
    Empty,
    Binary(&'static str),
    Undecodable,
    NoVisibleText,
}

impl Refusal {
    fn of(self, file: &str) -> Error {
        let file = file.to_string();
        match self {
            Refusal::Empty => Error::Empty { file },
            Refusal::Binary(what) => Error::Binary { file, what },
            Refusal::Undecodable => Error::Undecodable { file },
            Refusal::NoVisibleText => Error::NoVisibleText { file },
        }
    }
}

/// Decode the bytes of a file named `name` (the name is used in messages and
/// output) as one text in `format`: plain text as it is, the text a reader
/// sees of Markdown or an HTML page, the paragraphs of a DOCX document. A
/// pre-paired format (PO, XLIFF, TMX, CSV) is not one text: it is refused
/// with [`Error::PairedFile`] (read it with
/// [`formats::read_document`](super::formats::read_document)).
///
/// ```
/// use clausealign::input::{Encoding, Format, decode};
///
/// let source = decode("policy.txt", "\u{FEFF}隐私政策\nPrivacy".as_bytes(), Format::Text).unwrap();
/// assert_eq!(source.encoding, Encoding::Utf8Bom);
/// assert_eq!(source.text, "隐私政策\nPrivacy");
/// assert!(decode("doc.pdf", b"%PDF-1.7", Format::Text).is_err());
/// ```
pub fn decode(name: &str, bytes: &[u8], format: Format) -> Result<Source, Error> {
    if format == Format::Docx {
        return formats::docx::read(name, bytes, super::DEFAULT_MAX_BYTES);
    }
    if format.is_paired() {
        return Err(Error::PairedFile {
            file: name.to_string(),
            format: format.name(),
        });
    }
    let source = decode_source(name, bytes).map_err(|r| r.of(name))?;
    match format {
        Format::Markdown => Ok(markdown::extract(&source)),
        Format::Html => html_page(&source),
        _ => Ok(source),
    }
}

/// The visible text of an HTML page; refused when there is none.
pub(crate) fn html_page(source: &Source) -> Result<Source, Error> {
    let page = html::extract(source);
    if crate::text::is_blank(&page.text) {
        return Err(Refusal::NoVisibleText.of(&source.name));
    }
    Ok(page)
}

fn decode_source(name: &str, bytes: &[u8]) -> Result<Source, Refusal> {
    if let Some(what) = binary_signature(bytes) {
        return Err(Refusal::Binary(what));
    }
    let Decoded {
        text,
        encoding,
        map,
        replaced,
    } = decode_text(bytes)?;
    if let Some(what) = binary_text(&text) {
        return Err(Refusal::Binary(what));
    }
    if crate::text::is_blank(&text) {
        return Err(Refusal::Empty);
    }
    let mut source = match map {
        None => {
            let shift = usize::from(encoding == Encoding::Utf8Bom) * 3;
            Source::with_map(name, text, bytes, encoding, Format::Text, vec![(0, shift)])
        }
        Some(map) => Source::with_map(name, text, bytes, encoding, Format::Text, map),
    };
    source.guessed = !has_bom(bytes);
    source.replaced = replaced;
    Ok(source)
}

/// Whether the bytes begin with a UTF-8 or UTF-16 byte-order mark.
fn has_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
}

/// A text handed over as a string, named `name` in messages and output:
/// refused when it is blank or binary data, like a file would be. Its
/// content decides how it is read (Markdown, an HTML page or plain text,
/// see [`formats::detect`]); a pre-paired format is refused with
/// [`Error::PairedFile`].
///
/// ```
/// use clausealign::{Error, input};
///
/// let source = input::from_text("policy", "隐私政策\nPrivacy Policy").unwrap();
/// assert_eq!(source.line_count(), 2);
/// assert!(matches!(input::from_text("blank", " \n"), Err(Error::Empty { .. })));
/// ```
pub fn from_text(name: &str, text: &str) -> Result<Source, Error> {
    let source = from_text_plain(name, text)?;
    match formats::detect(text, None) {
        Format::Markdown => Ok(markdown::extract(&source)),
        Format::Html => html_page(&source),
        format if format.is_paired() => Err(Error::PairedFile {
            file: name.to_string(),
            format: format.name(),
        }),
        _ => Ok(source),
    }
}

/// A text handed over as a string, as plain text (refused when it is blank
/// or binary data).
pub(crate) fn from_text_plain(name: &str, text: &str) -> Result<Source, Error> {
    if let Some(what) = binary_text(text) {
        return Err(Refusal::Binary(what).of(name));
    }
    if crate::text::is_blank(text) {
        return Err(Refusal::Empty.of(name));
    }
    Ok(Source::from_text(name, text))
}

/// Bytes decoded: the text, its encoding, the break points from text to
/// file offsets (`None`: the identity, shifted past a BOM) and the bytes
/// replaced.
struct Decoded {
    text: String,
    encoding: Encoding,
    map: Option<Vec<(usize, usize)>>,
    replaced: Option<Replaced>,
}

impl Decoded {
    fn mapped(text: String, encoding: Encoding, map: Vec<(usize, usize)>) -> Decoded {
        Decoded {
            text,
            encoding,
            map: Some(map),
            replaced: None,
        }
    }
}

fn decode_text(bytes: &[u8]) -> Result<Decoded, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok(Decoded {
                text: s.to_string(),
                encoding: Encoding::Utf8Bom,
                map: None,
                replaced: None,
            }),
            Err(_) => Err(Refusal::Undecodable),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return decode_utf16(&bytes[2..], 2, false)
            .map(|(s, m)| Decoded::mapped(s, Encoding::Utf16Le, m));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return decode_utf16(&bytes[2..], 2, true)
            .map(|(s, m)| Decoded::mapped(s, Encoding::Utf16Be, m));
    }
    // UTF-16 without a BOM: most ASCII code units have a zero high byte.
    // Tested before UTF-8, which ASCII-only UTF-16 also is ("a\0b\0").
    // Text without ASCII (Chinese only) has no zero bytes; it is told by
    // its code units, nearly all Chinese characters, which UTF-8 never is.
    let valid_utf8 = std::str::from_utf8(bytes).ok();
    let utf16 = utf16_without_bom(bytes).or_else(|| {
        valid_utf8
            .is_none()
            .then(|| utf16_chinese_without_bom(bytes))
            .flatten()
    });
    if let Some(big_endian) = utf16 {
        let enc = if big_endian {
            Encoding::Utf16Be
        } else {
            Encoding::Utf16Le
        };
        return decode_utf16(bytes, 0, big_endian).map(|(s, m)| Decoded::mapped(s, enc, m));
    }
    if let Some(s) = valid_utf8 {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: Encoding::Utf8,
            map: None,
            replaced: None,
        });
    }
    if let Some(decoded) = mostly_utf8(bytes) {
        return Ok(decoded);
    }
    decode_gb18030(bytes).map(|(s, m)| Decoded::mapped(s, Encoding::Gb18030, m))
}

/// Bytes that are UTF-8 but for a few invalid sequences, decoded as UTF-8
/// with each invalid sequence replaced by U+FFFD; `None` when UTF-8 does not
/// explain the bytes clearly better than GB18030 would. GB18030 text read as
/// UTF-8 is nearly all invalid (its two-byte characters seldom form UTF-8
/// sequences), so the share of non-ASCII bytes inside valid UTF-8
/// characters tells the two apart: at least 90% for UTF-8 with stray
/// bytes, a few percent for GB18030. Reading a UTF-8 file as GB18030 because
/// of one bad byte would turn all its Chinese into other characters.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let mut in_chars = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        in_chars += chunk.valid().len() - chunk.valid().chars().filter(char::is_ascii).count();
        invalid += chunk.invalid().len();
    }
    if in_chars == 0 || in_chars < 9 * invalid {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + 2 * invalid);
    let mut map = Vec::new();
    let mut offset = 0usize;
    let mut count = 0usize;
    let mut first = None;
    for chunk in bytes.utf8_chunks() {
        push_break(&mut map, text.len(), offset);
        text.push_str(chunk.valid());
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(offset);
            count += 1;
            push_break(&mut map, text.len(), offset);
            text.push('\u{FFFD}');
            offset += chunk.invalid().len();
        }
    }
    push_break(&mut map, text.len(), offset);
    Some(Decoded {
        text,
        encoding: Encoding::Utf8,
        map: Some(map),
        replaced: first.map(|first| Replaced { count, first }),
    })
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

/// UTF-16 without a BOM and without ASCII (so without zero bytes): the
/// endianness under which nearly all code units (at least 90% of the first
/// 4096) are Chinese characters, CJK punctuation, full-width forms or
/// ASCII, when the other is not. GB18030 bytes read as UTF-16 fall in the
/// Hangul, private-use or other ranges instead.
fn utf16_chinese_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let n = (bytes.len() / 2).min(4096);
    let plausible = |unit: u16| {
        matches!(unit,
            0x0009 | 0x000A | 0x000D | 0x0020..=0x007E
            | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF
            | 0x2010..=0x2027)
    };
    let score = |big_endian: bool| {
        (0..n)
            .filter(|&i| {
                let pair = [bytes[2 * i], bytes[2 * i + 1]];
                plausible(if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                })
            })
            .count()
    };
    let (le, be) = (score(false), score(true));
    if le * 10 >= n * 9 && be * 10 < n * 5 {
        Some(false)
    } else if be * 10 >= n * 9 && le * 10 < n * 5 {
        Some(true)
    } else {
        None
    }
}

fn decode_utf16(
    bytes: &[u8],
    base: usize,
    big_endian: bool,
) -> Result<(String, Vec<(usize, usize)>), Refusal> {
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
        return Err(Refusal::Undecodable);
    }
    // The end of the text is the end of the last code unit.
    push_break(&mut map, text.len(), base + unit_index * 2);
    Ok((text, map))
}

fn decode_gb18030(bytes: &[u8]) -> Result<(String, Vec<(usize, usize)>), Refusal> {
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
        return Err(Refusal::Undecodable);
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
    fn stray_bytes_in_utf8_are_replaced_and_mapped() {
        let bytes = [
            "隐私政策\n".as_bytes(),
            b"\xFF",
            "第二行 Privacy\n".as_bytes(),
            b"\x80",
        ]
        .concat();
        let s = decode("x", &bytes, Format::Text).unwrap();
        assert_eq!(s.encoding, Encoding::Utf8);
        assert!(s.guessed);
        // Each invalid sequence is one U+FFFD.
        assert_eq!(
            s.replaced,
            Some(Replaced {
                count: 2,
                first: 13
            })
        );
        assert_eq!(s.text, "隐私政策\n\u{FFFD}第二行 Privacy\n\u{FFFD}");
        let pos = s.text.find("第二行").unwrap();
        assert_eq!(s.file_offset(pos), 14);
        assert_eq!(s.line_of(pos), 2);
        assert_eq!(s.file_offset(s.text.len()), bytes.len());
        // GB18030 text is not mostly UTF-8: it stays GB18030.
        let (gb, _, _) =
            encoding_rs::GB18030.encode("我们不会出售您的个人信息。\nWe never sell it.");
        assert!(mostly_utf8(&gb).is_none());
        assert_eq!(
            decode("x", &gb, Format::Text).unwrap().encoding,
            Encoding::Gb18030
        );
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
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            decode("x", b" \n\t\r\n", Format::Text),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            decode("x", b"%PDF-1.4 ...", Format::Text),
            Err(Error::Binary { what: "PDF", .. })
        ));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode("x", &noise, Format::Text).is_err());
    }
}
