#!/usr/bin/env python3
"""Splits a dataset folder's samples by subject: those whose instruction concerns one of SUBJECTS (the manifest's
`objects`, canonical nouns) and the rest, into OUT_IN and OUT_OUT, images hard-linked, so that `reasonbrain eval`
scores each alone (e.g. the shape-free subjects of a --random-shapes build against the seen ones).

usage: bench/subject-subset.py SRC OUT_IN OUT_OUT SUBJECT[,SUBJECT...]
e.g.   bench/subject-subset.py runs/sub-rs48-meltdrop runs/sub-rs48-shapefree runs/sub-rs48-seen "wax figure,trinket"
"""
import json
import os
import shutil
import sys

if len(sys.argv) != 5:
    sys.exit(__doc__)
src, out_in, out_out, subjects = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4].split(","))
for out in (out_in, out_out):
    if os.path.exists(out):
        sys.exit(f"{out}: already exists")
for out in (out_in, out_out):
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    shutil.copytree(os.path.join(src, "images"), os.path.join(tmp, "images"), copy_function=os.link)
    if os.path.exists(os.path.join(src, "dataset.json")):
        shutil.copy(os.path.join(src, "dataset.json"), tmp)
    kept = 0
    with open(os.path.join(src, "manifest.jsonl")) as f, open(os.path.join(tmp, "manifest.jsonl"), "w") as w:
        for line in f:
            concerns = bool(subjects & set(json.loads(line).get("objects", [])))
            if concerns == (out == out_in):
                w.write(line)
                kept += 1
    os.rename(tmp, out)
    print(f"{kept} samples in {out}")
