//! Chinese modal cues: words of two or more characters (必须, 应当, 可以,
//! 有权, 将会: `data/words/anchors/zh-modal-cues.tsv`) and one-character
//! modals with their rules here (应, 须, 需, 可, 能, 会, 将, the legal 得
//! "may", 允许/准许 after 被/获, and 或 "perhaps" before 将, 会 or 可). A one-character modal inside another word (反应, 功能, 会议:
//! `zh-not-modal.tsv`) expresses nothing; 将 is the future only before the
//! characters of `zh-future-after-jiang.tsv`.

use std::sync::OnceLock;

use super::{ZhNegCue, has_cjk};
use crate::anchors::doc::{Coverage, Doc};
use crate::anchors::phrases::PhraseTable;
use crate::anchors::{Anchor, AnchorKind, AnchorValue, Modality};
use crate::lang::is_han;
use crate::words::{
    ANCHORS_ZH_FUTURE_AFTER_JIANG, ANCHORS_ZH_MAY_DE_BEFORE, ANCHORS_ZH_MODAL_CUES,
    ANCHORS_ZH_NOT_MAY_DE_AFTER, ANCHORS_ZH_NOT_MODAL,
};

/// Characters after 才能 that make it the noun "talent" (才能的, 才能和).
const ZH_NOT_AFTER_CAI_NENG: [char; 6] = ['的', '和', '与', '及', '或', '等'];

/// The modal words of two or more characters, each triggered by its first
/// character.
fn modal_words() -> &'static PhraseTable {
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    TABLE.get_or_init(|| PhraseTable::new(ANCHORS_ZH_MODAL_CUES.iter().map(|r| (r.0, 0))))
}

/// Is the one-character modal at `i` part of another word (反应, 会议)?
fn in_other_word(doc: &Doc, i: usize) -> bool {
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    TABLE
        .get_or_init(|| PhraseTable::new(ANCHORS_ZH_NOT_MODAL.iter().copied()))
        .find(doc, i)
        .is_some()
}

/// Characters that can start a modal cue.
fn is_modal_trigger(c: char) -> bool {
    modal_words().is_trigger(c)
        || matches!(
            c,
            '应' | '须' | '需' | '可' | '能' | '允' | '准' | '会' | '将' | '得' | '或'
        )
}

/// The modal cue starting at `i`: (length, modality).
fn zh_modal_at(doc: &Doc, i: usize) -> Option<(usize, Modality)> {
    use Modality::*;
    if let Some(m) = modal_words().find(doc, i) {
        let &(word, modality) = ANCHORS_ZH_MODAL_CUES.get(m.row)?;
        // 可以说 "one may say" asserts nothing
        if word == "可以" && doc.at(i + 2) == '说' {
            return None;
        }
        return Some((m.end - m.start, modality));
    }
    let p = doc.before(i);
    let nx = doc.at(i + 1);
    // 才能 is the noun "talent" (zh-not-modal.tsv) unless a verb follows:
    // 只有…才能参与 "may only participate if".
    if doc.at(i) == '能' && p == '才' && is_han(nx) && !ZH_NOT_AFTER_CAI_NENG.contains(&nx) {
        return Some((1, Modality::Permission));
    }
    // 或将, 或会, 或可: the "may" of formal Chinese, 或 "perhaps" before a
    // modal (您的信息或将与合作伙伴共享 "may be shared"). Only where the modal
    // after it is one by its own rules: 或将其删除 is "or delete it".
    if doc.at(i) == '或' {
        return match nx {
            '将' | '会' | '可' => zh_modal_at(doc, i + 1).map(|(n, _)| (n + 1, Permission)),
            _ => None,
        };
    }
    if in_other_word(doc, i) {
        return None;
    }
    match doc.at(i) {
        '应' => {
            // 应计养恤金 / 应付账款: accounting terms, but 应计入 is "should count"
            if nx == '计' && doc.at(i + 2) != '入' {
                return None;
            }
            Some((if nx == '予' { 2 } else { 1 }, Obligation))
        }
        '须' => Some((1, Obligation)),
        '需' => Some((if nx == '要' { 2 } else { 1 }, Obligation)),
        '可' => {
            // 可能 (possibility); 可能性 and 可能的 are in zh-not-modal.tsv
            if nx == '能' {
                return Some((2, Permission));
            }
            // -able adjectives: 可 + 1–3 characters + 的
            if (2..=4).any(|d| doc.at(i + d) == '的' && (1..d).all(|x| is_han(doc.at(i + x)))) {
                return None;
            }
            Some((1, Permission))
        }
        '能' => Some((1, Permission)),
        '允' | '准' => {
            // 被允许 / 获准许: a passive permission; the bare verb "allow" is not modal
            let passive = matches!(p, '被' | '获')
                && (doc.starts_with(i, "允许") || doc.starts_with(i, "准许"));
            passive.then_some((2, Permission))
        }
        '会' => Some((1, Future)),
        // The "may" of legal Chinese: after a subject or an adverb, before
        // a verb (我們得隨時修訂).
        '得' => {
            let may = ANCHORS_ZH_MAY_DE_BEFORE.binary_search(&p).is_ok()
                && is_han(nx)
                && ANCHORS_ZH_NOT_MAY_DE_AFTER.binary_search(&nx).is_err();
            may.then_some((1, Permission))
        }
        '将' => {
            // Right after a modal verb (可以将通知发送…, 必须将其删除) 将 marks
            // the object: the modal before it is the cue.
            const MODAL_BEFORE: &[&str] = &[
                "可以", "能够", "应当", "应该", "必须", "需要", "不得", "不能", "不可", "无须",
                "无需", "得以",
            ];
            if MODAL_BEFORE.iter().any(|m| doc.ends_with(i, m)) {
                return None;
            }
            // Future only before a verb, adverb or preposition; otherwise it
            // is the ba-construction (将其/将您的信息…) or a noun (将来, 将近).
            let future =
                ANCHORS_ZH_FUTURE_AFTER_JIANG.binary_search(&nx).is_ok() && p != '大' && p != '即';
            future.then_some((1, Future))
        }
        _ => None,
    }
}

/// Scans the Chinese modal cues outside the negated ones (`negs`, already
/// Modal anchors when they carry a modality) and appends their anchors.
pub(super) fn zh_modals(doc: &Doc, cov: &Coverage, negs: &[ZhNegCue], out: &mut Vec<Anchor>) {
    let mut blocked = vec![false; if negs.is_empty() { 0 } else { doc.len() }];
    for &(s, e, _, m) in negs {
        // 不/未/无 + following modal without a modality of its own: the
        // modal still counts
        if let Some(m) = m {
            out.push(Anchor::new(
                doc,
                AnchorKind::Modal,
                AnchorValue::Modality(m),
                s,
                e,
            ));
            for b in blocked.iter_mut().take(e).skip(s) {
                *b = true;
            }
        }
    }
    let n = if has_cjk(doc) { doc.len() } else { 0 };
    let mut i = 0;
    while i < n {
        let c = doc.at(i);
        if !is_modal_trigger(c) || cov.is(i) || blocked.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if let Some((len, m)) = zh_modal_at(doc, i) {
            if !(i..i + len).any(|k| blocked.get(k).copied().unwrap_or(false)) {
                out.push(Anchor::new(
                    doc,
                    AnchorKind::Modal,
                    AnchorValue::Modality(m),
                    i,
                    i + len,
                ));
            }
            i += len;
        } else {
            i += 1;
        }
    }
}
