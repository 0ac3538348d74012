//! What a negation or modal cue governs, and what the other side of its pair
//! does with it. A cue governs the first content words after it; the
//! lexicon finds their translation on the other side, and the cues standing
//! just before the translation there are what the cue is compared with.
//!
//! The other side is indexed once per pair ([`Counterpart`]): its words by
//! key, its cues by where they end, and what it does with each word asked
//! about is remembered. Following every cue of a clause into the other side
//! then costs about one look-up per cue, not a scan of the other side per
//! cue and per place it translates the word (which made a line dense with
//! negations cubic in its length).

use rustc_hash::FxHashMap;

use super::claims::Claims;
use super::context::Context;
use super::rules::modality::cue_strength;
use super::rules::negation::{negative_word, opts_out};
use super::tokens::Token;
use crate::anchors::{Anchor, AnchorKind};
use crate::lang::Lang;
use crate::words::CHECK_SCOPE_STOP_ZH;

/// How far before a word a cue may stand and still govern it, in bytes
/// (about six Chinese characters, or four English words).
pub(crate) fn cue_window(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 15,
        Lang::En => 18,
    }
}

/// The first content words after a cue: what it negates or qualifies
/// (other cues in between, as in 将无法, are skipped).
pub(crate) fn scope<'c>(ctx: &'c Context, lang: Lang, id: usize, cue: &Anchor) -> Vec<&'c Token> {
    let reach = cue.end + 2 * cue_window(lang);
    let body = ctx.clauses(lang)[id].body_text();
    let blocked = ctx.not_values(lang, id);
    // Cues, names and values say nothing about what is negated; nor do
    // single characters and connectives (时, 根据).
    let skip = |t: &Token| {
        blocked.is_some_and(|b| b.overlaps(t.start, t.end))
            || (lang == Lang::Zh && {
                let w = &body[t.start..t.end];
                w.chars().count() < 2 || CHECK_SCOPE_STOP_ZH.binary_search(&w).is_ok()
            })
    };
    let tokens = ctx.tokens(lang, id);
    let first = tokens.partition_point(|t| t.start < cue.end);
    tokens[first..]
        .iter()
        .take_while(|t| t.start <= reach)
        .filter(|t| !skip(t))
        .take(3)
        .collect()
}

/// What the other side does at the places where it translates a word a cue
/// governs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Evidence {
    /// Places where the other side translates the word.
    pub(crate) places: usize,
    /// Places with a cue of the kind compared just before the translation
    /// (for negation, also a word that negates by meaning).
    pub(crate) governed: usize,
    /// Places with a cue of some strength (see [`cue_strength`]).
    pub(crate) qualified: usize,
    /// Places with a cue of strength 1 (permission, possibility) and of
    /// strength 2 (obligation, firm future), at index 1 and 2.
    pub(crate) of_strength: [usize; 3],
    /// The first place's first cue of some strength: its strength and
    /// surface.
    pub(crate) first: Option<(u8, String)>,
}

/// What the other side does with the words a cue governs.
pub(crate) enum Link {
    /// The cue governs no word the other side translates: no evidence.
    Unresolved,
    /// The other side translates the first governed word it has.
    Governed(Evidence),
}

/// The other side of a pair (clauses of language `lang`), indexed for
/// following cues of one kind into it.
pub(crate) struct Counterpart<'c> {
    ctx: &'c Context<'c>,
    lang: Lang,
    ids: &'c [usize],
    kind: AnchorKind,
    /// For each key, the words that have it: (index into `ids`, token
    /// index), in text order.
    by_key: FxHashMap<u32, Vec<(usize, usize)>>,
    /// For each clause, its unclaimed cues of `kind` as (end, position
    /// among the clause's anchors), sorted.
    cues: Vec<Vec<(usize, usize, &'c Anchor)>>,
    /// Evidence found so far, by the keys of the word asked about.
    seen: FxHashMap<Vec<u32>, Evidence>,
}

impl<'c> Counterpart<'c> {
    /// Index clauses `ids` of `lang` and their unclaimed cues of `kind`.
    pub(crate) fn new(
        ctx: &'c Context<'c>,
        claims: &Claims,
        lang: Lang,
        ids: &'c [usize],
        kind: AnchorKind,
    ) -> Self {
        let mut by_key: FxHashMap<u32, Vec<(usize, usize)>> = FxHashMap::default();
        for (k, &id) in ids.iter().enumerate() {
            for (t, token) in ctx.tokens(lang, id).iter().enumerate() {
                for &key in &token.keys {
                    by_key.entry(key).or_default().push((k, t));
                }
            }
        }
        let cues = ids
            .iter()
            .map(|&id| {
                let mut cs: Vec<(usize, usize, &Anchor)> = ctx
                    .anchors(lang, id, claims)
                    .into_iter()
                    .enumerate()
                    .filter(|(_, a)| a.kind == kind)
                    .map(|(n, a)| (a.end, n, a))
                    .collect();
                cs.sort_by_key(|&(end, n, _)| (end, n));
                cs
            })
            .collect();
        Counterpart {
            ctx,
            lang,
            ids,
            kind,
            by_key,
            cues,
            seen: FxHashMap::default(),
        }
    }

    /// What this side does with the words `cue` (in clause `id` of the other
    /// language) governs: the first governed word it translates decides.
    pub(crate) fn link(&mut self, id: usize, cue: &Anchor) -> Link {
        let own = self.lang.other();
        for word in scope(self.ctx, own, id, cue) {
            let evidence = match self.seen.get(&word.keys) {
                Some(e) => e.clone(),
                None => {
                    let e = self.evidence(&word.keys);
                    self.seen.insert(word.keys.clone(), e.clone());
                    e
                }
            };
            if evidence.places > 0 {
                return Link::Governed(evidence);
            }
        }
        Link::Unresolved
    }

    /// What this side does at every place where a word shares a key with
    /// `keys`.
    fn evidence(&self, keys: &[u32]) -> Evidence {
        let mut places: Vec<(usize, usize)> = keys
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        places.sort_unstable();
        places.dedup();
        let mut out = Evidence {
            places: places.len(),
            ..Evidence::default()
        };
        for (n, &(k, t)) in places.iter().enumerate() {
            let governing = self.governing(k, t);
            let strengths: Vec<(u8, &str)> = governing
                .iter()
                .filter_map(|&(value, surface)| {
                    Some((cue_strength(self.lang, value?, surface)?, surface))
                })
                .collect();
            out.governed += usize::from(!governing.is_empty());
            out.qualified += usize::from(!strengths.is_empty());
            for s in 1..=2 {
                out.of_strength[usize::from(s)] +=
                    usize::from(strengths.iter().any(|&(x, _)| x == s));
            }
            if n == 0 {
                out.first = strengths.first().map(|&(s, w)| (s, w.to_string()));
            }
        }
        out
    }

    /// The cues governing word `t` of clause `ids[k]`, in text order: a
    /// word that negates by meaning on the word itself or just before it
    /// (for negation: "disable access", "irrevocable licence"; it has no
    /// anchor value), then the cues of the kind ending just before it.
    fn governing(
        &self,
        k: usize,
        t: usize,
    ) -> Vec<(Option<&'c crate::anchors::AnchorValue>, &'c str)> {
        let id = self.ids[k];
        let tokens = self.ctx.tokens(self.lang, id);
        let body = self.ctx.clauses(self.lang)[id].body_text();
        let at = tokens[t].start;
        let window = cue_window(self.lang);
        let from = at.saturating_sub(window);
        let mut out = Vec::new();
        if self.kind == AnchorKind::Negation {
            let lo = tokens[..=t].partition_point(|w| w.start < from);
            let negative = tokens[lo..=t].iter().find(|w| {
                negative_word(self.ctx.lex, self.lang, &body[w.start..w.end])
                    || opts_out(body, w.start, w.end)
            });
            if let Some(w) = negative {
                out.push((None, &body[w.start..w.end]));
            }
        }
        let cues = &self.cues[k];
        let lo = cues.partition_point(|&(end, _, _)| end < from);
        let hi = cues.partition_point(|&(end, _, _)| end <= at);
        let mut hits: Vec<(usize, &Anchor)> =
            cues[lo..hi].iter().map(|&(_, n, a)| (n, a)).collect();
        hits.sort_unstable_by_key(|&(n, _)| n);
        out.extend(
            hits.into_iter()
                .map(|(_, a)| (Some(&a.value), a.surface.as_str())),
        );
        out
    }
}
