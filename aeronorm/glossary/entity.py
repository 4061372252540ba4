"""The records a glossary holds: entities and terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["ENTITY_TYPES", "Entity", "Term", "check_entity_type"]

#: The entity types aeronorm knows. ``Normalizer.match(..., type=...)`` filters on them.
ENTITY_TYPES: tuple[str, ...] = ("org", "person", "place", "event", "program", "award", "title", "term")


def check_entity_type(value: object) -> str:
    """``value`` when it is one of :data:`ENTITY_TYPES`; a :class:`ValueError` naming them otherwise.

    Examples
    --------
    >>> check_entity_type("org")
    'org'
    >>> check_entity_type("company")
    Traceback (most recent call last):
    ...
    ValueError: unknown type 'company'; allowed types: org, person, place, event, program, award, title, term
    """
    if value not in ENTITY_TYPES:
        raise ValueError(f"unknown type {value!r}; allowed types: {', '.join(ENTITY_TYPES)}")
    return value  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Entity:
    """One named thing: its canonical English name and every other way of writing it.

    Attributes
    ----------
    id : str
        Stable identifier (``"casic"``, ``"person-zhang-kejian"``).
    name : str
        Canonical English name, what ``normalize`` returns.
    type : str
        One of :data:`ENTITY_TYPES`.
    zh : str
        Full simplified Chinese name, ``""`` when unknown.
    aliases : tuple of str
        Other English renderings (variants, former names, mistranslations seen in use).
    abbreviations : tuple of str
        English acronyms and short forms (``CASIC``).
    zh_aliases : tuple of str
        Chinese short forms (``航天科工``).
    context_aliases : tuple of str
        Descriptions that name the entity only once a text has introduced it ("the alliance",
        "the city"). Kept as facts; never matched on their own.
    parent : str or None
        Id of the owning or supervising entity.
    source : str
        Where the facts come from.
    notes : str
        Free facts (founding date, caveats).
    origin : str
        ``file:line`` (or ``<records>[i]``) where the entry was defined; for error messages.
    """

    id: str
    name: str
    type: str = "org"
    zh: str = ""
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    zh_aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    parent: str | None = None
    source: str = ""
    notes: str = ""
    origin: str = field(default="", compare=False)

    def forms(self) -> Iterator[tuple[str, str]]:
        """Every written form with its label: ``name``, ``alias``, ``abbreviation``, ``zh``,
        ``zh_alias`` (context aliases are not forms: they never name the entity alone).

        Examples
        --------
        >>> list(Entity("nwpu", "Northwestern Polytechnical University", zh="西北工业大学",
        ...             abbreviations=("NWPU",)).forms())
        [('name', 'Northwestern Polytechnical University'), ('abbreviation', 'NWPU'), ('zh', '西北工业大学')]
        """
        yield "name", self.name
        for a in self.aliases:
            yield "alias", a
        for a in self.abbreviations:
            yield "abbreviation", a
        if self.zh:
            yield "zh", self.zh
        for a in self.zh_aliases:
            yield "zh_alias", a

    def english_names(self) -> tuple[str, ...]:
        """Canonical name first, then aliases (abbreviations excluded)."""
        return (self.name, *self.aliases)

    def chinese_names(self) -> tuple[str, ...]:
        """Full Chinese name first (when known), then Chinese short forms."""
        return ((self.zh,) if self.zh else ()) + self.zh_aliases


@dataclass(frozen=True, slots=True)
class Term:
    """A Chinese word or morpheme and the English words it is rendered as inside names.

    ``Term("航天", ("aerospace", "space", "astronautics"))`` makes those English words one
    *concept* for matching.
    """

    zh: str
    renderings: tuple[str, ...]
    notes: str = ""
    origin: str = field(default="", compare=False)
