//! Numeral parsers: Chinese numerals (positional `一百零五`, digit-by-digit
//! `二〇二四`, financial `壹贰叁`, `两`) and English number words
//! (`twenty-one`, `a hundred`, `forty-fifth`, `one third`).
//!
//! All parsers return `f64` values computed so that the same quantity written
//! in different notations yields the *same* `f64` (integers are accumulated
//! exactly; decimals go through one correctly rounded `str::parse`).

/// Value of a Chinese digit character (`〇零一…九`, `两`, financial forms).
pub(super) fn cjk_digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a Chinese positional character (`十百千万亿`).
pub(super) fn cjk_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// Contracted tens: `廿` = 20, `卅` = 30, `卌` = 40.
pub(super) fn cjk_tens(c: char) -> Option<u64> {
    Some(match c {
        '廿' => 20,
        '卅' => 30,
        '卌' => 40,
        _ => return None,
    })
}

/// Any Chinese numeral character.
pub(super) fn is_cjk_numeral(c: char) -> bool {
    cjk_digit(c).is_some() || cjk_unit(c).is_some() || cjk_tens(c).is_some()
}

/// A parsed run of Chinese numeral characters.
#[derive(Clone, Copy, Debug)]
pub(super) struct CjkNum {
    /// Numeric value.
    pub value: f64,
    /// Written digit by digit (`一九八九`, `二〇二四`): no positional characters.
    pub digitwise: bool,
    /// Number of characters in the run.
    pub len: usize,
}

/// Parses a run of Chinese numeral characters (no `点`). Returns `None` for
/// an empty run.
pub(super) fn cjk_value(run: &[char]) -> Option<CjkNum> {
    if run.is_empty() {
        return None;
    }
    let positional = run
        .iter()
        .any(|&c| cjk_unit(c).is_some() || cjk_tens(c).is_some());
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
        if let Some(d) = cjk_digit(c) {
            number = d as u128;
        } else if let Some(t) = cjk_tens(c) {
            section = section.saturating_add(t as u128);
            number = 0;
        } else if let Some(u) = cjk_unit(c) {
            let u = u as u128;
            if u < 10_000 {
                let n = if number == 0 { 1 } else { number };
                section = section.saturating_add(n.saturating_mul(u));
                number = 0;
            } else if u == 10_000 {
                let s = section.saturating_add(number);
                let s = if s == 0 { 1 } else { s };
                total = total.saturating_add(s.saturating_mul(u));
                section = 0;
                number = 0;
            } else {
                let s = total.saturating_add(section).saturating_add(number);
                let s = if s == 0 { 1 } else { s };
                total = s.saturating_mul(u);
                section = 0;
                number = 0;
            }
        } else {
            return None;
        }
    }
    let v = total.saturating_add(section).saturating_add(number);
    Some(CjkNum {
        value: v as f64,
        digitwise: false,
        len: run.len(),
    })
}

/// Converts a digit string with an optional fractional part and a decimal
/// exponent into the correctly rounded `f64` (`"1.5", 4` → 15000).
pub(super) fn decimal(int_digits: &str, frac_digits: &str, exp: i32) -> f64 {
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
pub(super) enum NumWord {
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

/// Looks up a lowercase English word.
pub(super) fn en_num_word(w: &str) -> Option<NumWord> {
    use NumWord::*;
    Some(match w {
        "zero" => Card(0),
        "one" => Card(1),
        "two" => Card(2),
        "three" => Card(3),
        "four" => Card(4),
        "five" => Card(5),
        "six" => Card(6),
        "seven" => Card(7),
        "eight" => Card(8),
        "nine" => Card(9),
        "ten" => Card(10),
        "eleven" => Card(11),
        "twelve" => Card(12),
        "thirteen" => Card(13),
        "fourteen" => Card(14),
        "fifteen" => Card(15),
        "sixteen" => Card(16),
        "seventeen" => Card(17),
        "eighteen" => Card(18),
        "nineteen" => Card(19),
        "twenty" => Card(20),
        "thirty" => Card(30),
        "forty" | "fourty" => Card(40),
        "fifty" => Card(50),
        "sixty" => Card(60),
        "seventy" => Card(70),
        "eighty" => Card(80),
        "ninety" => Card(90),
        "hundred" => Scale(100),
        "thousand" => Scale(1_000),
        "million" => Scale(1_000_000),
        "billion" => Scale(1_000_000_000),
        "trillion" => Scale(1_000_000_000_000),
        "first" => Ord(1),
        "second" => Ord(2),
        "third" => Ord(3),
        "fourth" => Ord(4),
        "fifth" => Ord(5),
        "sixth" => Ord(6),
        "seventh" => Ord(7),
        "eighth" => Ord(8),
        "ninth" => Ord(9),
        "tenth" => Ord(10),
        "eleventh" => Ord(11),
        "twelfth" => Ord(12),
        "thirteenth" => Ord(13),
        "fourteenth" => Ord(14),
        "fifteenth" => Ord(15),
        "sixteenth" => Ord(16),
        "seventeenth" => Ord(17),
        "eighteenth" => Ord(18),
        "nineteenth" => Ord(19),
        "twentieth" => Ord(20),
        "thirtieth" => Ord(30),
        "fortieth" => Ord(40),
        "fiftieth" => Ord(50),
        "sixtieth" => Ord(60),
        "seventieth" => Ord(70),
        "eightieth" => Ord(80),
        "ninetieth" => Ord(90),
        "hundredth" => OrdScale(100),
        "thousandth" => OrdScale(1_000),
        "millionth" => OrdScale(1_000_000),
        "halves" => Den(2),
        "thirds" => Den(3),
        "quarters" | "fourths" => Den(4),
        "fifths" => Den(5),
        "sixths" => Den(6),
        "sevenths" => Den(7),
        "eighths" => Den(8),
        "ninths" => Den(9),
        "tenths" => Den(10),
        "hundredths" => Den(100),
        "thousandths" => Den(1000),
        _ => return None,
    })
}

/// Denominator value of a singular fraction word used after a numerator
/// (`one third`, `a quarter`, `one half`).
pub(super) fn en_den_word(w: &str) -> Option<u64> {
    Some(match w {
        "half" => 2,
        "third" => 3,
        "quarter" | "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "hundredth" => 100,
        "thousandth" => 1000,
        _ => return None,
    })
}

/// Roman numeral value (`i`…`xxxix`, lowercase input), used after
/// `annex`/`part`/`chapter`… only.
pub(super) fn roman(w: &str) -> Option<u64> {
    if w.is_empty() || w.len() > 7 {
        return None;
    }
    let val = |c: u8| match c {
        b'i' => Some(1i64),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        _ => None,
    };
    let b = w.as_bytes();
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
    let total = u64::try_from(total).ok()?;
    // canonical check: re-render and compare to reject junk like "iiii"
    if total == 0 || total > 399 || to_roman(total) != w {
        return None;
    }
    Some(total)
}

fn to_roman(mut n: u64) -> String {
    const T: [(u64, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
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
        ];
        for (s, v) in table {
            assert_eq!(cjk(s), *v, "{s}");
        }
    }

    #[test]
    fn decimals_round_trip() {
        assert_eq!(decimal("1", "5", 4), 15000.0);
        assert_eq!(decimal("1", "1", 4), 11000.0);
        assert_eq!(decimal("7", "9", 0), "7.9".parse::<f64>().unwrap());
        assert_eq!(decimal("114", "07", 8), 11_407_000_000.0);
    }

    #[test]
    fn romans() {
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("ix"), Some(9));
        assert_eq!(roman("xiv"), Some(14));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("civil"), None);
    }
}
