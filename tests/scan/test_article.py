"""aeronorm.scan.article: the article a full name written over an acronym needs."""

from __future__ import annotations

import pytest

from aeronorm.scan.article import article_before, takes_article


@pytest.mark.parametrize(("name", "takes"), [
    ("Ministry of Orbital Affairs", True),
    ("Orbix National Space Administration", True),
    ("National University of Orbital Technology", True),  # a university with "of" after it
    ("Orbix Institute of Technology", True),
    ("Orbix Polytechnical University", False),  # a university named before its head word
    ("Orbix University", False),
    ("Orbix Space Technology Co., Ltd.", False),  # a company's name
    ("Orbix", False),
])
def test_takes_article(name, takes):
    assert takes_article(name) is takes


@pytest.mark.parametrize(("text", "acronym", "article"), [
    ("It was approved by OSA last year.", "OSA", "the "),
    ("In 2019, OSA approved it.", "OSA", "the "),  # after a comma
    ("OSA approved it.", "OSA", "The "),  # a sentence opens with it
    ("It was late. OSA approved it.", "OSA", "The "),
    ("The OSA approved it.", "OSA", ""),  # an article is there
    ("Its parent, this OSA, approved it.", "OSA", ""),  # a determiner
    ("China's OSA approved it.", "OSA", ""),  # a possessive
    ("the agency (OSA) approved it", "OSA", ""),  # in brackets
    ("the Osa river", "Osa", ""),  # not an acronym
])
def test_article_before(text, acronym, article):
    assert article_before(text, text.index(acronym), acronym, "Orbital Space Administration") == article
