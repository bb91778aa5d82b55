//! `psdoc init [DIR]`: never overwrites a file.

use std::io::Write;

use anyhow::{Context, Result};
use psdoc_core::scaffold;

use super::Outcome;
use crate::cli::InitArgs;
use crate::output::print;

pub fn run(args: &InitArgs) -> Result<Outcome> {
    let dir = &args.dir;
    let (profile, chosen, custom) = choose_profile(args.profile.as_deref())?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = args.name.clone().unwrap_or_else(|| name_from_folder(dir));
    let mut report = String::new();
    let mut kept = 0;
    let mut files = scaffold::files(&name, profile, chosen);
    if let Some((path, text)) = custom {
        files.insert(
            1,
            scaffold::ScaffoldFile {
                path: path.into(),
                contents: text,
            },
        );
    }
    for file in files {
        let path = dir.join(&file.path);
        // Never through a link: it would write outside DIR, or over a file.
        if let Some(link) = link_on_the_way(dir, &file.path) {
            kept += 1;
            report.push_str(&format!(
                "  kept     {} ({link} is a link: not followed)\n",
                file.path
            ));
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(file.contents.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                report.push_str(&format!("  created  {}\n", file.path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                kept += 1;
                report.push_str(&format!(
                    "  kept     {} (already there, not changed)\n",
                    file.path
                ));
            }
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
        }
    }
    let mut out = format!(
        "A position statement repository for {name} in {}:\n{report}",
        dir.display()
    );
    if kept > 0 {
        out.push_str(&format!(
            "{kept} existing file(s) were left as they were.\n"
        ));
    }
    out.push_str("\nNext: write each chapter in book/src, log your evidence in evidence/log.toml,\nthen run `psdoc check` in that folder.\n");
    print(&out)?;
    Ok(Outcome::Passed)
}

/// The first part of `rel` under `dir` (the file itself included) that is a
/// symbolic link, dangling or not.
fn link_on_the_way(dir: &std::path::Path, rel: &str) -> Option<String> {
    let mut at = dir.to_path_buf();
    let mut shown = Vec::new();
    for part in rel.split('/') {
        at.push(part);
        shown.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(shown.join("/")),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// "loch-ard" becomes "Loch Ard Community Planning Partnership".
fn name_from_folder(dir: &std::path::Path) -> String {
    let base = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words: Vec<String> = base
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        return "Our Community Planning Partnership".into();
    }
    let name = words.join(" ");
    if name.to_lowercase().contains("partnership") {
        name
    } else {
        format!("{name} Community Planning Partnership")
    }
}

/// Where a custom profile is copied to in the new repository.
const CUSTOM_PROFILE: &str = "guidance.toml";

/// The profile a new statement follows, how partnership.toml names it, and
/// a profile file to copy in (its path in the repository and its text).
type ProfileChoice = (
    &'static psdoc_guidance::Profile,
    scaffold::Chosen<'static>,
    Option<(&'static str, String)>,
);

/// `--profile`: a built-in profile's name, or a profile file (copied into
/// the new repository as `guidance.toml`), or the default.
fn choose_profile(given: Option<&str>) -> Result<ProfileChoice> {
    let Some(given) = given else {
        return Ok((
            psdoc_guidance::default_profile(),
            scaffold::Chosen::Default,
            None,
        ));
    };
    if let Some(p) = psdoc_guidance::builtin(given) {
        let chosen = if p.name == psdoc_guidance::DEFAULT {
            scaffold::Chosen::Default
        } else {
            scaffold::Chosen::BuiltIn(p.name.as_str())
        };
        return Ok((p, chosen, None));
    }
    let path = std::path::Path::new(given);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("--profile {given}: cannot read the profile file"))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        let profile = psdoc_guidance::from_file(CUSTOM_PROFILE, &text)
            .map_err(|e| anyhow::anyhow!("{given}:{}:{}: {}", e.line, e.column, e.message))?;
        return Ok((
            profile,
            scaffold::Chosen::File(CUSTOM_PROFILE),
            Some((CUSTOM_PROFILE, text)),
        ));
    }
    anyhow::bail!(
        "--profile {given}: not a built-in guidance profile nor a .toml profile file; built in: {} (`psdoc guidance --list`)",
        psdoc_guidance::BUILTIN
            .iter()
            .map(|(n, _, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    )
}
