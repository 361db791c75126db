//! The words an analyst reads for a judgement: its message and its notes
//! (sources that disagree, newer figures, figures of another kind).

use super::{date_key, Evidence, Stance, Verdict};
use crate::corpus::Corpus;
use crate::figures::{Figure, Measure};
use crate::report;

pub(super) fn cite(e: &Evidence, corpus: &Corpus) -> String {
    corpus.short_id(&e.source.id)
}

pub(super) fn message(verdict: Verdict, evidence: &[Evidence], corpus: &Corpus, figure: &Figure) -> String {
    match (verdict, evidence.first()) {
        (Verdict::Supported, Some(e)) => format!("Supported: {} says {}.", cite(e, corpus), e.excerpt()),
        (Verdict::Contradicted, Some(e)) => format!("Contradicted: {} says {}.", cite(e, corpus), e.excerpt()),
        _ => match report::describe_measure(figure) {
            Some(what) => format!("Unsourced: no source gives a figure for {what}."),
            None => "Unsourced: no source gives this figure.".to_string(),
        },
    }
}

pub(super) fn notes(
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
        if let Some(s) = supports.first().filter(|s| {
            let sf = &s.source_figure().figure;
            !sf.interval().agrees(&figure.interval) && super::features::same_number_as_written(figure, sf)
        }) {
            out.push(format!("Same number, other bound: {} says \"{}\".", cite(s, corpus), s.quote()));
        }
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
