//! Prose extraction. A document becomes a *masked* copy of itself — same
//! length, same offsets — in which everything that is not prose (code, HTML,
//! front matter, link targets, citation keys, footnote markers, markup
//! characters) is blanked to spaces, plus the blocks (paragraphs, headings,
//! list items, table cells, plain-text lines) that sentences may not cross.
//! Scanning the masked text therefore yields offsets into the original.

mod crowded;

use super::Format;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Ordinary running text.
    Text,
    /// A heading (Markdown `#`, or a plain-text line without final punctuation).
    Heading,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// For a table cell: the other cells of its row and its column's header,
    /// which say what the cell's figure counts and when.
    pub context: Vec<Range<usize>>,
}

/// A Markdown link found in prose: its whole span and its destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: Range<usize>,
    pub dest: String,
}

#[derive(Clone, Debug)]
pub struct Prose {
    /// The document with non-prose bytes blanked; same length as the input.
    pub masked: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// Pandoc citation groups in the prose (never inside code).
    pub citations: Vec<crate::citations::CitationGroup>,
}

/// Reads `text` as `format` and returns its prose.
pub fn prose(text: &str, format: Format) -> Prose {
    match format {
        Format::Markdown => markdown_prose(text),
        Format::Plain => plain_prose(text),
    }
}

/// `text` with `ranges` blanked to spaces (newlines kept): same length,
/// same offsets. A range that does not fall on character boundaries is left.
pub fn blanked(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        if r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end) {
            blank(&mut bytes, r);
        }
    }
    // whole characters became ASCII spaces: still UTF-8
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

fn blank(bytes: &mut [u8], range: Range<usize>) {
    for b in &mut bytes[range] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

fn markdown_prose(text: &str) -> Prose {
    // a paragraph crowded with emphasis delimiters has them read as spaces
    let text = &*crowded::uncrowded(text);
    let mut out = text.as_bytes().to_vec();
    // Start with everything blanked; prose text events are copied back in.
    blank(&mut out, 0..text.len());
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut boundaries = vec![0, text.len()];
    let mut headings: Vec<Range<usize>> = Vec::new();
    let mut links = Vec::new();
    let mut link_stack: Vec<(usize, String)> = Vec::new();
    let mut opaque = 0usize; // depth inside code blocks, metadata, HTML blocks
                             // tables: header cells of the current table, cells of the current row
    let mut header: Vec<Range<usize>> = Vec::new();
    let mut row: Vec<Range<usize>> = Vec::new();
    let mut cell_rows: Vec<TableRow> = Vec::new();
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => opaque += 1,
                    Tag::Heading { .. } => headings.push(range.clone()),
                    Tag::Link { dest_url, .. } => link_stack.push((range.start, dest_url.to_string())),
                    _ => {}
                }
                if is_block(&tag) {
                    boundaries.push(range.start);
                }
            }
            Event::End(end) => {
                match end {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                        opaque = opaque.saturating_sub(1)
                    }
                    TagEnd::TableCell => row.push(range.clone()),
                    TagEnd::TableHead => {
                        header = std::mem::take(&mut row);
                    }
                    TagEnd::TableRow => cell_rows.push((std::mem::take(&mut row), header.clone())),
                    TagEnd::Table => header.clear(),
                    TagEnd::Link => {
                        if let Some((start, dest)) = link_stack.pop() {
                            links.push(Link { range: start..range.end, dest });
                        }
                    }
                    _ => {}
                }
                if is_block_end(&end) {
                    boundaries.push(range.end);
                }
            }
            Event::Text(_) if opaque == 0 => {
                // Escapes: the event's text may be shorter than its range; keep
                // the source bytes but blank backslashes.
                out[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
                for i in range.clone() {
                    if text.as_bytes()[i] == b'\\' {
                        out[i] = b' ';
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {}
            _ => {}
        }
    }
    let mut masked = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let citations = blank_citations(&mut masked);
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut blocks = Vec::new();
    for pair in boundaries.windows(2) {
        let range = pair[0]..pair[1];
        if masked[range.clone()].trim().is_empty() {
            continue;
        }
        let kind = if headings.iter().any(|h| h.start <= range.start && range.end <= h.end) {
            BlockKind::Heading
        } else {
            BlockKind::Text
        };
        let context = table_context(&range, &cell_rows);
        blocks.push(Block { range, kind, context });
    }
    Prose { masked, blocks, links, citations }
}

/// A table row's cells and its table's header cells.
type TableRow = (Vec<Range<usize>>, Vec<Range<usize>>);

/// Cells of its row either side of a cell that are its context: a wide
/// table's far columns say nothing of one cell, and a row's whole width for
/// each of its cells would grow with the square of the width.
pub const ROW_CONTEXT_EACH_SIDE: usize = 8;

/// The other cells of a body cell's row (the nearest
/// [`ROW_CONTEXT_EACH_SIDE`] either side), and its column header. `rows`
/// are in text order, found by binary search.
fn table_context(cell: &Range<usize>, rows: &[TableRow]) -> Vec<Range<usize>> {
    let after = rows.partition_point(|(cells, _)| cells.last().is_none_or(|c| c.end < cell.end));
    let Some((cells, header)) = rows.get(after) else { return Vec::new() };
    let col = cells.partition_point(|c| c.end < cell.end);
    if !cells.get(col).is_some_and(|c| c.start <= cell.start && cell.end <= c.end) {
        return Vec::new();
    }
    let from = col.saturating_sub(ROW_CONTEXT_EACH_SIDE);
    let to = (col + ROW_CONTEXT_EACH_SIDE + 1).min(cells.len());
    let mut ctx: Vec<Range<usize>> = (from..to).filter(|&i| i != col).map(|i| cells[i].clone()).collect();
    ctx.extend(header.get(col).cloned());
    ctx
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

/// Blanks Pandoc citation brackets (`[@004]`, `[see @a; @b, p. 3]`) so their
/// keys are never read as figures, and returns them.
fn blank_citations(masked: &mut String) -> Vec<crate::citations::CitationGroup> {
    let groups: Vec<crate::citations::CitationGroup> = crate::citations::citation_groups(masked).collect();
    if groups.is_empty() {
        return groups;
    }
    let mut bytes = std::mem::take(masked).into_bytes();
    for g in &groups {
        blank(&mut bytes, g.range.clone());
    }
    *masked = String::from_utf8(bytes).unwrap_or_default();
    groups
}

fn plain_prose(text: &str) -> Prose {
    let mut masked = text.to_string();
    let citations = blank_citations(&mut masked);
    let mut blocks: Vec<Block> = Vec::new();
    let mut offset = 0;
    let mut continues = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end();
        if body.trim().is_empty() {
            continues = false;
            continue;
        }
        let end = start + body.len();
        let ends_sentence = ends_with_a_sentence_mark(body);
        let starts_lower = body.trim_start().chars().next().is_some_and(|c| c.is_lowercase());
        match blocks.last_mut() {
            Some(last) if continues && starts_lower => {
                last.range.end = end;
                last.kind = BlockKind::Text;
            }
            _ => blocks.push(Block {
                range: start..end,
                kind: if is_headline(body) { BlockKind::Heading } else { BlockKind::Text },
                context: Vec::new(),
            }),
        }
        continues = !ends_sentence;
    }
    Prose { masked, blocks, links: Vec::new(), citations }
}

/// Does the line end as a sentence does, its mark perhaps inside closing
/// quotes or brackets ("…a problem.'")? A line that does not may be
/// hard-wrapped, and go on in the next.
fn ends_with_a_sentence_mark(line: &str) -> bool {
    let closing = ['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '*', '_'];
    line.trim_end_matches(closing).ends_with(['.', '!', '?', ':', '\u{2026}']) || line.ends_with(['"', '\u{201d}', ')'])
}

/// Is a plain-text line (not yet joined to the next) a headline? It ends
/// without a sentence's closing mark, and it is one short run of words: a
/// line of several sentences, or longer than any headline, is prose that
/// merely stops without a mark ("…become a problem.'", a paragraph cut off).
fn is_headline(line: &str) -> bool {
    const HEADLINE_BYTES: usize = 200;
    if ends_with_a_sentence_mark(line) || line.len() > HEADLINE_BYTES {
        return false;
    }
    // a sentence ends inside it: ". The", "? She"
    let bytes = line.as_bytes();
    !bytes.windows(3).any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ' && w[2].is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_masks_code_links_and_citations_but_keeps_offsets() {
        let text = "# 2. Findings\n\nAbout **200** a month [@000]; see `x = 45` and [the report](a_1.txt).\n\n```\n3,000\n```\n";
        let p = prose(text, Format::Markdown);
        assert_eq!(p.masked.len(), text.len());
        assert!(p.masked.contains("About   200   a month"));
        assert!(!p.masked.contains("000"));
        assert!(!p.masked.contains("45"));
        assert!(!p.masked.contains("3,000"));
        assert!(!p.masked.contains("a_1"));
        assert!(p.masked.contains("the report"));
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(p.blocks[0].kind, BlockKind::Heading);
        assert_eq!(p.links[0].dest, "a_1.txt");
    }

    #[test]
    fn a_paragraph_crowded_with_emphasis_delimiters_is_read_in_linear_time() {
        let text = format!("About 200 people came.\n\n{}{}\n", "*a ".repeat(40_000), " b_".repeat(40_000));
        let t = std::time::Instant::now();
        let p = prose(&text, Format::Markdown);
        assert!(t.elapsed() < std::time::Duration::from_secs(1), "{:?}", t.elapsed());
        assert_eq!(p.masked.len(), text.len());
        assert!(p.masked.starts_with("About 200 people came.\n\n*a  a  a "));
        assert!(!p.masked.contains('_'));
    }

    #[test]
    fn table_cells_carry_their_row_and_header_as_context() {
        let text = "| When | Count |\n|---|---|\n| 2015 | 40 fighters |\n";
        let p = prose(text, Format::Markdown);
        let cell = p.blocks.iter().find(|b| text[b.range.clone()].contains("40")).unwrap();
        let ctx: Vec<&str> = cell.context.iter().map(|r| text[r.clone()].trim()).collect();
        assert_eq!(ctx, ["2015", "Count"]);
    }

    #[test]
    fn a_wide_tables_cell_takes_the_nearest_cells_of_its_row_and_its_header() {
        let row = |f: &dyn Fn(usize) -> String| format!("| {} |\n", (0..40).map(f).collect::<Vec<_>>().join(" | "));
        let text = [row(&|c| format!("H{c}")), row(&|_| "---".into()), row(&|c| format!("c{c}"))].concat();
        let p = prose(&text, Format::Markdown);
        let context = |name: &str| {
            let cell = p.blocks.iter().find(|b| text[b.range.clone()].trim() == name).expect("cell");
            cell.context.iter().map(|r| text[r.clone()].trim()).collect::<Vec<_>>()
        };
        let want: Vec<String> = (12..29).filter(|c| *c != 20).map(|c| format!("c{c}")).chain(["H20".into()]).collect();
        assert_eq!(context("c20"), want);
        let want: Vec<String> = (1..9).map(|c| format!("c{c}")).chain(["H0".into()]).collect();
        assert_eq!(context("c0"), want);
        let want: Vec<String> = (31..39).map(|c| format!("c{c}")).chain(["H39".into()]).collect();
        assert_eq!(context("c39"), want);
    }

    #[test]
    fn citations_are_found_in_prose_only() {
        let text = "Cited [@004], not `[@005]`:\n\n```\n[@006]\n```\n";
        let p = prose(text, Format::Markdown);
        let ids: Vec<&str> = p.citations.iter().flat_map(|g| g.keys.iter().map(|k| k.id.as_str())).collect();
        assert_eq!(ids, ["004"]);
        assert_eq!(&text[p.citations[0].keys[0].range.clone()], "@004");
    }

    #[test]
    fn blanked_keeps_offsets_and_newlines_and_leaves_ranges_inside_a_character() {
        assert_eq!(blanked("a [é](x)\nb", std::iter::once(2..11)), "a        \n ");
        assert_eq!(blanked("é and é", [1..2, 3..6]), "é     é");
    }

    #[test]
    fn front_matter_is_not_prose() {
        let text = "---\nversion: 2\n---\nText with 5 cases.\n";
        let p = prose(text, Format::Markdown);
        assert!(!p.masked.contains('2'));
        assert!(p.masked.contains("5 cases"));
    }

    #[test]
    fn plain_text_joins_hard_wrapped_lines_and_marks_headlines() {
        let text = "Headline about 5 things\n\nA sentence that\ncontinues here.\nNext one.\n";
        let p = prose(text, Format::Plain);
        assert_eq!(p.blocks.len(), 3);
        assert_eq!(p.blocks[0].kind, BlockKind::Heading);
        assert_eq!(&text[p.blocks[1].range.clone()], "A sentence that\ncontinues here.");
    }

    #[test]
    fn a_line_of_several_sentences_is_prose_however_it_ends() {
        let text =
            "Two FBI Agents Met Him\n\nHe was met by two FBI agents. He said: 'We can help.'\nHe left. And then\n";
        let p = prose(text, Format::Plain);
        let kinds: Vec<_> = p.blocks.iter().map(|b| (&text[b.range.clone()], b.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Two FBI Agents Met Him", BlockKind::Heading),
                ("He was met by two FBI agents. He said: 'We can help.'", BlockKind::Text),
                ("He left. And then", BlockKind::Text),
            ]
        );
        let long = format!("{} and so on", "word ".repeat(50));
        assert_eq!(prose(&long, Format::Plain).blocks[0].kind, BlockKind::Text);
    }
}
