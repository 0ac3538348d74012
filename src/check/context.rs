//! What every rule reads: the analysed document, the lexicon, the
//! thresholds, each clause's content words, and which pair holds each
//! clause. Built once per check; the rules only read it.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::claims::Claims;
use super::finding::{CheckParams, Finding, FindingKind, Severity};
use super::tokens::{self, Token};
use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::learned::Learned;
use crate::lang::{Lang, ScriptCounts};
use crate::lexicon::Lexicon;
use crate::model::Report;
use crate::segment::Clause;
use crate::text::SpanSet;
use crate::tokens::Tokens;

/// One language's share of the per-document context.
struct Side {
    /// Content words of each clause body.
    tokens: Vec<Vec<Token>>,
    /// Index in `report.pairs` of the pair holding each clause (every
    /// clause is in exactly one pair).
    pair: Vec<usize>,
    /// Where each clause's sentences and clauses end and where its cues
    /// are, indexed the first time a rule asks.
    index: Vec<OnceLock<ClauseIndex>>,
}

/// Positions in one clause body that the rules look up around a word, so
/// that each look-up is a binary search rather than a scan of the clause
/// (which on a long line made the rules quadratic).
pub(crate) struct ClauseIndex {
    /// Byte offsets of the sentence-ending characters
    /// ([`super::governed::SENTENCE_END`]), in order.
    pub(crate) sentence_ends: Vec<usize>,
    /// Byte offsets of the characters that end a clause of a sentence
    /// ([`super::governed::CLAUSE_END`]), in order.
    pub(crate) clause_ends: Vec<usize>,
    /// The negation cues (`start..end`), in order of start.
    pub(crate) negations: Vec<(usize, usize)>,
    /// The same as a set.
    pub(crate) negation_set: SpanSet,
    /// The modal cues, in order of start.
    pub(crate) modals: Vec<(usize, usize)>,
    /// The same as a set.
    pub(crate) modal_set: SpanSet,
}

impl ClauseIndex {
    fn new(body: &str, anchors: &[Anchor]) -> Self {
        use super::governed::{CLAUSE_END, SENTENCE_END, is_break};
        let ends_of = |set: &[char]| -> Vec<usize> {
            body.char_indices()
                .filter(|&(k, c)| set.contains(&c) && is_break(body, k, c))
                .map(|(k, _)| k)
                .collect()
        };
        let of_kind = |kind: AnchorKind| -> Vec<(usize, usize)> {
            anchors
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| (a.start, a.end))
                .collect()
        };
        let negations = of_kind(AnchorKind::Negation);
        let modals = of_kind(AnchorKind::Modal);
        ClauseIndex {
            sentence_ends: ends_of(&SENTENCE_END),
            clause_ends: ends_of(&CLAUSE_END),
            negation_set: SpanSet::new(negations.clone()),
            negations,
            modal_set: SpanSet::new(modals.clone()),
            modals,
        }
    }

    /// The cues of a kind (negation or modal; none for other kinds).
    pub(crate) fn cues(&self, kind: AnchorKind) -> (&[(usize, usize)], Option<&SpanSet>) {
        match kind {
            AnchorKind::Negation => (&self.negations, Some(&self.negation_set)),
            AnchorKind::Modal => (&self.modals, Some(&self.modal_set)),
            _ => (&[], None),
        }
    }
}

/// Byte offset just after the last of `ends` (offsets of characters of
/// `body`) that lies before `pos`, or 0.
pub(crate) fn start_after(body: &str, ends: &[usize], pos: usize) -> usize {
    let i = ends.partition_point(|&k| k < pos);
    match i.checked_sub(1) {
        Some(j) => {
            let k = ends[j];
            k + body[k..].chars().next().map_or(0, char::len_utf8)
        }
        None => 0,
    }
}

/// Fewest content words on each side for lengths to say anything
/// ([`Context::lengths_say_translated`]).
const MIN_LENGTH_WORDS: usize = 5;

/// Whether `other` words on the other side are closer, by more than
/// `margin`, to what a translator writes for all `whole` words of this side
/// than for the `whole - run` left without a stretch, `expected` being the
/// logarithm of the translator's ratio (other side's words per word of this
/// side).
pub(crate) fn whole_fits_better(
    whole: usize,
    run: usize,
    other: usize,
    expected: f64,
    margin: f64,
) -> bool {
    let off = |len: usize| ((other as f64).ln() - (len as f64).ln() - expected).abs();
    off(whole) + margin < off(whole - run)
}

/// Fewest one-to-one pairs a document needs for [`Context::length_ratio`].
const MIN_RATIO_PAIRS: usize = 5;

/// See [`Context::freely_translated`].
const FREE_TRANSLATION_SCORE: f64 = 0.7;

/// See [`Context::freely_translated`].
const FREE_TRANSLATION_PAIRS: usize = 20;

/// The shared, read-only context of one check.
pub(crate) struct Context<'a> {
    /// The analysed document.
    pub(crate) report: &'a Report,
    /// Thresholds.
    pub(crate) params: &'a CheckParams,
    /// The lexicon the document was analysed with.
    pub(crate) lex: &'a Lexicon,
    zh: Side,
    en: Side,
    /// English characters per Chinese character in the document's
    /// one-to-one pairs, computed the first time a rule asks.
    length_ratio: OnceLock<Option<f64>>,
    /// Whether the document is a free translation ([`Self::freely_translated`]).
    freely_translated: OnceLock<bool>,
    /// Translations learned from the document's pairs, computed the first
    /// time a rule asks.
    learned: OnceLock<Learned>,
}

impl<'a> Context<'a> {
    /// Read every clause's content words off the report's token layer and
    /// index the pairs.
    pub(crate) fn new(report: &'a Report, lex: &'a Lexicon, params: &'a CheckParams) -> Self {
        let side = |lang: Lang| Side {
            tokens: report
                .clauses(lang)
                .iter()
                .enumerate()
                .map(|(id, c)| {
                    let text = c.body_text();
                    let mut spare = Tokens::default();
                    let layer = report.tokens(lang).clause_of(id, text, lex, &mut spare);
                    tokens::tokens(lex, text, layer)
                })
                .collect(),
            pair: pair_index(report, lang),
            index: report
                .clauses(lang)
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
        };
        Context {
            report,
            params,
            lex,
            zh: side(Lang::Zh),
            en: side(Lang::En),
            length_ratio: OnceLock::new(),
            freely_translated: OnceLock::new(),
            learned: OnceLock::new(),
        }
    }

    /// The translations this document teaches (see [`Learned`]).
    pub(crate) fn learned(&self) -> &Learned {
        self.learned.get_or_init(|| Learned::new(self))
    }

    /// How long this translator's English runs for a Chinese sentence:
    /// the median logarithm of the ratio of English to Chinese length
    /// ([`Self::length`]) over the document's pairs of one clause each with
    /// three words or more on each side; none when there are fewer than
    /// [`MIN_RATIO_PAIRS`] such pairs (the pair asked about would weigh too
    /// much).
    pub(crate) fn length_ratio(&self) -> Option<f64> {
        *self.length_ratio.get_or_init(|| {
            let mut logs: Vec<f64> = self
                .report
                .pairs
                .iter()
                .filter(|p| p.zh.len() == 1 && p.en.len() == 1)
                .filter_map(|p| {
                    let z = self.length(Lang::Zh, &p.zh);
                    let e = self.length(Lang::En, &p.en);
                    (z >= 3 && e >= 3).then(|| (e as f64 / z as f64).ln())
                })
                .collect();
            if logs.len() < MIN_RATIO_PAIRS {
                return None;
            }
            logs.sort_by(f64::total_cmp);
            Some(logs[logs.len() / 2])
        })
    }

    /// Whether the document is a free translation: the median score of its
    /// one-to-one pairs is under [`FREE_TRANSLATION_SCORE`], over at least
    /// [`FREE_TRANSLATION_PAIRS`] of them. A translator who renders sentence
    /// by sentence in words of their own (a debate, an interview) leaves
    /// many words of every pair without a lexicon link; a policy
    /// translated clause by clause scores 0.7 to 1.0 (the shared documents:
    /// 0.59 and 0.68 for the two free CTK translations, at least 0.70 for
    /// every policy). One planted or real difference moves the median of
    /// many pairs by nothing.
    pub(crate) fn freely_translated(&self) -> bool {
        *self.freely_translated.get_or_init(|| {
            let mut scores: Vec<f64> = self
                .report
                .pairs
                .iter()
                .filter(|p| p.zh.len() == 1 && p.en.len() == 1)
                .map(|p| p.score)
                .collect();
            if scores.len() < FREE_TRANSLATION_PAIRS {
                return false;
            }
            scores.sort_by(f64::total_cmp);
            scores[scores.len() / 2] < FREE_TRANSLATION_SCORE
        })
    }

    /// Whether the lengths of a pair say that `run` content words of side
    /// `mine` are translated after all: the other side is about as long as
    /// this translator makes a translation of the whole side, rather than of
    /// the side without them ([`Self::length_ratio`], lengths in content
    /// words the lexicon knows), by at least `margin` (natural logarithm).
    /// Words that are really missing leave the other side short by their
    /// length; words the lexicon merely does not follow ("present in the
    /// English line, freely worded") do not. Gale and Church aligned
    /// sentences on this evidence alone.
    pub(crate) fn lengths_say_translated(
        &self,
        lang: Lang,
        mine: &[usize],
        theirs: &[usize],
        run: usize,
        margin: f64,
    ) -> bool {
        let Some(ratio) = self.length_ratio() else {
            return false;
        };
        let expected = match lang {
            Lang::Zh => ratio,
            Lang::En => -ratio,
        };
        let whole = self.length(lang, mine);
        let other = self.length(lang.other(), theirs);
        // A few words prove nothing either way ("Date of Release" against
        // 发布日期). A stretch that is most of its side is weighed too: 12
        // English words against 12 Chinese of which 8 are the stretch fit a
        // translation of all 12, not of the 4 left.
        if run == 0 || whole <= run || whole < MIN_LENGTH_WORDS || other < MIN_LENGTH_WORDS {
            return false;
        }
        whole_fits_better(whole, run, other, expected, margin)
    }

    /// The length of clauses `ids` of `lang` in content words the lexicon
    /// knows ([`Token::known`]): what is translated, without the addresses,
    /// dates, names and function words that a character count would weigh.
    pub(crate) fn length(&self, lang: Lang, ids: &[usize]) -> usize {
        ids.iter()
            .map(|&id| self.tokens(lang, id).iter().filter(|t| t.known).count())
            .sum()
    }

    fn side(&self, lang: Lang) -> &Side {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The clauses of one language.
    pub(crate) fn clauses(&self, lang: Lang) -> &'a [Clause] {
        self.report.clauses(lang)
    }

    /// All anchors of a clause, claimed or not.
    pub(crate) fn all_anchors(&self, lang: Lang, id: usize) -> &'a [Anchor] {
        self.report.anchors(lang).get(id).map_or(&[], Vec::as_slice)
    }

    /// The anchors of a clause outside claimed text.
    pub(crate) fn anchors(&self, lang: Lang, id: usize, claims: &Claims) -> Vec<&'a Anchor> {
        self.all_anchors(lang, id)
            .iter()
            .filter(|a| !claims.hides(lang, id, a))
            .collect()
    }

    /// Unclaimed anchors of the clauses `ids` that `keep` selects, with the
    /// clause each comes from.
    pub(crate) fn group_anchors(
        &self,
        lang: Lang,
        ids: &[usize],
        claims: &Claims,
        keep: impl Fn(&Anchor) -> bool,
    ) -> Vec<(usize, &'a Anchor)> {
        ids.iter()
            .flat_map(|&id| {
                self.anchors(lang, id, claims)
                    .into_iter()
                    .map(move |a| (id, a))
            })
            .filter(|(_, a)| keep(a))
            .collect()
    }

    /// The share of a clause's content the other side of its pair translates.
    pub(crate) fn support(&self, lang: Lang, id: usize) -> f64 {
        self.report.support(lang).get(id).copied().unwrap_or(0.0)
    }

    /// The content words of a clause, in text order.
    pub(crate) fn tokens(&self, lang: Lang, id: usize) -> &[Token] {
        self.side(lang).tokens.get(id).map_or(&[], Vec::as_slice)
    }

    /// The positions of a clause the rules look up ([`ClauseIndex`]).
    pub(crate) fn index(&self, lang: Lang, id: usize) -> &ClauseIndex {
        self.side(lang).index[id].get_or_init(|| {
            ClauseIndex::new(
                self.clauses(lang)[id].body_text(),
                self.all_anchors(lang, id),
            )
        })
    }

    /// Index in `report.pairs` of the pair holding each clause of `lang`.
    pub(crate) fn pair_of(&self, lang: Lang) -> &[usize] {
        &self.side(lang).pair
    }

    /// The body of a clause with its value, contact and name anchors removed.
    pub(crate) fn text_outside_anchors(&self, lang: Lang, id: usize) -> String {
        let body = self.clauses(lang)[id].body_text();
        let mut out = String::new();
        let mut last = 0;
        for a in self.all_anchors(lang, id) {
            if matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal)
                || a.start < last
                || a.end > body.len()
            {
                continue;
            }
            out.push_str(&body[last..a.start]);
            out.push(' ');
            last = a.end;
        }
        out.push_str(&body[last..]);
        out
    }

    /// The aligned pairs whose clauses lie in a line group and that are
    /// aligned confidently enough to compare cues on, in order. Each such
    /// pair holds a Chinese clause of the group, so only those pairs are
    /// looked at (not every pair of the document per group).
    pub(crate) fn pairs_in<'g>(
        &'g self,
        group: &'g AlignedPair,
    ) -> impl Iterator<Item = &'g AlignedPair> + 'g {
        let mut ks: Vec<usize> = group
            .zh
            .iter()
            .filter_map(|&z| self.zh.pair.get(z).copied())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        let zh: FxHashSet<usize> = group.zh.iter().copied().collect();
        let en: FxHashSet<usize> = group.en.iter().copied().collect();
        ks.into_iter()
            .filter_map(|k| self.report.pairs.get(k))
            .filter(move |p| {
                !p.zh.is_empty()
                    && !p.en.is_empty()
                    && p.score >= self.params.min_cue_score
                    && p.zh.iter().all(|z| zh.contains(z))
                    && p.en.iter().all(|e| en.contains(e))
            })
    }
}

/// For each clause of one language, the index of the pair that holds it
/// (the first one, should a clause be in several).
fn pair_index(report: &Report, lang: Lang) -> Vec<usize> {
    let mut index = vec![usize::MAX; report.clauses(lang).len()];
    for (k, p) in report.pairs.iter().enumerate().rev() {
        let ids = match lang {
            Lang::Zh => &p.zh,
            Lang::En => &p.en,
        };
        for &id in ids {
            if let Some(slot) = index.get_mut(id) {
                *slot = k;
            }
        }
    }
    index
}

/// Content of a text in the units of [`ScriptCounts`]: Han characters plus
/// English words weighted 1.6.
pub(crate) fn content(text: &str) -> f64 {
    let c = ScriptCounts::of(text);
    c.zh_weight() + c.en_weight()
}

/// A short quote of a clause for messages.
pub(crate) fn quote(text: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    format!("「{out}」")
}

/// The language's name in messages.
pub(crate) fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "Chinese",
        Lang::En => "English",
    }
}

/// A finding about one clause of one language, without values.
pub(crate) fn clause_finding(
    lang: Lang,
    id: usize,
    kind: FindingKind,
    severity: Severity,
    confidence: f64,
    message: String,
) -> Finding {
    clauses_finding(lang, vec![id], kind, severity, confidence, message)
}

/// A finding about clauses `ids` of one language, without values.
pub(crate) fn clauses_finding(
    lang: Lang,
    ids: Vec<usize>,
    kind: FindingKind,
    severity: Severity,
    confidence: f64,
    message: String,
) -> Finding {
    let (zh, en) = match lang {
        Lang::Zh => (ids, vec![]),
        Lang::En => (vec![], ids),
    };
    Finding {
        id: String::new(),
        kind,
        severity,
        confidence,
        zh,
        en,
        zh_value: None,
        en_value: None,
        message,
    }
}
