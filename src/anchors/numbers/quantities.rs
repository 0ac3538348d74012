//! Quantities: a number with its unit, role and bound (`15个工作日内` =
//! `within 15 working days`, `年满十八周岁` = `at least 18 years of age`,
//! `$114.07亿`, `第三条`), and the list labels and footnote marks that are
//! no values.

use super::bounds::{BoundWord, en_bound_after, en_bound_before, zh_bound_after, zh_bound_before};
use super::units::{Measure, en_unit, zh_unit_at};
use super::{AtomKind, Ctx, prev_word_idx, reference_word};
use crate::anchors::doc::{is_latin_alnum, is_latin_letter};
use crate::anchors::{AnchorValue, Bound, Lang, Role, Unit};
use crate::lang::is_han;
use crate::words::{ANCHORS_REFERENCE_CONNECTORS, ANCHORS_ZH_ORDINAL_COUNTERS};

impl Ctx<'_, '_> {
    pub(super) fn quantity(&mut self, i: usize) -> Option<usize> {
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
            // "第4、 6、 8及9条": a number after an enumeration comma and a
            // space is an item of the enumeration, not a label.
            let in_enumeration = before == ' ' && doc.before(doc.skip_sp_back(a.s, 2)) == '、';
            if (before == '(' && after == ')')
                || ((after == ')' || after == '、') && boundary && !in_enumeration)
            {
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
            if let Some((len, b, age)) = zh_bound_before(doc, pb) {
                // 不满十四周岁 etc.
                bound = b;
                start = pb - len;
                age_ctx |= age;
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
            if ANCHORS_REFERENCE_CONNECTORS.binary_search(&g).is_ok() {
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
                if let Some((Measure::Unit(u), len)) = zh_unit_at(doc, p) {
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
                        Measure::Unit(u) => unit = Some(u),
                        Measure::Money(c) => currency = Some(c),
                        Measure::Percent => percent = true,
                        Measure::Bytes(f) => {
                            unit = Some(Unit::Byte);
                            lo *= f;
                            hi *= f;
                        }
                    }
                    end = p + len;
                } else if matches!(u, Measure::Unit(_)) && ordinal {
                    // 第三年: ordinal, keep the unit word in the surface
                    end = p + len;
                }
            } else if ordinal
                && ANCHORS_ZH_ORDINAL_COUNTERS
                    .binary_search(&doc.at(p))
                    .is_ok()
            {
                end = p + 1;
            }
            // bound suffixes
            let p2 = doc.skip_sp(end, 1);
            if let Some((len, b)) = zh_bound_after(doc, p2) {
                bound = b;
                end = p2 + len;
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
                        Measure::Unit(u) => unit = Some(u),
                        Measure::Money(c) => currency = Some(c),
                        Measure::Percent => percent = true,
                        Measure::Bytes(f) => {
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
            if let Some((len, b)) = en_bound_after(doc, q) {
                bound = b;
                end = q + len;
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
