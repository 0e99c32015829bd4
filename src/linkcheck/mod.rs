//! Link checking: asks every URL of the corpus over HTTP(S), politely (a worker pool, at most
//! two requests in flight to one host and a pause between them), reports what rotted as
//! diagnostics with the fix, keeps results in a cache, and rewrites the URLs it could confirm.
//!
//! It reads the validated `Course`; it writes only the cache and, through `fix`, the `url`
//! values of topic files. Planning commands read the cache through [`dead_links`], a layer
//! over the course that the plan shows (`PlanLink::dead`), so a link found dead shows as
//! `dead` in every output until a later check finds it alive; the course itself keeps what
//! its files say.

pub mod cache;
pub mod fix;
pub(crate) mod hosts;
pub(crate) mod http;
mod report;

pub use cache::Cache;
pub use http::Outcome;
pub use report::{diagnostics, fix_for, links_of, Fix};

use crate::corpus::url_key::truncated_prefix;
use crate::diagnostics::Diagnostic;
use crate::model::{Course, Link, LinkId, UrlStatus};
use hosts::Hosts;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Options {
    /// For one request, including the name lookup.
    pub timeout: Duration,
    /// Successes younger than this are taken from the cache.
    pub max_age: Duration,
    /// Between the starts of two requests to one host.
    pub host_pause: Duration,
    pub per_host: usize,
    /// Worker threads.
    pub jobs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            max_age: Duration::from_secs(7 * 86_400),
            host_pause: Duration::from_millis(250),
            per_host: 2,
            jobs: 8,
        }
    }
}

/// The User-Agent: servers see who asks and where to read about it.
pub(crate) fn user_agent() -> String {
    match crate::scaffold::published_repository() {
        Some(repo) => format!("syllabus/{} (+{repo})", env!("CARGO_PKG_VERSION")),
        None => format!(
            "syllabus/{} (course link checker)",
            env!("CARGO_PKG_VERSION")
        ),
    }
}

/// What one run found.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// By the URL as the corpus holds it: asked now or fresh in the cache.
    pub outcomes: BTreeMap<String, Outcome>,
    /// URLs answered from the cache; the others were asked in this run.
    pub cached: BTreeSet<String>,
    /// Set when no host name resolved and nothing answered: the machine is offline, and the
    /// failures say nothing about the links. Holds the names that failed.
    pub offline: Option<Vec<String>>,
}

impl Checked {
    /// URLs asked in this run.
    pub fn asked(&self) -> usize {
        self.outcomes.len() - self.cached.len()
    }
}

/// A progress report: URLs done so far, of how many, the URL and what it gave.
pub type Progress<'a> = &'a (dyn Fn(usize, usize, &str, &Outcome) + Sync);

/// Every link of the course, the inbox too.
pub(crate) fn all_links(course: &Course) -> impl Iterator<Item = &Link> {
    course.links().chain(&course.inbox)
}

/// What to ask for a link: its URL, or for a truncated one the text before the cut, to see
/// whether that is a page by now.
pub(crate) fn asked_url(link: &Link) -> String {
    if link.url_status == UrlStatus::Truncated {
        let url = link.url.as_str();
        // `check_url` stores a typed `…` percent-encoded.
        let cut = url
            .strip_suffix("%E2%80%A6")
            .or_else(|| truncated_prefix(url))
            .unwrap_or(url);
        return cut.to_string();
    }
    link.url.to_string()
}

/// Check every URL of `course` that `cache` holds no fresh success for.
pub fn check(course: &Course, cache: &Cache, options: &Options, progress: Progress) -> Checked {
    let now = cache::now();
    let mut checked = Checked::default();
    let mut jobs = Vec::new();
    let mut seen = BTreeSet::new();
    for link in all_links(course) {
        if !seen.insert(link.url.as_str()) {
            continue;
        }
        match cache.fresh(&link.url, now, options.max_age) {
            Some(entry) => {
                checked.cached.insert(link.url.to_string());
                checked
                    .outcomes
                    .insert(link.url.to_string(), entry.outcome.clone());
            }
            None => jobs.push((link.url.to_string(), asked_url(link))),
        }
    }
    // Name lookups share the request timeout, but a resolver that hangs should not make a
    // whole offline run slow: they are capped lower.
    let hosts = Hosts::new(
        options.per_host,
        options.host_pause,
        options.timeout.min(Duration::from_secs(5)),
    );
    let client = http::Client::new(
        &hosts,
        http::Settings {
            timeout: options.timeout,
            max_redirects: 5,
            max_retries: 2,
            max_retry_wait: Duration::from_secs(30),
            user_agent: user_agent(),
        },
    );
    let found = ask_all(jobs, &client, &hosts, options.jobs, progress);
    let (failed, resolved) = hosts.lookups();
    // Any answer, even an error status or a TLS handshake, means the network works.
    let answered = found.values().any(|o| {
        !matches!(
            o,
            Outcome::Dns { .. } | Outcome::Timeout { .. } | Outcome::Connect { .. }
        )
    });
    if !failed.is_empty() && resolved == 0 && !answered {
        checked.offline = Some(failed);
    }
    checked.outcomes.extend(found);
    checked
}

/// The worker pool: each worker takes the first job whose host can take a request now.
fn ask_all(
    jobs: Vec<(String, String)>,
    client: &http::Client,
    hosts: &Hosts,
    workers: usize,
    progress: Progress,
) -> BTreeMap<String, Outcome> {
    let total = jobs.len();
    let queue = Mutex::new(interleave_by_host(jobs));
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, total.max(1)) {
            s.spawn(|| loop {
                let (key, asked) = {
                    let mut queue = queue.lock().expect("queue lock");
                    if queue.is_empty() {
                        break;
                    }
                    let free = queue.iter().position(|(_, u)| hosts.is_free(&host_of(u)));
                    queue.remove(free.unwrap_or(0)).expect("not empty")
                };
                let outcome = client.check(&asked);
                let done = {
                    let mut results = results.lock().expect("results lock");
                    results.insert(key, outcome.clone());
                    results.len()
                };
                progress(done, total, &asked, &outcome);
            });
        }
    });
    results.into_inner().expect("results lock")
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

/// One job per host in turn, so the first jobs the workers take are spread over hosts.
fn interleave_by_host(jobs: Vec<(String, String)>) -> VecDeque<(String, String)> {
    let mut by_host: BTreeMap<String, VecDeque<(String, String)>> = BTreeMap::new();
    for job in jobs {
        by_host.entry(host_of(&job.1)).or_default().push_back(job);
    }
    let mut out = VecDeque::new();
    while !by_host.is_empty() {
        by_host.retain(|_, q| {
            if let Some(job) = q.pop_front() {
                out.push_back(job);
            }
            !q.is_empty()
        });
    }
    out
}

/// The cache after this run: every URL of the corpus with its newest result. URLs no longer in
/// the corpus are dropped; an offline run records nothing new.
pub fn updated_cache(course: &Course, old: &Cache, checked: &Checked) -> Cache {
    let now = cache::now();
    let mut cache = Cache::default();
    for link in all_links(course) {
        let url = &link.url;
        let entry = match checked.outcomes.get(url.as_str()) {
            Some(outcome)
                if !checked.cached.contains(url.as_str()) && checked.offline.is_none() =>
            {
                Some(cache::Entry {
                    checked: now,
                    outcome: outcome.clone(),
                })
            }
            _ => old.links.get(url.as_str()).cloned(),
        };
        if let Some(entry) = entry {
            cache.links.insert(url.to_string(), entry);
        }
    }
    cache
}

/// The links of `course` the cache last found dead: a layer over the course (which keeps
/// what its files say) that the plan shows. Truncated links are left out: they are shown as
/// truncated already.
pub fn dead_links(course: &Course, cache: &Cache) -> BTreeSet<LinkId> {
    // Without a cache (links never checked) a pass over every link would find nothing.
    if cache.links.is_empty() {
        return BTreeSet::new();
    }
    course
        .links()
        .filter(|link| link.url_status != UrlStatus::Truncated)
        .filter(|link| {
            cache
                .links
                .get(link.url.as_str())
                .is_some_and(|e| e.outcome.is_dead())
        })
        .map(|link| link.id.clone())
        .collect()
}

/// `check --links`: ask every URL of `course` (or take it from the cache at `cache_path`), save
/// the cache, and with `fix` (the corpus folder) rewrite what the check confirmed there.
/// Returns the link diagnostics and the lines that say what was done; `Err` when the cache
/// cannot be read.
pub fn run(
    course: &Course,
    cache_path: &Path,
    options: &Options,
    fix: Option<&Path>,
    progress: Progress,
) -> Result<(Vec<Diagnostic>, Vec<String>), Vec<Diagnostic>> {
    let old = Cache::load(cache_path).map_err(|d| vec![d])?;
    let checked = check(course, &old, options, progress);
    let links = links_of(course);
    let found = diagnostics(&links, &checked, options.timeout.as_millis() as u64);
    let mut cache = updated_cache(course, &old, &checked);
    let mut notes = vec![format!(
        "links: {}, {} asked now, {} fresh in the cache ({})",
        crate::words::count(checked.outcomes.len(), "URL"),
        checked.asked(),
        checked.cached.len(),
        cache_path.display()
    )];
    let mut found = found;
    if let (None, Some(dir)) = (&checked.offline, fix) {
        // A refused fix is reported with what the check found, and the results are kept.
        match rewrite(&links, &checked, dir, &mut cache) {
            Ok((note, recovered)) => {
                found.extend(recovered);
                notes.push(note);
            }
            Err(refused) => found.extend(refused),
        }
    }
    if let Err(d) = cache.save(cache_path) {
        found.push(d);
    }
    Ok((found, notes))
}

/// Rewrite what the check confirmed, all files or none, under the corpus lock; the new URLs go
/// into the cache as alive, since they just answered.
fn rewrite(
    links: &[&Link],
    checked: &Checked,
    dir: &Path,
    cache: &mut Cache,
) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let fixes: Vec<_> = links
        .iter()
        .filter_map(|l| {
            let outcome = checked.outcomes.get(l.url.as_str())?;
            fix_for(l, outcome).map(|f| (*l, f))
        })
        .collect();
    if fixes.is_empty() {
        return Ok(("--fix: nothing to rewrite".into(), Vec::new()));
    }
    let (changed, recovered) = fix::apply(dir, &fixes)?;
    for (_, f) in &fixes {
        let alive = Outcome::Alive {
            status: 200,
            moved: None,
            https: None,
        };
        cache.links.insert(
            f.to.clone(),
            cache::Entry {
                checked: cache::now(),
                outcome: alive,
            },
        );
    }
    let files: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
    let note = format!(
        "--fix: rewrote {} in {}: {}",
        crate::words::count(fixes.len(), "URL"),
        crate::words::count(files.len(), "file"),
        files.join(", ")
    );
    Ok((note, recovered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_alternate_between_hosts() {
        let job = |u: &str| (u.to_string(), u.to_string());
        let jobs = vec![
            job("https://a.org/1"),
            job("https://a.org/2"),
            job("https://a.org/3"),
            job("https://b.org/1"),
        ];
        let order: Vec<String> = interleave_by_host(jobs).into_iter().map(|j| j.0).collect();
        assert_eq!(
            order,
            [
                "https://a.org/1",
                "https://b.org/1",
                "https://a.org/2",
                "https://a.org/3"
            ]
        );
    }

    #[test]
    fn a_truncated_url_is_asked_without_its_cut() {
        let link = |url: &str, status| Link {
            url_status: status,
            ..Link::new(
                "x".parse().unwrap(),
                "t".parse().unwrap(),
                crate::corpus::url::check_url(url).unwrap(),
            )
        };
        assert_eq!(
            asked_url(&link("https://a.org/post...", UrlStatus::Truncated)),
            "https://a.org/post"
        );
        assert_eq!(
            asked_url(&link("https://a.org/post%E2%80%A6", UrlStatus::Truncated)),
            "https://a.org/post"
        );
        assert_eq!(
            asked_url(&link("https://a.org/x...", UrlStatus::Confirmed)),
            "https://a.org/x..."
        );
    }
}
