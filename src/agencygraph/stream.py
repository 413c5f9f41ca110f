"""A build that streams the corpus in chunks, so memory stays bounded as the corpus grows.

``agencygraph build --tables-only --chunk-size N`` runs :func:`build_streamed`: plans are
parsed ``N`` at a time and each chunk's coded tables are appended to the output files
(CSV rows, or a Parquet row group) before the next chunk is read, so the parser's per-row
objects never exist for the whole corpus at once. What the metric tables need is kept in
a slim form (the assignments' key columns, the documents and agencies tables); the
per-document metric tables are then computed chunk by chunk over the documents in
``doc_id`` order and appended in turn; the one pooled table (``type_centrality``, from
sparse matrices, no graph of every measure) and the place × place tables are computed from
the slim whole.

Every table equals the in-memory build's (:func:`agencygraph.pipeline.build`) byte for
byte in CSV: the null model gets the whole corpus's samples per document, and the themes
the whole corpus's idf (:class:`agencygraph.themes.GramFrequencies`, counted over every
chunk before any theme is assigned; the measures wait on disk meanwhile). One exception:
in ``cross_region``, the task-level null of the plans whose tasks differ from their rows
is planned over those plans of the chunk, not of the corpus, so their ``_z`` and ``_p``
columns are other draws of the same null (the observed indices are equal), and so are
their ``*_p_adjusted``. The p-values of ``cross_region`` and ``type_cross_region`` are
adjusted over the whole table, as in the in-memory build: those two tables (one row per
document, or per document and type) wait for every chunk before they are written.
Files appear only when the whole build succeeded: they are staged in a hidden folder beside
the output folder, which takes its place in one step under its lock at the end, as in the
in-memory build (:class:`TableWriter`); a build that fails or is killed leaves the previous
folder as it was.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.coding import CodedCorpus, _code_or_reject, _rejected_row, parse_corpus
from agencygraph.export import table_to_csv_bytes
from agencygraph.themes import GramFrequencies

#: Coded tables written chunk by chunk, in input order (the others are sorted by id and
#: written whole at the end).
_APPENDED = ("documents", "assignments", "mentions", "officials", "warnings")
#: Assignment columns the metric tables read.
_SLIM = ["doc_id", "measure_id", "role", "agency_id", "agency_type", "inherited", "line"]
#: Measure columns they read (each measure's task, for the task-level comparison).
_SLIM_MEASURES = ["doc_id", "measure_id", "section_no", "task_no", "line"]


@dataclass
class _Slim:
    """What the metric tables read of a coded corpus (a stand-in for :class:`CodedCorpus`)."""

    documents: pd.DataFrame
    assignments: pd.DataFrame
    agencies: pd.DataFrame = field(default_factory=pd.DataFrame)
    measures: pd.DataFrame | None = None


#: Name of a streamed build's staging folder, beside the output folder:
#: ``.<folder>.agencygraph-stream-<random>``.
_STREAM_SUFFIX = ".agencygraph-stream-"
#: A file in the staging folder, locked while its build runs: a staging folder whose lock
#: can be taken is a killed build's leftover (cleared by the next streamed build). Its name
#: starts with ``.agencygraph-``, which the folder swap never carries over.
_MARKER = ".agencygraph-stream.lock"


class TableWriter:
    """Tables appended chunk by chunk into a staging folder, swapped in whole at the end.

    CSV: the first chunk writes the header, later chunks their rows only (the bytes of
    :func:`agencygraph.export.table_to_csv_bytes` without its header line), so the file
    equals the whole table's. Parquet: one row group per chunk, with the column types of
    the first chunk (a column empty there is typed as text).

    The staging folder is a hidden sibling of ``folder``; :meth:`commit` makes it the
    folder in one step under the folder's lock, as the in-memory build's
    :func:`agencygraph.export.replace_folder` does (files of the old folder that the build
    does not write, a user's own, are carried over). A build that fails or is killed
    before leaves the previous folder as it was. Where the folder cannot be swapped (the
    working folder, a mount point) the files are staged inside it and moved in one by one.
    """

    def __init__(self, folder: str | Path, format: str = "csv") -> None:
        from agencygraph.export import _swappable, _write_error

        if format not in ("csv", "parquet"):
            raise ValueError(f"format must be csv or parquet, got {format!r}")
        self.folder = Path(folder)
        self.format = format
        self._open: dict[str, object] = {}
        self._schemas: dict[str, object] = {}
        self._marker = None
        real = self.folder.absolute().resolve()
        self._swap = _swappable(real)
        try:
            if self._swap:
                real.parent.mkdir(parents=True, exist_ok=True)
                _clear_leftovers(real)
                self.staging = _new_staging(real)
                self._marker = _hold_marker(self.staging)
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.staging = Path(tempfile.mkdtemp(prefix=".agencygraph-", dir=self.folder))
        except OSError as exc:
            raise _write_error(self.folder, exc) from None

    def name(self, table: str) -> str:
        return f"{table}.{self.format}"

    def append(self, table: str, frame: pd.DataFrame) -> None:
        """Add ``frame``'s rows to ``table`` (the first call also writes its header)."""
        path = self.staging / self.name(table)
        if self.format == "csv":
            data = table_to_csv_bytes(frame)
            if table in self._open:
                data = data.split(b"\n", 1)[1]
            else:
                self._open[table] = path
            with open(path, "ab") as out:
                out.write(data)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        frame = frame.reset_index(drop=True)
        if table not in self._open:
            schema = pa.Schema.from_pandas(frame, preserve_index=False)
            for i, f in enumerate(schema):
                if pa.types.is_null(f.type):
                    schema = schema.set(i, pa.field(f.name, pa.large_string()))
            self._schemas[table] = schema
            self._open[table] = pq.ParquetWriter(path, schema, compression="zstd")
        arrow = pa.Table.from_pandas(frame, schema=self._schemas[table], preserve_index=False)
        self._open[table].write_table(arrow)

    def commit(self) -> list[Path]:
        """Close every file and put them in place at once; the files, in the order begun."""
        from agencygraph.export import _write_error, output_lock

        names = []
        for table, handle in self._open.items():
            if self.format == "parquet":
                handle.close()
            names.append(self.name(table))
        self._open.clear()
        with output_lock(self.folder):
            try:
                if self._swap:
                    _swap_in(self.staging, self.folder.absolute().resolve(), names)
                else:
                    for name in names:
                        os.replace(self.staging / name, self.folder / name)
            except OSError as exc:
                raise _write_error(self.folder, exc) from None
        return [self.folder / name for name in names]

    def discard(self) -> None:
        """Close what is open and remove the staging folder (after a failure, or a commit)."""
        for handle in self._open.values():
            if self.format == "parquet":
                with contextlib.suppress(Exception):
                    handle.close()
        self._open.clear()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._marker is not None:
            self._marker.close()  # releases its lock
            self._marker = None


def _new_staging(real: Path) -> Path:
    """A new, empty staging folder beside ``real`` (made with the umask's permissions, as
    the folder it becomes would be)."""
    import secrets

    while True:
        staging = real.parent / f".{real.name}{_STREAM_SUFFIX}{secrets.token_hex(4)}"
        try:
            staging.mkdir()
            return staging
        except FileExistsError:
            continue


def _hold_marker(staging: Path):
    from agencygraph.export import _try_lock

    handle = open(staging / _MARKER, "a+b")  # noqa: SIM115 - held open while the build runs
    _try_lock(handle, block=False)
    return handle


def _clear_leftovers(real: Path) -> None:
    """Remove the staging folders of streamed builds into ``real`` that were killed.

    A running build holds its marker's lock (its worker processes too), so only a staging
    folder whose marker can be locked is removed; one without a marker is left alone.
    """
    from agencygraph.export import _try_lock

    for staging in sorted(real.parent.glob(f".{glob.escape(real.name)}{_STREAM_SUFFIX}*")):
        marker = staging / _MARKER
        try:
            handle = open(marker, "r+b")  # noqa: SIM115 - closed below
        except OSError:
            continue
        try:
            if _try_lock(handle, block=False):
                shutil.rmtree(staging, ignore_errors=True)
        finally:
            handle.close()


def _swap_in(staging: Path, real: Path, names: list[str]) -> None:
    """Make the complete ``staging`` folder the folder ``real``, in one step (lock held).

    As :func:`agencygraph.export.replace_folder` with the files already staged: the old
    folder's other files are carried over, then the two folders are exchanged (or, where
    that is missing, renamed in two steps that the next lock holder puts right if killed
    between them) and files written into the old one meanwhile are moved over.
    """
    from agencygraph.export import _OLD_SUFFIX, _beside, _carry, _exchange, _finish

    ours = set(names)
    carried: set[tuple[int, int]] = set()
    if real.is_dir():
        os.chmod(staging, real.stat().st_mode & 0o7777)
        carried = _carry(real, staging, ours)
    if not real.exists():
        os.rename(staging, real)
    elif _exchange(staging, real):
        _finish(staging, real, carried, ours)
    else:
        old = _beside(real, _OLD_SUFFIX)
        shutil.rmtree(old, ignore_errors=True)
        try:
            os.rename(real, old)
        except OSError:  # the folder cannot be moved (busy): file by file
            for name in names:
                os.replace(staging / name, real / name)
            return
        os.rename(staging, real)
        _finish(old, real, carried, ours)
    (real / _MARKER).unlink(missing_ok=True)


def chunks(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of ``items`` of ``size`` each (the last one shorter)."""
    size = max(1, int(size))
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def build_streamed(
    paths: Iterable[str | Path] | None = None,
    *,
    tables_dir: str | Path = settings.TABLES_DIR,
    chunk_size: int = settings.STREAM_CHUNK_PLANS,
    format: str = "csv",
    null_samples: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    lexicon=None,
    strict: bool | None = None,
    ocr: bool = False,
    progress: bool = False,
    metric_chunk: int | None = None,
) -> list[Path]:
    """Code plan files and write the coded and metric tables, ``chunk_size`` plans at a time.

    The tables of ``agencygraph build --tables-only`` (see :mod:`agencygraph.stream` for
    what is and is not identical to the in-memory build). Corrections are not taken: they
    apply to the whole corpus (build without chunks for them).

    Parameters
    ----------
    paths
        Plan files and folders (default: the bundled corpus).
    tables_dir
        Output folder.
    chunk_size
        Plans parsed and written at a time (default
        :data:`agencygraph.settings.STREAM_CHUNK_PLANS`).
    format : {"csv", "parquet"}
    null_samples, seed, jobs, lexicon, strict, ocr
        As for :func:`agencygraph.parse_corpus` and :func:`agencygraph.pipeline.build`.
    progress
        One line per chunk on stderr.
    metric_chunk
        Documents per chunk of the metric tables (default ``chunk_size``; never fewer
        than ``NULL_FULL_DOCS + 1``, so every chunk takes the null model's large-corpus
        path as the whole corpus does).

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile, agencygraph as ag
    >>> out = tempfile.mkdtemp()
    >>> files = build_streamed(chunk_size=2, tables_dir=out, null_samples=20)
    >>> sorted(p.name for p in files)[:3]
    ['agencies.csv', 'agency_centrality.csv', 'agency_overlap.csv']
    """
    from agencygraph.corpus import bundled_corpus, document_metadata, manifest_warnings, plan_files

    start, cpu_start = time.perf_counter(), time.process_time()
    paths = bundled_corpus() if paths is None else plan_files(paths)
    if not paths:
        raise InputError("<no files>", "no plan file given")
    if strict is None:
        strict = len(paths) == 1
    _check_unique_ids(paths, document_metadata)

    def say(text: str) -> None:
        if progress:
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            print(f"{text} ({wall:.0f} s, {cpu:.0f} s CPU)", file=sys.stderr, flush=True)

    writer = TableWriter(tables_dir, format)
    try:
        writer.append("warnings", _warnings_frame(manifest_warnings(paths)))
        kept_docs, kept_assignments, kept_agencies, unknown, rejected = [], [], [], [], []
        kept_measures: list[pd.DataFrame] = []
        coded_any = False
        # Themes need the idf of every measure: chunks' measures wait on disk while the
        # n-gram frequencies are counted, then get their themes.
        frequencies = GramFrequencies.of_labels()
        spilled: list[Path] = []
        for i, part in enumerate(chunks(paths, chunk_size)):
            coded = _parse_chunk(
                part, lexicon=lexicon, jobs=jobs, strict=strict, ocr=ocr, themes=False
            )
            if coded is None:  # every file of the chunk rejected
                rejected.append(_rejected_of(part, ocr))
                continue
            coded_any = True
            coded.warnings = coded.warnings[coded.warnings["kind"] != "manifest"]
            for name in _APPENDED:
                writer.append(name, getattr(coded, name))
            frequencies.add_measures(coded.measures)
            spilled.append(writer.staging / f".measures-{i:06d}.pickle")
            coded.measures.to_pickle(spilled[-1])
            rejected.append(coded.rejected)
            unknown.append(coded.unknown_agencies)
            kept_agencies.append(coded.agencies)
            kept_docs.append(coded.documents)
            kept_assignments.append(coded.assignments[_SLIM])
            kept_measures.append(coded.measures[_SLIM_MEASURES])
            say(f"parsed {min((i + 1) * chunk_size, len(paths))} of {len(paths)} plans")
            del coded
        if not coded_any:
            first = pd.concat(rejected, ignore_index=True).iloc[0]
            raise InputError(
                first["file"],
                f"{first['reason']} (and {len(paths) - 1} other file(s) rejected: no plan coded)",
            )
        themed = _in_order(
            _themes_of_spilled, spilled, jobs, initializer=_use_frequencies, initargs=(frequencies,)
        )
        for path, measures in zip(spilled, themed, strict=True):
            writer.append("measures", measures)
            path.unlink()
        del frequencies
        say("themes assigned")
        agencies = _sorted_concat(kept_agencies, ["agency_id"])
        writer.append("agencies", agencies)
        writer.append("unknown_agencies", _sorted_concat(unknown, ["doc_id", "line", "agency_raw"]))
        writer.append("rejected", _rejected_concat(rejected))
        slim = _Slim(
            documents=pd.concat(kept_docs, ignore_index=True),
            assignments=pd.concat(kept_assignments, ignore_index=True),
            agencies=agencies,
            measures=pd.concat(kept_measures, ignore_index=True),
        )
        del kept_docs, kept_assignments, kept_agencies, kept_measures
        for name, frame in streamed_metric_tables(
            slim,
            n=null_samples,
            seed=seed,
            chunk=metric_chunk or chunk_size,
            say=say,
            jobs=jobs,
        ):
            writer.append(name, frame)
        return writer.commit()
    finally:
        writer.discard()


_FREQUENCIES: list[GramFrequencies] = []


def _use_frequencies(frequencies: GramFrequencies) -> None:
    """Give a worker process the corpus's n-gram frequencies (sent once, not per chunk)."""
    _FREQUENCIES[:] = [frequencies]


def _themes_of_spilled(path: Path) -> pd.DataFrame:
    return _with_themes(pd.read_pickle(path), _FREQUENCIES[0])


def _with_themes(measures: pd.DataFrame, frequencies: GramFrequencies) -> pd.DataFrame:
    """A chunk's measures with the themes the whole corpus would give them."""
    from agencygraph.coding import MEASURE_COLUMNS
    from agencygraph.themes import assign_themes

    if measures.empty:
        return measures
    base = measures.drop(columns=["theme", "themes"])
    coded = assign_themes(base, idf=frequencies)[["measure_id", "theme", "themes"]]
    out = base.merge(coded, on="measure_id", how="left", validate="one_to_one")
    return out.fillna({"theme": "", "themes": ""})[MEASURE_COLUMNS]


def _check_unique_ids(paths: list[Path], metadata) -> None:
    """A ``doc_id`` used twice would be rejected by the whole corpus's rule (first file
    wins), which chunks cannot see; it stops a streamed build instead."""
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            doc = metadata(path)["doc_id"]
        except InputError:
            continue
        if doc in seen:
            raise InputError(
                path,
                f"doc_id {doc!r} is already used by {seen[doc]}; a build in chunks needs "
                "distinct ids (build without --chunk-size to have the later file rejected)",
            )
        seen[doc] = path


def _parse_chunk(part, **options) -> CodedCorpus | None:
    """The chunk's coded corpus; None when no file of it could be coded (not strict)."""
    try:
        return parse_corpus(part, **options)
    except InputError as error:
        if options["strict"] or "no plan coded" not in error.reason:
            raise
        return None


def _rejected_of(part: list[Path], ocr: bool) -> pd.DataFrame:
    from agencygraph.coding import _rejected_table

    rows = [_code_or_reject(p, ocr=ocr) for p in part]
    return _rejected_table([_rejected_row(p, r) for p, r in zip(part, rows, strict=True)])


def _warnings_frame(rows: list[dict]) -> pd.DataFrame:
    from agencygraph.coding import _warnings_table

    return _warnings_table(rows)


def _sorted_concat(parts: list[pd.DataFrame], by: list[str]) -> pd.DataFrame:
    """Chunks' tables as one, in the whole table's order (``by``, stable)."""
    nonempty = [p for p in parts if len(p)]
    if not nonempty:
        return parts[0]
    out = pd.concat(nonempty, ignore_index=True)
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def _rejected_concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    from agencygraph.coding import _rejected_table

    rows = [r for p in parts for r in p.to_dict("records")]
    for r in rows:
        r["line"] = None if pd.isna(r["line"]) else r["line"]
    return _rejected_table(rows)


@contextlib.contextmanager
def _louvain_share(n_total: int, n_chunk: int):
    """The null's Louvain draws per document as for the whole corpus, inside one chunk.

    The null gives each document ``NULL_LOUVAIN_BUDGET // n_docs`` Louvain draws; a chunk
    of ``n_chunk`` documents gets the whole corpus's share with a budget of that share ×
    ``n_chunk`` (integer division undone exactly).
    """
    before = settings.NULL_LOUVAIN_BUDGET
    settings.NULL_LOUVAIN_BUDGET = (before // max(1, n_total)) * n_chunk
    try:
        yield
    finally:
        settings.NULL_LOUVAIN_BUDGET = before


def streamed_metric_tables(
    coded,
    *,
    n: int | None = None,
    seed: int | None = None,
    chunk: int = 2000,
    say=None,
    jobs: int = 1,
) -> Iterator[tuple[str, pd.DataFrame]]:
    """The tables of :func:`agencygraph.compare.metric_tables`, per-document ones in chunks.

    Yields ``(name, frame)`` pairs, a table's chunks in ``doc_id`` order, so that the
    chunks of a table concatenated equal the whole table. The null model's samples per
    document (``budget // n_docs``) and Louvain draws are those of the whole corpus.
    ``jobs`` worker processes (0: one per core) compute chunks side by side, a few at a
    time, so memory stays bounded; the tables do not depend on it.
    """
    from agencygraph.compare import metric_tables
    from agencygraph.graph import ROLES, select_assignments

    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    assignments = coded.assignments
    sel, _ = select_assignments(
        assignments, docs=None, roles=ROLES, inherited=True, node="agency_id"
    )
    docs = sorted(set(sel["doc_id"]))
    del sel
    size = max(int(chunk), settings.NULL_FULL_DOCS + 1)
    if len(docs) <= size:
        yield from metric_tables(coded, n=n, seed=seed).items()
        return
    budget = settings.NULL_BUDGET if settings.NULL_BUDGET is not None else None
    budget = settings.NULL_FULL_DOCS * n if budget is None else int(budget)
    share = budget // len(docs)
    codes, labels = pd.factorize(assignments["doc_id"], sort=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(labels) + 1))
    position = {d: i for i, d in enumerate(labels)}
    parts = np.array_split(np.asarray(docs, dtype=object), _metric_parts(len(docs), size))

    def task(k: int) -> tuple:
        # Every document of the chunk, with the rows of the others whose doc_id sorts
        # between (documents without selectable assignments): their rows stay in place.
        part = parts[k]
        lo = 0 if k == 0 else position[part[0]]
        hi = len(labels) if k == len(parts) - 1 else position[part[-1]] + 1
        rows = np.sort(order[bounds[lo] : bounds[hi]])
        chunk_docs = set(labels[lo:hi])
        sub = _Slim(
            documents=coded.documents[coded.documents["doc_id"].isin(chunk_docs)],
            assignments=assignments.iloc[rows].reset_index(drop=True),
            agencies=coded.agencies[coded.agencies["doc_id"].isin(chunk_docs)]
            if "doc_id" in coded.agencies
            else coded.agencies,
            measures=coded.measures[coded.measures["doc_id"].isin(chunk_docs)],
        )
        return sub, n, seed, share * len(part), len(docs), len(part)

    done = 0
    # Tables whose p-values are adjusted as one family wait for every chunk (one row per
    # document, or per document and type: small beside the corpus).
    held: dict[str, list[pd.DataFrame]] = {name: [] for name in _FAMILY_TABLES}
    for k, tables in enumerate(_in_order(_chunk_tables, map(task, range(len(parts))), jobs)):
        for name, frame in tables.items():
            if name in held:
                held[name].append(frame)
            else:
                yield name, frame
        done += len(parts[k])
        if say:
            say(f"metric tables: {done} of {len(docs)} plans")
    for name, frames in held.items():
        yield name, _adjusted_as_one_family(name, frames)
    yield from _pooled_tables(coded, len(docs), seed)


#: Tables whose ``*_p_adjusted`` columns adjust the whole table's p-values together.
_FAMILY_TABLES = ("cross_region", "type_cross_region")


def _adjusted_as_one_family(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The chunks of ``name`` (in ``doc_id`` order) as one table, its p-values adjusted
    over the whole table, as the in-memory build adjusts them."""
    from agencygraph.compare import _index_family_adjusted, _type_family_adjusted
    from agencygraph.multitest import check_mtc

    whole = pd.concat(frames, ignore_index=True)
    mtc = frames[0].attrs.get("mtc") or check_mtc(settings.COMPARE_MTC)
    family = _index_family_adjusted if name == "cross_region" else _type_family_adjusted
    for column, adjusted in family(whole, mtc).items():
        whole[column] = adjusted
    return whole


def _metric_parts(n_docs: int, size: int) -> int:
    """How many chunks the metric tables of ``n_docs`` documents are computed in.

    Chunks of at most ``size`` documents, their number rounded up to a multiple of
    ``STREAM_METRIC_PARTS`` while each chunk keeps more than ``NULL_FULL_DOCS``
    documents (the null's large-corpus path, which the whole build takes).

    >>> _metric_parts(7985, 2000), _metric_parts(9000, 2000), _metric_parts(150, 60)
    (4, 8, 2)
    """
    parts = max(1, -(-n_docs // size))
    if n_docs // parts <= settings.NULL_FULL_DOCS:  # then chunks of at least ``size``
        parts = max(1, n_docs // size)
    multiple = max(1, settings.STREAM_METRIC_PARTS)
    balanced = -(-parts // multiple) * multiple
    return balanced if n_docs // balanced > settings.NULL_FULL_DOCS else parts


def _chunk_tables(args: tuple) -> dict[str, pd.DataFrame]:
    """The per-document metric tables of one chunk (run in a worker process)."""
    from agencygraph.compare import _PAIR_COLUMNS, metric_tables

    sub, n, seed, budget, n_total, n_part = args
    with _louvain_share(n_total, n_part):
        tables = metric_tables(sub, n=n, seed=seed, budget=budget, pair_tables=False, pooled=False)
    return {name: frame for name, frame in tables.items() if name not in _PAIR_COLUMNS}


def _in_order(func, tasks: Iterator, jobs: int, initializer=None, initargs=()) -> Iterator:
    """``map(func, tasks)`` on ``jobs`` processes (0: one per core), in order, with at most
    one task per worker waiting beside the running ones (bounded memory)."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    workers = (os.cpu_count() or 1) if jobs == 0 else max(1, int(jobs))
    if workers == 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, tasks)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=initializer, initargs=initargs
    ) as pool:
        pending: deque = deque()
        for task in tasks:
            pending.append(pool.submit(func, task))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _pooled_tables(coded, n_docs: int, seed: int):
    """``type_centrality`` of the whole corpus, and the place × place tables (empty past
    ``PAIR_TABLES_MAX_DOCS``, as the whole build writes them)."""
    from agencygraph import units
    from agencygraph._type_centrality import type_centrality
    from agencygraph.compare import _skipped_pairs, metric_tables

    # As metric_tables prepares them (the defaults: row unit, collectives and inherited kept).
    assignments, _ = units.prepare(
        coded.assignments,
        coded.measures,
        unit="row",
        inherited=True,
        collectives="keep",
        statistic="metric_tables",
    )
    # From sparse matrices: a networkx graph of every measure of the corpus would be most
    # of the build's memory (the table is the same, bit for bit).
    table = type_centrality(assignments, coded.agencies, inherited=True, seed=seed)
    del assignments
    yield "type_centrality", table
    del table
    if n_docs <= settings.PAIR_TABLES_MAX_DOCS:
        whole = metric_tables(coded, n=1, seed=seed, pair_tables=True, pooled=False)
        pairs = {
            name: whole[name] for name in ("place_overlap", "lead_switches", "place_similarity")
        }
    else:
        pairs = {
            name: _skipped_pairs(name, n_docs)
            for name in ("place_overlap", "lead_switches", "place_similarity")
        }
    yield from pairs.items()
