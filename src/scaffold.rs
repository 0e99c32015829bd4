//! `syllabus new`: a course of one's own to start from. This module owns the starter files (the
//! corpus folder `topics/` with `course.toml` and a first topic, a README for the course, and
//! the GitHub Pages workflow) and, for `--from`, the proposal of topics from the headings or
//! groups of links the user already has. Reading those files, filing the links and writing the
//! `[[link]]` tables is `import`'s work: this module only decides which topic each group gets.
//!
//! Layout of a new course `DIR`: `DIR/topics/` is the corpus (so `syllabus check` run inside
//! `DIR` finds it), `DIR/README.md`, `DIR/.github/workflows/pages.yml`.
//!
//! Nothing is written into a folder that holds anything: the course is put together in a
//! temporary folder beside `DIR`, checked, and renamed into place, so a failed `new` leaves
//! nothing behind.

use crate::corpus::{self, Source};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::import::{self, Candidate, Report};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml_edit::{value, DocumentMut};

/// The corpus folder inside a new course.
pub(crate) const TOPICS: &str = "topics";

/// The two example stages: (id, title, guidance).
const STAGES: [(&str, &str, &str); 2] = [
    (
        "basics",
        "The basics",
        "What to read first: the vocabulary and the map of the field.",
    ),
    (
        "further",
        "Going further",
        "The readings that build on the basics.",
    ),
];

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Files of links to start from (any import format).
    pub from: Vec<PathBuf>,
    pub format: import::Format,
    /// A course to learn prerequisites from (`--like DIR`); without it, the built-in course
    /// when the list is about its field.
    pub like: Option<PathBuf>,
    /// Learn from no course, not even the built-in one.
    pub no_like: bool,
    /// Draft and check the course, write nothing: [`Created::draft`] says what it would be.
    pub dry_run: bool,
    /// The address the lists are published at, for their relative links (`import --base`).
    pub base: Option<url::Url>,
}

/// What `new` made.
#[derive(Debug)]
pub struct Created {
    /// Every file written, relative to the course folder, in order.
    pub files: Vec<PathBuf>,
    /// The topics proposed from the input, with the number of links filed under each.
    pub topics: Vec<(String, usize)>,
    /// The import of `--from` files, when there were any.
    pub report: Option<Report>,
    /// The draft made from the `--from` files, when there were any.
    pub draft: Option<crate::draft::Draft>,
}

/// Creates the course in `dir`, which must not exist or be empty.
/// `Err` when `new` wrote nothing: a folder it may not fill or a `--from` file whose format
/// cannot be told is [`Error::Usage`]; an unreadable input or a failed write is not.
pub fn create(dir: &Path, options: &Options) -> Result<Created, Error> {
    if !options.dry_run {
        refuse_non_empty(dir)?;
    }
    let topics_dir = dir.join(TOPICS);
    let title = course_title(dir);
    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut proposed = Vec::new();
    let mut report = None;
    let mut drafted = None;
    if options.from.is_empty() {
        files.insert(
            topics_dir.join("course.toml"),
            course_toml(&title, true, &example_stages()),
        );
        files.insert(topics_dir.join("how-to-read.toml"), EXAMPLE_TOPIC.into());
    } else {
        let (corpus, topics, rep, d) = from_links(&topics_dir, &title, options)?;
        files.extend(corpus);
        proposed = topics;
        report = Some(rep);
        drafted = Some(d);
    }
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, text)| Source {
            path: path.clone(),
            text: text.clone(),
        })
        .collect();
    // The promise of `new` is a course `check` accepts; a proposal it refuses is our bug.
    corpus::load(&sources).map_err(|mut found| {
        found.push(
            Diagnostic::error(None, "the new course would not pass `syllabus check`")
                .with_help("nothing was written; please report this with the files you passed"),
        );
        Error::Invalid(found)
    })?;
    let mut readme = course_readme(&title);
    if let Some(d) = &drafted {
        readme.push_str(&crate::draft::render::readme(d));
    }
    files.insert(dir.join("README.md"), readme);
    files.insert(dir.join(".gitignore"), GITIGNORE.into());
    files.insert(
        dir.join(".github/workflows/pages.yml"),
        pages_workflow(published_repository(), env!("CARGO_PKG_VERSION")),
    );
    if !options.dry_run {
        write_folder(dir, &files)?;
    }
    Ok(Created {
        files: files
            .keys()
            .map(|p| p.strip_prefix(dir).unwrap_or(p).to_path_buf())
            .collect(),
        topics: proposed,
        report,
        draft: drafted,
    })
}

fn refuse_non_empty(dir: &Path) -> Result<(), Error> {
    let usage = |message: String, help: &str| {
        Error::usage(Diagnostic::error(None, message).with_help(help))
    };
    if dir.exists() && !dir.is_dir() {
        return Err(usage(
            format!("{} exists and is not a folder", dir.display()),
            "name a new folder: `syllabus new my-course`",
        ));
    }
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(usage(
                format!("{} is not empty; `new` writes only into an empty or new folder", dir.display()),
                "name a new folder (`syllabus new my-course`), or add links to an existing course with `syllabus import FILE --topics DIR/topics`",
            ));
        }
    }
    Ok(())
}

/// "my-distsys-course" -> "My distsys course".
fn course_title(dir: &Path) -> String {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words: Vec<&str> = name
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        title.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    if title.is_empty() {
        "My course".into()
    } else {
        title
    }
}

/// The example stages, as [`course_toml`] takes them.
fn example_stages() -> Vec<(String, String, String)> {
    STAGES
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn course_toml(title: &str, example: bool, stages: &[(String, String, String)]) -> String {
    let mut doc = DocumentMut::new();
    doc["title"] = value(title);
    doc["description"] = value(if example {
        "What this course teaches and for whom, in a paragraph of Markdown."
    } else {
        "Started from links I had collected. Say here what this course teaches and for whom."
    });
    let mut text = String::from(
        "# The course: its title, a description (Markdown) and its stages, in reading order.\n\
         # Each topic is a file beside this one, named <topic-id>.toml; `syllabus check` validates them.\n",
    );
    text.push_str(&doc.to_string());
    for (id, stage_title, guidance) in stages {
        let mut stage = DocumentMut::new();
        stage["id"] = value(id.as_str());
        stage["title"] = value(stage_title.as_str());
        stage["guidance"] = value(guidance.as_str());
        text.push_str(&format!("\n[[stage]]\n{stage}"));
    }
    text
}

const EXAMPLE_TOPIC: &str = r#"# An example topic: the file name is its id. Copy this file for each topic of your course.
title = "How to read"
summary = "Reading a paper or a long post in passes, so that each reading pays off."
stage = "basics"
# Topic ids this topic needs first, e.g. requires = ["other-topic"].
requires = []
# Words that identify the topic: `syllabus import` files new links under it when they match.
keywords = ["reading", "how to read"]

[[link]]
url = "http://ccr.sigcomm.org/online/files/p83-keshavA.pdf"
title = "How to Read a Paper"
kind = "paper"
level = "intro"
minutes = 20
authors = ["S. Keshav"]
note = "The three-pass method: skim for the map, read for the argument, re-derive for the details."
"#;

/// The one topic of a draft that found none: empty, in the first stage, saying why.
fn no_topic(draft: &mut crate::draft::Draft) {
    if draft.stages.is_empty() {
        draft.stages.push(crate::draft::Stage {
            id: "part-1".into(),
            title: "Part 1".into(),
            outcome: "The readings of the list, once filed into topics.".into(),
        });
    }
    draft.topics.push(crate::draft::Topic {
        id: "unsorted".into(),
        title: "Unsorted".into(),
        summary: "No topic could be drafted from the list (no sections, and too few readings \
                  sharing words): its readings wait in the inbox. File them here or into \
                  topics of your own."
            .into(),
        origin: "no section or group of readings in the list".into(),
        keywords: Vec::new(),
        members: Vec::new(),
        requires: Vec::new(),
        stage: 0,
        further: false,
        intro: false,
    });
}

/// What a course's repository leaves out: what the tools rebuild or what is the reader's own.
/// `.syllabus/sync.json` (the feed's reading position) is not here: it is committed with the
/// corpus, so that the next `sync`, on any machine or in the workflow, reads only what is new.
pub(crate) const GITIGNORE: &str = "\
# The site `syllabus build` and `syllabus serve` write; the Pages workflow rebuilds it on each push.
/site/
# The link checker's cache (`syllabus check --links`).
/.syllabus/links.json
# Your reading progress (`syllabus done`): yours, not the course's.
/progress.toml
";

/// The public repository this `syllabus` was built from (`repository` in its Cargo.toml), which
/// courses install it from; `None` when there is none or it is a placeholder, so that no
/// generated file, link or User-Agent names an address that leads nowhere.
pub fn published_repository() -> Option<&'static str> {
    real_repository(env!("CARGO_PKG_REPOSITORY"))
}

/// `repo` when it is an https address on a real host: not empty and not on a name reserved for
/// examples (`example.invalid` and the like, RFC 2606), which is how a placeholder is written.
fn real_repository(repo: &str) -> Option<&str> {
    let url = url::Url::parse(repo).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let reserved = host.ends_with(".invalid")
        || host.ends_with(".example")
        || host.ends_with(".test")
        || host.ends_with(".localhost")
        || ["example.com", "example.org", "example.net"]
            .iter()
            .any(|e| host == *e || host.ends_with(&format!(".{e}")));
    (url.scheme() == "https" && !reserved).then_some(repo)
}

fn course_readme(title: &str) -> String {
    let title = title.replace(['<', '>', '[', ']', '`', '*', '_', '#'], "");
    // Linked only where it is published: a crates.io link before then could name another crate.
    let tool = match published_repository() {
        None => "`syllabus`".to_string(),
        Some(repo) => format!("[syllabus]({repo})"),
    };
    format!(
        "# {title}\n\n\
A study course made with {tool}: `topics/` holds the\n\
links, one file per topic, and `topics/course.toml` the stages.\n\n\
```sh\n\
syllabus check            # validate topics/: every problem with its file:line:col and the fix\n\
syllabus plan             # the staged plan, as Markdown\n\
syllabus import FILE      # add links from a feed, a Markdown list, bookmarks, RSS or BibTeX\n\
syllabus sync             # add the new posts of the Bluesky feed named by [feed] in course.toml\n\
syllabus serve            # preview the course site on http://127.0.0.1:3000/\n\
syllabus build            # write the course site into site/\n\
```\n\n\
Links `import` could not place wait in `topics/inbox.toml`; move each into a topic file.\n\n\
## Publishing\n\n\
`.github/workflows/pages.yml` builds the site on every push to `main` and publishes it on\n\
GitHub Pages: in the repository's settings, under Pages, set the source to \"GitHub Actions\".\n\
It installs the `syllabus` this course was made with (version {version}); to move to a newer\n\
one, change the version in its install step and cache key.\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// The workflow's install step (from `run:` on), at the version that made the course: built
/// from the tag `v{version}` of the repository this binary came from, once per version (the
/// cache step before it keeps the binary). Without a published repository there is nowhere to
/// install from, and the step stops the workflow saying what to write instead, rather than
/// failing in `cargo install` on a crate or address that does not exist.
fn install_step(repo: Option<&str>, version: &str) -> String {
    match repo {
        Some(repo) => {
            format!("run: cargo install --locked --git {repo} --tag v{version} syllabus")
        }
        None => format!(
            "# The syllabus that wrote this file names no public repository to install it from.\n        \
             # Replace these lines with `cargo install --locked --git <its repository> --tag v{version} syllabus`.\n        \
             run: |\n          \
             echo \"::error::pages.yml: say where to install syllabus {version} from (the Install syllabus step)\"\n          \
             exit 1"
        ),
    }
}

fn pages_workflow(repo: Option<&str>, version: &str) -> String {
    format!(
        "# Publish the course site on GitHub Pages on every push to main.
# In the repository settings, under Pages, set \"Source\" to \"GitHub Actions\".
name: Publish the course site

on:
  push:
    branches: [main]
  workflow_dispatch:
  # To import the new posts of the course's Bluesky feed (`[feed] actor` in topics/course.toml)
  # every Monday and publish them, uncomment these two lines, the sync step below, and
  # `contents: write` under permissions (the step commits topics/ and .syllabus/sync.json).
  # schedule:
  #   - cron: \"0 6 * * 1\"

permissions:
  contents: read
  # contents: write
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: true

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # syllabus {version} is built on the first run (some minutes), then comes from the cache.
      - uses: actions/cache@v4
        id: syllabus
        with:
          path: ~/.cargo/bin/syllabus
          key: syllabus-{version}-${{{{ runner.os }}}}
      - uses: dtolnay/rust-toolchain@stable
        if: steps.syllabus.outputs.cache-hit != 'true'
      - name: Install syllabus
        if: steps.syllabus.outputs.cache-hit != 'true'
        {install}
      # - name: Import new posts from the feed
      #   if: github.event_name == 'schedule'
      #   run: |
      #     syllabus sync
      #     git config user.name \"syllabus sync\"
      #     git config user.email \"syllabus-sync@users.noreply.github.com\"
      #     git add topics .syllabus/sync.json
      #     git diff --cached --quiet || (git commit -m \"sync: new posts from the feed\" && git push)
      - name: Check the corpus
        run: syllabus check
      - name: Build the site
        run: syllabus build --output site
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
",
        install = install_step(repo, version)
    )
}

/// The corpus files of a course started from `options.from`, the topics proposed with their
/// link counts, the import report and the draft.
type FromLinks = (
    BTreeMap<PathBuf, String>,
    Vec<(String, usize)>,
    Report,
    crate::draft::Draft,
);

fn from_links(topics_dir: &Path, title: &str, options: &Options) -> Result<FromLinks, Error> {
    let mut inputs = Vec::new();
    let mut warnings = Vec::new();
    for file in &options.from {
        let mut parsed = import::read_based(file, options.format, options.base.as_ref())?;
        // A work named without an address is kept, marked, rather than dropped: `import`
        // skips it, but a draft that silently loses half a bibliography misleads its curator.
        let unaddressed: Vec<Candidate> = std::mem::take(&mut parsed.unaddressed)
            .into_iter()
            .filter_map(|(key, c)| crate::draft::unaddressed(&key, c))
            .collect();
        let kept: Vec<usize> = unaddressed.iter().map(|c| c.line).collect();
        parsed.skipped.retain(|d| {
            !(d.message.contains("has no url, pdf, doi")
                || d.message.contains("not an http(s) URL"))
                || d.origin.as_ref().is_none_or(|o| !kept.contains(&o.line))
        });
        warnings.extend(parsed.skipped);
        let mut links = parsed.links;
        // A campus proxy's address opens for its members only: the publisher's instead.
        links.iter_mut().for_each(import::proxy::prefer_public);
        links.extend(unaddressed);
        links.sort_by_key(|c| c.line);
        inputs.push((file.clone(), links));
    }
    warnings.extend(crate::draft::shared_addresses(&mut inputs));
    crate::draft::same_titles(&mut inputs);
    let (like, consulted) = like_course(options, &inputs)?;
    let mut draft = crate::draft::draft(&inputs, like.as_ref());
    draft.consulted = consulted;
    let mut files = BTreeMap::new();
    if draft.topics.is_empty() {
        // Nothing to group by (a short feed, say). A course needs a topic: an empty one that
        // says so, in the draft itself, so that the dry run, the README and the files agree
        // and nothing enters the course that the list does not hold (the scaffold's example
        // topic once did, with a paper of its own).
        no_topic(&mut draft);
    }
    {
        let stages: Vec<(String, String, String)> = draft
            .stages
            .iter()
            .map(|s| (s.id.clone(), s.title.clone(), s.outcome.clone()))
            .collect();
        files.insert(
            topics_dir.join("course.toml"),
            course_toml(title, false, &stages),
        );
    }
    for t in &draft.topics {
        files.insert(
            topics_dir.join(format!("{}.toml", t.id)),
            crate::draft::render::topic_toml(&draft, t),
        );
    }
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, text)| Source {
            path: path.clone(),
            text: text.clone(),
        })
        .collect();
    let course = corpus::load(&sources)?.course;
    let (mut rows, invalid) = import::decide::decide(&course, &inputs, None);
    warnings.extend(invalid);
    warnings.sort_by(|a, b| a.origin.cmp(&b.origin));
    let counts = place(&mut rows, &inputs, &draft);
    let truncated = rows
        .iter()
        .filter(|r| r.is_new() && r.candidate.url_status == crate::model::UrlStatus::Truncated)
        .count();
    if truncated > 0 {
        // One line for all of them: a feed dump cuts most URLs, and `plan` flags each anyway.
        warnings.push(
            Diagnostic::warning(
                None,
                format!(
                    "{} cut short by the source; kept as given with url_status = \"truncated\"",
                    crate::words::count(truncated, "URL")
                ),
            )
            .with_help("replace each with the full URL and remove its url_status line"),
        );
    }
    // The inbox readings the draft knows a closest topic for, by URL key.
    let closest: BTreeMap<String, String> = draft
        .inbox
        .iter()
        .filter_map(|((f, i), why)| {
            let topic = why.split("; closest topic: ").nth(1)?;
            let c = inputs.get(*f)?.1.get(*i)?;
            Some((corpus::url_key::key(&c.url), topic.to_string()))
        })
        .collect();
    let rendered =
        import::write::render(&course, topics_dir, &sources, &rows).map_err(Error::invalid)?;
    files.extend(rendered.into_iter().map(|(path, text)| {
        // The inbox is no topic of the plan: its order is nobody's. Its readings say where
        // the draft would have filed them, when it has a guess.
        if path.file_stem().is_some_and(|s| s == "inbox") {
            let text = name_closest_topics(&text, &closest);
            return (path, text);
        }
        let kept = keep_reading_order(&text);
        let further = draft
            .topics
            .iter()
            .any(|t| t.further && path.file_stem().is_some_and(|s| *s == *t.id));
        if further {
            return (path, mark_optional(&kept));
        }
        (path, kept)
    }));
    // Counted in the files as written: the import folds duplicate addresses into one link
    // after `place` counted each (a reviewer found 5 of 8 READMEs disagreeing with them).
    let topics = draft
        .topics
        .iter()
        .map(|t| {
            let written = files
                .get(&topics_dir.join(format!("{}.toml", t.id)))
                .and_then(|text| text.parse::<DocumentMut>().ok())
                .and_then(|doc| doc.get("link")?.as_array_of_tables().map(|l| l.len()));
            (
                t.id.clone(),
                written.unwrap_or_else(|| counts.get(&t.id).copied().unwrap_or(0)),
            )
        })
        .collect();
    draft.written = files
        .iter()
        .filter(|(path, _)| path.parent() == Some(topics_dir))
        .filter_map(|(path, text)| {
            let id = path.file_stem()?.to_str()?.to_string();
            let doc = text.parse::<DocumentMut>().ok()?;
            let n = doc.get("link")?.as_array_of_tables()?.len();
            Some((id, n))
        })
        .collect();
    // The README counts the inbox's readings by reason: one per link the inbox file holds, as
    // the import folded them (a credit link repeated under ten readings is one link).
    let inbox = files
        .get(&topics_dir.join("inbox.toml"))
        .and_then(|text| text.parse::<DocumentMut>().ok());
    let mut held: BTreeSet<String> = inbox
        .iter()
        .filter_map(|doc| doc.get("link")?.as_array_of_tables())
        .flatten()
        .filter_map(|l| l.get("url")?.as_str().map(corpus::url_key::key))
        .collect();
    draft.inbox.retain(|((f, i), _)| {
        inputs
            .get(*f)
            .and_then(|(_, cs)| cs.get(*i))
            .is_some_and(|c| held.remove(&corpus::url_key::key(&c.url)))
    });
    let report = Report {
        rows,
        warnings,
        written: Vec::new(),
    };
    Ok((files, topics, report, draft))
}

/// Puts "# Closest topic: X" above each inbox link the draft sent there from a themeless
/// cluster, so that the curator can file it without searching.
fn name_closest_topics(text: &str, closest: &BTreeMap<String, String>) -> String {
    if closest.is_empty() {
        return text.to_string();
    }
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text.to_string();
    };
    let Some(links) = doc.get_mut("link").and_then(|l| l.as_array_of_tables_mut()) else {
        return text.to_string();
    };
    for t in links.iter_mut() {
        let Some(url) = t.get("url").and_then(|u| u.as_str()) else {
            continue;
        };
        let Some(topic) = closest.get(&corpus::url_key::key(url)) else {
            continue;
        };
        // The topic title came from the list: one line of plain text in a comment.
        let topic: String = topic
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Some(mut k) = t.key_mut("url") {
            k.leaf_decor_mut().set_prefix(format!(
                "# Closest topic: {topic} (no theme of its own; the further reading was full)\n"
            ));
        }
    }
    doc.to_string()
}

/// Puts every link of the further reading topic on the optional track: what the list gives
/// beside its topics is listed by `plan`, outside the core hours, and scheduled only with
/// `--optional`.
fn mark_optional(text: &str) -> String {
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text.to_string();
    };
    let Some(links) = doc.get_mut("link").and_then(|l| l.as_array_of_tables_mut()) else {
        return text.to_string();
    };
    for t in links.iter_mut() {
        t.insert("optional", toml_edit::value(true));
    }
    doc.to_string()
}

/// The draft writes a topic's readings in its reading order (introductory first, then by
/// year, else the author's order). `plan` keeps a topic file's order between links of one
/// level but puts a lower level first, so the file lists its links by level, stably: that
/// order is the one `plan` shows, and no link needs a `requires` line that would only say
/// "read this one first" and read as a dependency (109 of 170 links of a database list had
/// one).
fn keep_reading_order(text: &str) -> String {
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return text.to_string();
    };
    let Some(links) = doc.get_mut("link").and_then(|l| l.as_array_of_tables_mut()) else {
        return text.to_string();
    };
    // `plan`'s order among links that do not require one another; a link this cannot read
    // keeps its place after those before it.
    let key = |t: &toml_edit::Table| -> Option<(bool, crate::model::Level)> {
        Some((
            t.get("optional").and_then(|o| o.as_bool()).unwrap_or(false),
            crate::model::Level::parse(t.get("level")?.as_str()?)?,
        ))
    };
    let mut tables: Vec<toml_edit::Table> = links.iter().cloned().collect();
    let keys: Vec<Option<(bool, crate::model::Level)>> = tables.iter().map(key).collect();
    if keys.iter().any(Option::is_none) || keys.windows(2).all(|w| w[0] <= w[1]) {
        return text.to_string();
    }
    let mut order: Vec<usize> = (0..tables.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let mut sorted: Vec<toml_edit::Table> = Vec::with_capacity(tables.len());
    let mut taken: Vec<Option<toml_edit::Table>> = tables.drain(..).map(Some).collect();
    for i in order {
        sorted.push(taken[i].take().expect("each link once"));
    }
    links.clear();
    for t in sorted {
        links.push(t);
    }
    doc.to_string()
}

/// The course the draft learns prerequisites from: `--like DIR`, else the built-in course
/// when the list is about its field, else none; and a sentence for the README saying which
/// and why.
fn like_course(
    options: &Options,
    inputs: &[(PathBuf, Vec<Candidate>)],
) -> Result<(Option<crate::model::Course>, String), Error> {
    if options.no_like {
        return Ok((
            None,
            "No course was consulted: `--no-like` asked for none.".into(),
        ));
    }
    if let Some(dir) = &options.like {
        let topics = if dir.join(TOPICS).is_dir() {
            dir.join(TOPICS)
        } else {
            dir.clone()
        };
        let course = corpus::load_dir(&topics)
            .map(|l| l.course)
            .map_err(Error::Invalid)?;
        let why = format!(
            "The course \"{}\" was consulted for topics and prerequisites: `--like` named it.",
            crate::draft::plain(&course.title)
        );
        return Ok((Some(course), why));
    }
    let builtin = corpus::load(&corpus::embedded_sources())
        .map(|l| l.course)
        .map_err(Error::Invalid)?;
    let share = crate::draft::same_field(&builtin, inputs);
    let title = crate::draft::plain(&builtin.title);
    let counts = format!(
        "{} of the {} readings' titles use words distinctive of its field (two in five needed), \
         and {} are its own readings (one in ten, at least {}, needed)",
        share.distinctive,
        share.readings,
        share.cited,
        crate::draft::SAME_FIELD_CITED
    );
    Ok(if share.same() {
        (
            Some(builtin),
            format!(
                "The built-in course \"{title}\" was consulted for topics and prerequisites, as the list is about its field: {counts}."
            ),
        )
    } else {
        (
            None,
            format!(
                "No course was consulted: the list is not about the field of the built-in course \"{title}\" ({counts}); `--like DIR` names a course to learn from."
            ),
        )
    })
}

/// Files each row under its draft topic, in the draft's reading order, and counts the new
/// links each topic gets. The draft decides: the suggester would file a link under a parent
/// heading's topic as readily as under its own.
fn place(
    rows: &mut Vec<import::Row>,
    inputs: &[(PathBuf, Vec<Candidate>)],
    draft: &crate::draft::Draft,
) -> BTreeMap<String, usize> {
    // Where each reading goes, and its rank in the order the files are written in.
    let mut place: BTreeMap<(usize, usize), (&str, usize)> = BTreeMap::new();
    for t in &draft.topics {
        for m in &t.members {
            let rank = place.len();
            place.insert(*m, (t.id.as_str(), rank));
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen: BTreeMap<(PathBuf, usize, String), usize> = BTreeMap::new();
    let mut ranks = Vec::with_capacity(rows.len());
    for row in rows.iter_mut() {
        let file = inputs
            .iter()
            .position(|(f, _)| **f == *row.file)
            .unwrap_or(0);
        // decide() keeps candidates in input order and drops only invalid URLs: find this
        // row's candidate by its line and title among the file's candidates.
        let key = (
            row.file.to_path_buf(),
            row.candidate.line,
            row.candidate.title.to_string(),
        );
        let nth = seen.entry(key).or_insert(0);
        let index = inputs[file]
            .1
            .iter()
            .enumerate()
            .filter(|(_, c)| c.line == row.candidate.line && *c.title == *row.candidate.title)
            .map(|(i, _)| i)
            .nth(*nth);
        *nth += 1;
        row.also.clear();
        let placed = index.and_then(|i| place.get(&(file, i)));
        row.topic = placed.map(|(id, _)| (*id).into());
        ranks.push(placed.map_or(usize::MAX, |(_, r)| *r));
        if let (Some(t), true) = (&row.topic, row.is_new()) {
            *counts.entry(t.to_string()).or_default() += 1;
        }
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| ranks[i]);
    let mut taken: Vec<Option<import::Row>> = rows.drain(..).map(Some).collect();
    rows.extend(order.into_iter().filter_map(|i| taken[i].take()));
    counts
}

/// Writes `files` (paths under `dir`) into a temporary folder beside `dir`, then renames it into
/// place, so `dir` appears whole or not at all. An existing empty `dir` (`syllabus new .`)
/// receives the few top-level entries one rename each instead.
fn write_folder(dir: &Path, files: &BTreeMap<PathBuf, String>) -> Result<(), Error> {
    let failed = |what: String, e: std::io::Error| {
        Error::io(
            Diagnostic::error(None, format!("{what}: {e}"))
                .with_help("check that the folder is writable; nothing was left behind"),
        )
    };
    let exists = dir.is_dir();
    let target = if exists {
        dir.canonicalize()
            .map_err(|e| failed(format!("cannot read {}", dir.display()), e))?
    } else {
        dir.to_path_buf()
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "course".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let mut moved = Vec::new();
    let result = (|| {
        for (path, text) in files {
            let rel = path.strip_prefix(dir).unwrap_or(path);
            let file = staging.join(rel);
            if let Some(p) = file.parent() {
                std::fs::create_dir_all(p)
                    .map_err(|e| failed(format!("cannot create {}", p.display()), e))?;
            }
            std::fs::write(&file, text)
                .map_err(|e| failed(format!("cannot write {}", file.display()), e))?;
        }
        if !exists {
            return std::fs::rename(&staging, &target)
                .map_err(|e| failed(format!("cannot create {}", dir.display()), e));
        }
        let entries = std::fs::read_dir(&staging)
            .map_err(|e| failed(format!("cannot read {}", staging.display()), e))?;
        for entry in entries.flatten() {
            let to = target.join(entry.file_name());
            std::fs::rename(entry.path(), &to)
                .map_err(|e| failed(format!("cannot write {}", to.display()), e))?;
            moved.push(to);
        }
        Ok(())
    })();
    if result.is_err() {
        for path in &moved {
            let _ = std::fs::remove_dir_all(path).or_else(|_| std::fs::remove_file(path));
        }
    }
    let _ = std::fs::remove_dir_all(&staging);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_repository_is_no_repository() {
        for placeholder in [
            "",
            "https://syllabus.example.invalid/syllabus",
            "https://example.com/owner/syllabus",
            "https://git.example.org/syllabus",
            "http://github.com/someone/syllabus",
            "<repository URL>",
        ] {
            assert_eq!(real_repository(placeholder), None, "{placeholder}");
        }
        let real = "https://github.com/someone/syllabus";
        assert_eq!(real_repository(real), Some(real));
    }

    /// The workflow installs the version that wrote it, from the tag of that version, or says
    /// it cannot; it never names a crate or an address that is not there.
    #[test]
    fn the_workflow_installs_this_version_from_the_repository_or_stops() {
        let real = pages_workflow(Some("https://github.com/someone/syllabus"), "1.2.3");
        assert!(
            real.contains(
                "        run: cargo install --locked --git https://github.com/someone/syllabus --tag v1.2.3 syllabus\n"
            ),
            "{real}"
        );
        assert!(
            real.contains("key: syllabus-1.2.3-${{ runner.os }}"),
            "{real}"
        );
        // Both forms are YAML whose install step is what the text says.
        for (text, run) in [
            (
                &real,
                "cargo install --locked --git https://github.com/someone/syllabus --tag v1.2.3 syllabus",
            ),
            (
                &pages_workflow(None, "1.2.3"),
                "echo \"::error::pages.yml: say where to install syllabus 1.2.3 from (the Install syllabus step)\"\nexit 1\n",
            ),
        ] {
            let doc = &yaml_rust2::YamlLoader::load_from_str(text).unwrap()[0];
            let steps = doc["jobs"]["build"]["steps"].as_vec().unwrap();
            let install = steps
                .iter()
                .find(|s| s["name"].as_str() == Some("Install syllabus"))
                .unwrap();
            assert_eq!(install["run"].as_str(), Some(run));
        }
        let none = pages_workflow(None, "1.2.3");
        assert!(!none.contains("run: cargo install"), "{none}");
        assert!(none.contains("--tag v1.2.3 syllabus`."), "{none}");
        assert!(none.contains("\n          exit 1\n"), "{none}");
        // The binary under test: its own Cargo.toml decides, and nothing else comes through.
        let made = pages_workflow(published_repository(), env!("CARGO_PKG_VERSION"));
        let placeholder = env!("CARGO_PKG_REPOSITORY");
        if published_repository().is_none() && !placeholder.is_empty() {
            assert!(!made.contains(placeholder), "{made}");
        }
    }

    /// A folder `new` may not fill is the command line's mistake (exit 2); a failed write is not.
    #[test]
    fn create_says_which_kind_of_failure() {
        let dir = tempfile::tempdir().unwrap();
        let options = Options::default();
        std::fs::write(dir.path().join("notes.txt"), "mine\n").unwrap();
        let full = create(dir.path(), &options).unwrap_err();
        assert!(matches!(&full, Error::Usage(_)), "{full:?}");
        assert_eq!(full.exit_code(), crate::error::EXIT_USAGE);
        let under_a_file = create(&dir.path().join("notes.txt/course"), &options).unwrap_err();
        assert!(matches!(&under_a_file, Error::Io(_)), "{under_a_file:?}");
        assert_eq!(under_a_file.exit_code(), crate::error::EXIT_INVALID);
        let from_missing = Options {
            from: vec![dir.path().join("none.md")],
            ..options
        };
        let err = create(&dir.path().join("course"), &from_missing).unwrap_err();
        assert!(matches!(&err, Error::Io(_)), "{err:?}");
        assert!(!dir.path().join("course").exists());
    }

    #[test]
    fn titles_come_from_the_folder_name() {
        assert_eq!(
            course_title(Path::new("my-distsys_course")),
            "My distsys course"
        );
        assert_eq!(course_title(Path::new("")), "My course");
    }
}
