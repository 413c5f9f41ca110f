"""Role matrices: each plan as a dense agencies × measures matrix of roles.

0 = not assigned, 1 = support, 2 = lead, 3 = responsible (kept apart). Shared by the
network indices and the null models.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from agencygraph import units
from agencygraph._tables import require, text
from agencygraph.graph import (
    ROLES,
    select_assignments,
)

# --------------------------------------------------------------------------- role matrices


def role_matrices(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    node: str = "agency_id",
    measures: pd.DataFrame | None = None,
    responsible: str | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> dict[str, tuple[np.ndarray, list, list]]:
    """Dense role matrix of each document: 0 none, 1 support, 2 lead, 3 responsible.

    ``3`` appears only with ``responsible="apart"``; otherwise ``responsible``
    rows are counted as leads (2, the default) or supports (1).

    Parameters
    ----------
    assignments : DataFrame
    docs, roles, inherited, node, measures, responsible
        The selection, as in :func:`agencygraph.graph.incidence_matrix`.
    unit, collectives
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    dict
        ``doc_id -> (R, agency_labels, measure_labels)``, documents sorted,
        labels sorted. Rows are agencies (or types, with
        ``node="agency_type"``) with a selected assignment in the document;
        columns its measures with one, plus, when ``measures`` is given, the
        document's measures without any (all-zero columns).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-1", "d-2"],
    ...     "role": ["lead", "support", "support"], "agency_id": ["d:a", "d:b", "d:a"],
    ...     "agency_type": ["a", "b", "a"], "inherited": [False] * 3, "line": [1, 1, 2]})
    >>> R, rows, cols = role_matrices(a)["d"]
    >>> R.tolist(), rows, cols
    ([[2, 1], [1, 0]], ['d:a', 'd:b'], ['d-1', 'd-2'])
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="role_matrices",
    )
    sel, _ = select_assignments(
        assignments, docs=docs, roles=roles, inherited=inherited, node=node, responsible=responsible
    )
    extra: dict[str, set] = {}
    if measures is not None:
        wanted = None if docs is None else ({docs} if isinstance(docs, str) else set(docs))
        require(measures, ("doc_id", "measure_id"), "measures")
        pairs = zip(text(measures["doc_id"]), text(measures["measure_id"]), strict=True)
        for d, m in pairs:
            if m and (wanted is None or d in wanted):
                extra.setdefault(d, set()).add(m)
    return _role_matrices_of(sel, extra)


def _doc_positions(doc_ids: pd.Series) -> dict[str, np.ndarray]:
    """Row positions of each document, in the rows' order (one pass, not one filter per doc)."""
    return {str(d): pos for d, pos in doc_ids.groupby(doc_ids, sort=True).indices.items()}


def _split_docs(
    assignments: pd.DataFrame, agencies: pd.DataFrame | None, docs: Iterable[str]
) -> dict[str, tuple[pd.DataFrame, pd.DataFrame | None]]:
    """Each document's rows of ``assignments`` and of ``agencies`` (its agency ids), in one pass.

    A per-document function given these pieces returns what it returns on the
    whole tables with ``docs=doc`` (the agencies rows keep their order, so a
    first-row lookup finds the same row), without scanning the whole tables
    once per document.
    """
    of_doc = _doc_positions(text(assignments["doc_id"]))
    by_id = None
    if agencies is not None:
        by_id = _doc_positions(text(agencies["agency_id"]))
    empty = np.array([], dtype=np.int64)
    out = {}
    for doc in docs:
        part = assignments.iloc[of_doc.get(doc, empty)]
        table = None
        if by_id is not None:
            ids = set(text(part["agency_id"]))
            found = [by_id[i] for i in ids if i in by_id]
            rows = np.sort(np.concatenate(found)) if found else empty
            table = agencies.iloc[rows]
        out[doc] = (part, table)
    return out


def _role_matrices_of(
    sel: pd.DataFrame, extra: Mapping[str, set] | None = None
) -> dict[str, tuple[np.ndarray, list, list]]:
    """:func:`role_matrices` of an already selected frame (``select_assignments`` output)."""
    extra = extra or {}
    node = sel["node"].to_numpy(dtype=object)
    measure = sel["measure_id"].to_numpy(dtype=object)
    role = sel["role"].to_numpy()
    value = np.select([role == "lead", role == "responsible"], [2, 3], 1).astype(np.int8)
    groups = _doc_positions(sel["doc_id"])
    empty = np.array([], dtype=np.int64)
    out = {}
    for doc in sorted(set(groups) | set(extra)):
        pos = groups.get(doc, empty)
        rows, r = np.unique(node[pos], return_inverse=True)
        cols = np.unique(
            np.concatenate([measure[pos], np.array(sorted(extra.get(doc, ())), dtype=object)])
        )
        c = np.searchsorted(cols, measure[pos])
        R = np.zeros((len(rows), len(cols)), dtype=np.int8)
        R[r, c] = value[pos]
        out[doc] = (R, rows.tolist(), cols.tolist())
    return out
