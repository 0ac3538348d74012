//! Build script: compiles the language data under `data/` into static
//! tables, the way jieba-rs and lindera ship their dictionaries, so no word
//! list is parsed at run time and none is written as Rust code.
//!
//! * `data/words/**/*.tsv` -> `$OUT_DIR/words.rs` (see [`words`]).

mod words;

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set"));
    if let Err(e) = words::generate(
        std::path::Path::new("data/words"),
        &out_dir.join("words.rs"),
    ) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
