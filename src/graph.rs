//! The prerequisite graph (petgraph): which topic needs which, cycles with their whole path,
//! prerequisite depth and transitive closures.
//!
//! Topics are the nodes. An edge runs from a topic to a topic it needs, either written in its
//! `requires` or implied by one of its core links requiring a link or topic elsewhere: a link is
//! read under its own topic, so that topic has to come after whatever the link needs. An
//! optional link adds no edge: the core never waits for what the optional track builds on.

use crate::model::{Course, Link, Origin, Ref, Topic, NO_ITEM};
use foldhash::{HashMap, HashMapExt};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

/// What the graph and the planner read of a course: the whole course (the course itself), or
/// what a selection plans (`select::View`). Topics and links by their positions in the course.
pub(crate) trait CourseView<'a> {
    fn course(&self) -> &'a Course;
    /// Whether topic `t` is in it.
    fn has_topic(&self, t: usize) -> bool;
    /// Whether link `l` of topic `t` is in it.
    fn has_link(&self, t: usize, l: usize) -> bool;
    /// The requirements of topic `t` as planned.
    fn topic_requires(&self, t: usize) -> &[Ref];
    /// The requirements of link `l` of topic `t` as planned.
    fn link_requires(&self, t: usize, l: usize) -> &[Ref];
    /// The requirements of item number `n` (see [`Course::item_number`]) as planned, as item
    /// numbers: one for each of its `Ref`s.
    fn required_items(&self, n: u32) -> &[u32];
}

impl<'a> CourseView<'a> for &'a Course {
    fn course(&self) -> &'a Course {
        self
    }

    fn has_topic(&self, _: usize) -> bool {
        true
    }

    fn has_link(&self, _: usize, _: usize) -> bool {
        true
    }

    fn topic_requires(&self, t: usize) -> &[Ref] {
        &self.topics[t].requires
    }

    fn link_requires(&self, t: usize, l: usize) -> &[Ref] {
        &self.topics[t].links[l].requires
    }

    fn required_items(&self, n: u32) -> &[u32] {
        Course::required_items(self, n)
    }
}

/// Why one topic needs another: where it was written, and through which link if not directly.
#[derive(Clone, Debug)]
pub(crate) struct Edge {
    pub origin: Origin,
    pub via_link: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Graph {
    graph: DiGraph<String, Edge>,
    index: HashMap<String, NodeIndex>,
    /// For a topic graph of a course ([`Graph::of`]): by topic number, its node; by node, its
    /// topic number. The planner asks by number. Empty for other graphs.
    nodes: Vec<Option<NodeIndex>>,
    topics: Vec<u32>,
}

/// A cycle as the ids along it (first repeated at the end) and the edges that close it.
#[derive(Clone, Debug)]
pub(crate) struct Cycle {
    pub path: Vec<String>,
    pub edges: Vec<Edge>,
}

impl Cycle {
    /// The cycle drawn as `why` and `graph` draw prerequisites: `a -> b` when `a` is a
    /// prerequisite of `b`, that is, against the direction `path` follows (`b` requires `a`).
    pub fn display_path(&self) -> String {
        let mut ids: Vec<&str> = self.path.iter().map(String::as_str).collect();
        ids.reverse();
        ids.join(" -> ")
    }
}

impl Graph {
    /// The topic graph of `course`. Names that are not topics are left out here; `corpus`
    /// reports them (and builds this graph only once the ids are known to be unique).
    pub fn new(course: &Course) -> Self {
        Self::of(&course)
    }

    /// The topic graph of what `view` holds of a course: of the whole course, or of what a
    /// selection plans.
    pub(crate) fn of<'a>(view: &impl CourseView<'a>) -> Self {
        let course = view.course();
        let mut graph = DiGraph::new();
        let mut index = HashMap::with_capacity(course.topics.len());
        // By topic number: its node, if the view holds it.
        let mut node: Vec<Option<NodeIndex>> = vec![None; course.topics.len()];
        let mut topics = Vec::new();
        for (t, topic) in course.topics.iter().enumerate() {
            if view.has_topic(t) {
                let id = topic.id.to_string();
                let n = *index.entry(id.clone()).or_insert_with(|| {
                    topics.push(t as u32);
                    graph.add_node(id)
                });
                node[t] = Some(n);
            }
        }
        // By topic number: the last topic that got an edge to it, so each edge is added once
        // (the first written), without a set of every edge.
        let mut last_from = vec![u32::MAX; course.topics.len()];
        let mut add =
            |graph: &mut DiGraph<String, Edge>, t: usize, item: u32, edge: &dyn Fn() -> Edge| {
                if item == NO_ITEM {
                    return;
                }
                // A selection that leaves a topic out puts what it needed in its place, and that
                // may be a link: the topic then needs that link's topic.
                let to = course.item_topic(item);
                if to == t || last_from[to] == t as u32 {
                    return;
                }
                if let (Some(a), Some(b)) = (node[t], node[to]) {
                    last_from[to] = t as u32;
                    graph.add_edge(a, b, edge());
                }
            };
        for (t, topic) in course.topics.iter().enumerate() {
            if !view.has_topic(t) {
                continue;
            }
            let refs = view.topic_requires(t);
            for (r, &item) in refs.iter().zip(view.required_items(t as u32)) {
                let edge = || Edge {
                    origin: r.origin.clone(),
                    via_link: None,
                };
                add(&mut graph, t, item, &edge);
            }
            for (l, link) in topic.links.iter().enumerate() {
                // An optional link's requirements order the optional track only: they must
                // never make its topic need another one, or the core would wait for (and a
                // plan for one topic pull in) whatever the optional track builds on.
                if !view.has_link(t, l) || link.optional {
                    continue;
                }
                let refs = view.link_requires(t, l);
                let items = view.required_items(course.link_number(t, l));
                for (r, &item) in refs.iter().zip(items) {
                    let edge = || Edge {
                        origin: r.origin.clone(),
                        via_link: Some(link.id.to_string()),
                    };
                    add(&mut graph, t, item, &edge);
                }
            }
        }
        Graph {
            graph,
            index,
            nodes: node,
            topics,
        }
    }

    /// The links of one topic, with an edge for each link that needs another link of the same
    /// topic: the order to read them in.
    pub(crate) fn links_of(topic: &Topic) -> Self {
        Self::of_links(topic.links.iter().map(|l| (l, l.requires.as_slice())))
    }

    /// [`Graph::links_of`] for links given with their requirements.
    pub(crate) fn of_links<'a>(links: impl Iterator<Item = (&'a Link, &'a [Ref])> + Clone) -> Self {
        let mut edges = Vec::new();
        for (link, requires) in links.clone() {
            for r in requires {
                edges.push((
                    link.id.as_str(),
                    r.id.as_str(),
                    Edge {
                        origin: r.origin.clone(),
                        via_link: None,
                    },
                ));
            }
        }
        Self::from_parts(links.map(|(l, _)| l.id.to_string()), edges)
    }

    /// A graph over `nodes`; edges naming anything else are dropped, repeated ones kept once.
    pub(crate) fn from_parts<'s>(
        nodes: impl IntoIterator<Item = String>,
        edges: impl IntoIterator<Item = (&'s str, &'s str, Edge)>,
    ) -> Self {
        let mut graph = DiGraph::new();
        let mut index = HashMap::new();
        for id in nodes {
            if !index.contains_key(&id) {
                index.insert(id.clone(), graph.add_node(id));
            }
        }
        let mut seen = BTreeSet::new();
        for (from, to, edge) in edges {
            if let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) {
                if seen.insert((a, b)) {
                    graph.add_edge(a, b, edge);
                }
            }
        }
        Graph {
            graph,
            index,
            nodes: Vec::new(),
            topics: Vec::new(),
        }
    }

    /// Every cycle's strongly connected component, reported once as one concrete cycle that
    /// starts at its alphabetically first topic, so the message is the same on every run.
    pub(crate) fn cycles(&self) -> Vec<Cycle> {
        let mut cycles = Vec::new();
        for component in tarjan_scc(&self.graph) {
            let members: BTreeSet<NodeIndex> = component.iter().copied().collect();
            let self_loop =
                component.len() == 1 && self.graph.find_edge(component[0], component[0]).is_some();
            if component.len() < 2 && !self_loop {
                continue;
            }
            let start = *members
                .iter()
                .min_by_key(|&&n| &self.graph[n])
                .expect("component is not empty");
            if let Some(cycle) = self.cycle_through(start, &members) {
                cycles.push(cycle);
            }
        }
        cycles.sort_by(|a, b| a.path.cmp(&b.path));
        cycles
    }

    /// Shortest way round from `start` back to itself inside one component (breadth-first,
    /// neighbours by id), which keeps the printed cycle short and stable.
    fn cycle_through(&self, start: NodeIndex, members: &BTreeSet<NodeIndex>) -> Option<Cycle> {
        let mut previous: HashMap<NodeIndex, (NodeIndex, petgraph::graph::EdgeIndex)> =
            HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut end = None;
        'search: while let Some(node) = queue.pop_front() {
            let mut edges: Vec<_> = self.graph.edges(node).collect();
            edges.sort_by_key(|e| &self.graph[e.target()]);
            for edge in edges {
                let next = edge.target();
                if !members.contains(&next) {
                    continue;
                }
                if next == start {
                    end = Some((node, edge.id()));
                    break 'search;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(next) {
                    e.insert((node, edge.id()));
                    queue.push_back(next);
                }
            }
        }
        let (last, closing) = end?;
        let mut nodes = vec![last];
        let mut edges = vec![closing];
        let mut at = last;
        while at != start {
            let (before, edge) = previous[&at];
            nodes.push(before);
            edges.push(edge);
            at = before;
        }
        nodes.reverse();
        edges.reverse();
        let mut path: Vec<String> = nodes.iter().map(|&n| self.graph[n].clone()).collect();
        path.push(self.graph[start].clone());
        Some(Cycle {
            path,
            edges: edges.iter().map(|&e| self.graph[e].clone()).collect(),
        })
    }

    /// By topic number, for a topic graph of a course: the length of the longest chain of
    /// prerequisites under each topic (0 for a topic that needs nothing; `None` for a topic
    /// not in the graph). Only meaningful once `cycles()` is empty.
    pub(crate) fn topic_depths(&self) -> Vec<Option<usize>> {
        let depth = self.node_depths();
        self.nodes
            .iter()
            .map(|n| n.map(|n| depth[n.index()]))
            .collect()
    }

    /// By node index, the longest chain of prerequisites under it.
    fn node_depths(&self) -> Vec<usize> {
        let mut depth = vec![0; self.graph.node_count()];
        let order = petgraph::algo::toposort(&self.graph, None).unwrap_or_default();
        // Edges point at prerequisites, so walk from the end of the order (the roots) back.
        for &node in order.iter().rev() {
            depth[node.index()] = self
                .graph
                .neighbors_directed(node, Direction::Outgoing)
                .map(|n| depth[n.index()] + 1)
                .max()
                .unwrap_or(0);
        }
        depth
    }

    /// `ids` and everything they transitively need.
    pub(crate) fn closure<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
        self.reach(ids, Direction::Outgoing)
    }

    fn reach<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        dir: Direction,
    ) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stack: Vec<NodeIndex> = ids
            .into_iter()
            .filter_map(|id| self.index.get(id).copied())
            .collect();
        while let Some(node) = stack.pop() {
            if out.insert(self.graph[node].clone()) {
                stack.extend(self.graph.neighbors_directed(node, dir));
            }
        }
        out
    }

    /// The topics `id` needs directly, sorted.
    pub(crate) fn requires(&self, id: &str) -> Vec<String> {
        self.neighbours(id, Direction::Outgoing)
    }

    /// The topics `id` needs directly, with the edge that says so, sorted by id.
    pub(crate) fn requires_with_edges(&self, id: &str) -> Vec<(String, Edge)> {
        let Some(&node) = self.index.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<(String, Edge)> = self
            .graph
            .edges(node)
            .map(|e| (self.graph[e.target()].clone(), e.weight().clone()))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// By topic number, for a topic graph of a course: the topics topic `t` needs directly
    /// (`Outgoing`) or that need it (`Incoming`), as topic numbers, each once.
    pub(crate) fn topic_neighbours(&self, t: usize, dir: Direction) -> Vec<usize> {
        let Some(node) = self.nodes.get(t).copied().flatten() else {
            return Vec::new();
        };
        let mut out: Vec<usize> = self
            .graph
            .neighbors_directed(node, dir)
            .map(|n| self.topics[n.index()] as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn neighbours(&self, id: &str, dir: Direction) -> Vec<String> {
        let Some(&node) = self.index.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<String> = self
            .graph
            .neighbors_directed(node, dir)
            .map(|n| self.graph[n].clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Which of a topic's links need which others: `(needed, needing)` pairs of positions in `kept`
/// (the positions of the links `view` holds, ascending). Requirements naming anything else are
/// ignored. Found by item number: a large course is not looked up id by id.
pub(crate) fn link_needs<'a>(
    view: &impl CourseView<'a>,
    t: usize,
    kept: &[usize],
) -> Vec<(u32, u32)> {
    let course = view.course();
    let count = course.topics[t].links.len();
    let base = course.link_number(t, 0);
    let mut position = vec![u32::MAX; count];
    for (i, &l) in kept.iter().enumerate() {
        position[l] = i as u32;
    }
    let mut needs = Vec::new();
    for (i, &l) in kept.iter().enumerate() {
        for &n in view.required_items(base + l as u32) {
            let p = match n.checked_sub(base) {
                Some(p) if n != NO_ITEM && (p as usize) < count => position[p as usize],
                _ => continue,
            };
            if p != u32::MAX {
                needs.push((p, i as u32));
            }
        }
    }
    needs
}

/// A topological order of `count` links, `needs` saying which need which (`(needed, needing)`
/// pairs as [`link_needs`] gives them; one written twice counts once), that among the links
/// ready at each step takes the one with the smallest `key` (then the first). Positions from 0
/// to `count`; links on a cycle are left out. [`Graph::links_of`] without a graph of ids.
pub(crate) fn link_order<K: Ord>(
    count: usize,
    mut needs: Vec<(u32, u32)>,
    key: impl Fn(usize) -> K,
) -> Vec<usize> {
    // A topic holds a handful of links and this runs once per topic: flat arrays, not a map
    // and a vector per link (a twentieth of `plan` at 100k links).
    needs.sort_unstable();
    needs.dedup();
    // How many links each waits for.
    let mut waiting = vec![0u32; count];
    for &(_, i) in &needs {
        waiting[i as usize] += 1;
    }
    let mut ready: BinaryHeap<Reverse<(K, usize)>> = (0..count)
        .filter(|&i| waiting[i] == 0)
        .map(|i| Reverse((key(i), i)))
        .collect();
    let mut out = Vec::with_capacity(count);
    while let Some(Reverse((_, i))) = ready.pop() {
        out.push(i);
        let first = needs.partition_point(|&(j, _)| (j as usize) < i);
        for &(_, d) in needs[first..].iter().take_while(|&&(j, _)| j as usize == i) {
            waiting[d as usize] -= 1;
            if waiting[d as usize] == 0 {
                ready.push(Reverse((key(d as usize), d as usize)));
            }
        }
    }
    out
}
