//! Throughput of each pipeline stage over a folder of documents, cumulative:
//! how many MB of input per second a pipeline that stopped after that stage
//! would process on one core. It answers "how fast could `batch` be if the
//! later stages were free?" (docs/performance.md, "Where the time goes").
//!
//! ```text
//! cargo run --release --example stage_throughput -- DIR [REPEATS]
//! ```
//!
//! DIR is read as `clausealign batch` reads it (same discovery rules). Each
//! document goes through the stages of `pipeline::analyze` one by one (every
//! layout candidate that `split` proposes, as `analyze` does), then the
//! check and the JSON export of `batch`. Files are read once before timing
//! starts, then read again from the page cache in the `read` stage. The best
//! of REPEATS passes (default 3) is reported per stage.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use clausealign::align::{self, AlignParams};
use clausealign::anchors;
use clausealign::batch::{self, JobInput};
use clausealign::export::{Granularity, View, write_json};
use clausealign::features::{self, Interner};
use clausealign::input::DocumentInput;
use clausealign::input::ReadOptions;
use clausealign::lang::Lang;
use clausealign::segment::{self, SegmentMode};
use clausealign::split::{self, Halves, Shape};
use clausealign::tokens::Tokens;
use clausealign::{Analyzer, Options};

const STAGES: [&str; 12] = [
    "read and decode",
    "split",
    "segment",
    "tokens",
    "anchors",
    "features",
    "align (first pass)",
    "learn translations",
    "align (second pass)",
    "support",
    "check",
    "export JSON",
];

/// Charge the time since `clock` to `slot` and restart the clock.
fn lap(slot: &mut Duration, clock: &mut Instant) {
    let now = Instant::now();
    *slot += now - *clock;
    *clock = now;
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: stage_throughput DIR [REPEATS]")?;
    let repeats: usize = args.next().map_or(Ok(3), |s| s.parse())?;
    let jobs = batch::discover(Path::new(&dir), None)?;
    let analyzer = Analyzer::new(Options::default());
    let lex = analyzer.lexicon();
    let read = ReadOptions::default();
    let mut best = [Duration::MAX; STAGES.len()];
    let mut bytes = 0u64;
    let mut docs = 0usize;
    for _ in 0..repeats.max(1) {
        let mut t = [Duration::ZERO; STAGES.len()];
        bytes = 0;
        docs = 0;
        for job in &jobs {
            let start = Instant::now();
            let input = match &job.input {
                JobInput::One(p) => DocumentInput::read_one(p, &read),
                JobInput::Two { zh, en } => DocumentInput::read_two(zh, en, &read),
                JobInput::Invalid(_) => continue,
            };
            let Ok(input) = input else { continue };
            t[0] += start.elapsed();
            let zh_source = input.source(Lang::Zh);
            let en_source = input.source(Lang::En);
            let mut clock = Instant::now();
            let candidates: Vec<Halves> = match &input {
                DocumentInput::One(source) => match split::split(source) {
                    Ok(h) => h,
                    Err(_) => continue,
                },
                DocumentInput::Two { zh, en } => {
                    match (
                        split::whole_file(zh, Lang::Zh),
                        split::whole_file(en, Lang::En),
                    ) {
                        (Ok(zh), Ok(en)) => vec![Halves {
                            shape: Shape::TwoFiles,
                            zh,
                            en,
                        }],
                        _ => continue,
                    }
                }
                // A pre-paired file has no split stage to measure.
                DocumentInput::Paired(_) => continue,
            };
            lap(&mut t[1], &mut clock);
            for h in &candidates {
                let zh = segment::segment(zh_source, &h.zh, Lang::Zh, SegmentMode::Auto);
                let en = segment::segment(en_source, &h.en, Lang::En, SegmentMode::Auto);
                lap(&mut t[2], &mut clock);
                let zt = Tokens::of_clauses(&zh, lex);
                let et = Tokens::of_clauses(&en, lex);
                lap(&mut t[3], &mut clock);
                let za: Vec<_> = zh
                    .iter()
                    .map(|c| anchors::extract(c.body_text(), c.lang))
                    .collect();
                let ea: Vec<_> = en
                    .iter()
                    .map(|c| anchors::extract(c.body_text(), c.lang))
                    .collect();
                lap(&mut t[4], &mut clock);
                let mut interner = Interner::default();
                let mut zf = features::extract(&zh, &zt, &za, lex, &mut interner);
                let ef = features::extract(&en, &et, &ea, lex, &mut interner);
                lap(&mut t[5], &mut clock);
                let params = AlignParams::default();
                let mut alignment = align::align(&zf, &ef, &params);
                lap(&mut t[6], &mut clock);
                let learned = align::learn_translations(&zf, &ef, &alignment.pairs, &params);
                lap(&mut t[7], &mut clock);
                if !learned.is_empty() {
                    for f in &mut zf {
                        f.add_keys(&learned);
                    }
                    alignment = align::realign(&zf, &ef, &params, &alignment);
                }
                lap(&mut t[8], &mut clock);
                std::hint::black_box(align::support(&zf, &ef, &alignment.pairs, &params));
                lap(&mut t[9], &mut clock);
            }
            // The whole analysis once more (untimed) for the report the
            // check needs: the stages above are what it does, apart from
            // keeping the best candidate.
            let Ok(report) = analyzer.align_input(&input) else {
                continue;
            };
            clock = Instant::now();
            let findings = analyzer.check(&report);
            lap(&mut t[10], &mut clock);
            let view = View::new(&report, &findings, Granularity::default());
            let mut out = Vec::new();
            write_json(&mut out, &view)?;
            std::hint::black_box(&out);
            lap(&mut t[11], &mut clock);
            bytes += report.input_bytes();
            docs += 1;
        }
        for (b, x) in best.iter_mut().zip(t) {
            *b = (*b).min(x);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!("{docs} documents, {mb:.2} MB, best of {repeats} passes, one thread\n");
    println!("| stage | seconds | MB/s of this stage | MB/s up to and including it |");
    println!("| --- | --- | --- | --- |");
    let mut total = 0.0;
    for (k, name) in STAGES.iter().enumerate() {
        let s = best[k].as_secs_f64();
        total += s;
        println!(
            "| {name} | {s:.3} | {:.1} | {:.1} |",
            mb / s.max(1e-9),
            mb / total.max(1e-9)
        );
    }
    Ok(())
}
