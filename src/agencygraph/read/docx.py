"""Word (.docx) plans as text in the layouts the parsers read.

Paragraphs become lines, in document order, with Word's automatic list numbers written
out (1. / （一） …) as the text form would show them. Tables become tab-led cells with a
blank line between rows, read from the document's structure: a vertically merged
continuation cell is written blank (the table layout's mark for a merged cell, carried
down), a cell that is empty in its own right is written ``—`` (explicitly none, never
carried), and a horizontally merged cell is written once.

Line numbers of a .docx plan count these lines.

The document is read from its XML a paragraph and a table row at a time, never whole
(:mod:`agencygraph.read._xml`): a crafted file is refused at a limit, not read into memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from agencygraph._errors import InputError
from agencygraph.read._xml import Budget, iter_part, open_archive
from agencygraph.read.cells import MERGED, cell_lines

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_W = "{" + _NS["w"] + "}"
_DOCUMENT = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_BODY_P = ("document", "body", "p")
_BODY_TBL = ("document", "body", "tbl")
_BODY_TR = ("document", "body", "tbl", "tr")
# A list level's number template (%1.%2.) is a few characters long.
_MAX_TEMPLATE = 100


def is_docx(data: bytes) -> bool:
    """Whether bytes are a Word document (a ZIP holding word/document.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with open_archive(data, "<bytes>") as archive:
            return "word/document.xml" in archive.namelist()
    except InputError:
        return False


def docx_text(data: bytes, path: str | Path) -> str:
    """The text of a .docx plan, tables flattened to tab-led cells.

    The document is read a paragraph and a table row at a time (see
    :mod:`agencygraph.read._xml`), within the ``READ_MAX_*`` limits of
    :mod:`agencygraph.settings`.

    Raises
    ------
    InputError
        If the file is not a readable Word document, or passes a limit (the message names
        the part, and the line or the table cell).
    """
    budget = Budget(path)
    with open_archive(data, path) as archive:
        names = set(archive.namelist())
        if _DOCUMENT not in names:
            raise InputError(path, f"not a readable Word document ({_DOCUMENT} is missing)")
        parts = _related_parts(archive, budget, names)
        numbering = _Numbering(
            _style_numbering(archive, budget, parts.get("styles")),
            archive,
            budget,
            parts.get("numbering"),
        )
        lines: list[str] = []
        first_row = True
        for where, element, line in iter_part(
            archive, _DOCUMENT, budget, (_BODY_P, _BODY_TR), starts=(_BODY_TBL,)
        ):
            if where == _BODY_P:
                lines.append(numbering.prefix(element) + _paragraph_text(element))
            elif where == _BODY_TR:
                if not first_row:
                    lines.append("")
                first_row = False
                cells = _row_lines(element)
                budget.cell(len(cells), f"{_DOCUMENT}, line {line}: table row")
                lines.extend(text for cell in cells for text in cell)
            else:  # a table starts
                first_row = True
    return "\n".join(lines) + "\n"


def _related_parts(archive, budget: Budget, names: set[str]) -> dict[str, str]:
    """The document's numbering and styles parts, from its relationships."""
    found = {}
    if _RELS in names:
        for _, rel, _ in iter_part(archive, _RELS, budget, (("Relationships", "Relationship"),)):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if kind in ("numbering", "styles") and rel.get("TargetMode") != "External":
                target = target.lstrip("/") if target.startswith("/") else "word/" + target
                if target in names:
                    found.setdefault(kind, target)
    else:  # no relationships to follow: the conventional names
        found = {kind: f"word/{kind}.xml" for kind in ("numbering", "styles")}
    return {kind: target for kind, target in found.items() if target in names}


def _paragraph_text(p: Element) -> str:
    parts = []
    for node in p.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append(" ")
        elif node.tag == _W + "br":
            parts.append("\n")
    return "".join(parts)


def _row_lines(tr: Element) -> list[list[str]]:
    """The lines of each cell of a table row."""
    cells = []
    for tc in tr.iterfind("w:tc", _NS):
        merge = tc.find("w:tcPr/w:vMerge", _NS)
        continued = merge is not None and merge.get(_W + "val") in (None, "continue")
        paragraphs = [_paragraph_text(p) for p in tc.iterfind("w:p", _NS)]
        text = "\n".join(p for p in paragraphs if p.strip())
        if continued:
            cells.append([MERGED])
        else:
            cells.append(cell_lines(text.split("\n") if text else []))
    return cells


class _Numbering:
    """Word's automatic list numbers, rendered as the text the reader sees."""

    def __init__(
        self, style_numbers: dict[str, tuple[str, int]], archive, budget: Budget, part: str | None
    ) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbers = style_numbers
        if part is None:
            return
        abstract = {}
        nums = []
        wanted = (("numbering", "abstractNum"), ("numbering", "num"))
        for where, node, _ in iter_part(archive, part, budget, wanted):
            if where[-1] == "num":
                nums.append(node)
                continue
            levels = {}
            for lvl in node.iterfind("w:lvl", _NS):
                fmt = lvl.find("w:numFmt", _NS)
                text = lvl.find("w:lvlText", _NS)
                levels[_int(lvl.get(_W + "ilvl"))] = (
                    fmt.get(_W + "val") if fmt is not None else "decimal",
                    text.get(_W + "val") if text is not None else "%1.",
                )
            abstract[node.get(_W + "abstractNumId")] = levels
        for num in nums:
            ref = num.find("w:abstractNumId", _NS)
            for ilvl, spec in abstract.get(
                ref.get(_W + "val") if ref is not None else "", {}
            ).items():
                self.formats[(num.get(_W + "numId"), ilvl)] = spec

    def prefix(self, p: Element) -> str:
        num_pr = p.find("w:pPr/w:numPr", _NS)
        if num_pr is not None:
            num_id = num_pr.find("w:numId", _NS)
            ilvl = num_pr.find("w:ilvl", _NS)
            key = num_id.get(_W + "val") if num_id is not None else ""
            level = _int(ilvl.get(_W + "val")) if ilvl is not None else 0
        else:
            style = p.find("w:pPr/w:pStyle", _NS)
            numbered = self.style_numbers.get(style.get(_W + "val") if style is not None else "")
            if numbered is None:
                return ""
            key, level = numbered
        if key in ("", "0"):  # numId 0 switches numbering off
            return ""
        if not 0 <= level <= 8:  # Word has nine list levels
            level = 0
        counters = self.counters.setdefault(key, [0] * 9)
        counters[level] += 1
        counters[level + 1 :] = [0] * (8 - level)
        fmt, template = self.formats.get((key, level), ("decimal", f"%{level + 1}."))
        return re.sub(
            r"%(\d)",
            lambda m: _render(counters[int(m.group(1)) - 1], fmt),
            template[:_MAX_TEMPLATE],
        )


def _int(value: str | None) -> int:
    """A level number; a damaged one is level 0."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _style_numbering(archive, budget: Budget, part: str | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (List Number …): style id → (numId, level)."""
    styles = {}
    based_on = {}
    if part is None:
        return styles
    for _, style, _ in iter_part(archive, part, budget, (("styles", "style"),)):
        style_id = style.get(_W + "styleId")
        base = style.find("w:basedOn", _NS)
        if base is not None:
            based_on[style_id] = base.get(_W + "val")
        num_pr = style.find("w:pPr/w:numPr", _NS)
        if num_pr is not None and num_pr.find("w:numId", _NS) is not None:
            ilvl = num_pr.find("w:ilvl", _NS)
            styles[style_id] = (
                num_pr.find("w:numId", _NS).get(_W + "val"),
                _int(ilvl.get(_W + "val")) if ilvl is not None else 0,
            )
    for style_id in list(based_on):
        seen, current = set(), style_id
        while current not in styles and current in based_on and current not in seen:
            seen.add(current)
            current = based_on[current]
        if current in styles:
            styles.setdefault(style_id, styles[current])
    return styles


_CN_DIGITS = "零一二三四五六七八九"


def _render(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional"):
        if not 0 <= value < 100:  # past 99 (never in a plan's headings): the digits
            return str(value)
        if value < 10:
            return _CN_DIGITS[value]
        tens, ones = divmod(value, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(value)
