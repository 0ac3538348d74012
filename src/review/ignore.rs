//! Ignore rules: findings a reviewer never wants to see, by kind and text.
//!
//! An ignore file has one rule a line:
//!
//! ```text
//! # a comment; blank lines are skipped
//! omission 仅适用于中国大陆        # omissions whose text holds this
//! entity *Amazon*                  # a glob: * any run, ? one character
//! * internal note                  # any kind
//! modality                         # every modality finding
//! ```
//!
//! The first word is a finding kind (`omission`, `number`, ...) or `*`;
//! the rest of the line, if any, is a pattern. A pattern without `*` or `?`
//! matches when it occurs anywhere in the finding's text; one with them
//! must match a whole text. The texts a finding offers are its message, its
//! two values and the text of each clause it names; case is ignored. A `#`
//! after white space starts a comment (a pattern cannot hold ` #`).

use std::path::Path;

use crate::check::{Finding, FindingKind};
use crate::error::Error;
use crate::input::{ReadOptions, read_bytes};
use crate::lang::Lang;
use crate::model::Report;

/// An ignore file is refused above this size.
const MAX_IGNORE_BYTES: u64 = 4 << 20;

/// One rule: a kind (or any) and a pattern (or none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreRule {
    /// The kind it applies to; `None` for `*`.
    pub kind: Option<FindingKind>,
    /// The pattern, lower case; empty matches every finding of the kind.
    pub pattern: String,
    /// The 1-based line of the file it was read from.
    pub line: usize,
}

/// The rules of an ignore file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgnoreRules {
    /// The rules, in file order.
    pub rules: Vec<IgnoreRule>,
}

impl IgnoreRules {
    /// Parse the text of an ignore file; `name` names it in errors.
    pub fn parse(name: &str, text: &str) -> Result<IgnoreRules, Error> {
        let mut rules = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = strip_comment(raw.trim_start_matches('\u{feff}')).trim();
            if line.is_empty() {
                continue;
            }
            let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let kind = if word == "*" {
                None
            } else {
                Some(
                    FindingKind::ALL
                        .into_iter()
                        .find(|k| k.name() == word)
                        .ok_or_else(|| Error::Malformed {
                            file: name.to_string(),
                            format: "ignore",
                            line: Some(n + 1),
                            problem: format!(
                                "{word:?} is not a finding kind ({} or *)",
                                kind_names()
                            ),
                        })?,
                )
            };
            rules.push(IgnoreRule {
                kind,
                pattern: rest.trim().to_lowercase(),
                line: n + 1,
            });
        }
        Ok(IgnoreRules { rules })
    }

    /// Read an ignore file.
    pub fn read(path: &Path) -> Result<IgnoreRules, Error> {
        let opts = ReadOptions {
            max_bytes: MAX_IGNORE_BYTES,
            ..ReadOptions::default()
        };
        let name = path.display().to_string();
        let bytes = read_bytes(path, &opts)?;
        let text =
            String::from_utf8(bytes).map_err(|_| Error::Undecodable { file: name.clone() })?;
        IgnoreRules::parse(&name, &text)
    }

    /// The first rule that ignores `finding` of `report`, if one does.
    pub fn matching(&self, finding: &Finding, report: &Report) -> Option<&IgnoreRule> {
        let mut texts: Option<Vec<String>> = None;
        self.rules.iter().find(|rule| {
            if rule.kind.is_some_and(|k| k != finding.kind) {
                return false;
            }
            if rule.pattern.is_empty() {
                return true;
            }
            let texts = texts.get_or_insert_with(|| finding_texts(finding, report));
            texts.iter().any(|t| pattern_matches(&rule.pattern, t))
        })
    }
}

/// The kinds, as the error message lists them.
fn kind_names() -> String {
    FindingKind::ALL
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The line without a comment: `#` at its start or after white space.
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(at) => &line[..at],
        None => line,
    }
}

/// The texts a rule's pattern is matched against, lower case.
fn finding_texts(f: &Finding, report: &Report) -> Vec<String> {
    let mut texts = vec![f.message.to_lowercase()];
    texts.extend(
        f.zh_value
            .iter()
            .chain(&f.en_value)
            .map(|v| v.to_lowercase()),
    );
    for (lang, ids) in [(Lang::Zh, &f.zh), (Lang::En, &f.en)] {
        let clauses = report.clauses(lang);
        texts.extend(
            ids.iter()
                .filter_map(|&i| clauses.get(i))
                .map(|c| c.text.to_lowercase()),
        );
    }
    texts
}

/// A substring, or a glob over the whole text when it holds `*` or `?`.
fn pattern_matches(pattern: &str, text: &str) -> bool {
    if pattern.contains(['*', '?']) {
        glob(
            &pattern.chars().collect::<Vec<_>>(),
            &text.chars().collect::<Vec<_>>(),
        )
    } else {
        text.contains(pattern)
    }
}

/// Glob match of `*` (any run) and `?` (one character), iterative with one
/// backtrack point, so linear in practice and never exponential.
fn glob(p: &[char], t: &[char]) -> bool {
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_substrings() {
        assert!(pattern_matches("amazon", "we use amazon web services"));
        assert!(!pattern_matches("amazon*", "we use amazon web services"));
        assert!(pattern_matches("*amazon*", "we use amazon web services"));
        assert!(pattern_matches("*工作日?", "15个工作日内"));
        assert!(!pattern_matches("*工作日", "15个工作日内"));
        assert!(pattern_matches("a*b*c", "axxbyyc"));
        assert!(!pattern_matches("a*b*c", "axxbyy"));
        // Many stars on a long text stay fast (no exponential backtracking).
        let long = "a".repeat(10_000);
        assert!(!pattern_matches("*a*a*a*a*a*b", &long));
    }

    #[test]
    fn rules_parse_with_comments_and_any_kind() {
        let rules = IgnoreRules::parse(
            "ignore.txt",
            "# accepted\n\nomission 仅适用于中国大陆  # law\n* Internal\nmodality\n",
        )
        .unwrap();
        assert_eq!(rules.rules.len(), 3);
        assert_eq!(rules.rules[0].kind, Some(FindingKind::Omission));
        assert_eq!(rules.rules[0].pattern, "仅适用于中国大陆");
        assert_eq!(rules.rules[1].kind, None);
        assert_eq!(rules.rules[1].pattern, "internal");
        assert_eq!(rules.rules[2].pattern, "");
        assert_eq!(rules.rules[2].line, 5);
    }

    #[test]
    fn an_unknown_kind_is_an_error_naming_file_and_line() {
        let err = IgnoreRules::parse("ignore.txt", "omission\nnumbers 15\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("ignore.txt: line 2: cannot read the ignore file: \"numbers\""),
            "{err}"
        );
    }
}
