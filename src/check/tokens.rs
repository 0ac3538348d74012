//! Content words of a clause with the keys they translate to, for local
//! comparisons: which word a negation or modal cue governs, whether the
//! other language has a word for it, and which stretches of a clause the
//! other language does not translate at all.

use rustc_hash::FxHasher;
use std::hash::Hasher;

use std::borrow::Cow;

use crate::lexicon::Lexicon;
use crate::tokens::{ClauseTokens, Item, Run, items};

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
    pub keys: Keys,
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

/// The sorted keys of a [`Token`]: up to [`Keys::INLINE`] of them (an
/// English word's stem and the base word it negates) are held in place, so
/// most words cost no allocation; more (a Chinese word's translations) go
/// to the heap.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    inline: [u32; Keys::INLINE],
    len: u8,
    heap: Vec<u32>,
}

impl Keys {
    /// How many keys are held without an allocation.
    const INLINE: usize = 2;

    /// The keys of a sorted, deduplicated list.
    fn from_sorted(keys: &[u32]) -> Keys {
        let mut out = Keys::default();
        if keys.len() <= Keys::INLINE {
            out.inline[..keys.len()].copy_from_slice(keys);
            out.len = keys.len() as u8;
        } else {
            out.heap = keys.to_vec();
        }
        out
    }
}

impl std::ops::Deref for Keys {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        if self.heap.is_empty() {
            &self.inline[..self.len as usize]
        } else {
            &self.heap
        }
    }
}

impl<'a> IntoIterator for &'a Keys {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Keys of unknown words live above this bit so they never equal a stem id.
const SPELLING: u32 = 1 << 31;

/// The key a word's spelling gives it, if its keys hold one: every Han
/// word's do, and every word the lexicon does not know.
pub(crate) fn spelling_key_of(t: &Token) -> Option<u32> {
    t.keys.iter().copied().find(|k| k & SPELLING != 0)
}

fn spelling_key(word: &str) -> u32 {
    let mut h = FxHasher::default();
    for c in word.chars().flat_map(char::to_lowercase) {
        h.write_u32(c as u32);
    }
    SPELLING | (h.finish() as u32 & (SPELLING - 1))
}

/// The content words of `text` (a clause body) from its token layer
/// (`layer`, its [`ClauseTokens`]): Han words and
/// lexicon symbols that are no function words, and the words of its Latin
/// runs that are no stopwords.
pub fn tokens(lex: &Lexicon, text: &str, layer: ClauseTokens) -> Vec<Token> {
    let mut out = Vec::with_capacity(layer.pieces.len());
    let mut keys = Vec::new();
    let mut runs = layer.runs.iter();
    for item in items(layer.pieces.iter()) {
        match item {
            Item::Word(p) => {
                if p.stop {
                    continue;
                }
                let word = &text[p.start..p.end];
                keys.clear();
                keys.extend_from_slice(layer.translations(p));
                keys.push(spelling_key(word));
                keys.sort_unstable();
                keys.dedup();
                out.push(Token {
                    start: p.start,
                    end: p.end,
                    keys: Keys::from_sorted(&keys),
                    known: p.known,
                    negative_affix: false,
                    base: None,
                    parts: compound_keys(lex, word),
                });
            }
            // The layer's runs are these stretches, in the same order.
            Item::Run(..) => {
                if let Some(run) = runs.next() {
                    latin_tokens(lex, text, &layer, run, &mut out);
                }
            }
        }
    }
    out
}

/// The content words of a Latin run.
fn latin_tokens(lex: &Lexicon, text: &str, layer: &ClauseTokens, run: &Run, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    for t in layer.run_words(run) {
        if t.stop {
            continue;
        }
        let word = &text[t.start..t.end];
        // An ASCII word's lowercase form is the layer's.
        let lower = if word.is_ascii() {
            Cow::Borrowed(layer.lower(t))
        } else {
            Cow::Owned(word.to_ascii_lowercase())
        };
        let key = t.stem.unwrap_or_else(|| spelling_key(word));
        // "non-refundable": the tokenizer splits at the hyphen, and the word
        // after "non-" is the negated one.
        // (The four bytes before the word, not a lower-case copy of all
        // the text before it: that was quadratic on a long line.)
        let after_non =
            t.start >= run.start + 4 && bytes[t.start - 4..t.start].eq_ignore_ascii_case(b"non-");
        let base = negated_base(lex, &lower, t.stem);
        let bases = t.stem.map_or(&[][..], |s| lex.adjective_bases(s));
        let keys = if bases.is_empty() {
            match base {
                Some(b) if b < key => Keys::from_sorted(&[b, key]),
                Some(b) if b > key => Keys::from_sorted(&[key, b]),
                _ => Keys::from_sorted(&[key]),
            }
        } else {
            // An adjective translates what its base does: 环境 renders
            // "environmental" as it renders "environment".
            let mut all: Vec<u32> = std::iter::once(key)
                .chain(base)
                .chain(bases.iter().copied())
                .collect();
            all.sort_unstable();
            all.dedup();
            Keys::from_sorted(&all)
        };
        out.push(Token {
            start: t.start,
            end: t.end,
            keys,
            known: t.stem.is_some(),
            negative_affix: base.is_some() || after_non,
            // Prefixes only: "harmless" is 免受伤害, "homeless" 无家可归,
            // words a translator renders in many ways.
            base: base
                .filter(|_| !lower.ends_with("less"))
                .or(after_non.then_some(key)),
            parts: Vec::new(),
        });
    }
}

/// A compound of three or more characters also means what its two parts
/// mean (正常工作 "normal operation" is also 正常 "normal" and 工作 "work"):
/// the keys of the first split into two lexicon words, longest head
/// first (after a leading negation character, first of all), so its
/// translation links however the other language words it.
fn compound_keys(lex: &Lexicon, word: &str) -> Vec<u32> {
    if word.chars().nth(2).is_none() {
        return Vec::new();
    }
    // A negation before a word splits there whatever else the lexicon
    // knows: 不准确 "inaccurate" is 不 + 准确 "accurate", not 不准 "forbid"
    // + 确 "true".
    let mut splits = word.char_indices().rev().filter(|&(k, _)| k > 0);
    let negated = word
        .chars()
        .next()
        .filter(|c| crate::words::ZH_NEGATING_CHARS.contains(c))
        .map(|c| (c.len_utf8(), c));
    for (k, _) in negated.into_iter().chain(&mut splits) {
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
/// or WordNet attests the negation (不一致 "inconsistent", "inaccessible"
/// as the antonym of "accessible"), so that "information",
/// "display", "invest" keep their own meaning; and `-less` after one
/// ("harmless").
fn negated_base(lex: &Lexicon, lower: &str, stem: Option<u32>) -> Option<u32> {
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
            && (always
                || stem.is_none_or(|s| lex.translates_negated_word(s))
                || lex.negates_by_prefix(lower))
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

    fn of(text: &str) -> Vec<Token> {
        let lex = Lexicon::builtin();
        let layer = crate::tokens::Tokens::new(lex, [text]);
        tokens(lex, text, layer.clause(0).unwrap())
    }

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
    fn an_adjective_shares_the_keys_of_its_base() {
        let zh = of("环境");
        let en = of("environmental laws");
        let environmental = &en[0];
        assert!(share(&zh[0].keys, &environmental.keys));
        // Its own stem stays: "environmental" still matches itself.
        assert!(share(&of("environmental")[0].keys, &environmental.keys));
        // A word without a base gets no more keys.
        assert_eq!(en[1].keys.len(), 1);
    }

    #[test]
    fn translations_share_keys() {
        let zh = of("我们不会出售您的个人信息");
        let en = of("We will not sell your personal information");
        let sell = en
            .iter()
            .find(|t| &"We will not sell your personal information"[t.start..t.end] == "sell")
            .unwrap();
        assert!(zh.iter().any(|t| share(&t.keys, &sell.keys)));
        let a = of("Paddle handles payments");
        let b = of("支付由 Paddle 处理");
        assert!(a.iter().any(|x| b.iter().any(|y| share(&x.keys, &y.keys))));
    }

    #[test]
    fn a_prefix_negates_where_wordnet_lists_antonyms() {
        let affixed = |text: &str, word: &str| {
            of(text)
                .iter()
                .find(|t| &text[t.start..t.end] == word)
                .unwrap()
                .negative_affix
        };
        let text = "a room inaccessible to customers, irreconcilable views";
        assert!(affixed(text, "inaccessible"));
        assert!(affixed(text, "irreconcilable"));
        // No antonyms: "information" is no negated "formation", and a
        // reversed action ("discharge") is no negation.
        let text = "information about the discharge of waste water";
        assert!(!affixed(text, "information"));
        assert!(!affixed(text, "discharge"));
    }

    #[test]
    fn a_negated_compound_splits_after_its_negation() {
        // 不准确 splits into 不 + 准确 "accurate" (not 不准 "forbid" + 确), so
        // its parts meet the base word of "inaccurate".
        let word = |text: &str, word: &str| {
            of(text)
                .into_iter()
                .find(|t| &text[t.start..t.end] == word)
                .unwrap()
        };
        let compound = word("数据可能不准确", "不准确");
        let inaccurate = word("data may be inaccurate", "inaccurate");
        assert!(share(&compound.parts, &inaccurate.keys));
        assert!(!share(&compound.keys, &inaccurate.keys));
    }
}
