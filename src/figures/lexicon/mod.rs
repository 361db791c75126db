//! Closed word classes extraction relies on, one file per dimension: number
//! words (`numeral`), qualifiers, time words (`time`), currencies (`money`),
//! counted nouns and units (`nouns`), labels and function words (`words`).
//! General English only — nothing here is about any particular subject.

mod money;
mod nouns;
mod numeral;
mod qualifiers;
mod time;
mod words;

pub use money::*;
pub use nouns::*;
pub use numeral::*;
pub use qualifiers::*;
pub use time::*;
pub use words::*;
