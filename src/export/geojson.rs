//! plan.geojson: stops, depot and van-day routes for QGIS (RFC 7946: WGS 84, [lon, lat]).

use serde_json::{Value, json};

use super::html::route_colour;
use crate::map::LatLon;
use crate::plan::report::PlanReport;
use crate::scenario::Scenario;

/// Rounds to 6 decimals (~0.1 m), which RFC 7946 §11.2 recommends as enough.
fn position(p: LatLon) -> Value {
    let r = |x: f64| (x * 1e6).round() / 1e6;
    json!([r(p.lon), r(p.lat)])
}

/// The FeatureCollection: one Point per stop and the depot, one LineString per van-day.
pub fn geojson(report: &PlanReport, scenario: &Scenario, routes: &[Vec<LatLon>]) -> Value {
    let mut features = vec![json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": position(scenario.depot)},
        "properties": {"kind": "depot", "name": scenario.depot_name},
    })];
    for stop in &scenario.stops {
        let visits: Vec<Value> = report
            .van_days
            .iter()
            .flat_map(|d| {
                d.visits.iter().filter(|v| v.stop == stop.name).map(
                    move |v| json!({"van": d.van, "date": d.date, "start": v.start, "end": v.end}),
                )
            })
            .collect();
        let reason = report
            .unvisited
            .iter()
            .find(|u| u.stop == stop.name)
            .map(|u| u.category.clone());
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": position(stop.location)},
            "properties": {
                "kind": "stop",
                "name": stop.name,
                "desa": stop.desa,
                "kecamatan": stop.kecamatan,
                "elderly": stop.people.elderly,
                "disabled": stop.people.disabled,
                "new_eligible": stop.people.new_eligible,
                "value": scenario.weights.dot(&stop.people),
                "visited": !visits.is_empty(),
                "visits": visits,
                "unvisited_reason": reason,
            },
        }));
    }
    for (i, (day, line)) in report.van_days.iter().zip(routes).enumerate() {
        if line.len() < 2 {
            continue;
        }
        features.push(json!({
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": line.iter().map(|p| position(*p)).collect::<Vec<_>>(),
            },
            "properties": {
                "kind": "route",
                "van": day.van,
                "date": day.date,
                "depart": day.depart,
                "back": day.back,
                "km": day.km,
                "drive_minutes": day.drive_minutes,
                "stops": day.visits.len(),
                "people": day.people,
                "colour": route_colour(i),
            },
        }));
    }
    json!({"type": "FeatureCollection", "name": report.scenario.name, "features": features})
}
