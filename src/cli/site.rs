//! `syllabus build` and `syllabus serve`: the course site, written once or previewed live.

use super::{emit, prepare, CorpusArgs, PlanOptions};
use std::path::PathBuf;
use syllabus::error::Error;
use syllabus::render::Templates;
use syllabus::site;

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    options: PlanOptions,
    #[command(flatten)]
    site: SiteArgs,
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    options: PlanOptions,
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 3000)]
    port: u16,
}

#[derive(clap::Args, Debug, Clone)]
struct SiteArgs {
    /// The site folder; replaced on each build, and refused if syllabus did not write it
    #[arg(long, value_name = "DIR", default_value = "site")]
    out: PathBuf,
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
    options: &PlanOptions,
    args: &SiteArgs,
) -> Result<site::Summary, Error> {
    // Refuse a foreign --out before any work, so the message is the first thing the reader sees.
    site::check_out(&args.out)?;
    let prepared = prepare(corpus, options, false)?;
    let (plan, _) = prepared.plan()?;
    let templates = Templates::load(args.templates.as_deref())?;
    let extras = site::Extras { data: args.data };
    Ok(site::build(&plan, &templates, &args.out, extras)?)
}

pub fn build(args: &BuildArgs) -> Result<(), Error> {
    let summary = build_site(&args.corpus, &args.options, &args.site)?;
    let text = format!(
        "wrote {} ({} pages, {} files, {} KiB)\n",
        args.site.out.display(),
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
    let topics = corpus
        .topics
        .clone()
        .or_else(|| Some(PathBuf::from("topics")).filter(|p| p.is_dir()));
    let mut watch: Vec<PathBuf> = topics.into_iter().collect();
    watch.extend(site_args.templates.clone());
    // A foreign --out is a mistake to report now, not on every rebuild.
    site::check_out(&site_args.out)?;
    let server = site::serve::Options {
        port,
        out: site_args.out.clone(),
        watch,
    };
    site::serve::serve(server, move || {
        build_site(&corpus, &options, &site_args)
            .map(|_| ())
            .map_err(Error::into_diagnostics)
    })?;
    Ok(())
}
