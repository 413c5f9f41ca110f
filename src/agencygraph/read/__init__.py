"""Reading plan files: any published format turned into the text the parsers read.

:func:`read_plan_text` is the one entry point: it takes a file and gives its text, in the
layouts :mod:`agencygraph.parse` reads, with how it was read. The format is recognised
from the bytes, whatever the file's name, and each format has its module here:

- plain text (:mod:`~agencygraph.read.text`): UTF-8 with or without a byte-order mark,
  GB18030/GBK or UTF-16, detected, line endings normalised to ``\\n``;
- Word .docx (:mod:`~agencygraph.read.docx`) and Excel .xlsx (:mod:`~agencygraph.read.xlsx`),
  read from their structure;
- a web page (:mod:`~agencygraph.read.html`): a text that opens as an HTML page, or a
  .html/.htm file holding markup, in the encoding its ``<meta charset>`` declares where the
  bytes are not UTF-8;
- .csv and .tsv tables (:mod:`~agencygraph.read.csv`);
- PDF (:mod:`~agencygraph.read.pdf`): the text layer page by page, ruled tables as tables,
  running headers and page numbers removed; scanned pages by OCR where asked for
  (:mod:`~agencygraph.read.ocr`, needs Tesseract);
- old binary .doc, .wps, .xls and .et files, converted by LibreOffice where it is installed
  (:mod:`~agencygraph.read.office`).

Every reader works within the limits of :mod:`agencygraph.settings` (``READ_MAX_*``: file and
text size, line length, the expanded size, entries, cells and XML nesting of Word and Excel
files, see :mod:`~agencygraph.read._xml`); past one, or out of memory, the file is refused
with an :class:`~agencygraph.InputError` naming it, never a ``MemoryError``.

Tables are flattened to tab-led cells with a blank line between rows, merged cells blank
and carried down (:mod:`~agencygraph.read.cells`). The line numbers of a converted plan
count the converted lines; for a PDF, :attr:`PlanText.pages` gives each line's page.

Examples
--------
>>> from agencygraph.corpus import bundled_corpus
>>> text = read_plan(bundled_corpus()[0])
>>> text.startswith("附件")
True
>>> decode_plan("牵头单位".encode("utf-16")).encoding
'utf-16-le'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.read._xml import open_archive
from agencygraph.read.csv import CSV_SUFFIXES, csv_text, looks_like_csv
from agencygraph.read.docx import docx_text, is_docx
from agencygraph.read.html import html_text, looks_like_html
from agencygraph.read.office import convert_office, is_ole, office_target
from agencygraph.read.pdf import is_pdf, pdf_text
from agencygraph.read.text import declared_decoding, decode_text, remove_control_characters
from agencygraph.read.xlsx import is_xlsx, xlsx_text

__all__ = [
    "CSV_SUFFIXES",
    "HTML_SUFFIXES",
    "PlanText",
    "decode_plan",
    "read_plan",
    "read_plan_text",
]

#: File name endings of plans read as web pages.
HTML_SUFFIXES = (".html", ".htm")

_MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")

# File signatures of formats agencygraph does not read; naming them makes the error useful.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive that is neither a Word (.docx) nor an Excel (.xlsx) file"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass(frozen=True)
class PlanText:
    """A plan file's text, how it was read, and what was doubtful.

    ``encoding`` is the text encoding (``utf-8``, ``gb18030`` …), prefixed with the format
    of a converted text (``html:gb18030``, ``csv:utf-8``), or ``docx`` / ``xlsx`` / ``pdf``
    (``pdf+ocr`` where pages were read by OCR; ``doc>docx``, ``et>xlsx`` … for a file
    LibreOffice converted). ``warnings`` holds ``(line, message)`` pairs: undecodable bytes
    replaced, control characters removed, pages skipped (line 0 where no converted line
    can be named). ``pages`` is the page each line of ``text`` starts on, for a PDF (empty
    for other formats); ``ocr_pages`` the pages read by OCR.
    """

    path: Path
    text: str
    encoding: str
    warnings: tuple[tuple[int, str], ...] = ()
    pages: tuple[int, ...] = ()
    ocr_pages: tuple[int, ...] = ()

    def page_of(self, line: int) -> int | None:
        """The page the 1-based ``line`` is on (None for a source without pages).

        Examples
        --------
        >>> PlanText(Path("p.pdf"), "a\\nb\\n", "pdf", pages=(1, 2)).page_of(2)
        2
        """
        if not self.pages or not 1 <= line <= len(self.pages):
            return None
        return self.pages[line - 1]


def decode_plan(data: bytes, path: str | Path = "<bytes>", *, ocr: bool = False) -> PlanText:
    """Turn a plan file's bytes into text, detecting the format and the encoding.

    Parameters
    ----------
    data
        The raw bytes of the file.
    path
        Used in error messages and kept on the result; its ending helps only where the
        bytes do not tell (a web page, a CSV file, an old office file).
    ocr
        Read the scanned pages of a PDF with Tesseract.

    Returns
    -------
    PlanText
        The text with line endings normalised to ``\\n`` and no byte-order mark; a web
        page, spreadsheet, Word, PDF or old office document converted (see the module
        docstring).

    Raises
    ------
    InputError
        If the bytes are empty, binary, a format agencygraph does not read (or needs a
        program to read that is not installed), or text in no supported encoding, or past
        one of the ``READ_MAX_*`` limits of :mod:`agencygraph.settings` (running out of
        memory while reading is refused the same way); the message names the file and,
        where it can, the line (or the part of a Word or Excel file, or the cell).

    Examples
    --------
    >>> decode_plan("牵头单位".encode("gb18030")).text
    '牵头单位'
    >>> page = '<html><meta charset="gbk"><p>1.加强培训</p><p>（牵头单位：市人社局）</p></html>'
    >>> decoded = decode_plan(page.encode("gbk"), "plan.html")
    >>> decoded.encoding, decoded.text
    ('html:gb18030', '1.加强培训\\n（牵头单位：市人社局）\\n')
    """
    path = Path(path)
    try:
        return _decode_plan(data, path, ocr=ocr)
    except MemoryError:
        # Leaving the except block drops the traceback, and with it the frames holding
        # what was read: the memory is free again for the message and the next file.
        pass
    raise InputError(
        path,
        "ran out of memory reading the file: too large, or crafted to expand "
        "(see the READ_MAX_* limits in agencygraph.settings)",
    )


def _decode_plan(data: bytes, path: Path, *, ocr: bool) -> PlanText:
    _check_size(len(data), settings.READ_MAX_FILE_BYTES, "READ_MAX_FILE_BYTES", path)
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(b"PK\x03\x04"):
        open_archive(data, path).close()  # refuses an archive of millions of entries
    if is_docx(data):
        text = docx_text(data, path)
        _check_text(text, path)
        return PlanText(path=path, text=text, encoding="docx")
    if is_xlsx(data):
        text = xlsx_text(data, path)
        _check_text(text, path)
        return PlanText(path=path, text=text, encoding="xlsx")
    if is_pdf(data):
        return _pdf_plan(data, path, ocr=ocr)
    if is_ole(data):
        return _office_plan(data, path)
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"this is {what}, not a plan agencygraph reads; save it as text")

    # Text, web pages and CSV: decoded whole, and a plan's text is never this large.
    _check_size(len(data), settings.READ_MAX_TEXT_BYTES, "READ_MAX_TEXT_BYTES", path, "text")
    suffix = path.suffix.lower()
    page = looks_like_html(data[:4096].decode("latin-1"))
    named_page = suffix in HTML_SUFFIXES
    decoded = declared_decoding(data, path) if page or named_page else None
    if decoded is None:
        decoded = decode_text(data, path)
    text, encoding, warnings = decoded
    # A file named .html is read as a page only if it holds markup: plain text saved
    # under that name keeps its lines.
    page = page or looks_like_html(text) or (named_page and bool(_MARKUP_RE.search(text)))
    # (a spreadsheet saved as CSV under a text file's name is read as one)
    table = suffix in CSV_SUFFIXES or (not page and looks_like_csv(text))
    if page or table:
        # Decoding warnings name lines of the file, not of the converted text.
        warnings = [
            (0, f"{message} (line {line} of the file)" if line else message)
            for line, message in warnings
        ]
        if page:
            text, encoding = html_text(text, path), f"html:{encoding}"
        else:
            text, encoding = csv_text(text, path), f"csv:{encoding}"
    return _finished(PlanText(path, text, encoding), warnings)


def _check_size(size: int, limit: int, name: str, path: Path, what: str = "file") -> None:
    if size > limit:
        raise InputError(
            path,
            f"a {what} of {size / 2**20:,.1f} MB, more than the limit of "
            f"{limit / 2**20:,.0f} MB (settings.{name}): refused unread",
        )


def _check_text(text: str, path: Path) -> None:
    """Refuse a text past the length limits, naming the first line that is too long."""
    if len(text) > settings.READ_MAX_TEXT_CHARS:
        raise InputError(
            path,
            f"{len(text):,} characters of text, more than {settings.READ_MAX_TEXT_CHARS:,} "
            "(settings.READ_MAX_TEXT_CHARS)",
        )
    limit = settings.READ_MAX_LINE_CHARS
    if len(text) <= limit:
        return
    # One find per line: linear, and no list of lines is built.
    start, number = 0, 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            raise InputError(
                path,
                f"a line of {end - start:,} characters, more than {limit:,} "
                "(settings.READ_MAX_LINE_CHARS)",
                line=number,
            )
        start, number = end + 1, number + 1


def _finished(plan: PlanText, warnings: list[tuple[int, str]]) -> PlanText:
    """The plan's text checked for content and size, and cleaned of control characters."""
    if not plan.text.strip():
        raise InputError(plan.path, "the file is empty (only whitespace)")
    _check_text(plan.text, plan.path)
    text, removed = remove_control_characters(plan.text)
    warnings = [*warnings, *((line, "control characters removed") for line in removed[:5])]
    return PlanText(
        path=plan.path,
        text=text,
        encoding=plan.encoding,
        warnings=tuple(warnings),
        pages=plan.pages,
        ocr_pages=plan.ocr_pages,
    )


def _pdf_plan(data: bytes, path: Path, *, ocr: bool) -> PlanText:
    read = pdf_text(data, path, ocr=ocr)
    plan = PlanText(
        path=path,
        text=read.text,
        encoding="pdf+ocr" if read.ocr else "pdf",
        pages=read.pages,
        ocr_pages=read.ocr,
    )
    # Removing control characters keeps every line, so the pages stay aligned.
    return _finished(plan, list(read.warnings))


def _office_plan(data: bytes, path: Path) -> PlanText:
    target = office_target(data, path)
    converted = convert_office(data, path, target)
    source = path.suffix.lower().lstrip(".") or "ole"
    text = docx_text(converted, path) if target == "docx" else xlsx_text(converted, path)
    return _finished(PlanText(path, text, f"{source}>{target}"), [])


def read_plan_text(path: str | Path, *, ocr: bool = False) -> PlanText:
    """Read a plan file, whatever its format: the one entry point of the readers.

    Parameters
    ----------
    path
        A plan file: text (UTF-8 with or without BOM, GB18030/GBK, or UTF-16), a web page
        (.html, .htm), a table (.csv, .tsv), Word (.docx), Excel (.xlsx), PDF, or an old
        .doc/.wps/.xls/.et file (with LibreOffice installed).
    ocr
        Read the scanned pages of a PDF with Tesseract.

    Returns
    -------
    PlanText
        The text, how it was read, warnings, and the page of each line for a PDF.

    Raises
    ------
    InputError
        If the file is missing, unreadable, in no format agencygraph reads, or past a
        limit (a file over ``settings.READ_MAX_FILE_BYTES`` is refused before it is read).
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a directory, not a plan file")
    try:
        if path.is_file():
            # Checked before reading: a huge file is refused without being read.
            _check_size(
                path.stat().st_size, settings.READ_MAX_FILE_BYTES, "READ_MAX_FILE_BYTES", path
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    except MemoryError:
        pass
    else:
        return decode_plan(data, path, ocr=ocr)
    raise InputError(path, "ran out of memory reading the file")


def read_plan(path: str | Path, *, ocr: bool = False) -> str:
    """Read a plan file as text, whatever its format (see :func:`read_plan_text`).

    Returns
    -------
    str
        The text, line endings normalised to ``\\n``; for a converted format, the
        converted text (tables as tab-led cells).
    """
    return read_plan_text(path, ocr=ocr).text
