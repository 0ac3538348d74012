//! Values: numbers, dates, periods, amounts, percentages, ages and
//! versions. The two sides of a line group hold multisets of normalised
//! values; a value left over on both sides is a changed value, a promise
//! (period, amount, percentage, age, version) left over on one side only is
//! one the other version leaves out. A value the other side writes in a
//! neighbouring group is a sentence-boundary difference, not a change.

use std::collections::{BTreeMap, VecDeque};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Role, Unit};
use crate::check::Neighbours;
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, lang_name};
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;
use crate::words::CHECK_PERIOD_WORDS_EN;

/// A value anchor and the clause it comes from.
pub(crate) type Located<'b> = (usize, &'b Anchor);

/// Phase [`Rule::Values`](crate::check::Rule::Values) on one line group:
/// numbers and dates, as multisets of normalised values on both sides.
pub(crate) fn check(
    ctx: &Context,
    claimed: &Claims,
    group: &AlignedPair,
    neighbours: &Neighbours,
) -> Outcome {
    let mut out = Outcome::default();
    let is_value = |a: &Anchor| matches!(a.kind, AnchorKind::Number | AnchorKind::Date);
    let zh = ctx.group_anchors(Lang::Zh, &group.zh, claimed, is_value);
    let en = ctx.group_anchors(Lang::En, &group.en, claimed, is_value);
    if zh.is_empty() && en.is_empty() {
        return out;
    }
    let (zh_only, en_only) = unmatched(&zh, &en);
    let (zh_only, en_only) = drop_unit_only_differences(zh_only, en_only);
    if zh_only.is_empty() || en_only.is_empty() {
        // One side has a value the other does not write at all: often a
        // translator's choice, or a value written in words the extractor
        // cannot read. Reported only for values that are promises in
        // themselves (a period, an amount, a percentage, an age, a
        // version), and only where the other side has no value of that
        // sort left over in a neighbouring group either.
        one_sided_values(
            ctx, claimed, group, neighbours, &zh_only, &en_only, &mut out,
        );
        return out;
    }
    // A value the other side writes in a neighbouring group, where it
    // is left over there, is a sentence-boundary difference.
    let en_near = left_over_near(ctx, claimed, neighbours, Lang::En, is_value);
    let zh_near = left_over_near(ctx, claimed, neighbours, Lang::Zh, is_value);
    let excused = |a: &Anchor, near: &FxHashSet<String>| {
        a.value.point_keys().iter().any(|k| near.contains(k))
    };
    for ((zid, za), (eid, ea)) in pair_up(&zh_only, &en_only) {
        // Both values explained by neighbouring groups: a boundary
        // difference, not a change.
        if excused(za, &en_near) && excused(ea, &zh_near) {
            continue;
        }
        // A date written more or less fully ("五月十七日" against "17 May
        // 1989", "1993年3月" against "31 March 1993"): no field both write
        // differs, so neither contradicts the other.
        if compatible_dates(&za.value, &ea.value)
            && !digits_beside(ctx.clauses(Lang::Zh)[zid].body_text(), za)
            && !digits_beside(ctx.clauses(Lang::En)[eid].body_text(), ea)
        {
            continue;
        }
        let kind = if za.kind == AnchorKind::Date && ea.kind == AnchorKind::Date {
            FindingKind::Date
        } else {
            FindingKind::Number
        };
        let what = describe_value(&za.value, &ea.value);
        // The same number read two ways ("21岁" an age, "21 years" a
        // period; "44至62段" against "paragraphs 44 to 62"): what differs is
        // the reading, hardly the promise.
        let same_number = numeric(&za.value).is_some() && numeric(&za.value) == numeric(&ea.value);
        out.findings.push(Finding {
            id: String::new(),
            kind,
            severity: Severity::Error,
            // Both sides write the value, and the values differ.
            confidence: if same_number { 0.45 } else { 0.9 },
            zh: vec![zid],
            en: vec![eid],
            zh_value: Some(za.surface.clone()),
            en_value: Some(ea.surface.clone()),
            message: format!("{what} differs: {} (zh) vs {} (en)", za.surface, ea.surface),
        });
    }
    out
}

/// A promise (period, amount, percentage, age, version) written on one side
/// only, and nowhere near on the other side.
fn one_sided_values(
    ctx: &Context,
    claimed: &Claims,
    group: &AlignedPair,
    neighbours: &Neighbours,
    zh_only: &[Located],
    en_only: &[Located],
    out: &mut Outcome,
) {
    let promise = |a: &Anchor| match &a.value {
        AnchorValue::Version(_) => true,
        AnchorValue::Quantity { role, .. } => {
            matches!(role, Role::Period | Role::Money | Role::Percent | Role::Age)
        }
        _ => false,
    };
    let is_value = |a: &Anchor| matches!(a.kind, AnchorKind::Number | AnchorKind::Date);
    for (lang, only) in [(Lang::Zh, zh_only), (Lang::En, en_only)] {
        let Some(&(id, a)) = only.iter().find(|(_, a)| promise(a)) else {
            continue;
        };
        // The other side may have moved it to the next sentence.
        let near = neighbours.iter().flatten().any(|g| {
            let ids = if lang == Lang::Zh { &g.en } else { &g.zh };
            ids.iter().any(|&oid| {
                ctx.anchors(lang.other(), oid, claimed)
                    .iter()
                    .any(|b| is_value(b) && b.key() == a.key())
            })
        });
        if near {
            continue;
        }
        // The other side writes the value in text another rule reports (a
        // sentence it finds untranslated, claimed): that finding covers
        // the place; the value is not missing ("2.0 版本" in a Chinese
        // sentence reported as untranslated, against "version 2.0").
        let ids = if lang == Lang::Zh {
            &group.en
        } else {
            &group.zh
        };
        let in_claimed = ids.iter().any(|&oid| {
            ctx.all_anchors(lang.other(), oid)
                .iter()
                .any(|b| is_value(b) && b.key() == a.key())
        });
        if in_claimed {
            continue;
        }
        // A Chinese period the English states in a word ("biennium" for
        // 两年期, "annually" for 每年).
        if lang == Lang::Zh && stated_in_a_word(ctx, &a.value, &group.en) {
            continue;
        }
        // The same number read as something else on the other side ("1.2
        // 版" against "Version 1.2", a count against an amount): the value
        // is there, and its reading is what differs.
        let same_number = numeric(&a.value).is_some_and(|v| {
            let ids = if lang == Lang::Zh {
                &group.en
            } else {
                &group.zh
            };
            ids.iter().any(|&oid| {
                ctx.anchors(lang.other(), oid, claimed)
                    .iter()
                    .any(|b| is_value(b) && numeric(&b.value) == Some(v))
            })
        });
        let what = describe_value(&a.value, &a.value);
        let (zh, en, zv, ev) = match lang {
            Lang::Zh => (vec![id], group.en.clone(), Some(a.surface.clone()), None),
            Lang::En => (group.zh.clone(), vec![id], None, Some(a.surface.clone())),
        };
        out.findings.push(Finding {
            id: String::new(),
            kind: FindingKind::Number,
            severity: Severity::Warning,
            // A promise on one side only: real, or a value the extractor
            // could not read on the other side.
            confidence: if same_number { 0.45 } else { 0.6 },
            zh,
            en,
            zh_value: zv,
            en_value: ev,
            message: format!(
                "{what} only in the {} version: {}",
                lang_name(lang),
                a.surface
            ),
        });
    }
}

/// The number a value states, whatever it counts: a quantity's value, a
/// version such as "1.2" (not "2.1.3").
/// Whether two dates agree on every field both write (year, month, day,
/// time), and share a field: one is the other written less fully.
fn compatible_dates(a: &AnchorValue, b: &AnchorValue) -> bool {
    let (
        AnchorValue::Date {
            year: ya,
            month: ma,
            day: da,
            time: ta,
        },
        AnchorValue::Date {
            year: yb,
            month: mb,
            day: db,
            time: tb,
        },
    ) = (a, b)
    else {
        return false;
    };
    fn agree<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> (bool, bool) {
        match (x, y) {
            (Some(x), Some(y)) => (x == y, true),
            _ => (true, false),
        }
    }
    let fields = [agree(ya, yb), agree(ma, mb), agree(da, db), agree(ta, tb)];
    fields.iter().all(|&(same, _)| same) && fields.iter().any(|&(_, both)| both)
}

/// Whether a number stands right beside an anchor ("November 33, 2023",
/// "2025-14-22"): a date the reader could not take whole, whose other
/// fields are unknown rather than left out.
fn digits_beside(body: &str, a: &Anchor) -> bool {
    let after = body[a.end.min(body.len())..]
        .trim_start_matches([' ', '-', '/', ',', '.'])
        .chars()
        .next();
    let before = body[..a.start.min(body.len())]
        .trim_end_matches([' ', '-', '/', ',', '.'])
        .chars()
        .next_back();
    after.is_some_and(|c| c.is_ascii_digit()) || before.is_some_and(|c| c.is_ascii_digit())
}

/// Whether English clauses `ids` hold a word that states the period `value`
/// without a number (`data/words/check/period-words-en.tsv`).
fn stated_in_a_word(ctx: &Context, value: &AnchorValue, ids: &[usize]) -> bool {
    let AnchorValue::Quantity {
        value,
        unit,
        role: Role::Period,
        ..
    } = value
    else {
        return false;
    };
    ids.iter().any(|&id| {
        ctx.clauses(Lang::En)[id]
            .body_text()
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 5)
            .any(|w| {
                let w = w.to_ascii_lowercase();
                CHECK_PERIOD_WORDS_EN
                    .binary_search_by(|r| r.0.cmp(w.as_str()))
                    .is_ok_and(|k| {
                        let (_, count, u) = CHECK_PERIOD_WORDS_EN[k];
                        u == *unit && count as f64 == *value
                    })
            })
    })
}

fn numeric(v: &AnchorValue) -> Option<f64> {
    match v {
        AnchorValue::Quantity { value, .. } => Some(*value),
        AnchorValue::Version(s) => s.parse().ok(),
        _ => None,
    }
}

/// Keys of the anchors (of the kind `keep` selects) that neighbouring
/// groups leave over on side `lang`: written there without a partner on
/// the other side.
pub(crate) fn left_over_near(
    ctx: &Context,
    claimed: &Claims,
    neighbours: &Neighbours,
    lang: Lang,
    keep: impl Fn(&Anchor) -> bool,
) -> FxHashSet<String> {
    neighbours
        .iter()
        .flatten()
        .flat_map(|g| {
            let zh = ctx.group_anchors(Lang::Zh, &g.zh, claimed, &keep);
            let en = ctx.group_anchors(Lang::En, &g.en, claimed, &keep);
            let (z, e) = unmatched(&zh, &en);
            let side = if lang == Lang::Zh { z } else { e };
            side.into_iter()
                .flat_map(|(_, a)| a.value.point_keys())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What a pair of differing values is, for messages ("period", "date", ...).
fn describe_value(a: &AnchorValue, b: &AnchorValue) -> &'static str {
    match (a, b) {
        (AnchorValue::Date { .. }, AnchorValue::Date { .. }) => "date",
        (AnchorValue::Version(_), _) | (_, AnchorValue::Version(_)) => "version",
        (AnchorValue::Quantity { role: r1, .. }, AnchorValue::Quantity { role: r2, .. })
            if r1 == r2 =>
        {
            match r1 {
                Role::Period => "period",
                Role::Age => "age",
                Role::Percent => "percentage",
                Role::Money => "amount",
                Role::Ordinal => "reference",
                Role::Fraction => "fraction",
                Role::Multiple => "multiple",
                Role::Size => "size",
                Role::Count => "number",
            }
        }
        _ => "number",
    }
}

/// Anchors of each side whose value the other side lacks (multisets by
/// point key; a range matches its two ends written apart).
pub(crate) fn unmatched<'b>(
    zh: &[(usize, &'b Anchor)],
    en: &[(usize, &'b Anchor)],
) -> (Vec<Located<'b>>, Vec<Located<'b>>) {
    let mut en_keys: BTreeMap<String, usize> = BTreeMap::new();
    for (_, a) in en {
        for k in a.value.point_keys() {
            *en_keys.entry(k).or_insert(0) += 1;
        }
    }
    let mut zh_keys: BTreeMap<String, usize> = BTreeMap::new();
    for (_, a) in zh {
        for k in a.value.point_keys() {
            *zh_keys.entry(k).or_insert(0) += 1;
        }
    }
    let take = |keys: &mut BTreeMap<String, usize>, a: &Anchor| -> bool {
        let ks = a.value.point_keys();
        if ks.iter().all(|k| keys.get(k).copied().unwrap_or(0) > 0) {
            for k in &ks {
                if let Some(c) = keys.get_mut(k) {
                    *c -= 1;
                }
            }
            true
        } else {
            false
        }
    };
    let zh_only: Vec<_> = zh
        .iter()
        .filter(|(_, a)| !take(&mut en_keys, a))
        .copied()
        .collect();
    let en_only: Vec<_> = en
        .iter()
        .filter(|(_, a)| !take(&mut zh_keys, a))
        .copied()
        .collect();
    (zh_only, en_only)
}

/// Remove pairs of left-over quantities with the same number where one side
/// writes no unit: `七十六亿` against `NT$7.6 billion`, `15` against `15
/// days`. The translator left the unit implicit; the number is the same.
/// So is a number without unit on both sides read in different roles:
/// `附件一` (a reference) against `Attachment 1`, `两倍` against `2`. (Two
/// different units, `6个月` against `6 years`, stay a difference.)
fn drop_unit_only_differences<'b>(
    zh: Vec<Located<'b>>,
    en: Vec<Located<'b>>,
) -> (Vec<Located<'b>>, Vec<Located<'b>>) {
    // The number as quantity keys write it, and whether a unit is given.
    let plain = |a: &Anchor| match a.value {
        AnchorValue::Quantity {
            value, unit, bound, ..
        } if !matches!(bound, crate::anchors::Bound::Range(..)) => {
            Some((format!("{value}"), unit != Unit::None))
        }
        _ => None,
    };
    // English values by number and unit presence, in order: one hash
    // look-up per Chinese value keeps this linear when thousands are left.
    let mut queues: FxHashMap<(String, bool), VecDeque<usize>> = FxHashMap::default();
    for (k, (_, b)) in en.iter().enumerate() {
        if let Some(key) = plain(b) {
            queues.entry(key).or_default().push_back(k);
        }
    }
    let mut en_used = vec![false; en.len()];
    let zh: Vec<Located<'b>> = zh
        .into_iter()
        .filter(|(_, a)| {
            let partner = plain(a).and_then(|(v, has_unit)| {
                // Prefer the partner that supplies the missing unit.
                if let Some(k) = queues
                    .get_mut(&(v.clone(), !has_unit))
                    .and_then(VecDeque::pop_front)
                {
                    return Some(k);
                }
                if has_unit {
                    return None;
                }
                queues.get_mut(&(v, false)).and_then(VecDeque::pop_front)
            });
            match partner {
                Some(k) => {
                    en_used[k] = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    let en = en
        .into_iter()
        .zip(en_used)
        .filter(|(_, used)| !used)
        .map(|(e, _)| e)
        .collect();
    (zh, en)
}

/// Pair up differing values: dates with dates, quantities with quantities
/// of the same unit where possible, in order.
fn pair_up<'b>(
    zh: &[(usize, &'b Anchor)],
    en: &[(usize, &'b Anchor)],
) -> Vec<(Located<'b>, Located<'b>)> {
    /// What a value must share with its partner: its sort (a date, a
    /// quantity of one unit, a version, a code), or else, for quantities,
    /// the number ("6个月" vs "6 years").
    #[derive(PartialEq, Eq, Hash)]
    enum Sort {
        Date,
        Quantity(Unit),
        Version,
        Code,
    }
    let sort = |a: &Anchor| match &a.value {
        AnchorValue::Date { .. } => Some(Sort::Date),
        AnchorValue::Quantity { unit, .. } => Some(Sort::Quantity(unit.comparable())),
        AnchorValue::Version(_) => Some(Sort::Version),
        AnchorValue::Code(_) => Some(Sort::Code),
        _ => None,
    };
    // Equal numbers hash alike (0.0 = -0.0); NaN equals nothing.
    let number = |a: &Anchor| match a.value {
        AnchorValue::Quantity { value, .. } if !value.is_nan() => {
            Some(if value == 0.0 { 0 } else { value.to_bits() })
        }
        _ => None,
    };
    // English values of each sort and of each number, in order: the first
    // unused one is the partner. Queues instead of a scan from the start
    // for every Chinese value keep this linear when thousands differ.
    let mut by_sort: FxHashMap<Sort, VecDeque<usize>> = FxHashMap::default();
    let mut by_number: FxHashMap<u64, VecDeque<usize>> = FxHashMap::default();
    for (k, (_, ea)) in en.iter().enumerate() {
        if let Some(s) = sort(ea) {
            by_sort.entry(s).or_default().push_back(k);
        }
        if let Some(v) = number(ea) {
            by_number.entry(v).or_default().push_back(k);
        }
    }
    let first_unused = |queue: Option<&mut VecDeque<usize>>, used: &[bool]| {
        let queue = queue?;
        while let Some(&k) = queue.front() {
            if !used[k] {
                return Some(k);
            }
            queue.pop_front();
        }
        None
    };
    let mut used = vec![false; en.len()];
    let mut out = Vec::new();
    for &(zid, za) in zh {
        let k = first_unused(sort(za).and_then(|s| by_sort.get_mut(&s)), &used)
            .or_else(|| first_unused(number(za).and_then(|v| by_number.get_mut(&v)), &used));
        if let Some(k) = k {
            used[k] = true;
            out.push(((zid, za), en[k]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::findings;

    #[test]
    fn a_reference_read_as_a_count_is_the_same_number() {
        let zh = "请填写附件一的登记表，并发送至我们的邮箱。";
        let en =
            "Please complete the registration form in Attachment 1 and send it to our mailbox.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let changed = findings(
            zh,
            "Please complete the registration form in Attachment 2 and send it to our mailbox.",
        );
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, FindingKind::Number);
    }

    #[test]
    fn a_unit_left_implicit_is_not_a_changed_number() {
        let zh = "政府已投入七十六亿，建设下水道。";
        let same = findings(zh, "The government has spent NT$7.6 billion on sewers.");
        assert!(same.is_empty(), "{same:?}");
        let changed = findings(
            "政府已投入七十六亿元，建设下水道。",
            "The government has spent NT$7.5 billion on sewers.",
        );
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, FindingKind::Number);
    }

    #[test]
    fn a_promise_whose_number_the_other_side_reads_otherwise_is_hedged() {
        // The English reads 30 as a plain count ("30 of them"), the Chinese
        // as a period: the number is there; hedged below the default.
        let zh = "我们会在30天内删除这些日志中的30条记录。";
        let en = "We will delete 30 of these log records.";
        let all = crate::check::testing::all_findings(zh, en);
        assert!(
            all.iter()
                .any(|f| f.kind == FindingKind::Number && f.confidence < 0.5),
            "{all:?}"
        );
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        // Without the number on the other side it is reported.
        let gone = findings(zh, "We will delete these log records.");
        assert!(
            gone.iter().any(|(k, _)| *k == FindingKind::Number),
            "{gone:?}"
        );
    }

    #[test]
    fn a_value_in_text_reported_untranslated_is_not_missing() {
        // The Chinese sentence holding "2.0 版本" is reported as not
        // translated (the English says nothing of its reviews); its version
        // still accounts for the English one.
        let zh = "本行为准则改编自贡献者公约。\n该公约的 2.0 版本由社区维护者每年审查并更新，并在所有语言中发布。\n";
        let en = "This Code of Conduct is adapted from the Contributor Covenant,\nversion 2.0.\n";
        let all = crate::check::testing::all_findings(zh, en);
        assert!(
            all.iter().any(|f| f.kind == FindingKind::Omission),
            "{all:?}"
        );
        assert!(
            !all.iter().any(|f| f.kind == FindingKind::Number),
            "{all:?}"
        );
    }

    #[test]
    fn a_period_stated_in_a_word_is_there() {
        let zh = "秘书处将在今后两年期内每两年提出一次报告。";
        let en = "The secretariat will report biennially.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let en = "The secretariat will report annually.";
        assert_eq!(findings(zh, en).len(), 1, "{:?}", findings(zh, en));
    }

    #[test]
    fn a_date_written_less_fully_is_the_same_date() {
        let en = "The report was released on 17 May 1989.";
        assert!(findings("报告于五月十七日发表。", en).is_empty());
        let changed = findings("报告于五月十八日发表。", en);
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, FindingKind::Date);
        // A date the reader could not take whole is no shorter date.
        let bad = findings(
            "发布日期：2023年11月23日",
            "Date of Release: November 33, 2023",
        );
        assert!(bad.iter().any(|(k, _)| *k == FindingKind::Date), "{bad:?}");
    }

    #[test]
    fn the_same_number_read_two_ways_is_hedged() {
        let zh = "申请人必须年满21岁才可申请。";
        // An age against a period of the same years: below the default.
        let en = "Applicants must have reached 21 years before they may apply.";
        let numbers = |en: &str| {
            findings(zh, en)
                .into_iter()
                .filter(|(k, _)| *k == FindingKind::Number)
                .count()
        };
        assert_eq!(numbers(en), 0);
        // Another age is a changed promise.
        assert_eq!(
            numbers("Applicants must be at least 18 years old before they may apply."),
            1
        );
    }
}
