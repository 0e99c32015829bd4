//! `syllabus completions SHELL` and `syllabus man`: shell completions and manual pages, both
//! generated from the one clap definition of the commands, so they cannot drift from it.

use super::args::{Cli, CompletionsArgs, ManArgs};
use super::terminal::stdout;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use clap::CommandFactory;

pub fn completions(args: &CompletionsArgs) -> Result<(), Error> {
    // The script asks `syllabus` itself at each Tab (see `complete.rs`), so it completes ids
    // from the corpus as well as the commands and options.
    let out = super::complete::registration(&args.shell.to_string()).map_err(|e| {
        Error::io(Diagnostic::error(
            None,
            format!("cannot write the completion script: {e}"),
        ))
    })?;
    stdout(|w| w.write_all(&out))
}

pub fn man(args: &ManArgs) -> Result<(), Error> {
    let command = Cli::command();
    let cannot = |what: String, e: std::io::Error| {
        Error::io(
            Diagnostic::error(None, format!("{what}: {e}"))
                .with_help("check that the folder can be created and written"),
        )
    };
    match &args.dir {
        Some(dir) => {
            super::man::write_pages(command, dir)
                .map_err(|e| cannot(format!("cannot write the pages into {}", dir.display()), e))?;
            stdout(|w| writeln!(w, "wrote the manual pages into {}", dir.display()))?;
        }
        None => {
            let page = super::man::main_page(&command, &[])
                .map_err(|e| cannot("cannot render the manual page".into(), e))?;
            stdout(|w| w.write_all(&page))?;
        }
    }
    Ok(())
}
