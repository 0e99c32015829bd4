//! Publishing a course made by `syllabus new`: the Pages workflow it writes runs as written (its
//! shell steps, in order, in the new course, with the binary under test in place of the install
//! step) and leaves the site its upload step publishes; its `.gitignore` keeps out of git what
//! the tools rebuild and what is the reader's own, and keeps in what must be committed.

use crate::common::{root, stderr, stdout, syllabus_in};
use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

/// A `run:` step as GitHub runs it on `ubuntu-latest` (`shell: bash` is
/// `bash --noprofile --norc -eo pipefail {0}`), with the binary under test first on `PATH`.
fn run_step(course: &Path, script: &str) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_syllabus")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(course)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap()
}

#[test]
fn the_generated_workflow_checks_builds_and_uploads_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["new", "course"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let course = dir.path().join("course");
    let text = std::fs::read_to_string(course.join(".github/workflows/pages.yml")).unwrap();
    let docs = YamlLoader::load_from_str(&text).expect("pages.yml is YAML");
    let workflow = &docs[0];
    assert_eq!(workflow["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(workflow["permissions"]["id-token"].as_str(), Some("write"));

    let version = env!("CARGO_PKG_VERSION");
    let steps = workflow["jobs"]["build"]["steps"]
        .as_vec()
        .expect("jobs.build.steps");
    let (mut ran, mut uploaded, mut cached) = (Vec::new(), None, None);
    for step in steps {
        let name = step["name"].as_str().unwrap_or("");
        if let Some(action) = step["uses"].as_str() {
            // The actions run on GitHub's side; what they are given is checked instead.
            if action.starts_with("actions/upload-pages-artifact@") {
                uploaded = step["with"]["path"].as_str().map(str::to_string);
            }
            if action.starts_with("actions/cache@") {
                cached = Some((
                    step["with"]["path"].as_str().unwrap().to_string(),
                    step["with"]["key"].as_str().unwrap().to_string(),
                ));
            }
            assert!(
                uploaded.is_none() || action != "actions/checkout@v4",
                "checkout after upload"
            );
            continue;
        }
        let script = step["run"]
            .as_str()
            .unwrap_or_else(|| panic!("step `{name}` neither uses an action nor runs"));
        if name == "Install syllabus" {
            // The one step that needs the network: it installs the version that wrote the
            // workflow from that version's tag, or, from a binary that names no repository,
            // stops the workflow with an error saying so (never a crate or address that is
            // not there).
            let repo = env!("CARGO_PKG_REPOSITORY");
            let install = format!("cargo install --locked --git {repo} --tag v{version} syllabus");
            if script != install {
                // Not the install: the stop, which must not try another address either.
                assert!(!script.contains("cargo install"), "{script}");
                let out = run_step(&course, script);
                assert_eq!(out.status.code(), Some(1), "{script}");
                assert!(stdout(&out).starts_with("::error::pages.yml: "), "{script}");
                assert!(repo.is_empty() || !text.contains(repo));
            }
            assert_eq!(
                step["if"].as_str(),
                Some("steps.syllabus.outputs.cache-hit != 'true'")
            );
            ran.push(name.to_string());
            continue;
        }
        let out = run_step(&course, script);
        assert!(
            out.status.success(),
            "step `{name}` (`{script}`) failed:\n{}{}",
            stderr(&out),
            stdout(&out)
        );
        ran.push(name.to_string());
    }
    assert_eq!(
        ran,
        ["Install syllabus", "Check the corpus", "Build the site"]
    );
    // The cache keeps the installed binary, per version: a new version is built anew.
    assert_eq!(
        cached,
        Some((
            "~/.cargo/bin/syllabus".to_string(),
            format!("syllabus-{version}-${{{{ runner.os }}}}")
        ))
    );
    let site = course.join(uploaded.expect("an upload-pages-artifact step with a path"));
    let index = std::fs::read_to_string(site.join("index.html")).expect("the site was built");
    assert!(index.contains("<title>Course"), "{index}");
    let topic = std::fs::read_to_string(site.join("topic-how-to-read.html")).unwrap();
    assert!(topic.contains("How to Read a Paper"), "{topic}");

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    let uses: Vec<&str> = deploy["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert_eq!(uses, ["actions/deploy-pages@v4"]);
    assert!(matches!(workflow["jobs"]["other"], Yaml::BadValue));
}

/// `git check-ignore` in the course: exit 0 when the path is ignored, 1 when not.
fn ignored(course: &Path, path: &str) -> bool {
    let out = Command::new("git")
        .args(["check-ignore", "--quiet", "--no-index", path])
        .current_dir(course)
        .output()
        .expect("git");
    match out.status.code() {
        Some(0) => true,
        Some(1) => false,
        _ => panic!("git check-ignore {path}: {}", stderr(&out)),
    }
}

#[test]
fn the_new_course_and_this_repository_ignore_caches_and_keep_the_sync_state() {
    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["new", "course"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let course = dir.path().join("course");
    assert!(stdout(&out).contains("wrote course/.gitignore\n"));
    let init = Command::new("git")
        .args(["init", "--quiet"])
        .current_dir(&course)
        .status()
        .expect("git");
    assert!(init.success());
    // What the tools write where they write it: the site, the link cache, the progress file.
    assert_eq!(syllabus_in(&course, &["build"]).status.code(), Some(0));
    let done = syllabus_in(&course, &["done", "how-to-read"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(course.join("progress.toml").is_file());
    std::fs::create_dir_all(course.join(".syllabus")).unwrap();
    std::fs::write(course.join(".syllabus/links.json"), "{}").unwrap();
    std::fs::write(course.join(".syllabus/sync.json"), "{}").unwrap();
    for path in ["site/index.html", ".syllabus/links.json", "progress.toml"] {
        assert!(ignored(&course, path), "{path} is not ignored");
    }
    for path in [
        ".syllabus/sync.json",
        "topics/course.toml",
        "topics/how-to-read.toml",
        ".github/workflows/pages.yml",
        "README.md",
        ".gitignore",
    ] {
        assert!(!ignored(&course, path), "{path} is ignored");
    }

    // This repository ignores the same, line for line.
    let ours = std::fs::read_to_string(root().join(".gitignore")).unwrap();
    let theirs = std::fs::read_to_string(course.join(".gitignore")).unwrap();
    for pattern in theirs
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        assert!(
            ours.lines().any(|l| l == pattern),
            "{pattern} missing from .gitignore"
        );
    }
}
