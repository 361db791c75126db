//! PDF reports (stub).
use super::{Document, ReadError, Reader};
pub struct PdfReader;
impl Reader for PdfReader {
    fn read(&self, _name: &str, _bytes: Vec<u8>) -> Result<Document, ReadError> {
        Err("PDF not yet read".into())
    }
}
