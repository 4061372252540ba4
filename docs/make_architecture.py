"""Draw docs/images/architecture.svg from the package itself: its layers and a query's path.

    python docs/make_architecture.py

The layers are read from the import-linter contract in ``pyproject.toml`` (the one CI checks),
the modules of each layer from the package tree, and the stages and lanes from
``aeronorm.pipeline.run``; so the picture cannot drift from the code. Plain SVG, no dependency.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "architecture.svg"

_W = 1100
_ROW = 46
_GAP = 10
_COLORS = ["#fde2e4", "#e2ece9", "#fff1e6", "#dfe7fd", "#e8e8ff", "#f0efeb", "#eae4e9", "#d8f3dc",
           "#fef9c3", "#e0f2fe", "#f1f5f9", "#fae8ff", "#ecfccb"]


def layers() -> list[list[str]]:
    """The layers of the first import-linter contract, top first, as lists of module names."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    out = []
    for layer in contract["layers"]:
        names = [n.strip() for part in layer.split("|") for n in part.split(":")]
        out.append([n for n in names if n])
    return out


def modules_of(name: str) -> list[str]:
    """Submodules of a package (or the module itself), without the ``aeronorm.`` prefix."""
    path = ROOT / Path(*name.split("."))
    short = name.removeprefix("aeronorm.")
    if path.is_dir():
        subs = sorted(p.stem for p in path.glob("*.py") if p.stem != "__init__")
        subs += sorted(p.name for p in path.iterdir() if p.is_dir() and (p / "__init__.py").exists())
        return [f"{short}/" + ", ".join(subs)]
    return [short]


def _box(x: float, y: float, w: float, h: float, fill: str, text: str, *, size: int = 13) -> str:
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#555"/>'
            f'<text x="{x + w / 2}" y="{y + h / 2 + 4}" font-size="{size}" text-anchor="middle">'
            f"{html.escape(text)}</text>")


def draw() -> str:
    sys.path.insert(0, str(ROOT))
    from aeronorm.pipeline.run import LANES, STAGES

    parts = []
    y = 40
    parts.append('<text x="20" y="25" font-size="16" font-weight="bold">Layers (each imports only the '
                 'layers below it; checked by lint-imports)</text>')
    all_layers = layers()
    for k, layer in enumerate(all_layers):
        width = (_W - 140 - _GAP * (len(layer) - 1)) / len(layer)
        parts.append(f'<text x="20" y="{y + _ROW / 2 + 4}" font-size="12">L{len(all_layers) - 1 - k}</text>')
        for j, name in enumerate(layer):
            label = "; ".join(modules_of(name))
            size = 12 if len(label) * 6.5 < width else 10
            parts.append(_box(60 + j * (width + _GAP), y, width, _ROW - 8, _COLORS[k % len(_COLORS)], label,
                              size=size))
        y += _ROW
    y += 30
    parts.append(f'<text x="20" y="{y}" font-size="16" font-weight="bold">A query\'s path '
                 "(aeronorm.pipeline.run: STAGES, LANES, the acceptance policy)</text>")
    y += 20
    names = [s.name for s in STAGES] + ["retranslation"]
    for lane, stages in LANES.items():
        x = 20
        parts.append(_box(x, y, 110, 36, "#eee", f"{lane} lane"))
        x += 125
        for name in [*stages, "retranslation"]:
            parts.append(f'<line x1="{x - 15}" y1="{y + 18}" x2="{x}" y2="{y + 18}" stroke="#555" '
                         'marker-end="url(#arrow)"/>')
            fill = "#dfe7fd" if name != "retranslation" else "#f1f5f9"
            parts.append(_box(x, y, 120, 36, fill, f"{names.index(name) + 1} {name}"))
            x += 135
        y += 50
    parts.append(f'<text x="20" y="{y + 10}" font-size="12">Each stage answers an entity (accepted at the '
                 "threshold or above), abstains for the pipeline (several owners: stop), or says "
                 "nothing (next stage).</text>")
    height = y + 30
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
            f'font-family="Helvetica, Arial, sans-serif"><defs><marker id="arrow" markerWidth="8" '
            'markerHeight="8" refX="6" refY="3" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#555"/>'
            f'</marker></defs><rect width="{_W}" height="{height}" fill="white"/>')
    return head + "".join(parts) + "</svg>\n"


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(draw(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
