//! Diagnostics as a terminal user sees them: plain when piped, coloured when forced, never
//! coloured with NO_COLOR; the `file:line:col` header always first.

use crate::common::root;
use std::process::Command;

fn check(env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_syllabus"));
    command
        .args([
            "check",
            "--topics",
            "tests/fixtures/bad/unknown-prerequisite",
        ])
        .current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        command.env(k, v);
    }
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

#[test]
fn colour_only_on_request_and_never_with_no_color() {
    let piped = check(&[]);
    assert!(!piped.contains('\u{1b}'), "{piped:?}");
    assert!(piped.starts_with("tests/fixtures/bad/unknown-prerequisite/raft.toml:4:13: error:"));
    assert!(piped.contains("4 | requires = [\"concensus\"]\n  |             ^^^^^^^^^^^\n"));

    let forced = check(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}["), "{forced:?}");
    let stripped = anstream::adapter::strip_str(&forced).to_string();
    assert_eq!(stripped, piped, "colour is the only difference");
    // The header stays the first thing on the line, escape codes aside.
    assert!(stripped.starts_with("tests/fixtures/bad/unknown-prerequisite/raft.toml:4:13:"));

    let no_color = check(&[("NO_COLOR", "1"), ("CLICOLOR", "1")]);
    assert_eq!(no_color, piped);
}
