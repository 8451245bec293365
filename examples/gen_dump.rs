//! Writes a deterministic synthetic supplier dump for benchmarks:
//! `cargo run --release --example gen_dump -- ROWS OUT.csv [SEED]`.

use std::io::BufWriter;

use chrono::NaiveDate;
use supply_desk::synth::{DumpSpec, Profile, write_dump};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let rows: usize = args.get(1).map_or(Ok(100_000), |s| s.parse())?;
    let out = args.get(2).map_or("dump.csv", String::as_str);
    let seed: u64 = args.get(3).map_or(Ok(1), |s| s.parse())?;
    let spec = DumpSpec {
        supplier: "Bench Supply",
        as_of: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap_or_default(),
        accounts: rows,
        platforms: &["instagram", "tiktok", "youtube"],
        profile: Profile {
            failure: 0.08,
            balance: 0.1,
        },
        seed,
    };
    let mut file = BufWriter::new(std::fs::File::create(out)?);
    write_dump(&spec, &mut file)?;
    Ok(())
}
