//! What `sync` shows while and after it runs: a spinner on a terminal once a second page is
//! read, and the report as text or JSON.

use super::{Feed, Report};
use crate::error::Error;
use crate::output::printable;
use std::cell::RefCell;
use std::io::{IsTerminal, Write};

/// The feed `--actor NAME` or `--feed URI` names (they exclude each other), if either is given.
pub(crate) fn feed_from_flags(
    actor: Option<&str>,
    feed: Option<&str>,
) -> Result<Option<Feed>, Error> {
    let (flag, name) = match (actor, feed) {
        (Some(name), _) => ("--actor", name),
        (None, Some(uri)) => ("--feed", uri),
        (None, None) => return Ok(None),
    };
    Feed::parse(name).map(Some).map_err(|why| {
        Error::usage(
            crate::diagnostics::Diagnostic::error(None, format!("{flag}: {why}"))
                .with_help("--actor takes a handle or DID; --feed an at:// URI of a feed or list"),
        )
    })
}

impl Report {
    /// The report on standard output: `json`, every link with its topic and status; else, the
    /// table of a dry run's links, the files written and the summary line.
    pub(crate) fn write(&self, out: &mut dyn Write, json: bool) -> std::io::Result<()> {
        if json {
            let text = serde_json::to_string_pretty(&self.json()).unwrap_or_default();
            return writeln!(out, "{}", printable(&text));
        }
        if self.dry_run && self.links() > 0 {
            write!(out, "{}", printable(&self.import.table()))?;
        }
        for path in &self.import.written {
            writeln!(out, "wrote {}", path.display())?;
        }
        writeln!(out, "{}", printable(&self.summary()))
    }
}

/// A spinner on standard error when it is a terminal, once a second page is read (one page
/// goes by too fast to need one); nothing otherwise.
#[derive(Default)]
pub(crate) struct Spinner {
    bar: RefCell<Option<indicatif::ProgressBar>>,
}

impl Spinner {
    /// Told after each page: pages read so far, entries kept so far (a `sync::Progress`).
    pub(crate) fn tick(&self, pages: usize, posts: usize) {
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

    /// Clears the spinner, if one was shown.
    pub(crate) fn finish(&self) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.finish_and_clear();
        }
    }
}
