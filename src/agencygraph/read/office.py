"""Old binary office files (.doc, .wps, .xls, .et) converted by LibreOffice.

Many plans are still published as Word 97–2003 (.doc) or Kingsoft WPS (.wps, .et)
files: OLE2 compound documents with no maintained pure-Python reader that keeps table
structure. LibreOffice reads them all, so where its ``soffice`` program is on the PATH the
file is converted in headless mode to .docx or .xlsx and read by those readers, merged
cells and all. The conversion happens in a private temporary folder that is removed
afterwards (LibreOffice's own profile too): nothing is written beside the user's files.
Without LibreOffice the message names what to install.

Examples
--------
>>> is_ole(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(8))
True
>>> office_target(b"", "plan.et")
'xlsx'
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from agencygraph._errors import InputError

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: File name endings of old word-processor and spreadsheet files.
WORD_SUFFIXES = (".doc", ".dot", ".wps", ".wpt")
SHEET_SUFFIXES = (".xls", ".xlt", ".et", ".ett")
#: Seconds LibreOffice may take over one file.
TIMEOUT = 300

INSTALL_HINT = {
    "docx": "install LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer; "
    "macOS: brew install --cask libreoffice; Windows: libreoffice.org) so that soffice is "
    "on the PATH, or save the file as .docx",
    "xlsx": "install LibreOffice Calc (Debian/Ubuntu: apt-get install libreoffice-calc; "
    "macOS: brew install --cask libreoffice; Windows: libreoffice.org) so that soffice is "
    "on the PATH, or save the file as .xlsx",
}


def is_ole(data: bytes) -> bool:
    """Whether bytes are an OLE2 compound document (.doc, .xls, .wps, .et, .ppt …)."""
    return data.startswith(_OLE_SIGNATURE[:4])


def office_target(data: bytes, path: str | Path) -> str:
    """``"docx"`` or ``"xlsx"``: what an old office file converts to.

    The file name decides where it says; else the document's streams (a Word or WPS
    document holds a ``WordDocument`` stream, a workbook a ``Workbook`` or ``Book`` one).
    """
    suffix = Path(path).suffix.lower()
    if suffix in WORD_SUFFIXES:
        return "docx"
    if suffix in SHEET_SUFFIXES:
        return "xlsx"
    if "WordDocument".encode("utf-16-le") in data:
        return "docx"
    if any(name.encode("utf-16-le") in data for name in ("Workbook", "Book")):
        return "xlsx"
    return "docx"


def soffice() -> str | None:
    """The LibreOffice program on the PATH (``soffice`` or ``libreoffice``), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_office(data: bytes, path: str | Path, target: str) -> bytes:
    """The bytes of an old office file converted to ``target`` (``docx`` or ``xlsx``).

    Raises
    ------
    InputError
        If LibreOffice is not on the PATH, or cannot convert the file.
    """
    kind = (
        "Word/WPS document (.doc, .wps)" if target == "docx" else "Excel/WPS workbook (.xls, .et)"
    )
    program = soffice()
    if program is None:
        raise InputError(
            path, f"an old {kind}: reading it needs LibreOffice: {INSTALL_HINT[target]}"
        )
    suffix = Path(path).suffix.lower() or (".doc" if target == "docx" else ".xls")
    with tempfile.TemporaryDirectory(prefix="agencygraph-convert-") as folder:
        work = Path(folder)
        source = work / f"plan{suffix}"
        source.write_bytes(data)
        out = work / "out"
        # A profile of its own: a running LibreOffice, or another conversion in parallel,
        # holds a lock on the user's profile.
        profile = (work / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                env={**os.environ, "HOME": folder},
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                path, f"LibreOffice took over {TIMEOUT} s to convert the file"
            ) from None
        except OSError as exc:
            raise InputError(path, f"LibreOffice did not start: {exc.strerror}") from None
        converted = out / f"plan.{target}"
        if done.returncode != 0 or not converted.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise InputError(path, f"LibreOffice could not convert this {kind}: {detail[0]}")
        return converted.read_bytes()
