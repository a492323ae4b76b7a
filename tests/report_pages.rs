//! The pages for people that `jempol plan` writes: report.html, day sheets, announcements and
//! GeoJSON, in English and Bahasa Indonesia (the browser checks are in report_chromium.rs).

use std::path::{Path, PathBuf};
use std::time::Duration;

use jempol::export::{PlanRun, run_plan};
use jempol::i18n::Lang;
use jempol::plan::PlanOptions;

fn magetan_week() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-week.toml")
}

fn plan(scenario: &Path, out: &Path, lang: Lang) -> anyhow::Result<PlanRun> {
    let options = PlanOptions {
        out: Some(out.to_path_buf()),
        time_limit: Some(Duration::ZERO),
        ..PlanOptions::default()
    };
    run_plan(scenario, &options, lang)
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn geojson_has_lon_lat_points_for_stops_and_a_line_per_van_day() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::En).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&read(dir.path().join("plan.geojson"))).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    let of_kind = |kind: &str| {
        features
            .iter()
            .filter(|f| f["properties"]["kind"] == kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(of_kind("depot").len(), 1);
    assert_eq!(of_kind("stop").len(), run.plan.totals.stops);
    let days = run
        .plan
        .van_days
        .iter()
        .filter(|d| !d.visits.is_empty())
        .count();
    assert_eq!(of_kind("route").len(), days);
    let visited = of_kind("stop")
        .iter()
        .filter(|f| f["properties"]["visited"] == true)
        .count();
    assert_eq!(visited, run.plan.totals.stops_visited);
    // RFC 7946: positions are [longitude, latitude]; Magetan is near 111.3 E, 7.7 S.
    let mut positions = 0;
    for f in features {
        let g = &f["geometry"];
        let list: Vec<&serde_json::Value> = match g["type"].as_str().unwrap() {
            "Point" => vec![&g["coordinates"]],
            "LineString" => g["coordinates"].as_array().unwrap().iter().collect(),
            other => panic!("unexpected geometry {other}"),
        };
        for p in list {
            let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            assert!(
                (110.9..111.8).contains(&lon) && (-8.0..-7.3).contains(&lat),
                "{p}"
            );
            positions += 1;
        }
    }
    assert!(positions > run.plan.totals.stops, "{positions}");
}

#[test]
fn indonesian_report_sheets_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::Id).unwrap();
    assert!(
        run.summary.contains("sasaran") && run.summary.contains("capaian"),
        "{}",
        run.summary
    );
    assert!(
        run.summary.contains("Capaian per kecamatan"),
        "{}",
        run.summary
    );
    assert!(
        !run.summary.contains("nilai"),
        "value is for the optimizer's log"
    );
    assert!(
        run.summary.contains("minggu mulai Senin, 7 Desember 2026"),
        "{}",
        run.summary
    );
    let demand = run.plan.totals.demand[jempol::groups::Group::Elderly];
    assert!(
        demand >= 1000,
        "the check below needs a thousands separator"
    );
    let report = read(dir.path().join("report.html"));
    assert!(report.starts_with("<!DOCTYPE html><html lang=\"id\">"));
    assert!(report.contains("sasaran") && report.contains("id=\"coverage\""));
    assert!(report.contains("belum melakukan perekaman KTP-el"));
    assert!(report.contains(&Lang::Id.int(demand.into())));
    assert!(report.contains(&format!("{}.{:03}", demand / 1000, demand % 1000)));
    assert!(report.contains("Selasa, 8 Desember 2026"));
    assert!(report.contains("Rencana ini dihitung pada peta pengganti"));
    assert!(!report.contains("Monday"));
    let sheets = read(dir.path().join("day-sheets.html"));
    assert!(sheets.contains("Jadwal harian mobil") && sheets.contains("Catatan"));
    assert!(sheets.contains("@page{size:A4"));
}

#[test]
fn report_is_offline_and_names_every_unvisited_stop() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::En).unwrap();
    let report = read(dir.path().join("report.html"));
    for external in ["http://", "https://", "src=", "@import", "url("] {
        let hits: Vec<_> = report
            .match_indices(external)
            .map(|(i, _)| &report[i.saturating_sub(40)..(i + 60).min(report.len())])
            // The SVG namespace is a name, not a fetch.
            .filter(|s| !s.contains("xmlns=\"http://www.w3.org/2000/svg\""))
            .collect();
        assert!(hits.is_empty(), "{external}: {hits:?}");
    }
    assert!(
        report.contains("id=\"boundaries\""),
        "the scenario names boundaries"
    );
    assert!(report.contains("id=\"travel-warning\""));
    for u in &run.plan.unvisited {
        let name = Lang::En.part(&u.stop.name, u.part, u.parts);
        assert!(report.contains(&name.replace('&', "&amp;")), "{name}");
    }
    let routes = report.matches("<path class=\"route\"").count();
    let days = run
        .plan
        .van_days
        .iter()
        .filter(|d| !d.visits.is_empty())
        .count();
    assert_eq!(routes, days);
}

#[test]
fn announcements_are_indonesian_whatever_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::En).unwrap();
    let text = read(dir.path().join("announcements.txt"));
    for (day, v) in run.plan.visits() {
        let notice = text
            .split(&"-".repeat(60))
            .find(|n| n.contains(&v.stop.name) && n.contains(&Lang::Id.date_long(day.date)))
            .unwrap_or_else(|| panic!("no letter or notice for {}", v.stop.name));
        assert!(notice.contains("KTP-el"), "{notice}");
        assert!(notice.contains("Kartu Keluarga (KK)"), "{notice}");
    }
}

/// A what-if in `dir` that extends the default week with one more line.
fn what_if(dir: &Path, line: &str) -> PathBuf {
    let file = dir.join("what-if.toml");
    let text = format!("extends = \"{}\"\n{line}\n", magetan_week().display());
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_missing_boundaries_file_is_named_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let file = what_if(dir.path(), "boundaries = \"no-such.geojson\"");
    let Err(error) = plan(&file, &dir.path().join("out"), Lang::En) else {
        panic!("a missing boundaries file must be an error");
    };
    let message = format!("{error:#}");
    assert!(
        message.contains("no-such.geojson") && message.contains("`boundaries`"),
        "{message}"
    );
}

#[test]
fn the_default_week_on_the_standin_map_draws_its_roads_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    plan(&magetan_week(), dir.path(), Lang::En).unwrap();
    let report = read(dir.path().join("report.html"));
    assert!(report.contains("This plan ran on a stand-in map"));
    assert!(report.contains("<g id=\"roads\""));
    assert!(report.len() < 2_000_000, "{} bytes", report.len());
}

#[test]
fn a_straight_line_plan_says_so_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = what_if(dir.path(), "travel = \"straight-line\"");
    plan(&file, &dir.path().join("en"), Lang::En).unwrap();
    let run = plan(&file, &dir.path().join("id"), Lang::Id).unwrap();
    let en = read(dir.path().join("en/report.html"));
    assert!(en.contains("This plan used straight lines, not roads"));
    assert!(!en.contains("<g id=\"roads\""));
    let id = read(dir.path().join("id/report.html"));
    assert!(id.contains("Rencana ini memakai garis lurus, bukan jalan"));
    assert!(
        run.summary.contains("garis lurus, bukan jalan"),
        "{}",
        run.summary
    );
}
