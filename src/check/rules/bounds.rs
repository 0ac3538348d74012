//! Bounds: the same number bounded the other way. "within 30 days" (at
//! most) against 至少30天 ("at least") changes the promise although both
//! write 30 days; [`values`](super::values) compares the numbers, this rule
//! the bound words around numbers both sides write (`至少`, `以内`, `年满`,
//! "at least", "within", "or more"; `data/words/anchors/*bound*.tsv`).
//!
//! Opposite directions are reported, and bounds of one direction of which
//! one includes the value and the other does not (未满19岁 "under 19"
//! against "19 or under"), both saying so; only where no negation stands
//! before either value in its sentence: a negation may turn a bound around
//! ("will not keep it for more than three days"). A bound one side leaves out
//! ("30天内" against "30 days") is a translator's habit, and the difference
//! between "at most" and "under" where one side leaves it open (以下
//! against "under", "within" against 少于) is one usage does not settle.

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Bound, BoundDir, Role, Unit};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;
use crate::words::ANCHORS_ZH_BOUND_SUFFIXES;

/// Phase [`Rule::Bounds`](crate::check::Rule::Bounds) on one line group:
/// each Chinese quantity with a bound word, paired in order with an English
/// quantity of the same value and unit, against that one's bound.
pub(crate) fn check(ctx: &Context, claimed: &Claims, group: &AlignedPair) -> Outcome {
    let mut out = Outcome::default();
    let bounded = |a: &Anchor| {
        a.kind == AnchorKind::Number
            && matches!(
                a.value,
                AnchorValue::Quantity { bound, .. } if bound != Bound::Exact && !matches!(bound, Bound::Range(..))
            )
    };
    let zh = ctx.group_anchors(Lang::Zh, &group.zh, claimed, bounded);
    if zh.is_empty() {
        return out;
    }
    let en = ctx.group_anchors(Lang::En, &group.en, claimed, bounded);
    let mut used = vec![false; en.len()];
    for &(zid, za) in &zh {
        let key = za.value.key();
        // The same value and unit; failing that, the same value with its
        // unit written on one side only ("19 or under" for 未满19岁), for
        // the strictness of bounds in the same direction only (a number
        // the scanner gave a unit by mistake, 3亿月活跃用户 "300 million
        // monthly users" read as months, must not meet the wrong bound).
        let same = (0..en.len()).find(|&k| !used[k] && en[k].1.value.key() == key);
        let Some(k) = same.or_else(|| {
            (0..en.len()).find(|&k| {
                !used[k]
                    && unit_left_out(&za.value, &en[k].1.value)
                    && bound_of(za).direction() == bound_of(en[k].1).direction()
            })
        }) else {
            continue;
        };
        used[k] = true;
        let (eid, ea) = en[k];
        if negated_before(ctx, Lang::Zh, zid, za) || negated_before(ctx, Lang::En, eid, ea) {
            continue;
        }
        let (zb, eb) = (bound_of(za), bound_of(ea));
        let opposite = matches!(
            (zb.direction(), eb.direction()),
            (BoundDir::Lower, BoundDir::Upper) | (BoundDir::Upper, BoundDir::Lower)
        );
        let strictness = zb.direction() == eb.direction()
            && strict(zb) != strict(eb)
            && explicit_zh(za)
            && explicit_en(ea);
        if !opposite && !strictness {
            continue;
        }
        out.findings.push(Finding {
            id: String::new(),
            kind: FindingKind::Number,
            severity: Severity::Error,
            // Both sides bound the same value, in opposite directions; or
            // in the same direction, one including the value and the other
            // not (未满19岁 "under 19" against "19 or under"), a smaller
            // difference.
            confidence: if opposite { 0.8 } else { 0.65 },
            zh: vec![zid],
            en: vec![eid],
            zh_value: Some(za.surface.clone()),
            en_value: Some(ea.surface.clone()),
            message: format!(
                "bound differs: {} ({}, zh) vs {} ({}, en)",
                za.surface,
                reading(zb),
                ea.surface,
                reading(eb)
            ),
        });
    }
    out
}

/// Whether a negation stands before a value in its sentence: "in no event
/// will we hold it for more than three days" bounds it at most, though
/// "more than" reads as a lower bound. (A negation the bound word holds,
/// 不得少于, is read with it by the anchor scanner.)
fn negated_before(ctx: &Context, lang: Lang, id: usize, a: &Anchor) -> bool {
    let body = ctx.clauses(lang)[id].body_text();
    ctx.all_anchors(lang, id).iter().any(|n| {
        n.kind == AnchorKind::Negation
            && n.end <= a.start
            && !body[n.end..a.start].contains(['。', '！', '？', '；', '.', '!', '?', ';'])
    })
}

/// Whether a bound excludes its value ("under", "more than", 未满, 超过).
fn strict(b: Bound) -> bool {
    matches!(b, Bound::Under | Bound::Over)
}

/// Whether a Chinese bound says whether it includes its value: a word before
/// the number does (未满, 不超过, 至少); 以上, 以下, 以内 after it leave it
/// open in common usage (13岁以下 is read both ways).
fn explicit_zh(a: &Anchor) -> bool {
    let surface = a.surface.trim_end();
    !ANCHORS_ZH_BOUND_SUFFIXES
        .iter()
        .any(|(w, _)| surface.ends_with(w))
}

/// Whether an English bound says whether it includes its value: "within 30
/// days" is how both "不超过30天" and "30天内" are rendered, and says
/// nothing of the last day.
fn explicit_en(a: &Anchor) -> bool {
    !a.surface
        .trim_start()
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("within"))
}

/// Whether two quantities have the same value, one of them with no unit
/// (and, if it is a bare number, whatever role the other has).
fn unit_left_out(a: &AnchorValue, b: &AnchorValue) -> bool {
    match (a, b) {
        (
            AnchorValue::Quantity {
                value: va,
                unit: ua,
                role: ra,
                ..
            },
            AnchorValue::Quantity {
                value: vb,
                unit: ub,
                role: rb,
                ..
            },
        ) => {
            // A bare number reads as a count, whatever it counts.
            let bare = |u: &Unit, r: &Role| *u == Unit::None && *r == Role::Count;
            va == vb
                && (ra == rb || bare(ua, ra) || bare(ub, rb))
                && (*ua == Unit::None) != (*ub == Unit::None)
        }
        _ => false,
    }
}

fn bound_of(a: &Anchor) -> Bound {
    match a.value {
        AnchorValue::Quantity { bound, .. } => bound,
        _ => Bound::Exact,
    }
}

/// What a bound says, for the message.
fn reading(b: Bound) -> &'static str {
    match b {
        Bound::AtLeast => "at least",
        Bound::Over => "more than",
        Bound::AtMost => "at most",
        Bound::Under => "less than",
        Bound::Exact | Bound::Range(..) => "exactly",
    }
}
