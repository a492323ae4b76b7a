//! Main roads: from Magetan town out to every kecamatan seat (and up to Sarangan), along the
//! village mesh, the way Javanese main roads run from village centre to village centre.

use anyhow::Context;

use super::inputs::Inputs;
use super::plan::{Class, Plan};

/// The kecamatan whose seat is the regency capital.
pub const CAPITAL_KECAMATAN: &str = "Magetan";

/// Main-road destinations that are not kecamatan seats: the lake resort up the Lawu, which the
/// main road climbs to (PROVENANCE.md: ~16-17 km from town, about 30 min by car).
const EXTRA_DESTINATIONS: [(&str, &str); 1] = [("Plaosan", "Sarangan")];

/// Gentle bends of main roads, as a fraction of their length (straighter than village roads).
const MAIN_ROAD_BEND: f64 = 0.03;

/// A main-road destination.
#[derive(Clone, Debug)]
pub struct Destination {
    pub kecamatan: String,
    /// The desa the road leads to (the kecamatan seat, or an extra destination).
    pub desa: String,
    pub site: usize,
    /// BPS road distance from the capital (m), for kecamatan seats.
    pub bps_m: Option<f64>,
}

/// The main-road tree: paths (link indices, outward) from the capital's seat.
#[derive(Clone, Debug)]
pub struct Corridors {
    pub origin: usize,
    pub destinations: Vec<Destination>,
    pub paths: Vec<Vec<usize>>,
}

/// The seat of a kecamatan: the desa of the same name (kecamatan offices sit there); else the
/// first desa whose name starts with it (Lembeyan Kulon); else the desa nearest the kecamatan
/// centroid (Barat, which has no desa of its name).
pub fn seat(inputs: &Inputs, kecamatan: &str) -> anyhow::Result<usize> {
    let members: Vec<usize> = (0..inputs.desa.len())
        .filter(|&i| inputs.desa[i].kecamatan == kecamatan)
        .collect();
    let lower = kecamatan.to_lowercase();
    let named = members
        .iter()
        .find(|&&i| inputs.desa[i].name.to_lowercase() == lower)
        .or_else(|| {
            members
                .iter()
                .find(|&&i| inputs.desa[i].name.to_lowercase().starts_with(&lower))
        });
    if let Some(&i) = named {
        return Ok(i);
    }
    let k = inputs
        .kecamatan(kecamatan)
        .with_context(|| format!("kecamatan {kecamatan:?} is not in kecamatan-stats.csv"))?;
    let d2 = |i: usize| {
        let c = inputs.desa[i].centroid;
        (c.lat - k.centroid.lat).powi(2) + (c.lon - k.centroid.lon).powi(2)
    };
    members
        .iter()
        .copied()
        .min_by(|&a, &b| d2(a).total_cmp(&d2(b)))
        .with_context(|| format!("kecamatan {kecamatan:?} has no desa in desa.csv"))
}

/// Upgrades the links on the shortest paths (by length) from the capital to every destination
/// into main roads: primary where two or more destinations share the road, secondary on the
/// last stretch to one destination. Each is named after the places it joins.
pub fn lay(plan: &mut Plan, inputs: &Inputs) -> anyhow::Result<Corridors> {
    let origin = seat(inputs, CAPITAL_KECAMATAN)?;
    let mut destinations = Vec::new();
    for k in &inputs.kecamatan {
        if k.name == CAPITAL_KECAMATAN {
            continue;
        }
        let site = seat(inputs, &k.name)?;
        destinations.push(Destination {
            kecamatan: k.name.clone(),
            desa: inputs.desa[site].name.clone(),
            site,
            bps_m: Some(k.bps_distance_km * 1000.0),
        });
    }
    for (kecamatan, desa) in EXTRA_DESTINATIONS {
        let site = (0..inputs.desa.len())
            .find(|&i| inputs.desa[i].kecamatan == kecamatan && inputs.desa[i].name == desa)
            .with_context(|| format!("desa {desa} ({kecamatan}) is not in desa.csv"))?;
        destinations.push(Destination {
            kecamatan: kecamatan.to_string(),
            desa: desa.to_string(),
            site,
            bps_m: None,
        });
    }
    let chord = |l: usize| {
        let link = &plan.links[l];
        plan.sites[link.a].pos.dist(plan.sites[link.b].pos)
    };
    let (_, via) = plan.shortest_paths(origin, chord);
    let paths: Vec<Vec<usize>> = destinations
        .iter()
        .map(|d| plan.path_to(&via, d.site))
        .collect();
    for (d, path) in destinations.iter().zip(&paths) {
        anyhow::ensure!(
            !path.is_empty(),
            "the village roads do not reach {} from {}",
            d.desa,
            inputs.desa[origin].name
        );
    }

    // Destinations in order of distance, so each road is named after the nearest place it
    // leads to, and after the last destination passed before it.
    let mut order: Vec<usize> = (0..destinations.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| paths[i].iter().map(|&l| chord(l)).sum::<f64>();
        key(a).total_cmp(&key(b)).then(a.cmp(&b))
    });
    let mut users = vec![0usize; plan.links.len()];
    let mut names: Vec<Option<String>> = vec![None; plan.links.len()];
    for &i in &order {
        let mut site = origin;
        let mut last_place = inputs.desa[origin].name.clone();
        for &l in &paths[i] {
            users[l] += 1;
            if names[l].is_none() {
                names[l] = Some(format!(
                    "Jalan Raya {last_place} - {}",
                    destinations[i].desa
                ));
            }
            site = plan.links[l].other(site);
            if let Some(d) = destinations.iter().find(|d| d.site == site) {
                last_place = d.desa.clone();
            }
        }
    }
    for (l, link) in plan.links.iter_mut().enumerate() {
        if users[l] > 0 {
            link.class = if users[l] >= 2 {
                Class::Primary
            } else {
                Class::Secondary
            };
            link.name = names[l].take();
            link.curve.bend = MAIN_ROAD_BEND;
        }
    }
    Ok(Corridors {
        origin,
        destinations,
        paths,
    })
}
