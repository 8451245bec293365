#!/usr/bin/env python3
"""Build a held-out labelled set of usernames: generated (default/bot/farm) vs human-chosen.

Reproducible: fixed seed. Output: usernames_holdout.csv (username,label) next to this script.
Style tags are printed in the summary only (not written to the CSV).
"""
import csv
import os
import random
import string
from collections import Counter

SEED = 20240611
rng = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "usernames_holdout.csv")

N_GEN = 270
N_HUM_COMPOSED = 120  # plus all hand-written human handles

LOW = string.ascii_lowercase
ALNUM = LOW + string.digits
CONS = "bcdfghjklmnpqrstvwxz"
VOW = "aeiou"
HEX = "0123456789abcdef"

# ---------------------------------------------------------------- shared parts
# first names / surnames grouped by language so composed human handles stay plausible
NAMES_BY_LANG = {
    "en": (["emily", "jessica", "michael", "james", "olivia", "ashley", "brandon", "tyler", "megan", "kevin",
            "sarah", "chris", "amanda", "jason", "lauren", "ryan", "nicole", "david", "rachel", "josh"],
           ["smith", "jones", "brown", "miller", "wilson", "taylor", "anderson", "clark", "walker", "hall"]),
    "es": (["carlos", "lucia", "alejandro", "valentina", "diego", "camila", "xochitl", "javi"],
           ["garcia", "martinez", "lopez", "fernandez", "ramos", "herrera"]),
    "pt": (["joao", "mariana", "rafael", "beatriz", "thiago"], ["silva", "santos", "oliveira", "ferreira"]),
    "de": (["lukas", "jonas", "lena", "anke", "felix"], ["muller", "schneider", "fischer", "tschirner", "weber"]),
    "nl": (["maarten", "sanne", "joost", "femke"], ["dejong", "jansen", "devries", "bakker"]),
    "nordic": (["sven", "ingrid", "bjorn", "freya", "sigrid"], ["larsen", "johansson", "eriksdottir", "lindqvist"]),
    "pl": (["krzysztof", "agnieszka", "katarzyna", "szczepan", "marta"], ["nowak", "wozniak", "kowalski", "brzezinski", "zielinska"]),
    "cz": (["jiri", "tereza", "ondrej"], ["dvorak", "novak", "svoboda"]),
    "ru": (["vladislav", "natasha", "dmitri", "olga", "ilya"], ["petrov", "ivanova", "smirnov", "kuznetsov"]),
    "ja": (["aiko", "hiroshi", "yuki", "kenta"], ["tanaka", "sato", "nakamura", "suzuki"]),
    "vi": (["minh", "thanh", "linh", "quang"], ["nguyen", "tran", "pham", "le"]),
    "zh": (["wei", "jia", "xin", "hao"], ["wang", "chen", "liu", "zhang"]),
    "in": (["priya", "arjun", "ananya", "rohit"], ["patel", "sharma", "iyer", "reddy"]),
    "ar_tr": (["fatima", "omar", "ayse", "emre", "yusuf"], ["khan", "yilmaz", "haddad", "demir"]),
    "ng_gh": (["chidi", "amara", "kwame", "tunde"], ["okafor", "mensah", "adeyemi", "boateng"]),
    "gr": (["nikos", "eleni", "giorgos"], ["papadopoulos", "georgiou"]),
    "cy_ie": (["rhys", "siobhan", "aoife", "gwyn"], ["llewellyn", "obrien", "kelly", "murphy"]),
    "am": (["armen", "ani", "narek"], ["mkrtchyan", "sargsyan", "petrosyan"]),
}
FIRST = [f for fs, _ in NAMES_BY_LANG.values() for f in fs]

# "Western" default-looking names that bot farms love (Insta/Twitter farm accounts)
FARM_FIRST = [
    "emily", "jessica", "ashley", "sarah", "amanda", "jennifer", "melissa", "nicole", "stephanie",
    "michelle", "laura", "rebecca", "hannah", "olivia", "sophia", "isabella", "mia", "chloe",
    "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "daniel", "matthew", "anthony", "mark", "steven", "andrew", "joshua", "kevin", "brian",
    "linda", "patricia", "barbara", "susan", "karen", "nancy", "betty", "sandra", "donna",
]
FARM_LAST = [
    "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez",
    "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor",
    "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez",
    "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright",
]

# ============================================================== GENERATED SIDE

def rdig(n):
    # first digit may be 0 too (default generators are not pretty)
    return "".join(rng.choice(string.digits) for _ in range(n))

def ralnum(n, alphabet=ALNUM):
    return "".join(rng.choice(alphabet) for _ in range(n))

def g_user_digits():            # generic "user" + 7-9 digits
    return "user" + rdig(rng.randint(7, 9))

def g_tiktok_default():         # TikTok: user + 10-13 digits
    return "user" + rdig(rng.randint(10, 13))

def g_user_alnum_digits():      # user_ + random alnum + _ + digits
    return "user_" + ralnum(rng.randint(4, 8)) + "_" + rdig(rng.randint(3, 6))

def g_random_alnum():           # x7k2p9q4zt
    while True:
        s = ralnum(rng.randint(8, 12))
        if sum(c.isdigit() for c in s) >= 1:
            return s

def g_random_letters():         # pure random lowercase, no digits -> harder case
    return ralnum(rng.randint(8, 11), LOW)

def g_consonant_digits():       # jdk3829fk2
    parts = []
    length = rng.randint(8, 12)
    while sum(len(p) for p in parts) < length:
        if rng.random() < 0.55:
            parts.append(ralnum(rng.randint(1, 4), CONS))
        else:
            parts.append(rdig(rng.randint(1, 4)))
    return "".join(parts)[:length]

def g_farm_fullname_digits():   # emilyjohnson84729361
    return rng.choice(FARM_FIRST) + rng.choice(FARM_LAST) + rdig(rng.randint(4, 8))

def g_farm_first_digits():      # emily84729361
    return rng.choice(FARM_FIRST) + rdig(rng.randint(6, 9))

def g_insta_suggested():        # Instagram "suggested username" style: name.surname.3719 / name_surname_xyz
    f, l = rng.choice(FARM_FIRST), rng.choice(FARM_LAST)
    r = rng.random()
    if r < 0.4:
        return f"{f}.{l}.{rdig(rng.randint(3, 5))}"
    if r < 0.7:
        return f"{f}_{l}{rdig(rng.randint(3, 5))}"
    return f"{f}{l}_{ralnum(rng.randint(3, 4), LOW)}"

def g_twitter_default():        # Twitter/X: truncated display name + 8 digits, mixed case
    f, l = rng.choice(FARM_FIRST).capitalize(), rng.choice(FARM_LAST).capitalize()
    base = (f + l)[: rng.randint(6, 7)]
    return base + rdig(8)

ADJ = ["blue", "silent", "happy", "dark", "cosmic", "lucky", "wild", "frozen", "golden", "crazy",
       "sunny", "little", "rapid", "misty", "brave", "cool", "shy", "neon", "fuzzy", "quiet"]
NOUN = ["fox", "wolf", "tiger", "panda", "river", "storm", "pixel", "ninja", "star", "cloud",
        "otter", "falcon", "moon", "leaf", "rocket", "bear", "shadow", "ember", "raven", "comet"]

def g_word_random_suffix():     # bluefox_x9k2q
    return rng.choice(ADJ) + rng.choice(NOUN) + rng.choice(["_", "", "."]) + ralnum(rng.randint(4, 6))

def g_reddit_default():         # Reddit: Adjective_Noun_1234 / AdjectiveNoun1234 (title-case)
    a, n = rng.choice(ADJ).capitalize(), rng.choice(NOUN).capitalize()
    d = rdig(rng.randint(3, 4))
    return f"{a}_{n}_{d}" if rng.random() < 0.6 else f"{a}{n}{d}"

def g_hex():                    # a3f9c01be4 / 0x... / id_ + hex
    h = ralnum(rng.randint(8, 16), HEX)
    r = rng.random()
    if r < 0.6:
        return h
    if r < 0.8:
        return "u" + h
    return "id_" + h

def g_name_letterblock():       # anna_xkqzt
    return rng.choice(FIRST + FARM_FIRST) + "_" + ralnum(rng.randint(4, 6), LOW)

def g_syllables_digits():       # kolabi58203917
    syl = lambda: rng.choice(CONS) + rng.choice(VOW) + (rng.choice(CONS) if rng.random() < 0.3 else "")
    return syl() + syl() + rdig(rng.randint(5, 9))

def g_mixedcase_token():        # aB3kL9qZ2x (API-token-like)
    while True:
        s = ralnum(rng.randint(8, 12), string.ascii_letters + string.digits)
        if any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s

GEN_STYLES = [  # (name, fn, weight) - deliberately uneven proportions
    ("user_digits", g_user_digits, 6),
    ("tiktok_default", g_tiktok_default, 12),
    ("user_alnum_digits", g_user_alnum_digits, 6),
    ("random_alnum", g_random_alnum, 14),
    ("random_letters", g_random_letters, 5),
    ("consonant_digits", g_consonant_digits, 9),
    ("farm_fullname_digits", g_farm_fullname_digits, 16),
    ("farm_first_digits", g_farm_first_digits, 8),
    ("insta_suggested", g_insta_suggested, 9),
    ("twitter_default", g_twitter_default, 9),
    ("word_random_suffix", g_word_random_suffix, 10),
    ("reddit_default", g_reddit_default, 8),
    ("hex", g_hex, 8),
    ("name_letterblock", g_name_letterblock, 8),
    ("syllables_digits", g_syllables_digits, 7),
    ("mixedcase_token", g_mixedcase_token, 4),
]

# ================================================================== HUMAN SIDE
# Hand-written handles, grouped by style.
HUMAN_HAND = {
    "name_year": [
        "mike1987", "anna_92", "sarah.jones85", "jenny_1994", "marco.rossi78", "kat_2001", "daveb1979",
        "lisa.m88", "tom_hardy_fan91", "brzezinski88", "nikos_83", "chloe.b03", "aiko_1999", "omar.k90",
        "sveniboy86", "lukas_2k4", "juanito_77", "priya.s95", "jess1985x", "bigmike_72",
    ],
    "dots_underscores": [
        "j.smith.photo", "the_real_tom", "not.amanda", "its_just_kev", "_mariana_", "the.other.sam",
        "realjasonw", "ryan.codes", "itsmegan_", "hello.its.lena", "just_call_me_ray", "yours.truly.em",
        "x_chloe_x", "__ashley__", "mr.and.mrs.clark", "sarah_says_hi",
    ],
    "hobby_brand": [
        "dj_khaled", "bakewithlucy", "trailrunner_jo", "vintage.vinyl.club", "joes_pizza_nyc",
        "sourdough.sam", "climbing.with.kate", "pnw_hiker", "the.plant.mom", "yogawithadriene",
        "barkingdogbrewery", "kevin.shoots.film", "minimal.kitchen", "surf_daddy_sd", "paws.and.claws.vet",
        "nailsbyjess", "catsofistanbul", "retro_gamer_dude", "bookish.betty", "mountain_mama_co",
        "lisboa.eats", "tokyo.streets", "berlin_techno_diary", "fixie_freak", "crochet.cafe",
        "deadlift_dan", "glutenfree.gabi", "spreadsheet.queen", "vanlife_ollie", "birds_of_norfolk",
    ],
    "multilingual": [
        "krzysztof.wozniak", "szczepan_k", "mkrtchyan.art", "nguyen.thanh", "tschirner_photo",
        "vladislav_zh", "dvorak.jiri", "eriksdottir", "llewellyn.rhys", "xochitl.mtz", "ng.kwok",
        "gwyneth.ap.rhys", "przybylski_m", "schwarzkopf.j", "zbigniew.brzoza", "mkhitaryan_fan",
        "tkachenko.olga", "dzhabrailov", "kowalczyk_ania", "nguyenvan.minh", "thorsteinsson",
        "aoife.nichraoibhin", "siobhan_oshea", "papadopoulou.eleni", "oyelaran.tunde", "chukwuemeka_o",
        "wojciechowska.b", "strzelecki", "hrvoje.knezevic", "tkhostov", "ferreira.joao", "yilmaz.ayse",
        "shcherbakova_n", "pham.thu.trang", "bui_hoang", "nakamura.yuki", "kim.jiwoo", "lakshmi.iyer",
        "mohammed.alqahtani", "kuznetsov_ilya",
    ],
    "non_ascii": [
        "zoë.writes", "jürgen_m", "søren.kjær", "josé_luis88", "łukasz.nowak", "anaïs.dupont",
        "björk_fan", "çağla.yıldız",
    ],
    "short": [
        "jo_", "ekk", "mia", "tjb", "k.lo", "ana_p", "zed", "olly",
    ],
    "single_number": [
        "team10", "studio54", "agent007", "route66_diner", "apt4b", "number23", "club27", "catch22_books",
        "area51_fan", "gate9", "the3rdmike", "bunker13", "lucky7sam", "room101",
    ],
    "playful": [
        "lollll_ok", "heyyyy.jude", "sooo.tired", "nooope_", "okkkk_then", "hahaha.no", "mehhhh",
        "zzzsleepy", "brrrr_cold", "yasss.queen", "ugh.mondays", "pizzapizzapizza",
    ],
    "consonant_abbrev": [
        "mrkt.nyc", "bklyn_bkr", "nyc_bkr", "pdx.frmr", "dc_mtl_grl", "lnk.wrks", "stl_bbq",
        "tkd_chmp", "phl.rwrs", "jsk_prd", "wtfck", "dfw_mx", "sfgrl", "bxtr_mtl", "krk.pl", "grdn.lbs",
    ],
}

HOBBY = ["photo", "art", "music", "runs", "lifts", "cooks", "bakes", "travels", "reads", "films",
         "design", "skates", "climbs", "writes", "makes", "draws", "fit", "eats", "vibes", "tattoo"]
PLACE = ["nyc", "la", "atx", "ldn", "paris", "berlin", "krk", "lisbon", "mtl", "syd", "sf", "chi", "pdx", "mx"]
LUCKY = ["7", "10", "11", "13", "21", "23", "24", "33", "69", "99", "3", "1"]

def year(two_digit=None):
    y = rng.randint(1968, 2008)
    if two_digit is None:
        two_digit = rng.random() < 0.55
    return f"{y % 100:02d}" if two_digit else str(y)

def h_composed():
    firsts, lasts = NAMES_BY_LANG[rng.choice(sorted(NAMES_BY_LANG))]
    f, l = rng.choice(firsts), rng.choice(lasts)
    pats = [
        ("name_year", lambda: f + rng.choice(["", "_", "."]) + year()),
        ("name_year", lambda: f + l[0] + year()),
        ("first_last", lambda: f + rng.choice([".", "_", ""]) + l),
        ("first_last", lambda: f[0] + rng.choice([".", "_", ""]) + l),
        ("first_last", lambda: f + "." + l[:rng.randint(1, 3)]),
        ("first_last_year", lambda: f + rng.choice([".", "_", ""]) + l + year(True)),
        ("name_hobby", lambda: f + rng.choice([".", "_", ""]) + rng.choice(HOBBY)),
        ("name_hobby", lambda: rng.choice(["artby", "photosby", "cakesby", "nailsby", "shotsby", "inkby", "designsby",
                                                     "bakewith", "cookwith", "runwith"]) + rng.choice(["", "_"]) + f),
        ("name_place", lambda: f + rng.choice(["_", ".", "in"]) + rng.choice(PLACE)),
        ("name_lucky", lambda: f + rng.choice(["", "_"]) + rng.choice(LUCKY)),
        ("prefixed", lambda: rng.choice(["the", "its", "im", "real", "just", "hey"]) + rng.choice(["_", "", "."]) + f),
    ]
    style, fn = rng.choice(pats)
    return style, fn()

# ================================================================== VALIDATION

def valid(u):
    if not (3 <= len(u) <= 30):
        return False
    for c in u:
        if not (c.isalpha() or c in string.digits or c in "._"):
            return False
    if u[0] == "." or u[-1] == "." or ".." in u:
        return False
    return True

def main():
    rows, seen = [], set()

    def add(u, label, style):
        k = u.casefold()
        if k in seen or not valid(u):
            return False
        seen.add(k)
        rows.append((u, label, style))
        return True

    # human first (hand-written list has priority)
    for style, names in HUMAN_HAND.items():
        for u in names:
            assert valid(u), u
            assert add(u, "human", style), f"duplicate/invalid hand-written: {u}"
    n = 0
    while n < N_HUM_COMPOSED:
        style, u = h_composed()
        if add(u, "human", "composed_" + style):
            n += 1

    names, fns, weights = zip(*[(s, f, w) for s, f, w in GEN_STYLES])
    n = 0
    while n < N_GEN:
        i = rng.choices(range(len(fns)), weights=weights)[0]
        if add(fns[i](), "generated", names[i]):
            n += 1

    rng.shuffle(rows)
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "label"])
        for u, lab, _ in rows:
            w.writerow([u, lab])

    print(f"wrote {len(rows)} rows -> {OUT}")
    print("by label:", dict(Counter(r[1] for r in rows)))
    for lab in ("generated", "human"):
        c = Counter(r[2] for r in rows if r[1] == lab)
        print(f"{lab} styles:", ", ".join(f"{k}={v}" for k, v in c.most_common()))

if __name__ == "__main__":
    main()
