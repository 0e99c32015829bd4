//! `syllabus new`: start a course of one's own, empty or from links one already has.

use std::io::Write;
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
    /// The format of the --from files [default: auto, from the extension and the content]
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = import::Format::Auto)]
    format: import::Format,
}

pub fn run(args: &Args) -> Result<(), Error> {
    let options = scaffold::Options {
        from: args.from.clone(),
        format: args.format,
    };
    let created = scaffold::create(&args.dir, &options)?;
    if let Some(report) = &created.report {
        super::warn(&report.warnings);
    }
    let mut stdout = std::io::stdout().lock();
    let dir = args.dir.display();
    for file in &created.files {
        let _ = writeln!(stdout, "wrote {dir}/{}", file.display());
    }
    if let Some(report) = &created.report {
        for (id, links) in &created.topics {
            let _ = writeln!(
                stdout,
                "topic {id}: {}",
                syllabus::words::count(*links, "link")
            );
        }
        let _ = writeln!(stdout, "{}", report.summary());
    }
    let _ = writeln!(
        stdout,
        "next: cd {dir} && syllabus check && syllabus plan{}",
        if created
            .report
            .as_ref()
            .is_some_and(|r| r.without_topic_count() > 0)
        {
            " (links without a topic wait in topics/inbox.toml)"
        } else {
            ""
        }
    );
    Ok(())
}
