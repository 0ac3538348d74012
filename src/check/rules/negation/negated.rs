//! Whether and how a word is negated: by its form or meaning, by a cue
//! before it, at the place that corresponds to a cue on the other side, or
//! anywhere in a stretch of text.

use crate::anchors::{Anchor, AnchorKind};
use crate::check::claims::Claims;
use crate::check::context::Context;
use crate::check::governed::{has_clause_end, sentence_at};
use crate::check::links::PairWords;
use crate::lang::Lang;
use crate::words::{CHECK_NEGATING_WORDS_EN, CHECK_NEGATING_WORDS_ZH, ZH_NEGATING_CHARS};

use super::Skip;
use super::meaning::{excluded_before, negated_after, negative_word, opts_out};

/// Whether and how a word is negated.
pub(super) enum Negated {
    No,
    /// By its own form or meaning, or a word before it.
    ByWord,
    /// By the negation cue of this clause starting at this byte.
    ByCue(usize, usize),
}

/// Whether word `i` of `lang` is negated: by its own form or meaning
/// (无害, "unlicensed", 禁止 "prohibit", a Chinese word most of whose
/// translations negate, 除外 "exclude"), by a passive predicate of negative
/// meaning after it ("access has been disabled"), by an exclusion shortly
/// before it ("other than in accordance"), or by the nearest negation cue
/// before it in its sentence, however far (Chinese puts the negation before
/// a long adverbial: 不对因使用…而导致的损失承担责任) — unless that cue is itself
/// a word the other side translates ("refuse" = 拒绝), whose negation
/// belongs to that translation. Cues in `skip` (clause, byte start) do not
/// count.
pub(super) fn negated(
    ctx: &Context,
    claimed: &Claims,
    pw: &PairWords,
    lang: Lang,
    i: usize,
    skip: Skip,
) -> Negated {
    let w = pw.words(lang)[i];
    let t = w.token;
    let body = ctx.clauses(lang)[w.clause].body_text();
    let text = &body[t.start..t.end];
    if t.negative_affix
        || negative_word(ctx.lex, lang, text)
        || opts_out(body, t.start, t.end)
        || (lang == Lang::Zh && text.chars().count() >= 2 && text.starts_with(ZH_NEGATING_CHARS))
        || (lang == Lang::Zh && mostly_negative(ctx, text))
    {
        return Negated::ByWord;
    }
    if lang == Lang::Zh && body[..t.start].ends_with(ZH_NEGATING_CHARS) {
        // Negated by the character right before it (未做出): by that cue,
        // when it is one.
        return ctx
            .anchors(lang, w.clause, claimed)
            .into_iter()
            .find(|a| a.kind == AnchorKind::Negation && a.end == t.start)
            .map_or(Negated::ByWord, |a| Negated::ByCue(w.clause, a.start));
    }
    // A word that negates by its meaning just before it ("opt out of
    // sending", "prevent access").
    let window = reach_back(body, t.start, crate::check::governed::cue_window(lang));
    let tokens = ctx.tokens(lang, w.clause);
    let lo = tokens.partition_point(|x| x.start < window);
    if tokens[lo..]
        .iter()
        .take_while(|x| x.start < t.start)
        .any(|x| {
            !has_clause_end(body, x.end, t.start)
                && (negative_word(ctx.lex, lang, &body[x.start..x.end])
                    || opts_out(body, x.start, x.end))
        })
    {
        return Negated::ByWord;
    }
    if lang == Lang::En
        && (negated_after(ctx.lex, body, t.end) || excluded_before(body, window, t.start))
    {
        return Negated::ByWord;
    }
    let sentence_start = sentence_at(ctx, lang, w.clause, t.start).0;
    // The unclaimed negation cue starting last in `sentence_start..t.end`
    // and not in `skip` (the clause's cues are sorted by start; a filter
    // over all its anchors per word was quadratic on a line dense with
    // cues).
    let negs = &ctx.index(lang, w.clause).negations;
    let lo = negs.partition_point(|&(s, _)| s < sentence_start);
    let hi = negs.partition_point(|&(s, _)| s < t.end);
    let nearest = negs[lo..hi]
        .iter()
        .rev()
        .map(|&(s, _)| s)
        .find(|&s| !claimed.hides_pos(lang, w.clause, s) && !skip.contains(&(w.clause, s)));
    match nearest {
        Some(start)
            if start >= t.start
                || pw
                    .word_at(lang, w.clause, start)
                    .is_none_or(|k| !negation_translated(ctx, pw, lang, k)) =>
        {
            Negated::ByCue(w.clause, start)
        }
        _ => Negated::No,
    }
}

/// Whether word `k` of `lang`, a negation cue or a word holding one, is
/// translated by a word that carries the negation itself ("refuse" = 拒绝,
/// 禁止 = "prohibit"): its negation then negates nothing after it. A cue
/// linked to a word without any (请勿 to the "Please" of "Please do NOT
/// report") still negates the words after it, so "report" is negated on
/// both sides. (The cue's own evidence in [`evidence`] stays "a word the
/// other side translates": weighed there too, linked cues raised more false
/// findings on the clean documents than they removed.)
fn negation_translated(ctx: &Context, pw: &PairWords, lang: Lang, k: usize) -> bool {
    pw.link(lang, k).is_some_and(|j| {
        let other = lang.other();
        let u = pw.words(other)[j];
        let body = ctx.clauses(other)[u.clause].body_text();
        negative_word(ctx.lex, other, &body[u.token.start..u.token.end])
            || negation_in(
                ctx,
                other,
                u.clause,
                u.token.start,
                u.token.end,
                Some(pw),
                Skip::all(&[]),
            )
    })
}

/// Whether a Chinese cue is part of a longer word whose own translations
/// are negative words (不实 "untrue", 无牌 "unlicensed", 不足
/// "insufficient", 无害 "harmless"): the word negates by its meaning, which
/// its translation carries ("falsely state" for 不实声明), so the cue does
/// not negate the words after it. Cue words of their own (不得, 不能, 不会)
/// are never part of a longer word here.
pub(super) fn lexicalised(
    ctx: &Context,
    pw: &PairWords,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> bool {
    lang == Lang::Zh
        && cue_in_word(pw, lang, id, cue)
        && pw
            .word_at(lang, id, cue.start)
            .is_some_and(|i| translated_negative(ctx, &pw.words(lang)[i].token.keys))
}

/// The byte from which a window of `budget` bytes before `pos` reads, a
/// title in book-title marks or corner quotes counting for nothing: in
/// 排除《联合国国际货物销售合同公约》的适用 "exclude the application of the
/// Convention", 排除 stands right before 适用 however long the title.
fn reach_back(body: &str, pos: usize, budget: usize) -> usize {
    let mut left = budget;
    let mut depth = 0usize;
    for (k, c) in body[..pos].char_indices().rev() {
        match c {
            '》' | '」' => depth += 1,
            '《' | '「' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                if left < c.len_utf8() {
                    return k + c.len_utf8();
                }
                left -= c.len_utf8();
            }
            _ => {}
        }
    }
    0
}

/// Whether most of a Chinese word's translations in the lexicon negate by
/// their meaning: 除外 "exclude, not including, except". (One would make 终止
/// "stop, terminate, end" a negation, and "will not terminate" against 终止
/// no difference.)
fn mostly_negative(ctx: &Context, word: &str) -> bool {
    ctx.lex.translations(word).is_some_and(|stems| {
        let negative = stems
            .iter()
            .filter(|&&k| translated_negative(ctx, &[k]))
            .count();
        negative * 2 > stems.len()
    })
}

/// Whether a Chinese word's translations (the English stems of its keys)
/// include a word that negates by its meaning: 不实 "untrue", 无害
/// "harmless".
fn translated_negative(ctx: &Context, keys: &[u32]) -> bool {
    keys.iter().any(|&k| {
        let stem = ctx.lex.stem_str(k);
        !stem.is_empty() && negative_word(ctx.lex, Lang::En, stem)
    })
}

/// Whether a cue is part of a longer word (无用 "useless", 不遗余力): such
/// words are often translated without a negation ("frivolous",
/// "dedicated"), so their cue is no evidence unless the word links.
pub(super) fn cue_in_word(pw: &PairWords, lang: Lang, id: usize, cue: &Anchor) -> bool {
    pw.word_at(lang, id, cue.start).is_some_and(|i| {
        let t = pw.words(lang)[i].token;
        t.start <= cue.start && cue.end <= t.end && t.end - t.start > cue.end - cue.start
    })
}

/// How many words on either side of a linked neighbour's translation
/// [`negated_in_place`] reads.
const PLACE_SLACK: usize = 3;

/// Whether the other side negates by a word's form or meaning
/// ("unenforceable", "inability", "fails", "disclaims") at the place that
/// corresponds to cue `cue`: near the translations of the nearest linked
/// words before and after the cue in its clause. 不能执行 is rendered
/// "unenforceable" and 未能达到 "fails of", so a cue whose governed word has
/// no link is accounted for there. A negative word elsewhere in the other
/// side is no evidence for this cue: in 「受加州法律管辖，除非法律条款存在
/// 冲突」 against "governed by the laws of California, excluding its conflict
/// of law provisions", "excluding" stands where 除非 does and accounts for
/// it, but an "unenforceable" two sentences later would not.
pub(super) fn negated_in_place(
    ctx: &Context,
    pw: &PairWords,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> bool {
    let other = lang.other();
    let words = pw.words(lang);
    let k = words.partition_point(|w| (w.clause, w.token.start) < (id, cue.start));
    let before = (0..k)
        .rev()
        .take_while(|&i| words[i].clause == id)
        .find_map(|i| pw.link(lang, i));
    let after = (k..words.len())
        .take_while(|&i| words[i].clause == id)
        .find_map(|i| pw.link(lang, i));
    let theirs = pw.words(other);
    let negative = |j: usize| {
        let u = theirs[j];
        let body = ctx.clauses(other)[u.clause].body_text();
        u.token.negative_affix
            || negative_word(ctx.lex, other, &body[u.token.start..u.token.end])
            || opts_out(body, u.token.start, u.token.end)
    };
    let around = |j: usize| {
        let hi = (j + PLACE_SLACK).min(theirs.len().saturating_sub(1));
        (j.saturating_sub(PLACE_SLACK)..=hi).any(negative)
    };
    match (before, after) {
        // Between the two neighbours' translations when they are close.
        (Some(a), Some(b)) if a.abs_diff(b) <= 2 * PLACE_SLACK => {
            let (lo, hi) = (a.min(b), a.max(b));
            (lo.saturating_sub(PLACE_SLACK)..=(hi + PLACE_SLACK).min(theirs.len() - 1))
                .any(negative)
        }
        (a, b) => a.is_some_and(around) || b.is_some_and(around),
    }
}

/// Whether bytes `start..end` of a clause body show any sign of negation:
/// a cue, a negating character or word even where the cue lists decided
/// otherwise (不包括 "excluding", 非 before a name, 免费 "free of charge",
/// "free of defects"), and, when the pair's words are given, a word negated
/// by its form ("unexpected"). A cue that is itself a word the other side
/// translates ("refuse" = 拒绝) does not count then: its negation is
/// accounted for by that translation, nor does a cue in `skip` (clause,
/// byte start). A stretch with such a sign is not "without negation".
pub(super) fn negation_in(
    ctx: &Context,
    lang: Lang,
    id: usize,
    start: usize,
    end: usize,
    words: Option<&PairWords>,
    skip: Skip,
) -> bool {
    let body = ctx.clauses(lang)[id].body_text();
    let linked = |pos: usize| {
        words.is_some_and(|pw| {
            pw.word_at(lang, id, pos)
                .is_some_and(|k| pw.link(lang, k).is_some())
        })
    };
    // A negating character inside a longer word the other side translates
    // (不限于 for "without limitation") is that word's: accounted for by
    // its translation.
    let in_linked_word = |pos: usize| {
        words.is_some_and(|pw| {
            pw.word_at(lang, id, pos).is_some_and(|k| {
                let t = pw.words(lang)[k].token;
                pw.link(lang, k).is_some() && body[t.start..t.end].chars().nth(1).is_some()
            })
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
        if !linked(a.start) && !skip.contains(&(id, a.start)) {
            return true;
        }
        // The raw scan below skips the linked cue's own text.
        if a.start >= rest {
            if raw_negation(lang, &body[rest..a.start], rest, &in_linked_word) {
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
    raw_negation(lang, &body[rest..end], rest, &in_linked_word)
}

/// A negating character or word in a stretch of text that starts at byte
/// `offset` of its clause, other than a Chinese character for which
/// `in_linked_word` holds.
fn raw_negation(
    lang: Lang,
    text: &str,
    offset: usize,
    in_linked_word: &dyn Fn(usize) -> bool,
) -> bool {
    match lang {
        Lang::Zh => {
            text.char_indices()
                .any(|(k, c)| ZH_NEGATING_CHARS.contains(&c) && !in_linked_word(offset + k))
                || CHECK_NEGATING_WORDS_ZH.iter().any(|w| text.contains(w))
        }
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
