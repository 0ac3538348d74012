//! E-mail addresses, URLs and telephone numbers.
//!
//! Normalisation:
//! * e-mail: lowercased `local@domain`; a `mailto:` prefix is not part of the
//!   anchor. Cloudflare's obfuscation placeholder `[email protected]` is an
//!   Email anchor with the value `[email protected]` (equal only to another
//!   placeholder).
//! * URL: scheme dropped (`http` = `https` = none), host lowercased, default
//!   ports and one leading locale path segment (`/en-US/`, `/zh-CN/`, `/zh/`,
//!   `/cn/`: `data/words/anchors/url-locale-languages.tsv`) dropped, trailing `/`, `?`, `#` dropped; path, query and fragment keep
//!   their case. Bare domains are recognised only with a known TLD.
//! * phone: digits only. `+86`/`0086`/leading `86-` group is removed and the
//!   trunk `0` restored (`+86 10 1234 5678` = `010 1234 5678`); other country
//!   codes are kept as `+CC…` (`+1 650-903-0800` = `+1 (650) 903 0800`); a
//!   number written without its country code is *not* equal to one with it,
//!   except for China.
//! * Markdown links `[text](target)` whose text is the same contact as the
//!   target yield one anchor (the target).

use super::doc::{Coverage, Doc, is_latin_alnum};
use super::{Anchor, AnchorKind, AnchorValue};
use crate::words::{ANCHORS_URL_LOCALE_LANGUAGES, ANCHORS_URL_TLDS};

/// Scans all contacts, appends anchors and marks their characters covered.
pub(super) fn scan(doc: &Doc, cov: &mut Coverage, out: &mut Vec<Anchor>) {
    let mut found: Vec<(usize, usize, AnchorKind, String)> = Vec::new();
    let t = doc.text;
    // cheap byte-level presence checks skip whole passes
    if t.contains("protected]") {
        placeholders(doc, cov, &mut found);
    }
    if t.contains('@') || t.contains('＠') {
        emails(doc, cov, &mut found);
    }
    if t.contains('.') || t.contains('．') {
        urls(doc, cov, &mut found);
    }
    if t.bytes().any(|b| b.is_ascii_digit()) || t.chars().any(|c| ('０'..='９').contains(&c)) {
        phones(doc, cov, &mut found);
    }
    found.sort_by_key(|f| (f.0, f.1));
    // Markdown `[x](x)` de-duplication.
    let mut keep = vec![true; found.len()];
    for k in 1..found.len() {
        let (Some(a), Some(b)) = (found.get(k - 1), found.get(k)) else {
            continue;
        };
        let adjacent = a.1 + 2 == b.0 || (doc.starts_with_ci(a.1 + 2, "mailto:") && a.1 + 9 == b.0);
        if a.3 == b.3
            && doc.starts_with(a.1, "](")
            && adjacent
            && let Some(x) = keep.get_mut(k - 1)
        {
            *x = false;
        }
    }
    for (f, k) in found.into_iter().zip(keep) {
        if k {
            out.push(Anchor::new(doc, f.2, AnchorValue::Contact(f.3), f.0, f.1));
        }
    }
}

fn placeholders(
    doc: &Doc,
    cov: &mut Coverage,
    found: &mut Vec<(usize, usize, AnchorKind, String)>,
) {
    let n = doc.len();
    let mut i = 0;
    while i < n {
        if doc.at(i) == '[' && doc.starts_with_ci(i, "[email") {
            let mut j = i + 6;
            while doc.at(j) == ' ' && j < i + 12 {
                j += 1;
            }
            if doc.starts_with_ci(j, "protected]") {
                let e = j + 10;
                found.push((i, e, AnchorKind::Email, "[email protected]".to_string()));
                cov.mark(i, e);
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

fn is_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_host(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '.'
}

fn emails(doc: &Doc, cov: &mut Coverage, found: &mut Vec<(usize, usize, AnchorKind, String)>) {
    let n = doc.len();
    for i in 0..n {
        if doc.at(i) != '@' || cov.is(i) {
            continue;
        }
        let mut s = i;
        while s > 0 && is_local(doc.at(s - 1)) && doc.orig_ascii(s - 1) {
            s -= 1;
        }
        while s < i && matches!(doc.at(s), '.' | '-' | '+') {
            s += 1;
        }
        if s == i {
            continue;
        }
        let mut e = i + 1;
        while e < n && is_host(doc.at(e)) && doc.orig_ascii(e) {
            e += 1;
        }
        while e > i + 1 && matches!(doc.at(e - 1), '.' | '-') {
            e -= 1;
        }
        let dom: String = (i + 1..e).map(|k| doc.at(k).to_ascii_lowercase()).collect();
        let Some(tld) = dom.rsplit('.').next() else {
            continue;
        };
        if !dom.contains('.') || tld.len() < 2 || !tld.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        if cov.any(s, e) {
            continue;
        }
        let local: String = (s..i).map(|k| doc.at(k).to_ascii_lowercase()).collect();
        found.push((s, e, AnchorKind::Email, format!("{local}@{dom}")));
        cov.mark(s, e);
        // cover a "mailto:" prefix so it yields nothing else
        if s >= 7 && doc.starts_with_ci(s - 7, "mailto:") {
            cov.mark(s - 7, s);
        }
    }
}

/// Known top-level domains for scheme-less URLs
/// (`data/words/anchors/url-tlds.tsv`).
fn known_tld(t: &str) -> bool {
    ANCHORS_URL_TLDS.binary_search(&t).is_ok()
}

fn url_body_char(doc: &Doc, k: usize) -> bool {
    let c = doc.at(k);
    doc.orig_ascii(k)
        && c.is_ascii_graphic()
        && !matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
}

fn urls(doc: &Doc, cov: &mut Coverage, found: &mut Vec<(usize, usize, AnchorKind, String)>) {
    let n = doc.len();
    let mut i = 0;
    while i < n {
        let c = doc.at(i);
        if !c.is_ascii_alphanumeric() || cov.is(i) || !doc.orig_ascii(i) {
            i += 1;
            continue;
        }
        let p = doc.before(i);
        if is_latin_alnum(p) || matches!(p, '.' | '-' | '_' | '/' | '@' | '%' | '+') {
            i += 1;
            continue;
        }
        // cheap pre-check: the token must contain "://" or an inner dot
        let mut k = i;
        let mut cand = false;
        while k < n {
            let ch = doc.at(k);
            if ch.is_ascii_alphanumeric() || ch == '-' {
                k += 1;
            } else {
                cand = (ch == '.' && doc.at(k + 1).is_ascii_alphanumeric())
                    || (ch == ':' && doc.at(k + 1) == '/' && doc.at(k + 2) == '/');
                break;
            }
        }
        if !cand {
            i = k.max(i + 1);
            continue;
        }
        let scheme_len = ["https://", "http://", "ftp://"]
            .iter()
            .find(|s| doc.starts_with_ci(i, s))
            .map(|s| s.len());
        let host_start = i + scheme_len.unwrap_or(0);
        // host
        let mut h = host_start;
        let mut labels = 0usize;
        let mut last_label = (h, h);
        loop {
            let ls = h;
            while h < n
                && (doc.at(h).is_ascii_alphanumeric() || doc.at(h) == '-')
                && doc.orig_ascii(h)
            {
                h += 1;
            }
            if h == ls {
                break;
            }
            labels += 1;
            last_label = (ls, h);
            if doc.at(h) == '.' && doc.at(h + 1).is_ascii_alphanumeric() && doc.orig_ascii(h + 1) {
                h += 1;
            } else {
                break;
            }
        }
        let tld: String = (last_label.0..last_label.1)
            .map(|k| doc.at(k).to_ascii_lowercase())
            .collect();
        let www = doc.starts_with_ci(host_start, "www.");
        let ok = if scheme_len.is_some() {
            labels >= 1
        } else {
            labels >= 2
                && (www || known_tld(&tld))
                && doc.at(h) != '@'
                && !is_latin_alnum(doc.at(h))
        };
        if !ok || cov.any(i, h) {
            // skip the rest of this token to stay linear
            let mut k = i + 1;
            while k < n && is_host(doc.at(k)) {
                k += 1;
            }
            i = k.max(i + 1);
            continue;
        }
        // body
        let mut e = h;
        if scheme_len.is_some() || matches!(doc.at(h), '/' | ':' | '?' | '#') {
            while e < n && url_body_char(doc, e) && !cov.is(e) {
                e += 1;
            }
        }
        // trim trailing punctuation, balancing brackets (counts kept
        // incrementally so a run of closing brackets stays linear)
        let (po, mut pc) = (count(doc, i, e, '('), count(doc, i, e, ')'));
        let (bo, mut bc) = (count(doc, i, e, '['), count(doc, i, e, ']'));
        while e > h {
            let last = doc.at(e - 1);
            let trim = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' => true,
                ')' => po < pc,
                ']' => bo < bc,
                _ => false,
            };
            if !trim {
                break;
            }
            match last {
                ')' => pc -= 1,
                ']' => bc -= 1,
                _ => {}
            }
            e -= 1;
        }
        let value = normalise_url(doc, host_start, h, e);
        found.push((i, e, AnchorKind::Url, value));
        cov.mark(i, e);
        i = e.max(i + 1);
    }
}

fn count(doc: &Doc, s: usize, e: usize, c: char) -> usize {
    (s..e).filter(|&k| doc.at(k) == c).count()
}

fn is_locale_segment(seg: &str) -> bool {
    let lc = seg.to_ascii_lowercase();
    let (lang, rest) = match lc.split_once(['-', '_']) {
        Some((l, r)) => (l.to_string(), Some(r.to_string())),
        None => (lc.clone(), None),
    };
    let lang_ok = ANCHORS_URL_LOCALE_LANGUAGES
        .binary_search(&lang.as_str())
        .is_ok();
    lang_ok
        && rest.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphabetic())
        })
}

fn normalise_url(doc: &Doc, host_s: usize, host_e: usize, e: usize) -> String {
    let mut host: String = (host_s..host_e)
        .map(|k| doc.at(k).to_ascii_lowercase())
        .collect();
    let mut rest: String = (host_e..e).map(|k| doc.at(k)).collect();
    // userinfo is not expected; ports
    for port in [":80", ":443"] {
        if rest.starts_with(port)
            && !rest
                .as_bytes()
                .get(port.len())
                .is_some_and(|b| b.is_ascii_digit())
        {
            rest = rest.split_off(port.len());
        }
    }
    if let Some(stripped) = host.strip_suffix('.') {
        host = stripped.to_string();
    }
    // locale segment
    if let Some(path) = rest.strip_prefix('/') {
        let seg_end = path.find(['/', '?', '#']).unwrap_or(path.len());
        if let Some(seg) = path.get(..seg_end)
            && is_locale_segment(seg)
        {
            rest = path.get(seg_end..).unwrap_or("").to_string();
        }
    }
    while rest.ends_with('/') || rest.ends_with('?') || rest.ends_with('#') {
        rest.pop();
    }
    host + &rest
}

fn phones(doc: &Doc, cov: &mut Coverage, found: &mut Vec<(usize, usize, AnchorKind, String)>) {
    let n = doc.len();
    let mut i = 0;
    while i < n {
        let c = doc.at(i);
        if !(c.is_ascii_digit() || c == '+' || c == '(') {
            i += 1;
            continue;
        }
        let p = doc.before(i);
        let start_ok = !cov.is(i)
            && !is_latin_alnum(p)
            && !matches!(
                p,
                '.' | ',' | '/' | ':' | '-' | '+' | '$' | '¥' | '€' | '£' | '#'
            )
            && ((c == '+' && doc.at(i + 1).is_ascii_digit())
                || (c == '(' && doc.at(i + 1).is_ascii_digit())
                || c.is_ascii_digit());
        if !start_ok {
            i += 1;
            continue;
        }
        match phone_at(doc, cov, i) {
            Some((e, value)) => {
                found.push((i, e, AnchorKind::Phone, value));
                cov.mark(i, e);
                i = e;
            }
            None => {
                // skip the first digit run
                let mut k = i + 1;
                while k < n && doc.at(k).is_ascii_digit() {
                    k += 1;
                }
                i = k;
            }
        }
    }
}

/// Parses a phone number candidate at `i`; returns its end and value.
fn phone_at(doc: &Doc, cov: &Coverage, i: usize) -> Option<(usize, String)> {
    const MAX_GROUPS: usize = 7;
    let plus = doc.at(i) == '+';
    let mut k = if plus { i + 1 } else { i };
    let mut groups: Vec<String> = Vec::with_capacity(MAX_GROUPS);
    let mut paren = false;
    let mut dot = false;
    let mut end = k;
    loop {
        if groups.len() >= MAX_GROUPS {
            break;
        }
        let mut in_paren = false;
        let mut g = k;
        if doc.at(g) == '(' {
            in_paren = true;
            g += 1;
        }
        let ds = g;
        while doc.at(g).is_ascii_digit() && !cov.is(g) {
            g += 1;
        }
        if g == ds || g - ds > 12 {
            break;
        }
        if in_paren {
            if doc.at(g) != ')' {
                break;
            }
            paren = true;
        }
        groups.push((ds..g).map(|x| doc.at(x)).collect());
        k = if in_paren { g + 1 } else { g };
        end = k;
        // separator
        let sep = doc.at(k);
        let after = doc.at(k + 1);
        if matches!(sep, ' ' | '-' | '.') && (after.is_ascii_digit() || after == '(') {
            if sep == '.' {
                dot = true;
            }
            k += 1;
        } else if sep == ' ' && after == '-' && doc.at(k + 2) == ' ' {
            k += 3;
        } else if in_paren && sep.is_ascii_digit() {
            continue;
        } else {
            break;
        }
    }
    if groups.is_empty() || is_latin_alnum(doc.at(end)) {
        return None;
    }
    let digits: String = groups.concat();
    let nd = digits.len();
    if !(7..=15).contains(&nd) {
        return None;
    }
    let glen: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let last = glen.last().copied().unwrap_or(0);
    let first = groups.first().map(String::as_str).unwrap_or("");
    let date_like = glen.len() >= 2
        && glen.first() == Some(&4)
        && glen.get(1).is_some_and(|&l| l <= 2)
        && (first.starts_with("19") || first.starts_with("20"));
    if date_like {
        return None;
    }
    if dot && glen.iter().any(|&l| l < 3) {
        return None;
    }
    let ok = if plus || paren {
        last >= 3 && glen.len() >= 2 || (plus && glen.len() == 1 && nd >= 9)
    } else {
        match glen.len() {
            1 => {
                (nd == 11
                    && digits.starts_with('1')
                    && !digits.starts_with("10")
                    && !digits.starts_with("11")
                    && !digits.starts_with("12"))
                    || (nd == 10 && (digits.starts_with("400") || digits.starts_with("800")))
            }
            2 => first.starts_with('0') && (3..=4).contains(&first.len()) && last >= 7,
            _ => last >= 4 && first.len() <= 4,
        }
    };
    if !ok {
        return None;
    }
    let value = if plus {
        with_country(&digits)
    } else if let Some(rest) = digits
        .strip_prefix("00")
        .filter(|_| first.len() >= 4 && first.starts_with("00"))
    {
        with_country(rest)
    } else if first == "86" && glen.len() >= 3 {
        with_country(&digits)
    } else if first == "1" && nd == 11 && glen.len() >= 3 {
        format!("+{digits}")
    } else {
        digits
    };
    Some((end, value))
}

fn with_country(d: &str) -> String {
    if let Some(national) = d.strip_prefix("86") {
        if (national.len() == 11 && national.starts_with('1'))
            || national.starts_with('0')
            || national.starts_with("400")
            || national.starts_with("800")
        {
            national.to_string()
        } else {
            format!("0{national}")
        }
    } else {
        format!("+{d}")
    }
}
