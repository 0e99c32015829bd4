//! `syllabus build` and `syllabus serve`: the course site, written once or previewed live.

use super::{emit, prepare, CorpusArgs, PlanArgs};
use crate::error::Error;
use crate::render::Templates;
use crate::site;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    options: PlanArgs,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 3000)]
    port: u16,
    #[command(flatten)]
    options: PlanArgs,
}

#[derive(clap::Args, Debug, Clone)]
struct SiteArgs {
    /// The site folder; replaced on each build, and refused if syllabus did not write it
    #[arg(long, short, value_name = "DIR", default_value = "site", alias = "out")]
    output: PathBuf,
    /// Also write plan.md and plan.json beside the pages, linked from every page
    #[arg(long)]
    data: bool,
    /// Folder of templates overriding the built-in ones (site/*.html.j2, site/style.css, ...)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// Load, plan and write the site; shared by `build` and every rebuild of `serve`.
fn build_site(
    corpus: &CorpusArgs,
    options: &PlanArgs,
    args: &SiteArgs,
) -> Result<site::Summary, Error> {
    // Refuse a foreign --output before any work, so the message is the first thing the reader
    // sees.
    site::check_out(&args.output).map_err(Error::invalid)?;
    let (syllabus, choices) = prepare(corpus, options)?;
    let planned = syllabus.plan(&choices)?;
    super::warn(&planned.warnings);
    let templates = Templates::load(args.templates.as_deref())?;
    let extras = site::Extras { data: args.data };
    // Writing the site is what can fail here, once the templates loaded.
    site::build(&planned.plan, &templates, &args.output, extras).map_err(Error::io)
}

pub fn build(args: &BuildArgs) -> Result<(), Error> {
    let summary = build_site(&args.corpus, &args.options, &args.site)?;
    let text = format!(
        "wrote {} ({} pages, {} files, {} KiB)\n",
        args.site.output.display(),
        summary.pages,
        summary.files,
        summary.bytes.div_ceil(1024)
    );
    emit(&text, None)
}

pub fn serve(args: ServeArgs) -> Result<(), Error> {
    let ServeArgs {
        corpus,
        options,
        site: site_args,
        port,
    } = args;
    let source = corpus.source();
    let mut watch: Vec<PathBuf> = source.folder().map(PathBuf::from).into_iter().collect();
    watch.extend(site_args.templates.clone());
    // A foreign --output is a mistake to report now, not on every rebuild.
    site::check_out(&site_args.output).map_err(Error::invalid)?;
    let server = site::serve::Options {
        port,
        out: site_args.output.clone(),
        watch,
    };
    site::serve::serve(server, move || {
        build_site(&corpus, &options, &site_args)
            .map(|_| ())
            .map_err(Error::into_diagnostics)
    })
    .map_err(Error::io)
}
