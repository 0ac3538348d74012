//! Qualifiers of a grant or a definition: a line group whose English side
//! writes a qualifier a licence, a right or a defined term turns on
//! ("non-exclusive", "irrevocable", "royalty-free", "intentionally"
//! submitted, "verbatim" copies, "under penalty of perjury") and whose
//! Chinese side writes none of its renderings (非独占, 不可撤销, 免版税,
//! 有意, 逐字, 伪证; `data/words/check/legal-qualifiers.tsv`). A translator who drops
//! "non-exclusive" from a grant changes what is granted, though every other
//! word is translated: the untranslated-text rule does not see one word
//! missing. Reported as an omission. A Chinese rendering inside the
//! rendering of an English doublet of the group ("express or implied",
//! 明示或默示: `legal-doublets.tsv`) renders that doublet, not the
//! qualifier. Clauses an earlier rule claimed are left out; claims nothing.

use crate::align::AlignedPair;
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::glossary::count_en_term;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::{Lang, simplified};
use crate::words::{CHECK_LEGAL_DOUBLETS, CHECK_LEGAL_QUALIFIERS};

/// How sure a dropped qualifier is: the list of renderings is long, but a
/// translator may still write one it lacks.
const CONFIDENCE: f64 = 0.6;

/// Phase [`Rule::Qualifiers`](crate::check::Rule::Qualifiers) on one line
/// group.
pub(crate) fn check(ctx: &Context, claimed: &Claims, group: &AlignedPair) -> Outcome {
    let mut out = Outcome::default();
    let text = |lang: Lang, ids: &[usize]| -> (Vec<usize>, String) {
        let ids: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&i| !claimed.touches(lang, i))
            .collect();
        let mut text = String::new();
        for &i in &ids {
            let body = ctx.clauses(lang)[i].body_text();
            match lang {
                Lang::Zh => text.push_str(&simplified(body)),
                Lang::En => text.push_str(&body.to_lowercase()),
            }
            text.push('\n');
        }
        (ids, text)
    };
    let (en_ids, en) = text(Lang::En, &group.en);
    if en_ids.is_empty() {
        return out;
    }
    // The Chinese side only when the English side writes a qualifier, with
    // the renderings of the English doublets set aside.
    let chinese_side = std::cell::OnceCell::new();
    let zh_side = || {
        chinese_side.get_or_init(|| {
            let (ids, zh) = text(Lang::Zh, &group.zh);
            (ids, without_doublets(&en, zh))
        })
    };
    for &(english, chinese) in CHECK_LEGAL_QUALIFIERS {
        // English to Chinese only: an English qualifier is a term of art
        // with a few renderings, while 免费, 全球 and 永久 are everyday
        // words that English writes as "free", "global", "permanent" (the
        // other direction raised 85 findings on the judged documents, none
        // of them a dropped qualifier).
        let Some(form) = english.split('|').find(|f| count_en_term(&en, f) > 0) else {
            continue;
        };
        let (zh_ids, zh) = zh_side();
        if zh_ids.is_empty() || chinese.split('|').any(|r| zh.contains(r)) {
            continue;
        }
        // The clauses that write the qualifier, against the whole Chinese
        // side.
        let en = clauses_with(ctx, Lang::En, &en_ids, |t| {
            count_en_term(&t.to_lowercase(), form) > 0
        });
        let wanted = chinese
            .split('|')
            .take(3)
            .map(|w| format!("«{w}»"))
            .collect::<Vec<_>>()
            .join(", ");
        out.findings.push(Finding {
            id: String::new(),
            kind: FindingKind::Omission,
            severity: Severity::Warning,
            confidence: CONFIDENCE,
            zh: zh_ids.clone(),
            en,
            zh_value: None,
            en_value: Some(form.to_string()),
            message: format!(
                "qualifier «{form}» of the English version is not translated in the Chinese version (no {wanted})"
            ),
        });
    }
    out
}

/// The Chinese text `zh` without one rendering per occurrence of each
/// English doublet of `en` (`legal-doublets.tsv`: "express or implied" is
/// 明示或默示, whose 明示 is no rendering of an "expressly").
fn without_doublets(en: &str, mut zh: String) -> String {
    for &(english, chinese) in CHECK_LEGAL_DOUBLETS {
        let mut times: usize = english.split('|').map(|f| count_en_term(en, f)).sum();
        for rendering in chinese.split('|') {
            while times > 0
                && let Some(k) = zh.find(rendering)
            {
                zh.replace_range(k..k + rendering.len(), "\n");
                times -= 1;
            }
        }
    }
    zh
}

/// The clauses among `ids` whose body passes `has`.
fn clauses_with(
    ctx: &Context,
    lang: Lang,
    ids: &[usize],
    has: impl Fn(&str) -> bool,
) -> Vec<usize> {
    ids.iter()
        .copied()
        .filter(|&i| has(ctx.clauses(lang)[i].body_text()))
        .collect()
}
