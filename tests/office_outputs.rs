//! What the office gets from `jempol plan scenarios/magetan-week.toml --lang id` (issue 15):
//! letters addressed by village type, no English left in what people read, no "e-KTP",
//! whatsapp.txt with a map link per visit, schedule.xlsx that reads back to the same visits,
//! and the stops list re-saved the way Excel in Indonesia saves CSV planning the same week.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jempol::clock::Clock;
use jempol::export::{PlanRun, run_plan};
use jempol::groups::Group;
use jempol::i18n::{Key, Lang};
use jempol::plan::PlanOptions;
use jempol::scenario::sheet::{self, Column};

fn magetan_week() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-week.toml")
}

fn plan(scenario: &Path, out: &Path, lang: Lang) -> PlanRun {
    let options = PlanOptions {
        out: Some(out.to_path_buf()),
        time_limit: Some(Duration::ZERO),
        ..PlanOptions::default()
    };
    run_plan(scenario, &options, lang).unwrap()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text a person sees in an HTML page (or a GPX file): no style, script or tags.
fn visible(html: &str) -> String {
    let mut page = html.to_string();
    for (open, close) in [("<style", "</style>"), ("<script", "</script>")] {
        while let Some(i) = page.find(open) {
            let end = page[i..]
                .find(close)
                .map_or(page.len(), |j| i + j + close.len());
            page.replace_range(i..end, "");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Every text cell of the first sheet of a workbook.
fn xlsx_text(path: &Path) -> String {
    let table = sheet::read_xlsx(path).unwrap();
    let mut text = table.header.join(" ");
    for row in &table.rows {
        for cell in &row.cells {
            if let sheet::Cell::Text(t) = cell {
                text += " ";
                text += t;
            }
        }
    }
    text
}

/// English words that must not reach an Indonesian reader. Whole words, any case.
const ENGLISH: &[&str] = &[
    "part",
    "placeholder",
    "address",
    "arrive",
    "record",
    "turning",
    "served",
    "demand",
    "value",
    "stop",
    "stops",
    "visit",
    "visits",
    "van",
    "sheet",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "december",
    "elderly",
    "disabled",
    "must",
    "the",
    "and",
    "leaves",
    "back",
    "notes",
    "equipment",
    "blank",
    "cards",
    "total",
    "unvisited",
    "reason",
    "legend",
    "depot",
    "roads",
    "boundaries",
    "week",
    "hours",
    "map",
    "planned",
    "target",
    "people",
    "seed",
    "contact",
    "from",
    "about",
    "town",
    "centre",
    "no time",
    "written",
];

fn english_words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for bad in ENGLISH {
        let hit = if bad.contains(' ') {
            lower.contains(bad)
        } else {
            words.contains(bad)
        };
        if hit {
            let i = lower.find(bad).unwrap_or(0);
            let from = lower[..i]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(j, _)| j);
            let context: String = lower[from..].chars().take(90).collect();
            found.push(format!("{bad:?} in …{context}…"));
        }
    }
    found
}

#[test]
fn indonesian_outputs_have_no_english_words_and_no_e_ktp() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::Id);
    let mut texts: Vec<(String, String)> = vec![("summary".into(), run.summary.clone())];
    for file in &run.files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => visible(&read(file.clone())),
            Some("txt") => read(file.clone()),
            Some("gpx") => visible(&read(file.clone())),
            Some("xlsx") => xlsx_text(file),
            // plan.json, plan.geojson and schedule.csv are for tools: English keys, by design.
            _ => continue,
        };
        texts.push((name, text));
    }
    assert!(
        texts.len() >= 8,
        "{:?}",
        texts.iter().map(|t| &t.0).collect::<Vec<_>>()
    );
    let mut problems = Vec::new();
    for (name, text) in &texts {
        for hit in english_words(text) {
            problems.push(format!("{name}: {hit}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // No output in either language says "e-KTP", the tools' files included.
    let en = tempfile::tempdir().unwrap();
    let run_en = plan(&magetan_week(), en.path(), Lang::En);
    for file in run.files.iter().chain(&run_en.files) {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!text.contains("e-ktp"), "{}", file.display());
    }
    assert!(!run_en.summary.to_lowercase().contains("e-ktp"));
}

#[test]
fn the_english_word_check_finds_english() {
    assert_eq!(english_words("Balai Desa (part 2/3)").len(), 1);
    assert!(english_words("Balai Desa Pupus (tahap 2 dari 3), lansia 22").is_empty());
    assert_eq!(
        visible("<style>p{color:red}</style><p>stop</p><script>var x</script>"),
        " stop "
    );
}

#[test]
fn whatsapp_has_a_map_link_for_every_visit() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::Id);
    let text = read(dir.path().join("whatsapp.txt"));
    let visits: Vec<_> = run.plan.visits().collect();
    assert_eq!(
        text.matches("https://www.google.com/maps/search/?api=1&query=")
            .count(),
        visits.len()
    );
    for (day, v) in visits {
        let link = format!(
            "https://www.google.com/maps/search/?api=1&query={:.6},{:.6}",
            v.location.lat, v.location.lon
        );
        let message = text
            .split("————————")
            .find(|m| m.contains(&day.van.name) && m.contains(&Lang::Id.date_long(day.date)))
            .unwrap_or_else(|| panic!("no message for {} {}", day.van.name, day.date));
        assert!(message.contains(&link), "{link}\n{message}");
        assert!(
            message.contains(&format!("*{}–{}*", v.start.jam(), v.end.jam())),
            "{message}"
        );
        assert!(message.contains("Narahubung: "), "{message}");
    }
}

#[test]
fn letters_address_every_kelurahan_as_a_kelurahan() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::Id);
    let (scenario, _) = jempol::scenario::read(&magetan_week()).unwrap();
    let kelurahan: Vec<(String, String)> =
        jempol::magetan::read_desa(&jempol::magetan::Source::Embedded)
            .unwrap()
            .into_iter()
            .filter(|d| d.is_kelurahan)
            .map(|d| (d.kecamatan, d.name))
            .collect();
    let text = read(dir.path().join("announcements.txt"));
    let documents: Vec<&str> = text.split(&"-".repeat(60)).collect();
    let mut kelurahan_letters = 0;
    let mut home_notices = 0;
    for (day, v) in run.plan.visits() {
        let stop = &scenario.stops[v.stop.index];
        let date = Lang::Id.date_long(day.date);
        let is_kelurahan = kelurahan.contains(&(stop.kecamatan.clone(), stop.desa.clone()));
        let mine: Vec<&&str> = documents
            .iter()
            .filter(|d| d.contains(&stop.name) && d.contains(&date))
            .collect();
        assert_eq!(mine.len(), 1, "one document for {} on {date}", stop.name);
        let doc = mine[0];
        if stop.home_visit {
            home_notices += 1;
            assert!(doc.contains("Yth. Bapak/Ibu/Saudara"), "{doc}");
            assert!(doc.contains("PEMBERITAHUAN KUNJUNGAN"), "{doc}");
            assert!(!doc.contains("sekitar 1 orang"), "{doc}");
        } else {
            assert!(
                doc.contains(&format!(
                    "pukul         : {} WIB s.d. selesai",
                    v.start.jam()
                )),
                "{doc}"
            );
            assert!(doc.contains(
                "akan melaksanakan pelayanan perekaman KTP-el keliling (Paling Jempol) pada:"
            ));
            assert!(doc.contains("Pelayanan ini tidak dipungut biaya."));
        }
        if stop.is_school() {
            // A school's letter goes to its head, in its kecamatan.
            assert!(
                doc.contains(&format!("Yth. Pimpinan {}\n", stop.name)),
                "{doc}"
            );
            assert!(
                doc.contains(&format!("Kecamatan {}\n", stop.kecamatan)),
                "{doc}"
            );
            continue;
        }
        let (head, place) = if is_kelurahan {
            ("Lurah", "Kelurahan")
        } else {
            ("Kepala Desa", "Desa")
        };
        if !stop.home_visit {
            assert!(
                doc.contains(&format!("Yth. {head} {}\n", stop.desa)),
                "{doc}"
            );
        }
        assert!(
            doc.contains(&format!(
                "{place} {}, Kecamatan {}",
                stop.desa, stop.kecamatan
            )),
            "{doc}"
        );
        if is_kelurahan {
            kelurahan_letters += 1;
            assert!(!doc.contains(&format!("Desa {}", stop.desa)), "{doc}");
        }
    }
    assert!(
        kelurahan_letters >= 3,
        "the default week visits kelurahan: {kelurahan_letters}"
    );
    assert!(home_notices >= 1);
    // One letter per village per day: no two letters to the same head on the same date.
    let mut seen = std::collections::BTreeSet::new();
    for doc in &documents {
        let to = doc.lines().find(|l| l.starts_with("Yth. ")).unwrap();
        let date = doc.lines().find(|l| l.contains("hari, tanggal")).unwrap();
        if !to.contains("Bapak/Ibu") {
            assert!(
                seen.insert((to.to_string(), date.to_string())),
                "two letters: {to} {date}"
            );
        }
    }
    let html = read(dir.path().join("announcements.html"));
    assert_eq!(
        html.matches("<section class=\"doc").count(),
        documents.len()
    );
    assert!(html.contains("<mark class=\"todo\">[BELUM DIISI: nama penanda tangan]</mark>"));
}

/// The columns of schedule.xlsx, found by their header in either language.
fn schedule_columns() -> Vec<Column> {
    let keys = [
        "van",
        "date",
        "weekday",
        "order",
        "stop",
        "desa",
        "kecamatan",
        "arrive",
        "start",
        "end",
        "elderly",
        "disabled",
        "new_eligible",
        "lat",
        "lon",
    ];
    let en = jempol::export::xlsx::headers(Lang::En);
    let id = jempol::export::xlsx::headers(Lang::Id);
    keys.iter()
        .zip(en.iter().zip(&id))
        .map(|(key, ((en, _), (id, _)))| Column::new(key, &[en, id]))
        .collect()
}

#[test]
fn schedule_xlsx_reads_back_to_the_same_visits() {
    for lang in [Lang::Id, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let run = plan(&magetan_week(), dir.path(), lang);
        let table = sheet::read_xlsx(&dir.path().join("schedule.xlsx")).unwrap();
        assert_eq!(table.header[0], lang.t(Key::Van));
        let columns = table.columns(&schedule_columns()).unwrap();
        let visits: Vec<_> = run.plan.visits().collect();
        assert_eq!(table.rows.len(), visits.len());
        for (line, (day, v)) in table.rows.iter().zip(visits) {
            let mut r = columns.record(&table, line);
            assert_eq!(r.text("van"), day.van.name);
            assert_eq!(r.date("date"), Some(day.date));
            assert_eq!(
                r.cell("order"),
                &sheet::Cell::Number((day.visits.iter().position(|x| x == v).unwrap() + 1) as f64)
            );
            assert_eq!(r.text("stop"), lang.part(&v.stop.name, v.part, v.parts));
            let times: Vec<Option<Clock>> = ["arrive", "start", "end"]
                .iter()
                .map(|k| r.time(k))
                .collect();
            assert_eq!(times, [Some(v.arrive), Some(v.start), Some(v.end)]);
            for group in Group::ALL {
                assert_eq!(r.count(group.key()), v.people[group]);
            }
            assert!((r.number("lat").unwrap() - v.location.lat).abs() < 1e-9);
            assert!(r.problems.is_empty(), "{:?}", r.problems);
            assert!(
                matches!(r.cell("date"), sheet::Cell::DateTime { .. }),
                "a date cell"
            );
        }
    }
}

/// `text` as Excel on an Indonesian Windows saves a CSV it opened: `;` between cells,
/// decimal commas, CRLF line ends and a byte-order mark. Comment lines were split at their
/// commas into cells, and are joined again with `;`.
fn as_excel_indonesia(text: &str) -> String {
    let mut out = String::from("\u{feff}");
    let mut body = String::new();
    for line in text.lines() {
        if line.starts_with('#') {
            out += &line.replace(',', ";");
            out += "\r\n";
        } else {
            body += line;
            body += "\n";
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    for record in reader.records() {
        let cells: Vec<String> = record
            .unwrap()
            .iter()
            .map(|c| {
                let decimal = !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '-')
                    && c.contains('.');
                let c = if decimal {
                    c.replace('.', ",")
                } else {
                    c.to_string()
                };
                if c.contains(';') || c.contains('"') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out += &cells.join(";");
        out += "\r\n";
    }
    out
}

#[test]
fn the_stops_csv_resaved_by_excel_in_indonesia_plans_to_the_same_totals() {
    let dir = tempfile::tempdir().unwrap();
    let original = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-stops.csv"));
    let excel = as_excel_indonesia(&original);
    assert!(
        excel.contains("\r\n") && excel.contains(";-7,"),
        "the copy has the Excel form"
    );
    std::fs::write(dir.path().join("stops-excel.csv"), &excel).unwrap();
    let what_if = dir.path().join("excel.toml");
    std::fs::write(
        &what_if,
        format!(
            "extends = \"{}\"\n[stops]\ncsv = \"stops-excel.csv\"\n",
            magetan_week().display()
        ),
    )
    .unwrap();
    let a = plan(&magetan_week(), &dir.path().join("a"), Lang::Id);
    let b = plan(&what_if, &dir.path().join("b"), Lang::Id);
    assert_eq!(a.plan.totals, b.plan.totals);
    assert_eq!(a.plan.van_days, b.plan.van_days);
}

/// The workbook carries no clock time: the same plan gives the same bytes.
#[test]
fn the_same_plan_gives_the_same_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let week = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small-week.toml");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    plan(&week, &a, Lang::Id);
    std::thread::sleep(Duration::from_millis(1100));
    plan(&week, &b, Lang::Id);
    let bytes = |d: &Path| std::fs::read(d.join("schedule.xlsx")).unwrap();
    assert!(bytes(&a) == bytes(&b));
}
