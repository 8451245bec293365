//! Every reason of a verdict in plain words, with the value that failed (SPEC §7:
//! "each row shows every reason in plain words").

use chrono::NaiveDate;

use super::account::{AccountRecord, Field, Reason, Signal};
use super::rubric::Rubric;
use super::sentence::bio_word_count;
use super::username::generated_signal;

fn raw<T: std::fmt::Display>(s: &Signal<T>) -> String {
    match s {
        Signal::Value(v) => v.to_string(),
        Signal::Missing => String::new(),
        Signal::Bad(raw) => raw.clone(),
    }
}

fn field_value(record: &AccountRecord, field: Field) -> String {
    let list = |s: &Signal<Vec<String>>| match s {
        Signal::Value(v) => v.join(", "),
        Signal::Missing => String::new(),
        Signal::Bad(raw) => raw.clone(),
    };
    match field {
        Field::Platform => raw(&record.platform),
        Field::HasProfilePicture => raw(&record.has_profile_picture),
        Field::Bio => raw(&record.bio),
        Field::Posts => raw(&record.posts),
        Field::CreatedAt => raw(&record.created_at),
        Field::Followers => raw(&record.followers),
        Field::Following => raw(&record.following),
        Field::LastActiveAt => raw(&record.last_active_at),
        Field::MentionedBy => list(&record.mentioned_by),
        Field::Follows => list(&record.follows),
        Field::FlaggedAt => match &record.flagged_at {
            Signal::Value(Some(d)) => d.to_string(),
            Signal::Value(None) | Signal::Missing => String::new(),
            Signal::Bad(raw) => raw.clone(),
        },
        Field::LikeSources30d => raw(&record.like_sources_30d),
        Field::Comments30d => raw(&record.comments_30d),
        Field::Follows30d => raw(&record.follows_30d),
        Field::Username => record.username.clone(),
        Field::Supplier | Field::Niche | Field::AsOf => String::new(),
    }
}

fn days(as_of: NaiveDate, s: &Signal<NaiveDate>) -> Option<i64> {
    s.value().map(|d| (as_of - *d).num_days())
}

/// One reason of an account's verdict, explained with the values that decided it.
pub fn explain(
    reason: Reason,
    record: &AccountRecord,
    as_of: NaiveDate,
    rubric: &Rubric,
) -> String {
    let n = |s: &Signal<u64>| raw(s);
    match reason {
        Reason::NoPicture => "C1 profile: the account has the platform's default picture.".into(),
        Reason::ShortBio => {
            let bio = record.bio.value().cloned().unwrap_or_default();
            format!(
                "C1 profile: the bio “{bio}” holds {} word(s); a sentence needs {}.",
                bio_word_count(&bio),
                rubric.min_bio_words
            )
        }
        Reason::FewPosts => format!(
            "C1 profile: {} public post(s); at least {} are needed.",
            n(&record.posts),
            rubric.min_posts
        ),
        Reason::GeneratedUsername => format!(
            "C1 profile: the username “{}” looks auto-generated: {}.",
            record.username,
            generated_signal(&record.username).map_or_else(String::new, |s| s.to_string())
        ),
        Reason::TooNew => format!(
            "C2 age: created {} days before the snapshot; {} are needed.",
            days(as_of, &record.created_at).unwrap_or_default(),
            rubric.min_age_days
        ),
        Reason::Ratio => format!(
            "C3 ratio: follows {} accounts but has {} followers (fails when following ≥ {} and {} × followers < following).",
            n(&record.following),
            n(&record.followers),
            rubric.ratio_min_following,
            rubric.ratio_factor
        ),
        Reason::Dormant => format!(
            "C4 activity: last active {} days before the snapshot (limit {}); in 30 days it liked {} source(s), commented {} time(s), followed {} account(s).",
            days(as_of, &record.last_active_at).map_or_else(|| "?".into(), |d| d.to_string()),
            rubric.active_within_days,
            n(&record.like_sources_30d),
            n(&record.comments_30d),
            n(&record.follows_30d)
        ),
        Reason::NoOutsideMentions => {
            let by = field_value(record, Field::MentionedBy);
            if by.is_empty() {
                "C5 interaction: nobody mentioned or tagged the account.".into()
            } else {
                format!("C5 interaction: mentioned only by itself or supplier accounts ({by}).")
            }
        }
        Reason::ClosedLoop => format!(
            "D1 closed loop: every account it follows is a supplier account ({}).",
            field_value(record, Field::Follows)
        ),
        Reason::Flagged => format!(
            "D2 flagged: the platform flagged it on {} (within {} days of the snapshot).",
            field_value(record, Field::FlaggedAt),
            rubric.flag_window_days
        ),
        Reason::NarrowTarget => {
            "D3 narrow target: its only recent activity is liking a single source.".into()
        }
        Reason::Missing(Field::Follows) => {
            "Missing signal: it follows accounts but the follows list names none.".into()
        }
        Reason::Missing(f) => format!(
            "Missing signal: {f} is empty or absent, so the account is excluded rather than guessed."
        ),
        Reason::BadValue(f) => format!(
            "Unreadable signal: {f} holds “{}”, which cannot be read.",
            field_value(record, f)
        ),
        Reason::FutureDate(f) => format!(
            "Date after the snapshot: {f} is {}, after {as_of}.",
            field_value(record, f)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> AccountRecord {
        AccountRecord {
            platform: Signal::Value("instagram".into()),
            niche: None,
            username: "user8372615029".into(),
            has_profile_picture: Signal::Value(true),
            bio: Signal::Value("Yum".into()),
            posts: Signal::Bad("lots".into()),
            created_at: Signal::Value(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
            followers: Signal::Value(9),
            following: Signal::Value(4200),
            last_active_at: Signal::Value(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()),
            mentioned_by: Signal::Value(vec![]),
            follows: Signal::Value(vec!["a".into()]),
            flagged_at: Signal::Value(None),
            like_sources_30d: Signal::Value(0),
            comments_30d: Signal::Value(0),
            follows_30d: Signal::Value(0),
        }
    }

    #[test]
    fn explanations_name_the_values() {
        let r = record();
        let as_of = NaiveDate::from_ymd_opt(2026, 10, 12).unwrap();
        let rubric = Rubric::default();
        let say = |reason| explain(reason, &r, as_of, &rubric);
        assert_eq!(
            say(Reason::ShortBio),
            "C1 profile: the bio “Yum” holds 1 word(s); a sentence needs 3."
        );
        assert!(say(Reason::BadValue(Field::Posts)).contains("“lots”"));
        assert!(say(Reason::TooNew).contains("41 days"));
        assert!(say(Reason::Ratio).contains("follows 4200 accounts but has 9 followers"));
        assert!(say(Reason::Dormant).contains("72 days"));
        assert!(say(Reason::GeneratedUsername).contains("user8372615029"));
        assert_eq!(
            say(Reason::NoOutsideMentions),
            "C5 interaction: nobody mentioned or tagged the account."
        );
    }
}
