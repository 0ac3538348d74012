//! SARIF 2.1.0 output: the findings as results of one run, for
//! code-scanning dashboards and other SARIF viewers.
//!
//! Each finding kind is a rule (`omission`, `number`, ...); a finding's
//! severity gives its level (`info` is SARIF's `note`); its locations are
//! the lines of its clauses in each language's file: two locations, in two
//! files or, for a bilingual file, two regions of the same file. The
//! finding's stable id is its partial fingerprint, so a dashboard tracks it
//! across runs as a baseline does. The output is validated against the
//! OASIS schema in `tests/export.rs`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::View;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// The schema the output follows.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of a finding's id among a result's partial fingerprints.
const FINGERPRINT_KEY: &str = "clausealignFindingId/v1";

/// What a kind reports, as a rule's short description.
fn kind_description(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Omission => "Text present in one language only",
        FindingKind::Number => "A number, period, age, percentage or amount differs",
        FindingKind::Date => "A date differs",
        FindingKind::Contact => "An e-mail address, URL or phone number differs",
        FindingKind::Entity => "A named party, product or law differs",
        FindingKind::Negation => "One version negates what the other affirms",
        FindingKind::Modality => "Obligation strength differs (must/shall vs may)",
        FindingKind::Fuzzy => "A translation the file marks as not final",
        FindingKind::Terminology => {
            "A glossary term without its translation, or a term translated two ways"
        }
    }
}

/// SARIF's level for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file name as a URI reference: forward slashes, and the characters a
/// URI cannot hold percent-encoded (non-ASCII included, byte by byte).
fn uri_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The location of one side of a finding: its clauses' lines in its file.
fn location(view: &View, f: &Finding, lang: Lang) -> Option<Value> {
    let r = view.report;
    let ids = match lang {
        Lang::Zh => &f.zh,
        Lang::En => &f.en,
    };
    let clauses = r.clauses(lang);
    let first = clauses.get(*ids.first()?)?;
    let last = ids
        .iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.end_line)
        .max()
        .unwrap_or(first.end_line);
    let version = match lang {
        Lang::Zh => "the Chinese version",
        Lang::En => "the English version",
    };
    Some(json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_of(&r.source(lang).name) },
            "region": { "startLine": first.line.max(1), "endLine": last.max(first.line).max(1) },
        },
        "message": { "text": version },
    }))
}

/// The document's SARIF log as a JSON value.
pub fn sarif_value(view: &View) -> Value {
    let rules: Vec<Value> = FindingKind::ALL
        .iter()
        .map(|&k| {
            json!({
                "id": k.name(),
                "name": k.name(),
                "shortDescription": { "text": kind_description(k) },
            })
        })
        .collect();
    let results: Vec<Value> = view
        .findings
        .iter()
        .map(|f| {
            let locations: Vec<Value> = [Lang::Zh, Lang::En]
                .into_iter()
                .filter_map(|lang| location(view, f, lang))
                .collect();
            // Two decimals, as in the JSON contract.
            let confidence = (f.confidence * 100.0).round() / 100.0;
            let mut properties = json!({ "confidence": confidence, "severity": f.severity });
            if let Some(map) = properties.as_object_mut() {
                for (key, value) in [("zhValue", &f.zh_value), ("enValue", &f.en_value)] {
                    if let Some(v) = value {
                        map.insert(key.to_string(), json!(v));
                    }
                }
            }
            json!({
                "ruleId": f.kind.name(),
                "ruleIndex": FindingKind::ALL.iter().position(|&k| k == f.kind).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": locations,
                "partialFingerprints": { FINGERPRINT_KEY: f.id },
                "properties": properties,
            })
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": { "driver": {
                "name": "clausealign",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Write the SARIF log and a newline.
pub fn write_sarif(out: &mut dyn Write, view: &View) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif_value(view))?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri_of("data/a b.txt"), "data/a%20b.txt");
        assert_eq!(uri_of(r"dir\政策.md"), "dir/%E6%94%BF%E7%AD%96.md");
    }
}
