//! `jempol verify SCENARIO PLAN.json`: rebuilds the plan from its file and runs the
//! independent verifier on it, then checks that the times in the file are the ones it
//! recomputes.

use std::path::Path;

use super::report::{PlanReport, SCHEMA};
use crate::i18n::{Lang, Text, UserError, tr};
use crate::scenario;
use crate::scenario::units::format_time_of_day;
use crate::solve::Solution;

/// Returns a one-line confirmation, or an error naming every problem.
pub fn run_verify(scenario_path: &Path, plan_path: &Path) -> anyhow::Result<String> {
    run_verify_in(scenario_path, plan_path, Lang::En)
}

/// [`run_verify`] with the confirmation in `lang` (errors carry both languages).
pub fn run_verify_in(scenario_path: &Path, plan_path: &Path, lang: Lang) -> anyhow::Result<String> {
    let shown = plan_path.display();
    let text = std::fs::read_to_string(plan_path).map_err(|e| {
        UserError::caused(
            tr(
                format!("cannot read {shown}"),
                format!("{shown} tidak dapat dibaca"),
            ),
            e,
        )
    })?;
    let plan: PlanReport = serde_json::from_str(&text).map_err(|e| {
        UserError::caused(
            tr(
                format!("{shown}: not a jempol plan.json"),
                format!("{shown}: bukan plan.json dari jempol"),
            ),
            e,
        )
    })?;
    if plan.schema != SCHEMA {
        let schema = &plan.schema;
        return Err(UserError::new(tr(
            format!("{shown}: schema `{schema}`, expected `{SCHEMA}`"),
            format!("{shown}: skema `{schema}`, seharusnya `{SCHEMA}`"),
        ))
        .into());
    }
    let prepared = scenario::prepare(scenario_path)?;
    let built = &prepared.built;
    let scenario = &prepared.scenario;
    let mut solution = Solution {
        routes: vec![Vec::new(); built.instance.tours.len()],
    };
    let mut problems = Vec::new();
    for day in &plan.van_days {
        let tour = built
            .tours
            .iter()
            .position(|t| t.date == day.date && scenario.vans[t.van].name == day.van);
        let Some(tour) = tour else {
            if !day.visits.is_empty() {
                problems.push(tr(
                    format!(
                        "van `{}` does not work on {} in this scenario",
                        day.van, day.date
                    ),
                    format!(
                        "mobil `{}` tidak bekerja pada {} dalam skenario ini",
                        day.van,
                        Lang::Id.date_long(day.date)
                    ),
                ));
            }
            continue;
        };
        for v in &day.visits {
            match built.instance.jobs.iter().position(|j| j.name == v.job) {
                Some(j) => solution.routes[tour].push(j),
                None => {
                    let (van_day, job) = (format!("{} {}", day.van, day.date), &v.job);
                    problems.push(tr(
                        format!("{van_day}: `{job}` is not a stop of this scenario"),
                        format!("{van_day}: `{job}` bukan titik layanan skenario ini"),
                    ))
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(listed(plan_path, &super::rejected_text(), &problems).into());
    }
    let verified = super::checked(&prepared, &solution)?;
    for (day, schedule) in plan.van_days.iter().zip(&verified.tours) {
        for (v, r) in day.visits.iter().zip(&schedule.visits) {
            let recomputed = [
                format_time_of_day(r.arrive),
                format_time_of_day(r.start),
                format_time_of_day(r.end),
            ];
            if [&v.arrive, &v.start, &v.end] != [&recomputed[0], &recomputed[1], &recomputed[2]] {
                let visit = format!("{} {} {}", day.van, day.date, v.job);
                let file = format!("{}/{}/{}", v.arrive, v.start, v.end);
                let again = recomputed.join("/");
                problems.push(tr(
                    format!("{visit}: file says {file}, recomputed {again}"),
                    format!("{visit}: berkas menulis {file}, hitung ulang {again}"),
                ));
            }
        }
    }
    if !problems.is_empty() {
        let lead = tr(
            "the recomputed times differ from the plan file",
            "waktu hasil hitung ulang berbeda dari berkas rencana",
        );
        return Err(listed(plan_path, &lead, &problems).into());
    }
    let visits: usize = plan.van_days.iter().map(|d| d.visits.len()).sum();
    let van_days = plan
        .van_days
        .iter()
        .filter(|d| !d.visits.is_empty())
        .count();
    let (visits, van_days) = (lang.int(visits as u64), lang.int(van_days as u64));
    let (value, km) = (
        lang.dec(verified.value, 0),
        lang.dec(verified.distance / 1000.0, 1),
    );
    Ok(match lang {
        Lang::En => {
            format!("plan verified: {visits} visits on {van_days} van-days, value {value}, {km} km")
        }
        Lang::Id => format!(
            "rencana terverifikasi: {visits} kunjungan pada {van_days} hari kerja mobil, nilai {value}, {km} km"
        ),
    })
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
