//! README.md's examples are run and compared, so they stay true.
//!
//! Every ```console block is a session: a line `$ COMMAND` runs `COMMAND`, and the lines up to
//! the next `$ ` are what it prints (standard error, then standard output). A line `...` in
//! the expected text stands for any number of lines, to keep examples short. A command is
//! `syllabus ARGS` or `cargo run --release -- ARGS` (both run the binary under test), optionally
//! after `cd DIR && ` and before `| head -N` or `| tail -N`. Each block runs in a fresh temporary copy of `topics/` and
//! `tests/fixtures/`, so commands that write (`done`, `build`, `new`) touch nothing here.
//! Blocks that are not to be run (install commands) are ```sh.

use crate::common::{number, root};
use std::collections::BTreeSet;
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

/// The number just before `after` in the README (which must hold `after` exactly once).
fn figure(readme: &str, after: &str) -> usize {
    let found: Vec<usize> = readme.match_indices(after).map(|(i, _)| i).collect();
    assert_eq!(found.len(), 1, "README.md: `{after}` {} times", found.len());
    let word = readme[..found[0]].split_whitespace().last().unwrap_or("");
    let word = word.trim_start_matches(['(', '`', '*']);
    number(word).unwrap_or_else(|| panic!("README.md: `{word}` before `{after}` is no number"))
}

/// The shipped course's links, from the plan's JSON (run from the root, so `./topics`).
fn course_links() -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(["plan", "--format", "json"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut links = Vec::new();
    for stage in plan["stages"].as_array().unwrap() {
        for topic in stage["topics"].as_array().unwrap() {
            links.extend(topic["links"].as_array().unwrap().iter().cloned());
        }
    }
    links
}

#[test]
fn every_figure_about_the_course_and_the_build_is_the_tools() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let links = course_links();
    let core: Vec<&serde_json::Value> = links.iter().filter(|l| l["optional"] == false).collect();
    let practice: Vec<&&serde_json::Value> = core
        .iter()
        .filter(|l| l["kind"] == "exercise" || l["kind"] == "project")
        .collect();
    assert_eq!(
        figure(
            &readme,
            " core exercises and projects, each with a deliverable"
        ),
        practice.len()
    );
    let minutes = |ls: &mut dyn Iterator<Item = &serde_json::Value>| -> u64 {
        ls.map(|l| l["minutes"].as_u64().unwrap()).sum()
    };
    let practice_minutes = minutes(&mut practice.iter().map(|l| **l));
    assert!(readme.contains("Practice is more than half of it."));
    assert!(2 * practice_minutes > minutes(&mut core.iter().copied()));
    let truncated = links.iter().filter(|l| l["url_status"] == "truncated");
    assert_eq!(
        figure(&readme, " feed URL stays truncated"),
        truncated.count()
    );

    // The offline `check --links` of the shipped course: its hosts, URLs, topics and links.
    let urls: BTreeSet<&str> = links.iter().map(|l| l["url"].as_str().unwrap()).collect();
    let hosts: BTreeSet<String> = urls
        .iter()
        .map(|u| {
            url::Url::parse(u)
                .unwrap()
                .host_str()
                .unwrap()
                .to_lowercase()
        })
        .collect();
    let first: Vec<&str> = hosts.iter().take(5).map(String::as_str).collect();
    let line = format!(
        "error: no link could be checked: none of the {} host names resolved ({} and {} more)",
        hosts.len(),
        first.join(", "),
        hosts.len() - 5
    );
    assert!(readme.contains(&line), "README.md lacks: {line}");
    let line = format!("links: {0} URLs, {0} asked now, 0 fresh", urls.len());
    assert!(readme.contains(&line), "README.md lacks: {line}");
    let checked = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .arg("check")
        .current_dir(root())
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&checked.stdout);
    let counts = summary
        .trim()
        .strip_suffix(": 0 errors, 0 warnings")
        .unwrap_or_else(|| panic!("the course does not check: {summary}"));
    assert!(
        readme.contains(&format!("{counts}: 1 error, 0 warnings\n```")),
        "README.md lacks `{counts}` offline"
    );
    assert!(
        counts.ends_with(&format!(" {} links", links.len())),
        "{counts}"
    );

    // Install: the version to install, and the crates the first build compiles.
    let version = env!("CARGO_PKG_VERSION");
    assert!(readme.contains(&format!("--tag v{version} syllabus`")));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let tree = Command::new(cargo)
        .args([
            "tree",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
            "--quiet",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        tree.status.success(),
        "{}",
        String::from_utf8_lossy(&tree.stderr)
    );
    let crates: BTreeSet<String> = String::from_utf8_lossy(&tree.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.trim_end_matches(" (*)")
                .trim_end_matches(" (proc-macro)")
                .to_string()
        })
        .collect();
    let about = figure(&readme, " crates and takes about 10 minutes on 2 cores");
    assert!(
        about % 10 == 0 && about.abs_diff(crates.len()) * 10 <= crates.len(),
        "README.md says about {about} crates; the build compiles {}",
        crates.len()
    );
}

/// The plan's summary counts its links once: the core by kind, then the optional track, and
/// the two add up to the links `check` counts (not the core and optional twice over).
#[test]
fn the_plans_counts_add_up_to_the_course() {
    let links = course_links();
    let out = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .arg("plan")
        .current_dir(root())
        .output()
        .unwrap();
    let plan = String::from_utf8_lossy(&out.stdout);
    let summary = plan
        .lines()
        .find(|l| l.contains(" hours** of "))
        .expect("the summary line");
    let (core, rest) = summary
        .split_once(" topics (")
        .unwrap()
        .1
        .split_once(')')
        .unwrap();
    let count = |text: &str| -> usize {
        text.split([',', ' '])
            .filter_map(|w| w.parse::<usize>().ok())
            .sum()
    };
    let optional = rest
        .split_once("on the optional track (")
        .map(|(_, o)| count(o.split_once(')').unwrap().0))
        .unwrap_or(0);
    assert_eq!(count(core) + optional, links.len(), "{summary}");
    assert_eq!(
        optional,
        links.iter().filter(|l| l["optional"] == true).count()
    );
}

/// The install commands (```sh blocks of Install) work where none of their folders exists yet:
/// run with an empty home, each `mkdir -p` and `syllabus` line leaves what it promises.
#[test]
fn the_install_commands_work_in_an_empty_home() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let install = readme
        .split_once("\n## Install\n")
        .unwrap()
        .1
        .split_once("\n## ")
        .unwrap()
        .0;
    let home = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_syllabus")).parent().unwrap();
    let mut ran = 0;
    for line in install.lines() {
        let runnable = (line.starts_with("syllabus ") || line.starts_with("mkdir -p "))
            && !line.contains("| man ");
        if !runnable {
            continue;
        }
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", line])
            .env("HOME", home.path())
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .current_dir(home.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README.md: `{line}` fails in an empty home: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 3, "{install}");
    let share = home.path().join(".local/share");
    assert!(share.join("bash-completion/completions/syllabus").is_file());
    assert!(share.join("man/man1/syllabus.1").is_file());
    assert!(share.join("man/man1/syllabus-plan.1").is_file());
}
