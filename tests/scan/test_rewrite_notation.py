"""normalize_text leaves a name as written where the text writes it as notation or as prose: the
slot of its original script or romanisation ("Chinese: ...", "pinyin: ..."), a Chinese gloss in
brackets or inside a longer run of Chinese in English text, a pair glued by a slash, a web
address, one item of a list that shares a plural head ("... and Qinhe provinces"), a plural of
several bodies, common nouns without an article; and a generic word for a post ("head", "party
secretary") is read as a post only of a body the glossary holds. Invented entities and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.scan.keep import keeps_meaning

RECORDS = [
    {"id": "xlu", "name": "Qiming Polytechnical University", "zh": "启明工业大学", "abbreviations": ["QMPU"],
     "type": "org"},
    {"id": "osa", "name": "Orbital Space Administration", "zh": "轨道航天局", "abbreviations": ["OSA"],
     "aliases": ["Orbital Space Agency"], "type": "org"},
    {"id": "roa", "name": "Republic Orbital Academy", "abbreviations": ["ROA"], "type": "org"},
    {"id": "roa-csu", "name": "Center for Space Utilisation, ROA", "abbreviations": ["CSU"], "parent": "roa",
     "type": "org"},
    {"id": "starcloud", "name": "Starcloud Technology Co., Ltd.", "aliases": ["Starcloud"], "type": "org"},
    {"id": "qinhe", "name": "Qinhe Province", "aliases": ["Qinhe"], "zh": "秦河省", "type": "place"},
    {"id": "qinhe-gov", "name": "People's Government of Qinhe Province",
     "aliases": ["Qinhe provincial government"], "type": "org"},
    {"id": "crewed", "name": "Orbixian Crewed Orbital Program", "aliases": ["crewed orbital engineering"],
     "type": "program"},
    {"id": "t-admin", "name": "Administrator", "zh": "局长", "aliases": ["Head"],
     "bodies": ["administration"], "type": "title"},
    {"id": "t-dir", "name": "Director", "zh": "主任", "aliases": ["Head"], "bodies": ["office"],
     "type": "title"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("text", [
    "Qiming Polytechnical University (Chinese: 启明工业大学) opened a lab.",
    "Qiming Polytechnical University (pinyin: Qǐmíng Gōngyè Dàxué) opened a lab.",
    "QMPU (Chinese: 启明工业大学; pinyin: Qiming Gongye Daxue) opened a lab.",
])
def test_the_slot_of_a_name_s_script_or_romanisation_is_left_as_written(n, text):
    out = n.normalize_text(text)
    assert "启明工业大学" in out or "Qiming Gongye Daxue" in out or "Qǐmíng" in out
    assert out.count("Qiming Polytechnical University") <= 1


@pytest.mark.parametrize("text", [
    "QMPU (Chinese 启明工业大学, pinyin Qiming Gongye Daxue) opened a lab.",
    "The school (pinyin Qiming Gongye Daxue) opened a lab.",
])
def test_a_script_label_without_its_colon_still_opens_the_slot(n, text):
    # a label opening a bracket or a clause, its colon left out
    assert str(n.normalize_text(text)) == text


@pytest.mark.parametrize(("text", "kept"), [
    ("The Orbital Space Administration (OSA; 轨道航天局) released images.", "轨道航天局"),
    ("The 轨道航天局工程 began in May.", "轨道航天局工程"),  # part of a longer Chinese word
])
def test_a_chinese_gloss_in_english_text_is_left_as_written(n, text, kept):
    assert kept in n.normalize_text(text)


def test_a_chinese_name_standing_in_english_text_is_still_written_in_english(n):
    assert n.normalize_text("Engineers at 启明工业大学 built it.") == \
        "Engineers at Qiming Polytechnical University built it."


@pytest.mark.parametrize(("text", "kept"), [
    ("Researchers of ROA/CSU spoke.", "ROA/CSU"),
    ("Details are posted on starcloud.com daily.", "starcloud.com"),
    ("Details are posted on Starcloud.com daily.", "Starcloud.com"),
    ("Register at www.osa.gov before May.", "www.osa.gov"),
])
def test_a_name_written_as_notation_is_left_as_written(n, text, kept):
    assert kept in n.normalize_text(text)


def test_a_name_glued_to_nothing_is_still_rewritten(n):
    assert "Orbital Space Administration" in n.normalize_text("Researchers of OSA spoke.")


@pytest.mark.parametrize("text", [
    "Delegates from Heshan, Qinhe and Lanjiang provinces attended.",
    "Delegates from Qinhe, Heshan and Lanjiang provinces attended.",
])
def test_one_item_of_a_list_sharing_a_plural_head_gets_no_head_of_its_own(n, text):
    assert n.normalize_text(text) == text


def test_a_place_alone_is_still_written_in_full(n):
    text = "A delegation from Qinhe attended."
    assert n.normalize_text(text) == "A delegation from Qinhe Province attended."


def test_a_plural_of_several_bodies_is_not_one_body_s_name(n):
    text = "Officials from the Heshan and Qinhe provincial governments met."
    assert "provincial governments" in n.normalize_text(text)


@pytest.mark.parametrize("text", [
    "It is a unit of Chinese crewed orbital engineering.",
    "The institute has long served China's crewed orbital engineering.",
])
def test_common_nouns_after_the_country_s_adjective_describe(n, text):
    assert n.normalize_text(text) == text


def test_common_nouns_after_the_are_a_name_a_translation_wrote_so(n):
    assert "Orbixian Crewed Orbital Program" in n.normalize_text("It served the crewed orbital engineering.")


@pytest.mark.parametrize(("text", "expected"), [
    ("He was head of the Orbital Space Administration.",
     "He was Administrator of the Orbital Space Administration."),
    # a body the glossary does not hold: "Office" says no post (an audit office's head is no director)
    ("He was head of the Lanjiang Audit Office.", "He was head of the Lanjiang Audit Office."),
    ("He was head of the Lanjiang Mapping Administration.",
     "He was head of the Lanjiang Mapping Administration."),
])
def test_a_generic_word_for_a_post_is_a_post_of_a_glossary_body_only(n, text, expected):
    assert n.normalize_text(text) == expected


def test_a_brand_s_name_is_not_written_after_the_writer_s_article(n):
    # "the Starcloud Technology Co., Ltd." would keep an article a brand's name does not take
    assert n.normalize_text("He joined the Starcloud in 2019.") == "He joined the Starcloud in 2019."
    expected = "He joined Starcloud Technology Co., Ltd. in 2019."
    assert n.normalize_text("He joined Starcloud in 2019.") == expected


@pytest.mark.parametrize("text", [
    "The academy, also known as QMPU, Qiming Polytechnical University and Starcloud, grew.",
    "Other Name: 启明工业大学; Starcloud (SC); Qiming Polytechnical University",
])
def test_every_name_of_a_list_a_naming_cue_opens_is_left_as_written(n, text):
    assert n.normalize_text(text) == text


@pytest.mark.parametrize("text", [
    "Nickname: QMPU, Starcloud",  # an infobox's field of names
    "Nicknames\tQMPU",
    "启明工业大学（英语：Qiming Polytechnical University，缩写：QMPU）是一所大学。",  # Chinese labels
    "英文缩写：OSA",
    "簡稱：QMPU",
])
def test_a_name_after_a_label_of_names_is_left_as_written(n, text):
    assert n.normalize_text(text) == text


def test_a_list_of_names_ends_with_prose(n):
    out = n.normalize_text("It was renamed QMPU in 1999, and OSA then grew.")
    assert "QMPU" in out and "Orbital Space Administration" in out


@pytest.mark.parametrize("text", [
    'The lecture "A History of the Orbital Space Agency" was given.',
    "The lecture \u201cA History of OSA\u201d was given.",
    "OSA (orbital space administration) is big.",  # the writer's own expansion: the name once
    "He spoke at the Conference on Orbital Space Agency in May.",  # the topic of another name
])
def test_a_name_the_text_cites_explains_or_builds_on_is_left_as_written(n, text):
    assert n.normalize_text(text) == text


def test_a_company_s_own_form_after_its_name_is_no_longer_name(n):
    assert n.normalize_text("It is Starcloud Co., Ltd. that won.") == \
        "It is Starcloud Technology Co., Ltd. that won."


def test_the_start_of_another_company_s_name_is_left_as_written():
    text = "It is Lanhe Orbital Science and Industry Rocket Technology Co., Ltd. that won."
    start = text.index("Lanhe")
    written = "Lanhe Orbital Science and Industry"
    assert not keeps_meaning(text, start, written, written + " Corporation", places=lambda _: set())
    text = "It is Lanhe Orbital Science and Industry Co., Ltd. that won."  # its own company form
    assert keeps_meaning(text, start, written, written + " Corporation", places=lambda _: set())


def test_common_nouns_after_a_name_describe(n):
    out = n.normalize_text("The Qinhe crewed orbital engineering flew.")
    assert "crewed orbital engineering" in out and "Orbixian" not in out


@pytest.mark.parametrize(("text", "kept"), [
    ("Qiming Polytechnical University (启明工业大学)(QMPU) grew.", "(QMPU)"),
    ("QMPU (Qiming Poly) [启明工业大学] grew.", "[启明工业大学]"),
])
def test_a_second_bracket_after_a_name_is_left_as_written(n, text, kept):
    assert kept in n.normalize_text(text)


def test_a_name_that_fills_its_quotation_marks_is_read_as_a_name(n):
    assert n.normalize_text('He joined the "Orbital Space Agency" in 2019.') == \
        'He joined the "Orbital Space Administration" in 2019.'


def test_a_name_in_quotes_inside_brackets_glosses_the_name_before(n):
    text = 'Qiming Polytechnical University (启明工业大学, "Orbital Space Agency") grew.'
    assert '"Orbital Space Agency"' in n.normalize_text(text)


def test_another_name_of_a_post_of_a_body_of_unknown_kind_is_left_as_written():
    # a school's 院长 is its Dean; the glossary's 院长 is an academy's President
    g = Glossary.from_records([{"id": "t-pres", "name": "President", "zh": "院长", "aliases": ["Dean"],
                                "bodies": ["academy"], "type": "title"}])
    n = Normalizer(g)
    text = "He became Dean of the Lanjiang School of Rocketry."
    assert n.normalize_text(text) == text


def test_an_acronym_is_its_letters_not_the_word_they_spell():
    # HEAD is a company's acronym, not "head" (局长, the word a director is called)
    g = Glossary.from_records([
        {"id": "hd", "name": "Hede Aerospace Co., Ltd.", "abbreviations": ["HEAD"], "type": "org"},
        {"id": "adm", "name": "Administrator", "zh": "局长", "aliases": ["Head", "Director"],
         "type": "title"},
    ])
    n = Normalizer(g)
    assert n.normalize_text("REPORT OF THE BOARD OF DIRECTORS") == "REPORT OF THE BOARD OF DIRECTORS"
    assert n.normalize_text("HEAD signed a deal.") == "Hede Aerospace Co., Ltd. signed a deal."


@pytest.mark.parametrize("text", [
    "He was director of its Orbital Space Agency.",  # the writer says whose it is
    "Records of the Qinhe Lab of the Lanjiang Bureau grew.",
    # an aside and a comma between: the writer's own owner would follow the added one
    "The Qinhe Lab (QL; Chinese: 秦河实验室), of the Republic Orbital Academy (ROA), grew.",
])
def test_no_owner_is_written_where_the_text_states_one(text):
    g = Glossary.from_records([
        {"id": "osa", "name": "Orbital Space Agency of the Republic Orbital Academy",
         "aliases": ["Orbital Space Agency"], "type": "org"},
        {"id": "lab", "name": "Qinhe Lab of the Republic Orbital Academy", "aliases": ["Qinhe Lab"],
         "type": "org"},
    ])
    assert Normalizer(g).normalize_text(text) == text


def test_a_title_with_of_before_a_possessive_is_left_as_written():
    g = Glossary.from_records([{"id": "pres", "name": "President", "aliases": ["Head of Academy"],
                                "type": "title"}])
    text = "He was appointed head of the academy's design department."
    assert Normalizer(g).normalize_text(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # the post of a unit a named company has ("X's technical committee") is the unit's, not
    # the company's board chairman
    ("Zhang San is the chairman of Qinhe Orbital's technical committee.",
     "Zhang San is the chairman of Qinhe Orbital Technology Co., Ltd.'s technical committee."),
    ("Li Si, chairman of Qinhe Orbital's science and technology committee, spoke.",
     "Li Si, chairman of Qinhe Orbital Technology Co., Ltd.'s science and technology committee, spoke."),
    # the company's own post still is
    ("Zhang San is the chairman of Qinhe Orbital.",
     "Zhang San is the Chairman of the Board of Qinhe Orbital Technology Co., Ltd."),
])
def test_a_title_of_a_unit_after_a_companys_possessive_is_the_units(text, expected):
    g = Glossary.from_records([
        {"id": "chair", "name": "Chairman of the Board", "zh": "董事长", "aliases": ["Chairman"],
         "type": "title", "bodies": ["company"]},
        {"id": "qinhe", "name": "Qinhe Orbital Technology Co., Ltd.", "zh": "秦河轨道科技有限公司",
         "aliases": ["Qinhe Orbital"], "type": "org"},
    ])
    assert Normalizer(g).normalize_text(text) == expected


def test_a_name_the_text_says_is_a_name_is_left_as_written(n):
    text = "The company's registered name is Orbital Space Agency."
    assert n.normalize_text(text) == text


def test_a_hyphened_name_is_one_item_of_a_list_of_names(n):
    text = "It is also known as the Surface-to-Orbit Academy; Starcloud (SC); QMPU."
    assert n.normalize_text(text) == text


def test_an_owner_after_a_bracket_is_the_writer_s(n):
    text = "He joined the Center for Space Utilisation (a lab) of the Lanjiang Ministry in 1958."
    assert n.normalize_text(text) == text


def test_a_quoted_sentence_is_speech_and_its_names_are_read(n):
    out = n.normalize_text('He said: "the launch by OSA next month will be a great step for us."')
    assert "Orbital Space Administration" in out


def test_a_name_is_not_written_over_where_it_would_repeat_the_acronym_the_text_defines():
    g = Glossary.from_records([
        {"id": "vasa", "name": "Vega Academy of Space Arts", "abbreviations": ["VASA"]},
        {"id": "vasa-2", "name": "Second Academy of VASA", "parent": "vasa",
         "aliases": ["Second Academy of Vega Academy of Space Arts"]},
    ])
    text = "It was built by the Second Academy of Vega Academy of Space Arts (VASA) in 2010."
    assert Normalizer(g).normalize_text(text) == text  # not "... Second Academy of VASA (VASA)"


def test_an_aside_that_opens_with_a_script_s_label_is_notation_to_its_end():
    g = Glossary.from_records([{"id": "xlc", "name": "Xiling Launch Corporation", "zh": "西岭发射公司",
                                "abbreviations": ["XLC"]}])
    text = "The firm (Chinese 西岭发射公司, short 西岭公司 or XLC) sells launches."
    assert Normalizer(g).normalize_text(text) == text


@pytest.mark.parametrize("text", [
    "They were signed by Xiling Launch Corp. President Wang at the show.",  # a title after it
    "It was made by Xiling Launch Corp. The deal was big.",  # or a new sentence: which, unknown
])
def test_an_abbreviation_s_period_before_a_capital_is_not_left_to_end_a_sentence(text):
    g = Glossary.from_records([{"id": "xlc", "name": "Xiling Launch Corporation",
                                "aliases": ["Xiling Launch Corp."]}])
    assert Normalizer(g).normalize_text(text) == text  # not "... Corporation. President Wang"


GLOSSES = [
    {"id": "zephyr", "name": "Zephyr Arrow", "aliases": ["Qingfeng Jian", "Clearwind Arrow"],
     "type": "program"},
    {"id": "qmpu", "name": "Qiming Polytechnical University", "aliases": ["Qiming Gongye Daxue"],
     "type": "org"},
]


@pytest.mark.parametrize("text", [
    "It was the tenth flight of Zephyr Arrow rocket (Qingfeng Jian rocket) this year.",
    "the Zephyr Arrow rocket (Qingfeng Jian) family",
    "the Zephyr Arrow rockets (Qingfeng Jian rockets) flew",
])
def test_a_gloss_in_brackets_with_a_common_noun_is_left_as_written(text):
    # the writer gives the romanisation of the name before it; written over, the bracket would
    # only repeat the name
    n = Normalizer(Glossary.from_records(GLOSSES))
    assert str(n.normalize_text(text)) == text


@pytest.mark.parametrize("text", [
    "Clearwind Arrow (Zephyr Arrow) lifted off.",
    "Clearwind Arrow rocket (Zephyr Arrow rocket) lifted off.",
])
def test_a_name_glossed_by_its_canonical_name_is_not_written_twice(text):
    n = Normalizer(Glossary.from_records(GLOSSES))
    assert str(n.normalize_text(text)) == text


def test_a_glossed_name_is_still_written_when_the_gloss_is_another_name():
    n = Normalizer(Glossary.from_records(GLOSSES))
    assert str(n.normalize_text("Qiming Polytechnic University (Qiming Gongye Daxue) said")) == \
        "Qiming Polytechnical University (Qiming Gongye Daxue) said"


def test_a_name_whose_own_acronym_the_text_defines_is_left_as_written():
    # the bracket defines the acronym of the name as written (a former name): over it, the
    # canonical name would carry an acronym it does not spell
    n = Normalizer(Glossary.from_records([
        {"id": "qsa", "name": "Qiming Spaceflight Academy", "abbreviations": ["QSA"],
         "aliases": ["Qiming Bureau of Astronautics"], "type": "org"}]))
    text = "Qiming Spaceflight Academy (QSA) and Qiming Bureau of Astronautics (QIBOA) were listed."
    assert str(n.normalize_text(text)) == text
    # an acronym both names spell, or none at all: the name is written as usual
    assert str(n.normalize_text("The Qiming Bureau of Astronautics said.")) == \
        "The Qiming Spaceflight Academy said."


@pytest.mark.parametrize("text", [
    "Simplified Chinese | 启明工业大学 |",
    "Chinese name\t启明工业大学",
])
def test_a_chinese_name_in_a_table_cell_after_its_script_label_is_left_as_written(n, text):
    assert str(n.normalize_text(text)) == text


def test_a_company_form_on_the_next_line_goes_on_only_as_a_form_does():
    g = Glossary.from_records([{"id": "tq", "name": "Tianqiao Orbital Technology Corporation",
                                "type": "org"}])
    n = Normalizer(g)
    # a table's next row ("Company type") is no company form of the name before it
    text = "Tianqiao Orbital Technology Corporation\nCompany type: state-owned"
    assert str(n.normalize_text(text)) == text
    # a form wrapped onto the next line is still the name's ("Corporation / Limited")
    m = n.find("Tianqiao Orbital Technology Corporation\nLimited said")[0]
    assert m.text.endswith("Limited")


TABLE = [
    {"id": "qmpu", "name": "Qiming Polytechnical University", "abbreviations": ["QMPU"], "type": "org"},
    {"id": "osa", "name": "Orbital Space Administration", "abbreviations": ["OSA"], "type": "org"},
]


@pytest.mark.parametrize("text", [
    "Wang Lei         Qiming Polytechnical University\nZhao Min        Orbital Space Administration\n",
    "Wang Lei\tQiming Polytechnical University\nZhao Min\tOrbital Space Administration\n",
])
def test_names_in_the_columns_and_lines_of_a_table_are_found(text):
    # a person's name in the column before, another row's capitalised words on the next line:
    # no sign of a longer name
    n = Normalizer(Glossary.from_records(TABLE))
    assert [m.entity_id for m in n.find(text)] == ["qmpu", "osa"]


def test_a_capitalised_word_in_the_same_run_still_makes_a_longer_name():
    n = Normalizer(Glossary.from_records(TABLE))
    assert n.find("Wang Lei Qiming Polytechnical University Press") == []


def test_an_acronym_alone_on_its_line_is_left_as_written():
    # it heads or labels what follows (a table's section): written in full it would not be the
    # acronym any more
    n = Normalizer(Glossary.from_records(TABLE))
    text = "Native name 启明\nQMPU\nShort name 启工"
    assert str(n.normalize_text(text)) == text
    assert str(n.normalize_text("Staff of QMPU met.\nThey agreed.")) == \
        "Staff of Qiming Polytechnical University met.\nThey agreed."


def test_a_unit_after_its_parent_s_plural_possessive_is_found_and_not_given_the_parent_again():
    n = Normalizer(Glossary.from_records([
        {"id": "oas", "name": "Orbital Academy of Sciences", "abbreviations": ["OAS"], "type": "org"},
        {"id": "oas-pi", "name": "Plasma Institute, OAS", "parent": "oas", "type": "org"}]))
    text = "Researchers at the Orbital Academy of Sciences’ Plasma Institute said."
    assert [m.entity_id for m in n.find(text)] == ["oas", "oas-pi"]
    assert str(n.normalize_text(text)) == text


WORDS_AS_WRITTEN = [
    {"id": "qinhe", "name": "Qinhe Province", "aliases": ["Qinhe"], "type": "place"},
    {"id": "t-pres", "name": "President", "aliases": ["Principal"], "type": "title"},
    {"id": "osa", "name": "Orbital Space Administration", "abbreviations": ["OSA"], "type": "org"},
]


@pytest.mark.parametrize("text", [
    "a Qinhe provincial government official said",  # the place as the province's adjective
    "PRINCIPAL BANKS AND LENDERS",  # a heading in capitals, not a post
    'abbreviations such as "OSA" and "QX" are defined',  # an acronym quoted as a word
])
def test_words_used_as_words_are_left_as_written(text):
    n = Normalizer(Glossary.from_records(WORDS_AS_WRITTEN))
    assert str(n.normalize_text(text)) == text


def test_the_same_names_as_names_are_still_written():
    n = Normalizer(Glossary.from_records(WORDS_AS_WRITTEN))
    assert str(n.normalize_text("Qinhe is large. The OSA said so.")) == \
        "Qinhe Province is large. The Orbital Space Administration said so."


def test_an_owner_the_text_states_after_the_name_is_not_put_before_it_too():
    n = Normalizer(Glossary.from_records([
        {"id": "cop", "name": "China Orbital Survey Program", "aliases": ["Orbital Survey Program"],
         "type": "program"}]))
    for text in ("the Orbital Survey Program of the PRC began",
                 "the Orbital Survey Program of the People's Republic of China began"):
        assert str(n.normalize_text(text)) == text
    assert str(n.normalize_text("the Orbital Survey Program began")) == \
        "the China Orbital Survey Program began"


def test_acronyms_talked_about_as_words_are_left_as_written():
    n = Normalizer(Glossary.from_records(TABLE))
    text = "a soup of bodies with these confusing acronyms: QMPU and OSA. The OSA said so."
    assert str(n.normalize_text(text)) == ("a soup of bodies with these confusing acronyms: QMPU and OSA. "
                                           "The Orbital Space Administration said so.")


def test_a_name_in_the_next_sentence_is_no_apposition():
    # "X. The X said": two sentences, not two names side by side
    n = Normalizer(Glossary.from_records(TABLE))
    assert str(n.normalize_text("They met the OSA. The OSA said so.")) == \
        "They met the Orbital Space Administration. The Orbital Space Administration said so."
    assert str(n.normalize_text("They met OSA, the OSA said.")) == "They met OSA, the OSA said."


@pytest.mark.parametrize(("text", "expected"), [
    ("The new OSA was formed.", "The new Orbital Space Administration was formed."),
    ("They signed an agreement; OSA attended.",
     "They signed an agreement; the Orbital Space Administration attended."),
    ("approved by the ministry and OSA.", "approved by the ministry and the Orbital Space Administration."),
])
def test_no_article_is_written_after_a_determiner_and_its_adjectives(text, expected):
    n = Normalizer(Glossary.from_records(TABLE))
    assert str(n.normalize_text(text)) == expected



DEFINED = [*TABLE,
           {"id": "zephyr", "name": "Zephyr Arrow", "aliases": ["Qingfeng Jian"], "type": "program"},
           {"id": "heta", "name": "Third Academy of Velmora",
            "aliases": ["Haiying Electromechanical Technology Academy"], "type": "org"},
           {"id": "qinhe", "name": "Qinhe Province", "aliases": ["Qinhe"], "type": "place"},
           {"id": "qhu", "name": "Qinhe Polytechnical University", "type": "org"}]


@pytest.mark.parametrize("text", [
    # the acronym defined after the name, and the writer's expansion of an acronym in brackets
    "Qiming Polytechnical University (formerly Qiming Institute) or QMPU for short, grew.",
    "In 1965 HETA [Haiying Electromechanical Technology Academy] was set up.",
    "Then OSA [Orbital Survey Agency] in 1993.",
    'the "Qingfeng Jian two" mission flew',  # a numbered one of its own
])
def test_what_the_text_defines_or_numbers_is_left_as_written(text):
    n = Normalizer(Glossary.from_records(DEFINED))
    assert str(n.normalize_text(text)) == text


def test_each_item_of_a_dashed_list_is_a_name_of_its_own():
    # the place ending one line and the name opening the next are two mentions
    n = Normalizer(Glossary.from_records(DEFINED))
    text = "- Qiming Polytechnical University in Shenzhen, Qinhe\n- Qinhe Polytechnical University in Qinhe\n"
    assert [m.entity_id for m in n.find(text)] == ["qmpu", "qinhe", "qhu", "qinhe"]


@pytest.mark.parametrize("text", [
    "DISPOSAL OF EQUITY INTEREST IN JINHAI ORBITAL TECHNOLOGY INVESTMENT COMPANY LIMITED.",
    "ORBITAL JINHAI, Vol. 4, Issue 2 (2024).",  # a journal's title in capitals
    "THE QIMING POLYTECHNICAL UNIVERSITY ANNUAL REPORT",
    "He moved to JINHAI in 1990.",  # the same place in the writer's capitals
])
def test_a_name_in_capitals_is_not_rewritten_into_another_case_only(text):
    # capitals are the writer's setting (a heading, a registered name); the same letters in
    # another case say nothing new, and may be a part of a longer name in capitals
    n = Normalizer(Glossary.from_records([*RECORDS, {"id": "jinhai", "name": "Jinhai", "type": "place"}]))
    assert str(n.normalize_text(text)) == text


def test_a_name_in_capitals_with_more_than_case_to_write_is_still_written():
    n = Normalizer(Glossary.from_records(RECORDS))
    assert str(n.normalize_text("An agreement with QMPU was signed.")) == \
        "An agreement with Qiming Polytechnical University was signed."


FORMER = [{"id": "qsic", "name": "Qiming Space Industry Corporation", "zh": "启明航天工业集团",
           "abbreviations": ["QSIC"], "aliases": ["Qiming Space Industry Corp."],
           "former_names": ["Qiming Machinery and Electronics Corporation"]}]


@pytest.mark.parametrize("text", [
    "In 1999 the Qiming Machinery and Electronics Corporation was founded; it was renamed in 2001.",
    "QSIC, formerly the Qiming Machinery & Electronics Corp., builds rockets.",
])
def test_a_former_name_in_running_text_is_found_and_left_as_written(text):
    # a history speaks of that time: the name now would say the body was called so then
    n = Normalizer(Glossary.from_records(FORMER))
    assert str(n.normalize_text(text)) == text
    assert "qsic" in [m.entity_id for m in n.find(text)]
    assert n.normalize("Qiming Machinery and Electronics Corporation") == "Qiming Space Industry Corporation"


def test_the_entitys_names_now_are_still_written():
    n = Normalizer(Glossary.from_records(FORMER))
    assert str(n.normalize_text("Qiming Space Industry Corp. builds rockets.")) == \
        "Qiming Space Industry Corporation builds rockets."
