//! Placeholders and numbered tags in the text of a pre-paired unit.
//!
//! Software strings and the translation files that carry them hold
//! placeholders a program fills in (`%s`, `%1$d`, `%(name)s`, `{0}`,
//! `{name}`, `{{count}}`, `${user}`) and numbered tags a program turns into
//! markup (`<0>…</0>`, `<1/>`). They are code, not content: the same in
//! both languages or moved around by the translation, never something a
//! reader compares. They are removed; the text around them is kept with
//! its positions. `%%` is a literal percent sign.
//!
//! A percent sign only starts a placeholder when a conversion letter
//! follows (optionally after `n$`, flags without the space flag, a width
//! and a precision) and, unless it is positional (`%1$s`) or named
//! (`%(name)s`), no lower-case letter follows the conversion: `50%
//! discount`, `100%的` and `5%off` are text, `%dMB` is a placeholder.

/// Remove placeholders from `text`. Returns the text and its break points
/// `(output offset, input offset)`.
pub(crate) fn strip(text: &str) -> (String, Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut points = vec![(0, 0)];
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let len = match b[i] {
            b'%' => printf(&text[i..]),
            b'{' => brace(&text[i..]),
            b'$' if b.get(i + 1) == Some(&b'{') => brace(&text[i + 1..]).map(|n| n + 1),
            b'<' => numbered_tag(&text[i..]),
            _ => None,
        };
        match len {
            Some(len) => {
                out.push_str(&text[from..i]);
                if &text[i..i + len] == "%%" {
                    points.push((out.len(), i));
                    out.push('%');
                } else if out.ends_with(' ') && text[i + len..].starts_with(super::xml::PUNCTUATION)
                {
                    // `Hello %s, you` reads `Hello, you`, not `Hello , you`.
                    out.pop();
                }
                points.push((out.len(), i + len));
                i += len;
                from = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[from..]);
    (out, points)
}

/// Byte length of a printf-style placeholder at the start of `s`
/// (`%s`, `%1$d`, `%-5.2f`, `%lld`, `%@`, `%(name)s`) or of `%%`.
fn printf(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'%') {
        return Some(2);
    }
    let mut i = 1;
    // `%1$s` and `%(name)s` are placeholders whatever follows them.
    let mut explicit = false;
    if b.get(i) == Some(&b'(') {
        let close = s[i..].find(')')? + i;
        let name = &s[i + 1..close];
        if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            return None;
        }
        i = close + 1;
        explicit = true;
    } else {
        // Positional argument `1$`.
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && b.get(i + digits) == Some(&b'$') {
            i += digits + 1;
            explicit = true;
        }
    }
    i += b[i..]
        .iter()
        .take_while(|c| matches!(c, b'-' | b'+' | b'#' | b'0'))
        .count();
    i += b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b.get(i) == Some(&b'.') {
        i += 1;
        i += b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
    i += b[i..]
        .iter()
        .take_while(|c| matches!(c, b'h' | b'l' | b'L' | b'q' | b'j' | b'z' | b't'))
        .count()
        .min(2);
    let conversion = *b.get(i)?;
    if !matches!(
        conversion,
        b'd' | b'i'
            | b'u'
            | b'o'
            | b'x'
            | b'X'
            | b'f'
            | b'F'
            | b'e'
            | b'E'
            | b'g'
            | b'G'
            | b'c'
            | b's'
            | b'p'
            | b'@'
    ) {
        return None;
    }
    // `%done`, `5%off`: a word, not a placeholder (but `%dMB` is one).
    if !explicit && b.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    Some(i + 1)
}

/// Byte length of a brace placeholder at the start of `s`: `{0}`,
/// `{name}`, `{user.name}`, `{{count}}`.
fn brace(s: &str) -> Option<usize> {
    let double = s.starts_with("{{");
    let open = if double { 2 } else { 1 };
    let close = if double { "}}" } else { "}" };
    let end = s[open..].find(close)? + open;
    let name = &s[open..end];
    let first = name.chars().next()?;
    let ident = (first.is_ascii_alphabetic() || first == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'));
    let index = name.chars().all(|c| c.is_ascii_digit());
    (ident || index).then_some(end + close.len())
}

/// Byte length of a numbered tag at the start of `s`: `<0>`, `</12>`, `<3/>`.
fn numbered_tag(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let tail = if after.starts_with("/>") {
        2
    } else if after.starts_with('>') {
        1
    } else {
        return None;
    };
    Some(s.len() - rest.len() + digits + tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        strip(s).0
    }

    #[test]
    fn printf_placeholders() {
        assert_eq!(text("您有%d条消息"), "您有条消息");
        assert_eq!(text("Hello %s, %1$s and %-5.2f"), "Hello,  and ");
        assert_eq!(text("reply to %s."), "reply to.");
        assert_eq!(text("%(count)d items"), " items");
        assert_eq!(text("%lld bytes, %@"), " bytes, ");
        assert_eq!(text("100%% sure"), "100% sure");
    }

    #[test]
    fn percent_signs_in_prose_stay() {
        assert_eq!(text("50% discount"), "50% discount");
        assert_eq!(text("100%的用户"), "100%的用户");
        assert_eq!(text("5%off and %done"), "5%off and %done");
        assert_eq!(text("%dMB, %1$dst"), "MB, st");
    }

    #[test]
    fn braces_and_tags() {
        assert_eq!(text("发送至{0}或{email}"), "发送至或");
        assert_eq!(text("{{count}} days, ${user}"), " days, ");
        assert_eq!(text("a {not a placeholder} b"), "a {not a placeholder} b");
        assert_eq!(text("<0>Read</0> the <1/>terms"), "Read the terms");
        assert_eq!(text("<姓名> and <b>"), "<姓名> and <b>");
    }

    #[test]
    fn points_map_back() {
        let input = "您有%d条{0}消息";
        let (out, points) = strip(input);
        let back = |t: usize| {
            let i = points.partition_point(|&(o, _)| o <= t);
            let (o, s) = points[i - 1];
            s + (t - o)
        };
        for word in ["条", "消息"] {
            let t = out.find(word).unwrap();
            assert_eq!(&input[back(t)..back(t) + word.len()], word);
        }
    }
}
