//! sourcecheck: checks every figure in an analyst's notes against source
//! articles. The pure core (text, figures, citations) knows nothing of LSP;
//! `cli` and `lsp` are thin adapters over it. See ARCHITECTURE.md.

pub mod citations;
pub mod figures;
pub mod text;
pub mod cli;
pub mod input;
pub mod report;
pub mod corpus;
pub mod subject;
pub mod verdict;
pub mod check;
pub mod config;
pub mod workspace;
pub mod lsp;
pub mod evaluation;
