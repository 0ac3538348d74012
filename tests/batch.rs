//! Tests of `clausealign batch` and of the library's batch module: discovery
//! rules, manifests, safe output names, `--resume`, identical results for
//! any `-j`, failing documents and exit statuses.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clausealign::batch::{self, JobInput};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn test_data(name: &str) -> Vec<u8> {
    fs::read(root().join("tests/data").join(name)).expect("test data")
}

fn cmd() -> Command {
    Command::cargo_bin("clausealign").expect("binary builds")
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

/// A small bilingual document, varied by `n` so documents differ.
fn bilingual(n: usize) -> Vec<u8> {
    let base = if n.is_multiple_of(2) {
        test_data("en-then-zh.txt")
    } else {
        test_data("interleaved.txt")
    };
    let mut text = String::from_utf8(base).unwrap();
    text.push_str(&format!("\nVersion {n}.\n版本{n}。\n"));
    text.into_bytes()
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// summary.csv as records (header first).
fn summary(out: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(out.join("summary.csv")).expect("summary.csv");
    let mut rows = vec![r.headers().unwrap().iter().map(String::from).collect()];
    for rec in r.records() {
        rows.push(rec.unwrap().iter().map(String::from).collect());
    }
    rows
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0].iter().position(|h| h == name).expect("column");
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

#[test]
fn discovery_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("a.txt"), b"x");
    write(&d.join("b.md"), b"x");
    write(&d.join("page.HTML"), b"x");
    write(&d.join("sub/deeper/c.txt"), b"x");
    write(&d.join("sub/pair.zh.txt"), b"x");
    write(&d.join("sub/pair.en.txt"), b"x");
    write(&d.join("mixed.zh-CN.md"), b"x");
    write(&d.join("mixed.en_US.md"), b"x");
    write(&d.join("lonely.zh.txt"), b"x");
    write(&d.join("dup.txt"), b"x");
    write(&d.join("dup.md"), b"x");
    // Ignored: other extensions, hidden files and folders, no extension.
    write(&d.join("notes.pdf"), b"x");
    write(&d.join("data.csv"), b"x");
    write(&d.join("README"), b"x");
    write(&d.join(".hidden.txt"), b"x");
    write(&d.join(".git/x.txt"), b"x");
    // The output folder inside the input folder is skipped.
    write(&d.join("out/old.txt"), b"x");
    let jobs = batch::discover(d, Some(&d.join("out"))).unwrap();
    let ids: Vec<&str> = jobs.iter().map(|j| j.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a",
            "b",
            "dup",
            "dup~2",
            "lonely",
            "mixed",
            "page",
            "sub/deeper/c",
            "sub/pair"
        ]
    );
    let by_id = |id: &str| jobs.iter().find(|j| j.id == id).unwrap();
    assert_eq!(by_id("a").input, JobInput::One(d.join("a.txt")));
    assert_eq!(by_id("dup").zh_path, "dup.md");
    assert_eq!(by_id("dup~2").zh_path, "dup.txt");
    assert_eq!(
        by_id("sub/pair").input,
        JobInput::Two {
            zh: d.join("sub/pair.zh.txt"),
            en: d.join("sub/pair.en.txt")
        }
    );
    assert_eq!(by_id("sub/pair").stem, "sub_pair");
    assert!(matches!(by_id("mixed").input, JobInput::Two { .. }));
    match &by_id("lonely").input {
        JobInput::Invalid(msg) => {
            assert!(
                msg.contains("lonely.zh.txt") && msg.contains("lonely.en.txt"),
                "{msg}"
            )
        }
        other => panic!("lonely.zh.txt should fail, got {other:?}"),
    }
    assert!(batch::discover(&d.join("missing"), None).is_err());
    assert!(batch::discover(&d.join("a.txt"), None).is_err());
}

#[test]
fn manifests_in_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("docs/one.txt"), &bilingual(0));
    write(&d.join("docs/p.zh.txt"), &test_data("policy.zh.txt"));
    write(&d.join("docs/p.en.txt"), &test_data("policy.en.txt"));
    write(
        &d.join("m/paths.csv"),
        b"id,path\nfirst,../docs/one.txt\nsecond,\n",
    );
    write(
        &d.join("m/pairs.csv"),
        "\u{FEFF}ID,zh,en\npolicy,../docs/p.zh.txt,../docs/p.en.txt\n".as_bytes(),
    );
    let jobs = batch::read_manifest(&d.join("m/paths.csv")).unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(
        jobs[0].input,
        JobInput::One(d.join("m").join("../docs/one.txt"))
    );
    assert!(matches!(&jobs[1].input, JobInput::Invalid(m) if m.contains("line 3")));
    let jobs = batch::read_manifest(&d.join("m/pairs.csv")).unwrap();
    assert_eq!(jobs[0].id, "policy");
    assert!(matches!(jobs[0].input, JobInput::Two { .. }));
    write(&d.join("m/bad.csv"), b"name,file\nx,y\n");
    let err = batch::read_manifest(&d.join("m/bad.csv")).unwrap_err();
    assert!(err.message.contains("bad.csv"), "{err}");

    // End to end: the id,zh,en manifest succeeds, the id,path one has a failure.
    let out = d.join("out");
    cmd()
        .args(["batch", "-j", "2"])
        .arg(d.join("m/pairs.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join("policy.json").is_file());
    let out2 = d.join("out2");
    cmd()
        .arg("batch")
        .arg(d.join("m/paths.csv"))
        .arg("-o")
        .arg(&out2)
        .assert()
        .code(1);
    let rows = summary(&out2);
    assert_eq!(column(&rows, "status"), ["ok", "error"]);
    assert!(out2.join("first.json").is_file());
}

#[test]
fn ids_never_write_outside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("in/doc.txt"), &bilingual(1));
    let ids = [
        "../../etc/x",
        "/abs",
        "a/b",
        "a_b",
        "CON",
        "nul.txt",
        "",
        "dup",
        "dup",
        "..",
        ".",
        "C:\\windows\\x",
        "x\u{1}y",
        "隐私政策",
        "summary",
    ];
    let mut manifest = String::from("id,path\n");
    for id in ids {
        manifest.push_str(&format!("\"{}\",in/doc.txt\n", id.replace('"', "\"\"")));
    }
    write(&d.join("manifest.csv"), manifest.as_bytes());
    let before = tree(d);
    let out = d.join("work/out");
    cmd()
        .arg("batch")
        .arg(d.join("manifest.csv"))
        .args(["-o"])
        .arg(&out)
        .args(["--pairs-csv", "--format", "csv"])
        .assert()
        .code(0);
    // Nothing changed outside OUT.
    let after: BTreeMap<_, _> = tree(d)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("work/out"))
        .collect();
    assert_eq!(before, after);
    // Every result is a plain file directly in OUT with a safe name.
    let mut names: Vec<String> = Vec::new();
    for e in fs::read_dir(&out).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == ".clausealign" {
            continue;
        }
        assert!(e.file_type().unwrap().is_file(), "{name}");
        assert!(!name.starts_with('.') && !name.contains(".."), "{name}");
        assert!(
            !name.chars().any(|c| c.is_control() || "/\\:".contains(c)),
            "{name}"
        );
        names.push(name);
    }
    // 15 results, summary.csv and pairs.csv.
    assert_eq!(names.len(), ids.len() + 2, "{names:?}");
    assert!(names.contains(&"隐私政策.csv".to_string()));
    assert!(names.contains(&"_CON.csv".to_string()));
    assert!(!names.iter().any(|n| n.eq_ignore_ascii_case("con.csv")));
    let rows = summary(&out);
    let outputs = column(&rows, "output");
    let unique: std::collections::HashSet<String> =
        outputs.iter().map(|o| o.to_lowercase()).collect();
    assert_eq!(unique.len(), ids.len());
    let row_ids = column(&rows, "id");
    assert!(row_ids.contains(&"dup".to_string()) && row_ids.contains(&"dup~2".to_string()));
    // pairs.csv: header plus rows whose id column is one of the ids.
    let mut r = csv::Reader::from_path(out.join("pairs.csv")).unwrap();
    assert_eq!(&r.headers().unwrap()[0], "id");
    let mut seen = std::collections::HashSet::new();
    for rec in r.records() {
        seen.insert(rec.unwrap()[0].to_string());
    }
    assert_eq!(seen.len(), ids.len());
}

#[test]
fn resume_skips_finished_documents() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for n in 0..4 {
        write(&d.join(format!("in/doc{n}.txt")), &bilingual(n));
    }
    let out = d.join("out");
    let run = |extra: &[&str]| {
        cmd()
            .arg("batch")
            .arg(d.join("in"))
            .arg("-o")
            .arg(&out)
            .arg("--pairs-csv")
            .args(extra)
            .assert()
            .code(0)
    };
    run(&[]);
    let first = summary(&out);
    let pairs_first = fs::read(out.join("pairs.csv")).unwrap();
    // Mark one result: --resume must keep it; remove another: it is redone.
    fs::write(out.join("doc1.json"), b"kept\n").unwrap();
    fs::remove_file(out.join("doc2.json")).unwrap();
    let assert = run(&["--resume"]);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("3 reused"), "{stderr}");
    assert_eq!(fs::read(out.join("doc1.json")).unwrap(), b"kept\n");
    assert!(out.join("doc2.json").is_file());
    let second = summary(&out);
    // Reused rows are the earlier rows, seconds included.
    assert_eq!(first[1], second[1]);
    assert_eq!(first[2], second[2]);
    assert_eq!(column(&first, "pairs"), column(&second, "pairs"));
    assert_eq!(pairs_first, fs::read(out.join("pairs.csv")).unwrap());
    // Without --resume everything is redone.
    run(&[]);
    assert_ne!(fs::read(out.join("doc1.json")).unwrap(), b"kept\n");
}

/// summary.csv without the seconds column.
fn summary_without_seconds(out: &Path) -> Vec<Vec<String>> {
    let rows = summary(out);
    let i = rows[0].iter().position(|h| h == "seconds").unwrap();
    rows.into_iter()
        .map(|mut r| {
            r.remove(i);
            r
        })
        .collect()
}

#[test]
fn results_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for n in 0..12 {
        write(
            &d.join(format!("in/g{}/doc{n:02}.txt", n % 3)),
            &bilingual(n),
        );
    }
    write(&d.join("in/pair.zh.txt"), &test_data("policy.zh.txt"));
    write(&d.join("in/pair.en.txt"), &test_data("policy.en.txt"));
    write(
        &d.join("in/bad.txt"),
        b"only English here, nothing else at all.\n",
    );
    let mut outs = Vec::new();
    for (j, format) in [("1", "json"), ("2", "json"), ("1", "tmx"), ("2", "tmx")] {
        let out = d.join(format!("out-{j}-{format}"));
        cmd()
            .arg("batch")
            .arg(d.join("in"))
            .args(["-o"])
            .arg(&out)
            .args(["-j", j, "--format", format, "--pairs-csv"])
            .assert()
            .code(1);
        outs.push(out);
    }
    for pair in outs.chunks(2) {
        assert_eq!(
            summary_without_seconds(&pair[0]),
            summary_without_seconds(&pair[1])
        );
        let strip = |t: BTreeMap<PathBuf, Vec<u8>>| -> BTreeMap<PathBuf, Vec<u8>> {
            t.into_iter()
                .filter(|(p, _)| {
                    p != Path::new("summary.csv") && !p.starts_with(".clausealign/rows")
                })
                .collect()
        };
        let (a, b) = (strip(tree(&pair[0])), strip(tree(&pair[1])));
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        assert!(a == b, "per-document results differ between -j 1 and -j 2");
        assert!(a.contains_key(Path::new("pairs.csv")));
    }
    assert!(outs[2].join("pair.tmx").is_file());
    assert_eq!(summary(&outs[0]).len(), 1 + 14);
}

#[test]
fn bad_documents_fail_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("in");
    let total = 200;
    let bad: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bad-empty", Vec::new(), "empty"),
        ("bad-blank", b"  \n\n \t\n".to_vec(), "empty"),
        (
            "bad-png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec(),
            "binary",
        ),
        (
            "bad-elf",
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0".to_vec(),
            "binary",
        ),
        (
            "bad-english",
            b"We collect your e-mail address. We never sell it. Contact us.\n".to_vec(),
            "no Chinese text",
        ),
        (
            "bad-chinese",
            "我们收集您的电子邮件地址。我们不会出售它。请联系我们。\n"
                .as_bytes()
                .to_vec(),
            "no English text",
        ),
        (
            "bad-encoding",
            b"policy \xff\xff text \xff\x80 more \xff\xff words \xff\xff here \xff\xff\n"
                .repeat(20),
            "cannot decode",
        ),
        ("bad-large", bilingual(3).repeat(40), "input limit"),
        (
            "bad-pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(),
            "PDF",
        ),
        ("bad-alone.zh", bilingual(5), "only the Chinese version"),
    ];
    for n in 0..total - bad.len() {
        write(&input.join(format!("doc{n:03}.txt")), &bilingual(n));
    }
    for (name, bytes, _) in &bad {
        write(&input.join(format!("{name}.txt")), bytes);
    }
    let out = d.join("out");
    let assert = cmd()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--max-size", "20K"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("190 ok") && stderr.contains("10 failed"),
        "{stderr}"
    );
    let rows = summary(&out);
    assert_eq!(rows.len(), 1 + total);
    let ids = column(&rows, "id");
    let status = column(&rows, "status");
    let errors = column(&rows, "error");
    let mut failed = 0;
    for (name, _, message) in &bad {
        let id = name.trim_end_matches(".zh");
        let i = ids
            .iter()
            .position(|x| x == id)
            .unwrap_or_else(|| panic!("{id}"));
        assert_eq!(status[i], "error", "{id}");
        assert!(errors[i].contains(message), "{id}: {}", errors[i]);
        assert!(
            errors[i].contains(&format!("{name}.txt")),
            "{id}: {}",
            errors[i]
        );
        assert!(!out.join(format!("{id}.json")).exists());
        failed += 1;
    }
    assert_eq!(failed, 10);
    assert_eq!(status.iter().filter(|s| *s == "ok").count(), 190);
    let results = fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".json")
        })
        .count();
    assert_eq!(results, 190);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("in/doc.txt"), &bilingual(0));
    write(&d.join("file"), b"x");
    // Missing input folder.
    cmd()
        .arg("batch")
        .arg(d.join("nope"))
        .arg("-o")
        .arg(d.join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nope"));
    // OUT is a file, or under a file.
    for out in [d.join("file"), d.join("file/sub")] {
        cmd()
            .arg("batch")
            .arg(d.join("in"))
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("file"));
    }
    // No documents.
    fs::create_dir_all(d.join("empty")).unwrap();
    cmd()
        .arg("batch")
        .arg(d.join("empty"))
        .arg("-o")
        .arg(d.join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no documents"));
    // Bad manifest header.
    write(&d.join("m.csv"), b"name\nx\n");
    cmd()
        .arg("batch")
        .arg(d.join("m.csv"))
        .arg("-o")
        .arg(d.join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("m.csv"));
    // OUT is the input folder.
    cmd()
        .arg("batch")
        .arg(d.join("in"))
        .arg("-o")
        .arg(d.join("in"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("must not be the input folder"));
    // -j 0 is refused by the parser.
    cmd()
        .arg("batch")
        .arg(d.join("in"))
        .arg("-o")
        .arg(d.join("out"))
        .args(["-j", "0"])
        .assert()
        .code(2);
}

#[test]
fn output_inside_input_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("doc.txt"), &bilingual(0));
    for run in 0..2 {
        let out = cmd()
            .arg("batch")
            .arg(d)
            .arg("-o")
            .arg(d.join("out"))
            .args(["--format", "text"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(summary(&d.join("out")).len(), 2);
        // Once the folder exists, its files are left out, and that is said.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.contains("lies inside")
                && stderr.contains("files in it are not read as documents"),
            run == 1,
            "{stderr}"
        );
    }
    assert!(d.join("out/doc.txt").is_file());
}

#[test]
fn every_format_writes_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("in/doc.txt"), &bilingual(0));
    for (format, ext) in [
        ("json", "json"),
        ("jsonl", "jsonl"),
        ("csv", "csv"),
        ("tmx", "tmx"),
        ("beads", "beads"),
        ("text", "txt"),
    ] {
        let out = d.join(format!("out-{format}"));
        cmd()
            .arg("batch")
            .arg(d.join("in"))
            .arg("-o")
            .arg(&out)
            .args(["--format", format, "--excel", "--pairs", "clauses"])
            .assert()
            .code(0);
        let result = fs::read(out.join(format!("doc.{ext}"))).unwrap();
        assert!(!result.is_empty(), "{format}");
        assert_eq!(
            result.starts_with("\u{FEFF}".as_bytes()),
            format == "csv",
            "{format}"
        );
        assert!(
            fs::read(out.join("summary.csv"))
                .unwrap()
                .starts_with("\u{FEFF}".as_bytes())
        );
    }
}

#[test]
fn junit_report_has_one_case_per_document() {
    // Three documents: the demo policy with planted differences (fails),
    // a faithful one (passes at --fail-on error when it has only warnings,
    // or no findings), and one that cannot be analysed (an error).
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write(
        &docs.join("drift.txt"),
        &fs::read(root().join("data/examples/demo-drift.txt")).unwrap(),
    );
    write(&docs.join("faithful.txt"), &test_data("en-then-zh.txt"));
    write(
        &docs.join("chinese-only.txt"),
        "我们收集您的个人信息。".as_bytes(),
    );
    let out = dir.path().join("out");
    let junit = dir.path().join("junit.xml");
    let status = cmd()
        .arg("batch")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .arg("--junit")
        .arg(&junit)
        .args(["--fail-on", "error"])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1), "one document fails to read");
    let xml = fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("JUnit is well-formed XML");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    assert_eq!(suite.attribute("errors"), Some("1"));
    let case = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some(name))
            .unwrap_or_else(|| panic!("no test case {name}: {xml}"))
    };
    let failure = case("drift")
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("the drifted policy fails");
    assert_eq!(
        failure.attribute("message"),
        Some("5 findings at error or above")
    );
    assert!(failure.text().unwrap().contains("negation: 1"), "{xml}");
    assert!(
        case("faithful").children().all(|n| !n.is_element()),
        "{xml}"
    );
    let error = case("chinese-only")
        .children()
        .find(|n| n.has_tag_name("error"))
        .expect("an unreadable document is an error");
    assert!(
        error
            .attribute("message")
            .unwrap()
            .contains("no English text")
    );
}

#[test]
fn ignore_rules_apply_to_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let drift = fs::read(root().join("data/examples/demo-drift.txt")).unwrap();
    write(&docs.join("a.txt"), &drift);
    write(&docs.join("b.txt"), &drift);
    let rules = dir.path().join("ignore.txt");
    write(&rules, b"negation\n* *amazon*\n");
    let out = dir.path().join("out");
    cmd()
        .arg("batch")
        .arg(&docs)
        .arg("-o")
        .arg(&out)
        .arg("--ignore")
        .arg(&rules)
        .assert()
        .success();
    let rows = summary(&out);
    assert_eq!(column(&rows, "negation"), ["0", "0"]);
    assert_eq!(column(&rows, "entity"), ["0", "0"]);
    assert_eq!(column(&rows, "findings"), ["4", "4"]);
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("a.json")).unwrap()).unwrap();
    assert_eq!(v["review"]["ignored"], 2);
    assert_eq!(v["findings"].as_array().unwrap().len(), 4);
    // A broken rules file stops the batch before any document, naming it.
    write(&rules, b"negations\n");
    let out = cmd()
        .arg("batch")
        .arg(&docs)
        .arg("-o")
        .arg(dir.path().join("out2"))
        .arg("--ignore")
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("ignore.txt: line 1: cannot read the ignore file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn layout_selection_and_fail_on_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    let faithful_zh = test_data("check/faithful.zh.txt");
    write(&d.join("good/zh.txt"), &faithful_zh);
    write(&d.join("good/en.txt"), &test_data("check/faithful.en.txt"));
    write(&d.join("good/SOURCE.md"), b"# Where this came from\n");
    write(&d.join("drift/zh.txt"), &faithful_zh);
    write(&d.join("drift/en.txt"), &test_data("check/changed.en.txt"));
    write(
        &d.join("lonely/en.txt"),
        &test_data("check/faithful.en.txt"),
    );
    write(&d.join("README.md"), b"# The corpus\n");
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        cmd()
            .arg("batch")
            .arg(&d)
            .arg("-o")
            .arg(&out)
            .args(extra)
            .assert()
    };
    // Everything: the lonely file fails with what it lacks, never `--en`.
    let assert = run(&["--findings-csv"]).code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("3 documents: 2 ok, 1 failed"), "{stderr}");
    let rows = summary(&out);
    assert_eq!(column(&rows, "id"), ["drift", "good", "lonely"]);
    let errors = column(&rows, "error");
    assert!(
        errors[2].contains("only the English version") && errors[2].contains("lonely/zh.txt"),
        "{errors:?}"
    );
    assert!(!errors.iter().any(|e| e.contains("--en")), "{errors:?}");
    // Per-severity counts, appended after the old columns.
    assert_eq!(
        &rows[0][20..],
        ["seconds", "errors", "warnings", "info", "terminology"]
    );
    let total: Vec<usize> = column(&rows, "findings")[..2]
        .iter()
        .map(|n| n.parse().unwrap())
        .collect();
    let by_severity = |row: usize| -> usize {
        ["errors", "warnings", "info"]
            .iter()
            .map(|c| column(&rows, c)[row].parse::<usize>().unwrap())
            .sum()
    };
    assert_eq!(by_severity(0), total[0]);
    assert_eq!(by_severity(1), total[1]);
    assert!(column(&rows, "errors")[0].parse::<usize>().unwrap() > 0);
    assert_eq!(column(&rows, "findings")[1], "0");
    assert_eq!(column(&rows, "errors")[2], "");
    // findings.csv: one row per finding of the documents that succeeded.
    let mut r = csv::Reader::from_path(out.join("findings.csv")).unwrap();
    let ids: Vec<String> = r.records().map(|f| f.unwrap()[0].to_string()).collect();
    assert_eq!(ids.len(), total[0]);
    assert!(ids.iter().all(|id| id == "drift"), "{ids:?}");

    // Selection: the faithful document alone passes --fail-on info.
    run(&["--include", "good*", "--fail-on", "info"]).code(0);
    assert_eq!(column(&summary(&out), "id"), ["good"]);
    // The drifted one fails it, and --exclude leaves the lonely file out.
    let assert = run(&["--exclude", "lonely", "--fail-on", "error"]).code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("2 documents: 2 ok, 0 failed, 1 with findings at error or above"),
        "{stderr}"
    );
    // Without --fail-on, findings do not fail a batch.
    run(&["--exclude", "lonely"]).code(0);
    // A two-file document goes whole: excluding one of its files drops it.
    // Selecting nothing, or a malformed glob, is a usage error.
    let assert = run(&["--exclude", "*/en.txt"]).code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("none of the 3 documents"), "{stderr}");
    run(&["--include", "nothing*"]).code(2);
    run(&["--exclude", "[x"]).code(2);
}

#[test]
fn resume_after_an_option_or_input_change() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for n in 0..3 {
        write(&d.join(format!("in/doc{n}.txt")), &bilingual(n));
    }
    let out = d.join("out");
    let run = |extra: &[&str]| {
        cmd()
            .arg("batch")
            .arg(d.join("in"))
            .arg("-o")
            .arg(&out)
            .args(extra)
            .assert()
    };
    run(&["--segment", "lines"]).code(0);
    let first = summary(&out);
    // Other options: refused, naming them, and nothing is touched.
    let assert = run(&["--resume"]).code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("other options") && stderr.contains("segment lines then, auto now"),
        "{stderr}"
    );
    assert_eq!(summary(&out), first);
    let assert = run(&["--resume", "--segment", "lines", "-f", "csv"]).code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("format json then, csv now"), "{stderr}");
    // Same options: reused; a changed input is run again.
    let mut changed = bilingual(1);
    changed.extend_from_slice("\nContact us.\n联系我们。\n".as_bytes());
    write(&d.join("in/doc1.txt"), &changed);
    let assert = run(&["--resume", "--segment", "lines"]).code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("2 reused"), "{stderr}");
    let second = summary(&out);
    assert_eq!(first[1], second[1]);
    assert_ne!(
        column(&first, "bytes")[1],
        column(&second, "bytes")[1],
        "doc1 was redone"
    );
    // Without --resume, other options redo everything and are recorded.
    run(&[]).code(0);
    let assert = run(&["--resume"]).code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("3 reused"), "{stderr}");
    // An output folder from a version that recorded nothing is refused.
    fs::remove_file(out.join(".clausealign").join(batch::OPTIONS_FILE)).unwrap();
    run(&["--resume"]).code(2);
}

#[test]
fn html_results_get_an_index_page() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("in/a b#1.txt"), &bilingual(0));
    write(
        &d.join("in/隐私/zh.txt"),
        &test_data("check/faithful.zh.txt"),
    );
    write(
        &d.join("in/隐私/en.txt"),
        &test_data("check/changed.en.txt"),
    );
    write(&d.join("in/broken.txt"), "只有中文。".as_bytes());
    let out = d.join("out");
    let run = |format: &str| {
        cmd()
            .arg("batch")
            .arg(d.join("in"))
            .arg("-o")
            .arg(&out)
            .args(["-f", format])
            .assert()
            .code(1)
    };
    run("html");
    let page = fs::read_to_string(out.join(batch::INDEX_FILE)).unwrap();
    let doc = roxmltree::Document::parse(page.trim_start_matches("<!DOCTYPE html>\n"))
        .expect("the index is well-formed XML");
    // Every link leads to a result in OUT.
    let links: Vec<String> = doc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .map(String::from)
        .collect();
    assert_eq!(links, ["a%20b%231.html", "%E9%9A%90%E7%A7%81.html"]);
    assert!(out.join("a b#1.html").is_file() && out.join("隐私.html").is_file());
    assert!(page.contains("3 documents: 2 ok, 1 failed"), "{page}");
    // The failed document's row says why.
    assert!(
        page.contains("<td>broken</td><td>error</td>") && page.contains("no English text found"),
        "{page}"
    );
    // Another format: the index of the HTML run is not left behind.
    run("json");
    assert!(!out.join(batch::INDEX_FILE).exists());
}

/// The error column of the row with this id.
fn error_of(out: &Path, id: &str) -> String {
    let rows = summary(out);
    let ids = column(&rows, "id");
    let errors = column(&rows, "error");
    let i = ids
        .iter()
        .position(|x| x == id)
        .unwrap_or_else(|| panic!("no row {id}: {ids:?}"));
    errors[i].clone()
}

/// A FIFO, a dangling link, a link loop and an unreadable subfolder each get
/// an error row; the good document is analysed and the batch ends (a FIFO
/// once hung the whole run).
#[cfg(unix)]
#[test]
fn special_and_skipped_entries_get_error_rows() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    write(&d.join("good.txt"), &bilingual(0));
    let fifo = d.join("pipe.txt");
    let has_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
    symlink(d.join("loop-b.txt"), d.join("loop-a.txt")).unwrap();
    symlink(d.join("loop-a.txt"), d.join("loop-b.txt")).unwrap();
    let locked = d.join("locked");
    write(&locked.join("hidden.txt"), &bilingual(1));
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any folder: then the folder is not unreadable.
    let unreadable = fs::read_dir(&locked).is_err();
    let out = dir.path().join("out");
    let run = cmd()
        .arg("batch")
        .arg(&d)
        .arg("-o")
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(error_of(&out, "good"), "");
    assert!(error_of(&out, "dangling.txt").contains("dangling link"));
    for id in ["loop-a.txt", "loop-b.txt"] {
        assert!(
            error_of(&out, id).contains("cannot be followed"),
            "{}",
            error_of(&out, id)
        );
    }
    if has_fifo {
        assert!(error_of(&out, "pipe").contains("is a FIFO (named pipe), not a regular file"));
    }
    if unreadable {
        assert!(error_of(&out, "locked").contains("cannot read the folder"));
    }
}

/// A manifest row naming a device (`/dev/zero`, which once ate memory
/// until killed) gets an error row at once; the other rows go on.
#[cfg(unix)]
#[test]
fn a_manifest_row_naming_a_device_fails_alone() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("good.txt"), &bilingual(0));
    write(
        &d.join("list.csv"),
        b"id,path\ngood,good.txt\nzero,/dev/zero\n",
    );
    let out = d.join("out");
    cmd()
        .arg("batch")
        .arg(d.join("list.csv"))
        .arg("-o")
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1);
    assert_eq!(error_of(&out, "good"), "");
    assert!(
        error_of(&out, "zero").contains("/dev/zero: is a character device, not a regular file")
    );
}

/// A second run on an output folder in use exits 2 naming the process that
/// holds it; a lock left by a process that is gone is taken over.
#[test]
fn output_folder_lock() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("in/doc.txt"), &bilingual(0));
    let out = d.join("out");
    let lock = out.join(".clausealign").join(batch::LOCK_FILE);
    // Held by a live process: this test's own.
    write(&lock, format!("{}\n", std::process::id()).as_bytes());
    let run = cmd()
        .arg("batch")
        .arg(d.join("in"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!(
            "the output folder is in use by another clausealign batch (process {} holds",
            std::process::id()
        )),
        "{stderr}"
    );
    assert!(!out.join("summary.csv").exists());
    // Held by a process that has ended: taken over, and released at the end.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    write(&lock, format!("{dead}\n").as_bytes());
    cmd()
        .arg("batch")
        .arg(d.join("in"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join("summary.csv").is_file());
    assert!(!lock.exists());
}

/// A manifest row naming a file inside the output folder whose name a
/// result would take: the input is kept and the row says why.
#[test]
fn a_result_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = bilingual(0);
    write(&d.join("out/doc.txt"), &input);
    write(&d.join("list.csv"), b"id,path\ndoc,out/doc.txt\n");
    cmd()
        .arg("batch")
        .arg(d.join("list.csv"))
        .arg("-o")
        .arg(d.join("out"))
        .args(["--format", "text"])
        .assert()
        .code(1);
    assert_eq!(fs::read(d.join("out/doc.txt")).unwrap(), input);
    assert!(error_of(&d.join("out"), "doc").contains("would be written over this input file"));
}

/// An id taken from a file name that a spreadsheet would run (`=cmd`) is
/// written to summary.csv and pairs.csv with a leading `'`.
#[test]
fn formula_ids_are_neutralised_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("in/=HYPERLINK(1).txt"), &bilingual(0));
    write(&d.join("in/@doc.txt"), &bilingual(1));
    let out = d.join("out");
    for excel in [false, true] {
        let mut run = cmd();
        run.arg("batch")
            .arg(d.join("in"))
            .arg("-o")
            .arg(&out)
            .arg("--pairs-csv");
        if excel {
            run.arg("--excel");
        }
        run.assert().code(0);
        let rows = summary(&out);
        let ids = column(&rows, "id");
        let first = ids[0].trim_start_matches('\u{FEFF}');
        assert_eq!(first, "'=HYPERLINK(1)");
        assert_eq!(ids[1], "'@doc");
        let paths = column(&rows, "zh_path");
        assert_eq!(paths[0], "'=HYPERLINK(1).txt");
        let pairs = fs::read_to_string(out.join("pairs.csv")).unwrap();
        for line in pairs.lines().skip(1) {
            assert!(
                line.starts_with("'=HYPERLINK(1),") || line.starts_with("'@doc,"),
                "{line}"
            );
        }
    }
}
