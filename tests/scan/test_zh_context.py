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
    ("他任校长（副部长级）。", "title-vice-minister"),  # a rank, not the post
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
    # a place before a bureau, a museum, a base, a branch (its ending alone, after a place)
    ("上海星河推进局成立于六十年代。", "shanghai"),
    ("他参观了武汉航天科普馆。", "wuhan"),
    ("西安国家民用航天产业基地招商。", "xian"),
    ("某研究院西安分院成立。", "xian"),
    # a term in a longer name does not make it two names
    ("上海国家民用航天产业基地招商。", "shanghai"),
    # a place's time zone
    ("北京时间10月31日11时，火箭点火。", "beijing"),
    # a series' satellite after a programme's name
    ("吉林一号高分05A卫星入轨。", "gaofen"),
    ("长征-5遥八火箭。", "long-march"),
    # a name with a place in brackets is one name: its place is no mention
    ("据星轨动力（北京）航天科技有限公司消息。", "beijing"),
    ("据星轨动力（北京）航天科技有限公司消息。", "casc"),
    # a company's full name after a naming word: the tail of another company's name
    ("该卫星由航天东方红卫星有限公司研制。", "china-spacesat"),
    # a station, an office, an association; a form in brackets; a programme before a company's
    # name; a series named by a field's word; a post before a word that makes it another
    ("北京星光测控地面站建成。", "beijing"),
    ("中国卫星星座管理办公室成立。", "china-spacesat"),
    ("北京星河通用(集团)有限公司成立。", "beijing"),
    ("神舟星光传媒公司成立。", "shenzhou"),
    ("遥感四十一号卫星发射成功。", "term-remote-sensing"),
    ("他任总经理助理。", "title-general-manager"),
    ("星光遥感与数字海洋研究所成立。", "term-remote-sensing"),  # a field's word in a name
    ("武汉星光卫星发射中心建成。", "wuhan"),  # 发射 is a word of names as well as a verb
    ("他是一级主任科员。", "title-director"),  # a rank, not the post
    # the field's common nouns alone, read as a body's core, or its name with more such nouns
    ("低轨卫星网络建设加快推进。", "china-satnet"),
    ("我国电子科技水平不断提高。", "cetc"),
    ("兵器工业是国防工业的基础。", "norinco"),
    ("发展电子信息产业集群。", "cec"),
    ("对航天科技创新做出贡献。", "casc"),
    # a name that starts inside a word of the field: 航空航天 ("aerospace")
    ("欧洲国家航空航天局发布声明。", "cnsa"),
    ("建设航空航天强国。", "term-space-power"),
    ("他在航空航天科技领域工作多年。", "casc"),
    # 部长 after a department that is no ministry: the department's head
    ("集团研究发展部副部长王某出席。", "title-vice-minister"),
    ("遥感卫星总体部部长李某介绍。", "title-minister"),
    ("省委组织部部长出席会议。", "title-minister"),
    # a term before 司: a ministry's department
    ("国家航天局设立商业航天司。", "term-commercial-space"),
    # a warship named after a province
    ("福建舰完成海试。", "fujian"),
    # a building or a street named after a body or a programme
    ("会议在神舟大厦举行。", "shenzhou"),
    ("公司搬到了天宫大道。", "tiangong"),
    # a grade of a profession, no post: 主任设计师 "chief designer", 主任医师
    ("他是卫星总体主任设计师。", "title-director"),
    ("她是医院的主任医师。", "title-director"),
    ("这是中国航天科技工业的骨干。", "casc"),
    # a term right before a body's ending: the first word of the body's name
    ("星光自然资源物探遥感中心发布通知。", "term-remote-sensing"),
    ("上海星光新区位于闵行区。", "shanghai"),  # a named new district
    ("他说“长征”九号乙明年首飞。", "long-march"),  # a model's number after a closing quote
    ("据上海日报讯，活动举行。", "shanghai"),  # a newspaper
    ("北京市星光中学举行活动。", "beijing"),  # a school
    ("貴州航天技術研究院召開大會。", "saat"),  # traditional text: a place before, read folded
    ("委托北京星河律师事务所出具意见。", "beijing"),  # a firm of lawyers
    ("上海星光会计师事务所审计。", "shanghai"),  # of accountants
    # a body's given short name made of the field's nouns, after a country's or a region's
    # word: the field of that country, prose
    ("我国航天科技将优先实施重大工程。", "casc"),
    ("全国卫星网络集团化发展。", "china-satnet"),
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
    ("中国航天科技集团和清华大学签约。", "casc"),  # 和: another name follows, not a longer one
    ("北京局势平稳。", "beijing"),  # an ending of one character after a place is a word's too
    ("会议于北京召开，时间是三天。", "beijing"),
    ("银河航天（北京）科技有限公司发布新卫星。", "galaxyspace"),  # the whole name, brackets and all
    ("Officials of 银河航天(北京)科技有限公司 said so.", "galaxyspace"),
    ("该卫星由中国东方红卫星股份有限公司研制。", "china-spacesat"),
    # what follows says so: no longer name runs through 是 or 所属 (name_breaks)
    ("长光卫星是国内第一家商业卫星公司。", "chang-guang"),
    ("中国航天科技集团公司所属星光应用研究院负责。", "casc"),
    # the field's nouns with the company's form, or a name the glossary gives as it is
    ("卫星网络集团发布公告。", "china-satnet"),
    ("航天科工与航天科技签约。", "casc"),
    ("拆分为两大独立央企集团。", "term-central-soe"),  # a term and a company form: prose
    # a filler opens another name, no unit of this one; a common word that ends as a bureau's or
    # a station's name does is no longer name (布局 "layout", 网站 "website")
    ("航天科工集团与高校合作。", "casic"),
    ("航天科工集团战略布局加快。", "casic"),
    ("航天科工集团官方网站发布通知。", "casic"),
    # 部门 is the common noun "department(s)", no unit's name: "CNSA and other departments"
    ("国家航天局等部门联合发布通知。", "cnsa"),
    # a term inside a document's title is a word of it, as of prose
    ("《关于促进商业运载火箭规范有序发展的通知》发布。", "term-launch-vehicle"),
    ("中国科学院有关部门负责人表示。", "cas"),
    # 部长 after a ministry, the glossary's or the State Council's, or alone, is a minister
    ("工业和信息化部部长出席会议。", "title-minister"),
    ("国防部部长会见了代表团。", "title-minister"),
    ("部长表示将加快推进。", "title-minister"),
    ("中组部副部长到会讲话。", "title-vice-minister"),  # the CPC Central Committee's department
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


def test_a_post_after_a_company_form_starts_after_it(normalizer):
    # the form ends the company's name before the post: 有限公司 is no part of 董事长
    found = [(m.text, m.entity_id) for m in normalizer.find("某某航空集团有限公司董事长王某出席。")]
    assert ("董事长", "title-chairman-of-the-board") in found
    assert not any(text.startswith("有限公司") for text, _ in found)


@pytest.mark.parametrize(("text", "span"), [
    # a descriptor after an institution's name opens the next word (技术顾问 "technical adviser")
    ("他担任中国空间技术研究院技术顾问。", "中国空间技术研究院"),
    ("中国科学院空间应用工程与技术中心技术人员参加。", "中国科学院空间应用工程与技术中心"),
])
def test_a_descriptor_after_an_institution_is_the_next_word_s(normalizer, text, span):
    assert [m.text for m in normalizer.find(text) if m.match.type == "org"] == [span]


def test_a_list_s_numbering_glued_to_a_name_is_not_the_name_s(normalizer):
    (m,) = normalizer.find("❶国家航天局")
    assert (m.start, m.text) == (1, "国家航天局")


def test_a_company_s_descriptor_stays_in_its_short_name(normalizer):
    assert [m.text for m in normalizer.find("航天驭星科技发布新产品。")] == ["航天驭星科技"]


def test_the_field_s_names_outside_the_compound_are_found(normalizer):
    assert "cnsa" in ids(normalizer, "国家航天局发布声明。")
    assert "beihang" in ids(normalizer, "北京航空航天大学发布消息。")
    assert "casc" in ids(normalizer, "航空、航天科技集团等单位参加。")


def test_a_bracketed_name_is_found_whole(normalizer):
    (m,) = [m for m in normalizer.find("据银河航天（北京）科技有限公司消息") if m.entity_id == "galaxyspace"]
    assert m.text == "银河航天（北京）科技有限公司"


@pytest.mark.parametrize(("text", "span"), [
    ("助推商业航天发展。", "商业航天"),  # "promote commercial-space development"
    ("发展商业航天国家战略。", "商业航天"),  # 国家 opens the next word, 国家战略
    ("推进空天信息产业高质量发展。", "空天信息"),
    ("设立国家商业航天发展基金。", "商业航天"),  # a scope word before it too
])
def test_a_term_found_with_a_prose_word_after_it_is_the_term(normalizer, text, span):
    terms = [m.text for m in normalizer.find(text) if m.match.type == "term"]
    assert span in terms and all(t == span or span not in t for t in terms)
