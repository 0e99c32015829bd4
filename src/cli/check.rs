//! `syllabus check`: validate the corpus and print every problem, warnings included; with
//! `--links`, check every URL over HTTP(S) too (see `crate::linkcheck`).

use super::args::CheckArgs;
use super::terminal::{written, LinkBar};
use super::{Kept, EXIT_PROBLEMS};
use crate::check::{self, Checked};
use crate::error::{Error, EXIT_OK};
use crate::linkcheck;

/// Problems go to standard output here, since they are the answer asked for; the exit code
/// says whether there were errors among them.
pub fn run(args: &CheckArgs, kept: &mut Kept) -> Result<i32, Error> {
    let source = args.corpus.source();
    let links = &args.links;
    let fix = links.fix.then(|| check::fixable(&source)).transpose()?;
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
        let bar = LinkBar::new();
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
