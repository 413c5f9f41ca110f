"""Word (.docx) plans as text in the layouts the parsers read.

Paragraphs become lines, in document order, with Word's automatic list numbers written
out (1. / （一） …) as the text form would show them. Tables become tab-led cells with a
blank line between rows, read from the document's structure: a vertically merged
continuation cell is written blank (the table layout's mark for a merged cell, carried
down), a cell that is empty in its own right is written ``—`` (explicitly none, never
carried), and a horizontally merged cell is written once.

Line numbers of a .docx plan count these lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from agencygraph._errors import InputError
from agencygraph.read.cells import MERGED, cell_lines

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_W = "{" + _NS["w"] + "}"


def is_docx(data: bytes) -> bool:
    """Whether bytes are a Word document (a ZIP holding word/document.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def docx_text(data: bytes, path: str | Path) -> str:
    """The text of a .docx plan, tables flattened to tab-led cells.

    Raises
    ------
    InputError
        If the file is not a readable Word document.
    """
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(path, "reading .docx needs python-docx: pip install python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on damaged archives
        raise InputError(path, f"not a readable Word document ({type(exc).__name__})") from None

    numbering = _Numbering(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == _W + "p":
            lines.append(numbering.prefix(block) + _paragraph_text(block))
        elif block.tag == _W + "tbl":
            lines.extend(_table_lines(block))
    return "\n".join(lines) + "\n"


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(_W + "t", _W + "tab", _W + "br"):
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _table_lines(tbl) -> list[str]:
    lines: list[str] = []
    for tr in tbl.iterchildren(_W + "tr"):
        if lines:
            lines.append("")
        for tc in tr.iterchildren(_W + "tc"):
            merge = tc.find("w:tcPr/w:vMerge", _NS)
            continued = merge is not None and merge.get(_W + "val") in (None, "continue")
            paragraphs = [_paragraph_text(p) for p in tc.iterchildren(_W + "p")]
            text = "\n".join(p for p in paragraphs if p.strip())
            if continued:
                lines.append(MERGED)
            else:
                lines.extend(cell_lines(text.split("\n") if text else []))
    return lines


class _Numbering:
    """Word's automatic list numbers, rendered as the text the reader sees."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbers = _style_numbering(document)
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract = {}
        for node in root.findall("w:abstractNum", _NS):
            levels = {}
            for lvl in node.findall("w:lvl", _NS):
                fmt = lvl.find("w:numFmt", _NS)
                text = lvl.find("w:lvlText", _NS)
                levels[int(lvl.get(_W + "ilvl"))] = (
                    fmt.get(_W + "val") if fmt is not None else "decimal",
                    text.get(_W + "val") if text is not None else "%1.",
                )
            abstract[node.get(_W + "abstractNumId")] = levels
        for num in root.findall("w:num", _NS):
            ref = num.find("w:abstractNumId", _NS)
            for ilvl, spec in abstract.get(
                ref.get(_W + "val") if ref is not None else "", {}
            ).items():
                self.formats[(num.get(_W + "numId"), ilvl)] = spec

    def prefix(self, p) -> str:
        num_pr = p.find("w:pPr/w:numPr", _NS)
        if num_pr is not None:
            num_id = num_pr.find("w:numId", _NS)
            ilvl = num_pr.find("w:ilvl", _NS)
            key = num_id.get(_W + "val") if num_id is not None else ""
            level = int(ilvl.get(_W + "val")) if ilvl is not None else 0
        else:
            style = p.find("w:pPr/w:pStyle", _NS)
            numbered = self.style_numbers.get(style.get(_W + "val") if style is not None else "")
            if numbered is None:
                return ""
            key, level = numbered
        if key in ("", "0"):  # numId 0 switches numbering off
            return ""
        counters = self.counters.setdefault(key, [0] * 9)
        counters[level] += 1
        counters[level + 1 :] = [0] * (8 - level)
        fmt, template = self.formats.get((key, level), ("decimal", f"%{level + 1}."))
        return re.sub(
            r"%(\d)",
            lambda m: _render(counters[int(m.group(1)) - 1], fmt),
            template,
        )


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (List Number …): style id → (numId, level)."""
    styles = {}
    based_on = {}
    for style in document.styles.element.findall("w:style", _NS):
        style_id = style.get(_W + "styleId")
        base = style.find("w:basedOn", _NS)
        if base is not None:
            based_on[style_id] = base.get(_W + "val")
        num_pr = style.find("w:pPr/w:numPr", _NS)
        if num_pr is not None and num_pr.find("w:numId", _NS) is not None:
            ilvl = num_pr.find("w:ilvl", _NS)
            styles[style_id] = (
                num_pr.find("w:numId", _NS).get(_W + "val"),
                int(ilvl.get(_W + "val")) if ilvl is not None else 0,
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
        if value < 10:
            return _CN_DIGITS[value]
        tens, ones = divmod(value, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(value)
