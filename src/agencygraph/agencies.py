"""The agency lexicon: which functional type of government unit a written name stands for.

Plans name the same unit in many ways: 市人社局, 人力资源和社会保障局, 县人力社保局,
云南省人力资源和社会保障厅, 市委组织部（市委人才办）, or in traditional characters. This module
maps each written name to a cross-region *agency type* (``hrss``, ``org``, ``union``, ...).

Everything the mapping knows is data, bundled in ``agencygraph/data/``:

``agency_types.csv``
    The type vocabulary: ``agency_type, type_en, type_zh, system``. ``system`` is one of
    ``party, government, legislature, cppcc, mass_org, aggregate, public_institution``.
``agency_aliases.csv``
    Written forms: ``alias, agency_type, kind, note``. ``kind`` says what kind of rule the row is:

    - ``exact``: the name, once a place prefix (宁波市, 县, 市委, 市级, ...) is stripped, *is* the
      alias (市人社局 → 人社局);
    - ``suffix``: the name ends with the alias after any short run of Chinese characters, even a
      bare place name without 市 or 县 (海门日报社 → 日报社);
    - ``pattern``: a regular expression the name (or its core) must match in full
      (共青团宁波市委 → ``共青团.{1,20}(委员会|委)``).
``ts_characters.tsv``
    Traditional → simplified characters, generated from OpenCC (Apache-2.0, licence beside it).

How a name is resolved
----------------------
1. Normalise: NFKC (full-width letters and digits), all whitespace and zero-width characters
   removed, every kind of bracket written ``()``, traditional characters simplified, redaction
   marks ((略), *, □, ■, ×, ?, ...) written ``*``.
2. Split the name into a place prefix and a core at every position. A prefix is a run of Chinese
   characters ending in a level word (省, 市, 县, 区, 州, 盟, 旗, 镇, 乡, 街道, 地区, 自治州, ...),
   optionally followed by 级 or 直 and by 委 or 党委 (市委组织部 → 市委 + 组织部). The core is
   looked up among the aliases; the longest core that matches wins, so 市场监管局 keeps its 市.
3. An exact alias ending in 局 also matches with 厅, the provincial form (人力资源和社会保障厅).
4. A name that does not match as written is tried with its bracketed parts removed: the part
   outside the brackets wins (市委宣传部（市网信办） → propaganda).
5. A redacted name resolves only when what survives of it fits the aliases of exactly one type;
   the result is then flagged ``inferred`` ((略)信办 → cyberspace, since only 网信办 ends in 信办).
   Anything else is unknown (``agency_type`` is None): names are never guessed.
6. A name that is a place and nothing else (越秀区, 慈溪市, 宁波市海曙区, 剡湖街道) is a
   subordinate government (``subordinate_govs``): plans list lower levels by their names. Levels
   alone (市, 县级), collective words (全市, 本县, 各区) and common nouns that end like a place
   (社区, 城区, 园区, 粤港澳大湾区) are not places.

Places as units
---------------
Without context, ``宁波市人民政府`` and ``越秀区政府`` are both ``government``: a place's
government. Given the plan's own place and level (:func:`resolve` with ``place`` and ``level``;
:func:`resolve_table`, :func:`agencies_table` and :func:`unknown_agencies` with the documents
table's ``place_zh`` and ``level``), a government or party committee written after a place, or a
bare place name, is read against the plan:

- the plan's own place (宁波市, 浙江省宁波市 in a Ningbo plan) is its own ``government`` (or
  ``party_committee``);
- a place that may be below the plan's level is ``subordinate_govs``: 越秀区政府 in a
  Guangzhou plan, 慈溪市 (市 may be county-level) in a Ningbo plan, 区政府 in a city plan, 镇政府
  in a county plan. A bare level counts by its own rank (市政府 in a city plan is its own), a
  named place by the lowest it may be;
- a bare superior or peer (绍兴市 in a subdistrict plan) is unknown; a superior's government
  written in full keeps its type.

Collectives and categories
--------------------------
Lists of lower levels (各区、县级市, 各有关区, 县级市) are ``subordinate_govs``; references to
the units a plan names elsewhere (各牵头单位, 各项目牵头单位, 各责任单位) are the aggregate
``responsible_units``. Categories of organisation resolve only when written as a listed group
(各高校, 驻甬高校, 各职业院校, 各商业银行, 市属国有企业): a bare 高校, 技工院校, 银行 or 国有企业
is a category in a sentence, not a unit, and stays unknown, as 企业 does.

Examples
--------
>>> from agencygraph.agencies import resolve
>>> resolve("县人社局").agency_type
'hrss'
>>> resolve("市總工會").agency_type
'union'
>>> r = resolve("(略)信办")
>>> r.agency_type, r.inferred
('cyberspace', True)
>>> resolve("企业").agency_type is None
True
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from agencygraph import units
from agencygraph._chars import ts_table
from agencygraph._errors import InputError, LexiconError

__all__ = [
    "KINDS",
    "SYSTEMS",
    "Lexicon",
    "Resolution",
    "agencies_table",
    "agency_types",
    "load_lexicon",
    "normalize_name",
    "resolve",
    "resolve_table",
    "unknown_agencies",
]

#: The seven systems a type belongs to.
SYSTEMS: tuple[str, ...] = (
    "party",
    "government",
    "legislature",
    "cppcc",
    "mass_org",
    "aggregate",
    "public_institution",
)

#: The kinds of alias rule (column ``kind`` of an alias file).
KINDS: tuple[str, ...] = ("exact", "suffix", "pattern")

TYPE_COLUMNS: tuple[str, ...] = ("agency_type", "type_en", "type_zh", "system")
ALIAS_COLUMNS: tuple[str, ...] = ("alias", "agency_type", "kind", "note")
AGENCY_COLUMNS: tuple[str, ...] = (
    "agency_id",
    "doc_id",
    "name_zh",
    "name_en",
    "agency_type",
    "type_en",
    "system",
    "n_lead",
    "n_support",
    "n_responsible",
    "collective",
)
UNKNOWN_COLUMNS: tuple[str, ...] = ("doc_id", "agency_raw", "line", "count")

_TYPES_FILE = "agency_types.csv"
_ALIASES_FILE = "agency_aliases.csv"

# Long enough for 西双版纳傣族自治州勐海县 and similar nested place names; short enough that a
# sentence is never taken for a place.
_MAX_PLACE_CHARS = 24

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LEVELS = (
    "特别行政区",
    "自治州",
    "自治县",
    "自治区",
    "自治旗",
    "街道",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "州",
    "盟",
    "旗",
    "镇",
    "乡",
)
# A place name never contains these, so a prefix holding one (县委县政府 → 县委县 + 政府) is not a
# place, and the name is not split there.
_NOT_IN_PLACE = "委党局厅办"
_PREFIX_RE = re.compile(
    rf"(?:[{_HAN}*](?<![{_NOT_IN_PLACE}]))*"
    rf"(?:{'|'.join(_LEVELS)})(?:级|直属|直)?(?:党工委|党委|委)?"
)
_BARE_PREFIX_RE = re.compile(rf"[{_HAN}*]*")
_TYPE_CODE_RE = re.compile(r"[a-z][a-z0-9_]*")

# -- places as units ---------------------------------------------------------------------------
# A plan lists a lower level by its place name alone (越秀区, 慈溪市) or by its government or
# party committee (海曙区人民政府, 越秀区委). Both stand for a subordinate government.
_SUBORDINATE = "subordinate_govs"
# Types that are "the government / party committee of the place in the prefix".
_PLACE_BODIES = frozenset({"government", "party_committee"})
_PLACE_TAIL_RE = re.compile(r"(?:级|直属|直)?(?:党工委|党委|委)?$")
_LEVEL_AT_END_RE = re.compile(rf"(?:{'|'.join(_LEVELS)})$")
_LEVEL_WORD_RE = re.compile("|".join(_LEVELS))
# Words that open a collective or deictic name rather than a place: 全市, 本县, 各区, 有关区.
_DEICTIC_RE = re.compile(
    r"^(?:各有关|各相关|有关|相关|各|全|本|该|我|其他|其余|上级|下级|同级|所在|属地)"
)
# Common nouns written like a place (they end in a level word) that are no place at all.
# fmt: off
_NOT_A_PLACE = frozenset((
    "社区", "小区", "城区", "市区", "郊区", "山区", "库区", "景区", "园区", "校区", "片区",
    "街区", "辖区", "矿区", "林区", "牧区", "灾区", "老区", "新区", "城镇", "小镇", "集镇",
    "城乡", "城市", "超市", "都市", "夜市", "集市", "门市",
    "老城区", "主城区", "中心城区", "新城区", "小城镇", "特色小镇", "农村社区", "城市社区",
))
# fmt: on
# Endings of areas that are no jurisdiction: 农村社区, 粤港澳大湾区, 长江经济区.
_NOT_A_PLACE_ENDINGS = ("社区", "湾区", "经济区", "都市区")
# Slogans naming the goal a place sets itself (产业强市, 生态立县, 科教兴市, 人才强省): no
# place is called so (绍兴市, 宜兴市 and 长兴县 have no field word before 兴).
_SLOGAN_RE = re.compile(r"(?:强|立|(?:教|才|业|游|化|技|质)兴)(?:省|市|县|区)$")
# Administrative rank of a level word: 1 province, 2 prefecture, 3 county, 4 township. 市 may be
# a prefecture-level or a county-level city; a municipality (北京市) is provincial.
_LEVEL_RANKS: dict[str, tuple[int, ...]] = {
    "特别行政区": (1,),
    "自治区": (1,),
    "省": (1,),
    "自治州": (2,),
    "地区": (2,),
    "州": (2,),
    "盟": (2,),
    "市": (2, 3),
    "自治县": (3,),
    "自治旗": (3,),
    "县": (3,),
    "区": (3,),
    "旗": (3,),
    "街道": (4,),
    "镇": (4,),
    "乡": (4,),
}
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
# The document's level as written in a manifest (English or Chinese), most specific first.
_DOC_LEVEL_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (4, ("subdistrict", "township", "town", "street", "village", "街道", "乡", "镇")),
    (3, ("county", "district", "banner", "县", "区", "旗")),
    (2, ("prefecture", "sub-provincial", "city", "league", "地级", "副省级", "州", "盟", "市")),
    (1, ("province", "autonomous region", "municipality", "省", "自治区", "直辖市")),
)

_BRACKETS = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "〔": "(",
        "〕": ")",
        "【": "(",
        "】": ")",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "〖": "(",
        "〗": ")",
        "﹝": "(",
        "﹞": ")",
    }
)
_INVISIBLE_RE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]+")
# XX and ×× are template placeholders (XX县人社局); a single X may be part of a name.
_REDACTION_RE = re.compile(r"\(略\)|X{2,}|[*?□■×◻◼▢○●◯]+")
_STARS_RE = re.compile(r"\*+")
_EDGE_PUNCT = ",.;:!、。，；：！\"'“”‘’"
_TRAILING_OTHER_NAME_RE = re.compile(r"\(([^()、,，]{2,20})\)$")
_BRACKETED_RE = re.compile(r"\([^()]*\)")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a written unit name resolved to, and why.

    Attributes
    ----------
    raw : str
        The name as given.
    normalized : str
        The name after normalisation (see :func:`normalize_name`); redactions are ``*``.
    agency_type : str or None
        The type code, or None when the name is not in the lexicon (or is too damaged).
    type_en, system : str or None
        The type's English name and system, None when unknown.
    inferred : bool
        True when the type was read off a redacted name whose surviving part fits one type only.
    rule : str
        A human-readable reason: the alias or pattern that matched, the prefix stripped, the
        brackets set aside; or why nothing matched.
    alias : str or None
        The lexicon entry that matched (its file and line are in ``rule``); for an inferred
        type, the aliases the redacted name fits.
    prefix : str
        The place prefix that was stripped ('' when none).
    """

    raw: str
    normalized: str
    agency_type: str | None
    type_en: str | None
    system: str | None
    inferred: bool
    rule: str
    alias: str | None = None
    prefix: str = ""


class _Entry(NamedTuple):
    alias: str  # as written in the file
    key: str  # normalised (exact, suffix) or the regular expression (pattern)
    agency_type: str
    kind: str
    source: str  # "file:line"


class _Hit(NamedTuple):
    length: int
    rank: int
    entry: _Entry
    prefix: str
    core: str


_KIND_RANK = {"exact": 2, "suffix": 1, "pattern": 0}


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def normalize_name(name: str) -> str:
    """Normalise a written unit name for lookup.

    NFKC (full-width letters and digits become ASCII), every whitespace and zero-width
    character removed (U+3000, U+00A0, U+200B, ...), all brackets written ``()``, traditional
    characters simplified, punctuation at either end dropped, and every redaction mark
    ((略), *, □, ■, ×, ?, ○ ...) written as a single ``*``.

    Parameters
    ----------
    name : str
        A unit name as written.

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_name("市總工會")
    '市总工会'
    >>> normalize_name("市委组织部（市委人才办）")
    '市委组织部(市委人才办)'
    >>> normalize_name(" (略) 信办")
    '*信办'
    """
    s = unicodedata.normalize("NFKC", name)
    s = _INVISIBLE_RE.sub("", s)
    s = s.translate(_BRACKETS).translate(ts_table())
    s = s.strip(_EDGE_PUNCT)
    s = _REDACTION_RE.sub("*", s)
    return _STARS_RE.sub("*", s)


class Lexicon:
    """A loaded lexicon: the type table, the alias rules and a memo of resolved names.

    Build one with :func:`load_lexicon`; pass it to :func:`resolve` and the table functions.

    Attributes
    ----------
    types : pandas.DataFrame
        ``agency_type, type_en, type_zh, system``, in file order.
    aliases : pandas.DataFrame
        ``alias, agency_type, kind, note, source`` (``source`` is ``file:line``), one row per
        rule as read, before the generated 局 → 厅 variants.
    """

    def __init__(self, types: pd.DataFrame, aliases: pd.DataFrame, entries: list[_Entry]):
        self.types = types
        self.aliases = aliases
        self._info: dict[str, tuple[str, str]] = {
            row.agency_type: (row.type_en, row.system) for row in types.itertuples(index=False)
        }
        self._exact: dict[str, _Entry] = {}
        self._suffix: dict[str, _Entry] = {}
        self._patterns: list[tuple[re.Pattern[str], _Entry]] = []
        for entry in entries:
            if entry.kind == "exact":
                self._exact[entry.key] = entry
            elif entry.kind == "suffix":
                self._suffix[entry.key] = entry
            else:
                self._patterns.append((re.compile(entry.key), entry))
        self._max_core = max(map(len, [*self._exact, *self._suffix]), default=0)
        self._memo: dict[str, Resolution] = {}
        # All patterns in one alternation, which fullmatches a text exactly when one of them
        # does: most texts fit none, and one test then replaces one per pattern (issue 19).
        # None: each pattern is tested (patterns that cannot be joined, with inline flags).
        self._any_pattern: re.Pattern[str] | None = None
        with contextlib.suppress(re.error):
            self._any_pattern = re.compile(
                "|".join(f"(?:{rx.pattern})" for rx, _ in self._patterns)
            )

    def __repr__(self) -> str:
        return f"<Lexicon: {len(self.types)} types, {len(self.aliases)} aliases>"

    def type_info(self, agency_type: str) -> tuple[str, str]:
        """Return ``(type_en, system)`` of a type code (KeyError if unknown)."""
        return self._info[agency_type]

    def resolve(self, name: str) -> Resolution:
        """Resolve one name with this lexicon (memoised); see :func:`resolve`."""
        raw = name if isinstance(name, str) else ("" if _missing(name) else str(name))
        hit = self._memo.get(raw)
        if hit is None:
            hit = self._resolve(raw)
            self._memo[raw] = hit
        return hit

    # -- matching ----------------------------------------------------------------------------

    def _hits(self, s: str) -> list[_Hit]:
        hits: list[_Hit] = []
        for i in range(len(s)):
            prefix, core = s[:i], s[i:]
            placed = i == 0 or (len(prefix) <= _MAX_PLACE_CHARS and _PREFIX_RE.fullmatch(prefix))
            bare = i == 0 or (len(prefix) <= _MAX_PLACE_CHARS and _BARE_PREFIX_RE.fullmatch(prefix))
            if placed:
                entry = self._exact.get(core)
                if entry is not None:
                    hits.append(_Hit(len(core), 2, entry, prefix, core))
                if self._patterns and (
                    self._any_pattern is None or self._any_pattern.fullmatch(core)
                ):
                    for rx, entry in self._patterns:
                        if rx.fullmatch(core):
                            hits.append(_Hit(len(core), 0, entry, prefix, core))
            if bare:
                entry = self._suffix.get(core)
                if entry is not None:
                    hits.append(_Hit(len(core), 1, entry, prefix, core))
        return hits

    def _redacted_types(self, s: str) -> dict[str, list[str]]:
        """Types whose aliases fit the redacted name ``s``, with the aliases that fit."""
        fits: dict[str, list[str]] = {}
        keys = [*self._exact.items(), *self._suffix.items()]
        for i in range(len(s)):
            prefix, core = s[:i], s[i:]
            if "*" not in core:
                continue
            if i and not (len(prefix) <= _MAX_PLACE_CHARS and _PREFIX_RE.fullmatch(prefix)):
                continue
            parts = [re.escape(p) for p in core.split("*")]
            # A mark at the very start may stand for the place alone, one at the very end for a
            # note after the name; one inside hides part of the unit's own name, so at least one
            # character.
            head = ".*" if i == 0 and not parts[0] else ""
            tail = ".*" if len(parts) > 1 and not parts[-1] else ""
            inner = parts[1 if head else 0 : -1 if tail else None]
            rx = re.compile(head + ".+".join(inner) + tail)
            for key, entry in keys:
                if rx.fullmatch(key):
                    fits.setdefault(entry.agency_type, []).append(entry.alias)
        return fits

    def _found(self, raw: str, norm: str, hit: _Hit, why: str) -> Resolution:
        type_en, system = self._info[hit.entry.agency_type]
        how = {"exact": "alias", "suffix": "suffix alias", "pattern": "pattern"}[hit.entry.kind]
        rule = f"{how} {hit.entry.alias!r} ({hit.entry.source})"
        if hit.prefix:
            rule += f" after place prefix {hit.prefix!r}"
        return Resolution(
            raw,
            norm,
            hit.entry.agency_type,
            type_en,
            system,
            False,
            rule + why,
            hit.entry.alias,
            hit.prefix,
        )

    def _best(self, hits: list[_Hit]) -> tuple[_Hit | None, str]:
        if not hits:
            return None, "no alias fits"
        top = max((h.length, h.rank) for h in hits)
        best = [h for h in hits if (h.length, h.rank) == top]
        types = sorted({h.entry.agency_type for h in best})
        if len(types) > 1:
            return None, f"ambiguous: fits {', '.join(types)} equally well"
        return best[0], ""

    def _resolve(self, raw: str) -> Resolution:
        norm = normalize_name(raw)
        if not norm:
            return Resolution(raw, norm, None, None, None, False, "empty name")
        tries = [(norm, "")]
        unbracketed = norm
        while _BRACKETED_RE.search(unbracketed):
            unbracketed = _BRACKETED_RE.sub("", unbracketed)
        if unbracketed != norm and unbracketed:
            tries.append((unbracketed, f"; bracketed part of {norm!r} set aside"))
            # the unit's other name in brackets, where the name outside is unknown:
            # 新区经济发展局(区经信局)
            other = _TRAILING_OTHER_NAME_RE.search(norm)
            if other:
                tries.append((other.group(1), f"; read by its other name in brackets in {norm!r}"))
        reason = "no alias fits"
        for text, why in tries:
            hit, reason = self._best(self._hits(text))
            if hit is not None:
                return self._found(raw, norm, hit, why)
            if reason != "no alias fits":
                return Resolution(raw, norm, None, None, None, False, reason)
        if "*" in norm:
            for text, why in tries:
                fits = self._redacted_types(text)
                if len(fits) == 1:
                    (agency_type, aliases), *_ = fits.items()
                    type_en, system = self._info[agency_type]
                    shown = ", ".join(sorted(set(aliases))[:3])
                    rule = f"redacted: {text!r} fits only aliases of {agency_type} ({shown}){why}"
                    return Resolution(raw, norm, agency_type, type_en, system, True, rule, shown)
                if len(fits) > 1:
                    return Resolution(
                        raw,
                        norm,
                        None,
                        None,
                        None,
                        False,
                        f"redacted: {text!r} fits {len(fits)} types "
                        f"({', '.join(sorted(fits)[:5])}{', ...' if len(fits) > 5 else ''})",
                    )
            return Resolution(raw, norm, None, None, None, False, "redacted: no type fits")
        if _SUBORDINATE in self._info:
            for text, why in tries:
                if _named_place(text):
                    type_en, system = self._info[_SUBORDINATE]
                    rule = f"bare place name {text!r}: a subordinate government{why}"
                    return Resolution(
                        raw, norm, _SUBORDINATE, type_en, system, False, rule, None, text
                    )
        return Resolution(raw, norm, None, None, None, False, reason)

    def resolve_in(
        self, name: str, place: str | None = None, level: str | None = None
    ) -> Resolution:
        """Resolve a name as written in a plan of ``place`` (and ``level``); see :func:`resolve`."""
        hit = self.resolve(name)
        return _in_context(hit, place, level, self) if place or level else hit


# -- places as units --------------------------------------------------------------------------


def _place_stem(place: str) -> str:
    """A place without a trailing 级/直/委 and a leading collective word: 宁波市委 → 宁波市."""
    return _DEICTIC_RE.sub("", _PLACE_TAIL_RE.sub("", place, count=1))


def _proper_name(place: str) -> str:
    """What is left of a place once its level words are gone: 宁波市海曙区 → 宁波海曙; 市级 → ''."""
    return _LEVEL_WORD_RE.sub("", _place_stem(place))


def _named_place(text: str) -> bool:
    """Whether ``text`` is a place name and nothing else (越秀区, 慈溪市, 宁波市海曙区)."""
    if "*" in text or len(text) > _MAX_PLACE_CHARS or not _PREFIX_RE.fullmatch(text):
        return False
    stem = _PLACE_TAIL_RE.sub("", text, count=1)
    if _DEICTIC_RE.match(stem) or stem in _NOT_A_PLACE or stem.endswith(_NOT_A_PLACE_ENDINGS):
        return False
    if _SLOGAN_RE.search(text):
        return False
    return bool(_proper_name(stem))


def _place_ranks(place: str) -> tuple[int, ...]:
    """The ranks a place's level word may stand for (市: prefecture or county level)."""
    stem = _place_stem(place)
    found = _LEVEL_AT_END_RE.search(stem)
    if found is None:
        return ()
    if found.group(0) == "市" and stem[:-1] in _MUNICIPALITIES:
        return (1,)
    return _LEVEL_RANKS[found.group(0)]


def _doc_rank(place: str | None, level: str | None) -> int | None:
    """The document's administrative rank, from its level (``county-level city``) or place."""
    text = (level or "").strip().lower()
    if text in {"省", "自治区", "直辖市", "特别行政区"}:
        return 1
    for rank, words in _DOC_LEVEL_WORDS:
        if text and any(w in text for w in words):
            return rank
    ranks = _place_ranks(normalize_name(place or ""))
    return min(ranks) if ranks else None


def _same_place(written: str, own: str) -> bool:
    """Whether a written place is the document's own (宁波市 in a plan of 浙江省宁波市)."""
    a, b = _place_stem(written), _place_stem(normalize_name(own))
    if not a or not b:
        return False
    if a == b or a.endswith(b) or b.endswith(a):
        return True
    a, b = _LEVEL_AT_END_RE.sub("", a), _LEVEL_AT_END_RE.sub("", b)
    return len(a) >= 2 and len(b) >= 2 and (a == b or a.endswith(b) or b.endswith(a))


def _in_context(hit: Resolution, place: str | None, level: str | None, lex: Lexicon) -> Resolution:
    """Re-read a place's government in the light of the plan's own place and level.

    A bare place name is the plan's own government when it is the plan's place, a subordinate
    government when it may be below the plan's level, and unknown otherwise (a superior or a
    peer). A government or party committee written after a place (越秀区人民政府, 区委) is a
    subordinate government when that place is not the plan's own and may be below its level; a
    bare level (区, 县) counts by its own rank (区政府 in a city plan), a named place by the
    lowest it may be (慈溪市 in a Ningbo plan).
    """
    bare = hit.agency_type == _SUBORDINATE and hit.alias is None and bool(hit.prefix)
    placed = hit.agency_type in _PLACE_BODIES and bool(hit.prefix)
    if not (bare or placed) or _SUBORDINATE not in lex._info:
        return hit
    # A redacted or template place (XX镇) may be any place of its level: judged by its level.
    masked = "*" in hit.prefix
    named = bool(_proper_name(hit.prefix)) and not masked
    if named and place and _same_place(hit.prefix, place):
        if bare and "government" in lex._info:
            type_en, system = lex.type_info("government")
            rule = (
                f"{hit.rule}; but {hit.prefix!r} is the plan's own place ({place}): its government"
            )
            return dataclasses.replace(
                hit, agency_type="government", type_en=type_en, system=system, rule=rule
            )
        return hit
    ranks, rank = _place_ranks(hit.prefix), _doc_rank(place, level)
    if not ranks or rank is None:
        return hit
    below = (max(ranks) if named else min(ranks)) > rank
    if below and placed:
        type_en, system = lex.type_info(_SUBORDINATE)
        rule = f"{hit.rule}; {hit.prefix!r} is below the plan's level: a subordinate government"
        return dataclasses.replace(
            hit, agency_type=_SUBORDINATE, type_en=type_en, system=system, rule=rule
        )
    if not below and bare:
        rule = f"{hit.rule}; but {hit.prefix!r} is not below the plan's level: unknown"
        return dataclasses.replace(hit, agency_type=None, type_en=None, system=None, rule=rule)
    return hit


# -- loading ---------------------------------------------------------------------------------

ExtraAliases = str | Path | pd.DataFrame | Iterable[str | Path | pd.DataFrame | tuple]


def _csv_rows(
    text: str, label: str, columns: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise LexiconError(f"{label}:1: missing column(s) {', '.join(missing)}")
    for row in reader:
        if not any((v or "").strip() for k, v in row.items() if k is not None):
            continue
        yield reader.line_num, {k: (row.get(k) or "").strip() for k in header if k is not None}


def _read_types(text: str, label: str) -> pd.DataFrame:
    seen: dict[str, int] = {}
    records = []
    for line, row in _csv_rows(text, label, TYPE_COLUMNS):
        code = row["agency_type"]
        if not _TYPE_CODE_RE.fullmatch(code):
            raise LexiconError(
                f"{label}:{line}: bad type code {code!r} (lower-case ASCII, digits, _)"
            )
        if code in seen:
            raise LexiconError(
                f"{label}:{line}: type {code!r} already defined on line {seen[code]}"
            )
        if row["system"] not in SYSTEMS:
            raise LexiconError(
                f"{label}:{line}: system {row['system']!r} of {code!r} "
                f"is not one of {', '.join(SYSTEMS)}"
            )
        if not row["type_en"]:
            raise LexiconError(f"{label}:{line}: type {code!r} has no type_en")
        seen[code] = line
        records.append({c: row[c] for c in TYPE_COLUMNS})
    return pd.DataFrame.from_records(records, columns=list(TYPE_COLUMNS))


def _alias_rows(rows: Iterable[tuple[int, dict[str, str]]], label: str) -> Iterator[dict[str, str]]:
    for line, row in rows:
        yield {
            "alias": row.get("alias", ""),
            "agency_type": row.get("agency_type", ""),
            "kind": row.get("kind", "") or "exact",
            "note": row.get("note", ""),
            "source": f"{label}:{line}",
        }


def _extra_rows(extra: ExtraAliases) -> Iterator[dict[str, str]]:
    if isinstance(extra, (str, Path)):
        path = Path(extra)
        from agencygraph.corpus import read_text_file

        try:
            # Excel on a Chinese Windows saves CSV as GBK: detect it as a plan's encoding is.
            text = read_text_file(path)
        except InputError as err:
            raise LexiconError(f"{err} (alias file)") from None
        yield from _alias_rows(_csv_rows(text, str(path), ("alias", "agency_type")), str(path))
    elif isinstance(extra, pd.DataFrame):
        frame = extra.fillna("").astype(str)
        missing = [c for c in ("alias", "agency_type") if c not in frame.columns]
        if missing:
            raise LexiconError(f"<DataFrame>:1: missing column(s) {', '.join(missing)}")
        # Line numbers as if the frame were a CSV file with a header row.
        rows = (
            (n + 2, {k: v.strip() for k, v in row.items()})
            for n, row in enumerate(frame.to_dict("records"))
        )
        yield from _alias_rows(rows, "<DataFrame>")
    else:
        for n, item in enumerate(extra, start=1):
            if isinstance(item, tuple):
                values = [str(v).strip() for v in item]
                keys = ALIAS_COLUMNS[: len(values)]
                yield from _alias_rows([(n, dict(zip(keys, values, strict=True)))], "<extra>")
            else:
                yield from _extra_rows(item)


def _nearest(value: str, valid: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest valid values, or ``""``."""
    import difflib

    near = difflib.get_close_matches(value, list(valid), n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(repr(v) for v in near)}?)" if near else ""


def _build(types: pd.DataFrame, alias_rows: Iterable[dict[str, str]]) -> Lexicon:
    known = set(types["agency_type"])
    taken: dict[tuple[str, str], _Entry] = {}
    entries: list[_Entry] = []
    records = []
    for row in alias_rows:
        where, alias, code, kind = row["source"], row["alias"], row["agency_type"], row["kind"]
        if not alias:
            raise LexiconError(f"{where}: empty alias")
        if kind not in KINDS:
            raise LexiconError(
                f"{where}: kind {kind!r} of {alias!r} is not one of {', '.join(KINDS)}"
                + _nearest(kind, KINDS)
            )
        if code not in known:
            raise LexiconError(
                f"{where}: alias {alias!r} maps to unknown type {code!r}"
                + (_nearest(code, sorted(known)) or " (none near)")
                + "; `agencygraph types` lists the types"
            )
        if kind == "pattern":
            try:
                re.compile(alias)
            except re.error as err:
                raise LexiconError(f"{where}: bad pattern {alias!r}: {err}") from err
            key, space = alias, "pattern"
        else:
            key, space = normalize_name(alias), "name"
            if not key or "*" in key:
                raise LexiconError(f"{where}: alias {alias!r} is empty or redacted once normalised")
        entry = _Entry(alias, key, code, kind, where)
        before = taken.get((space, key))
        if before is not None:
            if before.agency_type != code:
                raise LexiconError(
                    f"{where}: alias {alias!r} maps to {code!r} but to {before.agency_type!r} "
                    f"at {before.source}"
                )
            continue
        taken[(space, key)] = entry
        entries.append(entry)
        records.append({**{c: row[c] for c in ALIAS_COLUMNS}, "source": where})
    # Provincial departments are 厅 where city and county ones are 局 (人力资源和社会保障厅).
    for entry in list(entries):
        if entry.kind == "exact" and entry.key.endswith("局"):
            key = entry.key[:-1] + "厅"
            if ("name", key) not in taken:
                variant = entry._replace(key=key, source=f"{entry.source}, 局→厅")
                taken[("name", key)] = variant
                entries.append(variant)
    aliases = pd.DataFrame.from_records(records, columns=[*ALIAS_COLUMNS, "source"])
    return Lexicon(types, aliases, entries)


def _bundled_text(name: str) -> tuple[str, str]:
    resource = resources.files("agencygraph").joinpath("data", name)
    # The bare file name keeps rules and messages short; the folder is always data/.
    return resource.read_text(encoding="utf-8-sig"), name


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _load(None)


def _load(extra: ExtraAliases | None) -> Lexicon:
    types_text, types_label = _bundled_text(_TYPES_FILE)
    types = _read_types(types_text, types_label)
    alias_text, alias_label = _bundled_text(_ALIASES_FILE)
    rows: Iterable[dict[str, str]] = _alias_rows(
        _csv_rows(alias_text, alias_label, ALIAS_COLUMNS), alias_label
    )
    if extra is not None:
        rows = [*rows, *_extra_rows(extra)]
    return _build(types, rows)


def load_lexicon(extra: ExtraAliases | None = None) -> Lexicon:
    """Load the bundled lexicon, optionally extended with your own aliases.

    Parameters
    ----------
    extra : str, Path, DataFrame, or iterable of these or of tuples, optional
        More alias rules. A CSV file (UTF-8) or DataFrame with the columns of the bundled
        ``agency_aliases.csv``: ``alias, agency_type`` and optionally ``kind`` (``exact``, the
        default; ``suffix``; ``pattern``) and ``note``. A tuple is one rule written
        ``(alias, agency_type[, kind[, note]])``. Every ``agency_type`` must be a bundled type.
        Write an alias without its place, as the bundled file does (产改办, not 市产改办): place
        prefixes are stripped from names, never from aliases, since 市场监管局 begins with 市.

    Returns
    -------
    Lexicon
        Without ``extra`` the same (cached) object on every call.

    Raises
    ------
    LexiconError
        Naming the file and line of an alias that maps to an unknown type, that maps to a
        different type than the same alias elsewhere (in the bundled file or your own), or whose
        kind or pattern is invalid.

    Examples
    --------
    >>> lex = load_lexicon([("产改办", "union", "exact", "industrial workforce reform office")])
    >>> resolve("县产改办", lex).agency_type
    'union'
    """
    if extra is None:
        return _default_lexicon()
    return _load(extra)


def resolve(
    name: str,
    lexicon: Lexicon | None = None,
    *,
    place: str | None = None,
    level: str | None = None,
) -> Resolution:
    """Resolve a written unit name to its agency type.

    Parameters
    ----------
    name : str
        A unit name as written (any width, traditional or simplified, with or without a place).
    lexicon : Lexicon, optional
        From :func:`load_lexicon`; default the bundled lexicon.
    place, level : str, optional
        The plan's own place (``place_zh``, 宁波市) and administrative level (``level`` of the
        manifest: ``prefecture-level city``, 县 ...). With them a place's government is read
        as the plan's own or a subordinate one (see "Places as units" in the module notes);
        without them a bare place name is a subordinate government and 宁波市人民政府 is
        ``government``.

    Returns
    -------
    Resolution
        ``agency_type`` is None when the name is not a unit the lexicon knows, or when a
        redaction leaves it open; ``rule`` says why.

    Examples
    --------
    >>> resolve("云南省人力资源和社会保障厅").agency_type
    'hrss'
    >>> r = resolve("市委组织部（市委人才办）")
    >>> r.agency_type, r.prefix
    ('org', '市委')
    >>> resolve("市(略)").agency_type is None
    True
    >>> resolve("越秀区人民政府", place="广州市", level="prefecture-level city").agency_type
    'subordinate_govs'
    >>> resolve("广州市人民政府", place="广州市", level="prefecture-level city").agency_type
    'government'
    """
    return (lexicon or _default_lexicon()).resolve_in(name, place, level)


def agency_types(lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Return the type table: ``agency_type, type_en, type_zh, system``.

    Examples
    --------
    >>> types = agency_types()
    >>> types.set_index("agency_type").loc["hrss", "system"]
    'government'
    """
    return (lexicon or _default_lexicon()).types.copy()


# -- tables ----------------------------------------------------------------------------------


def _require(table: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{what} lacks column(s) {', '.join(missing)}")


def _raw(table: pd.DataFrame) -> pd.Series:
    return table["agency_raw"].fillna("").astype(str)


def _contexts(documents: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """``doc_id → (place_zh, level)`` of the documents that have either."""
    if documents is None or "doc_id" not in documents.columns:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for row in documents.itertuples(index=False):
        place, level = getattr(row, "place_zh", ""), getattr(row, "level", "")
        place = place.strip() if isinstance(place, str) else ""
        level = level.strip() if isinstance(level, str) else ""
        if place or level:
            out[str(row.doc_id)] = (place, level)
    return out


def _type_of(
    raw: pd.Series,
    lexicon: Lexicon,
    doc_ids: pd.Series | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.Series:
    # Resolve each distinct spelling once: tables repeat a few hundred names many times.
    found = {name: lexicon.resolve(name) for name in raw.unique()}
    contexts = _contexts(documents) if doc_ids is not None else {}
    if not contexts:
        return raw.map({name: hit.agency_type or "" for name, hit in found.items()}).astype(object)
    memo: dict[tuple[str, str], str] = {}
    types = []
    # Plain object arrays: iterating a Series of pandas' Arrow strings costs a call per item.
    docs = doc_ids.fillna("").astype(str).to_numpy(dtype=object)
    for doc, name in zip(docs, raw.to_numpy(dtype=object), strict=True):
        key = (doc, name)
        if key not in memo:
            hit, context = found[name], contexts.get(doc)
            if context is not None:
                hit = _in_context(hit, *context, lexicon)
            memo[key] = hit.agency_type or ""
        types.append(memo[key])
    return pd.Series(types, index=raw.index, dtype=object)


def resolve_table(
    assignments: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Fill ``agency_type`` (and ``agency_id``) of an assignments or mentions table.

    Parameters
    ----------
    assignments : pandas.DataFrame
        With at least ``doc_id, agency_raw`` (``assignments.csv`` or ``mentions.csv``).
    documents : pandas.DataFrame, optional
        The documents table. Its ``place_zh`` and ``level`` tell a plan's own government
        from a subordinate one (越秀区政府 in a Guangzhou plan is ``subordinate_govs``); the
        ids' place key is the ``doc_id`` (``haimen:hrss``).
    lexicon : Lexicon, optional
        Default the bundled lexicon.

    Returns
    -------
    pandas.DataFrame
        A copy with every row kept, in order: ``agency_type`` filled ('' when unknown) and, if
        the table has an ``agency_id`` column, ``agency_id = doc_id:agency_type`` ('' when
        unknown). Existing values of both columns are overwritten.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["haimen", "haimen"], "agency_raw": ["市人社局", "企业"],
    ...                   "agency_id": ["", ""]})
    >>> resolve_table(t)[["agency_id", "agency_type"]].to_dict("list")
    {'agency_id': ['haimen:hrss', ''], 'agency_type': ['hrss', '']}
    """
    _require(assignments, ("doc_id", "agency_raw"), "the table")
    lex = lexicon or _default_lexicon()
    out = assignments.copy()
    agency_type = _type_of(_raw(out), lex, out["doc_id"], documents)
    out["agency_type"] = agency_type
    if "agency_id" in out.columns:
        doc = out["doc_id"].fillna("").astype(str).astype(object)
        out["agency_id"] = (doc + ":" + agency_type).where(agency_type != "", "").astype(object)
    return out


def _place_names(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is None or "doc_id" not in documents.columns:
        return {}
    names: dict[str, str] = {}
    for row in documents.itertuples(index=False):
        # English names take the place's English name only: never its Chinese name or a
        # file name (东城区_实施方案 Federation of Trade Unions).
        value = getattr(row, "place_en", "")
        names[str(row.doc_id)] = value.strip() if isinstance(value, str) else ""
    return names


def agencies_table(
    assignments: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """One row per resolved agency (place × type), with lead and support counts.

    Parameters
    ----------
    assignments : pandas.DataFrame
        With ``doc_id, agency_raw`` and ``role`` (``lead`` or ``support``; without a ``role``
        column both counts are 0). Types are resolved afresh from ``agency_raw``.
    documents : pandas.DataFrame, optional
        ``doc_id, place_en`` for the English names; without a ``place_en`` the English
        name is the type's alone (never a file name). ``place_zh`` and ``level`` also tell
        the plan's own government from a subordinate one, as in :func:`resolve_table`.
    lexicon : Lexicon, optional
        Default the bundled lexicon.

    Returns
    -------
    pandas.DataFrame
        Columns ``agency_id, doc_id, name_zh, name_en, agency_type, type_en, system, n_lead,
        n_support, n_responsible`` (measures where the agency is named jointly responsible with
        no lead), ``collective`` (``True`` where every spelling of the agency in the plan names
        a set of units jointly, such as 各县(区)党委和政府 or 各有关单位:
        :func:`agencygraph.units.is_collective`), sorted by ``agency_id``. ``name_zh`` is the
        spelling written most often in that document (ties: the shortest, then the first in
        code-point order); ``name_en`` is the place and the type (``Haimen Finance Bureau``;
        aggregates ``Lijiang: ...``), the type alone where the place has no English name.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["haimen"] * 3, "role": ["lead", "support", "support"],
    ...                   "agency_raw": ["市人社局", "市人力社保局", "市人社局"]})
    >>> d = pd.DataFrame({"doc_id": ["haimen"], "place_en": ["Haimen"]})
    >>> agencies_table(a, d)[["agency_id", "name_zh", "n_lead", "n_support"]].to_dict("records")
    [{'agency_id': 'haimen:hrss', 'name_zh': '市人社局', 'n_lead': 1, 'n_support': 2}]
    """
    _require(assignments, ("doc_id", "agency_raw"), "the assignments table")
    lex = lexicon or _default_lexicon()
    frame = pd.DataFrame(
        {
            "doc_id": assignments["doc_id"].fillna("").astype(str).astype(object),
            "agency_raw": _raw(assignments).astype(object),
        }
    )
    frame["agency_type"] = _type_of(frame["agency_raw"], lex, frame["doc_id"], documents)
    if "role" in assignments.columns:
        role = assignments["role"].fillna("").astype(str).str.strip().str.lower()
    else:
        role = pd.Series("", index=assignments.index)
    for name in _ROLE_COUNTS:
        frame[name] = (role == name).to_numpy().astype(int)
    frame["collective"] = units.is_collective(frame["agency_raw"], frame["agency_type"])
    frame = frame[frame["agency_type"] != ""]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in AGENCY_COLUMNS}).astype(
            {f"n_{name}": "int64" for name in _ROLE_COUNTS} | {"collective": bool}
        )
    keys = ["doc_id", "agency_type"]
    counts = frame.groupby(keys, sort=True)[list(_ROLE_COUNTS)].sum().reset_index()
    # An agency is collective when every spelling of it in the plan names a group.
    collective = frame.groupby(keys, sort=True)["collective"].all().reset_index(drop=True)
    spellings = frame.groupby([*keys, "agency_raw"]).size().rename("n").reset_index()
    spellings["length"] = spellings["agency_raw"].str.len()
    spellings = spellings.sort_values(
        [*keys, "n", "length", "agency_raw"], ascending=[True, True, False, True, True]
    ).drop_duplicates(keys)
    out = counts.merge(spellings[[*keys, "agency_raw"]], on=keys, how="left")
    places = _place_names(documents)
    info = {code: lex.type_info(code) for code in out["agency_type"].unique()}

    def english(doc_id: str, code: str) -> str:
        type_en, system = info[code]
        place = places.get(doc_id, "")
        if not place:
            return type_en
        return f"{place}: {type_en}" if system == "aggregate" else f"{place} {type_en}"

    result = pd.DataFrame(
        {
            "agency_id": (out["doc_id"] + ":" + out["agency_type"]).astype(object),
            "doc_id": out["doc_id"].astype(object),
            "name_zh": out["agency_raw"].astype(object),
            "name_en": [
                english(d, c) for d, c in zip(out["doc_id"], out["agency_type"], strict=True)
            ],
            "agency_type": out["agency_type"].astype(object),
            "type_en": [info[c][0] for c in out["agency_type"]],
            "system": [info[c][1] for c in out["agency_type"]],
            "n_lead": out["lead"].astype("int64"),
            "n_support": out["support"].astype("int64"),
            "n_responsible": out["responsible"].astype("int64"),
            "collective": collective.to_numpy(dtype=bool),
        }
    )
    return result.sort_values("agency_id", kind="stable").reset_index(drop=True)


# Roles counted per agency (agencies.csv: n_lead, n_support, n_responsible).
_ROLE_COUNTS = ("lead", "support", "responsible")


def unknown_agencies(
    table: pd.DataFrame,
    lexicon: Lexicon | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """List the unit names the lexicon could not resolve.

    Parameters
    ----------
    table : pandas.DataFrame
        With ``doc_id, agency_raw`` and ``line`` (assignments or mentions). Blank names are
        not units and are left out.
    lexicon : Lexicon, optional
        Default the bundled lexicon.
    documents : pandas.DataFrame, optional
        ``doc_id, place_zh, level``: read place names in the light of each plan's own place,
        as :func:`resolve_table` does (a bare superior place is then unknown).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, agency_raw, line, count``: one row per document and spelling, ``line`` the
        first line it is on, ``count`` how often it occurs; sorted by ``doc_id, line,
        agency_raw``. Header only when every name resolved.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["lijiang"] * 3, "agency_raw": ["市(略)", "市(略)", "市人社局"],
    ...                   "line": [40, 12, 12]})
    >>> unknown_agencies(t).to_dict("records")
    [{'doc_id': 'lijiang', 'agency_raw': '市(略)', 'line': 12, 'count': 2}]
    """
    _require(table, ("doc_id", "agency_raw"), "the table")
    lex = lexicon or _default_lexicon()
    frame = pd.DataFrame(
        {
            "doc_id": table["doc_id"].fillna("").astype(str).astype(object),
            "agency_raw": _raw(table).astype(object),
            "line": pd.to_numeric(table["line"], errors="coerce")
            if "line" in table.columns
            else float("nan"),
        }
    )
    frame = frame[frame["agency_raw"].str.strip() != ""]
    frame = frame[_type_of(frame["agency_raw"], lex, frame["doc_id"], documents) == ""]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in UNKNOWN_COLUMNS}).astype(
        {"line": "int64", "count": "int64"}
    )
    if frame.empty:
        return empty
    out = (
        frame.groupby(["doc_id", "agency_raw"], sort=True)
        .agg(line=("line", "min"), count=("line", "size"))
        .reset_index()
    )
    if out["line"].notna().all():
        out["line"] = out["line"].astype("int64")
    else:
        out["line"] = out["line"].astype("Int64")
    out["count"] = out["count"].astype("int64")
    out = out.sort_values(["doc_id", "line", "agency_raw"], kind="stable").reset_index(drop=True)
    return out[list(UNKNOWN_COLUMNS)]
