//! The module structure docs/architecture.md describes, checked on the
//! source: the library's top-level modules import each other without cycles,
//! the check and the export read the data model rather than the
//! orchestrator, and only the binary (`src/main.rs`, `src/cmd/`) uses clap.
//!
//! Imports are read from the text: every `crate::module` path, including
//! those inside `use crate::{a, b::c}` groups, outside comments and unit-test
//! modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("reads src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a file belongs to the binary rather than the library.
fn is_binary(rel: &Path) -> bool {
    rel == Path::new("main.rs") || rel.starts_with("cmd")
}

/// The code of a file without comment lines and without its unit tests
/// (a trailing `#[cfg(test)]` inline module, or a `tests.rs` file).
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).expect("reads source");
    // Test modules close a file: cut from a `#[cfg(test)]` that opens an
    // inline module (`mod tests {`, `pub(crate) mod testing {`) to the end.
    let lines: Vec<&str> = text.lines().collect();
    let cut = (0..lines.len().saturating_sub(1))
        .find(|&i| {
            let next = lines[i + 1].trim();
            lines[i].trim() == "#[cfg(test)]" && next.contains("mod ") && next.ends_with('{')
        })
        .unwrap_or(lines.len());
    let text = lines[..cut].join("\n");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first identifier of `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules a piece of code names through `crate::`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `a::{b, c}` nests: only the first segment of each item counts,
            // and the items of a nested group belong to that first segment.
            let mut depth = 0;
            let mut start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphabetic() || c == '_') => {
                        out.insert(ident(&group[k..]).to_string());
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name.to_string());
            }
        }
    }
    out
}

/// Top-level library module -> the top-level modules it imports.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(&root).expect("under src").to_path_buf();
        if is_binary(&rel) || rel == Path::new("lib.rs") {
            continue;
        }
        let first = rel.components().next().expect("a component");
        let module = Path::new(first.as_os_str())
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let mut deps = imports(&code_of(&path));
        deps.remove(&module);
        graph.entry(module).or_default().extend(deps);
    }
    graph
}

/// A cycle of the graph, if it has one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::Done) {
                Mark::Open => {
                    let start = path.iter().position(|p| p == next).unwrap_or(0);
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(next, graph, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks: BTreeMap<String, Mark> = graph.keys().map(|k| (k.clone(), Mark::New)).collect();
    for node in graph.keys() {
        if marks[node] == Mark::New
            && let Some(c) = visit(node, graph, &mut marks, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn imports_are_read_from_use_groups() {
    let code = "use crate::align::{self, X};\nuse crate::{input::{Source, html}, lang::Lang};\nlet x = crate::text::normalize(s);";
    let found: Vec<String> = imports(code).into_iter().collect();
    assert_eq!(found, ["align", "input", "lang", "text"]);
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
}

#[test]
fn library_modules_have_no_import_cycles() {
    let graph = module_graph();
    assert!(graph.contains_key("model") && graph.contains_key("pipeline"));
    if let Some(cycle) = find_cycle(&graph) {
        panic!("modules import each other: {}", cycle.join(" -> "));
    }
}

#[test]
fn check_and_export_read_the_model_not_the_orchestrator() {
    let graph = module_graph();
    for module in ["check", "export", "model"] {
        let deps = &graph[module];
        for orchestrator in ["pipeline", "analyzer", "batch"] {
            assert!(
                !deps.contains(orchestrator),
                "{module} imports {orchestrator}"
            );
        }
    }
}

#[test]
fn only_the_binary_uses_clap() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    for path in files {
        let rel = path.strip_prefix(&root).expect("under src");
        if is_binary(rel) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("reads source");
        assert!(!text.contains("clap"), "{} mentions clap", rel.display());
    }
}
