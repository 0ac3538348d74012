//! The English side: tokenizer ([`en_tokens`]), Snowball stemmer
//! ([`stem_en`]) and stopwords ([`is_en_stopword`]), shared with the
//! lexicon builder (`examples/build_lexicon/`), so that the stems in the
//! data files are exactly those produced at run time. Stems are cached per
//! thread.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::hash::FxHasher;
use super::{EN_IRREGULAR_FORMS, EN_STOPWORDS};

/// A word of an English text found by [`en_tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnToken {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input (a possessive `'s` is
    /// not included).
    pub end: usize,
    /// Snowball English stem of the lowercased word (the digits themselves
    /// for a number).
    pub stem: String,
    /// Whether the word is a stopword ([`is_en_stopword`]) or a single letter.
    pub stop: bool,
    /// Whether the word consists of digits only.
    pub numeric: bool,
}

/// The shared Snowball English stemmer.
fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Maximum number of words in the per-thread stem cache before it is cleared.
pub(super) const STEM_CACHE_MAX: usize = 1 << 16;

/// Per-thread cache: lowercase word → (stem, stopword). Snowball costs
/// ~250 ns per word, a cache hit a few tens of ns, and word frequencies are
/// Zipfian.
type StemCache = HashMap<Box<str>, (Box<str>, bool), BuildHasherDefault<FxHasher>>;

thread_local! {
    static STEM_CACHE: RefCell<StemCache> = RefCell::new(StemCache::default());
}

/// Calls `f(stem, is_stopword)` for a lowercase word, using the per-thread
/// cache.
pub(super) fn with_stem<R>(word: &str, f: impl FnOnce(&str, bool) -> R) -> R {
    if word.len() > 40 {
        return f(&stem_en(word), is_en_stopword(word));
    }
    STEM_CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return f(&stem_en(word), is_en_stopword(word));
        };
        if let Some((s, stop)) = cache.get(word) {
            return f(s, *stop);
        }
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        let s: Box<str> = stem_en(word).into();
        let stop = is_en_stopword(word);
        let r = f(&s, stop);
        cache.insert(word.into(), (s, stop));
        r
    })
}

/// Snowball English stem of a lowercase word (`"selling"` → `"sell"`,
/// `"information"` → `"inform"`, `"parties"` → `"parti"`). An irregular
/// form is stemmed as the word it inflects (`"sold"` → `"sell"`,
/// `"children"` → `"child"`: `data/words/lexicon/en-irregular-forms.tsv`),
/// which Snowball leaves apart.
///
/// Curly apostrophes are treated like `'`. The input should be lowercase;
/// this function does not lowercase it.
pub fn stem_en(word_lowercase: &str) -> String {
    if !word_lowercase.is_ascii() && word_lowercase.contains('\u{2019}') {
        let w = word_lowercase.replace('\u{2019}', "'");
        return stemmer().stem(&w).into_owned();
    }
    let word = match EN_IRREGULAR_FORMS.binary_search_by(|(form, _)| form.cmp(&word_lowercase)) {
        Ok(i) => EN_IRREGULAR_FORMS[i].1,
        Err(_) => word_lowercase,
    };
    stemmer().stem(word).into_owned()
}

/// Whether a lowercase English word is a stopword.
///
/// The list is the usual English function-word list (articles, pronouns,
/// auxiliaries, prepositions, conjunctions, negations and their contracted
/// forms, `one`), plus modal verbs (`shall`, `may`, `must`, `can`, `will`, …)
/// and a few legal/discourse fillers (`also`, `etc`, `hereby`, `thereof`, …),
/// matching the Chinese function words of [`is_zh_stopword`](super::is_zh_stopword):
/// the list `data/words/lexicon/en-stopwords.tsv`. A curly apostrophe
/// counts as `'`.
pub fn is_en_stopword(word_lowercase: &str) -> bool {
    let w = word_lowercase;
    if !w.is_ascii() && w.contains('\u{2019}') {
        return is_en_stopword(&w.replace('\u{2019}', "'"));
    }
    EN_STOPWORDS.binary_search(&w).is_ok()
}

/// Calls `f(start, end, lowercase word, numeric)` for every word of an
/// English text (see [`en_tokens`] for what a word is).
pub(super) fn for_each_en_word(text: &str, mut f: impl FnMut(usize, usize, &str, bool)) {
    let mut lower = String::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut prev = c;
        while let Some(&(j, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                prev = d;
                iter.next();
            } else if (d == '\'' || d == '\u{2019}') && prev.is_alphabetic() {
                let next = text[j + d.len_utf8()..].chars().next();
                if next.is_some_and(char::is_alphabetic) {
                    end = j + d.len_utf8();
                    prev = d;
                    iter.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let mut word = &text[start..end];
        // Drop a possessive 's.
        for suffix in ["'s", "'S", "\u{2019}s", "\u{2019}S"] {
            if let Some(w) = word.strip_suffix(suffix)
                && !w.is_empty()
            {
                word = w;
                break;
            }
        }
        let end = start + word.len();
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            for ch in word.chars() {
                if ch == '\u{2019}' {
                    lower.push('\'');
                } else {
                    lower.extend(ch.to_lowercase());
                }
            }
        }
        let numeric = lower.chars().all(char::is_numeric);
        f(start, end, &lower, numeric);
    }
}

/// Tokenizes English text into lowercase words with their stems.
///
/// A word is a maximal run of letters and digits; an apostrophe (`'` or `’`)
/// between two letters stays inside the word (`don't`), everything else
/// (hyphens, dots, slashes, …) separates words, so `IP-addresses` gives `ip`
/// and `address` and `e.g.` gives two single letters. A possessive `'s` is
/// dropped, and so is a trailing apostrophe (`users'` → `users`). Single
/// letters count as stopwords. Stems are cached per thread.
pub fn en_tokens(text: &str) -> Vec<EnToken> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for_each_en_word(text, |start, end, lower, numeric| {
        let single = lower.chars().nth(1).is_none();
        let (stem, stop) = if numeric {
            (lower.to_string(), false)
        } else {
            with_stem(lower, |s, stop| (s.to_string(), stop || single))
        };
        out.push(EnToken {
            start,
            end,
            stem,
            stop,
            numeric,
        });
    });
    out
}
