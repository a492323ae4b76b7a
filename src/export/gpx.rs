//! GPX 1.1 writer: tracks that follow the roads and named waypoints, in the form that GPSBabel,
//! OsmAnd and Organic Maps read back.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use quick_xml::escape::escape;

use super::Context;
use super::html::visit_name;
use crate::clock::{Clock, WIB_OFFSET};
use crate::fsio::write_atomically;
use crate::i18n::{Key, Lang};
use crate::map::LatLon;
use crate::plan::model::VanDay;
use crate::plan::slug;

/// One GPX document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gpx {
    pub name: String,
    pub description: String,
    /// Creation time as an RFC 3339 timestamp, e.g. `2026-12-07T07:30:00+07:00`.
    pub time: Option<String>,
    pub waypoints: Vec<GpxWaypoint>,
    pub tracks: Vec<GpxTrack>,
}

/// A named point, such as a stop.
#[derive(Clone, Debug, PartialEq)]
pub struct GpxWaypoint {
    pub at: LatLon,
    pub name: String,
    pub description: String,
    /// RFC 3339 timestamp of the planned arrival.
    pub time: Option<String>,
}

/// A line to follow, made of one segment.
#[derive(Clone, Debug, PartialEq)]
pub struct GpxTrack {
    pub name: String,
    pub points: Vec<LatLon>,
}

/// Renders the document as GPX 1.1 XML.
pub fn to_xml(gpx: &Gpx) -> String {
    let mut out =
        String::with_capacity(256 + 64 * gpx.tracks.iter().map(|t| t.points.len()).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gpx version=\"1.1\" creator=\"jempol\" xmlns=\"http://www.topografix.com/GPX/1/1\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd\">\n",
    );
    out.push_str("  <metadata>\n");
    push_element(&mut out, "    ", "name", &gpx.name);
    push_element(&mut out, "    ", "desc", &gpx.description);
    if let Some(time) = &gpx.time {
        push_element(&mut out, "    ", "time", time);
    }
    out.push_str("  </metadata>\n");
    for wpt in &gpx.waypoints {
        let _ = writeln!(out, "  <wpt {}>", lat_lon_attributes(wpt.at));
        if let Some(time) = &wpt.time {
            push_element(&mut out, "    ", "time", time);
        }
        push_element(&mut out, "    ", "name", &wpt.name);
        push_element(&mut out, "    ", "desc", &wpt.description);
        out.push_str("  </wpt>\n");
    }
    for track in &gpx.tracks {
        out.push_str("  <trk>\n");
        push_element(&mut out, "    ", "name", &track.name);
        out.push_str("    <trkseg>\n");
        for &p in &track.points {
            let _ = writeln!(out, "      <trkpt {}/>", lat_lon_attributes(p));
        }
        out.push_str("    </trkseg>\n  </trk>\n");
    }
    out.push_str("</gpx>\n");
    out
}

/// Writes the document to `path` completely or not at all.
pub fn write_gpx(path: &Path, gpx: &Gpx) -> anyhow::Result<()> {
    write_atomically(path, to_xml(gpx).as_bytes())
}

/// One GPX file per van-day with visits, named `<van>-<date>.gpx`: the route as a track, the
/// visits as waypoints, words in the plan's language.
pub fn plan_files(cx: &Context) -> Vec<(String, String)> {
    let lang = cx.lang;
    let scenario = &cx.plan.scenario;
    cx.plan
        .van_days
        .iter()
        .zip(cx.routes)
        .filter(|(day, _)| !day.visits.is_empty())
        .map(|(day, line)| {
            let when = lang.date_long(day.date);
            let gpx = Gpx {
                name: format!("{} — {} {when}", scenario.name, day.van.name),
                description: format!(
                    "{} {}, {when}. {}: {}. {}: {}.",
                    lang.t(Key::PlanOf),
                    scenario.name,
                    lang.t(Key::Travel),
                    lang.travel(&scenario.travel),
                    lang.t(Key::Depot),
                    cx.scenario.depot_name
                ),
                time: Some(local_time(day.date, day.depart)),
                tracks: vec![GpxTrack {
                    name: format!("{} {}", day.van.name, day.date),
                    points: line.clone(),
                }],
                waypoints: waypoints(day, lang),
            };
            (
                format!("{}-{}.gpx", slug(&day.van.name), day.date),
                to_xml(&gpx),
            )
        })
        .collect()
}

fn waypoints(day: &VanDay, lang: Lang) -> Vec<GpxWaypoint> {
    day.visits
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let people: Vec<String> = v
                .people
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(g, n)| format!("{} {}", lang.group(g), lang.int(u64::from(*n))))
                .collect();
            GpxWaypoint {
                at: v.location,
                name: format!("{} {} {}", i + 1, lang.clock(v.start), visit_name(v, lang)),
                time: Some(local_time(day.date, v.arrive)),
                description: format!(
                    "{} {}, {} {}–{}: {}",
                    lang.t(Key::Arrive),
                    lang.clock(v.arrive),
                    lang.t(Key::Record),
                    lang.clock(v.start),
                    lang.clock(v.end),
                    people.join(", ")
                ),
            }
        })
        .collect()
}

/// A time on `date` in Western Indonesian Time, as RFC 3339.
fn local_time(date: NaiveDate, time: Clock) -> String {
    format!("{date}T{time}{WIB_OFFSET}")
}

fn push_element(out: &mut String, indent: &str, tag: &str, text: &str) {
    let _ = writeln!(out, "{indent}<{tag}>{}</{tag}>", escape(text));
}

/// Seven decimals is about 1 cm, finer than any phone's GPS.
fn lat_lon_attributes(p: LatLon) -> String {
    format!("lat=\"{:.7}\" lon=\"{:.7}\"", p.lat, p.lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Gpx {
        Gpx {
            name: "Keliling 1 <Senin> & co".into(),
            description: "stand-in map".into(),
            time: Some("2026-12-07T07:30:00+07:00".into()),
            waypoints: vec![GpxWaypoint {
                at: LatLon {
                    lat: -7.652,
                    lon: 111.33,
                },
                name: "1 08:05 Balai Desa \"Candirejo\"".into(),
                description: "elderly 12".into(),
                time: Some("2026-12-07T08:05:00+07:00".into()),
            }],
            tracks: vec![GpxTrack {
                name: "route".into(),
                points: vec![
                    LatLon {
                        lat: -7.652,
                        lon: 111.33,
                    },
                    LatLon {
                        lat: -7.66,
                        lon: 111.31,
                    },
                ],
            }],
        }
    }

    #[test]
    fn escapes_text_and_keeps_gpx_1_1_order() {
        let xml = to_xml(&sample());
        assert!(xml.contains("<name>Keliling 1 &lt;Senin&gt; &amp; co</name>"));
        assert!(xml.contains("&quot;Candirejo&quot;"));
        // GPX 1.1's schema orders metadata, then wpt, then trk; inside wpt, time before name.
        let (meta, wpt, trk) = (xml.find("<metadata>"), xml.find("<wpt"), xml.find("<trk>"));
        assert!(meta < wpt && wpt < trk, "{xml}");
        let wpt_xml = &xml[wpt.unwrap()..];
        assert!(wpt_xml.find("<time>") < wpt_xml.find("<name>"));
    }

    #[test]
    fn parses_back_as_xml() {
        let xml = to_xml(&sample());
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut trkpts = 0;
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"trkpt" => trkpts += 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(trkpts, 2);
    }
}
