//! Build script: compiles the language data under `data/` into static
//! tables, the way jieba-rs and lindera ship their dictionaries, so no word
//! list is parsed at run time and none is written as Rust code.
//!
//! * `data/words/**/*.tsv` -> `$OUT_DIR/words.rs` (see [`words`]);
//! * `data/lexicon/*.tsv` -> `$OUT_DIR/lexicon.bin`, the built-in lexicon's
//!   tables (see [`lexicon`]).

mod lexicon;
mod words;

use std::path::Path;

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set"));
    let words_dir = Path::new("data/words");
    let result = words::generate(words_dir, &out_dir.join("words.rs")).and_then(|()| {
        lexicon::generate(
            Path::new("data/lexicon"),
            words_dir,
            &out_dir.join("lexicon.bin"),
        )
    });
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
