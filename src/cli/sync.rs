//! `syllabus sync`: new posts of the course's Bluesky feed into topics/ (see `crate::sync`).

use super::{stdout, CorpusArgs};
use crate::error::Error;
use crate::schedule::Date;
use crate::sync;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Whose posts to read: a handle (name.bsky.social) or a DID [default: `[feed] actor` in
    /// course.toml]
    #[arg(long, value_name = "HANDLE_OR_DID", conflicts_with = "feed")]
    actor: Option<String>,
    /// A feed generator or list to read instead, by its at:// URI [default: `[feed] uri` in
    /// course.toml]
    #[arg(long, value_name = "AT_URI")]
    feed: Option<String>,
    /// The AppView to ask [default: `[feed] service` in course.toml, else
    /// https://public.api.bsky.app]
    #[arg(long, value_name = "URL")]
    service: Option<String>,
    /// Read the posts since this day, whatever was read before
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "full")]
    since: Option<Date>,
    /// Read the whole feed again, not only what is new since the last sync
    #[arg(long)]
    full: bool,
    /// Print what would happen (each link, its topic, new or already there); write nothing,
    /// not even the sync state
    #[arg(long)]
    dry_run: bool,
    /// How to print the result: a summary (with --dry-run, a table first) or JSON (every link
    /// with its topic and status, the healed URLs, the pages and requests)
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Output::Text)]
    format: Output,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Text,
    Json,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date: write YYYY-MM-DD"))
}

pub fn run(args: &Args) -> Result<(), Error> {
    let options = sync::Options {
        topics_dir: args.corpus.source().folder_to_write("sync")?.to_path_buf(),
        feed: sync::feed_from_flags(args.actor.as_deref(), args.feed.as_deref())?,
        service: args.service.clone(),
        since: args.since,
        full: args.full,
        dry_run: args.dry_run,
        ..sync::Options::default()
    };
    let spinner = sync::Spinner::default();
    let result = sync::run(&options, &|pages, posts| spinner.tick(pages, posts));
    spinner.finish();
    let report = result?;
    super::warn(&report.import.warnings);
    stdout(|out| report.write(out, args.format == Output::Json))
}
