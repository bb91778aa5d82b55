#!/usr/bin/env bash
# Issue 18: `psdoc diff` against `git diff --word-diff` on a statement's three-year
# history (benches/workloads.py history: yearly tags y2023, y2024, y2025; each year
# edits every chapter, renumbers headings and moves a section to another file), in
# one hyperfine run (whole process, medians). Goals: y2023 to y2025 within 2x of
# git's; `diff A A` (nothing changed) within 3x.
#   benches/diff-years-vs-git.sh [PSDOC]    (default: builds it as released, .ci/build-release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then psdoc=$1; else
  psdoc=$("$here/.ci/build-release")/psdoc   # built as released
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$here/benches/workloads.py" history "$work/h"
cd "$work/h"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
runs=${RUNS:-60}
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/a.json" \
  -n "psdoc diff y2023 y2025 (json)" "$psdoc diff y2023 y2025 --format json" \
  -n "psdoc diff y2023 y2025 (term)" "$psdoc --color never diff y2023 y2025" \
  -n "git diff --word-diff y2023 y2025" "git --no-pager diff --word-diff y2023 y2025" >/dev/null
python3 "$here/benches/ratio.py" "$work/a.json"
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/b.json" \
  -n "psdoc diff y2025 y2025 (json)" "$psdoc diff y2025 y2025 --format json" \
  -n "git diff --word-diff y2025 y2025" "git --no-pager diff --word-diff y2025 y2025" >/dev/null
python3 "$here/benches/ratio.py" "$work/b.json"
