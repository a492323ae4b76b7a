//! Small helpers shared by the HTML outputs.

use std::fmt::Write as _;

use crate::i18n::{Key, Lang};
use crate::plan::report::VisitOut;

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
pub fn visit_table(h: &mut String, visits: &[VisitOut], lang: Lang, table: VisitTable) {
    let sheet = table == VisitTable::DaySheet;
    let _ = write!(
        h,
        "<table><tr><th>{}</th><th class=t>{}</th><th class=t>{}–{}</th><th>{}</th><th>{}</th><th>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th>",
        lang.t(Key::Order),
        lang.t(Key::Arrive),
        lang.t(Key::Start),
        lang.t(Key::End),
        lang.t(Key::Stop),
        lang.t(Key::Desa),
        lang.t(Key::Kecamatan),
        lang.t(Key::Elderly),
        lang.t(Key::Disabled),
        lang.t(Key::NewEligible)
    );
    if sheet {
        let _ = write!(h, "<th class=note>{}</th>", lang.t(Key::Notes));
    }
    h.push_str("</tr>");
    for v in visits {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=t>{}</td><td class=t>{}–{}</td><td class=stop>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td>",
            v.order,
            v.arrive,
            v.start,
            v.end,
            esc(&v.job),
            esc(&v.desa),
            esc(&v.kecamatan),
            lang.int(v.elderly.into()),
            lang.int(v.disabled.into()),
            lang.int(v.new_eligible.into())
        );
        h.push_str(if sheet {
            "<td class=note></td></tr>"
        } else {
            "</tr>"
        });
    }
    if sheet {
        let sum = |group: fn(&VisitOut) -> u32| {
            lang.int(visits.iter().map(|v| u64::from(group(v))).sum())
        };
        let _ = write!(
            h,
            "<tr><th colspan=6>{}</th><th class=n>{}</th><th class=n>{}</th><th class=n>{}</th><th></th></tr>",
            lang.t(Key::Total),
            sum(|v| v.elderly),
            sum(|v| v.disabled),
            sum(|v| v.new_eligible)
        );
    }
    h.push_str("</table>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn colours_are_distinct() {
        let colours: std::collections::BTreeSet<String> = (0..40).map(route_colour).collect();
        assert_eq!(colours.len(), 40);
    }
}
