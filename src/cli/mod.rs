//! Arguments (clap) to library calls and results to output and exit codes: 0 ok, 1 invalid
//! corpus or input, 2 usage. No planning logic lives here: this file holds what every command
//! shares (the corpus and plan options, loading, output, and [`run`], the one place an
//! [`Error`] becomes standard error and an exit code); each command has its own file.

mod check;
mod explain;
mod graph;
mod import;
mod new;
mod plan;
mod progress;
mod shell;
mod site;
mod suggest;
mod sync;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use syllabus::corpus::{self, Loaded};
use syllabus::diagnostics::Diagnostic;
use syllabus::error::{Error, EXIT_OK, EXIT_USAGE};
use syllabus::options::{self, Options};
use syllabus::schedule::Date;
use syllabus::select::Selected;
use syllabus::{linkcheck, output, progress as progress_file};

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

#[derive(clap::Args, Debug, Clone)]
struct CorpusArgs {
    /// The corpus folder (course.toml and one file per topic) [default: ./topics, else built-in]
    #[arg(long, value_name = "DIR", global = true)]
    topics: Option<PathBuf>,
}

/// The reader's choices, shared by every command that plans: what to learn, the pace, progress.
/// Each option is declared once, in `syllabus::options`, for the command line and the profile.
pub type PlanOptions = options::Given;

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
    /// Print a shell completion script (bash, zsh, fish, powershell)
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder
    Man(shell::ManArgs),
}

pub fn run() -> i32 {
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
        Command::New(args) => new::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Check(args) => check::run(&args),
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
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(error) => {
            warn(error.diagnostics());
            let mut stderr = std::io::stderr().lock();
            let errors = error.diagnostics().iter().filter(|d| d.is_error()).count();
            if errors > 1 {
                let _ = writeln!(
                    stderr,
                    "{errors} errors; run `syllabus check` to see them with warnings"
                );
            }
            error.exit_code()
        }
    }
}

/// The corpus folder: `--topics DIR`, else `./topics` when it exists; `None` for the built-in
/// course.
fn corpus_dir(args: &CorpusArgs) -> Option<PathBuf> {
    args.topics
        .clone()
        .or_else(|| Some(PathBuf::from("topics")).filter(|p| p.is_dir()))
}

/// The corpus, with the links the last `check --links` found dead marked so in every output.
fn load(args: &CorpusArgs) -> Result<Loaded, Error> {
    let mut loaded = corpus::load_default(args.topics.as_deref())?;
    warn(&std::mem::take(&mut loaded.folder));
    let cache_path = linkcheck::cache::default_path(corpus_dir(args).as_deref());
    // A broken cache must not stop a plan: it only adds the `dead` marks.
    match linkcheck::Cache::load(&cache_path) {
        Ok(cache) => linkcheck::mark_dead(&mut loaded.course, &cache),
        Err(d) => warn(&[Diagnostic::warning(None, d.message).maybe_help(d.help)]),
    }
    Ok(loaded)
}

/// Standard output, or FILE written atomically.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    // Corpus text may hold control characters; none reaches a terminal (or a file) raw.
    let text = &*output::printable(text);
    match output {
        Some(path) => output::write_atomic(path, text.as_bytes()).map_err(|e| {
            Error::io(
                Diagnostic::error(None, format!("cannot write {}: {e}", path.display()))
                    .with_help("check that the folder exists and is writable"),
            )
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is the reader's choice, not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// The corpus, the checked options and what the reader has done: what every planning command
/// starts from ([`Prepared::plan`] makes the plan, which borrows the course's links). Warnings
/// (stale progress ids, a `--weeks` the pace cannot meet) go to standard error.
struct Prepared {
    loaded: Loaded,
    opts: Options,
    done: std::collections::BTreeSet<String>,
}

fn prepare(args: &CorpusArgs, cli: &PlanOptions, ics: bool) -> Result<Prepared, Error> {
    let loaded = load(args)?;
    let mut given = cli.clone();
    if let Some(path) = &cli.profile {
        given = given.or(options::load_profile(path)?);
    }
    let opts: Options = options::resolve(&loaded.course, &given).map_err(Error::Usage)?;
    // A calendar needs dates. Defaulting to "the coming Monday" would make the same command
    // give other bytes tomorrow, so the reader names the day.
    if ics && opts.schedule.start.is_none() {
        let monday = Date::today().next_monday();
        return Err(Error::usage(
            Diagnostic::error(
                None,
                "--format ics needs --start YYYY-MM-DD: a calendar needs dates",
            )
            .with_help(format!("for example --start {monday} (the coming Monday)")),
        ));
    }
    let mut done = Default::default();
    if let Some(path) = progress_file::default_path(opts.progress.as_deref()) {
        let p = progress_file::load(&path)?;
        warn(&progress_file::stale_warnings(&p, &loaded.course, &path));
        done = p.done;
    }
    Ok(Prepared { loaded, opts, done })
}

impl Prepared {
    /// The reader's plan and the selection it was made from.
    fn plan(&self) -> Result<(syllabus::plan::Plan<'_>, Selected), Error> {
        let opts = &self.opts;
        self.weeks_bounded()?;
        let (plan, selected) = syllabus::plan::build_for(
            &self.loaded.course,
            &opts.selection,
            &opts.schedule,
            &self.done,
        );
        if let Some(start) = opts.schedule.start {
            past_9999(start, plan.weeks.len())?;
        }
        if let Some(w) = plan.schedule.warning() {
            warn(&[Diagnostic::warning(None, w)]);
        }
        Ok((plan, selected))
    }
}

/// The most weeks a schedule may have (about 190 years): each week is memory, a calendar event
/// and a page section, and a pace of minutes a week would otherwise ask for millions of them.
const MAX_WEEKS: u64 = syllabus::options::MAX_WEEKS_WANTED as u64;

impl Prepared {
    /// Refuses a pace at which the plan would need more than [`MAX_WEEKS`] weeks, before the
    /// weeks are made. The whole course's minutes over the budget are the first bound; only
    /// when that is over, the plan is made at the fastest pace to count what the selection
    /// really schedules. (Counting a week for each link would refuse every course of more than
    /// 10,000 links at any pace.)
    fn weeks_bounded(&self) -> Result<(), Error> {
        let schedule = &self.opts.schedule;
        let budget = ((schedule.hours_per_week * 60.0).round() as u64).max(1);
        let whole: u64 = self
            .loaded
            .course
            .links()
            .map(|l| u64::from(l.minutes))
            .sum::<u64>()
            .div_ceil(budget);
        if whole <= MAX_WEEKS {
            return Ok(());
        }
        let fastest = syllabus::schedule::ScheduleOptions {
            hours_per_week: 168.0,
            ..schedule.clone()
        };
        let (probe, _) = syllabus::plan::build_for(
            &self.loaded.course,
            &self.opts.selection,
            &fastest,
            &self.done,
        );
        let scheduled = probe
            .plan_links()
            .filter(|l| !l.done && (schedule.optional || !l.link.optional));
        let minutes: u64 = scheduled.map(|l| u64::from(l.link.minutes)).sum();
        if minutes.div_ceil(budget) <= MAX_WEEKS {
            return Ok(());
        }
        let needed = (minutes as f64 / 60.0 / MAX_WEEKS as f64).max(0.25);
        Err(Error::usage(
            Diagnostic::error(
                None,
                format!(
                    "--hours-per-week {}: the plan's {} hours would take more than {MAX_WEEKS} weeks at that pace",
                    schedule.hours_per_week,
                    minutes / 60
                ),
            )
            .with_help(format!(
                "give at least --hours-per-week {}, or plan less with --target",
                (needed * 4.0).ceil() / 4.0
            )),
        ))
    }
}

/// Dates are written `YYYY-MM-DD`: a plan whose weeks end after 9999-12-31 cannot be dated.
fn past_9999(start: Date, weeks: usize) -> Result<(), Error> {
    let last = Date::parse("9999-12-31").expect("a valid date");
    let days = 7 * weeks.max(1) as i64;
    if start
        .checked_add_days(days - 1)
        .is_some_and(|end| end <= last)
    {
        return Ok(());
    }
    Err(Error::usage(
        Diagnostic::error(
            None,
            format!(
                "--start {start}: the plan's {} would run past 9999-12-31, the last date syllabus writes",
                syllabus::words::count(weeks.max(1), "week")
            ),
        )
        .with_help(format!("start on {} or earlier", last.add_days(1 - days))),
    ))
}

/// Diagnostics on standard error, rendered as rustc does.
fn warn(diagnostics: &[Diagnostic]) {
    print_diagnostics(&mut anstream::stderr().lock(), diagnostics);
}

/// Each diagnostic with its source line and caret, coloured; `anstream` keeps the colours only
/// on a terminal and without `NO_COLOR` (`CLICOLOR_FORCE` forces them).
fn print_diagnostics(out: &mut impl Write, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let _ = writeln!(out, "{}", d.render(true));
    }
}

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
