"""Rebuild ``AgencyGraphSansSC-Regular.otf`` from Noto Sans CJK SC Regular.

Run from the repository root with fontTools installed::

    python tools/make_font_subset.py \
        /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The source is Debian's ``fonts-noto-cjk`` (collection member "Noto Sans CJK SC"), or
``NotoSansCJKsc-Regular.otf`` from the noto-cjk release. The subset keeps GB2312 level 1,
every character of the bundled corpus and of the lexicon, ASCII, Latin-1, general and CJK
punctuation and full-width forms. It is renamed because the OFL asks a modified version
not to present itself under the original's name (see README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FAMILY = "AgencyGraph Sans SC"
POSTSCRIPT = "AgencyGraphSansSC-Regular"
DEBIAN_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "src" / "agencygraph" / "data" / "fonts"


def gb2312_level1() -> set[str]:
    """The 3,755 hanzi of GB2312 level 1 (rows 16-55)."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:  # row 55 ends at 0xD7F9
                break
            chars.add(bytes([hi, lo]).decode("gb2312"))
    return chars


def corpus_characters() -> set[str]:
    paths = sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted(
        (ROOT / "src" / "agencygraph" / "data").glob("*.csv")
    )
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    return {c for c in text if ord(c) >= 0x80}


def ranges() -> set[str]:
    spans = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1
        (0x2010, 0x206F),  # general punctuation: dashes, quotes, ellipsis
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF00, 0xFFEF),  # full-width forms
    ]
    return {chr(c) for lo, hi in spans for c in range(lo, hi + 1)}


def load(source: Path) -> TTFont:
    if source.suffix.lower() == ".ttc":
        for font in TTCollection(str(source)).fonts:
            if font["name"].getDebugName(1) == "Noto Sans CJK SC":
                return font
        raise SystemExit(f"{source}: no member named Noto Sans CJK SC")
    return TTFont(str(source))


def rename(font: TTFont) -> None:
    names = font["name"]
    version = names.getDebugName(5)
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, value in {
        1: FAMILY,
        2: "Regular",
        3: f"{POSTSCRIPT};subset of NotoSansCJKsc-Regular {version}",
        4: f"{FAMILY} Regular",
        6: POSTSCRIPT,
    }.items():
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Regular"
        top.FamilyName = FAMILY


def main(source: str) -> None:
    font = load(Path(source))
    text = "".join(sorted(gb2312_level1() | corpus_characters() | ranges()))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    rename(font)
    out = HERE / f"{POSTSCRIPT}.otf"
    font.save(str(out))
    (HERE / "subset-characters.txt").write_text(text + "\n", encoding="utf-8")
    print(f"{out.name}: {out.stat().st_size:,} bytes, {len(text)} characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEBIAN_SOURCE)
