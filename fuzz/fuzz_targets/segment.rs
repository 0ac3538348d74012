//! Segment: any text cut into clauses, in both modes and both languages.
//! Clauses are in order and slice the text to what they say.
#![no_main]

use clausealign::input::Source;
use clausealign::lang::Lang;
use clausealign::segment::{SegmentMode, segment};
use clausealign::split::{self, Span};
use clausealign::text::normalize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let source = Source::from_text("fuzz", text.as_ref());
    let mut halves: Vec<(Lang, Vec<Span>)> = Vec::new();
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
    for (lang, spans) in &halves {
        for mode in [SegmentMode::Auto, SegmentMode::Lines] {
            let clauses = segment(&source, spans, *lang, mode);
            let mut last = 0;
            for (i, c) in clauses.iter().enumerate() {
                assert_eq!(c.id, i);
                assert!(c.start < c.end && c.end <= source.text.len());
                assert!(c.start >= last, "clauses out of order");
                last = c.end;
                assert!(!c.text.is_empty());
                assert_eq!(normalize(&source.text[c.start..c.end]), c.text);
                assert!(c.line <= c.end_line);
                let _ = c.body_text();
            }
        }
    }
});
