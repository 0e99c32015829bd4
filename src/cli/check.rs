//! `syllabus check`: validate the corpus and print every problem, warnings included; with
//! `--links`, check every URL over HTTP(S) too (see `crate::linkcheck`).

use super::{written, CorpusArgs, Kept, EXIT_PROBLEMS};
use crate::check::{self, Checked};
use crate::error::{Error, EXIT_OK};
use crate::linkcheck::{self, Outcome};
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
pub fn run(args: &Args, kept: &mut Kept) -> Result<i32, Error> {
    let source = args.corpus.source();
    let links = &args.links;
    let fix = if links.fix {
        Some(check::fixable(&source)?)
    } else {
        None
    };
    let mut checked = Checked::new(&source);
    if links.links {
        let cache = links.cache.clone().unwrap_or_else(|| source.link_cache());
        let options = linkcheck::Options {
            timeout: links.timeout,
            max_age: links.max_age,
            host_pause: links.host_pause,
            jobs: usize::from(links.jobs),
            ..linkcheck::Options::default()
        };
        let bar = Progress::new();
        let tick = |done, total, url: &str, outcome: &_| bar.tick(done, total, url, outcome);
        checked.links(&cache, &options, fix, &tick);
        bar.finish();
    }
    // Coloured as on standard error: `anstream` keeps the colours only on a terminal.
    written(checked.write_report(&mut anstream::stdout().lock()))?;
    let code = if checked.errors() > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    };
    kept.keep(checked);
    Ok(code)
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
                let line = check::progress_line(done, total, url, outcome);
                let _ = writeln!(std::io::stderr(), "{line}");
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
