//! Letters to the villages and notices to the families, in Bahasa Indonesia whatever `--lang`
//! says (they are Indonesian official documents, with no English form, so their wording
//! lives here): one letter per addressee per day, covering all of that day's stops there,
//! and one notice per home visit. announcements.txt holds them as text to paste,
//! announcements.html prints one per A4 page.
//!
//! The addressee follows the data: "Yth. Lurah …, Kelurahan …" for a kelurahan and
//! "Yth. Kepala Desa …, Desa …" for a desa (the type from data/magetan/desa.csv); a stop
//! without a desa (a school) writes to its head. The letterhead, number, signatory and
//! contact come from `[office]`; what it lacks is printed as a marked blank.
//!
//! After a re-plan only what changed is written: a visit already announced and kept gets no
//! second letter, a moved one gets a "PERUBAHAN JADWAL" letter saying what it was before, and a
//! dropped one a cancellation, so no village holds two letters that silently disagree.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};

use super::Context;
use super::html::page;
use super::village::Villages;
use crate::clock::Clock;
use crate::groups::{Group, People};
use crate::i18n::Lang;
use crate::plan::model::{Plan, Visit};
use crate::promise::{Made, Placement};
use crate::scenario::model::Stop;
use crate::scenario::office::Office;

/// A piece of a line: text, a value `[office]` lacks (marked, to be filled in the scenario),
/// or a space left to write in by hand (the agenda number, the date of signing).
#[derive(Clone, Debug, PartialEq)]
pub enum Span {
    Text(String),
    Missing(&'static str),
    ByHand,
}

type Spans = Vec<Span>;

fn text(s: impl Into<String>) -> Spans {
    vec![Span::Text(s.into())]
}

fn known(value: &Option<String>, label: &'static str) -> Spans {
    match value {
        Some(v) => text(v.clone()),
        None => vec![Span::Missing(label)],
    }
}

/// The parts of a document, rendered as text or HTML.
#[derive(Clone, Debug)]
pub enum Block {
    Letterhead(Vec<Spans>),
    /// Place and date, right-aligned.
    Dated(Spans),
    Title(String),
    /// "label : value" lines.
    Fields(Vec<(String, Spans)>),
    Para(Spans),
    List(Vec<String>),
    Signature {
        position: Spans,
        name: Spans,
        nip: Spans,
    },
}

/// What a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// To the head of a village (or of a school): one per addressee per day.
    Letter,
    /// To the family of a resident visited at home.
    HomeNotice,
    /// An announced visit the re-plan could not keep, and could not move either.
    Cancellation,
}

pub struct Document {
    pub kind: Kind,
    pub date: NaiveDate,
    /// "Yth. …": the first line of the address.
    pub to: String,
    pub blocks: Vec<Block>,
}

/// Whom a letter goes to: a village (kecamatan, desa), or the head of a stop without one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Addressee {
    Village { kecamatan: String, desa: String },
    Place { stop: usize },
}

/// One stop of a letter on its day: from the first part's start to the last part's end.
struct Place<'a> {
    stop: &'a Stop,
    start: Clock,
    people: People,
    /// Where it was announced before, when a re-plan moved it.
    before: Option<Placement>,
}

/// Where a visit stands with what was announced before.
enum Announced {
    /// Not announced yet: a new letter.
    No,
    /// Announced, and kept (or already done): no second letter.
    Kept,
    /// Announced at `before`, and moved here.
    Moved(Placement),
}

/// The promise a visit of the plan keeps or replaces, as [`Announced`].
fn announced(plan: &Plan, van: &str, date: NaiveDate, v: &Visit) -> Announced {
    let here = |at: &Placement| at.van == van && at.date == date && at.start == v.start;
    for p in &plan.promises {
        let (Made::Done {
            van: was_van,
            date: was_date,
            start: was_start,
            ..
        }
        | Made::Announced {
            van: was_van,
            date: was_date,
            start: was_start,
            ..
        }) = &p.made
        else {
            continue;
        };
        if p.index != Some(v.stop.index) || !p.served.as_ref().is_some_and(here) {
            continue;
        }
        return if p.kept() {
            Announced::Kept
        } else {
            Announced::Moved(Placement {
                van: was_van.clone(),
                date: *was_date,
                start: *was_start,
            })
        };
    }
    Announced::No
}

/// Every letter and home notice, by date, then by the first visit's time.
pub fn documents(cx: &Context) -> Vec<Document> {
    let types = Villages::built_in();
    let office = &cx.scenario.office;
    let mut letters: Vec<(NaiveDate, Addressee, Vec<Place>)> = Vec::new();
    let mut homes: Vec<(NaiveDate, &Visit, Option<Placement>)> = Vec::new();
    let mut visits: Vec<(NaiveDate, &Visit, Option<Placement>)> = Vec::new();
    for (day, v) in cx.plan.visits() {
        match announced(cx.plan, &day.van.name, day.date, v) {
            Announced::Kept => {}
            Announced::No => visits.push((day.date, v, None)),
            Announced::Moved(before) => visits.push((day.date, v, Some(before))),
        }
    }
    visits.sort_by_key(|(date, v, _)| (*date, v.start, v.stop.index));
    for (date, v, before) in visits {
        let stop = &cx.scenario.stops[v.stop.index];
        if stop.home_visit {
            homes.push((date, v, before));
            continue;
        }
        let to = if stop.desa.is_empty() {
            Addressee::Place { stop: v.stop.index }
        } else {
            Addressee::Village {
                kecamatan: stop.kecamatan.clone(),
                desa: stop.desa.clone(),
            }
        };
        let letter = match letters.iter_mut().find(|(d, a, _)| *d == date && *a == to) {
            Some(letter) => letter,
            None => {
                letters.push((date, to, Vec::new()));
                letters.last_mut().expect("just pushed")
            }
        };
        match letter.2.iter_mut().find(|p| std::ptr::eq(p.stop, stop)) {
            Some(place) => place.people += v.people,
            None => letter.2.push(Place {
                stop,
                start: v.start,
                people: v.people,
                before,
            }),
        }
    }
    let mut out: Vec<Document> = letters
        .iter()
        .enumerate()
        .map(|(i, (date, to, places))| letter(cx, office, &types, i, *date, to, places))
        .collect();
    out.extend(
        homes
            .iter()
            .map(|(date, v, before)| home_notice(cx, office, &types, *date, v, before.as_ref())),
    );
    out.extend(cancellations(cx, office, &types, letters.len()));
    out.sort_by_key(|d| d.date);
    out
}

/// The head's title and the place: ("Lurah X", "Kelurahan X, Kecamatan Y").
fn village(types: &Villages, kecamatan: &str, desa: &str) -> (String, String) {
    let kind = types.kind(kecamatan, desa);
    let place = if kecamatan.is_empty() {
        format!("{} {desa}", kind.word())
    } else {
        format!("{} {desa}, Kecamatan {kecamatan}", kind.word())
    };
    (format!("{} {desa}", kind.head()), place)
}

fn letterhead(office: &Office) -> Block {
    let mut lines = vec![
        known(&office.government, "pemerintah daerah"),
        known(&office.name, "nama kantor"),
    ];
    let mut contact = known(&office.address, "alamat kantor");
    contact.push(Span::Text(" · Telp. ".into()));
    contact.extend(known(&office.phone, "telepon kantor"));
    if let Some(email) = &office.email {
        contact.push(Span::Text(format!(" · {email}")));
    }
    lines.push(contact);
    Block::Letterhead(lines)
}

/// The letter number from the pattern: `{n}` is the running number (or a space for the
/// agenda book), `{yyyy}`, `{mm}` and `{roman_month}` the date of the first visit.
fn letter_number(office: &Office, index: usize, date: NaiveDate) -> Spans {
    let Some(pattern) = &office.letter_number else {
        return vec![Span::Missing("pola nomor surat")];
    };
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    let filled = pattern
        .replace("{yyyy}", &date.year().to_string())
        .replace("{mm}", &format!("{:02}", date.month()))
        .replace("{roman_month}", ROMAN[date.month0() as usize]);
    let mut spans = Vec::new();
    for (i, piece) in filled.split("{n}").enumerate() {
        if i > 0 {
            spans.push(match office.first_number {
                Some(first) => Span::Text((first as usize + index).to_string()),
                None => Span::ByHand,
            });
        }
        spans.push(Span::Text(piece.to_string()));
    }
    spans
}

fn signature(office: &Office) -> Block {
    let mut nip = text("NIP. ");
    nip.extend(known(&office.nip, "NIP penanda tangan"));
    let mut position = known(&office.position, "jabatan penanda tangan");
    position.push(Span::Text(",".into()));
    Block::Signature {
        position,
        name: known(&office.signatory, "nama penanda tangan"),
        nip,
    }
}

fn contact_line(office: &Office) -> Block {
    let mut line = text("Narahubung: ");
    match office.contact() {
        Some(contact) => line.push(Span::Text(contact)),
        None => line.push(Span::Missing("nama dan nomor telepon narahubung")),
    }
    Block::Para(line)
}

/// Who is expected, per group, in the words of the letters.
fn who(group: Group) -> &'static str {
    match group {
        Group::Elderly => "warga lanjut usia (lansia)",
        Group::Disabled => "penyandang disabilitas (boleh didampingi keluarga)",
        Group::NewEligible => "pemula (warga yang sudah atau akan berumur 17 tahun)",
    }
}

/// The short name of a group in a count: "29 lansia".
fn counted(group: Group) -> &'static str {
    match group {
        Group::Elderly => "lansia",
        Group::Disabled => "penyandang disabilitas",
        Group::NewEligible => "pemula",
    }
}

/// "a, b dan c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} dan {last}", rest.join(", ")),
    }
}

fn letter(
    cx: &Context,
    office: &Office,
    types: &Villages,
    index: usize,
    date: NaiveDate,
    to: &Addressee,
    places: &[Place],
) -> Document {
    let id = Lang::Id;
    let (head, where_) = match to {
        Addressee::Village { kecamatan, desa } => village(types, kecamatan, desa),
        Addressee::Place { stop } => {
            let stop = &cx.scenario.stops[*stop];
            let kecamatan = if stop.kecamatan.is_empty() {
                String::new()
            } else {
                format!("Kecamatan {}", stop.kecamatan)
            };
            (format!("Pimpinan {}", stop.name), kecamatan)
        }
    };
    let mut dated = known(&office.city, "kota");
    dated.extend([Span::Text(", ".into()), Span::ByHand]);
    let moved = places.iter().any(|p| p.before.is_some());
    let subject = if moved {
        "Perubahan Jadwal Pelayanan Perekaman KTP-el Keliling"
    } else {
        "Pelayanan Perekaman KTP-el Keliling"
    };
    let fields = official_fields(office, index, date, subject);
    let mut address = vec![format!("Yth. {head}")];
    if !where_.is_empty() {
        address.push(where_);
    }
    address.push("di tempat".to_string());
    let mut opening = if moved {
        text(
            "Menindaklanjuti surat kami sebelumnya, bersama ini kami sampaikan perubahan jadwal pelayanan perekaman KTP-el keliling (Paling Jempol) oleh ",
        )
    } else {
        text("Bersama ini kami sampaikan bahwa ")
    };
    opening.extend(known(&office.name, "nama kantor"));
    opening.push(Span::Text(if moved {
        ". Jadwal yang baru:".into()
    } else {
        " akan melaksanakan pelayanan perekaman KTP-el keliling (Paling Jempol) pada:".into()
    }));
    let mut when = vec![("hari, tanggal".to_string(), text(id.date_long(date)))];
    for place in places {
        when.push((
            "pukul".to_string(),
            text(format!("{} WIB s.d. selesai", place.start.jam())),
        ));
        when.push(("tempat".to_string(), text(place.stop.name.clone())));
        if let Some(before) = &place.before {
            when.push(("semula".to_string(), text(was(before))));
        }
    }
    let people = places
        .iter()
        .fold(People::default(), |sum, p| sum + p.people);
    let groups: Vec<(Group, u32)> = people
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(g, n)| (g, *n))
        .collect();
    let target = format!(
        "Sasaran layanan: {} yang belum melakukan perekaman KTP-el (perkiraan {} orang: {}).",
        and_list(
            &groups
                .iter()
                .map(|(g, _)| who(*g).to_string())
                .collect::<Vec<_>>()
        ),
        id.int(people.total_u64()),
        and_list(
            &groups
                .iter()
                .map(|(g, n)| format!("{} {}", id.int(u64::from(*n)), counted(*g)))
                .collect::<Vec<_>>()
        ),
    );
    let mut bring = vec!["fotokopi Kartu Keluarga (KK)".to_string()];
    if people[Group::NewEligible] > 0 {
        bring.push("bagi pemula yang masih pelajar: kartu pelajar".to_string());
    }
    let mut blocks = vec![letterhead(office)];
    if moved {
        blocks.push(Block::Title(CHANGE_TITLE.into()));
    }
    blocks.extend([
        Block::Dated(dated),
        Block::Fields(fields),
        Block::Para(text(address.join("\n"))),
        Block::Para(text("Dengan hormat,")),
        Block::Para(opening),
        Block::Fields(when),
        Block::Para(text(target)),
        Block::Para(text("Yang perlu dibawa:")),
        Block::List(bring),
        Block::Para(text(
            "Mohon bantuan Saudara menyampaikan informasi ini kepada warga sasaran. Pelayanan ini tidak dipungut biaya. Atas perhatian dan kerja sama Saudara, kami sampaikan terima kasih.",
        )),
        signature(office),
        contact_line(office),
    ]);
    Document {
        kind: Kind::Letter,
        date,
        to: address[0].clone(),
        blocks,
    }
}

/// The title of every letter or notice that changes one sent before.
const CHANGE_TITLE: &str = "PERUBAHAN JADWAL";

/// Number, nature, attachments and subject of an official letter.
fn official_fields(
    office: &Office,
    index: usize,
    date: NaiveDate,
    subject: &str,
) -> Vec<(String, Spans)> {
    vec![
        ("Nomor".to_string(), letter_number(office, index, date)),
        ("Sifat".to_string(), text("Penting")),
        ("Lampiran".to_string(), text("-")),
        ("Perihal".to_string(), text(subject)),
    ]
}

/// "Selasa, 8 Desember 2026 pukul 08.10 WIB (Keliling 1)": what a letter said before.
fn was(before: &Placement) -> String {
    format!(
        "{} pukul {} WIB ({})",
        Lang::Id.date_long(before.date),
        before.start.jam(),
        before.van
    )
}

/// A cancellation for every announced visit the re-plan dropped: to the village head, or
/// to the family of a home visit. Their letter numbers follow the `letters` letters'.
fn cancellations(cx: &Context, office: &Office, types: &Villages, letters: usize) -> Vec<Document> {
    let dropped = cx
        .plan
        .promises
        .iter()
        .filter_map(|p| match (&p.made, p.index) {
            (
                Made::Announced {
                    van, date, start, ..
                },
                Some(stop),
            ) if p.served.is_none() => {
                let before = Placement {
                    van: van.clone(),
                    date: *date,
                    start: *start,
                };
                Some((before, &cx.scenario.stops[stop], p.broken.as_ref()?))
            }
            _ => None,
        });
    dropped
        .enumerate()
        .map(|(k, (before, stop, broken))| {
            let (head, where_) = if stop.home_visit || stop.desa.is_empty() {
                (format!("Bapak/Ibu/Saudara {}", stop.name), String::new())
            } else {
                village(types, &stop.kecamatan, &stop.desa)
            };
            let mut address = vec![format!("Yth. {head}")];
            if !where_.is_empty() {
                address.push(where_);
            }
            address.push("di tempat".to_string());
            let mut dated = known(&office.city, "kota");
            dated.extend([Span::Text(", ".into()), Span::ByHand]);
            let subject = "Pembatalan Jadwal Pelayanan Perekaman KTP-el Keliling";
            let blocks = vec![
                letterhead(office),
                Block::Title(CHANGE_TITLE.into()),
                Block::Dated(dated),
                Block::Fields(official_fields(office, letters + k, before.date, subject)),
                Block::Para(text(address.join("\n"))),
                Block::Para(text("Dengan hormat,")),
                Block::Para(text(format!(
                    "Menindaklanjuti surat kami sebelumnya, dengan menyesal kami sampaikan bahwa pelayanan perekaman KTP-el keliling di {} pada {} tidak dapat dilaksanakan ({}). Jadwal pengganti akan kami sampaikan kemudian.",
                    stop.name,
                    was(&before),
                    Lang::Id.broken(broken)
                ))),
                Block::Para(text(
                    "Mohon bantuan Saudara menyampaikan informasi ini kepada warga sasaran. Atas perhatian Saudara, kami sampaikan terima kasih dan mohon maaf.",
                )),
                signature(office),
                contact_line(office),
            ];
            Document {
                kind: Kind::Cancellation,
                date: before.date,
                to: address[0].clone(),
                blocks,
            }
        })
        .collect()
}

/// The time window a family is told: from half an hour before the planned start to half an
/// hour after the planned end, on quarter hours (a van can be early or late).
fn family_window(v: &Visit) -> (Clock, Clock) {
    const QUARTER: u32 = 15 * 60;
    let from = v.start.seconds().saturating_sub(2 * QUARTER) / QUARTER * QUARTER;
    let to = (v.end.seconds() + 2 * QUARTER).div_ceil(QUARTER) * QUARTER;
    (
        Clock::from_seconds(f64::from(from)),
        Clock::from_seconds(f64::from(to)),
    )
}

fn home_notice(
    cx: &Context,
    office: &Office,
    types: &Villages,
    date: NaiveDate,
    v: &Visit,
    before: Option<&Placement>,
) -> Document {
    let id = Lang::Id;
    let stop = &cx.scenario.stops[v.stop.index];
    let (from, to) = family_window(v);
    let mut address = vec!["Yth. Bapak/Ibu/Saudara".to_string(), stop.name.clone()];
    if !stop.desa.is_empty() {
        address.push(village(types, &stop.kecamatan, &stop.desa).1);
    }
    let mut opening = text("Petugas ");
    opening.extend(known(&office.name, "nama kantor"));
    opening.push(Span::Text(
        " akan datang ke rumah Bapak/Ibu/Saudara untuk perekaman KTP-el pada:".into(),
    ));
    let title = match before {
        Some(_) => format!("{CHANGE_TITLE} KUNJUNGAN PEREKAMAN KTP-el KE RUMAH"),
        None => "PEMBERITAHUAN KUNJUNGAN PEREKAMAN KTP-el KE RUMAH".into(),
    };
    let mut when = vec![
        ("hari, tanggal".to_string(), text(id.date_long(date))),
        (
            "pukul".to_string(),
            text(format!("antara {} dan {} WIB", from.jam(), to.jam())),
        ),
    ];
    if let Some(before) = before {
        when.push(("semula".to_string(), text(was(before))));
    }
    let blocks = vec![
        letterhead(office),
        Block::Title(title),
        Block::Para(text(address.join("\n"))),
        Block::Para(opening),
        Block::Fields(when),
        Block::Para(text("Mohon disiapkan:")),
        Block::List(vec![
            "Kartu Keluarga (KK) asli atau fotokopinya".into(),
            "warga yang akan direkam ada di rumah dan siap difoto (tanpa kacamata dan masker)"
                .into(),
            "seorang anggota keluarga yang mendampingi".into(),
        ]),
        Block::Para(text("Pelayanan ini tidak dipungut biaya. Terima kasih.")),
        contact_line(office),
    ];
    Document {
        kind: Kind::HomeNotice,
        date,
        to: address[1].clone(),
        blocks,
    }
}

/// How a value `[office]` lacks is shown: marked, so nobody sends it unfilled.
fn missing(label: &str) -> String {
    format!("[BELUM DIISI: {label}]")
}

/// A space to write in by hand.
const BY_HAND: &str = "....................";

fn plain(spans: &Spans) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => t.clone(),
            Span::Missing(label) => missing(label),
            Span::ByHand => BY_HAND.to_string(),
        })
        .collect()
}

/// A document as plain text, to paste into a message.
pub fn text_of(doc: &Document) -> String {
    let mut s = String::new();
    for block in &doc.blocks {
        match block {
            Block::Letterhead(lines) => {
                for line in lines {
                    let _ = writeln!(s, "{}", plain(line));
                }
                let _ = writeln!(s, "{}", "=".repeat(60));
            }
            Block::Dated(line) => {
                let _ = writeln!(s, "{}", plain(line));
            }
            Block::Title(title) => {
                let _ = writeln!(s, "{title}");
            }
            Block::Fields(fields) => {
                let width = fields
                    .iter()
                    .map(|(l, _)| l.chars().count())
                    .max()
                    .unwrap_or(0);
                for (label, value) in fields {
                    let _ = writeln!(s, "  {label:<width$} : {}", plain(value));
                }
            }
            Block::Para(line) => {
                let _ = writeln!(s, "{}", plain(line));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(s, "  - {item}");
                }
            }
            Block::Signature {
                position,
                name,
                nip,
            } => {
                let _ = writeln!(
                    s,
                    "{}\n\n\n{}\n{}",
                    plain(position),
                    plain(name),
                    plain(nip)
                );
            }
        }
        s.push('\n');
    }
    s
}

/// Every document as one text file, separated by a line of dashes.
pub fn text_file(all: &[Document]) -> String {
    all.iter()
        .map(text_of)
        .collect::<Vec<_>>()
        .join(&format!("{}\n\n", "-".repeat(60)))
}

fn spans_html(spans: &Spans) -> Markup {
    html! {
        @for span in spans {
            @match span {
                Span::Text(t) => (t),
                Span::Missing(label) => mark.todo { (missing(label)) },
                Span::ByHand => span.hand {},
            }
        }
    }
}

const CSS: &str = "@page{size:A4;margin:18mm 20mm}\
body{font:11.5pt/1.45 'Times New Roman',serif;max-width:170mm;margin:1em auto;color:#000}\
.doc{break-after:page;page-break-after:always}.doc:last-child{break-after:auto;page-break-after:auto}\
.kop{text-align:center;border-bottom:3px double #000;padding-bottom:2mm;margin-bottom:4mm}\
.kop p{margin:0}.kop p:nth-child(1){font-size:13pt;font-weight:bold;text-transform:uppercase}\
.kop p:nth-child(2){font-size:15pt;font-weight:bold;text-transform:uppercase}\
.dated{text-align:right;margin:0 0 3mm}h2{text-align:center;font-size:12.5pt;text-decoration:underline;margin:4mm 0}\
table.f{border-collapse:collapse;margin:1mm 0 3mm 0}table.f td{padding:0 2mm 0 0;vertical-align:top}\
p{margin:0 0 3mm;white-space:pre-line}ul{margin:0 0 3mm}.sign{margin:6mm 0 4mm 55%}\
.sign .name{margin-top:18mm;font-weight:bold;text-decoration:underline}\
mark.todo{background:#ffe066;font-family:sans-serif;font-size:10pt}\
.hand{display:inline-block;min-width:40mm;border-bottom:1px dotted #000}\
@media screen{.doc{border-bottom:2px dashed #999;padding-bottom:1em;margin-bottom:1em}}";

/// Every document as a printable page, one per A4 page.
pub fn html(all: &[Document], scenario_name: &str) -> String {
    let body = html! {
        @for doc in all {
            section.doc.letter[doc.kind != Kind::HomeNotice].notice[doc.kind == Kind::HomeNotice] {
                @for block in &doc.blocks {
                    @match block {
                        Block::Letterhead(lines) => div.kop { @for line in lines { p { (spans_html(line)) } } },
                        Block::Dated(line) => p.dated { (spans_html(line)) },
                        Block::Title(title) => h2 { (title) },
                        Block::Fields(fields) => table.f {
                            @for (label, value) in fields {
                                tr { td { (label) } td { ":" } td { (spans_html(value)) } }
                            }
                        },
                        Block::Para(line) => p { (spans_html(line)) },
                        Block::List(items) => @if !items.is_empty() {
                            ul { @for item in items { li { (item) } } }
                        },
                        Block::Signature { position, name, nip } => div.sign {
                            div { (spans_html(position)) }
                            div.name { (spans_html(name)) }
                            div { (spans_html(nip)) }
                        },
                    }
                }
            }
        }
    };
    page(
        Lang::Id,
        &format!("Surat dan pemberitahuan — {scenario_name}"),
        CSS,
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_numbers_follow_the_pattern() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let mut office = Office {
            letter_number: Some("470/{n}/403.205/{roman_month}/{yyyy}".into()),
            ..Office::default()
        };
        assert_eq!(
            plain(&letter_number(&office, 2, date)),
            format!("470/{BY_HAND}/403.205/XII/2026")
        );
        office.first_number = Some(101);
        assert_eq!(
            plain(&letter_number(&office, 2, date)),
            "470/103/403.205/XII/2026"
        );
        assert_eq!(
            plain(&letter_number(&Office::default(), 0, date)),
            "[BELUM DIISI: pola nomor surat]"
        );
    }

    #[test]
    fn villages_are_addressed_by_their_type() {
        let types = Villages::built_in();
        assert_eq!(
            village(&types, "Poncol", "Alastuwo"),
            (
                "Lurah Alastuwo".into(),
                "Kelurahan Alastuwo, Kecamatan Poncol".into()
            )
        );
        assert_eq!(
            village(&types, "Poncol", "Gonggang").0,
            "Kepala Desa Gonggang"
        );
        assert_eq!(village(&types, "Elsewhere", "X").0, "Kepala Desa/Lurah X");
    }

    #[test]
    fn families_get_a_window_around_the_visit() {
        let at = |h: u32, m: u32| Clock::from_seconds(f64::from(h * 3600 + m * 60));
        let v = Visit {
            stop: crate::plan::model::Named {
                index: 0,
                name: "Rumah".into(),
            },
            part: 1,
            parts: 1,
            location: crate::map::LatLon { lat: 0.0, lon: 0.0 },
            arrive: at(13, 10),
            start: at(13, 14),
            end: at(13, 44),
            people: People::default(),
            value: 0.0,
        };
        let (from, to) = family_window(&v);
        assert_eq!(
            (from.jam(), to.jam()),
            ("12.30".to_string(), "14.15".to_string())
        );
    }
}
