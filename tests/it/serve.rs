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
