//! Arguments (clap) to library calls and results to output and exit codes: 0 ok, 1 invalid
//! corpus or input, 2 usage. No planning logic lives here.

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use syllabus::corpus::{self, Loaded};
use syllabus::diagnostics::Diagnostic;
use syllabus::graph::Graph;
use syllabus::model::{Kind, Level};
use syllabus::options::{self, Given, Options};
use syllabus::render::{self, Templates};
use syllabus::schedule::Date;
use syllabus::select::Selected;
use syllabus::{explain, import, output, plan, progress, site};

const EXIT_INVALID: i32 = 1;
const EXIT_USAGE: i32 = 2;

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
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PlanOptions {
    /// Plan only this topic or link and what it requires (repeatable)
    #[arg(long = "target", value_name = "ID")]
    target: Vec<String>,
    /// A topic you know already: left out with what only it needs (repeatable)
    #[arg(long = "known", value_name = "ID")]
    known: Vec<String>,
    /// A topic or link to leave out regardless; reported as a gap when needed (repeatable)
    #[arg(long = "skip", value_name = "ID")]
    skip: Vec<String>,
    /// Keep links up to this level
    #[arg(long, value_parser = PossibleValuesParser::new(Level::WORDS))]
    level: Option<String>,
    /// Keep links of these kinds (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = PossibleValuesParser::new(Kind::WORDS))]
    kinds: Vec<String>,
    /// Keep links with free access only
    #[arg(long)]
    free: bool,
    /// Reading hours a week [default: 5]
    #[arg(long, value_name = "H")]
    hours_per_week: Option<f64>,
    /// The first day of week 1
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<String>,
    /// The number of weeks you want to finish in
    #[arg(long, value_name = "N")]
    weeks: Option<u32>,
    /// Read these options from a TOML file (keys: target, known, ..., hours_per_week); options
    /// given here win
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// The progress file (`done = [...]`) [default: ./progress.toml when it exists]
    #[arg(long, value_name = "FILE")]
    progress: Option<PathBuf>,
}

impl PlanOptions {
    fn given(&self) -> Given {
        let list = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
        Given {
            target: list(&self.target),
            known: list(&self.known),
            skip: list(&self.skip),
            level: self.level.clone(),
            kinds: list(&self.kinds),
            free: self.free.then_some(true),
            hours_per_week: self.hours_per_week,
            start: self.start.clone(),
            weeks: self.weeks,
            progress: self.progress.clone(),
            origins: Default::default(),
        }
    }
}

/// The links (or topics: all their links) to mark in the progress file.
#[derive(clap::Args, Debug)]
struct MarkArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// The progress file, created when absent
    #[arg(long, value_name = "FILE", default_value = progress::DEFAULT_FILE)]
    progress: PathBuf,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the staged plan
    Plan {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        options: PlanOptions,
        #[arg(long, value_enum, default_value_t = PlanFormat::Markdown)]
        format: PlanFormat,
        /// Write to FILE (atomically) instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Folder of templates overriding the built-in ones (plan.md.j2, ...)
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Validate the corpus and print every problem
    Check {
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print the topic graph, clustered by stage
    Graph {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// List the topics: id, stage, requires, links, hours
    Topics {
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Mark links (or every link of a topic) as done in the progress file
    Done(MarkArgs),
    /// Mark links (or every link of a topic) as not done
    Undo(MarkArgs),
    /// What you can read now: links not done whose prerequisites are done or known
    Next {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        options: PlanOptions,
    },
    /// Why a topic or link is in your plan, or why not
    Why {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[arg(value_name = "ID")]
        id: String,
        #[command(flatten)]
        options: PlanOptions,
    },
    /// Import links (feed dump, Bluesky JSON, Markdown, RSS/Atom, bookmarks, BibTeX) into topics/
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The input format [default: auto, from the extension and the content]
        #[arg(long, value_name = "FORMAT", default_value = "auto",
              value_parser = clap::builder::PossibleValuesParser::new(import::Format::WORDS))]
        from: String,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Print what would happen (title, URL, topic, score, new or duplicate); write nothing
        #[arg(long)]
        dry_run: bool,
        /// Put every new link under this topic
        #[arg(long, value_name = "TOPIC")]
        into: Option<String>,
    },
    /// Write the course site: HTML pages, plan.md, plan.json
    Build {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        options: PlanOptions,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build the site, serve it on 127.0.0.1 and rebuild when topics or templates change
    Serve {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        options: PlanOptions,
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
}

#[derive(clap::Args, Debug, Clone)]
struct SiteArgs {
    /// The site folder; replaced on each build, and refused if syllabus did not write it
    #[arg(long, value_name = "DIR", default_value = "site")]
    out: PathBuf,
    /// Folder of templates overriding the built-in ones (site/*.html.j2, site/style.css, ...)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum PlanFormat {
    Markdown,
    Json,
    Ics,
    /// One standalone HTML page, CSS inlined
    Html,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum GraphFormat {
    Dot,
    Mermaid,
}

/// A failed command: what to print on standard error, and the exit code.
struct Failure {
    diagnostics: Vec<Diagnostic>,
    code: i32,
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![d],
            code: EXIT_INVALID,
        }
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure {
            diagnostics,
            code: EXIT_INVALID,
        }
    }
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Plan {
            corpus,
            options,
            format,
            output,
            templates,
        } => plan_command(
            &corpus,
            &options,
            format,
            output.as_deref(),
            templates.as_deref(),
        ),
        Command::Done(args) => mark_command(&args.corpus, &args.ids, &args.progress, true),
        Command::Undo(args) => mark_command(&args.corpus, &args.ids, &args.progress, false),
        Command::Next { corpus, options } => next_command(&corpus, &options),
        Command::Why {
            corpus,
            id,
            options,
        } => why_command(&corpus, &id, &options),
        Command::Check { corpus } => return check_command(&corpus),
        Command::Graph { corpus, format } => graph_command(&corpus, format),
        Command::Topics { corpus } => topics_command(&corpus),
        Command::Import {
            files,
            from,
            corpus,
            dry_run,
            into,
        } => import_command(&files, &from, &corpus, dry_run, into),
        Command::Build {
            corpus,
            options,
            site,
        } => build_command(&corpus, &options, &site),
        Command::Serve {
            corpus,
            options,
            site,
            port,
        } => serve_command(corpus, options, site, port),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            let mut stderr = std::io::stderr().lock();
            for d in &failure.diagnostics {
                let _ = writeln!(stderr, "{d}");
            }
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            if errors > 1 {
                let _ = writeln!(
                    stderr,
                    "{errors} errors; run `syllabus check` to see them with warnings"
                );
            }
            failure.code
        }
    }
}

fn load(args: &CorpusArgs) -> Result<Loaded, Failure> {
    let loaded = corpus::load_default(args.topics.as_deref())?;
    Ok(loaded)
}

/// Standard output, or FILE written atomically.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Failure> {
    match output {
        Some(path) => output::write_atomic(path, text.as_bytes()).map_err(|e| {
            Failure::from(
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

/// The corpus, the checked options and the reader's plan: what every planning command starts
/// from. Warnings (stale progress ids, a `--weeks` the pace cannot meet) go to standard error.
struct Prepared {
    loaded: Loaded,
    plan: plan::Plan,
    selected: Selected,
}

fn prepare(args: &CorpusArgs, cli: &PlanOptions, ics: bool) -> Result<Prepared, Failure> {
    let loaded = load(args)?;
    let mut given = cli.given();
    if let Some(path) = &cli.profile {
        given = given.or(options::load_profile(path)?);
    }
    let opts: Options =
        options::resolve(&loaded.course, &given).map_err(|diagnostics| Failure {
            diagnostics,
            code: EXIT_USAGE,
        })?;
    // A calendar needs dates. Defaulting to "the coming Monday" would make the same command
    // give other bytes tomorrow, so the reader names the day.
    if ics && opts.schedule.start.is_none() {
        let monday = Date::today().next_monday();
        return Err(Failure {
            diagnostics: vec![Diagnostic::error(
                None,
                "--format ics needs --start YYYY-MM-DD: a calendar needs dates",
            )
            .with_help(format!("for example --start {monday} (the coming Monday)"))],
            code: EXIT_USAGE,
        });
    }
    let mut done = Default::default();
    if let Some(path) = progress::default_path(opts.progress.as_deref()) {
        let p = progress::load(&path)?;
        warn(&progress::stale_warnings(&p, &loaded.course, &path));
        done = p.done;
    }
    let (plan, selected) = plan::build_for(&loaded.course, &opts.selection, &opts.schedule, &done);
    if let Some(w) = plan.schedule.warning() {
        warn(&[Diagnostic::warning(None, w)]);
    }
    Ok(Prepared {
        loaded,
        plan,
        selected,
    })
}

fn warn(diagnostics: &[Diagnostic]) {
    let mut stderr = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(stderr, "{d}");
    }
}

fn plan_command(
    args: &CorpusArgs,
    options: &PlanOptions,
    format: PlanFormat,
    output: Option<&Path>,
    templates: Option<&Path>,
) -> Result<(), Failure> {
    let prepared = prepare(args, options, format == PlanFormat::Ics)?;
    let plan = &prepared.plan;
    let text = match format {
        PlanFormat::Markdown => render::markdown(plan, &Templates::load(templates)?)?,
        PlanFormat::Json => render::json(plan),
        PlanFormat::Ics => render::ics(plan)?,
        PlanFormat::Html => site::standalone(plan, &Templates::load(templates)?)?,
    };
    emit(&text, output)
}

fn mark_command(args: &CorpusArgs, ids: &[String], path: &Path, done: bool) -> Result<(), Failure> {
    let loaded = load(args)?;
    let links = progress::resolve_ids(&loaded.course, ids).map_err(|diagnostics| Failure {
        diagnostics,
        code: EXIT_USAGE,
    })?;
    let change = progress::mark(path, &links, done)?;
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
    text.push_str(&format!("{} updated\n", path.display()));
    emit(&text, None)
}

fn next_command(args: &CorpusArgs, options: &PlanOptions) -> Result<(), Failure> {
    let prepared = prepare(args, options, false)?;
    let ready = explain::next(&prepared.plan, &prepared.selected);
    let mut text = String::new();
    if ready.is_empty() {
        text.push_str(if prepared.plan.plan_links().all(|l| l.done) {
            "Nothing left: every reading in the plan is done.\n"
        } else {
            "Nothing is ready.\n"
        });
    }
    for link in ready {
        let week = link.week.map(|w| format!("week {w}, ")).unwrap_or_default();
        text.push_str(&format!(
            "{}  {} ({week}{} min, {})\n    {}\n",
            link.id, link.title, link.minutes, link.topic, link.url
        ));
    }
    emit(&text, None)
}

fn why_command(args: &CorpusArgs, id: &str, options: &PlanOptions) -> Result<(), Failure> {
    let prepared = prepare(args, options, false)?;
    let course = &prepared.loaded.course;
    if course.topic(id).is_none() && course.link(id).is_none() {
        let items: Vec<&str> = course
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .chain(course.links().map(|l| l.id.as_str()))
            .collect();
        let d = Diagnostic::error(None, format!("`{id}`: no such topic or link")).with_help(
            syllabus::diagnostics::suggest(id, items.iter().copied(), "topic or link"),
        );
        return Err(Failure {
            diagnostics: vec![d],
            code: EXIT_USAGE,
        });
    }
    let mut text = explain::why(course, &prepared.selected, &prepared.plan, id).join("\n");
    text.push('\n');
    emit(&text, None)
}

fn check_command(args: &CorpusArgs) -> i32 {
    let (diagnostics, course) = match corpus::load_default(args.topics.as_deref()) {
        Ok(loaded) => (loaded.warnings, Some(loaded.course)),
        Err(diagnostics) => (diagnostics, None),
    };
    let mut stdout = std::io::stdout().lock();
    for d in &diagnostics {
        let _ = writeln!(stdout, "{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = syllabus::words::count;
    let what = match &course {
        Some(c) => format!(
            "{}, {}",
            plural(c.topics.len(), "topic"),
            plural(c.links().count(), "link")
        ),
        None => "the corpus".to_string(),
    };
    let _ = writeln!(
        stdout,
        "checked {what}: {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if errors > 0 {
        EXIT_INVALID
    } else {
        0
    }
}

fn graph_command(args: &CorpusArgs, format: GraphFormat) -> Result<(), Failure> {
    let loaded = load(args)?;
    let graph = Graph::new(&loaded.course);
    let plan = plan::build(&loaded.course, &graph);
    let text = match format {
        GraphFormat::Dot => render::dot(&plan),
        GraphFormat::Mermaid => render::mermaid(&plan),
    };
    emit(&text, None)
}

fn topics_command(args: &CorpusArgs) -> Result<(), Failure> {
    let loaded = load(args)?;
    let graph = Graph::new(&loaded.course);
    let plan = plan::build(&loaded.course, &graph);
    emit(&render::topics_table(&plan), None)
}

fn import_command(
    files: &[PathBuf],
    from: &str,
    args: &CorpusArgs,
    dry_run: bool,
    into: Option<String>,
) -> Result<(), Failure> {
    let dir = args
        .topics
        .clone()
        .unwrap_or_else(|| PathBuf::from("topics"));
    if !dir.is_dir() {
        return Err(Failure {
            diagnostics: vec![Diagnostic::error(
                None,
                format!("no corpus folder {} to import into", dir.display()),
            )
            .with_help("run in the folder that holds topics/, or pass --topics DIR")],
            code: EXIT_USAGE,
        });
    }
    let options = import::Options {
        format: import::Format::parse(from).unwrap_or_default(),
        into,
        dry_run,
    };
    let mut stdout = std::io::stdout().lock();
    match import::run(&dir, files, &options) {
        Ok(report) => {
            let mut stderr = std::io::stderr().lock();
            for d in &report.warnings {
                let _ = writeln!(stderr, "{d}");
            }
            if dry_run {
                let _ = write!(stdout, "{}", report.table());
            }
            for path in &report.written {
                let _ = writeln!(stdout, "wrote {}", path.display());
            }
            let _ = writeln!(stdout, "{}", report.summary());
            Ok(())
        }
        Err(import::ImportError::Usage(d)) => Err(Failure {
            diagnostics: vec![d],
            code: EXIT_USAGE,
        }),
        Err(import::ImportError::Invalid(found)) => {
            let _ = writeln!(stdout, "{}", import::Report::default().summary());
            Err(Failure::from(found))
        }
    }
}

/// Load, plan and write the site; shared by `build` and every rebuild of `serve`.
fn build_site(
    corpus: &CorpusArgs,
    options: &PlanOptions,
    args: &SiteArgs,
) -> Result<site::Summary, Failure> {
    // Refuse a foreign --out before any work, so the message is the first thing the reader sees.
    site::check_out(&args.out)?;
    let prepared = prepare(corpus, options, false)?;
    let templates = Templates::load(args.templates.as_deref())?;
    Ok(site::build(&prepared.plan, &templates, &args.out)?)
}

fn build_command(
    corpus: &CorpusArgs,
    options: &PlanOptions,
    args: &SiteArgs,
) -> Result<(), Failure> {
    let summary = build_site(corpus, options, args)?;
    println!(
        "wrote {} ({} pages, {} files, {} KiB)",
        args.out.display(),
        summary.pages,
        summary.files,
        summary.bytes.div_ceil(1024)
    );
    Ok(())
}

fn serve_command(
    corpus: CorpusArgs,
    options: PlanOptions,
    args: SiteArgs,
    port: u16,
) -> Result<(), Failure> {
    let topics = corpus
        .topics
        .clone()
        .or_else(|| Some(PathBuf::from("topics")).filter(|p| p.is_dir()));
    let mut watch: Vec<PathBuf> = topics.into_iter().collect();
    watch.extend(args.templates.clone());
    // A foreign --out is a mistake to report now, not on every rebuild.
    site::check_out(&args.out)?;
    let options_for_server = site::serve::Options {
        port,
        out: args.out.clone(),
        watch,
    };
    site::serve::serve(options_for_server, move || {
        build_site(&corpus, &options, &args)
            .map(|_| ())
            .map_err(|f| f.diagnostics)
    })?;
    Ok(())
}
