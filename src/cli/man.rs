//! The manual pages of `syllabus man`: the synopsis and options of each command come from the
//! clap definition (through clap_mangen), so they cannot drift from `--help`; the sections clap
//! knows nothing about (description, commands, exit status, files, environment, examples) are
//! written here. A page refers only to pages that are written beside it: `syllabus man` prints
//! one page, which names the commands without page references; `--dir` writes a page per command
//! and the main page's SEE ALSO lists exactly those.

use clap::Command;
use clap_mangen::Man;
use roff::{bold, italic, roman, Inline, Roff};
use std::io;
use std::path::{Path, PathBuf};

/// The main page's DESCRIPTION: what the tool is for, beyond the one line of NAME.
const DESCRIPTION: [&str; 3] = [
    "reads a corpus of links (blog posts, papers, talks, exercises and projects), a folder \
     holding course.toml and one TOML file per topic, builds the graph of their prerequisites, \
     orders it into stages and renders the study plan as Markdown, JSON, iCalendar, a graph or a \
     static course site. It also validates the corpus and checks its links, imports links from \
     reading lists, feeds and bookmarks, follows a Bluesky feed, and records what you have read.",
    "Every command reads the corpus from --topics DIR; without it, from ./topics when that folder \
     exists, else from the course built into the binary, so an installed syllabus works from any \
     folder. Errors name the file, line and column, what is wrong and how to fix it.",
    "Each command's options are in syllabus COMMAND --help, and in the page per command that \
     syllabus man --dir DIR writes.",
];

/// (code, meaning), as `src/error.rs` maps errors to codes.
const EXIT_STATUS: [(&str, &str); 3] = [
    ("0", "Success (warnings alone do not change it)."),
    (
        "1",
        "Invalid corpus or input: an error in a topic file, course.toml, a profile, progress \
         file or imported file; a dead link found by check --links; a file that cannot be read \
         or written.",
    ),
    (
        "2",
        "Usage: an unknown command or option, a value an option does not take, an id that names \
         no topic or link, new into a folder that is not empty.",
    ),
];

/// (path, what it is), relative to the folder syllabus runs in.
const FILES: [(&str, &str); 7] = [
    (
        "topics/",
        "The corpus: course.toml (title, description, stages, the [feed] to sync) and one \
         TOPIC-ID.toml per topic with its [[link]] tables. Links import could not place wait in \
         topics/inbox.toml.",
    ),
    (
        "topics/course.toml",
        "The course: its title, description and stages in reading order.",
    ),
    (
        "progress.toml",
        "What you have read (done = [\"link-id\", ...]), written by done and undo and read by \
         every command that plans (--progress FILE names another).",
    ),
    (
        ".syllabus/links.json",
        "The cache of check --links, beside the corpus folder (--cache FILE names another): each \
         URL's last result and when it was found.",
    ),
    (
        ".syllabus/sync.json",
        "How far sync has read each feed; commit it with topics/ so that the next run reads only \
         what is new.",
    ),
    (
        "site/",
        "The course site written by build and served by serve (--output DIR names another); marked \
         by a .syllabus-site file, without which a folder is never replaced.",
    ),
    (
        "topics/.syllabus-journal-PID",
        "Left only by a write that was interrupted; the next command that opens the corpus \
         finishes it, so the corpus is all old or all new.",
    ),
];

/// (variable, effect): what the binary reads from its environment (through its libraries too).
const ENVIRONMENT: [(&str, &str); 5] = [
    (
        "NO_COLOR",
        "When set and not empty, errors and warnings are plain text even on a terminal.",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not empty, errors and warnings are coloured even when piped.",
    ),
    (
        "CLICOLOR, TERM",
        "CLICOLOR=0 or TERM=dumb turns colours off on a terminal.",
    ),
    (
        "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
        "The proxy check --links and sync go through, and the hosts they reach directly \
         (lower-case names are read too).",
    ),
    (
        "SYLLABUS_TEST_RENAME_PAUSE_MS",
        "For the test suite only: a pause between the renames of a write, to interrupt it. Do \
         not set it.",
    ),
];

/// (command, what it does).
const EXAMPLES: [(&str, &str); 9] = [
    (
        "syllabus plan",
        "Print the staged plan of ./topics (else the built-in course) as Markdown.",
    ),
    (
        "syllabus plan --target raft --hours-per-week 4 --start 2025-09-01",
        "Only what the topic raft needs, scheduled week by week at 4 hours a week.",
    ),
    (
        "syllabus check && syllabus check --links",
        "Validate the corpus, then ask every link's server whether it is still there.",
    ),
    (
        "syllabus done how-to-read && syllabus next",
        "Mark every link of a topic as read, then list what can be read now.",
    ),
    (
        "syllabus new my-course --from bookmarks.html",
        "Start a course of your own from links you have; topics are proposed from their folders.",
    ),
    (
        "syllabus import reading-list.md --dry-run",
        "Show which topic each new link would go to, writing nothing.",
    ),
    (
        "syllabus build && syllabus serve",
        "Write the course site into site/, then preview it on http://127.0.0.1:3000/.",
    ),
    (
        "syllabus man --dir ~/.local/share/man/man1",
        "Install a manual page per command (the folder is created).",
    ),
    (
        "syllabus completions bash > ~/.local/share/bash-completion/completions/syllabus",
        "Install bash completions (create the folder first with mkdir -p).",
    ),
];

/// The commands of the main page in the order of `--help`, without clap's `help`.
fn commands(cmd: &Command) -> Vec<&Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect()
}

fn tagged(roff: &mut Roff, tag: Vec<Inline>, text: &str) {
    roff.control("TP", []).text(tag).text([roman(text)]);
}

fn heading(roff: &mut Roff, name: &str) {
    roff.control("SH", [name]);
}

/// The main page, `syllabus.1`. `pages`: the command pages written beside it, for SEE ALSO.
pub(super) fn main_page(cmd: &Command, pages: &[String]) -> io::Result<Vec<u8>> {
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    let mut roff = Roff::new();
    heading(&mut roff, "DESCRIPTION");
    roff.text([bold("syllabus"), roman(" "), roman(DESCRIPTION[0])]);
    for paragraph in &DESCRIPTION[1..] {
        roff.control("PP", []).text([roman(*paragraph)]);
    }
    roff.to_writer(&mut out)?;
    man.render_options_section(&mut out)?;

    let mut roff = Roff::new();
    heading(&mut roff, "COMMANDS");
    for sub in commands(cmd) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        tagged(
            &mut roff,
            vec![bold(format!("syllabus {}", sub.get_name()))],
            &about,
        );
    }
    heading(&mut roff, "EXIT STATUS");
    for (code, meaning) in EXIT_STATUS {
        tagged(&mut roff, vec![bold(code)], meaning);
    }
    heading(&mut roff, "FILES");
    for (path, what) in FILES {
        tagged(&mut roff, vec![italic(path)], what);
    }
    heading(&mut roff, "ENVIRONMENT");
    for (name, effect) in ENVIRONMENT {
        tagged(&mut roff, vec![bold(name)], effect);
    }
    heading(&mut roff, "EXAMPLES");
    for (command, what) in EXAMPLES {
        tagged(&mut roff, vec![bold(command)], what);
    }
    if !pages.is_empty() {
        heading(&mut roff, "SEE ALSO");
        let refs: Vec<Inline> = pages
            .iter()
            .enumerate()
            .flat_map(|(i, page)| {
                let sep = if i + 1 == pages.len() { "" } else { ", " };
                [bold(page.as_str()), roman(format!("(1){sep}"))]
            })
            .collect();
        roff.text(refs);
    }
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// A command's page: clap's synopsis and options, its long description when it has more to say
/// than the NAME line, its exit status and a reference to the main page written beside it.
fn command_page(sub: &Command) -> io::Result<Vec<u8>> {
    let man = Man::new(sub.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
    let long = sub
        .get_long_about()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let more = long.strip_prefix(about.as_str()).unwrap_or(&long).trim();
    let mut roff = Roff::new();
    if !more.is_empty() {
        heading(&mut roff, "DESCRIPTION");
        for (i, paragraph) in more.split("\n\n").enumerate() {
            if i > 0 {
                roff.control("PP", []);
            }
            roff.text([roman(paragraph.replace('\n', " "))]);
        }
    }
    roff.to_writer(&mut out)?;
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    let mut roff = Roff::new();
    if let Some(after) = sub.get_after_long_help().or_else(|| sub.get_after_help()) {
        heading(&mut roff, "NOTES");
        for (i, paragraph) in after.to_string().split("\n\n").enumerate() {
            if i > 0 {
                roff.control("PP", []);
            }
            // Line breaks are kept: notes are often one example per line.
            let lines: Vec<Inline> = paragraph
                .lines()
                .enumerate()
                .flat_map(|(j, line)| {
                    let brk = (j > 0).then(roff::line_break);
                    brk.into_iter().chain([roman(line)])
                })
                .collect();
            roff.text(lines);
        }
    }
    heading(&mut roff, "EXIT STATUS");
    roff.text([roman(
        "0 on success, 1 on an invalid corpus or input (or a file that cannot be read or \
         written), 2 on a usage error.",
    )]);
    heading(&mut roff, "SEE ALSO");
    roff.text([bold("syllabus"), roman("(1)")]);
    roff.to_writer(&mut out)?;
    Ok(out)
}

/// Writes `syllabus.1` and `syllabus-COMMAND.1` for each command into `dir`, creating it (and
/// its parents) if need be, each page replaced whole or not at all. Returns the files written,
/// the main page first.
pub(super) fn write_pages(cmd: Command, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut cmd = cmd.disable_help_subcommand(true);
    // Built, each command knows its display name (`syllabus-plan`) and its usage line.
    cmd.build();
    let mut pages = Vec::new();
    let mut written = Vec::new();
    for sub in commands(&cmd) {
        let name = sub
            .get_display_name()
            .unwrap_or_else(|| sub.get_name())
            .to_string();
        let path = dir.join(format!("{name}.1"));
        crate::output::write_atomic(&path, &command_page(sub)?)?;
        pages.push(name);
        written.push(path);
    }
    let path = dir.join("syllabus.1");
    crate::output::write_atomic(&path, &main_page(&cmd, &pages)?)?;
    written.insert(0, path);
    Ok(written)
}
