//! syllabus: turn a corpus of links into a staged study plan and publish it.
//!
//! The pipeline runs one way: `corpus` (load and validate `topics/`) -> `graph` (prerequisites)
//! -> `plan` (the staged order) -> `render` (Markdown, JSON, ...). The CLI in `main.rs` is a thin
//! shell over these steps.

pub mod model;
pub mod corpus;
pub mod diagnostics;
pub mod graph;
pub mod plan;
pub mod render;
pub mod output;
pub mod select;
pub mod schedule;
pub mod progress;
pub mod options;
pub mod explain;
