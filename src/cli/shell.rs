//! `syllabus completions SHELL` and `syllabus man`: shell completions and manual pages, both
//! generated from the one clap definition of the commands, so they cannot drift from it.

use super::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::path::PathBuf;
use syllabus::diagnostics::Diagnostic;
use syllabus::error::Error;

#[derive(clap::Args, Debug)]
#[command(after_help = "Install, for example:
  bash: syllabus completions bash > ~/.local/share/bash-completion/completions/syllabus
  zsh:  syllabus completions zsh > ~/.zfunc/_syllabus   (with fpath+=~/.zfunc before compinit)
  fish: syllabus completions fish > ~/.config/fish/completions/syllabus.fish
  powershell: syllabus completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Read it with `syllabus man | man -l -`, or install the pages with
`syllabus man --dir ~/.local/share/man/man1`."
)]
pub struct ManArgs {
    /// Write a page per command (syllabus.1, syllabus-plan.1, ...) into DIR, created if need be,
    /// instead of printing the main page
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs) -> Result<(), Error> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "syllabus", &mut out);
    let _ = std::io::stdout().lock().write_all(&out);
    Ok(())
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
            let _ = writeln!(
                std::io::stdout(),
                "wrote the manual pages into {}",
                dir.display()
            );
        }
        None => {
            let page = super::man::main_page(&command, &[])
                .map_err(|e| cannot("cannot render the manual page".into(), e))?;
            let _ = std::io::stdout().lock().write_all(&page);
        }
    }
    Ok(())
}
