//! sourcecheck: checks every figure in an analyst's notes against source
//! articles. The pure core (text, figures, citations) knows nothing of LSP;
//! `cli` and `lsp` are thin adapters over it. See ARCHITECTURE.md.

pub mod benchmark;
pub mod check;
pub mod citations;
pub mod cli;
pub mod config;
pub mod consistency;
pub mod corpus;
pub mod evaluation;
pub mod figures;
pub mod fixes;
pub mod flips;
pub mod ignore;
pub mod input;
pub mod lsp;
pub mod report;
pub mod subject;
pub mod text;
pub mod verdict;
pub mod workspace;
