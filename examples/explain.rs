//! Shows how the matcher scores every source figure against one note figure.
//! `cargo run --example explain -- SOURCES_DIR NOTE.md "text inside the figure"`

use sourcecheck::corpus::{dating, load_folders, Corpus};
use sourcecheck::figures::extract;
use sourcecheck::subject;
use sourcecheck::text::Format;
use sourcecheck::verdict::explain;
use sourcecheck::workspace::Settings;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: explain SOURCES_DIR NOTE.md KEY");
        std::process::exit(2);
    }
    let settings = Settings::default();
    let (sources, _) = load_folders(&[PathBuf::from(&args[1])], &settings.synonyms, &settings.conventions);
    let corpus = Corpus::from_sources(sources);
    let text = std::fs::read_to_string(&args[2]).unwrap_or_default();
    let ex = extract(&text, Format::Markdown);
    let note_date = dating::note_date(&text, &ex);
    let Some(at) = text.find(&args[3]) else {
        eprintln!("key not found");
        std::process::exit(2);
    };
    let Some(fig) = ex.figures.iter().find(|f| f.span.start <= at && at < f.span.end) else {
        eprintln!("no figure there");
        std::process::exit(1);
    };
    let mut subj = sourcecheck::benchmark::subject_of(&ex, fig, &corpus, &settings);
    // the section's heading, as the check adds it
    if let Some(h) = ex.headings.iter().take_while(|h| h.end <= fig.sentence.start).last() {
        let heading = subject::used_terms(&ex.masked, h.clone(), &settings.synonyms, |t| corpus.uses(t));
        subj = subject::with_terms(subj, &heading);
    }
    println!(
        "figure: {:?} time={:?} per={:?} unit={:?} note_date={:?}",
        &text[fig.span.clone()],
        fig.time.as_ref().map(|t| &t.cues),
        fig.per,
        fig.unit,
        note_date
    );
    println!("subject: {:?}", subj.terms.iter().map(|(t, w)| format!("{t}:{}", w.value())).collect::<Vec<_>>());
    println!("names: {:?}", subj.names);
    // the sources that speak most of the figure's paragraph (the model's `document`)
    let query = subject::Query::of(&subj);
    for (slot, score) in corpus.document_scores(&query.context).into_iter().take(5) {
        let id = corpus.source_at(slot).map_or("?", |s| s.id.as_str());
        println!("document {score:.3} {id}");
    }
    println!("features: {:?}", sourcecheck::verdict::features::NAMES);
    for c in explain(fig, &subj, note_date, &corpus).iter().take(12) {
        let f: Vec<String> = c.features.iter().map(|x| format!("{x:.2}")).collect();
        println!(
            "{:.3} choice {:.3}{} [{}] {} {} | {}",
            c.probability,
            c.choice,
            if c.companion { " +companion" } else { "" },
            f.join(" "),
            if c.comparable { "cmp" } else { "---" },
            c.source,
            c.figure
        );
    }
}
