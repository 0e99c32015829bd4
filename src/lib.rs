//! syllabus: turn a corpus of links into a staged study plan and publish it.
//!
//! The pipeline runs one way: `corpus` (load and validate `topics/`) -> `graph` (prerequisites)
//! -> `plan` (the staged order) -> `render` (Markdown, JSON, HTML, ...) -> `site` (the course
//! site, written atomically, and its preview server). The CLI in `main.rs` is a thin
//! shell over these steps.

pub mod corpus;
pub mod diagnostics;
pub mod explain;
pub mod graph;
pub mod import;
pub mod model;
pub mod options;
pub mod output;
pub mod plan;
pub mod progress;
pub mod render;
pub mod schedule;
pub mod select;
pub mod site;
