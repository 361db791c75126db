//! Judging one note figure against the corpus: which source figures speak
//! of the same measure (kind, subject, time), whether they support or
//! contradict it, and the message an analyst reads.

use crate::corpus::{Corpus, FigureRef, Source, SourceFigure};
use crate::figures::{Figure, Kind, TimeRef};
use crate::report;
use crate::subject::Subject;
use std::sync::Arc;

/// Thresholds of matching, documented in README.
#[derive(Clone, Copy, Debug)]
pub struct MatchParams {
    /// Least subject similarity for a source figure to speak of the same measure.
    pub min_similarity: f32,
    /// Relevant figures must be within this fraction of the best similarity.
    pub relative_to_best: f32,
    /// Added to the similarity of figures from a source the note cites for this figure.
    pub cited_bonus: f32,
}

impl Default for MatchParams {
    fn default() -> Self {
        MatchParams { min_similarity: 0.30, relative_to_best: 0.75, cited_bonus: 0.15 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Contradicted,
    Unsourced,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unsourced => "unsourced",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Contradicts,
}

/// One source passage bearing on a note figure.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub source: Arc<Source>,
    pub figure: usize,
    pub stance: Stance,
    pub similarity: f32,
}

impl Evidence {
    pub fn source_figure(&self) -> &SourceFigure {
        &self.source.figures[self.figure]
    }
    /// The source's own words for the figure: "less than 1,000 militants remain in Iraq and Syria".
    pub fn excerpt(&self) -> String {
        report::excerpt(&self.source.text, &self.source_figure().figure)
    }
    pub fn sentence(&self) -> &str {
        &self.source.text[self.source_figure().figure.sentence.clone()]
    }
}

/// The verdict on a note figure, with its evidence best first.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    pub evidence: Vec<Evidence>,
    /// Source figures on the same subject but of another kind (a total where
    /// the note has a rate): reported as disagreements, never as stance.
    pub related: Vec<Evidence>,
    pub message: String,
    /// Disagreements between sources and newer figures, one line each.
    pub notes: Vec<String>,
}

/// Can a source figure's interval be compared with the note figure's, and
/// by what factor must it be scaled (rates of different periods)?
fn comparable(note: &Figure, src: &Figure) -> Option<f64> {
    if note.kind != src.kind {
        return None;
    }
    if note.kind != Kind::Count && note.unit != src.unit {
        return None;
    }
    match (note.per, src.per) {
        (None, None) => Some(1.0),
        (Some(a), Some(b)) => Some(a.days() / b.days()),
        _ => None,
    }
}

/// Does the source figure speak of the time the note figure speaks of?
fn same_time(note: Option<&TimeRef>, note_date: Option<crate::figures::DateSpec>, src: Option<&TimeRef>, source: &Source) -> bool {
    let src_past = src.is_some_and(|t| t.is_past(source.date));
    let Some(n) = note.filter(|t| t.is_past(note_date)) else {
        return !src_past; // a present-tense note figure: only present source figures
    };
    if n.is_peak() {
        return src.is_some_and(TimeRef::is_peak);
    }
    match n.months(note_date) {
        Some((a, b)) => {
            if let Some((c, d)) = src.and_then(|t| t.months(source.date)) {
                return c <= b && a <= d;
            }
            if src_past {
                return src.is_some_and(|t| t.months(source.date).is_none() && !t.is_peak());
            }
            // an undated-in-text present figure of a source dated within the note's time
            source.date.and_then(|d| d.month_index()).is_some_and(|m| a <= m && m <= b)
        }
        None => src_past,
    }
}

/// Judges `figure` (with `subject`) against `corpus`; `cited` are the
/// sources the note cites for it, whose figures count for a little more.
pub fn judge(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    cited: &[std::path::PathBuf],
    corpus: &Corpus,
    params: &MatchParams,
) -> Judgement {
    let mut scored: Vec<(FigureRef, f32, Option<f64>)> = Vec::new();
    for r in corpus.candidates(subject) {
        let Some((source, sf)) = corpus.get(r) else { continue };
        if !same_time(figure.time.as_ref(), note_date, sf.figure.time.as_ref(), source) {
            continue;
        }
        let mut sim = subject.similarity(&sf.subject, |t| corpus.idf(t));
        if let (Some(a), Some(b)) = (&subject.noun, &sf.subject.noun) {
            if a != b {
                sim *= 0.7;
            }
        }
        if cited.iter().any(|p| *p == source.path) {
            sim += params.cited_bonus;
        }
        tracing::debug!(
            sim,
            source = %source.id,
            figure = %report::quote_figure(&source.text, &sf.figure),
            comparable = comparable(figure, &sf.figure).is_some(),
            "candidate"
        );
        if sim >= params.min_similarity {
            scored.push((r, sim, comparable(figure, &sf.figure)));
        }
    }
    let best = scored.iter().filter(|s| s.2.is_some()).map(|s| s.1).fold(0.0f32, f32::max);
    let cutoff = (best * params.relative_to_best).max(params.min_similarity);
    let mut evidence = Vec::new();
    let mut related = Vec::new();
    for (r, sim, factor) in &scored {
        let Some((source, sf)) = corpus.get(*r) else { continue };
        match factor {
            Some(f) if *sim >= cutoff => {
                let iv = sf.figure.interval.scaled(*f);
                let stance = if iv.overlaps(&figure.interval) { Stance::Supports } else { Stance::Contradicts };
                evidence.push(Evidence { source: source.clone(), figure: r.1 as usize, stance, similarity: *sim });
            }
            None if *sim >= cutoff.max(best) * 0.9 && sf.figure.kind == figure.kind => {
                // same subject, other kind: a total against a rate
                if sf.figure.interval.overlaps(&figure.interval) {
                    related.push(Evidence { source: source.clone(), figure: r.1 as usize, stance: Stance::Contradicts, similarity: *sim });
                }
            }
            _ => {}
        }
    }
    let verdict = if evidence.iter().any(|e| e.stance == Stance::Supports) {
        Verdict::Supported
    } else if evidence.is_empty() {
        Verdict::Unsourced
    } else {
        Verdict::Contradicted
    };
    order(&mut evidence, verdict, figure);
    let notes = notes(figure, verdict, &evidence, &related, corpus);
    let message = message(verdict, &evidence, corpus, figure);
    Judgement { verdict, evidence, related, message, notes }
}

fn date_key(s: &Source) -> i64 {
    s.date.and_then(|d| d.month_index()).map_or(i64::MIN, |m| m * 32 + s.date.and_then(|d| d.day).unwrap_or(0) as i64)
}

/// Supporting evidence first, newest source first; then by similarity.
fn order(evidence: &mut [Evidence], verdict: Verdict, figure: &Figure) {
    evidence.sort_by(|a, b| {
        let stance = |e: &Evidence| u8::from(!(e.stance == Stance::Supports) == (verdict == Verdict::Supported));
        stance(a)
            .cmp(&stance(b))
            .then_with(|| if verdict == Verdict::Supported { date_key(&b.source).cmp(&date_key(&a.source)) } else { std::cmp::Ordering::Equal })
            .then_with(|| b.similarity.total_cmp(&a.similarity))
            .then_with(|| {
                let d = |e: &Evidence| e.source_figure().figure.interval.distance(&figure.interval);
                d(a).total_cmp(&d(b))
            })
            .then_with(|| a.source.id.cmp(&b.source.id))
    });
}

fn cite(e: &Evidence, corpus: &Corpus) -> String {
    corpus.short_id(&e.source.id)
}

fn message(verdict: Verdict, evidence: &[Evidence], corpus: &Corpus, figure: &Figure) -> String {
    match (verdict, evidence.first()) {
        (Verdict::Supported, Some(e)) => format!("Supported: {} says {}.", cite(e, corpus), e.excerpt()),
        (Verdict::Contradicted, Some(e)) => format!("Contradicted: {} says {}.", cite(e, corpus), e.excerpt()),
        _ => {
            let what = report::describe_measure(figure);
            format!("Unsourced: no source gives a figure for {what}.")
        }
    }
}

fn notes(figure: &Figure, verdict: Verdict, evidence: &[Evidence], related: &[Evidence], corpus: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    let supports: Vec<&Evidence> = evidence.iter().filter(|e| e.stance == Stance::Supports).collect();
    let contradicts: Vec<&Evidence> = evidence.iter().filter(|e| e.stance == Stance::Contradicts).collect();
    if verdict == Verdict::Supported {
        if let Some(c) = contradicts.first() {
            out.push(format!("Sources disagree: {} says {}.", cite(c, corpus), c.excerpt()));
        }
        // a newer source with a different figure
        let newest_support = supports.iter().map(|e| date_key(&e.source)).max().unwrap_or(i64::MIN);
        if let Some(n) = contradicts.iter().filter(|e| date_key(&e.source) > newest_support && e.source.date.is_some()).max_by_key(|e| date_key(&e.source)) {
            let date = n.source.date.map(|d| DateSpecExt::month_year(&d)).unwrap_or_default();
            out.push(format!("Newer: {}, {}: {}.", cite(n, corpus), date, n.excerpt()));
        }
    }
    for r in related.iter().take(2) {
        let what = match (figure.per, r.source_figure().figure.per) {
            (Some(p), None) => format!("as a total, not per {}", p.name()),
            (None, Some(p)) => format!("per {}, not as a total", p.name()),
            _ => "for a different measure".to_string(),
        };
        out.push(format!("Sources disagree: {} gives {} {}: {}.", cite(r, corpus), report::quote_figure(&r.source.text, &r.source_figure().figure), what, r.excerpt()));
    }
    out
}

trait DateSpecExt {
    fn month_year(&self) -> String;
}

impl DateSpecExt for crate::figures::DateSpec {
    fn month_year(&self) -> String {
        crate::figures::DateSpec { day: None, ..*self }.display()
    }
}

/// One candidate as the matcher saw it (for `examples/explain.rs` and debugging).
#[derive(Debug)]
pub struct CandidateTrace {
    pub source: String,
    pub figure: String,
    pub similarity: f32,
    pub comparable: bool,
    pub same_time: bool,
}

/// Every source figure scored against a note figure, best first.
pub fn explain(figure: &Figure, subject: &Subject, note_date: Option<crate::figures::DateSpec>, corpus: &Corpus) -> Vec<CandidateTrace> {
    let mut out: Vec<CandidateTrace> = corpus
        .sources()
        .into_iter()
        .flat_map(|source| {
            source.figures.iter().map(move |sf| CandidateTrace {
                source: source.id.clone(),
                figure: report::quote_figure(&source.text, &sf.figure),
                similarity: subject.similarity(&sf.subject, |t| corpus.idf(t)),
                comparable: comparable(figure, &sf.figure).is_some(),
                same_time: same_time(figure.time.as_ref(), note_date, sf.figure.time.as_ref(), source),
            })
        })
        .collect();
    out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    out
}
