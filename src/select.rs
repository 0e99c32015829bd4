//! Choosing what to learn: the reader's targets, what they already know, what they skip, and the
//! link filters (level, kinds, free access), applied to the course before it is planned.
//!
//! Items are topics and links (one id namespace). An item needs:
//! - a topic: the topics in its `requires`, and its own links (reading a topic means reading them);
//! - a link: the items in its `requires`, and the topics its own topic requires (a link is read
//!   under its topic, after that topic's prerequisites).
//!
//! An optional link's own `requires` are followed only when that link is wanted by name (a
//! target, or required by another optional link), never when it comes in with its topic:
//! otherwise reading a topic would pull in, and come to need, whatever its optional track
//! builds on.
//!
//! The plan holds what the targets need, found by walking that relation from the targets without
//! entering known topics: whatever is reachable only through a known topic is known too (the way
//! Metacademy prunes "implicitly learned" concepts). Skipped items and filtered links are removed
//! afterwards, so what they need stays in (the reader still lacks it); a removed item that
//! something in the plan needs is reported as a gap. Without targets the whole course is the goal:
//! every topic nothing else needs is a target, and topics are taken whole.

use crate::graph::CourseView;
use crate::model::{Access, Course, ItemId, Kind, Level, LinkId, Ref, TopicId, NO_ITEM};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What the reader chose. Ids are checked beforehand by `options::resolve`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Topic or link ids.
    pub targets: Vec<ItemId>,
    /// Topic ids.
    pub known: Vec<TopicId>,
    /// Topic or link ids.
    pub skip: Vec<ItemId>,
    /// Keep links up to this level.
    pub level: Option<Level>,
    /// Keep links of these kinds; empty keeps all.
    pub kinds: Vec<Kind>,
    /// Keep links with free access only.
    pub free: bool,
}

/// Why an item is not in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Exclusion {
    /// Named with `--known`.
    Known,
    /// Needed only through known topics; `through` are the known topics it sits under.
    ImpliedKnown {
        /// The known topics.
        through: Vec<TopicId>,
    },
    /// A link of a known topic.
    InKnownTopic {
        /// The known topic.
        topic: TopicId,
    },
    /// Named with `--skip`, or a link of a skipped topic.
    Skipped {
        /// The skipped topic, for a link of one.
        via: Option<TopicId>,
    },
    /// A link above `--level`.
    AboveLevel {
        /// The link's level.
        level: Level,
        /// `--level`.
        cap: Level,
    },
    /// A link whose kind `--kinds` leaves out.
    Kind {
        /// The link's kind.
        kind: Kind,
    },
    /// A link without free access under `--free`.
    NotFree {
        /// The link's access.
        access: Access,
    },
    /// No target needs it.
    NotNeeded,
}

impl Exclusion {
    pub(crate) fn describe(&self) -> String {
        match self {
            Exclusion::Known => "known (you said you know it)".into(),
            Exclusion::ImpliedKnown { through } => {
                let through: Vec<&str> = through.iter().map(TopicId::as_str).collect();
                format!(
                    "known: needed only through {}, which you know",
                    through.join(", ")
                )
            }
            Exclusion::InKnownTopic { topic } => format!("known: its topic `{topic}` is known"),
            Exclusion::Skipped { via: None } => "skipped".into(),
            Exclusion::Skipped { via: Some(t) } => format!("skipped with its topic `{t}`"),
            Exclusion::AboveLevel { level, cap } => {
                format!("above the level: {level}, the cap is {cap}")
            }
            Exclusion::Kind { kind } => format!("filtered: kind {kind} is not among --kinds"),
            Exclusion::NotFree { access } => format!("filtered: access is {access}, not free"),
            Exclusion::NotNeeded => "not needed by any target".into(),
        }
    }
}

/// A left-out item that something in the plan needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The item's id.
    pub id: ItemId,
    /// Its title.
    pub title: String,
    /// Why it was left out.
    #[serde(flatten)]
    pub why: Exclusion,
    /// Items in the plan that need it directly (or through other left-out items).
    pub needed_by: Vec<ItemId>,
}

/// What the selection did, for the top of the plan and for `why`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The targets as given; empty for the full course.
    pub targets: Vec<ItemId>,
    /// Topics given as known.
    pub known: Vec<TopicId>,
    /// Topics left out because they are needed only through known topics.
    pub implied_known: Vec<TopicId>,
    /// Items given with `--skip`.
    pub skipped: Vec<ItemId>,
    /// Left-out items that planned ones need.
    pub gaps: Vec<Gap>,
    /// The link filters in words (`level up to intermediate`, ...).
    pub filters: Vec<String>,
    /// Links the filters left out, with the reason.
    pub filtered: Vec<Left>,
    /// Topics in the plan left without any reading.
    pub empty_topics: Vec<TopicId>,
}

/// A link the filters left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Left {
    /// The link's id.
    pub id: LinkId,
    /// Its title.
    pub title: String,
    /// Which filter.
    #[serde(flatten)]
    pub why: Exclusion,
}

impl Report {
    /// True when the plan is the whole course, unfiltered.
    pub(crate) fn is_empty(&self) -> bool {
        self.targets.is_empty()
            && self.known.is_empty()
            && self.skipped.is_empty()
            && self.filters.is_empty()
    }
}

/// What to plan, as a view of the course (nothing of it is copied), what was left out, and how
/// each item got in (for `why`). Items are numbered as `Course::item_number` numbers them.
#[derive(Clone, Debug)]
pub struct Selected {
    /// What the selection did.
    pub report: Report,
    /// Every item of the original course not in the plan, with the reason.
    pub excluded: BTreeMap<ItemId, Exclusion>,
    /// The targets walked from (the given ones, or the course's final topics).
    pub roots: Vec<ItemId>,
    /// By item number: whether it is planned.
    planned: Vec<bool>,
    /// By item number, for planned items whose requirements name left-out items (or repeat
    /// one): the requirements as planned, each left-out item replaced by what it needed.
    requires: HashMap<u32, Rewritten>,
    /// By item number, for each item the targets need (in the plan or skipped): the items
    /// that pulled it in.
    parents: Parents,
}

/// By item number: the items that pulled it in, or `None` when it was not reached. Flat lists
/// rather than a vector per item: a walk over 100,000 links made as many allocations.
#[derive(Clone, Debug)]
struct Parents {
    /// Item `n`'s parents are `list[starts[n]..starts[n + 1]]`.
    starts: Vec<u32>,
    list: Vec<u32>,
    reached: Vec<bool>,
}

impl Parents {
    /// From `(item, parent)` pairs in the order they were found: each item's parents keep that
    /// order, with a parent repeated in a row kept once.
    fn new(reached: Vec<bool>, pairs: &[(u32, u32)]) -> Self {
        let mut starts = vec![0u32; reached.len() + 1];
        for &(n, _) in pairs {
            starts[n as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut list = vec![0u32; pairs.len()];
        for &(n, p) in pairs {
            list[next[n as usize] as usize] = p;
            next[n as usize] += 1;
        }
        // Drop repeats in a row, moving each item's list down.
        let (mut write, mut from) = (0usize, 0usize);
        for n in 0..reached.len() {
            let end = starts[n + 1] as usize;
            starts[n] = write as u32;
            for i in from..end {
                if write == starts[n] as usize || list[write - 1] != list[i] {
                    list[write] = list[i];
                    write += 1;
                }
            }
            from = end;
        }
        starts[reached.len()] = write as u32;
        list.truncate(write);
        Parents {
            starts,
            list,
            reached,
        }
    }

    fn of(&self, n: u32) -> Option<&[u32]> {
        let n = n as usize;
        self.reached[n].then(|| &self.list[self.starts[n] as usize..self.starts[n + 1] as usize])
    }
}

impl Selected {
    /// Whether the plan holds the whole course as written: nothing left out, no requirement
    /// rewritten.
    pub(crate) fn is_whole(&self) -> bool {
        self.excluded.is_empty() && self.requires.is_empty()
    }

    /// Whether topic `id` of `course` is planned.
    pub(crate) fn is_planned_topic(&self, course: &Course, id: &str) -> bool {
        course.topic_index(id).is_some_and(|t| self.planned[t])
    }

    /// The items that pulled `id` in, sorted (empty when the targets do not need it).
    pub(crate) fn needed_by<'c>(&self, course: &'c Course, id: &str) -> Vec<&'c str> {
        let Some(parents) = course.item_number(id).and_then(|n| self.parents.of(n)) else {
            return Vec::new();
        };
        let mut out: Vec<&str> = parents.iter().map(|&p| course.item_id(p)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The course as this selection plans it.
    pub(crate) fn view<'c, 's>(&'s self, course: &'c Course) -> View<'c, 's> {
        View {
            course,
            selected: self,
        }
    }
}

/// Requirements as planned: each `Ref` with its item number.
#[derive(Clone, Debug)]
struct Rewritten {
    refs: Vec<Ref>,
    items: Vec<u32>,
}

/// A course as a selection plans it: its planned topics and links, with the requirements as
/// planned. What the graph and the planner read (see [`CourseView`]).
#[derive(Clone, Copy)]
pub(crate) struct View<'c, 's> {
    course: &'c Course,
    selected: &'s Selected,
}

impl<'c> CourseView<'c> for View<'c, '_> {
    fn course(&self) -> &'c Course {
        self.course
    }

    fn has_topic(&self, t: usize) -> bool {
        self.selected.planned[t]
    }

    fn has_link(&self, t: usize, l: usize) -> bool {
        self.selected.planned[self.course.link_number(t, l) as usize]
    }

    fn topic_requires(&self, t: usize) -> &[Ref] {
        match self.selected.requires.get(&(t as u32)) {
            Some(rewritten) => &rewritten.refs,
            None => &self.course.topics[t].requires,
        }
    }

    fn link_requires(&self, t: usize, l: usize) -> &[Ref] {
        match self.selected.requires.get(&self.course.link_number(t, l)) {
            Some(rewritten) => &rewritten.refs,
            None => &self.course.topics[t].links[l].requires,
        }
    }

    fn required_items(&self, n: u32) -> &[u32] {
        match self.selected.requires.get(&n) {
            Some(rewritten) => &rewritten.items,
            None => self.course.required_items(n),
        }
    }
}

impl Selection {
    fn filter_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(cap) = self.level {
            out.push(format!("level up to {cap}"));
        }
        if !self.kinds.is_empty() {
            let words: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            out.push(format!("kinds: {}", words.join(", ")));
        }
        if self.free {
            out.push("free access only".into());
        }
        out
    }

    fn link_filter(&self, link: &crate::model::Link) -> Option<Exclusion> {
        if let Some(cap) = self.level {
            if link.level > cap {
                return Some(Exclusion::AboveLevel {
                    level: link.level,
                    cap,
                });
            }
        }
        if !self.kinds.is_empty() && !self.kinds.contains(&link.kind) {
            return Some(Exclusion::Kind { kind: link.kind });
        }
        if self.free && link.access != Access::Free {
            return Some(Exclusion::NotFree {
                access: link.access,
            });
        }
        None
    }
}

/// The items one item needs, as defined in the module documentation, over dense numbers: topics
/// first (in course order), then links. Made once per selection; ids only at the edges.
struct Needs<'a> {
    ids: Vec<&'a str>,
    /// Ids to numbers: the course's own table.
    course: &'a Course,
    topics: usize,
    /// A link's topic; `NONE` for a topic.
    topic_of: Vec<u32>,
    /// Item `i` needs `needs[starts[i]..starts[i + 1]]`: prerequisites in written order, then
    /// (for a topic) its links. One flat list, not a vector per item.
    needs: Vec<u32>,
    starts: Vec<u32>,
    /// How many of `needs` are prerequisites.
    prerequisites: Vec<usize>,
    /// An optional link's own requirements, followed only when it is wanted by name (see the
    /// module documentation): item `i`'s are `soft[soft_starts[i]..soft_starts[i + 1]]`.
    soft: Vec<u32>,
    soft_starts: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<'a> Needs<'a> {
    fn new(course: &'a Course) -> Self {
        let topics = course.topics.len();
        let mut ids: Vec<&'a str> = course.topics.iter().map(|t| t.id.as_str()).collect();
        let mut topic_of = vec![NONE; topics];
        for (t, topic) in course.topics.iter().enumerate() {
            for link in &topic.links {
                ids.push(&link.id);
                topic_of.push(t as u32);
            }
        }
        let resolve = |n: usize, out: &mut Vec<u32>| {
            let items = course.required_items(n as u32);
            out.extend(items.iter().copied().filter(|&i| i != NO_ITEM));
        };
        let mut needs = Vec::with_capacity(ids.len() * 3);
        let mut starts = Vec::with_capacity(ids.len() + 1);
        let mut prerequisites = Vec::with_capacity(ids.len());
        let mut soft = Vec::new();
        let mut soft_starts = vec![0u32; topics + 1];
        let mut first_link = topics;
        for (t, topic) in course.topics.iter().enumerate() {
            starts.push(needs.len() as u32);
            resolve(t, &mut needs);
            prerequisites.push(needs.len() - *starts.last().unwrap() as usize);
            needs.extend(first_link as u32..(first_link + topic.links.len()) as u32);
            first_link += topic.links.len();
        }
        let optional = course
            .topics
            .iter()
            .flat_map(|t| &t.links)
            .map(|l| l.optional);
        for ((n, t), optional) in (topics..).zip(&topic_of[topics..]).zip(optional) {
            starts.push(needs.len() as u32);
            if optional {
                resolve(n, &mut soft);
            } else {
                resolve(n, &mut needs);
            }
            soft_starts.push(soft.len() as u32);
            resolve(*t as usize, &mut needs);
            prerequisites.push(needs.len() - *starts.last().unwrap() as usize);
        }
        starts.push(needs.len() as u32);
        Needs {
            ids,
            course,
            topics,
            topic_of,
            needs,
            starts,
            prerequisites,
            soft,
            soft_starts,
        }
    }

    /// An optional link's own requirements (empty for anything else).
    fn soft_of(&self, i: usize) -> &[u32] {
        &self.soft[self.soft_starts[i] as usize..self.soft_starts[i + 1] as usize]
    }

    /// The number of the item `id` (see [`Course::item_number`]).
    fn number(&self, id: &str) -> Option<u32> {
        self.course.item_number(id)
    }

    /// What item `i` needs: its prerequisites, then (for a topic) its links.
    fn of(&self, i: usize) -> &[u32] {
        &self.needs[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    fn is_topic(&self, id: &str) -> bool {
        self.number(id).is_some_and(|i| (i as usize) < self.topics)
    }

    fn topic_of(&self, id: &str) -> &'a str {
        match self.number(id).map(|i| self.topic_of[i as usize]) {
            Some(t) if t != NONE => self.ids[t as usize],
            _ => "",
        }
    }

    /// The prerequisites of `id` (not its contained links, nor an optional link's own
    /// requirements), in written order.
    fn prerequisites(&self, id: &str) -> Vec<&'a str> {
        let Some(i) = self.number(id) else {
            return Vec::new();
        };
        let i = i as usize;
        self.of(i)[..self.prerequisites[i]]
            .iter()
            .map(|&n| self.ids[n as usize])
            .collect()
    }
}

/// What a walk reached: for each item (by number), the items that pulled it in, or `None`.
struct Reach<'n, 'a> {
    needs: &'n Needs<'a>,
    parents: Parents,
}

impl<'a> Reach<'_, 'a> {
    /// Whether item number `n` was reached.
    fn reached(&self, n: u32) -> bool {
        self.parents.reached[n as usize]
    }

    fn contains_key(&self, id: &str) -> bool {
        self.needs
            .number(id)
            .is_some_and(|i| self.parents.reached[i as usize])
    }

    fn get(&self, id: &str) -> Option<Vec<&'a str>> {
        let i = self.needs.number(id)?;
        let parents = self.parents.of(i)?;
        Some(
            parents
                .iter()
                .map(|&p| self.needs.ids[p as usize])
                .collect(),
        )
    }

    /// Every reached item with its parents.
    fn iter(&self) -> impl Iterator<Item = (&'a str, Vec<&'a str>)> + '_ {
        (0..self.parents.reached.len()).filter_map(|i| {
            let ps = self.parents.of(i as u32)?;
            let ids = &self.needs.ids;
            Some((ids[i], ps.iter().map(|&p| ids[p as usize]).collect()))
        })
    }
}

/// The items reachable from `roots` without entering `stop`, with who pulled each in.
fn walk<'n, 'a>(
    needs: &'n Needs<'a>,
    roots: &[&'a str],
    stop: &dyn Fn(u32) -> bool,
    whole_topics: bool,
) -> Reach<'n, 'a> {
    let count = needs.ids.len();
    let mut reached = vec![false; count];
    // Whether an item was wanted by name (a root, or required), so that an optional link's own
    // requirements are followed; and whether it was processed, so that one wanted by name only
    // after it came in with its topic has its requirements followed then.
    let mut named = vec![false; count];
    let mut processed = vec![false; count];
    // (item, parent) as found: a parent is pushed only while it is processed, so a repeat
    // comes right after its first in the item's list.
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    // (item, whether only its soft requirements are left to follow).
    let mut queue: VecDeque<(u32, bool)> = VecDeque::new();
    for root in roots {
        let Some(root) = needs.number(root) else {
            continue;
        };
        if !stop(root) && !reached[root as usize] {
            reached[root as usize] = true;
            named[root as usize] = true;
            queue.push_back((root, false));
        }
    }
    while let Some((id, soft_only)) = queue.pop_front() {
        let i = id as usize;
        processed[i] = true;
        // For the full course a topic is read whole once anything in it is.
        let whole = (whole_topics && i >= needs.topics).then(|| needs.topic_of[i]);
        let own: &[u32] = if soft_only { &[] } else { needs.of(i) };
        let soft = if named[i] { needs.soft_of(i) } else { &[] };
        let prerequisites = if soft_only { 0 } else { needs.prerequisites[i] };
        let edges = own.iter().zip(0..).map(|(&n, k)| (n, k < prerequisites));
        let edges = edges
            .chain(whole.filter(|_| !soft_only).map(|t| (t, false)))
            .chain(soft.iter().map(|&n| (n, true)));
        for (n, by_name) in edges {
            if stop(n) {
                continue;
            }
            let j = n as usize;
            if by_name && !named[j] {
                named[j] = true;
                if processed[j] && !needs.soft_of(j).is_empty() {
                    queue.push_back((n, true));
                }
            }
            if !reached[j] {
                reached[j] = true;
                queue.push_back((n, false));
            }
            pairs.push((n, id));
        }
    }
    Reach {
        needs,
        parents: Parents::new(reached, &pairs),
    }
}

/// Topics no other topic needs, in course order: the final topics. "Needs" as the topic graph
/// has it: written in `requires`, or implied by a link requiring an item of another topic.
fn final_topics<'a>(needs: &Needs<'a>) -> Vec<&'a str> {
    let mut needed = vec![false; needs.topics];
    let topic = |i: u32| match needs.topic_of[i as usize] {
        NONE => i,
        t => t,
    };
    for (i, n) in (0..needs.ids.len()).map(|i| (i, needs.of(i))) {
        let own = topic(i as u32);
        for &p in &n[..needs.prerequisites[i]] {
            if topic(p) != own {
                needed[topic(p) as usize] = true;
            }
        }
    }
    (0..needs.topics)
        .filter(|&t| !needed[t])
        .map(|t| needs.ids[t])
        .collect()
}

/// Apply a checked selection to `course`: walk from the targets, decide what is left out and
/// why, plan what is left with its requirements bypassing what is gone, and report the gaps.
pub fn apply(course: &Course, selection: &Selection) -> Selected {
    let needs = Needs::new(course);
    let known: BTreeSet<&str> = selection.known.iter().map(TopicId::as_str).collect();
    let mut known_item = vec![false; needs.ids.len()];
    for id in &known {
        if let Some(i) = needs.number(id) {
            known_item[i as usize] = true;
        }
    }
    let is_known = |i: u32| {
        let t = needs.topic_of[i as usize];
        known_item[i as usize] || (t != NONE && known_item[t as usize])
    };

    let whole_course = selection.targets.is_empty();
    let roots: Vec<&str> = if whole_course {
        final_topics(&needs)
    } else {
        // `options::resolve` already removed repeated targets.
        selection.targets.iter().map(ItemId::as_str).collect()
    };
    let pruned = walk(&needs, &roots, &is_known, whole_course);
    // Without known topics nothing is pruned: the unpruned walk is the same walk.
    let unpruned = (!known.is_empty()).then(|| walk(&needs, &roots, &|_| false, whole_course));
    let full = unpruned.as_ref().unwrap_or(&pruned);

    let excluded = exclusions(course, selection, &known, &pruned, full);
    let planned: Vec<bool> = needs
        .ids
        .iter()
        .map(|id| excluded.is_empty() || !excluded.contains_key(*id))
        .collect();
    let requires = planned_requires(course, &needs, &planned);
    let gaps = gaps(&needs, &pruned, &excluded, &planned);
    let report = report(course, selection, &needs, &planned, &excluded, gaps);
    Selected {
        report,
        excluded,
        roots: roots.iter().map(|r| ItemId::from_checked(r)).collect(),
        planned,
        requires,
        parents: pruned.parents,
    }
}

/// Every item of `course` the selection leaves out, with the reason.
fn exclusions(
    course: &Course,
    selection: &Selection,
    known: &BTreeSet<&str>,
    pruned: &Reach<'_, '_>,
    full: &Reach<'_, '_>,
) -> BTreeMap<ItemId, Exclusion> {
    let skip: BTreeSet<&str> = selection.skip.iter().map(ItemId::as_str).collect();
    // Reached only without the known topics' pruning: known, through the ones above it.
    let unreached = |id: &str| {
        if full.contains_key(id) {
            Exclusion::ImpliedKnown {
                through: known_above(full, known, id),
            }
        } else {
            Exclusion::NotNeeded
        }
    };
    let mut excluded: BTreeMap<ItemId, Exclusion> = BTreeMap::new();
    for (t, topic) in course.topics.iter().enumerate() {
        let tid = topic.id.as_str();
        let mut kept_links = 0;
        for (l, link) in topic.links.iter().enumerate() {
            let lid = link.id.as_str();
            let why = if known.contains(tid) {
                Some(Exclusion::InKnownTopic {
                    topic: topic.id.clone(),
                })
            } else if !pruned.reached(course.link_number(t, l)) {
                Some(unreached(lid))
            } else if skip.contains(lid) {
                Some(Exclusion::Skipped { via: None })
            } else if skip.contains(tid) {
                Some(Exclusion::Skipped {
                    via: Some(topic.id.clone()),
                })
            } else {
                selection.link_filter(link)
            };
            match why {
                Some(why) => {
                    excluded.insert(ItemId::from(&link.id), why);
                }
                None => kept_links += 1,
            }
        }
        // A topic is planned when it is needed as a whole, or holds a link that is.
        let topic_why = if known.contains(tid) {
            Some(Exclusion::Known)
        } else if skip.contains(tid) {
            Some(Exclusion::Skipped { via: None })
        } else if pruned.reached(t as u32) || kept_links > 0 {
            None
        } else {
            Some(unreached(tid))
        };
        if let Some(why) = topic_why {
            excluded.insert(ItemId::from(&topic.id), why);
        }
    }
    excluded
}

/// The requirements of planned items that name a left-out item (or one item twice). What a
/// removed prerequisite was needed for must still come after what it needed, so such a
/// requirement names what it needed instead.
fn planned_requires(
    course: &Course,
    needs: &Needs<'_>,
    planned: &[bool],
) -> HashMap<u32, Rewritten> {
    let bypass = |refs: &[Ref]| -> Rewritten {
        let mut out = Rewritten {
            refs: Vec::new(),
            items: Vec::new(),
        };
        let mut seen = HashSet::new();
        let mut stack: Vec<(&str, &crate::model::Origin)> = refs
            .iter()
            .rev()
            .map(|r| (r.id.as_str(), &r.origin))
            .collect();
        while let Some((id, origin)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(n) = needs.number(id).filter(|&n| planned[n as usize]) {
                out.refs.push(Ref {
                    id: ItemId::from_checked(id),
                    origin: origin.clone(),
                });
                out.items.push(n);
            } else {
                let mut through = needs.prerequisites(id);
                // What a removed topic's core links needed; its optional track needs nothing
                // of the plan (see the module documentation).
                if let Some(t) = course.topic(id) {
                    for l in t.links.iter().filter(|l| !l.optional) {
                        through.extend(l.requires.iter().map(|r| r.id.as_str()));
                    }
                }
                // Only an optional link can require an optional one: pass on what it needed.
                if let Some(l) = course.link(id).filter(|l| l.optional) {
                    through.extend(l.requires.iter().map(|r| r.id.as_str()));
                }
                stack.extend(through.into_iter().rev().map(|n| (n, origin)));
            }
        }
        out
    };
    // Most requirements name planned items, once each: those stay as written.
    let as_written = |items: &[u32]| {
        items
            .iter()
            .enumerate()
            .all(|(i, &n)| n != NO_ITEM && planned[n as usize] && !items[..i].contains(&n))
    };
    let mut out = HashMap::new();
    let refs = course
        .topics
        .iter()
        .map(|t| &t.requires)
        .chain(course.links().map(|l| &l.requires));
    for (n, refs) in refs.enumerate() {
        if planned[n] && !as_written(course.required_items(n as u32)) {
            out.insert(n as u32, bypass(refs));
        }
    }
    out
}

/// Left-out items that something in the plan needs, with the planned items that need them.
fn gaps(
    needs: &Needs<'_>,
    pruned: &Reach<'_, '_>,
    excluded: &BTreeMap<ItemId, Exclusion>,
    planned: &[bool],
) -> BTreeMap<ItemId, BTreeSet<ItemId>> {
    let mut gaps: BTreeMap<ItemId, BTreeSet<ItemId>> = BTreeMap::new();
    if excluded.is_empty() {
        return gaps;
    }
    let in_plan = |id: &str| needs.number(id).is_some_and(|i| planned[i as usize]);
    for (id, parents) in pruned.iter() {
        if in_plan(id) {
            continue;
        }
        let Some(why) = excluded.get(id) else {
            continue;
        };
        // Links left out with their own topic are reported as that topic, not one by one.
        if matches!(
            why,
            Exclusion::NotNeeded | Exclusion::Skipped { via: Some(_) }
        ) {
            continue;
        }
        let users: BTreeSet<&str> = parents
            .iter()
            .copied()
            .filter(|p| in_plan(p) && !is_container(needs, p, id))
            .collect();
        // A link needing what its own topic needs says nothing new: name the topic.
        let users: BTreeSet<ItemId> = users
            .iter()
            .filter(|u| !users.contains(needs.topic_of(u)))
            .map(|u| ItemId::from_checked(u))
            .collect();
        if !users.is_empty() {
            gaps.entry(ItemId::from_checked(id))
                .or_default()
                .extend(users);
        }
    }
    gaps
}

/// What the selection did, in the words and lists the plan shows.
fn report(
    course: &Course,
    selection: &Selection,
    needs: &Needs<'_>,
    planned: &[bool],
    excluded: &BTreeMap<ItemId, Exclusion>,
    gaps: BTreeMap<ItemId, BTreeSet<ItemId>>,
) -> Report {
    let title_of = |id: &str| -> String {
        course
            .topic(id)
            .map(|t| t.title.as_str())
            .or_else(|| course.link(id).map(|l| l.title.as_str()))
            .unwrap_or_default()
            .to_string()
    };
    let mut report = Report {
        targets: selection.targets.clone(),
        known: selection.known.clone(),
        skipped: selection.skip.clone(),
        filters: selection.filter_words(),
        ..Report::default()
    };
    for (id, why) in excluded {
        match why {
            Exclusion::ImpliedKnown { .. } => {
                if let Some(topic) = course.topic(id) {
                    report.implied_known.push(topic.id.clone())
                }
            }
            // Only links are filtered.
            Exclusion::AboveLevel { .. } | Exclusion::Kind { .. } | Exclusion::NotFree { .. } => {
                if let Some(link) = course.link(id) {
                    report.filtered.push(Left {
                        id: link.id.clone(),
                        title: link.title.clone(),
                        why: why.clone(),
                    })
                }
            }
            _ => {}
        }
    }
    report.gaps = gaps
        .into_iter()
        .map(|(id, needed_by)| Gap {
            title: title_of(&id),
            why: excluded[&id].clone(),
            needed_by: needed_by.into_iter().collect(),
            id,
        })
        .collect();
    report.empty_topics = course
        .topics
        .iter()
        .enumerate()
        .filter(|&(t, topic)| {
            planned[t]
                && (0..topic.links.len())
                    .all(|l| !planned[needs.topics + course.first_link(t) as usize + l])
        })
        .map(|(_, topic)| topic.id.clone())
        .collect();
    report
}

/// A topic containing its own link is not "needing" it in the sense of a gap.
fn is_container(needs: &Needs<'_>, parent: &str, child: &str) -> bool {
    needs.is_topic(parent) && needs.topic_of(child) == parent
}

/// The known topics `id` sits under: those among its dependents in the unpruned walk.
fn known_above(full: &Reach<'_, '_>, known: &BTreeSet<&str>, id: &str) -> Vec<TopicId> {
    let mut out = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![id];
    while let Some(at) = stack.pop() {
        if !seen.insert(at) {
            continue;
        }
        if known.contains(at) {
            out.insert(TopicId::from_checked(at));
            continue;
        }
        if let Some(parents) = full.get(at) {
            stack.extend(parents);
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
#[path = "select_props.rs"]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_keep_their_order_and_drop_repeats_in_a_row() {
        let reached = vec![true, false, true, true, true];
        // Item 0 is a root; 2 is pulled in by 0 twice in a row, then by 3 and by 0 again.
        let pairs = [(2, 0), (3, 0), (2, 0), (4, 3), (2, 3), (4, 3), (2, 0)];
        let parents = Parents::new(reached, &pairs);
        assert_eq!(parents.of(0), Some(&[][..]));
        assert_eq!(parents.of(1), None);
        assert_eq!(parents.of(2), Some(&[0, 3, 0][..]));
        assert_eq!(parents.of(3), Some(&[0][..]));
        assert_eq!(parents.of(4), Some(&[3][..]));
        let none = Parents::new(vec![false; 3], &[]);
        assert_eq!((0..3).filter_map(|n| none.of(n)).count(), 0);
    }
}
