//! TMX translation memories: one pair per `<tu>`, its Chinese `<tuv>`
//! against its English one (`xml:lang`, or `lang` in TMX 1.1, starting with
//! `zh` or `en`; the first of each when a unit has several). A unit that
//! lacks one of them, or whose `<seg>` is empty, is untranslated. Other
//! languages are ignored; a memory with no Chinese or no English at all is
//! refused.

use std::collections::BTreeSet;

use roxmltree::Node;

use super::xml::{self, child, is, line_of, structure_error, text_of};
use super::{Mapped, Paired, RawUnit, Sides, UnitStatus, assemble, lang_of_code};
use crate::error::Error;
use crate::input::{Format, Source};
use crate::lang::Lang;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Read a TMX file.
pub(crate) fn read(source: &Source) -> Result<Paired, Error> {
    let doc = xml::parse(source, Format::Tmx)?;
    let root = doc.root_element();
    if !is(root, "tmx") {
        return Err(structure_error(
            source,
            Format::Tmx,
            Some(root),
            format!(
                "the root element is <{}>, not <tmx>",
                root.tag_name().name()
            ),
        ));
    }
    let text = source.text.as_str();
    let mut units = Vec::new();
    let mut seen = [false; 2];
    let mut languages = BTreeSet::new();
    for tu in root.descendants().filter(|&n| is(n, "tu")) {
        let mut texts: [Option<Mapped>; 2] = [None, None];
        for tuv in tu.children().filter(|&n| is(n, "tuv")) {
            let code = language_code(tuv);
            languages.insert(code.to_string());
            let Some(lang) = lang_of_code(code) else {
                continue;
            };
            let slot = &mut texts[lang as usize];
            if slot.is_none() {
                *slot = Some(
                    child(tuv, "seg")
                        .map(|s| text_of(text, s))
                        .unwrap_or_default(),
                );
                seen[lang as usize] = true;
            }
        }
        let name = match tu.attribute("tuid") {
            Some(id) => format!("tu {id:?} at line {}", line_of(source, tu)),
            None => format!("tu at line {}", line_of(source, tu)),
        };
        let status = status(&texts);
        let [zh, en] = texts;
        units.push(RawUnit {
            name,
            status,
            texts: [zh.unwrap_or_default(), en.unwrap_or_default()],
        });
    }
    for lang in [Lang::Zh, Lang::En] {
        if !units.is_empty() && !seen[lang as usize] {
            let found: Vec<String> = languages.into_iter().filter(|l| !l.is_empty()).collect();
            return Err(structure_error(
                source,
                Format::Tmx,
                None,
                format!(
                    "no {} <tuv> in any <tu> (languages found: {})",
                    lang.name(),
                    if found.is_empty() {
                        "none".to_string()
                    } else {
                        found.join(", ")
                    }
                ),
            ));
        }
    }
    assemble(
        source,
        Format::Tmx,
        units,
        Sides::Declared(Lang::Zh, Lang::En),
    )
}

/// Untranslated when a language is missing or its segment is empty.
fn status(texts: &[Option<Mapped>; 2]) -> UnitStatus {
    for lang in [Lang::En, Lang::Zh] {
        match &texts[lang as usize] {
            None => return UnitStatus::Untranslated(format!("no {} <tuv>", lang.name())),
            Some(t) if t.is_blank() => {
                return UnitStatus::Untranslated(format!("the {} <seg> is empty", lang.name()));
            }
            Some(_) => {}
        }
    }
    UnitStatus::Translated
}

/// The language code of a `<tuv>`: `xml:lang`, or `lang` in TMX 1.1.
fn language_code<'a>(tuv: Node<'a, '_>) -> &'a str {
    tuv.attribute((XML_NS, "lang"))
        .or_else(|| tuv.attribute("lang"))
        .unwrap_or("")
}
