//! day-sheets.html: one printable A4 page per van-day for the team in the van.

use maud::{Markup, html};

use super::Context;
use super::html::{VisitTable, page, visit_table};
use crate::i18n::Key;
use crate::plan::model::VanDay;

const CSS: &str = r#"
@page{size:A4 portrait;margin:12mm}
body{font:10.5pt/1.35 system-ui,sans-serif;color:#000;margin:0}
.sheet{break-after:page;page-break-after:always;padding:0 0 4mm}
.sheet:last-child{break-after:auto;page-break-after:auto}
h1{font-size:15pt;margin:0 0 2mm}p{margin:1mm 0}
table{border-collapse:collapse;width:100%;margin:3mm 0}
td,th{border:0.3mm solid #444;padding:1.2mm 1.5mm;text-align:left;vertical-align:top}
th{background:#eee}td.n,th.n{text-align:right}td.t,th.t{white-space:nowrap}
td.note,th.note{width:32mm}td.stop{width:38%}
.bring{border:0.4mm solid #000;padding:2mm;margin:3mm 0}
.notes{border:0.4mm solid #000;height:45mm;padding:2mm;
background:repeating-linear-gradient(#fff 0 7.5mm,#bbb 7.5mm 7.7mm);
-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media screen{body{max-width:210mm;margin:1em auto}.sheet{border-bottom:2px dashed #999;margin-bottom:1em}}
"#;

/// The page with one sheet per van-day that has visits.
pub fn html(cx: &Context) -> String {
    let lang = cx.lang;
    let title = format!("{} — {}", lang.t(Key::DaySheet), cx.plan.scenario.name);
    let body = html! {
        @for day in cx.plan.van_days.iter().filter(|d| !d.visits.is_empty()) {
            (sheet(cx, day))
        }
    };
    page(lang, &title, CSS, body)
}

fn sheet(cx: &Context, day: &VanDay) -> Markup {
    let lang = cx.lang;
    let van = &cx.scenario.vans[day.van.index];
    let equipment: Vec<&str> = van.equipment.iter().map(|e| e.value.as_str()).collect();
    let cards = match van.blank_cards {
        Some(limit) => format!(
            "{} {} (max {})",
            lang.int(day.people.total_u64()),
            lang.t(Key::BlankCards),
            lang.int(limit.into())
        ),
        None => format!(
            "{}: {}",
            lang.t(Key::BlankCards),
            lang.t(Key::BlankCardsNone)
        ),
    };
    html! {
        section.sheet {
            h1 { (lang.t(Key::DaySheet)) " — " (day.van.name) " — " (lang.date_long(day.date)) }
            p {
                (cx.plan.scenario.name) " · "
                (lang.t(Key::Depart)) " " (day.depart.hhmm()) " · "
                (lang.t(Key::Back)) " " (day.back.hhmm()) " · "
                (lang.dec(day.km(), 1)) " " (lang.t(Key::Km))
            }
            div.bring {
                b { (lang.t(Key::Bring)) ":" } " "
                (van.sets) " " (lang.t(Key::RecordingSets)) " · "
                (lang.t(Key::Equipment)) ": "
                @if equipment.is_empty() { "—" } @else { (equipment.join(", ")) }
                " · " (cards)
            }
            (visit_table(cx, &day.visits, VisitTable::DaySheet))
            p { b { (lang.t(Key::Notes)) } }
            div.notes {}
        }
    }
}
