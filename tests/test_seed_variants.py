"""Variant groups of the seed articles, new variants of each, and look-alikes that must not match.

Every string here is a short name written for this test (no article text). Groups were found
by reading the seed articles next to the reference fact base: the articles write one entity
several ways, and all of them must resolve to one id. Known gaps of the matcher are marked
``xfail(strict=True)`` with the reason, so they flip to failures the day they are fixed.
"""

from __future__ import annotations

import pytest

import aeronorm


def gap(name: str, entity_id: str | None, reason: str):
    """A case the matcher gets wrong today."""
    return pytest.param(name, entity_id, marks=pytest.mark.xfail(strict=True, reason=reason), id=name)


def cases(groups: dict[str, list]) -> list:
    out = []
    for entity_id, names in groups.items():
        for name in names:
            out.append(name if not isinstance(name, str) else pytest.param(name, entity_id, id=name))
    return out


# ------------------------------------------------------------------ 1. the seed groups

# How the seed articles (and the reference fact base behind them) write each entity.
SEED_GROUPS: dict[str, list[str]] = {
    "future-travel-hainan": [
        "Future Travel (Hainan) Aerospace Culture Media Co., Ltd.",
        "Future Journey (Hainan) Aerospace Culture Media Co., Ltd.",
        "未来宇航(海南)航天文化传媒有限公司",
    ],
    "commercial-aerospace-industry-alliance": [
        "Commercial Space Industry Alliance",
        "Commercial Aerospace Industry Alliance",
        "China Commercial Aerospace Industry Alliance",
        "商业航天产业联盟",
    ],
    "csf": ["China Space Foundation", "China Aerospace Foundation", "中国航天基金会"],
    "nwpu": [
        "Northwestern Polytechnic University",
        "Northwestern Polytechnical University",
        "NWPU",
        "Xibei Gongye Daxue",
        "西北工业大学",
        "西工大",
    ],
    "title-party-leadership-group-secretary": [
        "Secretary of the Party Leadership Group",
        "Secretary of the Leading Party Members' Group",
        "党组书记",
    ],
    "title-party-leadership-group-deputy-secretary": [
        "Deputy Secretary of the Party Leadership Group",
        "Deputy Secretary of the Leading Party Members' Group",
    ],
    "title-party-leadership-group-member": [
        "Member of the Party Leadership Group",
        "Members of the Leading Party Members' Group",
        "Member of the Leading Party Members' Group",
    ],
    "wiaca": [
        "Wenchang International Space City Administration",
        "Wenchang International Aerospace City Administration",
        "文昌国际航天城管理局",
    ],
    "sastind": [
        "National Administration of Defense Science and Industry",
        "National Administration of Defense Science and Industry of China",
        "State Administration of Science, Technology and Industry for National Defense",
        "SASTIND",
        "国防科工局",
    ],
    "casic": [
        "CASIC",
        "China Aerospace Science and Industry Corporation",
        "China Aerospace Science and Industry Corporation Limited",
        "航天科工",
        "中国航天科工集团有限公司",
    ],
    "casc": ["CASC", "China Aerospace Science and Technology Corporation", "中国航天科技集团有限公司"],
    "casic-2nd-academy": ["Second Academy of CASIC", "CASIC Second Academy"],
    "casic-3rd-academy": ["Third Academy of CASIC", "CASIC Third Academy"],
    "casic-6th-academy": ["Sixth Academy of CASIC", "CASIC Sixth Academy", "中国航天科工集团第六研究院"],
    "casic-10th-academy": ["Tenth Academy of CASIC", "CASIC Tenth Academy"],
    "china-space-conference-2020": ["2020 China Space Conference", "2020 China Aerospace Conference"],
    "china-space-conference": ["China Space Conference", "China Aerospace Conference"],
    "qx-outstanding-contribution-award": [
        "Qian Xuesen Award for Outstanding Contribution",
        "Qian Xuesen Outstanding Contribution Award",
        "钱学森杰出贡献奖",
    ],
    "space-contribution-award": ["Space Contribution Award", "Aerospace Contribution Award"],
    "csf-award": ["China Space Foundation Awards", "China Space Foundation Award"],
    "fujian-gov": [
        "People's Government of Fujian Province",
        "People\u2019s Government of Fujian Province",
        "Fujian Provincial Government",
        "福建省人民政府",
    ],
    "cpc-fujian": ["CPC Fujian Provincial Committee", "Fujian Provincial Party Committee", "中共福建省委"],
    "cccg": ["CCCG", "China Communications Construction Group Co., Ltd.", "中交集团"],
    "cgwic": ["China Great Wall Industry Group Co., Ltd.", "China Great Wall Industry Corporation", "CGWIC"],
    "cas-holdings": [
        "China Academy of Sciences Holdings Co., Ltd.",
        "Chinese Academy of Sciences Holdings Co., Ltd.",
        "CAS Holdings",
    ],
    "casic-smart-industry-hq": ["Smart Industry Headquarters of CASIC", "CASIC Smart Industry Headquarters"],
    "smart-industry-alliance": ["Smart Industry Alliance", "CASIC Smart Industry Alliance"],
    "cnsa": ["China National Space Administration", "China's National Space Administration", "CNSA"],
    "miit": [
        "Ministry of Industry and Information Technology",
        "Ministry of Industry and Information Technology of the People's Republic of China",
    ],
    "nanjing-miit": [
        "Municipal Bureau of Industry and Information Technology",
        "Nanjing Municipal Bureau of Industry and Information Technology",
    ],
    "bise": ["Beijing Institute of Strength and Environment"],
    "huateng": ["China Huateng Industry Co., Ltd."],
    "beijing-aikong": ["Beijing Aikong Space Technology Development Co., Ltd."],
    "csa": ["Chinese Society of Astronautics"],
    "cppcc-fujian": ["CPPCC Fujian Committee"],
    "cpc-fuzhou": ["CPC Fuzhou Municipal Committee"],
    "title-first-level-researcher": ["First-class Researcher", "first-level researcher"],
    "title-party-committee-secretary": ["Secretary of the Party Committee"],
    "title-chairman-of-the-board": ["Chairman of the Board of Directors", "Chairman of the Board"],
    "person-zhang-kejian": ["Zhang Kejian", "张克俭"],
    "person-wu-yansheng": ["Wu Yansheng", "吴燕生"],
    "person-yuan-jie": ["Yuan Jie", "袁洁"],
    "person-zhang-jianheng": ["Zhang Jianheng"],
    "person-li-hong": ["Li Hong"],
    "person-liu-shiquan": ["Liu Shiquan"],
    "person-chen-guoying": ["Chen Guoying"],
    "person-yu-weiguo": ["Yu Weiguo"],
    "person-wang-tongzhou": ["Wang Tongzhou"],
    "person-qian-xuesen": ["Qian Xuesen", "Tsien Hsue-shen", "H. S. Tsien"],
    "person-kai-uwe-schrogl": ["Kai-Uwe Schrogl"],
}


@pytest.mark.parametrize(("name", "entity_id"), cases(SEED_GROUPS))
def test_seed_variant(normalizer, name, entity_id):
    m = normalizer.match(name)
    assert m is not None, normalizer.explain(name)
    assert m.entity_id == entity_id, m.explain()


# The seed articles also write a bare ordinal ("Second Academy") where the text has named CASIC: alone,
# it is any group's academy of that number (CASC's, CASIC's, a ministry's), so it names none.
BARE_ORDINALS = ["Second Academy", "Third Academy", "Tenth Academy", "Ninth Academy", "五院"]


@pytest.mark.parametrize("name", BARE_ORDINALS)
def test_a_bare_ordinal_names_no_academy_alone(normalizer, name):
    assert normalizer.match(name) is None


@pytest.mark.parametrize("entity_id", sorted(SEED_GROUPS))
def test_each_seed_group_normalizes_to_one_canonical(normalizer, glossary, entity_id):
    names = SEED_GROUPS[entity_id]
    assert set(normalizer.normalize_many(names)) == {glossary[entity_id].name}


# ------------------------------------------------------------------ 2. new variants

ASTRONAUTICS_PHRASE = (
    "'Astronautics' does not join the phrase the lexicon knows with 'Aerospace' (商业航天, 航天城)"
)
HOLDINGS_LEGAL = "'Holdings' is a legal form, so the name without a company form shares CAS's concept key"
GROUP_CORP = (
    "'Group Corporation' is LEGAL but 'Group Co., Ltd.' is not (集团有限公司 is NAME): CCCG and CCCC tie"
)
AMPERSAND_PHRASE = "'Culture & Media' reads as 'culture and media', which breaks the phrase 'culture media'"
SPACE_SCIENCE = "'Space Science' is taken as the phrase 空间科学 before 'Science and Industry' can form 科工"

NEW_VARIANTS: dict[str, list] = {
    "future-travel-hainan": [
        "Future Travel (Hainan) Aerospace Culture Media Company Limited",
        "Future Journey (Hainan) Space Culture Media Co Ltd",
        "Future Travel (Hainan) Aerospace Culture Media Corporation Limited",
        "Future Travel (Hainan) Aerospace Culture Media Corp.",
        "Future Travel (Hainan) Aerospace Culture Media",
        "FUTURE TRAVEL (HAINAN) AEROSPACE CULTURE MEDIA CO., LTD.",
        "future journey (hainan) aerospace culture media co., ltd.",
        "Future Journey\uff08Hainan\uff09Astronautics Culture Media Co., Ltd.",
        "\u201cFuture Travel\u201d (Hainan) Aerospace Culture Media Co., Ltd.",
        "Future Travel, (Hainan), Aerospace Culture Media Co., Ltd.",
        "Future Travel Hainan Aerospace Culture Media Co Ltd",
        "Hainan Future Travel Aerospace Culture Media Co., Ltd.",
        "Future Travel Aerospace Culture Media (Hainan) Co., Ltd.",
        "未来宇航（海南）航天文化传媒有限公司",
        "Future Travel (Hainan) Spaceflight Culture & Media Co., Ltd.",
    ],
    "commercial-aerospace-industry-alliance": [
        "COMMERCIAL SPACE INDUSTRY ALLIANCE",
        "commercial spaceflight industry alliance",
        "China Commercial Space Industry Alliance",
        "Commercial Aerospace Industries Alliance",
        "the Commercial Aerospace Industry Alliance",
        "Commercial Space Industry Alliance\u2019s",
        "Commercial Space Industry Alliance (China)",
        "Commercial Astronautics Industry Alliance",
    ],
    "csf": [
        "China Astronautics Foundation",
        "China Spaceflight Foundation",
        "China Astronautic Foundation",
        "CHINA AEROSPACE FOUNDATION",
        "the China Space Foundation",
        "China Space Foundation's",
        "China Aerospace Foundation (CSF)",
        "\u201cChina Space Foundation\u201d",
        "China Space Foundation,",
        "ＣＨＩＮＡ\u3000ＳＰＡＣＥ\u3000ＦＯＵＮＤＡＴＩＯＮ",
        "China-Space-Foundation",
        "csf",
    ],
    "nwpu": [
        "Northwestern Polytechnical Univ.",
        "Northwestern Polytechnical Univ",
        "North Western Polytechnical University",
        "NORTHWESTERN POLYTECHNIC UNIVERSITY",
        "Northwestern Polytechnical University (NWPU)",
        "nwpu",
        "xibei gongye daxue",
        "XIBEI GONGYE DAXUE",
        "Xibei-Gongye-Daxue",
        gap("NW Polytechnical University", "nwpu", "'NW' is not read as the compass word 'Northwestern'"),
        "Northwestern Polytech. Univ.",
    ],
    "title-party-leadership-group-secretary": [
        "Secretary of the Leading Party Group",
        "secretary of the party leadership group",
        "Party Leadership Group Secretary",
        "Leading Party Members' Group Secretary",
        "Secretary of the Leading Party Members\u2019 Group",
        "SECRETARY OF THE LEADING PARTY MEMBERS GROUP",
    ],
    "title-party-leadership-group-deputy-secretary": [
        "Deputy Secretary, Party Leadership Group",
        "Deputy Secretary of the Leading Party Group",
    ],
    "title-party-leadership-group-member": [
        "Party Leadership Group Member",
        "Members of the Party Leadership Group",
    ],
    "wiaca": [
        "Wenchang International Space City Administration Bureau",
        "Wenchang Int'l Space City Administration",
        "Wenchang Intl. Space City Administration",
        "WENCHANG INTERNATIONAL AEROSPACE CITY ADMINISTRATION",
        "Administration of Wenchang International Aerospace City",
        "Wenchang International Astronautics City Administration",
    ],
    "sastind": [
        "National Administration of Defence Science and Industry",
        "National Administration of Defense Science & Industry",
        "National Administration of Defence Science & Industry",
        "National Admin. of Defense Science and Industry",
        "national administration of defense science and industry of china",
        "State Administration of Science, Technology & Industry for National Defence",
        "Sastind",
    ],
    "casic": [
        "China Aerospace Science and Industry Corp",
        "China Aerospace Science & Industry Corp.",
        "China Aerospace Science and Industry Co., Ltd.",
        "China Aerospace Science and Industry Co Ltd",
        "China Aerospace Science and Industry Group Corporation",
        "China Aerospace Science & Industry Group Co Ltd",
        "China Aerospace Science and Industry",
        "CHINA AEROSPACE SCIENCE AND INDUSTRY CORPORATION LIMITED",
        "China Aerospace Sci. & Ind. Corp.",
        "China Aerospace Sci & Industry Corp",
        "China Astronautics Science and Industry Corporation",
        "Casic",
        "航天科工集团",
        "China Space Science and Industry Corporation",
        "China Space Science and Industry Group",
        "中國航天科工集團有限公司",
    ],
    "casc": [
        "China Aerospace Science and Technology Corp",
        "China Aerospace Sci. & Tech. Corp.",
        "China Aerospace Sci & Tech Corp",
        "China Aerospace Sci. & Tech. Corporation Limited",
        "China Aerospace Science and Technology Co., Ltd.",
        "China Aerospace Science and Technology Group Corporation",
        "China Aerospace Science & Technology Corporation Ltd",
        "China Aerospace Science and Technology",
        "China Astronautics Science and Technology Corporation",
        "China Spaceflight Science and Technology Corporation",
        "Casc",
        "航天科技集团",
    ],
    "casic-2nd-academy": [
        "2nd Academy of CASIC",
        "CASIC 2nd Academy",
        "CASIC's Second Academy",
        "the Second Academy of CASIC",
    ],
    "casic-3rd-academy": [
        "3rd Academy of CASIC",
        "CASIC 3rd Academy",
        "The Third Academy of CASIC",
        "Third Academy of China Aerospace Science and Industry Corporation",
    ],
    "casic-6th-academy": [
        "6th Academy of CASIC",
        "CASIC 6th Academy",
        "CASIC's Sixth Academy",
        "Sixth Academy of China Aerospace Science and Industry Corporation",
        "Sixth Academy of China Aerospace Science & Industry Corp.",
    ],
    "casic-10th-academy": ["10th Academy of CASIC", "CASIC 10th Academy", "TENTH ACADEMY OF CASIC"],
    "china-space-conference-2020": [
        "2020 China Astronautics Conference",
        "China Space Conference 2020",
        "2020 China Spaceflight Conference",
        "2020 CHINA SPACE CONFERENCE",
    ],
    "qx-outstanding-contribution-award": [
        "Qian Xuesen Outstanding Contribution Prize",
        "Qian Xuesen Award for Outstanding Contributions",
        "Qian Xuesen Prize for Outstanding Contribution",
        gap(
            "Tsien Hsue-shen Outstanding Contribution Award",
            "qx-outstanding-contribution-award",
            "a Wade-Giles person name inside a longer name is not bridged to its pinyin form",
        ),
    ],
    "fujian-gov": [
        "Peoples Government of Fujian Province",
        "PEOPLE'S GOVERNMENT OF FUJIAN PROVINCE",
        "Fujian Province People's Government",
        "Fujian Provincial People's Government",
        "People's Government of Fujian",
    ],
    "cpc-fujian": [
        "CPC Fujian Provincial Party Committee",
        "Fujian Provincial Committee of the CPC",
        "Communist Party of China Fujian Provincial Committee",
    ],
    "cccg": [
        "cccg",
        "China Communications Construction Group Co Ltd",
        "China Communications Construction Group Limited",
        "China Communications Construction Group Corporation",
    ],
    "cgwic": [
        "China Great Wall Industry Corp",
        "China Great Wall Industry Co., Ltd.",
        "China Great Wall Industry Group",
        "China Great Wall Industry Group Corporation",
        "China Great Wall Industry Group Company Limited",
        "China Great Wall Industry Corporation Limited",
        "China Great Wall Industrial Corporation",
        "CHINA GREAT WALL INDUSTRY CORPORATION",
    ],
    "cas-holdings": [
        "Chinese Academy of Sciences Holdings Co Ltd",
        "Chinese Academy of Sciences Holdings Co., Ltd",
        "CAS Holdings Co Ltd",
        "China Academy of Sciences Holdings",
        "China Academy of Sciences Holdings Company Limited",
    ],
    "cas-imech": [
        "Institute of Mechanics, Chinese Academy of Sciences",
        "Chinese Academy of Sciences Institute of Mechanics",
        "Institute of Mechanics, CAS",
        "CAS Institute of Mechanics",
    ],
    "casic-smart-industry-hq": [
        "Intelligent Industry Headquarters of CASIC",
        "CASIC Intelligent Industry Headquarters",
    ],
    "smart-industry-alliance": ["Intelligent Industry Alliance"],
    "bise": ["Beijing Inst. of Strength & Environment", "BISE"],
    "china-aerospace-system-engineering": [
        "China Aerospace Systems Engineering Company Limited",
        "China Space System Engineering Co Ltd",
    ],
    "huateng": ["China Huateng Industrial Company Limited"],
    "beijing-aikong": ["Beijing Aikong Aerospace Technology Development Company Limited"],
    "nanjing-miit": ["Nanjing Municipal Bureau of Industry & Information Technology"],
    "person-zhang-kejian": [
        "Kejian Zhang",
        "ZHANG Ke-jian",
        "ZHANG Kejian",
        "zhang kejian",
        "Zhang Ke-jian",
        "Kejian ZHANG",
        "zhang ke jian",
    ],
    "person-wu-yansheng": ["Yansheng Wu", "WU Yansheng", "Wu Yan-sheng"],
    "person-yuan-jie": ["Jie Yuan", "YUAN Jie", "Yuan, Jie"],
    "person-zhang-jianheng": ["Jianheng Zhang", "ZHANG Jian-heng"],
    "person-li-hong": ["Hong Li", "LI Hong"],
    "person-qian-xuesen": ["Qian Xue-sen", "Hsue-Shen Tsien", "Xuesen Qian"],
}


@pytest.mark.parametrize(("name", "entity_id"), cases(NEW_VARIANTS))
def test_new_variant(normalizer, name, entity_id):
    m = normalizer.match(name)
    assert m is not None, normalizer.explain(name)
    assert m.entity_id == entity_id, m.explain()
    assert 0.0 <= m.score <= 1.0


# ------------------------------------------------------------------ 3. look-alikes

SUBSTITUTION = "the spelling fallback bridges two lexicon concepts (东北 ~ 西北) and scores the pair 1.0"

LOOKALIKES = [
    "China Great Wall Asset Management Co., Ltd.",
    "China Great Wall Asset Management Corporation",
    "China Great Wall Technology Group",
    "China Great Wall Motor Company",
    "China Aerospace Science and Engineering Corporation",
    "China Aerospace Industry Corporation",
    "China Aerospace Science Corporation",
    "China Aerospace Science and Technology Industry Group",
    "Seventh Academy of CASIC",
    "Fifth Academy of CASIC",
    "Eleventh Academy of CASIC",
    "Second Academy of CASC",
    "Third Academy of CASC",
    "Tenth Academy of CASC",
    "CASIC Sixth Academy Hospital",
    "Zhang Jian",
    "Zhang Jianhe",
    "Zhang Ke",
    "Zhang Kejie",
    "Wu Yan",
    "Wu Yanshan",
    "Li Hongzhi",
    "Li Hongwei",
    "Yuan Jia",
    "Yuan Jiechen",
    "Beijing Institute of Strength and Materials",
    "China Space Foundation of Canada",
    "China Space Fund of America",
    "Southwestern Polytechnical University",
    "Northwestern University",
    "Northwest University",
    "Xibei Daxue",
    "Commercial Aerospace Industry Association",
    "Commercial Aviation Industry Alliance",
    "China Aviation Foundation",
    "Wenchang International Airport Administration",
    "People's Government of Zhejiang Province",
    "CPC Zhejiang Provincial Committee",
    "2019 China Space Conference",
    "2021 China Space Conference",
    "Qian Xuesen Award for Outstanding Achievement",
    "Qian Xuesen Youth Award",
    "Chinese Academy of Social Sciences",
    "Institute of Mechanics, Chinese Academy of Engineering",
    "China Construction Bank",
    "China Communications Construction Bank",
    "Secretary of the Youth League Group",
    "National Space Science Center of Japan",
    # red teams' look-alikes of the shipped glossary's names (the phenomena have invented tests
    # in tests/pipeline/): an airline, fields, a commission, a space city, a university
    "China Eastern",
    "Earth Observation",
    "Space Information",
    "Aerospace Science and Technology",
    "Central Commission",
    "Hangtian Cheng",
    "International Aerospace Science and Technology Journal",
]
LOOKALIKE_GAPS = [
    pytest.param("Northeastern Polytechnical University", None, id="Northeastern Polytechnical University"),
    pytest.param(
        "Future Travel (Shanghai) Culture Media Co., Ltd.", None, id="Future Travel (Shanghai) Culture Media"
    ),
    pytest.param("Future Travel (Hainan) Tourism Co., Ltd.", None, id="Future Travel (Hainan) Tourism"),
    pytest.param("Hainan Aerospace Culture Media Co., Ltd.", None, id="Hainan Aerospace Culture Media"),
    # a US non-profit of that name exists: without "China" the words name a trade
    pytest.param("Space Foundation", None, id="Space Foundation"),
    pytest.param("Aerospace Foundation", None, id="Aerospace Foundation"),
    pytest.param("China Foundation", None, id="China Foundation"),
    pytest.param("CPC Fujian Municipal Committee", None, id="CPC Fujian Municipal Committee"),
    pytest.param("Kejian", None, id="Kejian"),
]


@pytest.mark.parametrize(
    ("name", "entity_id"), [pytest.param(n, None, id=n) for n in LOOKALIKES] + LOOKALIKE_GAPS
)
def test_lookalike_does_not_match(normalizer, name, entity_id):
    m = aeronorm.match(name)
    assert m is entity_id, m.explain() if m else ""
    assert normalizer.normalize(name) == name


# ------------------------------------------------------------------ CASC and CASIC are never confused

CASC_SIDE = {  # name -> entity id on the CASC side
    "China Aerospace Science and Technology Corp": "casc",
    "China Aerospace Science and Technology Corporation Limited": "casc",
    "China Aerospace Sci. & Tech. Corp.": "casc",
    "China Astronautics Science and Technology Group": "casc",
    "CASC": "casc",
    "航天科技": "casc",
    "Sixth Academy of CASC": "aalpt",
    "6th Academy of CASC": "aalpt",
    "CASC Sixth Academy": "aalpt",
    "Sixth Academy of China Aerospace Science and Technology Corporation": "aalpt",
    "First Academy of CASC": "calt",
    "4th Academy of CASC": "aaspt",
    "CASC 9th Academy": "caaet",
}
CASIC_SIDE = {
    "China Aerospace Science and Industry Corp": "casic",
    "China Aerospace Science and Industry Corporation Limited": "casic",
    "China Aerospace Sci. & Ind. Corp.": "casic",
    "China Astronautics Science and Industry Group": "casic",
    "CASIC": "casic",
    "航天科工": "casic",
    "Sixth Academy of CASIC": "casic-6th-academy",
    "6th Academy of CASIC": "casic-6th-academy",
    "CASIC Sixth Academy": "casic-6th-academy",
    "Sixth Academy of China Aerospace Science and Industry Corporation": "casic-6th-academy",
    "First Academy of CASIC": "casic-1st-academy",
    "Fourth Academy of CASIC": "casic-4th-academy",
    "CASIC 9th Academy": "casic-9th-academy",
}


def _family(glossary, entity_id: str) -> str:
    """'casc' or 'casic': the group an entity belongs to, following parents."""
    seen = set()
    while entity_id not in ("casc", "casic"):
        assert entity_id not in seen
        seen.add(entity_id)
        entity_id = glossary[entity_id].parent
        assert entity_id is not None
    return entity_id


@pytest.mark.parametrize(("name", "entity_id"), [*CASC_SIDE.items(), *CASIC_SIDE.items()])
def test_casc_casic_exact_side(normalizer, glossary, name, entity_id):
    m = normalizer.match(name)
    assert m is not None, normalizer.explain(name)
    assert m.entity_id == entity_id, m.explain()
    expected = "casc" if name in CASC_SIDE else "casic"
    assert _family(glossary, m.entity_id) == expected


@pytest.mark.parametrize(
    ("name", "never"),
    [
        ("China Aerospace Science and Technology Corp", "casic"),
        ("China Aerospace Science and Technology Corporation (CASIC)", "casic"),
        ("China Aerospace Science & Technology Co.", "casic"),
        ("Aerospace Science and Technology Group", "casic"),
        ("China Aerospace Science and Industry Corp", "casc"),
        ("China Aerospace Science and Industry Corporation (CASC)", "casc"),
        ("China Aerospace Science & Industry Co.", "casc"),
        ("Aerospace Science and Industry Group", "casc"),
        ("Sixth Academy of CASC", "casic-6th-academy"),
        ("Sixth Academy of CASIC", "aalpt"),
        ("CASC", "casic"),
        ("CASIC", "casc"),
        ("CASC 6th Academy", "casic-6th-academy"),
        ("CASIC 6th Academy", "aalpt"),
        ("Second Academy of CASC", "casic-2nd-academy"),
        ("Tenth Academy of CASC", "casic-10th-academy"),
    ],
)
def test_casc_and_casic_never_confused(normalizer, name, never):
    m = normalizer.match(name)
    assert m is None or m.entity_id != never, m.explain()
