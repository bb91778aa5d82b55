//! What a pull request changes in how it is checked: GitHub's workflows and
//! settings (`.github/`), actions (`action.yml`), and the rules' severities
//! (`[rules]` in `partnership.toml`). A pull request that changes these
//! changes what its own check says, so the comment names them for review.

use serde::Deserialize;

use crate::error::Result;

/// A file a pull request changes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ChangedFile {
    pub filename: String,
    #[serde(default)]
    pub status: String,
    /// The old name of a renamed file.
    #[serde(default)]
    pub previous_filename: Option<String>,
}

/// One thing about the checks that a pull request changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupChange {
    /// Files under `.github/`: workflows (what runs, with which
    /// permissions), CODEOWNERS, Dependabot.
    GitHub(Vec<String>),
    /// `action.yml` files: actions a workflow may run.
    Actions(Vec<String>),
    /// The `[rules]` table of this `partnership.toml` differs from the
    /// base's: a rule turned off or made a warning.
    Rules { file: String },
    /// This `partnership.toml` changed, and its `[rules]` could not be
    /// compared.
    RulesUnknown { file: String, reason: String },
    /// The pull request's files could not be listed.
    Unknown { reason: String },
}

/// Which side of the pull request to read a file from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Head,
}

/// The changes to the checks among `files`; `read(path, side)` gives a
/// file's text (`None` when it does not exist on that side).
pub fn setup_changes(
    files: &[ChangedFile],
    read: impl Fn(&str, Side) -> Result<Option<String>>,
) -> Vec<SetupChange> {
    let mut github = Vec::new();
    let mut actions = Vec::new();
    let mut out = Vec::new();
    for f in files {
        let names = std::iter::once(f.filename.as_str()).chain(f.previous_filename.as_deref());
        let mut listed = false;
        for name in names {
            let file_name = name.rsplit('/').next().unwrap_or(name);
            if (name.starts_with(".github/") || name.contains("/.github/")) && !listed {
                github.push(f.filename.clone());
                listed = true;
            } else if matches!(file_name, "action.yml" | "action.yaml") && !listed {
                actions.push(f.filename.clone());
                listed = true;
            }
        }
        let is_config = |name: &str| name.rsplit('/').next() == Some("partnership.toml");
        if is_config(&f.filename) || f.previous_filename.as_deref().is_some_and(is_config) {
            let base_path = f.previous_filename.as_deref().unwrap_or(&f.filename);
            let base = if f.status == "added" {
                Ok(None)
            } else {
                read(base_path, Side::Base)
            };
            let head = if f.status == "removed" {
                Ok(None)
            } else {
                read(&f.filename, Side::Head)
            };
            match (base, head) {
                (Ok(base), Ok(head)) => {
                    match (rules_of(base.as_deref()), rules_of(head.as_deref())) {
                        (Ok(a), Ok(b)) if a == b => {}
                        (Ok(_), Ok(_)) => out.push(SetupChange::Rules {
                            file: f.filename.clone(),
                        }),
                        (Err(e), _) | (_, Err(e)) => out.push(SetupChange::RulesUnknown {
                            file: f.filename.clone(),
                            reason: e,
                        }),
                    }
                }
                (Err(e), _) | (_, Err(e)) => out.push(SetupChange::RulesUnknown {
                    file: f.filename.clone(),
                    reason: e.to_string(),
                }),
            }
        }
    }
    if !actions.is_empty() {
        out.insert(0, SetupChange::Actions(actions));
    }
    if !github.is_empty() {
        out.insert(0, SetupChange::GitHub(github));
    }
    out
}

/// The `[rules]` table of a `partnership.toml`'s text (none for an absent
/// file or table).
fn rules_of(text: Option<&str>) -> std::result::Result<Option<toml::Value>, String> {
    let Some(text) = text else {
        return Ok(None);
    };
    let table: toml::Table = text
        .parse()
        .map_err(|_| "it is not valid TOML on one side".to_owned())?;
    Ok(table.get("rules").cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, status: &str) -> ChangedFile {
        ChangedFile {
            filename: name.into(),
            status: status.into(),
            previous_filename: None,
        }
    }

    const BASE: &str =
        "[partnership]\nname = \"Loch Ard\"\n\n[rules]\nstale-evidence = \"warning\"\n";

    #[test]
    fn workflows_actions_and_rules_are_flagged() {
        let files = [
            file("book/src/data.md", "modified"),
            file(".github/workflows/statement.yml", "modified"),
            file("tools/action.yml", "added"),
            file("partnership.toml", "modified"),
        ];
        let read = |_: &str, side: Side| {
            Ok(Some(match side {
                Side::Base => BASE.to_owned(),
                Side::Head => BASE.replace("\"warning\"", "\"off\""),
            }))
        };
        assert_eq!(
            setup_changes(&files, read),
            vec![
                SetupChange::GitHub(vec![".github/workflows/statement.yml".into()]),
                SetupChange::Actions(vec!["tools/action.yml".into()]),
                SetupChange::Rules {
                    file: "partnership.toml".into()
                },
            ]
        );
    }

    #[test]
    fn other_changes_to_the_settings_are_not_flagged() {
        let files = [file("partnership.toml", "modified")];
        let read = |_: &str, side: Side| {
            Ok(Some(match side {
                Side::Base => BASE.to_owned(),
                Side::Head => BASE.replace("Loch Ard", "Loch Ard CPP"),
            }))
        };
        assert!(setup_changes(&files, read).is_empty());
        // A rename out of `.github/` is flagged too.
        let renamed = ChangedFile {
            filename: "old-workflow.yml".into(),
            status: "renamed".into(),
            previous_filename: Some(".github/workflows/statement.yml".into()),
        };
        assert_eq!(
            setup_changes(&[renamed], |_, _| Ok(None)),
            vec![SetupChange::GitHub(vec!["old-workflow.yml".into()])]
        );
        // Unreadable: flagged, never silently passed.
        let broken = |_: &str, _: Side| Ok(Some("[rules".to_owned()));
        assert!(matches!(
            setup_changes(&files, broken)[0],
            SetupChange::RulesUnknown { .. }
        ));
    }
}
