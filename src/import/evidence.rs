//! What a link is (kind), how much it assumes (level) and how long it takes (minutes) when
//! the source does not say, from the evidence of its URL and title; and which links are not
//! readings at all (profile pages).
//!
//! The rules, first match wins:
//! - **book**: publisher and bookshop sites (`amazon.*`, `oreilly.com`, `manning.com`,
//!   `/books/` paths of publishers, ...);
//! - **course**: YouTube playlists, course pages of MOOC sites;
//! - **list**: GitHub repositories named `awesome-*` or `*reading-list*`/`*papers*`, and
//!   titles saying "reading list" or "awesome";
//! - **paper**: paper hosts (DOI resolvers, ACM, arXiv, USENIX proceedings, Semantic
//!   Scholar, CiteSeerX), PDFs (including `type=pdf` downloads) and pages under a `pubs/`,
//!   `papers/` or `publication(s)/` folder;
//! - **video**, **talk**, **tool** (a code repository), **thread** (social sites);
//! - **article** otherwise.
//!
//! Level: titles that announce an introduction ("introduction", "primer", "for beginners",
//! "explained", "gentle", "tutorial", "101") are intro; papers are advanced; threads intro;
//! the rest intermediate. Minutes: see [`default_minutes`].

use crate::model::{Kind, Level};
use url::Url;

/// The host (lowercase, without `www.`) and the non-empty path segments of `url`.
fn parts(url: &str) -> Option<(String, Vec<String>, String)> {
    let parsed = Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let segments = parsed
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    Some((
        host,
        segments,
        parsed.query().unwrap_or("").to_ascii_lowercase(),
    ))
}

/// Whether `host` is `domain` or one of its subdomains. Asked of every imported link for
/// every site the rules name, so it makes no string.
fn on(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

const BOOK_SITES: &[&str] = &[
    "oreilly.com",
    "manning.com",
    "nostarch.com",
    "pragprog.com",
    "leanpub.com",
    "informit.com",
    "pearson.com",
    "mitpress.mit.edu",
    "morganclaypool.com",
    "goodreads.com",
    "bookshop.org",
    "barnesandnoble.com",
    "openlibrary.org",
    "packtpub.com",
    "apress.com",
    "wiley.com",
];

fn is_book(host: &str, segments: &[String]) -> bool {
    let first = host.split('.').next().unwrap_or("");
    let path = segments.join("/").to_ascii_lowercase();
    first == "amazon"
        || BOOK_SITES.iter().any(|d| on(host, d))
        || ((on(host, "springer.com") || on(host, "cambridge.org") || on(host, "routledge.com"))
            && (path.starts_with("book/") || path.contains("/books/")))
        || (on(host, "dl.acm.org") && path.starts_with("doi/book/"))
}

const CODE_HOSTS: &[&str] = &["github.com", "gitlab.com", "codeberg.org"];

/// A person's page on a social or code site: it points at someone, not at something to read.
pub fn is_profile(url: &str) -> bool {
    profile(parts(url).as_ref())
}

/// Whether `url` is a profile page ([`is_profile`]) and whether it is a discussion thread
/// ([`is_discussion`]), from one parse: what an import asks of every link's address.
pub(crate) fn profile_or_discussion(url: &str) -> (bool, bool) {
    let parts = parts(url);
    (profile(parts.as_ref()), discussion(parts.as_ref()))
}

fn profile(parts: Option<&(String, Vec<String>, String)>) -> bool {
    let Some((host, segments, query)) = parts else {
        return false;
    };
    let n = segments.len();
    (CODE_HOSTS.iter().any(|h| host == *h) && n == 1 && !segments[0].contains('.'))
        || (["twitter.com", "x.com", "mobile.twitter.com"].contains(&host.as_str()) && n == 1)
        || (host == "bsky.app" && n == 2 && segments[0] == "profile")
        || (host == "linkedin.com" && n >= 2 && segments[0] == "in")
        || (host.starts_with("scholar.google.") && query.contains("user="))
}

/// Whether `url` is a discussion thread about a reading (Hacker News, Reddit, Lobsters), not
/// a reading: lists add them as "Discussions: [HN](…)" under the reading they discuss.
pub fn is_discussion(url: &str) -> bool {
    discussion(parts(url).as_ref())
}

fn discussion(parts: Option<&(String, Vec<String>, String)>) -> bool {
    let Some((host, segments, _)) = parts else {
        return false;
    };
    host == "news.ycombinator.com"
        || host == "redd.it"
        || host == "lobste.rs"
        || (host.ends_with("reddit.com") && segments.first().is_some_and(|s| s == "r"))
}

/// The kind of the reading at `url` titled `title` (see the module doc).
pub fn kind(url: &str, title: &str) -> Kind {
    kind_of(parts(url), title)
}

/// [`kind`] of an address already split by [`parts`].
fn kind_of(parts: Option<(String, Vec<String>, String)>, title: &str) -> Kind {
    let Some((host, segments, query)) = parts else {
        return Kind::Article;
    };
    let path = segments.join("/").to_ascii_lowercase();
    let title = title.to_lowercase();
    let repo = segments
        .get(1)
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default();
    let code_host = CODE_HOSTS.iter().any(|h| on(&host, h));
    if is_book(&host, &segments) {
        Kind::Book
    } else if (on(&host, "youtube.com") && (path == "playlist" || query.contains("list=")))
        || ["coursera.org", "edx.org", "udacity.com", "ocw.mit.edu"]
            .iter()
            .any(|d| on(&host, d))
    {
        Kind::Course
    } else if (code_host
        && segments.len() == 2
        && (repo.contains("awesome") || repo.contains("reading-list") || repo.ends_with("papers")))
        || title.contains("reading list")
        || title.starts_with("awesome")
    {
        Kind::List
    } else if [
        "arxiv.org",
        "doi.org",
        "dx.doi.org",
        "doi.acm.org",
        "dl.acm.org",
        "semanticscholar.org",
        "citeseerx.ist.psu.edu",
        "ieeexplore.ieee.org",
        "vldb.org",
    ]
    .iter()
    .any(|d| on(&host, d))
        || path.ends_with(".pdf")
        || query.contains("type=pdf")
        || (!code_host
            && segments
                .iter()
                .any(|s| ["pubs", "papers", "publication", "publications"].contains(&s.as_str())))
        || (on(&host, "usenix.org") && (path.contains("conference/") || path.contains("/tech/")))
    {
        Kind::Paper
    } else if on(&host, "youtube.com") || on(&host, "youtu.be") || on(&host, "vimeo.com") {
        Kind::Video
    } else if on(&host, "infoq.com") && path.starts_with("presentations") {
        Kind::Talk
    } else if code_host && segments.len() == 2 {
        Kind::Tool
    } else if [
        "bsky.app",
        "twitter.com",
        "x.com",
        "news.ycombinator.com",
        "lobste.rs",
    ]
    .iter()
    .any(|d| on(&host, d))
    {
        Kind::Thread
    } else {
        Kind::Article
    }
}

/// The kind a list says by where it puts a link or what it calls it: under a "Books" heading,
/// "(book)" or "textbook" in the title, a `book.` site: a book, read for hours, not an
/// article of a quarter of an hour. Likewise for courses. `None` when nothing says so.
fn said_kind(c: &super::Candidate, host: &str) -> Option<Kind> {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let title = words(&c.title);
    let heading: Vec<String> = c.hints.iter().flat_map(|h| words(h)).collect();
    let pdf = c.url.to_ascii_lowercase().ends_with(".pdf");
    let any = |ws: &[String], of: &[&str]| ws.iter().any(|w| of.contains(&w.as_str()));
    if any(&title, &["book", "textbook", "ebook"])
        || (!pdf && any(&heading, &["books", "book", "textbooks"]))
        || host.starts_with("book.")
    {
        return Some(Kind::Book);
    }
    if any(&title, &["course", "mooc"]) || (!pdf && any(&heading, &["courses", "moocs"])) {
        return Some(Kind::Course);
    }
    None
}

/// Reading time by kind, in minutes: a paper takes an hour with notes, a book about ten hours.
pub fn default_minutes(kind: Kind) -> u32 {
    match kind {
        Kind::Article => 15,
        Kind::Paper => 60,
        Kind::Talk => 45,
        Kind::Video => 30,
        Kind::Book => 600,
        Kind::Course => 600,
        Kind::Thread => 5,
        Kind::List => 20,
        Kind::Tool => 20,
        // Imports never guess practice; a hand-written item gives its own working time.
        Kind::Exercise => 240,
        Kind::Project => 600,
    }
}

/// Kind, level and minutes of a candidate: what its source says, else the evidence above.
pub fn facts(c: &super::Candidate) -> (Kind, Level, u32) {
    // Asked of every link an import keeps: its address is parsed once for both questions.
    let kind = c.kind.unwrap_or_else(|| {
        let parts = parts(&c.url);
        let host = parts.as_ref().map_or("", |(h, _, _)| h.as_str());
        let said = said_kind(c, host);
        said.unwrap_or_else(|| kind_of(parts, &c.title))
    });
    let level = c.level.unwrap_or_else(|| level(kind, &c.title));
    (
        kind,
        level,
        c.minutes.unwrap_or_else(|| default_minutes(kind)),
    )
}

/// Words in a title that promise a first contact.
const INTRO_WORDS: &[&str] = &[
    "introduction",
    "intro to",
    "primer",
    "for beginners",
    "beginner",
    "explained",
    "gentle",
    "tutorial",
    "101",
    "for fun and profit",
    "getting started",
];

/// The level of a reading of `kind` titled `title` (see the module doc).
pub fn level(kind: Kind, title: &str) -> Level {
    let title = title.to_lowercase();
    if INTRO_WORDS.iter().any(|w| title.contains(w)) || kind == Kind::Thread {
        Level::Intro
    } else if kind == Kind::Paper {
        Level::Advanced
    } else {
        Level::Intermediate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_evidence() {
        let k = |u: &str| kind(u, "");
        assert_eq!(k("https://arxiv.org/abs/1234.5678"), Kind::Paper);
        assert_eq!(k("https://dl.acm.org/doi/10.1145/3712057"), Kind::Paper);
        assert_eq!(
            k("http://citeseerx.ist.psu.edu/viewdoc/download?doi=10.1.1.456.4362&rep=rep1&type=pdf"),
            Kind::Paper
        );
        assert_eq!(k("https://example.com/a.PDF"), Kind::Paper);
        assert_eq!(
            k("https://research.google/pubs/paxos-made-live/"),
            Kind::Paper
        );
        assert_eq!(
            k("https://www.microsoft.com/en-us/research/publication/consensus-on-transaction-commit/"),
            Kind::Paper
        );
        assert_eq!(k("https://www.youtube.com/watch?v=x"), Kind::Video);
        assert_eq!(k("https://www.youtube.com/playlist?list=PL1"), Kind::Course);
        assert_eq!(k("https://github.com/jepsen-io/maelstrom"), Kind::Tool);
        assert_eq!(
            k("https://github.com/theanalyst/awesome-distributed-systems"),
            Kind::List
        );
        assert_eq!(
            k("https://github.com/heidihoward/distributed-consensus-reading-list"),
            Kind::List
        );
        assert_eq!(
            k("https://www.amazon.com/Distributed-Algorithms-Kaufmann/dp/1558603484"),
            Kind::Book
        );
        assert_eq!(
            k("https://www.manning.com/books/think-distributed-systems"),
            Kind::Book
        );
        assert_eq!(
            k("https://link.springer.com/book/10.1007/978-3-642-15260-3"),
            Kind::Book
        );
        assert_eq!(k("https://example.com/post"), Kind::Article);
        assert_eq!(
            kind("https://example.com/x", "A reading list on Raft"),
            Kind::List
        );
    }

    #[test]
    fn a_list_that_says_book_or_course_is_believed() {
        let c = |title: &str, url: &str, hints: &[&str]| super::super::Candidate {
            title: title.into(),
            url: url.into(),
            hints: hints.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let kind = |cand| facts(&cand).0;
        assert_eq!(
            kind(c(
                "Designing Data-Intensive Applications",
                "https://dataintensive.net/",
                &["Books"]
            )),
            Kind::Book
        );
        assert_eq!(
            facts(&c(
                "Distributed systems for fun and profit",
                "http://book.mixu.net/distsys/",
                &[]
            ))
            .2,
            600
        );
        assert_eq!(
            kind(c(
                "A free textbook on distributed systems",
                "https://example.org/ds",
                &[]
            )),
            Kind::Book
        );
        assert_eq!(
            kind(c(
                "MIT 6.824 course",
                "https://pdos.csail.mit.edu/6.824/",
                &[]
            )),
            Kind::Course
        );
        // A paper under a "Books" heading is still the PDF it is.
        assert_eq!(
            kind(c(
                "Paxos Made Simple",
                "https://example.org/paxos.pdf",
                &["Books and papers"]
            )),
            Kind::Paper
        );
        assert_eq!(
            kind(c(
                "How to do distributed locking",
                "https://martin.kleppmann.com/x.html",
                &[]
            )),
            Kind::Article
        );
    }

    #[test]
    fn profiles_are_not_readings() {
        assert!(is_profile("https://twitter.com/muratdemirbas"));
        assert!(is_profile("https://github.com/aphyr"));
        assert!(is_profile("https://bsky.app/profile/asatarin.bsky.social"));
        assert!(!is_profile("https://github.com/aphyr/distsys-class"));
        assert!(!is_profile(
            "https://bsky.app/profile/x.bsky.social/post/3k"
        ));
        assert!(!is_profile("https://example.com/about"));
        assert!(is_discussion(
            "https://news.ycombinator.com/item?id=13406081"
        ));
        assert!(is_discussion("https://redd.it/1nft0x"));
        assert!(is_discussion(
            "https://www.reddit.com/r/programming/comments/1nft0x/x/"
        ));
        assert!(is_discussion("https://lobste.rs/s/abc/title"));
        assert!(!is_discussion("https://www.reddit.com/about"));
        assert!(!is_discussion("https://example.com/r/paper.pdf"));
    }

    #[test]
    fn levels_and_minutes() {
        assert_eq!(level(Kind::Paper, "Paxos Made Live"), Level::Advanced);
        assert_eq!(
            level(Kind::Paper, "A Gentle Introduction to Raft"),
            Level::Intro
        );
        assert_eq!(
            level(Kind::Book, "Distributed Systems for Fun and Profit"),
            Level::Intro
        );
        assert_eq!(level(Kind::Article, "Leases"), Level::Intermediate);
        assert!(default_minutes(Kind::Paper) > default_minutes(Kind::Article));
    }
}
