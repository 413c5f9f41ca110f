"""Units of analysis: table rows or tasks, inherited cells, collective actors.

The coded tables (CONTRACT.md) hold one ``measures`` row per table row or numbered item of
a plan, and one ``assignments`` row per unit named on it. Three choices change what a
network built from them counts, and every graph, metric and comparison function of the
package takes them under the same names:

``unit`` — ``"row"`` | ``"task"``
    ``"row"`` (as coded): every measures row is one measure. ``"task"``: the rows of one
    task (same ``doc_id, section_no, task_no``; a ``task_id`` column wins where a table has
    one) become one measure whose units are the union of the rows' units, a unit keeping
    its strongest role (lead, then responsible, then support). A table plan writes one task
    over several rows (慈溪: 57 rows, 22 tasks), an inline plan one numbered item per task
    (海门, 丽江), so plans compare on tasks. A measure without a task number is its own
    task.
``inherited`` — ``"keep"`` | ``"weight"`` | ``"drop"``
    Assignments carried down from a merged (blank) table cell (``inherited == true``).
    ``"keep"``: counted like any other. ``"drop"``: removed (a merged cell then counts once,
    on the row where it is written). ``"weight"``: kept with ``unit_weight = 1/k``, where
    *k* is the number of measures (rows, or tasks with ``unit="task"``) its merged cell
    spans, so that each written cell weighs 1 in total; written cells that span one
    measure weigh 1. The weight enters weighted statistics only (weighted incidence,
    weighted projections, strength); binary statistics (network indices, null models,
    backbones, brokerage) count such an assignment as kept and say so where they refuse
    ``"weight"``. ``True`` and ``False`` are read as ``"keep"`` and ``"drop"``.
``collectives`` — ``"keep"`` | ``"drop"``
    Collective actors (各区, 各县(区)党委和政府, 各有关单位, 市直各有关部门 …: a set of units
    named jointly as one; see :func:`is_collective` and ``data/collectives.csv``).
    ``"keep"`` (default): counted as the plan writes them, and flagged (``collective`` in
    ``agencies.csv`` and the centrality tables). ``"drop"``: their assignments removed.

Every function here is pure: it takes the tables and returns new ones.

Examples
--------
>>> import pandas as pd
>>> m = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-2", "d-3"],
...     "section_no": [1, 1, 1], "task_no": [1, 1, 2], "line": [1, 2, 3]})
>>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["d-1", "d-2", "d-2", "d-3"],
...     "role": ["lead", "lead", "support", "lead"], "agency_raw": ["甲局", "甲局", "乙局", "乙局"],
...     "agency_id": ["d:a", "d:a", "d:b", "d:b"], "agency_type": ["a", "a", "b", "b"],
...     "inherited": [False, True, False, False], "line": [1, 1, 2, 3]})
>>> t, tm = prepare(a, m, unit="task")
>>> t[["measure_id", "role", "agency_id"]].values.tolist()
[['d-1', 'lead', 'd:a'], ['d-1', 'support', 'd:b'], ['d-3', 'lead', 'd:b']]
>>> tm[["measure_id", "n_rows"]].values.tolist()
[['d-1', 2], ['d-3', 1]]
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from agencygraph._tables import as_bool, require, text

__all__ = [
    "COLLECTIVES",
    "INHERITED",
    "UNITS",
    "check_collectives",
    "check_inherited",
    "check_unit",
    "collapse_measures",
    "collapse_tasks",
    "collective_patterns",
    "comparable_unit",
    "has_tasks",
    "inherited_weights",
    "is_collective",
    "prepare",
    "task_ids",
]

#: The units of analysis: ``"row"`` (as coded) or ``"task"`` (rows of one task merged).
UNITS: tuple[str, ...] = ("row", "task")
#: How assignments carried down from merged table cells count.
INHERITED: tuple[str, ...] = ("keep", "weight", "drop")
#: Whether collective actors (:func:`is_collective`) are kept or dropped.
COLLECTIVES: tuple[str, ...] = ("keep", "drop")

_COLLECTIVES_FILE = "collectives.csv"
# Which role wins when rows merge: lead, then responsible, then support (as graph.py).
_ROLE_RANK = {"lead": 0, "responsible": 1, "support": 2}


def check_unit(unit: str) -> str:
    """``unit`` checked against :data:`UNITS`."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    return unit


def check_inherited(inherited: str | bool) -> str:
    """``inherited`` as one of :data:`INHERITED` (``True``: ``"keep"``, ``False``: ``"drop"``)."""
    if isinstance(inherited, (bool, np.bool_)):
        return "keep" if inherited else "drop"
    if inherited not in INHERITED:
        raise ValueError(f"inherited must be one of {INHERITED} (or a bool), got {inherited!r}")
    return inherited


def check_collectives(collectives: str) -> str:
    """``collectives`` checked against :data:`COLLECTIVES`."""
    if collectives not in COLLECTIVES:
        raise ValueError(f"collectives must be one of {COLLECTIVES}, got {collectives!r}")
    return collectives


# --------------------------------------------------------------------------- tasks


def task_ids(measures: pd.DataFrame) -> pd.Series:
    """The task of each measure, named by the task's first measure.

    A task is the measures of one document with the same ``section_no`` and ``task_no``
    (or the same non-empty ``task_id``, where the table has that column); a measure without
    a task number is its own task. The first measure is the one with the lowest ``line``
    (then the lowest ``measure_id``).

    Parameters
    ----------
    measures : DataFrame
        ``doc_id, measure_id`` and ``section_no, task_no`` (or ``task_id``); ``line``
        optional.

    Returns
    -------
    Series
        Indexed by ``measure_id`` (in the table's order), values the task's first
        ``measure_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-2", "d-3"],
    ...     "section_no": [1, 1, 2], "task_no": [1, 1, None], "line": [5, 6, 7]})
    >>> task_ids(m).tolist()
    ['d-1', 'd-1', 'd-3']
    """
    require(measures, ("doc_id", "measure_id"), "measures")
    ids = text(measures["measure_id"]).to_numpy(dtype=object)
    doc = text(measures["doc_id"]).to_numpy(dtype=object)
    if "task_id" in measures.columns:
        task = text(measures["task_id"]).to_numpy(dtype=object)
        key = np.where(task != "", doc + "\x1f" + task, "\x1e" + ids)
    elif "task_no" in measures.columns:
        task = text(measures["task_no"]).to_numpy(dtype=object)
        section = (
            text(measures["section_no"]).to_numpy(dtype=object)
            if "section_no" in measures.columns
            else np.full(len(ids), "", dtype=object)
        )
        key = np.where(task != "", doc + "\x1f" + section + "\x1f" + task, "\x1e" + ids)
    else:
        raise ValueError(
            "unit='task' needs the task of each measure: the measures table has no "
            "task_no (or task_id) column"
        )
    if "line" in measures.columns:
        line = pd.to_numeric(measures["line"], errors="coerce").fillna(np.inf).to_numpy()
    else:
        line = np.zeros(len(ids))
    frame = pd.DataFrame({"key": key, "line": line, "id": ids})
    first = frame.sort_values(["line", "id"], kind="stable").drop_duplicates("key")
    rep = dict(zip(first["key"], first["id"], strict=True))
    return pd.Series([rep[k] for k in key], index=pd.Index(ids, name="measure_id"), name="task")


def has_tasks(measures: pd.DataFrame | None) -> bool:
    """Whether ``measures`` tells each measure's task (a ``task_no`` or ``task_id`` column)."""
    return measures is not None and bool({"task_id", "task_no"} & set(measures.columns))


def comparable_unit(unit: str | None, measures: pd.DataFrame | None) -> str:
    """``unit``, or where it is None the unit that makes plans comparable.

    ``"task"`` when ``measures`` tells each measure's task (:func:`has_tasks`), else ``"row"``.
    """
    if unit is not None:
        return check_unit(unit)
    return "task" if has_tasks(measures) else "row"


def collapse_measures(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures table with one row per task (:func:`task_ids`).

    The task keeps its first measure's row (id, line, …) with ``text`` its rows' texts
    joined by line breaks, and gains ``n_rows``, the number of measures rows it merges;
    rows stay in the table's order.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-2", "d-3"],
    ...     "section_no": [1, 1, 2], "task_no": [1, 1, 2]})
    >>> collapse_measures(m)[["measure_id", "n_rows"]].values.tolist()
    [['d-1', 2], ['d-3', 1]]
    """
    task = task_ids(measures)
    counts = task.value_counts()
    ids = text(measures["measure_id"]).to_numpy(dtype=object)
    keep = task.to_numpy(dtype=object) == ids
    out = measures.loc[keep].copy()
    out["n_rows"] = counts.reindex(ids[keep]).to_numpy(dtype=np.int64)
    if "text" in measures.columns:
        # The task's text is its rows' texts, in source order.
        order = pd.to_numeric(
            measures.get("line", pd.Series(0, index=measures.index)), errors="coerce"
        )
        rows = pd.DataFrame(
            {
                "task": task.to_numpy(dtype=object),
                "text": text(measures["text"]).to_numpy(dtype=object),
                "line": order.to_numpy(),
            }
        )
        joined = (
            rows.sort_values("line", kind="stable")
            .groupby("task", sort=False)["text"]
            .agg("\n".join)
        )
        out["text"] = joined.reindex(ids[keep]).to_numpy(dtype=object)
    return out.reset_index(drop=True)


def _node_key(assignments: pd.DataFrame) -> np.ndarray:
    """Who an assignment names: its ``agency_id``, or the unit as written where unresolved."""
    key = text(assignments["agency_id"]).to_numpy(dtype=object)
    if "agency_raw" in assignments.columns:
        raw = text(assignments["agency_raw"]).to_numpy(dtype=object)
        key = np.where(key != "", key, "\x1e" + raw)
    return key


def _merge_pairs(assignments: pd.DataFrame) -> pd.DataFrame:
    """One row per (document, measure, unit): the strongest role, a written cell first.

    Rows keep the table's order; a ``unit_weight`` column is the largest of the merged rows.
    """
    n = len(assignments)
    role = text(assignments["role"]).map(_ROLE_RANK).fillna(3).to_numpy(dtype=np.int64)
    inherited = as_bool(assignments["inherited"]).to_numpy(dtype=np.int64)
    line = (
        pd.to_numeric(assignments["line"], errors="coerce").fillna(0).to_numpy()
        if "line" in assignments.columns
        else np.zeros(n)
    )
    frame = pd.DataFrame(
        {
            "doc": text(assignments["doc_id"]).to_numpy(dtype=object),
            "measure": text(assignments["measure_id"]).to_numpy(dtype=object),
            "node": _node_key(assignments),
            "role": role,
            "inherited": inherited,
            "line": line,
            "pos": np.arange(n),
        }
    )
    ranked = frame.sort_values(["doc", "measure", "node", "role", "inherited", "line", "pos"])
    first = ranked.drop_duplicates(["doc", "measure", "node"])
    keep = np.sort(first["pos"].to_numpy())
    out = assignments.iloc[keep].copy()
    if "unit_weight" in assignments.columns:
        group = frame.groupby(["doc", "measure", "node"], sort=False).ngroup().to_numpy()
        best = pd.Series(assignments["unit_weight"].to_numpy(float)).groupby(group).max()
        out["unit_weight"] = best.reindex(group[keep]).to_numpy()
    return out.reset_index(drop=True)


def collapse_tasks(assignments: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """The assignments with the rows of each task merged into one measure.

    Each assignment's ``measure_id`` becomes its task's (:func:`task_ids`); a unit named
    on several rows of a task is kept once, in its strongest role (lead, then responsible,
    then support; a written cell before an inherited one, then the earliest line), so a
    merged lead cell spanning the task's rows counts as one lead. Assignments of measures
    the measures table lacks keep their measure. Rows keep the table's order.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"doc_id": ["d", "d"], "measure_id": ["d-1", "d-2"],
    ...     "section_no": [1, 1], "task_no": [1, 1]})
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-2", "d-2"],
    ...     "role": ["support", "lead", "support"], "agency_id": ["d:a", "d:a", "d:b"],
    ...     "agency_type": ["a", "a", "b"], "inherited": [False] * 3, "line": [1, 2, 2]})
    >>> collapse_tasks(a, m)[["measure_id", "role", "agency_id"]].values.tolist()
    [['d-1', 'lead', 'd:a'], ['d-1', 'support', 'd:b']]
    """
    require(assignments, ("doc_id", "measure_id", "role", "agency_id", "inherited"), "assignments")
    task = task_ids(measures)
    task = task[~task.index.duplicated()]
    out = assignments.copy()
    ids = text(assignments["measure_id"])
    out["measure_id"] = ids.map(task).fillna(ids).to_numpy(dtype=object)
    return _merge_pairs(out)


# --------------------------------------------------------------------------- inherited cells


def inherited_weights(assignments: pd.DataFrame, task: pd.Series | None = None) -> np.ndarray:
    """``1/k`` for each assignment of a merged cell spanning *k* measures, else 1.

    A merged cell is the written assignment and the inherited ones that carry it down: the
    same ``doc_id``, ``role``, unit as written (``agency_raw``, or ``agency_id``) and source
    ``line`` (an inherited row keeps the line of the cell it copies), with at least one row
    ``inherited``. *k* counts the distinct measures it reaches — or tasks, when ``task``
    (from :func:`task_ids`) is given — so that the cell weighs 1 in total.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["d-1", "d-2", "d-3", "d-3"],
    ...     "role": ["lead", "lead", "lead", "support"], "agency_raw": ["甲", "甲", "甲", "乙"],
    ...     "agency_id": ["d:a", "d:a", "d:a", "d:b"], "inherited": [False, True, True, False],
    ...     "line": [4, 4, 4, 9]})
    >>> inherited_weights(a).round(3).tolist()
    [0.333, 0.333, 0.333, 1.0]
    """
    require(assignments, ("doc_id", "measure_id", "role", "inherited"), "assignments")
    if "line" not in assignments.columns:
        raise ValueError("inherited='weight' needs the assignments' line column (CONTRACT.md)")
    who = (
        text(assignments["agency_raw"])
        if "agency_raw" in assignments.columns
        else text(assignments["agency_id"])
    )
    measure = text(assignments["measure_id"])
    if task is not None:
        task = task[~task.index.duplicated()]
        measure = measure.map(task).fillna(measure)
    frame = pd.DataFrame(
        {
            "doc": text(assignments["doc_id"]).to_numpy(dtype=object),
            "role": text(assignments["role"]).to_numpy(dtype=object),
            "who": who.to_numpy(dtype=object),
            "line": pd.to_numeric(assignments["line"], errors="coerce").fillna(-1).to_numpy(),
            "measure": measure.to_numpy(dtype=object),
            "inherited": as_bool(assignments["inherited"]).to_numpy(dtype=bool),
        }
    )
    cell = frame.groupby(["doc", "role", "who", "line"], sort=False)
    merged = cell["inherited"].transform("any").to_numpy(dtype=bool)
    span = cell["measure"].transform("nunique").to_numpy(dtype=float)
    return np.where(merged, 1.0 / span, 1.0)


# --------------------------------------------------------------------------- collectives


@lru_cache(maxsize=1)
def collective_patterns() -> pd.DataFrame:
    """The bundled rules that flag a collective actor (``data/collectives.csv``).

    A collective actor is a set of units the plan names jointly as one: every subordinate
    government (各县(区)党委和政府, 各乡镇(街道)), every department concerned (各有关单位,
    市直各有关部门), the members of a joint body (成员单位). A single organisation is never
    one, however many measures it is named on: a plan's trade union (市总工会) on every
    measure is one organisation. Columns ``kind`` (``type``: an agency type of
    ``agency_types.csv`` whose every member is a group; ``regex``: a pattern matched against
    the unit as written, normalised by :func:`agencygraph.agencies.normalize_name`),
    ``pattern``, ``example`` (a name the rule flags) and ``note``.
    """
    path = resources.files("agencygraph").joinpath("data", _COLLECTIVES_FILE)
    with path.open("r", encoding="utf-8-sig") as handle:
        table = pd.read_csv(handle, dtype=str, keep_default_na=False)
    bad = sorted(set(table["kind"]) - {"type", "regex"})
    if bad:
        raise ValueError(f"{_COLLECTIVES_FILE}: kind must be type or regex, got {bad}")
    return table


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], re.Pattern | None]:
    table = collective_patterns()
    types = frozenset(table.loc[table["kind"] == "type", "pattern"])
    patterns = table.loc[table["kind"] == "regex", "pattern"].tolist()
    joined = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    return types, joined


def is_collective(agency_raw: pd.Series, agency_type: pd.Series | None = None) -> np.ndarray:
    """Whether each unit is a collective actor (see :func:`collective_patterns`).

    Parameters
    ----------
    agency_raw : Series
        Units as written.
    agency_type : Series, optional
        Their agency types; a type listed in ``collectives.csv`` flags the unit whatever
        its spelling.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> import pandas as pd
    >>> is_collective(pd.Series(["各县(区)党委和政府", "市总工会", "市直各有关部门"])).tolist()
    [True, False, True]
    """
    from agencygraph.agencies import normalize_name  # agencies imports this module

    types, pattern = _rules()
    codes, labels = pd.factorize(text(agency_raw))
    hit = np.array(
        [pattern is not None and pattern.search(normalize_name(s)) is not None for s in labels],
        dtype=bool,
    )
    out = hit[codes] if len(codes) else np.zeros(0, dtype=bool)
    if agency_type is not None:
        out = out | text(agency_type).isin(types).to_numpy(dtype=bool)
    return out


# --------------------------------------------------------------------------- all three


def prepare(
    assignments: pd.DataFrame,
    measures: pd.DataFrame | None = None,
    *,
    unit: str = "row",
    inherited: str | bool = "keep",
    collectives: str = "keep",
    statistic: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The assignments (and measures) at the unit of analysis asked for.

    In this order: collective actors dropped (``collectives="drop"``); inherited
    assignments weighted (``unit_weight`` column, ``inherited="weight"``) or dropped
    (``"drop"``); rows merged into tasks (``unit="task"``). With the defaults the tables
    are returned unchanged (the same objects). Applying it twice gives what applying it
    once gives.

    Parameters
    ----------
    assignments : DataFrame
        The assignments table (CONTRACT.md).
    measures : DataFrame, optional
        The measures table; needed for ``unit="task"`` (its ``section_no, task_no`` or
        ``task_id``). Returned with one row per task when merged.
    unit : {"row", "task"}
    inherited : {"keep", "weight", "drop"} or bool
    collectives : {"keep", "drop"}
    statistic : str, optional
        The name of a statistic that counts assignments as present or absent; with it,
        ``inherited="weight"`` raises a ValueError naming it (a weight cannot enter a 0/1
        statistic, and reading it as ``"keep"`` would hide that).

    Returns
    -------
    assignments, measures : DataFrame, DataFrame or None

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d", "d"], "measure_id": ["d-1", "d-1"],
    ...     "role": ["lead", "support"], "agency_raw": ["市人社局", "各有关单位"],
    ...     "agency_id": ["d:hrss", "d:all_departments"],
    ...     "agency_type": ["hrss", "all_departments"], "inherited": [False, False]})
    >>> prepare(a, collectives="drop")[0].agency_id.tolist()
    ['d:hrss']
    """
    unit = check_unit(unit)
    how = check_inherited(inherited)
    collectives = check_collectives(collectives)
    if how == "weight" and statistic is not None:
        raise ValueError(
            f"{statistic} counts each assignment as present or absent: inherited='weight' "
            "enters weighted statistics only (bipartite_graph, incidence_matrix(weighted=True), "
            "project_agencies(weight=True), agency_centrality strength); use 'keep' or 'drop'"
        )
    if unit == "task" and not has_tasks(measures):
        raise ValueError(
            "unit='task' needs the measures table with its task_no (or task_id) column"
        )
    out = assignments
    if collectives == "drop" and len(out):
        raw = out["agency_raw"] if "agency_raw" in out.columns else text(out["agency_id"])
        kind = out["agency_type"] if "agency_type" in out.columns else None
        out = out.loc[~is_collective(raw, kind)].reset_index(drop=True)
    task = task_ids(measures) if unit == "task" else None
    if how == "weight" and "unit_weight" not in out.columns:
        out = out.copy()
        out["unit_weight"] = inherited_weights(out, task) if len(out) else np.zeros(0)
    elif how == "drop":
        out = out.loc[~as_bool(out["inherited"]).to_numpy(dtype=bool)].reset_index(drop=True)
    if unit == "task":
        out = collapse_tasks(out, measures)
        if "n_rows" not in measures.columns:
            measures = collapse_measures(measures)
    return out, measures
