//! Generated stand-in road networks. No OpenStreetMap extract of Magetan is available offline,
//! so `jempol map synth` generates a plausible network from real data about the regency (desa
//! centroids and polygons, kecamatan elevation and BPS road distances), calibrated so that
//! routes from Magetan town to each kecamatan seat are as long as BPS says. Every way carries
//! [`STANDIN_NOTE`](crate::map::osm::STANDIN_NOTE), which map reading recognises
//! ([`is_standin`](crate::map::osm::is_standin)), so plans made on it can say they use a
//! stand-in.

mod calibrate;
mod check;
mod corridors;
mod geometry;

mod network;
mod plan;
mod tiling;
mod villages;

use anyhow::Context;

pub use crate::magetan::{Desa, Inputs, Kecamatan, Source};
pub use calibrate::Measured;
pub use check::measure_on_map;
pub use network::{Network, crossings};
pub use tiling::{
    TileWays, TiledSummary, joined_ways, write_tiled, write_tiled_extract, write_tiled_ways,
};

use crate::map::LatLon;

/// The `source` tag on every generated way and village node.
pub const SOURCE: &str = "jempol map synth";
/// The seed of the committed stand-in map.
pub const DEFAULT_SEED: u64 = 1;
/// Tiled networks keep every third shape node of the stand-in: about 8 nodes per junction,
/// nearer OpenStreetMap's density than the finely sampled stand-in (about 24).
pub const TILE_NODE_THINNING: usize = 3;

/// The stand-in for Magetan, with its calibration.
#[derive(Clone, Debug)]
pub struct Standin {
    pub network: Network,
    /// Fastest routes from Magetan town to each kecamatan seat (and Sarangan), measured on the
    /// generated plan.
    pub calibration: Vec<Measured>,
    /// The capital's seat (Magetan town), where the routes start.
    pub origin: LatLon,
    /// Where each route ends, in the order of `calibration`.
    pub destinations: Vec<LatLon>,
}

/// Generates the Magetan stand-in from the data in `inputs`. Same inputs and seed, same result.
pub fn generate_magetan(inputs: &Inputs, seed: u64) -> anyhow::Result<Standin> {
    let capital = corridors::seat(inputs, corridors::CAPITAL_KECAMATAN)?;
    let proj = geometry::Projection::new(inputs.desa[capital].centroid);
    let sites = villages::sites(inputs, &proj, seed);
    let regency: Vec<geometry::Xy> = inputs.regency.iter().map(|&p| proj.to_xy(p)).collect();
    let links = villages::village_links(&sites, &regency, seed);
    let mut plan = plan::Plan { sites, links };
    let corridors = corridors::lay(&mut plan, inputs, seed).context("laying out the main roads")?;
    plan.untangle();
    calibrate::calibrate(&mut plan, &corridors);
    let calibration = calibrate::measure(&plan, &corridors).0;
    let network = network::materialize(&plan, &proj, capital, seed);
    Ok(Standin {
        network,
        calibration,
        origin: inputs.desa[capital].centroid,
        destinations: corridors
            .destinations
            .iter()
            .map(|d| inputs.desa[d.site].centroid)
            .collect(),
    })
}

/// Reads the Magetan data and generates the stand-in.
pub fn generate_magetan_from(data: &Source, seed: u64) -> anyhow::Result<Standin> {
    let inputs = Inputs::read(data).context("reading the Magetan data")?;
    generate_magetan(&inputs, seed)
}

/// The calibration as a Markdown table, one row per destination, with the median and the
/// largest absolute error over the kecamatan seats.
pub fn calibration_table(rows: &[Measured]) -> String {
    let mut out = String::from(
        "| kecamatan | seat (desa) | straight km | BPS road km | network km | error | drive min |\n\
         |---|---|---:|---:|---:|---:|---:|\n",
    );
    for m in rows {
        let bps = m
            .bps_m
            .map_or("-".to_string(), |b| format!("{:.0}", b / 1000.0));
        let err = m
            .error()
            .map_or("-".to_string(), |e| format!("{:+.1}%", e * 100.0));
        out += &format!(
            "| {} | {} | {:.1} | {} | {:.1} | {} | {:.0} |\n",
            m.kecamatan,
            m.desa,
            m.straight_m / 1000.0,
            bps,
            m.route_m / 1000.0,
            err,
            m.route_s / 60.0
        );
    }
    let (median, worst) = error_summary(rows);
    out += &format!(
        "\nMedian absolute error {:.1}%, largest {:.1}% (bounds: 10% and 25%).\n",
        median * 100.0,
        worst * 100.0
    );
    out
}

/// The network's size as a Markdown table: ways and km per highway class.
pub fn network_table(network: &Network) -> String {
    let mut out = String::from("| highway | ways | km |\n|---|---:|---:|\n");
    let mut total = (0, 0.0);
    for (class, (ways, km)) in network.km_by_class() {
        out += &format!("| {class} | {ways} | {km:.0} |\n");
        total = (total.0 + ways, total.1 + km);
    }
    out += &format!("| all | {} | {:.0} |\n", total.0, total.1);
    out += &format!(
        "\n{} nodes, {} of them junctions or road ends (graph vertices).\n",
        network.nodes.len(),
        network.junction_count()
    );
    out
}

/// Median and largest absolute relative error over the rows that have a BPS distance.
pub fn error_summary(rows: &[Measured]) -> (f64, f64) {
    let mut errors: Vec<f64> = rows
        .iter()
        .filter_map(|m| m.error())
        .map(f64::abs)
        .collect();
    errors.sort_by(f64::total_cmp);
    if errors.is_empty() {
        return (0.0, 0.0);
    }
    let n = errors.len();
    let median = if n % 2 == 1 {
        errors[n / 2]
    } else {
        (errors[n / 2 - 1] + errors[n / 2]) / 2.0
    };
    (median, errors[n - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::osm::{is_standin, is_standin_tags};

    fn standin() -> Standin {
        generate_magetan_from(&Source::Embedded, DEFAULT_SEED).unwrap()
    }

    #[test]
    fn generation_is_deterministic_and_the_seed_matters() {
        let (a, b) = (standin(), standin());
        assert_eq!(a.network, b.network);
        let other = generate_magetan_from(&Source::Embedded, DEFAULT_SEED + 1).unwrap();
        assert_ne!(a.network.nodes, other.network.nodes);
    }

    #[test]
    fn the_network_is_planar_whatever_the_seed() {
        for seed in 1..=4 {
            let s = generate_magetan_from(&Source::Embedded, seed).unwrap();
            assert_eq!(crossings(&s.network), 0, "seed {seed}");
        }
    }

    #[test]
    fn every_way_says_it_is_generated() {
        let s = standin();
        assert!(s.network.ways.iter().all(|w| is_standin_tags(&w.tags)));
        assert!(is_standin(&s.network.to_osm_data()));
    }

    #[test]
    fn calibration_meets_the_bounds_on_the_plan_for_eight_seeds() {
        for seed in 1..=8 {
            let rows = generate_magetan_from(&Source::Embedded, seed)
                .unwrap()
                .calibration;
            assert_eq!(rows.iter().filter(|m| m.bps_m.is_some()).count(), 17);
            let (median, worst) = error_summary(&rows);
            assert!(
                median <= 0.10 && worst <= 0.25,
                "seed {seed}\n{}",
                calibration_table(&rows)
            );
        }
    }

    #[test]
    fn only_the_town_square_is_one_way() {
        let s = standin();
        let oneway: Vec<&str> = s
            .network
            .ways
            .iter()
            .filter(|w| w.tags.iter().any(|(k, v)| k == "oneway" && v == "yes"))
            .filter_map(|w| {
                w.tags
                    .iter()
                    .find(|(k, _)| k == "name")
                    .map(|(_, v)| v.as_str())
            })
            .collect();
        assert_eq!(oneway, vec!["Jalan Alun-Alun Magetan"]);
    }

    #[test]
    fn thinning_keeps_ends_junctions_and_village_nodes() {
        let net = standin().network;
        let thin = net.thinned(3);
        assert!(thin.nodes.len() * 2 < net.nodes.len());
        assert_eq!(thin.junction_count(), net.junction_count());
        assert_eq!(thin.node_tags.len(), net.node_tags.len());
        for (a, b) in net.ways.iter().zip(&thin.ways) {
            let at = |n: &Network, id: i64| n.nodes[id as usize - 1];
            assert_eq!(at(&net, a.nodes[0]), at(&thin, b.nodes[0]));
            assert_eq!(
                at(&net, *a.nodes.last().unwrap()),
                at(&thin, *b.nodes.last().unwrap())
            );
        }
        assert_eq!(net.thinned(1), net);
    }

    #[test]
    fn error_summary_takes_the_median_of_absolute_errors() {
        let row = |bps: f64, route: f64| Measured {
            kecamatan: String::new(),
            desa: String::new(),
            straight_m: 0.0,
            bps_m: Some(bps),
            route_m: route,
            route_s: 0.0,
        };
        let rows = [row(10.0, 9.0), row(10.0, 10.5), row(10.0, 13.0)];
        let (median, worst) = error_summary(&rows);
        assert!((median - 0.1).abs() < 1e-12 && (worst - 0.3).abs() < 1e-12);
    }
}
