#!/usr/bin/env bash
# psdoc scan against ripgrep on the same generated corpus (issue 4's speed
# targets). ripgrep runs benches/data/identifiers.rgx: the same kinds of
# identifier as raw regexes, without validation. psdoc also validates.
#
#   benches/scan-vs-ripgrep.sh [SIZE_MB]     (default 1024: a 1 GB folder)
#   PSDOC_BENCH_PLANTED=0 benches/scan-vs-ripgrep.sh 256
#                                            (no identifiers: the share of
#                                            paragraphs with one, default 0.05)
#
# Prints: psdoc's wall time and peak memory on the whole folder (all cores),
# psdoc's one-core throughput, ripgrep's time on the same folder, the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
rgx=benches/data/identifiers.rgx
bin="$(.ci/build-release)/psdoc"   # built as released
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT

# 1 MB files of statement-like prose with an identifier in about one
# paragraph in twenty (PSDOC_BENCH_PLANTED), as the divan benchmark of psdoc-privacy generates.
python3 - "$corpus" "$size_mb" "${PSDOC_BENCH_PLANTED:-0.05}" <<'PY'
import os, random, sys
root, size_mb, planted_share = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
random.seed(7)
sentences = [
    "The partnership\u2019s child protection committee reviewed {n} initial referral discussions in 2023\u201324, a rise of {p}% on the previous year.",
    "Children and young people told us that \u201chaving one worker who knows my story\u201d mattered most.",
    "Multi-agency chronologies were of a good quality in {p}% of the {n} records read during the audit [E{e}].",
    "The Chief Officers\u2019 Group met on {d} March 2025 and agreed the priorities for 2025\u201326.",
    "Neglect remains the most common concern identified at registration \u2014 {p}% of registrations in Q{q}.",
]
planted = ["Her CHI 1904851231 was on the form.", "Call 07700 900123.", "The family moved to KY99 9ZZ.",
           "Write to rory.mcneill@example.org.", "NI number AB 12 34 56 C."]
def paragraph():
    s = " ".join(random.choice(sentences).format(n=random.randint(5, 900), p=random.randint(1, 99),
                 e=random.randint(1, 40), d=random.randint(1, 28), q=random.randint(1, 4)) for _ in range(5))
    if random.random() < planted_share:
        s += " " + random.choice(planted)
    return s + "\n\n"
block = "".join(paragraph() for _ in range(400)).encode()
one_mb = (block * (1 + (1 << 20) // len(block)))[: 1 << 20]
for i in range(size_mb):
    d = os.path.join(root, f"part{i // 100:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"doc{i:04d}.txt"), "wb") as f:
        f.write(one_mb)
PY
echo "corpus: ${size_mb} MB in $(find "$corpus" -type f | wc -l) files"

echo "== psdoc scan, all cores: wall time and peak memory"
/usr/bin/time -f "psdoc: %e s wall, %M KB peak RSS" "$bin" scan "$corpus" --format json >/dev/null || true
echo "== psdoc scan, one core"
/usr/bin/time -f "psdoc (1 core): %e s wall" env RAYON_NUM_THREADS=1 "$bin" scan "$corpus" --format json >/dev/null || true
echo "== ripgrep, same corpus, same kinds (no validation)"
/usr/bin/time -f "ripgrep: %e s wall, %M KB peak RSS" rg -c -f "$rgx" "$corpus" >/dev/null || true
echo "== ripgrep, one thread"
/usr/bin/time -f "ripgrep (1 thread): %e s wall" rg -j1 -c -f "$rgx" "$corpus" >/dev/null || true
