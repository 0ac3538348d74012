//! Folder layout rules of discovery: which file names name a language
//! (`zh.txt`, `policy.en.md`), which are a folder's own papers rather than
//! documents (`README.md`, `SOURCE.md`, `LICENSE`), and the `--include` /
//! `--exclude` selection of documents by glob.
//!
//! Kept apart from the walk in `discover` so the rules can be read (and
//! changed) in one place.

use std::path::Path;

use glob::{MatchOptions, Pattern};

use super::BatchError;
use super::discover::Job;
use crate::lang::Lang;

/// The language a file name's tag names: `zh`, `zh-CN`, `zh-Hans`, `en`,
/// `en-US`, `en-GB` in any case, `_` accepted for `-`.
pub(super) fn tag_language(tag: &str) -> Option<Lang> {
    match tag.to_ascii_lowercase().replace('_', "-").as_str() {
        "zh" | "zh-cn" | "zh-hans" => Some(Lang::Zh),
        "en" | "en-us" | "en-gb" => Some(Lang::En),
        _ => None,
    }
}

/// How a file stem (the name without its extension) names a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tagged<'a> {
    /// `NAME/zh.txt`: the stem is the tag alone; the document is the folder.
    Folder(Lang),
    /// `NAME.zh.txt`: the base name, then the tag.
    Suffix(&'a str, Lang),
}

/// The language tag of a file stem (`zh`, `policy.en-US`), if it has one.
pub(super) fn language_tag(stem: &str) -> Option<Tagged<'_>> {
    if let Some(lang) = tag_language(stem) {
        return Some(Tagged::Folder(lang));
    }
    let (base, tag) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    tag_language(tag).map(|lang| Tagged::Suffix(base, lang))
}

/// Names (before the first `.`, any case) of the files a folder of documents
/// keeps about itself: a collection's notes, provenance and licence, never a
/// policy to check. Kept short on purpose: a bilingual licence text under
/// another name is still a document, and a manifest can name any file.
const FOLDER_PAPERS: [&str; 10] = [
    "readme",
    "source",
    "sources",
    "license",
    "licence",
    "copying",
    "notice",
    "changelog",
    "contributing",
    "authors",
];

/// Whether a file is one of a folder's own papers (`README.md`,
/// `SOURCE.md`, `LICENSE.txt`, `readme-zh.md`), not a document.
pub(super) fn is_folder_paper(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    let head = lower
        .split(['.', '-', '_'])
        .next()
        .unwrap_or(lower.as_str());
    FOLDER_PAPERS.contains(&head)
}

/// The documents to keep: `--include` and `--exclude` glob patterns.
///
/// A pattern is matched against a document's id and against each of its
/// files as the summary shows them (relative to the folder, `/`
/// separators). `*` matches any characters, `/` included, `?` one, `[ab]`
/// a set, and `**` any folders. With include patterns, a document is kept
/// when one matches; any matching exclude pattern then drops it. A
/// two-file document is kept or dropped whole, never split.
///
/// ```
/// use clausealign::batch::Selection;
///
/// let s = Selection::new(&["moz-*".into()], &["*/zh.txt".into()]).unwrap();
/// assert!(s.selects("moz-terms", &["moz-terms/bilingual.txt"]));
/// assert!(!s.selects("moz-privacy", &["moz-privacy/zh.txt", "moz-privacy/en.txt"]));
/// assert!(!s.selects("gh-terms", &["gh-terms/bilingual.txt"]));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Selection {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
}

impl Selection {
    /// Compile the patterns; a malformed one (`[a`) is an error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Selection, BatchError> {
        let compile = |patterns: &[String]| -> Result<Vec<Pattern>, BatchError> {
            patterns
                .iter()
                .map(|p| {
                    Pattern::new(p).map_err(|e| {
                        BatchError::new(format!("not a valid glob pattern {p:?}: {}", e.msg))
                    })
                })
                .collect()
        };
        Ok(Selection {
            include: compile(include)?,
            exclude: compile(exclude)?,
        })
    }

    /// Whether no pattern was given (every document is kept).
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether the document `id` with the files `paths` is kept.
    pub fn selects(&self, id: &str, paths: &[&str]) -> bool {
        let options = MatchOptions {
            case_sensitive: true,
            require_literal_separator: false,
            require_literal_leading_dot: false,
        };
        let hits = |patterns: &[Pattern]| {
            patterns.iter().any(|p| {
                std::iter::once(id)
                    .chain(paths.iter().copied())
                    .filter(|s| !s.is_empty())
                    .any(|s| p.matches_with(s, options))
            })
        };
        (self.include.is_empty() || hits(&self.include)) && !hits(&self.exclude)
    }

    /// The jobs this selection keeps, in their order.
    pub fn filter(&self, jobs: Vec<Job>) -> Vec<Job> {
        if self.is_empty() {
            return jobs;
        }
        jobs.into_iter()
            .filter(|j| self.selects(&j.id, &[j.zh_path.as_str(), j.en_path.as_str()]))
            .collect()
    }
}

/// The id of a document laid out as a folder (`NAME/zh.txt` + `NAME/en.txt`):
/// the folder's path relative to the input folder, or, for the input folder
/// itself, its own name.
pub(super) fn folder_id(root: &Path, folder: &str) -> String {
    if !folder.is_empty() {
        return folder.to_string();
    }
    std::fs::canonicalize(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "document".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        use Tagged::*;
        assert_eq!(language_tag("policy.zh"), Some(Suffix("policy", Lang::Zh)));
        assert_eq!(language_tag("a.b.EN-us"), Some(Suffix("a.b", Lang::En)));
        assert_eq!(
            language_tag("policy.zh_CN"),
            Some(Suffix("policy", Lang::Zh))
        );
        assert_eq!(language_tag("zh"), Some(Folder(Lang::Zh)));
        assert_eq!(language_tag("EN-GB"), Some(Folder(Lang::En)));
        assert_eq!(language_tag("zh-Hans"), Some(Folder(Lang::Zh)));
        assert_eq!(language_tag("policy"), None);
        assert_eq!(language_tag(".zh"), None);
        assert_eq!(language_tag("policy.fr"), None);
        assert_eq!(language_tag("fr"), None);
        assert_eq!(language_tag("zhx"), None);
    }

    #[test]
    fn folder_papers() {
        for name in [
            "README.md",
            "readme.txt",
            "README-zh.md",
            "SOURCE.md",
            "LICENSE",
            "LICENCE.txt",
            "license_en.txt",
            "NOTICE.txt",
            "CHANGELOG.md",
        ] {
            assert!(is_folder_paper(name), "{name}");
        }
        for name in [
            "policy.txt",
            "zh.txt",
            "licensed-terms.txt",
            "sourcecode.md",
        ] {
            assert!(!is_folder_paper(name), "{name}");
        }
    }

    #[test]
    fn selection() {
        let all = Selection::new(&[], &[]).unwrap();
        assert!(all.is_empty() && all.selects("x", &["x.txt"]));
        let s = Selection::new(&["**/zh.txt".into(), "top".into()], &["gh-*".into()]).unwrap();
        assert!(s.selects("moz/a", &["moz/a/zh.txt", "moz/a/en.txt"]));
        assert!(s.selects("top", &["top.txt"]));
        assert!(!s.selects("other", &["other.txt"]));
        assert!(!s.selects("gh-terms", &["gh-terms/zh.txt", "gh-terms/en.txt"]));
        // Case matters; `*` crosses folders.
        let s = Selection::new(&[], &["*.MD".into(), "a*z".into()]).unwrap();
        assert!(s.selects("n", &["n.md"]));
        assert!(!s.selects("a/b/z", &["a/b/z.txt"]));
        let err = Selection::new(&["[a".into()], &[]).unwrap_err();
        assert!(err.message.contains("[a"), "{err}");
    }
}
