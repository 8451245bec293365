//! The floor for import speed: one pass of the `csv` crate over a file with a reused
//! `ByteRecord`, touching every field, and nothing else.
//! `cargo run --release --example csv_floor -- FILE.csv`

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "dump.csv".into());
    let start = std::time::Instant::now();
    let mut reader = csv::Reader::from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        bytes += record.iter().map(|f| f.len() as u64).sum::<u64>();
    }
    println!(
        "{rows} rows, {bytes} field bytes in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
