//! The fault suite of issue 11: every finding of the bad-input and fault probe, run on the
//! binary as a careless or hostile user would, and faults no input can cause: `kill -9` at
//! random moments, a full disk (`ulimit -f`), runs racing into one folder. A failure here
//! means a finding came back.

mod common;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use common::random_instance::{Shape, random_instance};
use jempol::plan::model::Plan;
use jempol::plan::verify_saved::run_verify;
use jempol::solve::{Objective, SolveOptions, solve, verify};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn small() -> PathBuf {
    data("tests/data/small-week.toml")
}

fn jempol(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jempol"))
        .args(args)
        .env_remove("JEMPOL_LANG")
        .output()
        .expect("run jempol")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts a clear failure: exit code 1 (not a panic's 101 or a signal), an `error:` line
/// that contains every one of `words`.
fn fails_with(output: &Output, words: &[&str]) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: ") || err.starts_with("kesalahan: "),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    for word in words {
        assert!(err.contains(word), "expected `{word}` in: {err}");
    }
    err
}

/// A what-if of the small scenario, written beside a copy of its stops CSV.
fn what_if(dir: &Path, name: &str, body: &str) -> String {
    for file in ["small-week.toml", "small-stops.csv"] {
        std::fs::copy(data(&format!("tests/data/{file}")), dir.join(file)).unwrap();
    }
    let path = dir.join(name);
    std::fs::write(&path, format!("extends = \"small-week.toml\"\n{body}")).unwrap();
    path.to_string_lossy().into_owned()
}

/// `plan` of the small scenario into `out` with a fixed budget, so that a run's files depend
/// only on the seed (the time limit is far away).
fn plan_args(out: &Path, seed: u64) -> Vec<String> {
    let mut args: Vec<String> = ["plan", small().to_str().unwrap(), "--out"]
        .map(String::from)
        .to_vec();
    args.push(out.to_string_lossy().into_owned());
    for a in ["--iterations", "40", "--time-limit", "86400", "--seed"] {
        args.push(a.to_string());
    }
    args.push(seed.to_string());
    args
}

/// Every file of a folder with its bytes; `None` when the folder does not exist. A workbook
/// is taken by its cells: its file properties hold the second it was written.
fn snapshot(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let entries = std::fs::read_dir(dir).ok()?;
    Some(
        entries
            .map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                let bytes = if name.ends_with(".xlsx") {
                    let table = jempol::scenario::sheet::read_xlsx(&e.path()).unwrap();
                    format!("{:?} {:?}", table.header, table.rows).into_bytes()
                } else {
                    std::fs::read(e.path()).unwrap()
                };
                (name, bytes)
            })
            .collect(),
    )
}

/// Names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The two whole runs the fault tests expect to find: seed 1 and seed 2, which differ.
struct Runs {
    one: BTreeMap<String, Vec<u8>>,
    two: BTreeMap<String, Vec<u8>>,
}

fn reference_runs(dir: &Path) -> Runs {
    let run = |seed: u64| {
        let out = dir.join(format!("reference-{seed}"));
        let args = plan_args(&out, seed);
        let output = jempol(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(output.status.success(), "{}", stderr(&output));
        snapshot(&out).unwrap()
    };
    let runs = Runs {
        one: run(1),
        two: run(2),
    };
    assert_ne!(runs.one, runs.two, "the two seeds give different plans");
    runs
}

/// Whether `out` is absent or exactly one of the whole runs.
fn whole(out: &Path, runs: &Runs) -> bool {
    match snapshot(out) {
        None => true,
        Some(files) => files == runs.one || files == runs.two,
    }
}

// Finding 1: time limits.

#[test]
fn time_limits_out_of_range_are_errors_not_panics() {
    let small = small();
    let small = small.to_str().unwrap();
    for given in ["inf", "1e308", "NaN", "-1", "0", "86401"] {
        let output = jempol(&[
            "plan",
            small,
            "--time-limit",
            given,
            "--out",
            "/nonexistent",
        ]);
        fails_with(
            &output,
            &["--time-limit", &format!("`{given}`"), "iterations 0"],
        );
    }
    let toptw = data("data/benchmarks/toptw/cordeau/pr01.txt");
    let toptw = toptw.to_str().unwrap();
    let output = jempol(&[
        "benchmark",
        "toptw",
        toptw,
        "--vehicles",
        "2",
        "--time-limit",
        "inf",
    ]);
    fails_with(&output, &["`inf`"]);

    let dir = tempfile::tempdir().unwrap();
    let huge = what_if(
        dir.path(),
        "huge.toml",
        "time_limit = \"999999999999999999999h\"\n",
    );
    for command in [
        vec!["check", &huge],
        vec!["plan", &huge],
        vec!["compare", &huge, &huge],
    ] {
        let output = jempol(&command);
        fails_with(
            &output,
            &["huge.toml:2:14", "999999999999999999999h", "24 h"],
        );
    }
}

// Finding 2: GPX files named per van-day.

#[test]
fn vans_whose_gpx_files_would_clash_are_named_by_check_and_plan() {
    let dir = tempfile::tempdir().unwrap();
    let vans = ["Keliling 1", "keliling-1", "KELILING_1!"]
        .map(|name| format!("[[van]]\nname = \"{name}\"\nrecording_sets = 1\n"))
        .join("");
    let scenario = what_if(dir.path(), "clash.toml", &vans);
    let out = dir.path().join("out");
    for command in [
        vec!["check", &scenario],
        vec!["plan", &scenario, "--out", out.to_str().unwrap()],
    ] {
        fails_with(
            &jempol(&command),
            &[
                "`Keliling 1` and `keliling-1`",
                "`Keliling 1` and `KELILING_1!`",
            ],
        );
    }
    assert!(!out.exists());
}

// Finding 3: an output folder holds exactly one run.

#[test]
fn a_successful_run_leaves_no_file_of_an_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    // The week after: every GPX file of the first run has a name the second run does not write.
    let later = what_if(dir.path(), "later.toml", "week_start = 2026-12-14\n");
    let out = dir.path().join("out");
    let out_str = out.to_str().unwrap();
    let small = small();
    for (scenario, later_week) in [(later.as_str(), true), (small.to_str().unwrap(), false)] {
        let output = jempol(&["plan", scenario, "--out", out_str, "--iterations", "40"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let gpx: Vec<String> = names(&out)
            .into_iter()
            .filter(|n| n.ends_with(".gpx"))
            .collect();
        assert!(!gpx.is_empty());
        let of_later = gpx.iter().filter(|n| n.contains("-2026-12-1")).count();
        assert_eq!(of_later, if later_week { gpx.len() } else { 0 }, "{gpx:?}");
    }
    assert_eq!(
        names(dir.path()),
        ["later.toml", "out", "small-stops.csv", "small-week.toml"]
    );
}

#[test]
fn kills_at_random_moments_leave_one_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let runs = reference_runs(dir.path());
    let out = dir.path().join("out");
    // How long a whole run takes here, to kill across all of it.
    let started = Instant::now();
    let args = plan_args(&out, 1);
    assert!(
        jempol(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .status
            .success()
    );
    let span = started.elapsed().as_micros() as u64;
    let mut rng = Pcg64Mcg::seed_from_u64(11);
    let mut kills = 0;
    // Until 30 runs were killed while running: how many finish first depends on the load
    // (the first run's time is only an estimate), so the rounds are not counted in advance.
    let mut round = 0;
    while kills < 30 && round < 400 {
        round += 1;
        let args = plan_args(&out, 1 + round % 2);
        let mut child = Command::new(env!("CARGO_BIN_EXE_jempol"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..span.max(1))));
        let _ = child.kill(); // SIGKILL, unless it is done
        if child.wait().unwrap().signal() == Some(libc::SIGKILL) {
            kills += 1;
        }
        assert!(whole(&out, &runs), "round {round}: {:?}", names(&out));
    }
    assert!(
        kills >= 30,
        "only {kills} of {round} runs were still running when killed"
    );
    // The next run clears what killed runs left beside the folder.
    assert!(
        Command::new(env!("CARGO_BIN_EXE_jempol"))
            .args(&args)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(snapshot(&out).unwrap(), runs.one);
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_full_disk_leaves_the_old_run_intact() {
    let dir = tempfile::tempdir().unwrap();
    let runs = reference_runs(dir.path());
    let out = dir.path().join("out");
    let args = plan_args(&out, 1);
    assert!(
        Command::new(env!("CARGO_BIN_EXE_jempol"))
            .args(&args)
            .status()
            .unwrap()
            .success()
    );
    // 8 KB per file: report.html is larger. Ignoring SIGXFSZ turns the kill into EFBIG.
    let args = plan_args(&out, 2).join(" ");
    for trap in ["", "trap '' XFSZ; "] {
        let script = format!(
            "{trap}ulimit -f 8; exec {} {args}",
            env!("CARGO_BIN_EXE_jempol")
        );
        let output = Command::new("bash").args(["-c", &script]).output().unwrap();
        assert!(!output.status.success(), "the run cannot fit in 8 KB files");
        if !trap.is_empty() {
            fails_with(&output, &["cannot write"]);
        }
        assert_eq!(snapshot(&out).unwrap(), runs.one, "the old run, whole");
    }
}

#[test]
fn runs_racing_into_one_folder_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let runs = reference_runs(dir.path());
    let out = dir.path().join("out");
    let children: Vec<_> = (0..4)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_jempol"))
                .args(plan_args(&out, 1 + i % 2))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(whole(&out, &runs));
    }
    assert!(snapshot(&out).is_some());
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_folder_of_other_files_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("letter.odt"), b"mine").unwrap();
    let args = plan_args(dir.path(), 1);
    let output = jempol(&args.iter().map(String::as_str).collect::<Vec<_>>());
    fails_with(&output, &["not a jempol output folder", "--out"]);
    assert_eq!(names(dir.path()), ["letter.odt"]);
}

// Finding 4: a van never arrives before it leaves.

/// depart <= arrive <= start <= end <= next arrive ... <= back, for every van-day.
fn in_order(plan: &Plan) -> Result<(), String> {
    for day in &plan.van_days {
        let mut times = vec![day.depart];
        for v in &day.visits {
            times.extend([v.arrive, v.start, v.end]);
        }
        times.push(day.back);
        if times.windows(2).any(|w| w[0] > w[1]) {
            let shown: Vec<String> = times.iter().map(|t| t.to_string()).collect();
            return Err(format!(
                "{} {}: {}",
                day.van.name,
                day.date,
                shown.join(" ")
            ));
        }
    }
    Ok(())
}

#[test]
fn the_default_plan_and_its_outputs_keep_times_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let week = data("scenarios/magetan-week.toml");
    let output = jempol(&[
        "plan",
        week.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--iterations",
        "100",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let plan: Plan =
        serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    in_order(&plan).unwrap();
    // The first visit of Keliling 1 on Monday: it leaves, then it arrives.
    let monday = &plan.van_days[0];
    assert!(monday.depart <= monday.visits[0].arrive);
    // schedule.csv: arrive <= start <= end on every row, and each row after the last end.
    let csv = std::fs::read_to_string(out.join("schedule.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (arrive, start, end) = (at("arrive"), at("start"), at("end"));
    for row in reader.records() {
        let row = row.unwrap();
        assert!(
            row[arrive] <= row[start] && row[start] <= row[end],
            "{row:?}"
        );
    }
    // GPX: the track starts at the departure, before the first waypoint's arrival.
    for name in names(&out).iter().filter(|n| n.ends_with(".gpx")) {
        let gpx = std::fs::read_to_string(out.join(name)).unwrap();
        let times: Vec<&str> = gpx
            .split("<time>")
            .skip(1)
            .map(|t| t.split('<').next().unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{name}: {times:?}");
    }
}

#[test]
fn verified_schedules_keep_times_in_order_on_random_instances() {
    for seed in 0..60 {
        let shape = Shape {
            jobs: 12,
            tours: 4,
            objective: Objective::Prize,
            mandatory: 0.0,
        };
        let instance = random_instance(seed, &shape);
        let options = SolveOptions {
            seed,
            time_limit: None,
            iterations: Some(60),
            start: None,
        };
        let plan = verify(&instance, &solve(&instance, &options)).expect("a valid plan");
        for (t, tour) in plan.tours.iter().enumerate() {
            let mut times = vec![tour.depart];
            for v in &tour.visits {
                times.extend([v.arrive, v.start, v.end]);
            }
            times.push(tour.back);
            assert!(
                times.windows(2).all(|w| w[0] <= w[1] + 1e-9),
                "seed {seed} tour {t}: {times:?}"
            );
        }
    }
}

// Finding 5: size limits.

#[test]
fn sizes_beyond_the_limits_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    // One stop with 4,000,000,000 elderly people.
    std::fs::write(
        path.join("huge-stop.csv"),
        "name,lat,lon,elderly\nHall,-7.62,111.31,4000000000\n",
    )
    .unwrap();
    let huge = what_if(path, "huge-stop.toml", "[stops]\ncsv = \"huge-stop.csv\"\n");
    fails_with(
        &jempol(&["check", &huge]),
        &["huge-stop.csv:2:1", "4000000000 people, more than 100000"],
    );
    // A stop that needs more than 100 visits for its one-hour window.
    let parts = what_if(
        path,
        "parts.toml",
        "[[stop]]\nname = \"Big\"\nlocation = [-7.62, 111.31]\nelderly = 2000\nwindow = \"08:00-09:00\"\n",
    );
    fails_with(
        &jempol(&["check", &parts]),
        &["parts.toml:", "`Big`", "more than 100"],
    );
    // 10,001 stops.
    let mut csv = String::from("name,lat,lon,elderly\n");
    for i in 0..10_001 {
        csv += &format!("S{i},-7.6{},111.3,1\n", i % 10);
    }
    std::fs::write(path.join("many.csv"), csv).unwrap();
    let many = what_if(path, "many.toml", "[stops]\ncsv = \"many.csv\"\n");
    fails_with(
        &jempol(&["check", &many]),
        &["many.csv:10002:1: the scenario has 10002 stops, more than 10000"],
    );
    // 100,000 stops: refused in about a second, not out of memory (before) or after minutes
    // (the CSV reader once counted lines from the start of the file for every row).
    let mut csv = String::from("name,lat,lon,elderly\n");
    for i in 0..100_000 {
        csv += &format!("S{i},-7.6{},111.3,1\n", i % 10);
    }
    std::fs::write(path.join("more.csv"), csv).unwrap();
    let more = what_if(path, "more.toml", "[stops]\ncsv = \"more.csv\"\n");
    let started = Instant::now();
    fails_with(
        &jempol(&["check", &more]),
        &["more.csv:10002:1: the scenario has 100001 stops, more than 10000"],
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(30), "{took:?}");
    // A Solomon file asking for 99,999,999,999,999 vehicles.
    let solomon = std::fs::read_to_string(data("data/benchmarks/solomon/c101.txt")).unwrap();
    let fleet = solomon.replacen("25         200", "99999999999999         200", 1);
    assert_ne!(fleet, solomon);
    std::fs::write(path.join("fleet.txt"), fleet).unwrap();
    let fleet = path.join("fleet.txt");
    let output = jempol(&["benchmark", "vrptw", fleet.to_str().unwrap()]);
    fails_with(&output, &["fleet.txt line 5", "more than 10000"]);
}

#[test]
fn a_small_osm_gz_that_expands_too_far_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.osm.gz");
    let file = std::fs::File::create(&bomb).unwrap();
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    gz.write_all(b"<?xml version='1.0'?>\n<osm version=\"0.6\">\n")
        .unwrap();
    let filler = b"<!---->\n".repeat(1 << 16);
    for _ in 0..(513 << 20) / filler.len() {
        gz.write_all(&filler).unwrap();
    }
    gz.finish().unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 4 << 20);
    let output = jempol(&["map", "info", bomb.to_str().unwrap()]);
    fails_with(&output, &["bomb.osm.gz", "more than 512 MiB"]);
}

// Finding 6: the straight line's detour and speed.

#[test]
fn a_detour_below_one_or_a_speed_of_zero_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = what_if(
        dir.path(),
        "bad.toml",
        "[straight_line]\ndetour = -1.0\nspeed_kmh = 0.0\n",
    );
    let err = fails_with(
        &jempol(&["check", &bad]),
        &[
            "bad.toml:3:10: straight_line.detour is -1",
            "bad.toml:4:13: straight_line.speed_kmh is 0",
        ],
    );
    assert!(
        err.contains("2 problems"),
        "one problem each, not one per stop: {err}"
    );
}

// Finding 7: verify.

/// Every leaf of a JSON value, as a path of keys and indices.
fn leaves(value: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                path.push(k.clone());
                leaves(v, path, out);
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                leaves(v, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn leaf<'a>(value: &'a mut serde_json::Value, path: &[String]) -> &'a mut serde_json::Value {
    path.iter().fold(value, |v, key| match v {
        serde_json::Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
        other => &mut other[key.as_str()],
    })
}

/// A plausible change to one value: a second later, a day later, one more, a flag flipped,
/// a letter added.
fn changed(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => match n.as_u64() {
            Some(u) => Value::from(u + 1),
            None => Value::from(n.as_f64().unwrap() * 1.01 + 1.0),
        },
        // How the search stopped: another of its values.
        Value::String(s) if s == "iterations" => Value::from("time_limit"),
        Value::String(s) => {
            if let Some(clock) = jempol::clock::Clock::parse(s) {
                Value::from(
                    jempol::clock::Clock::from_seconds(f64::from(clock.seconds()) + 1.0)
                        .to_string(),
                )
            } else if let Ok(date) = s.parse::<chrono::NaiveDate>() {
                Value::from((date + chrono::Days::new(1)).to_string())
            } else {
                Value::from(format!("{s}x"))
            }
        }
        other => other.clone(),
    }
}

#[test]
fn verify_rejects_every_single_change_that_breaks_a_plan_and_accepts_reordering() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = plan_args(&out, 1);
    assert!(
        jempol(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .status
            .success()
    );
    let text = std::fs::read_to_string(out.join("plan.json")).unwrap();
    assert!(!text.contains("null"), "a plan.json holds no nulls");
    let valid: serde_json::Value = serde_json::from_str(&text).unwrap();
    let file = dir.path().join("edited.json");
    let verdict = |value: &serde_json::Value| {
        std::fs::write(&file, serde_json::to_vec_pretty(value).unwrap()).unwrap();
        run_verify(&small(), &file)
    };
    // How the plan was made, not what it is: a change there breaks nothing.
    let made = |path: &[String]| {
        path[0] == "search"
            || (path[0] == "scenario"
                && ["file", "seed", "time_limit_s", "iterations"].contains(&path[1].as_str()))
    };
    let mut paths = Vec::new();
    leaves(&valid, &mut Vec::new(), &mut paths);
    assert!(paths.len() > 150, "{}", paths.len());
    let mut checked = 0;
    for path in &paths {
        let mut edited = valid.clone();
        let value = leaf(&mut edited, path);
        *value = changed(value);
        let result = verdict(&edited);
        if made(path) {
            assert!(result.is_ok(), "{}: {:?}", path.join("."), result.err());
        } else {
            assert!(
                result.is_err(),
                "the change of {} was accepted",
                path.join(".")
            );
            checked += 1;
        }
    }
    assert!(checked > 150);
    // Emptying the list of unvisited stops is caught too.
    let mut emptied = valid.clone();
    emptied["unvisited"] = serde_json::json!([]);
    assert!(verdict(&emptied).is_err());
    // Reordering van-days and unvisited stops changes nothing.
    let mut reordered = valid.clone();
    for list in ["van_days", "unvisited"] {
        let items = reordered[list].as_array_mut().unwrap();
        items.reverse();
        items.rotate_left(1);
    }
    assert_ne!(reordered, valid);
    verdict(&reordered).unwrap();
}

#[test]
fn verify_accepts_a_plan_made_from_another_folder() {
    // The plan names its map by the path `plan` reached it by from the folder it ran in
    // (`maps/...`); verify, run from elsewhere, reaches the same map as `../maps/...` or by an
    // absolute path. Before, that alone made verify reject a valid plan.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let root = data("");
    let run = |cwd: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jempol"))
            .args(args)
            .current_dir(cwd)
            .env_remove("JEMPOL_LANG")
            .output()
            .unwrap()
    };
    let made = run(
        &root,
        &[
            "plan",
            "scenarios/magetan-week.toml",
            "--out",
            out.to_str().unwrap(),
            "--iterations",
            "20",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let plan = out.join("plan.json");
    let plan = plan.to_str().unwrap();
    let week = data("scenarios/magetan-week.toml");
    for (cwd, scenario) in [
        (root.join("scenarios"), "magetan-week.toml"),
        (dir.path().to_path_buf(), week.to_str().unwrap()),
    ] {
        let output = run(&cwd, &["verify", scenario, plan]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // Another map is still another map.
    let mut edited: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(plan).unwrap()).unwrap();
    edited["scenario"]["travel"]["map"] = serde_json::json!("maps/other.osm.pbf");
    let other = dir.path().join("other.json");
    std::fs::write(&other, serde_json::to_vec(&edited).unwrap()).unwrap();
    let output = run(
        &root,
        &["verify", week.to_str().unwrap(), other.to_str().unwrap()],
    );
    fails_with(&output, &["other.osm.pbf"]);
}

#[test]
fn verify_speaks_in_hours_equipment_names_and_weekdays() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let args = plan_args(&out, 1);
    assert!(
        jempol(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .status
            .success()
    );
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    // Move Van A's first visit to a generator stop onto Van B, which carries only a printer.
    let mut edited = plan.clone();
    let days = edited["van_days"].as_array_mut().unwrap();
    let (from, visit) = days
        .iter()
        .enumerate()
        .find_map(|(d, day)| {
            let is_a = day["van"]["name"] == "Van A";
            let hall = day["visits"].as_array().unwrap().iter().position(|v| {
                v["stop"]["name"]
                    .as_str()
                    .is_some_and(|n| n.contains("Poncol"))
            });
            hall.filter(|_| is_a).map(|v| (d, v))
        })
        .expect("Van A visits a Poncol stop needing equipment");
    let moved = days[from]["visits"].as_array_mut().unwrap().remove(visit);
    let date = days[from]["date"].clone();
    let to = days
        .iter()
        .position(|d| d["van"]["name"] == "Van B" && d["date"] == date)
        .unwrap();
    days[to]["visits"].as_array_mut().unwrap().insert(0, moved);
    let file = dir.path().join("moved.json");
    std::fs::write(&file, serde_json::to_vec(&edited).unwrap()).unwrap();
    let err = format!("{:#}", run_verify(&small(), &file).unwrap_err());
    assert!(!err.contains("bits") && !err.contains("0b"), "{err}");
    assert!(
        err.contains("needs ") && err.contains("the van carries printer"),
        "{err}"
    );
    // The van-day by its date, times of day as a team reads them, lengths in hours and
    // minutes (before: "tour 3: job 1: back at 57412.6, after the tour's end 55800").
    assert!(
        ["Mon 7", "Tue 8", "Wed 9"]
            .iter()
            .any(|d| err.contains(&format!("Van B {d} Dec: "))),
        "{err}"
    );
    assert!(
        !err.contains("tour ") && !err.contains("the tour's end"),
        "{err}"
    );
    // Indonesian too.
    let output = jempol(&[
        "--lang",
        "id",
        "verify",
        small().to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    fails_with(&output, &["membawa printer"]);
}

// Finding 8: spreadsheet formulas.

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("formulas.csv"),
        "name,lat,lon,elderly,desa\n\
         \"=HYPERLINK(\"\"http://x\"\")\",-7.65,111.33,3,@SUM(A1)\n\
         -2+3,-7.66,111.33,3,+cmd\n",
    )
    .unwrap();
    let scenario = what_if(
        dir.path(),
        "formulas.toml",
        "[stops]\ncsv = \"formulas.csv\"\n",
    );
    let out = dir.path().join("out");
    let output = jempol(&[
        "plan",
        &scenario,
        "--out",
        out.to_str().unwrap(),
        "--iterations",
        "40",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = std::fs::read_to_string(out.join("schedule.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect();
    for expected in ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'-2+3", "'+cmd"] {
        assert!(
            cells.iter().any(|c| c == expected),
            "{expected} in {cells:?}"
        );
    }
    assert!(
        cells
            .iter()
            .all(|c| !c.starts_with(['=', '+', '@']) && !c.starts_with("-2"))
    );
    // The other CSV files: a campaign's calendar.csv and a re-plan's changes.csv.
    let cells_of = |path: &Path| -> Vec<String> {
        let text = std::fs::read_to_string(path).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        reader
            .records()
            .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
            .collect()
    };
    let campaign = dir.path().join("campaign");
    let replanned = dir.path().join("replanned");
    let kept = out.join("plan.json");
    let (campaign_str, replanned_str) = (campaign.to_str().unwrap(), replanned.to_str().unwrap());
    let kept = kept.to_str().unwrap();
    for (args, file) in [
        (
            vec!["campaign", &scenario, "--weeks", "1", "--out", campaign_str],
            campaign.join("calendar.csv"),
        ),
        (
            vec![
                "replan",
                &scenario,
                "--keep",
                kept,
                "--from",
                "2026-12-08",
                "--out",
                replanned_str,
            ],
            replanned.join("changes.csv"),
        ),
    ] {
        let args = [args.as_slice(), &["--iterations", "40"]].concat();
        let output = jempol(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let cells = cells_of(&file);
        assert!(
            cells.iter().any(|c| c.starts_with('\'')),
            "{file:?}: {cells:?}"
        );
        assert!(
            cells
                .iter()
                .all(|c| !c.starts_with(['=', '+', '@']) && !c.starts_with("-2")),
            "{file:?}: {cells:?}"
        );
    }
    // The map matrix CSV, with a point named like a formula.
    std::fs::write(
        dir.path().join("points.csv"),
        "name,lat,lon\n@SUM(A1),43.7384,7.4246\n-2+3,43.7320,7.4190\n",
    )
    .unwrap();
    let monaco = data("tests/data/osm/monaco.osm.pbf");
    let output = jempol(&[
        "map",
        "matrix",
        monaco.to_str().unwrap(),
        "--points",
        dir.path().join("points.csv").to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let matrix = String::from_utf8(output.stdout).unwrap();
    assert!(
        matrix.starts_with(",'@SUM(A1),'-2+3\n'@SUM(A1),0.00,"),
        "{matrix}"
    );
}

// Finding 9: what `plan` rejects, `check` reports first.

#[test]
fn check_reports_what_plan_would_reject() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("not.geojson"), "{\"type\": \"Feature\"").unwrap();
    let long = "K".repeat(300);
    let cases = [
        (
            "missing.toml",
            "boundaries = \"no-such.geojson\"\n".to_string(),
            "missing.toml:2:14: the boundaries file cannot be drawn: cannot read",
        ),
        (
            "invalid.toml",
            "boundaries = \"not.geojson\"\n".to_string(),
            "not valid GeoJSON",
        ),
        (
            "long.toml",
            format!("[[van]]\nname = \"{long}\"\nrecording_sets = 1\n"),
            "has 300 characters, more than 80",
        ),
        (
            "week.toml",
            "week_start = 10:00:00\n".to_string(),
            "week_start `10:00:00`",
        ),
    ];
    for (name, body, says) in cases {
        let scenario = what_if(dir.path(), name, &body);
        let out = dir.path().join(format!("out-{name}"));
        fails_with(&jempol(&["check", &scenario]), &[says]);
        fails_with(
            &jempol(&["plan", &scenario, "--out", out.to_str().unwrap()]),
            &[says],
        );
        assert!(!out.exists(), "{name}: nothing written");
    }
}

// Finding 10: huge weights.

#[test]
fn huge_weights_are_refused_and_the_largest_allowed_keeps_plan_json_finite() {
    let dir = tempfile::tempdir().unwrap();
    let huge = what_if(dir.path(), "huge.toml", "[weights]\nelderly = 1e308\n");
    fails_with(
        &jempol(&["check", &huge]),
        &["huge.toml:3:11", "1e308", "from 0 to 1000000"],
    );
    let most = what_if(dir.path(), "most.toml", "[weights]\nelderly = 1000000\n");
    let out = dir.path().join("out");
    let output = jempol(&[
        "plan",
        &most,
        "--out",
        out.to_str().unwrap(),
        "--iterations",
        "40",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(out.join("plan.json")).unwrap();
    assert!(!text.contains("null"));
    let plan = out.join("plan.json");
    assert!(
        jempol(&["verify", &most, plan.to_str().unwrap()])
            .status
            .success()
    );
}

// Finding 11: plans that depend on the machine's speed say so.

#[test]
fn plan_json_records_how_the_search_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_str = out.to_str().unwrap();
    let small = small();
    let small = small.to_str().unwrap();
    let search = |extra: &[&str]| {
        let mut args = vec!["plan", small, "--out", out_str];
        args.extend(extra);
        let output = jempol(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = std::fs::read_to_string(out.join("plan.json")).unwrap();
        let plan: serde_json::Value = serde_json::from_str(&text).unwrap();
        (
            plan["search"].clone(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (timed, summary) = search(&["--time-limit", "0.3", "--iterations", "1000000000000"]);
    assert_eq!(timed["stopped"], "time_limit", "{timed}");
    assert!(timed["iterations"].as_u64().unwrap() < 1_000_000_000_000);
    assert!(
        summary.contains("depends on the machine's speed"),
        "{summary}"
    );
    let (counted, summary) = search(&["--iterations", "30"]);
    assert_eq!(
        counted,
        serde_json::json!({"stopped": "iterations", "iterations": 30})
    );
    assert!(!summary.contains("machine"), "{summary}");
    let (first, _) = search(&["--iterations", "0"]);
    assert_eq!(
        first,
        serde_json::json!({"stopped": "construction", "iterations": 0})
    );
}

// Finding 12: minor ones.

#[test]
fn a_windows_1252_row_is_read_and_a_second_lat_column_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // Before, a byte that is not UTF-8 got the hint "give every row as many cells".
    let mut csv = std::fs::read(data("tests/data/small-stops.csv")).unwrap();
    csv.extend_from_slice(b"Balai D\xe9sa Baru,-7.62,111.31,3\n");
    std::fs::write(dir.path().join("ansi.csv"), csv).unwrap();
    let ansi = what_if(dir.path(), "ansi.toml", "[stops]\ncsv = \"ansi.csv\"\n");
    let out = dir.path().join("out");
    let output = jempol(&[
        "plan",
        &ansi,
        "--out",
        out.to_str().unwrap(),
        "--iterations",
        "0",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = std::fs::read_to_string(out.join("plan.json")).unwrap();
    assert!(plan.contains("Balai D\u{e9}sa Baru"));
    // A second `lat` column (here by its Indonesian name) is not silently preferred.
    std::fs::write(
        dir.path().join("twice.csv"),
        "name,lat,lon,lintang,elderly\nA,-7.62,111.31,-7.7,3\n",
    )
    .unwrap();
    let twice = what_if(dir.path(), "twice.toml", "[stops]\ncsv = \"twice.csv\"\n");
    fails_with(
        &jempol(&["check", &twice]),
        &["twice.csv:1:4: column `lat` is given twice (here as `lintang`)"],
    );
}

#[test]
fn a_bad_week_start_is_one_problem_without_dates_of_1970() {
    let dir = tempfile::tempdir().unwrap();
    // Before, the week fell back to Thursday 1 January 1970, and its Saturday, a working day
    // of "mon-wed" counted from a Thursday, had no hours.
    let scenario = what_if(dir.path(), "week.toml", "week_start = 10:00:00\n");
    let err = fails_with(&jempol(&["check", &scenario]), &["week_start", "1 problem"]);
    assert!(!err.contains("1970"), "{err}");
}
