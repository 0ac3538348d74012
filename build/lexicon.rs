//! The built-in lexicon, precompiled: `data/lexicon/{zh-en,supplement,
//! entities}.tsv` are parsed and indexed here, at build time, into
//! `$OUT_DIR/lexicon.bin`, which `src/lexicon/mod.rs` embeds and reads in
//! place (`Lexicon::builtin`), so no run parses them.
//!
//! There is one implementation: the modules below are the crate's own
//! `src/lexicon/` files (`tsv` is what `Lexicon::from_tsv` runs, `blob`
//! writes the image the crate reads). They reach the word lists of
//! `data/words` as `super::ZH_STOPWORDS`, `super::EN_STOPWORDS` and
//! `super::EN_IRREGULAR_FORMS`: the crate
//! imports those from `crate::words`, and this module reads the same files
//! before building.

// The shared modules also hold look-ups that only the crate calls.
#[allow(dead_code)]
#[path = "../src/lexicon/blob.rs"]
mod blob;
#[allow(dead_code)]
#[path = "../src/lexicon/english.rs"]
mod english;
#[allow(dead_code)]
#[path = "../src/lexicon/entities.rs"]
mod entities;
#[allow(dead_code)]
#[path = "../src/lexicon/hash.rs"]
mod hash;
#[allow(dead_code)]
#[path = "../src/lexicon/interner.rs"]
mod interner;
#[allow(dead_code)]
#[path = "../src/lexicon/tables.rs"]
mod tables;
#[allow(dead_code)]
#[path = "../src/lexicon/tsv.rs"]
mod tsv;

use std::path::Path;
use std::sync::OnceLock;

/// A word list of `data/words`, read when the build starts; it derefs to
/// the slice `crate::words` holds in the crate.
struct WordList(OnceLock<Vec<&'static str>>);

impl std::ops::Deref for WordList {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        self.0.get().map_or(&[], Vec::as_slice)
    }
}

/// `crate::words::ZH_STOPWORDS` (the lexicon's stop bits).
static ZH_STOPWORDS: WordList = WordList(OnceLock::new());
/// `crate::words::LEXICON_EN_STOPWORDS` (`en_tokens`, which stems the
/// English names of entities missing from `zh-en.tsv`).
static EN_STOPWORDS: WordList = WordList(OnceLock::new());

/// A two-column table of `data/words`, read when the build starts; it
/// derefs to the slice of pairs `crate::words` holds in the crate.
struct PairTable(OnceLock<Vec<(&'static str, &'static str)>>);

impl std::ops::Deref for PairTable {
    type Target = [(&'static str, &'static str)];

    fn deref(&self) -> &[(&'static str, &'static str)] {
        self.0.get().map_or(&[], Vec::as_slice)
    }
}

/// `crate::words::LEXICON_EN_IRREGULAR_FORMS` (`stem_en`, which stems
/// the English names of entities missing from `zh-en.tsv`).
static EN_IRREGULAR_FORMS: PairTable = PairTable(OnceLock::new());

/// Reads the table `words_dir/rel` into `table`.
fn load_pairs(table: &PairTable, words_dir: &Path, rel: &str) -> Result<(), String> {
    let path = words_dir.join(rel);
    println!("cargo:rerun-if-changed={}", path.display());
    let leak = |s: String| &*Box::leak(s.into_boxed_str());
    let rows = super::words::read_pairs(&path)?
        .into_iter()
        .map(|(a, b)| (leak(a), leak(b)))
        .collect();
    table
        .0
        .set(rows)
        .map_err(|_| format!("{} read twice", path.display()))
}

/// Reads the list `words_dir/rel` into `list`.
fn load(list: &WordList, words_dir: &Path, rel: &str) -> Result<(), String> {
    let path = words_dir.join(rel);
    println!("cargo:rerun-if-changed={}", path.display());
    let words = super::words::read_list(&path)?;
    let words = words
        .into_iter()
        .map(|w| &*Box::leak(w.into_boxed_str()))
        .collect();
    list.0
        .set(words)
        .map_err(|_| format!("{} read twice", path.display()))
}

/// Builds the lexicon of `lexicon_dir` and writes its image to `dest`.
pub fn generate(lexicon_dir: &Path, words_dir: &Path, dest: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", lexicon_dir.display());
    load(&ZH_STOPWORDS, words_dir, "zh/stopwords.tsv")?;
    load(&EN_STOPWORDS, words_dir, "lexicon/en-stopwords.tsv")?;
    load_pairs(
        &EN_IRREGULAR_FORMS,
        words_dir,
        "lexicon/en-irregular-forms.tsv",
    )?;
    let read = |name: &str| {
        let path = lexicon_dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let tables = tsv::build(
        &read("zh-en.tsv")?,
        &read("supplement.tsv")?,
        &read("entities.tsv")?,
    );
    std::fs::write(dest, blob::write(tables)).map_err(|e| format!("{}: {e}", dest.display()))
}
