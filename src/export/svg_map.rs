//! The report's map: an SVG of the road network (from the map itself), optional boundaries
//! from a GeoJSON file with their names, one coloured line per van-day, the stops (visited
//! ones sized by their people and numbered in visiting order, unvisited ones as small light
//! dots) and a scale bar. No tiles, no network.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use maud::{Markup, html};

use super::Context;
use super::html::{route_colour, text_on};
use crate::i18n::{Key, MapMsg, UserError};
use crate::map::areas::read_areas;
use crate::map::{LatLon, RoadGraph, bounds};
use crate::plan::model::Plan;

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
    /// One line per van-day, in the order of `plan.van_days`.
    pub routes: &'a [Vec<LatLon>],
}

/// Equirectangular projection of a bounding box onto the drawing.
struct Projection {
    west: f64,
    north: f64,
    kx: f64,
    /// Drawing units per degree of latitude.
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
pub fn svg(cx: &Context, layers: &Layers) -> anyhow::Result<(Markup, bool)> {
    let (plan, scenario, lang) = (cx.plan, cx.scenario, cx.lang);
    let points = std::iter::once(scenario.depot)
        .chain(scenario.stops.iter().map(|s| s.location))
        .chain(layers.routes.iter().flatten().copied());
    let proj = Projection::new(points);
    let (roads, omitted) = match layers.roads {
        Some(graph) => roads(graph, &proj),
        None => (html! {}, false),
    };
    let boundaries = match layers.boundaries {
        Some(path) => boundaries(path, &proj)?,
        None => html! {},
    };
    let mut colour_of_stop: Vec<Option<String>> = vec![None; scenario.stops.len()];
    for (i, day) in plan.van_days.iter().enumerate() {
        for v in &day.visits {
            colour_of_stop[v.stop.index].get_or_insert_with(|| route_colour(plan, i));
        }
    }
    let route_paths: Vec<(usize, String)> = plan
        .van_days
        .iter()
        .zip(layers.routes)
        .enumerate()
        .filter(|(_, (day, _))| !day.visits.is_empty())
        .map(|(i, (_, line))| {
            let mut d = String::new();
            push_line(&mut d, &proj, line.iter().copied());
            (i, d)
        })
        .collect();
    let (depot_x, depot_y) = proj.xy(scenario.depot);
    let svg = html! {
        svg #map xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (format!("{:.0}", proj.height)) }
            role="img" aria-label=(lang.t(Key::Map)) {
            rect width="100%" height="100%" fill="#fbfaf7" {}
            (roads)
            (boundaries)
            g #routes fill="none" stroke-width="3" stroke-linejoin="round" stroke-linecap="round" opacity="0.85" {
                @for (i, d) in &route_paths {
                    @let day = &plan.van_days[*i];
                    path.route data-route=(i) stroke=(route_colour(plan, *i)) d=(d) {
                        title { (day.van.name) " " (lang.date_long(day.date)) }
                    }
                }
            }
            (stops(cx, &proj, &colour_of_stop))
            rect #depot x=(format!("{:.1}", depot_x - 7.0)) y=(format!("{:.1}", depot_y - 7.0))
                width="14" height="14" fill="#111" stroke="#fff" stroke-width="2" {
                title { (lang.t(Key::Depot)) ": " (scenario.depot_name) }
            }
            (order_labels(plan, &proj))
            (scale_bar(&proj))
        }
    };
    Ok((svg, omitted))
}

/// Each visit's number in its van-day's order, on a badge of the van-day's colour. A stop
/// visited more than once gets its badges side by side.
fn order_labels(plan: &Plan, proj: &Projection) -> Markup {
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    let mut badges = Vec::new();
    for (i, day) in plan.van_days.iter().enumerate() {
        let colour = route_colour(plan, i);
        for (k, v) in day.visits.iter().enumerate() {
            let n = seen.entry(v.stop.index).or_default();
            let (x, y) = proj.xy(v.location);
            badges.push((x + 15.0 * *n as f64, y, k + 1, colour.clone(), i));
            *n += 1;
        }
    }
    let f = |x: f64| format!("{x:.1}");
    html! {
        g #order font-size="10" font-weight="bold" text-anchor="middle" {
            @for (x, y, n, colour, route) in &badges {
                g.order data-route=(route) {
                    circle cx=(f(*x)) cy=(f(*y)) r="7.5" fill=(colour) stroke="#fff" stroke-width="1.5" {}
                    text x=(f(*x)) y=(f(y + 3.5)) fill=(text_on(colour)) { (n) }
                }
            }
        }
    }
}

/// A bar of a round length (1, 2 or 5 × 10ⁿ m), about a fifth of the map's width, bottom left.
fn scale_bar(proj: &Projection) -> Markup {
    // One degree of latitude is ~111.32 km; the projection keeps true proportions.
    let units_per_m = proj.ky / 111_320.0;
    let target = WIDTH / 5.0 / units_per_m;
    let power = 10f64.powi(target.log10().floor() as i32);
    let metres = [5.0, 2.0, 1.0]
        .iter()
        .map(|k| k * power)
        .find(|m| *m <= target)
        .unwrap_or(power);
    let length = metres * units_per_m;
    let label = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    let (x, y) = (20.0, proj.height - 20.0);
    let f = |x: f64| format!("{x:.1}");
    html! {
        g #scale font-size="12" {
            rect x=(f(x - 6.0)) y=(f(y - 20.0)) width=(f(length + 12.0)) height="30" fill="#fff" fill-opacity="0.8" {}
            path d=(format!("M{} {}v6h{}v-6", f(x), f(y - 6.0), f(length))) fill="none" stroke="#222" stroke-width="1.5" {}
            text x=(f(x)) y=(f(y - 9.0)) fill="#222" { (label) }
        }
    }
}

fn rank(class: &str) -> usize {
    CLASS_ORDER
        .iter()
        .position(|c| *c == class)
        .unwrap_or(CLASS_ORDER.len())
}

/// Roads in light grey, one `<path>` per class, major classes first until the budget is used.
fn roads(graph: &RoadGraph, proj: &Projection) -> (Markup, bool) {
    let mut by_rank: BTreeMap<usize, String> = BTreeMap::new();
    for edge in 0..graph.edges.len() as u32 {
        let geometry = graph.geometry(edge);
        if !geometry.iter().any(|p| proj.inside(proj.xy(*p))) {
            continue;
        }
        let d = by_rank.entry(rank(graph.class_name(edge))).or_default();
        push_line(d, proj, geometry.iter().copied());
    }
    let mut used = 0;
    let mut omitted = false;
    let mut drawn = Vec::new();
    for (rank, d) in by_rank {
        if used + d.len() > ROAD_BUDGET {
            omitted = true;
            break;
        }
        used += d.len();
        drawn.push((if rank < 5 { 1.6 } else { 0.7 }, d));
    }
    (
        html! {
            g #roads fill="none" stroke="#c9c5bc" stroke-linecap="round" {
                @for (width, d) in &drawn {
                    path stroke-width=(width) d=(d) {}
                }
            }
        },
        omitted,
    )
}
/// One area of a boundaries file: its path, name, size and where its name goes.
struct Outline<'a> {
    d: String,
    name: &'a str,
    area: f64,
    label_at: Option<(f64, f64)>,
}

/// Outlines of the polygons in a GeoJSON file, each titled with its `nama` or `name`, and
/// that name at a point inside its largest polygon; a label that would overlap one already
/// placed (larger areas first) is left out.
fn boundaries(path: &Path, proj: &Projection) -> anyhow::Result<Markup> {
    use geo::{Area, InteriorPoint};
    let areas = read_areas(path).map_err(|e| {
        let path = path.display().to_string();
        UserError::caused(MapMsg::CannotDrawBoundaries { path }, e)
    })?;
    let mut outlines: Vec<Outline> = Vec::new();
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
        let largest = area
            .shape
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
        let at = largest.and_then(|p| p.interior_point()).map(|p| {
            proj.xy(LatLon {
                lat: p.y(),
                lon: p.x(),
            })
        });
        outlines.push(Outline {
            d,
            name,
            area: area.shape.unsigned_area(),
            label_at: at,
        });
    }
    let mut order: Vec<usize> = (0..outlines.len()).collect();
    order.sort_by(|&a, &b| outlines[b].area.total_cmp(&outlines[a].area));
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    for i in order {
        let Outline { name, label_at, .. } = &outlines[i];
        let Some((x, y)) = *label_at else { continue };
        if name.is_empty() || !proj.inside((x, y)) {
            continue;
        }
        let text = name.to_uppercase();
        // About 7 units per capital at font-size 11.
        let half = 3.6 * text.chars().count() as f64;
        let bbox = (x - half, y - 9.0, x + half, y + 4.0);
        let overlaps = placed
            .iter()
            .any(|p| bbox.0 < p.2 && p.0 < bbox.2 && bbox.1 < p.3 && p.1 < bbox.3);
        if !overlaps {
            placed.push(bbox);
            labels.push((x, y, text));
        }
    }
    let f = |x: f64| format!("{x:.1}");
    Ok(html! {
        g #boundaries fill="none" stroke="#8a8aa8" stroke-width="1" stroke-dasharray="5 3" {
            @for outline in &outlines {
                path d=(outline.d) { title { (outline.name) } }
            }
        }
        g #kecamatan font-size="11" letter-spacing="1" text-anchor="middle" fill="#5d5d7a"
            stroke="#fbfaf7" stroke-width="3" paint-order="stroke" {
            @for (x, y, text) in &labels {
                text x=(f(*x)) y=(f(*y)) { (text) }
            }
        }
    })
}

/// Visited stops as circles sized by their people, in the colour of the first van-day that
/// visits them; unvisited stops as small light dots.
fn stops(cx: &Context, proj: &Projection, colour_of_stop: &[Option<String>]) -> Markup {
    let (scenario, lang) = (cx.scenario, cx.lang);
    let max = scenario
        .stops
        .iter()
        .map(|s| s.people.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut reason = vec![None; scenario.stops.len()];
    for u in &cx.plan.unvisited {
        reason[u.stop.index].get_or_insert(u.reason.category());
    }
    let f = |x: f64| format!("{x:.1}");
    html! {
        g #stops {
            @for (i, stop) in scenario.stops.iter().enumerate() {
                @let (x, y) = proj.xy(stop.location);
                @let people = stop.people.total();
                @let title = format!(
                    "{} ({}, {}) — {} {}",
                    stop.name, stop.desa, stop.kecamatan, lang.t(Key::Target), lang.int(people.into())
                );
                @match &colour_of_stop[i] {
                    Some(colour) => {
                        @let r = 6.0 + 8.0 * (f64::from(people) / f64::from(max)).sqrt();
                        circle.stop.visited cx=(f(x)) cy=(f(y)) r=(f(r)) fill=(colour)
                            fill-opacity="0.35" stroke=(colour) stroke-width="1" {
                            title { (title) }
                        }
                    }
                    None => {
                        circle.stop.unvisited cx=(f(x)) cy=(f(y)) r="2.2" fill="#b9b9b9" {
                            title {
                                (title) " — " (lang.t(Key::NotServed)) ": "
                                @if let Some(category) = reason[i] { (lang.category(category)) }
                            }
                        }
                    }
                }
            }
        }
    }
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

    #[test]
    fn the_scale_bar_has_a_round_length_of_about_a_fifth_of_the_map() {
        // ~33 km wide at 7.7° S, as the Magetan map.
        let proj = Projection::new([p(-7.5, 111.15), p(-7.9, 111.45)].into_iter());
        let svg = scale_bar(&proj).into_string();
        assert!(svg.contains(">5 km<"), "{svg}");
    }
}
