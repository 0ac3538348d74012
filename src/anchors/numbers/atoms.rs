//! Phase 1: the numeric atoms of a clause. Arabic figures are read here;
//! Chinese numeral runs in `chinese`, English number words and month names
//! in `english`.

use super::chinese::cjk;
use super::english::english;
use super::{Atom, AtomKind, collect, digits_end};
use crate::anchors::Unit;
use crate::anchors::doc::{Coverage, Doc, is_latin_alnum, is_latin_letter};
use crate::numerals::{decimal, en_large_scales, is_cjk_numeral};
use crate::words::{ANCHORS_EN_ATTACHED_UNITS, ANCHORS_ZH_FIRST_COUNTERS};

/// A counter after 首 that makes it the ordinal 1 (首次, 首届).
fn is_first_counter(c: char) -> bool {
    ANCHORS_ZH_FIRST_COUNTERS.binary_search(&c).is_ok()
}

/// Unit letters attached to digits (`10MB`, `2h`, `3x`): the unit and, for
/// a data size, the bytes in one unit.
fn attached_unit(suffix: &str) -> Option<(Unit, Option<f64>)> {
    let i = ANCHORS_EN_ATTACHED_UNITS
        .binary_search_by_key(&suffix, |r| r.0)
        .ok()?;
    ANCHORS_EN_ATTACHED_UNITS.get(i).map(|&(_, u, b)| (u, b))
}

/// The numeric atoms of a clause, in text order.
pub(super) fn atoms(doc: &Doc, cov: &Coverage) -> Vec<Atom> {
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
        } else if c == '首' && is_first_counter(doc.at(i + 1)) && !cov.is(i) {
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

/// Arabic numeral at `i`. `Err(next)` = not a number, resume at `next`.
pub(super) fn arabic(doc: &Doc, cov: &Coverage, i: usize) -> Result<Atom, usize> {
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
    let mut bytes = None;
    let mut ordinal = false;
    let mut e = j;
    if dotted.is_none() {
        // Chinese multipliers: 1.5万, 3亿, 15万元, 5千, 3百万; also after
        // one space ("7 亿", as texts that space digits from Han write it)
        // for the large ones, which never start a word of their own.
        let spaced_large = doc.at(j) == ' ' && matches!(doc.at(j + 1), '万' | '萬' | '亿' | '億');
        let mut k = if spaced_large { j + 1 } else { j };
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
            if matches!(suf.as_str(), "st" | "nd" | "rd" | "th")
                && frac.is_empty()
                && !sep
                && after_ok
            {
                ordinal = true;
                e = l;
            } else if let Some((u, size)) = attached_unit(&suf).filter(|_| after_ok) {
                unit = Some(u);
                // A byte size counts in bytes when its letters follow the
                // digits (10MB); after a Chinese multiplier (1万KB) the value
                // stays as the multiplier made it.
                if e == j {
                    bytes = size;
                }
                e = l;
            } else if matches!(suf.as_str(), "am" | "pm") && after_ok {
                // handled by the time parser; keep the atom bare
            } else if suf == "s" && after_ok && int_len == 4 {
                // 1990s: a decade, not a value
                return Err(l);
            } else {
                let mut m = l;
                while is_latin_alnum(doc.at(m)) {
                    m += 1;
                }
                return Err(m);
            }
        }
    }
    let mut v = decimal(&int_digits, &frac, exp);
    if let Some(size) = bytes {
        v *= size;
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
