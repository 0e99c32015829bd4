//! `syllabus new`: start a course of one's own, empty or from links one already has.

use super::args::words;
use super::stdout;
use std::path::PathBuf;
use syllabus::error::Error;
use syllabus::import;
use syllabus::scaffold;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty)
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Start from these files of links: topics are proposed from their headings (or folders,
    /// categories, shared title words), links filed under them, the rest put in the inbox
    #[arg(long = "from", value_name = "FILE", num_args = 1..)]
    from: Vec<PathBuf>,
    /// The format of the --from files; auto finds it from the extension, then the content
    #[arg(long, value_name = "FORMAT", alias = "format", value_parser = words::<import::Format>(), default_value = "auto")]
    input_format: import::Format,
}

pub fn run(args: &Args) -> Result<(), Error> {
    let options = scaffold::Options {
        from: args.from.clone(),
        format: args.input_format,
    };
    let created = scaffold::create(&args.dir, &options)?;
    if let Some(report) = &created.report {
        super::warn(&report.warnings);
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
                writeln!(
                    out,
                    "topic {id}: {}",
                    syllabus::words::count(*links, "link")
                )?;
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
