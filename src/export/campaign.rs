//! The outputs of `jempol campaign`: every week's full outputs in `week-YYYY-MM-DD/`, the
//! visits of all weeks in calendar.csv and a printable month calendar (calendar.html), the
//! demand left after each week (campaign.json), and the summary with the week each
//! kecamatan's backlog is cleared.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};
use maud::{Markup, html};
use serde::Serialize;

use super::html::{page, visit_name};
use super::plan_files;
use crate::fsio::write_folder;
use crate::groups::{Group, People, PerGroup};
use crate::i18n::{Key, Lang, Message, PlanMsg, TargetMsg};
use crate::plan::campaign::{Campaign, campaign};
use crate::plan::compare::{file_name, short_names};
use crate::plan::shift_use::ShiftUse;
use crate::plan::{PlanOptions, slug};

/// What `jempol campaign` did.
pub struct CampaignRun {
    pub out: PathBuf,
    pub campaign: Campaign,
    pub summary: String,
}

/// `jempol campaign`: plans `weeks` weeks and writes every output into the output folder.
pub fn run_campaign(
    path: &Path,
    weeks: usize,
    done: Option<&Path>,
    options: &PlanOptions,
    lang: Lang,
) -> anyhow::Result<CampaignRun> {
    let campaign = campaign(path, weeks, done, options)?;
    let first = &campaign.weeks.first().expect("at least one week").solved;
    let out = options.out.clone().unwrap_or_else(|| {
        Path::new("out").join(format!("{}-campaign", slug(&first.prepared.scenario.name)))
    });
    let mut files = Vec::new();
    for week in &campaign.weeks {
        let folder = out.join(format!("week-{}", week.solved.plan.week.start));
        files.extend(plan_files(&folder, &week.solved, lang)?);
    }
    let mut json = serde_json::to_vec_pretty(&progress(&campaign))?;
    json.push(b'\n');
    files.extend([
        (out.join("campaign.json"), json),
        (out.join("calendar.csv"), calendar_csv(&campaign)?),
        (
            out.join("calendar.html"),
            calendar_html(&campaign, lang).into_bytes(),
        ),
    ]);
    // The weeks and the calendar are one run: written and swapped in as one folder.
    write_folder(&out, &files)?;
    let summary = summary(&campaign, lang);
    Ok(CampaignRun {
        out,
        campaign,
        summary,
    })
}

/// `jempol compare --weeks N A.toml B.toml ...`: plans each scenario's campaign and shows
/// them side by side: the people recorded, the km driven, and the week each kecamatan's
/// backlog is cleared (all groups).
pub fn compare_campaigns(
    paths: &[PathBuf],
    weeks: usize,
    options: &PlanOptions,
    lang: Lang,
) -> anyhow::Result<String> {
    let mut columns: Vec<Vec<(String, String)>> = Vec::new();
    for path in paths {
        let campaign = campaign(path, weeks, None, options)?;
        columns.push(campaign_figures(&campaign, lang));
    }
    let names = short_names(paths.iter().map(|p| file_name(p)).collect());
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(10)
        + 2;
    // Every row label, in the first campaign's order, then any only another one has.
    let mut labels: Vec<String> = Vec::new();
    for column in &columns {
        for (label, _) in column {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
    }
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
    let mut s = format!(
        "{}: {weeks} {}\n",
        lang.t(Key::Calendar),
        lang.t(Key::Weeks)
    );
    let _ = write!(s, "{:<label_width$}", "");
    for n in &names {
        let _ = write!(s, "{n:>width$}");
    }
    s.push('\n');
    for label in &labels {
        let _ = write!(s, "{label:<label_width$}");
        for column in &columns {
            let cell = column
                .iter()
                .find(|(l, _)| l == label)
                .map_or("—", |(_, v)| v);
            let _ = write!(s, "{cell:>width$}");
        }
        s.push('\n');
    }
    Ok(s)
}

/// One campaign's column: people recorded per group and in all, km driven, then per
/// kecamatan the week its whole backlog is cleared (`~` projected, `-` not at this pace).
fn campaign_figures(campaign: &Campaign, lang: Lang) -> Vec<(String, String)> {
    let recorded = campaign.recorded();
    let mut rows: Vec<(String, String)> = Group::ALL
        .into_iter()
        .map(|g| (lang.group(g).to_string(), lang.int(recorded[g].into())))
        .collect();
    rows.push((
        lang.t(Key::Total).to_string(),
        lang.int(recorded.total_u64()),
    ));
    let km: f64 = campaign
        .weeks
        .iter()
        .map(|w| w.solved.plan.totals.distance_m / 1000.0)
        .sum();
    rows.push((lang.t(Key::Km).to_string(), lang.dec(km, 0)));
    let mut last: BTreeMap<String, Option<(bool, NaiveDate)>> = BTreeMap::new();
    for c in clearances(campaign) {
        let when = match (c.cleared, c.projected) {
            (Some(week), _) => Some((false, week)),
            (None, Some(week)) => Some((true, week)),
            (None, None) => None,
        };
        let entry = last
            .entry(c.kecamatan)
            .or_insert(Some((false, NaiveDate::MIN)));
        *entry = match (*entry, when) {
            (Some(a), Some(b)) => Some(if b.1 > a.1 { b } else { a }),
            _ => None,
        };
    }
    for (kecamatan, when) in last {
        let text = match when {
            Some((false, week)) => lang.date_short(week),
            Some((true, week)) => format!("~{}", lang.date_short(week)),
            None => "-".to_string(),
        };
        rows.push((kecamatan, text));
    }
    rows
}

/// The columns of calendar.csv: the visit, then one count per group.
pub fn calendar_columns() -> Vec<&'static str> {
    let mut columns = vec![
        "date",
        "van",
        "order",
        "stop",
        "desa",
        "kecamatan",
        "start",
        "end",
    ];
    columns.extend(Group::ALL.map(Group::key));
    columns
}

fn calendar_csv(campaign: &Campaign) -> anyhow::Result<Vec<u8>> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(calendar_columns())?;
    for week in &campaign.weeks {
        let scenario = &week.solved.prepared.scenario;
        for day in &week.solved.plan.van_days {
            for (order, v) in day.visits.iter().enumerate() {
                let stop = &scenario.stops[v.stop.index];
                let mut row = vec![
                    day.date.to_string(),
                    day.van.name.clone(),
                    (order + 1).to_string(),
                    visit_name(v, Lang::En),
                    stop.desa.clone(),
                    stop.kecamatan.clone(),
                    v.start.hhmm(),
                    v.end.hhmm(),
                ];
                row.extend(v.people.iter().map(|(_, n)| n.to_string()));
                csv.write_record(row.iter().map(|c| crate::fsio::csv_cell(c).into_owned()))?;
            }
        }
    }
    Ok(csv.into_inner()?)
}

/// campaign.json: per stop, the people to record at the start and after each week.
#[derive(Serialize)]
pub struct Progress {
    pub schema: &'static str,
    pub scenario: String,
    /// The Monday of each week.
    pub weeks: Vec<NaiveDate>,
    pub stops: Vec<StopProgress>,
    pub kecamatan: Vec<Clearance>,
}

#[derive(Serialize)]
pub struct StopProgress {
    pub stop: String,
    pub desa: String,
    pub kecamatan: String,
    pub start: People,
    /// After week 1, 2, ...
    pub after: Vec<People>,
}

/// When a kecamatan's backlog of one group is cleared.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Clearance {
    pub kecamatan: String,
    pub group: Group,
    /// People to record at the start of the campaign.
    pub backlog: u32,
    /// Left after the last week.
    pub left: u32,
    /// The Monday of the week it was cleared in, within the campaign.
    pub cleared: Option<NaiveDate>,
    /// Beyond the campaign: the Monday of the week it would be cleared at the campaign's
    /// pace there (`None` when nothing was recorded there, so no pace is known).
    pub projected: Option<NaiveDate>,
}

fn progress(campaign: &Campaign) -> Progress {
    let first = &campaign.weeks[0].solved;
    let scenario = &first.prepared.scenario;
    Progress {
        schema: "jempol-campaign/1",
        scenario: scenario.name.clone(),
        weeks: campaign
            .weeks
            .iter()
            .map(|w| w.solved.plan.week.start)
            .collect(),
        stops: scenario
            .stops
            .iter()
            .enumerate()
            .map(|(i, s)| StopProgress {
                stop: s.name.clone(),
                desa: s.desa.clone(),
                kecamatan: s.kecamatan.clone(),
                start: campaign.start[i],
                after: campaign.weeks.iter().map(|w| w.remaining[i]).collect(),
            })
            .collect(),
        kecamatan: clearances(campaign),
    }
}

/// Per kecamatan and group: the backlog, and the week it is (or would be) cleared.
pub fn clearances(campaign: &Campaign) -> Vec<Clearance> {
    let scenario = &campaign.weeks[0].solved.prepared.scenario;
    let mondays: Vec<NaiveDate> = campaign
        .weeks
        .iter()
        .map(|w| w.solved.plan.week.start)
        .collect();
    let mut by_kecamatan: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, stop) in scenario.stops.iter().enumerate() {
        by_kecamatan.entry(&stop.kecamatan).or_default().push(i);
    }
    let sum = |stops: &[usize], people: &[People], group: Group| -> u32 {
        stops.iter().map(|&i| people[i][group]).sum()
    };
    let mut out = Vec::new();
    for (kecamatan, stops) in by_kecamatan {
        for group in Group::ALL {
            let backlog = sum(&stops, &campaign.start, group);
            if backlog == 0 {
                continue;
            }
            let after: Vec<u32> = campaign
                .weeks
                .iter()
                .map(|w| sum(&stops, &w.remaining, group))
                .collect();
            let left = after.last().copied().unwrap_or(backlog);
            let cleared = after.iter().position(|&n| n == 0).map(|k| mondays[k]);
            let weeks = after.len() as u32;
            let pace = f64::from(backlog - left) / f64::from(weeks.max(1));
            let projected = (cleared.is_none() && pace > 0.0).then(|| {
                let more = (f64::from(left) / pace).ceil() as u64;
                mondays[mondays.len() - 1] + Days::new(7 * more)
            });
            out.push(Clearance {
                kecamatan: kecamatan.to_string(),
                group,
                backlog,
                left,
                cleared,
                projected,
            });
        }
    }
    out
}

/// The summary: the weeks, the people recorded, and when each kecamatan is cleared.
pub fn summary(campaign: &Campaign, lang: Lang) -> String {
    let mut s = String::new();
    let weeks = &campaign.weeks;
    let first = &weeks[0].solved.plan;
    let last = &weeks[weeks.len() - 1].solved.plan;
    let end = last.week.dates.last().copied().unwrap_or(last.week.start);
    let _ = writeln!(
        s,
        "{}",
        PlanMsg::CampaignHeading {
            name: first.scenario.name.clone(),
            weeks: weeks.len(),
            from: first.week.start,
            to: end,
        }
        .get(lang)
    );
    let unmet: usize = weeks
        .iter()
        .map(|w| w.solved.plan.targets.iter().filter(|t| !t.met()).count())
        .sum();
    if unmet > 0 {
        let _ = writeln!(s, "{}", TargetMsg::Heading { unmet }.get(lang));
    }
    let start_total = campaign
        .start
        .iter()
        .fold(People::default(), |sum, p| sum + *p);
    let recorded = campaign.recorded();
    for group in Group::ALL {
        let _ = writeln!(
            s,
            "  {:<24}{:>10} / {:>8}",
            lang.group(group),
            lang.int(recorded[group].into()),
            lang.int(start_total[group].into())
        );
    }
    for week in weeks {
        let plan = &week.solved.plan;
        let km: f64 = plan.totals.distance_m / 1000.0;
        let mut line = format!(
            "  {:<28} {:>2} {}  {:>6} {}  {:>7} km",
            lang.date_long(plan.week.start),
            plan.week.dates.len(),
            lang.t(Key::Days),
            lang.int(plan.totals.served.total_u64()),
            lang.t(Key::People).to_lowercase(),
            lang.dec(km, 1)
        );
        for off in &plan.week.days_off {
            let _ = write!(line, "  · {} {}", lang.date_short(off.date), off.name);
        }
        for p in plan.broken_promises() {
            let _ = write!(line, "  · {}", lang.part(&p.stop, p.part, p.parts));
        }
        for t in plan.targets.iter().filter(|t| !t.met()) {
            let _ = write!(line, "  · {}", TargetMsg::Line(t.clone()).get(lang));
        }
        let _ = writeln!(s, "{line}");
    }
    let used = weeks.iter().fold(ShiftUse::default(), |sum, w| {
        sum.add(&w.solved.plan.totals.shift)
    });
    let _ = writeln!(s, "{}", used.words().get(lang));
    let _ = writeln!(s, "{}", PlanMsg::ClearedHeading.get(lang));
    let clearances = clearances(campaign);
    let mut rows: BTreeMap<&str, PerGroup<String>> = BTreeMap::new();
    for c in &clearances {
        let text = match (c.cleared, c.projected) {
            (Some(week), _) => lang.date_short(week),
            (None, Some(week)) => format!("~{}", lang.date_short(week)),
            (None, None) => lang.t(Key::NotAtThisPace).to_string(),
        };
        rows.entry(&c.kecamatan).or_default()[c.group] = text;
    }
    let _ = write!(s, "  {:<16}", lang.t(Key::Kecamatan));
    for group in Group::ALL {
        let _ = write!(s, "{:<22}", lang.group(group));
    }
    s.push('\n');
    for (kecamatan, cells) in rows {
        let _ = write!(s, "  {kecamatan:<16}");
        for (_, cell) in cells.iter() {
            let cell = if cell.is_empty() { "—" } else { cell };
            let _ = write!(s, "{cell:<22}");
        }
        s.push('\n');
    }
    s
}

const CSS: &str = r#"
@page{size:A4 landscape;margin:10mm}
body{font:10pt/1.3 system-ui,sans-serif;margin:1em auto;max-width:280mm;color:#111}
h1{font-size:15pt}h2{font-size:13pt;margin:1em 0 .3em;break-before:page}
h2:first-of-type{break-before:auto}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #999;vertical-align:top;padding:2px 3px}
td{height:22mm}td.out{background:#f3f3f3}td.off{background:#fde9e9}
.d{font-weight:bold}.v{display:block;font-size:8pt;border-left:4px solid;padding-left:2px;margin:1px 0;overflow:hidden}
.legend span{display:inline-block;border-left:10px solid;padding-left:4px;margin-right:1em}
"#;

/// Okabe–Ito: colours that colour-blind readers tell apart.
const VAN_COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
];

fn van_colour(van: usize) -> &'static str {
    VAN_COLOURS[van % VAN_COLOURS.len()]
}

/// A printable month calendar, one colour per van.
pub fn calendar_html(campaign: &Campaign, lang: Lang) -> String {
    let weeks = &campaign.weeks;
    let scenario = &weeks[0].solved.prepared.scenario;
    let mut visits: BTreeMap<NaiveDate, Vec<(usize, String)>> = BTreeMap::new();
    let mut off: BTreeMap<NaiveDate, String> = BTreeMap::new();
    for week in weeks {
        for (day, v) in week.solved.plan.visits() {
            let label = format!("{} {}", v.start.hhmm(), visit_name(v, lang));
            visits
                .entry(day.date)
                .or_default()
                .push((day.van.index, label));
        }
        for o in &week.solved.plan.week.days_off {
            off.insert(o.date, o.name.clone());
        }
    }
    let first = weeks[0].solved.plan.week.start;
    let last = weeks[weeks.len() - 1].solved.plan.week.start + Days::new(6);
    let months = months(first, last);
    let title = format!("{} — {}", lang.t(Key::Calendar), scenario.name);
    let body = html! {
        h1 { (title) }
        p.legend {
            @for (i, van) in scenario.vans.iter().enumerate() {
                span style={ "border-color:" (van_colour(i)) } { (van.name) }
            }
        }
        @for (year, month) in months {
            (month_grid(year, month, first, last, &visits, &off, lang))
        }
    };
    page(lang, &title, CSS, body)
}

/// The (year, month) pairs from `first` to `last`.
fn months(first: NaiveDate, last: NaiveDate) -> Vec<(i32, u32)> {
    let mut out: Vec<(i32, u32)> = Vec::new();
    let mut day = first;
    while day <= last {
        if out.last() != Some(&(day.year(), day.month())) {
            out.push((day.year(), day.month()));
        }
        day = day + Days::new(1);
    }
    out
}

fn month_grid(
    year: i32,
    month: u32,
    first: NaiveDate,
    last: NaiveDate,
    visits: &BTreeMap<NaiveDate, Vec<(usize, String)>>,
    off: &BTreeMap<NaiveDate, String>,
    lang: Lang,
) -> Markup {
    let start = NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month");
    let grid_start = start - Days::new(u64::from(start.weekday().num_days_from_monday()));
    let rows: Vec<Vec<NaiveDate>> = (0..6)
        .map(|w| {
            (0..7)
                .map(|d| grid_start + Days::new(7 * w + d))
                .collect::<Vec<_>>()
        })
        .filter(|row| row.iter().any(|d| d.month() == month))
        .collect();
    let weekdays = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ];
    html! {
        h2 { (lang.month(month)) " " (year) }
        table {
            tr { @for d in weekdays { th { (lang.weekday(d)) } } }
            @for row in &rows {
                tr {
                    @for day in row {
                        @let class = if day.month() != month || *day < first || *day > last {
                            "out"
                        } else if off.contains_key(day) {
                            "off"
                        } else {
                            ""
                        };
                        td class=(class) {
                            span.d { (day.day()) }
                            @if let Some(name) = off.get(day) { " " small { (name) } }
                            @for (van, label) in visits.get(day).into_iter().flatten() {
                                span.v style={ "border-color:" (van_colour(*van)) } { (label) }
                            }
                        }
                    }
                }
            }
        }
    }
}
