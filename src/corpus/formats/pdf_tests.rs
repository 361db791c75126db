use super::*;
use crate::corpus::formats::samples;
use std::time::{Duration, Instant};

#[test]
fn a_two_page_report_reads_without_its_running_lines_and_with_whole_words() {
    let doc = PdfReader.read("r.pdf", samples::pdf_report()).expect("the sample reads");
    assert_eq!(
        doc.text,
        "Port traffic in 2023\n\n\
         The port handled 1.2 million containers in 2023, up 8% on the year, and about 4,500 dock workers were \
         employed at the end of it.\n\n\
         Berths and cranes\n\n\
         Terminal Berths Cranes\nNorth quay 6 14\nSouth quay 4 9\n\n\
         Cargo ships made 412 calls at the north quay in March."
    );
    let page = |needle: &str| doc.places.at(doc.text.find(needle).expect("in the text")).map(|p| p.to_string());
    assert_eq!(page("4,500").as_deref(), Some("p. 1"));
    assert_eq!(page("North quay").as_deref(), Some("p. 2"));
    assert_eq!(page("412 calls").as_deref(), Some("p. 2"));
    assert_eq!(doc.title.as_deref(), Some("Annual Report 2023"));
    assert_eq!(doc.date, Some(DateSpec { year: Some(2024), month: Some(1), day: Some(15) }));
}

#[test]
fn a_scan_without_text_is_reported_as_such() {
    let err = PdfReader.read("scan.pdf", samples::pdf_scan()).unwrap_err();
    assert_eq!(err, "no text layer in its 1 page(s) (a scan?); it needs OCR before it can be checked");
}

#[test]
fn what_is_no_pdf_is_named() {
    assert_eq!(PdfReader.read("x.pdf", b"%PDX nothing".to_vec()).unwrap_err(), "not a PDF file (no %PDF- header)");
    let err = PdfReader.read("y.pdf", b"%PDF-1.4\ngarbage".to_vec()).unwrap_err();
    assert!(err.starts_with("cannot parse: ") || err == "no pages", "{err}");
}

#[test]
fn a_page_tree_that_loops_ends() {
    let started = Instant::now();
    let got = PdfReader.read("loop.pdf", samples::pdf_page_loop());
    assert!(got.is_err(), "{got:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[test]
fn a_million_objects_are_refused_in_bounded_time() {
    let pdf = samples::pdf_of_objects(1_000_000);
    let started = Instant::now();
    let err = PdfReader.read("many.pdf", pdf).unwrap_err();
    assert!(err.starts_with(&format!("over {MAX_OBJECTS} objects")), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}
