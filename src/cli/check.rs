//! `syllabus check`: validate the corpus and print every problem, warnings included.

use super::{CorpusArgs, EXIT_INVALID};
use std::io::Write;
use syllabus::corpus;
use syllabus::words::count;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,
}

/// Returns the exit code: problems go to standard output here, since they are the answer asked for.
pub fn run(args: &Args) -> i32 {
    let (diagnostics, course) = match corpus::load_default(args.corpus.topics.as_deref()) {
        Ok(loaded) => (loaded.warnings, Some(loaded.course)),
        Err(diagnostics) => (diagnostics, None),
    };
    let mut stdout = anstream::stdout().lock();
    super::print_diagnostics(&mut stdout, &diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let what = match &course {
        Some(c) => format!(
            "{}, {}",
            count(c.topics.len(), "topic"),
            count(c.links().count(), "link")
        ),
        None => "the corpus".to_string(),
    };
    let _ = writeln!(
        stdout,
        "checked {what}: {}, {}",
        count(errors, "error"),
        count(warnings, "warning")
    );
    if errors > 0 {
        EXIT_INVALID
    } else {
        0
    }
}
