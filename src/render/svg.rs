//! The prerequisite graph as inline SVG, laid out by stage without Graphviz or JavaScript.
//!
//! A layered (Sugiyama-style) layout, top to bottom: each stage is a band of one or more layers
//! (a topic sits one layer below the deepest prerequisite in its own stage), long edges get
//! invisible waypoints in the layers they cross, and the order inside each layer comes from
//! barycenter sweeps that keep the arrangement with the fewest crossings. Colours come from CSS
//! classes so the page's light and dark themes apply.

use super::html::escape;
use crate::plan::Plan;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

const NODE_W: f64 = 176.0;
const NODE_H: f64 = 46.0;
const GAP_X: f64 = 20.0;
/// The width a waypoint of a long edge takes in its layer.
const WAYPOINT_W: f64 = 8.0;
const LAYER_H: f64 = 96.0;
const BAND_LABEL_H: f64 = 26.0;
const MARGIN: f64 = 12.0;
/// Characters per line of a node label; two lines at most.
const LINE_CHARS: usize = 22;

/// The graph of `plan` as an `<svg>` element; `href` gives each topic's page.
pub fn graph_svg(plan: &Plan, href: impl Fn(&str) -> String) -> String {
    let topics: Vec<_> = plan.topics().collect();
    if topics.is_empty() {
        return String::new();
    }
    let index: HashMap<&str, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let stage_of: HashMap<&str, usize> = plan
        .stages
        .iter()
        .enumerate()
        .flat_map(|(s, st)| st.topics.iter().map(move |t| (t.id.as_str(), s)))
        .collect();

    // Draw only the edges not implied by others (the transitive reduction): `a -> c` adds
    // nothing when `a -> b -> c` is drawn, and long redundant edges are most of the clutter.
    // Plan order is topological, so ancestors are complete when a topic is reached.
    let mut ancestors: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); topics.len()];
    let mut drawn: Vec<Vec<usize>> = vec![Vec::new(); topics.len()];
    for (i, t) in topics.iter().enumerate() {
        let direct: Vec<usize> = t
            .requires
            .iter()
            .filter_map(|r| index.get(r.as_str()).copied())
            .filter(|&j| j < i)
            .collect();
        for &j in &direct {
            let implied = direct.iter().any(|&k| k != j && ancestors[k].contains(&j));
            if !implied {
                drawn[i].push(j);
            }
            let inherited = ancestors[j].clone();
            ancestors[i].insert(j);
            ancestors[i].extend(inherited);
        }
    }

    // Layers: inside a stage, one below the deepest same-stage prerequisite. Plan order is
    // topological, so every prerequisite's depth is known when a topic is reached.
    let mut local = vec![0usize; topics.len()];
    for (i, t) in topics.iter().enumerate() {
        for r in &t.requires {
            if let Some(&j) = index.get(r.as_str()) {
                if stage_of[r.as_str()] == stage_of[t.id.as_str()] && j < i {
                    local[i] = local[i].max(local[j] + 1);
                }
            }
        }
    }
    let mut stage_first_layer = Vec::with_capacity(plan.stages.len());
    let mut stage_layers = Vec::with_capacity(plan.stages.len());
    let mut next_layer = 0;
    for stage in &plan.stages {
        let depth = stage
            .topics
            .iter()
            .map(|t| local[index[t.id.as_str()]] + 1)
            .max()
            .unwrap_or(1);
        stage_first_layer.push(next_layer);
        stage_layers.push(depth);
        next_layer += depth;
    }
    let layer_count = next_layer;
    let layer_of: Vec<usize> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| stage_first_layer[stage_of[t.id.as_str()]] + local[i])
        .collect();

    // Slots per layer (a topic, or a waypoint of an edge crossing the layer), counted; and
    // edges between slots of adjacent layers.
    let mut layers: Vec<usize> = vec![0; layer_count];
    let mut is_waypoint: Vec<Vec<bool>> = vec![Vec::new(); layer_count];
    let mut slot_of_topic = vec![(0usize, 0usize); topics.len()];
    for (i, &l) in layer_of.iter().enumerate() {
        slot_of_topic[i] = (l, layers[l]);
        layers[l] += 1;
        is_waypoint[l].push(false);
    }
    // Each edge as its chain of (layer, slot id) points; slot ids are stable, positions move.
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
    for (i, needs) in drawn.iter().enumerate() {
        for &j in needs {
            let (from_layer, from_slot) = slot_of_topic[j];
            let (to_layer, to_slot) = slot_of_topic[i];
            if from_layer >= to_layer {
                continue;
            }
            let mut chain = vec![(from_layer, from_slot)];
            let crossed = layers.iter_mut().enumerate();
            for (l, count) in crossed.take(to_layer).skip(from_layer + 1) {
                chain.push((l, *count));
                *count += 1;
                is_waypoint[l].push(true);
            }
            chain.push((to_layer, to_slot));
            chains.push(chain);
        }
    }
    // Segments between adjacent layers: (upper layer, upper slot, lower slot).
    let segments: Vec<(usize, usize, usize)> = chains
        .iter()
        .flat_map(|c| c.windows(2).map(|w| (w[0].0, w[0].1, w[1].1)))
        .collect();

    let order = order_layers(&layers, &segments);

    // Positions: slots left to right in rank order (a waypoint is narrow), each layer centred
    // on the widest one.
    let slot_w = |waypoint: bool| if waypoint { WAYPOINT_W } else { NODE_W };
    let mut left_of: Vec<Vec<f64>> = Vec::with_capacity(layer_count);
    let mut row_w = Vec::with_capacity(layer_count);
    for l in 0..layer_count {
        let mut by_rank: Vec<usize> = (0..layers[l]).collect();
        by_rank.sort_by_key(|&s| order[l][s]);
        let mut x = 0.0;
        let mut left = vec![0.0; layers[l]];
        for s in by_rank {
            left[s] = x;
            x += slot_w(is_waypoint[l][s]) + GAP_X;
        }
        row_w.push((x - GAP_X).max(0.0));
        left_of.push(left);
    }
    // A band is at least as wide as its label ("Stage 2: ...", 13px semi-bold, at most about 8px a
    // character), so a narrow stage does not cut its own title off.
    let label_w = plan
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            format!("Stage {}: {}", s + 1, stage.title).chars().count() as f64 * 8.0 + 12.0
        })
        .fold(0.0, f64::max);
    let content_w = row_w
        .iter()
        .copied()
        .fold(NODE_W, f64::max)
        .max(label_w - MARGIN);
    let width = content_w + 2.0 * MARGIN;
    let mut layer_y = Vec::with_capacity(layer_count);
    let mut y = MARGIN;
    for &n in &stage_layers {
        y += BAND_LABEL_H;
        for _ in 0..n {
            layer_y.push(y);
            y += LAYER_H;
        }
        y += 6.0;
    }
    let height = y - LAYER_H + NODE_H + MARGIN + 6.0;
    // The horizontal centre of a slot, and the top of its layer.
    let pos = |layer: usize, slot: usize| -> (f64, f64) {
        let left = MARGIN + (content_w - row_w[layer]) / 2.0 + left_of[layer][slot];
        let half = slot_w(is_waypoint[layer][slot]) / 2.0;
        (left + half, layer_y[layer])
    };

    let mut svg = String::new();
    writeln!(
        svg,
        r#"<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" aria-label="Prerequisite graph: each topic below the topics it requires">"#,
        w = width.round(),
        h = height.round()
    )
    .unwrap();
    svg.push_str(
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="g-arrow"/></marker></defs>"#,
    );
    svg.push('\n');
    // Stage bands behind everything.
    for (s, stage) in plan.stages.iter().enumerate() {
        let top = layer_y.get(stage_first_layer[s]).copied().unwrap_or(MARGIN) - BAND_LABEL_H;
        let h = stage_layers[s] as f64 * LAYER_H - (LAYER_H - NODE_H) + BAND_LABEL_H + 8.0;
        writeln!(
            svg,
            r#"<g class="g-band"><rect x="2" y="{:.0}" width="{:.0}" height="{:.0}" rx="8"/><text x="{:.0}" y="{:.0}">{}</text></g>"#,
            top - 4.0,
            width - 4.0,
            h,
            MARGIN,
            top + 14.0,
            escape(&format!("Stage {}: {}", s + 1, stage.title))
        )
        .unwrap();
    }
    for chain in &chains {
        let mut d = String::new();
        for (k, w) in chain.windows(2).enumerate() {
            let (x1, y1) = pos(w[0].0, w[0].1);
            let (x2, y2) = pos(w[1].0, w[1].1);
            // A waypoint is a point in the middle of its slot, not a box.
            let start_y = if k == 0 {
                y1 + NODE_H
            } else {
                y1 + NODE_H / 2.0
            };
            let is_last = k + 2 == chain.len();
            let end_y = if is_last { y2 - 2.0 } else { y2 + NODE_H / 2.0 };
            let mid = (start_y + end_y) / 2.0;
            if k == 0 {
                write!(d, "M{x1:.1} {start_y:.1}").unwrap();
            } else {
                write!(d, "L{x1:.1} {start_y:.1}").unwrap();
            }
            write!(d, "C{x1:.1} {mid:.1} {x2:.1} {mid:.1} {x2:.1} {end_y:.1}").unwrap();
        }
        writeln!(
            svg,
            r#"<path class="g-edge" d="{d}" marker-end="url(#arrow)"/>"#
        )
        .unwrap();
    }
    for (i, t) in topics.iter().enumerate() {
        let (l, s) = slot_of_topic[i];
        let (cx, y) = pos(l, s);
        let x = cx - NODE_W / 2.0;
        let lines = label_lines(&t.title);
        write!(
            svg,
            r#"<a href="{}" class="g-node"><title>{}</title><rect x="{x:.1}" y="{y:.1}" width="{NODE_W}" height="{NODE_H}" rx="6"/>"#,
            escape(&href(&t.id)),
            escape(&t.title)
        )
        .unwrap();
        let first_y = y + NODE_H / 2.0 - (lines.len() as f64 - 1.0) * 8.0 + 5.0;
        for (n, line) in lines.iter().enumerate() {
            write!(
                svg,
                r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                first_y + n as f64 * 16.0,
                escape(line)
            )
            .unwrap();
        }
        svg.push_str("</a>\n");
    }
    svg.push_str("</svg>");
    svg
}

/// The title in at most two lines, broken at spaces, the second cut with an ellipsis.
fn label_lines(title: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let current = lines.last_mut().unwrap();
        let fits = current.chars().count() + 1 + word.chars().count() <= LINE_CHARS;
        if current.is_empty() || fits {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1].push('…');
    }
    for line in &mut lines {
        if line.chars().count() > LINE_CHARS {
            *line = line.chars().take(LINE_CHARS - 1).collect::<String>() + "…";
        }
    }
    lines
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
    fn labels_wrap_to_two_lines() {
        assert_eq!(label_lines("Consensus"), vec!["Consensus"]);
        let lines = label_lines("Impossibility of Distributed Consensus with One Faulty Process");
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
    }
}
