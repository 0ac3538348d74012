//! HTML input: the visible text of a page, one block per line, with the way
//! back to the bytes of the file.
//!
//! The page is tokenized with `html5gum` (a WHATWG-compliant tokenizer that
//! reports the byte span of every token). Then:
//!
//! * the text of `script`, `style`, `noscript`, `template`, `title`,
//!   `textarea`, `iframe`, `svg`, `math`, `button`, `select` and of the
//!   `head` is dropped, and so is everything inside an element with the
//!   `hidden` attribute;
//! * page chrome is dropped where that is certain: `nav`, `aside`, `form` and
//!   `role="navigation"`/`"search"`/`"complementary"` elements, and
//!   `header`/`footer` (`role="banner"`/`"contentinfo"`) outside `<main>` and
//!   `<article>`; an element that encloses `<main>` or `<article>` (a form
//!   wrapping the whole page) is kept. Elements whose end tag never comes are
//!   kept too;
//! * when the page has `<main>` (or `role="main"`), else `<article>`, and that
//!   holds at least half of the remaining text, only its text is kept; a page
//!   without them is kept whole;
//! * headings, paragraphs, list items, table cells, `<br>`, `<div>` and the
//!   other block elements end a block. Each block becomes one line of the
//!   extracted text, with a blank line between blocks. White space runs
//!   collapse to one space, character references are decoded, and `<pre>`
//!   keeps its line breaks;
//! * a list item starts with the marker a reader sees: `- ` in `<ul>`, `3. `
//!   in `<ol>` (counting from `start`, honouring `value`), so numbered items
//!   carry their labels as they do in a text copy.
//!
//! Every character of the extracted text maps to the file offset of the text
//! it came from (a character reference maps to its `&`, a list marker to its
//! `<li>` tag, a block break to the end of the text before it), so clause
//! positions are reported as lines and byte offsets of the original page.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use rustc_hash::FxHashMap;

use super::source::{Format, Source};
use crate::lang::is_space;

/// Extract the visible text of an HTML page (see the module documentation).
/// The result maps its text back to the file of `source`.
pub fn extract(source: &Source) -> Source {
    let events = tokenize(&source.text);
    let hidden = hidden_events(&events);
    let (text, map) = render(source, &events, &hidden);
    source.derived(text, Format::Html, map)
}

/// What a start tag says beyond its name.
#[derive(Clone, Copy, Debug, Default)]
struct Attrs {
    /// The `hidden` attribute, or an inline `display:none` style.
    hidden: bool,
    /// `role` attribute.
    role: Role,
    /// `start` of an `<ol>`, `value` of an `<li>`.
    number: Option<i64>,
    /// `reversed` on an `<ol>`.
    reversed: bool,
}

/// The ARIA roles that mark page regions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Role {
    #[default]
    None,
    Main,
    Chrome,
    Banner,
}

/// One token of the page, reduced to what extraction needs. Offsets are byte
/// offsets into the decoded text.
#[derive(Clone, Debug)]
enum Ev {
    Start {
        name: String,
        at: usize,
        self_closing: bool,
        attrs: Attrs,
    },
    End {
        name: String,
    },
    Text {
        start: usize,
        end: usize,
        value: String,
    },
}

fn tokenize(html: &str) -> Vec<Ev> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style, title and textarea content is text, not markup.
    emitter.naively_switch_states(true);
    let mut events = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes.get(key.as_bytes()).map(|v| {
                        String::from_utf8_lossy(&v.value)
                            .trim()
                            .to_ascii_lowercase()
                    })
                };
                let style = attr("style").unwrap_or_default();
                let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
                let role = match attr("role").as_deref() {
                    Some("main") => Role::Main,
                    Some("navigation" | "search" | "complementary") => Role::Chrome,
                    Some("banner" | "contentinfo") => Role::Banner,
                    _ => Role::None,
                };
                let number = match name.as_str() {
                    "ol" => attr("start"),
                    "li" => attr("value"),
                    _ => None,
                }
                .and_then(|v| v.parse::<i64>().ok());
                let attrs = Attrs {
                    hidden: tag.attributes.contains_key(b"hidden".as_slice())
                        || style.contains("display:none")
                        || style.contains("visibility:hidden"),
                    role,
                    number,
                    reversed: name == "ol" && tag.attributes.contains_key(b"reversed".as_slice()),
                };
                events.push(Ev::Start {
                    name,
                    at: tag.span.start.min(html.len()),
                    self_closing: tag.self_closing,
                    attrs,
                });
            }
            Token::EndTag(tag) => events.push(Ev::End {
                name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
            }),
            Token::String(s) => {
                let end = s.span.end.min(html.len());
                let start = s.span.start.min(end);
                events.push(Ev::Text {
                    start,
                    end,
                    value: String::from_utf8_lossy(&s.value).into_owned(),
                });
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    events
}

/// Elements that never hold content (no end tag).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

/// Elements whose content the tokenizer reads as raw text (in the state
/// `naively_switch_states` puts it in) and a reader never sees.
fn is_raw_hidden(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "iframe"
            | "noembed"
            | "noframes"
            | "xmp"
            | "textarea"
            | "title"
    )
}

/// Elements whose content is never part of the document's prose.
fn is_always_noise(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "template"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "datalist"
            | "object"
            | "canvas"
            | "audio"
            | "video"
            | "map"
    )
}

/// Page chrome: navigation, side bars, forms.
fn is_chrome(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "form" | "menu")
}

/// Page header and footer (chrome only outside the main content).
fn is_banner(name: &str) -> bool {
    matches!(name, "header" | "footer")
}

/// Elements that end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// For each start tag, the index of the event that closes it, if any: its
/// end tag, an end tag of an enclosing element (which closes it implicitly),
/// or for `<head>` the `<body>` start tag. `None` when nothing closes it.
fn closing_events(events: &[Ev]) -> Vec<Option<usize>> {
    let mut closes = vec![None; events.len()];
    let mut stack: Vec<(&str, usize)> = Vec::new();
    let mut open: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Ev::Start {
                name, self_closing, ..
            } => {
                if name == "body"
                    && open.get("head").copied().unwrap_or(0) > 0
                    && let Some(p) = stack.iter().rposition(|&(n, _)| n == "head")
                {
                    close_from(&mut stack, &mut open, &mut closes, p, i);
                }
                if !is_void(name) && !self_closing {
                    stack.push((name, i));
                    *open.entry(name).or_insert(0) += 1;
                }
            }
            Ev::End { name } => {
                // The per-name count keeps a stray end tag from scanning the
                // whole stack: each scan pops what it passes.
                if open.get(name.as_str()).copied().unwrap_or(0) > 0
                    && let Some(p) = stack.iter().rposition(|&(n, _)| n == name)
                {
                    close_from(&mut stack, &mut open, &mut closes, p, i);
                }
            }
            Ev::Text { .. } => {}
        }
    }
    closes
}

/// Close the stack entries from `p` up with event `at`.
fn close_from<'a>(
    stack: &mut Vec<(&'a str, usize)>,
    open: &mut FxHashMap<&'a str, usize>,
    closes: &mut [Option<usize>],
    p: usize,
    at: usize,
) {
    for (n, s) in stack.drain(p..) {
        closes[s] = Some(at);
        if let Some(c) = open.get_mut(n) {
            *c = c.saturating_sub(1);
        }
    }
}

/// Which events a reader does not see (noise elements and, when the page has
/// a main region, everything outside it).
fn hidden_events(events: &[Ev]) -> Vec<bool> {
    let n = events.len();
    let closes = closing_events(events);
    // Regions of main content: <main>/role=main, else <article>.
    let region = |pred: &dyn Fn(&str, &Attrs) -> bool| -> Vec<(usize, usize)> {
        events
            .iter()
            .enumerate()
            .filter_map(|(i, ev)| match ev {
                Ev::Start { name, attrs, .. } if pred(name, attrs) => closes[i].map(|e| (i, e)),
                _ => None,
            })
            .collect()
    };
    let mains = region(&|name, a| name == "main" || a.role == Role::Main);
    let articles = region(&|name, _| name == "article");
    let content_starts: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, ev)| {
            matches!(ev, Ev::Start { name, attrs, .. }
                if name == "main" || name == "article" || attrs.role == Role::Main)
        })
        .map(|(i, _)| i)
        .collect();
    let in_content = cover(n, mains.iter().chain(&articles));
    let encloses_content = |s: usize, e: usize| {
        let k = content_starts.partition_point(|&x| x <= s);
        content_starts.get(k).is_some_and(|&x| x < e)
    };
    let mut noise: Vec<(usize, usize)> = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let Ev::Start { name, attrs, .. } = ev else {
            continue;
        };
        let Some(e) = closes[i] else { continue };
        let drop = if is_always_noise(name) || attrs.hidden {
            true
        } else if is_chrome(name) || attrs.role == Role::Chrome {
            !encloses_content(i, e)
        } else if is_banner(name) || attrs.role == Role::Banner {
            !encloses_content(i, e) && !in_content[i]
        } else {
            false
        };
        if drop {
            noise.push((i, e));
        }
    }
    let mut hidden = cover(n, &noise);
    // Keep only the main region when it holds most of the visible text.
    let text_len = |keep: &dyn Fn(usize) -> bool| -> usize {
        events
            .iter()
            .enumerate()
            .filter(|&(i, _)| !hidden[i] && keep(i))
            .map(|(_, ev)| match ev {
                Ev::Text { value, .. } => value.chars().filter(|c| !c.is_whitespace()).count(),
                _ => 0,
            })
            .sum()
    };
    let total = text_len(&|_| true);
    for regions in [&mains, &articles] {
        if regions.is_empty() {
            continue;
        }
        let inside = cover(n, regions.iter());
        let kept = text_len(&|i| inside[i]);
        if kept > 0 && kept * 2 >= total {
            for (h, inside) in hidden.iter_mut().zip(&inside) {
                *h |= !inside;
            }
            break;
        }
    }
    hidden
}

/// Mark the events inside the given inclusive ranges.
fn cover<'a>(n: usize, ranges: impl IntoIterator<Item = &'a (usize, usize)>) -> Vec<bool> {
    let mut delta = vec![0i64; n + 1];
    for &(s, e) in ranges {
        if s <= e && e < n {
            delta[s] += 1;
            delta[e + 1] -= 1;
        }
    }
    let mut depth = 0i64;
    delta[..n]
        .iter()
        .map(|d| {
            depth += d;
            depth > 0
        })
        .collect()
}

/// One list being numbered.
#[derive(Clone, Copy, Debug)]
struct List {
    ordered: bool,
    next: i64,
    step: i64,
}

/// A line end waiting for the next character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    Nothing,
    /// A line break inside `<pre>`.
    Line,
    /// The end of a block: a blank line.
    Block,
}

/// The extracted text being built, with its map to the file.
struct Writer<'a> {
    source: &'a Source,
    text: String,
    map: Vec<(usize, usize)>,
    /// File offset just past the last character written from the page.
    last_end: usize,
    /// The line end the next character must start with.
    pending: Pending,
    /// White space was seen inside the current block (file offset of it).
    pending_space: Option<usize>,
    /// A list marker waiting for the first character of its item.
    prefix: Option<(String, usize)>,
    /// The current line has text.
    line_has_text: bool,
}

impl Writer<'_> {
    fn push(&mut self, c: char, file_offset: usize) {
        let t = self.text.len();
        match self.map.last() {
            Some(&(pt, pf)) if file_offset.wrapping_sub(pf) == t - pt => {}
            _ => self.map.push((t, file_offset)),
        }
        self.text.push(c);
    }

    fn block_break(&mut self) {
        self.pending = Pending::Block;
        self.pending_space = None;
        self.line_has_text = false;
    }

    /// A line break inside `<pre>`; a second one in a row is a blank line.
    fn line_break(&mut self) {
        self.pending = if self.line_has_text {
            self.pending.max(Pending::Line)
        } else if self.pending == Pending::Line {
            Pending::Block
        } else {
            self.pending
        };
        self.pending_space = None;
        self.line_has_text = false;
    }

    /// Write character `c` that the page holds at text range `start..end`.
    fn char(&mut self, c: char, start: usize, end: usize, pre: bool) {
        if pre && c == '\n' {
            self.line_break();
            return;
        }
        if is_space(c) {
            // Inside <pre> spaces are kept, indentation included.
            let keep = pre && (self.line_has_text || self.pending == Pending::Line);
            if !keep {
                if self.line_has_text && self.pending_space.is_none() {
                    self.pending_space = Some(self.source.file_offset(start));
                }
                return;
            }
        }
        if !self.text.is_empty() {
            let at = self.last_end;
            match self.pending {
                Pending::Block => {
                    self.push('\n', at);
                    self.push('\n', at);
                }
                Pending::Line => self.push('\n', at),
                Pending::Nothing => {}
            }
        }
        self.pending = Pending::Nothing;
        if let Some((marker, at)) = self.prefix.take() {
            for m in marker.chars() {
                self.push(m, at);
            }
        }
        if let Some(at) = self.pending_space.take() {
            self.push(' ', at);
        }
        let f = self.source.file_offset(start);
        self.push(c, f);
        self.last_end = self.source.file_offset(end).max(f);
        self.line_has_text = true;
    }
}

fn render(source: &Source, events: &[Ev], hidden: &[bool]) -> (String, Vec<(usize, usize)>) {
    let html = source.text.as_str();
    let mut w = Writer {
        source,
        text: String::with_capacity(html.len() / 2),
        map: Vec::new(),
        last_end: 0,
        pending: Pending::Nothing,
        pending_space: None,
        prefix: None,
        line_has_text: false,
    };
    let mut lists: Vec<List> = Vec::new();
    let mut raw: Option<&str> = None;
    let mut pre_depth = 0usize;
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Ev::Start {
                name,
                at,
                self_closing,
                attrs,
            } => {
                if raw.is_some() {
                    continue;
                }
                if is_raw_hidden(name) && !self_closing {
                    raw = Some(name);
                }
                match name.as_str() {
                    "ol" | "ul" | "menu" | "dir" if !self_closing => {
                        let ordered = name == "ol";
                        let step = if attrs.reversed { -1 } else { 1 };
                        lists.push(List {
                            ordered,
                            next: attrs.number.unwrap_or(1),
                            step,
                        });
                    }
                    "pre" | "listing" if !self_closing => pre_depth += 1,
                    _ => {}
                }
                if is_block(name) {
                    w.block_break();
                }
                if name == "li" {
                    let marker = match lists.last_mut() {
                        Some(list) if list.ordered => {
                            let n = attrs.number.unwrap_or(list.next);
                            list.next = n.saturating_add(list.step);
                            format!("{n}. ")
                        }
                        _ => "- ".to_string(),
                    };
                    w.prefix = (!hidden[i]).then(|| (marker, source.file_offset(*at)));
                }
            }
            Ev::End { name } => {
                if let Some(r) = raw {
                    if r == name {
                        raw = None;
                    }
                    continue;
                }
                match name.as_str() {
                    "ol" | "ul" | "menu" | "dir" => {
                        let ordered = name == "ol";
                        if let Some(p) = lists.iter().rposition(|l| l.ordered == ordered) {
                            lists.truncate(p);
                        }
                        w.prefix = None;
                    }
                    "pre" | "listing" => pre_depth = pre_depth.saturating_sub(1),
                    "li" => w.prefix = None,
                    _ => {}
                }
                if is_block(name) {
                    w.block_break();
                }
            }
            Ev::Text { start, end, value } => {
                if raw.is_some() || hidden[i] {
                    continue;
                }
                let pre = pre_depth > 0;
                align_text(html, *start, *end, value, |c, s, e| w.char(c, s, e, pre));
            }
        }
    }
    // The end of the text is the end of the last character taken from the page.
    let Writer {
        text,
        mut map,
        last_end,
        ..
    } = w;
    if !text.is_empty() {
        map.push((text.len(), last_end));
    }
    (text, map)
}

/// Walk the decoded `value` of a text token whose raw form is
/// `html[start..end]`, calling `f(char, raw_start, raw_end)` for each decoded
/// character with the raw range it came from. Character references map to
/// the whole reference, `\r\n` to both bytes; where the two disagree in some
/// other way the walk re-synchronises on the characters that follow.
fn align_text(
    html: &str,
    start: usize,
    end: usize,
    value: &str,
    mut f: impl FnMut(char, usize, usize),
) {
    let raw = html.get(start..end).unwrap_or("");
    let base = if raw.is_empty() {
        start.min(end)
    } else {
        start
    };
    let decoded: Vec<(usize, char)> = value.char_indices().collect();
    let mut i = 0usize; // position in raw (always a char boundary)
    let mut j = 0usize; // index into decoded
    while j < decoded.len() {
        let (dpos, c) = decoded[j];
        let rest = &raw[i..];
        if rest.starts_with('&')
            && let Some((len, n)) = reference_at(rest, &value[dpos..])
        {
            for &(_, d) in &decoded[j..j + n] {
                f(d, base + i, base + i + len);
            }
            i += len;
            j += n;
            continue;
        }
        if rest.starts_with(c) {
            let len = c.len_utf8();
            f(c, base + i, base + i + len);
            i += len;
            j += 1;
            continue;
        }
        if c == '\n' && rest.starts_with('\r') {
            let len = if rest.starts_with("\r\n") { 2 } else { 1 };
            f(c, base + i, base + i + len);
            i += len;
            j += 1;
            continue;
        }
        let next = resync(raw, i, &value[dpos + c.len_utf8()..]);
        f(c, base + i, base + next);
        i = next;
        j += 1;
    }
}

/// A character reference at the start of `raw` (`&amp;`, `&#20013;`,
/// `&#x4e2d;`, `&copy`): its raw length and how many characters of `decoded`
/// (1 or 2) it produced, when what follows agrees on both sides.
fn reference_at(raw: &str, decoded: &str) -> Option<(usize, usize)> {
    let b = raw.as_bytes();
    let mut k = 1;
    if b.get(1) == Some(&b'#') {
        k = 2;
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        if hex {
            k = 3;
        }
        let digits = b[k..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        k += digits;
    } else {
        let name = b[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name == 0 {
            return None;
        }
        k += name;
    }
    let lens = if b.get(k) == Some(&b';') {
        [k + 1, k]
    } else {
        [k, k]
    };
    for len in lens {
        let after = &raw[len..];
        let mut chars = decoded.char_indices();
        for n in 1..=2 {
            if chars.next().is_none() {
                break;
            }
            let rest = chars.as_str();
            let agrees = match rest.chars().next() {
                None => after.is_empty(),
                Some(next) => {
                    after.starts_with(next)
                        || after.starts_with('&')
                        || (next == '\n' && after.starts_with('\r'))
                }
            };
            if agrees {
                return Some((len, n));
            }
        }
    }
    None
}

/// Where the raw text continues after a decoded character that did not
/// match at raw position `i`: the nearest position (within a short window)
/// from which the raw text reads like the decoded text that follows.
fn resync(raw: &str, i: usize, following: &str) -> usize {
    const WINDOW: usize = 64;
    let step = |p: usize| {
        raw[p..]
            .chars()
            .next()
            .map_or(raw.len(), |c| p + c.len_utf8())
    };
    if i >= raw.len() {
        return raw.len();
    }
    let probe: String = following.chars().take(4).collect();
    if probe.is_empty() {
        return raw.len();
    }
    let mut k = step(i);
    while k <= raw.len() && k - i <= WINDOW {
        if raw[k..].starts_with(&probe) {
            return k;
        }
        if k == raw.len() {
            break;
        }
        k = step(k);
    }
    step(i)
}
