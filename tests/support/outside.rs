//! What lies outside a statement root: a folder of canaries that psdoc must
//! never read, symbolic links planted to lead there, and snapshots of a
//! folder to show that nothing in it changed.

use std::path::{Path, PathBuf};

/// Valid CHI numbers, planted only outside the statement roots: no output of
/// psdoc may hold either. The second's masked form is nowhere in psdoc's own
/// text (the first's is, in `psdoc explain personal-identifier`), so a finding
/// on a file outside shows even masked.
pub const CANARY: &str = "1904851231";
pub const CANARY_2: &str = "2306891001";
pub const CANARY_2_MASKED: &str = "23••••••01";

/// A folder outside every statement root, full of things that must never be
/// read: a chapter, a book, a log, a configuration and evidence, each holding
/// the canary CHI number.
pub struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let chapter = format!(
            "# Context of children's services\n\nThe canaries' CHI numbers are {CANARY} and {CANARY_2}, and E1 is cited [E1].\n"
        );
        let both = format!("CHI {CANARY} and {CANARY_2}");
        let files: Vec<(&str, String)> = vec![
            ("canary.md", chapter.clone()),
            ("canary.txt", format!("{both}\n")),
            (
                "canary.csv",
                format!("Name,CHI\nA child,{CANARY}\nAnother,{CANARY_2}\n"),
            ),
            (
                "partnership.toml",
                format!("[partnership]\nname = \"Canary {both}\"\n"),
            ),
            (
                "log.toml",
                format!(
                    "[[document]]\nid = 1\ntitle = \"Canary {both}\"\nurl = \"https://example.org/{CANARY_2}.pdf\"\n"
                ),
            ),
            ("book/book.toml", "[book]\ntitle = \"Canary\"\n".to_owned()),
            (
                "book/src/SUMMARY.md",
                "# Summary\n\n- [Context](context.md)\n".to_owned(),
            ),
            ("book/src/context.md", chapter),
            ("files/canary.txt", format!("{both}\n")),
        ];
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, text).expect("write");
        }
        Outside { dir }
    }

    /// The absolute path of `rel` in the folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() {
            self.dir.path().to_path_buf()
        } else {
            self.dir.path().join(rel)
        }
    }
}

/// A symbolic link at `link` (relative to `root`, replacing any file there)
/// pointing at `target`, as written.
pub fn link(root: &Path, link: &str, target: impl AsRef<Path>) {
    let at = root.join(link);
    std::fs::create_dir_all(at.parent().expect("parent")).expect("mkdir");
    if let Ok(meta) = std::fs::symlink_metadata(&at) {
        if meta.is_dir() {
            std::fs::remove_dir_all(&at).expect("remove folder");
        } else {
            std::fs::remove_file(&at).expect("remove file");
        }
    }
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

/// Every file, folder and link under `root` (links not followed), with the
/// content of files and the target of links, for before-and-after checks.
pub fn snapshot(root: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read folder") {
            let entry = entry.expect("entry");
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            let kind = entry.file_type().expect("file type");
            let what = if kind.is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(&path).expect("link").display()
                )
            } else if kind.is_dir() {
                stack.push(path);
                "folder".to_owned()
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                format!("{} bytes, {:016x}", bytes.len(), fnv(&bytes))
            };
            out.insert(rel, what);
        }
    }
    out
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
