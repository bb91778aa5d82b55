//! Statement repositories written into a temporary folder, committed and
//! tagged with git2, and the real `psdoc` binary run in them.

use std::path::Path;

use super::run::{Run, psdoc_command};

/// A statement repository under construction in a temporary folder.
pub struct Repo {
    dir: tempfile::TempDir,
}

/// The eight sections of a complete, passing statement.
pub const CONTEXT: &str = "# Context of children's services\n\nLoch Ard is a mixed urban and rural area with a population of around 95,000 people, of whom 17,500 are children. The child protection committee reports to the Chief Officers' Group.\n";
pub const COVID: &str = "# Response to Covid-19\n\nDuring the pandemic partners kept face-to-face visits for children on the child protection register [E1]. Recovery planning finished in 2023.\n";
pub const DATA: &str = "# What your data is telling you\n\nInteragency referral discussions rose by 12% over two years while re-registrations fell [E1]. We are guided by QI 1.1 and QI 6.4.\n";
pub const INVOLVEMENT: &str = "# Children and young people's involvement and feedback\n\nChildren attend their own planning meetings more often than before [E1], and their views shape our plans.\n";
pub const QA: &str = "# Quality assurance and evaluative activity\n\nA multi-agency audit of initial referral discussions found good practice in information sharing [E1].\n";
pub const LEADERSHIP: &str = "# Collaborative strategic and operational leadership\n\nChief officers meet quarterly and scrutinise the child protection data set [E1].\n";
pub const ACHIEVEMENTS: &str = "# Key achievements\n\n## Bairns' Hoose\n\nChildren give evidence once [E1].\n\n## Safe and Together\n\nWorkers keep children with the protective parent.\n\n## Youth forum\n\nYoung people helped write the plan.\n";
pub const IMPROVEMENT: &str = "# Areas for improvement\n\nWe will improve chronologies. Our capacity for improvement is good, informed by QI 10 [E1].\n";

pub const PARTNERSHIP: &str =
    "[partnership]\nname = \"Test Partnership\"\nsubmission = 2026-03-20\n";

/// The six chapters before the achievements, as [`Repo::passing`] writes them.
pub const FIRST_SIX: [(&str, &str); 6] = [
    ("context.md", CONTEXT),
    ("covid.md", COVID),
    ("data.md", DATA),
    ("involvement.md", INVOLVEMENT),
    ("qa.md", QA),
    ("leadership.md", LEADERSHIP),
];

/// The eight chapters of [`Repo::passing`], one per required section.
pub fn all_chapters() -> Vec<(&'static str, &'static str)> {
    let mut chapters = FIRST_SIX.to_vec();
    chapters.extend([
        ("achievements.md", ACHIEVEMENTS),
        ("improvement.md", IMPROVEMENT),
    ]);
    chapters
}

impl Repo {
    /// An empty folder.
    pub fn empty() -> Self {
        Repo {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A complete statement that passes `psdoc check`: one chapter per
    /// section, in the guidance's order.
    pub fn passing() -> Self {
        let repo = Repo::empty()
            .file("partnership.toml", PARTNERSHIP)
            .file("book/book.toml", "[book]\ntitle = \"Test\"\n")
            .file(
                "evidence/log.toml",
                "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n",
            );
        repo.chapters(&all_chapters())
    }

    /// A passing statement whose last chapter is `achievements`, holding
    /// both the achievements and the improvement part (no improvement.md).
    pub fn passing_combined(achievements: &str) -> Self {
        let mut chapters = FIRST_SIX.to_vec();
        chapters.push(("achievements.md", achievements));
        Repo::passing()
            .remove("book/src/improvement.md")
            .chapters(&chapters)
    }

    /// Writes `book/src/SUMMARY.md` listing `chapters` and writes each.
    pub fn chapters(self, chapters: &[(&str, &str)]) -> Self {
        let mut summary = String::from("# Summary\n\n");
        for (file, text) in chapters {
            let title = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches('#')
                .trim();
            summary.push_str(&format!("- [{title}]({file})\n"));
        }
        let mut repo = self.file("book/src/SUMMARY.md", &summary);
        for (file, text) in chapters {
            repo = repo.file(&format!("book/src/{file}"), text);
        }
        repo
    }

    pub fn file(self, path: &str, contents: &str) -> Self {
        self.bytes(path, contents.as_bytes())
    }

    pub fn bytes(self, path: &str, contents: &[u8]) -> Self {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, contents).expect("write");
        self
    }

    /// Replaces the TOML log by a log at `path` (`.csv` or `.xlsx`) holding
    /// `contents`, named in `partnership.toml`.
    pub fn log_file(self, path: &str, contents: &[u8]) -> Self {
        self.remove("evidence/log.toml").bytes(path, contents).edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            &format!("submission = 2026-03-20\n[evidence]\nlog = \"{path}\"\n"),
        )
    }

    pub fn remove(self, path: &str) -> Self {
        std::fs::remove_file(self.dir.path().join(path)).expect("remove");
        self
    }

    /// Replaces `from` by `to` in a file, which must contain it.
    pub fn edit(self, path: &str, from: &str, to: &str) -> Self {
        let full = self.dir.path().join(path);
        let text = std::fs::read_to_string(&full).expect("read");
        assert!(text.contains(from), "{path} does not contain {from:?}");
        std::fs::write(full, text.replacen(from, to, 1)).expect("write");
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(path)).expect("read")
    }

    /// Runs `psdoc ARGS` in the repository's root.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(self.dir.path(), args)
    }

    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Run {
        let output = psdoc_command()
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .args(args)
            .output()
            .expect("run psdoc");
        Run { output }
    }

    /// Commits everything in the folder (deletions too) on HEAD, dated
    /// `time` (seconds since 1970), making the repository on first use.
    pub fn commit_at(&self, message: &str, time: i64) -> git2::Oid {
        let git = git2::Repository::open(self.path())
            .unwrap_or_else(|_| git2::Repository::init(self.path()).expect("git init"));
        let mut index = git.index().expect("index");
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .expect("add");
        index.update_all(["*"], None).expect("update");
        index.write().expect("write index");
        let tree = git
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let sig = git2::Signature::new(
            "Lead Officer",
            "lead@example.org",
            &git2::Time::new(time, 0),
        )
        .expect("signature");
        let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        git.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .expect("commit")
    }

    /// A lightweight tag on commit `id`.
    pub fn tag(&self, name: &str, id: git2::Oid) {
        let git = git2::Repository::open(self.path()).expect("open");
        let object = git.find_object(id, None).expect("object");
        git.tag_lightweight(name, &object, false).expect("tag");
    }

    /// `psdoc check --format json`, parsed.
    pub fn check_json(&self) -> serde_json::Value {
        self.check_json_with(&[])
    }

    /// `psdoc check --format json` with `options` (`--online`), parsed.
    pub fn check_json_with(&self, options: &[&str]) -> serde_json::Value {
        let args: Vec<&str> = ["check", "--format", "json"]
            .iter()
            .chain(options)
            .copied()
            .collect();
        let run = self.run(&args);
        assert!(run.code() <= 1, "exit {}: {}", run.code(), run.stderr());
        serde_json::from_str(&run.stdout()).expect("JSON")
    }

    /// `psdoc count --format json`, parsed.
    pub fn count_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.run(&["count", "--format", "json"]).stdout()).expect("JSON")
    }

    /// The findings of one rule.
    pub fn findings(&self, rule: &str) -> Vec<serde_json::Value> {
        self.findings_with(&[], rule)
    }

    /// The findings of one rule, `check` run with `options` (`--online`).
    pub fn findings_with(&self, options: &[&str], rule: &str) -> Vec<serde_json::Value> {
        self.check_json_with(options)["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["rule"] == rule)
            .cloned()
            .collect()
    }
}

/// The section `key` of psdoc's JSON (`count`, `diff`), failing the test when it
/// has none.
pub fn json_section<'a>(json: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no section {key} in {json:#}"))
}
