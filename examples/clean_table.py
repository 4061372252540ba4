"""Clean a messy table of supplier names, then a few news paragraphs, with aeronorm.

    python examples/clean_table.py                     # print the cleaned table and the summary
    python examples/clean_table.py -o clean.csv        # also write the cleaned table

The table (``examples/messy_orgs.csv``) writes the same organisations many ways: abbreviations,
capitals, company forms, a pinyin romanisation, the Chinese name, translation variants
(Aerospace/Astronautics, Polytechnic/Polytechnical). ``Series.aeronorm.match()`` resolves each
distinct value once; unknown names (including a look-alike that is *not* China Great Wall
Industry Corporation) are left alone, and blank cells pass through.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="write the cleaned table to this CSV file")
    args = ap.parse_args()

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
    totals = cleaned.groupby("supplier_canonical")["contract_value_musd"].sum().sort_values(ascending=False)
    print("\ncontract value by organisation (million USD):")
    print(totals.head(8).to_string())

    print("\nnews, normalised:")
    for path in sorted((HERE / "news").glob("*.txt")):
        doc = aeronorm.normalize_text(path.read_text(encoding="utf-8"))
        print(f"- {path.name}: {len(doc.changes)} of {len(doc.replacements)} mentions rewritten")
        for r in doc.changes[:3]:
            print(f"    {r.mention.text!r} -> {r.new!r}")

    if args.output:
        cleaned.to_csv(args.output, index=False)
        print(f"\nwrote {args.output}")


if __name__ == "__main__":
    main()
