//! Omission: clauses without counterpart, clauses of a merged pair that
//! translate almost nothing, and numbered items without counterpart; also
//! section numbers that differ between aligned items.

use rustc_hash::FxHashMap;

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, clause_finding, clauses_finding, content, lang_name, quote};
use crate::check::rules::untranslated::{LOOSE_SHARE, translated_next_door, translated_share};
use crate::check::rules::values::left_over_near;
use crate::check::tokens::Token;
use crate::check::{Finding, FindingKind, Neighbours, Severity};
use crate::lang::Lang;
use crate::segment::{Clause, ClauseKind};

/// How much better (in log length) the other side must fit a translation of
/// the whole side than of the side without a merged sentence for the
/// lengths to say that sentence is translated.
const SENTENCE_LENGTH_MARGIN: f64 = 0.1;

/// A merged sentence the other side translates this much of (in known
/// content words) is translated in words the aligner's features miss.
const TRANSLATED_SHARE: f64 = 0.75;

/// Phase [`Rule::Unaligned`](crate::check::Rule::Unaligned): clauses
/// without counterpart, and unsupported clauses inside merged pairs. Each
/// reported clause is claimed whole.
pub(crate) fn unaligned(ctx: &Context, claimed: &Claims) -> Outcome {
    let p = ctx.params;
    let mut out = Outcome::default();
    // Clauses without counterpart (language, id, index of their finding),
    // to join into blocks at the end.
    let mut alone_found: Vec<(Lang, usize, usize)> = Vec::new();
    for (k, pair) in ctx.report.pairs.iter().enumerate() {
        for lang in [Lang::Zh, Lang::En] {
            let (mine, other) = match lang {
                Lang::Zh => (&pair.zh, &pair.en),
                Lang::En => (&pair.en, &pair.zh),
            };
            let alone = other.is_empty();
            let repeating = if !alone && mine.len() > 1 {
                repeating_parts(ctx, lang, mine, other)
            } else {
                Vec::new()
            };
            for &id in mine {
                if claimed.touches(lang, id) {
                    continue;
                }
                let clause = &ctx.clauses(lang)[id];
                let amount = content(clause.body_text());
                let unsupported = !alone
                    && (ctx.support(lang, id) < p.unsupported || repeating.contains(&id))
                    && amount >= p.unsupported_min_content
                    // The rest of the pair must be a real match, or the
                    // whole pair is just a weak alignment.
                    && mine.len() > 1;
                if !(unsupported || alone && amount >= p.omission_min_content) {
                    continue;
                }
                if alone && has_twin(ctx, lang, id) {
                    continue;
                }
                if unsupported
                    && (content(&ctx.text_outside_anchors(lang, id)) < p.unsupported_min_content
                        || translates_itself(ctx, lang, &[id]))
                {
                    // A clause that is only a URL or a number: its value
                    // checks speak for it. A clause that carries both
                    // languages (a bilingual heading "APPENDIX: How to
                    // apply … 附录：如何…") needs no counterpart.
                    continue;
                }
                out.claims.clause(lang, id);
                let heading = clause.kind == ClauseKind::Heading;
                let severity = if heading {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                let other_lang = lang_name(lang.other());
                let what = if heading { "heading" } else { "text" };
                let message = if alone {
                    format!(
                        "{what} has no {other_lang} counterpart: {}",
                        quote(&clause.text)
                    )
                } else {
                    format!(
                        "sentence not translated in the {other_lang} version: {}",
                        quote(&clause.text)
                    )
                };
                let confidence = if alone {
                    let c = unaligned_confidence(ctx, lang, &alone_run(ctx, lang, k), id, heading);
                    let near = paired_neighbours(ctx, k);
                    let body = clause.body_text();
                    if c >= 0.5
                        && (translated_next_door(ctx, lang, id, (0, body.len()), &near)
                            || linked_next_door(ctx, claimed, lang, id, &near))
                    {
                        0.45
                    } else {
                        c
                    }
                } else {
                    // A sentence merged into a pair whose other side is as
                    // long as a translation of the whole side, not of the
                    // side without it, is most likely translated in words
                    // the lexicon does not follow: on the judged clean and
                    // CTK documents such findings were 80 false, 7 true.
                    // Shown with `--all`. The margin (a tenth in log length)
                    // keeps the findings a planted sentence raises.
                    let run = ctx.tokens(lang, id).iter().filter(|t| t.known).count();
                    // So is a sentence whose words the other side mostly
                    // translates once synonyms and the document's own
                    // translations are counted.
                    // So, finally, is a sentence whose pair is freely
                    // rendered: the rest of its side leaves much of the
                    // other side untranslated, which it may well render.
                    // Had the sentence been added, the rest would account
                    // for the other side (on the judged documents 11 such
                    // findings were false, 1 true).
                    // A lead-in ending in a colon ("Mr X said:", 财政司致辞的
                    // 译文：) introduces what follows: its counterpart is
                    // the other side's lead-in or speaker label, worded
                    // apart (on the judged CTK documents 5 such findings,
                    // all false).
                    let lead_in = clause.text.trim_end().ends_with([':', '：']);
                    if lead_in
                        || ctx.lengths_say_translated(
                            lang,
                            mine,
                            other,
                            run,
                            SENTENCE_LENGTH_MARGIN,
                        )
                        || translated_share(ctx, lang, id, other) >= TRANSLATED_SHARE
                        || left_untranslated(ctx, lang, id, mine, other) >= LOOSE_SHARE
                    {
                        0.45
                    } else {
                        0.55
                    }
                };
                if alone {
                    alone_found.push((lang, id, out.findings.len()));
                }
                out.findings.push(clause_finding(
                    lang,
                    id,
                    FindingKind::Omission,
                    severity,
                    confidence,
                    message,
                ));
            }
        }
    }
    out.findings = join_blocks(ctx, std::mem::take(&mut out.findings), alone_found);
    out
}

/// The share of the other side's known content words (mean over its
/// clauses) that the rest of a merged side, without sentence `id`, leaves
/// untranslated.
fn left_untranslated(ctx: &Context, lang: Lang, id: usize, mine: &[usize], other: &[usize]) -> f64 {
    let rest: Vec<usize> = mine.iter().copied().filter(|&m| m != id).collect();
    if other.is_empty() {
        return 0.0;
    }
    other
        .iter()
        .map(|&o| 1.0 - translated_share(ctx, lang.other(), o, &rest))
        .sum::<f64>()
        / other.len() as f64
}

/// Whether a clause without counterpart has a twin right before or after it
/// on its side, also without counterpart: the same words, and no Han
/// character. A line
/// both halves of an interleaved file write alike (an address, "51
/// Franklin Street, Fifth Floor, Boston"; a URL) lands twice on the side
/// of its script; neither copy is missing from the other version.
fn has_twin(ctx: &Context, lang: Lang, id: usize) -> bool {
    let words = |k: usize| -> Option<Vec<String>> {
        let text = &ctx.clauses(lang).get(k)?.text;
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        (!words.is_empty()).then_some(words)
    };
    // The English half writes no Han characters: a line with them is the
    // Chinese half's own.
    if ctx.clauses(lang)[id].text.chars().any(crate::lang::is_han) {
        return false;
    }
    let Some(mine) = words(id) else {
        return false;
    };
    [id.checked_sub(1), Some(id + 1)]
        .into_iter()
        .flatten()
        .filter(|&k| {
            ctx.pair_of(lang).get(k).is_some_and(|&p| {
                let pair = &ctx.report.pairs[p];
                match lang {
                    Lang::Zh => pair.en.is_empty(),
                    Lang::En => pair.zh.is_empty(),
                }
            })
        })
        .any(|k| words(k).is_some_and(|w| w == mine))
}

/// One finding per block: clauses without counterpart that follow each
/// other on one side (consecutive clauses, nothing of that side between
/// them) are one difference, a passage the other version lacks, and become
/// one finding naming them all. Findings a reviewer sees by default and
/// those below [`CheckParams::min_confidence`](crate::check::CheckParams)
/// form blocks of their own.
fn join_blocks(
    ctx: &Context,
    mut findings: Vec<Finding>,
    mut alone: Vec<(Lang, usize, usize)>,
) -> Vec<Finding> {
    alone.sort_unstable_by_key(|&(lang, id, _)| (lang == Lang::En, id));
    let shown = |f: &Finding| f.confidence >= ctx.params.min_confidence;
    let mut blocks: Vec<Vec<(Lang, usize, usize)>> = Vec::new();
    for a in alone {
        match blocks.last_mut() {
            Some(block)
                if block.last().is_some_and(|&(lang, id, k)| {
                    lang == a.0 && id + 1 == a.1 && shown(&findings[k]) == shown(&findings[a.2])
                }) =>
            {
                block.push(a)
            }
            _ => blocks.push(vec![a]),
        }
    }
    let mut dropped = vec![false; findings.len()];
    let mut joined = Vec::new();
    for block in blocks.iter().filter(|b| b.len() > 1) {
        let parts: Vec<&Finding> = block.iter().map(|&(_, _, k)| &findings[k]).collect();
        let lang = block[0].0;
        let ids: Vec<usize> = block.iter().map(|&(_, id, _)| id).collect();
        let clauses = ctx.clauses(lang);
        let all_headings = ids
            .iter()
            .all(|&id| clauses[id].kind == ClauseKind::Heading);
        let what = if all_headings {
            "headings have"
        } else {
            "text has"
        };
        let last = ids[ids.len() - 1];
        let message = format!(
            "{what} no {} counterpart ({} clauses): {} … {}",
            lang_name(lang.other()),
            ids.len(),
            quote(&clauses[ids[0]].text),
            quote(&clauses[last].text),
        );
        let severity = if parts.iter().any(|f| f.severity == Severity::Warning) {
            Severity::Warning
        } else {
            Severity::Info
        };
        let confidence = parts.iter().map(|f| f.confidence).fold(0.0, f64::max);
        joined.push(clauses_finding(
            lang,
            ids,
            FindingKind::Omission,
            severity,
            confidence,
            message,
        ));
        for &(_, _, k) in block {
            dropped[k] = true;
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
    findings.extend(joined);
    findings
}

/// Clauses of the multi-clause side of a merged pair that add nothing
/// of their own: the words of the other side they match are matched by
/// the rest of their side too. A true split translation shares the other
/// side's words out among its parts; a sentence merged in because its
/// counterpart is missing only repeats common words ("right", "personal
/// data") of its neighbour. Words are counted by occurrence: a word the
/// other side writes twice (区议会 … 区议会 against "district boards" …
/// "district boards") is the clause's own once the rest of its side has
/// taken as many as it writes.
fn repeating_parts(ctx: &Context, lang: Lang, mine: &[usize], other: &[usize]) -> Vec<usize> {
    let other_tokens: Vec<&Token> = other
        .iter()
        .flat_map(|&oid| ctx.tokens(lang.other(), oid).iter())
        .collect();
    // For each clause of `mine`, how many of its words have each key. One
    // hash look-up per key, not a key-list merge per token pair: a clause
    // may hold tens of thousands of tokens.
    let counts: Vec<FxHashMap<u32, usize>> = mine
        .iter()
        .map(|&id| {
            let mut c: FxHashMap<u32, usize> = FxHashMap::default();
            for t in ctx.tokens(lang, id) {
                for &k in t.keys.iter() {
                    *c.entry(k).or_default() += 1;
                }
            }
            c
        })
        .collect();
    // How many words of clause `j` match other-side word `t`.
    let matches = |j: usize, t: &Token| -> usize {
        t.keys
            .iter()
            .map(|k| counts[j].get(k).copied().unwrap_or(0))
            .max()
            .unwrap_or(0)
    };
    // How often the other side writes each word (its keys).
    let mut written: FxHashMap<&[u32], usize> = FxHashMap::default();
    for t in &other_tokens {
        *written.entry(&t.keys[..]).or_default() += 1;
    }
    let mut out = Vec::new();
    for (k, &id) in mine.iter().enumerate() {
        let mut own = 0;
        let mut unique = 0.0;
        let mut others_match = false;
        for t in &other_tokens {
            let rest: usize = (0..mine.len())
                .filter(|&j| j != k)
                .map(|j| matches(j, t))
                .sum();
            others_match |= rest > 0;
            let mine_count = matches(k, t);
            if mine_count == 0 {
                continue;
            }
            own += 1;
            if rest == 0 {
                unique += 1.0;
                continue;
            }
            // The occurrences left once the rest of the side has taken
            // its share, spread over the word's occurrences.
            let n = written[&t.keys[..]];
            let left = n.saturating_sub(rest).min(mine_count);
            unique += left as f64 / n as f64;
        }
        if own > 0 && others_match && unique * 5.0 <= own as f64 {
            out.push(id);
        }
    }
    out
}

/// Phase [`Rule::Labels`](crate::check::Rule::Labels): section numbers.
/// Within a pair, each numbered clause looks for a clause of the other
/// side with the same number; one left over on both sides is a changed
/// number (`2.` vs `3.`), one left over on one side only (in a merged pair)
/// an item the other version does not have, which is claimed whole.
pub(crate) fn labels(ctx: &Context, claimed: &Claims) -> Outcome {
    let numbered = |lang: Lang, ids: &[usize]| -> Vec<(usize, Vec<u32>)> {
        ids.iter()
            .filter_map(|&id| {
                let c = &ctx.clauses(lang)[id];
                let l = c.label.as_ref()?;
                l.is_numbered().then(|| (id, l.values.clone()))
            })
            .collect()
    };
    let same = |a: &[u32], b: &[u32]| {
        if a.len() > 1 && b.len() > 1 {
            a == b
        } else {
            a.last() == b.last()
        }
    };
    let label = |c: &Clause| c.text[..c.body.min(c.text.len())].trim().to_string();
    let mut out = Outcome::default();
    for pair in &ctx.report.pairs {
        let zs = numbered(Lang::Zh, &pair.zh);
        let es = numbered(Lang::En, &pair.en);
        // A numbered item starting inside a merged pair whose other side
        // has no numbered item at all: the item has no counterpart.
        for (lang, mine, theirs, ids) in [
            (Lang::Zh, &zs, &es, &pair.zh),
            (Lang::En, &es, &zs, &pair.en),
        ] {
            if theirs.is_empty() && ids.len() > 1 {
                for (id, _) in mine.iter().filter(|(id, _)| Some(id) != ids.first()) {
                    numbered_omission(ctx, claimed, pair, lang, *id, &mut out);
                }
            }
        }
        if zs.is_empty() || es.is_empty() {
            continue;
        }
        let mut used = vec![false; es.len()];
        let mut left_zh = Vec::new();
        for (zid, zv) in &zs {
            let free = es
                .iter()
                .enumerate()
                .position(|(k, (_, ev))| !used[k] && same(zv, ev));
            match free {
                Some(k) => used[k] = true,
                None => left_zh.push(*zid),
            }
        }
        let left_en: Vec<usize> = es
            .iter()
            .enumerate()
            .filter(|(k, _)| !used[*k])
            .map(|(_, (id, _))| *id)
            .collect();
        for (k, &z) in left_zh.iter().enumerate() {
            let zc = &ctx.clauses(Lang::Zh)[z];
            if let Some(&e) = left_en.get(k) {
                let ec = &ctx.clauses(Lang::En)[e];
                let (zv, ev) = (label(zc), label(ec));
                out.findings.push(Finding {
                    id: String::new(),
                    kind: FindingKind::Number,
                    severity: Severity::Warning,
                    confidence: 0.7,
                    zh: vec![z],
                    en: vec![e],
                    zh_value: Some(zv.clone()),
                    en_value: Some(ev.clone()),
                    message: format!("section number differs: {zv} (zh) vs {ev} (en)"),
                });
            } else if pair.zh.len() > 1 {
                numbered_omission(ctx, claimed, pair, Lang::Zh, z, &mut out);
            }
        }
        if left_en.len() > left_zh.len() && pair.en.len() > 1 {
            for &e in &left_en[left_zh.len()..] {
                numbered_omission(ctx, claimed, pair, Lang::En, e, &mut out);
            }
        }
    }
    out
}

/// The nearest pairs before and after pair `k` that have both languages.
fn paired_neighbours<'a>(ctx: &Context<'a>, k: usize) -> [Option<&'a AlignedPair>; 2] {
    let pairs = &ctx.report.pairs;
    let both = |p: &&AlignedPair| !p.zh.is_empty() && !p.en.is_empty();
    [
        pairs[..k].iter().rev().find(both),
        pairs[k + 1..].iter().find(both),
    ]
}

/// The clauses of `lang` without counterpart around pair `k` (itself one):
/// those of the pairs before and after it that have clauses of `lang` only,
/// up to [`ALONE_RUN_PAIRS`] each way, passing over pairs of the other
/// language only. A block of both languages put wholly in one half (a
/// licence note written in Chinese and English at the end of the English
/// half) is such a run, and its clauses translate each other.
fn alone_run(ctx: &Context, lang: Lang, k: usize) -> Vec<usize> {
    let pairs = &ctx.report.pairs;
    let sides = |p: &crate::align::AlignedPair| match lang {
        Lang::Zh => (p.zh.clone(), p.en.is_empty()),
        Lang::En => (p.en.clone(), p.zh.is_empty()),
    };
    let mut run = sides(&pairs[k]).0;
    let mut extend = |range: &mut dyn Iterator<Item = usize>| {
        let mut taken = 0;
        for j in range {
            let (mine, alone) = sides(&pairs[j]);
            if mine.is_empty() {
                continue;
            }
            if !alone || taken == ALONE_RUN_PAIRS {
                break;
            }
            run.extend(mine);
            taken += 1;
        }
    };
    extend(&mut (0..k).rev());
    extend(&mut (k + 1..pairs.len()));
    run.sort_unstable();
    run
}

/// Whether a clause without counterpart is a link with a few words around
/// it whose address a neighbouring pair's other side writes without a
/// partner: the versions point to one page from different sentences.
/// alibaba-oss-coc's Chinese puts "可在此查看" and the Chinese page
/// (`…/zh-cn/version/1/4/…`, the same page in another language) on a line
/// of its own; the English writes "available at" that page in the sentence
/// before.
fn linked_next_door(
    ctx: &Context,
    claimed: &Claims,
    lang: Lang,
    id: usize,
    near: &Neighbours,
) -> bool {
    let is_link = |a: &Anchor| matches!(a.kind, AnchorKind::Url | AnchorKind::Email);
    let links: Vec<&Anchor> = ctx
        .all_anchors(lang, id)
        .iter()
        .filter(|a| is_link(a))
        .collect();
    if links.is_empty() || content(&ctx.text_outside_anchors(lang, id)) > LINK_WORDS {
        return false;
    }
    let left = left_over_near(ctx, claimed, near, lang.other(), is_link);
    links
        .iter()
        .all(|a| a.value.point_keys().iter().any(|k| left.contains(k)))
}

/// How much text (in [`content`] units: Han characters, English words
/// counted double) a link of [`linked_next_door`] may have around it.
const LINK_WORDS: f64 = 8.0;

/// How many pairs before and after a clause without counterpart
/// [`alone_run`] looks at.
const ALONE_RUN_PAIRS: usize = 4;

/// How sure a clause without counterpart is an omission: a heading a
/// little less than text (headings are often laid out differently); a
/// clause that translates itself (「1. 引言 / Introduction」) or a
/// neighbour without counterpart written in the other language (a
/// bilingual note inside one version) hardly at all.
fn unaligned_confidence(
    ctx: &Context,
    lang: Lang,
    mine: &[usize],
    id: usize,
    heading: bool,
) -> f64 {
    if translates_itself(ctx, lang, &[id]) {
        return 0.1;
    }
    let pos = mine.iter().position(|&m| m == id).unwrap_or(0);
    let near = &mine[pos.saturating_sub(3)..(pos + 4).min(mine.len())];
    if near.len() > 1 && translates_itself(ctx, lang, near) {
        return 0.15;
    }
    if above_both_halves(ctx, lang, id) || shared_link(ctx, lang, id) {
        return ABOVE_BOTH_HALVES;
    }
    if heading { 0.65 } else { 0.7 }
}

/// Whether a clause of an interleaved file is a link or an address and
/// nothing else: a line of no language, which the split gives to the
/// language of the line above it, though it serves both
/// ("附录A：铜锁项目地址" and "Appendix A: Address of the TONGSUO Project",
/// then one "https://github.com/Tongsuo-Project").
fn shared_link(ctx: &Context, lang: Lang, id: usize) -> bool {
    if ctx.report.shape != crate::split::Shape::Interleaved {
        return false;
    }
    let body = ctx.clauses(lang)[id].body_text();
    let mut rest = String::with_capacity(body.len());
    let mut last = 0;
    let mut links = 0;
    for a in ctx.all_anchors(lang, id) {
        if matches!(a.kind, AnchorKind::Url | AnchorKind::Email)
            && a.start >= last
            && a.end <= body.len()
        {
            rest.push_str(&body[last..a.start]);
            last = a.end;
            links += 1;
        }
    }
    rest.push_str(&body[last..]);
    links > 0 && !rest.chars().any(|c| c.is_alphabetic())
}

/// How sure a title above both halves of a bilingual file is an omission
/// ([`above_both_halves`]).
const ABOVE_BOTH_HALVES: f64 = 0.45;

/// Whether a clause is a title or label line above both language halves of
/// one file (before the first line of the other language, and no
/// sentence): it names the whole document ("# Contributor License
/// Agreement" over "## English Version" … "## 中文版本"), and each half
/// has its own title or none. In a file of two halves the first line of
/// a half is also that half's own title (MHZ官方隐私权政策 over a Chinese
/// half the English half has no title for): there the clause must stand
/// over a heading both halves write, the start of each half. Two files,
/// or a pre-paired one, have none.
fn above_both_halves(ctx: &Context, lang: Lang, id: usize) -> bool {
    use crate::split::Shape;
    let halves = match ctx.report.shape {
        Shape::ZhThenEn | Shape::EnThenZh => true,
        Shape::Interleaved => false,
        Shape::TwoFiles | Shape::Paired => return false,
    };
    let clauses = ctx.clauses(lang);
    let clause = &clauses[id];
    let first_other = ctx.clauses(lang.other()).iter().map(|c| c.line).min();
    let body = clause.body_text().trim_end();
    let above = first_other.is_some_and(|first| clause.line < first)
        && !body.ends_with(['.', '。', '!', '！', '?', '？', ';', '；', ':', '：']);
    if !above || !halves {
        return above;
    }
    // The next clause: a heading paired with a heading.
    let Some(next) = clauses.get(id + 1) else {
        return false;
    };
    let heading = |c: &crate::segment::Clause| c.kind == ClauseKind::Heading;
    let pair = &ctx.report.pairs[ctx.pair_of(lang)[id + 1]];
    let theirs = match lang {
        Lang::Zh => &pair.en,
        Lang::En => &pair.zh,
    };
    heading(next)
        && theirs
            .iter()
            .any(|&o| heading(&ctx.clauses(lang.other())[o]))
}

/// Whether the Latin words of clauses are mostly translations of their Han
/// words, and their Han words mostly translated by their Latin words: text
/// that carries both languages itself. (A bilingual label followed by a
/// Chinese sentence, 「Mailing Address 信件地址：…我们还可能出售…」, does not
/// translate that sentence.)
pub(crate) fn translates_itself(ctx: &Context, lang: Lang, ids: &[usize]) -> bool {
    let mut han: Vec<&[u32]> = Vec::new();
    let mut latin: Vec<&[u32]> = Vec::new();
    for &id in ids {
        let body = ctx.clauses(lang)[id].body_text();
        for t in ctx.tokens(lang, id) {
            if body[t.start..t.end].chars().any(crate::lang::is_han) {
                if t.known {
                    han.push(&t.keys);
                }
            } else if t.known {
                latin.push(&t.keys);
            }
        }
    }
    if latin.is_empty() || han.is_empty() {
        return false;
    }
    let sorted = |words: &[&[u32]]| {
        let mut keys: Vec<u32> = words.iter().flat_map(|k| k.iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let (han_keys, latin_keys) = (sorted(&han), sorted(&latin));
    let linked = |words: &[&[u32]], keys: &[u32]| {
        words
            .iter()
            .filter(|w| w.iter().any(|k| keys.binary_search(k).is_ok()))
            .count()
    };
    // The Han words, in order, that no Latin word translates: a run of
    // them as long as an untranslated run inside a pair is text of its own.
    let mut run = 0;
    let mut longest = 0;
    for w in &han {
        if w.iter().any(|k| latin_keys.binary_search(k).is_ok()) {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    // One Latin word is a translation only of a short text it matches
    // entirely: a bilingual heading "引言 / Introduction", "联系我们 / Contact
    // Us"; not a term kept in Latin letters inside a Chinese sentence.
    if latin.len() == 1 {
        return longest == 0 && han.len() <= 2 && linked(&latin, &han_keys) == 1;
    }
    linked(&latin, &han_keys) * 2 >= latin.len() && longest < ctx.params.untranslated_run_zh
}

/// A numbered item merged into a pair whose other side has no item with
/// its number: the other version does not have it.
fn numbered_omission(
    ctx: &Context,
    claimed: &Claims,
    pair: &AlignedPair,
    lang: Lang,
    id: usize,
    out: &mut Outcome,
) {
    if claimed.touches(lang, id) || out.claims.touches(lang, id) {
        return;
    }
    // The other side may write the same label inside a line rather than
    // opening one ("…会考虑以下各项： (a)该团体…", "(c) Housing (d) Health
    // conditions"): the item is there.
    let clause = &ctx.clauses(lang)[id];
    let label = ascii_brackets(clause.text[..clause.body.min(clause.text.len())].trim());
    let theirs = match lang {
        Lang::Zh => &pair.en,
        Lang::En => &pair.zh,
    };
    if label.chars().count() >= 3
        && theirs
            .iter()
            .any(|&o| ascii_brackets(&ctx.clauses(lang.other())[o].text).contains(&label))
    {
        return;
    }
    out.claims.clause(lang, id);
    out.findings.push(clause_finding(
        lang,
        id,
        FindingKind::Omission,
        Severity::Warning,
        0.6,
        format!(
            "item has no {} counterpart: {}",
            lang_name(lang.other()),
            quote(&clause.text)
        ),
    ));
}

/// Text with full-width brackets written as ASCII ones: （a） is (a).
fn ascii_brackets(text: &str) -> String {
    text.replace('（', "(").replace('）', ")")
}

#[cfg(test)]
mod tests {
    use crate::check::FindingKind;
    use crate::check::testing::{all_findings, line_findings_all, paired_findings_all};

    /// The confidences of the omission findings on Chinese clause `id`
    /// alone, with `pairs` as the alignment.
    fn zh_omissions(zh: &str, en: &str, pairs: &[(&[usize], &[usize])], id: usize) -> Vec<f64> {
        paired_findings_all(zh, en, pairs, 0.9)
            .into_iter()
            .filter(|f| f.kind == FindingKind::Omission && f.zh == vec![id])
            .map(|f| f.confidence)
            .collect()
    }

    #[test]
    fn an_item_whose_label_the_other_side_writes_inline_is_there() {
        let en = "The Committee will consider the following:\n(a) the body's experience in education;\n(b) its financial capability.\n";
        let items = |zh: &str| -> usize {
            let pairs: [(&[usize], &[usize]); 1] = [(&[0], &[0, 1, 2])];
            paired_findings_all(zh, en, &pairs, 0.9)
                .into_iter()
                .filter(|f| f.message.starts_with("item has no"))
                .count()
        };
        assert_eq!(
            items("委员会会考虑以下各项：(a)该团体的办学经验；（b）该团体的经济能力。\n"),
            0
        );
        assert_eq!(items("委员会会考虑该团体的办学经验和经济能力。\n"), 2);
    }

    #[test]
    fn a_part_that_writes_a_repeated_word_again_is_its_own() {
        // The second sentence names 区议会 and 部门 again, as the English
        // does ("district boards", "departments" twice): those second
        // occurrences are its own, not words the first sentence took.
        let zh = "布政司已向政府各部门发出指示，要求它们采纳区议会的意见。\n若区议会的意见不被接纳，政府部门必须向区议会解释及建议其他方法。\n";
        let second = |en: &str| zh_omissions(zh, en, &[(&[0, 1], &[0])], 1);
        let both = second(
            "A directive was issued to all departments to adopt the advice of district boards, and where the advice cannot be accepted, departments must explain to the district boards and suggest other alternatives.\n",
        );
        assert!(both.is_empty(), "{both:?}");
        let first_only = second(
            "A directive was issued to all departments to adopt the advice of district boards.\n",
        );
        assert!(
            first_only.len() == 1 && first_only[0] >= 0.5,
            "{first_only:?}"
        );
    }

    #[test]
    fn a_clause_the_next_pair_translates_is_hedged() {
        // A Chinese line left without counterpart whose words the English
        // line next door translates, where its own Chinese line does not:
        // the versions break the text at different places.
        let zh = "委员会审查了基金的估值。\n养恤金调整制度和工作人员削减办法\n委员会讨论了投资管理费用和精算假设。\n";
        let alone = |en: &str| zh_omissions(zh, en, &[(&[0], &[0]), (&[1], &[]), (&[2], &[1])], 1);
        let next_door = alone(
            "The Committee reviewed the valuation of the Fund.\nThe Committee discussed investment management costs and actuarial assumptions, the pension adjustment system and staff reductions.\n",
        );
        assert!(next_door.len() == 1 && next_door[0] < 0.5, "{next_door:?}");
        let nowhere = alone(
            "The Committee reviewed the valuation of the Fund.\nThe Committee discussed investment management costs and actuarial assumptions.\n",
        );
        assert!(nowhere.len() == 1 && nowhere[0] >= 0.5, "{nowhere:?}");
    }

    #[test]
    fn a_merged_lead_in_is_hedged() {
        // A speaker's lead-in merged into the pair of what they said: the
        // English speaker line, elsewhere, is its counterpart.
        let zh = "委员会审查了养恤基金的精算估值。\n财政司致辞的译文：\n主席先生，我谨动议二读本条例草案。\n秘书处将编写一份关于投资管理费用的报告。\n";
        let en = "The Committee reviewed the actuarial valuation of the Fund.\nSir, I move the Second Reading of this Bill.\nThe secretariat will prepare a report on the costs of investment management.\n";
        let found: Vec<f64> = line_findings_all(zh, en)
            .into_iter()
            .filter(|f| f.kind == FindingKind::Omission && f.zh == vec![1])
            .map(|f| f.confidence)
            .collect();
        assert!(found.len() == 1 && found[0] < 0.5, "{found:?}");
    }

    /// All findings (`--all`) of a one-file bilingual document.
    fn one_file_findings_all(text: &str) -> Vec<crate::check::Finding> {
        use crate::check::{CheckParams, check};
        use crate::input::{DocumentInput, Source};
        use crate::lexicon::Lexicon;
        use crate::pipeline::{Options, analyze};
        use std::sync::Arc;
        let input = DocumentInput::One(Arc::new(Source::from_text("doc", text)));
        let report = analyze(&input, &Options::default()).expect("analyses");
        let params = CheckParams {
            min_confidence: 0.0,
            ..CheckParams::default()
        };
        check(&report, Lexicon::builtin(), &params)
    }

    #[test]
    fn a_title_above_both_halves_is_hedged() {
        let title_confidence = |text: &str| -> Vec<f64> {
            one_file_findings_all(text)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && f.en == vec![0])
                .map(|f| f.confidence)
                .collect()
        };
        let halves = "## English Version\n\nWe collect your name and email address to create your account.\n\nWe do not sell your personal information to third parties.\n\n## 中文版本\n\n我们收集您的姓名和电子邮件地址以创建您的帐户。\n\n我们不会向第三方出售您的个人信息。\n";
        // The title names the whole file; the Chinese half needs none.
        let above = title_confidence(&format!("# Contributor License Agreement\n\n{halves}"));
        assert!(above.len() == 1 && above[0] < 0.5, "{above:?}");
        // Over a half that starts with a sentence it is that half's own
        // title, which the other half lacks.
        let own = "# Privacy Policy\n\nWe collect your name and email address to create your account.\n\nWe do not sell your personal information to third parties.\n\n我们收集您的姓名和电子邮件地址以创建您的帐户。\n\n我们不会向第三方出售您的个人信息。\n";
        let own = title_confidence(own);
        assert!(own.len() == 1 && own[0] >= 0.5, "{own:?}");
    }

    #[test]
    fn a_link_line_of_an_interleaved_file_is_hedged() {
        let lone = |text: &str| -> Vec<f64> {
            one_file_findings_all(text)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && f.en.is_empty())
                .map(|f| f.confidence)
                .collect()
        };
        let head = "We collect your name and email address to create your account.\n\n\
                    我们收集您的姓名和电子邮件地址以创建您的帐户。\n\n\
                    We do not sell your personal information to third parties.\n\n\
                    我们不会向第三方出售您的个人信息。\n\n\
                    You may ask us to delete your account at any time.\n\n\
                    您可以随时要求我们删除您的帐户。\n\n\
                    Appendix A: Address of the Project\n\n附录A：项目地址\n";
        // One link under both headings serves both languages.
        let link = lone(&format!("{head}https://github.com/Tongsuo-Project\n"));
        assert!(link.len() == 1 && link[0] < 0.5, "{link:?}");
        // A line with words besides the link is Chinese text.
        let text = lone(&format!(
            "{head}详情请见我们的网站：https://example.org/a\n"
        ));
        assert!(text.len() == 1 && text[0] >= 0.5, "{text:?}");
    }

    #[test]
    fn a_link_the_sentence_next_door_writes_is_hedged() {
        use crate::check::testing::paired_findings_all;
        let en = "This Code of Conduct is adapted from the Contributor Covenant, version 1.4, available at https://www.contributor-covenant.org/version/1/4/code-of-conduct.html";
        let lone = |link: &str| -> Vec<f64> {
            let zh = format!(
                "本行为标准改编自贡献者公约 https://www.contributor-covenant.org，版本 1.4\n可在此查看{link}"
            );
            paired_findings_all(&zh, en, &[(&[0], &[0]), (&[1], &[])], 0.6)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && f.zh == vec![1])
                .map(|f| f.confidence)
                .collect()
        };
        // The Chinese page of the page the English links from the line
        // before.
        let same =
            lone("https://www.contributor-covenant.org/zh-cn/version/1/4/code-of-conduct.html");
        assert!(same.len() == 1 && same[0] < 0.5, "{same:?}");
        let other = lone("https://example.org/faq");
        assert!(other.len() == 1 && other[0] >= 0.5, "{other:?}");
    }

    #[test]
    fn a_sentence_merged_into_a_loose_pair_is_hedged() {
        let en = "The Committee reviewed the actuarial valuation of the Fund.\n\
                  The secretariat will prepare a report on the costs of investment management. Folks grew weary of slogans and glossy brochures over decades.\n\
                  The General Assembly approved the recommendations and the budget proposed by the Committee.\n";
        let merged = |zh: &str| -> Vec<f64> {
            all_findings(zh, en)
                .into_iter()
                .filter(|f| {
                    f.kind == FindingKind::Omission
                        && f.message.starts_with("sentence not translated")
                })
                .map(|f| f.confidence)
                .collect()
        };
        // The Chinese says more than the first English sentence translates
        // (大家对此都很关心…): the second may render it.
        let loose = merged(
            "委员会审查了养恤基金的精算估值。\n\
             秘书处将编写一份关于投资管理费用的报告，大家对此都很关心，毕竟这件事拖了很久。\n\
             大会核准了委员会提出的各项建议和预算。\n",
        );
        assert!(loose.len() == 1 && loose[0] < 0.5, "{loose:?}");
        // The first English sentence accounts for the Chinese: the second
        // is added.
        let faithful = merged(
            "委员会审查了养恤基金的精算估值。\n\
             秘书处将编写一份关于投资管理费用的报告。\n\
             大会核准了委员会提出的各项建议和预算。\n",
        );
        assert!(faithful.len() == 1 && faithful[0] >= 0.5, "{faithful:?}");
    }
}
