//! Beads output in Vecalign's format: one line per aligned pair,
//! `[0, 1]:[2]`, the 0-based Chinese clause ids then the English ones; a
//! clause without counterpart is `[3]:[]` or `[]:[4]`. Every clause of both
//! languages appears in exactly one line, in document order.

use std::io::{self, Write};

use super::View;

fn ids(out: &mut String, ids: &[usize]) {
    out.push('[');
    for (k, i) in ids.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&i.to_string());
    }
    out.push(']');
}

/// Write the pairs of `view` as Vecalign beads.
pub fn write_beads(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let mut line = String::with_capacity(32);
    for p in &view.pairs {
        line.clear();
        ids(&mut line, &p.zh);
        line.push(':');
        ids(&mut line, &p.en);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
