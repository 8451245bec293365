//! Numbers, dates and colours as every screen shows them.

use egui::{Color32, RichText};

use crate::domain::standing::Standing;

/// A score with one decimal.
pub fn score(x: f64) -> String {
    format!("{x:.1}")
}

/// A fraction as a percentage with one decimal (so columns line up), or "unknown".
pub fn share(x: Option<f64>) -> String {
    x.map_or_else(
        || "unknown".into(),
        |f| format!("{:.1} %", crate::listing::round(f * 100.0, 1)),
    )
}

/// A whole number with thousands separators: 1,234,567.
pub use crate::domain::routing::count;

/// Green for good standing, red for demoted.
pub fn standing_color(s: Standing, dark: bool) -> Color32 {
    match (s, dark) {
        (Standing::Good, false) => Color32::from_rgb(0x1b, 0x7f, 0x3b),
        (Standing::Good, true) => Color32::from_rgb(0x6f, 0xd0, 0x8c),
        (Standing::Demoted, false) => Color32::from_rgb(0xb4, 0x23, 0x18),
        (Standing::Demoted, true) => Color32::from_rgb(0xff, 0x8a, 0x80),
    }
}

/// A standing as a coloured word.
pub fn standing_text(s: Standing, dark: bool) -> RichText {
    let word = match s {
        Standing::Good => "Good standing",
        Standing::Demoted => "Demoted",
    };
    RichText::new(word).color(standing_color(s, dark)).strong()
}

/// Amber, for things that need attention.
pub fn warn_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0xc1, 0x4d)
    } else {
        Color32::from_rgb(0x9a, 0x5b, 0x00)
    }
}

/// A reason code in plain words ("dormant" → "no recent activity").
pub fn reason_words(code: &str) -> String {
    crate::domain::account::Reason::from_code(code)
        .map_or_else(|| code.to_string(), |r| r.describe())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }
}
