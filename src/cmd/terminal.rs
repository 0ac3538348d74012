//! What `align` and `check` need to know about where they read and write:
//! the terminal's width, whether to colour, standard input as `-`, and
//! whether the output file is one of the inputs.

use std::path::{Path, PathBuf};

use clausealign::export::DEFAULT_WIDTH;

use super::values::ColorArg;

/// The name a file argument gives standard input.
pub const STDIN_ARG: &str = "-";
/// How standard input is named in messages and reports.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether a file argument means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN_ARG
}

/// Display columns of the text output: `--width`, else, on a terminal,
/// `COLUMNS` or the terminal's own width; [`DEFAULT_WIDTH`] into a pipe or
/// a file, so that output there does not depend on who ran it.
pub fn width(flag: Option<u16>, to_terminal: bool) -> usize {
    if let Some(w) = flag {
        return usize::from(w);
    }
    if !to_terminal {
        return DEFAULT_WIDTH;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            console::Term::stdout()
                .size_checked()
                .map(|(_, cols)| usize::from(cols))
        })
        .unwrap_or(DEFAULT_WIDTH)
}

/// Whether to colour: `always`, `never`, or (`auto`) on a terminal when
/// `NO_COLOR` is unset or empty (https://no-color.org).
pub fn colour(when: ColorArg, to_terminal: bool) -> bool {
    match when {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Read all of standard input, refusing more than `limit` bytes (the
/// library's bounded read; the error says how to raise the limit).
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, String> {
    clausealign::input::read_stdin(limit).map_err(super::with_flag_advice)
}

/// Refuse an output file that is one of the input files: writing would
/// destroy the input before (or while) it is reported on.
pub fn refuse_overwriting(output: &Path, inputs: &[&PathBuf]) -> Result<(), String> {
    let Ok(out) = std::fs::canonicalize(output) else {
        // Not there yet: it cannot be an input.
        return Ok(());
    };
    for input in inputs {
        if !is_stdin(input) && std::fs::canonicalize(input).is_ok_and(|i| i == out) {
            return Err(format!(
                "{}: is the input file; refusing to write over it (choose another -o FILE)",
                output.display()
            ));
        }
    }
    Ok(())
}
