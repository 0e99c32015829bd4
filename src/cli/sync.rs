//! `syllabus sync`: new posts of the course's Bluesky feed into topics/ (see `crate::sync`).

use super::{stdout, CorpusArgs};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::schedule::Date;
use crate::sync;
use std::cell::RefCell;
use std::io::IsTerminal;

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
    let source = args.corpus.source();
    let dir = source.folder_to_write("sync")?.to_path_buf();
    let feed = match (&args.actor, &args.feed) {
        (Some(name), _) | (None, Some(name)) => {
            let flag = if args.actor.is_some() {
                "--actor"
            } else {
                "--feed"
            };
            Some(sync::Feed::parse(name).map_err(|why| {
                Error::usage(Diagnostic::error(None, format!("{flag}: {why}")).with_help(
                    "--actor takes a handle or DID; --feed an at:// URI of a feed or list",
                ))
            })?)
        }
        (None, None) => None,
    };
    let options = sync::Options {
        topics_dir: dir,
        feed,
        service: args.service.clone(),
        since: args.since,
        full: args.full,
        dry_run: args.dry_run,
        ..sync::Options::default()
    };
    let bar = Bar::default();
    let result = sync::run(&options, &|pages, posts| bar.tick(pages, posts));
    bar.finish();
    let report = result?;
    super::warn(&report.import.warnings);
    stdout(|out| {
        if args.format == Output::Json {
            let text = serde_json::to_string_pretty(&report.json()).unwrap_or_default();
            return writeln!(out, "{}", crate::output::printable(&text));
        }
        if args.dry_run && report.links() > 0 {
            write!(out, "{}", crate::output::printable(&report.import.table()))?;
        }
        for path in &report.import.written {
            writeln!(out, "wrote {}", path.display())?;
        }
        writeln!(out, "{}", crate::output::printable(&report.summary()))
    })
}

/// A spinner on a terminal once a second page is read; nothing otherwise.
#[derive(Default)]
struct Bar {
    bar: RefCell<Option<indicatif::ProgressBar>>,
}

impl Bar {
    fn tick(&self, pages: usize, posts: usize) {
        if pages < 2 || !std::io::stderr().is_terminal() {
            return;
        }
        let mut slot = self.bar.borrow_mut();
        let bar = slot.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} reading the feed: {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        bar.set_message(format!("page {pages}, {posts} new posts"));
        bar.tick();
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.finish_and_clear();
        }
    }
}
