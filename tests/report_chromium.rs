//! report.html and the day sheets in headless Chromium (Debian `chromium`, installed by
//! scripts/setup.sh): they render without console errors, the map holds one route per
//! van-day, and the day sheets print on A4, one page per van-day (counted by `pdfinfo`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use jempol::export::{PlanRun, run_plan};
use jempol::i18n::Lang;
use jempol::plan::PlanOptions;

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

/// What Chromium printed: stdout, and the console messages it logged on stderr.
struct Browser {
    stdout: String,
    console: Vec<String>,
}

/// Runs headless Chromium on a local file with a fresh profile and no network services.
fn chromium(page: &Path, args: &[&str]) -> Browser {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("timeout")
        .args(["120", "chromium"])
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium is installed (scripts/setup.sh: apt-get install chromium)");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Browser {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        console: String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_string)
            .collect(),
    }
}

fn van_days_with_visits(run: &PlanRun) -> usize {
    run.plan
        .van_days
        .iter()
        .filter(|d| !d.visits.is_empty())
        .count()
}

/// `pdfinfo` (poppler-utils): page count and page size line.
fn pdf_pages(pdf: &Path) -> (usize, String) {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed (scripts/setup.sh: apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no {name} in pdfinfo output:\n{text}"))
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

#[test]
fn the_console_check_sees_a_script_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><p>x</p><script>notDefined();</script>",
    )
    .unwrap();
    let browser = chromium(&page, &["--dump-dom"]);
    assert!(
        browser.console.iter().any(|l| l.contains("notDefined")),
        "{:?}",
        browser.console
    );
}

#[test]
fn report_renders_with_one_route_per_van_day_and_no_console_errors() {
    let dir = tempfile::tempdir().unwrap();
    let run = plan(&magetan_week(), dir.path(), Lang::En);
    let page = dir.path().join("report.html");
    let browser = chromium(&page, &["--dump-dom"]);
    assert!(browser.console.is_empty(), "{:?}", browser.console);
    let dom = &browser.stdout;
    assert!(
        dom.contains("<svg id=\"map\""),
        "no map in the rendered DOM"
    );
    assert_eq!(
        dom.matches("<path class=\"route\"").count(),
        van_days_with_visits(&run)
    );
    assert_eq!(
        dom.matches("<li data-route=").count(),
        van_days_with_visits(&run),
        "one legend entry per van-day"
    );
    let stops = dom.matches("class=\"stop ").count();
    assert_eq!(stops, run.plan.totals.stops);
    // A numbered badge for every visit, numbered in its van-day's order.
    let visits: usize = run.plan.van_days.iter().map(|d| d.visits.len()).sum();
    assert_eq!(dom.matches("<g class=\"order\"").count(), visits);
    let most = run
        .plan
        .van_days
        .iter()
        .map(|d| d.visits.len())
        .max()
        .unwrap();
    assert!(dom.contains(&format!("\">{most}</text>")), "badge {most}");
    assert!(dom.contains("<g id=\"kecamatan\""), "kecamatan names");
    assert!(dom.contains("<g id=\"scale\""), "a scale bar");

    let png = dir.path().join("report.png");
    chromium(
        &page,
        &[
            "--window-size=1280,1600",
            &format!("--screenshot={}", png.display()),
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    // A blank 1280x1600 page compresses to a few kB; the map and tables do not.
    assert!(bytes.len() > 50_000, "screenshot of {} bytes", bytes.len());
}

#[test]
fn day_sheets_print_on_a4_one_page_per_van_day() {
    for lang in [Lang::En, Lang::Id] {
        let dir = tempfile::tempdir().unwrap();
        let run = plan(&magetan_week(), dir.path(), lang);
        let page = dir.path().join("day-sheets.html");
        let pdf = dir.path().join("sheets.pdf");
        let browser = chromium(
            &page,
            &[
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
            ],
        );
        assert!(browser.console.is_empty(), "{:?}", browser.console);
        let (pages, size) = pdf_pages(&pdf);
        assert_eq!(pages, van_days_with_visits(&run), "{lang:?}");
        assert!(size.contains("(A4)"), "{size}");
    }
}

#[test]
fn letters_print_one_per_a4_page() {
    let dir = tempfile::tempdir().unwrap();
    plan(&magetan_week(), dir.path(), Lang::Id);
    let html = std::fs::read_to_string(dir.path().join("announcements.html")).unwrap();
    let letters = html.matches("<section class=\"doc").count();
    assert!(letters >= 10, "{letters} letters and notices");
    let pdf = dir.path().join("announcements.pdf");
    chromium(
        &dir.path().join("announcements.html"),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let (pages, size) = pdf_pages(&pdf);
    assert_eq!(pages, letters);
    assert!(size.contains("(A4)"), "{size}");
}

/// The width of `page` laid out `width` px wide: `document.documentElement.scrollWidth` of the
/// page in an iframe of that width (headless Chromium will not make its window narrower than
/// 500 px, so the iframe is the phone's viewport; media queries follow it).
fn scroll_width(page: &Path, width: u32) -> u32 {
    let probe = page.with_file_name("probe.html");
    let name = page.file_name().unwrap().to_string_lossy();
    std::fs::write(
        &probe,
        format!(
            "<!DOCTYPE html><iframe id=\"f\" src=\"{name}\" style=\"width:{width}px;height:900px;border:0\"></iframe>\
             <script>document.getElementById('f').onload=function(){{\
             document.title='W='+this.contentDocument.documentElement.scrollWidth}}</script>"
        ),
    )
    .unwrap();
    let browser = chromium(&probe, &["--allow-file-access-from-files", "--dump-dom"]);
    let title = browser
        .stdout
        .split("<title>W=")
        .nth(1)
        .expect("the probe ran");
    title[..title.find('<').unwrap()].parse().unwrap()
}

#[test]
fn day_sheets_fit_a_phone_412_px_wide() {
    let dir = tempfile::tempdir().unwrap();
    plan(&magetan_week(), dir.path(), Lang::Id);
    let page = dir.path().join("day-sheets.html");
    let phone = scroll_width(&page, 412);
    assert!(
        phone <= 420,
        "the day sheets are {phone} px wide on a 412 px phone"
    );
    // The check sees a page that is too wide: the same sheets at a desktop width are wider.
    assert!(scroll_width(&page, 1000) > 420);
}

/// On real roads (Liechtenstein, OpenStreetMap) the map draws the road network, stays under
/// 2 MB, and the page still renders cleanly.
#[test]
fn report_on_real_roads_draws_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let map = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/osm/liechtenstein-latest.osm.pbf"
    );
    let stops: String = [
        ("Schaan", 47.1650, 9.5090),
        ("Triesen", 47.1080, 9.5280),
        ("Balzers", 47.0660, 9.5020),
        ("Eschen", 47.2110, 9.5220),
    ]
    .iter()
    .map(|(name, lat, lon)| {
        format!("[[stop]]\nname = \"{name}\"\nlocation = [{lat}, {lon}]\nelderly = 30\n")
    })
    .collect();
    std::fs::write(
        &file,
        format!(
            "name = \"Liechtenstein report\"\nweek_start = 2026-12-07\nworking_days = \"mon-tue\"\nmap = \"{map}\"\n[depot]\nname = \"Vaduz\"\nlocation = [47.1410, 9.5209]\n[[van]]\nname = \"Van\"\nrecording_sets = 1\n{stops}"
        ),
    )
    .unwrap();
    // The output folder beside the scenario: a run replaces its whole folder, and refuses one
    // that holds other files (issue 11).
    let out = dir.path().join("out");
    let run = plan(&file, &out, Lang::En);
    let page = out.join("report.html");
    let size = std::fs::metadata(&page).unwrap().len();
    assert!(size < 2_000_000, "report.html is {size} bytes");
    let html = std::fs::read_to_string(&page).unwrap();
    let roads = &html[html.find("<g id=\"roads\"").expect("a road layer")..];
    let roads = &roads[..roads.find("</g>").unwrap()];
    assert!(
        roads.matches("<path ").count() >= 3,
        "few road classes drawn"
    );
    assert!(
        !html.contains("id=\"travel-warning\""),
        "real roads need no warning"
    );
    let browser = chromium(&page, &["--dump-dom"]);
    assert!(browser.console.is_empty(), "{:?}", browser.console);
    assert_eq!(
        browser.stdout.matches("<path class=\"route\"").count(),
        van_days_with_visits(&run)
    );
}
