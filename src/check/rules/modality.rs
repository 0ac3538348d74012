//! Modality: what one version obliges, the other permits, or what one
//! states as certain, the other calls possible.
//!
//! Each modal cue is followed to the word it governs and that word's
//! translation in the pair ([`PairWords`]), and the cues qualifying the
//! translation there (those before it in its clause of the sentence) are
//! read. Cues are compared by their readings (data/words/check/
//! modal-readings.tsv): "may" is a possibility or a permission, 可能 a
//! possibility, 可以 a permission, 必须 an obligation, "will" a future. Two
//! cues agree when they share a reading; otherwise how sure the difference
//! is depends on the readings ([`conflict_confidence`]): may against must is
//! a changed promise, "can" against "will" (可通过…访问 against "will be
//! accessible") hardly one.
//!
//! A translation stated plainly, in a sentence without any modal, is a
//! possibility (may, 可能) or an explicit obligation (must, 必须) of one side
//! only; other modals (can, will, shall, 可以, 将, 应) are left implicit by
//! translators all the time and are not reported. A governed word without
//! translation is no evidence, except that a possibility against a side
//! without any modal at all is still reported, less surely.

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, lang_name, start_after};
use crate::check::governed::{governed_words, sentence_at};
use crate::check::links::PairWords;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;
use crate::words::{CHECK_HEDGES_EN, CHECK_HEDGES_ZH};

/// A modal cue and what it can mean.
#[derive(Clone, Copy)]
struct Cue<'c> {
    /// The clause holding it.
    id: usize,
    anchor: &'c Anchor,
    readings: Readings,
}

/// Phase [`Rule::Modality`](crate::check::Rule::Modality) on one line
/// group: the surest modal difference of the first pair of the group that
/// has one.
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

/// Unclaimed modal cues of clauses that have a reading.
fn modal_cues<'c>(ctx: &Context<'c>, claimed: &Claims, lang: Lang, ids: &[usize]) -> Vec<Cue<'c>> {
    let mut out = Vec::new();
    for &id in ids {
        let body = ctx.clauses(lang)[id].body_text();
        for a in ctx.anchors(lang, id, claimed) {
            if a.kind != AnchorKind::Modal {
                continue;
            }
            let readings = Readings::of(lang, a, body);
            // "may I", "as the case may be", "as may be necessary" state
            // no possibility.
            let formula =
                lang == Lang::En && a.surface.eq_ignore_ascii_case("may") && formulaic_may(body, a);
            if !conditional(lang, body, a) && !formula && !readings.is_empty() {
                out.push(Cue {
                    id,
                    anchor: a,
                    readings,
                });
            }
        }
    }
    out
}

/// Whether a modal cue states a condition: 方可/才可/才可以/才能 ("only
/// then may"), like "must be ... to" (您必须年满 13 岁才能创建 "you must be
/// 13 to create"), is not a permission to compare. Before 可以, a 方 ends a
/// noun (贵方可以, 双方可以: "your side may").
fn conditional(lang: Lang, body: &str, a: &Anchor) -> bool {
    let before = body.get(..a.start).unwrap_or("");
    lang == Lang::Zh
        && (a.surface.starts_with('可') || a.surface == "能")
        && (before.ends_with('才') || before.ends_with('方') && a.surface == "可")
}

/// What the other side does with the word a modal cue governs.
enum Evidence {
    /// The governed word has no translation in the pair, or its sentence
    /// there has a modal elsewhere.
    Unresolved,
    /// The translation's cues share a reading with the cue.
    Accounted,
    /// The translation's cues (index `other` among the other side's cues)
    /// mean something else; `direct` when the translated word is the
    /// first word the cue governs (not a later one: 可能衍生的糾紛 "dispute
    /// that might arise", whose 衍生 finds no translation, reaches
    /// "dispute" under the "will" of "will govern … any dispute").
    Conflict {
        other: usize,
        confidence: f64,
        link: f64,
        direct: bool,
    },
    /// Nothing qualifies the translation, in a sentence without any modal.
    Plain {
        word: usize,
        counterpart: usize,
        link: f64,
    },
}

/// Modality within an aligned pair (module documentation).
fn compare(ctx: &Context, claimed: &Claims, pair: &AlignedPair) -> Option<Finding> {
    let zc = modal_cues(ctx, claimed, Lang::Zh, &pair.zh);
    let ec = modal_cues(ctx, claimed, Lang::En, &pair.en);
    if zc.is_empty() && ec.is_empty() {
        return None;
    }
    let pw = PairWords::new(ctx, pair);
    let matched = match_by_reading(&zc, &ec);
    let mut best: Option<Finding> = None;
    // English possibilities in a description whose governed word the other
    // side states plainly (see [`described`]): (clause, start).
    let mut let_go: Vec<(usize, usize)> = Vec::new();
    for (lang, mine, theirs, side) in [(Lang::Zh, &zc, &ec, 0), (Lang::En, &ec, &zc, 1)] {
        let sorted = in_order(theirs);
        for (k, c) in mine.iter().enumerate() {
            if translated_as_word(&pw, lang, c) {
                continue;
            }
            let finding = match evidence(ctx, &pw, lang, c, mine, theirs, sorted) {
                Evidence::Unresolved | Evidence::Accounted => None,
                // A cue of the same meaning elsewhere in the other side
                // accounts for a governed word stated plainly there, and
                // for one reached past the first governed word.
                Evidence::Plain { .. } if matched[side][k] => None,
                Evidence::Conflict { direct: false, .. } if matched[side][k] => None,
                Evidence::Plain { .. } if described(ctx, lang, c) => {
                    let_go.push((c.id, c.anchor.start));
                    None
                }
                Evidence::Conflict {
                    other,
                    confidence,
                    link,
                    ..
                } => Some(conflict(
                    lang,
                    c,
                    &theirs[other],
                    confidence * (0.8 + 0.2 * link),
                )),
                Evidence::Plain {
                    word,
                    counterpart,
                    link,
                } => plain(ctx, &pw, lang, c, word, counterpart, link),
            };
            if let Some(f) = finding
                && best.as_ref().is_none_or(|b| f.confidence > b.confidence)
            {
                best = Some(f);
            }
        }
    }
    // Every cue of each side shares a reading with its own cue of the other
    // side: the pair says the same modals, and a word linked under a cue of
    // another reading is more likely misread than the promise changed.
    let all_matched = matched.iter().all(|side| side.iter().all(|&m| m));
    if all_matched && let Some(f) = best.as_mut() {
        f.confidence = f.confidence.min(0.45);
    }
    best.or_else(|| unlinked(ctx, pair, &zc, &ec, &let_go))
}

/// Whether a cue is an English possibility in a description ("the terms
/// that may apply", "where the source code may be obtained"; see
/// [`relative_may`]): where the other side states its governed word
/// plainly, the translator turned the description into an attribute (所适用
/// 的条款, 获取地址), which is no changed promise. Where the governed word
/// has no translation ("any additional context that may be helpful"
/// against nothing), the phrase may be dropped and [`unlinked`] still
/// reports it.
fn described(ctx: &Context, lang: Lang, c: &Cue) -> bool {
    lang == Lang::En
        && firm_kind(ctx, lang, c) == Some("possibility")
        && relative_may(ctx.clauses(lang)[c.id].body_text(), c.anchor)
}

/// Whether the cue is a content word that the other side translates as a
/// word: 需要 for "require" ("features that require a subscription"), 必要
/// for "necessary", "needs" for 需求. A verb of need is no modal when the
/// other side says the same verb.
fn translated_as_word(pw: &PairWords, lang: Lang, c: &Cue) -> bool {
    pw.word_at(lang, c.id, c.anchor.start)
        .is_some_and(|i| pw.link(lang, i).is_some())
}

/// Which cues of each side (`[zh, en]`) a cue of the other side may
/// account for: a largest one-to-one matching of the pair's cues in which
/// two cues match when they share a reading. The word a cue governs is
/// often translated away from the words the other side's cue governs
/// (可以通过邮箱联系团队来举报 for "may be reported by contacting the
/// team"); a governed word stated plainly there is no evidence of a changed
/// promise while the other side carries a cue of the same meaning
/// elsewhere. A possibility the other side has nowhere stays unmatched. A
/// cue that contradicts the cues qualifying its governed word's
/// translation is still reported: that is direct evidence.
fn match_by_reading(zc: &[Cue], ec: &[Cue]) -> [Vec<bool>; 2] {
    // Augmenting paths (Kuhn): pairs hold a handful of cues.
    fn augment(
        z: usize,
        zc: &[Cue],
        ec: &[Cue],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for (e, c) in ec.iter().enumerate() {
            if seen[e] || !zc[z].readings.shares(c.readings) {
                continue;
            }
            seen[e] = true;
            if owner[e].is_none_or(|o| augment(o, zc, ec, seen, owner)) {
                owner[e] = Some(z);
                return true;
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; ec.len()];
    let zm: Vec<bool> = (0..zc.len())
        .map(|z| augment(z, zc, ec, &mut vec![false; ec.len()], &mut owner))
        .collect();
    [zm, owner.iter().map(Option::is_some).collect()]
}

/// The cues of `cues` in clause `id` standing in the same clause of its
/// sentence as byte `pos`, before it: what qualifies the word there. A
/// Chinese cue whose verb a 的 follows before `pos` qualifies an attribute,
/// not the word: 可能产生的任何争议均受加州法律管辖 "any dispute that might
/// arise is governed by California law" states the governing plainly.
fn qualifying<'a, 'c>(
    ctx: &Context,
    lang: Lang,
    cues: &'a [Cue<'c>],
    sorted: bool,
    id: usize,
    pos: usize,
) -> Vec<(usize, &'a Cue<'c>)> {
    let body = ctx.clauses(lang)[id].body_text();
    let start = start_after(body, &ctx.index(lang, id).clause_ends, pos);
    // Cues are listed clause by clause in order of start; when the pair's
    // clauses are in order too (`sorted`, see [`in_order`]), those of
    // clause `id` starting in `start..pos` are found by a binary search (a
    // filter over all of them per word was quadratic on a long line).
    // The 的 right after the verb the cue governs (at most two characters
    // on, past a 会: 产生的, 会产生的): a 的 further on may close the verb's object (必须有充足的
    // 理由 "must have sufficient reason", 必须查看…信息的详细说明).
    let attributive = |c: &Cue| {
        lang == Lang::Zh
            && body[c.anchor.end..pos]
                .trim_start_matches('会')
                .chars()
                .take(3)
                .any(|ch| ch == '的')
    };
    if sorted {
        let first = cues.partition_point(|c| (c.id, c.anchor.start) < (id, start));
        return cues
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|(_, c)| c.id == id && c.anchor.start < pos)
            .filter(|(_, c)| c.anchor.end <= pos && !attributive(c))
            .collect();
    }
    cues.iter()
        .enumerate()
        .filter(|(_, c)| {
            c.id == id && c.anchor.start >= start && c.anchor.end <= pos && !attributive(c)
        })
        .collect()
}

/// Whether cues are sorted by clause and start, so that [`qualifying`] may
/// search them.
fn in_order(cues: &[Cue]) -> bool {
    cues.is_sorted_by_key(|c| (c.id, c.anchor.start))
}

/// Follow modal cue `c` of `lang` to its governed word's translation and
/// the cues qualifying it there.
fn evidence(
    ctx: &Context,
    pw: &PairWords,
    lang: Lang,
    c: &Cue,
    mine: &[Cue],
    theirs: &[Cue],
    theirs_sorted: bool,
) -> Evidence {
    let other = lang.other();
    // The first governed word with a translation in the pair.
    let Some((nth, (i, j))) = governed_words(ctx, lang, c.id, c.anchor)
        .enumerate()
        .find_map(|(nth, t)| {
            let i = pw.index_of(lang, c.id, t.start)?;
            Some((nth, (i, pw.link(lang, i)?)))
        })
    else {
        return Evidence::Unresolved;
    };
    let u = pw.words(other)[j];
    let link = pw.link_strength(lang, i);

    // The cue against all those qualifying the translation: "may need
    // to" accounts for both cues of 可能需要.
    let quals: Vec<(usize, &Cue)> =
        qualifying(ctx, other, theirs, theirs_sorted, u.clause, u.token.start);
    if quals.is_empty() {
        let (s, e) = sentence_at(ctx, other, u.clause, u.token.start);
        // A modal cue starting in `s..e`: the first one at or after `s`.
        let modals = &ctx.index(other, u.clause).modals;
        let any_modal = modals
            .get(modals.partition_point(|&(a, _)| a < s))
            .is_some_and(|&(a, _)| a < e);
        let body = ctx.clauses(other)[u.clause].body_text();
        return if any_modal || hedged(other, &body[s..e]) {
            Evidence::Unresolved
        } else {
            Evidence::Plain {
                word: i,
                counterpart: j,
                link,
            }
        };
    }
    let theirs_all = quals
        .iter()
        .fold(Readings::default(), |r, (_, x)| r.union(x.readings));
    let confidence = conflict_confidence(c.readings, theirs_all);
    if confidence == 0.0 || conflict_confidence(stacked(ctx, lang, c, mine), theirs_all) == 0.0 {
        return Evidence::Accounted;
    }
    // A possibility stated in words before the word, in the clause the cues
    // qualify, on the side whose cue is no possibility: 很可能不适合 "will …
    // and are unlikely to be suitable", 可能会向…公开 "possibly … will be
    // publicly available".
    let hedged_before = |lang: Lang, clause: usize, pos: usize| {
        let body = ctx.clauses(lang)[clause].body_text();
        let start = start_after(body, &ctx.index(lang, clause).clause_ends, pos);
        hedged(lang, &body[start..pos])
    };
    let w = pw.words(lang)[i];
    if (c.readings.0 & Readings::POSSIBILITY != 0 && hedged_before(other, u.clause, u.token.start))
        || (theirs_all.0 & Readings::POSSIBILITY != 0
            && hedged_before(lang, w.clause, w.token.start))
    {
        return Evidence::Accounted;
    }
    // The governed word has another possible translation whose cues agree
    // ("are required to respond … and may not be required to respond"
    // against 必须…回应，并且可能不需要…回应): which one renders it is a
    // guess, and one of them says the same.
    let agrees_elsewhere = pw.rivals(lang, i).into_iter().any(|k| {
        let r = pw.words(other)[k];
        let quals = qualifying(ctx, other, theirs, theirs_sorted, r.clause, r.token.start);
        !quals.is_empty()
            && conflict_confidence(
                c.readings,
                quals
                    .iter()
                    .fold(Readings::default(), |acc, (_, x)| acc.union(x.readings)),
            ) == 0.0
    });
    if agrees_elsewhere {
        return Evidence::Accounted;
    }

    Evidence::Conflict {
        other: quals[quals.len() - 1].0,
        confidence,
        link,
        direct: nth == 0,
    }
}

/// The readings of a cue with the cues stacked right before it ("must be
/// able to", 必须能够, 应当可以): such a stack is one modal, and the cue
/// is accounted for when any of the stack matches the other side, as
/// "may need to" accounts for both cues of 可能需要.
fn stacked(ctx: &Context, lang: Lang, c: &Cue, mine: &[Cue]) -> Readings {
    let body = ctx.clauses(lang)[c.id].body_text();
    let mut readings = c.readings;
    let mut start = c.anchor.start;
    // Walk back over cues that end right before the stack's start (at most
    // a "be" between them).
    while let Some(x) = mine.iter().find(|x| {
        x.id == c.id && x.anchor.end <= start && {
            let gap = body[x.anchor.end..start].trim();
            gap.is_empty() || gap.eq_ignore_ascii_case("be")
        }
    }) {
        readings = readings.union(x.readings);
        start = x.anchor.start;
    }
    readings
}

/// Cue `c` against cue `other` of the other side on the governed word's
/// translation.
fn conflict(lang: Lang, c: &Cue, other: &Cue, confidence: f64) -> Finding {
    let (z, e) = match lang {
        Lang::Zh => (c, other),
        Lang::En => (other, c),
    };
    // The weaker version is the one that permits or calls possible.
    let weak = Readings::POSSIBILITY | Readings::PERMISSION;
    let weaker = if z.readings.0 & weak != 0 && e.readings.0 & weak == 0 {
        "Chinese"
    } else {
        "English"
    };
    Finding {
        id: String::new(),
        kind: FindingKind::Modality,
        severity: if confidence >= 0.7 {
            Severity::Error
        } else {
            Severity::Warning
        },
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

/// Whether a cue is one a translator does not drop lightly: a possibility
/// (may, 可能, not the polite "may I") or an explicit obligation (must,
/// 必须): which of the two, if either.
fn firm_kind(ctx: &Context, lang: Lang, c: &Cue) -> Option<&'static str> {
    let surface = crate::lang::simplified(&c.anchor.surface).to_lowercase();
    let body = ctx.clauses(lang)[c.id].body_text();
    if c.readings.0 & Readings::POSSIBILITY != 0
        && c.readings.0 & Readings::FUTURE == 0
        && MODAL_POSSIBILITY.contains(&surface.as_str())
        && !(lang == Lang::En && formulaic_may(body, c.anchor))
    {
        Some("possibility")
    } else if MODAL_EXPLICIT_OBLIGATION.contains(&surface.as_str()) {
        Some("obligation")
    } else {
        None
    }
}

/// A cue whose governed word the other side states plainly.
fn plain(
    ctx: &Context,
    pw: &PairWords,
    lang: Lang,
    c: &Cue,
    word: usize,
    counterpart: usize,
    link: f64,
) -> Option<Finding> {
    let other = lang.other();
    let what = firm_kind(ctx, lang, c)?;
    let body = ctx.clauses(lang)[c.id].body_text();
    let w = pw.words(lang)[word];
    let u = pw.words(other)[counterpart];
    let governed = &body[w.token.start..w.token.end];
    let theirs = &ctx.clauses(other)[u.clause].body_text()[u.token.start..u.token.end];
    let mine = format!("{}…{governed}", c.anchor.surface);
    let (zh, en, zv, ev) = match lang {
        Lang::Zh => (vec![c.id], vec![u.clause], mine.clone(), theirs.to_string()),
        Lang::En => (vec![u.clause], vec![c.id], theirs.to_string(), mine.clone()),
    };
    Some(Finding {
        id: String::new(),
        kind: FindingKind::Modality,
        severity: Severity::Warning,
        // An explicit obligation against a plain statement is how
        // translators render "you agree to", "you assume", "at your own
        // risk" (您必须同意, 必须自行承担, 必须自负风险) and 只允许 "must
        // only": of the 12 judged on the clean and CTK documents none was a
        // real difference, so it is shown only with `--all`. A possibility
        // stated plainly on the other side is a changed promise more often.
        confidence: match what {
            "obligation" => 0.25 + 0.2 * link,
            _ => 0.45 + 0.2 * link,
        },
        message: format!(
            "{what} only in the {} version: «{mine}» where the {} version states «{theirs}» plainly",
            lang_name(lang),
            lang_name(other),
        ),
        zh,
        en,
        zh_value: Some(zv),
        en_value: Some(ev),
    })
}

/// No governed word links: a possibility (may, 可能) on one side of a pair
/// whose other side has no modal cue at all (a condition such as 方可
/// "only then may" is none). Less sure than a linked word. Cues in `let_go`
/// (clause, start) were let go by [`described`].
fn unlinked(
    ctx: &Context,
    pair: &AlignedPair,
    zc: &[Cue],
    ec: &[Cue],
    let_go: &[(usize, usize)],
) -> Option<Finding> {
    for (lang, mine, theirs, ids) in [(Lang::Zh, zc, ec, &pair.en), (Lang::En, ec, zc, &pair.zh)] {
        let other = lang.other();
        let Some(c) = mine.iter().find(|c| {
            firm_kind(ctx, lang, c) == Some("possibility")
                && !let_go.contains(&(c.id, c.anchor.start))
        }) else {
            continue;
        };
        // A "may only" is a condition, as 才可以 and 方可 ("only then may")
        // are; a plain "may" against one ("may be at least 18 to register"
        // for 年满十八周岁方可注册) is a changed promise.
        let only = lang == Lang::En && {
            let body = ctx.clauses(lang)[c.id].body_text();
            body.split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("only"))
        };
        // Any modal at all, even one another rule explains (a stretch the
        // omission rule reports) or one without a reading of its own (a
        // prohibition 不得 "may not"); a condition counts only against a
        // condition.
        let any_modal = ids.iter().any(|&oid| {
            let body = ctx.clauses(other)[oid].body_text();
            hedged(other, body)
                || ctx
                    .all_anchors(other, oid)
                    .iter()
                    .any(|a| a.kind == AnchorKind::Modal && (only || !conditional(other, body, a)))
        });
        if !theirs.is_empty() || any_modal {
            continue;
        }
        let (zh, en, zv, ev) = match lang {
            Lang::Zh => (
                vec![c.id],
                ids.clone(),
                Some(c.anchor.surface.clone()),
                None,
            ),
            Lang::En => (
                ids.clone(),
                vec![c.id],
                None,
                Some(c.anchor.surface.clone()),
            ),
        };
        return Some(Finding {
            id: String::new(),
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

/// Whether a text qualifies what it says as possible in words rather than
/// with a modal verb: "subject to change", "sometimes", 有时, 或许
/// (`data/words/check/hedges-*.tsv`).
fn hedged(lang: Lang, text: &str) -> bool {
    match lang {
        Lang::Zh => CHECK_HEDGES_ZH.iter().any(|w| text.contains(w)),
        Lang::En => {
            let lower = text.to_lowercase();
            CHECK_HEDGES_EN.iter().any(|h| {
                lower.match_indices(h).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[at + h.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
            })
        }
    }
}

/// Possibility cues a translator does not drop lightly.
const MODAL_POSSIBILITY: [&str; 5] = ["may", "might", "可能", "或许", "也许"];

/// Obligation cues a translator does not drop lightly ("shall" and 应 are
/// often left implicit in legal text).
const MODAL_EXPLICIT_OBLIGATION: [&str; 3] = ["must", "必须", "务必"];

mod english;
mod readings;
use english::{formulaic_may, relative_may};
use readings::{Readings, conflict_confidence};

#[cfg(test)]
mod tests;
