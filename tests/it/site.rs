//! The course site: `build`, `plan --format html`, escaping, links that resolve, and refusing to
//! overwrite a folder syllabus did not write.
//!
//! Snapshots live in `tests/snapshots/site/`; after an intended change to the pages, run
//! `UPDATE_EXPECT=1 cargo test --test site` and review the diff.

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn syllabus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn build(corpus: &str, out: &Path) -> Output {
    let output = syllabus(&[
        "build",
        "--topics",
        fixture(corpus).to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

fn html_pages(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

fn select(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn site_pages_match_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build("valid", &out);
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/site");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut stale = Vec::new();
    for page in files(&out) {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        if !(name.ends_with(".html") || ["plan.json", "plan.md", "toc.js"].contains(&name.as_str()))
        {
            continue;
        }
        let actual = std::fs::read_to_string(&page).unwrap();
        let expected_path = snapshots.join(&name);
        if update {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            _ => stale.push(name),
        }
    }
    assert!(
        stale.is_empty(),
        "pages differ from tests/snapshots/site: {stale:?}; rerun with UPDATE_EXPECT=1 and review"
    );
}

#[test]
fn the_site_has_every_page_and_no_broken_internal_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build("valid", &out);
    for name in [
        "index.html",
        "checklist.html",
        "toc.js",
        "site.js",
        "style.css",
        "checklist.js",
        ".syllabus-site",
        "stage-foundations.html",
        "stage-time.html",
        "stage-consensus.html",
        "topic-consensus.html",
        "topic-time.html",
    ] {
        assert!(out.join(name).is_file(), "missing {name}");
    }

    let checked = crawl(&out);
    assert!(checked > 50, "only {checked} internal links checked");
    // A reading running over several weeks answers every week's link from the overview (the
    // practice fixture's project runs over five), and so does the shipped course.
    // At half an hour a week the small fixture's first week is short: its row says why.
    let shipped = crate::common::root().join("topics");
    for (corpus, hours) in [
        (fixture("practice"), "5"),
        (shipped, "5"),
        (fixture("valid"), "0.5"),
    ] {
        let out = dir.path().join("site2");
        let built = syllabus(&[
            "build",
            "--topics",
            corpus.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--hours-per-week",
            hours,
        ]);
        assert_eq!(
            built.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(index.contains("#week-"), "the overview links to weeks");
        if corpus.ends_with("valid") {
            assert!(index.contains("(a short week: what comes next, 0.5 h, is longer than the 0.3 h left, and nothing else can be read before it)"), "{index}");
        }
        crawl(&out);
    }
}

/// Check every link inside the site at `out`: its file exists and so does its fragment, in that
/// file or in this one. Returns how many links were checked.
fn crawl(out: &Path) -> usize {
    let mut ids_of: std::collections::HashMap<String, Vec<String>> = Default::default();
    for page in html_pages(out) {
        let text = std::fs::read_to_string(&page).unwrap();
        let doc = Html::parse_document(&text);
        let ids = doc
            .select(&select("[id]"))
            .filter_map(|e| e.value().attr("id"))
            .map(str::to_string)
            .collect();
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        ids_of.insert(name, ids);
    }
    let mut checked = 0;
    for page in html_pages(out) {
        let text = std::fs::read_to_string(&page).unwrap();
        let doc = Html::parse_document(&text);
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let ids: Vec<&str> = ids_of[&name].iter().map(String::as_str).collect();
        assert!(
            doc.select(&select("html[lang] head title"))
                .next()
                .is_some(),
            "{}: no title or lang",
            page.display()
        );
        assert_eq!(doc.select(&select("main")).count(), 1, "{}", page.display());
        // One policy for the page rather than rel="noreferrer" on each link: the sites a
        // reading links to are not told where the reader came from.
        assert!(
            doc.select(&select(r#"head meta[name=referrer][content=no-referrer]"#))
                .next()
                .is_some(),
            "{}: no referrer policy",
            page.display()
        );
        for element in doc.select(&select("[href], [src]")) {
            let target = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap();
            if target == "data:," {
                continue; // the empty favicon, which keeps browsers from asking for one
            }
            if target.starts_with("http://") || target.starts_with("https://") {
                // Without a target the page opened cannot reach back to this one (no
                // `window.opener`), so no `rel="noopener"` is needed either.
                assert_eq!(
                    element.value().attr("target"),
                    None,
                    "{}: external link {target} opens a new window",
                    page.display()
                );
                continue;
            }
            assert!(
                !target.contains(':'),
                "{}: odd link {target}",
                page.display()
            );
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            if !file.is_empty() {
                assert!(
                    !file.contains('/'),
                    "{}: link leaves the folder: {target}",
                    page.display()
                );
                assert!(
                    out.join(file).is_file(),
                    "{}: broken link {target}",
                    page.display()
                );
            }
            if !fragment.is_empty() {
                let there = if file.is_empty() {
                    ids.clone()
                } else {
                    ids_of
                        .get(file)
                        .map(|v| v.iter().map(String::as_str).collect())
                        .unwrap_or_default()
                };
                assert!(
                    there.contains(&fragment),
                    "{}: {target}: no id {fragment} there",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn topic_pages_show_relations_readings_and_unverified_urls() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build("valid", &out);
    let doc =
        Html::parse_document(&std::fs::read_to_string(out.join("topic-consensus.html")).unwrap());
    let relations: Vec<String> = doc
        .select(&select(".relations dd a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(relations, ["topic-impossibility.html", "topic-time.html"]);
    let marks: Vec<String> = doc
        .select(&select(".url-status"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(marks, ["⚠ URL truncated, not verified"]);
    assert_eq!(doc.select(&select("li.reading")).count(), 4);
    // The previous page in reading order is the stage that holds the topic.
    let prev = doc.select(&select("a[rel=prev]")).next().unwrap();
    assert_eq!(prev.value().attr("href"), Some("stage-consensus.html"));

    let time = std::fs::read_to_string(out.join("topic-time.html")).unwrap();
    let doc = Html::parse_document(&time);
    let unlocks: Vec<&str> = doc
        .select(&select(".relations dd a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(unlocks.contains(&"topic-consensus.html"), "{unlocks:?}");

    let checklist =
        Html::parse_document(&std::fs::read_to_string(out.join("checklist.html")).unwrap());
    let boxes: Vec<&str> = checklist
        .select(&select("input[type=checkbox][data-link]"))
        .filter_map(|e| e.value().attr("data-link"))
        .collect();
    assert_eq!(boxes.len(), 8);
    assert!(boxes.contains(&"paxos-made-simple"));
    // Each box is named by its reading's title, which is the link that opens the reading.
    for input in checklist.select(&select("input[type=checkbox]")) {
        let id = input.value().attr("aria-labelledby").expect("a named box");
        let title = checklist
            .select(&select(&format!("a[href^='https://']#{id}")))
            .next()
            .unwrap_or_else(|| panic!("no link #{id} names its box"));
        assert!(!title.text().collect::<String>().trim().is_empty(), "#{id}");
    }
}

/// No element or attribute that could run script, whatever the corpus held.
fn assert_no_live_markup(text: &str, what: &str) {
    let doc = Html::parse_document(text);
    for script in doc.select(&select("script")) {
        assert!(
            matches!(
                script.value().attr("src"),
                Some("checklist.js" | "site.js" | "toc.js")
            ),
            "{what}: a script element that is not ours"
        );
        assert_eq!(script.text().count(), 0, "{what}: inline script");
    }
    for tag in ["img", "iframe", "style", "object", "embed"] {
        // The standalone page carries its stylesheet inline; that one is ours.
        let allowed = usize::from(tag == "style" && what.contains("standalone"));
        assert_eq!(
            doc.select(&select(tag)).count(),
            allowed,
            "{what}: a live <{tag}>"
        );
    }
    assert_eq!(
        doc.select(&select("body svg")).count(),
        doc.select(&select("svg.graph")).count()
    );
    for element in doc.select(&select("*")) {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{what}: event handler {name}={value}"
            );
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{what}: {name}={value}"
            );
        }
    }
}

#[test]
fn corpus_text_is_escaped_and_prose_is_sanitized() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build("xss", &out);
    for page in html_pages(&out) {
        let text = std::fs::read_to_string(&page).unwrap();
        assert_no_live_markup(&text, &page.display().to_string());
    }
    let topic = std::fs::read_to_string(out.join("topic-hostile.html")).unwrap();
    let doc = Html::parse_document(&topic);
    // The hostile title reaches the reader as text, exactly.
    let link = doc.select(&select("li.reading > a")).next().unwrap();
    assert_eq!(
        link.text().collect::<String>(),
        "<img src=x onerror=alert(1)>"
    );
    let summary: String = doc
        .select(&select("main .prose"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(summary.contains("bold"), "{summary}");
    assert!(
        !summary.contains("alert(7)"),
        "the script's body is dropped: {summary}"
    );

    let standalone = syllabus(&[
        "plan",
        "--format",
        "html",
        "--topics",
        fixture("xss").to_str().unwrap(),
    ]);
    assert!(standalone.status.success());
    assert_no_live_markup(
        &String::from_utf8_lossy(&standalone.stdout),
        "standalone plan",
    );
}

/// The data-driven test over `tests/fixtures/bad/` checks the whole message; this keeps the
/// site's promise (no link can run script) next to the escaping tests.
#[test]
fn check_rejects_a_javascript_url() {
    let output = syllabus(&[
        "check",
        "--topics",
        fixture("bad/javascript-url").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("clocks.toml:7:7: error: URL `javascript:alert(1)` uses the `javascript:` scheme, which is not allowed"),
        "{stdout}"
    );
}

#[test]
fn a_folder_syllabus_did_not_write_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.tex"), "years of work").unwrap();
    let output = syllabus(&[
        "build",
        "--topics",
        fixture("valid").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("refusing to replace") && stderr.contains("not written by syllabus"),
        "{stderr}"
    );
    assert_eq!(files(&out), [out.join("thesis.tex")]);
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.tex")).unwrap(),
        "years of work"
    );
    // Nothing was left beside it either.
    assert_eq!(files(dir.path()), vec![out]);

    // A file in the way is refused the same way.
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep").unwrap();
    let output = syllabus(&[
        "build",
        "--topics",
        fixture("valid").to_str().unwrap(),
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
}

#[test]
fn a_rebuild_replaces_the_whole_site_and_leaves_no_temporary_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build("valid", &out);
    std::fs::write(out.join("stale.html"), "from an old build").unwrap();
    build("valid", &out);
    assert!(!out.join("stale.html").exists());
    assert!(out.join("index.html").is_file());
    assert_eq!(files(dir.path()), vec![out]);
}

#[test]
fn plan_format_html_is_one_standalone_page() {
    let output = syllabus(&[
        "plan",
        "--format",
        "html",
        "--topics",
        fixture("valid").to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let doc = Html::parse_document(&text);
    assert_eq!(doc.select(&select("head style")).count(), 1);
    assert_eq!(doc.select(&select("link[rel=stylesheet]")).count(), 0);
    assert_eq!(doc.select(&select("svg.graph a.g-node")).count(), 4);
    let ids: Vec<&str> = doc
        .select(&select("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .collect();
    // Every in-page link lands on this page; nothing points at files that do not exist.
    for a in doc.select(&select("[href]")) {
        let href = a.value().attr("href").unwrap();
        if let Some(fragment) = href.strip_prefix('#') {
            assert!(ids.contains(&fragment), "no #{fragment}");
        } else {
            assert!(
                href.starts_with("https://") || href.starts_with("http://") || href == "data:,",
                "{href}"
            );
        }
    }
}

/// Pages stay small whatever the plan's size: the contents are in the one shared toc.js.
#[test]
fn the_contents_are_shared_and_the_search_index_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build("valid", &out);
    let toc = std::fs::read_to_string(out.join("toc.js")).unwrap();
    let json = toc
        .strip_prefix("window.syllabusSite=")
        .and_then(|t| t.strip_suffix(";\n"))
        .expect("toc.js sets window.syllabusSite");
    let site: serde_json::Value = serde_json::from_str(json).unwrap();
    let contents = site["toc"].as_str().unwrap();
    for page in html_pages(&out) {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("topic-") || name.starts_with("stage-") {
            assert!(
                contents.contains(&format!("href=\"{name}\"")),
                "{name} not in the contents"
            );
            let text = std::fs::read_to_string(&page).unwrap();
            assert!(
                !text.contains("<ol>\n<li><a href=\"stage-"),
                "{name} embeds the contents"
            );
            assert!(
                text.contains("href=\"index.html#contents\""),
                "{name}: no way to the contents without JavaScript"
            );
        }
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<div id=\"contents\">"));

    // Controls that need the script are in the HTML from the start, so nothing moves when it
    // runs, and the stylesheet shows them only where scripting is on (`.js-only`); text for
    // readers without it is `.nojs-only`.
    let checklist = std::fs::read_to_string(out.join("checklist.html")).unwrap();
    assert!(checklist.contains("<form class=\"filters js-only\" id=\"filters\">"));
    assert!(checklist.contains("<p class=\"shown js-only\" id=\"shown\" aria-live=\"polite\">"));
    assert!(checklist
        .contains("<p class=\"hint nojs-only\">With JavaScript off, the boxes are not kept"));
    for page in [&index, &checklist] {
        assert!(page.contains("<div class=\"search js-only\" role=\"search\">"));
        assert!(page.contains("<button type=\"button\" class=\"menu-button js-only\""));
        assert!(page.contains("<button type=\"button\" class=\"menu-close js-only\""));
    }
    let script = std::fs::read_to_string(out.join("site.js")).unwrap();
    assert!(
        !script.contains("createElement(\"button\")"),
        "the script makes no controls"
    );
    let css = std::fs::read_to_string(out.join("style.css")).unwrap();
    assert!(css.contains("[hidden] { display: none !important; }"));
    assert!(css.contains("@media (scripting: none) { .js-only { display: none !important; } }"));

    // Each listed shard exists; a word of a note finds its reading, a word of a title its topic.
    let keys: Vec<&str> = site["search"]["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    for key in &keys {
        assert!(out.join(format!("search/t-{key}.js")).is_file(), "{key}");
    }
    let shard = std::fs::read_to_string(out.join("search/t-b.js")).unwrap();
    assert!(shard.starts_with("syllabusSearch.terms(\"b\",{"), "{shard}");
    assert!(shard.contains("\"bivalence\":["), "{shard}");
    let docs = std::fs::read_to_string(out.join("search/d0.js")).unwrap();
    // A reading names its topic's row in the chunk's table, which names the page.
    assert!(
        docs.contains(r#"["topic-impossibility.html","#)
            || docs.contains(r#","topic-impossibility.html"]"#),
        "{docs}"
    );
    assert!(
        docs.contains(
            r#"["Impossibility of Distributed Consensus with One Faulty Process","flp","#
        ),
        "{docs}"
    );
}

/// `build --data` puts the plan as Markdown and JSON beside the pages, the same plan `plan`
/// prints, and every page links to both; without it neither file nor link is there.
#[test]
fn data_files_are_written_and_linked_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let topics = fixture("valid");
    let topics = topics.to_str().unwrap();
    let plain = dir.path().join("plain");
    build("valid", &plain);
    assert!(!plain.join("plan.md").exists() && !plain.join("plan.json").exists());
    let index = std::fs::read_to_string(plain.join("index.html")).unwrap();
    assert!(!index.contains("plan.json"), "{index}");

    let out = dir.path().join("site");
    let built = syllabus(&[
        "build",
        "--data",
        "--topics",
        topics,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let markdown = syllabus(&["plan", "--topics", topics]);
    assert_eq!(
        std::fs::read(out.join("plan.md")).unwrap(),
        markdown.stdout,
        "plan.md is what `plan` prints"
    );
    let json = syllabus(&["plan", "--format", "json", "--topics", topics]);
    let printed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let written = std::fs::read_to_string(out.join("plan.json")).unwrap();
    assert_eq!(written.lines().count(), 1, "compact JSON, one line");
    let written: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(written, printed);
    for page in html_pages(&out) {
        let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let nav: Vec<String> = doc
            .select(&select("nav[aria-label=Site] a"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert_eq!(
            nav,
            [
                "index.html",
                "checklist.html",
                "graph.html",
                "plan.md",
                "plan.json"
            ],
            "{}",
            page.display()
        );
    }
}
