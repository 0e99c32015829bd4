//! Nothing lost, nothing injected (issue 12): concurrent edits, partial failures, files that are
//! not plain files, hostile text. Each test runs the real binary.

use crate::common::{fixture, stderr, stdout, syllabus_in};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_syllabus"));
    c.env_remove("CLICOLOR_FORCE");
    c
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A corpus with one topic `reading` holding links `l0` .. `l{n-1}`.
fn corpus_with_links(dir: &Path, n: usize) -> PathBuf {
    let topics = dir.join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(
        topics.join("course.toml"),
        "title = \"T\"\ndescription = \"D\"\n\n[[stage]]\nid = \"one\"\ntitle = \"One\"\nguidance = \"G\"\n",
    )
    .unwrap();
    let mut text = String::from("title = \"Reading\"\nsummary = \"S\"\nstage = \"one\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n[[link]]\nid = \"l{i}\"\nurl = \"https://example.org/{i}\"\ntitle = \"L{i}\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 10\n"
        ));
    }
    std::fs::write(topics.join("reading.toml"), text).unwrap();
    topics
}

#[test]
fn ten_parallel_done_runs_record_all_ten_ids() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 10);
    let progress = dir.path().join("progress.toml");
    std::fs::write(&progress, "# mine\ndone = []\n").unwrap();
    let children: Vec<_> = (0..10)
        .map(|i| {
            bin()
                .args(["done", &format!("l{i}"), "--topics"])
                .arg(&topics)
                .arg("--progress")
                .arg(&progress)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&progress).unwrap();
    assert!(text.starts_with("# mine\n"), "{text}");
    for i in 0..10 {
        assert!(text.contains(&format!("\"l{i}\"")), "l{i} lost:\n{text}");
    }
}

#[test]
fn parallel_imports_lose_no_link() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let inputs: Vec<PathBuf> = (0..3)
        .map(|n| {
            let path = dir.path().join(format!("list{n}.md"));
            let mut text = String::from("# Links\n\n");
            for i in 0..5 {
                text.push_str(&format!(
                    "- [Clock note {n}-{i}](https://clocks{n}.example.org/{i}) - about time.\n"
                ));
            }
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let children: Vec<_> = inputs
        .iter()
        .map(|input| {
            bin()
                .arg("import")
                .arg(input)
                .arg("--topics")
                .arg(&topics)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut all = String::new();
    for entry in std::fs::read_dir(&topics).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for n in 0..3 {
        for i in 0..5 {
            let url = format!("https://clocks{n}.example.org/{i}");
            assert_eq!(all.matches(&url).count(), 1, "{url} lost or doubled");
        }
    }
    let check = syllabus_in(dir.path(), &["check", "--topics", topics.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let leftovers: Vec<_> = std::fs::read_dir(&topics)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = stdout;
}
