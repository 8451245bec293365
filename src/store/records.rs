//! Values the store keeps besides domain types: imports, audit entries, stored accounts.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::domain::account::{AccountRecord, Verdict, normalise_handle};
use crate::domain::criteria::account_hash;
use crate::domain::refill::CheckOutcome;
use crate::domain::routing::{OrderRequest, RoutingDecision};
use crate::domain::week::Week;
use crate::import::FileKind;

/// An account as stored: the row it came from, every signal as read, and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredAccount {
    /// Row number in the imported file.
    pub row: u64,
    /// The signals as read.
    pub record: AccountRecord,
    /// The verdict made at import or at the last re-score.
    pub verdict: Verdict,
}

impl StoredAccount {
    /// The account's [`account_hash`] as a known supplier account; `None` when it has no
    /// platform (then it is nobody's known account).
    pub fn known_hash(&self) -> Option<u128> {
        let platform = self.record.platform.value().filter(|p| !p.is_empty())?;
        Some(account_hash(
            platform,
            &normalise_handle(&self.record.username),
        ))
    }
}

#[cfg(test)]
impl StoredAccount {
    /// An account for tests: eligible-looking signals on `platform` as `username`, with the
    /// verdict given.
    pub fn sample(platform: &str, username: &str, verdict: Verdict) -> StoredAccount {
        use crate::domain::account::Signal;
        StoredAccount {
            row: 1,
            record: AccountRecord {
                platform: Signal::Value(platform.into()),
                niche: None,
                username: username.into(),
                has_profile_picture: Signal::Value(true),
                bio: Signal::Value("Home cook sharing recipes".into()),
                posts: Signal::Value(10),
                created_at: Signal::Missing,
                followers: Signal::Value(1),
                following: Signal::Value(1),
                last_active_at: Signal::Missing,
                mentioned_by: Signal::Value(vec![]),
                follows: Signal::Value(vec![]),
                flagged_at: Signal::Value(None),
                like_sources_30d: Signal::Value(1),
                comments_30d: Signal::Value(1),
                follows_30d: Signal::Value(1),
            },
            verdict,
        }
    }
}

/// One committed import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// Sequence number.
    pub id: u64,
    /// File name as chosen (without folders).
    pub file_name: String,
    /// BLAKE3 of the file's bytes.
    pub hash: Vec<u8>,
    /// What the file held.
    pub kind: FileKind,
    /// Wall-clock time of the import (for the log only).
    pub imported_at: String,
    /// Rows read, left-out ones included.
    pub rows: u64,
    /// Rows stored.
    pub stored: u64,
    /// Rows left out as unreadable.
    pub left_out: u64,
    /// For a dump: the supplier and week it scored.
    pub supplier_week: Option<(String, Week)>,
    /// For a dump that replaced an earlier one: that import's id.
    pub replaced: Option<u64>,
}

/// What an audit entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditKind {
    /// A file was imported.
    Import,
    /// A week was re-scored.
    Rescore,
    /// A supplier's standing changed.
    Standing,
    /// An order was routed.
    Routing,
    /// An order was held.
    Hold,
    /// A held order was released by hand.
    Release,
    /// A refill was created.
    Refill,
    /// A rubric version was saved.
    Rubric,
    /// An import was undone.
    Undo,
}

impl AuditKind {
    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            AuditKind::Import => "import",
            AuditKind::Rescore => "re-score",
            AuditKind::Standing => "standing",
            AuditKind::Routing => "routing",
            AuditKind::Hold => "hold",
            AuditKind::Release => "release",
            AuditKind::Refill => "refill",
            AuditKind::Rubric => "rubric",
            AuditKind::Undo => "undo",
        }
    }
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: u64,
    /// Wall-clock time, UTC.
    pub at: String,
    /// What it is about.
    pub kind: AuditKind,
    /// What happened and why, in words.
    pub text: String,
}

/// Where an order stands (SPEC §4, §8 `status`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OrderStatus {
    /// No supplier could take it yet; tried again after every import.
    Held {
        /// Why, in plain words.
        reason: String,
    },
    /// Given to a supplier, by the router or by hand.
    Routed {
        /// The supplier.
        supplier: String,
    },
}

/// An order or refill as stored, with everything that happened to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredOrder {
    /// The order as placed (refills carry `refill_of`).
    pub order: OrderRequest,
    /// Held or routed.
    pub status: OrderStatus,
    /// The latest routing decision, with its explanation.
    pub decision: Option<RoutingDecision>,
    /// Set when a reviewer released it by hand: why, in words.
    pub released: Option<String>,
    /// Delivery date, from a delivery report.
    pub delivered_at: Option<NaiveDate>,
    /// Units delivered.
    pub delivered: Option<u64>,
    /// Ids of its refills, oldest first.
    pub refills: Vec<String>,
    /// The import that brought it (0 for refills created by a check).
    pub import_id: u64,
}

impl StoredOrder {
    /// A new order or refill, waiting for the routing run at the end of the import.
    pub fn waiting(order: OrderRequest, import_id: u64) -> StoredOrder {
        StoredOrder {
            order,
            status: OrderStatus::Held {
                reason: "waiting for the routing run".into(),
            },
            decision: None,
            released: None,
            delivered_at: None,
            delivered: None,
            refills: Vec::new(),
            import_id,
        }
    }

    /// `routed`, `held` or `delivered`, as the CLI prints it (SPEC §8).
    pub fn status_label(&self) -> &'static str {
        match (&self.status, self.delivered_at) {
            (_, Some(_)) => "delivered",
            (OrderStatus::Routed { .. }, None) => "routed",
            (OrderStatus::Held { .. }, None) => "held",
        }
    }

    /// The supplier it went to, if routed.
    pub fn supplier(&self) -> Option<&str> {
        match &self.status {
            OrderStatus::Routed { supplier } => Some(supplier),
            OrderStatus::Held { .. } => None,
        }
    }
}

/// A retention check as stored, with what it caused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredCheck {
    /// Units retained at the check.
    pub retained: u64,
    /// The refill decision made when it was imported.
    pub outcome: CheckOutcome,
    /// The import that brought it.
    pub import_id: u64,
}
