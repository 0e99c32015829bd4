//! syllabus: turn a corpus of links into a staged study plan and publish it.
//!
//! Start from the front, [`Syllabus`]: [`CourseSource::find`] picks the course (a folder, else
//! the built-in one), [`Syllabus::load`] loads it, [`Syllabus::choose`] checks the reader's
//! options, [`Syllabus::plan`] plans, and a renderer ([`render`]) writes the result:
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
//! The public surface is that driver and what it hands out: the course ([`model`]), the
//! reader's options ([`options`]), the plan ([`plan`], with its selection and weeks), the
//! renderers ([`render`]) and the diagnostics ([`diagnostics`], inside an [`Error`]). The
//! `syllabus` command is [`run`]: its arguments (clap) and printing live in this crate, as
//! `just` keeps its CLI in its library behind `just::run`, so every other step stays
//! `pub(crate)` and can change without breaking a user of the library.
//!
//! The pipeline runs one way: `corpus` (load and validate `topics/`) -> `graph` (prerequisites)
//! -> `select` (the reader's targets, known topics, filters; `options` reads them) -> `plan`
//! (the staged order) -> `schedule` (weeks under an hours budget, `progress` applied) ->
//! `render` (Markdown, JSON, HTML, iCalendar, DOT, Mermaid) -> `site` (the course site, written
//! atomically, and its preview server). `explain` answers `why` and `next` from a plan;
//! `import` is the one step that writes to `topics/`; `scaffold` starts a new course (it
//! leaves filing links to `import`). `linkcheck` asks every URL over HTTP(S) for `check --links`
//! and keeps the results beside the corpus; the CLI's planning commands mark the links it last
//! found dead (`linkcheck::dead_links`, a layer the plan lays over the course), and its `--fix` rewrites only a `url` it confirmed.
//! `id` holds the typed ids and URLs the reader makes once; `answer` words the commands' short
//! text answers (`next`, `why`, `done`, `suggest`, `import`, `new`, `build`). The CLI (`cli/`:
//! the clap declarations in one file, a file of glue per command, the terminal output they
//! share; `src/main.rs` only calls [`run`]) is a thin shell over the front and these steps that
//! maps their errors to exit codes. Every step that stops reports an [`Error`]: usage, invalid input or
//! I/O, each with its diagnostics and exit code.
#![warn(missing_docs)]

mod answer;
mod check;
mod cli;
mod corpus;
pub mod diagnostics;
mod draft;
mod error;
mod explain;
mod front;
mod graph;
mod id;
mod import;
mod journal;
mod linkcheck;
pub mod model;
pub mod options;
mod output;
pub mod plan;
mod progress;
pub mod render;
mod scaffold;
mod schedule;
mod schema;
mod select;
mod site;
mod sync;
mod words;

pub use cli::run;
pub use corpus::Source;
pub use error::Error;
pub use front::{Choices, CourseSource, Format, Planned, Syllabus, MAX_WEEKS};

/// What the fuzz targets (`fuzz/`, built by `cargo fuzz` with `--cfg fuzzing`) drive besides
/// the public surface: the import readers and the progress file editor, which are not part of
/// the library's surface.
#[cfg(fuzzing)]
pub mod fuzzing {
    pub use crate::import::{decode, parse_based, text::finalize, Format};
    pub use crate::progress::{edit, parse as parse_progress};
}
