//! Input decoding: any bytes, read as text and as HTML. Either a clear error
//! or a source whose offsets stay inside the file.
#![no_main]

use clausealign::input::{Format, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Text, Format::Html] {
        let Ok(source) = decode("fuzz", data, format) else {
            continue;
        };
        let len = source.text.len();
        for pos in [0, len / 3, len / 2, len.saturating_sub(1), len] {
            let off = source.file_offset(pos);
            assert!(off <= data.len(), "offset {off} past the file");
            let line = source.line_of(pos);
            assert!(line >= 1 && line <= source.line_count());
        }
        let mut last = 0;
        for (pos, _) in source.text.char_indices().step_by(7) {
            let off = source.file_offset(pos);
            if format == Format::Text {
                assert!(off >= last, "offsets go backwards");
            }
            last = off;
        }
    }
});
