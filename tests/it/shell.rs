//! `syllabus completions`: generated from the clap definition, so they name every command; the
//! bash script is valid bash. (`syllabus man` is tested in `man.rs`.)

use crate::common::{stderr, stdout, syllabus};
use std::io::Write;
use std::process::{Command, Stdio};

const COMMANDS: &[&str] = &[
    "new",
    "plan",
    "check",
    "graph",
    "topics",
    "done",
    "undo",
    "next",
    "why",
    "import",
    "build",
    "serve",
    "completions",
    "man",
];

/// Runs `program args` with `input` on standard input; `None` when the program is not installed.
fn pipe(program: &str, args: &[&str], input: &str) -> Option<std::process::Output> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Some(child.wait_with_output().unwrap())
}

/// What the completion script asks at a Tab: `syllabus` run with `SYLLABUS_COMPLETE` set and
/// the words typed so far (the fish protocol: the last word is the one to complete), from `dir`.
fn complete_in(dir: &std::path::Path, words: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .env("SYLLABUS_COMPLETE", "fish")
        .arg("--")
        .arg("syllabus")
        .args(words)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

fn complete(words: &[&str]) -> Vec<String> {
    complete_in(&crate::common::root(), words)
}

#[test]
fn each_shell_gets_a_script_that_asks_syllabus() {
    for shell in ["bash", "elvish", "fish", "powershell", "zsh"] {
        let out = syllabus(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains("SYLLABUS_COMPLETE"), "{shell}: {script}");
        assert!(script.contains("syllabus"), "{shell}");
    }
    let bash = stdout(&syllabus(&["completions", "bash"]));
    if let Some(out) = pipe("bash", &["-n"], &bash) {
        assert!(
            out.status.success(),
            "bash -n: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The shells listed in `--help` are exactly those accepted.
    let help = stdout(&syllabus(&["--help"]));
    assert!(
        help.contains("completion script (bash, elvish, fish, powershell, zsh)"),
        "{help}"
    );
    let out = syllabus(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completion_names_every_command_and_their_options() {
    let commands = complete(&[""]);
    for command in COMMANDS {
        assert!(
            commands.iter().any(|c| c == command),
            "`{command}` missing: {commands:?}"
        );
    }
    // The shared plan options, in every planning command.
    for command in ["plan", "next", "why", "build", "serve"] {
        let options = complete(&[command, "--"]);
        assert!(
            options.iter().any(|o| o == "--hours-per-week"),
            "{command}: {options:?}"
        );
    }
    // Hidden aliases are not offered.
    let options = complete(&["build", "--"]);
    assert!(options.iter().any(|o| o == "--output"), "{options:?}");
    assert!(!options.iter().any(|o| o == "--out"), "{options:?}");
}

#[test]
fn completion_offers_the_ids_of_the_corpus() {
    // The shipped course, read from ./topics as the command would.
    let targets = complete(&["plan", "--target", "raft"]);
    assert!(targets.iter().any(|t| t == "raft"), "{targets:?}");
    assert!(
        targets.iter().any(|t| t == "raft-paper"),
        "a link: {targets:?}"
    );
    assert!(targets.iter().all(|t| t.starts_with("raft")), "{targets:?}");
    // `--known` takes topics only.
    let known = complete(&["plan", "--known", "raft"]);
    assert!(known.iter().any(|t| t == "raft"), "{known:?}");
    assert!(!known.iter().any(|t| t == "raft-paper"), "{known:?}");
    for words in [
        &["why", "raft-p"][..],
        &["done", "raft-p"],
        &["next", "--skip", "raft-p"],
    ] {
        let ids = complete(words);
        assert!(ids.iter().any(|t| t == "raft-paper"), "{words:?}: {ids:?}");
    }
    // Another corpus folder here: its ids, not the shipped course's.
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir(&topics).unwrap();
    for entry in std::fs::read_dir(crate::common::fixture("valid")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), topics.join(entry.file_name())).unwrap();
    }
    let ids = complete_in(dir.path(), &["why", ""]);
    assert!(ids.iter().any(|t| t == "time"), "{ids:?}");
    assert!(!ids.iter().any(|t| t == "raft-paper"), "{ids:?}");
}

/// The value enums (`--level`, `--kinds`, `import --from`) complete to their values: bash, asked
/// as it would be at a prompt, answers with exactly the words the option accepts.
#[test]
fn bash_completes_the_values_of_an_option() {
    let script = stdout(&syllabus(&["completions", "bash"]));
    // The script calls `syllabus` from PATH, as an installed one would be.
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_syllabus"))
        .parent()
        .unwrap()
        .display()
        .to_string();
    // The words as bash would have split the line, the cursor in the last one.
    let complete = |words: &[&str]| {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let input = format!(
            "PATH='{bin}':\"$PATH\"\n{script}\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_clap_complete_syllabus syllabus {} {}\nprintf '%s ' \"${{COMPREPLY[@]}}\"\n",
            quoted.join(" "),
            words.len() - 1,
            quoted[words.len() - 1],
            quoted[words.len() - 2],
        );
        pipe("bash", &[], &input).map(|out| stdout(&out).trim().to_string())
    };
    let Some(levels) = complete(&["syllabus", "plan", "--level", ""]) else {
        return; // no bash here
    };
    assert_eq!(levels, "intro intermediate advanced");
    assert_eq!(
        complete(&["syllabus", "next", "--kinds", "pr"]).unwrap(),
        "project practice"
    );
    assert_eq!(
        complete(&["syllabus", "import", "--input-format", "b"]).unwrap(),
        "bluesky bookmarks bibtex"
    );
    // Ids from the corpus (the shipped course, ./topics here).
    assert_eq!(
        complete(&["syllabus", "why", "raft-p"]).unwrap(),
        "raft-paper"
    );
}
