#!/usr/bin/env bash
# Whole-process timings of `psdoc check` for the README (hyperfine):
#  1. the example statement at the project root (issue target: median < 20 ms);
#  2. a generated statement with a 500-entry log and 1,000 references (< 30 ms).
# Usage: benches/check-timing.sh   (builds it as released first, .ci/build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(.ci/build-release)/psdoc"   # built as released
big=$(mktemp -d)
trap 'rm -rf "$big"' EXIT

"$bin" init "$big" --name "Benchmark Partnership" >/dev/null
python3 - "$big" <<'PY'
import sys, os
root = sys.argv[1]
with open(os.path.join(root, "partnership.toml"), "a") as f:
    pass
log = []
for i in range(1, 501):
    log.append(f'[[document]]\nid = {i}\ntitle = "Document {i}"\nurl = "https://example.org/doc-{i}.pdf"\ndate = 2025-06-01\n')
open(os.path.join(root, "evidence/log.toml"), "w").write("\n".join(log))
src = os.path.join(root, "book/src")
refs = iter(range(1000))
for name in os.listdir(src):
    if name == "SUMMARY.md":
        continue
    path = os.path.join(src, name)
    text = open(path).read()
    paras = []
    for _ in range(125):
        n = next(refs, None)
        if n is None:
            break
        paras.append(f"Partners worked together on outcomes for children and families, as QI 2.1 asks [E{n % 500 + 1}].")
    open(path, "w").write(text + "\n" + "\n\n".join(paras) + "\n")
PY
hyperfine --warmup 5 --runs 50 -N -i \
  --command-name "psdoc check (example statement)" "$bin --root $PWD check --format json" \
  --command-name "psdoc check (500-entry log, 1,000 references)" "$bin --root $big check --format json" \
  --export-markdown /dev/stdout 2>/dev/null | tail -n +1
