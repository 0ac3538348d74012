//! Words that negate by their meaning or form, not by a cue: "disable",
//! "unlicensed", 禁止, and "opt out".

use crate::lang::Lang;
use crate::lexicon::Lexicon;
use crate::words::{
    CHECK_EXCLUSION_PHRASES_EN, CHECK_NEGATIVE_STEMS_EN, CHECK_NEGATIVE_WORDS_ZH,
    CHECK_PASSIVE_GAP_EN,
};

/// Whether a word negates by its meaning (disable, 禁止).
pub(super) fn negative_word(lex: &Lexicon, lang: Lang, word: &str) -> bool {
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
pub(super) fn opts_out(body: &str, start: usize, end: usize) -> bool {
    matches!(
        body[start..end].to_ascii_lowercase().as_str(),
        "opt" | "opts" | "opted" | "opting"
    ) && {
        let rest = body[end..].trim_start_matches([' ', '-']);
        rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("out"))
    }
}

/// Whether the English word ending at byte `end` of `body` is the subject of
/// a passive predicate of negative meaning right after it: "access has been
/// disabled", "access to it was disabled" (禁止访问). Only the words of
/// `passive-gap-en.tsv` may stand between, one of them an auxiliary, and no
/// punctuation.
pub(super) fn negated_after(lex: &Lexicon, body: &str, end: usize) -> bool {
    let rest = body.get(end..).unwrap_or("");
    let rest = rest
        .find(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
        .map_or(rest, |k| &rest[..k]);
    let mut passive = false;
    for w in rest.split(' ').filter(|w| !w.is_empty()).take(5) {
        let lower = w.to_ascii_lowercase();
        match CHECK_PASSIVE_GAP_EN.binary_search_by(|row| row.0.cmp(lower.as_str())) {
            Ok(k) => passive |= CHECK_PASSIVE_GAP_EN[k].1,
            Err(_) => return passive && negative_word(lex, Lang::En, w),
        }
    }
    false
}

/// Whether an English exclusion ("other than", "rather than";
/// `exclusion-phrases-en.tsv`) stands in bytes `from..to` of `body`, with
/// no punctuation between it and `to`: "for any purpose other than in
/// accordance with" excludes "accordance".
pub(super) fn excluded_before(body: &str, from: usize, to: usize) -> bool {
    let Some(text) = body.get(from..to) else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    CHECK_EXCLUSION_PHRASES_EN.iter().any(|p| {
        lower.match_indices(p).any(|(k, _)| {
            let before = lower[..k].chars().next_back();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && lower[k + p.len()..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        })
    })
}
