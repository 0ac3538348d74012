//! Anchor extraction: the comparable facts of one clause.
//!
//! An *anchor* is a fact that a faithful translation must preserve: a
//! number, a date, a contact, a Latin-script name, a negation cue or a modal
//! cue. Extraction is a set of pure, panic-free, linear-time scanners over
//! one clause; values are normalised so that the same fact written in
//! Chinese and in English gets the same [`AnchorValue::key`].
//!
//! # Pipeline and overlap
//!
//! The text is folded once (full-width ASCII → ASCII except `，`, dash and
//! apostrophe variants, `○` → `〇`; one char to one char, so byte offsets of
//! anchors always refer to the original text). Passes run in this order and
//! each marks the characters it used: contacts (e-mail, URL, phone) → numbers
//! (dates, times, versions, codes, quantities) → names → cues. A number inside
//! a URL, e-mail, phone, date or version therefore never yields a second
//! anchor. The caller strips a clause's leading numbering label (`1.`,
//! `1.1`, `（二）`); mid-clause list labels `(1)`, `（一）`, `1)`, `一、` and
//! footnote marks `3/ ` are skipped here.
//!
//! # Where the rules are
//!
//! Each kind of anchor has its scanner, and each scanner's documentation
//! lists its rules:
//!
//! * numbers, dates, times, versions and codes: `numbers` (atoms in
//!   `numbers/atoms.rs`, `chinese.rs`, `english.rs`; anchors in `dates.rs`,
//!   `times.rs`, `codes.rs`, `quantities.rs`; unit and bound words in
//!   `units.rs` and `bounds.rs`). Values are normalised so that `十五个工作日内`
//!   = `within 15 working days`, `2024.8.6` = `August 6, 2024` =
//!   `二〇二四年八月六日`; a quantity carries its [`Unit`], [`Role`] and
//!   [`Bound`]. The numerals themselves are read by [`crate::numerals`].
//! * contacts: `contacts` (e-mails lowercased, URLs scheme-insensitive with
//!   lowercase host, no trailing slash and no locale path segment, phones as
//!   digits with `+86`/`0086` folded to the trunk `0`; Markdown `[x](x)`
//!   gives one anchor).
//! * names: `names` (Latin-script runs, capitalised, ALL-CAPS or camel-case,
//!   trimmed of common English words, keyed lowercase without possessive).
//! * negation and modal cues: `cues` (`negation_zh.rs`, `negation_en.rs`,
//!   `modal_zh.rs`, `modal_en.rs`), with the **combination rule**: a
//!   prohibition (`不得`, `shall not`) is one Modal anchor
//!   ([`Modality::Prohibition`]) *and* one Negation anchor; a negated
//!   obligation (`无需`, `need not`) is one Negation plus Permission; a
//!   negated future (`不会`, `will not`) is one Negation plus Future.
//!
//! The language knowledge these rules read (cue words, look-alikes, units,
//! bound words, month names, classifiers, common English words) is data,
//! one list per file in `data/words/anchors/`, compiled into
//! [`crate::words`] at build time; each file's header says what the list is
//! and why.
//!
//! # Comparing
//!
//! Use [`AnchorValue::key`] for equality and [`AnchorValue::point_keys`] for
//! multiset comparisons robust to ranges; compare [`Bound::direction`]
//! separately. All scanners are linear in the clause length (bounded
//! look-around, cursors instead of searches, byte-level pre-checks that skip
//! whole passes), allocate per anchor rather than per character, and never
//! index or slice unchecked.

use serde::Serialize;

mod contacts;
pub(crate) mod cues;
mod doc;
mod names;
mod numbers;
mod phrases;
#[cfg(test)]
mod tests;

use doc::{Coverage, Doc};

pub use crate::lang::Lang;

/// Whether a lower-case English word is one of the common words that are
/// not names when capitalised ("The", "Data", "Policy").
pub fn is_common_english_word(lower: &str) -> bool {
    names::common(lower)
}

/// What kind of fact an anchor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AnchorKind {
    /// A quantity, ordinal, version or numeric code.
    Number,
    /// A calendar date, a year, a month, or a time of day.
    Date,
    /// An e-mail address (or an obfuscated placeholder).
    Email,
    /// A web address.
    Url,
    /// A telephone number.
    Phone,
    /// A Latin-script proper name (brand, product, organisation, acronym).
    Name,
    /// A negation cue.
    Negation,
    /// A modal cue (obligation, permission, prohibition, future).
    Modal,
}

/// Unit of a [`AnchorValue::Quantity`]. Only units that change what a number
/// means are kept; counting words and classifiers (`个`, `名`, `members`) give
/// [`Unit::None`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Unit {
    /// No measurement unit (plain counts, ordinals, fractions).
    None,
    /// Calendar / natural day (`天`, `日`, `自然日`, `days`, `calendar days`).
    Day,
    /// Working / business day (`工作日`, `working days`, `business days`).
    WorkingDay,
    /// Week (`周`, `星期`, `weeks`).
    Week,
    /// Month (`个月`, `months`).
    Month,
    /// Year (`年`, `years`).
    Year,
    /// Hour.
    Hour,
    /// Minute.
    Minute,
    /// Second.
    Second,
    /// Age in years (`周岁`, `岁`, `years old`, `under the age of`).
    Age,
    /// Percent (`%`, `per cent`, `百分之`); the value is the percentage.
    Percent,
    /// Multiplier or repetitions (`倍`, `次`, `times`, `twice`).
    Times,
    /// Money; the ISO 4217 code (`CNY`, `USD`, `EUR`, `GBP`, `HKD`, `JPY`).
    Currency(&'static str),
    /// Data size; the value is converted to bytes (1 KB = 1024 bytes).
    Byte,
}

/// What a quantity is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Role {
    /// A plain count or amount.
    Count,
    /// A duration (unit is a time unit).
    Period,
    /// An age.
    Age,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// An ordinal or a reference (`第3条`, `section 3`, `forty-fifth`, `4th`).
    Ordinal,
    /// A fraction (`三分之一`, `one third`); the value is the quotient.
    Fraction,
    /// A multiplier or a number of repetitions (`两倍`, `twice`, `3次`).
    Multiple,
    /// A data size.
    Size,
}

/// Bound attached to a quantity. Chinese `以上/以下/以内` include the number,
/// so they map to `AtLeast`/`AtMost`; English `over/under` map to
/// `Over`/`Under`. Compare bounds with [`Bound::direction`] when a loose
/// match is wanted (translations often mix the inclusive and strict forms).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Bound {
    /// No bound word.
    Exact,
    /// `至少`, `不少于`, `以上`, `年满`, `at least`, `or more`, `no less than`.
    AtLeast,
    /// `最多`, `不超过`, `以下`, `以内`, `内`, `within`, `up to`, `no later than`.
    AtMost,
    /// `少于`, `不满`, `未满`, `under`, `less than`, `below`.
    Under,
    /// `超过`, `多于`, `over`, `more than`, `above`.
    Over,
    /// `3-5`, `三至五`, `3 to 5`, `between 3 and 5` (inclusive).
    Range(f64, f64),
}

/// Direction of a [`Bound`], for loose comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum BoundDir {
    /// Exact value.
    Exact,
    /// A lower bound (`AtLeast`, `Over`).
    Lower,
    /// An upper bound (`AtMost`, `Under`).
    Upper,
    /// A range.
    Range,
}

impl Bound {
    /// Direction of the bound: `Under` and `AtMost` are both `Upper`, etc.
    pub fn direction(&self) -> BoundDir {
        match self {
            Bound::Exact => BoundDir::Exact,
            Bound::AtLeast | Bound::Over => BoundDir::Lower,
            Bound::AtMost | Bound::Under => BoundDir::Upper,
            Bound::Range(..) => BoundDir::Range,
        }
    }
}

/// The modal scale, one per language (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Modality {
    /// `必须`, `应当`, `应`, `须`, `需要`, `务必`, `有义务`; `must`, `shall`,
    /// `should`, `is required to`, `have to`, `need to`.
    Obligation,
    /// Permission or possibility: `可以`, `可`, `可能`, `能`, `有权`, `允许`,
    /// `无需`; `may`, `can`, `might`, `could`, `is entitled to`, `need not`.
    Permission,
    /// `不得`, `禁止`, `严禁`, `不可`, `不能`, `不应`, `无法`, `勿`; `must not`,
    /// `shall not`, `may not`, `cannot`, `is prohibited from`.
    Prohibition,
    /// Intention / future: `将`, `会`, `将会`; `will`, `would`, `is going to`.
    Future,
}

/// The normalised value of an anchor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AnchorValue {
    /// A number with its unit, role and bound.
    Quantity {
        /// Numeric value (for ranges: the low end).
        value: f64,
        /// Measurement unit.
        unit: Unit,
        /// Role of the number.
        role: Role,
        /// Bound or range.
        bound: Bound,
    },
    /// A version (`V1.2`, `Version 2.1`, `第2版` → `"2"`); trailing `.0`
    /// components are dropped (`2.0` = `2`).
    Version(String),
    /// A compound numeric identifier: `46/220` (resolution numbers), dotted
    /// references such as `1.1` after `第`/`section`, `1.2.3`, IP addresses.
    Code(String),
    /// A date, a partial date (year, year-month, month-day) or a time of day.
    Date {
        /// Year.
        year: Option<i32>,
        /// Month 1–12.
        month: Option<u8>,
        /// Day of month 1–31.
        day: Option<u8>,
        /// Time of day (hour, minute); 24-hour when a.m./p.m. (`上午`/`下午`)
        /// is given, otherwise as written.
        time: Option<(u8, u8)>,
    },
    /// Normalised e-mail address, URL or phone number.
    Contact(String),
    /// Normalised name key (lowercase, single spaces, no possessive).
    Name(String),
    /// A negation cue; the anchor's `surface` shows which.
    Polarity,
    /// A modal cue.
    Modality(Modality),
}

impl Unit {
    /// The unit as compared across languages. 元 is the unit of the
    /// renminbi, the New Taiwan dollar and the Hong Kong dollar alike, and a
    /// bare "$" or "dollars" is the local dollar of the text (HK$ in Hong
    /// Kong Hansard, NT$ in Taiwan): translations write one for the other,
    /// so these compare as one currency.
    pub fn comparable(self) -> Unit {
        match self {
            Unit::Currency("CNY" | "TWD" | "HKD" | "USD") => Unit::Currency("dollar-yuan"),
            u => u,
        }
    }
}

fn quantity_key(role: Role, v: &str, unit: Unit) -> String {
    let u = match unit.comparable() {
        Unit::Currency(c) => c.to_string(),
        u => format!("{u:?}"),
    };
    format!("{role:?}:{v}:{u}")
}

impl AnchorValue {
    /// Canonical comparison key. Equal keys mean equal values across
    /// languages. The [`Bound`] of a quantity is *not* part of the key
    /// (except that a range shows both ends), compare it separately. Times
    /// of day are keyed on a 12-hour clock (`下午二时` = `two o'clock`).
    pub fn key(&self) -> String {
        match self {
            AnchorValue::Quantity {
                value,
                unit,
                role,
                bound,
            } => {
                let v = match bound {
                    Bound::Range(lo, hi) => format!("{lo}-{hi}"),
                    _ => format!("{value}"),
                };
                quantity_key(*role, &v, *unit)
            }
            AnchorValue::Version(v) => format!("version:{v}"),
            AnchorValue::Code(v) => format!("code:{v}"),
            AnchorValue::Date {
                year,
                month,
                day,
                time,
            } => {
                let mut s = String::from("date:");
                if let Some(y) = year {
                    s.push_str(&y.to_string());
                }
                if month.is_some() || day.is_some() {
                    s.push_str(&format!("-{:02}", month.unwrap_or(0)));
                }
                if let Some(d) = day {
                    s.push_str(&format!("-{d:02}"));
                }
                if let Some((h, m)) = time {
                    s.push_str(&format!("T{:02}:{m:02}", h % 12));
                }
                s
            }
            AnchorValue::Contact(c) => format!("contact:{c}"),
            AnchorValue::Name(n) => format!("name:{n}"),
            AnchorValue::Polarity => "neg".to_string(),
            AnchorValue::Modality(m) => format!("modal:{m:?}"),
        }
    }

    /// Keys for multiset comparison: like [`AnchorValue::key`], but a range
    /// yields one key per end, so `3-5 working days` matches a clause that
    /// writes the two ends separately (`from 3 to 5`, `3至5`).
    pub fn point_keys(&self) -> Vec<String> {
        match self {
            AnchorValue::Quantity {
                unit,
                role,
                bound: Bound::Range(lo, hi),
                ..
            } => vec![
                quantity_key(*role, &format!("{lo}"), *unit),
                quantity_key(*role, &format!("{hi}"), *unit),
            ],
            v => vec![v.key()],
        }
    }
}

/// One comparable fact found in a clause.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Anchor {
    /// Kind of fact.
    pub kind: AnchorKind,
    /// Normalised value.
    pub value: AnchorValue,
    /// The text as written.
    pub surface: String,
    /// Byte offset of the start in the input text.
    pub start: usize,
    /// Byte offset of the end (exclusive) in the input text.
    pub end: usize,
}

impl Anchor {
    /// Canonical comparison key of the value (see [`AnchorValue::key`]).
    pub fn key(&self) -> String {
        self.value.key()
    }

    fn new(doc: &Doc, kind: AnchorKind, value: AnchorValue, s: usize, e: usize) -> Self {
        Anchor {
            kind,
            value,
            surface: doc.surface(s, e),
            start: doc.byte(s),
            end: doc.byte(e.max(s)),
        }
    }
}

/// Which passes to run and which anchors to keep.
#[derive(Clone, Copy)]
struct Want {
    numbers: bool,
    contacts: bool,
    names: bool,
    negations: bool,
    modals: bool,
}

fn run(text: &str, lang: Lang, want: Want) -> Vec<Anchor> {
    let doc = Doc::new(text);
    let mut cov = Coverage::new(doc.len());
    let mut found: Vec<Anchor> = Vec::new();
    let mut out: Vec<Anchor> = Vec::new();
    contacts::scan(&doc, &mut cov, &mut found);
    if want.contacts {
        out.append(&mut found);
    }
    found.clear();
    let need_numbers = want.numbers || want.names || want.modals;
    if need_numbers {
        numbers::scan(&doc, lang, &mut cov, &mut found);
        if want.numbers {
            out.append(&mut found);
        }
        found.clear();
    }
    if want.names {
        names::scan(&doc, lang, &cov, &mut out);
    }
    // Both passes read the Chinese negation cues; they are scanned once.
    let negs = cues::ZhNegCues::default();
    if want.negations {
        cues::negations(&doc, &cov, &negs, &mut out);
    }
    if want.modals {
        cues::modals(&doc, &cov, &negs, &mut out);
    }
    out.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.end.cmp(&b.end))
            .then((a.kind as u8).cmp(&(b.kind as u8)))
    });
    out
}

/// All anchors of a clause (numbers, dates, contacts, names, negation and
/// modal cues), sorted by start offset.
pub fn extract(text: &str, lang: Lang) -> Vec<Anchor> {
    run(
        text,
        lang,
        Want {
            numbers: true,
            contacts: true,
            names: true,
            negations: true,
            modals: true,
        },
    )
}

/// Number and Date anchors (numbers inside contacts are excluded).
pub fn numbers(text: &str, lang: Lang) -> Vec<Anchor> {
    run(
        text,
        lang,
        Want {
            numbers: true,
            contacts: false,
            names: false,
            negations: false,
            modals: false,
        },
    )
}

/// Email, URL and phone anchors.
pub fn contacts(text: &str) -> Vec<Anchor> {
    run(
        text,
        Lang::En,
        Want {
            numbers: false,
            contacts: true,
            names: false,
            negations: false,
            modals: false,
        },
    )
}

/// Latin-script name anchors.
pub fn names(text: &str, lang: Lang) -> Vec<Anchor> {
    run(
        text,
        lang,
        Want {
            numbers: false,
            contacts: false,
            names: true,
            negations: false,
            modals: false,
        },
    )
}

/// Negation cue anchors (one per cue; prohibitions count once).
pub fn negations(text: &str, lang: Lang) -> Vec<Anchor> {
    run(
        text,
        lang,
        Want {
            numbers: false,
            contacts: false,
            names: false,
            negations: true,
            modals: false,
        },
    )
}

/// Modal cue anchors.
pub fn modals(text: &str, lang: Lang) -> Vec<Anchor> {
    run(
        text,
        lang,
        Want {
            numbers: false,
            contacts: false,
            names: false,
            negations: false,
            modals: true,
        },
    )
}
