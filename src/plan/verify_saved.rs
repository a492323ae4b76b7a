//! `jempol verify SCENARIO PLAN.json`: rebuilds the routes from the file, runs the
//! independent verifier on them, rebuilds the plan from the verified schedule and checks that
//! every field of the file (times, counts, km, totals, the unvisited list and its reasons) is
//! the recomputed one. Van-days are paired by van and date, so their order does not matter.

use std::path::Path;

use super::model::{Plan, SCHEMA, VanDay, build};
use crate::clock::Clock;
use crate::i18n::{Lang, Text, UserError, tr};
use crate::scenario::{self, Prepared};
use crate::solve::Solution;

/// Returns a one-line confirmation, or an error naming every problem.
pub fn run_verify(scenario_path: &Path, plan_path: &Path) -> anyhow::Result<String> {
    run_verify_in(scenario_path, plan_path, Lang::En)
}

/// [`run_verify`] with the confirmation in `lang` (errors carry both languages).
pub fn run_verify_in(scenario_path: &Path, plan_path: &Path, lang: Lang) -> anyhow::Result<String> {
    let plan = read_plan(plan_path)?;
    let prepared = scenario::prepare(scenario_path)?;
    let solution = routes(&prepared, &plan)
        .map_err(|problems| listed(plan_path, &super::rejected_text(), &problems))?;
    let verified = super::checked(&prepared, &solution)?;
    let rebuilt = build(&prepared, &verified);
    let problems = differences(&plan, &rebuilt);
    if !problems.is_empty() {
        let lead = tr(
            "the plan file differs from the plan recomputed from its routes",
            "berkas rencana berbeda dari rencana yang dihitung ulang dari rutenya",
        );
        return Err(listed(plan_path, &lead, &problems).into());
    }
    let visits = lang.int(rebuilt.visits().count() as u64);
    let van_days = rebuilt
        .van_days
        .iter()
        .filter(|d| !d.visits.is_empty())
        .count();
    let van_days = lang.int(van_days as u64);
    let people = lang.int(rebuilt.totals.served.total_u64());
    let km = lang.dec(rebuilt.totals.distance_m / 1000.0, 1);
    Ok(match lang {
        Lang::En => format!(
            "plan verified: {visits} visits on {van_days} van-days, {people} people, {km} km"
        ),
        Lang::Id => format!(
            "rencana terverifikasi: {visits} kunjungan pada {van_days} hari kerja mobil, {people} orang, {km} km"
        ),
    })
}

/// Reads a plan.json; a file of another schema or shape is an error naming the file.
pub fn read_plan(path: &Path) -> anyhow::Result<Plan> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| {
        UserError::caused(
            tr(
                format!("cannot read {shown}"),
                format!("{shown} tidak dapat dibaca"),
            ),
            e,
        )
    })?;
    #[derive(serde::Deserialize)]
    struct Schema {
        schema: String,
    }
    if let Ok(Schema { schema }) = serde_json::from_str::<Schema>(&text)
        && schema != SCHEMA
    {
        return Err(UserError::new(tr(
            format!("{shown}: schema `{schema}`, expected `{SCHEMA}`; plan the scenario again"),
            format!(
                "{shown}: skema `{schema}`, seharusnya `{SCHEMA}`; buat rencana skenario ini lagi"
            ),
        ))
        .into());
    }
    serde_json::from_str(&text).map_err(|e| {
        UserError::caused(
            tr(
                format!("{shown}: not a jempol plan.json"),
                format!("{shown}: bukan plan.json dari jempol"),
            ),
            e,
        )
        .into()
    })
}

/// The routes of the file as a solution of the scenario's instance: each van-day is found by
/// van and date, each visit by stop and part.
fn routes(prepared: &Prepared, plan: &Plan) -> Result<Solution, Vec<Text>> {
    let (built, scenario) = (&prepared.built, &prepared.scenario);
    let mut solution = Solution {
        routes: vec![Vec::new(); built.instance.tours.len()],
    };
    let mut seen = vec![false; built.tours.len()];
    let mut problems = Vec::new();
    for day in &plan.van_days {
        let van_day = format!("{} {}", day.van.name, day.date);
        let tour = built
            .tours
            .iter()
            .position(|t| t.date == day.date && scenario.vans[t.van].name == day.van.name);
        let Some(tour) = tour else {
            problems.push(tr(
                format!(
                    "van `{}` does not work on {} in this scenario",
                    day.van.name, day.date
                ),
                format!(
                    "mobil `{}` tidak bekerja pada {} dalam skenario ini",
                    day.van.name,
                    Lang::Id.date_long(day.date)
                ),
            ));
            continue;
        };
        if std::mem::replace(&mut seen[tour], true) {
            problems.push(tr(
                format!("{van_day} appears twice"),
                format!("{van_day} muncul dua kali"),
            ));
        }
        for v in &day.visits {
            let job = built.jobs.iter().position(|j| {
                j.part == v.part && j.parts == v.parts && scenario.stops[j.stop].name == v.stop.name
            });
            match job {
                Some(j) => solution.routes[tour].push(j),
                None => {
                    let stop = &v.stop.name;
                    problems.push(tr(
                        format!(
                            "{van_day}: `{stop}` part {}/{} is not a stop of this scenario",
                            v.part, v.parts
                        ),
                        format!(
                            "{van_day}: `{stop}` tahap {} dari {} bukan titik layanan skenario ini",
                            v.part, v.parts
                        ),
                    ))
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(solution)
    } else {
        Err(problems)
    }
}

/// Equal up to rounding in the last digits (a file may have been re-saved by another tool).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every field of `file` that differs from `rebuilt`, in the planner's units.
fn differences(file: &Plan, rebuilt: &Plan) -> Vec<Text> {
    let mut out = Vec::new();
    let mut differ = |what: String, said: String, is: String| {
        out.push(tr(
            format!("{what}: the file says {said}, recomputed {is}"),
            format!("{what}: berkas menulis {said}, hitung ulang {is}"),
        ));
    };
    let hm = |c: Clock| c.to_string();
    let km = |m: f64| format!("{:.3} km", m / 1000.0);
    let minutes = |s: f64| format!("{:.1} min", s / 60.0);
    if file.scenario.name != rebuilt.scenario.name {
        differ(
            "scenario".into(),
            file.scenario.name.clone(),
            rebuilt.scenario.name.clone(),
        );
    }
    for day in &rebuilt.van_days {
        let Some(said) = file
            .van_days
            .iter()
            .find(|d| d.van.name == day.van.name && d.date == day.date)
        else {
            if !day.visits.is_empty() {
                differ(
                    format!("{} {}", day.van.name, day.date),
                    "nothing".into(),
                    format!("{} visits", day.visits.len()),
                );
            }
            continue;
        };
        day_differences(said, day, &mut differ, hm, km, minutes);
    }
    let t = (&file.totals, &rebuilt.totals);
    if !same(t.0.value, t.1.value) {
        differ(
            "total value".into(),
            t.0.value.to_string(),
            t.1.value.to_string(),
        );
    }
    if !same(t.0.distance_m, t.1.distance_m) {
        differ(
            "total distance".into(),
            km(t.0.distance_m),
            km(t.1.distance_m),
        );
    }
    for (what, a, b) in [
        ("total driving", t.0.drive_seconds, t.1.drive_seconds),
        ("total working time", t.0.work_seconds, t.1.work_seconds),
    ] {
        if !same(a, b) {
            differ(what.into(), minutes(a), minutes(b));
        }
    }
    for (what, a, b) in [
        ("stops", t.0.stops, t.1.stops),
        ("stops visited", t.0.stops_visited, t.1.stops_visited),
        (
            "stops partly visited",
            t.0.stops_partly_visited,
            t.1.stops_partly_visited,
        ),
        ("stops unvisited", t.0.stops_unvisited, t.1.stops_unvisited),
    ] {
        if a != b {
            differ(what.into(), a.to_string(), b.to_string());
        }
    }
    for (what, a, b) in [
        ("people served", t.0.served, t.1.served),
        ("people in the scenario", t.0.demand, t.1.demand),
    ] {
        if a != b {
            differ(what.into(), people_text(&a), people_text(&b));
        }
    }
    let key = |u: &super::model::Unvisited| (u.stop.name.clone(), u.part);
    let mut said: Vec<_> = file.unvisited.iter().collect();
    said.sort_by_key(|u| key(u));
    let mut is: Vec<_> = rebuilt.unvisited.iter().collect();
    is.sort_by_key(|u| key(u));
    if said.len() != is.len() {
        differ(
            "stops left out".into(),
            said.len().to_string(),
            is.len().to_string(),
        );
    }
    for (a, b) in said.iter().zip(&is) {
        let what = format!("left out `{}` part {}/{}", b.stop.name, b.part, b.parts);
        if key(a) != key(b) {
            differ(
                what,
                format!("`{}` part {}", a.stop.name, a.part),
                "it".into(),
            );
        } else if a.reason != b.reason {
            differ(what, Lang::En.why(&a.reason), Lang::En.why(&b.reason));
        } else if a.people != b.people || !same(a.value, b.value) {
            differ(what, people_text(&a.people), people_text(&b.people));
        }
    }
    out
}

fn day_differences(
    said: &VanDay,
    day: &VanDay,
    differ: &mut impl FnMut(String, String, String),
    hm: impl Fn(Clock) -> String,
    km: impl Fn(f64) -> String,
    minutes: impl Fn(f64) -> String,
) {
    let name = format!("{} {}", day.van.name, day.date);
    if said.depart != day.depart {
        differ(
            format!("{name}: departure"),
            hm(said.depart),
            hm(day.depart),
        );
    }
    if said.back != day.back {
        differ(format!("{name}: return"), hm(said.back), hm(day.back));
    }
    if !same(said.distance_m, day.distance_m) {
        differ(
            format!("{name}: distance"),
            km(said.distance_m),
            km(day.distance_m),
        );
    }
    if !same(said.drive_seconds, day.drive_seconds) {
        differ(
            format!("{name}: driving"),
            minutes(said.drive_seconds),
            minutes(day.drive_seconds),
        );
    }
    if said.people != day.people {
        differ(
            format!("{name}: people"),
            people_text(&said.people),
            people_text(&day.people),
        );
    }
    for (v, r) in said.visits.iter().zip(&day.visits) {
        let visit = format!("{name} {}", r.stop.name);
        for (what, a, b) in [
            ("arrival", v.arrive, r.arrive),
            ("start", v.start, r.start),
            ("end", v.end, r.end),
        ] {
            if a != b {
                differ(format!("{visit}: {what}"), hm(a), hm(b));
            }
        }
        if v.people != r.people {
            differ(
                format!("{visit}: people"),
                people_text(&v.people),
                people_text(&r.people),
            );
        }
        if !same(v.value, r.value) {
            differ(
                format!("{visit}: value"),
                v.value.to_string(),
                r.value.to_string(),
            );
        }
        if v.location != r.location {
            let at = |p: crate::map::LatLon| format!("{:.6},{:.6}", p.lat, p.lon);
            differ(format!("{visit}: location"), at(v.location), at(r.location));
        }
    }
}

fn people_text(people: &crate::groups::People) -> String {
    let parts: Vec<String> = people.iter().map(|(g, n)| format!("{g} {n}")).collect();
    parts.join(", ")
}

/// "PLAN: LEAD:" and one problem per line, in both languages.
fn listed(plan_path: &Path, lead: &Text, problems: &[Text]) -> UserError {
    let shown = plan_path.display();
    let lines = |lang: Lang| {
        let lines: Vec<&str> = problems.iter().map(|p| p.get(lang)).collect();
        format!("{shown}: {}:\n  {}", lead.get(lang), lines.join("\n  "))
    };
    UserError::new(tr(lines(Lang::En), lines(Lang::Id)))
}
