//! The OSM readers on hand-written fixtures, real extracts (Liechtenstein, Monaco, Helsinki)
//! and broken files. Cross-checks PBF against the same data converted to XML by osmium.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use jempol::map::osm::{OsmData, read_osm};
use jempol::map::profile::{Direction, Profile};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn osm_file(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/osm")).join(name)
}

fn helsinki() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-data/Helsinki.osm.pbf");
    assert!(
        path.exists(),
        "{} is missing: run scripts/test-data.sh",
        path.display()
    );
    path
}

/// Runs osmium (Debian osmium-tool, installed by scripts/setup.sh).
fn osmium(args: &[&str]) {
    let status = Command::new("osmium")
        .args(args)
        .status()
        .expect("osmium is not installed: run scripts/setup.sh (apt-get install osmium-tool)");
    assert!(status.success(), "osmium {args:?} failed");
}

fn way_ids(data: &OsmData) -> Vec<i64> {
    data.ways.iter().map(|w| w.id).collect()
}

/// Way id -> direction for the ways the default profile accepts.
fn usable(data: &OsmData, profile: &Profile) -> BTreeMap<i64, Direction> {
    data.ways
        .iter()
        .filter_map(|w| profile.classify(&w.tags).map(|r| (w.id, r.direction)))
        .collect()
}

fn error_of(path: &Path) -> String {
    let err = read_osm(path).expect_err("expected an error");
    format!("{err:#}")
}

#[test]
fn oneway_fixture() {
    let data = read_osm(&fixture("oneway.osm")).unwrap();
    assert_eq!(
        (data.counts.nodes, data.counts.ways, data.counts.relations),
        (9, 8, 0)
    );
    assert_eq!(
        way_ids(&data),
        vec![101, 102, 103, 104, 105, 106, 107],
        "no building"
    );
    let mut nodes: Vec<i64> = data.nodes.keys().copied().collect();
    nodes.sort();
    assert_eq!(
        nodes,
        vec![1, 2, 3, 4, 5, 6, 7],
        "8 and 9 are only in the building"
    );
    assert_eq!(data.nodes[&4].lat, -7.652);
    assert_eq!(data.nodes[&4].lon, 111.33);
    let w106 = &data.ways[5];
    assert_eq!(w106.nodes, vec![5, 6, 3]);
    assert!(w106.tags.contains(&("name".into(), "Jalan Kenanga".into())));
    let dirs = usable(&data, &Profile::default());
    use Direction::*;
    let expected = [
        (101, Forward),
        (102, Both),
        (103, Backward),
        (104, Both),
        (105, Forward),
        (106, Both),
    ];
    assert_eq!(dirs, expected.into_iter().collect(), "107 is a footway");
}

#[test]
fn access_fixture() {
    let data = read_osm(&fixture("access.osm")).unwrap();
    assert_eq!(data.ways.len(), 10);
    let ids: Vec<i64> = usable(&data, &Profile::default()).into_keys().collect();
    assert_eq!(ids, vec![201, 202, 203, 210]);
}

#[test]
fn roundabout_fixture() {
    let data = read_osm(&fixture("roundabout.osm")).unwrap();
    let dirs = usable(&data, &Profile::default());
    assert_eq!(
        dirs[&301],
        Direction::Forward,
        "junction=roundabout implies oneway"
    );
    assert_eq!(
        dirs[&306],
        Direction::Both,
        "oneway=no overrides junction=circular"
    );
    assert_eq!(
        data.ways[0].nodes,
        vec![1, 2, 3, 4, 1],
        "closed ring kept as drawn"
    );
    assert_eq!(dirs.len(), 7);
}

#[test]
fn islands_fixture() {
    let data = read_osm(&fixture("islands.osm")).unwrap();
    assert_eq!(way_ids(&data), (401..=409).collect::<Vec<_>>());
    let dirs = usable(&data, &Profile::default());
    assert_eq!(dirs[&405], Direction::Forward);
    assert!(!dirs.contains_key(&408), "footway");
    assert_eq!(data.nodes.len(), 10);
}

#[test]
fn file_without_roads_reads_as_empty() {
    let data = read_osm(&fixture("no-roads.osm")).unwrap();
    assert_eq!((data.counts.nodes, data.counts.ways), (4, 2));
    assert!(data.ways.is_empty() && data.nodes.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let empty = read_bytes_as(dir.path(), "nothing.osm", b"<osm version=\"0.6\"/>").unwrap();
    assert_eq!(empty.counts, Default::default());
    assert!(empty.ways.is_empty() && empty.nodes.is_empty());
}

/// Writes `bytes` to a temp file named `name` and reads it.
fn read_bytes_as(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<OsmData> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    read_osm(&path)
}

#[test]
fn gzip_and_bzip2_xml() {
    let plain = std::fs::read(fixture("oneway.osm")).unwrap();
    let expected = read_osm(&fixture("oneway.osm")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).unwrap();
    let gz = gz.finish().unwrap();
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    bz.write_all(&plain).unwrap();
    let bz = bz.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("oneway.osm.gz", &gz),
        ("oneway.osm.bz2", &bz),
        ("misnamed.osm.pbf", &gz),
    ] {
        let data = read_bytes_as(dir.path(), name, bytes).unwrap();
        assert_eq!(data.ways, expected.ways, "{name}");
        assert_eq!(data.nodes, expected.nodes, "{name}");
        assert_eq!(data.counts, expected.counts, "{name}");
    }
    // Cut-off compressed files are errors, not silently shorter data.
    for (name, bytes) in [("cut.osm.gz", &gz), ("cut.osm.bz2", &bz)] {
        let err = read_bytes_as(dir.path(), name, &bytes[..bytes.len() / 2]).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains(name), "{msg}");
    }
}

#[test]
fn overpass_order_and_extract_edges() {
    // Overpass `way[highway](bbox); out; >; out;` lists ways before nodes. Node 4 lies
    // outside the extract: way 1 is split there, way 2 keeps one node and is dropped.
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="Overpass API 0.7.62">
<note>The data included in this document is from www.openstreetmap.org.</note>
<meta osm_base="2026-11-01T00:00:00Z"/>
  <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="4"/><nd ref="3"/><nd ref="5"/>
    <tag k="highway" v="unclassified"/><tag k="name" v="Jalan &quot;Raya&quot; &amp; Co"/></way>
  <way id="2"><nd ref="4"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <relation id="9"><member type="way" ref="1" role=""/><tag k="type" v="route"/></relation>
  <node id="1" lat="-7.65" lon="111.33"/>
  <node id="2" lat="-7.651" lon="111.331"/>
  <node id="3" lat="-7.652" lon="111.332"/>
  <node id="5" lat="-7.653" lon="111.333"/>
</osm>"#;
    let dir = tempfile::tempdir().unwrap();
    let data = read_bytes_as(dir.path(), "overpass.osm", xml.as_bytes()).unwrap();
    let ways: Vec<(i64, Vec<i64>)> = data.ways.iter().map(|w| (w.id, w.nodes.clone())).collect();
    assert_eq!(ways, vec![(1, vec![1, 2]), (1, vec![3, 5])]);
    assert_eq!(data.counts.missing_node_refs, 2);
    assert_eq!((data.counts.ways, data.counts.relations), (2, 1));
    assert_eq!(data.ways[0].tags[1].1, "Jalan \"Raya\" & Co");
    assert_eq!(data.nodes.len(), 4);
}

#[test]
fn josm_deleted_elements_are_ignored() {
    let xml = r#"<osm version="0.6" generator="JOSM">
  <node id="-1" action="modify" lat="-7.65" lon="111.33"/>
  <node id="2" action="delete" lat="-7.651" lon="111.331"/>
  <node id="3" visible="true" lat="-7.652" lon="111.332"/>
  <way id="5" action="delete"><nd ref="-1"/><nd ref="3"/><tag k="highway" v="service"/></way>
  <way id="6"><nd ref="-1"/><nd ref="3"/><nd ref="2"/><tag k="highway" v="service"/></way>
</osm>"#;
    let dir = tempfile::tempdir().unwrap();
    let data = read_bytes_as(dir.path(), "josm.osm", xml.as_bytes()).unwrap();
    let ways: Vec<(i64, Vec<i64>)> = data.ways.iter().map(|w| (w.id, w.nodes.clone())).collect();
    assert_eq!(ways, vec![(6, vec![-1, 3])]);
}

#[test]
fn broken_files_give_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.osm.pbf", vec![], "empty"),
        ("empty.osm", b"  \n".to_vec(), "not OpenStreetMap"),
        ("points.osm", b"name,lat,lon\nA,-7.6,111.3\n".to_vec(), "not OpenStreetMap"),
        (
            "track.osm",
            b"<?xml version='1.0'?><gpx version='1.1'><trk/></gpx>".to_vec(),
            "root element is <gpx>",
        ),
        (
            "mismatch.osm",
            b"<osm><node id='1' lat='0' lon='0'></way></osm>".to_vec(),
            "malformed XML",
        ),
        (
            "cut.osm",
            b"<osm version='0.6'><node id='1' lat='0' lon='0'/><way id='2'><nd ref='1'/>".to_vec(),
            "truncated",
        ),
        (
            "badlat.osm",
            b"<osm><node id='7' lat='north' lon='111'/></osm>".to_vec(),
            "node 7",
        ),
        (
            "swapped.osm",
            b"<osm><node id='8' lat='111.3' lon='-7.6'/></osm>".to_vec(),
            "out of range",
        ),
        (
            "noref.osm",
            b"<osm><way id='3'><nd/></way></osm>".to_vec(),
            "way 3",
        ),
        (
            "overpass-timeout.osm",
            b"<osm><remark> runtime error: Query timed out in \"query\" at line 3 after 26 seconds. </remark></osm>"
                .to_vec(),
            "timed out",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = d.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let msg = error_of(&path);
        assert!(msg.contains(name), "{name}: {msg}");
        assert!(msg.contains(expected), "{name}: {msg}");
    }
    let msg = error_of(&d.join("missing.osm.pbf"));
    assert!(
        msg.contains("missing.osm.pbf") && msg.contains("cannot read"),
        "{msg}"
    );
}

#[test]
fn random_bytes_give_errors() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_pcg::Pcg64::seed_from_u64(7);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.osm.pbf");
    for len in [1, 3, 10, 100, 10_000] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert!(error_of(&path).contains("noise.osm.pbf"));
        // Noise behind a valid-looking PBF start reaches the block decoder.
        let mut pbf = b"\0\0\0\x0d\x0a\x09OSMHeader".to_vec();
        pbf.extend(&bytes);
        std::fs::write(&path, &pbf).unwrap();
        assert!(error_of(&path).contains("noise.osm.pbf"));
    }
}

#[test]
fn truncated_pbf_is_an_error() {
    let full = std::fs::read(osm_file("liechtenstein-latest.osm.pbf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.osm.pbf");
    for len in [
        5,
        20,
        100,
        1000,
        100_000,
        full.len() / 2,
        full.len() - 3,
        full.len() - 1,
    ] {
        std::fs::write(&path, &full[..len]).unwrap();
        let msg = error_of(&path);
        assert!(
            msg.contains("cut.osm.pbf") && msg.contains("truncated"),
            "{len}: {msg}"
        );
    }
    // 1-3 stray bytes after a complete block: osmpbf alone would accept this.
    let mut padded = full.clone();
    padded.extend([0, 0]);
    std::fs::write(&path, &padded).unwrap();
    assert!(error_of(&path).contains("truncated"));
}

#[test]
fn liechtenstein_pbf() {
    let data = read_osm(&osm_file("liechtenstein-latest.osm.pbf")).unwrap();
    // Figures from `osmium fileinfo -e` and `osmium tags-filter w/highway` (PROVENANCE.md).
    assert_eq!(data.counts.nodes, 142_832);
    assert_eq!(data.counts.ways, 15_247);
    assert_eq!(data.counts.relations, 358);
    assert_eq!(data.counts.highway_ways, 4_660);
    assert_eq!(data.ways.len(), 4_660);
    assert_eq!(data.counts.missing_node_refs, 0);
    assert_eq!(data.nodes.len(), 54_387);
    // `osmium tags-filter FILE n/highway=traffic_signals`: 8 nodes; `n/barrier`: 66;
    // `r/type=restriction`: 3 relations, each from a way at a node onto a way.
    assert_eq!(data.traffic_signals.len(), 8);
    assert_eq!(data.barriers.len(), 66);
    let restrictions: Vec<(i64, i64, i64, i64, bool)> = (data.restrictions.iter())
        .map(|r| (r.relation, r.from_way, r.via_node, r.to_way, r.only))
        .collect();
    assert_eq!(
        restrictions,
        vec![
            (2366291, 167992391, 1793113950, 24802724, false),
            (3090789, 226412526, 276040251, 27728130, true),
            (5217202, 258306367, 269468749, 258306365, false),
        ]
    );
    for way in &data.ways {
        assert!(way.nodes.len() >= 2);
        assert!(way.tags.iter().any(|(k, _)| k == "highway"));
        for id in &way.nodes {
            let p = data.nodes[id];
            assert!(
                (47.0..47.3).contains(&p.lat) && (9.4..9.7).contains(&p.lon),
                "{p:?}"
            );
        }
    }
}

// Expected figures: `osmium fileinfo -e` for the counts, and for the kept ways an independent
// count (osmium cat to XML, then Python ElementTree applying the same split-at-missing-nodes
// rule); see the report of the map-read branch.

#[test]
fn monaco_pbf() {
    let data = read_osm(&osm_file("monaco.osm.pbf")).unwrap();
    assert_eq!(data.counts.nodes, 180_118);
    assert_eq!(data.counts.ways, 27_377);
    assert_eq!(data.counts.relations, 212);
    assert_eq!(data.counts.highway_ways, 2_927);
    // Three highway ways have fewer than two nodes.
    assert_eq!(data.ways.len(), 2_924);
    assert_eq!(data.counts.missing_node_refs, 0);
    assert_eq!(data.nodes.len(), 26_085);
    assert_eq!(data.traffic_signals.len(), 21);
    assert_eq!(data.barriers.len(), 50);
}

#[test]
fn helsinki_pbf() {
    let data = read_osm(&helsinki()).unwrap();
    assert_eq!(data.counts.nodes, 24_260);
    assert_eq!(data.counts.ways, 5_130);
    assert_eq!(data.counts.relations, 620);
    assert_eq!(data.counts.highway_ways, 2_650);
    // The extract cuts ways at its edge: 912 references to absent nodes.
    assert_eq!(data.counts.missing_node_refs, 912);
    assert_eq!(data.ways.len(), 2_584);
    let distinct: std::collections::BTreeSet<i64> = data.ways.iter().map(|w| w.id).collect();
    assert_eq!(distinct.len(), 2_577);
    assert_eq!(data.nodes.len(), 6_906);
}

/// Same data, different encodings: everything read must agree.
fn assert_same(a: &OsmData, b: &OsmData, what: &str) {
    assert_eq!(a.counts, b.counts, "{what}");
    assert_eq!(a.ways, b.ways, "{what}");
    assert_eq!(a.traffic_signals, b.traffic_signals, "{what}");
    assert_eq!(a.barriers, b.barriers, "{what}");
    assert_eq!(a.restrictions, b.restrictions, "{what}");
    assert_eq!(a.nodes.len(), b.nodes.len(), "{what}");
    for (id, p) in &a.nodes {
        let q = b.nodes[id];
        // OSM XML carries 7 decimals, PBF 100 nanodegrees: the same grid.
        assert!(
            (p.lat - q.lat).abs() < 1e-9 && (p.lon - q.lon).abs() < 1e-9,
            "{what}: node {id} {p:?} vs {q:?}"
        );
    }
}

#[test]
fn pbf_agrees_with_osmium_xml_and_plain_nodes() {
    let dir = tempfile::tempdir().unwrap();
    // Plain (non-dense) nodes, and blocks stored without compression.
    let plain = "pbf,pbf_dense_nodes=false,pbf_compression=none";
    let cases = [
        (osm_file("liechtenstein-latest.osm.pbf"), "li.osm", None),
        (
            osm_file("liechtenstein-latest.osm.pbf"),
            "li.osm.pbf",
            Some(plain),
        ),
        (helsinki(), "hel.osm.gz", None),
        (helsinki(), "hel.osm.bz2", None),
        (helsinki(), "hel.osm.pbf", Some(plain)),
    ];
    for (source, out, format) in cases {
        let pbf = read_osm(&source).unwrap();
        let path = dir.path().join(out);
        let mut args = vec![
            "cat",
            "-O",
            source.to_str().unwrap(),
            "-o",
            path.to_str().unwrap(),
        ];
        if let Some(format) = format {
            args.extend(["-f", format]);
        }
        osmium(&args);
        if format.is_some() {
            // Uncompressed, so the header block's feature list is readable: no DenseNodes.
            let bytes = std::fs::read(&path).unwrap();
            assert!(bytes.windows(14).any(|w| w == b"OsmSchema-V0.6"), "{out}");
            assert!(!bytes.windows(10).any(|w| w == b"DenseNodes"), "{out}");
        }
        assert_same(&pbf, &read_osm(&path).unwrap(), out);
    }
}
