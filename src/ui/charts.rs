//! Chart helpers shared by the screens: weeks on the x axis, percentages on the y axis.

use std::sync::{Arc, Mutex};

use egui::{ColorImage, Rect, RichText};
use egui_plot::{GridMark, Plot};

use crate::app::{Command, ExportJob};

use crate::domain::week::Week;

/// A week as a number on a chart's x axis: days since 1970-01-01 of its Monday, so weeks
/// are evenly spaced and new years fall in place.
pub fn week_x(week: Week) -> f64 {
    week.monday().map_or(0.0, |d| {
        (d - chrono::NaiveDate::default()).num_days() as f64
    })
}

/// The week label of an x value made by [`week_x`].
pub fn x_week_label(x: f64) -> String {
    let date = chrono::NaiveDate::default() + chrono::Days::new(x.round().max(0.0) as u64);
    Week::of(date).to_string()
}

/// A plot with ISO weeks on the x axis and a hover label that names the week.
pub fn week_plot(id: &str, height: f32) -> Plot<'static> {
    Plot::new(id.to_string())
        .height(height)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .x_axis_formatter(|mark: GridMark, _range| {
            // Only label marks that fall on a week start.
            let days = mark.value.round() as i64;
            if days.rem_euclid(7) == 4 {
                // 1970-01-01 is a Thursday; Mondays are 4 days later mod 7.
                x_week_label(mark.value)
            } else {
                String::new()
            }
        })
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            let first = ((lo - 4.0) / 7.0).ceil() * 7.0 + 4.0;
            let weeks = ((hi - first) / 7.0).max(0.0) as usize + 1;
            let every = (weeks / 10).max(1) as f64;
            (0..weeks)
                .map(|i| GridMark {
                    value: first + i as f64 * 7.0,
                    step_size: 7.0 * every,
                })
                .filter(|m| (((m.value - first) / 7.0) as usize).is_multiple_of(every as usize))
                .collect()
        })
}

/// What a chart section shows.
pub struct Chart {
    /// Memory key of the chart (its rect and pending screenshot).
    pub key: &'static str,
    /// Its title.
    pub title: &'static str,
    /// What it shows, for reviewers who do not read charts every day.
    pub explanation: &'static str,
    /// What the image is, for the status bar.
    pub what: &'static str,
    /// Suggested file name of the image.
    pub file_name: &'static str,
    /// The sentence shown instead when there is nothing to draw.
    pub empty: Option<&'static str>,
}

/// A screenshot asked for one chart: egui's callback fills `image`; the chart's rect and the
/// scale are kept to crop it.
#[derive(Clone)]
struct PendingShot {
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    rect: Rect,
    pixels_per_point: f32,
}

/// A chart's title, explanation, the chart itself (or its empty state) and its
/// "Save chart as PNG…" button.
pub fn chart_section_ui(
    ui: &mut egui::Ui,
    chart: Chart,
    commands: &mut Vec<Command>,
    draw: impl FnOnce(&mut egui::Ui),
) {
    ui.label(RichText::new(chart.title).strong().size(16.0));
    ui.label(RichText::new(chart.explanation).weak());
    ui.add_space(4.0);
    if let Some(empty) = chart.empty {
        ui.add_space(8.0);
        ui.label(empty);
        return;
    }
    let shot_id = egui::Id::unique(("chart_png", chart.key));
    // A screenshot arrived: the export job crops and encodes it after the file is chosen.
    if let Some(pending) = ui.data(|d| d.get_temp::<PendingShot>(shot_id)) {
        let image = pending.image.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = image {
            ui.data_mut(|d| d.remove::<PendingShot>(shot_id));
            commands.push(Command::Export(chart_png_export(
                chart.what,
                chart.file_name,
                image,
                pending.rect,
                pending.pixels_per_point,
            )));
        }
    }
    let rect = ui.scope(draw).response.rect;
    ui.add_space(4.0);
    let save = ui
        .button("Save chart as PNG…")
        .on_hover_text("Save this chart, as shown, as an image file")
        .accessible_name(format!("Save {} as PNG…", chart.what));
    if save.clicked() {
        let pending = PendingShot {
            image: Arc::new(Mutex::new(None)),
            rect,
            pixels_per_point: ui.pixels_per_point(),
        };
        let slot = Arc::clone(&pending.image);
        ui.data_mut(|d| d.insert_temp(shot_id, pending));
        let ctx = ui.ctx().clone();
        ui.ctx().request_screenshot(move |image| {
            if let Ok(mut s) = slot.lock() {
                *s = Some(image);
            }
            ctx.request_repaint();
        });
    }
}

/// An export job that writes part of a screenshot as a PNG file: the crop and the encoding
/// happen on the job's thread.
pub fn chart_png_export(
    what: &str,
    file_name: &str,
    image: Arc<ColorImage>,
    rect: Rect,
    pixels_per_point: f32,
) -> ExportJob {
    ExportJob {
        what: what.to_string(),
        file_name: file_name.to_string(),
        filter: ("PNG image".into(), vec!["png".into()]),
        produce: Arc::new(move |_store| png_of_region(&image, rect, pixels_per_point)),
    }
}

/// The part of a screenshot under `rect` (in points) as PNG bytes. The region is clamped to
/// the image, so a chart partly scrolled out of the window gives its visible part.
pub fn png_of_region(
    image: &ColorImage,
    rect: Rect,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    use eframe::icon_data::IconDataExt as _;
    let [width, height] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (px(rect.min.x, width), px(rect.max.x, width));
    let (y0, y1) = (px(rect.min.y, height), px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return Err(
            "The chart was not on screen when the picture was taken. Scroll it into view and try again."
                .into(),
        );
    }
    let part = image.region_by_pixels([x0, y0], [x1 - x0, y1 - y0]);
    let icon = egui::IconData {
        rgba: part.as_raw().to_vec(),
        width: u32::try_from(part.width()).map_err(|e| e.to_string())?,
        height: u32::try_from(part.height()).map_err(|e| e.to_string())?,
    };
    icon.to_png_bytes()
        .map_err(|e| format!("The chart could not be encoded as PNG: {e}"))
}

/// The retention under which a check within 30 days triggers a refill (SPEC §5), in percent.
pub const REFILL_LINE_PERCENT: f64 = 95.0;

/// The colour of limit lines (95 %, 40 %).
pub const LIMIT_COLOR: egui::Color32 = egui::Color32::from_rgb(0xd0, 0x3a, 0x2f);

/// Draws the refill rule's limits on a retention chart: the 95 % line and day 30, after
/// which checks never trigger refills (SPEC §5).
pub fn refill_limits(plot: &mut egui_plot::PlotUi<'_>) {
    use egui_plot::{HLine, LineStyle, VLine};
    let last_day = crate::domain::refill::REFILL_WINDOW_DAYS;
    plot.hline(
        HLine::new("95 % line", REFILL_LINE_PERCENT)
            .color(LIMIT_COLOR)
            .style(LineStyle::dashed_loose()),
    );
    plot.vline(
        VLine::new(
            format!("Day {last_day}: last day a check can trigger a refill"),
            last_day as f64,
        )
        .color(egui::Color32::GRAY)
        .style(LineStyle::dotted_loose()),
    );
}

/// A series drawn as a line with a dot on each point, in one colour and under one legend
/// name (hovering a dot names the series and its value).
pub fn line_with_points(
    plot: &mut egui_plot::PlotUi<'_>,
    name: &str,
    points: Vec<[f64; 2]>,
    color: egui::Color32,
) {
    use egui_plot::{Line, PlotPoints, Points};
    plot.line(
        Line::new(name, PlotPoints::from(points.clone()))
            .color(color)
            .width(2.0),
    );
    plot.points(
        Points::new(name, PlotPoints::from(points))
            .color(color)
            .radius(3.0),
    );
}

/// A fixed (not zoomable) plot of retention against days since delivery, from day 0 to a
/// little past the refill window, down to a bit below the `lowest` value shown.
pub fn days_since_delivery_plot(
    id: impl egui::AsIdSalt,
    height: f32,
    lowest: f64,
) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .legend(egui_plot::Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x((crate::domain::refill::REFILL_WINDOW_DAYS + 5) as f64)
        .include_y(100.0)
        .include_y((lowest - 5.0).max(0.0))
        .x_axis_label("Days since delivery")
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Color32;

    #[test]
    fn week_positions_round_trip() {
        let w = Week {
            year: 2026,
            week: 42,
        };
        assert_eq!(x_week_label(week_x(w)), "2026-W42");
        assert_eq!((week_x(w) as i64).rem_euclid(7), 4);
    }

    fn image(w: usize, h: usize) -> ColorImage {
        let pixels = (0..w * h)
            .map(|i| Color32::from_rgb((i % 256) as u8, 0, 0))
            .collect();
        ColorImage::new([w, h], pixels)
    }

    #[test]
    fn crops_a_chart_to_png() {
        let img = image(40, 30);
        let rect = Rect::from_min_max(egui::pos2(5.0, 5.0), egui::pos2(15.0, 10.0));
        let png = png_of_region(&img, rect, 2.0).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let back = eframe::icon_data::from_png_bytes(&png).unwrap();
        assert_eq!((back.width, back.height), (20, 10));
    }

    #[test]
    fn clamps_to_the_window_and_refuses_an_empty_region() {
        let img = image(40, 30);
        let partly_out = Rect::from_min_max(egui::pos2(30.0, 20.0), egui::pos2(90.0, 90.0));
        let back =
            eframe::icon_data::from_png_bytes(&png_of_region(&img, partly_out, 1.0).unwrap())
                .unwrap();
        assert_eq!((back.width, back.height), (10, 10));
        let out = Rect::from_min_max(egui::pos2(50.0, 50.0), egui::pos2(90.0, 90.0));
        assert!(png_of_region(&img, out, 1.0).is_err());
    }
}
