//! The text dump of a Bluesky profile page: a profile header, then per post a title, a URL
//! shown without scheme (often cut with `...`), an optional blurb, and a date line such as
//! `November 24, 2025 at 12:00 PM` that closes the post.
//!
//! The date line is the only reliable separator, so posts are the runs of lines between date
//! lines; inside a run, the first URL-looking line splits the title from the blurb.

use super::text::non_empty;
use super::{warning, Candidate, Parsed};
use crate::model::UrlStatus;
use std::path::Path;

/// English month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `November 24, 2025 at 12:00 PM` (the time is optional) -> `2025-11-24`.
pub fn parse_date(line: &str) -> Option<String> {
    let date = line.split(" at ").next()?.trim();
    let (month, rest) = date.split_once(' ')?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month) || m[..3].eq_ignore_ascii_case(month))?
        + 1;
    let (day, year) = rest.split_once(',')?;
    let day: i8 = day.trim().parse().ok()?;
    let year: i16 = year.trim().parse().ok()?;
    if !(1900..=2999).contains(&year) {
        return None;
    }
    // jiff knows month lengths and leap years: `February 31` is not a date line.
    let date = jiff::civil::Date::new(year, month as i8, day).ok()?;
    if let Some(time) = line.split(" at ").nth(1) {
        let ok = time
            .trim()
            .split_once(' ')
            .is_some_and(|(hm, ampm)| hm.contains(':') && matches!(ampm, "AM" | "PM"));
        if !ok {
            return None;
        }
    }
    Some(date.to_string())
}

/// A URL as the dump shows it: no spaces, a dotted host, then a path or a `...` cut.
fn looks_like_url(line: &str) -> bool {
    if line.is_empty() || line.contains(char::is_whitespace) {
        return false;
    }
    if line.starts_with("http://") || line.starts_with("https://") {
        return true;
    }
    let (host, _) = line.split_once('/').unwrap_or((line, ""));
    let host = host.trim_end_matches("...").trim_end_matches('…');
    let tld = host.rsplit('.').next().unwrap_or("");
    host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && (line.contains('/') || line.ends_with("...") || line.ends_with('…'))
}

/// Lines of the profile header (name, handle, bio, website) before the first post.
fn header_len(lines: &[&str]) -> usize {
    let Some(handle) = lines
        .iter()
        .take(6)
        .position(|l| l.starts_with('@') && !l.contains(char::is_whitespace))
    else {
        return 0;
    };
    let mut n = handle + 1;
    // The bio, unless what follows is already a post (a title followed by its URL).
    let post_url = |l: &&str| looks_like_url(l) && !l.contains("://");
    if n < lines.len() && !lines.get(n + 1).is_some_and(post_url) {
        n += 1;
    }
    if lines
        .get(n)
        .is_some_and(|l| l.starts_with("http://") || l.starts_with("https://"))
        && !lines.get(n + 1).is_some_and(post_url)
    {
        n += 1;
    }
    n
}

pub fn parse(content: &str, file: &Path) -> Parsed {
    let lines: Vec<&str> = content.lines().map(str::trim).collect();
    let mut out = Parsed::default();
    let mut post: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(header_len(&lines)) {
        if line.is_empty() {
            continue;
        }
        if let Some(date) = parse_date(line) {
            if !post.is_empty() {
                take_post(&post, Some(date), file, &mut out);
            }
            post.clear();
        } else {
            post.push((i + 1, line));
        }
    }
    if !post.is_empty() {
        out.skipped.push(
            warning(
                file,
                post[0].0,
                1,
                format!("the post `{}` has no date line; skipped", post[0].1),
            )
            .with_help("each post ends with a line like `November 24, 2025 at 12:00 PM`"),
        );
    }
    out
}

fn take_post(post: &[(usize, &str)], date: Option<String>, file: &Path, out: &mut Parsed) {
    let line = post[0].0;
    let Some(at) = post.iter().position(|(_, l)| looks_like_url(l)) else {
        out.skipped.push(
            warning(
                file,
                line,
                1,
                format!("the post `{}` has no URL; skipped", post[0].1),
            )
            .with_help("add the link to a topic file by hand once you know its URL"),
        );
        return;
    };
    let join = |ls: &[(usize, &str)]| ls.iter().map(|(_, l)| *l).collect::<Vec<_>>().join(" ");
    let shown = post[at].1;
    let title = if at == 0 {
        shown.to_string()
    } else {
        join(&post[..at])
    };
    let url = if shown.contains("://") {
        shown.to_string()
    } else {
        format!("https://{shown}")
    };
    let url_status = if crate::corpus::url_key::truncated_prefix(shown).is_some() {
        UrlStatus::Truncated
    } else if shown.contains("://") {
        UrlStatus::Confirmed
    } else {
        // The dump hides the scheme: https is a guess, if a safe one.
        UrlStatus::Guessed
    };
    out.links.push(Candidate {
        title,
        url,
        url_status,
        note: non_empty(&join(&post[at + 1..])),
        published: date,
        line,
        ..Candidate::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("November 24, 2025 at 12:00 PM").as_deref(),
            Some("2025-11-24")
        );
        assert_eq!(parse_date("May 6, 2025").as_deref(), Some("2025-05-06"));
        assert_eq!(parse_date("May thy bits chip and shatter"), None);
        assert_eq!(parse_date("March 18, 2025 at noon"), None);
        assert_eq!(parse_date("February 31, 2025 at 9:00 AM"), None);
        assert_eq!(parse_date("Feb 29, 2025"), None);
        assert_eq!(parse_date("Feb 29, 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("April 31, 2025"), None);
    }

    #[test]
    fn urls_without_scheme() {
        assert!(looks_like_url("martin.kleppmann.com/2016/02/08/h..."));
        assert!(looks_like_url("ilyasergey.net/YSC4231/"));
        assert!(looks_like_url("shachaf.net/w/consensus"));
        assert!(!looks_like_url("distribsystems.bsky.social"));
        assert!(!looks_like_url("Node.js"));
        assert!(!looks_like_url("Concurrent programming is hard."));
    }

    #[test]
    fn posts_with_and_without_url_or_blurb() {
        let text = "Name\nname.bsky.social\nName\n@name.bsky.social\nBio here\nhttps://name.dev/\n\
            First\nexample.com/a/very-long...\nA blurb.\nMay 9, 2025 at 11:01 AM\n\
            No link here\nMay 8, 2025 at 11:01 AM\n\
            Second\nexample.org/b/\nMay 7, 2025 at 11:01 AM\n";
        let p = parse(text, Path::new("f.txt"));
        assert_eq!(p.links.len(), 2);
        assert_eq!(p.links[0].title, "First");
        assert_eq!(p.links[0].url, "https://example.com/a/very-long...");
        assert_eq!(p.links[0].url_status, UrlStatus::Truncated);
        assert_eq!(p.links[0].note.as_deref(), Some("A blurb."));
        assert_eq!(p.links[0].published.as_deref(), Some("2025-05-09"));
        assert_eq!(p.links[0].line, 7);
        assert_eq!(p.links[1].note, None);
        assert_eq!(p.links[1].url_status, UrlStatus::Guessed);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(
            p.skipped[0].to_string(),
            "f.txt:11:1: warning: the post `No link here` has no URL; skipped\n  \
             help: add the link to a topic file by hand once you know its URL"
        );
    }

    #[test]
    fn an_impossible_date_closes_no_post() {
        // Not a date line, so the post it would close runs to the end and is reported.
        let text = "First\nexample.com/a\nFebruary 31, 2025 at 11:01 AM\n";
        let p = parse(text, Path::new("f.txt"));
        assert!(p.links.is_empty());
        assert_eq!(p.skipped.len(), 1);
        assert!(
            p.skipped[0]
                .to_string()
                .starts_with("f.txt:1:1: warning: the post `First` has no date line; skipped"),
            "{}",
            p.skipped[0]
        );
    }
}
