//! GPSBabel, the converter that phone and desktop tools rely on, as a GPX checker.

use std::process::Command;

/// Runs `gpsbabel -i gpx -f FILE -o csv -F -` and returns its CSV lines.
pub fn gpsbabel_csv(path: &std::path::Path) -> Vec<String> {
    let output = Command::new("gpsbabel")
        .args(["-i", "gpx", "-f"])
        .arg(path)
        .args(["-o", "csv", "-F", "-"])
        .output()
        .expect("gpsbabel is installed (scripts/setup.sh)");
    assert!(
        output.status.success(),
        "gpsbabel rejected {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}
