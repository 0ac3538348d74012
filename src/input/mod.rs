//! Input: read a file, decide its encoding and markup, and keep the way back
//! from the decoded text to the bytes of the file.
//!
//! Every later stage works on [`Source::text`], a Rust `String`. Output,
//! however, speaks of the *file*: clause byte offsets and 1-based line numbers
//! refer to the bytes the user gave us. A [`Source`] therefore keeps a map from
//! text offsets to file offsets (identity for plain UTF-8, a shift for a BOM, a
//! table of break points for GB18030, UTF-16 or text extracted from HTML) and
//! the file's line starts. Lines end at `\n`, `\r\n` or a lone `\r`, as in
//! Python's universal newlines.
//!
//! The jobs are split by submodule: [`source`] is the decoded text and its
//! map, `decode` turns bytes into a [`Source`] (refusing binary data), and
//! [`html`] pulls the visible text out of a web page and [`markdown`] the
//! text a reader sees out of Markdown. [`formats`] decides which format a
//! file is in (by its content, the extension as a hint) and reads the
//! structured ones: DOCX, and the pre-paired PO, XLIFF, TMX and CSV files.
//! This module reads files and bundles the sources of one document
//! ([`DocumentInput`]).

mod decode;
pub mod formats;
pub mod html;
pub mod markdown;
pub mod source;

use std::path::Path;
use std::sync::Arc;

use crate::error::Error;
use crate::lang::Lang;

pub use decode::{decode, from_text};
pub use formats::{Columns, Paired, PairedUnit, UnitStatus};
pub use source::{Encoding, Format, Replaced, Source};

use decode::from_text_plain;

/// Default upper bound on the size of one input file, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Options for reading a file.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Refuse files larger than this many bytes.
    pub max_bytes: u64,
    /// Force a format; `None` decides by the content, with the file
    /// extension as a hint ([`formats::detect`]).
    pub format: Option<Format>,
    /// Which columns of a CSV or TSV sheet hold which language; `None`
    /// reads them from a header row or the script of the cells.
    pub columns: Option<Columns>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            format: None,
            columns: None,
        }
    }
}

/// Read and decode a file as one text (one language's version, or a
/// bilingual text). A pre-paired file is refused with
/// [`Error::PairedFile`]; [`DocumentInput::read_one`] reads those.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Source, Error> {
    let bytes = read_bytes(path, opts)?;
    formats::read_source(
        &path.display().to_string(),
        &bytes,
        hint_of_path(path),
        opts,
    )
}

/// The name standard input goes by: a path of `-` reads it.
pub const STDIN_PATH: &str = "-";

/// All of standard input, never more than `max_bytes` (one byte past the
/// limit is read to tell, never more), named `<stdin>` in errors.
pub fn read_stdin(max_bytes: u64) -> Result<Vec<u8>, Error> {
    read_limited(std::io::stdin().lock(), "<stdin>", None, max_bytes)
}

/// The bytes of a file, never more than `opts.max_bytes`.
///
/// The size of a regular file is checked before it is read, so a huge file
/// costs nothing, and the read itself goes through a limit too, so a file
/// that grows while it is read cannot exceed it. Anything that is not a
/// regular file (a FIFO, a device such as `/dev/zero`, a socket) is refused
/// from its metadata *before* it is opened: opening a FIFO without a writer
/// blocks, and a device has no size to check. Standard input (`-`) is the
/// one stream read, through the same limit.
pub(crate) fn read_bytes(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, Error> {
    let file = || path.display().to_string();
    if path.as_os_str() == STDIN_PATH {
        return read_stdin(opts.max_bytes);
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { file: file() }
        } else {
            Error::Unreadable {
                file: file(),
                source: e,
            }
        }
    })?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { file: file() });
    }
    if !meta.is_file() {
        return Err(Error::NotRegularFile {
            file: file(),
            kind: special_file_kind(&meta.file_type()),
        });
    }
    if meta.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            file: file(),
            size: meta.len(),
            limit: opts.max_bytes,
        });
    }
    let handle = std::fs::File::open(path).map_err(|e| Error::Unreadable {
        file: file(),
        source: e,
    })?;
    // The path may have been replaced between the check and the open.
    let opened = handle.metadata().map_err(|e| Error::Unreadable {
        file: file(),
        source: e,
    })?;
    if !opened.is_file() {
        return Err(Error::NotRegularFile {
            file: file(),
            kind: special_file_kind(&opened.file_type()),
        });
    }
    read_limited(handle, &file(), Some(&opened), opts.max_bytes)
}

/// Read at most `limit` bytes; one byte more is an error. `meta` (a regular
/// file's) gives the size the error reports when the file grew.
fn read_limited(
    reader: impl std::io::Read,
    name: &str,
    meta: Option<&std::fs::Metadata>,
    limit: u64,
) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(meta.map_or(0, |m| m.len().min(limit) as usize));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Unreadable {
            file: name.to_string(),
            source: e,
        })?;
    if bytes.len() as u64 > limit {
        return Err(match meta {
            Some(m) if m.len() > limit => Error::TooLarge {
                file: name.to_string(),
                size: m.len(),
                limit,
            },
            _ => Error::StreamTooLarge {
                file: name.to_string(),
                limit,
            },
        });
    }
    Ok(bytes)
}

/// What a file that is neither a regular file nor a folder is, for messages.
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = kind;
    "a special file"
}

/// The format a file name suggests ([`formats::hint_of_extension`]), if
/// its extension says one.
pub fn hint_of_path(path: &Path) -> Option<Format> {
    formats::hint_of_extension(path.extension()?.to_str()?)
}

/// A document's text, read but not yet analysed: one bilingual source, or
/// one source per language.
#[derive(Clone, Debug)]
pub enum DocumentInput {
    /// One file holding both languages.
    One(Arc<Source>),
    /// A Chinese file and an English file.
    Two {
        /// The Chinese version.
        zh: Arc<Source>,
        /// The English version.
        en: Arc<Source>,
    },
    /// A pre-paired file (PO, XLIFF, TMX, CSV): its units are the pairs.
    Paired(Arc<Paired>),
}

impl DocumentInput {
    /// Read a file holding both languages: a bilingual text, or a
    /// pre-paired file.
    pub fn read_one(path: &Path, opts: &ReadOptions) -> Result<DocumentInput, Error> {
        let bytes = read_bytes(path, opts)?;
        formats::read_document(
            &path.display().to_string(),
            &bytes,
            hint_of_path(path),
            opts,
        )
    }

    /// Read a Chinese file and an English file.
    pub fn read_two(zh: &Path, en: &Path, opts: &ReadOptions) -> Result<DocumentInput, Error> {
        Ok(DocumentInput::Two {
            zh: Arc::new(read_file(zh, opts)?),
            en: Arc::new(read_file(en, opts)?),
        })
    }

    /// Read a bilingual file (`en` is `None`) or a Chinese and an English
    /// file.
    pub fn read(zh: &Path, en: Option<&Path>, opts: &ReadOptions) -> Result<DocumentInput, Error> {
        match en {
            None => DocumentInput::read_one(zh, opts),
            Some(en) => DocumentInput::read_two(zh, en, opts),
        }
    }

    /// Texts handed over as strings: one holding both languages (`en` is
    /// `None`, named `<text>` in messages), or a Chinese and an English text
    /// (named `<zh>` and `<en>`).
    pub fn from_texts(zh: &str, en: Option<&str>) -> Result<DocumentInput, Error> {
        Ok(match en {
            None => formats::document_from_text("<text>", zh)?,
            Some(en) => DocumentInput::Two {
                zh: Arc::new(from_text("<zh>", zh)?),
                en: Arc::new(from_text("<en>", en)?),
            },
        })
    }

    /// The source of one language.
    pub fn source(&self, lang: Lang) -> &Arc<Source> {
        match (self, lang) {
            (DocumentInput::One(s), _) => s,
            (DocumentInput::Two { zh, .. }, Lang::Zh) => zh,
            (DocumentInput::Two { en, .. }, Lang::En) => en,
            (DocumentInput::Paired(p), lang) => p.source(lang),
        }
    }
}
