//! Contacts: e-mail addresses, URLs and phone numbers. The same kind of
//! contact on both sides of a line group but different is a changed one; a
//! contact on one side only is one the other version leaves out (unless the
//! other side writes it in a neighbouring group).

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use super::values::left_over_near;
use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::Neighbours;
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;

/// Phase [`Rule::Contacts`](crate::check::Rule::Contacts) on one line group.
pub(crate) fn check(
    ctx: &Context,
    claimed: &Claims,
    group: &AlignedPair,
    neighbours: &Neighbours,
) -> Outcome {
    let mut out = Outcome::default();
    let is_contact = |a: &Anchor| {
        matches!(
            a.kind,
            AnchorKind::Email | AnchorKind::Url | AnchorKind::Phone
        )
    };
    let zh = ctx.group_anchors(Lang::Zh, &group.zh, claimed, is_contact);
    let en = ctx.group_anchors(Lang::En, &group.en, claimed, is_contact);
    if zh.is_empty() && en.is_empty() {
        return out;
    }
    let en_near = left_over_near(ctx, claimed, neighbours, Lang::En, is_contact);
    let zh_near = left_over_near(ctx, claimed, neighbours, Lang::Zh, is_contact);
    let (zh_only, en_only) = super::values::unmatched(&zh, &en);
    let zh_only: Vec<_> = zh_only
        .into_iter()
        .filter(|(_, a)| !en_near.contains(&a.key()))
        .collect();
    let en_only: Vec<_> = en_only
        .into_iter()
        .filter(|(_, a)| !zh_near.contains(&a.key()))
        .collect();
    // Same kind of contact on both sides but different: changed. A
    // contact on one side only: the other version leaves it out. The
    // partner is the first English contact of the same kind not yet used:
    // one queue per kind keeps this linear.
    let mut by_kind: FxHashMap<AnchorKind, VecDeque<usize>> = FxHashMap::default();
    for (k, (_, ea)) in en_only.iter().enumerate() {
        by_kind.entry(ea.kind).or_default().push_back(k);
    }
    let mut used_en = vec![false; en_only.len()];
    for &(zid, za) in &zh_only {
        let partner = by_kind
            .get_mut(&za.kind)
            .and_then(VecDeque::pop_front)
            .map(|k| (k, en_only[k]));
        match partner {
            Some((k, (eid, ea))) => {
                used_en[k] = true;
                out.findings.push(Finding {
                    id: String::new(),
                    // A phone number that differs is a different number.
                    kind: if za.kind == AnchorKind::Phone {
                        FindingKind::Number
                    } else {
                        FindingKind::Contact
                    },
                    severity: Severity::Error,
                    // Both sides write one, and they differ.
                    confidence: 0.9,
                    zh: vec![zid],
                    en: vec![eid],
                    zh_value: Some(za.surface.clone()),
                    en_value: Some(ea.surface.clone()),
                    message: format!(
                        "{} differs: {} (zh) vs {} (en)",
                        contact_kind(za.kind),
                        za.surface,
                        ea.surface
                    ),
                });
            }
            None => out.findings.push(Finding {
                id: String::new(),
                kind: FindingKind::Contact,
                severity: Severity::Warning,
                // One side only: often a link the other version leaves out.
                confidence: 0.6,
                zh: vec![zid],
                en: group.en.clone(),
                zh_value: Some(za.surface.clone()),
                en_value: None,
                message: format!(
                    "{} only in the Chinese version: {}",
                    contact_kind(za.kind),
                    za.surface
                ),
            }),
        }
    }
    for (k, &(eid, ea)) in en_only.iter().enumerate() {
        if used_en[k] {
            continue;
        }
        out.findings.push(Finding {
            id: String::new(),
            kind: FindingKind::Contact,
            severity: Severity::Warning,
            confidence: 0.6,
            zh: group.zh.clone(),
            en: vec![eid],
            zh_value: None,
            en_value: Some(ea.surface.clone()),
            message: format!(
                "{} only in the English version: {}",
                contact_kind(ea.kind),
                ea.surface
            ),
        });
    }
    out
}

/// What a contact is, for messages.
fn contact_kind(kind: AnchorKind) -> &'static str {
    match kind {
        AnchorKind::Email => "e-mail address",
        AnchorKind::Url => "web address",
        AnchorKind::Phone => "phone number",
        _ => "contact",
    }
}
