"""The XML parts of Word and Excel files, read incrementally and within limits.

A .docx or .xlsx file is a ZIP archive of XML parts. Crafted or damaged ones are the
classic hostile inputs: a part that expands a thousandfold (a zip bomb), an archive of
millions of entries, a document type declaration that defines entities expanding to
gigabytes (billion laughs) or fetching files and URLs (external entities), nesting deep
enough to exhaust the stack. The readers therefore never build a whole part in memory:
:func:`iter_part` feeds a part to expat a chunk at a time and builds only the small
subtrees a reader asks for (a paragraph, a table row, a sheet row, a string item),
handing each over as soon as it is complete and keeping nothing of it afterwards.

The limits are settings (:mod:`agencygraph.settings`, ``READ_MAX_*``): uncompressed bytes
read from one archive, archive entries, XML nesting depth, elements in one subtree and
characters of text. Past one the file is refused with an :class:`~agencygraph.InputError`
naming the file, the part and, where expat knows it, the line. A document type
declaration is refused outright: the Open Packaging Conventions (ECMA-376 part 2) forbid
them in Office parts, so no entity is ever declared, expanded or fetched, and nothing is
read from the network or the disk but the archive itself.

Examples
--------
>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w") as archive:
...     archive.writestr("a.xml", "<list><item>one</item><item>two</item></list>")
>>> archive = open_archive(buffer.getvalue(), "a.zip")
>>> [item.text for _, item, _ in iter_part(archive, "a.xml", Budget("a.zip"), {("list", "item")})]
['one', 'two']
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement
from xml.parsers import expat

from agencygraph import settings
from agencygraph._errors import InputError

_CHUNK = 1 << 16
_EOCD = b"PK\x05\x06"


def _megabytes(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


class Budget:
    """What the reading of one archive has used so far, checked against the limits.

    Parameters
    ----------
    path
        The file, named in error messages.
    what
        What the file should be (``"Word document"``), named where it is damaged.
    """

    def __init__(self, path: str | Path, what: str = "Word document") -> None:
        self.path = path
        self.what = what
        self.bytes = 0
        self.chars = 0
        self.cells = 0

    def expand(self, part: str, n: int) -> None:
        """Count ``n`` more uncompressed bytes read from ``part``."""
        self.bytes += n
        limit = settings.READ_MAX_EXPANDED_BYTES
        if self.bytes > limit:
            raise InputError(
                self.path,
                f"{part}: the archive expands to more than {_megabytes(limit)} "
                "(settings.READ_MAX_EXPANDED_BYTES): refused as a possible zip bomb",
            )

    def text(self, part: str, n: int, line: int) -> None:
        """Count ``n`` more characters of text read from ``part``."""
        self.chars += n
        limit = settings.READ_MAX_TEXT_CHARS
        if self.chars > limit:
            raise InputError(
                self.path,
                f"{part}, line {line}: more than {limit:,} characters of text "
                "(settings.READ_MAX_TEXT_CHARS)",
            )

    def cell(self, n: int, where: str | Callable[[], str]) -> None:
        """Count ``n`` more table cells (or string items); ``where`` names the last one
        (a function giving the name, so that it is only written out for the message)."""
        self.cells += n
        limit = settings.READ_MAX_CELLS
        if self.cells > limit:
            where = where if isinstance(where, str) else where()
            raise InputError(
                self.path, f"{where}: more than {limit:,} cells (settings.READ_MAX_CELLS)"
            )


def zip_entries(data: bytes) -> int | None:
    """The number of entries an archive's end record declares (None where none is found).

    Read before :mod:`zipfile` builds an object for every entry, so an archive of
    millions of tiny entries is refused without building them.
    """
    end = data.rfind(_EOCD, max(0, len(data) - (1 << 16) - 22))
    if end < 0 or end + 22 > len(data):
        return None
    (total,) = struct.unpack_from("<H", data, end + 10)
    if total == 0xFFFF:  # ZIP64: the real count is in the ZIP64 end record
        locator = data.rfind(b"PK\x06\x06", 0, end)
        if locator >= 0 and locator + 40 <= len(data):
            (total,) = struct.unpack_from("<Q", data, locator + 32)
    return total


def open_archive(data: bytes, path: str | Path) -> zipfile.ZipFile:
    """A ZIP archive's bytes opened, after checking how many entries it declares.

    Raises
    ------
    InputError
        If the archive declares more than ``settings.READ_MAX_ZIP_ENTRIES`` entries, or is
        not a readable ZIP archive.
    """
    entries = zip_entries(data)
    limit = settings.READ_MAX_ZIP_ENTRIES
    if entries is not None and entries > limit:
        raise InputError(
            path,
            f"an archive of {entries:,} entries, more than {limit:,} "
            "(settings.READ_MAX_ZIP_ENTRIES): not a Word or Excel plan",
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(path, f"a damaged ZIP archive ({exc})") from None


def local(name: str) -> str:
    """An element or attribute name without its namespace."""
    return name.rpartition("}")[2]


class _Refused(Exception):
    """Raised inside expat's callbacks; turned into an InputError with the line."""


class _Names(dict):
    """Expat's names (``uri}local``) → ElementTree's (``{uri}local``), learnt as met."""

    def __missing__(self, name: str) -> str:
        value = "{" + name if "}" in name else name
        if len(self) < 10_000:  # a crafted part may use any number of names
            self[name] = value
        return value


class _Locals(dict):
    """Expat's names → local names, learnt as met."""

    def __missing__(self, name: str) -> str:
        value = local(name)
        if len(self) < 10_000:
            self[name] = value
        return value


class _Builder:
    """Expat callbacks that build only the wanted subtrees.

    Written for speed (a sheet of a million cells calls them millions of times): the
    limits are read once, names converted through caches, subtrees built with
    :func:`~xml.etree.ElementTree.SubElement`.
    """

    def __init__(self, part: str, budget: Budget, ends, starts) -> None:
        self.part = part
        self.budget = budget
        self.ends = ends
        self.starts = starts
        self.names: list[str] = []  # local names of the open elements
        self.building: list[Element] = []  # open elements of the subtree being built
        self.texts: list[list[str] | None] = []  # text pieces of each open built element
        self.lines: list[int] = []
        self.size = 0  # elements in the subtree being built
        self.events: list[tuple[str, tuple[str, ...], Element, int]] = []
        self.parser: expat.XMLParserType | None = None
        self.tags = _Names()
        self.locals = _Locals()
        self.max_depth = settings.READ_MAX_XML_DEPTH
        self.max_size = settings.READ_MAX_ITEM_ELEMENTS
        self.max_chars = settings.READ_MAX_TEXT_CHARS

    def _too_deep(self) -> _Refused:
        return _Refused(
            f"elements nested more than {self.max_depth} deep (settings.READ_MAX_XML_DEPTH)"
        )

    def start(self, name: str, attrs: dict[str, str]) -> None:
        names = self.names
        names.append(self.locals[name])
        building = self.building
        if building:
            if len(names) > self.max_depth:
                raise self._too_deep()
            self.size += 1
            if self.size > self.max_size:
                raise _Refused(
                    f"more than {self.max_size:,} elements in one "
                    f"<{names[len(names) - len(building) - 1]}> "
                    "(settings.READ_MAX_ITEM_ELEMENTS)"
                )
            tags = self.tags
            attrib = {tags[k]: v for k, v in attrs.items()} if attrs else {}
            building.append(SubElement(building[-1], tags[name], attrib))
            self.texts.append(None)
            return
        if len(names) > self.max_depth:
            raise self._too_deep()
        where = tuple(names)
        if where in self.ends:
            tags = self.tags
            attrib = {tags[k]: v for k, v in attrs.items()} if attrs else {}
            self.size = 1
            self.lines.append(self.parser.CurrentLineNumber)
            building.append(Element(tags[name], attrib))
            self.texts.append(None)
        elif where in self.starts:
            tags = self.tags
            element = Element(tags[name], {tags[k]: v for k, v in attrs.items()})
            self.events.append(("start", where, element, self.parser.CurrentLineNumber))

    def end(self, _name: str) -> None:
        building = self.building
        if building:
            element = building.pop()
            pieces = self.texts.pop()
            if pieces:
                element.text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            if not building:
                self.events.append(("end", tuple(self.names), element, self.lines.pop()))
        self.names.pop()

    def data(self, text: str) -> None:
        if self.building:
            budget = self.budget
            budget.chars += len(text)
            if budget.chars > self.max_chars:
                budget.text(self.part, 0, self.parser.CurrentLineNumber)
            pieces = self.texts[-1]
            if pieces is None:
                self.texts[-1] = [text]
            else:
                pieces.append(text)

    def doctype(self, *_args) -> None:
        raise _Refused(
            "a document type declaration (DTD), which Office files never hold: refused, "
            "no entity is expanded or fetched"
        )

    def entity(self, *_args) -> None:
        raise _Refused("an entity declaration: refused, no entity is expanded or fetched")

    def external(self, *_args) -> int:
        raise _Refused("an external entity: refused, nothing is fetched")


def iter_part(
    archive: zipfile.ZipFile,
    part: str,
    budget: Budget,
    ends: Iterable[tuple[str, ...]],
    starts: Iterable[tuple[str, ...]] = (),
) -> Iterator[tuple[tuple[str, ...], Element, int]]:
    """The wanted elements of an XML part, each complete, read incrementally.

    Parameters
    ----------
    archive
        The open archive.
    part
        The part's name in the archive (``word/document.xml``).
    budget
        The archive's :class:`Budget`; bytes and text read are counted against it.
    ends
        Paths of local element names from the root (``("document", "body", "p")``):
        each element at one of them is built with its whole subtree and yielded when it
        ends. Elements on no path are read but never built.
    starts
        Paths whose elements are announced when they start (their attributes only,
        children never built); yielded as ``(("start",) + path, element, line)``.

    Yields
    ------
    (path, element, line)
        The path of local names, the element (an :class:`xml.etree.ElementTree.Element`,
        namespaced names as ``{uri}local``, text kept, tails not), and the line of the
        part where it starts.

    Raises
    ------
    InputError
        If the part is missing, damaged, not well-formed XML, holds a document type
        declaration, or passes a limit; the message names the file, the part and the line.
    """
    ends, starts = frozenset(ends), frozenset(starts)
    path = budget.path
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise InputError(path, f"{part} is missing from the archive") from None
    remaining = settings.READ_MAX_EXPANDED_BYTES - budget.bytes
    if info.file_size > remaining:
        # The declared size is a bound zipfile enforces while reading, so a part that
        # declares too much is refused before a byte of it is inflated.
        budget.expand(part, info.file_size)
    builder = _Builder(part, budget, ends, starts)
    parser = expat.ParserCreate(namespace_separator="}")
    builder.parser = parser
    parser.buffer_text = True
    parser.buffer_size = _CHUNK
    parser.ordered_attributes = False
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = builder.doctype
    parser.EntityDeclHandler = builder.entity
    parser.UnparsedEntityDeclHandler = builder.entity
    parser.ExternalEntityRefHandler = builder.external
    try:
        with archive.open(info) as stream:
            while True:
                try:
                    chunk = stream.read(_CHUNK)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
                    raise InputError(
                        path, f"not a readable {budget.what}: {part} is damaged ({exc})"
                    ) from None
                budget.expand(part, len(chunk))
                try:
                    parser.Parse(chunk, not chunk)
                except _Refused as exc:
                    raise InputError(
                        path, f"{part}, line {parser.CurrentLineNumber}: {exc}"
                    ) from None
                except expat.ExpatError as exc:
                    raise InputError(
                        path,
                        f"not a readable {budget.what}: {part}, line {exc.lineno}: "
                        "not well-formed XML "
                        f"({expat.ErrorString(exc.code)})",
                    ) from None
                events, builder.events = builder.events, []
                for kind, where, element, line in events:
                    yield (("start", *where) if kind == "start" else where), element, line
                if not chunk:
                    break
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        # An unsupported compression method or an encrypted part.
        raise InputError(
            path, f"not a readable {budget.what}: {part} cannot be read ({exc})"
        ) from None
