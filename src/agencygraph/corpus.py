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

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from agencygraph.read import (
    CSV_SUFFIXES,
    HTML_SUFFIXES,
    PlanText,
    decode_plan,
    read_plan,
    read_plan_text,
)

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
    # Keyed by modification time too, so an edited manifest is read again.
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _manifest_index(path: Path) -> dict[str, dict[str, str]]:
    return _manifest_index_version(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _manifest_index_version(path: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    return {row["file"]: row for row in _read_manifest(path)}


def bundled_manifest() -> dict[str, dict[str, str]]:
    """The bundled corpus manifest, keyed by file name."""
    return dict(_manifest_index(_bundled_dir() / MANIFEST_NAME))


def document_metadata(path: str | Path) -> dict[str, str]:
    """Metadata of a plan file: the manifest row if a manifest names it, else the stem.

    A ``manifest.csv`` beside the file (columns ``file`` and those of
    :data:`MANIFEST_COLUMNS`) names its documents; otherwise the ``doc_id`` is the file's
    stem and the other fields are empty.
    """
    path = Path(path)
    local = path.parent / MANIFEST_NAME
    row = _manifest_index(local.resolve()).get(path.name) if local.is_file() else None
    meta = {column: "" for column in MANIFEST_COLUMNS}
    if row is not None:
        meta.update({column: row.get(column, "") or "" for column in MANIFEST_COLUMNS})
    if not meta["doc_id"]:
        meta["doc_id"] = path.stem
    return meta
