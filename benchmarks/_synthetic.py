"""A realistic synthetic glossary of Chinese-style organisation names, for benchmarks.

Every name is put together the way Chinese company and institute names are, from the shipped
term lexicon (``Glossary.default().terms``) and the place list of ``aeronorm/data``:

    place | brand | [generic word] | domain words | institution or company form
    北京  | 天兵  | [国际]          | 航天 科技      | 有限公司
    Beijing Tianbing [International] Aerospace Technology Co., Ltd.

The brand is two or three Han characters taken from the shipped Chinese names, written in
pinyin on the English side (``Tianbing``); brands are unique, so every synthetic entity has
one distinctive word. The Chinese name is composed from the same morphemes, so the Chinese
side indexes like a real one. English renderings of the domain words and forms are drawn
from the lexicon (most often the first rendering), the way different translators differ.

Query generators give, for a synthetic entity:

* :func:`fuzzy_variant`: a name the exact, concept and abbreviation stages cannot resolve
  (company form dropped, one typo in the brand, a generic word or the place dropped, words
  reordered);
* :func:`light_variant`: a name that differs only in formatting or in the choice of
  rendering (resolved by the exact or concept stage).

Unknown names (same generator, brands not in the glossary) come with the corpus.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from aeronorm import Glossary
from aeronorm.lexicon import Kind, TermLexicon
from aeronorm.resources import load_places, load_places_abroad
from aeronorm.text.fold import fold_key, is_han_char
from aeronorm.text.pinyin import to_pinyin

__all__ = [
    "TYPO_KINDS",
    "Corpus",
    "OrgName",
    "fuzzy_variant",
    "light_variant",
    "make_corpus",
]

# Slots of a name, as keys into the shipped term lexicon (renderings come from the lexicon;
# a key missing from it is skipped, so the generator follows lexicon changes).
_DOMAIN_ZH = (
    "航天", "航空", "卫星", "火箭", "遥感", "导航", "通信", "电子", "信息技术", "测控", "光电",
    "微电子", "半导体", "软件", "新材料", "能源", "动力", "机械", "精密", "仪器", "自动化",
    "激光", "红外", "雷达", "无人机", "机器人", "智能", "数据", "网络安全", "物联网", "生物科技",
    "海洋", "测绘", "光学", "计算机", "智能制造", "物流", "文化传媒", "装备", "环境", "医药",
    "汽车", "商业航天", "卫星通信", "空间科学", "信息", "宽带", "广播", "集成电路", "材料",
)
# Trailing "technology" words: 北京天兵航天科技 -> ... Aerospace Technology.
_TECH_ZH = ("科技", "技术", "工程")
_COMPANY_ZH = ("有限公司", "股份有限公司", "集团有限公司", "有限责任公司")
_INSTITUTION_ZH = (
    "研究院", "研究所", "研究中心", "工程中心", "实验室", "协会", "学会", "基金会", "产业联盟",
    "设计研究院", "创新研究院",
)
# Generic words (kind GENERIC in the lexicon): cheap to omit.
_GENERIC_ZH = ("国际", "投资", "贸易", "管理")
_SMALL_WORDS = frozenset({"and", "of", "for", "the", "in"})

#: Kinds of typo put into the brand by :func:`fuzzy_variant`.
TYPO_KINDS = ("deletion", "insertion", "substitution", "transposition")


@dataclass(frozen=True)
class Slot:
    """One morpheme of a name: its Chinese and its English renderings (first = most common)."""

    zh: str
    en: tuple[str, ...]


@dataclass(frozen=True)
class OrgName:
    """The parts of one synthetic organisation name, and the renderings chosen for its name."""

    place: Slot | None  # None: the name starts with 中国 / China instead
    brand: Slot
    generic: Slot | None
    domains: tuple[Slot, ...]
    form: Slot
    company: bool  # form is a company form (legal), not an institution
    choice: tuple[int, ...]  # rendering index per domain slot, then the form's

    @property
    def zh(self) -> str:
        head = self.place.zh if self.place else "中国"
        mid = self.generic.zh if self.generic else ""
        return head + self.brand.zh + mid + "".join(d.zh for d in self.domains) + self.form.zh

    def english(self, choice: Sequence[int] | None = None) -> str:
        """The English name with the given rendering indices (default: the entity's own)."""
        choice = self.choice if choice is None else choice
        words = [self.place.en[0] if self.place else "China", self.brand.en[0]]
        if self.generic:
            words.append(self.generic.en[0])
        words += [_pick(d.en, c) for d, c in zip(self.domains, choice[:-1], strict=True)]
        form = _pick(self.form.en, choice[-1])
        return _title(" ".join([*words, form]))

    def alias_choice(self, rng: random.Random) -> tuple[int, ...] | None:
        """Other renderings of the domain words and form, or None when there are none."""
        pairs = zip(self.domains, self.choice[:-1], strict=True)
        alt = tuple(1 - c if len(s.en) > 1 and c < 2 else c for s, c in pairs)
        form = self.choice[-1]
        if len(self.form.en) > 1:
            form = rng.choice([k for k in range(len(self.form.en)) if k != form])
        alt = (*alt, form)
        return alt if alt != self.choice else None


@dataclass
class Corpus:
    """A synthetic glossary and the ground truth behind it.

    Attributes
    ----------
    records : list of dict
        Glossary records (the shipped entities first when included), for ``Glossary.from_records``.
    orgs : dict
        Synthetic entity id -> its :class:`OrgName`.
    unknown : list of str
        English names built the same way whose brands are not in the glossary.
    """

    records: list[dict[str, Any]]
    orgs: dict[str, OrgName]
    unknown: list[str] = field(default_factory=list)

    def glossary(self) -> Glossary:
        return Glossary.from_records(self.records)

    def all_names(self) -> list[tuple[str, str]]:
        """``(written form, entity id)`` for every English name and alias, abbreviations left
        out (what a plain fuzzy matcher would search); domain terms left out (vocabulary, not
        names: a name lookup never answers one)."""
        out = []
        for r in self.records:
            if r.get("type") == "term":
                continue
            out.append((r["name"], r["id"]))
            out += [(a, r["id"]) for a in r.get("aliases") or ()]
        return out


def _pick(options: Sequence[str], k: int) -> str:
    return options[min(k, len(options) - 1)]


def _title(text: str) -> str:
    """Title case for names: small words lower, words already in capitals kept (LLC, IoT)."""
    out = []
    for i, w in enumerate(text.split(" ")):
        if w in _SMALL_WORDS and i:
            out.append(w)
        elif w[:1].islower():
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


@cache
def _lexicon() -> TermLexicon:
    return TermLexicon(Glossary.default().terms)


def _slots(keys: Sequence[str]) -> list[Slot]:
    terms = {t.zh: t for t in Glossary.default().terms}
    out = []
    for zh in keys:
        t = terms.get(zh)
        if t is not None:
            # Renderings with a parenthesised gloss ("department (provincial)") are notes.
            en = tuple(r for r in t.renderings if "(" not in r)
            if en:
                out.append(Slot(zh, en))
    return out


def _brand_chars() -> list[str]:
    """Han characters of the shipped Chinese names (a realistic pool for brand names)."""
    g = Glossary.default()
    chars = {c for e in g.entities for z in e.chinese_names() for c in z if is_han_char(c)}
    chars |= {c for t in g.terms for c in t.zh if is_han_char(c)}
    return sorted(c for c in chars if len(to_pinyin(c)) == 1)


def _brands(rng: random.Random, count: int) -> list[Slot]:
    """``count`` brands with distinct pinyin that the lexicon reads as one unknown naming word."""
    chars = _brand_chars()
    lex = _lexicon()
    places = {en for _, forms in load_places() for en in forms}
    seen: set[str] = set()
    out: list[Slot] = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > 50 * count + 1000:
            raise RuntimeError(f"could not make {count} distinct brands from {len(chars)} characters")
        zh = "".join(rng.choice(chars) for _ in range(3 if rng.random() < 0.2 else 2))
        py = "".join(to_pinyin(zh))
        if py in seen or py in places or len(py) < 5:
            continue
        toks = lex.tokens(py)
        if len(toks) != 1 or toks[0].kind != Kind.NAME or toks[0].keys != frozenset((py,)):
            continue  # a known morpheme (keji), a place or an English word: not distinctive
        seen.add(py)
        out.append(Slot(zh, (py.capitalize(),)))
    return out


def _org(rng: random.Random, brand: Slot, pools: dict[str, list[Slot]]) -> OrgName:
    place = rng.choice(pools["place"]) if rng.random() < 0.8 else None
    generic = rng.choice(pools["generic"]) if rng.random() < 0.25 else None
    domains = rng.sample(pools["domain"], rng.choice((1, 1, 2)))
    if rng.random() < 0.6 and not any(t.zh in d.zh for d in domains for t in pools["tech"]):
        domains.append(rng.choice(pools["tech"]))  # not 生物科技科技
    company = rng.random() < 0.7
    form = rng.choice(pools["company" if company else "institution"])

    def idx(slot: Slot) -> int:  # the first rendering most of the time, else the second
        return 0 if rng.random() < 0.75 or len(slot.en) < 2 else 1

    choice = (*(idx(d) for d in domains), rng.randrange(len(form.en)) if company else idx(form))
    return OrgName(place, brand, generic, tuple(domains), form, company, choice)


def _pools() -> dict[str, list[Slot]]:
    places = [Slot(zh, tuple(_title(f) for f in forms)) for zh, forms in load_places()]
    return {
        "place": places,
        "domain": _slots(_DOMAIN_ZH),
        "tech": _slots(_TECH_ZH),
        "company": _slots(_COMPANY_ZH),
        "institution": _slots(_INSTITUTION_ZH),
        "generic": _slots(_GENERIC_ZH),
    }


def make_corpus(
    n_entities: int, *, seed: int = 0, include_shipped: bool = True, n_unknown: int = 0
) -> Corpus:
    """A glossary of ``n_entities`` organisations (the shipped entities included by default).

    Parameters
    ----------
    n_entities : int
        Total entities; synthetic ones fill up to it after the shipped ones.
    seed : int
        Random seed: the same seed gives the same corpus.
    include_shipped : bool
        Start from the entities of ``Glossary.default()``.
    n_unknown : int
        How many unknown names (brands not in the glossary) to make as well.

    Examples
    --------
    >>> c = make_corpus(50, include_shipped=False, n_unknown=5)
    >>> len(c.records), len(c.orgs), len(c.unknown)
    (50, 50, 5)
    >>> c.records[0]["zh"] == c.orgs[c.records[0]["id"]].zh
    True
    """
    rng = random.Random(seed)
    records: list[dict[str, Any]] = Glossary.default().to_records() if include_shipped else []
    n_syn = max(0, n_entities - len(records))
    pools = _pools()
    brands = _brands(rng, n_syn + n_unknown)
    orgs: dict[str, OrgName] = {}
    taken = {fold_key(r["name"]) for r in records}
    for i, brand in enumerate(brands[:n_syn]):
        org = _org(rng, brand, pools)
        name = org.english()
        if fold_key(name) in taken:
            continue
        taken.add(fold_key(name))
        eid = f"syn-{i:05d}"
        orgs[eid] = org
        rec: dict[str, Any] = {"id": eid, "name": name, "type": "org", "zh": org.zh, "source": "synthetic"}
        alt = org.alias_choice(rng) if rng.random() < 0.35 else None
        if alt is not None and fold_key(org.english(alt)) != fold_key(name):
            rec["aliases"] = [org.english(alt)]
        records.append(rec)
    unknown = [_org(rng, brand, pools).english() for brand in brands[n_syn:]]
    return Corpus(records, orgs, unknown)


def _typo(word: str, rng: random.Random, kind: str) -> str:
    """One typing error in ``word`` (never its first letter: that one is rarely wrong)."""
    i = rng.randrange(1, len(word))
    letters = string.ascii_lowercase
    if kind == "deletion":
        return word[:i] + word[i + 1 :]
    if kind == "insertion":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "substitution":
        return word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]
    if i == len(word) - 1:
        i -= 1
    if word[i] == word[i + 1]:
        return _typo(word, rng, "substitution")
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def fuzzy_variant(org: OrgName, rng: random.Random, *, typo: str | None = None) -> tuple[str, str]:
    """A hard variant of ``org``'s name, and the typo kind used.

    The company form is dropped (an institution form is kept: it is part of the name), the
    brand gets one typo, the generic word is dropped (the place when there is none) and words
    are reordered (place moved to the end, two domain words swapped, or ``Institute of ...``).

    Examples
    --------
    >>> c = make_corpus(20, include_shipped=False)
    >>> org = next(iter(c.orgs.values()))
    >>> q, kind = fuzzy_variant(org, random.Random(1))
    >>> kind in TYPO_KINDS and org.brand.en[0] not in q
    True
    """
    typo = typo or rng.choice(TYPO_KINDS)
    brand = _typo(org.brand.en[0], rng, typo)
    domains = [_pick(d.en, c) for d, c in zip(org.domains, org.choice[:-1], strict=True)]
    form = "" if org.company else _pick(org.form.en, org.choice[-1])
    place = org.place.en[0] if org.place else "China"
    # the generic word goes; otherwise the place does, unless it is abroad: "Vietnam X" without
    # Vietnam is X, another company (a branch abroad is not its Chinese parent)
    abroad = org.place is not None and org.place.zh in load_places_abroad()
    keep_place = org.generic is not None or abroad
    ops = []
    if keep_place:
        ops.append("place_last")
    if len(domains) >= 2:
        ops.append("swap_domains")
    if form:
        ops.append("form_first")
    op = rng.choice(ops) if ops else "brand_last"
    if op == "swap_domains":
        j = rng.randrange(len(domains) - 1)
        domains[j], domains[j + 1] = domains[j + 1], domains[j]
    core = " ".join([brand, *domains]) if op != "brand_last" else " ".join([*domains, brand])
    if op == "form_first":
        text = f"{form} of {core}"
        form = ""
    else:
        text = core
    if form:
        text = f"{text} {form}"
    if keep_place:
        text = f"{text}, {place}" if op == "place_last" else f"{place} {text}"
    return _title(text), typo


def light_variant(org: OrgName, rng: random.Random) -> str:
    """A formatting or rendering variant: case, spacing, another company form or rendering."""
    how = rng.randrange(3)
    if how == 0:
        return org.english().upper()
    if how == 1:
        alt = org.alias_choice(rng)
        return org.english(alt) if alt else org.english().lower()
    return "  " + org.english().replace(" ", "  ") + " "
