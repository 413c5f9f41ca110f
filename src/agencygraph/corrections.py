"""Corrections to the automatic coding: a file a researcher writes, applied after every run.

A corrections file is a CSV (UTF-8, a BOM is allowed; GB18030 is read too) with one row
per correction, written by the review page (``agencygraph review``) or by hand:

=============  ==========================================================================
column         meaning
=============  ==========================================================================
``doc_id``     the document (as in ``documents.csv``)
``measure_id`` the measure (as in ``measures.csv``)
``text_start`` the first characters of the measure's ``text`` (any number, whitespace is
               ignored). It is checked on every run: if the measure no longer starts so
               (the text or the parser changed), the correction is not applied but
               reported, never applied to whatever measure now has that id.
``action``     ``remove`` (the unit is not responsible for the measure), ``set_role``
               (the unit's role is ``role``), ``add`` (the unit is missing; it gets
               ``role``) or ``not_measure`` (the row is not a measure: it is dropped with
               its assignments and mentions)
``agency_raw`` the unit as written in ``assignments.csv`` (not for ``not_measure``)
``role``       ``lead``, ``support`` or ``responsible``: required by ``set_role`` and
               ``add``; for ``remove``, optional (only that role's row is removed)
``line``       optional: the source line of an added unit (default: the measure's line)
``note``       optional free text, carried into the corrected rows
=============  ==========================================================================

Only ``doc_id, measure_id, text_start, action`` must be present as columns. Corrections
are applied in file order, after the automatic coding and before agencies are resolved, so
every table (agencies, unknown names, metrics, figures) follows from the corrected coding.

Each row of ``measures`` and ``assignments`` carries ``coded_by`` (``parser``, or
``corrected`` where a correction changed it) and ``note`` (the correction's note). A
removed unit's row is gone; its measure's row is marked ``corrected`` and carries the
note. :attr:`CorrectionResult.log` lists every correction with ``status`` (``applied`` or
``stale``) and, for a stale one, the ``reason``.

Examples
--------
>>> import pandas as pd
>>> from agencygraph.corrections import apply_corrections
>>> measures = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-m1"], "text": ["加强培训。"],
...                          "line": [3]})
>>> assignments = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-m1"], "role": ["lead"],
...     "agency_raw": ["市人社局"], "inherited": [False], "line": [3]})
>>> fixes = pd.DataFrame({"doc_id": ["d"], "measure_id": ["d-m1"], "text_start": ["加强"],
...     "action": ["add"], "agency_raw": ["市总工会"], "role": ["support"], "note": ["missed"]})
>>> out = apply_corrections(fixes, measures, assignments)
>>> out.assignments[["role", "agency_raw", "coded_by", "note"]].values.tolist()
[['lead', '市人社局', 'parser', ''], ['support', '市总工会', 'corrected', 'missed']]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from agencygraph._errors import InputError

__all__ = [
    "ACTIONS",
    "CORRECTION_COLUMNS",
    "LOG_COLUMNS",
    "ROLES",
    "CorrectionResult",
    "CorrectionWarning",
    "apply_corrections",
    "correct_coding",
    "read_corrections",
]

#: The columns of a corrections file, in the order the review page writes them.
CORRECTION_COLUMNS = [
    "doc_id",
    "measure_id",
    "text_start",
    "action",
    "agency_raw",
    "role",
    "line",
    "note",
]
_REQUIRED = ("doc_id", "measure_id", "text_start", "action")
#: What a correction can do.
ACTIONS = ("remove", "set_role", "add", "not_measure")
#: The roles a unit can be given.
ROLES = ("lead", "support", "responsible")
#: The columns of :attr:`CorrectionResult.log` (``corrections.csv`` rows plus the outcome).
LOG_COLUMNS = ["row", *CORRECTION_COLUMNS, "status", "reason"]

_SPACE = re.compile(r"\s+")


class CorrectionWarning(UserWarning):
    """Issued when a correction no longer matches the coding and is not applied."""


def _squash(text: object) -> str:
    return _SPACE.sub("", "" if text is None or text != text else str(text))


@dataclass
class CorrectionResult:
    """The coded tables after corrections, and what became of each correction.

    Attributes
    ----------
    measures, assignments, mentions
        The tables with corrections applied; ``measures`` and ``assignments`` carry
        ``coded_by`` and ``note``.
    log
        One row per correction (``LOG_COLUMNS``): ``status`` is ``applied`` or ``stale``,
        ``reason`` says why a stale one was not applied.
    """

    measures: pd.DataFrame
    assignments: pd.DataFrame
    mentions: pd.DataFrame
    log: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LOG_COLUMNS))
    documents: pd.DataFrame | None = None
    warnings: list[dict] = field(default_factory=list)

    @property
    def stale(self) -> pd.DataFrame:
        """The corrections that were not applied, with their reason."""
        return self.log[self.log.status == "stale"].reset_index(drop=True)


def read_corrections(path: str | Path) -> pd.DataFrame:
    """Read and check a corrections file.

    Parameters
    ----------
    path
        A CSV with the columns described in this module's docstring.

    Returns
    -------
    pandas.DataFrame
        Columns ``CORRECTION_COLUMNS`` (text, ``line`` as text too) and ``row``, the
        correction's 1-based line in the file (the header is line 1).

    Raises
    ------
    InputError
        Naming the file and line of a row that is not a valid correction (unknown action
        or role, no unit, a line that is not a number), or a missing column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "corrections.csv"
    >>> _ = path.write_text("doc_id,measure_id,text_start,action\\nd,d-m1,总体要求,not_measure\\n",
    ...                     encoding="utf-8")
    >>> read_corrections(path)[["row", "action", "role"]].values.tolist()
    [[2, 'not_measure', '']]
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes almost any byte string
        raise InputError(path, "not UTF-8 or GB18030 text")
    reader = csv.reader(io.StringIO(text))
    try:
        header = [c.strip() for c in next(reader)]
    except StopIteration:
        raise InputError(path, "empty file: a header row is needed", 1) from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}", 1)
    records = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # blank lines between corrections are fine
            record = dict(zip(header, (c.strip() for c in cells), strict=False))
            # The line the record ends on: its line, unless a quoted cell held a break.
            records.append({"row": reader.line_num, **record})
    except csv.Error as exc:
        raise InputError(path, f"not a CSV table: {exc}", reader.line_num) from None
    frame = pd.DataFrame(
        [{c: r.get(c, "") for c in ("row", *CORRECTION_COLUMNS)} for r in records],
        columns=["row", *CORRECTION_COLUMNS],
    )
    frame["row"] = frame["row"].astype("int64")
    for row in frame.itertuples():
        _check_row(path, row)
    return frame


def _check_row(path: Path, row) -> None:
    def fail(message: str) -> None:
        raise InputError(path, message, row.row)

    for column in _REQUIRED:
        if not getattr(row, column):
            fail(f"{column} is empty")
    if row.action not in ACTIONS:
        fail(f"unknown action {row.action!r} (one of {', '.join(ACTIONS)})")
    if row.action != "not_measure" and not row.agency_raw:
        fail(f"{row.action} needs agency_raw, the unit as written")
    if row.action in ("set_role", "add") and not row.role:
        fail(f"{row.action} needs a role ({', '.join(ROLES)})")
    if row.role and row.role not in ROLES:
        fail(f"unknown role {row.role!r} (one of {', '.join(ROLES)})")
    if row.line and not row.line.isdigit():
        fail(f"line {row.line!r} is not a line number")


def apply_corrections(
    corrections: pd.DataFrame | str | Path | None,
    measures: pd.DataFrame,
    assignments: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
) -> CorrectionResult:
    """Apply corrections to coded tables, in file order.

    Parameters
    ----------
    corrections
        A corrections file, or its table (:func:`read_corrections`; ``row`` optional), or
        None (nothing to apply: the tables only get ``coded_by`` = ``parser``).
    measures, assignments, mentions
        Coded tables with at least ``doc_id, measure_id`` (measures: ``text, line``;
        assignments: ``role, agency_raw, inherited, line``).

    Returns
    -------
    CorrectionResult
        The corrected tables (input row order kept; an added unit follows its measure's
        last row) and the log of every correction.

    Notes
    -----
    A correction is *stale*, reported and not applied, when its document or measure is
    not in the tables, the measure's text does not start with ``text_start``, the unit to
    remove or re-role is not assigned to the measure (in that role, if one is given), the
    unit to add is already assigned to it, or the role to set is the unit's role already.
    """
    measures = measures.reset_index(drop=True)
    assignments = assignments.reset_index(drop=True)
    mentions = (
        pd.DataFrame(columns=["doc_id", "measure_id"]) if mentions is None else mentions.copy()
    )
    for frame in (measures, assignments):
        frame["coded_by"] = "parser"
        frame["note"] = ""
    if corrections is None:
        return CorrectionResult(measures, assignments, mentions)
    if not isinstance(corrections, pd.DataFrame):
        corrections = read_corrections(corrections)
    corrections = corrections.copy()
    if "row" not in corrections:
        corrections.insert(0, "row", range(2, len(corrections) + 2))
    for column in CORRECTION_COLUMNS:
        if column not in corrections:
            corrections[column] = ""
        corrections[column] = corrections[column].fillna("").astype(str)

    # Rows are marked dropped rather than deleted while corrections run, so that the
    # index of every row stays valid; the added rows are collected per measure.
    dropped_measures: set[str] = set()
    dropped_assignments: set[int] = set()
    added: dict[tuple[str, str], list[dict]] = {}
    log = []
    pairs = zip(measures.doc_id, measures.measure_id, strict=True)
    measure_at = {(d, m): i for i, (d, m) in enumerate(pairs)}
    for fix in corrections.itertuples(index=False):
        reason = _apply_one(
            fix, measures, assignments, measure_at, dropped_measures, dropped_assignments, added
        )
        entry = {c: getattr(fix, c) for c in ("row", *CORRECTION_COLUMNS)}
        entry.update(status="stale" if reason else "applied", reason=reason or "")
        log.append(entry)

    keep = ~assignments.index.isin(sorted(dropped_assignments))
    parts = []
    key = list(zip(assignments.doc_id, assignments.measure_id, strict=True))
    last_row_of = {k: i for i, k in enumerate(key)}
    rows = assignments.to_dict("records")
    # Added units go after the measure's last (surviving or not) row, else at the end.
    insert_after: dict[int, list[dict]] = {}
    trailing: list[dict] = []
    for measure_key, new_rows in added.items():
        where = last_row_of.get(measure_key)
        (insert_after.setdefault(where, []) if where is not None else trailing).extend(new_rows)
    for i, row in enumerate(rows):
        if keep[i]:
            parts.append(row)
        parts.extend(insert_after.get(i, []))
    parts.extend(trailing)
    assignments = pd.DataFrame(parts, columns=assignments.columns).astype(assignments.dtypes)

    measures = measures[~measures.measure_id.isin(dropped_measures)].reset_index(drop=True)
    assignments = assignments[~assignments.measure_id.isin(dropped_measures)]
    mentions = mentions[~mentions.measure_id.isin(dropped_measures)].reset_index(drop=True)
    return CorrectionResult(
        measures=measures,
        assignments=assignments.reset_index(drop=True),
        mentions=mentions,
        log=pd.DataFrame(log, columns=LOG_COLUMNS),
    )


def _apply_one(fix, measures, assignments, measure_at, dropped_m, dropped_a, added) -> str:
    """Apply one correction in place; return why it is stale, or "" once applied."""
    at = measure_at.get((fix.doc_id, fix.measure_id))
    if fix.doc_id not in set(measures.doc_id):
        return f"document {fix.doc_id!r} is not in the coded tables"
    if at is None or fix.measure_id in dropped_m:
        return f"measure {fix.measure_id!r} is not in the coded tables"
    text = measures.at[at, "text"]
    if not _squash(text).startswith(_squash(fix.text_start)):
        return (
            f"the measure's text no longer starts with {fix.text_start!r} "
            f"(it starts {str(text)[:20]!r}): the text or the parser changed"
        )
    if fix.action == "not_measure":
        dropped_m.add(fix.measure_id)
        _mark(measures, at, fix.note)
        return ""

    unit = _squash(fix.agency_raw)
    of_measure = assignments[
        (assignments.doc_id == fix.doc_id)
        & (assignments.measure_id == fix.measure_id)
        & ~assignments.index.isin(sorted(dropped_a))
    ]
    same_unit = of_measure[of_measure.agency_raw.map(_squash) == unit]
    new_rows = added.setdefault((fix.doc_id, fix.measure_id), [])
    added_same = [r for r in new_rows if _squash(r["agency_raw"]) == unit]
    if fix.action == "add":
        if len(same_unit) or added_same:
            roles = sorted(set(same_unit.role) | {r["role"] for r in added_same})
            return f"{fix.agency_raw} is already assigned to the measure ({', '.join(roles)})"
        line = int(fix.line) if fix.line else int(measures.at[at, "line"])
        row = {c: "" for c in assignments.columns}
        row.update(
            doc_id=fix.doc_id,
            measure_id=fix.measure_id,
            role=fix.role,
            agency_raw=unit,
            inherited=False,
            line=line,
            coded_by="corrected",
            note=fix.note,
        )
        new_rows.append(row)
        _mark(measures, at, fix.note)
        return ""

    if fix.role and fix.action == "remove":
        same_unit = same_unit[same_unit.role == fix.role]
        added_same = [r for r in added_same if r["role"] == fix.role]
    if not len(same_unit) and not added_same:
        role = f" as {fix.role}" if fix.role and fix.action == "remove" else ""
        return f"{fix.agency_raw} is not assigned to the measure{role}"
    if fix.action == "remove":
        dropped_a.update(same_unit.index)
        new_rows[:] = [r for r in new_rows if not any(r is s for s in added_same)]
    else:  # set_role
        current = set(same_unit.role) | {r["role"] for r in added_same}
        if current == {fix.role}:
            return f"{fix.agency_raw} is already {fix.role} of the measure"
        for i in same_unit.index:
            assignments.at[i, "role"] = fix.role
            _mark(assignments, i, fix.note)
        for r in added_same:
            r["role"] = fix.role
            r["note"] = _join(r["note"], fix.note)
    _mark(measures, at, fix.note)
    return ""


def _mark(frame: pd.DataFrame, index: int, note: str) -> None:
    frame.at[index, "coded_by"] = "corrected"
    frame.at[index, "note"] = _join(frame.at[index, "note"], note)


def _join(old: str, new: str) -> str:
    """Notes of several corrections of one row, each once, in the order given."""
    parts = [p for p in old.split("; ") if p] if old else []
    if new and new not in parts:
        parts.append(new)
    return "; ".join(parts)


def correct_coding(
    corrections: pd.DataFrame | str | Path | None,
    documents: pd.DataFrame,
    measures: pd.DataFrame,
    assignments: pd.DataFrame,
    mentions: pd.DataFrame,
) -> CorrectionResult:
    """:func:`apply_corrections` as :func:`agencygraph.parse_corpus` runs it.

    Besides the corrected tables, the result holds ``documents`` with ``n_measures`` and
    ``n_assignments`` counted after the corrections, and ``warnings``: one row
    (``doc_id, file, line, kind, message``; kind ``correction``) per stale correction,
    ``line`` being its line in the corrections file. Stale corrections also raise one
    :class:`CorrectionWarning`.
    """
    import warnings as _warnings

    result = apply_corrections(corrections, measures, assignments, mentions)
    source = str(corrections) if isinstance(corrections, str | Path) else "corrections"
    result.warnings = [
        {
            "doc_id": row.doc_id,
            "file": source,
            "line": int(row.row),
            "kind": "correction",
            "message": f"correction not applied ({row.action}"
            + (f" {row.agency_raw}" if row.agency_raw else "")
            + f" in {row.measure_id}): {row.reason}",
        }
        for row in result.stale.itertuples()
    ]
    if result.warnings:
        first = result.warnings[0]
        _warnings.warn(
            f"{len(result.warnings)} correction(s) not applied; {source}:{first['line']}: "
            f"{first['message']}",
            CorrectionWarning,
            stacklevel=3,
        )
    if corrections is not None:
        counts = {
            "n_measures": result.measures.doc_id.value_counts(),
            "n_assignments": result.assignments.doc_id.value_counts(),
        }
        documents = documents.assign(
            **{
                name: documents.doc_id.map(count).fillna(0).astype("int64")
                for name, count in counts.items()
            }
        )
    result.documents = documents
    return result
