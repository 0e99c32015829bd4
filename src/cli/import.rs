//! `syllabus import`: links from other formats into topics/ (or a dry run of it).

use super::args::{ImportArgs, Output};
use super::terminal::{emit, note, stdout, warn};
use crate::answer;
use crate::error::Error;
use crate::import;
use crate::output::write_printable;
use std::io::Write;

pub fn run(args: &ImportArgs) -> Result<(), Error> {
    let source = args.corpus.source();
    if let Some(text) = source.import_note(args.dry_run) {
        note(text);
    }
    let options = import::Options {
        format: args.input_format,
        into: args.into.clone(),
        dry_run: args.dry_run,
        base: args.base.clone(),
    };
    // A failed import says why on standard error and nothing on standard output: a summary
    // of "0 links" would read as if the file held none.
    let report = source.import(&args.files, &options)?;
    warn(&report.warnings);
    match args.format {
        // Written as it is made: the JSON of a large import is large.
        Output::Json => stdout(|out| {
            write_printable(out, |out| {
                report.write_json(&mut *out)?;
                out.write_all(b"\n")
            })
        }),
        Output::Text => emit(&answer::imported(&report, args.dry_run), None),
    }
}
