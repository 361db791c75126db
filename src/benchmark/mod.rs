//! The quality benchmark: labelled cases made from real articles and the
//! human summaries written from them (`../shared/devdata`), the engine run
//! on them, and its scores. Used by `examples/quality.rs` and the quality
//! regression test; the labels never ask the engine (see `cases`).

pub mod cases;
pub mod mentions;
pub mod run;

pub use cases::{read_set, Case, Label, Part, Set};
pub use run::{figure_recall, run, score, Outcome, Score};
pub mod reading;
pub use reading::{figure_at, set_dirs, subject_of};
