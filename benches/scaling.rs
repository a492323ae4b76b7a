//! Scaling of load, build and a 300 x 300 matrix with the size of the road graph, on tiled
//! copies of the generated Magetan stand-in (`jempol map synth --size N`). Prints a Markdown
//! table (medians of 3 runs; 1 run from a million vertices up); the peer is the same matrix on
//! one thread. The tiles keep every third shape node (`standin::TILE_NODE_THINNING`).
//!
//!     cargo bench --bench scaling                  # 10k, 100k and 1M vertices
//!     cargo bench --bench scaling -- 10000 50000   # other sizes
//!
//! The files go to target/scaling/.

use std::path::PathBuf;
use std::time::Instant;

use jempol::map::profile::Profile;
use jempol::map::{LatLon, RoadMap};
use jempol::route::matrix::matrix;
use jempol::standin;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

const RUNS: usize = 3;
const POINTS: usize = 300;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> anyhow::Result<()> {
    let sizes: Vec<u64> = {
        let args: Vec<u64> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if args.is_empty() {
            vec![10_000, 100_000, 1_000_000]
        } else {
            args
        }
    };
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/scaling"));
    std::fs::create_dir_all(&dir)?;
    let base = standin::generate_magetan_from(&standin::Source::Embedded, standin::DEFAULT_SEED)?
        .network
        .thinned(standin::TILE_NODE_THINNING);
    let profile = Profile::default();
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    println!(
        "| vertices | edges | nodes | file MB | generate s | runs | read s | build s | matrix 300x300 s (2 threads) | same, 1 thread | speed-up |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for size in sizes {
        let path = dir.join(format!("synth-{size}.osm.pbf"));
        let start = Instant::now();
        let summary = standin::write_tiled(&base, size, &path)?;
        let runs = if size >= 1_000_000 { 1 } else { RUNS };
        let generate_s = start.elapsed().as_secs_f64();
        let mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
        let (mut read, mut build) = (Vec::new(), Vec::new());
        let mut map = None;
        for _ in 0..runs {
            let m = RoadMap::load(&path, &profile)?;
            read.push(m.info.read_seconds);
            build.push(m.info.build_seconds);
            map = Some(m);
        }
        let map = map.expect("RUNS > 0");
        let (sw, ne) = map.info.bbox.expect("the map has roads");
        let mut rng = Pcg64::seed_from_u64(1);
        let points: Vec<_> = (0..POINTS)
            .filter_map(|_| {
                map.snap(LatLon {
                    lat: rng.random_range(sw.lat..ne.lat),
                    lon: rng.random_range(sw.lon..ne.lon),
                })
            })
            .collect();
        let time = |f: &dyn Fn()| {
            median(
                (0..runs)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        t.elapsed().as_secs_f64()
                    })
                    .collect(),
            )
        };
        let two = time(&|| {
            std::hint::black_box(matrix(&map, &points));
        });
        let one = time(&|| {
            one_thread.install(|| std::hint::black_box(matrix(&map, &points)));
        });
        println!(
            "| {} | {} | {} | {:.1} | {:.1} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            map.info.vertices,
            map.info.edges,
            summary.nodes,
            mb,
            generate_s,
            runs,
            median(read),
            median(build),
            two,
            one,
            one / two
        );
    }
    Ok(())
}
