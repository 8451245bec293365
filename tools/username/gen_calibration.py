#!/usr/bin/env python3
"""A large synthetic calibration set (optional; needs `pip install faker` and the Debian
`wamerican` word list).  Not used by the test suite: it exists to check that thresholds
chosen on the small development set hold on thousands of handles built from real names
of many languages and from English words: 20,000 human handles in 20 shapes (including
capitalised names, abbreviations after names, model codes after words and full names
with dates) and 8,000 generated ones in 18 styles.

    python3 tools/gen_calibration.py /tmp/calibration.csv
    USERNAME_EVAL_CSV=/tmp/calibration.csv cargo test --test dev_set -- --ignored --nocapture
"""
import csv
import random
import re
import string
import sys
import unicodedata

from faker import Faker

rng = random.Random(7)
LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "cs_CZ", "hu_HU",
           "nl_NL", "sv_SE", "fi_FI", "pt_BR", "tr_TR", "ro_RO", "hr_HR", "vi_VN", "id_ID",
           "en_IN", "zu_ZA", "yo_NG", "ga_IE", "da_DK", "no_NO", "sk_SK", "lt_LT", "lv_LV",
           "et_EE", "sl_SI", "es_MX", "tl_PH", "sw", "az_AZ", "uz_UZ"]
CYR = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdezijklmnoprstufye"))
CYR.update({"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu",
            "я": "ya", "ё": "yo", "ъ": "", "ь": "", "є": "ye", "і": "i", "ї": "yi"})


def to_ascii(s):
    s = "".join(CYR.get(c, c) for c in s.lower())
    for a, b in (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ß", "ss"), ("æ", "ae"), ("ı", "i"),
                 ("ə", "e"), ("ɛ", "e"), ("ɔ", "o"), ("ħ", "h"), ("ŋ", "ng")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    return re.sub("[^a-z]", "", "".join(c for c in s if ord(c) < 128))


fakers = [Faker(loc) for loc in LOCALES + ["ru_RU", "uk_UA"]]
for f in fakers:
    f.seed_instance(rng.randint(0, 10**6))
WORDS = [w.strip() for w in open("/usr/share/dict/american-english")
         if re.fullmatch("[a-z]{3,8}", w.strip())]


def person():
    f = rng.choice(fakers)
    return to_ascii(f.first_name()) or "anna", to_ascii(f.last_name()) or "smith"


def sep():
    return rng.choice(["", "", "_", ".", "__", "-"])


# Short suffixes people put after a name: abbreviations, places, trades and slang.
ABBREVIATIONS = ["nyc", "ldn", "la", "sf", "atl", "pdx", "mtl", "bcn", "ber", "dxb", "art",
                 "mua", "phd", "mba", "md", "rn", "dds", "gfx", "vfx", "fx", "dj", "mc", "tv",
                 "fm", "hq", "uk", "usa", "jr", "sr", "xo", "xoxo", "fit", "bkr", "ptbr", "mx",
                 "bsc", "cpa", "vlog", "pics", "photo", "films", "music", "official", "irl",
                 "ftw", "lol", "nsfw", "grwm", "bjj", "mma", "ufc", "nba", "nfl", "fc", "afc"]
# Model names, game titles and sound-alike slang that people append to words.
CODES = ["ps4", "ps5", "mp3", "4life", "4ever", "4u", "2k24", "24x7", "b2b", "x1", "gt3", "rs6",
         "ak47", "m4a1", "f150", "3d", "4k", "8bit", "360", "2go", "1up", "r2d2", "c3po", "k9",
         "cr7", "mk11", "gta5", "fifa23", "h2o", "4x4", "v8", "s2000", "a380", "f1", "5g", "2day"]


def title(w):
    return w[:1].upper() + w[1:]


def human():
    first, last = person()
    kind = rng.randrange(20)
    if kind == 14:
        # Title case, as people capitalise their names: JohnSmith1987, Anna_Kowalski_23.
        s = rng.choice(["", "_", "-"])
        return title(first) + s + title(last) + rng.choice(
            ["", str(rng.randint(1950, 2015)), s + f"{rng.randint(1, 99)}"])
    if kind == 15:
        return rng.choice([first, first + last, first + "_" + last]) + rng.choice(
            ["_", ".", "-"]) + rng.choice(ABBREVIATIONS)
    if kind == 16:
        return rng.choice(WORDS) + rng.choice(["", rng.choice(WORDS)]) + rng.choice(
            ["", "_", "."]) + rng.choice(CODES)
    if kind == 17:
        # A full name with a year, a date or an easy number.
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        return first + last + rng.choice(
            [str(rng.randint(1950, 2015)), f"{month:02d}{day:02d}", f"{day:02d}{month:02d}",
             rng.choice(["1234", "1111", "2222", "6969", "1212", "7777", "4321", "0007"])])
    if kind == 18:
        # CamelCase with acronyms, particles and numbers: DJMike, iPhoneFan, McKenzie23.
        word = title(rng.choice(WORDS))
        return rng.choice([
            rng.choice(["DJ", "MC", "NYC", "LA", "UK", "TheReal", "Mr", "Dr", "Lil", "i", "x"])
            + title(first) + rng.choice(["", str(rng.randint(1, 99))]),
            title(first) + rng.choice(["Mc", "Mac", "De", "Le", "Van", "O"]) + title(last),
            title(first) + word + rng.choice(["", str(rng.randint(1, 99)), "4Life", "2Go"]),
            word.upper()[:3] + title(rng.choice(WORDS)) + str(rng.randint(1, 99)),
        ])
    if kind == 19:
        # Capitalised words with a short number or none: Blue_Moon_Cafe, BigBen_21.
        s = rng.choice(["", "_", "-"])
        return s.join(title(rng.choice(WORDS)) for _ in range(rng.choice([2, 2, 3]))) + rng.choice(
            ["", s + str(rng.randint(1, 99)), str(rng.randint(1950, 2015))])
    if kind == 0:
        return first + sep() + last
    if kind == 1:
        return first + sep() + str(rng.randint(1950, 2015))
    if kind == 2:
        return first + sep() + last + sep() + f"{rng.randint(0, 99):02d}"
    if kind == 3:
        return first[0] + sep() + last
    if kind == 4:
        return first + sep() + last[0]
    if kind == 5:
        return first + sep() + str(rng.randint(1, 999))
    if kind == 6:
        return rng.choice(WORDS) + sep() + rng.choice(WORDS)
    if kind == 7:
        return first + sep() + rng.choice(WORDS)
    if kind == 8:
        return rng.choice(["the", "its", "iam", "real", "official", "mr", "dr", "just"]) + sep() + first
    if kind == 9:
        return last + sep() + first
    if kind == 10:
        return rng.choice(WORDS) + sep() + rng.choice(WORDS) + sep() + str(rng.randint(1, 99))
    if kind == 11:
        return first + last + str(rng.randint(1950, 2015))
    if kind == 12:
        return first + sep() + rng.choice(WORDS) + sep() + str(rng.randint(1950, 2015))
    return rng.choice(WORDS) + sep() + first


def rand(chars, n):
    return "".join(rng.choice(chars) for _ in range(n))


def num(n):
    return rng.choice("123456789") + rand(string.digits, n - 1)


ALNUM = string.ascii_lowercase + string.digits


KIND_NAMES = ["random_alnum", "random_letters", "name_digits", "fullname_digits", "hex",
              "prefix", "consonants", "letter_digit_blocks", "numeric", "letters_sep_number",
              "words_number", "name_random_block", "reddit_title", "fullname_4_digits",
              "name_letter_block", "words_alnum_block", "user_block_short_number",
              "mixed_case_token"]


def generated():
    """Returns a generated handle and the name of its style."""
    kind = rng.randrange(len(KIND_NAMES))
    return generated_of(kind), KIND_NAMES[kind]


def generated_of(kind):
    first, last = person()
    if kind == 12:
        s = rng.choice(["", "", "_", "-"])
        n = rng.choice([3, 4])
        return title(rng.choice(WORDS)) + s + title(rng.choice(WORDS)) + s + str(
            rng.randrange(10 ** n)).zfill(n)
    if kind == 13:
        return first + last + num(4)
    if kind == 14:
        return rng.choice([first, first + last]) + rng.choice(["_", ".", "-"]) + rand(
            string.ascii_lowercase, rng.randint(3, 6))
    if kind == 15:
        return rng.choice(WORDS) + rng.choice(WORDS) + rng.choice([".", "_", ""]) + rand(
            ALNUM, rng.randint(4, 6))
    if kind == 16:
        return rng.choice(["user_", "user-", "guest_"]) + rand(
            rng.choice([string.ascii_lowercase, ALNUM]), 5) + "_" + rand(string.digits,
                                                                         rng.randint(3, 4))
    if kind == 17:
        while True:
            t = rand(string.ascii_letters + string.digits, rng.randint(8, 12))
            if (any(c.isupper() for c in t) and any(c.islower() for c in t)
                    and any(c.isdigit() for c in t)):
                return t
    if kind == 0:
        return rand(ALNUM, rng.randint(6, 15))
    if kind == 1:
        return rand(string.ascii_lowercase, rng.randint(7, 14))
    if kind == 2:
        return first + sep() + num(rng.randint(6, 8))
    if kind == 3:
        return (first + last)[: rng.randint(6, 12)] + num(rng.randint(5, 8))
    if kind == 4:
        return rand("0123456789abcdef", rng.randint(8, 16))
    if kind == 5:
        return rng.choice(["user", "user_", "usr", "instagram_user_", "fb", "guest_"]) + rng.choice(
            [num(rng.randint(5, 13)), rand(ALNUM, rng.randint(5, 8))])
    if kind == 6:
        return rand("bcdfghjklmnpqrstvwxz", rng.randint(5, 10))
    if kind == 7:
        return rand(string.ascii_lowercase, rng.randint(2, 4)) + num(rng.randint(3, 5)) + rand(
            string.ascii_lowercase, rng.randint(1, 3)) + rand(string.digits, rng.randint(1, 3))
    if kind == 8:
        return num(rng.randint(8, 14))
    if kind == 9:
        return rand(string.ascii_lowercase, rng.randint(4, 8)) + sep() + num(rng.randint(4, 8))
    if kind == 10:
        return rng.choice(WORDS) + rng.choice(["_", "-"]) + rng.choice(WORDS) + rng.choice(["_", "-"]) + num(4)
    return first + rng.choice(["_", "."]) + rand(ALNUM, rng.randint(5, 8))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/calibration.csv"
    gen = [generated() for _ in range(8000)]
    rows = [(human(), "human") for _ in range(20000)] + [(u, "generated") for u, _ in gen]
    with open(out, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["username", "label"])
        w.writerows(rows)
    # The style of each generated handle, for a per-style breakdown of misses.
    with open(out + ".styles", "w", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(gen)
    print("wrote", len(rows), "rows to", out)


if __name__ == "__main__":
    main()
