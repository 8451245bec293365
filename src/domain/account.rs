//! A supplier account as read from a dump, and the verdict the criteria give it (SPEC §2).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A column of a supplier dump (SPEC §6), named as reason codes name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The supplier the dump belongs to.
    Supplier,
    /// The social platform (instagram, tiktok …).
    Platform,
    /// The account's niche, used to pick the score centre.
    Niche,
    /// The account's handle.
    Username,
    /// Whether the account has a custom picture.
    HasProfilePicture,
    /// The profile text.
    Bio,
    /// Number of public posts.
    Posts,
    /// Account creation date.
    CreatedAt,
    /// Follower count.
    Followers,
    /// Following count.
    Following,
    /// Date of the last activity.
    LastActiveAt,
    /// Handles that mentioned or tagged the account.
    MentionedBy,
    /// Handles the account follows (a sample is fine).
    Follows,
    /// Date of the last platform integrity flag.
    FlaggedAt,
    /// Distinct sources liked in the last 30 days.
    LikeSources30d,
    /// Comments made in the last 30 days.
    Comments30d,
    /// Outside accounts followed in the last 30 days.
    Follows30d,
    /// The snapshot date of the dump.
    AsOf,
}

impl Field {
    /// Every field, in the column order of SPEC §6.
    pub const ALL: [Field; 18] = [
        Field::Supplier,
        Field::Platform,
        Field::Niche,
        Field::Username,
        Field::HasProfilePicture,
        Field::Bio,
        Field::Posts,
        Field::CreatedAt,
        Field::Followers,
        Field::Following,
        Field::LastActiveAt,
        Field::MentionedBy,
        Field::Follows,
        Field::FlaggedAt,
        Field::LikeSources30d,
        Field::Comments30d,
        Field::Follows30d,
        Field::AsOf,
    ];

    /// The column name as the spec writes it, also used inside reason codes.
    pub fn name(self) -> &'static str {
        match self {
            Field::Supplier => "supplier",
            Field::Platform => "platform",
            Field::Niche => "niche",
            Field::Username => "username",
            Field::HasProfilePicture => "has_profile_picture",
            Field::Bio => "bio",
            Field::Posts => "posts",
            Field::CreatedAt => "created_at",
            Field::Followers => "followers",
            Field::Following => "following",
            Field::LastActiveAt => "last_active_at",
            Field::MentionedBy => "mentioned_by",
            Field::Follows => "follows",
            Field::FlaggedAt => "flagged_at",
            Field::LikeSources30d => "like_sources_30d",
            Field::Comments30d => "comments_30d",
            Field::Follows30d => "follows_30d",
            Field::AsOf => "as_of",
        }
    }

    /// Looks a field up by its reason-code name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One signal of an account as the file gave it.
///
/// SPEC §2 treats a gap and an unreadable value differently from a real value: both exclude
/// the account, with a reason that names the signal, and neither is ever guessed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Signal<T> {
    /// The value as read.
    Value(T),
    /// The column is absent or the cell is empty where a value is required.
    Missing,
    /// The cell holds something that cannot be read as this signal; the raw text is kept so
    /// the reviewer can see it.
    Bad(String),
}

impl<T> Signal<T> {
    /// The value, when there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Signal::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// An account row of a supplier dump, every signal kept as read (SPEC §6).
///
/// Records are stored whole so that re-scoring a week (SPEC §2) can evaluate them again
/// against a newer rubric or a larger set of known supplier accounts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRecord {
    /// Platform, lower-cased.
    pub platform: Signal<String>,
    /// Niche, lower-cased; `None` when the column is absent or the cell empty.
    pub niche: Option<String>,
    /// The handle as written (without a leading `@`).
    pub username: String,
    /// `has_profile_picture`.
    pub has_profile_picture: Signal<bool>,
    /// `bio`; an empty cell is a blank bio, not a gap.
    pub bio: Signal<String>,
    /// `posts`.
    pub posts: Signal<u64>,
    /// `created_at`, as a UTC calendar date.
    pub created_at: Signal<NaiveDate>,
    /// `followers`.
    pub followers: Signal<u64>,
    /// `following`.
    pub following: Signal<u64>,
    /// `last_active_at`, as a UTC calendar date.
    pub last_active_at: Signal<NaiveDate>,
    /// `mentioned_by`, normalised handles; empty means nobody mentioned it.
    pub mentioned_by: Signal<Vec<String>>,
    /// `follows`, normalised handles.
    pub follows: Signal<Vec<String>>,
    /// `flagged_at`; `Value(None)` means never flagged (or flags not provided).
    pub flagged_at: Signal<Option<NaiveDate>>,
    /// `like_sources_30d`.
    pub like_sources_30d: Signal<u64>,
    /// `comments_30d`.
    pub comments_30d: Signal<u64>,
    /// `follows_30d`.
    pub follows_30d: Signal<u64>,
}

/// Normalises a handle for comparison: trimmed, without a leading `@`, lower-case (SPEC §2).
pub fn normalise_handle(handle: &str) -> String {
    handle.trim().trim_start_matches('@').to_lowercase()
}

/// Why an account is not in the active supply pool (SPEC §2 reason codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// C1: default platform picture.
    NoPicture,
    /// C1: the bio holds no sentence.
    ShortBio,
    /// C1: fewer posts than the minimum.
    FewPosts,
    /// C1: the username looks auto-generated.
    GeneratedUsername,
    /// C2: younger than the minimum age.
    TooNew,
    /// C3: following far more accounts than follow it.
    Ratio,
    /// C4: no recent activity.
    Dormant,
    /// C5: nobody outside the supplier network mentioned it.
    NoOutsideMentions,
    /// D1: it only follows supplier accounts.
    ClosedLoop,
    /// D2: flagged by the platform recently.
    Flagged,
    /// D3: its only activity is liking one source.
    NarrowTarget,
    /// A required signal is absent.
    Missing(Field),
    /// A signal cannot be read.
    BadValue(Field),
    /// A date lies after the snapshot date.
    FutureDate(Field),
}

impl Reason {
    /// The reason code printed by the CLI, such as `too_new` or `missing:posts`.
    pub fn code(self) -> String {
        match self {
            Reason::Missing(f) => format!("missing:{f}"),
            Reason::BadValue(f) => format!("bad_value:{f}"),
            Reason::FutureDate(f) => format!("future_date:{f}"),
            other => other.simple_code().to_string(),
        }
    }

    fn simple_code(self) -> &'static str {
        match self {
            Reason::NoPicture => "no_picture",
            Reason::ShortBio => "short_bio",
            Reason::FewPosts => "few_posts",
            Reason::GeneratedUsername => "generated_username",
            Reason::TooNew => "too_new",
            Reason::Ratio => "ratio",
            Reason::Dormant => "dormant",
            Reason::NoOutsideMentions => "no_outside_mentions",
            Reason::ClosedLoop => "closed_loop",
            Reason::Flagged => "flagged",
            Reason::NarrowTarget => "narrow_target",
            Reason::Missing(_) => "missing",
            Reason::BadValue(_) => "bad_value",
            Reason::FutureDate(_) => "future_date",
        }
    }

    /// Reads a reason code back (for filters typed by a reviewer).
    pub fn from_code(code: &str) -> Option<Reason> {
        let code = code.trim();
        if let Some((kind, field)) = code.split_once(':') {
            let field = Field::from_name(field)?;
            return match kind {
                "missing" => Some(Reason::Missing(field)),
                "bad_value" => Some(Reason::BadValue(field)),
                "future_date" => Some(Reason::FutureDate(field)),
                _ => None,
            };
        }
        [
            Reason::NoPicture,
            Reason::ShortBio,
            Reason::FewPosts,
            Reason::GeneratedUsername,
            Reason::TooNew,
            Reason::Ratio,
            Reason::Dormant,
            Reason::NoOutsideMentions,
            Reason::ClosedLoop,
            Reason::Flagged,
            Reason::NarrowTarget,
        ]
        .into_iter()
        .find(|r| r.simple_code() == code)
    }

    /// The reason in plain words, for reviewers.
    pub fn describe(self) -> String {
        match self {
            Reason::NoPicture => "has the platform's default picture".into(),
            Reason::ShortBio => "bio holds no full sentence".into(),
            Reason::FewPosts => "too few public posts".into(),
            Reason::GeneratedUsername => "username looks auto-generated".into(),
            Reason::TooNew => "account is too new".into(),
            Reason::Ratio => "follows far more accounts than follow it".into(),
            Reason::Dormant => "no recent activity".into(),
            Reason::NoOutsideMentions => "never mentioned by an outside account".into(),
            Reason::ClosedLoop => "follows only supplier accounts".into(),
            Reason::Flagged => "flagged by the platform recently".into(),
            Reason::NarrowTarget => "only activity is liking a single source".into(),
            Reason::Missing(f) => format!("{f} is missing"),
            Reason::BadValue(f) => format!("{f} cannot be read"),
            Reason::FutureDate(f) => format!("{f} is after the snapshot date"),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// The outcome of the criteria for one account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Every reason the account is excluded, sorted by code; empty when it is eligible.
    pub reasons: Vec<Reason>,
    /// Quality score 0–100 (unrounded); 0 for an excluded account.
    pub score: f64,
}

impl Verdict {
    /// Whether the account is in the active supply pool.
    pub fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }

    /// Reason codes sorted and joined by `;`, as the CLI prints them (SPEC §8).
    pub fn reason_codes(&self) -> String {
        let mut codes: Vec<String> = self.reasons.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_round_trip() {
        for r in [
            Reason::NoPicture,
            Reason::NarrowTarget,
            Reason::Missing(Field::Posts),
            Reason::BadValue(Field::CreatedAt),
            Reason::FutureDate(Field::FlaggedAt),
        ] {
            assert_eq!(Reason::from_code(&r.code()), Some(r));
        }
        assert_eq!(Reason::from_code("missing:nothing"), None);
    }

    #[test]
    fn handles_compare_without_at_and_case() {
        assert_eq!(normalise_handle(" @Chef.Nadia "), "chef.nadia");
    }
}
