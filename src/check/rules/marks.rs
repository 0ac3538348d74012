//! Marks: what a pre-paired file (PO, XLIFF, TMX, CSV) says of its own
//! pairs. A unit the file leaves untranslated (an empty `msgstr`, no
//! `<target>`, an XLIFF state `new`, an empty cell) is an omission; a
//! translation it marks as not final (a fuzzy entry, an XLIFF state asking
//! for review) is reported as [`FindingKind::Fuzzy`]. Both are warnings.
//!
//! An untranslated unit is claimed whole: whatever its target holds (often
//! a copy of the source) is not compared. A fuzzy unit is claimed by
//! nothing, so the rules after this one still report what differs in it.

use crate::check::claims::{Claims, Outcome};
use crate::check::context::{Context, quote};
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::Lang;
use crate::model::UnitStatus;

/// Phase [`Rule::Marks`](crate::check::Rule::Marks): one finding per unit
/// the file marks untranslated or fuzzy.
pub(crate) fn marks(ctx: &Context, claimed: &Claims) -> Outcome {
    let report = ctx.report;
    let mut out = Outcome::default();
    for (pair, unit) in report.pairs.iter().zip(&report.units) {
        let (kind, message) = match &unit.status {
            UnitStatus::Translated => continue,
            UnitStatus::Untranslated(why) => (
                FindingKind::Omission,
                format!("not translated: {why} ({})", unit.name),
            ),
            UnitStatus::Fuzzy(why) => (
                FindingKind::Fuzzy,
                format!("translation not final: {why} ({})", unit.name),
            ),
        };
        let ids = |lang: Lang| -> Vec<usize> {
            let ids = match lang {
                Lang::Zh => &pair.zh,
                Lang::En => &pair.en,
            };
            ids.iter()
                .copied()
                .filter(|&id| !claimed.touches(lang, id))
                .collect()
        };
        let (zh, en) = (ids(Lang::Zh), ids(Lang::En));
        // Quote the text the unit has, Chinese first.
        let quoted = [(Lang::Zh, &zh), (Lang::En, &en)]
            .into_iter()
            .find_map(|(lang, ids)| ids.first().map(|&id| &ctx.clauses(lang)[id].text));
        let message = match quoted {
            Some(text) => format!("{message}: {}", quote(text)),
            None => message,
        };
        if kind == FindingKind::Omission {
            for &id in &zh {
                out.claims.clause(Lang::Zh, id);
            }
            for &id in &en {
                out.claims.clause(Lang::En, id);
            }
        }
        out.findings.push(Finding {
            id: String::new(),
            kind,
            severity: Severity::Warning,
            // The file itself says so.
            confidence: 0.95,
            zh,
            en,
            zh_value: None,
            en_value: None,
            message,
        });
    }
    out
}
