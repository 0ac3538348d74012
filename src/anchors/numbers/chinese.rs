//! Chinese numeral atoms: positional `二十一`, digit by digit `一九八九`,
//! decimals `七点九`, fractions `三分之一`, percentages `百分之五`, and the
//! words that only contain numerals (`data/words/anchors/zh-not-numbers.tsv`).

use std::sync::OnceLock;

use super::atoms::arabic;
use super::{Atom, AtomKind};
use crate::anchors::doc::{Coverage, Doc};
use crate::anchors::phrases::PhraseTable;
use crate::numerals::{CjkNum, cjk_digit, cjk_unit, cjk_value, decimal, is_cjk_numeral};
use crate::words::ANCHORS_ZH_NOT_NUMBERS;

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

/// A numeral that is part of a word (一些, 统一, 星期三): where to resume.
fn cjk_excluded(doc: &Doc, i: usize) -> Option<usize> {
    if is_cjk_numeral(doc.before(i)) {
        return None;
    }
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    let table = TABLE.get_or_init(|| PhraseTable::new(ANCHORS_ZH_NOT_NUMBERS.iter().copied()));
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

/// Chinese numeral atom at `i`. `Err(next)` = not a number, resume at `next`.
pub(super) fn cjk(doc: &Doc, cov: &Coverage, i: usize) -> Result<Atom, usize> {
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
        && (cjk_unit(doc.at(i)).is_some_and(|v| v >= 100)
            || (cjk_digit(doc.at(i)).is_some()
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
