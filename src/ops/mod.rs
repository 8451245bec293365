//! What a reviewer can do to the database, shared by the CLI and the app: import files,
//! re-score a week. Each operation reads files through `import`, judges through `domain`,
//! and writes through one `store` transaction, so it either happens whole or not at all.

pub mod demo;
mod import;
pub mod orders;
mod rescore;
pub mod route;
pub mod rubric;
mod standing;
pub mod undo;

pub use import::{ImportRequest, ImportSummary, commit_preview, import_file};
pub use rescore::rescore;
pub use route::{RoutingReport, release, route};

use crate::import::ReadError;
use crate::store::StoreError;

/// Why an operation did not happen. Nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The file or request was refused; the sentence says why and what to do.
    #[error("{0}")]
    Rejected(String),
    /// The reviewer cancelled.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// The file could not be read.
    #[error(transparent)]
    Read(ReadError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ReadError> for OpError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Cancelled => OpError::Cancelled,
            other => OpError::Read(other),
        }
    }
}
