//! Larger networks for scaling tests: copies of a base network (the stand-in, or the roads of
//! a real extract) on a grid of tiles, each joined to its east and south neighbours by a main
//! road. Written as a stream, tile by tile, so the memory used does not grow with the output.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::SOURCE;
use super::geometry::{Curve, Projection, road_polyline};
use super::network::Network;
use crate::map::osm::{STANDIN_NOTE, Way, read_osm};
use crate::map::profile::Profile;
use crate::map::{LatLon, RoadMap, bounds};
use crate::pbf_write::PbfWriter;

/// Space between tiles, in degrees.
const TILE_GAP_DEG: f64 = 0.01;

/// What a tiled file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TiledSummary {
    pub tiles: usize,
    pub nodes: u64,
    pub ways: u64,
    /// Road junctions and ends: the vertices of the compressed road graph.
    pub junctions: u64,
}

/// A road joining two tiles: the base-network node it starts from in one tile, the one it
/// ends at in the other, and its inner nodes.
struct Connector {
    from: (usize, i64),
    to: (usize, i64),
    inner: Vec<LatLon>,
    first_inner_id: i64,
}

/// How the roads of the tiles are cut into ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileWays {
    /// As in the base network: one way from junction to junction.
    Single,
    /// Joined through junctions into longer ways, as real OSM ways run on through
    /// junctions (see [`joined_ways`]).
    Joined,
}

/// Most base ways joined into one way: real OSM roads are split at name, class and surface
/// changes, and mappers split long roads too.
const MAX_JOINED: usize = 12;

/// The ways of `base` joined end to end: a way runs on into the way (first by id) that meets
/// it at its last node and has exactly the same tags (so the same class, speed and
/// direction; a two-way road may be taken backwards), up to [`MAX_JOINED`] ways. The junction
/// between them stays a junction when a third way uses it; otherwise it becomes an inner node
/// of the joined way, as in real data. Ids are renumbered from 1.
pub fn joined_ways(base: &Network) -> Vec<Way> {
    let two_way = |w: &Way| {
        !w.tags
            .iter()
            .any(|(k, _)| k.starts_with("oneway") || k == "junction")
    };
    let mut meeting: std::collections::HashMap<i64, Vec<usize>> = std::collections::HashMap::new();
    for (i, w) in base.ways.iter().enumerate() {
        meeting.entry(w.nodes[0]).or_default().push(i);
        if two_way(w) {
            let last = w.nodes[w.nodes.len() - 1];
            if last != w.nodes[0] {
                meeting.entry(last).or_default().push(i);
            }
        }
    }
    let mut used = vec![false; base.ways.len()];
    let mut out = Vec::new();
    for i in 0..base.ways.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let mut way = base.ways[i].clone();
        for _ in 1..MAX_JOINED {
            let last = *way.nodes.last().expect("ways have nodes");
            let next = meeting.get(&last).and_then(|candidates| {
                candidates
                    .iter()
                    .copied()
                    .find(|&j| !used[j] && base.ways[j].tags == way.tags)
            });
            let Some(j) = next else {
                break;
            };
            used[j] = true;
            let nodes = &base.ways[j].nodes;
            if nodes[0] == last {
                way.nodes.extend_from_slice(&nodes[1..]);
            } else {
                way.nodes.extend(nodes[..nodes.len() - 1].iter().rev());
            }
        }
        way.id = out.len() as i64 + 1;
        out.push(way);
    }
    out
}

/// Writes enough copies of `base` to reach at least `min_junctions` junctions, one way per
/// junction-to-junction road.
pub fn write_tiled(
    base: &Network,
    min_junctions: u64,
    path: &Path,
) -> anyhow::Result<TiledSummary> {
    write_tiled_ways(base, min_junctions, path, TileWays::Single)
}

/// Writes enough copies of `base` to reach at least `min_junctions` junctions, its roads cut
/// into ways as `ways` says.
pub fn write_tiled_ways(
    base: &Network,
    min_junctions: u64,
    path: &Path,
    ways: TileWays,
) -> anyhow::Result<TiledSummary> {
    let joined;
    let base = match ways {
        TileWays::Single => base,
        TileWays::Joined => {
            joined = Network {
                nodes: base.nodes.clone(),
                node_tags: base.node_tags.clone(),
                ways: joined_ways(base),
            };
            &joined
        }
    };
    let centres: Vec<i64> = base.node_tags.iter().map(|(id, _)| *id).collect();
    write_tiles(base, &centres, min_junctions, path)
}

/// Writes enough copies of the van-usable roads of a real extract, with their barriers and
/// traffic signals, to reach at least `min_junctions` junctions: real road topology
/// (junction degrees, ways that run through junctions, class shares) at any size. The connectors between tiles end at junctions of the
/// extract's largest strongly connected part, so the tiles form one network.
pub fn write_tiled_extract(
    extract: &Path,
    profile: &Profile,
    min_junctions: u64,
    path: &Path,
) -> anyhow::Result<TiledSummary> {
    let data = read_osm(extract)?;
    let map = RoadMap::from_osm(&data, profile)
        .with_context(|| format!("building the road graph of {}", extract.display()))?;
    let mut new_id: HashMap<i64, i64> = HashMap::new();
    let mut nodes = Vec::new();
    let mut ways = Vec::new();
    for w in data
        .ways
        .iter()
        .filter(|w| profile.classify(&w.tags).is_some())
    {
        let refs = w
            .nodes
            .iter()
            .map(|n| {
                *new_id.entry(*n).or_insert_with(|| {
                    nodes.push(data.nodes[n]);
                    nodes.len() as i64
                })
            })
            .collect();
        ways.push(Way {
            id: ways.len() as i64 + 1,
            nodes: refs,
            tags: w.tags.clone(),
        });
    }
    let anchors: Vec<i64> = map
        .graph
        .vertex_osm_ids
        .iter()
        .filter_map(|id| new_id.get(id).copied())
        .collect();
    // The barriers and traffic signals on those roads come along.
    let mut node_tags: Vec<(i64, Vec<(String, String)>)> = (data.barriers.iter())
        .filter_map(|(id, tags)| new_id.get(id).map(|&n| (n, tags.clone())))
        .collect();
    let signal = vec![("highway".to_string(), "traffic_signals".to_string())];
    for id in &data.traffic_signals {
        let is_barrier = data.barriers.binary_search_by_key(id, |(b, _)| *b).is_ok();
        if let Some(&n) = new_id.get(id)
            && !is_barrier
        {
            node_tags.push((n, signal.clone()));
        }
    }
    node_tags.sort_by_key(|(id, _)| *id);
    let base = Network {
        nodes,
        node_tags,
        ways,
    };
    write_tiles(&base, &anchors, min_junctions, path)
}

/// Writes copies of `base` on a grid, each joined to its east and south neighbours by a road
/// between the easternmost and westernmost (southernmost and northernmost) of the `anchors`.
fn write_tiles(
    base: &Network,
    anchors: &[i64],
    min_junctions: u64,
    path: &Path,
) -> anyhow::Result<TiledSummary> {
    anyhow::ensure!(!base.nodes.is_empty(), "the base network is empty");
    let base_junctions = base.junction_count() as u64;
    let tiles = min_junctions.div_ceil(base_junctions).max(1) as usize;
    let cols = (tiles as f64).sqrt().ceil() as usize;
    let rows = tiles.div_ceil(cols);
    let (min, max) = bounds(base.nodes.iter().copied()).context("a base network without nodes")?;
    let step_lon = max.lon - min.lon + TILE_GAP_DEG;
    let step_lat = max.lat - min.lat + TILE_GAP_DEG;
    anyhow::ensure!(
        max.lat - (rows as f64) * step_lat > -85.0 && min.lon + (cols as f64) * step_lon < 180.0,
        "{tiles} tiles do not fit on the globe; ask for fewer junctions"
    );
    let offset = |tile: usize| {
        (
            (tile / cols) as f64 * -step_lat,
            (tile % cols) as f64 * step_lon,
        )
    };
    let at = |tile: usize, id: i64| {
        let p = base.nodes[id as usize - 1];
        let (dlat, dlon) = offset(tile);
        LatLon {
            lat: p.lat + dlat,
            lon: p.lon + dlon,
        }
    };
    let tile_node = |tile: usize, id: i64| tile as i64 * base.nodes.len() as i64 + id;

    // The anchors at the edges of the base network: where connectors start and end.
    let extreme = |key: &dyn Fn(LatLon) -> f64| {
        *anchors
            .iter()
            .max_by(|&&a, &&b| key(at(0, a)).total_cmp(&key(at(0, b))).then(b.cmp(&a)))
            .unwrap_or(&1)
    };
    let (east, west) = (extreme(&|p| p.lon), extreme(&|p| -p.lon));
    let (south, north) = (extreme(&|p| -p.lat), extreme(&|p| p.lat));

    let mut connectors = Vec::new();
    let mut next_id = tiles as i64 * base.nodes.len() as i64 + 1;
    for tile in 0..tiles {
        let neighbours = [
            (tile % cols + 1 < cols && tile + 1 < tiles).then(|| (east, tile + 1, west)),
            (tile + cols < tiles).then(|| (south, tile + cols, north)),
        ];
        for (from, other, to) in neighbours.into_iter().flatten() {
            let (a, b) = (at(tile, from), at(other, to));
            let proj = Projection::new(a);
            let curve = Curve {
                seed: tile as u64,
                bend: 0.03,
                meander: 0.0,
            };
            let line = road_polyline(proj.to_xy(a), proj.to_xy(b), curve);
            let inner: Vec<LatLon> = line[1..line.len() - 1]
                .iter()
                .map(|&p| proj.to_latlon(p))
                .collect();
            connectors.push(Connector {
                from: (tile, from),
                to: (other, to),
                first_inner_id: next_id,
                inner,
            });
            next_id += connectors.last().map_or(0, |c| c.inner.len() as i64);
        }
    }

    let last_tile = tiles - 1;
    let bbox_max = LatLon {
        lat: max.lat,
        lon: max.lon + offset(last_tile.min(cols - 1)).1,
    };
    let bbox_min = LatLon {
        lat: min.lat + offset((rows - 1) * cols).0,
        lon: min.lon,
    };
    let mut out = PbfWriter::create_with_bbox(path, bbox_min, bbox_max)?;
    let mut nodes = 0u64;
    for tile in 0..tiles {
        let mut tagged = base.node_tags.iter().peekable();
        for id in 1..=base.nodes.len() as i64 {
            let tags = match tagged.peek() {
                Some((tid, tags)) if *tid == id => {
                    tagged.next();
                    tags.as_slice()
                }
                _ => &[],
            };
            out.node(tile_node(tile, id), at(tile, id), tags)?;
            nodes += 1;
        }
    }
    for c in &connectors {
        for (k, &p) in c.inner.iter().enumerate() {
            out.node(c.first_inner_id + k as i64, p, &[])?;
            nodes += 1;
        }
    }
    let mut ways = 0u64;
    let mut refs = Vec::new();
    for tile in 0..tiles {
        for w in &base.ways {
            refs.clear();
            refs.extend(w.nodes.iter().map(|&n| tile_node(tile, n)));
            out.way(tile as i64 * base.ways.len() as i64 + w.id, &refs, &w.tags)?;
            ways += 1;
        }
    }
    let tags: Vec<(String, String)> = [
        ("highway", "primary"),
        ("name", "Jalan Penghubung"),
        ("maxspeed", "60"),
        ("surface", "asphalt"),
        ("note", STANDIN_NOTE),
        ("source", SOURCE),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut way_id = tiles as i64 * base.ways.len() as i64;
    for c in &connectors {
        refs.clear();
        refs.push(tile_node(c.from.0, c.from.1));
        refs.extend((0..c.inner.len() as i64).map(|k| c.first_inner_id + k));
        refs.push(tile_node(c.to.0, c.to.1));
        way_id += 1;
        out.way(way_id, &refs, &tags)?;
        ways += 1;
    }
    out.finish()
        .with_context(|| format!("writing the tiled network to {}", path.display()))?;
    Ok(TiledSummary {
        tiles,
        nodes,
        ways,
        // Connectors end at existing junctions (village centres): they add no vertices.
        junctions: tiles as u64 * base_junctions,
    })
}
