#!/usr/bin/env bash
# Whole-process timings of the export and import commands for the README
# (hyperfine), on the example statement at the project root:
#  1. psdoc export --format pdf   (issue target: under 1 s)
#  2. psdoc export --format docx  (under 100 ms)
#  3. psdoc import of a Word statement of about 5,000 words (under 200 ms)
# Usage: benches/export-timing.sh   (builds it as released first, .ci/build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(.ci/build-release)/psdoc"   # built as released
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A 5,000-word Word statement: the example with its data section's text
# repeated, exported to Word.
cp -r partnership.toml book evidence "$work/"
mkdir -p "$work/big" && cp -r partnership.toml book evidence "$work/big/"
sed -n '/^## How we use data/,/^## Whether/p' book/src/data.md | head -n -1 > "$work/extra.md"
cat "$work/extra.md" >> "$work/big/book/src/data.md"
sed -i 's/^data = 1070 .*/data = 2000/' "$work/big/partnership.toml"
"$bin" --root "$work/big" export --format docx -o "$work/big.docx" 2> "$work/big.txt"
cat "$work/big.txt"

hyperfine --warmup 3 --runs 20 -N \
  --command-name "psdoc export --format pdf (example statement)" "$bin --root $PWD export --format pdf -o $work/s.pdf" \
  --command-name "psdoc export --format docx (example statement)" "$bin --root $PWD export --format docx -o $work/s.docx"
hyperfine --warmup 3 --runs 20 \
  --prepare "rm -rf $work/imported" \
  --command-name "psdoc import (Word statement, about 5,000 words)" "$bin -q import $work/big.docx $work/imported"
