//! Deterministic synthetic data: supplier dumps, orders, deliveries and retention checks of
//! any size, for the demo database, the benchmarks and tests. The same seed always gives the
//! same bytes, so figures measured on it can be reproduced anywhere.
//!
//! A dump row is drawn once, as a [`DumpRow`], and each format writes that row ([`write_dump`]
//! for CSV, [`write_dump_jsonl`] for JSON Lines, the `gen_data` example for XLSX), so the
//! formats cannot drift apart. The benchmark orders, their delivery reports and their
//! retention checks all come from one [`bench_orders`] list, so the three files agree.

use std::io::{self, Write};

use chrono::{Days, NaiveDate};

use crate::domain::account::AccountRecord;

/// SplitMix64: tiny, fast and good enough for test data; no dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "anna", "lucas", "maria", "noah", "sofia", "liam", "emma", "mateo", "olivia", "hugo", "ines",
    "jonas", "clara", "elias", "nora", "felix", "lena", "oscar", "maya", "leon", "julia", "theo",
    "alice", "david", "sara", "omar", "yuki", "priya", "chen", "kofi",
];
const LAST: &[&str] = &[
    "martin", "garcia", "muller", "rossi", "dubois", "silva", "novak", "kowalski", "jensen",
    "moreau", "costa", "weber", "lopez", "fischer", "bianchi", "santos", "nagy", "horvat", "berg",
    "laurent", "tanaka", "okafor", "sharma", "walker", "evans",
];
const HOBBY: &[&str] = &[
    "cooks", "travels", "runs", "bakes", "paints", "climbs", "reads", "films", "sings", "rides",
];
const NICHES: &[&str] = &["food", "travel", "fitness", "fashion", "music"];
const BIOS: &[&str] = &[
    "Home cook sharing family recipes",
    "Weekend runner chasing sunrises",
    "Coffee and books and long walks by the sea",
    "Travelling slowly and writing about it",
    "Amateur photographer of small things",
    "Dad of two learning to bake bread",
    "Vintage clothes and good music",
    "Climbing walls and mountains when I can",
];

/// How a synthetic supplier's accounts behave: the chance that an account fails each
/// kind of check. Zero everywhere gives a perfect supplier.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// Chance an account fails one of the criteria (a single, randomly chosen one).
    pub failure: f64,
    /// Typical `log10(followers/following)`; accounts spread around it.
    pub balance: f64,
}

/// One supplier dump to generate.
#[derive(Clone, Debug)]
pub struct DumpSpec<'a> {
    /// Supplier name.
    pub supplier: &'a str,
    /// Snapshot date.
    pub as_of: NaiveDate,
    /// Number of accounts.
    pub accounts: usize,
    /// Platforms to spread them over.
    pub platforms: &'a [&'a str],
    /// Behaviour.
    pub profile: Profile,
    /// Seed; the same spec and seed give the same file.
    pub seed: u64,
}

/// The header of a supplier dump (SPEC §6).
pub const DUMP_HEADER: &str = "supplier,platform,niche,username,has_profile_picture,bio,posts,created_at,followers,following,last_active_at,mentioned_by,follows,flagged_at,like_sources_30d,comments_30d,follows_30d,as_of";

/// The columns of [`DUMP_HEADER`] one by one, in the order [`DumpRow::values`] gives them.
pub const DUMP_COLUMNS: [&str; 18] = [
    "supplier",
    "platform",
    "niche",
    "username",
    "has_profile_picture",
    "bio",
    "posts",
    "created_at",
    "followers",
    "following",
    "last_active_at",
    "mentioned_by",
    "follows",
    "flagged_at",
    "like_sources_30d",
    "comments_30d",
    "follows_30d",
    "as_of",
];

/// A human-looking handle, unique per index within a supplier: a first and last name
/// chosen by the index (750 pairs in four spellings), then a small number once the pairs run
/// out, then the supplier's three-letter tag (at most 1,667 for five million accounts), so
/// that a large dump is as human as a small one. It draws from `rng` as the fields after it
/// expect.
pub fn handle(rng: &mut Rng, supplier: &str, index: usize) -> String {
    let _ = (rng.pick(FIRST), rng.pick(LAST));
    if rng.below(4) == 2 {
        let _ = rng.pick(HOBBY);
    }
    let first = FIRST[index % FIRST.len()];
    let rest = index / FIRST.len();
    let last = LAST[rest % LAST.len()];
    let rest = rest / LAST.len();
    let tag: String = supplier
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(3)
        .collect::<String>()
        .to_lowercase();
    let round = match rest / 4 {
        0 => String::new(),
        n => n.to_string(),
    };
    match rest % 4 {
        0 => format!("{first}.{last}{round}.{tag}"),
        1 => format!("{first}_{last}{round}_{tag}"),
        2 => format!("{last}.{first}{round}.{tag}"),
        _ => format!("{last}_{first}{round}.{tag}"),
    }
}

fn date_minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

fn date_plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

/// One account of a generated dump: every column of [`DUMP_COLUMNS`], drawn once so that
/// every file format writes the same values.
#[derive(Clone, Debug, PartialEq)]
pub struct DumpRow<'a> {
    /// Supplier name.
    pub supplier: &'a str,
    /// Platform.
    pub platform: &'a str,
    /// Niche.
    pub niche: &'static str,
    /// Handle, unique within the dump.
    pub username: String,
    /// Whether it has a custom picture.
    pub has_profile_picture: bool,
    /// Bio.
    pub bio: &'static str,
    /// Posts.
    pub posts: u64,
    /// Creation date.
    pub created_at: NaiveDate,
    /// Followers.
    pub followers: u64,
    /// Accounts it follows.
    pub following: u64,
    /// Last activity.
    pub last_active_at: NaiveDate,
    /// Handles that mentioned it, `;`-separated; empty when nobody did.
    pub mentioned_by: String,
    /// A sample of the handles it follows, `;`-separated.
    pub follows: String,
    /// Platform integrity flag, if any.
    pub flagged_at: Option<NaiveDate>,
    /// Distinct sources liked in the last 30 days.
    pub like_sources_30d: u64,
    /// Comments made in the last 30 days.
    pub comments_30d: u64,
    /// Outside accounts followed in the last 30 days.
    pub follows_30d: u64,
    /// Snapshot date.
    pub as_of: NaiveDate,
}

/// One cell of a [`DumpRow`], typed so that each format can write it in its own natural form
/// (a JSON number, an Excel boolean) while every format still reads back as the same value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DumpValue<'a> {
    /// Text. Empty text is a value, not a gap (SPEC §2: a blank bio, nobody mentioned it).
    Text(&'a str),
    /// A whole, non-negative count.
    Count(u64),
    /// A boolean; CSV writes it as `yes` or `no`.
    Flag(bool),
    /// A calendar date.
    Date(NaiveDate),
    /// A date that is not there (never flagged): an empty CSV cell, JSON `null`, no XLSX cell.
    NoDate,
}

impl DumpRow<'_> {
    /// The row's cells in the order of [`DUMP_COLUMNS`].
    pub fn values(&self) -> [DumpValue<'_>; 18] {
        use DumpValue::{Count, Date, Flag, NoDate, Text};
        [
            Text(self.supplier),
            Text(self.platform),
            Text(self.niche),
            Text(&self.username),
            Flag(self.has_profile_picture),
            Text(self.bio),
            Count(self.posts),
            Date(self.created_at),
            Count(self.followers),
            Count(self.following),
            Date(self.last_active_at),
            Text(&self.mentioned_by),
            Text(&self.follows),
            self.flagged_at.map_or(NoDate, Date),
            Count(self.like_sources_30d),
            Count(self.comments_30d),
            Count(self.follows_30d),
            Date(self.as_of),
        ]
    }
}

/// The accounts of a [`DumpSpec`], one [`DumpRow`] at a time, so a dump of any size streams.
#[derive(Clone, Debug)]
pub struct DumpRows<'a> {
    supplier: &'a str,
    platforms: &'a [&'a str],
    as_of: NaiveDate,
    profile: Profile,
    accounts: usize,
    next: usize,
    rng: Rng,
}

/// The rows of a dump, in file order.
pub fn dump_rows<'a>(spec: &DumpSpec<'a>) -> DumpRows<'a> {
    DumpRows {
        supplier: spec.supplier,
        platforms: spec.platforms,
        as_of: spec.as_of,
        profile: spec.profile,
        accounts: spec.accounts,
        next: 0,
        rng: Rng::new(spec.seed),
    }
}

impl<'a> Iterator for DumpRows<'a> {
    type Item = DumpRow<'a>;

    /// Draws the next account. The order of the draws is part of the output: changing it
    /// changes every dump, and with it every benchmark figure measured on one.
    fn next(&mut self) -> Option<DumpRow<'a>> {
        if self.next >= self.accounts {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let (rng, as_of) = (&mut self.rng, self.as_of);
        let platform = rng.pick(self.platforms);
        let niche = rng.pick(NICHES);
        let mut username = handle(rng, self.supplier, i);
        let mut picture = true;
        let mut bio = rng.pick(BIOS);
        let mut posts = rng.between(5, 400);
        let mut created = date_minus(as_of, rng.between(120, 3000));
        let ratio = self.profile.balance + (rng.below(1000) as f64 / 1000.0 - 0.5) * 0.6;
        let following = rng.between(80, 900);
        let mut followers = ((following as f64) * 10f64.powf(ratio)).round().max(0.0) as u64;
        let mut following = following;
        let mut active = date_minus(as_of, rng.between(0, 20));
        let mut mentions = format!("fan.{}{}", rng.pick(FIRST), rng.below(5000));
        let follows = format!("{}.{};news.daily", rng.pick(FIRST), rng.pick(LAST));
        let mut flagged = None;
        let (mut likes, mut comments, mut follows30) =
            (rng.between(2, 30), rng.between(0, 10), rng.between(0, 6));
        if rng.chance(self.profile.failure) {
            match rng.below(10) {
                0 => picture = false,
                1 => bio = "hi",
                2 => posts = rng.below(5),
                3 => username = format!("user{}", 1_000_000_000 + rng.below(8_999_999_999)),
                4 => created = date_minus(as_of, rng.below(80)),
                5 => {
                    following = rng.between(1500, 7500);
                    followers = rng.below(following / 12);
                }
                6 => active = date_minus(as_of, rng.between(40, 400)),
                7 => mentions.clear(),
                8 => flagged = Some(date_minus(as_of, rng.below(25))),
                _ => (likes, comments, follows30) = (1, 0, 0),
            }
        }
        Some(DumpRow {
            supplier: self.supplier,
            platform,
            niche,
            username,
            has_profile_picture: picture,
            bio,
            posts,
            created_at: created,
            followers,
            following,
            last_active_at: active,
            mentioned_by: mentions,
            follows,
            flagged_at: flagged,
            like_sources_30d: likes,
            comments_30d: comments,
            follows_30d: follows30,
            as_of,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.accounts.saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for DumpRows<'_> {}

/// Writes a supplier dump as CSV. Generated text never holds a comma or a quote, so no
/// generated field is quoted.
pub fn write_dump(spec: &DumpSpec<'_>, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{DUMP_HEADER}")?;
    for row in dump_rows(spec) {
        write_dump_csv_row(&row, out)?;
    }
    Ok(())
}

/// Writes one row of a CSV dump: booleans as `yes`/`no`, an absent date as an empty cell.
pub fn write_dump_csv_row(row: &DumpRow<'_>, out: &mut impl Write) -> io::Result<()> {
    for (i, value) in row.values().into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        match value {
            DumpValue::Text(text) => csv_text(text, out)?,
            DumpValue::Count(n) => write!(out, "{n}")?,
            DumpValue::Flag(flag) => out.write_all(if flag { b"yes" } else { b"no" })?,
            DumpValue::Date(date) => write!(out, "{date}")?,
            DumpValue::NoDate => {}
        }
    }
    out.write_all(b"\n")
}

/// A CSV field. Generated text never needs quoting, so its bytes are written as they are;
/// a supplier name chosen on a command line might hold a comma, a quote or a line break,
/// and is then quoted as RFC 4180 says.
fn csv_text(text: &str, out: &mut impl Write) -> io::Result<()> {
    if !text.contains([',', '"', '\r', '\n']) {
        return out.write_all(text.as_bytes());
    }
    out.write_all(b"\"")?;
    out.write_all(text.replace('"', "\"\"").as_bytes())?;
    out.write_all(b"\"")
}

/// Writes a supplier dump as JSON Lines: one object a line with every key of [`DUMP_COLUMNS`]
/// in order, counts as JSON numbers, booleans as `true`/`false`, dates as `"YYYY-MM-DD"`, a
/// date that is not there as `null`, and empty text as `""` (a value, SPEC §2). Every key is
/// written on every line, because the importer takes its header from the first object.
/// The importer reads it as the same accounts as [`write_dump`]'s CSV.
pub fn write_dump_jsonl(spec: &DumpSpec<'_>, out: &mut impl Write) -> io::Result<()> {
    for row in dump_rows(spec) {
        write_dump_json_object(&row, out)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes one row of a dump as a JSON object (see [`write_dump_jsonl`]), without a line break.
pub fn write_dump_json_object(row: &DumpRow<'_>, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{")?;
    for (i, (key, value)) in DUMP_COLUMNS.iter().zip(row.values()).enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        json_string(key, out)?;
        out.write_all(b":")?;
        match value {
            DumpValue::Text(text) => json_string(text, out)?,
            DumpValue::Count(n) => write!(out, "{n}")?,
            DumpValue::Flag(flag) => out.write_all(if flag { b"true" } else { b"false" })?,
            DumpValue::Date(date) => write!(out, "\"{date}\"")?,
            DumpValue::NoDate => out.write_all(b"null")?,
        }
    }
    out.write_all(b"}")
}

/// A JSON string literal, escaped by serde_json (generated text needs no escaping, but a
/// supplier name given on the command line might).
fn json_string(text: &str, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, text).map_err(io::Error::from)
}

/// One order to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderSpec {
    /// Order id.
    pub id: String,
    /// Placement date.
    pub placed_at: NaiveDate,
    /// `standard`, `premium` or `elite`.
    pub tier: &'static str,
    /// Platform.
    pub platform: &'static str,
    /// Units.
    pub quantity: u64,
}

/// Writes orders as CSV (SPEC §6).
pub fn write_orders<'o>(
    orders: impl IntoIterator<Item = &'o OrderSpec>,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "order_id,placed_at,customer,platform,service,tier,quantity"
    )?;
    for o in orders {
        let customer = format!("customer-{}", o.id.len() * 7 + o.quantity as usize % 13);
        writeln!(
            out,
            "{},{},{customer},{},followers,{},{}",
            o.id, o.placed_at, o.platform, o.tier, o.quantity
        )?;
    }
    Ok(())
}

/// The date the benchmark data is built around: dumps are dated on it by default, and
/// benchmark orders are placed in the [`BENCH_DAYS`] before it.
pub const BENCH_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 12) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Days before [`BENCH_AS_OF`] over which benchmark orders are placed: eight ISO weeks, since
/// [`BENCH_AS_OF`] is a Monday.
pub const BENCH_DAYS: u64 = 56;

/// The platforms of the benchmark dumps and orders.
pub const BENCH_PLATFORMS: &[&str] = &["instagram", "tiktok", "youtube"];

/// The most retention checks an order can have on distinct days 0 to 30 after delivery.
pub const MAX_CHECKS_PER_ORDER: usize = 31;

/// One benchmark order with its delivery report and what its retention checks will show, so
/// that the orders, deliveries and checks files written from one [`bench_orders`] list agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchOrder {
    /// The order as the orders file states it.
    pub order: OrderSpec,
    /// Delivery date, 1 to 5 days after `placed_at`.
    pub delivered_at: NaiveDate,
    /// Units delivered: the quantity, or up to 2 % more (suppliers often over-deliver).
    pub delivered: u64,
    /// Whether its retention falls below 95 % within 30 days of delivery (about 1 order in
    /// 20), so that importing its checks creates a refill (SPEC §5).
    pub drops: bool,
    /// Seed of its retention checks: they are drawn per order, on demand, in any number,
    /// without disturbing the draws of the other orders.
    checks_seed: u64,
}

/// `n` benchmark orders: ids `B0000001` upward (zero-padded to at least seven digits, so
/// they sort as numbers), placed in id order evenly over the [`BENCH_DAYS`] before
/// [`BENCH_AS_OF`], on the three [`BENCH_PLATFORMS`], 80 % standard, 15 % premium and 5 %
/// elite, 100 to 5,000 units in steps of 50. The same `n` and `seed` always give the same
/// list; a larger `n` spreads its orders over the same eight weeks.
pub fn bench_orders(n: usize, seed: u64) -> Vec<BenchOrder> {
    let mut rng = Rng::new(seed);
    let start = date_minus(BENCH_AS_OF, BENCH_DAYS);
    let width = n.to_string().len().max(7);
    let total = n.max(1) as u64;
    (0..n)
        .map(|i| {
            let placed_at = date_plus(start, i as u64 * BENCH_DAYS / total);
            let platform = rng.pick(BENCH_PLATFORMS);
            let tier = match rng.below(20) {
                0..=15 => "standard",
                16..=18 => "premium",
                _ => "elite",
            };
            let quantity = rng.between(2, 100) * 50;
            let delivered_at = date_plus(placed_at, rng.between(1, 5));
            let delivered = if rng.chance(0.15) {
                quantity + rng.between(1, quantity / 50)
            } else {
                quantity
            };
            let drops = rng.chance(0.05);
            BenchOrder {
                order: OrderSpec {
                    id: format!("B{:0width$}", i + 1),
                    placed_at,
                    tier,
                    platform,
                    quantity,
                },
                delivered_at,
                delivered,
                drops,
                checks_seed: rng.next_u64(),
            }
        })
        .collect()
}

impl BenchOrder {
    /// `per_order` retention checks (at most [`MAX_CHECKS_PER_ORDER`]) as
    /// `(checked_at, retained)`, in date order, on distinct days 0 to 30 after delivery (the
    /// refill window of SPEC §5). Units fall slowly from `delivered` but stay at or above 95 %
    /// of the quantity, so they never trigger a refill; an order that [`drops`](Self::drops)
    /// falls to 80–94.9 % on one of its check days and stays there, which triggers one refill.
    pub fn checks(&self, per_order: usize) -> Vec<(NaiveDate, u64)> {
        let mut rng = Rng::new(self.checks_seed);
        let mut days: [u64; MAX_CHECKS_PER_ORDER] = std::array::from_fn(|d| d as u64);
        let k = per_order.min(MAX_CHECKS_PER_ORDER);
        // A partial Fisher–Yates shuffle picks k distinct days.
        for i in 0..k {
            let j = i + rng.below((MAX_CHECKS_PER_ORDER - i) as u64) as usize;
            days.swap(i, j);
        }
        let days = &mut days[..k];
        days.sort_unstable();
        let quantity = self.order.quantity;
        // The fewest units that are still 95 %: `100 × retained < 95 × quantity` is a drop.
        let floor = (95 * quantity).div_ceil(100);
        let delivered = self.delivered.max(floor);
        let on_day_30 = rng.between(floor, delivered);
        let low = rng.between(quantity * 80 / 100, floor.saturating_sub(1));
        let drop_from = if self.drops {
            rng.below(k as u64) as usize
        } else {
            k
        };
        days.iter()
            .enumerate()
            .map(|(i, &day)| {
                let retained = if i >= drop_from {
                    low
                } else {
                    delivered - (delivered - on_day_30) * day / 30
                };
                (date_plus(self.delivered_at, day), retained)
            })
            .collect()
    }
}

/// Writes the delivery report of benchmark orders as CSV (SPEC §6):
/// `order_id,delivered_at,delivered`.
pub fn write_deliveries(orders: &[BenchOrder], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "order_id,delivered_at,delivered")?;
    for o in orders {
        writeln!(out, "{},{},{}", o.order.id, o.delivered_at, o.delivered)?;
    }
    Ok(())
}

/// Writes `per_order` retention checks of every benchmark order as CSV (SPEC §6):
/// `order_id,checked_at,retained`, order by order, each in date order (see
/// [`BenchOrder::checks`]).
pub fn write_checks(
    orders: &[BenchOrder],
    per_order: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "order_id,checked_at,retained")?;
    for o in orders {
        for (checked_at, retained) in o.checks(per_order) {
            writeln!(out, "{},{checked_at},{retained}", o.order.id)?;
        }
    }
    Ok(())
}

/// Reads a generated dump back as the importer reads it, row by row: each account's
/// username key and signals, to check that every format gives the same accounts. A row the
/// importer would leave out is an error, since the generator never writes one.
pub fn read_dump(
    path: &std::path::Path,
    as_of: NaiveDate,
) -> Result<Vec<(String, AccountRecord)>, String> {
    use crate::import::dump::{DumpColumns, RowOutcome, read_row};
    let mut reader = crate::import::open_as(path, crate::import::FileKind::SupplierDump)
        .map_err(|e| e.to_string())?;
    let cols = DumpColumns::new(reader.headers());
    let mut cells = Vec::new();
    let mut out = Vec::new();
    while let Some(row) = reader.next_row(&mut cells).map_err(|e| e.to_string())? {
        match read_row(&cols, &cells, row, Some(as_of), None) {
            RowOutcome::Account { key, record, .. } => out.push((key, *record)),
            RowOutcome::LeftOut(problem) => return Err(problem.to_string()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BLAKE3 of `write_dump` for 500 bench accounts, seed 1 (see `dump_bytes_are_pinned`).
    const PINNED_500: &str = "fec3f7de600aa78248fe0eaa91e75b48e22c6cbea1f5fb0b2e33c9ae04d44646";

    #[test]
    fn same_seed_same_bytes() {
        let spec = DumpSpec {
            supplier: "Acme",
            as_of: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
            accounts: 50,
            platforms: &["instagram"],
            profile: Profile {
                failure: 0.2,
                balance: 0.0,
            },
            seed: 7,
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_dump(&spec, &mut a).unwrap();
        write_dump(&spec, &mut b).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 51);
        // No generated field may need quoting: every row has exactly the header's fields.
        assert!(text.lines().all(|l| l.split(',').count() == 18));
        assert!(!text.contains('"'));
    }

    #[test]
    fn handles_look_human() {
        let mut rng = Rng::new(1);
        let mut seen = std::collections::HashSet::new();
        for i in (0..3_000).chain((3_000..5_000_000).step_by(997)) {
            let h = handle(&mut rng, "Acme", i);
            assert!(!crate::domain::username::is_generated(&h), "{h}");
            assert!(seen.insert(h.clone()), "{h} twice");
        }
    }

    fn bench_spec(accounts: usize, failure: f64) -> DumpSpec<'static> {
        DumpSpec {
            supplier: "Bench Supply",
            as_of: BENCH_AS_OF,
            accounts,
            platforms: BENCH_PLATFORMS,
            profile: Profile {
                failure,
                balance: 0.1,
            },
            seed: 1,
        }
    }

    #[test]
    fn dump_bytes_are_pinned() {
        // Benchmark figures are only comparable across commits if the data is: this is the
        // hash of the dump `gen_dump 500 FILE 1` wrote before rows were drawn as `DumpRow`s.
        let mut csv = Vec::new();
        write_dump(&bench_spec(500, 0.08), &mut csv).unwrap();
        assert_eq!(blake3::hash(&csv).to_hex().as_str(), PINNED_500);
    }

    #[test]
    fn header_and_columns_agree() {
        assert_eq!(DUMP_COLUMNS.join(","), DUMP_HEADER);
        for column in DUMP_COLUMNS {
            assert!(
                crate::domain::account::Field::ALL
                    .iter()
                    .any(|f| f.name() == column),
                "{column}"
            );
        }
    }

    #[test]
    fn every_failure_kind_is_drawn() {
        let rows: Vec<DumpRow<'_>> = dump_rows(&bench_spec(400, 1.0)).collect();
        assert_eq!(rows.len(), 400);
        assert!(rows.iter().any(|r| !r.has_profile_picture));
        assert!(rows.iter().any(|r| r.flagged_at.is_some()));
        assert!(rows.iter().any(|r| r.mentioned_by.is_empty()));
        assert!(rows.iter().any(|r| r.bio == "hi"));
        assert!(rows.iter().any(|r| r.following >= 1500));
    }

    fn read_dump_file(path: &std::path::Path) -> Vec<(String, AccountRecord)> {
        read_dump(path, BENCH_AS_OF).unwrap()
    }

    #[test]
    fn json_lines_read_as_the_same_accounts_as_csv() {
        let dir = tempfile::tempdir().unwrap();
        // Half the accounts fail a criterion, so every kind of value (an absent flag date,
        // empty mentions, `no` pictures) is in both files.
        let spec = bench_spec(300, 0.5);
        let (csv, jsonl) = (dir.path().join("d.csv"), dir.path().join("d.jsonl"));
        let mut bytes = Vec::new();
        write_dump(&spec, &mut bytes).unwrap();
        std::fs::write(&csv, &bytes).unwrap();
        bytes.clear();
        write_dump_jsonl(&spec, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.lines().count(), 300);
        for line in text.lines() {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).unwrap();
            assert_eq!(object.len(), DUMP_COLUMNS.len());
            // Every key, in the CSV's column order.
            let at: Vec<usize> = DUMP_COLUMNS
                .iter()
                .map(|c| line.find(&format!("\"{c}\":")).unwrap())
                .collect();
            assert!(at.is_sorted(), "{line}");
            assert!(object["posts"].is_u64() && object["has_profile_picture"].is_boolean());
        }
        std::fs::write(&jsonl, &text).unwrap();
        let (from_csv, from_jsonl) = (read_dump_file(&csv), read_dump_file(&jsonl));
        assert_eq!(from_csv.len(), 300);
        assert_eq!(from_csv, from_jsonl);
    }

    #[test]
    fn a_supplier_name_with_a_comma_or_quote_survives_csv_and_json_lines() {
        use crate::import::{ImportOptions, Silent, preview};
        let dir = tempfile::tempdir().unwrap();
        let name = "Smith, \"Best\" Supply";
        let spec = DumpSpec {
            supplier: name,
            ..bench_spec(20, 0.0)
        };
        let (csv, jsonl) = (dir.path().join("d.csv"), dir.path().join("d.jsonl"));
        let mut bytes = Vec::new();
        write_dump(&spec, &mut bytes).unwrap();
        std::fs::write(&csv, &bytes).unwrap();
        bytes.clear();
        write_dump_jsonl(&spec, &mut bytes).unwrap();
        std::fs::write(&jsonl, &bytes).unwrap();
        for path in [&csv, &jsonl] {
            let seen = preview(path, &ImportOptions::default(), &Silent).unwrap();
            assert_eq!(seen.problems.count, 0, "{:?}", seen.problems.list);
            assert_eq!(seen.dump.unwrap().supplier, name);
        }
        assert_eq!(read_dump_file(&csv), read_dump_file(&jsonl));
    }

    #[test]
    fn bench_orders_are_deterministic_and_well_formed() {
        let orders = bench_orders(2_000, 3);
        assert_eq!(orders, bench_orders(2_000, 3));
        assert_ne!(orders, bench_orders(2_000, 4));
        assert_eq!(orders[0].order.id, "B0000001");
        assert_eq!(orders[1_999].order.id, "B0002000");
        let start = BENCH_AS_OF - Days::new(BENCH_DAYS);
        assert_eq!(orders[0].order.placed_at, start);
        assert_eq!(orders[1_999].order.placed_at, BENCH_AS_OF - Days::new(1));
        let mut ids = std::collections::HashSet::new();
        let mut tiers = std::collections::HashMap::new();
        for o in &orders {
            assert!(ids.insert(o.order.id.clone()));
            assert!((start..BENCH_AS_OF).contains(&o.order.placed_at));
            assert!((100..=5000).contains(&o.order.quantity) && o.order.quantity % 50 == 0);
            let lag = (o.delivered_at - o.order.placed_at).num_days();
            assert!((1..=5).contains(&lag), "{lag}");
            assert!(o.delivered >= o.order.quantity && o.delivered * 50 <= o.order.quantity * 51);
            *tiers.entry(o.order.tier).or_insert(0) += 1;
        }
        assert!(
            orders
                .windows(2)
                .all(|w| w[0].order.placed_at <= w[1].order.placed_at)
        );
        assert!(tiers["standard"] > 1_400 && tiers["premium"] > 150 && tiers["elite"] > 40);
        assert_eq!(
            bench_orders(10_000_000, 1).last().unwrap().order.id,
            "B10000000"
        );
    }

    #[test]
    fn checks_stay_in_the_refill_window_and_about_one_order_in_twenty_drops() {
        let orders = bench_orders(2_000, 1);
        let mut dropped = 0;
        for o in &orders {
            let checks = o.checks(10);
            assert_eq!(checks, o.checks(10));
            assert_eq!(checks.len(), 10);
            assert!(
                checks
                    .windows(2)
                    .all(|w| w[0].0 < w[1].0 && w[0].1 >= w[1].1)
            );
            for &(day, retained) in &checks {
                assert!((0..=30).contains(&(day - o.delivered_at).num_days()));
                assert!(retained <= o.delivered);
            }
            // SPEC §5: a refill when 100 × retained < 95 × quantity.
            let below = checks.iter().any(|&(_, r)| 100 * r < 95 * o.order.quantity);
            assert_eq!(below, o.drops, "{}", o.order.id);
            dropped += usize::from(below);
        }
        assert!((60..=140).contains(&dropped), "{dropped}");
        let all = orders[0].checks(40);
        assert_eq!(all.len(), MAX_CHECKS_PER_ORDER);
        assert_eq!(all[0].0, orders[0].delivered_at);
        assert_eq!(all[30].0, orders[0].delivered_at + Days::new(30));
    }

    #[test]
    fn orders_deliveries_and_checks_files_import_cleanly_and_agree() {
        use crate::import::{FileKind, ImportOptions, Silent, preview};
        let dir = tempfile::tempdir().unwrap();
        let orders = bench_orders(300, 5);
        let files = [
            ("orders.csv", FileKind::Orders, 300),
            ("deliveries.csv", FileKind::Deliveries, 300),
            ("checks.csv", FileKind::RetentionChecks, 900),
        ];
        let mut ids = Vec::new();
        for (name, kind, rows) in files {
            let mut bytes = Vec::new();
            match kind {
                FileKind::Orders => write_orders(orders.iter().map(|o| &o.order), &mut bytes),
                FileKind::Deliveries => write_deliveries(&orders, &mut bytes),
                _ => write_checks(&orders, 3, &mut bytes),
            }
            .unwrap();
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let seen = preview(&path, &ImportOptions::default(), &Silent).unwrap();
            assert_eq!(seen.kind, Some(kind), "{name}");
            assert_eq!((seen.rows, seen.left_out), (rows, 0), "{name}");
            assert_eq!(seen.problems.count, 0, "{name}: {:?}", seen.problems.list);
            assert!(seen.rejection.is_none(), "{name}");
            let text = String::from_utf8(bytes).unwrap();
            let mut file_ids: Vec<String> = text
                .lines()
                .skip(1)
                .map(|l| l.split(',').next().unwrap().to_string())
                .collect();
            file_ids.dedup();
            ids.push(file_ids);
        }
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[0], ids[2]);
    }
}
