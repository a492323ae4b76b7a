//! A streaming `.osm.pbf` writer.
//!
//! Both map makers write with it, the importer ([`crate::import`]) and the stand-in generator
//! ([`crate::standin`]), so it is a module of its own beside them: neither depends on the
//! other, and map reading ([`crate::map`]) depends on none of the three.
//!
//! The format (<https://wiki.openstreetmap.org/wiki/PBF_Format>) is a sequence of blobs, each
//! framed as `u32 big-endian length | BlobHeader | Blob`. The first blob is an `OSMHeader`
//! (`HeaderBlock`), the rest are `OSMData` (`PrimitiveBlock`s). Each primitive block has its own
//! string table and holds one group of one kind: dense nodes, ways or relations. Ids,
//! coordinates and way refs are delta coded. osmpbf only reads, so the few protobuf messages are
//! encoded here by hand (see [`proto`]); blobs are zlib compressed with flate2.
//!
//! Objects must come as OSM expects them: nodes, then ways, then relations, each kind in
//! strictly ascending id order. The header says so (`Sort.Type_then_ID`), and the writer
//! refuses anything else. Output goes to a temporary file beside the target and is renamed into
//! place by [`PbfWriter::finish`]; a writer dropped unfinished leaves nothing behind.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use tempfile::NamedTempFile;

use crate::map::LatLon;

/// Most entities in one block (the limit osmium and the OSM planet use).
const MAX_BLOCK_ENTITIES: usize = 8000;
/// Flush a block early once its encoded size passes this; the format allows 32 MiB per blob.
const MAX_BLOCK_BYTES: usize = 8 << 20;

/// What a relation member is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberKind {
    Node,
    Way,
    Relation,
}

/// One member of a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub kind: MemberKind,
    pub id: i64,
    pub role: String,
}

/// Writes an `.osm.pbf` file object by object, holding at most one block in memory.
pub struct PbfWriter {
    path: PathBuf,
    out: BufWriter<NamedTempFile>,
    bbox: Option<(LatLon, LatLon)>,
    header_written: bool,
    block: Block,
    /// Kind and id of the last object written, to enforce the order.
    last: Option<(MemberKind, i64)>,
}

impl PbfWriter {
    /// Starts a file at `path` (written to a temporary file until [`finish`](Self::finish)).
    pub fn create(path: &Path) -> anyhow::Result<PbfWriter> {
        let tmp = crate::fsio::temp_file_beside(path)?;
        Ok(PbfWriter {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(1 << 20, tmp),
            bbox: None,
            header_written: false,
            block: Block::new(MemberKind::Node),
            last: None,
        })
    }

    /// Like [`create`](Self::create), with a bounding box (south-west, north-east) in the header.
    pub fn create_with_bbox(path: &Path, min: LatLon, max: LatLon) -> anyhow::Result<PbfWriter> {
        let mut writer = PbfWriter::create(path)?;
        writer.bbox = Some((min, max));
        Ok(writer)
    }

    /// Adds a node. Coordinates are stored to 1e-7 degree, as in OSM.
    pub fn node(&mut self, id: i64, p: LatLon, tags: &[(String, String)]) -> anyhow::Result<()> {
        if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
            bail!(
                "node {id}: coordinate ({}, {}) is outside -90..90 / -180..180",
                p.lat,
                p.lon
            );
        }
        self.start(MemberKind::Node, id)?;
        let b = &mut self.block;
        b.ids.push(id);
        b.lats.push((p.lat * 1e7).round() as i64);
        b.lons.push((p.lon * 1e7).round() as i64);
        for (k, v) in tags {
            let (k, v) = (b.string(k), b.string(v));
            b.keys_vals.extend([k, v]);
        }
        b.keys_vals.push(0);
        b.bytes += 12 + 4 * tags.len();
        self.end_entity()
    }

    /// Adds a way with its node refs in order.
    pub fn way(&mut self, id: i64, nodes: &[i64], tags: &[(String, String)]) -> anyhow::Result<()> {
        self.start(MemberKind::Way, id)?;
        let b = &mut self.block;
        let (keys, vals) = b.tag_indices(tags);
        let mut way = proto::Message::default();
        way.int(1, id as u64);
        way.packed_uint(2, keys.iter().map(|&k| k as u64));
        way.packed_uint(3, vals.iter().map(|&v| v as u64));
        way.packed_sint(8, deltas(nodes.iter().copied()));
        b.group.bytes(3, &way.0);
        b.bytes += way.0.len() + 4;
        self.end_entity()
    }

    /// Adds a relation with its members in order.
    pub fn relation(
        &mut self,
        id: i64,
        members: &[Member],
        tags: &[(String, String)],
    ) -> anyhow::Result<()> {
        self.start(MemberKind::Relation, id)?;
        let b = &mut self.block;
        let (keys, vals) = b.tag_indices(tags);
        let roles: Vec<u32> = members.iter().map(|m| b.string(&m.role)).collect();
        let mut rel = proto::Message::default();
        rel.int(1, id as u64);
        rel.packed_uint(2, keys.iter().map(|&k| k as u64));
        rel.packed_uint(3, vals.iter().map(|&v| v as u64));
        rel.packed_uint(8, roles.iter().map(|&r| r as u64));
        rel.packed_sint(9, deltas(members.iter().map(|m| m.id)));
        rel.packed_uint(10, members.iter().map(|m| m.kind as u64));
        b.group.bytes(4, &rel.0);
        b.bytes += rel.0.len() + 4;
        self.end_entity()
    }

    /// Writes the last block and renames the temporary file into place.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush_block()?;
        self.write_header()?;
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        tmp.as_file()
            .sync_all()
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        tmp.persist(&self.path)
            .with_context(|| format!("cannot rename the output into {}", self.path.display()))?;
        Ok(())
    }

    /// Checks the order, and switches blocks when the kind changes.
    fn start(&mut self, kind: MemberKind, id: i64) -> anyhow::Result<()> {
        if let Some((last_kind, last_id)) = self.last {
            if kind < last_kind {
                bail!(
                    "{kind:?} {id} written after a {last_kind:?}: write nodes, then ways, then relations"
                );
            }
            if kind == last_kind && id <= last_id {
                bail!("{kind:?} {id} written after {kind:?} {last_id}: ids must ascend");
            }
        }
        self.last = Some((kind, id));
        if kind != self.block.kind {
            self.flush_block()?;
            self.block = Block::new(kind);
        }
        Ok(())
    }

    fn end_entity(&mut self) -> anyhow::Result<()> {
        self.block.count += 1;
        if self.block.count >= MAX_BLOCK_ENTITIES || self.block.bytes >= MAX_BLOCK_BYTES {
            self.flush_block()?;
        }
        Ok(())
    }

    fn write_header(&mut self) -> anyhow::Result<()> {
        if self.header_written {
            return Ok(());
        }
        let mut header = proto::Message::default();
        if let Some((min, max)) = self.bbox {
            let nano = |deg: f64| (deg * 1e9).round() as i64;
            let mut bbox = proto::Message::default();
            bbox.sint(1, nano(min.lon));
            bbox.sint(2, nano(max.lon));
            bbox.sint(3, nano(max.lat));
            bbox.sint(4, nano(min.lat));
            header.bytes(1, &bbox.0);
        }
        header.bytes(4, b"OsmSchema-V0.6");
        header.bytes(4, b"DenseNodes");
        header.bytes(5, b"Sort.Type_then_ID");
        header.bytes(16, b"jempol");
        self.write_blob("OSMHeader", &header.0)?;
        self.header_written = true;
        Ok(())
    }

    fn flush_block(&mut self) -> anyhow::Result<()> {
        if self.block.count == 0 {
            return Ok(());
        }
        self.write_header()?;
        let kind = self.block.kind;
        let block = std::mem::replace(&mut self.block, Block::new(kind));
        let encoded = block.encode();
        self.write_blob("OSMData", &encoded)
    }

    fn write_blob(&mut self, kind: &str, raw: &[u8]) -> anyhow::Result<()> {
        let mut z = ZlibEncoder::new(Vec::with_capacity(raw.len() / 2), Compression::default());
        z.write_all(raw)?;
        let mut blob = proto::Message::default();
        blob.int(2, raw.len() as u64);
        blob.bytes(3, &z.finish()?);
        let mut header = proto::Message::default();
        header.bytes(1, kind.as_bytes());
        header.int(3, blob.0.len() as u64);
        let out = &mut self.out;
        out.write_all(&(header.0.len() as u32).to_be_bytes())
            .and_then(|_| out.write_all(&header.0))
            .and_then(|_| out.write_all(&blob.0))
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// One primitive block being filled: a string table and one group of one kind.
struct Block {
    kind: MemberKind,
    strings: Vec<String>,
    string_ids: HashMap<String, u32>,
    count: usize,
    /// Estimated encoded size so far.
    bytes: usize,
    // Dense nodes, as columns.
    ids: Vec<i64>,
    lats: Vec<i64>,
    lons: Vec<i64>,
    keys_vals: Vec<u32>,
    /// Encoded `PrimitiveGroup` content for ways and relations.
    group: proto::Message,
}

impl Block {
    fn new(kind: MemberKind) -> Block {
        Block {
            kind,
            // Index 0 is reserved: it ends a node's tags in `keys_vals`.
            strings: vec![String::new()],
            string_ids: HashMap::new(),
            count: 0,
            bytes: 0,
            ids: Vec::new(),
            lats: Vec::new(),
            lons: Vec::new(),
            keys_vals: Vec::new(),
            group: proto::Message::default(),
        }
    }

    fn string(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.string_ids.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.string_ids.insert(s.to_string(), i);
        self.bytes += s.len() + 2;
        i
    }

    fn tag_indices(&mut self, tags: &[(String, String)]) -> (Vec<u32>, Vec<u32>) {
        tags.iter()
            .map(|(k, v)| (self.string(k), self.string(v)))
            .unzip()
    }

    /// Encodes the `PrimitiveBlock` (granularity 100 nanodegrees, no offsets: the defaults).
    fn encode(self) -> Vec<u8> {
        let mut table = proto::Message::default();
        for s in &self.strings {
            table.bytes(1, s.as_bytes());
        }
        let group = if self.kind == MemberKind::Node {
            let mut dense = proto::Message::default();
            dense.packed_sint(1, deltas(self.ids.iter().copied()));
            dense.packed_sint(8, deltas(self.lats.iter().copied()));
            dense.packed_sint(9, deltas(self.lons.iter().copied()));
            if self.keys_vals.iter().any(|&i| i != 0) {
                dense.packed_uint(10, self.keys_vals.iter().map(|&i| i as u64));
            }
            let mut group = proto::Message::default();
            group.bytes(2, &dense.0);
            group
        } else {
            self.group
        };
        let mut block = proto::Message::default();
        block.bytes(1, &table.0);
        block.bytes(2, &group.0);
        block.0
    }
}

/// Delta coding: each value minus the one before it (the first minus zero).
fn deltas(values: impl Iterator<Item = i64>) -> impl Iterator<Item = i64> {
    let mut prev = 0i64;
    values.map(move |v| {
        let d = v.wrapping_sub(prev);
        prev = v;
        d
    })
}

/// The protobuf wire format, as far as OSM PBF needs it.
mod proto {
    const VARINT: u64 = 0;
    const LEN: u64 = 2;

    #[derive(Default)]
    pub struct Message(pub Vec<u8>);

    impl Message {
        fn varint(&mut self, mut v: u64) {
            while v >= 0x80 {
                self.0.push((v as u8) | 0x80);
                v >>= 7;
            }
            self.0.push(v as u8);
        }

        fn key(&mut self, field: u64, wire: u64) {
            self.varint(field << 3 | wire);
        }

        /// An `int32`/`int64`/`uint32`/`enum` field (negative values as 10-byte two's complement).
        pub fn int(&mut self, field: u64, v: u64) {
            self.key(field, VARINT);
            self.varint(v);
        }

        /// A `sint64` field (zigzag).
        pub fn sint(&mut self, field: u64, v: i64) {
            self.key(field, VARINT);
            self.varint(zigzag(v));
        }

        /// A `bytes`, `string` or embedded message field.
        pub fn bytes(&mut self, field: u64, data: &[u8]) {
            self.key(field, LEN);
            self.varint(data.len() as u64);
            self.0.extend_from_slice(data);
        }

        /// A packed repeated unsigned field; omitted when empty.
        pub fn packed_uint(&mut self, field: u64, values: impl Iterator<Item = u64>) {
            let mut inner = Message::default();
            values.for_each(|v| inner.varint(v));
            if !inner.0.is_empty() {
                self.bytes(field, &inner.0);
            }
        }

        /// A packed repeated `sint64` field; omitted when empty.
        pub fn packed_sint(&mut self, field: u64, values: impl Iterator<Item = i64>) {
            self.packed_uint(field, values.map(zigzag));
        }
    }

    fn zigzag(v: i64) -> u64 {
        ((v << 1) ^ (v >> 63)) as u64
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn varints_and_zigzag_follow_the_protobuf_spec() {
            // Examples from https://protobuf.dev/programming-guides/encoding/
            let mut m = Message::default();
            m.int(1, 150);
            assert_eq!(m.0, [0x08, 0x96, 0x01]);
            assert_eq!(
                [0, -1, 1, -2, i64::MAX, i64::MIN].map(zigzag),
                [0, 1, 2, 3, u64::MAX - 1, u64::MAX]
            );
            let mut m = Message::default();
            m.bytes(2, b"testing");
            assert_eq!(m.0, [0x12, 0x07, b't', b'e', b's', b't', b'i', b'n', b'g']);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use osmpbf::{Element, ElementReader};

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Everything osmpbf reads back, as (kind, id, payload, tags) strings in file order.
    fn read_back(path: &Path) -> Vec<String> {
        let mut out = Vec::new();
        ElementReader::from_path(path)
            .unwrap()
            .for_each(|e| {
                let t = |it: &mut dyn Iterator<Item = (&str, &str)>| {
                    it.map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(",")
                };
                out.push(match e {
                    Element::DenseNode(n) => format!(
                        "n{} {} {} {}",
                        n.id(),
                        n.decimicro_lat(),
                        n.decimicro_lon(),
                        t(&mut n.tags())
                    ),
                    Element::Node(n) => format!("plain node {}", n.id()),
                    Element::Way(w) => {
                        format!(
                            "w{} {:?} {}",
                            w.id(),
                            w.refs().collect::<Vec<_>>(),
                            t(&mut w.tags())
                        )
                    }
                    Element::Relation(r) => {
                        let m: Vec<String> = r
                            .members()
                            .map(|m| {
                                format!("{:?}{}:{}", m.member_type, m.member_id, m.role().unwrap())
                            })
                            .collect();
                        format!("r{} {:?} {}", r.id(), m, t(&mut r.tags()))
                    }
                })
            })
            .unwrap();
        out
    }

    #[test]
    fn round_trips_through_osmpbf_across_block_boundaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.osm.pbf");
        let mut w = PbfWriter::create(&path).unwrap();
        let n = MAX_BLOCK_ENTITIES as i64 * 2 + 17;
        let mut expect = Vec::new();
        for id in 1..=n {
            let p = LatLon {
                lat: -7.6 - id as f64 * 1e-5,
                lon: 111.3 + id as f64 * 2e-5,
            };
            let t = if id % 3 == 0 {
                tags(&[("name", &format!("N{id}"))])
            } else {
                vec![]
            };
            w.node(id, p, &t).unwrap();
            let ts = t
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",");
            expect.push(format!(
                "n{id} {} {} {ts}",
                (p.lat * 1e7).round() as i32,
                (p.lon * 1e7).round() as i32
            ));
        }
        w.way(
            5,
            &[3, 1, 2, 9_000_000_000],
            &tags(&[("highway", "residential")]),
        )
        .unwrap();
        expect.push("w5 [3, 1, 2, 9000000000] highway=residential".into());
        w.way(6, &[2, 2], &[]).unwrap();
        expect.push("w6 [2, 2] ".into());
        let members = vec![
            Member {
                kind: MemberKind::Way,
                id: 5,
                role: "outer".into(),
            },
            Member {
                kind: MemberKind::Node,
                id: 7,
                role: String::new(),
            },
            Member {
                kind: MemberKind::Relation,
                id: 1,
                role: "sub".into(),
            },
        ];
        w.relation(2, &members, &tags(&[("type", "multipolygon")]))
            .unwrap();
        expect.push("r2 [\"Way5:outer\", \"Node7:\", \"Relation1:sub\"] type=multipolygon".into());
        w.finish().unwrap();
        assert_eq!(read_back(&path), expect);
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions();
        assert_eq!(
            mode(&path),
            mode(&plain),
            "same permissions as any new file"
        );
    }

    #[test]
    fn refuses_objects_out_of_order_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.osm.pbf");
        let p = LatLon { lat: 1.0, lon: 2.0 };
        let mut w = PbfWriter::create(&path).unwrap();
        w.node(2, p, &[]).unwrap();
        let err = w.node(2, p, &[]).unwrap_err().to_string();
        assert!(err.contains("ids must ascend"), "{err}");
        w.way(1, &[2], &[]).unwrap();
        let err = w.node(3, p, &[]).unwrap_err().to_string();
        assert!(err.contains("nodes, then ways, then relations"), "{err}");
        let err = w
            .node(
                4,
                LatLon {
                    lat: 91.0,
                    lon: 0.0,
                },
                &[],
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("node 4"), "{err}");
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn osmium_reads_the_file_with_the_right_counts() {
        if std::process::Command::new("osmium")
            .arg("--version")
            .output()
            .is_err()
        {
            panic!("osmium (apt-get install osmium-tool) is needed for this test");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.osm.pbf");
        let mut w = PbfWriter::create_with_bbox(
            &path,
            LatLon {
                lat: -8.0,
                lon: 111.0,
            },
            LatLon {
                lat: -7.0,
                lon: 112.0,
            },
        )
        .unwrap();
        for id in 1..=20_000 {
            let p = LatLon {
                lat: -7.5 + id as f64 * 1e-6,
                lon: 111.5,
            };
            w.node(id, p, &tags(&[("k", "v")])).unwrap();
        }
        for id in 1..=9000 {
            w.way(id, &[id, id + 1], &tags(&[("highway", "track")]))
                .unwrap();
        }
        let m = [Member {
            kind: MemberKind::Way,
            id: 1,
            role: "from".into(),
        }];
        w.relation(1, &m, &[]).unwrap();
        w.finish().unwrap();
        let out = std::process::Command::new("osmium")
            .args(["fileinfo", "-e", "-j"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let count = &info["data"]["count"];
        assert_eq!(count["nodes"], 20_000);
        assert_eq!(count["ways"], 9000);
        assert_eq!(count["relations"], 1);
        assert_eq!(info["data"]["objects_ordered"], true);
        assert_eq!(info["header"]["option"]["generator"], "jempol");
        assert_eq!(
            info["header"]["boxes"],
            serde_json::json!([[111.0, -8.0, 112.0, -7.0]])
        );
        let bbox: Vec<f64> = serde_json::from_value(info["data"]["bbox"].clone()).unwrap();
        let expect = [111.5, -7.499999, 111.5, -7.48];
        assert!(
            bbox.iter().zip(expect).all(|(a, b)| (a - b).abs() < 1e-9),
            "{bbox:?}"
        );
    }
}
