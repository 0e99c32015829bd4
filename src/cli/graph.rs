//! `syllabus graph` and `syllabus topics`: the whole course's topic graph and topic table.

use super::{emit, load, CorpusArgs};
use clap::ValueEnum;
use syllabus::corpus::Loaded;
use syllabus::error::Error;
use syllabus::graph::Graph;
use syllabus::{plan, render};

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

fn whole_plan(loaded: &Loaded) -> plan::Plan<'_> {
    let graph = Graph::new(&loaded.course);
    plan::build(&loaded.course, &graph)
}

pub fn run(args: &GraphArgs) -> Result<(), Error> {
    let loaded = load(&args.corpus)?;
    let plan = whole_plan(&loaded);
    let text = match args.format {
        Format::Dot => render::dot(&plan),
        Format::Mermaid => render::mermaid(&plan),
    };
    emit(&text, None)
}

pub fn topics(args: &TopicsArgs) -> Result<(), Error> {
    let loaded = load(&args.corpus)?;
    let plan = whole_plan(&loaded);
    let text = if args.links {
        render::topics_links(&plan)
    } else {
        render::topics_table(&plan)
    };
    emit(&text, None)
}
