//! The built-in lexicon as one binary image: `build/lexicon.rs` builds the
//! [`Tables`] from `data/lexicon/` with the crate's own code (`tsv`) and
//! [`write`]s them to `$OUT_DIR/lexicon.bin`; the crate embeds that file
//! (`include_bytes!`, aligned to 8 bytes) and [`read`]s it in place: every
//! table becomes a slice borrowed from the binary, so loading parses and
//! copies nothing, and only the pages a run looks at are ever read from
//! disk.
//!
//! # Format
//!
//! The magic bytes [`MAGIC`] (which include the format version), then the
//! fields of [`Tables`] in the order of [`visit`]: a number is 8 bytes, a
//! table is its length in bytes (8 bytes) followed by its entries and zero
//! padding up to a multiple of 8 bytes, so that every table starts 8-byte
//! aligned. Everything is little-endian, whatever the build host. A
//! little-endian target (x86-64, AArch64, …) borrows the aligned tables
//! as they are; a big-endian one decodes them into owned tables once.

use std::borrow::Cow;

use super::interner::{Slot, StrInterner};
use super::tables::{Span, Table, Tables};

/// The first bytes of an image; the last two are the format version.
pub(super) const MAGIC: [u8; 8] = *b"CALEXI01";

/// Bytes aligned to 8, for an `include_bytes!` image that [`read`] borrows
/// tables of `u64` from: `&Aligned(*include_bytes!(...))`.
#[repr(C, align(8))]
pub(super) struct Aligned<B: ?Sized>(pub(super) B);

/// A value a table holds: written and read as little-endian bytes, and
/// borrowed in place from an aligned image on a little-endian target.
///
/// # Safety
///
/// The type is a primitive integer or a `#[repr(C)]` struct of them without
/// padding, so that every bit pattern of its size is a valid value.
pub(super) unsafe trait Plain: Copy + 'static {
    /// Appends the value's little-endian bytes.
    // The writing half runs in the build script (and the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    fn put(self, out: &mut Vec<u8>);
    /// The value of `size_of::<Self>()` little-endian bytes.
    fn get(bytes: &[u8]) -> Self;
}

/// The little-endian integer at `bytes[at..at + N]` (0 if out of bounds).
fn le<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    bytes
        .get(at..at + N)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; N])
}

// SAFETY: primitive integers; every bit pattern is valid.
unsafe impl Plain for u8 {
    fn put(self, out: &mut Vec<u8>) {
        out.push(self);
    }
    fn get(bytes: &[u8]) -> u8 {
        u8::from_le_bytes(le(bytes, 0))
    }
}

// SAFETY: as above.
unsafe impl Plain for u32 {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(bytes: &[u8]) -> u32 {
        u32::from_le_bytes(le(bytes, 0))
    }
}

// SAFETY: as above.
unsafe impl Plain for u64 {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(bytes: &[u8]) -> u64 {
        u64::from_le_bytes(le(bytes, 0))
    }
}

// SAFETY: `#[repr(C)]` struct of two `u32`s, no padding.
unsafe impl Plain for Span {
    fn put(self, out: &mut Vec<u8>) {
        self.off.put(out);
        self.len.put(out);
    }
    fn get(bytes: &[u8]) -> Span {
        Span {
            off: u32::from_le_bytes(le(bytes, 0)),
            len: u32::from_le_bytes(le(bytes, 4)),
        }
    }
}

// SAFETY: `#[repr(C)]` struct of two `u64`s, no padding.
unsafe impl Plain for Slot {
    fn put(self, out: &mut Vec<u8>) {
        self.key.put(out);
        self.meta.put(out);
    }
    fn get(bytes: &[u8]) -> Slot {
        Slot {
            key: u64::from_le_bytes(le(bytes, 0)),
            meta: u64::from_le_bytes(le(bytes, 8)),
        }
    }
}

/// Something that walks the fields of [`Tables`] (see [`visit`]).
trait Visitor {
    /// A number.
    fn number(&mut self, v: &mut usize);
    /// A table.
    fn table<T: Plain>(&mut self, t: &mut Table<T>);

    /// The fields of an interner.
    fn interner(&mut self, s: &mut StrInterner) {
        self.table(&mut s.arena);
        self.table(&mut s.spans);
        self.table(&mut s.slots);
        self.number(&mut s.used);
    }
}

/// Walks the fields of `t` in the order of the format: the one place that
/// defines it, for both [`write`] and [`read`].
fn visit(t: &mut Tables, v: &mut impl Visitor) {
    v.number(&mut t.n_words);
    v.number(&mut t.max_chars);
    v.interner(&mut t.stems);
    v.interner(&mut t.words);
    v.table(&mut t.word_trans);
    v.table(&mut t.trans);
    v.table(&mut t.prefixes.bits);
    v.table(&mut t.single);
    v.table(&mut t.stop_bits);
    v.interner(&mut t.entities.zh);
    v.table(&mut t.entities.name_arena);
    v.table(&mut t.entities.name_spans);
    v.table(&mut t.entities.names_of);
}

/// Serializes `tables` into an image.
// Called by build/lexicon.rs (and the tests), not by the crate.
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn write(mut tables: Tables) -> Vec<u8> {
    struct Writer(Vec<u8>);
    impl Visitor for Writer {
        fn number(&mut self, v: &mut usize) {
            (*v as u64).put(&mut self.0);
        }
        fn table<T: Plain>(&mut self, t: &mut Table<T>) {
            ((t.len() * size_of::<T>()) as u64).put(&mut self.0);
            for &x in t.iter() {
                x.put(&mut self.0);
            }
            self.0.resize(self.0.len().next_multiple_of(8), 0);
        }
    }
    let mut w = Writer(MAGIC.to_vec());
    visit(&mut tables, &mut w);
    w.0
}

/// Reads an image written by [`write`]; the tables borrow from it.
pub(super) fn read(image: &'static [u8]) -> Result<Tables, String> {
    struct Reader {
        image: &'static [u8],
        pos: usize,
        error: Option<String>,
    }
    impl Reader {
        /// The next `n` bytes, then skips to the next multiple of 8.
        fn take(&mut self, n: usize) -> &'static [u8] {
            let image = self.image;
            match image.get(self.pos..self.pos.saturating_add(n)) {
                Some(b) => {
                    self.pos = (self.pos + n).next_multiple_of(8);
                    b
                }
                None => {
                    self.error.get_or_insert_with(|| {
                        format!("truncated at byte {} of {}", self.pos, image.len())
                    });
                    self.pos = image.len();
                    &[]
                }
            }
        }
    }
    impl Visitor for Reader {
        fn number(&mut self, v: &mut usize) {
            let n = u64::get(self.take(8));
            *v = usize::try_from(n).unwrap_or_else(|_| {
                self.error
                    .get_or_insert_with(|| format!("number {n} too large"));
                0
            });
        }
        fn table<T: Plain>(&mut self, t: &mut Table<T>) {
            let mut len = 0;
            self.number(&mut len);
            let bytes = self.take(len);
            if bytes.len() % size_of::<T>() != 0 {
                self.error
                    .get_or_insert_with(|| format!("table of {len} bytes"));
            }
            *t = table(bytes);
        }
    }
    if image.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err("not a lexicon image of this version".into());
    }
    let mut r = Reader {
        image,
        pos: MAGIC.len(),
        error: None,
    };
    let mut tables = Tables::default();
    visit(&mut tables, &mut r);
    match r.error {
        Some(e) => Err(e),
        None if r.pos != image.len() => Err(format!("{} bytes left over", image.len() - r.pos)),
        None => Ok(tables),
    }
}

/// The table of the little-endian entries `bytes`: borrowed when the
/// target is little-endian and `bytes` is aligned for `T`, decoded into an
/// owned table otherwise.
fn table<T: Plain>(bytes: &'static [u8]) -> Table<T> {
    if cfg!(target_endian = "little")
        && let Some(t) = cast(bytes)
    {
        return Cow::Borrowed(t);
    }
    Cow::Owned(bytes.chunks_exact(size_of::<T>()).map(T::get).collect())
}

/// `bytes` as a slice of `T`, if it is aligned for `T` and a whole number
/// of them.
fn cast<T: Plain>(bytes: &[u8]) -> Option<&[T]> {
    // SAFETY: `T: Plain`, so any bytes of the right size are a valid `T`;
    // `align_to` only hands out the part of `bytes` that is aligned for `T`,
    // and the result is used only if that part is all of `bytes`.
    let (head, body, tail) = unsafe { bytes.align_to::<T>() };
    (head.is_empty() && tail.is_empty()).then_some(body)
}
