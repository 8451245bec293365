//! Files staff import (SPEC §6): formats, kind detection, validation and the preview shown
//! before anything is written.
//!
//! Reading is streaming throughout: a file is read row by row, once to build the
//! [`Preview`] (every problem, with row, column and value), and once more to commit, so
//! memory does not grow with the file beyond a compact set of the usernames it contains.

pub mod dump;
pub mod orders;
pub mod table;
pub mod values;

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use table::{Cell, Format, TableError, TableReader, normalise_column};

/// What a file holds, recognised from its header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// A supplier's weekly dump, one row per account.
    SupplierDump,
    /// Customer orders.
    Orders,
    /// Delivery reports.
    Deliveries,
    /// Retention checks.
    RetentionChecks,
}

impl FileKind {
    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::SupplierDump => "supplier dump",
            FileKind::Orders => "orders",
            FileKind::Deliveries => "delivery report",
            FileKind::RetentionChecks => "retention checks",
        }
    }

    /// Recognises the kind from normalised header names.
    pub fn detect(normalised: &[String]) -> Option<FileKind> {
        let has = |name: &str| normalised.iter().any(|h| h == name);
        if has("username") {
            Some(FileKind::SupplierDump)
        } else if has("orderid") && has("checkedat") {
            Some(FileKind::RetentionChecks)
        } else if has("orderid") && has("deliveredat") {
            Some(FileKind::Deliveries)
        } else if has("orderid") && has("placedat") {
            Some(FileKind::Orders)
        } else {
            None
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One problem found in a file, located so a reviewer can fix it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Row number as the file shows it (the header is row 1 in CSV and XLSX).
    pub row: u64,
    /// Column name as written in the file; empty for a whole-row problem.
    pub column: String,
    /// The value found.
    pub value: String,
    /// What is wrong and what happens, in words.
    pub message: String,
    /// Whether the row is left out entirely (otherwise the account is kept but excluded).
    pub left_out: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
            write!(f, ", value “{}”", self.value)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// At most this many problems are kept for display; all are counted.
pub const PROBLEM_LIMIT: usize = 1000;

/// Problems found while reading, capped in memory but counted in full.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    /// The first [`PROBLEM_LIMIT`] problems.
    pub list: Vec<Problem>,
    /// How many there are in all.
    pub count: u64,
}

impl Problems {
    /// Records a problem.
    pub fn push(&mut self, problem: Problem) {
        self.count += 1;
        if self.list.len() < PROBLEM_LIMIT {
            self.list.push(problem);
        }
    }
}

/// How a header column was understood.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnMatch {
    /// The header as written.
    pub header: String,
    /// The spec's column it matched, or `None` when it is ignored.
    pub matched: Option<&'static str>,
}

/// Everything a reviewer sees before a file is written (SPEC §6).
#[derive(Clone, Debug)]
pub struct Preview {
    /// The file.
    pub path: PathBuf,
    /// BLAKE3 of its bytes: a file already imported is refused unless forced.
    pub hash: [u8; 32],
    /// Its format.
    pub format: Format,
    /// What it holds, when recognised.
    pub kind: Option<FileKind>,
    /// Header columns and what each matched.
    pub columns: Vec<ColumnMatch>,
    /// Required columns the file lacks.
    pub missing: Vec<&'static str>,
    /// Data rows read, left-out ones included.
    pub rows: u64,
    /// Rows that will be left out.
    pub left_out: u64,
    /// Every problem, located.
    pub problems: Problems,
    /// Why the whole file cannot be imported, when it cannot.
    pub rejection: Option<String>,
    /// For a supplier dump: what it will score.
    pub dump: Option<dump::DumpPlan>,
}

impl Preview {
    /// The file's name without folders.
    pub fn file_name(&self) -> String {
        file_name(&self.path)
    }
}

/// A path's last component, for messages.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Options chosen at import (SPEC §6, §8).
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Supplier name when the dump has no `supplier` column.
    pub supplier: Option<String>,
    /// Snapshot date when the dump has no `as_of` column.
    pub as_of: Option<chrono::NaiveDate>,
}

/// Reports progress of a long read and asks whether to stop.
pub trait Progress: Sync {
    /// `done` of `total` units (bytes of the file) are processed.
    fn update(&self, done: u64, total: u64);
    /// Whether the reviewer pressed Cancel.
    fn cancelled(&self) -> bool;
}

/// Reports progress every 4,096 rows and stops when the reviewer cancelled; the one place
/// the row loops of every kind of file check in.
pub fn tick(progress: &dyn Progress, rows: u64, reader: &TableReader) -> Result<(), ReadError> {
    if rows.is_multiple_of(4096) {
        progress.update(reader.bytes_read(), reader.total_bytes());
        if progress.cancelled() {
            return Err(ReadError::Cancelled);
        }
    }
    Ok(())
}

/// A row as the reading thread hands it over: its number and cells, or why it could not be
/// read.
pub type ReadRow = Result<(u64, Vec<Cell>), table::RowError>;

/// Rows handed from the reading thread at a time: large enough that the hand-over costs
/// nothing, small enough to keep memory flat.
pub const BATCH: usize = 1024;

/// Reads every row on a second thread while `visit` handles the previous batch on this one,
/// so parsing and checking share the two cores of a laptop. `visit` also gets how many bytes
/// of the file had been read by the end of the row's batch. Progress and Cancel are checked
/// as in every row loop; when `visit` fails, reading stops and its error is returned.
pub fn read_rows_beside<E: From<ReadError>>(
    reader: &mut TableReader,
    progress: &dyn Progress,
    mut visit: impl FnMut(ReadRow, u64) -> Result<(), E>,
) -> Result<(), E> {
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<(Vec<ReadRow>, u64)>(4);
        let reading = scope.spawn(move || -> Result<(), ReadError> {
            let mut rows = 0u64;
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                let mut cells = Vec::new();
                match reader.next_row(&mut cells) {
                    Ok(None) => break,
                    Ok(Some(row)) => batch.push(Ok((row, cells))),
                    Err(e) => batch.push(Err(e)),
                }
                rows += 1;
                tick(progress, rows, reader)?;
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if send.send((full, reader.bytes_read())).is_err() {
                        // The visiting side stopped; its error is the one to report.
                        return Ok(());
                    }
                }
            }
            if !batch.is_empty() {
                let _ = send.send((batch, reader.bytes_read()));
            }
            Ok(())
        });
        let mut outcome = Ok(());
        'batches: for (batch, position) in batches.iter() {
            for row in batch {
                outcome = visit(row, position);
                if outcome.is_err() {
                    break 'batches;
                }
            }
        }
        drop(batches);
        let read = reading
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        outcome?;
        read.map_err(E::from)
    })
}

/// Hashes keys that are already uniform hashes (96-bit ones, as three words): folding their
/// bytes is enough, where the default SipHash would hash them a second time.
#[derive(Default)]
pub struct SpreadHasher(u64);

impl std::hash::Hasher for SpreadHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(29) ^ u64::from_le_bytes(word);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of 96-bit hashes at 12 bytes an entry (see [`hash96`]).
pub type Hash96Set =
    std::collections::HashSet<[u32; 3], std::hash::BuildHasherDefault<SpreadHasher>>;

/// A 96-bit XXH3 hash of `parts`, each followed by a zero byte, as three words: a compact,
/// practically collision-free name for a value a large file repeats (a million checks'
/// (order, date) pairs collide with probability near 10⁻¹⁷).
pub fn hash96(parts: &[&[u8]]) -> [u32; 3] {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(part);
        hasher.update(&[0]);
    }
    let h = hasher.digest128();
    [(h >> 96) as u32, (h >> 64) as u32, (h >> 32) as u32]
}

/// Progress that nobody watches (the CLI, tests).
pub struct Silent;

impl Progress for Silent {
    fn update(&self, _: u64, _: u64) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The table could not be opened or read.
    #[error(transparent)]
    Table(#[from] TableError),
    /// Reading the file's bytes failed.
    #[error("could not read {file}: {source}")]
    Io {
        /// The file name.
        file: String,
        /// The error.
        source: std::io::Error,
    },
    /// The reviewer cancelled.
    #[error("cancelled")]
    Cancelled,
}

/// Reads a file once to preview it: kind, columns, rows and every problem (SPEC §6).
pub fn preview(
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<Preview, ReadError> {
    // The content hash is computed on its own thread while the rows are read.
    std::thread::scope(|scope| {
        let hashing = scope.spawn(|| hash_file(path));
        let preview = read_preview(path, options, progress);
        let hash = hashing
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        Ok(Preview {
            hash: hash?,
            ..preview?
        })
    })
}

fn read_preview(
    path: &Path,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<Preview, ReadError> {
    let mut reader = TableReader::open(path)?;
    let normalised: Vec<String> = reader
        .headers()
        .iter()
        .map(|h| normalise_column(h))
        .collect();
    let kind = FileKind::detect(&normalised);
    if let Some(kind) = kind {
        reader = open_as(path, kind)?;
    }
    let mut preview = Preview {
        path: path.to_path_buf(),
        hash: [0; 32],
        format: reader.format(),
        kind,
        columns: Vec::new(),
        missing: Vec::new(),
        rows: 0,
        left_out: 0,
        problems: Problems::default(),
        rejection: None,
        dump: None,
    };
    match kind {
        Some(FileKind::SupplierDump) => dump::scan(&mut reader, options, progress, &mut preview)?,
        Some(kind) => orders::scan(&mut reader, kind, progress, &mut preview)?,
        None => {
            preview.columns = reader
                .headers()
                .iter()
                .map(|h| ColumnMatch {
                    header: h.clone(),
                    matched: None,
                })
                .collect();
            preview.rejection = Some(format!(
                "{} is not a file Supply Desk knows: its header ({}) has none of the columns that mark a supplier dump (username), orders (order_id, placed_at), delivery reports (order_id, delivered_at) or retention checks (order_id, checked_at).",
                preview.file_name(),
                reader.headers().join(", ")
            ));
        }
    }
    Ok(preview)
}

/// Opens a file of a known kind, so JSON objects that leave out keys still line up with
/// every column of that kind (an absent key is an empty cell, SPEC §2).
pub fn open_as(path: &Path, kind: FileKind) -> Result<TableReader, TableError> {
    let names: Vec<&str> = match kind {
        FileKind::SupplierDump => crate::domain::account::Field::ALL
            .iter()
            .map(|f| f.name())
            .collect(),
        other => orders::columns_of(other).to_vec(),
    };
    TableReader::open_expecting(path, &names)
}

/// BLAKE3 of a file, read in blocks.
fn hash_file(path: &Path) -> Result<[u8; 32], ReadError> {
    let io = |source| ReadError::Io {
        file: file_name(path),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(*hasher.finalize().as_bytes())
}
