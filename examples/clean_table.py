"""Clean a messy table of supplier names, then a few news paragraphs, with aeronorm.

    python examples/clean_table.py                     # print the cleaned table and the summary
    python examples/clean_table.py -o clean.csv        # also write the cleaned table

The table (``examples/messy_orgs.csv``) writes the same organisations many ways: abbreviations,
capitals, company forms, a pinyin romanisation, the Chinese name, translation variants
(Aerospace/Astronautics, Polytechnic/Polytechnical). ``Series.aeronorm.match()`` resolves each
distinct value once; unknown names (including a look-alike that is *not* China Great Wall
Industry Corporation) are left alone, and blank cells pass through. In the totals per
organisation, unknown names are shown as unknown (one ``(unknown)`` line, listed after the known
organisations, with the names it holds), never ranked as if each were an organisation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import aeronorm  # registers the Series.aeronorm accessor

HERE = Path(__file__).resolve().parent


def clean(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """``df`` with the resolution of ``column`` in four new columns."""
    found = df[column].aeronorm.match()
    out = df.copy()
    out[f"{column}_canonical"] = df[column].aeronorm.normalize()
    out[f"{column}_id"] = found["id"]
    out[f"{column}_score"] = found["score"]
    out[f"{column}_method"] = found["method"]
    return out


#: Labels of the rows that no organisation accounts for: kept apart, never ranked as one.
UNKNOWN, BLANK = "(unknown)", "(blank)"


def value_by_organisation(cleaned: pd.DataFrame, column: str, value: str) -> pd.Series:
    """Sum of ``value`` per resolved organisation, largest first; then ``(unknown)`` and ``(blank)``.

    A name the glossary does not know is not an organisation we can total: ranked among the
    known ones under its own spelling, one unknown supplier would top the list (and two
    spellings of it would be two suppliers). So unknown names are summed under one explicit
    label, listed after the known organisations, and so are blank cells.
    """
    known = cleaned[f"{column}_id"].notna()
    blank = cleaned[column].isna() | cleaned[column].astype("string").str.strip().eq("")
    totals = cleaned[known].groupby(f"{column}_canonical")[value].sum().sort_values(ascending=False)
    rest = pd.Series({UNKNOWN: cleaned.loc[~known & ~blank, value].sum(),
                      BLANK: cleaned.loc[~known & blank, value].sum()})
    counts = {UNKNOWN: int((~known & ~blank).sum()), BLANK: int((~known & blank).sum())}
    rest = rest[[counts[k] > 0 for k in rest.index]]
    out = pd.concat([totals, rest])
    out.index.name = "organisation"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="write the cleaned table to this CSV file")
    args = ap.parse_args()
    if args.output:  # a bad -o fails now, in one line, not after the work in a traceback
        _check_writable(args.output)

    df = pd.read_csv(HERE / "messy_orgs.csv", dtype={"supplier": object})
    cleaned = clean(df, "supplier")
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 60)
    print(cleaned[["record_id", "supplier", "supplier_canonical", "supplier_method", "supplier_score"]]
          .to_string(index=False))

    spellings = cleaned.groupby("supplier_id")["supplier"].nunique().sort_values(ascending=False)
    n_spellings, n_orgs = df["supplier"].nunique(), cleaned["supplier_id"].nunique()
    print(f"\n{n_spellings} distinct spellings -> {n_orgs} organisations; "
          f"{cleaned['supplier_id'].isna().sum()} rows left as they were (unknown or blank)")
    print("spellings per organisation:", spellings.to_dict())
    print("\ncontract value by organisation (million USD):")
    print(value_by_organisation(cleaned, "supplier", "contract_value_musd").to_string())
    unknown = cleaned[cleaned["supplier_id"].isna() & cleaned["supplier"].notna()
                      & cleaned["supplier"].str.strip().ne("")]
    if len(unknown):
        print(f"{UNKNOWN} holds names the glossary does not know (review them, or add them to a glossary "
              "of your own, as in examples/glossary/):")
        for name, value in unknown.groupby("supplier")["contract_value_musd"].sum().items():
            print(f"    {name!r}: {value:g}")

    print("\nnews, normalised:")
    for path in sorted((HERE / "news").glob("*.txt")):
        doc = aeronorm.normalize_text(path.read_text(encoding="utf-8"))
        print(f"- {path.name}: {len(doc.changes)} of {len(doc.replacements)} mentions rewritten")
        for r in doc.changes[:3]:
            print(f"    {r.mention.text!r} -> {r.new!r}")

    if args.output:
        try:
            cleaned.to_csv(args.output, index=False)
        except OSError as exc:
            sys.exit(f"clean_table.py: cannot write {args.output}: {exc.strerror or exc}")
        print(f"\nwrote {args.output}")


def _check_writable(path: str) -> None:
    """Exit with one line when ``path`` cannot be the output file (a folder, or no such folder)."""
    target = Path(path)
    if target.is_dir():
        sys.exit(f"clean_table.py: cannot write {path}: it is a directory")
    if not target.parent.is_dir():
        sys.exit(f"clean_table.py: cannot write {path}: no directory {str(target.parent)!r}")


if __name__ == "__main__":
    main()
