//! Numbers, dates and colours as every screen shows them.

use egui::{Color32, RichText};

use crate::domain::standing::Standing;

pub use crate::text::{count, reason_words, score, share};

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
