//! `jempol map import` and `jempol map synth`: the commands that write maps.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use jempol::import::{BoundarySpec, import_within};
use jempol::map::RoadMap;
use jempol::map::profile::Profile;
use jempol::standin::{
    DEFAULT_SEED, Source, TILE_NODE_THINNING, TileWays, calibration_table, error_summary,
    generate_magetan_from, measure_on_map, network_table, write_tiled_extract, write_tiled_ways,
};

/// Arguments of `jempol map import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The large extract to clip, e.g. Geofabrik's java-latest.osm.pbf
    source: PathBuf,
    /// A GeoJSON (Multi)Polygon file, or osm:NAME[@ADMIN_LEVEL] for a boundary=administrative
    /// relation in SOURCE (e.g. osm:Magetan@5)
    #[arg(long)]
    boundary: String,
    /// The .osm.pbf file to write
    #[arg(long)]
    out: PathBuf,
}

/// Clips and prints what was kept.
pub fn import(args: ImportArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let spec = BoundarySpec::parse(&args.boundary);
    let (stats, boundary) = import_within(&args.source, &spec, &args.out)?;
    println!("boundary: {boundary}");
    println!(
        "{}: kept {} nodes ({} inside the boundary), {} ways, {} relations of {} source nodes in {:.1} s",
        args.out.display(),
        stats.nodes,
        stats.inside_nodes,
        stats.ways,
        stats.relations,
        stats.source_nodes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Options of `jempol map synth`.
#[derive(Args, Debug)]
pub struct SynthArgs {
    /// Seed of the generator; the committed map uses the default.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Output .osm.pbf [default: maps/magetan-standin.osm.pbf; required with --size]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Folder with the Magetan data (desa.csv, kecamatan-stats.csv, ...) [default: the copy of
    /// data/magetan built into jempol]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Instead of the stand-in, write copies of it (every third shape node kept), or of a real
    /// extract's roads with --tile-extract, on a grid with at least this many junctions (graph
    /// vertices), for scaling tests.
    #[arg(long)]
    size: Option<u64>,
    /// With --size: one way per junction-to-junction road, instead of ways that run on
    /// through junctions as real OpenStreetMap ways do.
    #[arg(long, requires = "size")]
    single_junction_ways: bool,
    /// With --size: copies of the van-usable roads of this real OpenStreetMap extract (e.g.
    /// tests/data/osm/liechtenstein-latest.osm.pbf) instead of the stand-in, for real road
    /// topology at any size
    #[arg(long, requires = "size", conflicts_with_all = ["single_junction_ways", "data"])]
    tile_extract: Option<PathBuf>,
    /// Print the calibration table (Markdown) after writing the stand-in.
    #[arg(long)]
    report: bool,
}

/// Generates the stand-in (or a tiled network), writes it and prints a summary.
pub fn synth(args: SynthArgs) -> anyhow::Result<()> {
    if let Some(size) = args.size {
        let out = args
            .out
            .ok_or_else(|| anyhow::anyhow!("--size needs --out FILE.osm.pbf"))?;
        let s = match &args.tile_extract {
            Some(extract) => write_tiled_extract(extract, &Profile::default(), size, &out)?,
            None => {
                let standin = generate_magetan_from(&Source::from_option(args.data), args.seed)?;
                let ways = if args.single_junction_ways {
                    TileWays::Single
                } else {
                    TileWays::Joined
                };
                let base = standin.network.thinned(TILE_NODE_THINNING);
                write_tiled_ways(&base, size, &out, ways)?
            }
        };
        println!(
            "{}: {} tiles, {} nodes, {} ways, {} junctions (generated, not surveyed)",
            out.display(),
            s.tiles,
            s.nodes,
            s.ways,
            s.junctions
        );
        return Ok(());
    }
    let standin = generate_magetan_from(&Source::from_option(args.data), args.seed)?;
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from("maps/magetan-standin.osm.pbf"));
    standin.network.write_pbf(&out)?;
    // Measured on the written file, as the planner will load it.
    let map = RoadMap::load(&out, &Profile::default())?;
    let measured = measure_on_map(&map, &standin)?;
    let (median, worst) = error_summary(&measured);
    println!(
        "{}: stand-in for Magetan (generated, not surveyed), seed {}: {} nodes, {} ways; \
         fastest route length vs BPS: median error {:.1}%, largest {:.1}%",
        out.display(),
        args.seed,
        standin.network.nodes.len(),
        standin.network.ways.len(),
        median * 100.0,
        worst * 100.0
    );
    if args.report {
        print!("\n{}", calibration_table(&measured));
        print!("\n{}", network_table(&standin.network));
    }
    Ok(())
}
