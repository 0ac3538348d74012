//! The text of one clause as every anchor scanner reads it.
//!
//! A [`Doc`] holds the input as a vector of *folded* characters together with
//! the byte offset of every character in the original text, so scanners can
//! work on simple character indices (no slicing at non-char boundaries) while
//! anchors still report byte ranges and surfaces of the original text.
//!
//! Folding maps full-width ASCII (U+FF01–U+FF5E, except the full-width comma
//! `，`, which in Chinese text separates clauses rather than thousands) to
//! ASCII, exotic spaces to a plain space, dash variants to `-`, curly
//! apostrophes to `'`, `￥` to `¥`, `￡` to `£` and the white circle `○` (often
//! typed for `〇`) to `〇`, and traditional Chinese characters to their
//! simplified forms (須 to 须: `data/words/zh/traditional.tsv`), so the word
//! lists read zh-TW and zh-HK texts too. Folding is one character to one
//! character, so character indices are the same before and after folding.

use std::cell::OnceCell;

/// A Latin-script word token: a run of letters/digits with internal
/// apostrophes (`don't`, `Google's`). Indices are character indices into
/// [`Doc::chars`]; `lc` is the range of its lowercase form in `Doc::lc_buf`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Word {
    pub s: usize,
    pub e: usize,
    lc_s: u32,
    lc_e: u32,
}

/// Folded character view of one clause.
pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub chars: Vec<char>,
    offs: Vec<usize>,
    words: OnceCell<(Vec<Word>, String)>,
}

/// Folds one character (see the module documentation).
pub(super) fn fold(c: char) -> char {
    if c.is_ascii() {
        return if c == '\t' { ' ' } else { c };
    }
    match c {
        '\u{FF0C}' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\t' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{FFE5}' => '¥',
        '\u{FFE1}' => '£',
        '\u{25CB}' | '\u{25EF}' => '〇',
        _ => crate::lang::simplified_char(c),
    }
}

/// A letter of a non-CJK script (Latin, Greek, Cyrillic…).
pub(super) fn is_latin_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        (c as u32) < 0x2E80 && c.is_alphabetic()
    }
}

/// Letter or ASCII digit of a non-CJK script.
pub(super) fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_latin_letter(c)
}

/// Sentence or clause terminating punctuation (folded).
pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | ';' | '；' | '\n')
}

impl<'a> Doc<'a> {
    /// Builds the folded view. One pass, two allocations.
    pub fn new(text: &'a str) -> Self {
        let n = text.len();
        let mut chars = Vec::with_capacity(n);
        let mut offs = Vec::with_capacity(n + 1);
        for (i, c) in text.char_indices() {
            chars.push(fold(c));
            offs.push(i);
        }
        offs.push(n);
        Doc {
            text,
            chars,
            offs,
            words: OnceCell::new(),
        }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Folded character at `i`, or `'\0'` out of range.
    #[inline]
    pub fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    /// Folded character before `i`, or `'\0'` at the start.
    #[inline]
    pub fn before(&self, i: usize) -> char {
        if i == 0 { '\0' } else { self.at(i - 1) }
    }

    /// Byte offset of character `i` (clamped to the text length).
    #[inline]
    pub fn byte(&self, i: usize) -> usize {
        self.offs.get(i).copied().unwrap_or(self.text.len())
    }

    /// Was character `i` ASCII in the original (unfolded) text?
    #[inline]
    pub fn orig_ascii(&self, i: usize) -> bool {
        i < self.len()
            && self
                .text
                .as_bytes()
                .get(self.byte(i))
                .is_some_and(|b| *b < 0x80)
    }

    /// Original text of the character range `s..e`.
    pub fn surface(&self, s: usize, e: usize) -> String {
        self.text
            .get(self.byte(s)..self.byte(e.max(s)))
            .unwrap_or("")
            .to_string()
    }

    /// Does the folded text at `i` start with `pat` (exact characters)?
    pub fn starts_with(&self, i: usize, pat: &str) -> bool {
        (i..).zip(pat.chars()).all(|(k, p)| self.at(k) == p)
    }

    /// Like [`Doc::starts_with`] but ASCII case-insensitive.
    pub fn starts_with_ci(&self, i: usize, pat: &str) -> bool {
        (i..)
            .zip(pat.chars())
            .all(|(k, p)| self.at(k).eq_ignore_ascii_case(&p))
    }

    /// Does the folded text ending right before `e` end with `pat`?
    pub fn ends_with(&self, e: usize, pat: &str) -> bool {
        let n = pat.chars().count();
        if n > e {
            return false;
        }
        self.starts_with(e - n, pat)
    }

    /// First index at or after `i` that is not a space (max `max` spaces).
    pub fn skip_sp(&self, i: usize, max: usize) -> usize {
        let mut k = i;
        while k < i + max && self.at(k) == ' ' {
            k += 1;
        }
        k
    }

    /// Index after skipping up to `max` spaces backwards from `e` (exclusive end).
    pub fn skip_sp_back(&self, e: usize, max: usize) -> usize {
        let mut k = e;
        while k > 0 && e - k < max && self.at(k - 1) == ' ' {
            k -= 1;
        }
        k
    }

    fn build_words(&self) -> (Vec<Word>, String) {
        let n = self.len();
        let mut words = Vec::with_capacity(n / 6 + 1);
        let mut lc = String::with_capacity(n);
        let mut i = 0;
        while i < n {
            let c = self.at(i);
            if !is_latin_alnum(c) {
                i += 1;
                continue;
            }
            let s = i;
            let lc_s = lc.len() as u32;
            while i < n {
                let c = self.at(i);
                if c.is_ascii_alphanumeric() {
                    lc.push(c.to_ascii_lowercase());
                    i += 1;
                } else if is_latin_alnum(c) {
                    for l in c.to_lowercase() {
                        lc.push(l);
                    }
                    i += 1;
                } else if c == '\'' && is_latin_letter(self.at(i + 1)) && i > s {
                    lc.push('\'');
                    i += 1;
                } else {
                    break;
                }
            }
            words.push(Word {
                s,
                e: i,
                lc_s,
                lc_e: lc.len() as u32,
            });
        }
        (words, lc)
    }

    /// Latin-script word tokens, built once per document.
    pub fn words(&self) -> &[Word] {
        &self.words.get_or_init(|| self.build_words()).0
    }

    /// Lowercase form of a word.
    pub fn lc(&self, w: &Word) -> &str {
        let buf = &self.words.get_or_init(|| self.build_words()).1;
        buf.get(w.lc_s as usize..w.lc_e as usize).unwrap_or("")
    }

    /// Index of the first word starting at or after char index `i`.
    pub fn word_from(&self, i: usize) -> usize {
        self.words().partition_point(|w| w.s < i)
    }

    /// Index of the word starting exactly at `i`, if any.
    pub fn word_at(&self, i: usize) -> Option<usize> {
        let k = self.word_from(i);
        match self.words().get(k) {
            Some(w) if w.s == i => Some(k),
            _ => None,
        }
    }

    /// Word `k` if it exists.
    pub fn word(&self, k: usize) -> Option<&Word> {
        self.words().get(k)
    }

    /// Lowercase text of word `k`, or `""`.
    pub fn wlc(&self, k: usize) -> &str {
        match self.words().get(k) {
            Some(w) => self.lc(w),
            None => "",
        }
    }

    /// True when only spaces (and at most `max` of them) separate `a` and `b`.
    pub fn only_spaces(&self, a: usize, b: usize, max: usize) -> bool {
        b >= a && b - a <= max && (a..b).all(|k| self.at(k) == ' ')
    }

    /// Is the character range `s..e` at a sentence start (only opening
    /// punctuation/space between it and the previous sentence end or the
    /// text start)?
    pub fn sentence_initial(&self, s: usize) -> bool {
        let mut k = s;
        while k > 0 {
            let c = self.at(k - 1);
            if is_sentence_end(c) {
                return true;
            }
            if c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\''
                        | '('
                        | '['
                        | '“'
                        | '‘'
                        | '「'
                        | '『'
                        | '*'
                        | '#'
                        | '-'
                        | '|'
                        | '>'
                        | '_'
                )
            {
                k -= 1;
                continue;
            }
            if c == ':' {
                return true;
            }
            return false;
        }
        true
    }
}

/// A per-character coverage mask: characters inside anchors that must not be
/// re-used by later scanners (numbers inside URLs, …).
pub(super) struct Coverage {
    mask: Vec<bool>,
}

impl Coverage {
    /// All-free mask for `n` characters.
    pub fn new(n: usize) -> Self {
        Coverage {
            mask: vec![false; n],
        }
    }

    /// Marks `s..e` as covered.
    pub fn mark(&mut self, s: usize, e: usize) {
        let e = e.min(self.mask.len());
        if let Some(sl) = self.mask.get_mut(s.min(e)..e) {
            sl.iter_mut().for_each(|b| *b = true);
        }
    }

    /// Is character `i` covered?
    #[inline]
    pub fn is(&self, i: usize) -> bool {
        self.mask.get(i).copied().unwrap_or(false)
    }

    /// Is any character of `s..e` covered?
    pub fn any(&self, s: usize, e: usize) -> bool {
        let e = e.min(self.mask.len());
        self.mask
            .get(s.min(e)..e)
            .is_some_and(|sl| sl.iter().any(|&b| b))
    }
}
