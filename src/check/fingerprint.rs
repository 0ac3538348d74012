//! Stable finding ids.
//!
//! A reviewer accepts a finding once (a baseline, see `crate::review`) and
//! expects it to stay accepted when the policy is edited elsewhere. So a
//! finding's id is a fingerprint of what it is about, never of where it is:
//! the kind, the rule that reported it, the values it compares and the text
//! of the clauses it names, each normalised (white space collapsed, Markdown
//! emphasis and a leading numbering label dropped, lower case). Line
//! numbers, byte offsets and clause ids are left out, so moving a clause or
//! renumbering a section keeps the id.
//!
//! Two findings with the same fingerprint (the same clause repeated in a
//! document) are told apart by an occurrence counter in document order: the
//! second gets the fingerprint of the first with the counter mixed in.
//!
//! The hash is FNV-1a 64, written out here because std's `DefaultHasher`
//! may change between Rust releases and ids are kept in files.

use rustc_hash::FxHashMap;

use super::{Finding, Rule};
use crate::lang::Lang;
use crate::model::Report;
use crate::numbering::parse_label;
use crate::text::normalize;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a 64 of a sequence of fields: each field's bytes, then a 0xff
/// separator (a byte UTF-8 never holds), so `("ab", "c")` and `("a", "bc")`
/// differ.
#[derive(Clone, Copy, Debug)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(FNV_OFFSET)
    }
}

impl Fnv64 {
    /// Mix in one field.
    pub fn field(mut self, bytes: &[u8]) -> Self {
        for &b in bytes.iter().chain(&[0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
        self
    }

    /// The hash so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Text as the fingerprint sees it: normalised white space, no leading
/// numbering label (`2.`, `（三）`, `第五条`, `#`), no Markdown emphasis or
/// code marks, lower case.
pub fn normalize_for_id(text: &str) -> String {
    let text = normalize(text);
    let body = match parse_label(&text) {
        Some(label) if label.len < text.len() => &text[label.len..],
        _ => text.as_str(),
    };
    let stripped: String = body
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '~'))
        .flat_map(char::to_lowercase)
        .collect();
    normalize(&stripped)
}

/// The fingerprint of one finding before duplicates are numbered.
fn base(rule: Rule, f: &Finding, report: &Report) -> u64 {
    let mut h = Fnv64::default()
        .field(f.kind.name().as_bytes())
        .field(rule.name().as_bytes());
    for value in [&f.zh_value, &f.en_value] {
        h = h.field(normalize_for_id(value.as_deref().unwrap_or("")).as_bytes());
    }
    for (lang, ids) in [(Lang::Zh, &f.zh), (Lang::En, &f.en)] {
        let clauses = report.clauses(lang);
        for &i in ids {
            if let Some(c) = clauses.get(i) {
                h = h.field(normalize_for_id(&c.text).as_bytes());
            }
        }
        // Ends one side's clauses, so a clause cannot move between sides.
        h = h.field(b"|");
    }
    h.finish()
}

/// Fill in the `id` of each finding, given the rule that reported it.
/// `findings` must be in document order: duplicates are numbered in it.
pub(crate) fn assign(report: &Report, findings: &mut [(Rule, Finding)]) {
    let mut seen: FxHashMap<u64, u64> = FxHashMap::default();
    for (rule, f) in findings.iter_mut() {
        let b = base(*rule, f, report);
        let n = seen.entry(b).or_insert(0);
        let id = if *n == 0 {
            b
        } else {
            Fnv64::default()
                .field(&b.to_le_bytes())
                .field(&n.to_le_bytes())
                .finish()
        };
        *n += 1;
        f.id = format!("{id:016x}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; our fields add a 0xff
        // separator, so check the raw function on known input too.
        let mut h = FNV_OFFSET;
        for &b in b"a" {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
        assert_eq!(h, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(
            Fnv64::default().field(b"ab").field(b"c").finish(),
            Fnv64::default().field(b"a").field(b"bc").finish()
        );
    }

    #[test]
    fn normalisation_drops_labels_markup_case_and_spacing() {
        assert_eq!(
            normalize_for_id("2.  We **may** share\n your data."),
            "we may share your data."
        );
        assert_eq!(
            normalize_for_id("（三）我们不会出售您的信息。"),
            "我们不会出售您的信息。"
        );
        assert_eq!(
            normalize_for_id("第五条 我们不会出售您的信息。"),
            "我们不会出售您的信息。"
        );
        assert_eq!(normalize_for_id("# Contact"), "contact");
    }
}
