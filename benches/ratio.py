#!/usr/bin/env python3
"""Prints the medians of a hyperfine --export-json file and the ratio of each
command to the last one (the reference), one line each:

    benches/ratio.py RESULTS.json [LABEL]
"""
import json
import sys

results = json.load(open(sys.argv[1]))["results"]
label = sys.argv[2] if len(sys.argv) > 2 else ""
reference = results[-1]


def ms(r):
    return r["median"] * 1000


for r in results[:-1]:
    print(f"{label}{r['command']}: median {ms(r):.2f} ms; {reference['command']}: median "
          f"{ms(reference):.2f} ms; ratio {ms(r) / ms(reference):.2f}x")
