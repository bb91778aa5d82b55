#!/usr/bin/env bash
# `psdoc build` of the example statement against a plain `mdbook build` of the
# same book without the psdoc preprocessor, measured in the same hyperfine run.
# psdoc build does more (it loads and checks the statement, links every
# reference, writes the document log); the target is within 1.3x.
#
# Wall-clock times on a busy machine are noisy, so when valgrind is there the
# script also counts instructions (callgrind), which do not depend on what else
# the machine is doing: psdoc's main thread (the critical path: the check runs
# beside it on a second thread) and all its threads, against mdbook's.
#
#   benches/build-vs-mdbook.sh
#
# Needs hyperfine (apt-get install hyperfine) and mdBook 0.5 on PATH
# (cargo install mdbook --version 0.5.4 --locked).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "hyperfine not found: apt-get install hyperfine" >&2; exit 2; }
command -v mdbook >/dev/null || { echo "mdbook not found: cargo install mdbook --version 0.5.4 --locked" >&2; exit 2; }
psdoc="$(.ci/build-release)/psdoc"   # built as released

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

if command -v valgrind >/dev/null; then
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/cg.psdoc" \
    "$psdoc" build -q -o "$work/out-psdoc" >/dev/null 2>&1
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.mdbook" \
    mdbook build "$work/plain" -d "$work/out-mdbook" >/dev/null 2>&1
  python3 - "$work" <<'PY'
import glob, os, sys
def total(path):
    with open(path) as f:
        return next(int(l.split()[1]) for l in f if l.startswith("totals:"))
work = sys.argv[1]
mdbook = total(os.path.join(work, "cg.mdbook"))
threads = sorted(glob.glob(os.path.join(work, "cg.psdoc-*")))
main, every = total(threads[0]), sum(total(t) for t in threads)
print(f"instructions: mdbook {mdbook / 1e6:.0f} M; psdoc main thread {main / 1e6:.0f} M "
      f"({main / mdbook:.2f}x), all threads {every / 1e6:.0f} M ({every / mdbook:.2f}x)")
PY
fi
