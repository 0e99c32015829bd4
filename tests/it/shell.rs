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

#[test]
fn completions_name_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = syllabus(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell}: `{command}` missing");
        }
        // Options of a subcommand, not only the names.
        assert!(script.contains("hours-per-week"), "{shell}");
    }
    let bash = stdout(&syllabus(&["completions", "bash"]));
    assert!(bash.contains("complete -F _syllabus"), "{bash}");
    if let Some(out) = pipe("bash", &["-n"], &bash) {
        assert!(
            out.status.success(),
            "bash -n: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = syllabus(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The value enums (`--level`, `--kinds`, `import --from`) complete to their values: bash, asked
/// as it would be at a prompt, answers with exactly the words the option accepts.
#[test]
fn bash_completes_the_values_of_an_option() {
    let script = stdout(&syllabus(&["completions", "bash"]));
    // The words as bash would have split the line, the cursor in the last one.
    let complete = |words: &[&str]| {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let input = format!(
            "{script}\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_syllabus syllabus {} {}\necho \"${{COMPREPLY[*]}}\"\n",
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
        complete(&["syllabus", "import", "--from", "b"]).unwrap(),
        "bluesky bookmarks bibtex"
    );
}
