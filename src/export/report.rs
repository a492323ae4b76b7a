//! report.html: the week on one self-contained page (inline CSS, SVG and script; works
//! offline) for the planner and the head of office.

use maud::{Markup, PreEscaped, html};

use super::Context;
use super::html::{VisitTable, page, route_colour, visit_table};
use super::svg_map::{self, Layers};
use crate::groups::{Group, percent};
use crate::i18n::{Key, Lang, Message, PlanMsg, TargetMsg};
use crate::plan::coverage::by_kecamatan;
use crate::plan::model::{Promise, Totals};
use crate::plan::replan::{self, Change};
use crate::promise::Placement;
use crate::scenario::TravelSource;
use crate::travel_basis::TravelBasis;

const CSS: &str = r#"
body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em;color:#222}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.5em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right}.warn{background:#fff3cd;border:1px solid #e0b000;padding:.6em;margin:.8em 0}
.mapbox{display:flex;gap:1em;flex-wrap:wrap}#map{flex:1 1 700px;max-width:100%;height:auto;border:1px solid #ccc}
.legend{flex:0 0 260px;font-size:.9em}.legend li{list-style:none;cursor:pointer;margin:.15em 0}
.legend ul{padding:0}.sw{display:inline-block;width:1.6em;height:.5em;margin-right:.4em;vertical-align:middle}
#map.focus .route{opacity:.12}#map.focus .route.on{opacity:1;stroke-width:5}
.day{margin:1em 0}.muted{color:#777}nav a{margin-right:1em;display:inline-block}.scroll{overflow-x:auto}
#map .order{cursor:default}#map.focus .order{opacity:.15}#map.focus .order.on{opacity:1}
"#;

/// Highlights one van-day's route when its legend entry is hovered or clicked.
const SCRIPT: &str = r#"
(function(){
  var map=document.getElementById('map');
  document.querySelectorAll('.legend [data-route]').forEach(function(li){
    function on(){map.classList.add('focus');
      map.querySelectorAll('.route,.order').forEach(function(p){
        p.classList.toggle('on',p.getAttribute('data-route')===li.getAttribute('data-route'));});}
    function off(){map.classList.remove('focus');}
    li.addEventListener('mouseenter',on);li.addEventListener('mouseleave',off);
    li.addEventListener('click',on);
  });
})();
"#;

/// The whole page; `source` gives the roads drawn under the plan.
pub fn html(cx: &Context, source: &TravelSource) -> anyhow::Result<String> {
    let (plan, lang) = (cx.plan, cx.lang);
    let roads = match source {
        TravelSource::Roads { map, .. } => Some(&map.graph),
        TravelSource::StraightLine { .. } => None,
    };
    let layers = Layers {
        roads,
        boundaries: cx.scenario.boundaries.as_deref(),
        routes: cx.routes,
    };
    let (svg, omitted) = svg_map::svg(cx, &layers)?;
    let title = format!("{} — {}", lang.t(Key::Report), plan.scenario.name);
    let body = html! {
        h1 { (title) }
        p {
            (lang.t(Key::WeekOf)) " " (lang.date_long(plan.week.start))
            " (" (plan.week.dates.len()) " " (lang.t(Key::Days)) ") · "
            (lang.t(Key::Travel)) ": " (lang.travel(&plan.scenario.travel))
        }
        @if let Some(warning) = travel_warning(&plan.scenario.travel) {
            p.warn #travel-warning { (lang.t(warning)) }
        }
        (promises(cx))
        nav {
            a href="day-sheets.html" { (lang.t(Key::DaySheetsFile)) }
            a href="announcements.html" { (lang.t(Key::AnnouncementsFile)) }
            a href="whatsapp.txt" { (lang.t(Key::WhatsappFile)) }
            a href="schedule.xlsx" { (lang.t(Key::ScheduleFile)) }
            a href="plan.geojson" { (lang.t(Key::GeojsonFile)) }
        }
        (totals(&plan.totals, lang))
        h2 { (lang.t(Key::Map)) }
        div.mapbox {
            (svg)
            (legend(cx, omitted, roads.is_some(), layers.boundaries.is_some()))
        }
        (coverage(cx))
        div.scroll { (days(cx)) }
        div.scroll { (changes(cx)) }
        div.scroll { (unvisited(cx)) }
        p.muted {
            (lang.t(Key::Generated)) " · " (plan.scenario.file) " · " (lang.t(Key::Seed)) " " (plan.scenario.seed)
        }
        script { (PreEscaped(SCRIPT)) }
    };
    Ok(page(lang, &title, CSS, body))
}

/// The promises the plan breaks, first, where nobody can miss them; then the targets, met or
/// not; then the requests and where each is planned.
fn promises(cx: &Context) -> Markup {
    let (plan, lang) = (cx.plan, cx.lang);
    let broken: Vec<&Promise> = plan.broken_promises().collect();
    let requests: Vec<&Promise> = plan.requests().filter(|p| p.kept()).collect();
    let missed = plan.requests().filter(|p| !p.kept()).count();
    let what = |p: &Promise| {
        format!(
            "{} ({})",
            lang.part(&p.stop, p.part, p.parts),
            lang.made(&p.made)
        )
    };
    html! {
        @if !broken.is_empty() {
            div.warn #promises-broken {
                b { (PlanMsg::PromisesBroken { promises: broken.len() }.get(lang)) }
                ul {
                    @for p in &broken {
                        li {
                            (what(p)) " — " (lang.broken(p.broken.as_ref().expect("broken")))
                            "; " (match &p.served {
                                Some(at) => PlanMsg::Instead { at: lang.placement(at) },
                                None => PlanMsg::NotServedThisWeek,
                            }.get(lang))
                        }
                    }
                }
            }
        }
        @if !plan.targets.is_empty() {
            @let unmet = plan.targets.iter().filter(|t| !t.met()).count();
            div #targets .warn[unmet > 0] {
                b { (TargetMsg::Heading { unmet }.get(lang)) }
                ul {
                    @for t in &plan.targets {
                        li { (TargetMsg::Line(t.clone()).get(lang)) }
                    }
                    @for p in plan.target_misses() {
                        li.miss {
                            (what(p)) " — "
                            (lang.broken(p.broken.as_ref().expect("a miss is broken")))
                        }
                    }
                }
            }
        }
        @if !requests.is_empty() {
            div #requests {
                b { (PlanMsg::Requests { planned: requests.len(), missed }.get(lang)) }
                ul {
                    @for p in &requests {
                        li {
                            (what(p))
                            @if let Some(at) = &p.served { ": " (lang.placement(at)) }
                        }
                    }
                }
            }
        }
    }
}

/// After a re-plan, every promised visit kept, moved or dropped, and every visit added.
fn changes(cx: &Context) -> Markup {
    let lang = cx.lang;
    let rows = replan::changes(cx.plan);
    if !rows.iter().any(|r| r.before.is_some()) {
        return html! {};
    }
    let at = |p: &Option<Placement>| p.as_ref().map(|p| lang.placement(p)).unwrap_or_default();
    html! {
        h2 { (lang.t(Key::WhatChanged)) }
        table #changes {
            tr {
                th { (lang.t(Key::Change)) }
                th { (lang.t(Key::Stop)) }
                th { (lang.t(Key::Before)) }
                th { (lang.t(Key::After)) }
                th { (lang.t(Key::Reason)) }
            }
            @for row in &rows {
                @let (change, why) = match &row.change {
                    Change::Kept => (Key::ChangeKept, String::new()),
                    Change::Moved { why } => (Key::ChangeMoved, lang.broken(why)),
                    Change::Dropped { why } => (Key::ChangeDropped, lang.broken(why)),
                    Change::Added => (Key::ChangeAdded, String::new()),
                };
                tr {
                    td { (lang.t(change)) }
                    td { (lang.part(&row.stop, row.part, row.parts)) }
                    td { (at(&row.before)) }
                    td { (at(&row.after)) }
                    td { (why) }
                }
            }
        }
    }
}

/// The warning every output shows when travel is not on real roads.
pub fn travel_warning(basis: &TravelBasis) -> Option<Key> {
    match basis {
        TravelBasis::Roads { standin: true, .. } => Some(Key::StandinWarning),
        TravelBasis::Roads { .. } => None,
        TravelBasis::StraightLine { .. } => Some(Key::StraightLineWarning),
    }
}

/// People against targets per group: the target is the people still without a KTP-el
/// recording at the stops, the achievement what the plan records.
fn totals(t: &Totals, lang: Lang) -> Markup {
    let row = |name: &str, target: u32, achieved: u32| {
        html! {
            tr {
                td { (name) }
                td.n { (lang.int(target.into())) }
                td.n { (lang.int(achieved.into())) }
                td.n { (lang.dec(percent(achieved, target), 1)) " %" }
            }
        }
    };
    html! {
        h2 { (lang.t(Key::People)) }
        table #people {
            tr {
                th { (lang.t(Key::Group)) }
                th.n { (lang.t(Key::Target)) }
                th.n { (lang.t(Key::Achieved)) }
                th.n { (lang.t(Key::Share)) }
            }
            @for group in Group::ALL {
                (row(lang.group(group), t.demand[group], t.served[group]))
            }
            (row(lang.t(Key::Total), t.demand.total(), t.served.total()))
        }
        p.muted { (lang.t(Key::TargetNote)) }
        p #week-totals {
            (lang.t(Key::Stops)) ": "
            (lang.int(t.stops_visited as u64)) " " (lang.t(Key::Visited))
            " (" (lang.int(t.stops_partly_visited as u64)) " " (lang.t(Key::Partly)) "), "
            (lang.int(t.stops_unvisited as u64)) " " (lang.t(Key::Unvisited)) " · "
            (lang.dec(t.distance_m / 1000.0, 1)) " " (lang.t(Key::Km)) " · "
            (lang.dec(t.drive_seconds / 3600.0, 1)) " " (lang.t(Key::DriveHours)) " · "
            (lang.dec(t.work_seconds / 3600.0, 1)) " " (lang.t(Key::WorkHours))
        }
    }
}

/// Target and achievement per kecamatan, with the stops visited there.
fn coverage(cx: &Context) -> Markup {
    let lang = cx.lang;
    html! {
        h2 { (lang.t(Key::CoverageByKecamatan)) }
        div.scroll {
            table #coverage {
                tr {
                    th { (lang.t(Key::Kecamatan)) }
                    th.n { (lang.t(Key::Target)) }
                    th.n { (lang.t(Key::Achieved)) }
                    th.n { (lang.t(Key::Share)) }
                    th.n { (lang.t(Key::StopsOfKecamatan)) }
                }
                @for row in by_kecamatan(cx.plan, cx.scenario) {
                    tr {
                        td { (row.kecamatan) }
                        td.n { (lang.int(row.target.total_u64())) }
                        td.n { (lang.int(row.achieved.total_u64())) }
                        td.n { (lang.dec(percent(row.achieved.total(), row.target.total()), 1)) " %" }
                        td.n { (row.stops_visited) " / " (row.stops) }
                    }
                }
            }
        }
    }
}

fn legend(cx: &Context, omitted: bool, roads: bool, boundaries: bool) -> Markup {
    let lang = cx.lang;
    html! {
        div.legend {
            b { (lang.t(Key::Legend)) }
            p.muted { (lang.t(Key::DayShades)) }
            ul {
                @for (i, day) in cx.plan.van_days.iter().enumerate() {
                    @if !day.visits.is_empty() {
                        li data-route=(i) {
                            span.sw style={ "background:" (route_colour(cx.plan, i)) } {}
                            (day.van.name) " · " (lang.date_short(day.date)) " · "
                            (day.visits.len()) " " (lang.t(Key::StopsShort))
                        }
                    }
                }
            }
            ul {
                li {
                    svg width="22" height="16" {
                        circle cx="11" cy="8" r="7" fill="#0072b2" stroke="#fff" stroke-width="1.5" {}
                        text x="11" y="11.5" font-size="10" font-weight="bold" text-anchor="middle" fill="#fff" { "1" }
                    }
                    " " (lang.t(Key::VisitOrder))
                }
                li {
                    svg width="22" height="16" {
                        circle cx="11" cy="8" r="7" fill="#0072b2" fill-opacity=".35" stroke="#0072b2" {}
                    }
                    " " (lang.t(Key::StopSizedByPeople))
                }
                li {
                    svg width="22" height="16" {
                        circle cx="11" cy="8" r="2.2" fill="#b9b9b9" {}
                    }
                    " " (lang.t(Key::UnvisitedStop))
                }
                li {
                    svg width="22" height="16" {
                        rect x="5" y="2" width="12" height="12" fill="#111" {}
                    }
                    " " (lang.t(Key::Depot))
                }
                @if roads {
                    li { span.sw style="background:#c9c5bc;height:.2em" {} (lang.t(Key::Roads)) }
                }
                @if omitted {
                    li.muted { (lang.t(Key::MinorRoadsOmitted)) }
                }
                @if boundaries {
                    li {
                        span.sw style="border-top:2px dashed #8a8aa8;height:0" {}
                        (lang.t(Key::Boundaries))
                    }
                }
            }
        }
    }
}

fn days(cx: &Context) -> Markup {
    let lang = cx.lang;
    html! {
        h2 { (lang.t(Key::VanDays)) }
        @for (i, day) in cx.plan.van_days.iter().enumerate() {
            div.day {
                h3 {
                    span.sw style={ "background:" (route_colour(cx.plan, i)) } {}
                    (day.van.name) " · " (lang.date_long(day.date))
                }
                @if day.visits.is_empty() {
                    p.muted { (lang.t(Key::NoVisits)) }
                } @else {
                    p {
                        (lang.t(Key::Depart)) " " (lang.clock(day.depart)) " · "
                        (lang.t(Key::Back)) " " (lang.clock(day.back)) " · "
                        (lang.dec(day.km(), 1)) " " (lang.t(Key::Km)) " · "
                        (lang.t(Key::Drive)) " " (lang.dec(day.drive_seconds / 3600.0, 1)) " "
                        (lang.t(Key::Hours)) " · "
                        (lang.int(day.people.total_u64())) " " (lang.t(Key::People).to_lowercase())
                    }
                    (visit_table(cx, &day.visits, VisitTable::Report))
                }
            }
        }
    }
}

fn unvisited(cx: &Context) -> Markup {
    let lang = cx.lang;
    let mut rows: Vec<_> = cx.plan.unvisited.iter().collect();
    rows.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then(a.stop.name.cmp(&b.stop.name))
            .then(a.part.cmp(&b.part))
    });
    html! {
        h2 { (lang.t(Key::NotServed)) " (" (lang.int(rows.len() as u64)) ")" }
        @if !rows.is_empty() {
            table #unvisited {
                tr {
                    th { (lang.t(Key::Stop)) }
                    th { (lang.t(Key::Reason)) }
                    @for group in Group::ALL { th.n { (lang.group(group)) } }
                }
                @for u in rows {
                    tr {
                        td { (lang.part(&u.stop.name, u.part, u.parts)) }
                        td { (lang.why(&u.reason)) }
                        @for (_, n) in u.people.iter() { td.n { (lang.int(u64::from(*n))) } }
                    }
                }
            }
        }
    }
}
