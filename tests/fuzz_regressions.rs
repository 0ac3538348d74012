//! Inputs kept from fuzzing (`fuzz/`, see docs/fuzzing.md) and from the
//! robustness work, replayed through what each fuzz target exercises:
//! decoding (text and HTML), split, segment, anchor extraction and the whole
//! pipeline with check and JSON export. Each file in `tests/fuzz_inputs/` goes
//! through all of them; a crash found by a fuzz target is saved there.

use std::path::PathBuf;
use std::sync::Arc;

use clausealign::anchors;
use clausealign::check;
use clausealign::export::{self, Format as OutFormat, Granularity, View, WriteOptions};
use clausealign::input::{Format, Source, decode};
use clausealign::lang::Lang;
use clausealign::pipeline::{DocumentInput, Options, analyze};
use clausealign::segment::{SegmentMode, segment};
use clausealign::split;
use clausealign::text::normalize;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_inputs");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_inputs exists")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("reads"))
        })
        .collect();
    out.sort();
    assert!(!out.is_empty());
    out
}

/// The `decode` target.
fn run_decode(data: &[u8]) {
    for format in [Format::Text, Format::Html] {
        if let Ok(source) = decode("fuzz", data, format) {
            let len = source.text.len();
            for pos in [0, len / 2, len] {
                assert!(source.file_offset(pos) <= data.len());
                let line = source.line_of(pos);
                assert!(line >= 1 && line <= source.line_count());
            }
        }
    }
}

/// The `split` and `segment` targets.
fn run_split_segment(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let source = Source::from_text("fuzz", text.as_ref());
    let mut halves = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        if let Ok(spans) = split::whole_file(&source, lang) {
            halves.push((lang, spans));
        }
    }
    if let Ok(candidates) = split::split(&source) {
        for h in candidates {
            halves.push((Lang::Zh, h.zh));
            halves.push((Lang::En, h.en));
        }
    }
    let _ = split::form_line_pieces(&text);
    for (lang, spans) in &halves {
        for mode in [SegmentMode::Auto, SegmentMode::Lines] {
            let mut last = 0;
            for c in segment(&source, spans, *lang, mode) {
                assert!(c.start >= last && c.start < c.end);
                last = c.end;
                assert_eq!(normalize(&source.text[c.start..c.end]), c.text);
            }
        }
    }
}

/// The `anchors` target.
fn run_anchors(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for lang in [Lang::Zh, Lang::En] {
        let _ = anchors::extract(&text, lang);
    }
}

/// The `pipeline` target, for every flag combination.
fn run_pipeline(data: &[u8]) {
    for format in [Format::Text, Format::Html] {
        for mode in [SegmentMode::Auto, SegmentMode::Lines] {
            let Ok(source) = decode("fuzz", data, format) else {
                continue;
            };
            let opts = Options {
                segment: mode,
                ..Options::default()
            };
            let Ok(report) = analyze(&DocumentInput::One(Arc::new(source)), &opts) else {
                continue;
            };
            let findings = check::check(
                &report,
                clausealign::lexicon::Lexicon::builtin(),
                &Default::default(),
            );
            for granularity in [Granularity::Lines, Granularity::Clauses] {
                let view = View::new(&report, &findings, granularity);
                let mut out = Vec::new();
                export::write(&mut out, &view, OutFormat::Json, WriteOptions::default())
                    .expect("writes");
                let _: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
            }
        }
    }
}

#[test]
fn kept_inputs_replay_without_panics() {
    for (name, data) in inputs() {
        eprintln!("replaying {name}");
        run_decode(&data);
        run_split_segment(&data);
        run_anchors(&data);
        run_pipeline(&data);
    }
}

#[test]
fn punctuation_run_is_one_sentence() {
    // "； ； ； …" after a sentence used to rescan the text from the sentence
    // start at every mark (quadratic); the marks join the sentence before.
    let text = format!("我们收集数据。{}", "； ".repeat(50));
    let source = Source::from_text("t", text.as_str());
    let spans = split::whole_file(&source, Lang::Zh).unwrap();
    let clauses = segment(&source, &spans, Lang::Zh, SegmentMode::Auto);
    assert_eq!(clauses.len(), 1);
    assert_eq!(clauses[0].text, normalize(&text));
}
