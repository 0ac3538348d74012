//! Numbers, dates, times, versions and numeric codes.
//!
//! Two phases: (1) a linear scan collects numeric *atoms* (Arabic digits,
//! Chinese numeral runs, English number words, English month names);
//! (2) a pass over the atoms builds anchors using the surrounding words
//! (units, bounds, `第`, currency, date separators). Both phases only look a
//! bounded distance around each atom, so the whole scan is linear.

use crate::numerals::{
    CjkNum, NumWord, cjk_digit, cjk_unit, cjk_value, decimal, en_den_word, en_large_scales,
    en_num_word, is_cjk_numeral, roman_numeral,
};
use std::sync::OnceLock;

use super::doc::{Coverage, Doc, is_latin_alnum, is_latin_letter};
use super::phrases::PhraseTable;
use super::{Anchor, AnchorKind, AnchorValue, Bound, Lang, Role, Unit};
use crate::lang::is_han;

#[derive(Clone, Copy, Debug, PartialEq)]
enum AtomKind {
    /// Arabic digits.
    Arabic,
    /// Positional Chinese numeral (`二十一`).
    Cjk,
    /// Digit-by-digit Chinese numeral (`一九八九`).
    CjkDigits,
    /// English number words.
    Word,
    /// English month name.
    Month(u8),
}

#[derive(Clone, Debug)]
struct Atom {
    s: usize,
    e: usize,
    v: f64,
    kind: AtomKind,
    /// Integer digits written (Arabic) / characters (Chinese digit-by-digit).
    int_len: usize,
    /// Thousands separators were used.
    sep: bool,
    /// Has a decimal part.
    dec: bool,
    /// Dotted sequence with two or more dots (`1.2.3`): its text.
    dotted: Option<String>,
    /// Ordinal (`1st`, `forty-fifth`, `first`).
    ordinal: bool,
    /// Fraction value (`三分之一`, `one third`).
    frac: bool,
    /// Percentage value (`百分之五`).
    percent: bool,
    /// Attached unit (`10MB`, `twice`).
    unit: Option<Unit>,
    /// Preceded by an attached `V`/`v` (`V1.2`).
    vprefix: bool,
    /// A single `一`/`one` (article-like).
    lone_one: bool,
}

impl Atom {
    fn new(s: usize, e: usize, v: f64, kind: AtomKind) -> Self {
        Atom {
            s,
            e,
            v,
            kind,
            int_len: 0,
            sep: false,
            dec: false,
            dotted: None,
            ordinal: false,
            frac: false,
            percent: false,
            unit: None,
            vprefix: false,
            lone_one: false,
        }
    }

    /// A plain integer (no separators, decimals, fraction, percent).
    fn is_int(&self) -> bool {
        !self.sep
            && !self.dec
            && self.dotted.is_none()
            && !self.frac
            && !self.percent
            && self.unit.is_none()
            && !matches!(self.kind, AtomKind::Month(_))
            && self.v.fract() == 0.0
            && self.v >= 0.0
    }

    fn int_in(&self, lo: f64, hi: f64) -> bool {
        self.is_int() && self.v >= lo && self.v <= hi
    }

    /// A four-digit year (Arabic or digit-by-digit Chinese).
    fn is_year(&self) -> bool {
        self.is_int()
            && !self.ordinal
            && matches!(self.kind, AtomKind::Arabic | AtomKind::CjkDigits)
            && self.int_len == 4
            && self.v >= 1000.0
            && self.v <= 2999.0
    }

    fn is_numeric(&self) -> bool {
        !matches!(self.kind, AtomKind::Month(_))
    }
}

/// Scans numbers and dates, appends anchors, marks covered characters.
pub(super) fn scan(doc: &Doc, lang: Lang, cov: &mut Coverage, out: &mut Vec<Anchor>) {
    let atoms = atoms(doc, cov);
    let mut cx = Ctx {
        doc,
        lang,
        atoms,
        out: Vec::new(),
        spans: Vec::new(),
        consumed: 0,
        last_ordinal_end: None,
    };
    cx.build();
    for &(s, e) in &cx.spans {
        cov.mark(s, e);
    }
    out.append(&mut cx.out);
}

// ───────────────────────────── phase 1: atoms ─────────────────────────────

fn atoms(doc: &Doc, cov: &Coverage) -> Vec<Atom> {
    let n = doc.len();
    let mut out: Vec<Atom> = Vec::new();
    let mut i = 0;
    let mut wk = 0usize;
    while i < n {
        if cov.is(i) {
            i += 1;
            continue;
        }
        let c = doc.at(i);
        if c.is_ascii_digit() {
            match arabic(doc, cov, i) {
                Ok(a) => {
                    i = a.e.max(i + 1);
                    out.push(a);
                }
                Err(skip) => i = skip.max(i + 1),
            }
        } else if is_cjk_numeral(c) {
            match cjk(doc, cov, i) {
                Ok(a) => {
                    i = a.e.max(i + 1);
                    out.push(a);
                }
                Err(skip) => i = skip.max(i + 1),
            }
        } else if c == '首'
            && matches!(
                doc.at(i + 1),
                '次' | '份'
                    | '个'
                    | '届'
                    | '批'
                    | '位'
                    | '家'
                    | '项'
                    | '条'
                    | '年'
                    | '季'
                    | '轮'
                    | '期'
                    | '笔'
                    | '封'
                    | '款'
            )
            && !cov.is(i)
        {
            let mut a = Atom::new(i, i + 1, 1.0, AtomKind::Cjk);
            a.ordinal = true;
            out.push(a);
            i += 1;
        } else if c == '半' {
            // 半年 / 半个月 / 半小时 / 一半
            let p = doc.before(i);
            if !is_cjk_numeral(p) && p != '个' {
                let mut a = Atom::new(i, i + 1, 0.5, AtomKind::Cjk);
                a.dec = true;
                let nx = doc.at(i + 1);
                if matches!(nx, '年' | '天' | '日' | '个' | '小' | '月') {
                    out.push(a);
                }
            }
            i += 1;
        } else if is_latin_letter(c) && !is_latin_alnum(doc.before(i)) {
            // words are visited in order: advance a cursor instead of searching
            while doc.word(wk).is_some_and(|w| w.e <= i) {
                wk += 1;
            }
            if doc.word(wk).is_some_and(|w| w.s == i) {
                let (atom, next) = english(doc, cov, wk);
                if let Some(a) = atom {
                    out.push(a);
                }
                i = next.max(i + 1);
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

fn digits_end(doc: &Doc, i: usize) -> usize {
    let mut j = i;
    while doc.at(j).is_ascii_digit() {
        j += 1;
    }
    j
}

fn collect(doc: &Doc, s: usize, e: usize) -> String {
    (s..e).map(|k| doc.at(k)).collect()
}

/// Arabic numeral at `i`. `Err(next)` = not a number, resume at `next`.
fn arabic(doc: &Doc, cov: &Coverage, i: usize) -> Result<Atom, usize> {
    let p = doc.before(i);
    let mut vprefix = false;
    // letter-attached digits: identifiers (Yi-34B, COVID-19, H5) or V1.2
    if is_latin_letter(p) || (p == '-' && i >= 2 && is_latin_letter(doc.before(i - 1))) {
        let mut ws = i;
        while ws > 0 && is_latin_letter(doc.at(ws - 1)) {
            ws -= 1;
        }
        let word: String = collect(doc, ws, i).to_ascii_lowercase();
        if p != '-' && matches!(word.as_str(), "v" | "ver" | "version") {
            vprefix = true;
        } else {
            let mut j = i;
            while is_latin_alnum(doc.at(j)) || (doc.at(j) == '.' && doc.at(j + 1).is_ascii_digit())
            {
                j += 1;
            }
            return Err(j);
        }
    }
    let mut j = digits_end(doc, i);
    let mut int_digits = collect(doc, i, j);
    let mut sep = false;
    if j - i <= 3 {
        // 15,000 (or 20 000, Hansard style: an ASCII space, exactly 3 digits)
        let first_sep = doc.at(j);
        while (doc.at(j) == ',' || (doc.at(j) == ' ' && first_sep == ' '))
            && doc.at(j) == first_sep
            && doc.orig_ascii(j)
            && (j + 1..j + 4).all(|k| doc.at(k).is_ascii_digit())
            && !doc.at(j + 4).is_ascii_digit()
            && !(first_sep == ' '
                && matches!(doc.at(j + 4), '.' | ',' | '/' | ':' | '-')
                && doc.at(j + 5).is_ascii_digit())
        {
            int_digits.extend((j + 1..j + 4).map(|k| doc.at(k)));
            j += 4;
            sep = true;
        }
    }
    let mut frac = String::new();
    let mut dotted: Option<String> = None;
    if !sep && doc.at(j) == '.' && doc.at(j + 1).is_ascii_digit() {
        let k = digits_end(doc, j + 1);
        if doc.at(k) == '.' && doc.at(k + 1).is_ascii_digit() {
            // dotted sequence
            let mut m = k;
            while doc.at(m) == '.' && doc.at(m + 1).is_ascii_digit() {
                m = digits_end(doc, m + 1);
            }
            dotted = Some(collect(doc, i, m));
            j = m;
        } else {
            frac = collect(doc, j + 1, k);
            j = k;
        }
    } else if sep && doc.at(j) == '.' && doc.at(j + 1).is_ascii_digit() {
        let k = digits_end(doc, j + 1);
        frac = collect(doc, j + 1, k);
        j = k;
    }
    if cov.any(i, j) {
        return Err(j);
    }
    let int_len = int_digits.len();
    let mut exp = 0i32;
    let mut unit = None;
    let mut ordinal = false;
    let mut e = j;
    if dotted.is_none() {
        // Chinese multipliers: 1.5万, 3亿, 15万元, 5千, 3百万
        let mut k = j;
        let mut mexp = 0i32;
        for _ in 0..2 {
            let m = match doc.at(k) {
                '十' => 1,
                '百' => 2,
                '千' => 3,
                '万' | '萬' => 4,
                '亿' | '億' => 8,
                _ => break,
            };
            // 百分之 after a number is not a multiplier
            if doc.at(k) == '百' && doc.at(k + 1) == '分' {
                break;
            }
            mexp += m;
            k += 1;
        }
        if mexp > 0 {
            exp += mexp;
            e = k;
        }
        // "4.75 million", "$20 billion"
        if mexp == 0 && doc.at(e) == ' ' {
            for (w, x) in en_large_scales() {
                let n = w.len();
                if doc.starts_with_ci(e + 1, w) && !is_latin_alnum(doc.at(e + 1 + n)) {
                    exp += x;
                    e = e + 1 + n;
                    break;
                }
            }
        }
        // attached Latin suffix
        if is_latin_letter(doc.at(e)) {
            let mut l = e;
            while is_latin_letter(doc.at(l)) {
                l += 1;
            }
            let suf = collect(doc, e, l).to_ascii_lowercase();
            let after_ok = !doc.at(l).is_ascii_digit();
            match suf.as_str() {
                "st" | "nd" | "rd" | "th" if frac.is_empty() && !sep && after_ok => {
                    ordinal = true;
                    e = l;
                }
                "kb" | "k" if after_ok && suf == "kb" => {
                    unit = Some(Unit::Byte);
                    exp += 0;
                    e = l;
                }
                "mb" | "gb" | "tb" | "b" | "bytes" if after_ok => {
                    unit = Some(Unit::Byte);
                    e = l;
                }
                "h" | "hr" | "hrs" if after_ok => {
                    unit = Some(Unit::Hour);
                    e = l;
                }
                "min" | "mins" if after_ok => {
                    unit = Some(Unit::Minute);
                    e = l;
                }
                "x" if after_ok => {
                    unit = Some(Unit::Times);
                    e = l;
                }
                "am" | "pm" if after_ok => {
                    // handled by the time parser; keep the atom bare
                }
                "s" if after_ok && int_len == 4 => {
                    // 1990s: a decade, not a value
                    return Err(l);
                }
                _ => {
                    let mut m = l;
                    while is_latin_alnum(doc.at(m)) {
                        m += 1;
                    }
                    return Err(m);
                }
            }
        }
    }
    let mut v = decimal(&int_digits, &frac, exp);
    if unit == Some(Unit::Byte) {
        let suf: String = collect(doc, j, e).to_ascii_lowercase();
        let f = match suf.as_str() {
            "kb" => 1024.0,
            "mb" => 1024.0 * 1024.0,
            "gb" => 1024.0 * 1024.0 * 1024.0,
            "tb" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
            _ => 1.0,
        };
        v *= f;
    }
    let mut a = Atom::new(i, e, v, AtomKind::Arabic);
    a.int_len = int_len;
    a.sep = sep;
    a.dec = !frac.is_empty() || exp < 0;
    a.dotted = dotted;
    a.ordinal = ordinal;
    a.unit = unit;
    a.vprefix = vprefix;
    Ok(a)
}

/// Chinese words containing numeral characters that are not numbers, with the
/// offset of the numeral inside the word.
const CJK_NOT_NUMBERS: &[(&str, usize)] = &[
    ("一些", 0),
    ("一般", 0),
    ("一旦", 0),
    ("统一", 1),
    ("唯一", 1),
    ("单一", 1),
    ("专一", 1),
    ("一致", 0),
    ("不一", 1),
    ("同一", 1),
    ("之一", 1),
    ("其中一", 2),
    ("另一", 1),
    ("每一", 1),
    ("任一", 1),
    ("任何一", 2),
    ("逐一", 1),
    ("一一", 0),
    ("万一", 0),
    ("一切", 0),
    ("一起", 0),
    ("一定", 0),
    ("一直", 0),
    ("一样", 0),
    ("一下", 0),
    ("一方面", 0),
    ("一方", 0),
    ("一体", 0),
    ("进一步", 1),
    ("一律", 0),
    ("一并", 0),
    ("一经", 0),
    ("一系列", 0),
    ("一再", 0),
    ("一贯", 0),
    ("一向", 0),
    ("一同", 0),
    ("一道", 0),
    ("一齐", 0),
    ("一概", 0),
    ("一举", 0),
    ("一时", 0),
    ("一面", 0),
    ("一边", 0),
    ("一流", 0),
    ("一手", 0),
    ("一线", 0),
    ("一带", 0),
    ("一揽子", 0),
    ("一次性", 0),
    ("一站式", 0),
    ("一对一", 0),
    ("一键", 0),
    ("一度", 0),
    ("一番", 0),
    ("一味", 0),
    ("一开始", 0),
    ("一部分", 0),
    ("一点", 0),
    ("一心", 0),
    ("一生", 0),
    ("一刀切", 0),
    ("一视同仁", 0),
    ("一目了然", 0),
    ("第一时间", 1),
    ("第一方", 1),
    ("第二方", 1),
    ("第三方", 1),
    ("第三人", 1),
    ("第三者", 1),
    ("万物", 0),
    ("万能", 0),
    ("万维网", 0),
    ("千万", 0),
    ("百度", 0),
    ("百科", 0),
    ("百货", 0),
    ("百姓", 0),
    ("百分百", 0),
    ("十分", 0),
    ("十足", 0),
    ("零售", 0),
    ("零件", 0),
    ("零星", 0),
    ("零食", 0),
    ("零钱", 0),
    ("三星", 0),
    ("三思", 0),
    ("四处", 0),
    ("五金", 0),
    ("两岸", 0),
    ("两者", 0),
    ("两难", 0),
    ("两手", 0),
    ("乱七八糟", 2),
    ("七嘴八舌", 0),
    ("九州", 0),
    ("二次", 0),
    ("二维码", 0),
    ("三维", 0),
    ("一二线", 0),
    ("九龙", 0),
    ("九广", 0),
    ("这一", 1),
    ("那一", 1),
    ("此一", 1),
    ("成千上万", 1),
    ("上万", 1),
    ("成千", 1),
    ("百分比", 0),
    ("百出", 0),
    ("百分点", 0),
    ("两年期", 0),
    ("首先", 0),
];

/// Weekday words: `星期三`, `周三`, `礼拜三` (the numeral offset is 1 or 2).
fn weekday_numeral(doc: &Doc, i: usize) -> bool {
    let p = doc.before(i);
    let c = doc.at(i);
    let next_num = is_cjk_numeral(doc.at(i + 1));
    if !matches!(c, '一' | '二' | '三' | '四' | '五' | '六') || next_num {
        return false;
    }
    (p == '期' && i >= 2 && doc.before(i - 1) == '星')
        || (p == '拜' && i >= 2 && doc.before(i - 1) == '礼')
        || (p == '周' && !is_cjk_numeral(doc.before(i.saturating_sub(1))))
}

fn cjk_excluded(doc: &Doc, i: usize) -> Option<usize> {
    if is_cjk_numeral(doc.before(i)) {
        return None;
    }
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    let table = TABLE.get_or_init(|| PhraseTable::new(CJK_NOT_NUMBERS.iter().copied()));
    // 第一部分: an exclusion starting at the numeral does not apply after 第
    let after_di = doc.before(i) == '第';
    if let Some(m) = table.find_where(doc, i, |s| !(after_di && s == i)) {
        return Some(m.end);
    }
    if weekday_numeral(doc, i) {
        return Some(i + 1);
    }
    None
}

fn cjk_run_end(doc: &Doc, i: usize) -> usize {
    let mut j = i;
    while is_cjk_numeral(doc.at(j)) {
        j += 1;
    }
    j
}

/// Parses `X点Y` decimals: returns (value, end) when `点` is followed by
/// digit characters only and not by `分`/`钟` (a time).
fn cjk_with_decimal(doc: &Doc, s: usize, e: usize) -> Option<(CjkNum, f64, usize, bool)> {
    let run: Vec<char> = (s..e).map(|k| doc.at(k)).collect();
    let n = cjk_value(&run)?;
    if doc.at(e) == '点' && cjk_digit(doc.at(e + 1)).is_some() {
        let mut k = e + 1;
        let mut fr = String::new();
        while let Some(d) = cjk_digit(doc.at(k)) {
            if doc.at(k) == '两' {
                break;
            }
            fr.push(char::from(b'0' + d));
            k += 1;
        }
        let next = doc.at(k);
        if !fr.is_empty() && cjk_unit(next).is_none() && !matches!(next, '分' | '钟' | '时') {
            let int = format!("{}", n.value as u128);
            let v = decimal(&int, &fr, 0);
            return Some((n, v, k, true));
        }
    }
    Some((n, n.value, e, false))
}

fn cjk(doc: &Doc, cov: &Coverage, i: usize) -> Result<Atom, usize> {
    if let Some(skip) = cjk_excluded(doc, i) {
        return Err(skip);
    }
    let e = cjk_run_end(doc, i);
    if cov.any(i, e) {
        return Err(e);
    }
    // fractions and percentages: X分之Y
    if doc.at(e) == '分' && doc.at(e + 1) == '之' {
        let ns = e + 2;
        let den_run: Vec<char> = (i..e).map(|k| doc.at(k)).collect();
        let den = cjk_value(&den_run).map(|n| n.value).unwrap_or(0.0);
        let num = if is_cjk_numeral(doc.at(ns)) {
            let ne = cjk_run_end(doc, ns);
            cjk_with_decimal(doc, ns, ne).map(|(_, v, end, _)| (v, end))
        } else if doc.at(ns).is_ascii_digit() {
            arabic(doc, cov, ns).ok().map(|a| (a.v, a.e))
        } else {
            None
        };
        if let Some((num, end)) = num
            && den > 0.0
        {
            let mut a = Atom::new(i, end, num, AtomKind::Cjk);
            if den == 100.0 {
                a.percent = true;
            } else if den == 1000.0 {
                a.percent = true;
                a.v = num / 10.0;
            } else {
                a.frac = true;
                a.v = num / den;
            }
            return Ok(a);
        }
        return Err(e);
    }
    // 一半 = one half
    if doc.at(i) == '一'
        && e == i + 1
        && doc.at(e) == '半'
        && !matches!(doc.at(e + 1), '年' | '个' | '天' | '小')
    {
        let mut a = Atom::new(i, e + 1, 0.5, AtomKind::Cjk);
        a.frac = true;
        return Ok(a);
    }
    // a number does not start with 零 (except 零点五); 零一万物 is a name
    if matches!(doc.at(i), '零' | '〇') && doc.at(e) != '点' {
        return Err(e);
    }
    // a lone 百/千/万/亿 (百年, 千年) or a lone financial digit (陆 = land)
    if e == i + 1
        && (matches!(
            doc.at(i),
            '百' | '千' | '万' | '亿' | '佰' | '仟' | '萬' | '億'
        ) || (cjk_digit(doc.at(i)).is_some()
            && !matches!(
                doc.at(i),
                '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '两'
            )))
    {
        return Err(e);
    }
    let Some((n, v, end, dec)) = cjk_with_decimal(doc, i, e) else {
        return Err(e);
    };
    // approximate pairs like 三四天, 五六个
    if n.digitwise && n.len == 2 && !(i..e).any(|k| matches!(doc.at(k), '〇' | '零')) {
        return Err(e);
    }
    // a bare 两/零 is rarely a number on its own
    if n.len == 1 && !dec && matches!(doc.at(i), '零' | '〇') {
        return Err(e);
    }
    let kind = if n.digitwise {
        AtomKind::CjkDigits
    } else {
        AtomKind::Cjk
    };
    let mut a = Atom::new(i, end, v, kind);
    a.int_len = n.len;
    a.dec = dec;
    a.lone_one = n.len == 1 && !dec && doc.at(i) == '一';
    Ok(a)
}

fn month_of(w: &str) -> Option<(u8, bool)> {
    // (month, is_abbreviation)
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Words before a month name that make it a month (`in May`).
fn month_context_word(w: &str) -> bool {
    matches!(
        w,
        "in" | "of"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "early"
            | "late"
            | "mid"
            | "end"
            | "during"
            | "before"
            | "after"
            | "through"
            | "to"
            | "and"
            | "last"
            | "next"
            | "this"
            | "effective"
    )
}

/// Reference words that make the following number an ordinal.
pub(super) fn reference_word(w: &str) -> bool {
    matches!(
        w,
        "section"
            | "sections"
            | "article"
            | "articles"
            | "clause"
            | "clauses"
            | "paragraph"
            | "paragraphs"
            | "para"
            | "paras"
            | "subparagraph"
            | "subparagraphs"
            | "chapter"
            | "chapters"
            | "part"
            | "parts"
            | "annex"
            | "annexes"
            | "attachment"
            | "attachments"
            | "addendum"
            | "addenda"
            | "appendix"
            | "appendices"
            | "schedule"
            | "schedules"
            | "rule"
            | "rules"
            | "item"
            | "items"
            | "page"
            | "pages"
            | "exhibit"
            | "exhibits"
            | "subsection"
            | "subsections"
            | "title"
            | "volume"
            | "table"
            | "tables"
            | "statement"
            | "statements"
            | "figure"
            | "step"
            | "phase"
            | "stage"
            | "grade"
            | "level"
            | "category"
            | "option"
            | "floor"
            | "form"
            | "no"
            | "nos"
            | "number"
            | "session"
    )
}

fn prev_word_idx(doc: &Doc, i: usize) -> Option<usize> {
    let k = doc.word_from(i);
    k.checked_sub(1)
}

/// English word atom for word `k`. Returns the atom and where to continue.
fn english(doc: &Doc, cov: &Coverage, k: usize) -> (Option<Atom>, usize) {
    let Some(mut w) = doc.word(k).copied() else {
        return (None, 0);
    };
    // no number word, month or numeral is longer than 12 letters
    if w.e - w.s > 12 && !(w.s..w.e).any(|x| doc.at(x).is_ascii_digit()) {
        return (None, w.e);
    }
    // words with digits (v2, 4th): let the digits be scanned on their own
    if let Some(d) = (w.s..w.e).find(|&x| doc.at(x).is_ascii_digit()) {
        if d > w.s {
            return (None, d);
        }
        w.e = d;
    }
    if cov.any(w.s, w.e) {
        return (None, w.e);
    }
    let lc = doc.wlc(k);
    let first_upper = doc.at(w.s).is_uppercase();
    // months
    if let Some((m, abbr)) = month_of(lc) {
        let mut e = w.e;
        if abbr && doc.at(e) == '.' {
            e += 1;
        }
        let nx = doc.skip_sp(e, 2);
        let next_digit = doc.at(nx).is_ascii_digit();
        let prev_digit = {
            let b = doc.skip_sp_back(w.s, 2);
            doc.before(b).is_ascii_digit()
                || (b >= 3
                    && matches!(
                        doc.wlc(prev_word_idx(doc, w.s).unwrap_or(usize::MAX)),
                        "st" | "nd" | "rd" | "th" | "of"
                    )
                    && prev_word_idx(doc, w.s)
                        .and_then(|p| doc.word(p))
                        .is_some_and(|pw| {
                            doc.before(pw.s).is_ascii_digit()
                                || is_ordinal_word(
                                    doc.wlc(prev_word_idx(doc, pw.s).unwrap_or(usize::MAX)),
                                )
                        }))
        };
        let is_month = if !first_upper {
            false
        } else if lc == "may" || lc == "march" {
            let pw = prev_word_idx(doc, w.s).map(|p| doc.wlc(p)).unwrap_or("");
            next_digit || prev_digit || (month_context_word(pw) && !doc.sentence_initial(w.s))
        } else if abbr {
            next_digit || prev_digit
        } else {
            true
        };
        if is_month {
            return (Some(Atom::new(w.s, e, m as f64, AtomKind::Month(m))), e);
        }
        return (None, w.e);
    }
    // twice / thrice
    if lc == "twice" || lc == "thrice" {
        let mut a = Atom::new(
            w.s,
            w.e,
            if lc == "twice" { 2.0 } else { 3.0 },
            AtomKind::Word,
        );
        a.unit = Some(Unit::Times);
        return (Some(a), w.e);
    }
    // roman numerals after reference words
    if let Some(r) = roman_numeral(lc) {
        let pwi = prev_word_idx(doc, w.s);
        let pw = pwi.map(|p| doc.wlc(p)).unwrap_or("");
        let upper = (w.s..w.e).all(|x| doc.at(x).is_ascii_uppercase());
        let is_upper_roman = |k: Option<usize>| {
            k.and_then(|k| doc.word(k)).is_some_and(|x| {
                roman_numeral(doc.lc(x)).is_some()
                    && (x.s..x.e).all(|y| doc.at(y).is_ascii_uppercase())
            })
        };
        // "I will": the pronoun
        let nx = doc.skip_sp(w.e, 1);
        let pronoun = lc == "i" && (doc.at(nx).is_lowercase() || doc.at(nx) == '\'');
        let zh_ref = {
            let b = doc.skip_sp_back(w.s, 1);
            ["附件", "附录", "附表", "报表", "表", "第"]
                .iter()
                .any(|p| doc.ends_with(b, p))
        };
        let chain = upper
            && (is_upper_roman(pwi)
                || (matches!(pw, "and" | "or" | "to")
                    && is_upper_roman(pwi.and_then(|p| p.checked_sub(1)))));
        if !pronoun
            && ((reference_word(pw) && pw != "no" && pw != "number" && (upper || lc.len() > 1))
                || (zh_ref && upper)
                || chain)
        {
            let mut a = Atom::new(w.s, w.e, r as f64, AtomKind::Word);
            a.ordinal = true;
            return (Some(a), w.e);
        }
        return (None, w.e);
    }
    // "a year", "an hour": one unit of time (not after once/twice/per)
    if lc == "a" || lc == "an" {
        let nx = doc.skip_sp(w.e, 1);
        if nx == w.e + 1
            && let Some((EnUnit::U(u), _)) = en_unit(doc, nx)
        {
            let pw = prev_word_idx(doc, w.s).map(|p| doc.wlc(p)).unwrap_or("");
            let time = matches!(
                u,
                Unit::Day
                    | Unit::WorkingDay
                    | Unit::Week
                    | Unit::Month
                    | Unit::Year
                    | Unit::Hour
                    | Unit::Minute
            );
            if time
                && !matches!(
                    pw,
                    "once" | "twice" | "thrice" | "times" | "per" | "half" | "than"
                )
            {
                return (Some(Atom::new(w.s, w.e, 1.0, AtomKind::Word)), w.e);
            }
        }
    }
    let starts_num = en_num_word(lc).is_some() || (lc == "a" || lc == "an");
    if !starts_num {
        return (None, w.e);
    }
    match en_number(doc, k) {
        Some(a) => {
            let e = a.e;
            (Some(a), e)
        }
        None => (None, w.e),
    }
}

fn is_ordinal_word(w: &str) -> bool {
    matches!(
        en_num_word(w),
        Some(NumWord::Ord(_)) | Some(NumWord::OrdScale(_))
    )
}

/// Words after which `first`/`second` are ordinals (determiners).
fn determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "our"
            | "your"
            | "his"
            | "her"
            | "this"
            | "that"
            | "each"
            | "every"
            | "whose"
            | "my"
    )
}

/// Parses an English number phrase starting at word `k`.
fn en_number(doc: &Doc, k: usize) -> Option<Atom> {
    let words = doc.words();
    let w0 = *words.get(k)?;
    let lc0 = doc.wlc(k);
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut seen = false;
    let mut ordinal = false;
    let mut last_end = w0.s;
    let mut idx = k;
    let mut last_was_tens = false;
    let mut last_was_unit = false;
    let mut frac: Option<(u64, u64)> = None;
    let mut article = false;
    if lc0 == "a" || lc0 == "an" {
        // a hundred / a thousand / a third / a quarter / a half
        let nw = doc.wlc(k + 1);
        let adjacent = words
            .get(k + 1)
            .is_some_and(|n| doc.only_spaces(w0.e, n.s, 1));
        if !adjacent {
            return None;
        }
        match en_num_word(nw) {
            Some(NumWord::Scale(_)) => {
                current = 1;
                seen = true;
                article = true;
                idx = k + 1;
                last_end = w0.e;
            }
            _ => {
                if let Some(d) = en_den_word(nw) {
                    if nw == "half" {
                        return None;
                    }
                    let nn = words.get(k + 1)?;
                    if doc.at(nn.e) == '-' || matches!(doc.wlc(k + 2), "party" | "parties") {
                        return None;
                    }
                    let mut a = Atom::new(w0.s, nn.e, 1.0 / d as f64, AtomKind::Word);
                    a.frac = true;
                    return Some(a);
                }
                return None;
            }
        }
    }
    while let Some(w) = words.get(idx) {
        // connection to previous word
        if seen {
            let gap_ok = doc.only_spaces(last_end, w.s, 1)
                || (w.s == last_end + 1 && doc.at(last_end) == '-');
            if !gap_ok {
                break;
            }
        }
        let lc = doc.wlc(idx);
        if seen && lc == "and" {
            // "one hundred and five"
            let nx = doc.wlc(idx + 1);
            if matches!(en_num_word(nx), Some(NumWord::Card(n)) if n < 100)
                && (current >= 100 || total > 0)
                && current.is_multiple_of(100)
            {
                last_end = w.e;
                idx += 1;
                continue;
            }
            break;
        }
        match en_num_word(lc) {
            Some(NumWord::Card(n)) => {
                if seen
                    && !(last_was_tens && n < 10)
                    && !(current.is_multiple_of(100) && current >= 100 || total > 0 && current == 0)
                {
                    break;
                }
                if seen && last_was_unit {
                    break;
                }
                current = current.saturating_add(n);
                last_was_tens = n >= 20;
                last_was_unit = n < 20;
                if last_was_unit && last_was_tens {
                    last_was_unit = false;
                }
            }
            Some(NumWord::Scale(s)) => {
                if !seen {
                    break;
                }
                if s == 100 {
                    current = current.max(1).saturating_mul(100);
                } else {
                    total = total.saturating_add(current.max(1).saturating_mul(s));
                    current = 0;
                }
                last_was_tens = false;
                last_was_unit = false;
            }
            Some(NumWord::Ord(n)) => {
                if seen && !(last_was_tens && n < 10) && !current.is_multiple_of(100) {
                    // "one first"? stop
                    break;
                }
                if seen && last_was_unit {
                    // "one third" is a fraction, handled below
                    break;
                }
                current = current.saturating_add(n);
                ordinal = true;
                last_end = w.e;
                seen = true;
                idx += 1;
                break;
            }
            Some(NumWord::OrdScale(s)) => {
                if !seen {
                    current = 1;
                }
                current = current.max(1).saturating_mul(s);
                ordinal = true;
                last_end = w.e;
                seen = true;
                idx += 1;
                break;
            }
            Some(NumWord::Den(_)) | None => break,
        }
        seen = true;
        last_end = w.e;
        idx += 1;
    }
    if !seen {
        return None;
    }
    let value_int = total.saturating_add(current);
    // fractions: one third, two thirds, one-half
    if !ordinal && let Some(w) = words.get(idx) {
        let lc = doc.wlc(idx);
        let gap_ok =
            doc.only_spaces(last_end, w.s, 1) || (w.s == last_end + 1 && doc.at(last_end) == '-');
        if gap_ok && value_int > 0 && value_int < 100 {
            let den = match en_num_word(lc) {
                Some(NumWord::Den(d)) => Some(d),
                _ => en_den_word(lc).filter(|_| value_int == 1),
            };
            if let Some(d) = den {
                frac = Some((value_int, d));
                last_end = w.e;
            }
        }
    }
    if let Some((n, d)) = frac {
        let mut a = Atom::new(w0.s, last_end, n as f64 / d as f64, AtomKind::Word);
        a.frac = true;
        return Some(a);
    }
    if article && value_int == 0 {
        return None;
    }
    // exclusions
    let prev = prev_word_idx(doc, w0.s).map(|p| doc.wlc(p)).unwrap_or("");
    let next_w = doc.wlc(idx);
    let next_adjacent = words
        .get(idx)
        .is_some_and(|n| doc.only_spaces(last_end, n.s, 1));
    let single = idx == k + 1;
    if single && lc0 == "one" {
        let hyphen_compound = doc.at(last_end) == '-' && is_latin_letter(doc.at(last_end + 1));
        if hyphen_compound
            || matches!(
                prev,
                "no" | "any" | "every" | "some" | "each" | "the" | "this" | "that" | "which" | "at"
            )
            || (next_adjacent
                && (matches!(next_w, "of" | "another" | "'s")
                    || (next_w == "or" && matches!(doc.wlc(idx + 1), "more" | "several"))))
            || doc.at(last_end) == '\''
        {
            return None;
        }
    }
    if single && ordinal {
        let nx_party =
            next_adjacent && matches!(next_w, "party" | "parties" | "name" | "names" | "hand");
        let hyphen_party = doc.at(last_end) == '-'
            && (doc.starts_with_ci(last_end + 1, "part")
                || doc.starts_with_ci(last_end + 1, "hand"));
        if nx_party || hyphen_party {
            return None;
        }
        if matches!(lc0, "first" | "second") {
            let initial = doc.at(w0.s).is_uppercase() && doc.sentence_initial(w0.s);
            if !(determiner(prev) || initial) || prev == "at" {
                return None;
            }
            // "a second" (time)
            if lc0 == "second" && matches!(prev, "a" | "per") {
                return None;
            }
        }
    }
    let mut a = Atom::new(w0.s, last_end, value_int as f64, AtomKind::Word);
    a.ordinal = ordinal;
    a.lone_one = single && lc0 == "one";
    Some(a)
}

// ───────────────────────────── phase 2: anchors ─────────────────────────────

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    lang: Lang,
    atoms: Vec<Atom>,
    out: Vec<Anchor>,
    spans: Vec<(usize, usize)>,
    consumed: usize,
    last_ordinal_end: Option<usize>,
}

#[derive(Clone, Copy, Debug, Default)]
struct DateParts {
    y: Option<i32>,
    m: Option<u8>,
    d: Option<u8>,
}

fn conn_zh(c: char) -> bool {
    matches!(c, '至' | '到' | '-' | '~' | '～' | '—')
}

impl<'d, 'a> Ctx<'d, 'a> {
    fn atom(&self, i: usize) -> Option<&Atom> {
        self.atoms.get(i)
    }

    /// Index of the atom starting exactly at char position `p`.
    fn atom_at(&self, from: usize, p: usize) -> Option<usize> {
        let mut k = from;
        while let Some(a) = self.atoms.get(k) {
            if a.s == p {
                return Some(k);
            }
            if a.s > p {
                return None;
            }
            k += 1;
        }
        None
    }

    fn emit_date(&mut self, s: usize, e: usize, d: DateParts, time: Option<(u8, u8)>) {
        let v = AnchorValue::Date {
            year: d.y,
            month: d.m,
            day: d.d,
            time,
        };
        self.out
            .push(Anchor::new(self.doc, AnchorKind::Date, v, s, e));
        self.spans.push((s, e));
    }

    fn emit_num(&mut self, s: usize, e: usize, v: AnchorValue) {
        self.out
            .push(Anchor::new(self.doc, AnchorKind::Number, v, s, e));
        self.spans.push((s, e));
    }

    fn build(&mut self) {
        let mut i = 0;
        while i < self.atoms.len() {
            let Some(a) = self.atom(i) else { break };
            if a.s < self.consumed {
                i += 1;
                continue;
            }
            let next = self
                .date(i)
                .or_else(|| self.time(i))
                .or_else(|| self.version(i))
                .or_else(|| self.code(i))
                .or_else(|| self.quantity(i));
            i = next.unwrap_or(i + 1).max(i + 1);
        }
    }

    // ─────────── dates ───────────

    /// Zh fragment `[Y年][M月][D日]` at atom `i`; returns (parts, end, next atom, granularity 0=y,1=m,2=d).
    fn zh_fragment(&self, i: usize) -> Option<(DateParts, usize, usize)> {
        let doc = self.doc;
        let mut parts = DateParts::default();
        let mut k = i;
        let mut end;
        let a = self.atom(k)?;
        let p = doc.skip_sp(a.e, 2);
        let minguo = doc.ends_with(doc.skip_sp_back(a.s, 1), "民国")
            || doc.ends_with(doc.skip_sp_back(a.s, 1), "民國");
        if a.is_year() && doc.at(p) == '年' {
            parts.y = Some(a.v as i32);
            end = p + 1;
            k += 1;
        } else if minguo && a.int_in(1.0, 150.0) && doc.at(p) == '年' {
            parts.y = Some(a.v as i32 + 1911);
            end = p + 1;
            k += 1;
        } else {
            end = a.s;
        }
        // month
        if let Some(b) = self.atom(k) {
            let q = doc.skip_sp(b.e, 2);
            let adjacent = parts.y.is_none() || b.s == doc.skip_sp(end, 2);
            if adjacent && b.int_in(1.0, 12.0) && doc.at(q) == '月' && doc.before(b.s) != '第' {
                parts.m = Some(b.v as u8);
                end = if doc.at(q + 1) == '份' { q + 2 } else { q + 1 };
                k += 1;
            }
        }
        // day
        if parts.m.is_some()
            && let Some(c) = self.atom(k)
        {
            let q = doc.skip_sp(c.e, 2);
            if c.s == doc.skip_sp(end, 2) && c.int_in(1.0, 31.0) && matches!(doc.at(q), '日' | '号')
            {
                parts.d = Some(c.v as u8);
                end = q + 1;
                k += 1;
            }
        }
        if parts.y.is_none() && parts.m.is_none() {
            return None;
        }
        Some((parts, end, k))
    }

    fn date(&mut self, i: usize) -> Option<usize> {
        let a = self.atom(i)?.clone();
        if let Some(r) = self.year_range(i) {
            return Some(r);
        }
        if let Some(r) = self.numeric_date(i) {
            return Some(r);
        }
        if let AtomKind::Month(_) = a.kind {
            return self.en_month_date(i);
        }
        if let Some(r) = self.en_day_month(i) {
            return Some(r);
        }
        if let Some((parts, end, next)) = self.zh_fragment(i) {
            return Some(self.zh_date_with_range(a.s, parts, end, next));
        }
        if a.is_year() && a.kind == AtomKind::Arabic {
            return self.bare_year(i);
        }
        None
    }

    fn zh_date_with_range(&mut self, s: usize, parts: DateParts, end: usize, next: usize) -> usize {
        let doc = self.doc;
        let q = doc.skip_sp(end, 2);
        if conn_zh(doc.at(q)) {
            let r = doc.skip_sp(q + 1, 2);
            if let Some(j) = self.atom_at(next, r) {
                // day-only continuation: 至30日
                let b = self.atom(j).cloned();
                if let Some(b) = b {
                    let bq = doc.skip_sp(b.e, 2);
                    if parts.d.is_some() && b.int_in(1.0, 31.0) && matches!(doc.at(bq), '日' | '号')
                    {
                        let second = DateParts {
                            d: Some(b.v as u8),
                            ..parts
                        };
                        self.emit_date(s, end, parts, None);
                        self.emit_date(b.s, bq + 1, second, None);
                        self.consumed = bq + 1;
                        return j + 1;
                    }
                }
                if let Some((p2, e2, n2)) = self.zh_fragment(j) {
                    let second = DateParts {
                        y: p2.y.or(parts.y),
                        m: p2.m.or(if p2.y.is_none() { parts.m } else { None }),
                        d: p2.d,
                    };
                    self.emit_date(s, end, parts, None);
                    let s2 = self.atom(j).map(|x| x.s).unwrap_or(r);
                    self.emit_date(s2, e2, second, None);
                    self.consumed = e2;
                    return n2;
                }
            }
        }
        self.emit_date(s, end, parts, None);
        self.consumed = end;
        next
    }

    /// 1993-1994, 1993/94, 1992-1993年, 1994 to 1995.
    fn year_range(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if !(a.is_year() && a.kind == AtomKind::Arabic) {
            return None;
        }
        let b = self.atom(i + 1)?.clone();
        let gap_ok = (b.s == a.e + 1 && matches!(doc.at(a.e), '-' | '/' | '~')) || {
            let q = doc.skip_sp(a.e, 1);
            let r = if conn_zh(doc.at(q)) && doc.at(q) != '-' {
                doc.skip_sp(q + 1, 1)
            } else if doc.starts_with_ci(q, "to ") || doc.starts_with_ci(q, "and ") {
                doc.skip_sp(
                    q + if doc.at(q) == 't' || doc.at(q) == 'T' {
                        3
                    } else {
                        4
                    },
                    1,
                )
            } else {
                usize::MAX
            };
            r == b.s
        };
        if !gap_ok || b.kind != AtomKind::Arabic || !b.is_int() {
            return None;
        }
        let y1 = a.v as i32;
        let y2 = if b.int_len == 4 {
            b.v as i32
        } else if b.int_len == 2 && b.s == a.e + 1 {
            (y1 / 100) * 100 + b.v as i32
        } else {
            return None;
        };
        if !(y2 > y1 && y2 - y1 <= 10) {
            return None;
        }
        // a following 年 belongs to the range
        let mut end = b.e;
        let q = doc.skip_sp(end, 2);
        if doc.at(q) == '年' && doc.at(q + 1) != '龄' {
            end = q + 1;
        }
        if b.int_len == 4 && doc.at(doc.skip_sp(b.e, 2)) == '年' {
            // 1992年-1993年 handled by fragment path; here only 1992-1993年
        }
        let py = DateParts {
            y: Some(y1),
            ..Default::default()
        };
        let py2 = DateParts {
            y: Some(y2),
            ..Default::default()
        };
        self.emit_date(a.s, a.e, py, None);
        self.emit_date(b.s, end, py2, None);
        self.consumed = end;
        Some(i + 2)
    }

    /// 2024-08-06, 2024/8/6, 2024.8.6, 8/6/2024, 06.08.2024, 2024-08.
    fn numeric_date(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if a.kind != AtomKind::Arabic {
            return None;
        }
        if let Some(d) = &a.dotted {
            let parts: Vec<&str> = d.split('.').collect();
            if parts.len() == 3 {
                let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
                if let [x, y, z] = nums[..] {
                    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
                    let dp = if lens.first() == Some(&4) && (1000..=2999).contains(&x) {
                        valid_ymd(x, y, z)
                    } else if lens.get(2) == Some(&4) && (1000..=2999).contains(&z) {
                        valid_ymd(z, y, x)
                    } else {
                        None
                    };
                    if let Some(dp) = dp {
                        self.emit_date(a.s, a.e, dp, None);
                        self.consumed = a.e;
                        return Some(i + 1);
                    }
                }
            }
            return None;
        }
        if !a.is_int() || a.ordinal {
            return None;
        }
        let sep = doc.at(a.e);
        if !matches!(sep, '-' | '/') {
            return None;
        }
        let b = self.atom(i + 1)?.clone();
        if b.s != a.e + 1 || b.kind != AtomKind::Arabic || !b.is_int() {
            return None;
        }
        let c = self.atom(i + 2).cloned().filter(|c| {
            c.s == b.e + 1 && doc.at(b.e) == sep && c.kind == AtomKind::Arabic && c.is_int()
        });
        if let Some(c) = c {
            let dp = if a.int_len == 4 {
                valid_ymd(a.v as u32, b.v as u32, c.v as u32)
            } else if c.int_len == 4 && sep == '/' {
                let (m, d) = if a.v > 12.0 { (b.v, a.v) } else { (a.v, b.v) };
                valid_ymd(c.v as u32, m as u32, d as u32)
            } else {
                None
            };
            if let Some(dp) = dp {
                self.emit_date(a.s, c.e, dp, None);
                self.consumed = c.e;
                return Some(i + 3);
            }
            return None;
        }
        if a.int_len == 4
            && b.int_len == 2
            && b.v >= 1.0
            && b.v <= 12.0
            && (1000.0..=2999.0).contains(&a.v)
        {
            let after = doc.at(b.e);
            if !after.is_ascii_digit() && after != sep {
                let dp = DateParts {
                    y: Some(a.v as i32),
                    m: Some(b.v as u8),
                    d: None,
                };
                self.emit_date(a.s, b.e, dp, None);
                self.consumed = b.e;
                return Some(i + 2);
            }
        }
        None
    }

    /// Skips filler between two atoms: spaces, commas, dots and the given
    /// words. Returns true when `from..to` is only filler (≤ 16 chars).
    fn filler(&self, from: usize, to: usize, words: &[&str]) -> bool {
        let doc = self.doc;
        if to < from || to - from > 16 {
            return false;
        }
        let mut k = from;
        while k < to {
            let c = doc.at(k);
            if c == ' ' || c == ',' || c == '.' {
                k += 1;
                continue;
            }
            if let Some(wi) = doc.word_at(k) {
                let lc = doc.wlc(wi);
                if words.contains(&lc) {
                    k = doc.word(wi).map(|w| w.e).unwrap_or(k + 1);
                    continue;
                }
            }
            return false;
        }
        true
    }

    fn en_month_date(&mut self, i: usize) -> Option<usize> {
        let a = self.atom(i)?.clone();
        let AtomKind::Month(m) = a.kind else {
            return None;
        };
        let mut parts = DateParts {
            m: Some(m),
            ..Default::default()
        };
        let mut end = a.e;
        let mut next = i + 1;
        let mut second_day: Option<(usize, usize, u8)> = None;
        if let Some(b) = self.atom(i + 1).cloned() {
            let is_day = b.kind == AtomKind::Arabic
                && b.v >= 1.0
                && b.v <= 31.0
                && b.v.fract() == 0.0
                && !b.sep
                && !b.dec
                && b.int_len <= 2
                && self.filler(a.e, b.s, &["the"]);
            if is_day && !self.doc.at(a.e).eq(&',') {
                parts.d = Some(b.v as u8);
                end = b.e;
                next = i + 2;
                // June 24-30, 1993
                if let Some(c) = self.atom(i + 2).cloned() {
                    let dash = self.doc.at(b.e) == '-' && c.s == b.e + 1;
                    let to = self.filler(b.e, c.s, &["to", "through", "and"])
                        && self.doc.skip_sp(b.e, 2) != c.s;
                    if (dash || to) && c.int_in(1.0, 31.0) && c.int_len <= 2 && c.v > b.v {
                        second_day = Some((c.s, c.e, c.v as u8));
                        end = c.e;
                        next = i + 3;
                    }
                }
                if let Some(y) = self.atom(next).cloned()
                    && y.is_year()
                    && y.kind == AtomKind::Arabic
                    && self.filler(end, y.s, &[])
                {
                    parts.y = Some(y.v as i32);
                    end = y.e;
                    next += 1;
                }
            } else if b.is_year() && b.kind == AtomKind::Arabic && self.filler(a.e, b.s, &["of"]) {
                parts.y = Some(b.v as i32);
                end = b.e;
                next = i + 2;
            }
        }
        if let Some((s2, e2, d2)) = second_day {
            let first = DateParts { ..parts };
            let second = DateParts {
                d: Some(d2),
                ..parts
            };
            // first anchor: the month and first day
            let first_end = self.atom(i + 1).map(|b| b.e).unwrap_or(a.e);
            self.emit_date(a.s, first_end, first, None);
            self.emit_date(s2, end.max(e2), second, None);
        } else {
            self.emit_date(a.s, end, parts, None);
        }
        self.consumed = end;
        Some(next)
    }

    /// `6 August 2024`, `6th of August`, `24 to 30 June 1993`.
    fn en_day_month(&mut self, i: usize) -> Option<usize> {
        let a = self.atom(i)?.clone();
        let is_day = |x: &Atom| {
            x.kind == AtomKind::Arabic
                && x.v >= 1.0
                && x.v <= 31.0
                && x.v.fract() == 0.0
                && !x.sep
                && !x.dec
                && x.int_len <= 2
                && x.unit.is_none()
        };
        if !is_day(&a) {
            return None;
        }
        let b = self.atom(i + 1)?.clone();
        // range: 24 to 30 June
        let mut first: Option<Atom> = None;
        let (day_atom, month_idx) = if is_day(&b) {
            let dash = self.doc.at(a.e) == '-' && b.s == a.e + 1;
            let to =
                self.filler(a.e, b.s, &["to", "through", "and"]) && self.doc.skip_sp(a.e, 2) != b.s;
            if !(dash || to) || b.v <= a.v {
                return None;
            }
            first = Some(a.clone());
            (b.clone(), i + 2)
        } else {
            (a.clone(), i + 1)
        };
        let m = self.atom(month_idx)?.clone();
        let AtomKind::Month(mo) = m.kind else {
            return None;
        };
        if !self.filler(day_atom.e, m.s, &["of", "the"]) {
            return None;
        }
        let mut parts = DateParts {
            m: Some(mo),
            d: Some(day_atom.v as u8),
            y: None,
        };
        let mut end = m.e;
        let mut next = month_idx + 1;
        if let Some(y) = self.atom(next).cloned()
            && y.is_year()
            && y.kind == AtomKind::Arabic
            && self.filler(end, y.s, &[])
        {
            parts.y = Some(y.v as i32);
            end = y.e;
            next += 1;
        }
        if let Some(f) = first {
            let p1 = DateParts {
                d: Some(f.v as u8),
                ..parts
            };
            self.emit_date(f.s, f.e, p1, None);
            self.emit_date(day_atom.s, end, parts, None);
        } else {
            self.emit_date(a.s, end, parts, None);
        }
        self.consumed = end;
        Some(next)
    }

    /// A bare four-digit year (1800–2100) without a unit.
    fn bare_year(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if !(1800.0..=2100.0).contains(&a.v) || a.vprefix {
            return None;
        }
        // currency / reference before
        let b = doc.skip_sp_back(a.s, 1);
        if matches!(doc.before(b), '$' | '¥' | '€' | '£' | '第' | '#') {
            return None;
        }
        if let Some(pw) = prev_word_idx(doc, a.s)
            && doc.word(pw).is_some_and(|w| doc.only_spaces(w.e, a.s, 2))
        {
            let w = doc.wlc(pw);
            if reference_word(w) || matches!(w, "version" | "usd" | "rmb" | "cny" | "eur" | "iso") {
                return None;
            }
        }
        let q = doc.skip_sp(a.e, 2);
        let c = doc.at(q);
        if c == '%' || is_han(c) && !matches!(c, '年') && zh_unit_at(doc, q).is_some() {
            return None;
        }
        if is_han(c) && is_classifier(c) {
            return None;
        }
        if let Some(nw) = doc.word_at(q) {
            let lc = doc.wlc(nw);
            if en_unit(doc, q).is_some() {
                return None;
            }
            let plural_noun = lc.len() > 3
                && lc.ends_with('s')
                && !matches!(
                    lc,
                    "was"
                        | "has"
                        | "this"
                        | "its"
                        | "thus"
                        | "plus"
                        | "across"
                        | "less"
                        | "unless"
                        | "always"
                        | "perhaps"
                        | "whereas"
                        | "besides"
                        | "towards"
                        | "afterwards"
                        | "yes"
                        | "does"
                        | "goes"
                );
            if plural_noun && doc.at(q).is_lowercase() && a.v % 100.0 == 0.0 {
                return None;
            }
        }
        let dp = DateParts {
            y: Some(a.v as i32),
            ..Default::default()
        };
        self.emit_date(a.s, a.e, dp, None);
        self.consumed = a.e;
        Some(i + 1)
    }

    // ─────────── times ───────────

    fn time(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if !a.int_in(0.0, 24.0) {
            return None;
        }
        let mut h = a.v as u8;
        let mut m = 0u8;
        let mut end;
        let mut next = i + 1;
        let mut is_time = false;
        if doc.at(a.e) == ':' {
            let b = self.atom(i + 1)?.clone();
            if b.s == a.e + 1 && b.kind == AtomKind::Arabic && b.int_len == 2 && b.int_in(0.0, 59.0)
            {
                m = b.v as u8;
                end = b.e;
                next = i + 2;
                // seconds
                if doc.at(end) == ':'
                    && let Some(c) = self.atom(i + 2)
                    && c.s == end + 1
                    && c.int_len == 2
                {
                    end = c.e;
                    next = i + 3;
                }
                is_time = true;
            } else {
                return None;
            }
        } else if matches!(doc.at(a.e), '时' | '点')
            && !matches!(
                doc.at(a.e + 1),
                '间' | '期'
                    | '候'
                    | '代'
                    | '刻'
                    | '效'
                    | '限'
                    | '段'
                    | '机'
                    | '提'
                    | '意'
                    | '建'
                    | '内'
                    | '原'
                    | '要'
                    | '说'
            )
            && a.is_numeric()
            && !(a.kind == AtomKind::Word)
        {
            let unit_c = doc.at(a.e);
            end = a.e + 1;
            let ampm_before = zh_ampm_before(doc, a.s).is_some();
            let mut ok =
                unit_c == '时' || ampm_before || doc.at(end) == '钟' || doc.at(end) == '半';
            if doc.at(end) == '钟' {
                end += 1;
            }
            if doc.at(end) == '半' {
                m = 30;
                end += 1;
                ok = true;
            } else if doc.at(end) == '整' {
                end += 1;
            } else if let Some(b) = self.atom(i + 1).cloned()
                && b.s == end
                && b.int_in(0.0, 59.0)
                && doc.at(b.e) == '分'
            {
                m = b.v as u8;
                end = b.e + 1;
                next = i + 2;
                ok = true;
            }
            if !ok {
                return None;
            }
            is_time = true;
        } else {
            end = a.e;
            // English o'clock / a.m. / p.m.
            let q = doc.skip_sp(a.e, 1);
            if doc.starts_with_ci(q, "o'clock") {
                end = q + 7;
                is_time = true;
            }
            if ampm_after(doc, a.e).is_some()
                && a.kind == AtomKind::Arabic
                && a.v <= 12.0
                && a.v >= 1.0
            {
                is_time = true;
            }
            // half-past two, quarter past three
            let b = doc.skip_sp_back(a.s, 1);
            if b >= 1 && matches!(doc.before(b), '-' | 't' | 'T') {
                let s = if doc.before(b) == '-' { b - 1 } else { b };
                for (pat, mm, back) in [
                    ("half past", 30u8, 0i32),
                    ("half-past", 30, 0),
                    ("quarter past", 15, 0),
                    ("quarter to", 45, 1),
                ] {
                    let n = pat.chars().count();
                    if s >= n && doc.starts_with_ci(s - n, pat)
                        || (pat.ends_with("past") && s >= n && doc.starts_with_ci(b - n, pat))
                    {
                        m = mm;
                        if back == 1 {
                            h = h.saturating_sub(1);
                        }
                        is_time = true;
                    }
                }
            }
        }
        if !is_time {
            return None;
        }
        // am / pm
        let mut start = a.s;
        if let Some((pm, len)) = zh_ampm_before(doc, a.s) {
            start = doc.skip_sp_back(a.s, 1) - len;
            if pm && h < 12 {
                h += 12;
            }
        }
        if let Some((pm, len)) = ampm_after(doc, end) {
            end = doc.skip_sp(end, 1) + len;
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        // half past: include the prefix in the anchor
        if m == 30 || m == 15 || m == 45 {
            let b = doc.skip_sp_back(a.s, 1);
            for pat in ["half-past", "half past", "quarter past", "quarter to"] {
                let n = pat.chars().count();
                let e0 = if doc.before(b) == '-' { b - 1 } else { b };
                if e0 >= n && doc.starts_with_ci(e0 - n, pat) {
                    start = start.min(e0 - n);
                }
            }
        }
        self.emit_date(start, end, DateParts::default(), Some((h, m)));
        self.consumed = end;
        Some(next)
    }

    // ─────────── versions & codes ───────────

    fn version(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if !a.is_numeric() || a.sep || a.frac || a.percent {
            return None;
        }
        let mut start = a.s;
        let mut end = a.e;
        let mut hit = false;
        if a.vprefix {
            let mut ws = a.s;
            while ws > 0 && is_latin_letter(doc.at(ws - 1)) {
                ws -= 1;
            }
            start = ws;
            hit = true;
        }
        // English: version 2.1 / Version: 2.1 / ver. 2 / v 2
        if !hit {
            let b = doc.skip_sp_back(a.s, 2);
            let b2 = if matches!(doc.before(b), ':' | '.') {
                doc.skip_sp_back(b - 1, 2)
            } else {
                b
            };
            if let Some(pw) = prev_word_idx(doc, b2)
                && doc.word(pw).is_some_and(|w| w.e == b2)
                && matches!(doc.wlc(pw), "version" | "ver" | "v")
            {
                start = doc.word(pw).map(|w| w.s).unwrap_or(start);
                hit = true;
            }
            // Chinese: 版本 1.2 / 版本号：2.1
            let b3 = if doc.before(b) == ':' {
                doc.skip_sp_back(b - 1, 2)
            } else {
                b
            };
            for pre in ["版本号", "版本"] {
                if doc.ends_with(b3, pre) {
                    start = b3 - pre.chars().count();
                    hit = true;
                    break;
                }
            }
        }
        // Chinese suffix: 2.1版 / 第2版 / 1.2版本
        let q = doc.skip_sp(a.e, 1);
        if doc.at(q) == '版' && !matches!(doc.at(q + 1), '权' | '面' | '块' | '图' | '税') {
            if doc.before(a.s) == '第' {
                start = a.s - 1;
            }
            end = q + 1;
            if doc.at(end) == '本' {
                end += 1;
            }
            hit = true;
        }
        if !hit {
            return None;
        }
        let text = match &a.dotted {
            Some(d) => d.clone(),
            None if a.kind == AtomKind::Arabic => collect(doc, a.s, a.e),
            None => format!("{}", a.v),
        };
        let v = normalise_version(&text);
        self.emit_num(start, end, AnchorValue::Version(v));
        self.consumed = end;
        Some(i + 1)
    }

    fn code(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if a.kind != AtomKind::Arabic {
            return None;
        }
        // footnote markers "3/ " (en): skip silently
        if a.is_int()
            && doc.at(a.e) == '/'
            && matches!(doc.at(a.e + 1), ' ' | '\0')
            && a.int_len <= 2
        {
            self.consumed = a.e + 1;
            return Some(i + 1);
        }
        if let Some(d) = &a.dotted {
            let text = d.clone();
            let start = if doc.before(a.s) == '第' {
                a.s - 1
            } else {
                a.s
            };
            let mut end = a.e;
            if matches!(doc.at(end), '条' | '款' | '节' | '章' | '项' | '段') {
                end += 1;
            }
            self.emit_num(start, end, AnchorValue::Code(text));
            self.consumed = end;
            return Some(i + 1);
        }
        // 46/220, 47/203
        if a.is_int() && doc.at(a.e) == '/' {
            let b = self.atom(i + 1)?.clone();
            if b.s == a.e + 1 && b.kind == AtomKind::Arabic && b.is_int() {
                let mut text = format!("{}/{}", collect(doc, a.s, a.e), collect(doc, b.s, b.e));
                let mut end = b.e;
                let mut next = i + 2;
                while doc.at(end) == '/' {
                    match self.atom(next) {
                        Some(c) if c.s == end + 1 && c.kind == AtomKind::Arabic && c.is_int() => {
                            text.push('/');
                            text.push_str(&collect(doc, c.s, c.e));
                            end = c.e;
                            next += 1;
                        }
                        _ => break,
                    }
                }
                let start = if doc.before(a.s) == '第' {
                    a.s - 1
                } else {
                    a.s
                };
                if doc.at(end) == '号' {
                    end += 1;
                }
                self.emit_num(start, end, AnchorValue::Code(text));
                self.consumed = end;
                return Some(next);
            }
        }
        // dotted references after 第 / section: 第1.1条, section 1.1
        if a.dec && a.int_len <= 2 {
            let ord = doc.before(a.s) == '第' || self.en_reference_before(a.s);
            let zh_ref = matches!(doc.at(a.e), '条' | '款' | '节' | '章');
            if ord || zh_ref {
                let start = if doc.before(a.s) == '第' {
                    a.s - 1
                } else {
                    a.s
                };
                let end = if zh_ref { a.e + 1 } else { a.e };
                let text = collect(doc, a.s, a.e);
                self.emit_num(start, end, AnchorValue::Code(text));
                self.consumed = end;
                return Some(i + 1);
            }
        }
        None
    }

    fn en_reference_before(&self, s: usize) -> bool {
        let doc = self.doc;
        let b = doc.skip_sp_back(s, 2);
        let b = if doc.before(b) == '.' { b - 1 } else { b };
        prev_word_idx(doc, b)
            .filter(|&pw| doc.word(pw).is_some_and(|w| w.e == b))
            .is_some_and(|pw| reference_word(doc.wlc(pw)))
    }

    // ─────────── quantities ───────────

    fn quantity(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if !a.is_numeric() {
            return None;
        }
        let mut start = a.s;
        let mut end = a.e;
        let mut next = i + 1;
        let mut ordinal = a.ordinal;
        let mut unit = a.unit;
        let mut bound = Bound::Exact;
        let mut age_ctx = false;
        let mut between = false;
        let mut currency: Option<&'static str> = None;
        let mut percent = a.percent;

        // ── list labels: (1) （一） 1) 一、
        let after = doc.at(a.e);
        if a.is_int() && !a.ordinal && a.v < 100.0 {
            let before = doc.before(a.s);
            let boundary = matches!(
                before,
                '\0' | ' ' | '\n' | ';' | ':' | '。' | ',' | '，' | '；' | '：'
            );
            if (before == '(' && after == ')') || ((after == ')' || after == '、') && boundary) {
                self.consumed = a.e + 1;
                return Some(i + 1);
            }
        }

        // ── prefixes
        let pb = doc.skip_sp_back(a.s, 1);
        if doc.before(pb) == '第' {
            ordinal = true;
            start = pb - 1;
        }
        // 中三 = Form 3 (secondary school year)
        if doc.before(a.s) == '中'
            && a.kind == AtomKind::Cjk
            && a.int_len == 1
            && a.int_in(1.0, 7.0)
            && !matches!(
                doc.before(a.s - 1),
                '其' | '之' | '当' | '从' | '在' | '空' | '心' | '集' | '期' | '年'
            )
        {
            ordinal = true;
        }
        // currency symbols
        {
            let c = doc.before(pb);
            let sym = match c {
                '$' => Some("USD"),
                '¥' => Some("CNY"),
                '€' => Some("EUR"),
                '£' => Some("GBP"),
                _ => None,
            };
            if let Some(mut code) = sym {
                let mut s = pb - 1;
                if c == '$' {
                    if doc.ends_with(s, "HK") || doc.ends_with(s, "hk") {
                        code = "HKD";
                        s -= 2;
                    } else if doc.ends_with(s, "NT") {
                        code = "TWD";
                        s -= 2;
                    } else if doc.ends_with(s, "US") {
                        s -= 2;
                    } else if doc.ends_with(s, "A") && !is_latin_alnum(doc.before(s - 1)) {
                        code = "AUD";
                        s -= 1;
                    }
                }
                currency = Some(code);
                start = s;
            }
        }
        if self.lang == Lang::Zh || is_han(doc.before(pb)) {
            if doc.ends_with(pb, "人民币") {
                currency = Some("CNY");
                start = pb - 3;
            }
            for (pre, b) in ZH_BOUND_PREFIX {
                if doc.ends_with(pb, pre) {
                    // 不满十四周岁 etc.
                    bound = *b;
                    start = pb - pre.chars().count();
                    if matches!(*pre, "年满" | "已满" | "满" | "不满" | "未满") {
                        age_ctx = true;
                    }
                    break;
                }
            }
            for pre in ["附件", "附录", "附表", "报表", "表", "图"] {
                if doc.ends_with(pb, pre) && a.is_int() {
                    ordinal = true;
                }
            }
        }
        // English prefixes (also inside Chinese text for Latin words)
        if let Some(pw) = prev_word_idx(doc, a.s) {
            let pwe = doc.word(pw).map(|w| w.e).unwrap_or(0);
            let gap_ok = doc.only_spaces(pwe, pb, 0)
                || (doc.at(pwe) == '.' && doc.only_spaces(pwe + 1, a.s, 2))
                || doc.only_spaces(pwe, a.s, 2);
            if gap_ok {
                let w1 = doc.wlc(pw);
                let w2 = pw.checked_sub(1).map(|k| doc.wlc(k)).unwrap_or("");
                let w3 = pw.checked_sub(2).map(|k| doc.wlc(k)).unwrap_or("");
                let w4 = pw.checked_sub(3).map(|k| doc.wlc(k)).unwrap_or("");
                if reference_word(w1)
                    && (w1 != "no" || doc.at(pwe) == '.')
                    && (w1 != "number" || a.is_int())
                    && (w1 != "session" || a.is_int())
                {
                    ordinal = true;
                }
                match w1 {
                    "usd" | "us" if doc.at(pwe) != '$' => currency = Some("USD"),
                    "rmb" | "cny" => currency = Some("CNY"),
                    "eur" => currency = Some("EUR"),
                    "gbp" => currency = Some("GBP"),
                    "hkd" => currency = Some("HKD"),
                    "jpy" => currency = Some("JPY"),
                    _ => {}
                }
                // the age of 14 / aged 14 / age 14
                let (bw1, bw2, bw3) = if w1 == "of" && w2 == "age" {
                    age_ctx = true;
                    if w3 == "the" {
                        (w4, "", "")
                    } else {
                        (w3, w4, "")
                    }
                } else if w1 == "aged" || w1 == "age" {
                    age_ctx = true;
                    (w2, w3, "")
                } else {
                    (w1, w2, w3)
                };
                let b = en_bound_before(bw1, bw2, bw3);
                if let Some(b) = b {
                    if b == BoundWord::Between {
                        between = true;
                    } else if let BoundWord::B(bd) = b {
                        bound = bd;
                    }
                }
            }
        }
        // inherit ordinal in coordinated references: 第9和20条, sections 7 and 8
        if !ordinal
            && let Some(le) = self
                .last_ordinal_end
                .filter(|&le| le <= a.s && a.s - le <= 12)
        {
            let gap: String = (le..a.s).map(|k| doc.at(k)).collect();
            let g = gap.trim();
            if matches!(
                g,
                "和" | "、"
                    | "及"
                    | "或"
                    | "至"
                    | "到"
                    | ","
                    | "and"
                    | "or"
                    | "to"
                    | "-"
                    | ", and"
                    | "through"
            ) {
                ordinal = true;
            }
        }

        // ── range
        let mut lo = a.v;
        let mut hi = a.v;
        let mut ranged = false;
        {
            let q = doc.skip_sp(end, 1);
            let conn_len = if between {
                if doc.starts_with_ci(q, "and ") { 3 } else { 0 }
            } else if matches!(doc.at(q), '-' | '~' | '至' | '到' | '—') {
                1
            } else if doc.starts_with_ci(q, "to ") {
                2
            } else if doc.starts_with_ci(q, "through ") {
                7
            } else {
                0
            };
            if conn_len > 0 {
                let r = doc.skip_sp(q + conn_len, 1);
                if let Some(j) = self.atom_at(i + 1, r)
                    && let Some(b) = self.atom(j).cloned()
                {
                    let same_family = b.is_numeric()
                        && !b.percent
                        && !b.frac
                        && b.dotted.is_none()
                        && (b.ordinal == a.ordinal);
                    if same_family && b.v > a.v {
                        hi = b.v;
                        lo = a.v;
                        end = b.e;
                        next = j + 1;
                        ranged = true;
                        if b.unit.is_some() {
                            unit = b.unit;
                        }
                        if b.percent {
                            percent = true;
                        }
                    }
                }
            }
        }

        // ── suffixes
        if self.lang == Lang::Zh || is_han(doc.at(doc.skip_sp(end, 2))) {
            let mut p = doc.skip_sp(end, 2);
            if matches!(doc.at(p), '多' | '余') && unit.is_none() {
                bound = Bound::Over;
                p += 1;
            }
            if doc.at(p) == '个' && doc.at(p + 1) == '半' {
                lo += 0.5;
                hi += 0.5;
                p += 2;
                if let Some((ZhUnit::U(u), len)) = zh_unit_at(doc, p) {
                    unit = Some(u);
                    p += len;
                }
                end = p;
            } else if doc.at(p) == '%' {
                percent = true;
                end = p + 1;
            } else if let Some((u, len)) = zh_unit_at(doc, p) {
                if !ordinal {
                    match u {
                        ZhUnit::U(u) => unit = Some(u),
                        ZhUnit::Money(c) => currency = Some(c),
                        ZhUnit::Percent => percent = true,
                    }
                    end = p + len;
                } else if matches!(u, ZhUnit::U(_)) && ordinal {
                    // 第三年: ordinal, keep the unit word in the surface
                    end = p + len;
                }
            } else if ordinal
                && matches!(
                    doc.at(p),
                    '条' | '款'
                        | '项'
                        | '节'
                        | '章'
                        | '届'
                        | '段'
                        | '次'
                        | '号'
                        | '部'
                        | '期'
                        | '页'
                        | '批'
                        | '轮'
                        | '名'
                        | '位'
                        | '个'
                        | '份'
                        | '家'
                        | '季'
                )
            {
                end = p + 1;
            }
            // bound suffixes
            let p2 = doc.skip_sp(end, 1);
            for (suf, b) in ZH_BOUND_SUFFIX {
                if doc.starts_with(p2, suf) {
                    // "以内" only makes sense for measures
                    bound = *b;
                    end = p2 + suf.chars().count();
                    break;
                }
            }
        }
        if self.lang == Lang::En
            || is_latin_letter(doc.at(doc.skip_sp(end, 1)))
            || doc.at(end) == '%'
            || doc.at(end) == '-'
        {
            let mut p = doc.skip_sp(end, 1);
            if doc.at(p) == '%' {
                percent = true;
                end = p + 1;
            } else {
                if doc.at(p) == '-' && is_latin_letter(doc.at(p + 1)) {
                    p += 1;
                }
                if let Some((u, e2)) = en_unit(doc, p) {
                    match u {
                        EnUnit::U(u) => unit = Some(u),
                        EnUnit::Money(c) => currency = Some(c),
                        EnUnit::Percent => percent = true,
                        EnUnit::Age => {
                            unit = Some(Unit::Age);
                        }
                        EnUnit::Bytes(f) => {
                            unit = Some(Unit::Byte);
                            lo *= f;
                            hi *= f;
                        }
                    }
                    end = e2;
                    // "years old" / "years of age" / "year-old"
                    if unit == Some(Unit::Year) {
                        let q = doc.skip_sp(end, 1);
                        for (pat, len) in [("old", 3), ("of age", 6), ("-old", 4)] {
                            if doc.starts_with_ci(q, pat) && !is_latin_alnum(doc.at(q + len)) {
                                unit = Some(Unit::Age);
                                end = q + len;
                                break;
                            }
                        }
                    }
                }
            }
            // bound suffixes
            let q = doc.skip_sp(end, 1);
            for (pat, b) in EN_BOUND_SUFFIX {
                let n = pat.len();
                if doc.starts_with_ci(q, pat) && !is_latin_alnum(doc.at(q + n)) {
                    bound = *b;
                    end = q + n;
                    break;
                }
            }
        }
        // a lone 一/one used like an article ("一项决议", "one of the staff")
        // is not a value: dropped in both languages (see module docs)
        if a.lone_one
            && !ranged
            && bound == Bound::Exact
            && !ordinal
            && !percent
            && currency.is_none()
            && !a.frac
            && matches!(unit, None | Some(Unit::Times))
        {
            self.consumed = a.e;
            return Some(i + 1);
        }
        // a lone English "one"/"a" that is an article in disguise is kept;
        // Chinese lone 一 before a classifier is dropped (see module docs)

        // ── role
        if age_ctx && unit.is_none() && !percent && currency.is_none() {
            unit = Some(Unit::Age);
        }
        if unit == Some(Unit::Year) && age_ctx {
            unit = Some(Unit::Age);
        }
        // bare "under 14" / "over 18": an age
        if unit.is_none()
            && currency.is_none()
            && !percent
            && !ordinal
            && a.is_int()
            && (10.0..=21.0).contains(&a.v)
            && self.lang == Lang::En
            && let Some(pw) = prev_word_idx(doc, a.s)
        {
            let w = doc.wlc(pw);
            let w2 = pw.checked_sub(1).map(|k| doc.wlc(k)).unwrap_or("");
            if matches!(w, "under" | "over" | "below" | "above")
                || (w == "than" && matches!(w2, "younger" | "older"))
            {
                unit = Some(Unit::Age);
            }
        }
        let (role, unit) = if percent {
            (Role::Percent, Unit::Percent)
        } else if let Some(c) = currency {
            (Role::Money, Unit::Currency(c))
        } else if ordinal {
            (Role::Ordinal, Unit::None)
        } else if a.frac {
            (Role::Fraction, Unit::None)
        } else {
            match unit {
                Some(Unit::Age) => (Role::Age, Unit::Age),
                Some(
                    u @ (Unit::Day
                    | Unit::WorkingDay
                    | Unit::Week
                    | Unit::Month
                    | Unit::Year
                    | Unit::Hour
                    | Unit::Minute
                    | Unit::Second),
                ) => (Role::Period, u),
                Some(Unit::Times) => (Role::Multiple, Unit::Times),
                Some(Unit::Byte) => (Role::Size, Unit::Byte),
                Some(u) => (Role::Count, u),
                None => (Role::Count, Unit::None),
            }
        };
        if ranged {
            bound = Bound::Range(lo, hi);
        }
        let value = lo;
        self.emit_num(
            start,
            end,
            AnchorValue::Quantity {
                value,
                unit,
                role,
                bound,
            },
        );
        self.consumed = end;
        self.last_ordinal_end = if role == Role::Ordinal {
            Some(end)
        } else {
            None
        };
        Some(next)
    }
}

fn valid_ymd(y: u32, m: u32, d: u32) -> Option<DateParts> {
    if (1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=2999).contains(&y) {
        Some(DateParts {
            y: Some(y as i32),
            m: Some(m as u8),
            d: Some(d as u8),
        })
    } else {
        None
    }
}

/// `2.0` → `2`, `1.0.0` → `1`, `v1.2` → `1.2`.
pub(super) fn normalise_version(v: &str) -> String {
    let v = v.trim_start_matches(['v', 'V']);
    let mut parts: Vec<&str> = v.split('.').collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| p.chars().all(|c| c == '0')) {
        parts.pop();
    }
    parts.join(".")
}

fn zh_ampm_before(doc: &Doc, s: usize) -> Option<(bool, usize)> {
    let b = doc.skip_sp_back(s, 1);
    for (pat, pm) in [
        ("上午", false),
        ("早上", false),
        ("早晨", false),
        ("凌晨", false),
        ("下午", true),
        ("晚上", true),
        ("傍晚", true),
        ("中午", true),
    ] {
        if doc.ends_with(b, pat) {
            return Some((pm, 2));
        }
    }
    None
}

fn ampm_after(doc: &Doc, e: usize) -> Option<(bool, usize)> {
    let q = doc.skip_sp(e, 1);
    for (pat, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        let n = pat.len();
        if doc.starts_with_ci(q, pat) && !is_latin_alnum(doc.at(q + n)) {
            return Some((pm, n));
        }
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum ZhUnit {
    U(Unit),
    Money(&'static str),
    Percent,
}

const ZH_UNITS: &[(&str, ZhUnit)] = &[
    ("个工作日", ZhUnit::U(Unit::WorkingDay)),
    ("工作日", ZhUnit::U(Unit::WorkingDay)),
    ("个营业日", ZhUnit::U(Unit::WorkingDay)),
    ("营业日", ZhUnit::U(Unit::WorkingDay)),
    ("个自然日", ZhUnit::U(Unit::Day)),
    ("自然日", ZhUnit::U(Unit::Day)),
    ("个日历日", ZhUnit::U(Unit::Day)),
    ("日历日", ZhUnit::U(Unit::Day)),
    ("周岁", ZhUnit::U(Unit::Age)),
    ("岁", ZhUnit::U(Unit::Age)),
    ("个星期", ZhUnit::U(Unit::Week)),
    ("星期", ZhUnit::U(Unit::Week)),
    ("个礼拜", ZhUnit::U(Unit::Week)),
    ("周", ZhUnit::U(Unit::Week)),
    ("个月", ZhUnit::U(Unit::Month)),
    ("天", ZhUnit::U(Unit::Day)),
    ("日", ZhUnit::U(Unit::Day)),
    ("个小时", ZhUnit::U(Unit::Hour)),
    ("小时", ZhUnit::U(Unit::Hour)),
    ("个钟头", ZhUnit::U(Unit::Hour)),
    ("钟头", ZhUnit::U(Unit::Hour)),
    ("分钟", ZhUnit::U(Unit::Minute)),
    ("秒钟", ZhUnit::U(Unit::Second)),
    ("秒", ZhUnit::U(Unit::Second)),
    ("年", ZhUnit::U(Unit::Year)),
    ("个月", ZhUnit::U(Unit::Month)),
    ("月", ZhUnit::U(Unit::Month)),
    ("倍", ZhUnit::U(Unit::Times)),
    ("次", ZhUnit::U(Unit::Times)),
    ("元人民币", ZhUnit::Money("CNY")),
    ("元", ZhUnit::Money("CNY")),
    ("块钱", ZhUnit::Money("CNY")),
    ("人民币", ZhUnit::Money("CNY")),
    ("美元", ZhUnit::Money("USD")),
    ("美金", ZhUnit::Money("USD")),
    ("欧元", ZhUnit::Money("EUR")),
    ("英镑", ZhUnit::Money("GBP")),
    ("港元", ZhUnit::Money("HKD")),
    ("港币", ZhUnit::Money("HKD")),
    ("日元", ZhUnit::Money("JPY")),
    ("个百分点", ZhUnit::Percent),
    ("百分点", ZhUnit::Percent),
];

/// Unit word at `p` in Chinese text: (unit, length in chars).
fn zh_unit_at(doc: &Doc, p: usize) -> Option<(ZhUnit, usize)> {
    let c = doc.at(p);
    if !is_han(c) {
        return None;
    }
    for (pat, u) in ZH_UNITS {
        if doc.starts_with(p, pat) {
            // 年 followed by 龄/级/度 etc. is still a year unit except 年龄
            if *pat == "周"
                && matches!(
                    doc.at(p + 1),
                    '边' | '围' | '期' | '知' | '全' | '密' | '转'
                )
            {
                return None;
            }
            if *pat == "日"
                && matches!(doc.at(p + 1), '期' | '常' | '志' | '益' | '后' | '前')
                && doc.at(p + 1) != '内'
            {
                if matches!(doc.at(p + 1), '后' | '前') {
                    return Some((*u, 1));
                }
                return None;
            }
            if *pat == "次" && matches!(doc.at(p + 1), '要' | '数' | '序' | '级') {
                return None;
            }
            return Some((*u, pat.chars().count()));
        }
    }
    None
}

/// Chinese classifiers / measure words (counting words, no unit).
fn is_classifier(c: char) -> bool {
    matches!(
        c,
        '个' | '名'
            | '项'
            | '种'
            | '份'
            | '位'
            | '条'
            | '家'
            | '款'
            | '件'
            | '类'
            | '段'
            | '批'
            | '套'
            | '台'
            | '部'
            | '张'
            | '篇'
            | '笔'
            | '组'
            | '户'
            | '届'
            | '封'
            | '则'
            | '层'
            | '节'
            | '章'
            | '号'
            | '期'
            | '页'
            | '轮'
            | '人'
            | '宗'
            | '起'
            | '方'
            | '点'
            | '些'
            | '样'
            | '般'
            | '阶'
            | '代'
            | '行'
            | '列'
            | '块'
            | '处'
            | '场'
            | '股'
            | '只'
            | '支'
            | '辆'
            | '所'
            | '座'
    )
}

const ZH_BOUND_PREFIX: &[(&str, Bound)] = &[
    ("不超过", Bound::AtMost),
    ("不多于", Bound::AtMost),
    ("不高于", Bound::AtMost),
    ("不大于", Bound::AtMost),
    ("不长于", Bound::AtMost),
    ("不晚于", Bound::AtMost),
    ("不迟于", Bound::AtMost),
    ("最多", Bound::AtMost),
    ("至多", Bound::AtMost),
    ("最长", Bound::AtMost),
    ("最高", Bound::AtMost),
    ("不少于", Bound::AtLeast),
    ("不低于", Bound::AtLeast),
    ("不小于", Bound::AtLeast),
    ("不短于", Bound::AtLeast),
    ("不早于", Bound::AtLeast),
    ("至少", Bound::AtLeast),
    ("最少", Bound::AtLeast),
    ("最低", Bound::AtLeast),
    ("最短", Bound::AtLeast),
    ("年满", Bound::AtLeast),
    ("已满", Bound::AtLeast),
    ("不满", Bound::Under),
    ("未满", Bound::Under),
    ("不足", Bound::Under),
    ("少于", Bound::Under),
    ("低于", Bound::Under),
    ("小于", Bound::Under),
    ("超过", Bound::Over),
    ("超出", Bound::Over),
    ("多于", Bound::Over),
    ("高于", Bound::Over),
    ("大于", Bound::Over),
    ("逾", Bound::Over),
    ("满", Bound::AtLeast),
];

const ZH_BOUND_SUFFIX: &[(&str, Bound)] = &[
    ("及以上", Bound::AtLeast),
    ("或以上", Bound::AtLeast),
    ("以上", Bound::AtLeast),
    ("及以下", Bound::AtMost),
    ("或以下", Bound::AtMost),
    ("以下", Bound::AtMost),
    ("以内", Bound::AtMost),
    ("之内", Bound::AtMost),
    ("内", Bound::AtMost),
];

const EN_BOUND_SUFFIX: &[(&str, Bound)] = &[
    ("or more", Bound::AtLeast),
    ("or older", Bound::AtLeast),
    ("or above", Bound::AtLeast),
    ("and above", Bound::AtLeast),
    ("or over", Bound::AtLeast),
    ("and over", Bound::AtLeast),
    ("or greater", Bound::AtLeast),
    ("or less", Bound::AtMost),
    ("or fewer", Bound::AtMost),
    ("or younger", Bound::AtMost),
    ("or under", Bound::AtMost),
    ("or below", Bound::AtMost),
    ("and under", Bound::AtMost),
    ("and below", Bound::AtMost),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum BoundWord {
    B(Bound),
    Between,
}

/// Bound phrase ending right before the number; `w1` is the nearest word.
fn en_bound_before(w1: &str, w2: &str, w3: &str) -> Option<BoundWord> {
    use Bound::*;
    let b = match (w3, w2, w1) {
        (_, "at", "least") => AtLeast,
        (_, "no" | "not", "less" | "fewer") => AtLeast,
        ("no" | "not", "less" | "fewer", "than") => AtLeast,
        (_, "minimum", "of") | (_, _, "minimum") => AtLeast,
        (_, "at", "most") => AtMost,
        ("no" | "not", "more" | "later" | "longer" | "greater", "than") => AtMost,
        (_, "not", "exceeding") => AtMost,
        ("not", "to", "exceed") => AtMost,
        (_, "up", "to") => AtMost,
        (_, "maximum", "of") | (_, _, "maximum") => AtMost,
        (_, _, "within") => AtMost,
        (_, "more" | "greater" | "older" | "higher" | "longer", "than") => Over,
        ("in", "excess", "of") => Over,
        (_, _, "over" | "above" | "exceeding" | "exceeds" | "exceed") => Over,
        (_, "less" | "fewer" | "younger" | "lower" | "shorter", "than") => Under,
        (_, _, "under" | "below") => Under,
        (_, _, "between") => return Some(BoundWord::Between),
        _ => return None,
    };
    Some(BoundWord::B(b))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum EnUnit {
    U(Unit),
    Money(&'static str),
    Percent,
    Age,
    Bytes(f64),
}

/// English unit phrase at `p` (a word start): (unit, end char index).
fn en_unit(doc: &Doc, p: usize) -> Option<(EnUnit, usize)> {
    let k = doc.word_at(p)?;
    let w = *doc.word(k)?;
    let lc = doc.wlc(k);
    let next = |j: usize| -> Option<(&str, usize)> {
        let nw = doc.word(k + j)?;
        let prev_e = doc.word(k + j - 1)?.e;
        if doc.only_spaces(prev_e, nw.s, 1) || (nw.s == prev_e + 1 && doc.at(prev_e) == '-') {
            Some((doc.wlc(k + j), nw.e))
        } else {
            None
        }
    };
    use EnUnit::*;
    let single = |u: EnUnit| Some((u, w.e));
    match lc {
        "working" | "business" | "calendar" | "natural" | "banking" => {
            let (n, e) = next(1)?;
            if matches!(n, "day" | "days") {
                let u = if lc == "calendar" || lc == "natural" {
                    Unit::Day
                } else {
                    Unit::WorkingDay
                };
                return Some((U(u), e));
            }
            None
        }
        "day" | "days" => single(U(Unit::Day)),
        "week" | "weeks" => single(U(Unit::Week)),
        "month" | "months" => single(U(Unit::Month)),
        "year" | "years" | "yr" | "yrs" => single(U(Unit::Year)),
        "hour" | "hours" | "hrs" => single(U(Unit::Hour)),
        "minute" | "minutes" | "mins" => single(U(Unit::Minute)),
        "second" | "seconds" | "secs" => single(U(Unit::Second)),
        "percent" | "pct" => single(Percent),
        "per" => match next(1)? {
            ("cent", e) => Some((Percent, e)),
            _ => None,
        },
        "percentage" => match next(1)? {
            ("point" | "points", e) => Some((Percent, e)),
            _ => None,
        },
        "time" | "times" => {
            // "at the time" is not a multiplier; "3 times" is
            single(U(Unit::Times))
        }
        "dollar" | "dollars" => single(Money("USD")),
        "us" => match next(1)? {
            ("dollar" | "dollars", e) => Some((Money("USD"), e)),
            _ => None,
        },
        "hong" => match (next(1)?, next(2)?) {
            (("kong", _), ("dollar" | "dollars", e)) => Some((Money("HKD"), e)),
            _ => None,
        },
        "yuan" | "rmb" | "renminbi" | "cny" => single(Money("CNY")),
        "usd" => single(Money("USD")),
        "euro" | "euros" | "eur" => single(Money("EUR")),
        "pound" | "pounds" | "gbp" => {
            if lc.starts_with("pound") {
                match next(1) {
                    Some(("sterling", e)) => Some((Money("GBP"), e)),
                    _ => single(Money("GBP")),
                }
            } else {
                single(Money("GBP"))
            }
        }
        "hkd" => single(Money("HKD")),
        "yen" | "jpy" => single(Money("JPY")),
        "kb" | "kilobyte" | "kilobytes" => single(Bytes(1024.0)),
        "mb" | "megabyte" | "megabytes" => single(Bytes(1024.0 * 1024.0)),
        "gb" | "gigabyte" | "gigabytes" => single(Bytes(1024.0 * 1024.0 * 1024.0)),
        "tb" | "terabyte" | "terabytes" => single(Bytes(1024.0 * 1024.0 * 1024.0 * 1024.0)),
        "byte" | "bytes" => single(Bytes(1.0)),
        "year-old" => single(Age),
        _ => None,
    }
}
