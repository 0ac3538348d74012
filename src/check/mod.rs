//! Check: report where one language omits or changes a promise.
//!
//! The check reads an analysed document ([`Report`]): the aligned pairs,
//! each clause's anchors (numbers, dates, contacts, names, negation and modal
//! cues) and each clause's *support* (how much of it the other side of its
//! pair translates). It compares the two sides of every pair and reports
//!
//! * **omission**: a clause without counterpart, or a sentence inside an
//!   aligned pair that the other language does not translate (a sentence
//!   added to one version);
//! * **number** / **date**: a value on one side that differs from the
//!   other side's (`15个工作日` vs `30 working days`);
//! * **contact**: an e-mail address, URL or phone number that differs;
//! * **entity**: a named party or product on one side that the other does
//!   not name;
//! * **negation**: one side negates what the other affirms;
//! * **modality**: obligation strength differs (must/shall vs may).
//!
//! Values are compared on *line groups*: the aligned pairs merged so that no
//! group splits a line (see [`crate::align::merge_shared_lines`]), which
//! keeps a sentence boundary drawn differently in the two languages from
//! looking like a change. A value missing from a group is also looked for in
//! the neighbouring groups before it is reported.
//!
//! Only differences with evidence on both sides are errors: a value that one
//! side writes and the other does not (a translator's omission, or a value
//! the extractor could not read) is a warning, and most such cases are left
//! unreported because faithful translations do that all the time.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;

use crate::align::{AlignedPair, merge_shared_lines};
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Modality, Unit};
use crate::lang::{Lang, ScriptCounts};
use crate::lexicon::Lexicon;
use crate::pipeline::Report;
use crate::segment::{Clause, ClauseKind};
use crate::text::SpanSet;

mod tokens;

use tokens::{Token, share};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often a translation choice.
    Info,
    /// Probably a real difference.
    Warning,
    /// A promise differs.
    Error,
}

/// What kind of difference a finding reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A clause or sentence present in one language only.
    Omission,
    /// A number, period, age, percentage or amount differs.
    Number,
    /// A date differs.
    Date,
    /// An e-mail address, URL or phone number differs.
    Contact,
    /// A named party, product or law differs.
    Entity,
    /// One side negates what the other affirms.
    Negation,
    /// Obligation strength differs (must/shall vs may).
    Modality,
}

impl FindingKind {
    /// All kinds, in report order.
    pub const ALL: [FindingKind; 7] = [
        FindingKind::Omission,
        FindingKind::Number,
        FindingKind::Date,
        FindingKind::Contact,
        FindingKind::Entity,
        FindingKind::Negation,
        FindingKind::Modality,
    ];

    /// The kind's name as in the JSON contract.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Omission => "omission",
            FindingKind::Number => "number",
            FindingKind::Date => "date",
            FindingKind::Contact => "contact",
            FindingKind::Entity => "entity",
            FindingKind::Negation => "negation",
            FindingKind::Modality => "modality",
        }
    }
}

/// A difference between the two versions, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What differs.
    pub kind: FindingKind,
    /// How serious it is.
    pub severity: Severity,
    /// Chinese clause ids concerned.
    pub zh: Vec<usize>,
    /// English clause ids concerned.
    pub en: Vec<usize>,
    /// The Chinese value ("15个工作日"), if the finding compares values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh_value: Option<String>,
    /// The English value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en_value: Option<String>,
    /// What a reviewer reads.
    pub message: String,
}

/// Thresholds of the check. `docs/checks.md` explains each.
#[derive(Clone, Debug)]
pub struct CheckParams {
    /// A sentence inside an aligned pair whose own content is translated by
    /// less than this share is reported as having no counterpart ...
    pub unsupported: f64,
    /// ... when it has at least this much content (Han characters, or
    /// English words times 1.6).
    pub unsupported_min_content: f64,
    /// Clauses with less content than this are never reported as omitted
    /// (page furniture such as "---", "* * *").
    pub omission_min_content: f64,
    /// A run of at least this many English content words that the other
    /// side does not translate is reported as untranslated text ...
    pub untranslated_run: usize,
    /// ... and of this many Chinese words (shorter on average).
    pub untranslated_run_zh: usize,
    /// Negation and modal cues are compared only on pairs aligned with at
    /// least this confidence: on a doubtful pair a differing cue is more
    /// likely a misalignment than a changed promise.
    pub min_cue_score: f64,
}

impl Default for CheckParams {
    fn default() -> Self {
        CheckParams {
            unsupported: 0.12,
            unsupported_min_content: 2.0,
            omission_min_content: 2.0,
            untranslated_run: 5,
            untranslated_run_zh: 5,
            min_cue_score: 0.45,
        }
    }
}

/// Findings for an analysed document, in document order.
pub fn check(report: &Report) -> Vec<Finding> {
    check_with(report, &CheckParams::default())
}

/// [`check`] with explicit thresholds.
pub fn check_with(report: &Report, params: &CheckParams) -> Vec<Finding> {
    let lex = Lexicon::builtin();
    let token_lists = |cs: &[Clause]| -> Vec<Vec<Token>> {
        cs.iter()
            .map(|c| tokens::tokens(lex, c.body_text(), c.lang))
            .collect()
    };
    let ctx = Context {
        report,
        params,
        lex,
        zh_tokens: token_lists(&report.zh),
        en_tokens: token_lists(&report.en),
        zh_pair: pair_index(report, Lang::Zh),
        en_pair: pair_index(report, Lang::En),
        silenced: RefCell::new(FxHashMap::default()),
    };
    let mut out = Vec::new();
    ctx.omissions(&mut out);
    ctx.labels(&mut out);
    let groups = line_groups(report);
    for (g, group) in groups.iter().enumerate() {
        if group.zh.is_empty() || group.en.is_empty() {
            continue;
        }
        let prev = g.checked_sub(1).and_then(|k| groups.get(k));
        let next = groups.get(g + 1);
        ctx.untranslated(group, &mut out);
        ctx.values(group, &[prev, next], &mut out);
        ctx.contacts(group, &[prev, next], &mut out);
        ctx.entities(group, &mut out);
        let before = out.len();
        ctx.polarity(group, &mut out);
        // A flipped negation usually changes the modal too ("may" becomes
        // "may not"): report the negation only.
        if out.len() == before {
            ctx.modality(group, &mut out);
        }
    }
    out.sort_by_key(|f| {
        (
            f.zh.first()
                .copied()
                .unwrap_or(usize::MAX)
                .min(first_zh_of(report, f)),
            f.en.first().copied().unwrap_or(usize::MAX),
            f.kind,
        )
    });
    out
}

/// Position of a finding in Chinese document order, for findings that only
/// name English clauses (placed after the Chinese clause aligned before them).
fn first_zh_of(report: &Report, f: &Finding) -> usize {
    let Some(&e) = f.en.first() else {
        return usize::MAX;
    };
    let mut last_zh = 0;
    for p in &report.pairs {
        if let Some(&z) = p.zh.last() {
            last_zh = z;
        }
        if p.en.contains(&e) {
            return last_zh;
        }
    }
    last_zh
}

/// Pairs merged so that no group splits a line.
/// For each clause of one language, the index of the pair that holds it.
fn pair_index(report: &Report, lang: Lang) -> Vec<usize> {
    let n = match lang {
        Lang::Zh => report.zh.len(),
        Lang::En => report.en.len(),
    };
    let mut index = vec![usize::MAX; n];
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

fn line_groups(report: &Report) -> Vec<AlignedPair> {
    let lines = |cs: &[Clause]| -> Vec<(usize, usize)> {
        cs.iter().map(|c| (c.line, c.end_line)).collect()
    };
    merge_shared_lines(&report.pairs, &lines(&report.zh), &lines(&report.en))
}

struct Context<'a> {
    report: &'a Report,
    params: &'a CheckParams,
    lex: &'a Lexicon,
    zh_tokens: Vec<Vec<Token>>,
    en_tokens: Vec<Vec<Token>>,
    /// Index in `report.pairs` of the pair holding each Chinese clause, and
    /// each English clause (every clause is in exactly one pair).
    zh_pair: Vec<usize>,
    en_pair: Vec<usize>,
    /// Byte spans of clause bodies already reported as untranslated: their
    /// cues and values are not compared again (an added sentence is one
    /// omission, not also a negation and a modality finding).
    silenced: RefCell<FxHashMap<(Lang, usize), Vec<Span>>>,
}

/// A byte range in a clause body.
type Span = (usize, usize);

/// An untranslated stretch of a clause: start and end byte, unmatched words,
/// the words of the clause considered, and how many of them follow it.
type Run = (usize, usize, usize, usize, usize);

/// What of a clause the other side of its pair does not translate.
#[derive(Default)]
struct Unmatched {
    /// The longest untranslated stretch.
    longest: Option<Run>,
    /// A whole sentence of a clause of several sentences that is barely
    /// translated while the rest of the clause is: byte range.
    sentence: Option<Span>,
}

/// A value anchor and the clause it comes from.
type Located<'b> = (usize, &'b Anchor);

/// How far before a word a cue may stand and still govern it, in bytes
/// (about six Chinese characters, or four English words).
fn cue_window(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 15,
        Lang::En => 18,
    }
}

/// Chinese words that follow a cue without being what it governs.
const SCOPE_STOP_ZH: &[&str] = &[
    "根据", "按照", "依照", "对于", "关于", "由于", "因为", "如果", "以及", "或者", "并且", "任何",
    "所有", "相关", "进行", "通过", "对此", "其他", "这些", "那些", "我们", "您的", "他们", "以便",
    "为了",
];

/// Chinese function words whose English counterparts ("if", "via",
/// "means") are stopwords: they never find a partner, so they neither count
/// towards nor break a run of untranslated words.
const FUNCTION_ZH: &[&str] = &[
    "如果", "假如", "若", "通过", "是指", "系指", "指", "请", "当", "时", "及其", "与", "和", "及",
    "以及", "或", "或者", "并", "并且", "还", "也", "都", "根据", "按照", "依照", "对于", "关于",
    "由于", "因为", "为了", "以便", "所", "其", "之", "此", "该", "等", "有关", "相关", "进行",
    "位于", "给予", "作为", "对", "向", "从", "将", "使", "让", "被", "由", "则", "即", "而", "但",
    "但是", "然而", "否则", "任何", "所有", "一切", "各", "每",
];

/// Whether an English "may"/"might" is a polite formula rather than a
/// possibility the sentence asserts ("may I first set out", "if I might
/// give"), which translators render without a modal. (The hedge of a
/// relative clause, "data which may include", is a possibility: it
/// translates 可能.)
fn formulaic_may(body: &str, cue: &Anchor) -> bool {
    let before: Vec<&str> = body[..cue.start.min(body.len())]
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect();
    let next = body[cue.end.min(body.len())..]
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let prev = before
        .first()
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let prev2 = before
        .get(1)
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(next, "I" | "we") || (prev == "i" && prev2 == "if")
}

/// Whether the word at `start..end` of `body` is "opt out" ("you can opt
/// out of sending" = 您可以选择不发送; "opt in" is not).
fn opts_out(body: &str, start: usize, end: usize) -> bool {
    matches!(
        body[start..end].to_ascii_lowercase().as_str(),
        "opt" | "opts" | "opted" | "opting"
    ) && {
        let rest = body[end..].trim_start_matches([' ', '-']);
        rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("out"))
    }
}

/// Words that negate by meaning (disable, prevent, 禁止, 拒绝): a cue that
/// governs their translation is matched, not contradicted.
const NEGATIVE_WORDS: &[&str] = &[
    "disabl",
    "prevent",
    "prohibit",
    "forbid",
    "refus",
    "deni",
    "declin",
    "reject",
    "block",
    "ban",
    "stop",
    "ceas",
    "withdraw",
    "revok",
    "exclud",
    "avoid",
    "lack",
    "fail",
    "remov",
    "restrict",
    "object",
    "without",
    "unabl",
    "imposs",
    "invalid",
    "unlaw",
    "illeg",
    "unauthor",
    "except",
    "unless",
    "neither",
    "nor",
    "irrevoc",
    "nonexclus",
    "non",
    "inaccur",
    "incomplet",
    "unreason",
    "unfair",
    "unsaf",
    "untru",
    "improp",
    "inappropri",
    "delet",
    "eras",
    "limit",
    "exempt",
    "waiv",
    "disclaim",
];

/// A cue on one side and what the other side does with the words it governs.
enum Link {
    /// The cue governs no word the other side translates: no evidence.
    Unresolved,
    /// The other side translates the governed word (possibly in several
    /// places); for each place, the cues governing it there (value and
    /// surface; possibly none).
    Governed(Vec<Vec<(AnchorValue, String)>>),
}

/// Content of a text in the units of [`ScriptCounts`]: Han characters plus
/// English words weighted 1.6.
fn content(text: &str) -> f64 {
    let c = ScriptCounts::of(text);
    c.zh_weight() + c.en_weight()
}

/// A short quote of a clause for messages.
fn quote(text: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    format!("「{out}」")
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "Chinese",
        Lang::En => "English",
    }
}

impl Context<'_> {
    fn clauses(&self, lang: Lang) -> &[Clause] {
        self.report.clauses(lang)
    }

    /// All anchors of a clause.
    fn all_anchors(&self, lang: Lang, id: usize) -> &[Anchor] {
        let all = match lang {
            Lang::Zh => &self.report.zh_anchors,
            Lang::En => &self.report.en_anchors,
        };
        all.get(id).map_or(&[], Vec::as_slice)
    }

    /// The anchors of a clause outside text already reported untranslated.
    fn anchors(&self, lang: Lang, id: usize) -> Vec<&Anchor> {
        let silenced = self.silenced.borrow();
        let spans = silenced.get(&(lang, id));
        self.all_anchors(lang, id)
            .iter()
            .filter(|a| {
                spans.is_none_or(|sp| !sp.iter().any(|&(s, e)| a.start >= s && a.start < e))
            })
            .collect()
    }

    fn silence(&self, lang: Lang, id: usize, span: (usize, usize)) {
        self.silenced
            .borrow_mut()
            .entry((lang, id))
            .or_default()
            .push(span);
    }

    fn support(&self, lang: Lang, id: usize) -> f64 {
        let all = match lang {
            Lang::Zh => &self.report.zh_support,
            Lang::En => &self.report.en_support,
        };
        all.get(id).copied().unwrap_or(0.0)
    }

    /// The body of a clause with its value, contact and name anchors removed.
    fn text_outside_anchors(&self, lang: Lang, id: usize) -> String {
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

    /// Whether a clause states something a reader relies on: a modal or
    /// negation cue, a number, a date, a contact or a name.
    fn carries_promise(&self, lang: Lang, id: usize) -> bool {
        self.anchors(lang, id).iter().any(|a| {
            matches!(
                a.kind,
                AnchorKind::Modal
                    | AnchorKind::Negation
                    | AnchorKind::Number
                    | AnchorKind::Date
                    | AnchorKind::Email
                    | AnchorKind::Url
                    | AnchorKind::Phone
                    | AnchorKind::Name
            )
        })
    }

    fn finding_for(
        &self,
        lang: Lang,
        id: usize,
        kind: FindingKind,
        severity: Severity,
        message: String,
    ) -> Finding {
        let (zh, en) = match lang {
            Lang::Zh => (vec![id], vec![]),
            Lang::En => (vec![], vec![id]),
        };
        Finding {
            kind,
            severity,
            zh,
            en,
            zh_value: None,
            en_value: None,
            message,
        }
    }

    /// Clauses without counterpart, and unsupported sentences inside pairs.
    fn omissions(&self, out: &mut Vec<Finding>) {
        let p = self.params;
        for pair in &self.report.pairs {
            for lang in [Lang::Zh, Lang::En] {
                let (mine, other) = match lang {
                    Lang::Zh => (&pair.zh, &pair.en),
                    Lang::En => (&pair.en, &pair.zh),
                };
                let alone = other.is_empty();
                let repeating = if !alone && mine.len() > 1 {
                    self.repeating_parts(lang, mine, other)
                } else {
                    Vec::new()
                };
                for &id in mine {
                    let clause = &self.clauses(lang)[id];
                    let amount = content(clause.body_text());
                    let unsupported = !alone
                        && (self.support(lang, id) < p.unsupported || repeating.contains(&id))
                        && amount >= p.unsupported_min_content
                        // The rest of the pair must be a real match, or the
                        // whole pair is just a weak alignment.
                        && mine.len() > 1;
                    if !(unsupported || alone && amount >= p.omission_min_content) {
                        continue;
                    }
                    if unsupported
                        && content(&self.text_outside_anchors(lang, id)) < p.unsupported_min_content
                    {
                        // A clause that is only a URL or a number: its value
                        // checks speak for it.
                        continue;
                    }
                    self.silence(lang, id, (0, usize::MAX));
                    let promise = self.carries_promise(lang, id);
                    let severity = if clause.kind == ClauseKind::Heading {
                        Severity::Info
                    } else if promise {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    let other_lang = lang_name(lang.other());
                    let what = if clause.kind == ClauseKind::Heading {
                        "heading"
                    } else {
                        "text"
                    };
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
                    out.push(self.finding_for(lang, id, FindingKind::Omission, severity, message));
                }
            }
        }
    }

    /// Clauses of the multi-clause side of a merged pair that add nothing
    /// of their own: the words of the other side they match are matched by
    /// the rest of their side too. A true split translation shares the other
    /// side's words out among its parts; a sentence merged in because its
    /// counterpart is missing only repeats common words ("right", "personal
    /// data") of its neighbour.
    fn repeating_parts(&self, lang: Lang, mine: &[usize], other: &[usize]) -> Vec<usize> {
        let other_tokens: Vec<&Token> = other
            .iter()
            .flat_map(|&oid| self.tokens(lang.other(), oid).iter())
            .collect();
        // One hash look-up per key, not a key-list merge per token pair: a
        // clause may hold tens of thousands of tokens.
        let matched_by = |id: usize| -> Vec<bool> {
            let keys: FxHashSet<u32> = self
                .tokens(lang, id)
                .iter()
                .flat_map(|m| m.keys.iter().copied())
                .collect();
            other_tokens
                .iter()
                .map(|t| t.keys.iter().any(|k| keys.contains(k)))
                .collect()
        };
        let sets: Vec<Vec<bool>> = mine.iter().map(|&id| matched_by(id)).collect();
        let mut out = Vec::new();
        for (k, &id) in mine.iter().enumerate() {
            let own: Vec<usize> = (0..other_tokens.len()).filter(|&t| sets[k][t]).collect();
            if own.is_empty() {
                continue;
            }
            let unique = own
                .iter()
                .filter(|&&t| sets.iter().enumerate().all(|(j, set)| j == k || !set[t]))
                .count();
            let others_match = (0..other_tokens.len())
                .any(|t| sets.iter().enumerate().any(|(j, set)| j != k && set[t]));
            if others_match && unique * 5 <= own.len() {
                out.push(id);
            }
        }
        out
    }

    /// Value anchors of a group, with the clause each comes from.
    fn group_anchors<'b>(
        &'b self,
        lang: Lang,
        ids: &[usize],
        keep: impl Fn(&Anchor) -> bool,
    ) -> Vec<(usize, &'b Anchor)> {
        ids.iter()
            .flat_map(|&id| self.anchors(lang, id).into_iter().map(move |a| (id, a)))
            .filter(|(_, a)| keep(a))
            .collect()
    }

    /// Numbers and dates: multisets of normalised values on both sides.
    fn values(
        &self,
        group: &AlignedPair,
        neighbours: &[Option<&AlignedPair>],
        out: &mut Vec<Finding>,
    ) {
        let is_value = |a: &Anchor| matches!(a.kind, AnchorKind::Number | AnchorKind::Date);
        let zh = self.group_anchors(Lang::Zh, &group.zh, is_value);
        let en = self.group_anchors(Lang::En, &group.en, is_value);
        if zh.is_empty() && en.is_empty() {
            return;
        }
        let (zh_only, en_only) = unmatched(&zh, &en);
        let (zh_only, en_only) = drop_unit_only_differences(zh_only, en_only);
        if zh_only.is_empty() || en_only.is_empty() {
            // One side has a value the other does not write at all: often a
            // translator's choice, or a value written in words the extractor
            // cannot read. Reported only for values that are promises in
            // themselves (a period, an amount, a percentage, an age, a
            // version), and only where the other side has no value of that
            // sort left over in a neighbouring group either.
            self.one_sided_values(group, neighbours, &zh_only, &en_only, out);
            return;
        }
        // A value the other side writes in a neighbouring group, where it
        // is left over there, is a sentence-boundary difference.
        let en_near = self.left_over_near(neighbours, Lang::En, is_value);
        let zh_near = self.left_over_near(neighbours, Lang::Zh, is_value);
        let excused =
            |a: &Anchor, near: &[String]| a.value.point_keys().iter().any(|k| near.contains(k));
        for ((zid, za), (eid, ea)) in pair_up(&zh_only, &en_only) {
            // Both values explained by neighbouring groups: a boundary
            // difference, not a change.
            if excused(za, &en_near) && excused(ea, &zh_near) {
                continue;
            }
            let kind = if za.kind == AnchorKind::Date && ea.kind == AnchorKind::Date {
                FindingKind::Date
            } else {
                FindingKind::Number
            };
            let what = describe_value(&za.value, &ea.value);
            out.push(Finding {
                kind,
                severity: Severity::Error,
                zh: vec![zid],
                en: vec![eid],
                zh_value: Some(za.surface.clone()),
                en_value: Some(ea.surface.clone()),
                message: format!("{what} differs: {} (zh) vs {} (en)", za.surface, ea.surface),
            });
        }
    }

    fn one_sided_values(
        &self,
        group: &AlignedPair,
        neighbours: &[Option<&AlignedPair>],
        zh_only: &[Located],
        en_only: &[Located],
        out: &mut Vec<Finding>,
    ) {
        use crate::anchors::Role;
        let promise = |a: &Anchor| match &a.value {
            AnchorValue::Version(_) => true,
            AnchorValue::Quantity { role, .. } => {
                matches!(role, Role::Period | Role::Money | Role::Percent | Role::Age)
            }
            _ => false,
        };
        let is_value = |a: &Anchor| matches!(a.kind, AnchorKind::Number | AnchorKind::Date);
        for (lang, only) in [(Lang::Zh, zh_only), (Lang::En, en_only)] {
            let Some(&(id, a)) = only.iter().find(|(_, a)| promise(a)) else {
                continue;
            };
            // The other side may have moved it to the next sentence.
            let near = neighbours.iter().flatten().any(|g| {
                let ids = if lang == Lang::Zh { &g.en } else { &g.zh };
                ids.iter().any(|&oid| {
                    self.anchors(lang.other(), oid)
                        .iter()
                        .any(|b| is_value(b) && b.key() == a.key())
                })
            });
            if near {
                continue;
            }
            let what = describe_value(&a.value, &a.value);
            let (zh, en, zv, ev) = match lang {
                Lang::Zh => (vec![id], group.en.clone(), Some(a.surface.clone()), None),
                Lang::En => (group.zh.clone(), vec![id], None, Some(a.surface.clone())),
            };
            out.push(Finding {
                kind: FindingKind::Number,
                severity: Severity::Warning,
                zh,
                en,
                zh_value: zv,
                en_value: ev,
                message: format!(
                    "{what} only in the {} version: {}",
                    lang_name(lang),
                    a.surface
                ),
            });
        }
    }

    /// Keys of the anchors (of the kind `keep` selects) that neighbouring
    /// groups leave over on side `lang`: written there without a partner on
    /// the other side.
    fn left_over_near(
        &self,
        neighbours: &[Option<&AlignedPair>],
        lang: Lang,
        keep: impl Fn(&Anchor) -> bool,
    ) -> Vec<String> {
        neighbours
            .iter()
            .flatten()
            .flat_map(|g| {
                let zh = self.group_anchors(Lang::Zh, &g.zh, &keep);
                let en = self.group_anchors(Lang::En, &g.en, &keep);
                let (z, e) = unmatched(&zh, &en);
                let side = if lang == Lang::Zh { z } else { e };
                side.into_iter()
                    .flat_map(|(_, a)| a.value.point_keys())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// E-mail addresses, URLs and phone numbers.
    fn contacts(
        &self,
        group: &AlignedPair,
        neighbours: &[Option<&AlignedPair>],
        out: &mut Vec<Finding>,
    ) {
        let is_contact = |a: &Anchor| {
            matches!(
                a.kind,
                AnchorKind::Email | AnchorKind::Url | AnchorKind::Phone
            )
        };
        let zh = self.group_anchors(Lang::Zh, &group.zh, is_contact);
        let en = self.group_anchors(Lang::En, &group.en, is_contact);
        if zh.is_empty() && en.is_empty() {
            return;
        }
        let en_near = self.left_over_near(neighbours, Lang::En, is_contact);
        let zh_near = self.left_over_near(neighbours, Lang::Zh, is_contact);
        let near = |lang: Lang, key: &str| match lang {
            Lang::En => en_near.iter().any(|k| k == key),
            Lang::Zh => zh_near.iter().any(|k| k == key),
        };
        let (zh_only, en_only) = unmatched(&zh, &en);
        let zh_only: Vec<_> = zh_only
            .into_iter()
            .filter(|(_, a)| !near(Lang::En, &a.key()))
            .collect();
        let en_only: Vec<_> = en_only
            .into_iter()
            .filter(|(_, a)| !near(Lang::Zh, &a.key()))
            .collect();
        // Same kind of contact on both sides but different: changed. A
        // contact on one side only: the other version leaves it out.
        let mut used_en = vec![false; en_only.len()];
        for &(zid, za) in &zh_only {
            let partner = en_only
                .iter()
                .enumerate()
                .find(|(k, (_, ea))| !used_en[*k] && ea.kind == za.kind);
            match partner {
                Some((k, &(eid, ea))) => {
                    used_en[k] = true;
                    out.push(Finding {
                        // A phone number that differs is a different number.
                        kind: if za.kind == AnchorKind::Phone {
                            FindingKind::Number
                        } else {
                            FindingKind::Contact
                        },
                        severity: Severity::Error,
                        zh: vec![zid],
                        en: vec![eid],
                        zh_value: Some(za.surface.clone()),
                        en_value: Some(ea.surface.clone()),
                        message: format!(
                            "{} differs: {} (zh) vs {} (en)",
                            contact_kind(za.kind),
                            za.surface,
                            ea.surface
                        ),
                    });
                }
                None => out.push(Finding {
                    kind: FindingKind::Contact,
                    severity: Severity::Warning,
                    zh: vec![zid],
                    en: group.en.clone(),
                    zh_value: Some(za.surface.clone()),
                    en_value: None,
                    message: format!(
                        "{} only in the Chinese version: {}",
                        contact_kind(za.kind),
                        za.surface
                    ),
                }),
            }
        }
        for (k, &(eid, ea)) in en_only.iter().enumerate() {
            if used_en[k] {
                continue;
            }
            out.push(Finding {
                kind: FindingKind::Contact,
                severity: Severity::Warning,
                zh: group.zh.clone(),
                en: vec![eid],
                zh_value: None,
                en_value: Some(ea.surface.clone()),
                message: format!(
                    "{} only in the English version: {}",
                    contact_kind(ea.kind),
                    ea.surface
                ),
            });
        }
    }

    /// Named parties and products: Latin-script names in the Chinese text
    /// must appear in the English text; Chinese names the lexicon knows
    /// (微软, 谷歌) must appear in English under one of their names, and
    /// the other way round.
    fn entities(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        let zh_text = self.group_text_without_contacts(Lang::Zh, &group.zh);
        let en_text = self.group_text_without_contacts(Lang::En, &group.en);
        let en_folded = fold(&en_text);
        let zh_folded = fold(&zh_text);
        // Dotted initialisms after a name are honours and titles ("Q.C.,
        // J.P.", "C.B.E."): the other version often leaves them out, and
        // they name no party.
        let is_name = |a: &Anchor| a.kind == AnchorKind::Name && !is_dotted_initialism(&a.surface);
        let zh_names = self.group_anchors(Lang::Zh, &group.zh, is_name);
        let en_names = self.group_anchors(Lang::En, &group.en, is_name);
        // Latin-script names written in the Chinese text must appear in the
        // English text (names are rarely translated into other Latin words).
        let mut missing_zh: Vec<(usize, String)> = Vec::new();
        for &(zid, a) in &zh_names {
            if !contains_name(&en_folded, &a.surface)
                && !acronym_matches(self.clauses(Lang::Zh)[zid].body_text(), a, &en_text)
            {
                missing_zh.push((zid, a.surface.clone()));
            }
        }
        // English names missing from the Chinese text: only evidence when
        // the Chinese text names someone else (names are often
        // transliterated, and the lexicon does not know every spelling).
        let mut missing_en: Vec<(usize, String)> = Vec::new();
        let zh_keys: Vec<u32> = {
            let mut k: Vec<u32> = group
                .zh
                .iter()
                .flat_map(|&id| {
                    self.tokens(Lang::Zh, id)
                        .iter()
                        .flat_map(|t| t.keys.iter().copied())
                })
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        for &(eid, a) in &en_names {
            if contains_name(&zh_folded, &a.surface)
                || acronym_matches(self.clauses(Lang::En)[eid].body_text(), a, &zh_text)
            {
                continue;
            }
            // A name made of words the Chinese text translates ("Web
            // Beacons" = 网络信标, "Ant Group" = 蚂蚁集团) is there.
            let translated = self.tokens(Lang::En, eid).iter().any(|t| {
                t.start >= a.start
                    && t.end <= a.end
                    && t.keys.iter().any(|k| zh_keys.binary_search(k).is_ok())
            });
            if !translated {
                missing_en.push((eid, a.surface.clone()));
            }
        }
        // Chinese names the lexicon knows (微软 = Microsoft) must appear in
        // English under one of their names; an English name the lexicon knows
        // in Chinese may stand for it.
        let mut missing_zh_known: Vec<(usize, String)> = Vec::new();
        for (zid, zh_name, names) in self.known_entities(Lang::Zh, &group.zh) {
            if names.iter().any(|n| contains_name(&en_folded, n)) {
                let keys: Vec<String> = names.iter().map(|n| fold(n)).collect();
                missing_en.retain(|(_, e)| !keys.contains(&fold(e)));
                continue;
            }
            // The place or body as the head of a longer name the English
            // abbreviates: 欧洲(经济共同体) against "EEC", 欧洲(经济区)
            // against "EEA". An English acronym with the same initial stands
            // for it.
            let initials: Vec<char> = names
                .iter()
                .filter_map(|n| n.chars().next())
                .filter(char::is_ascii_uppercase)
                .collect();
            let acronym = missing_en.iter().position(|(_, e)| {
                let e = e.trim();
                (2..=6).contains(&e.len())
                    && e.chars().all(|c| c.is_ascii_uppercase())
                    && e.chars().next().is_some_and(|c| initials.contains(&c))
            });
            match acronym {
                Some(k) => {
                    missing_en.remove(k);
                }
                None => missing_zh_known.push((zid, zh_name)),
            }
        }
        // English names the lexicon knows in Chinese (Tencent = 腾讯) that the
        // Chinese text writes neither way.
        let known_en_missing: Vec<(usize, String)> = missing_en
            .iter()
            .filter(|(_, name)| {
                chinese_forms(name)
                    .is_some_and(|forms| !forms.iter().any(|f| zh_text.contains(f.as_str())))
            })
            .cloned()
            .collect();
        missing_zh.dedup_by(|a, b| a.1 == b.1);
        missing_en.dedup_by(|a, b| a.1 == b.1);
        let mut report_zh = missing_zh.clone();
        if !missing_en.is_empty() {
            // A Chinese name the lexicon knows against an English name the
            // Chinese text lacks: a different party.
            report_zh.extend(missing_zh_known);
        }
        // Where the Chinese text writes names in Latin letters, an English
        // name it does not write is missing from it.
        let zh_writes_names = !zh_names.is_empty();
        let (report_en, en_alone) = if !report_zh.is_empty() {
            (missing_en, false)
        } else if zh_writes_names {
            (missing_en, true)
        } else {
            (known_en_missing, true)
        };
        let n = report_zh
            .len()
            .max(if en_alone { report_en.len() } else { 0 });
        for k in 0..n.max(usize::from(en_alone) * report_en.len()) {
            let z = report_zh.get(k);
            let e = report_en.get(k);
            let (severity, message) = match (z, e) {
                (Some((_, zn)), Some((_, en))) => (
                    Severity::Error,
                    format!("named party differs: {zn} (zh) vs {en} (en)"),
                ),
                (Some((_, zn)), None) => (
                    Severity::Warning,
                    format!("{zn} is named in the Chinese version only"),
                ),
                (None, Some((_, en))) => (
                    Severity::Warning,
                    format!("{en} is named in the English version only"),
                ),
                (None, None) => continue,
            };
            out.push(Finding {
                kind: FindingKind::Entity,
                severity,
                zh: z.map_or_else(|| group.zh.clone(), |(id, _)| vec![*id]),
                en: e.map_or_else(|| group.en.clone(), |(id, _)| vec![*id]),
                zh_value: z.map(|(_, v)| v.clone()),
                en_value: e.map(|(_, v)| v.clone()),
                message,
            });
        }
    }

    /// Chinese proper names the lexicon knows, found in the group's
    /// Chinese text: (clause, name, English names).
    fn known_entities(&self, lang: Lang, ids: &[usize]) -> Vec<(usize, String, Vec<String>)> {
        let mut found = Vec::new();
        for &id in ids {
            let text = self.clauses(lang)[id].body_text();
            // The clause's tokens are its words as `segment_zh` cuts them
            // (stopwords left out, which name nothing).
            for t in self.tokens(lang, id) {
                let word = &text[t.start..t.end];
                if !word.chars().all(crate::lexicon::is_han) {
                    continue;
                }
                if let Some(names) = self.lex.entity_names(word) {
                    found.push((id, word.to_string(), names.to_vec()));
                }
            }
        }
        found
    }

    /// The group's text with e-mail addresses and URLs blanked out (a name
    /// inside `www.microsoft.com` does not name Microsoft).
    fn group_text_without_contacts(&self, lang: Lang, ids: &[usize]) -> String {
        let mut out = String::new();
        for &id in ids {
            let body = self.clauses(lang)[id].body_text();
            let mut last = 0;
            for a in self.anchors(lang, id) {
                if matches!(a.kind, AnchorKind::Email | AnchorKind::Url)
                    && a.start >= last
                    && a.end <= body.len()
                {
                    out.push_str(&body[last..a.start]);
                    out.push(' ');
                    last = a.end;
                }
            }
            out.push_str(&body[last..]);
            out.push(' ');
        }
        out
    }

    fn tokens(&self, lang: Lang, id: usize) -> &[Token] {
        let all = match lang {
            Lang::Zh => &self.zh_tokens,
            Lang::En => &self.en_tokens,
        };
        all.get(id).map_or(&[], Vec::as_slice)
    }

    /// The first content words after a cue: what it negates or qualifies
    /// (other cues in between, as in 将无法, are skipped).
    fn scope(&self, lang: Lang, id: usize, cue: &Anchor) -> Vec<&Token> {
        let reach = cue.end + 2 * cue_window(lang);
        let anchors = self.all_anchors(lang, id);
        let body = self.clauses(lang)[id].body_text();
        // Cues, names and values say nothing about what is negated; nor do
        // single characters and connectives (时, 根据).
        let skip = |t: &Token| {
            anchors.iter().any(|a| {
                !matches!(a.kind, AnchorKind::Number | AnchorKind::Date)
                    && a.start < t.end
                    && t.start < a.end
            }) || (lang == Lang::Zh && {
                let w = &body[t.start..t.end];
                w.chars().count() < 2 || SCOPE_STOP_ZH.contains(&w)
            })
        };
        self.tokens(lang, id)
            .iter()
            .filter(|t| t.start >= cue.end && t.start <= reach && !skip(t))
            .take(3)
            .collect()
    }

    /// What the other side does with the words `cue` governs: finds them
    /// through shared keys and collects the cues of `kind` standing just
    /// before them.
    fn link(
        &self,
        lang: Lang,
        id: usize,
        cue: &Anchor,
        other_ids: &[usize],
        kind: AnchorKind,
    ) -> Link {
        let scope = self.scope(lang, id, cue);
        if scope.is_empty() {
            return Link::Unresolved;
        }
        // Look in the clauses aligned with this one first: a word of the
        // same meaning elsewhere in a long paragraph may be another sentence.
        let partners: Vec<usize> = self
            .partners(lang, id)
            .into_iter()
            .filter(|p| other_ids.contains(p))
            .collect();
        let pools: [&[usize]; 2] = [&partners, other_ids];
        let other = lang.other();
        // The first governed word the other side translates decides.
        for word in &scope {
            for pool in pools {
                let mut places = Vec::new();
                for &oid in pool {
                    let body = self.clauses(other)[oid].body_text();
                    for t in self.tokens(other, oid) {
                        if !share(&word.keys, &t.keys) {
                            continue;
                        }
                        let mut governing = Vec::new();
                        let window = cue_window(other);
                        if kind == AnchorKind::Negation {
                            // A word that negates by meaning, on the word itself
                            // or just before it ("disable access", "irrevocable
                            // licence").
                            let negative = self.tokens(other, oid).iter().find(|w| {
                                w.start <= t.start
                                    && t.start - w.start <= window
                                    && (self.negative_word(other, &body[w.start..w.end])
                                        || opts_out(body, w.start, w.end))
                            });
                            if let Some(w) = negative {
                                governing.push((
                                    AnchorValue::Polarity,
                                    body[w.start..w.end].to_string(),
                                ));
                            }
                        }
                        for a in self.anchors(other, oid) {
                            if a.kind == kind && a.end <= t.start && t.start - a.end <= window {
                                governing.push((a.value.clone(), a.surface.clone()));
                            }
                        }
                        places.push(governing);
                    }
                }
                if !places.is_empty() {
                    return Link::Governed(places);
                }
            }
        }
        Link::Unresolved
    }

    /// Whether a word negates by its meaning (disable, 禁止).
    fn negative_word(&self, lang: Lang, word: &str) -> bool {
        match lang {
            Lang::En => {
                let lower = word.to_lowercase();
                let stem = crate::lexicon::stem_en(&lower);
                // "un" before a word the lexicon knows negates it
                // (unlicensed, uncontested, unaccompanied); "under", "unit",
                // "union", "unique" are no such words.
                NEGATIVE_WORDS.iter().any(|n| stem.starts_with(n))
                    || (lower.len() >= 6
                        && lower.starts_with("un")
                        && self.lex.en_word_id(&lower[2..]).is_some())
            }
            Lang::Zh => [
                "禁止", "拒绝", "阻止", "防止", "停止", "排除", "避免", "撤销", "禁用", "删除",
                "反对", "限制",
            ]
            .iter()
            .any(|w| word.contains(w)),
        }
    }

    /// Clauses of the other language aligned with clause `id`.
    fn partners(&self, lang: Lang, id: usize) -> Vec<usize> {
        let index = match lang {
            Lang::Zh => &self.zh_pair,
            Lang::En => &self.en_pair,
        };
        index
            .get(id)
            .and_then(|&k| self.report.pairs.get(k))
            .map(|p| match lang {
                Lang::Zh => p.en.clone(),
                Lang::En => p.zh.clone(),
            })
            .unwrap_or_default()
    }

    /// Negation cues of clauses.
    fn negations(&self, lang: Lang, ids: &[usize]) -> Vec<(usize, String, Option<Anchor>)> {
        let mut out = Vec::new();
        for &id in ids {
            for a in self
                .anchors(lang, id)
                .into_iter()
                .filter(|a| a.kind == AnchorKind::Negation)
            {
                out.push((id, a.surface.clone(), Some(a.clone())));
            }
        }
        out
    }

    /// Negation: within an aligned pair one side negates more often than
    /// the other (the line group agreeing), and the extra cue does not
    /// govern a word the other side negates too.
    fn polarity(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        let gz = self.negations(Lang::Zh, &group.zh).len();
        let ge = self.negations(Lang::En, &group.en).len();
        for pair in self.pairs_in(group) {
            let zn = self.negations(Lang::Zh, &pair.zh);
            let en = self.negations(Lang::En, &pair.en);
            if zn.len() == en.len() || (zn.len() > en.len()) != (gz > ge) || gz == ge {
                continue;
            }
            let (more_lang, more, fewer, theirs) = if zn.len() > en.len() {
                (Lang::Zh, &zn, &en, &pair.en)
            } else {
                (Lang::En, &en, &zn, &pair.zh)
            };
            // Cues whose governed word the other side negates as well are
            // accounted for; the difference must remain after them.
            let unaccounted: Vec<&(usize, String, Option<Anchor>)> = more
                .iter()
                .filter(|(id, _, cue)| match cue {
                    Some(c) => match self.link(more_lang, *id, c, theirs, AnchorKind::Negation) {
                        Link::Governed(places) => places.iter().all(Vec::is_empty),
                        Link::Unresolved => true,
                    },
                    None => true,
                })
                .collect();
            if unaccounted.len() < more.len() - fewer.len() {
                continue;
            }
            let Some((id, surface, cue)) = unaccounted.first() else {
                continue;
            };
            let word = cue
                .as_ref()
                .and_then(|c| self.scope(more_lang, *id, c).first().map(|t| (c, *t)))
                .map(|(_, t)| self.clauses(more_lang)[*id].body_text()[t.start..t.end].to_string());
            let negated = match word {
                Some(w) => format!("{surface}…{w}"),
                None => surface.clone(),
            };
            let (zh, en, zh_value, en_value) = match more_lang {
                Lang::Zh => (vec![*id], pair.en.clone(), Some(negated.clone()), None),
                Lang::En => (pair.zh.clone(), vec![*id], None, Some(negated.clone())),
            };
            out.push(Finding {
                kind: FindingKind::Negation,
                severity: Severity::Error,
                zh,
                en,
                zh_value,
                en_value,
                message: format!(
                    "negation differs: the {} version negates «{negated}», the {} version does not ({} negation{} vs {})",
                    lang_name(more_lang),
                    lang_name(more_lang.other()),
                    more.len(),
                    if more.len() == 1 { "" } else { "s" },
                    fewer.len()
                ),
            });
            return;
        }
    }

    /// The aligned pairs whose clauses lie in a line group, in order. Each
    /// such pair holds a Chinese clause of the group, so only those pairs
    /// are looked at (not every pair of the document per group).
    fn pairs_in<'g>(
        &'g self,
        group: &'g AlignedPair,
    ) -> impl Iterator<Item = &'g AlignedPair> + 'g {
        let mut ks: Vec<usize> = group
            .zh
            .iter()
            .filter_map(|&z| self.zh_pair.get(z).copied())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        ks.into_iter()
            .filter_map(|k| self.report.pairs.get(k))
            .filter(move |p| {
                !p.zh.is_empty()
                    && !p.en.is_empty()
                    && p.score >= self.params.min_cue_score
                    && p.zh.iter().all(|z| group.zh.contains(z))
                    && p.en.iter().all(|e| group.en.contains(e))
            })
    }

    /// Modal strengths of clauses: (cue, strength) for cues with one.
    fn modal_cues(&self, lang: Lang, ids: &[usize]) -> Vec<(usize, Anchor, u8)> {
        let mut out = Vec::new();
        for &id in ids {
            let body = self.clauses(lang)[id].body_text();
            for a in self.anchors(lang, id) {
                // 方可/才可 ("only then may") states a condition, like "must
                // be ... to": not a permission to compare.
                let conditional = lang == Lang::Zh
                    && a.surface.starts_with('可')
                    && body
                        .get(..a.start)
                        .is_some_and(|b| b.ends_with('方') || b.ends_with('才'));
                // 会 alone reads as "will", "would", "can" or plain present,
                // but 不会/绝不会 is the firm promise "will not"/"will never".
                let promise_not = lang == Lang::Zh
                    && matches!(a.value, AnchorValue::Modality(Modality::Future))
                    && (a.surface.ends_with("不会")
                        || a.surface == "会"
                            && body.get(..a.start).is_some_and(|b| b.ends_with('不')));
                // "may not"/"may never" forbids, or only allows that something
                // does not happen: weaker than a promise "will not" (it never
                // matches a Chinese prohibition 不得, which has no strength).
                let possibly_not = lang == Lang::En
                    && matches!(a.value, AnchorValue::Modality(Modality::Prohibition))
                    && {
                        let s = a.surface.to_lowercase();
                        s.starts_with("may ") || s.starts_with("might ")
                    };
                let strength = if promise_not {
                    Some(2)
                } else if possibly_not {
                    Some(1)
                } else {
                    cue_strength(lang, &a.value, &a.surface)
                };
                if a.kind == AnchorKind::Modal
                    && !conditional
                    && let Some(l) = strength
                {
                    out.push((id, a.clone(), l));
                }
            }
        }
        out
    }

    /// Modality: within an aligned pair one side permits (may, 可以) where
    /// the other obliges (must, shall, will, 应当, 将), or states as fact
    /// what the other only calls possible; cues whose governed word the other
    /// side qualifies with the same strength are accounted for.
    fn modality(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        for pair in self.pairs_in(group) {
            let zc = self.modal_cues(Lang::Zh, &pair.zh);
            let ec = self.modal_cues(Lang::En, &pair.en);
            let count = |cs: &[(usize, Anchor, u8)], l: u8| cs.iter().filter(|c| c.2 == l).count();
            let (zp, zs) = (count(&zc, 1), count(&zc, 2));
            let (ep, es) = (count(&ec, 1), count(&ec, 2));
            let has_modal = |lang: Lang, ids: &[usize]| {
                ids.iter().any(|&id| {
                    self.anchors(lang, id)
                        .iter()
                        .any(|a| a.kind == AnchorKind::Modal)
                })
            };
            // Only the explicit "must" counts: "shall", "should", 应, 需要 are
            // often left implicit by translators of legal text.
            let is_obligation = |c: &(usize, Anchor, u8)| {
                c.2 == 2
                    && matches!(c.1.value, AnchorValue::Modality(Modality::Obligation))
                    && matches!(
                        c.1.surface.to_lowercase().as_str(),
                        "must" | "必须" | "务必"
                    )
            };
            let lone_obligation = (zc.iter().any(is_obligation) && !has_modal(Lang::En, &pair.en))
                || (ec.iter().any(is_obligation) && !has_modal(Lang::Zh, &pair.zh));
            if zp == ep && (zs == es || zp == 0) && !lone_obligation {
                // Same permissions; a "will" more or less alone is style.
                continue;
            }
            // Cues of a side that the other side does not mirror.
            let unmirrored = |lang: Lang,
                              cs: &[(usize, Anchor, u8)],
                              theirs: &[usize]|
             -> Vec<(usize, Anchor, u8)> {
                cs.iter()
                    .filter(
                        |(id, a, l)| match self.link(lang, *id, a, theirs, AnchorKind::Modal) {
                            Link::Governed(places) => !places.iter().any(|p| {
                                p.iter().any(|(v, surface)| {
                                    cue_strength(lang.other(), v, surface) == Some(*l)
                                })
                            }),
                            Link::Unresolved => true,
                        },
                    )
                    .cloned()
                    .collect()
            };
            // Direct evidence first: a cue whose governed word the other side
            // qualifies, everywhere it translates it, with the other strength.
            for (lang, cues, theirs) in [(Lang::Zh, &zc, &pair.en), (Lang::En, &ec, &pair.zh)] {
                for (id, a, l) in cues.iter() {
                    let Link::Governed(places) = self.link(lang, *id, a, theirs, AnchorKind::Modal)
                    else {
                        continue;
                    };
                    let strengths: Vec<Vec<(u8, String)>> = places
                        .iter()
                        .map(|p| {
                            p.iter()
                                .filter_map(|(v, surface)| {
                                    Some((cue_strength(lang.other(), v, surface)?, surface.clone()))
                                })
                                .collect()
                        })
                        .collect();
                    let contradicted = strengths
                        .iter()
                        .all(|p| !p.is_empty() && !p.iter().any(|(x, _)| x == l));
                    if !contradicted {
                        continue;
                    }
                    let Some((_, other_surface)) = strengths.first().and_then(|p| p.first()) else {
                        continue;
                    };
                    let zh_level = if lang == Lang::Zh {
                        *l
                    } else {
                        strengths[0][0].0
                    };
                    let weaker = if zh_level > 1 { "English" } else { "Chinese" };
                    let (zs_, es_) = match lang {
                        Lang::Zh => (a.surface.clone(), other_surface.clone()),
                        Lang::En => (other_surface.clone(), a.surface.clone()),
                    };
                    let (zh, en) = match lang {
                        Lang::Zh => (vec![*id], pair.en.clone()),
                        Lang::En => (pair.zh.clone(), vec![*id]),
                    };
                    out.push(Finding {
                        kind: FindingKind::Modality,
                        severity: Severity::Error,
                        zh,
                        en,
                        zh_value: Some(zs_.clone()),
                        en_value: Some(es_.clone()),
                        message: format!(
                            "obligation weakened in the {weaker} version: {zs_} (zh) vs {es_} (en)"
                        ),
                    });
                    return;
                }
            }
            let zu = unmirrored(Lang::Zh, &zc, &pair.en);
            let eu = unmirrored(Lang::En, &ec, &pair.zh);
            let pick = |cs: &[(usize, Anchor, u8)], l: u8| cs.iter().find(|c| c.2 == l).cloned();
            // Substitution: permission on one side, obligation on the other.
            // The version with the permission is the weaker one.
            let swap = if zp > ep && es > zs {
                pick(&zu, 1)
                    .zip(pick(&eu, 2))
                    .map(|(z, e)| (z, e, "Chinese"))
            } else if ep > zp && zs > es {
                pick(&zu, 2)
                    .zip(pick(&eu, 1))
                    .map(|(z, e)| (z, e, "English"))
            } else {
                None
            };
            if let Some(((zid, za, _), (eid, ea, _), weaker)) = swap {
                out.push(Finding {
                    kind: FindingKind::Modality,
                    severity: Severity::Error,
                    zh: vec![zid],
                    en: vec![eid],
                    zh_value: Some(za.surface.clone()),
                    en_value: Some(ea.surface.clone()),
                    message: format!(
                        "obligation weakened in the {weaker} version: {} (zh) vs {} (en)",
                        za.surface, ea.surface
                    ),
                });
                return;
            }
            // A possibility (may, 可能) on one side only, the other side
            // stating the same as fact or as an obligation.
            let possibility = |a: &Anchor| {
                matches!(
                    a.surface.to_lowercase().as_str(),
                    "may" | "might" | "可能" | "或许" | "也许"
                )
            };
            // A modal cue of one side only: the finding names the cue's
            // clause and the whole other side of the pair.
            let one_sided = |lang: Lang, id: usize, a: &Anchor, theirs: &[usize], what: String| {
                let (zh, en, zv, ev) = match lang {
                    Lang::Zh => (vec![id], theirs.to_vec(), Some(a.surface.clone()), None),
                    Lang::En => (theirs.to_vec(), vec![id], None, Some(a.surface.clone())),
                };
                Finding {
                    kind: FindingKind::Modality,
                    severity: Severity::Warning,
                    zh,
                    en,
                    zh_value: zv,
                    en_value: ev,
                    message: what,
                }
            };
            // "would" is a future in reported speech (it counts as firm)
            // but also a condition: "可能导致" is "would make". A side that
            // says "would" therefore does not state firmly what the other
            // only calls possible.
            let hedged = |lang: Lang, ids: &[usize]| {
                lang == Lang::En
                    && ids.iter().any(|&id| {
                        self.anchors(lang, id).iter().any(|a| {
                            a.kind == AnchorKind::Modal && a.surface.eq_ignore_ascii_case("would")
                        })
                    })
            };
            for (lang, mine, n_mine, n_theirs, theirs) in [
                (Lang::Zh, &zu, zp, ep, &pair.en),
                (Lang::En, &eu, ep, zp, &pair.zh),
            ] {
                if n_mine <= n_theirs || hedged(lang.other(), theirs) {
                    continue;
                }
                let Some((id, a, _)) = mine.iter().find(|(id, a, l)| {
                    *l == 1
                        && possibility(a)
                        && !(lang == Lang::En
                            && formulaic_may(self.clauses(lang)[*id].body_text(), a))
                }) else {
                    continue;
                };
                let what = format!(
                    "possibility only in the {} version: «{}» qualifies what the {} version states firmly",
                    lang_name(lang),
                    a.surface,
                    lang_name(lang.other())
                );
                out.push(one_sided(lang, *id, a, theirs, what));
                return;
            }
            // An explicit obligation (must, 必须) on one side only, the
            // other side using no modal at all.
            for (lang, mine, theirs) in [(Lang::Zh, &zu, &pair.en), (Lang::En, &eu, &pair.zh)] {
                if has_modal(lang.other(), theirs) {
                    continue;
                }
                let Some((id, a, _)) = mine.iter().find(|c| is_obligation(c)) else {
                    continue;
                };
                let what = format!(
                    "obligation only in the {} version: «{}» has no counterpart in the {} version",
                    lang_name(lang),
                    a.surface,
                    lang_name(lang.other())
                );
                out.push(one_sided(lang, *id, a, theirs, what));
                return;
            }
        }
    }

    /// Section numbers: aligned items numbered differently (`2.` vs `3.`).
    /// Within a pair, each numbered clause looks for a clause of the other
    /// side with the same number; one left over on both sides is a changed
    /// number, one left over on one side only (in a merged pair) an item
    /// the other version does not have.
    fn labels(&self, out: &mut Vec<Finding>) {
        let numbered = |lang: Lang, ids: &[usize]| -> Vec<(usize, Vec<u32>)> {
            ids.iter()
                .filter_map(|&id| {
                    let c = &self.clauses(lang)[id];
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
        for pair in &self.report.pairs {
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
                        self.numbered_omission(lang, *id, out);
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
                let zc = &self.report.zh[z];
                if let Some(&e) = left_en.get(k) {
                    let ec = &self.report.en[e];
                    let (zv, ev) = (label(zc), label(ec));
                    out.push(Finding {
                        kind: FindingKind::Number,
                        severity: Severity::Warning,
                        zh: vec![z],
                        en: vec![e],
                        zh_value: Some(zv.clone()),
                        en_value: Some(ev.clone()),
                        message: format!("section number differs: {zv} (zh) vs {ev} (en)"),
                    });
                } else if pair.zh.len() > 1 {
                    self.numbered_omission(Lang::Zh, z, out);
                }
            }
            if left_en.len() > left_zh.len() && pair.en.len() > 1 {
                for &e in &left_en[left_zh.len()..] {
                    self.numbered_omission(Lang::En, e, out);
                }
            }
        }
    }

    /// A numbered item merged into a pair whose other side has no item with
    /// its number: the other version does not have it.
    fn numbered_omission(&self, lang: Lang, id: usize, out: &mut Vec<Finding>) {
        if self.silenced.borrow().contains_key(&(lang, id)) {
            return;
        }
        self.silence(lang, id, (0, usize::MAX));
        let clause = &self.clauses(lang)[id];
        out.push(self.finding_for(
            lang,
            id,
            FindingKind::Omission,
            Severity::Warning,
            format!(
                "item has no {} counterpart: {}",
                lang_name(lang.other()),
                quote(&clause.text)
            ),
        ));
    }

    /// Text inside an aligned clause that the other side does not translate
    /// at all: a run of content words none of which finds a partner (a
    /// sentence added to one version without its own punctuation). A run on
    /// both sides is a free translation the lexicon does not follow, not an
    /// addition, and is not reported.
    fn untranslated(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        let runs = |lang: Lang| -> Vec<(usize, Unmatched)> {
            let (mine, theirs) = match lang {
                Lang::Zh => (&group.zh, &group.en),
                Lang::En => (&group.en, &group.zh),
            };
            let mut other_keys: Vec<u32> = theirs
                .iter()
                .flat_map(|&oid| {
                    self.tokens(lang.other(), oid)
                        .iter()
                        .flat_map(|t| t.keys.iter().copied())
                })
                .collect();
            other_keys.sort_unstable();
            other_keys.dedup();
            // Indexed only when a clause has several sentences to weigh.
            let indexed = std::cell::OnceCell::new();
            let other = || {
                indexed.get_or_init(|| {
                    OtherWords::new(
                        theirs
                            .iter()
                            .flat_map(|&oid| self.tokens(lang.other(), oid)),
                    )
                })
            };
            mine.iter()
                .map(|&id| {
                    if self.silenced.borrow().contains_key(&(lang, id)) {
                        return (id, Unmatched::default());
                    }
                    (id, self.longest_unmatched(lang, id, &other_keys, &other))
                })
                .collect()
        };
        let zh = runs(Lang::Zh);
        let en = runs(Lang::En);
        let longest = |rs: &[(usize, Unmatched)]| {
            rs.iter()
                .filter_map(|(_, r)| r.longest.map(|r| r.2))
                .max()
                .unwrap_or(0)
        };
        let (zh_max, en_max) = (longest(&zh), longest(&en));
        for (lang, rs, other_max) in [(Lang::Zh, &zh, en_max), (Lang::En, &en, zh_max)] {
            let min_run = match lang {
                Lang::Zh => self.params.untranslated_run_zh,
                Lang::En => self.params.untranslated_run,
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
                    .filter(|&(_, _, unmatched, considered, after)| {
                        let trailing = after <= 1 && unmatched > min_run;
                        !(unmatched < min_run
                            || (!trailing && other_max >= (unmatched / 2).max(4))
                            || (lang == Lang::Zh && unmatched * 2 < considered && !trailing))
                    })
                    .map(|(start, end, ..)| (start, end))
                    .or(candidates.sentence);
                let Some((start, end)) = reported else {
                    continue;
                };
                self.silence(lang, id, (start, end));
                let body = self.clauses(lang)[id].body_text();
                let start = start
                    + (body[start..end].len()
                        - body[start..end]
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                            .len());
                out.push(self.finding_for(
                    lang,
                    id,
                    FindingKind::Omission,
                    Severity::Warning,
                    format!(
                        "text not translated in the {} version: {}",
                        lang_name(lang.other()),
                        quote(&body[start..end])
                    ),
                ));
            }
        }
    }

    /// The longest stretch of a clause's content words that `other_keys`
    /// does not translate, letting one matched word inside (a common word
    /// such as "information" that happens to occur on the other side too),
    /// and a whole sentence of it that the other side barely translates.
    fn longest_unmatched<'o>(
        &self,
        lang: Lang,
        id: usize,
        other_keys: &[u32],
        other: &dyn Fn() -> &'o OtherWords,
    ) -> Unmatched {
        let body = self.clauses(lang)[id].body_text();
        // A note in the other language ("(The English version is below.)")
        // is about the document, not part of it.
        let asides = SpanSet::new(crate::features::foreign_asides(body, lang));
        let toks: Vec<&Token> = self
            .tokens(lang, id)
            .iter()
            .filter(|t| !asides.holds(t.start))
            .collect();
        // Values, contacts and names are checked on their own: they count as
        // matched here.
        let valued = SpanSet::new(
            self.all_anchors(lang, id)
                .iter()
                .filter(|a| !matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal))
                .map(|a| (a.start, a.end))
                .collect(),
        );
        // Negation and modal cues are compared on their own: they neither
        // count towards a run nor break it.
        let cues = SpanSet::new(
            self.all_anchors(lang, id)
                .iter()
                .filter(|a| matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal))
                .map(|a| (a.start, a.end))
                .collect(),
        );
        // Chinese words the lexicon does not know (a transliterated name
        // such as 木兰) say nothing either way.
        let toks: Vec<&Token> = toks
            .into_iter()
            .filter(|t| !cues.overlaps(t.start, t.end))
            .filter(|t| {
                lang == Lang::En || (t.known && !FUNCTION_ZH.contains(&&body[t.start..t.end]))
            })
            .collect();
        let matched: Vec<bool> = toks
            .iter()
            .map(|t| {
                let word = &body[t.start..t.end];
                t.keys
                    .iter()
                    .any(|key| other_keys.binary_search(key).is_ok())
                    || valued.overlaps(t.start, t.end)
                    || word.chars().all(|c| c.is_ascii_digit())
                    || body[t.end..].starts_with('@')
                    || body[..t.start].ends_with('@')
            })
            .collect();
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
            let run = (
                from,
                toks[hi].end,
                unmatched,
                toks.len(),
                toks.len() - hi - 1,
            );
            if best.is_none_or(|(_, _, u, _, _)| unmatched > u) {
                best = Some(run);
            }
        }
        Unmatched {
            longest: best,
            sentence: lone_sentence(body, lang, &toks, &matched, other),
        }
    }
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

/// The words of the other side of a group, indexed by key.
struct OtherWords {
    /// For each key, the words (indices) that have it.
    by_key: FxHashMap<u32, Vec<usize>>,
}

impl OtherWords {
    fn new<'t>(words: impl Iterator<Item = &'t Token>) -> OtherWords {
        let mut by_key: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (o, t) in words.enumerate() {
            for &k in &t.keys {
                by_key.entry(k).or_default().push(o);
            }
        }
        OtherWords { by_key }
    }
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

/// Strength of a modal cue: 2 for obligation and firm future (must, shall,
/// will, would, 应当, 将), 1 for permission and possibility (may, can, 可以,
/// 可能); none for prohibition (the negation check covers it) and for
/// Chinese 会, which reads as "will", "would", "can" or plain present tense.
/// "would" is firm: in reported speech and in the forecasts of reports it
/// is the future ("the costs would be reduced" = 费用将降低). Where it is
/// a condition ("facts that would make them inaccurate" = 可能导致), a
/// possibility on the other side is not reported as missing (see
/// [`Context::modality`]), but a permission against it still is.
fn cue_strength(lang: Lang, value: &AnchorValue, surface: &str) -> Option<u8> {
    let AnchorValue::Modality(m) = value else {
        return None;
    };
    match m {
        Modality::Prohibition => None,
        Modality::Permission => Some(1),
        Modality::Obligation => Some(2),
        Modality::Future => match lang {
            Lang::Zh if surface.ends_with('会') && !surface.contains('将') => None,
            Lang::En if surface.eq_ignore_ascii_case("would") => Some(2),
            _ => Some(2),
        },
    }
}

fn contact_kind(kind: AnchorKind) -> &'static str {
    match kind {
        AnchorKind::Email => "e-mail address",
        AnchorKind::Url => "web address",
        AnchorKind::Phone => "phone number",
        _ => "contact",
    }
}

/// What a pair of differing values is, for messages ("period", "date", ...).
fn describe_value(a: &AnchorValue, b: &AnchorValue) -> &'static str {
    use crate::anchors::Role;
    match (a, b) {
        (AnchorValue::Date { .. }, AnchorValue::Date { .. }) => "date",
        (AnchorValue::Version(_), _) | (_, AnchorValue::Version(_)) => "version",
        (AnchorValue::Quantity { role: r1, .. }, AnchorValue::Quantity { role: r2, .. })
            if r1 == r2 =>
        {
            match r1 {
                Role::Period => "period",
                Role::Age => "age",
                Role::Percent => "percentage",
                Role::Money => "amount",
                Role::Ordinal => "reference",
                Role::Fraction => "fraction",
                Role::Multiple => "multiple",
                Role::Size => "size",
                Role::Count => "number",
            }
        }
        _ => "number",
    }
}

/// Anchors of each side whose value the other side lacks (multisets by
/// point key; a range matches its two ends written apart).
fn unmatched<'b>(
    zh: &[(usize, &'b Anchor)],
    en: &[(usize, &'b Anchor)],
) -> (Vec<Located<'b>>, Vec<Located<'b>>) {
    let mut en_keys: BTreeMap<String, usize> = BTreeMap::new();
    for (_, a) in en {
        for k in a.value.point_keys() {
            *en_keys.entry(k).or_insert(0) += 1;
        }
    }
    let mut zh_keys: BTreeMap<String, usize> = BTreeMap::new();
    for (_, a) in zh {
        for k in a.value.point_keys() {
            *zh_keys.entry(k).or_insert(0) += 1;
        }
    }
    let take = |keys: &mut BTreeMap<String, usize>, a: &Anchor| -> bool {
        let ks = a.value.point_keys();
        if ks.iter().all(|k| keys.get(k).copied().unwrap_or(0) > 0) {
            for k in &ks {
                if let Some(c) = keys.get_mut(k) {
                    *c -= 1;
                }
            }
            true
        } else {
            false
        }
    };
    let zh_only: Vec<_> = zh
        .iter()
        .filter(|(_, a)| !take(&mut en_keys, a))
        .copied()
        .collect();
    let en_only: Vec<_> = en
        .iter()
        .filter(|(_, a)| !take(&mut zh_keys, a))
        .copied()
        .collect();
    (zh_only, en_only)
}

/// Remove pairs of left-over quantities with the same number where one side
/// writes no unit: `七十六亿` against `NT$7.6 billion`, `15` against `15
/// days`. The translator left the unit implicit; the number is the same.
/// So is a number without unit on both sides read in different roles:
/// `附件一` (a reference) against `Attachment 1`, `两倍` against `2`. (Two
/// different units, `6个月` against `6 years`, stay a difference.)
fn drop_unit_only_differences<'b>(
    zh: Vec<Located<'b>>,
    en: Vec<Located<'b>>,
) -> (Vec<Located<'b>>, Vec<Located<'b>>) {
    use crate::anchors::Unit;
    // The number as quantity keys write it, and whether a unit is given.
    let plain = |a: &Anchor| match a.value {
        AnchorValue::Quantity {
            value, unit, bound, ..
        } if !matches!(bound, crate::anchors::Bound::Range(..)) => {
            Some((format!("{value}"), unit != Unit::None))
        }
        _ => None,
    };
    // English values by number and unit presence, in order: one hash
    // look-up per Chinese value keeps this linear when thousands are left.
    let mut queues: FxHashMap<(String, bool), VecDeque<usize>> = FxHashMap::default();
    for (k, (_, b)) in en.iter().enumerate() {
        if let Some(key) = plain(b) {
            queues.entry(key).or_default().push_back(k);
        }
    }
    let mut en_used = vec![false; en.len()];
    let zh: Vec<Located<'b>> = zh
        .into_iter()
        .filter(|(_, a)| {
            let partner = plain(a).and_then(|(v, has_unit)| {
                // Prefer the partner that supplies the missing unit.
                if let Some(k) = queues
                    .get_mut(&(v.clone(), !has_unit))
                    .and_then(VecDeque::pop_front)
                {
                    return Some(k);
                }
                if has_unit {
                    return None;
                }
                queues.get_mut(&(v, false)).and_then(VecDeque::pop_front)
            });
            match partner {
                Some(k) => {
                    en_used[k] = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    let en = en
        .into_iter()
        .zip(en_used)
        .filter(|(_, used)| !used)
        .map(|(e, _)| e)
        .collect();
    (zh, en)
}

/// Pair up differing values: dates with dates, quantities with quantities
/// of the same unit where possible, in order.
fn pair_up<'b>(
    zh: &[(usize, &'b Anchor)],
    en: &[(usize, &'b Anchor)],
) -> Vec<(Located<'b>, Located<'b>)> {
    /// What a value must share with its partner: its sort (a date, a
    /// quantity of one unit, a version, a code), or else, for quantities,
    /// the number ("6个月" vs "6 years").
    #[derive(PartialEq, Eq, Hash)]
    enum Sort {
        Date,
        Quantity(Unit),
        Version,
        Code,
    }
    let sort = |a: &Anchor| match &a.value {
        AnchorValue::Date { .. } => Some(Sort::Date),
        AnchorValue::Quantity { unit, .. } => Some(Sort::Quantity(unit.comparable())),
        AnchorValue::Version(_) => Some(Sort::Version),
        AnchorValue::Code(_) => Some(Sort::Code),
        _ => None,
    };
    // Equal numbers hash alike (0.0 = -0.0); NaN equals nothing.
    let number = |a: &Anchor| match a.value {
        AnchorValue::Quantity { value, .. } if !value.is_nan() => {
            Some(if value == 0.0 { 0 } else { value.to_bits() })
        }
        _ => None,
    };
    // English values of each sort and of each number, in order: the first
    // unused one is the partner. Queues instead of a scan from the start
    // for every Chinese value keep this linear when thousands differ.
    let mut by_sort: FxHashMap<Sort, VecDeque<usize>> = FxHashMap::default();
    let mut by_number: FxHashMap<u64, VecDeque<usize>> = FxHashMap::default();
    for (k, (_, ea)) in en.iter().enumerate() {
        if let Some(s) = sort(ea) {
            by_sort.entry(s).or_default().push_back(k);
        }
        if let Some(v) = number(ea) {
            by_number.entry(v).or_default().push_back(k);
        }
    }
    let first_unused = |queue: Option<&mut VecDeque<usize>>, used: &[bool]| {
        let queue = queue?;
        while let Some(&k) = queue.front() {
            if !used[k] {
                return Some(k);
            }
            queue.pop_front();
        }
        None
    };
    let mut used = vec![false; en.len()];
    let mut out = Vec::new();
    for &(zid, za) in zh {
        let k = first_unused(sort(za).and_then(|s| by_sort.get_mut(&s)), &used)
            .or_else(|| first_unused(number(za).and_then(|v| by_number.get_mut(&v)), &used));
        if let Some(k) = k {
            used[k] = true;
            out.push(((zid, za), en[k]));
        }
    }
    out
}

/// Chinese forms of an English name the lexicon knows: the whole name, or
/// else its first word when that is a proper name of at least four letters
/// (Tencent Cloud → 腾讯). Built once from the lexicon's entity table.
fn chinese_forms(name: &str) -> Option<&'static [String]> {
    static FORMS: std::sync::OnceLock<FxHashMap<String, Vec<String>>> = std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut map: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (zh, names) in Lexicon::builtin().entities() {
            for n in names {
                if n.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    map.entry(fold(n)).or_default().push(zh.to_string());
                }
            }
        }
        map
    });
    let key = fold(name);
    if let Some(v) = forms.get(&key) {
        return Some(v);
    }
    let first = key.split(' ').next()?;
    if first.len() >= 4 && !crate::anchors::is_common_english_word(first) && key.contains(' ') {
        return forms.get(first).map(Vec::as_slice);
    }
    None
}

/// Lower case, with runs of non-alphanumerics folded to one space.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut prev_han = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            // A change of script is a word boundary ("Yi系列" = "yi 系列").
            let han = crate::lang::is_han(c);
            if !space && han != prev_han {
                out.push(' ');
            }
            prev_han = han;
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

/// Whether `s` is a dotted initialism such as "J.P." or "C.B.E." (the
/// last dot may be missing: "K.C.M.G").
fn is_dotted_initialism(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    s.contains('.')
        && s.split('.').all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_ascii_uppercase())
        })
}

/// Whether a name and the other side's text are an acronym and its
/// expansion: the name sits in a run of capitalised words whose initials
/// the other side writes as one word ("Digital Millennium Copyright Act"
/// against "DMCA"), or the name is such an acronym and the other side
/// writes the run ("GDPR" against "General Data Protection Regulation").
/// `text` is the clause body holding `name`.
fn acronym_matches(text: &str, name: &Anchor, other: &str) -> bool {
    // The run around the name, on its own side.
    let own = capitalised_runs(text)
        .into_iter()
        .find(|(_, r)| r.start <= name.start && name.end <= r.end);
    if let Some((initials, _)) = own {
        let has_word = other
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == initials);
        if has_word {
            return true;
        }
    }
    // The name as an acronym of a run on the other side.
    let surface = name.surface.trim();
    let is_acronym =
        (2..=8).contains(&surface.len()) && surface.chars().all(|c| c.is_ascii_uppercase());
    is_acronym
        && capitalised_runs(other)
            .iter()
            .any(|(initials, _)| initials == surface)
}

/// Runs of at least two capitalised Latin words (small joining words such
/// as "of", "and", "the" allowed inside), with their initials in capitals
/// and their byte ranges. Punctuation other than spaces ends a run.
fn capitalised_runs(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    const JOINERS: &[&str] = &["of", "and", "for", "the", "on", "in", "to", "&"];
    let is_word_char = |c: char| c.is_ascii_alphanumeric() || c == '&' || c == '-';
    let mut out = Vec::new();
    let mut initials = String::new();
    let mut range = 0..0;
    let mut joiner = false;
    let mut flush = |initials: &mut String, range: &std::ops::Range<usize>| {
        if initials.len() >= 2 {
            out.push((std::mem::take(initials), range.clone()));
        }
        initials.clear();
    };
    let mut pos = 0;
    for piece in text.split_inclusive(|c: char| !is_word_char(c)) {
        let start = pos;
        pos += piece.len();
        let word = piece.trim_end_matches(|c: char| !is_word_char(c));
        let hard_break = !piece[word.len()..].chars().all(|c| c == ' ');
        let first = word.chars().next().unwrap_or(' ');
        if first.is_ascii_uppercase() {
            if initials.is_empty() {
                range = start..start;
            }
            initials.push(first);
            range.end = start + word.len();
            joiner = false;
        } else if !word.is_empty() && !initials.is_empty() && !joiner && JOINERS.contains(&word) {
            joiner = true;
        } else if !word.is_empty() {
            flush(&mut initials, &range);
            joiner = false;
        }
        if hard_break {
            flush(&mut initials, &range);
            joiner = false;
        }
    }
    flush(&mut initials, &range);
    out
}

/// Whether folded `haystack` contains `name` as whole words (case and
/// punctuation insensitive; a trailing plural or possessive "s" is allowed).
fn contains_name(haystack: &str, name: &str) -> bool {
    let needle = fold(name);
    if needle.is_empty() {
        return true;
    }
    let hay = format!(" {haystack} ");
    hay.contains(&format!(" {needle} ")) || hay.contains(&format!(" {needle}s ")) || {
        // "Cookies" in Chinese text vs "cookie" in English.
        needle.ends_with('s') && hay.contains(&format!(" {} ", &needle[..needle.len() - 1]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Source;
    use crate::pipeline::{DocumentInput, Options, analyze};
    use std::sync::Arc;

    /// Findings of one Chinese sentence against one English sentence:
    /// (kind, message).
    fn findings(zh: &str, en: &str) -> Vec<(FindingKind, String)> {
        let input = DocumentInput::Two {
            zh: Arc::new(Source::from_text("zh", zh)),
            en: Arc::new(Source::from_text("en", en)),
        };
        let report = analyze(&input, &Options::default()).expect("analyses");
        check(&report)
            .into_iter()
            .map(|f| (f.kind, f.message))
            .collect()
    }

    /// Findings of a document given as one clause per line.
    fn line_findings(zh: &str, en: &str) -> Vec<Finding> {
        let input = DocumentInput::Two {
            zh: Arc::new(Source::from_text("zh", zh)),
            en: Arc::new(Source::from_text("en", en)),
        };
        let options = Options {
            segment: crate::segment::SegmentMode::Lines,
            ..Options::default()
        };
        check(&analyze(&input, &options).expect("analyses"))
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

    #[test]
    fn a_reference_read_as_a_count_is_the_same_number() {
        let zh = "请填写附件一的登记表，并发送至我们的邮箱。";
        let en =
            "Please complete the registration form in Attachment 1 and send it to our mailbox.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let changed = findings(
            zh,
            "Please complete the registration form in Attachment 2 and send it to our mailbox.",
        );
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, FindingKind::Number);
    }

    #[test]
    fn would_is_a_firm_future() {
        // 将 ... "would": the reported future, not a weakened promise.
        let zh = "政府表示，该条例将于明年提交立法局审议。";
        let en = "The Government said that the Ordinance would be submitted to the Legislative Council next year.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        // 必须 made 可以 against that "would": a weakening.
        let weakened = findings("政府表示，该条例可以于明年提交立法局审议。", en);
        assert!(
            weakened.iter().any(|(k, _)| *k == FindingKind::Modality),
            "{weakened:?}"
        );
    }

    #[test]
    fn jiang_after_a_modal_marks_the_object() {
        // 可以将通知发送到 = "may send the notice to": 将 is no "will".
        let zh = "您也可以将通知发送到以下地址。";
        let en = "You may also send notices to the following address.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn an_acronym_names_what_it_abbreviates() {
        let en =
            "If you believe that content infringes your copyright, please send us a DMCA notice.";
        let zh = "如果您认为内容侵犯了您的版权，请向我们发送 DMCA 通知（依据 Digital Millennium Copyright Act 提出的通知）。";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let zh = "我们遵守 GDPR 关于个人数据的规定。";
        let en =
            "We comply with the rules of the General Data Protection Regulation on personal data.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        assert_eq!(
            capitalised_runs(
                "under the Digital Millennium Copyright Act, and the Law of Contracts"
            )
            .into_iter()
            .map(|(a, _)| a)
            .collect::<Vec<_>>(),
            vec!["DMCA", "LC"]
        );
    }

    #[test]
    fn honours_are_no_named_parties() {
        let found = line_findings(
            "李柱铭议员， Q.C., J.P.\n政务司廖本怀议员， C.B.E., J.P\n",
            "THE HONOURABLE MARTIN LEE CHU-MING, Q.C., J.P.\nSECRETARY FOR DISTRICT ADMINISTRATION\n",
        );
        assert!(found.is_empty(), "{found:?}");
        assert!(is_dotted_initialism("C.B.E."));
        assert!(!is_dotted_initialism("GDPR"));
        assert!(is_dotted_initialism("K.C.M.G"));
        assert!(!is_dotted_initialism("E.ON"));
        assert!(!is_dotted_initialism("P."));
    }

    #[test]
    fn un_before_a_known_word_negates() {
        let zh = "政府正设法杜绝无牌流动快餐车。";
        let en = "The Government is trying to stamp out unlicensed mobile fast food vans.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn a_polite_may_is_no_possibility() {
        let zh = "主席先生，请让我先交代一下有关这项问题的背景。";
        let en = "Sir, may I first set the problem in some sort of context.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn opting_out_negates() {
        let zh = "您可以随时在设置中选择不发送每日使用情况数据。";
        let en = "You can opt out of sending the daily usage data in your settings at any time.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let en = "You can opt in to sending the daily usage data in your settings at any time.";
        assert_eq!(
            findings(zh, en).first().map(|f| f.0),
            Some(FindingKind::Negation)
        );
    }

    #[test]
    fn a_unit_left_implicit_is_not_a_changed_number() {
        let zh = "政府已投入七十六亿，建设下水道。";
        let same = findings(zh, "The government has spent NT$7.6 billion on sewers.");
        assert!(same.is_empty(), "{same:?}");
        let changed = findings(
            "政府已投入七十六亿元，建设下水道。",
            "The government has spent NT$7.5 billion on sewers.",
        );
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, FindingKind::Number);
    }

    #[test]
    fn promise_not_against_may_not() {
        let zh = "我们绝不会因任何人行使其隐私权利而歧视任何人。";
        let weakened = findings(
            zh,
            "We may never discriminate against anyone for exercising their privacy rights.",
        );
        assert_eq!(weakened.len(), 1, "{weakened:?}");
        assert_eq!(weakened[0].0, FindingKind::Modality);
        assert!(weakened[0].1.contains("weakened in the English version"));
        // Faithful: "will never", and a prohibition against "may not".
        assert!(
            findings(
                zh,
                "We will never discriminate against anyone for exercising their privacy rights.",
            )
            .is_empty()
        );
        assert!(
            findings(
                "您不得将账户转让给他人。",
                "You may not transfer your account to others."
            )
            .is_empty()
        );
    }

    #[test]
    fn explicit_obligation_on_one_side_only() {
        let en = "We regularly back up our data to attempt to recover it after data loss.";
        let added = findings(
            "我们定期备份数据，以便在数据丢失后我们必须尝试恢复数据。",
            en,
        );
        assert!(
            added.iter().any(|(k, m)| *k == FindingKind::Modality
                && m.starts_with("obligation only in the Chinese version: «必须»")),
            "{added:?}"
        );
        assert!(findings("我们定期备份数据，以便在数据丢失后尝试恢复数据。", en).is_empty());
        // "shall" is often left implicit in Chinese legal text: not reported.
        assert!(
            findings(
                "本许可证受中华人民共和国法律管辖。",
                "This License shall be governed by the laws of the People's Republic of China."
            )
            .is_empty()
        );
    }

    #[test]
    fn folds_and_finds_names() {
        assert_eq!(fold("Google’s Analytics!"), "google s analytics");
        assert!(contains_name(
            &fold("We use Google Analytics."),
            "Google Analytics"
        ));
        assert!(contains_name(&fold("Cookie settings"), "Cookies"));
        assert!(!contains_name(&fold("We use Akamai."), "Google"));
        assert!(!contains_name(&fold("Googled it"), "Google"));
    }
}
