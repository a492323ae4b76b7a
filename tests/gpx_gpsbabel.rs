//! Every GPX we write must be readable by GPSBabel (Debian's gpsbabel, installed by
//! scripts/setup.sh), the converter that phone and desktop tools rely on.

#[path = "common/gpsbabel.rs"]
mod gpsbabel;

use std::process::Command;

use gpsbabel::gpsbabel_csv;

use jempol::export::gpx::{Gpx, GpxTrack, GpxWaypoint, write_gpx};
use jempol::map::LatLon;

#[test]
fn gpsbabel_reads_waypoints_and_track() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("route.gpx");
    let gpx = Gpx {
        name: "Keliling 1, Senin 7 Desember 2026 & <uji>".into(),
        description: "stand-in map".into(),
        time: Some("2026-12-07T07:30:00+07:00".into()),
        waypoints: vec![GpxWaypoint {
            at: LatLon {
                lat: -7.6586,
                lon: 111.3272,
            },
            name: "1 08:05 SMKN 2 Magetan".into(),
            description: "pemula 180".into(),
            time: Some("2026-12-07T08:05:00+07:00".into()),
        }],
        tracks: vec![GpxTrack {
            name: "Keliling 1".into(),
            points: vec![
                LatLon {
                    lat: -7.652,
                    lon: 111.33,
                },
                LatLon {
                    lat: -7.655,
                    lon: 111.329,
                },
                LatLon {
                    lat: -7.6586,
                    lon: 111.3272,
                },
            ],
        }],
    };
    write_gpx(&path, &gpx).unwrap();
    let lines = gpsbabel_csv(&path);
    // GPSBabel's csv lists the waypoint first, then every track point, as "lat, lon, text".
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with("-7.65860, 111.32720"), "{lines:?}");
    assert!(lines[1].starts_with("-7.65200, 111.33000"), "{lines:?}");
    // unicsv keeps the names: the escaped waypoint name survives the round trip.
    let unicsv = Command::new("gpsbabel")
        .args(["-i", "gpx", "-f"])
        .arg(&path)
        .args(["-o", "unicsv", "-F", "-"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&unicsv.stdout).contains("1 08:05 SMKN 2 Magetan"));
}
