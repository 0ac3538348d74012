//! Terminology: a line group whose one side uses a glossary term and whose
//! other side lacks the term's translation (`数据提供者` on the Chinese side,
//! no "Data Provider" on the English side). Runs only with a glossary
//! ([`CheckParams::glossary`](crate::check::CheckParams::glossary)); claims
//! nothing. Clauses an earlier rule claimed (an untranslated sentence, a
//! clause without counterpart) are left out: they are reported already.

use std::collections::BTreeMap;

use crate::align::AlignedPair;
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::glossary::{Glossary, count_en_term};
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;

/// How sure a terminology finding is: the glossary says what the term must
/// be, but a translator may have used a pronoun ("it", "该方") instead.
const CONFIDENCE: f64 = 0.75;

/// Phase [`Rule::Terminology`](crate::check::Rule::Terminology) on one line
/// group.
pub(crate) fn check(ctx: &Context, claimed: &Claims, group: &AlignedPair) -> Outcome {
    let mut out = Outcome::default();
    let Some(glossary) = ctx.params.glossary.as_deref() else {
        return out;
    };
    // The unclaimed clauses of each side, with their text (English lower case).
    let side = |lang: Lang, ids: &[usize]| -> Vec<(usize, String)> {
        ids.iter()
            .filter(|&&i| !claimed.touches(lang, i))
            .filter_map(|&i| ctx.clauses(lang).get(i))
            .map(|c| {
                let text = c.text.as_str();
                let text = match lang {
                    Lang::Zh => text.to_string(),
                    Lang::En => text.to_lowercase(),
                };
                (c.id, text)
            })
            .collect()
    };
    let zh = side(Lang::Zh, &group.zh);
    let en = side(Lang::En, &group.en);
    if zh.is_empty() || en.is_empty() {
        return out;
    }
    // How often each side writes a term: a side that writes it more often
    // than the other writes any of its translations lacks one somewhere
    // (`Upstream Data Providers … the Data Provider` against one
    // `上游数据提供者` and a `数据处理者`).
    let zh_count = |term: &str| -> usize { zh.iter().map(|(_, t)| t.matches(term).count()).sum() };
    let en_count = |term: &str| -> usize {
        let term = term.to_lowercase();
        en.iter().map(|(_, t)| count_en_term(t, &term)).sum()
    };
    let (by_zh, by_en) = index(glossary);
    for (term, translations) in &by_zh {
        let (mine, theirs) = (
            zh_count(term),
            translations.iter().map(|t| en_count(t)).sum::<usize>(),
        );
        if mine > theirs {
            let ids = zh
                .iter()
                .filter(|(_, t)| t.contains(term.as_str()))
                .map(|(i, _)| *i)
                .collect();
            out.findings.push(finding(
                Lang::Zh,
                term,
                translations,
                (mine, theirs),
                ids,
                ids_of(&en),
            ));
        }
    }
    for (term, translations) in &by_en {
        let (mine, theirs) = (
            en_count(term),
            translations.iter().map(|t| zh_count(t)).sum::<usize>(),
        );
        if mine > theirs {
            let lower = term.to_lowercase();
            let ids = en
                .iter()
                .filter(|(_, t)| count_en_term(t, &lower) > 0)
                .map(|(i, _)| *i)
                .collect();
            out.findings.push(finding(
                Lang::En,
                term,
                translations,
                (mine, theirs),
                ids_of(&zh),
                ids,
            ));
        }
    }
    out
}

/// The clause ids of one side.
fn ids_of(side: &[(usize, String)]) -> Vec<usize> {
    side.iter().map(|(i, _)| *i).collect()
}

/// Each Chinese term with its English translations, and each English term
/// (lower case key) with its Chinese ones, in a stable order.
fn index(g: &Glossary) -> (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>) {
    let mut by_zh: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_en: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &g.entries {
        by_zh.entry(e.zh.clone()).or_default().push(e.en.clone());
        by_en.entry(e.en.clone()).or_default().push(e.zh.clone());
    }
    (by_zh, by_en)
}

/// The finding for a term on `lang`'s side written `counts.0` times, whose
/// translations the other side writes only `counts.1` times.
fn finding(
    lang: Lang,
    term: &str,
    translations: &[String],
    counts: (usize, usize),
    zh: Vec<usize>,
    en: Vec<usize>,
) -> Finding {
    let wanted = translations
        .iter()
        .map(|t| format!("«{t}»"))
        .collect::<Vec<_>>()
        .join(" or ");
    let (this, other) = match lang {
        Lang::Zh => ("Chinese", "English"),
        Lang::En => ("English", "Chinese"),
    };
    let message = match counts {
        (_, 0) => format!(
            "glossary term «{term}» in the {this} version, but no {wanted} in the {other} version"
        ),
        (mine, theirs) => format!(
            "glossary term «{term}» {mine} times in the {this} version, {wanted} only {theirs} in the {other} version"
        ),
    };
    let (zh_value, en_value) = match lang {
        Lang::Zh => (Some(term.to_string()), None),
        Lang::En => (None, Some(term.to_string())),
    };
    Finding {
        id: String::new(),
        kind: FindingKind::Terminology,
        severity: Severity::Warning,
        confidence: CONFIDENCE,
        zh,
        en,
        zh_value,
        en_value,
        message,
    }
}
