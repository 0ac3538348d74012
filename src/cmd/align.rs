//! `clausealign align` and `clausealign check`: one document, one report.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clausealign::Severity;
use clausealign::export::{self, View, WriteOptions};
use clausealign::input::{DocumentInput, ReadOptions};
use clausealign::text::terminal_safe;

use super::{DocArgs, analyzer, with_flag_advice};

/// Read, analyse and write one document. With `fail_on` (the `check`
/// command) findings are computed and decide the exit status.
pub fn run(
    args: &DocArgs,
    fail_on: Option<Severity>,
) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let read = ReadOptions {
        max_bytes: args.max_size,
        format: args.input_format.forced(),
        columns: args.columns.clone(),
    };
    let input = match (&args.file, &args.zh, &args.en) {
        (Some(file), _, _) => DocumentInput::read_one(file, &read),
        (None, Some(zh), Some(en)) => DocumentInput::read_two(zh, en, &read),
        _ => return Err("give a bilingual FILE, or --zh FILE and --en FILE".into()),
    }
    .map_err(with_flag_advice)?;
    // Bytes replaced while decoding change the text: say so even without -v.
    for lang in [clausealign::Lang::Zh, clausealign::Lang::En] {
        let source = input.source(lang);
        if lang == clausealign::Lang::En && source.name == input.source(clausealign::Lang::Zh).name
        {
            break;
        }
        if source.replaced.is_some()
            && let Some(note) = source.decoding_note()
        {
            eprintln!(
                "clausealign: warning: {}",
                terminal_safe(&format!("{}: {note}", source.name))
            );
        }
    }
    let analyzer = analyzer(args.segment, &args.confidence)?;
    let report = analyzer.align_input(&input).map_err(with_flag_advice)?;
    let findings = if fail_on.is_some() {
        analyzer.check(&report)
    } else {
        Vec::new()
    };
    if args.verbose {
        let zh = &report.zh.source;
        let en = &report.en.source;
        let read = format!(
            "read {} ({}){}",
            zh.name,
            zh.encoding.name(),
            if zh.name != en.name {
                format!(", {} ({})", en.name, en.encoding.name())
            } else {
                String::new()
            }
        );
        eprintln!("{}", terminal_safe(&read));
        eprintln!(
            "layout {:?}: {} Chinese clauses, {} English clauses, {} pairs, {} findings in {:.1} ms",
            report.shape,
            report.zh.clauses.len(),
            report.en.clauses.len(),
            report.pairs.len(),
            findings.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    let view = View::new(&report, &findings, args.pairs.into());
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let opts = WriteOptions {
        color,
        excel: args.excel,
        findings: fail_on.is_some(),
    };
    match &args.output {
        Some(path) => {
            let file =
                File::create(path).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            let mut out = BufWriter::new(file);
            export::write(&mut out, &view, args.format.into(), opts)?;
            out.flush()?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let written =
                export::write(&mut out, &view, args.format.into(), opts).and_then(|()| out.flush());
            match written {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                other => other?,
            }
        }
    }
    let failed = fail_on.is_some_and(|level| findings.iter().any(|f| f.severity >= level));
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
