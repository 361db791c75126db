//! Word documents (stub).
use super::{Document, ReadError, Reader};
pub struct DocxReader;
impl Reader for DocxReader {
    fn read(&self, _name: &str, _bytes: Vec<u8>) -> Result<Document, ReadError> {
        Err("Word not yet read".into())
    }
}
