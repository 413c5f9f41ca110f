"""Plans written as an outline of numbered paragraphs (the inline and narrative layouts).

Chinese official documents number their outline in a fixed order: ``一、`` (level 1),
``（一）`` (level 2), ``1.`` / ``1．`` (level 3), ``（1）`` (level 4). A measure is an
enumerated paragraph at the lowest level that carries content inside a section of
measures: level 3 items under their level-2 heading, or level-2 points directly under a
level-1 heading when a section has no level-3 items. Preambles (总体要求, 指导思想 …),
implementation sections (组织实施 …) and target boxes (专栏) hold no measures, unless a
paragraph there assigns units to itself.

A measure's responsibility note, if any, sits at its end in brackets:
（牵头单位：A；协同单位：B、C） or 〔牵头单位:A,责任单位:B〕. Plans with notes are the
*inline* layout; plans without any are *narrative*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from agencygraph.parse._records import Assignment, CodedPlan, Measure, parse_terms
from agencygraph.parse._text import (
    EMPTY_POINT_RE,
    LEVEL1_RE,
    LEVEL2_RE,
    LEVEL3_RE,
    LEVEL4_RE,
    ends_sentence,
    find_note,
    parse_labelled_units,
    short_title,
    squash_spaces,
    strip_spaces,
    to_int,
)

_LABEL_LINE_RE = re.compile(
    r"^[（(〔【]?\s*(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协同单位|协办单位|参与单位|主办单位)\s*[:：]"
)


@dataclass
class _Element:
    kind: str  # "h1", "l2", "l3", "l4", "point", "plain", "box"
    number: str
    body: str
    line: int
    children: list[_Element] = field(default_factory=list)


def _classify(paragraph: str, line: int) -> _Element:
    for kind, pattern in (("h1", LEVEL1_RE), ("l2", LEVEL2_RE), ("l4", LEVEL4_RE)):
        match = pattern.match(paragraph)
        if match:
            return _Element(kind, match.group(1), paragraph[match.end() :], line)
    match = LEVEL3_RE.match(paragraph)
    if match:
        return _Element("l3", match.group(1), paragraph[match.end() :], line)
    match = EMPTY_POINT_RE.match(paragraph)
    if match:
        return _Element("point", "", strip_spaces(paragraph[match.end() :]), line)
    if paragraph.startswith(parse_terms().get("box", ())):
        return _Element("box", "", paragraph, line)
    return _Element("plain", "", paragraph, line)


def _paragraphs(text: str):
    """Yield (line number, paragraph) for each non-blank line, points split at lost numerals."""
    boilerplate = parse_terms().get("boilerplate", ())
    for number, raw in enumerate(text.split("\n"), start=1):
        line = strip_spaces(raw)
        if not line or line.startswith(boilerplate):
            continue
        # Several "()" points on one source line: each is its own paragraph.
        starts = [m.start() for m in EMPTY_POINT_RE.finditer(line)]
        if starts and starts[0] == 0 and len(starts) > 1:
            bounds = [*starts, len(line)]
            for begin, end in pairwise(bounds):
                yield number, strip_spaces(line[begin:end])
        else:
            yield number, line


def _is_non_measure_section(title: str) -> bool:
    return any(term in title for term in parse_terms().get("non_measure_section", ()))


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
    elements = [_classify(paragraph, line) for line, paragraph in _paragraphs(text)]
    plan = CodedPlan(layout="narrative")
    sections = _group_sections(elements)
    seen_texts: set[str] = set()
    section_numbers: dict[int, int] = {}

    for _h1, items, excluded in sections:
        for item, section_heading in items:
            body, note_line, units, closed = _measure_body(item)
            if excluded and not units:
                continue
            key = squash_spaces(body) + "|" + "|".join(u for _, u, _ in units)
            if key in seen_texts:
                plan.warnings.append((item.line, "measure repeated in the file; coded once"))
                continue
            seen_texts.add(key)
            if not closed:
                plan.warnings.append((note_line, "responsibility note has no closing bracket"))
            anchor = id(section_heading) if section_heading is not None else -1
            section_no = section_numbers.setdefault(anchor, len(section_numbers) + 1)
            title = strip_spaces(section_heading.body) if section_heading is not None else ""
            number = str(to_int(item.number)) if item.number else ""
            index = (
                number
                if number
                else str(1 + sum(m.section_no == section_no for m in plan.measures))
            )
            tag = "p" if item.kind == "point" else "m"
            measure_id = f"{doc_id}-s{section_no}-{tag}{index}"
            plan.measures.append(
                Measure(
                    measure_id=measure_id,
                    section_no=section_no,
                    section_title=title,
                    task_no=number,
                    task_title=short_title(body),
                    text=body,
                    timeline="",
                    line=item.line,
                )
            )
            for role, unit, _label in units:
                plan.assignments.append(Assignment(measure_id, role, unit, False, note_line))
    if plan.assignments:
        plan.layout = "inline"
    return plan


def _group_sections(elements: list[_Element]):
    """Group elements into (level-1 heading, [(measure element, its section heading)], excluded)."""
    sections: list[tuple[_Element | None, list[_Element], bool]] = []
    current_h1: _Element | None = None
    block: list[_Element] = []
    for element in elements:
        if element.kind == "h1":
            if block:
                sections.append((current_h1, block, _excluded(current_h1)))
            current_h1, block = element, []
        else:
            block.append(element)
    if block:
        sections.append((current_h1, block, _excluded(current_h1)))
    return [(h1, _measures_in(h1, block), excluded) for h1, block, excluded in sections]


def _excluded(heading: _Element | None) -> bool:
    return heading is not None and _is_non_measure_section(heading.body)


def _measures_in(h1: _Element | None, block: list[_Element]):
    """The measure elements of one level-1 section, with the heading each belongs to."""
    has_level3 = any(e.kind == "l3" for e in block)
    measure_kinds = {"l3"} if has_level3 else {"l2", "point"}
    if h1 is None and not has_level3 and not any(e.kind in measure_kinds for e in block):
        return []
    measures: list[tuple[_Element, _Element | None]] = []
    section_heading: _Element | None = h1
    current: _Element | None = None
    in_box = False
    for element in block:
        if element.kind in measure_kinds:
            current, in_box = element, False
            measures.append((element, section_heading))
        elif element.kind in {"l2", "point"}:
            section_heading, current, in_box = element, None, False
        elif element.kind == "box":
            current, in_box = None, True
        elif current is not None and not in_box:
            # A sub-point, a label line, or the rest of a paragraph cut off mid-sentence.
            attached = element.kind == "l4" or bool(_LABEL_LINE_RE.match(element.body))
            cut_off = element.kind == "plain" and not ends_sentence(_full_text(current))
            if attached or cut_off:
                current.children.append(element)
    return measures


def _full_text(element: _Element) -> str:
    parts = [element.body]
    for child in element.children:
        marker = f"（{child.number}）" if child.kind == "l4" else ""
        parts.append(marker + child.body)
    return "".join(parts)


def _measure_body(element: _Element):
    """(text without the note, line of the note, [(role, unit, label)], note closed?)."""
    text = _full_text(element)
    note = find_note(text)
    units: list[tuple[str, str, str]] = []
    line = element.line
    closed = True
    if note is not None:
        units = list(note.units)
        closed = note.closed
        line = _line_of_offset(element, note.start)
        text = text[: note.start] + text[note.end :]
    else:
        # Label lines after the measure: 牵头单位：A  /  责任单位：B、C
        labelled = [c for c in element.children if _LABEL_LINE_RE.match(c.body)]
        for child in labelled:
            units.extend(parse_labelled_units(child.body.lstrip("（(〔【")))
        if labelled:
            line = labelled[0].line
            text = _full_text(
                _Element(
                    element.kind,
                    element.number,
                    element.body,
                    element.line,
                    [c for c in element.children if c not in labelled],
                )
            )
    return strip_spaces(text), line, units, closed


def _line_of_offset(element: _Element, offset: int) -> int:
    """Source line of a character offset in a measure's joined text."""
    position = len(element.body)
    if offset < position:
        return element.line
    for child in element.children:
        marker = 3 if child.kind == "l4" else 0
        position += marker + len(child.body)
        if offset < position:
            return child.line
    return element.children[-1].line if element.children else element.line
