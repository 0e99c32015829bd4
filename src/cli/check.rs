//! `syllabus check`: validate the corpus and print every problem, warnings included; with
//! `--links`, check every URL over HTTP(S) too (see `crate::linkcheck`).

use super::{written, CorpusArgs, EXIT_PROBLEMS};
use crate::corpus;
use crate::diagnostics::Diagnostic;
use crate::error::{Error, EXIT_OK};
use crate::linkcheck::{self, Outcome};
use crate::words::count;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

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
    /// Rewrite what the check confirmed in the topic files: permanent redirects, http->https
    /// upgrades, and truncated URLs (url_status = "truncated"), set to the address their text
    /// before the cut answered at, the mark removed
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

/// Problems go to standard output here, since they are the answer asked for; the exit code
/// says whether there were errors among them.
pub fn run(args: &Args) -> Result<i32, Error> {
    let source = args.corpus.source();
    let dir = source.folder();
    let (sources, notes) = match source.read() {
        Ok((sources, notes)) => (Ok(sources), notes),
        Err(e) => (Err(e.into_diagnostics()), Vec::new()),
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
        diagnostics.extend(crate::import::same_works(course));
    }
    diagnostics.splice(0..0, notes);
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
            .unwrap_or_else(|| source.link_cache());
        let options = linkcheck::Options {
            timeout: args.links.timeout,
            max_age: args.links.max_age,
            host_pause: args.links.host_pause,
            jobs: usize::from(args.links.jobs),
            ..linkcheck::Options::default()
        };
        let fix = if args.links.fix { dir } else { None };
        let bar = Progress::new();
        let ran = linkcheck::run(
            course,
            &path,
            &options,
            fix,
            &|done, total, url, outcome| bar.tick(done, total, url, outcome),
        );
        bar.finish();
        match ran {
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
    // Link and same-work problems get their lines from the files read above, as the corpus's
    // have: printing reads nothing again.
    if let Ok(sources) = &sources {
        crate::diagnostics::attach_lines(&mut diagnostics, |p| corpus::source_text(sources, p));
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
    // Coloured as on standard error: `anstream` keeps the colours only on a terminal.
    let mut out = anstream::stdout().lock();
    let mut report = || -> std::io::Result<()> {
        super::print_diagnostics(&mut out, &diagnostics)?;
        for note in &notes {
            writeln!(out, "{note}")?;
        }
        writeln!(
            out,
            "checked {what}: {}, {}",
            count(errors, "error"),
            count(warnings, "warning")
        )?;
        out.flush()
    };
    written(report())?;
    Ok(if errors > 0 { EXIT_PROBLEMS } else { EXIT_OK })
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
                let _ = writeln!(std::io::stderr(), "{}", crate::output::printable(&line));
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
