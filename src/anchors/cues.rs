//! Negation and modality cues.
//!
//! One consistent rule for the checker: a prohibition (`不得`, `禁止`,
//! `shall not`, `cannot`, `prohibited`) is **one** Modal anchor with
//! [`Modality::Prohibition`] **and** one Negation anchor. A negated
//! obligation (`无需`, `不必`, `need not`, `not required to`) is one
//! Negation plus a Modal [`Modality::Permission`]; a negated future
//! (`不会`, `will not`) is one Negation plus a Modal [`Modality::Future`].
//! Other modal + negation pairs are just the two separate cues.
//!
//! Chinese and English are both scanned in either language, because clauses
//! often mix scripts (English quotations in Chinese text). The cue words are
//! data (`data/words/anchors/{zh,en}-*.tsv`); the rules that read them are in
//! `negation_zh`, `negation_en`, `modal_zh` and `modal_en`.
//!
//! ## Negation cues ([`AnchorKind::Negation`], value [`AnchorValue::Polarity`])
//!
//! Chinese: 不 (and 不得/不能/不可/不会/不应/不必/不需要/不要/不再…), 未, 未经,
//! 未能, 无, 无需/无须, 无法, 无权, 没有, 没, 并非/绝非, 非经, 勿/请勿/切勿, 禁止,
//! 严禁, 拒绝. English: not, n't, cannot, no, never, neither, nor, none,
//! nothing, nobody, without, unable, unauthorized, fail(s/ed) to / failure
//! to, prohibit(ed), forbid(den), refuse (as a verb), refusal, deny. Each cue
//! is one anchor (double negation = two). **Not** cues: look-alikes (未来,
//! 未成年, 无论, 不论, 不仅, 并非仅, 无线, 非常, 不断, 不同, 不少, 不久, 不时, 而不是,
//! 是否, 否则, 能否, A-not-A questions 是不是/有没有), lexicalised negative
//! adjectives that English writes with a prefix (无效 invalid, 非法, 不当, 不合理,
//! 不准确, 不完整, 不可撤销 irrevocable, 不可转让, 非排他, 无偿, 无限; and English
//! `non-`, `un-`, `in-` prefixes are likewise not counted — except
//! `unauthorized` = 未经授权), bounds (不超过, 不少于, 不满, 未满, 不得超过, 不会超过,
//! `no later than`, `no more than`, `not less than`, `not exceeding`, `not
//! exceed`), boilerplate (包括但不限于, 不限于, `not limited to`, `without
//! limitation`, `not only`, `whether or not`, `with or without`, `no
//! matter`), `No. 5`, hyphen compounds `no-charge`, `除非`/`unless` and
//! `否则`/`otherwise` (conditions, not negations), 不包括/不包含 (= excluding).
//! `Nothing in this Agreement…` *is* a negation (its translation has 不).
//!
//! ## Modality ([`AnchorKind::Modal`], value [`AnchorValue::Modality`])
//!
//! One scale per language: Obligation (必须 应当 应该 应 应予 须 需要 需 务必
//! 有义务 有责任 不得不; must, shall, should, ought to, is required/obliged
//! to, have to, need to, require(s) with its object: "requires a plan"),
//! Permission/possibility (可以 可 可能 能 能够 有权
//! 被允许; may, might, can, could, is entitled/permitted/allowed/able to,
//! enable/allow/permit someone to,
//! have the right to; negated obligations 无需 无须 不必 不需要, need not,
//! not required to, does not require), Prohibition (不得 不能 不可 不应 不允许 不准 不要 勿 禁止 严禁
//! 无法 无权; must/shall/may/should not, cannot, could not, is not
//! allowed/permitted/entitled to, unable to, prohibited, forbidden, imperative
//! `Do not`), Future (将 会 将会 将要 即将 不会; will, would, won't, is going
//! to). Future is kept apart from Obligation; a checker will usually compare
//! it loosely (Chinese 会/不会 often renders an English present tense).
//! Ability and prohibition are not distinguished (`cannot`/`不能`/`无法`).
//! Look-alikes that are not modal: 许可 认可 应用 相应 回应 应计 须知 需求 所需
//! 可是 可见 可靠 可用 可识别的 (可 + 1–3 chars + 的 = -able adjective) 可能性
//! 尽可能 功能 性能 会议 会员 委员会 社会 大会 将来 将近, ba-construction 将其/将您的…
//! (将 is Future only before a verb, adverb or preposition), 允许 as a main
//! verb, 可能会 (one Permission, not also Future); `May` the month, `free
//! will`, `the will`, `a can`, `a must`, `the need to`, definitional `shall
//! mean`.

use super::doc::{Coverage, Doc, is_latin_alnum};
use super::{Anchor, AnchorKind, AnchorValue, Modality};

mod modal_en;
mod modal_zh;
mod negation_en;
mod negation_zh;

pub use modal_en::EnModalWord;

/// Does the text contain any character of the CJK blocks (UTF-8 lead byte
/// 0xE3–0xE9 or a 4-byte sequence)? A cheap byte scan that lets the Chinese
/// passes skip pure-Latin clauses.
fn has_cjk(doc: &Doc) -> bool {
    doc.text
        .bytes()
        .any(|b| (0xE3..=0xE9).contains(&b) || b >= 0xF0)
}

fn adjacent(doc: &Doc, k: usize, j: usize) -> bool {
    match (doc.word(k), doc.word(j)) {
        (Some(a), Some(b)) => doc.only_spaces(a.e, b.s, 2),
        _ => false,
    }
}

/// Lowercase word `k + d` if it directly follows (only spaces between).
fn next_w<'d>(doc: &'d Doc, k: usize, d: usize) -> &'d str {
    let mut cur = k;
    for _ in 0..d {
        if !adjacent(doc, cur, cur + 1) {
            return "";
        }
        cur += 1;
    }
    doc.wlc(cur)
}

/// Lowercase word `k - d` if it directly precedes (only spaces between).
fn prev_w<'d>(doc: &'d Doc, k: usize, d: usize) -> &'d str {
    let mut cur = k;
    for _ in 0..d {
        let Some(p) = cur.checked_sub(1) else {
            return "";
        };
        if !adjacent(doc, p, cur) {
            return "";
        }
        cur = p;
    }
    doc.wlc(cur)
}

/// One Chinese negation or prohibition cue: start, end, whether it negates,
/// and the modality it expresses.
type ZhNegCue = (usize, usize, bool, Option<Modality>);

/// The Chinese negation and prohibition cues of a clause, scanned on first
/// use and shared by [`negations`] and [`modals`], which both need them.
#[derive(Default)]
pub(super) struct ZhNegCues(std::cell::OnceCell<Vec<ZhNegCue>>);

impl ZhNegCues {
    /// The cues of `doc` outside `cov` (the same `doc` and `cov` on every call).
    fn get(&self, doc: &Doc, cov: &Coverage) -> &[ZhNegCue] {
        self.0.get_or_init(|| negation_zh::zh_neg_cues(doc, cov))
    }
}

/// Negation cues, Chinese and English.
pub(super) fn negations(doc: &Doc, cov: &Coverage, negs: &ZhNegCues, out: &mut Vec<Anchor>) {
    for &(s, e, neg, _) in negs.get(doc, cov) {
        if neg {
            out.push(Anchor::new(
                doc,
                AnchorKind::Negation,
                AnchorValue::Polarity,
                s,
                e,
            ));
        }
    }
    for (s, e) in negation_en::en_neg_cues(doc, cov) {
        out.push(Anchor::new(
            doc,
            AnchorKind::Negation,
            AnchorValue::Polarity,
            s,
            e,
        ));
    }
}

/// Modal cues, Chinese and English (see the module documentation for the
/// combined rules).
pub(super) fn modals(doc: &Doc, cov: &Coverage, negs: &ZhNegCues, out: &mut Vec<Anchor>) {
    // Chinese: negated forms first, then the positive modals outside them.
    modal_zh::zh_modals(doc, cov, negs.get(doc, cov), out);
    let mut en = Vec::new();
    modal_en::en_modals(doc, cov, &mut en);
    for (s, e, m) in en {
        if is_latin_alnum(doc.at(s)) {
            out.push(Anchor::new(
                doc,
                AnchorKind::Modal,
                AnchorValue::Modality(m),
                s,
                e,
            ));
        }
    }
}
