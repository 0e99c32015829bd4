//! The template set: built into the binary, each file overridable from `--templates DIR`.

use crate::diagnostics::Diagnostic;
use crate::model::Origin;
use minijinja::{Environment, Value};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Every template the renderers use, with its built-in text.
const BUILT_IN: &[(&str, &str)] = &[
    ("plan.md.j2", include_str!("../../templates/plan.md.j2")),
    (
        "site/layout.html.j2",
        include_str!("../../templates/site/layout.html.j2"),
    ),
    (
        "site/index.html.j2",
        include_str!("../../templates/site/index.html.j2"),
    ),
    (
        "site/stage.html.j2",
        include_str!("../../templates/site/stage.html.j2"),
    ),
    (
        "site/topic.html.j2",
        include_str!("../../templates/site/topic.html.j2"),
    ),
    (
        "site/print.html.j2",
        include_str!("../../templates/site/print.html.j2"),
    ),
    (
        "site/checklist.html.j2",
        include_str!("../../templates/site/checklist.html.j2"),
    ),
    (
        "site/graph.html.j2",
        include_str!("../../templates/site/graph.html.j2"),
    ),
    (
        "site/macros.html.j2",
        include_str!("../../templates/site/macros.html.j2"),
    ),
    (
        "site/contents.html.j2",
        include_str!("../../templates/site/contents.html.j2"),
    ),
];

/// Files copied into the site as they are (no template syntax), also overridable.
const ASSETS: &[(&str, &str)] = &[
    (
        "site/style.css",
        include_str!("../../templates/site/style.css"),
    ),
    (
        "site/checklist.js",
        include_str!("../../templates/site/checklist.js"),
    ),
    ("site/site.js", include_str!("../../templates/site/site.js")),
];

/// The templates renderers fill: the built-in ones, each overridable by a file of the same
/// name in a folder (`--templates DIR`).
pub struct Templates {
    env: Environment<'static>,
    /// Each overridden template: its name, the file it came from and the text read (for
    /// error messages, which show its line without reading the file again).
    overrides: Vec<(String, PathBuf, String)>,
    /// Asset name -> its text, built-in or overridden.
    assets: Vec<(String, String)>,
}

impl Templates {
    /// The built-in templates, with any file of the same name in `dir` taking its place. A
    /// missing folder is a usage error, a file that cannot be read an I/O error, a template
    /// that does not parse invalid input.
    pub fn load(dir: Option<&Path>) -> Result<Self, crate::Error> {
        let cannot = |path: &Path, e: std::io::Error| {
            crate::Error::io(Diagnostic::error(
                None,
                format!("cannot read {}: {e}", path.display()),
            ))
        };
        let mut env = environment();
        let mut overrides = Vec::new();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(crate::Error::usage(
                    Diagnostic::error(
                        None,
                        format!("--templates {}: no such folder", dir.display()),
                    )
                    .with_help("pass a folder holding templates to override, such as plan.md.j2"),
                ));
            }
        }
        for (name, text) in BUILT_IN {
            let custom = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            let (source, origin_path) = match &custom {
                Some(path) => {
                    let text = std::fs::read_to_string(path).map_err(|e| cannot(path, e))?;
                    (text, Some(path.clone()))
                }
                None => (text.to_string(), None),
            };
            if let Some(path) = origin_path {
                overrides.push((name.to_string(), path, source.clone()));
            }
            env.add_template_owned(name.to_string(), source)
                .map_err(|e| crate::Error::invalid(template_error(&overrides, e)))?;
        }
        let mut assets = Vec::new();
        for (name, text) in ASSETS {
            let custom = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            let text = match custom {
                Some(path) => std::fs::read_to_string(&path).map_err(|e| cannot(&path, e))?,
                None => text.to_string(),
            };
            assets.push((name.to_string(), text));
        }
        Ok(Templates {
            env,
            overrides,
            assets,
        })
    }

    /// Whether the template `name` is the reader's own rather than the built-in one.
    pub fn overrides(&self, name: &str) -> bool {
        self.overrides.iter().any(|(n, _, _)| n == name)
    }

    /// The text of a static asset such as `site/style.css`.
    pub(crate) fn asset(&self, name: &str) -> &str {
        self.assets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("{name} is not a built-in asset"))
    }

    pub(crate) fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, Diagnostic> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&self.overrides, e))?;
        template
            .render(ctx)
            .map_err(|e| template_error(&self.overrides, e))
    }
}

impl Templates {
    /// [`Templates::render`] into `out`, as the text is made.
    pub(crate) fn render_to_write(
        &self,
        name: &str,
        ctx: minijinja::Value,
        out: impl std::io::Write,
    ) -> Result<(), Diagnostic> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&self.overrides, e))?;
        template
            .render_captured_to(ctx, out)
            .map(|_| ())
            .map_err(|e| template_error(&self.overrides, e))
    }
}

/// The environment every template renders in: strict about undefined values, with the
/// filters the templates use and an escaping formatter.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // HTML escaping as minijinja does it, except that `/` stays `/`: every attribute here
    // is quoted, where a slash is harmless, and `&#x2f;` made each URL half as long again.
    // Text without escaping (the Markdown) is written as it is, as minijinja's formatter
    // would, without going through `Display` (a tenth of rendering a large plan).
    env.set_formatter(
        |out, state, value| match (value.as_str(), state.auto_escape()) {
            (Some(text), minijinja::AutoEscape::Html) if !value.is_safe() => out
                .write_str(&super::html::escape(text))
                .map_err(minijinja::Error::from),
            (Some(text), minijinja::AutoEscape::None) => {
                out.write_str(text).map_err(minijinja::Error::from)
            }
            _ => minijinja::escape_formatter(out, state, value),
        },
    );
    env.add_filter("hours", |m: u32| super::hours(m));
    env.add_filter("hours_text", |m: u32| {
        let h = super::hours(m);
        let unit = if h == "1" { "hour" } else { "hours" };
        format!("{h} {unit}")
    });
    env.add_filter("count", |n: usize, word: &str| crate::words::count(n, word));
    env.add_filter("md", text_filter(super::markdown_inline));
    env.add_filter("mdurl", text_filter(super::markdown_url));
    env.add_filter("mdprose", text_filter(super::markdown_prose));
    // For the `.html.j2` templates, which minijinja auto-escapes: prose is rendered and
    // sanitized, then marked safe; URLs are limited to http(s).
    env.add_filter("markdown", |s: &str| {
        minijinja::Value::from_safe_string(super::html::markdown(s))
    });
    env.add_filter("weburl", |s: &str| super::html::safe_url(s).to_string());
    env.add_filter("topic_page", |id: &str| super::html::topic_page(id));
    env.add_filter("stage_page", |id: &str| super::html::stage_page(id));
    env
}

/// A filter from text to text, given `change`: a value it leaves as it is is handed back
/// itself, not copied (most titles, URLs and notes have nothing to escape). Anything but text is
/// refused as minijinja refuses it for a `&str` argument.
fn text_filter(
    change: fn(&str) -> Cow<'_, str>,
) -> impl Fn(Value) -> Result<Value, minijinja::Error> + Send + Sync + 'static {
    move |value: Value| {
        let text = value.as_str().ok_or_else(|| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                "value is not a string",
            )
        })?;
        let changed = match change(text) {
            Cow::Borrowed(_) => None,
            Cow::Owned(changed) => Some(changed),
        };
        Ok(match changed {
            Some(changed) => Value::from(changed),
            // Text marked safe stays unmarked, as it was when the filter made a new string.
            None if value.is_safe() => Value::from(text.to_string()),
            None => value,
        })
    }
}

fn template_error(overrides: &[(String, PathBuf, String)], err: minijinja::Error) -> Diagnostic {
    let name = err.name().unwrap_or("template").to_string();
    let custom = overrides.iter().find(|(n, _, _)| *n == name);
    let file = custom
        .map(|(_, p, _)| p.clone())
        .unwrap_or_else(|| PathBuf::from(format!("<built-in>/templates/{name}")));
    let origin = Origin {
        file: file.into(),
        line: err.line().unwrap_or(1),
        col: 1,
    };
    let detail = err.detail().map(|d| format!(": {d}")).unwrap_or_default();
    let mut found = Diagnostic::error(
        Some(origin),
        format!("template error: {}{detail}", err.kind()),
    )
    .with_help("fix the template, or remove it from --templates to use the built-in one");
    // The reader's template, as it was read (a built-in one is shown by name only).
    if let Some((_, _, text)) = custom {
        found = found.with_line_from(text);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_filters_change_only_what_needs_it_and_refuse_what_is_not_text() {
        let mut env = environment();
        let source = "{{ a|md }} {{ b|md }} {{ c|mdurl }} {{ d|mdprose }} {{ e|safe|md }}";
        env.add_template("t.md", source).unwrap();
        env.add_template("t.html", source).unwrap();
        let ctx = minijinja::context! {
            a => "plain", b => "a_b|c", c => "https://x/a (b)", d => "x <i>y</i>", e => "a&b",
        };
        let md = env.get_template("t.md").unwrap().render(&ctx).unwrap();
        assert_eq!(
            md,
            "plain a\\_b\\|c https://x/a%20%28b%29 x &lt;i>y&lt;/i> a&b"
        );
        // Text marked safe comes out unmarked, so HTML escapes it as before.
        let html = env.get_template("t.html").unwrap().render(&ctx).unwrap();
        assert!(html.ends_with(" a&amp;b"), "{html}");
        for filter in ["md", "mdurl", "mdprose"] {
            let err = env
                .render_str(&format!("{{{{ 3|{filter} }}}}"), ())
                .unwrap_err();
            assert_eq!(err.kind(), minijinja::ErrorKind::InvalidOperation);
            assert_eq!(err.detail(), Some("value is not a string"));
        }
    }
}
