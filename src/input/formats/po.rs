//! gettext PO and POT files: one pair per entry, `msgid` against `msgstr`.
//!
//! * Strings are C-like literals, continued on following lines; escapes
//!   (`\n`, `\"`, `\t`, octal, hex) are decoded, and `\n` is a line break
//!   of the unit's text.
//! * The header (the entry with an empty `msgid`) is not a pair; its
//!   `Language:` field says which language the translations are in. Without
//!   it the script of the texts decides.
//! * A plural entry gives one pair per `msgstr[N]`: `msgid` against
//!   `msgstr[0]`, `msgid_plural` against the others (a Chinese translation
//!   usually has only `msgstr[0]`).
//! * Obsolete entries (`#~`) and previous strings (`#|`) are skipped.
//! * An empty `msgstr` is untranslated; a `#, fuzzy` flag marks the
//!   translation not final ([`UnitStatus::Fuzzy`]).

use super::{Mapped, Paired, RawUnit, Sides, UnitStatus, assemble, lang_of_code, malformed};
use crate::error::Error;
use crate::input::{Format, Source};
use crate::text::lines;

/// Which string of an entry a line adds to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Field {
    Ctxt,
    Id,
    Plural,
    Str(usize),
}

/// An entry as read.
#[derive(Default)]
struct Entry {
    /// Offset of its `msgid` keyword in the decoded text.
    at: usize,
    ctxt: Option<Mapped>,
    id: Option<Mapped>,
    plural: Option<Mapped>,
    strs: Vec<(usize, Mapped)>,
    fuzzy: bool,
    field: Option<Field>,
}

impl Entry {
    /// Nothing but comments and flags so far (an obsolete entry's flags).
    fn is_empty(&self) -> bool {
        self.ctxt.is_none() && self.id.is_none()
    }

    fn string(&mut self, field: Field) -> &mut Mapped {
        match field {
            Field::Ctxt => self.ctxt.get_or_insert_with(Mapped::default),
            Field::Id => self.id.get_or_insert_with(Mapped::default),
            Field::Plural => self.plural.get_or_insert_with(Mapped::default),
            Field::Str(n) => {
                if let Some(k) = self.strs.iter().position(|(i, _)| *i == n) {
                    &mut self.strs[k].1
                } else {
                    self.strs.push((n, Mapped::default()));
                    &mut self.strs.last_mut().expect("just pushed").1
                }
            }
        }
    }
}

/// Read a PO file.
pub(crate) fn read(source: &Source) -> Result<Paired, Error> {
    let text = source.text.as_str();
    let error = |at: usize, problem: &str| malformed(source, Format::Po, Some(at), problem);
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    let finish = |cur: &mut Entry, entries: &mut Vec<Entry>| -> Result<(), Error> {
        let entry = std::mem::take(cur);
        if entry.is_empty() {
            return Ok(());
        }
        if entry.id.is_none() {
            return Err(error(entry.at, "an entry without msgid"));
        }
        if entry.strs.is_empty() {
            return Err(error(entry.at, "msgid without msgstr"));
        }
        entries.push(entry);
        Ok(())
    };
    for line in lines(text) {
        let raw = &text[line.start..line.end];
        let body = raw.trim_start_matches('\u{FEFF}');
        let lead = raw.len() - body.trim_start().len();
        let t = body.trim();
        let at = line.start + lead;
        if t.is_empty() {
            finish(&mut cur, &mut entries)?;
            continue;
        }
        if t.starts_with("#~") || t.starts_with("#|") {
            continue;
        }
        if let Some(flags) = t.strip_prefix("#,") {
            if !cur.strs.is_empty() {
                finish(&mut cur, &mut entries)?;
            }
            if flags.split(',').any(|f| f.trim() == "fuzzy") {
                cur.fuzzy = true;
            }
            continue;
        }
        if t.starts_with('#') {
            if !cur.strs.is_empty() {
                finish(&mut cur, &mut entries)?;
            }
            continue;
        }
        if t.starts_with('"') {
            let Some(field) = cur.field else {
                return Err(error(at, "a string continuation outside an entry"));
            };
            let end = line.start + lead + t.len();
            string(text, at, end, cur.string(field)).map_err(|p| error(at, &p))?;
            continue;
        }
        let keyword: String = t
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']'))
            .collect();
        let field = match keyword.as_str() {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" => Field::Str(0),
            k => match k
                .strip_prefix("msgstr[")
                .and_then(|n| n.strip_suffix(']'))
                .and_then(|n| n.parse().ok())
            {
                Some(n) => Field::Str(n),
                None => {
                    return Err(error(
                        at,
                        &format!(
                            "unexpected text {:?}",
                            t.chars().take(30).collect::<String>()
                        ),
                    ));
                }
            },
        };
        let starts_entry = matches!(field, Field::Ctxt | Field::Id);
        if starts_entry && (!cur.strs.is_empty() || (field == Field::Ctxt && cur.id.is_some())) {
            finish(&mut cur, &mut entries)?;
        }
        match field {
            Field::Id if cur.id.is_some() => {
                return Err(error(at, "a second msgid in one entry"));
            }
            Field::Ctxt | Field::Id => cur.at = at,
            _ if cur.id.is_none() => {
                return Err(error(at, &format!("{keyword} before msgid")));
            }
            _ => {}
        }
        cur.field = Some(field);
        let string_at = at + keyword.len();
        let end = line.start + lead + t.len();
        let slot = cur.string(field);
        string(text, string_at, end, slot).map_err(|p| error(at, &p))?;
    }
    finish(&mut cur, &mut entries)?;
    let (language, units) = units(source, entries);
    let sides = match language.as_deref().map(lang_of_code) {
        Some(Some(target)) => Sides::Declared(target.other(), target),
        Some(None) => {
            return Err(malformed(
                source,
                Format::Po,
                None,
                format!(
                    "the header says the translations are in {}, neither Chinese nor English",
                    language.unwrap_or_default()
                ),
            ));
        }
        None => Sides::Unknown,
    };
    assemble(source, Format::Po, units, sides)
}

/// The header's language and the pairs of the entries.
fn units(source: &Source, entries: Vec<Entry>) -> (Option<String>, Vec<RawUnit>) {
    let mut language = None;
    let mut out = Vec::new();
    for entry in entries {
        let Some(id) = entry.id else { continue };
        if entry.ctxt.is_none() && id.text.is_empty() {
            language = header_field(&entry.strs[0].1.text, "Language")
                .filter(|l| !l.is_empty())
                .map(str::to_string);
            continue;
        }
        let line = source.line_of(entry.at);
        let plural = entry.plural;
        let several = plural.is_some();
        let mut strs = entry.strs;
        strs.sort_by_key(|(n, _)| *n);
        let untranslated = strs.iter().all(|(_, s)| s.is_blank());
        for (n, msgstr) in strs {
            let name = if several {
                format!("entry at line {line}, msgstr[{n}]")
            } else {
                format!("entry at line {line}")
            };
            let status = if untranslated || msgstr.is_blank() {
                UnitStatus::Untranslated("msgstr is empty".into())
            } else if entry.fuzzy {
                UnitStatus::Fuzzy("flagged fuzzy".into())
            } else {
                UnitStatus::Translated
            };
            let msgid = match (&plural, n) {
                (Some(p), n) if n > 0 => p.clone(),
                _ => id.clone(),
            };
            out.push(RawUnit {
                name,
                status,
                texts: [msgid, msgstr],
            });
        }
    }
    (language, out)
}

/// The value of field `name` in a PO header (`Language: zh_CN`).
fn header_field<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then_some(value.trim())
    })
}

/// Decode the string literal that follows white space from `from` up to
/// `end` (one line), appending it to `out`.
fn string(text: &str, from: usize, end: usize, out: &mut Mapped) -> Result<(), String> {
    let line = &text[from..end];
    let lead = line.len() - line.trim_start().len();
    let open = from + lead;
    if !text[open..end].starts_with('"') {
        return Err("expected a string in double quotes".into());
    }
    let mut i = open + 1;
    let mut run = i;
    loop {
        let Some(c) = text[i..end].chars().next() else {
            return Err("unterminated string (no closing quote)".into());
        };
        match c {
            '"' => {
                out.push_run(&text[run..i], run);
                if !text[i + 1..end].trim().is_empty() {
                    return Err("text after the closing quote".into());
                }
                return Ok(());
            }
            '\\' => {
                out.push_run(&text[run..i], run);
                let (c, len) = escape(&text[i..end])?;
                out.push_char(c, i);
                i += len;
                run = i;
            }
            _ => i += c.len_utf8(),
        }
    }
}

/// The character of the escape at the start of `s` and its length.
fn escape(s: &str) -> Result<(char, usize), String> {
    let b = s.as_bytes();
    let Some(&e) = b.get(1) else {
        return Err("unterminated string (a backslash at the end)".into());
    };
    let simple = match e {
        b'n' => Some('\n'),
        b't' => Some('\t'),
        b'r' => Some('\r'),
        b'"' => Some('"'),
        b'\\' => Some('\\'),
        b'\'' => Some('\''),
        b'?' => Some('?'),
        b'a' => Some('\u{7}'),
        b'b' => Some('\u{8}'),
        b'f' => Some('\u{c}'),
        b'v' => Some('\u{b}'),
        _ => None,
    };
    if let Some(c) = simple {
        return Ok((c, 2));
    }
    let (digits, radix, skip) = match e {
        b'0'..=b'7' => (
            b[1..]
                .iter()
                .take(3)
                .take_while(|d| (b'0'..=b'7').contains(d))
                .count(),
            8,
            1,
        ),
        b'x' => (
            b[2..]
                .iter()
                .take(8)
                .take_while(|d| d.is_ascii_hexdigit())
                .count(),
            16,
            2,
        ),
        _ => {
            return Err(format!(
                "unknown escape \\{}",
                s[1..].chars().next().unwrap_or(' ')
            ));
        }
    };
    let value = u32::from_str_radix(&s[skip..skip + digits], radix)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| format!("bad escape {}", &s[..skip + digits]))?;
    Ok((value, skip + digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(literal: &str) -> Result<String, String> {
        let mut m = Mapped::default();
        string(literal, 0, literal.len(), &mut m).map(|()| m.text)
    }

    #[test]
    fn escapes() {
        assert_eq!(
            decode(r#" "a\"b\\c\nd\t\101\x4e""#).unwrap(),
            "a\"b\\c\nd\tAN"
        );
        assert!(decode(r#""open"#).unwrap_err().contains("unterminated"));
        assert!(decode(r#""a\qb""#).unwrap_err().contains("unknown escape"));
        assert!(
            decode(r#""a" b"#)
                .unwrap_err()
                .contains("after the closing quote")
        );
    }

    #[test]
    fn header_language() {
        let header = "Project-Id-Version: x\nLanguage: zh_CN\nContent-Type: text/plain\n";
        assert_eq!(header_field(header, "language"), Some("zh_CN"));
        assert_eq!(header_field(header, "Plural-Forms"), None);
    }
}
