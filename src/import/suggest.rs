//! Topic suggestion learnt from the corpus itself, and its leave-one-out evaluation.
//!
//! Each topic is one document: its title and keywords (twice: they are chosen words), its id,
//! its summary, and the titles and notes of the links filed under it (a link's title also
//! counts for the topics its `also` names). A new link is the query: its title, plus its hints
//! (headings, folders, categories), its note and the words of its URL at lower weights. BM25
//! scores the query against every topic (the `bm25` crate's English stemming and stop words,
//! its k1 and b), from postings made once per course ([`Index`]), so a reading costs a few
//! look-ups per word of its own however large the course or the import.
//!
//! On top of the words, the topics' names ([`Names`]: each keyword and id as a phrase) are
//! strong evidence: "replicated data types" or "CRDTs" in a title, or a list's section
//! heading "Gossip" or "Paxos", speaks for the topic that bears the name, at about one
//! floor's worth, so one distinctive name files a reading. A heading counts only for a reading
//! whose own title or note is of the course's field (an essay on careers under "Time and
//! clocks" stays out), and never against the topics the title itself names. A name most
//! topics use is the field's own ("distributed systems") and names none, unless its own
//! topic holds much of the course's use of it ("paxos", "raft"). Names are matched on whole
//! words, with only `-ly`, `-ed` and `-d` taken off ("totally ordered broadcast").
//!
//! The best topic gets the link when its score is at least the floor ([`Params::floor_words`]),
//! at least [`Params::margin`] times the second's ([`Params::named_margin`] when the reading
//! names the best topic and not the second), and it shares a word with the link's title or
//! hints (a blurb alone wanders); otherwise the link goes to the inbox, with its top three
//! candidates listed. A tie is never broken by name: it goes to the inbox.

use super::domain::Field;
use super::Candidate;
use crate::model::Course;
use bm25::{DefaultTokenizer, Language, Tokenizer};
use std::collections::{BTreeSet, HashMap};

/// The suggester's settings. The defaults were chosen on the thirteen development lists in
/// `tests/fixtures/curation/` (`import/tune.rs`: `leave_one_list_out` searches them and
/// estimates what such a choice is worth on an unseen list by choosing on twelve lists and
/// scoring the thirteenth); the fresh set's `fresh-holdout` half, never looked at reading by
/// reading, is the holdout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// The least score that files a link, in words: about this many distinctive words shared
    /// with a topic. A word's weight grows with the number of topics, so the floor is this
    /// many times the weight of a word only one topic has.
    pub floor_words: f32,
    /// How far the best topic must be ahead of the second to be trusted.
    pub margin: f32,
    /// Weight of the hints (a list's section heading), the note and the URL's path against
    /// the title's.
    pub hint_weight: f32,
    pub note_weight: f32,
    pub url_weight: f32,
    /// Weight of a match with a topic's title, keywords and id, on top of the full text's.
    pub head_weight: f32,
    /// How many times more often (as a natural log) the course must use a word than English
    /// for the word to be of the course's field (see `super::domain`).
    pub field_ratio: f32,
    /// Weight of the nearest course links' topics (their field words shared with the
    /// reading), in units of the floor, on top of the topics' BM25 scores.
    pub neighbour_weight: f32,
    /// Weight, in units of the floor, of a topic's name (a keyword or its id) found whole in
    /// the title: a curator's chosen words, so one distinctive name is enough evidence.
    pub title_name_weight: f32,
    /// The same for a name found in the list's section heading (see [`Names`]): strong
    /// context, counted only when the reading's own words are of the course's field.
    pub heading_name_weight: f32,
    /// The field weight (see `super::domain`) below which a one-word name names nothing.
    pub single_name_low: f32,
    /// The margin when the best topic is named by the reading and the second is not.
    pub named_margin: f32,
    /// Weight, in units of the floor, of a topic's specific name found only beside the
    /// title, in the address's path (see [`Query`]).
    pub aside_name_weight: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            floor_words: 3.5,
            margin: 1.35,
            hint_weight: 1.0,
            note_weight: 0.25,
            url_weight: 0.3,
            head_weight: 1.0,
            field_ratio: super::domain::FIELD_RATIO,
            neighbour_weight: 0.0,
            title_name_weight: 1.0,
            heading_name_weight: 0.5,
            single_name_low: SINGLE_NAME_LOW,
            named_margin: 1.0,
            aside_name_weight: 0.5,
        }
    }
}

/// Words of a URL that say nothing about its subject.
const URL_NOISE: &[&str] = &[
    "http", "https", "www", "com", "org", "net", "io", "html", "htm", "pdf", "php", "edu", "blog",
    "post", "posts", "index", "github", "blogspot", "en", "us", "pub", "pubs", "papers", "doi",
    "abs", "files", "wiki", "id", "cfm", "citation", "dl", "acm",
];

/// Venues and publication words: paper lists name them after every title, and they say
/// where a paper appeared, not what it is about. Numbers (years, pages) are dropped too.
const VENUE_WORDS: &[&str] = &[
    "podc",
    "sosp",
    "osdi",
    "nsdi",
    "jacm",
    "tocs",
    "cacm",
    "sigact",
    "sigmod",
    "sigops",
    "vldb",
    "eurosys",
    "atc",
    "usenix",
    "disc",
    "opodis",
    "srds",
    "dsn",
    "icdcs",
    "ipdps",
    "hotos",
    "tdsc",
    "csur",
    "tpds",
    "acm",
    "ieee",
    "proc",
    "proceedings",
    "conference",
    "symposium",
    "journal",
    "workshop",
    "wdag",
    "spaa",
    "stoc",
    "focs",
    "socc",
    "hotcloud",
    "middleware",
    "lncs",
    "springer",
    "arxiv",
    "preprint",
    "vol",
    "pp",
    "paper",
    "papers",
    "morning",
];

/// Whether `word` (lowercase) is one of [`VENUE_WORDS`]: asked of every word of every title,
/// note and heading of an import, so a set rather than a scan of the list.
fn is_venue(word: &str) -> bool {
    static VENUES: std::sync::LazyLock<foldhash::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| VENUE_WORDS.iter().copied().collect());
    // No venue word is longer: most words are, and need no hashing.
    word.len() <= 11 && VENUES.contains(word)
}

/// `text` without venue words and numbers (see [`VENUE_WORDS`]).
fn without_venues(text: &str) -> String {
    // Asked several times of every title of an import: one buffer for the word's core and
    // one for the result, not two strings a word.
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut kept = String::with_capacity(text.len());
    let mut core = String::new();
    for (i, w) in words.iter().enumerate() {
        core.clear();
        if w.is_ascii() {
            core.extend(
                w.bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            for c in w.chars().filter(|c| c.is_alphanumeric()) {
                core.extend(c.to_lowercase());
            }
        }
        // "ACM Transactions on Computer Systems": a journal's name, not its subject.
        let journal = *w == "Transactions"
            && words.get(i + 1) == Some(&"on")
            && words
                .get(i + 2)
                .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()));
        let keep = !core.is_empty()
            && !core.bytes().all(|b| b.is_ascii_digit())
            && !is_venue(&core)
            && !journal;
        if keep {
            if !kept.is_empty() {
                kept.push(' ');
            }
            kept.push_str(w);
        }
    }
    kept
}

/// The words of a candidate that the suggester weighs, by where they stand.
struct Query {
    title: Vec<String>,
    hints: Vec<String>,
    note: Vec<String>,
    url: Vec<String>,
    /// The topics' names found whole in the title, and in the section heading (these only
    /// when the reading's own title or note has a word of the field: a heading places a
    /// reading of the field, it does not make an essay on careers one).
    title_names: Vec<Found>,
    heading_names: Vec<Found>,
    /// The topics' specific or coined names in the address's path (`.../epaxos.pdf`), when
    /// the title names no topic specifically: the author's own name for the work, which the
    /// title ("There Is More Consensus in Egalitarian Parliaments") need not repeat.
    url_names: Vec<Found>,
}

impl Query {
    /// Why `s` was decided, for the curator: the field's words it rests on, and what kept a
    /// link out of every topic.
    fn explain(
        &self,
        s: &Suggestion,
        scored: &[(String, f32)],
        floor: f32,
        margin: f32,
    ) -> Vec<String> {
        let mut why = Vec::new();
        for (place, words) in [
            ("title", &self.title),
            ("heading", &self.hints),
            ("note", &self.note),
            ("address", &self.url),
        ] {
            if !words.is_empty() {
                why.push(format!("{place}: {}", words.join(", ")));
            }
        }
        if s.topic.is_none() {
            let best = scored.first().map_or(0.0, |b| b.1);
            let second = scored.get(1).map_or(0.0, |b| b.1);
            why.push(if best < floor {
                format!("too little evidence for any topic ({best:.1} < {floor:.1})")
            } else if best < margin * second {
                format!(
                    "{} and {} are too close to choose",
                    scored[0].0, scored[1].0
                )
            } else {
                "no word of the title or heading speaks for the best topic".to_string()
            });
        }
        why
    }
}

/// What the suggester says about one link.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestion {
    /// `None`: the inbox.
    pub topic: Option<String>,
    /// Other topics close behind the chosen one (two at most).
    pub also: Vec<String>,
    /// The three best topics with their scores, best first.
    pub candidates: Vec<(String, f32)>,
    /// What decided: the words shared with the chosen topic, or why none was chosen.
    pub why: Vec<String>,
    /// How much the title is of the course's field: the field weight of its most weighty
    /// word (see `super::domain`), infinite when it names a topic; 0 when it has neither.
    pub field_strength: f32,
    /// The title names the chosen topic specifically (a term of several words, a system's
    /// or a protocol's name), not only by words it shares with it.
    pub specific: bool,
}

/// Whether `title` says what the reading is in words of its own: three English words or
/// more. A link text such as "pdf", "slides" or one in another script leaves its list's
/// heading as the curator's only description; a title of its own that has no word of the
/// field ("Xen and the Art of Virtualization") says the reading is of another field.
fn worded(title: &str) -> bool {
    title
        .split(|ch: char| !ch.is_alphanumeric())
        .filter_map(super::domain::normal)
        .filter(|w| super::domain::in_english(w))
        .nth(2)
        .is_some()
}

/// The topics of a course as BM25 documents.
pub struct Suggester {
    /// BM25's tokens: English stemming and stop words.
    tokenizer: DefaultTokenizer,
    full: Index,
    /// The same topics described by their title, keywords and id alone: short documents
    /// whose every word was chosen, so a match there counts on top of the full text's.
    head: Index,
    ids: Vec<String>,
    params: Params,
    /// The least score that files a link (see [`Params::floor_words`]).
    floor: f32,
    /// Per topic: its own text, and `(link id, text)` of each link that speaks for it.
    heads: Vec<String>,
    links: Vec<Vec<(String, String)>>,
    /// The words of the course's field: only they may file a link.
    field: Field,
    /// Each course link as its field words, weighted and of unit length, with its topic.
    neighbours: Vec<(usize, Vec<(String, f32)>)>,
    /// The topics' names (keywords and ids) as phrases.
    names: Names,
    /// BM25's tokens of each word a query has had (see [`Suggester::tokens`]).
    stems: std::sync::Mutex<foldhash::HashMap<String, Vec<String>>>,
}

/// BM25 over the topics (k1 = 1.2, b = 0.75, as the `bm25` crate scores), precomputed: every
/// token's score in each topic that has it, so a reading costs one look-up per token of its
/// own, however large the course.
struct Index {
    /// Per topic: how many times it has each token, and how many tokens it has.
    counts: Vec<HashMap<String, u32>>,
    lens: Vec<u32>,
    /// The mean length of the topics when the index was made (kept when a topic changes,
    /// as a fitted embedder keeps it).
    avgdl: f32,
    /// Per token: `(topic, idf * saturated frequency)` for each topic that has it.
    postings: foldhash::HashMap<String, Vec<(usize, f32)>>,
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

impl Index {
    fn new(tokenizer: &DefaultTokenizer, texts: &[String]) -> Index {
        let mut index = Index {
            counts: Vec::new(),
            lens: Vec::new(),
            avgdl: 0.0,
            postings: foldhash::HashMap::default(),
        };
        for text in texts {
            let (counts, len) = Self::count(tokenizer, text);
            index.counts.push(counts);
            index.lens.push(len);
        }
        let total: u64 = index.lens.iter().map(|&l| u64::from(l)).sum();
        index.avgdl = if texts.is_empty() {
            256.0
        } else {
            (total as f64 / texts.len() as f64) as f32
        };
        index.post();
        index
    }

    fn count(tokenizer: &DefaultTokenizer, text: &str) -> (HashMap<String, u32>, u32) {
        let tokens = tokenizer.tokenize(text);
        let len = tokens.len() as u32;
        let mut counts: HashMap<String, u32> = HashMap::new();
        for t in tokens {
            *counts.entry(t).or_default() += 1;
        }
        (counts, len)
    }

    /// Topic `i` described by `text` from now on (leave-one-out).
    fn replace(&mut self, tokenizer: &DefaultTokenizer, i: usize, text: &str) {
        let (counts, len) = Self::count(tokenizer, text);
        self.counts[i] = counts;
        self.lens[i] = len;
        self.post();
    }

    /// The postings from the counts.
    fn post(&mut self) {
        let n = self.counts.len() as f32;
        let mut docs: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, counts) in self.counts.iter().enumerate() {
            for token in counts.keys() {
                docs.entry(token.as_str()).or_default().push(i);
            }
        }
        // Looked up for every token of every reading: a fast hash.
        let mut postings =
            foldhash::HashMap::with_capacity_and_hasher(docs.len(), Default::default());
        for (token, topics) in docs {
            let df = topics.len() as f32;
            let idf = (1f32 + (n - df + 0.5) / (df + 0.5)).ln();
            let list = topics
                .into_iter()
                .map(|i| {
                    let tf = self.counts[i][token] as f32;
                    let norm = 1.0 - B + B * (self.lens[i] as f32 / self.avgdl);
                    (i, idf * (tf * (K1 + 1.0) / (tf + K1 * norm)))
                })
                .collect();
            postings.insert(token.to_string(), list);
        }
        self.postings = postings;
    }

    /// Adds each topic's BM25 score for `tokens` (each occurrence counts) to `scores`.
    fn score(&self, tokens: &[String], scores: &mut [f32]) {
        for t in tokens {
            if let Some(list) = self.postings.get(t) {
                for &(i, s) in list {
                    scores[i] += s;
                }
            }
        }
    }
}

/// The names of the topics: each keyword and each id (`state-machine-replication`) as a
/// phrase of stemmed tokens (stop words out), with the topics that bear it and how telling it
/// is. A keyword is a curator's choice of words: "replicated data types" in a title says more
/// than the same three words scattered, and "data" or "types" alone say nothing. A one-word
/// name counts only when the word is the course field's own (see `super::domain`): "scale"
/// and "load" name a topic but are everybody's words.
struct Names {
    phrases: Vec<Name>,
    /// First token -> the phrases that start with it.
    by_first: foldhash::HashMap<String, Vec<usize>>,
    /// Every word of every name: what a text's "totally ordered" is read as ("total order").
    vocabulary: foldhash::HashSet<String>,
    /// The one-word names of four letters or more (those a compound ends with), by their
    /// word, and the lengths of those words: a token is looked up by each of its endings of
    /// such a length, not compared with every name.
    endings: foldhash::HashMap<String, Vec<usize>>,
    ending_lengths: Vec<usize>,
    /// One-word keywords that are plain English ("orleans", "calvin", "emerald"), by their
    /// token: never found in running text, but the name of a system when a title leads with
    /// it, capitalised, before a subtitle (see [`Suggester::query`]).
    plain: foldhash::HashMap<String, usize>,
}

struct Name {
    /// As the curator wrote it (the first spelling met), for `why`.
    text: String,
    tokens: Vec<String>,
    topics: Vec<usize>,
    /// Per topic of `topics`: how much the name speaks for it, 1 for the one whose text
    /// uses it most.
    shares: Vec<f32>,
    /// Most topics' texts use it: the field's own name, which places nothing.
    common: bool,
    /// In (0, 1]: 1 for a phrase that only one topic's text uses; less the more topics'
    /// texts use it (BM25's idf, scaled), so "distributed systems" tells little.
    weight: f32,
    /// Names what it names on its own, out of any context: a term of several words, one of
    /// them the field's own, that points at its topics ("consistent hashing", "two-phase
    /// commit"), or one word that is the field's through and through ("paxos", "raft"),
    /// not a word a topic shares with everyday engineering ("testing", "transactions",
    /// "orchestration", "awesome list"). What a reading of a list mostly outside the field
    /// must carry to be filed (see `super::decide`).
    specific: bool,
    /// One word English does not have ("epaxos", "bigtable"): a system's or a protocol's
    /// coined name.
    coined: bool,
}

/// A name found in a text: which, and where (token span).
#[derive(Clone, Copy)]
struct Found {
    name: usize,
    start: usize,
    len: usize,
    /// The name is the whole text ("Gossip" as a heading): then it is chosen words however
    /// plain, and counts fully.
    whole: bool,
    /// The field's own name ("distributed systems") as the subject of a course or a lecture
    /// series ("MIT 6.824: Distributed Systems"): a course on the whole field, so the name
    /// counts fully for the topic that bears it (see [`teaches`]).
    course: bool,
}

/// The words names are matched on: lowercase, plural `s` off (see `super::domain::normal`),
/// a few joining words out, and no stemming: a stemmer makes "Paxos Made Live" say
/// "liveness" and "operation-based" say "operations".
fn name_tokens(text: &str) -> Vec<String> {
    super::domain::words(text)
        .filter(|w| !NAME_GLUE.contains(&w.as_str()))
        .collect()
}

/// Words that join a name's words without being part of what it names.
const NAME_GLUE: &[&str] = &["and", "the", "for", "with", "from"];

/// A one-word name's field weight (see `super::domain`) below which it names nothing, and
/// above which by this much it names its topic fully.
const SINGLE_NAME_LOW: f32 = 5.0;
const SINGLE_NAME_SPAN: f32 = 3.0;

/// A name points fully at its topics when this share of the course's uses of it is
/// theirs (see [`Names::new`]).
const CONCENTRATED: f32 = 2.0;

/// Below this share of the course's uses of it (see [`Names::new`]), a name most topics use
/// belongs to no topic in particular.
const SPREAD: f32 = 0.4;

/// The least weight (see [`Name::weight`]) at which a name of several words is specific:
/// most of the course's uses of it are its topics'.
const SPECIFIC_WEIGHT: f32 = 0.5;
/// How far above [`SINGLE_NAME_LOW`] a one-word name's field weight must be for it to be
/// specific: "paxos", "raft", "byzantine", "crdt" are; "quorum", "replication", "gossip",
/// and words English hardly has but any engineer says ("orchestration") are not.
const SPECIFIC_SINGLE: f32 = 2.0;
/// The field weight one word of a name of several words must have for the name to be
/// specific: "two-phase commit", "consistent hashing" are; "awesome list" is not.
const SPECIFIC_WORD: f32 = 4.5;

/// The longest phrase a name can have, in tokens (longer ones are cut off from matching).
const NAME_TOKENS: usize = 5;

impl Names {
    fn new(course: &Course, field: &Field, full_texts: &[String], single_low: f32) -> Names {
        let mut phrases: Vec<Name> = Vec::new();
        let mut index: HashMap<Vec<String>, usize> = HashMap::new();
        // Phrases kept only for `plain`: matched by no text.
        let mut plain_at: Vec<usize> = Vec::new();
        for (i, t) in course.topics.iter().enumerate() {
            let id = t.id.replace('-', " ");
            for text in t.keywords.iter().map(String::as_str).chain([id.as_str()]) {
                let tokens = name_tokens(text);
                if tokens.is_empty() || tokens.len() > NAME_TOKENS {
                    continue;
                }
                // A name of several words that matching cuts to one ("distributed ml", whose
                // "ml" is too short to be a word) is not that one word: it names nothing.
                let written = text
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty() && !NAME_GLUE.contains(&w.to_lowercase().as_str()))
                    .count();
                if tokens.len() == 1 && written > 1 {
                    continue;
                }
                // A name must hold a word of the field; one plain word names nothing. A
                // compound of plain words coined with a hyphen ("local-first") is a term of
                // its own, however plain its words.
                let owned = super::domain::words(text).filter(|w| field.owns(w)).count();
                let coined = tokens.len() >= 2 && text.contains('-');
                let plain = owned == 0 && !coined;
                if plain && tokens.len() > 1 {
                    continue;
                }
                let known = index.contains_key(&tokens);
                let at = *index.entry(tokens.clone()).or_insert_with(|| {
                    phrases.push(Name {
                        text: text.to_string(),
                        tokens,
                        topics: Vec::new(),
                        shares: Vec::new(),
                        common: false,
                        weight: 1.0,
                        specific: false,
                        coined: false,
                    });
                    phrases.len() - 1
                });
                if !phrases[at].topics.contains(&i) {
                    phrases[at].topics.push(i);
                }
                if plain && !known {
                    plain_at.push(at);
                }
            }
        }
        // How many topics' texts use each phrase (its tokens in a row).
        let grams: Vec<HashMap<String, u32>> = full_texts
            .iter()
            .map(|text| {
                let tokens = name_tokens(text);
                let mut counts: HashMap<String, u32> = HashMap::new();
                for n in 1..=NAME_TOKENS {
                    for w in tokens.windows(n) {
                        *counts.entry(w.join(" ")).or_default() += 1;
                    }
                }
                counts
            })
            .collect();
        let n = full_texts.len().max(1);
        for p in &mut phrases {
            let key = p.tokens.join(" ");
            let df = grams.iter().filter(|g| g.contains_key(&key)).count();
            // A name two topics bear speaks most for the one whose text uses it most
            // ("crdt": replicated data types, then programming models).
            let uses: Vec<f32> = p
                .topics
                .iter()
                .map(|&t| 1.0 + grams[t].get(&key).copied().unwrap_or(0) as f32)
                .collect();
            let most = uses.iter().copied().fold(1f32, f32::max);
            p.shares = uses.iter().map(|u| u / most).collect();
            // How much of the course's use of the name falls in the topics that bear it:
            // "state machine" is a TLA+ keyword, but the course says it mostly about
            // replication, so it points at TLA+ only weakly.
            let all: f32 = grams
                .iter()
                .map(|g| g.get(&key).copied().unwrap_or(0) as f32)
                .sum();
            let concentration = (uses.iter().sum::<f32>() / (all + uses.len() as f32)).min(1.0);
            // A phrase most topics use, and none much more than the rest, is the field's own
            // name ("distributed systems"): it says the reading is of the field, not where in
            // it. A topic's name that other topics cite ("paxos", "raft": most of the course
            // mentions them, but the most by far in their own topic) still names it.
            // A topic's own id ("transactions", "raft") is the curator's name for it: it
            // names it fully, whoever else cites it and however much English uses it.
            let own = p
                .topics
                .iter()
                .any(|&t| name_tokens(&course.topics[t].id.replace('-', " ")) == p.tokens);
            p.common = !own && 3 * df >= n && concentration < SPREAD;
            let common = if p.common { 0.0 } else { 1.0 };
            // One word names a topic only as much as it is the field's own: "paxos" fully,
            // "gossip" or "lease" a little, "scale" not at all.
            // A one-word keyword English does not have ("bigtable", "epaxos", "hotstuff")
            // is a coined name: a system's or a protocol's, which the curator chose for the
            // topic, so it names it fully however rarely the course's own text says it.
            let coined_word = p.tokens.len() == 1
                && super::domain::words(&p.text).all(|w| !super::domain::in_english(&w));
            let single = if own || coined_word {
                1.0
            } else if p.tokens.len() == 1 {
                let strength = super::domain::words(&p.text)
                    .filter_map(|w| field.weight(&w))
                    .fold(0f32, f32::max);
                ((strength - single_low) / SINGLE_NAME_SPAN).clamp(0.0, 1.0)
            } else {
                1.0
            };
            let pointed = if own {
                1.0
            } else {
                (CONCENTRATED * concentration).min(1.0)
            };
            p.weight = common * single * pointed;
            p.coined = coined_word && !p.common;
            let strength = super::domain::words(&p.text)
                .filter_map(|w| field.weight(&w))
                .fold(0f32, f32::max);
            p.specific = !p.common
                && if p.tokens.len() == 1 {
                    strength >= single_low + SPECIFIC_SINGLE
                } else {
                    p.weight >= SPECIFIC_WEIGHT && strength >= SPECIFIC_WORD
                };
        }
        // Looked up for every word of every title: fast hashes.
        let mut by_first: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
        for (at, p) in phrases.iter().enumerate() {
            if plain_at.contains(&at) {
                continue;
            }
            by_first.entry(p.tokens[0].clone()).or_default().push(at);
        }
        let vocabulary = phrases
            .iter()
            .enumerate()
            .filter(|(at, _)| !plain_at.contains(at))
            .flat_map(|(_, p)| p.tokens.clone())
            .collect();
        let mut endings: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
        for (at, p) in phrases.iter().enumerate() {
            if plain_at.contains(&at) {
                continue;
            }
            if p.tokens.len() == 1 && p.tokens[0].len() >= 4 {
                endings.entry(p.tokens[0].clone()).or_default().push(at);
            }
        }
        let mut ending_lengths: Vec<usize> = endings.keys().map(String::len).collect();
        ending_lengths.sort_unstable();
        ending_lengths.dedup();
        let plain = plain_at
            .iter()
            .map(|&at| (phrases[at].tokens[0].clone(), at))
            .collect();
        Names {
            phrases,
            by_first,
            vocabulary,
            endings,
            ending_lengths,
            plain,
        }
    }

    /// The names in `tokens`; a name inside a longer one found at the same place does not
    /// count ("distributed systems" inside "testing distributed systems"). A compound such
    /// as "CASPaxos" or "MultiPaxos" holds the name it ends with.
    fn find(&self, tokens: &[String]) -> Vec<Found> {
        // Every title and heading of an import: the tokens are borrowed unless cut.
        let tokens: Vec<&str> = tokens.iter().map(|t| self.base(t)).collect();
        let tokens = tokens.as_slice();
        let mut found: Vec<Found> = Vec::new();
        for start in 0..tokens.len() {
            if let Some(list) = self.by_first.get(tokens[start]) {
                for &name in list {
                    let p = &self.phrases[name].tokens;
                    if tokens.len() - start >= p.len()
                        && p.iter().zip(&tokens[start..]).all(|(a, b)| a == b)
                    {
                        found.push(Found {
                            name,
                            start,
                            len: p.len(),
                            whole: p.len() == tokens.len(),
                            course: false,
                        });
                    }
                }
            } else {
                let t = tokens[start];
                let mut names: Vec<usize> = self
                    .ending_lengths
                    .iter()
                    .take_while(|&&len| len < t.len())
                    .filter(|&&len| t.is_char_boundary(t.len() - len))
                    .filter_map(|&len| self.endings.get(&t[t.len() - len..]))
                    .flatten()
                    .copied()
                    .collect();
                // In the names' order, as they are reported.
                names.sort_unstable();
                for name in names {
                    found.push(Found {
                        name,
                        start,
                        len: 1,
                        whole: false,
                        course: false,
                    });
                }
            }
        }
        let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.len)).collect();
        found.retain(|f| {
            !spans
                .iter()
                .any(|&(s, l)| l > f.len && s <= f.start && f.start + f.len <= s + l)
        });
        found
    }

    /// `word` as a name spells it when it is a name's word with `-ly`, `-ed` or `-d` added
    /// ("totally ordered broadcast" names "total order broadcast", "replicated" stays
    /// itself): the few endings that turn a noun phrase into a description of it. Nothing
    /// else is cut: no stemmer ("Paxos Made Live" is not about liveness).
    fn base<'a>(&self, word: &'a str) -> &'a str {
        if !self.vocabulary.contains(word) {
            for ending in ["ly", "ed", "d"] {
                if let Some(stem) = word.strip_suffix(ending) {
                    if stem.len() >= 4 && self.vocabulary.contains(stem) {
                        return stem;
                    }
                }
            }
        }
        word
    }

    /// Adds `weight` times each found name's weight to the topics that bear it.
    fn score(&self, found: &[Found], weight: f32, scores: &mut [f32]) {
        for f in found {
            let p = &self.phrases[f.name];
            let strength = if f.course || (f.whole && !p.common) {
                1.0
            } else {
                p.weight
            };
            for (&t, share) in p.topics.iter().zip(&p.shares) {
                scores[t] += weight * strength * share;
            }
        }
    }

    /// Whether any of `found` speaks for a topic at all: a topic's name in a title makes
    /// the reading one of the course's field, whatever its other words.
    fn weighty(&self, found: &[Found]) -> bool {
        found.iter().any(|f| {
            let p = &self.phrases[f.name];
            p.weight > 0.0 || f.course || (f.whole && !p.common)
        })
    }

    /// Whether one of `found` names topic `t` specifically (see [`Name::specific`]): a
    /// system's name before a subtitle ("Chord: ...") does too.
    fn specific(&self, found: &[Found], t: usize) -> bool {
        found.iter().any(|f| {
            let p = &self.phrases[f.name];
            p.topics.contains(&t) && (p.specific || (f.whole && !p.common))
        })
    }

    /// The found names that speak for topic `t`, as written in the course.
    fn of_topic(&self, found: &[Found], t: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in found {
            let p = &self.phrases[f.name];
            if p.topics.contains(&t) && !out.contains(&p.text) {
                out.push(p.text.clone());
            }
        }
        out
    }
}

/// The words of a name that is only a quality every system of the field claims ("highly
/// available", "high availability"), as name tokens spell them: "highly available
/// transactions" is a term, and names its topic.
const QUALITY: &[&str] = &["high", "highly", "available", "availability"];

/// Words that say a reading is about more than one machine (as `super::domain::normal`
/// spells them): what an everyday name of one machine's systems needs beside it to name a
/// topic (see [`Suggester::query`]).
const DISTRIBUTION: &[&str] = &[
    "distributed",
    "distribution",
    "replicated",
    "replication",
    "replica",
    "geo",
    "cluster",
    "datacenter",
    "decentralized",
    "peer",
    "p2p",
    "consensus",
    "partitioned",
    "partition",
    "wide",
    "wan",
    "global",
    "globally",
    "cloud",
    "federated",
    "multi",
    "service",
    "microservice",
    "network",
    "networked",
    "scalable",
    "sharded",
    "shard",
    "node",
];

/// Words of names that one machine's systems say as often as the course does ("file
/// system", "high availability"), as `super::domain::normal` spells them.
const ONE_MACHINE: &[&str] = &["file", "availability"];

/// Whether `c` is a product's or a site's home page, which names a system but is not a
/// reading: a title of a word or two (a parenthesis and "Apache" aside) at the root of a site
/// ("Apache ZooKeeper" at `zookeeper.apache.org`). A reading at a site's root ("Flexible
/// Paxos: Quorum intersection revisited") has a title of its own.
pub(crate) fn home_page(c: &Candidate) -> bool {
    let Ok(u) = url::Url::parse(&c.url) else {
        return false;
    };
    if !u.path().trim_matches('/').is_empty() || u.query().is_some() {
        return false;
    }
    let mut title = String::new();
    let mut depth = 0;
    for ch in c.title.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => title.push(ch),
            _ => {}
        }
    }
    let n = name_tokens(&title)
        .into_iter()
        .filter(|w| w != "apache")
        .count();
    (1..=2).contains(&n)
}

/// Words that make a title a course's or a lecture series'.
const TEACHING: &[&str] = &[
    "course", "courses", "lecture", "lectures", "class", "syllabus", "mooc",
];

/// Whether `title` is a course's or lectures' ("MIT 6.824: Distributed Systems", "CS 525:
/// Advanced Distributed Systems", "Distributed Systems lecture series"): it has a teaching
/// word or a course number (`6.824`, `15-440`, `CS 525`, `CSE552`).
fn teaches(title: &str) -> bool {
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let code = |i: usize, w: &str| {
        // 6.824, 15-440, 6.5840: a short number, a dot or a dash, and a longer one (not a
        // version, "2.0", nor a date, "2019-03").
        let joined = w.split_once(['.', '-']).is_some_and(|(a, b)| {
            digits(a) && digits(b) && a.len() <= 2 && (3..=4).contains(&b.len())
        });
        // CSE552, CS525: a department's letters and a three-digit number.
        let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
        let glued = (2..=5).contains(&letters.len())
            && letters.bytes().all(|b| b.is_ascii_uppercase())
            && w.len() - letters.len() == 3;
        // CS 525, CSEP 552: the same, apart.
        let apart = w.len() == 3
            && digits(w)
            && i > 0
            && (2..=5).contains(&words[i - 1].len())
            && words[i - 1].bytes().all(|b| b.is_ascii_uppercase());
        joined || glued || apart
    };
    words
        .iter()
        .enumerate()
        .any(|(i, w)| code(i, w) || TEACHING.contains(&w.to_lowercase().as_str()))
}

/// An address's path as [`teaches`] reads it: its segments as words, without a DOI's
/// registrant prefix (`10.1145`), which is shaped like a course's number (`6.824`).
fn course_path(path: &str) -> String {
    path.split('/')
        .filter(|seg| !seg.starts_with("10."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many topics a suggestion looks at: the best, and two behind it.
const TOP: usize = 3;

/// How many of the nearest course links vote for their topics.
const NEIGHBOURS: usize = 3;

/// A text's field words, weighted by how much they are the field's, summed over `parts`
/// (text, weight) and scaled to unit length; sorted by word.
fn field_vector(field: &Field, parts: &[(&str, f32)]) -> Vec<(String, f32)> {
    let mut v: std::collections::BTreeMap<String, f32> = std::collections::BTreeMap::new();
    for (text, weight) in parts {
        for w in super::domain::words(text) {
            if field.owns(&w) {
                let strength = field.weight(&w).unwrap_or(0.0);
                *v.entry(w).or_default() += weight * strength;
            }
        }
    }
    let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        return Vec::new();
    }
    v.into_iter().map(|(w, x)| (w, x / norm)).collect()
}

fn dot(a: &[(String, f32)], b: &[(String, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn link_text(title: &str, note: Option<&str>) -> String {
    format!("{title}. {}", note.unwrap_or(""))
}

impl Suggester {
    pub fn new(course: &Course) -> Self {
        Self::with_params(course, Params::default())
    }

    pub fn with_params(course: &Course, params: Params) -> Self {
        let ids: Vec<String> = course.topics.iter().map(|t| t.id.to_string()).collect();
        let names: Vec<String> = course
            .topics
            .iter()
            .map(|t| {
                format!(
                    "{}. {}. {}",
                    t.title,
                    t.keywords.join(". "),
                    t.id.replace('-', " ")
                )
            })
            .collect();
        let heads: Vec<String> = course
            .topics
            .iter()
            .zip(&names)
            .map(|(t, name)| format!("{name}. {}", t.summary))
            .collect();
        let mut links: Vec<Vec<(String, String)>> = vec![Vec::new(); ids.len()];
        for (i, t) in course.topics.iter().enumerate() {
            for l in &t.links {
                links[i].push((l.id.to_string(), link_text(&l.title, l.note.as_deref())));
                for also in &l.also {
                    if let Ok(j) = ids.binary_search_by(|id| id.as_str().cmp(&also.id)) {
                        links[j].push((l.id.to_string(), l.title.clone()));
                    }
                }
            }
        }
        let texts: Vec<String> = (0..ids.len())
            .map(|i| Self::compose(&heads[i], &links[i], None))
            .collect();
        let tokenizer = DefaultTokenizer::new(Language::English);
        let full = Index::new(&tokenizer, &texts);
        let head = Index::new(&tokenizer, &names);
        let field = Field::learn(
            course
                .topics
                .iter()
                .flat_map(|t| {
                    let head = [(t.title.as_str(), 3), (t.summary.as_str(), 1)];
                    let keywords = t.keywords.iter().map(|k| (k.as_str(), 3));
                    let links = t.links.iter().flat_map(|l| {
                        [(l.title.as_str(), 2), (l.note.as_deref().unwrap_or(""), 1)]
                    });
                    head.into_iter().chain(keywords).chain(links)
                })
                .chain(course.inbox.iter().map(|l| (l.title.as_str(), 1))),
            params.field_ratio,
        );
        let neighbours = course
            .topics
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                let field = &field;
                t.links.iter().map(move |l| {
                    let note = l.note.as_deref().unwrap_or("");
                    (i, field_vector(field, &[(&l.title, 1.0), (note, 0.5)]))
                })
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        // BM25's idf of a word that one topic of n has.
        let n = ids.len() as f32;
        let floor = params.floor_words * (1.0 + (n - 1.0 + 0.5) / 1.5).ln();
        let names = Names::new(course, &field, &texts, params.single_name_low);
        Suggester {
            names,
            params,
            floor,
            tokenizer,
            full,
            head,
            ids,
            heads,
            links,
            field,
            neighbours,
            stems: std::sync::Mutex::default(),
        }
    }

    /// BM25's tokens of `words`, as the tokenizer makes them of the words joined by spaces.
    /// The tokenizer works word by word (it transliterates to ASCII, where a space always
    /// splits), so each word's tokens are kept rather than stemmed again for every reading:
    /// a query's words are all the course field's (see [`Field::words_in`]), so the table is
    /// no larger than the field's vocabulary.
    fn tokens(&self, words: &[String]) -> Vec<String> {
        let mut stems = self
            .stems
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut tokens = Vec::with_capacity(words.len());
        for w in words {
            if let Some(known) = stems.get(w.as_str()) {
                tokens.extend(known.iter().cloned());
            } else {
                let own = self.tokenizer.tokenize(w);
                tokens.extend(own.iter().cloned());
                stems.insert(w.clone(), own);
            }
        }
        tokens
    }

    /// Per topic: the similarity of `c` to the nearest course links filed there.
    fn neighbour_scores(&self, c: &Candidate) -> Vec<f32> {
        let mut scores = vec![0.0; self.ids.len()];
        if self.params.neighbour_weight == 0.0 {
            return scores;
        }
        let hints = c.hints.join(". ");
        let v = field_vector(
            &self.field,
            &[
                (&without_venues(&c.title), 1.0),
                (&without_venues(&hints), self.params.hint_weight),
                (
                    &without_venues(c.note.as_deref().unwrap_or("")),
                    self.params.note_weight,
                ),
            ],
        );
        if v.is_empty() {
            return scores;
        }
        let mut near: Vec<(f32, usize)> = self
            .neighbours
            .iter()
            .map(|(topic, u)| (dot(&v, u), *topic))
            .filter(|(sim, _)| *sim > 0.0)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (sim, topic) in near.into_iter().take(NEIGHBOURS) {
            scores[topic] += sim;
        }
        scores
    }

    fn compose(head: &str, links: &[(String, String)], without: Option<&str>) -> String {
        let mut text = head.to_string();
        for (id, t) in links {
            if Some(id.as_str()) != without {
                text.push_str(". ");
                text.push_str(t);
            }
        }
        text
    }

    /// The three best topics' scores for `c` (whose query is `q`), best first; equal scores in
    /// id order (only for display: [`Suggester::decide`] sends a tie to the inbox); with, for
    /// each, the part that came from the title and hints alone.
    fn scored(&self, c: &Candidate, q: &Query) -> Vec<(String, f32, f32, f32)> {
        let n = self.ids.len();
        let weights = [
            1.0,
            self.params.hint_weight,
            self.params.note_weight,
            self.params.url_weight,
        ];
        // Per place, per topic: its score against the full text and against the heads.
        let mut parts = [0f32; 4].map(|_| vec![0f32; n]);
        let (mut full, mut head) = (vec![0f32; n], vec![0f32; n]);
        for (p, words) in [&q.title, &q.hints, &q.note, &q.url]
            .into_iter()
            .enumerate()
        {
            if words.is_empty() {
                continue;
            }
            let tokens = self.tokens(words);
            full.fill(0.0);
            head.fill(0.0);
            self.full.score(&tokens, &mut full);
            self.head.score(&tokens, &mut head);
            for ((out, f), h) in parts[p].iter_mut().zip(&full).zip(&head) {
                *out = weights[p] * (f + self.params.head_weight * h);
            }
        }
        let near = self.neighbour_scores(c);
        // The topics' names, in units of the floor: one distinctive name files a reading.
        let mut named = vec![0f32; n];
        let unit = self.floor;
        self.names.score(
            &q.title_names,
            unit * self.params.title_name_weight,
            &mut named,
        );
        self.names.score(
            &q.heading_names,
            unit * self.params.heading_name_weight,
            &mut named,
        );
        self.names.score(
            &q.url_names,
            unit * self.params.aside_name_weight,
            &mut named,
        );
        let total = |i: usize| {
            let neighbours = self.params.neighbour_weight * self.floor * near[i];
            parts.iter().map(|p| p[i]).sum::<f32>() + neighbours + named[i]
        };
        // The best three in one pass: all that deciding and explaining look at (a topic
        // behind the third can be neither chosen nor `also`), without sorting every topic.
        let mut top: Vec<(usize, f32)> = Vec::with_capacity(TOP + 1);
        for i in 0..n {
            let s = total(i);
            let at = top
                .iter()
                .position(|&(j, t)| s > t || (s == t && self.ids[i] < self.ids[j]))
                .unwrap_or(top.len());
            if at < TOP {
                top.insert(at, (i, s));
                top.truncate(TOP);
            }
        }
        top.into_iter()
            .map(|(i, s)| {
                let titled = parts[0][i] + parts[1][i] + named[i];
                (self.ids[i].clone(), s, titled, named[i])
            })
            .collect()
    }

    /// What of `c` speaks for a topic: the words of the course's field in its title, hints,
    /// note and URL path. The words of the site's name never count: a blog's name would pull
    /// every post of it toward the topic that holds one.
    fn query(&self, c: &Candidate) -> Query {
        let parsed = url::Url::parse(&c.url).ok();
        let host: Vec<String> = parsed
            .as_ref()
            .and_then(|u| u.host_str())
            .map(|h| super::domain::words(h).collect())
            .unwrap_or_default();
        let bare_words = |bare: &str| -> Vec<String> {
            self.field
                .words_in(bare)
                .into_iter()
                .filter(|w| !host.contains(w))
                .collect()
        };
        let field_words = |text: &str| bare_words(&without_venues(text));
        let path = parsed.as_ref().map_or("", |u| u.path());
        let path_words: Vec<&str> = path
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !URL_NOISE.iter().any(|n| n.eq_ignore_ascii_case(w)))
            .collect();
        let mut url_words = field_words(&path_words.join(" "));
        // A link text in another script ("拜占庭容错") or only the site's name ("Wikipedia")
        // says nothing the course can read; the address's path is the reading's name.
        let site_name = {
            let mut w = super::domain::words(&c.title).peekable();
            w.peek().is_some() && w.all(|w| host.contains(&w))
        };
        // A link text in another script whose few Latin words name no word of the field
        // ("这个 Wikipedia 词条", "Lampson 的论文": a site's or an author's name in a
        // sentence of another language) is as mute as one with none.
        let foreign = c
            .title
            .chars()
            .any(|ch| ch.is_alphabetic() && u32::from(ch) > 0x024F)
            && bare_words(&without_venues(&c.title)).is_empty()
            && self
                .names
                .find(&name_tokens(&without_venues(&c.title)))
                .is_empty();
        let mute = !c.title.chars().any(|ch| ch.is_ascii_alphabetic()) || site_name || foreign;
        let bare_title = if mute {
            url_words.clear();
            without_venues(&path_words.join(" "))
        } else {
            without_venues(&c.title)
        };
        let title = bare_words(&bare_title);
        let note = field_words(c.note.as_deref().unwrap_or(""));
        let mut title_names = self.names.find(&name_tokens(&bare_title));
        // A title that is only a name ("Metadata") is a vague link text, not a choice. But a
        // one-word name before a subtitle ("Chord: A Scalable Peer-to-peer Lookup Service",
        // "Orleans: Cloud Computing for Everyone") is the name of the system the paper is
        // about, however plain a word it is in English: it names its topic fully.
        let main = c
            .title
            .split_once(": ")
            .map(|(main, _)| name_tokens(&without_venues(main)))
            .filter(|main| main.len() == 1);
        let system = main.is_some();
        for f in &mut title_names {
            f.whole = system && f.start == 0 && f.len == 1;
        }
        // A name one machine's systems say as often ("file system", "high availability")
        // names the course's topic only where the reading is about more than one machine: a
        // word of distribution beside it in the title or the note. "A Fast File System for
        // UNIX" is an operating system's; "Ceph: A Scalable, High-Performance Distributed
        // File System" is the course's.
        let distributed =
            |text: &str| super::domain::words(text).any(|w| DISTRIBUTION.contains(&w.as_str()));
        if !distributed(&bare_title) && !distributed(c.note.as_deref().unwrap_or("")) {
            title_names.retain(|f| {
                let p = &self.names.phrases[f.name];
                f.whole
                    || p.specific
                    || p.coined
                    || !p.tokens.iter().any(|w| ONE_MACHINE.contains(&w.as_str()))
            });
        }
        // A quality every system of the field claims ("Highly Available Storage for
        // Interactive Services") says what a reading's system is, not which topic it is
        // about: it names nothing (a term that holds it, "highly available transactions",
        // still names its topic).
        title_names.retain(|f| {
            f.whole
                || !self.names.phrases[f.name]
                    .tokens
                    .iter()
                    .all(|w| QUALITY.contains(&w.as_str()))
        });
        // A topic's keyword that English has too ("Orleans", "Calvin") is the system's name
        // only where a title gives it as one: capitalised, alone before the subtitle.
        let capitalised = c
            .title
            .trim_start()
            .starts_with(|ch: char| ch.is_uppercase());
        if let Some(&name) = main
            .as_ref()
            .filter(|_| capitalised && !title_names.iter().any(|f| f.start == 0))
            .and_then(|m| self.names.plain.get(&m[0]))
        {
            title_names.insert(
                0,
                Found {
                    name,
                    start: 0,
                    len: 1,
                    whole: true,
                    course: false,
                },
            );
        }
        // A title whose only names are the field's own, of a course or of lectures ("MIT
        // 6.824: Distributed Systems", or "Distributed Systems - MIT" at `.../6.824/2015/`:
        // the course's number in the address), is a course on the whole field: the name
        // counts for the topic that bears it, as it does not in "Debugging Distributed
        // Systems".
        if !title_names.is_empty()
            && title_names
                .iter()
                .all(|f| self.names.phrases[f.name].common)
            && (teaches(&c.title) || teaches(&course_path(path)))
        {
            for f in &mut title_names {
                f.course = true;
            }
        }
        // The address's own name for the work (`.../epaxos.pdf`, `.../zab.pdf`), when the
        // title names no topic specifically (a general name, "consensus", leaves room): only
        // specific or coined names, which a path holds by choice, not by chance ("system",
        // "notes"). Not the note's: a course's or a list's note is a commentary that names
        // the neighbouring topics too ("the first state machine replication").
        let telling = |f: &Found| {
            let p = &self.names.phrases[f.name];
            p.specific || p.coined
        };
        let title_tells = title_names.iter().any(|f| f.whole || telling(f));
        let aside = |text: &str| -> Vec<Found> {
            if title_tells {
                return Vec::new();
            }
            self.names
                .find(&name_tokens(&without_venues(text)))
                .into_iter()
                .filter(telling)
                .collect()
        };
        let url_names = aside(&path_words.join(" "));
        let mut heading_names: Vec<Found> = if title.is_empty() && note.is_empty() {
            Vec::new()
        } else {
            c.hints
                .iter()
                .flat_map(|h| self.names.find(&name_tokens(&without_venues(h))))
                .collect()
        };
        if !title_names.is_empty() {
            // The title's own names come first: a broad heading ("Consensus and fault
            // tolerance") may back them, never outvote them.
            let named: Vec<usize> = title_names
                .iter()
                .flat_map(|f| self.names.phrases[f.name].topics.iter().copied())
                .collect();
            heading_names.retain(|f| {
                self.names.phrases[f.name]
                    .topics
                    .iter()
                    .any(|t| named.contains(t))
            });
        }
        Query {
            title,
            hints: field_words(&c.hints.join(". ")),
            note,
            url: url_words,
            title_names,
            heading_names,
            url_names,
        }
    }

    /// Whether the title of `c` has a word of the course's field (see `super::domain`):
    /// what a reading needs before its list's headings may place it (a note is often the
    /// list's own comment, which speaks of the field whatever the reading is).
    pub(crate) fn of_field(&self, c: &Candidate) -> bool {
        if home_page(c) {
            return false;
        }
        let q = self.query(c);
        !q.title.is_empty() || self.names.weighty(&q.title_names)
    }

    /// The topic for `c`, or the inbox (see the module doc).
    pub fn suggest(&self, c: &Candidate) -> Suggestion {
        let q = self.query(c);
        if home_page(c) {
            let scored = self.scored(c, &q);
            let plain: Vec<(String, f32)> =
                scored.into_iter().map(|(id, s, _, _)| (id, s)).collect();
            let mut s = Self::decide(&plain, f32::INFINITY, self.params.margin);
            s.why = vec!["a product's or a site's home page, not a reading".into()];
            return s;
        }
        if q.title.is_empty() && q.hints.is_empty() && !self.names.weighty(&q.title_names) {
            // Outside the course's field: whatever word of a topic the note or the address
            // shares, nothing says the reading is about the topic.
            let scored = self.scored(c, &q);
            let plain: Vec<(String, f32)> =
                scored.into_iter().map(|(id, s, _, _)| (id, s)).collect();
            let mut s = Self::decide(&plain, f32::INFINITY, self.params.margin);
            s.why = vec!["no word of the title or heading is of the course's field".into()];
            return s;
        }
        let scored = self.scored(c, &q);
        let titled = scored.first().is_some_and(|(_, _, t, _)| *t > 0.0);
        // A topic named by the reading (a keyword or its id in the title or heading) against
        // one that is not: the name is the curator's evidence, so being ahead is enough.
        let named = |at: usize| scored.get(at).map_or(0.0, |(_, _, _, n)| *n);
        let margin = if named(0) >= 0.5 * self.floor && named(1) == 0.0 {
            self.params.named_margin
        } else {
            self.params.margin
        };
        let plain: Vec<(String, f32)> = scored.into_iter().map(|(id, s, _, _)| (id, s)).collect();
        let mut s = Self::decide(&plain, self.floor, margin);
        if !titled && s.topic.is_some() {
            // A blurb alone wanders: without a word of the title or a hint, no topic is sure.
            s.topic = None;
            s.also.clear();
        }
        let heading_only = s.topic.is_some()
            && q.title.is_empty()
            && q.note.is_empty()
            && q.url.is_empty()
            && !self.names.weighty(&q.title_names)
            && worded(&c.title);
        if heading_only {
            // A heading places a reading of the field; it does not make one of the field. A
            // title with no word of the field under "Virtual machines" is an operating-systems
            // paper, not one on state machines: the heading's words alone file nothing.
            s.topic = None;
            s.also.clear();
        }
        s.why = q.explain(&s, &plain, self.floor, margin);
        if heading_only {
            // In place of explain's "no word ... speaks for the best topic": here one did.
            s.why.pop();
            s.why.push(
                "only the heading speaks for a topic: the title and note have no word of the field"
                    .into(),
            );
        }
        s.field_strength = if self.names.weighty(&q.title_names) {
            f32::INFINITY
        } else {
            q.title
                .iter()
                .filter_map(|w| super::domain::normal(w))
                .filter_map(|w| self.field.weight(&w))
                .fold(0f32, f32::max)
        };
        if let Some(t) = s
            .topic
            .as_ref()
            .and_then(|t| self.ids.iter().position(|i| i == t))
        {
            s.specific = self.names.specific(&q.title_names, t);
            // The topic's own names that the reading carries: usually what decided.
            for (place, found) in [
                ("title", &q.title_names),
                ("heading", &q.heading_names),
                ("address", &q.url_names),
            ] {
                let names = self.names.of_topic(found, t);
                if !names.is_empty() {
                    s.why
                        .push(format!("{place} names the topic: {}", names.join(", ")));
                }
            }
        }
        s
    }

    /// The decision on sorted scores, with the least score that files a link.
    pub(crate) fn decide(scored: &[(String, f32)], floor: f32, margin: f32) -> Suggestion {
        let candidates: Vec<(String, f32)> = scored
            .iter()
            .filter(|(_, s)| *s > 0.0)
            .take(3)
            .map(|(id, s)| (id.clone(), (s * 100.0).round() / 100.0))
            .collect();
        let best = scored.first().map_or(0.0, |b| b.1);
        let second = scored.get(1).map_or(0.0, |b| b.1);
        if best < floor || best < margin * second {
            return Suggestion {
                topic: None,
                candidates,
                ..Suggestion::default()
            };
        }
        let also = scored[1..]
            .iter()
            .filter(|(_, s)| *s >= floor && s * 3.0 >= best * 2.0)
            .take(2)
            .map(|(id, _)| id.clone())
            .collect();
        Suggestion {
            topic: Some(scored[0].0.clone()),
            also,
            candidates,
            ..Suggestion::default()
        }
    }

    /// Leave-one-out: each link of `course` is taken out of every topic it speaks for and its
    /// topic suggested from the rest. `course` must be the one the suggester was built from.
    pub fn evaluate(&mut self, course: &Course) -> Evaluation {
        let mut rows = Vec::new();
        for (ti, topic) in course.topics.iter().enumerate() {
            for link in &topic.links {
                let touched: Vec<usize> = (0..self.ids.len())
                    .filter(|&i| self.links[i].iter().any(|(id, _)| *id == link.id))
                    .collect();
                for &i in &touched {
                    let text = Self::compose(&self.heads[i], &self.links[i], Some(&link.id));
                    self.full.replace(&self.tokenizer, i, &text);
                }
                let candidate = Candidate {
                    title: link.title.clone(),
                    url: link.url.to_string(),
                    note: link.note.clone(),
                    ..Candidate::default()
                };
                let suggestion = self.suggest(&candidate);
                for &i in &touched {
                    let text = Self::compose(&self.heads[i], &self.links[i], None);
                    self.full.replace(&self.tokenizer, i, &text);
                }
                let tagged: BTreeSet<String> = link.also.iter().map(|r| r.id.to_string()).collect();
                let outcome = match &suggestion.topic {
                    None => Outcome::Inbox,
                    Some(t) if *t == self.ids[ti] => Outcome::Right,
                    Some(t) if tagged.contains(t) => Outcome::RightByAlso,
                    Some(_) => Outcome::Wrong,
                };
                rows.push(EvalRow {
                    link: link.id.to_string(),
                    topic: topic.id.to_string(),
                    suggestion,
                    outcome,
                });
            }
        }
        Evaluation { rows }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The topic whose file lists the link.
    Right,
    /// A topic the link is tagged with (`also`): filed there, a reader finds it too.
    RightByAlso,
    Wrong,
    Inbox,
}

#[derive(Clone, Debug)]
pub struct EvalRow {
    pub link: String,
    pub topic: String,
    pub suggestion: Suggestion,
    pub outcome: Outcome,
}

/// The leave-one-out result: one row per link, in corpus order.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub rows: Vec<EvalRow>,
}

impl Evaluation {
    pub(crate) fn count(&self, o: Outcome) -> usize {
        self.rows.iter().filter(|r| r.outcome == o).count()
    }

    pub(crate) fn right(&self) -> usize {
        self.count(Outcome::Right) + self.count(Outcome::RightByAlso)
    }

    /// `(right, wrong, inbox)` as percentages: right among the placed links, inbox among all.
    pub(crate) fn rates(&self) -> (f64, f64) {
        let placed = self.right() + self.count(Outcome::Wrong);
        let pct = |n: usize, d: usize| {
            if d == 0 {
                0.0
            } else {
                100.0 * n as f64 / d as f64
            }
        };
        (
            pct(self.right(), placed),
            pct(self.count(Outcome::Inbox), self.rows.len()),
        )
    }

    /// The closing lines of `syllabus suggest --evaluate`.
    pub fn summary(&self) -> String {
        let (right_rate, inbox_rate) = self.rates();
        format!(
            "leave-one-out on {} links: {} right ({} by their own topic, {} by a topic they are tagged with), {} wrong, {} to the inbox\n\
             {right_rate:.1}% right among the {} placed; {inbox_rate:.1}% to the inbox\n",
            self.rows.len(),
            self.right(),
            self.count(Outcome::Right),
            self.count(Outcome::RightByAlso),
            self.count(Outcome::Wrong),
            self.count(Outcome::Inbox),
            self.right() + self.count(Outcome::Wrong),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Topic};

    /// The course in `dir`, a folder of this repository.
    fn loaded(dir: &str) -> Course {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let sources = crate::corpus::read_dir(&path).unwrap();
        crate::corpus::load(&sources).unwrap().course
    }

    fn course() -> Course {
        let topic = |id: &str, title: &str, kw: &[&str], summary: &str| Topic {
            title: title.into(),
            summary: summary.into(),
            keywords: kw.iter().map(|s| s.to_string()).collect(),
            ..Topic::new(id.parse().unwrap())
        };
        let mut consensus = topic(
            "consensus",
            "Consensus",
            &["paxos", "raft", "leader election"],
            "Agreeing on one value despite crashes.",
        );
        consensus.links = vec![Link {
            title: "Paxos Made Simple".into(),
            note: Some("Acceptors, proposers and ballots.".into()),
            ..Link::new(
                "paxos-simple".parse().unwrap(),
                consensus.id.clone(),
                crate::corpus::url::check_url("https://example.com/paxos").unwrap(),
            )
        }]
        .into();
        Course {
            topics: vec![
                consensus,
                topic(
                    "testing",
                    "Testing",
                    &["deterministic simulation", "model checker", "fuzzing"],
                    "Finding bugs before users do.",
                ),
                topic(
                    "time-and-clocks",
                    "Time and clocks",
                    &["clock", "lease"],
                    "Physical clocks drift.",
                ),
            ],
            ..Course::default()
        }
    }

    fn cand(title: &str, note: &str) -> Candidate {
        Candidate {
            title: title.into(),
            note: Some(note.into()).filter(|n: &String| !n.is_empty()),
            url: "https://example.com/post".into(),
            ..Candidate::default()
        }
    }

    /// The toy course has three topics and one link: a word there weighs little, so the
    /// floor is lowered to one word to test what decides, not how much evidence it takes.
    /// The topic names the suggester finds in `text`, as their phrases.
    fn names_in(s: &Suggester, text: &str) -> Vec<String> {
        s.names
            .find(&name_tokens(text))
            .iter()
            .map(|f| s.names.phrases[f.name].text.clone())
            .collect()
    }

    fn toy(course: &Course) -> Suggester {
        Suggester::with_params(
            course,
            Params {
                floor_words: 1.0,
                ..Params::default()
            },
        )
    }

    #[test]
    fn a_worded_title_outside_the_field_is_not_filed_by_its_heading_alone() {
        let s = Suggester::new(&loaded("topics"));
        let under = |title: &str, heading: &str| {
            s.suggest(&Candidate {
                hints: vec![heading.into()],
                ..cand(title, "")
            })
        };
        // An operating-systems paper under "Virtual machines": the heading shares "machines"
        // with state machine replication, the title nothing with the field.
        let got = under("Xen and the Art of Virtualization", "Virtual machines");
        assert_eq!(got.topic, None, "{got:?}");
        assert!(
            got.why.iter().any(|w| w.starts_with("only the heading")),
            "{got:?}"
        );
        // A link text that says nothing ("here", or the list's own language) leaves the
        // heading as the curator's description of the reading: it still files it.
        for vague in ["here", "原始论文"] {
            let got = under(
                vague,
                "State machine replication: replicas, logs and commands",
            );
            assert_eq!(
                got.topic.as_deref(),
                Some("state-machine-replication"),
                "{vague}: {got:?}"
            );
        }
    }

    #[test]
    fn a_clear_title_is_filed_and_stemming_helps() {
        let s = toy(&course());
        let got = s.suggest(&cand("Understanding Paxos ballots the intuitive way", ""));
        assert_eq!(got.topic.as_deref(), Some("consensus"), "{got:?}");
        assert_eq!(got.candidates[0].0, "consensus");
        let got = s.suggest(&cand(
            "Fuzzing distributed systems with deterministic simulations",
            "",
        ));
        assert_eq!(got.topic.as_deref(), Some("testing"), "{got:?}");
    }

    #[test]
    fn nothing_in_common_or_a_tie_goes_to_the_inbox() {
        let s = Suggester::new(&course());
        let got = s.suggest(&cand("My holiday pictures", ""));
        assert_eq!(got.topic, None);
        assert!(got.candidates.is_empty(), "{got:?}");
        let tie = [("a".to_string(), 5.0), ("b".to_string(), 5.0)];
        assert_eq!(Suggester::decide(&tie, 3.0, 1.2).topic, None);
        let ahead = [("a".to_string(), 5.0), ("b".to_string(), 4.0)];
        assert_eq!(
            Suggester::decide(&ahead, 3.0, 1.2).topic.as_deref(),
            Some("a")
        );
        assert_eq!(Suggester::decide(&ahead, 3.0, 1.2).also, ["b"]);
        assert_eq!(
            Suggester::decide(&ahead, 6.0, 1.2).topic,
            None,
            "below the floor"
        );
    }

    /// The precomputed postings score as the `bm25` crate's embedder and scorer do.
    #[test]
    fn postings_score_as_the_bm25_crate_does() {
        use bm25::{Embedder, EmbedderBuilder, Scorer};
        let texts: Vec<String> = [
            "Paxos made simple. Paxos, quorums and ballots; the acceptors of Paxos.",
            "Raft: leader election and log replication, an understandable consensus.",
            "Clocks, leases and the ordering of events; logical clocks.",
        ]
        .map(String::from)
        .to_vec();
        let tokenizer = DefaultTokenizer::new(Language::English);
        let index = Index::new(&tokenizer, &texts);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let embedder: Embedder =
            EmbedderBuilder::with_fit_to_corpus(Language::English, &refs).build();
        let mut scorer = Scorer::<usize>::new();
        for (i, t) in texts.iter().enumerate() {
            scorer.upsert(&i, embedder.embed(t));
        }
        for query in [
            "paxos quorum",
            "leader clocks clocks",
            "lease",
            "nothing here",
        ] {
            let mut ours = vec![0f32; texts.len()];
            index.score(&tokenizer.tokenize(query), &mut ours);
            let embedded = embedder.embed(query);
            let theirs: Vec<f32> = (0..texts.len())
                .map(|i| scorer.score(&i, &embedded).unwrap())
                .collect();
            assert_eq!(ours, theirs, "{query}");
            if query == "paxos quorum" {
                assert!(ours[0] > 0.0 && ours[1] == 0.0, "{ours:?}");
            }
        }
    }

    #[test]
    fn names_are_matched_whole_unstemmed_and_the_longest_wins() {
        let c = course();
        let s = toy(&c);
        let find = |text: &str| names_in(&s, text);
        // Keywords and ids are names; plural and case do not matter.
        assert_eq!(
            find("Deterministic Simulations of a model checker"),
            ["deterministic simulation", "model checker"]
        );
        assert_eq!(find("Paxos, again"), ["paxos"]);
        // A compound ending in a one-word name holds it ("CASPaxos").
        assert_eq!(find("CASPaxos"), ["paxos"]);
        // No stemming: "live" is not "liveness", "clocking" not "clock".
        assert!(find("Clocking in").is_empty());
        // A heading that is only a name is marked whole.
        let found = s.names.find(&name_tokens("Leader election"));
        assert!(found.len() == 1 && found[0].whole);
    }

    /// "paxos" is cited by most topics but most of all by its own: it still names it, while
    /// a phrase every topic uses about as much ("distributed systems") names none.
    #[test]
    fn a_topic_name_others_cite_still_names_it_and_the_field_name_does_not() {
        let mut c = course();
        c.topics[1]
            .summary
            .push_str(" Model checking Paxos in distributed systems.");
        c.topics[2]
            .summary
            .push_str(" Clocks in distributed systems.");
        c.topics[2].keywords.push("distributed systems".into());
        c.topics[0]
            .summary
            .push_str(" Paxos and Paxos again, in distributed systems.");
        // Spread evenly: the consensus and testing topics say it more than the one keeping it.
        for t in [0, 1] {
            c.topics[t]
                .summary
                .push_str(" Distributed systems. Distributed systems. Distributed systems.");
        }
        let s = toy(&c);
        let name = |text: &str| {
            let p = s.names.phrases.iter().find(|p| p.text == text).unwrap();
            (p.common, p.weight)
        };
        let (common, weight) = name("paxos");
        assert!(!common && weight > 0.5, "{common} {weight}");
        assert_eq!(name("distributed systems"), (true, 0.0));
        // So a compound that ends in the name files the reading.
        let got = s.suggest(&Candidate {
            hints: vec!["Consensus protocols".into()],
            ..cand("CASPaxos", "")
        });
        assert_eq!(got.topic.as_deref(), Some("consensus"), "{got:?}");
        assert!(
            got.why.iter().any(|w| w == "title names the topic: paxos"),
            "{got:?}"
        );
    }

    /// A keyword coined with a hyphen from plain words ("local-first") is a name, and a
    /// title holding it is of the field, although neither "local" nor "first" is. On the
    /// frozen course of the curation labels, whose field is learnt from a real course's text.
    #[test]
    fn a_coined_compound_names_its_topic_though_its_words_are_plain() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        assert!(!s.field.owns("local") && !s.field.owns("first"));
        let got = s.suggest(&cand("A local-first notes app, built in a weekend", ""));
        assert_eq!(
            got.topic.as_deref(),
            Some("replicated-data-types"),
            "{got:?}"
        );
        assert!(
            got.why
                .iter()
                .any(|w| w == "title names the topic: local-first"),
            "{got:?}"
        );
        // The same plain words, not coined, say nothing.
        let got = s.suggest(&cand("Local news first: a weekend notes app", ""));
        assert_eq!(got.topic, None, "{got:?}");
    }

    /// A topic's one-word id ("transactions") names it fully, although English uses the
    /// word too much for an ordinary keyword to.
    #[test]
    fn a_one_word_topic_id_names_its_topic() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let got = s.suggest(&cand("Transactions across services: a field report", ""));
        assert_eq!(got.topic.as_deref(), Some("transactions"), "{got:?}");
        assert!(
            got.why
                .iter()
                .any(|w| w == "title names the topic: transactions"),
            "{got:?}"
        );
        // Without the name, the words alone fall short of the floor.
        let named = s.floor * s.params.title_name_weight;
        assert!(got.candidates[0].1 - named < s.floor, "{got:?}");
    }

    /// The shipped topics' keywords carry the field's vocabulary: a system or protocol an
    /// expert files under a topic names it, although none of the course's links mentions it.
    #[test]
    fn a_system_the_course_never_cites_is_filed_by_the_topics_vocabulary() {
        let c = loaded("topics");
        let s = Suggester::new(&c);
        for (title, topic, name) in [
            (
                "HotStuff: BFT Consensus in the Lens of Blockchain",
                "byzantine-fault-tolerance",
                "hotstuff",
            ),
            (
                "Bigtable: A Distributed Storage System for Structured Data",
                "storage-systems",
                "bigtable",
            ),
            (
                "Automerge: a JSON-like data structure for concurrent editing",
                "replicated-data-types",
                "automerge",
            ),
        ] {
            let got = s.suggest(&cand(title, ""));
            assert_eq!(got.topic.as_deref(), Some(topic), "{title}: {got:?}");
            assert!(
                got.why
                    .iter()
                    .any(|w| w.starts_with("title names the topic:") && w.contains(name)),
                "{title}: {got:?}"
            );
        }
    }

    /// A plain English word that is a topic's keyword ("chord") names nothing in running
    /// text, but before a subtitle it is the name of the system the paper is about.
    #[test]
    fn a_one_word_name_before_a_subtitle_is_the_system_the_reading_is_about() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let got = s.suggest(&cand(
            "Chord: A Scalable Peer-to-peer Lookup Service for Internet Applications",
            "",
        ));
        assert_eq!(got.topic.as_deref(), Some("storage-systems"), "{got:?}");
        assert!(
            got.why
                .iter()
                .any(|w| w.starts_with("title names the topic: chord")),
            "{got:?}"
        );
        let got = s.suggest(&cand("Guitar lessons: the chord shapes", ""));
        assert_eq!(got.topic, None, "{got:?}");
    }

    /// "Highly available" is a quality every system of the field claims: in a title it
    /// names no topic; a term that holds it ("highly available transactions") still does.
    #[test]
    fn a_claimed_quality_names_no_topic() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let title = "Scalable, Secure, and Highly Available Distributed File Access";
        assert!(names_in(&s, title).contains(&"highly available".to_string()));
        let got = s.suggest(&cand(title, ""));
        assert_ne!(got.topic.as_deref(), Some("cap-and-tradeoffs"), "{got:?}");
        assert!(
            !got.why.iter().any(|w| w.contains("names the topic")),
            "{got:?}"
        );
        let got = s.suggest(&cand(
            "Highly Available Transactions: Virtues and Limitations",
            "",
        ));
        assert_eq!(got.topic.as_deref(), Some("transactions"), "{got:?}");
    }

    /// A keyword English has too ("orleans", a topic's system) names the system when a
    /// title leads with it, capitalised, before a subtitle; in running text, or written
    /// small, it is the English word.
    #[test]
    fn a_plain_word_keyword_before_a_subtitle_is_the_system() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let got = s.suggest(&cand("Orleans: Cloud Computing for Everyone", ""));
        assert_eq!(got.topic.as_deref(), Some("programming-models"), "{got:?}");
        assert!(
            got.why
                .iter()
                .any(|w| w.starts_with("title names the topic: orleans")),
            "{got:?}"
        );
        let got = s.suggest(&cand("A weekend in New Orleans: food and music", ""));
        assert_eq!(got.topic, None, "{got:?}");
        let got = s.suggest(&cand("orleans: cloud computing for everyone", ""));
        assert_eq!(got.topic, None, "{got:?}");
    }

    /// A paper's address often carries the name its authors gave it (`.../epaxos.pdf`) when
    /// its title does not: a specific name there files it, and says so. A plain word of a
    /// path names nothing.
    #[test]
    fn a_specific_name_in_the_address_names_the_topic_the_title_does_not() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let at = |title: &str, url: &str| Candidate {
            url: url.into(),
            ..cand(title, "")
        };
        let title = "There Is More Consensus in Egalitarian Parliaments";
        let got = s.suggest(&at(title, "https://example.com/papers/epaxos.pdf"));
        assert_eq!(got.topic.as_deref(), Some("paxos"), "{got:?}");
        assert!(
            got.why
                .iter()
                .any(|w| w == "address names the topic: epaxos"),
            "{got:?}"
        );
        // The same title at an address that names nothing is not sure enough.
        let got = s.suggest(&at(title, "https://example.com/papers/sosp13.pdf"));
        assert_eq!(got.topic, None, "{got:?}");
        // Off the course's field, the address files nothing.
        let got = s.suggest(&at(
            "Sourdough starters for beginners",
            "https://example.com/epaxos.pdf",
        ));
        assert_eq!(got.topic, None, "{got:?}");
    }

    /// "High availability" and "file system" are the everyday words of one machine's systems
    /// too: they name their topic only beside a word of distribution.
    #[test]
    fn an_everyday_name_of_one_machine_needs_a_word_of_distribution_beside_it() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let names = |title: &str| {
            s.suggest(&cand(title, ""))
                .why
                .iter()
                .any(|w| w.contains("names the topic: file system"))
        };
        assert!(!names("A Fast File System for UNIX"));
        assert!(names("A File System for a Cluster of Workstations"));
        let got = s.suggest(&cand("Providing High Availability in a Web Shop", ""));
        assert!(
            !got.why.iter().any(|w| w.contains("high availability")),
            "{got:?}"
        );
    }

    /// A link text in another script, or only the site's name ("Wikipedia"), says nothing
    /// the course can read: the address's path names the reading.
    #[test]
    fn a_mute_link_text_gives_way_to_the_address() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let at = |title: &str, url: &str| Candidate {
            url: url.into(),
            ..cand(title, "")
        };
        let got = s.suggest(&at("向量时钟", "http://en.wikipedia.org/wiki/Vector_clock"));
        assert_eq!(got.topic.as_deref(), Some("logical-time"), "{got:?}");
        let got = s.suggest(&at(
            "Wikipedia",
            "http://en.wikipedia.org/wiki/State_machine_replication",
        ));
        assert_eq!(
            got.topic.as_deref(),
            Some("state-machine-replication"),
            "{got:?}"
        );
        // An English link text is the reading's own name, whatever its address says.
        let got = s.suggest(&at(
            "Sourdough starters for beginners",
            "http://en.wikipedia.org/wiki/Vector_clock",
        ));
        assert_eq!(got.topic, None, "{got:?}");
    }

    /// A link text in another script whose only Latin words are a site's or an author's
    /// name ("这个 Wikipedia 词条", "Schneider 的论文") is as mute as one with none: the
    /// address's path names the reading. A Latin word of the field in it still names it.
    #[test]
    fn a_foreign_link_text_naming_only_a_site_or_an_author_gives_way_to_the_address() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let at = |title: &str, url: &str| {
            s.suggest(&Candidate {
                url: url.into(),
                ..cand(title, "")
            })
        };
        let got = at(
            "这个 Wikipedia 词条",
            "http://en.wikipedia.org/wiki/Vector_clock",
        );
        assert_eq!(got.topic.as_deref(), Some("logical-time"), "{got:?}");
        let got = at(
            "Schneider 的论文",
            "https://example.org/papers/state-machine-replication.pdf",
        );
        assert_eq!(
            got.topic.as_deref(),
            Some("state-machine-replication"),
            "{got:?}"
        );
        // A Latin word of the field is the link text's own name for the reading.
        let got = at("Paxos 的论文", "http://en.wikipedia.org/wiki/Vector_clock");
        assert_eq!(got.topic.as_deref(), Some("paxos"), "{got:?}");
    }

    /// A course's number in the address (`/6.824/`, `/15-440/`) makes a title on the whole
    /// field a course's, as the number in the title does.
    #[test]
    fn a_course_number_in_the_address_makes_a_title_on_the_whole_field_a_course() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        let at = |url: &str| {
            s.suggest(&Candidate {
                url: url.into(),
                ..cand("Distributed Systems - MIT", "")
            })
        };
        let got = at("http://nil.csail.mit.edu/6.824/2015/");
        assert_eq!(got.topic.as_deref(), Some("overview"), "{got:?}");
        let got = at("https://example.com/distributed-systems/2015/");
        assert_eq!(got.topic, None, "{got:?}");
        // A DOI's prefix is not a course's number.
        let got = at("https://doi.org/10.1145/359545.359563");
        assert_eq!(got.topic, None, "{got:?}");
    }

    /// A keyword of several words that matching would cut to one ("distributed ml": "ml" is
    /// too short a word) names nothing, rather than every title that says "distributed".
    #[test]
    fn a_name_cut_to_one_word_names_nothing() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        assert!(names_in(&s, "Principles of Distributed Computing").is_empty());
        let got = s.suggest(&cand("Reliable Distributed Algorithms", ""));
        assert_ne!(got.topic.as_deref(), Some("programming-models"), "{got:?}");
    }

    /// A course or lecture series on the whole field ("MIT 6.824: Distributed Systems") is
    /// filed where the course keeps the field's own name, although that name places no
    /// other reading ("Debugging Distributed Systems ...").
    #[test]
    fn a_course_on_the_whole_field_is_filed_where_the_field_name_is_kept() {
        let c = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&c);
        for title in [
            "MIT 6.824: Distributed Systems",
            "CS 525: Advanced Distributed Systems",
            "Distributed Systems lecture series",
        ] {
            let got = s.suggest(&cand(title, ""));
            assert_eq!(got.topic.as_deref(), Some("overview"), "{title}: {got:?}");
            assert!(
                got.why
                    .iter()
                    .any(|w| w == "title names the topic: distributed systems"),
                "{title}: {got:?}"
            );
        }
        let got = s.suggest(&cand("Debugging Distributed Systems with Provenance", ""));
        assert_ne!(got.topic.as_deref(), Some("overview"), "{got:?}");
    }

    #[test]
    fn a_course_is_told_by_its_number_or_a_teaching_word() {
        for title in [
            "MIT 6.824: Distributed Systems",
            "CMU 15-440: Distributed Systems",
            "UW CSEP 552: Distributed Systems",
            "CSE552 notes",
            "Distributed systems lecture series",
            "An online course on consensus",
        ] {
            assert!(teaches(title), "{title}");
        }
        for title in [
            "Distributed Systems for Fun and Profit",
            "Paxos Made Simple (2001)",
            "Release 2.0 of our tools",
            "Notes from 2019-03",
        ] {
            assert!(!teaches(title), "{title}");
        }
    }

    /// Every venue word is one, however long: the length guard must not hide a new one.
    #[test]
    fn every_venue_word_is_a_venue() {
        for w in VENUE_WORDS {
            assert!(is_venue(w), "{w}");
        }
        assert!(!is_venue("paxos"));
        assert_eq!(
            without_venues("Dynamo (SOSP 2007), Proceedings of the ACM"),
            "Dynamo of the"
        );
    }

    /// "Transactions on Computer Systems" names a journal, not the topic.
    #[test]
    fn a_journal_named_transactions_on_is_not_about_transactions() {
        assert_eq!(
            without_venues("ACM Transactions on Computer Systems (TOCS), 2012"),
            "on Computer Systems"
        );
        assert_eq!(
            without_venues("Transactions on sharded data"),
            "Transactions on sharded data"
        );
        assert_eq!(
            without_venues("Highly Available Transactions: Virtues"),
            "Highly Available Transactions: Virtues"
        );
    }

    /// "Totally ordered broadcast" is the keyword "total order broadcast": `-ly`, `-ed` and
    /// `-d` come off a word that is a name's word with them; nothing else does.
    #[test]
    fn names_match_descriptive_endings_and_nothing_more() {
        let mut c = course();
        c.topics[0].keywords.push("total order broadcast".into());
        c.topics[0]
            .summary
            .push_str(" Total order broadcast delivers in one order.");
        let s = toy(&c);
        let find = |text: &str| names_in(&s, text);
        assert_eq!(
            find("A Simple Totally Ordered Broadcast Protocol"),
            ["total order broadcast"]
        );
        assert_eq!(find("Total order broadcast"), ["total order broadcast"]);
        // Other endings stay: "ordering" is not "order", "totals" not "total".
        assert!(find("Totally ordering broadcasts").is_empty());
        assert!(find("Paxosing").is_empty());
    }

    #[test]
    fn a_specific_name_is_a_term_of_the_field_not_an_everyday_word() {
        let course = loaded("tests/fixtures/curation/course");
        let s = Suggester::new(&course);
        let specific = |title: &str| -> Vec<String> {
            let found = s.names.find(&name_tokens(title));
            found
                .iter()
                .filter(|f| s.names.phrases[f.name].specific)
                .map(|f| s.names.phrases[f.name].text.clone())
                .collect()
        };
        assert_eq!(specific("Implementing Raft in Rust"), ["raft"]);
        assert_eq!(
            specific("Consistent hashing explained"),
            ["consistent hashing"]
        );
        assert_eq!(specific("Two-phase commit"), ["two-phase commit"]);
        for everyday in [
            "Unit testing C code",
            "Argo Awesome list",
            "Containers and orchestration",
            "Life of a transaction",
        ] {
            assert!(
                specific(everyday).is_empty(),
                "{everyday}: {:?}",
                specific(everyday)
            );
        }
        let got = s.suggest(&cand("Implementing Raft in Rust", ""));
        assert_eq!(got.topic.as_deref(), Some("raft"));
        assert!(got.specific);
        assert!(got.field_strength > 4.5);
        let got = s.suggest(&cand("Dotfiles I keep coming back to", ""));
        assert_eq!(got.field_strength, 0.0);
    }

    #[test]
    fn leave_one_out_takes_the_link_out() {
        let c = course();
        let mut s = toy(&c);
        let e = s.evaluate(&c);
        assert_eq!(e.rows.len(), 1);
        // Out of the corpus, "Paxos Made Simple" still meets the keyword `paxos`.
        assert_eq!(e.rows[0].suggestion.candidates[0].0, "consensus", "{e:?}");
        assert_eq!(e.rows[0].outcome, Outcome::Right);
        // And the documents are restored afterwards.
        let again = s.evaluate(&c);
        assert_eq!(again.rows[0].suggestion, e.rows[0].suggestion);
    }
}
