//! report.html: the week on one self-contained page (inline CSS, SVG and script; works
//! offline) for the planner and the head of office.

use std::fmt::Write as _;

use super::html::{VisitTable, esc, route_colour, visit_table};
use super::svg_map::{self, Layers};
use crate::i18n::{Key, Lang};
use crate::map::LatLon;
use crate::plan::Solved;
use crate::plan::report::PlanReport;
use crate::scenario::TravelSource;

const CSS: &str = r#"
body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em;color:#222}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.5em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right}.warn{background:#fff3cd;border:1px solid #e0b000;padding:.6em;margin:.8em 0}
.mapbox{display:flex;gap:1em;flex-wrap:wrap}#map{flex:1 1 700px;max-width:100%;height:auto;border:1px solid #ccc}
.legend{flex:0 0 260px;font-size:.9em}.legend li{list-style:none;cursor:pointer;margin:.15em 0}
.legend ul{padding:0}.sw{display:inline-block;width:1.6em;height:.5em;margin-right:.4em;vertical-align:middle}
#map.focus .route{opacity:.12}#map.focus .route.on{opacity:1;stroke-width:5}
.day{margin:1em 0}.muted{color:#777}nav a{margin-right:1em}
"#;

/// Highlights one van-day's route when its legend entry is hovered or clicked.
const SCRIPT: &str = r#"
(function(){
  var map=document.getElementById('map');
  document.querySelectorAll('.legend [data-route]').forEach(function(li){
    function on(){map.classList.add('focus');
      map.querySelectorAll('.route').forEach(function(p){
        p.classList.toggle('on',p.getAttribute('data-route')===li.getAttribute('data-route'));});}
    function off(){map.classList.remove('focus');}
    li.addEventListener('mouseenter',on);li.addEventListener('mouseleave',off);
    li.addEventListener('click',on);
  });
})();
"#;

/// The whole page.
pub fn html(solved: &Solved, routes: &[Vec<LatLon>], lang: Lang) -> anyhow::Result<String> {
    let report = &solved.report;
    let scenario = &solved.prepared.scenario;
    let roads = match &solved.prepared.source {
        TravelSource::Roads { map, .. } => Some(&map.graph),
        TravelSource::StraightLine { .. } => None,
    };
    let layers = Layers {
        roads,
        boundaries: scenario.boundaries.as_deref(),
        routes,
    };
    let (svg, omitted) = svg_map::svg(report, scenario, &layers, lang)?;
    let mut h = String::new();
    let title = format!("{} — {}", lang.t(Key::Report), report.scenario.name);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{CSS}</style></head><body>",
        lang.code(),
        esc(&title)
    );
    let _ = write!(
        h,
        "<h1>{}</h1><p>{} {} ({} {}) · {}: {}</p>",
        esc(&title),
        lang.t(Key::WeekOf),
        esc(&lang.date_long(report.week.start)),
        report.week.dates.len(),
        lang.t(Key::Days),
        lang.t(Key::Travel),
        esc(&solved.prepared.source.label_in(lang))
    );
    if let Some(warning) = travel_warning(&solved.prepared.source) {
        let _ = write!(
            h,
            "<p class=\"warn\" id=\"travel-warning\">{}</p>",
            lang.t(warning)
        );
    }
    let _ = write!(
        h,
        "<nav><a href=\"day-sheets.html\">{}</a><a href=\"announcements.html\">{}</a><a href=\"plan.geojson\">{}</a></nav>",
        lang.t(Key::DaySheetsFile),
        lang.t(Key::AnnouncementsFile),
        lang.t(Key::GeojsonFile)
    );
    totals(&mut h, report, lang);
    let _ = write!(
        h,
        "<h2>{}</h2><div class=\"mapbox\">{svg}",
        lang.t(Key::Map)
    );
    legend(
        &mut h,
        report,
        omitted,
        roads.is_some(),
        layers.boundaries.is_some(),
        lang,
    );
    h.push_str("</div>");
    days(&mut h, report, lang);
    unvisited(&mut h, report, lang);
    let _ = writeln!(
        h,
        "<p class=\"muted\">{} · {} · seed {}</p><script>{SCRIPT}</script></body></html>",
        lang.t(Key::Generated),
        esc(&report.scenario.file),
        report.scenario.seed
    );
    Ok(h)
}

/// The warning every output shows when travel is not on real roads.
pub fn travel_warning(source: &TravelSource) -> Option<Key> {
    match source {
        TravelSource::Roads { standin: true, .. } => Some(Key::StandinWarning),
        TravelSource::Roads { .. } => None,
        TravelSource::StraightLine { .. } => Some(Key::StraightLineWarning),
    }
}

fn totals(h: &mut String, report: &PlanReport, lang: Lang) {
    let t = &report.totals;
    let _ = write!(
        h,
        "<h2>{}</h2><table id=\"people\"><tr><th>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
        lang.t(Key::People),
        lang.t(Key::Group),
        lang.t(Key::Served),
        lang.t(Key::Demand),
        lang.t(Key::Share)
    );
    let groups = [
        (Key::Elderly, t.served.elderly, t.demand.elderly),
        (Key::Disabled, t.served.disabled, t.demand.disabled),
        (
            Key::NewEligible,
            t.served.new_eligible,
            t.demand.new_eligible,
        ),
        (Key::Total, t.served.total(), t.demand.total()),
    ];
    for (key, served, demand) in groups {
        let share = if demand > 0 {
            100.0 * f64::from(served) / f64::from(demand)
        } else {
            0.0
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{} %</td></tr>",
            lang.t(key),
            lang.int(served.into()),
            lang.int(demand.into()),
            lang.dec(share, 1)
        );
    }
    let _ = write!(
        h,
        "</table><p id=\"week-totals\">{}: {} {} ({} {}), {} {} · {} {} · {} {} · {} {} · {} {}</p>",
        lang.t(Key::Stops),
        lang.int(t.stops_visited as u64),
        lang.t(Key::Visited),
        lang.int(t.stops_partly_visited as u64),
        lang.t(Key::Partly),
        lang.int(t.stops_unvisited as u64),
        lang.t(Key::Unvisited),
        lang.dec(t.km, 1),
        lang.t(Key::Km),
        lang.dec(t.drive_hours, 1),
        lang.t(Key::DriveHours),
        lang.dec(t.work_hours, 1),
        lang.t(Key::WorkHours),
        lang.t(Key::Value),
        lang.dec(t.value, 0)
    );
}

fn legend(
    h: &mut String,
    report: &PlanReport,
    omitted: bool,
    roads: bool,
    boundaries: bool,
    lang: Lang,
) {
    let _ = write!(
        h,
        "<div class=\"legend\"><b>{}</b><ul>",
        lang.t(Key::Legend)
    );
    for (i, day) in report.van_days.iter().enumerate() {
        if day.visits.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<li data-route=\"{i}\"><span class=\"sw\" style=\"background:{}\"></span>{} · {} · {}: {}</li>",
            route_colour(i),
            esc(&day.van),
            esc(&lang.date_short(day.date)),
            lang.t(Key::Stops),
            day.visits.len()
        );
    }
    h.push_str("</ul><ul>");
    let _ = write!(
        h,
        "<li><svg width=\"22\" height=\"14\"><circle cx=\"11\" cy=\"7\" r=\"6\" fill=\"#1f77b4\" fill-opacity=\".75\"/></svg> {}</li>",
        lang.t(Key::StopSizedByValue)
    );
    let _ = write!(
        h,
        "<li><svg width=\"22\" height=\"14\"><circle cx=\"11\" cy=\"7\" r=\"6\" fill=\"#fff\" stroke=\"#777\"/><path d=\"M7 3L15 11M7 11L15 3\" stroke=\"#777\"/></svg> {}</li>",
        lang.t(Key::UnvisitedStop)
    );
    let _ = write!(
        h,
        "<li><svg width=\"22\" height=\"14\"><rect x=\"5\" y=\"1\" width=\"12\" height=\"12\" fill=\"#111\"/></svg> {}</li>",
        lang.t(Key::Depot)
    );
    if roads {
        let _ = write!(
            h,
            "<li><span class=\"sw\" style=\"background:#c9c5bc;height:.2em\"></span>{}</li>",
            lang.t(Key::Roads)
        );
    }
    if omitted {
        let _ = write!(
            h,
            "<li class=\"muted\">{}</li>",
            lang.t(Key::MinorRoadsOmitted)
        );
    }
    if boundaries {
        let _ = write!(
            h,
            "<li><span class=\"sw\" style=\"border-top:2px dashed #8a8aa8;height:0\"></span>{}</li>",
            lang.t(Key::Boundaries)
        );
    }
    h.push_str("</ul></div>");
}

fn days(h: &mut String, report: &PlanReport, lang: Lang) {
    let _ = write!(h, "<h2>{}</h2>", lang.t(Key::VanDays));
    for (i, day) in report.van_days.iter().enumerate() {
        let _ = write!(
            h,
            "<div class=\"day\"><h3><span class=\"sw\" style=\"background:{}\"></span>{} · {}</h3>",
            route_colour(i),
            esc(&day.van),
            esc(&lang.date_long(day.date))
        );
        if day.visits.is_empty() {
            let _ = write!(h, "<p class=\"muted\">{}</p></div>", lang.t(Key::NoVisits));
            continue;
        }
        let _ = write!(
            h,
            "<p>{} {} · {} {} · {} {} · {} {} {} · {} {}</p>",
            lang.t(Key::Depart),
            day.depart,
            lang.t(Key::Back),
            day.back,
            lang.dec(day.km, 1),
            lang.t(Key::Km),
            lang.t(Key::Drive),
            lang.dec(day.drive_minutes / 60.0, 1),
            lang.t(Key::Hours),
            lang.int(day.people.into()),
            lang.t(Key::People).to_lowercase()
        );
        visit_table(h, &day.visits, lang, VisitTable::Report);
        h.push_str("</div>");
    }
}

fn unvisited(h: &mut String, report: &PlanReport, lang: Lang) {
    let _ = write!(
        h,
        "<h2>{} ({})</h2>",
        lang.t(Key::NotServed),
        lang.int(report.unvisited.len() as u64)
    );
    if report.unvisited.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<table id=\"unvisited\"><tr><th>{}</th><th>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th></tr>",
        lang.t(Key::Stop),
        lang.t(Key::Reason),
        lang.t(Key::Elderly),
        lang.t(Key::Disabled),
        lang.t(Key::NewEligible),
        lang.t(Key::Value)
    );
    let mut rows: Vec<_> = report.unvisited.iter().collect();
    rows.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.job.cmp(&b.job)));
    for u in rows {
        let reason = u.reason_in(lang);
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
            esc(&u.job),
            esc(&reason),
            lang.int(u.elderly.into()),
            lang.int(u.disabled.into()),
            lang.int(u.new_eligible.into()),
            lang.dec(u.value, 1)
        );
    }
    h.push_str("</table>");
}
