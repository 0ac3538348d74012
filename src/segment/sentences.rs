//! Paragraphs to sentences: cuts after `。！？；` in Chinese and after
//! `. ? ! ;` followed by a space in English, never after abbreviations.

use crate::lang::{Lang, is_han, is_space};
use crate::words::{SEGMENT_EN_ABBREVIATIONS, SEGMENT_EN_NUMBER_ABBREVIATIONS};

/// Terminal punctuation that ends a sentence.
pub(super) fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '.' | '．')
}

/// Sentence ranges inside `text[start..end]` (untrimmed; empty ones dropped by the caller).
pub(super) fn sentences(text: &str, start: usize, end: usize, lang: Lang) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut sent_start = 0;
    // Whether s[sent_start..] holds content, scanned once as cuts move on (a
    // fresh scan per candidate cut is quadratic on a long run of "; ; ; ").
    let mut content = ContentScan::default();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let boundary = match c {
            '。' | '！' | '？' | '；' => true,
            '!' | '?' | ';' => next_is_space_or_end(&chars, i) || next_is_cjk(&chars, i),
            '.' | '．' => period_ends_sentence(s, &chars, i, lang),
            _ => false,
        };
        if boundary {
            // Closing quotes and brackets stay with the sentence they close.
            let mut j = i + 1;
            while j < chars.len()
                && (is_closer(chars[j].1) || matches!(chars[j].1, '」' | '』' | '）' | '】' | '》'))
            {
                j += 1;
            }
            // Repeated terminators ("?!", "。。") too.
            while j < chars.len() && matches!(chars[j].1, '。' | '！' | '？' | '!' | '?') {
                j += 1;
            }
            let cut = chars.get(j).map_or(s.len(), |&(p, _)| p);
            if content.scan_to(s, cut) {
                out.push((start + sent_start, start + cut));
                sent_start = cut;
                content = ContentScan::at(cut);
            }
            i = j;
            let _ = pos;
            continue;
        }
        i += 1;
    }
    if sent_start < s.len() {
        if has_content(&s[sent_start..]) || out.is_empty() {
            out.push((start + sent_start, end));
        } else if let Some(last) = out.last_mut() {
            // Trailing punctuation or symbols join the last sentence.
            last.1 = end;
        }
    }
    out
}

/// [`has_content`] of a growing piece of text `s[from..to]`, scanned once.
#[derive(Default, Debug)]
struct ContentScan {
    /// Scanned up to here (byte offset in the text).
    pos: usize,
    in_tag: bool,
    seen: bool,
}

impl ContentScan {
    fn at(pos: usize) -> ContentScan {
        ContentScan {
            pos,
            ..ContentScan::default()
        }
    }

    /// Extend the scanned piece to end at `to`; true when it holds content.
    fn scan_to(&mut self, s: &str, to: usize) -> bool {
        if self.seen || to <= self.pos {
            return self.seen;
        }
        for c in s[self.pos..to].chars() {
            match c {
                '<' => self.in_tag = true,
                '>' => self.in_tag = false,
                _ if !self.in_tag && c.is_alphanumeric() => {
                    self.seen = true;
                    break;
                }
                _ => {}
            }
        }
        self.pos = to;
        self.seen
    }
}

/// Whether a piece of text holds letters or digits outside HTML tags (a
/// trailing `</td>` or `**` is not a sentence of its own).
fn has_content(s: &str) -> bool {
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag && c.is_alphanumeric() => return true,
            _ => {}
        }
    }
    false
}

/// A closing quote, bracket or Markdown emphasis mark, which stays with the
/// sentence it closes.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '*' | '_')
}

fn next_is_space_or_end(chars: &[(usize, char)], i: usize) -> bool {
    chars.get(i + 1).is_none_or(|&(_, c)| is_space(c))
}

fn next_is_cjk(chars: &[(usize, char)], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|&(_, c)| is_han(c))
}

fn period_ends_sentence(s: &str, chars: &[(usize, char)], i: usize, lang: Lang) -> bool {
    let (pos, c) = chars[i];
    if c == '．' {
        return true;
    }
    // Chinese text: a period between Han characters ends a sentence too
    // (some writers use "." for "。"), but not inside numbers or URLs.
    let next = chars.get(i + 1).map(|&(_, c)| c);
    if next.is_some_and(is_han) {
        return lang == Lang::Zh
            && chars[..i]
                .last()
                .is_some_and(|&(_, p)| is_han(p) || matches!(p, ')' | '）'));
    }
    // Closing quotes, brackets and Markdown emphasis after the period stay
    // with its sentence ('." ', ".__ " ending a bold lead-in "__Your
    // privacy.__ We value ...").
    let after = (i + 1..chars.len())
        .find(|&k| !is_closer(chars[k].1))
        .unwrap_or(chars.len());
    if chars.get(after).is_some_and(|&(_, c)| !is_space(c)) {
        // "7.9", "e.g.", "www.x.com", ".NET": no break inside a token.
        return false;
    }
    // The word before the period.
    let before = &s[..pos];
    let word_start = before
        .rfind(|c: char| is_space(c) || matches!(c, '(' | '（' | '"' | '“' | '['))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let lower = word
        .trim_start_matches(['(', '"', '“'])
        .to_ascii_lowercase();
    // The next non-space character.
    let following = chars[after..]
        .iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_space(c));
    if SEGMENT_EN_NUMBER_ABBREVIATIONS
        .binary_search(&lower.as_str())
        .is_ok()
    {
        // "No. 5" abbreviates "number"; "No. This ..." answers a question.
        return !following.is_some_and(|c| c.is_ascii_digit() || c == '#');
    }
    if SEGMENT_EN_ABBREVIATIONS
        .binary_search(&lower.as_str())
        .is_ok()
    {
        // "Inc." at the very end of the paragraph or before a capitalised
        // sentence start is still ambiguous; keep it together (safer for
        // alignment: a missed break costs less than a false one).
        return false;
    }
    // Initials "J." and single letters "a." in lists.
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return false;
    }
    // Dotted abbreviations like "U.S.A." or "Ph.D.", also ending a
    // hyphenated compound ("Swiss-U.S.", "non-U.S.").
    let tail = word.rsplit(['-', '‑']).next().unwrap_or(word);
    if tail.contains('.') && tail.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return false;
    }
    // The next non-space character: a sentence starts with a capital, digit,
    // quote, bracket, or CJK character.
    let rest = chars[after..]
        .iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_space(c));
    match rest {
        None => true,
        Some(c) => !c.is_lowercase(),
    }
}
