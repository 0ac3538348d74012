//! Entities: named parties and products. Latin-script names in the Chinese
//! text must appear in the English text; Chinese names the lexicon knows
//! (微软, 谷歌) must appear in English under one of their names, and the
//! other way round. `names.rs` holds how a name is looked for.

mod names;

pub(crate) use names::capitalised_runs;

use std::collections::VecDeque;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::align::AlignedPair;
use crate::anchors::{Anchor, AnchorKind};
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::tokens::spelling_key_of;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::{Lang, is_han};
use crate::words::CHECK_DEMONYMS_EN;
use names::{CapitalisedRun, ChineseForms, SideText, acronym_matches, fold, transliterated_person};

/// Phase [`Rule::Entities`](crate::check::Rule::Entities): one value per
/// check, run on each line group in turn.
pub(crate) struct Entities<'c> {
    ctx: &'c Context<'c>,
    /// Chinese forms of the English names the lexicon knows, indexed the
    /// first time a group needs them.
    forms: Option<Arc<ChineseForms>>,
    /// The English names the document writes outside clauses in capitals,
    /// lowercased, gathered the first time a shouted word needs them.
    plain_names: Option<rustc_hash::FxHashSet<String>>,
}

impl<'c> Entities<'c> {
    /// The rule for one check.
    pub(crate) fn new(ctx: &'c Context<'c>) -> Self {
        Entities {
            ctx,
            forms: None,
            plain_names: None,
        }
    }

    /// Named parties of one line group that one side names and the other
    /// does not.
    pub(crate) fn check(&mut self, claimed: &Claims, group: &AlignedPair) -> Outcome {
        let ctx = self.ctx;
        let mut out = Outcome::default();
        // Dotted initialisms after a name are honours and titles ("Q.C.,
        // J.P.", "C.B.E."): the other version often leaves them out, and
        // they name no party.
        let is_name =
            |a: &Anchor| a.kind == AnchorKind::Name && !names::is_dotted_initialism(&a.surface);
        let zh_names = ctx.group_anchors(Lang::Zh, &group.zh, claimed, is_name);
        let en_names = ctx.group_anchors(Lang::En, &group.en, claimed, is_name);
        let known = known_entities(ctx, &group.zh);
        if zh_names.is_empty() && en_names.is_empty() && known.is_empty() {
            return out;
        }
        let mut zh_text = SideText::new(text_without_contacts(ctx, claimed, Lang::Zh, &group.zh));
        let mut en_text = SideText::new(text_without_contacts(ctx, claimed, Lang::En, &group.en));
        // The runs of capitalised words of each clause that holds a name.
        let runs = |lang: Lang, names: &[(usize, &Anchor)]| {
            let mut runs: FxHashMap<usize, Vec<CapitalisedRun>> = FxHashMap::default();
            for &(id, _) in names {
                runs.entry(id)
                    .or_insert_with(|| capitalised_runs(ctx.clauses(lang)[id].body_text()));
            }
            runs
        };
        let (zh_runs, en_runs) = (runs(Lang::Zh, &zh_names), runs(Lang::En, &en_names));
        // Latin-script names written in the Chinese text must appear in the
        // English text (names are rarely translated into other Latin words).
        let mut missing_zh: Vec<(usize, String)> = Vec::new();
        let mut en_stems = None;
        for &(zid, a) in &zh_names {
            if !en_text.contains_name(&a.surface)
                && !acronym_matches(&zh_runs[&zid], a, &en_text)
                && !same_stem_in(&mut en_stems, ctx, &a.surface, Lang::En, &group.en)
            {
                missing_zh.push((zid, a.surface.clone()));
            }
        }
        // English names missing from the Chinese text: only evidence when
        // the Chinese text names someone else (names are often
        // transliterated, and the lexicon does not know every spelling).
        let mut missing_en: Vec<(usize, String)> = Vec::new();
        // The Chinese side's keys, with the names the document pairs its
        // words with (奕信 with "Wilson" in every pair that names him).
        let zh_keys: Vec<u32> = {
            let mut k: Vec<u32> = group
                .zh
                .iter()
                .flat_map(|&id| ctx.tokens(Lang::Zh, id))
                .flat_map(|t| {
                    let learned = spelling_key_of(t)
                        .map_or(&[][..], |s| ctx.learned().name_of(s))
                        .iter()
                        .copied();
                    t.keys.iter().copied().chain(learned)
                })
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        // Whether each English clause is written in capitals, found once
        // per clause (a long line holds many names).
        let mut shouting_clause: Option<(usize, bool)> = None;
        for &(eid, a) in &en_names {
            let shouted = match shouting_clause {
                Some((id, yes)) if id == eid => yes,
                _ => {
                    let yes = shouting(&ctx.clauses(Lang::En)[eid].text);
                    shouting_clause = Some((eid, yes));
                    yes
                }
            };
            if zh_text.contains_name(&a.surface)
                || acronym_matches(&en_runs[&eid], a, &zh_text)
                || self.common_word(&a.surface, shouted)
                || transliterated_person(ctx.lex, &a.surface, &zh_text.text)
            {
                continue;
            }
            // A name made of words the Chinese text translates ("Web
            // Beacons" = 网络信标, "Ant Group" = 蚂蚁集团) is there.
            let tokens = ctx.tokens(Lang::En, eid);
            let first = tokens.partition_point(|t| t.start < a.start);
            let translated = tokens[first..]
                .iter()
                .take_while(|t| t.start <= a.end)
                .any(|t| t.end <= a.end && t.keys.iter().any(|k| zh_keys.binary_search(k).is_ok()));
            if !translated {
                missing_en.push((eid, a.surface.clone()));
            }
        }
        // Chinese names the lexicon knows (微软 = Microsoft) must appear in
        // English under one of their names; an English name the lexicon knows
        // in Chinese may stand for it.
        let mut gone = Gone::new(&missing_en);
        let mut missing_zh_known: Vec<(usize, String)> = Vec::new();
        let en_keys: Vec<u32> = {
            let mut k: Vec<u32> = group
                .en
                .iter()
                .flat_map(|&id| ctx.tokens(Lang::En, id))
                .flat_map(|t| t.keys.iter().copied())
                .collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        for (zid, zh_name, names) in known {
            // A name the document keeps pairing with one English word
            // (汉城 with "Seoul" where the lexicon knows another name).
            let body = ctx.clauses(Lang::Zh)[zid].body_text();
            let paired = ctx.tokens(Lang::Zh, zid).iter().any(|t| {
                body[t.start..t.end] == zh_name
                    && spelling_key_of(t).is_some_and(|s| {
                        ctx.learned()
                            .name_of(s)
                            .iter()
                            .any(|k| en_keys.binary_search(k).is_ok())
                    })
            });
            if paired {
                continue;
            }
            // By name, or by the adjective of a place ("British" for 英国).
            let adjective = |n: &String| {
                CHECK_DEMONYMS_EN
                    .iter()
                    .filter(|r| r.1 == n.as_str())
                    .map(|r| r.0)
                    .collect::<Vec<_>>()
            };
            if names.iter().any(|n| {
                en_text.contains_name(n) || adjective(n).iter().any(|a| en_text.contains_name(a))
            }) {
                for n in &names {
                    gone.remove_named(&fold(n));
                    // A name it heads is its longer form: "United States
                    // of America" for 美国 ("United States"), not a second
                    // party "America".
                    for (_, m) in &missing_en {
                        if en_text.contains_name(&format!("{n} of {m}"))
                            || en_text.contains_name(&format!("{n} of the {m}"))
                        {
                            gone.remove_named(&fold(m));
                        }
                    }
                }
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
            if !gone.remove_acronym(&initials) {
                missing_zh_known.push((zid, zh_name));
            }
        }
        let mut missing_en = gone.left(missing_en);
        // English names the lexicon knows in Chinese (Tencent = 腾讯) that the
        // Chinese text writes neither way.
        let mut known_en_missing = |missing_en: &[(usize, String)]| -> Vec<(usize, String)> {
            let forms = self
                .forms
                .get_or_insert_with(|| ChineseForms::of_lexicon(ctx.lex));
            missing_en
                .iter()
                .filter(|(_, name)| forms.of(name).is_some_and(|f| zh_text.writes_none(f)))
                .cloned()
                .collect()
        };
        missing_zh.dedup_by(|a, b| a.1 == b.1);
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
            missing_en.dedup_by(|a, b| a.1 == b.1);
            (missing_en, false)
        } else if zh_writes_names {
            missing_en.dedup_by(|a, b| a.1 == b.1);
            (missing_en, true)
        } else {
            (known_en_missing(&missing_en), true)
        };
        let n = report_zh
            .len()
            .max(if en_alone { report_en.len() } else { 0 });
        for k in 0..n.max(usize::from(en_alone) * report_en.len()) {
            let z = report_zh.get(k);
            let e = report_en.get(k);
            // A name in place of another is surer than a name one side
            // leaves out (translators drop "Alibaba Group" as subject).
            let (severity, confidence, message) = match (z, e) {
                // A Chinese name the lexicon knows against an English name
                // the Chinese text lacks is a different party when the
                // lexicon knows that English name in Chinese too (微软 =
                // Microsoft against "Tencent Cloud"). Otherwise the Chinese
                // text may write it in characters the lexicon does not know
                // (张子江 for "David Cheung", 迪化 for "Tihua"), and which
                // missing name stands against which is a guess: of 25 such
                // findings judged on the clean and CTK documents, 2 were real
                // (an omission reports their sentence too), so they are shown
                // only with `--all`.
                (Some((_, zn)), Some((_, en)))
                    if zn.chars().any(is_han) && !self.known_in_chinese(en) =>
                {
                    (
                        Severity::Warning,
                        0.45,
                        format!("named party differs: {zn} (zh) vs {en} (en)"),
                    )
                }
                (Some((_, zn)), Some((_, en))) => (
                    Severity::Error,
                    0.75,
                    format!("named party differs: {zn} (zh) vs {en} (en)"),
                ),
                (Some((_, zn)), None) => (
                    Severity::Warning,
                    0.6,
                    format!("{zn} is named in the Chinese version only"),
                ),
                // A free translation ([`Context::freely_translated`]) writes
                // names in characters of its own (奕信 for "Wilson", 院 for
                // "the Yuan"): on the two free CTK translations 6 such
                // findings were shown, all false.
                // An acronym against a Chinese side that writes a title
                // (《反海外腐败法》 for "FCPA", 《通用数据保护条例》 for
                // "GDPR") most likely abbreviates the law or work the title
                // translates: the translator wrote the name out.
                (None, Some((_, en))) => (
                    Severity::Warning,
                    if ctx.freely_translated() || acronym(en) && writes_a_title(ctx, &group.zh) {
                        0.45
                    } else {
                        0.6
                    },
                    format!("{en} is named in the English version only"),
                ),
                (None, None) => continue,
            };
            out.findings.push(Finding {
                id: String::new(),
                kind: FindingKind::Entity,
                severity,
                confidence,
                zh: z.map_or_else(|| group.zh.clone(), |(id, _)| vec![*id]),
                en: e.map_or_else(|| group.en.clone(), |(id, _)| vec![*id]),
                zh_value: z.map(|(_, v)| v.clone()),
                en_value: e.map(|(_, v)| v.clone()),
                message,
            });
        }
        out
    }
}

impl Entities<'_> {
    /// Whether the lexicon knows a Chinese form of an English name.
    fn known_in_chinese(&mut self, name: &str) -> bool {
        let ctx = self.ctx;
        self.forms
            .get_or_insert_with(|| ChineseForms::of_lexicon(ctx.lex))
            .of(name)
            .is_some()
    }

    /// Whether an English "name" is an ordinary word written with a
    /// capital: a contraction (We're, Don't) or one capitalised word the
    /// lexicon knows as a common word (Going, Addendum, Repositories) that
    /// is no name it knows in Chinese. In a clause written in capitals
    /// (`shouting`, the way licences write disclaimers) an all-capitals word
    /// the lexicon knows (FAULTS, TORT, MERCHANTABLE) counts the same way:
    /// there capitals say nothing about names. So does one it does not know
    /// (ADEQUACY), unless the document writes it as a name in ordinary text. A translation renders such
    /// words with ordinary Chinese words, so their absence names no one.
    fn common_word(&mut self, surface: &str, shouting: bool) -> bool {
        let word = surface.trim();
        if word.contains(['\'', '’']) && !word.ends_with("'s") && !word.ends_with("’s") {
            return true;
        }
        let mut chars = word.chars();
        let titlecase = chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_lowercase())
            && !word.contains(' ');
        let shouted =
            shouting && !word.contains(' ') && word.chars().all(|c| c.is_ascii_uppercase());
        if !(titlecase || shouted) {
            return false;
        }
        // A shouted word the lexicon does not know (ADEQUACY) is a name
        // only where the document also writes it as one in ordinary text
        // (POCKET and "Pocket").
        if self.ctx.lex.en_word_id(word).is_none() && (!shouted || self.written_plainly(word)) {
            return false;
        }
        let forms = self
            .forms
            .get_or_insert_with(|| ChineseForms::of_lexicon(self.ctx.lex));
        forms.of(word).is_none()
    }

    /// Whether the English text names `word` (any case) in a clause not
    /// written in capitals.
    fn written_plainly(&mut self, word: &str) -> bool {
        let ctx = self.ctx;
        self.plain_names
            .get_or_insert_with(|| {
                (0..ctx.clauses(Lang::En).len())
                    .filter(|&id| !shouting(&ctx.clauses(Lang::En)[id].text))
                    .flat_map(|id| ctx.all_anchors(Lang::En, id))
                    .filter(|a| a.kind == AnchorKind::Name)
                    .flat_map(|a| a.surface.split_whitespace())
                    .map(str::to_lowercase)
                    .collect()
            })
            .contains(&word.to_lowercase())
    }
}

/// Whether a name is an acronym: two or more capital letters, no lower-case
/// letter ("FCPA", "GDPR", "U.S." is none: dotted initialisms name places
/// the lexicon knows).
fn acronym(name: &str) -> bool {
    name.chars().filter(char::is_ascii_uppercase).count() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether Chinese clauses write a title in book-title marks (《…》).
fn writes_a_title(ctx: &Context, ids: &[usize]) -> bool {
    ids.iter().any(|&id| {
        let body = ctx.clauses(Lang::Zh)[id].body_text();
        body.find('《').is_some_and(|at| body[at..].contains('》'))
    })
}

/// Whether a clause is written in capitals: at least five Latin words, and
/// at least two thirds of its Latin letters upper case.
fn shouting(text: &str) -> bool {
    let words = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    let (upper, letters) = text
        .chars()
        .filter(char::is_ascii_alphabetic)
        .fold((0usize, 0usize), |(u, n), c| {
            (u + usize::from(c.is_ascii_uppercase()), n + 1)
        });
    words >= 5 && upper * 3 >= letters * 2
}

/// Whether clauses of `lang` hold a word with the same English stem as a
/// one-word name ("Finetune" and "finetuned"). `index` holds the stems of
/// those clauses' words once a name needed them ([`StemIndex`]), so each
/// name costs a look-up rather than a pass over the other side's text.
fn same_stem_in(
    index: &mut Option<StemIndex>,
    ctx: &Context,
    name: &str,
    lang: Lang,
    ids: &[usize],
) -> bool {
    let name = name.trim();
    if name.contains(' ') || name.chars().count() < 4 {
        return false;
    }
    let stem = crate::lexicon::stem_en(&name.to_lowercase());
    let index = index.get_or_insert_with(|| StemIndex::new(ctx, lang, ids));
    // Only words about as long as the name count.
    index
        .longest
        .get(&stem)
        .is_some_and(|&len| len >= name.len().saturating_sub(2))
}

/// The English stems of the words of some clauses, each with the length in
/// bytes of its longest word.
struct StemIndex {
    longest: FxHashMap<String, usize>,
}

impl StemIndex {
    fn new(ctx: &Context, lang: Lang, ids: &[usize]) -> Self {
        // Each distinct word is stemmed once.
        let mut words: FxHashMap<String, usize> = FxHashMap::default();
        for &id in ids {
            let body = ctx.clauses(lang)[id].body_text();
            for w in body.split(|c: char| !c.is_alphanumeric()) {
                let len = words.entry(w.to_lowercase()).or_insert(0);
                *len = (*len).max(w.len());
            }
        }
        let mut longest: FxHashMap<String, usize> = FxHashMap::default();
        for (w, len) in words {
            let l = longest.entry(crate::lexicon::stem_en(&w)).or_insert(0);
            *l = (*l).max(len);
        }
        StemIndex { longest }
    }
}

/// Which of the English names missing from the Chinese text a Chinese name
/// the lexicon knows accounts for, by name or as an acronym. Indexed so
/// that each Chinese name costs a look-up, not a pass over the English
/// names.
struct Gone {
    /// Whether each name is still missing.
    alive: Vec<bool>,
    /// Names by their folded form.
    by_fold: FxHashMap<String, Vec<usize>>,
    /// Names written as an acronym of two to six capitals, by initial, in
    /// order.
    acronyms: FxHashMap<char, VecDeque<usize>>,
}

impl Gone {
    fn new(missing: &[(usize, String)]) -> Gone {
        let mut by_fold: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut acronyms: FxHashMap<char, VecDeque<usize>> = FxHashMap::default();
        for (k, (_, e)) in missing.iter().enumerate() {
            by_fold.entry(fold(e)).or_default().push(k);
            let e = e.trim();
            if (2..=6).contains(&e.len())
                && e.chars().all(|c| c.is_ascii_uppercase())
                && let Some(c) = e.chars().next()
            {
                acronyms.entry(c).or_default().push_back(k);
            }
        }
        Gone {
            alive: vec![true; missing.len()],
            by_fold,
            acronyms,
        }
    }

    /// Every name whose folded form is `key` is accounted for.
    fn remove_named(&mut self, key: &str) {
        for k in self.by_fold.remove(key).unwrap_or_default() {
            self.alive[k] = false;
        }
    }

    /// The first name still missing that is an acronym with one of
    /// `initials` is accounted for; false if there is none.
    fn remove_acronym(&mut self, initials: &[char]) -> bool {
        let alive = &self.alive;
        let first = initials
            .iter()
            .filter_map(|c| {
                let queue = self.acronyms.get_mut(c)?;
                while let Some(&k) = queue.front() {
                    if alive[k] {
                        return Some(k);
                    }
                    queue.pop_front();
                }
                None
            })
            .min();
        match first {
            Some(k) => {
                self.alive[k] = false;
                true
            }
            None => false,
        }
    }

    /// The names still missing, in order.
    fn left(self, missing: Vec<(usize, String)>) -> Vec<(usize, String)> {
        missing
            .into_iter()
            .zip(self.alive)
            .filter(|(_, alive)| *alive)
            .map(|(m, _)| m)
            .collect()
    }
}

/// Chinese proper names the lexicon knows, found in the Chinese clauses
/// `ids`: (clause, name, English names).
fn known_entities(ctx: &Context, ids: &[usize]) -> Vec<(usize, String, Vec<String>)> {
    let mut found = Vec::new();
    for &id in ids {
        let text = ctx.clauses(Lang::Zh)[id].body_text();
        // The clause's tokens are its words as `segment_zh` cuts them
        // (stopwords left out, which name nothing).
        for t in ctx.tokens(Lang::Zh, id) {
            let word = &text[t.start..t.end];
            if !word.chars().all(crate::lexicon::is_han) {
                continue;
            }
            if let Some(names) = ctx.lex.entity_names(word) {
                found.push((id, word.to_string(), names.to_vec()));
            }
        }
    }
    found
}

/// The text of clauses with e-mail addresses and URLs blanked out (a name
/// inside `www.microsoft.com` does not name Microsoft).
fn text_without_contacts(ctx: &Context, claimed: &Claims, lang: Lang, ids: &[usize]) -> String {
    let mut out = String::new();
    for &id in ids {
        let body = ctx.clauses(lang)[id].body_text();
        let mut last = 0;
        for a in ctx.anchors(lang, id, claimed) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{findings, line_findings};

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
    fn an_acronym_of_the_end_of_a_name_abbreviates_it() {
        // "GPL" abbreviates the last words of "GNU General Public License",
        // and "GNU GPL" writes both.
        let en = "You should have received a copy of the GNU General Public License along with this program.";
        let zh = "你应该已经收到了本软件和一份GNU GPL的副本。";
        let entities = |zh: &str| {
            findings(zh, en)
                .into_iter()
                .filter(|f| f.0 == FindingKind::Entity)
                .collect::<Vec<_>>()
        };
        assert!(entities(zh).is_empty(), "{:?}", entities(zh));
        // An acronym of nothing there stays a name of its own.
        let zh = "你应该已经收到了本软件和一份GNU MPL的副本。";
        assert!(!entities(zh).is_empty());
        // A word in camel case names what its capitals abbreviate.
        let en = "Creative Commons Attribution-ShareAlike v. 3.0 Unported (CC BY-SA 3.0) for works other than software";
        let zh = "对于除了软件的其他作品的知识共享署名-同等方式共享 第3版未移植版（CC BY-SA 3.0）";
        assert!(
            findings(zh, en).iter().all(|f| f.0 != FindingKind::Entity),
            "{:?}",
            findings(zh, en)
        );
    }

    #[test]
    fn a_name_without_its_accents_is_the_same_name() {
        let en = "Mr. Pérez Montas and Nestlé spoke.";
        let zh = "佩雷斯·蒙塔斯（Perez Montas）先生和雀巢公司（Nestle）发言。";
        let entities = |zh: &str| -> Vec<String> {
            findings(zh, en)
                .into_iter()
                .filter(|f| f.0 == FindingKind::Entity)
                .map(|f| f.1)
                .collect()
        };
        assert!(entities(zh).is_empty(), "{:?}", entities(zh));
        let zh = "佩雷斯·蒙塔斯（Perez Montas）先生和达能公司（Danone）发言。";
        assert_eq!(entities(zh).len(), 1, "{:?}", entities(zh));
    }

    #[test]
    fn an_acronym_against_a_title_is_written_out() {
        // 《通用数据保护条例》 writes out what "GDPR" abbreviates.
        let en = "GitHub complies with the GDPR in the European Union.";
        let zh = "GitHub 在欧盟遵守《通用数据保护条例》。";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let hedged = crate::check::testing::confidences(
            crate::check::testing::all_findings(zh, en),
            FindingKind::Entity,
        );
        assert!(hedged.iter().all(|&c| c < 0.5), "{hedged:?}");
        // Without a title the acronym names a party the Chinese leaves out.
        let zh = "GitHub 在欧盟遵守相关规定。";
        assert!(
            findings(zh, en)
                .iter()
                .any(|f| f.0 == FindingKind::Entity && f.1.contains("GDPR")),
            "{:?}",
            findings(zh, en)
        );
    }

    #[test]
    fn an_organisation_is_named_without_its_prefix() {
        // 民航组织 is UN Chinese for 国际民航组织, "ICAO".
        let zh = "联委会注意到，民航组织的代表曾请委员会考虑此事。";
        let en = "The Board noted that the representative of ICAO had asked the Commission to consider it.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        // Another organisation is still missing.
        let zh = "联委会注意到，劳工组织的代表曾请委员会考虑此事。";
        assert!(!findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn a_place_is_named_by_its_adjective() {
        // 英国 against "British"; "Dame Lydia DUNN" (邓莲如) is a name
        // the Chinese writes in characters the lexicon does not know.
        let zh = "邓莲如爵士继续争取英国当局为全部英国护照持有人作出慷慨安排。";
        let en = "Dame Lydia DUNN continues to press the case for generous provisions to cover all British passport holders.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        let en = "Dame Lydia DUNN continues to press the case for generous provisions to cover all French passport holders.";
        assert!(!findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn a_name_heads_its_longer_form() {
        // 美国 is "United States" to the lexicon; "of America" completes
        // that name and names no second party.
        let zh = "本协议受美国联邦法律和加利福尼亚州法律管辖。";
        let en = "This Agreement is governed by the federal laws of the United States of America and the laws of the State of California.";
        assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
        // Another country named beside it is still reported.
        let en = "This Agreement is governed by the federal laws of the United States and the laws of Canada.";
        assert!(!findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    }

    #[test]
    fn honours_are_no_named_parties() {
        let found = line_findings(
            "李柱铭议员， Q.C., J.P.\n政务司廖本怀议员， C.B.E., J.P\n",
            "THE HONOURABLE MARTIN LEE CHU-MING, Q.C., J.P.\nSECRETARY FOR DISTRICT ADMINISTRATION\n",
        );
        assert!(found.is_empty(), "{found:?}");
        assert!(names::is_dotted_initialism("C.B.E."));
        assert!(!names::is_dotted_initialism("GDPR"));
        assert!(names::is_dotted_initialism("K.C.M.G"));
        assert!(!names::is_dotted_initialism("E.ON"));
        assert!(!names::is_dotted_initialism("P."));
    }

    #[test]
    fn a_free_translation_writes_english_names_its_own_way() {
        let filler_zh = "委员会审查了基金的估值。\n".repeat(20);
        let filler_en = "The Committee reviewed the valuation of the Fund.\n".repeat(20);
        let zh = format!("{filler_zh}该公司与合作伙伴签订了协议。\n");
        let en = format!("{filler_en}The company signed an agreement with Tencent.\n");
        let named = |score: f64| -> Vec<f64> {
            crate::check::testing::confidences(
                crate::check::testing::line_by_line_findings_all(&zh, &en, score),
                FindingKind::Entity,
            )
        };
        // Faithful pairs: Tencent (腾讯) missing from the Chinese is shown.
        let faithful = named(0.9);
        assert!(faithful.len() == 1 && faithful[0] >= 0.5, "{faithful:?}");
        // Pairs scored as a free translation's: shown with --all only.
        let free = named(0.6);
        assert!(free.len() == 1 && free[0] < 0.5, "{free:?}");
    }
}
