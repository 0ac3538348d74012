//! Chinese negation cues: 不, 未, 无, 没有, 并非, 勿, 禁止, 拒绝..., and the
//! negated modals they form (不得, 无需, 不会). The cue words are in
//! `data/words/anchors/zh-negation-cues.tsv`, the look-alikes that negate
//! nothing (未来, 不仅, 无效) in `zh-not-negation.tsv`, and the comparison
//! verbs that make a bound of a negated modal (不得超过) in
//! `zh-bound-verbs.tsv`.

use std::sync::OnceLock;

use super::{ZhNegCue, has_cjk};
use crate::anchors::Modality;
use crate::anchors::doc::{Coverage, Doc};
use crate::anchors::phrases::PhraseTable;
use crate::lang::is_han;
use crate::words::{ANCHORS_ZH_BOUND_VERBS, ANCHORS_ZH_NEGATION_CUES, ANCHORS_ZH_NOT_NEGATION};

/// End of a look-alike word whose would-be cue is at `i` (未来, 不仅).
fn not_negation(doc: &Doc, i: usize) -> Option<usize> {
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    TABLE
        .get_or_init(|| PhraseTable::new(ANCHORS_ZH_NOT_NEGATION.iter().copied()))
        .find(doc, i)
        .map(|m| m.end)
}

/// The cue words, each triggered by its first character.
fn cues() -> &'static PhraseTable {
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    TABLE.get_or_init(|| PhraseTable::new(ANCHORS_ZH_NEGATION_CUES.iter().map(|r| (r.0, 0))))
}

/// The cue starting at `i`: (length, negates, modality).
fn cue_at(doc: &Doc, i: usize) -> Option<(usize, bool, Option<Modality>)> {
    let m = cues().find(doc, i)?;
    let &(_, negates, modality) = ANCHORS_ZH_NEGATION_CUES.get(m.row)?;
    Some((m.end - m.start, negates, modality))
}

/// Scans Chinese negation and prohibition cues: (start, end, neg, modality).
pub(super) fn zh_neg_cues(doc: &Doc, cov: &Coverage) -> Vec<ZhNegCue> {
    let mut out = Vec::new();
    if !has_cjk(doc) {
        return out;
    }
    let n = doc.len();
    let mut i = 0;
    while i < n {
        let c = doc.at(i);
        if !cues().is_trigger(c) || cov.is(i) {
            i += 1;
            continue;
        }
        // 而不是 is "rather than", but in 反而不是 / 然而不是 the 而 belongs
        // to the conjunction before it and 不是 negates.
        let conjunction_er = c == '不'
            && doc.before(i) == '而'
            && i >= 2
            && matches!(doc.at(i - 2), '反' | '然' | '因' | '从' | '进' | '继');
        if !conjunction_er && let Some(skip) = not_negation(doc, i) {
            i = skip.max(i + 1);
            continue;
        }
        // A-not-A questions: 是不是, 会不会, 有没有, 能不能
        if matches!(c, '不' | '没') && doc.before(i) == doc.at(i + 1) && is_han(doc.before(i)) {
            i += 1;
            continue;
        }
        match cue_at(doc, i) {
            Some((len, mut neg, m)) => {
                // 不得超过 / 不会超过 / 不能低于: a bound, not a negation
                if c == '不'
                    && ANCHORS_ZH_BOUND_VERBS
                        .iter()
                        .any(|b| doc.starts_with(i + len, b))
                {
                    neg = false;
                }
                out.push((i, i + len, neg, m));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}
