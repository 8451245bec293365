//! The "bio holds at least one sentence" rule of criterion C1 (SPEC §2).
//!
//! Links, `@handles` and `#tags` are removed first because they are not prose; the rest is
//! split into words by the Unicode default word boundaries of UAX #29, and only words that
//! contain a letter count. No dictionary is used, so Han and Hiragana count one character per
//! word and a Katakana run counts as one word, exactly as `unicode_words` segments them.

use std::sync::LazyLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

/// URLs, handles and tags, in the order SPEC §2 lists them.
static NOT_PROSE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"https?://\S+|www\.\S+|@\w+|#\w+").ok());

/// Counts the words of a bio that contain an alphabetic character, after removing URLs,
/// handles and tags.
pub fn bio_word_count(bio: &str) -> usize {
    let prose = match NOT_PROSE.as_ref() {
        Some(re) => re.replace_all(bio, " "),
        // The pattern is a constant; should it ever fail to compile, counting the raw text
        // is the conservative choice (it can only add URL fragments, never invent words).
        None => bio.into(),
    };
    prose
        .unicode_words()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_and_three_words() {
        assert_eq!(bio_word_count("Home cook"), 2);
        assert_eq!(bio_word_count("Home cook here"), 3);
        assert_eq!(bio_word_count(""), 0);
        assert_eq!(bio_word_count("Yum"), 1);
    }

    #[test]
    fn links_handles_and_tags_do_not_count() {
        assert_eq!(bio_word_count("@chef #food https://x.com/a www.shop.fr"), 0);
        assert_eq!(bio_word_count("Cook @chef #food http://a.b/c at home"), 3);
    }

    #[test]
    fn numbers_alone_are_not_words() {
        assert_eq!(bio_word_count("2024 1999 42"), 0);
        assert_eq!(bio_word_count("Since 2024, baking"), 2);
    }

    #[test]
    fn cjk_counts_by_uax29_words() {
        // Han: one word per character.
        assert_eq!(bio_word_count("東京"), 2);
        assert_eq!(bio_word_count("東京都"), 3);
        // A Katakana run is a single word.
        assert_eq!(bio_word_count("カタカナ"), 1);
        // Hiragana: one word per character.
        assert_eq!(bio_word_count("ひらがな"), 4);
    }
}
