//! End-to-end tests of the command line over the seed policies in
//! `data/examples/` and small documents in `tests/data/`.

mod common;

use std::path::{Path, PathBuf};

use common::{check_json, cmd, root};
use predicates::prelude::*;
use serde_json::Value;

fn example(name: &str) -> PathBuf {
    root().join("data/examples").join(name)
}

fn test_data(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

/// The contract: every clause in exactly one pair, pairs in order on both sides.
fn assert_contract(v: &Value) {
    assert_eq!(v["version"], 1);
    for side in ["zh", "en"] {
        let clauses = v["clauses"][side].as_array().expect("clauses");
        for (i, c) in clauses.iter().enumerate() {
            assert_eq!(c["id"].as_u64(), Some(i as u64));
            assert!(c["line"].as_u64() <= c["end_line"].as_u64());
            assert!(c["start"].as_u64() < c["end"].as_u64());
            assert!(!c["text"].as_str().unwrap_or("").is_empty());
        }
        let ids: Vec<u64> = v["pairs"]
            .as_array()
            .expect("pairs")
            .iter()
            .flat_map(|p| p[side].as_array().cloned().unwrap_or_default())
            .map(|x| x.as_u64().expect("id"))
            .collect();
        let expected: Vec<u64> = (0..clauses.len() as u64).collect();
        assert_eq!(ids, expected, "{side} clauses must appear once, in order");
    }
}

/// Texts of the pairs whose one side contains `needle`.
fn partner(v: &Value, side: &str, needle: &str) -> Vec<String> {
    let other = if side == "zh" { "en" } else { "zh" };
    let text = |s: &str, id: &Value| {
        v["clauses"][s][id.as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for p in v["pairs"].as_array().unwrap() {
        let mine: Vec<String> = p[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| text(side, id))
            .collect();
        if mine.iter().any(|t| t.contains(needle)) {
            return p[other]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| text(other, id))
                .collect();
        }
    }
    panic!("no clause contains {needle:?}");
}

#[test]
fn zh_then_en_seed_policy() {
    let v = check_json(&[example("mhz-privacy.txt").as_os_str()]);
    assert_contract(&v);
    assert_eq!(v["shape"], "zh-then-en");
    // The title has no English counterpart.
    let title = &v["clauses"]["zh"][0];
    assert_eq!(title["text"], "MHZ官方隐私权政策");
    assert_eq!(partner(&v, "zh", "MHZ官方隐私权政策"), Vec::<String>::new());
    // The three footer lines pair with the one English footer line.
    let footer = partner(&v, "en", "Last revised");
    assert!(
        footer.iter().any(|t| t.contains("2024.8.6")) && footer.iter().any(|t| t.contains("V1.2")),
        "{footer:?}"
    );
    assert_eq!(
        partner(&v, "zh", "数据备份和灾难恢复"),
        ["Data Backup and Disaster Recovery"]
    );
}

#[test]
fn en_then_zh_file() {
    let v = check_json(&[test_data("en-then-zh.txt").as_os_str()]);
    assert_contract(&v);
    assert_eq!(v["shape"], "en-then-zh");
    assert_eq!(
        partner(&v, "en", "We do not collect your precise location."),
        ["我们不收集您的精确位置。"]
    );
}

#[test]
fn interleaved_file_with_form_lines() {
    let v = check_json(&[test_data("interleaved.txt").as_os_str()]);
    assert_contract(&v);
    assert_eq!(v["shape"], "interleaved");
    assert_eq!(
        partner(&v, "en", "Full name"),
        ["全名: ______________________"]
    );
    let p = partner(&v, "en", "You are not expected");
    assert!(p.concat().contains("您无需为您的贡献内容提供支持"), "{p:?}");
}

#[test]
fn two_files() {
    let v = check_json(&[
        "--zh".as_ref(),
        test_data("policy.zh.txt").as_os_str(),
        "--en".as_ref(),
        test_data("policy.en.txt").as_os_str(),
    ]);
    assert_contract(&v);
    assert_eq!(v["shape"], "two-files");
    assert_eq!(partner(&v, "zh", "## 信息共享"), ["## Sharing Information"]);
    assert_eq!(v["clauses"]["en"][0]["line"], 1);
}

fn assert_error(args: &[&std::ffi::OsStr], message: &str) {
    cmd()
        .arg("align")
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(message));
}

#[test]
fn one_language_seeds_are_refused() {
    for (name, lang, flag) in [
        ("weiqun-privacy-zh.txt", "English", "--en FILE"),
        ("website-privacy-zh.txt", "English", "--en FILE"),
        ("miaozhen-privacy-zh.txt", "English", "--en FILE"),
        ("zhuiyi-privacy-en.txt", "Chinese", "--zh FILE"),
    ] {
        let path = example(name);
        assert_error(
            &[path.as_os_str()],
            &format!("no {lang} text found in {}", path.display()),
        );
        assert_error(&[path.as_os_str()], flag);
    }
}

#[test]
fn bad_files_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::fs::write(p("empty.txt"), "").unwrap();
    std::fs::write(p("blank.txt"), " \n\r\n\t").unwrap();
    std::fs::write(p("doc.pdf"), b"%PDF-1.7\n\x00\x01binary").unwrap();
    let noise: Vec<u8> = (0..3000u32).map(|i| (i * 7919 % 256) as u8).collect();
    std::fs::write(p("noise.bin"), noise).unwrap();
    assert_error(&[p("missing.txt").as_os_str()], "missing.txt: no such file");
    assert_error(&[dir.path().as_os_str()], "is a directory");
    assert_error(
        &[p("empty.txt").as_os_str()],
        "empty.txt: the file is empty",
    );
    assert_error(&[p("blank.txt").as_os_str()], "the file is empty");
    assert_error(
        &[p("doc.pdf").as_os_str()],
        "doc.pdf: looks like a binary file (PDF)",
    );
    assert_error(&[p("noise.bin").as_os_str()], "noise.bin:");
    // Two files: the wrong language in the --en file.
    assert_error(
        &[
            "--zh".as_ref(),
            example("weiqun-privacy-zh.txt").as_os_str(),
            "--en".as_ref(),
            example("website-privacy-zh.txt").as_os_str(),
        ],
        "no English text found in",
    );
}

#[test]
fn gb18030_input_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(test_data("en-then-zh.txt")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let path = dir.path().join("gbk.txt");
    std::fs::write(&path, &bytes).unwrap();
    cmd()
        .args(["align", "--verbose", "--format", "json"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("GB18030"));
    let v = check_json(&[path.as_os_str()]);
    assert_contract(&v);
    // Offsets are offsets into the GB18030 file.
    let c = &v["clauses"]["zh"][0];
    let (s, e) = (
        c["start"].as_u64().unwrap() as usize,
        c["end"].as_u64().unwrap() as usize,
    );
    let (decoded, _, _) = encoding_rs::GB18030.decode(&bytes[s..e]);
    assert_eq!(decoded, c["text"].as_str().unwrap());
}

#[test]
fn csv_and_text_outputs() {
    let out = cmd()
        .args(["align", "--format", "csv"])
        .arg(example("mhz-privacy.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header = rdr.headers().unwrap().clone();
    assert_eq!(&header[1], "kind");
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[1] == "1-0" && r[4].contains("MHZ官方隐私权政策"))
    );
    cmd()
        .args(["align"])
        .arg(example("mhz-privacy.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("│").and(predicate::str::contains("数据的删除")));
}

#[test]
fn output_file_option() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    cmd()
        .args(["align", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(example("mhz-privacy.txt"))
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "1-0");
    assert!(Path::new(&out).exists());
}

#[test]
fn check_parameters_come_from_the_environment() {
    let demo = example("demo-drift.txt");
    let kinds = |spec: Option<&str>| -> Vec<String> {
        let mut c = cmd();
        if let Some(spec) = spec {
            c.env("CLAUSEALIGN_CHECK_PARAMS", spec);
        }
        let out = c.args(["check", "-f", "json"]).arg(&demo).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let all = kinds(None);
    assert!(all.contains(&"negation".to_string()) && all.contains(&"modality".to_string()));
    // Cues are compared only on pairs aligned at least this well.
    let strict = kinds(Some("min_cue_score=1.1"));
    assert!(!strict.contains(&"negation".to_string()), "{strict:?}");
    assert!(!strict.contains(&"modality".to_string()), "{strict:?}");
    assert_eq!(strict.len(), all.len() - 2);
    cmd()
        .env("CLAUSEALIGN_CHECK_PARAMS", "bogus=1")
        .arg("check")
        .arg(&demo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown check parameter \"bogus\"",
        ));
}
