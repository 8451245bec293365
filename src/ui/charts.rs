//! Chart helpers shared by the screens: weeks on the x axis, percentages on the y axis.

use egui_plot::{GridMark, Plot};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_positions_round_trip() {
        let w = Week {
            year: 2026,
            week: 42,
        };
        assert_eq!(x_week_label(week_x(w)), "2026-W42");
        assert_eq!((week_x(w) as i64).rem_euclid(7), 4);
    }
}
