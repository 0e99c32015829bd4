//! One reading once: whether a candidate is a *work* the corpus already holds, whatever the
//! address it comes under.
//!
//! A work is known by its addresses ([`crate::corpus::url_key`]: the same page, or the same
//! DOI, arXiv or ACM paper), by identifiers found inside other addresses (a DOI in a
//! publisher's path; the file name of a paper in Google's research archive or on Lamport's
//! pages, which are mirrored under several hosts; Google's archive with its papers' venue
//! suffixes off), by the file name of a PDF, and by its title. The rules, in order:
//!
//! 1. **Same page**: an address with the same comparison key (truncations included).
//! 2. **Same identifier** (DOI, arXiv id, mirror file): the same work, unless both titles are
//!    informative and share next to nothing: then a mistake in one of the sources is more
//!    likely than a paper under a foreign title, so it is a [`Conflict`], never a merge.
//! 3. **Same PDF file name** at another host, when the titles agree (or one is unknown).
//! 4. **Same page of a course site in another term**: the same host and path but for the
//!    segments that number a course or a term (`/6.824/labs/lab-raft.html`,
//!    `/6.5840/labs/lab-raft1.html`), when the titles do not say otherwise.
//! 5. **Same title**: equal after normalising (case, accents, punctuation, a leading "The",
//!    bracketed asides), equal main titles (before a colon) of at least three words, a
//!    name and its subtitle against the subtitle alone ("Raft: In Search of ..."), nearly
//!    the same words (a dropped subtitle word, one misspelt word of a long title, one
//!    word changed in a title of five, not the first), or the
//!    same letters with spaces lost in a PDF copy; at a paper's file, the first two or
//!    three words of a title that no other title has ("Harvest and Yield"); a title with
//!    the work's authors' surnames around it and no other word ("Chandra and Toueg's
//!    'Unreliable Failure Detectors ...'"). Titles too
//!    short to tell ("Raft", "Distributed Systems") never decide alone. When both sides have
//!    DOIs and none is shared, or both name authors and no surname is shared, the look-alike
//!    is not merged; contradicting DOIs are a [`Conflict`]. A short title made only of the
//!    field's common words ("Distributed Consensus") at another site, with no shared author,
//!    names a subject rather than a work: a [`Conflict`], not a merge. An encyclopedia's
//!    article is never a work at another site by rules 3 to 6: its link text may name the
//!    paper ("Byzantine Generals Problem") while the article is about the subject.
//! 6. **A paper's address that spells the title** (`.../Time-Clocks-and-the-Ordering-of-Events-
//!    in-a-Distributed-System.pdf`), when the link's own title agrees or says nothing.
//! 7. **Its authors named** beside the link or in its address ([`Works::named_by_authors`]):
//!    a short title or a version of the title with one of its authors in the link's text or
//!    note ("Distributed Systems", "Maarten van Steen, Andrew Tanenbaum"), or a paper's file
//!    whose address names an author and, with the title and note, says three things of the
//!    work (authors, its year, its title's words: `.../Lynch/jacm85.pdf`, "FLP Impossibility
//!    Result"). Asked only when rules 1 to 6 found nothing and nothing conflicted.
//! 8. **A page of a known site** under the site's title, an edition added or not
//!    ("Distributed Systems 3rd" at the site of "Distributed Systems").
//!
//! Versions of one paper under one title (conference and journal, preprint and final, a
//! revision years later that added a subtitle) are one work whatever the years. Years
//! separate only titles that differ: a work that appeared two years or more from a known
//! one under a title that is not the same (a later paper that extends an earlier one's
//! title, "... and Proactive Recovery") is a look-alike, never merged by rules 3 to 6. A
//! work's year is its `published` year ([`year_of`]), a year in its title, or the venue
//! and year its paper's file is named with (`osdi99.pdf`).

use crate::corpus::url_key as urls;
// A fixed-seed fast hash: these maps are the work index's own, keyed by our strings.
use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

/// Whether `word` says nothing of which work a title is: asked several times of every word
/// of every title, so a `match` rather than a scan of a list.
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "of" | "and" | "in" | "on" | "for" | "to" | "with"
    )
}

/// PDF file names too common to name a work.
const GENERIC_FILES: &[&str] = &[
    "paper",
    "main",
    "final",
    "slides",
    "thesis",
    "index",
    "article",
    "preprint",
    "full",
    "download",
    "fulltext",
    "manuscript",
    "draft",
    "camera-ready",
    "abstract",
    "talk",
];

/// File names (their trailing number off) that every term of a course site has, each a
/// different page: "lecture", "notes", "hw".
const TERM_GENERIC: &[&str] = &[
    "lecture",
    "lec",
    "notes",
    "note",
    "slides",
    "hw",
    "homework",
    "lab",
    "labs",
    "index",
    "week",
    "chapter",
    "ch",
    "exam",
    "quiz",
    "problem",
    "ps",
    "pset",
    "project",
    "assignment",
    "reading",
    "readings",
    "schedule",
    "syllabus",
    "paper",
    "main",
    "l",
    "p",
    "a",
    "document",
    "view",
    "file",
    "content",
    "pdf",
    "download",
];

/// The key under which the pages of a course site are one page whatever the term: the host
/// (no `www.`), the path with each directory that holds a digit (a course number "6.824", a
/// term "fall2019") as `*`, and the file name with a trailing number off ("lab-raft1.html"
/// is "lab-raft.html": labs get renumbered). `None` when no directory holds a digit, or the
/// file name is one every term has (`lecture3.html`), or a directory is a record's number
/// (`hal.inria.fr/inria-00555588/document`: five digits or more name a work, not a term).
fn term_key(url: &url::Url) -> Option<String> {
    let host = url.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let (last, dirs) = segments.split_last()?;
    if !dirs.iter().any(|d| d.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    let record = |d: &&str| {
        d.split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() >= 5)
    };
    if dirs.iter().any(record) {
        return None;
    }
    let (stem, ext) = last.rsplit_once('.').unwrap_or((last, ""));
    let stem = stem.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_');
    let stem = stem.to_ascii_lowercase();
    if stem.chars().filter(char::is_ascii_alphabetic).count() < SHORT_FILE
        || TERM_GENERIC.contains(&stem.as_str())
        || GENERIC_FILES.contains(&stem.as_str())
    {
        return None;
    }
    let mut key = host.to_ascii_lowercase();
    for d in dirs {
        key.push('/');
        if d.chars().any(|c| c.is_ascii_digit()) {
            key.push('*');
        } else {
            key.push_str(&d.to_ascii_lowercase());
        }
    }
    key.push('/');
    key.push_str(&stem);
    key.push('.');
    key.push_str(&ext.to_ascii_lowercase());
    Some(key)
}

/// Least similarity (shared words over all words) of two titles of one work: a typo, a
/// dropped word.
const SAME_TITLE: f32 = 0.85;
/// Below this, two informative titles are of different works.
const UNRELATED: f32 = 0.2;
/// Titles a word may be in and still help find near-equal titles.
const COMMON_WORD: usize = 200;
/// Least similarity for a PDF file name to decide: file names collide more than DOIs.
const FILE_AGREES: f32 = 0.3;
/// File names shorter than this ("raft.pdf") decide only with a title that is the name.
const NAMED_FILE: usize = 6;
/// The shortest PDF file name kept at all.
const SHORT_FILE: usize = 4;
/// A title of at most this many words that are not filler may be a generic one (see
/// [`Works::generic_title`]).
const GENERIC_TITLE_WORDS: usize = 3;
/// A word in at least this many known titles is a common word of the field ("distributed",
/// "consensus"): a title made only of such words names a subject, not one work.
const FIELD_WORD: usize = 3;

/// The fewest letters of a surname looked for in an address or beside a link: shorter ones
/// ("Li", "Wu") are parts of other words too often.
const NAME_LETTERS: usize = 4;
/// What a link's address and the text beside it must say of a work to be it when its title
/// does not (see [`Works::named_by_authors`]): an author named in the address, and as many
/// more of its authors, its year and its title's words as make this many in all.
const NAMED_BY: usize = 3;

/// The most words a link's text may have that its work's title has not, for rule 7 to take
/// a paper's file for the work: "FLP Impossibility Result" has two.
const FOREIGN_WORDS: usize = 2;

/// Years between two works under differing titles that make them two works (see
/// [`Works::years_apart`]): a year apart is a preprint and its conference version.
const YEAR_GAP: u16 = 2;

/// The year a work appeared, 0 when nothing says: its `published` year or month (a BibTeX
/// `year`, a corpus link's `1999-02`; a day's date is a feed item's, which says when a link
/// was shared, not when the work appeared), else a year the title gives (`(2002)`, `SOSP 2003`), else the venue and year a paper's file is named with
/// (`osdi99.pdf`, `amazon-dynamo-sosp2007.pdf`, `jacm85.pdf`). A year in a directory is
/// left alone: it is when a copy was uploaded or a course was taught (`uploads/2017/01/`,
/// `fall2019/`), not when the work appeared.
pub(crate) fn year_of(id: &Identity<'_>) -> u16 {
    id.published
        .map(str::trim)
        .filter(|p| p.len() <= "yyyy-mm".len())
        .and_then(leading_year)
        .or_else(|| year_in_title(id.title))
        .or_else(|| id.urls.iter().find_map(|u| year_in_file(u)))
        .unwrap_or(0)
}

/// A plausible year of publication: 1900 to 2099.
fn plausible(year: u16) -> Option<u16> {
    (1900..2100).contains(&year).then_some(year)
}

/// The year a date starts with (`1999-02`, `2002`).
fn leading_year(date: &str) -> Option<u16> {
    let digits = date.get(..4)?;
    if date[4..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    plausible(digits.parse().ok()?)
}

/// The first word of a title that is a year (four digits, 1900 to 2099).
fn year_in_title(title: &str) -> Option<u16> {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .find_map(|w| plausible(w.parse().ok()?))
}

/// The year of a venue the file name of `url` ends with: three to six letters that name no
/// lecture or chapter, then two or four digits (`osdi99`, `sosp2003`, `gfs-sosp2003`).
fn year_in_file(url: &str) -> Option<u16> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let (stem, _) = last.rsplit_once('.')?;
    let tail = stem.rsplit(['-', '_']).next()?;
    let letters = tail.chars().take_while(char::is_ascii_alphabetic).count();
    let digits = &tail[letters..];
    let venue = tail[..letters].to_ascii_lowercase();
    if !(3..=6).contains(&letters)
        || !matches!(digits.len(), 2 | 4)
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || TERM_GENERIC.contains(&venue.as_str())
        || GENERIC_FILES.contains(&venue.as_str())
    {
        return None;
    }
    let n: u16 = digits.parse().ok()?;
    plausible(match digits.len() {
        2 if n >= 50 => 1900 + n,
        2 => 2000 + n,
        _ => n,
    })
}

/// The comparable words of a title: ASCII, lowercase, bracketed asides and a leading
/// article dropped, `&` read as "and", possessive `s` dropped.
pub(crate) fn title_words(title: &str) -> Vec<String> {
    // Most titles are ASCII already: folding them would only copy them.
    let folded: std::borrow::Cow<str> = if title.is_ascii() {
        title.into()
    } else {
        // Words in another script ("Lamport 时钟", "经典论文": "Lamport's clocks", "a classic
        // paper") are a translation of the title or no title at all: spelled out in Latin
        // letters they would be words no English title has, so they are left out, and the
        // Latin words among them ("Lamport", "CAP") kept.
        deunicode::deunicode(&without_other_scripts(title))
            .to_lowercase()
            .into()
    };
    // One pass over the characters: lowercase, bracketed asides left out (a bracket does not
    // end a word: "a(b)c" is "ac"), `&` a word "and" of its own, any other character that is
    // not a letter or digit a separator.
    let mut depth = 0u32;
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let end = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() && word != "s" {
            words.push(std::mem::take(word));
        } else {
            word.clear();
        }
    };
    for ch in folded.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '&' => {
                end(&mut word, &mut words);
                words.push("and".to_string());
            }
            c if c.is_ascii_alphanumeric() => word.push(c.to_ascii_lowercase()),
            _ => end(&mut word, &mut words),
        }
    }
    end(&mut word, &mut words);
    let articles = words
        .iter()
        .take_while(|w| matches!(w.as_str(), "the" | "a" | "an"))
        .count();
    words.drain(..articles);
    words
}

/// `text` with the letters of scripts other than Latin made spaces.
fn without_other_scripts(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphabetic() && !is_latin(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The words of a text in Latin letters, lowercase, ASCII, asides included: a note's words
/// (in a note, "（consistent snapshotting）" is what it says, not an aside).
fn latin_words(text: &str) -> Vec<String> {
    deunicode::deunicode(&without_other_scripts(text))
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a letter is of the Latin script (accented or not), which titles of the field are
/// written in.
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF)
}

/// The numbers a title gives itself as a part, a lecture or a volume of a series ("1.
/// SELECT", "Lecture 3"). Years and zero-padded numbers ("SOSP '07") say when a work
/// appeared, not which one it is.
fn part_numbers<W: AsRef<str>>(words: &[W]) -> Vec<u32> {
    let mut found: Vec<u32> = words
        .iter()
        .filter_map(|w| part_number(w.as_ref()))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// A word that numbers a part of a series: one to three digits, not zero-padded (a year or
/// "SOSP '07" says when, not which).
pub(crate) fn part_number(word: &str) -> Option<u32> {
    if word.starts_with('0') || word.len() > 3 {
        return None;
    }
    word.parse().ok()
}

/// Whether two titles are different parts of one series: both numbered, and differently
/// ("1. SELECT" and "2. binary expressions"). A title with no number says nothing either way.
fn numbers_differ<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
    let (x, y) = (part_numbers(a), part_numbers(b));
    !x.is_empty() && !y.is_empty() && x != y
}

/// The words before the first colon or dash that separates a subtitle ("Spanner: Google's
/// ..."), or `None` when the title has no subtitle.
fn main_title_words(title: &str) -> Option<Vec<String>> {
    Some(title_words(&title[..subtitle_cut(title)?.0]))
}

/// Where the main title of `title` ends and its subtitle starts, when a colon or a dash
/// separates them.
fn subtitle_cut(title: &str) -> Option<(usize, usize)> {
    // Most titles have no separator at all: five searches would only say so.
    if !title.contains([':', '-', '—', '–']) {
        return None;
    }
    [": ", " — ", " – ", " -- ", " - "]
        .iter()
        .filter_map(|sep| title.find(sep).map(|at| (at, at + sep.len())))
        .min()
}

/// The words of the subtitle of a title that is a name and its subtitle ("Raft: In Search
/// of an Understandable Consensus Algorithm"), when the name is at most two words and the
/// subtitle says which work it is by itself (three words of letters that are not filler):
/// lists cite such a paper by its name and subtitle or by the subtitle alone. `None`
/// otherwise ("Jepsen: etcd 3.4.3" names a series and one of its parts).
fn named_subtitle_words(title: &str, main: Option<&[String]>) -> Option<Vec<String>> {
    let main = main?;
    if main.iter().filter(|w| !is_filler(w)).count() > 2 {
        return None;
    }
    let words = title_words(&title[subtitle_cut(title)?.1..]);
    let lettered = words
        .iter()
        .filter(|w| !is_filler(w) && w.chars().any(|c| c.is_ascii_alphabetic()))
        .count();
    (lettered >= 3).then_some(words)
}

/// The one pair of words in which two titles of as many words that are not filler differ,
/// position by position, with how many such words each has and where the pair is; `None`
/// when they differ in another number of words or in length.
fn one_word_apart<'t, A: AsRef<str>, B: AsRef<str>>(
    a: &'t [A],
    b: &'t [B],
) -> Option<(&'t str, &'t str, usize, usize)> {
    let a: Vec<&str> = a
        .iter()
        .map(AsRef::as_ref)
        .filter(|w| !is_filler(w))
        .collect();
    let b: Vec<&str> = b
        .iter()
        .map(AsRef::as_ref)
        .filter(|w| !is_filler(w))
        .collect();
    if a.len() != b.len() {
        return None;
    }
    let mut differing = a.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y);
    match (differing.next(), differing.next()) {
        (Some((at, (x, y))), None) => Some((x, y, a.len(), at)),
        _ => None,
    }
}

/// Whether two titles of as many words that are not filler differ in one word only, and
/// that word is misspelt rather than another ("Consensus in Presensus of Partial Synchrony",
/// "In Search of an Understandable Concensus Algorithm"): four words at least, and the two
/// spellings agree on their first five letters, or are six letters or more and one typing
/// slip apart (a letter changed, added, dropped or two swapped).
fn misspelt<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
    match one_word_apart(a, b) {
        Some((x, y, n, _)) if n >= 4 => {
            let shared = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
            shared >= 5 || (x.len().min(y.len()) >= 6 && one_slip(x, y))
        }
        _ => false,
    }
}

/// Whether two words of letters are one typing slip apart: a letter changed, added or
/// dropped, or two neighbours swapped ("concensus", "consensus").
fn one_slip(x: &str, y: &str) -> bool {
    let (x, y) = (x.as_bytes(), y.as_bytes());
    if !x.iter().chain(y).all(u8::is_ascii_alphabetic) {
        return false;
    }
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let head = short.iter().zip(long).take_while(|(p, q)| p == q).count();
    if head == short.len() {
        return long.len() - short.len() <= 1;
    }
    match long.len() - short.len() {
        // A letter changed, or two neighbours swapped.
        0 => {
            short[head + 1..] == long[head + 1..]
                || (head + 1 < short.len()
                    && short[head] == long[head + 1]
                    && short[head + 1] == long[head]
                    && short[head + 2..] == long[head + 2..])
        }
        // A letter added.
        1 => short[head..] == long[head + 1..],
        _ => false,
    }
}

/// Numbers in words, in order, as a title may number a part or a volume ("part two").
pub(crate) const SPELLED_NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];
/// Roman numerals, in order ("Volume II", "part IV").
pub(crate) const ROMAN_NUMERALS: &[&str] =
    &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];

/// Whether two long titles differ in one word, changed for another ("Harvest, Yield, and
/// Fault Tolerant Systems" for "Harvest, Yield, and Scalable Tolerant Systems"): a list
/// citing a paper from memory. Five words that are not filler at least, so that four
/// agreeing words name the work; the changed word not a number (a part or a year), nor the
/// first, which is a system's name more often than not ("Pastry: A Scalable Peer-to-peer
/// Lookup Service ..." is not "Chord: A Scalable Peer-to-peer Lookup Service ...").
fn one_word_changed<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
    // An ordinal or a number in words counts as a number: "... Tech Talks First Dose" and
    // "... Second Dose" are two playlists, "Volume I" and "Volume II" two books.
    const ORDINALS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "last", "final",
    ];
    let number = |w: &str| {
        let w = w.to_lowercase();
        w.bytes().any(|c| c.is_ascii_digit())
            || [ORDINALS, SPELLED_NUMBERS, ROMAN_NUMERALS]
                .iter()
                .any(|words| words.contains(&w.as_str()))
    };
    matches!(one_word_apart(a, b),
        Some((x, y, n, at)) if n >= 5 && at > 0 && !number(x) && !number(y))
}

/// Whether a title says which work it is: not empty, not an address or identifier, not a
/// year or a label such as "PDF".
#[cfg(test)]
pub(crate) fn informative(title: &str) -> bool {
    informative_words(title, &title_words(title))
}

/// [`informative`] for a title whose words ([`title_words`]) are already made.
fn informative_words(title: &str, words: &[String]) -> bool {
    let t = title.trim().as_bytes();
    let starts = |prefix: &str| {
        t.len() >= prefix.len() && t[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    if t.is_empty()
        || ["doi:", "10.", "arxiv", "http://", "https://", "www."]
            .iter()
            .any(|p| starts(p))
    {
        return false;
    }
    let labels = [
        "pdf", "link", "here", "paper", "slides", "video", "talk", "html", "web", "url", "doi",
        "abstract", "preprint", "year", "code", "blog", "post", "acm", "ieee", "usenix",
    ];
    words.iter().any(|w| {
        w.len() > 2 && w.chars().any(|c| c.is_ascii_alphabetic()) && !labels.contains(&w.as_str())
    })
}

/// Shared words over all words (filler words left out), 0 to 1.
fn similarity<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> f32 {
    fn set<W: AsRef<str>>(ws: &[W]) -> Vec<&str> {
        let mut v: Vec<&str> = ws
            .iter()
            .map(AsRef::as_ref)
            .filter(|w| !is_filler(w))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    let (a, b) = (set(a), set(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f32 / (a.len() + b.len() - shared) as f32
}

/// Whether `short` is `long` cut short or abbreviated: "Spanner" for "Spanner: Google's
/// Globally-Distributed Database", "GFS" for "Google File System".
fn shortened<A: AsRef<str>, B: AsRef<str>>(short: &[A], long: &[B]) -> bool {
    if short.is_empty() || short.len() >= long.len() {
        return false;
    }
    if short
        .iter()
        .zip(long)
        .all(|(s, l)| s.as_ref() == l.as_ref())
    {
        return true;
    }
    let initials = |filler: bool| -> String {
        long.iter()
            .map(AsRef::as_ref)
            .filter(|w| filler || !is_filler(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let short = short[0].as_ref();
    short.len() >= 2 && (short == initials(false) || short == initials(true))
}

/// The words of the last path segment of `url` (its extension off) when it spells a title:
/// at least four words joined by dashes or underscores, none a number. Empty otherwise.
fn slug_words(url: &str) -> Vec<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(last) = path.trim_end_matches('/').rsplit('/').next() else {
        return Vec::new();
    };
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let words: Vec<String> = stem
        .split(['-', '_'])
        .map(str::to_ascii_lowercase)
        .collect();
    let spelled = words.len() >= 4
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()));
    if spelled {
        title_words(&words.join(" "))
    } else {
        Vec::new()
    }
}

/// The words of the path of `url` (the file's only, when `file`), lowercase: split at every
/// character that is not a letter or digit, between letters and digits (`decandia07dynamo`,
/// `jacm85`), and where a lowercase letter meets a capital (`BrewersConjecture`).
fn address_words(url: &str, file: bool) -> Vec<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let Some((_, path)) = path.split_once('/') else {
        return Vec::new();
    };
    let path = if file {
        path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
    } else {
        path
    };
    let path = path
        .rsplit_once('.')
        .filter(|(_, ext)| ext.len() <= 4)
        .map_or(path, |(stem, _)| stem);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut last: Option<char> = None;
    for c in path.chars() {
        let split = match last {
            _ if !c.is_ascii_alphanumeric() => true,
            Some(p) => {
                p.is_ascii_digit() != c.is_ascii_digit()
                    || (p.is_ascii_lowercase() && c.is_ascii_uppercase())
            }
            None => false,
        };
        if split && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            last = Some(c);
        } else {
            last = None;
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether two words are one, or one is the other with an ending added ("snapshots",
/// "snapshotting"; "brewer", "brewers"): six letters in common from the start at least,
/// and all of the shorter but its last letter.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let shared = a.bytes().zip(b.bytes()).take_while(|(p, q)| p == q).count();
    shared >= 6 && shared + 1 >= a.len().min(b.len())
}

/// Whether a word of a title says which edition or year of a work it is ("3rd", "2nd",
/// "edition", "2017"), not which work.
fn edition_word(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    matches!(word, "edition" | "ed")
        || (digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th"))
        || (word.len() == 4 && digits == 4)
}

/// The letters and digits of a title's words run together: a title copied out of a PDF
/// loses the spaces between some words ("Consensusin the Presenceof Partial Synchrony").
fn squashed<A: AsRef<str>>(words: &[A]) -> String {
    words.iter().map(AsRef::as_ref).collect()
}

/// Whether a title of these words is specific enough to name one work by itself: three
/// words that are not filler, or two long ones ("Viewstamped Replication", not "Distributed
/// Systems").
fn distinctive(words: &[String]) -> bool {
    let content: Vec<&String> = words.iter().filter(|w| !is_filler(w)).collect();
    content.len() >= 3
        || (content.len() == 2 && content.iter().map(|w| w.len()).sum::<usize>() >= 20)
}

/// A one-word name a paper goes by ("MapReduce", "Chubby", "Bigtable"): the main title of a
/// titled paper, when that word is long enough to be a name.
fn name_of(main: &[String]) -> Option<&str> {
    match main {
        [one] if one.len() >= 5 && one.chars().all(|c| c.is_ascii_alphanumeric()) => Some(one),
        _ => None,
    }
}

/// The surname of an author as lists write names: "Lamport, Leslie", "Leslie Lamport",
/// "L. Lamport".
fn surname(name: &str) -> Option<String> {
    let name: std::borrow::Cow<str> = if name.is_ascii() {
        name.into()
    } else {
        deunicode::deunicode(name).to_lowercase().into()
    };
    let last = match name.split_once(',') {
        Some((last, _)) => last.trim(),
        None => name.split_whitespace().last()?,
    };
    let last: String = last
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (last.len() > 1).then_some(last)
}

/// Whether a comparison key names a paper (a DOI, arXiv or ACM id) rather than a page.
fn is_paper_key(key: &str) -> bool {
    key.starts_with("doi:") || key.starts_with("arxiv:") || key.starts_with("acm:")
}

/// A DOI inside a publisher's path (`link.springer.com/article/10.1007/s00446-...`,
/// `onlinelibrary.wiley.com/doi/10.1002/...`): a path segment starting `10.<digits>/`.
fn doi_in_path(parsed: &url::Url) -> Option<String> {
    let path = parsed.path();
    let start = path.find("/10.")? + 1;
    let rest = &path[start..];
    let (registrant, suffix) = rest.split_once('/')?;
    if registrant.len() < 7 || !registrant[3..].chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut suffix = suffix.trim_end_matches('/');
    for tail in [
        ".pdf",
        "/abstract",
        "/full",
        "/pdf",
        "/epdf",
        "/fulltext.html",
    ] {
        suffix = suffix.strip_suffix(tail).unwrap_or(suffix);
    }
    (!suffix.is_empty()).then(|| format!("doi:{}/{}", registrant, suffix.to_lowercase()))
}

/// The file name of `url`'s last path segment without `.pdf`, lowercase, when it is a PDF.
fn pdf_stem(url: &url::Url) -> Option<String> {
    let last = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    let lower = last.to_ascii_lowercase();
    // Older reports are often kept as PostScript beside (or instead of) the PDF.
    let stem = [".pdf", ".ps.gz", ".ps"]
        .iter()
        .find_map(|ext| lower.strip_suffix(ext))?;
    Some(stem.to_string())
}

/// `stem` without a trailing venue and year (`-sosp2003`, `-osdi04`): letters then two to
/// four digits after the last dash.
fn without_venue_suffix(stem: &str) -> &str {
    let Some((head, tail)) = stem.rsplit_once('-') else {
        return stem;
    };
    let letters = tail.chars().take_while(char::is_ascii_alphabetic).count();
    let digits = tail.len() - letters;
    let venue = letters >= 3
        && (2..=4).contains(&digits)
        && tail[letters..].chars().all(|c| c.is_ascii_digit());
    if venue && !head.is_empty() {
        head
    } else {
        stem
    }
}

/// Identifiers of a paper mirrored under several hosts: Google's research archive
/// (`research.google.com/archive/X.pdf`, `static.googleusercontent.com/media/research.google.com/en//archive/X.pdf`, ...)
/// and Lamport's publications (`lamport.azurewebsites.net/pubs/X`,
/// `research.microsoft.com/en-us/um/people/lamport/pubs/X`, ...).
fn mirror_key(url: &url::Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = url.path().to_ascii_lowercase();
    let file = path.rsplit('/').find(|s| !s.is_empty())?;
    let stem = file.split('.').next().unwrap_or(file);
    if stem.is_empty() {
        return None;
    }
    let google = [
        "research.google.com",
        "research.google",
        "static.googleusercontent.com",
        "ai.google",
    ];
    // Google Labs kept the same papers under `labs.google.com/papers/` before the archive.
    if (google.contains(&host) && path.contains("/archive/"))
        || (host == "labs.google.com" && path.contains("/papers/"))
    {
        // The archive names a paper's PDF after its venue ("gfs-sosp2003.pdf",
        // "mapreduce-osdi04.pdf") and its page without ("gfs.html"): one paper.
        return Some(format!("google-archive:{}", without_venue_suffix(stem)));
    }
    let lamport_host =
        host.starts_with("lamport.") || host == "research.microsoft.com" || host == "microsoft.com";
    if (lamport_host && path.contains("/pubs/"))
        && (host.starts_with("lamport.")
            || path.contains("/lamport/")
            || path.contains("/~lamport/"))
    {
        return Some(format!("lamport:{stem}"));
    }
    None
}

/// What identifies one reading: what a candidate or a corpus link offers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Identity<'a> {
    /// The addresses, main one first.
    pub urls: Vec<&'a str>,
    pub title: &'a str,
    pub authors: &'a [String],
    /// When it appeared, as a list or the corpus writes it (`1999-02`, `2002`): see
    /// [`year_of`].
    pub published: Option<&'a str>,
    /// The text a list gives beside the link (a reference's authors and venue, a bullet's
    /// description): it names the work's authors when the link text does not.
    pub note: Option<&'a str>,
}

/// Why a candidate is a work already known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reason {
    Address,
    Identifier(String),
    Pdf(String),
    Title,
    /// The same page of a course site in another term.
    Term,
    /// An address that spells the title.
    Slug,
    /// Its authors named in its address or beside it, with its year or its title's words.
    Authors,
    /// A page of its site, under its title.
    Site,
}

impl Reason {
    /// For the report and the dry-run JSON.
    pub(crate) fn describe(&self) -> String {
        match self {
            Reason::Address => "same address".into(),
            Reason::Identifier(k) => format!("same {}", describe_key(k)),
            Reason::Pdf(f) => format!("same PDF `{f}.pdf` and a matching title"),
            Reason::Title => "same title".into(),
            Reason::Term => "the same page of another term's course site".into(),
            Reason::Slug => "an address that spells its title".into(),
            Reason::Authors => {
                "its authors named in its address or beside it, with its year or title".into()
            }
            Reason::Site => "a page of its site under its title".into(),
        }
    }
}

fn describe_key(k: &str) -> String {
    match k.split_once(':') {
        Some(("doi", d)) => format!("DOI {d}"),
        Some(("arxiv", a)) => format!("arXiv {a}"),
        Some(("acm", a)) => format!("ACM id {a}"),
        Some(("google-archive", f)) => format!("Google research archive paper `{f}`"),
        Some(("lamport", f)) => format!("paper `{f}` of Lamport's publications"),
        _ => k.to_string(),
    }
}

/// Two works that one rule says are the same and another says are not: reported, never
/// merged.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Conflict<V> {
    pub other: V,
    pub message: String,
}

/// The answer for one candidate.
#[derive(Debug)]
pub(crate) struct Found<'w, V> {
    /// The known work it is, and why.
    pub same: Option<(&'w V, Reason)>,
    /// Works it resembles by one rule and contradicts by another.
    pub conflicts: Vec<Conflict<&'w V>>,
    /// Its identifiers that belong to another work (a DOI copied from the wrong entry):
    /// never recorded as its addresses.
    pub foreign: Vec<String>,
    /// The number of the work it is, for [`Works::add_addresses_at`].
    pub at: Option<usize>,
}

/// The works under one key of an index, in the order they were inserted: nearly always one,
/// which needs no allocation of its own (200,000 imported links make a million keys).
#[derive(Clone, Debug, Default)]
enum Ids {
    #[default]
    None,
    One(u32),
    /// Boxed, so that the usual case takes 16 bytes rather than a list's 24; a list, not a
    /// boxed slice, as a common word's grows by thousands.
    #[allow(clippy::box_collection)]
    Many(Box<Vec<u32>>),
}

impl Ids {
    fn push(&mut self, n: usize) {
        let n = u32::try_from(n).expect("fewer than 4 billion works");
        match self {
            Ids::None => *self = Ids::One(n),
            Ids::One(first) => *self = Ids::Many(Box::new(vec![*first, n])),
            Ids::Many(all) => all.push(n),
        }
    }

    fn len(&self) -> usize {
        match self {
            Ids::None => 0,
            Ids::One(_) => 1,
            Ids::Many(all) => all.len(),
        }
    }

    fn last(&self) -> Option<usize> {
        self.iter().last()
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (one, many): (Option<u32>, &[u32]) = match self {
            Ids::None => (None, &[]),
            Ids::One(n) => (Some(*n), &[]),
            Ids::Many(all) => (None, all.as_slice()),
        };
        one.into_iter()
            .chain(many.iter().copied())
            .map(|n| n as usize)
    }
}

struct Work<V> {
    value: V,
    /// The title's words ([`title_words`]) joined by spaces: one allocation, not one a word,
    /// and the same one as its key in the title index.
    title: Arc<str>,
    informative: bool,
    /// The host of its main address, hashed ([`host_hash`]); 0 when it has none.
    host: u32,
    /// The year it appeared ([`year_of`]); 0 when nothing says.
    year: u16,
    /// How many of its title's first words are the main title, before a subtitle; 0 when
    /// it has no subtitle.
    main_words: u8,
    /// Its DOIs and authors' surnames, which most readings of a list do not have: boxed, so
    /// that a work without them (most of 200,000) takes 48 bytes rather than 88.
    papers: Option<Box<Papers>>,
}

#[derive(Default)]
struct Papers {
    dois: Vec<String>,
    surnames: Vec<String>,
}

impl<V> Work<V> {
    fn dois(&self) -> &[String] {
        self.papers.as_ref().map_or(&[], |p| &p.dois)
    }

    fn surnames(&self) -> &[String] {
        self.papers.as_ref().map_or(&[], |p| &p.surnames)
    }
}

/// The known works, each under all it is known by. Lookups name the earliest inserted work
/// that matches, so the answer does not depend on hash order.
pub(crate) struct Works<V> {
    works: Vec<Work<V>>,
    pages: urls::UrlIndex<usize>,
    identifiers: HashMap<String, Ids>,
    pdfs: HashMap<String, Ids>,
    /// Works by [`term_key`].
    terms: HashMap<String, Ids>,
    titles: HashMap<Arc<str>, Ids>,
    /// Works by the one-word name their main title is ("MapReduce: Simplified ...").
    names: HashMap<String, Ids>,
    /// Works by the subtitle after their name ([`named_subtitle_words`]).
    subtitles: HashMap<Box<str>, Ids>,
    /// Works by each distinctive word of their title, for the near-equal titles.
    by_word: HashMap<Box<str>, Ids>,
    /// Works by their authors' surnames (of [`NAME_LETTERS`] letters or more), for a link
    /// that names the work by its authors (see [`Works::named_by_authors`]).
    by_surname: HashMap<Box<str>, Ids>,
    /// Works whose main address is a site's front page, by the site's host ([`host_hash`]).
    fronts: HashMap<u32, Ids>,
}

/// One address as the page index knows it: its keys ([`urls::keys_of`]) and whether it was
/// cut short; `paper` when its key names a paper (a DOI, arXiv or ACM id), not a page.
struct Page {
    url: String,
    keys: Vec<String>,
    truncated: bool,
    paper: bool,
}

/// Everything looked up for one identity, computed once.
struct Keys {
    /// The title's words joined by spaces: its key in the title index.
    joined: String,
    pages: Vec<Page>,
    identifiers: Vec<String>,
    dois: Vec<String>,
    pdfs: Vec<String>,
    /// See [`term_key`].
    terms: Vec<String>,
    title: Vec<String>,
    main: Option<Vec<String>>,
    /// See [`named_subtitle_words`], joined by spaces.
    subtitle: Option<String>,
    informative: bool,
    surnames: Vec<String>,
    /// See [`Work::host`].
    host: u32,
    /// See [`Work::year`].
    year: u16,
    /// Whether its main address is an encyclopedia's article ([`encyclopedia_article`]).
    encyclopedia: bool,
    /// Whether its main address is a site's front page ([`front_page`]).
    front: bool,
}

/// Whether `url` is an article of an encyclopedia (`en.wikipedia.org/wiki/Byzantine_fault`):
/// a summary of a subject, never the paper its link text may name.
fn encyclopedia_article(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    (host == "wikipedia.org" || host.ends_with(".wikipedia.org")) && path.starts_with("wiki/")
}

/// The host of `url` without a leading `www.`, hashed: two works at one site are told
/// apart by it without keeping its text. 0 when `url` has no host.
fn host_hash(url: &str) -> u32 {
    hash_host(host_of(url))
}

/// The host of `url` without a leading `www.`; empty when it has none.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or("", |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host)
}

/// Whether `url` is a site's front page: a host and no path, query or fragment.
fn front_page(url: &str) -> bool {
    url.split_once("://").is_some_and(|(_, rest)| {
        let host = host_of(url);
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        !host.is_empty()
            && rest
                .get(host.len()..)
                .is_some_and(|path| path.trim_end_matches('/').is_empty())
    })
}

/// [`host_hash`] of a host.
fn hash_host(host: &str) -> u32 {
    use std::hash::{BuildHasher, Hasher};
    if host.is_empty() {
        return 0;
    }
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    h.write(host.to_ascii_lowercase().as_bytes());
    // 32 bits sit in the padding beside `informative`: a work stays 48 bytes.
    (h.finish() as u32).max(1)
}

fn keys(id: &Identity<'_>) -> Keys {
    let front = id.urls.first().is_some_and(|u| front_page(u));
    let mut k = Keys {
        front,
        joined: String::new(),
        pages: Vec::new(),
        identifiers: Vec::new(),
        dois: Vec::new(),
        pdfs: Vec::new(),
        terms: Vec::new(),
        title: title_words(id.title),
        main: main_title_words(id.title),
        subtitle: None,
        informative: false,
        surnames: id.authors.iter().filter_map(|a| surname(a)).collect(),
        host: id.urls.first().map_or(0, |u| host_hash(u)),
        year: year_of(id),
        encyclopedia: id.urls.first().is_some_and(|u| encyclopedia_article(u)),
    };
    let push = |v: &mut Vec<String>, s: String| {
        if !v.contains(&s) {
            v.push(s);
        }
    };
    let words = &k.title;
    k.informative = informative_words(id.title, words);
    k.subtitle = named_subtitle_words(id.title, k.main.as_deref()).map(|w| w.join(" "));
    k.joined = k.title.join(" ");
    for url in &id.urls {
        let (page_keys, parsed) = urls::keys_and_parsed(url);
        let paper = page_keys.first().is_some_and(|key| is_paper_key(key));
        for key in &page_keys {
            if is_paper_key(key) {
                if key.starts_with("doi:") {
                    push(&mut k.dois, key.clone());
                }
                push(&mut k.identifiers, key.clone());
            }
        }
        if !k.pages.iter().any(|p| p.url == *url) {
            k.pages.push(Page {
                url: (*url).to_string(),
                keys: page_keys,
                truncated: urls::truncated_prefix(url).is_some(),
                paper,
            });
        }
        // What the path and host say, from the parse the keys were made with when there was
        // one.
        if let Some(parsed) = parsed.or_else(|| url::Url::parse(url).ok()) {
            if let Some(doi) = doi_in_path(&parsed) {
                push(&mut k.dois, doi.clone());
                push(&mut k.identifiers, doi);
            }
            if let Some(m) = mirror_key(&parsed) {
                push(&mut k.identifiers, m);
            }
            if let Some(t) = term_key(&parsed) {
                push(&mut k.terms, t);
            }
            if let Some(stem) = pdf_stem(&parsed) {
                let generic = GENERIC_FILES.contains(&stem.as_str());
                // A short file name ("raft.pdf") names a work only when the title is that
                // name too (see `find_keys`, rule 3).
                if stem.len() >= SHORT_FILE
                    && stem.chars().any(|c| c.is_ascii_alphabetic())
                    && !generic
                {
                    push(&mut k.pdfs, stem);
                }
            }
        }
    }
    k
}

impl<V> Default for Works<V> {
    fn default() -> Self {
        Works {
            works: Vec::new(),
            pages: urls::UrlIndex::new(),
            identifiers: HashMap::new(),
            pdfs: HashMap::new(),
            terms: HashMap::new(),
            titles: HashMap::new(),
            names: HashMap::new(),
            subtitles: HashMap::new(),
            by_word: HashMap::new(),
            by_surname: HashMap::new(),
            fronts: HashMap::new(),
        }
    }
}

impl<V> Works<V> {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// An index for about `count` works: grown as it fills, its lists of 200,000 works would
    /// hold room for 262,144 at the end.
    pub(crate) fn with_capacity(count: usize) -> Self {
        Works {
            works: Vec::with_capacity(count),
            pages: urls::UrlIndex::with_capacity(count),
            ..Self::default()
        }
    }

    /// Adds a work (a corpus link, or a candidate decided new).
    pub(crate) fn insert(&mut self, id: &Identity<'_>, value: V) {
        let k = keys(id);
        self.insert_keys(k, value);
    }

    fn insert_keys(&mut self, k: Keys, value: V) {
        let n = self.works.len();
        for page in k.pages {
            self.pages.insert_keys(page.keys, page.truncated, n);
        }
        for i in k.identifiers {
            self.identifiers.entry(i).or_default().push(n);
        }
        for p in k.pdfs {
            self.pdfs.entry(p).or_default().push(n);
        }
        for t in k.terms {
            self.terms.entry(t).or_default().push(n);
        }
        let joined: Arc<str> = k.joined.into();
        if k.informative && distinctive(&k.title) {
            self.titles.entry(Arc::clone(&joined)).or_default().push(n);
            for w in k.title.iter().filter(|w| !is_filler(w)) {
                // Look up before inserting: a known word needs no copy of its text.
                match self.by_word.get_mut(w.as_str()) {
                    Some(posting) if posting.last() == Some(n) => {}
                    Some(posting) => posting.push(n),
                    None => {
                        self.by_word.insert(w.as_str().into(), Ids::One(n as u32));
                    }
                }
            }
        }
        if k.front && k.host != 0 {
            self.fronts.entry(k.host).or_default().push(n);
        }
        for s in k.surnames.iter().filter(|s| s.len() >= NAME_LETTERS) {
            let posting = self.by_surname.entry(s.as_str().into()).or_default();
            if posting.last() != Some(n) {
                posting.push(n);
            }
        }
        if let Some(sub) = k.subtitle.filter(|_| k.informative) {
            self.subtitles.entry(sub.into()).or_default().push(n);
        }
        if let Some(main) = k.main.as_ref().filter(|_| k.informative) {
            if distinctive(main) {
                self.titles
                    .entry(main.join(" ").into())
                    .or_default()
                    .push(n);
            } else if let Some(name) = name_of(main) {
                self.names.entry(name.to_string()).or_default().push(n);
            }
        }
        self.works.push(Work {
            value,
            title: joined,
            informative: k.informative,
            host: k.host,
            year: k.year,
            main_words: k
                .main
                .as_ref()
                .map_or(0, |m| u8::try_from(m.len()).unwrap_or(0)),
            papers: (!k.dois.is_empty() || !k.surnames.is_empty()).then(|| {
                Box::new(Papers {
                    dois: k.dois,
                    surnames: k.surnames,
                })
            }),
        });
    }

    /// The title words of work `w`.
    fn title(&self, w: usize) -> Vec<&str> {
        let joined = &self.works[w].title;
        if joined.is_empty() {
            return Vec::new();
        }
        joined.split(' ').collect()
    }

    /// Whether the titles of `k` and work `w` are of different works.
    fn unrelated(&self, k: &Keys, w: usize) -> bool {
        let work = &self.works[w];
        if !(k.informative && work.informative) {
            return false;
        }
        let title = self.title(w);
        similarity(&k.title, &title) < UNRELATED
            && !shortened(&k.title, &title)
            && !shortened(&title, &k.title)
    }

    /// Looks `id` up: the work it is (if any) and the contradictions found on the way.
    #[cfg(test)]
    pub(crate) fn find(&self, id: &Identity<'_>) -> Found<'_, V> {
        self.find_all(id, &keys(id))
    }

    /// Rules 1 to 6 ([`Works::find_keys`]), then what the link's address and the text beside
    /// it say of the work's authors and site (rules 7 and 8), which only a link no other rule
    /// placed, and none contradicted, is asked.
    fn find_all(&self, id: &Identity<'_>, k: &Keys) -> Found<'_, V> {
        let found = self.find_keys(k);
        if found.same.is_some() || !found.conflicts.is_empty() {
            return found;
        }
        let by = self
            .named_by_authors(id, k)
            .map(|w| (w, Reason::Authors))
            .or_else(|| self.page_of_site(k).map(|w| (w, Reason::Site)));
        match by {
            Some((w, reason)) => self.found(w, reason, found.conflicts, found.foreign),
            None => found,
        }
    }

    fn find_keys(&self, k: &Keys) -> Found<'_, V> {
        let mut conflicts = Vec::new();
        let mut foreign: Vec<String> = Vec::new();
        let found = |w: usize, reason: Reason, conflicts, foreign| {
            self.found(w, reason, conflicts, foreign)
        };
        // 1. The same page.
        if let Some(&w) = k
            .pages
            .iter()
            .filter(|p| !p.paper)
            .find_map(|p| self.pages.find_keys(&p.keys, p.truncated))
        {
            return found(w, Reason::Address, conflicts, foreign);
        }
        // 2. The same identifier, unless the titles say otherwise.
        let mut by_identifier: Vec<(usize, &String)> = k
            .identifiers
            .iter()
            .filter_map(|i| self.identifiers.get(i).map(|ws| (ws, i)))
            .flat_map(|(ws, i)| ws.iter().map(move |w| (w, i)))
            .collect();
        by_identifier.sort_by_key(|(w, _)| *w);
        // A DOI and its ACM alias name one work: one answer for it.
        by_identifier.dedup_by_key(|(w, _)| *w);
        for (w, identifier) in &by_identifier {
            if self.unrelated(k, *w) {
                foreign.push((*identifier).clone());
                conflicts.push(Conflict {
                    other: &self.works[*w].value,
                    message: format!(
                        "has the {} of `{{other}}`, but the titles share nothing",
                        describe_key(identifier)
                    ),
                });
            } else {
                return found(
                    *w,
                    Reason::Identifier((*identifier).clone()),
                    conflicts,
                    foreign,
                );
            }
        }
        // 3. The same PDF file at another host, with a title that agrees.
        for stem in &k.pdfs {
            for w in self.pdfs.get(stem).into_iter().flat_map(Ids::iter) {
                let work = &self.works[w];
                let agree = if stem.len() < NAMED_FILE {
                    // "Raft" at `.../raft.pdf`, beside a known `.../raft.pdf`.
                    k.title.len() == 1 && k.title[0] == *stem
                } else {
                    !k.informative
                        || !work.informative
                        || similarity(&k.title, &self.title(w)) >= FILE_AGREES
                };
                if agree && !self.contradicts(k, w) {
                    return found(w, Reason::Pdf(stem.clone()), conflicts, foreign);
                }
            }
        }
        // 4. The same page of another term's course site, with titles that agree.
        for term in &k.terms {
            for w in self.terms.get(term).into_iter().flat_map(Ids::iter) {
                let work = &self.works[w];
                let agree = !k.informative
                    || !work.informative
                    || similarity(&k.title, &self.title(w)) >= FILE_AGREES;
                if agree && !self.contradicts(k, w) {
                    return found(w, Reason::Term, conflicts, foreign);
                }
            }
        }
        // 5. The same title.
        if k.informative {
            let mut hits: Vec<usize> = Vec::new();
            if distinctive(&k.title) {
                hits.extend(
                    self.titles
                        .get(k.joined.as_str())
                        .into_iter()
                        .flat_map(Ids::iter),
                );
            }
            if let Some(main) = k.main.as_ref().filter(|m| distinctive(m)) {
                hits.extend(
                    self.titles
                        .get(main.join(" ").as_str())
                        .into_iter()
                        .flat_map(Ids::iter),
                );
            }
            hits.extend(self.near_titles(&k.title));
            // "Raft: In Search of an Understandable Consensus Algorithm" and "In Search of an
            // Understandable Consensus Algorithm": a name and its subtitle, or the subtitle
            // alone. Two names with one subtitle are never compared: each side's subtitle is
            // looked up only among whole titles.
            if let Some(sub) = &k.subtitle {
                hits.extend(
                    self.titles
                        .get(sub.as_str())
                        .into_iter()
                        .flat_map(Ids::iter),
                );
            }
            if distinctive(&k.title) {
                hits.extend(
                    self.subtitles
                        .get(k.joined.as_str())
                        .into_iter()
                        .flat_map(Ids::iter),
                );
            }
            // "MapReduce (2004)" at `.../mapreduce.pdf`, or at a PDF whatever its file name:
            // the paper's name, and an address that names it too or is a paper's file. The
            // name alone would take a blog post called "Dynamo" for the paper.
            let named = name_of(&k.title).filter(|name| {
                !k.pdfs.is_empty()
                    || k.pages.iter().any(|u| {
                        let last = u.url.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
                        // A file named by it (`mapreduce.pdf`), not a page or a tag of a site
                        // or a repository that goes by the name (`tags/Jepsen`,
                        // `jepsen-io/jepsen`): a series' name before a colon ("Jepsen: etcd
                        // 3.4.3") names many works.
                        (last.contains(name) && last.contains('.'))
                            || last.ends_with(".pdf")
                            || last.ends_with(".ps")
                    })
            });
            if let Some(name) = named {
                hits.extend(self.names.get(name).into_iter().flat_map(Ids::iter));
            }
            let at_pdf = !k.pdfs.is_empty()
                || k.pages.iter().any(|p| {
                    p.url
                        .split(['?', '#'])
                        .next()
                        .unwrap_or("")
                        .ends_with(".pdf")
                });
            if at_pdf {
                hits.extend(self.cited_by_first_words(&k.title));
            }
            hits.sort_unstable();
            hits.dedup();
            for w in hits {
                // Parts of a series share their main title ("Writing a SQL database from
                // scratch in Go: 1. SELECT", "...: 2. binary expressions"): each is a reading.
                let theirs = self.title(w);
                if numbers_differ(&k.title, &theirs) {
                    continue;
                }
                // Two parts an author numbered alike ("6. an x86 upgrade", "6. LLVM system
                // calls") still differ past the shared main title.
                if !part_numbers(&k.title).is_empty()
                    && !part_numbers(&theirs).is_empty()
                    && similarity(&k.title, &theirs) < SAME_TITLE
                {
                    continue;
                }
                if self.generic_title(k, w) {
                    conflicts.push(Conflict {
                        other: &self.works[w].value,
                        message: "has the title of `{other}`, but the title is only common words \
                                  of the field and the site, authors and identifiers differ"
                            .into(),
                    });
                    continue;
                }
                if self.contradicts(k, w) {
                    if self.dois_differ(k, w) {
                        conflicts.push(Conflict {
                            other: &self.works[w].value,
                            message: "has the title of `{other}`, but another DOI".into(),
                        });
                    }
                    continue;
                }
                return found(w, Reason::Title, conflicts, foreign);
            }
        }
        // 6. A paper's address whose last segment spells a title ("Time-Clocks-and-the-
        // Ordering-of-Events-in-a-Distributed-System.pdf", `research.google/pubs/the-google-
        // file-system/`),
        // when the link's own title agrees as a PDF's name asks (rule 3) or says nothing: a
        // blog post named after a paper is not the paper.
        for page in &k.pages {
            // A paper's file or landing page: a talk's or a post's address may spell the
            // paper's title too, and is another work.
            if super::evidence::kind(&page.url, "") != crate::model::Kind::Paper {
                continue;
            }
            for w in self.near_titles(&slug_words(&page.url)) {
                let agree = !k.informative || similarity(&k.title, &self.title(w)) >= FILE_AGREES;
                if agree && !self.contradicts(k, w) {
                    return found(w, Reason::Slug, conflicts, foreign);
                }
            }
        }
        Found {
            same: None,
            conflicts,
            foreign,
            at: None,
        }
    }

    fn found<'s>(
        &'s self,
        w: usize,
        reason: Reason,
        conflicts: Vec<Conflict<&'s V>>,
        foreign: Vec<String>,
    ) -> Found<'s, V> {
        Found {
            same: Some((&self.works[w].value, reason)),
            conflicts,
            foreign,
            at: Some(w),
        }
    }

    /// The work a paper's file is cited by with the first two or three words of its title
    /// ("Harvest and Yield" for "Harvest, Yield, and Scalable Tolerant Systems"), when each
    /// of those words is in no other known title: words the field shares ("Distributed
    /// Systems") would name many works.
    fn cited_by_first_words(&self, title: &[String]) -> Option<usize> {
        let content: Vec<&String> = title.iter().filter(|w| !is_filler(w)).collect();
        if !(2..=3).contains(&content.len()) {
            return None;
        }
        let mut only = None;
        for word in &content {
            let Some(Ids::One(n)) = self.by_word.get(word.as_str()) else {
                return None;
            };
            if only.is_some_and(|o| o != *n) {
                return None;
            }
            only = Some(*n);
        }
        let w = only? as usize;
        let theirs = self.title(w);
        let starts = theirs
            .iter()
            .filter(|t| !is_filler(t))
            .zip(&content)
            .all(|(t, c)| *t == c.as_str());
        let longer = theirs.iter().filter(|t| !is_filler(t)).count() > content.len();
        (starts && longer).then_some(w)
    }

    /// Rule 7, the work a link names by its authors when its title does not say it alone.
    /// Either its title is the work's short title or a version of it (a subtitle or edition
    /// added, one word of a long main title dropped) and the text beside it or the title
    /// names one of the work's authors ("Distributed Systems", "(2017): Maarten van Steen,
    /// Andrew Tanenbaum"; "Life Beyond Transactions", "Pat Helland's classic"); or it is a
    /// paper's file whose address names one of the work's authors and, with the title and
    /// the text beside it, says [`NAMED_BY`] things of the work in all: authors, the year in
    /// the file name, words of its title (`.../Lynch/jacm85.pdf` "FLP Impossibility Result";
    /// `decandia07dynamo.pdf`; `lamport/pubs/chandy.pdf` beside "Chandy and Lamport's classic
    /// paper on consistent snapshotting"). Only one work may fit, and nothing known of the
    /// link may contradict it.
    fn named_by_authors(&self, id: &Identity<'_>, k: &Keys) -> Option<usize> {
        if self.by_surname.is_empty() {
            return None;
        }
        // Names as a text writes them: capitalised ("Lamport", "DeCandia"); only those of
        // known authors are kept (asked of every new link: no copy of the others).
        let mut beside: Vec<String> = k.surnames.clone();
        let mut lower = String::new();
        for text in [id.title, id.note.unwrap_or("")] {
            for word in text.split(|c: char| !c.is_alphabetic()) {
                if !(word.len() >= NAME_LETTERS
                    && word.chars().next().is_some_and(char::is_uppercase))
                {
                    continue;
                }
                if word.is_ascii() {
                    lower.clear();
                    lower.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                    if self.by_surname.contains_key(lower.as_str()) {
                        beside.push(lower.clone());
                    }
                } else if let Some(name) = surname(word) {
                    beside.push(name);
                }
            }
        }
        let paper_file = |u: &&str| {
            let path = u
                .split(['?', '#'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            path.ends_with(".pdf") || path.ends_with(".ps") || path.ends_with(".ps.gz")
        };
        let files: Vec<&str> = id.urls.iter().copied().filter(paper_file).collect();
        let address: Vec<String> = files.iter().flat_map(|u| address_words(u, false)).collect();
        let file_words: Vec<String> = files.iter().flat_map(|u| address_words(u, true)).collect();
        if beside.is_empty() && address.is_empty() {
            return None;
        }
        let in_address = |name: &str| {
            address.iter().any(|a| {
                a == name
                    || (a.len() > name.len()
                        && a.len() <= name.len() + 2
                        && a.ends_with(name)
                        && a.chars().all(|c| c.is_ascii_alphabetic()))
            })
        };
        let mut works: Vec<usize> = Vec::new();
        let mut look = |n: &str| {
            if let Some(ids) = self.by_surname.get(n) {
                works.extend(ids.iter());
            }
        };
        beside.iter().for_each(|name| look(name));
        for name in &address {
            look(name);
            // An initial or two before the name: `sgilbert`, `jgray`.
            for cut in 1..=2 {
                if name.len() >= cut + NAME_LETTERS && name.is_char_boundary(cut) {
                    look(&name[cut..]);
                }
            }
        }
        if works.is_empty() {
            return None;
        }
        works.sort_unstable();
        works.dedup();
        let mut words: Vec<String> = k.title.clone();
        words.extend(id.note.map(latin_words).unwrap_or_default());
        words.extend(file_words.iter().cloned());
        let mut fits = works.into_iter().filter(|&w| {
            let theirs = self.works[w].surnames();
            let named: Vec<&String> = theirs
                .iter()
                .filter(|s| s.len() >= NAME_LETTERS && beside.contains(s))
                .collect();
            let by_title = !named.is_empty() && self.version_of(k, w, theirs);
            let by_address = theirs
                .iter()
                .any(|s| s.len() >= NAME_LETTERS && in_address(s))
                && {
                    let authors = theirs
                        .iter()
                        .filter(|s| {
                            s.len() >= NAME_LETTERS && (in_address(s) || beside.contains(s))
                        })
                        .count();
                    let year = self.works[w].year;
                    let dated = year != 0
                        && file_words.iter().any(|d| {
                            d.bytes().all(|b| b.is_ascii_digit())
                                && (d.parse::<u16>().ok() == Some(year)
                                    || (d.len() == 2 && d.parse::<u16>().ok() == Some(year % 100)))
                        });
                    let title = self.title(w);
                    let said = title
                        .iter()
                        .filter(|t| {
                            !is_filler(t)
                                && t.len() >= 4
                                && !theirs.iter().any(|s| s == *t)
                                && t.bytes().all(|b| b.is_ascii_alphabetic())
                        })
                        .filter(|t| words.iter().any(|w| same_word(w, t)))
                        .collect::<std::collections::BTreeSet<_>>()
                        .len();
                    // A link text that says much else is another reading of the paper's
                    // file ("Write the two impossibility arguments yourself": an exercise).
                    let foreign = k
                        .title
                        .iter()
                        .filter(|t| !is_filler(t) && !theirs.iter().any(|s| s == *t))
                        .filter(|t| !title.iter().any(|w| same_word(t, w)))
                        .count();
                    // A text with a title of its own (two words the work's title lacks) may name
                    // another paper by the same authors: its authors then say who wrote it, not
                    // which paper it is, and count once.
                    let authors = if foreign >= FOREIGN_WORDS {
                        authors.min(1)
                    } else {
                        authors
                    };
                    foreign <= FOREIGN_WORDS && authors + usize::from(dated) + said >= NAMED_BY
                };
            (by_title || by_address) && !self.extended(k, w) && !self.contradicts(k, w)
        });
        match (fits.next(), fits.next()) {
            (Some(w), None) => Some(w),
            _ => None,
        }
    }

    /// Whether `k`'s title, its authors' surnames (`theirs`) left out, is work `w`'s title or
    /// main title, or one of them with a subtitle or an edition added ("Distributed Systems:
    /// Principles and Paradigms" for "Distributed Systems"), or a long main title with one
    /// word but the first dropped ("Life Beyond Transactions" for "Life beyond Distributed
    /// Transactions").
    fn version_of(&self, k: &Keys, w: usize, theirs: &[String]) -> bool {
        let content = |ws: &[&str]| -> Vec<String> {
            ws.iter()
                .filter(|t| !is_filler(t) && !theirs.iter().any(|s| s == *t))
                .map(|t| t.to_string())
                .collect()
        };
        let title = self.title(w);
        let main_len = usize::from(self.works[w].main_words).min(title.len());
        let mut known = vec![content(&title)];
        if main_len > 0 {
            known.push(content(&title[..main_len]));
        }
        let ours_title: Vec<&str> = k.title.iter().map(String::as_str).collect();
        let mut ours = vec![content(&ours_title)];
        if let Some(main) = &k.main {
            let main: Vec<&str> = main.iter().map(String::as_str).collect();
            ours.push(content(&main));
        }
        known.iter().filter(|t| t.len() >= 2).any(|t| {
            ours.iter().filter(|o| !o.is_empty()).any(|o| {
                *o == *t
                    // A book's short title ("Distributed Systems") with its subtitle or
                    // edition; a longer title extended is another work (see `extended`).
                    || (t.len() <= 2 && o.starts_with(t))
                    // Never the first word dropped: it names the variant ("Fast Simplex
                    // ..." is not "Simplex ...").
                    || (t.len() >= 4
                        && o.len() + 1 == t.len()
                        && (1..t.len()).any(|i| {
                            t.iter()
                                .enumerate()
                                .filter(|(j, _)| *j != i)
                                .map(|(_, x)| x)
                                .eq(o.iter())
                        }))
            })
        })
    }

    /// Whether `k`'s title is work `w`'s with more words after it that are no subtitle: a
    /// later paper that extends an earlier one's title ("Practical Byzantine Fault Tolerance
    /// and Proactive Recovery"), the look-alike rule 7 must not take for it.
    fn extended(&self, k: &Keys, w: usize) -> bool {
        let content = |ws: &[&str]| -> Vec<String> {
            ws.iter()
                .filter(|t| !is_filler(t))
                .map(|t| t.to_string())
                .collect()
        };
        let theirs = content(&self.title(w));
        let ours = content(&k.title.iter().map(String::as_str).collect::<Vec<_>>());
        let main = k
            .main
            .as_ref()
            .map(|m| content(&m.iter().map(String::as_str).collect::<Vec<_>>()));
        theirs.len() > 2
            && ours.len() > theirs.len()
            && ours.starts_with(&theirs)
            && main.as_ref() != Some(&theirs)
    }

    /// Rule 8, a page of a site the course holds by its front page (`www.example.net/`, or
    /// its parent domain's), whose title is the site's title with an edition or a year
    /// added or not ("Distributed Systems 3rd" on the site of "Distributed Systems").
    fn page_of_site(&self, k: &Keys) -> Option<usize> {
        if !k.informative || self.fronts.is_empty() {
            return None;
        }
        let host = host_of(&k.pages.first()?.url).to_ascii_lowercase();
        let parent = host
            .split_once('.')
            .map(|(_, rest)| rest)
            .filter(|rest| rest.contains('.'));
        let ours: Vec<&String> = k
            .title
            .iter()
            .filter(|t| !is_filler(t) && !edition_word(t))
            .collect();
        let sites = std::iter::once(host.as_str()).chain(parent);
        for w in sites
            .filter_map(|s| self.fronts.get(&hash_host(s)))
            .flat_map(Ids::iter)
        {
            let theirs: Vec<&str> = self
                .title(w)
                .into_iter()
                .filter(|t| !is_filler(t))
                .collect();
            if !theirs.is_empty()
                && ours.iter().map(|s| s.as_str()).eq(theirs)
                && !self.contradicts(k, w)
            {
                return Some(w);
            }
        }
        None
    }

    /// Works whose title has nearly the same words as `k`'s.
    fn near_titles(&self, title: &[String]) -> Vec<usize> {
        if !distinctive(title) {
            return Vec::new();
        }
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for w in title.iter().filter(|w| !is_filler(w)) {
            // A word in hundreds of titles ("distributed") says nothing of which one; the
            // rarer words of a near-equal title find it.
            let Some(posting) = self
                .by_word
                .get(w.as_str())
                .filter(|p| p.len() <= COMMON_WORD)
            else {
                continue;
            };
            for n in posting.iter() {
                *counts.entry(n).or_default() += 1;
            }
        }
        let mut near: Vec<usize> = counts
            .into_iter()
            .filter(|&(n, shared)| {
                let known = self.title(n);
                (shared >= 3
                    && (similarity(title, &known) >= SAME_TITLE
                        || misspelt(title, &known)
                        || one_word_changed(title, &known)
                        || self.cited_with_its_authors(title, n, &known)))
                    || (shared >= 2 && squashed(title) == squashed(&known))
            })
            .map(|(n, _)| n)
            .collect();
        near.sort_unstable();
        near
    }

    /// Whether `title` is work `n`'s title (`known`) with its authors' surnames around it:
    /// lists cite a paper as "Chandra and Toueg's 'Unreliable Failure Detectors for Reliable
    /// Distributed Systems'". Only the known work's own authors are left out, so a title that
    /// adds any other word still differs.
    fn cited_with_its_authors(&self, title: &[String], n: usize, known: &[&str]) -> bool {
        let theirs = self.works[n].surnames();
        if theirs.is_empty() || !title.iter().any(|t| theirs.contains(t)) {
            return false;
        }
        let without: Vec<&str> = title
            .iter()
            .filter(|t| !theirs.contains(t))
            .map(String::as_str)
            .collect();
        // Every other word is the known title's: one foreign name more would be another
        // citation ("Lynch and Toueg's ...") that the near-title rule already weighs.
        without.iter().all(|t| is_filler(t) || known.contains(t))
            && similarity(&without, known) >= SAME_TITLE
    }

    /// Whether `k` and work `w` share only a generic title: a short one made of the field's
    /// common words ("Distributed Consensus": a course's lecture slides and a blog's article
    /// both go by it), at different sites, with no shared author. Such a title names a
    /// subject, so the match says nothing of the work; a shared identifier would have
    /// decided before the title is asked.
    fn generic_title(&self, k: &Keys, w: usize) -> bool {
        let work = &self.works[w];
        let content: Vec<&String> = k.title.iter().filter(|t| !is_filler(t)).collect();
        if content.is_empty()
            || content.len() > GENERIC_TITLE_WORDS
            || k.host == 0
            || work.host == 0
            || k.host == work.host
        {
            return false;
        }
        let theirs = work.surnames();
        if k.surnames.iter().any(|s| theirs.contains(s)) {
            return false;
        }
        content.iter().all(|t| {
            self.by_word
                .get(t.as_str())
                .is_some_and(|p| p.len() >= FIELD_WORD)
        })
    }

    fn dois_differ(&self, k: &Keys, w: usize) -> bool {
        let theirs = self.works[w].dois();
        !k.dois.is_empty() && !theirs.is_empty() && !k.dois.iter().any(|d| theirs.contains(d))
    }

    /// Whether what else is known of `k` and work `w` says they are different works:
    /// different DOIs, no shared author, years apart under titles that differ, or an
    /// encyclopedia's article against a work at another site.
    fn contradicts(&self, k: &Keys, w: usize) -> bool {
        let theirs = self.works[w].surnames();
        let no_shared_author = !k.surnames.is_empty()
            && !theirs.is_empty()
            && !k.surnames.iter().any(|s| theirs.contains(s));
        // An encyclopedia's article on a paper's subject is its own work whatever its link
        // text says ("Byzantine Generals Problem" at Wikipedia's "Byzantine fault"): only a
        // known work at the same encyclopedia's host can be that work.
        let article_elsewhere = k.encyclopedia && k.host != self.works[w].host;
        self.dois_differ(k, w) || no_shared_author || self.years_apart(k, w) || article_elsewhere
    }

    /// Whether `k` and work `w` appeared years apart under titles that are not the same: a
    /// later paper that reuses most of an earlier one's title ("... Fault Tolerance" 1999,
    /// "... Fault Tolerance and Proactive Recovery" 2002) is another work. A version under
    /// the same title (the journal version of a conference paper, a revision years later
    /// with a subtitle added: "Life beyond Distributed Transactions" 2007 and "...: an
    /// Apostate's Opinion" 2016) is the same work whatever the years say.
    fn years_apart(&self, k: &Keys, w: usize) -> bool {
        let work = &self.works[w];
        if k.year == 0 || work.year == 0 || k.year.abs_diff(work.year) < YEAR_GAP {
            return false;
        }
        let theirs = self.title(w);
        let their_main = match usize::from(work.main_words) {
            0 => theirs.join(" "),
            n => theirs[..n.min(theirs.len())].join(" "),
        };
        let ours = [
            Some(k.joined.clone()),
            k.main.as_ref().map(|m| m.join(" ")),
            k.subtitle.clone(),
        ];
        !ours
            .iter()
            .flatten()
            .any(|t| **t == *work.title || *t == their_main)
    }

    /// Whether any work is known by `url` (its page, or the paper it names).
    pub(crate) fn knows_address(&self, url: &str) -> bool {
        let key = urls::key(url);
        let identifier =
            key.starts_with("doi:") || key.starts_with("arxiv:") || key.starts_with("acm:");
        if identifier {
            urls::keys_of(url)
                .iter()
                .any(|k| self.identifiers.contains_key(k))
        } else {
            self.pages.find(url).is_some()
        }
    }

    /// Adds `urls` to what the work numbered `n` ([`Decision::at`]) is known by: an address
    /// just recorded as one of its alternates names it from now on.
    pub(crate) fn add_addresses_at(&mut self, n: usize, urls: &[String]) {
        for url in urls {
            let k = keys(&Identity {
                urls: vec![url.as_str()],
                ..Identity::default()
            });
            for page in k.pages {
                self.pages.insert_keys(page.keys, page.truncated, n);
            }
            for i in k.identifiers {
                self.identifiers.entry(i).or_default().push(n);
            }
            for t in k.terms {
                self.terms.entry(t).or_default().push(n);
            }
            if !k.dois.is_empty() {
                let papers = self.works[n].papers.get_or_insert_with(Box::default);
                papers.dois.extend(k.dois);
            }
        }
    }

    /// Looks `id` up and, when it is no known work, adds it with `make()`: what an import
    /// does with each candidate in turn.
    pub(crate) fn find_or_insert(
        &mut self,
        id: &Identity<'_>,
        make: impl FnOnce() -> V,
    ) -> Decision<V>
    where
        V: Clone,
    {
        let k = keys(id);
        let found = self.find_all(id, &k);
        let decision = Decision {
            at: found.at,
            foreign: found.foreign,
            same: found.same.map(|(v, r)| (v.clone(), r)),
            conflicts: found
                .conflicts
                .into_iter()
                .map(|c| Conflict {
                    other: c.other.clone(),
                    message: c.message,
                })
                .collect(),
        };
        if decision.same.is_none() {
            self.insert_keys(k, make());
        }
        decision
    }
}

/// What [`Works::find_or_insert`] decided, owning what it names.
#[derive(Clone, Debug)]
pub(crate) struct Decision<V> {
    pub same: Option<(V, Reason)>,
    pub conflicts: Vec<Conflict<V>>,
    /// See [`Found::foreign`].
    pub foreign: Vec<String>,
    /// See [`Found::at`].
    pub at: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part's number is a small number in a title; a year or a zero-padded number is none.
    #[test]
    fn a_titles_part_numbers_are_small_unpadded_numbers() {
        assert_eq!(part_numbers(&["lecture", "3", "07", "2019"]), [3]);
    }

    fn works(known: &[(&str, &[&str], &str)]) -> Works<String> {
        let mut w = Works::new();
        for (id, urls, title) in known {
            w.insert(
                &Identity {
                    urls: urls.to_vec(),
                    title,
                    authors: &[],
                    published: None,
                    note: None,
                },
                id.to_string(),
            );
        }
        w
    }

    fn same(w: &Works<String>, urls: &[&str], title: &str) -> Option<String> {
        w.find(&Identity {
            urls: urls.to_vec(),
            title,
            authors: &[],
            published: None,
            note: None,
        })
        .same
        .map(|(v, _)| v.clone())
    }

    #[test]
    fn titles_normalise() {
        assert_eq!(
            title_words("The Google File System"),
            title_words("Google file system.")
        );
        assert_eq!(
            title_words("Time, Clocks, and the Ordering of Events (1978)"),
            title_words("time clocks & the ordering of events")
        );
        assert_eq!(title_words("Café: Ünïcode"), ["cafe", "unicode"]);
        assert!(!informative("doi:10.1145/359545.359563"));
        assert!(!informative("PDF"));
        assert!(!informative("2010"));
        assert!(informative("Paxos Made Simple"));
    }

    #[test]
    fn a_classic_at_another_address_is_the_same_work() {
        let w = works(&[
            (
                "paxos-made-simple",
                &["https://lamport.azurewebsites.net/pubs/paxos-simple.pdf"],
                "Paxos Made Simple",
            ),
            (
                "gfs",
                &["https://static.googleusercontent.com/media/research.google.com/en//archive/gfs-sosp2003.pdf"],
                "The Google File System",
            ),
            (
                "flp",
                &["https://groups.csail.mit.edu/tds/papers/Lynch/jacm85.pdf", "https://doi.org/10.1145/3149.214121"],
                "Impossibility of Distributed Consensus with One Faulty Process",
            ),
        ]);
        let p = Some("paxos-made-simple".to_string());
        assert_eq!(
            same(
                &w,
                &["https://research.microsoft.com/en-us/um/people/lamport/pubs/paxos-simple.pdf"],
                "Paxos made simple"
            ),
            p
        );
        assert_eq!(
            same(
                &w,
                &["https://example.edu/readings/x.pdf"],
                "Paxos Made Simple."
            ),
            p
        );
        assert_eq!(
            same(&w, &["https://static.googleusercontent.com/media/research.google.com/en/us/archive/gfs-sosp2003.pdf"], "GFS"),
            Some("gfs".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://dl.acm.org/doi/10.1145/3149.214121"],
                "doi:10.1145/3149.214121"
            ),
            Some("flp".into())
        );
        // Look-alikes stay apart.
        assert_eq!(
            same(&w, &["https://example.org/live.pdf"], "Paxos Made Live"),
            None
        );
        assert_eq!(
            same(
                &w,
                &["https://example.org/pmmc.pdf"],
                "Paxos Made Moderately Complex"
            ),
            None
        );
    }

    #[test]
    fn parts_of_a_series_are_each_a_reading() {
        let w = works(&[(
            "sql-1",
            &["https://notes.example.org/database-basics.html"],
            "Writing a SQL database from scratch in Go: 1. SELECT, INSERT, CREATE and a REPL",
        )]);
        let part = |url, title| {
            w.find(&Identity {
                urls: vec![url],
                title,
                authors: &[],
                published: None,
                note: None,
            })
            .same
            .is_some()
        };
        assert!(!part(
            "https://notes.example.org/database-basics-expressions-and-where.html",
            "Writing a SQL database from scratch in Go: 2. binary expressions and WHERE filters"
        ));
        assert!(!part(
            "https://notes.example.org/database-basics-indexes.html",
            "Writing a SQL database from scratch in Go: 3. indexes"
        ));
        // An author's two parts numbered alike are two readings too.
        assert!(!part(
            "https://notes.example.org/database-basics-again.html",
            "Writing a SQL database from scratch in Go: 1. a query planner"
        ));
        // The same part at another address, with or without its number, is the same reading.
        assert!(part(
            "https://mirror.example.com/sql-1.html",
            "Writing a SQL database from scratch in Go: 1. SELECT, INSERT, CREATE and a REPL"
        ));
        assert!(part(
            "https://mirror.example.com/sql.html",
            "Writing a SQL database from scratch in Go (2020)"
        ));
    }

    #[test]
    fn a_doi_under_a_foreign_title_is_a_conflict_not_a_merge() {
        let w = works(&[(
            "flp",
            &["https://doi.org/10.1145/3149.214121"],
            "Impossibility of Distributed Consensus with One Faulty Process",
        )]);
        let found = w.find(&Identity {
            urls: vec![
                "https://example.org/crdts.pdf",
                "https://doi.org/10.1145/3149.214121",
            ],
            title: "Conflict-free Replicated Data Types",
            authors: &[],
            published: None,
            note: None,
        });
        assert!(found.same.is_none());
        assert_eq!(found.conflicts.len(), 1);
        assert!(found.conflicts[0]
            .message
            .contains("DOI 10.1145/3149.214121"));
    }

    #[test]
    fn same_title_with_another_doi_or_other_authors_is_not_merged() {
        let mut w: Works<String> = Works::new();
        let lamport = ["Leslie Lamport".to_string()];
        w.insert(
            &Identity {
                urls: vec!["https://doi.org/10.1000/aaa"],
                title: "Distributed Snapshots of Something Big",
                authors: &lamport,
                published: None,
                note: None,
            },
            "a".into(),
        );
        let other = w.find(&Identity {
            urls: vec!["https://doi.org/10.1000/bbb"],
            title: "Distributed snapshots of something big",
            authors: &[],
            published: None,
            note: None,
        });
        assert!(other.same.is_none());
        assert!(other.conflicts[0].message.contains("another DOI"));
        let chandy = ["K. Mani Chandy".to_string()];
        let found = w.find(&Identity {
            urls: vec!["https://example.org/s.pdf"],
            title: "Distributed Snapshots of Something Big",
            authors: &chandy,
            published: None,
            note: None,
        });
        assert!(found.same.is_none());
        let lamport2 = ["Lamport, L.".to_string()];
        let found = w.find(&Identity {
            urls: vec!["https://example.org/s.pdf"],
            title: "Distributed Snapshots of Something Big",
            authors: &lamport2,
            published: None,
            note: None,
        });
        assert_eq!(found.same.map(|(v, _)| v.clone()), Some("a".into()));
    }

    #[test]
    fn a_paper_by_its_name_at_an_address_that_names_it() {
        let w = works(&[(
            "mapreduce",
            &["https://static.googleusercontent.com/media/research.google.com/en//archive/mapreduce-osdi04.pdf"],
            "MapReduce: Simplified Data Processing on Large Clusters",
        )]);
        assert_eq!(
            same(
                &w,
                &["https://pdos.csail.mit.edu/6.824/papers/mapreduce.pdf"],
                "MapReduce (2004)"
            ),
            Some("mapreduce".into())
        );
        assert_eq!(
            same(&w, &["https://blog.example.org/2019/thoughts"], "MapReduce"),
            None
        );
        // A paper's file under a hashed name, titled by the paper's name.
        assert_eq!(
            same(
                &w,
                &["https://storage.example.com/research-media/pubtools/5f1c0a.pdf"],
                "MapReduce"
            ),
            Some("mapreduce".into())
        );
        let w = works(&[(
            "dist",
            &["https://example.org/vs"],
            "Distributed Systems: Principles and Paradigms",
        )]);
        assert_eq!(
            same(
                &w,
                &["https://example.org/failover"],
                "Distributed Systems: Take Responsibility for Failover"
            ),
            None
        );
    }

    /// Titles copied out of a PDF lose spaces and gain stray characters: the same work.
    #[test]
    fn a_title_with_its_spaces_lost_is_the_same_work() {
        let w = works(&[(
            "dls",
            &["https://doi.org/10.1145/42282.42283"],
            "Consensus in the Presence of Partial Synchrony",
        )]);
        assert_eq!(
            same(
                &w,
                &["https://example.org/consensus-in-presence-of-partial-synchrony.pdf"],
                "\u{fffc}Consensusin the Presenceof Partial Synchrony"
            ),
            Some("dls".into())
        );
        // Run together, other words are another title.
        assert_eq!(
            same(
                &w,
                &["https://example.org/x.pdf"],
                "Consensusin the Presenceof Partial Failures"
            ),
            None
        );
    }

    /// The journal version that grew a contribution ("... and Proactive Recovery") is a
    /// look-alike by issue 20's own example (the 2002 vs 1999 PBFT paper), not the work.
    #[test]
    fn a_title_extended_by_a_contribution_is_a_look_alike() {
        let w = works(&[(
            "pbft",
            &["https://pmg.csail.mit.edu/papers/osdi99.pdf"],
            "Practical Byzantine Fault Tolerance",
        )]);
        assert_eq!(
            same(
                &w,
                &["https://example.org/p398-castro-bft-tocs.pdf"],
                "Practical Byzantine Fault Tolerance and Proactive Recovery"
            ),
            None
        );
    }

    /// "Raft" at another host's `raft.pdf`, beside the course's `raft.pdf`: the name is both
    /// the title and the file. The file alone, under another title, says nothing.
    #[test]
    fn a_short_file_name_decides_only_with_the_title_that_is_it() {
        let w = works(&[(
            "raft-paper",
            &["https://raft.github.io/raft.pdf"],
            "In Search of an Understandable Consensus Algorithm (Extended Version)",
        )]);
        assert_eq!(
            same(
                &w,
                &["https://ramcloud.example.edu/attachments/raft.pdf"],
                "Raft"
            ),
            Some("raft-paper".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://example.edu/slides/raft.pdf"],
                "Lecture 5: replication"
            ),
            None
        );
        assert_eq!(
            same(&w, &["https://example.edu/raft-talk.html"], "Raft"),
            None
        );
    }

    /// Google's archive and Google Labs name one paper's page and PDF alike, the PDF with
    /// its venue; an address that spells a known title names it.
    #[test]
    fn mirrors_and_spelled_addresses_name_the_work() {
        let w = works(&[
            (
                "gfs",
                &["https://static.googleusercontent.com/media/research.google.com/en//archive/gfs-sosp2003.pdf"],
                "The Google File System",
            ),
            (
                "lamport-1978",
                &["https://doi.org/10.1145/359545.359563"],
                "Time, Clocks, and the Ordering of Events in a Distributed System",
            ),
        ]);
        for url in [
            "http://labs.google.com/papers/gfs.html",
            "https://research.google.com/archive/gfs.html",
        ] {
            assert_eq!(same(&w, &[url], "PDF"), Some("gfs".into()), "{url}");
        }
        assert_eq!(without_venue_suffix("mapreduce-osdi04"), "mapreduce");
        // A PostScript copy of a paper is its file as much as the PDF is.
        let w2 = works(&[(
            "note",
            &["https://example.edu/papers/smli_tr-94-29.pdf"],
            "A Note on Distributed Computing",
        )]);
        assert_eq!(
            same(
                &w2,
                &["https://mirror.example.org/tr/smli_tr-94-29.ps"],
                "Note on distributed computing, Waldo et al."
            ),
            Some("note".into())
        );
        assert_eq!(without_venue_suffix("paxos_made_live"), "paxos_made_live");
        assert_eq!(without_venue_suffix("raft-2"), "raft-2");
        let spelled = "https://www.microsoft.com/en-us/research/uploads/prod/2016/12/Time-Clocks-and-the-Ordering-of-Events-in-a-Distributed-System.pdf";
        assert_eq!(same(&w, &[spelled], "pdf"), Some("lamport-1978".into()));
        assert_eq!(
            same(&w, &[spelled], "Time, Clocks and the Ordering of Events"),
            Some("lamport-1978".into())
        );
        // A post named after the paper, titled as a post, is another work; so is a talk
        // whose page spells the paper's title, whatever its link says.
        assert_eq!(
            same(
                &w,
                &["https://blog.example.org/time-clocks-and-the-ordering-of-events-in-a-distributed-system"],
                "My notes on a Lamport classic"
            ),
            None
        );
        assert_eq!(
            same(
                &w,
                &["https://www.microsoft.com/en-us/research/video/time-clocks-and-the-ordering-of-events-in-a-distributed-system/"],
                "Time, Clocks and the Ordering of Events: the talk"
            ),
            None
        );
    }

    #[test]
    fn short_titles_never_decide_alone() {
        let w = works(&[("raft", &["https://raft.github.io/raft.pdf"], "Raft")]);
        assert_eq!(same(&w, &["https://example.org/raft-talk"], "Raft"), None);
        let w = works(&[("ds", &["https://example.org/ds"], "Distributed Systems")]);
        assert_eq!(
            same(&w, &["https://other.org/ds"], "Distributed Systems"),
            None
        );
    }

    #[test]
    fn publisher_paths_carry_dois() {
        assert_eq!(
            doi_in_path(
                &url::Url::parse("https://link.springer.com/article/10.1007/s00446-003-0091-y")
                    .unwrap()
            ),
            Some("doi:10.1007/s00446-003-0091-y".into())
        );
        assert_eq!(
            doi_in_path(
                &url::Url::parse(
                    "https://onlinelibrary.wiley.com/doi/pdf/10.1002/spe.4380/abstract"
                )
                .unwrap()
            ),
            Some("doi:10.1002/spe.4380".into())
        );
        assert_eq!(
            doi_in_path(&url::Url::parse("https://example.org/v10.2/x").unwrap()),
            None
        );
    }

    /// A course's "Distributed Consensus" slides are not a blog's "Distributed consensus"
    /// article: a short title of the field's common words at another site is a conflict,
    /// while the same title at the same site, a shared author, or a title with a word of its
    /// own still merges.
    #[test]
    fn a_short_title_of_common_field_words_at_another_site_is_not_one_work() {
        let w = works(&[
            (
                "shachaf",
                &["https://shachaf.net/consensus.html"],
                "Distributed consensus",
            ),
            (
                "flp",
                &["https://example.org/flp.pdf"],
                "Impossibility of Distributed Consensus with One Faulty Process",
            ),
            (
                "dsys",
                &["https://example.org/book"],
                "Distributed Systems for Consensus Fun",
            ),
            (
                "vr",
                &["https://pmg.csail.mit.edu/vr.pdf"],
                "Viewstamped Replication Revisited",
            ),
        ]);
        let slides = Identity {
            urls: vec!["https://cs.example.edu/lectures/consensus.pdf"],
            title: "Distributed Consensus",
            authors: &[],
            published: None,
            note: None,
        };
        let found = w.find(&slides);
        assert_eq!(found.same.map(|(v, _)| v.clone()), None);
        assert_eq!(found.conflicts.len(), 1);
        assert_eq!(found.conflicts[0].other, "shachaf");
        assert_eq!(
            same(
                &w,
                &["https://shachaf.net/blog/consensus"],
                "Distributed Consensus"
            ),
            Some("shachaf".to_string())
        );
        assert_eq!(
            same(
                &w,
                &["https://mirror.example.com/vr.html"],
                "Viewstamped Replication Revisited"
            ),
            Some("vr".to_string())
        );
    }

    /// A course site's page in another term (another course number, a renumbered lab) is
    /// the page the course holds; another term's lecture 3, or a page whose title says it is
    /// another work, is not.
    #[test]
    fn a_course_page_of_another_term_is_the_same_work() {
        let w = works(&[
            (
                "raft-lab",
                &["https://pdos.csail.mit.edu/6.5840/labs/lab-raft1.html"],
                "Implement Raft: the MIT 6.5840 Raft lab",
            ),
            (
                "lec3",
                &["https://cs.example.edu/cs244/fall2019/lecture3.html"],
                "Lecture 3: Clocks",
            ),
            (
                "gfs",
                &["https://cs.example.edu/cs244/fall2019/papers/gfs-notes.html"],
                "Notes on the Google File System",
            ),
        ]);
        assert_eq!(
            same(
                &w,
                &["https://pdos.csail.mit.edu/6.824/labs/lab-raft.html"],
                "MIT 6.824 Lab 2: Raft"
            ),
            Some("raft-lab".to_string())
        );
        assert_eq!(
            same(
                &w,
                &["https://cs.example.edu/cs244/spring2021/lecture3.html"],
                "Lecture 3: Remote procedure calls"
            ),
            None
        );
        assert_eq!(
            same(
                &w,
                &["https://cs.example.edu/cs244/spring2021/papers/gfs-notes.html"],
                "The Google File System: notes for class"
            ),
            Some("gfs".to_string())
        );
        assert_eq!(
            same(
                &w,
                &["https://cs.example.edu/cs244/spring2021/papers/gfs-notes.html"],
                "Chain Replication for Throughput"
            ),
            None
        );
        // A directory that is a record's number names another work, whatever the file.
        let hal = works(&[(
            "crdt",
            &["https://hal.inria.fr/inria-00609399/document"],
            "Conflict-free Replicated Data Types",
        )]);
        assert_eq!(
            same(
                &hal,
                &["https://hal.inria.fr/inria-00555588/document"],
                "A comprehensive study of Convergent and Commutative Replicated Data Types"
            ),
            None
        );
        // No directory names a term: another site's page of the same name is no evidence.
        assert_eq!(
            same(
                &w,
                &["https://pdos.csail.mit.edu/labs/lab-raft.html"],
                "A Raft lab"
            ),
            None
        );
    }

    fn dated(
        w: &Works<String>,
        urls: &[&str],
        title: &str,
        published: Option<&str>,
    ) -> Option<String> {
        w.find(&Identity {
            urls: urls.to_vec(),
            title,
            authors: &[],
            published,
            note: None,
        })
        .same
        .map(|(v, _)| v.clone())
    }

    /// A later paper under a title nearly the earlier one's is another work when the years
    /// are apart (the 2002 and 1999 PBFT papers, as issue 20 counts them); the same title
    /// years apart is a version of one work, and a year apart says nothing.
    #[test]
    fn years_apart_under_differing_titles_are_two_works() {
        let known = "Fast Scalable Replicated Log Storage for Commodity Server Clusters";
        let later = "Fast Scalable Replicated Log Storage for Large Commodity Server Clusters";
        let mut w: Works<String> = Works::new();
        w.insert(
            &Identity {
                urls: vec!["https://example.edu/papers/logstore.pdf"],
                title: known,
                authors: &[],
                published: Some("1999-02"),
                note: None,
            },
            "logstore".into(),
        );
        let other = ["https://mirror.example.org/ls.pdf"];
        // Without a year, or a year apart, the near-equal title decides.
        assert_eq!(dated(&w, &other, later, None), Some("logstore".into()));
        assert_eq!(
            dated(&w, &other, later, Some("2000")),
            Some("logstore".into())
        );
        // Years apart, from the list's year, the title or the file's venue and year.
        assert_eq!(dated(&w, &other, later, Some("2004")), None);
        assert_eq!(dated(&w, &other, &format!("{later} (2004)"), None), None);
        assert_eq!(
            dated(
                &w,
                &["https://mirror.example.org/logstore-tocs04.pdf"],
                later,
                None
            ),
            None
        );
        // The same title years later is a version (a journal's, a revision): one work.
        assert_eq!(
            dated(&w, &other, known, Some("2016")),
            Some("logstore".into())
        );
        // So is the main title of a revision that added a subtitle, or the revision's.
        assert_eq!(
            dated(
                &w,
                &other,
                &format!("{known}: Revisited for Today"),
                Some("2016")
            ),
            Some("logstore".into())
        );
        let mut w2: Works<String> = Works::new();
        w2.insert(
            &Identity {
                urls: vec!["https://queue.example.org/life"],
                title: "Life beyond Distributed Transactions: An Apostate's Opinion",
                authors: &[],
                published: Some("2016"),
                note: None,
            },
            "life".into(),
        );
        assert_eq!(
            dated(
                &w2,
                &["https://cidr.example.org/p15.pdf"],
                "Life beyond Distributed Transactions",
                Some("2007")
            ),
            Some("life".into())
        );
        // A feed's day is when the link was shared, not when the work appeared.
        assert_eq!(
            dated(&w, &other, later, Some("2024-05-01")),
            Some("logstore".into())
        );
    }

    #[test]
    fn a_year_comes_from_the_date_the_title_or_the_file_venue() {
        let year = |published: Option<&str>, title: &str, url: &str| {
            year_of(&Identity {
                urls: vec![url],
                title,
                authors: &[],
                published,
                note: None,
            })
        };
        assert_eq!(year(Some("1999-02"), "x", "https://e.org/a"), 1999);
        assert_eq!(year(None, "Spanner (OSDI 2012)", "https://e.org/a"), 2012);
        assert_eq!(year(None, "x", "https://e.org/papers/osdi99.pdf"), 1999);
        assert_eq!(year(None, "x", "https://e.org/gfs-sosp2003.pdf"), 2003);
        assert_eq!(year(None, "x", "https://e.org/Lynch/jacm85.pdf"), 1985);
        // A directory's year is an upload's or a term's; a lecture's number is no year.
        assert_eq!(year(None, "x", "https://e.org/uploads/2017/01/p398.pdf"), 0);
        assert_eq!(year(None, "x", "https://e.org/fall2019/notes.pdf"), 0);
        assert_eq!(year(None, "x", "https://e.org/lecture12.pdf"), 0);
        assert_eq!(year(None, "Jepsen: etcd 3.4.3", "https://e.org/a"), 0);
    }

    /// "Raft: In Search of ..." is the paper titled "In Search of ...", and the other way
    /// round; two names with one subtitle are two works.
    #[test]
    fn a_name_and_its_subtitle_is_the_work_titled_by_the_subtitle() {
        let w = works(&[
            (
                "raft-paper",
                &["https://raft.github.io/raft.pdf"],
                "In Search of an Understandable Consensus Algorithm (Extended Version)",
            ),
            (
                "chord",
                &["https://example.edu/chord.pdf"],
                "Chord: A Scalable Peer-to-peer Lookup Service for Internet Applications",
            ),
        ]);
        assert_eq!(
            same(
                &w,
                &["https://wiki.example.edu/download/attachments/11370504/raft.pdf"],
                "Raft: In Search of an Understandable Consensus Algorithm"
            ),
            Some("raft-paper".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://mirror.example.org/p149.pdf"],
                "A Scalable Peer-to-peer Lookup Service for Internet Applications"
            ),
            Some("chord".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://mirror.example.org/p150.pdf"],
                "Pastry: A Scalable Peer-to-peer Lookup Service for Internet Applications"
            ),
            None
        );
    }

    /// One misspelt word of a long title is the title; another word is another title.
    #[test]
    fn a_misspelt_word_of_a_long_title_is_the_same_title() {
        let w = works(&[(
            "dls",
            &["https://doi.org/10.1145/42282.42283"],
            "Consensus in the Presence of Partial Synchrony",
        )]);
        assert_eq!(
            same(
                &w,
                &["https://example.edu/Lynch/jacm88.pdf"],
                "Consensus in Presensus of Partial Synchrony"
            ),
            Some("dls".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://example.edu/x.pdf"],
                "Consensus in the Presence of Partial Failures"
            ),
            None
        );
        assert!(!misspelt(
            &title_words("Paxos Made Simple"),
            &title_words("Paxos Made Simpler")
        ));
    }

    /// A series' name before a colon ("Jepsen: etcd 3.4.3") is not the name of one work: a
    /// tag page or a repository that goes by it is not that analysis.
    #[test]
    fn a_series_name_at_a_page_that_goes_by_it_is_not_a_part_of_the_series() {
        let w = works(&[(
            "jepsen-etcd",
            &["https://jepsen.io/analyses/etcd-3.4.3"],
            "Jepsen: etcd 3.4.3",
        )]);
        for url in [
            "https://aphyr.example.com/tags/Jepsen",
            "https://github.com/jepsen-io/jepsen",
        ] {
            assert_eq!(same(&w, &[url], "Jepsen"), None, "{url}");
        }
    }

    /// A paper's file cited by the first words of its title, when no other title has them;
    /// words of the field or an address that is not a paper's file say nothing.
    #[test]
    fn a_paper_cited_by_the_first_words_of_its_title() {
        let w = works(&[
            (
                "harvest",
                &["https://example.edu/pubs/c18.pdf"],
                "Harvest, Yield, and Scalable Tolerant Systems",
            ),
            (
                "fun",
                &["https://book.example.net/distsys/"],
                "Distributed Systems for Fun and Profit",
            ),
            (
                "other",
                &["https://example.org/ds"],
                "Distributed Systems: Principles and Paradigms",
            ),
        ]);
        assert_eq!(
            same(
                &w,
                &["https://cache.example.org/5015/8bc1a8a6.pdf"],
                "Harvest and Yield"
            ),
            Some("harvest".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://blog.example.org/harvest-and-yield"],
                "Harvest and Yield"
            ),
            None
        );
        assert_eq!(
            same(
                &w,
                &["https://cache.example.org/1.pdf"],
                "Distributed Systems"
            ),
            None
        );
    }
    /// A paper cited with its authors' surnames around its title is that paper; a surname
    /// that is not one of the known work's authors, or other words, keep the titles apart.
    #[test]
    fn a_title_cited_with_its_authors_names_is_the_same_work() {
        let mut w: Works<String> = Works::new();
        let authors = ["Tushar Deepak Chandra".to_string(), "Sam Toueg".to_string()];
        w.insert(
            &Identity {
                urls: vec!["https://doi.org/10.1145/226643.226647"],
                title: "Unreliable Failure Detectors for Reliable Distributed Systems",
                authors: &authors,
                published: None,
                note: None,
            },
            "ct".to_string(),
        );
        let cited = "Chandra and Toueg\u{2019}s \u{2018}Unreliable Failure Detectors for Reliable \
                     Distributed Systems\u{2019}";
        assert_eq!(
            same(
                &w,
                &["https://courses.example.edu/6.852/08/papers/CT96-JACM.pdf"],
                cited
            ),
            Some("ct".into())
        );
        assert_eq!(
            same(
                &w,
                &["https://example.org/notes.pdf"],
                "Lynch and Toueg's Unreliable Failure Detectors for Reliable Distributed Systems"
            ),
            None
        );
        assert_eq!(
            same(
                &w,
                &["https://example.org/notes.pdf"],
                "Chandra and Toueg on Unreliable Failure Detectors in Asynchronous Byzantine Systems"
            ),
            None
        );
    }

    /// An encyclopedia's article goes by its own address: link text naming a held paper
    /// does not make the article the paper, while the article itself is still recognised.
    #[test]
    fn an_encyclopedia_article_is_not_the_paper_its_link_text_names() {
        let w = works(&[
            (
                "byz",
                &["https://lamport.example.net/pubs/byz.pdf"],
                "The Byzantine Generals Problem",
            ),
            (
                "two-generals",
                &["https://en.wikipedia.org/wiki/Two_Generals%27_Problem"],
                "Two Generals' Problem",
            ),
        ]);
        assert_eq!(
            same(
                &w,
                &["https://en.wikipedia.org/wiki/Byzantine_fault"],
                "Byzantine Generals Problem"
            ),
            None
        );
        assert_eq!(
            same(
                &w,
                &["https://mirror.example.edu/papers/byzantine.pdf"],
                "Byzantine Generals Problem"
            ),
            Some("byz".into())
        );
        assert_eq!(
            same(
                &w,
                &["http://en.wikipedia.org/wiki/Two_Generals%27_Problem"],
                "Two Generals"
            ),
            Some("two-generals".into())
        );
        assert!(encyclopedia_article(
            "https://de.wikipedia.org/wiki/Paxos_(Informatik)"
        ));
        assert!(!encyclopedia_article(
            "https://wikipedia.example.org/wiki/Paxos"
        ));
        assert!(!encyclopedia_article(
            "https://en.wikipedia.org/w/index.php?title=Paxos"
        ));
    }

    /// Works with their authors and years, as a corpus gives them.
    fn authored(known: &[(&str, &str, &str, &[&str], &str)]) -> Works<String> {
        let mut w = Works::new();
        for (id, url, title, authors, published) in known {
            let authors: Vec<String> = authors.iter().map(|a| a.to_string()).collect();
            w.insert(
                &Identity {
                    urls: vec![url],
                    title,
                    authors: &authors,
                    published: Some(published),
                    note: None,
                },
                id.to_string(),
            );
        }
        w
    }

    fn beside(w: &Works<String>, url: &str, title: &str, note: Option<&str>) -> Option<String> {
        w.find(&Identity {
            urls: vec![url],
            title,
            note,
            ..Identity::default()
        })
        .same
        .map(|(v, _)| v.clone())
    }

    fn classics() -> Works<String> {
        authored(&[
            (
                "raft-paper",
                "https://raft.github.io/raft.pdf",
                "In Search of an Understandable Consensus Algorithm (Extended Version)",
                &["Diego Ongaro", "John Ousterhout"],
                "2014",
            ),
            (
                "harvest-yield",
                "https://radlab.cs.berkeley.edu/people/fox/static/pubs/pdf/c18.pdf",
                "Harvest, Yield, and Scalable Tolerant Systems",
                &["Armando Fox", "Eric A. Brewer"],
                "1999",
            ),
            (
                "dynamo",
                "https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf",
                "Dynamo: Amazon's Highly Available Key-value Store",
                &["Giuseppe DeCandia", "Deniz Hastorun", "Werner Vogels"],
                "2007",
            ),
            (
                "flp",
                "https://doi.org/10.1145/3149.214121",
                "Impossibility of Distributed Consensus with One Faulty Process",
                &[
                    "Michael J. Fischer",
                    "Nancy A. Lynch",
                    "Michael S. Paterson",
                ],
                "1985-04",
            ),
            (
                "pbft",
                "https://pmg.csail.mit.edu/papers/osdi99.pdf",
                "Practical Byzantine Fault Tolerance",
                &["Miguel Castro", "Barbara Liskov"],
                "1999-02",
            ),
            (
                "snapshots",
                "https://doi.org/10.1145/214451.214456",
                "Distributed Snapshots: Determining Global States of Distributed Systems",
                &["K. Mani Chandy", "Leslie Lamport"],
                "1985-02",
            ),
            (
                "cap",
                "https://doi.org/10.1145/564585.564601",
                "Brewer's Conjecture and the Feasibility of Consistent, Available, \
                 Partition-Tolerant Web Services",
                &["Seth Gilbert", "Nancy Lynch"],
                "2002-06",
            ),
            (
                "van-steen",
                "https://www.distributed-systems.net/",
                "Distributed Systems (van Steen and Tanenbaum)",
                &["Maarten van Steen", "Andrew S. Tanenbaum"],
                "2023",
            ),
            (
                "apostate",
                "https://queue.acm.org/detail.cfm?id=3025012",
                "Life beyond Distributed Transactions: An Apostate's Opinion",
                &["Pat Helland"],
                "2016",
            ),
            (
                "paxos-simple",
                "https://lamport.azurewebsites.net/pubs/paxos-simple.pdf",
                "Paxos Made Simple",
                &["Leslie Lamport"],
                "2001",
            ),
            (
                "fast-simplex",
                "https://blog.example.org/2026-05-17-fast-simplex-fvs/",
                "Fast Simplex on a Fixed View Schedule",
                &["Ittai Abraham"],
                "2026-05-17",
            ),
        ])
    }

    /// One typing slip in a word of six letters or more is a misspelling ("Concensus"); a
    /// word changed for another in a title of four is another title.
    #[test]
    fn a_typing_slip_in_a_long_word_is_a_misspelling() {
        let w = classics();
        let url = "https://example.edu/~ongaro/papers/raft-atc14";
        for typo in [
            "Concensus",
            "Consensos",
            "Consnesus",
            "Consenssus",
            "Consenus",
        ] {
            let title = format!("In Search of an Understandable {typo} Algorithm");
            assert_eq!(
                beside(&w, url, &title, None),
                Some("raft-paper".into()),
                "{title}"
            );
        }
        let other = "In Search of an Understandable Consensus Protocol";
        assert_eq!(beside(&w, url, other, None), None);
        assert!(one_slip("consensus", "concensus"));
        assert!(!one_slip("consensus", "conventus"));
        assert!(!one_slip("simple", "sample2"));
    }

    /// A long title cited with one word changed is the title ("Fault" for "Scalable"): four
    /// agreeing words that are not filler name the work. Four words in all are too few
    /// (see `a_misspelt_word_of_a_long_title_is_the_same_title`).
    #[test]
    fn a_long_title_with_one_word_changed_is_the_same_title() {
        let w = classics();
        let url = "https://files.example.org/5015/8bc1a8a6.pdf";
        assert_eq!(
            beside(&w, url, "Harvest, yield and Fault tolerant systems", None),
            Some("harvest-yield".into())
        );
        assert_eq!(
            beside(&w, url, "Harvest, yield and Fault tolerant services", None),
            None,
            "two words changed"
        );
        assert!(!one_word_changed(
            &title_words("Harvest Yield and Scalable Tolerant Systems 2"),
            &title_words("Harvest Yield and Scalable Tolerant Systems 3"),
        ));
    }

    /// Two titles that differ only in an ordinal or a number in words are two works of a
    /// series, not one cited from memory (two playlists "... First Dose", "... Second Dose").
    #[test]
    fn titles_differing_in_an_ordinal_are_two_works() {
        let first = title_words("Vaccination Database Tech Talks First Dose");
        let second = title_words("Vaccination Database Tech Talks Second Dose");
        assert!(!one_word_changed(&first, &second));
        let a = title_words("Principles of Distributed Database Systems Volume I");
        let b = title_words("Principles of Distributed Database Systems Volume II");
        assert!(!one_word_changed(&a, &b));
        // The rule itself still holds for a word that is no number.
        let c = title_words("Vaccination Database Tech Talks Booster Dose");
        let d = title_words("Vaccination Database Tech Talks Bonus Dose");
        assert!(one_word_changed(&c, &d));
    }

    /// Link text in another script is a translation or says nothing: its words in Latin
    /// letters are kept, the others left out, so it neither names a work nor contradicts
    /// the identifier beside it.
    #[test]
    fn link_text_in_another_script_neither_names_nor_contradicts() {
        assert_eq!(title_words("Lamport 时钟"), ["lamport"]);
        assert!(title_words("经典论文").is_empty());
        assert_eq!(title_words("Café: Ünïcode"), ["cafe", "unicode"]);
        let w = classics();
        let found = w.find(&Identity {
            urls: vec![
                "http://research.microsoft.com/en-us/um/people/lamport/pubs/paxos-simple.pdf",
            ],
            title: "经典论文",
            ..Identity::default()
        });
        assert_eq!(
            found.same.map(|(v, _)| v.clone()),
            Some("paxos-simple".into())
        );
        assert!(found.conflicts.is_empty());
    }

    /// A paper's file whose address names an author of a known work, with its year or its
    /// title's words (three things in all), is that work; a look-alike that extends the
    /// work's title, or a paper of the same author in another year, is not.
    #[test]
    fn a_file_named_by_its_author_and_year_is_the_work() {
        let w = classics();
        assert_eq!(
            beside(
                &w,
                "http://www.example.edu/~kohler/class/cs239-w08/decandia07dynamo.pdf",
                "Dynamo - Key value store",
                None
            ),
            Some("dynamo".into())
        );
        assert_eq!(
            beside(
                &w,
                "https://groups.example.edu/tds/papers/Lynch/jacm85.pdf",
                "FLP Impossibility Result",
                None
            ),
            Some("flp".into())
        );
        assert_eq!(
            beside(
                &w,
                "http://lpd.example.ch/sgilbert/pubs/BrewersConjecture-SigAct.pdf",
                "CAP 定理",
                None
            ),
            Some("cap".into())
        );
        assert_eq!(
            beside(
                &w,
                "http://research.example.com/people/lamport/pubs/chandy.pdf",
                "经典论文",
                Some(
                    "一致的快照（consistent snapshotting）：例如 Chandy 和 Lamport 所写的 经典论文"
                )
            ),
            Some("snapshots".into())
        );
        // Without what the note says, two authors are not enough.
        assert_eq!(
            beside(
                &w,
                "http://research.example.com/people/lamport/pubs/chandy.pdf",
                "经典论文",
                None
            ),
            None
        );
        assert_eq!(
            beside(
                &w,
                "https://groups.example.edu/tds/papers/Lynch/podc89.pdf",
                "A Hundred Impossibility Proofs for Distributed Computing",
                None
            ),
            None
        );
        assert_eq!(
            beside(
                &w,
                "http://www.example.com/research/uploads/2017/01/p398-castro-bft-tocs.pdf",
                "Practical Byzantine Fault Tolerance and Proactive Recovery",
                None
            ),
            None
        );
        // An exercise on the paper, at the paper's file, is another reading.
        assert_eq!(
            beside(
                &w,
                "https://groups.example.edu/tds/papers/Lynch/jacm85.pdf",
                "Write the two impossibility arguments yourself, against a rubric",
                None
            ),
            None
        );
        assert_eq!(
            address_words("https://x.org/a/decandia07dynamo.pdf", true),
            ["decandia", "07", "dynamo"]
        );
        assert_eq!(
            address_words("https://x.org/sgilbert/BrewersConjecture-SigAct.pdf", false),
            ["sgilbert", "brewers", "conjecture", "sig", "act"]
        );
    }

    /// A short title or a version of the title (a subtitle or edition added, one word of a
    /// long main title dropped) is the work when the text beside it names one of its
    /// authors; without the name, or with another author's, it is not.
    #[test]
    fn a_title_with_its_authors_named_beside_it_is_the_work() {
        let w = classics();
        let site = "https://books.example.net/";
        let note = Some("(2017): [Free] Maarten van Steen, Andrew Tanenbaum.");
        assert_eq!(
            beside(&w, site, "Distributed Systems", note),
            Some("van-steen".into())
        );
        assert_eq!(beside(&w, site, "Distributed Systems", None), None);
        assert_eq!(
            beside(
                &w,
                site,
                "Distributed Systems",
                Some("(2019): Martin Kleppmann.")
            ),
            None
        );
        assert_eq!(
            beside(
                &w,
                "http://example.edu/DistributedSystemsPrinciplesandParadigms-2007-Tanenbaum.pdf",
                "Distributed Systems Principles and Paradigms - Andrew Tanenbaum",
                None
            ),
            Some("van-steen".into())
        );
        let helland = Some("Pat Helland's classic Life Beyond Transactions is a must-read");
        let cidr = "http://www.example.edu/~cs223/papers/cidr07p15.pdf";
        assert_eq!(
            beside(&w, cidr, "Life Beyond Transactions", helland),
            Some("apostate".into())
        );
        assert_eq!(beside(&w, cidr, "Life Beyond Transactions", None), None);
        // Without its first word, a title names the plain protocol the work is a variant of
        // ("Simplex ..." beside "Fast Simplex ..."), by the same author, the same year.
        assert_eq!(
            beside(
                &w,
                "https://blog.example.org/2026-05-14-simplex-fvs/",
                "Simplex on a Fixed View Schedule",
                Some("By Ittai Abraham, 2026. A fixed view schedule version of Simplex.")
            ),
            None
        );
        // A longer title extended ("... and Proactive Recovery") is another work even with
        // an author named beside it.
        assert_eq!(
            beside(
                &w,
                "https://example.org/tocs.pdf",
                "Practical Byzantine Fault Tolerance and Proactive Recovery",
                Some("M. Castro and B. Liskov. TOCS 2002")
            ),
            None
        );
    }

    /// A page of a site the course holds by its front page, under the site's title with an
    /// edition added, is the site's work; the same title at another site, or another title
    /// at the site, is not.
    #[test]
    fn a_page_of_a_known_site_under_its_title_is_the_work() {
        let w = classics();
        let page = "https://www.distributed-systems.net/index.php/books/ds3/";
        assert_eq!(
            beside(&w, page, "Distributed Systems 3rd", None),
            Some("van-steen".into())
        );
        assert_eq!(
            beside(&w, page, "Distributed Systems, 2nd edition", None),
            Some("van-steen".into())
        );
        assert_eq!(
            beside(
                &w,
                "https://example.org/ds/3rd/",
                "Distributed Systems 3rd",
                None
            ),
            None
        );
        assert_eq!(beside(&w, page, "Errata", None), None);
    }
}
