//! The course site: the plan as static HTML pages plus `plan.md`, `plan.json` and assets.
//!
//! This module owns the site's shape (which pages exist, their order, their file names), the
//! single-file HTML export, writing the site atomically into `--out` (built beside it, then
//! swapped in, and only over a folder that carries our marker file), and, in `serve`, the
//! preview server that rebuilds on change. Pages come from the `site/*.html.j2` templates and
//! read only the `Plan`, so anything later added to the plan can show up by editing templates.

pub mod search;
pub mod serve;

use crate::diagnostics::Diagnostic;
use crate::model::{Kind, Level};
use crate::plan::Plan;
use crate::render::{self, html, Templates};
use minijinja::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by `syllabus build`, and so safe to replace.
pub const MARKER: &str = ".syllabus-site";

/// One output file: a bare file name inside the site folder, and its bytes.
#[derive(Clone, Debug)]
pub struct SiteFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a build wrote.
#[derive(Clone, Debug)]
pub struct Summary {
    pub files: usize,
    pub pages: usize,
    pub bytes: u64,
}

/// A page's place in reading order.
struct Entry {
    name: String,
    title: String,
}

/// How many topics the index graph draws at most; beyond that it is a wall nobody can read,
/// and laying it out would cost more than the rest of the build.
pub const GRAPH_MAX_TOPICS: usize = 200;

/// The widest graph drawn, in px: scaled into a column of about 730 px, a wider one has labels
/// too small to read.
const GRAPH_MAX_WIDTH: f64 = 1600.0;

/// Longest `<meta name="description">`, in characters.
const DESCRIPTION_CHARS: usize = 160;

/// Every file of the site, in memory; nothing is written yet.
///
/// Each page carries only its own content: the contents sidebar is one shared `toc.js`, so the
/// whole build grows linearly with the plan.
pub fn render(plan: &Plan, templates: &Templates) -> Result<Vec<SiteFile>, Diagnostic> {
    let base = base_context(plan);
    let order = reading_order(plan);
    let position: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), i))
        .collect();
    let neighbours = |name: &str| {
        let at = position.get(name).copied();
        let link = |e: &Entry| {
            Value::from_serialize(BTreeMap::from([("href", &e.name), ("title", &e.title)]))
        };
        let prev = at.and_then(|i| i.checked_sub(1)).map(|i| link(&order[i]));
        let next = at.and_then(|i| order.get(i + 1)).map(link);
        [
            ("prev", prev.unwrap_or(Value::UNDEFINED)),
            ("next", next.unwrap_or(Value::UNDEFINED)),
        ]
    };

    let mut files = Vec::new();
    let [prev, next] = neighbours("index.html");
    files.push(page(
        templates,
        "site/index.html.j2",
        "index.html",
        &base,
        [
            ("page", Value::from("index")),
            ("graph", graph(plan, html::topic_page)),
            prev,
            next,
        ],
    )?);
    for (n, stage) in plan.stages.iter().enumerate() {
        files.extend(stage_pages(templates, &base, n, stage, &neighbours)?);
    }
    files.push(page(
        templates,
        "site/print.html.j2",
        "print.html",
        &base,
        [("page", Value::from("print"))],
    )?);
    files.push(checklist(plan, templates, &base)?);
    files.extend(data_files(plan, templates)?);
    for file in &files {
        check_name(&file.name)?;
    }
    Ok(files)
}

type Neighbours<'a> = dyn Fn(&str) -> [(&'static str, Value); 2] + 'a;

/// A stage's page and the pages of its topics.
fn stage_pages(
    templates: &Templates,
    base: &BTreeMap<&'static str, Value>,
    n: usize,
    stage: &crate::plan::PlanStage,
    neighbours: &Neighbours,
) -> Result<Vec<SiteFile>, Diagnostic> {
    let describe = |md: &str| Value::from(html::plain_text(md, DESCRIPTION_CHARS));
    let name = html::stage_page(&stage.id);
    let [prev, next] = neighbours(&name);
    let about = if stage.guidance.is_empty() {
        &stage.title
    } else {
        &stage.guidance
    };
    let mut files = vec![page(
        templates,
        "site/stage.html.j2",
        &name,
        base,
        [
            ("page", Value::from("stage")),
            ("current", Value::from(stage.id.as_str())),
            ("stage", Value::from_serialize(stage)),
            ("number", Value::from(n + 1)),
            ("description", describe(about)),
            prev,
            next,
        ],
    )?];
    // A topic page names its stage; serializing the whole stage for each of its topics
    // would make the build quadratic in the stage's size.
    let stage_head = Value::from(BTreeMap::from([
        ("id", Value::from(stage.id.as_str())),
        ("title", Value::from(stage.title.as_str())),
        ("guidance", Value::from(stage.guidance.as_str())),
        ("minutes", Value::from(stage.minutes)),
    ]));
    for topic in &stage.topics {
        let name = html::topic_page(&topic.id);
        let [prev, next] = neighbours(&name);
        files.push(page(
            templates,
            "site/topic.html.j2",
            &name,
            base,
            [
                ("page", Value::from("topic")),
                ("current", Value::from(topic.id.as_str())),
                ("topic", Value::from_serialize(topic)),
                ("stage", stage_head.clone()),
                ("number", Value::from(n + 1)),
                ("description", describe(&topic.summary)),
                prev,
                next,
            ],
        )?);
    }
    Ok(files)
}

/// Reading order, like a book: overview, then each stage followed by its topics.
fn reading_order(plan: &Plan) -> Vec<Entry> {
    let mut order = vec![Entry {
        name: "index.html".into(),
        title: "Overview".into(),
    }];
    for (n, stage) in plan.stages.iter().enumerate() {
        order.push(Entry {
            name: html::stage_page(&stage.id),
            title: format!("Stage {}: {}", n + 1, stage.title),
        });
        for topic in &stage.topics {
            order.push(Entry {
                name: html::topic_page(&topic.id),
                title: topic.title.clone(),
            });
        }
    }
    order
}

fn checklist(
    plan: &Plan,
    templates: &Templates,
    base: &BTreeMap<&'static str, Value>,
) -> Result<SiteFile, Diagnostic> {
    let levels: Vec<&str> = Level::ALL
        .iter()
        .filter(|&&v| plan.links().any(|l| l.level == v))
        .map(|v| v.as_str())
        .collect();
    let kinds: Vec<&str> = Kind::ALL
        .iter()
        .filter(|&&v| plan.links().any(|l| l.kind == v))
        .map(|v| v.as_str())
        .collect();
    let description = format!(
        "Reading checklist for {}: tick readings as you go, filter by level and kind.",
        plan.title
    );
    page(
        templates,
        "site/checklist.html.j2",
        "checklist.html",
        base,
        [
            ("page", Value::from("checklist")),
            ("levels", Value::from_serialize(&levels)),
            ("kinds", Value::from_serialize(&kinds)),
            ("description", Value::from(description)),
        ],
    )
}

/// Everything but the pages: the plan as data, the shared contents and search index, assets.
fn data_files(plan: &Plan, templates: &Templates) -> Result<Vec<SiteFile>, Diagnostic> {
    let mut files = vec![
        SiteFile {
            name: "plan.md".into(),
            bytes: render::markdown(plan, templates)?.into_bytes(),
        },
        // Compact, unlike `plan --format json`: it is for programs, and half the size.
        SiteFile {
            name: "plan.json".into(),
            bytes: (serde_json::to_string(plan).expect("a plan always serializes") + "\n")
                .into_bytes(),
        },
    ];
    let index = search::build(plan);
    let contents = templates.render(
        "site/contents.html.j2",
        Value::from(BTreeMap::from([("plan", Value::from_serialize(plan))])),
    )?;
    // One script every page loads (and the browser caches): the sidebar's contents and the
    // names of the search shards that exist.
    let site = serde_json::json!({
        "toc": contents,
        "search": { "chunk": search::CHUNK, "keys": index.keys },
    });
    files.push(SiteFile {
        name: "toc.js".into(),
        bytes: format!("window.syllabusSite={site};\n").into_bytes(),
    });
    files.extend(index.files);
    for (asset, name) in [
        ("site/style.css", "style.css"),
        ("site/checklist.js", "checklist.js"),
        ("site/site.js", "site.js"),
    ] {
        files.push(SiteFile {
            name: name.into(),
            bytes: templates.asset(asset).as_bytes().to_vec(),
        });
    }
    Ok(files)
}

/// The prerequisite graph for a template: the SVG and how many implied edges it leaves out, or
/// the topic count when there are too many to draw.
fn graph(plan: &Plan, href: impl Fn(&str) -> String) -> Value {
    let topics = plan.topics().count();
    let too_big = || {
        Value::from(BTreeMap::from([
            ("svg", Value::from("")),
            ("implied", Value::from(0)),
            ("too_big", Value::from(topics)),
        ]))
    };
    if topics > GRAPH_MAX_TOPICS {
        return too_big();
    }
    let drawn = render::graph_svg(plan, href);
    if drawn.width > GRAPH_MAX_WIDTH {
        return too_big();
    }
    Value::from(BTreeMap::from([
        ("svg", Value::from_safe_string(drawn.svg)),
        ("implied", Value::from(drawn.implied)),
        ("too_big", Value::from(0)),
    ]))
}

/// The whole plan as one HTML file with its CSS inlined, for `plan --format html`.
pub fn standalone(plan: &Plan, templates: &Templates) -> Result<String, Diagnostic> {
    let base = base_context(plan);
    // Graph nodes point at the topic sections of this same page.
    let graph = graph(plan, |id| format!("#topic-{id}"));
    // A stylesheet can hold `</style>` only by mistake; never let it close the element early.
    let css = templates.asset("site/style.css").replace("</", "<\\/");
    let file = page(
        templates,
        "site/print.html.j2",
        "plan.html",
        &base,
        [
            ("page", Value::from("print")),
            ("standalone", Value::from(true)),
            ("inline_css", Value::from_safe_string(css)),
            ("graph", graph),
        ],
    )?;
    Ok(String::from_utf8(file.bytes).expect("templates render UTF-8"))
}

/// Render the site and write it into `out`, replacing an earlier build there.
pub fn build(plan: &Plan, templates: &Templates, out: &Path) -> Result<Summary, Diagnostic> {
    check_out(out)?;
    let files = render(plan, templates)?;
    write_site(out, &files)?;
    Ok(Summary {
        files: files.len() + 1,
        pages: files.iter().filter(|f| f.name.ends_with(".html")).count(),
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
    })
}

/// An existing `out` must be a folder syllabus wrote; anything else is someone's work.
pub fn check_out(out: &Path) -> Result<(), Diagnostic> {
    if out.file_name().is_none() {
        return Err(Diagnostic::error(
            None,
            format!(
                "--out {}: give a folder name for the site, not `.` or `/`",
                out.display()
            ),
        ));
    }
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Diagnostic::error(None, format!("cannot inspect {}: {e}", out.display()))),
        Ok(meta) if meta.is_dir() && out.join(MARKER).is_file() => Ok(()),
        Ok(_) => Err(Diagnostic::error(
            None,
            format!(
                "refusing to replace {}: it exists and was not written by syllabus (no {MARKER} file in it)",
                out.display()
            ),
        )
        .with_help("choose another --out folder, or move that one away; syllabus left it untouched")),
    }
}

/// Write `files` into a fresh folder beside `out`, then swap it in, so that `out` is always
/// either the old site or the new one, never half of each.
fn write_site(out: &Path, files: &[SiteFile]) -> Result<(), Diagnostic> {
    let io = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::error(None, format!("cannot {what} {}: {e}", path.display()))
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
    // `site/../site` names the folder through itself: once it is moved aside the path no longer
    // resolves, so the parent is resolved first and every step uses the resolved path.
    let parent = std::fs::canonicalize(&parent).map_err(|e| io("resolve", &parent, e))?;
    let name = out
        .file_name()
        .expect("checked by check_out")
        .to_string_lossy()
        .into_owned();
    let out = &parent.join(&name);
    remove_dead_builds(&parent, &name);
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    for stale in [&fresh, &old] {
        if stale.exists() {
            std::fs::remove_dir_all(stale).map_err(|e| io("remove", stale, e))?;
        }
    }
    let result = (|| {
        std::fs::create_dir(&fresh).map_err(|e| io("create", &fresh, e))?;
        // The marker goes first: a build killed halfway leaves a folder a later build may remove.
        let marker = fresh.join(MARKER);
        std::fs::write(
            &marker,
            "Written by `syllabus build`, which replaces this whole folder on the next build.\n",
        )
        .map_err(|e| io("write", &marker, e))?;
        if files.iter().any(|f| f.name.starts_with(SEARCH_DIR)) {
            let dir = fresh.join(SEARCH_DIR);
            std::fs::create_dir(&dir).map_err(|e| io("create", &dir, e))?;
        }
        for file in files {
            let path = fresh.join(&file.name);
            std::fs::write(&path, &file.bytes).map_err(|e| io("write", &path, e))?;
        }
        if out.exists() {
            std::fs::rename(out, &old).map_err(|e| io("move aside", out, e))?;
            if let Err(e) = std::fs::rename(&fresh, out) {
                let _ = std::fs::rename(&old, out);
                return Err(io("move into place", out, e));
            }
            // The new site is in place; a leftover old copy is untidy, not wrong.
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&fresh, out).map_err(|e| io("move into place", out, e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&fresh);
    }
    result
}

/// Removes `.NAME.new-PID` and `.NAME.old-PID` folders that a build killed before it finished
/// left beside the site: only ours (they hold the marker) and only when process PID is gone.
fn remove_dead_builds(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [".new-", ".old-"].iter().find_map(|kind| {
            file_name
                .strip_prefix(&format!(".{name}{kind}"))
                .and_then(|pid| pid.parse::<u32>().ok())
        });
        let path = entry.path();
        if let Some(pid) = pid {
            if !process_alive(pid) && path.join(MARKER).is_file() {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Without /proc there is no cheap, dependency-free check: keep the folder.
#[cfg(not(target_os = "linux"))]
fn process_alive(_: u32) -> bool {
    true
}

const SEARCH_DIR: &str = "search/";

/// Output names are bare file names; ids are validated upstream, and this keeps any slip from
/// writing outside the site folder.
/// The one folder allowed is `search/`, for the index shards.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let bare = name.strip_prefix(SEARCH_DIR).unwrap_or(name);
    let ok = !bare.is_empty()
        && !bare.starts_with('.')
        && bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(Diagnostic::error(
            None,
            format!("refusing to write a site file named {name:?}"),
        ))
    }
}

/// For each week, the topics its readings belong to, in order, with how many each.
fn week_topics(plan: &Plan) -> Vec<Vec<BTreeMap<&'static str, Value>>> {
    let topic_of: HashMap<&str, &crate::plan::PlanTopic> = plan
        .topics()
        .flat_map(|t| t.links.iter().map(move |l| (l.id.as_str(), t)))
        .collect();
    let mut weeks = Vec::with_capacity(plan.weeks.len());
    for week in &plan.weeks {
        let mut topics: Vec<(&str, &str, usize)> = Vec::new();
        for id in &week.links {
            let Some(t) = topic_of.get(id.as_str()) else {
                continue;
            };
            match topics.iter_mut().find(|(seen, _, _)| *seen == t.id) {
                Some(entry) => entry.2 += 1,
                None => topics.push((&t.id, &t.title, 1)),
            }
        }
        weeks.push(
            topics
                .into_iter()
                .map(|(id, title, count)| {
                    BTreeMap::from([
                        ("id", Value::from(id)),
                        ("title", Value::from(title)),
                        ("count", Value::from(count)),
                    ])
                })
                .collect(),
        );
    }
    weeks
}

fn base_context(plan: &Plan) -> BTreeMap<&'static str, Value> {
    let mut ctx = render::context(plan);
    ctx.insert("week_topics", Value::from_serialize(week_topics(plan)));
    ctx.extend([
        ("standalone", Value::from(false)),
        ("inline_css", Value::from(())),
        ("graph", Value::from(())),
        (
            "description",
            Value::from(html::plain_text(&plan.description, DESCRIPTION_CHARS)),
        ),
        ("current", Value::from(())),
        ("prev", Value::from(())),
        ("next", Value::from(())),
    ]);
    ctx
}

fn page<const N: usize>(
    templates: &Templates,
    template: &str,
    name: &str,
    base: &BTreeMap<&'static str, Value>,
    extra: [(&'static str, Value); N],
) -> Result<SiteFile, Diagnostic> {
    let mut ctx = base.clone();
    ctx.extend(extra.into_iter().filter(|(_, v)| !v.is_undefined()));
    let text = templates.render(template, Value::from(ctx))?;
    Ok(SiteFile {
        name: name.to_string(),
        bytes: text.into_bytes(),
    })
}
