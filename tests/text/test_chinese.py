"""aeronorm.text.zh and .segment: traditional -> simplified, folding, aeronorm's jieba tokenizer."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading

import pytest

from aeronorm.resources import load_chinese_words as chinese_words
from aeronorm.text.segment import ChineseTokenizer, jieba_tag
from aeronorm.text.zh import compact_han, fold_han, to_simplified


# -- conversion and folding ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("中國航天科工集團", "中国航天科工集团"),
        ("張克儉", "张克俭"),
        ("錢學森", "钱学森"),
        ("西北工業大學", "西北工业大学"),
        ("航天科工", "航天科工"),
        ("Space 航天", "Space 航天"),
    ],
)
def test_to_simplified(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_to_simplified_leaves_non_han_text_alone():
    assert to_simplified("CASIC Second Academy") == "CASIC Second Academy"


@pytest.mark.parametrize(
    "text",
    [
        "中國航天科工集團（ＣＡＳＩＣ）",
        "張克儉局長",
        "據報道，西北工業大學…",
        "Ｘｉ’ａｎ 二院",
        "㈱航天",
        "中国",
    ],
)
def test_fold_han_keeps_every_position(text):
    folded = fold_han(text)
    assert len(folded) == len(text)


def test_fold_han_folds_width_brackets_and_script():
    assert fold_han("中國航天科工集團（ＣＡＳＩＣ）") == "中国航天科工集团(CASIC)"


def test_fold_han_keeps_characters_whose_folding_would_change_length():
    assert fold_han("㈱航天") == "㈱航天"  # NFKC would make three characters of ㈱


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        ("九天微星 (上海)航天科 技有限公司", "九天微星上海航天科技有限公司"),
        ("中國航天科工集團·二院", "中国航天科工集团二院"),
        ("ＣＡＳＩＣ　二院", "casic二院"),
    ],
)
def test_compact_han(text, compact):
    assert compact_han(text) == compact


def test_chinese_words_are_data():
    words = chinese_words()
    assert "中国" in words.scope_words
    assert "自治区" in words.admin_suffixes
    assert "同志" in words.honorifics


@pytest.mark.parametrize(
    ("etype", "tag"), [("org", "nt"), ("person", "nr"), ("place", "ns"), ("award", "nz")]
)
def test_jieba_tag(etype, tag):
    assert jieba_tag(etype) == tag


# -- the tokenizer -------------------------------------------------------------------------------
def test_tokenizer_is_lazy_and_keeps_user_words_whole():
    tok = ChineseTokenizer([("航天科工二院", "nt"), ("张克俭", "nr")])
    assert not tok.loaded
    assert "航天科工二院" in tok.cut("航天科工二院的专家张克俭来了")
    assert "张克俭" in tok.cut("航天科工二院的专家张克俭来了")
    assert tok.loaded
    assert tok.tag("张克俭") == "nr"
    assert tok.tag("航天科工二院") == "nt"


def test_tokenizer_spans_point_into_the_text():
    tok = ChineseTokenizer([("天兵科技", "nt")])
    text = "北京天兵科技有限公司发射成功"
    for word, start, end in tok.tokenize(text):
        assert text[start:end] == word


def test_tokenizer_skips_words_jieba_cannot_hold():
    tok = ChineseTokenizer([("知一航宇（北京）科技", "nt"), ("航天 科工", "nt"), ("航天科工", "nt")])
    assert tok.user_words == [("航天科工", "nt")]


def test_tokenizer_loads_silently_and_leaves_jieba_default_alone(capfd):
    import jieba

    logger = logging.getLogger("jieba")
    level, handlers = logger.level, list(logger.handlers)
    default_freq = dict(jieba.dt.FREQ)
    tok = ChineseTokenizer([("航天科工三院", "nt")])
    tok.cut("航天科工三院")
    captured = capfd.readouterr()
    assert "jieba" not in captured.err and "Prefix dict" not in captured.err
    assert "Loading model" not in captured.err
    assert logger.level == level and logger.handlers == handlers
    assert dict(jieba.dt.FREQ) == default_freq  # the global tokenizer learned nothing
    assert "航天科工三院" not in jieba.dt.FREQ


def test_tokenizer_is_built_once_under_concurrent_first_use():
    tok = ChineseTokenizer([("西北工业大学", "nt")])
    results: list[list[str]] = []
    built: list[object] = []

    def work():
        results.append(tok.cut("西北工业大学的学生"))
        built.append(tok._jieba())

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
    assert all(b is built[0] for b in built)
    assert tok.load_seconds is not None and tok.load_seconds < 10


def test_tokenizer_full_dictionary_option():
    tok = ChineseTokenizer([("天兵科技", "nt")], full_dictionary=True)
    assert "天兵科技" in tok.cut("天兵科技的火箭")


# -- laziness ------------------------------------------------------------------------------------
def test_no_jieba_and_no_opencc_without_chinese_input():
    code = textwrap.dedent(
        """
        import sys
        from aeronorm import Glossary, Normalizer
        n = Normalizer(Glossary.from_records([
            {"id": "nwpu", "name": "Northwestern Polytechnical University", "zh": "西北工业大学"},
            {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"}]))
        for q in ["Northwestern Polytechnic University", "Xibei Gongye Daxue", "Kejian Zhang", "NWPU"]:
            n.match(q)
        print("jieba" in sys.modules, "opencc" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    assert out.stderr == ""


def test_chinese_input_loads_jieba_only_when_the_tables_do_not_settle_it():
    code = textwrap.dedent(
        """
        import sys
        from aeronorm import Glossary, Normalizer
        n = Normalizer(Glossary.from_records([
            {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"}]))
        assert n.match("張克儉").entity_id == "zkj"
        print("jieba" in sys.modules)
        assert n.match("张克俭同志").entity_id == "zkj"
        print("jieba" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
    assert out.stderr == ""
