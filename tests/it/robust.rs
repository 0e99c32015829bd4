//! Nothing lost, nothing injected (issue 12): concurrent edits, partial failures, files that are
//! not plain files, hostile text. Each test runs the real binary.

use crate::common::{dead_pid, fixture, stderr, stdout, syllabus_in};
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
    all_succeed(children);
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
    all_succeed(children);
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

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// A write through the symlink `link` left it a symlink, and its target `real` with `mode`.
fn assert_written_through(link: &Path, real: &Path, mode_kept: u32) {
    assert!(
        std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "{} was replaced",
        link.display()
    );
    assert_eq!(mode(real), mode_kept);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

#[test]
fn output_to_a_fifo_is_written_through_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let valid = fixture("valid");
    let out = syllabus_in(
        dir.path(),
        &[
            "plan",
            "--topics",
            valid.to_str().unwrap(),
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    use std::os::unix::fs::FileTypeExt;
    // Checked before joining: a replaced FIFO would leave the reader waiting forever.
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    let text = reader.join().unwrap();
    assert!(text.contains("Time and clocks"), "{text}");
}

#[test]
fn output_through_a_symlink_updates_the_target_and_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    std::fs::write(&real, "old").unwrap();
    set_mode(&real, 0o600);
    let link = dir.path().join("plan.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let valid = fixture("valid");
    let out = syllabus_in(
        dir.path(),
        &["plan", "--topics", valid.to_str().unwrap(), "-o", "plan.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_written_through(&link, &real, 0o600);
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("Time and clocks"));
}

#[test]
fn done_keeps_the_progress_files_mode_and_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 2);
    let real = dir.path().join("mine.toml");
    std::fs::write(&real, "done = []\n").unwrap();
    set_mode(&real, 0o600);
    let link = dir.path().join("progress.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = syllabus_in(
        dir.path(),
        &["done", "l1", "--topics", topics.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_written_through(&link, &real, 0o600);
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "done = [\"l1\"]\n");
}

#[test]
fn done_refuses_a_progress_file_that_is_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 2);
    let fifo = dir.path().join("progress.toml");
    mkfifo(&fifo);
    let out = syllabus_in(
        dir.path(),
        &["done", "l1", "--topics", topics.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: cannot write progress.toml: it is not a regular file, so it cannot be edited in place\n  help: nothing was recorded; check the file and run the command again\n"
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn import_into_a_symlinked_topic_file_updates_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let shared = dir.path().join("shared-time.toml");
    std::fs::rename(topics.join("time.toml"), &shared).unwrap();
    set_mode(&shared, 0o640);
    std::os::unix::fs::symlink(&shared, topics.join("time.toml")).unwrap();
    let list = dir.path().join("list.md");
    std::fs::write(
        &list,
        "- [Vector clocks](https://clocks.example.org/v) - time\n",
    )
    .unwrap();
    let out = syllabus_in(
        dir.path(),
        &["import", "list.md", "--into", "time", "--topics", "topics"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_written_through(&topics.join("time.toml"), &shared, 0o640);
    assert!(std::fs::read_to_string(&shared)
        .unwrap()
        .contains("clocks.example.org/v"));
}

#[test]
fn build_out_with_dot_dot_replaces_the_site_twice() {
    let dir = tempfile::tempdir().unwrap();
    let valid = fixture("valid");
    for _ in 0..2 {
        let out = syllabus_in(
            dir.path(),
            &[
                "build",
                "--topics",
                valid.to_str().unwrap(),
                "--out",
                "site/../site",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(dir.path().join("site/index.html").is_file());
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["site".to_string()]);
}

#[test]
fn build_removes_what_dead_builds_left_and_only_that() {
    let dir = tempfile::tempdir().unwrap();
    let dead = dead_pid();
    let leftover = |name: String, marked: bool| {
        let path = dir.path().join(name);
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("index.html"), "half a site").unwrap();
        if marked {
            std::fs::write(path.join(".syllabus-site"), "").unwrap();
        }
        path
    };
    let dead_build = leftover(format!(".site.new-{dead}"), true);
    let dead_old = leftover(format!(".site.old-{dead}"), true);
    let not_ours = leftover(format!(".site.new-{}", dead + 1_000_000), false);
    let alive = leftover(format!(".site.new-{}", std::process::id()), true);
    let valid = fixture("valid");
    let out = syllabus_in(
        dir.path(),
        &[
            "build",
            "--topics",
            valid.to_str().unwrap(),
            "--out",
            "site",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dead_build.exists() && !dead_old.exists());
    assert!(not_ours.exists(), "a folder without our marker was removed");
    assert!(alive.exists(), "a running build's folder was removed");
}

/// No ESC, BEL or C1 control reaches the terminal or the corpus.
fn assert_no_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} holds control characters {bad:?}:\n{text}"
    );
}

#[test]
fn hostile_imports_store_plain_text_and_print_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let hostile = fixture("hostile");
    let files: Vec<String> = ["feed.rss", "refs.bib", "posts.json"]
        .iter()
        .map(|f| hostile.join(f).to_string_lossy().into_owned())
        .collect();
    let mut args = vec![
        "import",
        "--topics",
        "topics",
        "--into",
        "time",
        "--dry-run",
    ];
    args.extend(files.iter().map(String::as_str));
    let dry = syllabus_in(dir.path(), &args);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert_no_controls("import --dry-run", &stdout(&dry));
    assert_no_controls("import --dry-run (stderr)", &stderr(&dry));
    args.retain(|a| *a != "--dry-run");
    let out = syllabus_in(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let stored = std::fs::read_to_string(topics.join("time.toml")).unwrap();
    assert_no_controls("the corpus", &stored);
    for html in [
        "<img",
        "<iframe",
        "<svg",
        "onerror",
        "onload",
        "javascript:",
    ] {
        assert!(
            !stored.contains(html),
            "{html} stored in the corpus:\n{stored}"
        );
    }
    assert!(stored.contains("title = \"Clocks time\""), "{stored}");
    let check = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert!(check.status.success());
    assert!(!stdout(&check).contains("raw HTML"), "{}", stdout(&check));
}

#[test]
fn control_characters_in_the_corpus_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 1);
    let file = topics.join("reading.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "title = \"L0\"",
        "title = \"L0 \\u001b]52;c;aGVsbG8=\\u0007 \\u001b[2J\\u009b\"",
    );
    std::fs::write(&file, text).unwrap();
    for args in [
        vec!["plan"],
        vec!["plan", "--format", "text"],
        vec!["why", "l0"],
        vec!["graph"],
        vec!["next"],
    ] {
        let mut args = args.clone();
        args.extend(["--topics", "topics"]);
        let out = syllabus_in(dir.path(), &args);
        assert_no_controls(&args.join(" "), &stdout(&out));
        assert_no_controls(&args.join(" "), &stderr(&out));
    }
    let plan = stdout(&syllabus_in(dir.path(), &["plan", "--topics", "topics"]));
    assert!(plan.contains("L0 \\u{1b}"), "{plan}");
    assert!(plan.contains("aGVsbG8=\\u{7}"), "{plan}");
}

#[test]
fn check_warns_on_raw_html_in_corpus_prose() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 1);
    let file = topics.join("reading.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "minutes = 10\n",
        "minutes = 10\nnote = \"See <img src=x onerror=alert(1)> here; 2 < 3 is fine\"\n",
    );
    std::fs::write(&file, text).unwrap();
    let out = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("reading.toml:12:8: warning: `note` holds raw HTML (`<img src=x onerror=alert(1)>`); pages and Markdown show it as text"),
        "{text}"
    );
    let plan = stdout(&syllabus_in(dir.path(), &["plan", "--topics", "topics"]));
    assert!(!plan.contains("<img"), "{plan}");
}

/// Runs `args`, giving up (and failing) after `secs`: an unbounded read must not hang the suite.
fn run_bounded(dir: &Path, args: &[&str], secs: u64) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() > secs {
            let _ = child.kill();
            panic!("syllabus {args:?} still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn devices_are_refused_not_read_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 1);
    let t = topics.to_str().unwrap();
    let cases: [(&[&str], &str); 3] = [
        (
            &["plan", "--topics", t, "--profile", "/dev/zero"],
            "error: cannot read the profile /dev/zero: it is not a regular file (a device or a pipe?); pass a file\n",
        ),
        (
            &["plan", "--topics", t, "--progress", "/dev/zero"],
            "error: cannot read the progress file /dev/zero: it is not a regular file (a device or a pipe?); pass a file\n  help: create it with `syllabus done LINK-ID --progress FILE`\n",
        ),
        (
            &["import", "--topics", t, "--from", "markdown", "/dev/zero"],
            "error: cannot read /dev/zero: it is not a regular file (a device or a pipe?); pass a file\n  help: pass an export file (a feed, a list, a bookmarks or BibTeX file)\n",
        ),
    ];
    for (args, message) in cases {
        let out = run_bounded(dir.path(), args, 20);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), message, "{args:?}");
    }
}

#[test]
fn doi_and_arxiv_forms_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 3);
    let file = topics.join("reading.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace(
            "https://example.org/0",
            "doi:10.1145/x\\\" <img src=x onerror=alert(1)>",
        )
        .replace("https://example.org/1", "arXiv:2101.00001<svg>")
        .replace("https://example.org/2", "arXiv:2101.00001v2");
    std::fs::write(&file, text).unwrap();
    let out = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("reading.toml:7:7: error: URL `doi:10.1145/x\" <img src=x onerror=alert(1)>` is not a DOI"), "{text}");
    assert!(
        text.contains("reading.toml:15:7: error: URL `arXiv:2101.00001<svg>` is not an arXiv id"),
        "{text}"
    );
    assert!(
        text.contains("checked the corpus: 2 errors"),
        "a versioned arXiv id is valid:\n{text}"
    );
}

#[test]
fn a_start_near_the_year_9999_says_what_is_wrong() {
    let valid = fixture("valid");
    let out = syllabus_in(
        valid.parent().unwrap(),
        &[
            "plan",
            "--topics",
            "valid",
            "--start",
            "9999-12-27",
            "--format",
            "ics",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --start 9999-12-27: the plan's 2 weeks would run past 9999-12-31, the last date syllabus writes\n  help: start on 9999-12-18 or earlier\n"
    );
}

#[test]
fn minutes_beyond_any_integer_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let topics = corpus_with_links(dir.path(), 1);
    let file = topics.join("reading.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("minutes = 10", "minutes = 9223372036854775808");
    std::fs::write(&file, text).unwrap();
    let out = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            "error: `minutes` must be a positive number of minutes, found 9223372036854775808"
        ),
        "{text}"
    );
}

/// Waits for every child and asserts each one succeeded, with its standard error if not.
fn all_succeed(children: Vec<std::process::Child>) {
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
