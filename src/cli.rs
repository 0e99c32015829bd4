//! Arguments (clap) to library calls and results to output and exit codes: 0 ok, 1 invalid
//! corpus or input, 2 usage. No planning logic lives here.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use syllabus::corpus::{self, Loaded};
use syllabus::diagnostics::Diagnostic;
use syllabus::graph::Graph;
use syllabus::render::{self, Templates};
use syllabus::{import, output, plan, site};

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

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the staged plan
    Plan {
        #[command(flatten)]
        corpus: CorpusArgs,
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
        site: SiteArgs,
    },
    /// Build the site, serve it on 127.0.0.1 and rebuild when topics or templates change
    Serve {
        #[command(flatten)]
        corpus: CorpusArgs,
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
            format,
            output,
            templates,
        } => plan_command(&corpus, format, output.as_deref(), templates.as_deref()),
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
        Command::Build { corpus, site } => build_command(&corpus, &site),
        Command::Serve { corpus, site, port } => serve_command(corpus, site, port),
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

fn plan_command(
    args: &CorpusArgs,
    format: PlanFormat,
    output: Option<&Path>,
    templates: Option<&Path>,
) -> Result<(), Failure> {
    let loaded = load(args)?;
    let graph = Graph::new(&loaded.course);
    let plan = plan::build(&loaded.course, &graph);
    let text = match format {
        PlanFormat::Markdown => render::markdown(&plan, &Templates::load(templates)?)?,
        PlanFormat::Json => render::json(&plan),
        PlanFormat::Html => site::standalone(&plan, &Templates::load(templates)?)?,
    };
    emit(&text, output)
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
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
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
fn build_site(corpus: &CorpusArgs, args: &SiteArgs) -> Result<site::Summary, Failure> {
    // Refuse a foreign --out before any work, so the message is the first thing the reader sees.
    site::check_out(&args.out)?;
    let loaded = load(corpus)?;
    let graph = Graph::new(&loaded.course);
    let plan = plan::build(&loaded.course, &graph);
    let templates = Templates::load(args.templates.as_deref())?;
    Ok(site::build(&plan, &templates, &args.out)?)
}

fn build_command(corpus: &CorpusArgs, args: &SiteArgs) -> Result<(), Failure> {
    let summary = build_site(corpus, args)?;
    println!(
        "wrote {} ({} pages, {} files, {} KiB)",
        args.out.display(),
        summary.pages,
        summary.files,
        summary.bytes.div_ceil(1024)
    );
    Ok(())
}

fn serve_command(corpus: CorpusArgs, args: SiteArgs, port: u16) -> Result<(), Failure> {
    let topics = corpus
        .topics
        .clone()
        .or_else(|| Some(PathBuf::from("topics")).filter(|p| p.is_dir()));
    let mut watch: Vec<PathBuf> = topics.into_iter().collect();
    watch.extend(args.templates.clone());
    // A foreign --out is a mistake to report now, not on every rebuild.
    site::check_out(&args.out)?;
    let options = site::serve::Options {
        port,
        out: args.out.clone(),
        watch,
    };
    site::serve::serve(options, move || {
        build_site(&corpus, &args)
            .map(|_| ())
            .map_err(|f| f.diagnostics)
    })?;
    Ok(())
}
