//! Checking a note: its figures judged against the corpus, its citations
//! resolved, and a warning where a figure's cited source is not the one
//! that gives it.

mod key;

use crate::corpus::{Corpus, IdError, Source};
use crate::figures::{self, Figure};
use crate::ignore::Ignores;
use crate::subject::{self, Subject};
use crate::text::{markdown, Format};
use crate::verdict::{self, Judgement, Stance, Verdict};
use crate::workspace::Settings;
use key::{alike, judgement_key, sentence_digest};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A citation key in a note and what it names.
#[derive(Clone, Debug)]
pub struct Citation {
    pub id: String,
    pub range: Range<usize>,
    pub source: Option<Arc<Source>>,
    /// Why it names no source, for an error diagnostic.
    pub error: Option<String>,
}

#[derive(Clone, Debug)]
pub struct FigureCheck {
    pub figure: Figure,
    /// Shared with the judgement cache (and whatever an adapter keeps per judgement).
    pub judgement: Arc<Judgement>,
    /// The figure's own subject as two notes' figures are compared
    /// (`consistency`): read from its sentence of the masked note, without
    /// its passage or heading. Shared with the judgement cache, so a check
    /// reads it only for the figures it judges afresh.
    pub subject: Arc<Subject>,
    /// Indexes into `NoteCheck::citations` of the keys citing this figure's sentence.
    pub cited: Vec<usize>,
    /// "cited 003 does not give this figure; 000 does".
    pub citation_warning: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct NoteCheck {
    pub figures: Vec<FigureCheck>,
    pub citations: Vec<Citation>,
    /// Figures left unchecked by an ignore marker (see `ignore`).
    pub ignored: usize,
    /// The short id (`Corpus::short_id`) of every source the check names,
    /// by id: what hover and related passages show, as messages do.
    pub short_ids: std::collections::HashMap<String, String>,
}

impl NoteCheck {
    /// How the source with `id` is named to people (its id when the check
    /// did not name it).
    pub fn short_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.short_ids.get(id).map_or(id, String::as_str)
    }

    pub fn count(&self, v: Verdict) -> usize {
        self.figures.iter().filter(|f| f.judgement.verdict == v).count()
    }
}

/// Checks note `text` (read as `format`; `path` resolves links to sources).
pub fn check_note(text: &str, format: Format, path: Option<&Path>, corpus: &Corpus, settings: &Settings) -> NoteCheck {
    check_note_cached(text, format, path, corpus, settings, &mut JudgementCache::default())
}

/// Judgements of a note's figures from its previous check, keyed by what
/// decides them (the figure's sentence and place in it, its table row, its
/// citations, the note's date). The caller clears it when the corpus or the
/// settings change; a keystroke then re-judges only the sentence it touched.
/// Each judgement is kept with its figure's own subject (`FigureCheck::subject`).
#[derive(Default)]
pub struct JudgementCache {
    map: std::collections::HashMap<u64, Judged>,
}

/// A judgement and the subject of its figure, as cached.
type Judged = (Arc<Judgement>, Arc<Subject>);

impl JudgementCache {
    pub fn clear(&mut self) {
        self.map.clear();
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// `check_note`, reusing the judgements in `cache` that still apply and
/// leaving in it exactly this check's judgements.
pub fn check_note_cached(
    text: &str,
    format: Format,
    path: Option<&Path>,
    corpus: &Corpus,
    settings: &Settings,
    cache: &mut JudgementCache,
) -> NoteCheck {
    let never = || false;
    let check = check_note_unless(text, format, path, corpus, settings, cache, &never);
    check.unwrap_or_default()
}

/// Figures judged between two questions to `cancelled` within one sentence.
const CANCEL_EVERY: usize = 256;

/// `check_note_cached`, given up (`None`) as soon as `cancelled` says so:
/// it is asked before each sentence, and every [`CANCEL_EVERY`] figures. The judgements made so far stay in
/// `cache` with those not yet reused, for the check that follows.
pub fn check_note_unless(
    text: &str,
    format: Format,
    path: Option<&Path>,
    corpus: &Corpus,
    settings: &Settings,
    cache: &mut JudgementCache,
    cancelled: &dyn Fn() -> bool,
) -> Option<NoteCheck> {
    let mut next = std::collections::HashMap::new();
    let mut ex = figures::extract_with(text, format, &settings.conventions);
    let note_date = crate::corpus::dating::note_date(text, &ex);
    let citations = resolve_citations(&ex, path, corpus);
    // subjects are read from the prose less the citations: a link citing a
    // source names that source, as a citation key does (keys are blank already)
    let prose = markdown::blanked(&ex.masked, citations.iter().map(|c| c.range.clone()));
    // each sentence's figure spans, so a figure finds its neighbours at once,
    // and their stated numbers, for a judged figure's companions (`Subject::companions`)
    let mut by_sentence: std::collections::HashMap<(usize, usize), Vec<Range<usize>>> =
        std::collections::HashMap::new();
    let mut stated_by_sentence: std::collections::HashMap<(usize, usize), Vec<Vec<f64>>> =
        std::collections::HashMap::new();
    for f in &ex.figures {
        use figures::Measure;
        by_sentence.entry((f.sentence.start, f.sentence.end)).or_default().push(f.span.clone());
        stated_by_sentence.entry((f.sentence.start, f.sentence.end)).or_default().push(f.stated().to_vec());
    }
    let ignores = Ignores::find(text);
    let mut out = NoteCheck { figures: Vec::new(), citations, ignored: 0, short_ids: Default::default() };
    let headings = std::mem::take(&mut ex.headings);
    // headings come in order: the last that ends before the figure's sentence
    let heading_before = |at: usize| headings[..headings.partition_point(|h| h.end <= at)].last().cloned();
    // each heading's words that some source uses: all it brings to a judgement
    let mut heading_terms: std::collections::HashMap<usize, Vec<String>> = Default::default();
    // the sentence being read: its digest, and its words once a figure needs a subject
    let mut current: Option<(Range<usize>, u64)> = None;
    let mut contexts: std::collections::HashMap<(usize, usize, Option<usize>), Vec<String>> = Default::default();
    let mut reading: Option<subject::SentenceSubjects> = None;
    // the note's words, read once when a passage's terms are first asked for
    let uses = |t: &str| corpus.mentions(subject::TermId::lookup(t));
    let synonyms = &settings.synonyms;
    let mut passages: Option<(Range<usize>, subject::PassageTerms)> = None;
    let cells = subject::Cells::default();
    // figures judged afresh, not found in `cache`
    let mut judged = 0usize;
    // each paragraph's best documents, looked up once for all its figures
    let mut documents = verdict::features::DocumentMemo::default();
    for (n, figure) in ex.figures.into_iter().enumerate() {
        // asked between sentences, and every few hundred figures within one
        if n % CANCEL_EVERY == CANCEL_EVERY - 1 && cancelled() {
            tracing::debug!(at = n, judged, "check given up");
            cache.map.extend(next);
            return None;
        }
        if ignores.covers(text, &figure.span) {
            out.ignored += 1;
            continue;
        }
        let sentence_figures: &[Range<usize>] =
            by_sentence.get(&(figure.sentence.start, figure.sentence.end)).map_or(&[], Vec::as_slice);
        let digest = match &current {
            Some((s, d)) if *s == figure.sentence => *d,
            _ => {
                if cancelled() {
                    tracing::debug!(at = n, judged, "check given up");
                    cache.map.extend(next);
                    return None;
                }
                let d = sentence_digest((&prose, &ex.masked), &figure.sentence, sentence_figures);
                current = Some((figure.sentence.clone(), d));
                reading = None;
                d
            }
        };
        let cited = cited_by(text, &figure, sentence_figures, &out.citations);
        let cited_paths: Vec<PathBuf> =
            cited.iter().filter_map(|i| out.citations[*i].source.as_ref().map(|s| s.path.clone())).collect();
        let heading = heading_before(figure.sentence.start);
        let heading_words: &[String] = match &heading {
            Some(h) => heading_terms
                .entry(h.start)
                .or_insert_with(|| subject::used_terms(&prose, h.clone(), synonyms, |t| corpus.uses(t))),
            None => &[],
        };
        // what the passage is about: its paragraph's and heading's words that
        // some source uses, read once for all the paragraph's figures
        let (paragraph, cut) = paragraph_cut(&prose, figure.sentence.clone());
        let context = contexts
            .entry((paragraph.start, paragraph.end, heading.as_ref().map(|h| h.start)))
            .or_insert_with(|| {
                // a paragraph cut short by the reach (a long block, a wide table):
                // its windows slide over the block's words, read once
                let inside = |r: &Range<usize>| r.start <= paragraph.start && paragraph.end <= r.end;
                let mut terms = if cut {
                    if !passages.as_ref().is_some_and(|(r, _)| inside(r)) {
                        let block = block_of(&prose, paragraph.clone());
                        passages = Some((block.clone(), subject::PassageTerms::new(&prose, block, synonyms, &uses)));
                    }
                    passages.as_mut().map_or_else(Vec::new, |(_, p)| p.of(paragraph.clone()))
                } else {
                    subject::context_terms(&prose, paragraph.clone(), synonyms)
                };
                terms.retain(|t| corpus.mentions(crate::subject::TermId::lookup(t)));
                terms.extend(heading_words.iter().cloned());
                terms.sort_unstable();
                terms.dedup();
                terms
            })
            .clone();
        let texts = (prose.as_str(), ex.masked.as_str());
        let key = judgement_key(texts, &figure, digest, heading_words, &context, &cited_paths, note_date);
        let (judgement, own) = match cache.map.remove(&key).or_else(|| next.get(&key).cloned()) {
            Some(j) => j,
            None => {
                judged += 1;
                let words = reading.get_or_insert_with(|| {
                    subject::SentenceSubjects::new(&prose, figure.sentence.clone(), sentence_figures, synonyms, &cells)
                });
                // the others: the sentence's spans but this figure's
                let count = words.count_of(&figure.span);
                let mut subject = words.of(&figure, count);
                let own = if alike(texts.0, texts.1, &figure.sentence)
                    && figure.context.iter().all(|c| alike(texts.0, texts.1, c))
                {
                    subject.clone()
                } else {
                    // a citing link's words, blanked in `prose`, stay in the figure's own subject
                    let cells = subject::Cells::default();
                    let sentence = figure.sentence.clone();
                    subject::SentenceSubjects::new(texts.1, sentence, sentence_figures, synonyms, &cells)
                        .of(&figure, count)
                };
                subject.context = context;
                let stated = stated_by_sentence.get(&(figure.sentence.start, figure.sentence.end));
                let numbers = sentence_figures.iter().zip(stated.into_iter().flatten().map(Vec::as_slice));
                subject.companions = subject::companions_among(&figure.span, numbers);
                subject = subject::with_terms(subject, heading_words);
                let params = &settings.params;
                let j = verdict::judge_in(&figure, &subject, note_date, &cited_paths, corpus, params, &mut documents);
                (Arc::new(j), Arc::new(own))
            }
        };
        next.insert(key, (judgement.clone(), own.clone()));
        let citation_warning = citation_warning(&judgement, &cited, &out.citations, corpus);
        out.figures.push(FigureCheck { figure, judgement, subject: own, cited, citation_warning });
    }
    cache.map = next;
    tracing::debug!(figures = out.figures.len(), judged, "figures judged");
    let named = out.figures.iter().flat_map(|f| f.judgement.evidence.iter().map(|e| &e.source));
    for source in named.chain(out.citations.iter().filter_map(|c| c.source.as_ref())) {
        if !out.short_ids.contains_key(&source.id) {
            out.short_ids.insert(source.id.clone(), corpus.short_id(&source.id));
        }
    }
    Some(out)
}

/// Bytes of a paragraph either side of a figure's sentence that count as
/// what the passage is about.
const PARAGRAPH_REACH: usize = 1500;

/// The paragraph around `sentence`: from the blank line before it to the
/// blank line after it, at most `PARAGRAPH_REACH` bytes either side.
pub fn paragraph_of(prose: &str, sentence: Range<usize>) -> Range<usize> {
    paragraph_cut(prose, sentence).0
}

/// `paragraph_of`, and whether the reach cut it short of a blank line or
/// the text's end on either side.
fn paragraph_cut(prose: &str, sentence: Range<usize>) -> (Range<usize>, bool) {
    let floor = |mut i: usize| {
        while !prose.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let lo = floor(sentence.start.saturating_sub(PARAGRAPH_REACH));
    let hi = floor((sentence.end + PARAGRAPH_REACH).min(prose.len()));
    let blank = |s: &str| s.find("\n\n").or_else(|| s.find("\n \n"));
    let start = prose[lo..sentence.start].rfind("\n\n").map(|i| lo + i + 2);
    let end = blank(&prose[sentence.end..hi]).map(|i| sentence.end + i);
    let cut = (start.is_none() && lo > 0) || (end.is_none() && hi < prose.len());
    (start.unwrap_or(lo)..end.unwrap_or(hi).max(sentence.end), cut)
}

/// The block of `prose` around `window`: from the blank line before it to
/// the blank line after it, however far (every window of its sentences
/// lies inside it).
fn block_of(prose: &str, window: Range<usize>) -> Range<usize> {
    let start = prose[..window.start].rfind("\n\n").map_or(0, |i| i + 2);
    let after = &prose[window.end..];
    // the blank line `paragraph_cut` ends a paragraph at, unbounded
    let end = after.find("\n\n").or_else(|| after.find("\n \n")).map_or(prose.len(), |i| window.end + i);
    start.min(window.start)..end
}

/// The citations that speak for a figure: those after it in its sentence
/// (or table row) before the next figure; failing that, all of its
/// sentence's, including any just after the sentence ends. (Both
/// `sentence_figures` and `citations` are in text order.)
fn cited_by(text: &str, figure: &Figure, sentence_figures: &[Range<usize>], citations: &[Citation]) -> Vec<usize> {
    let s = &figure.sentence;
    let after = text[s.end..].find(|c: char| !c.is_whitespace() && c != '[').map_or(text.len(), |o| s.end + o);
    let in_sentence = |c: &Citation| {
        (c.range.start >= s.start && c.range.end <= s.end + 1)
            || (c.range.start >= s.end && c.range.start <= after + 1)
            || figure.context.iter().any(|r| r.start <= c.range.start && c.range.end <= r.end)
    };
    // the sentence's figures and the citations come in text order: both found by binary search
    let next = sentence_figures.partition_point(|r| r.start < figure.span.end);
    let next_figure = sentence_figures.get(next).map_or(usize::MAX, |r| r.start);
    let lo = citations.partition_point(|c| c.range.start < figure.span.end);
    let hi = citations.partition_point(|c| c.range.start < next_figure).max(lo);
    let own: Vec<usize> = (lo..hi).filter(|&i| in_sentence(&citations[i])).collect();
    if !own.is_empty() {
        return own;
    }
    citations.iter().enumerate().filter(|(_, c)| in_sentence(c)).map(|(i, _)| i).collect()
}

fn citation_warning(j: &Judgement, cited: &[usize], citations: &[Citation], corpus: &Corpus) -> Option<String> {
    let cited_sources: Vec<&Arc<Source>> = cited.iter().filter_map(|i| citations[*i].source.as_ref()).collect();
    if cited_sources.is_empty() || j.verdict == Verdict::Unsourced {
        return None;
    }
    let supporters: Vec<&Arc<Source>> =
        j.evidence.iter().filter(|e| e.stance == Stance::Supports).map(|e| &e.source).collect();
    if j.verdict == Verdict::Supported && !supporters.iter().any(|s| cited_sources.iter().any(|c| c.path == s.path)) {
        let cited_names: Vec<String> = cited_sources.iter().map(|s| corpus.short_id(&s.id)).collect();
        let verb = if cited_names.len() == 1 { "does" } else { "do" };
        return Some(format!(
            "cited {} {verb} not give this figure; {} does",
            cited_names.join(", "),
            corpus.short_id(&supporters[0].id)
        ));
    }
    None
}

/// Resolves the note's citation keys and its links to source files.
fn resolve_citations(ex: &figures::Extraction, path: Option<&Path>, corpus: &Corpus) -> Vec<Citation> {
    let mut out = Vec::new();
    for group in &ex.citations {
        for key in &group.keys {
            let (source, error) = match corpus.resolve_id(&key.id) {
                Ok(s) => (Some(s.clone()), None),
                Err(IdError::Unknown) => {
                    (None, Some(format!("unknown source '@{}': no source file is named {}", key.id, key.id)))
                }
                Err(IdError::Ambiguous(ids)) => {
                    (None, Some(format!("ambiguous source '@{}': it could be {}", key.id, ids.join(", "))))
                }
            };
            out.push(Citation { id: key.id.clone(), range: key.range.clone(), source, error });
        }
    }
    if let Some(note_dir) = path.and_then(Path::parent) {
        for link in &ex.links {
            if let Some(source) = link_target(note_dir, &link.dest, corpus) {
                out.push(Citation {
                    id: source.id.clone(),
                    range: link.range.clone(),
                    source: Some(source),
                    error: None,
                });
            }
        }
    }
    out.sort_by_key(|c| c.range.start);
    out
}

/// A Markdown link whose destination is a source file.
fn link_target(note_dir: &Path, dest: &str, corpus: &Corpus) -> Option<Arc<Source>> {
    if dest.contains("://") || dest.starts_with('#') || dest.starts_with("mailto:") {
        return None;
    }
    let dest = dest.split('#').next().unwrap_or(dest);
    let candidate: PathBuf = note_dir.join(dest);
    if let Some(s) = corpus.by_path(&candidate) {
        return Some(s.clone());
    }
    let want = std::fs::canonicalize(&candidate).ok()?;
    let name = want.file_name()?;
    corpus
        .sources()
        .into_iter()
        .filter(|s| s.path.file_name() == Some(name))
        .find(|s| std::fs::canonicalize(&s.path).ok().as_deref() == Some(want.as_path()))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    #[test]
    fn words_of_a_notes_link_targets_match_no_source() {
        let s = Settings::default();
        let read =
            |name: &str, text: &str| Source::from_text(Path::new(name), text.to_string(), &s.synonyms, &s.conventions);
        let corpus = Corpus::from_sources(vec![
            read("whaling.txt", "Whaling\n\nThe whaling fleet had 412 boats on 3 May 2016.\n"),
            read("harbour.txt", "Harbour\n\nThe harbour tally gave 412 boats, the port said.\n"),
        ]);
        let first_source = |note: &str| {
            let check = check_note(note, Format::Markdown, None, &corpus, &s);
            let j = &check.figures[0].judgement;
            (j.verdict, j.evidence.first().map(|e| e.source.id.clone()))
        };
        // the same words in prose find the source; in a link's target and title they do not
        assert_eq!(first_source("The whaling fleet had 412 boats.\n"), (Verdict::Supported, Some("whaling".into())));
        let note = "The [tally](http://example.org/whaling-fleet \"Whaling fleet\") gave 412 boats.\n";
        assert_eq!(first_source(note), (Verdict::Supported, Some("harbour".into())));
    }

    #[test]
    fn a_sections_heading_says_what_its_figures_are_about() {
        let s = Settings::default();
        let source =
            "Jobs report\n\nMarch 3, 2024\n\nUnemployment in the county stood at 3.6 percent, the board said.\n";
        let source = Source::from_text(Path::new("jobs.txt"), source.to_string(), &s.synonyms, &s.conventions);
        let corpus = Corpus::from_sources(vec![source]);
        let judge = |note: &str| check_note(note, Format::Markdown, None, &corpus, &s).figures[0].judgement.verdict;
        assert_eq!(
            judge("Prepared 5 March 2024.\n\n## Unemployment\n\nThe rate is 3.6 percent.\n"),
            Verdict::Supported
        );
        assert_eq!(judge("Prepared 5 March 2024.\n\n## Housing\n\nThe rate is 3.6 percent.\n"), Verdict::Unsourced);
        assert_eq!(judge("Prepared 5 March 2024.\n\nThe rate is 3.6 percent.\n"), Verdict::Unsourced);
    }

    #[test]
    fn a_cancelled_check_stops_between_sentences_and_keeps_its_judgements_for_the_next() {
        let s = Settings::default();
        let source = "Whaling\n\nThe whaling fleet had 412 boats on 3 May 2016.\n";
        let source = Source::from_text(Path::new("whaling.txt"), source.to_string(), &s.synonyms, &s.conventions);
        let corpus = Corpus::from_sources(vec![source]);
        let note = "The fleet had 412 boats. It sank 30 ships. Then 7 crews left.\n";
        let asked = std::cell::Cell::new(0);
        // asked before each of the three sentences; cancelled at the third
        let third = || {
            asked.set(asked.get() + 1);
            asked.get() == 3
        };
        let mut cache = JudgementCache::default();
        assert!(check_note_unless(note, Format::Markdown, None, &corpus, &s, &mut cache, &third).is_none());
        assert_eq!((asked.get(), cache.len()), (3, 2));
        let never = || false;
        let done = check_note_unless(note, Format::Markdown, None, &corpus, &s, &mut cache, &never).expect("checked");
        assert_eq!(done.figures.len(), 3);
        assert_eq!(done.figures[0].judgement.verdict, Verdict::Supported);
        assert_eq!(cache.len(), 3);
    }
}
