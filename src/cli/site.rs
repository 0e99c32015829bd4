//! `syllabus build` and `syllabus serve`: the course site, written once or previewed live.

use super::args::{BuildArgs, CorpusArgs, PlanOptions, ServeArgs, SiteArgs};
use super::prepare;
use super::terminal::{emit, warn};
use crate::error::Error;
use crate::site;
use std::path::PathBuf;

/// Load, plan and write the site; shared by `build` and every rebuild of `serve`.
fn build_site(
    corpus: &CorpusArgs,
    options: &PlanOptions,
    args: &SiteArgs,
) -> Result<site::Summary, Error> {
    // Refuse a foreign --output before any work, so the message is the first thing the reader
    // sees.
    site::check_out(&args.output).map_err(Error::invalid)?;
    let (syllabus, choices) = prepare(corpus, options)?;
    let planned = syllabus.plan(&choices)?;
    warn(&planned.warnings);
    let extras = site::Extras { data: args.data };
    planned.write_site(args.templates.as_deref(), &args.output, extras)
}

pub fn build(args: &BuildArgs) -> Result<(), Error> {
    let summary = build_site(&args.corpus, &args.options, &args.site)?;
    emit(
        &crate::answer::site_written(&args.site.output, &summary),
        None,
    )
}

pub fn serve(args: ServeArgs) -> Result<(), Error> {
    let ServeArgs {
        corpus,
        options,
        site: site_args,
        port,
    } = args;
    let mut watch: Vec<PathBuf> = corpus
        .source()
        .folder()
        .map(PathBuf::from)
        .into_iter()
        .collect();
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
            .map(drop)
            .map_err(Error::into_diagnostics)
    })
    .map_err(Error::io)
}
