//! Calibration: make the fastest route from Magetan town to each kecamatan seat as long as the
//! BPS road distance, by letting main roads wind (a meander on their links).
//!
//! By construction first: destinations in order of BPS distance each stretch the main-road
//! links they are first to use, so that the path length meets the BPS figure. Then a few rounds
//! of measuring the fastest route (which may leave the main road) and correcting. Routes are
//! found on the plan itself (sites and links), which has exactly the junctions and lengths of
//! the written map; the tests check the figures again on the map as the project loads it.

use super::corridors::Corridors;
use super::geometry::{meander_for_stretch, polyline_length, road_polyline};
use super::plan::{Plan, travel_speed_kmh};

/// A road may become at most this much longer than without meander.
const MAX_STRETCH: f64 = 2.0;
/// Correction rounds after construction.
const ROUNDS: usize = 10;

/// The measured route to one destination.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    pub kecamatan: String,
    pub desa: String,
    /// Straight-line distance from the capital's seat (m).
    pub straight_m: f64,
    /// BPS road distance (m), for kecamatan seats.
    pub bps_m: Option<f64>,
    /// Length of the fastest route (m).
    pub route_m: f64,
    pub route_s: f64,
}

impl Measured {
    /// Relative error of the route length against BPS (`None` without a BPS figure).
    pub fn error(&self) -> Option<f64> {
        self.bps_m.map(|b| (self.route_m - b) / b)
    }
}

/// Sets the meander of main-road links.
pub fn calibrate(plan: &mut Plan, corridors: &Corridors) {
    let flat: Vec<f64> = (0..plan.links.len())
        .map(|l| flat_length(plan, l))
        .collect();
    let mut order: Vec<usize> = (0..corridors.destinations.len())
        .filter(|&i| corridors.destinations[i].bps_m.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let bps = |i: usize| corridors.destinations[i].bps_m.unwrap_or(0.0);
        bps(a).total_cmp(&bps(b)).then(a.cmp(&b))
    });
    // Each main-road link is owned by the nearest destination whose path uses it.
    let mut owner: Vec<Option<usize>> = vec![None; plan.links.len()];
    for &i in &order {
        for &l in &corridors.paths[i] {
            owner[l].get_or_insert(i);
        }
    }
    let mut stretch = vec![1.0; plan.links.len()];
    let mut length = flat.clone();

    // Construction: each destination stretches the links it owns to meet its BPS distance.
    for &i in &order {
        let target = corridors.destinations[i].bps_m.unwrap_or(0.0);
        let path = &corridors.paths[i];
        let fixed: f64 = path
            .iter()
            .filter(|&&l| owner[l] != Some(i))
            .map(|&l| length[l])
            .sum();
        let own: f64 = path
            .iter()
            .filter(|&&l| owner[l] == Some(i))
            .map(|&l| flat[l])
            .sum();
        if own > 0.0 {
            let s = ((target - fixed) / own).clamp(1.0, MAX_STRETCH);
            for &l in path.iter().filter(|&&l| owner[l] == Some(i)) {
                stretch[l] = s;
                length[l] = apply(plan, l, s);
            }
        }
    }
    // Correction: the fastest route is what a van drives; it may take a village shortcut, and
    // meanders saturate. Each destination, nearest first, rescales the links of its measured
    // route that no nearer destination's route uses, by the remaining error.
    for _ in 0..ROUNDS {
        let (measured, routes) = measure_lengths(plan, corridors, &length);
        let mut taken = vec![false; plan.links.len()];
        for &i in &order {
            let target = corridors.destinations[i].bps_m.unwrap_or(0.0);
            let gap = target - measured[i].route_m;
            let own: Vec<usize> = routes[i].iter().copied().filter(|&l| !taken[l]).collect();
            for &l in &routes[i] {
                taken[l] = true;
            }
            let own_length: f64 = own.iter().map(|&l| length[l]).sum();
            if own_length <= 0.0 || (gap / target).abs() < 0.01 {
                continue;
            }
            let factor = (own_length + gap) / own_length;
            for &l in &own {
                stretch[l] = (stretch[l] * factor).clamp(1.0, MAX_STRETCH);
                length[l] = apply(plan, l, stretch[l]);
            }
        }
        // Meanders that would cross a road are damped; the next round makes up for them
        // elsewhere, and the last measurement is of the untangled roads.
        plan.untangle();
        for l in 0..plan.links.len() {
            length[l] = polyline_length(&plan.polyline(l));
            stretch[l] = length[l] / flat_length(plan, l);
        }
    }
}

/// Length of link `l` without its meander.
fn flat_length(plan: &Plan, l: usize) -> f64 {
    let link = &plan.links[l];
    let curve = super::geometry::Curve {
        meander: 0.0,
        ..link.curve
    };
    polyline_length(&road_polyline(
        plan.sites[link.a].pos,
        plan.sites[link.b].pos,
        curve,
    ))
}

/// Gives link `l` the meander for `stretch`; returns its new length.
fn apply(plan: &mut Plan, l: usize, stretch: f64) -> f64 {
    let (a, b) = (
        plan.sites[plan.links[l].a].pos,
        plan.sites[plan.links[l].b].pos,
    );
    let curve = plan.links[l].curve;
    plan.links[l].curve.meander = meander_for_stretch(a, b, curve, stretch);
    polyline_length(&road_polyline(a, b, plan.links[l].curve))
}

/// Fastest routes (van speeds from the posted limits) from the capital to each destination,
/// and the links each route takes.
pub fn measure(plan: &Plan, corridors: &Corridors) -> (Vec<Measured>, Vec<Vec<usize>>) {
    let length: Vec<f64> = (0..plan.links.len())
        .map(|l| polyline_length(&plan.polyline(l)))
        .collect();
    measure_lengths(plan, corridors, &length)
}

fn measure_lengths(
    plan: &Plan,
    corridors: &Corridors,
    length: &[f64],
) -> (Vec<Measured>, Vec<Vec<usize>>) {
    let seconds = |l: usize| {
        let link = &plan.links[l];
        length[l] / (travel_speed_kmh(link.class, link.terrain) / 3.6)
    };
    let (time, via) = plan.shortest_paths(corridors.origin, seconds);
    let origin = plan.sites[corridors.origin].pos;
    let routes: Vec<Vec<usize>> = corridors
        .destinations
        .iter()
        .map(|d| plan.path_to(&via, d.site))
        .collect();
    let measured = corridors
        .destinations
        .iter()
        .zip(&routes)
        .map(|(d, route)| Measured {
            kecamatan: d.kecamatan.clone(),
            desa: d.desa.clone(),
            straight_m: origin.dist(plan.sites[d.site].pos),
            bps_m: d.bps_m,
            route_m: route.iter().map(|&l| length[l]).sum(),
            route_s: time[d.site],
        })
        .collect();
    (measured, routes)
}
