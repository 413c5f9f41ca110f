"""Paragraphs broken at a fixed width joined again before coding, with a map to the source lines.

Text copied out of a PDF or a printed page keeps the page's line breaks: a paragraph runs
over several lines of the same width, cutting item numbers, labels and unit names
(责任单 / 位：县发改局). Official documents are set about 28 characters a line (GB/T 9704),
so such a copy is recognised by its lines: many end at one right margin and almost none
run past it. Where that holds, a line that reaches the margin goes on into the next one
unless the next opens a paragraph (an indent, an item number, a role label). The coder
reads the joined text, and every line it reports is mapped back to the source line the
unit or measure text starts on, so each edge still points at its line in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from agencygraph.parse._records import CodedPlan
from agencygraph.parse._text import MASTHEAD_RE, PAGE_MARK_RE
from agencygraph.parse.responsibility import starts_with_label

#: A paragraph this short is no evidence of a page's width (a heading, a label line).
_MIN_WIDTH = 30
#: How far short of the margin a full line may stop: a wide character that did not fit,
#: or the page's rule that no line opens with a closing mark.
_SLACK = 3
_MIN_FULL_LINES = 6
_MIN_FULL_SHARE = 0.35
_MAX_LONGER_SHARE = 0.03
_WIDEST_PAGE = 100

_OPENS_PARAGRAPH_RE = re.compile(
    r"(?:\u3000|[ \t\xa0]{2}"
    r"|第?[一二三四五六七八九十百]+[、是．.]"
    r"|[（(〔][一二三四五六七八九十百\d]+[）)〕]"
    r"|\d{1,3}(?:[、．）)]|\.(?!\d))"
    r"|[①-⑳⑴-⒇㈠-㈩]"
    r"|第[一二三四五六七八九十百\d]+[章节条部]"
    r"|附件|附表"
    r"|[（(〔【]?(?:牵头|责任|配合|协同|协办|主办|主责|参与|完成|时间|时限)[^，,。：:]{0,6}[：:])"
)


# East Asian wide and full-width characters (Unicode's W and F): each takes two columns.
_WIDE_RE = re.compile(
    "[\u1100-\u115f\u231a\u231b\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19"
    "\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def _continues(line: str, is_body: bool) -> bool:
    """Whether a line goes on with the paragraph a full line above it was cut from."""
    return is_body and not _OPENS_PARAGRAPH_RE.match(line)


_RUNNING_TITLE_MAX = 40


def _page_furniture(lines: list[str]) -> set[int]:
    """Lines a printed page adds: page numbers, mastheads, and the running title (the
    plan's title, or a title-like line printed on three pages or more)."""
    squashed = [re.sub(r"\s+", "", line) for line in lines]
    counts = Counter(squashed)
    title = next((line for line in squashed if line), "")
    furniture = set()
    seen: set[str] = set()
    for index, line in enumerate(squashed):
        if not line:
            continue
        mark = PAGE_MARK_RE.match(line) or MASTHEAD_RE.match(line)
        running = (
            line in seen
            and len(line) <= _RUNNING_TITLE_MAX
            and (line == title or counts[line] >= 3)
            and line[-1] not in _CLOSING_MARKS
            # a label line (牵头单位:省财政厅) repeats because items share their units
            and not starts_with_label(line)
        )
        if mark or running:
            furniture.add(index)
        seen.add(line)
    return furniture


_CLOSING_MARKS = "，,。；;、：:）)〕】」”"


def _display_width(line: str) -> int:
    return len(line) + len(_WIDE_RE.findall(line))


def _is_body(line: str) -> bool:
    """A line of running text, not a table row (pipes or box-drawn bars and rules) or an
    aligned row of cells."""
    return (
        bool(line.strip())
        and _TABLE_MARKS.isdisjoint(line)
        and "\t" not in line
        and "   " not in line.strip()
    )


_TABLE_MARKS = frozenset("|│┃║─━═┼╋╬")


@dataclass(frozen=True)
class Unwrapped:
    """The joined lines and, for each of them, where each piece came from.

    ``pieces[j]`` lists ``(offset, source_line)`` for joined line ``j + 1``: the character
    offset in the joined line where a source line's text begins.
    """

    lines: tuple[str, ...]
    pieces: tuple[tuple[tuple[int, int], ...], ...]

    def source_line(self, line: int, needle: str = "", after: int = 0) -> int:
        """The source line of ``needle`` on joined ``line`` (its first piece if not found)."""
        pieces = self.pieces[line - 1] if 0 < line <= len(self.pieces) else ()
        if not pieces:
            return line
        offset = self.offset(line, needle, after) if needle else -1
        if offset < 0:
            return pieces[0][1]
        starts = [start for start, _ in pieces]
        return pieces[bisect_right(starts, offset) - 1][1]

    def offset(self, line: int, needle: str, after: int = 0) -> int:
        """Where ``needle`` (spaces ignored) starts on joined ``line``, or -1."""
        text = self.lines[line - 1]
        compact = "".join(needle.split())[:6]
        if not compact:
            return -1
        found = text.find(compact, after)
        if found < 0 and after:
            found = text.find(compact)
        return found

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _margin(widths: list[int]) -> tuple[int, int] | None:
    """The right margin most body lines stop at and how many do, or None where there is none."""
    long = Counter(w for w in widths if w >= _MIN_WIDTH)
    if sum(long.values()) < _MIN_FULL_LINES:
        return None
    best, best_count = None, 0
    for width in sorted(long):
        count = sum(long.get(w, 0) for w in range(width - _SLACK, width + 1))
        if count >= best_count:
            best, best_count = width, count
    if best is None or best_count < _MIN_FULL_LINES or best_count < _MIN_FULL_SHARE * len(widths):
        return None
    longer = sum(w > best + 1 for w in widths)
    if longer > max(1, _MAX_LONGER_SHARE * len(widths)):
        return None
    return best, best_count


def unwrap(text: str) -> Unwrapped | None:
    """Join a copy's fixed-width line breaks, or ``None`` where the text has no such margin.

    Examples
    --------
    >>> paragraph = "各地各部门要切实提高思想认识，把这项工作摆上重要位置，主要负责同志亲自抓。" * 6
    >>> page = [paragraph[i : i + 28] for i in range(0, len(paragraph), 28)]
    >>> unwrap("\\n".join(page)).text == paragraph
    True
    """
    lines = text.split("\n")
    body = [_is_body(line) for line in lines]
    # no page is wider than _WIDEST_PAGE columns: a text with many longer lines (paragraphs
    # one a line) has no margin to find, and most texts are told apart here cheaply
    long_lines = sum(len(line) > _WIDEST_PAGE for line, b in zip(lines, body, strict=True) if b)
    if long_lines > max(1, _MAX_LONGER_SHARE * sum(body)):
        return None
    # A page breaks lines by their printed width (a wide character counts two); a copy
    # cut every n characters by their number: whichever puts more lines at one margin.
    found = []
    for width_of in (_display_width, len):
        widths = [width_of(line.rstrip()) for line, b in zip(lines, body, strict=True) if b]
        margin = _margin(widths)
        if margin is not None:
            found.append((margin[1], margin[0], width_of))
    if not found:
        return None
    _, margin, width_of = max(found, key=lambda f: f[0])

    furniture = _page_furniture(lines)
    out: list[str] = []
    pieces: list[list[tuple[int, int]]] = []
    joining = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if joining and (not line.strip() or index in furniture):
            # a page's number, running title or masthead between a full line and the rest
            # of its paragraph on the next page (…县教育体育 / — 3 — / 局配合）) is left out
            ahead = index
            while ahead < len(lines) and (not lines[ahead].strip() or ahead in furniture):
                ahead += 1
            crossed = any(i in furniture for i in range(index, ahead))
            if crossed and ahead < len(lines) and _continues(lines[ahead], body[ahead]):
                index = ahead
                line = lines[index]
        if joining and _continues(line, body[index]):
            pieces[-1].append((len(out[-1]), index + 1))
            out[-1] += line.rstrip()
        else:
            out.append(line.rstrip() if body[index] else line)
            pieces.append([(0, index + 1)])
        stripped = line.rstrip()
        joining = body[index] and width_of(stripped) >= margin - _SLACK
        index += 1
    if len(out) == len(lines):
        return None
    return Unwrapped(tuple(out), tuple(tuple(p) for p in pieces))


def relocate(plan: CodedPlan, unwrapped: Unwrapped) -> CodedPlan:
    """``plan``, coded from the joined text, with every line mapped back to the source."""
    measure_at: dict[str, tuple[int, int]] = {}
    for measure in plan.measures:
        joined = measure.line
        offset = unwrapped.offset(joined, measure.text)
        measure.line = unwrapped.source_line(joined, measure.text)
        measure_at[measure.measure_id] = (joined, max(offset, 0))
    for record, needle in [(a, a.agency_raw) for a in plan.assignments] + [
        (o, o.name) for o in plan.officials
    ]:
        joined_measure, offset = measure_at.get(record.measure_id, (0, 0))
        after = offset if joined_measure == record.line else 0
        record.line = unwrapped.source_line(record.line, needle, after)
    plan.warnings = [(unwrapped.source_line(line), message) for line, message in plan.warnings]
    plan.flags.add("line_breaks_joined")
    return plan
