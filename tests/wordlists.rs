//! The build-time compiler of `data/words` (build/words.rs): its format and
//! its errors, which name the file and line.

#[path = "../build/words.rs"]
#[allow(dead_code)]
mod words;

use std::fs;

fn compile(files: &[(&str, &str)]) -> Result<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("words");
    for (name, text) in files {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let dest = dir.path().join("out.rs");
    words::generate(&root, &dest)?;
    Ok(fs::read_to_string(dest).unwrap())
}

#[test]
fn one_column_sorted_table() {
    let out = compile(&[("zh/stop.tsv", "# Stop words.\n#! sorted\n的\n一\n")]).unwrap();
    assert!(out.contains("/// Stop words."), "{out}");
    assert!(
        out.contains("pub static ZH_STOP: &[&str] = &[\n    \"一\",\n    \"的\",\n];"),
        "{out}"
    );
}

#[test]
fn typed_columns() {
    let text = "#! columns: word:str offset:usize neg:bool kind:opt_enum(crate::Kind) w:f64\n\
                不仅\t0\ttrue\tA\t0.5\n能否\t1\tfalse\t-\t2\n";
    let out = compile(&[("cues.tsv", text)]).unwrap();
    assert!(
        out.contains("pub static CUES: &[(&str, usize, bool, Option<crate::Kind>, f64)]"),
        "{out}"
    );
    assert!(
        out.contains("(\"不仅\", 0usize, true, Some(crate::Kind::A), 0.5f64),"),
        "{out}"
    );
    assert!(
        out.contains("(\"能否\", 1usize, false, None, 2.0f64),"),
        "{out}"
    );
}

#[test]
fn escapes_keep_spaces() {
    let out = compile(&[("en/phrases.tsv", "\\sor more\\s\n")]).unwrap();
    assert!(out.contains("\" or more \""), "{out}");
}

#[test]
fn errors_name_file_and_line() {
    let e = compile(&[("a.tsv", "#! columns: w:str n:usize\nx\t1\ny\n")]).unwrap_err();
    assert!(e.contains("a.tsv:3") && e.contains("1 fields"), "{e}");
    let e = compile(&[("b.tsv", "#! columns: w:str n:usize\nx\tten\n")]).unwrap_err();
    assert!(e.contains("b.tsv:2") && e.contains("not an integer"), "{e}");
    let e = compile(&[("c.tsv", "#! sorted\nx\ny\nx\n")]).unwrap_err();
    assert!(e.contains("c.tsv:4") && e.contains("repeats line 2"), "{e}");
    let e = compile(&[("d.tsv", "#! columns: w:unknown\n")]).unwrap_err();
    assert!(e.contains("unknown column type"), "{e}");
    let e = compile(&[("e.tsv", "#! frobnicate\n")]).unwrap_err();
    assert!(e.contains("unknown directive"), "{e}");
}
