//! `syllabus new`: start a course of one's own, empty or from links one already has.

use super::args::words;
use super::stdout;
use crate::error::Error;
use crate::import;
use crate::scaffold;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty)
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Start from these files of links: the course is drafted from them (topics from their
    /// sections, or clusters of their text; prerequisites with reasons; stages), links filed
    /// under the topics, the rest put in the inbox
    #[arg(long = "from", value_name = "FILE", num_args = 1..)]
    from: Vec<PathBuf>,
    /// The format of the --from files; auto finds it from the extension, then the content
    #[arg(long, value_name = "FORMAT", alias = "format", value_parser = words::<import::Format>(), default_value = "auto")]
    input_format: import::Format,
    /// Learn prerequisites from this course (a course folder or its topics/ folder)
    /// [default: the built-in course, when the list is about its field]
    #[arg(
        long,
        value_name = "DIR",
        requires = "from",
        conflicts_with = "no_like"
    )]
    like: Option<PathBuf>,
    /// Learn prerequisites from no course, not even the built-in one
    #[arg(long, requires = "from")]
    no_like: bool,
    /// Print the proposed topics, prerequisites and stages; write nothing
    #[arg(long, requires = "from")]
    dry_run: bool,
    /// The address the lists are published at: their relative links (`papers/cap.pdf`) are
    /// resolved against it
    #[arg(long, value_name = "URL", value_parser = super::import::parse_base, requires = "from")]
    base: Option<url::Url>,
}

pub fn run(args: &Args) -> Result<(), Error> {
    let options = scaffold::Options {
        from: args.from.clone(),
        format: args.input_format,
        like: args.like.clone(),
        no_like: args.no_like,
        dry_run: args.dry_run,
        base: args.base.clone(),
    };
    let created = scaffold::create(&args.dir, &options)?;
    if let Some(report) = &created.report {
        super::warn(&report.warnings);
    }
    if args.dry_run {
        if let Some(draft) = &created.draft {
            let text = crate::draft::render::dry_run(draft, &created.topics);
            stdout(|w| {
                let mut out = crate::output::PrintableWriter::new(w);
                write!(out, "{text}")
            })?;
        }
        return stdout(|w| writeln!(w, "dry run: nothing written"));
    }
    let dir = args.dir.display();
    let waiting = created
        .report
        .as_ref()
        .is_some_and(|r| r.without_topic_count() > 0);
    stdout(|out| {
        for file in &created.files {
            writeln!(out, "wrote {dir}/{}", file.display())?;
        }
        if let Some(report) = &created.report {
            for (id, links) in &created.topics {
                writeln!(out, "topic {id}: {}", crate::words::count(*links, "link"))?;
            }
            writeln!(out, "{}", report.summary())?;
        }
        writeln!(
            out,
            "next: cd {dir} && syllabus check && syllabus plan{}",
            if waiting {
                " (links without a topic wait in topics/inbox.toml)"
            } else {
                ""
            }
        )
    })
}
