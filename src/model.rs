//! The course as plain data: stages, topics, links and their ids.
//!
//! Everything here is produced by `corpus` (which reads and validates the files) and read by every
//! later step. It does no I/O and knows nothing about TOML; positions are kept only so that later
//! steps can point back at the line a problem comes from.

pub use crate::corpus::url::UrlError;
pub use crate::id::{IdError, ItemId, LinkId, StageId, TopicId, WebUrl};
use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Where a value was written: a file and a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Origin {
    /// Shared by every origin in the file: a corpus of 100,000 links holds half a million.
    pub file: Arc<Path>,
    /// 1-based; 0 when the value was not written in a file (a default).
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
}

impl Default for Origin {
    fn default() -> Self {
        Origin {
            file: Arc::from(Path::new("")),
            line: 0,
            col: 0,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

/// The whole validated course: what `corpus::load` returns.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Course {
    /// `title` of `course.toml`.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// Who wrote the course, when `course.toml` says.
    pub author: Option<String>,
    /// In `course.toml` order. Empty when the course declares none; the planner then derives
    /// stages from the graph's generations.
    pub stages: Vec<Stage>,
    /// Sorted by id.
    pub topics: Vec<Topic>,
    /// Links waiting in `topics/inbox.toml` for a topic; never planned.
    pub inbox: Vec<Link>,
    /// `[feed]`: where `syllabus sync` reads new links from. Not part of any output.
    #[serde(skip)]
    pub feed: Option<FeedConfig>,
    /// Where each link is, made on the first `link()` lookup. Not public: a course comes from
    /// the corpus (`Syllabus::load`), whole, and is only read afterwards.
    #[serde(skip)]
    pub(crate) link_index: LinkIndex,
}

/// `[feed]` in `course.toml`: the Bluesky feed the course grows from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedConfig {
    /// A handle or DID whose posts (`app.bsky.feed.getAuthorFeed`) are read.
    pub actor: Option<String>,
    /// Or an `at://` URI of a feed generator (`getFeed`) or a list (`getListFeed`).
    pub uri: Option<String>,
    /// The AppView's base URL, when not the public one.
    pub service: Option<String>,
}

/// Topic and link ids -> positions, and where each topic's links start in the numbering of
/// `Course::item_number`. A clone starts empty, so a course copied and then edited never
/// answers from the original's positions.
#[derive(Debug, Default)]
pub(crate) struct LinkIndex(
    std::sync::OnceLock<Positions>,
    std::sync::OnceLock<Requirements>,
);

/// Every topic's and link's `requires` as item numbers (see [`Course::item_number`]), made once:
/// selection, the graph and the planner follow requirements by number, never by hashing an id.
/// Item `n`'s are `items[starts[n]..starts[n + 1]]`, one for each `Ref` in written order,
/// [`NO_ITEM`] for a name that is no item (only an invalid corpus has that).
#[derive(Debug, Default)]
struct Requirements {
    starts: Vec<u32>,
    items: Vec<u32>,
}

/// The item number of a requirement that names no topic or link.
pub(crate) const NO_ITEM: u32 = u32::MAX;

#[derive(Debug, Default)]
pub(crate) struct Positions {
    /// Positions of topics, `(topic, TOPIC)`, and links, `(topic, link)`, found by the hash of
    /// an id and checked against the course's own ids: a corpus of 100,000 links is not copied
    /// id by id into a map.
    items: hashbrown::HashTable<(u32, u32)>,
    /// By topic: how many links the topics before it hold.
    first_link: Vec<u32>,
    /// Positions of the links whose id a topic or an earlier link already has, in course order
    /// (only an invalid corpus has any).
    repeated: Vec<(u32, u32)>,
}

/// The link number that marks a topic's own position in [`Positions`].
const TOPIC: u32 = u32::MAX;

/// Ids are hashed with a fixed seed: each table keyed by it is its owner's, never shared.
pub(crate) fn id_hash(id: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(id)
}

impl Clone for LinkIndex {
    fn clone(&self) -> Self {
        LinkIndex::default()
    }
}

/// Topic and link positions found by the hash of an id: made once per course.
impl Positions {
    /// The position of the topic (`is(TOPIC)`) or link (`is(l)`) named `id`, whose hash is
    /// `hash`; `id_at` gives the id at a position.
    fn find<'c>(
        &self,
        hash: u64,
        id: &str,
        is: impl Fn(u32) -> bool,
        id_at: impl Fn((u32, u32)) -> Option<&'c str>,
    ) -> Option<(u32, u32)> {
        self.items
            .find(hash, |&pos| {
                is(pos.1) && id_at(pos).is_some_and(|at| at == id)
            })
            .copied()
    }
}

/// A `[[stage]]` of `course.toml`: a step of the course, topics grouped under it.
#[derive(Clone, Debug, Serialize)]
pub struct Stage {
    /// Its id, which topics name in `stage`.
    pub id: StageId,
    /// Its title.
    pub title: String,
    /// Markdown.
    pub guidance: String,
    /// Where its `[[stage]]` table starts.
    #[serde(skip)]
    pub origin: Origin,
}

/// A topic: one file of the corpus, its links in it.
#[derive(Clone, Debug, Serialize)]
pub struct Topic {
    /// The file stem.
    pub id: TopicId,
    /// Its title.
    pub title: String,
    /// Markdown.
    pub summary: String,
    /// Its stage; `None` only when the course declares no stages.
    pub stage: Option<StageId>,
    /// Where `stage` is written.
    #[serde(skip)]
    pub stage_origin: Origin,
    /// `stage` as written when it is no id (so `stage` is `None`): validation says it names no
    /// stage, unless `course.toml` declares it and was told already that it is no id.
    #[serde(skip)]
    pub(crate) stage_not_id: Option<String>,
    /// Topic ids, as written.
    pub requires: Vec<Ref>,
    /// Words that say what it is about (import files new links by them).
    pub keywords: Vec<String>,
    /// In file order.
    pub links: Links,
    /// The start of its file.
    #[serde(skip)]
    pub origin: Origin,
}

/// A topic's links: a slice (`for link in &topic.links`, `topic.links[i]`), shared so that a
/// template can be handed a link without a copy of it (see `plan::LinkObject`). Made from a
/// `Vec<Link>`, and only read afterwards (what a later step knows of a link, such as the link
/// cache's `dead`, is a layer over it).
#[derive(Clone, Debug, Default)]
pub struct Links(std::sync::Arc<[Link]>);

impl Links {
    /// Link `index`, shared: it stays as long as the returned value does.
    pub(crate) fn shared(&self, index: usize) -> SharedLink {
        assert!(index < self.0.len(), "link {index} of {}", self.0.len());
        SharedLink(self.0.clone(), index as u32)
    }
}

/// One link of a topic's [`Links`], kept alive by the handle.
#[derive(Clone, Debug)]
pub(crate) struct SharedLink(std::sync::Arc<[Link]>, u32);

impl std::ops::Deref for SharedLink {
    type Target = Link;
    fn deref(&self) -> &Link {
        &self.0[self.1 as usize]
    }
}

impl std::ops::Deref for Links {
    type Target = [Link];
    fn deref(&self) -> &[Link] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Links {
    type Item = &'a Link;
    type IntoIter = std::slice::Iter<'a, Link>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<Link>> for Links {
    fn from(links: Vec<Link>) -> Self {
        Links(links.into())
    }
}

impl FromIterator<Link> for Links {
    fn from_iter<I: IntoIterator<Item = Link>>(links: I) -> Self {
        Links(links.into_iter().collect())
    }
}

impl Serialize for Links {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// An id that names another item as written, with the place it was written (for errors about
/// that edge). The id has the shape of one; `corpus` checks that it names an item, and one of
/// the kind its key wants (a topic in a topic's `requires` and in `also`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Ref {
    /// The id named.
    pub id: ItemId,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

impl Ref {
    /// A reference written nowhere (the tests').
    #[cfg(test)]
    pub(crate) fn new(id: ItemId) -> Self {
        Ref {
            id,
            origin: Origin::default(),
        }
    }
}

crate::schema::link_schema! {
    /// A reading or a practice item. Its fields are declared here once: the corpus reader's
    /// keys, `Link::new` and what plans and templates show are made from this list.
    pub struct Link {
        /// Unique across the corpus (links and topics share one namespace).
        key id: LinkId = id,
        /// The id of the topic whose file lists this link.
        file topic: TopicId = topic,
        /// Where it is (`http` or `https`, in its normal form).
        key url: WebUrl = url,
        /// Other addresses of the same reading (the publisher's page beside a free PDF): never
        /// shown as the link, but a duplicate of any of them is a duplicate of this link.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        sparse alternates: Vec<String> = Vec::new(),
        /// Its title.
        key title: String = String::new(),
        /// What it points at.
        key kind: Kind = Kind::default(),
        /// How much it assumes.
        key level: Level = Level::default(),
        /// How long it takes, in minutes.
        key minutes: u32 = 0,
        /// Who wrote it.
        key authors: Vec<String> = Vec::new(),
        /// As written (`2025-05-01` or `2025`).
        key published: Option<String> = None,
        /// Where it appeared (a journal, a conference, a site).
        key source: Option<String> = None,
        /// Markdown: why to read it.
        key note: Option<String> = None,
        /// More topic ids it is tagged with.
        key also: Vec<Ref> = Vec::new(),
        /// Link or topic ids to read first.
        key requires: Vec<Ref> = Vec::new(),
        /// What reading it costs.
        key access: Access = Access::default(),
        /// Whether the URL was checked.
        key url_status: UrlStatus = UrlStatus::default(),
        /// Markdown: what a practice item (exercise, project) produces and how the learner knows
        /// it is done. Always set for practice, never for readings (`corpus` checks both).
        key deliverable: Option<String> = None,
        /// On the optional track: planned and shown, but outside the core hours and, unless the
        /// reader asks, the schedule.
        key optional: bool = false,
    }
    hidden {
        /// Where its `[[link]]` table starts.
        origin: Origin = Origin::default(),
        /// Where the `url` value is written: link checks point at it.
        url_origin: Origin = Origin::default(),
        /// Where the `id` value is written; the `url`'s when the id is made from it.
        id_origin: Origin = Origin::default(),
    }
    /// A link with every other field at its default (empty, the first word, 0 minutes).
    fn new(id: LinkId, topic: TopicId, url: WebUrl);
}

/// The keys a `[[link]]` may hold, in schema order.
pub(crate) const LINK_KEYS: [&str; crate::schema::key_count(Link::SCHEMA)] =
    crate::schema::keys(Link::SCHEMA);

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $first:ident => $first_word:literal $(, $variant:ident => $word:literal)* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name {
            #[doc = concat!("`", $first_word, "` (the default)")]
            #[default]
            $first,
            $(#[doc = concat!("`", $word, "`")] $variant),*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$name::$first $(, $name::$variant)*];
            /// Their words, as the corpus writes them, in the same order.
            pub const WORDS: &'static [&'static str] = &[$first_word $(, $word)*];

            /// The word for it.
            pub fn as_str(self) -> &'static str {
                match self { $name::$first => $first_word, $($name::$variant => $word),* }
            }

            /// The value `word` names, if any.
            pub fn parse(word: &str) -> Option<Self> {
                match word { $first_word => Some($name::$first), $($word => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// What a link points at.
    Kind {
        Article => "article",
        Paper => "paper",
        Talk => "talk",
        Video => "video",
        Book => "book",
        Course => "course",
        Thread => "thread",
        List => "list",
        Tool => "tool",
        Exercise => "exercise",
        Project => "project",
    }
);

impl Kind {
    /// The practice kinds: something the learner does (and delivers) rather than reads.
    pub(crate) const PRACTICE: &'static [Kind] = &[Kind::Exercise, Kind::Project];

    pub(crate) fn is_practice(self) -> bool {
        Self::PRACTICE.contains(&self)
    }
}

word_enum!(
    /// How much a link assumes; ordered, so `level <= cap` filters.
    Level {
        Intro => "intro",
        Intermediate => "intermediate",
        Advanced => "advanced",
    }
);

word_enum!(
    /// What reading a link costs.
    Access {
        Free => "free",
        Paywall => "paywall",
        Registration => "registration",
    }
);

word_enum!(
    /// Whether the URL was checked, as the corpus says. Anything but `confirmed` is shown to
    /// the reader. What the last `check --links` found is another layer, the link cache's: a
    /// planned link it found dead shows `dead` (`PlanLink::dead`), and the course keeps this.
    UrlStatus {
        Confirmed => "confirmed",
        Guessed => "guessed",
        Truncated => "truncated",
    }
);

impl Topic {
    /// A topic with nothing in it yet (the property tests build courses of them).
    #[cfg(test)]
    pub(crate) fn new(id: TopicId) -> Topic {
        Topic {
            id,
            title: String::new(),
            summary: String::new(),
            stage: None,
            stage_origin: Origin::default(),
            stage_not_id: None,
            requires: Vec::new(),
            keywords: Vec::new(),
            links: Links::default(),
            origin: Origin::default(),
        }
    }
}

impl Course {
    /// The topic `id`.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index(id).map(|i| &self.topics[i])
    }

    /// Every link of every topic, in course order (the inbox's are not in it).
    pub fn links(&self) -> impl Iterator<Item = &Link> {
        self.topics.iter().flat_map(|t| t.links.iter())
    }

    /// The link `id`: the first in course order if ids repeat (only an invalid corpus has that).
    /// Looked up in a map made on the first call (`corpus` makes the course whole; later steps
    /// only read it).
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.link_position(id).and_then(|pos| self.link_at(pos))
    }

    /// (topic, link) of the link `id`. A course edited after its first lookup may not find
    /// topics or links moved or added since; a clone of it starts afresh.
    fn link_position(&self, id: &str) -> Option<(u32, u32)> {
        self.find_position(id, |l| l != TOPIC)
    }

    /// The position in `positions` of the topic (`is(TOPIC)`) or link (`is(l)`) named `id`.
    fn find_position(&self, id: &str, is: impl Fn(u32) -> bool) -> Option<(u32, u32)> {
        self.positions()
            .find(id_hash(id), id, is, |pos| self.id_at(pos))
    }

    fn link_at(&self, (t, l): (u32, u32)) -> Option<&Link> {
        self.topics.get(t as usize)?.links.get(l as usize)
    }

    /// The id at a position: a topic's when `l` is [`TOPIC`], else its link's.
    fn id_at(&self, (t, l): (u32, u32)) -> Option<&str> {
        let topic = self.topics.get(t as usize)?;
        match l {
            TOPIC => Some(&topic.id),
            l => topic.links.get(l as usize).map(|link| link.id.as_str()),
        }
    }

    fn positions(&self) -> &Positions {
        self.link_index.0.get_or_init(|| {
            let count = self.topics.iter().map(|t| t.links.len() + 1).sum();
            let mut items = hashbrown::HashTable::with_capacity(count);
            let mut first_link = Vec::with_capacity(self.topics.len());
            let mut links = 0u32;
            let id_at = |pos: &(u32, u32)| self.id_at(*pos).unwrap_or_default();
            let rehash = |at: &(u32, u32)| id_hash(id_at(at));
            // Topics first, so that a link is checked against every topic's id.
            for (t, topic) in self.topics.iter().enumerate() {
                first_link.push(links);
                links += topic.links.len() as u32;
                let same = |at: &(u32, u32)| at.1 == TOPIC && id_at(at) == topic.id;
                if let hashbrown::hash_table::Entry::Vacant(slot) =
                    items.entry(id_hash(&topic.id), same, rehash)
                {
                    slot.insert((t as u32, TOPIC));
                }
            }
            let mut repeated = Vec::new();
            for (t, topic) in self.topics.iter().enumerate() {
                for (l, link) in topic.links.iter().enumerate() {
                    let (pos, id, hash) =
                        ((t as u32, l as u32), link.id.as_str(), id_hash(&link.id));
                    match items.entry(hash, |at| id_at(at) == id, rehash) {
                        hashbrown::hash_table::Entry::Vacant(slot) => {
                            slot.insert(pos);
                            continue;
                        }
                        hashbrown::hash_table::Entry::Occupied(_) => repeated.push(pos),
                    }
                    // Only an invalid corpus gets here. A topic and a link may share an id:
                    // each is found as what it is. The first link of an id keeps it.
                    let is_link = |at: &(u32, u32)| at.1 != TOPIC && id_at(at) == id;
                    if items.find(hash, is_link).is_none() {
                        items.insert_unique(hash, pos, rehash);
                    }
                }
            }
            Positions {
                items,
                first_link,
                repeated,
            }
        })
    }

    /// The links whose id a topic or an earlier link already has, in course order: what
    /// `check` reports, found while the id table is made rather than by asking it again.
    pub(crate) fn repeated_links(&self) -> impl Iterator<Item = &Link> {
        let positions = &self.positions().repeated;
        positions.iter().filter_map(|&pos| self.link_at(pos))
    }

    /// The position of topic `id` in `topics`.
    pub(crate) fn topic_index(&self, id: &str) -> Option<usize> {
        self.find_position(id, |l| l == TOPIC)
            .map(|(t, _)| t as usize)
    }

    /// How many links the topics before topic number `t` hold.
    pub(crate) fn first_link(&self, t: usize) -> u32 {
        self.positions().first_link[t]
    }

    /// The number of link `l` of topic `t` (see [`Course::item_number`]).
    pub(crate) fn link_number(&self, t: usize, l: usize) -> u32 {
        (self.topics.len() + self.first_link(t) as usize + l) as u32
    }

    /// Topics and links numbered from 0: the topics in course order, then every link in course
    /// order. Later steps key their tables by these numbers instead of by id. A topic and a
    /// link with one id (only an invalid corpus has that) give the topic's.
    pub(crate) fn item_number(&self, id: &str) -> Option<u32> {
        // One hash for both probes: this runs for every requirement of a large course.
        let (positions, hash) = (self.positions(), id_hash(id));
        let id_at = |pos| self.id_at(pos);
        if let Some((t, _)) = positions.find(hash, id, |l| l == TOPIC, id_at) {
            return Some(t);
        }
        let (t, l) = positions.find(hash, id, |l| l != TOPIC, id_at)?;
        Some(self.link_number(t as usize, l as usize))
    }

    /// The `requires` of item number `n` as item numbers, one for each `Ref` in written order:
    /// [`NO_ITEM`] for a name that is no topic or link.
    pub(crate) fn required_items(&self, n: u32) -> &[u32] {
        let r = self.requirements();
        &r.items[r.starts[n as usize] as usize..r.starts[n as usize + 1] as usize]
    }

    /// The topic of item number `n`: itself for a topic, its topic for a link.
    pub(crate) fn item_topic(&self, n: u32) -> usize {
        let n = n as usize;
        if n < self.topics.len() {
            return n;
        }
        let k = (n - self.topics.len()) as u32;
        // The last topic whose links start at or before `k`.
        self.positions().first_link.partition_point(|&f| f <= k) - 1
    }

    fn requirements(&self) -> &Requirements {
        self.link_index.1.get_or_init(|| {
            let refs = self
                .topics
                .iter()
                .map(|t| &t.requires)
                .chain(self.links().map(|l| &l.requires));
            let mut starts = Vec::with_capacity(self.topics.len() + 1);
            let mut items = Vec::new();
            for requires in refs {
                starts.push(items.len() as u32);
                items.extend(
                    requires
                        .iter()
                        .map(|r| self.item_number(&r.id).unwrap_or(NO_ITEM)),
                );
            }
            starts.push(items.len() as u32);
            Requirements { starts, items }
        })
    }

    /// The id of item number `n` (see [`Course::item_number`]).
    pub(crate) fn item_id(&self, n: u32) -> &str {
        let n = n as usize;
        if n < self.topics.len() {
            return &self.topics[n].id;
        }
        let t = self.item_topic(n as u32);
        let k = (n - self.topics.len()) as u32;
        &self.topics[t].links[(k - self.positions().first_link[t]) as usize].id
    }

    pub(crate) fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(ids: &[&str]) -> Vec<Ref> {
        ids.iter().map(|id| Ref::new(id.parse().unwrap())).collect()
    }

    fn link(id: &str, topic: &str, requires: &[&str]) -> Link {
        let url = crate::corpus::url::check_url(&format!("https://example.org/{id}")).unwrap();
        let mut link = Link::new(LinkId::new(id).unwrap(), TopicId::new(topic).unwrap(), url);
        link.requires = refs(requires);
        link
    }

    fn topic(id: &str, requires: &[&str], links: Vec<Link>) -> Topic {
        let mut topic = Topic::new(TopicId::new(id).unwrap());
        topic.requires = refs(requires);
        topic.links = Links::from(links);
        topic
    }

    #[test]
    fn requirements_resolve_to_the_numbers_item_number_gives() {
        let course = Course {
            topics: vec![
                topic(
                    "a",
                    &[],
                    vec![link("a1", "a", &[]), link("a2", "a", &["a1"])],
                ),
                topic("b", &["a", "nowhere"], vec![]),
                topic(
                    "c",
                    &["b", "a"],
                    vec![link("c1", "c", &["a2", "b", "a2", "gone"])],
                ),
            ],
            ..Course::default()
        };
        // Topics 0..3, then the links in course order: a1 = 3, a2 = 4, c1 = 5.
        let numbers: Vec<u32> = ["a", "b", "c", "a1", "a2", "c1"]
            .iter()
            .map(|id| course.item_number(id).unwrap())
            .collect();
        assert_eq!(numbers, [0, 1, 2, 3, 4, 5]);
        assert_eq!(course.item_number("nowhere"), None);
        assert_eq!(course.required_items(0), [] as [u32; 0]);
        assert_eq!(course.required_items(1), [0, NO_ITEM]);
        assert_eq!(course.required_items(2), [1, 0]);
        assert_eq!(course.required_items(3), [] as [u32; 0]);
        assert_eq!(course.required_items(4), [3]);
        // Repeats stay, one number for each `Ref` as written.
        assert_eq!(course.required_items(5), [4, 1, 4, NO_ITEM]);
        let topics: Vec<usize> = (0..6).map(|n| course.item_topic(n)).collect();
        assert_eq!(topics, [0, 1, 2, 0, 0, 2]);
        let ids: Vec<&str> = (0..6).map(|n| course.item_id(n)).collect();
        assert_eq!(ids, ["a", "b", "c", "a1", "a2", "c1"]);
        // A clone numbers afresh: an edited copy does not answer from the original's table.
        let mut edited = course.clone();
        edited.topics[1].requires = refs(&["c1"]);
        assert_eq!(edited.required_items(1), [5]);
        assert_eq!(course.required_items(1), [0, NO_ITEM]);
    }

    #[test]
    fn a_topic_and_a_link_with_one_id_resolve_to_the_topic() {
        let course = Course {
            topics: vec![
                topic("a", &[], vec![link("b", "a", &[])]),
                topic("b", &[], vec![link("c", "b", &["b"])]),
            ],
            ..Course::default()
        };
        assert_eq!(course.item_number("b"), Some(1));
        assert_eq!(course.required_items(3), [1]);
    }

    #[test]
    fn repeated_ids_are_noted_and_the_first_keeps_each() {
        let mut later = link("b", "c", &[]);
        later.title = "later".into();
        let course = Course {
            topics: vec![
                // A link with a later topic's id, then with an earlier link's.
                topic("a", &[], vec![link("c", "a", &[]), link("x", "a", &[])]),
                topic("b", &[], vec![link("x", "b", &[])]),
                topic(
                    "c",
                    &[],
                    vec![link("b", "c", &[]), later, link("y", "c", &[])],
                ),
            ],
            ..Course::default()
        };
        let repeated: Vec<(&str, &str)> = course
            .repeated_links()
            .map(|l| (l.id.as_str(), l.topic.as_str()))
            .collect();
        assert_eq!(repeated, [("c", "a"), ("x", "b"), ("b", "c"), ("b", "c")]);
        assert_eq!(course.topic("c").unwrap().id, "c");
        assert_eq!(course.link("c").unwrap().topic, "a");
        assert_eq!(course.link("x").unwrap().topic, "a");
        assert_eq!(
            course.link("b").unwrap().title,
            course.topics[2].links[0].title
        );
        assert_ne!(course.link("b").unwrap().title, "later");
        assert_eq!(course.link("y").unwrap().topic, "c");
        assert_eq!(Course::default().repeated_links().count(), 0);
    }
}
