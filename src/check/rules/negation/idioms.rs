//! Negations that say something else: "not … until" (才), 未…前 "before",
//! and litotes ("do not hesitate"). Their cues are accounted for, not
//! compared (the rule's module documentation).

use crate::align::AlignedPair;
use crate::anchors::Anchor;
use crate::check::context::Context;
use crate::check::governed::sentence_at;
use crate::lang::Lang;
use crate::words::{CHECK_BEFORE_WORDS_EN, CHECK_LITOTES_EN};

/// Whether an English negation is half of "not … until", which Chinese
/// writes with 才 "only then" and no negation (月底才推出 "not introduced
/// until the end of May", 只有当…才会共享 "designed not to share until"):
/// accounted for when the pair's Chinese has 才.
pub(super) fn not_until(
    ctx: &Context,
    pair: &AlignedPair,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> bool {
    if lang != Lang::En {
        return false;
    }
    let body = ctx.clauses(lang)[id].body_text();
    let (_, end) = sentence_at(ctx, lang, id, cue.start);
    let after = &body[cue.end.min(end)..end];
    holds_before_word(after, true)
        && pair
            .zh
            .iter()
            .any(|&z| ctx.clauses(Lang::Zh)[z].body_text().contains('才'))
}

/// Whether a Chinese 未 is the formal negation of 未…前 "before … (has
/// not yet) ended" (会议尚未结束前 "before the end of the sittings"):
/// accounted for when the pair's English says "before", "prior", "until"
/// or "till".
pub(super) fn not_yet_before(
    ctx: &Context,
    pair: &AlignedPair,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> bool {
    if lang != Lang::Zh || !cue.surface.starts_with('未') {
        return false;
    }
    let body = ctx.clauses(lang)[id].body_text();
    let after: String = body[cue.end..]
        .chars()
        .take_while(|c| !matches!(c, '，' | '。' | '；' | '、' | ',' | ';'))
        .take(10)
        .collect();
    after.contains('前')
        && pair
            .en
            .iter()
            .any(|&e| holds_before_word(ctx.clauses(Lang::En)[e].body_text(), false))
}

/// Whether an English text holds a word of `data/words/check/before-words-en.tsv`
/// (only those of "not … until" when `until`).
fn holds_before_word(text: &str, until: bool) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        CHECK_BEFORE_WORDS_EN
            .iter()
            .any(|&(b, u)| (u || !until) && w.eq_ignore_ascii_case(b))
    })
}

/// Whether an English cue opens an idiom that says something positive ("do
/// not hesitate", "don't take it lightly": `data/words/check/litotes-en.tsv`).
pub(super) fn litotes(ctx: &Context, lang: Lang, id: usize, cue: &Anchor) -> bool {
    if lang != Lang::En {
        return false;
    }
    let body = ctx.clauses(lang)[id].body_text();
    let after = body[cue.end..].trim_start().to_lowercase();
    CHECK_LITOTES_EN.iter().any(|idiom| {
        after.starts_with(idiom)
            && !after[idiom.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })
}
