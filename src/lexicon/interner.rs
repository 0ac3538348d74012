//! The string interner of the lexicon: English stems and Chinese headwords
//! get dense ids, and a `&str` slice of the input is looked up without
//! allocating. (`features::Interner`, a different thing, gives ids to the
//! alignment's feature keys.)

use super::hash::{hash_bytes, inline_key};

/// One slot of a [`StrInterner`].
#[derive(Debug, Default, Clone, Copy)]
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
#[derive(Debug, Default, Clone)]
pub(super) struct StrInterner {
    /// All strings, concatenated.
    pub(super) arena: String,
    /// (offset, length) of every string in `arena`; the index is the id.
    pub(super) spans: Vec<(u32, u32)>,
    /// Open-addressing table (linear probing); length is a power of two.
    pub(super) slots: Vec<Slot>,
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
            arena: String::with_capacity(bytes),
            spans: Vec::with_capacity(n),
            slots: vec![Slot::default(); slots_for(n)],
            used: 0,
        }
    }

    /// Number of strings in the arena.
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The string with id `id` (empty string for an invalid id).
    pub(super) fn get(&self, id: u32) -> &str {
        match self.spans.get(id as usize) {
            Some(&(off, len)) => self
                .arena
                .get(off as usize..(off + len) as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    /// Looks up the string `s` whose slot would be `probe` (only `key` and
    /// the hash part of `probe.meta` are used); returns its id or the index
    /// of the empty slot where it would go.
    #[inline]
    pub(super) fn probe(&self, s: &[u8], probe: Slot) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let h = probe.hash32();
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.meta == 0 {
                return Err(i);
            }
            if slot.key == probe.key && slot.hash32() == h {
                let id = slot.id();
                if s.len() <= 7 {
                    return Ok(id);
                }
                let (off, len) = self.spans[id as usize];
                if self
                    .arena
                    .as_bytes()
                    .get(off as usize..(off + len) as usize)
                    == Some(s)
                {
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
        self.spans.push((self.arena.len() as u32, s.len() as u32));
        self.arena.push_str(s);
        id
    }

    /// Indexes the arena string of `slot` (from [`Slot::new`]). If an equal
    /// string is already indexed, nothing changes and its id is returned as
    /// `Err`.
    pub(super) fn index(&mut self, slot: Slot) -> Result<(), u32> {
        if (self.used + 1) * 3 > self.slots.len() * 2 {
            self.grow();
        }
        let s = self.get(slot.id()).as_bytes();
        match self.probe(s, slot) {
            Ok(existing) => Err(existing),
            Err(i) => {
                self.slots[i] = slot;
                self.used += 1;
                Ok(())
            }
        }
    }

    /// Doubles the number of slots and reinserts everything.
    pub(super) fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        let mask = cap - 1;
        for slot in old.into_iter().filter(|s| s.meta != 0) {
            let mut i = slot.hash32() as usize & mask;
            while self.slots[i].meta != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}
