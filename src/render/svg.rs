//! The prerequisite graph as inline SVG, laid out by stage without Graphviz or JavaScript.
//!
//! A layered (Sugiyama-style) layout, top to bottom, of the transitive reduction (see
//! `render::graph`). Each stage is a band: a header layer holding the stage's title, then one
//! layer per depth inside the stage. A long edge gets a waypoint in every layer it crosses, the
//! header layers included, so it runs in its own column past nodes and titles instead of through
//! them. The order inside each layer comes from barycenter sweeps that keep the arrangement with
//! the fewest crossings; positions then pull each slot towards its neighbours (a least-squares
//! fit under the layer's order, solved exactly by pool-adjacent-violators), which straightens
//! long edges. Labels wrap to as many lines as they need. The SVG scales to its column through
//! its `viewBox`; colours come from CSS classes so the page's light and dark themes apply.

use super::graph::reduction;
use super::html::escape;
use crate::plan::{Plan, PlanTopic};
use std::fmt::Write as _;

const NODE_W: f64 = 150.0;
/// Characters per line of a node label (13px text in a 150px box).
const LINE_CHARS: usize = 19;
/// Characters per line of a stage title, and the width one such character takes.
const TITLE_CHARS: usize = 34;
const TITLE_CHAR_W: f64 = 7.6;
const LINE_H: f64 = 16.0;
const NODE_PAD: f64 = 14.0;
const GAP_X: f64 = 18.0;
/// The width of a waypoint, and the gap between two of them.
const WAYPOINT_W: f64 = 4.0;
const WAYPOINT_GAP: f64 = 6.0;
/// Vertical gaps: between layers of a stage, after a stage's title, between stages.
const GAP_Y: f64 = 40.0;
const TITLE_GAP: f64 = 14.0;
const STAGE_GAP: f64 = 30.0;
const MARGIN: f64 = 12.0;

/// The graph's SVG, how many implied requirements it leaves out, and its natural width in px.
pub struct GraphSvg {
    pub svg: String,
    pub implied: usize,
    pub width: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum What {
    Topic(usize),
    Waypoint,
}

struct Slot {
    what: What,
    width: f64,
    lines: Vec<String>,
}

/// The layout: slots per layer, each edge as a chain of (layer, slot), and where things go.
struct Layout {
    layers: Vec<Vec<Slot>>,
    chains: Vec<Vec<(usize, usize)>>,
    /// The horizontal centre of each slot, and the top and height of each layer.
    x: Vec<Vec<f64>>,
    top: Vec<f64>,
    height: Vec<f64>,
    /// For each stage: its header layer and its last layer.
    bands: Vec<(usize, usize)>,
    /// Each stage's title in lines, and its width; it sits at the left of the header layer.
    titles: Vec<(Vec<String>, f64)>,
}

/// The graph of `plan` as an `<svg>` element; `href` gives each topic's page.
pub fn graph_svg(plan: &Plan, href: impl Fn(&str) -> String) -> GraphSvg {
    let topics: Vec<&PlanTopic> = plan.topics().collect();
    if topics.is_empty() {
        return GraphSvg {
            svg: String::new(),
            implied: 0,
            width: 0.0,
        };
    }
    let reduced = reduction(&topics);
    let mut layout = layers(plan, &topics);
    layout.add_edges(&reduced.drawn, &topics);
    layout.arrange();
    GraphSvg {
        svg: draw(&layout, &topics, &href),
        implied: reduced.implied.len(),
        width: layout.width(),
    }
}

/// Layers and their slots: per stage, a header layer with the title, then the topics, each one
/// layer below its deepest prerequisite in the same stage (plan order is topological).
fn layers(plan: &Plan, topics: &[&PlanTopic]) -> Layout {
    let mut depth = vec![0usize; topics.len()];
    let mut at = foldhash::HashMap::default();
    let mut layers: Vec<Vec<Slot>> = Vec::new();
    let mut bands = Vec::new();
    let mut titles = Vec::new();
    let mut i = 0;
    for (s, stage) in plan.stages.iter().enumerate() {
        let title = wrap(&format!("Stage {}: {}", s + 1, stage.title), TITLE_CHARS);
        let width = title.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
        titles.push((title, width * TITLE_CHAR_W));
        let header = layers.len();
        layers.push(Vec::new());
        for topic in &stage.topics {
            for r in &topic.requires {
                if let Some(&(j, rs)) = at.get(r.as_str()) {
                    if rs == s {
                        depth[i] = depth[i].max(depth[j] + 1);
                    }
                }
            }
            at.insert(topic.id.as_str(), (i, s));
            let layer = header + 1 + depth[i];
            if layers.len() <= layer {
                layers.resize_with(layer + 1, Vec::new);
            }
            layers[layer].push(Slot {
                what: What::Topic(i),
                width: NODE_W,
                lines: wrap(&topic.title, LINE_CHARS),
            });
            i += 1;
        }
        bands.push((header, layers.len() - 1));
    }
    Layout {
        layers,
        chains: Vec::new(),
        x: Vec::new(),
        top: Vec::new(),
        height: Vec::new(),
        bands,
        titles,
    }
}

impl Layout {
    /// Each drawn edge as a chain of slots, with a waypoint in every layer it crosses.
    fn add_edges(&mut self, drawn: &[Vec<usize>], topics: &[&PlanTopic]) {
        let mut slot_of = vec![(0, 0); topics.len()];
        for (l, layer) in self.layers.iter().enumerate() {
            for (s, slot) in layer.iter().enumerate() {
                if let What::Topic(i) = slot.what {
                    slot_of[i] = (l, s);
                }
            }
        }
        for (i, needs) in drawn.iter().enumerate() {
            for &j in needs {
                let (from, to) = (slot_of[j], slot_of[i]);
                if from.0 >= to.0 {
                    continue;
                }
                let mut chain = vec![from];
                for l in from.0 + 1..to.0 {
                    chain.push((l, self.layers[l].len()));
                    self.layers[l].push(Slot {
                        what: What::Waypoint,
                        width: WAYPOINT_W,
                        lines: Vec::new(),
                    });
                }
                chain.push(to);
                self.chains.push(chain);
            }
        }
    }

    /// Order each layer, then place slots left to right and layers top to bottom.
    fn arrange(&mut self) {
        let counts: Vec<usize> = self.layers.iter().map(Vec::len).collect();
        let segments: Vec<(usize, usize, usize)> = self
            .chains
            .iter()
            .flat_map(|c| c.windows(2).map(|w| (w[0].0, w[0].1, w[1].1)))
            .collect();
        let rank = order_layers(&counts, &segments);
        let mut title_w = vec![0.0; self.layers.len()];
        for (s, &(header, _)) in self.bands.iter().enumerate() {
            title_w[header] = self.titles[s].1;
        }
        self.x = place(&self.layers, &rank, &segments, &title_w);
        self.clear_titles();
        let mut y = MARGIN;
        let mut after_header = false;
        for (l, layer) in self.layers.iter().enumerate() {
            let header = self.bands.iter().position(|b| b.0 == l);
            let lines = match header {
                Some(s) => self.titles[s].0.len(),
                None => layer.iter().map(|s| s.lines.len()).max().unwrap_or(1),
            }
            .max(1);
            let is_header = header.is_some();
            let (h, gap) = match (is_header, after_header) {
                (true, _) => (lines as f64 * LINE_H + 4.0, STAGE_GAP),
                (false, true) => (lines as f64 * LINE_H + NODE_PAD, TITLE_GAP),
                (false, false) => (lines as f64 * LINE_H + NODE_PAD, GAP_Y),
            };
            if l > 0 {
                y += gap;
            }
            after_header = is_header;
            self.top.push(y);
            self.height.push(h);
            y += h;
        }
    }
}

impl Layout {
    fn width(&self) -> f64 {
        let right = self
            .layers
            .iter()
            .zip(&self.x)
            .flat_map(|(layer, x)| layer.iter().zip(x).map(|(s, c)| c + s.width / 2.0))
            .fold(NODE_W, f64::max);
        (right + MARGIN).round()
    }

    /// Move everything right as far as it takes for each stage's title, at the left margin, to
    /// end before the first edge crossing its header layer. Usually that is nothing: long edges
    /// keep to the middle, and the title to the left of them.
    fn clear_titles(&mut self) {
        let mut shift: f64 = 0.0;
        for (s, &(header, _)) in self.bands.iter().enumerate() {
            let first = self.layers[header]
                .iter()
                .zip(&self.x[header])
                .map(|(slot, c)| c - slot.width / 2.0)
                .fold(f64::INFINITY, f64::min);
            shift = shift.max(MARGIN + self.titles[s].1 + GAP_X - first);
        }
        for c in self.x.iter_mut().flatten() {
            *c += shift;
        }
    }
}

/// The text in lines of at most `max` characters, broken at spaces, or after a hyphen or at
/// `max` inside a longer word. Nothing is cut off.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    for word in text.split_whitespace() {
        let mut rest: Vec<char> = word.chars().collect();
        while rest.len() > max {
            let cut = rest[..max]
                .iter()
                .rposition(|&c| c == '-')
                .map_or(max, |p| p + 1);
            pieces.push((rest.drain(..cut).collect::<String>(), false));
        }
        pieces.push((rest.into_iter().collect::<String>(), true));
    }
    let mut lines: Vec<String> = Vec::new();
    let mut joinable = false;
    for (piece, ends_word) in pieces {
        match lines.last_mut() {
            Some(line) if joinable && line.chars().count() + 1 + piece.chars().count() <= max => {
                line.push(' ');
                line.push_str(&piece);
            }
            _ => lines.push(piece),
        }
        joinable = ends_word;
    }
    lines
}

/// Horizontal centres: packed left to right in rank order, then sweeps that pull each slot to
/// the mean of its neighbours above, below, then both, keeping order and gaps.
fn place(
    layers: &[Vec<Slot>],
    rank: &[Vec<usize>],
    segments: &[(usize, usize, usize)],
    title_w: &[f64],
) -> Vec<Vec<f64>> {
    let mut up: Vec<Vec<Vec<usize>>> = layers.iter().map(|l| vec![Vec::new(); l.len()]).collect();
    let mut down = up.clone();
    for &(l, a, b) in segments {
        down[l][a].push(b);
        up[l + 1][b].push(a);
    }
    let mut x: Vec<Vec<f64>> = (0..layers.len())
        .map(|l| {
            fit(
                &layers[l],
                &rank[l],
                &vec![f64::NAN; layers[l].len()],
                title_w[l],
            )
        })
        .collect();
    for round in 0..9 {
        let mut order: Vec<usize> = (0..layers.len()).collect();
        if round % 3 == 1 {
            order.reverse();
        }
        // Edges through a header layer keep right of the stage's title at the left edge.
        let left = min_left(layers, &x);
        for l in order {
            let target: Vec<f64> = (0..layers[l].len())
                .map(|s| {
                    let mut near: Vec<f64> = Vec::new();
                    if round % 3 != 1 && l > 0 {
                        near.extend(up[l][s].iter().map(|&a| x[l - 1][a]));
                    }
                    if round % 3 != 0 && l + 1 < layers.len() {
                        near.extend(down[l][s].iter().map(|&b| x[l + 1][b]));
                    }
                    if near.is_empty() {
                        x[l][s]
                    } else {
                        near.iter().sum::<f64>() / near.len() as f64
                    }
                })
                .collect();
            let floor = if title_w[l] > 0.0 {
                left + title_w[l] + GAP_X
            } else {
                f64::NEG_INFINITY
            };
            x[l] = fit(&layers[l], &rank[l], &target, floor);
        }
    }
    let shift = MARGIN - min_left(layers, &x);
    for c in x.iter_mut().flatten() {
        *c += shift;
    }
    x
}

fn min_left(layers: &[Vec<Slot>], x: &[Vec<f64>]) -> f64 {
    layers
        .iter()
        .zip(x)
        .flat_map(|(layer, x)| layer.iter().zip(x).map(|(s, c)| c - s.width / 2.0))
        .fold(f64::INFINITY, f64::min)
}

/// Centres as near `target` as the layer's order and gaps allow (least squares); so no waypoint
/// crosses another. With `c[i] = p[i] + y[i]`, where `p` is the tightest packing,
/// the constraints become `y` non-decreasing: pool adjacent violators.
fn fit(layer: &[Slot], rank: &[usize], target: &[f64], floor: f64) -> Vec<f64> {
    let mut by_rank: Vec<usize> = (0..layer.len()).collect();
    by_rank.sort_by_key(|&s| rank[s]);
    let mut packed = Vec::with_capacity(layer.len());
    let mut edge = 0.0;
    for (k, &s) in by_rank.iter().enumerate() {
        let gap = match (k, by_rank.get(k.wrapping_sub(1)).map(|&p| layer[p].what)) {
            (0, _) => 0.0,
            (_, Some(What::Waypoint)) if layer[s].what == What::Waypoint => WAYPOINT_GAP,
            _ => GAP_X,
        };
        packed.push(edge + gap + layer[s].width / 2.0);
        edge += gap + layer[s].width;
    }
    // Pools of (sum, count) of target - packed; each pool's mean is its shift.
    let mut pools: Vec<(f64, f64, usize)> = Vec::new();
    for (k, &s) in by_rank.iter().enumerate() {
        let want = if target[s].is_finite() {
            target[s] - packed[k]
        } else {
            0.0
        };
        pools.push((want, 1.0, 1));
        while pools.len() > 1 {
            let (b, a) = (pools[pools.len() - 1], pools[pools.len() - 2]);
            if a.0 / a.1 <= b.0 / b.1 {
                break;
            }
            pools.pop();
            *pools.last_mut().unwrap() = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
        }
    }
    let mut x = vec![0.0; layer.len()];
    let mut k = 0;
    for (sum, count, n) in pools {
        // Clamping each pool is still the least-squares answer under a left bound.
        let shift = (sum / count).max(floor);
        for _ in 0..n {
            x[by_rank[k]] = packed[k] + shift;
            k += 1;
        }
    }
    x
}

/// The SVG text: stage bands, then edges, then nodes and titles on top.
fn draw(layout: &Layout, topics: &[&PlanTopic], href: &dyn Fn(&str) -> String) -> String {
    let width = layout.width();
    let last = layout.layers.len() - 1;
    let height = (layout.top[last] + layout.height[last] + MARGIN + 6.0).round();
    let mut svg = String::new();
    writeln!(
        svg,
        r#"<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" style="max-width:{width}px" role="group" aria-label="Prerequisite graph: each topic below the topics it requires">"#
    )
    .unwrap();
    svg.push_str(
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="g-arrow"/></marker></defs>"#,
    );
    svg.push('\n');
    for &(header, end) in &layout.bands {
        let top = layout.top[header] - 8.0;
        let bottom = layout.top[end] + layout.height[end] + 8.0;
        writeln!(
            svg,
            r#"<rect class="g-band" x="2" y="{top:.0}" width="{:.0}" height="{:.0}" rx="8"/>"#,
            width - 4.0,
            bottom - top
        )
        .unwrap();
    }
    for (s, &(header, _)) in layout.bands.iter().enumerate() {
        svg.push_str(r#"<g class="g-title">"#);
        text_lines(
            &mut svg,
            &layout.titles[s].0,
            MARGIN,
            layout.top[header] + 12.0,
            "start",
        );
        svg.push_str("</g>\n");
    }
    for chain in &layout.chains {
        writeln!(
            svg,
            r#"<path class="g-edge" d="{}" marker-end="url(#arrow)"/>"#,
            edge_path(layout, chain)
        )
        .unwrap();
    }
    for (l, layer) in layout.layers.iter().enumerate() {
        for (s, slot) in layer.iter().enumerate() {
            let (cx, top) = (layout.x[l][s], layout.top[l]);
            match slot.what {
                What::Topic(i) => node(&mut svg, slot, cx, top, topics[i], href),
                What::Waypoint => {}
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// An edge: out of the bottom of its first node, straight down through each waypoint's layer,
/// curving between layers, into the top of its last node.
fn edge_path(layout: &Layout, chain: &[(usize, usize)]) -> String {
    let mut d = String::new();
    let (l0, s0) = chain[0];
    // Nodes hang from the top of their layer; an edge leaves from the node's own bottom.
    let first = &layout.layers[l0][s0];
    let (mut x, mut y) = (layout.x[l0][s0], layout.top[l0] + node_h(first));
    write!(d, "M{x:.1} {y:.1}").unwrap();
    for (k, &(l, s)) in chain.iter().enumerate().skip(1) {
        let (nx, ny) = (layout.x[l][s], layout.top[l]);
        let end_y = if k + 1 == chain.len() { ny - 2.0 } else { ny };
        let mid = (y + end_y) / 2.0;
        write!(d, "C{x:.1} {mid:.1} {nx:.1} {mid:.1} {nx:.1} {end_y:.1}").unwrap();
        (x, y) = (nx, ny + layout.height[l]);
        if k + 1 < chain.len() {
            write!(d, "L{x:.1} {y:.1}").unwrap();
        }
    }
    d
}

fn node(
    svg: &mut String,
    slot: &Slot,
    cx: f64,
    top: f64,
    topic: &PlanTopic,
    href: &dyn Fn(&str) -> String,
) {
    let h = node_h(slot);
    let y = top;
    write!(
        svg,
        r#"<a href="{}" class="g-node"><title>{}</title><rect x="{:.1}" y="{y:.1}" width="{NODE_W}" height="{h:.0}" rx="6"/>"#,
        escape(&href(&topic.id)),
        escape(&topic.title),
        cx - NODE_W / 2.0,
    )
    .unwrap();
    text_lines(svg, &slot.lines, cx, y + NODE_PAD / 2.0 + 12.0, "middle");
    svg.push_str("</a>\n");
}

fn node_h(slot: &Slot) -> f64 {
    slot.lines.len() as f64 * LINE_H + NODE_PAD
}

fn text_lines(svg: &mut String, lines: &[String], x: f64, first: f64, anchor: &str) {
    for (n, line) in lines.iter().enumerate() {
        write!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            first + n as f64 * LINE_H,
            escape(line)
        )
        .unwrap();
    }
}

/// Segments grouped by their upper layer: `groups[l]` holds the (upper slot, lower slot) pairs
/// between layers `l` and `l + 1`. Only segments in one group can cross, so everything below
/// works per group instead of over all pairs of segments.
fn by_layer(layer_count: usize, segments: &[(usize, usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut groups = vec![Vec::new(); layer_count.saturating_sub(1)];
    for &(upper, a, b) in segments {
        groups[upper].push((a, b));
    }
    groups
}

/// For each layer, the rank of each slot: barycenter sweeps down and up, keeping the best.
fn order_layers(layers: &[usize], segments: &[(usize, usize, usize)]) -> Vec<Vec<usize>> {
    let groups = by_layer(layers.len(), segments);
    let mut rank: Vec<Vec<usize>> = layers.iter().map(|&n| (0..n).collect()).collect();
    let mut best = rank.clone();
    let mut best_crossings = crossings(&rank, &groups);
    for round in 0..12 {
        let downward = round % 2 == 0;
        let sweep: Vec<usize> = if downward {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in sweep {
            let mut sum = vec![0.0f64; layers[l]];
            let mut count = vec![0usize; layers[l]];
            if downward {
                for &(a, b) in &groups[l - 1] {
                    sum[b] += rank[l - 1][a] as f64;
                    count[b] += 1;
                }
            } else {
                for &(a, b) in &groups[l] {
                    sum[a] += rank[l + 1][b] as f64;
                    count[a] += 1;
                }
            }
            let mut slots: Vec<usize> = (0..layers[l]).collect();
            // A slot without neighbours on that side keeps its place.
            let key = |s: usize| {
                if count[s] == 0 {
                    rank[l][s] as f64
                } else {
                    sum[s] / count[s] as f64
                }
            };
            slots.sort_by(|&x, &y| key(x).total_cmp(&key(y)).then(rank[l][x].cmp(&rank[l][y])));
            for (r, s) in slots.into_iter().enumerate() {
                rank[l][s] = r;
            }
        }
        let c = crossings(&rank, &groups);
        if c < best_crossings {
            best_crossings = c;
            best = rank.clone();
        }
    }
    best
}

/// How many pairs of segments between the same two layers cross: pairs whose ends are in
/// strictly opposite order on the two layers. Sorted by (top, bottom), that is the number of
/// strict inversions among the bottoms, counted with a Fenwick tree in O(k log k) per layer.
fn crossings(rank: &[Vec<usize>], groups: &[Vec<(usize, usize)>]) -> usize {
    let mut total = 0;
    for (l, group) in groups.iter().enumerate() {
        let mut pairs: Vec<(usize, usize)> = group
            .iter()
            .map(|&(a, b)| (rank[l][a], rank[l + 1][b]))
            .collect();
        pairs.sort_unstable();
        let mut tree = vec![0usize; rank[l + 1].len() + 1];
        for (seen, &(_, bottom)) in pairs.iter().enumerate() {
            // Earlier segments whose bottom is at or left of this one's do not cross it.
            let mut at_or_left = 0;
            let mut i = bottom + 1;
            while i > 0 {
                at_or_left += tree[i];
                i &= i - 1;
            }
            total += seen - at_or_left;
            let mut i = bottom + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pairwise definition the fast count must agree with.
    fn crossings_by_pairs(rank: &[Vec<usize>], segments: &[(usize, usize, usize)]) -> usize {
        let mut total = 0;
        for (i, &(l1, a1, b1)) in segments.iter().enumerate() {
            for &(l2, a2, b2) in &segments[i + 1..] {
                if l1 == l2 {
                    let top = rank[l1][a1].cmp(&rank[l1][a2]);
                    let bottom = rank[l1 + 1][b1].cmp(&rank[l1 + 1][b2]);
                    if top.is_ne() && bottom.is_ne() && top != bottom {
                        total += 1;
                    }
                }
            }
        }
        total
    }

    proptest::proptest! {
        #[test]
        fn counted_crossings_match_the_pairwise_definition(
            widths in proptest::collection::vec(1usize..7, 2..5),
            picks in proptest::collection::vec((0usize..4, 0usize..7, 0usize..7), 0..40),
            shuffle in 0usize..1000,
        ) {
            let segments: Vec<(usize, usize, usize)> = picks
                .into_iter()
                .map(|(l, a, b)| {
                    let l = l % (widths.len() - 1);
                    (l, a % widths[l], b % widths[l + 1])
                })
                .collect();
            // Some order other than the identity, so ranks and slots differ.
            let rank: Vec<Vec<usize>> = widths
                .iter()
                .map(|&w| (0..w).map(|s| (s * 7 + shuffle) % w).collect::<Vec<_>>())
                .map(|r| {
                    let mut order: Vec<usize> = (0..r.len()).collect();
                    order.sort_by_key(|&s| (r[s], s));
                    let mut rank = vec![0; r.len()];
                    for (i, s) in order.into_iter().enumerate() {
                        rank[s] = i;
                    }
                    rank
                })
                .collect();
            let groups = by_layer(widths.len(), &segments);
            proptest::prop_assert_eq!(crossings(&rank, &groups), crossings_by_pairs(&rank, &segments));
        }
    }

    #[test]
    fn barycenter_ordering_removes_a_crossing() {
        // Two layers of two slots, edges a0 -> b1 and a1 -> b0: one crossing until b is swapped.
        let layers = vec![2, 2];
        let segments = vec![(0, 0, 1), (0, 1, 0)];
        let identity = vec![vec![0, 1], vec![0, 1]];
        let groups = by_layer(layers.len(), &segments);
        assert_eq!(crossings(&identity, &groups), 1);
        let order = order_layers(&layers, &segments);
        assert_eq!(crossings(&order, &groups), 0);
    }

    #[test]
    fn labels_wrap_and_keep_every_character() {
        assert_eq!(wrap("Consensus", 19), vec!["Consensus"]);
        let title = "Impossibility of Distributed Consensus with One Faulty Process";
        let lines = wrap(title, 19);
        assert!(lines.iter().all(|l| l.chars().count() <= 19), "{lines:?}");
        assert_eq!(lines.join(" "), title);
        assert_eq!(
            wrap("CAP and the consistency-availability trade-off", 19),
            vec!["CAP and the", "consistency-", "availability", "trade-off"]
        );
    }

    #[test]
    fn placement_keeps_order_and_gaps_and_pulls_towards_targets() {
        let slot = |what| Slot {
            what,
            width: if what == What::Waypoint {
                WAYPOINT_W
            } else {
                NODE_W
            },
            lines: Vec::new(),
        };
        let layer = vec![
            slot(What::Topic(0)),
            slot(What::Topic(1)),
            slot(What::Waypoint),
        ];
        // Targets that would overlap and reverse the order are spread apart, in order.
        let x = fit(
            &layer,
            &[0, 1, 2],
            &[500.0, 400.0, 900.0],
            f64::NEG_INFINITY,
        );
        assert!(x[1] - x[0] >= NODE_W + GAP_X - 1e-9, "{x:?}");
        assert!((x[0] + x[1]) / 2.0 - 450.0 < 1e-9, "{x:?}");
        assert_eq!(x[2], 900.0);
        // Without targets, packed tight from zero.
        let x = fit(&layer, &[0, 1, 2], &[f64::NAN; 3], f64::NEG_INFINITY);
        assert_eq!(x[0], NODE_W / 2.0);
        // A left bound holds.
        let x = fit(&layer, &[0, 1, 2], &[0.0, 0.0, 0.0], 100.0);
        assert_eq!(x[0], 100.0 + NODE_W / 2.0);
    }
}
