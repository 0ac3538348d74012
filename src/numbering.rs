//! Numbering labels at the start of a clause: `一、` `（二）` `第三条` `1.`
//! `1.1.1` `(1)` `①` `I.` `a)` `- ` and Markdown `#` headings.
//!
//! A label has a *style* (how it is written) and a *value* (which number it
//! is). Styles tell the levels of a document apart; values are compared across
//! languages, so `二、` = `2.` = `II.` and `（1）` = `(1)` = `(a)`. The
//! numerals themselves are read by [`crate::numerals`], shared with the
//! anchors.

use serde::Serialize;

use crate::numerals::is_label_numeral;
pub use crate::numerals::{cn_numeral, roman_numeral};
use crate::words::SEGMENT_ZH_NUMBER_WORDS;

/// How a label is written. Two labels of one style are siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelStyle {
    /// `一、` `十二、`
    CnComma,
    /// `（一）` `(二)`
    CnParen,
    /// `第一章`, `第二节`, `第三条`, `第1条` (chapter/section/article headings)
    CnOrdinal,
    /// `1.` `1、` `1．` (a number and a dot or enumeration comma)
    Arabic,
    /// `1)` `1）`
    ArabicParen,
    /// `(1)` `（1）`
    ParenArabic,
    /// `1.1`, `1.1.1`, `2.2.1.` (dotted, with the depth in the values)
    Dotted,
    /// `①` `⑵` `⒈` (one character)
    Circled,
    /// `I.` `IV.` `iii)` `(ii)`
    Roman,
    /// `a)` `(b)` `A.`
    Letter,
    /// `-` `*` `•` `·` `●` `▪` bullets
    Bullet,
    /// Markdown heading `#`, `##`, …; the level is the value.
    Markdown,
    /// English `Article 3` / `Section 2` / `Chapter 1` headings.
    EnOrdinal,
}

/// A numbering label found at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// How it is written.
    pub style: LabelStyle,
    /// Its numbers: one for most styles, several for dotted labels, none for
    /// bullets; the heading level for Markdown.
    pub values: Vec<u32>,
    /// Byte length of the label in the text, trailing white space included.
    pub len: usize,
}

impl Label {
    /// The value that identifies this item among its siblings (the last number).
    pub fn value(&self) -> Option<u32> {
        self.values.last().copied()
    }

    /// True for labels that number things (not bullets or Markdown markers).
    pub fn is_numbered(&self) -> bool {
        !matches!(self.style, LabelStyle::Bullet | LabelStyle::Markdown)
    }
}

fn circled(c: char) -> Option<u32> {
    let u = c as u32;
    match u {
        0x2460..=0x2473 => Some(u - 0x2460 + 1), // ①..⑳
        0x2474..=0x2487 => Some(u - 0x2474 + 1), // ⑴..⒇
        0x2488..=0x249B => Some(u - 0x2488 + 1), // ⒈..⒛
        0x2776..=0x277F => Some(u - 0x2776 + 1), // ❶..❿
        0x2780..=0x2789 => Some(u - 0x2780 + 1), // ➀..➉
        0x278A..=0x2793 => Some(u - 0x278A + 1), // ➊..➓
        _ => None,
    }
}

fn is_label_space(c: char) -> bool {
    crate::lang::is_space(c)
}

/// Length of the white space at the start of `s`.
fn space_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_label_space).len()
}

/// Find the numbering label at the start of `s` (leading white space allowed).
pub fn parse_label(s: &str) -> Option<Label> {
    let lead = space_len(s);
    let t = &s[lead..];
    let (style, values, len) = parse_at(t)?;
    // The label must be followed by something (or end the text).
    let rest = &t[len..];
    let gap = space_len(rest);
    Some(Label {
        style,
        values,
        len: lead + len + gap,
    })
}

fn take_while(s: &str, f: impl Fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn parse_at(t: &str) -> Option<(LabelStyle, Vec<u32>, usize)> {
    let first = t.chars().next()?;
    // Markdown heading.
    if first == '#' {
        let hashes = take_while(t, |c| c == '#');
        let after = &t[hashes.len()..];
        if hashes.len() <= 6 && (after.is_empty() || after.starts_with(' ')) {
            return Some((
                LabelStyle::Markdown,
                vec![hashes.len() as u32],
                hashes.len(),
            ));
        }
        return None;
    }
    // Bullets need a space (or a CJK character) after them.
    if matches!(
        first,
        '-' | '*'
            | '+'
            | '•'
            | '·'
            | '●'
            | '▪'
            | '◦'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '►'
            | '–'
            | '—'
    ) {
        let rest = &t[first.len_utf8()..];
        let ok = match first {
            // "-改善用户体验" (Chinese text right after a dash) is a bullet too,
            // but "--" or "-5" is not.
            '-' | '*' | '+' => {
                rest.starts_with(is_label_space)
                    || rest.chars().next().is_some_and(crate::lang::is_han)
            }
            '—' | '–' => rest.starts_with(is_label_space),
            _ => true,
        };
        if ok && !rest.starts_with(first) {
            return Some((LabelStyle::Bullet, Vec::new(), first.len_utf8()));
        }
        return None;
    }
    if let Some(v) = circled(first) {
        return Some((LabelStyle::Circled, vec![v], first.len_utf8()));
    }
    // 第X章 / 第X条 / 第X节 / 第X部分
    if let Some(rest) = t.strip_prefix('第') {
        let num = take_while(rest, |c| is_label_numeral(c) || c.is_ascii_digit());
        let after = &rest[num.len()..];
        let unit = ["章", "条", "节", "部分", "款", "篇"]
            .iter()
            .find(|u| after.starts_with(**u))?;
        let v = num.parse::<u32>().ok().or_else(|| cn_numeral(num))?;
        return Some((
            LabelStyle::CnOrdinal,
            vec![v],
            '第'.len_utf8() + num.len() + unit.len(),
        ));
    }
    // Parenthesised: （一） (1) (a) (ii)
    if first == '(' || first == '（' {
        let rest = &t[first.len_utf8()..];
        let inner = take_while(rest, |c| c.is_alphanumeric() && c != ')' && c != '）');
        if inner.is_empty() || inner.chars().count() > 4 {
            return None;
        }
        let after = &rest[inner.len()..];
        let close = after.chars().next()?;
        if close != ')' && close != '）' {
            return None;
        }
        let len = first.len_utf8() + inner.len() + close.len_utf8();
        if let Ok(v) = inner.parse::<u32>() {
            return (v < 1000).then(|| (LabelStyle::ParenArabic, vec![v], len));
        }
        if inner.chars().all(is_label_numeral) {
            return Some((LabelStyle::CnParen, vec![cn_numeral(inner)?], len));
        }
        if let Some(v) = roman_numeral(inner)
            && (inner.len() > 1 || matches!(inner, "i" | "I"))
        {
            return Some((LabelStyle::Roman, vec![v], len));
        }
        if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic()) {
            let v = inner.to_ascii_lowercase().as_bytes()[0] - b'a' + 1;
            return Some((LabelStyle::Letter, vec![v as u32], len));
        }
        return None;
    }
    // 一、 十二、
    if is_label_numeral(first) {
        let num = take_while(t, is_label_numeral);
        let after = &t[num.len()..];
        if after.starts_with('、') || after.starts_with('.') || after.starts_with('．') {
            let v = cn_numeral(num)?;
            let sep = after.chars().next()?.len_utf8();
            return Some((LabelStyle::CnComma, vec![v], num.len() + sep));
        }
        return None;
    }
    // Arabic: 1.  1、 1)  1.1  1.1.1  2.2.1.
    if first.is_ascii_digit() || ('０'..='９').contains(&first) {
        return parse_arabic(t);
    }
    // English "Article 3", "Section 2.", "Chapter IV"
    for word in [
        "Article", "Section", "Chapter", "Part", "ARTICLE", "SECTION", "CHAPTER",
    ] {
        if let Some(rest) = t.strip_prefix(word)
            && let Some(rest) = rest.strip_prefix(' ')
        {
            let num = take_while(rest, |c| c.is_ascii_alphanumeric());
            let v = num.parse::<u32>().ok().or_else(|| roman_numeral(num))?;
            let mut len = word.len() + 1 + num.len();
            let tail = &rest[num.len()..];
            if tail.starts_with('.') || tail.starts_with(':') {
                len += 1;
            }
            return Some((LabelStyle::EnOrdinal, vec![v], len));
        }
    }
    // Roman "IV." / "iii)" and letters "a)" "A." — need the terminator and a space.
    let word = take_while(t, |c| c.is_ascii_alphabetic());
    if !word.is_empty() && word.len() <= 6 {
        let after = &t[word.len()..];
        let term = after.chars().next()?;
        if !matches!(term, '.' | ')' | '）' | '、') {
            return None;
        }
        let rest = &after[term.len_utf8()..];
        if !(rest.is_empty() || rest.starts_with(is_label_space) || term == '）' || term == '、')
        {
            return None;
        }
        let len = word.len() + term.len_utf8();
        if let Some(v) = roman_numeral(word)
            && (word.len() > 1 || word == "I" || word == "i" && term == ')')
        {
            return Some((LabelStyle::Roman, vec![v], len));
        }
        if word.len() == 1 && term != '.'
            || word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase())
        {
            let v = word.to_ascii_lowercase().as_bytes()[0] - b'a' + 1;
            return Some((LabelStyle::Letter, vec![v as u32], len));
        }
    }
    None
}

/// Whether the text after a number starts with a word saying what it counts
/// ("1.2 版" is version 1.2): the number is a quantity, no label.
fn counts_something(rest: &str) -> bool {
    let rest = rest.trim_start_matches(is_label_space);
    SEGMENT_ZH_NUMBER_WORDS.iter().any(|w| rest.starts_with(w))
}

fn parse_arabic(t: &str) -> Option<(LabelStyle, Vec<u32>, usize)> {
    let mut values = Vec::new();
    let mut pos = 0;
    loop {
        let digits = take_while(&t[pos..], |c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c)
        });
        if digits.is_empty() {
            break;
        }
        let v: u32 = digits
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .unwrap_or((c as u32).wrapping_sub('０' as u32))
            })
            .try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(d))?;
        values.push(v);
        pos += digits.len();
        let rest = &t[pos..];
        let sep = rest.chars().next();
        match sep {
            Some('.' | '．') => {
                let after = &rest[sep.map_or(0, char::len_utf8)..];
                if after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    pos += sep.map_or(0, char::len_utf8);
                    continue;
                }
                pos += sep.map_or(0, char::len_utf8);
                break;
            }
            _ => break,
        }
    }
    if values.is_empty() || values[0] >= 1000 {
        return None;
    }
    let rest = &t[pos..];
    let ended_with_dot = t[..pos].ends_with('.') || t[..pos].ends_with('．');
    let next = rest.chars().next();
    if values.len() >= 2 {
        // "1.1" must be followed by a space, a CJK character or the end; "1.5%" is not a label.
        let ok = match next {
            None => true,
            Some(c) => is_label_space(c) || crate::lang::is_cjk(c) || ended_with_dot,
        };
        if !ok || values.iter().skip(1).any(|&v| v > 200) || counts_something(rest) {
            return None;
        }
        return Some((LabelStyle::Dotted, values, pos));
    }
    if ended_with_dot {
        // "1." needs a space or CJK after it ("1.Cookie" in Chinese text is fine).
        let ok = match next {
            None => true,
            Some(c) => is_label_space(c) || crate::lang::is_cjk(c) || c.is_alphabetic(),
        };
        return ok.then_some((LabelStyle::Arabic, values, pos));
    }
    match next {
        Some('、') => Some((LabelStyle::Arabic, values, pos + '、'.len_utf8())),
        Some('，') => {
            // "1， 请您补充…" (full-width comma used as an enumeration mark;
            // an ASCII "5, " starting a line is a wrapped sentence going on)
            Some((
                LabelStyle::Arabic,
                values,
                pos + next.map_or(0, char::len_utf8),
            ))
        }
        Some(')') | Some('）') => Some((
            LabelStyle::ArabicParen,
            values,
            pos + next.map_or(0, char::len_utf8),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Option<(LabelStyle, Vec<u32>, String)> {
        parse_label(s).map(|x| (x.style, x.values.clone(), s[..x.len].to_string()))
    }

    #[test]
    fn chinese_styles() {
        assert_eq!(
            l("一、我们收集的信息"),
            Some((LabelStyle::CnComma, vec![1], "一、".into()))
        );
        assert_eq!(l("十二、《隐私政策》的更新").unwrap().1, vec![12]);
        assert_eq!(l("（二）具体安全措施").unwrap().0, LabelStyle::CnParen);
        assert_eq!(l("(一)数据的来源").unwrap().1, vec![1]);
        assert_eq!(
            l("第三条 定义").unwrap(),
            (LabelStyle::CnOrdinal, vec![3], "第三条 ".into())
        );
        assert_eq!(
            l("①我们可能会收集").unwrap(),
            (LabelStyle::Circled, vec![1], "①".into())
        );
        assert_eq!(l("④ IP地址").unwrap().2, "④ ");
        assert_eq!(
            l("1、安全可靠").unwrap(),
            (LabelStyle::Arabic, vec![1], "1、".into())
        );
        assert_eq!(l("1) 许可方不承担").unwrap().0, LabelStyle::ArabicParen);
        assert_eq!(l("1， 请您补充如下声明").unwrap().1, vec![1]);
        assert_eq!(l("-改善用户体验").unwrap().0, LabelStyle::Bullet);
    }

    #[test]
    fn arabic_and_dotted() {
        assert_eq!(
            l("1.1您在使用我们服务时").unwrap(),
            (LabelStyle::Dotted, vec![1, 1], "1.1".into())
        );
        assert_eq!(l("1.1.1 您在注册帐户时").unwrap().1, vec![1, 1, 1]);
        assert_eq!(l("2.2.1 Generally speaking").unwrap().1, vec![2, 2, 1]);
        assert_eq!(
            l("6. Language").unwrap(),
            (LabelStyle::Arabic, vec![6], "6. ".into())
        );
        assert_eq!(
            l("(1) 设备信息").unwrap(),
            (LabelStyle::ParenArabic, vec![1], "(1) ".into())
        );
        assert_eq!(l("（3）IP地址").unwrap().1, vec![3]);
        assert!(l("1.5% of users").is_none());
        // A version, not section 1.2; a heading may start with a unit's
        // character (日志 "logs").
        assert!(l("1.2 版，2023 年 11 月 1 日生效").is_none());
        assert_eq!(l("2.1 日志信息").unwrap().1, vec![2, 1]);
        assert!(l("2024年8月6日").is_none());
        assert!(l("100% secure").is_none());
        assert!(l("400-893-8989").is_none());
    }

    #[test]
    fn latin_styles() {
        assert_eq!(
            l("I. The information we collect").unwrap(),
            (LabelStyle::Roman, vec![1], "I. ".into())
        );
        assert_eq!(l("IV. Use of information").unwrap().1, vec![4]);
        assert_eq!(l("(ii) the second").unwrap().0, LabelStyle::Roman);
        assert_eq!(
            l("a) use, copy").unwrap(),
            (LabelStyle::Letter, vec![1], "a) ".into())
        );
        assert_eq!(l("(b) create").unwrap().1, vec![2]);
        assert_eq!(l("Article 3. Scope").unwrap().1, vec![3]);
        assert_eq!(
            l("## Payments").unwrap(),
            (LabelStyle::Markdown, vec![2], "## ".into())
        );
        assert_eq!(l("- Type: Session").unwrap().0, LabelStyle::Bullet);
        assert!(l("I am here").is_none());
        assert!(l("Did you know").is_none());
        assert!(l("e.g. this").is_none());
        assert!(l("--- ").is_none());
        assert!(l("#hashtag").is_none());
    }
}
