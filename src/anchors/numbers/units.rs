//! Unit words after a number: Chinese (`个工作日`, `周岁`, `美元`,
//! `data/words/anchors/zh-units.tsv`), English (`working days`, `per cent`:
//! `en-units.tsv`; `pounds sterling`: `en-currencies.tsv`; `MB`:
//! `en-data-sizes.tsv`) and the Chinese classifiers that are no units (`个`,
//! `名`, `zh-classifiers.tsv`).

use crate::anchors::Unit;
use crate::anchors::doc::Doc;
use crate::lang::is_han;
use crate::words::{
    ANCHORS_EN_CURRENCIES, ANCHORS_EN_DATA_SIZES, ANCHORS_EN_UNITS, ANCHORS_ZH_CLASSIFIERS,
    ANCHORS_ZH_UNITS,
};

/// What a unit word makes of the number before it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Measure {
    /// A unit: a period, an age, a multiple.
    Unit(Unit),
    /// An amount of money in the currency of this ISO 4217 code.
    Money(&'static str),
    /// A percentage.
    Percent,
    /// A data size; the number of bytes in one unit.
    Bytes(f64),
}

impl Measure {
    /// The measure of a unit-table row: a currency code or a unit (percent
    /// and data sizes are units of their own kind).
    fn of(unit: Option<Unit>, currency: Option<&'static str>, bytes: Option<f64>) -> Option<Self> {
        Some(match (unit, currency) {
            (_, Some(c)) => Measure::Money(c),
            (Some(Unit::Percent), None) => Measure::Percent,
            (Some(Unit::Byte), None) => Measure::Bytes(bytes.unwrap_or(1.0)),
            (Some(u), None) => Measure::Unit(u),
            (None, None) => return None,
        })
    }
}

/// Unit word at `p` in Chinese text: (measure, length in chars).
pub(super) fn zh_unit_at(doc: &Doc, p: usize) -> Option<(Measure, usize)> {
    if !is_han(doc.at(p)) {
        return None;
    }
    let &(word, unit, currency) = ANCHORS_ZH_UNITS.iter().find(|r| doc.starts_with(p, r.0))?;
    let next = doc.at(p + 1);
    // 周边 "surroundings", 周期 "cycle", 周知 "known to all": no week
    if word == "周" && matches!(next, '边' | '围' | '期' | '知' | '全' | '密' | '转') {
        return None;
    }
    // 日期 "date", 日常 "daily", 日志 "log", 日益 "increasingly": no day
    if word == "日" && matches!(next, '期' | '常' | '志' | '益') {
        return None;
    }
    // 三十年代 "the 1930s": a decade, no period
    if word == "年" && next == '代' {
        return None;
    }
    // 次要 "secondary", 次数 "number of times", 次序 "order": no repetition
    if word == "次" && matches!(next, '要' | '数' | '序' | '级') {
        return None;
    }
    Some((Measure::of(unit, currency, None)?, word.chars().count()))
}

/// English unit phrase at `p` (a word start): (measure, end char index).
/// The phrase's words follow each other with one space or a hyphen between
/// them; the longest phrase of the unit, currency and data-size tables wins
/// (`pounds sterling` over `pounds`).
pub(super) fn en_unit(doc: &Doc, p: usize) -> Option<(Measure, usize)> {
    let k = doc.word_at(p)?;
    let unit = longest_phrase(doc, k, ANCHORS_EN_UNITS, |r| r.0)
        .and_then(|(n, e, r)| Some((n, e, Measure::of(Some(r.1), None, None)?)));
    let money = longest_phrase(doc, k, ANCHORS_EN_CURRENCIES, |r| r.0)
        .map(|(n, e, r)| (n, e, Measure::Money(r.1)));
    let size = longest_phrase(doc, k, ANCHORS_EN_DATA_SIZES, |r| r.0)
        .map(|(n, e, r)| (n, e, Measure::Bytes(r.1)));
    [unit, money, size]
        .into_iter()
        .flatten()
        .max_by_key(|&(n, ..)| n)
        .map(|(_, e, m)| (m, e))
}

/// The longest phrase of `table` (sorted by phrase) that starts at word
/// `k`: (number of words, end char index, row).
fn longest_phrase<'t, R>(
    doc: &Doc,
    k: usize,
    table: &'t [R],
    phrase: impl Fn(&R) -> &'static str,
) -> Option<(usize, usize, &'t R)> {
    let lc = doc.wlc(k);
    // A possessive ends the phrase: "one year's time", "a month's notice".
    let (lc, possessive) = match lc.strip_suffix("'s") {
        Some(base) => (base, true),
        None => (lc, false),
    };
    // the rows starting with this word are together in the sorted table
    let from = table.partition_point(|r| phrase(r) < lc);
    let mut best: Option<(usize, usize, &R)> = None;
    for r in table
        .get(from..)?
        .iter()
        .take_while(|r| phrase(r).starts_with(lc))
    {
        let mut words = phrase(r).split(' ');
        if words.next() != Some(lc) || possessive && phrase(r).contains(' ') {
            continue;
        }
        let Some(end) = phrase_end(doc, k, words) else {
            continue;
        };
        let n = phrase(r).split(' ').count();
        if best.is_none_or(|(m, ..)| n > m) {
            best = Some((n, end, r));
        }
    }
    best
}

/// End of the words `rest` when they follow word `k` one by one, each
/// joined to the one before by up to one space or by a hyphen.
fn phrase_end<'p>(doc: &Doc, k: usize, rest: impl Iterator<Item = &'p str>) -> Option<usize> {
    let mut end = doc.word(k)?.e;
    for (j, w) in rest.enumerate() {
        let nw = doc.word(k + j + 1)?;
        let joined = doc.only_spaces(end, nw.s, 1) || (nw.s == end + 1 && doc.at(end) == '-');
        if !joined || doc.wlc(k + j + 1) != w {
            return None;
        }
        end = nw.e;
    }
    Some(end)
}

/// Chinese classifiers / measure words (counting words, no unit).
pub(super) fn is_classifier(c: char) -> bool {
    ANCHORS_ZH_CLASSIFIERS.binary_search(&c).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_rows_name_one_measure() {
        for &(w, unit, currency) in ANCHORS_ZH_UNITS {
            assert!(unit.is_some() != currency.is_some(), "{w}");
        }
        for &(w, unit) in ANCHORS_EN_UNITS {
            assert!(!matches!(unit, Unit::Byte | Unit::Currency(_)), "{w}");
        }
    }

    #[test]
    fn english_phrases() {
        let at = |t: &str| en_unit(&Doc::new(t), 0);
        assert_eq!(at("pounds sterling"), Some((Measure::Money("GBP"), 15)));
        assert_eq!(at("pounds"), Some((Measure::Money("GBP"), 6)));
        assert_eq!(
            at("working-days"),
            Some((Measure::Unit(Unit::WorkingDay), 12))
        );
        assert_eq!(at("working hours"), None);
        assert_eq!(at("per cent"), Some((Measure::Percent, 8)));
        assert_eq!(at("per"), None);
        assert_eq!(at("Hong Kong dollars"), Some((Measure::Money("HKD"), 17)));
        assert_eq!(at("MB"), Some((Measure::Bytes(1024.0 * 1024.0), 2)));
    }
}
