//! The library's facade as a user calls it: `compare` on strings (one
//! bilingual text; a Chinese and an English text), files, typed errors, an
//! injected lexicon, and one `Analyzer` shared by threads.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clausealign::export::Granularity;
use clausealign::lexicon::Lexicon;
use clausealign::segment::SegmentMode;
use clausealign::{Analyzer, Comparison, Error, FindingKind, Lang, Options, Severity};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).expect("test document")
}

/// What a comparison says, for comparing runs: the JSON contract.
fn fingerprint(c: &Comparison) -> String {
    c.to_json(Granularity::Lines).to_string()
}

#[test]
fn one_bilingual_text() {
    let text = read("data/examples/demo-drift.txt");
    let result = clausealign::compare(&text, None, &Options::default()).expect("compares");
    assert_eq!(result.report.name(), "<text>");
    assert_eq!(result.report.clauses(Lang::Zh).len(), 12);
    assert_eq!(result.report.clauses(Lang::En).len(), 13);
    let kinds: Vec<FindingKind> = result.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FindingKind::Negation,
            FindingKind::Number,
            FindingKind::Entity,
            FindingKind::Modality,
            FindingKind::Contact,
            FindingKind::Omission,
        ]
    );
    // The same text read from its file gives the same pairs and findings.
    let from_file = Analyzer::default()
        .compare_files(&root().join("data/examples/demo-drift.txt"), None)
        .expect("reads");
    assert_eq!(from_file.pairs(), result.pairs());
    assert_eq!(from_file.findings, result.findings);
}

#[test]
fn a_chinese_and_an_english_text() {
    let zh = read("tests/data/policy.zh.txt");
    let en = read("tests/data/policy.en.txt");
    let result = clausealign::compare(&zh, Some(&en), &Options::default()).expect("compares");
    assert_eq!(result.report.source(Lang::Zh).name, "<zh>");
    assert_eq!(result.report.source(Lang::En).name, "<en>");
    // Every clause of both languages is in exactly one pair.
    for lang in [Lang::Zh, Lang::En] {
        let mut ids: Vec<usize> = result
            .pairs()
            .iter()
            .flat_map(|p| match lang {
                Lang::Zh => p.zh.clone(),
                Lang::En => p.en.clone(),
            })
            .collect();
        ids.sort_unstable();
        let all: Vec<usize> = (0..result.report.clauses(lang).len()).collect();
        assert_eq!(ids, all, "{lang:?}");
        assert_eq!(
            result.report.anchors(lang).len(),
            result.report.clauses(lang).len()
        );
        assert_eq!(
            result.report.support(lang).len(),
            result.report.clauses(lang).len()
        );
    }
    // The files give the same result as their texts.
    let files = Analyzer::default()
        .compare_files(
            &root().join("tests/data/policy.zh.txt"),
            Some(&root().join("tests/data/policy.en.txt")),
        )
        .expect("reads");
    assert_eq!(files.pairs(), result.pairs());
    assert_eq!(files.findings, result.findings);
}

#[test]
fn align_does_not_check_and_check_params_apply() {
    let zh = "我们必须在30天内答复您的请求。";
    let en = "We may reply to your request within 30 days.";
    let analyzer = Analyzer::default();
    let report = analyzer.align(zh, Some(en)).expect("aligns");
    assert_eq!(report.pairs.len(), 1);
    let findings = analyzer.check(&report);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].kind, findings[0].severity),
        (FindingKind::Modality, Severity::Error)
    );
    // Cues are compared only on pairs aligned at least this well: a
    // threshold above every score silences the modality finding.
    let mut options = Options::default();
    options.check.min_cue_score = 1.1;
    let strict = Analyzer::new(options)
        .compare(zh, Some(en))
        .expect("compares");
    assert!(strict.findings.is_empty(), "{:?}", strict.findings);
}

#[test]
fn options_reach_the_analysis() {
    let text = "第一行。第二句。\n\nThe first line. The second sentence.\n";
    let auto = Analyzer::default().align(text, None).expect("aligns");
    let lines = Analyzer::new(Options {
        segment: SegmentMode::Lines,
        ..Options::default()
    })
    .align(text, None)
    .expect("aligns");
    assert_eq!(auto.clauses(Lang::En).len(), 2);
    assert_eq!(lines.clauses(Lang::En).len(), 1);
}

#[test]
fn an_injected_lexicon_is_used() {
    let lexicon = Arc::new(Lexicon::builtin().clone());
    let analyzer = Analyzer::with_lexicon(Arc::clone(&lexicon), Options::default());
    assert!(std::ptr::eq(analyzer.lexicon(), Arc::as_ptr(&lexicon)));
    let text = read("data/examples/demo-drift.txt");
    let injected = analyzer.compare(&text, None).expect("compares");
    let builtin = Analyzer::default().compare(&text, None).expect("compares");
    assert_eq!(fingerprint(&injected), fingerprint(&builtin));
}

#[test]
fn errors_are_typed() {
    let analyzer = Analyzer::default();
    let only_chinese = "我们收集您的个人信息，并且我们不会出售这些信息。";
    let err = analyzer.compare(only_chinese, None).unwrap_err();
    assert!(
        matches!(&err, Error::MissingLanguage { file, missing: Lang::En, .. } if file == "<text>"),
        "{err:?}"
    );
    let err = analyzer
        .compare(only_chinese, Some(only_chinese))
        .unwrap_err();
    assert!(
        matches!(&err, Error::WrongLanguage { file, expected: Lang::En } if file == "<en>"),
        "{err:?}"
    );
    assert!(matches!(
        analyzer.compare(" \n\u{3000}\n", None),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(
        analyzer.compare("\0\0\0\0\0\0", None),
        Err(Error::Binary {
            what: "NUL bytes",
            ..
        })
    ));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let err = analyzer.compare_files(&missing, None).unwrap_err();
    assert!(matches!(&err, Error::NotFound { .. }), "{err:?}");
    assert_eq!(err.file(), missing.display().to_string());
    assert!(matches!(
        analyzer.compare_files(dir.path(), None),
        Err(Error::IsDirectory { .. })
    ));
    let pdf = dir.path().join("doc.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\x00\x01binary").unwrap();
    assert!(matches!(
        analyzer.compare_files(&pdf, None),
        Err(Error::Binary { what: "PDF", .. })
    ));
}

/// The library says what is wrong; it never tells the user which flag to
/// pass (the command line adds that).
#[test]
fn error_messages_name_no_flags() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, read("data/examples/demo-drift.txt")).unwrap();
    let input = clausealign::input::DocumentInput::read_one(
        &big,
        &clausealign::input::ReadOptions {
            max_bytes: 100,
            ..Default::default()
        },
    );
    let too_large = input.unwrap_err();
    assert!(matches!(too_large, Error::TooLarge { limit: 100, .. }));
    let analyzer = Analyzer::default();
    let errors = [
        too_large,
        analyzer
            .compare("我们收集您的个人信息。", None)
            .unwrap_err(),
        analyzer
            .compare("我们收集您的个人信息。", Some("我们收集您的个人信息。"))
            .unwrap_err(),
        analyzer.compare("", None).unwrap_err(),
    ];
    for e in errors {
        let message = e.to_string();
        assert!(!message.contains("--"), "{message}");
        assert!(message.contains(e.file()), "{message}");
    }
}

/// One analyzer serves two threads at once; each gets what a sequential call
/// gets.
#[test]
fn one_analyzer_from_two_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    let analyzer = Analyzer::new(Options::default());
    shared(&analyzer);
    let documents = [
        (read("data/examples/demo-drift.txt"), None),
        (
            read("tests/data/policy.zh.txt"),
            Some(read("tests/data/policy.en.txt")),
        ),
    ];
    let sequential: Vec<String> = documents
        .iter()
        .map(|(zh, en)| fingerprint(&analyzer.compare(zh, en.as_deref()).expect("compares")))
        .collect();
    let parallel: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = documents
            .iter()
            .map(|(zh, en)| {
                let analyzer = &analyzer;
                scope.spawn(move || {
                    // Several rounds, so the two threads overlap.
                    let mut last = String::new();
                    for _ in 0..3 {
                        last = fingerprint(&analyzer.compare(zh, en.as_deref()).expect("compares"));
                    }
                    last
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("no panic"))
            .collect()
    });
    assert_eq!(parallel, sequential);
    assert_ne!(sequential[0], sequential[1]);
}

/// The README's library example is the lib.rs doctest `ReadmeDoctests`; this
/// checks that the README still has that section and that the example names
/// the calls this file tests.
#[test]
fn readme_has_the_library_example() {
    let readme = read("README.md");
    let section = readme
        .split("## Use as a library")
        .nth(1)
        .expect("README has a \"Use as a library\" section");
    let example = section
        .split("```rust\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the section holds a Rust example");
    for call in ["clausealign::compare(", "Analyzer::new(", "compare_files("] {
        assert!(example.contains(call), "README example lacks {call}");
    }
}

/// The example in docs/json.md is a real run cut short: every clause, pair
/// and finding it shows is in the output of that run, and the fields it shows
/// are all the fields there are.
#[test]
fn json_contract_example_is_true() {
    let doc = read("docs/json.md");
    let example = doc
        .split("```json\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("docs/json.md has a JSON example");
    let shown: serde_json::Value = serde_json::from_str(example).expect("the example is JSON");
    // Relative to the package root, where tests run, as in the doc.
    let result = Analyzer::default()
        .compare_files(Path::new("data/examples/demo-drift.txt"), None)
        .expect("compares");
    let real = result.to_json(Granularity::Lines);
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("object").keys().cloned().collect()
    };
    assert_eq!(keys(&shown), keys(&real));
    for field in ["version", "shape", "files"] {
        assert_eq!(shown[field], real[field], "{field}");
    }
    let contains = |all: &serde_json::Value, one: &serde_json::Value| {
        all.as_array().expect("array").contains(one)
    };
    for side in ["zh", "en"] {
        for clause in shown["clauses"][side].as_array().expect("clauses") {
            assert!(contains(&real["clauses"][side], clause), "{clause}");
            assert_eq!(keys(clause), keys(&real["clauses"][side][0]));
        }
    }
    for list in ["pairs", "findings"] {
        for item in shown[list].as_array().expect("array") {
            assert!(contains(&real[list], item), "{item}");
        }
    }
}
