//! The course site: the plan as static HTML pages plus `plan.md`, `plan.json` and assets.
//!
//! This module owns the site's shape (which pages exist, their order, their file names), the
//! single-file HTML export, writing the site atomically into `--out` (built beside it, then
//! swapped in, and only over a folder that carries our marker file), and, in `serve`, the
//! preview server that rebuilds on change. Pages come from the `site/*.html.j2` templates and
//! read only the `Plan`, so anything later added to the plan can show up by editing templates.

pub mod serve;

use crate::diagnostics::Diagnostic;
use crate::model::{Kind, Level};
use crate::plan::Plan;
use crate::render::{self, html, Templates};
use minijinja::Value;
use std::collections::BTreeMap;
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

/// Every file of the site, in memory; nothing is written yet.
pub fn render(plan: &Plan, templates: &Templates) -> Result<Vec<SiteFile>, Diagnostic> {
    let base = base_context(plan);
    let mut files = Vec::new();

    // Reading order, like a book: overview, then each stage followed by its topics.
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
    let position: BTreeMap<&str, usize> = order
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
        (
            prev.unwrap_or(Value::UNDEFINED),
            next.unwrap_or(Value::UNDEFINED),
        )
    };

    let graph = Value::from_safe_string(render::graph_svg(plan, html::topic_page));
    let (prev, next) = neighbours("index.html");
    files.push(page(
        templates,
        "site/index.html.j2",
        "index.html",
        &base,
        [
            ("page", Value::from("index")),
            ("graph", graph),
            ("prev", prev),
            ("next", next),
        ],
    )?);
    for (n, stage) in plan.stages.iter().enumerate() {
        let name = html::stage_page(&stage.id);
        let (prev, next) = neighbours(&name);
        files.push(page(
            templates,
            "site/stage.html.j2",
            &name,
            &base,
            [
                ("page", Value::from("stage")),
                ("current", Value::from(stage.id.as_str())),
                ("stage", Value::from_serialize(stage)),
                ("number", Value::from(n + 1)),
                ("prev", prev),
                ("next", next),
            ],
        )?);
        for topic in &stage.topics {
            let name = html::topic_page(&topic.id);
            let (prev, next) = neighbours(&name);
            files.push(page(
                templates,
                "site/topic.html.j2",
                &name,
                &base,
                [
                    ("page", Value::from("topic")),
                    ("current", Value::from(topic.id.as_str())),
                    ("topic", Value::from_serialize(topic)),
                    ("stage", Value::from_serialize(stage)),
                    ("number", Value::from(n + 1)),
                    ("prev", prev),
                    ("next", next),
                ],
            )?);
        }
    }
    files.push(page(
        templates,
        "site/print.html.j2",
        "print.html",
        &base,
        [("page", Value::from("print"))],
    )?);
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
    files.push(page(
        templates,
        "site/checklist.html.j2",
        "checklist.html",
        &base,
        [
            ("page", Value::from("checklist")),
            ("levels", Value::from_serialize(&levels)),
            ("kinds", Value::from_serialize(&kinds)),
        ],
    )?);
    files.push(SiteFile {
        name: "plan.md".into(),
        bytes: render::markdown(plan, templates)?.into_bytes(),
    });
    files.push(SiteFile {
        name: "plan.json".into(),
        bytes: render::json(plan).into_bytes(),
    });
    for (asset, name) in [
        ("site/style.css", "style.css"),
        ("site/checklist.js", "checklist.js"),
    ] {
        files.push(SiteFile {
            name: name.into(),
            bytes: templates.asset(asset).as_bytes().to_vec(),
        });
    }
    for file in &files {
        check_name(&file.name)?;
    }
    Ok(files)
}

/// The whole plan as one HTML file with its CSS inlined, for `plan --format html`.
pub fn standalone(plan: &Plan, templates: &Templates) -> Result<String, Diagnostic> {
    let base = base_context(plan);
    // Graph nodes point at the topic sections of this same page.
    let graph = render::graph_svg(plan, |id| format!("#topic-{id}"));
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
            ("graph", Value::from_safe_string(graph)),
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

/// Output names are bare file names; ids are validated upstream, and this keeps any slip from
/// writing outside the site folder.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name
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

fn base_context(plan: &Plan) -> BTreeMap<&'static str, Value> {
    let mut ctx = render::context(plan);
    ctx.extend([
        ("standalone", Value::from(false)),
        ("inline_css", Value::from(())),
        ("graph", Value::from(())),
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
