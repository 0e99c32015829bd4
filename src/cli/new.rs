//! `syllabus new`: start a course of one's own, empty or from links one already has.

use super::args::NewArgs;
use super::terminal::{emit, warn};
use crate::answer;
use crate::error::Error;
use crate::scaffold;

pub fn run(args: &NewArgs) -> Result<(), Error> {
    let options = scaffold::Options {
        from: args.from.clone(),
        format: args.input_format,
        like: args.like.clone(),
        no_like: args.no_like,
        dry_run: args.dry_run,
        base: args.base.clone(),
    };
    let created = scaffold::create(&args.dir, &options)?;
    if let Some(report) = &created.report {
        warn(&report.warnings);
    }
    emit(&answer::created(&created, &args.dir, args.dry_run), None)
}
