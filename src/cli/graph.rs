//! `syllabus graph` and `syllabus topics`: the whole course's topic graph and topic table.

use super::{emit, load, CorpusArgs};
use crate::error::Error;
use crate::render;
use clap::ValueEnum;

#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// The output format
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
}

#[derive(clap::Args, Debug)]
pub struct TopicsArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// List each topic's links under it: id, minutes and title (the ids `done`, `why` and
    /// `requires` take)
    #[arg(long)]
    links: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Graphviz, clustered by stage
    Dot,
    /// A Mermaid flowchart
    Mermaid,
}

pub fn run(args: &GraphArgs) -> Result<(), Error> {
    let syllabus = load(&args.corpus)?;
    let plan = syllabus.whole_plan();
    let text = match args.format {
        Format::Dot => render::dot(&plan),
        Format::Mermaid => render::mermaid(&plan),
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
