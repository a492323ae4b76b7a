//! The generated network as OSM objects: nodes with ids and coordinates, tagged ways.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::SOURCE;
use super::geometry::{Projection, SegmentIndex, Xy};
use super::plan::{Class, Plan, SiteKind, Terrain, maxspeed, surface};
use super::villages::residential_loops;
use crate::map::osm::{OsmData, ReadCounts, STANDIN_NOTE, Way};
use crate::map::{LatLon, bounds};
use crate::pbf_write::PbfWriter;

/// Nodes (id = index + 1) and ways (ids ascending from 1), ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub nodes: Vec<LatLon>,
    /// Tags of the few tagged nodes (village centres), by node id, ascending.
    pub node_tags: Vec<(i64, Vec<(String, String)>)>,
    pub ways: Vec<Way>,
}

impl Network {
    /// The network as the OSM reader would return it.
    pub fn to_osm_data(&self) -> OsmData {
        let nodes: HashMap<i64, LatLon> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, &p)| (i as i64 + 1, p))
            .collect();
        OsmData {
            counts: ReadCounts {
                nodes: nodes.len() as u64,
                ways: self.ways.len() as u64,
                relations: 0,
                highway_ways: self.ways.len() as u64,
                missing_node_refs: 0,
            },
            nodes,
            ways: self.ways.clone(),
            traffic_signals: Vec::new(),
            barriers: Vec::new(),
            restrictions: Vec::new(),
        }
    }

    /// Writes the network as `.osm.pbf` (atomically: a temporary file renamed into place).
    pub fn write_pbf(&self, path: &Path) -> anyhow::Result<()> {
        let (min, max) = bounds(self.nodes.iter().copied()).context("a network without nodes")?;
        let mut out = PbfWriter::create_with_bbox(path, min, max)?;
        let mut tagged = self.node_tags.iter().peekable();
        for (i, &p) in self.nodes.iter().enumerate() {
            let id = i as i64 + 1;
            let tags = match tagged.peek() {
                Some((tid, tags)) if *tid == id => {
                    tagged.next();
                    tags.as_slice()
                }
                _ => &[],
            };
            out.node(id, p, tags)?;
        }
        for w in &self.ways {
            out.way(w.id, &w.nodes, &w.tags)?;
        }
        out.finish()
            .with_context(|| format!("writing the generated map to {}", path.display()))
    }

    /// Number of ways and km of road per highway class.
    pub fn km_by_class(&self) -> std::collections::BTreeMap<String, (usize, f64)> {
        let proj = Projection::new(self.nodes[0]);
        let mut out = std::collections::BTreeMap::new();
        for w in &self.ways {
            let class = w
                .tags
                .iter()
                .find(|(k, _)| k == "highway")
                .map_or("", |(_, v)| v);
            let line: Vec<Xy> = w
                .nodes
                .iter()
                .map(|&n| proj.to_xy(self.nodes[n as usize - 1]))
                .collect();
            let entry = out.entry(class.to_string()).or_insert((0, 0.0));
            entry.0 += 1;
            entry.1 += super::geometry::polyline_length(&line) / 1000.0;
        }
        out
    }

    /// The same roads with only every `keep`-th shape node between the ends of each way (and
    /// every node that is a junction), renumbered in order. Large test networks use it to get
    /// closer to OpenStreetMap's density of nodes per junction.
    pub fn thinned(&self, keep: usize) -> Network {
        let keep = keep.max(1);
        let mut uses = vec![0u32; self.nodes.len() + 1];
        for w in &self.ways {
            for &n in &w.nodes {
                uses[n as usize] += 1;
            }
        }
        let ways: Vec<Vec<i64>> = self
            .ways
            .iter()
            .map(|w| {
                let last = w.nodes.len() - 1;
                w.nodes
                    .iter()
                    .enumerate()
                    .filter(|&(i, &n)| i == 0 || i == last || i % keep == 0 || uses[n as usize] > 1)
                    .map(|(_, &n)| n)
                    .collect()
            })
            .collect();
        let mut new_id = vec![0i64; self.nodes.len() + 1];
        for &n in ways.iter().flatten() {
            new_id[n as usize] = 1;
        }
        for (id, _) in &self.node_tags {
            new_id[*id as usize] = 1;
        }
        let mut nodes = Vec::new();
        for (old, slot) in new_id.iter_mut().enumerate().skip(1) {
            if *slot != 0 {
                nodes.push(self.nodes[old - 1]);
                *slot = nodes.len() as i64;
            }
        }
        Network {
            nodes,
            node_tags: self
                .node_tags
                .iter()
                .map(|(id, tags)| (new_id[*id as usize], tags.clone()))
                .collect(),
            ways: self
                .ways
                .iter()
                .zip(ways)
                .map(|(w, refs)| Way {
                    id: w.id,
                    nodes: refs.iter().map(|&n| new_id[n as usize]).collect(),
                    tags: w.tags.clone(),
                })
                .collect(),
        }
    }

    /// Nodes that are road junctions or road ends: the vertices of a compressed road graph.
    pub fn junction_count(&self) -> usize {
        let mut uses = vec![0u8; self.nodes.len() + 1];
        for w in &self.ways {
            for (i, &n) in w.nodes.iter().enumerate() {
                let end = i == 0 || i + 1 == w.nodes.len();
                let u = &mut uses[n as usize];
                *u = u.saturating_add(if end { 2 } else { 1 });
            }
        }
        uses.iter().filter(|&&u| u >= 2).count()
    }
}

fn tag(k: &str, v: impl Into<String>) -> (String, String) {
    (k.to_string(), v.into())
}

/// Tags every generated way carries, so nobody mistakes it for a survey.
fn provenance_tags() -> [(String, String); 2] {
    [tag("note", STANDIN_NOTE), tag("source", SOURCE)]
}

fn road_tags(
    class: Class,
    terrain: Terrain,
    name: Option<&str>,
    oneway: bool,
) -> Vec<(String, String)> {
    let mut tags = vec![tag("highway", class.tag())];
    if let Some(n) = name {
        tags.push(tag("name", n));
    }
    tags.push(tag("maxspeed", maxspeed(class, terrain).to_string()));
    tags.push(tag("surface", surface(class, terrain)));
    if oneway {
        tags.push(tag("oneway", "yes"));
    }
    tags.extend(provenance_tags());
    tags
}

/// The one-way loop round the town square: Javanese alun-alun are usually driven one way.
const TOWN_SQUARE_DESA: &str = "Magetan";

/// Turns the plan into nodes and ways: village centres first, then each link's road, then the
/// residential loops.
pub fn materialize(plan: &Plan, proj: &Projection, capital: usize, seed: u64) -> Network {
    let mut nodes: Vec<LatLon> = plan.sites.iter().map(|s| proj.to_latlon(s.pos)).collect();
    let node_tags = plan
        .sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SiteKind::Centre)
        .map(|(i, s)| {
            let place = if i == capital {
                "town"
            } else if s.is_kelurahan {
                "quarter"
            } else {
                "village"
            };
            let mut tags = vec![tag("place", place), tag("name", s.name.clone())];
            tags.extend(provenance_tags());
            (i as i64 + 1, tags)
        })
        .collect();
    let add_line = |nodes: &mut Vec<LatLon>, line: &[Xy], start: i64, end: i64| {
        let mut ids = vec![start];
        for &p in &line[1..line.len() - 1] {
            nodes.push(proj.to_latlon(p));
            ids.push(nodes.len() as i64);
        }
        ids.push(end);
        ids
    };
    let mut ways = Vec::new();
    let mut laid = SegmentIndex::default();
    for (l, link) in plan.links.iter().enumerate() {
        let line = plan.polyline(l);
        laid.insert(&line, l);
        let ids = add_line(&mut nodes, &line, link.a as i64 + 1, link.b as i64 + 1);
        ways.push(Way {
            id: ways.len() as i64 + 1,
            nodes: ids,
            tags: road_tags(link.class, link.terrain, link.name.as_deref(), false),
        });
    }
    let incidence = plan.incidence();
    for (site, s) in plan.sites.iter().enumerate() {
        let centre = site as i64 + 1;
        let mut count = 0;
        for ring in residential_loops(plan, &incidence[site], site, seed) {
            // A loop that would cross a winding main road is left out.
            if laid.crosses(&ring, usize::MAX) {
                continue;
            }
            laid.insert(&ring, usize::MAX);
            count += 1;
            let town_square = count == 1 && site == capital && s.name == TOWN_SQUARE_DESA;
            let name = if town_square {
                Some(format!("Jalan Alun-Alun {}", s.name))
            } else {
                (s.kind == SiteKind::Centre).then(|| format!("Gang {} {count}", s.name))
            };
            let ids = add_line(&mut nodes, &ring, centre, centre);
            ways.push(Way {
                id: ways.len() as i64 + 1,
                nodes: ids,
                tags: road_tags(Class::Residential, s.terrain, name.as_deref(), town_square),
            });
        }
    }
    Network {
        nodes,
        node_tags,
        ways,
    }
}

/// Pairs of road segments that cross without a shared node: zero for a planar network.
pub fn crossings(network: &Network) -> usize {
    let proj = Projection::new(network.nodes[0]);
    let xy = |id: i64| proj.to_xy(network.nodes[id as usize - 1]);
    // Segments bucketed on a 500 m grid; a pair met in several cells is counted once.
    const CELL: f64 = 500.0;
    let mut segments = Vec::new();
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for w in &network.ways {
        for pair in w.nodes.windows(2) {
            let (p, q) = (xy(pair[0]), xy(pair[1]));
            let s = segments.len();
            segments.push((p, q));
            let cell = |v: f64| (v / CELL).floor() as i64;
            for cx in cell(p.x.min(q.x))..=cell(p.x.max(q.x)) {
                for cy in cell(p.y.min(q.y))..=cell(p.y.max(q.y)) {
                    grid.entry((cx, cy)).or_default().push(s);
                }
            }
        }
    }
    let mut pairs = std::collections::BTreeSet::new();
    for bucket in grid.values() {
        for (i, &s) in bucket.iter().enumerate() {
            for &t in &bucket[i + 1..] {
                let ((p1, p2), (q1, q2)) = (segments[s], segments[t]);
                if super::geometry::segments_cross(p1, p2, q1, q2) {
                    pairs.insert((s.min(t), s.max(t)));
                }
            }
        }
    }
    pairs.len()
}
