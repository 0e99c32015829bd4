//! The `syllabus` command: arguments (clap, declared in `args`) to calls of the library front
//! (`crate::front`), and results to output and exit codes: 0 ok, 1 invalid corpus or input, 2
//! usage. No planning logic lives here. This file holds [`run`], the one place an [`Error`]
//! becomes standard error and an exit code, the dispatch to each command's file (a few lines of
//! glue each), and what the planning commands share (loading, choosing); `terminal` holds the
//! terminal presentation several commands share.

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
mod terminal;

use crate::error::{Error, EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::{Choices, Syllabus};
use args::{Cli, Command, CorpusArgs, PlanOptions};
use clap::Parser;
use std::io::Write;
use std::path::Path;
use terminal::warn;

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
fn prepare(args: &CorpusArgs, plan: &PlanOptions) -> Result<(Syllabus, Choices), Error> {
    let syllabus = load(args)?;
    let default_progress = Path::new(crate::progress::DEFAULT_FILE);
    let choices = syllabus.choose(&plan.given(), Some(default_progress))?;
    warn(&choices.warnings);
    Ok((syllabus, choices))
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
