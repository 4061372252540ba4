"""The records a glossary holds: entities and terms."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from ..resources import data_yaml, load_autonomous_regions, load_place_levels

__all__ = [
    "BODY_KINDS", "ENTITY_TYPES", "SLOT_KINDS", "Entity", "Term", "body_kind", "body_kind_of_words",
    "check_entity_type", "fill_template", "fits_body", "place_kind", "template_slot", "title_bodies",
]

#: The entity types aeronorm knows. ``Normalizer.match(..., type=...)`` filters on them.
ENTITY_TYPES: tuple[str, ...] = ("org", "person", "place", "event", "program", "award", "title", "term")
#: What may fill the slot of a title template (``{province}``, ``{city}``, ``{place}``: either).
SLOT_KINDS: tuple[str, ...] = ("province", "city", "place")
#: Kinds of body a title may be the post of (:attr:`Entity.bodies`); ``aeronorm/data/bodies.yaml``
#: says how a body's Chinese or English name shows its kind (:func:`body_kind`).
BODY_KINDS: tuple[str, ...] = (
    "administration", "academy", "university", "institute", "company", "ministry", "society", "office",
    "organisation", "province", "region", "city", "program", "government",
)
_SLOT = re.compile(r"\{([a-z]+)\}")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+")
_OF = frozenset({"of", "for", "at", "in", "on"})


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
        Other English renderings (variants, mistranslations seen in use; the English
        :attr:`former_names` too).
    abbreviations : tuple of str
        English acronyms and short forms (``CASIC``).
    zh_aliases : tuple of str
        Chinese short forms (``航天科工``).
    context_aliases : tuple of str
        Descriptions that name the entity only once a text has introduced it ("the alliance",
        "the city"). Kept as facts; never matched on their own (a Chinese one names the entity
        in running text once the text has named the entity: 八院 after 上海航天技术研究院).
    former_names : tuple of str
        Names the entity had before (English or Chinese: "China Aerospace Machinery and
        Electronics Corporation", 1999-2001). Matched as aliases are (each is among
        :attr:`aliases` or :attr:`zh_aliases` too); in running text a former name is found but
        left as written: the text speaks of that time.
    parent : str or None
        Id of the owning or supervising entity.
    source : str
        Where the facts come from.
    notes : str
        Free facts (founding date, caveats).
    description : str
        What tells the entity apart from others written alike ("head of an academy"), for a
        person: shown by ``explain()``, the HTML and the CLI, never written into text.
    templates : tuple of str
        Written forms with one slot (``Secretary of the CPC {province} Provincial Committee``):
        the slot is filled by what the text writes there and kept. The first one is the name
        with its slot; see :func:`fill_template`.
    bodies : tuple of str
        For a title: the kinds of body it is the post of (:data:`BODY_KINDS`), which decide
        between titles written alike ("Vice President" of an academy or of a company).
    location : tuple of str
        Where the body is (its cities or provinces, English or Chinese: ``Beijing``): a place
        written after its name in an address ("Tsinghua University, Beijing 100084, China") is
        where it is, not a branch there; another place still names another body.
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
    former_names: tuple[str, ...] = ()
    parent: str | None = None
    source: str = ""
    notes: str = ""
    description: str = ""
    templates: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    origin: str = field(default="", compare=False)

    def canonical(self, slot: str = "") -> str:
        """The name to write for a mention whose slot holds ``slot`` (the name itself without one).

        Examples
        --------
        >>> e = Entity("t", "Secretary of the CPC Provincial Committee", type="title",
        ...            templates=("Secretary of the CPC {province} Provincial Committee",))
        >>> e.canonical("Fujian"), e.canonical()
        ('Secretary of the CPC Fujian Provincial Committee', 'Secretary of the CPC Provincial Committee')
        """
        if not slot or not self.templates:
            return self.name
        return fill_template(self.templates[0], slot)

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


def template_slot(template: str) -> str | None:
    """The kind of the one slot of ``template``; ``None`` when it has none. A
    :class:`ValueError` when it has several, or a slot of an unknown kind.

    Examples
    --------
    >>> template_slot("Secretary of the CPC {province} Provincial Committee")
    'province'
    >>> template_slot("Governor") is None
    True
    """
    kinds = _SLOT.findall(template)
    if not kinds:
        if "{" in template or "}" in template:
            raise ValueError(f"template {template!r}: a slot is written {{province}}, {{city}} or {{place}}")
        return None
    if len(kinds) > 1:
        raise ValueError(f"template {template!r} has {len(kinds)} slots; one is allowed")
    if kinds[0] not in SLOT_KINDS:
        raise ValueError(f"template {template!r}: unknown slot {{{kinds[0]}}}; slots: "
                         + ", ".join(f"{{{k}}}" for k in SLOT_KINDS))
    return kinds[0]


def fill_template(template: str, slot: str) -> str:
    """``template`` with its slot replaced by ``slot``; an empty slot leaves no double space.

    Examples
    --------
    >>> fill_template("{city} Municipal Party Secretary", "Fuzhou")
    'Fuzhou Municipal Party Secretary'
    >>> fill_template("Secretary of the CPC {province} Provincial Committee", "")
    'Secretary of the CPC Provincial Committee'
    """
    return _SPACES.sub(" ", _SLOT.sub(lambda _: slot, template)).strip()


@cache
def _posts() -> dict[str, tuple[str, ...]]:
    """{Chinese name of a post: the kinds of body holding it}: ``posts`` of ``bodies.yaml``."""
    raw = data_yaml("bodies.yaml").get("posts") or {}
    unknown = {k for kinds in raw.values() for k in kinds} - set(BODY_KINDS)
    if unknown:
        raise ValueError(f"aeronorm/data/bodies.yaml: unknown body kinds in posts {sorted(unknown)}")
    return {post: tuple(kinds) for post, kinds in raw.items()}


@cache
def _bodies() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """((Chinese suffix, kind), longest first), {English head noun: kind} of ``bodies.yaml``."""
    raw = data_yaml("bodies.yaml")["bodies"]
    unknown = set(raw) - set(BODY_KINDS)
    if unknown:
        raise ValueError(f"aeronorm/data/bodies.yaml: unknown body kinds {sorted(unknown)}")
    zh = sorted(((s, kind) for kind, v in raw.items() for s in v["zh"]), key=lambda p: -len(p[0]))
    return tuple(zh), {w: kind for kind, v in raw.items() for w in v["en"]}


def body_kind_of_words(words: Sequence[str]) -> str | None:
    """The kind of body an English name is, by its head noun: the last word before its first
    ``of``/``for`` ("Ministry of ..."), else its last word that names a kind. ``words`` are lower case.

    Examples
    --------
    >>> body_kind_of_words(["ministry", "of", "industry"]), body_kind_of_words(["press", "bureau"])
    ('ministry', None)
    >>> body_kind_of_words(["un", "office", "for", "outer", "space", "affairs"])
    'office'
    >>> body_kind_of_words(["leading", "group"]), body_kind_of_words(["china", "orbix", "group"])
    ('office', 'company')
    """
    en = _bodies()[1]
    head = list(words)
    for i, w in enumerate(head):
        if w in _OF and i:
            head = head[:i]
            break
    for k in range(len(head) - 1, -1, -1):
        # (a head of two words first: a "leading group", 领导小组, is no company's group)
        kind = (en.get(f"{head[k - 1]} {head[k]}") if k else None) or en.get(head[k])
        if kind is not None:
            return kind
    return None


def body_kind(entity: Entity) -> str | None:
    """The kind of body an entity is, for the titles it has: a place by its Chinese suffix
    (省, 市; ``"place"`` when neither shows), a programme as such, an organisation by the suffix
    of its Chinese name, else by its English head noun.

    Examples
    --------
    >>> body_kind(Entity("cnsa", "China National Space Administration", zh="国家航天局"))
    'administration'
    >>> body_kind(Entity("x", "Harbin Institute of Technology", zh="哈尔滨工业大学"))
    'university'
    >>> body_kind(Entity("y", "Vega Space Academy")), body_kind(Entity("z", "Vega", type="person"))
    ('academy', None)
    """
    if entity.type == "program":
        return "program"
    if entity.type not in ("org", "place"):
        return None
    zh = entity.zh.strip()
    if zh:
        for suffix, kind in _bodies()[0]:
            if zh.endswith(suffix):
                if entity.type == "place" and kind not in ("province", "region", "city"):
                    break
                return kind
    kind = body_kind_of_words(_WORDS.findall(entity.name.casefold()))
    if entity.type == "place" and kind not in ("province", "region", "city"):
        return place_kind(zh)  # a Chinese place named without its suffix (南京)
    return kind


def place_kind(zh: str) -> str:
    """The kind of body a Chinese place named without its suffix is: an autonomous region, a
    province, a city (a municipality, or a place below a province), or ``"place"`` when
    ``places.yaml`` does not say.

    Examples
    --------
    >>> [place_kind(zh) for zh in ("广西", "湖北", "北京", "南京", "火星")]
    ['region', 'province', 'city', 'city', 'place']
    """
    if zh in load_autonomous_regions():
        return "region"
    provinces, municipalities, in_china = load_place_levels()
    if zh in provinces:
        return "province"
    if zh in municipalities or zh in in_china:
        return "city"
    return "place"


def title_bodies(title: Entity) -> tuple[str, ...]:
    """The kinds of body ``title`` is the post of: its glossary ``bodies``, else what its Chinese
    name says: a post of ``posts`` in ``bodies.yaml`` (院士 an academy's), or the head (长) of a
    body of a kind (省长 of a province, 副局长 of an administration); ``()`` when neither says.

    Examples
    --------
    >>> title_bodies(Entity("t", "Mayor", type="title", zh="市长"))
    ('city',)
    >>> title_bodies(Entity("t", "Vice Minister", type="title", zh="副部长"))
    ('ministry',)
    >>> title_bodies(Entity("t", "Academician", type="title", zh="院士"))
    ('academy',)
    >>> title_bodies(Entity("t", "Spokesperson", type="title", zh="发言人"))
    ()
    """
    if title.bodies:
        return title.bodies
    zh = title.zh.strip()
    kinds = _posts().get(zh)
    if kinds:
        return kinds
    if len(zh) < 2 or not zh.endswith("长"):
        return ()
    head = zh[:-1]
    for suffix, kind in _bodies()[0]:
        if head.endswith(suffix):
            return (kind,)
    return ()


def fits_body(kind: str, title: Entity) -> bool:
    """Whether a body of ``kind`` has the post ``title`` (a place fits a province's or a city's;
    the title's kinds of body: :func:`title_bodies`).

    Examples
    --------
    >>> fits_body("academy", Entity("t", "Vice President", type="title", bodies=("academy",)))
    True
    """
    bodies = title_bodies(title)
    if kind == "place":
        return any(b in ("province", "city") for b in bodies)
    return kind in bodies
