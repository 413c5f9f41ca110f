"""Notes that give units to several measures at once.

Plans often name the units of a group of measures once: after the group (以上3项由A牵头，B
配合; 上述任务由A负责), before it (以下3项由A牵头：; 下列第4—6项由A、B负责), on the heading of
its section (本部分各项任务除另有标注外，均由A牵头), by item numbers (第1—4项责任单位：A), as a
default in the preamble (各项任务未标明责任单位的，均由A牵头), or once for the measures after
it (…，下同). A measure whose own note names units keeps them; a covering note fills the
measures that name none, and an exception the note states (其中第3项由C牵头，A、B配合; 第（三）
项除外) wins over the rest of the note. This module reads the scope a note states; the
outline parser places the notes among its items and fills the measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agencygraph.parse._text import simplified, to_int

_NUMERAL = r"[0-9０-９一二两三四五六七八九十]{1,3}|[①-⑳]"
_NUMBER = rf"[（(]?\s*(?:{_NUMERAL})\s*[)）]?"
# item numbers: 第2—4项, 第（一）至（三）项, 第一、三、五项, 第1项和第3项, 以上(1)(2)项
_NUMBERS = rf"{_NUMBER}(?:\s*(?:[—\-－~～至到、，,和及与]\s*第?|第)?\s*{_NUMBER})*"
_SCOPE_RE = re.compile(
    r"^[（(]?\s*"
    r"(?:(?P<back>以上|上述|上列)|(?P<forward>以下|下列|下述)|(?P<self>本项及以下)"
    r"|(?P<section>本部分|本节|本章|本板块|本领域|本阶段|本专项|本方面))?"
    r"(?P<noun>(?:各项|所列|所有|全部|的)?"
    rf"(?:第?\s*(?P<numbers>{_NUMBERS})\s*(?:项|条))?"
    r"(?:工作|任务|事项|措施|重点任务|工作任务|目标|指标)?的?)"
)
# a bare count after the items, before their units (4项目标的责任单位均为A; 2项任务由A牵头)
_BARE_COUNT_RE = re.compile(
    r"^(?P<count>[0-9０-９一二两三四五六七八九十]{1,3})\s*项"
    r"(?:工作|任务|事项|措施|重点任务|工作任务|目标|指标)?的?"
    r"(?=\s*(?:均|都|统一)?\s*(?:的?责任单位|的?牵头单位|由|均由|均为))"
)
# 各项任务未标明责任单位的，均由A牵头: the default for measures that name no unit
_DEFAULT_RE = re.compile(
    r"(?:未|没有|未予)(?:标明|注明|明确|标注|列明|单独标明|单独列明)[^。；;]{0,12}?的[，,]?\s*"
)
_EXCLUDED_RE = re.compile(
    rf"除\s*第\s*(?P<a>{_NUMBERS})\s*(?:项|条)\s*外|第\s*(?P<b>{_NUMBERS})\s*(?:项|条)\s*除外"
)
_LEFT_OUT_FIRST_RE = re.compile(rf"^除\s*第\s*(?:{_NUMBERS})\s*(?:项|条)\s*外\s*[，,]\s*")
_RANGE_RE = re.compile(r"[—\-－~～至到]")


@dataclass(frozen=True)
class Scope:
    """Which measures a covering note names: ``kind`` is ``back`` (the measures before it),
    ``forward`` (after it), ``self`` (its own measure and those after it), ``section`` (the
    section it heads), ``numbers`` (by item number) or ``default`` (every measure naming no
    unit); ``count`` how many (None: up to the group's edge), ``numbers`` the item numbers it
    names, and ``text`` the note's text after the scope (the units and roles)."""

    kind: str
    count: int | None
    numbers: tuple[int, ...]
    text: str


def item_numbers(written: str) -> tuple[int, ...]:
    """Item numbers written as 2—4, （一）至（三）, 一、三、五 or (1)(2).

    Examples
    --------
    >>> item_numbers("2—4")
    (2, 3, 4)
    >>> item_numbers("（一）至（三）")
    (1, 2, 3)
    >>> item_numbers("一、三、五")
    (1, 3, 5)
    """
    pieces = re.findall(rf"{_NUMBER}|{_RANGE_RE.pattern}", written)
    numbers: list[int] = []
    in_range = False
    for piece in pieces:
        if _RANGE_RE.fullmatch(piece):
            in_range = bool(numbers)
            continue
        value = to_int(re.sub(r"[\s（()）]", "", piece).replace("两", "二"))
        if not value:
            continue
        if in_range and value > numbers[-1]:
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
        in_range = False
    return tuple(numbers)


def covering_scope(text: str) -> Scope | None:
    """The measures a note covers, if it opens by naming them (以上3项…, 下列第4—6项…,
    本部分各项任务…, 第1—4项…), or states a default (…未标明责任单位的，均由…); None for a
    note of one measure.

    Examples
    --------
    >>> covering_scope("以上3项由县民政局牵头，县卫生健康局配合。").count
    3
    >>> covering_scope("第（一）至（三）项：牵头单位市财政局").numbers
    (1, 2, 3)
    >>> covering_scope("（市财政局牵头）") is None
    True
    """
    written = simplified(text.strip())
    left_out = _LEFT_OUT_FIRST_RE.match(written)
    if left_out is not None:
        # 除第（三）项外，以上第（二）至（四）项均由A负责: the scope after the exclusion
        scope = covering_scope(text.strip()[left_out.end() :])
        if scope is None:
            return None
        return Scope(scope.kind, scope.count, scope.numbers, left_out.group() + scope.text)
    default = _DEFAULT_RE.search(written)
    if default is not None:
        return Scope("default", None, (), text.strip()[default.end() :])
    bare = _BARE_COUNT_RE.match(written)
    if bare is not None:
        return Scope("back", to_int(bare["count"]), (), text.strip()[bare.end() :])
    match = _SCOPE_RE.match(written)
    if match is None or match.end() == 0:
        return None
    numbers = item_numbers(match.group("numbers") or "")
    kind = next(
        (k for k in ("back", "forward", "self", "section") if match.group(k)),
        "numbers" if numbers else "",
    )
    if not kind or (kind == "numbers" and not re.match(r"[（(]?\s*第", written)):
        return None
    if kind in ("back", "forward") and not (numbers or match.group("noun")):
        return None  # 以上 alone is "or more" (36人次 / 以上。), not the items above
    count = None
    if kind in ("back", "forward", "self") and len(numbers) == 1:
        # 以上3项: a count; 以上第3项: an item number
        count_written = not re.search(r"第\s*$", written[: match.start("numbers")])
        if count_written:
            count, numbers = numbers[0], ()
    return Scope(kind, count, numbers, text.strip()[match.end() :])


def exceptions(text: str) -> tuple[str, list[tuple[tuple[int, ...], str]], tuple[int, ...]]:
    """A covering note's main part, the exceptions it states for item numbers (其中第3项由C
    牵头…: ((3,), "由C牵头…")) and the numbers it leaves out (除第（三）项外).

    Examples
    --------
    >>> exceptions("均由A牵头，第（三）项除外；第（三）项由B牵头")
    ('均由A牵头，第（三）项除外', [((3,), '由B牵头')], (3,))
    """
    excluded: list[int] = []
    for match in _EXCLUDED_RE.finditer(simplified(text)):
        excluded.extend(item_numbers(match.group("a") or match.group("b")))
    main: list[str] = []
    stated: list[tuple[tuple[int, ...], str]] = []
    for clause in _CLAUSE_CUT_RE.split(_OTHERWISE_RE.sub("", text)):
        found = _STATED_RE.match(simplified(clause))
        if found is not None and (main or stated):
            stated.append((item_numbers(found.group("numbers")), clause[found.end() :]))
        elif stated:
            number, said = stated[-1]
            stated[-1] = (number, said + clause)
        else:
            main.append(clause)
    return "；".join(main), stated, tuple(excluded)


# 除另有标注外 / 另有标注的除外: the note gives way to the items' own notes, as every
# covering note does
_OTHERWISE_RE = re.compile(
    r"[，,；;]?\s*(?:除|凡)?(?:另有|单独)(?:标注|标明|明确|注明|规定|列明)(?:责任单位)?(?:的|者)?(?:除外|外)?"
)
# where a note's exceptions begin: a new clause, or 其中 / 另 before an item number
_CLAUSE_CUT_RE = re.compile(
    r"[；;]|[，,]?\s*(?=(?:其中|另)\s*第)|[，,](?=\s*第\s*[^，,。；;]{1,12}?(?:项|条)\s*由)"
)
_STATED_RE = re.compile(
    rf"\s*[（(]?\s*(?:其中|另)?\s*第\s*(?P<numbers>{_NUMBERS})\s*(?:项|条)(?!\s*除外)"
)
