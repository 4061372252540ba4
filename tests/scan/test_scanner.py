"""aeronorm.scan: mentions in running text (find) and their rewriting (normalize_text)."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aeronorm
from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.results import Mention, Mentions, NormalizedText
from aeronorm.scan.rewrite import STYLES
from aeronorm.scan.scanner import Scanner
from aeronorm.text.fold import fold_key


def found(normalizer, text, **kw):
    return [(m.text, m.entity_id) for m in normalizer.find(text, **kw)]


# ---------------------------------------------------------------------------------- spans
def test_mention_fields_and_spans(normalizer):
    text = "On Monday the China Great Wall Industry Corp. signed a deal with NWPU in Xi'an."
    mentions = normalizer.find(text)
    assert isinstance(mentions, Mentions) and isinstance(mentions, list)
    assert mentions.source == text
    assert [(m.text, m.entity_id) for m in mentions] == [
        ("China Great Wall Industry Corp.", "cgwic"), ("NWPU", "nwpu"), ("Xi'an", "xian")]
    for m in mentions:
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.text
        assert m.match.entity_id == m.entity_id and m.canonical == m.match.canonical
    assert mentions[0].match.method == "exact" and mentions[0].match.score == 1.0


def test_module_level_api_uses_default_normalizer():
    text = "Researchers at Northwestern Polytechnic University said so."
    assert [m.entity_id for m in aeronorm.find(text)] == ["nwpu"]
    assert aeronorm.normalize_text(text) == "Researchers at Northwestern Polytechnical University said so."
    assert aeronorm.Mention is Mention


def test_concept_variant_without_alias(normalizer, glossary):
    # No alias spells "Astronautics" here: the concept trie finds it (Space = Aerospace = 航天).
    variant = "China Astronautics Science and Technology Corporation"
    assert fold_key(variant) not in glossary.claims()
    (m,) = normalizer.find(f"Officials of the {variant} arrived.")
    assert (m.text, m.entity_id) == (variant, "casc")
    assert m.match.method == "concept" and m.match.score == DEFAULT_CALIBRATION.concept


def test_possessive_is_outside_the_span(normalizer):
    text = "CASIC's engineers and CASIC’s rivals"
    assert found(normalizer, text) == [("CASIC", "casic"), ("CASIC", "casic")]
    out = normalizer.normalize_text(text)
    assert out.startswith("China Aerospace Science and Industry Corporation Limited's engineers")


def test_nested_names_resolve_to_the_longest(normalizer):
    assert found(normalizer, "Engineers at CASIC's 6th Academy tested a motor.") == [
        ("CASIC's 6th Academy", "casic-6th-academy")]
    assert found(normalizer, "the Sixth Academy of CASIC") == [
        ("Sixth Academy of CASIC", "casic-6th-academy")]


def test_plural_acronym(normalizer):
    assert found(normalizer, "two CALTs") == [("CALTs", "calt")]


def test_no_match_inside_a_longer_look_alike(normalizer):
    text = "China Great Wall Asset Management Co., Ltd. bought bonds."
    assert normalizer.find(text) == []
    assert normalizer.normalize_text(text) == text
    # the real one, with its company form, still matches in full
    assert found(normalizer, "China Great Wall Industry Group Co., Ltd. signed.") == [
        ("China Great Wall Industry Group Co., Ltd.", "cgwic")]


def test_preceding_capitalised_word_blocks_an_org(normalizer):
    # "Shenzhen Great Wall Industry Corporation" would be another company
    assert normalizer.find("The Shenzhen Great Wall Industry Corporation opened.") == []
    # a sentence opener or a title is no part of the name
    assert found(normalizer, "Yesterday CASIC said so.") == [("CASIC", "casic")]
    assert ("Zhang Kejian", "person-zhang-kejian") in found(normalizer, "Administrator Zhang Kejian spoke.")


def test_capitalised_spans_go_to_the_matcher(normalizer):
    # romanised Chinese and word order: not trie paths, resolved by Normalizer.match
    assert found(normalizer, "Xibei Gongye Daxue researchers") == [("Xibei Gongye Daxue", "nwpu")]
    assert found(normalizer, "He met Zhang Ke-jian yesterday.") == [("Zhang Ke-jian", "person-zhang-kejian")]


def test_span_must_agree_with_a_glossary_form(normalizer):
    # the full matcher maps "Great Wall" to CGWIC; as running text it is the landmark
    assert normalizer.find("We walked on the Great Wall of China.") == []


def test_written_like_a_name(normalizer):
    assert normalizer.find("A rocket placed a constellation in orbit.") == []  # lower-case one-word terms
    assert normalizer.find("Change is coming.") == []  # Chang'e's alias "Change", first in a sentence
    assert normalizer.find("The cast of the film.") == []  # acronyms need capitals
    assert normalizer.find("The Director spoke.") == []  # one-word titles are not mentions
    assert normalizer.find("Revenue in FY 2024 rose.") == []  # two-letter acronyms are prose
    assert found(normalizer, "Commercial aerospace grows.") == [
        ("Commercial aerospace", "term-commercial-space")]


def test_ambiguous_name_is_no_mention(normalizer, glossary):
    assert len(glossary.ambiguous_keys()["cast"]) == 2
    assert normalizer.find("Engineers of CAST met.") == []


def test_type_filter(normalizer):
    text = "Zhang Kejian visited NWPU in Xi'an."
    assert found(normalizer, text, type="person") == [("Zhang Kejian", "person-zhang-kejian")]
    assert found(normalizer, text, type="place") == [("Xi'an", "xian")]
    with pytest.raises(ValueError, match="unknown type"):
        normalizer.find(text, type="planet")


def test_bad_input(normalizer):
    with pytest.raises(TypeError):
        normalizer.find(b"CASIC")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        normalizer.normalize_text(None)  # type: ignore[arg-type]
    assert normalizer.find("") == []
    assert normalizer.normalize_text("") == ""


def test_chinese_text(normalizer):
    text = "中国航天科工集团有限公司与西北工业大学签约。CASIC also signed."
    got = found(normalizer, text)
    assert ("中国航天科工集团有限公司", "casic") in got and ("西北工业大学", "nwpu") in got
    assert ("CASIC", "casic") in got
    for m in normalizer.find(text):
        assert text[m.start : m.end] == m.text


def test_custom_glossary_and_company_forms():
    n = Normalizer(Glossary.from_records([
        {"id": "gw", "name": "Great Wall Rocket Works", "type": "org"},
        {"id": "ms", "name": "Moon Seed Society", "type": "org", "abbreviations": ["MSS"]},
    ]))
    text = "Great Wall Rocket Works Co., Ltd. and the MSS met; the Moon Seed Society Inc. agreed."
    assert [(m.text, m.entity_id) for m in n.find(text)] == [
        ("Great Wall Rocket Works Co., Ltd.", "gw"), ("MSS", "ms"), ("Moon Seed Society Inc.", "ms")]


# ---------------------------------------------------------------------------------- building
def test_scanner_is_lazy_and_built_once():
    n = Normalizer(Glossary.from_records([{"id": "a", "name": "Alpha Rocket Company"}]))
    assert not n._scanner.built  # construction does not build the trie
    got: list[Scanner] = []
    threads = [threading.Thread(target=lambda: got.append(n.scanner)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in got}) == 1
    assert n.scanner is got[0]
    assert got[0].trie.size >= 1


def test_results_do_not_depend_on_what_was_scanned_before():
    texts = ["The China Great Wall Industry Corp. met NWPU.", "China Great Wall Industry Corp",
             "China Great Wall Industry", "met China Great Wall Industry Corp. and CASIC's 6th Academy"]
    warm = Normalizer()
    for t in texts * 2:
        warm.find(t)
    for t in texts:
        cold = Normalizer()
        assert found(cold, t) == found(warm, t)


# ---------------------------------------------------------------------------------- rewriting
def test_normalize_text_styles(normalizer):
    text = "Officials from NWPU and the China Aerospace Science & Industry Corp. met."
    assert normalizer.normalize_text(text) == (
        "Officials from Northwestern Polytechnical University and the "
        "China Aerospace Science and Industry Corporation Limited met.")
    assert normalizer.normalize_text(text, style="abbreviation") == "Officials from NWPU and the CASIC met."
    assert normalizer.normalize_text(text, style="annotate") == (
        "Officials from Northwestern Polytechnical University [nwpu] and the "
        "China Aerospace Science and Industry Corporation Limited [casic] met.")
    with pytest.raises(ValueError, match="style"):
        normalizer.normalize_text(text, style="loud")  # type: ignore[arg-type]
    assert STYLES == ("canonical", "abbreviation", "annotate")


def test_normalized_text_is_a_str_with_its_history(normalizer):
    text = "NWPU and Northwestern Polytechnical University"
    out = normalizer.normalize_text(text)
    assert isinstance(out, NormalizedText) and isinstance(out, str)
    assert out.source == text
    assert [r.mention.text for r in out.replacements] == ["NWPU", "Northwestern Polytechnical University"]
    assert [r.changed for r in out.replacements] == [True, False]
    assert [r.mention.text for r in out.changes] == ["NWPU"]
    for r in out.replacements:
        assert out[r.out_start : r.out_end] == r.new
    assert [m.text for m in out.mentions] == ["NWPU", "Northwestern Polytechnical University"]


def test_bracketed_abbreviation_after_its_name_stays(normalizer):
    text = "the China National Space Administration (CNSA) said; later CNSA added"
    assert normalizer.normalize_text(text) == (
        "the China National Space Administration (CNSA) said; "
        "later the China National Space Administration added")


def test_periods_and_descriptors(normalizer):
    # the period of "Corp." goes with the name mid-sentence, stays at the end of a sentence
    assert normalizer.normalize_text("China Great Wall Industry Corp. signed.") == (
        "China Great Wall Industry Corporation signed.")
    assert normalizer.normalize_text("They met China Great Wall Industry Corp.") == (
        "They met China Great Wall Industry Corporation.")
    # the words after a mention that end the canonical name are not doubled
    assert normalizer.normalize_text("the Tiangong station") == "the Tiangong space station"
    # a lower-case term opening a sentence gets a capital (terms are rewritten when asked)
    assert normalizer.normalize_text("Commercial aerospace grows.", terms=True) == "Commercial space grows."


_FILLER = st.text(alphabet=st.sampled_from(list("abcdefghij klmnop.,;:'’-()\n")), max_size=40)
_NAMES = st.sampled_from([
    "NWPU", "CASIC's 6th Academy", "China Great Wall Industry Corp.", "Northwestern Polytechnic University",
    "Peking", "China Aerospace Foundation", "中国航天科工集团", "Zhang Kejian", "Xibei Gongye Daxue",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.tuples(_FILLER, _NAMES), max_size=5), tail=_FILLER)
def test_only_mentions_change(normalizer, pieces, tail):
    text = "".join(f + " " + n + " " for f, n in pieces) + tail
    out = normalizer.normalize_text(text)
    pos = 0
    rebuilt = []
    for r in out.replacements:
        m = r.mention
        assert text[m.start : m.end] == m.text and m.start >= pos
        rebuilt.append(text[pos : m.start])
        rebuilt.append(r.new)
        pos = m.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == out  # every character outside a mention is the input's


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("abcdefgh xyz.,'’\n\t-é")), max_size=80))
def test_text_without_mentions_is_unchanged(normalizer, text):
    assert normalizer.find(text) == []
    assert normalizer.normalize_text(text) == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_text_keeps_its_characters(normalizer, text):
    out = normalizer.normalize_text(text)
    if not out.replacements:
        assert out == text
    for m in normalizer.find(text):
        assert text[m.start : m.end] == m.text


def test_threads_share_one_scanner():
    from concurrent.futures import ThreadPoolExecutor

    n = Normalizer()
    texts = [f"Report {i}: the China Great Wall Industry Corp. and NWPU met CASIC's 6th Academy in Peking."
             if i % 2 else f"Note {i}: Xibei Gongye Daxue and the Chinese Academy of Space Technology."
             for i in range(40)]
    expected = [found(Normalizer(), t) for t in texts[:2]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda t: found(n, t), texts))
    for i, got in enumerate(results):
        assert [e for _, e in got] == [e for _, e in expected[i % 2]]


def test_a_long_text_is_scanned_without_collections(normalizer):
    # the scan of a long text makes many small containers and no cycles: the cyclic GC waits
    import gc

    text = "Engineers at NWPU and CASIC said so; the committee agreed. " * 2_000
    normalizer.find(text)  # every analysis made once
    collections: list[str] = []

    def seen(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        gc.collect()
        collections.clear()
        mentions = normalizer.find(text)
        during = list(collections)
        assert gc.isenabled()
        short = [normalizer.find("NWPU said so.") for _ in range(3_000)]  # short texts: as usual
    finally:
        gc.callbacks.remove(seen)
    assert len(mentions) == 4_000 and len(during) <= 1  # one, at most, once the scan is over
    assert all(s == short[0] for s in short) and collections


def test_a_brand_that_names_a_company_or_its_constellation_is_left_as_written():
    # "Spacesail" alone is written for the operator and for its Qianfan constellation: neither
    for text in ("Spacesail raised 6.7 billion yuan.", "The CTO of Spacesail spoke."):
        assert aeronorm.normalize_text(text) == text
        assert [m.entity_id for m in aeronorm.find(text)] == []


@pytest.mark.parametrize("bad", [None, 5, b"NWPU"])
def test_find_and_normalize_text_name_what_is_not_text(bad):
    for call in (lambda: aeronorm.find(bad), lambda: aeronorm.find(bad, type="org"),
                 lambda: aeronorm.normalize_text(bad)):
        with pytest.raises(TypeError, match="text must be a str, not"):
            call()
