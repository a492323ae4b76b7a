//! Pieces shared by the HTML outputs, built with maud (which escapes every value).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::Context;
use crate::groups::Group;
use crate::i18n::{Key, Lang};
use crate::plan::model::Visit;

/// A whole page: `lang` attribute, title, inline style and the body.
pub fn page(lang: Lang, title: &str, css: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                title { (title) }
                style { (PreEscaped(css)) }
            }
            body { (body) }
        }
    }
    .into_string()
        + "\n"
}

/// A distinct colour for route `i`: ten well-separated colours, then golden-angle hues.
pub fn route_colour(i: usize) -> String {
    const PALETTE: [&str; 10] = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#393b79",
    ];
    match PALETTE.get(i) {
        Some(c) => (*c).to_string(),
        None => format!("hsl({:.0},70%,40%)", (i as f64 * 137.508) % 360.0),
    }
}

/// The stop's name, with the part for a split stop: "Balai Desa X (part 2/3)".
pub fn visit_name(visit: &Visit, lang: Lang) -> String {
    lang.part(&visit.stop.name, visit.part, visit.parts)
}

/// Whose table of visits [`visit_table`] writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum VisitTable {
    /// report.html: the visits only.
    Report,
    /// A printed day sheet: an empty notes column to write in, and the day's totals.
    DaySheet,
}

/// A van-day's visits as an HTML table: order, times, stop, desa, kecamatan and people per
/// group. Shared by report.html and the day sheets; the `t`, `stop` and `note` classes are
/// styled by the sheets' print CSS only.
pub fn visit_table(cx: &Context, visits: &[Visit], table: VisitTable) -> Markup {
    let lang = cx.lang;
    let sheet = table == VisitTable::DaySheet;
    html! {
        table {
            tr {
                th { (lang.t(Key::Order)) }
                th.t { (lang.t(Key::Arrive)) }
                th.t { (lang.t(Key::Start)) "–" (lang.t(Key::End)) }
                th { (lang.t(Key::Stop)) }
                th { (lang.t(Key::Desa)) }
                th { (lang.t(Key::Kecamatan)) }
                @for group in Group::ALL {
                    th.n { (lang.group(group)) }
                }
                @if sheet { th.note { (lang.t(Key::Notes)) } }
            }
            @for (i, v) in visits.iter().enumerate() {
                @let stop = &cx.scenario.stops[v.stop.index];
                tr {
                    td { (i + 1) }
                    td.t { (v.arrive.hhmm()) }
                    td.t { (v.start.hhmm()) "–" (v.end.hhmm()) }
                    td.stop { (visit_name(v, lang)) }
                    td { (stop.desa) }
                    td { (stop.kecamatan) }
                    @for (_, n) in v.people.iter() {
                        td.n { (lang.int(u64::from(*n))) }
                    }
                    @if sheet { td.note {} }
                }
            }
            @if sheet {
                tr {
                    th colspan="6" { (lang.t(Key::Total)) }
                    @for group in Group::ALL {
                        th.n { (lang.int(visits.iter().map(|v| u64::from(v.people[group])).sum())) }
                    }
                    th {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_distinct() {
        let colours: std::collections::BTreeSet<String> = (0..40).map(route_colour).collect();
        assert_eq!(colours.len(), 40);
    }

    #[test]
    fn pages_escape_what_they_are_given() {
        let page = page(Lang::En, "a<b & \"c\"", "", html! { p { ("<script>") } });
        assert!(
            page.contains("<title>a&lt;b &amp; &quot;c&quot;</title>"),
            "{page}"
        );
        assert!(page.contains("<p>&lt;script&gt;</p>"), "{page}");
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    }

    #[test]
    fn parts_are_named_in_both_languages() {
        assert_eq!(Lang::Id.part("Hall", 1, 1), "Hall");
        assert_eq!(Lang::En.part("Hall", 2, 3), "Hall (part 2/3)");
        assert_eq!(Lang::Id.part("Hall", 2, 3), "Hall (tahap 2 dari 3)");
    }
}
