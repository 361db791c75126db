//! Sentence splitting that respects abbreviations (Dec., U.S., Maj-Gen.,
//! Mr., Lt. Gen.), initials and decimals, keeping exact byte offsets.

use std::ops::Range;

/// Words that end with a period without ending a sentence (lower case, no
/// dot): what `is_listed` matches, kept as a list for the test that says so.
#[cfg(test)]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "cpt", "cmdr", "sgt", "adm",
    "gov", "sen", "rep", "pres", "rev", "hon", "fr", "vs", "v", "etc", "al", "approx", "est", "no", "nos", "vol",
    "fig", "figs", "pp", "p", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "dept", "univ", "assn", "bros", "ave", "blvd", "rd", "cf", "ca", "c",
    "op", "ed", "eds", "repr", "supt", "insp", "det", "cpl", "pvt", "brig", "cdr",
];

fn is_abbreviation(word: &str) -> bool {
    if word.contains('.') {
        return true; // U.S, e.g, i.e
    }
    let last = word.rsplit('-').next().unwrap_or(word);
    if last.chars().count() == 1 && last.chars().all(|c| c.is_uppercase()) {
        return true; // an initial
    }
    if last.is_ascii() {
        // lower-cased into a small buffer and looked up in a match, where a
        // search of the list compared every entry at every full stop
        let mut buf = [0u8; 8];
        let Some(lower) = buf.get_mut(..last.len()) else {
            return false; // longer than any abbreviation
        };
        lower.copy_from_slice(last.as_bytes());
        lower.make_ascii_lowercase();
        return is_listed(lower);
    }
    let lower = last.to_lowercase();
    is_listed(lower.as_bytes())
}

/// Is `lower` one of `ABBREVIATIONS`? The same words, matched by the compiler.
fn is_listed(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"prof"
            | b"st"
            | b"jr"
            | b"sr"
            | b"gen"
            | b"lt"
            | b"col"
            | b"maj"
            | b"capt"
            | b"cpt"
            | b"cmdr"
            | b"sgt"
            | b"adm"
            | b"gov"
            | b"sen"
            | b"rep"
            | b"pres"
            | b"rev"
            | b"hon"
            | b"fr"
            | b"vs"
            | b"v"
            | b"etc"
            | b"al"
            | b"approx"
            | b"est"
            | b"no"
            | b"nos"
            | b"vol"
            | b"fig"
            | b"figs"
            | b"pp"
            | b"p"
            | b"inc"
            | b"corp"
            | b"co"
            | b"ltd"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"mt"
            | b"ft"
            | b"dept"
            | b"univ"
            | b"assn"
            | b"bros"
            | b"ave"
            | b"blvd"
            | b"rd"
            | b"cf"
            | b"ca"
            | b"c"
            | b"op"
            | b"ed"
            | b"eds"
            | b"repr"
            | b"supt"
            | b"insp"
            | b"det"
            | b"cpl"
            | b"pvt"
            | b"brig"
            | b"cdr"
    )
}

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '*', '_'];

/// Splits `range` of `text` into sentence ranges, trimmed of surrounding
/// white space. Empty sentences are dropped.
pub fn split(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    let base = range.start;
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    let char_at = |k: usize| slice.get(k..).and_then(|s| s.chars().next());
    // the next terminator, found with memchr's SIMD search: most bytes are none
    while let Some(at) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += at;
        let b = bytes[i];
        // Extend over repeated terminators and closing quotes/brackets.
        let mut j = i + 1;
        while let Some(c) = char_at(j) {
            if matches!(c, '.' | '!' | '?') || CLOSERS.contains(&c) {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let end = j;
        let next = char_at(j);
        let followed_by_space = next.is_none_or(char::is_whitespace);
        let mut k = j;
        while let Some(c) = char_at(k).filter(|c| c.is_whitespace()) {
            k += c.len_utf8();
        }
        let next_starts = char_at(k).is_none_or(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[' | '*' | '_' | '#')
        });
        // asked last: the word before reaches back over a run of dots and
        // digits ("1.1.1…"), so only a dot that could end a sentence asks
        if followed_by_space && next_starts && !(b == b'.' && j == i + 1 && is_abbreviation(word_before(slice, i))) {
            push_trimmed(&mut out, slice, base, start..end);
            start = end;
        }
        i = j;
    }
    push_trimmed(&mut out, slice, base, start..slice.len());
    out
}

fn word_before(slice: &str, dot: usize) -> &str {
    let before = &slice[..dot];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &before[start..]
}

fn push_trimmed(out: &mut Vec<Range<usize>>, slice: &str, base: usize, r: Range<usize>) {
    let s = &slice[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(base + r.start + lead..base + r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "It fell since Dec. 5 when 3,000 were there. The U.S. Air Force Maj-Gen. Smith spoke. Lt. Gen. J. Doe agreed!";
        assert_eq!(
            sentences(text),
            [
                "It fell since Dec. 5 when 3,000 were there.",
                "The U.S. Air Force Maj-Gen. Smith spoke.",
                "Lt. Gen. J. Doe agreed!"
            ]
        );
    }

    #[test]
    fn a_long_run_of_dots_and_digits_is_split_in_linear_time() {
        let text = format!("{}1. Then 200 left.", "1.".repeat(64 * 1024));
        let t = std::time::Instant::now();
        // one word with dots in it, as "U.S." is: no sentence ends inside
        assert_eq!(sentences(&text), [text.as_str()]);
        assert!(t.elapsed() < std::time::Duration::from_secs(1), "{:?}", t.elapsed());
    }

    #[test]
    fn the_match_holds_the_listed_abbreviations() {
        assert!(ABBREVIATIONS.iter().all(|a| is_listed(a.as_bytes()) && is_abbreviation(&a.to_uppercase())));
        assert!(!is_listed(b"said") && !is_abbreviation("Approximately"));
    }

    #[test]
    fn quotes_and_decimals() {
        let text = "He said \"it is 1.5 times.\" Then 200 left. ok";
        assert_eq!(sentences(text), ["He said \"it is 1.5 times.\"", "Then 200 left. ok"]);
    }
}
