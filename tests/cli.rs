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

/// Display width of a line of text output (Han characters count two).
fn display_width(line: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    line.width()
}

#[test]
fn text_views_fit_the_width_and_wrap_between_words() {
    let run = |args: &[&str]| -> String {
        let out = cmd()
            .env_remove("COLUMNS")
            .args(args)
            .arg(example("mhz-privacy.txt"))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Not a terminal: 100 columns by default, whatever COLUMNS says.
    for (args, width) in [
        (&["align"][..], 100),
        (&["align", "--width", "80"][..], 80),
        (&["check", "--all", "--width", "60"][..], 60),
        (&["check", "--all"][..], 100),
    ] {
        let text = run(args);
        assert!(text.lines().count() > 3, "{args:?}");
        for line in text.lines().skip(1) {
            assert!(display_width(line) <= width, "{args:?}: {line:?}");
        }
        // Words are never cut in two: every English word of the output is
        // one of the input's words.
        if args[0] == "align" {
            let input = std::fs::read_to_string(example("mhz-privacy.txt")).unwrap();
            for line in text.lines().filter(|l| !l.starts_with("──")).skip(1) {
                let right = line.split_once(" │ ").map_or("", |(_, r)| r);
                for word in right.split_whitespace().filter(|w| w.is_ascii()) {
                    assert!(input.contains(word), "{args:?}: {word:?} in {line:?}");
                }
            }
        }
    }
    let narrow = run(&["align", "--width", "80"]);
    assert!(narrow.contains("欢迎访问MHZ AI/MHZ官方网站"), "{narrow}");
    cmd()
        .args(["align", "--width", "5"])
        .arg(example("mhz-privacy.txt"))
        .assert()
        .code(2);
}

#[test]
fn colour_is_chosen_by_flag_and_no_color() {
    let demo = example("demo-drift.txt");
    let run = |args: &[&str], no_color: Option<&str>| -> String {
        let mut c = cmd();
        c.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let out = c.arg("check").args(args).arg(&demo).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // A pipe is not a terminal: no colour unless asked for.
    assert!(!run(&[], None).contains('\u{1b}'));
    assert!(run(&[], None).contains('⟦'));
    let always = run(&["--color", "always"], None);
    assert!(
        always.contains("\u{1b}[") && !always.contains('⟦'),
        "{always}"
    );
    assert!(run(&["--color", "always"], Some("1")).contains('\u{1b}'));
    assert!(!run(&["--color", "never"], None).contains('\u{1b}'));
    assert!(!run(&["--color", "auto"], Some("1")).contains('\u{1b}'));
    // Coloured lines fit the width too: colour codes take no columns.
    for line in always.lines().skip(1) {
        let plain: String = {
            let mut s = String::new();
            let mut rest = line;
            while let Some(i) = rest.find('\u{1b}') {
                s.push_str(&rest[..i]);
                let end = rest[i..].find('m').unwrap();
                rest = &rest[i + end + 1..];
            }
            s.push_str(rest);
            s
        };
        assert!(display_width(&plain) <= 100, "{plain:?}");
    }
}

#[test]
fn standard_input_as_dash() {
    let demo = example("demo-drift.txt");
    let from_file = cmd()
        .args(["check", "-f", "json"])
        .arg(&demo)
        .output()
        .unwrap();
    let from_stdin = cmd()
        .args(["check", "-f", "json", "-"])
        .pipe_stdin(&demo)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(from_stdin.status.code(), Some(1));
    let findings = |out: &std::process::Output| {
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"].clone()
    };
    assert_eq!(findings(&from_file), findings(&from_stdin));
    // One language from standard input, the other from a file.
    cmd()
        .args(["check", "--zh", "-", "--en"])
        .arg(test_data("policy.en.txt"))
        .pipe_stdin(test_data("policy.zh.txt"))
        .unwrap()
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("<stdin> + "));
    cmd()
        .args(["check", "--zh", "-", "--en", "-"])
        .assert()
        .code(2);
    cmd()
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>"));
    cmd()
        .args(["check", "--max-size", "10", "-"])
        .write_stdin("我们不会出售您的信息。We will not sell your data.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: more than 10 of input"));
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.txt");
    std::fs::copy(example("demo-drift.txt"), &doc).unwrap();
    let before = std::fs::read(&doc).unwrap();
    for args in [vec!["check", "-o"], vec!["align", "-f", "json", "-o"]] {
        cmd()
            .args(&args)
            .arg(&doc)
            .arg(&doc)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is the input file"));
    }
    // `-o -` is standard output, not a file named `-`.
    cmd()
        .current_dir(dir.path())
        .args(["check", "-f", "json", "-o", "-"])
        .arg(&doc)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("{"));
    assert!(!dir.path().join("-").exists());
    // The same file by another path.
    cmd()
        .current_dir(dir.path())
        .args(["check", "-o", "./doc.txt"])
        .arg(&doc)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&doc).unwrap(), before);
}

#[test]
fn plurals_and_layout_names() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("one.txt");
    std::fs::write(
        &doc,
        "我们将在15个工作日内删除您的个人信息。\n\nWe will delete your personal information within 30 working days.\n",
    )
    .unwrap();
    let out = cmd().args(["check", "-v"]).arg(&doc).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains(
            "zh: 1 clause, en: 1 clause, 1 pair, 1 finding (1 error, 0 warnings, 0 info)"
        ),
        "{stdout}"
    );
    assert!(
        stderr.contains("layout zh-then-en: 1 Chinese clause, 1 English clause, 1 pair, 1 finding"),
        "{stderr}"
    );
    assert!(!stderr.contains("ZhThenEn"), "{stderr}");
}

/// Exit status and standard error when the reader of standard output goes
/// away early (`check … | head`).
#[test]
fn broken_pipe_keeps_the_status() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Far more JSON than a pipe holds, with warnings: status 1.
    let seed = std::fs::read_to_string(example("mhz-privacy.txt")).unwrap();
    std::fs::write(&big, seed.repeat(8)).unwrap();
    for (args, status) in [
        (&["check", "--all", "-f", "json"][..], 1),
        (&["align", "-f", "jsonl"][..], 0),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clausealign"))
            .args(args)
            .arg(&big)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let code = child.wait().unwrap().code();
        assert_eq!(code, Some(status), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// The README shows what the tool prints now. A ```text block starting with
/// `$ cargo run --release -- ARGS` and followed by output is run (the built
/// binary, no colour, not a terminal) and its standard output, then its
/// standard error, must be the block's lines; a block ending in `…` shows a
/// prefix. Every other `cargo run --release -- ARGS` line of the README must
/// run without an error (status 0 or 1).
#[test]
fn readme_examples_are_what_the_tool_prints() {
    const RUN: &str = "cargo run --release -- ";
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let run = |command: &str| {
        let args: Vec<&str> = command.split_whitespace().collect();
        cmd()
            .current_dir(root())
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .args(&args)
            .output()
            .unwrap()
    };
    let mut lines = readme.lines();
    let (mut compared, mut ran) = (0, 0);
    while let Some(line) = lines.next() {
        if line != "```text" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let shows_output = block.len() > 1
            && block[0].starts_with(&format!("$ {RUN}"))
            && block[1..].iter().all(|l| !l.starts_with("$ "));
        if shows_output {
            let out = run(&block[0][RUN.len() + 2..]);
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let printed: Vec<&str> = printed.lines().collect();
            let shown = &block[1..];
            match shown.split_last() {
                Some((&"…", prefix)) => {
                    assert!(printed.len() > prefix.len(), "{}", block[0]);
                    assert_eq!(&printed[..prefix.len()], prefix, "{}", block[0]);
                }
                _ => assert_eq!(printed, shown, "{}", block[0]),
            }
            compared += 1;
            continue;
        }
        for command in block
            .iter()
            .filter_map(|l| l.trim_start_matches("$ ").strip_prefix(RUN))
        {
            // A trailing `# comment` is not an argument.
            let command = command.split(" #").next().unwrap_or(command);
            let out = run(command);
            let code = out.status.code();
            assert!(
                code == Some(0) || code == Some(1),
                "{command}: {code:?} {}",
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(compared >= 4, "README output blocks compared: {compared}");
    assert!(ran >= 6, "README commands run: {ran}");
}

/// `check --findings-csv`: one row per finding, the same findings as the
/// JSON; the pairs CSV carries each pair's severities and messages, and
/// line columns that are numbers only.
#[test]
fn findings_csv_for_analysts() {
    let dir = tempfile::tempdir().unwrap();
    let findings_csv = dir.path().join("findings.csv");
    let demo = example("demo-drift.txt");
    let out = cmd()
        .args(["check", "-f", "csv", "--findings-csv"])
        .arg(&findings_csv)
        .arg(&demo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = check_json(&[demo.as_os_str()]);
    let expected = json["findings"].as_array().unwrap();
    let mut r = csv::Reader::from_path(&findings_csv).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, clausealign::export::FINDINGS_CSV_HEADER);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected.len());
    for (row, f) in rows.iter().zip(expected) {
        assert_eq!(&row[col("kind")], f["kind"].as_str().unwrap());
        assert_eq!(&row[col("severity")], f["severity"].as_str().unwrap());
        assert_eq!(&row[col("message")], f["message"].as_str().unwrap());
        for c in ["zh_line", "zh_end_line", "en_line", "en_end_line", "pair"] {
            let v = &row[col(c)];
            assert!(v.is_empty() || v.parse::<usize>().is_ok(), "{c}: {v:?}");
        }
    }
    // The pairs CSV: the pair a finding names lists its kind, severity and
    // message; the new line columns are numbers.
    let mut pairs = csv::Reader::from_reader(out.stdout.as_slice());
    let pheader: Vec<String> = pairs.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(pheader, clausealign::export::CSV_HEADER);
    let pcol = |name: &str| pheader.iter().position(|h| h == name).unwrap();
    let prow: Vec<csv::StringRecord> = pairs.records().map(Result::unwrap).collect();
    for row in &rows {
        let pair = &prow[row[col("pair")].parse::<usize>().unwrap()];
        assert!(pair[pcol("findings")].contains(&row[col("kind")]));
        assert!(pair[pcol("severities")].contains(&row[col("severity")]));
        assert!(pair[pcol("messages")].contains(&row[col("message")]));
    }
    for pair in &prow {
        for c in ["zh_line", "zh_end_line", "en_line", "en_end_line"] {
            let v = &pair[pcol(c)];
            assert!(v.is_empty() || v.parse::<usize>().is_ok(), "{c}: {v:?}");
        }
    }
    // Never over an input.
    cmd()
        .args(["check", "--findings-csv"])
        .arg(&demo)
        .arg(&demo)
        .assert()
        .code(2);
}
