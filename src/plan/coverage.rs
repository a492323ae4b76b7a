//! How far the plan reaches each kecamatan: the people its stops hold (the target: people
//! still without a KTP-el recording) against the people the plan records there.

use std::collections::BTreeMap;

use super::model::Plan;
use crate::groups::People;
use crate::scenario::Scenario;

/// One kecamatan's target and what the plan records there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    /// The kecamatan's name, empty for stops that give none.
    pub kecamatan: String,
    pub target: People,
    pub achieved: People,
    pub stops: usize,
    pub stops_visited: usize,
}

/// Every kecamatan of the scenario's stops, by name.
pub fn by_kecamatan(plan: &Plan, scenario: &Scenario) -> Vec<Coverage> {
    let mut rows: BTreeMap<&str, Coverage> = BTreeMap::new();
    for stop in &scenario.stops {
        let row = rows.entry(&stop.kecamatan).or_default();
        row.target += stop.people;
        row.stops += 1;
    }
    let mut visited = vec![false; scenario.stops.len()];
    for (_, v) in plan.visits() {
        let kecamatan = &scenario.stops[v.stop.index].kecamatan;
        let row = rows.entry(kecamatan).or_default();
        row.achieved += v.people;
        if !visited[v.stop.index] {
            visited[v.stop.index] = true;
            row.stops_visited += 1;
        }
    }
    rows.into_iter()
        .map(|(name, row)| Coverage {
            kecamatan: name.to_string(),
            ..row
        })
        .collect()
}
