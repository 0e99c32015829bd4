//! The integration tests, as one test binary (one link step instead of one per file). Each module
//! runs the real `syllabus` binary on fixture corpora or the shipped course.

mod browser;
mod cli;
mod common;
mod course;
mod curation;
mod diagnostics;
mod draft;
mod hostile;
mod import_cli;
mod import_real;
mod links;
mod man;
mod new;
mod optional_edges;
mod options_cli;
mod output;
mod practice;
mod properties;
mod publish;
mod readme;
mod robust;
mod robust_props;
mod serve;
mod shell;
mod site;
mod site_options;
mod sync;
