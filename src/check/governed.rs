//! Following a cue into the other language: the word a negation or modal
//! cue governs, and the sentence around a word. The rules pair the
//! governed word with its translation through the pair's word links
//! ([`super::links::PairWords`]) and read what the other side does there.

use super::context::{Context, start_after};
use super::tokens::Token;
use crate::anchors::Anchor;
use crate::lang::Lang;

/// How far after a cue the word it governs may start, in bytes (about six
/// Chinese characters, or four English words).
pub(crate) fn cue_window(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 15,
        Lang::En => 18,
    }
}

/// Characters that end a sentence: a cue does not reach past them.
pub(crate) const SENTENCE_END: [char; 8] = ['。', '；', ';', '.', '?', '？', '!', '！'];

/// Characters that end a clause inside a sentence: a cue governs no word
/// past them.
pub(crate) const CLAUSE_END: [char; 12] = [
    '。', '；', ';', '.', '?', '？', '!', '！', '，', ',', '：', ':',
];

/// Whether punctuation `c` at byte `k` of `body` ends a sentence or a
/// clause there. Chinese punctuation always does; an ASCII full stop,
/// comma or colon followed by a letter, a digit or a character of an
/// address does not: it is inside a token ("example.com", "1,000",
/// "https://", "v1.2"), and a sentence cut there would separate a cue from
/// the words it qualifies. Nor does a full stop before a comma ("i.e.,").
pub(crate) fn is_break(body: &str, k: usize, c: char) -> bool {
    if !c.is_ascii() {
        return true;
    }
    // A full stop before a comma or semicolon ends an abbreviation ("i.e.,",
    // "etc.;"), not a sentence or clause.
    let abbreviation_end = |n: char| c == '.' && matches!(n, ',' | ';');
    !body[k + c.len_utf8()..].chars().next().is_some_and(|n| {
        n.is_ascii_alphanumeric()
            || matches!(n, '/' | '@' | '%' | '#' | '~' | '_' | '-')
            || abbreviation_end(n)
    })
}

/// Whether `body[from..to]` holds a clause end ([`CLAUSE_END`], [`is_break`])
/// or closes a bracket opened before `from`: a cue inside brackets governs
/// nothing after them ("sometimes welcome, but usually not) from getting
/// work done": "not" does not negate "getting").
pub(crate) fn has_clause_end(body: &str, from: usize, to: usize) -> bool {
    let mut depth = 0usize;
    for (k, c) in body[from..to].char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth == 0 => return true,
            ')' | '）' => depth -= 1,
            _ if CLAUSE_END.contains(&c) && is_break(body, from + k, c) => return true,
            _ => {}
        }
    }
    false
}

/// The word a cue governs: the first content word after it that is no cue
/// of the same kind, close to it and in the same clause of its sentence
/// (not past a comma).
pub(crate) fn governed<'c>(
    ctx: &'c Context,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> Option<&'c Token> {
    governed_words(ctx, lang, id, cue).next()
}

/// The words a cue may govern, nearest first: the content words after it
/// that are no cue of the same kind, close to it and in the same clause of
/// its sentence. The first is [`governed`]; the later ones stand in when
/// the first has no translation in the pair (an adverb, "will separately
/// collect": the verb after it is still governed by the cue).
pub(crate) fn governed_words<'c>(
    ctx: &'c Context,
    lang: Lang,
    id: usize,
    cue: &Anchor,
) -> impl Iterator<Item = &'c Token> + 'c {
    let (end, kind) = (cue.end, cue.kind);
    let body = ctx.clauses(lang)[id].body_text();
    let reach = end + cue_window(lang);
    // The cues of the kind, as a set (a scan of all the clause's anchors
    // per word was quadratic on a line dense with cues).
    let cues = ctx.index(lang, id).cues(kind).1;
    let anchors = ctx.all_anchors(lang, id);
    let tokens = ctx.tokens(lang, id);
    let first = tokens.partition_point(|t| t.start < end);
    tokens[first..]
        .iter()
        .take_while(move |t| t.start <= reach && !has_clause_end(body, end, t.start))
        .filter(move |t| match cues {
            Some(set) => !set.overlaps(t.start, t.end),
            None => !anchors
                .iter()
                .any(|a| a.kind == kind && a.start < t.end && t.start < a.end),
        })
}

/// The sentence of a clause body around byte `pos`, as `start..end`: from
/// just after the last sentence end before `pos` to the first one at or
/// after it. A binary search in the clause's sentence ends
/// ([`super::context::ClauseIndex`]).
pub(crate) fn sentence_at(ctx: &Context, lang: Lang, id: usize, pos: usize) -> (usize, usize) {
    let body = ctx.clauses(lang)[id].body_text();
    let ends = &ctx.index(lang, id).sentence_ends;
    let start = start_after(body, ends, pos);
    let i = ends.partition_point(|&k| k < pos);
    let end = ends.get(i).copied().unwrap_or(body.len());
    (start, end)
}
