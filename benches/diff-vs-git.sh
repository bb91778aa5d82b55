#!/usr/bin/env bash
# Whole-process timings for the README:
#   - `psdoc diff` between two tags of a 5,000-word statement (target < 30 ms),
#     and `git diff --word-diff` on the same two tags in the same run (goal: within 2x);
#   - `psdoc history` over 10 tags, and over all 200 commits (target < 1 s).
# Builds the repository in a temporary folder (deterministic: fixed seeds and
# dates), runs hyperfine, prints its Markdown tables. Usage: benches/diff-vs-git.sh
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
# PSDOC_BIN=FILE uses that psdoc (the end-to-end tests' own) instead of building
# the release binary.
if [ -n "${PSDOC_BIN:-}" ]; then
  psdoc=$PSDOC_BIN
else
  psdoc="$("$here/.ci/build-release")/psdoc"   # built as released
fi
# PSDOC_BENCH_DIR=DIR keeps the repository there (for profiling).
if [ -n "${PSDOC_BENCH_DIR:-}" ]; then
  work=$PSDOC_BENCH_DIR; rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
cd "$work"

vocabulary="children families partners referrals registrations chronologies the and of to in our we have with their plans audit practice improved services support committee officers data risk harm neglect young people workers health education police social work care protection multi-agency well-being across quarterly evidence shows that more fewer earlier safer outcomes"
titles=("Context of children's services" "Response to Covid-19" "What your data is telling you"
        "Children and young people's involvement and feedback" "Quality assurance and evaluative activity"
        "Collaborative strategic and operational leadership" "Key achievements" "Areas for improvement")

# A chapter of about 620 words: a heading, then paragraphs of 2 to 5 sentences.
chapter() {
  awk -v seed="$1" -v title="$2" -v vocab="$vocabulary" 'BEGIN {
    srand(seed); n = split(vocab, V, " "); print "# " title; print ""
    words = 0
    while (words < 585) {
      para = ""; s = 2 + int(rand() * 4)
      for (i = 0; i < s; i++) {
        len = 8 + int(rand() * 14); sent = ""
        for (j = 0; j < len; j++) sent = sent (j ? " " : "") V[1 + int(rand() * n)]
        if (rand() < 0.33) sent = sent " [E" (1 + int(rand() * 40)) "]"
        sent = toupper(substr(sent, 1, 1)) substr(sent, 2) "."
        para = para (i ? " " : "") sent; words += len
      }
      print para; print ""
    }
  }'
}

# One edit to file $1 (seed $2): a word changed, a sentence added or removed,
# or a paragraph moved to file $3.
edit() {
  local file=$1 seed=$2 other=$3
  case $((seed % 5)) in
    0|1) awk -v seed="$seed" -v vocab="$vocabulary" 'BEGIN { srand(seed); n = split(vocab, V, " ") }
           { lines[NR] = $0 } END {
             do { k = 3 + int(rand() * (NR - 2)) } while (lines[k] == "" || lines[k] ~ /^#/)
             m = split(lines[k], W, " "); w = 1 + int(rand() * m); W[w] = V[1 + int(rand() * n)]
             out = W[1]; for (i = 2; i <= m; i++) out = out " " W[i]; lines[k] = out
             for (i = 1; i <= NR; i++) print lines[i] }' "$file" > "$file.new" && mv "$file.new" "$file" ;;
    2) echo "We added a sentence about earlier help for families in edit $seed [E3]." >> "$file"; echo >> "$file" ;;
    3) awk -v seed="$seed" -v moved="$file.moved" 'BEGIN { srand(seed) } { lines[NR] = $0 } END {
           do { k = 3 + int(rand() * (NR - 2)) } while (lines[k] == "" || lines[k] ~ /^#/)
           print lines[k] > moved; for (i = 1; i <= NR; i++) if (i != k) print lines[i] }' "$file" > "$file.new" \
         && mv "$file.new" "$file" && { echo; cat "$file.moved"; } >> "$other" && rm "$file.moved" ;;
    4) awk -v seed="$seed" 'BEGIN { srand(seed) } { lines[NR] = $0 } END {
           do { k = 3 + int(rand() * (NR - 2)) } while (lines[k] == "" || lines[k] ~ /^#/ || index(lines[k], ". ") == 0)
           lines[k] = substr(lines[k], index(lines[k], ". ") + 2)
           for (i = 1; i <= NR; i++) print lines[i] }' "$file" > "$file.new" && mv "$file.new" "$file" ;;
  esac
}

git init -q .
git config user.name Bench
git config user.email bench@example.org
mkdir -p book/src evidence
printf '[partnership]\nname = "Bench Partnership"\nsubmission = 2026-03-20\n' > partnership.toml
printf '[book]\ntitle = "Bench"\n' > book/book.toml
for i in $(seq 1 40); do
  printf '[[document]]\nid = %d\ntitle = "Document %d"\nurl = "https://example.org/%d.pdf"\ndate = 2025-12-01\n\n' "$i" "$i" "$i"
done > evidence/log.toml
{ echo "# Summary"; echo; for i in "${!titles[@]}"; do echo "- [${titles[$i]}](s$i.md)"; done; } > book/src/SUMMARY.md
for i in "${!titles[@]}"; do chapter "$((i + 1))" "${titles[$i]}" > "book/src/s$i.md"; done

RANDOM=2026
for n in $(seq 1 200); do
  if [ "$n" -gt 1 ]; then
    for _ in 1 2 3; do edit "book/src/s$((RANDOM % 8)).md" "$RANDOM" "book/src/s$((RANDOM % 8)).md"; done
  fi
  git add -A
  date="$((1700000000 + n * 86400)) +0000"
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git commit -qm "Edit $n"
  if [ $((n % 20)) -eq 0 ]; then git tag "t$(printf %02d $((n / 20)))"; fi
done

echo "Statement: $("$psdoc" count --format json | sed -n 's/.*"total": \([0-9]*\).*/\1/p') words at HEAD; $(git rev-list --count HEAD) commits; $(git tag | wc -l) tags." >&2
"$psdoc" diff t01 t10 --format json > /dev/null  # fails loudly if anything is wrong

[ -n "${PSDOC_BENCH_NO_RUN:-}" ] && exit 0
hyperfine --warmup 5 --runs 50 -N --export-markdown "$work/diff.md" \
  -n "psdoc diff t01 t10 --format json" "$psdoc diff t01 t10 --format json" \
  -n "psdoc diff t01 t10 (term)" "$psdoc --color never diff t01 t10" \
  -n "git diff --word-diff t01 t10" "git --no-pager diff --word-diff t01 t10" >&2
hyperfine --warmup 2 --runs 10 -N --export-markdown "$work/history.md" \
  -n "psdoc history (10 tags)" "$psdoc history --format json" \
  -n "psdoc history HEAD (200 commits)" "$psdoc history HEAD --format json" >&2
cat "$work/diff.md"
echo
cat "$work/history.md"
