#!/usr/bin/env python3
"""Diagnostic for test-composition: is the held-out subject's *word* what the model misses?

Writes a copy of a build's test-composition split (images hard-linked, nothing else changed) in which every
mention of the held-out subject in the instruction (any of its synonyms, from data/.../text/Lexicon.java) is
replaced by the name of the family's most frequent seen subject in TRAIN's train split ("the snow figure was
left in the sun" -> "the ice cube was left in the sun"). With the mode `explicit` it instead gives each sample
its explicit initial instruction ("make the snowman melt into a puddle"), the held-out name kept: is it the
hypothetical phrasing the model cannot reason through, or the edit itself? Then score it as usual:

  bench/composition-noun-swap.py runs/eval-seed7 runs/data-hob12 runs/comp-swap [swap|explicit]
  ./reasonbrain eval --data runs/comp-swap --split test-composition --no-clip --out runs/comp-swap-report
"""
import collections, json, os, re, sys

if len(sys.argv) not in (4, 5) or (len(sys.argv) == 5 and sys.argv[4] not in ("swap", "explicit")):
    sys.exit("usage: bench/composition-noun-swap.py TEST_BUILD TRAIN_BUILD OUT [swap|explicit]")
test, train, out = sys.argv[1:4]
explicit = len(sys.argv) == 5 and sys.argv[4] == "explicit"
here = os.path.dirname(os.path.abspath(__file__))
lexicon = os.path.join(here, "..", "data/src/main/java/org/reasonbrain/data/text/Lexicon.java")
synonyms = {}
for line in open(lexicon, encoding="utf-8"):
    m = re.match(r'\s*put\((.*)\);', line)
    if m:
        words = [w.strip().strip('"') for w in m.group(1).split('",')]
        synonyms[words[0]] = words
seen = collections.defaultdict(collections.Counter)
for line in open(os.path.join(train, "manifest.jsonl"), encoding="utf-8"):
    d = json.loads(line)
    if d["split"] == "train" and d.get("objects"):
        seen[d["family"]][d["objects"][0]] += 1
os.makedirs(out, exist_ok=True)
n = swapped = 0
tmp = os.path.join(out, "manifest.jsonl.tmp")
with open(tmp, "w", encoding="utf-8") as f:
    for line in open(os.path.join(test, "manifest.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        if d["split"] != "test-composition":
            continue
        held = d["objects"][0]
        name = seen[d["family"]].most_common(1)[0][0] if seen[d["family"]] else held
        before = d["instruction"]
        if explicit:
            d["instruction"] = d["initial_instruction"][0].upper() + d["initial_instruction"][1:] + "."
        else:
            for w in sorted(synonyms.get(held, [held]), key=len, reverse=True):
                d["instruction"] = re.sub(r"\b" + re.escape(w) + r"\b", name, d["instruction"])
                if d["instruction"] != before:
                    break
        swapped += d["instruction"] != before
        n += 1
        for p in re.findall(r'"(images/[^"]+\.png)"', line):
            os.makedirs(os.path.join(out, os.path.dirname(p)), exist_ok=True)
            if not os.path.exists(os.path.join(out, p)):
                os.link(os.path.join(test, p), os.path.join(out, p))
        f.write(json.dumps(d) + "\n")
os.replace(tmp, os.path.join(out, "manifest.jsonl"))
print(f"{n} test-composition samples, {swapped} instructions changed ({'explicit' if explicit else 'name swapped'}), in {out}")
