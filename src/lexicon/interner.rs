//! The string interner of the lexicon: English stems and Chinese headwords
//! get dense ids, and a `&str` slice of the input is looked up without
//! allocating. (`features::Interner`, a different thing, gives ids to the
//! alignment's feature keys.)

use std::borrow::Cow;

use super::hash::{hash_bytes, inline_key};
use super::tables::{Span, Table};

/// One slot of a [`StrInterner`]. `repr(C)`: the built-in lexicon's image
/// holds slots as they are in memory (`blob::Plain`).
#[repr(C)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Slot {
    /// [`inline_key`] of the string.
    pub(super) key: u64,
    /// `hash32 << 32 | (id + 1)`, or 0 when the slot is empty.
    pub(super) meta: u64,
}

impl Slot {
    /// The slot for string `s` with id `id`.
    #[inline]
    pub(super) fn new(s: &[u8], h: u64, id: u32) -> Slot {
        Slot {
            key: inline_key(s),
            meta: (h & 0xFFFF_FFFF_0000_0000) | u64::from(id + 1),
        }
    }

    /// The high 32 bits of the string's hash.
    #[inline]
    pub(super) fn hash32(self) -> u32 {
        (self.meta >> 32) as u32
    }

    /// The string's id.
    #[inline]
    pub(super) fn id(self) -> u32 {
        (self.meta as u32).wrapping_sub(1)
    }
}

/// String interner: an arena of unique strings with an open-addressing index.
///
/// A slot holds the string's first bytes inline (the whole string when it is
/// at most 7 bytes long, which covers most English stems and one- and
/// two-character Chinese words) together with the high 32 bits of its hash
/// (which also select the slot) and its id, so that a lookup usually touches
/// a single cache line.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct StrInterner {
    /// All strings, concatenated (UTF-8).
    pub(super) arena: Table<u8>,
    /// Where every string is in `arena`; the index is the id.
    pub(super) spans: Table<Span>,
    /// Open-addressing table (linear probing); length is a power of two, or
    /// 0 while the strings are not indexed.
    pub(super) slots: Table<Slot>,
    /// Number of occupied slots.
    pub(super) used: usize,
}

/// Number of slots of a [`StrInterner`] for `n` strings (load ≤ 2/3).
pub(super) fn slots_for(n: usize) -> usize {
    (n.max(8) * 3 / 2 + 1).next_power_of_two()
}

impl StrInterner {
    /// Creates an interner sized for about `n` strings of `bytes` total length.
    pub(super) fn with_capacity(n: usize, bytes: usize) -> StrInterner {
        StrInterner {
            arena: Cow::Owned(Vec::with_capacity(bytes)),
            spans: Cow::Owned(Vec::with_capacity(n)),
            slots: Cow::Owned(vec![Slot::default(); slots_for(n)]),
            used: 0,
        }
    }

    /// Number of strings in the arena.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The bytes of the string with id `id` (empty for an invalid id).
    #[inline]
    pub(super) fn bytes(&self, id: u32) -> &[u8] {
        match self.spans.get(id as usize) {
            Some(&span) => self.arena.get(span.range()).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The string with id `id` (empty string for an invalid id).
    pub(super) fn get(&self, id: u32) -> &str {
        std::str::from_utf8(self.bytes(id)).unwrap_or("")
    }

    /// Looks up the string `s` whose slot would be `probe` (only `key` and
    /// the hash part of `probe.meta` are used); returns its id or the index
    /// of the empty slot where it would go (0 if there are no slots).
    #[inline]
    pub(super) fn probe(&self, s: &[u8], probe: Slot) -> Result<u32, usize> {
        let slots: &[Slot] = &self.slots;
        if slots.is_empty() {
            return Err(0);
        }
        let mask = slots.len() - 1;
        let h = probe.hash32();
        let mut i = h as usize & mask;
        loop {
            let slot = slots[i];
            if slot.meta == 0 {
                return Err(i);
            }
            if slot.key == probe.key && slot.hash32() == h {
                let id = slot.id();
                if s.len() <= 7 || self.bytes(id) == s {
                    return Ok(id);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Looks up `s` given its [`hash_bytes`].
    #[inline]
    pub(super) fn find_hashed(&self, s: &[u8], h: u64) -> Option<u32> {
        self.probe(s, Slot::new(s, h, 0)).ok()
    }

    /// Looks `s` up.
    #[inline]
    pub(super) fn find(&self, s: &str) -> Option<u32> {
        let b = s.as_bytes();
        self.find_hashed(b, hash_bytes(b))
    }

    /// Returns the id of `s`, inserting it if needed; the flag tells whether
    /// it was inserted.
    pub(super) fn intern(&mut self, s: &str) -> (u32, bool) {
        let b = s.as_bytes();
        let h = hash_bytes(b);
        match self.probe(b, Slot::new(b, h, 0)) {
            Ok(id) => (id, false),
            Err(_) => {
                let id = self.push_unindexed(s);
                let _ = self.index(Slot::new(b, h, id));
                (id, true)
            }
        }
    }

    /// Appends `s` to the arena without indexing it; returns its id.
    pub(super) fn push_unindexed(&mut self, s: &str) -> u32 {
        let id = self.spans.len() as u32;
        let off = self.arena.len() as u32;
        self.spans.to_mut().push(Span {
            off,
            len: s.len() as u32,
        });
        self.arena.to_mut().extend_from_slice(s.as_bytes());
        id
    }

    /// Indexes the arena string of `slot` (from [`Slot::new`]). If an equal
    /// string is already indexed, nothing changes and its id is returned as
    /// `Err`.
    pub(super) fn index(&mut self, slot: Slot) -> Result<(), u32> {
        if (self.used + 1) * 3 > self.slots.len() * 2 {
            self.grow();
        }
        match self.probe(self.bytes(slot.id()), slot) {
            Ok(existing) => Err(existing),
            Err(i) => {
                self.slots.to_mut()[i] = slot;
                self.used += 1;
                Ok(())
            }
        }
    }

    /// Doubles the number of slots and reinserts everything.
    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, Cow::Owned(vec![Slot::default(); cap]));
        let slots = self.slots.to_mut();
        let mask = cap - 1;
        for &slot in old.iter().filter(|s| s.meta != 0) {
            let mut i = slot.hash32() as usize & mask;
            while slots[i].meta != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }
    }
}
