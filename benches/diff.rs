//! `psdoc diff` and `psdoc history` in-process, on a generated 5,000-word
//! statement in a git repository with 200 commits and 10 tags (built once
//! with git2 in a temporary folder).
//!
//! Run with `cargo bench -p psdoc-core --bench diff`. The whole-process
//! figures, against `git diff --word-diff`, come from
//! `benches/diff-vs-git.sh` (hyperfine).

use std::path::Path;

use psdoc_history::{self as history, HistoryRange};

fn main() {
    divan::main();
}

const SECTIONS: [&str; 8] = [
    "Context of children's services",
    "Response to Covid-19",
    "What your data is telling you",
    "Children and young people's involvement and feedback",
    "Quality assurance and evaluative activity",
    "Collaborative strategic and operational leadership",
    "Key achievements",
    "Areas for improvement",
];

const VOCABULARY: &[&str] = &[
    "children",
    "families",
    "partners",
    "referrals",
    "registrations",
    "chronologies",
    "the",
    "and",
    "of",
    "to",
    "in",
    "our",
    "we",
    "have",
    "with",
    "their",
    "plans",
    "audit",
    "practice",
    "improved",
    "services",
    "support",
    "committee",
    "officers",
    "data",
    "risk",
    "harm",
    "neglect",
    "young",
    "people",
    "workers",
    "health",
    "education",
    "police",
    "social",
    "work",
    "care",
    "protection",
    "multi-agency",
    "well-being",
    "across",
    "quarterly",
    "evidence",
    "shows",
    "that",
    "more",
    "fewer",
    "earlier",
    "safer",
    "outcomes",
];

/// A small deterministic generator (an LCG), so every run sees the same
/// statement.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn sentence(&mut self) -> String {
        let len = 8 + self.next(14);
        let mut words: Vec<&str> = (0..len)
            .map(|_| VOCABULARY[self.next(VOCABULARY.len())])
            .collect();
        if self.next(3) == 0 {
            words.push(["[E1]", "[E7]", "[E12, E13]", "[E20-E22]", "(QI 2.1)"][self.next(5)]);
        }
        let mut s = words.join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }
}

/// Eight chapters of about 620 words: about 5,000 in all.
fn chapters(rng: &mut Rng) -> Vec<Vec<String>> {
    (0..8)
        .map(|_| {
            let mut words = 0;
            let mut paras = Vec::new();
            while words < 610 {
                let para: Vec<String> = (0..2 + rng.next(4)).map(|_| rng.sentence()).collect();
                let para = para.join(" ");
                words += para.split_whitespace().count();
                paras.push(para);
            }
            paras
        })
        .collect()
}

fn write(root: &Path, chapters: &[Vec<String>]) {
    let mut summary = String::from("# Summary\n\n");
    for (i, (title, paras)) in SECTIONS.iter().zip(chapters).enumerate() {
        summary.push_str(&format!("- [{title}](s{i}.md)\n"));
        let text = format!("# {title}\n\n{}\n", paras.join("\n\n"));
        std::fs::write(root.join(format!("book/src/s{i}.md")), text).unwrap();
    }
    std::fs::write(root.join("book/src/SUMMARY.md"), summary).unwrap();
}

/// One small edit: a word changed, a sentence added or removed, or a
/// paragraph moved.
fn edit(rng: &mut Rng, chapters: &mut [Vec<String>]) {
    let c = rng.next(chapters.len());
    let p = rng.next(chapters[c].len());
    match rng.next(4) {
        0 => {
            let mut words: Vec<String> = chapters[c][p].split(' ').map(str::to_owned).collect();
            let w = rng.next(words.len());
            words[w] = VOCABULARY[rng.next(VOCABULARY.len())].to_owned();
            chapters[c][p] = words.join(" ");
        }
        1 => {
            let s = rng.sentence();
            chapters[c][p].push(' ');
            chapters[c][p].push_str(&s);
        }
        2 => {
            if let Some(cut) = chapters[c][p].find(". ") {
                chapters[c][p] = chapters[c][p][cut + 2..].to_owned();
            }
        }
        _ => {
            let para = chapters[c].remove(p);
            let d = rng.next(chapters.len());
            let at = rng.next(chapters[d].len() + 1);
            chapters[d].insert(at, para);
        }
    }
}

fn commit(git: &git2::Repository, message: &str, time: i64) -> git2::Oid {
    let mut index = git.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = git.find_tree(index.write_tree().unwrap()).unwrap();
    let sig =
        git2::Signature::new("Bench", "bench@example.org", &git2::Time::new(time, 0)).unwrap();
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    git.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .unwrap()
}

/// A statement repository: 200 commits, a tag every 20 (t01 to t10).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("book/src")).unwrap();
    std::fs::create_dir_all(root.join("evidence")).unwrap();
    std::fs::write(
        root.join("partnership.toml"),
        "[partnership]\nname = \"Bench\"\nsubmission = 2026-03-20\n",
    )
    .unwrap();
    std::fs::write(root.join("book/book.toml"), "[book]\ntitle = \"Bench\"\n").unwrap();
    let log: String = (1..=40)
        .map(|i| format!("[[document]]\nid = {i}\ntitle = \"Document {i}\"\nurl = \"https://example.org/{i}.pdf\"\ndate = 2025-12-01\n\n"))
        .collect();
    std::fs::write(root.join("evidence/log.toml"), log).unwrap();
    let git = git2::Repository::init(root).unwrap();
    let mut rng = Rng(2026);
    let mut text = chapters(&mut rng);
    for n in 1..=200 {
        if n > 1 {
            for _ in 0..3 {
                edit(&mut rng, &mut text);
            }
        }
        write(root, &text);
        let id = commit(&git, &format!("Edit {n}"), 1_700_000_000 + n * 86_400);
        if n % 20 == 0 {
            let object = git.find_object(id, None).unwrap();
            git.tag_lightweight(&format!("t{:02}", n / 20), &object, false)
                .unwrap();
        }
    }
    dir
}

#[divan::bench(sample_count = 20)]
fn diff_two_tags(bencher: divan::Bencher) {
    let dir = repository();
    bencher.bench(|| {
        history::diff_revisions(divan::black_box(dir.path()), "t01", Some("t10")).unwrap()
    });
}

#[divan::bench(sample_count = 20)]
fn align_and_word_diff(bencher: divan::Bencher) {
    let dir = repository();
    let repo = history::StatementRepo::open(dir.path()).unwrap();
    let (a, b) = (repo.load("t01").unwrap(), repo.load("t10").unwrap());
    bencher
        .bench(|| history::diff_projects("t01", divan::black_box(&a), "t10", divan::black_box(&b)));
}

#[divan::bench(sample_count = 20)]
fn render_every_format(bencher: divan::Bencher) {
    let dir = repository();
    let diff = history::diff_revisions(dir.path(), "t01", Some("t10")).unwrap();
    bencher.bench(|| {
        let d = divan::black_box(&diff);
        (
            history::render_term(d, true).len(),
            history::render_markdown(d, history::GITHUB_COMMENT_LIMIT).len(),
            history::render_html(d).len(),
            history::render_json(d).len(),
        )
    });
}

#[divan::bench(sample_count = 10)]
fn history_of_ten_tags(bencher: divan::Bencher) {
    let dir = repository();
    bencher.bench(|| history::history(divan::black_box(dir.path()), &HistoryRange::Tags).unwrap());
}

#[divan::bench(sample_count = 5)]
fn history_of_two_hundred_commits(bencher: divan::Bencher) {
    let dir = repository();
    bencher.bench(|| {
        history::history(
            divan::black_box(dir.path()),
            &HistoryRange::Range("HEAD".into()),
        )
        .unwrap()
    });
}

/// For comparison: building the redactor every process needs (most of a
/// small diff's time).
#[divan::bench(sample_count = 20)]
fn redactor_new() -> psdoc_core::redact::Redactor {
    psdoc_core::redact::Redactor::new(&psdoc_core::Config::default().privacy).unwrap()
}

/// Reading one revision's statement from git (no redactor).
#[divan::bench(sample_count = 20)]
fn load_one_revision(bencher: divan::Bencher) {
    let dir = repository();
    let repo = history::StatementRepo::open(dir.path()).unwrap();
    bencher.bench(|| repo.revision("t05").unwrap());
}
