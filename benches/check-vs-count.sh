#!/usr/bin/env bash
# Issue 18: `psdoc check` of a statement with its evidence files against `psdoc count`
# of the same statement, in one hyperfine run (whole process, medians). The statement
# (benches/workloads.py statement): about 4,800 words, a 150-entry log, 24 Word and
# PDF evidence files. "warm": the evidence files have not changed since the last
# check (the evidence cache, docs/cache.md); "cold": PSDOC_NO_CACHE=1.
# Goal: warm within 2x of count; cold as fast as before the cache.
#   benches/check-vs-count.sh [PSDOC]    (default: builds it as released, .ci/build-release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then psdoc=$1; else
  psdoc=$("$here/.ci/build-release")/psdoc   # built as released
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$here/benches/workloads.py" statement "$work/st" "$psdoc"
git -C "$work/st" init -q .   # the cache lives in .git/psdoc
"$psdoc" --root "$work/st" check --format json >/dev/null || true   # fills the cache
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
hyperfine -N -i --warmup 5 --runs "${RUNS:-60}" --export-json "$work/r.json" \
  -n "psdoc check (warm)" "$psdoc --root $work/st check --format json" \
  -n "psdoc check (cold)" "env PSDOC_NO_CACHE=1 $psdoc --root $work/st check --format json" \
  -n "psdoc count" "$psdoc --root $work/st count --format json" >/dev/null
python3 "$here/benches/ratio.py" "$work/r.json"
