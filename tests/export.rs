//! Tests of the export formats through the library: TMX parses as XML and
//! round-trips the texts, CSV round-trips awkward text, beads cover every
//! clause once.

use std::path::PathBuf;

use clausealign::export::{self, Format, Granularity, View, WriteOptions};
use clausealign::input::{DocumentInput, ReadOptions};
use clausealign::{Analyzer, Finding, Report};

fn report(name: &str) -> Report {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    let input = DocumentInput::read_one(&path, &ReadOptions::default()).expect("reads");
    Analyzer::default().align_input(&input).expect("analyses")
}

/// The seed policy with awkward characters written into some clause texts.
fn awkward_report() -> Report {
    let mut r = report("tests/data/en-then-zh.txt");
    let nasty = [
        "a, b; \"quoted\", 'single'",
        "line one\nline two\r\nline three",
        "<tag attr=\"x\">&amp; & < > </tag>",
        "控制\u{0}字符\u{1}\u{b}与\u{FFFE}表情😀",
    ];
    for (i, s) in nasty.iter().enumerate() {
        if let Some(c) = r.zh.clauses.get_mut(i) {
            c.text = format!("{s} 中文{i}");
        }
        if let Some(c) = r.en.clauses.get_mut(i) {
            c.text = format!("{s} english {i}");
        }
    }
    r
}

fn render(view: &View, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(&mut out, view, format, WriteOptions::default()).expect("writes");
    out
}

fn side_text(ids: &[usize], clauses: &[clausealign::segment::Clause]) -> String {
    ids.iter()
        .map(|&i| clauses[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What TMX keeps of a text: characters XML 1.0 allows.
fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

#[test]
fn tmx_parses_and_round_trips() {
    let r = awkward_report();
    let findings: Vec<Finding> = Vec::new();
    for (granularity, segtype) in [
        (Granularity::Clauses, "sentence"),
        (Granularity::Lines, "paragraph"),
    ] {
        let view = View::new(&r, &findings, granularity);
        let xml = String::from_utf8(render(&view, Format::Tmx)).expect("UTF-8");
        let doc = roxmltree::Document::parse(&xml).expect("TMX is well-formed XML");
        let tmx = doc.root_element();
        assert_eq!(tmx.tag_name().name(), "tmx");
        assert_eq!(tmx.attribute("version"), Some("1.4"));
        let header = tmx
            .children()
            .find(|n| n.has_tag_name("header"))
            .expect("header");
        for attr in [
            "creationtool",
            "creationtoolversion",
            "o-tmf",
            "adminlang",
            "datatype",
        ] {
            assert!(header.attribute(attr).is_some(), "header lacks {attr}");
        }
        assert_eq!(header.attribute("segtype"), Some(segtype));
        assert_eq!(header.attribute("srclang"), Some("zh-CN"));
        let tus: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("tu")).collect();
        let expected: Vec<(String, String)> = view
            .pairs
            .iter()
            .filter(|p| !p.zh.is_empty() && !p.en.is_empty())
            .map(|p| {
                (
                    side_text(&p.zh, &r.zh.clauses),
                    side_text(&p.en, &r.en.clauses),
                )
            })
            .collect();
        assert_eq!(tus.len(), expected.len());
        assert!(tus.len() >= 4);
        for (tu, (zh, en)) in tus.iter().zip(&expected) {
            let mut segs = Vec::new();
            for tuv in tu.children().filter(|n| n.has_tag_name("tuv")) {
                let lang = tuv
                    .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                    .expect("xml:lang")
                    .to_string();
                let seg = tuv.children().find(|n| n.has_tag_name("seg")).expect("seg");
                segs.push((lang, seg.text().unwrap_or("").to_string()));
            }
            assert_eq!(
                segs,
                [
                    ("zh-CN".to_string(), xml_clean(zh)),
                    ("en".to_string(), xml_clean(en))
                ]
            );
        }
    }
}

#[test]
fn csv_round_trips_awkward_text() {
    let r = awkward_report();
    let findings: Vec<Finding> = Vec::new();
    let view = View::new(&r, &findings, Granularity::Clauses);
    for excel in [false, true] {
        let mut out = Vec::new();
        export::write(
            &mut out,
            &view,
            Format::Csv,
            WriteOptions {
                color: false,
                excel,
                findings: false,
            },
        )
        .unwrap();
        let body = if excel {
            assert!(out.starts_with("\u{FEFF}".as_bytes()));
            &out[3..]
        } else {
            &out[..]
        };
        let mut reader = csv::Reader::from_reader(body);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, export::CSV_HEADER);
        let zh_col = header.iter().position(|h| h == "zh_text").unwrap();
        let en_col = header.iter().position(|h| h == "en_text").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), view.pairs.len());
        for (row, p) in rows.iter().zip(&view.pairs) {
            assert_eq!(&row[zh_col], side_text(&p.zh, &r.zh.clauses));
            assert_eq!(&row[en_col], side_text(&p.en, &r.en.clauses));
        }
    }
}

/// Cells a spreadsheet would run as a formula get a leading `'` (OWASP), with
/// and without `--excel`; other cells are as they were.
#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralised() {
    let mut r = report("tests/data/en-then-zh.txt");
    let risky = ["=1+1", "+SUM(A1)", "-5", "@cmd", "\tx=1", "\rx=1"];
    for (i, s) in risky.iter().enumerate() {
        r.zh.clauses[i].text = format!("{s} 中文");
        r.en.clauses[i].text = format!("{s} english");
    }
    let findings: Vec<Finding> = Vec::new();
    let view = View::new(&r, &findings, Granularity::Clauses);
    for excel in [false, true] {
        let mut out = Vec::new();
        let opts = WriteOptions {
            color: false,
            excel,
            findings: false,
        };
        export::write(&mut out, &view, Format::Csv, opts).unwrap();
        let body = out.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&out);
        let mut reader = csv::Reader::from_reader(body);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let zh_col = header.iter().position(|h| h == "zh_text").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let mut neutralised = 0;
        for (row, p) in rows.iter().zip(&view.pairs) {
            for cell in row.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?} would run as a formula"
                );
            }
            let text = side_text(&p.zh, &r.zh.clauses);
            if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                assert_eq!(row[zh_col], format!("'{text}"));
                neutralised += 1;
            } else {
                assert_eq!(row[zh_col], text);
            }
        }
        assert!(neutralised >= risky.len(), "{neutralised}");
    }
}

#[test]
fn beads_cover_every_clause_once() {
    let r = report("data/examples/mhz-privacy.txt");
    let findings: Vec<Finding> = Vec::new();
    for granularity in [Granularity::Clauses, Granularity::Lines] {
        let view = View::new(&r, &findings, granularity);
        let text = String::from_utf8(render(&view, Format::Beads)).unwrap();
        let mut zh = Vec::new();
        let mut en = Vec::new();
        let mut one_sided = 0;
        for line in text.lines() {
            let (a, b) = line.split_once("]:[").expect("[..]:[..]");
            let parse = |s: &str| -> Vec<usize> {
                let s = s.trim_matches(|c| c == '[' || c == ']');
                if s.is_empty() {
                    Vec::new()
                } else {
                    s.split(", ").map(|n| n.parse().expect("index")).collect()
                }
            };
            let (za, eb) = (parse(a), parse(b));
            assert!(!(za.is_empty() && eb.is_empty()), "{line}");
            if za.is_empty() || eb.is_empty() {
                one_sided += 1;
            }
            zh.extend(za);
            en.extend(eb);
        }
        assert_eq!(text.lines().count(), view.pairs.len());
        assert_eq!(zh, (0..r.zh.clauses.len()).collect::<Vec<_>>());
        assert_eq!(en, (0..r.en.clauses.len()).collect::<Vec<_>>());
        let _ = one_sided;
    }
    // The exact shape of a line.
    let view = View::new(&r, &findings, Granularity::Clauses);
    let text = String::from_utf8(render(&view, Format::Beads)).unwrap();
    let first = &view.pairs[0];
    let fmt = |ids: &[usize]| {
        format!(
            "[{}]",
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    assert_eq!(
        text.lines().next().unwrap(),
        format!("{}:{}", fmt(&first.zh), fmt(&first.en))
    );
}

#[test]
fn cli_writes_tmx_and_beads() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/interleaved.txt");
    for (format, check) in [("tmx", "<tmx version=\"1.4\">"), ("beads", "]:[")] {
        let out = assert_cmd::Command::cargo_bin("clausealign")
            .expect("binary builds")
            .args(["check", "--format", format])
            .arg(&file)
            .output()
            .expect("runs");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{format}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(text.contains(check), "{format}: {text}");
        if format == "tmx" {
            roxmltree::Document::parse(&text).expect("TMX is XML");
        }
    }
}

/// The HTML report parsed as XML (accepting its `<!DOCTYPE html>`).
fn parse_page(page: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(page, opts).expect("the page is well-formed")
}

#[test]
fn html_report_escapes_text_and_shows_every_pair() {
    // Awkward text (markup, quotes, control characters) in the clauses and
    // real findings of a drifted policy: the page parses as XML, shows each
    // pair once with both texts intact, and marks the differing values.
    let r = awkward_report();
    let findings = Analyzer::default().check(&r);
    let view = View::new(&r, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).expect("UTF-8");
    assert!(!page.contains("<tag attr"), "clause markup must be escaped");
    let doc = parse_page(&page);
    let rows: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("id").is_some())
        .collect();
    assert_eq!(rows.len(), view.pairs.len());
    // Cell text without its line-number prefix.
    let cell_text = |cell: roxmltree::Node| -> String {
        cell.children()
            .filter(|c| !c.has_tag_name("span"))
            .map(|c| {
                c.descendants()
                    .filter(|d| d.is_text())
                    .map(|d| d.text().unwrap_or(""))
                    .collect::<String>()
            })
            .collect()
    };
    for (row, p) in rows.iter().zip(&view.pairs) {
        let cells: Vec<_> = row.children().filter(|c| c.has_tag_name("td")).collect();
        assert_eq!(cells.len(), 3);
        assert_eq!(
            cell_text(cells[1]),
            xml_clean(&side_text(&p.zh, &r.zh.clauses))
        );
        assert_eq!(
            cell_text(cells[2]),
            xml_clean(&side_text(&p.en, &r.en.clauses))
        );
    }

    let drift = report("data/examples/demo-drift.txt");
    let findings = Analyzer::default().check(&drift);
    let view = View::new(&drift, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).expect("UTF-8");
    let doc = parse_page(&page);
    let marks: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mark"))
        .filter_map(|n| n.text())
        .collect();
    for value in [
        "15个工作日内",
        "30 working days",
        "privacy@example.cn",
        "privacy@example.com",
        "必须",
        "may",
    ] {
        assert!(marks.contains(&value), "{value} not marked in {marks:?}");
    }
    let listed = doc
        .descendants()
        .filter(|n| n.has_tag_name("table") && n.attribute("class") == Some("findings"))
        .flat_map(|t| t.descendants().filter(|n| n.has_tag_name("tr")))
        .count();
    assert_eq!(
        listed,
        findings.len() + 1,
        "one row per finding, plus the header"
    );
}
