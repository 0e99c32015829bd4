//! `syllabus done` and `syllabus undo`: mark links in the progress file.

use super::args::MarkArgs;
use super::load;
use super::terminal::emit;
use crate::answer;
use crate::error::Error;

pub fn run(args: &MarkArgs, done: bool) -> Result<(), Error> {
    let syllabus = load(&args.corpus)?;
    let change = syllabus.mark(&args.ids, &args.progress, done)?;
    emit(&answer::marked(&change, done, &args.progress), None)
}
