#!/usr/bin/env python3
"""Derives BIGRAM_LEVELS in src/lib.rs (optional; needs the corpus from build_corpus.py).

Input: /tmp/corpus.tsv (locale<TAB>token, from build_corpus.py) and the Debian word list
/usr/share/dict/american-english (package `wamerican`).  For every ordered letter pair
`ab` it computes log2(observed share / uniform share 1/676), counting each name token
with weight 1 and each English word with weight 0.5, and buckets it:

    level 0: < -6  (about 64x rarer than chance: almost never seen)
    level 1: -6..-3
    level 2: -3..-1
    level 3: -1..+1 (about as common as chance)
    level 4: >= +1 (common)

A pair is then raised to one below its level within any one major language (found in
20 or more distinct tokens of that language), at most to level 3, so that one language's
regular spelling (Polish `szcz`, `rz`; Dutch `dijk`; Czech `zv`; Hungarian `zs`) is
never scored as rare just because the pooled lists are dominated by other languages.

Handles are mostly English, and the pooled lists under-weight English names (each
distinct token counts once), so pairs found in at least two of the 200 most common US
first names and 200 most common US surnames (Faker's `en_US` frequency weights) are
raised to level 3: `oh` and `hn` of John, `dw` of Edward, `yl` of Tyler.

It prints the 26 rows to paste into the table.
"""
import collections
import math
import re
import sys

corpus = sys.argv[1] if len(sys.argv) > 1 else "/tmp/corpus.tsv"
names = sorted({line.rstrip("\n").split("\t")[1] for line in open(corpus)})
eng = sorted({w.strip() for w in open("/usr/share/dict/american-english")
              if re.fullmatch("[a-z]+", w.strip())})
cnt = collections.Counter()
for src, wt in ((names, 1.0), (eng, 0.5)):
    for t in src:
        for a, b in zip(t, t[1:]):
            cnt[a + b] += wt
L = "abcdefghijklmnopqrstuvwxyz"
tot = sum(cnt.values())
CUTS = (-6, -3, -1, 1)
MAJOR = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "hu", "sv", "da", "no",
         "fi", "tr", "ru", "uk", "hr", "ro", "vi", "id", "ga"]
groups = collections.defaultdict(set)
for line in open(corpus):
    loc, tok = line.rstrip("\n").split("\t")
    groups[loc.split("_")[0]].add(tok)
groups["dict"] = set(eng)
raised = collections.Counter()
for g in MAJOR + ["dict"]:
    toks = groups.get(g, set())
    gcnt, gtok = collections.Counter(), collections.Counter()
    for t in toks:
        for a, b in zip(t, t[1:]):
            gcnt[a + b] += 1
        for pair in {a + b for a, b in zip(t, t[1:])}:
            gtok[pair] += 1
    gtot = sum(gcnt.values()) or 1
    for pair, n in gtok.items():
        if n >= 20:
            lv = math.log2(gcnt[pair] / gtot * 676)
            # Common in the language (its level 4) → neutral 3; as common as chance
            # (its level 3) → 2; rarer → no change.
            raised[pair] = max(raised[pair], min(3, sum(1 for c in CUTS if lv >= c) - 1))
from faker.providers.person.en_US import Provider as UsNames  # noqa: E402

first = dict(UsNames.first_names_male)
first.update(UsNames.first_names_female)
common = [n.lower() for n, _ in sorted(first.items(), key=lambda kv: -kv[1])[:200]]
common += [n.lower() for n, _ in sorted(UsNames.last_names.items(), key=lambda kv: -kv[1])[:200]]
in_names = collections.Counter(pair for n in common for pair in {a + b for a, b in zip(n, n[1:])})
english = {pair for pair, n in in_names.items() if n >= 2}
for a in L:
    row = ""
    for b in L:
        lv = math.log2((cnt[a + b] + 0.5) / tot * 676)
        level = sum(1 for c in CUTS if lv >= c)
        level = max(level, raised[a + b])
        if a + b in english:
            level = max(level, 3)
        row += str(level)
    print(f"    b\"{row}\", // {a}")
