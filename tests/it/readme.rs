//! README.md's examples are run and compared, so they stay true.
//!
//! Every ```console block is a session: a line `$ COMMAND` runs `COMMAND`, and the lines up to
//! the next `$ ` are what it prints (standard error, then standard output). A line `...` in
//! the expected text stands for any number of lines, to keep examples short. A command is
//! `syllabus ARGS` or `cargo run --release -- ARGS` (both run the binary under test), optionally
//! after `cd DIR && ` and before `| head -N` or `| tail -N`. Each block runs in a fresh temporary copy of `topics/` and
//! `tests/fixtures/`, so commands that write (`done`, `build`, `new`) touch nothing here.
//! Blocks that are not to be run (install commands) are ```sh.

use crate::common::root;
use std::path::Path;
use std::process::Command;

struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
}

fn blocks(readme: &str) -> Vec<Vec<Example>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<Example>> = None;
    for (i, line) in readme.lines().enumerate() {
        match (&mut current, line) {
            (None, "```console") => current = Some(Vec::new()),
            (Some(_), "```") => out.push(current.take().unwrap()),
            (Some(examples), line) => match line.strip_prefix("$ ") {
                Some(command) => examples.push(Example {
                    line: i + 1,
                    command: command.to_string(),
                    expected: Vec::new(),
                }),
                None => examples
                    .last_mut()
                    .unwrap_or_else(|| panic!("README.md:{}: output before any `$ `", i + 1))
                    .expected
                    .push(line.to_string()),
            },
            _ => {}
        }
    }
    assert!(
        current.is_none(),
        "README.md: a ```console block is not closed"
    );
    out
}

/// `expected` (with `...` lines) matches `actual`.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e == "..." => (0..=actual.len()).any(|i| matches(rest, &actual[i..])),
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| a == e && matches(rest, more)),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn run(dir: &Path, example: &Example) -> String {
    let (cwd, command) = match example.command.split_once(" && ") {
        Some((cd, rest)) => {
            let to = cd
                .strip_prefix("cd ")
                .expect("only `cd DIR && ` may come first");
            (dir.join(to), rest)
        }
        None => (dir.to_path_buf(), example.command.as_str()),
    };
    // `| head -N` and `| tail -N` keep a long output short, as in a shell.
    let (command, filter) = match command.split_once(" | ") {
        Some((c, f)) => (c, Some(f)),
        None => (command, None),
    };
    let args = command
        .strip_prefix("syllabus ")
        .or_else(|| command.strip_prefix("cargo run --release -- "))
        .unwrap_or_else(|| panic!("README.md:{}: not a syllabus command", example.line));
    let out = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args.split_whitespace())
        .current_dir(cwd)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stdout = match filter.map(|f| f.split_once(" -").expect("`head -N` or `tail -N`")) {
        None => stdout.to_string(),
        Some((which, n)) => {
            let n: usize = n.parse().expect("a line count");
            let lines: Vec<&str> = stdout.lines().collect();
            let kept = match which {
                "head" => &lines[..n.min(lines.len())],
                "tail" => &lines[lines.len().saturating_sub(n)..],
                other => panic!("README.md:{}: cannot pipe into `{other}`", example.line),
            };
            kept.iter().map(|l| format!("{l}\n")).collect()
        }
    };
    format!("{}{stdout}", String::from_utf8_lossy(&out.stderr))
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks = blocks(&readme);
    assert!(
        blocks.len() >= 10,
        "README.md has {} console blocks",
        blocks.len()
    );
    let mut stale = Vec::new();
    for block in &blocks {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root().join("topics"), &dir.path().join("topics"));
        copy_dir(
            &root().join("tests/fixtures"),
            &dir.path().join("tests/fixtures"),
        );
        for example in block {
            let actual = run(dir.path(), example);
            let lines: Vec<&str> = actual.lines().collect();
            if !matches(&example.expected, &lines) {
                stale.push(format!(
                    "README.md:{}: `{}` printed:\n{actual}",
                    example.line, example.command
                ));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale README examples:\n\n{}",
        stale.join("\n")
    );
}

#[test]
fn an_elision_matches_any_lines_and_nothing_else_does() {
    let e = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "...", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a", "...", "d"]), &["a", "d"]));
    assert!(matches(&e(&["a", "..."]), &["a", "b"]));
    assert!(!matches(&e(&["a", "...", "d"]), &["a", "b", "c"]));
    assert!(!matches(&e(&["a", "b"]), &["a", "b", "c"]));
}
