//! `syllabus man`: the main page has the usual sections (its description more than the NAME
//! line), every command, every environment variable the source reads and examples that parse;
//! `--dir` writes a page per command into a folder it creates, and no page refers to one that
//! was not written. groff, the reference reader, reads every page without a warning.

use crate::common::{root, stderr, stdout, syllabus};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The commands `syllabus --help` lists, but `help`.
fn commands() -> Vec<String> {
    let help = stdout(&syllabus(&["--help"]));
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The page as groff sets it in plain text: no warnings (`-ww`), overstrikes removed.
fn groff(page: &str) -> String {
    let mut child = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(stderr(&out), "", "groff warns");
    let mut text = String::new();
    for c in stdout(&out).chars() {
        match c {
            '\u{8}' => {
                text.pop();
            }
            c => text.push(c),
        }
    }
    text
}

/// The sections of a page, in order (`.SH NAME`, `.SH "EXIT STATUS"`).
fn sections(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|s| s.trim_matches('"').to_string())
        .collect()
}

/// A line of roff as text: font escapes left out, special characters as themselves.
fn plain(line: &str) -> String {
    line.replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\-", "-")
        .replace("\\(aq", "'")
        .replace("\\*(Aq", "'")
        .replace("\\(dq", "\"")
        .replace("\\\\", "\\")
}

/// The text of one section, roff requests left out.
fn section(page: &str, name: &str) -> String {
    page.lines()
        .skip_while(|l| l.strip_prefix(".SH ").map(|s| s.trim_matches('"')) != Some(name))
        .skip(1)
        .take_while(|l| !l.starts_with(".SH "))
        .filter(|l| !l.starts_with('.'))
        .map(plain)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `name(1)` a page refers to.
fn references(text: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for (i, _) in text.match_indices("(1)") {
        let name: String = text[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        refs.insert(name);
    }
    refs
}

/// The environment variables the source reads by name (`env::var("X")`, `var_os("X")`).
fn variables_read(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            variables_read(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["env::var(\"", "env::var_os(\""] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    found.insert(rest[..rest.find('"').unwrap()].to_string());
                }
            }
        }
    }
}

#[test]
fn the_man_page_has_the_usual_sections_and_names_no_page_it_does_not_write() {
    let out = syllabus(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH syllabus 1"), "{page}");
    assert_eq!(
        sections(&page),
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "EXIT STATUS",
            "FILES",
            "ENVIRONMENT",
            "EXAMPLES",
            "VERSION"
        ]
    );
    // The description says more than the NAME line, and does not start by repeating it.
    let name = section(&page, "NAME");
    let about = name.split(" - ").nth(1).unwrap().trim().to_string();
    let description = section(&page, "DESCRIPTION");
    assert!(!description.contains(&about), "{description}");
    assert!(description.len() > 3 * name.len(), "{description}");
    // Printed alone, the page refers to no other page: there is none beside it.
    assert_eq!(references(&page), BTreeSet::new(), "{page}");
    let listed = section(&page, "COMMANDS");
    let commands = commands();
    assert!(commands.len() >= 14, "{commands:?}");
    for command in &commands {
        assert!(
            listed.contains(&format!("syllabus {command}\n")),
            "`{command}` missing:\n{listed}"
        );
    }
    assert!(!listed.contains("syllabus help"), "{listed}");
    let exit = section(&page, "EXIT STATUS");
    for code in ["0\n", "1\n", "2\n"] {
        assert!(exit.contains(code), "{exit}");
    }
    let files = section(&page, "FILES");
    for file in [
        "topics/",
        "course.toml",
        "progress.toml",
        ".syllabus/links.json",
        ".syllabus/sync.json",
        "site/",
    ] {
        assert!(files.contains(file), "{file} missing:\n{files}");
    }
    let mut read = BTreeSet::new();
    variables_read(&root().join("src"), &mut read);
    assert!(!read.is_empty());
    let environment = section(&page, "ENVIRONMENT");
    for var in read
        .iter()
        .map(String::as_str)
        .chain(["NO_COLOR", "HTTPS_PROXY"])
    {
        assert!(environment.contains(var), "{var} missing:\n{environment}");
    }
    // Each example is a command line `syllabus` takes: with `--help` after it, clap would
    // still refuse a command or option it does not know.
    let examples = section(&page, "EXAMPLES");
    let mut tried = 0;
    for line in examples.lines().filter(|l| l.starts_with("syllabus ")) {
        for command in line.split(" && ") {
            let command = command.split(" > ").next().unwrap();
            let mut args: Vec<&str> = command.split_whitespace().skip(1).collect();
            args.push("--help");
            let out = syllabus(&args);
            assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
            tried += 1;
        }
    }
    assert!(tried >= 8, "{examples}");

    let text = groff(&page);
    for heading in ["EXIT STATUS", "ENVIRONMENT", "EXAMPLES", "syllabus plan"] {
        assert!(text.contains(heading), "{text}");
    }
}

#[test]
fn man_dir_creates_the_folder_and_every_reference_is_a_page_written() {
    let dir = tempfile::tempdir().unwrap();
    // As in the README: the folder and its parents do not exist yet.
    let man1 = dir.path().join("share/man/man1");
    let out = syllabus(&["man", "--dir", man1.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("wrote the manual pages into {}\n", man1.display())
    );
    let written: BTreeSet<String> = std::fs::read_dir(&man1)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut expected: BTreeSet<String> = commands()
        .iter()
        .map(|c| format!("syllabus-{c}.1"))
        .collect();
    expected.insert("syllabus.1".into());
    assert_eq!(written, expected);
    for file in &written {
        let page = std::fs::read_to_string(man1.join(file)).unwrap();
        groff(&page);
        let text: Vec<String> = page.lines().map(plain).collect();
        for name in references(&text.join("\n")) {
            assert!(
                written.contains(&format!("{name}.1")),
                "{file} refers to {name}(1), which is not written"
            );
        }
        let sections = sections(&page);
        for required in ["NAME", "SYNOPSIS", "EXIT STATUS"] {
            assert!(
                sections.iter().any(|s| s == required),
                "{file}: {sections:?}"
            );
        }
        let name = section(&page, "NAME");
        let about = name.split(" - ").nth(1).unwrap().trim().to_string();
        assert!(
            !section(&page, "DESCRIPTION").contains(&about),
            "{file} repeats its NAME line"
        );
    }
    let main = std::fs::read_to_string(man1.join("syllabus.1")).unwrap();
    let see_also = references(&section(&main, "SEE ALSO"));
    assert_eq!(see_also.len(), written.len() - 1, "{see_also:?}");
    let plan = std::fs::read_to_string(man1.join("syllabus-plan.1")).unwrap();
    assert!(plan.contains("hours\\-per\\-week"), "{plan}");
    assert!(references(&section(&plan, "SEE ALSO")).contains("syllabus"));

    // Again into the same folder: the pages are replaced, nothing else is left there.
    let out = syllabus(&["man", "--dir", man1.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&man1).unwrap().count(), written.len());

    // A folder that cannot be made is an I/O failure: exit 1 (not 2, the command line is fine),
    // the error and its fix on standard error, nothing on standard output.
    let file = man1.join("syllabus.1");
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
        err.ends_with("  help: check that the folder can be created and written\n"),
        "{err}"
    );
}
