//! The course site: the plan as static HTML pages, its shared contents and search index, and
//! assets.
//!
//! This module owns the site's shape (which pages exist, their order, their file names) and
//! the single-file HTML export; `write` puts the files in `--out` atomically (and only over a
//! folder that carries our marker file), `context` is what each template is given, and
//! `serve` is the preview server that rebuilds on change. Pages come from the
//! `site/*.html.j2` templates and read only the `Plan`, so anything later added to the plan can
//! show up by editing templates.
//!
//! The build is linear in the plan and holds one page at a time: each page carries only its own
//! content (the contents sidebar is one shared `toc.js`; a reading is listed on its topic's
//! page, on the checklist and in the search index, nowhere else), and each page is written into
//! its file as it renders.

mod context;
pub(crate) mod search;
pub mod serve;
mod write;

use crate::diagnostics::Diagnostic;
use crate::plan::Plan;
use crate::render::{self, html, Templates};
use context::{
    ChecklistBody, Common, Entry, Graph, GraphBody, IndexBody, Page, StageBody, StageHead,
    StandaloneBody, TopicBody,
};
use minijinja::Value;
use serde::Serialize;
use std::path::Path;
use write::Writer;

/// The file that marks a folder as written by `syllabus build`, and so safe to replace.
pub(crate) const MARKER: &str = ".syllabus-site";

/// One output file other than a page (the search index's shards): a file name inside the site
/// folder, and its bytes.
#[derive(Clone, Debug)]
pub(crate) struct SiteFile {
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

/// How many topics the index graph draws at most; beyond that it is a wall nobody can read,
/// and laying it out would cost more than the rest of the build.
pub(crate) const GRAPH_MAX_TOPICS: usize = 200;

/// The widest graph drawn, in px: scaled into a column of about 730 px, a wider one has labels
/// too small to read.
const GRAPH_MAX_WIDTH: f64 = 1600.0;

/// Longest `<meta name="description">`, in characters.
const DESCRIPTION_CHARS: usize = 160;

/// What a build writes besides the pages.
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras {
    /// `plan.md` and `plan.json` beside the pages, linked from every page's header. Left out
    /// unless asked: each lists every reading again, which for a large corpus is more than the
    /// pages themselves (at 1,000 topics, 10 MB beside 13 MB).
    pub data: bool,
}

/// Render the site and write it into `out`, replacing an earlier build there.
pub fn build(
    plan: &Plan,
    templates: &Templates,
    out: &Path,
    extras: Extras,
) -> Result<Summary, Diagnostic> {
    check_out(out)?;
    let mut site = Writer::create(out)?;
    let heads: Vec<StageHead> = plan.stages.iter().map(StageHead::new).collect();
    let common = Common::site(plan, &heads, extras.data);
    write_pages(plan, templates, &common, &heads, &mut site)?;
    write_data(plan, templates, &common, &mut site)?;
    if extras.data {
        write_plan_files(plan, templates, &mut site)?;
    }
    site.finish()
}

/// `plan.md` as `syllabus plan` prints it, and `plan.json` compact: it is for programs, and
/// half the size of `plan --format json`.
fn write_plan_files(
    plan: &Plan,
    templates: &Templates,
    site: &mut Writer,
) -> Result<(), Diagnostic> {
    site.add("plan.md", render::markdown(plan, templates)?.as_bytes())?;
    let mut json = serde_json::to_vec(plan).expect("a plan always serializes");
    json.push(b'\n');
    site.add("plan.json", &json)
}

/// Every page, in reading order (like a book: the overview, then each stage followed by its
/// topics), then the checklist; each written as soon as it is rendered.
fn write_pages(
    plan: &Plan,
    templates: &Templates,
    common: &Common,
    heads: &[StageHead],
    site: &mut Writer,
) -> Result<(), Diagnostic> {
    let pager = Pager {
        common,
        order: reading_order(plan),
    };
    let titles = context::titles(plan);
    // The graph has a page of its own, drawn at its full size: scaled into the overview's
    // column its labels were a third of that on a phone.
    let drawn = graph(plan, html::topic_page);
    let index = IndexBody {
        has_graph: drawn.too_big == 0 && drawn.width > 0.0,
        week_topics: context::week_topics(plan),
    };
    let mut at = 0;
    let describe = context::describe;
    let ctx = pager.page(Some(at), "index", describe(&plan.description), index);
    render_to(site, templates, "index.html", &ctx)?;
    for (n, (stage, head)) in plan.stages.iter().zip(heads).enumerate() {
        at += 1;
        let about = if stage.guidance.is_empty() {
            &stage.title
        } else {
            &stage.guidance
        };
        let body = StageBody {
            stage: head,
            number: n + 1,
        };
        let ctx = pager.page(Some(at), "stage", describe(about), body);
        render_to(site, templates, &html::stage_page(&stage.id), &ctx)?;
        for topic in &stage.topics {
            at += 1;
            let body = TopicBody::new(plan, &titles, stage, n + 1, topic);
            let ctx = pager.page(Some(at), "topic", describe(&topic.summary), body);
            render_to(site, templates, &html::topic_page(&topic.id), &ctx)?;
        }
    }
    let description = format!(
        "Reading checklist for {}: tick readings as you go, filter by level and kind, print it.",
        plan.title
    );
    let ctx = pager.page(None, "checklist", description, ChecklistBody::new(plan));
    render_to(site, templates, "checklist.html", &ctx)?;
    let description = format!(
        "Which topics of {} need which: the prerequisite graph.",
        plan.title
    );
    let ctx = pager.page(None, "graph", description, GraphBody { graph: drawn });
    render_to(site, templates, "graph.html", &ctx)
}

/// Makes each page's context: the shared part, and the page's neighbours in reading order.
struct Pager<'a> {
    common: &'a Common,
    order: Vec<Entry>,
}

impl Pager<'_> {
    /// The page at `at` in reading order (`None` for one outside it, the checklist).
    fn page<B: Serialize>(
        &self,
        at: Option<usize>,
        page: &'static str,
        description: String,
        body: B,
    ) -> Page<'_, B> {
        let near = |i: Option<usize>| i.and_then(|i| self.order.get(i));
        Page {
            common: self.common,
            page,
            description,
            prev: near(at.and_then(|i| i.checked_sub(1))),
            next: near(at.map(|i| i + 1)),
            body,
        }
    }
}

/// Render a page with the template of its kind (`site/topic.html.j2`, ...) into file `name`.
fn render_to<B: Serialize>(
    site: &mut Writer,
    templates: &Templates,
    name: &str,
    ctx: &Page<B>,
) -> Result<(), Diagnostic> {
    let template = format!("site/{}.html.j2", ctx.page);
    let ctx = Value::from_serialize(ctx);
    site.add_with(name, |out| templates.render_to_write(&template, ctx, out))
}

/// The pages in reading order, as the pager names them.
fn reading_order(plan: &Plan) -> Vec<Entry> {
    let mut order = vec![Entry {
        href: "index.html".into(),
        title: "Overview".into(),
    }];
    for (n, stage) in plan.stages.iter().enumerate() {
        order.push(Entry {
            href: html::stage_page(&stage.id),
            title: format!("Stage {}: {}", n + 1, stage.title),
        });
        for topic in &stage.topics {
            order.push(Entry {
                href: html::topic_page(&topic.id),
                title: topic.title.clone(),
            });
        }
    }
    order
}

/// Everything but the pages: the shared contents and search index, and the assets.
fn write_data(
    plan: &Plan,
    templates: &Templates,
    common: &Common,
    site: &mut Writer,
) -> Result<(), Diagnostic> {
    let contents = templates.render("site/contents.html.j2", Value::from_serialize(common))?;
    let index = search::build(plan);
    // One script every page loads (and the browser caches): the sidebar's contents and the
    // names of the search shards that exist.
    let shared = serde_json::json!({
        "toc": contents,
        "search": { "chunk": search::CHUNK, "keys": index.keys },
        "weeks": plan.weeks.len(),
    });
    site.add(
        "toc.js",
        format!("window.syllabusSite={shared};\n").as_bytes(),
    )?;
    for file in &index.files {
        site.add(&file.name, &file.bytes)?;
    }
    for (asset, name) in [
        ("site/style.css", "style.css"),
        ("site/checklist.js", "checklist.js"),
        ("site/site.js", "site.js"),
    ] {
        site.add(name, templates.asset(asset).as_bytes())?;
    }
    Ok(())
}

/// The prerequisite graph for a template, or the topic count when there are too many to draw.
fn graph(plan: &Plan, href: impl Fn(&str) -> String) -> Graph {
    let topics = plan.topics().count();
    let too_big = || Graph {
        svg: Value::from(""),
        implied: 0,
        too_big: topics,
        width: 0.0,
    };
    if topics > GRAPH_MAX_TOPICS {
        return too_big();
    }
    let drawn = render::graph_svg(plan, href);
    if drawn.width > GRAPH_MAX_WIDTH {
        return too_big();
    }
    Graph {
        svg: Value::from_safe_string(drawn.svg),
        implied: drawn.implied,
        too_big: 0,
        width: drawn.width,
    }
}

/// The whole plan as one HTML file with its CSS inlined, for `plan --format html`.
pub fn standalone(plan: &Plan, templates: &Templates) -> Result<String, Diagnostic> {
    // A stylesheet can hold `</style>` only by mistake; never let it close the element early.
    let css = templates.asset("site/style.css").replace("</", "<\\/");
    let common = Common::standalone(plan, css);
    // Graph nodes point at the topic sections of this same page.
    let graph = graph(plan, |id| format!("#topic-{id}"));
    let ctx = Page {
        common: &common,
        page: "print",
        description: context::describe(&plan.description),
        prev: None,
        next: None,
        body: StandaloneBody::new(plan, graph),
    };
    templates.render("site/print.html.j2", Value::from_serialize(&ctx))
}

/// An existing `out` must be a folder syllabus wrote; anything else is someone's work.
pub fn check_out(out: &Path) -> Result<(), Diagnostic> {
    if out.file_name().is_none() {
        return Err(Diagnostic::error(
            None,
            format!(
                "--output {}: give a folder name for the site, not `.` or `/`",
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
        .with_help("choose another --output folder, or move that one away; syllabus left it untouched")),
    }
}
