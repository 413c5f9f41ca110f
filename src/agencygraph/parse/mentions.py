"""Units named in the text of measures (for plans that assign no responsibilities).

A narrative plan names the bodies that act without assigning them: 宁波市总工会获评…,
政府与工会联席会议, 党组织. :func:`find_mentions` finds those names as written, once per
spelling and in order of first appearance, from the vocabulary in
``data/parse_terms.csv``:

- a *body* or *authority* term (工会, 党组织, 市委, 政府 …), optionally preceded by a place
  name, a level (市, 县 …) or a qualifier (基层, 车间班组 …), and followed by an extension
  (办公厅, 常委会);
- a count of departments (宁波市25个部门);
- a bare place name listed beside an authority (中央、省、绍兴市、市委有关政策);
- a place name that opens a clause with a policy verb (宁波市制定…).

Enterprises, schools, social organisations and mechanisms (企业, 院校, 社会组织, 联席会议)
are not units and are never returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from agencygraph.parse._records import parse_terms
from agencygraph.parse._text import squash_spaces

_HAN = r"[\u4e00-\u9fff]"
# Provinces, so that a plan naming its province is read without a gazetteer of every place.
PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
)
_PLACE_SUFFIXES = ("省", "市", "县", "区", "州", "自治区", "街道")
_LEVELS = ("市", "省", "县", "区", "州", "乡", "镇")


def _alternation(terms: Iterable[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


def place_forms(places: Iterable[str]) -> tuple[str, ...]:
    """A place's written forms: 宁波市 → (宁波市, 宁波); provinces included."""
    forms = set()
    for place in [*places, *PROVINCES]:
        place = squash_spaces(place)
        if not place:
            continue
        forms.add(place)
        for suffix in _PLACE_SUFFIXES:
            if place.endswith(suffix) and len(place) - len(suffix) >= 2:
                forms.add(place[: -len(suffix)])
        if place in PROVINCES:
            forms.add(place + ("市" if place in {"北京", "天津", "上海", "重庆"} else "省"))
    return tuple(sorted(forms))


@lru_cache(maxsize=1)
def _patterns():
    """The place-free patterns; a document's own place names are attached after matching."""
    vocab = _mention_vocabulary()
    levels = _alternation(_LEVELS)
    heads = _alternation([*vocab["authority"], *vocab["body"]])
    unit = re.compile(
        rf"(?:{levels})?(?:{_alternation(vocab['qualifier'])})?(?:{heads})"
        rf"(?:{_alternation(vocab['extension'])})?"
    )
    departments = re.compile(rf"(?:{levels})?\d+个部门")
    token = rf"(?:{_alternation(vocab['authority'])}|{_HAN}{{0,3}}?[省市县区])"
    listing = re.compile(rf"{token}(?:、{token})+")
    actor_end = re.compile(rf"[省市县区]?(?:{_alternation(vocab['policy_verb'])})")
    authority = re.compile(rf"^(?:{_alternation(vocab['authority'])})$")
    return unit, departments, listing, actor_end, authority


@lru_cache(maxsize=256)
def _place_forms_longest_first(places: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(place_forms(places), key=len, reverse=True))


def _with_place(flat: str, start: int, forms: tuple[str, ...]) -> int:
    """Start of a unit name extended over the place name written just before it."""
    for form in forms:
        if flat.startswith(form, start - len(form)) and start >= len(form):
            return start - len(form)
    return start


_CLAUSE_START = "。，,；;：:"
_YEAR_RE = re.compile(r"\d{4}年[,，]?$")


def _actors(flat: str, forms: tuple[str, ...], actor_end: re.Pattern[str]):
    """Places that open a clause with a policy verb (宁波市制定…), outside 《titles》."""
    searchable = _outside_titles(flat)
    for form in forms:
        position = searchable.find(form)
        while position >= 0:
            before = searchable[:position]
            opens_clause = not before or before[-1] in _CLAUSE_START or _YEAR_RE.search(before[-7:])
            verb = actor_end.match(searchable, position + len(form))
            if opens_clause and verb:
                suffix = verb.group(0)[:1] if verb.group(0)[:1] in "省市县区" else ""
                yield position, position + len(form) + len(suffix)
            position = searchable.find(form, position + 1)


def _mention_vocabulary() -> dict[str, tuple[str, ...]]:
    terms = parse_terms()
    return {
        kind: terms.get(kind, ())
        for kind in ("authority", "body", "extension", "qualifier", "policy_verb")
    }


def _outside_titles(text: str) -> str:
    """Blank out 《…》 titles so that a place in a document's title is not read as an actor."""
    return re.sub(r"《[^》]*》", lambda m: "#" * len(m.group(0)), text)


def find_mentions(text: str, places: Iterable[str] = ()) -> list[str]:
    """Units named in a measure's text, as written (spaces removed), in order of appearance.

    Parameters
    ----------
    text
        The measure's text.
    places
        Place names of the document (e.g. ``["宁波市"]``), so that 宁波工会 or 宁波市委 are
        read whole.

    Returns
    -------
    list of str
        Each spelling once.

    Examples
    --------
    >>> find_mentions("加强企业基层党组织建设，支持工会组织发挥监督作用。")
    ['企业基层党组织', '工会组织']
    >>> find_mentions("严格落实中央、省、绍兴市、市委有关政策。")
    ['中央', '省', '绍兴市', '市委']
    """
    unit, departments, listing, actor_end, authority = _patterns()
    forms = _place_forms_longest_first(tuple(sorted(set(places))))
    flat = squash_spaces(text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append((start, flat[start:end]))

    for match in departments.finditer(flat):
        add(_with_place(flat, match.start(), forms), match.end())
    for match in listing.finditer(flat):
        tokens = match.group(0).split("、")
        if any(authority.match(t) for t in tokens):
            offset = match.start()
            for token in tokens:
                add(offset, offset + len(token))
                offset += len(token) + 1
    for match in unit.finditer(flat):
        add(_with_place(flat, match.start(), forms), match.end())
    for start, end in _actors(flat, forms, actor_end):
        add(start, end)

    seen: set[str] = set()
    ordered = []
    for _start, name in sorted(found):
        if name not in seen:
            seen.add(name)
            ordered.append(name)
    return ordered
