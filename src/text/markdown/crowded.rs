//! A guard before the Markdown parser: matching emphasis delimiters (`*`,
//! `_`, `~`) is quadratic in how many one paragraph holds (pulldown-cmark
//! searches back through them for each closer: `*a ` × 40,000 and ` b_` ×
//! 40,000 took 2.5 s). A paragraph with more than [`MAX_DELIMITERS`] of
//! them has them read as spaces instead, which is what they become in the
//! masked text when they are markup; only a line's first character is
//! kept (a list bullet, a rule). Same length, same offsets.

use std::borrow::Cow;

/// Emphasis delimiters one paragraph may hold before they are blanked.
pub const MAX_DELIMITERS: usize = 256;

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'*' | b'_' | b'~')
}

/// `text`, with the emphasis delimiters of crowded paragraphs (runs of
/// lines between blank lines) turned to spaces.
pub fn uncrowded(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if bytes.iter().filter(|&&b| is_delimiter(b)).count() <= MAX_DELIMITERS {
        return Cow::Borrowed(text);
    }
    let mut out: Option<Vec<u8>> = None;
    let mut start = 0;
    while start < bytes.len() {
        let end = paragraph_end(bytes, start);
        let crowded = bytes[start..end].iter().filter(|&&b| is_delimiter(b)).count() > MAX_DELIMITERS;
        if crowded {
            let out = out.get_or_insert_with(|| bytes.to_vec());
            let mut line_start = true;
            for i in start..end {
                let b = bytes[i];
                if is_delimiter(b) && !line_start {
                    out[i] = b' ';
                }
                if b == b'\n' {
                    line_start = true;
                } else if !matches!(b, b' ' | b'\t') {
                    line_start = false;
                }
            }
        }
        start = end;
    }
    match out {
        // only ASCII bytes were replaced by spaces: still UTF-8
        Some(v) => Cow::Owned(String::from_utf8(v).unwrap_or_else(|_| text.to_string())),
        None => Cow::Borrowed(text),
    }
}

/// Where the paragraph at `start` ends: after the next blank line, or at the end.
fn paragraph_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(nl) = bytes[i..].iter().position(|&b| b == b'\n').map(|p| i + p) {
        let next = nl + 1;
        let blank_line_follows = bytes[next..].iter().take_while(|&&b| b != b'\n').all(|b| b.is_ascii_whitespace());
        if blank_line_follows && next < bytes.len() {
            return next;
        }
        i = next;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_crowded_paragraphs_lose_their_delimiters_and_offsets_stay() {
        let calm = "Some *emphasis* and snake_case.\n\n* a bullet\n";
        assert!(matches!(uncrowded(calm), Cow::Borrowed(_)));
        let crowded = format!("{}\n", "*a ".repeat(300));
        let text = format!("{calm}\n{crowded}\n* another bullet with *stars*\n");
        let got = uncrowded(&text);
        assert_eq!(got.len(), text.len());
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines[..3], ["Some *emphasis* and snake_case.", "", "* a bullet"]);
        assert_eq!(lines[4], format!("*a {}", " a ".repeat(299)));
        assert_eq!(lines[6], "* another bullet with *stars*");
    }
}
