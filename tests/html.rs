//! HTML input: a policy saved as a web page aligns like its text copy, and
//! clause positions point into the page.

mod common;

use std::path::{Path, PathBuf};

use clausealign::input::Source;
use clausealign::input::html::extract;
use common::{check_json, cmd, root};
use serde_json::Value;

/// Escape text for HTML element content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A short line without sentence punctuation reads as a heading.
fn looks_like_heading(line: &str) -> bool {
    let last = line.chars().last().unwrap_or('.');
    line.chars().count() <= 40 && !".。!！?？:：;；,，)）".contains(last)
}

/// Page noise around the content: what a saved page carries besides the policy.
const HEAD: &str = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>隐私政策 | Privacy Policy - MHZ</title>
<style>
  body { font-family: sans-serif; } p > a::after { content: "<p>not text</p>"; }
</style>
<script>
  var banner = "<div>欢迎 Welcome</div>"; if (1 < 2 && 3 > 2) { console.log('</p>'); }
</script>
</head>
<body>
<nav class="menu"><ul><li><a href="/">首页</a></li><li><a href="/en">Home</a></li><li><a href="/about">关于我们 About us</a></li></ul></nav>
<header><div class="logo">MHZ 站点横幅 Site banner</div><form><input name=q><button>搜索 Search</button></form></header>
"#;

const TAIL: &str = r#"<aside>相关链接 Related links: 用户协议 Terms of Service</aside>
<footer><p>© 2024 MHZ 版权所有 All rights reserved.</p><p>京ICP备12345678号 Contact us: hello@example.com</p></footer>
<noscript>请启用 JavaScript. Please enable JavaScript.</noscript>
<script>window.dataLayer = [];</script>
</body>
</html>
"#;

/// Render policy text as the body of a web page: headings as `<h2>`, bullets
/// as `<li>`, paragraphs as `<p>`, one block per line of HTML. With `main`,
/// the content sits in `<main>`.
fn render(text: &str, main: bool) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let item = line.strip_prefix("- ");
        if item.is_none() && in_list {
            body.push_str("</ul>\n");
            in_list = false;
        }
        match item {
            Some(item) => {
                if !in_list {
                    body.push_str("<ul>\n");
                    in_list = true;
                }
                body.push_str(&format!("<li>{}</li>\n", escape(item)));
            }
            None if looks_like_heading(line) => {
                body.push_str(&format!("<h2 class=\"title\">{}</h2>\n", escape(line)));
            }
            None => body.push_str(&format!("<p>{}</p>\n", escape(line))),
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    if main {
        format!("{HEAD}<main>\n{body}</main>\n{TAIL}")
    } else {
        format!("{HEAD}<div class=\"content\">\n{body}</div>\n{TAIL}")
    }
}

/// The pairs as clause texts: `[(zh texts, en texts)]`.
fn pair_texts(v: &Value) -> Vec<(Vec<String>, Vec<String>)> {
    let text = |side: &str, id: &Value| -> String {
        v["clauses"][side][id.as_u64().expect("id") as usize]["text"]
            .as_str()
            .expect("text")
            .to_string()
    };
    v["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            let side = |s: &str| -> Vec<String> {
                p[s].as_array()
                    .expect("ids")
                    .iter()
                    .map(|id| text(s, id))
                    .collect()
            };
            (side("zh"), side("en"))
        })
        .collect()
}

/// Each clause's line is a line of the page that holds the start of its text,
/// and its byte span starts at that text (or at the `<li>` of a bullet).
fn assert_positions_in_page(v: &Value, side: &str, page: &str) {
    let lines: Vec<&str> = page.lines().collect();
    for c in v["clauses"][side].as_array().expect("clauses") {
        let text = c["text"].as_str().expect("text");
        let line = c["line"].as_u64().expect("line") as usize;
        let (start, end) = (
            c["start"].as_u64().expect("start") as usize,
            c["end"].as_u64().expect("end") as usize,
        );
        assert!(start < end && end <= page.len(), "{c}");
        let (body, bullet) = match text.strip_prefix("- ") {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let head: String = body.chars().take(6).collect();
        let head = escape(&head);
        assert!(
            lines[line - 1].contains(&head),
            "line {line} of the page does not hold {head:?}: {:?}",
            lines[line - 1]
        );
        let at = &page[start..];
        if bullet {
            assert!(at.starts_with("<li>"), "{c}");
        } else {
            assert!(at.starts_with(&head), "{c}: {:?}", &at[..at.len().min(40)]);
        }
        let end_line = c["end_line"].as_u64().expect("end_line") as usize;
        assert_eq!(end_line, line, "one block per line: {c}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes");
    p
}

#[test]
fn bilingual_page_aligns_like_its_text() {
    let text = std::fs::read_to_string(root().join("data/examples/mhz-privacy.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "policy.txt", &text);
    let expected = check_json(&[txt.as_os_str()]);
    assert_eq!(expected["shape"], "zh-then-en");
    for main in [true, false] {
        let page = render(&text, main);
        let html = write(dir.path(), "policy.html", &page);
        let got = check_json(&[html.as_os_str()]);
        assert_eq!(got["shape"], "zh-then-en");
        assert_eq!(
            pair_texts(&got),
            pair_texts(&expected),
            "main = {main}: pairs differ"
        );
        let kinds = |v: &Value| -> Vec<String> {
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["kind"].to_string())
                .collect()
        };
        assert_eq!(kinds(&got), kinds(&expected));
        assert_positions_in_page(&got, "zh", &page);
        assert_positions_in_page(&got, "en", &page);
        // No noise: nothing from the menu, banner, scripts or footer.
        let all = got["clauses"].to_string();
        for noise in [
            "首页",
            "Site banner",
            "搜索",
            "not text",
            "Welcome</div>",
            "Related links",
            "版权所有",
            "JavaScript",
            "dataLayer",
            "Privacy Policy - MHZ",
        ] {
            assert!(!all.contains(noise), "{noise:?} leaked into the clauses");
        }
    }
}

#[test]
fn one_page_per_language() {
    let text = std::fs::read_to_string(root().join("data/examples/mhz-privacy.txt")).unwrap();
    let cut = text.find("Welcome to MHZ AI").expect("English half");
    let (zh, en) = text.split_at(cut);
    let dir = tempfile::tempdir().unwrap();
    let zh_txt = write(dir.path(), "zh.txt", zh);
    let en_txt = write(dir.path(), "en.txt", en);
    let zh_html = write(dir.path(), "zh.htm", &render(zh, true));
    let en_html = write(dir.path(), "en.htm", &render(en, false));
    let expected = check_json(&[
        "--zh".as_ref(),
        zh_txt.as_os_str(),
        "--en".as_ref(),
        en_txt.as_os_str(),
    ]);
    let got = check_json(&[
        "--zh".as_ref(),
        zh_html.as_os_str(),
        "--en".as_ref(),
        en_html.as_os_str(),
    ]);
    assert_eq!(got["shape"], "two-files");
    assert_eq!(pair_texts(&got), pair_texts(&expected));
    assert_positions_in_page(&got, "zh", &render(zh, true));
    assert_positions_in_page(&got, "en", &render(en, false));
}

#[test]
fn input_format_flag_overrides_the_extension() {
    let text = std::fs::read_to_string(root().join("data/examples/mhz-privacy.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = render(&text, true);
    // A page saved without an .html extension.
    let saved = write(dir.path(), "policy.download", &page);
    let as_html = check_json(&[
        "--input-format".as_ref(),
        "html".as_ref(),
        saved.as_os_str(),
    ]);
    let html = write(dir.path(), "policy.html", &page);
    let auto = check_json(&[html.as_os_str()]);
    assert_eq!(pair_texts(&as_html), pair_texts(&auto));
    // Read as text, the markup stays in the clauses.
    let as_text = check_json(&["--input-format".as_ref(), "text".as_ref(), html.as_os_str()]);
    assert!(as_text["clauses"].to_string().contains("<li>"));
    cmd()
        .args(["align", "--input-format", "pdf"])
        .arg(&html)
        .assert()
        .code(2);
}

#[test]
fn gb18030_page_maps_to_file_bytes() {
    let text = std::fs::read_to_string(root().join("tests/data/en-then-zh.txt")).unwrap();
    let page = render(&text, false);
    let (bytes, _, _) = encoding_rs::GB18030.encode(&page);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.html");
    std::fs::write(&path, &bytes).unwrap();
    let v = check_json(&[path.as_os_str()]);
    assert_eq!(v["shape"], "en-then-zh");
    for c in v["clauses"]["zh"].as_array().unwrap() {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let (raw, _, _) = encoding_rs::GB18030.decode(&bytes[s..e]);
        let t = c["text"].as_str().unwrap();
        if !t.starts_with("- ") {
            assert!(
                raw.starts_with(&escape(&t.chars().take(3).collect::<String>())),
                "{raw:?} vs {t:?}"
            );
        }
    }
}

#[test]
fn page_without_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "empty.html",
        "<html><head><script>var a = '隐私政策 Privacy';</script></head><body><nav>首页 Home</nav></body></html>",
    );
    cmd()
        .arg("align")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "empty.html: the page holds no text",
        ));
}

// ------------------------------------------- extraction (library level)

fn page(html: &str) -> Source {
    extract(&Source::from_text("p.html", html))
}

#[test]
fn blocks_become_lines() {
    let s = page(
        "<html><head><title>T</title><style>p{color:red}</style></head><body>\n<h2>隐私政策</h2>\n<p>我们  收集\n数据。</p><ul><li>一</li><li>二<br>三</li></ul><table><tr><td>a</td><td>b &amp; c</td></tr></table></body></html>",
    );
    assert_eq!(
        s.text,
        "隐私政策\n\n我们 收集 数据。\n\n- 一\n\n- 二\n\n三\n\na\n\nb & c"
    );
}

#[test]
fn offsets_point_into_the_file() {
    let html = "<p>Hello&nbsp;<b>w&#246;rld</b></p>\r\n<p>第二段</p>";
    let s = page(html);
    // A no-break space collapses like any other space.
    assert_eq!(s.text, "Hello wörld\n\n第二段");
    let off = |needle: &str| s.file_offset(s.text.find(needle).unwrap());
    assert_eq!(off("Hello"), 3);
    assert_eq!(&html[off(" ")..off(" ") + 6], "&nbsp;");
    assert_eq!(&html[off("ö")..off("ö") + 6], "&#246;");
    assert_eq!(&html[off("rld")..off("rld") + 3], "rld");
    assert_eq!(&html[off("第二段")..off("第二段") + 9], "第二段");
    assert_eq!(s.line_of(s.text.find("第二段").unwrap()), 2);
    // The end of a block maps to the end of its last character.
    let end = s.file_offset(s.text.find('\n').unwrap());
    assert_eq!(&html[..end], "<p>Hello&nbsp;<b>w&#246;rld");
}

#[test]
fn noise_is_dropped_main_is_kept() {
    let s = page(
        "<body><nav><a href=/>首页</a></nav><header>Site</header><main><header><h1>标题</h1></header><p>正文。</p><nav>目录</nav><button>OK</button></main><aside>Ads</aside><footer>© 2024</footer><script>var x = '<p>no</p>';</script></body>",
    );
    assert_eq!(s.text, "标题\n\n正文。");
    // A form that wraps the whole page is not chrome.
    let s = page("<form><main><p>正文。</p></main></form>");
    assert_eq!(s.text, "正文。");
    // Without main/article everything but the noise stays.
    let s = page(
        "<nav>x</nav><div>甲</div><div hidden>乙</div><div style=\"display: none\">丙</div><div>丁</div><footer>f</footer>",
    );
    assert_eq!(s.text, "甲\n\n丁");
    // An unclosed chrome element is not trusted.
    let s = page("<header><p>正文一。</p><p>正文二。</p>");
    assert_eq!(s.text, "正文一。\n\n正文二。");
}

#[test]
fn ordered_lists_are_numbered() {
    let s = page("<ol start=3><li>a<li>b<ol><li>c</ol><li value=9>d<li>e</ol>");
    assert_eq!(s.text, "3. a\n\n4. b\n\n1. c\n\n9. d\n\n10. e");
    assert_eq!(s.file_offset(s.text.find("4.").unwrap()), 17);
}

#[test]
fn pre_keeps_lines() {
    let s = page("<pre>\n第一行\n  第二行\n</pre><p>x</p>");
    assert_eq!(s.text, "第一行\n  第二行\n\nx");
}

#[test]
fn garbage_does_not_panic() {
    for html in [
        "",
        "<",
        "&",
        "&#",
        "&#x;",
        "&amp",
        "</p></div></body>",
        "<script>",
        "<p>&notit; &NotEqualTilde; &#0; &#xD800; &#1234567890;</p>",
        "<!-- <p>x</p>",
        "<![CDATA[x]]>",
        "<p a=\"\u{0}\">\u{0}\r\r\n\r</p>",
        "<svg/><p>x</p><math><mi>y</math>",
    ] {
        let s = page(html);
        let _ = s.file_offset(s.text.len());
    }
    let s = page("<p>&notit; x</p>");
    assert_eq!(s.text, "¬it; x");
}

#[test]
fn a_list_item_of_control_characters_makes_no_clause() {
    // The reader writes "- " before a list item; an item holding nothing
    // but a NUL leaves that marker alone, which covers no byte of the page
    // and is no clause.
    let page = "<!doctype html><html><body>\n<li>\0</li>\n\
                <p>我们收集您的个人信息。</p>\n<p>We collect your personal information.</p>\n\
                </body></html>\n";
    let dir = tempfile::tempdir().unwrap();
    let html = write(dir.path(), "p.html", page);
    let got = check_json(&[html.as_os_str()]);
    for lang in ["zh", "en"] {
        for c in got["clauses"][lang].as_array().unwrap() {
            let (start, end) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
            assert!(start < end && end as usize <= page.len(), "{c}");
        }
    }
    assert_eq!(got["clauses"]["zh"].as_array().unwrap().len(), 1);
}
