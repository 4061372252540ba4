"""Glossary lint: each check, severities, and linting files that do not load."""

from __future__ import annotations

from aeronorm.glossary import Glossary, LintIssue, lint_files


def codes(issues: list[LintIssue]) -> list[str]:
    return [i.code for i in issues]


def test_clean_glossary_has_no_issues():
    g = Glossary.from_records([{"id": "a", "name": "Alpha", "zh": "甲"},
                               {"id": "b", "name": "Beta", "zh": "乙", "parent": "a"}])
    assert g.lint() == []


def test_shared_alias_english():
    g = Glossary.from_records([
        {"id": "a", "name": "Alpha", "zh": "甲", "abbreviations": "CAST"},
        {"id": "b", "name": "Beta", "zh": "乙", "aliases": "cast"},
    ])
    (issue,) = g.lint()
    assert issue.code == "shared-alias" and issue.severity == "warning"
    assert issue.entity_ids == ("a", "b") and issue.origin == "<records>[1]"
    assert "'cast'" in issue.message


def test_shared_alias_chinese():
    g = Glossary.from_records([
        {"id": "a", "name": "Alpha", "zh": "甲院", "zh_aliases": "一院"},
        {"id": "b", "name": "Beta", "zh": "乙院", "zh_aliases": ["一院"]},
    ])
    assert [(i.code, i.entity_ids) for i in g.lint()] == [("shared-alias", ("a", "b"))]


def test_alias_is_other_name():
    g = Glossary.from_records([
        {"id": "casc", "name": "China Aerospace Science and Technology Corporation", "zh": "甲"},
        {"id": "casic", "name": "CASIC", "zh": "乙",
         "aliases": "china aerospace science & technology corporation"},
        {"id": "x", "name": "X", "zh": "丙", "zh_aliases": "甲"},
    ])
    issues = g.lint()
    assert codes(issues) == ["alias-is-other-name", "alias-is-other-name"]
    assert issues[0].entity_ids == ("casc", "casic") and issues[0].origin == "<records>[1]"
    assert issues[1].entity_ids == ("casc", "x")
    assert issues[1].message.endswith("an alias of another entity: x (zh_alias '甲')")  # not casc itself


def test_unknown_parent():
    g = Glossary.from_records([{"id": "a", "name": "A", "zh": "甲", "parent": "casc"}])
    (issue,) = g.lint()
    assert (issue.code, issue.severity, issue.entity_ids) == ("unknown-parent", "error", ("a",))
    assert "'casc'" in issue.message


def test_parent_cycles_reported_once_each():
    g = Glossary.from_records([
        {"id": "a", "name": "A", "zh": "甲", "parent": "b"},
        {"id": "b", "name": "B", "zh": "乙", "parent": "a"},
        {"id": "c", "name": "C", "zh": "丙", "parent": "a"},  # leads into the cycle, not part of it
        {"id": "s", "name": "S", "zh": "丁", "parent": "s"},
    ])
    issues = g.lint()
    assert codes(issues) == ["parent-cycle", "parent-cycle"]
    assert set(issues[0].entity_ids) == {"a", "b"} and "a -> b -> a" in issues[0].message
    assert issues[1].entity_ids == ("s",)


def test_missing_zh_is_info_and_errors_come_first():
    g = Glossary.from_records([{"id": "a", "name": "A"}, {"id": "b", "name": "B", "zh": "乙", "parent": "z"}])
    issues = g.lint()
    assert [(i.code, i.severity) for i in issues] == [("unknown-parent", "error"), ("missing-zh", "info")]


def test_issue_str():
    issue = LintIssue("unknown-parent", "bad parent", "f.yaml:3", ("a",))
    assert str(issue) == "f.yaml:3: error: bad parent [unknown-parent]"


def test_lint_files_reports_every_bad_entry_and_lints_the_rest(tmp_path):
    path = tmp_path / "orgs.yaml"
    path.write_text(
        "entities:\n"
        "  - {id: a, name: A, zh: 甲, abbreviations: AB}\n"
        "  - {id: b, alias: B}\n"
        "  - {id: c, name: C, zh: 丙, aliases: AB, parent: nowhere}\n"
        "  - {id: d, name: D, type: company}\n",
        "utf-8",
    )
    issues = lint_files(path)
    assert [(i.code, i.origin) for i in issues if i.code == "malformed"] == [
        ("malformed", f"{path}:3"), ("malformed", f"{path}:5")]
    assert "unknown field 'alias'" in issues[0].message and issues[0].entity_ids == ("b",)
    assert "entry 'b'" in issues[0].message and str(path) not in issues[0].message
    assert set(codes(issues)) == {"malformed", "unknown-parent", "shared-alias"}
    severities = [i.severity for i in issues]
    assert severities == sorted(severities, key=["error", "warning"].index)


def test_lint_files_syntax_error_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: a\n    name: A\n    name: B\n", "utf-8")
    issues = lint_files(bad, tmp_path / "missing.csv")
    assert codes(issues) == ["malformed", "malformed"]
    assert issues[0].origin == f"{bad}:4" and "duplicate key 'name'" in issues[0].message
    assert "missing.csv" in issues[1].origin


def test_lint_files_gbk(tmp_path):
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("id,name,zh\na,A,航天\n".encode("gbk"))
    (issue,) = lint_files(gbk)
    assert issue.code == "malformed" and "UTF-8" in issue.message and issue.origin == f"{gbk}:2"


def test_lint_files_duplicate_id_across_files(tmp_path):
    (tmp_path / "a.csv").write_text("id,name,zh\nx,X,甲\n", "utf-8")
    (tmp_path / "b.csv").write_text("id,name,zh\nx,X2,甲\n", "utf-8")
    issues = lint_files(tmp_path)
    assert codes(issues) == ["duplicate-id"]
    assert issues[0].origin == f"{tmp_path / 'b.csv'}:2" and "a.csv:2" in issues[0].message


def test_lint_files_against_a_base(tmp_path):
    ext = tmp_path / "ext.csv"
    ext.write_text("id,name,zh,parent,abbreviations\nnew-co,New Co,新公司,casic,CAST\n", "utf-8")
    assert codes(lint_files(ext)) == ["unknown-parent"]
    issues = lint_files(ext, base=Glossary.default())
    # the parent resolves in the base; only the clash involving the new entity is reported
    assert codes(issues) == ["shared-alias"]
    assert issues[0].entity_ids == ("cast", "cast-association", "new-co")


def test_a_file_replacing_a_base_entity_and_dropping_its_names_is_a_warning(tmp_path):
    base = Glossary.from_records([
        {"id": "vega", "name": "Vega Works", "zh": "织女工坊", "aliases": ["Vega Wks"]}])
    ext = tmp_path / "ext.csv"
    ext.write_text("id,name,zh\nvega,VW,织女\n", "utf-8")
    issues = lint_files(ext, base=base)
    assert codes(issues) == ["duplicate-id"]
    assert "replaces" in issues[0].message and "'Vega Works'" in issues[0].message
    # a replacement that keeps every name (a reviewed draft adding aliases) is no news
    ext.write_text("id,name,zh,aliases\nvega,Vega Works,织女工坊,Vega Wks|Vega Workshop\n", "utf-8")
    assert "duplicate-id" not in codes(lint_files(ext, base=base))


def test_a_bracketed_note_in_a_name_or_alias_is_a_warning():
    g = Glossary.from_records([
        {"id": "d", "name": "Director (board member)", "type": "title", "zh": "董事"},
        {"id": "a", "name": "Vega Pact", "aliases": ["Vega Pact (2021)"], "type": "event", "zh": "织女协议"},
        # an aside the Chinese name has too, and a place: part of the name
        {"id": "p", "name": "GalaxyWorks (Beijing) Co., Ltd.", "zh": "银河工坊(北京)有限公司"},
        {"id": "q", "name": "Orion Space (Shenzhen) Technology", "zh": "猎户空间科技"},  # a place
        {"id": "r", "name": "Vega Forum", "description": "held in 2021 (the second)", "zh": "织女论坛"},
    ])
    notes = [i for i in g.lint() if i.code == "bracketed-note"]
    assert [(i.entity_ids, i.severity) for i in notes] == [(("d",), "warning"), (("a",), "warning")]
    assert "'board member'" in notes[0].message and "description" in notes[0].message


def test_a_numbered_alias_of_a_family_is_a_warning():
    g = Glossary.from_records([
        {"id": "orion", "name": "Orion", "zh": "猎户", "aliases": ["Orion-3", "Orion probes"]},
        {"id": "vega", "name": "Vega", "zh": "织女", "zh_aliases": ["织女二号"]},
        {"id": "lyra-2f", "name": "Lyra 2F", "zh": "天琴二号F", "aliases": ["Lyra-2F"]},  # a model's own
    ])
    issues = [i for i in g.lint() if i.code == "numbered-alias"]
    assert [(i.entity_ids, i.severity) for i in issues] == [(("orion",), "warning"), (("vega",), "warning")]
    assert "'Orion-3'" in issues[0].message and "织女二号" in issues[1].message


def test_the_shipped_families_have_their_numbered_models_apart():
    assert not [i for i in Glossary.default().lint() if i.code == "numbered-alias"]


def test_a_location_that_is_no_known_place_is_a_warning():
    g = Glossary.from_records([
        {"id": "a", "name": "Orion Works", "zh": "猎户工坊", "location": ["Xi'an", "陕西"]},
        {"id": "b", "name": "Vega Works", "zh": "织女工坊", "location": "Atlantis"},
    ])
    issues = [i for i in g.lint() if i.code == "unknown-location"]
    assert [(i.entity_ids, i.severity) for i in issues] == [(("b",), "warning")]
    assert "'Atlantis'" in issues[0].message


def test_a_location_the_matcher_reads_is_no_warning():
    """rt48u #5: 北京市, 'Beijing Municipality', 'Haidian District' and 'Beijing, Shanghai' were
    'no place aeronorm knows', yet the matcher read each (an address there matched)."""
    read = ["北京市", "Beijing Municipality", "Haidian District", "Beijing, Shanghai", "Beijing\nShanghai",
            "陕西省", "xian", "PEKING", "Xi'an; Mianyang"]
    places = [*read, "Atlantis", "China", "Tsinghua University"]
    g = Glossary.from_records([{"id": f"e{i}", "name": f"Orion Works {i}", "zh": "猎户工坊",
                                "location": place} for i, place in enumerate(places)])
    issues = [i for i in g.lint() if i.code == "unknown-location"]
    assert [i.entity_ids for i in issues] == [(f"e{i}",) for i in range(len(read), len(read) + 3)]


def test_the_location_check_reads_as_the_lexicon_reads():
    """unknown-location agrees with the term lexicon, which the matcher reads a location with:
    every place of places.yaml, with its level, upper case, in a list, and a few that are none."""
    from aeronorm.glossary import shipped_terms
    from aeronorm.glossary.lint import reads_as_place
    from aeronorm.lexicon.lexicon import Kind, TermLexicon
    from aeronorm.resources import load_places
    from aeronorm.text.fold import has_han

    lex = TermLexicon(shipped_terms())
    probes = ["Atlantis", "Off", "City", "Moon", "China", "中国", "月球", "Great Wall", "长城",
              "Harbin Institute", "Beijing, Shanghai", "Xi'an; Mianyang", "Zhongguancun", "中关村"]
    for zh, ens in load_places():
        probes += [zh, zh + "市", zh + "省", zh + "区", "中国" + zh]
        for en in ens:
            probes += [en, en.upper(), en.title() + " City", en.title() + " District",
                       en.title() + " Municipality", f"{en.title()} Province", f"Atlantis, {en}"]
    disagree = [p for p in probes if reads_as_place(p) != any(
        t.kind == Kind.PLACE for t in (lex.read_zh(p) if has_han(p) else lex.read(p)))]
    assert disagree == []


def test_a_replacement_that_drops_the_location_is_named(tmp_path):
    """rt48u #5: tsinghua with every name but no location linted clean, and its address lines
    stopped matching."""
    base = Glossary.from_records([{"id": "vega", "name": "Vega Works", "zh": "织女工坊",
                                   "location": ["Beijing", "Xi'an"]}])
    ext = tmp_path / "ext.yaml"
    ext.write_text("entities:\n  - id: vega\n    name: Vega Works\n    zh: 织女工坊\n    location: Xi'an\n",
                   "utf-8")
    (issue,) = lint_files(ext, base=base)
    assert issue.code == "duplicate-id"
    assert "its location 'Beijing' is gone: repeat it" in issue.message and "names" not in issue.message
    ext.write_text("entities:\n  - id: vega\n    name: VW\n    zh: 织女工坊\n", "utf-8")
    (issue,) = lint_files(ext, base=base)
    assert "1 of its names ('Vega Works') and its location 'Beijing', \"Xi'an\" are gone" in issue.message
    ext.write_text("entities:\n  - id: vega\n    name: Vega Works\n    zh: 织女工坊\n"
                   "    location: [xi'an, BEIJING]\n", "utf-8")
    assert lint_files(ext, base=base) == []


def test_an_alias_that_reads_as_a_list_is_a_warning(tmp_path):
    """rt46u #7: 'aliases: Moon Bakeries, Lunar Bakery' became one alias, and lint said nothing."""
    g = Glossary.from_records([
        {"id": "mb", "name": "Moon Bakery Co.", "zh": "甲", "aliases": "Moon Bakeries, Lunar Bakery"},
        {"id": "sb", "name": "Star Bakery", "zh": "乙", "aliases": ["Star Bakeries;Stellar Bakery"]},
        {"id": "ab", "name": "Alpha Bakery", "zh": "丙", "abbreviations": "ABK, ALB"},
        {"id": "zb", "name": "Zeta Bakery", "zh": "丁", "zh_aliases": "甲面包、乙面包"},
        {"id": "pb", "name": "Pi Bakery", "zh": "戊", "aliases": "Pi Bakery, Pi Bakehouse"},
    ])
    issues = [i for i in g.lint() if i.code == "list-like-alias"]
    assert [i.entity_ids for i in issues] == [("mb",), ("sb",), ("ab",), ("zb",), ("pb",)]
    assert all(i.severity == "warning" for i in issues)
    assert "'Moon Bakeries', 'Lunar Bakery'" in issues[0].message
    # a comma inside one name is not a list
    g = Glossary.from_records([
        {"id": "x", "name": "X Rocket Group", "zh": "甲",
         "aliases": ["X Rocket Co., Ltd.", "X Rocket Group, Inc."]},
        {"id": "im", "name": "Institute of Mechanics", "zh": "乙",
         "aliases": ["Institute of Mechanics, CAS", "Institute of Mechanics, Chinese Academy of Sciences",
                     "Institute of Mechanics, Chinese Academy of Sciences, Beijing"]},
        {"id": "hs", "name": "Harbin Institute of Technology (Shenzhen)", "zh": "丙",
         "aliases": ["Harbin Institute of Technology, Shenzhen",
                     "School of Astronautics, Beihang University"]},
        {"id": "sa", "name": "State Administration for Science, Technology and Industry for National Defence",
         "zh": "丁", "aliases": ["Science, Technology and Industry Commission for National Defense"]},
    ])
    assert "list-like-alias" not in codes(g.lint())
    path = tmp_path / "g.csv"  # and from a CSV cell
    path.write_text('id,name,zh,aliases\nmb,Moon Bakery Co.,甲,"Moon Bakeries, Lunar Bakery"\n', "utf-8")
    assert codes(lint_files(path)) == ["list-like-alias"]


def test_a_chinese_list_of_one_character_names_or_with_a_full_width_comma_is_a_warning(tmp_path):
    """rt48u #4: the documented 甲、乙 and 长城公司，长城工业 (a full-width comma) passed lint."""
    g = Glossary.from_records([
        {"id": "a", "name": "Alpha Works", "zh_aliases": "甲、乙"},
        {"id": "b", "name": "Beta Works", "zh_aliases": ["长城公司，长城工业"]},
        {"id": "c", "name": "Gamma Works", "zh_aliases": ["长城公司,长城工业"]},
        {"id": "d", "name": "Delta Works", "abbreviations": ["丙，丁"]},
    ])
    issues = [i for i in g.lint() if i.code == "list-like-alias"]
    assert [i.entity_ids for i in issues] == [("a",), ("b",), ("c",), ("d",)]
    assert "('甲', '乙')" in issues[0].message and "('长城公司', '长城工业')" in issues[1].message
    path = tmp_path / "g.csv"  # and from a CSV cell
    path.write_text("id,name,zh_aliases\nm,Moon Bakery,甲、乙\nn,Noon Bakery,长城公司，长城工业\n", "utf-8")
    assert [c for c in codes(lint_files(path)) if c != "missing-zh"] == ["list-like-alias"] * 2
    # one Chinese name, or a Latin name with a full-width comma inside, is not a list
    g = Glossary.from_records([
        {"id": "e", "name": "Eta Works", "zh_aliases": ["长城工业集团有限公司"]},
        {"id": "f", "name": "Theta Rocket Co.，Ltd.", "aliases": ["Theta Rocket Co.，Ltd"]},
    ])
    assert "list-like-alias" not in codes(g.lint())


def test_the_shipped_glossary_has_no_list_like_alias():
    assert "list-like-alias" not in codes(Glossary.default().lint())


def test_an_empty_glossary_file_is_a_warning(tmp_path):
    """rt46u #7: an empty CSV and 'entities:' with nothing under it passed as 0 entities."""
    (tmp_path / "e.csv").write_text("", "utf-8")
    (tmp_path / "h.csv").write_text("id,name\n", "utf-8")
    (tmp_path / "e.yaml").write_text("entities:\n", "utf-8")
    (tmp_path / "ok.yaml").write_text("entities:\n  - {id: a, name: A, zh: 甲}\n", "utf-8")
    issues = lint_files(tmp_path)
    assert [(i.code, i.severity, i.origin.rsplit("/", 1)[-1]) for i in issues] == [
        ("empty", "warning", "e.csv"), ("empty", "warning", "e.yaml"), ("empty", "warning", "h.csv")]
