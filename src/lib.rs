//! syllabus: turn a corpus of links into a staged study plan and publish it.
//!
//! Start from the front, [`Syllabus`]: [`CourseSource::find`] picks the course (a folder, else
//! the built-in one), [`Syllabus::load`] loads it, [`Syllabus::choose`] checks the reader's
//! options, [`Syllabus::plan`] plans, and a renderer (`render`, `site`) writes the result:
//!
//! ```
//! # use std::path::Path;
//! let syllabus = syllabus::Syllabus::load(&syllabus::CourseSource::find(None, Path::new("none")))?;
//! let choices = syllabus.choose(&Default::default(), None)?;
//! let planned = syllabus.plan(&choices)?;
//! println!("{}", syllabus::render::json(&planned.plan));
//! # Ok::<(), syllabus::Error>(())
//! ```
//!
//! The pipeline runs one way: `corpus` (load and validate `topics/`) -> `graph` (prerequisites)
//! -> `select` (the reader's targets, known topics, filters; `options` reads them) -> `plan`
//! (the staged order) -> `schedule` (weeks under an hours budget, `progress` applied) ->
//! `render` (Markdown, JSON, HTML, iCalendar, DOT, Mermaid) -> `site` (the course site, written
//! atomically, and its preview server). `explain` answers `why` and `next` from a plan;
//! `import` is the one step that writes to `topics/`; `scaffold` starts a new course (it
//! leaves filing links to `import`). `linkcheck` asks every URL over HTTP(S) for `check --links`
//! and keeps the results beside the corpus; the CLI's planning commands mark the links it last
//! found dead (`linkcheck::mark_dead`), and its `--fix` rewrites only a `url` it confirmed.
//! `id` holds the typed ids and URLs the reader makes once. The CLI is a separate binary target
//! (`src/main.rs`, a few lines, calling `src/cli/`, a file per command): a thin shell over
//! these steps that maps their errors to exit codes. Every step that stops reports an
//! [`Error`] (`error`): usage, invalid input or I/O, each with its diagnostics and exit code.

pub mod check;
pub mod corpus;
pub mod diagnostics;
pub mod draft;
#[warn(missing_docs)]
pub mod error;
pub mod explain;
#[warn(missing_docs)]
mod front;
pub mod graph;
pub(crate) mod id;
pub mod import;
pub(crate) mod journal;
pub mod linkcheck;
pub mod model;
pub mod options;
pub mod output;
pub mod plan;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub(crate) mod schema;
pub mod select;
pub mod site;
pub mod sync;
pub mod words;

pub use front::{Choices, CourseSource, Format, Planned, Syllabus, MAX_WEEKS};

pub use error::Error;
