"""Reading plan files: encodings, the corpus manifest and the bundled corpus.

A plan file's text is the same whatever encoding it was saved in: UTF-8 (with or
without a byte-order mark), GB18030/GBK or UTF-16. The encoding is detected from
the bytes, never assumed, and line endings are normalised to ``\\n``.

Plans in other formats are converted to the text the parsers read, tables flattened to
tab-led cells with a blank line between rows (see :mod:`agencygraph.parse.table`):

- Word (.docx) and Excel (.xlsx) files are recognised from their bytes, whatever their
  file name, and read from their structure (:mod:`agencygraph._docx`,
  :mod:`agencygraph._xlsx`);
- a web page (a text that opens as an HTML page, or a .html/.htm file holding markup) is
  read from its markup, in the encoding its ``<meta charset>`` declares when the bytes are
  not UTF-8 (:mod:`agencygraph._html`);
- a .csv or .tsv file's rows are read as a table (:mod:`agencygraph._xlsx`).

The line numbers of a converted plan count the converted lines.

Examples
--------
>>> from agencygraph.corpus import bundled_corpus, read_plan
>>> paths = bundled_corpus()
>>> len(paths)
5
>>> text = read_plan(paths[0])
>>> text.startswith("附件")
True
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from agencygraph import settings
from agencygraph._docx import docx_text, is_docx
from agencygraph._errors import InputError
from agencygraph._html import declared_charset, html_text, looks_like_html
from agencygraph._xlsx import csv_text, is_xlsx, xlsx_text

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = (
    "doc_id",
    "title",
    "place_zh",
    "place_en",
    "province",
    "level",
    "date",
    "source",
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File name endings of plans read as web pages and as comma- or tab-separated tables.
HTML_SUFFIXES = (".html", ".htm")
CSV_SUFFIXES = (".csv", ".tsv")

_MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")

# File signatures of formats agencygraph does not read; naming them makes the error useful.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive that is neither a Word (.docx) nor an Excel (.xlsx) file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc or .xls)"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass(frozen=True)
class PlanText:
    """A plan file's decoded text, how it was decoded, and what was doubtful.

    ``encoding`` is the text encoding (``utf-8``, ``gb18030`` …), prefixed with the format
    of a converted text (``html:gb18030``, ``csv:utf-8``), or ``docx`` / ``xlsx``.
    ``warnings`` holds ``(line, message)`` pairs: undecodable bytes replaced, control
    characters removed (line 0 where no converted line can be named).
    """

    path: Path
    text: str
    encoding: str
    warnings: tuple[tuple[int, str], ...] = ()


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


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_plan(data: bytes, path: str | Path = "<bytes>") -> PlanText:
    """Decode a plan file's bytes, detecting the encoding and the format.

    Parameters
    ----------
    data
        The raw bytes of the file.
    path
        Used in error messages and kept on the result.

    Returns
    -------
    PlanText
        The text with line endings normalised to ``\\n`` and no byte-order mark; a web
        page, spreadsheet or Word document converted (see the module docstring).

    Raises
    ------
    InputError
        If the bytes are empty, binary, a known non-text format, or text in no
        supported encoding; the message names the file and, where it can, the line.

    Examples
    --------
    >>> decode_plan("牵头单位".encode("gb18030")).text
    '牵头单位'
    >>> decode_plan("牵头单位".encode("utf-16")).encoding
    'utf-16-le'
    >>> page = '<html><meta charset="gbk"><p>1.加强培训</p><p>（牵头单位：市人社局）</p></html>'
    >>> decoded = decode_plan(page.encode("gbk"), "plan.html")
    >>> decoded.encoding, decoded.text
    ('html:gb18030', '1.加强培训\\n（牵头单位：市人社局）\\n')
    """
    path = Path(path)
    if not data.strip():
        raise InputError(path, "the file is empty")
    if is_docx(data):
        return PlanText(path=path, text=docx_text(data, path), encoding="docx")
    if is_xlsx(data):
        return PlanText(path=path, text=xlsx_text(data, path), encoding="xlsx")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"this is {what}, not a plan agencygraph reads; save it as text")

    suffix = path.suffix.lower()
    page = looks_like_html(data[:4096].decode("latin-1"))
    named_page = suffix in HTML_SUFFIXES
    decoded = _declared_decoding(data, path) if page or named_page else None
    if decoded is None:
        decoded = _decode_bytes(data, path)
    text, encoding, warnings = decoded
    # A file named .html is read as a page only if it holds markup: plain text saved
    # under that name keeps its lines.
    page = page or looks_like_html(text) or (named_page and bool(_MARKUP_RE.search(text)))
    if page or suffix in CSV_SUFFIXES:
        # Decoding warnings name lines of the file, not of the converted text.
        warnings = [
            (0, f"{message} (line {line} of the file)" if line else message)
            for line, message in warnings
        ]
        if page:
            text, encoding = html_text(text, path), f"html:{encoding}"
        else:
            text, encoding = csv_text(text, path), f"csv:{encoding}"
    if not text.strip():
        raise InputError(path, "the file is empty (only whitespace)")
    text, removed = _remove_control_characters(text)
    warnings.extend((line, "control characters removed") for line in removed[:5])
    return PlanText(path=path, text=text, encoding=encoding, warnings=tuple(warnings))


def _decode_bytes(data: bytes, path: Path) -> tuple[str, str, list[tuple[int, str]]]:
    """(text, encoding, warnings) of a text file's bytes, the encoding detected."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        data = data[len(next(bom for bom, enc in _BOMS if enc == encoding)) :]
    else:
        encoding = _utf16_without_bom(data)

    warnings: list[tuple[int, str]] = []
    if encoding is None:
        if b"\x00" in data:
            line = _line_of_offset(data, data.index(b"\x00"))
            raise InputError(path, "binary data (NUL bytes): not a text plan", line=line)
        encoding, bad = _best_decoding(data, path)
        warnings.extend(_undecodable_warnings(data, encoding, bad))
    try:
        text = data.decode(encoding, errors="replace" if warnings else "strict")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"cannot be decoded as {encoding}: {exc.reason}",
            line=_line_of_offset(data, exc.start),
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError(path, "binary data (NUL characters): not a text plan")
    return text, encoding, warnings


def _undecodable_warnings(data: bytes, encoding: str, bad: list[int]) -> list[tuple[int, str]]:
    warnings = [
        (_line_of_offset(data, offset), f"undecodable bytes in {encoding} replaced by �")
        for offset in bad[:5]
    ]
    if len(bad) > 5:
        warnings.append((0, f"{len(bad)} undecodable byte sequences in all"))
    return warnings


def _declared_decoding(data: bytes, path: Path) -> tuple[str, str, list[tuple[int, str]]] | None:
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


def _remove_control_characters(text: str) -> tuple[str, list[int]]:
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
            line=_line_of_offset(data, first[0]) if first else None,
        )
    return best


def read_plan(path: str | Path) -> str:
    """Read a plan file as text, whatever its encoding.

    Parameters
    ----------
    path
        A plan file: text (UTF-8 with or without BOM, GB18030/GBK, or UTF-16), a web page
        (.html, .htm), a table (.csv, .tsv), a Word (.docx) or an Excel (.xlsx) file.

    Returns
    -------
    str
        The text, line endings normalised to ``\\n``; for a converted format, the
        converted text (tables as tab-led cells).

    Raises
    ------
    InputError
        If the file is missing, unreadable or in no format agencygraph reads.
    """
    return read_plan_text(path).text


def read_plan_text(path: str | Path) -> PlanText:
    """Like :func:`read_plan`, but also return the detected encoding."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a directory, not a plan file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    return decode_plan(data, path)


def read_text_file(path: str | Path) -> str:
    """Read a data file (an alias CSV, a manifest) as text, its encoding detected like a plan's.

    A CSV saved by Excel on a Chinese Windows is GBK; one saved elsewhere UTF-8 with or
    without a byte-order mark, or UTF-16. The text is never converted as a plan's table
    would be: this is the file's own text, line endings normalised to ``\\n``.

    Raises
    ------
    InputError
        Naming the file (and the line of the first undecodable byte) when it cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "aliases.csv"
    >>> _ = path.write_bytes("alias,agency_type\\n产改办,union\\n".encode("gbk"))
    >>> read_text_file(path).splitlines()[1]
    '产改办,union'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    if not data.strip():
        return ""
    text, _encoding, warnings = _decode_bytes(data, path)
    if warnings:
        line, message = warnings[0]
        raise InputError(path, message, line=line or None)
    return text


def _bundled_dir() -> Path:
    """Where the bundled corpus lives: inside an installed wheel, or in a checkout's data/raw."""
    packaged = resources.files("agencygraph") / "data" / "corpus"
    if packaged.is_dir() and (packaged / MANIFEST_NAME).is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data" / "raw"
    if (checkout / MANIFEST_NAME).is_file():
        return checkout
    raise FileNotFoundError("the bundled corpus is missing: reinstall agencygraph (pip install .)")


def bundled_corpus() -> list[Path]:
    """The plan files of the bundled corpus, in manifest order.

    Returns
    -------
    list of Path
        The five bundled plans (Cixi, Haimen, Shanhu, Ningbo, Lijiang).
    """
    folder = _bundled_dir()
    return [folder / row["file"] for row in _read_manifest(folder / MANIFEST_NAME)]


def _read_manifest(path: Path) -> tuple[dict[str, str], ...]:
    return _read_manifest_version(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read_manifest_version(path: Path, mtime_ns: int) -> tuple[dict[str, str], ...]:
    # Keyed by modification time too, so an edited manifest is read again. Saved from
    # Excel, a manifest is often GBK: its encoding is detected like a plan's.
    return tuple(csv.DictReader(io.StringIO(read_text_file(path), newline="")))


def _manifest_index(path: Path) -> dict[str, dict[str, str]]:
    return _manifest_index_version(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _manifest_index_version(path: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    # Keys are the files as written, with / between folders (a manifest above the plans
    # names them by their path below it: ``zhejiang/cixi.txt``).
    return {(row.get("file") or "").strip().replace("\\", "/"): row for row in _read_manifest(path)}


def bundled_manifest() -> dict[str, dict[str, str]]:
    """The bundled corpus manifest, keyed by file name."""
    return dict(_manifest_index(_bundled_dir() / MANIFEST_NAME))


#: How far above a plan's folder a ``manifest.csv`` naming it (by its path below the
#: manifest) is looked for.
MANIFEST_DEPTH = 3


def find_manifest(path: str | Path) -> tuple[Path, dict[str, str]] | None:
    """The manifest that names a plan file, and its row; None where no manifest names it.

    The manifest beside the file is read first (rows by file name), then those of up to
    :data:`MANIFEST_DEPTH` folders above it (rows by the file's path below that folder).
    """
    path = Path(path).absolute()
    folder = path.parent
    for depth in range(MANIFEST_DEPTH + 1):
        manifest = folder / MANIFEST_NAME
        if manifest.is_file():
            key = path.relative_to(folder).as_posix()
            row = _manifest_index(manifest.resolve()).get(key)
            if row is not None:
                return manifest, row
        if folder.parent == folder or depth == MANIFEST_DEPTH:
            break
        folder = folder.parent
    return None


def document_metadata(path: str | Path) -> dict[str, str]:
    """Metadata of a plan file: the manifest row if a manifest names it, else the stem.

    A ``manifest.csv`` beside the file, or in a folder above it naming it by its path below
    that folder (columns ``file`` and those of :data:`MANIFEST_COLUMNS`), names its
    documents; otherwise the ``doc_id`` is the file's stem and the other fields are empty.
    """
    path = Path(path)
    found = find_manifest(path)
    meta = {column: "" for column in MANIFEST_COLUMNS}
    if found is not None:
        row = found[1]
        meta.update({column: (row.get(column, "") or "").strip() for column in MANIFEST_COLUMNS})
    if not meta["doc_id"]:
        meta["doc_id"] = path.stem
    return meta


# -- plan files given as folders ------------------------------------------------------------

#: File name endings taken as plans when a folder is given (a file named on the command line
#: is read whatever its name). PDF and old Word files are taken too, so that a folder's
#: files a reader cannot read are reported, not silently skipped.
PLAN_SUFFIXES = (
    ".txt",
    ".text",
    ".docx",
    ".xlsx",
    *HTML_SUFFIXES,
    *CSV_SUFFIXES,
    ".pdf",
    ".doc",
    ".wps",
)

# The first bytes of agencygraph's own outputs: a study folder passed whole must not read
# its data/processed tables or figures/ pages as plans.
_OUTPUT_CSV_HEADERS = (b"doc_id,", b"agency_id,", b"agency_type,", b"file,doc_id,")
_OUTPUT_HTML_MARKS = (b'content="agencygraph', b"<title>agencygraph")


def _is_output(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix not in (*CSV_SUFFIXES, *HTML_SUFFIXES):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    head = head.removeprefix(codecs.BOM_UTF8)
    if suffix in CSV_SUFFIXES:
        return head.startswith(_OUTPUT_CSV_HEADERS)
    return any(mark in head for mark in _OUTPUT_HTML_MARKS)


def _is_plan_file(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    if any(part.startswith((".", "__")) for part in parts) or path.name.startswith("~$"):
        return False  # hidden files and folders, caches, Office lock files
    if path.name.lower() == MANIFEST_NAME or path.suffix.lower() not in PLAN_SUFFIXES:
        return False
    return not _is_output(path)


def plan_files(paths: Iterable[str | Path]) -> list[Path]:
    """The plan files named by files and folders, as ``parse`` and ``build`` take them.

    A folder stands for the plan files anywhere below it (names ending in one of
    :data:`PLAN_SUFFIXES`; hidden files, ``manifest.csv`` and agencygraph's own output
    tables and pages left out), in path order. A ``manifest.csv`` given among the files
    (``plans/*``) names them and is not a plan. A file given twice is coded once.

    Raises
    ------
    InputError
        If a folder holds no plan file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "sub/a.docx", "manifest.csv", "notes.md"):
    ...     (root / name).parent.mkdir(exist_ok=True)
    ...     _ = (root / name).write_text("x")
    >>> [p.relative_to(root).as_posix() for p in plan_files([root])]
    ['b.txt', 'sub/a.docx']
    """
    out: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if p.is_file() and _is_plan_file(p, path)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            if not found:
                raise InputError(
                    path,
                    "a directory with no plan files in it (looked for "
                    + ", ".join(PLAN_SUFFIXES)
                    + " files in it and its subfolders)",
                )
            for p in found:
                out.setdefault(p.absolute(), p)
        elif path.name.lower() == MANIFEST_NAME and path.is_file():
            continue
        else:
            out.setdefault(path.absolute(), path)
    return list(out.values())


# -- manifest validation ----------------------------------------------------------------------

#: Administrative levels a manifest's ``level`` may give (English or Chinese).
LEVELS = (
    "province",
    "autonomous region",
    "municipality",
    "special administrative region",
    "sub-provincial city",
    "prefecture-level city",
    "prefecture",
    "autonomous prefecture",
    "league",
    "county-level city",
    "county",
    "autonomous county",
    "district",
    "banner",
    "subdistrict",
    "township",
    "town",
    "village",
    "省",
    "自治区",
    "直辖市",
    "特别行政区",
    "副省级市",
    "地级市",
    "地区",
    "自治州",
    "盟",
    "县级市",
    "县",
    "自治县",
    "区",
    "旗",
    "街道",
    "乡",
    "镇",
    "村",
)
_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def suggest(value: str, valid: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the nearest valid value, or ``""`` when none is near.

    Examples
    --------
    >>> suggest("countyy", LEVELS)
    " (did you mean 'county'?)"
    """
    import difflib

    near = difflib.get_close_matches(value, list(valid), n=3, cutoff=0.6)
    if not near:
        return ""
    return " (did you mean " + " or ".join(repr(v) for v in near) + "?)"


def check_manifest(path: str | Path) -> list[tuple[int, str, str]]:
    """Check a ``manifest.csv``: what is wrong stops the run, what is doubtful is returned.

    Returns
    -------
    list of (line, doc_id, message)
        Warnings: an unknown column (with the nearest known one), a row naming a file
        that is not there, a date not written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises
    ------
    InputError
        Naming the manifest and row: no ``file`` column, an unknown ``level`` (with the
        nearest valid ones, :data:`LEVELS`), a file or a ``doc_id`` given twice.
    """
    path = Path(path)
    text = read_text_file(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    known = ("file", *MANIFEST_COLUMNS)
    if "file" not in header:
        raise InputError(
            path,
            "a manifest needs a 'file' column naming each plan file"
            + suggest(next((h for h in header if h not in known), ""), ["file"]),
            line=1,
        )
    warnings = [
        (1, "", f"unknown column {column!r} ignored{suggest(column, known)}")
        for column in header
        if column and column not in known
    ]
    files: dict[str, int] = {}
    ids: dict[str, int] = {}
    level_set = {level.lower() for level in LEVELS}
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(row.values()):
            continue
        name = row.get("file", "").replace("\\", "/")
        doc_id = row.get("doc_id", "") or Path(name).stem
        if not name:
            raise InputError(path, "row without a file name", line=line)
        if name in files:
            raise InputError(path, f"file {name!r} already listed on line {files[name]}", line)
        if doc_id in ids:
            raise InputError(path, f"doc_id {doc_id!r} already used on line {ids[doc_id]}", line)
        files[name], ids[doc_id] = line, line
        level = row.get("level", "")
        if level and level.lower() not in level_set:
            raise InputError(
                path,
                f"unknown level {level!r} of {doc_id!r}{suggest(level.lower(), LEVELS)}; "
                f"a level is one of: {', '.join(LEVELS)}",
                line=line,
            )
        date = row.get("date", "")
        if date and not _DATE_RE.fullmatch(date):
            warnings.append(
                (line, doc_id, f"date {date!r} of {doc_id!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            )
        if not (path.parent / name).is_file():
            warnings.append((line, doc_id, f"file {name!r} of {doc_id!r} is not in {path.parent}"))
    return warnings


def manifest_warnings(paths: Iterable[str | Path]) -> list[dict[str, object]]:
    """Check the manifests of the folders plan files sit in (:func:`check_manifest`).

    Returns
    -------
    list of dict
        Warning rows ``doc_id, file, line, kind, message`` (``kind`` is ``manifest``): the
        manifests' own, and one for each plan in a folder with a manifest that does not
        name it (its ``doc_id`` is then its stem, its place unknown).
    """
    rows: list[dict[str, object]] = []
    checked: set[Path] = set()
    for given in paths:
        path = Path(given)
        local = path.parent / MANIFEST_NAME
        found = find_manifest(path)
        for manifest in (local, found[0] if found else None):
            if manifest is None or not manifest.is_file() or manifest.resolve() in checked:
                continue
            checked.add(manifest.resolve())
            rows.extend(
                {
                    "doc_id": doc,
                    "file": str(manifest),
                    "line": line,
                    "kind": "manifest",
                    "message": message,
                }
                for line, doc, message in check_manifest(manifest)
            )
        if local.is_file() and found is None:
            rows.append(
                {
                    "doc_id": path.stem,
                    "file": str(local),
                    "line": 0,
                    "kind": "manifest",
                    "message": f"{path.name} is not in {MANIFEST_NAME}: its doc_id is its "
                    "file name and its place, level and title are unknown; add a row for it",
                }
            )
    return rows


# -- titles ------------------------------------------------------------------------------------

# Words a plan's title ends in (方案, 规划 …), and the lines that come before a title.
_TITLE_ENDINGS = re.compile(
    r"(?:方案|规划|计划|意见|办法|通知|分工|清单|要点|措施|纲要|细则|决定|安排)[》」”\"）)]*$"
)
_NOT_TITLE = re.compile(r"^(?:附件\s*\d*|.*文件|.*〔\d{4}〕.*号|第?\s*\d+\s*页?)$")
_TITLE_LINES = 12


def title_from_text(text: str) -> str:
    """A plan's title read from its opening lines: where no manifest gives one.

    The first of its first non-empty lines that ends as titles do (…方案, …规划, …的通知,
    …分工), joined with the line before it when that one starts a wrapped title (关于…);
    ``""`` when none does.

    Examples
    --------
    >>> title_from_text("附件\\n《新时代慈溪产业工人队伍建设改革实施方案》重点任务责任分工\\n")
    '《新时代慈溪产业工人队伍建设改革实施方案》重点任务责任分工'
    >>> title_from_text("关于印发新时代剡湖街道产业工人队伍\\n建设改革实施方案的通知\\n各村")
    '关于印发新时代剡湖街道产业工人队伍建设改革实施方案的通知'
    >>> title_from_text("1. 加强培训。")
    ''
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TITLE_LINES]
    for i, line in enumerate(lines):
        if len(line) > 80 or _NOT_TITLE.match(line) or line.endswith(("。", "；", "：")):
            continue
        if _TITLE_ENDINGS.search(line):
            before = lines[i - 1] if i else ""
            if before.startswith("关于") and not _TITLE_ENDINGS.search(before):
                return before + line
            return line
    return ""
