//! XLIFF 1.2 and 2.x: one pair per unit (1.2 `<trans-unit>`) or segment
//! (2.x `<segment>`), the languages from the file's declarations.
//!
//! * 1.2: each `<file>` declares `source-language` and `target-language`;
//!   `<trans-unit>`s (inside `<body>`, possibly in `<group>`s) hold a
//!   `<source>` and a `<target>` with a `state`.
//! * 2.x: the root declares `srcLang` and `trgLang`; each `<unit>` holds
//!   `<segment>`s (and `<ignorable>`s, white space between segments) with
//!   a `<source>`, a `<target>` and the segment's `state`.
//!
//! Units marked `translate="no"`, the PO header that `po2xliff` carries
//! over (`restype="x-gettext-domain-header"`), and plural forms the target
//! language lacks (an empty target in a gettext plural group after a
//! translated form) are not checked. A missing or empty target
//! is untranslated, and so is a 1.2 target in state `new` or
//! `needs-translation`; a 1.2 state `needs-review-…`, `needs-adaptation` or
//! `needs-l10n`, and a 2.x state `initial` on a target, mark a translation
//! not final ([`UnitStatus::Fuzzy`]).

use roxmltree::Node;

use super::xml::{self, child, is, line_of, structure_error, text_of};
use super::{Mapped, Paired, RawUnit, Sides, UnitStatus, assemble, lang_of_code};
use crate::error::Error;
use crate::input::{Format, Source};
use crate::lang::Lang;

/// Read an XLIFF file.
pub(crate) fn read(source: &Source) -> Result<Paired, Error> {
    let doc = xml::parse(source, Format::Xliff)?;
    let root = doc.root_element();
    if root.tag_name().name() != "xliff" {
        return Err(structure_error(
            source,
            Format::Xliff,
            Some(root),
            format!(
                "the root element is <{}>, not <xliff>",
                root.tag_name().name()
            ),
        ));
    }
    let version = root.attribute("version").unwrap_or("");
    let two = version.starts_with('2');
    let mut units = Vec::new();
    let mut sides: Option<Sides> = None;
    if two {
        sides = Some(declared(
            source,
            root,
            root.attribute("srcLang"),
            root.attribute("trgLang"),
        )?);
        for unit in root.descendants().filter(|&n| is(n, "unit")) {
            if unit.attribute("translate") == Some("no") {
                continue;
            }
            read_unit_2(source, unit, &mut units);
        }
    } else {
        for file in root.children().filter(|&n| is(n, "file")) {
            let file_sides = declared(
                source,
                file,
                file.attribute("source-language"),
                file.attribute("target-language"),
            )?;
            match (sides, file_sides) {
                (Some(Sides::Declared(a, _)), Sides::Declared(b, _)) if a != b => {
                    return Err(structure_error(
                        source,
                        Format::Xliff,
                        Some(file),
                        "its <file> elements translate in opposite directions",
                    ));
                }
                (None, s) | (Some(Sides::Unknown), s) => sides = Some(s),
                _ => {}
            }
            for unit in file.descendants().filter(|&n| is(n, "trans-unit")) {
                // A PO header carried over by po2xliff is not a pair.
                if unit.attribute("translate") == Some("no")
                    || unit.attribute("restype") == Some("x-gettext-domain-header")
                {
                    continue;
                }
                let raw = read_unit_1(source, unit);
                if extra_plural_form(unit, &raw) {
                    continue;
                }
                units.push(raw);
            }
        }
    }
    assemble(
        source,
        Format::Xliff,
        units,
        sides.unwrap_or(Sides::Unknown),
    )
}

/// The sides a file declares. A declared language other than Chinese and
/// English is an error; an undeclared target is the other language.
fn declared(
    source: &Source,
    node: Node,
    src: Option<&str>,
    trg: Option<&str>,
) -> Result<Sides, Error> {
    let lang = |code: Option<&str>| -> Result<Option<Lang>, Error> {
        match code {
            None | Some("") => Ok(None),
            Some(code) => lang_of_code(code).map(Some).ok_or_else(|| {
                structure_error(
                    source,
                    Format::Xliff,
                    Some(node),
                    format!("the language {code} is neither Chinese nor English"),
                )
            }),
        }
    };
    Ok(match (lang(src)?, lang(trg)?) {
        (Some(a), Some(b)) => Sides::Declared(a, b),
        (Some(a), None) => Sides::Declared(a, a.other()),
        (None, Some(b)) => Sides::Declared(b.other(), b),
        (None, None) => Sides::Unknown,
    })
}

/// A plural form the target language does not have: an empty target in
/// a gettext plural group (`restype="x-gettext-plurals"`, as po2xliff
/// writes one) after a form that is translated. Chinese has one plural
/// form, so the English plural has no counterpart of its own.
fn extra_plural_form(unit: Node, raw: &RawUnit) -> bool {
    let Some(group) = unit
        .parent()
        .filter(|g| g.attribute("restype") == Some("x-gettext-plurals"))
    else {
        return false;
    };
    let empty =
        |u: Node| child(u, "target").is_none_or(|t| t.text().is_none_or(|x| x.trim().is_empty()));
    raw.texts[1].is_blank()
        && group
            .children()
            .filter(|&n| is(n, "trans-unit"))
            .take_while(|&n| n != unit)
            .any(|n| !empty(n))
}

/// A 1.2 `<trans-unit>`.
fn read_unit_1(source: &Source, unit: Node) -> RawUnit {
    let text = source.text.as_str();
    let name = format!(
        "trans-unit {:?} at line {}",
        unit.attribute("id").unwrap_or(""),
        line_of(source, unit)
    );
    let source_text = child(unit, "source")
        .map(|n| text_of(text, n))
        .unwrap_or_default();
    let target = child(unit, "target");
    let state = target.and_then(|t| t.attribute("state"));
    let target_text = target.map(|n| text_of(text, n)).unwrap_or_default();
    let status = match (target, state) {
        (None, _) => UnitStatus::Untranslated("no <target>".into()),
        _ if target_text.is_blank() => UnitStatus::Untranslated("<target> is empty".into()),
        (_, Some(s @ ("new" | "needs-translation"))) => {
            UnitStatus::Untranslated(format!("state is {s}"))
        }
        (_, Some(s)) if s.starts_with("needs-") => UnitStatus::Fuzzy(format!("state is {s}")),
        _ => UnitStatus::Translated,
    };
    RawUnit {
        name,
        status,
        texts: [source_text, target_text],
    }
}

/// The segments of a 2.x `<unit>`.
fn read_unit_2(source: &Source, unit: Node, out: &mut Vec<RawUnit>) {
    let text = source.text.as_str();
    let id = unit.attribute("id").unwrap_or("");
    let segments: Vec<Node> = unit.children().filter(|&n| is(n, "segment")).collect();
    let several = segments.len() > 1;
    for (k, segment) in segments.into_iter().enumerate() {
        let name = if several {
            let sid = segment
                .attribute("id")
                .map_or_else(|| (k + 1).to_string(), str::to_string);
            format!(
                "unit {id:?} segment {sid:?} at line {}",
                line_of(source, segment)
            )
        } else {
            format!("unit {id:?} at line {}", line_of(source, segment))
        };
        let source_text: Mapped = child(segment, "source")
            .map(|n| text_of(text, n))
            .unwrap_or_default();
        let target = child(segment, "target");
        let target_text = target.map(|n| text_of(text, n)).unwrap_or_default();
        let status = match (target, segment.attribute("state")) {
            (None, _) => UnitStatus::Untranslated("no <target>".into()),
            _ if target_text.is_blank() => UnitStatus::Untranslated("<target> is empty".into()),
            (_, Some("initial")) => UnitStatus::Fuzzy("state is initial".into()),
            _ => UnitStatus::Translated,
        };
        out.push(RawUnit {
            name,
            status,
            texts: [source_text, target_text],
        });
    }
}
