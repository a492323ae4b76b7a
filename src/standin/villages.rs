//! Village roads: desa centres joined to their neighbours, and residential loops inside desa.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use super::geometry::{Curve, Projection, Xy, gabriel_graph, in_ring, ring_area, road_polyline};
use super::plan::{Class, Link, Plan, Site, SiteKind, Terrain};
use crate::magetan::Inputs;

/// Gentle bends of village roads, as a fraction of their length.
const VILLAGE_BEND: f64 = 0.06;

/// One site per desa at its centroid (site i is desa i), then its hamlets.
pub fn sites(inputs: &Inputs, proj: &Projection, seed: u64) -> Vec<Site> {
    let centres: Vec<Site> = inputs
        .desa
        .iter()
        .map(|d| {
            let elevation = inputs
                .kecamatan(&d.kecamatan)
                .map_or(0.0, |k| k.elevation_m);
            Site {
                pos: proj.to_xy(d.centroid),
                name: d.name.clone(),
                kind: SiteKind::Centre,
                is_kelurahan: d.is_kelurahan,
                area_m2: d
                    .rings
                    .iter()
                    .map(|r| ring_area(&r.iter().map(|&p| proj.to_xy(p)).collect::<Vec<_>>()))
                    .sum(),
                terrain: Terrain::from_elevation(elevation),
            }
        })
        .collect();
    let mut all = centres.clone();
    for (i, d) in inputs.desa.iter().enumerate() {
        let rings: Vec<Vec<Xy>> = d
            .rings
            .iter()
            .map(|r| r.iter().map(|&p| proj.to_xy(p)).collect())
            .collect();
        for pos in hamlets(&centres[i], &rings, link_seed(seed, i, usize::MAX)) {
            all.push(Site {
                pos,
                kind: SiteKind::Hamlet,
                ..centres[i].clone()
            });
        }
    }
    all
}

/// Land per hamlet (m²): Javanese desa have a few dusun each, about one per 0.8 km².
const HAMLET_AREA_M2: f64 = 800_000.0;
const MAX_HAMLETS: usize = 5;

/// Hamlet positions inside the desa polygon, spread out (rejection sampling with a minimum
/// spacing), deterministic from the seed.
fn hamlets(centre: &Site, rings: &[Vec<Xy>], seed: u64) -> Vec<Xy> {
    let wanted = ((centre.area_m2 / HAMLET_AREA_M2).round() as usize)
        .saturating_sub(1)
        .min(MAX_HAMLETS);
    let spacing = 0.5 * (centre.area_m2 / (wanted + 1) as f64).sqrt();
    let (mut lo, mut hi) = (centre.pos, centre.pos);
    for p in rings.iter().flatten() {
        lo = Xy {
            x: lo.x.min(p.x),
            y: lo.y.min(p.y),
        };
        hi = Xy {
            x: hi.x.max(p.x),
            y: hi.y.max(p.y),
        };
    }
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut placed = vec![centre.pos];
    for _ in 0..wanted * 50 {
        if placed.len() > wanted || hi.x <= lo.x || hi.y <= lo.y {
            break;
        }
        let p = Xy {
            x: rng.random_range(lo.x..hi.x),
            y: rng.random_range(lo.y..hi.y),
        };
        if rings.iter().any(|r| in_ring(p, r)) && placed.iter().all(|q| q.dist(p) >= spacing) {
            placed.push(p);
        }
    }
    placed.split_off(1)
}

/// Village roads between neighbouring desa: the Gabriel graph of the centroids. It is planar,
/// connected (it contains the minimum spanning tree) and has about four roads per village, like
/// the village mesh of lowland Java; Delaunay would add long roads along the hull, and the
/// relative-neighbourhood graph alone leaves many dead ends. Relative-neighbourhood edges form
/// the tertiary backbone; the rest are unclassified, and are dropped where they would run
/// outside the regency (the backbone stays, so the network stays connected).
pub fn village_links(sites: &[Site], regency: &[Xy], seed: u64) -> Vec<Link> {
    let points: Vec<Xy> = sites.iter().map(|s| s.pos).collect();
    gabriel_graph(&points)
        .into_iter()
        .filter(|e| {
            let (a, b) = (points[e.a], points[e.b]);
            let mid = Xy {
                x: (a.x + b.x) / 2.0,
                y: (a.y + b.y) / 2.0,
            };
            e.in_rng || in_ring(mid, regency)
        })
        .map(|e| {
            let (sa, sb) = (&sites[e.a], &sites[e.b]);
            let terrain = if sa.is_kelurahan && sb.is_kelurahan {
                Terrain::Town
            } else {
                sa.terrain.max(sb.terrain)
            };
            Link {
                a: e.a,
                b: e.b,
                class: if e.in_rng {
                    Class::Tertiary
                } else {
                    Class::Unclassified
                },
                terrain,
                name: e.in_rng.then(|| format!("Jalan {} - {}", sa.name, sb.name)),
                curve: Curve {
                    seed: link_seed(seed, e.a, e.b),
                    bend: VILLAGE_BEND,
                    meander: 0.0,
                },
            }
        })
        .collect()
}

/// A per-road seed, so one road's shape does not depend on any other road.
pub fn link_seed(seed: u64, a: usize, b: usize) -> u64 {
    // SplitMix64 finaliser over the inputs.
    let mut z = seed ^ ((a as u64) << 32 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Angle (rad) kept free on each side of a road leaving the centre.
const LOOP_CLEARANCE: f64 = 0.5;

/// Residential loops of one site: closed lanes that leave the village centre and come back,
/// placed in the widest gaps between the roads that meet there (so they cross none). Urban
/// kelurahan centres get up to three, desa centres two, hamlets one; larger desa get larger
/// loops.
pub fn residential_loops(plan: &Plan, incidence: &[usize], site: usize, seed: u64) -> Vec<Vec<Xy>> {
    let s = &plan.sites[site];
    let mut angles: Vec<f64> = incidence
        .iter()
        .map(|&l| {
            let o = plan.sites[plan.links[l].other(site)].pos;
            (o.y - s.pos.y).atan2(o.x - s.pos.x)
        })
        .collect();
    angles.sort_by(f64::total_cmp);
    let shortest = incidence
        .iter()
        .map(|&l| s.pos.dist(plan.sites[plan.links[l].other(site)].pos))
        .fold(f64::INFINITY, f64::min);
    // (gap width, bisector) between consecutive roads, widest first.
    let mut gaps: Vec<(f64, f64)> = (0..angles.len())
        .map(|i| {
            let from = angles[i];
            let to = if i + 1 < angles.len() {
                angles[i + 1]
            } else {
                angles[0] + std::f64::consts::TAU
            };
            (to - from, from + (to - from) / 2.0)
        })
        .collect();
    gaps.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.total_cmp(&y.1)));
    let wanted = match (s.kind, s.is_kelurahan) {
        (SiteKind::Junction, _) => 0,
        (SiteKind::Hamlet, _) => 1,
        (SiteKind::Centre, false) => 2,
        (SiteKind::Centre, true) => 3,
    };
    let radius = (0.12 * s.area_m2.sqrt())
        .clamp(120.0, 400.0)
        .min(0.3 * shortest);
    gaps.iter()
        .filter(|(width, _)| *width > 2.0 * LOOP_CLEARANCE + 0.3)
        .take(wanted)
        .enumerate()
        .map(|(k, &(width, bisector))| {
            let half = ((width / 2.0) - LOOP_CLEARANCE).min(0.7);
            let corner = |angle: f64, r: f64| Xy {
                x: s.pos.x + r * angle.cos(),
                y: s.pos.y + r * angle.sin(),
            };
            let corners = [
                s.pos,
                corner(bisector - half, 0.7 * radius),
                corner(bisector - half / 3.0, radius),
                corner(bisector + half / 3.0, radius),
                corner(bisector + half, 0.7 * radius),
                s.pos,
            ];
            let mut ring = vec![s.pos];
            for (i, w) in corners.windows(2).enumerate() {
                let curve = Curve {
                    seed: link_seed(seed, site, 1000 * (k + 1) + i),
                    bend: 0.04,
                    meander: 0.0,
                };
                ring.extend(road_polyline(w[0], w[1], curve).into_iter().skip(1));
            }
            ring
        })
        .collect()
}
