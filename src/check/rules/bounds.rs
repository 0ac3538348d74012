//! Bounds: the same number bounded the other way. "within 30 days" (at
//! most) against 至少30天 ("at least") changes the promise although both
//! write 30 days; [`values`](super::values) compares the numbers, this rule
//! the bound words around numbers both sides write (`至少`, `以内`, `年满`,
//! "at least", "within", "or more"; `data/words/anchors/*bound*.tsv`).
//!
//! Only opposite directions are reported, and only where no negation stands
//! before either value in its sentence: a negation may turn a bound around
//! ("will not keep it for more than three days"). A bound one side leaves out
//! ("30天内" against "30 days") is a translator's habit, and the difference
//! between "at most" and "under" (以下 against "under") is one Chinese
//! usage leaves open.

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Bound, BoundDir};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;

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
        let Some(k) = (0..en.len()).find(|&k| !used[k] && en[k].1.value.key() == key) else {
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
        if !opposite {
            continue;
        }
        out.findings.push(Finding {
            id: String::new(),
            kind: FindingKind::Number,
            severity: Severity::Error,
            // Both sides bound the same value, in opposite directions.
            confidence: 0.8,
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
