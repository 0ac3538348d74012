//! The whole pipeline: decode (text or HTML, chosen by the first byte), split,
//! segment, align, check, and JSON export. Every clause is in exactly one
//! pair, in order on both sides.
#![no_main]

use clausealign::check;
use clausealign::export::{self, Format as OutFormat, Granularity, View, WriteOptions};
use clausealign::input::{Format, decode};
use clausealign::lang::Lang;
use clausealign::pipeline::{DocumentInput, Options, analyze};
use clausealign::segment::SegmentMode;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let format = if flags & 1 == 1 { Format::Html } else { Format::Text };
    let opts = Options {
        segment: if flags & 2 == 2 {
            SegmentMode::Lines
        } else {
            SegmentMode::Auto
        },
        ..Options::default()
    };
    let input = if flags & 4 == 4 {
        // Two files: cut at the first NUL byte or in the middle.
        let cut = bytes
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(bytes.len() / 2);
        let (Ok(zh), Ok(en)) = (
            decode("zh", &bytes[..cut], format),
            decode("en", &bytes[(cut + 1).min(bytes.len())..], format),
        ) else {
            return;
        };
        DocumentInput::Two {
            zh: Arc::new(zh),
            en: Arc::new(en),
        }
    } else {
        let Ok(source) = decode("fuzz", bytes, format) else {
            return;
        };
        DocumentInput::One(Arc::new(source))
    };
    let Ok(report) = analyze(&input, &opts) else {
        return;
    };
    for lang in [Lang::Zh, Lang::En] {
        let ids: Vec<usize> = report
            .pairs
            .iter()
            .flat_map(|p| match lang {
                Lang::Zh => p.zh.clone(),
                Lang::En => p.en.clone(),
            })
            .collect();
        let expected: Vec<usize> = (0..report.clauses(lang).len()).collect();
        assert_eq!(ids, expected, "every clause once, in order");
    }
    let findings = check::check(&report, clausealign::lexicon::Lexicon::builtin(), &Default::default());
    for granularity in [Granularity::Lines, Granularity::Clauses] {
        let view = View::new(&report, &findings, granularity);
        let mut out = Vec::new();
        export::write(&mut out, &view, OutFormat::Json, WriteOptions::default())
            .expect("writes to memory");
        let _: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    }
});
