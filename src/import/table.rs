//! Streaming reader for the tables that suppliers send us: CSV, JSON, JSON Lines and XLSX.
//!
//! # Design
//!
//! Supplier exports can hold millions of rows, so nothing here ever holds the whole file in
//! memory. [`TableReader::open`] looks at the first bytes of the file to decide its format (the
//! extension is often wrong), reads the header, and then [`TableReader::next_row`] hands out one
//! data row at a time into a buffer that the caller reuses:
//!
//! * CSV goes through `csv::Reader` (which buffers internally) and a reused `ByteRecord`; text
//!   cells reuse the `String`s already sitting in the caller's row buffer.
//! * JSON Lines is read line by line into a reused byte buffer.
//! * A JSON array is cut into its elements by a small byte scanner that tracks strings and
//!   brackets, so each element is parsed on its own. This keeps memory bounded by the largest
//!   element and lets one broken element be reported without losing the rest of the file.
//! * JSON objects are deserialised straight into [`Cell`]s with serde seeds: keys are matched
//!   against the header without allocating, and no intermediate `serde_json::Value` is built.
//! * XLSX uses calamine's streaming cell reader on the first sheet. That reader borrows the
//!   workbook, so it lives on a small worker thread that owns both and sends finished rows in
//!   batches over a bounded channel; memory stays bounded and no `unsafe` self-reference is
//!   needed. Dropping the [`TableReader`] stops the worker.
//!
//! # Row numbers
//!
//! Errors are shown to people who will open the file themselves, so a row number is always the
//! one they would look for: the spreadsheet row for CSV and XLSX (the header is row 1, so the
//! first data row is usually row 2; a CSV record spanning several lines gets the line it starts
//! on, and blank lines still count), the line number for JSON Lines (blank lines are skipped but
//! counted), and the 1-based position of the element for a JSON array.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::{self, JoinHandle};

use calamine::{DataRef, Reader, Xlsx, XlsxError};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// How many bytes of the file are examined to detect its format and CSV delimiter.
const SNIFF_BYTES: usize = 64 * 1024;
/// Read buffer size for the text formats; large enough to keep system calls rare.
const READ_BUFFER_BYTES: usize = 64 * 1024;
/// Rows the XLSX worker sends per message; batching keeps channel overhead negligible.
const XLSX_BATCH_ROWS: usize = 512;
/// Batches that may wait in the XLSX channel, which bounds memory when the caller is slow.
const XLSX_QUEUED_BATCHES: usize = 4;
/// The serial number of 10000-01-01 in Excel's 1900 date system; larger values are not dates.
const EXCEL_MAX_SERIAL: f64 = 2_958_466.0;

/// The kind of file being read, detected from its content.
///
/// The format is exposed so that the interface can tell the user how the file was understood,
/// which helps them spot a CSV whose delimiter was guessed wrongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text; `delimiter` is the byte that separates fields (`,`, `;` or tab).
    Csv {
        /// The field separator that was detected from the header line.
        delimiter: u8,
    },
    /// A single JSON array whose elements are objects, one per row.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// An Excel workbook; only its first sheet is read.
    Xlsx,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Csv { delimiter: b',' } => f.write_str("CSV (comma)"),
            Format::Csv { delimiter: b';' } => f.write_str("CSV (semicolon)"),
            Format::Csv { delimiter: b'\t' } => f.write_str("CSV (tab)"),
            Format::Csv { delimiter } => {
                write!(f, "CSV ({})", char::from(*delimiter).escape_default())
            }
            Format::Json => f.write_str("JSON"),
            Format::JsonLines => f.write_str("JSON Lines"),
            Format::Xlsx => f.write_str("XLSX"),
        }
    }
}

/// One value of a data row, keeping the type the file gave it so that callers can validate
/// numbers, flags and dates without re-parsing text.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Nothing there: an empty or blank field, a missing column, `null`, or an empty JSON list.
    #[default]
    Empty,
    /// Text with surrounding whitespace removed; never empty.
    Text(String),
    /// A number; JSON integers up to 2^53 and spreadsheet numbers are exact.
    Number(f64),
    /// A JSON `true`/`false` or an Excel boolean cell.
    Bool(bool),
    /// An Excel cell formatted as a date or date-time.
    DateTime(NaiveDateTime),
    /// A JSON list of strings or numbers, each rendered as text; never empty.
    List(Vec<String>),
}

impl Cell {
    /// Tells whether the cell holds no value, so callers can treat blank and missing alike.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

impl fmt::Display for Cell {
    /// Shows the value the way a person would type it: numbers without a trailing `.0`, dates
    /// without a time when the time is midnight, and lists separated by commas.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(text) => f.write_str(text),
            Cell::Number(number) => f.write_str(&format_number(*number)),
            Cell::Bool(flag) => f.write_str(if *flag { "true" } else { "false" }),
            Cell::DateTime(value) if value.time() == chrono::NaiveTime::MIN => {
                write!(f, "{}", value.format("%Y-%m-%d"))
            }
            Cell::DateTime(value) if value.nanosecond() == 0 => {
                write!(f, "{}", value.format("%Y-%m-%d %H:%M:%S"))
            }
            Cell::DateTime(value) => write!(f, "{}", value.format("%Y-%m-%d %H:%M:%S%.3f")),
            Cell::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

/// A problem that prevents the file from being read at all.
///
/// Every message is a complete sentence naming the file and what is wrong with it, so the
/// interface can show it as is.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// The file could not be opened, for example because it does not exist.
    #[error("Could not open {}: {}.", .path.display(), describe_io(.source))]
    Open {
        /// The file that was asked for.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The file was opened but reading its beginning failed.
    #[error("Could not read {}: {}.", .path.display(), describe_io(.source))]
    Read {
        /// The file being read.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The content is not CSV, JSON, JSON Lines or XLSX.
    #[error("{} is not a table this program can read: {reason}.", .path.display())]
    UnknownFormat {
        /// The file being read.
        path: PathBuf,
        /// What the file seems to be instead and what the user can do about it.
        reason: String,
    },
    /// The file has no header row, so there are no column names to work with.
    #[error("{} has no header row with column names: {reason}.", .path.display())]
    NoHeader {
        /// The file being read.
        path: PathBuf,
        /// Why no header was found, such as "the file is empty".
        reason: String,
    },
    /// The header of a CSV file cannot be used.
    #[error("The CSV file {} cannot be read: {message}.", .path.display())]
    Csv {
        /// The file being read.
        path: PathBuf,
        /// What is wrong, in plain words.
        message: String,
    },
    /// A JSON file is broken before its first row, so not even the header can be read.
    #[error("The JSON file {} cannot be read: {message}.", .path.display())]
    Json {
        /// The file being read.
        path: PathBuf,
        /// What is wrong and where (element or line, and column).
        message: String,
    },
    /// The Excel workbook is damaged, protected, or not really an XLSX file.
    #[error("The Excel file {} cannot be read: {message}.", .path.display())]
    Xlsx {
        /// The file being read.
        path: PathBuf,
        /// What is wrong, in plain words.
        message: String,
    },
    /// The Excel workbook contains no worksheet to read.
    #[error("The Excel file {} has no sheets to read.", .path.display())]
    NoSheets {
        /// The file being read.
        path: PathBuf,
    },
}

/// A single row that could not be read; the caller reports it and asks for the next row.
///
/// If the damage is so bad that nothing after it can be read (a truncated JSON array, a read
/// error from the disk), the message says so and the next call to [`TableReader::next_row`]
/// returns `Ok(None)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row}: {message}")]
pub struct RowError {
    /// The row number as the user sees it (see the module documentation).
    pub row: u64,
    /// What is wrong with the row, in plain words and without the row number.
    pub message: String,
}

/// Reduces a column name to a form that survives the usual spelling differences between
/// suppliers, so that "Has Profile-Picture", "has_profile_picture" and "HASPROFILEPICTURE"
/// all match the same expected column.
///
/// Letters are lowercased; whitespace, `_`, `-` and byte order marks are removed.
#[must_use]
pub fn normalise_column(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A streaming reader over one tabular file.
///
/// The reader is `Send`, so it can be moved to a background thread while the interface polls
/// [`TableReader::bytes_read`] for a progress bar.
pub struct TableReader {
    format: Format,
    headers: Vec<String>,
    total_bytes: u64,
    source: Source,
    finished: bool,
}

impl fmt::Debug for TableReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableReader")
            .field("format", &self.format)
            .field("headers", &self.headers)
            .field("bytes_read", &self.bytes_read())
            .field("total_bytes", &self.total_bytes)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl TableReader {
    /// Opens `path`, detects its format from the content and reads the header row.
    ///
    /// Only the header (and, for JSON, the first object) is read here; everything else is read
    /// lazily by [`TableReader::next_row`].
    ///
    /// # Errors
    ///
    /// Returns a [`TableError`] when the file cannot be opened, is not one of the supported
    /// formats, has no header row, or is damaged before its first row.
    pub fn open(path: &Path) -> Result<TableReader, TableError> {
        Self::open_expecting(path, &[])
    }

    /// Like [`TableReader::open`], naming the columns the caller understands.
    ///
    /// JSON objects may leave out keys (an absent key is an empty cell), so the first object
    /// cannot be trusted to name every column: each expected column the first object lacks is
    /// added to the header, and keys of later objects are matched to columns by their
    /// [`normalise_column`] form as well as exactly. Other formats ignore `expected`.
    pub fn open_expecting(path: &Path, expected: &[&str]) -> Result<TableReader, TableError> {
        let open_error = |source| TableError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut file = File::open(path).map_err(open_error)?;
        let metadata = file.metadata().map_err(open_error)?;
        if metadata.is_dir() {
            return Err(TableError::UnknownFormat {
                path: path.to_path_buf(),
                reason: "it is a folder, not a file".to_owned(),
            });
        }
        let total_bytes = metadata.len();
        let sniffed = sniff(path, &mut file)?;
        file.seek(SeekFrom::Start(sniffed.bom_len))
            .map_err(|source| read_error(path, source))?;
        let (headers, source) = match sniffed.format {
            Format::Csv { delimiter } => CsvSource::open(path, file, delimiter, &sniffed)?,
            Format::JsonLines => JsonLinesSource::open(path, file, sniffed.bom_len, expected)?,
            Format::Json => JsonArraySource::open(path, file, sniffed.bom_len, expected)?,
            Format::Xlsx => XlsxSource::open(path, file)?,
        };
        Ok(TableReader {
            format: sniffed.format,
            headers,
            total_bytes,
            source,
            finished: false,
        })
    }

    /// The format that was detected, for showing to the user.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// The column names as written in the file, in file order; rows are aligned with them.
    ///
    /// Use [`normalise_column`] or [`TableReader::find_column`] to match them loosely.
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Finds the first header that matches `name` after [`normalise_column`] on both sides,
    /// which is how expected columns should be located in supplier files.
    #[must_use]
    pub fn find_column(&self, name: &str) -> Option<usize> {
        let wanted = normalise_column(name);
        self.headers
            .iter()
            .position(|header| normalise_column(header) == wanted)
    }

    /// Roughly how many bytes of the file have been consumed, for a progress bar.
    ///
    /// For XLSX this is the position in the compressed file, which moves steadily while the
    /// sheet is read but need not start at zero. Once the end is reached it equals
    /// [`TableReader::total_bytes`].
    #[must_use]
    pub fn bytes_read(&self) -> u64 {
        if self.finished {
            return self.total_bytes;
        }
        let position = match &self.source {
            Source::Csv(source) => source.bytes_read(),
            Source::JsonLines(source) => source.bytes_read,
            Source::JsonArray(source) => source.scanner.offset,
            Source::Xlsx(source) => source.position.load(Ordering::Relaxed),
        };
        position.min(self.total_bytes)
    }

    /// The size of the file in bytes when it was opened.
    #[must_use]
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Reads the next data row into `out` and returns its row number.
    ///
    /// `out` is resized to `headers().len()`; columns missing from the row are
    /// [`Cell::Empty`]. Passing the same vector every time lets its allocations be reused.
    /// `Ok(None)` means the end of the file and is returned again on every later call. After an
    /// `Err` the content of `out` is unspecified; the caller should report the error and call
    /// again to continue with the next row.
    ///
    /// # Errors
    ///
    /// Returns a [`RowError`] for a row that cannot be read at all: a CSV record with more
    /// fields than the header or with invalid UTF-8, a JSON line or element that is not a valid
    /// object. If the error also ends the file (a truncated JSON array, a read failure), its
    /// message says so and later calls return `Ok(None)`.
    pub fn next_row(&mut self, out: &mut Vec<Cell>) -> Result<Option<u64>, RowError> {
        if self.finished {
            out.clear();
            return Ok(None);
        }
        let width = self.headers.len();
        let result = match &mut self.source {
            Source::Csv(source) => source.next_row(&self.headers, out),
            Source::JsonLines(source) => source.next_row(width, out),
            Source::JsonArray(source) => source.next_row(width, out),
            Source::Xlsx(source) => source.next_row(out),
        };
        match result {
            Ok(Some(row)) => Ok(Some(row)),
            Ok(None) => {
                self.finished = true;
                out.clear();
                Ok(None)
            }
            Err(failure) => {
                self.finished = failure.fatal;
                Err(failure.error)
            }
        }
    }
}

/// The format-specific part of a [`TableReader`].
enum Source {
    Csv(CsvSource),
    JsonLines(JsonLinesSource),
    JsonArray(JsonArraySource),
    Xlsx(XlsxSource),
}

/// A row error plus whether reading can go on after it.
struct RowFailure {
    error: RowError,
    fatal: bool,
}

impl RowFailure {
    /// A problem confined to one row; the next row can still be read.
    fn row(row: u64, message: impl Into<String>) -> Self {
        RowFailure {
            error: RowError {
                row,
                message: message.into(),
            },
            fatal: false,
        }
    }

    /// A problem after which nothing more can be read from the file.
    fn fatal(row: u64, message: impl fmt::Display) -> Self {
        RowFailure {
            error: RowError {
                row,
                message: format!("{message}; the rest of the file cannot be read"),
            },
            fatal: true,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Format detection
// ---------------------------------------------------------------------------------------------

/// What [`sniff`] learnt from the start of the file.
struct Sniffed {
    format: Format,
    /// Length of a UTF-8 byte order mark to skip (0 or 3).
    bom_len: u64,
    /// The text breaks lines with a lone `\r` (old Mac exports) rather than `\n` or `\r\n`.
    cr_line_breaks: bool,
}

/// Detects the format from the first bytes of the file, so that a `.csv` that is really an
/// Excel workbook (or the reverse) is still read correctly.
fn sniff(path: &Path, file: &mut File) -> Result<Sniffed, TableError> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    Read::by_ref(file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut prefix)
        .map_err(|source| read_error(path, source))?;
    let unknown = |reason: &str| TableError::UnknownFormat {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if prefix.is_empty() {
        return Err(no_header(path, "the file is empty"));
    }
    if prefix.starts_with(b"PK\x03\x04") {
        return Ok(Sniffed {
            format: Format::Xlsx,
            bom_len: 0,
            cr_line_breaks: false,
        });
    }
    if prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unknown(
            "it is an old-style Excel (.xls) workbook or a password-protected one; open it in \
             Excel and save it as .xlsx without a password, or as CSV UTF-8",
        ));
    }
    if prefix.starts_with(b"PK") {
        return Err(unknown("it is a ZIP archive, not an Excel workbook"));
    }
    if prefix.starts_with(&[0xFF, 0xFE]) || prefix.starts_with(&[0xFE, 0xFF]) {
        return Err(unknown(
            "it is saved as UTF-16 text; save it again as CSV UTF-8",
        ));
    }
    let bom_len = if prefix.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let text = prefix.get(bom_len..).unwrap_or_default();
    if text.contains(&0) {
        return Err(unknown(
            "it contains binary data rather than text (it may be a PDF, an image or another \
             kind of document)",
        ));
    }
    let Some(start) = text.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(if prefix.len() < SNIFF_BYTES {
            no_header(path, "the file contains only blank space")
        } else {
            unknown("it starts with more than 64 KB of blank space")
        });
    };
    let next_significant = text
        .get(start + 1..)
        .unwrap_or_default()
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    // A CSV header such as "[ID],Name" also starts with a bracket, so look one token further.
    let format = match (text.get(start).copied(), next_significant) {
        (Some(b'['), Some(b'{' | b'[' | b'"' | b']' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')) => {
            Format::Json
        }
        (Some(b'{'), Some(b'"' | b'}')) => Format::JsonLines,
        _ => {
            let line_start = text
                .get(..start)
                .unwrap_or_default()
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |newline| newline + 1);
            Format::Csv {
                delimiter: sniff_delimiter(text.get(line_start..).unwrap_or_default()),
            }
        }
    };
    Ok(Sniffed {
        format,
        bom_len: bom_len as u64,
        cr_line_breaks: !text.contains(&b'\n') && text.contains(&b'\r'),
    })
}

/// Picks the delimiter that occurs most often outside quotes on the first line; ties go to
/// the comma, then the semicolon, because those are the most common in the wild.
fn sniff_delimiter(line: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    for &byte in line {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            b',' if !in_quotes => commas += 1,
            b';' if !in_quotes => semicolons += 1,
            b'\t' if !in_quotes => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// Reads delimited text with a reused `ByteRecord`, decoding UTF-8 per field so that one badly
/// encoded row does not stop the import.
struct CsvSource {
    reader: csv::Reader<File>,
    record: csv::ByteRecord,
    bom_len: u64,
    lines: LineCounter,
    last_row: u64,
}

/// Works out the line on which each record starts.
///
/// The csv crate's own record position is the line where it *began scanning*, which is wrong
/// after skipped blank lines and, with `\r\n` line breaks, lags one line behind. The position
/// *after* a record is reliable, though, so the start is derived from it: the end line, minus
/// the line breaks inside quoted fields, minus the record's own line break (absent only for a
/// last line without one). This needs `\n` to be the only record terminator, so a `\r` before
/// it ends up at the end of the last field, where trimming removes it.
enum LineCounter {
    Lines {
        file_len: u64,
        ends_with_newline: bool,
    },
    /// Lone `\r` line breaks are not counted by the csv crate, so records are counted
    /// instead; blank lines are then not included in the numbering.
    Records { seen: u64 },
}

impl CsvSource {
    fn open(
        path: &Path,
        mut file: File,
        delimiter: u8,
        sniffed: &Sniffed,
    ) -> Result<(Vec<String>, Source), TableError> {
        let lines = if sniffed.cr_line_breaks {
            LineCounter::Records { seen: 0 }
        } else {
            let file_len = file
                .seek(SeekFrom::End(0))
                .map_err(|e| read_error(path, e))?;
            let mut last = [0u8; 1];
            file.seek(SeekFrom::End(-1))
                .and_then(|_| file.read_exact(&mut last))
                .and_then(|()| file.seek(SeekFrom::Start(sniffed.bom_len)))
                .map_err(|e| read_error(path, e))?;
            LineCounter::Lines {
                file_len,
                ends_with_newline: last[0] == b'\n',
            }
        };
        let terminator = if sniffed.cr_line_breaks {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        // csv::Reader wraps the file in its own buffer, so no BufReader is added here.
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(READ_BUFFER_BYTES)
            .from_reader(file);
        let mut source = CsvSource {
            reader,
            record: csv::ByteRecord::new(),
            bom_len: sniffed.bom_len,
            lines,
            last_row: 0,
        };
        let csv_error = |message: String| TableError::Csv {
            path: path.to_path_buf(),
            message,
        };
        match source.read_record() {
            Ok(true) => {}
            Ok(false) => return Err(no_header(path, "the file contains only blank lines")),
            Err(err) => {
                return Err(csv_error(format!(
                    "the header row could not be read ({})",
                    describe_csv_error(&err)
                )));
            }
        }
        let mut headers = Vec::with_capacity(source.record.len());
        for field in &source.record {
            let name = std::str::from_utf8(field).map_err(|_| {
                csv_error(
                    "the header row is not valid UTF-8 text; save the file again as \
                     \"CSV UTF-8\""
                        .to_owned(),
                )
            })?;
            headers.push(name.trim().to_owned());
        }
        Ok((headers, Source::Csv(source)))
    }

    fn bytes_read(&self) -> u64 {
        self.bom_len + self.reader.position().byte()
    }

    /// Reads the next record that is not a blank line and sets `last_row` to its number.
    fn read_record(&mut self) -> csv::Result<bool> {
        loop {
            if !self.reader.read_byte_record(&mut self.record)? {
                return Ok(false);
            }
            self.last_row = self.record_start_line();
            // With `\n` as the terminator, a blank `\r\n` line arrives as one blank field.
            let blank_line =
                self.record.len() == 1 && self.record.as_slice().trim_ascii().is_empty();
            if !blank_line {
                return Ok(true);
            }
        }
    }

    fn record_start_line(&mut self) -> u64 {
        match &mut self.lines {
            LineCounter::Records { seen } => {
                *seen += 1;
                *seen
            }
            LineCounter::Lines {
                file_len,
                ends_with_newline,
            } => {
                let end = self.reader.position();
                let inner_breaks = self
                    .record
                    .as_slice()
                    .iter()
                    .filter(|&&byte| byte == b'\n')
                    .count() as u64;
                let unterminated = self.bom_len + end.byte() >= *file_len && !*ends_with_newline;
                let own_break = u64::from(!unterminated);
                end.line().saturating_sub(inner_breaks + own_break).max(1)
            }
        }
    }

    fn next_row(
        &mut self,
        headers: &[String],
        out: &mut Vec<Cell>,
    ) -> Result<Option<u64>, RowFailure> {
        match self.read_record() {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(err) => {
                let row = self.last_row + 1;
                self.last_row = row;
                let message = describe_csv_error(&err);
                return Err(if err.is_io_error() {
                    RowFailure::fatal(row, message)
                } else {
                    RowFailure::row(row, message)
                });
            }
        }
        let row = self.last_row;
        let width = headers.len();
        let fields = self.record.len();
        // Trailing empty fields (a delimiter at the end of every line) lose no data, so they
        // are tolerated; anything else past the header would be silently dropped.
        let extra_data = self
            .record
            .iter()
            .skip(width)
            .any(|field| !field.trim_ascii().is_empty());
        if extra_data {
            return Err(RowFailure::row(
                row,
                format!("the row has {fields} fields but the header has {width}"),
            ));
        }
        out.resize(width, Cell::Empty);
        for (index, slot) in out.iter_mut().enumerate() {
            let Some(bytes) = self.record.get(index) else {
                *slot = Cell::Empty;
                continue;
            };
            match std::str::from_utf8(bytes) {
                Ok(text) => set_text(slot, text),
                Err(_) => {
                    let name = headers.get(index).map_or("", String::as_str);
                    return Err(RowFailure::row(
                        row,
                        format!(
                            "the value in column {} (\"{name}\") is not valid UTF-8 text; the \
                             file may have been saved in another encoding, so save it again as \
                             \"CSV UTF-8\"",
                            index + 1
                        ),
                    ));
                }
            }
        }
        Ok(Some(row))
    }
}

/// Stores trimmed text in `slot`, reusing its existing `String` allocation when it has one.
fn set_text(slot: &mut Cell, raw: &str) {
    let value = raw.trim();
    if value.is_empty() {
        *slot = Cell::Empty;
    } else if let Cell::Text(existing) = slot {
        existing.clear();
        existing.push_str(value);
    } else {
        *slot = Cell::Text(value.to_owned());
    }
}

fn describe_csv_error(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Io(source) => {
            format!(
                "the file could not be read further ({})",
                describe_io(source)
            )
        }
        csv::ErrorKind::Utf8 { .. } => "the row is not valid UTF-8 text".to_owned(),
        _ => format!("the row could not be read ({err})"),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON: shared pieces
// ---------------------------------------------------------------------------------------------

/// The header of a JSON file plus a lookup from key to column index.
struct Columns {
    names: Vec<String>,
    lookup: HashMap<String, usize>,
    /// The same columns by their normalised names, for keys spelled differently.
    normalised: HashMap<String, usize>,
}

impl Columns {
    /// Adds each expected column that the first object did not name, and indexes every
    /// column by its normalised name. Returns one empty cell per added column.
    fn add_expected(&mut self, expected: &[&str]) -> usize {
        for (i, name) in self.names.iter().enumerate() {
            self.normalised.entry(normalise_column(name)).or_insert(i);
        }
        let mut added = 0;
        for name in expected {
            let key = normalise_column(name);
            if !self.normalised.contains_key(&key) {
                self.normalised.insert(key, self.names.len());
                self.lookup.insert((*name).to_owned(), self.names.len());
                self.names.push((*name).to_owned());
                added += 1;
            }
        }
        added
    }

    /// Reads the first object, whose keys (in file order) become the header; the object's own
    /// values become the first row.
    fn from_first_object(bytes: &[u8]) -> Result<(Columns, Vec<Cell>), serde_json::Error> {
        let mut columns = Columns {
            names: Vec::new(),
            lookup: HashMap::new(),
            normalised: HashMap::new(),
        };
        let mut cells = Vec::new();
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        HeaderSeed {
            columns: &mut columns,
            cells: &mut cells,
        }
        .deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok((columns, cells))
    }

    /// Parses one object into `out`, which must already have one slot per column.
    fn read_row(&self, bytes: &[u8], out: &mut [Cell]) -> Result<(), serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        RowSeed {
            columns: self,
            cells: out,
        }
        .deserialize(&mut deserializer)?;
        deserializer.end()
    }
}

/// Collects the keys of the first object as the header and its values as the first row.
struct HeaderSeed<'a> {
    columns: &'a mut Columns,
    cells: &'a mut Vec<Cell>,
}

impl<'de> DeserializeSeed<'de> for HeaderSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HeaderSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(CellSeed)?;
            // A repeated key keeps its first position and, like most JSON readers, its last value.
            if let Some(slot) = self
                .columns
                .lookup
                .get(&key)
                .and_then(|&index| self.cells.get_mut(index))
            {
                *slot = value;
            } else {
                self.columns
                    .lookup
                    .insert(key.clone(), self.columns.names.len());
                self.columns.names.push(key);
                self.cells.push(value);
            }
        }
        Ok(())
    }
}

/// Deserialises one object straight into the row, matching keys against the header.
struct RowSeed<'a> {
    columns: &'a Columns,
    cells: &'a mut [Cell],
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut expected = 0;
        while let Some(column) = map.next_key_seed(KeySeed {
            columns: self.columns,
            expected,
        })? {
            match column {
                Some(index) => {
                    let value = map.next_value_seed(CellSeed)?;
                    if let Some(slot) = self.cells.get_mut(index) {
                        *slot = value;
                    }
                    expected = index + 1;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Maps an object key to its column without allocating. Objects usually repeat the header's
/// key order, so the column after the previous one is checked before the hash lookup.
struct KeySeed<'a> {
    columns: &'a Columns,
    expected: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        if self
            .columns
            .names
            .get(self.expected)
            .is_some_and(|name| name == key)
        {
            Ok(Some(self.expected))
        } else if let Some(index) = self.columns.lookup.get(key) {
            Ok(Some(*index))
        } else {
            Ok(self.columns.normalised.get(&normalise_column(key)).copied())
        }
    }
}

/// Turns any JSON value into a [`Cell`].
struct CellSeed;

impl<'de> DeserializeSeed<'de> for CellSeed {
    type Value = Cell;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Cell, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Cell, E> {
        Ok(Cell::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Cell, E> {
        Ok(Cell::Number(value as f64))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Cell, E> {
        Ok(Cell::Number(value as f64))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Cell, E> {
        Ok(Cell::Number(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Cell, E> {
        Ok(text_cell(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Cell, E> {
        if value.trim().len() == value.len() {
            Ok(if value.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(value)
            })
        } else {
            Ok(text_cell(&value))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Empty)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(ListItemSeed)? {
            items.extend(item);
        }
        Ok(if items.is_empty() {
            Cell::Empty
        } else {
            Cell::List(items)
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
        let mut text = String::new();
        write_json_map(&mut text, map)?;
        Ok(Cell::Text(text))
    }
}

/// Renders one element of a JSON list as text; `null` and blank strings are dropped.
struct ListItemSeed;

impl<'de> DeserializeSeed<'de> for ListItemSeed {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListItemSeed {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Option<String>, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Option<String>, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Option<String>, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Option<String>, E> {
        Ok(Some(format_number(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Option<String>, E> {
        let value = value.trim();
        Ok((!value.is_empty()).then(|| value.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<String>, A::Error> {
        let mut text = String::new();
        write_json_seq(&mut text, seq)?;
        Ok(Some(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<String>, A::Error> {
        let mut text = String::new();
        write_json_map(&mut text, map)?;
        Ok(Some(text))
    }
}

/// Re-serialises a nested JSON value as compact text while keeping the file's key order,
/// which a round trip through `serde_json::Value` would not (its map is sorted by default).
struct JsonTextSeed<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for JsonTextSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonTextSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.0.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        self.0.push_str(&value.to_string());
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        self.0.push_str(&value.to_string());
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        match serde_json::Number::from_f64(value) {
            Some(number) => self.0.push_str(&number.to_string()),
            None => self.0.push_str("null"),
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        push_json_string(self.0, value);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.push_str("null");
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        write_json_seq(self.0, seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        write_json_map(self.0, map)
    }
}

fn write_json_seq<'de, A: SeqAccess<'de>>(out: &mut String, mut seq: A) -> Result<(), A::Error> {
    out.push('[');
    let mut first = true;
    loop {
        let mark = out.len();
        if !first {
            out.push(',');
        }
        if seq.next_element_seed(JsonTextSeed(out))?.is_none() {
            out.truncate(mark);
            break;
        }
        first = false;
    }
    out.push(']');
    Ok(())
}

fn write_json_map<'de, A: MapAccess<'de>>(out: &mut String, mut map: A) -> Result<(), A::Error> {
    out.push('{');
    let mut first = true;
    loop {
        let mark = out.len();
        if !first {
            out.push(',');
        }
        if map.next_key_seed(JsonTextSeed(out))?.is_none() {
            out.truncate(mark);
            break;
        }
        out.push(':');
        map.next_value_seed(JsonTextSeed(out))?;
        first = false;
    }
    out.push('}');
    Ok(())
}

fn push_json_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Names the kind of JSON value that starts with `first`, for "not an object" messages.
fn json_kind(first: u8) -> Option<&'static str> {
    match first {
        b'{' => Some("an object"),
        b'[' => Some("a list"),
        b'"' => Some("a piece of text"),
        b't' | b'f' => Some("a true/false value"),
        b'n' => Some("null"),
        b'-' | b'0'..=b'9' => Some("a number"),
        _ => None,
    }
}

/// Where in the file a JSON parse error happened, for messages.
enum JsonPlace {
    /// A JSON Lines line: the line is the row number, so only the column is worth saying.
    Line,
    /// An element of an array that started at this line and column of the file.
    Element { line: u64, column: u64 },
}

/// Rewrites a `serde_json` error as plain words with a position in the file (not in the
/// fragment that was parsed).
fn describe_json_error(err: &serde_json::Error, place: &JsonPlace) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let text = full.strip_suffix(&suffix).unwrap_or(&full);
    let text = text.replace("EOF while parsing", "the text ends in the middle of");
    let (line, column) = (err.line() as u64, err.column() as u64);
    match place {
        JsonPlace::Line => format!("{text} at column {column}"),
        JsonPlace::Element {
            line: start_line,
            column: start_column,
        } => {
            let (line, column) = if line <= 1 {
                (*start_line, start_column + column.saturating_sub(1))
            } else {
                (start_line + line - 1, column)
            };
            format!("{text} at line {line}, column {column}")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------------------------

/// Reads one object per line into a reused line buffer.
struct JsonLinesSource {
    reader: BufReader<File>,
    line: Vec<u8>,
    line_number: u64,
    bytes_read: u64,
    columns: Columns,
    /// The first object, already parsed to learn the header, waiting to be returned as a row.
    pending: Option<(u64, Vec<Cell>)>,
}

impl JsonLinesSource {
    fn open(
        path: &Path,
        file: File,
        bom_len: u64,
        expected: &[&str],
    ) -> Result<(Vec<String>, Source), TableError> {
        let mut source = JsonLinesSource {
            reader: BufReader::with_capacity(READ_BUFFER_BYTES, file),
            line: Vec::new(),
            line_number: 0,
            bytes_read: bom_len,
            columns: Columns {
                names: Vec::new(),
                lookup: HashMap::new(),
                normalised: HashMap::new(),
            },
            pending: None,
        };
        let json_error = |message: String| TableError::Json {
            path: path.to_path_buf(),
            message,
        };
        loop {
            if !source.read_line().map_err(|err| read_error(path, err))? {
                return Err(no_header(path, "the file contains only blank lines"));
            }
            if !source.line.trim_ascii().is_empty() {
                break;
            }
        }
        let line_number = source.line_number;
        let (mut columns, mut cells) = Columns::from_first_object(&source.line).map_err(|err| {
            json_error(format!(
                "line {line_number} is not a valid JSON object ({}); each line must hold one \
                 complete object",
                describe_json_error(&err, &JsonPlace::Line)
            ))
        })?;
        if columns.names.is_empty() {
            return Err(no_header(path, "the first JSON object has no fields"));
        }
        let added = columns.add_expected(expected);
        cells.extend(std::iter::repeat_n(Cell::Empty, added));
        let headers = columns.names.clone();
        source.columns = columns;
        source.pending = Some((line_number, cells));
        Ok((headers, Source::JsonLines(source)))
    }

    /// Reads the next line into `self.line`; returns false at the end of the file.
    fn read_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        let read = self.reader.read_until(b'\n', &mut self.line)?;
        self.bytes_read += read as u64;
        if read == 0 {
            return Ok(false);
        }
        self.line_number += 1;
        // Parse errors should point into the line, not at its line break.
        if self.line.last() == Some(&b'\n') {
            self.line.pop();
            if self.line.last() == Some(&b'\r') {
                self.line.pop();
            }
        }
        Ok(true)
    }

    fn next_row(&mut self, width: usize, out: &mut Vec<Cell>) -> Result<Option<u64>, RowFailure> {
        if let Some((row, cells)) = self.pending.take() {
            *out = cells;
            out.resize(width, Cell::Empty);
            return Ok(Some(row));
        }
        loop {
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                Err(err) => {
                    return Err(RowFailure::fatal(
                        self.line_number + 1,
                        format!("the file could not be read further ({})", describe_io(&err)),
                    ));
                }
            }
            let row = self.line_number;
            let Some(&first) = self.line.trim_ascii_start().first() else {
                continue;
            };
            if first != b'{' {
                let message = match json_kind(first) {
                    Some(kind) => format!("the line holds {kind} instead of a JSON object"),
                    None => "the line is not valid JSON (it should start with `{`)".to_owned(),
                };
                return Err(RowFailure::row(row, message));
            }
            out.clear();
            out.resize(width, Cell::Empty);
            return match self.columns.read_row(&self.line, out) {
                Ok(()) => Ok(Some(row)),
                Err(err) => Err(RowFailure::row(
                    row,
                    format!(
                        "the JSON object is not valid: {}",
                        describe_json_error(&err, &JsonPlace::Line)
                    ),
                )),
            };
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON array
// ---------------------------------------------------------------------------------------------

/// A buffered reader that knows its byte offset, line and column, so that JSON errors can be
/// located in the file rather than in the element being parsed.
struct JsonScanner {
    reader: BufReader<File>,
    offset: u64,
    line: u64,
    line_start: u64,
}

impl JsonScanner {
    fn column(&self) -> u64 {
        self.offset - self.line_start + 1
    }

    /// Returns the next byte that is not whitespace, consuming the whitespace but not the byte.
    fn peek_significant(&mut self) -> io::Result<Option<u8>> {
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(None);
            }
            let skip = buffer
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(buffer.len());
            let next = buffer.get(skip).copied();
            track_lines(
                &buffer[..skip],
                &mut self.offset,
                &mut self.line,
                &mut self.line_start,
            );
            self.reader.consume(skip);
            if next.is_some() {
                return Ok(next);
            }
        }
    }

    /// Consumes one byte previously returned by [`JsonScanner::peek_significant`], which is
    /// never a newline.
    fn bump(&mut self) {
        self.reader.consume(1);
        self.offset += 1;
    }

    /// Copies one complete JSON value into `out`; returns false if the file ends inside it.
    fn read_value(&mut self, out: &mut Vec<u8>) -> io::Result<bool> {
        out.clear();
        let mut framer = Framer::default();
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(framer.scalar);
            }
            let (take, complete) = match framer.feed(buffer) {
                Some(end) => (end, true),
                None => (buffer.len(), false),
            };
            out.extend_from_slice(&buffer[..take]);
            track_lines(
                &buffer[..take],
                &mut self.offset,
                &mut self.line,
                &mut self.line_start,
            );
            self.reader.consume(take);
            if complete {
                return Ok(true);
            }
        }
    }
}

fn track_lines(consumed: &[u8], offset: &mut u64, line: &mut u64, line_start: &mut u64) {
    for (index, _) in consumed.iter().enumerate().filter(|(_, b)| **b == b'\n') {
        *line += 1;
        *line_start = *offset + index as u64 + 1;
    }
    *offset += consumed.len() as u64;
}

/// Finds where one JSON value ends by following strings and bracket depth; it does not
/// validate, which is left to `serde_json` once the value is cut out.
#[derive(Default)]
struct Framer {
    started: bool,
    /// The value is a number or literal, which ends at the first delimiter or whitespace.
    scalar: bool,
    depth: u32,
    in_string: bool,
    escaped: bool,
}

impl Framer {
    /// Returns the index just past the end of the value if it ends within `bytes`.
    fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        for (index, &byte) in bytes.iter().enumerate() {
            if !self.started {
                self.started = true;
                self.scalar = !matches!(byte, b'{' | b'[' | b'"');
            }
            if self.scalar {
                if matches!(byte, b',' | b']' | b'}') || byte.is_ascii_whitespace() {
                    return Some(index);
                }
                continue;
            }
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                    if self.depth == 0 {
                        return Some(index + 1);
                    }
                }
                continue;
            }
            match byte {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Some(index + 1);
                    }
                }
                _ => {}
            }
        }
        None
    }
}

/// An element that was cut out of the array, with where it starts in the file.
struct Element {
    index: u64,
    line: u64,
    column: u64,
}

/// Reads a top-level JSON array element by element.
struct JsonArraySource {
    scanner: JsonScanner,
    element: Vec<u8>,
    elements_seen: u64,
    /// True once an element has been read and a `,` or `]` must follow.
    after_element: bool,
    columns: Columns,
    pending: Option<Vec<Cell>>,
}

impl JsonArraySource {
    fn open(
        path: &Path,
        file: File,
        bom_len: u64,
        expected: &[&str],
    ) -> Result<(Vec<String>, Source), TableError> {
        let json_error = |message: String| TableError::Json {
            path: path.to_path_buf(),
            message,
        };
        let mut source = JsonArraySource {
            scanner: JsonScanner {
                reader: BufReader::with_capacity(READ_BUFFER_BYTES, file),
                offset: bom_len,
                line: 1,
                line_start: bom_len,
            },
            element: Vec::new(),
            elements_seen: 0,
            after_element: false,
            columns: Columns {
                names: Vec::new(),
                lookup: HashMap::new(),
                normalised: HashMap::new(),
            },
            pending: None,
        };
        match source.scanner.peek_significant() {
            Ok(Some(b'[')) => source.scanner.bump(),
            Ok(_) => return Err(json_error("the file does not start with `[`".to_owned())),
            Err(err) => return Err(read_error(path, err)),
        }
        let element = match source.next_element() {
            Ok(Some(element)) => element,
            Ok(None) => return Err(no_header(path, "the JSON list is empty")),
            Err(message) => return Err(json_error(message)),
        };
        match source.element.first().copied() {
            Some(b'{') => {}
            first => {
                let kind = first.and_then(json_kind).unwrap_or("not valid JSON");
                return Err(json_error(format!(
                    "the first element of the list is {kind}; each element must be a JSON \
                     object with named fields, such as {{\"name\": \"Example\"}}"
                )));
            }
        }
        let (mut columns, mut cells) =
            Columns::from_first_object(&source.element).map_err(|err| {
                json_error(format!(
                    "element 1 of the list is not a valid JSON object: {}",
                    describe_json_error(
                        &err,
                        &JsonPlace::Element {
                            line: element.line,
                            column: element.column,
                        }
                    )
                ))
            })?;
        if columns.names.is_empty() {
            return Err(no_header(path, "the first JSON object has no fields"));
        }
        let added = columns.add_expected(expected);
        cells.extend(std::iter::repeat_n(Cell::Empty, added));
        let headers = columns.names.clone();
        source.columns = columns;
        source.pending = Some(cells);
        Ok((headers, Source::JsonArray(source)))
    }

    /// Cuts the next element into `self.element`. `Ok(None)` is the end of the array; `Err`
    /// is damage to the array's structure after which nothing more can be read.
    fn next_element(&mut self) -> Result<Option<Element>, String> {
        let io_message =
            |err: io::Error| format!("the file could not be read further ({})", describe_io(&err));
        if self.after_element {
            match self.scanner.peek_significant().map_err(io_message)? {
                Some(b',') => self.scanner.bump(),
                Some(b']') => {
                    self.scanner.bump();
                    return self.check_end();
                }
                Some(other) => {
                    return Err(format!(
                        "after element {} a `,` or `]` was expected at line {}, column {}, but \
                         the file has `{}`",
                        self.elements_seen,
                        self.scanner.line,
                        self.scanner.column(),
                        char::from(other).escape_default()
                    ));
                }
                None => return Err(cut_off_message()),
            }
        }
        match self.scanner.peek_significant().map_err(io_message)? {
            // `]` right after `[` or after a trailing comma: the array ends.
            Some(b']') => {
                self.scanner.bump();
                return self.check_end();
            }
            Some(_) => {}
            None => return Err(cut_off_message()),
        }
        let (line, column) = (self.scanner.line, self.scanner.column());
        let index = self.elements_seen + 1;
        if !self
            .scanner
            .read_value(&mut self.element)
            .map_err(io_message)?
        {
            return Err(format!(
                "the file ends in the middle of element {index}, which starts at line {line}, \
                 column {column}; the file may be cut off"
            ));
        }
        self.elements_seen = index;
        self.after_element = true;
        Ok(Some(Element {
            index,
            line,
            column,
        }))
    }

    /// Checks that nothing but whitespace follows the closing `]`, so that a second array
    /// glued after the first is reported instead of silently ignored.
    fn check_end(&mut self) -> Result<Option<Element>, String> {
        match self.scanner.peek_significant() {
            Ok(None) => Ok(None),
            Ok(Some(_)) => Err(format!(
                "there is more text after the closing `]` of the list, at line {}, column {}",
                self.scanner.line,
                self.scanner.column()
            )),
            Err(err) => Err(format!(
                "the file could not be read further ({})",
                describe_io(&err)
            )),
        }
    }

    fn next_row(&mut self, width: usize, out: &mut Vec<Cell>) -> Result<Option<u64>, RowFailure> {
        if let Some(cells) = self.pending.take() {
            *out = cells;
            out.resize(width, Cell::Empty);
            return Ok(Some(1));
        }
        let element = match self.next_element() {
            Ok(Some(element)) => element,
            Ok(None) => return Ok(None),
            Err(message) => return Err(RowFailure::fatal(self.elements_seen + 1, message)),
        };
        let row = element.index;
        match self.element.first().copied() {
            Some(b'{') => {}
            None => {
                return Err(RowFailure::row(
                    row,
                    "the list element is missing (there are two commas in a row)",
                ));
            }
            Some(first) => {
                let message = match json_kind(first) {
                    Some(kind) => format!("the list element is {kind} instead of a JSON object"),
                    None => "the list element is not valid JSON".to_owned(),
                };
                return Err(RowFailure::row(row, message));
            }
        }
        out.clear();
        out.resize(width, Cell::Empty);
        match self.columns.read_row(&self.element, out) {
            Ok(()) => Ok(Some(row)),
            Err(err) => Err(RowFailure::row(
                row,
                format!(
                    "the JSON object is not valid: {}",
                    describe_json_error(
                        &err,
                        &JsonPlace::Element {
                            line: element.line,
                            column: element.column,
                        }
                    )
                ),
            )),
        }
    }
}

fn cut_off_message() -> String {
    "the file ends before the closing `]` of the list; it may be cut off".to_owned()
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

/// Wraps the workbook file to publish how far into it the worker has read.
struct CountingReader {
    inner: File,
    position: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.position.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

impl Seek for CountingReader {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let position = self.inner.seek(pos)?;
        self.position.store(position, Ordering::Relaxed);
        Ok(position)
    }
}

type Workbook = Xlsx<BufReader<CountingReader>>;

/// What the worker thread tells the reader.
enum SheetMessage {
    Header(Vec<String>),
    NoHeader,
    Rows(Vec<SheetRow>),
    Failed(String),
    End,
}

struct SheetRow {
    number: u64,
    cells: Vec<Cell>,
}

/// Receives rows of the first sheet from the worker thread that owns the workbook.
struct XlsxSource {
    receiver: Receiver<SheetMessage>,
    batch: std::vec::IntoIter<SheetRow>,
    position: Arc<AtomicU64>,
    last_row: u64,
    /// Tells the worker to stop even while it is skipping empty rows and has nothing to send.
    cancelled: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
}

impl XlsxSource {
    fn open(path: &Path, file: File) -> Result<(Vec<String>, Source), TableError> {
        let xlsx_error = |message: String| TableError::Xlsx {
            path: path.to_path_buf(),
            message,
        };
        let position = Arc::new(AtomicU64::new(0));
        let reader = BufReader::with_capacity(
            READ_BUFFER_BYTES,
            CountingReader {
                inner: file,
                position: Arc::clone(&position),
            },
        );
        let workbook: Workbook =
            Xlsx::new(reader).map_err(|err| xlsx_error(describe_xlsx_error(&err)))?;
        let Some(sheet) = workbook.sheet_names().into_iter().next() else {
            return Err(TableError::NoSheets {
                path: path.to_path_buf(),
            });
        };
        let (sender, receiver) = mpsc::sync_channel(XLSX_QUEUED_BATCHES);
        let cancelled = Arc::new(AtomicBool::new(false));
        let worker_cancelled = Arc::clone(&cancelled);
        let worker = thread::Builder::new()
            .name("xlsx-reader".to_owned())
            .spawn(move || run_sheet_worker(workbook, &sheet, &sender, &worker_cancelled))
            .map_err(|err| {
                xlsx_error(format!(
                    "a background reader could not be started ({})",
                    describe_io(&err)
                ))
            })?;
        let source = XlsxSource {
            receiver,
            batch: Vec::new().into_iter(),
            position,
            last_row: 1,
            cancelled,
            worker: Some(worker),
        };
        let headers = match source.receiver.recv() {
            Ok(SheetMessage::Header(headers)) => headers,
            Ok(SheetMessage::NoHeader | SheetMessage::End) => {
                return Err(no_header(path, "the first sheet is empty"));
            }
            Ok(SheetMessage::Failed(message)) => return Err(xlsx_error(message)),
            Ok(SheetMessage::Rows(_)) | Err(_) => {
                return Err(xlsx_error(
                    "the background reader stopped unexpectedly".to_owned(),
                ));
            }
        };
        Ok((headers, Source::Xlsx(source)))
    }

    fn next_row(&mut self, out: &mut Vec<Cell>) -> Result<Option<u64>, RowFailure> {
        loop {
            if let Some(row) = self.batch.next() {
                *out = row.cells;
                self.last_row = row.number;
                return Ok(Some(row.number));
            }
            match self.receiver.recv() {
                Ok(SheetMessage::Rows(rows)) => self.batch = rows.into_iter(),
                Ok(SheetMessage::End | SheetMessage::NoHeader) => return Ok(None),
                Ok(SheetMessage::Failed(message)) => {
                    return Err(RowFailure::fatal(self.last_row + 1, message));
                }
                Ok(SheetMessage::Header(_)) | Err(_) => {
                    return Err(RowFailure::fatal(
                        self.last_row + 1,
                        "the spreadsheet reader stopped unexpectedly",
                    ));
                }
            }
        }
    }
}

impl Drop for XlsxSource {
    fn drop(&mut self) {
        // The flag stops the worker at its next row and dropping the receiver wakes it if it is
        // blocked on a full channel; joining then guarantees the file is closed once the reader
        // is gone (Windows keeps open files locked).
        self.cancelled.store(true, Ordering::Relaxed);
        let (_, idle) = mpsc::sync_channel(0);
        drop(std::mem::replace(&mut self.receiver, idle));
        if let Some(worker) = self.worker.take() {
            // A worker panic shows up as a failed row while reading; here nobody is left to tell.
            let _ = worker.join();
        }
    }
}

/// Why the worker stopped early.
enum WorkerStop {
    /// The reader was dropped; nobody is listening any more.
    Disconnected,
    /// The sheet could not be read; the message is for the user.
    Failed(String),
}

fn run_sheet_worker(
    mut workbook: Workbook,
    sheet: &str,
    sender: &SyncSender<SheetMessage>,
    cancelled: &AtomicBool,
) {
    let last = match stream_sheet(&mut workbook, sheet, sender, cancelled) {
        Ok(true) => SheetMessage::End,
        Ok(false) => SheetMessage::NoHeader,
        Err(WorkerStop::Failed(message)) => SheetMessage::Failed(message),
        Err(WorkerStop::Disconnected) => return,
    };
    // If the reader has gone there is nobody left to tell.
    let _ = sender.send(last);
}

/// Streams the sheet's cells into rows; returns whether a header row was found.
fn stream_sheet(
    workbook: &mut Workbook,
    sheet: &str,
    sender: &SyncSender<SheetMessage>,
    cancelled: &AtomicBool,
) -> Result<bool, WorkerStop> {
    let failed = |err: XlsxError| WorkerStop::Failed(describe_xlsx_error(&err));
    let mut cells = workbook.worksheet_cells_reader(sheet).map_err(failed)?;
    let mut rows = RowAssembler {
        sender,
        cancelled,
        width: None,
        batch: Vec::with_capacity(XLSX_BATCH_ROWS),
        row_index: None,
        row: Vec::new(),
        has_value: false,
    };
    while let Some(cell) = cells.next_cell().map_err(failed)? {
        let (row, column) = cell.get_position();
        if rows.row_index != Some(row) {
            rows.finish_row()?;
            rows.row_index = Some(row);
        }
        rows.put(column, cell.get_value());
    }
    rows.finish_row()?;
    rows.flush()?;
    Ok(rows.width.is_some())
}

/// Groups cells, which calamine yields one at a time, into rows and sends them in batches.
struct RowAssembler<'a> {
    sender: &'a SyncSender<SheetMessage>,
    cancelled: &'a AtomicBool,
    /// The header width once the header row has been seen.
    width: Option<usize>,
    batch: Vec<SheetRow>,
    /// Zero-based index of the row being assembled.
    row_index: Option<u32>,
    row: Vec<Cell>,
    has_value: bool,
}

impl RowAssembler<'_> {
    fn put(&mut self, column: u32, value: &DataRef<'_>) {
        let Ok(column) = usize::try_from(column) else {
            return;
        };
        // Cells right of the header have no column name to belong to.
        if self.width.is_some_and(|width| column >= width) {
            return;
        }
        let cell = xlsx_cell(value);
        if cell.is_empty() {
            return;
        }
        if self.row.len() <= column {
            self.row.resize(column + 1, Cell::Empty);
        }
        if let Some(slot) = self.row.get_mut(column) {
            *slot = cell;
            self.has_value = true;
        }
    }

    /// Completes the current row. Rows without any value are skipped: sheets often carry
    /// thousands of formatted but empty rows.
    fn finish_row(&mut self) -> Result<(), WorkerStop> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(WorkerStop::Disconnected);
        }
        let Some(index) = self.row_index.take() else {
            return Ok(());
        };
        if !std::mem::take(&mut self.has_value) {
            self.row.clear();
            return Ok(());
        }
        let number = u64::from(index) + 1;
        match self.width {
            None => {
                let headers: Vec<String> = self.row.drain(..).map(|c| c.to_string()).collect();
                self.width = Some(headers.len());
                self.send(SheetMessage::Header(headers))
            }
            Some(width) => {
                let mut cells = std::mem::replace(&mut self.row, Vec::with_capacity(width));
                cells.resize(width, Cell::Empty);
                self.batch.push(SheetRow { number, cells });
                if self.batch.len() >= XLSX_BATCH_ROWS {
                    self.flush()?;
                }
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> Result<(), WorkerStop> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(XLSX_BATCH_ROWS));
        self.send(SheetMessage::Rows(batch))
    }

    fn send(&self, message: SheetMessage) -> Result<(), WorkerStop> {
        self.sender
            .send(message)
            .map_err(|_| WorkerStop::Disconnected)
    }
}

fn xlsx_cell(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(number) => Cell::Number(*number as f64),
        DataRef::Float(number) => Cell::Number(*number),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text_cell(text)
        }
        DataRef::SharedString(text) => text_cell(text),
        DataRef::Bool(flag) => Cell::Bool(*flag),
        DataRef::DateTime(value) => excel_datetime(value)
            .map_or_else(|| Cell::Text(format_number(value.as_f64())), Cell::DateTime),
        DataRef::Error(error) => Cell::Text(error.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

/// Converts an Excel date cell with calamine's own calendar arithmetic (which handles the
/// 1904 date system and Excel's fictitious 1900-02-29), without needing calamine's optional
/// chrono feature. Durations and serials outside the years 1900-9999 are not dates.
fn excel_datetime(value: &calamine::ExcelDateTime) -> Option<NaiveDateTime> {
    if value.is_duration() || !(1.0..EXCEL_MAX_SERIAL).contains(&value.as_f64()) {
        return None;
    }
    let (year, month, day, hour, minute, second, milli) = value.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))?.and_hms_milli_opt(
        u32::from(hour),
        u32::from(minute),
        u32::from(second),
        u32::from(milli),
    )
}

fn describe_xlsx_error(err: &XlsxError) -> String {
    match err {
        XlsxError::Password => {
            "the workbook is protected with a password; remove the password in Excel and try \
             again"
                .to_owned()
        }
        XlsxError::Io(source) => format!("reading it failed ({})", describe_io(source)),
        other => format!("the workbook is damaged or is not an Excel .xlsx file ({other})"),
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/// Trims text and turns blank text into [`Cell::Empty`], the rule shared by every format.
fn text_cell(raw: &str) -> Cell {
    let value = raw.trim();
    if value.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(value.to_owned())
    }
}

/// Formats a number the way a spreadsheet shows it by default: `12`, not `12.0`.
fn format_number(value: f64) -> String {
    if value == 0.0 {
        // Avoids "-0".
        "0".to_owned()
    } else {
        value.to_string()
    }
}

fn no_header(path: &Path, reason: &str) -> TableError {
    TableError::NoHeader {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    }
}

fn read_error(path: &Path, source: io::Error) -> TableError {
    TableError::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// Explains an I/O error in plain words; the operating system's own text is the fallback.
fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "the file does not exist".to_owned(),
        io::ErrorKind::PermissionDenied => "permission to read it was denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        io::ErrorKind::UnexpectedEof => "the file ended unexpectedly".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use tempfile::TempDir;

    type Outcome = Result<(u64, Vec<Cell>), RowError>;

    fn fixture(dir: &TempDir, name: &str, content: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write fixture");
        path
    }

    fn open_bytes(name: &str, content: &[u8]) -> (TempDir, TableReader) {
        let dir = TempDir::new().expect("tempdir");
        let path = fixture(&dir, name, content);
        let reader = TableReader::open(&path).expect("open fixture");
        (dir, reader)
    }

    fn open_error(name: &str, content: &[u8]) -> TableError {
        let dir = TempDir::new().expect("tempdir");
        let path = fixture(&dir, name, content);
        TableReader::open(&path).expect_err("the file should be rejected")
    }

    /// Reads to the end and checks that the end is sticky.
    fn read_all(reader: &mut TableReader) -> Vec<Outcome> {
        let mut outcomes = Vec::new();
        let mut row = Vec::new();
        loop {
            match reader.next_row(&mut row) {
                Ok(Some(number)) => {
                    assert_eq!(row.len(), reader.headers().len());
                    outcomes.push(Ok((number, row.clone())));
                }
                Ok(None) => break,
                Err(err) => outcomes.push(Err(err)),
            }
            assert!(outcomes.len() < 1_000_000, "reader does not terminate");
        }
        for _ in 0..3 {
            assert_eq!(reader.next_row(&mut row), Ok(None));
            assert!(row.is_empty());
        }
        assert_eq!(reader.bytes_read(), reader.total_bytes());
        outcomes
    }

    fn text(value: &str) -> Cell {
        Cell::Text(value.to_owned())
    }

    fn ok_row(outcome: &Outcome) -> (u64, &[Cell]) {
        match outcome {
            Ok((number, cells)) => (*number, cells),
            Err(err) => panic!("expected a row, got error: {err}"),
        }
    }

    fn err_row(outcome: &Outcome) -> &RowError {
        match outcome {
            Ok((number, cells)) => panic!("expected an error, got row {number}: {cells:?}"),
            Err(err) => err,
        }
    }

    #[test]
    fn reader_can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<TableReader>();
        assert_send::<TableError>();
    }

    #[test]
    fn format_display_names() {
        assert_eq!(Format::Csv { delimiter: b',' }.to_string(), "CSV (comma)");
        assert_eq!(
            Format::Csv { delimiter: b';' }.to_string(),
            "CSV (semicolon)"
        );
        assert_eq!(Format::Csv { delimiter: b'\t' }.to_string(), "CSV (tab)");
        assert_eq!(Format::Csv { delimiter: b'|' }.to_string(), "CSV (|)");
        assert_eq!(Format::Json.to_string(), "JSON");
        assert_eq!(Format::JsonLines.to_string(), "JSON Lines");
        assert_eq!(Format::Xlsx.to_string(), "XLSX");
    }

    #[test]
    fn normalise_column_ignores_case_spacing_and_separators() {
        assert_eq!(normalise_column("Has Profile-Picture"), "hasprofilepicture");
        assert_eq!(
            normalise_column("  has_profile_picture "),
            "hasprofilepicture"
        );
        assert_eq!(normalise_column("\u{feff}Follower Count"), "followercount");
        assert_eq!(normalise_column("E-MAIL\t"), "email");
        assert_eq!(normalise_column(""), "");
    }

    #[test]
    fn csv_comma_is_detected_and_read() {
        let (_dir, mut reader) = open_bytes("s.txt", b"Handle,Followers\nalice,10\nbob,20\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b',' });
        assert_eq!(reader.headers(), ["Handle", "Followers"]);
        assert_eq!(reader.find_column("followers"), Some(1));
        assert_eq!(reader.find_column("missing"), None);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 2);
        assert_eq!(ok_row(&rows[0]), (2, &[text("alice"), text("10")][..]));
        assert_eq!(ok_row(&rows[1]), (3, &[text("bob"), text("20")][..]));
    }

    #[test]
    fn csv_semicolon_is_detected_even_with_decimal_commas() {
        let (_dir, mut reader) = open_bytes("s.csv", b"name;rate;url\nalice;1,5;x\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b';' });
        let rows = read_all(&mut reader);
        assert_eq!(ok_row(&rows[0]).1, [text("alice"), text("1,5"), text("x")]);
    }

    #[test]
    fn csv_tab_is_detected() {
        let (_dir, mut reader) = open_bytes("s.tsv", b"name\tfollowers, total\tbio\na\t1\tb, c\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b'\t' });
        assert_eq!(reader.headers(), ["name", "followers, total", "bio"]);
        let rows = read_all(&mut reader);
        assert_eq!(ok_row(&rows[0]).1, [text("a"), text("1"), text("b, c")]);
    }

    #[test]
    fn csv_delimiters_inside_quotes_do_not_count() {
        let (_dir, reader) = open_bytes("s.csv", b"\"a,b\";\"c,d\";e\n1;2;3\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b';' });
        assert_eq!(reader.headers(), ["a,b", "c,d", "e"]);
        let (_dir, reader) = open_bytes("s.csv", b"single column\nvalue\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b',' });
        let (_dir, reader) = open_bytes("s.csv", b"a;b,c\n");
        assert_eq!(
            reader.format(),
            Format::Csv { delimiter: b',' },
            "ties go to comma"
        );
    }

    #[test]
    fn csv_bom_is_stripped() {
        let (_dir, mut reader) = open_bytes("bom.csv", b"\xEF\xBB\xBFName,Value\nx,1\n");
        assert_eq!(reader.headers(), ["Name", "Value"]);
        let rows = read_all(&mut reader);
        assert_eq!(ok_row(&rows[0]), (2, &[text("x"), text("1")][..]));
    }

    #[test]
    fn csv_header_that_starts_with_a_bracket_is_still_csv() {
        let (_dir, reader) = open_bytes("s.csv", b"[ID],Name\n1,a\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b',' });
        let (_dir, reader) = open_bytes("s.csv", b"{id};name\n1;a\n");
        assert_eq!(reader.format(), Format::Csv { delimiter: b';' });
    }

    #[test]
    fn csv_quoted_fields_and_multiline_records_keep_their_starting_line() {
        let content = b"id,note\n1,\"hello, world\"\n2,\"line one\nline two\"\n\n3,plain\n";
        let (_dir, mut reader) = open_bytes("q.csv", content);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            ok_row(&rows[0]),
            (2, &[text("1"), text("hello, world")][..])
        );
        assert_eq!(
            ok_row(&rows[1]),
            (3, &[text("2"), text("line one\nline two")][..])
        );
        // Line 5 is blank, so the third record starts on line 6.
        assert_eq!(ok_row(&rows[2]), (6, &[text("3"), text("plain")][..]));
    }

    #[test]
    fn csv_windows_line_breaks_keep_row_numbers() {
        let content = b"a,b\r\n1,\"x\"\r\n\r\n2,\"m\r\nn\"\r\n3,z";
        let (_dir, mut reader) = open_bytes("crlf.csv", content);
        assert_eq!(reader.headers(), ["a", "b"]);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 3);
        assert_eq!(ok_row(&rows[0]), (2, &[text("1"), text("x")][..]));
        assert_eq!(ok_row(&rows[1]), (4, &[text("2"), text("m\r\nn")][..]));
        assert_eq!(ok_row(&rows[2]), (6, &[text("3"), text("z")][..]));
    }

    #[test]
    fn csv_old_mac_line_breaks_count_records() {
        let (_dir, mut reader) = open_bytes("cr.csv", b"a;b\r1;2\r3;4\r");
        assert_eq!(reader.format(), Format::Csv { delimiter: b';' });
        let rows = read_all(&mut reader);
        assert_eq!(ok_row(&rows[0]), (2, &[text("1"), text("2")][..]));
        assert_eq!(ok_row(&rows[1]), (3, &[text("3"), text("4")][..]));
    }

    #[test]
    fn csv_blank_cells_are_empty_and_text_is_trimmed() {
        let (_dir, mut reader) = open_bytes("w.csv", b" a , b ,c\n  ,  x  ,\n");
        assert_eq!(reader.headers(), ["a", "b", "c"]);
        let rows = read_all(&mut reader);
        assert_eq!(ok_row(&rows[0]).1, [Cell::Empty, text("x"), Cell::Empty]);
    }

    #[test]
    fn csv_short_rows_are_padded_and_long_rows_are_reported() {
        let content = b"a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n7,8,9\n";
        let (_dir, mut reader) = open_bytes("r.csv", content);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 4);
        assert_eq!(
            ok_row(&rows[0]),
            (2, &[text("1"), text("2"), Cell::Empty][..])
        );
        let error = err_row(&rows[1]);
        assert_eq!(error.row, 3);
        assert_eq!(error.message, "the row has 4 fields but the header has 3");
        assert_eq!(
            error.to_string(),
            "row 3: the row has 4 fields but the header has 3"
        );
        // Trailing empty fields lose nothing and are accepted.
        assert_eq!(
            ok_row(&rows[2]),
            (4, &[text("1"), text("2"), text("3")][..])
        );
        assert_eq!(
            ok_row(&rows[3]),
            (5, &[text("7"), text("8"), text("9")][..])
        );
    }

    #[test]
    fn csv_invalid_utf8_is_a_row_error_and_reading_continues() {
        let content = b"handle,bio\nok,1\nbad,\xff\xfe\nfine,3\n";
        let (_dir, mut reader) = open_bytes("u.csv", content);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 3);
        assert_eq!(ok_row(&rows[0]).0, 2);
        let error = err_row(&rows[1]);
        assert_eq!(error.row, 3);
        assert!(error.message.contains("column 2 (\"bio\")"), "{error}");
        assert!(error.message.contains("UTF-8"), "{error}");
        assert_eq!(ok_row(&rows[2]), (4, &[text("fine"), text("3")][..]));
    }

    #[test]
    fn csv_header_that_is_not_utf8_is_rejected() {
        let error = open_error("latin1.csv", b"Pr\xe9nom,Nom\nA,B\n");
        assert!(matches!(error, TableError::Csv { .. }), "{error:?}");
        assert!(error.to_string().contains("CSV UTF-8"), "{error}");
    }

    #[test]
    fn csv_with_only_a_header_has_no_rows() {
        let (_dir, mut reader) = open_bytes("h.csv", b"a,b\n");
        assert!(read_all(&mut reader).is_empty());
    }

    #[test]
    fn csv_text_buffers_are_reused_between_rows() {
        let (_dir, mut reader) = open_bytes("r.csv", b"a,b\nlong text value,x\nshort,\n");
        let mut row = Vec::new();
        assert_eq!(reader.next_row(&mut row), Ok(Some(2)));
        assert_eq!(reader.next_row(&mut row), Ok(Some(3)));
        assert_eq!(row, [text("short"), Cell::Empty]);
    }

    #[test]
    fn large_csv_streams_every_row() {
        let dir = TempDir::new().expect("tempdir");
        let path = dir.path().join("big.csv");
        {
            let file = File::create(&path).expect("create");
            let mut out = io::BufWriter::new(file);
            writeln!(out, "handle,followers,bio,url").expect("write");
            for i in 0..200_000 {
                writeln!(out, "user{i},{i},\"bio, with comma {i}\",https://x/{i}").expect("write");
            }
        }
        let mut reader = TableReader::open(&path).expect("open");
        let mut row = Vec::new();
        let mut count = 0u64;
        let mut last = 0;
        let mut saw_progress = false;
        while let Some(number) = reader.next_row(&mut row).expect("row") {
            count += 1;
            last = number;
            if count == 100_000 {
                let read = reader.bytes_read();
                saw_progress = read > 0 && read < reader.total_bytes();
                assert_eq!(row[0], text("user99999"));
            }
        }
        assert_eq!(count, 200_000);
        assert_eq!(last, 200_001);
        assert!(saw_progress);
        assert_eq!(reader.bytes_read(), reader.total_bytes());
    }

    #[test]
    fn json_lines_is_detected_and_broken_lines_do_not_stop_reading() {
        let content = concat!(
            "{\"handle\": \"a\", \"n\": 1}\n",
            "{\"handle\": \"b\" \"n\": 2}\n",
            "\n",
            "{\"n\": 3, \"handle\": \" c \", \"extra\": true}\r\n",
            "[1, 2]\n",
            "{\"handle\": null}\n",
            "{\"handle\": \"cut\n",
            "{\"handle\": \"z\"}",
        );
        let (_dir, mut reader) = open_bytes("data.json", content.as_bytes());
        assert_eq!(reader.format(), Format::JsonLines);
        assert_eq!(reader.headers(), ["handle", "n"]);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 7);
        assert_eq!(ok_row(&rows[0]), (1, &[text("a"), Cell::Number(1.0)][..]));
        let broken = err_row(&rows[1]);
        assert_eq!(broken.row, 2);
        assert_eq!(
            broken.to_string(),
            "row 2: the JSON object is not valid: expected `,` or `}` at column 16"
        );
        assert_eq!(ok_row(&rows[2]), (4, &[text("c"), Cell::Number(3.0)][..]));
        let list = err_row(&rows[3]);
        assert_eq!(
            (list.row, list.message.as_str()),
            (5, "the line holds a list instead of a JSON object")
        );
        assert_eq!(ok_row(&rows[4]), (6, &[Cell::Empty, Cell::Empty][..]));
        let cut = err_row(&rows[5]);
        assert_eq!(cut.row, 7);
        assert_eq!(
            cut.message,
            "the JSON object is not valid: the text ends in the middle of a string at column 15"
        );
        assert_eq!(ok_row(&rows[6]), (8, &[text("z"), Cell::Empty][..]));
    }

    #[test]
    fn json_lines_broken_first_line_is_a_table_error() {
        let error = open_error("bad.jsonl", b"{\"a\": 1,}\n{\"a\": 2}\n");
        assert!(matches!(error, TableError::Json { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.contains("line 1 is not a valid JSON object"),
            "{message}"
        );
        assert!(message.contains("column"), "{message}");
    }

    #[test]
    fn json_array_values_map_onto_the_first_objects_keys() {
        let content = concat!(
            "\u{feff}[\n",
            " {\"zeta\": \"z\", \"alpha\": 1, \"tags\": [\"x\", 2, null, \" \", 1.5], ",
            "\"meta\": {\"b\": 1, \"a\": [true, \"q\\\"\"]}, \"none\": null},\n",
            " {\"alpha\": 2.5},\n",
            " 42,\n",
            " {\"zeta\": \"  \", \"alpha\": -3, \"tags\": [], \"unknown\": {\"x\": 1}},\n",
            " {\"zeta\": \"q\" \"alpha\": 1},\n",
            " {\"zeta\": \"last\", \"alpha\": 9007199254740993}\n",
            "]\n",
        );
        let (_dir, mut reader) = open_bytes("data.txt", content.as_bytes());
        assert_eq!(reader.format(), Format::Json);
        assert_eq!(reader.headers(), ["zeta", "alpha", "tags", "meta", "none"]);
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 6);
        assert_eq!(
            ok_row(&rows[0]),
            (
                1,
                &[
                    text("z"),
                    Cell::Number(1.0),
                    Cell::List(vec!["x".into(), "2".into(), "1.5".into()]),
                    text("{\"b\":1,\"a\":[true,\"q\\\"\"]}"),
                    Cell::Empty,
                ][..]
            )
        );
        assert_eq!(
            ok_row(&rows[1]),
            (
                2,
                &[
                    Cell::Empty,
                    Cell::Number(2.5),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty
                ][..]
            )
        );
        let not_object = err_row(&rows[2]);
        assert_eq!(not_object.row, 3);
        assert_eq!(
            not_object.message,
            "the list element is a number instead of a JSON object"
        );
        assert_eq!(ok_row(&rows[3]).0, 4);
        assert_eq!(
            ok_row(&rows[3]).1[..3],
            [Cell::Empty, Cell::Number(-3.0), Cell::Empty]
        );
        let syntax = err_row(&rows[4]);
        assert_eq!(syntax.row, 5);
        assert_eq!(
            syntax.message,
            "the JSON object is not valid: expected `,` or `}` at line 6, column 15"
        );
        assert_eq!(ok_row(&rows[5]).0, 6);
        assert_eq!(ok_row(&rows[5]).1[1], Cell::Number(9007199254740992.0));
    }

    #[test]
    fn json_array_cut_off_is_reported_once_then_ends() {
        let (_dir, mut reader) = open_bytes("cut.json", b"[{\"a\": 1}, {\"a\": 2}, {\"a\": ");
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 3);
        assert_eq!(ok_row(&rows[1]), (2, &[Cell::Number(2.0)][..]));
        let error = err_row(&rows[2]);
        assert_eq!(error.row, 3);
        assert!(
            error.message.starts_with(
                "the file ends in the middle of element 3, which starts at line 1, column 22"
            ),
            "{error}"
        );
        assert!(
            error
                .message
                .ends_with("the rest of the file cannot be read"),
            "{error}"
        );
    }

    #[test]
    fn json_array_missing_comma_between_elements_stops_with_position() {
        let (_dir, mut reader) = open_bytes("c.json", b"[{\"a\": 1}\n {\"a\": 2}]");
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 2);
        let error = err_row(&rows[1]);
        assert_eq!(error.row, 2);
        assert!(
            error
                .message
                .starts_with("after element 1 a `,` or `]` was expected at line 2, column 2"),
            "{error}"
        );
    }

    #[test]
    fn json_array_text_after_the_end_is_reported() {
        let (_dir, mut reader) = open_bytes("t.json", b"[{\"a\": 1}] [{\"a\": 2}]");
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 2);
        assert!(
            err_row(&rows[1])
                .message
                .contains("more text after the closing `]`")
        );
    }

    #[test]
    fn json_array_tolerates_a_trailing_comma_and_reports_double_commas() {
        let (_dir, mut reader) = open_bytes("t.json", b"[{\"a\": 1},, {\"a\": 3},]");
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 3);
        assert_eq!(err_row(&rows[1]).row, 2);
        assert_eq!(ok_row(&rows[2]), (3, &[Cell::Number(3.0)][..]));
    }

    #[test]
    fn json_array_broken_first_element_is_a_table_error_with_position() {
        let error = open_error("b.json", b"[\n  {\"a\": 1,, \"b\": 2}\n]");
        assert!(matches!(error, TableError::Json { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.contains("element 1 of the list is not a valid JSON object"),
            "{message}"
        );
        assert!(
            message.contains("key must be a string at line 2, column 11"),
            "{message}"
        );
    }

    #[test]
    fn json_array_without_objects_is_rejected() {
        for content in [&b"[]"[..], b"  [ \n ]  "] {
            let error = open_error("e.json", content);
            assert!(matches!(error, TableError::NoHeader { .. }), "{error:?}");
            assert!(
                error.to_string().contains("the JSON list is empty"),
                "{error}"
            );
        }
        let error = open_error("n.json", b"[1, 2]");
        assert!(
            error
                .to_string()
                .contains("the first element of the list is a number"),
            "{error}"
        );
        let error = open_error("o.json", b"[{}]");
        assert!(matches!(error, TableError::NoHeader { .. }), "{error:?}");
    }

    #[test]
    fn empty_and_unreadable_files_are_explained() {
        let error = open_error("empty.csv", b"");
        assert_eq!(
            error.to_string(),
            format!(
                "{} has no header row with column names: the file is empty.",
                match &error {
                    TableError::NoHeader { path, .. } => path.display().to_string(),
                    other => panic!("unexpected {other:?}"),
                }
            )
        );
        assert!(matches!(
            open_error("blank.csv", b" \n\r\n\t"),
            TableError::NoHeader { .. }
        ));
        let xls = open_error("old.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest");
        assert!(xls.to_string().contains(".xls"), "{xls}");
        let utf16 = open_error("u16.csv", b"\xFF\xFEa\x00,\x00b\x00");
        assert!(utf16.to_string().contains("UTF-16"), "{utf16}");
        let binary = open_error("img.csv", b"\x89PNG\r\n\x1a\n\x00\x00");
        assert!(
            matches!(binary, TableError::UnknownFormat { .. }),
            "{binary:?}"
        );
        let fake = open_error("fake.xlsx", b"PK\x03\x04not really a zip file");
        assert!(matches!(fake, TableError::Xlsx { .. }), "{fake:?}");
        assert!(fake.to_string().contains("damaged"), "{fake}");

        let dir = TempDir::new().expect("tempdir");
        let missing = TableReader::open(&dir.path().join("nope.csv")).expect_err("missing");
        assert!(
            missing.to_string().ends_with("the file does not exist."),
            "{missing}"
        );
        let folder = TableReader::open(dir.path()).expect_err("folder");
        assert!(folder.to_string().contains("folder"), "{folder}");
    }

    #[test]
    fn cell_display_is_human_readable() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 1).expect("date");
        assert_eq!(Cell::Number(12.0).to_string(), "12");
        assert_eq!(Cell::Number(-0.0).to_string(), "0");
        assert_eq!(Cell::Number(0.25).to_string(), "0.25");
        assert_eq!(
            Cell::DateTime(date.and_hms_opt(0, 0, 0).expect("t")).to_string(),
            "2024-03-01"
        );
        assert_eq!(
            Cell::DateTime(date.and_hms_opt(9, 5, 0).expect("t")).to_string(),
            "2024-03-01 09:05:00"
        );
        assert_eq!(Cell::List(vec!["a".into(), "b".into()]).to_string(), "a, b");
        assert_eq!(Cell::Empty.to_string(), "");
    }

    fn write_xlsx(path: &Path) {
        use rust_xlsxwriter::{ExcelDateTime, Format as XlsxFormat, Workbook};
        let mut workbook = Workbook::new();
        let date_format = XlsxFormat::new().set_num_format("yyyy-mm-dd hh:mm");
        let bold = XlsxFormat::new().set_bold();
        let sheet = workbook.add_worksheet();
        sheet.set_name("Suppliers").expect("name");
        // Row 1 is left blank: the header is the first non-empty row.
        sheet.write_string(1, 0, "Handle").expect("write");
        sheet.write_string(1, 1, "Followers").expect("write");
        sheet.write_number(1, 2, 2024.0).expect("write");
        sheet.write_string(1, 3, "Joined").expect("write");
        sheet.write_string(1, 4, "Verified").expect("write");
        // Row 3: the first data row.
        sheet.write_string(2, 0, "  alice ").expect("write");
        sheet.write_number(2, 1, 12.0).expect("write");
        sheet.write_blank(2, 2, &bold).expect("write");
        let joined = ExcelDateTime::from_ymd(2023, 1, 25)
            .and_then(|d| d.and_hms(12, 30, 0))
            .expect("date");
        sheet
            .write_datetime_with_format(2, 3, &joined, &date_format)
            .expect("write");
        sheet.write_boolean(2, 4, true).expect("write");
        sheet
            .write_string(2, 7, "note outside the table")
            .expect("write");
        // Rows 4 and 5 are missing; row 6 is formatted but empty.
        sheet.write_blank(5, 0, &bold).expect("write");
        // Row 7.
        sheet.write_string(6, 0, "bob").expect("write");
        sheet.write_number(6, 1, 3.5).expect("write");
        sheet.write_string(6, 2, "   ").expect("write");
        let other = workbook.add_worksheet();
        other
            .write_string(0, 0, "Not the first sheet")
            .expect("write");
        workbook.save(path).expect("save xlsx");
    }

    #[test]
    fn xlsx_first_sheet_is_streamed_with_typed_cells_and_sheet_row_numbers() {
        let dir = TempDir::new().expect("tempdir");
        // The extension is deliberately wrong: detection is by content.
        let path = dir.path().join("suppliers.csv");
        write_xlsx(&path);
        let mut reader = TableReader::open(&path).expect("open");
        assert_eq!(reader.format(), Format::Xlsx);
        assert_eq!(
            reader.headers(),
            ["Handle", "Followers", "2024", "Joined", "Verified"]
        );
        let rows = read_all(&mut reader);
        assert_eq!(rows.len(), 2);
        let joined = NaiveDate::from_ymd_opt(2023, 1, 25)
            .and_then(|d| d.and_hms_opt(12, 30, 0))
            .expect("date");
        assert_eq!(
            ok_row(&rows[0]),
            (
                3,
                &[
                    text("alice"),
                    Cell::Number(12.0),
                    Cell::Empty,
                    Cell::DateTime(joined),
                    Cell::Bool(true),
                ][..]
            )
        );
        assert_eq!(
            ok_row(&rows[1]),
            (
                7,
                &[
                    text("bob"),
                    Cell::Number(3.5),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty
                ][..]
            )
        );
    }

    #[test]
    fn xlsx_with_an_empty_first_sheet_has_no_header() {
        let dir = TempDir::new().expect("tempdir");
        let path = dir.path().join("empty.xlsx");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook.add_worksheet();
        workbook.save(&path).expect("save");
        let error = TableReader::open(&path).expect_err("empty sheet");
        assert!(
            error.to_string().contains("the first sheet is empty"),
            "{error}"
        );
    }

    #[test]
    fn xlsx_reader_can_be_dropped_midway() {
        let dir = TempDir::new().expect("tempdir");
        let path = dir.path().join("many.xlsx");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "n").expect("write");
        for i in 1..5_000u32 {
            sheet.write_number(i, 0, f64::from(i)).expect("write");
        }
        workbook.save(&path).expect("save");
        let mut reader = TableReader::open(&path).expect("open");
        let mut row = Vec::new();
        assert_eq!(reader.next_row(&mut row), Ok(Some(2)));
        assert_eq!(row, [Cell::Number(1.0)]);
        assert!(reader.bytes_read() > 0);
        drop(reader);
        std::fs::remove_file(&path).expect("the file is released");
    }
}
