//! What the commands share on the terminal: standard output and `--output FILE` written with
//! their errors mapped (a reader gone away from a pipe is no error), diagnostics on standard
//! error, and the progress shown while a long step runs (the link check's bar, the feed's
//! spinner). The library never draws on the terminal: a step reports progress through a
//! callback, and this module draws it.

use crate::diagnostics::Diagnostic;
use crate::error::{Error, EXIT_OK};
use crate::linkcheck::Outcome;
use crate::output;
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Standard output, or FILE written atomically.
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    // Corpus text may hold control characters; none reaches a terminal (or a file) raw.
    let text = &*output::printable(text);
    match output {
        Some(path) => save(path, text.as_bytes()),
        None => stdout(|out| out.write_all(text.as_bytes())),
    }
}

/// FILE (`--output`) written atomically.
pub fn save(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    output::write_atomic(path, bytes).map_err(|e| {
        Error::io(
            Diagnostic::error(None, format!("cannot write {}: {e}", path.display()))
                .with_help("check that the folder exists and is writable"),
        )
    })
}

/// Writes to standard output with `write`, then flushes. A write that fails is an error (exit
/// 1, "cannot write to standard output": a full disk, a closed file); a reader gone away (`|
/// head`) ends the command quietly with exit 0, as ripgrep does: the reader chose to stop.
pub fn stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    written(write(&mut out).and_then(|()| out.flush()))
}

/// An output write's result as the command's: see [`stdout`].
pub fn written(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(EXIT_OK),
        Err(e) => Err(Error::io(
            Diagnostic::error(None, format!("cannot write to standard output: {e}")).with_help(
                "check the disk or the file standard output goes to; nothing more was written",
            ),
        )),
    }
}

/// Diagnostics on standard error, rendered as rustc does.
pub fn warn(diagnostics: &[Diagnostic]) {
    // Standard error is where a failure would be reported: if it cannot be written, nothing can.
    let _ = print_diagnostics(&mut anstream::stderr().lock(), diagnostics);
}

/// A note in words on standard error (not a diagnostic: nothing is wrong).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Each diagnostic with its source line and caret, coloured; `anstream` keeps the colours only
/// on a terminal and without `NO_COLOR` (`CLICOLOR_FORCE` forces them).
fn print_diagnostics(out: &mut impl Write, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    for d in diagnostics {
        writeln!(out, "{}", d.render(true))?;
    }
    Ok(())
}

/// The link check's progress: a bar on a terminal; a plain line per URL otherwise, for logs.
pub struct LinkBar {
    bar: Option<indicatif::ProgressBar>,
}

impl LinkBar {
    /// A bar when standard error is a terminal.
    pub fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        LinkBar { bar }
    }

    /// Told after each URL: how many are done of how many, the URL and what it answered.
    pub fn tick(&self, done: usize, total: usize, url: &str, outcome: &Outcome) {
        match &self.bar {
            Some(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                bar.set_message(url.to_string());
            }
            None => {
                let line = crate::check::progress_line(done, total, url, outcome);
                let _ = writeln!(std::io::stderr(), "{line}");
            }
        }
    }

    /// Clears the bar, if one was shown.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The feed's progress for `sync`: a spinner on standard error when it is a terminal, once a
/// second page is read (one page goes by too fast to need one); nothing otherwise.
#[derive(Default)]
pub struct Spinner {
    bar: RefCell<Option<indicatif::ProgressBar>>,
}

impl Spinner {
    /// Told after each page: pages read so far, entries kept so far (a `sync::Progress`).
    pub fn tick(&self, pages: usize, posts: usize) {
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
    pub fn finish(&self) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.finish_and_clear();
        }
    }
}
