//! `syllabus sync`: new posts of the course's Bluesky feed into topics/ (see `crate::sync`).

use super::args::{Output, SyncArgs};
use super::terminal::{stdout, warn, Spinner};
use crate::error::Error;
use crate::sync;

pub fn run(args: &SyncArgs) -> Result<(), Error> {
    let options = sync::Options {
        topics_dir: args.corpus.source().folder_to_write("sync")?.to_path_buf(),
        feed: sync::feed_from_flags(args.actor.as_deref(), args.feed.as_deref())?,
        service: args.service.clone(),
        since: args.since,
        full: args.full,
        dry_run: args.dry_run,
        ..sync::Options::default()
    };
    let spinner = Spinner::default();
    let result = sync::run(&options, &|pages, posts| spinner.tick(pages, posts));
    spinner.finish();
    let report = result?;
    warn(&report.import.warnings);
    stdout(|out| report.write(out, args.format == Output::Json))
}
