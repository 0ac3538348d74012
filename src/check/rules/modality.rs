//! Modality: obligation strength differs within an aligned pair. Each modal
//! cue is followed to the word it governs and that word's translation in
//! the pair ([`PairWords`]): one side permits (may, 可以) where the other
//! obliges (must, shall, will, 应当, 将) the same act, or one side calls
//! possible (may, 可能) or obliges explicitly (must, 必须) what the other
//! states plainly. A translation qualified with the same strength accounts
//! for the cue; a governed word without translation is no evidence.

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Modality};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, lang_name};
use crate::check::governed::{governed, nearest_cue_before, sentence_at};
use crate::check::links::PairWords;
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

/// What the other side does with the word a modal cue governs.
enum Evidence<'c> {
    /// The governed word has no translation in the pair, or the other side
    /// qualifies it in a way that is no strength (a prohibition, 会).
    Unresolved,
    /// The translation carries a cue of the same strength.
    Accounted,
    /// The translation carries a cue of the other strength.
    Conflict { other: Cue<'c>, strength: f64 },
    /// Nothing qualifies the translation, in a sentence without any modal.
    Plain { word: usize, counterpart: usize, strength: f64 },
}

/// Modality within an aligned pair: each cue is followed to the word it
/// governs and that word's translation ([`PairWords`]). A translation
/// qualified with the other strength (may against must, 可能 against
/// will) is a changed promise; a translation stated plainly, in a sentence
/// without any modal, is a possibility or obligation of one side only,
/// reported when the cue is one a translator does not drop lightly (may,
/// 可能; must, 必须); everything else is style.
fn compare(ctx: &Context, claimed: &Claims, pair: &AlignedPair) -> Option<Finding> {
    let zc = modal_cues(ctx, claimed, Lang::Zh, &pair.zh);
    let ec = modal_cues(ctx, claimed, Lang::En, &pair.en);
    if zc.is_empty() && ec.is_empty() {
        return None;
    }
    let pw = PairWords::new(ctx, pair);
    let mut best: Option<(f64, Finding)> = None;
    for (lang, mine, theirs) in [(Lang::Zh, &zc, &ec), (Lang::En, &ec, &zc)] {
        for c in mine {
            let ev = evidence(ctx, claimed, &pw, lang, c, theirs);
            if std::env::var_os("CA_DEBUG").is_some() {
                let g = governed(ctx, lang, c.id, c.anchor).map(|t| &ctx.clauses(lang)[c.id].body_text()[t.start..t.end]);
                let d = match &ev { Evidence::Unresolved => "unresolved".to_string(), Evidence::Accounted => "accounted".into(), Evidence::Conflict{other,strength} => format!("conflict {} {strength:.2}", other.anchor.surface), Evidence::Plain{strength,..} => format!("plain {strength:.2}") };
                eprintln!("MOD {lang:?} L{} cue={} s={} gov={g:?} -> {d}", ctx.clauses(lang)[c.id].line, c.anchor.surface, c.strength);
            }
            let finding = match ev {
                Evidence::Unresolved | Evidence::Accounted => None,
                Evidence::Conflict { other, strength } => {
                    Some(conflict(lang, c, &other, 0.7 + 0.2 * strength))
                }
                Evidence::Plain {
                    word,
                    counterpart,
                    strength,
                } => plain(ctx, &pw, lang, c, word, counterpart, strength),
            };
            if let Some(f) = finding
                && best.as_ref().is_none_or(|b| f.confidence > b.0)
            {
                best = Some((f.confidence, f));
            }
        }
    }
    if best.is_none() {
        best = unlinked(ctx, pair, &zc, &ec).map(|f| (f.confidence, f));
    }
    best.map(|(_, f)| f)
}

/// No governed word links: a possibility (may, 可能) on one side of a pair
/// whose other side has no modal at all. Less sure than a linked word.
fn unlinked(ctx: &Context, pair: &AlignedPair, zc: &[Cue], ec: &[Cue]) -> Option<Finding> {
    for (lang, mine, theirs, ids) in [(Lang::Zh, zc, ec, &pair.en), (Lang::En, ec, zc, &pair.zh)] {
        let other = lang.other();
        let no_modal = theirs.is_empty()
            && ids.iter().all(|&id| {
                !ctx.all_anchors(other, id)
                    .iter()
                    .any(|a| a.kind == AnchorKind::Modal)
            });
        if !no_modal {
            continue;
        }
        let Some(c) = mine.iter().find(|c| {
            c.strength == 1
                && MODAL_POSSIBILITY.contains(&c.anchor.surface.to_lowercase().as_str())
                && !(lang == Lang::En
                    && formulaic_may(ctx.clauses(lang)[c.id].body_text(), c.anchor))
        }) else {
            continue;
        };
        let (zh, en, zv, ev) = match lang {
            Lang::Zh => (vec![c.id], ids.clone(), Some(c.anchor.surface.clone()), None),
            Lang::En => (ids.clone(), vec![c.id], None, Some(c.anchor.surface.clone())),
        };
        return Some(Finding {
            kind: FindingKind::Modality,
            severity: Severity::Warning,
            confidence: 0.5,
            zh,
            en,
            zh_value: zv,
            en_value: ev,
            message: format!(
                "possibility only in the {} version: «{}» qualifies what the {} version states firmly",
                lang_name(lang),
                c.anchor.surface,
                lang_name(other)
            ),
        });
    }
    None
}

/// Follow modal cue `c` of `lang` to its governed word's translation and
/// the cue qualifying it there.
fn evidence<'c>(
    ctx: &Context<'c>,
    claimed: &Claims,
    pw: &PairWords,
    lang: Lang,
    c: &Cue<'c>,
    theirs: &[Cue<'c>],
) -> Evidence<'c> {
    let other = lang.other();
    let Some(i) =
        governed(ctx, lang, c.id, c.anchor).and_then(|t| pw.index_of(lang, c.id, t.start))
    else {
        return Evidence::Unresolved;
    };
    let Some(j) = pw.link(lang, i) else {
        return Evidence::Unresolved;
    };
    let u = pw.words(other)[j];
    let modal = nearest_cue_before(
        ctx,
        other,
        u.clause,
        u.token.start,
        AnchorKind::Modal,
        ctx.anchors(other, u.clause, claimed).into_iter(),
    );
    let strength = pw.link_strength(lang, i);
    match modal {
        Some(m) => match theirs.iter().find(|t| t.id == u.clause && std::ptr::eq(t.anchor, m)) {
            Some(t) if t.strength == c.strength => Evidence::Accounted,
            Some(t) => Evidence::Conflict {
                other: *t,
                strength,
            },
            None => Evidence::Unresolved,
        },
        None => {
            let (s, e) = sentence_at(ctx, other, u.clause, u.token.start);
            let any_modal = ctx
                .all_anchors(other, u.clause)
                .iter()
                .any(|a| a.kind == AnchorKind::Modal && a.start >= s && a.start < e);
            if any_modal {
                Evidence::Unresolved
            } else {
                Evidence::Plain {
                    word: i,
                    counterpart: j,
                    strength,
                }
            }
        }
    }
}

/// A cue against the other strength on the governed word's translation.
fn conflict(lang: Lang, c: &Cue, other: &Cue, confidence: f64) -> Finding {
    let (z, e) = match lang {
        Lang::Zh => (c, other),
        Lang::En => (other, c),
    };
    let weaker = if z.strength < e.strength {
        "Chinese"
    } else {
        "English"
    };
    Finding {
        kind: FindingKind::Modality,
        severity: Severity::Error,
        confidence,
        zh: vec![z.id],
        en: vec![e.id],
        zh_value: Some(z.anchor.surface.clone()),
        en_value: Some(e.anchor.surface.clone()),
        message: format!(
            "obligation weakened in the {weaker} version: {} (zh) vs {} (en)",
            z.anchor.surface, e.anchor.surface
        ),
    }
}

/// A cue whose governed word the other side states plainly: reported for a
/// possibility (may, 可能) or an explicit obligation (must, 必须); other
/// modals (can, will, shall, 可以, 将, 应) are often left implicit.
fn plain(
    ctx: &Context,
    pw: &PairWords,
    lang: Lang,
    c: &Cue,
    word: usize,
    counterpart: usize,
    strength: f64,
) -> Option<Finding> {
    let other = lang.other();
    let surface = c.anchor.surface.to_lowercase();
    let body = ctx.clauses(lang)[c.id].body_text();
    let possibility = c.strength == 1
        && MODAL_POSSIBILITY.contains(&surface.as_str())
        && !(lang == Lang::En && formulaic_may(body, c.anchor));
    let obligation = c.strength == 2 && MODAL_EXPLICIT_OBLIGATION.contains(&surface.as_str());
    let base = if possibility {
        0.45
    } else if obligation {
        0.4
    } else {
        0.2
    };
    let w = pw.words(lang)[word];
    let u = pw.words(other)[counterpart];
    let governed = &body[w.token.start..w.token.end];
    let theirs = &ctx.clauses(other)[u.clause].body_text()[u.token.start..u.token.end];
    let what = if possibility { "possibility" } else { "obligation" };
    let (zh, en, zv, ev) = match lang {
        Lang::Zh => (vec![c.id], vec![u.clause], format!("{}…{governed}", c.anchor.surface), theirs.to_string()),
        Lang::En => (vec![u.clause], vec![c.id], theirs.to_string(), format!("{}…{governed}", c.anchor.surface)),
    };
    Some(Finding {
        kind: FindingKind::Modality,
        severity: Severity::Warning,
        confidence: base + 0.2 * strength,
        message: format!(
            "{what} only in the {} version: «{}…{governed}» where the {} version states «{theirs}» plainly",
            lang_name(lang),
            c.anchor.surface,
            lang_name(other),
        ),
        zh,
        en,
        zh_value: Some(zv),
        en_value: Some(ev),
    })
}

/// Possibility cues a translator does not drop lightly.
const MODAL_POSSIBILITY: [&str; 5] = ["may", "might", "可能", "或许", "也许"];

/// Obligation cues a translator does not drop lightly ("shall" and 应 are
/// often left implicit in legal text).
const MODAL_EXPLICIT_OBLIGATION: [&str; 3] = ["must", "必须", "务必"];

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
