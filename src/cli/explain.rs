//! `syllabus next` and `syllabus why`: questions about the reader's plan.

use super::args::{NextArgs, WhyArgs};
use super::prepare;
use super::terminal::{emit, warn};
use crate::answer;
use crate::error::Error;

pub fn next(args: &NextArgs) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    let planned = syllabus.plan(&choices)?;
    warn(&planned.warnings);
    emit(&answer::next(&planned.plan, &planned.selected), None)
}

pub fn why(args: &WhyArgs) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    let id = syllabus.item(&args.id)?;
    let planned = syllabus.plan(&choices)?;
    warn(&planned.warnings);
    let text = answer::why(&syllabus.course, &planned.selected, &planned.plan, &id);
    emit(&text, None)
}
