//! `jempol map import` against `osmium extract -s complete_ways` on real OSM extracts.
//!
//! Needs osmium-tool (apt-get install osmium-tool). Both tools are given the same polygon; the
//! outputs are compared object by object (OPL without metadata, which jempol does not copy), so
//! node, way and relation counts, ids, tags, coordinates and members must all agree.

use std::path::{Path, PathBuf};
use std::process::Command;

use jempol::import::{BoundarySpec, ImportStats, import_within};

const LIECHTENSTEIN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/osm/liechtenstein-latest.osm.pbf"
);
const MONACO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/osm/monaco.osm.pbf");

fn osmium(args: &[&str]) -> Vec<u8> {
    let out = Command::new("osmium")
        .args(args)
        .output()
        .expect("osmium is needed for this test: apt-get install osmium-tool");
    assert!(
        out.status.success(),
        "osmium {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every object with tags, coordinates and members, one line each.
fn opl(path: &Path) -> String {
    String::from_utf8(osmium(&["cat", "-f", "opl,add_metadata=false", s(path)])).unwrap()
}

/// Object counts that `osmium fileinfo -e` finds (it reads and checks the whole file).
fn fileinfo_counts(path: &Path) -> [u64; 3] {
    let info: serde_json::Value =
        serde_json::from_slice(&osmium(&["fileinfo", "-e", "-j", s(path)])).unwrap();
    assert_eq!(info["data"]["objects_ordered"], true, "{}", path.display());
    let c = &info["data"]["count"];
    ["nodes", "ways", "relations"].map(|k| c[k].as_u64().unwrap())
}

/// Object counts that osmpbf reads back.
fn osmpbf_counts(path: &Path) -> [u64; 3] {
    use osmpbf::{Element, ElementReader};
    let mut counts = [0u64; 3];
    ElementReader::from_path(path)
        .unwrap()
        .for_each(|e| match e {
            Element::Node(_) | Element::DenseNode(_) => counts[0] += 1,
            Element::Way(_) => counts[1] += 1,
            Element::Relation(_) => counts[2] += 1,
        })
        .unwrap();
    counts
}

fn jempol_import(source: &str, boundary: &str, out: &Path) -> anyhow::Result<ImportStats> {
    let (stats, _) = import_within(source.as_ref(), &BoundarySpec::parse(boundary), out)?;
    Ok(stats)
}

/// Clips with jempol and with osmium and asserts the results are the same objects.
fn assert_same_as_osmium(source: &str, boundary: &str, polygon: &Path, dir: &Path) -> ImportStats {
    let ours = dir.join("jempol.osm.pbf");
    let theirs = dir.join("osmium.osm.pbf");
    let stats = jempol_import(source, boundary, &ours).unwrap();
    osmium(&[
        "extract",
        "-p",
        s(polygon),
        "-s",
        "complete_ways",
        source,
        "-o",
        s(&theirs),
        "--overwrite",
    ]);
    let counts = fileinfo_counts(&ours);
    assert_eq!(
        counts,
        fileinfo_counts(&theirs),
        "node/way/relation counts differ from osmium"
    );
    assert_eq!(counts, osmpbf_counts(&ours));
    assert_eq!(counts, [stats.nodes, stats.ways, stats.relations]);
    let (a, b) = (opl(&ours), opl(&theirs));
    if a != b {
        let only = |x: &str, y: &str| -> Vec<String> {
            let y: std::collections::HashSet<&str> = y.lines().collect();
            x.lines()
                .filter(|l| !y.contains(l))
                .take(5)
                .map(String::from)
                .collect()
        };
        panic!(
            "objects differ: only jempol {:?}; only osmium {:?}",
            only(&a, &b),
            only(&b, &a)
        );
    }
    stats
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

#[test]
fn liechtenstein_polygon_with_a_hole_matches_osmium() {
    let dir = tempfile::tempdir().unwrap();
    // Vaduz, Schaan and Triesen, with a hole over central Vaduz.
    let poly = write(
        &dir.path().join("p.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
        "geometry":{"type":"Polygon","coordinates":[
          [[9.49,47.12],[9.56,47.11],[9.58,47.17],[9.52,47.20],[9.48,47.16],[9.49,47.12]],
          [[9.515,47.135],[9.53,47.135],[9.53,47.145],[9.515,47.135]]]}}]}"#,
    );
    let stats = assert_same_as_osmium(LIECHTENSTEIN, s(&poly), &poly, dir.path());
    // Whole ways: nodes outside the polygon were added, and the hole was left out.
    assert!(
        stats.nodes > stats.inside_nodes && stats.inside_nodes > 10_000,
        "{stats:?}"
    );
    assert!(stats.ways > 1000 && stats.relations > 0, "{stats:?}");
    assert_eq!(stats.source_nodes, 142_832);
}

#[test]
fn monaco_multipolygon_matches_osmium() {
    let dir = tempfile::tempdir().unwrap();
    // Monte-Carlo and, separately, Fontvieille.
    let poly = write(
        &dir.path().join("p.geojson"),
        r#"{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[
          [[[7.418,43.735],[7.432,43.737],[7.44,43.75],[7.425,43.748],[7.418,43.735]]],
          [[[7.41,43.726],[7.421,43.727],[7.418,43.733],[7.408,43.731],[7.41,43.726]]]]}}"#,
    );
    let stats = assert_same_as_osmium(MONACO, s(&poly), &poly, dir.path());
    assert!(stats.inside_nodes > 1000 && stats.ways > 300, "{stats:?}");
}

/// The polygon `osmium export` makes of relation `id`, as a GeoJSON file.
fn osmium_relation_polygon(source: &str, id: i64, dir: &Path) -> PathBuf {
    let rel = dir.join("rel.osm.pbf");
    let all = dir.join("rel-all.geojson");
    osmium(&[
        "getid",
        "-r",
        source,
        &format!("r{id}"),
        "-o",
        s(&rel),
        "--overwrite",
    ]);
    osmium(&[
        "export",
        s(&rel),
        "-o",
        s(&all),
        "--geometry-types=polygon",
        "--add-unique-id=type_id",
        "--overwrite",
    ]);
    // Closed member ways with tags become areas too; osmium numbers a relation's area 2*id+1.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&all).unwrap()).unwrap();
    let area = format!("a{}", 2 * id + 1);
    let feature = json["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == area.as_str())
        .unwrap_or_else(|| panic!("osmium export made no area of relation {id}"));
    write(&dir.join("rel.geojson"), &feature.to_string())
}

#[test]
fn osm_municipality_boundaries_match_osmium_export_polygons() {
    // Vaduz has seven outer rings (exclaves in the mountains).
    for (name, id) in [
        ("Vaduz", 1_155_956),
        ("Triesenberg", 1_155_948),
        ("Balzers", 1_155_953),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let poly = osmium_relation_polygon(LIECHTENSTEIN, id, dir.path());
        let stats =
            assert_same_as_osmium(LIECHTENSTEIN, &format!("osm:{name}@8"), &poly, dir.path());
        assert!(stats.inside_nodes > 1000, "{name}: {stats:?}");
    }
}

#[test]
fn osm_boundary_errors_say_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.osm.pbf");
    let err = |b: &str| format!("{:#}", jempol_import(LIECHTENSTEIN, b, &out).unwrap_err());

    let e = err("osm:Vadus");
    assert!(
        e.contains("no boundary=administrative relation named \"Vadus\""),
        "{e}"
    );
    assert!(e.contains("osm:Vaduz@8 (relation 1155956)"), "{e}");

    let e = err("osm:Vaduz@6");
    assert!(
        e.contains("at admin_level 6") && e.contains("osm:Vaduz@8"),
        "{e}"
    );

    let e = err("osm:Feldkirch");
    assert!(
        e.contains("2 boundary relations") && e.contains("add @LEVEL"),
        "{e}"
    );
    assert!(
        e.contains("osm:Feldkirch@6") && e.contains("osm:Feldkirch@8"),
        "{e}"
    );

    // Austria is only partly in the Liechtenstein extract: its ring cannot be built.
    let e = err("osm:Österreich@2");
    assert!(
        e.contains("relation 16239") && e.contains("is not in"),
        "{e}"
    );

    // A unique loose match is taken; several are listed.
    let stats = jempol_import(LIECHTENSTEIN, "osm:oberland@6", &out).unwrap();
    let exact = jempol_import(
        LIECHTENSTEIN,
        "osm:Wahlkreis Oberland@6",
        &dir.path().join("b.osm.pbf"),
    );
    assert_eq!(stats, exact.unwrap());
    let e = err("osm:Wahlkreis@6");
    assert!(
        e.contains("5 boundary relations") && e.contains("osm:Wahlkreis Unterland@6"),
        "{e}"
    );
    std::fs::remove_file(&out).unwrap();

    // Monaco's country relation has a gap in this extract (osmium export cannot build it either).
    let e = format!(
        "{:#}",
        jempol_import(MONACO, "osm:Monaco@2", &out).unwrap_err()
    );
    assert!(
        e.contains("relation 1124039") && e.contains("does not close"),
        "{e}"
    );

    let e = err(&dir.path().join("missing.geojson").display().to_string());
    assert!(
        e.contains("cannot read") && e.contains("missing.geojson"),
        "{e}"
    );
    assert!(!out.exists(), "no output is left behind after an error");
}

#[test]
fn jempol_routes_on_what_it_imported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("vaduz.osm.pbf");
    jempol_import(LIECHTENSTEIN, "osm:Vaduz@8", &out).unwrap();
    let clipped = jempol::map::RoadMap::load(&out, &jempol::map::profile::Profile::default())
        .expect("the imported file loads");
    let whole = jempol::map::RoadMap::load(
        Path::new(LIECHTENSTEIN),
        &jempol::map::profile::Profile::default(),
    )
    .unwrap();
    assert!(clipped.info.vertices > 100);
    assert!(clipped.info.vertices < whole.info.vertices / 2);
    // The town hall of Vaduz snaps onto a road of the clipped map.
    let town_hall = jempol::map::LatLon {
        lat: 47.1397,
        lon: 9.5225,
    };
    assert!(clipped.snap(town_hall).unwrap().distance_m < 100.0);
}
