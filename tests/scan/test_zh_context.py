"""aeronorm.scan.zh_context: a Chinese name glued into a longer Chinese name is no mention; the
text keeps what it wrote. Invented sentences, the shipped glossary's names."""

from __future__ import annotations

import pytest

from aeronorm.results import Match, Mention
from aeronorm.scan.zh_context import keep_whole_names


def ids(normalizer, text):
    return [m.entity_id for m in normalizer.find(text)]


@pytest.mark.parametrize(("text", "lost"), [
    ("他出任副董事长一职。", "title-chairman-of-the-board"),  # another post
    ("会议由常务副省长主持。", "title-vice-governor"),
    ("长征五号甲火箭完成总装。", "lm-5"),  # another model
    ("中国航天科技集团第十研究院成立。", "casc"),  # a unit of the name
    ("哈尔滨工业大学（深圳）招生。", "hit"),  # a campus
    ("北京理工大学珠海学院招生。", "bit"),
    ("中共福建省委组织部发文。", "cpc-fujian"),
    ("南京工业大学团队获奖。", "hit"),  # another city's university
    # a place or an organisation glued before a longer name the glossary lacks
    ("北京星尘光电导航技术有限责任公司中标。", "beijing"),
    ("上海月影推进研究所参加了试验。", "shanghai"),
    ("中国科学院空间尘埃与探测中心成立。", "cas"),
    ("中国空间技术研究院北京星尘环境研究所负责。", "cast"),
    # a programme followed by a model's number: another model
    ("长征六号发射成功。", "long-march"),
    ("嫦娥七号将于明年发射。", "change"),
    ("风云三号C卫星入轨。", "fengyun"),
    # a plus policy's name without its plus
    ("我国航天事业发展迅速。", "term-aerospace-plus"),
])
def test_a_name_inside_a_longer_name_is_no_mention(normalizer, text, lost):
    assert lost not in ids(normalizer, text)
    assert str(normalizer.normalize_text(text)) == text or lost not in str(normalizer.normalize_text(text))


@pytest.mark.parametrize(("text", "kept"), [
    ("国家航天局副局长出席。", "cnsa"),  # a post of the name's, after it
    ("中国科学院院长出席。", "cas"),
    ("中国航天科技集团发布了报告。", "casc"),
    ("长征五号发射成功。", "lm-5"),
    ("哈尔滨工业大学团队获奖。", "hit"),
    ("会议在北京中国航天科技集团召开。", "casc"),  # a place before a national body's name
    ("中国航天科工集团第二研究院成立。", "casic-2nd-academy"),  # the unit the glossary has
    ("他在北京参加中国科学院的会议。", "beijing"),  # a name starts in what follows: no longer name
    ("他在北京参加中国科学院的会议。", "cas"),
    ("推动航天+产业融合。", "term-aerospace-plus"),
])
def test_a_name_with_its_own_post_or_verb_after_it_is_still_a_mention(normalizer, text, kept):
    assert kept in ids(normalizer, text)


def test_the_policy_is_a_plain_function_of_the_text_and_the_mentions():
    title = Match("董事长", "t", "Chairman", "title", 1.0, "chinese")
    org = Match("某集团", "o", "Some Group", "org", 1.0, "chinese")
    text = "副董事长某集团第三研究院"
    mentions = [Mention(1, 4, "董事长", title), Mention(4, 7, "某集团", org)]
    assert keep_whole_names(text, mentions) == []
    apart = [Mention(0, 3, "董事长", title), Mention(3, 6, "某集团", org)]
    assert keep_whole_names("董事长某集团", apart) == apart
