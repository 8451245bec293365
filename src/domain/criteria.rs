//! The five criteria, the three disqualifiers and the quality score of an account (SPEC §2).
//!
//! Every signal that is missing, unreadable or dated after the snapshot excludes the account
//! with a reason naming it; the criteria that can still be judged from the other signals are
//! judged too, so a reviewer sees every problem at once rather than one per import.

use chrono::NaiveDate;

use super::account::{AccountRecord, Field, Reason, Signal, Verdict};
use super::rubric::Rubric;
use super::sentence::bio_word_count;
use super::username::is_generated;

/// The accounts that belong to suppliers (SPEC §2, "known supplier accounts").
///
/// Handles are given normalised (see [`super::account::normalise_handle`]); the platform is
/// lower-case.
pub trait KnownAccounts {
    /// Whether `handle` on `platform` appears in any supplier dump known at this moment.
    fn is_supplier_account(&self, platform: &str, handle: &str) -> bool;
}

/// A 96-bit hash of a (platform, normalised handle) pair (the top 96 bits of its XXH3-128):
/// how the database and an import's own account set name a known supplier account. The
/// hash is stored, so it must never change (XXH3 is a fixed, specified algorithm). A false
/// match between two of fifty million different names has a probability near 10⁻¹⁴, far
/// below any other source of error; 96 bits keep an import's set at 16 bytes an account.
pub fn account_hash(platform: &str, handle: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(platform.as_bytes());
    hasher.update(&[0]);
    hasher.update(handle.as_bytes());
    hasher.digest128() >> 32
}

/// Everything the criteria need besides the account itself.
pub struct Context<'a> {
    /// The dump's snapshot date: every "days between" is measured to it.
    pub as_of: NaiveDate,
    /// Thresholds in force.
    pub rubric: &'a Rubric,
    /// Known supplier accounts at the time of the verdict.
    pub known: &'a dyn KnownAccounts,
    /// Whether the dump had a `flagged_at` column; without it D2 is not applied.
    pub flags_provided: bool,
}

/// Collects reasons while reading signals, so every gap is reported once.
struct Reasons(Vec<Reason>);

impl Reasons {
    fn read<'s, T>(&mut self, signal: &'s Signal<T>, field: Field) -> Option<&'s T> {
        match signal {
            Signal::Value(v) => Some(v),
            Signal::Missing => {
                self.0.push(Reason::Missing(field));
                None
            }
            Signal::Bad(_) => {
                self.0.push(Reason::BadValue(field));
                None
            }
        }
    }

    /// Reads a date and turns one after the snapshot into `future_date:<field>`.
    fn date(&mut self, signal: &Signal<NaiveDate>, field: Field, as_of: NaiveDate) -> Option<i64> {
        let date = *self.read(signal, field)?;
        let days = (as_of - date).num_days();
        if days < 0 {
            self.0.push(Reason::FutureDate(field));
            return None;
        }
        Some(days)
    }

    fn fail_if(&mut self, failed: bool, reason: Reason) {
        if failed {
            self.0.push(reason);
        }
    }
}

/// Judges one account against SPEC §2 and scores it.
pub fn evaluate(account: &AccountRecord, ctx: &Context<'_>) -> Verdict {
    let rubric = ctx.rubric;
    let mut r = Reasons(Vec::new());
    let me = account.username.to_lowercase();

    let platform = r.read(&account.platform, Field::Platform);
    let picture = r.read(&account.has_profile_picture, Field::HasProfilePicture);
    let bio = r.read(&account.bio, Field::Bio);
    let posts = r.read(&account.posts, Field::Posts);
    let age = r.date(&account.created_at, Field::CreatedAt, ctx.as_of);
    let followers = r.read(&account.followers, Field::Followers).copied();
    let following = r.read(&account.following, Field::Following).copied();
    let idle = r.date(&account.last_active_at, Field::LastActiveAt, ctx.as_of);
    let mentioned_by = r.read(&account.mentioned_by, Field::MentionedBy);
    let follows = r.read(&account.follows, Field::Follows);
    let likes = r
        .read(&account.like_sources_30d, Field::LikeSources30d)
        .copied();
    let comments = r.read(&account.comments_30d, Field::Comments30d).copied();
    let follows_30d = r.read(&account.follows_30d, Field::Follows30d).copied();
    let flagged = match &account.flagged_at {
        Signal::Value(Some(date)) => r.date(&Signal::Value(*date), Field::FlaggedAt, ctx.as_of),
        Signal::Value(None) => None,
        Signal::Missing => {
            r.0.push(Reason::Missing(Field::FlaggedAt));
            None
        }
        Signal::Bad(_) => {
            r.0.push(Reason::BadValue(Field::FlaggedAt));
            None
        }
    };

    // C1: profile completeness, all four signals.
    r.fail_if(picture == Some(&false), Reason::NoPicture);
    r.fail_if(
        bio.is_some_and(|b| bio_word_count(b) < rubric.min_bio_words as usize),
        Reason::ShortBio,
    );
    r.fail_if(
        posts.is_some_and(|p| *p < rubric.min_posts),
        Reason::FewPosts,
    );
    r.fail_if(is_generated(&account.username), Reason::GeneratedUsername);

    // C2: account age.
    r.fail_if(age.is_some_and(|d| d < rubric.min_age_days), Reason::TooNew);

    // C3: a pathological follower:following ratio.
    if let (Some(followers), Some(following)) = (followers, following) {
        r.fail_if(
            following >= rubric.ratio_min_following
                && u128::from(rubric.ratio_factor) * u128::from(followers) < u128::from(following),
            Reason::Ratio,
        );
    }

    // C4: recent engagement. Either half failing on known data is enough to fail it.
    let stale = idle.is_some_and(|d| d > rubric.active_within_days);
    let silent = matches!((likes, comments, follows_30d), (Some(0), Some(0), Some(0)));
    r.fail_if(stale || silent, Reason::Dormant);

    if let Some(platform) = platform {
        let outside =
            |handle: &&String| **handle != me && !ctx.known.is_supplier_account(platform, handle);
        // C5: mentioned by someone outside the supplier network.
        if let Some(mentions) = mentioned_by {
            r.fail_if(
                !mentions.iter().any(|h| outside(&h)),
                Reason::NoOutsideMentions,
            );
        }
        // D1: a follow graph made only of supplier accounts.
        if let Some(follows) = follows {
            let mut others = follows.iter().filter(|h| **h != me).peekable();
            if others.peek().is_none() {
                r.fail_if(
                    following.is_some_and(|f| f > 0),
                    Reason::Missing(Field::Follows),
                );
            } else {
                r.fail_if(others.all(|h| !outside(&h)), Reason::ClosedLoop);
            }
        }
    }

    // D2: a recent platform integrity flag (future dates were reported above).
    r.fail_if(
        ctx.flags_provided && flagged.is_some_and(|d| d <= rubric.flag_window_days),
        Reason::Flagged,
    );

    // D3: the only recent activity is liking a single source.
    r.fail_if(
        matches!((likes, comments, follows_30d), (Some(1), Some(0), Some(0))),
        Reason::NarrowTarget,
    );

    let mut reasons = r.0;
    reasons.sort_by_key(|r| r.code());
    reasons.dedup();
    let score = match (reasons.is_empty(), followers, following, platform) {
        (true, Some(followers), Some(following), Some(platform)) => {
            let (centre, spread) = rubric.centre_for(platform, account.niche.as_deref());
            quality_score(followers, following, centre, spread)
        }
        _ => 0.0,
    };
    Verdict { reasons, score }
}

/// The follower balance an account's score is centred on: `log10((followers+1)/(following+1))`.
pub fn balance(followers: u64, following: u64) -> f64 {
    ((followers as f64 + 1.0) / (following as f64 + 1.0)).log10()
}

/// Quality score of an eligible account, 0–100 (SPEC §2): `60 + 40 × exp(−z²/2)`.
pub fn quality_score(followers: u64, following: u64, centre: f64, spread: f64) -> f64 {
    let z = (balance(followers, following) - centre) / spread;
    60.0 + 40.0 * (-z * z / 2.0).exp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    struct Known(HashSet<(String, String)>);

    impl KnownAccounts for Known {
        fn is_supplier_account(&self, platform: &str, handle: &str) -> bool {
            self.0.contains(&(platform.to_string(), handle.to_string()))
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const AS_OF: &str = "2026-10-12";

    fn good() -> AccountRecord {
        AccountRecord {
            platform: Signal::Value("instagram".into()),
            niche: Some("food".into()),
            username: "claire.dubois".into(),
            has_profile_picture: Signal::Value(true),
            bio: Signal::Value("Home cook sharing family recipes".into()),
            posts: Signal::Value(85),
            created_at: Signal::Value(d("2023-06-30")),
            followers: Signal::Value(410),
            following: Signal::Value(390),
            last_active_at: Signal::Value(d("2026-10-11")),
            mentioned_by: Signal::Value(vec!["chef.nadia".into()]),
            follows: Signal::Value(vec!["bistro_lyon".into()]),
            flagged_at: Signal::Value(None),
            like_sources_30d: Signal::Value(7),
            comments_30d: Signal::Value(2),
            follows_30d: Signal::Value(1),
        }
    }

    fn known(handles: &[&str]) -> Known {
        Known(
            handles
                .iter()
                .map(|h| ("instagram".to_string(), h.to_string()))
                .collect(),
        )
    }

    fn judge_with(a: &AccountRecord, known_handles: &[&str]) -> Vec<String> {
        let rubric = Rubric::default();
        let k = known(known_handles);
        let ctx = Context {
            as_of: d(AS_OF),
            rubric: &rubric,
            known: &k,
            flags_provided: true,
        };
        evaluate(a, &ctx).reasons.iter().map(|r| r.code()).collect()
    }

    fn judge(a: &AccountRecord) -> Vec<String> {
        judge_with(a, &[])
    }

    #[test]
    fn a_complete_active_account_is_eligible() {
        assert!(judge(&good()).is_empty());
    }

    #[test]
    fn account_age_boundary_89_and_90_days() {
        let as_of = d(AS_OF);
        let mut a = good();
        a.created_at = Signal::Value(as_of - chrono::Days::new(89));
        assert_eq!(judge(&a), ["too_new"]);
        a.created_at = Signal::Value(as_of - chrono::Days::new(90));
        assert!(judge(&a).is_empty());
    }

    #[test]
    fn activity_boundary_30_and_31_days() {
        let as_of = d(AS_OF);
        let mut a = good();
        a.last_active_at = Signal::Value(as_of - chrono::Days::new(30));
        assert!(judge(&a).is_empty());
        a.last_active_at = Signal::Value(as_of - chrono::Days::new(31));
        assert_eq!(judge(&a), ["dormant"]);
    }

    #[test]
    fn silence_is_dormant_even_when_recently_active() {
        let mut a = good();
        a.like_sources_30d = Signal::Value(0);
        a.comments_30d = Signal::Value(0);
        a.follows_30d = Signal::Value(0);
        assert_eq!(judge(&a), ["dormant"]);
        a.follows_30d = Signal::Value(1);
        assert!(judge(&a).is_empty());
    }

    #[test]
    fn posts_boundary_4_and_5() {
        let mut a = good();
        a.posts = Signal::Value(4);
        assert_eq!(judge(&a), ["few_posts"]);
        a.posts = Signal::Value(5);
        assert!(judge(&a).is_empty());
    }

    #[test]
    fn ratio_boundaries() {
        let mut a = good();
        // following 499: the rule does not apply however few followers.
        a.following = Signal::Value(499);
        a.followers = Signal::Value(0);
        assert!(judge(&a).is_empty());
        a.following = Signal::Value(500);
        a.followers = Signal::Value(49);
        assert_eq!(judge(&a), ["ratio"]);
        a.followers = Signal::Value(50);
        assert!(judge(&a).is_empty());
    }

    #[test]
    fn bio_needs_three_words() {
        let mut a = good();
        a.bio = Signal::Value("Home cook".into());
        assert_eq!(judge(&a), ["short_bio"]);
        a.bio = Signal::Value("Home cook here".into());
        assert!(judge(&a).is_empty());
        a.bio = Signal::Value(String::new());
        assert_eq!(judge(&a), ["short_bio"]);
    }

    #[test]
    fn flag_window_30_and_31_days_and_future_flags() {
        let as_of = d(AS_OF);
        let mut a = good();
        a.flagged_at = Signal::Value(Some(as_of - chrono::Days::new(30)));
        assert_eq!(judge(&a), ["flagged"]);
        a.flagged_at = Signal::Value(Some(as_of));
        assert_eq!(judge(&a), ["flagged"]);
        a.flagged_at = Signal::Value(Some(as_of - chrono::Days::new(31)));
        assert!(judge(&a).is_empty());
        a.flagged_at = Signal::Value(Some(as_of + chrono::Days::new(1)));
        assert_eq!(judge(&a), ["future_date:flagged_at"]);
    }

    #[test]
    fn flags_not_provided_skip_d2() {
        let rubric = Rubric::default();
        let k = known(&[]);
        let mut a = good();
        a.flagged_at = Signal::Value(Some(d(AS_OF)));
        let ctx = Context {
            as_of: d(AS_OF),
            rubric: &rubric,
            known: &k,
            flags_provided: false,
        };
        assert!(evaluate(&a, &ctx).eligible());
    }

    #[test]
    fn mentions_by_itself_or_suppliers_do_not_count() {
        let mut a = good();
        a.mentioned_by = Signal::Value(vec!["claire.dubois".into()]);
        assert_eq!(judge(&a), ["no_outside_mentions"]);
        a.mentioned_by = Signal::Value(vec!["julie.martin".into()]);
        assert_eq!(judge_with(&a, &["julie.martin"]), ["no_outside_mentions"]);
        a.mentioned_by = Signal::Value(vec![]);
        assert_eq!(judge(&a), ["no_outside_mentions"]);
        a.mentioned_by = Signal::Value(vec!["julie.martin".into(), "chef.nadia".into()]);
        assert!(judge_with(&a, &["julie.martin"]).is_empty());
    }

    #[test]
    fn closed_loop_and_empty_follows() {
        let mut a = good();
        a.follows = Signal::Value(vec!["marc".into(), "claire.dubois".into()]);
        assert_eq!(judge_with(&a, &["marc"]), ["closed_loop"]);
        a.follows = Signal::Value(vec!["claire.dubois".into()]);
        assert_eq!(judge(&a), ["missing:follows"]);
        a.follows = Signal::Value(vec![]);
        assert_eq!(judge(&a), ["missing:follows"]);
        a.following = Signal::Value(0);
        assert!(judge(&a).is_empty());
    }

    #[test]
    fn narrow_target() {
        let mut a = good();
        a.like_sources_30d = Signal::Value(1);
        a.comments_30d = Signal::Value(0);
        a.follows_30d = Signal::Value(0);
        assert_eq!(judge(&a), ["narrow_target"]);
    }

    #[test]
    fn every_gap_and_failure_is_reported() {
        let mut a = good();
        a.posts = Signal::Missing;
        a.created_at = Signal::Bad("2026-13-01".into());
        a.has_profile_picture = Signal::Value(false);
        a.last_active_at = Signal::Value(d("2026-10-13"));
        assert_eq!(
            judge(&a),
            [
                "bad_value:created_at",
                "future_date:last_active_at",
                "missing:posts",
                "no_picture"
            ]
        );
    }

    #[test]
    fn generated_usernames_fail_c1() {
        let mut a = good();
        a.username = "user_k3j9x_55102".into();
        assert_eq!(judge(&a), ["generated_username"]);
    }

    #[test]
    fn score_matches_the_example() {
        let s = quality_score(2000, 150, 0.0, 0.5);
        assert!((s - 63.2).abs() < 0.05, "{s}");
        assert!((quality_score(410, 390, 0.0, 0.5) - 99.96).abs() < 0.01);
        let mut a = good();
        a.has_profile_picture = Signal::Value(false);
        let rubric = Rubric::default();
        let k = known(&[]);
        let ctx = Context {
            as_of: d(AS_OF),
            rubric: &rubric,
            known: &k,
            flags_provided: true,
        };
        assert_eq!(evaluate(&a, &ctx).score, 0.0);
    }
}
