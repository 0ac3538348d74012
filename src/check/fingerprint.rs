//! Stable finding ids.
//!
//! A reviewer accepts a finding once (a baseline, see `crate::review`) and
//! expects it to stay accepted when the policy is edited elsewhere. So a
//! finding's id is a fingerprint of what it is about, never of where it is:
//! the kind, the rule that reported it, the values it compares and the text
//! of the clauses it names, each normalised (white space collapsed, Markdown
//! emphasis and a leading numbering label dropped, lower case). Line
//! numbers, byte offsets and clause ids are left out, so moving a clause or
//! renumbering a section keeps the id. A clause whose normalised text is
//! longer than `LONG_CLAUSE` (4,096) bytes enters as a hash of that text, so that
//! the ids of many findings on one huge line cost linear time.
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

/// Normalised clause texts longer than this many bytes enter the
/// fingerprint as a hash of their text rather than the text itself. A long
/// line (one clause of megabytes) can hold a finding per value, and hashing
/// the whole clause for each of them took time quadratic in its length.
/// Real clauses are far shorter, so their ids are those of the text.
pub(crate) const LONG_CLAUSE: usize = 4096;

/// What a clause's text contributes to a fingerprint: its normalised text,
/// or for a long clause a marker byte (0xfe, which UTF-8 never holds, so no
/// text gives the same field) and the FNV-1a 64 of that text.
fn clause_field(text: &str) -> Vec<u8> {
    let norm = normalize_for_id(text);
    if norm.len() <= LONG_CLAUSE {
        return norm.into_bytes();
    }
    let mut field = vec![0xfe];
    field.extend_from_slice(
        &Fnv64::default()
            .field(norm.as_bytes())
            .finish()
            .to_le_bytes(),
    );
    field
}

/// The clause fields of one check, computed once per clause named by a
/// finding (not once per finding).
#[derive(Default)]
struct ClauseFields {
    zh: FxHashMap<usize, Vec<u8>>,
    en: FxHashMap<usize, Vec<u8>>,
}

impl ClauseFields {
    fn get<'s>(&'s mut self, report: &Report, lang: Lang, id: usize) -> Option<&'s [u8]> {
        let c = report.clauses(lang).get(id)?;
        let map = match lang {
            Lang::Zh => &mut self.zh,
            Lang::En => &mut self.en,
        };
        Some(map.entry(id).or_insert_with(|| clause_field(&c.text)))
    }
}

/// The fingerprint of one finding before duplicates are numbered.
fn base(rule: Rule, f: &Finding, report: &Report, fields: &mut ClauseFields) -> u64 {
    let mut h = Fnv64::default()
        .field(f.kind.name().as_bytes())
        .field(rule.name().as_bytes());
    for value in [&f.zh_value, &f.en_value] {
        h = h.field(normalize_for_id(value.as_deref().unwrap_or("")).as_bytes());
    }
    for (lang, ids) in [(Lang::Zh, &f.zh), (Lang::En, &f.en)] {
        for &i in ids {
            if let Some(field) = fields.get(report, lang, i) {
                h = h.field(field);
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
    let mut fields = ClauseFields::default();
    for (rule, f) in findings.iter_mut() {
        let b = base(*rule, f, report, &mut fields);
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

    #[test]
    fn long_clauses_enter_as_a_hash_of_their_text() {
        let short = "We **may** share your data. ".repeat(100);
        assert_eq!(clause_field(&short), normalize_for_id(&short).into_bytes());
        let long = "We may share your data. ".repeat(200);
        let field = clause_field(&long);
        assert_eq!(field.len(), 9);
        assert_eq!(field[0], 0xfe);
        assert_ne!(field, clause_field(&"We may sell your data. ".repeat(200)));
        // The same normalised text gives the same field.
        assert_eq!(field, clause_field(&long.replace(". ", ".  ")));
    }
}
