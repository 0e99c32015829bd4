//! `syllabus serve`: serves the built site, rebuilds after an edit, and shows a failed rebuild
//! on the page while it keeps running.

use crate::common::{eventually, fixture, http, serve};
use std::time::Duration;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn serve_rebuilds_on_change_and_survives_a_broken_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let out = dir.path().join("site");
    let (_server, port) = serve(&topics, &out, &[]);

    let (status, page) = http("GET", port, "/", None).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Time and clocks"), "{page}");
    let (status, _) = http("GET", port, "/../Cargo.toml", None).unwrap();
    assert_eq!(status, 404);
    let (status, css) = http("GET", port, "/style.css", None).unwrap();
    assert_eq!(status, 200);
    assert!(css.contains("prefers-color-scheme"));

    // An edit shows on the next reload.
    let time = topics.join("time.toml");
    let text = std::fs::read_to_string(&time).unwrap();
    std::fs::write(&time, text.replace("Time and clocks", "Clocks, renamed")).unwrap();
    assert!(
        eventually(Duration::from_secs(20), || {
            http("GET", port, "/topic-time.html", None)
                .is_ok_and(|(_, body)| body.contains("Clocks, renamed"))
        }),
        "the edit never showed"
    );

    // A broken file: the last good site stays, with the error on top of the page.
    std::fs::write(&time, "title = \n").unwrap();
    assert!(
        eventually(Duration::from_secs(20), || {
            http("GET", port, "/topic-time.html", None).is_ok_and(|(status, body)| {
                status == 200
                    && body.contains("syllabus-build-error")
                    && body.contains("time.toml")
                    && body.contains("Clocks, renamed")
            })
        }),
        "the error never showed on the page"
    );

    // Fixed again: the banner goes away, and the server never stopped.
    std::fs::write(&time, text).unwrap();
    assert!(eventually(Duration::from_secs(20), || {
        http("GET", port, "/topic-time.html", None).is_ok_and(|(_, body)| {
            !body.contains("syllabus-build-error") && body.contains("Time and clocks")
        })
    }));
}

/// Sends `raw` on a fresh connection and returns what comes back within `wait`.
fn raw_request(port: u16, raw: &str, wait: Duration) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
fn serve_survives_a_huge_body_and_a_client_that_never_reads() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let (_server, port) = serve(&topics, &dir.path().join("site"), &[]);

    // A body announced as 100 GB: answered (or dropped), never allocated.
    let reply = raw_request(
        port,
        &format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 99999999999\r\n\r\nabc"
        ),
        Duration::from_secs(5),
    );
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 405"),
        "{reply}"
    );
    assert_eq!(http("GET", port, "/", None).unwrap().0, 200);

    // A client that asks for many pages and never reads the answers.
    use std::io::Write;
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let one = format!("GET /topic-time.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    stalled.write_all(one.repeat(3000).as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(http("GET", port, "/", None).map(|r| r.0).ok());
    });
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(10)).ok().flatten(),
        Some(200),
        "a client that does not read stalled another one"
    );
    drop(stalled);
}

#[test]
fn serve_answers_only_its_own_host_names() {
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let (_server, port) = serve(&topics, &dir.path().join("site"), &[]);
    let get = |host: &str| {
        raw_request(
            port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            Duration::from_secs(20),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert!(get(&host).starts_with("HTTP/1.1 200"), "{host} refused");
    }
    for host in [
        format!("attacker.example:{port}"),
        "127.0.0.1".to_string(),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        let reply = get(&host);
        assert!(
            reply.starts_with("HTTP/1.1 403"),
            "{host} answered:\n{reply}"
        );
        assert!(!reply.contains("Time and clocks"));
    }
}

#[test]
fn serve_tells_open_pages_to_reload_after_a_rebuild() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let out = dir.path().join("site");
    let (_server, port) = serve(&topics, &out, &[]);

    let (_, page) = http("GET", port, "/", None).unwrap();
    assert!(
        page.contains("<script src=\"/__syllabus/reload.js\"></script></body>"),
        "{page}"
    );
    let on_disk = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !on_disk.contains("__syllabus"),
        "the reload script leaked into the build"
    );
    let (status, script) = http("GET", port, "/__syllabus/reload.js", None).unwrap();
    assert_eq!(status, 200);
    assert!(script.contains("EventSource(\"/__syllabus/reload\")"));

    let mut events = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        events,
        "GET /__syllabus/reload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut seen = String::new();
    while !seen.contains(": connected") {
        assert!(reader.read_line(&mut seen).unwrap() > 0, "{seen}");
    }
    assert!(
        seen.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{seen}"
    );
    let time = topics.join("time.toml");
    let text = std::fs::read_to_string(&time).unwrap();
    std::fs::write(&time, text.replace("Time and clocks", "Clocks, renamed")).unwrap();
    while !seen.contains("event: reload") {
        assert!(reader.read_line(&mut seen).unwrap() > 0, "{seen}");
    }
    let (_, page) = http("GET", port, "/topic-time.html", None).unwrap();
    assert!(
        page.contains("Clocks, renamed"),
        "the reload came before the rebuild"
    );
}

#[test]
fn serve_with_out_inside_topics_builds_once() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path().join("topics");
    copy_dir(&fixture("valid"), &topics);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(["serve", "--port", "0", "--topics"])
        .arg(&topics)
        .arg("--out")
        .arg(topics.join("site"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _guard = crate::common::Guard(child);
    let builds = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    {
        let builds = builds.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if line.starts_with("Built the site") {
                    builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            }
        });
    }
    assert!(eventually(Duration::from_secs(60), || {
        builds.load(std::sync::atomic::Ordering::SeqCst) >= 1
    }));
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(
        builds.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "serve rebuilt because of its own output"
    );
}
