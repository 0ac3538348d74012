//! Input formats: pre-paired files (PO, XLIFF 1.2 and 2.0, TMX, CSV, TSV)
//! checked pair by pair, DOCX documents, detection by content, and broken
//! files. The files are in `tests/data/formats/` (its README says how each
//! was made).

mod common;

use std::path::{Path, PathBuf};

use clausealign::input::{DocumentInput, Format, ReadOptions, UnitStatus};
use clausealign::{Analyzer, Error, FindingKind};
use common::{check_json, cmd, root};
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    root().join("tests/data/formats").join(name)
}

fn json_of(path: &Path, extra: &[&str]) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = extra.iter().map(|s| s.as_ref()).collect();
    args.push(path.as_os_str());
    check_json(&args)
}

/// Findings as (kind, severity, message).
fn findings(v: &Value) -> Vec<(String, String, String)> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("kind"), s("severity"), s("message"))
        })
        .collect()
}

/// Every clause points into the file: its characters (white space aside)
/// appear in order in the bytes from `start` to `end`, which are on lines
/// `line` to `end_line`.
fn assert_positions(path: &Path, v: &Value, decode: impl Fn(&[u8]) -> String) {
    let bytes = std::fs::read(path).expect("reads");
    for lang in ["zh", "en"] {
        for c in v["clauses"][lang].as_array().expect("clauses") {
            let (start, end) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            let raw = decode(&bytes[start..end]);
            let mut rest = raw.chars();
            let text = c["text"].as_str().unwrap();
            for ch in text.chars().filter(|c| !c.is_whitespace()) {
                assert!(
                    rest.any(|r| r == ch),
                    "{}: {text:?} is not in the bytes {start}..{end}: {raw:?}",
                    path.display()
                );
            }
            let line_of = |off: usize| decode(&bytes[..off]).matches('\n').count() + 1;
            assert_eq!(
                c["line"].as_u64().unwrap() as usize,
                line_of(start),
                "{text}"
            );
            assert_eq!(
                c["end_line"].as_u64().unwrap() as usize,
                line_of(end.max(start + 1) - 1),
                "{text}"
            );
        }
    }
}

fn utf8(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A faithful translation in each pre-paired format, with the markup of
/// its kind (`<span>`, `%s`, `{0}`, `<g>`, `<x/>`, `<ph>`, `<bpt>`/`<ept>`,
/// `<pc>`, `<hi>`, `<ut>`, quoted cells), gives no findings; each unit is a
/// pair, and clause positions point into the file.
#[test]
fn faithful_files_give_no_findings() {
    let cases = [
        ("policy.po", 14),
        ("policy.xlf", 15),
        ("policy-inline.xlf", 7),
        ("policy-2.xlf", 7),
        ("policy.tmx", 14),
        ("policy-inline.tmx", 6),
        ("policy.csv", 6),
    ];
    for (name, units) in cases {
        let path = data(name);
        let v = json_of(&path, &[]);
        assert_eq!(findings(&v), [], "{name}");
        assert_eq!(v["shape"], "paired", "{name}");
        assert_eq!(v["pairs"].as_array().unwrap().len(), units, "{name}");
        assert_eq!(v["files"]["zh"], v["files"]["en"]);
        assert_positions(&path, &v, utf8);
        // Markup never reaches the clause text.
        for lang in ["zh", "en"] {
            for c in v["clauses"][lang].as_array().unwrap() {
                let text = c["text"].as_str().unwrap();
                for code in [
                    "<", "%s", "%d", "{0}", "{phone}", "%(date)s", "&amp;", "\\\"",
                ] {
                    assert!(!text.contains(code), "{name}: {code} in {text:?}");
                }
            }
        }
    }
}

/// The same files read as plain text are full of false findings: the
/// markup is what the formats keep out.
#[test]
fn read_as_text_the_markup_gives_findings() {
    for name in ["policy.po", "policy-inline.tmx"] {
        let v = json_of(&data(name), &["--input-format", "text"]);
        assert!(findings(&v).len() > 3, "{name}: {:?}", findings(&v));
    }
}

/// What the files say of their units: untranslated (empty `msgstr`, no
/// target, XLIFF states `new`/`needs-translation`, a missing `<tuv>`, an
/// empty cell) and not final (fuzzy, `needs-review-…`, XLIFF 2 `initial`).
#[test]
fn untranslated_and_fuzzy_units_are_reported() {
    let cases: [(&str, &[(&str, &str)]); 5] = [
        (
            "unfinished.po",
            &[
                ("number", "period differs: 15天内 (zh) vs 30 days (en)"),
                (
                    "fuzzy",
                    "translation not final: flagged fuzzy (entry at line 15)",
                ),
                (
                    "omission",
                    "not translated: msgstr is empty (entry at line 18)",
                ),
                (
                    "fuzzy",
                    "translation not final: flagged fuzzy (entry at line 22, msgstr[0])",
                ),
            ],
        ),
        (
            "unfinished.xlf",
            &[
                ("number", "period differs"),
                (
                    "fuzzy",
                    "state is needs-review-translation (trans-unit \"retention\" at line 10)",
                ),
                (
                    "omission",
                    "state is needs-translation (trans-unit \"sell\" at line 14)",
                ),
                ("omission", "no <target> (trans-unit \"share\" at line 18)"),
                (
                    "omission",
                    "<target> is empty (trans-unit \"contact\" at line 21)",
                ),
            ],
        ),
        (
            "unfinished-2.xlf",
            &[
                ("fuzzy", "state is initial (unit \"retention\" at line 12)"),
                ("omission", "no <target> (unit \"sell\" at line 18)"),
            ],
        ),
        (
            "unfinished.tmx",
            &[
                ("omission", "no Chinese <tuv> (tu \"sell\" at line 11)"),
                (
                    "omission",
                    "the Chinese <seg> is empty (tu \"contact\" at line 15)",
                ),
            ],
        ),
        (
            "policy.tsv",
            &[(
                "omission",
                "not translated: the Chinese cell is empty (row at line 5)",
            )],
        ),
    ];
    for (name, expected) in cases {
        let v = json_of(&data(name), &[]);
        let got = findings(&v);
        assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
        for ((kind, severity, message), (want_kind, want)) in got.iter().zip(expected.iter()) {
            assert_eq!(kind, want_kind, "{name}: {message}");
            assert!(message.contains(want), "{name}: {message:?} lacks {want:?}");
            if *want_kind != "number" {
                assert_eq!(severity, "warning", "{name}: {message}");
            }
        }
    }
}

/// An untranslated unit is one finding: its target (a copy of the source)
/// is not compared, and it is not reported again as text without
/// counterpart.
#[test]
fn an_untranslated_unit_is_reported_once() {
    let v = json_of(&data("unfinished.xlf"), &[]);
    let sell: Vec<_> = findings(&v)
        .into_iter()
        .filter(|(_, _, m)| m.contains("third party"))
        .collect();
    assert_eq!(sell.len(), 1, "{sell:?}");
}

/// The same policy as plain text, Markdown, an HTML page and a Word
/// document gives the same findings (the planted differences, no more).
#[test]
fn same_policy_in_every_format_gives_the_same_findings() {
    let expected = findings(&json_of(&data("drift/policy.txt"), &[]));
    let kinds: Vec<&str> = expected.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        ["negation", "omission", "number", "contact"],
        "{expected:#?}"
    );
    for name in ["drift/policy.md", "drift/policy.html", "drift/policy.docx"] {
        assert_eq!(findings(&json_of(&data(name), &[])), expected, "{name}");
    }
}

/// Formats are told by their content: the same files with a `.txt` name
/// read the same way.
#[test]
fn formats_are_detected_by_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "policy.po",
        "policy.xlf",
        "policy-2.xlf",
        "policy.tmx",
        "policy.csv",
        "drift/policy.html",
        "drift/policy.md",
        "policy-table.docx",
    ] {
        let original = json_of(&data(name), &[]);
        let copy = dir.path().join(format!("{}.txt", name.replace('/', "-")));
        std::fs::copy(data(name), &copy).expect("copies");
        let renamed = json_of(&copy, &[]);
        assert_eq!(renamed["clauses"], original["clauses"], "{name}");
        assert_eq!(renamed["findings"], original["findings"], "{name}");
    }
}

/// `--input-format text` reads plain text as it is; `auto` (the default)
/// recognises Markdown.
#[test]
fn input_format_text_is_plain_text() {
    let texts = |v: &Value| -> String {
        v["clauses"]["en"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let md = data("drift/policy.md");
    assert!(!texts(&json_of(&md, &[])).contains("**"));
    assert!(texts(&json_of(&md, &["--input-format", "text"])).contains("**name**"));
    assert!(texts(&json_of(&md, &["--input-format", "auto"])).contains("name,"));
}

/// CSV and TSV: a header naming the languages, `--columns`, or the script of
/// a two-column sheet says which column is which.
#[test]
fn sheet_columns() {
    let v = json_of(&data("columns.csv"), &[]);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(v["clauses"]["zh"][0]["text"], "隐私政策");
    let kinds: Vec<_> = findings(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(kinds, ["number"]);
    let forced = json_of(&data("columns.csv"), &["--columns=-,en,zh"]);
    assert_eq!(forced["clauses"], v["clauses"]);
    let tsv = json_of(&data("policy.tsv"), &[]);
    assert_eq!(tsv["clauses"]["zh"][0]["text"], "隐私政策");
    assert_eq!(tsv["clauses"]["en"][0]["text"], "Privacy Policy");
    // Swapped by the option: English read as the Chinese column.
    let out = cmd()
        .args(["check", "--columns", "zh,en"])
        .arg(data("policy.tsv"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let bad = cmd()
        .args(["check", "--columns", "zh,fr"])
        .arg(data("policy.tsv"))
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("names no language"));
}

/// A DOCX document: its paragraphs are the lines (a two-column table reads
/// as interleaved paragraphs).
#[test]
fn docx_documents() {
    let v = json_of(&data("policy-table.docx"), &[]);
    assert_eq!(findings(&v), []);
    assert_eq!(v["shape"], "interleaved");
    assert_eq!(v["clauses"]["zh"][0]["text"], "隐私政策");
    assert_eq!(v["clauses"]["en"][0]["line"], 2);
}

/// Positions point into the file's bytes whatever its encoding: a UTF-16
/// XLIFF file and a GB18030 Markdown file.
#[test]
fn positions_in_other_encodings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xliff = std::fs::read_to_string(data("policy-2.xlf")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(xliff.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("utf16.xlf");
    std::fs::write(&path, &utf16).unwrap();
    let v = json_of(&path, &[]);
    assert_eq!(findings(&v), []);
    assert_positions(&path, &v, |b| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    });
    let md = std::fs::read_to_string(data("drift/policy.md")).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&md);
    let path = dir.path().join("gb.md");
    std::fs::write(&path, &gb).unwrap();
    let v = json_of(&path, &[]);
    assert_positions(&path, &v, |b| encoding_rs::GB18030.decode(b).0.into_owned());
}

/// Broken files get a one-line error naming the file and the problem
/// (exit status 2), never a panic.
#[test]
fn broken_files_are_refused_with_a_reason() {
    let cases = [
        (
            "unterminated.po",
            "line 6: cannot read the PO file: unterminated string",
        ),
        (
            "no-msgstr.po",
            "line 4: cannot read the PO file: msgid without msgstr",
        ),
        (
            "french.po",
            "the translations are in fr, neither Chinese nor English",
        ),
        (
            "mismatched-tag.xlf",
            "line 7: cannot read the XLIFF file: not well-formed XML",
        ),
        (
            "no-units.xlf",
            "cannot read the XLIFF file: it holds no units to check",
        ),
        (
            "no-chinese.tmx",
            "no Chinese <tuv> in any <tu> (languages found: en, fr)",
        ),
        (
            "unclosed-quote.csv",
            "line 3: cannot read the CSV file: a quoted cell is never closed",
        ),
        (
            "three-columns.csv",
            "cannot tell which of its 3 columns hold Chinese and English",
        ),
        (
            "truncated.docx",
            "cannot read the DOCX file: not a readable ZIP archive",
        ),
        (
            "not-word.docx",
            "no word/document.xml in the archive: not a Word document",
        ),
    ];
    for (name, message) in cases {
        let path = data(&format!("broken/{name}"));
        let out = cmd().arg("check").arg(&path).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(message),
            "{name}: {stderr:?} lacks {message:?}"
        );
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}

/// A pre-paired file holds both languages: given as one language's
/// version it is refused.
#[test]
fn a_paired_file_is_not_one_language() {
    let out = cmd()
        .arg("check")
        .arg("--zh")
        .arg(data("policy.po"))
        .arg("--en")
        .arg(data("drift/policy.txt"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("a PO file holds both languages"),
        "{stderr}"
    );
    assert!(stderr.contains("without --zh/--en"), "{stderr}");
}

/// The library reads the formats too: the units and what the file says of
/// them are in the report, and a PO text handed over as a string is
/// recognised.
#[test]
fn library_reads_paired_files() {
    let analyzer = Analyzer::default();
    let result = analyzer
        .compare_files(&data("unfinished.po"), None)
        .expect("reads");
    let report = &result.report;
    assert!(report.pairs_given());
    assert_eq!(report.units.len(), report.pairs.len());
    assert_eq!(
        report.units[1].status,
        UnitStatus::Fuzzy("flagged fuzzy".into())
    );
    assert_eq!(
        report.units[2].status,
        UnitStatus::Untranslated("msgstr is empty".into())
    );
    assert!(result.findings.iter().any(|f| f.kind == FindingKind::Fuzzy));

    let text = std::fs::read_to_string(data("policy.po")).unwrap();
    let from_string = analyzer.compare(&text, None).expect("a PO text");
    assert!(from_string.report.pairs_given());
    assert!(from_string.findings.is_empty());

    let forced = ReadOptions {
        format: Some(Format::Tmx),
        ..ReadOptions::default()
    };
    let err = DocumentInput::read_one(&data("policy.po"), &forced).unwrap_err();
    assert!(
        matches!(err, Error::Malformed { format: "TMX", .. }),
        "{err}"
    );
}

/// Cases of the damaged-file property: `PROPTEST_CASES`, else a number
/// that keeps `cargo test` within a few seconds.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32)
}

const SAMPLES: [&str; 9] = [
    "policy.po",
    "unfinished.po",
    "policy-inline.xlf",
    "policy-2.xlf",
    "policy-inline.tmx",
    "policy.csv",
    "columns.csv",
    "policy-table.docx",
    "drift/policy.md",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: cases(),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// A damaged file (cut short, bytes overwritten) is read or refused
    /// with an error, never a panic; what is read is checked, and its
    /// clauses lie within the file.
    #[test]
    fn damaged_files_never_panic(
        sample in 0..SAMPLES.len(),
        cut in 0.0f64..1.0,
        edits in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 0..8),
    ) {
        let path = data(SAMPLES[sample]);
        let mut bytes = std::fs::read(&path).expect("reads");
        bytes.truncate(((bytes.len() as f64) * (0.2 + 0.8 * cut)) as usize);
        for (at, b) in edits {
            if !bytes.is_empty() {
                let i = ((bytes.len() - 1) as f64 * at) as usize;
                bytes[i] = b;
            }
        }
        let hint = clausealign::input::hint_of_path(&path);
        let read = clausealign::input::formats::read_document("damaged", &bytes, hint, &ReadOptions::default());
        if let Ok(input) = read
            && let Ok(result) = Analyzer::default().compare_input(&input)
        {
            let report = &result.report;
            for lang in [clausealign::Lang::Zh, clausealign::Lang::En] {
                let len = report.source(lang).file_len();
                for c in report.clauses(lang) {
                    proptest::prop_assert!(c.start <= c.end && c.end <= len);
                }
            }
        }
    }
}

const ZH_SENTENCES: [&str; 4] = [
    "我们不会向任何第三方出售您的个人信息。",
    "我们将在您注销账户后30天内删除您的个人信息。",
    "如有任何问题，请发送电子邮件至 privacy@example.com。",
    "隐私政策",
];
const EN_SENTENCES: [&str; 4] = [
    "We do not sell your personal information to any third party.",
    "We will delete your personal information within 30 days after you close your account.",
    "If you have any questions, please e-mail privacy@example.com.",
    "Privacy Policy",
];
const MARKUP: [&str; 7] = [
    "<b>",
    "</b>",
    "%s",
    "{0}",
    "<span style=\"color:red\">",
    "</span>",
    "%1$d",
];

/// A sentence with markup put in at word boundaries (English) or between
/// characters (Chinese), as `(position, markup)` choices.
fn marked(sentence: &str, marks: &[(f64, usize)]) -> String {
    let spots: Vec<usize> = sentence
        .char_indices()
        .map(|(i, _)| i)
        .chain([sentence.len()])
        .filter(|&i| {
            let next = sentence[i..].chars().next();
            let prev = sentence[..i].chars().next_back();
            // Not inside an English word or an address.
            !(next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '@')
                && prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '@' || c == '.'))
        })
        .collect();
    let mut inserts: Vec<(usize, &str)> = marks
        .iter()
        .map(|&(at, m)| (spots[((spots.len() - 1) as f64 * at) as usize], MARKUP[m]))
        .collect();
    inserts.sort();
    let mut out = String::new();
    let mut from = 0;
    for (at, m) in inserts {
        out.push_str(&sentence[from..at]);
        out.push_str(m);
        // `%sto` is a word; software strings write `%s to`.
        if m == "%s" && sentence[at..].starts_with(|c: char| c.is_ascii_lowercase()) {
            out.push(' ');
        }
        from = at;
    }
    out.push_str(&sentence[from..]);
    out
}

/// A pre-paired file of `units` (zh, en) in one of three formats.
fn paired_file(format: usize, units: &[(String, String)]) -> (&'static str, String) {
    let xml = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    match format {
        0 => {
            let mut po = String::from("msgid \"\"\nmsgstr \"\"\n\"Language: zh_CN\\n\"\n\n");
            for (zh, en) in units {
                let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
                po.push_str(&format!(
                    "msgid \"{}\"\nmsgstr \"{}\"\n\n",
                    esc(en),
                    esc(zh)
                ));
            }
            ("x.po", po)
        }
        1 => {
            let mut tmx = String::from("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n");
            for (zh, en) in units {
                tmx.push_str(&format!(
                    "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>{}</seg></tuv></tu>\n",
                    xml(en),
                    xml(zh)
                ));
            }
            tmx.push_str("</body></tmx>\n");
            ("x.tmx", tmx)
        }
        _ => {
            let mut csv = String::from("zh,en\n");
            for (zh, en) in units {
                let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
                csv.push_str(&format!("{},{}\n", q(zh), q(en)));
            }
            ("x.csv", csv)
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: cases(),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Markup put anywhere in the units of a PO, TMX or CSV file is left
    /// out, and nothing else is: each pair's clauses hold exactly the
    /// unit's text (white space aside), and a faithful file gives no
    /// findings.
    #[test]
    fn markup_is_left_out_and_text_kept(
        format in 0usize..3,
        units in proptest::collection::vec(
            (0..ZH_SENTENCES.len(),
             proptest::collection::vec((0.0f64..1.0, 0..MARKUP.len()), 0..4),
             proptest::collection::vec((0.0f64..1.0, 0..MARKUP.len()), 0..4)),
            1..6),
    ) {
        let units: Vec<(String, String)> = units
            .iter()
            .map(|(k, zm, em)| (marked(ZH_SENTENCES[*k], zm), marked(EN_SENTENCES[*k], em)))
            .collect();
        let (name, text) = paired_file(format, &units);
        let input = clausealign::input::formats::read_document(
            name,
            text.as_bytes(),
            None,
            &ReadOptions::default(),
        )
        .expect("reads");
        let result = Analyzer::default().compare_input(&input).expect("analyses");
        let report = &result.report;
        proptest::prop_assert_eq!(report.pairs.len(), units.len());
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        for (p, (zh, en)) in report.pairs.iter().zip(&units) {
            let got = |lang: clausealign::Lang, ids: &[usize]| -> String {
                squeeze(&ids.iter().map(|&i| report.clauses(lang)[i].text.clone()).collect::<String>())
            };
            let want = |s: &str| {
                let mut s = s.to_string();
                for m in MARKUP {
                    s = s.replace(m, "");
                }
                squeeze(&s)
            };
            proptest::prop_assert_eq!(got(clausealign::Lang::Zh, &p.zh), want(zh));
            proptest::prop_assert_eq!(got(clausealign::Lang::En, &p.en), want(en));
        }
        proptest::prop_assert!(result.findings.is_empty(), "{:?}", result.findings);
    }
}
