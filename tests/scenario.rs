//! Scenario reading: errors with file, line, column and a fix; `extends`; CSV; `check`.

use std::fs;
use std::path::{Path, PathBuf};

use jempol::scenario::{self, check::run_check};

/// Writes `files` (name, text) into a fresh folder; returns it.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn path(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

const BASE: &str = r#"name = "Base"
week_start = 2026-12-07
travel = "straight-line"

[depot]
name = "Office"
location = [-7.652, 111.330]

[[van]]
name = "A"
recording_sets = 2
equipment = ["generator"]

[[van]]
name = "B"
recording_sets = 3

[[stop]]
name = "Hall 1"
location = [-7.62, 111.31]
elderly = 10

[[stop]]
name = "Hall 2"
location = [-7.64, 111.42]
elderly = 5
"#;

#[test]
fn unknown_key_names_file_line_column_and_the_closest_key() {
    let dir = folder(&[(
        "s.toml",
        &BASE.replace("recording_sets = 3", "recordng_sets = 3"),
    )]);
    let err = scenario::read(&path(&dir, "s.toml"))
        .unwrap_err()
        .to_string();
    let expected = format!(
        "{}:16:1: unknown key `recordng_sets`",
        path(&dir, "s.toml").display()
    );
    assert!(err.starts_with(&expected), "{err}");
    assert!(err.contains("did you mean `recording_sets`?"), "{err}");
}

#[test]
fn a_week_that_does_not_start_on_monday_is_named_with_its_weekday() {
    let dir = folder(&[("s.toml", &BASE.replace("2026-12-07", "2026-12-09"))]);
    let (_, problems) = scenario::read(&path(&dir, "s.toml")).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let text = problems[0].to_string();
    assert!(
        text.contains("s.toml:2:14: week_start 2026-12-09 is a Wednesday, not a Monday"),
        "{text}"
    );
    assert!(
        text.contains("start the week on Monday 2026-12-07"),
        "{text}"
    );
}

#[test]
fn extends_merges_tables_and_replaces_or_adds_vans_and_stops_by_name() {
    let dir = folder(&[
        ("base.toml", BASE),
        (
            "what-if.toml",
            r#"extends = "base.toml"
name = "What if"
[depot]
name = "New office"
[[van]]
name = "B"
recording_sets = 1
[[van]]
name = "C"
recording_sets = 4
[[stop]]
name = "Hall 2"
location = [-7.65, 111.43]
elderly = 50
"#,
        ),
    ]);
    let (s, problems) = scenario::read(&path(&dir, "what-if.toml")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(s.name, "What if");
    assert_eq!(s.depot_name, "New office");
    assert_eq!(
        (s.depot.lat, s.depot.lon),
        (-7.652, 111.330),
        "the depot location comes from the base"
    );
    let vans: Vec<(&str, u32)> = s.vans.iter().map(|v| (v.name.as_str(), v.sets)).collect();
    assert_eq!(vans, [("A", 2), ("B", 1), ("C", 4)]);
    let stops: Vec<(&str, u32)> = s
        .stops
        .iter()
        .map(|v| (v.name.as_str(), v.people[jempol::groups::Group::Elderly]))
        .collect();
    assert_eq!(stops, [("Hall 1", 10), ("Hall 2", 50)]);
}

#[test]
fn extends_keeps_paths_relative_to_the_file_that_wrote_them() {
    let dir = folder(&[
        ("stops.csv", "name,lat,lon,elderly\nCSV hall,-7.6,111.3,4\n"),
        (
            "base.toml",
            &BASE.replace(
                "[[van]]\nname = \"A\"",
                "[stops]\ncsv = \"stops.csv\"\n\n[[van]]\nname = \"A\"",
            ),
        ),
    ]);
    fs::create_dir(path(&dir, "whatif")).unwrap();
    fs::write(
        path(&dir, "whatif/w.toml"),
        "extends = \"../base.toml\"\nname = \"W\"\n",
    )
    .unwrap();
    let (s, problems) = scenario::read(&path(&dir, "whatif/w.toml")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(s.stops.iter().any(|s| s.name == "CSV hall"));
}

#[test]
fn an_extends_cycle_is_an_error() {
    let dir = folder(&[
        ("a.toml", "extends = \"b.toml\"\n"),
        ("b.toml", "extends = \"a.toml\"\n"),
    ]);
    let err = scenario::read(&path(&dir, "a.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("loops back"), "{err}");
}

#[test]
fn csv_errors_name_file_row_and_column() {
    let dir = folder(&[
        (
            "stops.csv",
            "# comment line\nname,lat,lon,elderly,days\nOK,-7.6,111.3,4,mon\nBad,-7.6,111.3,four,someday\n",
        ),
        ("s.toml", &format!("{BASE}\n[stops]\ncsv = \"stops.csv\"\n")),
    ]);
    let (_, problems) = scenario::read(&path(&dir, "s.toml")).unwrap();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let csv = path(&dir, "stops.csv").display().to_string();
    assert_eq!(text.len(), 2, "{text:?}");
    assert!(
        text[0].starts_with(&format!("{csv}:4:4: column `elderly`: `four`")),
        "{text:?}"
    );
    assert!(
        text[1].starts_with(&format!(
            "{csv}:4:5: column `days`: `someday` is not a weekday"
        )),
        "{text:?}"
    );
}

#[test]
fn a_missing_csv_names_the_file() {
    let dir = folder(&[(
        "s.toml",
        &format!("{BASE}\n[stops]\ncsv = \"nowhere.csv\"\n"),
    )]);
    let (_, problems) = scenario::read(&path(&dir, "s.toml")).unwrap();
    assert!(
        problems[0].to_string().contains("nowhere.csv"),
        "{problems:?}"
    );
}

#[test]
fn check_reports_every_problem_at_once() {
    let broken = BASE
        .replace("2026-12-07", "2026-12-08")
        .replace("recording_sets = 3", "recording_sets = 0")
        .replace("name = \"Hall 2\"", "name = \"Hall 1\"")
        .replace(
            "elderly = 10",
            "elderly = 10\nrequires = \"generatr\"\nwindow = \"08:00-08:10\"",
        );
    let dir = folder(&[("s.toml", &broken)]);
    let (text, ok) = run_check(&path(&dir, "s.toml")).unwrap();
    assert!(!ok);
    for expected in [
        "5 problems",
        "is a Tuesday, not a Monday",
        "van `B` has 0 recording sets",
        "two stops are named `Hall 1`",
        "requires unknown equipment `generatr`",
        "did you mean `generator`?",
        "window 08:00-08:10 is shorter than the setup of 20 min",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}

#[test]
fn check_accepts_a_sound_scenario_and_describes_it() {
    let dir = folder(&[("s.toml", BASE)]);
    let (text, ok) = run_check(&path(&dir, "s.toml")).unwrap();
    assert!(ok, "{text}");
    assert!(
        text.contains("2 stops") && text.contains("straight-line fallback, not roads"),
        "{text}"
    );
}

#[test]
fn an_infeasible_mandatory_stop_is_explained() {
    let text = BASE
        .replace(
            "elderly = 5",
            "elderly = 5\nmandatory = true\nrequires = \"printer\"",
        )
        .replace(
            "name = \"Base\"",
            "name = \"Base\"\nequipment = [\"generator\", \"printer\"]",
        );
    let dir = folder(&[("s.toml", &text)]);
    let (out, ok) = run_check(&path(&dir, "s.toml")).unwrap();
    assert!(!ok);
    assert!(
        out.contains(
            "mandatory stop `Hall 2` cannot be served by any van: equipment: needs printer"
        ),
        "{out}"
    );
}

#[test]
fn the_default_scenario_and_its_what_ifs_are_sound() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for name in [
        "magetan-week",
        "magetan-third-van",
        "magetan-short-friday",
        "magetan-school-week",
        "magetan-no-generator",
    ] {
        let (text, ok) = run_check(&dir.join(format!("{name}.toml"))).unwrap();
        assert!(ok, "{name}: {text}");
        assert!(
            text.contains("roads of") && text.contains("stand-in map"),
            "{name}: {text}"
        );
    }
}
