//! Languages and the character classes the pipeline decides them by.
//!
//! Everything here is a pure function of characters: which script a character
//! belongs to, and how much "language evidence" a stretch of text carries.
//! Splitting a bilingual file and segmenting each half both build on it.

use std::borrow::Cow;

use serde::Serialize;

use crate::words::ZH_TRADITIONAL;

/// One of the two languages of a bilingual policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (simplified or traditional).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The short code used in output ("zh", "en").
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Human name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "Chinese",
            Lang::En => "English",
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// True for CJK ideographs (the characters that make a text Chinese): the
/// unified ideographs and extension A, the compatibility ideographs, the
/// ideographic zero `〇`, and all of planes 2 and 3, which Unicode gives to
/// CJK ideographs (extensions B to I and the compatibility supplement).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x3FFFF | 0xF900..=0xFAFF | 0x3007)
}

/// The simplified form of a traditional Chinese character the word lists
/// use (須 -> 须, 無 -> 无: `data/words/zh/traditional.tsv`); any other
/// character as it is.
pub fn simplified_char(c: char) -> char {
    if !matches!(c as u32, 0x4E00..=0x9FFF) {
        return c;
    }
    ZH_TRADITIONAL
        .binary_search_by(|&(t, _)| t.cmp(&c))
        .map_or(c, |k| ZH_TRADITIONAL[k].1)
}

/// A text with the traditional characters of [`simplified_char`] in their
/// simplified form (borrowed when there are none).
pub fn simplified(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| simplified_char(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(simplified_char).collect())
    }
}

/// True for CJK punctuation and full-width forms, which only occur in East
/// Asian text (so a line break next to them is not a word boundary).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0xFE30..=0xFE4F)
}

/// Han characters and CJK punctuation: text that is written without spaces.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// True for Latin letters (ASCII and accented, including full-width ones).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0xC0..=0x24F if c != '×' && c != '÷')
        || matches!(c as u32, 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Characters that never carry content and may be dropped from clause text:
/// zero-width spaces and joiners, the BOM, soft hyphen, NUL and other controls
/// except line breaks and tabs.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// White space as the segmenter sees it: ASCII and Unicode spaces, including
/// no-break and ideographic spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{3000}' || c == '\u{202F}'
}

/// Counts of the characters that tell the languages apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Han characters.
    pub han: usize,
    /// Latin letters.
    pub latin: usize,
    /// Latin words of two letters or more (a better unit than letters: one
    /// English word carries about as much as one or two Han characters).
    pub latin_words: usize,
}

impl ScriptCounts {
    /// Count the scripts in `text`.
    pub fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        let mut run = 0usize;
        for c in text.chars() {
            if is_latin(c) {
                counts.latin += 1;
                run += 1;
                continue;
            }
            if run >= 2 {
                counts.latin_words += 1;
            }
            run = 0;
            if is_han(c) {
                counts.han += 1;
            }
        }
        if run >= 2 {
            counts.latin_words += 1;
        }
        counts
    }

    /// Evidence for Chinese minus evidence for English, in "word" units:
    /// one Han character and one Latin word weigh about the same, a common
    /// English sentence has ~1.5x more words than its Chinese has characters / 2.
    pub fn zh_weight(&self) -> f64 {
        self.han as f64
    }

    /// English evidence in the same units as [`ScriptCounts::zh_weight`].
    pub fn en_weight(&self) -> f64 {
        self.latin_words as f64 * 1.6
    }

    /// The language this text is mostly written in, if it has any letters.
    pub fn majority(&self) -> Option<Lang> {
        let zh = self.zh_weight();
        let en = self.en_weight();
        if zh == 0.0 && en == 0.0 {
            None
        } else if zh >= en {
            Some(Lang::Zh)
        } else {
            Some(Lang::En)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_scripts() {
        let c = ScriptCounts::of("我们使用Cookies技术 and more");
        assert_eq!(c.han, 6);
        assert_eq!(c.latin_words, 3);
        assert_eq!(c.majority(), Some(Lang::Zh));
        let c = ScriptCounts::of("The English version of the policy (中文).");
        assert_eq!(c.majority(), Some(Lang::En));
        assert_eq!(ScriptCounts::of("1.2 -- 2024").majority(), None);
    }

    #[test]
    fn traditional_to_simplified() {
        assert_eq!(simplified_char('須'), '须');
        assert_eq!(simplified_char('须'), '须');
        assert_eq!(simplified_char('a'), 'a');
        assert_eq!(simplified("您必須遵守"), "您必须遵守");
        assert!(matches!(simplified("您必须遵守"), Cow::Borrowed(_)));
    }

    #[test]
    fn classes() {
        assert!(is_han('中') && is_han('〇') && !is_han('a'));
        // extension G (plane 3) and the compatibility supplement
        assert!(is_han('\u{30000}') && is_han('\u{2F800}') && !is_han('\u{40000}'));
        assert!(is_latin('é') && is_latin('Ａ') && !is_latin('×'));
        assert!(is_invisible('\u{200B}') && is_invisible('\0') && !is_invisible('\n'));
        assert!(is_space('\u{3000}') && is_space('\u{a0}'));
    }
}
