//! Shell completion, answered by the binary itself (clap_complete's dynamic completion): the
//! script `syllabus completions SHELL` prints asks `syllabus` for the candidates at each Tab,
//! so the ids after `--target`, `--known`, `--skip`, `why`, `done` and `undo` come from the
//! corpus, as cargo completes its targets from the workspace.

use super::args::{Cli, DEFAULT_TOPICS};
use crate::{CourseSource, Syllabus};
use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{CompleteEnv, Shells};
use std::ffi::OsStr;
use std::path::Path;

/// The variable the scripts set to ask for candidates; namespaced, as `COMPLETE` alone may
/// mean something else to another program in the same shell.
const VAR: &str = "SYLLABUS_COMPLETE";

/// When the shell asks for candidates (`SYLLABUS_COMPLETE=bash syllabus -- ...`), print them
/// and exit; otherwise return at once. Runs before anything is written to standard output.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(Cli::command).var(VAR).complete();
}

/// The script that registers the completion for `shell` (one of clap_complete's shells).
pub fn registration(shell: &str) -> std::io::Result<Vec<u8>> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell)
        .ok_or_else(|| std::io::Error::other(format!("no completion for the shell {shell}")))?;
    let mut out = Vec::new();
    completer.write_registration(VAR, "syllabus", "syllabus", "syllabus", &mut out)?;
    Ok(out)
}

/// Topic and link ids starting with `current`, each with its title.
pub fn ids(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, true)
}

/// Topic ids starting with `current` (`--known` takes topics only).
pub fn topics(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, false)
}

/// The completer sees only the word under the cursor, not `--topics DIR` earlier on the line:
/// it reads the corpus a command run here without `--topics` would (`./topics`, else the
/// built-in course). A corpus that does not load completes nothing.
fn candidates(current: &OsStr, links: bool) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let source = CourseSource::find(None, Path::new(DEFAULT_TOPICS));
    let Ok(syllabus) = Syllabus::load(&source) else {
        return Vec::new();
    };
    let course = &syllabus.course;
    let topics = course
        .topics
        .iter()
        .map(|t| (t.id.as_str(), t.title.as_str()));
    let link_ids = course
        .links()
        .filter(|_| links)
        .map(|l| (l.id.as_str(), l.title.as_str()));
    topics
        .chain(link_ids)
        .filter(|(id, _)| id.starts_with(current))
        .map(|(id, title)| {
            // A title is corpus text: printed into a terminal, it is made plain first.
            let help = crate::output::printable(title).into_owned();
            CompletionCandidate::new(id).help(Some(help.into()))
        })
        .collect()
}
