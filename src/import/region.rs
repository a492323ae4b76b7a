//! Fast point-in-polygon for clipping: is an OSM node inside the boundary?
//!
//! Coordinates are taken as OSM stores them, integers in 1e-7 degrees, so that the test is
//! exact and gives the same answers as `osmium extract` (which works on the same integers). The
//! test is the even-odd crossing rule over the segments of all rings (outer and inner), so holes
//! come out right without knowing which outer ring a hole belongs to. To avoid looking at every
//! segment for every node, the latitude range is cut into bands, and each band lists the
//! segments that reach into it; a node is tested only against the segments of its band.

use geo::{BoundingRect, MultiPolygon};

use crate::map::LatLon;

/// Segments per band, on average; more bands cost memory for segments spanning many bands.
const SEGMENTS_PER_BAND: usize = 8;
const MAX_BANDS: usize = 16_384;

type Point = (i64, i64); // (lon, lat) in 1e-7 degrees

#[derive(Debug)]
pub struct Region {
    min: Point,
    max: Point,
    band_height: i64,
    bands: Vec<Vec<(Point, Point)>>,
}

fn to_e7(deg: f64) -> i64 {
    (deg * 1e7).round() as i64
}

impl Region {
    pub fn new(shape: &MultiPolygon<f64>) -> anyhow::Result<Region> {
        let mut segments = Vec::new();
        for polygon in shape {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let pts: Vec<Point> = ring.coords().map(|c| (to_e7(c.x), to_e7(c.y))).collect();
                segments.extend(pts.windows(2).map(|w| (w[0], w[1])).filter(|(a, b)| a != b));
                // geo closes rings; a ring given open in the input is closed here anyway.
                if let (Some(&first), Some(&last)) = (pts.first(), pts.last())
                    && first != last
                {
                    segments.push((last, first));
                }
            }
        }
        let rect = shape
            .bounding_rect()
            .filter(|_| segments.len() >= 3)
            .ok_or_else(|| anyhow::anyhow!("the boundary has no area (fewer than 3 points)"))?;
        let (min, max) = (rect.min(), rect.max());
        let (min, max) = ((to_e7(min.x), to_e7(min.y)), (to_e7(max.x), to_e7(max.y)));
        let n_bands = (segments.len() / SEGMENTS_PER_BAND).clamp(1, MAX_BANDS);
        let band_height = ((max.1 - min.1) / n_bands as i64 + 1).max(1);
        let mut region = Region {
            min,
            max,
            band_height,
            bands: vec![Vec::new(); n_bands],
        };
        for (a, b) in segments {
            let first = region.band(a.1.min(b.1));
            let last = region.band(a.1.max(b.1));
            for band in &mut region.bands[first..=last] {
                band.push((a, b));
            }
        }
        Ok(region)
    }

    fn band(&self, lat: i64) -> usize {
        (((lat - self.min.1) / self.band_height) as usize).min(self.bands.len() - 1)
    }

    /// South-west and north-east corners of the boundary.
    pub fn bbox(&self) -> (LatLon, LatLon) {
        let ll = |p: Point| LatLon {
            lat: p.1 as f64 * 1e-7,
            lon: p.0 as f64 * 1e-7,
        };
        (ll(self.min), ll(self.max))
    }

    /// Is the point (in 1e-7 degrees) inside? Points on a vertex count as inside.
    pub fn contains_e7(&self, lat: i64, lon: i64) -> bool {
        if lon < self.min.0 || lon > self.max.0 || lat < self.min.1 || lat > self.max.1 {
            return false;
        }
        let p = (lon, lat);
        let mut inside = false;
        for &(a, b) in &self.bands[self.band(lat)] {
            if a == p || b == p {
                return true;
            }
            // Does the segment cross the horizontal ray going east from p?
            if (a.1 > lat) != (b.1 > lat) {
                // x of the crossing > p.x, multiplied out by (b.y - a.y) to stay in integers.
                let dy = b.1 - a.1;
                let lhs = (lon - a.0) * dy;
                let rhs = (b.0 - a.0) * (lat - a.1);
                if (dy > 0 && lhs < rhs) || (dy < 0 && lhs > rhs) {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, LineString, Point as GeoPoint, Polygon, polygon};
    use rand::{Rng, SeedableRng};

    fn ring(center: (f64, f64), r: f64, n: usize, wobble: f64) -> LineString<f64> {
        (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                let rr = r * (1.0 + wobble * (5.0 * t).sin());
                (center.0 + rr * t.cos(), center.1 + rr * t.sin())
            })
            .collect::<Vec<_>>()
            .into()
    }

    #[test]
    fn agrees_with_geo_contains_on_random_points() {
        // A wobbly polygon with a hole, and a second polygon: a MultiPolygon like a regency.
        let shape = MultiPolygon(vec![
            Polygon::new(
                ring((111.3, -7.6), 0.2, 500, 0.3),
                vec![ring((111.32, -7.61), 0.05, 40, 0.1)],
            ),
            polygon![(x: 111.8, y: -7.9), (x: 111.9, y: -7.9), (x: 111.85, y: -7.8)],
        ]);
        // Compare on the same 1e-7 grid the region works on.
        let snapped = MultiPolygon(
            shape
                .iter()
                .map(|p| {
                    let snap = |l: &LineString<f64>| -> LineString<f64> {
                        l.coords()
                            .map(|c| (to_e7(c.x) as f64 * 1e-7, to_e7(c.y) as f64 * 1e-7))
                            .collect::<Vec<_>>()
                            .into()
                    };
                    Polygon::new(snap(p.exterior()), p.interiors().iter().map(snap).collect())
                })
                .collect(),
        );
        let region = Region::new(&shape).unwrap();
        let mut rng = rand_pcg::Pcg64::seed_from_u64(7);
        let (mut inside, mut total) = (0, 0);
        for _ in 0..200_000 {
            let lat = rng.random_range(-8.0e7 as i64..-7.3e7 as i64);
            let lon = rng.random_range(1.11e9 as i64..1.12e9 as i64);
            let p = GeoPoint::new(lon as f64 * 1e-7, lat as f64 * 1e-7);
            let expect = snapped.contains(&p);
            assert_eq!(region.contains_e7(lat, lon), expect, "{p:?}");
            inside += expect as usize;
            total += 1;
        }
        assert!(
            inside > total / 20,
            "the test points should hit the polygon: {inside}"
        );
        // Vertices are inside; a point in the hole is not.
        assert!(region.contains_e7(-7.9e7 as i64, 1.118e9 as i64));
        assert!(!region.contains_e7(-7.61e7 as i64, 1.1132e9 as i64));
    }

    #[test]
    fn degenerate_boundary_is_an_error() {
        let empty = MultiPolygon::<f64>(vec![]);
        assert!(
            Region::new(&empty)
                .unwrap_err()
                .to_string()
                .contains("no area")
        );
    }
}
