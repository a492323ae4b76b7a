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
use petgraph::graph::DiGraph;

use super::LatLon;
use super::osm::OsmData;
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
    /// CSR of the forward arcs: the arcs leaving vertex `v` are `first_out[v]..first_out[v+1]`.
    pub first_out: Vec<u32>,
    pub arc_head: Vec<u32>,
    pub arc_time_ms: Vec<u32>,
    pub arc_length_m: Vec<f64>,
    /// `edge << 1 | 1` when the arc runs the edge from head to tail.
    pub arc_edge: Vec<u32>,
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
        self.arc_head.len()
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
        let raw = RawGraph::from_osm(data, classify);
        if raw.edges.is_empty() {
            bail!("no roads a van can use in {source}");
        }
        Ok(raw.keep_largest_component())
    }
}

/// The full graph of usable roads, before the component cut.
struct RawGraph {
    vertices: Vec<LatLon>,
    vertex_osm_ids: Vec<i64>,
    edges: Vec<Edge>,
    points: Vec<LatLon>,
    point_osm_ids: Vec<i64>,
    classes: Vec<String>,
    report: BuildReport,
}

impl RawGraph {
    fn from_osm(data: &OsmData, classify: Classifier<'_>) -> RawGraph {
        // Ways in id order, so the graph does not depend on the reader's order.
        let mut usable: Vec<(&super::osm::Way, WayRule)> = data
            .ways
            .iter()
            .filter_map(|w| classify(&w.tags).map(|r| (w, r)))
            .filter(|(_, r)| r.speed_kmh > 0.0 && r.speed_kmh.is_finite())
            .collect();
        usable.sort_by_key(|(w, _)| w.id);

        // Each way becomes pieces of consecutive nodes that have coordinates (a clipped
        // extract can miss some), without repeated consecutive nodes.
        let pieces: Vec<(usize, Vec<(i64, LatLon)>)> = usable
            .iter()
            .enumerate()
            .flat_map(|(i, (w, _))| split_pieces(w, &data.nodes).map(move |p| (i, p)))
            .collect();

        let mut uses: HashMap<i64, u32> = HashMap::new();
        for (_, piece) in &pieces {
            for (k, (id, _)) in piece.iter().enumerate() {
                let is_end = k == 0 || k + 1 == piece.len();
                *uses.entry(*id).or_default() += if is_end { 2 } else { 1 };
            }
        }

        let mut classes: Vec<String> = usable.iter().map(|(_, r)| r.class.clone()).collect();
        classes.sort();
        classes.dedup();
        let class_index = |c: &str| classes.binary_search_by(|x| x.as_str().cmp(c)).unwrap() as u16;

        let mut report = BuildReport {
            highway_ways: data.ways.len(),
            usable_ways: usable.len(),
            ..Default::default()
        };
        let mut vertex_of: HashMap<i64, u32> = HashMap::new();
        let mut vertices = Vec::new();
        let mut vertex_osm_ids = Vec::new();
        let mut edges = Vec::new();
        let mut points: Vec<LatLon> = Vec::new();
        let mut point_osm_ids = Vec::new();
        let mut bbox: Option<(LatLon, LatLon)> = None;
        for (way_index, piece) in &pieces {
            let (way, rule) = &usable[*way_index];
            let class = class_index(&rule.class);
            let speed_mps = rule.speed_kmh / 3.6;
            let (forward, backward) = match rule.direction {
                Direction::Both => (true, true),
                Direction::Forward => (true, false),
                Direction::Backward => (false, true),
            };
            let mut vertex = |id: i64, p: LatLon| {
                *vertex_of.entry(id).or_insert_with(|| {
                    vertices.push(p);
                    vertex_osm_ids.push(id);
                    (vertices.len() - 1) as u32
                })
            };
            let mut tail = vertex(piece[0].0, piece[0].1);
            let mut first_point = points.len();
            let mut length_m = 0.0;
            points.push(piece[0].1);
            point_osm_ids.push(piece[0].0);
            for k in 1..piece.len() {
                let (id, p) = piece[k];
                length_m += Haversine.distance(piece[k - 1].1.into(), p.into());
                points.push(p);
                point_osm_ids.push(id);
                if uses[&id] >= 2 {
                    let head = vertex(id, p);
                    *report.km_by_class.entry(rule.class.clone()).or_default() += length_m / 1000.0;
                    edges.push(Edge {
                        tail,
                        head,
                        forward,
                        backward,
                        class,
                        way_id: way.id,
                        length_m,
                        time_ms: (length_m / speed_mps * 1000.0).round() as u32,
                        speed_mps,
                        first_point: first_point as u32,
                        end_point: points.len() as u32,
                    });
                    tail = head;
                    first_point = points.len();
                    length_m = 0.0;
                    if k + 1 < piece.len() {
                        points.push(p);
                        point_osm_ids.push(id);
                    }
                }
            }
            for &(_, p) in piece {
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
        RawGraph {
            vertices,
            vertex_osm_ids,
            edges,
            points,
            point_osm_ids,
            classes,
            report,
        }
    }

    fn keep_largest_component(self) -> (RoadGraph, BuildReport) {
        let mut g = DiGraph::<(), ()>::with_capacity(self.vertices.len(), self.edges.len() * 2);
        for _ in 0..self.vertices.len() {
            g.add_node(());
        }
        for e in &self.edges {
            if e.forward {
                g.add_edge(e.tail.into(), e.head.into(), ());
            }
            if e.backward {
                g.add_edge(e.head.into(), e.tail.into(), ());
            }
        }
        // Kosaraju is iterative; petgraph's Tarjan recurses and overflows the stack at ~1M vertices.
        let mut components = petgraph::algo::kosaraju_scc(&g);
        // Largest first; equal sizes by their smallest vertex, so the choice is stable.
        for c in &mut components {
            c.sort();
        }
        components.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        let mut new_id = vec![u32::MAX; self.vertices.len()];
        for (i, v) in components[0].iter().enumerate() {
            new_id[v.index()] = i as u32;
        }

        let mut report = self.report;
        report.component_sizes = components.iter().map(Vec::len).collect();
        report.dropped_vertices = self.vertices.len() - components[0].len();
        let vertices = components[0]
            .iter()
            .map(|v| self.vertices[v.index()])
            .collect();
        let vertex_osm_ids = components[0]
            .iter()
            .map(|v| self.vertex_osm_ids[v.index()])
            .collect();

        let mut edges = Vec::new();
        let mut points = Vec::new();
        let mut point_osm_ids = Vec::new();
        for e in &self.edges {
            let (tail, head) = (new_id[e.tail as usize], new_id[e.head as usize]);
            if tail == u32::MAX || head == u32::MAX {
                report.dropped_edges += 1;
                continue;
            }
            let first_point = points.len() as u32;
            let range = e.first_point as usize..e.end_point as usize;
            points.extend_from_slice(&self.points[range.clone()]);
            point_osm_ids.extend_from_slice(&self.point_osm_ids[range]);
            report.kept_km += e.length_m / 1000.0;
            edges.push(Edge {
                tail,
                head,
                first_point,
                end_point: points.len() as u32,
                ..e.clone()
            });
        }
        let csr = Csr::new(components[0].len(), &edges);
        let graph = RoadGraph {
            vertices,
            vertex_osm_ids,
            edges,
            points,
            point_osm_ids,
            classes: self.classes,
            first_out: csr.first_out,
            arc_head: csr.head,
            arc_time_ms: csr.time_ms,
            arc_length_m: csr.length_m,
            arc_edge: csr.edge,
        };
        (graph, report)
    }
}

/// Splits a way into runs of consecutive nodes with known coordinates, dropping repeated
/// consecutive nodes; runs shorter than two nodes are skipped.
fn split_pieces<'a>(
    way: &'a super::osm::Way,
    nodes: &'a HashMap<i64, LatLon>,
) -> impl Iterator<Item = Vec<(i64, LatLon)>> + 'a {
    let mut pieces = Vec::new();
    let mut current: Vec<(i64, LatLon)> = Vec::new();
    for id in &way.nodes {
        match nodes.get(id) {
            Some(&p) => {
                if current.last().is_none_or(|&(last, _)| last != *id) {
                    current.push((*id, p));
                }
            }
            None => pieces.push(std::mem::take(&mut current)),
        }
    }
    pieces.push(current);
    pieces.into_iter().filter(|p| p.len() >= 2)
}

/// Forward arcs sorted by tail (counting sort), then by edge.
struct Csr {
    first_out: Vec<u32>,
    head: Vec<u32>,
    time_ms: Vec<u32>,
    length_m: Vec<f64>,
    edge: Vec<u32>,
}

impl Csr {
    fn new(vertex_count: usize, edges: &[Edge]) -> Csr {
        let mut arcs: Vec<(u32, u32, u32)> = Vec::with_capacity(edges.len() * 2); // tail, head, edge<<1|rev
        for (i, e) in edges.iter().enumerate() {
            let i = i as u32;
            if e.forward {
                arcs.push((e.tail, e.head, i << 1));
            }
            if e.backward {
                arcs.push((e.head, e.tail, i << 1 | 1));
            }
        }
        let mut first_out = vec![0u32; vertex_count + 1];
        for &(tail, _, _) in &arcs {
            first_out[tail as usize + 1] += 1;
        }
        for v in 0..vertex_count {
            first_out[v + 1] += first_out[v];
        }
        let mut next = first_out.clone();
        let mut order = vec![0usize; arcs.len()];
        for (i, &(tail, _, _)) in arcs.iter().enumerate() {
            order[next[tail as usize] as usize] = i;
            next[tail as usize] += 1;
        }
        let arc = |i: &usize| arcs[*i];
        Csr {
            first_out,
            head: order.iter().map(|i| arc(i).1).collect(),
            time_ms: order
                .iter()
                .map(|i| edges[(arc(i).2 >> 1) as usize].time_ms)
                .collect(),
            length_m: order
                .iter()
                .map(|i| edges[(arc(i).2 >> 1) as usize].length_m)
                .collect(),
            edge: order.iter().map(|i| arc(i).2).collect(),
        }
    }
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
            for a in g.first_out[v]..g.first_out[v + 1] {
                let head = g.arc_head[a as usize] as usize;
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
