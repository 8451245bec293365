//! Deterministic synthetic data: supplier dumps, orders, deliveries and retention checks of
//! any size, for the demo database, the benchmarks and tests. The same seed always gives the
//! same bytes, so figures measured on it can be reproduced anywhere.

use std::io::{self, Write};

use chrono::{Days, NaiveDate};

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

/// Writes a supplier dump as CSV. Generated text never holds a comma or a quote, so no
/// field needs quoting.
pub fn write_dump(spec: &DumpSpec<'_>, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng::new(spec.seed);
    let as_of = spec.as_of;
    writeln!(out, "{DUMP_HEADER}")?;
    for i in 0..spec.accounts {
        let platform = rng.pick(spec.platforms);
        let niche = rng.pick(NICHES);
        let mut username = handle(&mut rng, spec.supplier, i);
        let mut picture = "yes";
        let mut bio = rng.pick(BIOS).to_string();
        let mut posts = rng.between(5, 400);
        let mut created = date_minus(as_of, rng.between(120, 3000));
        let ratio = spec.profile.balance + (rng.below(1000) as f64 / 1000.0 - 0.5) * 0.6;
        let following = rng.between(80, 900);
        let mut followers = ((following as f64) * 10f64.powf(ratio)).round().max(0.0) as u64;
        let mut following = following;
        let mut active = date_minus(as_of, rng.between(0, 20));
        let mut mentions = format!("fan.{}{}", rng.pick(FIRST), rng.below(5000));
        let follows = format!("{}.{};news.daily", rng.pick(FIRST), rng.pick(LAST));
        let mut flagged = String::new();
        let (mut likes, mut comments, mut follows30) =
            (rng.between(2, 30), rng.between(0, 10), rng.between(0, 6));
        if rng.chance(spec.profile.failure) {
            match rng.below(10) {
                0 => picture = "no",
                1 => bio = "hi".into(),
                2 => posts = rng.below(5),
                3 => username = format!("user{}", 1_000_000_000 + rng.below(8_999_999_999)),
                4 => created = date_minus(as_of, rng.below(80)),
                5 => {
                    following = rng.between(1500, 7500);
                    followers = rng.below(following / 12);
                }
                6 => active = date_minus(as_of, rng.between(40, 400)),
                7 => mentions.clear(),
                8 => flagged = date_minus(as_of, rng.below(25)).to_string(),
                _ => (likes, comments, follows30) = (1, 0, 0),
            }
        }
        writeln!(
            out,
            "{},{platform},{niche},{username},{picture},{bio},{posts},{created},{followers},{following},{active},{mentions},{follows},{flagged},{likes},{comments},{follows30},{as_of}",
            spec.supplier
        )?;
    }
    Ok(())
}

/// One order to generate.
#[derive(Clone, Debug)]
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
pub fn write_orders(orders: &[OrderSpec], out: &mut impl Write) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
