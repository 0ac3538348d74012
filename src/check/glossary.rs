//! A glossary: the translation a policy must use for each of its terms
//! (`数据提供者` is `Data Provider`), read from a TSV file of Chinese and
//! English term pairs. The terminology rule (`rules/terminology.rs`)
//! reports a pair whose one side uses a term and whose other side lacks its
//! translation.

use std::path::Path;

use crate::error::Error;
use crate::input::{ReadOptions, read_bytes};
use crate::lang::is_han;

/// A glossary file is refused above this size.
const MAX_GLOSSARY_BYTES: u64 = 16 << 20;

/// One term pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The Chinese term, as written.
    pub zh: String,
    /// The English term, as written (matched ignoring case).
    pub en: String,
}

/// Term pairs; a term with several accepted translations has one entry per
/// translation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The entries, in file order.
    pub entries: Vec<GlossaryEntry>,
}

impl Glossary {
    /// Parse a glossary: one `zh<TAB>en` pair a line; `#` starts a comment
    /// line; blank lines are skipped; a first line `zh<TAB>en` is a header.
    /// `name` names the file in errors.
    pub fn parse(name: &str, text: &str) -> Result<Glossary, Error> {
        let mut entries = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_start_matches('\u{feff}').trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let malformed = |problem: String| Error::Malformed {
                file: name.to_string(),
                format: "glossary",
                line: Some(n + 1),
                problem,
            };
            let mut cols = line.split('\t').map(str::trim);
            let (Some(zh), Some(en)) = (cols.next(), cols.next()) else {
                return Err(malformed(
                    "expected a Chinese term, a tab and its English translation".into(),
                ));
            };
            if entries.is_empty() && zh.eq_ignore_ascii_case("zh") && en.eq_ignore_ascii_case("en")
            {
                continue;
            }
            if !zh.chars().any(is_han) {
                return Err(malformed(format!(
                    "the first column must be the Chinese term, not {zh:?}"
                )));
            }
            if !en.chars().any(|c| c.is_ascii_alphabetic()) {
                return Err(malformed(format!(
                    "the second column must be the English term, not {en:?}"
                )));
            }
            entries.push(GlossaryEntry {
                zh: zh.to_string(),
                en: en.to_string(),
            });
        }
        if entries.is_empty() {
            return Err(Error::Malformed {
                file: name.to_string(),
                format: "glossary",
                line: None,
                problem:
                    "no term pairs (lines of a Chinese term, a tab and its English translation)"
                        .into(),
            });
        }
        Ok(Glossary { entries })
    }

    /// Read a glossary file (UTF-8).
    pub fn read(path: &Path) -> Result<Glossary, Error> {
        let opts = ReadOptions {
            max_bytes: MAX_GLOSSARY_BYTES,
            ..ReadOptions::default()
        };
        let name = path.display().to_string();
        let bytes = read_bytes(path, &opts)?;
        let text =
            String::from_utf8(bytes).map_err(|_| Error::Undecodable { file: name.clone() })?;
        Glossary::parse(&name, &text)
    }
}

/// How many times lower-case `text` holds the lower-case English `term` as
/// whole words (a plural `s`/`es` after it allowed: `Licensees`).
pub(crate) fn count_en_term(text: &str, term: &str) -> usize {
    if term.is_empty() {
        return 0;
    }
    text.match_indices(term)
        .filter(|&(at, _)| {
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = &text[at + term.len()..];
            let after = after
                .strip_prefix("es")
                .or_else(|| after.strip_prefix('s'))
                .filter(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
                .unwrap_or(after);
            before_ok && after.chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_terms_match_whole_words_and_plurals() {
        assert_eq!(count_en_term("the licensee shall", "licensee"), 1);
        assert_eq!(count_en_term("all licensees shall", "licensee"), 1);
        assert_eq!(count_en_term("the sublicensee shall", "licensee"), 0);
        assert_eq!(count_en_term("licenseeship", "licensee"), 0);
        assert_eq!(count_en_term("a data provider.", "data provider"), 1);
        assert_eq!(
            count_en_term(
                "upstream data providers: the data provider's",
                "data provider"
            ),
            2
        );
    }

    #[test]
    fn glossaries_parse_and_bad_lines_are_errors() {
        let g = Glossary::parse(
            "g.tsv",
            "zh\ten\n# terms\n数据提供者\tData Provider\n\n被许可方\tLicensee\n",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[1].en, "Licensee");
        for (text, wanted) in [
            (
                "数据提供者 Data Provider\n",
                "g.tsv: line 1: cannot read the glossary file: expected",
            ),
            (
                "Data Provider\t数据提供者\n",
                "the first column must be the Chinese term",
            ),
            (
                "数据提供者\t数据\n",
                "the second column must be the English term",
            ),
            ("# nothing\n", "no term pairs"),
        ] {
            let err = Glossary::parse("g.tsv", text).unwrap_err().to_string();
            assert!(err.contains(wanted), "{text}: {err}");
        }
    }
}
