//! Saved web pages: the article's text without the page's chrome, every
//! character anchored to its place in the file. Tokenized with `html5gum`
//! (WHATWG tokenizer, byte spans; nothing referenced is ever loaded); the
//! article is the `<article>`/`<main>` holding the most text, else the
//! body; navigation, footers, scripts, forms and parts whose class, id or
//! role marks them as chrome (cookie notices, related stories) are left out.

use super::html_meta::{self, is_block, is_never_text, is_void};
use super::mapped::MappedText;
use super::{Document, ReadError, Reader};
use crate::figures::DateSpec;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

pub struct HtmlReader;

impl Reader for HtmlReader {
    fn read(&self, name: &str, bytes: Vec<u8>) -> Result<Document, ReadError> {
        let file = crate::input::decode(name, bytes).map_err(|e| e.to_string())?;
        let page = Page::tokenize(&file.text);
        let (text, anchors) = page.article_text(&file.text);
        Ok(Document {
            text,
            anchors,
            title: page.title(),
            date: page.date(),
            warning: file.warning,
            file: Some(file.text),
            ..Document::default()
        })
    }
}

type Tok = Token<usize>;

/// A page's tokens.
struct Page {
    tokens: Vec<Tok>,
}

fn name_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

fn attr<'t>(tag: &'t StartTag<usize>, key: &str) -> Option<std::borrow::Cow<'t, str>> {
    tag.attributes.get(key.as_bytes()).map(|v| String::from_utf8_lossy(&v.value))
}

/// Is this start tag's element left out of the text, whatever its name?
fn marked_chrome(tag: &StartTag<usize>) -> bool {
    let marked = ["class", "id", "role"].iter().any(|k| attr(tag, k).is_some_and(|v| html_meta::is_chrome_marker(&v)));
    marked || attr(tag, "hidden").is_some() || attr(tag, "aria-hidden").is_some_and(|v| v == "true")
}

impl Page {
    fn tokenize(html: &str) -> Page {
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let tokens = Tokenizer::new_with_emitter(html, emitter)
            .filter_map(|t| t.ok())
            .filter(|t| !matches!(t, Token::Error(_) | Token::Comment(_) | Token::Doctype(_)))
            .collect();
        Page { tokens }
    }

    /// Where token `start` (a start tag) is closed: the index of its end tag, or the end.
    fn end_of(&self, start: usize, name: &[u8]) -> usize {
        let mut depth = 0usize;
        for (i, t) in self.tokens.iter().enumerate().skip(start) {
            match t {
                Token::StartTag(s) if s.name.0 == name && !s.self_closing => depth += 1,
                Token::EndTag(e) if e.name.0 == name => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.tokens.len()
    }

    /// The tokens of the article: the `<article>`, `<main>` or `role=main`
    /// element with the most text, else all; and whether one was found.
    fn scope(&self) -> (std::ops::Range<usize>, bool) {
        let mut best: Option<(usize, std::ops::Range<usize>)> = None;
        for (i, t) in self.tokens.iter().enumerate() {
            let Token::StartTag(tag) = t else { continue };
            let main = attr(tag, "role").is_some_and(|r| r == "main");
            if !(tag.name.0 == b"article" || tag.name.0 == b"main" || main) || tag.self_closing {
                continue;
            }
            let end = self.end_of(i, &tag.name.0);
            let weight: usize =
                self.tokens[i..end].iter().map(|t| if let Token::String(s) = t { s.value.len() } else { 0 }).sum();
            if best.as_ref().is_none_or(|(w, _)| weight > *w) {
                best = Some((weight, i..end));
            }
        }
        match best {
            Some((_, r)) => (r, true),
            None => (0..self.tokens.len(), false),
        }
    }

    /// The article's text and anchors into `html`.
    fn article_text(&self, html: &str) -> (String, Vec<super::Anchor>) {
        let (scope, scoped) = self.scope();
        let mut out = MappedText::new();
        // open elements: name, and whether it is left out
        let mut open: Vec<(Vec<u8>, bool)> = Vec::new();
        let mut skipping = 0usize;
        let mut in_head = false;
        for t in &self.tokens[scope] {
            match t {
                Token::StartTag(tag) => {
                    let name = name_of(&tag.name);
                    if is_block(&name) && skipping == 0 {
                        out.block_break();
                    }
                    in_head |= name == "head";
                    if is_void(&name) || tag.self_closing {
                        continue;
                    }
                    let skip = is_never_text(&name)
                        || marked_chrome(tag)
                        || name == "head"
                        || name == "title"
                        || (name == "header" && !scoped);
                    skipping += skip as usize;
                    open.push((tag.name.0.clone(), skip));
                }
                Token::EndTag(end) => {
                    let Some(at) = open.iter().rposition(|(n, _)| *n == end.name.0) else { continue };
                    skipping -= open.drain(at..).filter(|(_, skip)| *skip).count();
                    let name = name_of(&end.name);
                    in_head &= name != "head";
                    if is_block(&name) && skipping == 0 {
                        out.block_break();
                    }
                }
                Token::String(s) if skipping == 0 && !in_head => {
                    let raw = html.get(s.span.start..s.span.end).unwrap_or("");
                    push_text(&mut out, &String::from_utf8_lossy(&s.value), raw, s.span.start);
                }
                _ => {}
            }
        }
        out.finish()
    }

    /// The text of the first `<title>`, white space collapsed.
    fn title(&self) -> Option<String> {
        let at = self.tokens.iter().position(|t| matches!(t, Token::StartTag(s) if s.name.0 == b"title"))?;
        let mut title = String::new();
        for t in &self.tokens[at + 1..] {
            match t {
                Token::String(s) => title.push_str(&String::from_utf8_lossy(&s.value)),
                _ => break,
            }
        }
        let title = crate::report::collapse(&title);
        (!title.is_empty()).then(|| title.chars().take(200).collect())
    }

    /// The publication date: `article:published_time` and like meta tags,
    /// else JSON-LD `datePublished`, else the first `<time datetime>`.
    fn date(&self) -> Option<DateSpec> {
        let mut best: Option<(u8, DateSpec)> = None;
        let mut consider = |found: Option<(u8, DateSpec)>| {
            if let Some((rank, d)) = found {
                if best.is_none_or(|(r, _)| rank < r) {
                    best = Some((rank, d));
                }
            }
        };
        for (i, t) in self.tokens.iter().enumerate() {
            let Token::StartTag(tag) = t else { continue };
            match tag.name.0.as_slice() {
                b"meta" => {
                    let key = ["property", "name", "itemprop"].iter().find_map(|k| attr(tag, k));
                    if let (Some(key), Some(content)) = (key, attr(tag, "content")) {
                        consider(html_meta::meta_date(&key, &content));
                    }
                }
                b"time" => {
                    consider(attr(tag, "datetime").and_then(|d| super::iso_date(&d)).map(|d| (html_meta::TIME_RANK, d)))
                }
                b"script" if attr(tag, "type").is_some_and(|t| t.contains("ld+json")) => {
                    if let Some(Token::String(s)) = self.tokens.get(i + 1) {
                        let date = html_meta::json_ld_date(&String::from_utf8_lossy(&s.value));
                        consider(date.map(|d| (html_meta::JSON_LD_RANK, d)));
                    }
                }
                _ => {}
            }
        }
        best.map(|(_, d)| d)
    }
}

/// Appends `decoded` (a text token's characters) whose source is `raw`, at
/// byte `base` of the file: runs the file holds as they are are copied;
/// each entity becomes its characters, anchored at the entity; a line end
/// written `\r\n` becomes `\n`. Leading white space is dropped where the
/// text already ends in space, and white space alone becomes one space.
fn push_text(out: &mut MappedText, decoded: &str, raw: &str, base: usize) {
    if decoded.trim().is_empty() {
        if !out.ends_in_space() {
            out.put(" ", base);
        }
        return;
    }
    let (mut i, mut j) = (0usize, 0usize);
    if out.ends_in_space() {
        // white space is never written as an entity here: both sides skip the same
        let lead = |s: &str| s.len() - s.trim_start().len();
        if lead(raw) == lead(decoded) || !decoded.starts_with(char::is_whitespace) {
            i = lead(raw).min(raw.len());
            j = lead(decoded);
        }
    }
    let mut run = i;
    while j < decoded.len() {
        let Some(c) = decoded[j..].chars().next() else { break };
        let r = raw[i..].chars().next();
        if r == Some(c) && c != '&' {
            i += c.len_utf8();
            j += c.len_utf8();
            continue;
        }
        out.copy(&raw[run..i], base + run);
        if r == Some('\r') && c == '\n' {
            out.put("\n", base + i);
            i += if raw[i..].starts_with("\r\n") { 2 } else { 1 };
            j += 1;
        } else if r == Some('&') {
            let (len, chars) = entity(&raw[i..], &decoded[j..]);
            out.put(&decoded[j..j + chars], base + i);
            i += len;
            j += chars;
        } else {
            // out of step (a replaced NUL, a span the tokenizer set otherwise): the rest at this place
            out.put(&decoded[j..], base + i.min(raw.len()));
            return;
        }
        run = i;
    }
    out.copy(&raw[run..i], base + run);
}

/// An entity at the start of `raw` (`&amp;`, `&#8217;`, `&copy` without
/// its `;`, or a bare `&`): its length in `raw`, and the bytes of `decoded`
/// it stands for — the one or two characters after which both go on alike.
fn entity(raw: &str, decoded: &str) -> (usize, usize) {
    let body = raw[1..].bytes().take(40).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    let len = 1 + body + usize::from(raw.as_bytes().get(1 + body) == Some(&b';'));
    let mut ends = decoded.char_indices().map(|(k, _)| k).skip(1).chain(std::iter::once(decoded.len())).take(2);
    let first = ends.next().unwrap_or(decoded.len());
    let agree = |k: usize| {
        let (a, b) = (&raw[len.min(raw.len())..], &decoded[k..]);
        let n = a.len().min(b.len()).min(8);
        a.as_bytes()[..n] == b.as_bytes()[..n]
    };
    // a bare `&`, written as it is ("R&D"): the rest goes on alike from the next byte
    let bare = decoded.starts_with('&') && {
        let (a, b) = (&raw[1..], &decoded[1..]);
        let n = a.len().min(b.len()).min(8);
        a.as_bytes()[..n] == b.as_bytes()[..n]
    };
    if body == 0 || bare {
        return (1, first);
    }
    if agree(first) {
        return (len, first);
    }
    match ends.next() {
        Some(second) if agree(second) => (len, second),
        _ => (len, first),
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
