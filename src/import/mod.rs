//! `jempol map import`: clip a large `.osm.pbf` extract to a boundary polygon.
//!
//! What is kept, as osmium's `complete_ways` strategy keeps it (`osmium extract -s
//! complete_ways`), so the two give the same objects:
//! - every node inside the polygon;
//! - every way with at least one node inside, whole: all its nodes are kept too, even those
//!   outside, so roads leaving the area are not cut short;
//! - every relation with a node inside or a kept way among its members, and, recursively, the
//!   relations that have a kept relation as a member. Relations are *not* completed: members
//!   outside the kept set stay referenced but are not in the file (the road graph needs no
//!   relations; they are kept for tools that want the boundaries and routes near the area).
//!
//! Tags are kept; metadata (version, timestamp, user) is dropped.
//!
//! The source is read twice and never held whole (see [`scan`]): pass 1 records the ids of the
//! nodes inside, the kept ways and the node ids they use, and the kept relations; pass 2
//! writes those objects. Memory grows with the kept sets (8 bytes per id, see [`ids`]), not
//! with the source. The source must be sorted (nodes, ways, relations; as Geofabrik's are).

mod boundary;
mod ids;
mod region;
mod scan;

use std::path::Path;

use anyhow::{Context, bail};
use osmpbf::{PrimitiveBlock, RelMemberType};
use rayon::prelude::*;

pub use boundary::{BoundarySpec, OsmBoundary, osm_boundary, read_geojson};
use ids::IdSet;
pub use region::Region;
use scan::{block_nodes, for_each_batch};

use crate::map::LatLon;
use crate::pbf_write::{Member, MemberKind, PbfWriter};

/// What an import kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportStats {
    pub source_nodes: u64,
    pub inside_nodes: u64,
    pub nodes: u64,
    pub ways: u64,
    pub relations: u64,
}

/// Clips `source` to the boundary `spec` names and writes `out`; returns what was kept and
/// which boundary was used, in words.
pub fn import_within(
    source: &Path,
    spec: &BoundarySpec,
    out: &Path,
) -> anyhow::Result<(ImportStats, String)> {
    let (shape, what) = spec.load(source)?;
    Ok((import(source, &Region::new(&shape)?, out)?, what))
}

/// Clips `source` to `region` and writes the result to `out` (see the module notes).
pub fn import(source: &Path, region: &Region, out: &Path) -> anyhow::Result<ImportStats> {
    let selection = select(source, region)?;
    let (min, max) = region.bbox();
    let mut writer = PbfWriter::create_with_bbox(out, min, max)?;
    let mut stats = ImportStats {
        source_nodes: selection.source_nodes,
        inside_nodes: selection.inside_nodes,
        ..ImportStats::default()
    };
    for_each_batch(source, |blocks| {
        let kept: Vec<Vec<Object>> = blocks.par_iter().map(|b| selection.pick(b)).collect();
        for object in kept.into_iter().flatten() {
            match object {
                Object::Node(id, p, tags) => {
                    writer.node(id, p, &tags)?;
                    stats.nodes += 1;
                }
                Object::Way(id, refs, tags) => {
                    writer.way(id, &refs, &tags)?;
                    stats.ways += 1;
                }
                Object::Relation(id, members, tags) => {
                    writer.relation(id, &members, &tags)?;
                    stats.relations += 1;
                }
            }
        }
        Ok(())
    })
    .with_context(|| format!("while copying from {}", source.display()))?;
    writer.finish()?;
    Ok(stats)
}

/// The ids pass 1 decided to keep.
struct Selection {
    nodes: IdSet,
    ways: IdSet,
    relations: IdSet,
    source_nodes: u64,
    inside_nodes: u64,
}

/// What kinds a block holds, as 0 nodes, 1 ways, 2 relations: (lowest, highest).
fn kinds(block: &PrimitiveBlock) -> Option<(u8, u8)> {
    let mut range: Option<(u8, u8)> = None;
    for g in block.groups() {
        let present = [
            g.dense_nodes().next().is_some() || g.nodes().next().is_some(),
            g.ways().next().is_some(),
            g.relations().next().is_some(),
        ];
        for kind in (0..3u8).filter(|&k| present[k as usize]) {
            range = Some(range.map_or((kind, kind), |(lo, hi)| (lo.min(kind), hi.max(kind))));
        }
    }
    range
}

/// Pass 1: which nodes, ways and relations to keep.
fn select(source: &Path, region: &Region) -> anyhow::Result<Selection> {
    let mut stage = 0u8; // highest kind seen so far
    let mut inside_vec: Vec<i64> = Vec::new();
    let mut inside: Option<IdSet> = None;
    let mut way_vec: Vec<i64> = Vec::new();
    let mut ways: Option<IdSet> = None;
    let mut way_nodes: Vec<i64> = Vec::new();
    let mut relations: Vec<i64> = Vec::new();
    let mut child_parent: Vec<(i64, i64)> = Vec::new();
    let mut source_nodes = 0u64;
    for_each_batch(source, |blocks| {
        for (lo, hi) in blocks.iter().filter_map(kinds) {
            if lo < stage {
                bail!(
                    "{} is not sorted (nodes, then ways, then relations); sort it first: osmium sort IN -o OUT",
                    source.display()
                );
            }
            stage = hi;
        }
        let found: Vec<(u64, Vec<i64>)> = blocks
            .par_iter()
            .map(|b| {
                let mut n = 0;
                let ids = block_nodes(b)
                    .inspect(|_| n += 1)
                    .filter(|&(_, lat, lon)| region.contains_e7(lat as i64, lon as i64))
                    .map(|(id, _, _)| id)
                    .collect();
                (n, ids)
            })
            .collect();
        for (n, ids) in found {
            source_nodes += n;
            inside_vec.extend(ids);
        }
        if stage < 1 {
            return Ok(());
        }
        let inside = inside.get_or_insert_with(|| IdSet::new(std::mem::take(&mut inside_vec)));
        let kept: Vec<Vec<(i64, Vec<i64>)>> = blocks
            .par_iter()
            .map(|b| {
                b.groups()
                    .flat_map(|g| g.ways())
                    .filter(|w| w.refs().any(|r| inside.contains(r)))
                    .map(|w| (w.id(), w.refs().collect()))
                    .collect()
            })
            .collect();
        for (id, refs) in kept.into_iter().flatten() {
            way_vec.push(id);
            way_nodes.extend(refs);
        }
        if stage < 2 {
            return Ok(());
        }
        let ways = ways.get_or_insert_with(|| IdSet::new(std::mem::take(&mut way_vec)));
        for rel in blocks.iter().flat_map(|b| b.groups()).flat_map(|g| g.relations()) {
            let mut keep = false;
            for m in rel.members() {
                match m.member_type {
                    RelMemberType::Node => keep |= inside.contains(m.member_id),
                    RelMemberType::Way => keep |= ways.contains(m.member_id),
                    RelMemberType::Relation => child_parent.push((m.member_id, rel.id())),
                }
            }
            if keep {
                relations.push(rel.id());
            }
        }
        Ok(())
    })
    .with_context(|| format!("while selecting from {}", source.display()))?;
    let inside = inside.unwrap_or_else(|| IdSet::new(inside_vec));
    let inside_nodes = inside.len() as u64;
    let mut nodes = inside.into_vec();
    nodes.extend(way_nodes);
    let ways = ways.unwrap_or_else(|| IdSet::new(way_vec));
    Ok(Selection {
        nodes: IdSet::new(nodes),
        ways,
        relations: IdSet::new(with_parents(relations, child_parent)),
        source_nodes,
        inside_nodes,
    })
}

/// Adds, recursively, every relation that has one of `kept` as a member.
fn with_parents(mut kept: Vec<i64>, mut child_parent: Vec<(i64, i64)>) -> Vec<i64> {
    child_parent.sort_unstable();
    let mut seen: std::collections::HashSet<i64> = kept.iter().copied().collect();
    let mut todo = kept.clone();
    while let Some(child) = todo.pop() {
        let start = child_parent.partition_point(|&(c, _)| c < child);
        for &(_, parent) in child_parent[start..]
            .iter()
            .take_while(|&&(c, _)| c == child)
        {
            if seen.insert(parent) {
                kept.push(parent);
                todo.push(parent);
            }
        }
    }
    kept
}

type Tags = Vec<(String, String)>;

/// An object to copy, with what the writer needs.
enum Object {
    Node(i64, LatLon, Tags),
    Way(i64, Vec<i64>, Tags),
    Relation(i64, Vec<Member>, Tags),
}

fn owned<'a>(tags: impl Iterator<Item = (&'a str, &'a str)>) -> Tags {
    tags.map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

impl Selection {
    /// Pass 2: the kept objects of one block, in block order.
    fn pick(&self, block: &PrimitiveBlock) -> Vec<Object> {
        let mut out = Vec::new();
        let at = |lat: i32, lon: i32| LatLon {
            lat: lat as f64 * 1e-7,
            lon: lon as f64 * 1e-7,
        };
        for g in block.groups() {
            for n in g.dense_nodes().filter(|n| self.nodes.contains(n.id())) {
                out.push(Object::Node(
                    n.id(),
                    at(n.decimicro_lat(), n.decimicro_lon()),
                    owned(n.tags()),
                ));
            }
            for n in g.nodes().filter(|n| self.nodes.contains(n.id())) {
                out.push(Object::Node(
                    n.id(),
                    at(n.decimicro_lat(), n.decimicro_lon()),
                    owned(n.tags()),
                ));
            }
            for w in g.ways().filter(|w| self.ways.contains(w.id())) {
                out.push(Object::Way(w.id(), w.refs().collect(), owned(w.tags())));
            }
            for r in g.relations().filter(|r| self.relations.contains(r.id())) {
                let members = r
                    .members()
                    .map(|m| Member {
                        kind: match m.member_type {
                            RelMemberType::Node => MemberKind::Node,
                            RelMemberType::Way => MemberKind::Way,
                            RelMemberType::Relation => MemberKind::Relation,
                        },
                        id: m.member_id,
                        role: m.role().unwrap_or("").to_string(),
                    })
                    .collect();
                out.push(Object::Relation(r.id(), members, owned(r.tags())));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_of_kept_relations_are_kept_recursively() {
        // 1 is in 2, 2 is in 3, 4 is in 5; 6 holds 3 twice.
        let pairs = vec![(1, 2), (2, 3), (4, 5), (3, 6), (3, 6)];
        let mut kept = with_parents(vec![1], pairs);
        kept.sort();
        assert_eq!(kept, vec![1, 2, 3, 6]);
    }
}
