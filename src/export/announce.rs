//! Announcements for the villages, in Bahasa Indonesia whatever `--lang` says (the village
//! reads Indonesian): one per visited stop, as plain text (announcements.txt, to paste into
//! a message) and as printable HTML (announcements.html, one per page).

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::html::esc;
use crate::i18n::Lang;
use crate::plan::report::{PlanReport, VisitOut};
use crate::scenario::Scenario;

/// One announcement: a stop and every visit to it (a split stop can have several).
pub struct Announcement {
    pub stop: String,
    pub desa: String,
    pub kecamatan: String,
    pub home_visit: bool,
    pub visits: Vec<(NaiveDate, VisitOut)>,
}

/// The announcements, in the order of their first visit.
pub fn announcements(report: &PlanReport, scenario: &Scenario) -> Vec<Announcement> {
    let mut visits: Vec<(NaiveDate, &VisitOut)> = report
        .van_days
        .iter()
        .flat_map(|d| d.visits.iter().map(move |v| (d.date, v)))
        .collect();
    visits.sort_by(|a, b| (a.0, &a.1.start, &a.1.stop).cmp(&(b.0, &b.1.start, &b.1.stop)));
    let mut out: Vec<Announcement> = Vec::new();
    for (date, v) in visits {
        match out.iter_mut().find(|a| a.stop == v.stop) {
            Some(a) => a.visits.push((date, v.clone())),
            None => out.push(Announcement {
                stop: v.stop.clone(),
                desa: v.desa.clone(),
                kecamatan: v.kecamatan.clone(),
                home_visit: scenario
                    .stops
                    .iter()
                    .any(|s| s.name == v.stop && s.home_visit),
                visits: vec![(date, v.clone())],
            }),
        }
    }
    out
}

/// "08:30" → "08.30", as times are written in Indonesian.
fn jam(hhmm: &str) -> String {
    hhmm.replace(':', ".")
}

/// The announcement as lines of plain text.
pub fn text(a: &Announcement) -> String {
    let id = Lang::Id;
    let mut s = String::new();
    let _ = writeln!(s, "PENGUMUMAN PEREKAMAN KTP-EL KELILING");
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Kepada Yth. Kepala Desa {}, Kecamatan {}",
        a.desa, a.kecamatan
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Magetan akan datang dengan mobil perekaman KTP-el keliling:"
    );
    for (date, v) in &a.visits {
        let _ = writeln!(s, "  Hari, tanggal : {}", id.date_long(*date));
        let _ = writeln!(s, "  Waktu         : {}–{} WIB", jam(&v.start), jam(&v.end));
    }
    let _ = writeln!(
        s,
        "  Tempat        : {}, Desa {}, Kecamatan {}",
        a.stop, a.desa, a.kecamatan
    );
    if a.home_visit {
        let _ = writeln!(
            s,
            "  Petugas datang ke rumah warga yang tidak dapat bepergian."
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Yang diharapkan datang (perkiraan jumlah):");
    let total = |f: fn(&VisitOut) -> u32| a.visits.iter().map(|(_, v)| f(v)).sum::<u32>();
    let groups = [
        (
            total(|v| v.elderly),
            "warga lanjut usia yang belum merekam KTP-el",
        ),
        (
            total(|v| v.disabled),
            "penyandang disabilitas yang belum merekam KTP-el (boleh didampingi keluarga)",
        ),
        (
            total(|v| v.new_eligible),
            "warga yang sudah atau akan berumur 17 tahun (pemula)",
        ),
    ];
    for (n, who) in groups.iter().filter(|g| g.0 > 0) {
        let _ = writeln!(s, "  - {who}: sekitar {} orang", id.int((*n).into()));
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

/// All announcements as a printable page, one per A4 page.
pub fn html(all: &[Announcement], scenario_name: &str) -> String {
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Pengumuman — {}</title><style>@page{{size:A4;margin:20mm}}body{{font:12pt/1.5 system-ui,sans-serif;max-width:170mm;margin:1em auto}}.a{{break-after:page;page-break-after:always;white-space:pre-wrap}}.a:last-child{{break-after:auto;page-break-after:auto}}.a b{{font-size:14pt}}</style></head><body>",
        esc(scenario_name)
    );
    for a in all {
        let text = text(a);
        let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let _ = write!(
            h,
            "<section class=\"a\"><b>{}</b>\n{}</section>",
            esc(title),
            esc(rest)
        );
    }
    h.push_str("</body></html>\n");
    h
}
