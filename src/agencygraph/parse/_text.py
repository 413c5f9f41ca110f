"""Text helpers shared by the layout parsers: markers, brackets, unit lists, notes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Whitespace that plans carry from web pages and word processors, besides ASCII spaces.
SPACE_CHARS = " \t\u00a0\u3000\u2002\u2003\u2009\u202f\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RE = re.compile(f"[{SPACE_CHARS}]+")

OPEN_BRACKETS = "（(〔【[［{｛<《"
CLOSE_BRACKETS = "）)〕】]］}｝>》"
_PAIR = dict(zip(OPEN_BRACKETS, CLOSE_BRACKETS, strict=True))

CN_NUM = "一二三四五六七八九十百零〇"

# Headings of the official outline: 一、 > （一） > 1. > （1）.
LEVEL1_RE = re.compile(rf"^[^\w（(〔【]{{0,8}}?([{CN_NUM}]+)\s*[、.．]\s*")
LEVEL2_RE = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*")
LEVEL3_RE = re.compile(r"^([0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*")
LEVEL4_RE = re.compile(r"^[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*")
# A point whose numeral was lost in character recognition: "()".
EMPTY_POINT_RE = re.compile(r"[（(]\s*[）)]")

TERMINAL_PUNCT = "。！？；;!?…〕）)」』”\"'"


def squash_spaces(text: str) -> str:
    """Remove every kind of whitespace (unit names are written without spaces)."""
    return _SPACE_RE.sub("", text)


def strip_spaces(text: str) -> str:
    """Strip leading and trailing whitespace of every kind."""
    return text.strip(SPACE_CHARS + "\n\r\x0b\x0c")


def to_int(numeral: str) -> int:
    """Arabic (half- or full-width) or Chinese numeral to int; 0 if unreadable."""
    numeral = unicodedata.normalize("NFKC", numeral)
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    total, current = 0, 0
    for char in numeral:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return 0
    return total + current


def bracket_depth_split(text: str, separators: str) -> list[str]:
    """Split at separator characters that are not inside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def matching_close(text: str, open_at: int) -> int:
    """Index of the bracket closing the one at ``open_at``; -1 if it is never closed.

    Plans mix half- and full-width brackets freely (``（…)``), so any closing bracket
    closes any opening one.
    """
    depth = 0
    for i in range(open_at, len(text)):
        char = text[i]
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth -= 1
            if depth == 0:
                return i
    return -1


# --- responsibility notes -------------------------------------------------------------

LEAD_LABELS = ("牵头单位", "牵头部门", "主办单位", "主责单位", "牵头")
SUPPORT_LABELS = (
    "配合单位",
    "配合部门",
    "协同单位",
    "协同部门",
    "责任单位",
    "责任部门",
    "协办单位",
    "参与单位",
    "参加单位",
)
_LABEL_ROLE = {label: "lead" for label in LEAD_LABELS} | {
    label: "support" for label in SUPPORT_LABELS
}
_LABEL_RE = re.compile("(" + "|".join(sorted(_LABEL_ROLE, key=len, reverse=True)) + r")\s*[:：]\s*")
_NOTE_OPEN_RE = re.compile(
    rf"[{re.escape(OPEN_BRACKETS)}]\s*(?=(?:{'|'.join(_LABEL_ROLE)})\s*[:：])"
)


@dataclass(frozen=True)
class Note:
    """A responsibility note found in a measure's text."""

    start: int  # offset of the opening bracket in the paragraph
    end: int  # offset just after the closing bracket (or the paragraph's end)
    units: tuple[tuple[str, str, str], ...]  # (role, unit as written, label)
    closed: bool


def find_note(text: str) -> Note | None:
    """The last bracketed responsibility note in a paragraph, e.g. （牵头单位：…；协同单位：…）.

    Examples
    --------
    >>> note = find_note("做好工作。（牵头单位：市委宣传部；协同单位：市总工会、市人社局）")
    >>> [(role, unit) for role, unit, _label in note.units]
    [('lead', '市委宣传部'), ('support', '市总工会'), ('support', '市人社局')]
    """
    matches = list(_NOTE_OPEN_RE.finditer(text))
    if not matches:
        return None
    start = matches[-1].start()
    close = matching_close(text, start)
    closed = close >= 0
    end = close + 1 if closed else len(text)
    inner = text[start + 1 : close if closed else len(text)]
    return Note(start=start, end=end, units=tuple(parse_labelled_units(inner)), closed=closed)


def parse_labelled_units(inner: str) -> list[tuple[str, str, str]]:
    """Split ``牵头单位：A、B；协同单位：C`` into (role, unit, label) triples in order."""
    labels = list(_LABEL_RE.finditer(inner))
    triples = []
    for i, match in enumerate(labels):
        label = match.group(1)
        segment = inner[match.end() : labels[i + 1].start() if i + 1 < len(labels) else None]
        for unit in split_units(segment):
            triples.append((_LABEL_ROLE[label], unit, label))
    return triples


def split_units(segment: str) -> list[str]:
    """Split a unit list at 、 ， , ； ; and line breaks outside brackets; spaces removed."""
    units = []
    for part in bracket_depth_split(segment, "、，,；;\n/／"):
        unit = squash_spaces(part).strip("。.：:")
        if unit:
            units.append(unit)
    return units


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends as a complete sentence (not cut off mid-way)."""
    text = strip_spaces(text)
    return bool(text) and text[-1] in TERMINAL_PUNCT


def short_title(text: str, limit: int = 40) -> str:
    """The short title a measure opens with: its text up to the first full stop."""
    for stop in "。；;":
        cut = text.find(stop)
        if 0 < cut <= limit:
            return strip_spaces(text[:cut])
    return ""
