//! The files for people that `jempol plan` writes beside plan.json: report.html,
//! day-sheets.html, announcements.html/.txt and plan.geojson.

use std::path::{Path, PathBuf};

use super::{announce, geojson, report, sheets, write_atomically};
use crate::i18n::Lang;
use crate::map::LatLon;
use crate::plan::Solved;

/// Writes the files into `out`; `routes` holds one line per van-day. Returns the files.
pub fn write(
    out: &Path,
    solved: &Solved,
    routes: &[Vec<LatLon>],
    lang: Lang,
) -> anyhow::Result<Vec<PathBuf>> {
    let scenario = &solved.prepared.scenario;
    let notices = announce::announcements(&solved.report, scenario);
    let mut geo = serde_json::to_vec_pretty(&geojson::geojson(&solved.report, scenario, routes))?;
    geo.push(b'\n');
    let files: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            out.join("report.html"),
            report::html(solved, routes, lang)?.into_bytes(),
        ),
        (
            out.join("day-sheets.html"),
            sheets::html(solved, lang).into_bytes(),
        ),
        (
            out.join("announcements.html"),
            announce::html(&notices, &scenario.name).into_bytes(),
        ),
        (
            out.join("announcements.txt"),
            announce::text_file(&notices).into_bytes(),
        ),
        (out.join("plan.geojson"), geo),
    ];
    for (path, bytes) in &files {
        write_atomically(path, bytes)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
