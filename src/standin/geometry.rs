//! Plane geometry for the generator: a local metric projection, the Gabriel and
//! relative-neighbourhood tests, point-in-polygon, and curved road polylines.

use geo::Haversine;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use crate::map::LatLon;

/// The sphere of geo's [`Haversine`], which map reading measures roads on, so that plane and
/// map lengths agree.
const EARTH_RADIUS_M: f64 = Haversine.radius();

/// A point in metres on a local equirectangular plane (x east, y north).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Xy {
    pub x: f64,
    pub y: f64,
}

impl Xy {
    pub fn dist(self, o: Xy) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
    fn lerp(self, o: Xy, t: f64) -> Xy {
        Xy {
            x: self.x + (o.x - self.x) * t,
            y: self.y + (o.y - self.y) * t,
        }
    }
}

/// Equirectangular projection around an origin; accurate to well under 0.1% over a regency.
#[derive(Clone, Copy, Debug)]
pub struct Projection {
    origin: LatLon,
    cos_lat: f64,
}

impl Projection {
    pub fn new(origin: LatLon) -> Projection {
        Projection {
            origin,
            cos_lat: origin.lat.to_radians().cos(),
        }
    }
    pub fn to_xy(self, p: LatLon) -> Xy {
        Xy {
            x: (p.lon - self.origin.lon).to_radians() * self.cos_lat * EARTH_RADIUS_M,
            y: (p.lat - self.origin.lat).to_radians() * EARTH_RADIUS_M,
        }
    }
    pub fn to_latlon(self, p: Xy) -> LatLon {
        LatLon {
            lat: self.origin.lat + (p.y / EARTH_RADIUS_M).to_degrees(),
            lon: self.origin.lon + (p.x / (EARTH_RADIUS_M * self.cos_lat)).to_degrees(),
        }
    }
}

/// An edge of the Gabriel graph, flagged when it is also in the relative-neighbourhood graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProximityEdge {
    pub a: usize,
    pub b: usize,
    pub in_rng: bool,
}

/// Gabriel graph of the points (no other point inside the circle on a–b as diameter), with the
/// relative-neighbourhood subset marked (no point closer to both a and b than they are to each
/// other). Both are planar and contain the minimum spanning tree, so they are connected.
/// O(n³) at worst, but a pair far apart fails on an early point: a second for a thousand.
pub fn gabriel_graph(points: &[Xy]) -> Vec<ProximityEdge> {
    let mut edges = Vec::new();
    for a in 0..points.len() {
        for b in a + 1..points.len() {
            let (pa, pb) = (points[a], points[b]);
            let d2 = sq(pa.dist(pb));
            let mid = pa.lerp(pb, 0.5);
            let others = || (0..points.len()).filter(move |&c| c != a && c != b);
            // Most pairs fail on an early point; the full lune scan runs for Gabriel edges only.
            if others().any(|c| sq(points[c].dist(mid)) < d2 / 4.0) {
                continue;
            }
            let in_rng =
                !others().any(|c| sq(points[c].dist(pa)) < d2 && sq(points[c].dist(pb)) < d2);
            edges.push(ProximityEdge { a, b, in_rng });
        }
    }
    edges
}

fn sq(v: f64) -> f64 {
    v * v
}

/// Even-odd point-in-polygon test on one ring.
pub fn in_ring(p: Xy, ring: &[Xy]) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Area of a ring in m² (shoelace).
pub fn ring_area(ring: &[Xy]) -> f64 {
    let mut s = 0.0;
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
        s += a.x * b.y - b.x * a.y;
    }
    (s / 2.0).abs()
}

/// Shape of one generated road between two fixed end points.
#[derive(Clone, Copy, Debug)]
pub struct Curve {
    /// Seeds the gentle bends, so a road keeps its shape when only `meander` changes.
    pub seed: u64,
    /// Amplitude of the gentle bends as a fraction of the road's chord.
    pub bend: f64,
    /// Amplitude (m) of the tight hairpin-like meander used to lengthen calibrated roads.
    pub meander: f64,
}

/// Distance between generated nodes along a road (m); meanders get denser sampling.
const NODE_SPACING_M: f64 = 120.0;
/// Wavelength (m) of the meander; short, like a road winding up a slope.
const MEANDER_WAVELENGTH_M: f64 = 500.0;

/// The road from `a` to `b` as a polyline, end points included. Deterministic in its inputs.
/// Offsets are perpendicular to the chord and vanish at both ends, so the road leaves each
/// junction close to the straight direction (this keeps neighbouring roads from crossing).
pub fn road_polyline(a: Xy, b: Xy, curve: Curve) -> Vec<Xy> {
    let chord = a.dist(b);
    if chord < 1.0 {
        return vec![a, b];
    }
    let mut rng = Pcg64::seed_from_u64(curve.seed);
    // Two or three low harmonics of random phase: smooth, irregular bends.
    let harmonics: Vec<(f64, f64, f64)> = (1..=3)
        .map(|k| {
            let amp = rng.random_range(-1.0..1.0) / k as f64;
            let phase = rng.random_range(0.0..std::f64::consts::TAU);
            (k as f64, amp, phase)
        })
        .collect();
    let waves = (chord / MEANDER_WAVELENGTH_M).round().max(1.0);
    let spacing = if curve.meander > 0.0 {
        (NODE_SPACING_M / 3.0).min(chord / waves / 8.0)
    } else {
        NODE_SPACING_M
    };
    let steps = ((chord / spacing).ceil() as usize).max(1);
    let (ux, uy) = ((b.x - a.x) / chord, (b.y - a.y) / chord);
    let (nx, ny) = (-uy, ux);
    (0..=steps)
        .map(|i| {
            let t = i as f64 / steps as f64;
            let envelope = (std::f64::consts::PI * t).sin();
            let bends: f64 = harmonics
                .iter()
                .map(|&(k, amp, phase)| amp * (std::f64::consts::PI * k * t + phase).sin())
                .sum::<f64>()
                * envelope
                * curve.bend
                * chord;
            // The meander ramps up over the first and last wavelength (quarter, on short roads).
            let ramp = (t.min(1.0 - t) * chord / MEANDER_WAVELENGTH_M.min(chord / 4.0)).min(1.0);
            let meander = curve.meander * ramp * (std::f64::consts::TAU * waves * t).sin();
            let off = bends + meander;
            let base = a.lerp(b, t);
            if i == 0 {
                a
            } else if i == steps {
                b
            } else {
                Xy {
                    x: base.x + nx * off,
                    y: base.y + ny * off,
                }
            }
        })
        .collect()
}

pub fn polyline_length(points: &[Xy]) -> f64 {
    points.windows(2).map(|w| w[0].dist(w[1])).sum()
}

/// Largest meander allowed, as a fraction of the wavelength; beyond it the road folds onto itself.
const MAX_MEANDER_FRACTION: f64 = 0.4;

/// The meander amplitude that makes the road `stretch` times as long as without meander
/// (bisection; capped at what the road can take without folding).
pub fn meander_for_stretch(a: Xy, b: Xy, curve: Curve, stretch: f64) -> f64 {
    let flat = Curve {
        meander: 0.0,
        ..curve
    };
    let target = polyline_length(&road_polyline(a, b, flat)) * stretch;
    let max = MAX_MEANDER_FRACTION * MEANDER_WAVELENGTH_M;
    let length = |m: f64| {
        polyline_length(&road_polyline(
            a,
            b,
            Curve {
                meander: m,
                ..curve
            },
        ))
    };
    if stretch <= 1.0 {
        return 0.0;
    }
    if length(max) <= target {
        return max;
    }
    let (mut lo, mut hi) = (0.0, max);
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if length(mid) < target {
            lo = mid
        } else {
            hi = mid
        }
    }
    hi
}

/// Whether segments p1–p2 and q1–q2 cross properly (touching at end points does not count).
pub fn segments_cross(p1: Xy, p2: Xy, q1: Xy, q2: Xy) -> bool {
    let orient = |a: Xy, b: Xy, c: Xy| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let (d1, d2) = (orient(q1, q2, p1), orient(q1, q2, p2));
    let (d3, d4) = (orient(p1, p2, q1), orient(p1, p2, q2));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Road segments bucketed on a grid, to find crossings fast. Each segment has an owner (a
/// road), and a road is not checked against itself.
#[derive(Default)]
pub struct SegmentIndex {
    cells: std::collections::HashMap<(i64, i64), Vec<OwnedSegment>>,
}

/// A segment and the road it belongs to.
type OwnedSegment = (Xy, Xy, usize);

/// Grid cell size (m) of [`SegmentIndex`].
const CELL_M: f64 = 400.0;

impl SegmentIndex {
    fn cells_of(p: Xy, q: Xy) -> impl Iterator<Item = (i64, i64)> {
        let cell = |v: f64| (v / CELL_M).floor() as i64;
        let (x0, x1) = (cell(p.x.min(q.x)), cell(p.x.max(q.x)));
        let (y0, y1) = (cell(p.y.min(q.y)), cell(p.y.max(q.y)));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    pub fn insert(&mut self, line: &[Xy], owner: usize) {
        for w in line.windows(2) {
            for c in Self::cells_of(w[0], w[1]) {
                self.cells.entry(c).or_default().push((w[0], w[1], owner));
            }
        }
    }

    /// Whether any segment of `line` properly crosses a stored one of another owner.
    pub fn crosses(&self, line: &[Xy], owner: usize) -> bool {
        line.windows(2).any(|w| {
            Self::cells_of(w[0], w[1]).any(|c| {
                self.cells.get(&c).is_some_and(|segs| {
                    segs.iter()
                        .any(|&(p, q, o)| o != owner && segments_cross(w[0], w[1], p, q))
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Distance;

    #[test]
    fn projection_round_trips_and_matches_haversine() {
        let proj = Projection::new(LatLon {
            lat: -7.65,
            lon: 111.33,
        });
        let p = LatLon {
            lat: -7.53,
            lon: 111.49,
        };
        let back = proj.to_latlon(proj.to_xy(p));
        assert!((back.lat - p.lat).abs() < 1e-12 && (back.lon - p.lon).abs() < 1e-12);
        let planar = proj.to_xy(p).dist(proj.to_xy(LatLon {
            lat: -7.65,
            lon: 111.33,
        }));
        let origin = LatLon {
            lat: -7.65,
            lon: 111.33,
        };
        let sphere = Haversine.distance(p.into(), origin.into());
        assert!((planar / sphere - 1.0).abs() < 1e-3, "{planar} vs {sphere}");
    }

    #[test]
    fn gabriel_of_a_rhombus_keeps_the_short_diagonal_only() {
        let pts = [
            Xy { x: 0.0, y: 0.0 },
            Xy { x: 2.0, y: 1.0 },
            Xy { x: 0.0, y: 2.0 },
            Xy { x: -2.0, y: 1.0 },
        ];
        let edges: Vec<(usize, usize)> = gabriel_graph(&pts).iter().map(|e| (e.a, e.b)).collect();
        assert_eq!(edges, vec![(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)]);
    }

    #[test]
    fn relative_neighbourhood_drops_the_long_side_of_an_obtuse_triangle() {
        let pts = [
            Xy { x: 0.0, y: 0.0 },
            Xy { x: 1.0, y: 0.3 },
            Xy { x: 2.0, y: 0.0 },
        ];
        let rng: Vec<(usize, usize, bool)> = gabriel_graph(&pts)
            .iter()
            .map(|e| (e.a, e.b, e.in_rng))
            .collect();
        assert_eq!(
            rng,
            vec![(0, 1, true), (1, 2, true)],
            "0-2 is not even Gabriel"
        );
        let pts = [
            Xy { x: 0.0, y: 0.0 },
            Xy { x: 1.0, y: 1.2 },
            Xy { x: 2.0, y: 0.0 },
        ];
        let rng: Vec<(usize, usize, bool)> = gabriel_graph(&pts)
            .iter()
            .map(|e| (e.a, e.b, e.in_rng))
            .collect();
        assert_eq!(rng, vec![(0, 1, true), (0, 2, false), (1, 2, true)]);
    }

    #[test]
    fn meander_reaches_the_requested_stretch_and_keeps_end_points() {
        let (a, b) = (
            Xy { x: 0.0, y: 0.0 },
            Xy {
                x: 4000.0,
                y: 1000.0,
            },
        );
        let curve = Curve {
            seed: 7,
            bend: 0.05,
            meander: 0.0,
        };
        let flat = polyline_length(&road_polyline(a, b, curve));
        let m = meander_for_stretch(a, b, curve, 1.3);
        let line = road_polyline(
            a,
            b,
            Curve {
                meander: m,
                ..curve
            },
        );
        assert!((polyline_length(&line) / flat - 1.3).abs() < 1e-3);
        assert_eq!((line[0], *line.last().unwrap()), (a, b));
    }

    #[test]
    fn crossing_segments() {
        let o = Xy { x: 0.0, y: 0.0 };
        let (a, b, c) = (
            Xy { x: 2.0, y: 2.0 },
            Xy { x: 0.0, y: 2.0 },
            Xy { x: 2.0, y: 0.0 },
        );
        assert!(segments_cross(o, a, b, c));
        assert!(
            !segments_cross(o, b, o, c),
            "sharing an end point is not a crossing"
        );
    }
}
