//! Anchor extraction (numbers, dates, contacts, names, cues) on any text, in
//! both languages.
#![no_main]

use clausealign::anchors;
use clausealign::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lang in [Lang::Zh, Lang::En] {
        for a in anchors::extract(&text, lang) {
            let _ = format!("{a:?}");
        }
    }
});
