//! Which ways a van may use, and at what speed (OSRM car defaults, configurable from TOML).
//!
//! The rules follow OSRM's `profiles/car.lua` (v5.x) where it has one, so that travel times
//! can be cross-checked against OSRM:
//! - speed per `highway` class (km/h); a class that is not listed, or has speed 0, is unusable;
//! - `maxspeed` (or `maxspeed:advisory`, `source:maxspeed`, `maxspeed:type`, first present)
//!   × `maxspeed_factor` (0.8) *replaces* the class speed, as in OSRM, even when higher;
//!   `none`, `signals`, `walk` and unknown values leave the class speed; zone codes such as
//!   `ID:urban` are looked up in `maxspeed_zones` (full code first, then the part after `:`);
//! - `surface`, `tracktype` and `smoothness` cap the speed (OSRM's tables); a cap of 0
//!   (`smoothness=impassable`) makes the way unusable;
//! - access: the first present tag of `access_tags` (motorcar → motor_vehicle → vehicle →
//!   access) decides; a value in `blocked_access` excludes the way. Unlike OSRM, which routes
//!   over `destination`/`customers`/`private`/`delivery` with a penalty, we have no penalties,
//!   so `private` and `delivery` exclude and `destination`/`customers` allow: a van drives to a
//!   village hall or school on such a road, and these roads rarely carry through traffic;
//! - oneway: `oneway:motorcar`, `oneway:motor_vehicle`, `oneway:vehicle`, then `oneway`:
//!   `yes`/`1`/`true` forward, `-1`/`reverse` backward, `no`/`false`/`0` both ways; otherwise
//!   implied forward on `implied_oneway` classes (OSRM: motorway only) and on
//!   `junction=roundabout|circular`. `oneway=reversible` is excluded (OSRM does the same);
//! - excluded: `highway=construction|proposed`, `construction=*` other than
//!   `no|widening|minor`, `area=yes`, `impassable=yes`, `status=impassable`,
//!   `service=emergency_access`. Ways with fewer than 2 nodes are dropped by the reader;
//! - `highway=track`: OSRM does not route on tracks. Many Indonesian village roads are tagged
//!   `track`, so `allow_track = true` makes them usable at `speeds.track` (15 km/h, before
//!   surface/tracktype caps). It is off by default so that the defaults match OSRM and pyrosm.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Deserializer, Serialize};

/// Travel direction allowed on a way, relative to its node order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Both,
    Forward,
    Backward,
}

/// What the profile says about one usable way.
#[derive(Clone, Debug, PartialEq)]
pub struct WayRule {
    /// The highway class, e.g. `residential`.
    pub class: String,
    pub speed_kmh: f64,
    pub direction: Direction,
}

/// The van profile. In TOML every field is optional. The tables (`speeds`, `surface_speeds`,
/// ...) are merged key by key into the defaults, so `[speeds] track = 20` changes one class;
/// set a speed to 0 to make a class (or surface) unusable. Lists replace the default list.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// km/h per `highway` value.
    #[serde(deserialize_with = "merge_speeds")]
    pub speeds: BTreeMap<String, f64>,
    /// Whether `highway=track` is usable (at `speeds.track`).
    pub allow_track: bool,
    /// Travel speed = posted maxspeed × this factor (OSRM: 0.8).
    pub maxspeed_factor: f64,
    /// km/h for zone codes in maxspeed tags (`ID:urban` → `urban`); lowercase keys.
    #[serde(deserialize_with = "merge_zones")]
    pub maxspeed_zones: BTreeMap<String, f64>,
    /// Speed caps (km/h) per `surface` value.
    #[serde(deserialize_with = "merge_surface")]
    pub surface_speeds: BTreeMap<String, f64>,
    /// Speed caps (km/h) per `tracktype` value.
    #[serde(deserialize_with = "merge_tracktype")]
    pub tracktype_speeds: BTreeMap<String, f64>,
    /// Speed caps (km/h) per `smoothness` value.
    #[serde(deserialize_with = "merge_smoothness")]
    pub smoothness_speeds: BTreeMap<String, f64>,
    /// Access tags from most to least specific; the first present one decides.
    pub access_tags: Vec<String>,
    /// Access values that exclude a way.
    pub blocked_access: Vec<String>,
    /// Highway classes that are oneway unless tagged `oneway=no`.
    pub implied_oneway: Vec<String>,
    /// `barrier=*` values a van passes; any other barrier on a node stops it, unless the
    /// node's access tags allow it.
    pub passable_barriers: Vec<String>,
    /// What turning at a junction costs (`[turns]`).
    pub turns: TurnCosts,
}

/// Which side of the road traffic keeps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DrivingSide {
    /// Indonesia, and the default.
    Left,
    Right,
}

/// Seconds a turn costs, on OSRM car.lua's model: a sigmoid of the turn angle that reaches
/// `turn_penalty_s` for the sharpest turns, steeper for turns across the oncoming traffic
/// (`turn_bias`), plus `u_turn_penalty_s` for a U-turn. Straight on through a junction costs
/// almost nothing, and passing a node where only two roads meet costs nothing. Traffic
/// signals add `traffic_signal_penalty_s` where they stand, at a junction or along a road.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TurnCosts {
    /// Whether routes pay for turns. Off, searches run on the plain junction graph: faster on
    /// very large maps, and about 4% quicker travel times.
    pub enabled: bool,
    /// Seconds for the sharpest turn (OSRM: 7.5).
    pub turn_penalty_s: f64,
    /// Extra seconds for turning back on the same road (OSRM: 20).
    pub u_turn_penalty_s: f64,
    /// Seconds for passing a node tagged `highway=traffic_signals`, in either direction
    /// (OSRM: 2).
    pub traffic_signal_penalty_s: f64,
    /// How much harder a turn across the oncoming traffic is (OSRM: 1.075, at least 1).
    pub turn_bias: f64,
    /// `left` (Indonesia) or `right`: which turns cross the oncoming traffic.
    pub driving_side: DrivingSide,
}

impl Default for TurnCosts {
    fn default() -> TurnCosts {
        TurnCosts {
            enabled: true,
            turn_penalty_s: 7.5,
            u_turn_penalty_s: 20.0,
            traffic_signal_penalty_s: 2.0,
            turn_bias: 1.075,
            driving_side: DrivingSide::Left,
        }
    }
}

impl TurnCosts {
    /// Seconds for a turn of `angle` degrees (-180..=180, positive to the right) at a node
    /// where `roads` roads meet.
    pub fn seconds(&self, angle: f64, roads: usize, u_turn: bool) -> f64 {
        if roads <= 2 && !u_turn {
            return 0.0;
        }
        // Turning across the traffic: right where traffic keeps left, left where it keeps
        // right. That side gets the steeper curve.
        let across = match self.driving_side {
            DrivingSide::Left => angle > 0.0,
            DrivingSide::Right => angle < 0.0,
        };
        let bias = self.turn_bias;
        let (slope, shift) = if across {
            (13.0 * bias, 6.5 / bias)
        } else {
            (13.0 / bias, 6.5 * bias)
        };
        let sharpness = angle.abs() / 180.0;
        let turn = self.turn_penalty_s / (1.0 + (-(slope * sharpness - shift)).exp());
        turn + if u_turn { self.u_turn_penalty_s } else { 0.0 }
    }

    fn validate(&self) -> anyhow::Result<()> {
        for (name, seconds) in [
            ("turn_penalty_s", self.turn_penalty_s),
            ("u_turn_penalty_s", self.u_turn_penalty_s),
            ("traffic_signal_penalty_s", self.traffic_signal_penalty_s),
        ] {
            if !(seconds.is_finite() && (0.0..=3600.0).contains(&seconds)) {
                bail!("turns.{name} = {seconds}: must be a number of seconds from 0 to 3600");
            }
        }
        if !(self.turn_bias.is_finite() && (1.0..=10.0).contains(&self.turn_bias)) {
            bail!(
                "turns.turn_bias = {}: must be a number from 1 to 10 (OSRM uses 1.075)",
                self.turn_bias
            );
        }
        Ok(())
    }
}

fn table(entries: &[(&str, f64)]) -> BTreeMap<String, f64> {
    entries.iter().map(|&(k, v)| (k.to_string(), v)).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// OSRM car.lua `speeds.highway`, plus `track` (used only with `allow_track`).
fn default_speeds() -> BTreeMap<String, f64> {
    table(&[
        ("motorway", 90.0),
        ("motorway_link", 45.0),
        ("trunk", 85.0),
        ("trunk_link", 40.0),
        ("primary", 65.0),
        ("primary_link", 30.0),
        ("secondary", 55.0),
        ("secondary_link", 25.0),
        ("tertiary", 40.0),
        ("tertiary_link", 20.0),
        ("unclassified", 25.0),
        ("residential", 25.0),
        ("living_street", 10.0),
        ("service", 15.0),
        ("track", 15.0),
    ])
}

/// OSRM car.lua `maxspeed_table_default`.
fn default_zones() -> BTreeMap<String, f64> {
    table(&[
        ("urban", 50.0),
        ("rural", 90.0),
        ("trunk", 110.0),
        ("motorway", 130.0),
    ])
}

/// OSRM car.lua `surface_speeds` (paved surfaces have no cap).
fn default_surface() -> BTreeMap<String, f64> {
    table(&[
        ("cement", 80.0),
        ("compacted", 80.0),
        ("fine_gravel", 80.0),
        ("paving_stones", 60.0),
        ("metal", 60.0),
        ("bricks", 60.0),
        ("grass", 40.0),
        ("wood", 40.0),
        ("sett", 40.0),
        ("grass_paver", 40.0),
        ("gravel", 40.0),
        ("unpaved", 40.0),
        ("ground", 40.0),
        ("dirt", 40.0),
        ("pebblestone", 40.0),
        ("tartan", 40.0),
        ("cobblestone", 30.0),
        ("clay", 30.0),
        ("earth", 20.0),
        ("stone", 20.0),
        ("rocky", 20.0),
        ("sand", 20.0),
        ("mud", 10.0),
    ])
}

/// OSRM car.lua `tracktype_speeds`.
fn default_tracktype() -> BTreeMap<String, f64> {
    table(&[
        ("grade1", 60.0),
        ("grade2", 40.0),
        ("grade3", 30.0),
        ("grade4", 25.0),
        ("grade5", 20.0),
    ])
}

/// OSRM car.lua `smoothness_speeds`.
fn default_smoothness() -> BTreeMap<String, f64> {
    table(&[
        ("intermediate", 80.0),
        ("bad", 40.0),
        ("very_bad", 20.0),
        ("horrible", 10.0),
        ("very_horrible", 5.0),
        ("impassable", 0.0),
    ])
}

fn merge<'de, D: Deserializer<'de>>(
    d: D,
    defaults: fn() -> BTreeMap<String, f64>,
) -> Result<BTreeMap<String, f64>, D::Error> {
    let mut merged = defaults();
    merged.extend(BTreeMap::<String, f64>::deserialize(d)?);
    Ok(merged)
}

fn merge_speeds<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    merge(d, default_speeds)
}
fn merge_zones<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    merge(d, default_zones)
}
fn merge_surface<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    merge(d, default_surface)
}
fn merge_tracktype<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    merge(d, default_tracktype)
}
fn merge_smoothness<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    merge(d, default_smoothness)
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            speeds: default_speeds(),
            allow_track: false,
            maxspeed_factor: 0.8,
            maxspeed_zones: default_zones(),
            surface_speeds: default_surface(),
            tracktype_speeds: default_tracktype(),
            smoothness_speeds: default_smoothness(),
            access_tags: strings(&["motorcar", "motor_vehicle", "vehicle", "access"]),
            blocked_access: strings(&[
                "no",
                "private",
                "agricultural",
                "forestry",
                "delivery",
                "emergency",
                "psv",
            ]),
            implied_oneway: strings(&["motorway"]),
            passable_barriers: strings(&[
                "cattle_grid",
                "border_control",
                "toll_booth",
                "sally_port",
                "gate",
                "lift_gate",
                "no",
                "entrance",
                "height_restrictor",
                "arch",
            ]),
            turns: TurnCosts::default(),
        }
    }
}

/// `construction=*` values on a normal highway that still allow driving (OSRM).
const CONSTRUCTION_OK: [&str; 3] = ["no", "widening", "minor"];

/// Keys tried in order for the speed limit (OSRM car.lua).
const MAXSPEED_KEYS: [&str; 4] = [
    "maxspeed:advisory",
    "maxspeed",
    "source:maxspeed",
    "maxspeed:type",
];

/// Keys tried in order for the oneway value: vehicle-specific first (OSRM car.lua).
const ONEWAY_KEYS: [&str; 4] = [
    "oneway:motorcar",
    "oneway:motor_vehicle",
    "oneway:vehicle",
    "oneway",
];

fn tag<'a>(tags: &'a [(String, String)], key: &str) -> Option<&'a str> {
    tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

impl Profile {
    /// Reads a profile from TOML; missing fields keep their defaults.
    pub fn from_toml_file(path: &Path) -> anyhow::Result<Profile> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read profile {}", path.display()))?;
        Self::from_toml_str(&text).with_context(|| format!("in profile {}", path.display()))
    }

    /// Parses and validates a profile from TOML text.
    pub fn from_toml_str(text: &str) -> anyhow::Result<Profile> {
        let profile: Profile = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
        profile.validate()?;
        Ok(profile)
    }

    /// Speeds must be finite and not negative; the maxspeed factor must be positive.
    pub fn validate(&self) -> anyhow::Result<()> {
        let tables = [
            ("speeds", &self.speeds),
            ("maxspeed_zones", &self.maxspeed_zones),
            ("surface_speeds", &self.surface_speeds),
            ("tracktype_speeds", &self.tracktype_speeds),
            ("smoothness_speeds", &self.smoothness_speeds),
        ];
        for (name, table) in tables {
            for (key, &kmh) in table {
                if !kmh.is_finite() || kmh < 0.0 {
                    bail!("{name}.{key} = {kmh}: a speed must be a number of km/h, 0 or more");
                }
            }
        }
        if !(self.maxspeed_factor.is_finite() && self.maxspeed_factor > 0.0) {
            bail!(
                "maxspeed_factor = {}: must be a positive number (OSRM uses 0.8)",
                self.maxspeed_factor
            );
        }
        self.turns.validate()
    }

    /// The ids of the barrier nodes that stop a van (OSRM car.lua's rules): the node's
    /// access tags decide if present; otherwise any barrier not in `passable_barriers`, but
    /// a rising bollard and a lowered or flush kerb let it pass.
    pub fn blocking(&self, barriers: &[(i64, Vec<(String, String)>)]) -> Vec<i64> {
        barriers
            .iter()
            .filter(|(_, tags)| {
                if let Some(access) = self.access_tags.iter().find_map(|k| tag(tags, k)) {
                    return self.blocked_access.iter().any(|b| b == access);
                }
                let barrier = tag(tags, "barrier").unwrap_or_default();
                let rising = tag(tags, "bollard") == Some("rising");
                let flat_kerb = matches!(tag(tags, "kerb"), Some("lowered" | "flush"));
                !(self.passable_barriers.iter().any(|b| b == barrier) || rising || flat_kerb)
            })
            .map(|(id, _)| *id)
            .collect()
    }

    /// `None` when a van may not use the way.
    pub fn classify(&self, tags: &[(String, String)]) -> Option<WayRule> {
        let class = tag(tags, "highway")?;
        if class == "track" && !self.allow_track {
            return None;
        }
        if self.is_blocked(tags) || !self.access_allowed(tags) {
            return None;
        }
        let mut speed = *self.speeds.get(class)?;
        if let Some(limit) = MAXSPEED_KEYS
            .iter()
            .find_map(|k| tag(tags, k))
            .and_then(|v| self.parse_maxspeed(v))
        {
            speed = limit * self.maxspeed_factor;
        }
        let caps = [
            ("surface", &self.surface_speeds),
            ("tracktype", &self.tracktype_speeds),
            ("smoothness", &self.smoothness_speeds),
        ];
        for (key, caps) in caps {
            if let Some(&cap) = tag(tags, key).and_then(|v| caps.get(v)) {
                speed = speed.min(cap);
            }
        }
        if speed <= 0.0 {
            return None;
        }
        let direction = self.direction(class, tags)?;
        Some(WayRule {
            class: class.to_string(),
            speed_kmh: speed,
            direction,
        })
    }

    fn is_blocked(&self, tags: &[(String, String)]) -> bool {
        let is = |key: &str, value: &str| tag(tags, key) == Some(value);
        matches!(tag(tags, "highway"), Some("construction" | "proposed"))
            || tag(tags, "construction").is_some_and(|v| !CONSTRUCTION_OK.contains(&v))
            || is("area", "yes")
            || is("impassable", "yes")
            || is("status", "impassable")
            || is("service", "emergency_access")
    }

    fn access_allowed(&self, tags: &[(String, String)]) -> bool {
        match self.access_tags.iter().find_map(|k| tag(tags, k)) {
            Some(value) => !self.blocked_access.iter().any(|b| b == value),
            None => true,
        }
    }

    /// `None` for `oneway=reversible` (direction changes during the day).
    fn direction(&self, class: &str, tags: &[(String, String)]) -> Option<Direction> {
        match ONEWAY_KEYS.iter().find_map(|k| tag(tags, k)) {
            Some("yes" | "1" | "true") => return Some(Direction::Forward),
            Some("-1" | "reverse") => return Some(Direction::Backward),
            Some("no" | "false" | "0") => return Some(Direction::Both),
            Some("reversible") => return None,
            _ => {}
        }
        let roundabout = matches!(tag(tags, "junction"), Some("roundabout" | "circular"));
        if roundabout || self.implied_oneway.iter().any(|c| c == class) {
            Some(Direction::Forward)
        } else {
            Some(Direction::Both)
        }
    }

    /// km/h from a maxspeed value: `50`, `50 mph`, `20 knots`, or a zone code such as
    /// `ID:urban`. `None` for `none`, `signals`, `walk` and anything unknown.
    fn parse_maxspeed(&self, value: &str) -> Option<f64> {
        let value = value.trim().to_ascii_lowercase();
        let digits = value
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(value.len());
        if let Ok(number) = value[..digits].parse::<f64>() {
            let unit = value[digits..].trim_start();
            let factor = if unit.starts_with("mph") || unit.starts_with("mp/h") {
                1.609344
            } else if unit.starts_with("knots") {
                1.852
            } else {
                1.0
            };
            return (number > 0.0 && number.is_finite()).then_some(number * factor);
        }
        let zone = value.split_once(':').map_or(value.as_str(), |(_, z)| z);
        self.maxspeed_zones
            .get(&value)
            .or_else(|| self.maxspeed_zones.get(zone))
            .copied()
            .filter(|&kmh| kmh > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn rule(pairs: &[(&str, &str)]) -> Option<WayRule> {
        Profile::default().classify(&tags(pairs))
    }

    fn speed(pairs: &[(&str, &str)]) -> f64 {
        rule(pairs).expect("usable way").speed_kmh
    }

    fn direction(pairs: &[(&str, &str)]) -> Direction {
        rule(pairs).expect("usable way").direction
    }

    #[test]
    fn class_speeds_are_osrm_car_defaults() {
        let expected = [
            ("motorway", 90.0),
            ("motorway_link", 45.0),
            ("trunk", 85.0),
            ("trunk_link", 40.0),
            ("primary", 65.0),
            ("primary_link", 30.0),
            ("secondary", 55.0),
            ("secondary_link", 25.0),
            ("tertiary", 40.0),
            ("tertiary_link", 20.0),
            ("unclassified", 25.0),
            ("residential", 25.0),
            ("living_street", 10.0),
            ("service", 15.0),
        ];
        for (class, kmh) in expected {
            let r = rule(&[("highway", class)]).unwrap();
            assert_eq!(r.class, class);
            assert_eq!(r.speed_kmh, kmh, "{class}");
        }
    }

    #[test]
    fn non_road_classes_are_unusable() {
        for class in [
            "footway",
            "path",
            "cycleway",
            "steps",
            "pedestrian",
            "bridleway",
        ] {
            assert_eq!(rule(&[("highway", class)]), None, "{class}");
        }
        assert_eq!(rule(&[("name", "Jalan Pahlawan")]), None, "no highway tag");
    }

    #[test]
    fn track_needs_the_switch() {
        assert_eq!(rule(&[("highway", "track")]), None);
        let profile = Profile {
            allow_track: true,
            ..Profile::default()
        };
        let r = profile.classify(&tags(&[("highway", "track")])).unwrap();
        assert_eq!(r.speed_kmh, 15.0);
        let grade5 = tags(&[("highway", "track"), ("tracktype", "grade5")]);
        assert_eq!(profile.classify(&grade5).unwrap().speed_kmh, 15.0);
        let mut fast = profile.clone();
        fast.speeds.insert("track".into(), 50.0);
        assert_eq!(
            fast.classify(&grade5).unwrap().speed_kmh,
            20.0,
            "grade5 caps"
        );
    }

    #[test]
    fn access_chain_most_specific_tag_decides() {
        assert_eq!(rule(&[("highway", "residential"), ("access", "no")]), None);
        for blocked in ["no", "private", "agricultural", "forestry", "delivery"] {
            assert_eq!(
                rule(&[("highway", "residential"), ("access", blocked)]),
                None,
                "{blocked}"
            );
        }
        // A more specific tag overrides a less specific one, in both directions.
        let allowed = [
            [("access", "no"), ("vehicle", "yes")],
            [("vehicle", "no"), ("motor_vehicle", "yes")],
            [("motor_vehicle", "private"), ("motorcar", "designated")],
            [("access", "private"), ("motorcar", "destination")],
        ];
        for pair in allowed {
            let mut t = vec![("highway", "residential")];
            t.extend(pair);
            assert!(rule(&t).is_some(), "{pair:?}");
        }
        let blocked = [
            [("access", "yes"), ("vehicle", "no")],
            [("vehicle", "yes"), ("motor_vehicle", "agricultural")],
            [("motor_vehicle", "yes"), ("motorcar", "no")],
        ];
        for pair in blocked {
            let mut t = vec![("highway", "residential")];
            t.extend(pair);
            assert_eq!(rule(&t), None, "{pair:?}");
        }
        // Tags outside the chain do not matter for a van.
        assert!(
            rule(&[
                ("highway", "residential"),
                ("bicycle", "no"),
                ("foot", "no")
            ])
            .is_some()
        );
        assert!(rule(&[("highway", "service"), ("access", "customers")]).is_some());
    }

    #[test]
    fn oneway_variants() {
        for v in ["yes", "1", "true"] {
            assert_eq!(
                direction(&[("highway", "residential"), ("oneway", v)]),
                Direction::Forward
            );
        }
        for v in ["-1", "reverse"] {
            assert_eq!(
                direction(&[("highway", "residential"), ("oneway", v)]),
                Direction::Backward
            );
        }
        for v in ["no", "false", "0", "alternating"] {
            assert_eq!(
                direction(&[("highway", "residential"), ("oneway", v)]),
                Direction::Both
            );
        }
        assert_eq!(direction(&[("highway", "residential")]), Direction::Both);
        assert_eq!(
            rule(&[("highway", "primary"), ("oneway", "reversible")]),
            None
        );
        // Vehicle-specific oneway beats the general one.
        assert_eq!(
            direction(&[
                ("highway", "residential"),
                ("oneway", "yes"),
                ("oneway:motor_vehicle", "no")
            ]),
            Direction::Both
        );
    }

    #[test]
    fn oneway_implied_on_motorway_and_roundabouts() {
        assert_eq!(direction(&[("highway", "motorway")]), Direction::Forward);
        assert_eq!(
            direction(&[("highway", "motorway"), ("oneway", "no")]),
            Direction::Both
        );
        // OSRM does not imply oneway on links.
        assert_eq!(direction(&[("highway", "motorway_link")]), Direction::Both);
        for junction in ["roundabout", "circular"] {
            assert_eq!(
                direction(&[("highway", "tertiary"), ("junction", junction)]),
                Direction::Forward
            );
            assert_eq!(
                direction(&[
                    ("highway", "tertiary"),
                    ("junction", junction),
                    ("oneway", "no")
                ]),
                Direction::Both
            );
            assert_eq!(
                direction(&[
                    ("highway", "tertiary"),
                    ("junction", junction),
                    ("oneway", "-1")
                ]),
                Direction::Backward
            );
        }
    }

    #[test]
    fn construction_and_areas_are_excluded() {
        assert_eq!(rule(&[("highway", "construction")]), None);
        assert_eq!(
            rule(&[("highway", "construction"), ("construction", "primary")]),
            None
        );
        assert_eq!(rule(&[("highway", "proposed")]), None);
        assert_eq!(
            rule(&[("highway", "primary"), ("construction", "yes")]),
            None
        );
        for ok in CONSTRUCTION_OK {
            assert!(rule(&[("highway", "primary"), ("construction", ok)]).is_some());
        }
        assert_eq!(rule(&[("highway", "service"), ("area", "yes")]), None);
        assert!(rule(&[("highway", "service"), ("area", "no")]).is_some());
        assert_eq!(rule(&[("highway", "primary"), ("impassable", "yes")]), None);
        assert_eq!(
            rule(&[("highway", "primary"), ("status", "impassable")]),
            None
        );
        assert_eq!(
            rule(&[("highway", "service"), ("service", "emergency_access")]),
            None
        );
    }

    #[test]
    fn maxspeed_replaces_class_speed() {
        let r = |v: &str| speed(&[("highway", "primary"), ("maxspeed", v)]);
        assert_eq!(r("50"), 40.0);
        assert_eq!(r("100"), 80.0, "higher than the class speed, as in OSRM");
        assert!((r("30 mph") - 30.0 * 1.609344 * 0.8).abs() < 1e-9);
        assert!((r("30mph") - 30.0 * 1.609344 * 0.8).abs() < 1e-9);
        assert!((r("10 knots") - 10.0 * 1.852 * 0.8).abs() < 1e-9);
        assert_eq!(r("60;40"), 48.0, "first of several values");
        assert_eq!(r("ID:urban"), 40.0);
        assert_eq!(r("DE:rural"), 72.0);
        for ignored in ["none", "signals", "walk", "", "0", "fast"] {
            assert_eq!(r(ignored), 65.0, "{ignored:?}");
        }
        // Zone codes in source:maxspeed, used when maxspeed is absent.
        assert_eq!(
            speed(&[("highway", "primary"), ("source:maxspeed", "ID:urban")]),
            40.0
        );
        assert_eq!(
            speed(&[
                ("highway", "primary"),
                ("maxspeed", "70"),
                ("source:maxspeed", "ID:urban")
            ]),
            56.0
        );
        // A full code in the table beats the suffix.
        let mut p = Profile::default();
        p.maxspeed_zones.insert("id:rural".into(), 80.0);
        let t = tags(&[("highway", "primary"), ("maxspeed", "ID:rural")]);
        assert_eq!(p.classify(&t).unwrap().speed_kmh, 64.0);
    }

    #[test]
    fn surface_smoothness_and_tracktype_cap_speed() {
        let s = |surface: &str| speed(&[("highway", "primary"), ("surface", surface)]);
        assert_eq!(s("asphalt"), 65.0);
        assert_eq!(s("compacted"), 65.0, "cap 80 above class speed");
        assert_eq!(s("gravel"), 40.0);
        assert_eq!(s("unpaved"), 40.0);
        assert_eq!(s("dirt"), 40.0);
        assert_eq!(s("ground"), 40.0);
        assert_eq!(s("grass"), 40.0);
        assert_eq!(s("sand"), 20.0);
        assert_eq!(s("mud"), 10.0);
        assert_eq!(s("cobblestone"), 30.0);
        // Residential at 25 is below most caps.
        assert_eq!(
            speed(&[("highway", "residential"), ("surface", "gravel")]),
            25.0
        );
        // Caps apply after maxspeed.
        assert_eq!(
            speed(&[
                ("highway", "primary"),
                ("maxspeed", "100"),
                ("surface", "gravel")
            ]),
            40.0
        );
        assert_eq!(
            speed(&[("highway", "primary"), ("smoothness", "very_bad")]),
            20.0
        );
        assert_eq!(
            speed(&[("highway", "primary"), ("tracktype", "grade3")]),
            30.0
        );
        assert_eq!(
            rule(&[("highway", "primary"), ("smoothness", "impassable")]),
            None
        );
    }

    #[test]
    fn toml_merges_into_defaults() {
        let p = Profile::from_toml_str(
            "allow_track = true\n[speeds]\ntrack = 20\nservice = 0\n[surface_speeds]\ngravel = 15\n",
        )
        .unwrap();
        assert!(p.allow_track);
        assert_eq!(p.speeds["track"], 20.0);
        assert_eq!(
            p.speeds["primary"], 65.0,
            "other classes keep their default"
        );
        assert_eq!(
            p.classify(&tags(&[("highway", "service")])),
            None,
            "speed 0"
        );
        let gravel = tags(&[("highway", "track"), ("surface", "gravel")]);
        assert_eq!(p.classify(&gravel).unwrap().speed_kmh, 15.0);
        assert_eq!(Profile::from_toml_str("").unwrap(), Profile::default());
    }

    #[test]
    fn toml_errors_name_the_problem() {
        let err = Profile::from_toml_str("allow_trak = true\n").unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("allow_trak") && msg.contains("line 1"),
            "{msg}"
        );
        let err = Profile::from_toml_str("[speeds]\nprimary = -5\n").unwrap_err();
        assert!(format!("{err:#}").contains("speeds.primary"), "{err:#}");
        let err = Profile::from_toml_str("maxspeed_factor = 0\n").unwrap_err();
        assert!(format!("{err:#}").contains("maxspeed_factor"), "{err:#}");
        let err = Profile::from_toml_str("[speeds]\nprimary = \"fast\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("line 2"), "{err:#}");
    }

    #[test]
    fn turn_settings_are_read_and_out_of_range_values_refused() {
        let p =
            Profile::from_toml_str("[turns]\ndriving_side = \"right\"\nu_turn_penalty_s = 30\n")
                .unwrap();
        assert_eq!(p.turns.driving_side, DrivingSide::Right);
        assert_eq!(p.turns.u_turn_penalty_s, 30.0);
        assert_eq!(p.turns.turn_penalty_s, 7.5, "the rest keep their defaults");
        for (toml, setting) in [
            ("[turns]\nturn_penalty_s = -1\n", "turns.turn_penalty_s"),
            (
                "[turns]\nu_turn_penalty_s = 1e9\n",
                "turns.u_turn_penalty_s",
            ),
            ("[turns]\nturn_bias = 0.5\n", "turns.turn_bias"),
            ("[turns]\ndriving_side = \"middle\"\n", "middle"),
            ("[turns]\nenable = false\n", "enable"),
        ] {
            let err = format!("{:#}", Profile::from_toml_str(toml).unwrap_err());
            assert!(err.contains(setting), "{toml}: {err}");
        }
    }

    #[test]
    fn barriers_stop_a_van_unless_passable_or_open_to_it() {
        let node = |id: i64, pairs: &[(&str, &str)]| (id, tags(pairs));
        let barriers = [
            node(1, &[("barrier", "bollard")]),
            node(2, &[("barrier", "gate")]),
            node(3, &[("barrier", "gate"), ("access", "private")]),
            node(4, &[("barrier", "bollard"), ("motor_vehicle", "yes")]),
            node(5, &[("barrier", "bollard"), ("bollard", "rising")]),
            node(6, &[("barrier", "kerb"), ("kerb", "lowered")]),
            node(7, &[("barrier", "block")]),
        ];
        assert_eq!(Profile::default().blocking(&barriers), vec![1, 3, 7]);
        let open = Profile::from_toml_str("passable_barriers = [\"bollard\"]\n").unwrap();
        assert_eq!(open.blocking(&barriers), vec![2, 3, 7]);
    }

    #[test]
    fn toml_file_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("van.toml");
        std::fs::write(&path, "\n\nallow_track = maybe\n").unwrap();
        let msg = format!("{:#}", Profile::from_toml_file(&path).unwrap_err());
        assert!(msg.contains("van.toml") && msg.contains("line 3"), "{msg}");
        let missing = dir.path().join("missing.toml");
        let msg = format!("{:#}", Profile::from_toml_file(&missing).unwrap_err());
        assert!(msg.contains("missing.toml"), "{msg}");
    }

    #[test]
    fn shipped_profile_file_equals_the_defaults() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/maps/profile-van.toml"
        ));
        let shipped = Profile::from_toml_file(path).unwrap();
        assert_eq!(shipped, Profile::default());
        // Tables merge into the defaults, so also check that the file spells out every entry.
        let raw: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
        let defaults = Profile::default();
        let tables = [
            ("speeds", &defaults.speeds),
            ("maxspeed_zones", &defaults.maxspeed_zones),
            ("surface_speeds", &defaults.surface_speeds),
            ("tracktype_speeds", &defaults.tracktype_speeds),
            ("smoothness_speeds", &defaults.smoothness_speeds),
        ];
        for (name, table) in tables {
            let mut keys: Vec<&String> = raw[name].as_table().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, table.keys().collect::<Vec<_>>(), "{name}");
        }
    }
}
