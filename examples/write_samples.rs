//! Writes the sample sources of every format (`corpus::formats::samples`)
//! into a folder, to open them in a browser, Word or a PDF viewer, or to
//! measure readers on: `cargo run --example write_samples -- DIR`.

use sourcecheck::corpus::formats::samples;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "samples".to_string()));
    std::fs::create_dir_all(&dir)?;
    let files: [(&str, Vec<u8>); 5] = [
        ("port-strike.html", samples::SAVED_PAGE.as_bytes().to_vec()),
        ("harbour-briefing.docx", samples::word_file()),
        ("annual-report.pdf", samples::pdf_report()),
        ("scan.pdf", samples::pdf_scan()),
        ("long-report.pdf", samples::pdf_long_report(40)),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)?;
        println!("{}", dir.join(name).display());
    }
    Ok(())
}
