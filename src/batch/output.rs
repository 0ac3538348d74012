//! The output folder: where each document's files go, the sidecar folders,
//! and writes through temporary files renamed into place when complete.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::discover::Job;
use super::{BatchError, SIDECAR_DIR};
use crate::export::Format;

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
        Format::Sarif => "sarif",
    }
}

/// Where a document's files go in the output folder.
pub(super) struct Paths {
    pub(super) result: PathBuf,
    pub(super) row: PathBuf,
    pub(super) pairs: PathBuf,
    pub(super) findings: PathBuf,
    pub(super) tmp: PathBuf,
}

pub(super) fn paths_of(out: &Path, job: &Job, format: Format) -> Paths {
    let side = out.join(SIDECAR_DIR);
    Paths {
        result: out.join(format!("{}.{}", job.stem, extension(format))),
        row: side.join("rows").join(format!("{}.json", job.stem)),
        pairs: side.join("pairs").join(format!("{}.csv", job.stem)),
        findings: side.join("findings").join(format!("{}.csv", job.stem)),
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
    for sub in ["rows", "pairs", "findings", "tmp"] {
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
pub(super) fn write_atomic(
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
