"""Character-level helpers shared by the parser and the lexicon."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_TS_FILE = "ts_characters.tsv"


@lru_cache(maxsize=1)
def ts_table() -> dict[int, str]:
    """Traditional → simplified, one character to one character (``str.translate`` table)."""
    text = resources.files("agencygraph").joinpath("data", _TS_FILE).read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        trad, simp = line.split("\t")
        table[ord(trad)] = simp
    return table


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(chr(c) for c in ts_table())) + "]")


def to_simplified(text: str) -> str:
    """Simplified-character form of a text; offsets are unchanged (one character for one).

    Examples
    --------
    >>> to_simplified("牽頭單位：市總工會")
    '牵头单位：市总工会'
    """
    # Most plans hold no traditional character: finding none is much cheaper than translating.
    if _traditional_re().search(text) is None:
        return text
    return text.translate(ts_table())


@lru_cache(maxsize=8)
def _partial_table(characters: str) -> tuple[dict[int, str], re.Pattern[str] | None]:
    table = {trad: simp for trad, simp in ts_table().items() if simp in characters}
    if not table:
        return table, None
    return table, re.compile("[" + re.escape("".join(chr(c) for c in table)) + "]")


def simplify_characters(text: str, characters: str) -> str:
    """``text`` with the traditional forms of ``characters`` (simplified) made simplified.

    Offsets are unchanged. Converting only the characters a reader looks for (labels,
    verbs, headings) is many times cheaper than :func:`to_simplified` on every paragraph.

    Examples
    --------
    >>> simplify_characters("牽頭單位：市總工會", "牵头单位")
    '牵头单位：市總工會'
    """
    table, pattern = _partial_table(characters)
    if pattern is None or pattern.search(text) is None:
        return text
    return text.translate(table)


_RADICALS_FILE = "radicals.tsv"
_RADICAL_RE = re.compile("[\u2e80-\u2fdf]")


@lru_cache(maxsize=1)
def radical_table() -> dict[int, str]:
    """Radical code point → the character it stands for (``str.translate`` table)."""
    text = resources.files("agencygraph").joinpath("data", _RADICALS_FILE).read_text("utf-8")
    table: dict[int, str] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "radical\t")):
            continue
        radical, character, _ = line.split("\t")
        table[ord(radical)] = character
    return table


def unified_radicals(text: str) -> str:
    """``text`` with radical code points a PDF's font put for characters (⼯作, 部⻔) made
    those characters (工作, 部门); offsets are unchanged (one character for one).

    Examples
    --------
    >>> unified_radicals("牵头部⻔：市⽣态环境局")
    '牵头部门：市生态环境局'
    """
    if _RADICAL_RE.search(text) is None:
        return text
    return text.translate(radical_table())
