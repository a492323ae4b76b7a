//! `.osm.pbf`: blobs are framed sequentially, then decompressed and decoded in parallel
//! (rayon), one blob per task, and concatenated in file order.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use osmpbf::{Blob, BlobDecode, BlobReader, PrimitiveBlock};
use rayon::prelude::*;

use super::{
    RawOsm, ReadCounts, RoadsRead, SyncClassifier, TurnRestriction, Way, barrier_tags,
    checked_coord, is_standin_tags, is_traffic_signals, sort_barriers, turn_restriction,
};
use crate::map::LatLon;
use crate::map::graph::{MISSING, TableWay, WayTable};
use crate::map::profile::WayRule;

/// Features of the PBF format this reader understands (others would mean misread data).
const SUPPORTED_FEATURES: [&str; 2] = ["OsmSchema-V0.6", "DenseNodes"];

/// A PBF file starts with the length of the first blob header, then the header's `type`
/// field (protobuf field 1, a string): `OSMHeader` (or `OSMData` from some writers). A file cut
/// off inside that start still counts as PBF, so that it is reported as truncated.
pub(super) fn looks_like_pbf(bytes: &[u8]) -> bool {
    let type_starts_with = |name: &[u8]| {
        let rest = bytes.get(6..).unwrap_or_default();
        let n = rest.len().min(name.len());
        rest[..n] == name[..n]
    };
    bytes.len() >= 5
        && bytes[..2] == [0, 0]
        && bytes[4] == 0x0a
        && (type_starts_with(b"OSMHeader") || type_starts_with(b"OSMData"))
}

pub(super) fn read(bytes: &[u8]) -> anyhow::Result<RawOsm> {
    let blobs = frame(bytes)?;
    let parts = blobs
        .par_iter()
        .enumerate()
        .map(|(i, blob)| {
            decode_guarded(blob, decode_block).with_context(|| format!("in PBF block {i}"))
        })
        .collect::<anyhow::Result<Vec<RawOsm>>>()?;
    let mut raw = RawOsm::default();
    for part in parts {
        raw.append(part);
    }
    Ok(raw)
}

/// Reads the blob sequence; an incomplete final blob means the file was truncated.
fn frame(bytes: &[u8]) -> anyhow::Result<Vec<Blob>> {
    // osmpbf stops silently when 1-3 bytes remain after the last blob; counting the bytes
    // consumed after each complete blob catches that truncation too.
    let consumed = AtomicUsize::new(0);
    let mut reader = BlobReader::new(CountingReader {
        bytes,
        consumed: &consumed,
    });
    let mut blobs = Vec::new();
    let mut complete = 0;
    for blob in reader.by_ref() {
        let blob = blob.with_context(|| {
            format!(
                "PBF block {} (at byte {complete} of {}) is damaged or cut off: \
                 the file is truncated or corrupt",
                blobs.len(),
                bytes.len()
            )
        })?;
        blobs.push(blob);
        complete = consumed.load(Ordering::Relaxed);
    }
    if complete != bytes.len() {
        bail!(
            "the file ends with {} bytes that are not a complete PBF block: it is truncated",
            bytes.len() - complete
        );
    }
    if blobs.is_empty() {
        bail!("no PBF blocks in the file");
    }
    Ok(blobs)
}

/// A byte-slice reader that publishes how far it has read.
struct CountingReader<'a> {
    bytes: &'a [u8],
    consumed: &'a AtomicUsize,
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let pos = self.consumed.load(Ordering::Relaxed);
        let n = buf.len().min(self.bytes.len() - pos);
        buf[..n].copy_from_slice(&self.bytes[pos..pos + n]);
        self.consumed.store(pos + n, Ordering::Relaxed);
        Ok(n)
    }
}

/// osmpbf decodes delta-coded ids and coordinates with plain `+=`: on a crafted file that
/// overflows, a build with overflow checks (debug, tests) panics, while release builds wrap
/// (and `checked_coord` then rejects the coordinates). As a last resort the panic is turned
/// into an error here; the panic message still appears on stderr in such builds.
fn decode_guarded<T: Default>(
    blob: &Blob,
    data: impl Fn(&PrimitiveBlock) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(blob, data)))
        .unwrap_or_else(|_| bail!("the block is corrupt (its delta-coded values overflow)"))
}

fn decode<T: Default>(
    blob: &Blob,
    data: impl Fn(&PrimitiveBlock) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    match blob.decode().context("cannot decode block")? {
        BlobDecode::OsmHeader(header) => {
            for feature in header.required_features() {
                if !SUPPORTED_FEATURES.contains(&feature.as_str()) {
                    bail!(
                        "the file needs the PBF feature {feature:?}, which jempol does not \
                         support (history and change files are not road maps)"
                    );
                }
            }
            Ok(T::default())
        }
        BlobDecode::OsmData(block) => data(&block),
        // The format says readers skip blob types they do not know.
        BlobDecode::Unknown(_) => Ok(T::default()),
    }
}

fn decode_block(block: &PrimitiveBlock) -> anyhow::Result<RawOsm> {
    let mut nodes = Vec::new();
    let mut ways = Vec::new();
    let mut counts = ReadCounts::default();
    let mut traffic_signals = Vec::new();
    let mut barriers = Vec::new();
    let mut restrictions = Vec::new();
    for group in block.groups() {
        for node in group.nodes() {
            nodes.push((node.id(), checked_coord(node.id(), node.lat(), node.lon())?));
            if is_traffic_signals(node.tags()) {
                traffic_signals.push(node.id());
            }
            barriers.extend(barrier_tags(node.tags()).map(|tags| (node.id(), tags)));
        }
        for node in group.dense_nodes() {
            nodes.push((node.id(), checked_coord(node.id(), node.lat(), node.lon())?));
            if is_traffic_signals(node.tags()) {
                traffic_signals.push(node.id());
            }
            barriers.extend(barrier_tags(node.tags()).map(|tags| (node.id(), tags)));
        }
        for way in group.ways() {
            counts.ways += 1;
            if way.tags().any(|(k, _)| k == "highway") {
                counts.highway_ways += 1;
                ways.push(Way {
                    id: way.id(),
                    nodes: way.refs().collect(),
                    tags: way
                        .tags()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                });
            }
        }
        counts.relations += group.relations().len() as u64;
        restrictions.extend(group.relations().filter_map(|r| restriction(&r)));
    }
    counts.nodes = nodes.len() as u64;
    Ok(RawOsm {
        nodes,
        ways,
        counts,
        traffic_signals,
        barriers,
        restrictions,
    })
}

/// What one block holds for the road build: its nodes, and its highway ways classified
/// (their tags are not kept).
#[derive(Default)]
struct RoadBlock {
    ids: Vec<i64>,
    coords: Vec<LatLon>,
    /// Way id, index into `rules` (or [`NOT_USABLE`]), and number of node references.
    ways: Vec<(i64, u32, u32)>,
    refs: Vec<i64>,
    rules: Vec<WayRule>,
    counts: ReadCounts,
    standin: bool,
    traffic_signals: Vec<i64>,
    barriers: Vec<(i64, Vec<(String, String)>)>,
    restrictions: Vec<TurnRestriction>,
}

const NOT_USABLE: u32 = u32::MAX;

/// Reads the road part of a PBF file straight into a [`WayTable`]: blocks are decoded and
/// their ways classified in parallel, node ids are looked up in a sorted array, and the
/// references of each way are split at missing nodes as [`super::read_osm`] does.
pub(super) fn read_roads(bytes: &[u8], classify: SyncClassifier<'_>) -> anyhow::Result<RoadsRead> {
    let blobs = frame(bytes)?;
    let mut blocks = blobs
        .par_iter()
        .enumerate()
        .map(|(i, blob)| {
            decode_guarded(blob, |block| decode_roads(block, classify))
                .with_context(|| format!("in PBF block {i}"))
        })
        .collect::<anyhow::Result<Vec<RoadBlock>>>()?;
    drop(blobs);

    let mut counts = ReadCounts::default();
    let mut standin = false;
    let nodes: usize = blocks.iter().map(|b| b.ids.len()).sum();
    let mut table = WayTable {
        node_ids: Vec::with_capacity(nodes),
        coords: Vec::with_capacity(nodes),
        ..WayTable::default()
    };
    for b in &mut blocks {
        table.node_ids.append(&mut b.ids);
        table.coords.append(&mut b.coords);
        table.traffic_signals.append(&mut b.traffic_signals);
        table.barriers.append(&mut b.barriers);
        table.restrictions.append(&mut b.restrictions);
        b.ids.shrink_to_fit();
        b.coords.shrink_to_fit();
    }
    // Files are normally sorted by id, so this is usually just a check.
    if !table.node_ids.is_sorted() {
        let mut order: Vec<u32> = (0..table.node_ids.len() as u32).collect();
        order.sort_by_key(|&i| table.node_ids[i as usize]);
        table.node_ids = order.iter().map(|&i| table.node_ids[i as usize]).collect();
        table.coords = order.iter().map(|&i| table.coords[i as usize]).collect();
    }
    table.traffic_signals.sort_unstable();
    table.traffic_signals.dedup();
    sort_barriers(&mut table.barriers);
    table.restrictions.sort_by_key(|r| r.relation);
    let node_ids = std::mem::take(&mut table.node_ids);
    let lookup = NodeLookup::new(&node_ids);

    let refs: usize = blocks.iter().map(|b| b.refs.len()).sum();
    table.refs = Vec::with_capacity(refs);
    for b in &mut blocks {
        let resolved = b.refs.par_iter().map(|&id| lookup.get(id));
        let start = table.refs.len();
        table.refs.par_extend(resolved);
        let global: Vec<u32> = std::mem::take(&mut b.rules)
            .into_iter()
            .map(|r| table.intern(r))
            .collect();
        counts.nodes += b.counts.nodes;
        counts.ways += b.counts.ways;
        counts.relations += b.counts.relations;
        counts.highway_ways += b.counts.highway_ways;
        standin |= b.standin;
        // Split at missing nodes: each run of at least two present nodes is a way.
        let mut at = start;
        for &(id, rule, len) in &b.ways {
            let end = at + len as usize;
            let mut run = at;
            for k in at..=end {
                if k < end && table.refs[k] != MISSING {
                    continue;
                }
                if k < end {
                    counts.missing_node_refs += 1;
                }
                if k - run >= 2 {
                    table.highway_ways += 1;
                    if rule != NOT_USABLE {
                        table.ways.push(TableWay {
                            id,
                            rule: global[rule as usize],
                            start: run as u32,
                            end: k as u32,
                        });
                    }
                }
                run = k + 1;
            }
            at = end;
        }
        *b = RoadBlock::default();
    }
    drop(lookup);
    table.node_ids = node_ids;
    Ok(RoadsRead {
        table,
        counts,
        standin,
    })
}

fn decode_roads(block: &PrimitiveBlock, classify: SyncClassifier<'_>) -> anyhow::Result<RoadBlock> {
    let mut out = RoadBlock::default();
    let mut tags: Vec<(String, String)> = Vec::new();
    for group in block.groups() {
        for node in group.nodes() {
            out.ids.push(node.id());
            out.coords
                .push(checked_coord(node.id(), node.lat(), node.lon())?);
            if is_traffic_signals(node.tags()) {
                out.traffic_signals.push(node.id());
            }
            out.barriers
                .extend(barrier_tags(node.tags()).map(|tags| (node.id(), tags)));
        }
        for node in group.dense_nodes() {
            out.ids.push(node.id());
            out.coords
                .push(checked_coord(node.id(), node.lat(), node.lon())?);
            if is_traffic_signals(node.tags()) {
                out.traffic_signals.push(node.id());
            }
            out.barriers
                .extend(barrier_tags(node.tags()).map(|tags| (node.id(), tags)));
        }
        for way in group.ways() {
            out.counts.ways += 1;
            if !way.tags().any(|(k, _)| k == "highway") {
                continue;
            }
            out.counts.highway_ways += 1;
            // The tag strings are reused from way to way: no allocation per way.
            let mut n = 0;
            for (k, v) in way.tags() {
                if n == tags.len() {
                    tags.push((String::new(), String::new()));
                }
                let (key, value) = &mut tags[n];
                key.clear();
                key.push_str(k);
                value.clear();
                value.push_str(v);
                n += 1;
            }
            let tags = &tags[..n];
            out.standin |= is_standin_tags(tags);
            let rule = match classify(tags) {
                Some(rule) => match out.rules.iter().position(|r| *r == rule) {
                    Some(i) => i as u32,
                    None => {
                        out.rules.push(rule);
                        (out.rules.len() - 1) as u32
                    }
                },
                None => NOT_USABLE,
            };
            let before = out.refs.len();
            out.refs.extend(way.refs());
            out.ways
                .push((way.id(), rule, (out.refs.len() - before) as u32));
        }
        out.counts.relations += group.relations().len() as u64;
        out.restrictions
            .extend(group.relations().filter_map(|r| restriction(&r)));
    }
    out.counts.nodes = out.ids.len() as u64;
    Ok(out)
}

/// The turn restriction of a PBF relation, if it makes one for a van.
fn restriction(r: &osmpbf::Relation<'_>) -> Option<TurnRestriction> {
    let members = r.members().filter_map(|m| {
        let kind = match m.member_type {
            osmpbf::RelMemberType::Node => 'n',
            osmpbf::RelMemberType::Way => 'w',
            osmpbf::RelMemberType::Relation => 'r',
        };
        Some((kind, m.member_id, m.role().ok()?))
    });
    turn_restriction(r.id(), r.tags(), members)
}

/// Finds node ids in a sorted array: a table of where each range of ids starts narrows the
/// binary search to a few entries.
struct NodeLookup<'a> {
    ids: &'a [i64],
    shift: u32,
    starts: Vec<u32>,
}

impl<'a> NodeLookup<'a> {
    fn new(ids: &'a [i64]) -> NodeLookup<'a> {
        let (Some(&min), Some(&max)) = (ids.first(), ids.last()) else {
            return NodeLookup {
                ids,
                shift: 0,
                starts: vec![0, 0],
            };
        };
        let span = max.abs_diff(min);
        let buckets = (ids.len() as u64 / 2).max(1);
        let mut shift = 0;
        while span >> shift >= buckets {
            shift += 1;
        }
        let mut starts = vec![0u32; (span >> shift) as usize + 2];
        for &id in ids {
            starts[(id.abs_diff(min) >> shift) as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        NodeLookup { ids, shift, starts }
    }

    /// The index of `id`, or [`MISSING`].
    fn get(&self, id: i64) -> u32 {
        let (Some(&min), Some(&max)) = (self.ids.first(), self.ids.last()) else {
            return MISSING;
        };
        if id < min || id > max {
            return MISSING;
        }
        let b = (id.abs_diff(min) >> self.shift) as usize;
        let (lo, hi) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        match self.ids[lo..hi].binary_search(&id) {
            Ok(i) => (lo + i) as u32,
            Err(_) => MISSING,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{OsmFormat, read_osm_bytes};

    fn varint(mut v: u64, out: &mut Vec<u8>) {
        while v >= 0x80 {
            out.push(v as u8 | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }

    /// A length-delimited protobuf field.
    fn field(number: u64, payload: &[u8], out: &mut Vec<u8>) {
        varint(number << 3 | 2, out);
        varint(payload.len() as u64, out);
        out.extend(payload);
    }

    fn packed_sint64(values: &[i64]) -> Vec<u8> {
        let mut out = Vec::new();
        for &v in values {
            varint(((v << 1) ^ (v >> 63)) as u64, &mut out);
        }
        out
    }

    /// A one-block PBF (no header block) holding dense nodes with the given id deltas.
    fn dense_pbf(id_deltas: &[i64]) -> Vec<u8> {
        let zeros = vec![0; id_deltas.len()];
        let mut dense = Vec::new();
        field(1, &packed_sint64(id_deltas), &mut dense);
        field(8, &packed_sint64(&zeros), &mut dense);
        field(9, &packed_sint64(&zeros), &mut dense);
        let mut group = Vec::new();
        field(2, &dense, &mut group);
        let mut strings = Vec::new();
        field(1, b"", &mut strings);
        let mut block = Vec::new();
        field(1, &strings, &mut block);
        field(2, &group, &mut block);
        let mut blob = Vec::new();
        field(1, &block, &mut blob);
        let mut header = Vec::new();
        field(1, b"OSMData", &mut header);
        header.push(3 << 3);
        varint(blob.len() as u64, &mut header);
        let mut file = (header.len() as u32).to_be_bytes().to_vec();
        file.extend(header);
        file.extend(blob);
        file
    }

    #[test]
    fn hand_made_dense_block_reads() {
        let data = read_osm_bytes(&dense_pbf(&[5, 1, 1]), OsmFormat::Pbf).unwrap();
        assert_eq!(data.counts.nodes, 3);
    }

    #[test]
    fn overflowing_ids_do_not_panic() {
        let result = read_osm_bytes(&dense_pbf(&[i64::MAX, 1]), OsmFormat::Pbf);
        if cfg!(debug_assertions) {
            let msg = format!("{:#}", result.unwrap_err());
            assert!(msg.contains("corrupt"), "{msg}");
        }
    }
}
