//! The repository stands alone: a copy of what is committed, with nothing beside it, runs the
//! README's main command; the built binary plans from any folder; and no file reads the
//! reference folder the data was copied from.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn jempol() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jempol"))
}

fn run_ok(command: &mut Command) -> String {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?}\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The only output folder under `out/`.
fn only_output(dir: &Path) -> PathBuf {
    let outs: Vec<PathBuf> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(outs.len(), 1, "{outs:?}");
    outs.into_iter().next().unwrap()
}

#[test]
fn no_file_names_the_reference_folder() {
    // Spelled in two parts so that this file does not find itself.
    let needle = format!("{}/shared", "..");
    let mut offenders = Vec::new();
    let mut stack: Vec<PathBuf> = ["src", "tests", "benches", "scripts", "scenarios", "fuzz"]
        .iter()
        .map(|d| root().join(d))
        .collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if path.ends_with("fuzz/target") || path.ends_with("fuzz/corpus") {
                continue;
            }
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            for (i, line) in text.lines().enumerate() {
                if line.contains(&needle) {
                    offenders.push(format!("{}:{}: {line}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn the_built_binary_plans_the_default_from_another_folder() {
    let elsewhere = tempfile::tempdir().unwrap();
    let scenario = root().join("scenarios/magetan-week.toml");
    run_ok(jempol().current_dir(elsewhere.path()).args([
        "plan",
        scenario.to_str().unwrap(),
        "--iterations",
        "50",
    ]));
    let out = only_output(elsewhere.path());
    for file in ["plan.json", "report.html", "schedule.csv"] {
        assert!(out.join(file).is_file(), "{file} in {}", out.display());
    }
    // The generators use the Magetan data built into the binary.
    run_ok(jempol().current_dir(elsewhere.path()).args([
        "scenario",
        "stops",
        "--out",
        "stops.csv",
    ]));
    let stops = std::fs::read_to_string(elsewhere.path().join("stops.csv")).unwrap();
    assert!(stops.contains("Kantor Kelurahan Alastuwo (Poncol)"));
}

/// `git archive HEAD` into a folder with no reference data beside it, then the README's first
/// command there, as a new user would run it. It builds jempol in release mode in its own
/// target folder (under this checkout's target/), so it takes a few minutes the first time.
#[test]
fn a_bare_copy_of_head_runs_the_readme_main_command() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let main_command = "cargo run --release -- plan scenarios/magetan-week.toml";
    assert!(
        readme.lines().take(4).any(|l| l.starts_with(main_command)),
        "the README starts with the main command"
    );
    let place = tempfile::tempdir().unwrap();
    let clone = place.path().join("jempol");
    std::fs::create_dir(&clone).unwrap();
    let archive = Command::new("git")
        .current_dir(root())
        .args(["archive", "--format=tar", "HEAD"])
        .output()
        .expect("git is installed");
    assert!(
        archive.status.success(),
        "git archive HEAD: {}",
        String::from_utf8_lossy(&archive.stderr)
    );
    let tar = place.path().join("head.tar");
    std::fs::write(&tar, archive.stdout).unwrap();
    run_ok(
        Command::new("tar")
            .arg("-xf")
            .arg(&tar)
            .arg("-C")
            .arg(&clone),
    );
    assert!(!place.path().join("shared").exists());

    let words: Vec<&str> = main_command.split(' ').collect();
    run_ok(
        Command::new(words[0])
            .args(&words[1..])
            .current_dir(&clone)
            .env("CARGO_TARGET_DIR", root().join("target/bare-clone")),
    );
    let out = only_output(&clone);
    for file in ["plan.json", "report.html"] {
        assert!(out.join(file).is_file(), "{file} in {}", out.display());
    }
}
