//! Main roads: from Magetan town out to every kecamatan seat (and up to Sarangan), along the
//! village mesh, the way Javanese main roads run from village centre to village centre.

use anyhow::Context;

use std::collections::{BTreeMap, BTreeSet};

use super::geometry::{Curve, SegmentIndex, Xy};
use super::inputs::Inputs;
use super::plan::{Class, Link, Plan};
use super::villages::link_seed;

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
pub fn lay(plan: &mut Plan, inputs: &Inputs, seed: u64) -> anyhow::Result<Corridors> {
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
    let chord = |plan: &Plan, l: usize| {
        let link = &plan.links[l];
        plan.sites[link.a].pos.dist(plan.sites[link.b].pos)
    };
    let (_, via) = plan.shortest_paths(origin, |l| chord(plan, l));
    let mesh_paths: Vec<Vec<usize>> = destinations
        .iter()
        .map(|d| plan.path_to(&via, d.site))
        .collect();
    for (d, path) in destinations.iter().zip(&mesh_paths) {
        anyhow::ensure!(
            !path.is_empty(),
            "the village roads do not reach {} from {}",
            d.desa,
            inputs.desa[origin].name
        );
    }
    let paths = straighten(plan, origin, &destinations, &mesh_paths, seed);

    // Destinations in order of distance, so each road is named after the nearest place it
    // leads to, and after the last destination passed before it.
    let mut order: Vec<usize> = (0..destinations.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| paths[i].iter().map(|&l| chord(plan, l)).sum::<f64>();
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

/// How close (m) a new main road may pass to a village it does not enter.
const BYPASS_CLEARANCE_M: f64 = 150.0;

/// Main roads are straighter than paths through the village mesh: along each stretch of the
/// main-road tree between places that matter (the capital, destinations, forks), a road
/// skips villages where a straight road would cross no other road and pass no village closer
/// than [`BYPASS_CLEARANCE_M`]. The skipped villages keep their own roads. Returns the paths
/// with the new links.
fn straighten(
    plan: &mut Plan,
    origin: usize,
    destinations: &[Destination],
    paths: &[Vec<usize>],
    seed: u64,
) -> Vec<Vec<usize>> {
    let sites_of = |plan: &Plan, path: &[usize]| {
        let mut sites = vec![origin];
        for &l in path {
            sites.push(plan.links[l].other(*sites.last().unwrap_or(&origin)));
        }
        sites
    };
    let site_paths: Vec<Vec<usize>> = paths.iter().map(|p| sites_of(plan, p)).collect();
    let mut next: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for sites in &site_paths {
        for w in sites.windows(2) {
            next.entry(w[0]).or_default().insert(w[1]);
        }
    }
    let key = |site: usize| {
        site == origin
            || destinations.iter().any(|d| d.site == site)
            || next.get(&site).is_some_and(|n| n.len() > 1)
    };
    let mut chords = SegmentIndex::default();
    for link in &plan.links {
        chords.insert(&[plan.sites[link.a].pos, plan.sites[link.b].pos]);
    }
    let mut done: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    let mut out = Vec::new();
    for (sites, path) in site_paths.iter().zip(paths) {
        let mut new_path = Vec::new();
        let mut start = 0;
        for end in 1..sites.len() {
            if !key(sites[end]) {
                continue;
            }
            let chain = &sites[start..=end];
            let links = match done.get(&(chain[0], sites[end])) {
                Some(links) => links.clone(),
                None => {
                    let links = straighten_chain(plan, &mut chords, chain, &path[start..end], seed);
                    done.insert((chain[0], sites[end]), links.clone());
                    links
                }
            };
            new_path.extend(links);
            start = end;
        }
        out.push(new_path);
    }
    out
}

/// Greedy: from each village, the farthest later village on the chain a bypass can reach.
fn straighten_chain(
    plan: &mut Plan,
    chords: &mut SegmentIndex,
    chain: &[usize],
    links: &[usize],
    seed: u64,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chain.len() {
        let reach = (i + 2..chain.len())
            .rev()
            .find(|&j| bypass_ok(plan, chords, chain[i], chain[j]));
        match reach {
            Some(j) => {
                let (a, b) = (chain[i], chain[j]);
                let terrain = chain[i..=j].iter().map(|&s| plan.sites[s].terrain).max();
                chords.insert(&[plan.sites[a].pos, plan.sites[b].pos]);
                plan.links.push(Link {
                    a,
                    b,
                    class: Class::Secondary,
                    terrain: terrain.unwrap_or(plan.sites[a].terrain),
                    name: None,
                    curve: Curve {
                        seed: link_seed(seed, a, b),
                        bend: MAIN_ROAD_BEND,
                        meander: 0.0,
                    },
                });
                out.push(plan.links.len() - 1);
                i = j;
            }
            None => {
                out.push(links[i]);
                i += 1;
            }
        }
    }
    out
}

fn bypass_ok(plan: &Plan, chords: &SegmentIndex, a: usize, b: usize) -> bool {
    let (pa, pb) = (plan.sites[a].pos, plan.sites[b].pos);
    !chords.crosses(&[pa, pb])
        && plan.sites.iter().enumerate().all(|(s, site)| {
            s == a || s == b || distance_to_segment(site.pos, pa, pb) >= BYPASS_CLEARANCE_M
        })
}

fn distance_to_segment(p: Xy, a: Xy, b: Xy) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.dist(Xy {
        x: a.x + t * dx,
        y: a.y + t * dy,
    })
}
