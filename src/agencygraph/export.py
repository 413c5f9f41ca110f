"""Writing outputs: CSV tables and graph files, atomically and byte-for-byte reproducibly.

Every file is written to a temporary name in its destination folder and renamed into
place only once all files of a batch are complete, so a run that fails leaves the
previous outputs as they were and no half-written file behind. Every name is checked to
lie inside its folder (:func:`output_path`). ``agencygraph build`` goes further: each
output folder is built complete beside the target and swapped in at once
(:func:`replace_folder`), under a lock (:func:`output_lock`), so a build killed at any
moment leaves each folder holding either its previous outputs or the new ones.

Text cells of the CSV tables that a spreadsheet would take for a formula are neutralised
(:func:`neutralise_cell`); :func:`read_table` reads a table back with the raw values.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from agencygraph._errors import OutputError

if TYPE_CHECKING:  # networkx is imported where graphs are written: `import agencygraph` stays quick
    import networkx as nx

# ----------------------------------------------------------------- spreadsheet-safe cells

#: First characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell
#: as a formula: ``= + - @``, tab and carriage return (OWASP, "CSV Injection",
#: https://owasp.org/www-community/attacks/CSV_Injection), and NUL (OWASP ASVS 4.0,
#: requirement 5.3.10 / ASVS 5.0 1.2.10).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\0")

#: The mark put before a neutralised cell, as OWASP advises; a spreadsheet shows the cell
#: as text. A text cell that itself begins with it is marked too, so that
#: :func:`restore_cell` can always undo the mark.
CELL_MARK = "'"

_MARKED = (*FORMULA_STARTS, CELL_MARK)


def neutralise_cell(value: object) -> object:
    """A text cell as written to CSV: ``'`` put before one a spreadsheet would evaluate.

    Only strings change (numbers such as ``-0.5`` stay numbers); :func:`restore_cell`
    undoes it.

    Examples
    --------
    >>> print(neutralise_cell('=HYPERLINK("http://x","y")'))
    '=HYPERLINK("http://x","y")
    >>> neutralise_cell("市人社局"), neutralise_cell(-0.5)
    ('市人社局', -0.5)
    """
    if isinstance(value, str) and value.startswith(_MARKED):
        return CELL_MARK + value
    return value


def restore_cell(value: object) -> object:
    """The raw value of a cell :func:`neutralise_cell` wrote.

    Examples
    --------
    >>> restore_cell(neutralise_cell("@SUM(1+1)"))
    '@SUM(1+1)'
    >>> restore_cell(neutralise_cell("'quoted"))
    "'quoted"
    """
    if isinstance(value, str) and value.startswith(CELL_MARK):
        return value[1:]
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` whose text cells are neutralised (:func:`neutralise_cell`).

    Numeric and boolean columns are left as they are: a spreadsheet reads ``-0.5`` as a
    number, never as a formula, and marking it would make it text.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            continue
        marked = _starting(series, _MARKED)
        if marked.any():
            out[column] = series.astype(object).where(~marked, CELL_MARK + series.astype(str))
    return out


def _starting(series: pd.Series, prefixes: tuple[str, ...]) -> pd.Series:
    """Whether each cell is a string starting with one of ``prefixes`` (others: False)."""
    try:
        found = series.str.startswith(prefixes, na=False)
    except AttributeError:  # no string in the column at all
        return pd.Series(False, index=series.index)
    # Non-string cells (numbers in an object column) give NaN with some pandas versions.
    return found.fillna(False).astype(bool)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of a table read as text (``dtype=str``) with its cells' marks undone."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            marked = _starting(series, (CELL_MARK,))
            if marked.any():
                out[column] = series.where(~marked, series.str[1:])
    return out


def read_table(path, **kwargs) -> pd.DataFrame:
    """Read a table agencygraph wrote (CSV or Parquet; a path, or an open file) raw.

    A CSV is read by :func:`pandas.read_csv` (``kwargs`` passed on) after the marks
    :func:`neutralise_cell` put before formula-like text cells are taken off, so the
    result is what ``pd.read_csv`` would give on the table written without them: the same
    values and column types.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_bytes(table_to_csv_bytes(pd.DataFrame({"unit": ["=1+1"], "z": [-0.5]})))
    >>> path.read_text().splitlines()[1]
    "'=1+1,-0.5"
    >>> read_table(path).to_dict("list")
    {'unit': ['=1+1'], 'z': [-0.5]}
    """
    encoding = kwargs.pop("encoding", "utf-8")
    if hasattr(path, "read"):  # an open file or a buffer
        data = path.read()
        text = data.decode(encoding) if isinstance(data, bytes) else data
    else:
        path = Path(path)
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path, **kwargs)
        text = path.read_bytes().decode(encoding)
    buffer = io.StringIO()
    # \r\n line ends make the writer quote a cell holding a lone \r (see table_to_csv_bytes).
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([restore_cell(cell) for cell in row])
    buffer.seek(0)
    return pd.read_csv(buffer, **kwargs)


def table_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV bytes: header row, ``\\n`` line ends, booleans as true/false.

    Text cells a spreadsheet would take for a formula are neutralised
    (:func:`neutralise_cell`; read back raw with :func:`read_table`).
    """
    out = neutralise_frame(frame)
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in out.columns]
    # The csv module quotes a cell holding \n but not one holding a lone \r, which every
    # reader takes for a line end: such a table is written with its text cells quoted.
    texts = [c for c in out.columns if pd.api.types.is_object_dtype(out[c])]
    if any(out[c].map(lambda v: isinstance(v, str) and "\r" in v).any() for c in texts):
        return out.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC).encode(
            "utf-8"
        )
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


#: Formats the tables can be written in (``--format``): CSV, or Parquet with the optional
#: ``pyarrow`` (``pip install agencygraph[parquet]``).
TABLE_FORMATS: tuple[str, ...] = ("csv", "parquet")


def table_to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A table as Parquet bytes (pyarrow; the same table gives the same bytes).

    Column types are kept (integers, floats, booleans, text), so a large corpus's tables
    load faster and smaller than CSV. Needs the optional ``pyarrow``.

    Examples
    --------
    >>> import io
    >>> data = table_to_parquet_bytes(pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    >>> pd.read_parquet(io.BytesIO(data)).to_dict("list")
    {'doc_id': ['a'], 'n': [1]}
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:  # an optional extra
        raise ImportError(
            "writing Parquet needs pyarrow: pip install 'agencygraph[parquet]' (or pyarrow)"
        ) from err
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()


def table_bytes(frame: pd.DataFrame, format: str = "csv") -> tuple[str, bytes]:
    """File suffix and bytes of a table in one of :data:`TABLE_FORMATS`."""
    if format == "csv":
        return ".csv", table_to_csv_bytes(frame)
    if format == "parquet":
        return ".parquet", table_to_parquet_bytes(frame)
    raise ValueError(f"format must be one of {TABLE_FORMATS}, got {format!r}")


def output_path(folder: str | Path, name: str) -> Path:
    """``folder / name``, checked to lie inside ``folder``: every writer's path goes here.

    ``name`` is a relative name with ``/`` between folders (``figures/cixi_bipartite.png``).
    Absolute names, ``..``, empty parts, back slashes and NUL are refused, and so is a name
    whose path leaves ``folder`` through a symbolic link already there.

    Raises
    ------
    OutputError
        Naming the folder and the name.

    Examples
    --------
    >>> output_path("out", "figures/a.png").as_posix()
    'out/figures/a.png'
    >>> output_path("out", "../../escaped_x_bipartite.html")
    Traceback (most recent call last):
    ...
    agencygraph._errors.OutputError: out: refused to write '../../escaped_x_bipartite.html': \
it leads outside the output folder
    """
    folder = Path(folder)
    parts = name.split("/")
    if (
        not name
        or "\0" in name
        or "\\" in name
        or name.startswith("/")
        or Path(name).is_absolute()
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise OutputError(
            f"{folder}: refused to write {name!r}: it leads outside the output folder"
        )
    path = folder.joinpath(*parts)
    root = folder.resolve()
    if not path.resolve().is_relative_to(root):
        raise OutputError(
            f"{folder}: refused to write {name!r}: it leads outside the output folder"
        )
    return path


def _write_error(folder: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileExistsError | NotADirectoryError):
        reason = f"{exc.filename or folder} is a file, not a folder"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        reason += " (free some space or choose another folder)"
    return OutputError(f"cannot write into {folder}: {reason}; nothing there was changed")


def check_writable(folder: str | Path) -> None:
    """Raise :class:`OutputError` now if ``folder`` could not be made and written into.

    Nothing is created: the nearest existing folder on its path must be a folder, and
    writable. (A full disk shows only when writing; that is reported then.)

    Examples
    --------
    >>> import tempfile, pathlib
    >>> check_writable(pathlib.Path(tempfile.mkdtemp()) / "new" / "tables")
    """
    folder = Path(folder).absolute()
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(
            f"cannot write into {folder}: {existing} is a file, not a folder; "
            "nothing there was changed"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write into {folder}: {existing} is not writable; nothing there was changed"
        )


@contextmanager
def atomic_batch(folder: str | Path):
    """Collect files to write into ``folder``; they appear only if the block succeeds.

    Yields a function ``put(name, data: bytes)``. Files are staged in a temporary
    directory inside ``folder`` (same file system, so the final rename is atomic) and
    moved into place when the ``with`` block exits without an exception. Every name is
    checked by :func:`output_path`.

    Raises
    ------
    OutputError
        When ``folder`` cannot be written (unwritable, full disk): nothing is left behind.

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
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".agencygraph-", dir=folder))
    except OSError as exc:
        raise _write_error(folder, exc) from None
    staged: list[str] = []

    def put(name: str, data: bytes) -> None:
        output_path(folder, name)
        target = output_path(staging, name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise _write_error(folder, exc) from None
        staged.append(name)

    try:
        yield put
        for name in staged:
            destination = output_path(folder, name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------- whole-folder replacement

_LOCK_SUFFIX = ".agencygraph.lock"
_SWAP_SUFFIX = ".agencygraph-swap"
_OLD_SUFFIX = ".agencygraph-old"


def _beside(folder: Path, suffix: str) -> Path:
    return folder.parent / f".{folder.name}{suffix}"


@contextmanager
def output_lock(*folders: str | Path) -> Iterator[None]:
    """Hold the lock of each output folder: a second build into one of them waits.

    The lock is ``.<folder>.agencygraph.lock`` beside the folder (an OS file lock,
    released when the process ends, however it ends). A build that finds a folder locked
    says so on stderr and waits for the other to finish, then writes its own outputs.
    Leftovers of a build killed while replacing the folder are cleared once the lock is
    held.
    """
    paths = sorted({Path(f).absolute().resolve() for f in folders})
    handles = []
    try:
        for folder in paths:
            try:
                folder.parent.mkdir(parents=True, exist_ok=True)
                handle = open(_beside(folder, _LOCK_SUFFIX), "a+b")  # noqa: SIM115 - held open
            except OSError as exc:
                raise _write_error(folder, exc) from None
            handles.append(handle)
            if not _try_lock(handle, block=False):
                print(
                    f"agencygraph: another build is writing into {folder}; waiting for it",
                    file=sys.stderr,
                )
                _try_lock(handle, block=True)
            _recover(folder)
        yield
    finally:
        for handle in reversed(handles):
            handle.close()  # closing releases the lock


def _try_lock(handle, *, block: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt
        import time

        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not block:
                    return False
                time.sleep(0.5)
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _recover(folder: Path) -> None:
    """Put right what a build killed while replacing ``folder`` left (lock held)."""
    old = _beside(folder, _OLD_SUFFIX)
    if old.is_dir() and not folder.exists():
        # Killed between the two renames of the fallback swap: the old folder goes back.
        os.rename(old, folder)
    # A new folder never swapped in, or an old one not yet removed: neither is wanted.
    for leftover in (old, _beside(folder, _SWAP_SUFFIX)):
        if leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux ``renameat2(RENAME_EXCHANGE)``)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


def _swappable(folder: Path) -> bool:
    """Whether ``folder`` can be replaced whole: never the working folder or one above it."""
    here = Path.cwd().resolve()
    if folder == here or here.is_relative_to(folder) or folder.parent == folder:
        return False
    # A mount point (a container's volume) cannot be renamed: written file by file.
    return not (folder.exists() and os.path.ismount(folder))


def replace_folder(
    folder: str | Path,
    files: Mapping[str, bytes],
    *,
    drop: set[str] | frozenset[str] = frozenset(),
) -> list[Path]:
    """Make ``folder`` hold ``files`` in one step: its previous content or the new, never a mix.

    The new folder is built beside it (``.<folder>.agencygraph-swap``): the new files,
    and hard links to (or copies of) every file already there that is neither replaced
    nor listed in ``drop`` (a user's own files stay). It then takes the folder's place in
    one atomic step (``renameat2`` exchange on Linux; elsewhere two renames, which a
    build killed between them has put right by the next one, see :func:`output_lock`).
    A file written into the old folder meanwhile is moved over. A folder that is the
    working folder or holds it is written file by file instead (:func:`atomic_batch`).
    Call it with the folder's lock held (:func:`output_lock`).

    Raises
    ------
    OutputError
        When the folder or the place beside it cannot be written (unwritable, full disk):
        the folder is left as it was.
    """
    folder = Path(folder)
    real = folder.absolute().resolve()
    for name in files:
        output_path(folder, name)
    if not _swappable(real):
        with atomic_batch(folder) as put:
            for name, data in files.items():
                put(name, data)
        _remove_inside(folder, drop - set(files))
        return [folder / name for name in files]
    swap = _beside(real, _SWAP_SUFFIX)
    shutil.rmtree(swap, ignore_errors=True)
    carried: set[tuple[int, int]] = set()
    try:
        swap.mkdir(parents=True)
        if real.is_dir():
            os.chmod(swap, real.stat().st_mode & 0o7777)
        for name, data in files.items():
            target = output_path(swap, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if real.is_dir():
            carried = _carry(real, swap, set(files) | set(drop))
    except OSError as exc:
        shutil.rmtree(swap, ignore_errors=True)
        raise _write_error(folder, exc) from None
    except BaseException:
        shutil.rmtree(swap, ignore_errors=True)
        raise
    if not real.exists():
        os.rename(swap, real)
    elif _exchange(swap, real):
        _finish(swap, real, carried, set(files) | set(drop))
    else:
        old = _beside(real, _OLD_SUFFIX)
        shutil.rmtree(old, ignore_errors=True)
        try:
            os.rename(real, old)
        except OSError:  # the folder cannot be moved (busy, another file system)
            shutil.rmtree(swap, ignore_errors=True)
            with atomic_batch(folder) as put:
                for name, data in files.items():
                    put(name, data)
            _remove_inside(folder, drop - set(files))
            return [folder / name for name in files]
        os.rename(swap, real)
        _finish(old, real, carried, set(files) | set(drop))
    return [folder / name for name in files]


def _remove_inside(folder: Path, names: set[str]) -> None:
    """Remove the files ``names`` of ``folder``, never one a name leads outside it to."""
    for name in sorted(names):
        try:
            output_path(folder, name).unlink(missing_ok=True)
        except OutputError:
            continue


def _carry(old: Path, new: Path, skip: set[str]) -> set[tuple[int, int]]:
    """Link (or copy) the files of ``old`` not named in ``skip`` into ``new``."""
    carried = set()
    for path in sorted(old.rglob("*")):
        name = path.relative_to(old).as_posix()
        if name in skip or name.split("/")[0].startswith(".agencygraph-"):
            continue
        target = new / name
        if path.is_dir() and not path.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            continue
        if target.exists() or target.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            os.symlink(os.readlink(path), target)
            continue
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
        info = path.stat()
        carried.add((info.st_dev, info.st_ino))
    return carried


def _finish(old: Path, folder: Path, carried: set[tuple[int, int]], ours: set[str]) -> None:
    """Remove the old folder (now at ``old``), moving over what appeared in it meanwhile."""
    for path in sorted(old.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        name = path.relative_to(old).as_posix()
        info = path.stat()
        if name in ours or (info.st_dev, info.st_ino) in carried:
            continue
        if name.split("/")[0].startswith(".agencygraph-"):
            continue
        target = folder / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, target)
    shutil.rmtree(old, ignore_errors=True)


def write_tables(
    tables: Mapping[str, pd.DataFrame], folder: str | Path, *, format: str = "csv"
) -> list[Path]:
    """Write DataFrames as ``<name>.csv`` (or ``.parquet``) into ``folder``, all or nothing.

    The folder is replaced in one step (:func:`replace_folder`, under :func:`output_lock`):
    a run killed while writing leaves the previous tables; other files in it are kept.

    Parameters
    ----------
    tables
        Table name (file stem) → DataFrame.
    folder
        Destination folder, created if missing.
    format : {"csv", "parquet"}
        Parquet needs the optional ``pyarrow``.

    Returns
    -------
    list of Path
        The files written, in the order given.
    """
    files = {}
    for name, frame in tables.items():
        suffix, data = table_bytes(frame, format)
        files[f"{name}{suffix}"] = data
    # As a build does: the folder is swapped in whole, under its lock (other files kept).
    with output_lock(folder):
        return replace_folder(folder, files)


def write_files(files: Mapping[str, Callable[[], bytes] | bytes], folder: str | Path) -> list[Path]:
    """Write named byte strings (or callables producing them) into ``folder``, all or nothing."""
    with atomic_batch(folder) as put:
        for name, data in files.items():
            put(name, data() if callable(data) else data)
    return [Path(folder) / name for name in files]


# --------------------------------------------------------------------------- graph files


def _plain(value: object) -> object:
    """One attribute value as a type GEXF, GraphML and JSON all accept."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, set | frozenset):
        return ";".join(sorted(str(_plain(v)) for v in value))
    if isinstance(value, list | tuple | np.ndarray | pd.Series | pd.Index):
        return ";".join(str(_plain(v)) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    return "int" if isinstance(value, int) else "float" if isinstance(value, float) else "str"


def _sanitize_records(records: list[dict]) -> list[dict]:
    """Give every attribute one type across records, so that readers can parse it back."""
    records = [{str(k): _plain(v) for k, v in r.items()} for r in records]
    kinds: dict[str, set[str]] = {}
    gaps: set[str] = set()
    for r in records:
        for k, v in r.items():
            if _missing(v):
                gaps.add(k)
            else:
                kinds.setdefault(k, set()).add(_kind(v))
    out = []
    for r in records:
        clean = {}
        for k in sorted(r):
            v, kind = r[k], kinds.get(k, {"str"})
            if kind <= {"int", "float"}:
                # Numbers stay numbers (Gephi ranks and filters them); a gap is NaN.
                if _missing(v):
                    clean[k] = float("nan")
                else:
                    clean[k] = float(v) if "float" in kind or k in gaps else v
            elif kind == {"bool"} and k not in gaps:
                clean[k] = v
            elif _missing(v):
                clean[k] = ""
            else:
                clean[k] = str(v).lower() if isinstance(v, bool) else str(v)
        out.append(clean)
    return out


def sanitize_graph(G: nx.Graph) -> nx.Graph:
    """Copy of ``G`` that Gephi and networkx' GEXF/GraphML readers take without complaint.

    - missing values (``None``, ``NaN``, ``pd.NA``) become ``""`` in text
      attributes and ``NaN`` in numeric ones;
    - lists and tuples become ``;``-joined strings (sets sorted first), mappings
      JSON strings, other objects ``str``;
    - numpy scalars become Python ``int``/``float``/``bool``; booleans stay
      booleans;
    - an attribute whose values mix types becomes a float attribute (int and
      float only) or a text attribute (anything else), so each attribute has
      one declared type;
    - nodes are added in sorted order, edges sorted by their end nodes' ranks,
      attribute keys sorted, so that writing is deterministic.

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph or MultiDiGraph

    Returns
    -------
    networkx graph of the same class

    Examples
    --------
    >>> import networkx as nx, numpy as np
    >>> G = nx.Graph()
    >>> G.add_node("a", place=None, docs=["cixi", "haimen"], n=np.int64(3), ok=np.bool_(True))
    >>> sanitize_graph(G).nodes["a"]
    {'docs': 'cixi;haimen', 'n': 3, 'ok': True, 'place': ''}
    """
    order = sorted(G.nodes, key=lambda n: (type(n).__name__, str(n)))
    rank = {n: i for i, n in enumerate(order)}
    H = G.__class__()
    graph_attrs = _sanitize_records([dict(G.graph)])[0]
    H.graph.update(graph_attrs)
    node_attrs = _sanitize_records([dict(G.nodes[n]) for n in order])
    H.add_nodes_from(zip(order, node_attrs, strict=True))
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
    else:
        edges = [(u, v, None, d) for u, v, d in G.edges(data=True)]
    if not G.is_directed():
        edges = [(u, v, k, d) if rank[u] <= rank[v] else (v, u, k, d) for u, v, k, d in edges]
    edges.sort(key=lambda e: (rank[e[0]], rank[e[1]], str(e[2])))
    edge_attrs = _sanitize_records([dict(d) for *_, d in edges])
    for (u, v, k, _), d in zip(edges, edge_attrs, strict=True):
        if G.is_multigraph():
            H.add_edge(u, v, key=k, **d)
        else:
            H.add_edge(u, v, **d)
    return H


def gexf_bytes(G: nx.Graph, *, visuals: Mapping | None = None) -> bytes:
    """GEXF 1.2 of :func:`sanitize_graph` of ``G``, without the date networkx writes.

    Parameters
    ----------
    G : networkx graph
    visuals : mapping, optional
        Node → ``{"label": str, "viz": {"color": {r, g, b, a}, "size": float,
        "position": {x, y, z}}}``, e.g.
        :meth:`agencygraph.viz.html.NetworkView.gexf_visuals`: written as the
        node's label and its ``viz:color``, ``viz:size`` and ``viz:position``,
        so that Gephi opens the graph coloured and laid out as on the page.
        Without it, nodes are labelled by key and carry no ``viz`` data.

    Examples
    --------
    >>> import networkx as nx
    >>> viz = {"a": {"label": "A", "viz": {"size": 3.0}}, "b": {"label": "B", "viz": {"size": 1.0}}}
    >>> b"<viz:size" in gexf_bytes(nx.Graph([("a", "b")]), visuals=viz)
    True
    """
    import networkx as nx

    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        # networkx stamps today's date, which would make every run differ.
        meta.attrib.pop("lastmodifieddate", None)
    H = sanitize_graph(G)
    for n, extra in (visuals or {}).items():
        if n in H:
            if "label" in extra:
                H.nodes[n]["label"] = str(extra["label"])
            if "viz" in extra:
                H.nodes[n]["viz"] = dict(extra["viz"])
    writer.add_graph(H)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def graphml_bytes(G: nx.Graph) -> bytes:
    """GraphML of :func:`sanitize_graph` of ``G``."""
    import networkx as nx

    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(sanitize_graph(G))
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue()


def _json_value(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def node_link_json_bytes(G: nx.Graph) -> bytes:
    """node-link JSON (networkx ``node_link_data``, key ``edges``) of :func:`sanitize_graph`.

    Keys sorted, ``ensure_ascii=False`` (Chinese stays readable), indent 2,
    NaN written as ``null``, a final newline.
    """
    import networkx as nx

    data = nx.node_link_data(sanitize_graph(G), edges="edges")
    text = json.dumps(_json_value(data), sort_keys=True, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _write_one(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    with atomic_batch(path.parent) as put:
        put(path.name, data)
    return path


def write_gexf(G: nx.Graph, path: str | Path, *, visuals: Mapping | None = None) -> Path:
    """Write ``G`` as GEXF (for Gephi), sanitised and deterministic, atomically.

    ``visuals`` as in :func:`gexf_bytes`; :func:`agencygraph.viz.write_gexf`
    computes them (colours, sizes, positions of the interactive page).

    Examples
    --------
    >>> import networkx as nx, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.gexf"
    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"]["name_zh"] = "市总工会"
    >>> nx.read_gexf(write_gexf(G, path)).nodes["a"]["name_zh"]
    '市总工会'
    """
    return _write_one(path, gexf_bytes(G, visuals=visuals))


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GraphML, sanitised and deterministic, atomically.

    Examples
    --------
    >>> import networkx as nx, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", role="lead", inherited=False)
    >>> nx.read_graphml(write_graphml(G, path)).edges["a", "b"]["inherited"]
    False
    """
    return _write_one(path, graphml_bytes(G))


def write_node_link_json(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as node-link JSON, sanitised and deterministic, atomically.

    Read it back with ``nx.node_link_graph(json.load(f), edges="edges")``.

    Examples
    --------
    >>> import json, networkx as nx, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> data = json.loads(write_node_link_json(nx.path_graph(2), path).read_text("utf-8"))
    >>> sorted(data)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    return _write_one(path, node_link_json_bytes(G))
