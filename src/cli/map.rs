//! `jempol map ...`: inspect a road map, route between two points, build matrices.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::bail;
use clap::Subcommand;
use rayon::prelude::*;

use jempol::export::gpx::{Gpx, GpxTrack, GpxWaypoint, write_gpx};
use jempol::fsio::{csv_cell, write_atomically};
use jempol::map::profile::Profile;
use jempol::map::{DEFAULT_SNAP_LIMIT_M, LatLon, MapInfo, RoadMap, read_points_csv};
use jempol::progress::Progress;
use jempol::route::matrix::{Method, matrix_with, method_for, path};

/// `--method` of `map matrix`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum MatrixMethod {
    Auto,
    Dijkstra,
    Hierarchy,
}

#[derive(Subcommand)]
pub enum MapCommand {
    /// What a map holds: objects read, graph size, km of road per class, components, bbox.
    Info {
        /// An OpenStreetMap file: .osm.pbf, .osm, .osm.gz or .osm.bz2.
        map: PathBuf,
        /// A van profile in TOML (defaults: OSRM's car speeds).
        #[arg(long)]
        profile: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The fastest route between two points, in minutes and km, optionally as GPX.
    Route {
        map: PathBuf,
        /// Start as LAT,LON (Magetan's latitudes are negative: --from -7.652,111.330).
        #[arg(long, value_parser = parse_lat_lon, allow_hyphen_values = true)]
        from: LatLon,
        /// Destination as LAT,LON.
        #[arg(long, value_parser = parse_lat_lon, allow_hyphen_values = true)]
        to: LatLon,
        /// Write the route as a GPX 1.1 track to this file.
        #[arg(long)]
        gpx: Option<PathBuf>,
        #[arg(long)]
        profile: Option<PathBuf>,
    },
    /// Travel-time (minutes) and distance (km) matrices between named points.
    Matrix {
        map: PathBuf,
        /// CSV with a header and the columns name,lat,lon.
        #[arg(long)]
        points: PathBuf,
        /// Output CSV; the km matrix goes beside it as NAME-km.csv. Default: print minutes.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        profile: Option<PathBuf>,
        /// Print the seconds spent reading, building, snapping and in the matrix, and the
        /// method the matrix used (stderr).
        #[arg(long)]
        timings: bool,
        /// How to compute the matrix: `auto` (a contraction hierarchy from 2,000 vertices and
        /// 100 points), or force `dijkstra` or `hierarchy`. The times are the same.
        #[arg(long, default_value = "auto")]
        method: MatrixMethod,
    },
    /// Clip a large .osm.pbf extract to a boundary, keeping whole every way that touches it.
    Import(super::map_make::ImportArgs),
    /// Generate the stand-in road map of Magetan (not surveyed), or a larger tiled one.
    Synth(super::map_make::SynthArgs),
}

pub fn run(command: MapCommand) -> anyhow::Result<()> {
    match command {
        MapCommand::Info { map, profile, json } => info(&map, profile.as_deref(), json),
        MapCommand::Route {
            map,
            from,
            to,
            gpx,
            profile,
        } => route(&map, from, to, gpx.as_deref(), profile.as_deref()),
        MapCommand::Matrix {
            map,
            points,
            out,
            profile,
            timings,
            method,
        } => travel_matrix(
            &map,
            &points,
            out.as_deref(),
            profile.as_deref(),
            timings,
            method,
        ),
        MapCommand::Import(args) => super::map_make::import(args),
        MapCommand::Synth(args) => super::map_make::synth(args),
    }
}

fn load(map: &Path, profile: Option<&Path>) -> anyhow::Result<RoadMap> {
    let profile = match profile {
        Some(path) => Profile::from_toml_file(path)?,
        None => Profile::default(),
    };
    let _progress = Progress::start(format!("loading {}", map.display()));
    RoadMap::load(map, &profile)
}

fn parse_lat_lon(text: &str) -> Result<LatLon, String> {
    let parsed = text.split_once(',').and_then(|(lat, lon)| {
        Some(LatLon {
            lat: lat.trim().parse().ok()?,
            lon: lon.trim().parse().ok()?,
        })
    });
    match parsed {
        Some(p) if (-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon) => Ok(p),
        _ => Err(format!(
            "'{text}' is not LAT,LON in degrees, e.g. -7.652,111.330"
        )),
    }
}

fn info(map: &Path, profile: Option<&Path>, json: bool) -> anyhow::Result<()> {
    let road_map = load(map, profile)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&road_map.info)?);
    } else {
        print!("{}", info_text(map, &road_map.info));
    }
    Ok(())
}

fn info_text(map: &Path, info: &MapInfo) -> String {
    let mut out = String::new();
    let read = &info.read;
    let _ = writeln!(out, "{}", map.display());
    if info.standin {
        let _ = writeln!(
            out,
            "  STAND-IN    generated by `jempol map synth`, not surveyed: see maps/README.md"
        );
    }
    let _ = writeln!(
        out,
        "  read        {} nodes, {} ways, {} relations; {} highway ways, {} usable by a van",
        read.nodes, read.ways, read.relations, info.highway_ways, info.usable_ways
    );
    let _ = writeln!(
        out,
        "  graph       {} vertices, {} edges ({} directed arcs), {:.1} km of road",
        info.vertices, info.edges, info.arcs, info.kept_km
    );
    let turns = match info.turns {
        0 => "free (profile [turns] enabled = false): routes search the junctions".to_string(),
        n => format!(
            "{n} priced, {} traffic signals, {} turns forbidden by restrictions (profile \
             [turns]): routes search the turns",
            info.traffic_signals, info.forbidden_turns
        ),
    };
    let _ = writeln!(out, "  turns       {turns}");
    let largest = info.component_sizes.first().copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "  components  {} strongly connected; kept the largest ({largest} vertices), dropped {} vertices and {} edges",
        info.component_sizes.len(),
        info.dropped_vertices,
        info.dropped_edges
    );
    if let Some((south_west, north_east)) = info.bbox {
        let _ = writeln!(
            out,
            "  bbox        {:.5},{:.5} .. {:.5},{:.5}",
            south_west.lat, south_west.lon, north_east.lat, north_east.lon
        );
    }
    let _ = writeln!(out, "  km of usable road per class (each road once):");
    let mut classes: Vec<_> = info.km_by_class.iter().collect();
    classes.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    for (class, km) in classes {
        let _ = writeln!(out, "    {class:<16} {km:>9.1}");
    }
    let _ = writeln!(
        out,
        "  loaded in   {:.3} s (read {:.3} s, build {:.3} s)",
        info.read_seconds + info.build_seconds,
        info.read_seconds,
        info.build_seconds
    );
    out
}

fn route(
    map: &Path,
    from: LatLon,
    to: LatLon,
    gpx: Option<&Path>,
    profile: Option<&Path>,
) -> anyhow::Result<()> {
    let road_map = load(map, profile)?;
    let start = road_map.snap_named("start (--from)", from, DEFAULT_SNAP_LIMIT_M)?;
    let end = road_map.snap_named("destination (--to)", to, DEFAULT_SNAP_LIMIT_M)?;
    let Some(found) = path(&road_map, &start, &end) else {
        bail!(
            "no road route from {from_text} to {to_text}",
            from_text = show(from),
            to_text = show(to)
        );
    };
    println!(
        "{:.1} min, {:.2} km (snapped {:.0} m from the start, {:.0} m from the destination)",
        found.seconds / 60.0,
        found.metres / 1000.0,
        start.distance_m,
        end.distance_m
    );
    if let Some(gpx_path) = gpx {
        let name = format!("jempol route {} -> {}", show(from), show(to));
        let document = Gpx {
            name: name.clone(),
            description: format!(
                "{:.1} min, {:.2} km on {}",
                found.seconds / 60.0,
                found.metres / 1000.0,
                map.display()
            ),
            time: None,
            waypoints: vec![
                GpxWaypoint {
                    at: from,
                    name: "from".into(),
                    description: String::new(),
                    time: None,
                },
                GpxWaypoint {
                    at: to,
                    name: "to".into(),
                    description: String::new(),
                    time: None,
                },
            ],
            tracks: vec![GpxTrack {
                name,
                points: found.geometry,
            }],
        };
        write_gpx(gpx_path, &document)?;
        println!("GPX written to {}", gpx_path.display());
    }
    Ok(())
}

fn show(p: LatLon) -> String {
    format!("{:.6},{:.6}", p.lat, p.lon)
}

fn travel_matrix(
    map: &Path,
    points_csv: &Path,
    out: Option<&Path>,
    profile: Option<&Path>,
    timings: bool,
    method: MatrixMethod,
) -> anyhow::Result<()> {
    let points = read_points_csv(points_csv)?;
    let road_map = load(map, profile)?;
    let start = Instant::now();
    let snapped = points
        .iter()
        .map(|(name, p)| road_map.snap_named(name, *p, DEFAULT_SNAP_LIMIT_M))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let snap_seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let method = match method {
        MatrixMethod::Auto => method_for(&road_map, snapped.len()),
        MatrixMethod::Dijkstra => Method::Dijkstra,
        MatrixMethod::Hierarchy => Method::Hierarchy,
    };
    let result = {
        let _progress = Progress::start(format!("{0}x{0} matrix", points.len()));
        matrix_with(&road_map, &snapped, method)
    };
    if timings {
        let info = &road_map.info;
        eprintln!(
            "timings: read {:.3} s, build {:.3} s, snap {:.3} s, matrix {:.3} s ({})",
            info.read_seconds,
            info.build_seconds,
            snap_seconds,
            start.elapsed().as_secs_f64(),
            match method {
                Method::Dijkstra => "dijkstra",
                Method::Hierarchy => "hierarchy",
            }
        );
    }
    let names: Vec<&str> = points.iter().map(|(name, _)| name.as_str()).collect();
    let minutes_csv = || matrix_csv(&names, &result.seconds, 1.0 / 60.0);
    match out {
        None => print!("{}", minutes_csv()),
        Some(out) => {
            let km_path = sibling_with_suffix(out, "-km");
            let (minutes, km) =
                rayon::join(minutes_csv, || matrix_csv(&names, &result.metres, 1e-3));
            write_atomically(out, minutes.as_bytes())?;
            write_atomically(&km_path, km.as_bytes())?;
            println!(
                "{0}x{0} minutes written to {1}, km to {2}",
                names.len(),
                out.display(),
                km_path.display()
            );
        }
    }
    Ok(())
}

/// `a/b.csv` -> `a/b-km.csv`.
fn sibling_with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("matrix");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("csv");
    path.with_file_name(format!("{stem}{suffix}.{ext}"))
}

/// A square matrix as CSV with names as the header row and first column; unreachable is empty.
/// The rows are formatted in parallel: at 300 x 300 on a 100k-junction map, formatting the
/// numbers takes longer than snapping and querying together.
fn matrix_csv(names: &[&str], values: &[f64], scale: f64) -> String {
    let line = |record: &[String]| {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(record).expect("writing to memory");
        String::from_utf8(writer.into_inner().expect("writing to memory"))
            .expect("CSV of UTF-8 text")
    };
    let header: Vec<String> = std::iter::once("")
        .chain(names.iter().copied())
        .map(|name| csv_cell(name).into_owned())
        .collect();
    let rows: Vec<String> = names
        .par_iter()
        .enumerate()
        .map(|(row, name)| {
            let cells = values[row * names.len()..(row + 1) * names.len()]
                .iter()
                .map(|value| {
                    if value.is_finite() {
                        format!("{:.2}", value * scale)
                    } else {
                        String::new()
                    }
                });
            let record: Vec<String> = std::iter::once(csv_cell(name).into_owned())
                .chain(cells)
                .collect();
            line(&record)
        })
        .collect();
    std::iter::once(line(&header)).chain(rows).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_names_cannot_run_as_spreadsheet_formulas() {
        let csv = matrix_csv(
            &["=HYPERLINK(\"x\")", "-2+3"],
            &[0.0, 60.0, -60.0, 0.0],
            1.0 / 60.0,
        );
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], ",\"'=HYPERLINK(\"\"x\"\")\",'-2+3");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",0.00,1.00");
        // Numbers stay numbers, negative ones too.
        assert_eq!(lines[2], "'-2+3,-1.00,0.00");
    }

    #[test]
    fn matrix_rows_keep_their_order_and_unreachable_cells_stay_empty() {
        let names: Vec<String> = (0..40).map(|i| format!("p{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut values: Vec<f64> = (0..40 * 40).map(|i| i as f64).collect();
        values[3 * 40 + 5] = f64::INFINITY;
        let csv = matrix_csv(&names, &values, 0.5);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 41);
        for (row, line) in lines[1..].iter().enumerate() {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells[0], format!("p{row}"));
            let expected = if row == 3 {
                String::new()
            } else {
                format!("{:.2}", (row * 40 + 5) as f64 * 0.5)
            };
            assert_eq!(cells[6], expected, "row {row}");
        }
    }
}
