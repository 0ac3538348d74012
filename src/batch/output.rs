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
    let probe = side
        .join("tmp")
        .join(format!(".probe-{}", std::process::id()));
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
    // The process id keeps the names of two runs apart even if one ignores
    // the lock (a run on another machine sharing the folder).
    let tmp = tmp_dir.join(format!("{tag}-{}-{name}.part", std::process::id()));
    let mut w = BufWriter::new(File::create(&tmp)?);
    write(&mut w)?;
    w.flush()?;
    drop(w);
    Ok(tmp)
}

/// The name of the lock file in the sidecar folder of an output folder.
pub const LOCK_FILE: &str = "lock";

/// An exclusive hold on an output folder for the length of a run: the file
/// `OUT/.clausealign/lock`, created only if absent, holding the process id.
/// Dropping it removes the file. Two runs writing one folder would rename
/// each other's temporary files and summaries away.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
}

impl OutputLock {
    /// Take the lock of `out` (prepared by [`prepare_output`]). A lock left
    /// by a process that no longer runs (its `/proc/PID` is gone) is taken
    /// over; one held by a live process is an error naming it.
    pub fn acquire(out: &Path) -> Result<OutputLock, BatchError> {
        let path = out.join(SIDECAR_DIR).join(LOCK_FILE);
        // Two tries: the second after removing a stale lock.
        for _ in 0..2 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let written = writeln!(f, "{}", std::process::id()).and_then(|()| f.flush());
                    if let Err(e) = written {
                        let _ = fs::remove_file(&path);
                        return Err(BatchError::new(format!(
                            "{}: cannot write the lock file: {e}",
                            path.display()
                        )));
                    }
                    return Ok(OutputLock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path)
                        .ok()
                        .and_then(|t| t.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if process_is_alive(pid) => {
                            return Err(BatchError::new(format!(
                                "{}: the output folder is in use by another clausealign batch \
                                 (process {pid} holds {}); wait for it to finish or use another folder",
                                out.display(),
                                path.display()
                            )));
                        }
                        // Dead or unreadable holder: a run that was killed.
                        _ => {
                            let _ = fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => {
                    return Err(BatchError::new(format!(
                        "{}: cannot create the lock file: {e}",
                        path.display()
                    )));
                }
            }
        }
        Err(BatchError::new(format!(
            "{}: the output folder is in use by another clausealign batch (it took {} first)",
            out.display(),
            path.display()
        )))
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether a process with this id runs. Where `/proc` is missing the answer
/// is yes, so that a lock is never taken from a live run.
fn process_is_alive(pid: u32) -> bool {
    let proc_dir = Path::new("/proc");
    if !proc_dir.is_dir() {
        return true;
    }
    proc_dir.join(pid.to_string()).exists()
}
