//! `syllabus plan`: the staged plan as Markdown, JSON, iCalendar or one HTML page.

use super::args::PlanArgs;
use super::terminal::{save, warn, written};
use super::{prepare, Kept};
use crate::error::Error;
use std::io::Write;

/// Standard output, or FILE written whole and atomically.
pub fn run(args: &PlanArgs, kept: &mut Kept) -> Result<(), Error> {
    let (syllabus, choices) = prepare(&args.corpus, &args.options)?;
    choices.allow(args.format.into())?;
    let planned = syllabus.plan(&choices)?;
    warn(&planned.warnings);
    let templates = args.templates.as_deref();
    let write =
        |out: &mut dyn Write| planned.write(args.format.into(), templates, args.layout.into(), out);
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            written(write(&mut out)?.and_then(|()| out.flush()))?
        }
        Some(path) => {
            let mut text = Vec::new();
            write(&mut text)?.expect("a Vec takes every write");
            save(path, &text)?
        }
    }
    drop(planned);
    kept.keep(syllabus);
    Ok(())
}
