"""aeronorm.pipeline.chinese, running text: what the scan skips never changes what it finds.

The scan reads only the units of a text (the stretches between spaces and punctuation) that hold
two characters side by side a name may hold, one of them Han; it remembers units, stretches of
words and jieba's blocks; ``lookup`` skips a string holding a Han character that no key holds, or
holding the characters of no key. Here the scan is held to the simple path it replaces: the whole
text segmented by jieba, every stretch of up to 12 words resolved, longest first, by tables with
every character test switched off, nothing remembered.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeronorm.pipeline.chinese import _JOINERS, ChineseIndex, _han_kept
from aeronorm.text.fold import HAN_CLASS
from aeronorm.text.zh import fold_keeps, gb2312_han


class _Everything(frozenset):
    """A character set that holds every character: the character tests switched off."""

    def issuperset(self, other) -> bool:
        return True

    def __contains__(self, item) -> bool:
        return True

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other) -> bool:
        return other is self


def _skipped(word: str) -> bool:
    return re.fullmatch(r"[\s\W_]+", word) is not None


def reference_scan(ci: ChineseIndex, text: str, allowed: set[int] | None = None) -> list:
    """The simple path: every word of the whole text a start, every stretch resolved."""
    tokens = ci.tokenizer.tokenize(text)
    out, i, n = [], 0, len(tokens)
    limit = ci.max_len + 8
    while i < n:
        word, start, _ = tokens[i]
        if _skipped(word):
            i += 1
            continue
        j_max = i
        while j_max < n and j_max - i < 12 and not _skipped(tokens[j_max][0]):
            j_max += 1
        size, hit = 0, None
        for j in range(j_max, i, -1):
            span = text[start : tokens[j - 1][2]]
            if 2 <= len(span) <= limit:
                hit = ci.resolve_span(span, allowed)
                if hit is not None:
                    size = j - i
                    break
        if hit is None:
            i += 1
            continue
        end = tokens[i + size - 1][2]
        if len(hit.ids) == 1 and ci._name_ends(hit, text, end):
            out.append((start, end, hit))
        i += size
    return out


_PIECES = [
    "中国航天基金会", "西北工业大学", "西工大", "航天科工", "中国航天科工集团有限公司", "中國航天科工集團",
    "北京天兵科技有限公司", "北京强度环境研究所", "张克俭", "CASIC", "CSF", "NWPU", "二院", "有限公司",
    "在", "了", "的", "2020年", "和", "与", "说", "据报道", "，", "。", "Space", "航天", "foo", "中", " ",
    "西北工業大學", "航天科工二院", "é", "㐀", "-", "_", ".", "\r\n", "（", "）", "电", "電", "藉口", "说西",
    "\ufaff",  # a code point of a Han block that is no character (no word character either)
]
_texts = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
# Long texts, cut into pieces before jieba (hard cuts in runs without a space or punctuation).
_repeated = st.tuples(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4), st.integers(20, 200)).map(
    lambda t: "".join(t[0]) * t[1])


@pytest.fixture(scope="module")
def indexes(small_index):
    """The Chinese tables twice: as built, and with every character test switched off."""
    reference = ChineseIndex(small_index)
    reference.name_chars = _Everything()
    reference.key_anchors = None
    return ChineseIndex(small_index), reference


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_texts)
def test_scan_finds_what_the_simple_path_finds(indexes, text):
    fast, reference = indexes
    expected = reference_scan(reference, text)
    assert fast.scan(text) == expected
    assert fast.scan(text) == expected  # and again, from the memos
    for span in (text[:8], text[3:15], text):
        assert fast.lookup(span, None) == reference.lookup(span, None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_repeated)
def test_long_and_repeated_text(indexes, text):
    fast, reference = indexes
    assert fast.scan(text) == reference_scan(reference, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_texts, st.sets(st.integers(0, 12)))
def test_restricted_scan(indexes, text, allowed):
    fast, reference = indexes
    assert fast.scan(text, allowed) == reference_scan(reference, text, allowed)


def test_a_character_no_name_holds_ends_the_stretch(small_index):
    ci = ChineseIndex(small_index)
    assert "西" in ci.name_chars and "说" not in ci.name_chars
    assert ci.lookup("西北工业大学说", None) is None
    hits = ci.scan("据报道，西北工业大学说了。")
    assert [(s, e) for s, e, _ in hits] == [(4, 10)]


def test_a_unit_without_two_name_characters_is_not_segmented(small_index):
    ci = ChineseIndex(small_index)
    assert ci.scan("说了，foo。bar 说") == []
    assert not ci.tokenizer.loaded  # jieba was never needed


def test_a_han_block_code_point_that_is_no_character_does_not_stall_the_scan(indexes):
    # an atheris finding (fuzz/regressions/find/unassigned-han-code-point): two "name characters"
    # side by side of which one no unit holds left the unit empty and the scan in place
    fast, reference = indexes
    for text in ("\ufaffCASC", "CASC\ufaff西北工业大学", "西\ufaff北"):
        assert fast.scan(text) == reference_scan(reference, text)


def reference_units(ci: ChineseIndex, text: str) -> list[tuple[int, int]]:
    """The units the scan reads, found as first written: from the first two characters side by
    side that a name may hold, one of them Han (a word character outside the dead ones)."""
    dead = "".join(c for c in gb2312_han() if _han_kept(c) == c and c not in ci.name_chars)
    live = f"(?:[^\\W{dead}]|[{_JOINERS}])"
    han = f"(?:(?![{dead}])(?=\\w){HAN_CLASS})"
    pair, unit = re.compile(f"{han}{live}|{live}{han}"), re.compile(f"(?:\\w|[{_JOINERS}])*")
    out, n, rev = [], len(text), text[::-1]
    found = pair.search(text)
    while found is not None:
        at = found.start()
        end = max(unit.match(text, at).end(), found.end())
        out.append((n - unit.match(rev, n - at).end(), end))
        found = pair.search(text, end)
    return out


# Dead characters (no name holds them), name characters, Han characters outside GB 2312 and
# outside the BMP, code points of the Han blocks that are no characters, letters, digits, jieba's
# joiners, punctuation, spaces and line breaks.
_UNIT_CHARS = st.sampled_from([*"说了的西北工业大学航天電\U00020000\U0002a6dd\ufaff\u9fff",
                               *"aZ09+#&.%-_，。 \n\t!"])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(_UNIT_CHARS, max_size=40) | st.text(max_size=30))
def test_the_units_are_those_of_the_expression_first_written(indexes, shipped_indexes, text):
    for ci in (indexes[0], shipped_indexes[0]):
        assert ci._units_with_names(text) == reference_units(ci, text)


def test_every_han_character_opens_a_unit_as_it_did(shipped_indexes):
    # each character of GB 2312 and of the BMP's Han blocks next to a letter: a unit exactly when
    # it is a Han character that a name may hold (the expression's character class, dead cut out)
    chars = sorted({*gb2312_han(), *map(chr, range(0x3400, 0xA000)), *map(chr, range(0xF900, 0xFB00))})
    text = "，".join(c + "a" for c in chars)
    ci = shipped_indexes[0]
    assert ci._units_with_names(text) == reference_units(ci, text)


# Units of name characters that hold all those of no key (skipped before jieba), the same with a
# character folding may change in a phrase (藉, 乾: never skipped), digits, Latin words that are
# English names (CASIC二院), hold one (xCASICy) or none, and names among them.
_LOOSE = st.sampled_from([*"西北工业大学航天科工集团中国基金会二院北京天兵科技有限公司研究所张克俭的了",
                          "藉口", "乾", "2020", "_", "-", "西北工业大学", "航天科工", "中国航天基金会",
                          "CASIC", "NWPU", "xCASICy", "University", "foo", "A-B", "Co."])
_loose_texts = st.lists(st.tuples(st.lists(_LOOSE, max_size=10).map("".join),
                                  st.sampled_from(["，", "。", " ", "CASIC", "電"])), max_size=6).map(
    lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_loose_texts)
def test_units_that_hold_no_key_are_skipped_without_changing_what_is_found(indexes, text):
    fast, reference = indexes
    assert fast.scan(text) == reference_scan(reference, text)


def test_a_unit_that_holds_the_characters_of_no_key_is_not_segmented(small_index):
    ci = ChineseIndex(small_index)
    assert "工" in ci.name_chars and "业" in ci.name_chars  # a pair of name characters
    assert ci.scan("工业，大学。") == []
    assert ci.scan("Universe工业，foo大学。") == []  # Latin words that hold no English name
    if fold_keeps("工业大学"):  # OpenCC's dictionaries are those its list was read from
        assert not ci.tokenizer.loaded  # jieba was never needed
    assert [(s, e) for s, e, _ in ci.scan("工业，西北工业大学。")] == [(3, 9)]
    assert [(s, e) for s, e, _ in ci.scan("foo工业，CASIC集团。")] == [(6, 13)]  # an English name joined


def test_a_long_latin_run_is_scanned_as_it_was(indexes):
    # the pieces of a Latin run are tried up to 32 characters; a longer run is simply scanned
    fast, reference = indexes
    for text in ("x" * 40 + "CASIC集团，", "CASIC" * 7 + "集团", "a" * 5000 + "工业"):
        assert fast.scan(text) == reference_scan(reference, text)


# Units that hold English names glued to Chinese (the unit test and the stretch narrowing of a
# unit whose spans lookup_mixed may look up with a Chinese name in place of an English one):
# English names whose Chinese names make a name with what follows (CASIC集团), places (Beijing:
# droppable characters only), Latin words holding a name (xCASICy), runs of digits and joiners,
# Han characters of keys, droppable ones (中国, 集团, 北京) and others (的, 说).
_GLUED = st.sampled_from([
    "CASIC", "CASC", "CSF", "NWPU", "xCASICy", "CASIC2", "2CASIC", "Co.", "foo", ".", "-", "_", "2020",
    *"西北工业大学航天科工集团中国基金会二院北京天兵科技有限公司研究所的了说与", "西工大", "航天科工",
    "中国航天基金会", "北京天兵科技有限公司", "集团", "有限公司", "航天", "基金会", "西北", "工业大学",
    "强度", "环境研究所"])
_glued_texts = st.lists(st.tuples(st.lists(_GLUED, max_size=8).map("".join),
                                  st.sampled_from(["，", "。", " ", "電", ""])), max_size=6).map(
    lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_glued_texts)
def test_english_names_glued_to_chinese_are_found_as_the_simple_path_finds_them(indexes, text):
    fast, reference = indexes
    expected = reference_scan(reference, text)
    assert fast.scan(text) == expected
    assert fast.scan(text) == expected  # and again, from the memos


@pytest.fixture(scope="module")
def shipped_indexes(index):
    """The shipped glossary's Chinese tables, as built and with every character test off."""
    reference = ChineseIndex(index)
    reference.name_chars = _Everything()
    reference.key_anchors = None
    return ChineseIndex(index), reference


def _shipped_pieces(ci: ChineseIndex) -> list[str]:
    """English names of the shipped glossary with Chinese names, some of those Chinese names,
    their characters, words around them, and English names with what makes a name of their
    Chinese replacement (CASIC with 二院: 航天科工二院)."""
    english, chinese, glued = [], [], []
    entities = ci.index.entities
    for i, e in enumerate(entities):
        zh = list(e.chinese_names())
        if not zh:
            continue
        chinese += zh[:1]
        words = [a for a in (*e.abbreviations, e.name) if " " not in a]
        english += words[:1]
        for other in entities:
            for name in other.chinese_names():
                glued += [(w, name[len(r) :]) for r in ci._replacements(i) for w in words[:1]
                          if name.startswith(r) and len(name) > len(r)]
    return [*english[::7], *chinese[::9], *"".join(chinese[::31]), *(p for pair in glued[::5] for p in pair),
            "的", "与", "表示", "说", "工", "完工", "会上", "二院", "集团", "有限公司", "中国", "北京",
            "Beijing", "Shanghai", ".", "-", "2020", "x"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mixed_text_on_the_shipped_glossary(shipped_indexes, data):
    fast, reference = shipped_indexes
    pieces = _shipped_pieces(fast)
    text = data.draw(st.lists(st.tuples(st.lists(st.sampled_from(pieces), max_size=8).map("".join),
                                        st.sampled_from(["，", "。", " ", ""])), max_size=5).map(
        lambda parts: "".join(a + b for a, b in parts)))
    assert fast.scan(text) == reference_scan(reference, text)


def test_an_english_name_whose_chinese_name_makes_a_name_with_the_text_around_it():
    # KPW is 鲲鹏: "KPW动力研究所" names 鲲鹏动力研究所 and "云海KPW实验室" 云海鲲鹏实验室, though
    # the characters around KPW hold those of no key on their own (the unit test must not skip them)
    from aeronorm import Glossary, Normalizer

    index = Normalizer(Glossary.from_records([
        {"id": "kp", "name": "Kunpeng Works", "zh": "鲲鹏", "abbreviations": ["KPW"]},
        {"id": "kp-power", "name": "Kunpeng Power Institute", "zh": "鲲鹏动力研究所"},
        {"id": "yh-kp", "name": "Yunhai Kunpeng Laboratory", "zh": "云海鲲鹏实验室"},
    ])).index
    fast, reference = ChineseIndex(index), ChineseIndex(index)
    reference.name_chars = _Everything()
    reference.key_anchors = None
    ids = [e.id for e in index.entities]
    for text, name, entity in (("据报道，KPW动力研究所的专家说。", "KPW动力研究所", "kp-power"),
                               ("云海KPW实验室表示", "云海KPW实验室", "yh-kp"),
                               ("KPW-2动力研究所", "KPW-2动力研究所", None),
                               ("KPW的专家", None, None)):
        found = fast.scan(text)
        assert found == reference_scan(reference, text)
        if name is None:
            assert all(text[s:e] != "KPW" for s, e, _ in found)
        elif entity is not None:
            assert [(text[s:e], ids[next(iter(h.ids))]) for s, e, h in found] == [(name, entity)]


def test_the_tables_a_saved_index_holds_have_no_big_int(shipped_indexes):
    # a saved index writes an int past 64 bits in decimal, which Python refuses past 4,300 digits
    # (the keys of 10,000 entities): the keys holding each character are kept packed, their ints
    # only in a memo (memos travel empty)
    from aeronorm.caching import BoundedCache

    fast, _ = shipped_indexes
    fast.scan("据报道，CASIC与西北工业大学的专家说，航天科工二院。")
    assert len(fast.key_chars) > 64  # an int of the keys holding a character has more bits
    seen: set[int] = set()

    def small(value) -> bool:
        if isinstance(value, BoundedCache) or id(value) in seen:
            return True
        seen.add(id(value))
        if isinstance(value, int):
            return -(1 << 63) <= value < (1 << 63)
        if isinstance(value, dict):
            return all(small(k) and small(v) for k, v in value.items())
        if isinstance(value, (list, tuple, set, frozenset)):
            return all(map(small, value))
        return True

    assert all(small(value) for name, value in vars(fast).items() if name != "index")
