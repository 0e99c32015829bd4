//! Series: readings one author published as parts of one work. This module owns how a
//! list's series are found and in what order their parts come, once for all of drafting:
//! clustering keeps a series in one topic ([`super::cluster`]) and prerequisites put the
//! topic holding an earlier part first ([`super::prereqs`]).
//!
//! A series is told by any of: titles numbering their part under one name ("Writing a
//! compiler: 3. LLVM", "Exploring PL/pgSQL part two", "Raft, pt. IV"); addresses numbering it
//! (`.../adventures-in-jit-compilation-part-1-an-interpreter/`); the series' unnumbered
//! opening ("Exploring PL/pgSQL: parsing JSON" beside its part two); a note naming the series
//! ("Previously in compiler basics:"); three addresses or more sharing a slug
//! (`compiler-basics-...`).

use super::Reading;
use std::collections::{BTreeMap, BTreeSet};

/// One series of a list: two readings or more.
pub(crate) struct Series {
    /// Its readings: indices into the list given, in list order.
    pub(crate) members: Vec<usize>,
    /// Whether its readings are one work, to be kept in one topic. Parts known only by their
    /// addresses ("Part 2 - An x64 JIT" at `...-part-2-an-x64-jit/`) are not: their titles
    /// name each part's own subject, so each is filed by it, and only their order counts.
    pub(crate) one_work: bool,
    /// Its numbered runs: the parts giving one name and a number. A series tied only by a
    /// note or its addresses' slug has none; one tied by a note across two names has two.
    pub(crate) runs: Vec<Run>,
}

/// Parts of a series that number themselves under one name.
pub(crate) struct Run {
    /// The name the parts give the series, lower-case ("writing a compiler"). A run numbered
    /// by its addresses is named by the address with its host after it in brackets
    /// ("adventures in jit compilation (example.com)"), so two sites' series never merge.
    pub(crate) name: String,
    /// `(part number, index)`, in part order; an unnumbered opening is part 1.
    pub(crate) parts: Vec<(u32, usize)>,
}

/// The series of `readings`, in the order of their first readings.
pub(crate) fn find(readings: &[&Reading]) -> Vec<Series> {
    // The numbered parts, by the series' name.
    let mut runs: BTreeMap<String, Vec<(u32, usize)>> = BTreeMap::new();
    let mut by_address: BTreeSet<String> = BTreeSet::new();
    for (i, r) in readings.iter().enumerate() {
        let part = title_part(&r.c.title).or_else(|| {
            let (name, n) = url_part(&r.c.url)?;
            by_address.insert(name.clone());
            Some((name, n))
        });
        if let Some((name, n)) = part {
            runs.entry(name).or_default().push((n, i));
        }
    }
    // A series' unnumbered opening: "Exploring PL/pgSQL: parsing JSON" before "Exploring
    // PL/pgSQL part two: a Forth-like interpreter" is its part 1.
    for (i, r) in readings.iter().enumerate() {
        let lower = r.c.title.to_lowercase();
        let Some((head, _)) = lower.split_once(": ") else {
            continue;
        };
        if let Some(ps) = runs.get_mut(head.trim()) {
            if ps
                .iter()
                .all(|&(n, j)| n >= 2 && readings[j].c.title != r.c.title)
            {
                ps.push((1, i));
            }
        }
    }
    for ps in runs.values_mut() {
        ps.sort_unstable();
    }

    let mut parent: Vec<usize> = (0..readings.len()).collect();
    let mut join = |a: usize, b: usize| {
        let (a, b) = (root(&mut parent, a), root(&mut parent, b));
        parent[a.max(b)] = a.min(b);
    };
    for (_, ps) in runs.iter().filter(|(name, _)| !by_address.contains(*name)) {
        for w in ps.windows(2) {
            join(w[0].1, w[1].1);
        }
    }
    let mut notes: BTreeMap<String, usize> = BTreeMap::new();
    let mut slugs: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in readings.iter().enumerate() {
        if let Some(s) = r.c.note.as_deref().and_then(note_series) {
            match notes.get(&s) {
                Some(&j) => join(i, j),
                None => {
                    notes.insert(s, i);
                }
            }
        }
        if let Some(s) = slug_stem(&r.c.url) {
            slugs.entry(s).or_default().push(i);
        }
    }
    for members in slugs.values().filter(|m| m.len() >= 3) {
        for w in members.windows(2) {
            join(w[0], w[1]);
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..readings.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut series: Vec<Series> = groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|members| Series {
            members,
            one_work: true,
            runs: Vec::new(),
        })
        .collect();
    // A run named by its titles was joined above and lies in one series; one numbered by
    // its addresses does when a slug or a note joined it, or else is a series of its own.
    for (name, parts) in runs {
        let at: Vec<usize> = parts.iter().map(|p| root(&mut parent, p.1)).collect();
        let home = series
            .iter_mut()
            .find(|s| at.iter().all(|&a| a == s.members[0]));
        match home {
            Some(s) => s.runs.push(Run { name, parts }),
            None if parts.len() >= 2 => {
                let mut members: Vec<usize> = parts.iter().map(|p| p.1).collect();
                members.sort_unstable();
                series.push(Series {
                    members,
                    one_work: false,
                    runs: vec![Run { name, parts }],
                });
            }
            None => {}
        }
    }
    series.sort_by_key(|s| s.members[0]);
    series
}

/// The root of `i` in a union-find forest, halving the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Number words a title may give a part by ("part two", "part IV"): Roman numerals up to VI.
const SPELLED: &[&str] = crate::import::work::SPELLED_NUMBERS;
const ROMAN: &[&str] = crate::import::work::ROMAN_NUMERALS.split_at(6).0;

/// The series a title is a numbered part of, lower-case, and its number: "Writing a SQL
/// database from scratch in Go: 2. binary expressions" -> ("writing a sql database from
/// scratch in go", 2); "Raft, Part 3" -> ("raft", 3); "Exploring PL/pgSQL part two: a Forth"
/// -> ("exploring pl/pgsql", 2). The number follows the word "part" or "pt" (in digits,
/// spelled or Roman), or a colon (in digits), and ends its word or is followed by `.`, `:`,
/// `)` or `,`.
pub(crate) fn title_part(title: &str) -> Option<(String, u32)> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate().skip(1) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w != "part" && w != "pt" {
            continue;
        }
        if let Some(n) = words.get(i + 1).and_then(|n| number(n, true)) {
            let stem = trimmed(&words[..i].join(" "));
            if !stem.is_empty() {
                return Some((stem, n));
            }
        }
    }
    // "Stem: 3. Subtitle", the stem before the last colon or else the first.
    let cuts = [lower.rfind(": "), lower.find(": ")];
    cuts.into_iter().flatten().find_map(|at| {
        let n = number(lower[at + 2..].split_whitespace().next()?, false)?;
        let stem = trimmed(&lower[..at]);
        (!stem.is_empty()).then_some((stem, n))
    })
}

/// A word numbering a part: up to three digits, not zero-padded (a year or "SOSP '07" says
/// when, not which), or with `spelled` a number word; punctuation may end it.
fn number(word: &str, spelled: bool) -> Option<u32> {
    let end = word
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(word.len());
    let (w, after) = word.split_at(end);
    if !matches!(after.chars().next(), None | Some('.' | ':' | ')' | ',')) {
        return None;
    }
    if w.chars().all(|c| c.is_ascii_digit()) {
        return crate::import::work::part_number(w);
    }
    if !spelled {
        return None;
    }
    let at = |words: &[&str]| words.iter().position(|x| *x == w);
    at(SPELLED).or_else(|| at(ROMAN)).map(|i| i as u32 + 1)
}

/// A stem without the punctuation that led to its number ("raft," of "Raft, Part 3").
fn trimmed(stem: &str) -> String {
    stem.trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string()
}

/// The series and part a reading's address gives ("Part 1 - An Interpreter" at
/// `.../adventures-in-jit-compilation-part-1-an-interpreter/`): the series named by the last
/// path segment before "part-N", with its host, so two sites' series never merge.
fn url_part(url: &str) -> Option<(String, u32)> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_string();
    let segment = parsed.path_segments()?.rev().find(|s| !s.is_empty())?;
    let lower = segment.to_lowercase();
    let i = lower.find("part-")?;
    let digits: String = lower[i + 5..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let after = lower[i + 5 + digits.len()..].chars().next();
    if digits.is_empty() || !matches!(after, None | Some('-' | '.' | '_')) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    let name = lower[..i].replace(['-', '_'], " ");
    let name = name.trim();
    (!name.is_empty()).then(|| (format!("{name} ({host})"), n))
}

/// The series a note names ("Previously in compiler basics:", "Next in database basics:").
fn note_series(note: &str) -> Option<String> {
    let lower = note.trim_start().to_lowercase();
    let rest = ["previously in ", "next in ", "part of "]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let (name, _) = rest.split_once(':')?;
    let name = name.trim();
    let generic = name.is_empty()
        || name.split_whitespace().count() > 6
        || ["this series", "the series", "this"].contains(&name);
    (!generic).then(|| name.to_string())
}

/// The first two words of a URL's last path part ("compiler-basics" of
/// `compiler-basics-llvm.html`), when they are no everyday words alone, with the host before
/// them: two sites' pages sharing a slug are no series.
fn slug_stem(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let host = url::Url::parse(path)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let last = last.split('.').next()?.to_lowercase();
    let parts: Vec<&str> = last.split(['-', '_']).collect();
    if parts.len() < 3 {
        return None;
    }
    let (a, b) = (parts[0], parts[1]);
    let word = |w: &str| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic());
    let telling = |w: &str| {
        crate::import::domain::normal(w).is_some_and(|n| {
            !crate::import::domain::common_english(&n) && !super::TITLE_FORM.contains(&n.as_str())
        })
    };
    (word(a) && word(b) && (telling(a) || telling(b))).then(|| format!("{host}/{a}-{b}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Candidate;

    /// Readings of these (title, address, note) entries, in order.
    fn list(entries: &[(&str, &str, &str)]) -> Vec<Candidate> {
        entries
            .iter()
            .map(|(title, url, note)| Candidate {
                title: title.to_string(),
                url: url.to_string(),
                note: (!note.is_empty()).then(|| note.to_string()),
                ..Default::default()
            })
            .collect()
    }

    fn series_of(cs: &[Candidate]) -> Vec<Series> {
        let rs = super::super::titled(cs);
        let refs: Vec<&Reading> = rs.iter().collect();
        find(&refs)
    }

    /// A series part is a small number after "part " or the last colon, naming the series by
    /// what comes before; a year, a zero-padded number or a number inside a word is none.
    #[test]
    fn a_title_numbered_as_part_of_a_series_gives_its_series_and_number() {
        assert_eq!(
            title_part("Writing a SQL database from scratch in Go: 2. binary expressions"),
            Some(("writing a sql database from scratch in go".to_string(), 2))
        );
        assert_eq!(title_part("Raft, Part 3"), Some(("raft".to_string(), 3)));
        assert_eq!(title_part("Retrospective: 2019 in review"), None);
        assert_eq!(title_part("Notes: 07 things"), None);
        assert_eq!(title_part("Go: 2x faster builds"), None);
        assert_eq!(title_part("Part 4"), None);
    }

    /// Clustering alone read "pt", Roman numerals and "ten"; ordering alone read a colon's
    /// number without a full stop. Both now read all of them, and "part" only as a word.
    #[test]
    fn a_part_is_numbered_in_any_of_its_forms() {
        let part = |t: &str| title_part(t).map(|(_, n)| n);
        assert_eq!(part("Exploring PL/pgSQL part two: a Forth"), Some(2));
        assert_eq!(part("Distributed locks, pt. IV"), Some(4));
        assert_eq!(part("Crafting interpreters part ten"), Some(10));
        assert_eq!(part("Building a database: 3 indexes"), Some(3));
        assert_eq!(part("The B-tree and its counterpart 2 ways"), None);
        assert_eq!(
            title_part("Writing a compiler: 3. LLVM: codegen"),
            Some(("writing a compiler".to_string(), 3))
        );
    }

    /// Parts numbered under one name are one series, in part order whatever the list's.
    #[test]
    fn numbered_parts_are_one_series_in_part_order() {
        let cs = list(&[
            ("Writing a compiler: 2. functions", "", ""),
            ("Something else entirely", "", ""),
            ("Writing a compiler: 1. assembly", "", ""),
        ]);
        let s = series_of(&cs);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].members, [0, 2]);
        assert_eq!(s[0].runs[0].name, "writing a compiler");
        assert_eq!(s[0].runs[0].parts, [(1, 2), (2, 0)]);
    }

    /// Ordering alone read a series' unnumbered opening as part 1; it is now one of the
    /// series' readings too, so clustering keeps it with its part two.
    #[test]
    fn an_unnumbered_opening_is_part_one_of_its_series() {
        let cs = list(&[
            ("Exploring PL/pgSQL: parsing JSON", "", ""),
            ("Exploring PL/pgSQL part two: a Forth", "", ""),
            ("Exploring Rust: lifetimes", "", ""),
        ]);
        let s = series_of(&cs);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].members, [0, 1]);
        assert_eq!(s[0].runs[0].parts, [(1, 0), (2, 1)]);
    }

    /// A part's number read from its address orders the series; the parts are no one work,
    /// since their titles say only each part's subject. Two sites' "part-1" pages are two
    /// series.
    #[test]
    fn addresses_numbering_their_parts_make_a_series_per_site() {
        let cs = list(&[
            (
                "Part 1 - An Interpreter",
                "https://a.example/jit-compilation-part-1-an-interpreter/",
                "",
            ),
            (
                "Part 2 - A JIT",
                "https://a.example/jit-compilation-part-2-a-jit/",
                "",
            ),
            (
                "Part 2 - Elsewhere",
                "https://b.example/jit-compilation-part-2/",
                "",
            ),
        ]);
        let s = series_of(&cs);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].members, [0, 1]);
        assert!(!s[0].one_work);
        assert_eq!(s[0].runs[0].name, "jit compilation (a.example)");
        assert_eq!(s[0].runs[0].parts, [(1, 0), (2, 1)]);
    }

    /// Clustering alone read a note naming the series and three addresses sharing a slug:
    /// they gather a series but number no part, so they order nothing.
    #[test]
    fn a_note_or_a_shared_slug_gathers_a_series_without_order() {
        let cs = list(&[
            ("SSA form", "", "Previously in compiler basics: registers"),
            ("Register allocation", "", "Next in compiler basics: SSA"),
            (
                "Lexing",
                "https://x.example/compiler-basics-lexing.html",
                "",
            ),
            (
                "Parsing",
                "https://x.example/compiler-basics-parsing.html",
                "",
            ),
            (
                "Codegen",
                "https://x.example/compiler-basics-codegen.html",
                "",
            ),
            ("Notes", "", "Previously in this series: stuff"),
            ("More notes", "", "Previously in this series: more"),
        ]);
        let s = series_of(&cs);
        let members: Vec<&[usize]> = s.iter().map(|s| s.members.as_slice()).collect();
        assert_eq!(members, [&[0, 1][..], &[2, 3, 4][..]]);
        assert!(s.iter().all(|s| s.runs.is_empty()));
    }

    /// Two addresses sharing a slug are too few to tell a series from two pages of one site.
    #[test]
    fn two_addresses_sharing_a_slug_are_no_series() {
        let cs = list(&[
            (
                "Lexing",
                "https://x.example/compiler-basics-lexing.html",
                "",
            ),
            (
                "Parsing",
                "https://x.example/compiler-basics-parsing.html",
                "",
            ),
        ]);
        assert!(series_of(&cs).is_empty());
    }
}
