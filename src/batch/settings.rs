//! What a batch's results are made from, so `--resume` never mixes results
//! made with other options or from other files.
//!
//! Two records: `OUT/.clausealign/options.json`, the options of the last run
//! into the folder (a resumed run with other options is refused, naming the
//! options that differ), and each summary row's `made_from`, the options'
//! fingerprint and the input files' sizes and times (a document whose
//! record differs is run again, whatever the folder record says).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::discover::JobInput;
use super::output::{extension, write_atomic};
use super::{BatchError, BatchOptions, SIDECAR_DIR};
use crate::export::Granularity;

/// The record of the options in the sidecar folder.
pub const OPTIONS_FILE: &str = "options.json";

/// The options that shape the results, by name: the output format, pair
/// granularity, segmentation, confidence threshold, input reading, the
/// analyzer's full parameters and lexicon, and the program's version.
pub fn result_options(opts: &BatchOptions) -> BTreeMap<String, String> {
    let analysis = opts.analyzer.options();
    let pairs = match opts.granularity {
        Granularity::Lines => "lines",
        Granularity::Clauses => "clauses",
    };
    let input_format = opts
        .read
        .format
        .map_or_else(|| "auto".to_string(), |f| format!("{f:?}").to_lowercase());
    let columns = opts
        .read
        .columns
        .as_ref()
        .map_or_else(|| "from the file".to_string(), |c| format!("{c:?}"));
    [
        ("version", env!("CARGO_PKG_VERSION").to_string()),
        ("format", extension(opts.format).to_string()),
        ("pairs", pairs.to_string()),
        ("segment", format!("{:?}", analysis.segment).to_lowercase()),
        ("min_confidence", analysis.check.min_confidence.to_string()),
        ("input_format", input_format),
        ("columns", columns),
        ("excel", opts.excel.to_string()),
        // Every alignment and check parameter (tuning overrides included)
        // and which lexicon: any of them can change a result.
        ("analyzer", format!("{:?}", opts.analyzer)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// FNV-1a, 64 bits: a fingerprint stable across Rust versions and runs
/// (unlike `DefaultHasher`), for telling records apart, not for security.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The fingerprint of the options that shape the results.
pub(super) fn options_fingerprint(opts: &BatchOptions) -> String {
    let record = serde_json::to_vec(&result_options(opts)).unwrap_or_default();
    format!("{:016x}", fnv1a(&record))
}

/// What a document's result is made from: the options' fingerprint, then
/// each input file's size and modification time. `None` when a file cannot
/// be looked at (the document is then never reused).
pub(super) fn made_from(options: &str, input: &JobInput) -> Option<String> {
    let stamp = |p: &PathBuf| -> Option<String> {
        let meta = fs::metadata(p).ok()?;
        let time = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(format!(
            "{}@{}.{:09}",
            meta.len(),
            time.as_secs(),
            time.subsec_nanos()
        ))
    };
    let files = match input {
        JobInput::One(p) => vec![stamp(p)?],
        JobInput::Two { zh, en } => vec![stamp(zh)?, stamp(en)?],
        JobInput::Invalid(_) => return None,
    };
    Some(format!("{options} {}", files.join(" ")))
}

fn options_path(out: &Path) -> PathBuf {
    out.join(SIDECAR_DIR).join(OPTIONS_FILE)
}

/// Before a resumed run: refuse when the folder's results were made with
/// other options, or by a run that did not record its options, saying which
/// options differ. A folder without results is fine.
pub(super) fn check_resumable(out: &Path, opts: &BatchOptions) -> Result<(), BatchError> {
    let path = options_path(out);
    let advice = "run again without resuming to redo every document, or write to another folder";
    let recorded: BTreeMap<String, String> = match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            BatchError::new(format!(
                "{}: not a record of options ({e}); {advice}",
                path.display()
            ))
        })?,
        Err(_) => {
            let rows = out.join(SIDECAR_DIR).join("rows");
            let has_results = fs::read_dir(&rows).is_ok_and(|mut d| d.next().is_some());
            if has_results {
                return Err(BatchError::new(format!(
                    "{}: holds results of a run that did not record its options; {advice}",
                    out.display()
                )));
            }
            return Ok(());
        }
    };
    let current = result_options(opts);
    let mut differ = Vec::new();
    for (name, now) in &current {
        let then = recorded.get(name).map_or("(not recorded)", String::as_str);
        if then == now {
            continue;
        }
        // Long values (the analyzer's parameters) are named, not shown.
        if then.len() + now.len() > 60 {
            differ.push(name.clone());
        } else {
            differ.push(format!("{name} {then} then, {now} now"));
        }
    }
    if differ.is_empty() {
        return Ok(());
    }
    Err(BatchError::new(format!(
        "{}: its results were made with other options ({}); {advice}",
        out.display(),
        differ.join("; ")
    )))
}

/// Record the options of this run in the folder (before any result is
/// written, so an interrupted run is recorded too).
pub(super) fn record(out: &Path, opts: &BatchOptions) -> Result<(), BatchError> {
    let path = options_path(out);
    let fail =
        |e: std::io::Error| BatchError::new(format!("{}: cannot write: {e}", path.display()));
    let mut json = serde_json::to_vec_pretty(&result_options(opts)).unwrap_or_default();
    json.push(b'\n');
    let tmp = write_atomic(&out.join(SIDECAR_DIR).join("tmp"), "options", &path, |w| {
        w.write_all(&json)
    })
    .map_err(fail)?;
    fs::rename(&tmp, &path).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Format;

    #[test]
    fn fingerprints_tell_options_apart() {
        let a = BatchOptions::default();
        let b = BatchOptions {
            format: Format::Tmx,
            ..BatchOptions::default()
        };
        assert_eq!(options_fingerprint(&a), options_fingerprint(&a.clone()));
        assert_ne!(options_fingerprint(&a), options_fingerprint(&b));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn resuming_with_other_options_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::create_dir_all(out.join(SIDECAR_DIR).join("tmp")).unwrap();
        fs::create_dir_all(out.join(SIDECAR_DIR).join("rows")).unwrap();
        let a = BatchOptions::default();
        // Nothing recorded and no results: fine.
        check_resumable(out, &a).unwrap();
        record(out, &a).unwrap();
        check_resumable(out, &a).unwrap();
        let b = BatchOptions {
            granularity: Granularity::Clauses,
            ..BatchOptions::default()
        };
        let err = check_resumable(out, &b).unwrap_err();
        assert!(
            err.message.contains("pairs lines then, clauses now"),
            "{err}"
        );
        // Results without a record are refused too.
        fs::remove_file(options_path(out)).unwrap();
        fs::write(out.join(SIDECAR_DIR).join("rows").join("x.json"), b"{}").unwrap();
        assert!(check_resumable(out, &a).is_err());
    }
}
