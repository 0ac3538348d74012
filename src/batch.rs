//! Batch: analyse many documents in parallel and write one result per
//! document, a summary and, optionally, one CSV of all aligned pairs.
//!
//! ```no_run
//! use clausealign::batch::{self, BatchOptions};
//! let jobs = batch::discover("policies".as_ref(), Some("out".as_ref())).unwrap();
//! let outcome = batch::run(&jobs, "out".as_ref(), &BatchOptions::default(), &|_| {}).unwrap();
//! println!("{} failed", outcome.failed());
//! ```
//!
//! Documents come from a directory tree ([`discover`]) or a manifest CSV
//! ([`read_manifest`]); both give [`Job`]s sorted by id, with unique ids and
//! unique, safe output file stems ([`safe_file_stem`]). [`run`] analyses them
//! on a local rayon pool; every document is read, analysed, written and
//! dropped before its worker takes the next one, so memory does not grow with
//! the number of documents. Results are identical whatever the number of
//! threads: jobs are sorted, each result depends on its document only, and the
//! summary and the combined pairs CSV are assembled in job order.
//!
//! The output folder holds `<stem>.<ext>` per document that succeeded,
//! `summary.csv`, `pairs.csv` (with [`BatchOptions::pairs_csv`]) and a hidden
//! folder [`SIDECAR_DIR`] with each document's summary row and pair rows, which
//! `--resume` reuses. Nothing is written outside the output folder.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::check::{self, FindingKind};
use crate::export::{self, CSV_HEADER, Format, Granularity, View, WriteOptions};
use crate::input::ReadOptions;
use crate::pipeline::{self, DocumentInput, Options};

/// Hidden folder inside the output folder holding per-document sidecars.
pub const SIDECAR_DIR: &str = ".clausealign";
/// Name of the summary file in the output folder.
pub const SUMMARY_FILE: &str = "summary.csv";
/// Name of the combined pairs file in the output folder.
pub const PAIRS_FILE: &str = "pairs.csv";
/// File extensions (lower case) that discovery reads as documents.
pub const DOCUMENT_EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "xhtml"];
/// Longest output file stem, in bytes (file systems allow 255 per name).
pub const MAX_STEM_BYTES: usize = 120;

/// Finding kinds counted in the summary, in column order.
pub const FINDING_KINDS: [FindingKind; 7] = FindingKind::ALL;

/// Column names of `summary.csv`.
pub const SUMMARY_HEADER: [&str; 20] = [
    "id",
    "output",
    "status",
    "error",
    "zh_path",
    "en_path",
    "shape",
    "bytes",
    "zh_clauses",
    "en_clauses",
    "pairs",
    "findings",
    "omission",
    "number",
    "date",
    "contact",
    "entity",
    "negation",
    "modality",
    "seconds",
];

/// A problem with the batch as a whole (bad input folder or manifest,
/// unwritable output folder): the command-line's usage errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchError {
    /// What is wrong, naming the file or folder.
    pub message: String,
}

impl BatchError {
    fn new(message: impl Into<String>) -> BatchError {
        BatchError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BatchError {}

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
/// are kept. Different ids can give the same stem: [`run`]'s jobs come with
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
/// assign unique stems (compared case-insensitively; `summary` and `pairs`
/// are taken by the batch's own files).
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
    let mut stems: HashSet<String> = ["summary", "pairs"].iter().map(|s| s.to_string()).collect();
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

/// Language tag of a file name stem (`policy.zh`, `policy.en-US`): the base
/// name and the language, if the stem ends with one.
fn language_tag(stem: &str) -> Option<(&str, crate::lang::Lang)> {
    use crate::lang::Lang;
    let (base, tag) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    let lang = match tag.as_str() {
        "zh" | "zh-cn" | "zh-hans" => Lang::Zh,
        "en" | "en-us" | "en-gb" => Lang::En,
        _ => return None,
    };
    Some((base, lang))
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
/// separators. A file named `X.zh.EXT` and one named `X.en.EXT` in the same
/// folder with the same extension form one two-file document with id `X`
/// (the tags `zh-CN`, `zh-Hans`, `en-US`, `en-GB` also count, any case, `_`
/// for `-`); one without its partner is a failing document. Subfolders are
/// searched; files and folders whose names start with `.` are skipped, as is
/// `exclude` (the output folder, when it lies inside `dir`), and symbolic
/// links to folders are not followed (links to files are read). Files with
/// other extensions are ignored. Ids that coincide (`X.txt` and `X.md`) are
/// made unique with `~2`, `~3` in path order.
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
    let mut files: Vec<PathBuf> = Vec::new();
    walk(dir, Path::new(""), exclude.as_deref(), &mut files)?;
    files.sort();
    // Two-file documents: (folder, base, extension) -> (zh, en).
    type Pair = (Option<PathBuf>, Option<PathBuf>);
    let mut pairs: BTreeMap<(PathBuf, String, String), Pair> = BTreeMap::new();
    let mut drafts = Vec::new();
    for rel in files {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        let folder = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some((base, lang)) = language_tag(stem) {
            let slot = pairs
                .entry((folder, base.to_string(), ext.to_ascii_lowercase()))
                .or_default();
            match lang {
                crate::lang::Lang::Zh => slot.0 = Some(rel.clone()),
                crate::lang::Lang::En => slot.1 = Some(rel.clone()),
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
        let id = slash_path(&folder.join(&base));
        let draft = match (zh, en) {
            (Some(zh), Some(en)) => Draft {
                id,
                zh_path: slash_path(&zh),
                en_path: slash_path(&en),
                input: JobInput::Two {
                    zh: dir.join(&zh),
                    en: dir.join(&en),
                },
            },
            (Some(zh), None) => Draft {
                id,
                zh_path: slash_path(&zh),
                en_path: String::new(),
                input: JobInput::Invalid(format!(
                    "{}: only the Chinese version was found; the English version should be {}",
                    dir.join(&zh).display(),
                    slash_path(&folder.join(format!("{base}.en.{ext}")))
                )),
            },
            (None, Some(en)) => Draft {
                id,
                zh_path: String::new(),
                en_path: slash_path(&en),
                input: JobInput::Invalid(format!(
                    "{}: only the English version was found; the Chinese version should be {}",
                    dir.join(&en).display(),
                    slash_path(&folder.join(format!("{base}.zh.{ext}")))
                )),
            },
            (None, None) => continue,
        };
        drafts.push(draft);
    }
    Ok(finish(drafts))
}

fn walk(
    root: &Path,
    rel: &Path,
    exclude: Option<&Path>,
    out: &mut Vec<PathBuf>,
) -> Result<(), BatchError> {
    let here = root.join(rel);
    if let Some(ex) = exclude
        && fs::canonicalize(&here).is_ok_and(|c| c == ex)
    {
        return Ok(());
    }
    let entries = fs::read_dir(&here)
        .map_err(|e| BatchError::new(format!("{}: cannot read the folder: {e}", here.display())))?;
    let mut names: Vec<_> = entries.filter_map(Result::ok).collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str.starts_with('.') {
            continue;
        }
        let child = rel.join(&name);
        let Ok(ft) = entry.file_type() else { continue };
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
        // A link is read when it points at a file; links to folders are not followed.
        if ft.is_symlink() && !fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            continue;
        }
        out.push(child);
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

/// Options of a batch run.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Format of the per-document results.
    pub format: Format,
    /// Granularity of the reported pairs.
    pub granularity: Granularity,
    /// Analysis options.
    pub analyze: Options,
    /// Reading options (size limit).
    pub read: ReadOptions,
    /// Start CSV files (results, summary, pairs) with a UTF-8 BOM.
    pub excel: bool,
    /// Also write `pairs.csv`, all documents' pairs with a leading id column.
    pub pairs_csv: bool,
    /// Skip documents whose result (and sidecars) already exist.
    pub resume: bool,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            format: Format::Json,
            granularity: Granularity::Lines,
            analyze: Options::default(),
            read: ReadOptions::default(),
            excel: false,
            pairs_csv: false,
            resume: false,
            jobs: 0,
        }
    }
}

/// The file extension of results in `format`.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Csv => "csv",
        Format::Tmx => "tmx",
        Format::Beads => "beads",
        Format::Text => "txt",
        Format::Html => "html",
    }
}

/// Whether a document succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Analysed and written.
    Ok,
    /// Not analysed; see the message.
    Error,
}

impl Status {
    /// `ok` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Error => "error",
        }
    }
}

/// Counts of a document that was analysed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Layout (`zh-then-en`, `two-files`...).
    pub shape: String,
    /// Chinese clauses.
    pub zh_clauses: usize,
    /// English clauses.
    pub en_clauses: usize,
    /// Pairs reported (at the chosen granularity).
    pub pairs: usize,
    /// Findings per kind, in the order of [`FINDING_KINDS`].
    pub findings: [usize; 7],
}

/// One row of `summary.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The document id.
    pub id: String,
    /// The result file name in the output folder (empty on error).
    pub output: String,
    /// `ok` or `error`.
    pub status: Status,
    /// Why it failed (empty when ok).
    pub error: String,
    /// The Chinese (or bilingual) input file.
    pub zh_path: String,
    /// The English (or bilingual) input file.
    pub en_path: String,
    /// Input size in bytes (both files of a two-file document), when known.
    pub bytes: Option<u64>,
    /// Counts, when the document was analysed.
    pub counts: Option<Counts>,
    /// Wall-clock seconds spent on the document.
    pub seconds: f64,
}

impl SummaryRow {
    /// The CSV fields, in the order of [`SUMMARY_HEADER`].
    pub fn fields(&self) -> Vec<String> {
        let opt = |v: Option<usize>| v.map_or_else(String::new, |v| v.to_string());
        let c = self.counts.as_ref();
        let mut row = vec![
            self.id.clone(),
            self.output.clone(),
            self.status.as_str().to_string(),
            self.error.clone(),
            self.zh_path.clone(),
            self.en_path.clone(),
            c.map_or_else(String::new, |c| c.shape.clone()),
            self.bytes.map_or_else(String::new, |b| b.to_string()),
            opt(c.map(|c| c.zh_clauses)),
            opt(c.map(|c| c.en_clauses)),
            opt(c.map(|c| c.pairs)),
            opt(c.map(|c| c.findings.iter().sum())),
        ];
        for k in 0..FINDING_KINDS.len() {
            row.push(opt(c.map(|c| c.findings[k])));
        }
        row.push(format!("{:.3}", self.seconds));
        row
    }
}

/// Where a document's files go in the output folder.
struct Paths {
    result: PathBuf,
    row: PathBuf,
    pairs: PathBuf,
    tmp: PathBuf,
}

fn paths_of(out: &Path, job: &Job, format: Format) -> Paths {
    let side = out.join(SIDECAR_DIR);
    Paths {
        result: out.join(format!("{}.{}", job.stem, extension(format))),
        row: side.join("rows").join(format!("{}.json", job.stem)),
        pairs: side.join("pairs").join(format!("{}.csv", job.stem)),
        tmp: side.join("tmp"),
    }
}

/// Create the output folder and the sidecar folders and check they are
/// writable.
pub fn prepare_output(out: &Path) -> Result<(), BatchError> {
    let fail = |p: &Path, e: io::Error| {
        BatchError::new(format!(
            "{}: cannot write the output folder: {e}",
            p.display()
        ))
    };
    if out.exists() && !out.is_dir() {
        return Err(BatchError::new(format!(
            "{}: exists and is not a folder",
            out.display()
        )));
    }
    fs::create_dir_all(out).map_err(|e| fail(out, e))?;
    let side = out.join(SIDECAR_DIR);
    if fs::symlink_metadata(&side).is_ok_and(|m| !m.is_dir()) {
        return Err(BatchError::new(format!(
            "{}: exists and is not a folder (clausealign keeps its sidecar files there)",
            side.display()
        )));
    }
    for sub in ["rows", "pairs", "tmp"] {
        let d = side.join(sub);
        fs::create_dir_all(&d).map_err(|e| fail(&d, e))?;
    }
    let probe = side.join("tmp").join(".probe");
    File::create(&probe).map_err(|e| fail(out, e))?;
    let _ = fs::remove_file(&probe);
    Ok(())
}

/// Write a file through a temporary file in `tmp`, renamed into place only
/// when complete.
fn write_atomic(
    tmp_dir: &Path,
    tag: &str,
    target: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = tmp_dir.join(format!("{tag}-{name}.part"));
    let mut w = BufWriter::new(File::create(&tmp)?);
    write(&mut w)?;
    w.flush()?;
    drop(w);
    Ok(tmp)
}

fn input_bytes(input: &JobInput) -> Option<u64> {
    let size = |p: &Path| {
        fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    };
    match input {
        JobInput::One(p) => size(p),
        JobInput::Two { zh, en } => Some(size(zh)? + size(en)?),
        JobInput::Invalid(_) => None,
    }
}

/// A worker's outcome for one document, before the summary row is complete.
struct Done {
    counts: Counts,
    bytes: u64,
    /// Temporary files to rename into place: (temporary, target).
    renames: Vec<(PathBuf, PathBuf)>,
}

fn analyze_one(job: &Job, paths: &Paths, opts: &BatchOptions) -> Result<Done, String> {
    let input = match &job.input {
        JobInput::One(p) => DocumentInput::read_one(p, &opts.read),
        JobInput::Two { zh, en } => DocumentInput::read_two(zh, en, &opts.read),
        JobInput::Invalid(msg) => return Err(msg.clone()),
    }
    .map_err(|e| e.to_string())?;
    let report = pipeline::analyze(&input, &opts.analyze).map_err(|e| e.to_string())?;
    drop(input);
    let findings = check::check(
        &report,
        crate::lexicon::Lexicon::builtin(),
        &Default::default(),
    );
    let view = View::new(&report, &findings, opts.granularity);
    let mut per_kind = [0usize; 7];
    for f in &findings {
        if let Some(k) = FINDING_KINDS.iter().position(|&k| k == f.kind) {
            per_kind[k] += 1;
        }
    }
    let shape = serde_json::to_value(report.shape)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let counts = Counts {
        shape,
        zh_clauses: report.zh.len(),
        en_clauses: report.en.len(),
        pairs: view.pairs.len(),
        findings: per_kind,
    };
    let bytes = if report.zh_source.name == report.en_source.name {
        report.zh_source.file_len() as u64
    } else {
        (report.zh_source.file_len() + report.en_source.file_len()) as u64
    };
    let write_err = |p: &Path, e: io::Error| format!("{}: cannot write: {e}", p.display());
    let mut renames = Vec::new();
    let wopts = WriteOptions {
        color: false,
        excel: opts.excel,
        findings: true,
    };
    let tmp = write_atomic(&paths.tmp, "result", &paths.result, |w| {
        export::write(w, &view, opts.format, wopts)
    })
    .map_err(|e| write_err(&paths.result, e))?;
    renames.push((tmp, paths.result.clone()));
    if opts.pairs_csv {
        let id = job.id.as_str();
        let tmp = write_atomic(&paths.tmp, "pairs", &paths.pairs, |w| {
            let mut c = csv::WriterBuilder::new().has_headers(false).from_writer(w);
            export::write_csv_rows(&mut c, &view, &[id])?;
            c.flush()
        })
        .map_err(|e| write_err(&paths.pairs, e))?;
        // The result is renamed last: its presence marks a finished document.
        renames.insert(0, (tmp, paths.pairs.clone()));
    } else {
        // A part left by an earlier run would not match this result.
        let _ = fs::remove_file(&paths.pairs);
    }
    Ok(Done {
        counts,
        bytes,
        renames,
    })
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// A previous run's row for `job`, if its result and sidecars are complete.
fn resumed_row(job: &Job, paths: &Paths, opts: &BatchOptions) -> Option<SummaryRow> {
    if !paths.result.is_file() || (opts.pairs_csv && !paths.pairs.is_file()) {
        return None;
    }
    let row: SummaryRow = serde_json::from_slice(&fs::read(&paths.row).ok()?).ok()?;
    (row.status == Status::Ok && row.id == job.id).then_some(row)
}

/// Analyse one document and write its result into `out` (which
/// [`prepare_output`] made): the result file, and the sidecars with its
/// summary row and pair rows. Returns its summary row and whether it was
/// skipped because `--resume` found it done. Never fails: a document that
/// cannot be read or analysed (or panics) gets an error row, and any result
/// left from an earlier run is removed.
pub fn run_one(job: &Job, out: &Path, opts: &BatchOptions) -> (SummaryRow, bool) {
    let paths = paths_of(out, job, opts.format);
    if opts.resume
        && let Some(row) = resumed_row(job, &paths, opts)
    {
        return (row, true);
    }
    let started = Instant::now();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| analyze_one(job, &paths, opts)))
        .unwrap_or_else(|p| {
            Err(format!(
                "{}: internal error while analysing: {}",
                job.zh_path,
                panic_message(p.as_ref())
            ))
        });
    let mut row = SummaryRow {
        id: job.id.clone(),
        output: String::new(),
        status: Status::Error,
        error: String::new(),
        zh_path: job.zh_path.clone(),
        en_path: job.en_path.clone(),
        bytes: None,
        counts: None,
        seconds: 0.0,
    };
    let result = outcome.and_then(|done| {
        row.seconds = started.elapsed().as_secs_f64();
        row.status = Status::Ok;
        row.bytes = Some(done.bytes);
        row.counts = Some(done.counts);
        row.output = paths
            .result
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let json = serde_json::to_vec(&row).map_err(|e| e.to_string())?;
        let tmp = write_atomic(&paths.tmp, "row", &paths.row, |w| w.write_all(&json))
            .map_err(|e| format!("{}: cannot write: {e}", paths.row.display()))?;
        let mut renames = done.renames;
        renames.insert(renames.len() - 1, (tmp, paths.row.clone()));
        for (from, to) in renames {
            fs::rename(&from, &to).map_err(|e| format!("{}: cannot write: {e}", to.display()))?;
        }
        Ok(())
    });
    if let Err(message) = result {
        for p in [&paths.result, &paths.row, &paths.pairs] {
            let _ = fs::remove_file(p);
        }
        row.status = Status::Error;
        row.output.clear();
        row.counts = None;
        row.bytes = input_bytes(&job.input);
        row.error = message.replace(['\r', '\n'], " ");
        row.seconds = started.elapsed().as_secs_f64();
    }
    (row, false)
}

/// What a progress callback is told after each document.
#[derive(Clone, Debug)]
pub struct Progress<'a> {
    /// Documents finished so far (this one included).
    pub done: usize,
    /// Documents in the batch.
    pub total: usize,
    /// The document just finished.
    pub row: &'a SummaryRow,
    /// Whether it was skipped by `--resume`.
    pub skipped: bool,
}

/// The result of a batch run.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Summary rows in job (id) order.
    pub rows: Vec<SummaryRow>,
    /// Documents skipped by `--resume`.
    pub skipped: usize,
}

impl Outcome {
    /// Documents that failed.
    pub fn failed(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status == Status::Error)
            .count()
    }
}

/// Analyse `jobs` on `opts.jobs` threads (a local pool), writing results into
/// `out`, then `summary.csv` (and `pairs.csv`) in job order. `progress` is
/// called from the workers after each document. Fails only when the output
/// folder cannot be written or the pool cannot start; failing documents are
/// rows of the outcome.
pub fn run(
    jobs: &[Job],
    out: &Path,
    opts: &BatchOptions,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<Outcome, BatchError> {
    prepare_output(out)?;
    let threads = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("clausealign-batch-{i}"))
        .build()
        .map_err(|e| BatchError::new(format!("cannot start {threads} worker threads: {e}")))?;
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let results: Vec<(SummaryRow, bool)> = pool.install(|| {
        jobs.par_iter()
            .with_max_len(1)
            .map(|job| {
                let (row, skipped) = run_one(job, out, opts);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(&Progress {
                    done: n,
                    total,
                    row: &row,
                    skipped,
                });
                (row, skipped)
            })
            .collect()
    });
    let skipped = results.iter().filter(|(_, s)| *s).count();
    let rows: Vec<SummaryRow> = results.into_iter().map(|(r, _)| r).collect();
    let tmp_dir = out.join(SIDECAR_DIR).join("tmp");
    let summary = out.join(SUMMARY_FILE);
    let write_err =
        |p: &Path, e: io::Error| BatchError::new(format!("{}: cannot write: {e}", p.display()));
    let tmp = write_atomic(&tmp_dir, "summary", &summary, |w| {
        write_summary(w, &rows, opts.excel)
    })
    .map_err(|e| write_err(&summary, e))?;
    fs::rename(&tmp, &summary).map_err(|e| write_err(&summary, e))?;
    if opts.pairs_csv {
        let target = out.join(PAIRS_FILE);
        let tmp = write_atomic(&tmp_dir, "pairs", &target, |w| {
            write_pairs(w, jobs, &rows, out, opts)
        })
        .map_err(|e| write_err(&target, e))?;
        fs::rename(&tmp, &target).map_err(|e| write_err(&target, e))?;
    }
    Ok(Outcome { rows, skipped })
}

/// Write `summary.csv`: the header and one row per document.
pub fn write_summary(out: &mut dyn Write, rows: &[SummaryRow], excel: bool) -> io::Result<()> {
    if excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SUMMARY_HEADER)?;
    for r in rows {
        w.write_record(r.fields())?;
    }
    w.flush()
}

/// Concatenate the documents' pair rows, in job order, under one header.
fn write_pairs(
    out: &mut dyn Write,
    jobs: &[Job],
    rows: &[SummaryRow],
    dir: &Path,
    opts: &BatchOptions,
) -> io::Result<()> {
    if opts.excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    {
        let mut w = csv::Writer::from_writer(&mut *out);
        let mut header = vec!["id"];
        header.extend(CSV_HEADER);
        w.write_record(&header)?;
        w.flush()?;
    }
    for (job, row) in jobs.iter().zip(rows) {
        if row.status != Status::Ok {
            continue;
        }
        let part = paths_of(dir, job, opts.format).pairs;
        let mut f = File::open(&part)?;
        io::copy(&mut f, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn language_tags() {
        use crate::lang::Lang;
        assert_eq!(language_tag("policy.zh"), Some(("policy", Lang::Zh)));
        assert_eq!(language_tag("a.b.EN-us"), Some(("a.b", Lang::En)));
        assert_eq!(language_tag("policy.zh_CN"), Some(("policy", Lang::Zh)));
        assert_eq!(language_tag("policy"), None);
        assert_eq!(language_tag(".zh"), None);
        assert_eq!(language_tag("policy.fr"), None);
    }
}
