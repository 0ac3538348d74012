//! Discovery: the documents of a folder tree or a manifest CSV, as jobs
//! with unique ids and safe, unique output file stems.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::BatchError;
use super::layout::{Tagged, folder_id, is_folder_paper, language_tag};
use crate::lang::Lang;

/// File extensions (lower case) that discovery reads as documents.
pub const DOCUMENT_EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "xhtml"];
/// Longest output file stem, in bytes (file systems allow 255 per name).
pub const MAX_STEM_BYTES: usize = 120;

/// Where a document's text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobInput {
    /// One file holding both languages.
    One(PathBuf),
    /// A Chinese file and an English file.
    Two {
        /// The Chinese version.
        zh: PathBuf,
        /// The English version.
        en: PathBuf,
    },
    /// A document known to be unusable before reading it (a `.zh` file
    /// without its `.en` partner, a manifest row without a path): the message
    /// says why and becomes its error row.
    Invalid(String),
}

/// One document of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// Its id, unique within the batch.
    pub id: String,
    /// The stem of its output file: safe as a file name and unique within the
    /// batch, compared case-insensitively.
    pub stem: String,
    /// The Chinese file as the summary shows it (relative to the input folder
    /// or as written in the manifest); the bilingual file for one-file
    /// documents.
    pub zh_path: String,
    /// The English file as the summary shows it; the bilingual file for
    /// one-file documents.
    pub en_path: String,
    /// The files to read.
    pub input: JobInput,
}

/// A job before ids are made unique and stems assigned.
struct Draft {
    id: String,
    zh_path: String,
    en_path: String,
    input: JobInput,
}

/// Windows device names that cannot be file names, with any extension.
const RESERVED_NAMES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem for a document id that is safe on Linux, macOS and Windows:
/// path separators, characters Windows forbids (`<>:"|?*`) and control
/// characters become `_`; leading dots and spaces become `_` and trailing
/// ones are dropped (so no `.`, `..` or hidden names); Windows device names
/// (`CON`, `nul.txt`, `COM1`...) get a leading `_`; the empty id becomes
/// `_`; the result is cut to [`MAX_STEM_BYTES`]. Chinese and other letters
/// are kept. Different ids can give the same stem: [`run`](super::run)'s jobs come with
/// stems made unique (see [`discover`], [`read_manifest`]).
pub fn safe_file_stem(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| match c {
            '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' => '_',
            c => c,
        })
        .collect();
    // No `..` anywhere: a dot after a dot becomes `_`.
    let mut prev_dot = false;
    s = s
        .chars()
        .map(|c| {
            let out = if c == '.' && prev_dot { '_' } else { c };
            prev_dot = c == '.';
            out
        })
        .collect();
    // No trailing dots or spaces (Windows drops them), no leading ones.
    let trimmed_len = s.trim_end_matches(['.', ' ']).len();
    s.truncate(trimmed_len);
    let lead = s.len() - s.trim_start_matches(['.', ' ']).len();
    if lead > 0 {
        s.replace_range(..lead, &"_".repeat(lead));
    }
    if s.len() > MAX_STEM_BYTES {
        let mut cut = MAX_STEM_BYTES;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        let keep = s.trim_end_matches(['.', ' ']).len();
        s.truncate(keep);
    }
    if s.is_empty() {
        return "_".to_string();
    }
    let base = s.split('.').next().unwrap_or("").to_ascii_lowercase();
    if RESERVED_NAMES.contains(&base.trim_end()) {
        s.insert(0, '_');
    }
    s
}

/// Sort drafts by id, make ids unique (`a`, `a~2`, `a~3` in input order) and
/// assign unique stems (compared case-insensitively; `summary`, `pairs` and
/// `findings` are taken by the batch's own files).
fn finish(mut drafts: Vec<Draft>) -> Vec<Job> {
    drafts.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen: HashSet<String> = HashSet::new();
    let mut taken_ids: HashSet<String> = drafts.iter().map(|d| d.id.clone()).collect();
    for d in &mut drafts {
        if !seen.insert(d.id.clone()) {
            let mut n = 2;
            let id = loop {
                let candidate = format!("{}~{n}", d.id);
                if !taken_ids.contains(&candidate) {
                    break candidate;
                }
                n += 1;
            };
            taken_ids.insert(id.clone());
            seen.insert(id.clone());
            d.id = id;
        }
    }
    drafts.sort_by(|a, b| a.id.cmp(&b.id));
    let mut stems: HashSet<String> = ["summary", "pairs", "findings"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    drafts
        .into_iter()
        .map(|d| {
            let base = safe_file_stem(&d.id);
            let mut stem = base.clone();
            let mut n = 2;
            while stems.contains(&stem.to_lowercase()) {
                stem = format!("{base}~{n}");
                n += 1;
            }
            stems.insert(stem.to_lowercase());
            Job {
                id: d.id,
                stem,
                zh_path: d.zh_path,
                en_path: d.en_path,
                input: d.input,
            }
        })
        .collect()
}

/// Relative path with `/` separators, for ids and the summary.
fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Find the documents in a directory tree.
///
/// Rules: every file ending in `.txt`, `.md`, `.markdown`, `.html`, `.htm`
/// or `.xhtml` (any case) is a bilingual document, whose id is its path
/// relative to `dir` without the extension (`sub/policy`), with `/`
/// separators. Two files form one two-file document (the rules are in the
/// `layout` module): `NAME/zh.EXT` and `NAME/en.EXT` in a folder, id `NAME`
/// (the extensions may differ), and `X.zh.EXT` beside `X.en.EXT` with the
/// same extension, id `X` (the tags `zh-CN`, `zh-Hans`, `en-US`, `en-GB`
/// also count, any case, `_` for `-`); one without its partner, or a folder
/// with two Chinese or two English files, is a failing document. What
/// cannot be taken is never dropped silently: a dangling or looping link
/// with a document's extension, a subfolder that cannot be read, becomes a
/// failing document whose id is its path (with the extension) and whose
/// message says why; a FIFO or device with a document's extension is a
/// document the reader refuses. A folder's
/// own papers (`README*`, `SOURCE*`, `LICENSE*`, `LICENCE*`, `COPYING*`,
/// `NOTICE*`, `CHANGELOG*`, `CONTRIBUTING*`, `AUTHORS*`) are not
/// documents. Subfolders are searched; files and folders whose names start
/// with `.` are skipped, as is `exclude` (the output folder, when it lies
/// inside `dir`), and symbolic links to folders are not followed (links to
/// files are read). Files with other extensions are ignored. Ids that
/// coincide (`X.txt` and `X.md`) are made unique with `~2`, `~3` in path
/// order. [`Selection`](super::Selection) then picks documents by glob.
pub fn discover(dir: &Path, exclude: Option<&Path>) -> Result<Vec<Job>, BatchError> {
    let meta = fs::metadata(dir)
        .map_err(|e| BatchError::new(format!("{}: cannot read the folder: {e}", dir.display())))?;
    if !meta.is_dir() {
        return Err(BatchError::new(format!(
            "{}: not a folder (give a folder of documents or a manifest CSV)",
            dir.display()
        )));
    }
    let exclude = exclude.and_then(|p| fs::canonicalize(p).ok());
    let mut walked = Walked::default();
    walk(dir, Path::new(""), exclude.as_deref(), &mut walked)?;
    let mut files = walked.files;
    files.sort();
    // Two-file documents: (folder, base, extension) -> (zh files, en files).
    // `NAME/zh.*` + `NAME/en.*` have the base "" and pair across extensions
    // (extension "*"); `X.zh.EXT` + `X.en.EXT` only with the same extension.
    type Pair = (Vec<PathBuf>, Vec<PathBuf>);
    let mut pairs: BTreeMap<(PathBuf, String, String), Pair> = BTreeMap::new();
    let mut drafts = Vec::new();
    for (rel, why) in walked.skipped {
        let shown = slash_path(&rel);
        drafts.push(Draft {
            id: shown.clone(),
            zh_path: shown.clone(),
            en_path: shown,
            input: JobInput::Invalid(why),
        });
    }
    for rel in files {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        if is_folder_paper(&name) {
            continue;
        }
        let folder = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(tagged) = language_tag(stem) {
            let (key, lang) = match tagged {
                Tagged::Folder(lang) => ((folder, String::new(), "*".to_string()), lang),
                Tagged::Suffix(base, lang) => {
                    ((folder, base.to_string(), ext.to_ascii_lowercase()), lang)
                }
            };
            let slot = pairs.entry(key).or_default();
            match lang {
                Lang::Zh => slot.0.push(rel.clone()),
                Lang::En => slot.1.push(rel.clone()),
            }
            continue;
        }
        let shown = slash_path(&rel);
        drafts.push(Draft {
            id: slash_path(&folder.join(stem)),
            zh_path: shown.clone(),
            en_path: shown,
            input: JobInput::One(dir.join(&rel)),
        });
    }
    for ((folder, base, ext), (zh, en)) in pairs {
        let id = if base.is_empty() {
            folder_id(dir, &slash_path(&folder))
        } else {
            slash_path(&folder.join(&base))
        };
        // The partner a lone file lacks, as it should be named.
        let partner = |lang: Lang, found: &Path| {
            let found_ext = found
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tag = match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            };
            let name = if base.is_empty() {
                format!("{tag}.{found_ext}")
            } else {
                format!("{base}.{tag}.{ext}")
            };
            slash_path(&folder.join(name))
        };
        let listed = |files: &[PathBuf]| {
            files
                .iter()
                .map(|f| slash_path(f))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let draft = match (zh.as_slice(), en.as_slice()) {
            ([zh], [en]) => Draft {
                id,
                zh_path: slash_path(zh),
                en_path: slash_path(en),
                input: JobInput::Two {
                    zh: dir.join(zh),
                    en: dir.join(en),
                },
            },
            ([zh], []) => Draft {
                id,
                zh_path: slash_path(zh),
                en_path: String::new(),
                input: JobInput::Invalid(format!(
                    "{}: only the Chinese version was found; the English version should be {}",
                    dir.join(zh).display(),
                    partner(Lang::En, zh)
                )),
            },
            ([], [en]) => Draft {
                id,
                zh_path: String::new(),
                en_path: slash_path(en),
                input: JobInput::Invalid(format!(
                    "{}: only the English version was found; the Chinese version should be {}",
                    dir.join(en).display(),
                    partner(Lang::Zh, en)
                )),
            },
            ([], []) => continue,
            (zh, en) => Draft {
                id,
                zh_path: listed(zh),
                en_path: listed(en),
                input: JobInput::Invalid(format!(
                    "{}: more than one version of a language ({}); keep one Chinese and one English file, or leave the others out by an exclude pattern",
                    dir.join(&folder).display(),
                    listed(&[zh, en].concat())
                )),
            },
        };
        drafts.push(draft);
    }
    Ok(finish(drafts))
}

/// What a walk of the input folder finds: the document files, and the
/// entries it could not take (each becomes an error row, never a silent
/// gap in the batch).
#[derive(Default)]
struct Walked {
    /// Document files, relative to the input folder.
    files: Vec<PathBuf>,
    /// Entries skipped, relative to the input folder, with why.
    skipped: Vec<(PathBuf, String)>,
}

fn walk(
    root: &Path,
    rel: &Path,
    exclude: Option<&Path>,
    out: &mut Walked,
) -> Result<(), BatchError> {
    let here = root.join(rel);
    if let Some(ex) = exclude
        && fs::canonicalize(&here).is_ok_and(|c| c == ex)
    {
        return Ok(());
    }
    let entries = match fs::read_dir(&here) {
        Ok(entries) => entries,
        // The input folder itself: nothing to do at all.
        Err(e) if rel.as_os_str().is_empty() => {
            return Err(BatchError::new(format!(
                "{}: cannot read the folder: {e}",
                here.display()
            )));
        }
        Err(e) => {
            let why = format!("{}: cannot read the folder: {e}", here.display());
            out.skipped.push((rel.to_path_buf(), why));
            return Ok(());
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(entry),
            Err(e) => {
                let why = format!(
                    "{}: cannot list an entry of the folder: {e}",
                    here.display()
                );
                out.skipped.push((rel.to_path_buf(), why));
            }
        }
    }
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str.starts_with('.') {
            continue;
        }
        let child = rel.join(&name);
        let ft = match entry.file_type() {
            Ok(ft) => ft,
            Err(e) => {
                let why = format!("{}: cannot tell what it is: {e}", entry.path().display());
                out.skipped.push((child, why));
                continue;
            }
        };
        if ft.is_dir() {
            walk(root, &child, exclude, out)?;
            continue;
        }
        let is_document = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !is_document {
            continue;
        }
        // A link is read when it points at a file; links to folders are not
        // followed. A link that leads nowhere (dangling, or a loop) is an
        // error row; one to a folder or a special file is read and refused
        // by the reader, which says what it is.
        if ft.is_symlink() {
            match fs::metadata(entry.path()) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => {}
                Err(e) => {
                    let why = if e.kind() == std::io::ErrorKind::NotFound {
                        format!(
                            "{}: a symbolic link to a file that does not exist (dangling link)",
                            entry.path().display()
                        )
                    } else {
                        format!(
                            "{}: the symbolic link cannot be followed: {e}",
                            entry.path().display()
                        )
                    };
                    out.skipped.push((child, why));
                    continue;
                }
            }
        }
        out.files.push(child);
    }
    Ok(())
}

/// Read a manifest CSV. Its header names the columns (any order, any case,
/// other columns ignored): `id,path` for bilingual files, `id,zh,en` for
/// two-file documents; with all four, a row uses `path` when it is not
/// empty. Relative paths are taken from the manifest's folder. A row without
/// a usable path becomes a failing document; an unreadable manifest, a
/// missing column or malformed CSV is a [`BatchError`]. Duplicate ids are
/// made unique with `~2`, `~3` in row order.
pub fn read_manifest(manifest: &Path) -> Result<Vec<Job>, BatchError> {
    let name = manifest.display();
    let bytes = fs::read(manifest)
        .map_err(|e| BatchError::new(format!("{name}: cannot read the manifest: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let base = manifest.parent().unwrap_or(Path::new(""));
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| BatchError::new(format!("{name}: not a CSV manifest: {e}")))?
        .clone();
    let col = |want: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(want))
    };
    let id_col = col("id");
    let path_col = col("path");
    let zh_col = col("zh");
    let en_col = col("en");
    let Some(id_col) = id_col else {
        return Err(BatchError::new(format!(
            "{name}: the manifest has no `id` column (header `id,path` or `id,zh,en`)"
        )));
    };
    if path_col.is_none() && (zh_col.is_none() || en_col.is_none()) {
        return Err(BatchError::new(format!(
            "{name}: the manifest needs a `path` column or both `zh` and `en` columns (header `id,path` or `id,zh,en`)"
        )));
    }
    let mut drafts = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| BatchError::new(format!("{name}: {e}")))?;
        let line = record.position().map_or(row + 2, |p| p.line() as usize);
        let field = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .unwrap_or("")
                .to_string()
        };
        let id = field(Some(id_col));
        let (path, zh, en) = (field(path_col), field(zh_col), field(en_col));
        let draft = if !path.is_empty() {
            Draft {
                id,
                zh_path: path.clone(),
                en_path: path.clone(),
                input: JobInput::One(base.join(&path)),
            }
        } else if !zh.is_empty() && !en.is_empty() {
            Draft {
                id,
                input: JobInput::Two {
                    zh: base.join(&zh),
                    en: base.join(&en),
                },
                zh_path: zh,
                en_path: en,
            }
        } else {
            let what = if path_col.is_some() && zh_col.is_none() {
                "no path".to_string()
            } else if zh.is_empty() && en.is_empty() {
                "no file".to_string()
            } else if zh.is_empty() {
                "no Chinese file (zh)".to_string()
            } else {
                "no English file (en)".to_string()
            };
            Draft {
                id,
                input: JobInput::Invalid(format!("{name}, line {line}: {what} for this document")),
                zh_path: zh,
                en_path: en,
            }
        };
        drafts.push(draft);
    }
    Ok(finish(drafts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, bytes: &[u8]) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_file_stem("../../etc/x"), "___.__etc_x");
        assert_eq!(safe_file_stem("/abs"), "_abs");
        assert_eq!(safe_file_stem("a/b"), "a_b");
        assert_eq!(safe_file_stem("a\\b"), "a_b");
        assert_eq!(safe_file_stem("CON"), "_CON");
        assert_eq!(safe_file_stem("nul.txt"), "_nul.txt");
        assert_eq!(safe_file_stem("com1"), "_com1");
        assert_eq!(safe_file_stem("console"), "console");
        assert_eq!(safe_file_stem(""), "_");
        assert_eq!(safe_file_stem(".."), "__");
        assert_eq!(safe_file_stem("."), "_");
        assert_eq!(safe_file_stem(".hidden"), "_hidden");
        assert_eq!(safe_file_stem("a\0b\nc"), "a_b_c");
        assert_eq!(safe_file_stem("隐私政策 v2"), "隐私政策 v2");
        assert_eq!(safe_file_stem("x. "), "x");
        assert_eq!(safe_file_stem("a:b*c?"), "a_b_c_");
        let long = "长".repeat(100);
        let s = safe_file_stem(&long);
        assert!(s.len() <= MAX_STEM_BYTES && s.chars().all(|c| c == '长'));
    }

    fn draft(id: &str) -> Draft {
        Draft {
            id: id.to_string(),
            zh_path: String::new(),
            en_path: String::new(),
            input: JobInput::Invalid(String::new()),
        }
    }

    #[test]
    fn ids_and_stems_are_unique() {
        let jobs = finish(
            ["b", "a", "a", "A", "a~2", "summary", "x/y", "x_y", ""]
                .iter()
                .map(|s| draft(s))
                .collect(),
        );
        let ids: Vec<&str> = jobs.iter().map(|j| j.id.as_str()).collect();
        assert_eq!(
            ids,
            ["", "A", "a", "a~2", "a~3", "b", "summary", "x/y", "x_y"]
        );
        let stems: Vec<&str> = jobs.iter().map(|j| j.stem.as_str()).collect();
        assert_eq!(
            stems,
            [
                "_",
                "A",
                "a~2",
                "a~2~2",
                "a~3",
                "b",
                "summary~2",
                "x_y",
                "x_y~2"
            ]
        );
    }

    /// The `NAME/zh.*` + `NAME/en.*` layout, the folder's own papers, and
    /// what a lone or doubled file is told.
    #[test]
    fn folder_layout_name_zh_en() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("corpus");
        write(&d.join("README.md"), b"x");
        write(&d.join("acme/zh.txt"), b"x");
        write(&d.join("acme/en.txt"), b"x");
        write(&d.join("acme/SOURCE.md"), b"x");
        write(&d.join("acme/LICENSE.txt"), b"x");
        write(&d.join("acme/bilingual.txt"), b"x");
        write(&d.join("mixed/zh-CN.md"), b"x");
        write(&d.join("mixed/EN.txt"), b"x");
        write(&d.join("half/zh.txt"), b"x");
        write(&d.join("twice/zh.txt"), b"x");
        write(&d.join("twice/zh.md"), b"x");
        write(&d.join("twice/en.txt"), b"x");
        let jobs = discover(&d, None).unwrap();
        let ids: Vec<&str> = jobs.iter().map(|j| j.id.as_str()).collect();
        assert_eq!(ids, ["acme", "acme/bilingual", "half", "mixed", "twice"]);
        let by_id = |id: &str| jobs.iter().find(|j| j.id == id).unwrap();
        assert_eq!(
            by_id("acme").input,
            JobInput::Two {
                zh: d.join("acme/zh.txt"),
                en: d.join("acme/en.txt")
            }
        );
        assert_eq!(by_id("mixed").zh_path, "mixed/zh-CN.md");
        assert_eq!(by_id("mixed").en_path, "mixed/EN.txt");
        // What a document lacks, in the layout's own terms.
        match &by_id("half").input {
            JobInput::Invalid(msg) => assert!(
                msg.contains("half/zh.txt")
                    && msg.contains("only the Chinese version")
                    && msg.ends_with("half/en.txt"),
                "{msg}"
            ),
            other => panic!("half/zh.txt alone should fail, got {other:?}"),
        }
        match &by_id("twice").input {
            JobInput::Invalid(msg) => assert!(
                msg.contains("twice/zh.md") && msg.contains("twice/zh.txt"),
                "{msg}"
            ),
            other => panic!("two Chinese files should fail, got {other:?}"),
        }
        // The input folder itself in the layout: the document is named after it.
        let solo = dir.path().join("solo");
        write(&solo.join("zh.txt"), b"x");
        write(&solo.join("en.txt"), b"x");
        let jobs = discover(&solo, None).unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].id, "solo");
        assert!(matches!(jobs[0].input, JobInput::Two { .. }));
    }
}
