//! Reads `.osm.pbf` (osmpbf, parallel) and OSM XML (`.osm`, `.osm.gz`, `.osm.bz2`).
//!
//! The format is sniffed from the first bytes, so a mis-named file still loads; the file
//! name only appears in error messages. Both readers first collect every node coordinate and
//! every way with a `highway` tag (in PBF nodes precede ways, but Overpass XML may list ways
//! first), then keep only the nodes those ways use.
//!
//! Extracts cut at a boundary contain ways whose nodes are partly outside the file. Such a
//! way is split at the missing nodes: each run of at least two present nodes becomes a way
//! with the same id and tags (so ids are not unique then), and the number of missing
//! references is reported in [`ReadCounts::missing_node_refs`]. Ways left with fewer than two
//! nodes are dropped. Joining across the gap instead would invent a straight road.

mod pbf;
mod xml;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};

use super::LatLon;
use super::graph::WayTable;
use super::profile::WayRule;

/// Counts of objects seen in the file, before any filtering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReadCounts {
    pub nodes: u64,
    pub ways: u64,
    pub relations: u64,
    /// Ways with a `highway` tag, before ways with fewer than 2 nodes in the file are dropped.
    pub highway_ways: u64,
    /// References from highway ways to nodes that are not in the file (extract edges).
    pub missing_node_refs: u64,
}

/// A way with its node references and tags.
#[derive(Clone, Debug, PartialEq)]
pub struct Way {
    pub id: i64,
    pub nodes: Vec<i64>,
    pub tags: Vec<(String, String)>,
}

/// The road-relevant part of an OSM file: every way with a `highway` tag, in file order, and
/// the coordinates of the nodes those ways reference. Ways are split where they reference
/// nodes missing from the file, and pieces with fewer than 2 nodes are dropped (module docs).
#[derive(Debug, Default)]
pub struct OsmData {
    pub nodes: HashMap<i64, LatLon>,
    pub ways: Vec<Way>,
    pub counts: ReadCounts,
    /// Nodes tagged `highway=traffic_signals`, sorted ids.
    pub traffic_signals: Vec<i64>,
    /// Nodes with a `barrier` tag, and all their tags (the profile decides which block a
    /// van), sorted by id.
    pub barriers: Vec<(i64, Vec<(String, String)>)>,
    /// Turn restrictions for motor vehicles with a via node, sorted by relation id.
    pub restrictions: Vec<TurnRestriction>,
}

/// A `type=restriction` relation for motor vehicles: from a way, at a node, onto a way.
/// Restrictions through a via way are not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TurnRestriction {
    pub relation: i64,
    pub from_way: i64,
    pub via_node: i64,
    pub to_way: i64,
    /// `only_*`: the one turn allowed from `from_way` at the node; `no_*`: the one forbidden.
    pub only: bool,
}

/// A relation member: `'n'`, `'w'` or `'r'`, its id and its role.
type Member<'a> = (char, i64, &'a str);

/// The turn restriction a relation makes for a van, if any: the most specific of
/// `restriction:motorcar`, `restriction:motor_vehicle`, `restriction:vehicle` and
/// `restriction`, unless `except` names motor cars.
fn turn_restriction<'a>(
    relation: i64,
    tags: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    members: impl Iterator<Item = Member<'a>>,
) -> Option<TurnRestriction> {
    let tag = |key: &str| tags.clone().find(|(k, _)| *k == key).map(|(_, v)| v);
    if tag("type") != Some("restriction") {
        return None;
    }
    let exempt = tag("except").is_some_and(|v| {
        v.split(';')
            .any(|e| matches!(e.trim(), "motorcar" | "motor_vehicle"))
    });
    let value = [
        "restriction:motorcar",
        "restriction:motor_vehicle",
        "restriction:vehicle",
        "restriction",
    ]
    .into_iter()
    .find_map(tag)?;
    let only = match value.split('_').next() {
        Some("only") => true,
        Some("no") => false,
        _ => return None,
    };
    let (mut from, mut via, mut to) = (Vec::new(), Vec::new(), Vec::new());
    for (kind, id, role) in members {
        match (kind, role) {
            ('w', "from") => from.push(id),
            ('n', "via") => via.push(id),
            ('w', "to") => to.push(id),
            (_, "via") => return None,
            _ => {}
        }
    }
    match (exempt, &from[..], &via[..], &to[..]) {
        (false, &[from_way], &[via_node], &[to_way]) => Some(TurnRestriction {
            relation,
            from_way,
            via_node,
            to_way,
            only,
        }),
        _ => None,
    }
}

/// Whether a node's tags mark traffic signals.
fn is_traffic_signals<'a>(mut tags: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    tags.any(|(k, v)| k == "highway" && v == "traffic_signals")
}

/// All tags of a node with a `barrier` tag.
fn barrier_tags<'a>(
    tags: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Option<Vec<(String, String)>> {
    tags.clone()
        .any(|(k, _)| k == "barrier")
        .then(|| tags.map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

/// Sorts node marks by id and keeps one per node.
fn sort_barriers(barriers: &mut Vec<(i64, Vec<(String, String)>)>) {
    barriers.sort_by_key(|(id, _)| *id);
    barriers.dedup_by_key(|(id, _)| *id);
}

/// The `note` tag on every way and village node of a generated stand-in map (`jempol map
/// synth`). It is defined here, where maps are read, and the generator writes it from here,
/// so reading a map never needs the generator.
pub const STANDIN_NOTE: &str = "jempol stand-in, generated, not surveyed";

/// Whether these tags mark a generated stand-in.
pub fn is_standin_tags(tags: &[(String, String)]) -> bool {
    tags.iter().any(|(k, v)| k == "note" && v == STANDIN_NOTE)
}

/// Whether a loaded map is (or contains) a generated stand-in.
pub fn is_standin(data: &OsmData) -> bool {
    data.ways.iter().any(|w| is_standin_tags(&w.tags))
}

/// The encodings of OSM data we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OsmFormat {
    Pbf,
    Xml,
    XmlGz,
    XmlBz2,
}

impl OsmFormat {
    /// Recognises the format from the first bytes of a file.
    pub fn sniff(bytes: &[u8]) -> Option<OsmFormat> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            Some(OsmFormat::XmlGz)
        } else if bytes.starts_with(b"BZh") {
            Some(OsmFormat::XmlBz2)
        } else if pbf::looks_like_pbf(bytes) {
            Some(OsmFormat::Pbf)
        } else if xml::looks_like_xml(bytes) {
            Some(OsmFormat::Xml)
        } else {
            None
        }
    }
}

/// Reads an OSM file (`.osm.pbf`, `.osm`, `.osm.gz` or `.osm.bz2`).
pub fn read_osm(path: &Path) -> anyhow::Result<OsmData> {
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read OSM file {}", path.display()))?;
    read_osm_bytes_sniffed(&bytes)
        .with_context(|| format!("cannot read OSM file {}", path.display()))
}

fn read_osm_bytes_sniffed(bytes: &[u8]) -> anyhow::Result<OsmData> {
    if bytes.is_empty() {
        bail!("the file is empty");
    }
    let Some(format) = OsmFormat::sniff(bytes) else {
        bail!(
            "not OpenStreetMap data: expected an .osm.pbf file or OSM XML \
             (.osm, .osm.gz, .osm.bz2), e.g. from Geofabrik, the OSM website's Export or Overpass"
        );
    };
    read_osm_bytes(bytes, format)
}

/// Reads OSM data of a known format from memory.
pub fn read_osm_bytes(bytes: &[u8], format: OsmFormat) -> anyhow::Result<OsmData> {
    let raw = match format {
        OsmFormat::Pbf => pbf::read(bytes)?,
        OsmFormat::Xml => xml::read(bytes)?,
        OsmFormat::XmlGz => xml::read(Limited::new(flate2::read::MultiGzDecoder::new(bytes)))
            .context("in gzip-compressed OSM XML")?,
        OsmFormat::XmlBz2 => xml::read(Limited::new(bzip2::read::MultiBzDecoder::new(bytes)))
            .context("in bzip2-compressed OSM XML")?,
    };
    Ok(raw.into_osm_data())
}

/// The most OSM XML a compressed file may expand to (the OSM website's Export gives at most
/// 50,000 nodes, a few MB); a small file that expands beyond this is an error, not an
/// out-of-memory kill. Larger areas come as `.osm.pbf`.
pub const MAX_XML_BYTES: u64 = 512 << 20;

/// A decompressor that fails once it has given more than `limit` bytes.
struct Limited<R> {
    inner: R,
    limit: u64,
    left: u64,
}

impl<R> Limited<R> {
    fn new(inner: R) -> Self {
        Self::with_limit(inner, MAX_XML_BYTES)
    }

    fn with_limit(inner: R, limit: u64) -> Self {
        Limited {
            inner,
            limit,
            left: limit,
        }
    }
}

impl<R: std::io::Read> std::io::Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::other(format!(
                "the file expands to more than {} MiB of OSM XML; use an .osm.pbf extract \
                 (e.g. from Geofabrik) or clip the area smaller",
                self.limit >> 20
            ))
        })?;
        Ok(n)
    }
}

/// Decides whether a way is usable, and how; shared by the threads that decode a PBF file.
pub type SyncClassifier<'a> = &'a (dyn Fn(&[(String, String)]) -> Option<WayRule> + Sync);

/// The road part of an OSM file, ready for the graph build (see [`read_roads`]).
#[derive(Debug, Default)]
pub struct RoadsRead {
    pub(crate) table: WayTable,
    pub counts: ReadCounts,
    /// The ways carry [`STANDIN_NOTE`].
    pub standin: bool,
}

/// Reads an OSM file for routing: the usable ways, classified as they are read, and the
/// nodes. The same ways and nodes as [`read_osm`] followed by the classifier, but a PBF file
/// is read without keeping tags or a hash map of node ids (much faster and smaller on large
/// files); XML goes through [`read_osm`].
pub fn read_roads(path: &Path, classify: SyncClassifier<'_>) -> anyhow::Result<RoadsRead> {
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read OSM file {}", path.display()))?;
    let read = || -> anyhow::Result<RoadsRead> {
        if bytes.is_empty() || OsmFormat::sniff(&bytes) != Some(OsmFormat::Pbf) {
            let data = read_osm_bytes_sniffed(&bytes)?;
            return Ok(RoadsRead {
                table: WayTable::from_osm(&data, classify),
                counts: data.counts,
                standin: is_standin(&data),
            });
        }
        pbf::read_roads(&bytes, classify)
    };
    read().with_context(|| format!("cannot read OSM file {}", path.display()))
}

/// What a reader collects before the nodes used by highway ways are picked out.
#[derive(Debug, Default)]
struct RawOsm {
    nodes: Vec<(i64, LatLon)>,
    ways: Vec<Way>,
    counts: ReadCounts,
    traffic_signals: Vec<i64>,
    barriers: Vec<(i64, Vec<(String, String)>)>,
    restrictions: Vec<TurnRestriction>,
}

impl RawOsm {
    fn append(&mut self, mut other: RawOsm) {
        self.nodes.append(&mut other.nodes);
        self.ways.append(&mut other.ways);
        self.traffic_signals.append(&mut other.traffic_signals);
        self.barriers.append(&mut other.barriers);
        self.restrictions.append(&mut other.restrictions);
        self.counts.nodes += other.counts.nodes;
        self.counts.ways += other.counts.ways;
        self.counts.relations += other.counts.relations;
        self.counts.highway_ways += other.counts.highway_ways;
    }

    /// Keeps the coordinates of the nodes that the ways use; splits ways at missing nodes.
    fn into_osm_data(mut self) -> OsmData {
        // Files are normally sorted by id, so this is usually just a check.
        if !self.nodes.is_sorted_by_key(|&(id, _)| id) {
            self.nodes.sort_by_key(|&(id, _)| id);
        }
        let coord = |id: i64| {
            self.nodes
                .binary_search_by_key(&id, |&(id, _)| id)
                .ok()
                .map(|i| self.nodes[i].1)
        };
        let mut counts = self.counts;
        let mut nodes = HashMap::new();
        let mut ways = Vec::with_capacity(self.ways.len());
        let mut run: Vec<(i64, LatLon)> = Vec::new();
        for way in self.ways {
            let mut kept: Vec<Vec<i64>> = Vec::new();
            let mut keep = |run: &mut Vec<(i64, LatLon)>| {
                if run.len() >= 2 {
                    nodes.extend(run.iter().copied());
                    kept.push(run.iter().map(|&(id, _)| id).collect());
                }
                run.clear();
            };
            for &id in &way.nodes {
                match coord(id) {
                    Some(p) => run.push((id, p)),
                    None => {
                        counts.missing_node_refs += 1;
                        keep(&mut run);
                    }
                }
            }
            keep(&mut run);
            let last = kept.pop();
            ways.extend(kept.into_iter().map(|nodes| Way {
                id: way.id,
                nodes,
                tags: way.tags.clone(),
            }));
            if let Some(nodes) = last {
                ways.push(Way { nodes, ..way });
            }
        }
        self.traffic_signals.sort_unstable();
        self.traffic_signals.dedup();
        sort_barriers(&mut self.barriers);
        self.restrictions.sort_by_key(|r| r.relation);
        OsmData {
            nodes,
            ways,
            counts,
            traffic_signals: self.traffic_signals,
            barriers: self.barriers,
            restrictions: self.restrictions,
        }
    }
}

/// Rejects coordinates outside WGS84 ranges (a corrupt file, or lat/lon swapped).
fn checked_coord(id: i64, lat: f64, lon: f64) -> anyhow::Result<LatLon> {
    if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
        bail!("node {id} has coordinates out of range: lat {lat}, lon {lon}");
    }
    Ok(LatLon { lat, lon })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn way(id: i64, nodes: &[i64]) -> Way {
        Way {
            id,
            nodes: nodes.to_vec(),
            tags: vec![("highway".into(), "residential".into())],
        }
    }

    fn p(lat: f64) -> LatLon {
        LatLon { lat, lon: 111.33 }
    }

    #[test]
    fn decompression_stops_at_the_limit() {
        use std::io::Read as _;
        let mut all = Vec::new();
        let mut small = Limited::with_limit(&[b' '; 3 << 20][..], 4 << 20);
        assert_eq!(small.read_to_end(&mut all).unwrap(), 3 << 20);
        let mut big = Limited::with_limit(&[b' '; 5 << 20][..], 4 << 20);
        let e = big.read_to_end(&mut all).unwrap_err().to_string();
        assert!(e.contains("more than 4 MiB of OSM XML"), "{e}");
    }

    #[test]
    fn ways_are_split_at_missing_nodes() {
        let raw = RawOsm {
            nodes: vec![
                (3, p(3.0)),
                (1, p(1.0)),
                (2, p(2.0)),
                (5, p(5.0)),
                (6, p(6.0)),
                (9, p(9.0)),
            ],
            ways: vec![
                way(10, &[1, 2, 3]),
                way(11, &[1, 2, 4, 5, 6, 7, 9]),
                way(12, &[8, 9]),
                way(13, &[]),
            ],
            traffic_signals: Vec::new(),
            barriers: Vec::new(),
            restrictions: Vec::new(),
            counts: ReadCounts::default(),
        };
        let data = raw.into_osm_data();
        let got: Vec<(i64, Vec<i64>)> = data.ways.iter().map(|w| (w.id, w.nodes.clone())).collect();
        assert_eq!(
            got,
            vec![(10, vec![1, 2, 3]), (11, vec![1, 2]), (11, vec![5, 6])]
        );
        assert_eq!(data.counts.missing_node_refs, 3);
        let mut ids: Vec<i64> = data.nodes.keys().copied().collect();
        ids.sort();
        assert_eq!(
            ids,
            vec![1, 2, 3, 5, 6],
            "9 is only in dropped single-node runs"
        );
        assert_eq!(data.nodes[&3], p(3.0));
        assert_eq!(data.ways[1].tags, way(0, &[]).tags);
    }

    #[test]
    fn sniffing() {
        assert_eq!(
            OsmFormat::sniff(b"<?xml version='1.0'?><osm/>"),
            Some(OsmFormat::Xml)
        );
        assert_eq!(
            OsmFormat::sniff(b"\xef\xbb\xbf  <osm/>"),
            Some(OsmFormat::Xml)
        );
        assert_eq!(OsmFormat::sniff(b"\x1f\x8b\x08"), Some(OsmFormat::XmlGz));
        assert_eq!(OsmFormat::sniff(b"BZh91AY"), Some(OsmFormat::XmlBz2));
        assert_eq!(
            OsmFormat::sniff(b"\0\0\0\x0d\x0a\x09OSMHeader\x18"),
            Some(OsmFormat::Pbf)
        );
        assert_eq!(OsmFormat::sniff(b"name,lat,lon\n"), None);
        assert_eq!(OsmFormat::sniff(b""), None);
    }

    #[test]
    fn coordinates_are_checked() {
        assert!(checked_coord(1, -7.65, 111.33).is_ok());
        let err = checked_coord(7, 111.33, -7.65).unwrap_err().to_string();
        assert!(err.contains("node 7"), "{err}");
        assert!(checked_coord(1, f64::NAN, 0.0).is_err());
    }
}
