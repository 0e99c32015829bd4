//! What `sync` shows after it runs: the report as text or JSON (the spinner while it runs is
//! the CLI's, `cli/terminal.rs`).

use super::{Feed, Report};
use crate::error::Error;
use crate::output::printable;
use std::io::Write;

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
