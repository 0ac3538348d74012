//! Proper names: `entities.tsv` lines `中文名<TAB>English Name|Other Name`.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::hash::FxHasher;
use super::tsv::split_line;

/// A Chinese proper name and its English names.
#[derive(Debug, Clone)]
pub(super) struct Entity {
    /// The Chinese name.
    pub(super) zh: String,
    /// English names, most common first.
    pub(super) names: Vec<String>,
}

/// The parsed proper names of a [`Lexicon`].
#[derive(Debug, Clone, Default)]
pub(super) struct Entities {
    /// Entities in file order (a name listed twice is merged).
    pub(super) list: Vec<Entity>,
    /// Chinese name → index into `list`.
    pub(super) by_zh: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
}

impl Entities {
    /// Parses the text of `entities.tsv`.
    pub(super) fn parse(text: &str) -> Entities {
        let mut e = Entities::default();
        for line in text.split('\n') {
            let Some((zh, field)) = split_entity_line(line) else {
                continue;
            };
            let names = entity_names_of(field);
            match e.by_zh.get(zh) {
                Some(&i) => {
                    if let Some(ent) = e.list.get_mut(i as usize) {
                        for n in names {
                            if !ent.names.iter().any(|x| x == n) {
                                ent.names.push(n.to_string());
                            }
                        }
                    }
                }
                None => {
                    e.by_zh.insert(zh.to_string(), e.list.len() as u32);
                    e.list.push(Entity {
                        zh: zh.to_string(),
                        names: names.map(str::to_string).collect(),
                    });
                }
            }
        }
        e
    }
}

/// Splits a line of `entities.tsv` into the Chinese name and the English
/// names field; `None` if there is no name.
pub(super) fn split_entity_line(line: &str) -> Option<(&str, &str)> {
    let (zh, rest) = split_line(line)?;
    entity_names_of(rest).next()?;
    Some((zh, rest))
}

/// The non-empty `|`-separated names of an `entities.tsv` names field.
pub(super) fn entity_names_of(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|n| !n.is_empty())
}
