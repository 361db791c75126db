use super::*;
use crate::corpus::formats::samples;

#[test]
fn paragraphs_and_a_table_are_read_with_title_and_date() {
    let doc = DocxReader.read("b.docx", samples::word_file()).expect("the sample reads");
    assert_eq!(
        doc.text,
        "Harbour briefing\n\n\
         The port handled 1.2 million containers in 2023, up 8% on the year.\n\n\
         Deleted text is left out: and R&D stays.\n\n\
         | Terminal | Berths | Cranes |\n| --- | --- | --- |\n| North quay | 6 | 14 |\n| South quay | 4 | 9 |\n\n\
         Dock workers numbered about 4,500 in November."
    );
    assert_eq!(doc.title.as_deref(), Some("Harbour briefing"));
    assert_eq!(doc.date, Some(crate::figures::DateSpec { year: Some(2023), month: Some(11), day: Some(20) }));
    // paragraphs as Word counts them: the empty one and each cell's count
    let at = |needle: &str| doc.places.at(doc.text.find(needle).expect("in the text")).map(|p| p.to_string());
    assert_eq!(at("Harbour").as_deref(), Some("para. 1"));
    assert_eq!(at("1.2 million").as_deref(), Some("para. 2"));
    assert_eq!(at("R&D").as_deref(), Some("para. 4"));
    assert_eq!(at("Terminal").as_deref(), Some("para. 5"));
    assert_eq!(at("14 |").as_deref(), Some("para. 10"));
    assert_eq!(at("Dock workers").as_deref(), Some("para. 14"));
}

#[test]
fn a_file_that_is_no_word_file_is_refused_with_the_reason() {
    let err = DocxReader.read("x.docx", b"not really a docx\n".to_vec()).unwrap_err();
    assert!(err.starts_with("not a Word file (no zip archive: "), "{err}");
    let other = samples::zip_of(&[("readme.txt", b"hello")]);
    assert_eq!(DocxReader.read("y.docx", other).unwrap_err(), "not a Word file (no word/document.xml in the archive)");
    let bad = samples::zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    let err = DocxReader.read("z.docx", bad).unwrap_err();
    assert!(err.starts_with("word/document.xml: "), "{err}");
}

#[test]
fn a_zip_bomb_is_refused_at_the_unpacked_limit() {
    let bomb = samples::zip_bomb(33);
    assert!(bomb.len() < 200 * 1024, "{} bytes packed", bomb.len());
    let started = std::time::Instant::now();
    let err = DocxReader.read("bomb.docx", bomb).unwrap_err();
    assert_eq!(err, "word/document.xml unpacks to over 32 MiB (a zip bomb?)");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}
