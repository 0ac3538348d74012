//! Invariants of the whole pipeline on generated inputs (proptest): mixtures
//! of Chinese and English sentences, numbering labels, blank lines, CRLF and
//! lone CR, NUL, zero-width and no-break spaces, full-width characters and
//! random Unicode.
//!
//! For every input: no panic; every clause appears in exactly one pair; pairs
//! are in order on both sides; each clause's byte span slices the input file
//! to text that normalises to the clause text; two runs give identical JSON.
//!
//! `cargo test` runs a few dozen cases per property; run more with
//! `PROPTEST_CASES=2000 cargo test --release --test properties`.

use std::sync::Arc;

use clausealign::check;
use clausealign::export::{self, Format as OutFormat, Granularity, View, WriteOptions};
use clausealign::input::{Format, Source, decode};
use clausealign::lang::Lang;
use clausealign::pipeline::{DocumentInput, Options, Report, analyze};
use clausealign::segment::SegmentMode;
use clausealign::text::normalize;
use proptest::prelude::*;
use proptest::sample::select;

/// Cases per property: `PROPTEST_CASES`, else a number that keeps
/// `cargo test` within a few seconds.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

const ZH: &[&str] = &[
    "我们收集您的个人信息",
    "我们不会向第三方出售您的数据",
    "您可以随时删除您的账户",
    "我们将在１５个工作日内回复",
    "如有疑问请联系 privacy@example.com",
    "本政策自2024年8月6日起生效",
    "我们可能使用Cookies技术",
    "数据保存不超过6个月",
    "（以下简称“我们”）",
    "访问 https://example.com/privacy 了解详情",
];

const EN: &[&str] = &[
    "We collect your personal information",
    "We do not sell your data to third parties",
    "You may delete your account at any time",
    "We will reply within 15 working days",
    "Contact privacy@example.com with questions, e.g. about cookies",
    "This policy takes effect on August 6, 2024",
    "We may use cookies",
    "Data is kept for no more than 6 months",
    "(hereinafter \"we\")",
    "See https://example.com/privacy for details",
];

const LABELS: &[&str] = &[
    "1. ",
    "2.1 ",
    "1.2.3 ",
    "一、",
    "（二）",
    "第三条 ",
    "(a) ",
    "(1) ",
    "① ",
    "- ",
    "* ",
    "## ",
    "IV. ",
    "Article 5 ",
];

const ODD: &[&str] = &[
    "\0",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "\u{202f}",
    "１５",
    "ＡＢＣ",
    "。",
    "．",
    "；",
    "!",
    "?",
    "...",
    "（",
    "）",
    "“",
    "”",
    "<b>",
    "</td>",
    "|",
    "\t",
    " ",
    "\u{c}",
    "\u{b}",
];

const ENDS: &[&str] = &["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"];

/// One piece of a generated document.
fn piece() -> impl Strategy<Value = String> {
    let zh = (select(ZH), select(&["。", "；", "！", "", "，"][..]))
        .prop_map(|(s, p)| format!("{s}{p}"));
    let en = (select(EN), select(&[". ", "; ", "! ", "", ", "][..]))
        .prop_map(|(s, p)| format!("{s}{p}"));
    let random = prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter);
    prop_oneof![
        5 => zh,
        5 => en,
        2 => select(LABELS).prop_map(String::from),
        3 => select(ENDS).prop_map(String::from),
        2 => select(ODD).prop_map(String::from),
        1 => random,
    ]
}

/// A document: a run of pieces, or a Chinese part and an English part (in
/// either order) each sprinkled with other pieces, so that many documents
/// are bilingual.
fn document() -> impl Strategy<Value = String> {
    let part = |lang: &'static [&'static str]| {
        prop::collection::vec(
            prop_oneof![
                4 => (select(lang), select(&["。", ". ", "；", ""][..]), select(ENDS))
                    .prop_map(|(s, p, e)| format!("{s}{p}{e}")),
                2 => piece(),
            ],
            1..14,
        )
        .prop_map(|v| v.concat())
    };
    prop_oneof![
        1 => prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat()),
        2 => (part(ZH), part(EN), any::<bool>(), select(ENDS)).prop_map(|(zh, en, zh_first, sep)| {
            if zh_first {
                format!("{zh}{sep}{en}")
            } else {
                format!("{en}{sep}{zh}")
            }
        }),
    ]
}

fn json(report: &Report, granularity: Granularity) -> String {
    let findings = check::check(
        report,
        clausealign::lexicon::Lexicon::builtin(),
        &Default::default(),
    );
    let view = View::new(report, &findings, granularity);
    let mut out = Vec::new();
    export::write(&mut out, &view, OutFormat::Json, WriteOptions::default())
        .expect("writes to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The invariants of one analysed document; `file` holds the bytes of each
/// language's file, `decode_span` turns a span of them back into text.
fn assert_invariants(report: &Report, file: &dyn Fn(Lang) -> Vec<u8>, utf16: bool) {
    for lang in [Lang::Zh, Lang::En] {
        let clauses = report.clauses(lang);
        let ids: Vec<usize> = report
            .pairs
            .iter()
            .flat_map(|p| match lang {
                Lang::Zh => p.zh.clone(),
                Lang::En => p.en.clone(),
            })
            .collect();
        let expected: Vec<usize> = (0..clauses.len()).collect();
        assert_eq!(ids, expected, "{lang}: every clause once, in order");
        let bytes = file(lang);
        for c in clauses {
            assert!(c.start < c.end && c.end <= bytes.len(), "{c:?}");
            assert!(c.line >= 1 && c.line <= c.end_line, "{c:?}");
            let raw = if utf16 {
                let units: Vec<u16> = bytes[c.start..c.end]
                    .chunks_exact(2)
                    .map(|u| u16::from_le_bytes([u[0], u[1]]))
                    .collect();
                String::from_utf16(&units).expect("span on UTF-16 code units")
            } else {
                String::from_utf8(bytes[c.start..c.end].to_vec()).expect("span on a char boundary")
            };
            assert_eq!(normalize(&raw), c.text, "span {}..{}", c.start, c.end);
        }
    }
    for p in &report.pairs {
        assert!(!(p.zh.is_empty() && p.en.is_empty()), "empty pair");
    }
}

fn options(lines: bool) -> Options {
    Options {
        segment: if lines {
            SegmentMode::Lines
        } else {
            SegmentMode::Auto
        },
        ..Options::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// One bilingual file, UTF-8 (with or without BOM).
    #[test]
    fn one_file(doc in document(), bom in any::<bool>(), lines in any::<bool>()) {
        let bytes = if bom {
            [b"\xEF\xBB\xBF".as_slice(), doc.as_bytes()].concat()
        } else {
            doc.clone().into_bytes()
        };
        let Ok(source) = decode("doc.txt", &bytes, Format::Text) else {
            return Ok(());
        };
        let input = DocumentInput::One(Arc::new(source));
        let Ok(report) = analyze(&input, &options(lines)) else {
            return Ok(());
        };
        assert_invariants(&report, &|_| bytes.clone(), false);
        let first = json(&report, Granularity::Lines);
        let again = analyze(&input, &options(lines)).expect("same input, same result");
        prop_assert_eq!(&first, &json(&again, Granularity::Lines));
        let _: serde_json::Value = serde_json::from_str(&first).expect("valid JSON");
        let _ = json(&report, Granularity::Clauses);
    }

    /// The same document as UTF-16LE with a BOM: same clauses, spans on the
    /// UTF-16 file.
    #[test]
    fn utf16_file(doc in document()) {
        let utf8 = decode("doc.txt", doc.as_bytes(), Format::Text);
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(doc.encode_utf16().flat_map(u16::to_le_bytes));
        let utf16 = decode("doc16.txt", &bytes, Format::Text);
        let (Ok(a), Ok(b)) = (utf8, utf16) else {
            return Ok(());
        };
        if a.encoding != clausealign::input::Encoding::Utf8 {
            // NUL-heavy bytes that read as UTF-16 without a BOM.
            return Ok(());
        }
        let (ra, rb) = (
            analyze(&DocumentInput::One(Arc::new(a)), &Options::default()),
            analyze(&DocumentInput::One(Arc::new(b)), &Options::default()),
        );
        prop_assert_eq!(ra.is_ok(), rb.is_ok(), "UTF-8 and UTF-16 disagree on the split");
        let (Ok(ra), Ok(rb)) = (ra, rb) else {
            return Ok(());
        };
        assert_invariants(&rb, &|_| bytes.clone(), true);
        let texts = |r: &Report, lang| r.clauses(lang).iter().map(|c| c.text.clone()).collect::<Vec<_>>();
        prop_assert_eq!(texts(&ra, Lang::Zh), texts(&rb, Lang::Zh));
        prop_assert_eq!(texts(&ra, Lang::En), texts(&rb, Lang::En));
    }

    /// Two files, one per language.
    #[test]
    fn two_files(zh in document(), en in document()) {
        let (Ok(z), Ok(e)) = (
            decode("zh.txt", zh.as_bytes(), Format::Text),
            decode("en.txt", en.as_bytes(), Format::Text),
        ) else {
            return Ok(());
        };
        let input = DocumentInput::Two { zh: Arc::new(z), en: Arc::new(e) };
        let Ok(report) = analyze(&input, &Options::default()) else {
            return Ok(());
        };
        let file = |lang| match lang {
            Lang::Zh => zh.clone().into_bytes(),
            Lang::En => en.clone().into_bytes(),
        };
        assert_invariants(&report, &file, false);
        let again = analyze(&input, &Options::default()).expect("same input, same result");
        prop_assert_eq!(json(&report, Granularity::Lines), json(&again, Granularity::Lines));
    }

    /// HTML pages built from the same pieces: no panic, every character of
    /// the extracted text maps to where it came from in the page, and the
    /// pipeline keeps its contract.
    #[test]
    fn html_page(blocks in prop::collection::vec(
        (select(&["p", "h2", "li", "td", "div", "span", "pre", "nav", "script", "br"][..]),
         document()),
        0..12,
    )) {
        let mut page = String::from("<!doctype html><html><body>\n");
        for (tag, text) in &blocks {
            let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            if *tag == "br" {
                page.push_str(&format!("{escaped}<br>\r\n"));
            } else {
                page.push_str(&format!("<{tag} class=\"x\">{escaped}</{tag}>\n"));
            }
        }
        page.push_str("</body></html>\n");
        let source = clausealign::input::html::extract(&Source::from_text("p.html", page.as_str()));
        let mut last = 0;
        for (pos, c) in source.text.char_indices() {
            let off = source.file_offset(pos);
            prop_assert!(off <= page.len());
            prop_assert!(off >= last, "file offsets go backwards at {}", pos);
            last = off;
            let at = &page[off..];
            let from_page = at.starts_with(c)
                || at.starts_with('&')
                || at.starts_with("<li")
                || (c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{202f}')
                || (c == '-' || c == '.' || c.is_ascii_digit()) && at.starts_with('<');
            prop_assert!(from_page, "{:?} at {} maps to {:?}", c, pos, &at[..at.len().min(12)]);
        }
        let Ok(decoded) = decode("p.html", page.as_bytes(), Format::Html) else {
            return Ok(());
        };
        if let Ok(report) = analyze(&DocumentInput::One(Arc::new(decoded)), &Options::default()) {
            for lang in [Lang::Zh, Lang::En] {
                for c in report.clauses(lang) {
                    prop_assert!(c.start < c.end && c.end <= page.len());
                    prop_assert!(c.line <= c.end_line);
                }
            }
            let _ = json(&report, Granularity::Lines);
        }
    }
}
