//! Generated stand-in road networks. No OpenStreetMap extract of Magetan is available offline,
//! so `jempol map synth` generates a plausible network from real data about the regency (desa
//! centroids and polygons, kecamatan elevation and BPS road distances), calibrated so that
//! routes from Magetan town to each kecamatan seat are as long as BPS says. Every way carries
//! [`NOTE`], so plans made on it can say they use a stand-in.

mod calibrate;
mod corridors;
mod geometry;
mod inputs;
mod network;
mod plan;
mod villages;

use std::path::Path;

use anyhow::Context;

pub use calibrate::Measured;
pub use inputs::{Desa, Inputs, Kecamatan, default_data_dir};
pub use network::Network;

use crate::map::LatLon;
use crate::map::osm::OsmData;

/// The `note` tag on every generated way and village node.
pub const NOTE: &str = "jempol stand-in, generated, not surveyed";
/// The `source` tag on every generated way and village node.
pub const SOURCE: &str = "jempol map synth";
/// The seed of the committed stand-in map.
pub const DEFAULT_SEED: u64 = 1;

/// Whether these tags mark a generated stand-in.
pub fn is_standin_tags(tags: &[(String, String)]) -> bool {
    tags.iter().any(|(k, v)| k == "note" && v == NOTE)
}

/// Whether a loaded map is (or contains) a generated stand-in.
pub fn is_standin(data: &OsmData) -> bool {
    data.ways.iter().any(|w| is_standin_tags(&w.tags))
}

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
    let sites = villages::sites(inputs, &proj);
    let regency: Vec<geometry::Xy> = inputs.regency.iter().map(|&p| proj.to_xy(p)).collect();
    let links = villages::village_links(&sites, &regency, seed);
    let mut plan = plan::Plan { sites, links };
    let corridors = corridors::lay(&mut plan, inputs).context("laying out the main roads")?;
    let calibration = calibrate::calibrate(&mut plan, &corridors);
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

/// Reads the inputs from `data_dir` and generates the stand-in.
pub fn generate_magetan_from(data_dir: &Path, seed: u64) -> anyhow::Result<Standin> {
    let inputs = Inputs::read(data_dir)
        .with_context(|| format!("reading the Magetan data in {}", data_dir.display()))?;
    generate_magetan(&inputs, seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explore() {
        let s = generate_magetan_from(&default_data_dir(), DEFAULT_SEED).unwrap();
        for m in &s.calibration {
            println!(
                "{:13} {:15} straight {:6.0} bps {:?} route {:6.0} err {:?} min {:.1}",
                m.kecamatan,
                m.desa,
                m.straight_m,
                m.bps_m,
                m.route_m,
                m.error().map(|e| (e * 100.0).round()),
                m.route_s / 60.0
            );
        }
        println!(
            "nodes {} ways {} junctions {} crossings {}",
            s.network.nodes.len(),
            s.network.ways.len(),
            s.network.junction_count(),
            network::crossings(&s.network)
        );
    }
}
