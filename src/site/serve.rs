//! `syllabus serve`: build the site, serve it on 127.0.0.1, rebuild when the sources change.
//!
//! Watching is mtime polling over the given folders: a corpus is a few hundred small files, a
//! walk costs well under a millisecond, and polling needs no platform watcher. A failed rebuild
//! keeps the last good site on disk and shows the errors on top of every page until a rebuild
//! succeeds; the server never stops because of one.

use crate::diagnostics::Diagnostic;
use crate::render::html::escape;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// How often the watched folders are checked for changes.
const POLL: Duration = Duration::from_millis(400);

pub struct Options {
    pub port: u16,
    /// The site folder the build writes and the server reads.
    pub out: PathBuf,
    /// Folders (or files) whose changes trigger a rebuild.
    pub watch: Vec<PathBuf>,
}

/// Run the preview server until the process is stopped. `build` writes the site into
/// `options.out`; it is called once now and again after every change.
pub fn serve<F>(options: Options, build: F) -> Result<(), Diagnostic>
where
    F: Fn() -> Result<(), Vec<Diagnostic>> + Send + 'static,
{
    let server = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|e| {
        Diagnostic::error(
            None,
            format!("cannot listen on 127.0.0.1:{}: {e}", options.port),
        )
        .with_help("pick another port with --port")
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());

    let errors: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    // The baseline is taken before the first build, not in the watcher thread: an edit made
    // as soon as the site is up would otherwise become the baseline and never be built. A
    // change during the build only costs one extra rebuild.
    let baseline = fingerprint(&options.watch);
    run_build(&build, &errors);
    println!("Serving the site at http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    for path in &options.watch {
        println!("Watching {} for changes", path.display());
    }
    let _ = std::io::stdout().flush();

    {
        let errors = Arc::clone(&errors);
        let watch = options.watch.clone();
        std::thread::spawn(move || {
            let mut seen = baseline;
            loop {
                std::thread::sleep(POLL);
                let now = fingerprint(&watch);
                if now != seen {
                    seen = now;
                    run_build(&build, &errors);
                }
            }
        });
    }

    for request in server.incoming_requests() {
        let error = errors.lock().map(|e| e.clone()).unwrap_or(None);
        let response = respond(&options.out, request.url(), error.as_deref());
        let _ = request.respond(response);
    }
    Ok(())
}

fn run_build<F: Fn() -> Result<(), Vec<Diagnostic>>>(build: &F, errors: &Mutex<Option<String>>) {
    let started = std::time::Instant::now();
    let message = match build() {
        Ok(()) => {
            println!("Built the site in {} ms", started.elapsed().as_millis());
            None
        }
        Err(diagnostics) => {
            let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            let text = text.join("\n");
            eprintln!("Rebuild failed; still serving the last good site:\n{text}");
            Some(text)
        }
    };
    let _ = std::io::stdout().flush();
    if let Ok(mut slot) = errors.lock() {
        *slot = message;
    }
}

/// Every file under the watched paths with its modification time and size, sorted.
/// What the watched files hold now. Content is hashed, not only stamped: an edit that keeps the
/// size and lands within the file system's timestamp granularity would otherwise go unseen.
fn fingerprint(paths: &[PathBuf]) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    fn walk(path: &Path, out: &mut Vec<(PathBuf, Option<SystemTime>, u64)>) {
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(path) {
                for entry in entries.flatten() {
                    walk(&entry.path(), out);
                }
            }
        } else {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(path).ok().hash(&mut hasher);
            out.push((path.to_path_buf(), meta.modified().ok(), hasher.finish()));
        }
    }
    let mut out = Vec::new();
    for path in paths {
        walk(path, &mut out);
    }
    out.sort();
    out
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(root: &Path, url: &str, error: Option<&str>) -> Response {
    let Some(path) = resolve(root, url) else {
        return text_response(404, "text/plain; charset=utf-8", b"not found".to_vec());
    };
    let content_type = content_type(&path);
    match std::fs::read(&path) {
        Ok(mut bytes) => {
            if let (Some(error), true) = (error, content_type.starts_with("text/html")) {
                bytes = with_banner(&bytes, error);
            }
            text_response(200, content_type, bytes)
        }
        Err(_) => match error {
            // No site yet (the first build failed): the errors are the page.
            Some(error) => text_response(500, "text/html; charset=utf-8", with_banner(b"", error)),
            None => text_response(404, "text/plain; charset=utf-8", b"not found".to_vec()),
        },
    }
}

fn text_response(status: u16, content_type: &str, bytes: Vec<u8>) -> Response {
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).expect("valid header");
    tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        // A preview must show the latest build on every reload.
        .with_header(header("Cache-Control", "no-store"))
}

/// The file a request path names inside `root`, or `None` when it would leave `root`.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if decoded.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// The page with the build errors shown in a banner at the top of its body.
fn with_banner(page: &[u8], error: &str) -> Vec<u8> {
    let banner = format!(
        "<div role=\"alert\" id=\"syllabus-build-error\" style=\"background:#7a1010;color:#fff;padding:1em;font:14px/1.4 monospace;white-space:pre-wrap\"><strong>The last rebuild failed; this is the previous site.</strong>\n{}</div>",
        escape(error)
    );
    let text = String::from_utf8_lossy(page);
    let at = text
        .find("<body")
        .and_then(|start| text[start..].find('>').map(|end| start + end + 1));
    match at {
        Some(at) => format!("{}{banner}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body>{banner}</body></html>"
        )
        .into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_leave_the_site() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/a.html?x=1"), Some(root.join("a.html")));
        assert_eq!(resolve(root, "/"), Some(root.join("index.html")));
    }

    #[test]
    fn errors_show_on_the_page_escaped() {
        let page = with_banner(b"<html><body class=x><p>hi</p></body></html>", "bad <b>");
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("<body class=x><div role=\"alert\""));
        assert!(page.contains("bad &lt;b&gt;"));
    }
}
