//! Citation completion after `[@` (or after `;` / `,` inside a citation
//! group): source ids with title and date, filtered on id and title words;
//! the opening lines come on resolve.

use super::hover;
use crate::corpus::Corpus;
use crate::text::lines::floor_char_boundary;
use std::ops::Range;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Documentation, MarkupContent, MarkupKind,
    TextEdit,
};

/// Most items sent at once; the list is marked incomplete beyond it.
const MAX_ITEMS: usize = 200;

/// The citation key being typed at `offset`: the range after the `@` (to
/// the end of the key, which may go on past the cursor) and the part
/// before the cursor. `None` outside an open `[...@` group. As in Pandoc,
/// punctuation is part of a key only inside it: a full stop or colon after
/// the key (`[@.`, `[@004:`) stays outside the range a completion replaces.
pub fn key_at(text: &str, offset: usize) -> Option<(Range<usize>, &str)> {
    let offset = floor_char_boundary(text, offset);
    let is_key = |c: char| c.is_alphanumeric() || "_:.#$%&+?<>~/-".contains(c);
    let before = &text[..offset];
    let start = before.trim_end_matches(is_key).len();
    let at = start.checked_sub(1)?;
    if text.as_bytes().get(at) != Some(&b'@') {
        return None;
    }
    // the `@` opens a key: after `[`, `;`, `,`, `-` or a space, inside an unclosed `[` on this line
    let prev = text[..at].chars().next_back()?;
    if !matches!(prev, '[' | ';' | ',' | '-' | ' ') {
        return None;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let open = text[line_start..at].rfind('[')?;
    if text[line_start + open..at].contains(']') {
        return None;
    }
    let rest = &text[offset..];
    let after = &rest[..rest.len() - rest.trim_start_matches(is_key).len()];
    let end = offset + after.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_').len();
    Some((start..end, &text[start..offset]))
}

/// Does `typed` pick the source: a prefix of its id or of a title word?
fn matches(id: &str, title: &str, typed: &str) -> bool {
    let typed = typed.to_lowercase();
    id.to_lowercase().starts_with(&typed)
        || title.split(|c: char| !c.is_alphanumeric()).any(|w| w.to_lowercase().starts_with(&typed))
}

/// The completion list for a key typed as `typed`, replacing `edit` (LSP range).
pub fn items(corpus: &Corpus, typed: &str, edit: tower_lsp_server::ls_types::Range) -> CompletionList {
    let mut items = Vec::new();
    let mut complete = true;
    for src in corpus.sources() {
        if !typed.is_empty() && !matches(&src.id, &src.title, typed) {
            continue;
        }
        if items.len() == MAX_ITEMS {
            complete = false;
            break;
        }
        let id = corpus.short_id(&src.id);
        let date = src.date.map(|d| d.display()).unwrap_or_else(|| "undated".to_string());
        items.push(CompletionItem {
            label: id.clone(),
            kind: Some(CompletionItemKind::REFERENCE),
            detail: Some(format!("{} · {date}", src.title)),
            sort_text: Some(src.id.clone()),
            // clients that filter on their own (Neovim, Helix) match what is typed against
            // the id and the title words alike, as the server does
            filter_text: Some(format!("{id} {}", src.title)),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range: edit, new_text: id })),
            data: Some(serde_json::json!({ "path": src.path })),
            ..Default::default()
        });
    }
    // the server filters on title words, so it must be asked again as the key grows
    CompletionList { is_incomplete: !complete || !typed.is_empty() || items.is_empty(), items }
}

/// Fills in an item's documentation: the source's title, date and opening lines.
pub fn resolve(corpus: &Corpus, mut item: CompletionItem) -> CompletionItem {
    let path = item.data.as_ref().and_then(|d| d.get("path")).and_then(|p| p.as_str()).map(std::path::PathBuf::from);
    if let Some(src) = path.and_then(|p| corpus.by_path(&p).cloned()) {
        item.documentation = Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: hover::citation_card(&src, &corpus.short_id(&src.id)),
        }));
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_only_inside_an_open_group() {
        let t = "See [@00";
        assert_eq!(key_at(t, t.len()), Some((6..8, "00")));
        let t = "See [@003; @ and more";
        assert_eq!(key_at(t, 12), Some((12..12, "")));
        let t = "See [@abcd] x";
        assert_eq!(key_at(t, 8), Some((6..10, "ab")));
        assert_eq!(key_at("mail me@host", 12), None);
        assert_eq!(key_at("done [@004] @", 13), None);
        assert_eq!(key_at("[x]\n@", 5), None);
        assert_eq!(key_at("é[@", 99), Some((4..4, "")));
    }

    #[test]
    fn punctuation_after_a_key_is_not_replaced() {
        // `networks [@.` with the cursor after the `@`: the full stop stays
        assert_eq!(key_at("networks [@.", 11), Some((11..11, "")));
        assert_eq!(key_at("see [@00.] x", 7), Some((6..8, "0")));
        assert_eq!(key_at("see [@00:. x", 6), Some((6..8, "")));
        // inside a key it belongs to the key
        assert_eq!(key_at("see [@smith.2020] x", 8), Some((6..16, "sm")));
    }
}
