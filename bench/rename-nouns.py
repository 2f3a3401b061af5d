#!/usr/bin/env python3
"""Rewrites the instructions of a dataset folder made by bench/family-subset.py in place: every mention of one
object's nouns becomes another noun (whole words, case-insensitive, longest first), so that `reasonbrain eval` can
ask whether a model applies a rule to an object once it is called by a noun that rule was trained with. A
diagnostic only: the targets and distractors stay those of the original object. Keeps manifest.orig beside it.

usage: bench/rename-nouns.py DIR 'FROM|FROM2|...=TO' ['FROM=TO' ...]
e.g.   bench/family-subset.py runs/eval-seed7 runs/sub-r test-composition 400 drop,melt,freeze,burn
       bench/rename-nouns.py runs/sub-r 'china plate|dinner plate|plate=trinket' \\
           'man made of snow|snow figure|snowman=wax figure' \\
           'pail of water|water bucket|bucket of water=vessel of water' \\
           'piece of firewood|wooden log|log=wooden carving'
"""
import json
import os
import re
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
d = sys.argv[1]
rules = []
for a in sys.argv[2:]:
    if "=" not in a:
        sys.exit(f"{a}: expected FROM|FROM2=TO")
    froms, to = a.split("=", 1)
    words = sorted((w.strip() for w in froms.split("|") if w.strip()), key=len, reverse=True)
    rules.append((re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I), to))
orig = os.path.join(d, "manifest.orig")
if not os.path.exists(orig):
    os.rename(os.path.join(d, "manifest.jsonl"), orig)
changed = total = 0
tmp = os.path.join(d, "manifest.jsonl.tmp")
with open(orig) as f, open(tmp, "w") as w:
    for line in f:
        o = json.loads(line)
        t = o["instruction"]
        for rx, to in rules:
            t = rx.sub(to, t)
        total += 1
        changed += t != o["instruction"]
        o["instruction"] = t
        w.write(json.dumps(o) + "\n")
os.replace(tmp, os.path.join(d, "manifest.jsonl"))
print(f"{changed} of {total} instructions renamed in {d}")
