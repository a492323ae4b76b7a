//! `.osm.pbf`: blobs are framed sequentially, then decompressed and decoded in parallel
//! (rayon), one blob per task, and concatenated in file order.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use osmpbf::{Blob, BlobDecode, BlobReader, PrimitiveBlock};
use rayon::prelude::*;

use super::{RawOsm, ReadCounts, Way, checked_coord};

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
        .map(|(i, blob)| decode_guarded(blob).with_context(|| format!("in PBF block {i}")))
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
fn decode_guarded(blob: &Blob) -> anyhow::Result<RawOsm> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(blob)))
        .unwrap_or_else(|_| bail!("the block is corrupt (its delta-coded values overflow)"))
}

fn decode(blob: &Blob) -> anyhow::Result<RawOsm> {
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
            Ok(RawOsm::default())
        }
        BlobDecode::OsmData(block) => decode_block(&block),
        // The format says readers skip blob types they do not know.
        BlobDecode::Unknown(_) => Ok(RawOsm::default()),
    }
}

fn decode_block(block: &PrimitiveBlock) -> anyhow::Result<RawOsm> {
    let mut nodes = Vec::new();
    let mut ways = Vec::new();
    let mut counts = ReadCounts::default();
    for group in block.groups() {
        for node in group.nodes() {
            nodes.push((node.id(), checked_coord(node.id(), node.lat(), node.lon())?));
        }
        for node in group.dense_nodes() {
            nodes.push((node.id(), checked_coord(node.id(), node.lat(), node.lon())?));
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
    }
    counts.nodes = nodes.len() as u64;
    Ok(RawOsm {
        nodes,
        ways,
        counts,
    })
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
