//! Small sources of each format, shaped as real ones are (a page saved by
//! a browser, a Word file with a table, a two-page PDF report), and hostile
//! ones (a zip bomb, a PDF of a million objects, a page tree that loops):
//! made here, in code, for the tests and `examples/write_samples.rs`.

use std::io::Write;

/// A news page as a browser saves it: head with meta, scripts and JSON-LD,
/// a site header with navigation, a cookie banner, the article, related
/// stories and a footer.
pub const SAVED_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Port strike ends | Harbour Gazette</title>
  <meta property="article:published_time" content="2024-03-05T08:30:00Z">
  <link rel="stylesheet" href="style.css">
  <script>window.dataLayer = [{"count": 999}];</script>
  <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-04"}</script>
  <style>p { color: #333 }</style>
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World: 12 stories</a></nav></header>
  <div id="cookie-banner">We use 3 kinds of cookies. <button>Accept</button></div>
  <main>
    <article>
      <h1>Port strike ends after 36 hours</h1>
      <p class="byline">By A. Writer, <time datetime="2024-03-05">5 March 2024</time></p>
      <p>About 4,500 dock workers returned to work on Monday after a 36-hour
         strike &amp; a night of talks.</p>
      <p>The union said its members won a 4&nbsp;% pay rise, the port&#8217;s first in 3 years.</p>
      <aside class="related-stories"><h2>Related</h2><ul><li>Ferry fares rise 20%</li></ul></aside>
    </article>
  </main>
  <footer><p>&copy; 2024 Harbour Gazette. 120 Quay Street.</p></footer>
</body>
</html>
"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Harbour briefing</dc:title><dc:creator>Desk</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2023-11-20T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-21T10:00:00Z</dcterms:modified></cp:coreProperties>"#;

/// A paragraph of runs (`w:r` each, the way Word splits text at formatting).
fn paragraph(runs: &[&str]) -> String {
    let runs: String = runs.iter().map(|r| format!(r#"<w:r><w:t xml:space="preserve">{r}</w:t></w:r>"#)).collect();
    format!("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>{runs}</w:p>")
}

fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells.iter().map(|c| format!("<w:tc><w:tcPr/>{}</w:tc>", paragraph(&[c]))).collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl><w:tblPr/>{rows}</w:tbl>")
}

/// `word/document.xml` of the sample Word file.
pub fn word_document_xml() -> String {
    let body = [
        paragraph(&["Harbour briefing"]),
        paragraph(&["The port handled ", "1.2 million", " containers in 2023, up 8% on the year."]),
        "<w:p/>".to_string(),
        // a tracked deletion between two runs
        "<w:p><w:r><w:t xml:space=\"preserve\">Deleted text is left out: </w:t></w:r><w:del><w:r><w:delText>9 \
         cranes</w:delText></w:r></w:del><w:r><w:t>and R&amp;D stays.</w:t></w:r></w:p>"
            .to_string(),
        table(&[&["Terminal", "Berths", "Cranes"], &["North quay", "6", "14"], &["South quay", "4", "9"]]),
        paragraph(&["Dock workers numbered about 4,500 in November."]),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A zip archive of `parts` (name, bytes), deflated.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("a zip entry in memory");
        zip.write_all(bytes).expect("writing to memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

/// The sample Word file: a title paragraph, body paragraphs, an empty
/// one, deleted text, a table of three rows, core properties.
pub fn word_file() -> Vec<u8> {
    let document = word_document_xml();
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", CORE.as_bytes()),
    ])
}

/// A Word file whose `word/document.xml` unpacks to `mib` MiB of zeros
/// (deflate packs them a thousand to one).
pub fn zip_bomb(mib: usize) -> Vec<u8> {
    let zeros = vec![b'0'; mib << 20];
    zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes()), ("word/document.xml", &zeros)])
}
