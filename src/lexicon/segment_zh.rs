//! Chinese segmentation into lexicon words ([`segment_zh`]) and the
//! Chinese stopwords.

use std::cell::RefCell;

use super::hash::hash_bytes;
use super::tables::single_index;
use super::{Lexicon, StemId};
use crate::lang::is_han;

/// What kind of text a [`ZhWord`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZhWordKind {
    /// Han characters: a lexicon word, or a single unknown character.
    Han,
    /// A run of letters, possibly mixed with digits (`App`, `iOS`, `MP3`);
    /// hyphens and other punctuation separate runs.
    Latin,
    /// A run of digits (ASCII or full-width), possibly with inner `.` or `,`.
    Number,
    /// A symbol that is a lexicon headword (`%` → "per cent", `©`, `$`, …).
    Symbol,
}

/// Whether [`segment_zh`] looks `c` up in the lexicon (it skips all other
/// punctuation): the symbols of `data/words/lexicon/symbols.tsv`.
pub(crate) fn is_lexicon_symbol(c: char) -> bool {
    crate::words::LEXICON_SYMBOLS.binary_search(&c).is_ok()
}

/// A token of a Chinese text found by [`segment_zh`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZhWord<'a> {
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// Kind of token.
    pub kind: ZhWordKind,
    /// Translations of a known Han word or symbol (`None` for unknown
    /// characters and for Latin/number tokens).
    pub translations: Option<&'a [StemId]>,
    /// Whether this is a Chinese function word ([`is_zh_stopword`]).
    pub stop: bool,
}

impl ZhWord<'_> {
    /// The token's text in `input` (the string passed to [`segment_zh`]).
    pub fn text<'t>(&self, input: &'t str) -> &'t str {
        input.get(self.start..self.end).unwrap_or("")
    }
}

/// Segments Chinese text into lexicon words.
///
/// Runs of Han characters are segmented by dynamic programming over all
/// lexicon words that occur in the run (candidate words are bounded by
/// [`Lexicon::max_word_chars`]): the segmentation minimises, in this order,
/// the number of words, the number of characters not covered by a known word,
/// and the sum of squared word lengths, i.e. the variance of the word lengths
/// (as in MMSEG: 研究生命起源 → 研究 生命 起源, not 研究生 命 起源). Characters that are not in the lexicon become single-character
/// tokens with `translations: None`.
///
/// Runs of letters/digits (Latin words, numbers, including full-width forms)
/// are returned as their own tokens with `translations: None`, so that callers
/// can use them as literal anchors. A few symbols that are lexicon headwords
/// (`%` → "per cent", `©` → "copyright", …) are returned as
/// [`ZhWordKind::Symbol`] tokens with their translations; other punctuation
/// and whitespace are skipped.
///
/// Only a few buffers are allocated per call, never per character.
pub fn segment_zh<'a>(lex: &'a Lexicon, text: &str) -> Vec<ZhWord<'a>> {
    SEGMENTER.with(|seg| match seg.try_borrow_mut() {
        Ok(mut seg) => {
            let out = segment_zh_with(lex, text, &mut seg);
            // Do not keep the buffers of a huge run of Han characters.
            if seg.pos.capacity() > SEGMENTER_KEEP {
                *seg = Segmenter::default();
            }
            out
        }
        Err(_) => segment_zh_with(lex, text, &mut Segmenter::default()),
    })
}

/// Longest Han run (in chars) whose [`segment_zh`] buffers are kept for the
/// next call (about 2 MB of buffers).
const SEGMENTER_KEEP: usize = 1 << 16;

thread_local! {
    /// The buffers of [`segment_zh`], kept per thread: it runs once per
    /// clause, and most clauses are short.
    static SEGMENTER: RefCell<Segmenter> = RefCell::new(Segmenter::default());
}

/// [`segment_zh`] with the given buffers.
fn segment_zh_with<'a>(lex: &'a Lexicon, text: &str, seg: &mut Segmenter) -> Vec<ZhWord<'a>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut iter = text.char_indices().peekable();
    while let Some(&(i, c)) = iter.peek() {
        if is_han(c) {
            seg.pos.clear();
            while let Some(&(j, d)) = iter.peek() {
                if !is_han(d) {
                    break;
                }
                seg.pos.push(j);
                iter.next();
            }
            let end = iter.peek().map_or(text.len(), |&(j, _)| j);
            seg.pos.push(end);
            seg.run(lex, text, &mut out);
        } else if c.is_alphanumeric() {
            let mut all_digits = true;
            let mut end = i;
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() && !is_han(d) {
                    all_digits &= d.is_numeric();
                    end = j + d.len_utf8();
                    iter.next();
                } else if (d == '.' || d == ',') && all_digits {
                    // Keep "3.5" / "1,000" together; stop at a trailing dot.
                    let mut look = text[j + 1..].chars();
                    if look.next().is_some_and(|n| n.is_ascii_digit()) {
                        end = j + 1;
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(ZhWord {
                start: i,
                end,
                kind: if all_digits {
                    ZhWordKind::Number
                } else {
                    ZhWordKind::Latin
                },
                translations: None,
                stop: false,
            });
        } else {
            iter.next();
            if is_lexicon_symbol(c) {
                let end = i + c.len_utf8();
                if let Some(t) = lex.translations(&text[i..end]) {
                    out.push(ZhWord {
                        start: i,
                        end,
                        kind: ZhWordKind::Symbol,
                        translations: Some(t),
                        stop: false,
                    });
                }
            }
        }
    }
    out
}

/// Reusable buffers of [`segment_zh`].
#[derive(Default)]
struct Segmenter {
    /// Byte offsets of the chars of the current Han run, plus its end.
    pos: Vec<usize>,
    /// Best score of segmenting the first `k` chars: (words, unknown chars,
    /// sum of squared word lengths), compared lexicographically.
    best: Vec<(u32, u32, i64)>,
    /// Back pointer: (start char index, word entry or `u32::MAX` if unknown).
    back: Vec<(u32, u32)>,
}

impl Segmenter {
    /// Segments the Han run described by `self.pos` and appends to `out`.
    fn run<'a>(&mut self, lex: &'a Lexicon, text: &str, out: &mut Vec<ZhWord<'a>>) {
        let t = &lex.tables;
        let single_words: &[u32] = &t.single;
        let n = self.pos.len() - 1;
        let max = t.max_chars.max(1);
        self.best.clear();
        self.best.resize(n + 1, (u32::MAX, u32::MAX, i64::MAX));
        self.best[0] = (0, 0, 0);
        self.back.clear();
        self.back.resize(n + 1, (0, u32::MAX));
        let bytes = text.as_bytes();
        for i in 0..n {
            let (bw, bu, bs) = self.best[i];
            // Length 1: a known single character, or an unknown one.
            let c = text[self.pos[i]..].chars().next().unwrap_or(' ');
            let single = match single_index(c) {
                Some(k) => single_words.get(k).copied().unwrap_or(0).checked_sub(1),
                None => t.words.find_hashed(
                    &bytes[self.pos[i]..self.pos[i + 1]],
                    hash_bytes(&bytes[self.pos[i]..self.pos[i + 1]]),
                ),
            };
            let cand = match single {
                Some(w) => ((bw + 1, bu, bs + 1), (i as u32, w)),
                None => ((bw + 1, bu + 1, bs + 1), (i as u32, u32::MAX)),
            };
            if cand.0 < self.best[i + 1] {
                self.best[i + 1] = cand.0;
                self.back[i + 1] = cand.1;
            }
            let lim = (i + max).min(n);
            for j in i + 2..=lim {
                let s = &bytes[self.pos[i]..self.pos[j]];
                let h = hash_bytes(s);
                if !t.prefixes.may_contain(h) {
                    break;
                }
                let Some(w) = t.words.find_hashed(s, h) else {
                    continue;
                };
                let len = (j - i) as i64;
                let cand = (bw + 1, bu, bs + len * len);
                if cand < self.best[j] {
                    self.best[j] = cand;
                    self.back[j] = (i as u32, w);
                }
            }
        }
        // Walk back and emit in order.
        let first = out.len();
        let mut j = n;
        while j > 0 {
            let (i, w) = self.back[j];
            let i = i as usize;
            let (start, end) = (self.pos[i], self.pos[j]);
            let (translations, stop) = if w == u32::MAX {
                (None, is_zh_stopword(text.get(start..end).unwrap_or("")))
            } else {
                (Some(t.trans_of(w)), t.is_stop_word_id(w))
            };
            out.push(ZhWord {
                start,
                end,
                kind: ZhWordKind::Han,
                translations,
                stop,
            });
            j = i;
        }
        out[first..].reverse();
    }
}

/// Whether a Chinese word is a function word that carries no alignment
/// evidence.
///
/// The list (`data/words/zh/stopwords.tsv`) mirrors the English stopwords
/// of [`is_en_stopword`](super::is_en_stopword): structural
/// particles (的 地 得 之 所), aspect/modal particles (了 着 过 吗 呢 吧 啊),
/// personal and demonstrative pronouns (我们 您 他 其 此 这 该 本), the
/// copula and "have" (是 有), common conjunctions and prepositions (和 与 及
/// 或 而 在 于 对 从 以 为 被 把 由 向), negation and degree/time adverbs
/// (不 没有 很 都 也 就 又 还 已 将), modal verbs (会 能 可以 应 应当 必须),
/// localisers (上 中 下 内 里), quantifiers and ordinals (各 所有 任何 其他
/// 些 第 一 个 们 等), and the degree words 更 最. Traditional forms are
/// included. Content words such as 根据 "according to" or 关于 "about" are
/// deliberately *not* included, as their English translations are content
/// words. Note that 我们/您 are stopwords, as "we"/"you" are in English.
pub fn is_zh_stopword(word: &str) -> bool {
    word.len() <= ZH_STOPWORD_MAX_LEN && crate::words::ZH_STOPWORDS.binary_search(&word).is_ok()
}

/// Length in bytes of the longest Chinese stopword: a longer word needs no
/// look-up.
const ZH_STOPWORD_MAX_LEN: usize = {
    let words = crate::words::ZH_STOPWORDS;
    let (mut i, mut max) = (0, 0);
    while i < words.len() {
        if words[i].len() > max {
            max = words[i].len();
        }
        i += 1;
    }
    max
};
