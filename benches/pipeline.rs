//! Criterion benchmarks of each pipeline stage on the seed bilingual policy
//! `data/examples/mhz-privacy.txt` (17.8 KB, zh then en).
//!
//! ```text
//! cargo bench --bench pipeline            # all stages
//! cargo bench --bench pipeline -- align   # one stage
//! ```
//!
//! `align` is the first alignment pass and `learn_translations` the step
//! before the second pass; the second pass itself (and anything the pipeline
//! adds after it) is measured only inside `analyze_total`, the whole
//! analysis up to the alignment (`Analyzer::align_input`, which runs
//! `pipeline::analyze`), so this file does not mirror the pipeline's
//! internals.
//!
//! The built-in lexicon (`Lexicon::builtin()`) is precompiled at build time;
//! `lexicon_parse` measures `Lexicon::from_tsv` of the same data (what a
//! custom lexicon costs), and every other stage runs with the lexicon loaded.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use clausealign::Analyzer;
use clausealign::align::{self, AlignParams};
use clausealign::anchors::{self, Anchor};
use clausealign::export::{self, Format, Granularity, View, WriteOptions};
use clausealign::features::{self, Interner};
use clausealign::input::{self, DocumentInput, Format as InputFormat};
use clausealign::lang::Lang;
use clausealign::lexicon::Lexicon;
use clausealign::segment::{self, Clause, SegmentMode};
use clausealign::split;
use clausealign::tokens::Tokens;

const POLICY: &[u8] = include_bytes!("../data/examples/mhz-privacy.txt");
const MAIN_TSV: &str = include_str!("../data/lexicon/zh-en.tsv");
const SUPPLEMENT_TSV: &str = include_str!("../data/lexicon/supplement.tsv");
const ENTITIES_TSV: &str = include_str!("../data/lexicon/entities.tsv");

fn anchors_of(clauses: &[Clause]) -> Vec<Vec<Anchor>> {
    clauses
        .iter()
        .map(|c| anchors::extract(c.body_text(), c.lang))
        .collect()
}

fn stages(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let lex = analyzer.lexicon();
    let source = input::decode("mhz-privacy.txt", POLICY, InputFormat::Text).expect("decodes");
    let halves = split::split(&source).expect("bilingual");
    let h = &halves[0];
    let zh = segment::segment(&source, &h.zh, Lang::Zh, SegmentMode::Auto);
    let en = segment::segment(&source, &h.en, Lang::En, SegmentMode::Auto);
    let zh_tokens = Tokens::of_clauses(&zh, lex);
    let en_tokens = Tokens::of_clauses(&en, lex);
    let zh_anchors = anchors_of(&zh);
    let en_anchors = anchors_of(&en);
    let mut interner = Interner::default();
    let zh_f = features::extract(&zh, &zh_tokens, &zh_anchors, lex, &mut interner);
    let en_f = features::extract(&en, &en_tokens, &en_anchors, lex, &mut interner);
    let params = AlignParams::default();
    let first = align::align(&zh_f, &en_f, &params);
    let input = DocumentInput::One(std::sync::Arc::new(source.clone()));
    let report = analyzer.align_input(&input).expect("analyses");
    let findings = analyzer.check(&report);

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(POLICY.len() as u64));
    g.bench_function("input_decode", |b| {
        b.iter(|| input::decode("mhz-privacy.txt", black_box(POLICY), InputFormat::Text))
    });
    g.bench_function("split", |b| b.iter(|| split::split(black_box(&source))));
    g.bench_function("segment", |b| {
        b.iter(|| {
            (
                segment::segment(&source, &h.zh, Lang::Zh, SegmentMode::Auto),
                segment::segment(&source, &h.en, Lang::En, SegmentMode::Auto),
            )
        })
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            (
                Tokens::of_clauses(black_box(&zh), lex),
                Tokens::of_clauses(black_box(&en), lex),
            )
        })
    });
    g.bench_function("anchors", |b| {
        b.iter(|| (anchors_of(black_box(&zh)), anchors_of(black_box(&en))))
    });
    g.bench_function("features", |b| {
        b.iter(|| {
            let mut interner = Interner::default();
            let z = features::extract(&zh, &zh_tokens, &zh_anchors, lex, &mut interner);
            let e = features::extract(&en, &en_tokens, &en_anchors, lex, &mut interner);
            (z, e)
        })
    });
    g.bench_function("align", |b| {
        b.iter(|| align::align(black_box(&zh_f), black_box(&en_f), &params))
    });
    g.bench_function("learn_translations", |b| {
        b.iter(|| align::learn_translations(&zh_f, &en_f, &first.pairs, &params))
    });
    g.bench_function("analyze_total", |b| {
        b.iter(|| analyzer.align_input(black_box(&input)))
    });
    g.bench_function("check", |b| b.iter(|| analyzer.check(black_box(&report))));
    g.bench_function("export_json", |b| {
        b.iter(|| {
            let view = View::new(&report, &findings, Granularity::Lines);
            let mut out = Vec::with_capacity(64 * 1024);
            export::write(&mut out, &view, Format::Json, WriteOptions::default()).expect("writes");
            out
        })
    });
    g.finish();
}

fn lexicon(c: &mut Criterion) {
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(
        (MAIN_TSV.len() + SUPPLEMENT_TSV.len() + ENTITIES_TSV.len()) as u64,
    ));
    g.bench_function("lexicon_parse", |b| {
        b.iter(|| Lexicon::from_tsv(MAIN_TSV, SUPPLEMENT_TSV, ENTITIES_TSV))
    });
    g.finish();
}

criterion_group!(benches, lexicon, stages);
criterion_main!(benches);
