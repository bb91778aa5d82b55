#!/usr/bin/env bash
# `psdoc build` of the example statement against a plain `mdbook build` of the
# same book without the psdoc preprocessor, measured in the same hyperfine run.
# psdoc build does more (it loads and checks the statement, links every
# reference, writes the document log); the target is within 1.3x.
#
#   benches/build-vs-mdbook.sh
#
# Needs hyperfine (apt-get install hyperfine) and mdBook 0.5 on PATH
# (cargo install mdbook --version 0.5.4 --locked).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install hyperfine" >&2; exit 2; }
command -v mdbook >/dev/null || { echo "mdbook not found: cargo install mdbook --version 0.5.4 --locked" >&2; exit 2; }
cargo build --release --quiet -p psdoc
psdoc="${CARGO_TARGET_DIR:-target}/release/psdoc"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The same book, with [preprocessor.psdoc] taken out of book.toml.
mkdir -p "$work/plain"
cp -R book/src "$work/plain/src"
awk '/^\[preprocessor\.psdoc\]/ { skip = 1; next } /^\[/ { skip = 0 } !skip' book/book.toml > "$work/plain/book.toml"

echo "mdbook: $(mdbook --version); psdoc: $("$psdoc" --version)"
hyperfine --warmup 5 --min-runs 40 --export-json "$work/times.json" \
  -n 'mdbook build (no preprocessor)' "mdbook build '$work/plain' -d '$work/out-mdbook'" \
  -n 'psdoc build' "'$psdoc' build -q -o '$work/out-psdoc'"

python3 - "$work/times.json" <<'PY'
import json, sys
mdbook, psdoc = json.load(open(sys.argv[1]))["results"]
# The median is the headline: a busy machine skews the mean.
for stat in ("median", "mean", "min"):
    m, p = mdbook[stat], psdoc[stat]
    print(f"{stat:>6}: psdoc build / mdbook build = {p / m:.2f}x "
          f"(mdbook {m * 1000:.0f} ms, psdoc {p * 1000:.0f} ms; target 1.3x)")
PY
