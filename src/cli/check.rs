//! `syllabus check`: validate the corpus and print every problem, warnings included; with
//! `--links`, check every URL over HTTP(S) too (see `syllabus::linkcheck`).

use super::{corpus_dir, CorpusArgs};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use syllabus::corpus;
use syllabus::diagnostics::Diagnostic;
use syllabus::error::Error;
use syllabus::linkcheck::{self, Cache, Outcome};
use syllabus::model::Course;
use syllabus::words::count;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    links: LinkArgs,
}

#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Link checking")]
struct LinkArgs {
    /// Check every URL over HTTP(S): dead links are errors, moved ones and timeouts warnings
    #[arg(long)]
    links: bool,
    /// Rewrite permanent redirects and http->https upgrades in the topic files
    #[arg(long, requires = "links")]
    fix: bool,
    /// Reuse cached successes younger than this (7d, 12h, 30m, 0s)
    #[arg(long, value_name = "AGE", default_value = "7d", value_parser = humantime::parse_duration)]
    max_age: Duration,
    /// The link cache [default: .syllabus/links.json beside the corpus folder]
    #[arg(long, value_name = "FILE")]
    cache: Option<PathBuf>,
    /// Give up on a request after this long
    #[arg(long, value_name = "TIME", default_value = "10s", value_parser = humantime::parse_duration)]
    timeout: Duration,
    /// Wait this long between two requests to one host
    #[arg(long, value_name = "TIME", default_value = "250ms", value_parser = humantime::parse_duration)]
    host_pause: Duration,
    /// Requests in flight at once (at most 2 to one host)
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    jobs: u16,
}

/// Problems go to standard output here, since they are the answer asked for; the error returned
/// for them carries none, so they are not printed twice.
pub fn run(args: &Args) -> Result<(), Error> {
    let dir = corpus_dir(&args.corpus);
    let (sources, notes) = match &dir {
        Some(dir) => match corpus::read_dir_noting(dir) {
            Ok((sources, notes)) => (Ok(sources), notes),
            Err(d) => (Err(vec![d]), Vec::new()),
        },
        None => (Ok(corpus::embedded_sources()), Vec::new()),
    };
    let loaded = sources
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|s| corpus::load(s));
    let (mut diagnostics, course) = match loaded {
        Ok(loaded) => (loaded.warnings, Some(loaded.course)),
        Err(diagnostics) => (diagnostics, None),
    };
    if let Some(course) = &course {
        diagnostics.extend(syllabus::import::same_works(course));
    }
    diagnostics.splice(0..0, notes);
    let mut stdout = anstream::stdout().lock();
    let mut notes = Vec::new();
    if let (Some(course), Ok(_), true) = (&course, &sources, args.links.links) {
        if args.links.fix && dir.is_none() {
            return Err(Error::usage(
                Diagnostic::error(
                    None,
                    "--fix rewrites topic files, and the built-in course has none",
                )
                .with_help("pass --topics DIR, or run it where ./topics is"),
            ));
        }
        let path = args
            .links
            .cache
            .clone()
            .unwrap_or_else(|| linkcheck::cache::default_path(dir.as_deref()));
        match check_links(course, dir.as_deref(), &path, &args.links) {
            Ok((found, summary)) => {
                diagnostics.extend(found);
                notes = summary;
            }
            Err(failure) => diagnostics.extend(failure),
        }
    }
    if args.links.links && course.is_none() {
        notes.push(
            "links: not checked, since the corpus does not load; fix the errors above first".into(),
        );
    }
    super::print_diagnostics(&mut stdout, &diagnostics);
    for note in &notes {
        let _ = writeln!(stdout, "{note}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let what = match &course {
        Some(c) => format!(
            "{}, {}",
            count(c.topics.len(), "topic"),
            count(c.links().count(), "link")
        ),
        None => "the corpus".to_string(),
    };
    let _ = writeln!(
        stdout,
        "checked {what}: {}, {}",
        count(errors, "error"),
        count(warnings, "warning")
    );
    if errors > 0 {
        Err(Error::Invalid(Vec::new()))
    } else {
        Ok(())
    }
}

/// Ask every URL (or take it from the cache), save the cache, apply `--fix`. Returns the link
/// diagnostics and the lines that say what was done.
fn check_links(
    course: &Course,
    dir: Option<&Path>,
    cache_path: &Path,
    args: &LinkArgs,
) -> Result<(Vec<Diagnostic>, Vec<String>), Vec<Diagnostic>> {
    let old = Cache::load(cache_path).map_err(|d| vec![d])?;
    let options = linkcheck::Options {
        timeout: args.timeout,
        max_age: args.max_age,
        host_pause: args.host_pause,
        jobs: usize::from(args.jobs),
        ..linkcheck::Options::default()
    };
    let bar = Progress::new();
    let checked = linkcheck::check(course, &old, &options, &|done, total, url, outcome| {
        bar.tick(done, total, url, outcome)
    });
    bar.finish();
    let links = linkcheck::links_of(course);
    let found = linkcheck::diagnostics(&links, &checked, args.timeout.as_millis() as u64);
    let mut cache = linkcheck::updated_cache(course, &old, &checked);
    let mut notes = vec![format!(
        "links: {}, {} asked now, {} fresh in the cache ({})",
        count(checked.outcomes.len(), "URL"),
        checked.asked(),
        checked.cached.len(),
        cache_path.display()
    )];
    let mut found = found;
    if let (true, None, Some(dir)) = (args.fix, &checked.offline, dir) {
        // A refused fix is reported with what the check found, and the results are kept.
        match fix(&links, &checked, dir, &mut cache) {
            Ok((note, recovered)) => {
                found.extend(recovered);
                notes.push(note);
            }
            Err(refused) => found.extend(refused),
        }
    }
    if let Err(d) = cache.save(cache_path) {
        found.push(d);
    }
    Ok((found, notes))
}

/// Rewrite what the check confirmed, all files or none, under the corpus lock; the new URLs go
/// into the cache as alive, since they just answered.
fn fix(
    links: &[&syllabus::model::Link],
    checked: &linkcheck::Checked,
    dir: &Path,
    cache: &mut Cache,
) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let fixes: Vec<_> = links
        .iter()
        .filter_map(|l| {
            let outcome = checked.outcomes.get(l.url.as_str())?;
            linkcheck::fix_for(l, outcome).map(|f| (*l, f))
        })
        .collect();
    if fixes.is_empty() {
        return Ok(("--fix: nothing to rewrite".into(), Vec::new()));
    }
    let (changed, recovered) = linkcheck::fix::apply(dir, &fixes)?;
    for (_, f) in &fixes {
        let alive = Outcome::Alive {
            status: 200,
            moved: None,
            https: None,
        };
        cache.links.insert(
            f.to.clone(),
            linkcheck::cache::Entry {
                checked: linkcheck::cache::now(),
                outcome: alive,
            },
        );
    }
    let files: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
    let note = format!(
        "--fix: rewrote {} in {}: {}",
        count(fixes.len(), "URL"),
        count(files.len(), "file"),
        files.join(", ")
    );
    Ok((note, recovered))
}

/// A bar on a terminal; a plain line per URL otherwise, for logs.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar }
    }

    fn tick(&self, done: usize, total: usize, url: &str, outcome: &Outcome) {
        match &self.bar {
            Some(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                bar.set_message(url.to_string());
            }
            None => {
                let line = format!("[{done}/{total}] {}: {url}", outcome.short());
                let _ = writeln!(std::io::stderr(), "{}", syllabus::output::printable(&line));
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
