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
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::align::{AlignedPair, merge_shared_lines};
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Modality};
use crate::lang::{Lang, ScriptCounts};
use crate::lexicon::Lexicon;
use crate::pipeline::Report;
use crate::segment::{Clause, ClauseKind};

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
    /// A run of at least this many content words that the other side does
    /// not translate is reported as untranslated text.
    pub untranslated_run: usize,
}

impl Default for CheckParams {
    fn default() -> Self {
        CheckParams {
            unsupported: 0.12,
            unsupported_min_content: 12.0,
            omission_min_content: 2.0,
            untranslated_run: 6,
        }
    }
}

/// Findings for an analysed document, in document order.
pub fn check(report: &Report) -> Vec<Finding> {
    check_with(report, &CheckParams::default())
}

/// [`check`] with explicit thresholds.
pub fn check_with(report: &Report, params: &CheckParams) -> Vec<Finding> {
    let lex = Lexicon::global();
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
    /// Byte spans of clause bodies already reported as untranslated: their
    /// cues and values are not compared again (an added sentence is one
    /// omission, not also a negation and a modality finding).
    silenced: RefCell<FxHashMap<(Lang, usize), Vec<Span>>>,
}

/// A byte range in a clause body.
type Span = (usize, usize);

/// A value anchor and the clause it comes from.
type Located<'b> = (usize, &'b Anchor);

/// How far before a word a cue may stand and still govern it, in bytes
/// (about six Chinese characters, or four English words).
fn cue_window(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 24,
        Lang::En => 30,
    }
}

/// A cue on one side and what the other side does with the words it governs.
enum Link {
    /// The cue governs no word the other side translates: no evidence.
    Unresolved,
    /// The other side's word is governed by these cues (possibly none).
    Governed(Vec<AnchorValue>),
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
                for &id in mine {
                    let clause = &self.clauses(lang)[id];
                    let amount = content(clause.body_text());
                    let unsupported = !alone
                        && self.support(lang, id) < p.unsupported
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
        if zh_only.is_empty() || en_only.is_empty() {
            // One side has a value the other does not write at all: often a
            // translator's choice, or a value written in words the extractor
            // cannot read. Not reported.
            return;
        }
        // A value found in a neighbouring group is a sentence-boundary
        // difference, not a change.
        let near = |lang: Lang, key: &str| {
            neighbours.iter().flatten().any(|g| {
                let ids = if lang == Lang::Zh { &g.zh } else { &g.en };
                ids.iter().any(|&id| {
                    self.anchors(lang, id)
                        .iter()
                        .any(|a| is_value(a) && a.value.point_keys().iter().any(|k| k == key))
                })
            })
        };
        let zh_only: Vec<_> = zh_only
            .into_iter()
            .filter(|(_, a)| !a.value.point_keys().iter().any(|k| near(Lang::En, k)))
            .collect();
        let en_only: Vec<_> = en_only
            .into_iter()
            .filter(|(_, a)| !a.value.point_keys().iter().any(|k| near(Lang::Zh, k)))
            .collect();
        for ((zid, za), (eid, ea)) in pair_up(&zh_only, &en_only) {
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
        let near = |lang: Lang, key: &str| {
            neighbours.iter().flatten().any(|g| {
                let ids = if lang == Lang::Zh { &g.zh } else { &g.en };
                ids.iter().any(|&id| {
                    self.anchors(lang, id)
                        .iter()
                        .any(|a| is_contact(a) && a.key() == key)
                })
            })
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
                        kind: FindingKind::Contact,
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
        let is_name = |a: &Anchor| a.kind == AnchorKind::Name;
        let zh_names = self.group_anchors(Lang::Zh, &group.zh, is_name);
        let en_names = self.group_anchors(Lang::En, &group.en, is_name);
        // Latin-script names written in the Chinese text must appear in the
        // English text (names are rarely translated into other Latin words).
        let mut missing_zh: Vec<(usize, String)> = Vec::new();
        for &(zid, a) in &zh_names {
            if !contains_name(&en_folded, &a.surface) {
                missing_zh.push((zid, a.surface.clone()));
            }
        }
        // English names missing from the Chinese text: only evidence when
        // the Chinese text names someone else (names are often
        // transliterated, and the lexicon does not know every spelling).
        let mut missing_en: Vec<(usize, String)> = Vec::new();
        for &(eid, a) in &en_names {
            if !contains_name(&zh_folded, &a.surface) {
                missing_en.push((eid, a.surface.clone()));
            }
        }
        // Chinese names the lexicon knows (微软 = Microsoft) must appear in
        // English under one of their names; an English name the lexicon knows
        // in Chinese may stand for it.
        for (zid, zh_name, names) in self.known_entities(Lang::Zh, &group.zh) {
            if names.iter().any(|n| contains_name(&en_folded, n)) {
                let keys: Vec<String> = names.iter().map(|n| fold(n)).collect();
                missing_en.retain(|(_, e)| !keys.contains(&fold(e)));
            } else if !missing_en.is_empty() {
                missing_zh.push((zid, zh_name));
            }
        }
        if missing_zh.is_empty() {
            return;
        }
        missing_zh.dedup_by(|a, b| a.1 == b.1);
        missing_en.dedup_by(|a, b| a.1 == b.1);
        let n = missing_zh.len().max(missing_en.len());
        for k in 0..n {
            let z = missing_zh.get(k);
            let e = missing_en.get(k);
            let (severity, message) = match (z, e) {
                (Some((_, zn)), Some((_, en))) => (
                    Severity::Error,
                    format!("named party differs: {zn} (zh) vs {en} (en)"),
                ),
                (Some((_, zn)), None) => (
                    Severity::Warning,
                    format!("{zn} is named in the Chinese version only"),
                ),
                (None, _) => continue,
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
            for w in crate::lexicon::segment_zh(self.lex, text) {
                if w.kind != crate::lexicon::ZhWordKind::Han {
                    continue;
                }
                let word = w.text(text);
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
        let cues = self.anchors(lang, id);
        let is_cue = |t: &Token| {
            cues.iter().any(|a| {
                matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal)
                    && a.start < t.end
                    && t.start < a.end
            })
        };
        self.tokens(lang, id)
            .iter()
            .filter(|t| t.start >= cue.end && t.start <= reach && !is_cue(t))
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
        let other = lang.other();
        let mut found = false;
        let mut governing = Vec::new();
        for &oid in other_ids {
            for t in self.tokens(other, oid) {
                if !scope.iter().any(|s| share(&s.keys, &t.keys)) {
                    continue;
                }
                found = true;
                let window = cue_window(other);
                for a in self.anchors(other, oid) {
                    if a.kind == kind && a.end <= t.start && t.start - a.end <= window {
                        governing.push(a.value.clone());
                    }
                }
            }
        }
        if found {
            Link::Governed(governing)
        } else {
            Link::Unresolved
        }
    }

    /// Negation: a cue on one side whose negated word the other side
    /// translates without negating it.
    fn polarity(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        let mut unresolved = [0usize; 2];
        for lang in [Lang::Zh, Lang::En] {
            let (mine, theirs) = match lang {
                Lang::Zh => (&group.zh, &group.en),
                Lang::En => (&group.en, &group.zh),
            };
            for &id in mine {
                for cue in self
                    .anchors(lang, id)
                    .iter()
                    .filter(|a| a.kind == AnchorKind::Negation)
                {
                    let Link::Governed(cues) =
                        self.link(lang, id, cue, theirs, AnchorKind::Negation)
                    else {
                        unresolved[lang as usize] += 1;
                        continue;
                    };
                    if !cues.is_empty() {
                        continue;
                    }
                    let word = self
                        .scope(lang, id, cue)
                        .first()
                        .map(|t| self.clauses(lang)[id].body_text()[t.start..t.end].to_string())
                        .unwrap_or_default();
                    let negated = format!("{}…{}", cue.surface, word);
                    let (zh, en, zh_value, en_value) = match lang {
                        Lang::Zh => (vec![id], theirs.clone(), Some(negated.clone()), None),
                        Lang::En => (theirs.clone(), vec![id], None, Some(negated.clone())),
                    };
                    out.push(Finding {
                        kind: FindingKind::Negation,
                        severity: Severity::Error,
                        zh,
                        en,
                        zh_value,
                        en_value,
                        message: format!(
                            "negation differs: the {} version negates «{negated}», the {} version does not",
                            lang_name(lang),
                            lang_name(lang.other())
                        ),
                    });
                    return;
                }
            }
        }
        // No word-level evidence: compare how often each side negates, for
        // the cues that could not be placed.
        let count = |lang: Lang, ids: &[usize]| -> usize {
            ids.iter()
                .map(|&id| {
                    self.anchors(lang, id)
                        .iter()
                        .filter(|a| a.kind == AnchorKind::Negation)
                        .count()
                })
                .sum()
        };
        let (zn, en) = (count(Lang::Zh, &group.zh), count(Lang::En, &group.en));
        let (more, n_more, n_less) = if zn > en {
            (Lang::Zh, zn, en)
        } else {
            (Lang::En, en, zn)
        };
        if n_more > n_less && unresolved[more as usize] >= n_more - n_less {
            let ids = if more == Lang::Zh {
                &group.zh
            } else {
                &group.en
            };
            let cue = ids
                .iter()
                .flat_map(|&id| self.anchors(more, id).into_iter().map(move |a| (id, a)))
                .find(|(_, a)| a.kind == AnchorKind::Negation);
            let Some((id, a)) = cue else { return };
            let (zh, en, zh_value, en_value) = match more {
                Lang::Zh => (vec![id], group.en.clone(), Some(a.surface.clone()), None),
                Lang::En => (group.zh.clone(), vec![id], None, Some(a.surface.clone())),
            };
            out.push(Finding {
                kind: FindingKind::Negation,
                severity: Severity::Warning,
                zh,
                en,
                zh_value,
                en_value,
                message: format!(
                    "negation may differ: the {} version has {n_more} negation{} («{}»), the {} version {n_less}",
                    lang_name(more),
                    if n_more == 1 { "" } else { "s" },
                    a.surface,
                    lang_name(more.other())
                ),
            });
        }
    }

    /// Modality: a modal cue whose governed word the other side qualifies
    /// with a different strength (must/shall/will vs may/can).
    fn modality(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        for lang in [Lang::Zh, Lang::En] {
            let (mine, theirs) = match lang {
                Lang::Zh => (&group.zh, &group.en),
                Lang::En => (&group.en, &group.zh),
            };
            for &id in mine {
                for cue in self
                    .anchors(lang, id)
                    .iter()
                    .filter(|a| a.kind == AnchorKind::Modal)
                {
                    let AnchorValue::Modality(m) = cue.value else {
                        continue;
                    };
                    let Some(level) = strength(m) else { continue };
                    let Link::Governed(cues) = self.link(lang, id, cue, theirs, AnchorKind::Modal)
                    else {
                        continue;
                    };
                    let other_levels: Vec<u8> = cues
                        .iter()
                        .filter_map(|v| match v {
                            AnchorValue::Modality(k) => strength(*k),
                            _ => None,
                        })
                        .collect();
                    // The other side uses the same strength, or none at all
                    // (English "will" for a plain Chinese verb is usual).
                    if other_levels.is_empty() || other_levels.contains(&level) {
                        continue;
                    }
                    // Several cues may govern one word (可能不会 = may + will
                    // not): any shared strength counts as agreement.
                    let scope_start = self
                        .scope(lang, id, cue)
                        .first()
                        .map_or(cue.end, |t| t.start);
                    let window = cue_window(lang);
                    let mine_levels: Vec<u8> = self
                        .anchors(lang, id)
                        .iter()
                        .filter(|a| a.end <= scope_start && scope_start - a.end <= window)
                        .filter_map(|a| match a.value {
                            AnchorValue::Modality(k) => strength(k),
                            _ => None,
                        })
                        .collect();
                    if mine_levels.iter().any(|l| other_levels.contains(l)) {
                        continue;
                    }
                    let theirs_cue = theirs
                        .iter()
                        .flat_map(|&oid| self.anchors(lang.other(), oid).into_iter().map(move |a| (oid, a)))
                        .find(|(_, a)| matches!(a.value, AnchorValue::Modality(k) if strength(k).is_some_and(|l| l != level)));
                    let Some((oid, oa)) = theirs_cue else {
                        continue;
                    };
                    let (zh, en, zs, es) = match lang {
                        Lang::Zh => (vec![id], vec![oid], cue.surface.clone(), oa.surface.clone()),
                        Lang::En => (vec![oid], vec![id], oa.surface.clone(), cue.surface.clone()),
                    };
                    let zh_level = if lang == Lang::Zh {
                        level
                    } else {
                        strength_of(&oa.value)
                    };
                    let weaker = if zh_level > 1 { "English" } else { "Chinese" };
                    out.push(Finding {
                        kind: FindingKind::Modality,
                        severity: Severity::Error,
                        zh,
                        en,
                        zh_value: Some(zs.clone()),
                        en_value: Some(es.clone()),
                        message: format!(
                            "obligation weakened in the {weaker} version: {zs} (zh) vs {es} (en)"
                        ),
                    });
                    return;
                }
            }
        }
    }

    /// Section numbers: aligned items numbered differently (`2.` vs `3.`).
    fn labels(&self, out: &mut Vec<Finding>) {
        for pair in &self.report.pairs {
            let (Some(&z), Some(&e)) = (pair.zh.first(), pair.en.first()) else {
                continue;
            };
            let (zc, ec) = (&self.report.zh[z], &self.report.en[e]);
            let (Some(zl), Some(el)) = (&zc.label, &ec.label) else {
                continue;
            };
            if !zl.is_numbered() || !el.is_numbered() {
                continue;
            }
            let same = if zl.values.len() > 1 && el.values.len() > 1 {
                zl.values == el.values
            } else {
                zl.value() == el.value()
            };
            if same {
                continue;
            }
            let label = |c: &Clause| c.text[..c.body.min(c.text.len())].trim().to_string();
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
        }
    }

    /// Text inside an aligned clause that the other side does not translate
    /// at all: a run of content words none of which finds a partner (a
    /// sentence added to one version without its own punctuation).
    fn untranslated(&self, group: &AlignedPair, out: &mut Vec<Finding>) {
        let min_run = self.params.untranslated_run;
        for lang in [Lang::Zh, Lang::En] {
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
            for &id in mine {
                if self.silenced.borrow().contains_key(&(lang, id)) {
                    continue;
                }
                let body = self.clauses(lang)[id].body_text();
                // A note in the other language ("(The English version is
                // below.)") is about the document, not part of it.
                let asides = crate::features::foreign_asides(body, lang);
                let toks: Vec<&Token> = self
                    .tokens(lang, id)
                    .iter()
                    .filter(|t| !asides.iter().any(|&(a, e)| t.start >= a && t.start < e))
                    .collect();
                let mut best: Option<(usize, usize)> = None;
                let mut run_start: Option<usize> = None;
                // Values and names are checked on their own: they end a run
                // of untranslated words.
                let valued: Vec<(usize, usize)> = self
                    .all_anchors(lang, id)
                    .iter()
                    .filter(|a| !matches!(a.kind, AnchorKind::Negation | AnchorKind::Modal))
                    .map(|a| (a.start, a.end))
                    .collect();
                for (k, t) in toks.iter().enumerate() {
                    let matched = t
                        .keys
                        .iter()
                        .any(|key| other_keys.binary_search(key).is_ok())
                        || valued.iter().any(|&(a, e)| t.start < e && a < t.end);
                    if matched {
                        run_start = None;
                        continue;
                    }
                    let s0 = *run_start.get_or_insert(k);
                    if best.is_none_or(|(a, b)| k + 1 - s0 > b - a) {
                        best = Some((s0, k + 1));
                    }
                }
                let Some((a, b)) = best else { continue };
                if b - a < min_run {
                    continue;
                }
                let span = (toks[a].start, toks[b - 1].end);
                self.silence(lang, id, span);
                let text = &body[span.0..span.1];
                out.push(self.finding_for(
                    lang,
                    id,
                    FindingKind::Omission,
                    Severity::Warning,
                    format!(
                        "text not translated in the {} version: {}",
                        lang_name(lang.other()),
                        quote(text)
                    ),
                ));
            }
        }
    }
}

/// Strength of a modal: 2 for obligation and future, 1 for permission; none
/// for prohibition (negation covers it).
fn strength(m: Modality) -> Option<u8> {
    match m {
        Modality::Obligation | Modality::Future => Some(2),
        Modality::Permission => Some(1),
        Modality::Prohibition => None,
    }
}

fn strength_of(v: &AnchorValue) -> u8 {
    match v {
        AnchorValue::Modality(m) => strength(*m).unwrap_or(0),
        _ => 0,
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

/// Pair up differing values: dates with dates, quantities with quantities
/// of the same unit where possible, in order.
fn pair_up<'b>(
    zh: &[(usize, &'b Anchor)],
    en: &[(usize, &'b Anchor)],
) -> Vec<(Located<'b>, Located<'b>)> {
    let mut used = vec![false; en.len()];
    let mut out = Vec::new();
    let same_sort = |a: &Anchor, b: &Anchor| match (&a.value, &b.value) {
        (AnchorValue::Date { .. }, AnchorValue::Date { .. }) => true,
        (AnchorValue::Quantity { unit: u1, .. }, AnchorValue::Quantity { unit: u2, .. }) => {
            u1 == u2
        }
        (AnchorValue::Version(_), AnchorValue::Version(_))
        | (AnchorValue::Code(_), AnchorValue::Code(_)) => true,
        _ => false,
    };
    for &(zid, za) in zh {
        let k = en
            .iter()
            .enumerate()
            .position(|(k, (_, ea))| !used[k] && same_sort(za, ea))
            .or_else(|| {
                // Same value, different unit ("6个月" vs "6 years").
                en.iter().enumerate().position(|(k, (_, ea))| {
                    !used[k]
                        && matches!((&za.value, &ea.value), (AnchorValue::Quantity { value: v1, .. }, AnchorValue::Quantity { value: v2, .. }) if v1 == v2)
                })
            });
        if let Some(k) = k {
            used[k] = true;
            out.push(((zid, za), en[k]));
        }
    }
    out
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
