"""The corpus manifest and the bundled corpus.

Reading a plan file, whatever its format, is :mod:`agencygraph.read`'s work; its entry
points are importable from here too (:func:`read_plan`, :func:`read_plan_text`,
:func:`decode_plan`), where earlier versions kept them.

Examples
--------
>>> from agencygraph.corpus import bundled_corpus, document_metadata
>>> paths = bundled_corpus()
>>> len(paths)
5
>>> document_metadata(paths[0])["doc_id"]
'cixi'
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.read import (
    CSV_SUFFIXES,
    HTML_SUFFIXES,
    PlanText,
    decode_plan,
    read_plan,
    read_plan_text,
)
from agencygraph.read.text import decode_text

__all__ = [
    "CSV_SUFFIXES",
    "HTML_SUFFIXES",
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "PlanText",
    "bundled_corpus",
    "bundled_manifest",
    "decode_plan",
    "document_metadata",
    "read_plan",
    "read_plan_text",
]

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
    if len(data) > settings.READ_MAX_TEXT_BYTES:
        raise InputError(
            path,
            f"{len(data) / 2**20:,.1f} MB, more than the limit of "
            f"{settings.READ_MAX_TEXT_BYTES / 2**20:,.0f} MB (settings.READ_MAX_TEXT_BYTES)",
        )
    text, _encoding, warnings = decode_text(data, path)
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
