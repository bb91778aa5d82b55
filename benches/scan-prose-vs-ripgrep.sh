#!/usr/bin/env bash
# Issue 18: `psdoc scan` against ripgrep with the same identifier regexes
# (benches/data/identifiers.rgx), both on every core, on 100 MiB of prose in 1 MiB
# files (benches/workloads.py prose): without identifiers, and with one planted in
# one paragraph in five (CHI and NHS numbers with valid check digits, NI numbers,
# postcodes, phones, e-mails, dates of birth). One hyperfine run per corpus (whole
# process, medians). Goals: within 1.5x without identifiers, within 2x with them.
#   benches/scan-prose-vs-ripgrep.sh [PSDOC]    (default: builds it as released, .ci/build-release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then psdoc=$1; else
  psdoc=$("$here/.ci/build-release")/psdoc   # built as released
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
size=${SIZE_MB:-100}
python3 "$here/benches/workloads.py" prose "$work/clean" "$size" 0
python3 "$here/benches/workloads.py" prose "$work/dense" "$size" 0.2
rgx=$here/benches/data/identifiers.rgx
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for corpus in clean dense; do
  hyperfine -N -i --warmup 2 --runs "${RUNS:-10}" --export-json "$work/$corpus.json" \
    -n "psdoc scan ($corpus)" "$psdoc scan $work/$corpus --format json" \
    -n "rg -c -f identifiers.rgx ($corpus)" "rg -c -f $rgx $work/$corpus" >/dev/null
  python3 "$here/benches/ratio.py" "$work/$corpus.json"
done
/usr/bin/time -f "psdoc scan (dense): %M KB peak RSS" "$psdoc" scan "$work/dense" --format json >/dev/null || true
