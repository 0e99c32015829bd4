//! `syllabus completions` and `syllabus man`: generated from the clap definition, so they name
//! every command; the bash script is valid bash and the man page valid roff.

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

#[test]
fn the_man_page_is_roff_with_every_command() {
    let out = syllabus(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH syllabus 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} missing");
    }
    for command in COMMANDS {
        assert!(
            page.contains(&format!("syllabus\\-{command}(1)")),
            "`{command}` missing"
        );
    }
    // groff is the reference reader of man pages: no warnings, and the text comes out.
    if let Some(out) = pipe("groff", &["-man", "-Tutf8", "-ww"], &page) {
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warns");
        // grotty overstrikes bold (`N\x08N`): keep what follows each backspace.
        let mut text = String::new();
        for c in String::from_utf8_lossy(&out.stdout).chars() {
            match c {
                '\u{8}' => {
                    text.pop();
                }
                c => text.push(c),
            }
        }
        assert!(text.contains("SUBCOMMANDS"), "{text}");
        assert!(text.contains("syllabus-plan(1)"), "{text}");
    }

    let dir = tempfile::tempdir().unwrap();
    let out = syllabus(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plan = std::fs::read_to_string(dir.path().join("syllabus-plan.1")).unwrap();
    assert!(plan.contains("hours\\-per\\-week"), "{plan}");
    assert!(dir.path().join("syllabus.1").is_file());

    // A folder that cannot be written is an I/O failure: exit 1 (not 2, the command line is
    // fine), the error and its fix on standard error, nothing on standard output.
    let file = dir.path().join("syllabus.1");
    let out = syllabus(&["man", "--dir", file.join("man1").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: cannot write the pages into {}: ",
            file.join("man1").display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with("  help: check that the folder exists and is writable\n"),
        "{err}"
    );
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
