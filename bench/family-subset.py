#!/usr/bin/env python3
"""Writes a dataset folder holding only some families' samples of one split (the first LIMIT of that split),
its images hard-linked from the source build, so that `reasonbrain eval` can score those families alone.
SPLIT may name several judged splits (val,test-id,test-phrasing): their samples are pooled, the first LIMIT of
each, and all written under the first split's name, so that one `eval --split` scores them together.

usage: bench/family-subset.py SRC OUT SPLIT[,SPLIT...] LIMIT FAMILY[,FAMILY...]
e.g.   bench/family-subset.py runs/eval-seed7 runs/sub20 test-id 400 \
           magnet,window,time-of-day,rain,ripen,balloon,enchantment,magic-bean,bloom   # 132 samples
"""
import json
import os
import shutil
import sys

if len(sys.argv) != 6:
    sys.exit(__doc__)
src, out, splits, limit, fams = sys.argv[1], sys.argv[2], sys.argv[3].split(","), int(sys.argv[4]), set(sys.argv[5].split(","))
split = splits[0]
if os.path.exists(out):
    sys.exit(f"{out}: already exists")
tmp = out + ".tmp"
shutil.rmtree(tmp, ignore_errors=True)
os.makedirs(tmp)
shutil.copytree(os.path.join(src, "images"), os.path.join(tmp, "images"), copy_function=os.link)
shutil.copy(os.path.join(src, "dataset.json"), tmp)
seen = {s: 0 for s in splits}
kept = 0
with open(os.path.join(src, "manifest.jsonl")) as f, open(os.path.join(tmp, "manifest.jsonl"), "w") as w:
    for line in f:
        o = json.loads(line)
        if o["split"] not in seen or seen[o["split"]] >= limit:
            continue
        seen[o["split"]] += 1
        if o.get("family") in fams:
            if o["split"] != split:
                o["split"] = split
                line = json.dumps(o) + "\n"
            w.write(line)
            kept += 1
os.rename(tmp, out)
print(f"{kept} of the first {sum(seen.values())} {'+'.join(splits)} samples in {out} (as {split})")
