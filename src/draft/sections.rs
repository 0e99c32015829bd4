//! Topics from the list's own sections: its headings, a bookmark file's folders, a schedule's
//! topic column ([`Candidate::section`](crate::import::Candidate::section)).
//!
//! A section heading over every reading is the document's title, not a topic. A section named
//! only by the form of its readings ("Courses", "Books", "Papers") belongs to the section above
//! it. Generic sections ("Miscellaneous", "Other", "Further reading") become one "Further
//! reading" topic; navigation, licences and lists of other lists go to the inbox.

use super::{document_frequency, field_of, name_group, summarise, surface_forms, Key, Reading};
use super::{plain, Topic};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a section is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A topic of the course.
    Topic,
    /// Named by the form of its readings only ("Books", "Talks"): the section above decides.
    Form,
    /// Generic: "Miscellaneous", "Further reading".
    Further,
    /// Not readings of the course: navigation, licence, other reading lists.
    Away,
    /// A catalogue of things rather than of readings: tools, code projects, people,
    /// communities, channels. Its links are homes of things to use or follow.
    Catalogue,
}

/// Words naming a catalogue of people or places to follow rather than readings to study.
const CATALOGUE_WORDS: &[&str] = &[
    "community",
    "communities",
    "channel",
    "channels",
    "researchers",
    "institutes",
    "people",
    "companies",
    "newsletters",
    "forums",
    "meetups",
    "websites",
    "organizations",
    "organisations",
];

/// Words naming things to use; a section so named is a catalogue only when its links say so
/// too (mostly repositories and front pages): "Frameworks" of a course on ML systems holds
/// the papers on TensorFlow and PyTorch.
const THING_WORDS: &[&str] = &[
    "tool",
    "tools",
    "tooling",
    "framework",
    "frameworks",
    "library",
    "libraries",
    "project",
    "projects",
    "implementations",
    "software",
    "runtimes",
    "products",
];

/// Words saying a catalogue's things are made to be studied: "Educational and Toy Projects"
/// is code a learner reads and rebuilds, a topic of its own.
const STUDY_WORDS: &[&str] = &[
    "educational",
    "toy",
    "teaching",
    "tutorial",
    "tutorials",
    "example",
    "examples",
    "minimal",
    "tiny",
];

const FORM_WORDS: &[&str] = &[
    "course",
    "courses",
    "book",
    "books",
    "talk",
    "talks",
    "blog",
    "blogs",
    "paper",
    "papers",
    "video",
    "videos",
    "podcast",
    "podcasts",
    "article",
    "articles",
    "tutorial",
    "tutorials",
    "lecture",
    "lectures",
    "slide",
    "slides",
    "thesis",
    "theses",
    "post",
    "posts",
    "and",
    "online",
    "recommended",
    "reading",
    "readings",
    "resources",
    "material",
    "materials",
    "the",
    "other",
    "classic",
    "key",
    "must",
    "read",
    "required",
    "selected",
    "some",
    "free",
    "more",
    "&",
    "of",
    "schedule",
    "calendar",
    "syllabus",
    "current",
    // A collection's container heading ("Learning", "Resources to learn"): its subsections
    // say what the readings are.
    "learning",
    "learn",
    "conferences",
    "specifications",
    "specs",
    "standards",
    "discussions",
    "questions",
    "answers",
    "list",
    "weekly",
    "tentative",
    "assigned",
];

const FURTHER: &[&str] = &[
    "misc",
    "miscellaneous",
    "miscellanea",
    "other",
    "others",
    "other topics",
    "other resources",
    "other readings",
    "other papers",
    "further reading",
    "further readings",
    "more",
    "more reading",
    "more readings",
    "additional reading",
    "additional readings",
    "additional resources",
    "extra reading",
    "extras",
    "optional reading",
    "optional readings",
    "supplementary reading",
    "supplemental reading",
    "references",
    "bibliography",
    "see also",
    "everything else",
    "related",
    "related work",
    "uncategorized",
    "uncategorised",
    "unsorted",
    "various",
    "bonus",
    "links",
    "useful links",
    "resources",
];

/// Words saying a section's readings matter most: "Classic Papers", "Seminal Works", "Key
/// papers" hold the field's foundations, a core topic that comes early, never further reading.
const IMPORTANCE_WORDS: &[&str] = &[
    "classic",
    "classics",
    "seminal",
    "foundational",
    "landmark",
    "influential",
    "essential",
    "essentials",
    "key",
    "must",
    "required",
];

/// Whether `name` says only that its readings matter most (with kinds of resource):
/// "Classic Papers", "Must read", not "Classic Compiler Optimizations", which names a subject.
pub(crate) fn names_importance(name: &str) -> bool {
    let lower = strip_numbering(name).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| IMPORTANCE_WORDS.contains(w))
        && words
            .iter()
            .all(|w| IMPORTANCE_WORDS.contains(w) || FORM_WORDS.contains(w))
}

/// The role of a section named `name`.
pub(crate) fn role(name: &str) -> Role {
    // "Compilers -- Register Allocation -- Others" is an "Others" section.
    let lower = strip_numbering(name).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let has = |w: &str| words.iter().any(|x| x.starts_with(w));
    let lists = words.iter().any(|w| *w == "list" || *w == "lists");
    // "Tentative Schedule and Reading List" is the course's own schedule, not other lists.
    let schedule = words
        .iter()
        .any(|w| ["schedule", "syllabus", "calendar", "weekly"].contains(w));
    // A course page's logistics: its staff, policies and office hours are no reading.
    let logistics = words.iter().any(|w| {
        [
            "administrivia",
            "logistics",
            "policies",
            "policy",
            "grading",
            "staff",
            "instructor",
            "instructors",
            "faculty",
            "announcements",
        ]
        .contains(w)
    }) || joined.contains("office hours");
    // A calendar's rows that are no subject: an exam, a holiday, a celebration.
    let event = words.iter().any(|w| {
        [
            "exam",
            "exams",
            "midterm",
            "midterms",
            "holiday",
            "holidays",
            "celebration",
            "thanksgiving",
            "recess",
            "canceled",
            "cancelled",
        ]
        .contains(w)
    }) || joined.contains("no class");
    if event
        || logistics
        || has("licen")
        || has("contribut")
        || has("acknowledg")
        || has("sponsor")
        || has("credit")
        || joined == "contents"
        || joined == "table of contents"
        || joined == "toc"
        || joined == "about"
        || joined == "navigation"
        || joined == "menu"
        || joined == "footer"
        || joined == "code of conduct"
        || (lists
            && !schedule
            && (has("read")
                || has("awesome")
                || has("other")
                || has("external")
                || has("meta")
                || has("related")))
    {
        return Role::Away;
    }
    // "Further reading on X" and "Misc tools" are generic whatever follows; "More Binary
    // Attacks" or "External Memory Algorithms" name a subject, and only "More reading" or
    // "Additional resources", whose other words name no subject, are generic.
    let generic_rest = words.len() >= 2
        && ["more", "additional", "external", "optional", "extra"].contains(&words[0])
        && words[1..]
            .iter()
            .all(|w| FORM_WORDS.contains(w) || FURTHER.contains(w));
    // "Papers Worth Reading": a recommendation and kinds of resource, no subject, is a bucket.
    let worth = words.contains(&"worth")
        && words
            .iter()
            .all(|w| *w == "worth" || FORM_WORDS.contains(w));
    if FURTHER.contains(&joined.as_str())
        || generic_rest
        || worth
        || ["further ", "misc "].iter().any(|p| joined.starts_with(p))
    {
        return Role::Further;
    }
    if words.iter().any(|w| CATALOGUE_WORDS.contains(w))
        && !words.iter().any(|w| STUDY_WORDS.contains(w))
    {
        return Role::Catalogue;
    }
    if !words.is_empty() && words.iter().all(|w| FORM_WORDS.contains(w)) {
        return Role::Form;
    }
    Role::Topic
}

/// A link to a thing's home rather than to a text: a repository's root, a site's front page.
pub(crate) fn is_home_link(url: &str) -> bool {
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or(url)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").to_lowercase();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let code_host = [
        "github.com",
        "gitlab.com",
        "bitbucket.org",
        "codeberg.org",
        "sr.ht",
        "git.sr.ht",
    ]
    .contains(&host.as_str());
    if code_host {
        return parts.len() <= 2;
    }
    if host.ends_with(".sourceforge.net") || host == "sourceforge.net" {
        return true;
    }
    parts.is_empty()
        || (parts.len() == 1
            && ["index.html", "index.htm", "index.php", "home", "about"]
                .contains(&parts[0].to_lowercase().as_str()))
}

/// A section name saying its things are made to be studied.
fn names_study(name: &str) -> bool {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| STUDY_WORDS.contains(&w))
}

/// A section whose links are mostly homes of things (repositories, front pages) catalogues
/// those things, when its name says things ("Tools and Frameworks", "Serious Projects") or
/// nearly all its links are such homes ("Runtimes and VMs": OpenJDK, Kaffe, JamVM). Readings
/// link to texts.
fn catalogue_by_links(name: &str, members: &[&Reading]) -> bool {
    if members.len() < 3 {
        return false;
    }
    if names_study(name) {
        return false;
    }
    let lower = strip_numbering(name).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let homes = members.iter().filter(|r| is_home_link(&r.c.url)).count();
    let things = words.iter().any(|w| THING_WORDS.contains(w));
    if things {
        homes * 2 >= members.len()
    } else {
        // Without such a name, only a long run of homes: a short section of one paper and
        // the tools its note mentions ("Dapper", then Zipkin, HTrace) is a topic.
        members.len() >= 6 && homes * 4 >= members.len() * 3
    }
}

/// A calendar's section name without its numbering: "Week 3: Paxos" is "Paxos"; "Week 3"
/// alone is empty (its readings name it).
pub(crate) fn strip_numbering(name: &str) -> String {
    // A heading that spells out its path ("Compilers -- Register Allocation -- Linear Scan")
    // is named by its last part; the parents are headings of their own.
    let t = [" -- ", " — ", " > ", " » "]
        .iter()
        .filter_map(|sep| name.rsplit_once(sep).map(|(_, last)| last))
        .min_by_key(|last| last.len())
        .unwrap_or(name)
        .trim();
    let lower = t.to_lowercase();
    for p in [
        "week", "lecture", "class", "day", "session", "module", "unit", "part", "chapter",
        "lesson", "topic",
    ] {
        if lower.starts_with(p) {
            let Some(rest) = t.get(p.len()..) else {
                continue;
            };
            let rest = rest.trim_start();
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 {
                return rest[digits..]
                    .trim_start_matches([':', '.', '-', ' ', ')', '\u{2013}', '\u{2014}'])
                    .trim()
                    .to_string();
            }
        }
    }
    t.to_string()
}

/// Where a reading goes by its section path.
enum Place {
    Topic(String),
    Further,
    Away(String),
    Catalogue(String),
    None,
}

fn place(path: &[String], catalogued: &HashSet<String>) -> Place {
    if path.is_empty() {
        return Place::None;
    }
    // Code written to be studied ("Educational and Toy Projects") stays a topic even in a
    // catalogue of code ("Compilers and Interpreters").
    let studied = path.iter().any(|s| names_study(s));
    for s in path {
        if catalogued.contains(s) && !studied {
            return Place::Catalogue(s.clone());
        }
        match role(s) {
            Role::Away => return Place::Away(s.clone()),
            Role::Catalogue => return Place::Catalogue(s.clone()),
            Role::Further => return Place::Further,
            _ => {}
        }
    }
    // The innermost section that names a subject. When all name only forms of readings
    // ("Recommended Courses, Books and Talks" > "Books", "Learning" > "Papers"), the section
    // is a collection of resources over every subject: optional further reading.
    match path
        .iter()
        .rev()
        .find(|s| role(s) == Role::Topic || names_importance(s))
    {
        Some(named) => Place::Topic(named.clone()),
        None => Place::Further,
    }
}

/// Topics, and the readings for the inbox with why.
type Drafted = (Vec<Topic>, Vec<(Key, String)>);

/// What a list's sections give.
pub(crate) enum Sectioned {
    /// Topics that follow the sections, and the inbox.
    Topics(Drafted),
    /// Sections that name levels or kinds of resource, not subjects ("Introductory",
    /// "Advanced", "Papers", "Educational Projects"): the readings (indices) to cluster by
    /// their text, and the inbox the sections still decide (catalogues, navigation).
    Unusable {
        rest: Vec<usize>,
        inbox: Vec<(Key, String)>,
        /// The headings over every reading: the list's own title ("Awesome Compilers"),
        /// whose words name the whole list, no topic of it.
        title: Vec<String>,
    },
}

/// Words naming how far along a reader is, not what the readings are about.
const LEVEL_WORDS: &[&str] = &[
    "general",
    "overview",
    "overviews",
    "introductory",
    "beginner",
    "beginners",
    "intermediate",
    "advanced",
    "expert",
    "experts",
    "level",
    "novice",
];

/// A section named by a level of its readings only ("Introductory", "General Overview",
/// "Advanced Books"): no subject.
pub(crate) fn names_level(name: &str) -> bool {
    let lower = strip_numbering(name).to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| LEVEL_WORDS.contains(w))
        && words
            .iter()
            .all(|w| LEVEL_WORDS.contains(w) || FORM_WORDS.contains(w))
}

/// Topics from sections, or `None` when the list has too few to follow.
pub(crate) fn by_section(readings: &[Reading]) -> Option<Sectioned> {
    if readings.is_empty() {
        return None;
    }
    // A section over every reading is the document's title.
    let n = readings.len();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for r in readings {
        let mut seen: Vec<&str> = r.c.section.iter().map(|s| s.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *count.entry(s).or_default() += 1;
        }
    }
    let paths: Vec<Vec<String>> = readings
        .iter()
        .map(|r| {
            r.c.section
                .iter()
                .filter(|s| n < 3 || count[s.as_str()] < n)
                .map(|s| s.trim().trim_end_matches([':', '.']).trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect();
    let with_section = paths.iter().filter(|p| !p.is_empty()).count();
    let distinct: HashSet<&Vec<String>> = paths.iter().filter(|p| !p.is_empty()).collect();
    if with_section * 2 < n || distinct.len() < 2 {
        return None;
    }
    // A subsection of fewer than three readings joins its parent section, when that names a
    // subject: "Bloom Filter" with one paper is part of "Query Execution".
    let before = paths;
    let paths: Vec<Vec<String>> = before
        .iter()
        .map(|p| {
            let mut p = p.clone();
            while p.len() >= 2
                && role(&p[p.len() - 2]) == Role::Topic
                && before
                    .iter()
                    .filter(|q| q.len() >= p.len() && q[..p.len()] == p[..])
                    .count()
                    < 3
            {
                p.pop();
            }
            p
        })
        .collect();
    // ...but not into a parent that is a mere heading over its subsections, with no reading of
    // its own, when this subsection is the only one joining it: "Hardwares" holding only the
    // two Meltdown/Spectre papers would name them by the container, not their subject.
    let paths: Vec<Vec<String>> = {
        let mut joined: HashMap<&[String], HashSet<&[String]>> = HashMap::new();
        for (p, q) in paths.iter().zip(&before) {
            if p.len() < q.len() {
                joined.entry(p.as_slice()).or_default().insert(q.as_slice());
            }
        }
        paths
            .iter()
            .zip(&before)
            .map(|(p, q)| {
                let lone = joined.get(p.as_slice()).is_some_and(|from| from.len() == 1);
                if p.len() < q.len() && lone && !before.iter().any(|b| b == p) {
                    q.clone()
                } else {
                    p.clone()
                }
            })
            .collect()
    };
    // Under a schedule's heading but in no row's topic: a holiday, an exam, a course overview.
    // (Only a heading whose subsections name subjects: the papers directly under "Papers",
    // above its "Researchers and Institutes", are papers.)
    let parents: HashSet<&[String]> = paths
        .iter()
        .filter(|p| p.last().is_some_and(|s| role(s) == Role::Topic))
        .flat_map(|p| (1..p.len()).map(move |k| &p[..k]))
        .collect();
    // Sections whose links are homes of things, each judged on every reading under it.
    let mut under: BTreeMap<&str, Vec<&Reading>> = BTreeMap::new();
    for (i, p) in paths.iter().enumerate() {
        for s in p {
            under.entry(s.as_str()).or_default().push(&readings[i]);
        }
    }
    let catalogued: HashSet<String> = under
        .iter()
        .filter(|(s, rs)| role(s) != Role::Further && catalogue_by_links(s, rs))
        .map(|(s, _)| s.to_string())
        .collect();
    let mut topics: Vec<(String, String, Vec<usize>)> = Vec::new(); // (key, shown, readings)
    let mut further: Vec<usize> = Vec::new();
    let mut inbox = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        if parents.contains(path.as_slice()) && path.iter().all(|s| role(s) == Role::Form) {
            inbox.push((
                readings[i].key,
                format!(
                    "directly under \"{}\", outside its sections",
                    plain(&path[path.len() - 1])
                ),
            ));
            continue;
        }
        match place(path, &catalogued) {
            Place::Topic(name) => {
                let shown = strip_numbering(&name);
                let key = shown.to_lowercase();
                match topics.iter_mut().find(|t| t.0 == key && !key.is_empty()) {
                    Some(t) => t.2.push(i),
                    None if key.is_empty() => {
                        // "Week 3" alone: its own topic, named from its readings below.
                        match topics.iter_mut().find(|t| t.1 == name && t.0.is_empty()) {
                            Some(t) => t.2.push(i),
                            None => topics.push((String::new(), name.clone(), vec![i])),
                        }
                    }
                    None => topics.push((key, shown, vec![i])),
                }
            }
            Place::Further => further.push(i),
            Place::Away(s) => inbox.push((
                readings[i].key,
                format!(
                    "under \"{}\", which is not a topic of the course",
                    plain(&s)
                ),
            )),
            Place::Catalogue(s) => inbox.push((readings[i].key, catalogue_reason(&s))),
            Place::None => inbox.push((readings[i].key, "under no section of the list".into())),
        }
    }
    // Nothing left that names a subject: the sections were kinds of resource only, so they
    // cannot give the topics.
    if topics.len() < 2 {
        return None;
    }
    // Sections that name levels ("Introductory", "Advanced") or code to study ("Educational
    // and Toy Projects"), with the generic further reading, holding more than two readings in
    // three: the sections sort the list by kind of resource, not by subject, and its
    // readings are clustered by what they say instead.
    let filed = topics.iter().map(|t| t.2.len()).sum::<usize>() + further.len();
    let subjects: usize = topics
        .iter()
        .filter(|t| !names_level(&t.1) && !names_study(&t.1))
        .map(|t| t.2.len())
        .sum();
    if filed >= 30 && subjects * 3 < filed {
        let rest: Vec<usize> = topics
            .iter()
            .flat_map(|t| t.2.iter().copied())
            .chain(further.iter().copied())
            .collect();
        let mut rest = rest;
        rest.sort_unstable();
        let title = count
            .iter()
            .filter(|(_, c)| **c == n)
            .map(|(s, _)| s.to_string())
            .collect();
        return Some(Sectioned::Unusable { rest, inbox, title });
    }
    let df = document_frequency(readings);
    let field = field_of(readings);
    let forms = surface_forms(readings);
    let mut taken: HashSet<String> = topics.iter().map(|t| t.0.clone()).collect();
    let mut out = Vec::new();
    for (key, shown, members) in topics {
        let rs: Vec<&Reading> = members.iter().map(|i| &readings[*i]).collect();
        let named = name_group(&rs, readings, &df, &field, &forms, &taken);
        let keywords = match &named {
            Some((_, k)) => k.clone(),
            None => Vec::new(),
        };
        let title = if key.is_empty() {
            match &named {
                Some((t, _)) => format!("{}: {}", plain(&shown), t),
                None => plain(&shown),
            }
        } else {
            plain(&shown)
        };
        taken.insert(title.to_lowercase());
        let mut kw = vec![title.to_lowercase()];
        kw.extend(
            keywords
                .into_iter()
                .filter(|k| !title.to_lowercase().contains(k)),
        );
        kw.truncate(4);
        let intro_share = rs.iter().filter(|r| r.intro).count() * 2 >= rs.len().max(1);
        // "Books", "Courses": a list's textbooks and courses are where a reader starts.
        let teaching = role(&title) == Role::Form
            && ["book", "course", "textbook", "tutorial", "lecture"]
                .iter()
                .any(|w| title.to_lowercase().contains(w));
        // "Classic Papers": the field's foundations come early.
        let intro = intro_share || is_intro_section(&title) || teaching || names_importance(&title);
        out.push(Topic {
            id: String::new(),
            summary: format!(
                "{} Drafted from the section \"{}\" of the list.",
                summarise(&rs, &kw[1..]),
                plain(&shown)
            ),
            origin: format!("the section \"{}\"", plain(&shown)),
            title,
            keywords: kw,
            members: rs.iter().map(|r| r.key).collect(),
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro,
        });
    }
    if !further.is_empty() {
        let rs: Vec<&Reading> = further.iter().map(|i| &readings[*i]).collect();
        out.push(Topic {
            id: String::new(),
            title: "Further reading".into(),
            summary: format!(
                "{} Gathered from the list's generic sections (miscellaneous, further reading): optional, or to be filed under the topics above.",
                summarise(&rs, &[])
            ),
            origin: "the list's generic sections".into(),
            keywords: vec!["further reading".into()],
            members: rs.iter().map(|r| r.key).collect(),
            requires: Vec::new(),
            stage: 0,
            further: true,
            intro: false,
        });
    }
    Some(Sectioned::Topics((out, inbox)))
}

fn catalogue_reason(section: &str) -> String {
    format!(
        "under \"{}\", a catalogue of tools, projects, people or places rather than readings",
        plain(section)
    )
}

/// A section whose name says it comes first: "Introduction", "Basics", "Getting started".
pub(crate) fn is_intro_section(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "intro",
        "basic",
        "fundamental",
        "foundation",
        "getting started",
        "overview",
        "background",
        "primer",
        "start here",
        "recommended",
        "beginner",
        "first steps",
        "preliminaries",
        "course overview",
    ]
    .iter()
    .any(|w| t.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_section_names() {
        assert_eq!(role("Miscellaneous"), Role::Further);
        assert_eq!(role("Other"), Role::Further);
        assert_eq!(role("Further reading"), Role::Further);
        assert_eq!(role("External reading lists"), Role::Away);
        assert_eq!(role("Other awesome lists"), Role::Away);
        assert_eq!(role("License"), Role::Away);
        assert_eq!(role("Table of Contents"), Role::Away);
        assert_eq!(role("Books"), Role::Form);
        assert_eq!(role("Recommended Courses, Books and Talks"), Role::Form);
        assert_eq!(role("Paxos"), Role::Topic);
        assert_eq!(role("Tentative Schedule and Reading List"), Role::Form);
        assert_eq!(role("Administrivia"), Role::Away);
        assert_eq!(role("Course Logistics"), Role::Away);
        assert_eq!(role("Time"), Role::Topic);
        assert_eq!(role("Query Optimizer"), Role::Topic);
        assert_eq!(role("Learning"), Role::Form);
        assert_eq!(role("Communities"), Role::Catalogue);
        assert_eq!(role("Researchers and Institutes"), Role::Catalogue);
        // Named like things to use, but decided by its links: a course's "Frameworks".
        assert_eq!(role("Frameworks"), Role::Topic);
        assert_eq!(role("Machine Learning"), Role::Topic);
    }

    #[test]
    fn home_links_are_repositories_and_front_pages() {
        assert!(is_home_link("https://github.com/dotnet/coreclr"));
        assert!(is_home_link("http://openjdk.java.net/"));
        assert!(!is_home_link("https://github.com/a/b/blob/master/notes.md"));
        assert!(!is_home_link("https://example.org/papers/x.pdf"));
    }

    #[test]
    fn calendar_numbering_is_not_a_name() {
        assert_eq!(strip_numbering("Week 3: Paxos"), "Paxos");
        assert_eq!(
            strip_numbering("Lecture 12 - Distributed data"),
            "Distributed data"
        );
        assert_eq!(strip_numbering("Week 3"), "");
        assert_eq!(strip_numbering("Weekly digest"), "Weekly digest");
        assert_eq!(strip_numbering("Time"), "Time");
        assert_eq!(
            strip_numbering("Compilers -- Register Allocation -- Linear Scan"),
            "Linear Scan"
        );
    }
}
