//! Retention (SPEC §5, §7): each supplier's mean retention by day since delivery against
//! the 95 % line, and each supplier's weekly share of routed orders against the 40 % cap.
//! Either chart can be saved as a PNG image.
//!
//! Saving a chart takes a screenshot of the window (egui calls back with the pixels one
//! frame later); cropping and PNG encoding run on the export job's thread, after the
//! reviewer has picked a file, so the UI thread only hands the pixels over.

use egui::Color32;
use egui_plot::{HLine, HoverPosition, Legend, LineStyle};
use std::collections::BTreeMap;

use super::charts::{
    Chart, LIMIT_COLOR, REFILL_LINE_PERCENT, chart_section_ui, days_since_delivery_plot,
    line_with_points, refill_limits, week_plot, week_x, x_week_label,
};
use super::screen_title_ui;
use crate::app::{Command, Data};

/// The routing cap (SPEC §4 rule 3), in percent.
const CAP_PERCENT: f64 = 40.0;

/// Colours of the suppliers' lines, by the supplier's place in the suppliers list, so a
/// supplier has the same colour on both charts.
const PALETTE: [Color32; 8] = [
    Color32::from_rgb(0x3a, 0x86, 0xd8),
    Color32::from_rgb(0xe8, 0x8a, 0x1a),
    Color32::from_rgb(0x2e, 0x9d, 0x57),
    Color32::from_rgb(0xa3, 0x5c, 0xd6),
    Color32::from_rgb(0x1a, 0xa6, 0xb7),
    Color32::from_rgb(0xd6, 0x4f, 0x9a),
    Color32::from_rgb(0x8c, 0x7a, 0x3e),
    Color32::from_rgb(0x7f, 0x8c, 0x9a),
];

/// Draws the Retention screen.
pub fn retention_ui(ui: &mut egui::Ui, data: &Data, commands: &mut Vec<Command>) {
    screen_title_ui(
        ui,
        "Retention",
        "How long delivered followers stay with each supplier, and how orders are shared among suppliers week by week.",
    );
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            chart_section_ui(
                ui,
                Chart {
                    key: "retention_curves",
                    title: "Retention by day since delivery",
                    explanation: "Each line is one supplier: of the followers it delivered, the share still there on each day after delivery, averaged over its orders checked that day. Higher is better. The dashed line is 95 %: an order checked below it within 30 days of delivery gets a refill at no charge. Hover a point for its value and how many orders it averages. Suppliers with no checked deliveries yet do not appear.",
                    what: "retention chart",
                    file_name: "retention-by-day.png",
                    empty: data.curves.is_empty().then_some(
                        "No retention checks yet: import delivery reports and retention checks.",
                    ),
                },
                commands,
                |ui| curves_chart_ui(ui, data),
            );
            ui.add_space(18.0);
            chart_section_ui(
                ui,
                Chart {
                    key: "routing_shares",
                    title: "Routing share per week",
                    explanation: "Each line is one supplier's share of all orders routed in a week (refills included). Routing keeps every supplier at or under the dashed 40 % line, so a quality problem at one source reaches at most 40 % of a week's orders; in a small week a supplier may sit just above it by the one order it was given. Orders released by hand count too. Suppliers that received no orders do not appear. Hover a point for the week and the counts.",
                    what: "routing share chart",
                    file_name: "routing-share-per-week.png",
                    empty: data.windows.is_empty().then_some(
                        "No orders routed yet: import orders to see how they are shared among suppliers.",
                    ),
                },
                commands,
                |ui| shares_chart_ui(ui, data),
            );
        });
}

/// The colour of a supplier's lines.
fn supplier_color(data: &Data, name: &str) -> Color32 {
    let i = data
        .suppliers
        .iter()
        .position(|s| s.name == name)
        .unwrap_or(data.suppliers.len());
    PALETTE[i % PALETTE.len()]
}

/// Mean retention by day since delivery, one line per supplier (SPEC §5).
fn curves_chart_ui(ui: &mut egui::Ui, data: &Data) {
    let orders_behind: BTreeMap<(String, i64), usize> = data
        .curves
        .iter()
        .flat_map(|(name, curve)| {
            curve
                .iter()
                .map(move |&(day, _, n)| ((name.clone(), day), n))
        })
        .collect();
    let lowest = data
        .curves
        .values()
        .flatten()
        .map(|&(_, mean, _)| mean * 100.0)
        .fold(REFILL_LINE_PERCENT, f64::min);
    days_since_delivery_plot("retention_curves", 280.0, lowest)
        .y_axis_label("Still there (%)")
        .y_axis_formatter(|m, _| format!("{:.0} %", m.value))
        .label_formatter(move |hover| match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let day = position.x.round() as i64;
                Some(match orders_behind.get(&(plot_name.to_string(), day)) {
                    Some(n) => format!(
                        "{plot_name}\nDay {day}: {:.1} % still there\nmean of {n} order(s)",
                        position.y
                    ),
                    None => format!("{plot_name}\n{:.1} %", position.y),
                })
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (name, curve) in &data.curves {
                let color = supplier_color(data, name);
                let points: Vec<[f64; 2]> = curve
                    .iter()
                    .map(|&(day, mean, _)| [day as f64, mean * 100.0])
                    .collect();
                line_with_points(plot, name, points, color);
            }
            refill_limits(plot);
        });
}

/// Each supplier's share of the orders routed per week, against the 40 % cap (SPEC §4).
fn shares_chart_ui(ui: &mut egui::Ui, data: &Data) {
    let mut names: Vec<&str> = data
        .windows
        .values()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    names.sort_unstable();
    names.dedup();
    // (supplier, week x) -> (orders to it, orders in the week), for the hover label.
    let mut counts: BTreeMap<(String, i64), (u64, u64)> = BTreeMap::new();
    let mut lines: Vec<(&str, Vec<[f64; 2]>)> = names.iter().map(|n| (*n, Vec::new())).collect();
    for (week, by_supplier) in &data.windows {
        let total: u64 = by_supplier.values().sum();
        if total == 0 {
            continue;
        }
        let x = week_x(*week);
        for (name, points) in &mut lines {
            let n = by_supplier.get(*name).copied().unwrap_or(0);
            points.push([x, n as f64 / total as f64 * 100.0]);
            counts.insert((name.to_string(), x as i64), (n, total));
        }
    }
    week_plot("routing_shares", 280.0)
        .legend(Legend::default())
        .include_y(0.0)
        // Headroom above the 40 % line keeps the legend clear of the lines.
        .include_y(75.0)
        .y_axis_label("Share of the week's orders (%)")
        .y_axis_formatter(|m, _| format!("{:.0} %", m.value))
        .label_formatter(move |hover| match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let week = x_week_label(position.x);
                Some(
                    match counts.get(&(plot_name.to_string(), position.x.round() as i64)) {
                        Some((n, total)) => format!(
                            "{plot_name}\n{week}: {:.1} % ({n} of {total} orders)",
                            position.y
                        ),
                        None => format!("{plot_name}\n{week}: {:.1} %", position.y),
                    },
                )
            }
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (name, points) in lines {
                let color = supplier_color(data, name);
                line_with_points(plot, name, points, color);
            }
            plot.hline(
                HLine::new("40 % cap", CAP_PERCENT)
                    .color(LIMIT_COLOR)
                    .style(LineStyle::dashed_loose()),
            );
        });
}
