//! Judging one note figure against the corpus: which source figures speak
//! of the same measure (kind, subject, time, the entities named), whether
//! they support or contradict it, and the message an analyst reads.

use crate::corpus::{Corpus, FigureRef, Source, SourceFigure};
use crate::figures::{units, Figure, Kind, Measure, Period, TimeRef};
use crate::report;
use crate::subject::{Query, Subject, TermId};
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
    /// How much the note's side counts in the coverage similarity (0.5: symmetric).
    pub note_weight: f32,
    /// Least share of the note figure's subject a source figure must cover.
    pub min_note_coverage: f32,
    /// Factor on the similarity when both figures count different nouns.
    pub noun_mismatch: f32,
    /// Added when both are rates: a rate's period is itself part of its subject.
    pub rate_bonus: f32,
}

impl Default for MatchParams {
    fn default() -> Self {
        MatchParams {
            min_similarity: 0.25,
            relative_to_best: 0.7,
            cited_bonus: 0.3,
            note_weight: 0.7,
            min_note_coverage: 0.5,
            noun_mismatch: 0.5,
            rate_bonus: 0.1,
        }
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
        self.source.excerpt(self.figure)
    }
    /// The figure as written: "less than 1,000".
    pub fn quote(&self) -> String {
        self.source.quote(self.figure)
    }
    pub fn sentence(&self) -> &str {
        self.source.sentence_of(self.figure).map_or("", |(s, _)| s)
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
fn comparable(note: &impl Measure, src: &impl Measure) -> Option<f64> {
    if note.kind() != src.kind() {
        return None;
    }
    // counts compare across units of one dimension (km and miles), never
    // across dimensions (a distance and a speed, a unit and none) nor a rate
    // per head against a total; durations and ages are in seconds and years
    let units = match note.kind() {
        Kind::Count => units::factor(note.unit(), src.unit())?,
        Kind::Duration | Kind::Age => 1.0,
        Kind::Share | Kind::Money => {
            if note.unit() != src.unit() {
                return None;
            }
            1.0
        }
    };
    match (note.per(), src.per()) {
        (None, None) => Some(units),
        // an hourly figure is pay for hours worked, not a share of the calendar
        (Some(a), Some(b)) if a != b && (a == Period::Hour || b == Period::Hour) => None,
        (Some(a), Some(b)) => Some(units * a.days() / b.days()),
        _ => None,
    }
}

/// Does the source figure speak of the time the note figure speaks of?
/// A note figure with no time (or "now") is about the present: only present
/// source figures count. A time-scoped one ("at its peak", "in December
/// 2015", "a year earlier") is matched against source figures of that time,
/// and against present figures of sources dated within it.
fn same_time(
    note: Option<&TimeRef>,
    note_date: Option<crate::figures::DateSpec>,
    src: Option<&TimeRef>,
    source: &Source,
) -> bool {
    use crate::figures::time::Cue;
    let src_past = src.is_some_and(|t| t.is_past(source.date));
    // a forecast in a note is judged as its present
    let scoped = note.filter(|t| t.cues.iter().any(|c| !matches!(c, Cue::Now | Cue::Window | Cue::Ahead)));
    let Some(n) = scoped else {
        return !src_past;
    };
    // a source's forecast speaks of any time after it was written
    let src_month = source.date.and_then(|d| d.month_index());
    if src.is_some_and(TimeRef::is_ahead) {
        return match n.months(note_date) {
            Some((_, b)) => src_month.is_none_or(|m| m <= b),
            None => !n.is_peak() && n.yearless_month().is_some(),
        };
    }
    if src.is_some_and(TimeRef::is_peak) && !n.is_peak() {
        return false; // a peak is no evidence about an ordinary time
    }
    let dated = n.cues.iter().any(|c| matches!(c, Cue::Date(_) | Cue::Coming(_) | Cue::Ago { .. } | Cue::Last(_)));
    if n.is_peak() && !dated {
        // the peak is in the past: a source's peak, or its unspecified past
        return src.is_some_and(|t| t.is_peak() || t.is_vague_past());
    }
    // a month named without a year is the story's month, not necessarily the
    // note's year: match it by month of year
    let month_of = |i: i64| i.rem_euclid(12) as u32 + 1;
    if let Some(m) = n.yearless_month() {
        if let Some((a, b)) = src.and_then(|t| t.months(source.date)) {
            return (a..=b.min(a + 11)).any(|i| month_of(i) == m);
        }
        // the source's present, or the month before it (last month's figures, published this month)
        let src_month = source.date.and_then(|d| d.month_index()).filter(|_| !src_past);
        return match src_month {
            Some(i) => month_of(i) == m || month_of(i - 1) == m,
            None => src.and_then(TimeRef::yearless_month) == Some(m),
        };
    }
    match n.months(note_date) {
        Some((a, b)) => {
            if let Some((c, d)) = src.and_then(|t| t.months(source.date)) {
                return c <= b && a <= d;
            }
            if let Some(m) = src.and_then(TimeRef::yearless_month) {
                return b - a >= 11 || (a..=b).any(|i| month_of(i) == m);
            }
            if src_past {
                // a past we cannot place (no date for the source): cannot rule it out
                return src.is_some_and(|t| !t.is_peak());
            }
            // the source's present, or the month before it (last month's figures, published this month)
            source.date.and_then(|d| d.month_index()).is_some_and(|m| a <= m && m - 1 <= b)
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
    // each term's IDF looked up once per judgement
    let idf_cache: std::cell::RefCell<std::collections::HashMap<TermId, f32>> = Default::default();
    let idf_of = |t: TermId| -> f32 { *idf_cache.borrow_mut().entry(t).or_insert_with(|| corpus.idf(t)) };
    let subject = &Query::of(subject);
    // a cited source's figures count with less in common (see `min_cov` below)
    let mut candidates = corpus.candidates(subject, params.min_note_coverage);
    for path in cited {
        candidates.extend(corpus.figures_sharing(path, subject));
    }
    candidates.sort_unstable();
    candidates.dedup();
    for r in candidates {
        let Some((source, sf)) = corpus.get(r) else { continue };
        if !same_time(figure.time.as_ref(), note_date, sf.figure.time(), source) {
            continue;
        }
        if subject.names_conflict(&sf.subject) {
            // "in Millwick" is no evidence about "in Yorkmere"
            continue;
        }
        let (note_cov, src_cov) = subject.coverage(&sf.subject, idf_of);
        let mut sim = note_cov.powf(params.note_weight) * src_cov.powf(1.0 - params.note_weight);
        let is_cited = cited.iter().any(|p| *p == source.path);
        // the writer named this source: a looser paraphrase is expected
        // A rate the writer attributes to this source, of the same period: the
        // shape and the citation say enough; otherwise the subject must match.
        let cited_rate = is_cited && figure.per.is_some() && figure.per == sf.figure.per();
        let min_cov = if cited_rate {
            0.0
        } else if is_cited {
            params.min_note_coverage / 2.0
        } else {
            params.min_note_coverage
        };
        if note_cov < min_cov {
            sim = sim.min(params.min_similarity * 0.99);
        }
        if let (Some(a), Some(b)) = (subject.noun, sf.subject.noun()) {
            if a != b {
                sim *= params.noun_mismatch;
            }
        }
        if is_cited && note_cov >= min_cov {
            sim += params.cited_bonus;
        }
        if figure.per.is_some() && sf.figure.per().is_some() && note_cov >= min_cov {
            sim += params.rate_bonus;
        }
        tracing::debug!(
            sim,
            source = %source.id,
            figure = %source.quote(r.1 as usize),
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
                let iv = sf.figure.interval().scaled(*f);
                // two stated maxima ("up to 230 mph") agree only when they state the same bound
                let agrees = iv.same_bound(&figure.interval).unwrap_or_else(|| iv.overlaps(&figure.interval));
                let stance = if agrees { Stance::Supports } else { Stance::Contradicts };
                evidence.push(Evidence { source: source.clone(), figure: r.1 as usize, stance, similarity: *sim });
            }
            None if (*sim >= cutoff.max(best) * 0.9 || same_number(figure, &sf.figure)) && sf.figure.kind() == figure.kind
                // same subject, other kind: a total against a rate
                && sf.figure.interval().overlaps(&figure.interval) =>
            {
                related.push(Evidence {
                    source: source.clone(),
                    figure: r.1 as usize,
                    stance: Stance::Contradicts,
                    similarity: *sim,
                });
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
    // Figures of the same kind from other sources that fell under the cut-off
    // but still speak of the subject: candidates for "a newer source says".
    let later: Vec<Evidence> = scored
        .iter()
        .filter_map(|(r, sim, factor)| {
            let f = (*factor)?;
            let (source, sf) = corpus.get(*r)?;
            let known = evidence.iter().any(|e| e.source.path == source.path && e.figure == r.1 as usize);
            let differs = !sf.figure.interval().scaled(f).overlaps(&figure.interval);
            (!known && differs && *sim >= params.min_similarity).then(|| Evidence {
                source: source.clone(),
                figure: r.1 as usize,
                stance: Stance::Contradicts,
                similarity: *sim,
            })
        })
        .collect();
    let notes = notes(figure, verdict, &evidence, &later, &related, corpus);
    let message = message(verdict, &evidence, corpus, figure);
    Judgement { verdict, evidence, related, message, notes }
}

/// Do the two figures state the same number (a rate and a total both "50")?
fn same_number(a: &impl Measure, b: &impl Measure) -> bool {
    a.stated().iter().any(|x| b.stated().iter().any(|y| (x - y).abs() <= 0.01 * x.abs().max(y.abs())))
}

fn date_key(s: &Source) -> i64 {
    s.date.and_then(|d| d.month_index()).map_or(i64::MIN, |m| m * 32 + s.date.and_then(|d| d.day).unwrap_or(0) as i64)
}

/// Supporting evidence first, newest source first; then by similarity.
fn order(evidence: &mut [Evidence], verdict: Verdict, figure: &Figure) {
    evidence.sort_by(|a, b| {
        let stance = |e: &Evidence| u8::from((e.stance == Stance::Supports) != (verdict == Verdict::Supported));
        stance(a)
            .cmp(&stance(b))
            .then_with(|| {
                if verdict == Verdict::Supported {
                    date_key(&b.source).cmp(&date_key(&a.source))
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| b.similarity.total_cmp(&a.similarity))
            .then_with(|| {
                let d = |e: &Evidence| e.source_figure().figure.interval().distance(&figure.interval);
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

fn notes(
    figure: &Figure,
    verdict: Verdict,
    evidence: &[Evidence],
    later: &[Evidence],
    related: &[Evidence],
    corpus: &Corpus,
) -> Vec<String> {
    let mut out = Vec::new();
    let supports: Vec<&Evidence> = evidence.iter().filter(|e| e.stance == Stance::Supports).collect();
    let contradicts: Vec<&Evidence> = evidence.iter().filter(|e| e.stance == Stance::Contradicts).collect();
    if verdict == Verdict::Supported {
        if let Some(c) = contradicts.first() {
            out.push(format!("Sources disagree: {} says {}.", cite(c, corpus), c.excerpt()));
        }
        // a newer source with a different figure
        let newest_support = supports.iter().map(|e| date_key(&e.source)).max().unwrap_or(i64::MIN);
        if let Some(n) = contradicts
            .iter()
            .copied()
            .chain(later.iter())
            .filter(|e| date_key(&e.source) > newest_support && e.source.date.is_some())
            .max_by_key(|e| date_key(&e.source))
        {
            let date = n.source.date.map(|d| month_year(&d)).unwrap_or_default();
            out.push(format!("Newer: {}, {}: {}.", cite(n, corpus), date, n.excerpt()));
        }
    }
    for r in related.iter().take(2) {
        let what = match (figure.per, r.source_figure().figure.per()) {
            (Some(p), None) => format!("as a total, not per {}", p.name()),
            (None, Some(p)) => format!("per {}, not as a total", p.name()),
            _ => "for a different measure".to_string(),
        };
        out.push(format!("Sources disagree: {} gives {} {}: {}.", cite(r, corpus), r.quote(), what, r.excerpt()));
    }
    out
}

/// "Sep 2016": a source's date without the day.
fn month_year(d: &crate::figures::DateSpec) -> String {
    crate::figures::DateSpec { day: None, ..*d }.display()
}

/// One candidate as the matcher saw it (for `examples/explain.rs` and debugging).
#[derive(Debug)]
pub struct CandidateTrace {
    pub source: String,
    pub figure: String,
    pub similarity: f32,
    pub coverage: (f32, f32),
    pub comparable: bool,
    pub same_time: bool,
    /// The two clauses name different entities in the same role: never evidence.
    pub names_conflict: bool,
}

/// Every source figure scored against a note figure, best first.
pub fn explain(
    figure: &Figure,
    subject: &Subject,
    note_date: Option<crate::figures::DateSpec>,
    corpus: &Corpus,
) -> Vec<CandidateTrace> {
    let subject = &Query::of(subject);
    let mut out: Vec<CandidateTrace> = corpus
        .sources()
        .into_iter()
        .flat_map(|source| {
            source.figures.iter().enumerate().map(move |(i, sf)| CandidateTrace {
                source: source.id.clone(),
                figure: source.quote(i),
                similarity: subject.coverage_similarity(
                    &sf.subject,
                    |t| corpus.idf(t),
                    MatchParams::default().note_weight,
                ),
                coverage: subject.coverage(&sf.subject, |t| corpus.idf(t)),
                comparable: comparable(figure, &sf.figure).is_some(),
                same_time: same_time(figure.time.as_ref(), note_date, sf.figure.time(), source),
                names_conflict: subject.names_conflict(&sf.subject),
            })
        })
        .collect();
    out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    out
}

#[cfg(test)]
mod tests;
