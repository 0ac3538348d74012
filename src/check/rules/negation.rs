//! Negation: one side negates what the other side states plainly.
//!
//! Counting cues mistakes style for content: 「我们不保证…不存在错误」 has two
//! negations where "we do not guarantee … is free of errors" has one, and
//! both say the same. So each cue is followed to the word it governs, that
//! word to its translation in the pair ([`PairWords`]), and the
//! translation's surroundings are read:
//!
//! * the translation is negated too (by a cue before it in its sentence, by
//!   its form, "unacceptable", or by its meaning, 禁止 "prohibit"): the cue
//!   is accounted for;
//! * the cue is, or is part of, a word the other side translates (禁止 =
//!   "prohibit", 无害 = "harmless", 不遗余力 = "spare no effort"): the
//!   word carries its negation in its meaning, accounted for;
//! * the translation stands in a sentence with no sign of negation at all:
//!   a **difference**, reported with both words as evidence;
//! * the governed word has no translation in the pair: no evidence from
//!   this cue. When one side of the pair negates and the other shows no
//!   negation anywhere, in cue, form or meaning, that is still reported.
//!
//! Everything else stays silent: a negation the other side renders by a
//! paraphrase ("we take it seriously" for 不轻视) is a translator's choice,
//! and a reader of a faithful translation should not have to dismiss it.

use rustc_hash::FxHashMap;

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, lang_name};
use crate::check::governed::{governed, sentence_at};
use crate::check::links::PairWords;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::words::{
    CHECK_NEGATING_WORDS_EN, CHECK_NEGATIVE_STEMS_EN, CHECK_NEGATIVE_WORDS_ZH, ZH_NEGATING_CHARS,
};

/// What the other side does with the word a negation cue governs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Evidence {
    /// The governed word has no translation in the pair.
    Unresolved,
    /// The translation is negated too, or the cue belongs to a word the
    /// other side translates as a whole.
    Accounted,
    /// Word `word` (cue side) is translated by word `counterpart` (other
    /// side), which nothing negates; `strength` is the link's.
    Contradicted {
        word: usize,
        counterpart: usize,
        strength: f64,
    },
}

/// Phase [`Rule::Negation`](crate::check::Rule::Negation) on one line
/// group: the first pair of the group (aligned confidently enough) with a
/// negation the other side does not have. A finding claims the whole
/// group, so that the modality rule does not report the modal that the
/// flipped negation changes too ("may" becomes "may not").
pub(crate) fn check(ctx: &Context, claimed: &Claims, group: &AlignedPair) -> Outcome {
    let mut out = Outcome::default();
    for pair in ctx.pairs_in(group) {
        if let Some(f) = pair_finding(ctx, claimed, pair) {
            out.findings.push(f);
            for &z in &group.zh {
                out.claims.clause(Lang::Zh, z);
            }
            for &e in &group.en {
                out.claims.clause(Lang::En, e);
            }
            break;
        }
    }
    out
}

/// The negation difference of one pair, if any.
fn pair_finding(ctx: &Context, claimed: &Claims, pair: &AlignedPair) -> Option<Finding> {
    let pw = PairWords::new(ctx, pair);
    // The surest contradiction, and per side the cues without evidence.
    let mut best: Option<(f64, Lang, usize, &Anchor, usize, usize)> = None;
    let mut unresolved: [Vec<(usize, &Anchor)>; 2] = [Vec::new(), Vec::new()];
    let mut accounted = [0usize; 2];
    // Whether each sentence of the pair shows negation, found once per
    // sentence: many cues of a long line land in the same one.
    let mut sentences = FxHashMap::default();
    for (side, lang, ids) in [(0, Lang::Zh, &pair.zh), (1, Lang::En, &pair.en)] {
        for (id, cue) in ctx.group_anchors(lang, ids, claimed, |a| a.kind == AnchorKind::Negation) {
            let ev = evidence(ctx, claimed, &pw, &mut sentences, lang, id, cue);
            match ev {
                Evidence::Contradicted {
                    word,
                    counterpart,
                    strength,
                } => {
                    if best.as_ref().is_none_or(|b| strength > b.0) {
                        best = Some((strength, lang, id, cue, word, counterpart));
                    }
                }
                Evidence::Unresolved => unresolved[side].push((id, cue)),
                Evidence::Accounted => accounted[side] += 1,
            }
        }
    }
    if let Some((strength, lang, id, cue, word, counterpart)) = best
        && strength >= ctx.params.min_negation_link
    {
        return Some(contradiction(ctx, &pw, lang, id, cue, word, counterpart));
    }
    // No word-level evidence: one side negates, the other shows no
    // negation at all.
    for (side, lang) in [(0, Lang::Zh), (1, Lang::En)] {
        let other = lang.other();
        let theirs = match other {
            Lang::Zh => &pair.zh,
            Lang::En => &pair.en,
        };
        let Some(&(id, cue)) = unresolved[side]
            .iter()
            .find(|(id, cue)| !cue_in_word(&pw, lang, *id, cue))
        else {
            continue;
        };
        if accounted[1 - side] > 0
            || !unresolved[1 - side].is_empty()
            || theirs.iter().any(|&oid| {
                let len = ctx.clauses(other)[oid].body_text().len();
                negation_in(ctx, other, oid, 0, len, None)
            })
        {
            continue;
        }
        let negated = match governed(ctx, lang, id, cue) {
            Some(t) => format!(
                "{}…{}",
                cue.surface,
                &ctx.clauses(lang)[id].body_text()[t.start..t.end]
            ),
            None => cue.surface.clone(),
        };
        let (zh, en, zh_value, en_value) = match lang {
            Lang::Zh => (vec![id], theirs.clone(), Some(negated.clone()), None),
            Lang::En => (theirs.clone(), vec![id], None, Some(negated.clone())),
        };
        return Some(Finding {
            id: String::new(),
            kind: FindingKind::Negation,
            severity: Severity::Error,
            // Without a translated governed word, the other side might say
            // the same in words the lexicon does not follow.
            confidence: 0.55,
            zh,
            en,
            zh_value,
            en_value,
            message: format!(
                "negation differs: the {} version negates «{negated}», the {} version has no negation",
                lang_name(lang),
                lang_name(other),
            ),
        });
    }
    None
}

/// The finding for a cue whose governed word the other side translates
/// without negating it.
fn contradiction(
    ctx: &Context,
    pw: &PairWords,
    lang: Lang,
    id: usize,
    cue: &Anchor,
    word: usize,
    counterpart: usize,
) -> Finding {
    let other = lang.other();
    let w = pw.words(lang)[word];
    let u = pw.words(other)[counterpart];
    let governed = &ctx.clauses(lang)[id].body_text()[w.token.start..w.token.end];
    let theirs = &ctx.clauses(other)[u.clause].body_text()[u.token.start..u.token.end];
    let negated = format!("{}…{governed}", cue.surface);
    let (zh, en, zh_value, en_value) = match lang {
        Lang::Zh => (
            vec![id],
            vec![u.clause],
            negated.clone(),
            theirs.to_string(),
        ),
        Lang::En => (
            vec![u.clause],
            vec![id],
            theirs.to_string(),
            negated.clone(),
        ),
    };
    Finding {
        id: String::new(),
        kind: FindingKind::Negation,
        severity: Severity::Error,
        confidence: 0.6 + 0.35 * pw.link_strength(lang, word),
        zh,
        en,
        zh_value: Some(zh_value),
        en_value: Some(en_value),
        message: format!(
            "negation differs: the {} version negates «{negated}», the {} version does not («{theirs}»)",
            lang_name(lang),
            lang_name(other),
        ),
    }
}

/// Follow a negation cue of clause `id` to the word it governs and that
/// word's translation in the pair.
fn evidence(
    ctx: &Context,
    claimed: &Claims,
    pw: &PairWords,
    sentences: &mut FxHashMap<(Lang, usize, usize, usize), bool>,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> Evidence {
    let other = lang.other();
    // A cue that is, or is part of, a word the other side translates.
    if pw
        .word_at(lang, id, cue.start)
        .is_some_and(|i| pw.link(lang, i).is_some())
    {
        return Evidence::Accounted;
    }
    let Some(i) = governed(ctx, lang, id, cue).and_then(|t| pw.index_of(lang, id, t.start)) else {
        return Evidence::Unresolved;
    };
    let Some(j) = pw.link(lang, i) else {
        return Evidence::Unresolved;
    };
    if negated(ctx, claimed, pw, other, j) {
        return Evidence::Accounted;
    }
    // Where the translation's sentence negates something, the governed word
    // is more likely misread than the promise changed.
    let u = pw.words(other)[j];
    let (s, e) = sentence_at(ctx, other, u.clause, u.token.start);
    if *sentences
        .entry((other, u.clause, s, e))
        .or_insert_with(|| negation_in(ctx, other, u.clause, s, e, Some(pw)))
    {
        return Evidence::Unresolved;
    }
    Evidence::Contradicted {
        word: i,
        counterpart: j,
        strength: pw.link_strength(lang, i),
    }
}

/// Whether word `i` of `lang` is negated: by its own form or meaning
/// (无害, "unlicensed", 禁止 "prohibit"), or by the nearest negation cue
/// before it in its sentence, however far (Chinese puts the negation before
/// a long adverbial: 不对因使用…而导致的损失承担责任) — unless that cue is itself
/// a word the other side translates ("refuse" = 拒绝), whose negation
/// belongs to that translation.
fn negated(ctx: &Context, claimed: &Claims, pw: &PairWords, lang: Lang, i: usize) -> bool {
    let w = pw.words(lang)[i];
    let t = w.token;
    let body = ctx.clauses(lang)[w.clause].body_text();
    let text = &body[t.start..t.end];
    if t.negative_affix
        || negative_word(ctx.lex, lang, text)
        || opts_out(body, t.start, t.end)
        || (lang == Lang::Zh && text.chars().count() >= 2 && text.starts_with(ZH_NEGATING_CHARS))
        || (lang == Lang::Zh && body[..t.start].ends_with(ZH_NEGATING_CHARS))
    {
        return true;
    }
    // A word that negates by its meaning just before it ("opt out of
    // sending", "prevent access").
    let window = t
        .start
        .saturating_sub(crate::check::governed::cue_window(lang));
    let tokens = ctx.tokens(lang, w.clause);
    let lo = tokens.partition_point(|x| x.start < window);
    if tokens[lo..]
        .iter()
        .take_while(|x| x.start < t.start)
        .any(|x| {
            !body[x.end..t.start].contains(crate::check::governed::CLAUSE_END)
                && (negative_word(ctx.lex, lang, &body[x.start..x.end])
                    || opts_out(body, x.start, x.end))
        })
    {
        return true;
    }
    let sentence_start = sentence_at(ctx, lang, w.clause, t.start).0;
    // The unclaimed negation cue starting last in `sentence_start..t.end`
    // (the clause's cues are sorted by start; a filter over all its
    // anchors per word was quadratic on a line dense with cues).
    let negs = &ctx.index(lang, w.clause).negations;
    let lo = negs.partition_point(|&(s, _)| s < sentence_start);
    let hi = negs.partition_point(|&(s, _)| s < t.end);
    let nearest = negs[lo..hi]
        .iter()
        .rev()
        .map(|&(s, _)| s)
        .find(|&s| !claimed.hides_pos(lang, w.clause, s));
    nearest.is_some_and(|start| {
        start >= t.start
            || pw
                .word_at(lang, w.clause, start)
                .is_none_or(|k| pw.link(lang, k).is_none())
    })
}

/// Whether a cue is part of a longer word (无用 "useless", 不遗余力): such
/// words are often translated without a negation ("frivolous",
/// "dedicated"), so their cue is no evidence unless the word links.
fn cue_in_word(pw: &PairWords, lang: Lang, id: usize, cue: &Anchor) -> bool {
    pw.word_at(lang, id, cue.start).is_some_and(|i| {
        let t = pw.words(lang)[i].token;
        t.start <= cue.start && cue.end <= t.end && t.end - t.start > cue.end - cue.start
    })
}

/// Whether bytes `start..end` of a clause body show any sign of negation:
/// a cue, a negating character or word even where the cue lists decided
/// otherwise (不包括 "excluding", 非 before a name, 免费 "free of charge",
/// "free of defects"), and, when the pair's words are given, a word negated
/// by its form ("unexpected"). A cue that is itself a word the other side
/// translates ("refuse" = 拒绝) does not count then: its negation is
/// accounted for by that translation. A stretch with such a sign is not
/// "without negation".
fn negation_in(
    ctx: &Context,
    lang: Lang,
    id: usize,
    start: usize,
    end: usize,
    words: Option<&PairWords>,
) -> bool {
    let body = ctx.clauses(lang)[id].body_text();
    let linked = |pos: usize| {
        words.is_some_and(|pw| {
            pw.word_at(lang, id, pos)
                .is_some_and(|k| pw.link(lang, k).is_some())
        })
    };
    let mut rest = start;
    // Only the anchors starting in `start..end` (sorted by start), not all
    // of the clause's: this runs once per sentence of a long line.
    let anchors = ctx.all_anchors(lang, id);
    let first = anchors.partition_point(|a| a.start < start);
    for a in anchors[first..].iter().take_while(|a| a.start < end) {
        if a.kind != AnchorKind::Negation {
            continue;
        }
        if !linked(a.start) {
            return true;
        }
        // The raw scan below skips the linked cue's own text.
        if a.start >= rest {
            if raw_negation(lang, &body[rest..a.start]) {
                return true;
            }
            rest = a.end.min(end);
        }
    }
    let tokens = ctx.tokens(lang, id);
    let first = tokens.partition_point(|t| t.start < start);
    if words.is_some()
        && tokens[first..]
            .iter()
            .take_while(|t| t.start < end)
            .any(|t| t.end <= end && t.negative_affix)
    {
        return true;
    }
    raw_negation(lang, &body[rest..end])
}

/// A negating character or word in a stretch of text.
fn raw_negation(lang: Lang, text: &str) -> bool {
    match lang {
        Lang::Zh => text.contains(ZH_NEGATING_CHARS),
        Lang::En => text
            .split(|c: char| !c.is_ascii_alphabetic() && c != '\'' && c != '’')
            .any(|w| {
                let w = w.to_ascii_lowercase();
                w.ends_with("n't")
                    || w.ends_with("n’t")
                    || CHECK_NEGATING_WORDS_EN.binary_search(&w.as_str()).is_ok()
            }),
    }
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

    fn negations(zh: &str, en: &str) -> Vec<String> {
        findings(zh, en)
            .into_iter()
            .filter(|f| f.0 == FindingKind::Negation)
            .map(|f| f.1)
            .collect()
    }

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

    #[test]
    fn a_dropped_negation_is_followed_to_its_word() {
        let zh = "我们不会出售您的个人信息。";
        let en = "We will sell your personal information.";
        let found = negations(zh, en);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("出售") && found[0].contains("sell"),
            "{found:?}"
        );
    }

    #[test]
    fn two_cues_against_one_say_the_same() {
        let zh = "我们不保证输出不存在错误。";
        let en = "We do not guarantee that Output is free of errors.";
        assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    }

    #[test]
    fn negation_by_form_is_negation() {
        for (zh, en) in [
            (
                "项目维护者应对不被接受的行为采取纠正措施。",
                "Project maintainers take corrective action in response to unacceptable behavior.",
            ),
            (
                "根据本协议应付的金额不可退款。",
                "Amounts payable under this Agreement are non-refundable.",
            ),
            (
                "这不包括其他人创建的内容。",
                "It does not include content created by others.",
            ),
        ] {
            assert!(
                negations(zh, en).is_empty(),
                "{zh} / {en}: {:?}",
                negations(zh, en)
            );
        }
    }
}
