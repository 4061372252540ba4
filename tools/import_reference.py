"""Convert the reference fact base (entities.tsv, terms.tsv) into the shipped YAML glossaries.

One-off provenance tool: ``python tools/import_reference.py ENTITIES.tsv TERMS.tsv [--out DIR]``.
Every row is kept. Variants that only name an entity once a text has introduced it ("the alliance",
"the city") become ``context_aliases``; see :func:`is_context_only`.

**The YAML is now the source.** Since issue 14 the shipped glossaries are edited by hand: notes
moved out of names into ``description`` (a name is what a text writes), titles given
``templates`` (a slot for the province or city) and ``bodies`` (the kind of body they are the
post of), descriptions that name an entity only in their own sentence moved to
``context_aliases``, and aliases that change the meaning removed (``glossaries/*.yaml`` says why
in each entry's ``notes``). The reference TSVs have none of that, so this tool no longer writes
into ``glossaries/`` unless ``--force`` is given; it writes to ``--out`` (a new directory) for
comparing the reference with the shipped data.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

FILES = {  # entity type -> (file name, what it holds)
    "org": ("organizations.yaml", "organisations: agencies, companies, academies, universities, alliances"),
    "person": ("people.yaml", "people (parent = main affiliation)"),
    "place": ("places.yaml", "places: cities, provinces, launch and control sites"),
    "event": ("events.yaml", "events: conferences, meetings, signings"),
    "program": ("programs.yaml", "programmes, vehicles, constellations, plans and policy documents"),
    "award": ("awards.yaml", "awards and honours"),
    "title": ("titles.yaml", "titles and positions"),
    "term": ("domain_terms.yaml", "domain terms (concepts named in the industry's texts)"),
}
FIELDS_LINE = (
    "# Fields: id (stable key), name (canonical English), zh (Chinese name), abbreviations, "
    "zh_aliases (Chinese short forms), aliases (other English renderings), context_aliases (only "
    "name it in context; never matched alone), parent (id), source, notes."
)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SHIPPED = Path(__file__).resolve().parents[1] / "glossaries"
# Variants made only of these words describe an entity without naming it ("the alliance").
GENERIC_WORDS = frozenset({
    "the", "this", "a", "alliance", "industry", "annual", "meeting", "conference", "pandemic", "party",
    "government", "city", "action", "plan", "joint", "body", "general", "department", "national", "network",
    "high", "resolution", "satellites",
})
# Terms and titles are generic by nature: their variants stay aliases.
NAMED_TYPES = frozenset({"org", "person", "place", "event", "program", "award"})


def is_context_only(variant: str, entity_type: str) -> bool:
    """True when every word of ``variant`` is generic, for an entity that has a proper name."""
    words = re.findall(r"[a-z]+", variant.lower())
    return entity_type in NAMED_TYPES and bool(words) and all(w in GENERIC_WORDS for w in words)


def split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def read_tsv(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def convert_entity(row: dict[str, str], moved: list[str]) -> dict:
    abbreviations = split(row["abbreviations"])
    aliases, context = [], []
    for v in split(row["variants_en"]):
        (context if is_context_only(v, row["type"]) else aliases).append(v)
    moved.extend(f"{row['id']}: {v}" for v in context)
    entry = {
        "id": row["id"],
        "name": row["canonical_en"],
        "zh": row["zh"],
        "abbreviations": [a for a in abbreviations if not HAN.search(a)],
        "zh_aliases": [a for a in abbreviations if HAN.search(a)],
        "aliases": aliases,
        "context_aliases": context,
        "parent": row["parent_id"],
        "source": row["source"],
        "notes": row["notes"],
    }
    return {k: v for k, v in entry.items() if v}


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):  # indent list items
        return super().increase_indent(flow, False)


def dump(header: list[str], data: dict, first_key: str) -> str:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    text = text.replace(f"\n  - {first_key}: ", f"\n\n  - {first_key}: ")  # blank line between items
    return "\n".join(header) + "\n" + text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entities_tsv")
    parser.add_argument("terms_tsv")
    parser.add_argument("--out", default=str(SHIPPED),
                        help="output directory (default: the shipped glossaries)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite the shipped glossaries (they are the source now: see the docstring)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if out.resolve() == SHIPPED.resolve() and not args.force:
        parser.error("glossaries/ is edited by hand since issue 14 and is the source now; give --out DIR "
                     "to write the converted reference elsewhere, or --force to overwrite it")
    out.mkdir(parents=True, exist_ok=True)
    by_type: dict[str, list[dict]] = {t: [] for t in FILES}
    moved: list[str] = []
    for row in read_tsv(args.entities_tsv):
        by_type[row["type"]].append(convert_entity(row, moved))
    provenance = "# Converted from the reference fact base (entities.tsv) by tools/import_reference.py."
    for etype, (fname, what) in FILES.items():
        first = f"# aeronorm glossary: {what}. Default type of the entries: {etype}."
        header = [first, FIELDS_LINE, provenance]
        (out / fname).write_text(dump(header, {"type": etype, "entities": by_type[etype]}, "id"), "utf-8")
        print(f"{fname}: {len(by_type[etype])} {etype}")
    terms = [
        {k: v for k, v in (("zh", r["zh"]), ("en", split(r["en_renderings"])), ("notes", r["notes"])) if v}
        for r in read_tsv(args.terms_tsv)
    ]
    header = [
        "# aeronorm term lexicon: Chinese words or morphemes and the English words they become in names.",
        "# Fields: zh (Chinese, as it appears inside names), en (renderings, most common first), notes.",
        "# Converted from the reference fact base (terms.tsv) by tools/import_reference.py.",
    ]
    # The term lexicon is the matcher's vocabulary (aeronorm/data/terms), not a glossary; written
    # there only with the shipped glossaries, next to the others under --out DIR.
    shipped = out.resolve() == SHIPPED.resolve()
    terms_dir = Path(__file__).resolve().parents[1] / "aeronorm" / "data" / "terms" if shipped else out
    (terms_dir / "terms.yaml").write_text(dump(header, {"terms": terms}, "zh"), "utf-8")
    print(f"{terms_dir / 'terms.yaml'}: {len(terms)} terms")
    print("moved to context_aliases:", *moved, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
