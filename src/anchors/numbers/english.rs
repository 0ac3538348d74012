//! English atoms: number words (`twenty-one`, `a hundred`, `forty-fifth`,
//! `one third`, `twice`), Roman numerals after reference words (`annex IV`),
//! `a`/`an` before a unit of time (`within a year`) and month names.

use super::units::{Measure, en_unit};
use super::{Atom, AtomKind, month_context_word, prev_word_idx, reference_word};
use crate::anchors::Unit;
use crate::anchors::doc::{Coverage, Doc, is_latin_letter};
use crate::anchors::phrases::WordIndex;
use crate::numerals::{NumWord, en_den_word, en_num_word, roman_numeral};
use crate::words::{ANCHORS_EN_DETERMINERS, ANCHORS_EN_MONTHS};

/// An English month name or abbreviation: (month, is an abbreviation).
pub(in crate::anchors) fn month_of(w: &str) -> Option<(u8, bool)> {
    static MONTHS: WordIndex<(&str, u8, bool)> = WordIndex::new(ANCHORS_EN_MONTHS, |r| r.0);
    MONTHS.get(w).map(|&(_, m, abbr)| (m, abbr))
}

/// English word atom for word `k`. Returns the atom and where to continue.
/// English word atom for word `k`. Returns the atom and where to continue.
pub(super) fn english(doc: &Doc, cov: &Coverage, k: usize) -> (Option<Atom>, usize) {
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
            && let Some((Measure::Unit(u), _)) = en_unit(doc, nx)
        {
            let pw = prev_word_idx(doc, w.s).map(|p| doc.wlc(p)).unwrap_or("");
            // After an amount it is a rate ("6.5 per cent a year", "100
            // yuan a month", 每年), no period.
            let before = doc.before(doc.skip_sp_back(w.s, 1));
            let rate = before == '%'
                || before.is_ascii_digit()
                || matches!(pw, "cent" | "percent")
                || crate::words::ANCHORS_EN_CURRENCIES
                    .iter()
                    .any(|r| r.0 == pw);
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
                && !rate
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
    ANCHORS_EN_DETERMINERS.binary_search(&w).is_ok()
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
        // "that one", "the one", "at one": a pronoun, unless a unit follows
        // ("that one year earlier", "the one month notice").
        let unit_after =
            next_adjacent && words.get(idx).is_some_and(|n| en_unit(doc, n.s).is_some());
        if hyphen_compound
            || !unit_after
                && matches!(
                    prev,
                    "no" | "any"
                        | "every"
                        | "some"
                        | "each"
                        | "the"
                        | "this"
                        | "that"
                        | "which"
                        | "at"
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
