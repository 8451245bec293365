//! Retention (SPEC §7). Built out in full separately.

use crate::app::{Command, Data};

/// Draws the retention screen.
pub fn retention_ui(ui: &mut egui::Ui, _data: &Data, _commands: &mut Vec<Command>) {
    ui.heading("Retention");
}
