//! Orders (SPEC §7). Built out in full separately.

use crate::app::{Command, Data};
use crate::store::Store;

/// The orders screen's state.
#[derive(Default)]
pub struct OrdersState {}

/// Draws the orders screen.
pub fn orders_ui(
    ui: &mut egui::Ui,
    _data: &Data,
    _selected: &mut Option<String>,
    _state: &mut OrdersState,
    _store: Option<&Store>,
    _commands: &mut Vec<Command>,
) {
    ui.heading("Orders");
}
