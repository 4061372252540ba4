"""Every score and cost of the matcher, in one frozen object.

A score says how sure a stage is of its answer; the same threshold must mean the same at every
stage, so all of them live here, beside the costs of the fuzzy comparison that produce the
fuzzy stage's scores. :class:`Calibration` is passed to every stage; ``Normalizer(threshold=...,
margin=...)`` derives one from :data:`DEFAULT_CALIBRATION`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from numbers import Real

from ..lexicon import Kind

__all__ = ["DEFAULT_CALIBRATION", "Calibration"]


def _by_kind(name: float, number: float, place: float, generic: float, legal: float) -> dict[Kind, float]:
    return {Kind.NAME: name, Kind.NUMBER: number, Kind.PLACE: place, Kind.GENERIC: generic, Kind.LEGAL: legal}


@dataclass(frozen=True)
class Calibration:
    """Scores and costs. Scores are in 0..1; an answer is accepted at ``threshold`` or above.

    Attributes
    ----------
    threshold : float
        Minimum score to accept an answer.
    margin : float
        How far the fuzzy stage's best entity must lead the next one.
    exact : float
        A written form of the entity, folded.
    concept : float
        Every informative word agrees up to translation (concept stage; concept mentions in text).
    company_form : float
        Only the company form tells a group from its company (concept stage).
    abbreviation_given, abbreviation_derived : float
        An acronym the glossary gives; one derived from a name's initials (four letters or more,
        one entity's only).
    abbreviation_known : float
        An acronym that a known body goes by (a shipped glossary's, or ``known_acronyms.yaml``'s),
        for the glossary's entity that is that body.
    abbreviation_derived_word, abbreviation_derived_short : float
        A derived acronym that is also an English word (``CAST``), or of three letters or fewer:
        evidence, not an answer (the world has far more entities than the glossary).
    chinese : dict
        Chinese stage, by how much of the two names was set aside to make them equal.
    pinyin, pinyin_derived, pinyin_repaired : float
        A full pinyin key; a syllable abbreviation or brand; a key mended by one letter.
    aligned, aligned_repaired : float
        A Chinese name covered word by word, part pinyin, part translation; with one letter
        of a long pinyin run mended.
    person : dict
        Personal names, by the romanisation they were read in.
    kind_weight : dict
        How much a token of each kind counts in fuzzy comparison, before IDF.
    omission_cost : dict
        Share of a name token's weight lost when a query omits it, by kind.
    person_omission_cost : dict
        The same for personal names: a given name alone is not the person.
    extra_cost : dict
        Cost of a query word the name lacks, by kind.
    parent_cost : float
        Share of a token's weight lost when one side states a parent organisation ("X, CAS")
        and the other leaves it out.
    contained : float
        A query whose words all belong to one name, one of them a proper name only it has.
    extra_name_share : float
        A naming word of the query that the name lacks, weighing at least this share of the
        query's weightiest word the name has, names another entity ("China Medical Astronaut
        Center" is not the Astronaut Center); a lighter one is only a cost.
    full : float
        The fuzzy stage's ceiling (never more than a concept-key match).
    retranslation_discount : float
        A match found through a machine translation, relative to the same match found directly.
    typo_weight : float
        A match found after reading a typo: its score times ``1 - typo_weight * cost``, where the
        cost is the share of the mended words' letters that the reading changed.
    span_fuzzy_min : float
        Lowest fuzzy score at which a capitalised span of running text is kept.
    template : float
        A title template whose words are all written and whose slot holds a place (template stage).
    title_of_body : float
        A title written with the body it is the post of, both as the glossary writes them
        ("Deputy Director of CNSA"; template stage).
    """

    threshold: float = 0.8
    margin: float = 0.05
    exact: float = 1.0
    concept: float = 0.97
    company_form: float = 0.93
    abbreviation_given: float = 1.0
    abbreviation_derived: float = 0.9
    abbreviation_known: float = 0.95
    abbreviation_derived_word: float = 0.75
    abbreviation_derived_short: float = 0.6
    chinese: dict[str, float] = field(
        default_factory=lambda: {"exact": 1.0, "core": 0.95, "loose": 0.9, "embedded": 0.9})
    pinyin: float = 0.93
    pinyin_derived: float = 0.88
    pinyin_repaired: float = 0.86
    aligned: float = 0.93
    aligned_repaired: float = 0.86
    person: dict[str, float] = field(default_factory=lambda: {"pinyin": 0.95, "wade-giles": 0.92})
    kind_weight: dict[Kind, float] = field(default_factory=lambda: _by_kind(1.0, 1.0, 0.6, 0.3, 0.0))
    omission_cost: dict[Kind, float] = field(default_factory=lambda: _by_kind(0.45, 1.0, 0.25, 0.25, 0.0))
    person_omission_cost: dict[Kind, float] = field(
        default_factory=lambda: _by_kind(1.0, 1.0, 0.25, 0.25, 0.0))
    extra_cost: dict[Kind, float] = field(default_factory=lambda: _by_kind(1.5, 1.5, 1.5, 0.5, 0.0))
    parent_cost: float = 0.25
    contained: float = 0.82
    extra_name_share: float = 0.5
    full: float = 0.97
    retranslation_discount: float = 0.95
    typo_weight: float = 0.5
    span_fuzzy_min: float = 0.85
    template: float = 0.97
    title_of_body: float = 0.95

    def __post_init__(self) -> None:
        for name in ("threshold", "margin"):
            value = getattr(self, name)
            # any real number (numpy's float32, Decimal, Fraction), kept as a float; not a bool
            if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
                raise TypeError(f"{name} must be a number, not {value.__class__.__name__}: {value!r}")
            if value.__class__ is not float:
                object.__setattr__(self, name, float(value))
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be within 0..1 (0 <= threshold <= 1), got {self.threshold!r}")
        if not 0.0 <= self.margin < 1.0:
            raise ValueError(f"margin must be within 0..1, below 1 (0 <= margin < 1), got {self.margin!r}")

    def with_options(self, *, threshold: float | None = None, margin: float | None = None) -> Calibration:
        """This calibration with another threshold and/or margin."""
        changes = {k: v for k, v in (("threshold", threshold), ("margin", margin)) if v is not None}
        return replace(self, **changes) if changes else self


#: The calibration aeronorm ships with.
DEFAULT_CALIBRATION = Calibration()
