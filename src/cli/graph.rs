//! `syllabus graph` and `syllabus topics`: the whole course's topic graph and topic table.

use super::args::{GraphArgs, GraphFormat, TopicsArgs};
use super::load;
use super::terminal::emit;
use crate::error::Error;
use crate::render;

pub fn run(args: &GraphArgs) -> Result<(), Error> {
    let syllabus = load(&args.corpus)?;
    let plan = syllabus.whole_plan();
    let text = match args.format {
        GraphFormat::Dot => render::dot(&plan),
        GraphFormat::Mermaid => render::mermaid(&plan),
    };
    emit(&text, None)
}

pub fn topics(args: &TopicsArgs) -> Result<(), Error> {
    let syllabus = load(&args.corpus)?;
    let plan = syllabus.whole_plan();
    let text = if args.links {
        render::topics_links(&plan)
    } else {
        render::topics_table(&plan)
    };
    emit(&text, None)
}
