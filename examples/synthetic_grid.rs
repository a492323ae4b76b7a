//! Writes a large synthetic `.osm.pbf` for the import memory benchmark (benches/import_memory.sh):
//! a jittered grid of nodes around Magetan, cut into short "residential" ways along rows and
//! columns. It is not a road map; it only has the size and shape of a big extract (ascending
//! ids with gaps, a few tagged nodes, ways of 20 nodes).
//!
//!     cargo run --release --example synthetic_grid -- OUT.osm.pbf NODES [SEED]

use std::path::PathBuf;

use anyhow::Context;
use jempol::map::LatLon;
use jempol::map::pbf_write::PbfWriter;
use rand::{Rng, SeedableRng};

/// Grid spacing in degrees (about 33 m), the same at every size, so a fixed boundary keeps
/// the same number of nodes however large the grid grows.
const SPACING: f64 = 0.0003;
const CENTRE: LatLon = LatLon {
    lat: -7.66,
    lon: 111.36,
};
const WAY_NODES: usize = 20;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: synthetic_grid OUT.osm.pbf NODES [SEED]";
    let out = PathBuf::from(args.get(1).context(usage)?);
    let nodes: usize = args.get(2).context(usage)?.parse().context(usage)?;
    let seed: u64 = args.get(3).map_or(Ok(1), |s| s.parse()).context(usage)?;
    let side = (nodes as f64).sqrt().ceil() as usize;
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);

    let mut writer = PbfWriter::create(&out)?;
    // Node ids ascend with random gaps, as in a real extract cut from the planet.
    let mut ids = Vec::with_capacity(side * side);
    let mut id = 0i64;
    let crossing = vec![("highway".to_string(), "crossing".to_string())];
    for row in 0..side {
        for col in 0..side {
            id += rng.random_range(1..6);
            ids.push(id);
            let jitter = |rng: &mut rand_pcg::Pcg64| rng.random_range(-0.3..0.3) * SPACING;
            let p = LatLon {
                lat: CENTRE.lat + (row as f64 - side as f64 / 2.0) * SPACING + jitter(&mut rng),
                lon: CENTRE.lon + (col as f64 - side as f64 / 2.0) * SPACING + jitter(&mut rng),
            };
            let tags: &[(String, String)] = if rng.random_ratio(1, 50) {
                &crossing
            } else {
                &[]
            };
            writer.node(id, p, tags)?;
        }
    }
    let (mut way_id, mut ways) = (0i64, 0u64);
    let at = |row: usize, col: usize| ids[row * side + col];
    for horizontal in [true, false] {
        for line in 0..side {
            for start in (0..side - 1).step_by(WAY_NODES - 1) {
                let end = (start + WAY_NODES).min(side);
                let refs: Vec<i64> = (start..end)
                    .map(|i| if horizontal { at(line, i) } else { at(i, line) })
                    .collect();
                way_id += rng.random_range(1..4);
                let tags = [
                    ("highway".to_string(), "residential".to_string()),
                    ("name".to_string(), format!("Jalan {line}")),
                ];
                writer.way(way_id, &refs, &tags)?;
                ways += 1;
            }
        }
    }
    writer.finish()?;
    println!("{}: {} nodes, {ways} ways", out.display(), ids.len());
    Ok(())
}
