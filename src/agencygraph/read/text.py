"""Plain-text plans: the encoding detected from the bytes, line endings normalised.

A plan file's text is the same whatever encoding it was saved in: UTF-8 (with or
without a byte-order mark), GB18030/GBK or UTF-16. The encoding is detected from
the bytes, never assumed, and line endings are normalised to ``\\n``.

Examples
--------
>>> decode_text("牵头单位".encode("gb18030"), "plan.txt")[:2]
('牵头单位', 'gb18030')
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from pathlib import Path

from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.read.html import declared_charset

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without a byte-order mark from where the zero bytes fall."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    # ASCII-heavy UTF-16 has a zero in every other byte; CJK-heavy UTF-16 has few zeros,
    # so fall back to a strict decode test when the zero pattern is not decisive.
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes, path: Path) -> tuple[str, str, list[tuple[int, str]]]:
    """(text, encoding, warnings) of a text file's bytes, the encoding detected.

    A byte-order mark the bytes contradict (a UTF-16 mark on UTF-8 text, a UTF-8 mark on
    GBK text) is set aside with a warning and the encoding detected from the bytes; a file
    whose lines are in two encodings (UTF-8 and GB18030, pieces pasted together) is
    decoded line by line with a warning naming the lines.
    """
    marked = next(((bom, enc) for bom, enc in _BOMS if data.startswith(bom)), None)
    warnings: list[tuple[int, str]] = []
    encoding = None
    wrong_mark = None
    if marked is not None:
        data = data[len(marked[0]) :]
        if _contradicts(data, marked[1]):
            wrong_mark = marked[1]
        else:
            encoding = marked[1]
    if encoding is None:
        encoding = _utf16_without_bom(data)

    if encoding is None:
        if b"\x00" in data:
            line = line_of_offset(data, data.index(b"\x00"))
            raise InputError(path, "binary data (NUL bytes): not a text plan", line=line)
        try:
            encoding, bad = _best_decoding(data, path)
        except InputError:
            mixed = _line_by_line(data)
            if mixed is None:
                raise
            text, encoding, warnings = mixed
            return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, warnings
        warnings.extend(_undecodable_warnings(data, encoding, bad))
    if wrong_mark is not None:
        warnings.insert(
            0, (1, f"a {wrong_mark} byte-order mark on {encoding} text: the mark set aside")
        )
    try:
        text = data.decode(encoding, errors="replace" if warnings else "strict")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"cannot be decoded as {encoding}: {exc.reason}",
            line=line_of_offset(data, exc.start),
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(path, "binary data (NUL characters): not a text plan", line=line)
    return text, encoding, warnings


def _contradicts(rest: bytes, encoding: str) -> bool:
    """Whether the bytes after a byte-order mark are plainly not in the encoding it names.

    A UTF-16 or UTF-32 mark on bytes with no zero byte that are valid UTF-8, mostly
    multi-byte (text in those encodings is full of zero bytes or, for Chinese, never valid
    UTF-8 over more than a few characters); a UTF-8 mark on bytes with no zero byte that
    are not UTF-8 (GBK text saved behind a mark). Damaged text in the marked encoding
    keeps its mark (and is refused as before, naming the line).
    """
    if len(rest) < 8 or b"\x00" in rest:
        return False
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError:
        return encoding == "utf-8"
    # Short Chinese UTF-16 can be all ASCII bytes (牵头单位 is "urY4SUMO"), valid UTF-8 by
    # chance: a wrong UTF-16 mark needs UTF-8 that is mostly multi-byte, as Chinese text is.
    high = len(rest.translate(None, bytes(range(128))))  # the bytes past ASCII
    return encoding != "utf-8" and high >= 0.3 * len(rest)


def _line_by_line(data: bytes) -> tuple[str, str, list[tuple[int, str]]] | None:
    """A file whose lines are each valid UTF-8 or GB18030 (two encodings pasted together),
    decoded line by line; None if a line is valid in neither."""
    lines, other = [], []
    # A newline byte is never part of a multi-byte character in UTF-8 or GB18030.
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(raw.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            other.append(number)
    shown = ", ".join(map(str, other[:5])) + (" …" if len(other) > 5 else "")
    warning = (
        other[0],
        f"mixed encodings: {len(other)} line(s) in GB18030 (lines {shown}), the rest in UTF-8",
    )
    return "\n".join(lines), "utf-8+gb18030", [warning]


def _undecodable_warnings(data: bytes, encoding: str, bad: list[int]) -> list[tuple[int, str]]:
    warnings = [
        (line_of_offset(data, offset), f"undecodable bytes in {encoding} replaced by �")
        for offset in bad[:5]
    ]
    if len(bad) > 5:
        warnings.append((0, f"{len(bad)} undecodable byte sequences in all"))
    return warnings


def declared_decoding(data: bytes, path: Path) -> tuple[str, str, list[tuple[int, str]]] | None:
    """A web page decoded in the encoding it declares, where its bytes are not UTF-8.

    None where the declaration does not apply: a byte-order mark or valid UTF-8 (both
    outrank a declaration, as in a browser), no declaration, or one the bytes do not fit.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    # The declaration is ASCII, so it reads the same in every encoding a page may declare.
    declared = declared_charset(data[:8192].decode("latin-1"))
    if declared is None or declared.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return None
    tolerance = max(2, len(data) // 1000)
    bad = _undecodable(data, declared, tolerance)
    if len(bad) > tolerance or b"\x00" in data:
        return None
    text = data.decode(declared, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, declared, _undecodable_warnings(data, declared, bad)


# Control characters other than tab and newline carry nothing in a plan; form feeds and
# bells come from scans and old word processors.
_CONTROL_RE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def remove_control_characters(text: str) -> tuple[str, list[int]]:
    if not _CONTROL_RE.search(text):
        return text, []
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _CONTROL_RE.finditer(text)})
    return _CONTROL_RE.sub("", text), lines


class _TooManyErrors(Exception):
    pass


_BAD_OFFSETS: ContextVar[list[int]] = ContextVar("agencygraph_bad_offsets")
_BAD_LIMIT: ContextVar[int] = ContextVar("agencygraph_bad_limit")


def _record_undecodable(exc: UnicodeError) -> tuple[str, int]:
    bad = _BAD_OFFSETS.get()
    bad.append(exc.start)
    if len(bad) > _BAD_LIMIT.get():
        raise _TooManyErrors
    return ("\ufffd", exc.end)


codecs.register_error("agencygraph-count", _record_undecodable)


def _undecodable(data: bytes, encoding: str, limit: int) -> list[int]:
    """Offsets of byte sequences that do not decode (at most ``limit`` + 1 of them)."""
    bad: list[int] = []
    offsets, limits = _BAD_OFFSETS.set(bad), _BAD_LIMIT.set(limit)
    try:
        data.decode(encoding, errors="agencygraph-count")
    except _TooManyErrors:
        pass
    finally:
        _BAD_OFFSETS.reset(offsets)
        _BAD_LIMIT.reset(limits)
    return bad


def _best_decoding(data: bytes, path: Path) -> tuple[str, list[int]]:
    """The encoding that decodes the bytes with fewest errors, and where the errors are.

    UTF-8 wins whenever it is nearly clean: its multi-byte structure almost never holds by
    chance, so a few bad bytes (a truncated last character) mean damaged UTF-8, not another
    encoding. A file that no encoding decodes with under 0.1 % bad sequences is rejected.
    """
    tolerance = max(2, len(data) // 1000)
    best: tuple[str, list[int]] | None = None
    for encoding in settings.ENCODINGS:
        bad = _undecodable(data, encoding, tolerance)
        if not bad:
            return encoding, []
        if len(bad) <= tolerance and (best is None or len(bad) < len(best[1])):
            best = (encoding, bad)
    if best is None:
        first = _undecodable(data, settings.ENCODINGS[0], 0)
        raise InputError(
            path,
            "not valid text in any supported encoding (UTF-8, GB18030/GBK, UTF-16)",
            line=line_of_offset(data, first[0]) if first else None,
        )
    return best
