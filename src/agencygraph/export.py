"""Writing outputs: CSV tables and graph files, atomically and byte-for-byte reproducibly.

Every file is written to a temporary name in its destination folder and renamed into
place only once all files of a batch are complete, so a run that fails leaves the
previous outputs as they were and no half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


def table_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV bytes: header row, ``\\n`` line ends, booleans as true/false."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


@contextmanager
def atomic_batch(folder: str | Path):
    """Collect files to write into ``folder``; they appear only if the block succeeds.

    Yields a function ``put(name, data: bytes)``. Files are staged in a temporary
    directory inside ``folder`` (same file system, so the final rename is atomic) and
    moved into place when the ``with`` block exits without an exception.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_batch(out) as put:
    ...     put("a.txt", b"hello")
    >>> (out / "a.txt").read_bytes()
    b'hello'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".agencygraph-", dir=folder))
    staged: list[str] = []

    def put(name: str, data: bytes) -> None:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        staged.append(name)

    try:
        yield put
        for name in staged:
            destination = folder / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, destination)
    finally:
        for path in sorted(staging.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        staging.rmdir()


def write_tables(tables: Mapping[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write DataFrames as ``<name>.csv`` into ``folder``, all or nothing.

    Parameters
    ----------
    tables
        Table name (file stem) → DataFrame.
    folder
        Destination folder, created if missing.

    Returns
    -------
    list of Path
        The files written, in the order given.
    """
    with atomic_batch(folder) as put:
        for name, frame in tables.items():
            put(f"{name}.csv", table_to_csv_bytes(frame))
    return [Path(folder) / f"{name}.csv" for name in tables]


def write_files(files: Mapping[str, Callable[[], bytes] | bytes], folder: str | Path) -> list[Path]:
    """Write named byte strings (or callables producing them) into ``folder``, all or nothing."""
    with atomic_batch(folder) as put:
        for name, data in files.items():
            put(name, data() if callable(data) else data)
    return [Path(folder) / name for name in files]
