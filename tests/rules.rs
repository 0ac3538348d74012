//! Snapshot tests of the check, one test per rule: each runs the check on
//! every fixture under `tests/fixtures/<rule>/` and compares its findings
//! with `tests/snapshots/rules__<rule>__<fixture>.snap`.
//!
//! A fixture is a Chinese file `NAME.zh.txt` and its English version
//! `NAME.en.txt`, a few short sentences of our own that show what the rule
//! reports and what it must stay silent on (a fixture without findings
//! snapshots as `[]`). A fixture whose name starts with `lines-` is cut one
//! clause per line (`--segment lines`), the others as `check` cuts them by
//! default.
//!
//! After a deliberate change of behaviour, review the new snapshots
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test rules`
//! and `git diff tests/snapshots`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use clausealign::check::{self, CheckParams, FindingKind, Severity};
use clausealign::input::ReadOptions;
use clausealign::lang::Lang;
use clausealign::lexicon::Lexicon;
use clausealign::pipeline::{DocumentInput, Options, analyze};
use clausealign::segment::SegmentMode;

/// A finding as the snapshots show it: clauses by their first line.
#[derive(Serialize)]
struct Row {
    kind: FindingKind,
    severity: Severity,
    /// First lines of the Chinese clauses concerned.
    zh_lines: Vec<usize>,
    /// First lines of the English clauses concerned.
    en_lines: Vec<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zh_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en_value: Option<String>,
    message: String,
}

/// The findings of one fixture.
fn findings(zh: &Path, en: &Path, segment: SegmentMode) -> Vec<Row> {
    let input = DocumentInput::read_two(zh, en, &ReadOptions::default()).expect("fixture reads");
    let options = Options {
        segment,
        ..Options::default()
    };
    let report = analyze(&input, &options).expect("fixture analyses");
    let lines = |lang: Lang, ids: &[usize]| -> Vec<usize> {
        ids.iter()
            .map(|&id| report.clauses(lang)[id].line)
            .collect()
    };
    check::check(&report, Lexicon::builtin(), &CheckParams::default())
        .into_iter()
        .map(|f| Row {
            kind: f.kind,
            severity: f.severity,
            zh_lines: lines(Lang::Zh, &f.zh),
            en_lines: lines(Lang::En, &f.en),
            zh_value: f.zh_value,
            en_value: f.en_value,
            message: f.message,
        })
        .collect()
}

/// Snapshot every fixture of a rule.
fn snapshot_rule(rule: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rule);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".zh.txt").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 5,
        "{rule}: {} fixtures, want at least 5",
        names.len()
    );
    for name in names {
        let zh = dir.join(format!("{name}.zh.txt"));
        let en = dir.join(format!("{name}.en.txt"));
        assert!(en.exists(), "{} has no English version", zh.display());
        let segment = if name.starts_with("lines-") {
            SegmentMode::Lines
        } else {
            SegmentMode::Auto
        };
        let rows = findings(&zh, &en, segment);
        let mut settings = insta::Settings::clone_current();
        settings.set_description(format!("tests/fixtures/{rule}/{name}.{{zh,en}}.txt"));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_yaml_snapshot!(format!("{rule}__{name}"), rows));
    }
}

#[test]
fn omission() {
    snapshot_rule("omission");
}

#[test]
fn untranslated() {
    snapshot_rule("untranslated");
}

#[test]
fn qualifiers() {
    snapshot_rule("qualifiers");
}

#[test]
fn values() {
    snapshot_rule("values");
}

#[test]
fn contacts() {
    snapshot_rule("contacts");
}

#[test]
fn entities() {
    snapshot_rule("entities");
}

#[test]
fn negation() {
    snapshot_rule("negation");
}

#[test]
fn modality() {
    snapshot_rule("modality");
}

#[test]
fn terminology() {
    snapshot_rule("terminology");
}

#[test]
fn bounds() {
    snapshot_rule("bounds");
}
