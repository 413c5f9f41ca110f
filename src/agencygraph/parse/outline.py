"""Plans written as an outline of numbered paragraphs (the inline and narrative layouts).

Chinese official documents number their outline in a fixed order: ``一、`` (level 1),
``（一）`` (level 2), ``1.`` / ``1．`` / ``1、`` (level 3), ``（1）`` (level 4). A measure is an
enumerated paragraph at the lowest level that carries content inside a section of
measures: level-3 items under their level-2 heading; level-4 items where a section has no
level 3; or level-2 points directly under a level-1 heading. Preambles (总体要求, 指导思想 …),
implementation sections (组织实施 …) and target boxes (专栏) hold no measures, unless a
paragraph there assigns units to itself.

A measure's responsibility note (see :mod:`agencygraph.parse.responsibility`) sits at its
end: （牵头单位：A；协同单位：B、C）, 〔牵头单位:A,责任单位:B〕, （A牵头，B配合）, label lines
under it, or a closing 由A牵头、B参与. Plans with notes are the *inline* layout; plans
without any are *narrative*.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from agencygraph.parse import responsibility as resp
from agencygraph.parse._covers import Scope, covering_scope, exceptions
from agencygraph.parse._records import Assignment, CodedPlan, Measure, Official, parse_terms
from agencygraph.parse._text import (
    BULLET_RE,
    CN_NUM,
    EMPTY_POINT_RE,
    LEVEL1_RE,
    LEVEL2_RE,
    LEVEL3_RE,
    LEVEL4_RE,
    MASTHEAD_RE,
    PAGE_MARK_RE,
    RUN_IN_BREAK_RE,
    clean_web_line,
    ends_sentence,
    short_title,
    simplified,
    squash_spaces,
    strip_spaces,
    to_int,
)

_RESPONSIBILITY_WORDS = re.compile(r"(?:牵头|责任|配合|协同|协办)(?:单位|部门)")


@dataclass(eq=False)
class _Element:
    kind: str  # "h1", "l2", "l3", "l4", "point", "plain", "box"
    number: str
    body: str
    line: int
    children: list[_Element] = field(default_factory=list)
    local_rule: bool = False  # its paragraph states a first-listed rule for its own list
    # the role a sub-heading (牵头任务： / 配合任务：) gives its unit heading's unit here
    task_role: str = ""
    seq: int = -1  # where it stands among the plan's paragraphs (a covering note's scope)


def _classify(paragraph: str, line: int) -> _Element:
    # numbering matched on the vocabulary's simplified copy (任務1：), offsets unchanged
    readable = simplified(paragraph)
    for kind, pattern in (
        ("h1", LEVEL1_RE),
        ("l2", LEVEL2_RE),
        ("l4", LEVEL4_RE),
        ("l3", LEVEL3_RE),
    ):
        match = pattern.match(readable)
        if match:
            return _Element(kind, match.group(1), paragraph[match.end() :], line)
    padded = _PADDED_NUMBER_RE.match(readable)
    if padded:
        # 01 实施…, 02 新增…: items numbered as a news page or a slide numbers them
        return _Element("l3", padded.group(1), paragraph[padded.end() :], line)
    bracketed = _BRACKETED_NUMBER_RE.match(readable)
    if bracketed:
        # 【1】… items, 【一】… sections, as news pages and WeChat copies number them
        kind = "h1" if bracketed.group(1)[0] in CN_NUM else "l3"
        return _Element(kind, bracketed.group(1), paragraph[bracketed.end() :], line)
    article = _ARTICLE_RE.match(readable)
    if article:
        # 第一条　… (a plan written as articles, as a regulation is) and 第一章 over them:
        # the outline's first level, its items where no lower level carries the notes
        return _Element("h1", article.group(1), paragraph[article.end() :], line)
    counted = _COUNTED_UNIT_HEADING_RE.match(readable)
    if counted and resp.looks_like_unit(counted.group(1)):
        # 区发改局(2项) over the items it is given: a heading with no number
        return _Element("h1", "", paragraph, line)
    match = _SHI_POINT_RE.match(readable) or _ORDINAL_POINT_RE.match(readable)
    if match:
        # 一是… / 二是… / 第一，…: points at the lowest level, numbered in words
        return _Element("l4", match.group(1), paragraph[match.end() :], line)
    match = EMPTY_POINT_RE.match(paragraph)
    if match:
        return _Element("point", "", strip_spaces(paragraph[match.end() :]), line)
    match = _bullet_point(paragraph)
    if match:
        return _Element("bullet", "", strip_spaces(paragraph[match.end() :]), line)
    if readable.startswith(parse_terms().get("box", ())):
        return _Element("box", "", paragraph, line)
    return _Element("plain", "", paragraph, line)


_PADDED_NUMBER_RE = re.compile(r"^0([1-9])[\s\u3000]+(?=[\u4e00-\u9fff“])")
_BRACKETED_NUMBER_RE = re.compile(
    r"^[【\[]\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[】\]]\s*"
)
_ARTICLE_RE = re.compile(
    r"^第([一二三四五六七八九十百零〇两]{1,5}|[0-9０-９]{1,3})[条章](?:[\s\u3000、：:.．]+|(?=[\u4e00-\u9fff“]))"
)
_COUNTED_UNIT_HEADING_RE = re.compile(
    r"^([^\s，,。；;：:（()）]{2,20})\s*[（(]\s*(?:共|计)?\s*\d{1,3}\s*项\s*[）)]\s*[：:]?$"
)
_SHI_POINT_RE = re.compile(r"^([一二三四五六七八九十]{1,3})是(?=\S)")
_ORDINAL_POINT_RE = re.compile(r"^第([一二三四五六七八九十]{1,3})[，,、](?=\S)")


def _bullet_point(paragraph: str) -> re.Match | None:
    """A bulleted paragraph of work (● 白茶市场存在…), not a web page's bulleted menu or
    metadata (• 今天是：, • 信息索引号：), which are short or end in a colon."""
    match = BULLET_RE.match(paragraph)
    if match is None:
        return None
    rest = paragraph[match.end() :].rstrip()
    if len(rest) < _BULLET_POINT_MIN or rest.endswith((":", "：")):
        return None
    return match


_BULLET_POINT_MIN = 15


def _read_bullets(elements: list[_Element]) -> None:
    """Bulleted paragraphs are points of work where bullets carry notes (● 问题… /
    （主体责任：A，监督责任：B）); elsewhere (a page's bulleted metadata) plain paragraphs."""
    noted = 0
    for element, following in pairwise([*elements, None]):
        if element.kind != "bullet":
            continue
        beside = following.body if following is not None and following.kind == "plain" else ""
        if _has_units(resp.find_note(element.body)) or (
            beside and (resp.starts_with_label(beside) or _has_units(resp.find_note(beside)))
        ):
            noted += 1
    for index, element in enumerate(elements):
        if element.kind == "bullet":
            kind = "point" if noted >= 2 else "plain"
            elements[index] = replace(element, kind=kind)


# An item numbered with no mark after its number (1优化就业创业服务), as copies drop the 、
_BARE_NUMBER_RE = re.compile(
    r"^([0-9０-９]{1,2})(?=[\u4e00-\u9fff])(?![个人万亿元年月日项户所家条座])"
)


def _number_items_in_sequence(elements: list[_Element]) -> None:
    """A paragraph numbered with no mark (3将消防工作…) right after item 2. of the same list
    is item 3: the copy lost its 、."""
    previous: int | None = None
    for index, element in enumerate(elements):
        if element.kind in ("h1", "l2", "l4"):
            previous = None
        elif element.kind == "l3":
            previous = to_int(element.number) if element.number.isdigit() else None
        elif element.kind == "plain" and previous is not None:
            match = _BARE_NUMBER_RE.match(element.body)
            if match and to_int(match.group(1)) == previous + 1:
                elements[index] = _Element(
                    "l3", match.group(1), element.body[match.end() :], element.line
                )
                previous += 1
            else:
                previous = None


# the heading level an unnumbered unit heading takes over the items below it
_LEVEL_ABOVE = {"l2": "h1", "l3": "l2", "l4": "l2"}


def _read_unnumbered_unit_headings(elements: list[_Element]) -> None:
    """Read an unnumbered paragraph that is only a unit's name as a heading (市人社局主要
    工作任务： / 1.… / 2.…), a level above the numbered items right under it: a plan laid
    out by department whose bold headings lost their numbers."""
    for index, (element, following) in enumerate(pairwise(elements)):
        if (
            element.kind == "plain"
            and following.kind in _LEVEL_ABOVE
            and resp.is_unit_heading_line(element.body)
        ):
            elements[index] = replace(element, kind=_LEVEL_ABOVE[following.kind])


def _number_bare_items(elements: list[_Element]) -> None:
    """Read paragraphs numbered 1, 2, 3 … with no mark after the number as level-3 items,
    where each opens a label line (牵头单位：…) and they run in sequence from 1."""
    candidates = []
    for index, element in enumerate(elements):
        match = _BARE_NUMBER_RE.match(element.body) if element.kind == "plain" else None
        following = elements[index + 1] if index + 1 < len(elements) else None
        if match and following is not None and resp.starts_with_label(following.body):
            candidates.append((index, match))
    _number_items_in_sequence(elements)
    numbers = [to_int(match.group(1)) for _, match in candidates]
    # in sequence, numbering again from 1 in a new section
    if (
        len(candidates) < 2
        or numbers[0] != 1
        or any(b not in (a + 1, 1) for a, b in pairwise(numbers))
    ):
        return
    for index, match in candidates:
        element = elements[index]
        elements[index] = _Element("l3", match.group(1), element.body[match.end() :], element.line)


# A notice's list of the documents it attaches (附件：1.…分工方案 / 2.…联络员名单): titles
# without sentence marks, ending in a document's kind.
_DOCUMENT_TITLE = (
    r"[^。；;，,：:]{2,60}?(?:方案|名单|报表|清单|一览表|汇总表|统计表|分解表|分工表|责任表|表|"
    r"办法|细则|计划|要点|目录|规划|指南)(?:[（(]略[)）])?"
)
_ATTACHMENTS_RE = re.compile(
    rf"^附件\s*[0-9０-９]{{0,2}}\s*[:：]\s*([0-9０-９]{{1,2}}\s*[.．、]\s*)?{_DOCUMENT_TITLE}$"
)
_ATTACHMENT_TITLE_RE = re.compile(rf"^[0-9０-９]{{1,2}}\s*[.．、]\s*{_DOCUMENT_TITLE}$")


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, paragraph) for each non-blank paragraph, in source order.

    Markup is removed (a web page may hold several paragraphs on one line), a long line
    that holds a whole outline (a copy that lost its line breaks) is split where its
    numbered items begin, and several "()" points on one line (numerals lost in character
    recognition) are split apart.
    """
    boilerplate = parse_terms().get("boilerplate", ())
    title, title_line = "", 0
    listing = False  # within a notice's list of attachments (附件：1.…方案 / 2.…名单)
    for number, raw in enumerate(text.split("\n"), start=1):
        for piece in clean_web_line(raw):
            for part in _run_in_paragraphs(piece):
                line = strip_spaces(part)
                if not line or simplified(line).startswith(boilerplate):
                    continue
                squashed = squash_spaces(line)
                # the titles of the documents attached are no items
                opens = _ATTACHMENTS_RE.match(squashed)
                if opens is not None:
                    listing = opens.group(1) is not None  # 附件：1.… opens a numbered list
                    continue
                if listing and _ATTACHMENT_TITLE_RE.match(squashed):
                    continue
                listing = False
                if PAGE_MARK_RE.match(squashed) or MASTHEAD_RE.match(squashed):
                    continue  # a page's number or masthead (— 3 —), maybe inside a note
                if squashed == title and number > title_line:
                    continue  # the plan's title printed again at a page's top
                if not title and not resp.starts_with_label(squashed):
                    # (a copy that starts partway into a plan opens with a label line, which
                    # later items' labels repeat)
                    title, title_line = squashed, number
                starts = [m.start() for m in EMPTY_POINT_RE.finditer(line)]
                if starts and starts[0] == 0 and len(starts) > 1:
                    for begin, end in pairwise([*starts, len(line)]):
                        yield number, strip_spaces(line[begin:end])
                else:
                    yield number, line


_RUN_IN_MIN_LENGTH = 200
_SENTENCE_BREAK_RE = re.compile(r"(?<=[。；;])\s+(?=\S)")
_NOTE_WINDOW = 200


def _ends_label_note(line: str, match: re.Match[str]) -> bool:
    """Whether the sentence before ``match`` is a labelled note (部门分工：A牵头，B配合。)."""
    sentence_start = max(line.rfind("。", 0, match.start() - 1), match.start() - _NOTE_WINDOW, 0)
    return resp.starts_note_label(line[sentence_start : match.start()])


# A unit's name and a colon after a space, opening an item of a copy that lost its line
# breaks (… 市国土资源房管局:防范地质灾害 市国土资源房管局要…).
# (交通部门：负责…; 交通部门,负责…: a comma before the unit's duty verb sets it apart too)
_UNIT_HEADLINE_RE = re.compile(
    rf"(?<=\s)(?=([^\s:：，,。；;“”\"]{{2,30}})(?:[:：]|{resp.UNIT_COMMA}))"
)


def _unit_headline_breaks(line: str) -> list[re.Match[str]]:
    """Where items that each open with their units and a colon begin, if two or more do."""
    # matched on the simplified copy (負責), offsets unchanged
    found = [
        m
        for m in _UNIT_HEADLINE_RE.finditer(simplified(line))
        if _units_only(line[m.start(1) : m.end(1)])
    ]
    return found if len(found) >= 2 else []


_CLOSING_LINES_RE = re.compile(r"(?<=[。）)])\s*(?=(?:抄送|主题词|主题詞)\s*[:：])")


def _run_in_paragraphs(line: str) -> list[str]:
    """A line that runs several numbered paragraphs together, split where each begins.

    A long line (a copy that lost its line breaks) is split at every numbered item that
    follows a sentence, a bracket or a space; a line of any length where an item follows
    the closing bracket of a responsibility note (…（省发改委负责）（二）…).
    """
    long = len(line) >= _RUN_IN_MIN_LENGTH
    cuts: list[int] = []
    after_notes = 0
    breaks = list(RUN_IN_BREAK_RE.finditer(line))
    if long:
        # Unnumbered items run together: a new one begins after the sentence that ends a
        # labelled note (…部门分工：A牵头，B配合。 下一项…).
        breaks += [m for m in _SENTENCE_BREAK_RE.finditer(line) if _ends_label_note(line, m)]
        breaks.sort(key=lambda m: m.end())
    if long:
        breaks += _unit_headline_breaks(line)
    # a notice's closing lines run on after its last item (…（A负责）抄送：…), left out
    if "抄送" in line or "主题词" in line:
        breaks += _CLOSING_LINES_RE.finditer(line)
    # a number glued to the unit before it, in sequence, begins an item in a line of any
    # length, as do items numbered 1., 2., 3. … in sequence after sentences
    items = list(_ITEM_NUMBER_RE.finditer(line))
    glued_breaks = _glued_number_breaks(line, items) if len(items) >= 2 else []
    breaks += glued_breaks
    breaks.sort(key=lambda m: m.end())
    glued = {m.end() for m in glued_breaks}
    if len(items) >= 2:
        glued |= _sequential_breaks(line, items[0], breaks)
    for style in _WORD_NUMBER_RES if "一" in line else ():
        # （一）…。（二）…。（三）…: items numbered in words, in order, after sentences
        first = next((m for m in style.finditer(line) if to_int(m.group(1)) == 1), None)
        if first is not None:
            glued |= _sequential_breaks(line, first, breaks, style)
    first = items[0] if items else None
    if glued and first is not None and first.start() > 0 and to_int(first.group(1)) == 1:
        # the first item glued to the title before it (…为民办实事项目1.新建…)
        opening = _EMPTY_RE.match(line, first.start())
        breaks = sorted([*breaks, opening], key=lambda m: m.end())
        glued.add(first.start())
    for match in breaks:
        cut = match.end()
        segment = line[cuts[-1] if cuts else 0 : cut].rstrip()
        if not segment or (cuts and cuts[-1] == cut):
            continue
        after_note = cut in glued or (
            (segment[-1] in "）)〕" and resp.find_note(segment) is not None)
            or (
                segment[-1] in "。；;"
                and resp.has_role_verb(segment)
                and _has_units(resp.find_note(segment))
            )
        )
        if after_note or long:
            cuts.append(cut)
            after_notes += after_note
    if not after_notes and len(cuts) < 2:
        return [line]
    # in a line so shown to run paragraphs together, an item after a space begins one too
    # (…目标责任分解 一、县发展和改革局牵头的工作 1.…)
    spaced = {m.end() for m in breaks if m.end() > 0 and line[m.end() - 1].isspace()}
    cuts = sorted(set(cuts) | spaced)
    return [line[a:b] for a, b in pairwise([0, *cuts, len(line)])]


# The next item's number glued to the unit that closes an item (…配合单位：县财政局2.实施…),
# as a copy that lost its breaks writes it.
_GLUED_NUMBER_RE = re.compile(
    r"(?<=[局委办府院会厅部队所站心司处室镇街区县市])(?=([0-9０-９]{1,2})[.．、](?![0-9０-９]))"
)


def _glued_number_breaks(line: str, items: list[re.Match[str]]) -> list[re.Match[str]]:
    """Breaks before an item number glued to a unit's name, where the number before it
    (n - 1) opened an earlier item of the line (``items``: the line's item numbers)."""
    found = []
    for match in _GLUED_NUMBER_RE.finditer(simplified(line)):
        number = to_int(match.group(1))
        if number > 1 and any(
            to_int(earlier.group(1)) == number - 1
            for earlier in items
            if earlier.end() <= match.start()
        ):
            found.append(match)
    return found


_EMPTY_RE = re.compile("")
_ITEM_NUMBER_RE = re.compile(r"([0-9０-９]{1,2})[.．、﹒](?![0-9０-９])")
_SEQUENCE_MIN = 3
_SEQUENCE_ITEM_MIN = 12


_WORD_NUMBER_RES = (
    re.compile(rf"[（(]([{CN_NUM}]{{1,3}})[）)]"),
    re.compile(rf"([{CN_NUM}]{{1,3}})、"),
)


def _sequential_breaks(
    line: str,
    first: re.Match[str],
    breaks: list[re.Match[str]],
    style: re.Pattern[str] = _ITEM_NUMBER_RE,
) -> set[int]:
    """Breaks that number items 1, 2, 3 … in order (``first``: the line's first item
    number, at its start or glued to its title), at least three of them: a run-in list,
    whatever the line's length."""
    if to_int(first.group(1)) != 1:
        return set()
    expected, found = 2, []
    for match in breaks:
        number = style.match(line, match.end())
        if match.end() <= first.start() or number is None:
            continue
        if to_int(number.group(1)) == expected:
            found.append(match.end())
            expected += 1
    # items, not a ranking of names (1、金寨县;2、裕安区…)
    span = (found[-1] if found else first.start()) - first.start()
    if not found or span < _SEQUENCE_ITEM_MIN * len(found):
        return set()
    if len(found) + 1 < _SEQUENCE_MIN:
        # two items only where each names its units under a label (…（责任单位：A）2.…)
        pieces = [line[a:b] for a, b in pairwise([first.start(), *found, len(line)])]
        if not all(_RESPONSIBILITY_WORDS.search(simplified(p)) for p in pieces):
            return set()
    return set(found)


# A bracketed note after a full stop, with more text after it: 指标一。（A牵头）指标二。
_NOTE_AFTER_SENTENCE_RE = re.compile(r"(?:^|(?<=[。；;]))\s*[（(][^（()）]{2,80}[)）]")


# Indicator targets listed one after another are short and hold a figure (降低20%); other
# sentences, each with its note, are the sub-tasks of one measure, which stays whole (the
# corpus's rule for taikang_2020).
_TARGET_MAX = 50
_FIGURE_RE = re.compile(r"[0-9０-９]")


def _is_target(sentence: str) -> bool:
    sentence = strip_spaces(sentence)
    return 0 < len(sentence) <= _TARGET_MAX and _FIGURE_RE.search(sentence) is not None


# after a sentence's end, or a note's closing bracket (…（A牵头）二是…)
_RUN_IN_SHI_RE = re.compile(r"(?:(?<=[。；;，,：:）)])|^)\s*([一二三四五六七八九十]{1,2})是(?=\S)")


def _split_shi_points(elements: list[_Element]) -> list[_Element]:
    """Points numbered 一是、二是 … run into one paragraph (（一）推进厕所革命。一是…（A牵头）。
    二是…（B负责）。) are points of their own, where one of them carries a note; the text
    before the first stays with its paragraph (a heading's title)."""
    split: list[_Element] = []
    for element in elements:
        # a 是-point (三是…；四是…) goes on with the next number; any other paragraph from 一是
        own = element.kind == "l4" and bool(element.number) and element.number[0] in CN_NUM
        expected = to_int(element.number) + 1 if own else 1
        starts: list[tuple[int, int, str]] = []  # (where the point begins, its body, number)
        for match in _RUN_IN_SHI_RE.finditer(element.body):
            if to_int(match.group(1)) != expected:
                continue
            starts.append((match.start(1), match.end(), match.group(1)))
            expected += 1
        if len(starts) < (1 if own else 2):
            split.append(element)
            continue
        ends = [s for s, _, _ in starts[1:]] + [len(element.body)]
        pieces = [
            (number, element.body[body_at:end])
            for (_, body_at, number), end in zip(starts, ends, strict=True)
        ]
        head = element.body[: starts[0][0]]
        if not any(_has_units(resp.find_note(p)) for _, p in pieces) and not (
            own and _has_units(resp.find_note(head))
        ):
            split.append(element)
            continue
        if strip_spaces(head):
            split.append(replace(element, body=strip_spaces(head)))
        split.extend(_Element("l4", n, strip_spaces(p), element.line) for n, p in pieces)
    return split


_HEADING_KINDS = ("h1", "l2", "l3", "l4")


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _nest_circled_points(elements: list[_Element]) -> list[_Element]:
    """Points ①② under a （1） item that carries a note, with none of their own, are its
    text: (1) and ① both number the fourth level, so they would read as siblings."""
    nested: list[_Element] = []
    parent: _Element | None = None
    for element in elements:
        circled = element.kind == "l4" and element.number[:1] in _CIRCLED
        if circled and parent is not None and not _has_units(resp.find_note(element.body)):
            parent.children.append(element)
            continue
        if element.kind == "l4" and not circled:
            parent = element if _has_units(resp.find_note(element.body)) else None
        elif element.kind in ("h1", "l2", "l3") or circled:
            parent = None
        nested.append(element)
    return nested


def _restore_cut_item(elements: list[_Element]) -> None:
    """A copy that opens inside an item (a database's second page: （4）… / 第4项工作由… /
    5.…; ④… / 第二项工作责任单位：… / 三、…) keeps that item: its heading, cut off above, is
    put back as an empty item numbered one below the first item's, so the points under it
    and a note naming it by number are its own."""
    numbered = [e for e in elements if e.kind in _HEADING_KINDS]
    if len(numbered) < 2:
        return
    first = numbered[0]
    first_item = next((e for e in numbered if _RANK[e.kind] < _RANK[first.kind]), None)
    if first_item is None or to_int(first_item.number) < 2:
        return
    at = elements.index(first)
    if any(e.kind != "plain" for e in elements[:at]):
        return
    # Where the copy's items are units' headings over points that are measures each
    # (4、茄子河区政府负责：/ （1）…), the cut item's points are left as they stand.
    # The same where the points below the items name their own units ((1)市气象局：负责…).
    if any(_heads_units_tasks(e) for e in numbered if e.kind == first_item.kind) or any(
        _RANK[e.kind] > _RANK[first_item.kind] and _assigns_units(resp.find_note(e.body))
        for e in numbered[numbered.index(first_item) :]
    ):
        return
    number = str(to_int(first_item.number) - 1)
    elements.insert(at, _Element(first_item.kind, number, "", first.line))


_UNIT_HEADING_END_RE = re.compile(r"(?:负责|牵头)?(?:的?(?:工作|任务))?[：:]?$")


def _heads_units_tasks(item: _Element) -> bool:
    """Whether an item is a unit's heading over its tasks (4、茄子河区政府负责：)."""
    body = simplified(strip_spaces(item.body))
    name = _UNIT_HEADING_END_RE.sub("", body)
    return name != body and bool(name) and _units_only(name)


# A caption: a short name alone (任务; 项目攻坚领导小组), or before a colon and its content
# (推进专班：组长由…担任，成员单位为…).
_CAPTION_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,12})(?:$|[：:](?P<content>.*)$)")
# (a task's heading asking for responsibility, 压实防汛责任, names no division of work)
_GROUP_CAPTION_RE = re.compile(r"小组|专班|指挥部|分工|责任(?!$)|^责任")
_CAPTIONS_MIN = 2
_RANK = {"h1": 0, "l2": 1, "l3": 2, "l4": 3}


def _read_caption_items(elements: list[_Element]) -> None:
    """Numbered captions over the parts of one heading's measure (（一）物资大楼改造项目 /
    1、任务 / …text… / 2、项目攻坚领导小组 / 组长：… / 成员单位：…) are no items: where every
    item of one level and numbering under a heading is a caption, one of them naming the
    group or the division of work that assigns it, each becomes a plain caption line."""
    runs: dict[tuple[str, bool], list[_Element]] = {}

    def close_runs(rank: int) -> None:
        for key in [k for k in runs if _RANK[k[0]] >= rank]:
            _demote_captions(runs.pop(key))

    for element in elements:
        rank = _RANK.get(element.kind)
        if rank is None:
            continue
        if rank == 0:
            close_runs(1)
            continue  # a first-level heading is never a caption
        circled = element.number[:1] in _CIRCLED
        # a heading of this level or above closes the runs below it
        close_runs(rank + 1)
        runs.setdefault((element.kind, circled), []).append(element)
        for key in [k for k in runs if _RANK[k[0]] == rank and k[1] != circled]:
            _demote_captions(runs.pop(key))
    close_runs(0)


def _demote_captions(items: list[_Element]) -> None:
    # (items that are each a group, 一、总指挥部 / 二、宣传舆情组, are measures: the captions
    # of one measure's parts name its work beside its group)
    found = [_CAPTION_RE.match(strip_spaces(e.body)) for e in items]
    groups = [bool(m and _GROUP_CAPTION_RE.search(simplified(m["name"]))) for m in found]
    if len(items) >= _CAPTIONS_MIN and all(found) and any(groups) and not all(groups):
        for item, match in zip(items, found, strict=True):
            item.kind, item.number = "plain", ""
            item.body = match["name"] + "：" + (match["content"] or "")


def _join_bare_labels(elements: list[_Element]) -> list[_Element]:
    """A label line with nothing after its colon, its units on the lines after it (责任单位：
    / 市交通运输局、市公路中心), or whose list wraps inside a name (成员单位：A、县自然资 /
    源局、B), as one label line."""
    joined: list[_Element] = []
    for element in elements:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and element.kind == "plain"
            and previous.kind == "plain"
            and (
                (
                    _BARE_LABEL_RE.search(previous.body)
                    and resp.starts_with_label(previous.body)
                    and _units_only(element.body)
                )
                # a label's list wrapped inside a unit's name (…、县自然资 / 源局、县林业局…)
                or (
                    resp.starts_with_label(previous.body)
                    and _list_cut_in_a_name(previous.body)
                    and not resp.starts_with_label(element.body)
                )
            )
        ):
            previous.body += element.body
            continue
        joined.append(element)
    return joined


_BARE_LABEL_RE = re.compile(r"[：:]\s*$")
_ROLE_COLON_END_RE = re.compile(r"(?:牵头|负责|配合|协同|参与)\s*[：:]\s*$")


def _join_cut_headings(elements: list[_Element]) -> list[_Element]:
    """A heading whose note a line break cut (一、开展村庄清洁行动。（县农业农村局牵头，各乡镇人民
    / 政府、各村（社区）配合）) goes on in the paragraph after it."""
    joined: list[_Element] = []
    for element in elements:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind in ("h1", "l2")
            and element.kind == "plain"
            and _open_brackets(previous.body) > 0
        ):
            joined[-1] = replace(previous, body=previous.body + element.body)
            continue
        joined.append(element)
    return joined


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in "（(〔") - sum(text.count(c) for c in "）)〕")


def _read_task_role_headings(elements: list[_Element]) -> list[_Element]:
    """Sub-headings sorting a unit's items by role (一、县发改局 / 牵头任务： / 1.… /
    配合任务： / 2.…) are no measures: each item under one carries its role, until the
    next heading above the sub-heading's level."""
    kept: list[_Element] = []
    role, level = "", len(_HEADING_KINDS)
    for element in elements:
        kind_level = _HEADING_KINDS.index(element.kind) if element.kind in _HEADING_KINDS else 9
        found = resp.task_role_heading(element.body)
        if found is not None:
            role, level = found, kind_level
            continue
        if role and kind_level < min(level, 2):
            role = ""  # a new unit's heading
        kept.append(replace(element, task_role=role) if role else element)
    return kept


def _split_noted_sentences(elements: list[_Element]) -> list[_Element]:
    """Unnumbered paragraphs that run indicator targets together, each a short sentence
    with a figure closed by its own note after its full stop (常住人口控制在1150万人。
    （市公安局牵头）能耗降低20%。（市经委牵头）…), are split into one paragraph per target;
    a note that opens a paragraph (its line wrapped before it) closes the target above."""
    split: list[_Element] = []
    for element in elements:
        cuts = (
            _target_cuts(element.body) or _lead_opened_cuts(element.body)
            if element.kind == "plain"
            else []
        )
        if not cuts:
            split.append(element)
            continue
        for begin, end in pairwise([0, *cuts, len(element.body)]):
            piece = element.body[begin:end]
            previous = split[-1] if split else None
            if begin == 0 and _is_bare_note(piece) and _closes_with_no_note(previous):
                previous.body += piece  # the note of the paragraph above, wrapped
            else:
                split.append(_Element("plain", "", strip_spaces(piece), element.line))
        split[-1].local_rule = element.local_rule
    return split


def _target_cuts(body: str) -> list[int]:
    """Where a paragraph of noted targets is cut: after each note with text following it;
    none unless every sentence is a target."""
    cuts, sentences, at = [], [], 0
    for match in _NOTE_AFTER_SENTENCE_RE.finditer(body):
        if not body[match.end() :].strip():
            break
        note = resp.find_note(body[at : match.end()])
        if note is None or not note.units or note.start < match.start() - at:
            continue
        sentences.append(body[at : at + note.start])
        cuts.append(match.end())
        at = match.end()
    if not cuts:
        return []
    rest = body[at:]
    note = resp.find_note(rest)
    sentences.append(rest[: note.start] if note else rest)
    if not strip_spaces(sentences[0]):
        sentences = sentences[1:]  # the opening note belongs to the paragraph above
    return cuts if all(_is_target(s) for s in sentences) else []


# A sentence opened by the units that lead it (即县水务局牵头，组织开展…; 县农委、畜牧局牵头，…)
_LEAD_OPENED_RE = re.compile(
    r"(?P<lead_in>(?:即|同时|另外)?[，,]?)由?(?P<units>[^，,。；;：:]{2,40}?)牵头[，,]"
)
_LEAD_OPENED_MIN = 3


def _lead_opened_cuts(body: str) -> list[int]:
    """Where an unnumbered paragraph that runs several tasks together, each sentence opened
    by the units leading it (…实施好八大行动。即县水务局牵头，组织…。县环保局牵头，督促…。),
    is cut into one paragraph per task: three such sentences at least, and every sentence
    after the first of them one too."""
    simplified_body = simplified(body)
    starts = [0, *(m.end() for m in _SENTENCE_CUT_RE.finditer(simplified_body))]
    starts = [at for at in starts if at < len(body.rstrip())]
    opened = []
    for at in starts:
        match = _LEAD_OPENED_RE.match(simplified_body, at)
        names = resp.located_units(body[at : match.end("units")]) if match else []
        named = [n for n, _ in names]
        if names and resp.units_of_a_list(named) and any(map(resp.named_as_unit, named)):
            opened.append((at, match.end("lead_in")))
    if (
        len(opened) < _LEAD_OPENED_MIN
        or [a for a, _ in opened] != starts[starts.index(opened[0][0]) :]
    ):
        return []
    # a word leading into the list (即…) stays with the sentence before
    return [cut for _, cut in opened if cut > 0]


_SENTENCE_CUT_RE = re.compile(r"[。；;]\s*")


def _is_bare_note(piece: str) -> bool:
    note = resp.find_note(piece)
    return note is not None and not strip_spaces(piece[: note.start])


def _closes_with_no_note(element: _Element | None) -> bool:
    return (
        element is not None
        and element.kind == "plain"
        and not element.children
        and ends_sentence(element.body)
        and resp.find_note(element.body) is None
    )


def _is_non_measure_section(title: str) -> bool:
    title = simplified(title)
    return any(term in title for term in parse_terms().get("non_measure_section", ()))


_SENTENCE_ENDS = ("。", "；", ";", "：", ":", "！", "？")
_BROKEN_RULE_TAIL_MAX = 40


def _rule_broken_over_lines(before: str, paragraph: str) -> str | None:
    """A first-listed rule that a line break cut (各项任务责任单位中列第一位 / 的为牵头单位，
    其他为配合单位，下同。), read where neither line states it alone and the second, short
    line ends it: the two lines joined, else None."""
    if not before or len(paragraph) > _BROKEN_RULE_TAIL_MAX:
        return None
    if resp.find_first_listed_rule(before) or resp.find_first_listed_rule(paragraph):
        return None
    joined = before + paragraph
    crossing = any(start < len(before) < end for start, end in resp.find_first_listed_rule(joined))
    return joined if crossing and resp.rule_holds_below(joined) else None


def parse_outline(text: str, doc_id: str) -> CodedPlan:
    """Code a plan written as numbered paragraphs (inline or narrative layout).

    Parameters
    ----------
    text
        The plan's text (line endings normalised).
    doc_id
        Prefix of the measure ids.

    Returns
    -------
    CodedPlan
        Measures in source order with their assignments; layout ``"inline"`` if any
        measure carries a responsibility note, else ``"narrative"``.
    """
    rule_lines: list[int] = []  # rules that hold from their line on
    exceptions: list[str] = []  # wordings the rules say they do not cover
    elements = []
    before = ""  # the paragraph before, where it ran on with no sentence's end
    for line, paragraph in _paragraphs(text):
        paragraph = resp.colon_after_glued_label(
            resp.colon_for_semicolon_after_label(resp.colon_after_spaced_label(paragraph))
        )
        broken = _rule_broken_over_lines(before, paragraph)
        before = "" if paragraph.endswith(_SENTENCE_ENDS) else paragraph
        if broken is not None:
            # …列第一位 / 的为牵头单位，其他为配合单位，下同。: the rule holds from its start,
            # and the line that ends it is no paragraph of its own
            rule_lines.append(0 if resp.rule_holds_everywhere(broken) else line)
            continue
        local_rule = False
        if resp.find_first_listed_rule(paragraph):
            exceptions.extend(resp.rule_exceptions(paragraph))
            paragraph = resp.without_rule_exceptions(paragraph)
            if resp.rule_holds_everywhere(paragraph):
                rule_lines.append(0)
            elif resp.rule_holds_below(paragraph):
                rule_lines.append(line)
            else:
                local_rule = True
            paragraph = strip_spaces(resp.remove_first_listed_rule(paragraph))
            if not paragraph:
                continue
        element = _classify(paragraph, line)
        element.local_rule = local_rule
        elements.append(element)
    _read_caption_items(elements)
    _restore_cut_item(elements)
    elements = _join_bare_labels(elements)
    _read_bullets(elements)
    elements = _read_task_role_headings(
        _split_noted_sentences(
            _split_shi_points(_nest_circled_points(_join_cut_headings(elements)))
        )
    )
    _number_bare_items(elements)
    _read_unnumbered_unit_headings(elements)
    covers = _take_covers(elements, rule_lines)

    plan = CodedPlan(layout="narrative")
    unit_columns = resp.unit_columns(text)
    seen_texts: set[str] = set()
    used_ids: set[str] = set()
    placed: list[tuple[Measure, _Element]] = []
    section_numbers: dict[int, int] = {}
    n_candidates = n_noted = 0
    covering_items = any(c.scope.kind in ("back", "forward", "self", "numbers") for c in covers)
    for excluded, items in _sections(elements, covering_items):
        for item, section_heading in items:
            body, note_line, note = _measure_body(item, unit_columns)
            units = list(note.units) if note else []
            # a section of preamble or implementation (保障措施) holds measures only where
            # it carries notes: units read from the wording alone are not one
            if excluded and (not units or note.weak or _told_below(item, note)):
                continue
            n_candidates += 1
            n_noted += bool(units or (note and note.officials))
            key = squash_spaces(body) + "|" + "|".join(u for _, u, _ in units)
            if section_heading is not None and resp.heading_assignment(section_heading.body):
                # the same task under two units' headings (（三）闻喜县政府 … （四）稷山县政府)
                # is a task of each
                key += "|" + section_heading.body
            if key in seen_texts:
                plan.warnings.append((item.line, "measure repeated in the file; coded once"))
                continue
            seen_texts.add(key)
            if note is not None and not note.closed:
                plan.warnings.append((note_line, "responsibility note has no closing bracket"))
            first_leads = any(line <= note_line for line in rule_lines) or any(
                e.local_rule for e in (item, *item.children)
            )
            if first_leads and exceptions:
                # a list written with an excepted wording (A、B共同负责) is not under the rule
                written = simplified("".join(e.body for e in (item, *item.children)))
                first_leads = not any(word in written for word in exceptions)
            units = resp.resolve_roles(units, first_leads=first_leads)
            # A heading may name who leads the items under it (一、县示范区管委会牵头工作).
            by_heading = resp.heading_assignment(section_heading.body) if section_heading else None
            heading_units = list(by_heading.units) if by_heading is not None else []
            if item.task_role == "support" or (
                heading_units and all(r == "support" for r, _, _ in heading_units)
            ):
                # under 配合任务 (or 一、A配合的工作) the heading's unit supports the item,
                # beside whichever unit its note names
                named = {n for _, n, _ in units}
                units = [
                    *units,
                    *(("support", n, o) for _, n, o in heading_units if n not in named),
                ]
            elif by_heading is not None and not any(
                r in ("lead", "responsible") for r, _, _ in units
            ):
                units = [*resp.heading_units_with_partners(by_heading, item.body), *units]
            if any(role == "responsible" for role, _, _ in units):
                plan.flags.add("single_list_no_lead_rule")
            anchor = id(section_heading) if section_heading is not None else -1
            section_no = section_numbers.setdefault(anchor, len(section_numbers) + 1)
            title = _heading_title(section_heading)
            number = str(to_int(item.number)) if item.number else ""
            index = number or str(1 + sum(m.section_no == section_no for m in plan.measures))
            tag = "p" if item.kind == "point" else "m"
            measure_id = f"{doc_id}-s{section_no}-{tag}{index}"
            if measure_id in used_ids:  # a number written twice in one section
                measure_id += f"-l{item.line}"
            used_ids.add(measure_id)
            plan.measures.append(
                Measure(
                    measure_id=measure_id,
                    section_no=section_no,
                    section_title=title,
                    task_no=number,
                    task_title=_measure_title(item, body),
                    text=body,
                    timeline=note.timeline if note else "",
                    line=item.line,
                )
            )
            placed.append((plan.measures[-1], item))
            for role, unit, offset in units:
                line = section_heading.line if offset < 0 else _line_of_offset(item, offset)
                with_person = resp.unit_with_person(unit)
                if with_person is not None:
                    # 市投资促进局（张勇）: the unit, and its head named for the measure
                    unit = with_person[0]
                    name, title_written = resp.split_official(with_person[1])
                    plan.officials.append(Official(measure_id, name, title_written, line))
                plan.assignments.append(Assignment(measure_id, role, unit, False, line))
            if by_heading is not None:
                for written, _ in by_heading.officials:
                    name, title_written = resp.split_official(written)
                    plan.officials.append(
                        Official(measure_id, name, title_written, section_heading.line)
                    )
            if note is not None and note.officials:
                names = "、".join(
                    resp.split_official(written)[0] or written for written, _ in note.officials
                )
                plan.warnings.append(
                    (note_line, f"work assigned to an official, not an agency: {names}")
                )
                plan.flags.add("officials_named")
                for written, offset in note.officials:
                    name, title_written = resp.split_official(written)
                    line = _line_of_offset(item, offset)
                    plan.officials.append(Official(measure_id, name, title_written, line))
    _fill_from_covers(plan, placed, covers, [e.seq for e in elements if e.kind == "h1"])
    _drop_cut_last_item(plan, text)
    if plan.assignments:
        plan.layout = "inline"
        plan.layout_confidence = round(n_noted / max(n_candidates, 1), 3)
    else:
        # Responsibility vocabulary in a plan where no note was read is a reason to look.
        vocabulary = any(_RESPONSIBILITY_WORDS.search(simplified(m.text)) for m in plan.measures)
        plan.layout_confidence = 0.5 if vocabulary else 1.0
    if rule_lines:
        plan.flags.add("first_listed_rule")
    return plan


_CUT_ENDINGS = ("。", "；", ";", "！", "!", "？", "?", "）", ")", "】", "」", "”")


def _drop_cut_last_item(plan: CodedPlan, document: str) -> None:
    """A copy cut off partway into its last item (…新建标准厂房10万平方米，| 第2页 共3页)
    holds an item whose text and units are on the next page: not coded, and said so. So is
    one whose note the copy cuts inside a unit's name (配合单位：市公; …，市公安局、出租)."""
    if len(plan.measures) < 2:
        return
    last = plan.measures[-1]
    text = last.text.rstrip()
    if (
        "，" in text
        and not text.endswith(_CUT_ENDINGS)
        and not any(a.measure_id == last.measure_id for a in plan.assignments)
        and not any(o.measure_id == last.measure_id for o in plan.officials)
        and plan.assignments
    ) or _note_cut_in_a_name(plan, document):
        plan.measures.pop()
        plan.assignments = [a for a in plan.assignments if a.measure_id != last.measure_id]
        plan.officials = [o for o in plan.officials if o.measure_id != last.measure_id]
        plan.warnings.append((last.line, "last item cut off mid-sentence: not coded"))


_ROLE_WORD_END_RE = re.compile(rf"(?:{resp.DUTY_VERBS}|协同|参与)$")
_DITTO_WORDS = frozenset({"同上", "同前", "上同", "无"})
# the last piece of a unit list: after a unit and a separator, or after a unit label's colon
_NAME_CUT_RE = re.compile(
    r"(?P<before>[^、，,：:（(]{2,16})(?P<sep>[、，,：:])\s*(?P<piece>[\u4e00-\u9fff]{1,6})$"
)


def _note_cut_in_a_name(plan: CodedPlan, document: str) -> bool:
    """Whether the copy ends inside the last item's note, partway into a unit's name."""
    lines = [line.strip() for line in document.split("\n")]
    number = max((n for n, line in enumerate(lines, start=1) if line), default=0)
    last = plan.measures[-1]
    return (
        number > 0
        and last.line <= number
        and _list_cut_in_a_name(lines[number - 1])
        and any(a.measure_id == last.measure_id for a in plan.assignments)
    )


def _list_cut_in_a_name(line: str) -> bool:
    """Whether a line ends in a unit list's piece that is no unit, after a unit and its
    separator or after a unit label's colon (…、县自然资; 配合单位：市公)."""
    line = simplified(strip_spaces(line))
    cut = _NAME_CUT_RE.search(line)
    if cut is None or line.endswith(_CUT_ENDINGS) or cut["piece"] in _DITTO_WORDS:
        return False
    piece = _ROLE_WORD_END_RE.sub("", cut["piece"])
    if resp.looks_like_unit(piece):
        return False  # a whole unit, its role word after it (市公安局配合)
    if cut["sep"] in "：:":
        return resp.labels().get(cut["before"]) in resp.UNIT_ROLES
    return resp.looks_like_unit(re.split(r"[、，,：:]", cut["before"])[-1])


def _measure_title(item: _Element, body: str) -> str:
    """A measure's short title: its own line where that is a bare title over sub-points
    (1.完善应急预案体系 / （1）… / （2）…), else its text up to the first full stop."""
    own = strip_spaces(item.body)
    if item.children and 0 < len(own) <= 40 and not any(p in own for p in "。；;，,：:"):
        return own
    return short_title(body)


def _heading_title(heading: _Element | None) -> str:
    """A section heading's title: a heading that runs on into sentences
    (（一）产业提升人才行动计划。围绕…) is titled by its first one."""
    if heading is None:
        return ""
    body = strip_spaces(heading.body)
    return short_title(body) or body


def _sections(elements: list[_Element], covered: bool = False):
    """Yield (excluded, [(measure element, its section heading)]) per level-1 section."""
    current_h1: _Element | None = None
    block: list[_Element] = []
    noted_h1 = _h1_items_noted(elements, covered)
    for element in [*elements, None]:
        if element is None or element.kind == "h1":
            # A heading with nothing under it is a measure only if it assigns units itself,
            # or where the plan's level-1 items are its measures (most carry a note): an item
            # of that level without one is a measure with no units.
            if block or (
                current_h1 is not None
                and (
                    _has_units(resp.find_note(current_h1.body))
                    or (noted_h1 and not _is_non_measure_section(current_h1.body))
                )
            ):
                excluded = current_h1 is not None and _is_non_measure_section(current_h1.body)
                yield excluded, _measures_in(current_h1, block)
            if element is not None:
                current_h1, block = element, []
        else:
            block.append(element)


_NOTED_ITEMS_MIN = 3


def _h1_items_noted(elements: list[_Element], covered: bool = False) -> bool:
    """Whether the plan's measures are its level-1 items: those with nothing under them
    carry notes, all but one at most, and three at least; or, where notes cover several
    items (``covered``), three at least stand bare."""
    bare = [
        e
        for e, after in pairwise([*elements, None])
        if e is not None and e.kind == "h1" and (after is None or after.kind == "h1")
    ]
    if covered and len(bare) >= _NOTED_ITEMS_MIN:
        return True
    noted = sum(_has_units(resp.find_note(e.body)) for e in bare)
    return noted >= _NOTED_ITEMS_MIN and noted >= len(bare) - 1


def _measures_in(h1: _Element | None, block: list[_Element]):
    """The measure elements of one level-1 section, with the heading each belongs to.

    Without level-3 or level-4 items, the level-2 points are the measures. Otherwise
    level-2 headings open scopes, and in each scope the measures are its level-3 items,
    or its level-4 items where it has no level 3 (plans mix numbering styles by section).
    """
    if not block and h1 is not None:
        return [(h1, None)]  # an item of the level the plan notes, alone
    if not any(e.kind in {"l3", "l4"} for e in block):
        scopes = [(h1, block, {"l2", "point"})]
    else:
        scopes, heading, scope = [], h1, []
        for element in [*block, None]:
            if element is None or element.kind in {"l2", "point"}:
                kinds = {e.kind for e in scope}
                scopes.append((heading, scope, {"l3"} if "l3" in kinds else {"l4"}))
                if element is not None:
                    heading, scope = element, []
            else:
                scope.append(element)
    measures: list[tuple[_Element, _Element | None]] = []
    for heading, scope, measure_kinds in scopes:
        heading_labels = _heading_label_lines(heading, scope, measure_kinds)
        if heading_labels:
            # 一、城市更新 / 牵头单位：A / 1.… : the label lines before the first item are
            # the heading's own note, as a bracket after it would be.
            heading.children.extend(heading_labels)
            scope = scope[len(heading_labels) :]
            measures.append((heading, None))
        # A heading over measures that assigns units to itself (一、…（责任单位：A）) is a
        # measure too: the plan attaches notes at both levels.
        elif heading is not None and _has_units(resp.find_note(heading.body)):
            if heading.kind in ("l2", "h1") and not any(
                _has_units(resp.find_note(_full_text(e))) for e in scope
            ):
                # （一）实施城市更新行动。（牵头单位：A…） / ①… / ②…: the heading's note covers
                # points that carry none; the heading is the measure, its points its text
                heading.children.extend(e for e in scope if e.kind != "box")
                measures.append((heading, None))
                continue
            measures.append((heading, None))
        elif _unit_heads_paragraphs(heading, scope, measure_kinds):
            # 三、省委政法委 over the paragraphs of work it is given: each is a measure
            measures.extend((e, heading) for e in scope if e.kind == "plain")
            continue
        elif _titles_one_noted_paragraph(heading, scope, measure_kinds):
            # 一、启动东环路建设工程 over the paragraph that describes and assigns it: the
            # heading is the measure's title, the paragraphs under it its text.
            heading.children.extend(e for e in scope if e.kind != "box")
            measures.append((heading, None))
            continue
        current: _Element | None = None
        in_box = False
        for index, element in enumerate(scope):
            if element.kind in measure_kinds and (
                _points_of_noted_paragraph(scope, index, current)
                or (current is not None and _taken_point_before(scope, index, current))
            ):
                # 扩大优质学前教育资源。（A牵头，B配合） / （1）… / （2）…: an unnumbered
                # paragraph's note covers the points under it, which carry none
                current.children.append(element)
            elif element.kind in measure_kinds:
                current, in_box = element, False
                measures.append((element, heading))
            elif element.kind == "box":
                current, in_box = None, True
            elif not in_box:
                label_line = resp.starts_with_label(element.body)
                note = resp.find_note(element.body) if element.kind == "plain" else None
                if current is not None and (
                    # A sub-point, a label line, or the rest of a paragraph cut off mid-sentence.
                    element.kind == "l4"
                    or label_line
                    # the duty of a unit the item names alone ((1)市林业局。 / 负责火灾扑救…)
                    or (
                        element.kind == "plain"
                        and not current.children
                        and _DUTY_OPENING_RE.match(simplified(element.body))
                        and _units_only(strip_spaces(current.body).rstrip("。.；;"))
                    )
                    or _continues_label_list(element, current)
                    # a note wrapped inside its bracket (（牵头单位：市自然资源和规 / 划局；…）)
                    or (element.kind == "plain" and _open_brackets(_full_text(current)) > 0)
                    or (
                        element.kind == "plain"
                        and not ends_sentence(_full_text(current))
                        # not a paragraph assigning its own units after one that has them
                        # (units read from a clause's wording alone, …要求；市城管局要…, do
                        # not make a cut sentence's rest a paragraph of its own)
                        and not (
                            _assigns_units(note)
                            and not note.weak
                            and _assigns_units(resp.find_note(_full_text(current)))
                        )
                        # nor one with label lines of its own under it, after a labelled one
                        and not (
                            _heads_labelled_text(scope, index)
                            and any(resp.starts_with_label(c.body) for c in current.children)
                        )
                    )
                    # A paragraph split off by markup that carries the measure's own note,
                    # not the first of several noted paragraphs the item titles.
                    or (
                        note is not None
                        and resp.find_note(_full_text(current)) is None
                        and not _has_units(resp.find_note(current.body))
                        and not (_has_units(note) and _noted_plain(scope, index + 1))
                    )
                ):
                    current.children.append(element)
                elif _assigns_units(note) and not label_line and not note.weak:
                    # An unnumbered paragraph that assigns units to itself is a measure (one
                    # naming officials alone, a group's members, is no task given).
                    current = element
                    measures.append((element, heading))
                elif (
                    element.kind == "plain"
                    and not label_line
                    and not _has_units(note)
                    and _closes_its_text(element.body)
                    and _labelled_below(scope, index + 1)
                    # (under a numbered item still without its labels, its own text: 整改措施：…)
                    and (current is None or _assigns_units(resp.find_note(_full_text(current))))
                ):
                    # An unnumbered paragraph with label lines under it (督办事项… / 承办单位：
                    # A / 协办单位：B) is a measure, as a numbered item would be.
                    current = element
                    measures.append((element, heading))
    return [split for measure in measures for split in _noted_sub_points(*measure)]


def _label_lines_at(scope: list[_Element], start: int) -> list[_Element]:
    """The label lines standing together at ``start`` (牵头单位：… / 配合单位：…)."""
    lines = []
    for element in scope[start:]:
        if element.kind != "plain" or not resp.starts_with_label(element.body):
            break
        lines.append(element)
    return lines


def _assign_units(lines: list[_Element]) -> bool:
    return bool(lines) and _assigns_units(resp.find_note("".join(e.body for e in lines)))


# A proposal's title, as a list of proposals handed to units writes it with no full stop
# (建议第5号：关于…的建议; 关于…的提案（第56号）).
_PROPOSAL_TITLE_RE = re.compile(
    r"^(?:(?:建议|提案|议案)?第?\s*[0-9０-９]+\s*号\s*[：:]\s*)?关于.{2,80}的(?:建议|提案|议案|意见)"
    r"(?:\s*[（(][^（()）]{0,30}[)）])?$"
)


def _closes_its_text(paragraph: str) -> bool:
    """Whether a paragraph over label lines is whole: a sentence, a proposal's title, or a
    project's title (城区雨污管网分流改造项目: a line with no punctuation in it)."""
    return (
        ends_sentence(paragraph)
        or _PROPOSAL_TITLE_RE.match(paragraph) is not None
        or _PROJECT_TITLE_RE.match(paragraph) is not None
    )


_PROJECT_TITLE_RE = re.compile(r"^[^，,。；;：:、！!？?\s]{4,40}$")


def _points_of_noted_paragraph(scope: list[_Element], index: int, current: _Element | None) -> bool:
    """Whether the point at ``index`` opens a run of level-4 points with no note, right
    under an unnumbered measure paragraph whose own note names units."""
    if current is None or current.kind != "plain" or scope[index].kind != "l4":
        return False
    if index == 0 or scope[index - 1] is not current:
        return False
    if not _has_units(resp.find_note(current.body)):
        return False
    run = scope[index:]
    run = run[: next((n for n, e in enumerate(run) if e.kind != "l4"), len(run))]
    return not any(_has_units(resp.find_note(e.body)) for e in run)


def _taken_point_before(scope: list[_Element], index: int, current: _Element) -> bool:
    """Whether the point before ``index`` was taken into ``current``'s text as one of such a
    run (the run is judged once, at its first point)."""
    return (
        scope[index].kind == "l4"
        and current.kind == "plain"
        and bool(current.children)
        and current.children[-1] is scope[index - 1]
        and scope[index - 1].kind == "l4"
    )


def _heads_labelled_text(scope: list[_Element], index: int) -> bool:
    """Whether the paragraph at ``index`` opens a measure of its own with label lines under
    it: a whole paragraph over them, or a title (no full stop: numbering lost in copying) over
    one whole paragraph and then them (实施老旧小区改造 / 完成43个…。 / 牵头单位：A)."""
    if _closes_its_text(scope[index].body) and _labelled_below(scope, index + 1):
        return True
    after = scope[index + 1] if index + 1 < len(scope) else None
    return (
        not ends_sentence(scope[index].body)
        and after is not None
        and after.kind == "plain"
        and not resp.starts_with_label(after.body)
        and ends_sentence(after.body)
        and _labelled_below(scope, index + 2)
    )


def _labelled_below(scope: list[_Element], start: int) -> bool:
    """Whether label lines that assign units follow at ``start`` (before any other text)."""
    return _assign_units(_label_lines_at(scope, start))


def _heading_label_lines(heading, scope, measure_kinds) -> list[_Element]:
    """Label lines right under a heading, before the items under it, that assign units
    (一、城市更新 / 牵头单位：市住建局 / 1.推进…); none where no item follows them."""
    if heading is None or resp.find_note(heading.body) is not None:
        return []
    lines = _label_lines_at(scope, 0)
    if not lines or len(lines) == len(scope) or scope[len(lines)].kind not in measure_kinds:
        return []
    return lines if _assign_units(lines) else []


def _unit_heads_paragraphs(heading, scope, measure_kinds) -> bool:
    """Whether a heading is a unit's name over unnumbered paragraphs (a plan laid out by
    department, some departments given a paragraph rather than numbered items)."""
    return (
        heading is not None
        and heading.kind in ("h1", "l2")
        and any(e.kind == "plain" for e in scope)
        and not any(e.kind in measure_kinds or e.kind in {"l2", "l3", "l4"} for e in scope)
        # (a group's heading over its make-up, 一、…建设指挥部 / 指挥长：… / 成员单位：…,
        # titles one measure whose label lines name its units)
        and not any(e.kind == "plain" and resp.starts_with_label(e.body) for e in scope)
        and resp.heading_assignment(heading.body) is not None
    )


def _continues_label_list(element: _Element, current: _Element) -> bool:
    """A paragraph of unit names only, under a label line (责任单位：A（牵头）/ B / C): the
    label's list goes on."""
    if element.kind != "plain" or not _units_only(element.body):
        return False
    for child in reversed(current.children):
        if resp.starts_with_label(child.body):
            return True
        if not _units_only(child.body):
            return False
    return False


_DUTY_OPENING_RE = re.compile(rf"^\s*(?:{resp.DUTY_VERBS})")


def _units_only(paragraph: str) -> bool:
    if ":" in paragraph or "：" in paragraph:
        return False  # a label line, or units before their work (市住建局：推进…)
    names = resp.split_units(paragraph)
    return bool(names) and all(resp.looks_like_unit(n) and not resp.titles_work(n) for n in names)


def _noted_plain(scope: list[_Element], index: int) -> bool:
    """Whether the element at ``index`` is an unnumbered paragraph that assigns units."""
    return (
        index < len(scope)
        and scope[index].kind == "plain"
        and not resp.starts_with_label(scope[index].body)
        and _has_units(resp.find_note(scope[index].body))
    )


def _titles_one_noted_paragraph(heading, scope, measure_kinds) -> bool:
    """Whether a heading has no numbered items under it and exactly one paragraph (or one
    run of label lines: 主办单位：A / 协办单位：B) that assigns units: the heading then titles
    that one measure."""
    if heading is None or any(e.kind in measure_kinds for e in scope):
        return False
    # a run of label lines (完成时限：… / 牵头部门：A / 配合部门：B) is one note, and label
    # lines naming officials alone (牵头领导：…) beside a label naming units are part of it
    notes = [resp.find_note(e.body) if e.kind == "plain" else None for e in scope]
    labelled = [e.kind == "plain" and resp.starts_with_label(e.body) for e in scope]
    units_labelled = any(
        _assigns_units(note) for note, is_label in zip(notes, labelled, strict=True) if is_label
    )
    noted, run_noted = 0, False
    for note, label_line in zip(notes, labelled, strict=True):
        counted = _assigns_units(note) if label_line and units_labelled else _has_units(note)
        if counted and not (label_line and run_noted):
            noted += 1
        run_noted = label_line and (run_noted or counted)
    return noted == 1


def _noted_sub_points(element: _Element, heading: _Element | None):
    """A measure whose （1）（2）… sub-points each carry their own note is those sub-points.

    The notes are attached at the sub-points' level, so each sub-point is a measure (with
    the label lines under it); the item over them is only their title.
    """
    groups: list[_Element] = []
    for child in element.children:
        if child.kind == "l4":
            groups.append(_Element("l4", child.number, child.body, child.line, seq=child.seq))
            groups[-1].local_rule = child.local_rule
        elif groups:
            groups[-1].children.append(child)
    if (
        len(groups) >= 2
        and _ROLE_COLON_END_RE.search(simplified(element.body))
        and resp.heading_assignment(element.body) is not None
    ):
        # 4、茄子河区政府负责： / （1）… / （2）…: the item heads its unit's sub-points, each a
        # measure of that unit (or of its own note's units)
        return [(group, element) for group in groups]
    noted = [g for g in groups if _has_units(resp.find_note(_full_text(g)))]
    # A sub-point that is only a title (（1）增加城镇居民收入 over ①…（牵头部门：…）) groups
    # the points under it: where every other sub-point carries its own note, those are
    # the measures, however few.
    titles = [g for g in groups if _is_title(g)]
    if noted and titles and len(noted) + len(titles) == len(groups):
        return [(group, heading) for group in noted]
    # one noted sub-point may carry the item's own note where it closes the item; standing
    # before the last, it is its sub-point's own
    if len(noted) < 2 and not (
        noted and noted[-1] is not groups[-1] and not _has_units(resp.find_note(element.body))
    ):
        return [(element, heading)]
    return [(group, heading) for group in groups]


_TITLE_MAX = 20


def _is_title(element: _Element) -> bool:
    """A numbered item that is only a title: short, with no sentence and nothing under it."""
    text = element.body.strip()
    return (
        not element.children
        and 0 < len(text) <= _TITLE_MAX
        and not ends_sentence(text)
        and not resp.find_note(text)
    )


def _told_below(item: _Element, note: resp.Note) -> bool:
    """Whether a note is only the sentence of an unnumbered paragraph, the item's own or
    one under it (三、保障措施 / 各地各部门要… / 市领导小组办公室要会同有关部门…): in a
    section of implementation, a demand on units, not a measure."""
    unnumbered = item.kind == "plain" or min(at for _, _, at in note.units) >= len(item.body)
    return note.start == note.end and unnumbered


def _assigns_units(note: resp.Note | None) -> bool:
    return note is not None and bool(note.units)


def _has_units(note: resp.Note | None) -> bool:
    return note is not None and bool(note.units or note.officials)


def _full_text(element: _Element) -> str:
    parts = [element.body]
    for child in element.children:
        marker = f"（{child.number}）" if child.kind == "l4" else ""
        parts.append(marker + child.body)
    return "".join(parts)


_LOST_BREAK_RE = re.compile(r"(?<=\S)[ \u3000]+(?=由)")


def _measure_body(
    element: _Element, unit_columns: tuple[str, ...] = ()
) -> tuple[str, int, resp.Note | None]:
    """(text without its note, source line of the note, the note).

    ``unit_columns``: the roles of a flattened table's unit columns, whose cells may close
    the text (see :func:`responsibility.trailing_columns_note`).
    """
    text = _full_text(element)
    starts = _paragraph_starts(element)
    exhorted = _closing_exhortations(element)
    if exhorted:
        # (…县民政局负责，县财政局给予资金支持。 / 各乡镇、各有关单位要于每季度末…: the plan's
        # closing demand on every unit, run on under its last item, is no part of its note)
        cut = starts[len(starts) - exhorted]
        note = resp.find_note(text[:cut], starts[: len(starts) - exhorted])
        if note is None or not note.units:
            note = resp.find_note(text, starts)
    else:
        note = resp.find_note(text, starts)
    if (note is None or not note.units) and unit_columns:
        note = resp.trailing_columns_note(text, unit_columns) or note
    if (note is None or not note.units) and element.children:
        # an item's own note before its sub-points, which have none (2.提升医疗服务水平。
        # （A牵头，B配合） / （1）… / （2）…): the note covers them
        own = resp.find_note(element.body)
        if own is not None and own.units:
            note = own
    if (note is None or not note.units) and element.children:
        # label lines naming officials, then the duty, then the units' label line (牵头领导：…
        # / 主要职责：… / 责任单位：A、B): the units' block is the note, with the officials
        for start, child in zip(starts[1:], element.children, strict=True):
            if not resp.starts_with_label(child.body):
                continue
            later = resp.find_note(text[start:], tuple(s - start for s in starts if s >= start))
            if later is not None and later.units:
                note = _shifted(later, start, note.officials if note else ())
                break
    if (note is None or not note.units) and any(
        resp.starts_with_label(child.body) for child in element.children
    ):
        # A progress report writes what was done (完成情况：…) under each measure, after
        # the note that closed the measure's own paragraph.
        for end in reversed(starts[1:]):
            earlier = resp.find_note(text[:end], tuple(s for s in starts if s < end))
            if earlier is not None and earlier.units:
                note = earlier
                break
    if (note is None or not note.units) and not element.children:
        # a copy that lost its line breaks keeps a space where a paragraph began (…事宜
        # 由杨志武副市长负责，市发改委牵头…): the clause after it opens a paragraph
        lost = tuple(m.end() for m in _LOST_BREAK_RE.finditer(text) if m.end() not in starts)
        if lost:
            found = resp.find_note(text, tuple(sorted((*starts, *lost))))
            if found is not None and found.units:
                note = found
    if note is None:
        return strip_spaces(text), element.line, None
    line = _line_of_offset(element, min(note.start, max(len(text) - 1, 0)))
    return strip_spaces(text[: note.start] + text[note.end :]), line, note


def _closing_exhortations(element: _Element) -> int:
    """How many of a measure's last paragraphs are a plan's closing demand on every unit,
    with the issuer's name and the date signed under it."""
    count = demands = 0
    for child in reversed(element.children):
        if child.kind != "plain":
            break
        body = simplified(child.body)
        if resp.CLOSING_DEMAND_RE.match(body):
            demands += 1
        elif demands or not (resp.SIGNED_DATE_RE.match(body) or _units_only(body)):
            break
        count += 1
    return count if demands else 0


def _shifted(note: resp.Note, by: int, officials: tuple = ()) -> resp.Note:
    """A note found in a measure's text from offset ``by`` on, with offsets in the whole
    text, and the officials named above it."""
    return replace(
        note,
        start=note.start + by,
        end=note.end + by,
        units=tuple((r, u, o + by) for r, u, o in note.units),
        officials=(*officials, *((n, o + by) for n, o in note.officials)),
    )


def _paragraph_starts(element: _Element) -> tuple[int, ...]:
    """Offsets in a measure's joined text where each of its paragraphs begins."""
    starts, position = [0], len(element.body)
    for child in element.children:
        marker = len(f"（{child.number}）") if child.kind == "l4" else 0
        starts.append(position + marker)
        position += marker + len(child.body)
    return tuple(starts)


def _line_of_offset(element: _Element, offset: int) -> int:
    """Source line of a character offset in a measure's joined text."""
    position = len(element.body)
    if offset < position:
        return element.line
    for child in element.children:
        marker = len(f"（{child.number}）") if child.kind == "l4" else 0
        position += marker + len(child.body)
        if offset < position:
            return child.line
    return element.children[-1].line if element.children else element.line


# -- notes covering several measures -------------------------------------------------------


@dataclass(eq=False)
class _Cover:
    """A note giving units to several measures (see :mod:`agencygraph.parse._covers`)."""

    scope: Scope
    seq: float  # where it stands among the paragraphs
    end: float  # where the section it opens or heads ends
    line: int
    units: list[tuple[str, str, int]]
    stated: list[tuple[tuple[int, ...], list[tuple[str, str, int]]]]
    excluded: tuple[int, ...]


def _cover_units(text: str, first_leads: bool = False) -> list[tuple[str, str, int]]:
    note = resp.find_note(text.strip("：:，,、 均"))
    if note is None or not _has_units(note):
        return []
    return resp.resolve_roles(list(note.units), first_leads=first_leads)


def _make_cover(
    scope: Scope, text: str, seq: float, end: float, line: int, first_leads: bool = False
) -> _Cover | None:
    main, stated, excluded = exceptions(text)
    units = _cover_units(main, first_leads)
    said = [(numbers, _cover_units(clause)) for numbers, clause in stated]
    said = [(numbers, found) for numbers, found in said if found]
    if not units and not said:
        return None
    return _Cover(scope, seq, end, line, units, said, excluded)


def _take_covers(elements: list[_Element], rule_lines: list[int]) -> list[_Cover]:
    """Take the notes covering several measures out of the paragraphs: a paragraph that is
    one (以上3项由A牵头…; 以下各项由A牵头：; 第1—4项责任单位：A; a preamble's default), the
    note of a heading over its section (一、…（本部分各项任务除另有标注外，均由A牵头）), and
    an item's own note naming the items with it (（以上2项均由A牵头）; （本项及以下2项…）;
    （A牵头，B配合，下同）), which the item keeps."""
    for index, element in enumerate(elements):
        element.seq = index
    first_item = next(
        (e.seq for e in elements if e.kind in ("h1", "l2", "l3", "l4", "point")), len(elements)
    )
    covers: list[_Cover] = []
    kept: list[_Element] = []
    index = 0
    while index < len(elements):
        element = elements[index]
        taken = 0
        # a first-listed rule in force (列第一位的为牵头单位), stated before or in the note
        ruled = element.local_rule or any(line <= element.line for line in rule_lines)
        if element.kind == "plain" and not resp.starts_with_label(element.body):
            taken = _cover_paragraph(elements, index, first_item, covers, ruled)
        elif element.kind in ("h1", "l2"):
            _heading_cover(elements, index, covers, ruled)
        if element.kind != "plain" or not taken:
            _item_cover(elements, index, covers, ruled)
        if taken:
            index += taken
            continue
        kept.append(element)
        index += 1
    elements[:] = kept
    return covers


def _folds_into_heading(
    elements: list[_Element], last: int, after: int, scope: Scope, text: str
) -> bool:
    """Give a heading the note that closes its section and covers every item under it (一、…
    / 1.… / 2.… / 以上2项由A牵头): the items, none with a note of its own, are the heading's
    one measure, as where the note stands on the heading. Whether it was so given."""
    if last < 0 or elements[last].kind not in ("l2", "l3", "l4"):
        return False
    kind = elements[last].kind
    first = last
    while first > 0 and elements[first - 1].kind == kind:
        first -= 1
    heading = elements[first - 1] if first > 0 else None
    items = elements[first : last + 1]
    if heading is None or heading.kind not in _HEADING_KINDS:
        return False
    level = _HEADING_KINDS.index(heading.kind)
    closing = after >= len(elements) or (
        elements[after].kind in _HEADING_KINDS
        and _HEADING_KINDS.index(elements[after].kind) <= level
    )
    numbers = tuple(to_int(e.number) for e in items)
    whole = (scope.count is None or scope.count == len(items)) and (
        not scope.numbers or scope.numbers == numbers
    )
    if (
        _HEADING_KINDS.index(kind) <= level
        or not closing
        or not whole
        or _has_units(resp.find_note(heading.body))
        or any(_has_units(resp.find_note(e.body)) for e in items[:-1])
    ):
        return False
    heading.body += "（" + text.strip("：:，,、；; 均") + "）"
    return True


def _section_end(elements: list[_Element], index: int, kinds: tuple[str, ...]) -> float:
    return next((e.seq for e in elements[index + 1 :] if e.kind in kinds), len(elements))


def _cover_paragraph(elements, index, first_item, covers, ruled: bool) -> int:
    """How many paragraphs a covering note at ``index`` takes (0 if it is none)."""
    element = elements[index]
    scope = covering_scope(element.body)
    if scope is None or (scope.kind == "default" and element.seq > first_item):
        return 0
    text, taken = scope.text, 1
    if not _cover_units(text):
        # 上述第2—4项： over label lines (牵头单位：A / 配合单位：B)
        labels = _label_lines_at(elements, index + 1)
        text += "；".join(label.body for label in labels)
        taken += len(labels)
    end = _section_end(elements, index, ("h1",))
    cover = _make_cover(scope, text, element.seq, end, element.line, ruled)
    if cover is None:
        return 0
    if not _folds_into_heading(elements, index - 1, index + taken, scope, text):
        covers.append(cover)
    return taken


# Words a covering note cannot do without, tried before any note is looked for (issue 19):
# a heading's (本部分各项…, 以下各项…, 未标明…的) and an item's (以上2项…, 本项及以下…, 下同).
_SECTION_COVER_HINT_RE = re.compile(
    r"本部分|本节|本章|本板块|本领域|本阶段|本专项|本方面|以下|下列|下述|未"
)
_ITEM_COVER_HINT_RE = re.compile(
    r"(?:以上|上述|上列)(?:各项|所列|所有|全部|第|[0-9０-９一二两三四五六七八九十①-⑳(（]|工作|任务|事项)"
    r"|本项及|下同|以下(?:未|的|各项|同)"
    r"|[0-9０-９一二两三四五六七八九十]\s*项(?:目标|指标|任务|工作)?的?\s*(?:均|都)?\s*"
    r"(?:的?责任单位|的?牵头单位|由|均由|均为)"
)


def _covering_note(text: str, hint: re.Pattern[str]) -> tuple[resp.Note, int, int, str] | None:
    """A paragraph's note where a covering note's words stand in it (most paragraphs have
    none, and no note is looked for): the note, the span of its bracket or sentence, and
    that clause's text without its brackets."""
    if not hint.search(simplified(text)):
        return None
    note = resp.find_note(text)
    if note is None or not note.units:
        return None
    start, end = _note_clause(text, note)
    return note, start, end, text[start:end].strip("（()）〔〕【】 ")


def _heading_cover(elements, index, covers, ruled: bool) -> None:
    """A heading's note covering its section (本部分各项任务除另有标注外，均由A牵头): the
    heading is no measure, its items take the note."""
    heading = elements[index]
    found = _covering_note(heading.body, _SECTION_COVER_HINT_RE)
    if found is None:
        return
    _, start, end, written = found
    scope = covering_scope(written)
    if scope is None or scope.kind not in ("section", "forward", "default"):
        return
    kinds = ("h1",) if heading.kind == "h1" else ("h1", "l2")
    cover = _make_cover(
        replace(scope, kind="section"),
        scope.text,
        heading.seq,
        _section_end(elements, index, kinds),
        heading.line,
        first_leads=ruled,
    )
    if cover is not None:
        heading.body = strip_spaces(heading.body[:start] + heading.body[end:])
        covers.append(cover)


def _item_cover(elements: list[_Element], index: int, covers: list[_Cover], ruled: bool) -> None:
    """An item's note that also names other items: 以上2项… (the item and those before it),
    本项及以下2项… (it and those after), …，下同 (the items after it that name no unit)."""
    element = elements[index]
    found = _covering_note(element.body, _ITEM_COVER_HINT_RE)
    if found is None:
        return
    note, start, end, written = found
    scope = covering_scope(written)
    if scope is not None and scope.kind in ("back", "self"):
        seq = element.seq + 0.5 if scope.kind == "back" else element.seq - 0.5
        cover = _make_cover(scope, scope.text, seq, float("inf"), element.line, ruled)
        if cover is None:
            return
        if scope.kind == "back" and _folds_into_heading(
            elements, index, index + 1, scope, scope.text
        ):
            element.body = strip_spaces(element.body[:start] + element.body[end:])
        else:
            covers.append(cover)
    elif _SAME_BELOW_RE.search(simplified(written)):
        # …，下同 / 以下未标注的各项同: the items after it that name no unit, each taking
        # the nearest such note before it
        units = resp.resolve_roles(list(note.units), first_leads=ruled)
        scope = Scope("forward", None, (), written)
        covers.append(_Cover(scope, element.seq + 0.5, float("inf"), element.line, units, [], ()))


_SAME_BELOW_RE = re.compile(r"下同|以下(?:未标注|未标明|未注明|未明确)?的?各项同|以下同")


def _note_clause(text: str, note: resp.Note) -> tuple[int, int]:
    """The span of the bracket or sentence holding a note (a covering note's scope stands
    before its units: （以上2项均由A牵头）, …。以上3项由A牵头，B配合。)."""
    # a note read from a sentence spans nothing: its units say where it stands
    anchor = min([note.start, *(offset for _, _, offset in note.units if offset >= 0)])
    start = max(text.rfind(mark, 0, anchor + 1) for mark in "。；;（(〔【") + 1
    if start > 0 and text[start - 1] in "（(〔【":
        start -= 1
    if text[start : start + 1] not in "（(〔【":
        return start, note.end
    closes = [i for i in (text.find(mark, note.end - 1) for mark in "）)〕】") if i >= 0]
    return start, max(min(closes) + 1 if closes else note.end, note.end)


# How surely a cover's scope names a measure: an exception it states, a count or numbers, a
# group bounded by the section or another note, a heading's section, the preamble's default.
_COVER_RANK = {"numbers": 3, "back": 2, "forward": 2, "self": 3, "section": 1, "default": 0}


def _item_number(measure: Measure) -> int:
    """A measure's item number (0 for an unnumbered one)."""
    return to_int(measure.task_no) if measure.task_no else 0


def _cover_targets(
    cover: _Cover, order: list[tuple[Measure, float]], starts: list[float]
) -> list[Measure]:
    """The measures a cover names, in document order."""
    scope = cover.scope
    before = [m for m, seq in order if seq < cover.seq]
    after = [m for m, seq in order if seq > cover.seq]
    if scope.numbers:
        pool = list(reversed(before)) if scope.kind == "back" else after
        if scope.kind == "numbers":
            pool = list(reversed(before)) + after
        found: dict[int, Measure] = {}
        for measure in pool:
            number = _item_number(measure)
            if number in scope.numbers and number not in found:
                found[number] = measure
        return list(found.values())
    if scope.kind in ("back", "self", "forward") and scope.count:
        if scope.kind == "back":
            return before[-scope.count :]
        return after[: scope.count + (scope.kind == "self")]
    if scope.kind == "back":
        start = max([s for s in starts if s < cover.seq], default=-1)
        return [m for m, seq in order if start < seq < cover.seq]
    if scope.kind in ("forward", "section"):
        return [m for m, seq in order if cover.seq < seq < cover.end]
    return [m for m, _ in order]  # default


_LEADING = {"responsible": "lead"}


def _stated_targets(
    cover: _Cover, targets: list[Measure], order: list[tuple[Measure, float]]
) -> dict[str, tuple[Measure, list[tuple[str, str, int]]]]:
    """The measures a cover's stated exceptions name by number (其中第3项由C牵头; 第5项由A
    负责), among the cover's own measures or else the nearest so numbered."""
    named: dict[str, tuple[Measure, list[tuple[str, str, int]]]] = {}
    nearest = sorted(order, key=lambda pair: abs(pair[1] - cover.seq))
    pool = [*targets, *(m for m, _ in nearest)]
    for numbers, units in cover.stated:
        for number in numbers:
            found = next((m for m in pool if _item_number(m) == number), None)
            if found is not None:
                named.setdefault(found.measure_id, (found, units))
    return named


def _fill_from_covers(
    plan: CodedPlan,
    placed: list[tuple[Measure, _Element]],
    covers: list[_Cover],
    headings: list[int],
) -> None:
    """Give the measures that name no unit of their own the units of the notes covering
    them (the most specific note, then the nearest), and read 同上 / 同第N项."""
    own = {a.measure_id for a in plan.assignments}
    order = sorted(((m, e.seq) for m, e in placed), key=lambda pair: pair[1])
    # a group after a note before it, or after the section's heading, ends there
    starts = [float(s) for s in headings] + [
        c.seq for c in covers if c.scope.kind in ("back", "forward", "numbers")
    ]
    seq_of = {m.measure_id: seq for m, seq in order}
    chosen: dict[str, tuple[tuple[int, float], _Cover, list[tuple[str, str, int]]]] = {}
    for cover in covers:
        targets = _cover_targets(cover, order, starts)
        named = _stated_targets(cover, targets, order)
        ids = {m.measure_id for m in targets}
        for measure in [*targets, *(m for m, _ in named.values() if m.measure_id not in ids)]:
            number = _item_number(measure)
            units, rank = cover.units, _COVER_RANK[cover.scope.kind]
            if measure.measure_id in named:
                # 以上3项均由B配合，其中第2项由A牵头: the exception's roles, and the rest's
                stated = named[measure.measure_id][1]
                roles = {_LEADING.get(role, role) for role, _, _ in stated}
                kept = [
                    u
                    for u in cover.units
                    if measure.measure_id in ids and _LEADING.get(u[0], u[0]) not in roles
                ]
                units, rank = [*stated, *kept], 4
            elif number and number in cover.excluded:
                continue
            if not units:
                continue
            key = (rank, -abs(seq_of[measure.measure_id] - cover.seq))
            if measure.measure_id not in chosen or key > chosen[measure.measure_id][0]:
                chosen[measure.measure_id] = (key, cover, units)
    for measure, _ in order:
        if measure.measure_id in own or measure.measure_id not in chosen:
            continue
        _, cover, units = chosen[measure.measure_id]
        plan.assignments.extend(
            Assignment(measure.measure_id, role, unit, False, cover.line) for role, unit, _ in units
        )
    _read_same_as(plan, [m for m, _ in order])


_SAME_AS_RE = re.compile(
    r"[（(]\s*(?:责任分工|责任单位|分工|牵头单位|单位)?\s*同"
    r"(?:上|第\s*(?P<number>[0-9０-９一二三四五六七八九十]{1,3})\s*(?:项|条))"
    r"\s*[）)]\s*[。；;]?\s*$"
)
_SAME_AS_ABOVE = "同上"


def _read_same_as(plan: CodedPlan, order: list[Measure]) -> None:
    """A measure whose units are written 同上 (the measure before's) or 同第N项 (measure
    N's): （同上）, 责任单位：同上, 牵头单位：同上；配合单位：B (the lead alone carried)."""
    by_measure: dict[str, list[Assignment]] = {}
    for assignment in plan.assignments:
        by_measure.setdefault(assignment.measure_id, []).append(assignment)
    for index, measure in enumerate(order):
        own = by_measure.setdefault(measure.measure_id, [])
        same = [a for a in own if simplified(a.agency_raw) == _SAME_AS_ABOVE]
        written = _SAME_AS_RE.search(simplified(measure.text)) if not own else None
        if written is None and not same:
            continue
        earlier = order[:index]
        if written is not None and written.group("number"):
            number = to_int(written.group("number"))
            earlier = [m for m in earlier if _item_number(m) == number]
        source = by_measure.get(earlier[-1].measure_id, []) if earlier else []
        line = same[0].line if same else measure.line
        if same and len(same) < len(own):
            # 牵头单位：同上；配合单位：B: the role written 同上 alone is the one above's
            roles = {_LEADING.get(a.role, a.role) for a in same}
            source = [a for a in source if _LEADING.get(a.role, a.role) in roles]
        for assignment in same:
            plan.assignments.remove(assignment)
            own.remove(assignment)
        named = {a.agency_raw for a in own}
        copied = [
            Assignment(measure.measure_id, a.role, a.agency_raw, a.inherited, line)
            for a in source
            if a.agency_raw not in named
        ]
        plan.assignments.extend(copied)
        own.extend(copied)
