//! Announcements for the villages, in Bahasa Indonesia whatever `--lang` says (the village
//! reads Indonesian): one per visited stop, as plain text (announcements.txt, to paste into
//! a message) and as printable HTML (announcements.html, one per page).

use std::fmt::Write as _;

use chrono::NaiveDate;
use maud::html;

use super::Context;
use super::html::page;
use crate::groups::{Group, People};
use crate::i18n::Lang;
use crate::plan::model::Visit;
use crate::scenario::model::Stop;

/// One announcement: a stop and every visit to it (a split stop can have several).
pub struct Announcement<'a> {
    pub stop: &'a Stop,
    pub visits: Vec<(NaiveDate, &'a Visit)>,
}

/// The announcements, in the order of their first visit.
pub fn announcements<'a>(cx: &Context<'a>) -> Vec<Announcement<'a>> {
    let mut visits: Vec<(NaiveDate, &Visit)> =
        cx.plan.visits().map(|(day, v)| (day.date, v)).collect();
    visits.sort_by_key(|(date, v)| (*date, v.start, v.stop.index));
    let mut out: Vec<Announcement> = Vec::new();
    for (date, v) in visits {
        match out
            .iter_mut()
            .find(|a| a.visits[0].1.stop.index == v.stop.index)
        {
            Some(a) => a.visits.push((date, v)),
            None => out.push(Announcement {
                stop: &cx.scenario.stops[v.stop.index],
                visits: vec![(date, v)],
            }),
        }
    }
    out
}

/// Who is expected, per group, in the words of the announcement.
fn who(group: Group) -> &'static str {
    match group {
        Group::Elderly => "warga lanjut usia yang belum merekam KTP-el",
        Group::Disabled => {
            "penyandang disabilitas yang belum merekam KTP-el (boleh didampingi keluarga)"
        }
        Group::NewEligible => "warga yang sudah atau akan berumur 17 tahun (pemula)",
    }
}

/// The announcement as lines of plain text.
pub fn text(a: &Announcement) -> String {
    let id = Lang::Id;
    let stop = a.stop;
    let mut s = String::new();
    let _ = writeln!(s, "PENGUMUMAN PEREKAMAN KTP-EL KELILING");
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Kepada Yth. Kepala Desa {}, Kecamatan {}",
        stop.desa, stop.kecamatan
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Magetan akan datang dengan mobil perekaman KTP-el keliling:"
    );
    for (date, v) in &a.visits {
        let _ = writeln!(s, "  Hari, tanggal : {}", id.date_long(*date));
        let _ = writeln!(s, "  Waktu         : {}–{} WIB", v.start.jam(), v.end.jam());
    }
    let _ = writeln!(
        s,
        "  Tempat        : {}, Desa {}, Kecamatan {}",
        stop.name, stop.desa, stop.kecamatan
    );
    if stop.home_visit {
        let _ = writeln!(
            s,
            "  Petugas datang ke rumah warga yang tidak dapat bepergian."
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Yang diharapkan datang (perkiraan jumlah):");
    let expected = a
        .visits
        .iter()
        .fold(People::default(), |sum, (_, v)| sum + v.people);
    for (group, n) in expected.iter().filter(|(_, n)| **n > 0) {
        let _ = writeln!(
            s,
            "  - {}: sekitar {} orang",
            who(group),
            id.int(u64::from(*n))
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Yang perlu dibawa:");
    let _ = writeln!(s, "  - fotokopi Kartu Keluarga (KK)");
    let _ = writeln!(
        s,
        "  - bagi pemula yang masih pelajar: kartu pelajar bila ada"
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Mohon pengumuman ini disampaikan kepada warga. Layanan tidak dipungut biaya. Terima kasih."
    );
    s
}

/// All announcements as one text file, separated by a line of dashes.
pub fn text_file(all: &[Announcement]) -> String {
    all.iter()
        .map(text)
        .collect::<Vec<_>>()
        .join(&format!("\n{}\n\n", "-".repeat(60)))
}

const CSS: &str = "@page{size:A4;margin:20mm}body{font:12pt/1.5 system-ui,sans-serif;max-width:170mm;margin:1em auto}.a{break-after:page;page-break-after:always;white-space:pre-wrap}.a:last-child{break-after:auto;page-break-after:auto}.a b{font-size:14pt}";

/// All announcements as a printable page, one per A4 page.
pub fn html(all: &[Announcement], scenario_name: &str) -> String {
    let body = html! {
        @for a in all {
            @let text = text(a);
            @let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
            section.a { b { (title) } "\n" (rest) }
        }
    };
    page(
        Lang::Id,
        &format!("Pengumuman — {scenario_name}"),
        CSS,
        body,
    )
}
