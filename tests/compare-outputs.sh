#!/usr/bin/env bash
# Every output of two psdoc binaries, compared byte for byte: for a refactoring
# that must not change what users see.
#
#   tests/compare-outputs.sh OLD_PSDOC NEW_PSDOC
#
# Each binary needs its psdoc-typeset beside it (as cargo builds them) for the
# package and its PDFs.
#
# Runs both binaries on the same inputs: the example statement at the
# repository root (committed twice in a temporary repository, the second time
# with realistic edits, so that diffs and history have work to do) and the
# diff benchmark's repository (benches/diff-vs-git.sh, 10 tags of a
# 5,000-word statement). Every command in every format goes to a file; the
# two folders are then compared with `diff -r`. Exits 1 when anything differs.
set -euo pipefail

old=$(realpath "$1")
new=$(realpath "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The example statement, as two commits.
example="$work/example"
mkdir -p "$example"
cp -r "$here/partnership.toml" "$here/book" "$here/evidence" "$example/"
git -C "$example" init -q
git -C "$example" -c user.name=psdoc -c user.email=psdoc@example.org add -A
GIT_COMMITTER_DATE="2025-01-01T00:00:00Z" git -C "$example" -c user.name=psdoc \
  -c user.email=psdoc@example.org commit -q --date="2025-01-01T00:00:00Z" -m "2024 statement"
git -C "$example" tag v2024
for f in "$example"/book/src/*.md; do
  case "$f" in */SUMMARY.md) continue ;; esac
  # an added paragraph citing evidence and a QI, and one word changed
  printf '\nSince last year the partnership has reviewed this section with partners [E3] (QI 2.1).\n' >> "$f"
  sed -i '0,/ the / s// a /' "$f"
done
GIT_COMMITTER_DATE="2025-06-01T00:00:00Z" git -C "$example" -c user.name=psdoc \
  -c user.email=psdoc@example.org commit -qa --date="2025-06-01T00:00:00Z" -m "2025 draft"
git -C "$example" tag v2025

# The diff benchmark's repository.
bench="$work/bench"
PSDOC_BENCH_DIR="$bench" PSDOC_BENCH_NO_RUN=1 "$here/benches/diff-vs-git.sh" >/dev/null 2>&1

run_all() {
  local bin=$1 out=$2
  mkdir -p "$out"
  (
    cd "$example"
    for f in human json sarif github markdown; do
      NO_COLOR=1 "$bin" check --format "$f" >"$out/check.$f" 2>&1 || true
    done
    for f in human json; do "$bin" count --format "$f" >"$out/count.$f" 2>&1 || true; done
    for f in markdown csv json; do "$bin" log --format "$f" >"$out/log.$f" 2>&1 || true; done
    "$bin" log --format xlsx -o "$out/log.xlsx" >/dev/null 2>&1 || true
    NO_COLOR=1 "$bin" scan --format json >"$out/scan.json" 2>&1 || true
    "$bin" rules >"$out/rules" 2>&1 || true
    "$bin" explain personal-identifier >"$out/explain" 2>&1 || true
    for f in term markdown html json; do
      NO_COLOR=1 "$bin" diff v2024 v2025 --format "$f" >"$out/diff.$f" 2>&1 || true
    done
    for f in term json html; do
      NO_COLOR=1 "$bin" history --format "$f" >"$out/history.$f" 2>&1 || true
    done
    NO_COLOR=1 "$bin" check --base v2024 --format json >"$out/check-base.json" 2>&1 || true
    "$bin" package -o "$out/package.zip" >"$out/package.stdout" 2>&1 || true
  )
  (
    cd "$bench"
    for f in term markdown html json; do
      NO_COLOR=1 "$bin" diff t01 t10 --format "$f" >"$out/bench-diff.$f" 2>&1 || true
    done
    NO_COLOR=1 "$bin" history --format json >"$out/bench-history.json" 2>&1 || true
    NO_COLOR=1 "$bin" check --format json >"$out/bench-check.json" 2>&1 || true
  )
}

run_all "$old" "$work/old"
run_all "$new" "$work/new"
# Messages name the output folder, which differs between the two runs.
for side in old new; do
  sed -i "s#$work/$side#OUT#g" "$work/$side"/*.stdout
done
if diff -r "$work/old" "$work/new"; then
  echo "identical: $(find "$work/old" -type f | wc -l) outputs"
else
  echo "outputs differ (above)" >&2
  exit 1
fi
