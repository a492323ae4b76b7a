//! The generated network as OSM objects: nodes with ids and coordinates, tagged ways.

use std::collections::HashMap;

use super::geometry::{Projection, Xy, road_polyline};
use super::plan::{Class, Plan, Terrain, maxspeed, surface};
use super::villages::residential_loops;
use super::{NOTE, SOURCE};
use crate::map::LatLon;
use crate::map::osm::{OsmData, ReadCounts, Way};

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
            },
            nodes,
            ways: self.ways.clone(),
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
    [tag("note", NOTE), tag("source", SOURCE)]
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
    let mut add_line = |nodes: &mut Vec<LatLon>, line: &[Xy], start: i64, end: i64| {
        let mut ids = vec![start];
        for &p in &line[1..line.len() - 1] {
            nodes.push(proj.to_latlon(p));
            ids.push(nodes.len() as i64);
        }
        ids.push(end);
        ids
    };
    let mut ways = Vec::new();
    for link in &plan.links {
        let (a, b) = (plan.sites[link.a].pos, plan.sites[link.b].pos);
        let line = road_polyline(a, b, link.curve);
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
        for (k, ring) in residential_loops(plan, &incidence[site], site, seed)
            .iter()
            .enumerate()
        {
            let town_square = k == 0 && site == capital && s.name == TOWN_SQUARE_DESA;
            let name = if town_square {
                format!("Jalan Alun-Alun {}", s.name)
            } else {
                format!("Gang {} {}", s.name, k + 1)
            };
            let ids = add_line(&mut nodes, ring, centre, centre);
            ways.push(Way {
                id: ways.len() as i64 + 1,
                nodes: ids,
                tags: road_tags(Class::Residential, s.terrain, Some(&name), town_square),
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
    // Segments bucketed on a 500 m grid; each pair is tested once, in the lower bucket they share.
    const CELL: f64 = 500.0;
    let mut segments = Vec::new();
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for w in &network.ways {
        for pair in w.nodes.windows(2) {
            let (p, q) = (xy(pair[0]), xy(pair[1]));
            let s = segments.len();
            segments.push((pair[0], pair[1], p, q));
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
                let (a1, a2, p1, p2) = segments[s];
                let (b1, b2, q1, q2) = segments[t];
                let shared = a1 == b1 || a1 == b2 || a2 == b1 || a2 == b2;
                if !shared && super::geometry::segments_cross(p1, p2, q1, q2) {
                    pairs.insert((s.min(t), s.max(t)));
                }
            }
        }
    }
    pairs.len()
}
