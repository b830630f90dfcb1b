//! Printing: how results are shown. Printers read what the library
//! produced and write it to any `io::Write`; they never parse or search.
//!
//! - [`human`]: readable text for a terminal or a pager: parsed files and
//!   chunks; [`hits`]: search results, stats; [`history`]: histories
//!   and redlines; [`origin`]: where a phrase comes from; [`watch`]: what
//!   changed in the hits of saved searches;
//!   [`index_report`]: what `negotext index` did;
//!   [`color`]: the palette;
//! - [`json`]: JSON Lines, a documented contract (see the README);
//!   [`markdown`]: hits as a citation list for a memo; [`csv`]: hits as
//!   rows for a spreadsheet;
//! - [`sanitize`]: what keeps control and bidi characters off the terminal.

pub mod color;
pub mod csv;
pub mod history;
pub mod hits;
pub mod human;
pub mod index_report;
pub mod json;
pub mod markdown;
pub mod origin;
pub mod sanitize;
pub mod watch;
