//! Numbers, dates, times, versions and numeric codes.
//!
//! Two phases: (1) a linear scan collects numeric *atoms* (Arabic digits,
//! Chinese numeral runs, English number words, English month names:
//! `atoms`, `chinese`, `english`); (2) a pass over the atoms builds anchors
//! using the surrounding words (`dates`, `times`, `codes`, `quantities`, with
//! the unit and bound words of `units` and `bounds`). Both phases only look a
//! bounded distance around each atom, so the whole scan is linear. The word
//! lists are data: `data/words/anchors/{zh,en}-*.tsv`.
//!
//! ## Numbers
//!
//! * Arabic digits (full-width folded), thousands separators `15,000` and the
//!   Hansard style `20 000`, decimals; Chinese multipliers `1.5万`, `3亿`,
//!   `$114.07亿` and English `4.75 million`, `$20 billion` scale the value
//!   (`1.5万` = `15,000`). Decimal values go through one correctly rounded
//!   parse, so equal quantities give bit-equal `f64`s.
//! * Chinese numerals: positional (`二十一`, `一百零五`, `三千五百万`, `两`,
//!   `廿八`, financial `壹佰` in runs), digit-by-digit (`一九八九`,
//!   `二〇二四`), decimals `七点九`, fractions `三分之一` (value 1/3),
//!   `百分之七点九` (7.9 %), `千分之三` (0.3 %).
//! * English: `one`…`ninety-nine`, `hundred`/`thousand`/`million`/`billion`
//!   (`a hundred`, `one hundred and five`), ordinals (`first`, `forty-fifth`,
//!   `21st`), fractions (`one third`, `two thirds`, `a quarter`), `twice`;
//!   `a`/`an` before a time unit is 1 (`within a year` = `一年内`); Roman
//!   numerals only after `annex`/`section`/`part`… or `附件` (`annex IV`).
//! * Not numbers: 一些 一般 一旦 统一 唯一 一致 同一 之一 万一 一切 进一步 这一
//!   一方 第三方/第一方, 百分比, 成千上万, 两岸, 两年期 (biennium), weekdays
//!   (`星期三`, `周一`), a lone `百/千/万/亿`, a lone financial digit (`陆` =
//!   land), runs starting with `零` (`零一万物`), approximate pairs (`三四天`);
//!   English `one of`, `no one`, `one another`, `one or more`, `one-time`,
//!   `once`, `third party`/`third-party`, `first name`, adverbial `first`
//!   (`when you first use`), `a second`, `I` the pronoun, decades `1990s`,
//!   identifiers with attached letters (`Yi-34B`, `COVID-19`, `5G`).
//! * **Article rule** (symmetric): a bare 1 written as a word — a lone `一`
//!   or `one` with no unit (or only 次/倍/times), no bound, not an ordinal —
//!   is an article, not a value, in both languages (`一项决议` / `a
//!   resolution`, `one sign of this`). `1`, `一年`, `one year`, `至少一个`,
//!   `第一` are kept.
//! * Units ([`Unit`]) are only those that change meaning: days, working days
//!   (`工作日` = `working/business days`), weeks, months, years, hours,
//!   minutes, seconds, age (`周岁`, `岁`, `years old`, `under the age of`,
//!   and a bare `under/over N` for 10 ≤ N ≤ 21), percent, times (`倍`, `次`,
//!   `times`, `twice`), money (`元`/`¥`/`人民币` = CNY, `$`/`US$`/`dollars` =
//!   USD, `HK$`/`港元` = HKD, `NT$` = TWD, `€`, `£`, `yen`) and bytes (value
//!   in bytes, 1 KB = 1024). Counting words and classifiers (`个`, `名`,
//!   `members`) give [`Unit::None`], so `33名成员` = `33 members`.
//! * [`Role`](crate::anchors::Role): `第N`, `section/article/paragraph/annex/No.
//!   N`, `N条/款/节` after `第`, ordinal words and `1st` are
//!   [`Role::Ordinal`](crate::anchors::Role::Ordinal) (unit dropped: `第三年`
//!   = `the third year`); coordinated references inherit it (`第9和20条`,
//!   `articles 9 and 20`). `首次/首份/首届` are ordinal 1.
//! * [`Bound`](crate::anchors::Bound): `至少/不少于/年满/以上/at least/or
//!   more` → `AtLeast`; `最多/不超过/以下/以内/内/within/up to/no later than`
//!   → `AtMost`;
//!   `不满/未满/少于/under/less than` → `Under`; `超过/多于/多/余/over/more
//!   than` → `Over`; `3-5`, `三至五`, `3 to 5`, `between 3 and 5` →
//!   `Range(lo, hi)` with `value` = lo. Bounds are not in
//!   [`AnchorValue::key`]; compare them with
//!   [`Bound::direction`](crate::anchors::Bound::direction) (Chinese `以下` is
//!   inclusive, English `under` strict: translations mix them).
//! * Versions: `V1.2`, `v2`, `Version 2.1`, `Version: 2.1`, `版本 1.2`,
//!   `2.1版`, `第2版` → [`AnchorValue::Version`] with trailing `.0` dropped.
//!   Codes: `46/220` (`第46/220号`), dotted references `第1.1条` = `section
//!   1.1`, `1.2.3`, IP addresses → [`AnchorValue::Code`].
//!
//! ## Dates and times
//!
//! `2024.8.6`, `2024/8/6`, `2024-08-06`, `8/6/2024` (M/D/Y unless the first
//! part is > 12), `06.08.2024` (D.M.Y), `2024-08`, `2024年8月6日` (Arabic or
//! Chinese numerals, spaces allowed, `号` = `日`), `8月6日`, `2020年1月`,
//! `1989年`, `民国八十年` (= 1991), `August 6, 2024`, `Aug. 6 2024`, `6
//! August 2024`, `6th of August 2024`, `January 2020`, `in May`, bare years
//! 1800–2100 with no unit (`in 1989`; a round hundred followed by a plural
//! noun, `2000 participants`, is a count). Year ranges `1993-1994`,
//! `1993/94`, `1992-1993年` and day ranges `1993年6月24日至30日` / `24 to 30
//! June 1993` / `June 24-30, 1993` yield **two Date anchors**, the missing
//! fields of one end filled from the other. Times (`8:30`, `14:30:00`,
//! `下午二时三十分`, `九点半`, `2 p.m.`, `two o'clock`, `half-past two`) are
//! separate Date anchors with only `time` set (24-hour when a.m./p.m. or
//! `上午/下午` is written); their key uses a 12-hour clock so that `下午二时` =
//! `two o'clock`. Weekday names are not values.

use super::doc::{Coverage, Doc};
use super::{Anchor, AnchorKind, AnchorValue, Lang, Unit};
use crate::words::{ANCHORS_EN_MONTH_CONTEXT, ANCHORS_EN_REFERENCE_WORDS};

mod atoms;
mod bounds;
mod chinese;
mod codes;
mod dates;
mod english;
mod quantities;
mod times;
mod units;

pub(super) use english::month_of;

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
    let atoms = atoms::atoms(doc, cov);
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

fn prev_word_idx(doc: &Doc, i: usize) -> Option<usize> {
    let k = doc.word_from(i);
    k.checked_sub(1)
}

/// Reference words that make the following number an ordinal (`section 3`,
/// `annex IV`): `data/words/anchors/en-reference-words.tsv`.
fn reference_word(w: &str) -> bool {
    ANCHORS_EN_REFERENCE_WORDS.binary_search(&w).is_ok()
}

/// Words before `May` or `March` that make it the month (`in May`):
/// `data/words/anchors/en-month-context.tsv`. The cue scanner reads them too.
pub(super) fn month_context_word(w: &str) -> bool {
    ANCHORS_EN_MONTH_CONTEXT.binary_search(&w).is_ok()
}
