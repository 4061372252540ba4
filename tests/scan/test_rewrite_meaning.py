"""normalize_text keeps what the text says around a name: an article an expanded acronym needs,
a name the text introduces as a name, two names of one entity side by side (a slash, a list in
brackets), a parent the text writes next to a name, a description in lower case, an apposition
after a comma, a name with "of" used as a modifier, a number hyphened to a maker's name. A
glossary's "X, PARENT" is written as a clean name. Invented entities and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "osa", "name": "Orbital Space Administration", "aliases": ["OSA"], "type": "org"},
    {"id": "orbix", "name": "Orbix Space", "aliases": ["Starbit Aerospace", "Orbix Space Co., Ltd."],
     "type": "org"},
    {"id": "ras", "name": "Republic Academy of Sciences", "aliases": ["RAS"], "type": "org"},
    {"id": "ras-optics", "name": "Institute of Deep Optics, RAS", "aliases": ["Institute of Deep Optics"],
     "abbreviations": ["IDO"], "parent": "ras", "type": "org"},
    {"id": "lumo", "name": "Lumo Satellite Corporation", "aliases": ["Lumo Satellite Corp"],
     "type": "org"},
    {"id": "mosi", "name": "Ministry of Orbital Science and Industry", "abbreviations": ["MOSI"],
     "type": "org"},
    {"id": "coi", "name": "Commission for Orbital Industry", "abbreviations": ["COI"], "type": "org"},
    {"id": "orc-4", "name": "Fourth Academy of ORC", "aliases": ["Sanhe Space Group"], "parent": "orc",
     "type": "org"},
    {"id": "crewed", "name": "Orbixian Crewed Space Program", "aliases": ["crewed space program"],
     "type": "program"},
    {"id": "skyport", "name": "Lanting Skyport Launch Center", "aliases": ["Lanting"], "type": "org"},
    {"id": "orc", "name": "Orion Rocket Corporation", "abbreviations": ["ORC"], "type": "org"},
    {"id": "ossf", "name": "Orbix Strategic Support Force", "aliases": ["Strategic Support Force"],
     "type": "org"},
    {"id": "acad", "name": "Academician", "zh": "院士", "type": "title"},
    {"id": "zhiyuan", "name": "Zhiyuan", "aliases": ["Zhiyuan Constellation"], "type": "program"},
    {"id": "mirou", "name": "Mirou Commercial Launch Site", "aliases": ["Mirou Commercial Launch Centre"],
     "type": "org"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def _out(n: Normalizer, text: str) -> str:
    return str(n.normalize_text(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan was approved by OSA last year.",
     "The plan was approved by the Orbital Space Administration last year."),
    ("In 2019, OSA approved the plan.", "In 2019, the Orbital Space Administration approved the plan."),
    ("OSA approved the plan.", "The Orbital Space Administration approved the plan."),
    ("The OSA approved the plan.", "The Orbital Space Administration approved the plan."),
])
def test_an_expanded_acronym_gets_the_article_its_name_needs(n, text, expected):
    assert _out(n, text) == expected


@pytest.mark.parametrize("text", [
    "Orbix Space, formerly known as Starbit Aerospace, raised funds.",
    "Orbix Space (formerly Starbit Aerospace) raised funds.",
    "The launch was run by Orbix Space Co., Ltd., or Orbix Space.",
])
def test_a_name_introduced_as_a_name_is_left_as_written(n, text):
    assert "Starbit" not in text or "Starbit" in _out(n, text)
    assert _out(n, text).count("Orbix Space") == text.count("Orbix Space")


def test_an_old_name_elsewhere_is_still_rewritten(n):
    assert _out(n, "Starbit Aerospace raised funds.") == "Orbix Space raised funds."


@pytest.mark.parametrize("text", [
    "The Institute of Deep Optics under the Republic Academy of Sciences built it.",
    "The Institute of Deep Optics of the Republic Academy of Sciences built it.",
])
def test_a_parent_the_text_names_next_to_a_name_is_not_written_twice(n, text):
    assert _out(n, text) == text


def test_a_lower_case_description_gets_no_proper_name(n):
    text = "A crewed space program needs a rocket."
    assert _out(n, text) == text
    assert [m.entity_id for m in n.find(text)] == ["crewed"]  # still found


@pytest.mark.parametrize("text", [
    "The rocket lifted off from Lanting, a skyport launch center in the hills.",
    "The rocket lifted off from Lanting, the skyport launch center.",
])
def test_a_name_does_not_run_across_a_comma_into_an_apposition(n, text):
    assert all("," not in m.text for m in n.find(text))


@pytest.mark.parametrize("text", [
    "The official OSA statement was brief.",  # the acronym modifies a noun: its article is there
    "She met two OSA engineers.",
    "Several OSA-built satellites failed.",
])
def test_an_acronym_that_modifies_a_noun_gets_no_article(n, text):
    assert " the Orbital" not in _out(n, text) and "The Orbital" not in _out(n, text)


@pytest.mark.parametrize("text", [
    "The agency is known by its acronym OSA.",
    "The unit was later designated the Strategic Support Force.",
    "Orbix was formerly known as Starbit Aerospace.",
])
def test_a_name_the_text_speaks_of_as_a_name_is_left_as_written(n, text):
    assert _out(n, text) == text


def test_an_acronym_defined_in_brackets_after_it_is_left_as_written(n):
    text = "ORC (Orion Rocket Corporation, a private firm) signed the deal."
    assert _out(n, text) == text


def test_an_acronym_with_a_unit_number_is_the_unit(n):
    # "ORC 38" is ORC's 38th institute, not the corporation
    text = "Engineers from ORC 38 built the radar."
    assert _out(n, text) == text
    assert [m.entity_id for m in n.find(text)] == []


def test_a_possessive_keeps_the_owner_out_of_the_name(n):
    text = "Orbix disbanded its Strategic Support Force."
    assert _out(n, text) == text
    assert _out(n, "The Strategic Support Force was dissolved.") == (
        "The Orbix Strategic Support Force was dissolved.")


def test_holders_of_a_post_in_lower_case_are_left_as_written(n):
    text = "The academy has 100 academicians."
    assert _out(n, text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("We thank IDO for its help.",
     "We thank the Institute of Deep Optics of the Republic Academy of Sciences for its help."),
    ("The director of IDO, the deputy director of IDO and others came.",
     "The director of the Institute of Deep Optics of the Republic Academy of Sciences, the deputy director "
     "of the Institute of Deep Optics of the Republic Academy of Sciences and others came."),
])
def test_a_name_with_its_parent_after_a_comma_is_written_with_of(n, text, expected):
    # "X, RAS" is a glossary's note: in a sentence its comma would split a list
    assert _out(n, text) == expected


@pytest.mark.parametrize("text", [
    "The Institute of Deep Optics (IDO) of the Republic Academy of Sciences (RAS) built it.",
    "The Institute of Deep Optics which comes under the Republic Academy of Sciences built it.",
    "The Institute of Deep Optics of the Republic Academy of Sciences, said the director.",
])
def test_a_parent_the_text_names_after_an_acronym_or_a_clause_is_not_written_twice(n, text):
    assert _out(n, text) == text


@pytest.mark.parametrize("text", [
    "He was MOSI Vice Minister until 2010.",
    "A MOSI spokesperson said so.",
])
def test_a_name_with_of_is_not_written_over_an_acronym_that_modifies_a_noun(n, text):
    # "was Ministry of Orbital Science and Industry Vice Minister" no longer parses
    assert _out(n, text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("The merger of COI with MOSI took a year.",
     "The merger of the Commission for Orbital Industry with the Ministry of Orbital Science and Industry "
     "took a year."),
    ("Its parent, Sanhe Space Group, said so.", "Its parent, the Fourth Academy of ORC, said so."),
    ("It was built by Wuhan-based Sanhe Space Group.", "It was built by Wuhan-based Fourth Academy of ORC."),
])
def test_a_full_name_written_over_a_name_without_an_article_gets_the_one_it_needs(n, text, expected):
    assert _out(n, text) == expected


def test_a_name_that_heads_the_full_name_keeps_the_writer_s_usage(n):
    # the writer's "Lumo Satellite Corp" took no article: nor does the name it shortens
    assert _out(n, "He said Lumo Satellite Corp won.") == "He said Lumo Satellite Corporation won."


@pytest.mark.parametrize("text", [
    "The Orbix Space/Starbit Aerospace project began.",
    "Orbix Space (Lumo / Starbit Aerospace) raised funds.",
])
def test_names_of_one_entity_listed_with_a_slash_or_in_brackets_are_left_as_written(n, text):
    assert _out(n, text) == text


@pytest.mark.parametrize("text", ["The Lanting-26 satellite flew.", "Orion Rocket Corporation-3 flew."])
def test_a_number_hyphened_to_a_maker_s_name_is_its_satellite(n, text):
    assert [m.entity_id for m in n.find(text)] == []


def test_a_brand_is_not_written_after_the_writer_s_article(n):
    # "the Orbix Space" would keep an article the brand does not take
    text = "It was built by the Orbix Space Co., Ltd. in 2022."
    assert _out(n, text) == text
    assert _out(n, "It was built by Orbix Space Co., Ltd. in 2022.") == "It was built by Orbix Space in 2022."


def test_a_description_right_before_an_acronym_is_its_article(n):
    assert _out(n, "The country's space contractor OSA said so.") == (
        "The country's space contractor Orbital Space Administration said so.")


@pytest.mark.parametrize(("text", "expected"), [
    ("He works at IDO, RAS, in Qinghe.",
     "He works at the Institute of Deep Optics, RAS, in Qinghe."),  # the writer's note stays hers
    ("The lab (IDO, RAS) opened.", "The lab (Institute of Deep Optics, RAS) opened."),
])
def test_a_parent_the_text_writes_after_a_unit_is_the_unit_s_note(n, text, expected):
    assert _out(n, text) == expected


def test_the_canonical_name_as_the_text_writes_it_stays(n):
    text = "The Institute of Deep Optics, RAS, built it."
    assert _out(n, text) == text


@pytest.mark.parametrize("text", [
    "The Lumen Bureau of Rocketry (MOSI) said so.",  # the writer's abbreviation, right or wrong
    "OSA-built satellites flew.", "Ex-OSA officials met.",  # compounds
])
def test_an_acronym_in_brackets_after_a_name_or_in_a_compound_is_left_as_written(n, text):
    assert _out(n, text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("The Zhiyuan Constellation grew.", "The Zhiyuan Constellation grew."),
    ('They joined the "Zhiyuan Constellation" in May.', 'They joined the "Zhiyuan Constellation" in May.'),
    ("Zhiyuan Constellation grew.", "Zhiyuan grew."),  # no article to keep
    ("We flew from the Mirou Commercial Launch Centre.", "We flew from the Mirou Commercial Launch Site."),
])
def test_the_writer_s_article_stays_only_before_a_name_that_takes_one(n, text, expected):
    # "the Zhiyuan" keeps an article the name without its head noun does not take
    assert _out(n, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a rank the title is written with and its canonical name lacks: another post
    ("Li Si, Director General of the Qinhe Orbital Bureau, said.",
     "Li Si, Director General of the Qinhe Orbital Bureau, said."),
    # 副 rendered "deputy" or "vice": one rank
    ("Li Si, Deputy Director of the Qinhe Orbital Bureau, said.",
     "Li Si, Vice Director of the Qinhe Orbital Bureau, said."),
])
def test_a_title_keeps_its_rank(text, expected):
    g = Glossary.from_records([
        {"id": "dir", "name": "Director", "zh": "主任", "aliases": ["Director-General"], "type": "title"},
        {"id": "vdir", "name": "Vice Director", "zh": "副主任", "aliases": ["Deputy Director"],
         "type": "title"},
        {"id": "bureau", "name": "Qinhe Orbital Bureau", "zh": "秦河轨道局", "type": "org"},
    ])
    assert Normalizer(g).normalize_text(text) == expected


@pytest.fixture(scope="module")
def journal() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "cotc", "name": "China Orbital Science and Technology Corporation",
         "zh": "中国轨道科技集团有限公司", "abbreviations": ["COTC"]}]))


@pytest.mark.parametrize("text", [
    # a publication's title whose words name a body: the journal, not the body
    "LI Wei. Chinese Orbital Science and Technology 2025, 45 (1): 1-11.",
    "The paper appeared in the journal Chinese Orbital Science and Technology last year.",
    "Published in Chinese Orbital Science and Technology, 2024.",
    "An article of the magazine Chinese Orbital Science and Technology said so.",
])
def test_a_publication_named_after_a_body_is_left_as_written(journal, text):
    assert str(journal.normalize_text(text)) == text


def test_the_body_itself_is_still_rewritten(journal):
    assert str(journal.normalize_text("Chinese Orbital Science and Technology won a contract.")) == \
        "The China Orbital Science and Technology Corporation won a contract."
    assert str(journal.normalize_text("COTC won in 2025, 45 (1) units were sold.")).startswith(
        "The China Orbital Science and Technology Corporation won in 2025")


# An invented entity named in two scripts, and a constellation whose name adds its head noun.
MORE = [
    {"id": "lanyu", "name": "Lanyu Orbital Technology Co., Ltd.", "zh": "蓝宇轨道科技有限公司",
     "type": "org"},
    {"id": "xinghai", "name": "Xinghai", "aliases": ["Star Sea"], "type": "program"},
    {"id": "tianlan", "name": "Tianlan Constellation", "aliases": ["Tianlan"], "type": "program"},
    {"id": "coi", "name": "Commission for Orbital Industry", "abbreviations": ["COI"], "type": "org"},
    {"id": "mosi", "name": "Ministry of Orbital Science and Industry", "abbreviations": ["MOSI"],
     "type": "org"},
    {"id": "dpo", "name": "Deep Propulsion Academy", "aliases": ["Academy of Space Propellant"],
     "type": "org"},
    {"id": "osic", "name": "Orbital Science and Industry Corporation Limited", "abbreviations": ["OSIC"],
     "type": "org"},
]


@pytest.fixture(scope="module")
def more() -> Normalizer:
    return Normalizer(Glossary.from_records(MORE))


@pytest.mark.parametrize("text", [
    # a meaning given as a name, in quotation marks
    "Xinghai literally means ‘Star Sea’ in English.",
    'Xinghai means "Star Sea".',
    # a list of other names a cue opens, numbers of names in it ("Base 067")
    "Other Name: 深推院; Base 067; Academy of Space Propellant; Star Engine Works",
    # a modifier of a longer noun phrase whose head the canonical name adds
    "The firm runs its Tianlan low-orbit narrow-band Internet of Things constellation.",
    # a bilingual heading: the Chinese is the writer's
    "蓝宇轨道科技有限公司\nLanyu Orbital Technology Co., Ltd.\n",
])
def test_what_the_text_says_of_a_name_is_kept(more, text):
    assert more.normalize_text(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("It means MOSI will grow.", "It means the Ministry of Orbital Science and Industry will grow."),
    ("In 1998, the government split COI into two bodies.",
     "In 1998, the government split the Commission for Orbital Industry into two bodies."),
    ('They formed the "new" COI in 1998.', 'They formed the "new" Commission for Orbital Industry in 1998.'),
    ("The old and new COI merged.", "The old and new Commission for Orbital Industry merged."),
    ("China named April 24 as Star Sea Day.", "China named April 24 as Star Sea Day."),
    # a clause after the name, not a noun phrase it modifies: written
    ("Later, OSIC actively developed the general platform for the smart industry, they said.",
     "Later, Orbital Science and Industry Corporation Limited actively developed the general platform "
     "for the smart industry, they said."),
])
def test_articles_and_cues_around_an_expanded_acronym(more, text, expected):
    assert more.normalize_text(text) == expected


JOINT = [
    {"id": "joint", "name": "Lake Water Commission and Lake Flood Office", "abbreviations": ["LWC", "LFO"],
     "aliases": ["Lake Water Commission", "Lake Flood Office", "LWC-LFO"], "type": "org"},
]


@pytest.mark.parametrize(("text", "expected"), [
    # one of two bodies that share one name (two names on one door): the whole would add the other
    ("A plenum of the LWC opened today.", "A plenum of the LWC opened today."),
    ("The Lake Flood Office issued a warning.", "The Lake Flood Office issued a warning."),
    # the joint name's own forms are rewritten
    ("The LWC-LFO said so.", "The Lake Water Commission and Lake Flood Office said so."),
])
def test_one_of_two_joint_bodies_is_left_as_written(text, expected):
    n = Normalizer(Glossary.from_records(JOINT))
    assert _out(n, text) == expected


@pytest.mark.parametrize("text", [
    "Stations such as the ISS and LOS - Lanting Sky Station are open.",
    "Stations such as the ISS and LOS -- Lanting Sky Station are open.",
])
def test_a_dash_between_two_names_of_one_entity_glosses_the_first(text):
    # (a hyphen between spaces is a dash as much as "--" is)
    n = Normalizer(Glossary.from_records([{"id": "los", "name": "Lanting Orbital Station",
                                           "aliases": ["LOS", "Lanting Sky Station"], "type": "program"}]))
    assert _out(n, text) == text


def test_the_canonical_name_s_first_words_written_before_the_mention_are_not_written_twice():
    n = Normalizer(Glossary.from_records([
        {"id": "soab", "name": "State-owned Orbital Assets Bureau", "aliases": ["Orbital Assets Bureau"]}]))
    # an infobox's label glued to the name's first words: the mention starts after them
    text = "OwnerState-owned Orbital Assets Bureau"
    assert str(n.normalize_text(text)) == text
    assert str(n.normalize_text("The Orbital Assets Bureau said so.")) == \
        "The State-owned Orbital Assets Bureau said so."
