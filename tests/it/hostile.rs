//! Hostile input, round two (issue 26): each test reproduces one report of that round with the
//! real binary and asserts what is promised instead.

use crate::common::{fixture, stderr, stdout, syllabus_in};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_syllabus"));
    c.env_remove("CLICOLOR_FORCE");
    c
}

fn hostile(name: &str) -> PathBuf {
    fixture("hostile2").join(name)
}

/// A copy of the `valid` fixture corpus in `dir/topics`.
fn valid_corpus(dir: &Path) -> PathBuf {
    let topics = dir.join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    for entry in std::fs::read_dir(fixture("valid")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), topics.join(entry.file_name())).unwrap();
        }
    }
    topics
}

fn no_panic(what: &str, out: &std::process::Output) {
    assert_ne!(
        out.status.code(),
        Some(101),
        "{what} panicked:\n{}",
        stderr(out)
    );
    assert!(
        !stderr(out).contains("panicked"),
        "{what}:\n{}",
        stderr(out)
    );
}

#[test]
fn xml_declarations_naming_other_encodings_neither_panic_nor_garble() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    let t = topics.to_str().unwrap();
    for (file, title) in [
        ("issue-example.rss", None),
        ("utf16-decl.rss", Some("Clock skew")),
        ("late-latin1.atom", Some("Late clocks")),
        ("latin1.atom", Some("Café clocks")),
    ] {
        let input = hostile(file);
        let input = input.to_str().unwrap();
        let out = syllabus_in(
            dir.path(),
            &[
                "import",
                input,
                "--topics",
                t,
                "--into",
                "time",
                "--dry-run",
            ],
        );
        no_panic(file, &out);
        match title {
            Some(title) => {
                assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
                assert!(stdout(&out).contains(title), "{file}: {}", stdout(&out));
            }
            None => {
                assert_eq!(out.status.code(), Some(1), "{file}");
                assert!(
                    stderr(&out).contains("issue-example.rss: no link found, read as rss"),
                    "{}",
                    stderr(&out)
                );
            }
        }
        let new = syllabus_in(dir.path(), &["new", file, "--from", input]);
        no_panic(&format!("new --from {file}"), &new);
        assert_eq!(
            new.status.code(),
            Some(if title.is_some() { 0 } else { 1 }),
            "new --from {file}: {}",
            stderr(&new)
        );
    }
}

/// A corpus of `n` topics `t0`..: topic `ti` is about the made-up word `zorki`, so an import of
/// links about each word files one link into each topic file.
fn zork_corpus(dir: &Path, n: usize) -> PathBuf {
    let topics = dir.join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(
        topics.join("course.toml"),
        "title = \"Z\"\ndescription = \"D\"\n\n[[stage]]\nid = \"one\"\ntitle = \"One\"\nguidance = \"G\"\n",
    )
    .unwrap();
    for i in 0..n {
        std::fs::write(
            topics.join(format!("t{i}.toml")),
            format!(
                "title = \"Zork{i}\"\nsummary = \"All about zork{i}.\"\nstage = \"one\"\nkeywords = [\"zork{i}\"]\n\n[[link]]\nid = \"base{i}\"\nurl = \"https://base.example.org/{i}\"\ntitle = \"Zork{i} basics\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 10\n"
            ),
        )
        .unwrap();
    }
    topics
}

fn zork_list(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::from("# Links\n\n");
    for i in 0..n {
        // Under its topic's heading: one shared word in the title alone is too little to file a
        // link, and the links must spread over several files.
        text.push_str(&format!(
            "## Zork{i}\n\n- [Zork{i} in depth](https://deep.example.org/zork{i}) - more on zork{i}\n\n"
        ));
    }
    let path = dir.join("list.md");
    std::fs::write(&path, text).unwrap();
    path
}

/// How many of the list's links the corpus holds, and the names in the folder that are not
/// corpus files (temporary files, backups, journals).
fn imported_and_leftovers(topics: &Path, n: usize) -> (usize, Vec<String>) {
    let mut all = String::new();
    let mut leftovers = Vec::new();
    for entry in std::fs::read_dir(topics).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            leftovers.push(name);
        } else {
            all.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let found = (0..n)
        .filter(|i| all.contains(&format!("https://deep.example.org/zork{i}")))
        .count();
    (found, leftovers)
}

// The pause before each rename is a hook of debug builds only: in a release build the renames
// follow each other within microseconds, and no kill can be placed between two of them.
#[cfg_attr(
    not(debug_assertions),
    ignore = "needs SYLLABUS_TEST_RENAME_PAUSE_MS, which only debug builds read"
)]
#[test]
fn an_import_killed_during_its_renames_is_completed_by_the_next_run() {
    const N: usize = 6;
    let dir = tempfile::tempdir().unwrap();
    let topics = zork_corpus(dir.path(), N);
    let list = zork_list(dir.path(), N);
    // A dry run first: the links must spread over several files for the test to mean much.
    let dry = syllabus_in(
        dir.path(),
        &[
            "import",
            list.to_str().unwrap(),
            "--topics",
            "topics",
            "--dry-run",
        ],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    let mut child = bin()
        .args(["import", list.to_str().unwrap(), "--topics", "topics"])
        .current_dir(dir.path())
        .env("SYLLABUS_TEST_RENAME_PAUSE_MS", "1000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed as soon as the first rename is seen done: the next one is a second away, so the
    // kill lands mid-way however slow the machine is (no sleep guesses where the renames are).
    let started = std::time::Instant::now();
    while imported_and_leftovers(&topics, N).0 == 0 {
        assert!(
            started.elapsed().as_secs() < 120,
            "the import renamed nothing in two minutes"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (found, _) = imported_and_leftovers(&topics, N);
    assert!(
        found > 0 && found < N,
        "the kill did not land mid-way: {found} of {N}"
    );
    // The next run, a reader, completes the write: every link is there, nothing is left over.
    let check = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("was interrupted; it is completed now"),
        "{}",
        stdout(&check)
    );
    let (found, leftovers) = imported_and_leftovers(&topics, N);
    assert_eq!(found, N);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn imports_killed_at_any_moment_leave_all_or_none_and_no_leftovers() {
    const N: usize = 4;
    for delay_ms in [0, 40, 120, 250, 500, 800, 1200] {
        let dir = tempfile::tempdir().unwrap();
        let topics = zork_corpus(dir.path(), N);
        let list = zork_list(dir.path(), N);
        let mut child = bin()
            .args(["import", list.to_str().unwrap(), "--topics", "topics"])
            .current_dir(dir.path())
            .env("SYLLABUS_TEST_RENAME_PAUSE_MS", "150")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        // Whoever comes next (here an import of nothing new, which takes the lock) recovers.
        let again = syllabus_in(
            dir.path(),
            &[
                "import",
                list.to_str().unwrap(),
                "--topics",
                "topics",
                "--dry-run",
            ],
        );
        assert!(again.status.success(), "{}", stderr(&again));
        let (found, leftovers) = imported_and_leftovers(&topics, N);
        assert!(
            found == 0 || found == N,
            "killed after {delay_ms} ms: {found} of {N}"
        );
        assert!(
            leftovers.is_empty(),
            "killed after {delay_ms} ms: {leftovers:?}"
        );
    }
}

#[test]
fn paces_and_weeks_out_of_bounds_are_usage_errors() {
    let valid = fixture("valid");
    let t = valid.to_str().unwrap();
    for (args, message) in [
        (
            vec!["--hours-per-week", "5e-324"],
            "error: --hours-per-week 0.000…: not a pace",
        ),
        (
            vec!["--hours-per-week", "0.0000001"],
            "error: --hours-per-week 0.0000001: not a pace",
        ),
        (
            vec!["--hours-per-week", "169"],
            "error: --hours-per-week 169: not a pace",
        ),
        (
            vec!["--weeks", "100000"],
            "error: --weeks 100000: more weeks than a plan has",
        ),
    ] {
        let mut all = vec!["plan", "--topics", t];
        all.extend(&args);
        let out = syllabus_in(&valid, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let text = stderr(&out);
        let head = message.split('…').next().unwrap();
        assert!(text.starts_with(head), "{args:?}: {text}");
        assert!(
            text.contains("help: give"),
            "{args:?}: the fix is said: {text}"
        );
    }
    let slow = syllabus_in(&valid, &["plan", "--topics", t, "--hours-per-week", "0.25"]);
    assert_eq!(slow.status.code(), Some(0), "{}", stderr(&slow));
}

#[test]
fn a_plan_of_more_weeks_than_the_bound_is_refused_before_it_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let topics = zork_corpus(dir.path(), 2);
    for i in 0..2 {
        let file = topics.join(format!("t{i}.toml"));
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("minutes = 10", "minutes = 100000");
        std::fs::write(&file, text).unwrap();
    }
    // 200,000 minutes at a quarter of an hour a week: 13,334 weeks.
    let out = syllabus_in(
        dir.path(),
        &["plan", "--topics", "topics", "--hours-per-week", "0.25"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: --hours-per-week 0.25: the plan's 3333 hours would take more than 10000 weeks at that pace\n  help: give at least --hours-per-week 0.5, or plan less with --target\n"
    );
    // One of the two topics fits.
    let out = syllabus_in(
        dir.path(),
        &[
            "plan",
            "--topics",
            "topics",
            "--hours-per-week",
            "0.25",
            "--target",
            "t0",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A FIFO at `path`.
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

#[test]
fn toml_entries_that_are_not_files_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    mkfifo(&topics.join("pipe.toml"));
    std::os::unix::fs::symlink("nowhere.toml", topics.join("dangling.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", topics.join("zero.toml")).unwrap();
    let out = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    for line in [
        "warning: topics/dangling.toml: it is a symbolic link to nothing; skipped",
        "warning: topics/pipe.toml: it is not a regular file (a device, a pipe or a socket); skipped",
        "warning: topics/zero.toml: it is not a regular file (a device, a pipe or a socket); skipped",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let plan = syllabus_in(dir.path(), &["plan", "--topics", "topics"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    assert!(stderr(&plan).contains("topics/pipe.toml: it is not a regular file"));
}

#[test]
fn a_course_toml_that_is_a_device_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    std::fs::remove_file(topics.join("course.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/urandom", topics.join("course.toml")).unwrap();
    let out = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error: cannot read topics/course.toml: it is not a regular file (a device, a pipe or a socket)"),
        "{text}"
    );
    assert!(!text.contains("no course.toml"), "{text}");
}

#[test]
fn a_corpus_file_over_the_size_cap_is_refused_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    // Sparse: no disk is used for the zeros.
    let big = std::fs::File::create(topics.join("big.toml")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    let out = syllabus_in(dir.path(), &["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(
            "error: cannot read topics/big.toml: it is larger than 64 MB; syllabus reads files up to that size"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bidi_controls_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    let file = topics.join("time.toml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen(
            "title = \"There is No Now\"",
            "title = \"There is \\u202Ewon oN\\u2066 \\u200F\"",
            1,
        )
        .replacen(
            "title = \"Time and clocks\"",
            "title = \"Time \\u202Ekcolc\"",
            1,
        );
    std::fs::write(&file, text).unwrap();
    for args in [
        vec!["plan"],
        vec!["plan", "--format", "json"],
        vec!["graph"],
        vec!["why", "there-is-no-now"],
    ] {
        let mut all = args.clone();
        all.extend(["--topics", "topics"]);
        let out = syllabus_in(dir.path(), &all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        for c in ['\u{202e}', '\u{2066}', '\u{200f}'] {
            assert!(!text.contains(c), "{args:?} printed {c:?} raw:\n{text}");
        }
        assert!(
            text.contains("\\u{202e}") || text.contains("\\u202e"),
            "{args:?}:\n{text}"
        );
    }
}

#[test]
fn notes_of_nested_list_markers_are_cut_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    let list = dir.path().join("list.md");
    let note = "- x ".repeat(16 * 1024);
    std::fs::write(
        &list,
        format!("- [Clock skew](https://clocks.example.org/skew) - {note}\n"),
    )
    .unwrap();
    let out = syllabus_in(
        dir.path(),
        &["import", "list.md", "--topics", "topics", "--into", "time"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(topics.join("time.toml")).unwrap();
    let at = text.find("clocks.example.org/skew").unwrap();
    let note_line = text[at..]
        .lines()
        .find(|l| l.starts_with("note = "))
        .map(str::len)
        .expect("the note is stored");
    assert!(note_line < 1300, "a note of {note_line} bytes was stored");
}

#[test]
fn serve_starts_with_a_fifo_and_a_device_link_in_topics() {
    let dir = tempfile::tempdir().unwrap();
    let topics = valid_corpus(dir.path());
    mkfifo(&topics.join("pipe.toml"));
    mkfifo(&topics.join("notes.fifo"));
    std::os::unix::fs::symlink("/dev/zero", topics.join("zero.bin")).unwrap();
    let (_server, port) = crate::common::serve(&topics, &dir.path().join("site"), &[]);
    let (status, body) = crate::common::http("GET", port, "/", None).unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("Time and clocks"), "{body}");
}

/// A server on 127.0.0.1 with one broken answer per path; returns its port.
fn broken_server() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
                let mut stream = stream;
                let answer: Vec<u8> = match path.as_str() {
                    // 10.255.255.1 is never contacted: the test would hang on it if it were.
                    "/private" => b"HTTP/1.1 301 Moved\r\nLocation: http://10.255.255.1/secret\r\nContent-Length: 0\r\n\r\n".to_vec(),
                    "/bighead" => format!(
                        "HTTP/1.1 200 OK\r\nX-Big: {}\r\nContent-Length: 0\r\n\r\n",
                        "a".repeat(70 * 1024)
                    )
                    .into_bytes(),
                    "/control" => b"HTTP/1.1 301 Moved\r\nLocation: /x\x01\x1b[2J\r\nContent-Length: 0\r\n\r\n".to_vec(),
                    "/ssh" => b"SSH-2.0-OpenSSH_9.6\r\n".to_vec(),
                    _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
                };
                let _ = stream.write_all(&answer);
            });
        }
    });
    port
}

#[test]
fn the_link_checker_says_what_a_broken_answer_was_and_refuses_internal_redirects() {
    let port = broken_server();
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(
        topics.join("course.toml"),
        "title = \"L\"\ndescription = \"D\"\n",
    )
    .unwrap();
    let mut text = String::from("title = \"Web\"\nsummary = \"S\"\n");
    for id in ["private", "bighead", "control", "ssh"] {
        text.push_str(&format!(
            "\n[[link]]\nid = \"{id}\"\nurl = \"http://127.0.0.1:{port}/{id}\"\ntitle = \"{id} page\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\n"
        ));
    }
    std::fs::write(topics.join("web.toml"), &text).unwrap();
    let out = syllabus_in(
        dir.path(),
        &[
            "check",
            "--links",
            "--fix",
            "--topics",
            "topics",
            // Every answer comes at once: the timeout is only a bound for a hang.
            "--timeout",
            "60s",
            "--host-pause",
            "0ms",
        ],
    );
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    for expected in [
        "link `private` (private page) redirects to an address on a private network or this machine (http://10.255.255.1/secret); not followed",
        "link `bighead` (bighead page) is dead: the server answered, but sent a response head larger than",
        "link `control` (control page) is dead: the server answered, but sent",
        "link `ssh` (ssh page) is dead: the server answered, but sent something that is not HTTP/1.1",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    assert!(!report.contains("cannot connect"), "{report}");
    assert_eq!(
        std::fs::read_to_string(topics.join("web.toml")).unwrap(),
        text
    );
}

/// A server that answers the first request on each connection with a 200 and keeps the
/// connection open, as HTTP/1.1 allows, then closes it the moment a second request arrives on
/// it, unread and unanswered: what a server's idle timeout does to a request that crosses it.
/// Returns its port and the count of connections that were closed that way.
fn closing_server() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let closed = std::sync::Arc::new(AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&closed);
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let count = std::sync::Arc::clone(&count);
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(120)));
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let mut stream = stream;
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                // The sync point: the next request is here. Closed with it unread, the
                // connection is reset under it.
                let mut byte = [0u8; 1];
                if reader.get_ref().peek(&mut byte).unwrap_or(0) > 0 {
                    count.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
    });
    (port, closed)
}

#[test]
fn a_kept_alive_connection_the_server_closes_does_not_make_a_link_dead() {
    use std::sync::atomic::Ordering;
    // Each run must send a request on a kept-alive connection for the test to mean anything;
    // whether the client reuses one depends on timing, so a run where none was is run again.
    for _attempt in 0..5 {
        let (port, closed) = closing_server();
        let dir = tempfile::tempdir().unwrap();
        let topics = dir.path().join("topics");
        std::fs::create_dir_all(&topics).unwrap();
        std::fs::write(
            topics.join("course.toml"),
            "title = \"L\"\ndescription = \"D\"\n",
        )
        .unwrap();
        let mut text = String::from("title = \"Web\"\nsummary = \"S\"\n");
        for id in ["a", "b", "c", "d"] {
            text.push_str(&format!(
                "\n[[link]]\nid = \"{id}\"\nurl = \"http://127.0.0.1:{port}/{id}\"\ntitle = \"{id} page\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"N\"\n"
            ));
        }
        std::fs::write(topics.join("web.toml"), &text).unwrap();
        // A pause between requests to the host: each finds the one before it done and its
        // connection kept.
        let out = syllabus_in(
            dir.path(),
            &[
                "check",
                "--links",
                "--topics",
                "topics",
                "--timeout",
                "60s",
                "--host-pause",
                "200ms",
            ],
        );
        let report = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{report}\n{}", stderr(&out));
        assert!(report.contains("4 asked now"), "{report}");
        assert!(!report.contains("dead"), "{report}");
        if closed.load(Ordering::SeqCst) > 0 {
            return;
        }
    }
    panic!("the checker never sent a request on a kept-alive connection in 5 runs");
}
