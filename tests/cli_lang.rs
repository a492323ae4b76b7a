//! `--lang id` (or `JEMPOL_LANG=id`) on the commands a planner runs: `check`, `plan`,
//! `verify` and `compare` speak Bahasa Indonesia, scenario errors included, and keep the
//! file:line:column of every problem.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn small() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small-week.toml")
}

fn jempol(args: &[&str], env_lang: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jempol"));
    command.args(args).env_remove("JEMPOL_LANG");
    if let Some(lang) = env_lang {
        command.env("JEMPOL_LANG", lang);
    }
    command.output().expect("run jempol")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn check_explains_a_toml_error_in_indonesian_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.toml",
        "name = \"x\"\nseed = 1\n\n[depot]\nnaem = \"kantor\"\n",
    );
    let before = jempol(&["--lang", "id", "check", &bad], None);
    let after = jempol(&["check", &bad, "--lang", "id"], None);
    let from_env = jempol(&["check", &bad], Some("id"));
    for out in [&before, &after, &from_env] {
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!("kesalahan: {bad}:5:1: kunci `naem` tidak dikenal")),
            "{err}"
        );
        assert!(err.contains("perbaiki: maksudnya `name`?"), "{err}");
    }
    // The flag wins over the environment; English stays the default.
    let english = jempol(&["check", &bad, "--lang", "en"], Some("id"));
    let err = text(&english.stderr);
    assert!(err.starts_with(&format!("error: {bad}:5:1: unknown key `naem`")));
    assert!(err.contains("fix: did you mean `name`?"), "{err}");
}

#[test]
fn check_lists_scenario_problems_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let base = small().to_string_lossy().into_owned();
    // A Tuesday start and a typo in equipment.
    let what_if = write(
        dir.path(),
        "what-if.toml",
        &format!(
            "extends = \"{base}\"\nweek_start = 2026-12-08\n\n[[stop]]\nname = \"Balai Desa Baru\"\n\
             location = [-7.64, 111.33]\nelderly = 5\nrequires = \"generatr\"\n"
        ),
    );
    let out = jempol(&["check", &what_if, "--lang", "id"], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("2 masalah dalam skenario:"), "{err}");
    assert!(
        err.contains(&format!(
            "{what_if}:2:14: week_start 2026-12-08 jatuh pada hari Selasa, bukan Senin"
        )),
        "{err}"
    );
    assert!(
        err.contains("mulai minggu pada hari Senin 2026-12-07 (Senin, 7 Desember 2026)"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{what_if}:5:8: titik `Balai Desa Baru` memerlukan peralatan `generatr` yang tidak dikenal"
        )),
        "{err}"
    );
    assert!(err.contains("perbaiki: maksudnya `generator`?"), "{err}");

    // Sound file, but a mandatory stop needs equipment that no van carries.
    let mandatory = write(
        dir.path(),
        "mandatory.toml",
        &format!(
            "extends = \"{base}\"\n\n[[van]]\nname = \"Van A\"\nrecording_sets = 2\n\
             equipment = [\"portable_kit\"]\n\n[[stop]]\nname = \"Puskesmas Plaosan\"\n\
             location = [-7.67, 111.24]\nelderly = 3\nrequires = \"generator\"\nmandatory = true\n"
        ),
    );
    let out = jempol(&["--lang", "id", "check", &mandatory], None);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{mandatory}:9:8: titik wajib `Puskesmas Plaosan` tidak dapat dilayani mobil mana pun: \
             peralatan tidak tersedia: memerlukan generator, yang tidak dibawa mobil mana pun minggu ini"
        )),
        "{err}"
    );
    assert!(err.contains("perbaiki: jadikan tidak wajib"), "{err}");
}

#[test]
fn a_missing_scenario_file_leads_in_indonesian_and_keeps_the_os_text() {
    let out = jempol(&["--lang", "id", "check", "/nonexistent/s.toml"], None);
    let err = text(&out.stderr);
    assert!(
        err.starts_with("kesalahan: skenario /nonexistent/s.toml tidak dapat dibaca: "),
        "{err}"
    );
    assert!(err.contains("os error 2"), "{err}");
}

#[test]
fn plan_verify_and_compare_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out_str = out_dir.to_string_lossy().into_owned();
    let scenario = small().to_string_lossy().into_owned();
    let run = ["--iterations", "200", "--seed", "3"];

    // `plan --lang id` (the flag after the subcommand, as before it became global).
    let mut args = vec!["plan", scenario.as_str(), "--out", &out_str, "--lang", "id"];
    args.extend(run);
    let plan = jempol(&args, None);
    assert!(plan.status.success(), "{}", text(&plan.stderr));
    let summary = text(&plan.stdout);
    assert!(
        summary.contains("minggu mulai Senin, 7 Desember 2026 (3 hari)"),
        "{summary}"
    );
    // The stop whose window is shorter than its visit, with its detailed reason in Indonesian.
    let sarangan = summary
        .lines()
        .find(|l| l.contains("Hall Sarangan"))
        .unwrap_or_else(|| panic!("{summary}"));
    assert!(
        sarangan.contains("jam layanan tidak cocok: kunjungan memakan "),
        "{sarangan}"
    );
    assert!(
        sarangan.contains("lebih lama dari jam layanannya"),
        "{sarangan}"
    );
    assert!(!summary.contains("longer than"), "{summary}");
    assert!(summary.contains("Ditulis ke"), "{summary}");

    // plan.json keeps the reason as data, whatever the language.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("plan.json")).unwrap()).unwrap();
    let unvisited = json["unvisited"].as_array().unwrap();
    let hall = unvisited
        .iter()
        .find(|u| u["stop"]["name"] == "Hall Sarangan")
        .unwrap();
    assert_eq!(hall["reason"]["rule"], "window", "{hall}");
    assert!(hall["reason"]["minutes"].as_u64().unwrap() > 30, "{hall}");

    // verify: numbers with a decimal comma.
    let plan_json = out_dir.join("plan.json").to_string_lossy().into_owned();
    let verify = jempol(&["verify", &scenario, &plan_json], Some("id"));
    assert!(verify.status.success(), "{}", text(&verify.stderr));
    let verdict = text(&verify.stdout);
    assert!(verdict.starts_with("rencana terverifikasi: "), "{verdict}");
    assert!(verdict.contains(" kunjungan pada "), "{verdict}");
    let km = verdict.trim_end().rsplit(", ").next().unwrap();
    assert!(
        km.ends_with(" km") && km.contains(',') && !km.contains('.'),
        "{verdict}"
    );

    // verify of an edited plan: the rejection leads in Indonesian.
    let mut edited = json.clone();
    let day = edited["van_days"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|d| !d["visits"].as_array().unwrap().is_empty())
        .unwrap();
    day["visits"][0]["stop"]["name"] = "Tidak ada".into();
    let edited_path = write(dir.path(), "edited.json", &edited.to_string());
    let rejected = jempol(&["--lang", "id", "verify", &scenario, &edited_path], None);
    assert!(!rejected.status.success());
    let err = text(&rejected.stderr);
    assert!(
        err.contains(&format!("{edited_path}: pemeriksa menolak rencana ini:")),
        "{err}"
    );
    assert!(
        err.contains("`Tidak ada` tahap ") && err.contains(" bukan titik layanan skenario ini"),
        "{err}"
    );

    // compare: Indonesian labels, and the changes against the first scenario.
    let one_van = write(
        dir.path(),
        "small-one-van.toml",
        &format!(
            "extends = \"{scenario}\"\nname = \"Satu mobil\"\n[[van]]\nname = \"Van B\"\n\
             recording_sets = 1\ndays = \"sat\"\n"
        ),
    );
    let base = write(
        dir.path(),
        "small-base.toml",
        &format!("extends = \"{scenario}\"\n"),
    );
    let mut args = vec!["--lang", "id", "compare", base.as_str(), one_van.as_str()];
    args.extend(run);
    let compare = jempol(&args, None);
    assert!(compare.status.success(), "{}", text(&compare.stderr));
    let table = text(&compare.stdout);
    for label in [
        "lansia terlayani",
        "titik dikunjungi",
        "titik tidak dikunjungi",
        "jam mengemudi",
        "Perubahan terhadap base: one-van",
        "berkurang",
    ] {
        assert!(table.contains(label), "{label}: {table}");
    }
    assert!(!table.contains("served"), "{table}");
}
