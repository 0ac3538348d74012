//! Hashing of byte strings for the lexicon's tables, and the prefix filter
//! built on it.
//!
//! The hash is fixed (no per-process seed): the tables built from the same
//! data are the same in every process, and the built-in lexicon's tables,
//! hashed by the build script, are valid at run time.

use std::borrow::Cow;
use std::hash::Hasher;

use super::tables::Table;

/// Multiplicative constant of the FxHash family.
const FX_K: u64 = 0x517c_c1b7_2722_0a95;

/// Final avalanche of a 64-bit value (from SplitMix64).
#[inline]
fn mix64(mut h: u64) -> u64 {
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 29;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 32)
}

/// Up to 7 leading bytes of `s` plus, in the top byte, the length (if at
/// most 7) or 0xFF: equal keys of strings of at most 7 bytes mean equal
/// strings.
#[inline]
pub(super) fn inline_key(s: &[u8]) -> u64 {
    let n = s.len();
    if let Some(b) = s.first_chunk::<8>() {
        return (u64::from_le_bytes(*b) & 0x00FF_FFFF_FFFF_FFFF) | (0xFF << 56);
    }
    // Fewer than 8 bytes: assemble from 4-, 2- and 1-byte reads.
    let mut v = 0u64;
    let mut i = 0;
    if n & 4 != 0
        && let Some(b) = s.first_chunk::<4>()
    {
        v = u64::from(u32::from_le_bytes(*b));
        i = 4;
    }
    if n & 2 != 0
        && let Some(b) = s.get(i..).and_then(<[u8]>::first_chunk::<2>)
    {
        v |= u64::from(u16::from_le_bytes(*b)) << (i * 8);
        i += 2;
    }
    if n & 1 != 0
        && let Some(&b) = s.get(i)
    {
        v |= u64::from(b) << (i * 8);
    }
    v | ((n as u64) << 56)
}

/// Fast non-cryptographic hash of a byte string: the mixed [`inline_key`]
/// for strings of up to 7 bytes (most stems, one- and two-character Chinese
/// words), FxHash over 8-byte words otherwise.
#[inline]
pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
    if bytes.len() <= 7 {
        return mix64(inline_key(bytes));
    }
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(FX_K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(FX_K);
    }
    mix64(h)
}

/// A [`Hasher`] using [`hash_bytes`]; used for the English stem cache.
#[derive(Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes) ^ self.0.rotate_left(17);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = self.0.rotate_left(5) ^ u64::from(i);
    }
}

/// A one-hash Bloom filter over strings (headwords and all their prefixes):
/// a clear bit means that no headword starts with the string, so the
/// segmenter can stop extending a candidate word.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct PrefixFilter {
    /// The bits; the length is a power of two (an empty filter may contain
    /// anything).
    pub(super) bits: Table<u64>,
}

impl PrefixFilter {
    /// An empty filter of `n_bits` bits (rounded up to a power of two ≥ 64).
    pub(super) fn new(n_bits: usize) -> PrefixFilter {
        PrefixFilter {
            bits: Cow::Owned(vec![0; n_bits.next_power_of_two().max(64) / 64]),
        }
    }

    /// Word index and mask of a hash (the low hash bits; the interner uses
    /// the high ones).
    #[inline]
    fn bit(&self, h: u64) -> (usize, u64) {
        let bit = (h as usize) & (self.bits.len() * 64).wrapping_sub(1);
        (bit / 64, 1u64 << (bit % 64))
    }

    /// Whether the string of hash `h` may have been added (false positives
    /// possible, no false negatives).
    #[inline]
    pub(super) fn may_contain(&self, h: u64) -> bool {
        let (i, m) = self.bit(h);
        self.bits.get(i).is_none_or(|b| b & m != 0)
    }

    /// Adds the prefixes of `zh` (including `zh`) longer than `known_prefix`
    /// bytes; returns the length of `zh` in chars.
    pub(super) fn add(&mut self, zh: &str, known_prefix: usize) -> usize {
        let mut chars = 0;
        for (i, c) in zh.char_indices() {
            chars += 1;
            let end = i + c.len_utf8();
            if end > known_prefix {
                let (w, m) = self.bit(hash_bytes(&zh.as_bytes()[..end]));
                if let Some(b) = self.bits.to_mut().get_mut(w) {
                    *b |= m;
                }
            }
        }
        chars
    }

    /// Adds everything `other` contains.
    pub(super) fn union(&mut self, other: &PrefixFilter) {
        let bits = self.bits.to_mut();
        if other.bits.len() == bits.len() {
            for (a, b) in bits.iter_mut().zip(other.bits.iter()) {
                *a |= b;
            }
        } else {
            // Filters of different sizes cannot be merged bit by bit (and
            // `from_tsv` never builds them): keep it correct by setting every
            // bit, i.e. "any string may be a prefix".
            bits.fill(u64::MAX);
        }
    }
}
