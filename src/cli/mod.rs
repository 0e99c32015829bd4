//! Arguments (clap) to library calls and results to output and exit codes: 0 ok, 1 invalid
//! corpus or input, 2 usage. No planning logic lives here: this file holds what every command
//! shares (the corpus and plan options, loading, output, and [`run`], the one place an
//! [`Error`] becomes standard error and an exit code); each command has its own file.

mod args;
mod check;
mod complete;
mod explain;
mod graph;
mod import;
mod man;
mod new;
mod plan;
mod progress;
mod shell;
mod site;
mod suggest;
mod sync;

use crate::diagnostics::Diagnostic;
use crate::error::{Error, EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::output;
use crate::{Choices, Syllabus};
pub use args::{CorpusArgs, PlanArgs};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::Path;

#[derive(Parser, Debug)]
#[command(
    name = "syllabus",
    version,
    about = "Turn a corpus of links into a staged study plan and publish it",
    after_help = "The corpus is ./topics when that folder exists, else the course built into the binary."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start a course of your own in a new folder, empty or from links you have (--from FILE...)
    New(new::Args),
    /// Print the staged plan
    Plan(plan::Args),
    /// Validate the corpus and print every problem
    Check(check::Args),
    /// Print the topic graph, clustered by stage
    Graph(graph::GraphArgs),
    /// List the topics: id, stage, requires, links, hours
    Topics(graph::TopicsArgs),
    /// Mark links (or every link of a topic) as done in the progress file
    Done(progress::Args),
    /// Mark links (or every link of a topic) as not done
    Undo(progress::Args),
    /// What you can read now: links not done whose prerequisites are done or known
    Next(explain::NextArgs),
    /// Why a topic or link is in your plan, or why not
    Why(explain::WhyArgs),
    /// Import links (feed dump, Bluesky JSON, Markdown, RSS/Atom, bookmarks, BibTeX) into topics/
    Import(import::Args),
    /// Import the new posts of the course's Bluesky feed (`[feed]` in course.toml) into topics/;
    /// remembers how far it read in .syllabus/sync.json
    ///
    /// The feed is `[feed] actor = "HANDLE"` (or `uri = "at://..."` for a feed generator or a
    /// list, and `service = "URL"` for another AppView) in course.toml, or --actor / --feed.
    /// Each new post's links are imported as `syllabus import` imports Bluesky JSON (the same
    /// duplicates, topics and inbox); a course link marked url_status = "truncated" or "guessed"
    /// gets the full URL from its post. The newest post read is kept in .syllabus/sync.json
    /// beside the corpus folder, written with the corpus, so the next run reads only what is
    /// new. A curator's loop: `syllabus sync && syllabus check && syllabus build`.
    Sync(sync::Args),
    /// Suggest a topic for a title, or measure the suggester on the corpus (--evaluate)
    Suggest(suggest::Args),
    /// Write the course site: HTML pages, their contents and search index
    Build(site::BuildArgs),
    /// Build the site, serve it on 127.0.0.1 and rebuild when topics or templates change
    Serve(site::ServeArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh)
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder
    Man(shell::ManArgs),
}

/// What a command made that is large and wanted until the process ends (the course, its
/// sources): [`run`] returns without freeing it.
#[derive(Default)]
pub(crate) struct Kept(Vec<Box<dyn std::any::Any>>);

impl Kept {
    /// Keep `value` until the process ends.
    fn keep(&mut self, value: impl std::any::Any) {
        self.0.push(Box::new(value));
    }
}

/// The `syllabus` command: reads the arguments of the process, runs the command, prints its
/// output and problems, and returns the exit code (0 ok, 1 invalid input, 2 usage). Meant to be
/// called once, by a process that exits with that code: what `plan` and `check` loaded (the
/// course, its sources) is deliberately not freed, since a course of 100,000 links is millions
/// of small allocations and freeing them one at a time just before exit was a twentieth of
/// those commands.
pub fn run() -> i32 {
    let mut kept = Kept::default();
    let code = run_kept(&mut kept);
    std::mem::forget(kept);
    code
}

fn run_kept(kept: &mut Kept) -> i32 {
    complete::answer_if_asked();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args, kept),
        Command::Plan(args) => plan::run(&args, kept).map(|()| EXIT_OK),
        other => run_command(other).map(|()| EXIT_OK),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            warn(error.diagnostics());
            let errors = error.diagnostics().iter().filter(|d| d.is_error()).count();
            if errors > 1 {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "{errors} errors; run `syllabus check` to see them with warnings"
                );
            }
            error.exit_code()
        }
    }
}

fn run_command(command: Command) -> Result<(), Error> {
    match command {
        Command::New(args) => new::run(&args),
        Command::Plan(_) | Command::Check(_) => unreachable!("run() runs plan and check"),
        Command::Graph(args) => graph::run(&args),
        Command::Topics(args) => graph::topics(&args),
        Command::Done(args) => progress::run(&args, true),
        Command::Undo(args) => progress::run(&args, false),
        Command::Next(args) => explain::next(&args),
        Command::Why(args) => explain::why(&args),
        Command::Import(args) => import::run(&args),
        Command::Sync(args) => sync::run(&args),
        Command::Suggest(args) => suggest::run(&args),
        Command::Build(args) => site::build(&args),
        Command::Serve(args) => site::serve(args),
        Command::Completions(args) => shell::completions(&args),
        Command::Man(args) => shell::man(&args),
    }
}

/// The course, its folder's notes shown on standard error.
fn load(args: &CorpusArgs) -> Result<Syllabus, Error> {
    let syllabus = Syllabus::load(&args.source())?;
    warn(&syllabus.notes);
    Ok(syllabus)
}

/// The course and the reader's checked choices: what every planning command starts from.
/// Warnings (stale progress ids) go to standard error.
fn prepare(args: &CorpusArgs, plan: &PlanArgs) -> Result<(Syllabus, Choices), Error> {
    let syllabus = load(args)?;
    let default_progress = Path::new(crate::progress::DEFAULT_FILE);
    let choices = syllabus.choose(&plan.given(), Some(default_progress))?;
    warn(&choices.warnings);
    Ok((syllabus, choices))
}

/// Standard output, or FILE written atomically.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    // Corpus text may hold control characters; none reaches a terminal (or a file) raw.
    let text = &*output::printable(text);
    match output {
        Some(path) => save(path, text.as_bytes()),
        None => stdout(|out| out.write_all(text.as_bytes())),
    }
}

/// FILE (`--output`) written atomically.
fn save(path: &Path, bytes: &[u8]) -> Result<(), Error> {
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
fn stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    written(write(&mut out).and_then(|()| out.flush()))
}

/// An output write's result as the command's: see [`stdout`].
fn written(result: std::io::Result<()>) -> Result<(), Error> {
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
fn warn(diagnostics: &[Diagnostic]) {
    // Standard error is where a failure would be reported: if it cannot be written, nothing can.
    let _ = print_diagnostics(&mut anstream::stderr().lock(), diagnostics);
}

/// Each diagnostic with its source line and caret, coloured; `anstream` keeps the colours only
/// on a terminal and without `NO_COLOR` (`CLICOLOR_FORCE` forces them).
fn print_diagnostics(out: &mut impl Write, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    for d in diagnostics {
        writeln!(out, "{}", d.render(true))?;
    }
    Ok(())
}

/// The exit code of a command that printed its problems as its answer (`check`).
const EXIT_PROBLEMS: i32 = EXIT_INVALID;

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// `--help` is the first documentation people read: every argument of every command says
    /// what it does, not only which values it takes.
    #[test]
    fn every_argument_has_a_description() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        let mut missing = Vec::new();
        for sub in cli.get_subcommands() {
            assert!(
                sub.get_about().is_some(),
                "`{}` has no description",
                sub.get_name()
            );
            for arg in sub.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "arguments without a description: {missing:?}"
        );
    }
}
