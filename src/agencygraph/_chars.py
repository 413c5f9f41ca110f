"""Character-level helpers shared by the parser and the lexicon."""

from __future__ import annotations

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


def to_simplified(text: str) -> str:
    """Simplified-character form of a text; offsets are unchanged (one character for one).

    Examples
    --------
    >>> to_simplified("牽頭單位：市總工會")
    '牵头单位：市总工会'
    """
    return text.translate(ts_table())
