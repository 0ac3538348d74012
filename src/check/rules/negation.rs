//! Negation: within an aligned pair one side negates more often than the
//! other, and the extra cue governs a word the other side translates
//! without negating it. A word that negates by its meaning (disable,
//! refuse, 禁止, "opt out", "un" before a known word) counts as negated.

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, lang_name};
use crate::check::governed::{Counterpart, Link, scope};
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::words::{CHECK_NEGATIVE_STEMS_EN, CHECK_NEGATIVE_WORDS_ZH};

/// Phase [`Rule::Negation`](crate::check::Rule::Negation) on one line
/// group: the first pair of the group whose sides negate a different number
/// of times (the line group agreeing) with a cue left unaccounted for. A
/// finding claims the whole group, so that the modality rule does not
/// report the modal that the flipped negation changes too ("may" becomes
/// "may not").
pub(crate) fn check(ctx: &Context, claimed: &Claims, group: &AlignedPair) -> Outcome {
    let mut out = Outcome::default();
    let gz = negations(ctx, claimed, Lang::Zh, &group.zh).len();
    let ge = negations(ctx, claimed, Lang::En, &group.en).len();
    for pair in ctx.pairs_in(group) {
        let zn = negations(ctx, claimed, Lang::Zh, &pair.zh);
        let en = negations(ctx, claimed, Lang::En, &pair.en);
        if zn.len() == en.len() || (zn.len() > en.len()) != (gz > ge) || gz == ge {
            continue;
        }
        let (more_lang, more, fewer, theirs) = if zn.len() > en.len() {
            (Lang::Zh, &zn, &en, &pair.en)
        } else {
            (Lang::En, &en, &zn, &pair.zh)
        };
        // Cues whose governed word the other side negates as well are
        // accounted for; the difference must remain after them.
        let mut other = Counterpart::new(
            ctx,
            claimed,
            more_lang.other(),
            theirs,
            AnchorKind::Negation,
        );
        let unaccounted: Vec<&(usize, &Anchor)> = more
            .iter()
            .filter(|(id, cue)| match other.link(*id, cue) {
                Link::Governed(evidence) => evidence.governed == 0,
                Link::Unresolved => true,
            })
            .collect();
        if unaccounted.len() < more.len() - fewer.len() {
            continue;
        }
        let Some(&&(id, cue)) = unaccounted.first() else {
            continue;
        };
        let body = ctx.clauses(more_lang)[id].body_text();
        let negated = match scope(ctx, more_lang, id, cue).first() {
            Some(t) => format!("{}…{}", cue.surface, &body[t.start..t.end]),
            None => cue.surface.clone(),
        };
        let (zh, en, zh_value, en_value) = match more_lang {
            Lang::Zh => (vec![id], pair.en.clone(), Some(negated.clone()), None),
            Lang::En => (pair.zh.clone(), vec![id], None, Some(negated.clone())),
        };
        out.findings.push(Finding {
            kind: FindingKind::Negation,
            severity: Severity::Error,
            zh,
            en,
            zh_value,
            en_value,
            message: format!(
                "negation differs: the {} version negates «{negated}», the {} version does not ({} negation{} vs {})",
                lang_name(more_lang),
                lang_name(more_lang.other()),
                more.len(),
                if more.len() == 1 { "" } else { "s" },
                fewer.len()
            ),
        });
        for &z in &group.zh {
            out.claims.clause(Lang::Zh, z);
        }
        for &e in &group.en {
            out.claims.clause(Lang::En, e);
        }
        break;
    }
    out
}

/// Unclaimed negation cues of clauses, with their clause.
fn negations<'c>(
    ctx: &Context<'c>,
    claimed: &Claims,
    lang: Lang,
    ids: &[usize],
) -> Vec<(usize, &'c Anchor)> {
    ctx.group_anchors(lang, ids, claimed, |a| a.kind == AnchorKind::Negation)
}

/// Whether a word negates by its meaning (disable, 禁止).
pub(crate) fn negative_word(lex: &Lexicon, lang: Lang, word: &str) -> bool {
    match lang {
        Lang::En => {
            let lower = word.to_lowercase();
            let stem = crate::lexicon::stem_en(&lower);
            // "un" before a word the lexicon knows negates it
            // (unlicensed, uncontested, unaccompanied); "under", "unit",
            // "union", "unique" are no such words.
            CHECK_NEGATIVE_STEMS_EN.iter().any(|n| stem.starts_with(n))
                || (lower.len() >= 6
                    && lower.starts_with("un")
                    && lex.en_word_id(&lower[2..]).is_some())
        }
        Lang::Zh => CHECK_NEGATIVE_WORDS_ZH.iter().any(|w| word.contains(w)),
    }
}

/// Whether the word at `start..end` of `body` is "opt out" ("you can opt
/// out of sending" = 您可以选择不发送; "opt in" is not).
pub(crate) fn opts_out(body: &str, start: usize, end: usize) -> bool {
    matches!(
        body[start..end].to_ascii_lowercase().as_str(),
        "opt" | "opts" | "opted" | "opting"
    ) && {
        let rest = body[end..].trim_start_matches([' ', '-']);
        rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("out"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::findings;

    #[test]
    fn un_before_a_known_word_negates() {
        let zh = "政府正设法杜绝无牌流动快餐车。";
        let en = "The Government is trying to stamp out unlicensed mobile fast food vans.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn opting_out_negates() {
        let zh = "您可以随时在设置中选择不发送每日使用情况数据。";
        let en = "You can opt out of sending the daily usage data in your settings at any time.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let en = "You can opt in to sending the daily usage data in your settings at any time.";
        assert_eq!(
            findings(zh, en).first().map(|f| f.0),
            Some(FindingKind::Negation)
        );
    }
}
