//! Versions (`V1.2`, `Version 2.1`, `版本 1.2`, `第2版`) and numeric codes
//! (`46/220`, `第1.1条`, `section 1.1`, `1.2.3`, IP addresses).

use super::{AtomKind, Ctx, collect, prev_word_idx, reference_word};
use crate::anchors::AnchorValue;
use crate::anchors::doc::is_latin_letter;

impl Ctx<'_, '_> {
    pub(super) fn version(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if !a.is_numeric() || a.sep || a.frac || a.percent {
            return None;
        }
        let mut start = a.s;
        let mut end = a.e;
        let mut hit = false;
        if a.vprefix {
            let mut ws = a.s;
            while ws > 0 && is_latin_letter(doc.at(ws - 1)) {
                ws -= 1;
            }
            start = ws;
            hit = true;
        }
        // English: version 2.1 / Version: 2.1 / ver. 2 / v 2
        if !hit {
            let b = doc.skip_sp_back(a.s, 2);
            let b2 = if matches!(doc.before(b), ':' | '.') {
                doc.skip_sp_back(b - 1, 2)
            } else {
                b
            };
            if let Some(pw) = prev_word_idx(doc, b2)
                && doc.word(pw).is_some_and(|w| w.e == b2)
                && matches!(doc.wlc(pw), "version" | "ver" | "v")
            {
                start = doc.word(pw).map(|w| w.s).unwrap_or(start);
                hit = true;
            }
            // Chinese: 版本 1.2 / 版本号：2.1
            let b3 = if doc.before(b) == ':' {
                doc.skip_sp_back(b - 1, 2)
            } else {
                b
            };
            for pre in ["版本号", "版本"] {
                if doc.ends_with(b3, pre) {
                    start = b3 - pre.chars().count();
                    hit = true;
                    break;
                }
            }
        }
        // Chinese suffix: 2.1版 / 第2版 / 1.2版本
        let q = doc.skip_sp(a.e, 1);
        if doc.at(q) == '版' && !matches!(doc.at(q + 1), '权' | '面' | '块' | '图' | '税') {
            if doc.before(a.s) == '第' {
                start = a.s - 1;
            }
            end = q + 1;
            if doc.at(end) == '本' {
                end += 1;
            }
            hit = true;
        }
        if !hit {
            return None;
        }
        let text = match &a.dotted {
            Some(d) => d.clone(),
            None if a.kind == AtomKind::Arabic => collect(doc, a.s, a.e),
            None => format!("{}", a.v),
        };
        let v = normalise_version(&text);
        self.emit_num(start, end, AnchorValue::Version(v));
        self.consumed = end;
        Some(i + 1)
    }

    pub(super) fn code(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let a = self.atom(i)?.clone();
        if a.kind != AtomKind::Arabic {
            return None;
        }
        // footnote markers "3/ " (en): skip silently
        if a.is_int()
            && doc.at(a.e) == '/'
            && matches!(doc.at(a.e + 1), ' ' | '\0')
            && a.int_len <= 2
        {
            self.consumed = a.e + 1;
            return Some(i + 1);
        }
        if let Some(d) = &a.dotted {
            let text = d.clone();
            let start = if doc.before(a.s) == '第' {
                a.s - 1
            } else {
                a.s
            };
            let mut end = a.e;
            if matches!(doc.at(end), '条' | '款' | '节' | '章' | '项' | '段') {
                end += 1;
            }
            self.emit_num(start, end, AnchorValue::Code(text));
            self.consumed = end;
            return Some(i + 1);
        }
        // 46/220, 47/203
        if a.is_int() && doc.at(a.e) == '/' {
            let b = self.atom(i + 1)?.clone();
            if b.s == a.e + 1 && b.kind == AtomKind::Arabic && b.is_int() {
                let mut text = format!("{}/{}", collect(doc, a.s, a.e), collect(doc, b.s, b.e));
                let mut end = b.e;
                let mut next = i + 2;
                while doc.at(end) == '/' {
                    match self.atom(next) {
                        Some(c) if c.s == end + 1 && c.kind == AtomKind::Arabic && c.is_int() => {
                            text.push('/');
                            text.push_str(&collect(doc, c.s, c.e));
                            end = c.e;
                            next += 1;
                        }
                        _ => break,
                    }
                }
                let start = if doc.before(a.s) == '第' {
                    a.s - 1
                } else {
                    a.s
                };
                if doc.at(end) == '号' {
                    end += 1;
                }
                self.emit_num(start, end, AnchorValue::Code(text));
                self.consumed = end;
                return Some(next);
            }
        }
        // dotted references after 第 / section: 第1.1条, section 1.1
        if a.dec && a.int_len <= 2 {
            let ord = doc.before(a.s) == '第' || self.en_reference_before(a.s);
            let zh_ref = matches!(doc.at(a.e), '条' | '款' | '节' | '章');
            if ord || zh_ref {
                let start = if doc.before(a.s) == '第' {
                    a.s - 1
                } else {
                    a.s
                };
                let end = if zh_ref { a.e + 1 } else { a.e };
                let text = collect(doc, a.s, a.e);
                self.emit_num(start, end, AnchorValue::Code(text));
                self.consumed = end;
                return Some(i + 1);
            }
        }
        None
    }

    pub(super) fn en_reference_before(&self, s: usize) -> bool {
        let doc = self.doc;
        let b = doc.skip_sp_back(s, 2);
        let b = if doc.before(b) == '.' { b - 1 } else { b };
        prev_word_idx(doc, b)
            .filter(|&pw| doc.word(pw).is_some_and(|w| w.e == b))
            .is_some_and(|pw| reference_word(doc.wlc(pw)))
    }
}

/// `2.0` → `2`, `1.0.0` → `1`, `v1.2` → `1.2`.
fn normalise_version(v: &str) -> String {
    let v = v.trim_start_matches(['v', 'V']);
    let mut parts: Vec<&str> = v.split('.').collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| p.chars().all(|c| c == '0')) {
        parts.pop();
    }
    parts.join(".")
}
