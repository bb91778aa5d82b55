//! Reading a statement as of any revision straight from git's object
//! database: no checkout, the working tree and the index left untouched.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use git2::{ErrorCode, ObjectType, Oid, Repository};

use super::diff::Version;
use psdoc_core::check::Project;
use psdoc_core::config::{self, CONFIG_FILE};
use psdoc_core::error::{Error, Result};
use psdoc_core::model::evidence::{self, Citations};
use psdoc_core::model::files::{FileSource, ReadError, is_within};
use psdoc_core::model::{SourceFile, Sources, Statement};
use psdoc_core::redact::Redactor;
use psdoc_evidence::DocumentLog;

/// The name `psdoc diff` gives the working tree when TO is omitted.
pub const WORKTREE: &str = "WORKTREE";

/// What `actions/checkout` needs to see tags and merge bases.
const FETCH_ALL: &str = "fetch the full history (in GitHub Actions: `actions/checkout` with `fetch-depth: 0`; locally: `git fetch --unshallow --tags`)";

/// A statement repository's git repository, opened once and shared by the
/// revisions read from it.
#[derive(Clone)]
pub struct StatementRepo {
    repo: Arc<Mutex<Repository>>,
    /// The statement root inside the repository (`""` at the top, else
    /// `a/b` with `/` separators).
    prefix: String,
    root: PathBuf,
}

/// A commit, resolved from what the user typed.
#[derive(Debug, Clone)]
pub struct Commit {
    pub id: Oid,
    /// Seconds since the epoch (committer time).
    pub time: i64,
    /// The first line of the commit message.
    pub summary: String,
}

impl StatementRepo {
    /// The git repository holding the statement root `root`.
    pub fn open(root: &Path) -> Result<Self> {
        // psdoc only reads, as `git` itself does, without hashing every
        // object again (a sixth of a diff's time).
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(root).map_err(|e| {
            if e.code() == ErrorCode::Owner {
                other(format!(
                    "git refuses to read {}: it belongs to another user; run `git config --global --add safe.directory {}`",
                    root.display(),
                    root.display()
                ))
            } else {
                other(format!(
                    "{} is not in a git repository: diffs and history read earlier versions from git (run `git init` and commit the statement first)",
                    root.display()
                ))
            }
        })?;
        let workdir = repo.workdir().ok_or_else(|| {
            other("the git repository is bare: run psdoc in a clone that has a working tree")
        })?;
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let prefix = canonical(root)
            .strip_prefix(canonical(workdir))
            .map(psdoc_core::model::files::to_relative)
            .unwrap_or_default();
        Ok(StatementRepo {
            repo: Arc::new(Mutex::new(repo)),
            prefix,
            root: root.to_path_buf(),
        })
    }

    /// A second handle on the same repository, for reading on another
    /// thread: a handle serves one thread at a time, and two revisions read
    /// in parallel through one waited on each other for a ninth of a diff.
    pub fn another_handle(&self) -> Result<Self> {
        let path = self.with(|repo| repo.path().to_path_buf());
        let repo = Repository::open(&path).map_err(|e| {
            other(format!(
                "cannot open the git repository {} again: {}",
                path.display(),
                e.message()
            ))
        })?;
        Ok(StatementRepo {
            repo: Arc::new(Mutex::new(repo)),
            prefix: self.prefix.clone(),
            root: self.root.clone(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The statement root's folder inside the repository (`""` at the top).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Runs `f` with the repository locked.
    pub fn with<T>(&self, f: impl FnOnce(&Repository) -> T) -> T {
        let repo = self.repo.lock().unwrap_or_else(|p| p.into_inner());
        f(&repo)
    }

    /// The commit `spec` names (a tag, branch, commit, `HEAD~3`...).
    pub fn commit(&self, spec: &str) -> Result<Commit> {
        self.with(|repo| {
            let object = repo
                .revparse_single(spec)
                .map_err(|e| unknown_revision(repo, spec, &e))?;
            let commit = object.peel_to_commit().map_err(|_| {
                other(format!(
                    "`{spec}` is not a commit: name a tag, a branch or a commit"
                ))
            })?;
            Ok(describe_commit(&commit))
        })
    }

    /// The merge base of `spec` and HEAD, as `check --base` and pull
    /// requests compare.
    pub fn merge_base_with_head(&self, spec: &str) -> Result<Commit> {
        let base = self.commit(spec)?;
        let head = self.commit("HEAD")?;
        self.with(|repo| {
            let oid = repo.merge_base(base.id, head.id).map_err(|_| {
                if repo.is_shallow() {
                    other(format!(
                        "`{spec}` and HEAD have no common ancestor in this shallow clone: {FETCH_ALL}"
                    ))
                } else {
                    other(format!(
                        "`{spec}` and HEAD have no common ancestor: name a revision of this statement's history"
                    ))
                }
            })?;
            let commit = repo
                .find_commit(oid)
                .map_err(|e| other(format!("cannot read the merge base {oid}: {}", e.message())))?;
            Ok(describe_commit(&commit))
        })
    }

    /// The statement root's tree at `commit`, or `None` when the folder did
    /// not exist then.
    pub fn root_tree(&self, commit: Oid) -> Result<Option<Oid>> {
        self.with(|repo| {
            let commit = repo
                .find_commit(commit)
                .map_err(|e| other(format!("cannot read commit {commit}: {}", e.message())))?;
            let tree = commit.tree().map_err(|e| {
                other(format!(
                    "cannot read the tree of {}: {}",
                    commit.id(),
                    e.message()
                ))
            })?;
            if self.prefix.is_empty() {
                return Ok(Some(tree.id()));
            }
            match tree.get_path(Path::new(&self.prefix)) {
                Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Ok(Some(entry.id())),
                _ => Ok(None),
            }
        })
    }

    /// The files of the statement root at `commit`.
    pub fn tree_at(&self, commit: &Commit, label: &str) -> Result<GitTree> {
        let tree = self
            .root_tree(commit.id)?
            .ok_or_else(|| no_statement(label))?;
        Ok(GitTree {
            repo: Arc::clone(&self.repo),
            tree,
            label: label.to_owned(),
        })
    }

    /// Loads the statement as of revision `spec`, for a check.
    pub fn load(&self, spec: &str) -> Result<Project> {
        let commit = self.commit(spec)?;
        let tree = self.tree_at(&commit, spec)?;
        tree.project()
    }

    /// Loads the statement as of revision `spec`, for a diff.
    pub fn revision(&self, spec: &str) -> Result<Revision> {
        let commit = self.commit(spec)?;
        let tree = self.tree_at(&commit, spec)?;
        tree.revision()
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.with(|repo| repo.is_shallow())
    }
}

fn describe_commit(commit: &git2::Commit<'_>) -> Commit {
    Commit {
        id: commit.id(),
        time: commit.time().seconds(),
        summary: commit
            .summary()
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_owned(),
    }
}

/// One revision's statement, as diffs and histories read it.
pub struct Revision {
    pub config: psdoc_core::Config,
    pub sources: Sources,
    pub statement: Statement,
    pub log: DocumentLog,
    pub citations: Citations,
}

impl Revision {
    /// This revision seen through `redactor` (one built from its own
    /// privacy settings: see [`same_privacy`]).
    pub fn version<'a>(&'a self, redactor: &'a Redactor) -> Version<'a> {
        Version {
            config: &self.config,
            statement: &self.statement,
            log: &self.log,
            citations: &self.citations,
            redactor,
        }
    }

    /// A redactor with this revision's privacy settings.
    pub fn redactor(&self) -> Result<Redactor> {
        Redactor::new(&self.config.privacy)
    }
}

/// Whether two configurations mask the same identifiers, so that one
/// redactor serves both.
pub fn same_privacy(a: &psdoc_core::Config, b: &psdoc_core::Config) -> bool {
    format!("{:?}", a.privacy) == format!("{:?}", b.privacy)
}

/// The files of one revision's statement root, read from git's object
/// database. A symbolic link, or a path leaving the root, is
/// [`ReadError::OutsideRoot`]: psdoc reads nothing outside the statement.
pub struct GitTree {
    repo: Arc<Mutex<Repository>>,
    /// The statement root's tree.
    tree: Oid,
    label: String,
}

/// What a path names in a tree.
enum Entry {
    Blob(Oid),
    Tree,
}

impl GitTree {
    /// The id of the statement root's tree: equal ids, equal statements.
    pub fn id(&self) -> Oid {
        self.tree
    }

    /// Parses `partnership.toml` and loads the statement of this revision.
    pub fn project(&self) -> Result<Project> {
        let (config, text) = self.config()?;
        Project::from_files(config, text, self).map_err(|e| at_revision(&self.label, e))
    }

    /// The statement, its log and citations, without what only a check
    /// needs (the evidence files' states, a redactor of its own: building
    /// one costs more than reading a statement, and a diff or a history
    /// shares one across revisions).
    pub fn revision(&self) -> Result<Revision> {
        let (config, text) = self.config()?;
        let load = || -> Result<Revision> {
            let mut sources = Sources::default();
            sources.add(SourceFile::new(CONFIG_FILE, text));
            let statement = Statement::load(&config, self, &mut sources)?;
            let log = evidence::load_log(&config, self, &mut sources)?;
            let citations = Citations::find(&statement, &sources, &config);
            Ok(Revision {
                config: config.clone(),
                sources,
                statement,
                log,
                citations,
            })
        };
        load().map_err(|e| at_revision(&self.label, e))
    }

    fn config(&self) -> Result<(psdoc_core::Config, String)> {
        let bytes = match self.read(CONFIG_FILE) {
            Ok(b) => b,
            Err(ReadError::NotFound) => return Err(no_statement(&self.label)),
            Err(ReadError::OutsideRoot) => {
                return Err(at_revision(
                    &self.label,
                    Error::file(CONFIG_FILE, "is a link: psdoc reads nothing through links"),
                ));
            }
            Err(ReadError::Other(m)) => {
                return Err(at_revision(&self.label, Error::file(CONFIG_FILE, m)));
            }
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            at_revision(
                &self.label,
                Error::file(CONFIG_FILE, "is not UTF-8 text: save it as UTF-8"),
            )
        })?;
        let text = psdoc_core::position::strip_bom(text);
        let mut config = config::parse(&text).map_err(|e| at_revision(&self.label, e))?;
        // A profile file is read from this revision, as the statement is.
        config
            .resolve_guidance(&text, self)
            .map_err(|e| at_revision(&self.label, e))?;
        Ok((config, text))
    }

    fn lookup(&self, path: &str) -> Result<Entry, ReadError> {
        let parts = components(path)?;
        let repo = self.repo.lock().unwrap_or_else(|p| p.into_inner());
        let mut tree = repo.find_tree(self.tree).map_err(git_read)?;
        for (i, part) in parts.iter().enumerate() {
            let (mode, kind, id) = match tree.get_name(part) {
                Some(entry) => (entry.filemode(), entry.kind(), entry.id()),
                None => return Err(ReadError::NotFound),
            };
            let last = i + 1 == parts.len();
            match mode {
                // A symbolic link: it could lead anywhere.
                0o120000 => return Err(ReadError::OutsideRoot),
                0o160000 => {
                    return Err(ReadError::Other("it is a git submodule, not a file".into()));
                }
                _ => {}
            }
            match kind {
                Some(ObjectType::Tree) if last => return Ok(Entry::Tree),
                Some(ObjectType::Tree) => tree = repo.find_tree(id).map_err(git_read)?,
                Some(ObjectType::Blob) if last => return Ok(Entry::Blob(id)),
                _ => return Err(ReadError::NotFound),
            }
        }
        Ok(Entry::Tree)
    }
}

impl FileSource for GitTree {
    fn read(&self, path: &str) -> Result<Vec<u8>, ReadError> {
        match self.lookup(path)? {
            Entry::Blob(id) => {
                let repo = self.repo.lock().unwrap_or_else(|p| p.into_inner());
                let blob = repo.find_blob(id).map_err(git_read)?;
                Ok(blob.content().to_vec())
            }
            Entry::Tree => Err(ReadError::Other("it is a folder, not a file".into())),
        }
    }

    fn exists(&self, path: &str) -> bool {
        matches!(self.lookup(path), Ok(Entry::Blob(_)))
    }

    fn describe(&self) -> String {
        format!("revision {}", self.label)
    }

    fn stays_within(&self, path: &str, dir: &str) -> Result<(), ReadError> {
        if !is_within(path, dir) {
            return Err(ReadError::OutsideRoot);
        }
        match self.lookup(path)? {
            Entry::Blob(_) => Ok(()),
            Entry::Tree => Err(ReadError::Other("it is not a file".into())),
        }
    }
}

/// The parts of a root-relative path; `..` or an absolute path leaves the
/// root.
fn components(path: &str) -> Result<Vec<&str>, ReadError> {
    if path.starts_with(['/', '\\']) || path.contains(':') {
        return Err(ReadError::OutsideRoot);
    }
    let mut parts = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return Err(ReadError::OutsideRoot),
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(ReadError::NotFound);
    }
    Ok(parts)
}

fn git_read(e: git2::Error) -> ReadError {
    if e.code() == ErrorCode::NotFound {
        // A tree or blob that the clone does not have.
        ReadError::Other(format!("git cannot find it in this clone: {FETCH_ALL}"))
    } else {
        ReadError::Other(e.message().to_owned())
    }
}

fn unknown_revision(repo: &Repository, spec: &str, e: &git2::Error) -> Error {
    if repo
        .head()
        .is_err_and(|h| h.code() == ErrorCode::UnbornBranch)
    {
        other(format!(
            "unknown revision `{spec}`: the repository has no commits yet; commit the statement first (`git add -A && git commit`)"
        ))
    } else if repo.is_shallow() {
        other(format!(
            "unknown revision `{spec}`: this is a shallow clone, which may lack it: {FETCH_ALL}"
        ))
    } else if e.code() == ErrorCode::Ambiguous {
        other(format!(
            "`{spec}` is ambiguous: give more characters of the commit id, or a tag or branch name"
        ))
    } else {
        other(format!(
            "unknown revision `{spec}`: name a tag, branch or commit of this repository (`git tag` and `git log --oneline` list them)"
        ))
    }
}

fn no_statement(label: &str) -> Error {
    other(format!(
        "revision `{label}` has no {CONFIG_FILE}: it predates the statement repository (or its folder); pick a later revision (`git log --oneline -- {CONFIG_FILE}` shows when it was added)"
    ))
}

/// Prefixes an error found while loading an earlier version.
fn at_revision(label: &str, e: Error) -> Error {
    other(format!("in revision `{label}`: {e}"))
}

pub(crate) fn other(message: impl Into<String>) -> Error {
    Error::Other {
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_leaving_the_root_are_refused() {
        assert!(matches!(components("../x"), Err(ReadError::OutsideRoot)));
        assert!(matches!(
            components("/etc/passwd"),
            Err(ReadError::OutsideRoot)
        ));
        assert!(matches!(components("C:/x"), Err(ReadError::OutsideRoot)));
        assert!(matches!(
            components("a/../../x"),
            Err(ReadError::OutsideRoot)
        ));
        assert_eq!(
            components("./book/src/a.md").unwrap(),
            vec!["book", "src", "a.md"]
        );
    }
}
