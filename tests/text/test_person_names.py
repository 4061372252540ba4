"""aeronorm.text.person_names and .wade_giles: personal names romanised, and read back."""

from __future__ import annotations

import pytest

from aeronorm.resources import load_pinyin_syllables
from aeronorm.text.person_names import (
    Reading,
    chinese_name_keys,
    english_name_keys,
    is_surname,
    name_splits,
    read_romanised,
    split_chinese_name,
    surname_readings,
    wade_giles,
)
from aeronorm.text.wade_giles import pinyin_to_wade_giles, wade_giles_to_pinyin


# -- Chinese names ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("zh", "split"),
    [
        ("张克俭", ("张", "克俭")),
        ("欧阳自远", ("欧阳", "自远")),
        ("司马光", ("司马", "光")),
        ("诸葛亮", ("诸葛", "亮")),
        ("王强", ("王", "强")),
        ("欧阳", ("欧", "阳")),  # two characters: a one-character surname and a given name
    ],
)
def test_split_chinese_name(zh, split):
    assert split_chinese_name(zh) == split


@pytest.mark.parametrize("zh", ["", "张", "克里斯汀·费奇廷格", "中国航天科工集团", "Zhang"])
def test_split_chinese_name_rejects_non_names(zh):
    assert split_chinese_name(zh) is None


@pytest.mark.parametrize(
    ("surname", "reading"),
    [
        ("单", "shan"),
        ("曾", "zeng"),
        ("解", "xie"),
        ("仇", "qiu"),
        ("区", "ou"),
        ("查", "zha"),
        ("朴", "piao"),
        ("缪", "miao"),
        ("翟", "zhai"),
        ("欧阳", "ouyang"),
        ("尉迟", "yuchi"),
        ("万俟", "moqi"),
        ("长孙", "zhangsun"),
    ],
)
def test_surname_readings_differ_from_everyday_readings(surname, reading):
    assert surname_readings(surname)[0] == reading


def test_surname_with_two_readings_keeps_both():
    assert surname_readings("乐") == ("yue", "le")
    assert chinese_name_keys("乐嘉") == [("yue", "jia"), ("le", "jia")]


def test_unknown_surname_falls_back_to_pypinyin():
    assert surname_readings("龘") != ("",)


@pytest.mark.parametrize(
    ("zh", "keys"),
    [
        ("单忠德", [("shan", "zhongde")]),
        ("曾庆红", [("zeng", "qinghong")]),
        ("解振华", [("xie", "zhenhua")]),
        ("欧阳自远", [("ouyang", "ziyuan")]),
        ("司马光", [("sima", "guang")]),
        ("吕布", [("lu", "bu")]),  # ü and u are one letter in keys
        ("钱学森", [("qian", "xuesen")]),
    ],
)
def test_chinese_name_keys(zh, keys):
    assert chinese_name_keys(zh) == keys


@pytest.mark.parametrize("letters", ["zhang", "ouyang", "SHAN", "lv", "lu"])
def test_is_surname(letters):
    assert is_surname(letters)


@pytest.mark.parametrize("letters", ["kejian", "xuesen", "hangtian"])
def test_is_not_surname(letters):
    assert not is_surname(letters)


# -- Wade-Giles ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pinyin", "wg"),
    [
        # pypinyin's WADEGILES style gets these wrong; our table keeps them as they are.
        ("ai", "ai"),
        ("hai", "hai"),
        ("lai", "lai"),
        ("mai", "mai"),
        ("nai", "nai"),
        ("sai", "sai"),
        ("wai", "wai"),
        ("huo", "huo"),
        ("shuo", "shuo"),
        ("qian", "ch'ien"),
        ("xue", "hsüeh"),
        ("sen", "sên"),
        ("zhi", "chih"),
        ("ri", "jih"),
        ("zi", "tzŭ"),
        ("ci", "tz'ŭ"),
        ("si", "ssŭ"),
        ("zhong", "chung"),
        ("guo", "kuo"),
        ("gui", "kuei"),
        ("kui", "k'uei"),
        ("yi", "i"),
        ("er", "êrh"),
        ("ju", "chü"),
        ("lv", "lü"),
        ("lue", "lüeh"),
        ("xiong", "hsiung"),
        ("rong", "jung"),
        ("ke", "k'o"),
        ("duo", "to"),
        ("nuo", "no"),
        ("zhuo", "cho"),
        ("yan", "yen"),
        ("jie", "chieh"),
    ],
)
def test_pinyin_to_wade_giles(pinyin, wg):
    assert pinyin_to_wade_giles(pinyin) == wg


def test_every_pinyin_syllable_has_a_wade_giles_spelling_that_reads_back():
    for syllable in load_pinyin_syllables():
        wg = pinyin_to_wade_giles(syllable)
        assert syllable.replace("v", "u") in {p.replace("v", "u") for p in wade_giles_to_pinyin(wg)}, (
            syllable,
            wg,
        )


@pytest.mark.parametrize(
    ("wg", "pinyin"),
    [
        ("Ch'ien", ("qian",)),
        ("ch’ien", ("qian",)),  # curly apostrophe
        ("chien", ("jian", "qian")),  # aspiration mark dropped: unaspirated first
        ("hsüeh", ("xue",)),
        ("hsueh", ("xue",)),  # diaeresis dropped
        ("tzu", ("zi", "ci")),  # tz'ŭ without its mark reads tzu too
        ("ssu", ("si",)),
        ("chü", ("ju", "qu")),
        ("ch'ü", ("qu",)),
        ("k'uei", ("kui",)),
        ("shih", ("shi",)),
        ("hai", ("hai",)),
        ("kepler", ()),
    ],
)
def test_wade_giles_to_pinyin(wg, pinyin):
    assert wade_giles_to_pinyin(wg) == pinyin


def test_unknown_pinyin_syllable_raises():
    with pytest.raises(ValueError, match="not a pinyin syllable"):
        pinyin_to_wade_giles("kepler")


@pytest.mark.parametrize(
    ("zh", "wg"),
    [
        ("钱学森", "Ch'ien Hsüeh-sên"),
        ("欧阳自远", "Ou-yang Tzŭ-yüan"),
        ("张克俭", "Chang K'o-chien"),
        ("单忠德", "Shan Chung-tê"),
    ],
)
def test_wade_giles_of_a_chinese_name(zh, wg):
    assert wade_giles(zh) == wg


def test_wade_giles_rejects_non_names():
    with pytest.raises(ValueError, match="not a Chinese personal name"):
        wade_giles("中国航天科工集团")


# -- romanised names -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words", "caps"),
    [
        ("Zhang Kejian", ("zhang", "kejian"), None),
        ("Kejian Zhang", ("kejian", "zhang"), None),
        ("ZHANG Kejian", ("zhang", "kejian"), 0),
        ("Kejian ZHANG", ("kejian", "zhang"), 1),
        ("ZHANG Ke-jian", ("zhang", "ke", "jian"), 0),
        ("Qian Xue Sen", ("qian", "xue", "sen"), None),
        ("zhang, kejian", ("zhang", "kejian"), None),
        ("Lü Bu", ("lu", "bu"), None),
        ("LYU Bu", ("lu", "bu"), 0),
    ],
)
def test_read_romanised_as_pinyin(text, words, caps):
    first = read_romanised(text)[0]
    assert first == Reading("pinyin", words, caps)


def test_read_romanised_wade_giles():
    readings = read_romanised("Ch'ien Hsüeh-sen")
    assert [r.system for r in readings] == ["wade-giles"]
    assert readings[0].words == ("qian", "xue", "sen")


def test_wade_giles_reading_is_offered_after_a_pinyin_reading():
    # "Chang Chien" spells pinyin too (chang + chi-en) but is Wade-Giles for Zhang Jian.
    readings = read_romanised("Chang Chien")
    assert readings[0].system == "pinyin"
    assert ("zhang", "jian") in {r.words for r in readings if r.system == "wade-giles"}


@pytest.mark.parametrize("text", ["", "Christian Feichtinger", "张克俭", "A B C D E F G", "Zhang 3"])
def test_read_romanised_rejects(text):
    assert read_romanised(text) == ()


def test_name_splits_both_orders():
    splits = name_splits(Reading("pinyin", ("zhang", "ke", "jian")))
    assert (("zhang", "kejian"), True) in splits
    assert (("jian", "zhangke"), False) in splits
    assert (("zhangke", "jian"), True) in splits  # a two-word surname (Ou-yang) is allowed


def test_name_splits_respect_capitals():
    splits = name_splits(Reading("pinyin", ("kejian", "zhang"), caps=1))
    assert splits == [(("zhang", "kejian"), False)]


def test_name_splits_limit_given_name_length():
    assert name_splits(Reading("pinyin", ("li",))) == []
    long_given = name_splits(Reading("pinyin", ("li", "hongzhiweiguo")))
    assert all(len(key[1]) <= len("hongzhiwei") for key, _ in long_given)


def test_english_name_keys_use_the_chinese_surname():
    zh = chinese_name_keys("欧阳自远")
    assert english_name_keys("Ouyang Ziyuan", zh) == [("ouyang", "ziyuan")]
    assert english_name_keys("Ziyuan Ouyang", zh) == [("ouyang", "ziyuan")]


def test_english_name_keys_without_chinese_use_known_surnames():
    assert english_name_keys("Li Hong") == [("li", "hong"), ("hong", "li")]
    assert english_name_keys("Kai-Uwe Schrogl") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Prof. Zhang Kejian", ("zhang", "kejian")),
        ("Dr Li Hong", ("li", "hong")),
        ("Academician Ouyang Ziyuan", ("ouyang", "ziyuan")),
        ("Zhang Kejian, Ph.D.", ("zhang", "kejian")),
        ("Mr. Prof. Qian Xuesen PhD", ("qian", "xuesen")),
        ("Madame Sima Guang", ("sima", "guang")),
    ],
)
def test_titles_and_degrees_are_no_part_of_a_name(text, words):
    assert read_romanised(text)[0].words == words


def test_a_title_alone_is_no_name_and_the_capitalised_surname_still_counts():
    assert read_romanised("Mr") == read_romanised("Prof Dr") == ()
    # the capitals of the title do not hide those of the surname
    assert read_romanised("MR. ZHANG Kejian")[0].caps == 0
    assert read_romanised("Dr. Li")[0].words == ("li",)  # a word is always left
