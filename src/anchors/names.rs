//! Latin-script proper names: brands, products, organisations, acronyms.
//!
//! Rules (identical for Chinese and English text, so that the Latin runs of
//! a Chinese clause meet the same names in its English counterpart):
//! * Tokens are Latin words; a *name-like* token is Capitalised (`Google`),
//!   ALL-CAPS with ≥ 2 letters (`GDPR`, `SDKs`), camel-case (`ShareSDK`,
//!   `iOS`, `eBay`), or a letter/digit mix right after a hyphen (`Yi-34B`).
//! * Runs of name-like tokens joined by one space, `&`, `-`, `.` or `'` form
//!   a candidate (`Bird & Bird DPO Services SRL`, `Firefox Focus`, `K.B.E.`).
//!   Lowercase words end a run.
//! * Weak tokens are trimmed from both ends of a run: common English words
//!   (~1,950 function words, general vocabulary and legal/privacy/UN
//!   vocabulary such as `Privacy`, `Policy`, `Agreement`, `Section`,
//!   `Committee`: `data/words/anchors/en-common-words.tsv`), single letters,
//!   Roman numerals, month/weekday names, number words and units. A run with no strong token left is not a
//!   name — so sentence-initial words and Title-Case headings made of common
//!   words yield nothing, while `Google` at a sentence start is still a name.
//! * Tokens already covered by a contact, number, date or version are never
//!   part of a name.
//! * Value key: lowercase, single spaces, possessive `'s`/`’s` removed,
//!   trailing punctuation removed, plural acronyms singularised (`SDKs` →
//!   `sdk`).

use super::doc::{Coverage, Doc, Word, is_latin_letter};
use super::numbers::month_of;
use super::phrases::WordIndex;
use super::{Anchor, AnchorKind, AnchorValue, Lang};
use crate::numerals::{en_num_word, roman_numeral};
use crate::words::{
    ANCHORS_EN_COMMON_WORDS, ANCHORS_EN_ORDINARY_SUFFIXES, ANCHORS_EN_UNIT_ABBREVIATIONS,
    ANCHORS_EN_WEEKDAYS,
};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Cap,
    AllCaps,
    Camel,
    Lower,
    Mixed,
    Digits,
}

fn shape(doc: &Doc, w: &Word) -> Shape {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut digits = 0usize;
    let mut upper_after_first = false;
    let first = doc.at(w.s);
    for k in w.s..w.e {
        let c = doc.at(k);
        if c == '\'' {
            break;
        }
        if c.is_ascii_digit() {
            digits += 1;
        } else if is_latin_letter(c) {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                if k > w.s {
                    upper_after_first = true;
                }
            }
        }
    }
    if letters == 0 {
        return Shape::Digits;
    }
    if digits > 0 {
        return Shape::Mixed;
    }
    if upper == letters && letters >= 2 {
        return Shape::AllCaps;
    }
    if upper_after_first {
        return Shape::Camel;
    }
    if first.is_uppercase() {
        return Shape::Cap;
    }
    Shape::Lower
}

/// The lowercase form without a possessive `'s`.
fn base(lc: &str) -> &str {
    lc.strip_suffix("'s").unwrap_or(lc)
}

/// Derivational endings of ordinary English words (`Improving`,
/// `Administered`, `Functionality`, `Rectification`, `Voluntarily`).
/// Brand names rarely end like this; applied to Capitalised words only.
fn ordinary_suffix(lc: &str) -> bool {
    lc.len() >= 6 && lc.is_ascii() && ANCHORS_EN_ORDINARY_SUFFIXES.iter().any(|s| lc.ends_with(s))
}

/// Common word, also in a regular plural form (`Cookies`, `Partners`).
fn common_or_plural(lc: &str) -> bool {
    if common(lc) {
        return true;
    }
    if let Some(st) = lc.strip_suffix("ies")
        && common(&format!("{st}y"))
    {
        return true;
    }
    if let Some(st) = lc.strip_suffix("es")
        && common(st)
    {
        return true;
    }
    lc.strip_suffix('s').is_some_and(common)
}

fn weak(doc: &Doc, k: usize, sh: Shape) -> bool {
    let lc = base(doc.wlc(k));
    if lc.chars().count() <= 1 {
        return true;
    }
    if common_or_plural(lc) || en_num_word(lc).is_some() || is_month_or_weekday(lc) || is_unit(lc) {
        return true;
    }
    if sh == Shape::Cap && ordinary_suffix(lc) {
        return true;
    }
    if sh == Shape::AllCaps {
        // plural acronym of a common word ("USs") is still weak
        if let Some(sing) = lc.strip_suffix('s')
            && common(sing)
            && sing.len() > 2
        {
            return true;
        }
    }
    if roman_numeral(lc).is_some() && matches!(sh, Shape::AllCaps | Shape::Cap) {
        return true;
    }
    matches!(sh, Shape::Lower | Shape::Digits)
}

/// A unit or currency abbreviation (`KB`, `USD`).
fn is_unit(lc: &str) -> bool {
    static WORDS: WordIndex<&str> = WordIndex::new(ANCHORS_EN_UNIT_ABBREVIATIONS, |w| w);
    WORDS.contains(lc)
}

fn is_month_or_weekday(lc: &str) -> bool {
    static WEEKDAYS: WordIndex<&str> = WordIndex::new(ANCHORS_EN_WEEKDAYS, |w| w);
    month_of(lc).is_some() || WEEKDAYS.contains(lc)
}

/// Scans Latin names and appends anchors.
pub(super) fn scan(doc: &Doc, _lang: Lang, cov: &Coverage, out: &mut Vec<Anchor>) {
    let words = doc.words();
    let n = words.len();
    let mut k = 0;
    while k < n {
        let Some(w) = words.get(k) else { break };
        let sh = shape(doc, w);
        let starts = matches!(
            sh,
            Shape::Cap | Shape::AllCaps | Shape::Camel | Shape::Mixed
        ) && is_latin_letter(doc.at(w.s))
            && !cov.any(w.s, w.e);
        if !starts {
            k += 1;
            continue;
        }
        // extend the run
        let mut run: Vec<(usize, Shape)> = vec![(k, sh)];
        let mut j = k + 1;
        while let Some(nw) = words.get(j) {
            let Some(&(pk, _)) = run.last() else { break };
            let Some(pw) = words.get(pk) else { break };
            if cov.any(nw.s, nw.e) || doc.wlc(pk).ends_with("'s") {
                break;
            }
            let gap: String = (pw.e..nw.s).map(|x| doc.at(x)).collect();
            let nsh = shape(doc, nw);
            let gap_ok = matches!(gap.as_str(), " " | " & " | "&" | "-" | "." | ". " | "'");
            let dotted_abbrev = gap == "." && pw.e - pw.s <= 2 && nw.e - nw.s <= 2;
            let tok_ok = match nsh {
                Shape::Cap | Shape::AllCaps | Shape::Camel => true,
                Shape::Mixed | Shape::Digits => gap == "-",
                Shape::Lower => false,
            };
            if !gap_ok
                || !tok_ok
                || (gap.starts_with('.') && !dotted_abbrev)
                || (gap == ". " && pw.e - pw.s <= 2)
            {
                break;
            }
            run.push((j, nsh));
            j += 1;
        }
        // trim weak ends
        let mut lo = 0usize;
        let mut hi = run.len();
        while lo < hi && run.get(lo).is_some_and(|&(x, s)| weak(doc, x, s)) {
            lo += 1;
        }
        while hi > lo && run.get(hi - 1).is_some_and(|&(x, s)| weak(doc, x, s)) {
            hi -= 1;
        }
        let dotted_run = run.len() >= 2
            && run.windows(2).all(|p| {
                let a = words.get(p[0].0);
                a.is_some_and(|a| doc.at(a.e) == '.')
            });
        if dotted_run {
            // K.B.E. / J.P. / U.S.: keep the whole abbreviation
            lo = 0;
            hi = run.len();
        }
        if lo < hi {
            let (Some(&(a, _)), Some(&(b, _))) = (run.get(lo), run.get(hi - 1)) else {
                k = j.max(k + 1);
                continue;
            };
            if let (Some(wa), Some(wb)) = (words.get(a), words.get(b)) {
                let mut e = wb.e;
                if doc.wlc(b).ends_with("'s") {
                    e -= 2;
                }
                if dotted_run && doc.at(e) == '.' {
                    e += 1;
                }
                let key = name_key(doc, wa.s, e);
                if !key.is_empty() && key.chars().count() >= 2 {
                    out.push(Anchor::new(
                        doc,
                        AnchorKind::Name,
                        AnchorValue::Name(key),
                        wa.s,
                        e,
                    ));
                }
            }
        }
        k = j.max(k + 1);
    }
}

/// Normalised key of a name span.
fn name_key(doc: &Doc, s: usize, e: usize) -> String {
    let mut key = String::new();
    let mut space = false;
    for k in s..e {
        let c = doc.at(k);
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            key.push(l);
        }
    }
    while key.ends_with(['.', ',', ';', ':', '\'', '-', '&', ' ']) {
        key.pop();
    }
    if let Some(stripped) = key.strip_suffix("'s") {
        key = stripped.to_string();
    }
    // plural acronym: SDKs -> sdk
    let surface: String = (s..e).map(|k| doc.at(k)).collect();
    if let Some(stem) = surface.strip_suffix('s') {
        let last_tok = stem.rsplit(' ').next().unwrap_or("");
        if last_tok.len() >= 2 && last_tok.chars().all(|c| c.is_ascii_uppercase()) {
            key.pop();
        }
    }
    key
}

/// Is `lc` (lowercase) a common English word
/// (`data/words/anchors/en-common-words.tsv`)?
pub(super) fn common(lc: &str) -> bool {
    static WORDS: WordIndex<&str> = WordIndex::new(ANCHORS_EN_COMMON_WORDS, |w| w);
    WORDS.contains(lc)
}
