//! The report's map: an SVG of the road network (from the map itself), optional boundaries
//! from a GeoJSON file, one coloured line per van-day and the stops. No tiles, no network.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::html::{esc, route_colour};
use crate::i18n::{Key, Lang, UserError, tr};
use crate::map::areas::read_areas;
use crate::map::{LatLon, RoadGraph, bounds};
use crate::plan::report::PlanReport;
use crate::scenario::Scenario;

/// Width of the drawing in SVG units.
const WIDTH: f64 = 1000.0;

/// Most bytes of road drawing; minor road classes are left out beyond it.
pub const ROAD_BUDGET: usize = 1_200_000;

/// Road classes from most to least important; the drawing keeps the first ones that fit.
const CLASS_ORDER: [&str; 12] = [
    "motorway",
    "trunk",
    "primary",
    "secondary",
    "tertiary",
    "motorway_link",
    "trunk_link",
    "primary_link",
    "unclassified",
    "residential",
    "living_street",
    "service",
];

/// What the map shows besides the plan.
pub struct Layers<'a> {
    pub roads: Option<&'a RoadGraph>,
    pub boundaries: Option<&'a Path>,
    /// One line per van-day, in the order of `report.van_days`.
    pub routes: &'a [Vec<LatLon>],
}

/// Equirectangular projection of a bounding box onto the drawing.
struct Projection {
    west: f64,
    north: f64,
    kx: f64,
    ky: f64,
    height: f64,
}

impl Projection {
    fn new(points: impl Iterator<Item = LatLon>) -> Projection {
        let (sw, ne) = bounds(points).unwrap_or_default();
        let (s, w, n, e) = (sw.lat, sw.lon, ne.lat, ne.lon);
        // A margin of 4% and at least ~500 m, so a lone stop still has a map around it.
        let pad_lat = ((n - s) * 0.04).max(0.005);
        let pad_lon = ((e - w) * 0.04).max(0.005);
        let (s, n, w, e) = (s - pad_lat, n + pad_lat, w - pad_lon, e + pad_lon);
        let cos = ((s + n) / 2.0).to_radians().cos();
        let kx = WIDTH / (e - w);
        let ky = kx / cos;
        Projection {
            west: w,
            north: n,
            kx,
            ky,
            height: (n - s) * ky,
        }
    }

    fn xy(&self, p: LatLon) -> (f64, f64) {
        (
            (p.lon - self.west) * self.kx,
            (self.north - p.lat) * self.ky,
        )
    }

    fn inside(&self, (x, y): (f64, f64)) -> bool {
        (0.0..=WIDTH).contains(&x) && (0.0..=self.height).contains(&y)
    }
}

/// Appends "M x y L x y ..." for a line, rounded to 0.1 unit, dropping repeated points.
fn push_line(d: &mut String, proj: &Projection, line: impl Iterator<Item = LatLon>) {
    let mut last = None;
    let mut first = true;
    for p in line {
        let (x, y) = proj.xy(p);
        let key = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if last == Some(key) {
            continue;
        }
        last = Some(key);
        let cmd = if first { 'M' } else { 'L' };
        first = false;
        let _ = write!(d, "{cmd}{:.1} {:.1}", x, y);
    }
}

/// The SVG element; also returns whether minor roads were left out.
pub fn svg(
    report: &PlanReport,
    scenario: &Scenario,
    layers: &Layers,
    lang: Lang,
) -> anyhow::Result<(String, bool)> {
    let points = std::iter::once(scenario.depot)
        .chain(scenario.stops.iter().map(|s| s.location))
        .chain(layers.routes.iter().flatten().copied());
    let proj = Projection::new(points);
    let mut svg = format!(
        r#"<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0} {:.0}" role="img" aria-label="{}">"#,
        proj.height,
        esc(lang.t(Key::Map))
    );
    svg.push_str(r##"<rect width="100%" height="100%" fill="#fbfaf7"/>"##);
    let mut omitted = false;
    if let Some(graph) = layers.roads {
        let (roads, left_out) = roads(graph, &proj);
        svg.push_str(&roads);
        omitted = left_out;
    }
    if let Some(path) = layers.boundaries {
        svg.push_str(&boundaries(path, &proj)?);
    }
    svg.push_str(r#"<g id="routes" fill="none" stroke-width="3" stroke-linejoin="round" stroke-linecap="round" opacity="0.85">"#);
    let mut colour_of_stop: BTreeMap<&str, String> = BTreeMap::new();
    for (i, (day, line)) in report.van_days.iter().zip(layers.routes).enumerate() {
        if day.visits.is_empty() {
            continue;
        }
        let colour = route_colour(i);
        for v in &day.visits {
            colour_of_stop
                .entry(v.stop.as_str())
                .or_insert_with(|| colour.clone());
        }
        let mut d = String::new();
        push_line(&mut d, &proj, line.iter().copied());
        let _ = write!(
            svg,
            r#"<path class="route" data-route="{i}" stroke="{colour}" d="{d}"><title>{} {}</title></path>"#,
            esc(&day.van),
            esc(&lang.date_long(day.date))
        );
    }
    svg.push_str("</g>");
    svg.push_str(&stops(report, scenario, &proj, &colour_of_stop, lang));
    let (x, y) = proj.xy(scenario.depot);
    let _ = write!(
        svg,
        r##"<rect id="depot" x="{:.1}" y="{:.1}" width="14" height="14" fill="#111" stroke="#fff" stroke-width="2"><title>{}</title></rect>"##,
        x - 7.0,
        y - 7.0,
        esc(&scenario.depot_name)
    );
    svg.push_str("</svg>");
    Ok((svg, omitted))
}

fn rank(class: &str) -> usize {
    CLASS_ORDER
        .iter()
        .position(|c| *c == class)
        .unwrap_or(CLASS_ORDER.len())
}

/// Roads in light grey, one `<path>` per class, major classes first until the budget is used.
fn roads(graph: &RoadGraph, proj: &Projection) -> (String, bool) {
    let mut by_rank: BTreeMap<usize, String> = BTreeMap::new();
    for edge in 0..graph.edges.len() as u32 {
        let geometry = graph.geometry(edge);
        if !geometry.iter().any(|p| proj.inside(proj.xy(*p))) {
            continue;
        }
        let d = by_rank.entry(rank(graph.class_name(edge))).or_default();
        push_line(d, proj, geometry.iter().copied());
    }
    let mut out =
        String::from(r##"<g id="roads" fill="none" stroke="#c9c5bc" stroke-linecap="round">"##);
    let mut used = 0;
    let mut omitted = false;
    for (rank, d) in by_rank {
        if used + d.len() > ROAD_BUDGET {
            omitted = true;
            break;
        }
        used += d.len();
        let width = if rank < 5 { 1.6 } else { 0.7 };
        let _ = write!(out, r#"<path stroke-width="{width}" d="{d}"/>"#);
    }
    out.push_str("</g>");
    (out, omitted)
}

/// Outlines of the polygons in a GeoJSON file, each titled with its `nama` or `name`.
fn boundaries(path: &Path, proj: &Projection) -> anyhow::Result<String> {
    let areas = read_areas(path).map_err(|e| {
        let shown = path.display();
        let text = tr(
            format!("cannot draw the boundaries {shown}; fix the path in the scenario's `boundaries` or remove that line"),
            format!("batas wilayah {shown} tidak dapat digambar; perbaiki jalur `boundaries` di skenario atau hapus baris itu"),
        );
        UserError::caused(text, e)
    })?;
    let mut out = String::from(
        r##"<g id="boundaries" fill="none" stroke="#8a8aa8" stroke-width="1" stroke-dasharray="5 3">"##,
    );
    for area in &areas {
        let mut d = String::new();
        for polygon in &area.shape {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let points = ring.coords().map(|c| LatLon { lat: c.y, lon: c.x });
                push_line(&mut d, proj, points);
                d.push('Z');
            }
        }
        let name = area
            .text("nama")
            .or_else(|| area.text("name"))
            .unwrap_or("");
        let _ = write!(out, r#"<path d="{d}"><title>{}</title></path>"#, esc(name));
    }
    out.push_str("</g>");
    Ok(out)
}

/// Circles sized by value: filled with the colour of the first van-day that visits the stop,
/// or grey with a cross when no van does.
fn stops(
    report: &PlanReport,
    scenario: &Scenario,
    proj: &Projection,
    colour_of_stop: &BTreeMap<&str, String>,
    lang: Lang,
) -> String {
    let values: Vec<f64> = scenario
        .stops
        .iter()
        .map(|s| scenario.weights.dot(&s.people))
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max).max(1e-9);
    let mut out = String::from(r#"<g id="stops">"#);
    for (stop, value) in scenario.stops.iter().zip(values) {
        let (x, y) = proj.xy(stop.location);
        let r = 2.5 + 8.0 * (value.max(0.0) / max).sqrt();
        let title = format!(
            "{} ({}, {}) — {} {}",
            stop.name,
            stop.desa,
            stop.kecamatan,
            lang.t(Key::Value),
            lang.dec(value, 1)
        );
        match colour_of_stop.get(stop.name.as_str()) {
            Some(colour) => {
                let _ = write!(
                    out,
                    r#"<circle class="stop visited" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{colour}" fill-opacity="0.75" stroke="white" stroke-width="1"><title>{}</title></circle>"#,
                    esc(&title)
                );
            }
            None => {
                let reason = report
                    .unvisited
                    .iter()
                    .find(|u| u.stop == stop.name)
                    .map(|u| lang.category(&u.category))
                    .unwrap_or_default();
                let k = r * 0.7;
                let _ = write!(
                    out,
                    r##"<g class="stop unvisited"><title>{} — {}: {}</title><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="#fff" fill-opacity="0.5" stroke="#999" stroke-width="1"/><path d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}" stroke="#999" stroke-width="1"/></g>"##,
                    esc(&title),
                    esc(lang.t(Key::NotServed)),
                    esc(&reason),
                    x - k,
                    y - k,
                    x + k,
                    y + k,
                    x - k,
                    y + k,
                    x + k,
                    y - k
                );
            }
        }
    }
    out.push_str("</g>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lon: f64) -> LatLon {
        LatLon { lat, lon }
    }

    #[test]
    fn north_is_up_and_east_is_right_with_true_proportions() {
        // A square of 0.1° at 60° N is twice as tall as wide on the ground.
        let proj = Projection::new([p(60.0, 10.0), p(60.1, 10.1)].into_iter());
        let (x0, y0) = proj.xy(p(60.0, 10.0));
        let (x1, y1) = proj.xy(p(60.1, 10.1));
        assert!(x1 > x0 && y1 < y0);
        let ratio = (y0 - y1) / (x1 - x0);
        assert!((ratio - 2.0).abs() < 0.01, "{ratio}");
        assert!(proj.inside((x0, y0)) && proj.inside((x1, y1)));
        assert!(!proj.inside(proj.xy(p(61.0, 10.0))));
    }

    #[test]
    fn lines_drop_points_that_round_to_the_same_place() {
        let proj = Projection::new([p(0.0, 0.0), p(1.0, 1.0)].into_iter());
        let mut d = String::new();
        let line = [p(0.5, 0.5), p(0.500_000_1, 0.5), p(0.6, 0.6)];
        push_line(&mut d, &proj, line.into_iter());
        assert_eq!(d.matches('M').count(), 1);
        assert_eq!(d.matches('L').count(), 1, "{d}");
    }
}
