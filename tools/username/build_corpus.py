#!/usr/bin/env python3
"""Calibration corpus (optional, needs `pip install faker`): name and word tokens.

Writes one lowercase ASCII token per line (with its locale) from Faker's person-name
lists, romanised East Asian names and word lists across all Latin-script locales, plus
simple transliterations of Cyrillic, Greek and Armenian names.  It is used only to check
that the bigram table in src/lib.rs does not flag real names from many languages; the
test suite does not need it.
"""
import collections
import re
import sys
import unicodedata

from faker import Faker
from faker.config import AVAILABLE_LOCALES

CYR = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdezijklmnoprstufye"))
CYR.update({"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu",
            "я": "ya", "ё": "yo", "ъ": "", "ь": "", "є": "ye", "і": "i", "ї": "yi", "ґ": "g"})
GRK = dict(zip("αβγδεζηικλμνξοπρστυφωςάέήίόύώϊ", "avgdeziiklmnxoprstyfosaeiiouoi"))
GRK.update({"θ": "th", "χ": "ch", "ψ": "ps"})
ARM = dict(zip("աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
               ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k",
                "h", "dz", "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s",
                "v", "t", "r", "ts", "u", "p", "k", "o", "f"]))


def to_ascii(s):
    s = s.lower()
    s = "".join(CYR.get(c, GRK.get(c, ARM.get(c, c))) for c in s)
    for a, b in (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ß", "ss"), ("æ", "ae"), ("ı", "i"),
                 ("þ", "th"), ("ð", "d"), ("œ", "oe"), ("ə", "e"), ("ǝ", "e"),
                 ("ɛ", "e"), ("ɔ", "o"), ("ħ", "h"), ("ŋ", "ng")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if ord(c) < 128)


ATTRS = ("first_names", "last_names", "first_names_male", "first_names_female",
         "last_names_male", "last_names_female", "middle_names", "first_romanized_names",
         "last_romanized_names", "words", "word_list", "city_names")
seen = set()
for loc in sorted(AVAILABLE_LOCALES):
    try:
        fk = Faker(loc)
    except Exception:  # noqa: BLE001 - some locales fail to load; skip them
        continue
    for prov in fk.providers:
        for attr in ATTRS:
            vals = getattr(prov, attr, None)
            if vals is None:
                continue
            if isinstance(vals, dict):
                vals = list(vals.keys())
            try:
                vals = list(vals)
            except TypeError:
                continue
            for v in vals:
                if not isinstance(v, str):
                    continue
                a = to_ascii(v)
                if len(a) < 0.6 * len(v):
                    continue
                for tok in re.findall("[a-z]+", a):
                    if len(tok) >= 2:
                        seen.add((loc, tok))
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/corpus.tsv"
with open(out, "w") as fh:
    for loc, tok in sorted(seen):
        fh.write(f"{loc}\t{tok}\n")
print(len(seen), "tokens,", len({t for _, t in seen}), "distinct")
