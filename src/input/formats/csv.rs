//! Two-column sheets (CSV, TSV): one pair per row, the Chinese cell against
//! the English one.
//!
//! The separator is the first row's: a tab, else a comma, else a semicolon.
//! Cells follow RFC 4180 (double quotes around a cell that holds a
//! separator, a quote or a line break; `""` for a quote inside). Which
//! column is which comes from, in order:
//!
//! 1. [`Columns`] given by the caller (`--columns zh,en`, `-,en,zh`);
//! 2. a first row naming the languages (`zh,en`, `中文<TAB>English`,
//!    `Chinese;English`, codes such as `zh-CN`; the names are in
//!    `data/words/input/column-names.tsv`), which is then not a pair;
//! 3. for a sheet of exactly two columns, the script of the cells: the
//!    column with more Han characters is Chinese.
//!
//! A row whose Chinese or English cell is empty is untranslated; a row
//! with both empty is skipped.

use std::str::FromStr;

use super::{Mapped, Paired, RawUnit, Sides, UnitStatus, assemble, lang_of_code, malformed};
use crate::error::Error;
use crate::input::{Format, Source};
use crate::lang::{Lang, ScriptCounts};

/// Which column of a sheet holds which language: one entry per column, in
/// order, `None` for a column to ignore.
///
/// ```
/// use clausealign::input::formats::Columns;
///
/// let columns: Columns = "-,en,zh".parse().unwrap();
/// assert_eq!(columns.index_of(clausealign::Lang::Zh), 2);
/// assert!("zh,zh".parse::<Columns>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    langs: Vec<Option<Lang>>,
}

impl Columns {
    /// The 0-based column of a language.
    pub fn index_of(&self, lang: Lang) -> usize {
        self.langs
            .iter()
            .position(|&l| l == Some(lang))
            .expect("a Columns value names both languages")
    }
}

impl FromStr for Columns {
    type Err = String;

    /// Parse `zh,en`: one name per column, in order, `zh` and `en` (or
    /// codes such as `zh-CN`) once each, `-` or nothing for a column to
    /// ignore.
    fn from_str(s: &str) -> Result<Columns, String> {
        let mut langs = Vec::new();
        for item in s.split(',').map(str::trim) {
            if item.is_empty() || item == "-" {
                langs.push(None);
                continue;
            }
            let lang = column_name(item)
                .ok_or_else(|| format!("{item:?} names no language (use zh, en or -)"))?;
            if langs.contains(&Some(lang)) {
                return Err(format!("{} is named twice", lang.name()));
            }
            langs.push(Some(lang));
        }
        for lang in [Lang::Zh, Lang::En] {
            if !langs.contains(&Some(lang)) {
                return Err(format!(
                    "no {} column (name it {})",
                    lang.name(),
                    lang.code()
                ));
            }
        }
        Ok(Columns { langs })
    }
}

/// The language a header cell names.
fn column_name(cell: &str) -> Option<Lang> {
    let name = cell.trim().trim_start_matches('\u{FEFF}').to_lowercase();
    let table = crate::words::INPUT_COLUMN_NAMES;
    if let Ok(k) = table.binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes())) {
        return Some(table[k].1);
    }
    // Codes: `zh`, `zh-CN`, `en_US` (not words such as "engine").
    let primary = name.split(['-', '_']).next().unwrap_or("");
    if primary.len() <= 3 {
        lang_of_code(&name)
    } else {
        None
    }
}

/// Whether the first line of `text` is a header naming a Chinese and an
/// English column (and nothing else of the text decides its format).
pub(crate) fn has_language_header(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    let Some(sep) = separator(first) else {
        return false;
    };
    let names: Vec<Option<Lang>> = first.split(sep).map(column_name).collect();
    names.contains(&Some(Lang::Zh)) && names.contains(&Some(Lang::En))
}

/// The separator of a sheet, from its first line.
fn separator(first: &str) -> Option<char> {
    ['\t', ',', ';'].into_iter().find(|&c| first.contains(c))
}

/// A row: where it starts in the decoded text, and its cells (with
/// positions in the decoded text).
struct Row {
    at: usize,
    cells: Vec<Mapped>,
}

/// Read a sheet.
pub(crate) fn read(source: &Source, columns: Option<&Columns>) -> Result<Paired, Error> {
    let text = source.text.as_str();
    let error = |at: Option<usize>, problem: String| malformed(source, Format::Csv, at, problem);
    let first = text.lines().next().unwrap_or("");
    let sep = separator(first).ok_or_else(|| {
        error(
            Some(0),
            "no column separator (tab, comma or semicolon) in the first row".into(),
        )
    })?;
    let mut rows = rows(text, sep).map_err(|(at, p)| error(Some(at), p))?;
    let header: Option<Vec<Option<Lang>>> = rows.first().and_then(|r| {
        let names: Vec<Option<Lang>> = r.cells.iter().map(|c| column_name(&c.text)).collect();
        (names.contains(&Some(Lang::Zh)) && names.contains(&Some(Lang::En))).then_some(names)
    });
    if header.is_some() {
        rows.remove(0);
    }
    let (zh, en) = match (columns, &header) {
        (Some(c), _) => (c.index_of(Lang::Zh), c.index_of(Lang::En)),
        (None, Some(names)) => (
            names.iter().position(|&l| l == Some(Lang::Zh)).unwrap_or(0),
            names.iter().position(|&l| l == Some(Lang::En)).unwrap_or(0),
        ),
        (None, None) => by_script(&rows).map_err(|p| error(None, p))?,
    };
    let mut units = Vec::with_capacity(rows.len());
    for mut row in rows {
        let mut take = |k: usize| row.cells.get_mut(k).map(std::mem::take).unwrap_or_default();
        let (z, e) = (take(zh), take(en));
        let status = match (z.is_blank(), e.is_blank()) {
            (true, true) => continue,
            (true, false) => UnitStatus::Untranslated("the Chinese cell is empty".into()),
            (false, true) => UnitStatus::Untranslated("the English cell is empty".into()),
            (false, false) => UnitStatus::Translated,
        };
        units.push(RawUnit {
            name: format!("row at line {}", source.line_of(row.at)),
            status,
            texts: [z, e],
        });
    }
    assemble(
        source,
        Format::Csv,
        units,
        Sides::Declared(Lang::Zh, Lang::En),
    )
}

/// The Chinese and the English column of a two-column sheet without a
/// header, by script.
fn by_script(rows: &[Row]) -> Result<(usize, usize), String> {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if width != 2 {
        return Err(format!(
            "cannot tell which of its {width} columns hold Chinese and English \
             (name them in a first row such as zh,en)"
        ));
    }
    let mut han = [0usize; 2];
    for row in rows {
        for (k, cell) in row.cells.iter().enumerate().take(2) {
            han[k] += ScriptCounts::of(&cell.text).han;
        }
    }
    Ok(if han[0] >= han[1] { (0, 1) } else { (1, 0) })
}

/// Split the sheet into rows of cells. Errors carry the offset of the
/// problem.
fn rows(text: &str, sep: char) -> Result<Vec<Row>, (usize, String)> {
    let mut rows = Vec::new();
    let mut i = 0;
    let n = text.len();
    while i < n {
        let at = i;
        let mut cells = Vec::new();
        loop {
            let mut cell = Mapped::default();
            if text[i..].starts_with('"') {
                let open = i;
                i += 1;
                loop {
                    let Some(k) = text[i..].find('"') else {
                        return Err((open, "a quoted cell is never closed".into()));
                    };
                    cell.push_run(&text[i..i + k], i);
                    i += k + 1;
                    if text[i..].starts_with('"') {
                        cell.push_char('"', i);
                        i += 1;
                    } else {
                        break;
                    }
                }
                let rest = &text[i..];
                let end = rest.find([sep, '\n', '\r']).unwrap_or(rest.len());
                if !rest[..end].trim().is_empty() {
                    return Err((i, "text after the closing quote of a cell".into()));
                }
                i += end;
            } else {
                let rest = &text[i..];
                let end = rest.find([sep, '\n', '\r']).unwrap_or(rest.len());
                cell.push_run(&rest[..end], i);
                i += end;
            }
            cells.push(cell);
            match text[i..].chars().next() {
                Some(c) if c == sep => i += c.len_utf8(),
                Some('\r') => {
                    i += if text[i..].starts_with("\r\n") { 2 } else { 1 };
                    break;
                }
                Some('\n') => {
                    i += 1;
                    break;
                }
                _ => break,
            }
        }
        if !cells.iter().all(Mapped::is_blank) {
            rows.push(Row { at, cells });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str, sep: char) -> Vec<Vec<String>> {
        rows(text, sep)
            .unwrap()
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn quoted_cells() {
        assert_eq!(
            cells("a,\"b, \"\"c\"\"\nd\"\r\ne,f", ','),
            [vec!["a", "b, \"c\"\nd"], vec!["e", "f"]]
        );
        assert!(rows("a,\"open\n", ',').is_err());
        assert!(rows("\"a\"x,b\n", ',').is_err());
    }

    #[test]
    fn header_names() {
        assert!(has_language_header("中文\tEnglish\n隐私\tPrivacy\n"));
        assert!(has_language_header("zh-CN,en-US\n"));
        assert!(!has_language_header("engine,zhang\n"));
        assert!(!has_language_header("隐私,Privacy\n"));
    }

    #[test]
    fn columns_option() {
        let c: Columns = "en, zh".parse().unwrap();
        assert_eq!((c.index_of(Lang::Zh), c.index_of(Lang::En)), (1, 0));
        assert!(
            "zh".parse::<Columns>()
                .unwrap_err()
                .contains("no English column")
        );
        assert!(
            "zh,fr"
                .parse::<Columns>()
                .unwrap_err()
                .contains("names no language")
        );
    }
}
