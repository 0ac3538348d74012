//! Claims: the text a rule has reported, which the rules after it leave
//! alone. A sentence added to one version is one omission, not also a
//! negation, a modality and a number finding; a flipped negation is not
//! also a changed modal. Each rule returns its claims with its findings and
//! the driver hands the claims of all earlier phases to the next one (see
//! [`super::PHASES`]).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::anchors::Anchor;
use crate::lang::Lang;
use crate::text::SpanSet;

/// A byte range in a clause body.
pub(crate) type Span = (usize, usize);

/// Byte ranges of clause bodies, by language and clause id.
#[derive(Debug, Default)]
pub(crate) struct Claims {
    spans: FxHashMap<(Lang, usize), Claimed>,
}

/// The claimed ranges of one clause, and the same as a [`SpanSet`] once
/// asked (a value rule can claim a range per value of a long line, and a
/// scan of them per anchor was quadratic).
#[derive(Debug, Default)]
struct Claimed {
    spans: Vec<Span>,
    set: OnceLock<SpanSet>,
}

impl Claimed {
    fn push(&mut self, span: Span) {
        self.spans.push(span);
        self.set = OnceLock::new();
    }

    fn set(&self) -> &SpanSet {
        self.set.get_or_init(|| SpanSet::new(self.spans.clone()))
    }
}

impl Claims {
    /// Claim a byte range of a clause body.
    pub(crate) fn span(&mut self, lang: Lang, id: usize, span: Span) {
        self.spans.entry((lang, id)).or_default().push(span);
    }

    /// Claim a whole clause.
    pub(crate) fn clause(&mut self, lang: Lang, id: usize) {
        self.span(lang, id, (0, usize::MAX));
    }

    /// Whether any of a clause is claimed.
    pub(crate) fn touches(&self, lang: Lang, id: usize) -> bool {
        self.spans.contains_key(&(lang, id))
    }

    /// Whether an anchor of a clause starts in claimed text.
    pub(crate) fn hides(&self, lang: Lang, id: usize, anchor: &Anchor) -> bool {
        self.spans
            .get(&(lang, id))
            .is_some_and(|c| c.set().holds(anchor.start))
    }

    /// Whether byte `pos` of a clause is claimed (an anchor starting there
    /// is hidden).
    pub(crate) fn hides_pos(&self, lang: Lang, id: usize, pos: usize) -> bool {
        self.spans
            .get(&(lang, id))
            .is_some_and(|c| c.set().holds(pos))
    }

    /// Add the claims of a later rule.
    pub(crate) fn extend(&mut self, other: Claims) {
        for (key, claimed) in other.spans {
            let mine = self.spans.entry(key).or_default();
            for span in claimed.spans {
                mine.push(span);
            }
        }
    }
}

/// What a rule found: its findings and the text it claims.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Findings, in the order the rule made them.
    pub(crate) findings: Vec<super::Finding>,
    /// Text the findings report, for the rules after this one to leave alone.
    pub(crate) claims: Claims,
}

impl Outcome {
    /// Add the outcome of the same rule on another part of the document.
    pub(crate) fn extend(&mut self, other: Outcome) {
        self.findings.extend(other.findings);
        self.claims.extend(other.claims);
    }
}
