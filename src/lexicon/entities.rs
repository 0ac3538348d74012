//! Proper names: `entities.tsv` lines `中文名<TAB>English Name|Other Name`.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::interner::StrInterner;
use super::tables::{Span, Table};
use super::tsv::split_line;

/// The proper names of a lexicon: Chinese name → English names, most common
/// first.
#[derive(Debug, Default, Clone)]
pub(super) struct EntityTable {
    /// The Chinese names; the id is the entity's index, in file order (a
    /// name listed twice is one entity).
    pub(super) zh: StrInterner,
    /// The English names, concatenated (UTF-8).
    pub(super) name_arena: Table<u8>,
    /// Where every English name is in `name_arena`.
    pub(super) name_spans: Table<Span>,
    /// Per entity: its English names, a span of `name_spans`.
    pub(super) names_of: Table<Span>,
    /// The English names as `String`s, in `name_spans` order, made on first
    /// use: [`Lexicon::entity_names`](super::Lexicon::entity_names) hands out
    /// `&[String]`, and the tables themselves may live in the binary.
    strings: OnceLock<Vec<String>>,
}

impl PartialEq for EntityTable {
    /// Equal tables (the `String` cache is derived from them).
    fn eq(&self, other: &EntityTable) -> bool {
        self.zh == other.zh
            && self.name_arena == other.name_arena
            && self.name_spans == other.name_spans
            && self.names_of == other.names_of
    }
}

impl EntityTable {
    /// Parses the text of `entities.tsv`.
    pub(super) fn parse(text: &str) -> EntityTable {
        let lines = text.lines().count();
        let mut zh_names = StrInterner::with_capacity(lines, text.len() / 3);
        let mut names: Vec<Vec<&str>> = Vec::with_capacity(lines);
        for line in text.split('\n') {
            let Some((zh, field)) = split_entity_line(line) else {
                continue;
            };
            let (id, new) = zh_names.intern(zh);
            if new {
                names.push(entity_names_of(field).collect());
            } else if let Some(list) = names.get_mut(id as usize) {
                // A name listed again: add the English names not seen yet.
                for n in entity_names_of(field) {
                    if !list.contains(&n) {
                        list.push(n);
                    }
                }
            }
        }
        let mut arena = Vec::with_capacity(text.len() / 2);
        let mut name_spans = Vec::with_capacity(names.len() * 2);
        let mut names_of = Vec::with_capacity(names.len());
        for list in &names {
            names_of.push(Span {
                off: name_spans.len() as u32,
                len: list.len() as u32,
            });
            for n in list {
                name_spans.push(Span {
                    off: arena.len() as u32,
                    len: n.len() as u32,
                });
                arena.extend_from_slice(n.as_bytes());
            }
        }
        EntityTable {
            zh: zh_names,
            name_arena: Cow::Owned(arena),
            name_spans: Cow::Owned(name_spans),
            names_of: Cow::Owned(names_of),
            strings: OnceLock::new(),
        }
    }

    /// Number of entities.
    pub(super) fn len(&self) -> usize {
        self.names_of.len()
    }

    /// All English names as `String`s, made on the first call.
    fn strings(&self) -> &[String] {
        self.strings.get_or_init(|| {
            self.name_spans
                .iter()
                .map(|s| {
                    let bytes = self.name_arena.get(s.range()).unwrap_or(&[]);
                    String::from_utf8_lossy(bytes).into_owned()
                })
                .collect()
        })
    }

    /// The English names of entity `id`.
    fn names_at(&self, id: u32) -> &[String] {
        let span = self.names_of.get(id as usize).copied().unwrap_or_default();
        self.strings().get(span.range()).unwrap_or(&[])
    }

    /// The English names of the Chinese name `zh`.
    pub(super) fn names(&self, zh: &str) -> Option<&[String]> {
        self.zh.find(zh).map(|id| self.names_at(id))
    }

    /// The entities as (Chinese name, English names), in file order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        (0..self.len() as u32).map(|id| (self.zh.get(id), self.names_at(id)))
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
