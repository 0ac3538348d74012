//! Numerals: Chinese (positional `一百零五`, digit by digit `二〇二四`,
//! financial `壹贰叁`, `两`, `廿八`), Roman (`IV`, `xiv`) and English number
//! words (`twenty-one`, `a hundred`, `forty-fifth`, `one third`).
//!
//! One module serves both readers of numbers: the numbering labels of
//! [`crate::numbering`] (`一、`, `（二）`, `第三条`, `IV.`) and the number
//! anchors of [`crate::anchors`]. The characters and words are data, in
//! `data/words/anchors/`: `zh-numerals.tsv`, `en-cardinals.tsv`,
//! `en-ordinals.tsv`, `en-scales.tsv` and `en-fractions.tsv`.
//!
//! Values are computed so that the same quantity written in different
//! notations gives the *same* `f64`: integers are accumulated exactly,
//! decimals go through one correctly rounded `str::parse`.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::words::{
    ANCHORS_EN_CARDINALS, ANCHORS_EN_FRACTIONS, ANCHORS_EN_ORDINALS, ANCHORS_EN_SCALES,
    ANCHORS_ZH_NUMERALS,
};

/// What a Chinese numeral character is (the `kind` column of
/// `data/words/anchors/zh-numerals.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZhNumeralKind {
    /// A digit 0–9: `〇`, `一`, `两`, `壹`.
    Digit,
    /// A power of ten: `十`, `百`, `千`, `万`, `亿` (and `拾`, `佰`, `仟`).
    Power,
    /// A contracted multiple of ten: `廿` (20), `卅` (30), `卌` (40).
    Tens,
}

/// The row of a Chinese numeral character: (character, value, kind,
/// traditional-only form).
type ZhNumeral = (char, u32, ZhNumeralKind, bool);

fn zh_numeral(c: char) -> Option<&'static ZhNumeral> {
    // Every numeral is a CJK character from 〇 (U+3007) up: one comparison
    // keeps Latin text away from the search.
    if (c as u32) < 0x3007 {
        return None;
    }
    ANCHORS_ZH_NUMERALS
        .binary_search_by_key(&c, |r| r.0)
        .ok()
        .and_then(|i| ANCHORS_ZH_NUMERALS.get(i))
}

/// Value of a Chinese digit character (`〇零一…九`, `两`, financial forms).
pub(crate) fn cjk_digit(c: char) -> Option<u8> {
    match zh_numeral(c) {
        Some(&(_, v, ZhNumeralKind::Digit, _)) => u8::try_from(v).ok(),
        _ => None,
    }
}

/// Value of a Chinese power of ten (`十百千万亿`, financial `拾佰仟`).
pub(crate) fn cjk_unit(c: char) -> Option<u64> {
    match zh_numeral(c) {
        Some(&(_, v, ZhNumeralKind::Power, _)) => Some(u64::from(v)),
        _ => None,
    }
}

/// Any Chinese numeral character.
pub(crate) fn is_cjk_numeral(c: char) -> bool {
    zh_numeral(c).is_some()
}

/// A numeral character of a numbering label (`一、`, `（二）`, `第十二条`):
/// a digit or `十`/`百` (and `拾`/`佰`), not in a traditional-only form.
pub(crate) fn is_label_numeral(c: char) -> bool {
    match zh_numeral(c) {
        Some(&(_, _, ZhNumeralKind::Digit, traditional)) => !traditional,
        Some(&(_, v, ZhNumeralKind::Power, traditional)) => !traditional && v <= 100,
        _ => false,
    }
}

/// A parsed run of Chinese numeral characters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CjkNum {
    /// Numeric value.
    pub value: f64,
    /// Written digit by digit (`一九八九`, `二〇二四`): no positional characters.
    pub digitwise: bool,
    /// Number of characters in the run.
    pub len: usize,
}

/// Parses a run of Chinese numeral characters (no `点`). Returns `None` for
/// an empty run or a character that is no numeral.
pub(crate) fn cjk_value(run: &[char]) -> Option<CjkNum> {
    if run.is_empty() {
        return None;
    }
    let positional = run.iter().any(|&c| {
        matches!(
            zh_numeral(c),
            Some((_, _, ZhNumeralKind::Power | ZhNumeralKind::Tens, _))
        )
    });
    if !positional {
        let mut v: u128 = 0;
        for &c in run {
            let d = cjk_digit(c)? as u128;
            v = v.saturating_mul(10).saturating_add(d);
        }
        return Some(CjkNum {
            value: v as f64,
            digitwise: run.len() > 1,
            len: run.len(),
        });
    }
    let mut total: u128 = 0;
    let mut section: u128 = 0;
    let mut number: u128 = 0;
    for &c in run {
        let &(_, value, kind, _) = zh_numeral(c)?;
        let value = u128::from(value);
        match kind {
            ZhNumeralKind::Digit => number = value,
            ZhNumeralKind::Tens => {
                section = section.saturating_add(value);
                number = 0;
            }
            ZhNumeralKind::Power if value < 10_000 => {
                let n = if number == 0 { 1 } else { number };
                section = section.saturating_add(n.saturating_mul(value));
                number = 0;
            }
            ZhNumeralKind::Power if value == 10_000 => {
                let s = section.saturating_add(number);
                let s = if s == 0 { 1 } else { s };
                total = total.saturating_add(s.saturating_mul(value));
                section = 0;
                number = 0;
            }
            ZhNumeralKind::Power => {
                let s = total.saturating_add(section).saturating_add(number);
                let s = if s == 0 { 1 } else { s };
                total = s.saturating_mul(value);
                section = 0;
                number = 0;
            }
        }
    }
    let v = total.saturating_add(section).saturating_add(number);
    Some(CjkNum {
        value: v as f64,
        digitwise: false,
        len: run.len(),
    })
}

/// Value of the Chinese numeral of a numbering label (`一` … `九十九`,
/// `一百二十`, `两`, `〇`, financial `壹拾`). Returns `None` for anything that
/// is not a plain label numeral: labels use digits and `十`/`百` in their
/// simplified forms (no `千`, no traditional-only `兩`).
pub fn cn_numeral(s: &str) -> Option<u32> {
    let run: Vec<char> = s.chars().collect();
    if !run.iter().all(|&c| is_label_numeral(c)) {
        return None;
    }
    let v = cjk_value(&run)?.value;
    (v <= f64::from(u32::MAX)).then_some(v as u32)
}

/// Converts a digit string with an optional fractional part and a decimal
/// exponent into the correctly rounded `f64` (`"1.5", 4` → 15000).
pub(crate) fn decimal(int_digits: &str, frac_digits: &str, exp: i32) -> f64 {
    let mut s = String::with_capacity(int_digits.len() + frac_digits.len() + 8);
    if int_digits.is_empty() {
        s.push('0');
    } else {
        s.push_str(int_digits);
    }
    if !frac_digits.is_empty() {
        s.push('.');
        s.push_str(frac_digits);
    }
    if exp != 0 {
        s.push('e');
        s.push_str(&exp.to_string());
    }
    s.parse::<f64>().unwrap_or(f64::NAN)
}

/// Classification of an English number word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum NumWord {
    /// `zero` … `nineteen`, `twenty` … `ninety`.
    Card(u64),
    /// `hundred`, `thousand`, `million`, `billion`, `trillion`.
    Scale(u64),
    /// `first` … `nineteenth`, `twentieth` … `ninetieth`.
    Ord(u64),
    /// `hundredth`, `thousandth`, `millionth`.
    OrdScale(u64),
    /// Plural denominators only: `halves`, `thirds`, `quarters`, `fifths`…
    Den(u64),
}

/// Looks up a lowercase English word. The word tables are disjoint, so they
/// are merged into one map on first use.
pub(crate) fn en_num_word(w: &str) -> Option<NumWord> {
    static MAP: OnceLock<FxHashMap<&'static str, NumWord>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = FxHashMap::default();
        for &(w, v) in ANCHORS_EN_CARDINALS {
            m.insert(w, NumWord::Card(u64::from(v)));
        }
        for &(w, v) in ANCHORS_EN_ORDINALS {
            m.insert(w, NumWord::Ord(u64::from(v)));
        }
        for &(w, exp, ordinal) in ANCHORS_EN_SCALES {
            let v = 10u64.pow(u32::from(exp));
            m.insert(
                w,
                if ordinal {
                    NumWord::OrdScale(v)
                } else {
                    NumWord::Scale(v)
                },
            );
        }
        for &(w, d, plural) in ANCHORS_EN_FRACTIONS {
            if plural {
                m.insert(w, NumWord::Den(u64::from(d)));
            }
        }
        m
    })
    .get(w)
    .copied()
}

/// Denominator value of a singular fraction word used after a numerator
/// (`one third`, `a quarter`, `one half`).
pub(crate) fn en_den_word(w: &str) -> Option<u64> {
    match ANCHORS_EN_FRACTIONS
        .binary_search_by_key(&w, |r| r.0)
        .ok()
        .and_then(|i| ANCHORS_EN_FRACTIONS.get(i))
    {
        Some(&(_, d, false)) => Some(u64::from(d)),
        _ => None,
    }
}

/// English scale words of a thousand and more with their powers of ten
/// (`thousand` 3, `million` 6): those a figure takes (`4.75 million`).
pub(crate) fn en_large_scales() -> impl Iterator<Item = (&'static str, i32)> {
    ANCHORS_EN_SCALES
        .iter()
        .filter(|&&(_, exp, ordinal)| !ordinal && exp >= 3)
        .map(|&(w, exp, _)| (w, i32::from(exp)))
}

/// Value of a Roman numeral (`I` … `CCCXCIX`, either case). Non-canonical
/// forms (`IIII`, `VX`) and words that only look Roman (`civil`) give `None`.
pub fn roman_numeral(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let val = |c: u8| match c.to_ascii_uppercase() {
        b'I' => Some(1i64),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        _ => None,
    };
    let b = s.as_bytes();
    let mut total: i64 = 0;
    for (k, &c) in b.iter().enumerate() {
        let v = val(c)?;
        let next = b.get(k + 1).and_then(|&n| val(n)).unwrap_or(0);
        if v < next {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    // Canonical check: re-render and compare, to reject junk like "IIII".
    (total > 0 && total <= 399 && to_roman(total).eq_ignore_ascii_case(s)).then_some(total)
}

/// Canonical upper-case Roman form of `n` (below 400).
fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cjk(s: &str) -> f64 {
        let v: Vec<char> = s.chars().collect();
        cjk_value(&v).map(|n| n.value).unwrap_or(f64::NAN)
    }

    #[test]
    fn chinese_numerals() {
        let table: &[(&str, f64)] = &[
            ("十五", 15.0),
            ("十", 10.0),
            ("两", 2.0),
            ("二十一", 21.0),
            ("一百零五", 105.0),
            ("二〇二四", 2024.0),
            ("一九八九", 1989.0),
            ("三千五百万", 35_000_000.0),
            ("一亿五千万", 150_000_000.0),
            ("四十五", 45.0),
            ("两千", 2000.0),
            ("壹佰", 100.0),
            ("一千零一十", 1010.0),
            ("十万", 100_000.0),
            ("廿八", 28.0),
            ("卅", 30.0),
            ("廿", 20.0),
            ("兩萬", 20_000.0),
        ];
        for (s, v) in table {
            assert_eq!(cjk(s), *v, "{s}");
        }
        assert!(cjk_value(&[]).is_none());
        assert!(cjk_value(&['十', 'x']).is_none());
    }

    #[test]
    fn label_numerals() {
        assert_eq!(cn_numeral("十五"), Some(15));
        assert_eq!(cn_numeral("二十一"), Some(21));
        assert_eq!(cn_numeral("一百零五"), Some(105));
        assert_eq!(cn_numeral("两"), Some(2));
        assert_eq!(cn_numeral("〇"), Some(0));
        // labels are read in simplified forms and up to 百
        assert_eq!(cn_numeral("兩"), None);
        assert_eq!(cn_numeral("三千"), None);
        assert_eq!(cn_numeral("x"), None);
        assert_eq!(cn_numeral(""), None);
    }

    #[test]
    fn decimals_round_trip() {
        assert_eq!(decimal("1", "5", 4), 15000.0);
        assert_eq!(decimal("1", "1", 4), 11000.0);
        assert_eq!(decimal("7", "9", 0), "7.9".parse::<f64>().unwrap());
        assert_eq!(decimal("114", "07", 8), 11_407_000_000.0);
    }

    #[test]
    fn english_words() {
        assert_eq!(en_num_word("fourty"), Some(NumWord::Card(40)));
        assert_eq!(en_num_word("million"), Some(NumWord::Scale(1_000_000)));
        assert_eq!(
            en_num_word("trillion"),
            Some(NumWord::Scale(1_000_000_000_000))
        );
        assert_eq!(en_num_word("forty"), Some(NumWord::Card(40)));
        assert_eq!(en_num_word("twelfth"), Some(NumWord::Ord(12)));
        assert_eq!(en_num_word("hundredth"), Some(NumWord::OrdScale(100)));
        assert_eq!(en_num_word("quarters"), Some(NumWord::Den(4)));
        assert_eq!(en_num_word("quarter"), None);
        assert_eq!(en_den_word("quarter"), Some(4));
        assert_eq!(en_den_word("half"), Some(2));
        assert_eq!(en_den_word("halves"), None);
        let large: Vec<_> = en_large_scales().collect();
        assert!(large.contains(&("million", 6)) && !large.iter().any(|x| x.0 == "hundred"));
    }

    #[test]
    fn romans() {
        assert_eq!(roman_numeral("iv"), Some(4));
        assert_eq!(roman_numeral("IX"), Some(9));
        assert_eq!(roman_numeral("XIV"), Some(14));
        assert_eq!(roman_numeral("vi"), Some(6));
        assert_eq!(roman_numeral("CCCXCIX"), Some(399));
        assert_eq!(roman_numeral("IIII"), None);
        assert_eq!(roman_numeral("civil"), None);
        assert_eq!(roman_numeral("CCCC"), None);
        assert_eq!(roman_numeral(""), None);
    }

    #[test]
    fn numeral_tables_are_consistent() {
        for &(c, v, kind, _) in ANCHORS_ZH_NUMERALS {
            match kind {
                ZhNumeralKind::Digit => assert!(v <= 9, "{c}"),
                ZhNumeralKind::Power => {
                    assert!(v >= 10 && v.to_string().trim_matches('0') == "1", "{c}")
                }
                ZhNumeralKind::Tens => assert!(v % 10 == 0 && v < 100, "{c}"),
            }
        }
        for &(w, _) in ANCHORS_EN_CARDINALS {
            assert!(!ANCHORS_EN_ORDINALS.iter().any(|o| o.0 == w), "{w}");
        }
    }
}
