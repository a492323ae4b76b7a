//! plan.geojson: stops, depot and van-day routes for QGIS (RFC 7946: WGS 84, [lon, lat]).

use serde_json::{Map, Value, json};

use super::Context;
use super::html::route_colour;
use crate::map::LatLon;

/// Rounds to 6 decimals (~0.1 m), which RFC 7946 §11.2 recommends as enough.
fn position(p: LatLon) -> Value {
    let r = |x: f64| (x * 1e6).round() / 1e6;
    json!([r(p.lon), r(p.lat)])
}

/// The FeatureCollection: one Point per stop and the depot, one LineString per van-day.
pub fn geojson(cx: &Context) -> Value {
    let (plan, scenario) = (cx.plan, cx.scenario);
    let mut features = vec![json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": position(scenario.depot)},
        "properties": {"kind": "depot", "name": scenario.depot_name},
    })];
    let mut visits: Vec<Vec<Value>> = vec![Vec::new(); scenario.stops.len()];
    for (day, v) in plan.visits() {
        visits[v.stop.index].push(json!({
            "van": day.van.name,
            "date": day.date,
            "start": v.start.hhmm(),
            "end": v.end.hhmm(),
        }));
    }
    let mut reasons: Vec<Option<&str>> = vec![None; scenario.stops.len()];
    for u in &plan.unvisited {
        reasons[u.stop.index].get_or_insert(u.reason.category().key());
    }
    for (i, stop) in scenario.stops.iter().enumerate() {
        let mut properties = Map::new();
        properties.insert("kind".into(), json!("stop"));
        properties.insert("name".into(), json!(stop.name));
        properties.insert("desa".into(), json!(stop.desa));
        properties.insert("kecamatan".into(), json!(stop.kecamatan));
        for (group, n) in stop.people.iter() {
            properties.insert(group.key().into(), json!(n));
        }
        properties.insert("value".into(), json!(scenario.weights.dot(&stop.people)));
        properties.insert("visited".into(), json!(!visits[i].is_empty()));
        properties.insert("visits".into(), json!(visits[i]));
        properties.insert("unvisited_reason".into(), json!(reasons[i]));
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": position(stop.location)},
            "properties": properties,
        }));
    }
    for (i, (day, line)) in plan.van_days.iter().zip(cx.routes).enumerate() {
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
                "van": day.van.name,
                "date": day.date,
                "depart": day.depart.hhmm(),
                "back": day.back.hhmm(),
                "km": (day.km() * 100.0).round() / 100.0,
                "drive_minutes": (day.drive_seconds / 6.0).round() / 10.0,
                "stops": day.visits.len(),
                "people": day.people.total(),
                "colour": route_colour(cx.plan, i),
            },
        }));
    }
    json!({"type": "FeatureCollection", "name": plan.scenario.name, "features": features})
}
