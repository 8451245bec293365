#!/usr/bin/env python3
"""Writes tests/data/usernames_dev.csv: the labelled development set for src/lib.rs.

Generated handles come from a seeded random generator that imitates the styles seen in
the wild (platform default names and bot/farm tools); human handles are a hand-written
list covering the ways people actually pick names, plus hand-written hard negatives in
the shapes of the newer styles (title case with years, full names with dates, names
with short abbreviations, model codes, CamelCase acronyms).  Each row carries its
style (the generator's name, `hand_written` or `hard_negative`) so that the test can
report recall per style.  Run from the crate root:

    python3 tools/gen_dev_set.py            # rewrites tests/data/usernames_dev.csv

The seed is fixed, so the file is reproducible.  Python 3 standard library only.
"""
import csv
import os
import random
import string

SEED = 20240611
rng = random.Random(SEED)

LOWER = string.ascii_lowercase
DIGITS = string.digits
ALNUM = LOWER + DIGITS
HEX = "0123456789abcdef"
CONSONANTS = "bcdfghjklmnpqrstvwxz"

# First names and surnames from several languages; bot farms paste these in front of
# random numbers.
FIRST = ["emily", "james", "olivia", "liam", "sophia", "noah", "mia", "lucas", "anna",
         "david", "maria", "jose", "chen", "wei", "yuki", "hiro", "fatima", "omar",
         "priya", "arjun", "olga", "ivan", "lena", "jonas", "sara", "marco", "giulia",
         "pierre", "chloe", "ahmed", "aisha", "kwame", "amara", "mateo", "lucia",
         "sofia", "jakub", "zofia", "emma", "ethan", "grace", "ryan", "nina", "leo",
         "hannah", "daniel", "laura", "kevin", "jessica", "brandon", "ashley", "tyler"]
LAST = ["smith", "johnson", "brown", "garcia", "miller", "davis", "lopez", "wilson",
        "martin", "lee", "nguyen", "kim", "muller", "schmidt", "rossi", "silva",
        "kowalski", "novak", "ivanova", "tanaka", "khan", "patel", "dubois", "jansen"]
ADJ = ["wise", "fluffy", "brave", "silent", "happy", "ancient", "curious", "lucky",
       "sudden", "gentle", "hungry", "quiet", "fancy", "sharp", "clever", "witty",
       "ok", "cute", "hot", "sea", "plastic", "spiritual", "alarmed", "fuzzy"]
NOUN = ["owl", "panda", "river", "tomato", "engine", "badger", "pepper", "window",
        "glacier", "donut", "falcon", "meadow", "wrap", "ad", "definition", "salamander",
        "honeydew", "bee", "lemon", "cactus", "otter", "pickle", "comet", "maple"]

# Longer names for the full-name styles, and words for the newer suggestion styles.
FIRST_LONG = ["olivia", "michael", "jennifer", "matthew", "patricia", "anthony", "kimberly",
              "joshua", "melissa", "andrew", "stephanie", "brian", "rebecca", "justin",
              "amanda", "nicholas", "natalie", "samantha", "charlotte", "benjamin", "isabella",
              "alexander", "victoria", "jonathan", "heather", "gabriel", "madison", "robert"]
LAST_LONG = ["martin", "thompson", "anderson", "robinson", "clark", "rodriguez", "lewis",
             "walker", "young", "allen", "wright", "scott", "torres", "hill", "flores",
             "green", "adams", "nelson", "baker", "campbell", "mitchell", "roberts", "carter",
             "phillips", "evans", "turner", "parker", "collins", "edwards", "stewart"]
ADJ2 = ["sunny", "wild", "old", "silver", "misty", "dark", "swift", "tiny", "proud", "bold",
        "shy", "icy", "noble", "rusty", "lazy", "mighty", "secret", "velvet", "electric",
        "crimson", "hidden", "rapid", "frozen", "gentle", "jolly", "lunar", "neon", "royal"]
NOUN2 = ["fox", "maple", "otter", "comet", "harbor", "falcon", "meadow", "pebble", "canyon",
         "lantern", "willow", "ember", "walrus", "sparrow", "thunder", "galaxy", "pine",
         "storm", "lynx", "bison", "wolf", "hawk", "tiger", "pixel", "rocket", "river", "moon"]


def rand(chars, n):
    return "".join(rng.choice(chars) for _ in range(n))


def rand_digits(n):
    # No leading zero, like most generators that format an integer.
    return rng.choice("123456789") + rand(DIGITS, n - 1)


def alnum_block(n):
    """Random lowercase letters and digits with at least two of each."""
    while True:
        s = rand(ALNUM, n)
        if sum(c.isdigit() for c in s) >= 2 and sum(c.isalpha() for c in s) >= 2:
            return s


def reddit_title():
    adj, noun = rng.choice(ADJ2).title(), rng.choice(NOUN2).title()
    digits = rng.choice([3, 4])
    number = str(rng.randrange(10 ** digits)).zfill(digits)
    sep = rng.choice(["", "", "_", "-"])
    return adj + sep + noun + sep + number


def mixed_case_token(n):
    """Random upper- and lower-case letters and digits, with at least one of each."""
    chars = string.ascii_letters + DIGITS
    while True:
        s = rand(chars, n)
        if (any(c.isupper() for c in s) and any(c.islower() for c in s)
                and any(c.isdigit() for c in s)):
            return s


def maybe_case(s):
    r = rng.random()
    if r < 0.15:
        return s.upper()
    if r < 0.3:
        return "".join(c.upper() if rng.random() < 0.5 else c for c in s)
    return s


GENERATORS = {
    # TikTok / generic default: "user" + a long number.
    "tiktok_default": lambda: "user" + rand_digits(rng.randint(9, 13)),
    # The spec's style: user_<random block>_<number>.
    "user_block_number": lambda: "user_" + alnum_block(5) + "_" + rand_digits(5),
    # Other platform defaults and prefixes.
    "platform_prefix": lambda: rng.choice(
        ["instagram_user_", "instagramuser", "ig_user_", "tiktok_user_", "fb_user_",
         "facebook_user_", "user-", "usr_", "new_user_", "guest_", "twitter_user_",
         "member_", "user"]) + rng.choice(
        [rand_digits(rng.randint(5, 10)), alnum_block(rng.randint(5, 8)),
         rand(HEX, rng.randint(6, 10))]),
    # Random alphanumerics from bot tools (x7k2p9q4zt).
    "random_alnum": lambda: alnum_block(rng.randint(7, 14)),
    # Letters/digits blocks (jdk3829fk2).
    "letter_digit_blocks": lambda: rand(CONSONANTS, rng.randint(2, 4))
    + rand_digits(rng.randint(3, 5)) + rand(CONSONANTS, rng.randint(1, 3))
    + rand(DIGITS, rng.randint(1, 2)),
    # Farm tools: a first name + 6-8 random digits (emily84729361).
    "name_random_digits": lambda: rng.choice(FIRST) + rng.choice(["", "", "_", "."])
    + rand_digits(rng.randint(6, 8)),
    # Twitter-style default: truncated full name + a long number.
    "fullname_digits": lambda: (rng.choice(FIRST) + rng.choice(LAST))[: rng.randint(7, 10)]
    + rand_digits(rng.randint(5, 8)),
    # Hex and UUID fragments.
    "hex": lambda: rand(HEX, rng.randint(8, 16)),
    # Pure random letters (uniform, or consonant heavy).
    "random_letters": lambda: rand(LOWER, rng.randint(9, 14)),
    "random_consonants": lambda: rand(CONSONANTS, rng.randint(6, 10)),
    # Random letters followed by a random number.
    "letters_then_number": lambda: rand(LOWER, rng.randint(5, 8)) + rand_digits(rng.randint(4, 7)),
    # Numeric ids, sometimes behind a short platform prefix.
    "numeric_id": lambda: rng.choice(["", "fb", "id", "fb_", "u"]) + rand_digits(rng.randint(9, 15)),
    # Reddit-style defaults: Adjective_Noun_1234 / Adjective-Noun-1234.
    "adjective_noun_number": lambda: rng.choice(ADJ) + rng.choice(["_", "-"]) + rng.choice(NOUN)
    + rng.choice(["_", "-"]) + rand_digits(4),
    # A name followed by a random alphanumeric block (emily_k3j9x).
    "name_random_block": lambda: rng.choice(FIRST) + rng.choice(["_", "."]) + alnum_block(rng.randint(5, 7)),
    # Reddit-style defaults in title case: AdjectiveNoun123, Adjective_Noun_123,
    # Adjective-Noun-0123 (3-4 digits, zero-padded, so dates and years occur by chance).
    "reddit_title": lambda: reddit_title(),
    # Farm tools: full first + last name and 4 random digits (oliviamartin4817).
    "fullname_4_digits": lambda: rng.choice(FIRST_LONG) + rng.choice(LAST_LONG) + rand_digits(4),
    # A name, a separator and a short block of random letters (emily_qzvo).
    "name_letter_block": lambda: rng.choice(FIRST + FIRST_LONG)
    + rng.choice(["", "", "", ""] + LAST_LONG[:6]) + rng.choice(["_", ".", "-"])
    + rand(LOWER, rng.randint(3, 6)),
    # Adjective + noun, optional separator, then a short random alphanumeric block
    # (sunnyfox.k2vq, oldmaple_x7t, wildotter3kq9z).
    "words_alnum_block": lambda: rng.choice(ADJ2) + rng.choice(NOUN2)
    + rng.choice([".", "_", ""]) + rand(ALNUM, rng.randint(4, 6)),
    # A platform prefix, a random block and a short number (user_kqzpa_381).
    "user_block_short_number": lambda: rng.choice(["user_", "user_", "user-", "guest_"])
    + rand(rng.choice([LOWER, ALNUM]), 5) + "_" + rand(DIGITS, rng.randint(3, 4)),
    # Random tokens over upper- and lower-case letters and digits (bT4qLmZ9x).
    "mixed_case_token": lambda: mixed_case_token(rng.randint(8, 12)),
}

# Styles whose letter case is part of the style, left as generated by maybe_case().
CASED_STYLES = {"reddit_title", "mixed_case_token"}

COUNTS = {
    "tiktok_default": 24, "user_block_number": 24, "platform_prefix": 32,
    "random_alnum": 40, "letter_digit_blocks": 26, "name_random_digits": 36,
    "fullname_digits": 20, "hex": 18, "random_letters": 20, "random_consonants": 16,
    "letters_then_number": 18, "numeric_id": 16, "adjective_noun_number": 20,
    "name_random_block": 18, "reddit_title": 32, "fullname_4_digits": 30,
    "name_letter_block": 32, "words_alnum_block": 32, "user_block_short_number": 16,
    "mixed_case_token": 26,
}

# Spec examples, always present.
GENERATED_FIXED = ["user_a8f2k_29385", "user8372615029", "x7k2p9q4zt", "jdk3829fk2",
                   "user_k3j9x_55102"]

HUMAN = """
mike1987 anna_92 j.smith.photo dj_khaled claire.dubois marc_lefevre julie.martin
theo.bernard sophie_roux lucas.petit emma.moreau hugo.laurent lea.simon nathan.michel
sarah.jones1994 tom_harris88 lucas2003 jenny_1999 carlos.mendez85 priya1990 kenji_1978
olga.ivanova1983 marco_rossi_71 emma2008 jakob.1965 zoe_2011 dave_1952 chris88 kat_03
mia.2001 ben_the_builder89 lisa.m.1975 ramon_77 anita2015 rob.1960 jules_94 nico_05
agent007 studio54 route66 area51_alien apollo11 catch22 blink182fan sum41 level99 player1
jordan23 kobe_24 lebron_6 messi10 cr7_forever team10 club27 pier39 room101 hangar18
the.real.tom _jessica_ __mike__ sam.i.am anna.k.wright itsmebecca notjustjane thatguy
coffee_addict bookworm_jane gymrat_mike travelwithkate the_hungry_chef urban.sketcher
trailrunner_co fishing.with.dad vintage_vinyl_vibes plantmom surf_and_turf catlady_72
yoga.with.adriene sourdough_sam bikepacking.life birdwatcher_uk knitwitch vanlife_diaries
midnight.baker lazy_sunday_cook film.photography.club street_eats_ldn moto.guzzi.rider
krzysztof_nowak szczepan.k mkrtchyan_art tschirner wojciech.zielinski przemyslaw92
zbigniew_brzezinski dvorak_music jiri.novak strnad_petr hrvoje.horvat ljubica_m
shcherbakova.anna tsvetkova_e mkhitaryan_fan vardan.grigoryan nguyen_thi_lan tran.minh
zhang_wei88 qiang.li xiaoming_w sjoberg_karl bjorn.andersson hjalmar_s kjell_tore
ngozi_okafor chukwuemeka nnamdi_k mbali_dlamini thandiwe oluwaseun aoife.murphy
siobhan_kelly caoimhe_b llewellyn_wyn dafydd.jones cwmbran_rugby giulia.bianchi
francesca_rossi joao.silva goncalo_p inaki_etxeberria aitziber xabier_ar txema_ortiz
ayse_yilmaz mehmet.demir cagri_ozturk giorgos.papadopoulos ekaterina.smirnova
anastasiia_k yevgeniy volodymyr_z szabo_gergely gyorgy.nagy zsofia_t kovacs_zsolt
jaakko_virtanen tuomas.jarvinen heikki_k hiroshi.tanaka ryuunosuke shun_ito kwame_mensah
abdulrahman mohammed_alqahtani aditya.sharma srinivas_k lakshmi_priya bhattacharya
dhruv_1998 thirunavukkarasu pham.quang.huy vo_thi_ngoc dzhambulat khrystyna_v
schwarzkopf_m angstrom_lab armstrong.neil deutschmann brzeczyszczykiewicz
bklyn_bkr mrkt.nyc nyc_gfx ldn_eats pdx.brews sf_bayarea la_vibes dj.mx xoxo_gossip
bts_army kpop.stan lmao_memes tbt_pics mtl.food nycfc_fan bmx_life gfx_by_sam
l33t_h4x0r n00bmaster69 h4ck3r sk8er_boi gr8_m8 b4_sunrise 2pac4life r2d2 c3po_fan
4x4_offroad k9_unit web3dev mp3player g4m3r_girl ps5pro gta5_clips b2b_sales
mike_123 tom.99 sam_7 xo_ana_xo realdonaldtrump elonmusk taylorswift13 cristiano
kimkardashian therock natgeo nasa bbcnews nytimes espn zzz_sleepy qwerty_queen
xyz_studio shroud pokimane pewdiepie xxxtentacion ninja dr.disrespect mkbhd
the_rock_fan john.doe jane_doe_1234 happy_cat_23 cool_dude_123 dark_knight_1939
sweet.pea_2010 luna.lovegood9 frodo_baggins harry.potter.fan gandalf_the_grey
stranger.things.11 kyloren77 chewbacca_fan iamgroot spidey_616 batman1939 joker_2019
emilyjohnson johnsmith kristina.karlsson sven_svensson matthias.schmidt
ruairi_oconnor seanmacdiarmada mcgregor_fan mccartney_paul wrzesniewski
xochitl_m quetzalcoatl_art tlaloc izel.garcia yaretzi_h
tjasa_novak mrs_brown mr.bean dr_phil st.louis.blues jr_smith
kyliejenner arianagrande selenagomez neymarjr leomessi kevinhart4real ddlovato badgalriri
champagnepapi billieeilish jlo snoopdogg k.mbappe mosalah mrbeast lalalalisa_m
roses_are_rosie sooyaaa__ xqcow tfue summit1g timthetatman nickmercs faze_rug 100thieves
g2esports s1mple zywoo m0nesy sh1ro ax1le b1t twistzz nitr0 stewie2k n0thing
xxsniper42069 bigboi69420 beverlyhills90210 jenny8675309 pi314159 valjean24601
jay_z 50cent 2chainz 21savage blink_182 maroon5 sum_41 ub40 u2_fan b52s_fan
ps5_gamer xbox_360 nintendo_64 atari2600 commodore64 amiga500 hal9000 t1000 bb8_droid
bmw_m3 audi_rs6 gtr_r34 s2000_club civic_ek9 mx5_life 911_turbo gsxr750 zx10r
pnw_hiker sfo_spotter atl_hawks dfw_eats kc_chiefs okc_thunder nola_jazz rva_eats
nguyen_van_thanh pham_quynh_anh bui_xuan_phuc huynh_khanh xiaoyu_zhang qianqian_liu
dhruv_rathee bhuvan_bam chhavi_mittal schwarzenegger_a nietzsche_quotes llwyd_cymru
siobhan_ni_bhriain niamh_nic caoilfhionn nino_mchedlishvili lasha_tskhvediani
grzegorz_szczesny wojtek_chrzanowski malgorzata_szczepanska karel_cvrcek
""".split()

# Hard human negatives for the newer generator styles: the same shapes chosen by people
# (title case with a year or a short number, full names with years and dates, names
# with a short word or abbreviation after a separator, words with model numbers and
# sound-alike digits, words after a default prefix, and CamelCase with acronyms).
HUMAN_HARD = """
JohnSmith1987 TheRealMike Blue_Moon_Cafe BigBen_21 Sk8rBoi SarahConnor1984 MikeTyson
GamerGuy99 Pixel_Art_Studio Happy_Hippo_22 CoolCat2000 TheWitcher3 RedSox2004 LakersFan24
Chicago_Bulls_23 MoonWalker69 SpaceCadet_007 NightOwl_365 CrazyCatLady PizzaLover_420
SkyWalker77 BlackPanther2018 IronMan3000 SuperMario64 ZeldaFan_1986 Agent_Smith_101
Mr_Robot_2015 GoldenBoy_1999 EmilyRose1995 DarkKnight_1939 LittleMermaid_89 PurpleRain
Big_Red_Dog SunnyDays2012 Coffee_Queen_777 Tom_And_Jerry BlueJays_Fan HappyGilmore_96
katarzyna1996 jenniferlopez2001 mariagarcia0612 photography1234 christopher1985
basketball2020 weddingphotos2019 stephaniemiller1225 jonathanlee0308 footballfan1111
michaeljordan2323 elizabethtaylor1932 sunshinegirl2012 danielthomas1990 gardeninglife0905
nightphotography2468 vanessahudgens1988 marathonrunner2024 roberthernandez1212
alexandraking0101 hackerman1337 streetphotography2000 grandmaskitchen1950
ana_p bxtr_mtl mike_nyc jo_art lucy_bakes tom_xo kev_bkr anna_k sam_jr the_real_tom
lena_paints mia_writes omar_fit jake_ldn chloe_bkk noah_pdx emma_sews marta_gfx ravi_dxb
sam_vfx omar_mba james_phd sophie_mua leah_rn tom_hwang lisa_nguyen kim_ngo mary_kwon
jun_zhou li_qiu ade_mbaye lukas_ljung erik_tjong siobhan_dwyer sean_mcgee wei_zhang
ella_xoxo kat_irl ben_ftw amy_brb max_mvp sam_gym lily_yyz tariq_lhr dave_jfk jenny_sfo
oliviabrown_ldn hannah.bakes ines_moura jose_luis_diaz pablo.rfc tomas_cvut andrea_bcn
sven_ostby dirk_kuyt petra_kvitova louis_xiv sarah_mgmt mike_nsfw
team_b2b jo_k9 area51 catlover4u gamer4life coolkid_2k
pixelart_3d dreamteam_4ever nightowl_24x7 gamer_ps5 techguy_5g runner_10k plane_a380
truck_f150 ranger_4x4 golf_gti7 mike_ak47 movie_4k music_4u love_u2 happyfeet2
skater_sk8 retro_8bit mixtape_vol3 sneakerhead_af1 cyclist_4life studio_k7 nba2k_clips
fifa23_pro ps4_gamer xbox_one_x sniper_m4a1 summer2k24 fan_ps4pro mclaren720s
user_friendly username_taken guest_star_2 user_experience member_since_2010
guest_chef_mike user_jane_88 anon_artist user_love_42
iPhoneGuy DJKhaled McDonaldFan NYCgirl LeBronJames23 YouTubeKid xXSniperXx MrBeast6000
GTA5Clips CR7Forever iPad4Kids eBayDeals DrDre2001 McLaren720S MacBookPro16
TheRealMVP23 LeoDiCaprio DeAndreJordan6 JoeMcElderry BTSxARMY NBA2KPro MJ23Forever
Web3Builder HTML5Guru RoboCop2 R2D2Lover SpiderMan2099 MsPacMan80 VanDamme84 LilNasX
TayK47 NickiM4ever Sk8rGirl H4ck3rMan L33tGamer xXDarkXx99 OBrien77 DJsMusic
""".split()


def main():
    rows = [(u, "generated", "spec_example") for u in GENERATED_FIXED]
    seen = {u.lower() for u in GENERATED_FIXED + HUMAN + HUMAN_HARD}
    for style, n in COUNTS.items():
        made = 0
        while made < n:
            u = GENERATORS[style]()
            if style not in CASED_STYLES:
                u = maybe_case(u)
            if u.lower() in seen:
                continue
            seen.add(u.lower())
            if rng.random() < 0.05:
                u = "@" + u
            rows.append((u, "generated", style))
            made += 1
    rows += [(u, "human", "hand_written") for u in HUMAN]
    rows += [(u, "human", "hard_negative") for u in HUMAN_HARD]
    rng.shuffle(rows)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                       "usernames_dev.csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["username", "label", "style"])
        w.writerows(rows)
    gen = sum(1 for _, lab, _ in rows if lab == "generated")
    print(f"wrote {len(rows)} rows ({gen} generated, {len(rows) - gen} human) to {out}")


if __name__ == "__main__":
    main()
