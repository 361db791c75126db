//! The words of a document's table cells, read once. A cell is the context
//! of every figure of its row within reach (`text::markdown`'s
//! `ROW_CONTEXT_EACH_SIDE` either side) and of its column's under a header:
//! read for each of them, a wide table's cells were tokenised and stemmed
//! some seventeen times over.

use super::names::{self, Found};
use super::{term, Synonyms};
use crate::text::tokens::{tokenize, TokKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// One cell's terms, in text order, and its names.
pub struct CellWords {
    pub terms: Vec<String>,
    pub found: Vec<Found>,
}

/// The cells of one document read so far, by range.
#[derive(Default)]
pub struct Cells {
    read: RefCell<HashMap<(usize, usize), Rc<CellWords>>>,
}

impl Cells {
    /// The words of cell `range` of `text`.
    pub fn words(&self, text: &str, range: Range<usize>, synonyms: &Synonyms) -> Rc<CellWords> {
        let key = (range.start, range.end);
        if let Some(w) = self.read.borrow().get(&key) {
            return w.clone();
        }
        let toks = tokenize(text, range);
        let found = names::found_in(text, &toks, synonyms);
        let terms =
            toks.iter().filter(|t| t.kind == TokKind::Word).filter_map(|t| term(t.text(text), synonyms)).collect();
        let words = Rc::new(CellWords { terms, found });
        self.read.borrow_mut().insert(key, words.clone());
        words
    }
}
