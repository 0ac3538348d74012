//! Dates: Chinese `2024年8月6日` (also `民国八十年`, ranges `6月24日至30日`),
//! numeric `2024-08-06` / `8/6/2024` / `06.08.2024`, English `August 6,
//! 2024` / `6th of August 2024`, year ranges `1993-94` and bare years.

use super::units::{en_unit, is_classifier, zh_unit_at};
use super::{Atom, AtomKind, Ctx, DateParts, conn_zh, prev_word_idx, reference_word};
use crate::lang::is_han;
use crate::words::ANCHORS_EN_NOT_PLURAL_NOUNS;

impl Ctx<'_, '_> {
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
        } else if a.int_in(100.0, 150.0) && doc.at(p) == '年' && self.month_at(k + 1, p + 1) {
            // A Minguo year without 民国, as Taiwan writes dates
            // (112年5月1日 = 1 May 2023): three digits before a month cannot
            // be a period ("5 months into year 112" is not written so), and
            // a short Western year has two.
            parts.y = Some(a.v as i32 + 1911);
            end = p + 1;
            k += 1;
        } else if a.kind == AtomKind::CjkDigits && a.int_len == 2 && doc.at(p) == '年' {
            // A year written short, digit by digit (九零年 "'90", 一零年
            // "'10"): a period is written positionally (九十年). Years
            // before '30 are read in this century.
            let v = a.v as i32;
            parts.y = Some(if v < 30 { 2000 + v } else { 1900 + v });
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

    /// Whether atom `k` is a month number (`5月`) starting right at `at`.
    fn month_at(&self, k: usize, at: usize) -> bool {
        let doc = self.doc;
        self.atom(k).is_some_and(|b| {
            b.s == doc.skip_sp(at, 2) && b.int_in(1.0, 12.0) && doc.at(doc.skip_sp(b.e, 2)) == '月'
        })
    }

    pub(super) fn date(&mut self, i: usize) -> Option<usize> {
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
            if let Some(r) = self.zh_month_pair(parts, end, next) {
                return Some(r);
            }
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

    /// Two months of one year, `1992年7/8月` (a July/August session):
    /// after the year fragment (`parts` with no month, ending at `end`),
    /// one date for each month.
    fn zh_month_pair(&mut self, parts: DateParts, end: usize, next: usize) -> Option<usize> {
        let doc = self.doc;
        if parts.y.is_none() || parts.m.is_some() {
            return None;
        }
        let b = self.atom(next)?.clone();
        let c = self.atom(next + 1)?.clone();
        let q = doc.skip_sp(c.e, 2);
        let pair = b.s == doc.skip_sp(end, 2)
            && b.int_in(1.0, 12.0)
            && doc.at(b.e) == '/'
            && c.s == b.e + 1
            && c.int_in(1.0, 12.0)
            && c.v > b.v
            && doc.at(q) == '月';
        if !pair {
            return None;
        }
        let month = |m: f64| DateParts {
            m: Some(m as u8),
            ..parts
        };
        self.emit_date(b.s, b.e, month(b.v), None);
        self.emit_date(c.s, q + 1, month(c.v), None);
        self.consumed = q + 1;
        Some(next + 2)
    }

    /// Two months of one year, `July/August 1992`: one date for each.
    fn en_month_pair(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        let b = self.atom(i + 1)?.clone();
        let y = self.atom(i + 2)?.clone();
        let (AtomKind::Month(m1), AtomKind::Month(m2)) = (a.kind, b.kind) else {
            return None;
        };
        let pair = doc.at(a.e) == '/'
            && b.s == a.e + 1
            && m2 > m1
            && y.is_year()
            && y.kind == AtomKind::Arabic
            && self.filler(b.e, y.s, &[]);
        if !pair {
            return None;
        }
        let date = |m: u8| DateParts {
            y: Some(y.v as i32),
            m: Some(m),
            d: None,
        };
        self.emit_date(a.s, a.e, date(m1), None);
        self.emit_date(b.s, y.e, date(m2), None);
        self.consumed = y.e;
        Some(i + 3)
    }

    fn en_month_date(&mut self, i: usize) -> Option<usize> {
        if let Some(r) = self.en_month_pair(i) {
            return Some(r);
        }
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
        // "1 February", "1st of February"; not "Version 1, February 1989",
        // where a comma parts the number from the month.
        if !self.filler(day_atom.e, m.s, &["of", "the"])
            || (day_atom.e..m.s).any(|k| self.doc.at(k) == ',')
        {
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
                && ANCHORS_EN_NOT_PLURAL_NOUNS.binary_search(&lc).is_err();
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
