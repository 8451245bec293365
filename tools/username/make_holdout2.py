#!/usr/bin/env python3
"""Build an independent labelled holdout set of usernames (generated vs human).

Written from scratch: does not read any other username data or classifier code.
Output: usernames_holdout2.csv (username,label) and a sidecar
usernames_holdout2_styles.csv (username,label,style) for per-style analysis.
"""
import csv
import os
import random
import re
import string
from collections import Counter

SEED = 20240611
rng = random.Random(SEED)
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Shared part lists (hand-written)
# --------------------------------------------------------------------------
FIRST = {
    "en": ["james", "emily", "michael", "sarah", "david", "jessica", "chris", "ashley",
           "matthew", "amanda", "joshua", "megan", "ryan", "lauren", "tyler", "brittany",
           "kevin", "nicole", "brandon", "rachel", "justin", "hannah", "kyle", "olivia"],
    "es": ["maria", "jose", "carlos", "lucia", "alejandro", "valentina", "diego", "camila",
           "javier", "sofia", "pablo", "daniela", "andres", "paula", "sergio", "ximena"],
    "pt": ["joao", "ana", "pedro", "beatriz", "lucas", "larissa", "gabriel", "thais",
           "rafael", "leticia", "thiago", "juliana"],
    "ru": ["dmitry", "anastasia", "sergey", "ekaterina", "alexey", "olga", "ivan", "natalia",
           "nikita", "yulia", "andrey", "svetlana", "maxim", "irina"],
    "in": ["rahul", "priya", "amit", "pooja", "vikram", "neha", "arjun", "ananya", "rohan",
           "divya", "sanjay", "kavya", "aditya", "shreya"],
    "ar": ["ahmed", "fatima", "mohammed", "aisha", "omar", "layla", "youssef", "mariam",
           "khalid", "noor", "hassan", "salma"],
    "tr": ["mehmet", "ayse", "emre", "zeynep", "burak", "elif", "murat", "merve"],
    "de": ["lukas", "lena", "jonas", "anna", "felix", "laura", "tobias", "katharina"],
    "fr": ["louis", "chloe", "antoine", "manon", "julien", "camille", "mathieu", "ines"],
    "zh": ["wei", "jing", "hao", "xiaoming", "yan", "li", "jun", "mei", "zhang", "xin"],
    "ja": ["haruto", "yui", "sota", "aoi", "ren", "sakura", "yuto", "hina", "kenji", "yuki"],
    "vi": ["minh", "linh", "tuan", "huong", "duc", "thao", "quang", "trang"],
    "id": ["budi", "siti", "agus", "dewi", "rizky", "putri", "adi", "intan"],
    "ng": ["chinedu", "ngozi", "emeka", "funmi", "tunde", "chioma", "segun", "adaeze"],
    "pl": ["piotr", "agnieszka", "krzysztof", "malgorzata", "tomasz", "katarzyna"],
}
LAST = {
    "en": ["smith", "johnson", "williams", "brown", "jones", "miller", "davis", "wilson",
           "anderson", "taylor", "thomas", "moore", "martin", "jackson", "white", "harris"],
    "es": ["garcia", "rodriguez", "martinez", "lopez", "gonzalez", "perez", "sanchez",
           "ramirez", "torres", "flores", "rivera", "gomez"],
    "pt": ["silva", "santos", "oliveira", "souza", "pereira", "costa", "almeida", "ferreira"],
    "ru": ["ivanov", "petrova", "smirnov", "kuznetsova", "popov", "sokolova", "volkov",
           "morozova"],
    "in": ["sharma", "patel", "singh", "kumar", "gupta", "reddy", "iyer", "verma", "nair"],
    "ar": ["khan", "ali", "hassan", "ibrahim", "mansour", "haddad", "saleh", "aziz"],
    "tr": ["yilmaz", "kaya", "demir", "celik", "sahin", "ozturk"],
    "de": ["mueller", "schmidt", "schneider", "fischer", "weber", "wagner"],
    "fr": ["dubois", "moreau", "laurent", "lefebvre", "bernard", "girard"],
    "zh": ["wang", "chen", "liu", "zhao", "huang", "zhou", "wu", "lin"],
    "ja": ["sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto"],
    "vi": ["nguyen", "tran", "le", "pham", "hoang", "vu"],
    "id": ["santoso", "wijaya", "saputra", "hidayat", "pratama"],
    "ng": ["okafor", "adeyemi", "okonkwo", "balogun", "eze", "nwosu"],
    "pl": ["kowalski", "nowak", "wisniewska", "lewandowski", "kaminska"],
}
LANGS = list(FIRST)

ADJ = ["Fluffy", "Brave", "Quiet", "Sad", "Happy", "Lazy", "Curious", "Ancient", "Silly",
       "Wooden", "Glittering", "Lonely", "Electrical", "Unusual", "Spirited", "Tough",
       "Gloomy", "Jazzlike", "Adventurous", "Rude", "Intrepid", "Proud", "Salt", "Fun",
       "Honest", "Available", "Impossible", "Extension", "Nervous", "Hungry", "Odd",
       "Remarkable", "Mountain", "Ok", "Mental", "Key", "Dry", "Inside", "Pleasant",
       "Exciting", "Worried", "Tricky", "Objective", "Temporary", "Ambitious", "Careless"]
NOUN = ["Ad", "Pie", "Ganache", "Bed", "Lettuce", "Cow", "Ferret", "Spirit", "Reindeer",
        "Pineapple", "Lawfulness", "Ocelot", "Goal", "Society", "Plastic", "Caterpillar",
        "Potato", "Employee", "Bank", "Jellyfish", "Walrus", "Koala", "Mongoose", "Hawk",
        "Trash", "Nobody", "Dragonfly", "Badger", "Spare", "Eye", "Mud", "Butterscotch",
        "Trade", "Cantaloupe", "Gear", "Swan", "Session", "Bowler", "Wishbone", "Bird",
        "Zebra", "Engine", "Dog", "Toe", "Strategy", "Lab", "Razzmatazz", "Fig"]
WORDS = ["sun", "moon", "river", "stone", "pixel", "shadow", "cloud", "fox", "wolf", "blue",
         "storm", "ocean", "star", "night", "gold", "silver", "lucky", "happy", "cyber",
         "nova", "dream", "leaf", "rose", "iron", "frost", "spark", "echo", "orbit",
         "velvet", "maple", "crystal", "rapid", "zen", "tiger", "mint", "coral", "urban",
         "retro", "neon", "amber", "polar", "wild", "sky", "ember", "lunar", "swift"]

LOWER = string.ascii_lowercase
DIG = string.digits
CONS = "bcdfghjklmnpqrstvwxz"
VOW = "aeiou"


def digits(n, lead_nonzero=False):
    s = "".join(rng.choice(DIG) for _ in range(n))
    if lead_nonzero:
        s = rng.choice("123456789") + s[1:]
    return s


def rand_letters(n, alphabet=LOWER):
    return "".join(rng.choice(alphabet) for _ in range(n))


def name_pair():
    lang = rng.choice(LANGS)
    return rng.choice(FIRST[lang]), rng.choice(LAST[lang])


# --------------------------------------------------------------------------
# Generated styles
# --------------------------------------------------------------------------
def g_tiktok_default():
    return "user" + digits(rng.randint(10, 13), lead_nonzero=True)


def g_instagram_suggest():
    f, l = name_pair()
    form = rng.random()
    if form < 0.25:
        base = f + rng.choice([".", "_"]) + l
    elif form < 0.45:
        base = f + l
    elif form < 0.6:
        base = f[0] + rng.choice([".", "_", ""]) + l
    elif form < 0.75:
        base = f + rng.choice([".", "_"]) + l[0]
    else:
        base = f
    sep = rng.choice(["", "", ".", "_", "__", "._"])
    tail = digits(rng.choice([2, 3, 3, 4, 4, 5]))
    u = base + sep + tail
    if rng.random() < 0.15:
        u = u + "_"  # Instagram disallows a trailing period
    if rng.random() < 0.1:
        u = "_" + u
    return u


def g_twitter_default():
    f, l = name_pair()
    f, l = f.capitalize(), l.capitalize()
    base = rng.choice([f, f + l, f + l[0], f[0] + l])
    base = base[: 15 - 8]
    return base + digits(8)


def g_reddit_underscore():
    return "%s_%s_%s" % (rng.choice(ADJ), rng.choice(NOUN), digits(4, lead_nonzero=True))


def g_reddit_camel():
    return rng.choice(ADJ) + rng.choice(NOUN) + digits(rng.choice([2, 3, 4]))


def g_discord_like():
    w = "".join(rng.sample(WORDS, 2))
    form = rng.random()
    if form < 0.4:
        return w + rng.choice([".", "_"]) + digits(rng.choice([4, 5]))
    if form < 0.7:
        f, _ = name_pair()
        return f + rng.choice(["_", "."]) + digits(rng.choice([4, 5]))
    return w + "0" + digits(rng.choice([3, 4]))


def g_farm_first_last_digits():
    f, l = name_pair()
    sep = rng.choice(["", "", "", "_", "."])
    if rng.random() < 0.3:
        f = f.capitalize()
        l = l.capitalize()
    return f + sep + l + digits(rng.choice([3, 4, 5, 6]))


def g_farm_name_letters():
    f, l = name_pair()
    base = rng.choice([f, f + l, f + "_" + l, l + f])
    sep = rng.choice(["", "", "_", "."])
    return base + sep + rand_letters(rng.randint(3, 6))


def g_farm_word_word_alnum():
    a, b = rng.sample(WORDS, 2)
    w = a + rng.choice(["", "_"]) + b
    tail = "".join(rng.choice(LOWER + DIG) for _ in range(rng.randint(3, 6)))
    return w + rng.choice(["", "_", ""]) + tail


def g_random_letters():
    return rand_letters(rng.randint(6, 14))


def g_random_alnum():
    n = rng.randint(8, 16)
    s = rng.choice(LOWER) + "".join(rng.choice(LOWER + DIG) for _ in range(n - 1))
    return s


def g_hex():
    s = "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice([8, 10, 12, 16])))
    if rng.random() < 0.4:
        s = rng.choice(["u", "id", "acc", "x"]) + s
    elif s[0].isdigit():
        s = rng.choice("abcdef") + s[1:]
    return s


def g_mixed_case_token():
    n = rng.randint(8, 14)
    return rng.choice(string.ascii_letters) + "".join(
        rng.choice(string.ascii_letters + DIG) for _ in range(n - 1))


def g_consonant_heavy():
    n = rng.randint(6, 12)
    s = "".join(rng.choice(CONS) if rng.random() < 0.88 else rng.choice(VOW) for _ in range(n))
    if rng.random() < 0.3:
        s += digits(rng.randint(1, 3))
    return s


def g_pseudo_word():
    # pronounceable CV-syllable nonsense, sometimes with short digits -> harder
    syl = rng.randint(3, 5)
    s = "".join(rng.choice(CONS) + rng.choice(VOW) for _ in range(syl))
    if rng.random() < 0.3:
        s += rng.choice(CONS)
    r = rng.random()
    if r < 0.35:
        s += digits(rng.choice([2, 3, 4]))
    elif r < 0.5:
        s = s.capitalize()
    return s


def g_bot_prefix():
    pre = rng.choice(["user", "user_", "acc", "account", "id", "member", "guest", "player",
                      "bot", "new_user", "u_", "fan", "promo", "shop", "crypto", "nft"])
    if rng.random() < 0.5:
        tail = digits(rng.randint(5, 9), lead_nonzero=True)
    else:
        tail = "".join(rng.choice(LOWER + DIG) for _ in range(rng.randint(5, 8)))
    return pre + tail


def g_spam_commerce():
    a = rng.choice(["crypto", "forex", "btc", "earn", "cash", "invest", "promo", "deals",
                    "giveaway", "follow", "likes", "hot", "sexy", "dating", "win"])
    b = rng.choice(["king", "girl", "queen", "mentor", "expert", "daily", "club", "pro",
                    "hub", "zone", "guru", "bae", "official", "real"])
    return a + rng.choice(["", "_", "."]) + b + rng.choice(["", "_"]) + digits(rng.randint(2, 5))


def g_name_random_mix():
    # name prefix + random alnum blob (youtube-ish / email-derived)
    f, l = name_pair()
    base = rng.choice([f, f[:4], f + l[:3], l])
    return base + rng.choice(["", "_", "-"]).replace("-", "") + "".join(
        rng.choice(LOWER + DIG) for _ in range(rng.randint(4, 7)))


def g_name_digits_letters():
    # e.g. anna1994xq, mehmet_52kz
    f, _ = name_pair()
    return f + rng.choice(["", "_"]) + digits(rng.randint(2, 4)) + rand_letters(rng.randint(2, 4))


GEN_STYLES = [  # (name, fn, weight)
    ("tiktok_default", g_tiktok_default, 18),
    ("instagram_suggest", g_instagram_suggest, 34),
    ("twitter_default", g_twitter_default, 24),
    ("reddit_adj_noun_underscore", g_reddit_underscore, 16),
    ("reddit_adj_noun_camel", g_reddit_camel, 16),
    ("discord_like", g_discord_like, 14),
    ("farm_first_last_digits", g_farm_first_last_digits, 28),
    ("farm_name_letters", g_farm_name_letters, 18),
    ("farm_word_word_alnum", g_farm_word_word_alnum, 16),
    ("random_letters", g_random_letters, 16),
    ("random_alnum", g_random_alnum, 16),
    ("hex", g_hex, 8),
    ("mixed_case_token", g_mixed_case_token, 10),
    ("consonant_heavy", g_consonant_heavy, 8),
    ("pseudo_word", g_pseudo_word, 14),
    ("bot_prefix", g_bot_prefix, 12),
    ("spam_commerce", g_spam_commerce, 10),
    ("name_random_mix", g_name_random_mix, 14),
    ("name_digits_letters", g_name_digits_letters, 10),
]

# --------------------------------------------------------------------------
# Human side: hand-written handles, grouped by style
# --------------------------------------------------------------------------
HUMAN_HAND = {
    "name_year_or_lucky": [
        "jenny_1989", "mike.2003", "sarahk92", "tomhardy_fan77", "lisa_m_1996", "carlos7",
        "dani.04", "jake23", "emma_k_88", "ricky1979", "bella_2001", "marco.13",
        "nina99", "paulie_21", "katie.b2000", "alexx_07", "jordan_23", "steph.1985",
        "mattyb_93", "chloe.x.2002",
    ],
    "initials": [
        "jk_r", "mjb", "a.r.k", "tjw", "d.j.m", "kbr_", "jmo", "s.t.k", "ljp_88", "rmk.photo",
        "jdm.9", "ab_c", "cjl", "h.m.w",
    ],
    "name_dots_underscores": [
        "anna.kowalska", "tom_fletcher", "_lucia.ramos_", "jess__w", "marie.claire.d",
        "ben_and_jerry_not", "sam.i.am", "the.real.liz", "its.katie", "just_mattie",
        "oliver__twist", "mia.rose", "hey.its.dan", "x.sofia.x", "_alex_g_", "juan.pablo.r",
        "ella__b", "call.me.jo", "not.sarah", "emily.in.london",
    ],
    "hobby": [
        "dave_climbs", "bakingwithsara", "runner_girl92", "trailrunnertom", "knitnerd",
        "birdsbyben", "vinylhoarder", "yoga.with.mel", "coffeeandcode", "surfing_steve",
        "bookwormbex", "chess_is_life", "fishing_with_pops", "plantmom_jen", "gymrat_mo",
        "sourdough_sam", "cyclingkate", "wanderlust_ana", "the_hungry_hiker", "lego_dad",
        "crochetqueen", "filmphotogeek", "skatenerd_09", "garden.gnome.guy",
    ],
    "job": [
        "drkatiemd", "chef.marco", "lawyer_liz", "nurse_nikki", "mrsmithteaches",
        "thedentistdan", "dev_priya", "pilot.pete", "architect_ahmed", "vet.vanessa",
        "barber_jay", "the.plumber.joe", "mathteacher_k", "designbyana", "tattoosbyrico",
        "dr.omar.ortho", "realtor_rachel", "mua_lina", "coachcarter22", "pastorjim",
    ],
    "place": [
        "nyc_mike", "ldnfoodie", "bcn.photo", "chicago_jen", "la_surfer", "bkk.eats",
        "tokyo_tomo", "berlinbeats", "sfbaybiker", "parisienne_chic", "melb_coffee",
        "atx_dan", "mumbai.diaries", "lagos_boy", "kyiv.kate", "torontotom", "dublin_dave",
        "cdmx_vibes", "seoul.searching", "ams.cyclist", "rio.sunsets", "pdx_plants",
        "glasgow_gal", "nola_jazzcat",
    ],
    "brand_band_fandom": [
        "metallica_fan84", "swiftie4ever", "arsenal_til_i_die", "beatlesmania", "potterhead_x",
        "marvel_maniac", "nirvana_kid", "lakers_nation_24", "bts_army_jimin", "starwarsnerd",
        "radioheadfan", "porsche911_guy", "nike.addict", "trekkie1701", "zeldafan_link",
        "queen_bohemian", "realmadrid_7", "ferrari_fanatic", "pokemaster_ash", "gooners_ldn",
        "deadhead77", "lfc_ynwa",
    ],
    "joke_pun": [
        "notmyrealname", "sir_eats_alot", "captain_obvious", "pun_intended", "lettuce_pray",
        "taco_bout_it", "kaleidoscope_kale", "dont_at_me", "probably_napping", "tired_mom_of3",
        "notabot_honest", "professional_napper", "avocadon_t", "brie_my_guest", "sofa_king_cool",
        "baconator_supreme", "ctrl_alt_defeat", "im_not_here", "procrastinator_prime",
        "certified_snacc", "overthinker_anon", "justanotherdave", "nachoaveragegirl",
        "wine_not_", "thyme_traveler",
    ],
    "vowel_dropped": [
        "phtgrphy", "mkbhd", "trvlgrl", "dsgnr.ny", "jstn_btr", "mrkrbrwn", "snkrhd",
        "msclmn", "brklyn_bkr", "pdcstr", "dnldtrp_no", "grphcs_by_j", "skt_brd", "jrnlst.mx",
        "ktchn_stdio", "chrls_dx",
    ],
    "consonant_cluster_names": [
        "szczepan.wrobel", "grzegorz_brzeczek", "przemek_krzyz", "wojtek.szczygiel",
        "zdenek_krcmar", "jiri.strnad", "vojtech_prchal", "petr.vrba", "llywelyn_ap",
        "gwyn_rhys", "rhydderch.llwyd", "dafydd_ffransis", "vardan.mkrtchyan",
        "tigran_hovhannisyan", "armen_tshughuryan", "gvantsa_mgeladze", "tskhvedadze_n",
        "mtvarisa", "shota.kvirkvelia", "sjoerd_vdgraaf", "wouter.schrijvers",
        "geertjan_ijzerman", "szabolcs.gyorgy", "zsofia_nagy", "gyorgyi_kecskes",
        "mkhitaryan.fan", "bartosz.chrzczonowicz", "rrhys_w", "kryzysztof_x",
    ],
    "short": [
        "ktz", "jmo", "xoa", "zed", "bex", "kiki", "mo_", "oz7", "lulu", "vik", "zaz", "pip",
        "dex", "ari", "nox", "juju", "tay", "bo.b", "rae", "kai_",
    ],
    "leetspeak": [
        "n00bmaster69", "h4ck3rman", "l33tgam3r", "pwn3d_u", "sn1p3r_w0lf", "d4rkl0rd",
        "gh0stface", "m4tr1x_n30", "b0ss_l4dy", "c0d3monkey", "r0ck3t_man", "xXsn1perXx",
        "3l1t3_gam3r", "h4x0r_42",
    ],
    "camelcase": [
        "JohnnyAppleseed", "MariaGonzalez", "TheRealDanP", "KatieBugsy", "BigMikeTX",
        "LittleMissSunny", "DrJoeBlack", "SamTheMan", "CaptainJack_", "QueenBee_94",
        "MrBrightside", "AnnaKarenina_", "LeoTheLion7", "TheOneAndOnlyMax", "JustJenn",
        "PapaBearBob", "SassyCassie", "NotSoSlimJim",
    ],
    "gamer_tag": [
        "xXshadowXx", "darkknight_1987", "sniperwolf23", "ninjaturtle_raph", "frostbyte",
        "deadshot_dave", "epicgamer_kev", "noscope_nate", "toxic_tim", "lagswitch_larry",
        "ragequitrick", "tryhard_tony", "headshot_hannah", "afk_andy", "glitchgoblin",
    ],
    "non_ascii": [
        "zoë_m", "jürgen.k", "łukasz_92", "josé.garcia", "søren_b", "çağla.yılmaz",
        "björn_ironside", "andré.photo", "małgosia_k", "hörður_is", "mañana_maria",
        "françois.p", "åsa_lind", "šárka.nová",
    ],
}

# Human combinatorial parts (hand-written, combined with the seeded RNG)
NICK = ["jenny", "mikey", "tommy", "lizzie", "danny", "katie", "bobby", "sammy", "nat",
        "becca", "charlie", "frankie", "maddie", "zach", "lexi", "gabi", "pepe", "nacho",
        "lupe", "mati", "fer", "sasha", "dima", "katya", "vova", "raj", "anu", "chinny",
        "tolu", "mehdi", "yasmin", "hiro", "kenta", "mei", "jules", "nico", "kasia",
        "ola", "bas", "femke", "joss", "rhi", "aoife", "niamh", "siobhan", "tariq", "ravi",
        "leni", "gigi", "bea"]
HOBBY = ["runs", "bakes", "climbs", "lifts", "paints", "cooks", "reads", "surfs", "skates",
         "draws", "travels", "shoots", "sings", "writes", "dances", "hikes", "games", "knits"]
PLACE = ["nyc", "ldn", "bcn", "la", "sf", "atx", "chi", "mia", "tor", "mtl", "syd", "mel",
         "berlin", "paris", "mad", "lisboa", "ams", "dub", "bkk", "mnl", "jkt", "lagos",
         "nairobi", "cdmx", "bogota", "sp", "rio", "krk", "wro", "prg", "bud", "tbilisi",
         "yvn", "cardiff", "osaka", "seoul", "dxb", "kl"]
TOPIC = ["eats", "foodie", "photos", "vibes", "diaries", "life", "style", "fit", "art",
         "music", "runner", "dad", "mom", "gal", "guy", "kid", "girl", "bro", "things",
         "adventures", "journal", "bites", "sketches", "streets", "daily", "moments"]
LUCKY = ["7", "8", "13", "21", "23", "24", "33", "42", "69", "77", "88", "99", "100",
         "101", "123", "420", "666", "777", "888", "007", "1"]


def year():
    y = rng.randint(1968, 2010)
    return str(y) if rng.random() < 0.55 else str(y)[2:]


def h_name_year():
    f = rng.choice(NICK + [rng.choice(FIRST[l]) for l in LANGS])
    sep = rng.choice(["", "", "_", ".", "x"])
    tail = year() if rng.random() < 0.6 else rng.choice(LUCKY)
    if rng.random() < 0.2:
        f = f + rng.choice(["_", "."]) + rng.choice(LAST[rng.choice(LANGS)])[0]
    return f + sep + tail


def h_first_last_style():
    lang = rng.choice(LANGS)
    f, l = rng.choice(FIRST[lang]), rng.choice(LAST[lang])
    forms = [f + "." + l, f + "_" + l, f + l, f[0] + l, f + "." + l[0], l + "." + f,
             "its" + f, "the" + f + l, f + "_" + l + "_", "_" + f + l, f + "x" + l,
             f + "." + l + "." + rng.choice(["art", "photo", "design", "music", "official"]),
             f + rng.choice(["", "_"]) + l + rng.choice(["", "_"]) + year()]
    u = rng.choice(forms)
    if rng.random() < 0.12:
        u = u.capitalize()
    return u


def h_nick_hobby():
    return rng.choice(NICK) + rng.choice(["", "_", "."]) + rng.choice(HOBBY)


def h_place_topic():
    p, t = rng.choice(PLACE), rng.choice(TOPIC)
    r = rng.random()
    if r < 0.4:
        return p + rng.choice(["", "_", "."]) + t
    if r < 0.7:
        return rng.choice(NICK) + rng.choice(["_", ".", ""]) + p
    return p + rng.choice(["_", "."]) + rng.choice(NICK)


HUMAN_COMBO = [
    ("combo_name_year_lucky", h_name_year, 40),
    ("combo_first_last", h_first_last_style, 40),
    ("combo_nick_hobby", h_nick_hobby, 14),
    ("combo_place_topic", h_place_topic, 26),
]

# --------------------------------------------------------------------------
# Validation and assembly
# --------------------------------------------------------------------------
DIGITS_ASCII = set(string.digits)


def valid(u):
    if not (3 <= len(u) <= 30):
        return False
    for ch in u:
        if ch in "._" or ch in DIGITS_ASCII:
            continue
        if ch.isalpha():
            continue
        return False
    return True


def main():
    rows = []  # (username, label, style)
    seen = set()

    def add(u, label, style):
        key = u.casefold()
        if not valid(u):
            raise ValueError("invalid username %r (%s)" % (u, style))
        if key in seen:
            return False
        seen.add(key)
        rows.append((u, label, style))
        return True

    # human: hand-written lists first, then combos
    for style, names in HUMAN_HAND.items():
        for u in names:
            add(u, "human", style)
    for style, fn, n in HUMAN_COMBO:
        got = 0
        tries = 0
        while got < n:
            tries += 1
            if tries > 10000:
                raise RuntimeError(style)
            u = fn()
            if valid(u) and add(u, "human", style):
                got += 1

    n_human = sum(1 for r in rows if r[1] == "human")

    # generated: scale weights so total matches human count
    total_w = sum(w for _, _, w in GEN_STYLES)
    quotas = [(s, f, max(1, round(w * n_human / total_w))) for s, f, w in GEN_STYLES]
    for style, fn, n in quotas:
        got = 0
        tries = 0
        while got < n:
            tries += 1
            if tries > 10000:
                raise RuntimeError(style)
            u = fn()
            if valid(u) and add(u, "generated", style):
                got += 1

    rng.shuffle(rows)

    with open(os.path.join(OUT_DIR, "usernames_holdout2.csv"), "w", newline="",
              encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "label"])
        for u, lab, _ in rows:
            w.writerow([u, lab])
    with open(os.path.join(OUT_DIR, "usernames_holdout2_styles.csv"), "w", newline="",
              encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "label", "style"])
        w.writerows(rows)

    lab_counts = Counter(r[1] for r in rows)
    print("total", len(rows))
    for lab in ("generated", "human"):
        print("%-10s %d" % (lab, lab_counts[lab]))
    print("\nby style:")
    sc = Counter((r[1], r[2]) for r in rows)
    for (lab, style), c in sorted(sc.items()):
        print("  %-10s %-28s %d" % (lab, style, c))


if __name__ == "__main__":
    main()
