//! `syllabus serve`: build the site, serve it on 127.0.0.1, rebuild when the sources change, and
//! tell open pages to reload.
//!
//! HTTP is hyper on a single-threaded tokio runtime: each connection is its own task, so a client
//! that stalls holds up nobody else; request heads are bounded and time out, and bodies are never
//! read. Only requests naming this server in `Host` (127.0.0.1, localhost or `[::1]`, with the
//! port) are answered, so a DNS-rebinding page cannot read the site.
//!
//! Watching is polling over the given folders (the output folder left out): a corpus is a few
//! hundred small files, a walk of their stamps costs well under a millisecond, and polling needs
//! no platform watcher (nor its limits on watches, nor its gaps on network file systems). A
//! file is read only when its stamp changed, and only regular files are looked at. A failed rebuild keeps the last good site on disk and shows the errors on top of
//! every page until a rebuild succeeds; the server never stops because of one. After every
//! rebuild, pages opened from the server reload: each HTML response gets a small script (never
//! written to the built site) listening on server-sent events at `EVENTS`.

use crate::diagnostics::Diagnostic;
use crate::render::html::escape;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::Bytes;
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response, StatusCode};
use std::convert::Infallible;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};
use tokio::sync::{mpsc, watch};

/// How often the watched folders are checked for changes.
const POLL: Duration = Duration::from_millis(400);
/// The server-sent events stream: one `reload` event after each rebuild.
pub(crate) const EVENTS: &str = "/__syllabus/reload";
/// The script that listens to [`EVENTS`]; served, and linked from HTML responses only.
pub(crate) const SCRIPT: &str = "/__syllabus/reload.js";
const SCRIPT_BODY: &str =
    "// Added by `syllabus serve` (not part of the built site): reload after each rebuild.\n\
new EventSource(\"/__syllabus/reload\").addEventListener(\"reload\", () => location.reload());\n";
/// Request line and headers above this size are refused by hyper.
const MAX_HEAD: usize = 16 * 1024;
/// A client that has not sent its request head by then is dropped.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Options {
    pub port: u16,
    /// The site folder the build writes and the server reads.
    pub out: PathBuf,
    /// Folders (or files) whose changes trigger a rebuild.
    pub watch: Vec<PathBuf>,
}

/// What every connection reads: where the site is, the last build's errors, the build count.
struct State {
    out: PathBuf,
    port: u16,
    errors: Mutex<Option<String>>,
    builds: watch::Sender<u64>,
}

type Body = BoxBody<Bytes, Infallible>;

/// Run the preview server until the process is stopped. `build` writes the site into
/// `options.out`; it is called once now and again after every change.
pub fn serve<F>(options: Options, build: F) -> Result<(), Diagnostic>
where
    F: Fn() -> Result<(), Vec<Diagnostic>> + Send + 'static,
{
    let cannot_listen = |e: std::io::Error| {
        Diagnostic::error(
            None,
            format!("cannot listen on 127.0.0.1:{}: {e}", options.port),
        )
        .with_help("pick another port with --port")
    };
    let listener =
        std::net::TcpListener::bind(("127.0.0.1", options.port)).map_err(cannot_listen)?;
    listener.set_nonblocking(true).map_err(cannot_listen)?;
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let state = Arc::new(State {
        out: options.out.clone(),
        port,
        errors: Mutex::new(None),
        builds: watch::channel(0).0,
    });
    // The baseline is taken before the first build, not in the watcher thread: an edit made
    // as soon as the site is up would otherwise become the baseline and never be built. A
    // change during the build only costs one extra rebuild.
    let baseline = fingerprint(&options.watch, &options.out, &Fingerprint::new());
    run_build(&build, &state);
    // `println!` would panic on a closed pipe (`syllabus serve | head -1`); the server goes on.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "Serving the site at http://127.0.0.1:{port}/ (Ctrl-C to stop)"
    );
    for path in &options.watch {
        let _ = writeln!(out, "Watching {} for changes", path.display());
    }
    let _ = out.flush();
    drop(out);
    {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let mut seen = baseline;
            loop {
                std::thread::sleep(POLL);
                let now = fingerprint(&options.watch, &state.out, &seen);
                let rebuild = now != seen;
                seen = now;
                if rebuild {
                    run_build(&build, &state);
                }
            }
        });
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Diagnostic::error(None, format!("cannot start the server: {e}")))?;
    runtime
        .block_on(accept(listener, state))
        .map_err(|e| Diagnostic::error(None, format!("the server stopped: {e}")))
}

async fn accept(listener: std::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: wait instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let state = Arc::clone(&state);
                async move { Ok::<_, Infallible>(handle(&state, &request)) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

fn run_build<F: Fn() -> Result<(), Vec<Diagnostic>>>(build: &F, state: &State) {
    let started = std::time::Instant::now();
    let message = match build() {
        Ok(()) => {
            let _ = writeln!(
                std::io::stdout(),
                "Built the site in {} ms",
                started.elapsed().as_millis()
            );
            None
        }
        Err(mut diagnostics) => {
            root_first(&mut diagnostics);
            let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            let text = text.join("\n");
            let _ = writeln!(
                std::io::stderr(),
                "Rebuild failed; still serving the last good site:\n{text}"
            );
            Some(text)
        }
    };
    let _ = std::io::stdout().flush();
    if let Ok(mut slot) = state.errors.lock() {
        *slot = message;
    }
    state.builds.send_modify(|n| *n += 1);
}

/// Put what an edit broke before what breaks because of it: an error naming something unknown
/// (a topic, link or stage) is most often the knock-on of a file that no longer reads, so it
/// goes after the rest. Stable, so each group keeps the corpus's order.
fn root_first(diagnostics: &mut [Diagnostic]) {
    let knock_on = |d: &Diagnostic| {
        ["unknown topic", "unknown link", "unknown stage"]
            .iter()
            .any(|p| d.message.starts_with(p))
    };
    diagnostics.sort_by_key(|d| (!d.is_error(), knock_on(d)));
}

/// One watched file as last seen: its stamp (size, modification time, inode) and a hash of
/// its content.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    stamp: (u64, Option<SystemTime>, u64),
    hash: u64,
}

/// The watched files as last seen, by path.
type Fingerprint = std::collections::BTreeMap<PathBuf, Seen>;

/// Files larger than this are watched by their stamp only, never read: no corpus file or
/// template is this large (the corpus refuses files over 64 MB).
const MAX_HASHED: u64 = 64 * 1024 * 1024;

/// What the watched files hold now, leaving out the site folder (and the folders a build
/// writes beside it), which the build itself changes. Only regular files count: a FIFO, a
/// device or a symbolic link to one is skipped (reading it could block or never end), and a
/// symbolic link to a folder is not followed (it could loop). A file is read only when its stamp
/// changed since `before`, or changed so recently that an edit within the timestamp's
/// granularity could hide behind it; otherwise its last hash is kept, so an idle server costs a
/// `stat` per file.
fn fingerprint(paths: &[PathBuf], out: &Path, before: &Fingerprint) -> Fingerprint {
    let out_name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out_abs = out.parent().and_then(|p| {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        std::fs::canonicalize(p).ok().map(|p| p.join(&out_name))
    });
    let is_output = |path: &Path| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let build_temp = name.as_deref().is_some_and(|n| {
            n.starts_with(&format!(".{out_name}.new-"))
                || n.starts_with(&format!(".{out_name}.old-"))
        });
        build_temp || std::fs::canonicalize(path).ok() == out_abs
    };
    let recent = SystemTime::now() - Duration::from_secs(3);
    let mut now = Fingerprint::new();
    let mut stack: Vec<(PathBuf, bool)> = paths.iter().map(|p| (p.clone(), true)).collect();
    while let Some((path, given)) = stack.pop() {
        let Ok(link) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            // A folder the user named is followed, a symbolic link to one found inside is not.
            if is_output(&path) || (link.file_type().is_symlink() && !given) {
                continue;
            }
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| (e.path(), false)));
            }
            continue;
        }
        if !meta.is_file() {
            continue;
        }
        let stamp = (meta.len(), meta.modified().ok(), inode(&meta));
        let settled = stamp.1.is_some_and(|m| m < recent);
        let hash = match before.get(&path) {
            Some(seen) if seen.stamp == stamp && settled => seen.hash,
            _ if meta.len() > MAX_HASHED => 0,
            _ => {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                crate::output::read_limited(&path, MAX_HASHED)
                    .ok()
                    .hash(&mut hasher);
                hasher.finish()
            }
        };
        now.insert(path, Seen { stamp, hash });
    }
    now
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

fn handle(state: &State, request: &Request<Incoming>) -> Response<Body> {
    if !host_allowed(request, state.port) {
        return full(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            format!(
                "this preview answers only http://127.0.0.1:{}/ (or localhost)",
                state.port
            ),
        );
    }
    if request.method() != hyper::Method::GET && request.method() != hyper::Method::HEAD {
        return full(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "the preview only serves GET",
        );
    }
    match request.uri().path() {
        EVENTS => events(state),
        SCRIPT => full(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            SCRIPT_BODY,
        ),
        path => {
            let error = state.errors.lock().map(|e| e.clone()).unwrap_or(None);
            respond(&state.out, path, error.as_deref())
        }
    }
}

/// `Host` must name this server: 127.0.0.1, localhost or [::1], with our port.
fn host_allowed(request: &Request<Incoming>, port: u16) -> bool {
    let Some(host) = request
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

/// The server-sent events stream: a comment at once (the client knows it is connected), then
/// `event: reload` after each rebuild, until the client goes away.
fn events(state: &State) -> Response<Body> {
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let mut builds = state.builds.subscribe();
    builds.mark_unchanged();
    tokio::spawn(async move {
        if tx
            .send(Bytes::from_static(b": connected\n\n"))
            .await
            .is_err()
        {
            return;
        }
        while builds.changed().await.is_ok() {
            let n = *builds.borrow_and_update();
            let event = format!("event: reload\ndata: {n}\n\n");
            if tx.send(Bytes::from(event)).await.is_err() {
                return;
            }
        }
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "text/event-stream")
        .header("Cache-Control", "no-store")
        .body(Events(rx).boxed())
        .expect("valid response")
}

/// A response body fed by a channel: each message is one chunk.
struct Events(mpsc::Receiver<Bytes>);

impl hyper::body::Body for Events {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|m| m.map(|b| Ok(Frame::data(b))))
    }
}

fn full(status: StatusCode, content_type: &str, bytes: impl Into<Bytes>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("Content-Type", content_type)
        // A preview must show the latest build on every reload.
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(Full::new(bytes.into()).boxed())
        .expect("valid response")
}

fn respond(root: &Path, url: &str, error: Option<&str>) -> Response<Body> {
    let not_found = || {
        full(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found",
        )
    };
    let Some(path) = resolve(root, url) else {
        return not_found();
    };
    let content_type = content_type(&path);
    let html = content_type.starts_with("text/html");
    match std::fs::read(&path) {
        Ok(mut bytes) => {
            if let (Some(error), true) = (error, html) {
                bytes = with_banner(&bytes, error);
            }
            if html {
                bytes = with_reload(&bytes);
            }
            full(StatusCode::OK, &content_type, bytes)
        }
        Err(_) => match error {
            // No site yet (the first build failed): the errors are the page.
            Some(error) => full(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8",
                with_reload(&with_banner(b"", error)),
            ),
            None => not_found(),
        },
    }
}

/// The page with the reload script linked before `</body>` (at the end when there is none).
fn with_reload(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let tag = format!("<script src=\"{SCRIPT}\"></script>");
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The file a request path names inside `root`, or `None` when it would leave `root`.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    // A path that is not UTF-8 once decoded names no file of the site.
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
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

/// The type a file is served as, by its extension; text as UTF-8, which is what the build
/// writes.
fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

/// The page with the build errors shown in a banner at the top of its body.
fn with_banner(page: &[u8], error: &str) -> Vec<u8> {
    let banner = format!(
        "<div role=\"alert\" id=\"syllabus-build-error\" style=\"position:sticky;top:0;z-index:1000;max-height:40vh;overflow:auto;background:#7a1010;color:#fff;padding:1em;font:14px/1.4 monospace;white-space:pre-wrap\"><strong>The last rebuild failed; this is the previous site.</strong>\n{}</div>",
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
    fn the_root_error_comes_before_its_knock_ons() {
        let at = |file: &str, message: &str| {
            let mut d = Diagnostic::error(None, message);
            d.help = Some(file.to_string());
            d
        };
        let mut found = vec![
            at("a.toml", "unknown topic `b` in requires of `a`"),
            at("b.toml", "expected `=`, found newline"),
            Diagnostic::warning(None, "a topic with no links"),
        ];
        root_first(&mut found);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "expected `=`, found newline",
                "unknown topic `b` in requires of `a`",
                "a topic with no links"
            ]
        );
    }

    #[test]
    fn errors_show_on_the_page_escaped() {
        let page = with_banner(b"<html><body class=x><p>hi</p></body></html>", "bad <b>");
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("<body class=x><div role=\"alert\""));
        assert!(page.contains("bad &lt;b&gt;"));
    }

    #[test]
    fn files_are_served_as_their_type_and_text_as_utf8() {
        let of = |name: &str| content_type(Path::new(name));
        assert_eq!(of("index.html"), "text/html; charset=utf-8");
        assert_eq!(of("style.css"), "text/css; charset=utf-8");
        assert_eq!(of("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(of("plan.md"), "text/markdown; charset=utf-8");
        assert_eq!(of("plan.json"), "application/json");
        assert_eq!(of("graph.svg"), "image/svg+xml");
        assert_eq!(of("no-extension"), "application/octet-stream");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = with_reload(b"<html><body><p>hi</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>hi</p><script src=\"/__syllabus/reload.js\"></script></body></html>"
        );
    }
}
