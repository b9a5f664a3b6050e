//! The integration tests: one binary (`cargo test --all-features`; it needs
//! the `testing` feature, and so `json`), one module per area, and the
//! helpers they share in [`common`].
//!
//! Run one area with a filter: `cargo test --all-features --test integration
//! dates::`.

// Always set in a test binary; said here so that clippy's
// `allow-*-in-tests` (clippy.toml) covers the helpers outside `#[test]`
// functions too, which unwrap, index and panic like the tests they serve.
#![cfg(test)]

mod common;

mod batch;
mod calendar;
mod card;
mod card_edges;
mod conformance;
mod dates;
mod diagnostics;
mod facts;
mod fuzz_regressions;
mod golden;
mod hardening;
mod inspection_schema;
mod json;
mod kit;
mod long_ids;
mod not_applicable;
mod peers;
mod penalties;
mod properties;
mod reader;
mod real_rubrics;
mod render;
mod school_safety;
mod seed_clauses;
mod seed_text;
mod shapes;
mod shares_model;
mod versions;
mod weights;
