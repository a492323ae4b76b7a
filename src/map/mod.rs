//! OpenStreetMap -> routable road graph. This module only reads maps; the modules that write
//! them depend on it, never the other way round.

pub mod areas;
mod components;
pub mod graph;
pub mod osm;
pub mod profile;
pub mod snap;
pub mod turns;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, bail};

pub use graph::RoadGraph;
pub use snap::{DEFAULT_SNAP_LIMIT_M, Snapped};

use graph::{BuildReport, WayTable};
use osm::{OsmData, ReadCounts};
use profile::{Profile, TurnCosts};
use snap::SnapIndex;
use turns::TurnGraph;

/// A WGS84 coordinate in degrees.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// geo's points are x = longitude, y = latitude. Distances on the sphere are geo's:
/// `Haversine.distance(a.into(), b.into())`.
impl From<LatLon> for geo::Point {
    fn from(p: LatLon) -> geo::Point {
        geo::Point::new(p.lon, p.lat)
    }
}

/// The south-west and north-east corners around `points`, or `None` when there are none.
pub fn bounds(points: impl IntoIterator<Item = LatLon>) -> Option<(LatLon, LatLon)> {
    points.into_iter().fold(None, |corners, p| {
        let (min, max) = corners.unwrap_or((p, p));
        Some((
            LatLon {
                lat: min.lat.min(p.lat),
                lon: min.lon.min(p.lon),
            },
            LatLon {
                lat: max.lat.max(p.lat),
                lon: max.lon.max(p.lon),
            },
        ))
    })
}

/// A road map ready for snapping and routing: the largest strongly connected part of the
/// roads a van can use.
pub struct RoadMap {
    pub graph: RoadGraph,
    pub snap_index: SnapIndex,
    /// The priced turns, when the profile prices them; searches then run on this graph.
    pub turns: Option<TurnGraph>,
    pub info: MapInfo,
}

/// What was read and built, for `map info`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MapInfo {
    /// Objects in the file, before any filtering.
    pub read: ReadCounts,
    /// Highway ways given to the build, and those a van may use.
    pub highway_ways: usize,
    pub usable_ways: usize,
    /// Of the kept component.
    pub vertices: usize,
    pub edges: usize,
    /// Directed arcs (a two-way edge has two).
    pub arcs: usize,
    /// Km of usable road per highway class, over all usable ways; a two-way road counts
    /// once.
    pub km_by_class: BTreeMap<String, f64>,
    /// Km of road in the kept component, each edge once.
    pub kept_km: f64,
    /// Vertex counts of all strongly connected components, largest (kept) first.
    pub component_sizes: Vec<usize>,
    pub dropped_vertices: usize,
    pub dropped_edges: usize,
    /// South-west and north-east corners of the usable road nodes.
    pub bbox: Option<(LatLon, LatLon)>,
    /// The ways carry [`osm::STANDIN_NOTE`]: generated roads, not surveyed.
    pub standin: bool,
    /// Turns a route may take, each priced (profile `[turns]`); 0 when turns are free.
    pub turns: usize,
    /// Traffic signals on the kept roads that routes pay for; 0 when turns are free.
    pub traffic_signals: usize,
    /// Turns that turn restrictions forbid; 0 when turns are free.
    pub forbidden_turns: usize,
    pub read_seconds: f64,
    pub build_seconds: f64,
}

impl RoadMap {
    /// Reads an OSM file and builds its road map.
    pub fn load(path: &Path, profile: &Profile) -> anyhow::Result<RoadMap> {
        let start = Instant::now();
        let read = osm::read_roads(path, &|tags| profile.classify(tags))?;
        let read_seconds = start.elapsed().as_secs_f64();
        let source = path.display().to_string();
        let mut map = Self::from_table(read.table, profile, read.counts, read.standin, &source)?;
        map.info.read_seconds = read_seconds;
        Ok(map)
    }

    /// Builds the road map of OSM data already read.
    pub fn from_osm(data: &OsmData, profile: &Profile) -> anyhow::Result<RoadMap> {
        Self::from_osm_named(data, profile, "the OSM data")
    }

    /// [`RoadMap::from_osm`], naming the data in errors (e.g. the file).
    pub fn from_osm_named(
        data: &OsmData,
        profile: &Profile,
        source: &str,
    ) -> anyhow::Result<RoadMap> {
        let table = WayTable::from_osm(data, &|tags| profile.classify(tags));
        Self::from_table(table, profile, data.counts, osm::is_standin(data), source)
    }

    /// The rest of the build, after either reader: the profile's barriers cut the roads, then
    /// the graph, its snap index and the priced turns.
    fn from_table(
        mut table: WayTable,
        profile: &Profile,
        counts: ReadCounts,
        standin: bool,
        source: &str,
    ) -> anyhow::Result<RoadMap> {
        let start = Instant::now();
        table.blocked = profile.blocking(&table.barriers);
        let (graph, report) = RoadGraph::from_table(table, source)?;
        Ok(Self::finish(graph, report, counts, standin, start).with_turns(&profile.turns))
    }

    /// Prices the turns, when `costs` says so: searches then run on the graph of turns.
    pub fn with_turns(mut self, costs: &TurnCosts) -> RoadMap {
        if costs.enabled {
            let start = Instant::now();
            let turns = TurnGraph::new(&self.graph, costs);
            self.info.turns = turns.csr.arc_count();
            self.info.traffic_signals = turns.traffic_signals;
            self.info.forbidden_turns = turns.forbidden_turns;
            self.turns = Some(turns);
            self.info.build_seconds += start.elapsed().as_secs_f64();
        }
        self
    }

    /// Builds with any classifier and no profile (no barriers, free turns), for tests;
    /// `source` names the data in errors.
    #[cfg(test)]
    pub(crate) fn build(
        data: &OsmData,
        classify: graph::Classifier<'_>,
        source: &str,
    ) -> anyhow::Result<RoadMap> {
        let start = Instant::now();
        let (graph, report) = RoadGraph::build(data, classify, source)?;
        Ok(Self::finish(
            graph,
            report,
            data.counts,
            osm::is_standin(data),
            start,
        ))
    }

    fn finish(
        graph: RoadGraph,
        report: BuildReport,
        read: ReadCounts,
        standin: bool,
        start: Instant,
    ) -> RoadMap {
        let snap_index = SnapIndex::new(&graph);
        let mut info = MapInfo::new(read, standin, &graph, report);
        info.build_seconds = start.elapsed().as_secs_f64();
        RoadMap {
            graph,
            snap_index,
            turns: None,
            info,
        }
    }

    /// The nearest point on a road a van can use.
    pub fn snap(&self, p: LatLon) -> Option<Snapped> {
        self.snap_index.snap(&self.graph, p)
    }

    /// Snaps a named stop; an error names it when it is farther than `max_m` from a road.
    pub fn snap_named(&self, name: &str, p: LatLon, max_m: f64) -> anyhow::Result<Snapped> {
        let Some(mut s) = self.snap(p) else {
            bail!(
                "stop '{name}' at {},{} is not a valid latitude,longitude in degrees",
                p.lat,
                p.lon
            );
        };
        if s.distance_m > max_m {
            bail!(
                "stop '{name}' at {:.6},{:.6} is {:.0} m from the nearest road a van can use (limit {:.0} m)",
                p.lat,
                p.lon,
                s.distance_m,
                max_m
            );
        }
        s.name = Some(name.to_string());
        Ok(s)
    }
}

impl MapInfo {
    fn new(read: ReadCounts, standin: bool, graph: &RoadGraph, report: BuildReport) -> MapInfo {
        MapInfo {
            read,
            highway_ways: report.highway_ways,
            usable_ways: report.usable_ways,
            vertices: graph.vertex_count(),
            edges: graph.edges.len(),
            arcs: graph.arc_count(),
            km_by_class: report.km_by_class,
            kept_km: report.kept_km,
            component_sizes: report.component_sizes,
            dropped_vertices: report.dropped_vertices,
            dropped_edges: report.dropped_edges,
            bbox: report.bbox,
            standin,
            turns: 0,
            traffic_signals: 0,
            forbidden_turns: 0,
            read_seconds: 0.0,
            build_seconds: 0.0,
        }
    }
}

/// Reads `name,lat,lon` rows; errors name the file and row.
pub fn read_points_csv(path: &Path) -> anyhow::Result<Vec<(String, LatLon)>> {
    #[derive(serde::Deserialize)]
    struct Row {
        name: String,
        lat: f64,
        lon: f64,
    }
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut points = Vec::new();
    for (index, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.with_context(|| {
            format!(
                "{} row {}: expected the columns name,lat,lon",
                path.display(),
                index + 2
            )
        })?;
        points.push((
            row.name,
            LatLon {
                lat: row.lat,
                lon: row.lon,
            },
        ));
    }
    if points.is_empty() {
        bail!(
            "{} has no points: expected a header name,lat,lon and one row per point",
            path.display()
        );
    }
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Haversine};
    use graph::tests::{grid_data, grid_point, test_classify};

    #[test]
    fn haversine_takes_latitude_and_longitude_the_right_way_round() {
        let p = |lat, lon| LatLon { lat, lon };
        let d = |a: LatLon, b: LatLon| Haversine.distance(a.into(), b.into());
        // geo's sphere has the mean Earth radius, 6,371,008.8 m: a degree of latitude is
        // 111.195 km, a degree of longitude at 60° about half that.
        assert!((d(p(0.0, 0.0), p(1.0, 0.0)) - 111_195.08).abs() < 0.01);
        assert!((d(p(60.0, 0.0), p(60.0, 1.0)) - 55_597.01).abs() < 0.01);
    }

    #[test]
    fn bounds_are_the_corners_around_all_points() {
        let p = |lat, lon| LatLon { lat, lon };
        assert_eq!(bounds([]), None);
        assert_eq!(
            bounds([p(-7.6, 111.4), p(-7.8, 111.2), p(-7.7, 111.5)]),
            Some((p(-7.8, 111.2), p(-7.6, 111.5)))
        );
    }

    #[test]
    fn snap_named_names_a_stop_too_far_from_the_roads() {
        let data = grid_data(&[(10, &[1, 2], &[("highway", "residential")])]);
        let map = RoadMap::build(&data, &test_classify, "test").unwrap();
        let near = map
            .snap_named("Balai Desa", grid_point(2), DEFAULT_SNAP_LIMIT_M)
            .unwrap();
        assert_eq!(
            (near.name.as_deref(), near.point),
            (Some("Balai Desa"), grid_point(2))
        );
        // 0.01° of latitude north of node 1: about 1112 m.
        let far = LatLon {
            lat: grid_point(1).lat + 0.01,
            lon: grid_point(1).lon,
        };
        let err = map
            .snap_named("SDN 1", far, DEFAULT_SNAP_LIMIT_M)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "stop 'SDN 1' at 10.010000,20.001000 is 1112 m from the nearest road a van can use (limit 1000 m)"
        );
        assert!(map.snap_named("SDN 1", far, 1200.0).is_ok());
        let nan = LatLon {
            lat: f64::NAN,
            lon: 20.0,
        };
        let err = map
            .snap_named("SDN 2", nan, DEFAULT_SNAP_LIMIT_M)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "stop 'SDN 2' at NaN,20 is not a valid latitude,longitude in degrees"
        );
    }

    #[test]
    fn map_info_counts_the_kept_graph_and_all_usable_roads() {
        let data = grid_data(&[
            (10, &[1, 2, 3], &[("highway", "residential")]),
            (11, &[501, 502], &[("highway", "service")]),
        ]);
        let map = RoadMap::build(&data, &test_classify, "test").unwrap();
        let info = &map.info;
        assert_eq!((info.vertices, info.edges, info.arcs), (2, 1, 2));
        assert_eq!(
            info.km_by_class.keys().collect::<Vec<_>>(),
            ["residential", "service"]
        );
        assert_eq!(info.component_sizes, vec![2, 2]);
        assert_eq!((info.dropped_vertices, info.dropped_edges), (2, 1));
        let residential = info.km_by_class["residential"];
        assert!((info.kept_km - residential).abs() < 1e-12);
        let ne = LatLon {
            lat: grid_point(502).lat,
            lon: grid_point(3).lon,
        };
        assert_eq!(info.bbox, Some((grid_point(1), ne)));
    }
}
