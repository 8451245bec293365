//! Accounts: every account with its verdict (SPEC §7). Built out in full separately.

use crate::app::state::AccountFilter;
use crate::app::{Command, Data};
use crate::store::Store;

/// The accounts table's derived state.
#[derive(Default)]
pub struct AccountsState {}

impl AccountsState {
    /// Folds in a finished table build.
    pub fn poll(
        &mut self,
        _ctx: &egui::Context,
        _store: Option<&std::sync::Arc<Store>>,
        _filter: &AccountFilter,
    ) {
    }

    /// Forgets the table so it is rebuilt.
    pub fn invalidate(&mut self) {}
}

/// Draws the accounts screen.
pub fn accounts_ui(
    ui: &mut egui::Ui,
    _data: &Data,
    _filter: &mut AccountFilter,
    _state: &mut AccountsState,
    _commands: &mut Vec<Command>,
) {
    ui.heading("Accounts");
}
