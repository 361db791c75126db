//! Pandoc-style citations in a note: `[@004]`, `[@003; @004]`,
//! `[see @004, p. 2]`. Pure text scanning; resolving keys to sources is the
//! corpus's job.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// One bracketed citation group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitationGroup {
    /// The whole `[...]`.
    pub range: Range<usize>,
    pub keys: Vec<CitationKey>,
}

/// One `@key` inside a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitationKey {
    /// The key without `@`.
    pub id: String,
    /// The span of `@key`.
    pub range: Range<usize>,
}

fn group_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[[^\[\]\n]*?-?@[^\[\]\n]*\]").expect("static regex"))
}

fn key_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|[\s\[;,-])(@[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)").expect("static regex"))
}

/// Every citation group in `text`, in order.
pub fn citation_groups(text: &str) -> impl Iterator<Item = CitationGroup> + '_ {
    group_re().find_iter(text).filter_map(move |m| {
        let inner = m.as_str();
        let keys: Vec<CitationKey> = key_re()
            .captures_iter(inner)
            .filter_map(|c| c.get(1))
            .map(|k| {
                // Trailing punctuation belongs to the sentence, not the key.
                let key = k.as_str().trim_end_matches(['.', ':', ',', ';', '-', '/']);
                let start = m.start() + k.start();
                CitationKey { id: key[1..].to_string(), range: start..start + key.len() }
            })
            .filter(|k| !k.id.is_empty())
            .collect();
        (!keys.is_empty()).then(|| CitationGroup { range: m.range(), keys })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_keys_with_exact_spans() {
        let text = "Fewer than 1,000 remain [@004]. Both agree [see @003; @004, p. 2].";
        let groups: Vec<_> = citation_groups(text).collect();
        assert_eq!(groups.len(), 2);
        assert_eq!(&text[groups[0].range.clone()], "[@004]");
        assert_eq!(groups[0].keys[0].id, "004");
        assert_eq!(&text[groups[0].keys[0].range.clone()], "@004");
        let ids: Vec<_> = groups[1].keys.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, ["003", "004"]);
    }

    #[test]
    fn emails_and_plain_brackets_are_not_citations() {
        assert_eq!(citation_groups("write to [me] or a@b.c").count(), 0);
        assert_eq!(citation_groups("[note] see [3]").count(), 0);
    }
}
