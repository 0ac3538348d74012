//! Content words of a clause with the keys they translate to, for local
//! comparisons: which word a negation or modal cue governs, whether the
//! other language has a word for it, and which stretches of a clause the
//! other language does not translate at all.

use rustc_hash::FxHasher;
use std::hash::Hasher;

use crate::lang::Lang;
use crate::lexicon::{Lexicon, ZhWordKind, is_han, is_lexicon_symbol, segment_zh};

/// A content word: its byte range in the clause body and its keys (English
/// stem ids; for Chinese words the stems of their translations; for words
/// the lexicon does not know, a hash of their spelling).
#[derive(Clone, Debug)]
pub struct Token {
    /// Byte offset in the body text.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Sorted keys.
    pub keys: Vec<u32>,
    /// Whether the lexicon knows the word (its keys include translations).
    pub known: bool,
    /// The word negates a word the lexicon knows by a prefix or suffix
    /// ("unacceptable", "non-exclusive", "harmless"): `keys` then also hold
    /// the key of that base word, so the word links with the base word's
    /// translation and the link shows the negation.
    pub negative_affix: bool,
    /// The key of the base word a word with `negative_affix` negates
    /// ("revocable" for "irrevocable", "exclusive" for the word after
    /// "non-"), when it has one.
    pub base: Option<u32>,
    /// Sorted keys of the two lexicon words a Chinese compound of three or
    /// more characters splits into (see `compound_keys`): a second chance
    /// to link a word whose own translations the other side does not use.
    pub parts: Vec<u32>,
}

/// Keys of unknown words live above this bit so they never equal a stem id.
const SPELLING: u32 = 1 << 31;

fn spelling_key(word: &str) -> u32 {
    let mut h = FxHasher::default();
    for c in word.chars().flat_map(char::to_lowercase) {
        h.write_u32(c as u32);
    }
    SPELLING | (h.finish() as u32 & (SPELLING - 1))
}

/// The content words of `text` (a clause body in `lang`).
pub fn tokens(lex: &Lexicon, text: &str, lang: Lang) -> Vec<Token> {
    let _ = lang;
    let mut out = Vec::new();
    // Text without Han characters and lexicon symbols is one stretch of
    // Latin words and numbers: skip the Chinese segmenter.
    if !text.chars().any(|c| is_han(c) || is_lexicon_symbol(c)) {
        latin_tokens(lex, text, 0, &mut out);
        return out;
    }
    let words = segment_zh(lex, text);
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        if matches!(w.kind, ZhWordKind::Han | ZhWordKind::Symbol) {
            if !w.stop {
                let mut keys: Vec<u32> = w.translations.map(<[u32]>::to_vec).unwrap_or_default();
                keys.push(spelling_key(w.text(text)));
                keys.sort_unstable();
                keys.dedup();
                out.push(Token {
                    start: w.start,
                    end: w.end,
                    keys,
                    known: w.translations.is_some(),
                    negative_affix: false,
                    base: None,
                    parts: compound_keys(lex, w.text(text)),
                });
            }
            k += 1;
            continue;
        }
        let start = w.start;
        let mut end = w.end;
        while k + 1 < words.len()
            && matches!(words[k + 1].kind, ZhWordKind::Latin | ZhWordKind::Number)
        {
            k += 1;
            end = words[k].end;
        }
        k += 1;
        latin_tokens(lex, &text[start..end], start, &mut out);
    }
    out
}

/// The content words of a stretch of Latin words and numbers that starts
/// at byte `offset` of the clause body.
fn latin_tokens(lex: &Lexicon, piece: &str, offset: usize, out: &mut Vec<Token>) {
    for t in lex.en_token_ids(piece) {
        if t.stop {
            continue;
        }
        let word = &piece[t.start..t.end];
        let key = t.stem.unwrap_or_else(|| spelling_key(word));
        let mut keys = vec![key];
        // "non-refundable": the tokenizer splits at the hyphen, and the word
        // after "non-" is the negated one.
        // (The four bytes before the word, not a lower-case copy of all
        // the text before it: that was quadratic on a long line.)
        let after_non =
            t.start >= 4 && piece.as_bytes()[t.start - 4..t.start].eq_ignore_ascii_case(b"non-");
        let base = negated_base(lex, word, t.stem);
        if let Some(b) = base {
            keys.push(b);
            keys.sort_unstable();
            keys.dedup();
        }
        out.push(Token {
            start: offset + t.start,
            end: offset + t.end,
            keys,
            known: t.stem.is_some(),
            negative_affix: base.is_some() || after_non,
            // Prefixes only: "harmless" is 免受伤害, "homeless" 无家可归,
            // words a translator renders in many ways.
            base: base
                .filter(|_| !word.to_ascii_lowercase().ends_with("less"))
                .or(after_non.then_some(key)),
            parts: Vec::new(),
        });
    }
}

/// A compound of three or more characters also means what its two parts
/// mean (正常工作 "normal operation" is also 正常 "normal" and 工作 "work"):
/// the keys of the first split into two lexicon words, longest head
/// first, so its translation links however the other language words it.
fn compound_keys(lex: &Lexicon, word: &str) -> Vec<u32> {
    if word.chars().nth(2).is_none() {
        return Vec::new();
    }
    let splits = word
        .char_indices()
        .skip(1)
        .map(|(k, _)| k)
        .collect::<Vec<_>>();
    for &k in splits.iter().rev() {
        let (head, tail) = word.split_at(k);
        if let (Some(a), Some(b)) = (lex.translations(head), lex.translations(tail)) {
            let mut keys = [a, b].concat();
            keys.sort_unstable();
            keys.dedup();
            return keys;
        }
    }
    Vec::new()
}

/// The stem id of the word an English word negates by its form: `un-`
/// and `non-` before a word the lexicon knows ("unacceptable",
/// "non-exclusive"); `in-`/`im-`/`il-`/`ir-`/`dis-`
/// before one when the whole word is unknown to the lexicon or the lexicon
/// attests the negation (不一致 "inconsistent"), so that "information",
/// "display", "invest" keep their own meaning; and `-less` after one
/// ("harmless").
fn negated_base(lex: &Lexicon, word: &str, stem: Option<u32>) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let base = |rest: &str| {
        let rest = rest.trim_start_matches('-');
        (rest.len() >= 4 && !crate::lexicon::is_en_stopword(rest))
            .then(|| lex.en_word_id(rest))
            .flatten()
    };
    for (prefix, always) in [
        ("non", true),
        ("un", true),
        ("dis", false),
        ("in", false),
        ("im", false),
        ("il", false),
        ("ir", false),
    ] {
        // Short un- words are mostly no negations (unless, unity, unite);
        // the few that are (unfair, unsafe, unable) are negative words.
        if let Some(rest) = lower.strip_prefix(prefix)
            && lower.len() >= 7
            && (always || stem.is_none_or(|s| lex.translates_negated_word(s)))
            && let Some(b) = base(rest)
        {
            return Some(b);
        }
    }
    lower
        .strip_suffix("less")
        .filter(|rest| rest.len() >= 3)
        .and_then(|rest| lex.en_word_id(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two sorted key lists share a key.
    fn share(a: &[u32], b: &[u32]) -> bool {
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        false
    }

    #[test]
    fn translations_share_keys() {
        let lex = Lexicon::builtin();
        let zh = tokens(lex, "我们不会出售您的个人信息", Lang::Zh);
        let en = tokens(lex, "We will not sell your personal information", Lang::En);
        let sell = en
            .iter()
            .find(|t| &"We will not sell your personal information"[t.start..t.end] == "sell")
            .unwrap();
        assert!(zh.iter().any(|t| share(&t.keys, &sell.keys)));
        let a = tokens(lex, "Paddle handles payments", Lang::En);
        let b = tokens(lex, "支付由 Paddle 处理", Lang::Zh);
        assert!(a.iter().any(|x| b.iter().any(|y| share(&x.keys, &y.keys))));
    }
}
