//! What can stop a document from being analysed: the library's one error
//! type.
//!
//! Every variant says what is wrong with the input and names the file (or,
//! for text handed over as a string, the name it was given). None says what
//! to do about it in terms of a particular front end: the command line adds
//! its flags (`--en FILE`, `--max-size`), a batch its file layout.

use std::fmt;
use std::io;

use crate::lang::Lang;

/// Why a document could not be read or analysed.
///
/// ```
/// use clausealign::{Error, Lang, Options};
///
/// let err = clausealign::compare("我们收集您的个人信息。", None, &Options::default()).unwrap_err();
/// assert!(matches!(err, Error::MissingLanguage { missing: Lang::En, .. }));
/// assert_eq!(err.to_string(), "no English text found in <text> (only 0 English words)");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file does not exist.
    NotFound {
        /// The file as named by the caller.
        file: String,
    },
    /// The path names a directory, not a file.
    IsDirectory {
        /// The path as named by the caller.
        file: String,
    },
    /// The file exists but could not be read (permissions, I/O failure).
    Unreadable {
        /// The file as named by the caller.
        file: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// The file is larger than the limit it was read with
    /// ([`ReadOptions::max_bytes`](crate::input::ReadOptions::max_bytes)).
    TooLarge {
        /// The file as named by the caller.
        file: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A stream (standard input) that went on past the limit it was read
    /// with; its full size is unknown.
    StreamTooLarge {
        /// The stream as named by the caller (`<stdin>`).
        file: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The path names neither a regular file nor a folder: a FIFO, a device
    /// (`/dev/zero`), a socket. It is refused before it is opened, since
    /// such a file may block or never end.
    NotRegularFile {
        /// The path as named by the caller.
        file: String,
        /// What it is: `a FIFO (named pipe)`, `a character device`...
        kind: &'static str,
    },
    /// Nothing but white space, zero-width characters and byte-order marks.
    Empty {
        /// The file (or text) as named by the caller.
        file: String,
    },
    /// Binary data rather than text.
    Binary {
        /// The file (or text) as named by the caller.
        file: String,
        /// What it looks like: `PDF`, `PNG image`, `NUL bytes`...
        what: &'static str,
    },
    /// The bytes are neither UTF-8, UTF-16 nor GB18030/GBK.
    Undecodable {
        /// The file as named by the caller.
        file: String,
    },
    /// An HTML page whose visible text is empty (a script-only app shell).
    NoVisibleText {
        /// The page as named by the caller.
        file: String,
    },
    /// A text that should hold both languages holds (nearly) only one.
    MissingLanguage {
        /// The file (or text) as named by the caller.
        file: String,
        /// The language it lacks.
        missing: Lang,
        /// How much of that language it does hold: English words, or Chinese
        /// characters.
        seen: usize,
    },
    /// A text given as one language's version holds none of that language
    /// (the Chinese file given as the English version).
    WrongLanguage {
        /// The file (or text) as named by the caller.
        file: String,
        /// The language it was given as.
        expected: Lang,
    },
    /// A file in a structured format (PO, XLIFF, TMX, CSV, DOCX) that
    /// cannot be read as that format: broken syntax, no units, no Chinese
    /// or English side.
    Malformed {
        /// The file (or text) as named by the caller.
        file: String,
        /// The format it was read as: `PO`, `XLIFF`, `TMX`, `CSV`, `DOCX`.
        format: &'static str,
        /// The 1-based line of the file where the problem is, when there
        /// is one.
        line: Option<usize>,
        /// What is wrong.
        problem: String,
    },
    /// A pre-paired file (PO, XLIFF, TMX, CSV) given as one language's
    /// version: it holds both languages, paired unit by unit.
    PairedFile {
        /// The file as named by the caller.
        file: String,
        /// Its format: `PO`, `XLIFF`, `TMX` or `CSV`.
        format: &'static str,
    },
}

impl Error {
    /// The file (or named text) the error is about.
    ///
    /// ```
    /// use clausealign::{Analyzer, Options};
    ///
    /// let err = Analyzer::new(Options::default())
    ///     .compare_files("no/such/policy.txt".as_ref(), None)
    ///     .unwrap_err();
    /// assert_eq!(err.file(), "no/such/policy.txt");
    /// ```
    pub fn file(&self) -> &str {
        match self {
            Error::NotFound { file }
            | Error::IsDirectory { file }
            | Error::Unreadable { file, .. }
            | Error::TooLarge { file, .. }
            | Error::StreamTooLarge { file, .. }
            | Error::NotRegularFile { file, .. }
            | Error::Empty { file }
            | Error::Binary { file, .. }
            | Error::Undecodable { file }
            | Error::NoVisibleText { file }
            | Error::MissingLanguage { file, .. }
            | Error::WrongLanguage { file, .. }
            | Error::Malformed { file, .. }
            | Error::PairedFile { file, .. } => file,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound { file } => write!(f, "{file}: no such file"),
            Error::IsDirectory { file } => write!(f, "{file}: is a directory, not a file"),
            Error::Unreadable { file, source } => write!(f, "{file}: cannot read: {source}"),
            Error::TooLarge { file, size, limit } => write!(
                f,
                "{file}: the file is {} ({size} bytes), over the input limit of {}",
                human_size(*size),
                human_size(*limit),
            ),
            Error::StreamTooLarge { file, limit } => write!(
                f,
                "{file}: more than {} of input, over the input limit",
                human_size(*limit),
            ),
            Error::NotRegularFile { file, kind } => write!(
                f,
                "{file}: is {kind}, not a regular file (only regular files and standard input are read)"
            ),
            Error::Empty { file } => write!(f, "{file}: the file is empty (no text to align)"),
            Error::Binary { file, what } => {
                write!(f, "{file}: looks like a binary file ({what}), not text")
            }
            Error::Undecodable { file } => write!(
                f,
                "{file}: cannot decode the text: it is neither UTF-8, UTF-16 nor GB18030/GBK"
            ),
            Error::NoVisibleText { file } => write!(
                f,
                "{file}: the page holds no text outside scripts, styles and navigation"
            ),
            Error::MissingLanguage {
                file,
                missing,
                seen,
            } => {
                let unit = match missing {
                    Lang::Zh => "characters",
                    Lang::En => "words",
                };
                let lang = language_name(*missing);
                write!(
                    f,
                    "no {lang} text found in {file} (only {seen} {lang} {unit})"
                )
            }
            Error::WrongLanguage { file, expected } => {
                let lang = language_name(*expected);
                write!(
                    f,
                    "no {lang} text found in {file}; it was given as the {lang} version"
                )
            }
            Error::Malformed {
                file,
                format,
                line,
                problem,
            } => match line {
                Some(line) => write!(
                    f,
                    "{file}: line {line}: cannot read the {format} file: {problem}"
                ),
                None => write!(f, "{file}: cannot read the {format} file: {problem}"),
            },
            Error::PairedFile { file, format } => write!(
                f,
                "{file}: a {format} file holds both languages, paired unit by unit; \
                 it is one document, not one language's version"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Unreadable { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The English name of a language, as messages use it.
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "Chinese",
        Lang::En => "English",
    }
}

/// A byte count in binary units (`K`, `M`, `G` are powers of 1024), as size
/// limits are written: `32M`, `1.5K`, `900`.
///
/// ```
/// assert_eq!(clausealign::error::human_size(32 << 20), "32M");
/// assert_eq!(clausealign::error::human_size(1536), "1.5K");
/// assert_eq!(clausealign::error::human_size(900), "900");
/// ```
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")];
    for (unit, suffix) in UNITS {
        if bytes >= unit {
            let whole = bytes / unit;
            return if bytes.is_multiple_of(unit) {
                format!("{whole}{suffix}")
            } else {
                format!("{:.1}{suffix}", bytes as f64 / unit as f64)
            };
        }
    }
    bytes.to_string()
}
