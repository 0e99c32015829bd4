//! Standard output that fails: a write error is an error (exit 1, said on standard error); a
//! reader gone away (`| head`) ends the command quietly with exit 0, as ripgrep does. And the
//! flags' old spellings, kept as hidden aliases for a release, still work.

use crate::common::{root, stderr, stdout, syllabus};
use std::io::Read;
use std::process::{Command, Stdio};

/// `syllabus args` with standard output going to `/dev/full`, where every write fails (ENOSPC).
fn to_dev_full(args: &[&str]) -> Option<std::process::Output> {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()?;
    Some(
        Command::new(env!("CARGO_BIN_EXE_syllabus"))
            .args(args)
            .current_dir(root())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap(),
    )
}

#[test]
fn a_full_disk_is_an_error_with_a_message() {
    // Every way a command writes standard output: the streamed Markdown and JSON, a whole text,
    // the check's report, generated scripts.
    for args in [
        &["plan"][..],
        &["plan", "--format", "json"],
        &["plan", "--format", "html"],
        &["plan", "--layout", "topics", "--templates", "templates"],
        &["topics"],
        &["next"],
        &["check"],
        &["graph"],
        &["completions", "bash"],
        &["man"],
    ] {
        let Some(out) = to_dev_full(args) else {
            eprintln!("no /dev/full here; skipped");
            return;
        };
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("error: cannot write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
        assert!(err.contains("help: check the disk"), "{args:?}: {err}");
    }
}

/// Runs `syllabus args`, reads `keep` bytes of its output and closes the pipe, as `| head -c`.
fn read_then_close(args: &[&str], keep: usize) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = vec![0; keep];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's read end is dropped here: the next writes fail with EPIPE.
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_gone_away_ends_the_command_quietly() {
    // Plans long enough not to fit the pipe's buffer (64 KiB) once the reader has gone.
    let long = ["--optional", "--hours-per-week", "0.25"];
    for format in ["markdown", "json", "html"] {
        let mut args = vec!["plan", "--format", format];
        args.extend(long);
        let out = read_then_close(&args, 10);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{format}");
    }
    // Through the shell, as people write it: `pipefail` makes syllabus's code the pipe's.
    let script = format!(
        "set -o pipefail; '{}' plan --optional --hours-per-week 0.25 | head -1",
        env!("CARGO_BIN_EXE_syllabus")
    );
    if let Ok(out) = Command::new("bash")
        .args(["-c", &script])
        .current_dir(root())
        .output()
    {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "a closed pipe says nothing");
        assert_eq!(stdout(&out).lines().count(), 1);
        assert!(stdout(&out).starts_with("# "), "{}", stdout(&out));
    }
}

#[test]
fn a_plan_written_to_a_file_that_cannot_be_written_names_it() {
    let out = syllabus(&["plan", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write /dev/full"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_old_flag_spellings_are_hidden_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    std::fs::write(&list, "- [Raft](https://raft.github.io/) - consensus\n").unwrap();
    let list = list.to_str().unwrap();
    // `import --from FORMAT` is `--input-format FORMAT`.
    let new = syllabus(&["import", list, "--dry-run", "--input-format", "markdown"]);
    let old = syllabus(&["import", list, "--dry-run", "--from", "markdown"]);
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    assert_eq!(stdout(&old), stdout(&new));
    // `new --format FORMAT` is `--input-format FORMAT`.
    let course = dir.path().join("course");
    let out = syllabus(&[
        "new",
        course.to_str().unwrap(),
        "--from",
        list,
        "--format",
        "markdown",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // `build --out DIR` is `--output DIR` (`-o DIR`), as for `plan`.
    for flag in ["--out", "--output", "-o"] {
        let site = dir.path().join(format!("site{flag}"));
        let out = syllabus(&["build", flag, site.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{flag}: {}", stderr(&out));
        assert!(site.join("index.html").is_file(), "{flag}");
    }
    // Hidden: the help names only the new spellings.
    let help = stdout(&syllabus(&["import", "--help"]));
    assert!(help.contains("--input-format <FORMAT>"), "{help}");
    assert!(!help.contains("--from"), "{help}");
    let help = stdout(&syllabus(&["build", "--help"]));
    assert!(help.contains("-o, --output <DIR>"), "{help}");
    assert!(!help.contains("--out "), "{help}");
}

#[test]
fn a_default_is_said_once_in_help() {
    for command in ["new", "import", "plan", "build"] {
        let help = stdout(&syllabus(&[command, "--help"]));
        for line in help.lines() {
            assert!(line.matches("[default:").count() <= 1, "{command}: {line}");
        }
        assert!(!help.contains("] [default:"), "{command}:\n{help}");
    }
}

#[test]
fn the_plan_options_read_alike_in_every_planning_command() {
    let section = |command: &str| {
        let help = stdout(&syllabus(&[command, "--help"]));
        let start = help
            .find("Plan options:")
            .unwrap_or_else(|| panic!("{command}: no plan options\n{help}"));
        help[start..].to_string()
    };
    let plan = section("plan");
    assert!(plan.contains("--hours-per-week <H>"), "{plan}");
    assert!(
        plan.contains("Hours a week for reading and practice"),
        "{plan}"
    );
    for command in ["next", "why", "build", "serve"] {
        assert_eq!(section(command), plan, "{command}");
    }
}
