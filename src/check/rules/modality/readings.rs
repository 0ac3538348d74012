//! The readings of a modal cue (possibility, permission, obligation,
//! future; `data/words/check/modal-readings.tsv`) and how sure a difference
//! between two cues' readings is.

use crate::anchors::{Anchor, AnchorValue, Modality};
use crate::lang::Lang;
use crate::words::CHECK_MODAL_READINGS;

use super::english::{committing_will, negated_before, permission_after};

/// What a modal cue can mean, as a set of readings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Readings(pub(super) u8);

impl Readings {
    pub(super) const POSSIBILITY: u8 = 1;
    pub(super) const PERMISSION: u8 = 2;
    pub(super) const OBLIGATION: u8 = 4;
    pub(super) const FUTURE: u8 = 8;

    /// The readings of the table row for `word`, if it has one.
    fn listed(word: &str) -> Option<Readings> {
        let k = CHECK_MODAL_READINGS
            .binary_search_by(|row| row.0.cmp(word))
            .ok()?;
        let (_, p, m, o, f) = CHECK_MODAL_READINGS[k];
        let bit = |on: bool, r: u8| if on { r } else { 0 };
        Some(Readings(
            bit(p, Self::POSSIBILITY)
                | bit(m, Self::PERMISSION)
                | bit(o, Self::OBLIGATION)
                | bit(f, Self::FUTURE),
        ))
    }

    pub(super) fn of(lang: Lang, a: &Anchor, body: &str) -> Readings {
        // A traditional cue (須, 應該) reads as its simplified form.
        let surface = crate::lang::simplified(&a.surface).to_lowercase();
        let listed = match lang {
            Lang::En => surface
                .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
                .find_map(Self::listed),
            Lang::Zh => surface
                .char_indices()
                .map(|(k, c)| k + c.len_utf8())
                .rev()
                .find_map(|end| Self::listed(&surface[..end])),
        };
        // 是否需要采取行动 "whether to take action": a modal inside an
        // embedded question asserts nothing.
        if lang == Lang::Zh && body.get(..a.start).is_some_and(|b| b.ends_with("是否")) {
            return Readings::default();
        }
        if let Some(r) = listed {
            // "not required to", "do not need to", "don't have to", "no
            // need to": a negated obligation permits not doing, as 无需 and
            // 不必 do.
            if lang == Lang::En && r.0 == Self::OBLIGATION && negated_before(body, a.start) {
                return Readings(Self::PERMISSION);
            }
            // "shall be free to", "will be entitled to": a permission, as
            // 可自由 and 有权 are, in the form of a "shall" (應可自由).
            if lang == Lang::En
                && r.0 & (Self::OBLIGATION | Self::FUTURE) != 0
                && permission_after(body, a.end)
            {
                return Readings(r.0 | Self::PERMISSION);
            }
            // "we will delete", "you will send": a party's commitment.
            if lang == Lang::En
                && r.0 == Self::FUTURE
                && surface == "will"
                && committing_will(body, a)
            {
                return Readings(Self::FUTURE | Self::OBLIGATION);
            }
            return r;
        }
        let AnchorValue::Modality(m) = &a.value else {
            return Readings::default();
        };
        Readings(match m {
            Modality::Permission => Self::PERMISSION,
            Modality::Obligation => Self::OBLIGATION,
            Modality::Future => Self::FUTURE,
            // "may not" forbids, or only allows that something does not
            // happen; 绝不会 is the promise "will never". Other prohibitions
            // are the negation rule's.
            Modality::Prohibition => {
                if lang == Lang::En
                    && (surface.starts_with("may ") || surface.starts_with("might "))
                {
                    Self::POSSIBILITY | Self::PERMISSION
                } else if lang == Lang::Zh
                    && (surface.ends_with("不会")
                        || surface == "会"
                            && body.get(..a.start).is_some_and(|b| b.ends_with('不')))
                {
                    Self::FUTURE
                } else {
                    0
                }
            }
        })
    }

    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(super) fn union(self, other: Readings) -> Readings {
        Readings(self.0 | other.0)
    }

    pub(super) fn shares(self, other: Readings) -> bool {
        self.0 & other.0 != 0
    }

    pub(super) fn each(self) -> impl Iterator<Item = u8> {
        [
            Self::POSSIBILITY,
            Self::PERMISSION,
            Self::OBLIGATION,
            Self::FUTURE,
        ]
        .into_iter()
        .filter(move |r| self.0 & r != 0)
    }
}

/// How sure a difference between two readings is: a possibility or a
/// permission against an obligation is a changed promise, a possibility
/// against a future nearly so ("may share" against "will share"); a
/// permission against a future is mostly a way of saying (可通过…访问 for
/// "will be accessible"); an obligation against a future, or a possibility
/// against a permission, is no difference.
fn reading_conflict(a: u8, b: u8) -> f64 {
    const P: u8 = Readings::POSSIBILITY;
    const M: u8 = Readings::PERMISSION;
    const O: u8 = Readings::OBLIGATION;
    const F: u8 = Readings::FUTURE;
    match (a.min(b), a.max(b)) {
        (P, O) => 0.85,
        (M, O) => 0.8,
        (P, F) => 0.75,
        (M, F) => 0.45,
        _ => 0.0,
    }
}

/// How sure a difference between two cues is: no difference when they share
/// a reading; otherwise the mean difference of their readings taken two by
/// two (an ambiguous cue, "may", is less surely different).
pub(super) fn conflict_confidence(a: Readings, b: Readings) -> f64 {
    if a.is_empty() || b.is_empty() || a.shares(b) {
        return 0.0;
    }
    let all: Vec<f64> = a
        .each()
        .flat_map(|x| b.each().map(move |y| reading_conflict(x, y)))
        .collect();
    all.iter().sum::<f64>() / all.len() as f64
}
