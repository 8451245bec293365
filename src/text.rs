//! Numbers and words as people read them, shared by the app, the report and exports: one
//! decimal for scores, percentages with a space ("90.0 %"), thousands separators, reason
//! codes in plain words.

pub use crate::domain::routing::count;

/// A score with one decimal.
pub fn score(x: f64) -> String {
    format!("{x:.1}")
}

/// A fraction as a percentage with one decimal (so columns line up), or "unknown".
pub fn share(x: Option<f64>) -> String {
    x.map_or_else(
        || "unknown".into(),
        |f| format!("{:.1} %", crate::listing::round(f * 100.0, 1)),
    )
}

/// A reason code in plain words ("dormant" becomes "no recent activity").
pub fn reason_words(code: &str) -> String {
    crate::domain::account::Reason::from_code(code)
        .map_or_else(|| code.to_string(), |r| r.describe())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_shares_and_reasons() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(share(Some(0.9)), "90.0 %");
        assert_eq!(share(None), "unknown");
        assert_eq!(reason_words("dormant"), "no recent activity");
        assert_eq!(reason_words("odd"), "odd");
    }
}
