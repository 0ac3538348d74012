//! Untranslated text inside an aligned pair: a run of content words that
//! the other side does not translate at all (a sentence appended to a line
//! without its own punctuation), or a whole sentence of a clause of several
//! that the other side barely translates (a sentence added inside a
//! paragraph). The text reported is claimed, so its values and cues are not
//! compared again.

use rustc_hash::FxHashMap;

use crate::align::AlignedPair;
use crate::anchors::AnchorKind;
use crate::check::claims::{Claims, Outcome, Span};
use crate::check::context::{Context, clause_finding, lang_name, quote};
use crate::check::rules::entities::capitalised_runs;
use crate::check::rules::omission::translates_itself;
use crate::check::tokens::{Token, spelling_key_of};
use crate::check::{Finding, FindingKind, Neighbours, Severity};
use crate::lang::Lang;
use crate::text::SpanSet;

mod translated;

use translated::{OtherKeys, OtherWords, weighed};
pub(crate) use translated::{translated_next_door, translated_share};

/// A side of a pair whose content words the other side leaves
/// untranslated at least this share of is freely rendered: text of the
/// other side without counterpart there is most likely the rendering of
/// those words.
pub(crate) const LOOSE_SHARE: f64 = 0.4;

/// In a free translation ([`Context::freely_translated`]), a stretch that
/// is part of a sentence is shown from this many untranslated words.
const FREE_MIN_RUN: usize = 10;

/// An untranslated stretch of a clause.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// Start byte in the clause body.
    start: usize,
    /// End byte.
    end: usize,
    /// Content words in it that the other side does not translate.
    unmatched: usize,
    /// Content words of the clause considered.
    considered: usize,
    /// Content words of the clause after it.
    after: usize,
    /// Of those, the words that are no value, contact or name ("for more
    /// than 30 days" after an added sentence leaves none).
    after_words: usize,
}

/// What of a clause the other side of its pair does not translate.
#[derive(Default)]
struct Unmatched {
    /// The longest untranslated stretch.
    longest: Option<Run>,
    /// A whole sentence of a clause of several sentences that is barely
    /// translated while the rest of the clause is: byte range.
    sentence: Option<Span>,
    /// The clause's content words considered ...
    words: usize,
    /// ... and of them, those the other side does not translate.
    untranslated: usize,
}

/// Phase [`Rule::Untranslated`](crate::check::Rule::Untranslated) on one
/// line group: text inside an aligned clause that the other side does not
/// translate at all: a run of content words none of which finds a partner (a
/// sentence added to one version without its own punctuation). A run on
/// both sides is a free translation the lexicon does not follow, not an
/// addition, and is not reported.
pub(crate) fn check(
    ctx: &Context,
    claimed: &Claims,
    group: &AlignedPair,
    near: &Neighbours,
) -> Outcome {
    let mut out = Outcome::default();
    let runs = |lang: Lang| -> Vec<(usize, Unmatched)> {
        let (mine, theirs) = match lang {
            Lang::Zh => (&group.zh, &group.en),
            Lang::En => (&group.en, &group.zh),
        };
        // The other side's keys, and (when a clause asks) those with the
        // keys of related words (synonyms, an adjective's base) and of what
        // the document taught: a translator who writes 研究 "study" for
        // "examining", or 环境 "environment" for "environmental",
        // translates it.
        let mut strict: Vec<u32> = theirs
            .iter()
            .flat_map(|&oid| ctx.tokens(lang.other(), oid))
            .flat_map(|t| t.keys.iter().copied())
            .collect();
        strict.sort_unstable();
        strict.dedup();
        let other_keys = OtherKeys {
            strict,
            related: std::cell::OnceCell::new(),
            theirs,
            lang: lang.other(),
        };
        // Indexed only when a clause has several sentences to weigh.
        let indexed = std::cell::OnceCell::new();
        let other = || {
            indexed.get_or_init(|| {
                OtherWords::new(
                    ctx,
                    theirs.iter().flat_map(|&oid| ctx.tokens(lang.other(), oid)),
                )
            })
        };
        mine.iter()
            .map(|&id| {
                if claimed.touches(lang, id) {
                    return (id, Unmatched::default());
                }
                (id, longest_unmatched(ctx, lang, id, &other_keys, &other))
            })
            .collect()
    };
    let zh = runs(Lang::Zh);
    let en = runs(Lang::En);
    let longest = |rs: &[(usize, Unmatched)]| {
        rs.iter()
            .filter_map(|(_, r)| r.longest.map(|r| r.unmatched))
            .max()
            .unwrap_or(0)
    };
    let (zh_max, en_max) = (longest(&zh), longest(&en));
    // The share of a side's content words the other side does not
    // translate.
    let untranslated_share = |rs: &[(usize, Unmatched)]| {
        let (words, untranslated) = rs
            .iter()
            .fold((0, 0), |(w, u), (_, r)| (w + r.words, u + r.untranslated));
        if words == 0 {
            0.0
        } else {
            untranslated as f64 / words as f64
        }
    };
    let zh_loose = untranslated_share(&zh) >= LOOSE_SHARE;
    let en_untranslated: usize = en.iter().map(|(_, r)| r.untranslated).sum();
    for (lang, rs, other_max) in [(Lang::Zh, &zh, en_max), (Lang::En, &en, zh_max)] {
        let min_run = match lang {
            Lang::Zh => ctx.params.untranslated_run_zh,
            Lang::En => ctx.params.untranslated_run,
        };
        for (id, candidates) in rs {
            let id = *id;
            // A stretch ending the clause is what an appended sentence
            // looks like; elsewhere the other side must not have a
            // comparable stretch of its own (a free translation), and a
            // Chinese stretch must be at least half of its clause
            // (Chinese sentences are long and freely translated).
            // (One word after it may be a chance match: "consent" in a
            // text that says the Board "agreed".)
            // Failing that, a whole sentence the other side barely
            // translates (an appended sentence behind an untranslated
            // abbreviation such as "ICSC" that is longer).
            let reported = candidates
                .longest
                .filter(|r| {
                    let trailing = r.after <= 1 && r.unmatched > min_run;
                    // An English stretch inside its clause (words after it
                    // that are no values) is more often a free translation
                    // than an addition: it needs one word more than the
                    // minimum.
                    let inner_en = lang == Lang::En && r.after_words > 1 && r.unmatched <= min_run;
                    !(r.unmatched < min_run
                        || inner_en
                        || (!trailing && other_max >= (r.unmatched / 2).max(4))
                        || (lang == Lang::Zh && r.unmatched * 2 < r.considered && !trailing))
                })
                .map(|r| (r.start, r.end))
                .or(candidates.sentence);
            let Some((start, end)) = reported else {
                continue;
            };
            // A clause that carries both languages (a bilingual heading
            // "APPENDIX: How to apply … 附录：如何将…应用到您的作品中" in the
            // English half) translates its own stretch.
            if translates_itself(ctx, lang, &[id]) {
                continue;
            }
            // Where two versions break a paragraph at different places, the
            // end of one clause is translated at the start of the next pair
            // ("… as is, with all faults" one English line further down).
            if translated_next_door(ctx, lang, id, (start, end), near) {
                continue;
            }
            // A Chinese stretch inside its clause (not ending it) is mostly
            // a free translation the lexicon does not follow: on the judged
            // clean documents none of them was a real difference.
            let inner_zh = lang == Lang::Zh
                && candidates.longest.is_some_and(|r| {
                    (r.start, r.end) == (start, end) && !(r.after <= 1 && r.unmatched > min_run)
                });
            let (claim_start, claim_end) = (start, end);
            let body = ctx.clauses(lang)[id].body_text();
            let start = start
                + (body[start..end].len()
                    - body[start..end]
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .len());
            // A longer untranslated run is surer; a barely translated
            // sentence is as sure as a short run.
            let confidence = candidates
                .longest
                .filter(|r| (r.start, r.end) == (start, end) || r.start <= start)
                .map_or(0.55, |r| {
                    (0.55 + 0.03 * r.unmatched.saturating_sub(min_run) as f64).min(0.8)
                });
            // An English stretch inside its clause facing a Chinese side
            // that the English leaves largely untranslated too is most
            // likely the free rendering of those words: had English text
            // been added, the rest of the English would account for the
            // Chinese. On the judged documents 8 English stretches shown
            // were like this, all false; none of the 5 true ones was.
            // So is an English stretch ending its clause there, unless it
            // starts a sentence: an appended sentence does, a free rendering
            // of the end of a sentence does not (on the judged CTK
            // documents 8 such stretches were shown, all false).
            // A Chinese stretch is hedged when the English leaves at least
            // three words untranslated for every four of the stretch: they
            // can be its rendering (15 false and 3 minor Chinese stretches
            // shown were like this, none of the 5 true ones).
            let own_run = candidates
                .longest
                .filter(|r| (r.start, r.end) == (claim_start, claim_end));
            // In a free translation a stretch that is part of a sentence
            // is most likely worded apart, unless it is long: on the two
            // free CTK translations 22 such stretches were shown, 19 false
            // (3 true, 1 minor); a whole sentence, what an addition looks
            // like (the planted ones too), is weighed as anywhere else.
            let free_part = ctx.freely_translated()
                && own_run.is_some_and(|r| {
                    r.unmatched < FREE_MIN_RUN
                        && !match lang {
                            Lang::Zh => holds_a_sentence(body, r.start, r.end),
                            Lang::En => starts_a_sentence(body, r.start, r.end),
                        }
                });
            let hedged = free_part
                || inner_zh
                || lang == Lang::En
                    && zh_loose
                    && own_run.is_some_and(|r| r.after >= 1 || !starts_a_sentence(body, r.start, r.end))
                || lang == Lang::Zh
                    && own_run.is_some_and(|r| {
                        en_untranslated * 4 >= r.unmatched * 3
                            && !holds_a_sentence(body, r.start, r.end)
                    })
                // Lengths are weighed for Chinese stretches only: on the judged
                // documents nearly all Chinese stretches reported at the end of a
                // clause were free translations (about 120 false, 6 true), while
                // an English sentence appended to a short line (a planted
                // addition after "Date of Release: November 23, 2023") changes
                // the lengths of a short pair less than the spread of this
                // translator's ratios.
                || lang == Lang::Zh && {
                    let run = ctx
                        .tokens(lang, id)
                        .iter()
                        .filter(|t| t.known && t.start >= start && t.end <= end)
                        .count();
                    let (mine, theirs) = match lang {
                        Lang::Zh => (&group.zh, &group.en),
                        Lang::En => (&group.en, &group.zh),
                    };
                    ctx.lengths_say_translated(lang, mine, theirs, run, 0.0)
                };
            let confidence = if hedged { 0.45 } else { confidence };
            // A stretch that is probably translated after all keeps its
            // values and cues for the other rules to compare: claimed, a
            // 可能 in it would leave the "may" of the other side alone.
            if !hedged {
                out.claims.span(lang, id, (claim_start, claim_end));
            }
            out.findings.push(clause_finding(
                lang,
                id,
                FindingKind::Omission,
                Severity::Warning,
                confidence,
                format!(
                    "text not translated in the {} version: {}",
                    lang_name(lang.other()),
                    quote(&body[start..end])
                ),
            ));
        }
    }
    out.findings = one_per_side(ctx, std::mem::take(&mut out.findings));
    out
}

/// Untranslated stretches of one side of a line group are one finding: the
/// paragraph the other version renders differently, quoted stretch by
/// stretch. (Those shown by default and those below
/// [`CheckParams::min_confidence`](crate::check::CheckParams) stay apart.)
fn one_per_side(ctx: &Context, findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() < 2 {
        return findings;
    }
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        let shown = f.confidence >= ctx.params.min_confidence;
        let same = out.iter_mut().find(|g| {
            g.zh.is_empty() == f.zh.is_empty()
                && (g.confidence >= ctx.params.min_confidence) == shown
        });
        match same {
            Some(g) => {
                g.zh.extend(&f.zh);
                g.en.extend(&f.en);
                g.zh.sort_unstable();
                g.zh.dedup();
                g.en.sort_unstable();
                g.en.dedup();
                g.confidence = g.confidence.max(f.confidence);
                // "text not translated in the English version: 「a」" and
                // "…: 「b」" read "…: 「a」; 「b」".
                if let Some((_, quoted)) = f.message.split_once(": ") {
                    g.message.push_str("; ");
                    g.message.push_str(quoted);
                }
            }
            None => out.push(f),
        }
    }
    out
}

/// The longest stretch of a clause's content words that `other_keys`
/// does not translate, letting one matched word inside (a common word
/// such as "information" that happens to occur on the other side too),
/// and a whole sentence of it that the other side barely translates.
fn longest_unmatched<'o>(
    ctx: &Context,
    lang: Lang,
    id: usize,
    other_keys: &OtherKeys,
    other: &dyn Fn() -> &'o OtherWords,
) -> Unmatched {
    let body = ctx.clauses(lang)[id].body_text();
    // A note in the other language ("(The English version is below.)")
    // is about the document, not part of it.
    let asides = SpanSet::new(crate::features::foreign_asides(body, lang));
    let toks: Vec<&Token> = ctx
        .tokens(lang, id)
        .iter()
        .filter(|t| !asides.holds(t.start))
        .collect();
    // Values, contacts and names are checked on their own: they count as
    // matched here.
    let valued = SpanSet::new(
        ctx.all_anchors(lang, id)
            .iter()
            .filter(|a| !matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal))
            .map(|a| (a.start, a.end))
            .collect(),
    );
    // Negation and modal cues are compared on their own: they neither
    // count towards a run nor break it.
    let cues = SpanSet::new(
        ctx.all_anchors(lang, id)
            .iter()
            .filter(|a| matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal))
            .map(|a| (a.start, a.end))
            .collect(),
    );
    let toks: Vec<&Token> = toks
        .into_iter()
        .filter(|t| !cues.overlaps(t.start, t.end))
        .filter(|t| weighed(lang, body, t))
        .collect();
    // A name the other side writes as its acronym is translated: "GNU
    // General Public License" against 一份GNU GPL的副本.
    let abbreviated = SpanSet::new(abbreviated_runs(ctx, body, other_keys));
    let matched_by = |keys: &[u32], learned: bool| -> Vec<bool> {
        toks.iter()
            .map(|t| {
                let word = &body[t.start..t.end];
                let taught = || {
                    spelling_key_of(t).is_some_and(|k| {
                        ctx.learned()
                            .of(k)
                            .iter()
                            .any(|key| keys.binary_search(key).is_ok())
                    })
                };
                t.keys.iter().any(|key| keys.binary_search(key).is_ok())
                    || (learned && lang == Lang::Zh && taught())
                    || valued.overlaps(t.start, t.end)
                    || abbreviated.overlaps(t.start, t.end)
                    || word.chars().all(|c| c.is_ascii_digit())
                    || body[t.end..].starts_with('@')
                    || body[..t.start].ends_with('@')
            })
            .collect()
    };
    // Related words count only in a clause the other side translates for the
    // most part, where a stretch may be freely worded. A clause the other
    // side barely translates (its counterpart missing, the pair a guess)
    // would find chance relatives in whatever it was paired with.
    let strict = matched_by(&other_keys.strict, false);
    let translated = strict.iter().filter(|&&m| m).count();
    let matched = if translated * 5 >= toks.len() * 2 {
        matched_by(other_keys.related(ctx), true)
    } else {
        strict
    };
    let mut best: Option<Run> = None;
    let mut lo = 0;
    let mut inside = 0; // matched words in [lo, hi]
    for hi in 0..toks.len() {
        if matched[hi] {
            inside += 1;
        }
        while lo <= hi && (inside > 1 || matched[lo]) {
            if matched[lo] {
                inside -= 1;
            }
            lo += 1;
        }
        if lo > hi || matched[hi] {
            continue;
        }
        let unmatched = hi + 1 - lo - inside;
        // The stretch runs back to the previous matched word, so the
        // stopwords and cues that open it ("We may also sell") belong
        // to it.
        let from = if lo == 0 { 0 } else { toks[lo - 1].end };
        let run = Run {
            start: from,
            end: toks[hi].end,
            unmatched,
            considered: toks.len(),
            after: toks.len() - hi - 1,
            after_words: toks[hi + 1..]
                .iter()
                .filter(|t| !valued.overlaps(t.start, t.end))
                .count(),
        };
        if best.is_none_or(|b| unmatched > b.unmatched) {
            best = Some(run);
        }
    }
    Unmatched {
        longest: best,
        sentence: lone_sentence(body, lang, &toks, &matched, other),
        words: toks.len(),
        untranslated: matched.iter().filter(|&&m| !m).count(),
    }
}

/// The byte ranges of the runs of capitalised words of `body` whose
/// initials end in an acronym the other side writes ("GNU General Public
/// License" for "GPL").
fn abbreviated_runs(ctx: &Context, body: &str, other: &OtherKeys) -> Vec<(usize, usize)> {
    let acronyms: Vec<&str> = other
        .theirs
        .iter()
        .flat_map(|&oid| {
            ctx.clauses(other.lang)[oid]
                .body_text()
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| (2..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()))
        })
        .collect();
    if acronyms.is_empty() {
        return Vec::new();
    }
    capitalised_runs(body)
        .into_iter()
        .filter(|(initials, _)| acronyms.iter().any(|a| initials.ends_with(a)))
        .map(|(_, r)| (r.start, r.end))
        .collect()
}

/// A sentence of a clause of several sentences that the other side barely
/// translates while the rest of the clause is translated: at least four of
/// its content words untranslated, at most a quarter translated, and at
/// least 40% of the rest of the clause translated. A sentence added to one
/// version inside an otherwise faithful paragraph looks like this.
///
/// `toks` are the clause's content words, `matched` says which of them the
/// other side translates, and `other` are the other side's words. A word of
/// the sentence counts as translated only if one of the words it matches is
/// matched by nothing outside the sentence: an added "without your consent"
/// must not borrow the 同意 that "the Board agreed" already translates.
fn lone_sentence<'o>(
    body: &str,
    lang: Lang,
    toks: &[&Token],
    matched: &[bool],
    other: &dyn Fn() -> &'o OtherWords,
) -> Option<Span> {
    let ends = sentence_ends(body, lang);
    if ends.len() < 2 {
        return None;
    }
    // First what does not depend on which other-side word a word matches:
    // the sentence's size, the rest of the clause, lead-ins.
    let (total, total_matched) = (toks.len(), matched.iter().filter(|&&m| m).count());
    let mut candidates = Vec::new();
    let (mut start, mut k) = (0, 0);
    for &end in &ends {
        // Words are in text order: those of this sentence are the next ones.
        let first = k;
        while k < toks.len() && toks[k].end <= end {
            k += 1;
        }
        let n = k - first;
        let m_all = matched[first..k].iter().filter(|&&m| m).count();
        let (rest, rest_matched) = (total - n, total_matched - m_all);
        // A lead-in ending in a colon ("Mr X asked:", "as follows:") is a
        // label, not a statement.
        let lead_in = body[start..end].trim_end().ends_with([':', '：']);
        if !lead_in && n >= 4 && rest >= 4 && rest_matched * 5 >= rest * 2 {
            candidates.push((start, end, first..k));
        }
        start = end;
    }
    if candidates.is_empty() {
        return None;
    }
    let other = other();
    // The other side's words each word matches; a word matching very many
    // (a common word) keeps its plain "matched" and no list.
    const MANY: usize = 8;
    let hits: Vec<Vec<usize>> = toks
        .iter()
        .zip(matched)
        .map(|(t, &m)| {
            if !m {
                return Vec::new();
            }
            let mut h: Vec<usize> = t
                .keys
                .iter()
                .filter_map(|k| other.by_key.get(k))
                .flatten()
                .copied()
                .take(MANY + 1)
                .collect();
            h.sort_unstable();
            h.dedup();
            if h.len() > MANY { Vec::new() } else { h }
        })
        .collect();
    // How often each other-side word is matched by this clause (a map, not
    // a vector over all of the other side: a clause may face a huge one).
    let mut times_hit: FxHashMap<usize, usize> = FxHashMap::default();
    for &o in hits.iter().flatten() {
        *times_hit.entry(o).or_default() += 1;
    }
    for (start, end, inside) in candidates {
        let mut hit_inside: FxHashMap<usize, usize> = FxHashMap::default();
        for &o in inside.clone().flat_map(|w| &hits[w]) {
            *hit_inside.entry(o).or_default() += 1;
        }
        let own = |w: usize| {
            matched[w]
                && (hits[w].is_empty() || hits[w].iter().any(|o| times_hit[o] == hit_inside[o]))
        };
        let n = inside.len();
        let m = inside.filter(|&w| own(w)).count();
        if n - m >= 4 && m * 4 <= n {
            let skip = body[start..end].len() - body[start..end].trim_start().len();
            return Some((start + skip, end));
        }
    }
    None
}

/// Whether Chinese text `body[start..end]` holds a whole sentence: one
/// starting inside it (after 。！？；;, or at the start of the text) and
/// ending inside it or at the end of the text. A sentence appended to a
/// line is one; a free rendering is mostly part of a sentence.
fn holds_a_sentence(body: &str, start: usize, end: usize) -> bool {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?');
    let mut starts = std::iter::once(0).chain(
        body.char_indices()
            .filter(|&(_, c)| is_end(c))
            .map(|(i, c)| i + c.len_utf8()),
    );
    starts.any(|b| {
        if b < start || b >= end {
            return false;
        }
        let rest = &body[b..];
        let stop = rest.find(is_end).map_or(body.len(), |k| b + k);
        // What lies between the stretch's end and the sentence's end is
        // punctuation or space only.
        stop <= end || body[end..stop].chars().all(|c| !c.is_alphanumeric())
    })
}

/// Whether an English stretch `body[start..end]` (from just past the word
/// before it) starts a sentence: nothing but space and punctuation before
/// its first word since the start of the text, the end of a sentence (. !
/// ? ; : and a space) inside it, or a first word that is a function word
/// written with a capital ("We", "The", "If"), which English capitalises
/// only to open a sentence (a sentence appended to a heading, "… BILL 1989
/// We may also …"). A sentence appended to a line that ends in a few words
/// the other side renders freely starts inside.
fn starts_a_sentence(body: &str, start: usize, end: usize) -> bool {
    let before = body[..start].trim_end();
    let stretch = &body[start..end];
    let first: &str = stretch
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    before.is_empty()
        || before.ends_with(['.', '!', '?', ';', ':'])
        || first.starts_with(|c: char| c.is_ascii_uppercase())
            && first.chars().skip(1).all(|c| !c.is_ascii_uppercase())
            && crate::lexicon::is_en_stopword(&first.to_lowercase())
        || stretch.char_indices().any(|(k, c)| {
            matches!(c, '.' | '!' | '?' | ';' | ':')
                && stretch[k + 1..].starts_with(char::is_whitespace)
        })
}

/// Byte offsets just past each sentence of `text` (the last one is the
/// text's end): after 。！？： in Chinese, after . ! ? : followed by a space
/// and a capital letter in English (not after an abbreviation such as "No."
/// or "Mr."). Semicolons do not end sentences: they join the items of a
/// list, which translators regroup freely.
fn sentence_ends(text: &str, lang: Lang) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        let boundary = match c {
            '。' | '！' | '？' | '：' => true,
            '.' | '!' | '?' | ':' if lang == Lang::En => {
                let after = &text[end..];
                let next = after.trim_start_matches([' ', '"', '\'', '\u{201c}']);
                let word = text[..i]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                let abbreviation = word.len() <= 3 && word.starts_with(char::is_uppercase);
                after.starts_with(' ')
                    && next.starts_with(char::is_uppercase)
                    && (c != '.' || !abbreviation)
            }
            _ => false,
        };
        if !boundary {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        while let Some(&(j, q)) = chars.peek() {
            if matches!(q, '」' | '”' | '"' | ')' | '）' | '\'') {
                end = j + q.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if !text[end..].trim().is_empty() {
            ends.push(end);
        }
    }
    ends.push(text.len());
    ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{
        all_findings, line_by_line_findings_all, line_findings, line_findings_all,
    };

    #[test]
    fn a_line_in_both_languages_translates_itself() {
        // A bilingual heading put in the English half, merged with the next
        // English sentence: neither its Chinese stretch nor the heading as
        // a whole is untranslated text.
        let zh = "在您作品中包含Apache许可证的副本，通常在名为 “LICENSE ”的文件中，并考虑在您作品中包含一个引用该许可证的 “NOTICE” 文件。";
        let en = "APPENDIX: How to apply the Apache License to your work 附录：如何将Apache许可证应用到您的作品中\n\
                  Include a copy of the Apache License, typically in a file called LICENSE, in your work, and consider also including a NOTICE file that references the License.";
        let omissions = |found: Vec<Finding>| -> Vec<String> {
            found
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission)
                .map(|f| f.message)
                .collect()
        };
        assert!(omissions(all_findings(zh, en)).is_empty());
        // A heading in English only is still reported.
        let en = en.replace(" 附录：如何将Apache许可证应用到您的作品中", "");
        assert_eq!(omissions(all_findings(zh, &en)).len(), 1);
    }

    #[test]
    fn a_name_the_other_side_abbreviates_is_translated() {
        let en = "You should have received a copy of the GNU General Public License along with this program.";
        let stretches = |zh: &str| -> Vec<String> {
            all_findings(zh, en)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission)
                .map(|f| f.message)
                .collect()
        };
        // 一份GNU GPL的副本: "GPL" abbreviates "General Public License".
        let abbreviated = stretches("你应该已经收到了本软件和一份GNU GPL的副本。");
        assert!(abbreviated.is_empty(), "{abbreviated:?}");
        let dropped = stretches("你应该已经收到了本软件和一份GNU的副本。");
        assert!(
            dropped.len() == 1 && dropped[0].contains("General Public License"),
            "{dropped:?}"
        );
    }

    #[test]
    fn an_inner_english_stretch_needs_more_than_the_minimum() {
        // Five untranslated words inside the clause, words after them: a
        // free rendering ("play a part in enabling" for 促进).
        let zh = "我们很幸运能够每天促进开发人员社区的协作，这是我们很重视的责任。\n";
        let en = "We're fortunate to be able to play a part in enabling collaboration across the developer community every day, which is a responsibility we don't take lightly.\n";
        assert!(
            line_findings(zh, en).is_empty(),
            "{:?}",
            line_findings(zh, en)
        );
    }

    #[test]
    fn an_english_stretch_facing_a_loose_chinese_side_is_hedged() {
        // The Chinese adds words of its own (一直很认真, 仔细, 再次) that the
        // English leaves untranslated: the pair is freely rendered, and the
        // English stretch inside the clause most likely renders them.
        let en = "The Committee, whose members grew weary of grand slogans and glossy brochures over the decades, reviewed the valuation of the Fund.";
        let stretch = |zh: &str| -> Vec<f64> {
            all_findings(zh, en)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && !f.en.is_empty())
                .map(|f| f.confidence)
                .collect()
        };
        let loose = stretch("委员会一直很认真，仔细审查了基金，再次核对了估值。");
        assert!(loose.len() == 1 && loose[0] < 0.5, "{loose:?}");
        // Facing a Chinese side the English accounts for, the same stretch
        // is shown.
        let faithful = stretch("委员会审查了基金的估值。");
        assert!(faithful.len() == 1 && faithful[0] >= 0.5, "{faithful:?}");
    }

    #[test]
    fn an_english_stretch_ending_its_clause_is_hedged_unless_it_starts_a_sentence() {
        // The same loose Chinese side: the end of an English sentence that
        // renders nothing of it is hedged; a sentence of its own is shown.
        let zh = "委员会一直很认真，仔细审查了基金，再次核对了估值。";
        let stretch = |en: &str| -> Vec<f64> {
            line_findings_all(zh, en)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && !f.en.is_empty())
                .map(|f| f.confidence)
                .collect()
        };
        let tail = stretch(
            "The Committee reviewed the valuation of the Fund, whose members grew weary of grand slogans and glossy brochures over the decades.",
        );
        assert!(tail.len() == 1 && tail[0] < 0.5, "{tail:?}");
        let sentence = stretch(
            "The Committee reviewed the valuation of the Fund. Its members grew weary of grand slogans and glossy brochures over the decades.",
        );
        assert!(sentence.len() == 1 && sentence[0] >= 0.5, "{sentence:?}");
    }

    #[test]
    fn part_of_a_sentence_in_a_free_translation_is_hedged() {
        // Twenty pairs, then a Chinese line whose second half the English
        // lacks: part of its sentence, or a sentence of its own.
        let filler_zh = "委员会审查了基金的估值。\n".repeat(20);
        let filler_en = "The Committee reviewed the valuation of the Fund.\n".repeat(20);
        let en = format!("{filler_en}The Committee reviewed the valuation of the Fund.\n");
        let stretch = |last: &str, score: f64| -> Vec<f64> {
            let zh = format!("{filler_zh}{last}\n");
            line_by_line_findings_all(&zh, &en, score)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && f.zh == vec![20])
                .map(|f| f.confidence)
                .collect()
        };
        let part = "委员会审查了基金的估值，并且秘书处将编写一份关于投资管理费用的详细报告。";
        let sentence = "委员会审查了基金的估值。秘书处将编写一份关于投资管理费用的详细报告。";
        // Pairs scored as a free translation's (median under 0.7).
        let free = stretch(part, 0.6);
        assert!(free.len() == 1 && free[0] < 0.5, "{free:?}");
        let free = stretch(sentence, 0.6);
        assert!(free.len() == 1 && free[0] >= 0.5, "{free:?}");
        // The same stretch in a faithful translation is shown.
        let faithful = stretch(part, 0.9);
        assert!(faithful.len() == 1 && faithful[0] >= 0.5, "{faithful:?}");
    }

    #[test]
    fn an_english_stretch_starts_a_sentence_after_a_sentence_end() {
        let body = "Reviewed the Fund in time. Its members grew weary, whose members grew weary";
        let at = |s: &str| body.find(s).unwrap();
        assert!(starts_a_sentence(body, 0, body.len()));
        // From just past "time", or from just past "Fund" (a sentence end
        // inside the stretch).
        assert!(starts_a_sentence(body, at(". Its"), body.len()));
        assert!(starts_a_sentence(body, at(" in time"), body.len()));
        assert!(!starts_a_sentence(body, at(", whose"), body.len()));
        assert!(!starts_a_sentence(body, at(" the Fund"), at(". Its")));
        // A capitalised function word opens a sentence; a name does not.
        let heading = "WAGES BILL 1989 We may also sell it to the Fund";
        let at = |s: &str| heading.find(s).unwrap();
        assert!(starts_a_sentence(heading, at(" We"), heading.len()));
        assert!(!starts_a_sentence(heading, at(" the Fund"), heading.len()));
        assert!(!starts_a_sentence(heading, at(" BILL"), heading.len()));
    }

    #[test]
    fn a_chinese_stretch_the_english_leftovers_can_render_is_hedged() {
        let zh = "委员会审查了养恤基金的精算估值。\n\
                  秘书处将编写一份关于投资管理费用的报告，大家对此都很关心，毕竟这件事拖了很久。\n\
                  大会核准了委员会提出的各项建议和预算。\n";
        let stretch = |en: &str| -> Vec<f64> {
            line_findings_all(zh, en)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && f.zh == vec![1])
                .map(|f| f.confidence)
                .collect()
        };
        // The English says something of its own about the report ("a topic
        // that folks have grown weary of over decades"): words enough to be
        // the rendering of the Chinese stretch.
        let loose = stretch(
            "The Committee reviewed the actuarial valuation of the Fund.\n\
             The secretariat will prepare a report on the costs of investment management, a topic that folks have grown weary of over decades.\n\
             The General Assembly approved the recommendations and the budget proposed by the Committee.\n",
        );
        assert!(loose.len() == 1 && loose[0] < 0.5, "{loose:?}");
        // The English stops after the report: the stretch is missing.
        let short = stretch(
            "The Committee reviewed the actuarial valuation of the Fund.\n\
             The secretariat will prepare a report on the costs of investment management.\n\
             The General Assembly approved the recommendations and the budget proposed by the Committee.\n",
        );
        assert!(short.len() == 1 && short[0] >= 0.5, "{short:?}");
        // A whole sentence is never hedged this way: an appended one is
        // what an addition looks like.
        let body = "报告结果。我们还可能出售您的个人信息。";
        let added = body.find("我们").unwrap();
        assert!(holds_a_sentence(
            body,
            added - "。".len(),
            body.len() - "。".len()
        ));
        assert!(!holds_a_sentence(body, "报告".len(), "报告结果".len()));
    }

    #[test]
    fn sentence_added_inside_a_line() {
        let zh = "委员会审查了养恤基金的精算估值。\n\
                  公务员制度委员会还同意,精算估值应每两年进行一次,并向大会报告结果。\n\
                  秘书处将编写一份关于投资管理费用的报告。\n";
        let en = "The Committee reviewed the actuarial valuation of the Fund.\n\
                  ICSC also agreed that the actuarial valuation should be carried out every two years and the results reported to the General Assembly.\n\
                  The secretariat will prepare a report on the costs of investment management.\n";
        assert!(
            line_findings(zh, en).is_empty(),
            "{:?}",
            line_findings(zh, en)
        );
        // A sentence appended to the English line: "ICSC" leaves an untranslated
        // stretch too (for 公务员制度委员会), and "consent" matches the 同意 that "agreed" already
        // translates; the added sentence is still what is reported.
        let added = en.replace(
            "General Assembly.",
            "General Assembly. We may also sell your personal information to advertising partners without your consent.",
        );
        let found = line_findings(zh, &added);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, FindingKind::Omission);
        assert_eq!(found[0].en, vec![1]);
        assert!(
            found[0]
                .message
                .contains("not translated in the Chinese version: 「We may also sell"),
            "{}",
            found[0].message
        );
        // The same in Chinese, behind a long untranslated name.
        let added = zh.replace(
            "报告结果。",
            "报告结果。我们还可能在未经您同意的情况下将您的个人信息出售给广告合作伙伴。",
        );
        let found = line_findings(&added, en);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].kind, found[0].zh.clone()),
            (FindingKind::Omission, vec![1])
        );
        assert!(
            found[0].message.contains("「我们还可能"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn lengths_weigh_a_chinese_stretch() {
        let zh = "委员会审查了养恤基金的精算估值和投资情况。\n\
                  秘书处将编写一份关于投资管理费用的详细报告。\n\
                  大会核准了委员会提出的各项建议和预算。\n\
                  委员会还审查了工作人员的薪金和津贴制度。\n\
                  秘书长向大会提交了关于养恤金调整的报告。\n\
                  委员会决定下届会议将审议服务条件问题，届时请各组织积极参加并提出意见。\n";
        let en = "The Committee reviewed the actuarial valuation and the investments of the Fund.\n\
                  The secretariat will prepare a detailed report on the costs of investment management.\n\
                  The General Assembly approved the recommendations and the budget proposed by the Committee.\n\
                  The Committee also reviewed the salaries and allowances system of the staff.\n\
                  The Secretary-General submitted to the General Assembly a report on pension adjustments.\n";
        let omission = |en: &str| {
            line_findings(zh, en)
                .into_iter()
                .filter(|f| f.kind == FindingKind::Omission && f.zh == vec![5])
                .map(|f| f.confidence)
                .collect::<Vec<f64>>()
        };
        // The English stops where the Chinese goes on: too short for the
        // whole line, a difference.
        let short = format!(
            "{en}The Committee decided to consider conditions of service at its next session.\n"
        );
        let found = omission(&short);
        assert!(found.iter().any(|&c| c >= 0.5), "{found:?}");
        // Lengths alone: 30 words against 20 of a translator who writes
        // 1.5 English words per Chinese word fit a translation of all 20,
        // not of the 14 left without a stretch of 6.
        let r = 1.5f64.ln();
        use crate::check::context::whole_fits_better;
        assert!(whole_fits_better(20, 6, 30, r, 0.0));
        assert!(!whole_fits_better(20, 6, 21, r, 0.0));
        // 26 words fit all 20 better, but not by a margin of 0.1.
        assert!(whole_fits_better(20, 6, 26, r, 0.0));
        assert!(!whole_fits_better(20, 6, 26, r, 0.1));
        // A stretch of 8 of 12 words: 12 words of a translator who writes
        // 0.78 per word fit all 12; 3 would fit the 4 left.
        let r = 0.78f64.ln();
        assert!(whole_fits_better(12, 8, 12, r, 0.0));
        assert!(!whole_fits_better(12, 8, 3, r, 0.0));
    }

    #[test]
    fn lead_in_and_list_items_are_not_sentences() {
        let ends = |t: &str| sentence_ends(t, Lang::En);
        assert_eq!(ends("Mr. Smith asked. Dr. No replied."), vec![16, 32]);
        assert_eq!(ends("See No. 5 below; Items follow."), vec![30]);
        let zh = "张议员问：主席先生，政府会否考虑？";
        assert_eq!(
            sentence_ends(zh, Lang::Zh),
            vec!["张议员问：".len(), zh.len()]
        );
    }
}
