//! Markdown input: the text a reader sees, with the way back to the file.
//!
//! Policies kept in repositories are Markdown. Its inline markup is not
//! content: `**bold**`, `__bold__`, `*em*`, `_em_`, `~~struck~~`, code
//! backticks, backslash escapes, link syntax `[text](target)`, images,
//! footnote marks `[^1]`, inline HTML tags (`<br>`, `<span …>`), HTML
//! comments and character references. Left in, they become "sentences"
//! (`**A:**`), "names" (`__`), untranslated text (`(#what-is-a-violation)`)
//! and numbers from anchors. This module removes them and keeps:
//!
//! * the block structure the segmenter reads: heading markers `#`, list
//!   bullets and numbers, block quotes `>`, table rows `|`, and lines of
//!   pure structure (table delimiter rows `|---|:--:|`, thematic breaks and
//!   front-matter fences `---`, lines of block tags `<table>`), which carry
//!   no content and stay a line of their own in both versions; `<br>`
//!   becomes a line break;
//! * link text, and a link target when it is an address a reader could use
//!   (`https://…`, `mailto:…`, `www.…`), written after the text: a changed
//!   address is a real difference. In-page anchors (`#section`) and relative
//!   paths (`/zh/site-policy`) are dropped: they differ by language on
//!   purpose.
//!
//! Lines stay lines: every character of the result maps to the file offset
//! it came from ([`Source::derived`]), so clause lines and byte offsets
//! point into the Markdown file.

use super::{Format, Source};
use crate::words::INPUT_FRONT_MATTER_PROSE_KEYS;

/// The visible text of a Markdown document (see the module documentation),
/// mapped back to the file of `source`.
pub fn extract(source: &Source) -> Source {
    let (text, map) = strip(&source.text);
    let map = super::formats::file_points(source, &text, &map);
    source.derived(text, Format::Markdown, map)
}

/// Whether a text is written in Markdown: it has inline markup a plain text
/// would not (emphasis around words, link syntax, table delimiter rows,
/// fenced code, ATX headings), at least twice, or on a twentieth of its
/// non-empty lines when it is long. Plain text with a stray `*` stays text.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut signals = 0usize;
    let mut lines = 0usize;
    for line in text.lines() {
        let t = line.trim_start();
        if t.is_empty() {
            continue;
        }
        lines += 1;
        if is_atx_heading(t) || is_delimiter_row(t) || t.starts_with("```") {
            signals += 1;
            continue;
        }
        if has_link(t) || has_emphasis(t) || t.contains("<br") {
            signals += 1;
        }
    }
    signals >= 2 && signals * 20 >= lines.min(400)
}

fn is_atx_heading(t: &str) -> bool {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
}

/// `|---|:---:|`, `--- | ---`: a table's header separator.
fn is_delimiter_row(t: &str) -> bool {
    let t = t.trim();
    t.contains('-')
        && t.contains('|') | t.contains(':')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && t.chars().filter(|&c| c == '-').count() >= 3
}

/// A thematic break: three or more `*`, `-` or `_`, spaces allowed.
fn is_thematic_break(t: &str) -> bool {
    let t = t.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    matches!(first, '*' | '-' | '_')
        && t.chars().filter(|&c| c == first).count() >= 3
        && t.chars().all(|c| c == first || c == ' ' || c == '\t')
}

fn has_link(t: &str) -> bool {
    t.find("](").is_some_and(|i| t[..i].contains('['))
}

fn has_emphasis(t: &str) -> bool {
    ["**", "__"].iter().any(|d| {
        t.match_indices(d).count() >= 2
            && t.find(d)
                .and_then(|i| t[i + d.len()..].chars().next())
                .is_some_and(|c| !c.is_whitespace())
    })
}

/// A growing text with its break points back to the input.
struct Out {
    text: String,
    /// `(output offset, input offset)`: from each point on, output and input
    /// advance together until the next point.
    map: Vec<(usize, usize)>,
}

impl Out {
    /// Copy `s`, which starts at input offset `at`.
    fn copy(&mut self, s: &str, at: usize) {
        if s.is_empty() {
            return;
        }
        let here = self.text.len();
        let aligned = self.map.last().is_some_and(|&(t, i)| i + (here - t) == at);
        if !aligned {
            self.map.push((here, at));
        }
        self.text.push_str(s);
    }

    /// Write `s`, which stands for the input at offset `at` (a replaced
    /// piece of markup).
    fn put(&mut self, s: &str, at: usize) {
        self.map.push((self.text.len(), at));
        self.text.push_str(s);
        // What follows is mapped afresh by the next copy.
        self.map.push((self.text.len(), at + s.len()));
    }
}

/// Remove inline markup (module documentation). Returns the text and its
/// break points `(text offset, offset in the input)`.
pub fn strip(input: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = Out {
        text: String::with_capacity(input.len()),
        map: vec![(0, 0)],
    };
    let mut in_fence = false;
    let mut in_comment = false;
    let mut at = 0;
    let mut front = front_matter_lines(input);
    for line in input.split_inclusive('\n') {
        let body_len = line.trim_end_matches(['\n', '\r']).len();
        let (body, end) = line.split_at(body_len);
        let trimmed = body.trim_start();
        if front > 0 {
            // Front matter: its fences stay lines of structure, the values
            // of prose keys stay text, the rest is site metadata.
            front -= 1;
            if is_thematic_break(trimmed) || front_matter_prose(trimmed) {
                out.copy(body, at);
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            // A fence line itself carries nothing; code inside is kept as is.
            in_fence = !in_fence;
        } else if in_fence {
            out.copy(body, at);
        } else if !in_comment
            && (is_delimiter_row(trimmed) || is_thematic_break(trimmed) || only_tags(trimmed))
        {
            // A line of pure structure (`|---|---|`, `---`, `<table>`) stays
            // as it is: a line of its own in both versions, it aligns with
            // its twin and carries no content to compare.
            out.copy(body, at);
        } else {
            in_comment = inline(body, at, in_comment, &mut out);
        }
        out.copy(end, at + body_len);
        at += line.len();
    }
    let Out { text, map } = out;
    // Of several points at one output offset the last one holds.
    let mut points: Vec<(usize, usize)> = Vec::with_capacity(map.len());
    for p in map {
        match points.last_mut() {
            Some(last) if last.0 == p.0 => *last = p,
            _ => points.push(p),
        }
    }
    (text, points)
}

/// How many lines of a text are YAML front matter: a `---` first line, then
/// only `key: value` lines, list items and indented lines up to a closing
/// `---` or `...` (both fences counted); 0 when the text opens otherwise.
fn front_matter_lines(input: &str) -> usize {
    let mut lines = input.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return 0;
    }
    for (k, line) in lines.enumerate() {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return k + 2;
        }
        let key = t.split(':').next().unwrap_or("");
        let entry = !t.is_empty()
            && (t.starts_with([' ', '\t', '-', '#'])
                || (key.len() < t.len()
                    && !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))));
        if !entry {
            return 0;
        }
    }
    0
}

/// Whether a front-matter line holds a value a reader sees (`title: …`,
/// `data/words/input/front-matter-prose-keys.tsv`).
fn front_matter_prose(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        INPUT_FRONT_MATTER_PROSE_KEYS
            .binary_search(&key.trim().to_ascii_lowercase().as_str())
            .is_ok()
    })
}

/// Strip the inline markup of one line (without its line break) starting at
/// input offset `base`; `in_comment` says an HTML comment is open. Returns
/// whether one is still open at the end of the line.
fn inline(line: &str, base: usize, mut in_comment: bool, out: &mut Out) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    // Start of text not yet copied.
    let mut from = 0;
    // Block markers at the start of the line are structure: keep them.
    if !in_comment {
        i = block_prefix(line);
    }
    while i < b.len() {
        if in_comment {
            match line[i..].find("-->") {
                Some(k) => {
                    i += k + 3;
                    from = i;
                    in_comment = false;
                }
                None => return true,
            }
            continue;
        }
        let c = b[i];
        match c {
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => {
                out.copy(&line[from..i], base + from);
                from = i + 1;
                i += 2;
            }
            b'`' => {
                let ticks = b[i..].iter().take_while(|&&x| x == b'`').count();
                let fence = &line[i..i + ticks];
                match line[i + ticks..].find(fence) {
                    Some(k) => {
                        out.copy(&line[from..i], base + from);
                        let code_start = i + ticks;
                        out.copy(&line[code_start..code_start + k], base + code_start);
                        i = code_start + k + ticks;
                        from = i;
                    }
                    None => i += ticks,
                }
            }
            b'<' => {
                if line[i..].starts_with("<!--") {
                    out.copy(&line[from..i], base + from);
                    match line[i + 4..].find("-->") {
                        Some(k) => {
                            i += 4 + k + 3;
                            from = i;
                        }
                        None => return true,
                    }
                } else if let Some(len) = html_tag(&line[i..]) {
                    out.copy(&line[from..i], base + from);
                    let tag = &line[i..i + len];
                    if is_line_break_tag(tag) {
                        out.put("\n", base + i);
                    } else if let Some(url) = autolink(tag) {
                        out.copy(url, base + i + 1);
                    }
                    i += len;
                    from = i;
                } else {
                    i += 1;
                }
            }
            b'&' => match entity(&line[i..]) {
                Some((len, ch)) => {
                    out.copy(&line[from..i], base + from);
                    let mut buf = [0u8; 4];
                    out.put(ch.encode_utf8(&mut buf), base + i);
                    i += len;
                    from = i;
                }
                None => i += 1,
            },
            b'!' if b.get(i + 1) == Some(&b'[') => match link(line, i + 1) {
                Some(l) => {
                    out.copy(&line[from..i], base + from);
                    emit_link(line, base, &l, out);
                    i = l.end;
                    from = i;
                }
                None => i += 1,
            },
            b'[' => {
                if let Some(len) = footnote_mark(&line[i..]) {
                    out.copy(&line[from..i], base + from);
                    i += len;
                    from = i;
                } else if let Some(l) = link(line, i) {
                    out.copy(&line[from..i], base + from);
                    emit_link(line, base, &l, out);
                    i = l.end;
                    from = i;
                } else {
                    i += 1;
                }
            }
            b'*' | b'_' | b'~' => {
                let run = b[i..].iter().take_while(|&&x| x == c).count();
                if is_emphasis_run(line, i, run, c) {
                    out.copy(&line[from..i], base + from);
                    from = i + run;
                }
                i += run;
            }
            b'h' | b'w' | b'm' => {
                // Addresses are copied whole: their `_` and `*` are no markup.
                let len = url_len(&line[i..]);
                i += len.max(1);
            }
            _ => i += 1,
        }
    }
    out.copy(&line[from..], base + from);
    false
}

/// Byte length of the block markers at the start of a line: indentation,
/// `>` quotes, a heading's `#`s, a list bullet or number, a table's `|`.
fn block_prefix(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if b.get(i) == Some(&b'>') {
            i += 1;
            continue;
        }
        break;
    }
    let rest = &line[i..];
    let hashes = rest.bytes().take_while(|&x| x == b'#').count();
    if (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ') {
        return i + hashes + 1;
    }
    if let Some(&m) = b.get(i)
        && matches!(m, b'*' | b'-' | b'+')
        && b.get(i + 1) == Some(&b' ')
    {
        return i + 2;
    }
    i
}

/// Whether the run of `run` delimiter characters `c` at byte `i` of `line`
/// opens or closes emphasis (CommonMark's flanking rules, simplified): it
/// touches a non-space on one side, `_` not inside a word of Latin letters
/// or digits (`snake_case`), `~` only doubled.
fn is_emphasis_run(line: &str, i: usize, run: usize, c: u8) -> bool {
    let before = line[..i].chars().next_back();
    let after = line[i + run..].chars().next();
    let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
    if space(before) && space(after) {
        return false;
    }
    match c {
        b'~' => run == 2,
        b'_' => {
            let word = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
            !(word(before) && word(after))
        }
        _ => {
            // `2 * 3`, `5*3`: arithmetic, not emphasis.
            let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
            !(run == 1 && digit(before) && digit(after))
        }
    }
}

/// A link or image found by [`link`]: byte ranges in the line.
struct Link {
    /// The text between the brackets.
    text: (usize, usize),
    /// The target between the parentheses (without a title).
    target: (usize, usize),
    /// End of the whole link.
    end: usize,
}

/// The link `[text](target)` or `[text][ref]` whose `[` is at byte `open`.
fn link(line: &str, open: usize) -> Option<Link> {
    let b = line.as_bytes();
    let mut depth = 0usize;
    let mut close = None;
    let mut k = open;
    while k < b.len() {
        match b[k] {
            b'\\' => k += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            _ => {}
        }
        k += 1;
    }
    let close = close?;
    match b.get(close + 1) {
        Some(b'(') => {
            let mut depth = 0usize;
            let mut k = close + 1;
            while k < b.len() {
                match b[k] {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            let inner = &line[close + 2..k];
                            // `(url "title")`: the title is not the target.
                            let target_len = inner.find([' ', '\t']).unwrap_or(inner.len());
                            let t0 = close + 2;
                            let (t0, t1) = trim_angle(line, t0, t0 + target_len);
                            return Some(Link {
                                text: (open + 1, close),
                                target: (t0, t1),
                                end: k + 1,
                            });
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            None
        }
        Some(b'[') => {
            let end = line[close + 1..].find(']')? + close + 2;
            Some(Link {
                text: (open + 1, close),
                target: (end, end),
                end,
            })
        }
        _ => None,
    }
}

fn trim_angle(line: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &line[s..e];
    if t.starts_with('<') && t.ends_with('>') && t.len() >= 2 {
        (s + 1, e - 1)
    } else {
        (s, e)
    }
}

/// Write a link's text (its own markup stripped) and, when the target is an
/// address a reader can use and the text does not already show it, the
/// target after a space.
fn emit_link(line: &str, base: usize, l: &Link, out: &mut Out) {
    let (s, e) = l.text;
    inline(&line[s..e], base + s, false, out);
    let (ts, te) = l.target;
    let target = &line[ts..te];
    let readable = ["http://", "https://", "mailto:", "www."].iter().any(|p| {
        target.len() > p.len()
            && target
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
    });
    let shown = line[s..e].contains(target.trim_start_matches("mailto:"));
    if readable && !shown {
        out.put(" ", base + s.saturating_sub(1).max(e));
        out.copy(target, base + ts);
        // Text right after the link (`[AWS](https://…/)Mozilla …`, also
        // behind the end of an emphasis, `__[AWS](https://…/)__Amazon`) is
        // no part of the address: keep it apart, where the `)` was.
        if line[l.end..]
            .chars()
            .find(|&c| !matches!(c, '*' | '_' | '~'))
            .is_some_and(char::is_alphanumeric)
        {
            out.put(" ", base + l.end.saturating_sub(1));
        }
    }
}

/// A line that holds HTML tags and nothing else.
fn only_tags(t: &str) -> bool {
    let mut rest = t.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        match html_tag(rest) {
            Some(len) if autolink(&rest[..len]).is_none() => rest = rest[len..].trim_start(),
            _ => return false,
        }
    }
    true
}

/// `[^1]`, `[^note]`: a footnote mark.
fn footnote_mark(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("[^")?;
    let close = rest.find(']')?;
    let label = &rest[..close];
    (!label.is_empty()
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
    .then_some(close + 3)
}

/// Byte length of an HTML tag or autolink at the start of `s`: `<br>`,
/// `</span>`, `<a href="…">`, `<https://…>`.
fn html_tag(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('<')?;
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/') {
        return None;
    }
    let close = rest.find('>')?;
    let inner = &rest[..close];
    if inner.contains('<') {
        return None;
    }
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let autolink = autolink(&s[..close + 2]).is_some();
    (autolink || (!name.is_empty() && KNOWN_TAGS.contains(&name.to_ascii_lowercase().as_str())))
        .then_some(close + 2)
}

/// Inline HTML elements that policies written in Markdown use; anything
/// else in angle brackets (`<姓名>`, `<your e-mail>`) is text.
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "code", "del", "div", "em", "font", "i", "img", "ins", "kbd",
    "mark", "p", "s", "small", "span", "strike", "strong", "sub", "sup", "u", "ul", "ol", "li",
    "table", "tr", "td", "th", "thead", "tbody", "center", "details", "summary", "hr",
];

fn is_line_break_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    matches!(
        name.to_ascii_lowercase().as_str(),
        "br" | "p" | "div" | "li" | "tr" | "hr"
    ) && !tag.starts_with("</")
}

/// The address inside an autolink `<https://…>` / `<mailto:…>`.
fn autolink(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?;
    let lower = inner.get(..8).unwrap_or(inner).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:"))
        .then_some(inner)
}

/// A character reference at the start of `s`: its length and character.
fn entity(s: &str) -> Option<(usize, char)> {
    let end = s.get(..12).unwrap_or(s).find(';')?;
    let name = &s[1..end];
    let ch = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            _ => return None,
        }
    };
    Some((end + 1, ch))
}

/// Byte length of a web or e-mail address at the start of `s` (0 if none).
fn url_len(s: &str) -> usize {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with("mailto:"))
    {
        return 0;
    }
    s.find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '<' | '>' | '"'))
        .unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        strip(s).0
    }

    #[test]
    fn front_matter_keeps_prose_only() {
        assert_eq!(
            text("---\nsidebar_position: 1\ntitle: 隐私政策\ntags:\n  - legal\n---\n# 隐私政策\n"),
            "---\n\ntitle: 隐私政策\n\n\n---\n# 隐私政策\n"
        );
        // A rule that opens a text without a closing fence, or with prose
        // before it, is no front matter.
        assert_eq!(
            text("---\nsidebar_position: 1\n"),
            "---\nsidebar_position: 1\n"
        );
        assert_eq!(
            text("---\nWe value your privacy.\n---\n"),
            "---\nWe value your privacy.\n---\n"
        );
    }

    #[test]
    fn emphasis_and_escapes() {
        assert_eq!(text("**A:** 不会。"), "A: 不会。");
        assert_eq!(
            text("__Mozilla 帐户信息。__ 此服务"),
            "Mozilla 帐户信息。 此服务"
        );
        assert_eq!(text("* **Keep it tidy.** Make"), "* Keep it tidy. Make");
        assert_eq!(text("a *b* c ~~d~~"), "a b c d");
        assert_eq!(
            text("snake_case_name and 2 * 3"),
            "snake_case_name and 2 * 3"
        );
        assert_eq!(text(r"\*not emphasis\*"), "*not emphasis*");
        assert_eq!(text("中文**粗体**中文"), "中文粗体中文");
    }

    #[test]
    fn links_keep_text_and_readable_targets() {
        assert_eq!(
            text("* [哪些行为违反 GitHub 商标政策？](#what-is-a-violation)"),
            "* 哪些行为违反 GitHub 商标政策？"
        );
        assert_eq!(
            text("see [our policy](/zh/site-policy)."),
            "see our policy."
        );
        assert_eq!(
            text("Learn more about [data practices](https://www.mozilla.org/privacy)."),
            "Learn more about data practices https://www.mozilla.org/privacy."
        );
        assert_eq!(
            text("[https://a.org/x](https://a.org/x)"),
            "https://a.org/x"
        );
        // Text right after the link does not run into the address.
        assert_eq!(
            text("* [AWS。](https://aws.amazon.com/privacy/)Mozilla 采用 AWS"),
            "* AWS。 https://aws.amazon.com/privacy/ Mozilla 采用 AWS"
        );
        assert_eq!(
            text("* __[AWS。](https://aws.amazon.com/privacy/)__Amazon 是"),
            "* AWS。 https://aws.amazon.com/privacy/ Amazon 是"
        );
        assert_eq!(
            text("![logo](img.png) [^1] <https://x.org>"),
            "logo  https://x.org"
        );
        // A target starting with a multi-byte character.
        assert_eq!(text("[a](/zh檇x) [b](檇檇檇)"), "a b");
        assert_eq!(
            text("https://example.com/a_b_c/**x** stays"),
            "https://example.com/a_b_c/**x** stays"
        );
    }

    #[test]
    fn html_and_tables() {
        assert_eq!(text("a<br>b &amp; c"), "a\nb & c");
        assert_eq!(text("  <tr>\n<td>文字</td>\n"), "  <tr>\n文字\n");
        assert_eq!(text("<span style=\"x\">文字</span>"), "文字");
        assert_eq!(text("请填写 <姓名>"), "请填写 <姓名>");
        assert_eq!(
            text("| a | b |\n|---|:-:|\n| **c** | d |\n"),
            "| a | b |\n|---|:-:|\n| c | d |\n"
        );
        assert_eq!(text("x <!-- hidden\nstill --> y"), "x \n y");
        assert_eq!(text("```\n**code**\n```\n"), "\n**code**\n\n");
        assert_eq!(text("## 1. **引言**\n***\n"), "## 1. 引言\n***\n");
    }

    #[test]
    fn map_points_back_into_the_input() {
        let input = "**粗体** 与 [链接](https://a.cn) 结束";
        let (out, map) = strip(input);
        let back = |t: usize| {
            let i = map.partition_point(|&(o, _)| o <= t);
            let (o, s) = map[i - 1];
            s + (t - o)
        };
        for word in ["粗体", "与", "链接", "https://a.cn", "结束"] {
            let t = out.find(word).unwrap();
            assert_eq!(&input[back(t)..back(t) + word.len()], word, "{out}");
        }
    }

    #[test]
    fn detection_needs_real_markup() {
        assert!(looks_like_markdown(
            "# 标题\n\n**粗体** 文字\n[链接](http://a.cn)\n"
        ));
        assert!(!looks_like_markdown(
            "1. We collect data.\n2. We use * as a mark.\n"
        ));
        assert!(!looks_like_markdown("price: 2 * 3\nmy_file_name.txt\n"));
    }
}
