//! whatsapp.txt: one short message per van-day, ready to paste into the team's WhatsApp
//! group: date, van, departure, each stop in order with its time, place, people expected and
//! a map link, then the contact for the day. `*bold*` is WhatsApp's own formatting.

use std::fmt::Write as _;

use super::Context;
use super::html::visit_name;
use super::village::Villages;
use crate::i18n::{Key, Lang};
use crate::map::LatLon;
use crate::plan::model::VanDay;

/// A link that opens the point in Google Maps on a phone (app or browser).
pub fn map_link(at: LatLon) -> String {
    format!(
        "https://www.google.com/maps/search/?api=1&query={:.6},{:.6}",
        at.lat, at.lon
    )
}

/// "22 elderly, 17 disabled": the groups with people, in the plan's language.
pub fn people_line(lang: Lang, people: &crate::groups::People) -> String {
    people
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(g, n)| format!("{} {}", lang.int(u64::from(*n)), lang.group(g)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn message(cx: &Context, villages: &Villages, day: &VanDay) -> String {
    let lang = cx.lang;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "*{} — {} — {}*",
        lang.t(Key::DaySheet),
        day.van.name,
        lang.date_long(day.date)
    );
    let _ = writeln!(
        s,
        "{} {} {} {}",
        capitalised(lang.t(Key::Depart)),
        lang.clock(day.depart),
        lang.t(Key::From),
        lang.t(Key::Depot)
    );
    for (i, v) in day.visits.iter().enumerate() {
        let stop = &cx.scenario.stops[v.stop.index];
        let mut place = visit_name(v, lang);
        if !stop.desa.is_empty() {
            let kind = villages.kind(&stop.kecamatan, &stop.desa);
            let _ = write!(place, ", {} {}", kind.word(), stop.desa);
        }
        let _ = writeln!(
            s,
            "\n{}. *{}–{}* {place}",
            i + 1,
            lang.clock(v.start),
            lang.clock(v.end)
        );
        let people = people_line(lang, &v.people);
        if !people.is_empty() {
            let _ = writeln!(s, "   {people}");
        }
        if let Some(note) = super::html::request_note(cx, v.stop.index) {
            let _ = writeln!(s, "   {note}");
        }
        let _ = writeln!(s, "   {}", map_link(v.location));
    }
    let _ = writeln!(
        s,
        "\n{} {} {} · {} {}",
        capitalised(lang.t(Key::Back)),
        lang.t(Key::About),
        lang.clock(day.back),
        lang.dec(day.km(), 1),
        lang.t(Key::Km)
    );
    let contact = cx
        .scenario
        .office
        .contact()
        .unwrap_or_else(|| lang.t(Key::ContactMissing).to_string());
    let _ = writeln!(s, "{}: {contact}", lang.t(Key::Contact));
    s
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Every van-day with visits, one message each, separated by a blank line and a rule.
pub fn text(cx: &Context) -> String {
    let villages = Villages::built_in();
    let messages: Vec<String> = cx
        .plan
        .van_days
        .iter()
        .filter(|d| !d.visits.is_empty())
        .map(|d| message(cx, &villages, d))
        .collect();
    format!(
        "{}\n\n{}",
        cx.lang.t(Key::WhatsappHint),
        messages.join("\n————————\n\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_links_open_the_point() {
        let link = map_link(LatLon {
            lat: -7.6521,
            lon: 111.33,
        });
        assert_eq!(
            link,
            "https://www.google.com/maps/search/?api=1&query=-7.652100,111.330000"
        );
    }
}
