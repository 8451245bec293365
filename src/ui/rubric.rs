//! Rubric (SPEC §7). Built out in full separately.

use crate::app::{Command, Data};

/// The rubric editor's state.
#[derive(Default)]
pub struct RubricState {}

impl RubricState {
    /// A new snapshot arrived.
    pub fn data_changed(&mut self) {}
}

/// Draws the rubric screen.
pub fn rubric_ui(
    ui: &mut egui::Ui,
    _data: &Data,
    _state: &mut RubricState,
    _commands: &mut Vec<Command>,
) {
    ui.heading("Rubric");
}
