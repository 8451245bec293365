//! UI state that survives a restart, saved the egui way (eframe storage). Business data
//! never lives here: it is in redb.

use serde::{Deserialize, Serialize};

/// The screens of the app (SPEC §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Screen {
    /// Every supplier at a glance and what needs attention.
    #[default]
    Overview,
    /// The suppliers table and one supplier's detail.
    Suppliers,
    /// Every account with its verdict.
    Accounts,
    /// Orders, routing explanations, refills.
    Orders,
    /// Retention curves and routing shares.
    Retention,
    /// Thresholds and tiers.
    Rubric,
    /// Import history and undo.
    Imports,
    /// The audit log.
    Audit,
}

impl Screen {
    /// Every screen, in navigation order.
    pub const ALL: [Screen; 8] = [
        Screen::Overview,
        Screen::Suppliers,
        Screen::Accounts,
        Screen::Orders,
        Screen::Retention,
        Screen::Rubric,
        Screen::Imports,
        Screen::Audit,
    ];

    /// The screen's name in the navigation.
    pub fn label(self) -> &'static str {
        match self {
            Screen::Overview => "Overview",
            Screen::Suppliers => "Suppliers",
            Screen::Accounts => "Accounts",
            Screen::Orders => "Orders",
            Screen::Retention => "Retention",
            Screen::Rubric => "Rubric",
            Screen::Imports => "Imports",
            Screen::Audit => "Audit log",
        }
    }

    /// Its keyboard shortcut digit (Ctrl+1 … Ctrl+8).
    pub fn shortcut(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

/// Filters of the accounts table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AccountFilter {
    /// Only this supplier.
    pub supplier: Option<String>,
    /// Only this week (as `2026-W48`).
    pub week: Option<String>,
    /// Only accounts with this reason code (or `eligible`).
    pub reason: Option<String>,
    /// Username contains this text (case-insensitive).
    pub search: String,
}

/// Everything about the UI worth restoring next time.
#[derive(Clone, Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct UiState {
    /// The screen shown.
    pub screen: Screen,
    /// Dark theme instead of light.
    pub dark: bool,
    /// The supplier whose detail is open on the Suppliers screen.
    pub supplier: Option<String>,
    /// The order selected on the Orders screen.
    pub order: Option<String>,
    /// Accounts table filters.
    pub accounts: AccountFilter,
}
