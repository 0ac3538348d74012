//! Split: any text, as one bilingual file or as one language of two files.
#![no_main]

use clausealign::input::Source;
use clausealign::lang::Lang;
use clausealign::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let source = Source::from_text("fuzz", text.as_ref());
    if let Ok(candidates) = split::split(&source) {
        assert!(!candidates.is_empty());
        for h in &candidates {
            for lang in [Lang::Zh, Lang::En] {
                for s in h.of(lang) {
                    assert!(s.start <= s.end && s.end <= source.text.len());
                    assert!(source.text.is_char_boundary(s.start));
                    assert!(source.text.is_char_boundary(s.end));
                }
            }
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        let _ = split::whole_file(&source, lang);
    }
    let _ = split::form_line_pieces(&text);
});
