//! Where travel times come from: the road map, or a clearly labelled straight-line fallback.
//! The scenario chooses (`map = "..."` or `travel = "straight-line"`); nothing else changes.

use std::path::PathBuf;

use geo::{Distance, Haversine};

use super::model::TravelChoice;
use super::problem::{Loc, Problem};
use crate::i18n::{MapMsg, UserError, Way};
use crate::map::osm::is_standin;
use crate::map::osm::read_osm;
use crate::map::profile::Profile;
use crate::map::snap::Snapped;
use crate::map::{DEFAULT_SNAP_LIMIT_M, LatLon, RoadMap};
use crate::solve::Matrix;
use crate::solve::instance::NO_PATH;
use crate::travel_basis::TravelBasis;

/// A travel-time source, opened once per run.
pub enum TravelSource {
    Roads {
        map: Box<RoadMap>,
        path: PathBuf,
        standin: bool,
    },
    StraightLine {
        detour: f64,
        speed_kmh: f64,
    },
}

impl TravelSource {
    /// Loads the road map (with its profile) or sets up the fallback.
    pub fn open(choice: &TravelChoice) -> anyhow::Result<TravelSource> {
        Ok(match choice {
            TravelChoice::Roads { map, profile } => {
                let profile = match profile {
                    Some(p) => Profile::from_toml_file(p)?,
                    None => Profile::default(),
                };
                let data = read_osm(map).map_err(|e| {
                    let map = map.display().to_string();
                    UserError::caused(MapMsg::CannotReadMap { map }, e)
                })?;
                let source = map.display().to_string();
                let road_map = RoadMap::from_osm_named(&data, &profile, &source)?;
                TravelSource::Roads {
                    map: Box::new(road_map),
                    path: map.clone(),
                    // Generated maps tag their ways; outputs then say "stand-in map".
                    standin: is_standin(&data),
                }
            }
            TravelChoice::StraightLine { detour, speed_kmh } => TravelSource::StraightLine {
                detour: *detour,
                speed_kmh: *speed_kmh,
            },
        })
    }

    /// What travel times are based on, for the plan and its outputs.
    pub fn basis(&self) -> TravelBasis {
        match self {
            TravelSource::Roads { path, standin, .. } => TravelBasis::Roads {
                map: path.display().to_string(),
                standin: *standin,
            },
            TravelSource::StraightLine { detour, speed_kmh } => TravelBasis::StraightLine {
                detour: *detour,
                speed_kmh: *speed_kmh,
            },
        }
    }

    /// Places the named points (depot first) on the network. Points off the map are problems.
    pub fn connect(&self, points: &[(String, LatLon, Option<Loc>)]) -> (Travel<'_>, Vec<Problem>) {
        let mut problems = Vec::new();
        let snapped = match self {
            TravelSource::Roads { map, .. } => points
                .iter()
                .map(
                    |(name, p, at)| match map.snap_named(name, *p, DEFAULT_SNAP_LIMIT_M) {
                        Ok(s) => Some(s),
                        Err(_) => {
                            let message = MapMsg::OffTheMap {
                                name: name.clone(),
                                lat: p.lat,
                                lon: p.lon,
                                distance_m: map.snap(*p).map(|s| s.distance_m),
                                limit_m: DEFAULT_SNAP_LIMIT_M,
                            };
                            problems.push(Problem::new(
                                at.as_ref(),
                                message,
                                MapMsg::MoveStopToRoad,
                            ));
                            None
                        }
                    },
                )
                .collect(),
            TravelSource::StraightLine { .. } => Vec::new(),
        };
        let travel = Travel {
            source: self,
            points: points.iter().map(|p| p.1).collect(),
            snapped,
        };
        (travel, problems)
    }
}

/// Points (depot first) that cannot be reached from the depot, or from which the depot
/// cannot be reached.
pub fn unreachable(points: &[(String, LatLon, Option<Loc>)], time: &Matrix) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, (name, _, at)) in points.iter().enumerate().skip(1) {
        let (out, back) = (time.get(0, i).is_finite(), time.get(i, 0).is_finite());
        let way = match (out, back) {
            (true, true) => continue,
            (false, false) => Way::ToOrFrom,
            (false, true) => Way::From,
            (true, false) => Way::BackTo,
        };
        let name = name.clone();
        problems.push(Problem::new(
            at.as_ref(),
            MapMsg::Unreachable { name, way },
            MapMsg::MoveStopToNetwork,
        ));
    }
    problems
}

/// Points placed on a travel source.
pub struct Travel<'a> {
    source: &'a TravelSource,
    points: Vec<LatLon>,
    /// One per point on roads (all `Some` when `connect` found no problem); empty otherwise.
    snapped: Vec<Option<Snapped>>,
}

impl Travel<'_> {
    /// Travel time (seconds) and distance (metres) between all points.
    pub fn matrices(&self) -> (Matrix, Matrix) {
        match self.source {
            TravelSource::Roads { map, .. } => {
                let Some(snapped) = self
                    .snapped
                    .iter()
                    .cloned()
                    .collect::<Option<Vec<Snapped>>>()
                else {
                    let n = self.points.len();
                    return (
                        Matrix::millis(n, vec![NO_PATH; n * n]),
                        Matrix::compact(n, vec![f32::INFINITY; n * n]),
                    );
                };
                let n = snapped.len();
                let (millis, metres) = crate::route::matrix::matrix_compact(map, &snapped);
                (Matrix::millis(n, millis), Matrix::compact(n, metres))
            }
            TravelSource::StraightLine { detour, speed_kmh } => {
                let n = self.points.len();
                let metres = |k: usize| {
                    let (a, b) = (self.points[k / n], self.points[k % n]);
                    Haversine.distance(a.into(), b.into()) * detour
                };
                // Every pair is reachable; a trip beyond ~50 days stays at the largest time.
                let longest = f64::from(NO_PATH - 1);
                let millis = (0..n * n)
                    .map(|k| {
                        (metres(k) / (speed_kmh / 3.6) * 1000.0)
                            .round()
                            .min(longest) as u32
                    })
                    .collect();
                let metres = (0..n * n).map(|k| metres(k) as f32).collect();
                (Matrix::millis(n, millis), Matrix::compact(n, metres))
            }
        }
    }

    /// The line a van drives from point `a` to point `b`: the road path, or the straight
    /// segment for the fallback (and when no road path exists).
    pub fn path(&self, a: usize, b: usize) -> Vec<LatLon> {
        if let TravelSource::Roads { map, .. } = self.source
            && let (Some(Some(from)), Some(Some(to))) = (self.snapped.get(a), self.snapped.get(b))
            && let Some(path) = crate::route::matrix::path(map, from, to)
        {
            let mut line = vec![self.points[a]];
            line.extend(path.geometry);
            line.push(self.points[b]);
            return line;
        }
        vec![self.points[a], self.points[b]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_line_fallback_is_labelled_and_scaled() {
        let source = TravelSource::StraightLine {
            detour: 1.5,
            speed_kmh: 36.0,
        };
        assert!(source.basis().is_estimate());
        let p = |lat| (String::from("p"), LatLon { lat, lon: 111.0 }, None);
        let (travel, problems) = source.connect(&[p(-7.0), p(-7.01)]);
        assert!(problems.is_empty());
        let (time, dist) = travel.matrices();
        let (a, b) = (
            LatLon {
                lat: -7.0,
                lon: 111.0,
            },
            LatLon {
                lat: -7.01,
                lon: 111.0,
            },
        );
        let d = Haversine.distance(a.into(), b.into()) * 1.5;
        // Kept in single precision: to a centimetre and a millisecond.
        assert!((dist.get(0, 1) - d).abs() < 1e-2);
        assert!((time.get(1, 0) - d / 10.0).abs() < 1e-3);
        assert_eq!(travel.path(0, 1).len(), 2);
    }
}
