//! Main roads: from Magetan town out to every kecamatan seat (and up to Sarangan), along the
//! village mesh, the way Javanese main roads run from village centre to village centre.

use anyhow::Context;

use std::collections::{BTreeMap, BTreeSet};

use super::geometry::{Curve, Xy, segments_cross};
use super::plan::{Class, Link, Plan, Site, SiteKind};
use super::villages::link_seed;
use crate::magetan::Inputs;

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
    // Where the path through the mesh is already longer than BPS, winding cannot help: those
    // main roads are laid straight through the mesh instead.
    let too_long: Vec<bool> = destinations
        .iter()
        .zip(&mesh_paths)
        .map(|(d, path)| {
            let length: f64 = path.iter().map(|&l| chord(plan, l)).sum();
            d.bps_m.is_some_and(|bps| length > STRAIGHTEN_ABOVE * bps)
        })
        .collect();
    let paths = straighten(plan, origin, &destinations, &mesh_paths, &too_long, seed);

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

/// Share of the BPS distance above which a path through the mesh is too long to calibrate by
/// winding (the bends of the roads add a few per cent).
const STRAIGHTEN_ABOVE: f64 = 0.95;

/// Main roads can run straighter than paths through the village mesh. Along each stretch of
/// the main-road tree between places that matter (the capital, destinations, forks) on the
/// way to a destination marked in `straight`, the main road is a straight road from one to
/// the other; where it crosses a village road (or an earlier
/// main road) both are cut there and meet at a new junction. Villages beside it keep their own
/// roads. Returns the destinations' paths over the new links.
fn straighten(
    plan: &mut Plan,
    origin: usize,
    destinations: &[Destination],
    paths: &[Vec<usize>],
    straight: &[bool],
    seed: u64,
) -> Vec<Vec<usize>> {
    let site_paths: Vec<Vec<usize>> = paths
        .iter()
        .map(|path| {
            let mut sites = vec![origin];
            for &l in path {
                let last = *sites.last().unwrap_or(&origin);
                sites.push(plan.links[l].other(last));
            }
            sites
        })
        .collect();
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
    // Each path as a list of stretches between key sites; each stretch laid once. A stretch
    // not laid straight keeps its path through the mesh.
    let mut stretches: Vec<Vec<usize>> = Vec::new();
    let mut lay: Vec<bool> = Vec::new();
    let mut stretch_of: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut path_stretches = Vec::new();
    for (sites, &straight) in site_paths.iter().zip(straight) {
        let mut list = Vec::new();
        let mut start = 0;
        for end in 1..sites.len() {
            if key(sites[end]) {
                let id = *stretch_of
                    .entry((sites[start], sites[end]))
                    .or_insert_with(|| {
                        stretches.push(sites[start..=end].to_vec());
                        lay.push(false);
                        stretches.len() - 1
                    });
                lay[id] |= straight;
                list.push(id);
                start = end;
            }
        }
        path_stretches.push(list);
    }
    for i in 0..stretches.len() {
        if lay[i] {
            let (a, b) = (
                stretches[i][0],
                *stretches[i].last().unwrap_or(&stretches[i][0]),
            );
            lay_straight(plan, &mut stretches, i, a, b, seed);
        }
    }
    let mut link_of: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (l, link) in plan.links.iter().enumerate() {
        link_of.insert((link.a.min(link.b), link.a.max(link.b)), l);
    }
    path_stretches
        .iter()
        .map(|list| {
            list.iter()
                .flat_map(|&i| {
                    stretches[i]
                        .windows(2)
                        .map(|w| link_of[&(w[0].min(w[1]), w[0].max(w[1]))])
                })
                .collect()
        })
        .collect()
}

/// Lays stretch `i` as a straight road from site `a` to site `b`, cutting every link it
/// crosses at a new junction (and inserting that junction into any stretch already laid
/// along the cut link).
fn lay_straight(
    plan: &mut Plan,
    stretches: &mut [Vec<usize>],
    i: usize,
    a: usize,
    b: usize,
    seed: u64,
) {
    let (pa, pb) = (plan.sites[a].pos, plan.sites[b].pos);
    let mut cuts: Vec<(f64, usize, Xy)> = Vec::new();
    for (l, link) in plan.links.iter().enumerate() {
        let (q1, q2) = (plan.sites[link.a].pos, plan.sites[link.b].pos);
        if let Some((t, x)) = crossing(pa, pb, q1, q2) {
            cuts.push((t, l, x));
        }
    }
    cuts.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    let mut along = vec![a];
    for (_, l, x) in cuts {
        let cut = plan.links[l].clone();
        let near = if plan.sites[cut.a].pos.dist(x) <= plan.sites[cut.b].pos.dist(x) {
            cut.a
        } else {
            cut.b
        };
        let junction = plan.sites.len();
        plan.sites.push(Site {
            pos: x,
            kind: SiteKind::Junction,
            terrain: plan.sites[cut.a].terrain.max(plan.sites[cut.b].terrain),
            ..plan.sites[near].clone()
        });
        plan.links[l].b = junction;
        plan.links[l].curve.seed = link_seed(seed, cut.a, junction);
        plan.links.push(Link {
            a: junction,
            curve: Curve {
                seed: link_seed(seed, junction, cut.b),
                ..cut.curve
            },
            ..cut.clone()
        });
        for stretch in stretches.iter_mut() {
            if let Some(k) = stretch
                .windows(2)
                .position(|w| (w[0], w[1]) == (cut.a, cut.b) || (w[0], w[1]) == (cut.b, cut.a))
            {
                stretch.insert(k + 1, junction);
            }
        }
        along.push(junction);
    }
    along.push(b);
    for w in along.windows(2) {
        let exists = plan
            .links
            .iter()
            .any(|l| (l.a, l.b) == (w[0], w[1]) || (l.a, l.b) == (w[1], w[0]));
        if exists {
            continue; // a village road already runs there: it becomes the main road
        }
        let terrain = plan.sites[w[0]].terrain.max(plan.sites[w[1]].terrain);
        plan.links.push(Link {
            a: w[0],
            b: w[1],
            class: Class::Secondary,
            terrain,
            name: None,
            curve: Curve {
                seed: link_seed(seed, w[0], w[1]),
                bend: MAIN_ROAD_BEND,
                meander: 0.0,
            },
        });
    }
    stretches[i] = along;
}

/// Where segment p1–p2 properly crosses q1–q2: the fraction along p1–p2, and the point.
fn crossing(p1: Xy, p2: Xy, q1: Xy, q2: Xy) -> Option<(f64, Xy)> {
    if !segments_cross(p1, p2, q1, q2) {
        return None;
    }
    let (rx, ry) = (p2.x - p1.x, p2.y - p1.y);
    let (sx, sy) = (q2.x - q1.x, q2.y - q1.y);
    let t = ((q1.x - p1.x) * sy - (q1.y - p1.y) * sx) / (rx * sy - ry * sx);
    Some((
        t,
        Xy {
            x: p1.x + t * rx,
            y: p1.y + t * ry,
        },
    ))
}
