//! Word lists compiled from `data/words/**/*.tsv` at build time
//! (`build/words.rs` explains the file format). Each file becomes one
//! static table named after its path: `data/words/zh/stopwords.tsv` ->
//! [`ZH_STOPWORDS`]. Language knowledge lives in those files, not here.

include!(concat!(env!("OUT_DIR"), "/words.rs"));
