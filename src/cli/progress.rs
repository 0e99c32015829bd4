//! `syllabus done` and `syllabus undo`: mark links in the progress file.

use super::{emit, load, CorpusArgs};
use crate::error::Error;
use crate::progress;
use std::path::PathBuf;

/// The links (or topics: all their links) to mark in the progress file.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Link ids, or topic ids meaning every link of the topic
    #[arg(required = true, value_name = "ID", add = clap_complete::engine::ArgValueCompleter::new(super::complete::ids))]
    ids: Vec<String>,
    /// The progress file, created when absent
    #[arg(long, value_name = "FILE", default_value = progress::DEFAULT_FILE)]
    progress: PathBuf,
}

pub fn run(args: &Args, done: bool) -> Result<(), Error> {
    let syllabus = load(&args.corpus)?;
    let links = progress::resolve_ids(&syllabus.course, &args.ids)?;
    let change = progress::mark(&args.progress, &links, done)?;
    let (verb, already) = if done {
        ("done", "already done")
    } else {
        ("not done", "was not done")
    };
    let mut text = String::new();
    for id in &change.changed {
        text.push_str(&format!("{id}: {verb}\n"));
    }
    for id in &change.unchanged {
        text.push_str(&format!("{id}: {already}\n"));
    }
    text.push_str(&format!("{} updated\n", args.progress.display()));
    emit(&text, None)
}
