#!/usr/bin/env bash
# Issue 18: start-up, `psdoc --version` against `git --version`, one hyperfine run
# (whole process, medians). Goal: within 1.3x.
#   benches/startup-vs-git.sh [PSDOC]    (default: builds it as released, .ci/build-release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then psdoc=$1; else
  psdoc=$("$here/.ci/build-release")/psdoc   # built as released
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
hyperfine -N --warmup 20 --runs "${RUNS:-200}" --export-json "$work/r.json" \
  -n "psdoc --version" "$psdoc --version" \
  -n "git --version" "git --version" >/dev/null
python3 "$here/benches/ratio.py" "$work/r.json"
