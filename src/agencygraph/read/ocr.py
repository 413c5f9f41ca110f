"""Scanned PDF pages read by optical character recognition (Tesseract).

A PDF page with no text layer is an image. Where the ``tesseract`` program and its
simplified-Chinese data are installed (Debian/Ubuntu: ``apt-get install tesseract-ocr
tesseract-ocr-chi-sim``), the page is rendered at :data:`RESOLUTION` dots per inch
(pypdfium2, which pdfplumber installs) and read line by line; Tesseract is called as a
program, so no Python binding is needed and none is a dependency.

The text is cleaned as Chinese text reads: no spaces between Chinese characters (where
Tesseract sets characters apart), ASCII brackets, colons, semicolons and commas beside a
Chinese character written full width, as official documents set them and as OCR often
misreads them, and an opening 《 with no closing 》 on its line read as （. OCR is not
exact: check the coding of a scanned plan (it is flagged ``ocr``). Ruled tables in a
scan are read as lines of text.

Examples
--------
>>> full_width_punctuation("(牵头单位:市人社局;协同单位:市总工会)")
'（牵头单位：市人社局；协同单位：市总工会）'
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from agencygraph._errors import InputError

#: Dots per inch a scanned page is rendered at for Tesseract.
RESOLUTION = 300
#: Tesseract's language data read: simplified Chinese, with English for Latin letters.
LANGUAGES = "chi_sim"
#: Seconds Tesseract may take over one page.
TIMEOUT = 300

INSTALL_HINT = (
    "Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-chi-sim; "
    "macOS: brew install tesseract tesseract-lang"
)

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FULL_WIDTH = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"}
_PUNCT_RE = re.compile(rf"(?<=[{_CJK}])[():;,]|[():;,](?=[{_CJK}])")
_CJK_CHAR_RE = re.compile(rf"[{_CJK}]")


@lru_cache(maxsize=1)
def tesseract_problem() -> str | None:
    """Why OCR cannot run here (None where Tesseract with Chinese data is installed)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return "the tesseract program is not installed"
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run ({type(exc).__name__})"
    if "chi_sim" not in (listed.stdout + listed.stderr).split():
        return "tesseract has no simplified-Chinese data (chi_sim)"
    return None


def full_width_punctuation(text: str) -> str:
    """ASCII brackets, colons, semicolons and commas beside Chinese text written full width."""
    return _PUNCT_RE.sub(lambda m: _FULL_WIDTH[m.group()], text)


def _unmatched_title_mark(text: str) -> str:
    """An opening 《 with no 》 after it on the line read as the bracket （ it resembles.

    Examples
    --------
    >>> _unmatched_title_mark("做好工作。《牵头单位：市委组织部）")
    '做好工作。（牵头单位：市委组织部）'
    >>> _unmatched_title_mark("落实《实施方案》")
    '落实《实施方案》'
    """
    out = list(text)
    for i, ch in enumerate(out):
        if ch == "《" and "》" not in text[i + 1 :]:
            out[i] = "（"
    return "".join(out)


def ocr_page_lines(page, path: str | Path, number: int) -> list[tuple]:
    """The text lines of a scanned page: ``(text, x0, x1, top, bottom, size)`` in points.

    Parameters
    ----------
    page
        A pdfplumber page.
    path, number
        The file and page number, named in error messages.

    Raises
    ------
    InputError
        If Tesseract with Chinese data is not installed, or fails on the page.
    """
    problem = tesseract_problem()
    if problem is not None:
        raise InputError(
            path, f"page {number} is scanned and --ocr needs Tesseract: {problem} ({INSTALL_HINT})"
        )
    image = page.to_image(resolution=RESOLUTION).original
    with tempfile.TemporaryDirectory(prefix="agencygraph-ocr-") as folder:
        png = Path(folder) / "page.png"
        image.save(png)
        try:
            done = subprocess.run(
                [
                    shutil.which("tesseract") or "tesseract",
                    str(png),
                    "stdout",
                    "-l",
                    LANGUAGES,
                    "tsv",
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise InputError(path, f"OCR of page {number} took over {TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise InputError(path, f"tesseract failed on page {number}: {message[0]}")
    return _tsv_lines(done.stdout, RESOLUTION)


def _tsv_lines(tsv: str, resolution: int) -> list[tuple]:
    """Lines from Tesseract's TSV output: its words joined, boxes in points."""
    scale = 72 / resolution
    lines: dict[tuple[str, str, str], list[tuple[int, int, int, int, str]]] = {}
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        left, top, width, height = (int(v) for v in parts[6:10])
        key = (parts[2], parts[3], parts[4])
        lines.setdefault(key, []).append((left, top, width, height, parts[11].strip()))
    out = []
    for words in lines.values():
        text = ""
        for *_, word in words:
            cjk_join = _CJK_CHAR_RE.match(word[:1]) or _CJK_CHAR_RE.match(text[-1:])
            text += word if not text or cjk_join else " " + word
        text = full_width_punctuation(_unmatched_title_mark(text))
        x0 = min(w[0] for w in words) * scale
        x1 = max(w[0] + w[2] for w in words) * scale
        top = min(w[1] for w in words) * scale
        bottom = max(w[1] + w[3] for w in words) * scale
        size = sorted(w[3] for w in words)[len(words) // 2] * scale
        out.append((text, x0, x1, top, bottom, size))
    out.sort(key=lambda line: (line[3], line[1]))
    return out
