//! Modality: obligation strength differs within an aligned pair. One side
//! permits (may, 可以) where the other obliges (must, shall, will, 应当,
//! 将), states as fact what the other only calls possible, or obliges
//! explicitly (must, 必须) where the other uses no modal at all. Cues whose
//! governed word the other side qualifies with the same strength are
//! accounted for.

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Modality};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, lang_name};
use crate::check::governed::{Counterpart, Link};
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;

/// A modal cue with a strength: 1 for permission and possibility, 2 for
/// obligation and firm future.
#[derive(Clone, Copy)]
struct Cue<'c> {
    /// The clause holding it.
    id: usize,
    anchor: &'c Anchor,
    strength: u8,
}

/// Phase [`Rule::Modality`](crate::check::Rule::Modality) on one line
/// group: the first pair of the group whose modal cues differ.
pub(crate) fn check(ctx: &Context, claimed: &Claims, group: &AlignedPair) -> Outcome {
    let mut out = Outcome::default();
    if let Some(f) = ctx
        .pairs_in(group)
        .find_map(|pair| compare(ctx, claimed, pair))
    {
        out.findings.push(f);
    }
    out
}

/// Unclaimed modal cues of clauses that have a strength.
fn modal_cues<'c>(ctx: &Context<'c>, claimed: &Claims, lang: Lang, ids: &[usize]) -> Vec<Cue<'c>> {
    let mut out = Vec::new();
    for &id in ids {
        let body = ctx.clauses(lang)[id].body_text();
        for a in ctx.anchors(lang, id, claimed) {
            // 方可/才可 ("only then may") states a condition, like "must
            // be ... to": not a permission to compare.
            let conditional = lang == Lang::Zh
                && a.surface.starts_with('可')
                && body
                    .get(..a.start)
                    .is_some_and(|b| b.ends_with('方') || b.ends_with('才'));
            // 会 alone reads as "will", "would", "can" or plain present,
            // but 不会/绝不会 is the firm promise "will not"/"will never".
            let promise_not = lang == Lang::Zh
                && matches!(a.value, AnchorValue::Modality(Modality::Future))
                && (a.surface.ends_with("不会")
                    || a.surface == "会" && body.get(..a.start).is_some_and(|b| b.ends_with('不')));
            // "may not"/"may never" forbids, or only allows that something
            // does not happen: weaker than a promise "will not" (it never
            // matches a Chinese prohibition 不得, which has no strength).
            let possibly_not = lang == Lang::En
                && matches!(a.value, AnchorValue::Modality(Modality::Prohibition))
                && {
                    let s = a.surface.to_lowercase();
                    s.starts_with("may ") || s.starts_with("might ")
                };
            let strength = if promise_not {
                Some(2)
            } else if possibly_not {
                Some(1)
            } else {
                cue_strength(lang, &a.value, &a.surface)
            };
            if a.kind == AnchorKind::Modal
                && !conditional
                && let Some(strength) = strength
            {
                out.push(Cue {
                    id,
                    anchor: a,
                    strength,
                });
            }
        }
    }
    out
}

/// The first cue of a strength.
fn pick<'c>(cues: &[Cue<'c>], strength: u8) -> Option<Cue<'c>> {
    cues.iter().find(|c| c.strength == strength).copied()
}

/// Both sides of a pair, indexed for following the cues of the other one.
struct Sides<'c> {
    zh: Counterpart<'c>,
    en: Counterpart<'c>,
}

impl Sides<'_> {
    /// What the other side does with the words a cue of `lang` governs.
    fn link(&mut self, lang: Lang, cue: &Cue) -> Link {
        match lang {
            Lang::Zh => self.en.link(cue.id, cue.anchor),
            Lang::En => self.zh.link(cue.id, cue.anchor),
        }
    }

    /// Cues of side `lang` that the other side does not mirror: it qualifies
    /// the words they govern with no cue of the same strength.
    fn unmirrored<'c>(&mut self, lang: Lang, cues: &[Cue<'c>]) -> Vec<Cue<'c>> {
        cues.iter()
            .filter(|c| match self.link(lang, c) {
                Link::Governed(evidence) => evidence.of_strength[usize::from(c.strength)] == 0,
                Link::Unresolved => true,
            })
            .copied()
            .collect()
    }
}

/// Modality within an aligned pair: one side permits (may, 可以) where the
/// other obliges (must, shall, will, 应当, 将), or states as fact what the
/// other only calls possible; cues whose governed word the other side
/// qualifies with the same strength are accounted for.
fn compare(ctx: &Context, claimed: &Claims, pair: &AlignedPair) -> Option<Finding> {
    let zc = modal_cues(ctx, claimed, Lang::Zh, &pair.zh);
    let ec = modal_cues(ctx, claimed, Lang::En, &pair.en);
    let count = |cs: &[Cue], l: u8| cs.iter().filter(|c| c.strength == l).count();
    let (zp, zs) = (count(&zc, 1), count(&zc, 2));
    let (ep, es) = (count(&ec, 1), count(&ec, 2));
    let has_modal = |lang: Lang, ids: &[usize]| {
        ids.iter().any(|&id| {
            ctx.anchors(lang, id, claimed)
                .iter()
                .any(|a| a.kind == AnchorKind::Modal)
        })
    };
    // Only the explicit "must" counts: "shall", "should", 应, 需要 are
    // often left implicit by translators of legal text.
    let is_obligation = |c: &Cue| {
        c.strength == 2
            && matches!(c.anchor.value, AnchorValue::Modality(Modality::Obligation))
            && matches!(
                c.anchor.surface.to_lowercase().as_str(),
                "must" | "必须" | "务必"
            )
    };
    let lone_obligation = (zc.iter().any(is_obligation) && !has_modal(Lang::En, &pair.en))
        || (ec.iter().any(is_obligation) && !has_modal(Lang::Zh, &pair.zh));
    if zp == ep && (zs == es || zp == 0) && !lone_obligation {
        // Same permissions; a "will" more or less alone is style.
        return None;
    }
    let mut sides = Sides {
        zh: Counterpart::new(ctx, claimed, Lang::Zh, &pair.zh, AnchorKind::Modal),
        en: Counterpart::new(ctx, claimed, Lang::En, &pair.en, AnchorKind::Modal),
    };
    // Direct evidence first: a cue whose governed word the other side
    // qualifies, everywhere it translates it, with the other strength.
    for (lang, cues) in [(Lang::Zh, &zc), (Lang::En, &ec)] {
        for c in cues {
            let Link::Governed(evidence) = sides.link(lang, c) else {
                continue;
            };
            let contradicted = evidence.qualified == evidence.places
                && evidence.of_strength[usize::from(c.strength)] == 0;
            if !contradicted {
                continue;
            }
            let Some((other_level, other_surface)) = evidence.first else {
                continue;
            };
            let zh_level = if lang == Lang::Zh {
                c.strength
            } else {
                other_level
            };
            let weaker = if zh_level > 1 { "English" } else { "Chinese" };
            let (zv, ev) = match lang {
                Lang::Zh => (c.anchor.surface.clone(), other_surface),
                Lang::En => (other_surface, c.anchor.surface.clone()),
            };
            let (zh, en) = match lang {
                Lang::Zh => (vec![c.id], pair.en.clone()),
                Lang::En => (pair.zh.clone(), vec![c.id]),
            };
            return Some(Finding {
                kind: FindingKind::Modality,
                severity: Severity::Error,
                zh,
                en,
                message: format!(
                    "obligation weakened in the {weaker} version: {zv} (zh) vs {ev} (en)"
                ),
                zh_value: Some(zv),
                en_value: Some(ev),
            });
        }
    }
    let zu = sides.unmirrored(Lang::Zh, &zc);
    let eu = sides.unmirrored(Lang::En, &ec);
    // Substitution: permission on one side, obligation on the other.
    // The version with the permission is the weaker one.
    let swap = if zp > ep && es > zs {
        pick(&zu, 1)
            .zip(pick(&eu, 2))
            .map(|(z, e)| (z, e, "Chinese"))
    } else if ep > zp && zs > es {
        pick(&zu, 2)
            .zip(pick(&eu, 1))
            .map(|(z, e)| (z, e, "English"))
    } else {
        None
    };
    if let Some((z, e, weaker)) = swap {
        return Some(Finding {
            kind: FindingKind::Modality,
            severity: Severity::Error,
            zh: vec![z.id],
            en: vec![e.id],
            zh_value: Some(z.anchor.surface.clone()),
            en_value: Some(e.anchor.surface.clone()),
            message: format!(
                "obligation weakened in the {weaker} version: {} (zh) vs {} (en)",
                z.anchor.surface, e.anchor.surface
            ),
        });
    }
    // A possibility (may, 可能) on one side only, the other side
    // stating the same as fact or as an obligation.
    let possibility = |a: &Anchor| {
        matches!(
            a.surface.to_lowercase().as_str(),
            "may" | "might" | "可能" | "或许" | "也许"
        )
    };
    // A modal cue of one side only: the finding names the cue's
    // clause and the whole other side of the pair.
    let one_sided = |lang: Lang, c: &Cue, theirs: &[usize], what: String| {
        let (zh, en, zv, ev) = match lang {
            Lang::Zh => (
                vec![c.id],
                theirs.to_vec(),
                Some(c.anchor.surface.clone()),
                None,
            ),
            Lang::En => (
                theirs.to_vec(),
                vec![c.id],
                None,
                Some(c.anchor.surface.clone()),
            ),
        };
        Finding {
            kind: FindingKind::Modality,
            severity: Severity::Warning,
            zh,
            en,
            zh_value: zv,
            en_value: ev,
            message: what,
        }
    };
    // "would" is a future in reported speech (it counts as firm)
    // but also a condition: "可能导致" is "would make". A side that
    // says "would" therefore does not state firmly what the other
    // only calls possible.
    let hedged = |lang: Lang, ids: &[usize]| {
        lang == Lang::En
            && ids.iter().any(|&id| {
                ctx.anchors(lang, id, claimed)
                    .iter()
                    .any(|a| a.kind == AnchorKind::Modal && a.surface.eq_ignore_ascii_case("would"))
            })
    };
    for (lang, mine, n_mine, n_theirs, theirs) in [
        (Lang::Zh, &zu, zp, ep, &pair.en),
        (Lang::En, &eu, ep, zp, &pair.zh),
    ] {
        if n_mine <= n_theirs || hedged(lang.other(), theirs) {
            continue;
        }
        let Some(c) = mine.iter().find(|c| {
            c.strength == 1
                && possibility(c.anchor)
                && !(lang == Lang::En
                    && formulaic_may(ctx.clauses(lang)[c.id].body_text(), c.anchor))
        }) else {
            continue;
        };
        let what = format!(
            "possibility only in the {} version: «{}» qualifies what the {} version states firmly",
            lang_name(lang),
            c.anchor.surface,
            lang_name(lang.other())
        );
        return Some(one_sided(lang, c, theirs, what));
    }
    // An explicit obligation (must, 必须) on one side only, the
    // other side using no modal at all.
    for (lang, mine, theirs) in [(Lang::Zh, &zu, &pair.en), (Lang::En, &eu, &pair.zh)] {
        if has_modal(lang.other(), theirs) {
            continue;
        }
        let Some(c) = mine.iter().find(|c| is_obligation(c)) else {
            continue;
        };
        let what = format!(
            "obligation only in the {} version: «{}» has no counterpart in the {} version",
            lang_name(lang),
            c.anchor.surface,
            lang_name(lang.other())
        );
        return Some(one_sided(lang, c, theirs, what));
    }
    None
}

/// Whether an English "may"/"might" is a polite formula rather than a
/// possibility the sentence asserts ("may I first set out", "if I might
/// give"), which translators render without a modal. (The hedge of a
/// relative clause, "data which may include", is a possibility: it
/// translates 可能.)
fn formulaic_may(body: &str, cue: &Anchor) -> bool {
    let before: Vec<&str> = body[..cue.start.min(body.len())]
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect();
    let next = body[cue.end.min(body.len())..]
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let prev = before
        .first()
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let prev2 = before
        .get(1)
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(next, "I" | "we") || (prev == "i" && prev2 == "if")
}

/// Strength of a modal cue: 2 for obligation and firm future (must, shall,
/// will, would, 应当, 将), 1 for permission and possibility (may, can, 可以,
/// 可能); none for prohibition (the negation check covers it) and for
/// Chinese 会, which reads as "will", "would", "can" or plain present tense.
/// "would" is firm: in reported speech and in the forecasts of reports it
/// is the future ("the costs would be reduced" = 费用将降低). Where it is
/// a condition ("facts that would make them inaccurate" = 可能导致), a
/// possibility on the other side is not reported as missing (see
/// [`check`]), but a permission against it still is.
pub(crate) fn cue_strength(lang: Lang, value: &AnchorValue, surface: &str) -> Option<u8> {
    let AnchorValue::Modality(m) = value else {
        return None;
    };
    match m {
        Modality::Prohibition => None,
        Modality::Permission => Some(1),
        Modality::Obligation => Some(2),
        Modality::Future => match lang {
            Lang::Zh if surface.ends_with('会') && !surface.contains('将') => None,
            Lang::En if surface.eq_ignore_ascii_case("would") => Some(2),
            _ => Some(2),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::findings;

    #[test]
    fn would_is_a_firm_future() {
        // 将 ... "would": the reported future, not a weakened promise.
        let zh = "政府表示，该条例将于明年提交立法局审议。";
        let en = "The Government said that the Ordinance would be submitted to the Legislative Council next year.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        // 必须 made 可以 against that "would": a weakening.
        let weakened = findings("政府表示，该条例可以于明年提交立法局审议。", en);
        assert!(
            weakened.iter().any(|(k, _)| *k == FindingKind::Modality),
            "{weakened:?}"
        );
    }

    #[test]
    fn jiang_after_a_modal_marks_the_object() {
        // 可以将通知发送到 = "may send the notice to": 将 is no "will".
        let zh = "您也可以将通知发送到以下地址。";
        let en = "You may also send notices to the following address.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn a_polite_may_is_no_possibility() {
        let zh = "主席先生，请让我先交代一下有关这项问题的背景。";
        let en = "Sir, may I first set the problem in some sort of context.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn promise_not_against_may_not() {
        let zh = "我们绝不会因任何人行使其隐私权利而歧视任何人。";
        let weakened = findings(
            zh,
            "We may never discriminate against anyone for exercising their privacy rights.",
        );
        assert_eq!(weakened.len(), 1, "{weakened:?}");
        assert_eq!(weakened[0].0, FindingKind::Modality);
        assert!(weakened[0].1.contains("weakened in the English version"));
        // Faithful: "will never", and a prohibition against "may not".
        assert!(
            findings(
                zh,
                "We will never discriminate against anyone for exercising their privacy rights.",
            )
            .is_empty()
        );
        assert!(
            findings(
                "您不得将账户转让给他人。",
                "You may not transfer your account to others."
            )
            .is_empty()
        );
    }

    #[test]
    fn explicit_obligation_on_one_side_only() {
        let en = "We regularly back up our data to attempt to recover it after data loss.";
        let added = findings(
            "我们定期备份数据，以便在数据丢失后我们必须尝试恢复数据。",
            en,
        );
        assert!(
            added.iter().any(|(k, m)| *k == FindingKind::Modality
                && m.starts_with("obligation only in the Chinese version: «必须»")),
            "{added:?}"
        );
        assert!(findings("我们定期备份数据，以便在数据丢失后尝试恢复数据。", en).is_empty());
        // "shall" is often left implicit in Chinese legal text: not reported.
        assert!(
            findings(
                "本许可证受中华人民共和国法律管辖。",
                "This License shall be governed by the laws of the People's Republic of China."
            )
            .is_empty()
        );
    }
}
