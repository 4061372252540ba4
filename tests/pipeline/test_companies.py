"""aeronorm.pipeline.companies: an entity is a company when one of its names ends in a company
form. Invented entities."""

from __future__ import annotations

import pytest

from aeronorm.glossary.entity import Entity
from aeronorm.glossary.glossary import shipped_terms
from aeronorm.lexicon import TermLexicon
from aeronorm.pipeline.companies import is_company


@pytest.fixture(scope="module")
def lex() -> TermLexicon:
    return TermLexicon(shipped_terms())


@pytest.mark.parametrize(("entity", "expected"), [
    (Entity("a", "Orion Rocket Co., Ltd."), True),
    (Entity("b", "Orion Rocket Co., Ltd. (Beijing)"), True),  # an aside after the form
    (Entity("c", "Orion Rocket", zh="猎户座火箭有限公司"), True),  # the Chinese name says it
    (Entity("d", "Orion Rocket", zh="猎户座火箭（北京）有限公司"), True),
    (Entity("e", "Orion Space Group"), True),
    (Entity("f", "Fifth Academy", zh="第五研究院",
            aliases=("Orion Rocket Corporation Fifth Academy",)), False),  # a parent's form inside
    (Entity("g", "Orion University", zh="猎户座大学"), False),
])
def test_a_company_is_named_with_its_company_form_last(lex, entity, expected):
    assert is_company(entity, lex) is expected


def test_a_works_is_an_enterprise(lex):
    assert is_company(Entity("w", "Orion Rocket Works", zh="猎户座火箭厂"), lex)
