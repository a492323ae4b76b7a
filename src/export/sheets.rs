//! day-sheets.html: one printable A4 page per van-day for the team in the van. On a phone
//! (below 600 px) each visit becomes a card, with its map link; print stays one A4 page
//! per van-day.

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
td.map a{white-space:nowrap}.contact{font-weight:bold}
@media screen{body{max-width:210mm;margin:1em auto}.sheet{border-bottom:2px dashed #999;margin-bottom:1em}}
@media print{.map{display:none}}
@media screen and (max-width:600px){
body{font-size:15px;margin:0;padding:0 10px}h1{font-size:17px;line-height:1.3}
table.visits,table.visits tr,table.visits td,table.visits th{display:block;width:auto;border:0;text-align:left}
table.visits tr.head,table.visits .note,.notes{display:none}
table.visits tr.visit,table.visits tr.total{border:1px solid #444;border-radius:6px;margin:0 0 10px;padding:6px 10px}
table.visits td,table.visits th{padding:1px 0;background:none}
table.visits td.order{float:left;font-weight:bold;margin-right:.5em}table.visits td.order::after{content:"."}
table.visits td.stop{font-weight:bold;width:auto}
table.visits td.t,table.visits td.n,table.visits th.n{display:inline-block;margin-right:1em}
table.visits [data-label]::before{content:attr(data-label) ": ";color:#555;font-weight:normal}
table.visits td.map a{display:inline-block;margin-top:4px;padding:4px 12px;border:1px solid #0072b2;border-radius:4px;text-decoration:none}
}
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
                (lang.t(Key::Depart)) " " (lang.clock(day.depart)) " · "
                (lang.t(Key::Back)) " " (lang.clock(day.back)) " · "
                (lang.dec(day.km(), 1)) " " (lang.t(Key::Km))
            }
            div.bring {
                b { (lang.t(Key::Bring)) ":" } " "
                (van.sets) " " (lang.t(Key::RecordingSets)) " · "
                (lang.t(Key::Equipment)) ": "
                @if equipment.is_empty() { "—" } @else { (equipment.join(", ")) }
                " · " (cards)
            }
            @if let Some(contact) = cx.scenario.office.contact() {
                p.contact { (lang.t(Key::Contact)) ": " (contact) }
            }
            (visit_table(cx, &day.visits, VisitTable::DaySheet))
            p { b { (lang.t(Key::Notes)) } }
            div.notes {}
        }
    }
}
