//! Which words of a clause the other side of its group translates: its
//! keys with those of related English words and of what the document
//! taught, a stretch translated in the next group, and the share of a
//! clause translated (for the omission rule's merged sentences).

use rustc_hash::FxHashMap;

use crate::align::AlignedPair;
use crate::check::Neighbours;
use crate::check::claims::Span;
use crate::check::context::Context;
use crate::check::tokens::{Token, spelling_key_of};
use crate::lang::Lang;
use crate::words::{CHECK_FUNCTION_ZH, ZH_NEGATING_CHARS};

/// Whether most content words of stretch `span` of clause `id` translate
/// words of a neighbouring group's other side that the neighbour's own
/// side leaves untranslated: the two versions put the boundary between
/// the groups at different places, and nothing is missing. Words the
/// neighbour translates itself prove nothing (an added "sell your personal
/// information" finds 出售 and 个人信息 in many a clause next door).
pub(crate) fn translated_next_door(
    ctx: &Context,
    lang: Lang,
    id: usize,
    (start, end): Span,
    near: &Neighbours,
) -> bool {
    let body = ctx.clauses(lang)[id].body_text();
    let words: Vec<&Token> = ctx
        .tokens(lang, id)
        .iter()
        .filter(|t| t.start >= start && t.end <= end)
        .filter(|t| weighed(lang, body, t))
        .collect();
    if words.len() < 2 {
        return false;
    }
    let other = lang.other();
    let side = |g: &AlignedPair, l: Lang| -> Vec<usize> {
        match l {
            Lang::Zh => g.zh.clone(),
            Lang::En => g.en.clone(),
        }
    };
    let keys_of = |l: Lang, ids: &[usize]| -> Vec<u32> {
        let mut keys: Vec<u32> = ids
            .iter()
            .flat_map(|&c| ctx.tokens(l, c).iter().flat_map(|t| t.keys.iter().copied()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    near.iter().flatten().any(|g| {
        let own = keys_of(lang, &side(g, lang));
        let left_over = with_related(
            ctx,
            side(g, other)
                .iter()
                .flat_map(|&c| ctx.tokens(other, c))
                .filter(|t| !t.keys.iter().any(|k| own.binary_search(k).is_ok()))
                .flat_map(|t| t.keys.iter().copied()),
        );
        let found = words
            .iter()
            .filter(|t| t.keys.iter().any(|k| left_over.binary_search(k).is_ok()))
            .count();
        found >= 2 && found * 2 >= words.len()
    })
}

/// The keys of the other side of a group, sorted.
pub(super) struct OtherKeys<'g> {
    /// Its words' own keys.
    pub(super) strict: Vec<u32>,
    /// Those, their related words' keys, and the keys the document taught
    /// for its Chinese words ([`crate::check::learned`]): computed when a
    /// clause asks.
    pub(super) related: std::cell::OnceCell<Vec<u32>>,
    /// The other side's clauses ...
    pub(super) theirs: &'g [usize],
    /// ... and their language.
    pub(super) lang: Lang,
}

impl OtherKeys<'_> {
    pub(super) fn related(&self, ctx: &Context) -> &[u32] {
        self.related.get_or_init(|| {
            let tokens = || {
                self.theirs
                    .iter()
                    .flat_map(|&oid| ctx.tokens(self.lang, oid))
            };
            // A negated compound's parts count too: 不准确 "imprecise"
            // translates "inaccurate" by 准确 "accurate". (Every compound's
            // parts would let a planted English sentence borrow the parts of
            // a title such as 个人贡献者许可协议.)
            let parts = self.theirs.iter().flat_map(|&oid| {
                let body = ctx.clauses(self.lang)[oid].body_text();
                ctx.tokens(self.lang, oid)
                    .iter()
                    .filter(move |t| body[t.start..].starts_with(ZH_NEGATING_CHARS))
                    .flat_map(|t| t.parts.iter().copied())
            });
            let learned = tokens()
                .filter(|_| self.lang == Lang::Zh)
                .filter_map(spelling_key_of)
                .flat_map(|k| ctx.learned().of(k).iter().copied());
            with_related(
                ctx,
                tokens()
                    .flat_map(|t| t.keys.iter().copied())
                    .chain(learned)
                    .chain(parts),
            )
        })
    }
}

/// The share of clause `id`'s known content words (Chinese function words
/// left out) that clauses `theirs` of the other language translate, counting
/// related words and what the document taught as the untranslated-text rule
/// does.
pub(crate) fn translated_share(ctx: &Context, lang: Lang, id: usize, theirs: &[usize]) -> f64 {
    let keys = OtherKeys {
        strict: Vec::new(),
        related: std::cell::OnceCell::new(),
        theirs,
        lang: lang.other(),
    };
    let related = keys.related(ctx);
    let body = ctx.clauses(lang)[id].body_text();
    let words: Vec<&Token> = ctx
        .tokens(lang, id)
        .iter()
        .filter(|t| t.known && weighed(lang, body, t))
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let translated = words
        .iter()
        .filter(|t| {
            t.keys.iter().any(|k| related.binary_search(k).is_ok())
                || (lang == Lang::Zh
                    && spelling_key_of(t).is_some_and(|s| {
                        ctx.learned()
                            .of(s)
                            .iter()
                            .any(|k| related.binary_search(k).is_ok())
                    }))
        })
        .count();
    translated as f64 / words.len() as f64
}

/// Whether a content word of `body` says anything about what the other
/// side translates: every English one, and the Chinese words the lexicon
/// knows that are no function words (a transliterated name such as 木兰
/// says nothing either way).
pub(super) fn weighed(lang: Lang, body: &str, t: &Token) -> bool {
    lang == Lang::En
        || (t.known
            && CHECK_FUNCTION_ZH
                .binary_search(&&body[t.start..t.end])
                .is_err())
}

/// Keys and the keys of their related words, sorted and deduplicated.
fn with_related(ctx: &Context, keys: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out: Vec<u32> = keys
        .flat_map(|k| std::iter::once(k).chain(ctx.lex.related(k).iter().copied()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The words of the other side of a group, indexed by key.
pub(super) struct OtherWords {
    /// For each key, the words (indices) that have it.
    pub(super) by_key: FxHashMap<u32, Vec<usize>>,
}

impl OtherWords {
    pub(super) fn new<'t>(ctx: &Context, words: impl Iterator<Item = &'t Token>) -> OtherWords {
        let mut by_key: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (o, t) in words.enumerate() {
            for &k in &t.keys {
                by_key.entry(k).or_default().push(o);
                for &s in ctx.lex.related(k) {
                    by_key.entry(s).or_default().push(o);
                }
            }
        }
        for words in by_key.values_mut() {
            words.dedup();
        }
        OtherWords { by_key }
    }
}

#[cfg(test)]
mod share_tests {
    use super::*;
    use crate::check::CheckParams;
    use crate::input::Source;
    use crate::lexicon::Lexicon;
    use crate::pipeline::{DocumentInput, Options, analyze};
    use std::sync::Arc;

    #[test]
    fn translated_share_counts_synonyms() {
        // 研究 is "research, study"; "examining" is its synonym's form.
        let input = DocumentInput::Two {
            zh: Arc::new(Source::from_text("zh", "委员会正在研究这些问题。\n")),
            en: Arc::new(Source::from_text(
                "en",
                "The committee is examining these issues.\n",
            )),
        };
        let report = analyze(&input, &Options::default()).expect("analyses");
        let params = CheckParams::default();
        let ctx = Context::new(&report, Lexicon::builtin(), &params);
        let share = translated_share(&ctx, Lang::En, 0, &[0]);
        assert!(share >= 0.99, "{share}");
    }
}
