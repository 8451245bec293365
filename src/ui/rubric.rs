//! Rubric (SPEC §7): every threshold of the review as an editable form, explained in plain
//! words, validated as it is typed and saved as a new version; score centres re-derived from
//! a week's eligible accounts (SPEC §2); and the version history with what each version
//! changed and how many scorecards used it.
//!
//! The form edits a copy of the version in force. Nothing is written until the reviewer
//! saves, and saving goes through a background job ([`Command::SaveRubric`]).

use std::collections::BTreeMap;

use egui::{DragValue, RichText};

use super::format::{count, warn_color};
use super::screen_title_ui;
use crate::app::{Command, Data};
use crate::domain::routing::{Tier, TierRule};
use crate::domain::rubric::{DEFAULT_CENTRE, Rubric, RubricError, ScoreCentre};
use crate::domain::scorecard::percent;
use crate::domain::week::Week;

/// The rubric editor's state: the copy being edited and the week picked for deriving
/// score centres.
#[derive(Default)]
pub struct RubricState {
    /// The copy being edited. Its `version` is the version it started from, so a new
    /// version arriving can be told apart from the reviewer's own unsaved edits.
    edited: Option<Rubric>,
    /// A new snapshot arrived since the form was last drawn.
    snapshot_changed: bool,
    /// The week picked for deriving score centres.
    derive_week: Option<Week>,
}

impl RubricState {
    /// A new snapshot arrived: the next draw compares the version in force with the one the
    /// edits started from and starts over from the new version if it changed. Unsaved edits
    /// survive snapshots that bring no new version (an import, say).
    pub fn data_changed(&mut self) {
        self.snapshot_changed = true;
    }

    /// Whether the form holds changes that are not saved.
    pub fn has_unsaved_changes(&self, data: &Data) -> bool {
        self.edited
            .as_ref()
            .is_some_and(|e| normalised(e) != data.rubric)
    }

    /// Brings the edited copy in line with the snapshot (see [`RubricState::data_changed`]).
    fn sync(&mut self, data: &Data) {
        let stale = match &self.edited {
            None => true,
            Some(e) => self.snapshot_changed && e.version != data.rubric.version,
        };
        if stale {
            self.edited = Some(data.rubric.clone());
        }
        self.snapshot_changed = false;
        if self.derive_week.is_none_or(|w| !data.weeks.contains(&w)) {
            self.derive_week = data.weeks.first().copied();
        }
    }
}

/// Draws the rubric screen.
pub fn rubric_ui(
    ui: &mut egui::Ui,
    data: &Data,
    state: &mut RubricState,
    commands: &mut Vec<Command>,
) {
    state.sync(data);
    screen_title_ui(
        ui,
        "Rubric",
        "Every threshold the weekly review applies. Change values below, then save them as a new version: new imports and re-scores use it, while every scorecard keeps the version it was made with.",
    );
    let unsaved = state.has_unsaved_changes(data);
    let Some(edited) = state.edited.as_mut() else {
        return;
    };
    let candidate = normalised(edited);
    let problems = problems_of(&candidate);
    let warn = warn_color(ui.visuals().dark_mode);

    if action_bar_ui(ui, data, &candidate, unsaved, &problems, warn, commands) {
        *edited = data.rubric.clone();
    }
    ui.separator();

    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            section_ui(
                ui,
                "Account criteria",
                "An account counts as a real, active account only when it passes every one of these on the dump's snapshot date (criteria C1 to C5, disqualifiers D1 to D3 of the published definition).",
            );
            criteria_ui(ui, edited, &problems, warn);
            ui.add_space(12.0);
            section_ui(
                ui,
                "Scorecards and standing",
                "Each supplier's weekly scorecard clears or not; a scorecard that does not clear demotes the supplier, and a demoted supplier receives no new orders.",
            );
            standing_ui(ui, edited, &problems, warn);
            ui.add_space(12.0);
            section_ui(
                ui,
                "Tiers",
                "What a supplier's latest scorecard needs before it may receive an order of each tier, and the composite score routing aims for: among the suppliers that qualify, the one closest to the target wins.",
            );
            tiers_ui(ui, edited, &problems, warn);
            ui.add_space(12.0);
            section_ui(
                ui,
                "Score centres",
                "An eligible account scores 60 + 40 × closeness, where closeness (0 to 1) says how near its follower balance, log10((followers + 1) / (following + 1)), sits to the centre of its platform and niche, measured in spreads. A niche's own row wins over its platform's “all niches” row; anything not listed uses centre 0.0 and spread 0.5.",
            );
            centres_ui(ui, edited, &problems, warn);
            ui.add_space(16.0);
            ui.separator();
            derive_ui(ui, data, &mut state.derive_week, unsaved, commands);
            ui.add_space(16.0);
            ui.separator();
            history_ui(ui, data);
        });
}

/// The version in force, the save and discard buttons and what blocks saving. Returns
/// whether the reviewer asked to discard the changes.
fn action_bar_ui(
    ui: &mut egui::Ui,
    data: &Data,
    candidate: &Rubric,
    unsaved: bool,
    problems: &[RubricError],
    warn: egui::Color32,
    commands: &mut Vec<Command>,
) -> bool {
    let current = data.rubric.version;
    let mut discard = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Version {current} is in force.")).strong());
        let save = ui
            .add_enabled(
                unsaved && problems.is_empty(),
                egui::Button::new(format!("Save as version {}", current + 1)),
            )
            .on_hover_text(
                "Save these values as a new version; imports and re-scores from now on use it",
            )
            .on_disabled_hover_text(if problems.is_empty() {
                "Nothing has changed yet".to_string()
            } else {
                "Fix the problems shown in red first".to_string()
            });
        if save.clicked() {
            commands.push(Command::SaveRubric(Box::new(candidate.clone())));
        }
        discard = ui
            .add_enabled(unsaved, egui::Button::new("Discard changes"))
            .on_hover_text(format!("Put every value back as version {current} has it"))
            .clicked();
        if !problems.is_empty() {
            let mut settings: Vec<&str> = problems.iter().map(|p| p.setting.as_str()).collect();
            settings.dedup();
            ui.colored_label(
                warn,
                format!(
                    "{} to fix before saving ({}).",
                    plural(problems.len(), "problem", "problems"),
                    settings.join(", ")
                ),
            );
        } else if unsaved {
            let changes = crate::domain::rubric::changes(&data.rubric, candidate);
            ui.label(format!("Unsaved: {}.", changes.join("; ")));
        } else {
            ui.label(RichText::new("No unsaved changes.").weak());
        }
    });
    discard
}

fn section_ui(ui: &mut egui::Ui, title: &str, explanation: &str) {
    ui.label(RichText::new(title).strong().size(16.0));
    ui.label(RichText::new(explanation).weak());
    ui.add_space(4.0);
}

/// The help text of a setting, and under it every problem with that setting, in red.
fn help_ui(
    ui: &mut egui::Ui,
    help: &str,
    problems: &[RubricError],
    setting: &str,
    warn: egui::Color32,
) {
    ui.vertical(|ui| {
        ui.label(RichText::new(help).weak());
        for p in problems.iter().filter(|p| p.setting == setting) {
            ui.colored_label(warn, p.to_string());
        }
    });
}

/// One whole-number or decimal setting: name, input, help and problems, as a grid row.
#[allow(clippy::too_many_arguments)]
fn number_row<N: egui::emath::Numeric>(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut N,
    speed: f64,
    unit: &str,
    help: &str,
    problems: &[RubricError],
    setting: &str,
    warn: egui::Color32,
) {
    let label = ui.label(name);
    ui.add(DragValue::new(value).speed(speed).suffix(unit))
        .labelled_by(label.id);
    help_ui(ui, help, problems, setting, warn);
    ui.end_row();
}

/// A fraction edited as a percentage (90 on screen, 0.90 stored). Values outside 0–100 can
/// be typed: validation says what is wrong instead of silently clamping.
fn percent_value(ui: &mut egui::Ui, fraction: &mut f64) -> egui::Response {
    // Rounded so 0.855 shows as 85.5 rather than 85.49999999999999.
    let mut pct = (*fraction * 100.0 * 1e6).round() / 1e6;
    let response = ui.add(
        DragValue::new(&mut pct)
            .speed(0.5)
            .custom_formatter(|v, _| plain_number(v))
            .suffix(" %"),
    );
    if response.changed() {
        *fraction = pct / 100.0;
    }
    response
}

/// A number with at most two decimals and no trailing zeros: 90, 85.5.
fn plain_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A percentage setting as a grid row.
fn percent_row(
    ui: &mut egui::Ui,
    name: &str,
    fraction: &mut f64,
    help: &str,
    problems: &[RubricError],
    setting: &str,
    warn: egui::Color32,
) {
    let label = ui.label(name);
    percent_value(ui, fraction).labelled_by(label.id);
    help_ui(ui, help, problems, setting, warn);
    ui.end_row();
}

fn form_grid(id: &str) -> egui::Grid {
    egui::Grid::new(id)
        .num_columns(3)
        .spacing([16.0, 8.0])
        .min_col_width(90.0)
}

fn criteria_ui(ui: &mut egui::Ui, r: &mut Rubric, problems: &[RubricError], warn: egui::Color32) {
    form_grid("rubric_criteria").show(ui, |ui| {
        number_row(
            ui,
            "Words in a bio sentence",
            &mut r.min_bio_words,
            0.1,
            " words",
            "A bio holds a sentence when it has at least this many words; links, @handles and #tags do not count (C1).",
            problems,
            "Words in a bio sentence",
            warn,
        );
        number_row(
            ui,
            "Minimum posts",
            &mut r.min_posts,
            0.2,
            " posts",
            "An account needs at least this many public posts (C1).",
            problems,
            "Minimum posts",
            warn,
        );
        number_row(
            ui,
            "Minimum account age",
            &mut r.min_age_days,
            1.0,
            " days",
            "An account must have been created at least this many days before the snapshot (C2).",
            problems,
            "Minimum account age",
            warn,
        );
        number_row(
            ui,
            "Ratio rule applies from",
            &mut r.ratio_min_following,
            5.0,
            " followed",
            "The follower ratio is only checked for accounts following at least this many others (C3).",
            problems,
            "Ratio rule applies from",
            warn,
        );
        let factor_help = format!(
            "Such an account fails when it follows more than {} times as many accounts as follow it (C3).",
            r.ratio_factor
        );
        number_row(
            ui,
            "Ratio factor",
            &mut r.ratio_factor,
            0.1,
            " ×",
            &factor_help,
            problems,
            "Ratio factor",
            warn,
        );
        number_row(
            ui,
            "Active within",
            &mut r.active_within_days,
            0.5,
            " days",
            "Its last activity must be at most this many days before the snapshot, and it must have liked, commented or followed outside accounts in the last 30 days (C4).",
            problems,
            "Active within",
            warn,
        );
        number_row(
            ui,
            "Flag window",
            &mut r.flag_window_days,
            0.5,
            " days",
            "A platform integrity flag at most this many days before the snapshot disqualifies the account (D2).",
            problems,
            "Flag window",
            warn,
        );
    });
}

fn standing_ui(ui: &mut egui::Ui, r: &mut Rubric, problems: &[RubricError], warn: egui::Color32) {
    form_grid("rubric_standing").show(ui, |ui| {
        percent_row(
            ui,
            "Eligible share floor",
            &mut r.eligible_share_floor,
            "A weekly scorecard clears only when at least this share of the supplier's accounts is eligible.",
            problems,
            "Eligible share floor",
            warn,
        );
        percent_row(
            ui,
            "Retention floor",
            &mut r.retention_floor,
            "…and, once its retention score is known, only when retention is at least this.",
            problems,
            "Retention floor",
            warn,
        );
        number_row(
            ui,
            "Clean weeks to reinstate",
            &mut r.reinstate_after,
            0.1,
            " weeks",
            "A demoted supplier returns to good standing after this many clearing scorecards in a row; a week without a dump neither counts nor breaks the run.",
            problems,
            "Clean weeks to reinstate",
            warn,
        );
        percent_row(
            ui,
            "Quality weight",
            &mut r.quality_weight,
            "Share of the composite score that comes from the quality score.",
            problems,
            "",
            warn,
        );
        let weights_help = format!(
            "Share that comes from retention. Composite = {} × quality + {} × retention; the two weights must add up to 100 %. While retention is unknown, the composite is the quality alone.",
            percent(r.quality_weight),
            percent(r.retention_weight)
        );
        percent_row(
            ui,
            "Retention weight",
            &mut r.retention_weight,
            &weights_help,
            problems,
            "Composite weights",
            warn,
        );
    });
}

fn tier_name(tier: Tier) -> &'static str {
    match tier {
        Tier::Standard => "Standard",
        Tier::Premium => "Premium",
        Tier::Elite => "Elite",
    }
}

fn tier_mut(r: &mut Rubric, tier: Tier) -> &mut TierRule {
    match tier {
        Tier::Standard => &mut r.tiers.standard,
        Tier::Premium => &mut r.tiers.premium,
        Tier::Elite => &mut r.tiers.elite,
    }
}

fn tiers_ui(ui: &mut egui::Ui, r: &mut Rubric, problems: &[RubricError], warn: egui::Color32) {
    egui::Grid::new("rubric_tiers")
        .num_columns(4)
        .spacing([24.0, 8.0])
        .striped(true)
        .show(ui, |ui| {
            for title in [
                "Tier",
                "Minimum quality",
                "Minimum retention",
                "Target composite",
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for tier in Tier::ALL {
                let name = tier_name(tier);
                let rule = tier_mut(r, tier);
                ui.label(name);
                ui.add(
                    DragValue::new(&mut rule.min_quality)
                        .speed(0.5)
                        .max_decimals(1),
                )
                .accessible_name(format!("{name} minimum quality"));
                ui.horizontal(|ui| {
                    let mut none = rule.min_retention.is_none();
                    if ui
                        .checkbox(&mut none, "none")
                        .on_hover_text(
                            "No minimum: suppliers whose retention is still unknown qualify too",
                        )
                        .accessible_name(format!("{name}: no minimum retention"))
                        .changed()
                    {
                        rule.min_retention = if none {
                            None
                        } else {
                            TierRule::default_for(tier).min_retention.or(Some(0.9))
                        };
                    }
                    if let Some(min) = rule.min_retention.as_mut() {
                        percent_value(ui, min).accessible_name(format!("{name} minimum retention"));
                    } else {
                        ui.label(RichText::new("unknown allowed").weak());
                    }
                });
                ui.add(
                    DragValue::new(&mut rule.target_composite)
                        .speed(0.5)
                        .max_decimals(1),
                )
                .accessible_name(format!("{name} target composite"));
                ui.end_row();
            }
        });
    for tier in Tier::ALL {
        let setting = format!("{} tier", tier.as_str());
        for p in problems.iter().filter(|p| p.setting == setting) {
            ui.colored_label(warn, format!("{} tier: {}", tier_name(tier), p.problem));
        }
    }
}

fn centres_ui(ui: &mut egui::Ui, r: &mut Rubric, problems: &[RubricError], warn: egui::Color32) {
    if r.centres.is_empty() {
        ui.label(format!(
            "No score centres yet: every platform and niche uses centre {:.1} and spread {:.1}.",
            DEFAULT_CENTRE.0, DEFAULT_CENTRE.1
        ));
    } else {
        let mut remove = None;
        egui::Grid::new("rubric_centres")
            .num_columns(5)
            .min_col_width(60.0)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for title in ["Platform", "Niche", "Centre", "Spread", ""] {
                    ui.strong(title);
                }
                ui.end_row();
                for (i, c) in r.centres.iter_mut().enumerate() {
                    let row = i + 1;
                    ui.add(
                        egui::TextEdit::singleline(&mut c.platform)
                            .min_size(egui::vec2(120.0, 0.0))
                            .hint_text("platform"),
                    )
                    .accessible_name(format!("Score centre {row} platform"));
                    let mut niche = c.niche.clone().unwrap_or_default();
                    if ui
                        .add(
                            egui::TextEdit::singleline(&mut niche)
                                .min_size(egui::vec2(120.0, 0.0))
                                .hint_text("all niches"),
                        )
                        .accessible_name(format!("Score centre {row} niche"))
                        .changed()
                    {
                        c.niche = (!niche.is_empty()).then_some(niche);
                    }
                    ui.add(DragValue::new(&mut c.centre).speed(0.01).max_decimals(3))
                        .accessible_name(format!("Score centre {row} centre"));
                    ui.add(DragValue::new(&mut c.spread).speed(0.01).max_decimals(3))
                        .accessible_name(format!("Score centre {row} spread"));
                    if ui
                        .button("Remove")
                        .on_hover_text("Remove this row; its platform and niche then fall back to the platform's row or the default")
                        .accessible_name(format!("Remove score centre {row}"))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            r.centres.remove(i);
        }
    }
    for p in problems
        .iter()
        .filter(|p| p.setting.starts_with("Score centre"))
    {
        ui.colored_label(warn, p.to_string());
    }
    if ui
        .button("Add a score centre")
        .on_hover_text("A new row; type the platform, and a niche or leave it empty for all niches")
        .clicked()
    {
        r.centres.push(ScoreCentre {
            platform: String::new(),
            niche: None,
            centre: DEFAULT_CENTRE.0,
            spread: DEFAULT_CENTRE.1,
        });
    }
}

/// "Derive score centres from a week…": pick a week, confirm, and a job saves a new version.
fn derive_ui(
    ui: &mut egui::Ui,
    data: &Data,
    week: &mut Option<Week>,
    unsaved: bool,
    commands: &mut Vec<Command>,
) {
    ui.label(
        RichText::new("Derive score centres from a week…")
            .strong()
            .size(16.0),
    );
    ui.label(
        "Saves a new version whose score centres come from one week's eligible accounts, for each platform and for each niche on it: the centre is the median follower balance and the spread is 1.4826 × the median absolute deviation, but at least 0.1. Every other setting stays as the version in force has it. Scorecards keep the version they were made with; re-score a week to apply the new centres.",
    );
    if data.weeks.is_empty() {
        ui.label(
            RichText::new("Import supplier dumps first: there is no week to derive from.").weak(),
        );
        return;
    }
    ui.horizontal(|ui| {
        let shown = week.map_or_else(|| "choose a week".to_string(), |w| w.to_string());
        let label = ui.label("Week");
        egui::ComboBox::from_id_salt("derive_week")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for w in &data.weeks {
                    ui.selectable_value(week, Some(*w), w.to_string());
                }
            })
            .response
            .labelled_by(label.id);
        let next = data.rubric.version + 1;
        if ui
            .add_enabled(week.is_some(), egui::Button::new("Derive score centres…"))
            .on_hover_text("Asks before saving anything")
            .clicked()
            && let Some(w) = *week
        {
            let mut body = format!(
                "Version {next} will hold score centres computed from the eligible accounts of every supplier in {w} (median and 1.4826 × MAD per platform and niche, spread at least 0.1). It applies to imports and re-scores from now on."
            );
            if unsaved {
                body.push_str(" Your unsaved changes in the form will be discarded.");
            }
            commands.push(Command::Confirm {
                title: format!("Derive score centres from {w}?"),
                body,
                action: format!("Derive and save version {next}"),
                then: Box::new(Command::DeriveCentres(w)),
            });
        }
    });
}

/// Every version, newest first: how many scorecards used it and what it changed.
fn history_ui(ui: &mut egui::Ui, data: &Data) {
    ui.label(RichText::new("Version history").strong().size(16.0));
    ui.label(RichText::new("Each scorecard keeps the version it was made with; a re-score moves it to the version in force.").weak());
    ui.add_space(4.0);
    let mut used: BTreeMap<u32, u64> = BTreeMap::new();
    for card in data.history.values().flatten() {
        *used.entry(card.rubric_version).or_default() += 1;
    }
    egui::Grid::new("rubric_history")
        .num_columns(3)
        .spacing([24.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for title in ["Version", "Scorecards using it", "What changed"] {
                ui.strong(title);
            }
            ui.end_row();
            for (i, r) in data.rubrics.iter().enumerate().rev() {
                if r.version == data.rubric.version {
                    ui.label(RichText::new(format!("Version {} (in force)", r.version)).strong());
                } else {
                    ui.label(format!("Version {}", r.version));
                }
                ui.label(count(used.get(&r.version).copied().unwrap_or(0)));
                let what = match i.checked_sub(1).and_then(|p| data.rubrics.get(p)) {
                    None => "The first version: the published defaults.".to_string(),
                    Some(prev) => {
                        let changes = crate::domain::rubric::changes(prev, r);
                        if changes.is_empty() {
                            "No setting changed.".to_string()
                        } else {
                            sentence(&changes.join("; "))
                        }
                    }
                };
                ui.add(egui::Label::new(what).wrap());
                ui.end_row();
            }
        });
}

fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The rubric as it would be saved: platform and niche names trimmed and lower-case, an
/// empty niche meaning "all niches".
pub fn normalised(r: &Rubric) -> Rubric {
    let mut out = r.clone();
    for c in &mut out.centres {
        c.platform = c.platform.trim().to_lowercase();
        c.niche = c
            .niche
            .as_deref()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty());
    }
    out
}

/// Every problem with a rubric: [`Rubric::validate`]'s, plus score-centre rows without a
/// platform or listed twice (the second would never be used).
pub fn problems_of(r: &Rubric) -> Vec<RubricError> {
    let mut problems = r.validate().err().unwrap_or_default();
    let mut seen: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    for (i, c) in r.centres.iter().enumerate() {
        let row = i + 1;
        if c.platform.is_empty() {
            problems.push(RubricError {
                setting: format!("Score centre row {row}"),
                problem: "the platform is empty; type one (such as instagram) or remove the row"
                    .into(),
            });
            continue;
        }
        if let Some(first) = seen.insert((c.platform.as_str(), c.niche.as_deref()), row) {
            problems.push(RubricError {
                setting: format!("Score centre row {row}"),
                problem: format!(
                    "row {first} already sets {}; remove one of them",
                    crate::domain::rubric::centre_name(c)
                ),
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_show_without_trailing_zeros() {
        assert_eq!(plain_number(90.0), "90");
        assert_eq!(plain_number(85.5), "85.5");
        assert_eq!(plain_number(150.0), "150");
        assert_eq!(plain_number(0.25), "0.25");
    }

    #[test]
    fn unsaved_edits_survive_snapshots_until_a_new_version_arrives() {
        let mut data = Data::default();
        let mut state = RubricState::default();
        state.sync(&data);
        if let Some(e) = state.edited.as_mut() {
            e.min_posts = 12;
        }
        state.data_changed();
        state.sync(&data);
        assert!(state.has_unsaved_changes(&data));
        data.rubric.version = 2;
        state.data_changed();
        state.sync(&data);
        assert!(!state.has_unsaved_changes(&data));
        assert_eq!(state.edited.as_ref().map(|e| e.version), Some(2));
    }

    #[test]
    fn changes_are_listed_in_words() {
        let old = Rubric::default();
        let mut new = old.clone();
        new.eligible_share_floor = 0.85;
        new.min_age_days = 120;
        new.tiers.premium.min_retention = None;
        assert_eq!(
            crate::domain::rubric::changes(&old, &new),
            [
                "minimum account age 90 days to 120 days",
                "eligible share floor 90 % to 85 %",
                "premium minimum retention 90 % to none",
            ]
        );
        assert!(crate::domain::rubric::changes(&old, &old).is_empty());
    }

    #[test]
    fn many_centre_changes_are_summed_up() {
        let old = Rubric::default();
        let mut new = old.clone();
        for p in ["a", "b", "c", "d", "e"] {
            new.centres.push(ScoreCentre {
                platform: p.into(),
                niche: None,
                centre: 0.1,
                spread: 0.3,
            });
        }
        assert_eq!(
            crate::domain::rubric::changes(&old, &new),
            ["score centres: 5 added, 0 changed, 0 removed"]
        );
        new.centres.truncate(1);
        assert_eq!(
            crate::domain::rubric::changes(&old, &new),
            ["score centre a (all niches) added (centre 0.100, spread 0.300)"]
        );
    }

    #[test]
    fn centre_rows_are_normalised_and_checked() {
        let r = Rubric {
            centres: vec![
                ScoreCentre {
                    platform: " Instagram ".into(),
                    niche: Some(" ".into()),
                    centre: 0.1,
                    spread: 0.3,
                },
                ScoreCentre {
                    platform: "instagram".into(),
                    niche: None,
                    centre: 0.2,
                    spread: 0.3,
                },
                ScoreCentre {
                    platform: String::new(),
                    niche: None,
                    centre: 0.0,
                    spread: 0.05,
                },
            ],
            ..Rubric::default()
        };
        let n = normalised(&r);
        assert_eq!(n.centres[0].platform, "instagram");
        assert_eq!(n.centres[0].niche, None);
        let problems: Vec<String> = problems_of(&n).iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("spread must be at least 0.1"))
        );
        assert!(problems.iter().any(|p| p.contains("row 1 already sets")));
        assert!(problems.iter().any(|p| p.contains("platform is empty")));
    }
}
