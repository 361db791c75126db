//! Prints what the corpus reads from source files — format, title, date,
//! pages or paragraphs, the text — and how long each took:
//! `cargo run --release --example read_source -- FILE...`

use std::time::Instant;

fn main() {
    for arg in std::env::args().skip(1) {
        let started = Instant::now();
        match sourcecheck::corpus::read_document(std::path::Path::new(&arg)) {
            Ok((format, doc)) => {
                let took = started.elapsed();
                let words = doc.text.split_whitespace().count();
                println!(
                    "{arg}\t{}\t{took:?}\t{words} words\ttitle {:?}\tdate {:?}",
                    format.name(),
                    doc.title,
                    doc.date
                );
                println!("{}\n", doc.text.chars().take(600).collect::<String>());
            }
            Err(e) => println!("{arg}\terror\t{:?}\t{e}\n", started.elapsed()),
        }
    }
}
