//! The `clausealign` command line. Each subcommand lives in its own module
//! under `src/cmd/`; the pipeline they drive is in the library:
//! input -> split -> segment -> tokens -> anchors -> align -> check -> export.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: the pipeline allocates and
/// frees many small vectors per clause (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Messages name files, whose names may hold escape sequences.
            eprintln!(
                "clausealign: {}",
                clausealign::text::terminal_safe(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}
