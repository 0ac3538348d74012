//! Times of day: `8:30`, `14:30:00`, `下午二时三十分`, `九点半`, `2 p.m.`,
//! `two o'clock`, `half-past two`. A time is a Date anchor with only `time`
//! set.

use super::{AtomKind, Ctx, DateParts};
use crate::anchors::doc::{Doc, is_latin_alnum};
use crate::words::ANCHORS_ZH_NOT_CLOCK;

impl Ctx<'_, '_> {
    pub(super) fn time(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if let Some(next) = self.minutes_to_hour(i) {
            return Some(next);
        }
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
            && ANCHORS_ZH_NOT_CLOCK
                .binary_search(&doc.at(a.e + 1))
                .is_err()
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
}

impl Ctx<'_, '_> {
    /// `two minutes to five o'clock`, `ten minutes past 3 p.m.`: minutes
    /// counted to or past an hour (with o'clock or a.m./p.m.), starting at
    /// the minutes' atom `i`. The time the minutes make (4:58), not a
    /// period of two minutes.
    fn minutes_to_hour(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        let b = self.atom(i + 1)?.clone();
        if !a.int_in(1.0, 59.0) || !b.int_in(1.0, 12.0) {
            return None;
        }
        // "minutes to" / "minute past", then the hour right after.
        let q = doc.skip_sp(a.e, 1);
        let unit = ["minutes", "minute"]
            .into_iter()
            .find(|w| doc.starts_with_ci(q, w))?;
        let p = doc.skip_sp(q + unit.len(), 1);
        let to = ["to", "past"]
            .into_iter()
            .find(|w| doc.starts_with_ci(p, w) && doc.skip_sp(p + w.len(), 1) == b.s)?
            == "to";
        let mut h = b.v as u8;
        let q = doc.skip_sp(b.e, 1);
        let end = if doc.starts_with_ci(q, "o'clock") {
            q + 7
        } else {
            let (pm, len) = ampm_after(doc, b.e)?;
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            q + len
        };
        let n = a.v as u8;
        let (h, m) = if to { ((h + 23) % 24, 60 - n) } else { (h, n) };
        self.emit_date(a.s, end, DateParts::default(), Some((h, m)));
        self.consumed = end;
        Some(i + 2)
    }
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
