//! Tokenisation of prose into words, numbers and punctuation with byte
//! offsets. White-space-delimited chunks that are URLs, e-mail addresses,
//! file names, identifiers with underscores or version numbers become one
//! opaque token, so nothing inside them is ever read as a figure.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, with inner apostrophes (`don't`, `Turkey’s`).
    Word,
    /// Digits with thousands separators and decimals: `1,000`, `1 000`, `0.7`.
    Num,
    /// A single other character.
    Punct,
    /// A URL, e-mail, file name, identifier or version number.
    Opaque,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// No white space between the previous token and this one.
    pub glued: bool,
    /// A word of ASCII letters (and apostrophes) with no capital: its own
    /// lower-case form. Noted while the word is scanned, so that the figure
    /// scanner need not look at its bytes again.
    pub folded: bool,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

/// Tokenises `range` of `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::with_capacity(range.len() / 4);
    tokenize_into(text, range, &mut out);
    out
}

/// Tokenises `range` of `text` into `out` (cleared first), so that a caller
/// tokenising sentence after sentence can keep one vector.
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    out.clear();
    let mut i = range.start;
    let end = range.end;
    let mut glued = false;
    while i < end {
        // ASCII first: most prose is
        let ch = match bytes[i] {
            b if b.is_ascii() => b as char,
            _ => match text[i..end].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        if ch.is_whitespace() {
            i += ch.len_utf8();
            glued = false;
            continue;
        }
        // At the start of a chunk, see whether the whole chunk is opaque.
        if !glued {
            let (chunk_end, marked) = chunk_end(text, i, end);
            let chunk = &text[i..chunk_end];
            // trimming only drops bytes: a chunk with none of the bytes every
            // opaque chunk has is not one, trimmed or not
            let chunk = if marked && chunk.len() >= 3 { trim_chunk(chunk) } else { "" };
            if is_opaque(chunk) {
                out.push(Token { start: i, end: i + chunk.len(), kind: TokKind::Opaque, glued, folded: false });
                i += chunk.len();
                glued = true;
                continue;
            }
        }
        if ch.is_ascii_digit() {
            let j = scan_number(text, i, end);
            out.push(Token { start: i, end: j, kind: TokKind::Num, glued, folded: false });
            i = j;
        } else if ch.is_alphabetic() {
            let mut j = i + ch.len_utf8();
            let mut folded = ch.is_ascii_lowercase();
            while j < end {
                if bytes[j].is_ascii_alphabetic() {
                    folded &= bytes[j].is_ascii_lowercase();
                    j += 1;
                    continue;
                }
                let c = match text[j..end].chars().next() {
                    Some(c) => c,
                    None => break,
                };
                let inner_apostrophe = (c == '\'' || c == '\u{2019}')
                    && text[j + c.len_utf8()..end].chars().next().is_some_and(|n| n.is_alphabetic());
                if c.is_alphabetic() || inner_apostrophe {
                    // a non-ASCII letter or a curly apostrophe has a form of its own
                    folded &= c.is_ascii();
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token { start: i, end: j, kind: TokKind::Word, glued, folded });
            i = j;
        } else {
            out.push(Token { start: i, end: i + ch.len_utf8(), kind: TokKind::Punct, glued, folded: false });
            i += ch.len_utf8();
        }
        glued = true;
    }
}

/// Where the white-space-delimited chunk starting at `i` ends (`end` at
/// the latest), and whether it has one of the bytes `may_be_opaque` looks
/// for (found in the same pass, not a second one): ASCII bytes looked at as
/// bytes, anything else as characters.
fn chunk_end(text: &str, i: usize, end: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut marked = false;
    while j < end {
        let b = bytes[j];
        if b.is_ascii() {
            if (b as char).is_whitespace() {
                return (j, marked);
            }
            marked |= is_opaque_mark(b);
            j += 1;
        } else {
            match text[j..end].chars().next() {
                Some(c) if c.is_whitespace() => return (j, marked),
                Some(c) => j += c.len_utf8(),
                None => return (end, marked),
            }
        }
    }
    (end, marked)
}

/// Digits, then thousands groups (`,ddd` or a space-like separator and
/// `ddd`), then a decimal part.
fn scan_number(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let digits = |mut j: usize| {
        while j < end && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut j = digits(start);
    let lead = j - start;
    // ,ddd groups
    let mut grouped = false;
    while j + 3 < end + 1 && j < end && b[j] == b',' && exactly_three_digits(b, j + 1, end) {
        j += 4;
        grouped = true;
    }
    // space-separated groups: "1 000", "45 000" (plain, no-break or thin space)
    if !grouped && lead <= 3 {
        loop {
            let sep = space_sep_len(text, j, end);
            if sep > 0 && exactly_three_digits(b, j + sep, end) {
                j += sep + 3;
            } else {
                break;
            }
        }
    }
    if j + 1 < end && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j = digits(j + 1);
    }
    j
}

fn exactly_three_digits(b: &[u8], at: usize, end: usize) -> bool {
    at + 3 <= end
        && b[at..at + 3].iter().all(u8::is_ascii_digit)
        && (at + 3 == end || !b[at + 3].is_ascii_alphanumeric())
}

fn space_sep_len(text: &str, at: usize, end: usize) -> usize {
    match text[at..end].chars().next() {
        Some(c @ (' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')) => c.len_utf8(),
        _ => 0,
    }
}

/// A chunk without the sentence punctuation that may trail it.
fn trim_chunk(chunk: &str) -> &str {
    chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '\u{201d}', '\u{2019}'])
}

const FILE_EXTENSIONS: &[&str] = &[
    "txt", "md", "pdf", "csv", "json", "html", "htm", "doc", "docx", "xls", "xlsx", "png", "jpg", "jpeg", "gif", "zip",
    "xml", "yaml", "yml", "toml", "rs", "py", "js", "ts", "exe", "ppt", "pptx", "mp4", "mp3",
];

/// Has `chunk` one of the bytes every rule of `is_opaque` needs? Most
/// chunks are plain words, and have none. (A "www." prefix has its dot, so
/// a `w` alone, in a word of every other sentence, is no reason to look.)
fn may_be_opaque(chunk: &str) -> bool {
    chunk.len() >= 3 && chunk.bytes().any(is_opaque_mark)
}

fn is_opaque_mark(b: u8) -> bool {
    matches!(b, b':' | b'_' | b'@' | b'/' | b'.')
}

fn is_opaque(chunk: &str) -> bool {
    if !may_be_opaque(chunk) {
        return false;
    }
    let chunk = chunk.trim_start_matches(['(', '[', '"', '\'', '\u{201c}', '\u{2018}', '<']);
    if chunk.contains("://") || chunk.starts_with("www.") || chunk.contains('_') {
        return true;
    }
    // e-mail
    if let Some(at) = chunk.find('@') {
        if at > 0 && chunk[at..].contains('.') {
            return true;
        }
    }
    // domain/path: "keybase.io/name"
    if let Some(slash) = chunk.find('/') {
        let host = &chunk[..slash];
        if host.contains('.')
            && host.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        {
            let tld = host.rsplit('.').next().unwrap_or("");
            if tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) {
                return true;
            }
        }
    }
    // file name
    if let Some((stem, ext)) = chunk.rsplit_once('.') {
        if !stem.is_empty()
            && stem.chars().all(|c| c.is_alphanumeric() || c == '-')
            && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        {
            return true;
        }
    }
    // version numbers: 1.2.3, v2.1
    let v = chunk.strip_prefix(['v', 'V']).unwrap_or(chunk);
    // counted and checked as they come: no vector of the parts
    let parts = v.split('.').count();
    parts >= 2
        && v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && (parts >= 3 || v.len() != chunk.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokKind)> {
        tokenize(text, 0..text.len()).into_iter().map(|t| (&text[t.range()], t.kind)).collect()
    }

    #[test]
    fn numbers_with_separators() {
        use TokKind::*;
        assert_eq!(
            toks("1,000 and 45 000 and 1.5m"),
            [("1,000", Num), ("and", Word), ("45 000", Num), ("and", Word), ("1.5", Num), ("m", Word)]
        );
        assert_eq!(toks("2016 300"), [("2016", Num), ("300", Num)]);
        assert_eq!(toks("1,2345"), [("1", Num), (",", Punct), ("2345", Num)]);
    }

    #[test]
    fn opaque_chunks() {
        use TokKind::*;
        assert_eq!(toks("see keybase.io/mikael."), [("see", Word), ("keybase.io/mikael", Opaque), (".", Punct)]);
        assert_eq!(toks("003_9720369bb28d1618.txt"), [("003_9720369bb28d1618.txt", Opaque)]);
        assert_eq!(toks("v1.2 and 1.2.3"), [("v1.2", Opaque), ("and", Word), ("1.2.3", Opaque)]);
        assert_eq!(toks("report.pdf"), [("report.pdf", Opaque)]);
        assert_eq!(toks("http://x.com/?p=93556"), [("http://x.com/?p=93556", Opaque)]);
    }

    #[test]
    fn a_folded_word_is_ascii_without_a_capital() {
        let text = "don't Turkey’s café Hello ok 10";
        let folded: Vec<bool> = tokenize(text, 0..text.len()).iter().map(|t| t.folded).collect();
        assert_eq!(folded, [true, false, false, false, true, false]);
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(toks("Turkey’s don't")[0].0, "Turkey’s");
    }
}
