//! Bad and unusual inputs: what clausealign does with each (exit status and
//! message), one test per row of `docs/errors.md`; and the encodings and line
//! ends it reads, each checked against the plain UTF-8 copy of a document.

mod common;

use std::path::{Path, PathBuf};

use clausealign::Error;
use clausealign::input::{Encoding, Format, decode};
use common::{check_json, cmd, root};
use predicates::prelude::*;
use serde_json::Value;

/// A small bilingual document (English, then Chinese).
fn document() -> String {
    std::fs::read_to_string(root().join("tests/data/en-then-zh.txt")).expect("test document")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("writes");
    p
}

/// `align FILE` fails with exit status 2, nothing on stdout, and a one-line
/// message on stderr that contains `message`.
fn assert_refused(file: &Path, message: &str) {
    let out = cmd().arg("align").arg(file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains(message), "{stderr:?} lacks {message:?}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains(&file.display().to_string()),
        "the message must name the file: {stderr:?}"
    );
}

/// Pairs as clause texts (Chinese side, English side).
type PairTexts = Vec<(Vec<String>, Vec<String>)>;

/// Turns the bytes of a span of a file back into text.
type SpanDecoder = Box<dyn Fn(&[u8]) -> String>;

/// Pairs as clause texts, and each clause's lines.
fn summary(v: &Value) -> (PairTexts, Vec<(u64, u64)>) {
    let text = |side: &str, id: &Value| -> String {
        v["clauses"][side][id.as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let pairs = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let side = |s: &str| -> Vec<String> {
                p[s].as_array()
                    .unwrap()
                    .iter()
                    .map(|id| text(s, id))
                    .collect()
            };
            (side("zh"), side("en"))
        })
        .collect();
    let lines = ["zh", "en"]
        .iter()
        .flat_map(|s| v["clauses"][*s].as_array().unwrap().clone())
        .map(|c| (c["line"].as_u64().unwrap(), c["end_line"].as_u64().unwrap()))
        .collect();
    (pairs, lines)
}

/// Each clause's byte span, decoded with `decode_bytes`, normalises to its text.
fn assert_spans(v: &Value, bytes: &[u8], decode_bytes: &dyn Fn(&[u8]) -> String) {
    for side in ["zh", "en"] {
        for c in v["clauses"][side].as_array().unwrap() {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            let raw = decode_bytes(&bytes[s..e]);
            assert_eq!(
                clausealign::text::normalize(&raw),
                c["text"].as_str().unwrap(),
                "span {s}..{e}"
            );
        }
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "empty.txt", "");
    assert_refused(&p, "empty.txt: the file is empty (no text to align)");
}

#[test]
fn blank_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "blank.txt",
        " \r\n\t\u{3000}\u{a0}\u{200b}\u{feff}\n",
    );
    assert_refused(&p, "blank.txt: the file is empty");
}

#[test]
fn special_file_dev_null() {
    let p = Path::new("/dev/null");
    if p.exists() {
        assert_refused(
            p,
            "/dev/null: is a character device, not a regular file (only regular files and standard input are read)",
        );
    }
}

/// A device without end is refused from its metadata, before a byte is
/// read: `check --max-size 1K /dev/zero` once read gigabytes.
#[test]
fn special_file_dev_zero_is_refused_at_once() {
    let p = Path::new("/dev/zero");
    if !p.exists() {
        return;
    }
    let started = std::time::Instant::now();
    let out = cmd()
        .args(["check", "--max-size", "1K"])
        .arg(p)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/dev/zero: is a character device, not a regular file"),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 10);
}

/// Make a FIFO with the system's `mkfifo`; `None` where there is none.
pub fn make_fifo(path: &Path) -> Option<()> {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .ok()?;
    made.success().then_some(())
}

/// A FIFO without a writer is refused, not opened (opening it would block
/// for ever).
#[test]
fn fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe.txt");
    if make_fifo(&p).is_none() {
        return;
    }
    let out = cmd()
        .arg("align")
        .arg(&p)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe.txt: is a FIFO (named pipe), not a regular file"),
        "{stderr}"
    );
}

/// `-` reads standard input, through the same size limit.
#[test]
fn standard_input_is_read_within_the_limit() {
    let doc = document();
    let out = cmd()
        .args(["align", "--format", "json", "-"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!json["pairs"].as_array().unwrap().is_empty());
    let out = cmd()
        .args(["align", "--max-size", "1K", "-"])
        .write_stdin(doc.repeat(3))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>: more than 1K of input, over the input limit; raise the limit with --max-size (now 1K)"),
        "{stderr}"
    );
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, what) in [
        (
            "doc.pdf",
            b"%PDF-1.7\n\x00\x01binary".to_vec(),
            "looks like a binary file (PDF)",
        ),
        (
            "img.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            "looks like a binary file (PNG image)",
        ),
        (
            // A ZIP archive that is no DOCX document (tests/formats.rs has
            // the broken DOCX files).
            "archive.zip",
            b"PK\x03\x04\x14\x00\x06\x00".to_vec(),
            "looks like a binary file (ZIP archive or Office document)",
        ),
        (
            "zeros.txt",
            vec![0u8; 5000],
            "looks like a binary file (NUL bytes)",
        ),
        (
            "controls.txt",
            [document().as_bytes(), &b"\x01\x02\x03\x04".repeat(300)].concat(),
            "looks like a binary file (control characters)",
        ),
    ] {
        let p = write(dir.path(), name, bytes);
        assert_refused(&p, &format!("{name}: {what}"));
    }
    // Mostly NUL bytes with a little text is data, not text.
    let mut data = b"abc".repeat(10);
    data.extend(b"\0\x01".repeat(100));
    data.extend(b"def");
    let p = write(dir.path(), "records.dat", data);
    assert_refused(&p, "records.dat: looks like a binary file");
}

#[test]
fn undecodable_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "latin.txt", [0x80u8, 0xFF].repeat(200));
    assert_refused(
        &p,
        "latin.txt: cannot decode the text: it is neither UTF-8, UTF-16 nor GB18030/GBK",
    );
    // A UTF-8 byte-order mark in front of bytes that are not UTF-8.
    let doc = document();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&doc);
    let p = write(
        dir.path(),
        "bom-gbk.txt",
        [b"\xEF\xBB\xBF".as_slice(), &gbk].concat(),
    );
    assert_refused(&p, "bom-gbk.txt: cannot decode the text");
}

#[test]
fn one_language_only() {
    let dir = tempfile::tempdir().unwrap();
    let zh: String = document()
        .lines()
        .filter(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .collect::<Vec<_>>()
        .join("\n");
    let p = write(dir.path(), "zh-only.txt", &zh);
    assert_refused(&p, "no English text found in");
    assert_refused(&p, "pass the English version with --en FILE");
}

#[test]
fn wrong_language_in_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let zh = root().join("data/examples/weiqun-privacy-zh.txt");
    let p = write(dir.path(), "en.txt", std::fs::read(&zh).unwrap());
    cmd()
        .args(["align", "--zh"])
        .arg(&zh)
        .arg("--en")
        .arg(&p)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "no English text found in {}; it was given as the English version (--en FILE)",
            p.display()
        )));
}

#[test]
fn both_languages_mixed_in_every_line() {
    // Every line holds both languages. A line goes whole to the language that
    // weighs more in it (one Han character against 1.6 per English word):
    // when Chinese wins on every line the file has no English half.
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "mixed.txt",
        "我们收集您的个人数据 We collect your personal data\n\
         我们不会出售数据 We do not sell data\n\
         您可以删除数据 You can delete data\n",
    );
    assert_refused(
        &p,
        "mixed.txt (only 0 English words); pass the English version",
    );
    // When the weights differ from line to line, whole lines land in either
    // half and pair up wrongly (a known limitation, see docs/errors.md); the
    // run still succeeds and keeps the JSON contract.
    let p = write(
        dir.path(),
        "mixed2.txt",
        "我们收集您的个人数据 We collect your personal data\n\
         我们不会出售您的数据 We do not sell your data\n\
         您可以随时删除数据 You can delete data at any time\n",
    );
    let v = check_json(&[p.as_os_str()]);
    let (pairs, _) = summary(&v);
    let zh: usize = pairs.iter().map(|p| p.0.len()).sum();
    let en: usize = pairs.iter().map(|p| p.1.len()).sum();
    assert_eq!((zh, en), (2, 1));
}

#[test]
fn only_headings() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "headings.txt",
        "隐私政策\n数据收集\n数据共享\n联系我们\n\nPrivacy Policy\nData Collection\nData Sharing\nContact Us\n",
    );
    let v = check_json(&[p.as_os_str()]);
    let (pairs, _) = summary(&v);
    assert_eq!(pairs.len(), 4);
    assert_eq!(
        pairs[2],
        (vec!["数据共享".into()], vec!["Data Sharing".into()])
    );
    assert!(
        v["clauses"]["en"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] == "heading")
    );
}

#[test]
fn no_letters_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "numbers.txt",
        "1. 2. 3.\n--- *** ---\n12345 67890\n",
    );
    assert_refused(&p, "numbers.txt (only 0 English words)");
}

#[test]
fn too_large_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document().repeat(3);
    let p = write(dir.path(), "big.txt", &doc);
    let out = cmd()
        .args(["align", "--max-size", "1K"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "big.txt: the file is {:.1}K ({} bytes), over the input limit of 1K; raise the limit with --max-size 1M",
            doc.len() as f64 / 1024.0,
            doc.len()
        )),
        "{stderr}"
    );
    // Raised, the same file is read.
    cmd()
        .args(["align", "--max-size", "1M"])
        .arg(&p)
        .assert()
        .success();
}

#[test]
fn directory_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(dir.path(), "is a directory, not a file");
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(&dir.path().join("nope.txt"), "nope.txt: no such file");
    // One of two files missing.
    let p = write(dir.path(), "zh.txt", "我们收集您的个人数据。");
    cmd()
        .args(["align", "--zh"])
        .arg(&p)
        .arg("--en")
        .arg(dir.path().join("en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("en.txt: no such file"));
}

#[test]
fn html_page_without_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "app.html",
        "<!doctype html><html><head><title>隐私政策 Privacy</title><script src=app.js></script></head><body><noscript>请启用 JavaScript. Please enable JavaScript.</noscript><div id=root></div></body></html>",
    );
    assert_refused(
        &p,
        "app.html: the page holds no text outside scripts, styles and navigation",
    );
}

#[test]
fn unwritable_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "doc.txt", document());
    let out = dir.path().join("no/such/dir/out.json");
    cmd()
        .args(["align", "-f", "json", "-o"])
        .arg(&out)
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("out.json: cannot write"));
}

#[test]
fn bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "doc.txt", document());
    for args in [
        ["--max-size", "12Q"],
        ["--input-format", "pdf"],
        ["--format", "xml"],
    ] {
        cmd()
            .arg("align")
            .args(args)
            .arg(&p)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(args[1]));
    }
}

#[test]
fn very_long_line_without_punctuation() {
    // 200 KB of Chinese without a full stop, then an English line just as
    // long: one clause each, no panic (timing is measured in docs/errors.md).
    let dir = tempfile::tempdir().unwrap();
    let zh = "我们收集您的个人信息用于提供服务".repeat(4500);
    let en = "we collect your personal information to provide services ".repeat(3500);
    let p = write(dir.path(), "long.txt", format!("{zh}\n{en}\n"));
    let v = check_json(&[p.as_os_str()]);
    assert_eq!(v["clauses"]["zh"].as_array().unwrap().len(), 1);
    assert_eq!(v["clauses"]["en"].as_array().unwrap().len(), 1);
}

// ------------------------------------------------- encodings and line ends

/// The same document in every supported encoding and line-end convention
/// aligns to the same pairs on the same lines, and every clause's byte span
/// decodes (in the file's encoding) to its text.
#[test]
fn encodings_and_line_ends_align_alike() {
    let doc = document();
    let dir = tempfile::tempdir().unwrap();
    let base_path = write(dir.path(), "utf8.txt", &doc);
    let base = check_json(&[base_path.as_os_str()]);
    let expected = summary(&base);
    let utf8 = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let utf16 = |be: bool| {
        move |b: &[u8]| -> String {
            let units: Vec<u16> = b
                .chunks_exact(2)
                .map(|c| {
                    if be {
                        u16::from_be_bytes([c[0], c[1]])
                    } else {
                        u16::from_le_bytes([c[0], c[1]])
                    }
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
    };
    let gb = |b: &[u8]| encoding_rs::GB18030.decode(b).0.into_owned();
    let le: Vec<u8> = doc.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = doc.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&doc);
    let variants: Vec<(&str, Vec<u8>, SpanDecoder)> = vec![
        (
            "utf8-bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), doc.as_bytes()].concat(),
            Box::new(utf8),
        ),
        (
            "utf16le-bom.txt",
            [b"\xFF\xFE".as_slice(), &le].concat(),
            Box::new(utf16(false)),
        ),
        (
            "utf16be-bom.txt",
            [b"\xFE\xFF".as_slice(), &be].concat(),
            Box::new(utf16(true)),
        ),
        ("utf16le.txt", le.clone(), Box::new(utf16(false))),
        ("gb18030.txt", gbk.into_owned(), Box::new(gb)),
        (
            "crlf.txt",
            doc.replace('\n', "\r\n").into_bytes(),
            Box::new(utf8),
        ),
        (
            "cr.txt",
            doc.replace('\n', "\r").into_bytes(),
            Box::new(utf8),
        ),
    ];
    for (name, bytes, dec) in &variants {
        let p = write(dir.path(), name, bytes);
        let v = check_json(&[p.as_os_str()]);
        assert_eq!(summary(&v), expected, "{name}");
        assert_spans(&v, bytes, dec.as_ref());
    }
}

/// One byte that is not UTF-8 in a UTF-8 file does not turn the file into
/// GB18030 (which invented findings all over it): the file stays UTF-8, the
/// byte becomes U+FFFD, a warning gives the count and position, and the
/// JSON names the encoding.
#[test]
fn one_bad_byte_keeps_utf8() {
    let doc = document();
    let dir = tempfile::tempdir().unwrap();
    let clean = check_json(&[write(dir.path(), "clean.txt", &doc).as_os_str()]);
    assert_eq!(clean["encoding"]["zh"], "UTF-8");
    // The bad byte goes at the end of the first line, where it joins no word.
    let at = doc.find('\n').unwrap();
    let bytes = [&doc.as_bytes()[..at], b"\xFF", &doc.as_bytes()[at..]].concat();
    let p = write(dir.path(), "bad.txt", &bytes);
    let v = check_json(&[p.as_os_str()]);
    assert_eq!(v["encoding"]["zh"], "UTF-8");
    assert_eq!(v["encoding"]["en"], "UTF-8");
    assert_eq!(
        v["findings"].as_array().unwrap().len(),
        clean["findings"].as_array().unwrap().len()
    );
    assert_eq!(summary(&v).1, summary(&clean).1);
    let out = cmd().arg("check").arg(&p).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "warning: {}: read as UTF-8 with 1 invalid byte sequence replaced by U+FFFD (the first at byte {at})",
            p.display()
        )),
        "{stderr}"
    );
    // The text report says it too.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("invalid byte sequence replaced"),
        "{stdout}"
    );
}

/// A Chinese-only file in UTF-16 without a BOM has no zero bytes to tell it
/// by; its code units (Chinese characters) do. It reads as the UTF-8 copy
/// does, not as GB18030.
#[test]
fn utf16_chinese_without_bom() {
    let dir = tempfile::tempdir().unwrap();
    let zh = std::fs::read_to_string(root().join("tests/data/policy.zh.txt")).unwrap();
    // No ASCII but line breaks: nothing in the bytes is zero.
    let zh: String = zh.chars().filter(|c| !c.is_ascii() || *c == '\n').collect();
    let en = root().join("tests/data/policy.en.txt");
    let utf8 = write(dir.path(), "zh-utf8.txt", &zh);
    let base = check_json(&[
        "--zh".as_ref(),
        utf8.as_os_str(),
        "--en".as_ref(),
        en.as_os_str(),
    ]);
    for (name, bytes, encoding) in [
        (
            "zh-le.txt",
            zh.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            "UTF-16LE",
        ),
        (
            "zh-be.txt",
            zh.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            "UTF-16BE",
        ),
    ] {
        // Too few zero bytes (line breaks only) for the test by zeros.
        let zeros = bytes.iter().filter(|&&b| b == 0).count();
        assert!(zeros * 10 < bytes.len() / 2 * 4, "{zeros}");
        let p = write(dir.path(), name, &bytes);
        let v = check_json(&[
            "--zh".as_ref(),
            p.as_os_str(),
            "--en".as_ref(),
            en.as_os_str(),
        ]);
        assert_eq!(v["encoding"]["zh"], encoding, "{name}");
        assert_eq!(v["encoding"]["en"], "UTF-8");
        assert_eq!(summary(&v), summary(&base), "{name}");
    }
}

/// NUL bytes, zero-width characters, no-break and ideographic spaces inside
/// the text change nothing: they are invisible or white space.
#[test]
fn invisible_characters_and_odd_spaces() {
    let doc = document();
    let dir = tempfile::tempdir().unwrap();
    let base = summary(&check_json(&[write(dir.path(), "a.txt", &doc).as_os_str()]));
    let noisy = doc
        .replacen("We ", "We\u{a0}", 3)
        .replacen("collect", "col\u{200b}lect", 2)
        .replacen("我们", "我\u{200d}们", 2)
        .replacen("数据", "数\u{feff}据", 1)
        .replacen('\n', "\0\n", 4)
        .replacen("Acme", "\u{3000}Acme", 1);
    let bytes = noisy.clone().into_bytes();
    let v = check_json(&[write(dir.path(), "b.txt", &bytes).as_os_str()]);
    assert_eq!(summary(&v).0, base.0);
    assert_spans(&v, &bytes, &|b| String::from_utf8_lossy(b).into_owned());
    // NUL padding at the end of a file (fixed-size records) is not binary.
    let padded = [doc.as_bytes(), &[0u8; 20_000]].concat();
    let v = check_json(&[write(dir.path(), "c.txt", &padded).as_os_str()]);
    assert_eq!(summary(&v).0, base.0);
}

#[test]
fn full_width_digits_are_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |zh_days: &str| {
        format!(
            "我们将在{zh_days}个工作日内回复您的请求。\n我们不会向第三方出售您的个人信息。\n\n\
             We will respond to your request within 15 working days.\n\
             We do not sell your personal information to third parties.\n"
        )
    };
    let numbers = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "number" || f["kind"] == "date")
            .map(|f| f["message"].to_string())
            .collect()
    };
    let same = check_json(&[write(dir.path(), "fw.txt", doc("１５")).as_os_str()]);
    assert_eq!(numbers(&same), Vec::<String>::new(), "１５ = 15");
    // The check does see full-width digits: a different value is reported.
    let differs = check_json(&[write(dir.path(), "fw30.txt", doc("３０")).as_os_str()]);
    assert_eq!(numbers(&differs).len(), 1, "{differs}");
}

#[test]
fn decode_recognises_encodings() {
    let text = "隐私政策 Privacy\r\nline two\rthird 第三\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (bytes, encoding) in [
        (text.as_bytes().to_vec(), Encoding::Utf8),
        (
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            Encoding::Utf8Bom,
        ),
        ([b"\xFF\xFE".as_slice(), &le].concat(), Encoding::Utf16Le),
        (le.clone(), Encoding::Utf16Le),
        (
            encoding_rs::GB18030.encode(text).0.into_owned(),
            Encoding::Gb18030,
        ),
    ] {
        let s = decode("x", &bytes, Format::Text).expect("decodes");
        assert_eq!((s.encoding, s.text.as_str()), (encoding, text));
        // Lines end at CRLF, CR and LF alike.
        assert_eq!(s.line_count(), 4);
        assert_eq!(s.line_of(s.text.find("third").unwrap()), 3);
    }
}

#[test]
fn utf16_without_bom_that_is_also_valid_utf8() {
    // Every byte below 0x80: valid UTF-8, but really UTF-16LE (ASCII with a
    // zero high byte, Han characters from U+4E00..U+7FFF with a low byte
    // below 0x80).
    let han: String = ('\u{4e00}'..='\u{7fff}')
        .filter(|c| (*c as u32) & 0x80 == 0 && (*c as u32) & 0xff >= 0x20)
        .take(40)
        .collect();
    let text = format!("Privacy policy {han}\nWe collect data.\n");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(std::str::from_utf8(&le).is_ok());
    let s = decode("x", &le, Format::Text).expect("decodes");
    assert_eq!(
        (s.encoding, s.text.as_str()),
        (Encoding::Utf16Le, text.as_str())
    );
}

#[test]
fn nul_bytes_inside_text_are_not_binary() {
    let text = "隐私政策\0Privacy Policy\0\n我们收集数据。\0We collect data.\n";
    let s = decode("x", text.as_bytes(), Format::Text).expect("decodes");
    assert_eq!(s.encoding, Encoding::Utf8);
    assert!(matches!(
        decode("x", &[0u8; 64], Format::Text),
        Err(Error::Binary {
            what: "NUL bytes",
            ..
        })
    ));
    assert!(matches!(
        decode("x", b"\0\0 \0\0\n\0", Format::Text),
        Err(Error::Binary {
            what: "NUL bytes",
            ..
        })
    ));
}

/// Escape sequences and bidirectional overrides in file names and text
/// reach the terminal escaped (`\u{1B}`, `\u{202E}`), in the text report and
/// in error messages.
#[test]
fn terminal_escapes_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let doc = document()
        .replacen("We ", "We \x1b[2J\x07", 1)
        .replacen("我们", "我们\u{202E}", 1);
    let p = write(dir.path(), "evil\x1b]0;title\x07\u{2066}.txt", &doc);
    for command in ["align", "check"] {
        let out = cmd().arg(command).arg(&p).output().unwrap();
        assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.contains('\x1b') && !stdout.contains('\x07'),
            "{stdout}"
        );
        assert!(!stdout.contains('\u{202E}') && !stdout.contains('\u{2066}'));
        assert!(
            stdout.contains("evil\\u{1B}]0;title\\u{7}\\u{2066}.txt"),
            "{stdout}"
        );
        // Clause text drops control characters; overrides are shown.
        if command == "align" {
            assert!(stdout.contains("我们\\u{202E}"), "{stdout}");
        }
    }
    let missing = dir.path().join("no\x1b[31mfile\u{202E}.txt");
    let out = cmd().arg("check").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\u{202E}'),
        "{stderr}"
    );
    assert!(
        stderr.contains("no\\u{1B}[31mfile\\u{202E}.txt: no such file"),
        "{stderr}"
    );
}
