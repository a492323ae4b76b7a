//! Compressed road graph in CSR arrays, with edge geometry and the largest strongly
//! connected component.
//!
//! Vertices are the nodes where routing can branch or change: nodes used twice or more by
//! usable ways (junctions, and a way crossing itself) and the ends of every way (so speed,
//! class and direction are constant along an edge). Each edge is the run of one way between
//! two consecutive vertices, with its polyline. Travel times are whole milliseconds (`u32`):
//! integer sums are exact, so results do not depend on summation order, and the rounding
//! (at most 0.5 ms per edge) is far below what a van schedule can see.

use std::collections::{BTreeMap, HashMap};

use anyhow::bail;
use geo::{Distance, Haversine};

use super::LatLon;
use super::osm::{OsmData, TurnRestriction};
use super::profile::{Direction, WayRule};

/// Decides whether a way (by its tags) is usable, and how.
pub type Classifier<'a> = &'a dyn Fn(&[(String, String)]) -> Option<WayRule>;

/// One piece of a way between two consecutive vertices.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Vertex at the first point of the geometry.
    pub tail: u32,
    /// Vertex at the last point of the geometry.
    pub head: u32,
    /// Usable from tail to head.
    pub forward: bool,
    /// Usable from head to tail.
    pub backward: bool,
    /// Index into [`RoadGraph::classes`].
    pub class: u16,
    pub way_id: i64,
    pub length_m: f64,
    pub time_ms: u32,
    pub speed_mps: f64,
    /// Range of the polyline in [`RoadGraph::points`], tail first.
    pub first_point: u32,
    pub end_point: u32,
}

/// The routable road graph: the largest strongly connected component of the usable roads.
#[derive(Clone, Debug)]
pub struct RoadGraph {
    pub vertices: Vec<LatLon>,
    pub vertex_osm_ids: Vec<i64>,
    pub edges: Vec<Edge>,
    /// Edge polylines, concatenated.
    pub points: Vec<LatLon>,
    /// The OSM node of each point.
    pub point_osm_ids: Vec<i64>,
    /// Highway classes, sorted.
    pub classes: Vec<String>,
    /// The forward arcs, sorted by tail, then by edge.
    pub csr: Csr,
    /// `edge << 1 | 1` when the arc runs the edge from head to tail.
    pub arc_edge: Vec<u32>,
    /// OSM ids of the nodes tagged `highway=traffic_signals` in the data, sorted.
    pub traffic_signals: Vec<i64>,
    /// The data's turn restrictions (the graph of turns applies them).
    pub restrictions: Vec<TurnRestriction>,
}

/// Arcs in compressed sparse rows: the arcs leaving vertex `v` are
/// `first_out[v]..first_out[v + 1]`. Searches and the hierarchy read only this, so they run
/// on the road graph and on the graph of turns alike.
#[derive(Clone, Debug, Default)]
pub struct Csr {
    pub first_out: Vec<u32>,
    /// Head, time and length together, as a search reads them.
    pub arcs: Vec<Arc>,
}

impl Csr {
    pub fn vertex_count(&self) -> usize {
        self.first_out.len().saturating_sub(1)
    }

    pub fn arc_count(&self) -> usize {
        self.arcs.len()
    }

    /// The arcs leaving `v`, as indices.
    pub fn out(&self, v: u32) -> std::ops::Range<u32> {
        self.first_out[v as usize]..self.first_out[v as usize + 1]
    }

    /// The vertex an arc leaves.
    pub fn tail(&self, arc: u32) -> u32 {
        (self.first_out.partition_point(|&first| first <= arc) - 1) as u32
    }
}

/// A directed arc of the CSR.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arc {
    pub head: u32,
    pub time_ms: u32,
    pub length_m: f64,
}

/// What the build saw and what it dropped.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct BuildReport {
    /// Highway ways given to the build (the reader drops ways with fewer than 2 nodes and
    /// splits ways at nodes missing from the file).
    pub highway_ways: usize,
    /// Ways the profile lets a van use.
    pub usable_ways: usize,
    /// Km of usable road per highway class, over all usable ways (before the component
    /// cut). A two-way road counts once.
    pub km_by_class: BTreeMap<String, f64>,
    /// Sizes (vertex counts) of all strongly connected components, largest first. The first
    /// one is kept.
    pub component_sizes: Vec<usize>,
    pub dropped_vertices: usize,
    pub dropped_edges: usize,
    /// Km of road in the kept component, each edge once.
    pub kept_km: f64,
    /// South-west and north-east corners of the usable road nodes.
    pub bbox: Option<(LatLon, LatLon)>,
}

impl RoadGraph {
    pub fn vertex_count(&self) -> usize {
        self.vertices.len()
    }

    pub fn arc_count(&self) -> usize {
        self.csr.arcs.len()
    }

    /// The polyline of an edge, tail first.
    pub fn geometry(&self, edge: u32) -> &[LatLon] {
        let e = &self.edges[edge as usize];
        &self.points[e.first_point as usize..e.end_point as usize]
    }

    pub fn class_name(&self, edge: u32) -> &str {
        &self.classes[self.edges[edge as usize].class as usize]
    }

    /// Builds the graph from OSM data; `source` names the data in errors (e.g. the file).
    pub fn build(
        data: &OsmData,
        classify: Classifier<'_>,
        source: &str,
    ) -> anyhow::Result<(RoadGraph, BuildReport)> {
        Self::from_table(WayTable::from_osm(data, classify), source)
    }

    /// Builds the graph from usable ways whose nodes are already resolved.
    pub(crate) fn from_table(
        mut table: WayTable,
        source: &str,
    ) -> anyhow::Result<(RoadGraph, BuildReport)> {
        let raw = RawGraph::new(&table);
        if raw.edges.is_empty() {
            bail!("no roads a van can use in {source}");
        }
        // The pieces hold what the rest needs of the references.
        table.refs = Vec::new();
        Ok(raw.keep_largest_component(&table))
    }
}

/// A node reference to a node that is not in the data.
pub(crate) const MISSING: u32 = u32::MAX;

/// The ways a profile lets a van use, with their node references resolved to indices: the
/// input of the build. Made from [`OsmData`] (any reader), or by the PBF reader straight from
/// the file, so that no tags or hash maps of node ids are kept.
#[derive(Debug, Default)]
pub(crate) struct WayTable {
    /// Coordinates and OSM ids of the nodes; `refs` index into them.
    pub coords: Vec<LatLon>,
    pub node_ids: Vec<i64>,
    /// The distinct rules of the ways.
    pub rules: Vec<WayRule>,
    /// The usable ways, in input order.
    pub ways: Vec<TableWay>,
    /// Node indices of the ways ([`MISSING`] for a node without coordinates).
    pub refs: Vec<u32>,
    /// Highway ways given to the build, usable or not.
    pub highway_ways: usize,
    /// OSM ids of the nodes tagged `highway=traffic_signals`, sorted.
    pub traffic_signals: Vec<i64>,
    /// Nodes with a `barrier` tag and their tags, sorted by id.
    pub barriers: Vec<(i64, Vec<(String, String)>)>,
    /// OSM ids of the barriers that stop a van, sorted: a way is cut there, each side
    /// ending at a dead end of its own.
    pub blocked: Vec<i64>,
    /// Turn restrictions, sorted by relation id.
    pub restrictions: Vec<TurnRestriction>,
}

/// A usable way: its id, the index of its rule, and its nodes `refs[start..end]`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TableWay {
    pub id: i64,
    pub rule: u32,
    pub start: u32,
    pub end: u32,
}

impl WayTable {
    /// Classifies the ways of `data` and resolves their nodes.
    pub(crate) fn from_osm(data: &OsmData, classify: Classifier<'_>) -> WayTable {
        let mut table = WayTable {
            highway_ways: data.ways.len(),
            traffic_signals: data.traffic_signals.clone(),
            barriers: data.barriers.clone(),
            restrictions: data.restrictions.clone(),
            ..WayTable::default()
        };
        let mut index: HashMap<i64, u32> = HashMap::new();
        for way in &data.ways {
            let Some(rule) = classify(&way.tags) else {
                continue;
            };
            let rule = table.intern(rule);
            let start = table.refs.len() as u32;
            for id in &way.nodes {
                let node = match index.get(id) {
                    Some(&i) => i,
                    None => match data.nodes.get(id) {
                        Some(&p) => {
                            let i = table.coords.len() as u32;
                            table.coords.push(p);
                            table.node_ids.push(*id);
                            index.insert(*id, i);
                            i
                        }
                        None => MISSING,
                    },
                };
                table.refs.push(node);
            }
            table.ways.push(TableWay {
                id: way.id,
                rule,
                start,
                end: table.refs.len() as u32,
            });
        }
        table
    }

    /// The index of `rule` in [`WayTable::rules`], added if new.
    pub(crate) fn intern(&mut self, rule: WayRule) -> u32 {
        match self.rules.iter().position(|r| *r == rule) {
            Some(i) => i as u32,
            None => {
                self.rules.push(rule);
                (self.rules.len() - 1) as u32
            }
        }
    }
}

/// A run of one way between two consecutive vertices, before the component cut: its polyline
/// is `piece_nodes[start..end]`.
struct RawEdge {
    tail: u32,
    head: u32,
    way: u32,
    start: u32,
    end: u32,
    length_m: f64,
    time_ms: u32,
}

/// The full graph of usable roads, before the component cut.
struct RawGraph {
    /// Node index of each vertex.
    vertex_nodes: Vec<u32>,
    edges: Vec<RawEdge>,
    /// The pieces of the ways (runs of nodes with coordinates, without repeated consecutive
    /// nodes), concatenated; edges index into it.
    piece_nodes: Vec<u32>,
    classes: Vec<String>,
    /// Class index of each rule.
    rule_class: Vec<u16>,
    report: BuildReport,
}

impl RawGraph {
    fn new(table: &WayTable) -> RawGraph {
        let rule_ok: Vec<bool> = table
            .rules
            .iter()
            .map(|r| r.speed_kmh > 0.0 && r.speed_kmh.is_finite())
            .collect();
        // Ways in id order, so the graph does not depend on the reader's order.
        let mut order: Vec<u32> = (0..table.ways.len() as u32)
            .filter(|&w| rule_ok[table.ways[w as usize].rule as usize])
            .collect();
        if !order.is_sorted_by_key(|&w| table.ways[w as usize].id) {
            order.sort_by_key(|&w| table.ways[w as usize].id);
        }

        // Each way becomes pieces of consecutive nodes that have coordinates (a clipped
        // extract can miss some), without repeated consecutive nodes.
        let mut piece_nodes: Vec<u32> = Vec::with_capacity(table.refs.len());
        let mut pieces: Vec<(u32, u32, u32)> = Vec::new(); // way, start, end
        for &w in &order {
            let way = &table.ways[w as usize];
            let mut start = piece_nodes.len();
            let mut close = |piece_nodes: &mut Vec<u32>, start: usize| {
                if piece_nodes.len() - start >= 2 {
                    pieces.push((w, start as u32, piece_nodes.len() as u32));
                } else {
                    piece_nodes.truncate(start);
                }
            };
            for &node in &table.refs[way.start as usize..way.end as usize] {
                if node == MISSING {
                    close(&mut piece_nodes, start);
                    start = piece_nodes.len();
                } else if piece_nodes.len() == start || piece_nodes[piece_nodes.len() - 1] != node {
                    piece_nodes.push(node);
                }
            }
            close(&mut piece_nodes, start);
        }

        // A barrier that stops a van is a vertex, a new one for each road that reaches it.
        let blocked: Vec<bool> = if table.blocked.is_empty() {
            Vec::new()
        } else {
            (table.node_ids.iter())
                .map(|id| table.blocked.binary_search(id).is_ok())
                .collect()
        };
        let is_blocked = |node: u32| blocked.get(node as usize).copied().unwrap_or(false);
        let mut uses = vec![0u8; table.coords.len()];
        for &(_, start, end) in &pieces {
            for k in start..end {
                let node = piece_nodes[k as usize];
                let is_end = k == start || k + 1 == end || is_blocked(node);
                let u = &mut uses[node as usize];
                *u = u.saturating_add(if is_end { 2 } else { 1 });
            }
        }

        let mut rule_used = vec![false; table.rules.len()];
        for &w in &order {
            rule_used[table.ways[w as usize].rule as usize] = true;
        }
        let mut classes: Vec<String> = table
            .rules
            .iter()
            .zip(&rule_used)
            .filter(|(_, used)| **used)
            .map(|(r, _)| r.class.clone())
            .collect();
        classes.sort();
        classes.dedup();
        let rule_class: Vec<u16> = table
            .rules
            .iter()
            .map(|r| {
                classes
                    .binary_search(&r.class)
                    .map_or(u16::MAX, |i| i as u16)
            })
            .collect();

        let mut report = BuildReport {
            highway_ways: table.highway_ways,
            usable_ways: order.len(),
            ..Default::default()
        };
        let mut km_by_class = vec![(false, 0.0f64); classes.len()];
        let mut vertex_of = vec![MISSING; table.coords.len()];
        let mut vertex_nodes = Vec::new();
        let mut edges = Vec::new();
        let mut bbox: Option<(LatLon, LatLon)> = None;
        for &(w, start, end) in &pieces {
            let rule = &table.rules[table.ways[w as usize].rule as usize];
            let class = rule_class[table.ways[w as usize].rule as usize] as usize;
            let speed_mps = rule.speed_kmh / 3.6;
            let mut vertex = |node: u32| {
                if is_blocked(node) {
                    vertex_nodes.push(node);
                    return vertex_nodes.len() as u32 - 1;
                }
                let v = &mut vertex_of[node as usize];
                if *v == MISSING {
                    *v = vertex_nodes.len() as u32;
                    vertex_nodes.push(node);
                }
                *v
            };
            let nodes = &piece_nodes[start as usize..end as usize];
            let mut tail = vertex(nodes[0]);
            let mut first = start;
            let mut length_m = 0.0;
            let mut prev = table.coords[nodes[0] as usize];
            for (k, &node) in nodes.iter().enumerate().skip(1) {
                let p = table.coords[node as usize];
                length_m += Haversine.distance(prev.into(), p.into());
                prev = p;
                if uses[node as usize] >= 2 {
                    let head = vertex(node);
                    let km = &mut km_by_class[class];
                    *km = (true, km.1 + length_m / 1000.0);
                    let end = start + k as u32 + 1;
                    edges.push(RawEdge {
                        tail,
                        head,
                        way: w,
                        start: first,
                        end,
                        length_m,
                        time_ms: (length_m / speed_mps * 1000.0).round() as u32,
                    });
                    // Past a barrier the road starts again at a dead end of its own.
                    tail = if is_blocked(node) { vertex(node) } else { head };
                    first = end - 1;
                    length_m = 0.0;
                }
            }
            for &node in nodes {
                let p = table.coords[node as usize];
                bbox = Some(match bbox {
                    None => (p, p),
                    Some((sw, ne)) => (
                        LatLon {
                            lat: sw.lat.min(p.lat),
                            lon: sw.lon.min(p.lon),
                        },
                        LatLon {
                            lat: ne.lat.max(p.lat),
                            lon: ne.lon.max(p.lon),
                        },
                    ),
                });
            }
        }
        report.bbox = bbox;
        report.km_by_class = classes
            .iter()
            .zip(&km_by_class)
            .filter(|(_, (seen, _))| *seen)
            .map(|(c, (_, km))| (c.clone(), *km))
            .collect();
        RawGraph {
            vertex_nodes,
            edges,
            piece_nodes,
            classes,
            rule_class,
            report,
        }
    }

    fn keep_largest_component(self, table: &WayTable) -> (RoadGraph, BuildReport) {
        let n = self.vertex_nodes.len();
        let direction = |e: &RawEdge| {
            let way = &table.ways[e.way as usize];
            direction_flags(table.rules[way.rule as usize].direction)
        };
        let arcs = self.edges.iter().flat_map(|e| {
            let (forward, backward) = direction(e);
            let ahead = forward.then_some((e.tail, e.head));
            let back = backward.then_some((e.head, e.tail));
            ahead.into_iter().chain(back)
        });
        let component = super::components::strongly_connected(n, arcs);
        let count = component.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut sizes = vec![0usize; count];
        let mut smallest = vec![u32::MAX; count];
        for (v, &c) in component.iter().enumerate() {
            sizes[c as usize] += 1;
            smallest[c as usize] = smallest[c as usize].min(v as u32);
        }
        // Largest first; equal sizes by their smallest vertex, so the choice is stable.
        let kept = (0..count)
            .min_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(smallest[a].cmp(&smallest[b])))
            .expect("a graph with edges has a component") as u32;
        let mut report = self.report;
        report.component_sizes = sizes.clone();
        report.component_sizes.sort_by(|a, b| b.cmp(a));
        report.dropped_vertices = n - sizes[kept as usize];

        // The kept vertices in an order that keeps neighbours close in memory.
        let kept_vertices: Vec<u32> = (0..n as u32)
            .filter(|&v| component[v as usize] == kept)
            .collect();
        let kept_points: Vec<LatLon> = kept_vertices
            .iter()
            .map(|&v| table.coords[self.vertex_nodes[v as usize] as usize])
            .collect();
        let order = locality_order(&kept_points);
        let mut new_id = vec![u32::MAX; n];
        for (rank, &k) in order.iter().enumerate() {
            new_id[kept_vertices[k as usize] as usize] = rank as u32;
        }
        let vertex_nodes: Vec<u32> = order
            .iter()
            .map(|&k| self.vertex_nodes[kept_vertices[k as usize] as usize])
            .collect();
        drop((kept_vertices, kept_points, component));

        let mut edges = Vec::new();
        let mut points = Vec::new();
        let mut point_osm_ids = Vec::new();
        for e in &self.edges {
            let (tail, head) = (new_id[e.tail as usize], new_id[e.head as usize]);
            if tail == u32::MAX || head == u32::MAX {
                report.dropped_edges += 1;
                continue;
            }
            let way = &table.ways[e.way as usize];
            let rule = &table.rules[way.rule as usize];
            let (forward, backward) = direction_flags(rule.direction);
            let first_point = points.len() as u32;
            for &node in &self.piece_nodes[e.start as usize..e.end as usize] {
                points.push(table.coords[node as usize]);
                point_osm_ids.push(table.node_ids[node as usize]);
            }
            report.kept_km += e.length_m / 1000.0;
            edges.push(Edge {
                tail,
                head,
                forward,
                backward,
                class: self.rule_class[way.rule as usize],
                way_id: way.id,
                length_m: e.length_m,
                time_ms: e.time_ms,
                speed_mps: rule.speed_kmh / 3.6,
                first_point,
                end_point: points.len() as u32,
            });
        }
        let (csr, arc_edge) = csr(vertex_nodes.len(), &edges);
        let graph = RoadGraph {
            vertices: vertex_nodes
                .iter()
                .map(|&node| table.coords[node as usize])
                .collect(),
            vertex_osm_ids: vertex_nodes
                .iter()
                .map(|&node| table.node_ids[node as usize])
                .collect(),
            edges,
            points,
            point_osm_ids,
            classes: self.classes,
            csr,
            arc_edge,
            traffic_signals: table.traffic_signals.clone(),
            restrictions: table.restrictions.clone(),
        };
        (graph, report)
    }
}

fn direction_flags(direction: Direction) -> (bool, bool) {
    match direction {
        Direction::Both => (true, true),
        Direction::Forward => (true, false),
        Direction::Backward => (false, true),
    }
}

/// An order of points along a Hilbert curve over their bounding box (ties by index): the
/// rank of each point is its new number, so that vertices near each other on the map are
/// near each other in memory, and a search touches fewer cache lines.
fn locality_order(points: &[LatLon]) -> Vec<u32> {
    let Some((sw, ne)) = super::bounds(points.iter().copied()) else {
        return Vec::new();
    };
    let scale = |v: f64, lo: f64, hi: f64| {
        if hi > lo {
            (((v - lo) / (hi - lo)) * 65535.0).round() as u32
        } else {
            0
        }
    };
    let mut keyed: Vec<(u32, u32)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = scale(p.lon, sw.lon, ne.lon);
            let y = scale(p.lat, sw.lat, ne.lat);
            (hilbert(x, y), i as u32)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The distance along a Hilbert curve of order 16 of the cell (x, y), both below 2^16.
pub(crate) fn hilbert(mut x: u32, mut y: u32) -> u32 {
    let mut d = 0u32;
    let mut s = 1u32 << 15;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += s * s * ((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = 0xffff - x;
                y = 0xffff - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    d
}

/// Forward arcs sorted by tail (counting sort), then by edge, and the edge of each arc
/// (`edge << 1 | 1` when it runs the edge backwards).
fn csr(vertex_count: usize, edges: &[Edge]) -> (Csr, Vec<u32>) {
    let mut first_out = vec![0u32; vertex_count + 1];
    for e in edges {
        first_out[e.tail as usize + 1] += e.forward as u32;
        first_out[e.head as usize + 1] += e.backward as u32;
    }
    for v in 0..vertex_count {
        first_out[v + 1] += first_out[v];
    }
    let count = first_out[vertex_count] as usize;
    let mut next = first_out.clone();
    let mut arcs = vec![
        Arc {
            head: 0,
            time_ms: 0,
            length_m: 0.0
        };
        count
    ];
    let mut arc_edge = vec![0; count];
    for (i, e) in edges.iter().enumerate() {
        let i = i as u32;
        for (ok, tail, head, code) in [
            (e.forward, e.tail, e.head, i << 1),
            (e.backward, e.head, e.tail, i << 1 | 1),
        ] {
            if ok {
                let a = next[tail as usize] as usize;
                next[tail as usize] += 1;
                arcs[a] = Arc {
                    head,
                    time_ms: e.time_ms,
                    length_m: e.length_m,
                };
                arc_edge[a] = code;
            }
        }
    }
    (Csr { first_out, arcs }, arc_edge)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::map::osm::Way;

    /// A tiny classifier for tests: `highway` gives the class, `oneway=yes|-1` the
    /// direction, `maxspeed` the speed (default 36 km/h = 10 m/s); `highway=footway` is not
    /// usable.
    pub(crate) fn test_classify(tags: &[(String, String)]) -> Option<WayRule> {
        let get = |k: &str| {
            tags.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        let class = get("highway")?;
        if class == "footway" {
            return None;
        }
        let direction = match get("oneway") {
            Some("yes") => Direction::Forward,
            Some("-1") => Direction::Backward,
            _ => Direction::Both,
        };
        let speed_kmh = get("maxspeed").map_or(36.0, |s| s.parse().unwrap());
        Some(WayRule {
            class: class.to_string(),
            speed_kmh,
            direction,
        })
    }

    /// OSM data on a small grid: node `id` sits at (id / 100, id % 100) × 0.001°.
    /// A way for [`grid_data`]: id, node ids, tags.
    pub(crate) type TestWay<'a> = (i64, &'a [i64], &'a [(&'a str, &'a str)]);

    pub(crate) fn grid_data(ways: &[TestWay]) -> OsmData {
        let mut data = OsmData::default();
        for (id, nodes, tags) in ways {
            for &n in *nodes {
                data.nodes.insert(n, grid_point(n));
            }
            data.ways.push(Way {
                id: *id,
                nodes: nodes.to_vec(),
                tags: tags
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            });
        }
        data
    }

    pub(crate) fn grid_point(id: i64) -> LatLon {
        LatLon {
            lat: 10.0 + (id / 100) as f64 * 0.001,
            lon: 20.0 + (id % 100) as f64 * 0.001,
        }
    }

    fn build(data: &OsmData) -> (RoadGraph, BuildReport) {
        RoadGraph::build(data, &test_classify, "test data").unwrap()
    }

    #[test]
    fn degree_two_chains_fold_into_one_edge_with_geometry() {
        // A two-way street 1-2-3-4 and a side street 3-103: vertices 1, 3, 4, 103.
        let data = grid_data(&[
            (10, &[1, 2, 3, 4], &[("highway", "residential")]),
            (11, &[3, 103], &[("highway", "residential")]),
        ]);
        let (g, report) = build(&data);
        assert_eq!(g.vertex_count(), 4);
        assert_eq!(g.edges.len(), 3);
        assert_eq!(g.arc_count(), 6);
        let first = &g.edges[0];
        assert_eq!(g.vertex_osm_ids[first.tail as usize], 1);
        assert_eq!(g.vertex_osm_ids[first.head as usize], 3);
        assert_eq!(
            g.geometry(0),
            &[grid_point(1), grid_point(2), grid_point(3)]
        );
        let expected = Haversine.distance(grid_point(1).into(), grid_point(2).into()) * 2.0;
        assert!((first.length_m - expected).abs() < 1e-6);
        assert_eq!(first.time_ms, (expected / 10.0 * 1000.0).round() as u32);
        assert_eq!(report.usable_ways, 2);
        let km = report.km_by_class["residential"];
        let total: f64 = g.edges.iter().map(|e| e.length_m).sum::<f64>() / 1000.0;
        assert!((km - total).abs() < 1e-9, "a two-way road counts once");
        assert_eq!(report.component_sizes, vec![4]);
    }

    #[test]
    fn csr_arcs_follow_the_allowed_directions() {
        let data = grid_data(&[
            (10, &[1, 2], &[("highway", "primary"), ("oneway", "yes")]),
            (11, &[3, 2], &[("highway", "primary"), ("oneway", "-1")]),
            (12, &[3, 1], &[("highway", "primary")]),
        ]);
        let (g, _) = build(&data);
        let mut arcs = Vec::new();
        for v in 0..g.vertex_count() {
            for a in g.csr.out(v as u32) {
                let head = g.csr.arcs[a as usize].head as usize;
                arcs.push((g.vertex_osm_ids[v], g.vertex_osm_ids[head]));
            }
        }
        arcs.sort();
        // 1->2 forward, 2->3 (way 3-2 is oneway=-1), 3<->1.
        assert_eq!(arcs, vec![(1, 2), (1, 3), (2, 3), (3, 1)]);
    }

    #[test]
    fn disconnected_islands_and_dead_end_oneways_are_dropped_and_reported() {
        let data = grid_data(&[
            // The main loop.
            (10, &[1, 2, 3, 1], &[("highway", "residential")]),
            // An island far away.
            (20, &[501, 502], &[("highway", "residential")]),
            // A oneway leaving the loop and never coming back.
            (
                30,
                &[3, 4],
                &[("highway", "residential"), ("oneway", "yes")],
            ),
            // A footpath joining the island to the loop is no road for a van.
            (40, &[2, 501], &[("highway", "footway")]),
        ]);
        let (g, report) = build(&data);
        assert_eq!(report.usable_ways, 3);
        // Node 2 lies inside the loop's way and is no vertex.
        let mut kept = g.vertex_osm_ids.clone();
        kept.sort();
        assert_eq!(kept, vec![1, 3]);
        assert_eq!(report.component_sizes, vec![2, 2, 1]);
        assert_eq!(report.dropped_vertices, 3);
        assert_eq!(report.dropped_edges, 2);
        assert!(g.edges.iter().all(|e| e.way_id == 10));
    }

    #[test]
    fn data_without_usable_roads_is_an_error_naming_the_source() {
        let data = grid_data(&[(1, &[1, 2], &[("highway", "footway")])]);
        let err = RoadGraph::build(&data, &test_classify, "paths.osm").unwrap_err();
        assert_eq!(err.to_string(), "no roads a van can use in paths.osm");
    }

    #[test]
    fn ways_with_missing_nodes_are_split_and_repeated_nodes_skipped() {
        let mut data = grid_data(&[(10, &[1, 2, 2, 3, 4, 5], &[("highway", "residential")])]);
        data.nodes.remove(&4);
        let (g, report) = build(&data);
        // 1-2-3 is kept (vertices 1 and 3); the piece 5 alone has no segment.
        assert_eq!(g.edges.len(), 1);
        assert_eq!(g.geometry(0).len(), 3);
        assert_eq!(report.component_sizes, vec![2]);
    }

    #[test]
    fn a_way_crossing_itself_gets_a_vertex_at_the_crossing() {
        // A lollipop: 1-2-3-4-2; node 2 is used twice.
        let data = grid_data(&[(10, &[1, 2, 3, 4, 2], &[("highway", "residential")])]);
        let (g, _) = build(&data);
        let mut ids = g.vertex_osm_ids.clone();
        ids.sort();
        assert_eq!(ids, vec![1, 2]);
        assert_eq!(g.edges.len(), 2);
    }
}
