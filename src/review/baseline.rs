//! Baselines: the findings a reviewer has accepted, kept in a JSON file.
//!
//! A baseline lists findings by their stable id (see
//! [`crate::check::fingerprint`]), with the kind and message beside each so
//! a reviewer reading the file knows what was accepted. Only the id is
//! matched.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::Finding;
use crate::error::Error;
use crate::input::{ReadOptions, read_bytes};

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file is refused above this size: a baseline lists findings
/// of one document, a few hundred bytes each.
const MAX_BASELINE_BYTES: u64 = 64 << 20;

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// The finding's id.
    pub id: String,
    /// Its kind, for the reader of the file.
    #[serde(default)]
    pub kind: String,
    /// Its message, for the reader of the file.
    #[serde(default)]
    pub message: String,
}

/// The file as written.
#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    #[serde(default)]
    tool: String,
    findings: Vec<BaselineEntry>,
}

/// Accepted findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// The entries, in the order of the file.
    pub entries: Vec<BaselineEntry>,
}

impl Baseline {
    /// A baseline accepting every one of `findings`.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        Baseline {
            entries: findings
                .iter()
                .map(|f| BaselineEntry {
                    id: f.id.clone(),
                    kind: f.kind.name().to_string(),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }

    /// The baseline as the JSON file `check --write-baseline` writes,
    /// ending in a newline.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            tool: "clausealign".to_string(),
            findings: self.entries.clone(),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Read a baseline from its JSON text; `name` names the file in errors.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, Error> {
        let malformed = |line: Option<usize>, problem: String| Error::Malformed {
            file: name.to_string(),
            format: "baseline",
            line,
            problem,
        };
        let file: BaselineFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                let line = (e.line() > 0).then_some(e.line());
                malformed(line, e.to_string())
            })?;
        if file.version != BASELINE_VERSION {
            return Err(malformed(
                None,
                format!(
                    "version {} is not one this build reads ({BASELINE_VERSION})",
                    file.version
                ),
            ));
        }
        if let Some(bad) = file.findings.iter().find(|e| !is_id(&e.id)) {
            return Err(malformed(
                None,
                format!("{:?} is not a finding id (16 hexadecimal digits)", bad.id),
            ));
        }
        Ok(Baseline {
            entries: file.findings,
        })
    }

    /// Read a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, Error> {
        let opts = ReadOptions {
            max_bytes: MAX_BASELINE_BYTES,
            ..ReadOptions::default()
        };
        let name = path.display().to_string();
        let bytes = read_bytes(path, &opts)?;
        let text =
            String::from_utf8(bytes).map_err(|_| Error::Undecodable { file: name.clone() })?;
        Baseline::parse(&name, &text)
    }

    /// The ids it accepts.
    pub fn ids(&self) -> BTreeSet<&str> {
        self.entries.iter().map(|e| e.id.as_str()).collect()
    }
}

/// True for 16 hexadecimal digits.
fn is_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_baseline_reads_back() {
        let b = Baseline {
            entries: vec![BaselineEntry {
                id: "0123456789abcdef".into(),
                kind: "omission".into(),
                message: "text has no English counterpart".into(),
            }],
        };
        assert_eq!(Baseline::parse("b.json", &b.to_json()).unwrap(), b);
    }

    #[test]
    fn broken_baselines_are_errors_naming_the_file() {
        for (text, wanted) in [
            ("{", "b.json: line 1: cannot read the baseline file"),
            (
                r#"{"version": 9, "findings": []}"#,
                "version 9 is not one this build reads",
            ),
            (
                r#"{"version": 1, "findings": [{"id": "xyz"}]}"#,
                "\"xyz\" is not a finding id",
            ),
            (r#"{"version": 1}"#, "missing field `findings`"),
        ] {
            let err = Baseline::parse("b.json", text).unwrap_err().to_string();
            assert!(err.contains(wanted), "{text}: {err}");
            assert!(err.starts_with("b.json"), "{err}");
        }
    }
}
