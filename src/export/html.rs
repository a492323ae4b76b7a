//! Pieces shared by the HTML outputs, built with maud (which escapes every value).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::Context;
use super::whatsapp::map_link;
use crate::groups::Group;
use crate::i18n::{Key, Lang};
use crate::plan::model::{Plan, Visit};

/// A whole page: `lang` attribute, title, inline style and the body.
pub fn page(lang: Lang, title: &str, css: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                title { (title) }
                style { (PreEscaped(css)) }
            }
            body { (body) }
        }
    }
    .into_string()
        + "\n"
}

/// The Okabe–Ito hues (safe for the common colour blindnesses), one per van, in order;
/// vans past these get golden-angle hues.
const VAN_HUES: [(f64, f64, f64); 7] = [
    (0.0, 114.0, 178.0),   // blue
    (213.0, 94.0, 0.0),    // vermillion
    (0.0, 158.0, 115.0),   // bluish green
    (204.0, 121.0, 167.0), // reddish purple
    (230.0, 159.0, 0.0),   // orange
    (86.0, 180.0, 233.0),  // sky blue
    (90.0, 90.0, 90.0),    // grey
];

/// The colour of van-day `i` of the plan: its van's hue, lighter early in the week and
/// darker later, so a van's days read as one family and its days apart.
pub fn route_colour(plan: &Plan, i: usize) -> String {
    let day = &plan.van_days[i];
    let k = plan
        .week
        .dates
        .iter()
        .position(|d| *d == day.date)
        .unwrap_or(0);
    van_day_colour(day.van.index, k, plan.week.dates.len())
}

/// Van `van`'s hue on day `k` of `days`.
fn van_day_colour(van: usize, k: usize, days: usize) -> String {
    let (r, g, b) = match VAN_HUES.get(van) {
        Some(rgb) => *rgb,
        None => hsl_to_rgb((van as f64 * 137.508) % 360.0, 0.7, 0.4),
    };
    // From 40% towards white on the first day to 40% towards black on the last.
    let t = if days <= 1 {
        0.0
    } else {
        -0.4 + 0.8 * k as f64 / (days - 1) as f64
    };
    let shade = |c: f64| {
        let c = if t < 0.0 {
            c + (255.0 - c) * -t
        } else {
            c * (1.0 - t)
        };
        c.round() as u8
    };
    format!("#{:02x}{:02x}{:02x}", shade(r), shade(g), shade(b))
}

/// Black or white, whichever reads better on `colour` ("#rrggbb").
pub fn text_on(colour: &str) -> &'static str {
    let channel = |i: usize| u8::from_str_radix(&colour[i..i + 2], 16).map_or(0.0, f64::from);
    let luminance = 0.299 * channel(1) + 0.587 * channel(3) + 0.114 * channel(5);
    if luminance > 150.0 { "#000" } else { "#fff" }
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> (f64, f64, f64) {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    ((r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0)
}

/// The stop's name, with the part for a split stop: "Balai Desa X (part 2/3)".
pub fn visit_name(visit: &Visit, lang: Lang) -> String {
    lang.part(&visit.stop.name, visit.part, visit.parts)
}

/// Whose table of visits [`visit_table`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum VisitTable {
    /// report.html: the visits only.
    Report,
    /// A printed day sheet: an empty notes column to write in, and the day's totals.
    DaySheet,
}

/// A van-day's visits as an HTML table: order, times, stop, desa, kecamatan and people per
/// group. Shared by report.html and the day sheets; on a day sheet each visit also has its
/// map link, and each cell its label, so that a phone shows every visit as a card (the
/// `t`, `stop`, `note` and `map` classes are styled by the sheets' CSS only).
pub fn visit_table(cx: &Context, visits: &[Visit], table: VisitTable) -> Markup {
    let lang = cx.lang;
    let sheet = table == VisitTable::DaySheet;
    let window = format!("{}–{}", lang.t(Key::Start), lang.t(Key::End));
    html! {
        table.visits {
            tr.head {
                th { (lang.t(Key::Order)) }
                th.t { (lang.t(Key::Arrive)) }
                th.t { (window) }
                th { (lang.t(Key::Stop)) }
                th { (lang.t(Key::Desa)) }
                th { (lang.t(Key::Kecamatan)) }
                @for group in Group::ALL {
                    th.n { (lang.group(group)) }
                }
                @if sheet {
                    th.map { (lang.t(Key::MapLink)) }
                    th.note { (lang.t(Key::Notes)) }
                }
            }
            @for (i, v) in visits.iter().enumerate() {
                @let stop = &cx.scenario.stops[v.stop.index];
                tr.visit {
                    td.order { (i + 1) }
                    td.t data-label=(lang.t(Key::Arrive)) { (lang.clock(v.arrive)) }
                    td.t.window data-label=(window) { (lang.clock(v.start)) "–" (lang.clock(v.end)) }
                    td.stop { (visit_name(v, lang)) }
                    td data-label=(lang.t(Key::Desa)) { (stop.desa) }
                    td data-label=(lang.t(Key::Kecamatan)) { (stop.kecamatan) }
                    @for (group, n) in v.people.iter() {
                        td.n data-label=(lang.group(group)) { (lang.int(u64::from(*n))) }
                    }
                    @if sheet {
                        td.map { a href=(map_link(v.location)) { (lang.t(Key::MapLink)) } }
                        td.note { @if let Some(note) = request_note(cx, v.stop.index) { (note) } }
                    }
                }
            }
            @if sheet {
                tr.total {
                    th colspan="6" { (lang.t(Key::Total)) }
                    @for group in Group::ALL {
                        th.n data-label=(lang.group(group)) { (lang.int(visits.iter().map(|v| u64::from(v.people[group])).sum())) }
                    }
                    th.map {}
                    th.note {}
                }
            }
        }
    }
}

/// What a team needs to know of a request's visit: whom to call, the office's notes, and
/// whether the place is only the desa's centre.
pub fn request_note(cx: &Context, stop: usize) -> Option<String> {
    let request = cx.scenario.request_at(stop)?;
    let lang = cx.lang;
    let mut parts = Vec::new();
    if !request.phone.is_empty() {
        parts.push(format!("{} {}", lang.t(Key::Phone), request.phone));
    }
    if !request.notes.is_empty() {
        parts.push(request.notes.clone());
    }
    if request.approximate {
        parts.push(lang.t(Key::ApproximateLocation).to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_van_day_has_its_own_colour_and_readable_text() {
        let colours: std::collections::BTreeSet<String> = (0..10)
            .flat_map(|van| (0..5).map(move |k| van_day_colour(van, k, 5)))
            .collect();
        assert_eq!(colours.len(), 50);
        assert_eq!(
            van_day_colour(0, 2, 5),
            "#0072b2",
            "mid-week is the van's own hue"
        );
        assert_eq!(text_on("#ffffff"), "#000");
        assert_eq!(text_on("#0072b2"), "#fff");
    }

    #[test]
    fn pages_escape_what_they_are_given() {
        let page = page(Lang::En, "a<b & \"c\"", "", html! { p { ("<script>") } });
        assert!(
            page.contains("<title>a&lt;b &amp; &quot;c&quot;</title>"),
            "{page}"
        );
        assert!(page.contains("<p>&lt;script&gt;</p>"), "{page}");
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    }

    #[test]
    fn parts_are_named_in_both_languages() {
        assert_eq!(Lang::Id.part("Hall", 1, 1), "Hall");
        assert_eq!(Lang::En.part("Hall", 2, 3), "Hall (part 2/3)");
        assert_eq!(Lang::Id.part("Hall", 2, 3), "Hall (tahap 2 dari 3)");
    }
}
