//! Every redb table, in one place. Names carry a version so that a change of key or value
//! layout is a new table, filled by a migration, never a silent reinterpretation.

use redb::TableDefinition;

/// Schema facts: `schema_version`, and counters.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// Accounts with their verdicts, in blocks of [`ACCOUNT_BLOCK`] in the order they were
/// stored (file order): (supplier, week key, block number) → `Vec<StoredAccount>`. Blocks
/// are appended with ascending keys, so a million-account import is a few thousand
/// sequential inserts rather than a million random ones.
pub const ACCOUNT_BLOCKS: TableDefinition<(&str, u32, u32), &[u8]> =
    TableDefinition::new("account_blocks_v2");

/// Accounts in one block of [`ACCOUNT_BLOCKS`]; an account's place in its week (its
/// ordinal) is `block × ACCOUNT_BLOCK + index`.
pub const ACCOUNT_BLOCK: u32 = 256;

/// Known supplier accounts (SPEC §2): the 128-bit hash of (platform, lower-case username)
/// (see `domain::criteria::account_hash`) → number of weekly dumps that contain it, so
/// replacing or undoing a dump can forget it again. Fixed-size keys, inserted in sorted
/// order at the end of an import.
pub const KNOWN_HASHES: TableDefinition<u128, u64> = TableDefinition::new("known_hashes_v2");

/// Schema 1's accounts, keyed by (supplier, week key, platform, lower-case username); read
/// only by the migration to schema 2.
pub const ACCOUNTS_V1: TableDefinition<(&str, u32, &str, &str), &[u8]> =
    TableDefinition::new("accounts_v1");

/// Schema 1's known accounts, keyed by (platform, lower-case username); read only by the
/// migration to schema 2.
pub const KNOWN_V1: TableDefinition<(&str, &str), u64> = TableDefinition::new("known_accounts_v1");

/// Scorecards: (supplier, week key) → `Scorecard`.
pub const SCORECARDS: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("scorecards_v1");

/// Imports: id → `ImportRecord`.
pub const IMPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("imports_v1");

/// Content hash of every imported file → the import id, to refuse a file imported before.
pub const FILE_HASHES: TableDefinition<&[u8], u64> = TableDefinition::new("file_hashes_v1");

/// Rubric versions: version → `Rubric`.
pub const RUBRICS: TableDefinition<u32, &[u8]> = TableDefinition::new("rubrics_v1");

/// Audit log: sequence → `AuditEntry`.
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit_v1");

/// Orders and refills: order id → `StoredOrder`.
pub const ORDERS: TableDefinition<&str, &[u8]> = TableDefinition::new("orders_v1");

/// Orders waiting to be routed (new or held), in routing order: (placed_at as days since
/// 0001-01-01, order id) → ().
pub const WAITING: TableDefinition<(i32, &str), ()> = TableDefinition::new("waiting_orders_v1");

/// Orders routed to each supplier: (supplier, order id) → ().
pub const SUPPLIER_ORDERS: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("supplier_orders_v1");

/// Retention checks: (order id, checked_at as days since 0001-01-01) → `StoredCheck`.
pub const CHECKS: TableDefinition<(&str, i32), &[u8]> = TableDefinition::new("checks_v1");

/// Routing windows (SPEC §4 rule 3): (ISO week key, supplier) → orders routed.
pub const WINDOWS: TableDefinition<(u32, &str), u64> = TableDefinition::new("routing_windows_v1");
