//! day-sheets.html: one printable A4 page per van-day for the team in the van.

use std::fmt::Write as _;

use super::html::{VisitTable, esc, visit_table};
use crate::i18n::{Key, Lang};
use crate::plan::Solved;
use crate::plan::report::VanDay;
use crate::scenario::model::Van;

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
pub fn html(solved: &Solved, lang: Lang) -> String {
    let report = &solved.report;
    let vans = &solved.prepared.scenario.vans;
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} — {}</title><style>{CSS}</style></head><body>",
        lang.code(),
        lang.t(Key::DaySheet),
        esc(&report.scenario.name)
    );
    for day in report.van_days.iter().filter(|d| !d.visits.is_empty()) {
        let van = vans.iter().find(|v| v.name == day.van);
        sheet(&mut h, day, van, &report.scenario.name, lang);
    }
    h.push_str("</body></html>\n");
    h
}

fn sheet(h: &mut String, day: &VanDay, van: Option<&Van>, scenario: &str, lang: Lang) {
    let _ = write!(
        h,
        "<section class=\"sheet\"><h1>{} — {} — {}</h1><p>{} · {} {} · {} {} · {} {}</p>",
        lang.t(Key::DaySheet),
        esc(&day.van),
        esc(&lang.date_long(day.date)),
        esc(scenario),
        lang.t(Key::Depart),
        day.depart,
        lang.t(Key::Back),
        day.back,
        lang.dec(day.km, 1),
        lang.t(Key::Km)
    );
    let equipment: Vec<String> = van
        .map(|v| v.equipment.iter().map(|e| esc(&e.value)).collect())
        .unwrap_or_default();
    let cards = match van.and_then(|v| v.blank_cards) {
        Some(limit) => format!(
            "{} {} (max {})",
            lang.int(day.people.into()),
            lang.t(Key::BlankCards),
            lang.int(limit.into())
        ),
        None => format!(
            "{}: {}",
            lang.t(Key::BlankCards),
            lang.t(Key::BlankCardsNone)
        ),
    };
    let _ = write!(
        h,
        "<div class=\"bring\"><b>{}:</b> {} {} · {}: {} · {}</div>",
        lang.t(Key::Bring),
        van.map_or(0, |v| v.sets),
        lang.t(Key::RecordingSets),
        lang.t(Key::Equipment),
        if equipment.is_empty() {
            "—".to_string()
        } else {
            equipment.join(", ")
        },
        cards
    );
    visit_table(h, &day.visits, lang, VisitTable::DaySheet);
    let _ = write!(
        h,
        "<p><b>{}</b></p><div class=\"notes\"></div></section>",
        lang.t(Key::Notes)
    );
}
