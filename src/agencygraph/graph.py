"""Build the agency × measure bipartite graph and its one-mode projections.

The coded ``assignments`` table (CONTRACT.md) says which units lead (牵头) and
which support (配合) each measure. This module turns any selection of it
(documents, roles, with or without inherited cells) into

- a two-mode :class:`networkx.Graph` (:func:`bipartite_graph`), agencies with
  ``bipartite=0`` and measures with ``bipartite=1``;
- its sparse incidence matrix (:func:`incidence_matrix`), the shared basis of
- the projections (:func:`project_agencies`, :func:`project_measures`,
  :func:`lead_support_network`), computed as sparse matrix products.

Every function that takes ``data`` accepts either the assignments table or a
two-mode graph whose nodes carry ``bipartite`` 0/1 (such as the output of
:func:`bipartite_graph`, or ``nx.davis_southern_women_graph()``).

Conventions
-----------
- A unit that is both lead and support of one measure is kept as lead (one
  edge per agency and measure).
- Rows whose node key (``agency_id``, or ``agency_type`` for the pooled type
  graph) is empty are skipped and counted, never silently dropped: the count is
  ``G.graph["skipped_unresolved"]``.
- Nodes, edges and table rows are produced in sorted order so that the same
  input gives the same output, byte for byte.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, compress, islice, repeat

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from agencygraph import settings, units
from agencygraph._tables import (
    _STR,
)
from agencygraph._tables import (
    as_bool as _as_bool,
)
from agencygraph._tables import (
    as_docs as _as_docs,
)
from agencygraph._tables import (
    compact as _compact,
)
from agencygraph._tables import (
    require as _require,
)
from agencygraph._tables import (
    sorted_labels as _sorted,
)
from agencygraph._tables import (
    strings as _strings,
)
from agencygraph._tables import (
    text as _text,
)
from agencygraph._tables import (
    text_codes as _text_codes,
)

__all__ = [
    "RESPONSIBLE_COUNTS",
    "ROLES",
    "bipartite_graph",
    "count_responsible",
    "incidence_matrix",
    "lead_support_network",
    "project_agencies",
    "project_measures",
]

#: The roles an assignment can have. ``responsible`` (units named jointly responsible, no
#: lead stated) is counted as lead or as support, or kept apart, by the ``responsible``
#: option of every function here (:data:`RESPONSIBLE_COUNTS`).
ROLES: tuple[str, ...] = ("lead", "support", "responsible")

#: How ``responsible`` assignments are counted: ``"lead"`` and ``"support"`` relabel them,
#: ``"apart"`` keeps them as a third role (an edge of the two-mode graph, in degree and
#: overlap measures, but in neither the lead nor the support counts). Default
#: :data:`agencygraph.settings.RESPONSIBLE`.
RESPONSIBLE_COUNTS: tuple[str, ...] = ("lead", "support", "apart")

# Which role wins when one unit holds several in one measure: lead, then responsible.
_PRIORITY = np.array([0, 2, 1], dtype=np.int8)  # by index into ROLES

_ASSIGNMENT_COLUMNS = ("doc_id", "measure_id", "role", "agency_id", "agency_type", "inherited")
_NODE_KEYS = ("agency_id", "agency_type")
_METHODS = ("count", "newman", "jaccard", "overlap")


def _check_roles(roles: str | Sequence[str]) -> tuple[str, ...]:
    roles = (roles,) if isinstance(roles, str) else tuple(roles)
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise ValueError(f"roles must be a non-empty subset of {ROLES}, got {roles!r}")
    return roles


def _check_responsible(responsible: str | None) -> str:
    """The ``responsible`` option, defaulted from settings and checked."""
    how = settings.RESPONSIBLE if responsible is None else responsible
    if how not in RESPONSIBLE_COUNTS:
        raise ValueError(f"responsible must be one of {RESPONSIBLE_COUNTS}, got {how!r}")
    return how


def count_responsible(assignments: pd.DataFrame, responsible: str | None = None) -> pd.DataFrame:
    """The assignments with ``responsible`` rows counted as ``responsible`` says.

    Parameters
    ----------
    assignments : DataFrame
        The assignments table (its ``role`` column is read).
    responsible : {"lead", "support", "apart"}, optional
        ``"lead"`` / ``"support"``: such rows get that role; ``"apart"``: unchanged.
        Default :data:`agencygraph.settings.RESPONSIBLE`.

    Returns
    -------
    DataFrame
        The same table (not a copy) when nothing changes, else a copy.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"role": ["lead", "responsible", "responsible"]})
    >>> count_responsible(a, "support").role.tolist()
    ['lead', 'support', 'support']
    """
    how = _check_responsible(responsible)
    is_responsible = assignments["role"].to_numpy(dtype=object) == "responsible"
    if how == "apart" or not is_responsible.any():
        return assignments
    out = assignments.copy()
    out["role"] = np.where(is_responsible, how, assignments["role"].to_numpy(dtype=object))
    return out


#: The characters ``str.strip()`` removes (``str.isspace``), for Arrow's ``utf8_trim``.
#: tests/test_projection_fast.py checks the list against every code point.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _key_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`agencygraph._tables.text_codes` (sorted), quicker for a column of strings.

    The same codes and labels. The distinct values are found by hashing, in table order
    (Arrow's dictionary encoding, or ``pd.factorize``), and only they are sorted, by
    Arrow: ``pd.factorize(sort=True)`` sorts Python strings with numpy's object sort,
    several times slower. Where a value needs cleaning (spaces to strip) or is missing,
    the distinct values are cleaned and sorted in Python; other columns go to
    ``text_codes``.
    """
    arrow = isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow"
    if arrow:
        found = _arrow_codes(series)
        if found is not None:
            return found
    if series.dtype == object or isinstance(series.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(series)
        if pd.api.types.infer_dtype(uniques, skipna=False) in ("string", "empty"):
            uniques = np.asarray(uniques, dtype=object)
            found = None if arrow or (codes < 0).any() else _sort_distinct(uniques)
            if found is not None:
                rank, labels = found
                return rank[codes], labels
            clean = [u.strip() for u in uniques]
            if (codes < 0).any():
                clean.append("")  # missing values (code -1) take the last label
            # dict.fromkeys, not set: keeps table order, which is near-sorted for the sort.
            labels = sorted(dict.fromkeys(clean))
            position = dict(zip(labels, range(len(labels)), strict=True))
            inverse = np.fromiter(map(position.__getitem__, clean), np.intp, count=len(clean))
            return inverse[codes], np.array(labels, dtype=object)
    return _text_codes(series)


def _sort_distinct(values) -> tuple[np.ndarray, np.ndarray] | None:
    """Rank of each of the distinct strings ``values`` (an Arrow array or an object array)
    in their sorted order, and the sorted strings; ``None`` if one has spaces to strip
    or pyarrow is not installed.

    Arrow sorts strings by their UTF-8 bytes, which is the code point order of Python's
    ``sorted``, and trims exactly the characters ``str.strip`` does (:data:`_SPACES`).
    """
    try:  # pyarrow is an optional extra; without it the caller sorts in Python
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None

    if not isinstance(values, pa.Array):
        try:
            values = pa.array(values, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):  # e.g. a lone surrogate: not UTF-8
            return None
    if pc.any(pc.not_equal(pc.utf8_trim(values, characters=_SPACES), values)).as_py():
        return None
    order = pc.sort_indices(values).to_numpy()
    labels = values.take(order).to_numpy(zero_copy_only=False).astype(object, copy=False)
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return rank, labels


def _arrow_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`_key_codes` of an Arrow-backed string column, in Arrow; ``None`` if it has a
    missing value or a value with spaces to strip (then the general path cleans them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(series)  # no copy
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    if encoded.indices.null_count:
        return None
    found = _sort_distinct(encoded.dictionary)
    if found is None:
        return None
    rank, labels = found
    return rank[encoded.indices.to_numpy()], labels


class _Selection:
    """The selected rows of an assignments table, as integer arrays.

    Each array has one entry per selected row whose node key is not empty, in
    table order: ``node`` and ``measure`` are codes into the sorted labels
    ``node_labels`` and ``measure_labels`` (only labels of selected rows),
    ``role`` indexes :data:`ROLES` (``responsible`` already counted as the
    option says), ``inherited`` is boolean and ``rows`` are
    the positions in the table. ``skipped`` counts, per ``doc_id``, the
    selected rows skipped because their node key is empty. Other columns are
    read on demand (:meth:`text`, :attr:`line`), so that a projection reads
    only the columns it needs.
    """

    def __init__(
        self,
        assignments: pd.DataFrame,
        *,
        docs: str | Iterable[str] | None,
        roles: str | Sequence[str],
        inherited: bool | str,
        node: str,
        responsible: str | None = None,
    ) -> None:
        _require(assignments, _ASSIGNMENT_COLUMNS, "assignments")
        inherited = units.check_inherited(inherited)
        how = _check_responsible(responsible)
        if node not in _NODE_KEYS:
            raise ValueError(f"node must be one of {_NODE_KEYS}, got {node!r}")
        roles = _check_roles(roles)
        is_inherited = _as_bool(assignments["inherited"]).to_numpy(dtype=bool)
        role, role_labels = _key_codes(assignments["role"])
        unknown = sorted(set(role_labels.tolist()) - set(ROLES))
        if unknown:
            raise ValueError(
                f"assignments.role must be lead, support or responsible, got {unknown}"
            )
        if how != "apart":
            role_labels = np.array(
                [how if r == "responsible" else r for r in role_labels], dtype=object
            )
        keep = np.array([r in roles for r in role_labels], dtype=bool)[role]
        wanted = _as_docs(docs)
        if wanted is not None:
            doc, doc_labels = _text_codes(assignments["doc_id"])
            wanted = set(wanted)
            keep &= np.array([d in wanted for d in doc_labels], dtype=bool)[doc]
        if inherited == "drop":
            keep &= ~is_inherited
        key, key_labels = _key_codes(assignments[node])
        # Labels are sorted, so an empty key can only be label 0.
        unresolved = keep & (key == 0) if len(key_labels) and key_labels[0] == "" else None
        if unresolved is not None:
            keep &= ~unresolved
            where = np.flatnonzero(unresolved)
        else:
            where = np.zeros(0, dtype=np.intp)
        self.skipped = _text(assignments["doc_id"].iloc[where]).value_counts().sort_index()
        self.table = assignments
        self.rows = np.flatnonzero(keep)
        self.node, self.node_labels = _compact(key[self.rows], key_labels)
        measure, measure_labels = _key_codes(assignments["measure_id"])
        self.measure, self.measure_labels = _compact(measure[self.rows], measure_labels)
        rank = np.array([ROLES.index(r) for r in role_labels], dtype=np.int8)
        self.role = rank[role[self.rows]]
        self.inherited = is_inherited[self.rows]
        # 1/k for a merged cell spanning k measures (units.inherited_weights), where asked for.
        self.unit_weight = (
            pd.to_numeric(assignments["unit_weight"]).to_numpy(float)[self.rows]
            if inherited == "weight" and "unit_weight" in assignments.columns
            else np.ones(len(self.rows))
        )
        self._texts: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def text(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Codes (one per selected row) and sorted labels of a text column; "" if absent."""
        if column not in self._texts:
            if column in self.table.columns:
                codes, labels = _text_codes(self.table[column])
                self._texts[column] = _compact(codes[self.rows], labels)
            else:
                self._texts[column] = np.zeros(len(self.rows), np.intp), np.array([""], object)
        return self._texts[column]

    @functools.cached_property
    def line(self) -> np.ndarray:
        """Source line of each selected row (0 if unknown)."""
        if "line" not in self.table.columns:
            return np.zeros(len(self.rows), dtype=np.int64)
        line = pd.to_numeric(self.table["line"], errors="coerce").fillna(0).astype(np.int64)
        return line.to_numpy()[self.rows]

    def first_per_pair(self) -> np.ndarray:
        """Indices of the row kept for each (node, measure), sorted by node and measure.

        Lead beats responsible beats support; an explicit cell beats an inherited one; then the
        earliest line, then the unit as written, then table order.
        """
        raw, _ = self.text("agency_raw")
        pair = self.node.astype(np.int64) * len(self.measure_labels) + self.measure
        rank = _PRIORITY[self.role].astype(np.int64) * 2 + self.inherited
        order = np.lexsort((raw, self.line, rank, pair))
        pair = pair[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = pair[1:] != pair[:-1]
        return order[first]


def select_assignments(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None,
    roles: str | Sequence[str],
    inherited: bool,
    node: str,
    responsible: str | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Rows of the selection, one per (node, measure), and the rows skipped.

    The returned frame has columns ``node, measure_id, doc_id, role, inherited,
    line, agency_raw`` and is sorted by ``node, measure_id``. The series counts,
    per ``doc_id``, the selected rows skipped because their node key is empty.
    """
    sel = _Selection(
        assignments, docs=docs, roles=roles, inherited=inherited, node=node, responsible=responsible
    )
    keep = sel.first_per_pair()
    doc, doc_labels = sel.text("doc_id")
    raw, raw_labels = sel.text("agency_raw")
    rows = pd.DataFrame(
        {
            "node": _strings(sel.node_labels, sel.node[keep]),
            "measure_id": _strings(sel.measure_labels, sel.measure[keep]),
            "doc_id": _strings(doc_labels, doc[keep]),
            "role": _strings(np.array(ROLES, dtype=object), sel.role[keep].astype(np.intp)),
            "inherited": sel.inherited[keep],
            "line": sel.line[keep],
            "agency_raw": _strings(raw_labels, raw[keep]),
        }
    )
    return rows, sel.skipped


def _group_mode(
    groups: np.ndarray, values: np.ndarray, labels: np.ndarray, n_groups: int
) -> np.ndarray:
    """Most frequent non-empty label of ``values`` in each group; ties to the smallest.

    ``groups`` are codes ``0 .. n_groups - 1``, ``values`` codes into the
    sorted ``labels``; a group without a non-empty value gets "".
    """
    out = np.full(n_groups, "", dtype=object)
    if len(labels) and labels[0] == "":
        groups, values = groups[values != 0], values[values != 0]
    pair, count = np.unique(groups.astype(np.int64) * len(labels) + values, return_counts=True)
    group, value = np.divmod(pair, len(labels)) if len(labels) else (pair, pair)
    order = np.lexsort((value, -count, group))
    group, value = group[order], value[order]
    first = np.ones(len(group), dtype=bool)
    first[1:] = group[1:] != group[:-1]
    out[group[first]] = labels[value[first]]
    return out


_AGENCY_COLUMNS = ("agency_id", "doc_id", "name_zh", "name_en", "agency_type", "type_en", "system")


def _agency_attributes(
    sel: _Selection, keep: np.ndarray, agencies: pd.DataFrame | None, node: str
) -> list[dict]:
    """Node attributes for every agency node (``sel.node_labels``), in that order."""
    table = None
    if agencies is not None:
        _require(agencies, ("agency_id", "doc_id", "name_zh", "agency_type"), "agencies")
        table = {
            c: (
                _text(agencies[c]).to_numpy(dtype=object)
                if c in agencies.columns
                else np.full(len(agencies), "", dtype=object)
            )
            for c in _AGENCY_COLUMNS
        }
    labels = sel.node_labels
    n = len(labels)
    node_of = sel.node[keep]  # sorted, every node at least once
    raw, raw_labels = sel.text("agency_raw")
    raw_mode = _group_mode(node_of, raw[keep], raw_labels, n)
    doc, doc_labels = sel.text("doc_id")
    doc_of = doc[keep]
    empty = np.full(n, "", dtype=object)
    if node == "agency_id":
        first = np.ones(len(node_of), dtype=bool)
        first[1:] = node_of[1:] != node_of[:-1]
        place = doc_labels[doc_of[first]]
        columns = {"name_zh": raw_mode, "name_en": empty, "agency_type": empty.copy()}
        columns |= {"type_en": empty.copy(), "system": empty.copy(), "place": place}
        if table is not None:
            unique = ~pd.Series(table["agency_id"]).duplicated().to_numpy()
            at = np.flatnonzero(unique)
            pos = pd.Index(table["agency_id"][at]).get_indexer(labels)
            found = pos >= 0
            at = at[pos[found]]
            for c in ("name_zh", "name_en", "agency_type", "type_en", "system"):
                columns[c] = columns[c].copy()
                columns[c][found] = table[c][at]
            listed = table["doc_id"][at]
            place = place.copy()
            place[found] = np.where(listed != "", listed, place[found])
            columns["place"] = place
    else:
        # Pooled type graph: a node stands for one functional type across places.
        width = max(len(doc_labels), 1)
        of_node, docs = np.divmod(np.unique(node_of.astype(np.int64) * width + doc_of), width)
        names = doc_labels[docs]  # sorted within each node
        cuts = np.flatnonzero(of_node[1:] != of_node[:-1]) + 1
        place = np.empty(n, dtype=object)
        place[:] = [";".join(part) for part in np.split(names, cuts)] if n else []
        columns = {"name_zh": raw_mode, "name_en": empty, "agency_type": labels.copy()}
        columns |= {"type_en": empty.copy(), "system": empty.copy(), "place": place}
        if table is not None:
            group = pd.Index(labels).get_indexer(table["agency_type"])
            typed = group >= 0
            group = group[typed]
            found = np.bincount(group, minlength=n) > 0
            modes = {}
            for c in ("type_en", "name_zh", "system"):
                codes, values = pd.factorize(table[c][typed], sort=True)
                modes[c] = _group_mode(group, codes, np.asarray(values, dtype=object), n)
            for c, mode in (("name_zh", "name_zh"), ("name_en", "type_en")):
                columns[c] = columns[c].copy()
                columns[c][found] = modes[mode][found]
            for c in ("type_en", "system"):
                columns[c] = columns[c].copy()
                columns[c][found] = modes[c][found]
    columns["collective"] = _collective_nodes(sel, keep, n)
    keys = ("name_zh", "name_en", "agency_type", "type_en", "system", "place", "collective")
    return [
        {
            "bipartite": 0,
            "kind": "agency",
            "name_zh": name_zh,
            "name_en": name_en,
            "agency_type": agency_type,
            "type_en": type_en,
            "system": system,
            "place": place,
            "collective": collective,
        }
        for name_zh, name_en, agency_type, type_en, system, place, collective in zip(
            *(columns[k].tolist() for k in keys), strict=True
        )
    ]


def _collective_nodes(sel: _Selection, keep: np.ndarray, n: int) -> np.ndarray:
    """Whether each node is a collective actor: every one of its kept rows names one."""
    raw, raw_labels = sel.text("agency_raw")
    kind, kind_labels = sel.text("agency_type")
    flagged = units.is_collective(
        pd.Series(raw_labels[raw[keep]], dtype=object),
        pd.Series(kind_labels[kind[keep]], dtype=object),
    )
    node_of = sel.node[keep]
    rows = np.bincount(node_of, minlength=n)
    hits = np.bincount(node_of, weights=flagged.astype(float), minlength=n)
    return (rows > 0) & (hits == rows)


def _measure_attributes(
    sel: _Selection, keep: np.ndarray, measures: pd.DataFrame | None, extra: list[str] | None
) -> tuple[list, list[dict]]:
    """Measure nodes (sorted) and their attributes: those of ``sel`` and the ``extra`` ids."""
    labels = sel.measure_labels
    if extra is not None:
        labels = np.array(_sorted(set(labels.tolist()) | set(extra)), dtype=object)
    n = len(labels)
    if measures is None:
        measure_of = sel.measure[keep]
        doc, doc_labels = sel.text("doc_id")
        _, first = np.unique(measure_of, return_index=True)
        line = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(line, measure_of, sel.line[keep])
        text = section = theme = np.full(n, "", dtype=object)
        doc_id = doc_labels[doc[keep][first]]
    else:
        _require(measures, ("doc_id", "measure_id"), "measures")
        ids = _text(measures["measure_id"])
        at = np.flatnonzero(~ids.duplicated().to_numpy())
        pos = pd.Index(ids.to_numpy(dtype=object)[at]).get_indexer(labels)
        if (pos < 0).any():
            missing = labels[pos < 0].tolist()
            raise ValueError(
                f"{len(missing)} measure_id(s) of assignments are not in measures, "
                f"e.g. {missing[:3]}"
            )
        at = at[pos]

        def column(name: str) -> np.ndarray:
            if name not in measures.columns:
                return np.full(n, "", dtype=object)
            return _text(measures[name].iloc[at]).to_numpy(dtype=object)

        text, section, doc_id = column("text"), column("section_title"), column("doc_id")
        theme = column("theme")  # primary theme code (themes issue), for filtering in viewers
        if "line" in measures.columns:
            line = pd.to_numeric(measures["line"], errors="coerce").fillna(0).astype(np.int64)
            line = line.to_numpy()[at]
        else:
            line = np.zeros(n, dtype=np.int64)
    attrs = [
        {"bipartite": 1, "kind": "measure", "text": t, "section": s, "doc_id": d, "line": ln}
        | ({"theme": th} if th else {})
        for t, s, d, ln, th in zip(
            text.tolist(),
            section.tolist(),
            doc_id.tolist(),
            line.tolist(),
            theme.tolist(),
            strict=True,
        )
    ]
    return labels.tolist(), attrs


def _all_measures(measures: pd.DataFrame, docs: str | Iterable[str] | None) -> list[str]:
    _require(measures, ("doc_id", "measure_id"), "measures")
    wanted = _as_docs(docs)
    ids = _text(measures["measure_id"])
    if wanted is not None:
        ids = ids[_text(measures["doc_id"]).isin(wanted)]
    return [m for m in ids if m]


# --------------------------------------------------------------------------- the graph


def bipartite_graph(
    assignments: pd.DataFrame,
    measures: pd.DataFrame | None,
    agencies: pd.DataFrame | None = None,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    weights: Mapping[str, float] | None = None,
    node: str = "agency_id",
    isolated_measures: bool = False,
    responsible: str | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> nx.Graph:
    """Two-mode graph of agencies and the measures they lead or support.

    Parameters
    ----------
    assignments : DataFrame
        The assignments table (CONTRACT.md).
    measures : DataFrame or None
        The measures table; gives measure nodes their ``text``, ``section`` and
        ``line``. ``None`` leaves ``text`` and ``section`` empty.
    agencies : DataFrame, optional
        The agencies table; gives agency nodes their names, type and system.
        Without it, ``name_zh`` is the unit as written and the rest is empty.
    docs : str or iterable of str, optional
        Keep only these ``doc_id`` values (default: all).
    roles : sequence of {"lead", "support", "responsible"}
        Roles to keep, after ``responsible`` rows are counted (default: all).
    inherited : {"keep", "weight", "drop"} or bool
        Assignments carried down from merged table cells: kept (``"keep"``, ``True``,
        the default), kept with edge ``unit_weight`` 1/k of the k measures their cell
        spans (``"weight"``; :func:`agencygraph.units.inherited_weights`), or dropped
        (``"drop"``, ``False``).
    weights : mapping, optional
        Edge weight by role; default :data:`agencygraph.settings.ROLE_WEIGHTS`
        (lead 2, support 1, responsible 1.5), times ``unit_weight`` with
        ``inherited="weight"``. The graph carries the weights; which functions read
        them is said in each one's docstring (the centralities of
        :mod:`agencygraph.metrics` read them only where they take ``weight=``).
    node : {"agency_id", "agency_type"}
        ``"agency_id"`` (default): one node per agency within its place.
        ``"agency_type"``: the pooled cross-region graph, one node per
        functional type; its ``place`` lists the documents, ``;``-separated.
    isolated_measures : bool
        Also add measures of the selected documents that have no selected
        assignment, as isolated nodes (needs ``measures``). Default False.
    responsible : {"lead", "support", "apart"}, optional
        How assignments of role ``responsible`` (units named jointly
        responsible, no lead stated) count: as ``lead``, as ``support``, or
        ``apart`` (edges with role ``responsible`` and weight
        ``ROLE_WEIGHTS["responsible"]``; in degree and overlap, but in neither
        the lead nor the support counts). Default
        :data:`agencygraph.settings.RESPONSIBLE` (``"lead"``). Every function
        of :mod:`agencygraph.graph`, :mod:`agencygraph.metrics` and
        :mod:`agencygraph.compare` that takes the assignments table takes
        this option.
    unit : {"row", "task"}
        ``"row"`` (default): a measure per measures row, as coded. ``"task"``: the rows of
        one task merged into one measure (needs ``measures`` with ``task_no``; see
        :mod:`agencygraph.units`).
    collectives : {"keep", "drop"}
        Keep (default) or drop collective actors (各有关单位, 各县(区)党委和政府 …;
        :func:`agencygraph.units.is_collective`). Kept, they are flagged by the node
        attribute ``collective``.

    Returns
    -------
    networkx.Graph
        Agency nodes: ``bipartite=0, kind="agency", name_zh, name_en,
        agency_type, type_en, system, place, collective``. Measure nodes: ``bipartite=1,
        kind="measure", text, section, doc_id, line`` (and ``theme``, the
        primary theme code, where the measures table gives one). Edges: ``role,
        inherited, line, weight`` (and ``unit_weight`` with ``inherited="weight"``).
        ``G.graph`` holds the selection (``docs``, ``roles``, ``inherited`` — False only
        when dropped —, ``node``, ``unit``, ``inherited_rule``, ``collectives``) and
        ``skipped_unresolved``, the number of selected rows skipped because
        their node key was empty.

    Notes
    -----
    One edge per agency and measure: where a unit both leads and supports a
    measure it is kept as lead; an edge is ``inherited`` only if every row
    that gives it its role is inherited; ``line`` is that row's source line.
    In the type graph, two agencies of the same type on one measure make one
    edge, so edge counts are type–measure incidences.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-1", "d-2"],
    ...     "role": ["lead", "support", "lead"], "agency_raw": ["市人社局", "市总工会", "某办"],
    ...     "agency_id": ["d:hrss", "d:union", ""], "agency_type": ["hrss", "union", ""],
    ...     "inherited": [False, False, False], "line": [3, 3, 4]})
    >>> G = bipartite_graph(a, None)
    >>> sorted(G.edges(data="role"))
    [('d:hrss', 'd-1', 'lead'), ('d:union', 'd-1', 'support')]
    >>> G.graph["skipped_unresolved"]
    1
    """
    assignments, measures = units.prepare(
        assignments, measures, unit=unit, inherited=inherited, collectives=collectives
    )
    inherited = units.check_inherited(inherited)
    weights = dict(settings.ROLE_WEIGHTS if weights is None else weights)
    roles = _check_roles(roles)
    how = _check_responsible(responsible)
    used = [r for r in roles if r != "responsible" or how == "apart"]
    missing_weight = [r for r in used if r not in weights]
    if missing_weight:
        raise ValueError(f"weights has no value for role(s) {missing_weight}")
    sel = _Selection(
        assignments, docs=docs, roles=roles, inherited=inherited, node=node, responsible=how
    )
    keep = sel.first_per_pair()

    extra = None
    if isolated_measures:
        if measures is None:
            raise ValueError("isolated_measures=True needs the measures table")
        extra = _all_measures(measures, docs)
    agency_attrs = _agency_attributes(sel, keep, agencies, node)
    agency_ids = sel.node_labels.tolist()
    measure_ids, measure_attrs = _measure_attributes(sel, keep, measures, extra)
    clash = sorted(set(agency_ids) & set(measure_ids))
    if clash:
        raise ValueError(f"agency and measure ids collide: {clash[:3]}")

    wanted = _as_docs(docs)
    G = nx.Graph(
        docs=";".join(sorted(set(wanted))) if wanted is not None else "",
        roles=";".join(roles),
        inherited=inherited != "drop",
        node=node,
        skipped_unresolved=int(sel.skipped.sum()),
        unit=unit,
        inherited_rule=inherited,
        collectives=collectives,
    )
    G.add_nodes_from(zip(agency_ids, agency_attrs, strict=True))
    G.add_nodes_from(zip(measure_ids, measure_attrs, strict=True))
    role_weight = np.array([float(weights[r]) if r in used else 0.0 for r in ROLES])
    rank = sel.role[keep].astype(np.intp)
    unit_weight = sel.unit_weight[keep]
    extra_attrs = (
        [{"unit_weight": w} for w in unit_weight.tolist()]
        if inherited == "weight"
        else [{}] * len(keep)
    )
    G.add_edges_from(
        (a, m, {"role": r, "inherited": i, "line": ln, "weight": w} | x)
        for a, m, r, i, ln, w, x in zip(
            sel.node_labels[sel.node[keep]].tolist(),
            sel.measure_labels[sel.measure[keep]].tolist(),
            np.array(ROLES, dtype=object)[rank].tolist(),
            sel.inherited[keep].tolist(),
            sel.line[keep].tolist(),
            (role_weight[rank] * unit_weight).tolist(),
            extra_attrs,
            strict=True,
        )
    )
    return G


# --------------------------------------------------------------------------- incidence


def _graph_as_built(unit: str, collectives: str) -> None:
    """A graph is taken as built: its unit and collectives were chosen when it was."""
    if units.check_unit(unit) != "row" or units.check_collectives(collectives) != "keep":
        raise ValueError(
            "unit= and collectives= select from the assignments table; with a graph, "
            "build it with them (bipartite_graph(..., unit=, collectives=))"
        )


def graph_sides(G: nx.Graph) -> tuple[list, list]:
    if G.is_directed() or G.is_multigraph():
        raise ValueError("expected an undirected simple two-mode graph (nx.Graph)")
    # The node dicts read directly (G._node, networkx's documented layout): a NodeDataView
    # costs a Python call per node.
    side = [d.get("bipartite") for d in G._node.values()]
    top = list(compress(G._node, [b == 0 for b in side]))
    bottom = list(compress(G._node, [b == 1 for b in side]))
    if len(top) + len(bottom) != len(side):
        missing = [n for n, b in zip(G._node, side, strict=True) if b != 0 and b != 1]
        raise ValueError(f"nodes lack a bipartite attribute of 0 or 1, e.g. {missing[:3]}")
    return _sorted(top), _sorted(bottom)


def _graph_edges(G: nx.Graph, rows: list, cols: list, data: bool = True) -> tuple | None:
    """Every edge once, as row indices, column indices and data dicts, column by column.

    The edges are read from the adjacency of the ``cols`` nodes, so each
    row–column edge is met once. ``None`` if some edge does not join a row to
    a column (it is then met twice or not at all). ``data=False``: the third
    item is ``None`` (the data dicts are not gathered).
    """
    # The graph's own dicts (G._adj, networkx's documented layout): no view per node. Read
    # from the columns, whose neighbours are looked up among the rows: the smaller dict
    # (fewer agencies than measures), the quicker each of the many look-ups.
    row_of = dict(zip(rows, range(len(rows)), strict=True))
    adjacency = G._adj
    neighbours = list(map(adjacency.__getitem__, cols))
    degree = np.fromiter(map(len, neighbours), dtype=np.intp, count=len(cols))
    total = int(degree.sum())
    r = np.fromiter(
        map(row_of.get, chain.from_iterable(neighbours), repeat(-1)), dtype=np.intp, count=total
    )
    # Every neighbour of a column must be a row, and the rows must have no other edges
    # (between two rows, or a loop): then all degrees add up to twice the edges met here.
    if (r < 0).any() or sum(map(len, adjacency.values())) != 2 * total:
        return None
    c = np.repeat(np.arange(len(cols), dtype=np.intp), degree)
    if not data:
        return r, c, None
    return r, c, [d for nbrs in neighbours for d in nbrs.values()]


def _roles_of(data: list[dict]) -> np.ndarray | None:
    """The ``role`` of each edge as an object array; ``None`` if one is not in :data:`ROLES`."""
    roles = [d.get("role") for d in data]
    try:
        valid = set(roles) <= set(ROLES)
    except TypeError:  # an unhashable role
        valid = False
    if not valid:
        return None
    out = np.empty(len(roles), dtype=object)
    out[:] = roles
    return out


def _from_graph_checked(
    G: nx.Graph, rows: list, cols: list, *, weighted: bool, role: str | None
) -> sp.csr_matrix:
    """:func:`_from_graph` edge by edge; raises on the first edge that does not fit."""
    row_of = {n: i for i, n in enumerate(rows)}
    col_of = {n: j for j, n in enumerate(cols)}
    r, c, w = [], [], []
    for u, v, d in G.edges(data=True):
        if u not in row_of:
            u, v = v, u
        if u not in row_of or v not in col_of:
            raise ValueError(f"edge ({u!r}, {v!r}) joins two nodes of the same side")
        if role is not None:
            if d.get("role") not in ROLES:
                raise ValueError(f"edge ({u!r}, {v!r}) lacks a role of {', '.join(ROLES)}")
            if d["role"] != role:
                continue
        r.append(row_of[u])
        c.append(col_of[v])
        w.append(float(d.get("weight", 1.0)) if weighted else 1.0)
    return sp.csr_matrix((w, (r, c)), shape=(len(rows), len(cols)), dtype=float)


def _from_graph(
    G: nx.Graph,
    *,
    weighted: bool,
    role: str | None = None,
    sides: tuple[list, list] | None = None,
) -> sp.csr_matrix:
    rows, cols = graph_sides(G) if sides is None else sides
    edges = _graph_edges(G, rows, cols, data=weighted or role is not None)
    roles = None if edges is None or role is None else _roles_of(edges[2])
    if edges is None or (role is not None and roles is None):
        return _from_graph_checked(G, rows, cols, weighted=weighted, role=role)
    r, c, data = edges
    w = np.array([float(d.get("weight", 1.0)) for d in data]) if weighted else np.ones(len(r))
    if role is not None:
        mine = roles == role
        r, c, w = r[mine], c[mine], w[mine]
    # c is sorted (edges come column by column) and no (row, column) pair repeats (a simple
    # graph): the CSC arrays are at hand, and CSC -> CSR is one linear pass.
    indptr = np.zeros(len(cols) + 1, dtype=np.intp)
    np.cumsum(np.bincount(c, minlength=len(cols)), out=indptr[1:])
    B = sp.csc_matrix((w.astype(float), r, indptr), shape=(len(rows), len(cols))).tocsr()
    B.sort_indices()
    return B


def incidence_matrix(
    data: pd.DataFrame | nx.Graph,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    weighted: bool = False,
    weights: Mapping[str, float] | None = None,
    node: str = "agency_id",
    measures: pd.DataFrame | None = None,
    responsible: str | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> tuple[sp.csr_matrix, list, list]:
    """Sparse agency × measure incidence matrix.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        The assignments table, or a two-mode graph whose nodes carry
        ``bipartite`` 0 (rows) / 1 (columns); the selection options below
        apply to a table only.
    docs, roles, inherited, node, responsible, unit, collectives
        The selection, as in :func:`bipartite_graph`.
    weighted : bool
        ``False`` (default): :math:`B_{ik} = 1` if agency *i* is assigned to
        measure *k*. ``True``: the role weight (lead wins; times the
        ``unit_weight`` of ``inherited="weight"``), or the edge ``weight``
        attribute (default 1) of a graph.
    weights : mapping, optional
        Role weights; default :data:`agencygraph.settings.ROLE_WEIGHTS`.
    measures : DataFrame, optional
        With a table: add all measures of the selected documents as columns,
        including those without a selected assignment (all-zero columns).

    Returns
    -------
    B : scipy.sparse.csr_matrix of float, shape (n_agencies, n_measures)
    agency_labels : list
        Row labels, sorted.
    measure_labels : list
        Column labels, sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> B, rows, cols = incidence_matrix(nx.davis_southern_women_graph())
    >>> B.shape, int(B.sum())
    ((18, 14), 89)
    """
    if isinstance(data, nx.Graph):
        _graph_as_built(unit, collectives)
        rows, cols = graph_sides(data)
        return _from_graph(data, weighted=weighted, sides=(rows, cols)), rows, cols
    data, measures = units.prepare(
        data, measures, unit=unit, inherited=inherited, collectives=collectives
    )
    weights = dict(settings.ROLE_WEIGHTS if weights is None else weights)
    sel = _Selection(
        data, docs=docs, roles=roles, inherited=inherited, node=node, responsible=responsible
    )
    rows = sel.node_labels.tolist()
    c = sel.measure
    if measures is not None:
        cols = _sorted(set(sel.measure_labels.tolist()) | set(_all_measures(measures, docs)))
        c = pd.Index(cols).get_indexer(sel.measure_labels)[c]
    else:
        cols = sel.measure_labels.tolist()
    # One entry per (agency, measure). Unweighted: duplicates summed, then set to 1. Weighted:
    # the role that wins (lead, then responsible, then support) gives the weight.
    shape = (len(rows), len(cols))
    if weighted and len(sel.role):
        key = sel.node.astype(np.int64) * max(1, len(cols)) + c
        order = np.lexsort((_PRIORITY[sel.role], key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        best = order[first]
        won = sel.role[best].astype(np.intp)
        present = [ROLES[i] for i in sorted(set(won.tolist()))]
        values = pd.Series(present, dtype=object).map(weights).to_numpy(float)
        if np.isnan(values).any():
            raise ValueError(f"weights has no value for some role in {present}")
        lut = np.zeros(len(ROLES))
        lut[[ROLES.index(r) for r in present]] = values
        value = lut[won] * sel.unit_weight[best]
        B = sp.csr_matrix((value, (sel.node[best], c[best])), shape=shape)
    else:
        B = sp.csr_matrix((np.ones(len(sel.node)), (sel.node, c)), shape=shape)
        B.data = np.ones(len(B.data))
    return B, rows, cols


def role_incidence(
    data: pd.DataFrame | nx.Graph,
    *,
    docs: str | Iterable[str] | None,
    inherited: bool,
    node: str,
    responsible: str | None = None,
) -> tuple[sp.csr_matrix, sp.csr_matrix, list, list]:
    """Binary lead and support incidences on shared labels (lead wins)."""
    if isinstance(data, nx.Graph):
        rows, cols = graph_sides(data)
        edges = _graph_edges(data, rows, cols)
        roles = None if edges is None else _roles_of(edges[2])
        if roles is None:  # some edge does not fit: read edge by edge, which raises on it
            L = _from_graph_checked(data, rows, cols, weighted=False, role="lead")
            S = _from_graph_checked(data, rows, cols, weighted=False, role="support")
            return L, S, rows, cols
        r, c, _ = edges
        shape = (len(rows), len(cols))
        L, S = (
            sp.csr_matrix((np.ones(int(mine.sum())), (r[mine], c[mine])), shape=shape)
            for mine in (roles == "lead", roles == "support")
        )
        return L, S, rows, cols
    if units.check_inherited(inherited) == "weight":
        inherited = "keep"  # binary incidences: a weighted cell is present
    B, rows, cols = incidence_matrix(
        data,
        docs=docs,
        inherited=inherited,
        node=node,
        weighted=True,
        weights={"lead": 2.0, "support": 1.0, "responsible": 3.0},
        responsible=responsible,
    )
    L = (B == 2.0).astype(float).tocsr()
    S = (B == 1.0).astype(float).tocsr()
    return L, S, rows, cols


# --------------------------------------------------------------------------- projections


def projection_matrix(B: sp.csr_matrix, method: str, weight: bool = False) -> sp.coo_matrix:
    """Upper triangle (i < j) of the one-mode projection of the rows of ``B``.

    ``weight``: keep ``B``'s values (products of edge weights) for ``"count"`` and
    ``"newman"``; otherwise ``B`` is read as binary. The entries come sorted by row,
    then column.
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if weight and method not in ("count", "newman"):
        raise ValueError(f"weight=True needs method 'count' or 'newman', got {method!r}")
    B = B.tocsr()
    if B.dtype == float and B.has_canonical_format and (B.data == 1.0).all():
        binary = B  # already binary (the usual incidence): no copy; never written to below
    else:
        binary = (B != 0).astype(float).tocsr()
    B = B.astype(float, copy=False) if weight else binary
    if method == "newman":
        size = np.asarray(binary.sum(axis=0)).ravel()
        # A measure with a single agency joins nobody, so it adds nothing (Newman 2001).
        inv = np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)
        W = B @ sp.diags(inv) @ B.T
    else:
        W = B @ B.T
    # The upper triangle read off the product's CSR (row-major already), then only its
    # columns sorted within each row: no COO copy of the whole product, no global sort.
    W = W.tocsr()
    n = W.shape[0]
    row = np.repeat(np.arange(n, dtype=W.indices.dtype), np.diff(W.indptr))
    upper = W.indices > row
    indptr = np.zeros(n + 1, dtype=W.indptr.dtype)
    np.cumsum(np.bincount(row[upper], minlength=n), out=indptr[1:])
    U = sp.csr_matrix((W.data[upper], W.indices[upper], indptr), shape=W.shape)
    U.sort_indices()
    row = np.repeat(np.arange(n, dtype=U.indices.dtype), np.diff(U.indptr))
    col, shared = U.indices, U.data
    if method in ("jaccard", "overlap"):
        degree = np.asarray(B.sum(axis=1)).ravel()
        if method == "jaccard":
            denom = degree[row] + degree[col] - shared
        else:
            denom = np.minimum(degree[row], degree[col])
        shared = shared / denom
    return sp.coo_matrix((shared, (row, col)), shape=W.shape)


def _edge_frame(W: sp.coo_matrix, labels: list) -> pd.DataFrame:
    labels = np.asarray(labels, dtype=object)
    if not W.nnz:
        source = target = np.array([], dtype=object)
    elif (inferred := pd.Series(labels)).dtype == _STR:
        # The dtype pandas infers for these labels, without scanning every edge.
        source, target = inferred.array.take(W.row), inferred.array.take(W.col)
    else:
        source, target = labels[W.row], labels[W.col]
    return pd.DataFrame({"source": source, "target": target, "weight": W.data.astype(float)})


def _projection_graph(
    W: sp.coo_matrix, labels: list, source: nx.Graph | None, G: nx.Graph
) -> nx.Graph:
    """Fill the empty graph ``G`` with the nodes ``labels`` and the edges of ``W``.

    The result is what ``G.add_nodes_from`` (attributes copied from ``source``) and then
    ``G.add_edges_from`` of the entries of ``W`` in order give, node and neighbour order
    included, but built in bulk in the graph's own dicts (``G._node``, ``G._adj``; their
    layout is documented by networkx): adding edges one by one costs more than the
    whole projection.
    """
    if type(G) is not nx.Graph or len(G):
        raise ValueError("expected an empty nx.Graph")  # the dict layout below is nx.Graph's
    if len(set(labels)) != len(labels):
        raise ValueError("projection labels are not distinct")
    # The objects made here (dicts of strings and floats) hold no reference cycles, so the
    # cyclic garbage collector has nothing to find in them; left on, it walks every object
    # of the process many times over while they are made (a third of the time at 10,000
    # plans). It is switched back on as it was, whatever happens.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _fill_graph(W, labels, source, G)
    finally:
        if enabled:
            gc.enable()


def _fill_graph(W: sp.coo_matrix, labels: list, source: nx.Graph | None, G: nx.Graph) -> nx.Graph:
    n = len(labels)
    if source is not None:
        attrs = source._node
        G._node.update(zip(labels, map(dict, map(attrs.__getitem__, labels)), strict=True))
    else:
        G._node.update(zip(labels, [{} for _ in range(n)], strict=True))
    # One data dict per edge, shared by both directions as add_edge does.
    data = np.empty(W.nnz, dtype=object)
    data[:] = [{"weight": w} for w in W.data.tolist()]
    # The neighbours of node i in add_edges_from's order: the edges (j, i) met earlier
    # (j < i, ascending), then (i, k) (k > i, ascending) -- ascending index, i.e. the
    # symmetric matrix's CSR with sorted indices. Its values point at the edge (+1, so that
    # no stored value is 0).
    edge = np.arange(1, W.nnz + 1)
    S = sp.csr_matrix(
        (
            np.concatenate([edge, edge]),
            (np.concatenate([W.row, W.col]), np.concatenate([W.col, W.row])),
        ),
        shape=(n, n),
    )
    S.sort_indices()
    # (fromiter, not asarray: a label may be a tuple, which must stay one object.)
    names = np.fromiter(labels, dtype=object, count=n)
    pairs = zip(names[S.indices].tolist(), data[S.data - 1].tolist(), strict=True)
    # dict(islice(pairs, degree)) for each node in turn: the loop runs in C.
    G._adj.update(
        zip(labels, map(dict, map(islice, repeat(pairs), np.diff(S.indptr).tolist())), strict=True)
    )
    return G


def project_agencies(
    data: pd.DataFrame | nx.Graph,
    *,
    method: str = "count",
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    node: str = "agency_id",
    as_frame: bool = False,
    responsible: str | None = None,
    weight: bool = False,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> nx.Graph | pd.DataFrame:
    r"""One-mode agency × agency projection, as a sparse product :math:`BB^T`.

    With :math:`B` the binary incidence (agency *i*, measure *k*),
    :math:`N(i)` the measures of *i* and :math:`n_k` the number of agencies
    on measure *k*:

    - ``"count"``: :math:`w_{ij} = \sum_k B_{ik}B_{jk} = |N(i) \cap N(j)|`,
      the number of shared measures (networkx ``weighted_projected_graph``).
    - ``"newman"``: :math:`w_{ij} = \sum_k B_{ik}B_{jk} / (n_k - 1)`, Newman's
      collaboration weighting, so that a measure shared by many units counts
      less per pair (networkx ``collaboration_weighted_projected_graph``).
    - ``"jaccard"``: :math:`|N(i) \cap N(j)| / |N(i) \cup N(j)|`
      (networkx ``overlap_weighted_projected_graph(jaccard=True)``).
    - ``"overlap"``: the overlap coefficient
      :math:`|N(i) \cap N(j)| / \min(|N(i)|, |N(j)|)`
      (``overlap_weighted_projected_graph(jaccard=False)``).

    Weights. By default the role weights do not enter: :math:`B` is binary.
    ``weight=True`` uses the weighted incidence :math:`W_{ik}` (role weight,
    lead 2 / support 1 / responsible 1.5 by default, times ``unit_weight``
    with ``inherited="weight"``; a graph's edge ``weight``):
    ``"count"`` gives :math:`\sum_k W_{ik}W_{jk}` (two leads of one measure
    add 4, a lead and a support 2, two supports 1) and ``"newman"``
    :math:`\sum_k W_{ik}W_{jk}/(n_k - 1)`; Jaccard and overlap stay binary.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table or two-mode graph (agencies ``bipartite=0``).
    method : {"count", "newman", "jaccard", "overlap"}
    docs, roles, inherited, node, responsible, unit, collectives
        The selection, as in :func:`bipartite_graph` (tables only);
        ``measures`` (optional) is needed for ``unit="task"``.
    as_frame : bool
        Return the tidy edge table ``source, target, weight`` (one row per
        linked pair, ``source < target``, sorted) instead of a graph.
    weight : bool
        Project the weighted incidence (see Weights); default False.

    Returns
    -------
    networkx.Graph or DataFrame
        Every agency is a node (isolated ones too; with a graph as input they
        keep its node attributes); an edge joins agencies sharing a measure.

    References
    ----------
    M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths,
    weighted networks, and centrality", Phys. Rev. E 64, 016132 (2001).

    Examples
    --------
    >>> import networkx as nx
    >>> P = project_agencies(nx.davis_southern_women_graph())
    >>> P["Evelyn Jefferson"]["Laura Mandeville"]["weight"]
    6.0
    """
    if isinstance(data, nx.Graph):
        _graph_as_built(unit, collectives)
    else:
        data, _ = units.prepare(
            data, measures, unit=unit, inherited=inherited, collectives=collectives
        )
    B, rows, _ = incidence_matrix(
        data,
        docs=docs,
        roles=roles,
        inherited=inherited,
        node=node,
        responsible=responsible,
        weighted=weight,
    )
    W = projection_matrix(B, method, weight)
    if as_frame:
        return _edge_frame(W, rows)
    source = data if isinstance(data, nx.Graph) else None
    return _projection_graph(W, rows, source, nx.Graph(projection="agencies", method=method))


def project_measures(
    data: pd.DataFrame | nx.Graph,
    *,
    method: str = "count",
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    node: str = "agency_id",
    as_frame: bool = False,
    responsible: str | None = None,
    weight: bool = False,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> nx.Graph | pd.DataFrame:
    r"""One-mode measure × measure projection, as a sparse product :math:`B^TB`.

    The same methods as :func:`project_agencies` with the two modes swapped:
    ``"count"`` is the number of agencies two measures share, ``"newman"``
    weights each shared agency *i* by :math:`1/(d_i - 1)` with :math:`d_i` its
    number of measures, ``"jaccard"`` and ``"overlap"`` compare the measures'
    agency sets. ``weight=True`` projects the weighted incidence as there.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table or two-mode graph (measures ``bipartite=1``).
    method : {"count", "newman", "jaccard", "overlap"}
    docs, roles, inherited, node, responsible, measures, unit, collectives
        The selection, as in :func:`project_agencies` (tables only).
    as_frame : bool
        Return the tidy edge table ``source, target, weight`` instead.
    weight : bool
        Project the weighted incidence (see :func:`project_agencies`).

    Returns
    -------
    networkx.Graph or DataFrame
        Every measure is a node; an edge joins measures sharing an agency.

    Examples
    --------
    >>> import networkx as nx
    >>> P = project_measures(nx.davis_southern_women_graph())
    >>> P["E1"]["E2"]["weight"]
    2.0
    """
    if isinstance(data, nx.Graph):
        _graph_as_built(unit, collectives)
    else:
        data, _ = units.prepare(
            data, measures, unit=unit, inherited=inherited, collectives=collectives
        )
    B, _, cols = incidence_matrix(
        data,
        docs=docs,
        roles=roles,
        inherited=inherited,
        node=node,
        responsible=responsible,
        weighted=weight,
    )
    W = projection_matrix(B.T.tocsr(), method, weight)
    if as_frame:
        return _edge_frame(W, cols)
    source = data if isinstance(data, nx.Graph) else None
    return _projection_graph(W, cols, source, nx.Graph(projection="measures", method=method))


def lead_support_network(
    data: pd.DataFrame | nx.Graph,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
    node: str = "agency_id",
    as_frame: bool = False,
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
) -> nx.DiGraph | pd.DataFrame:
    r"""Directed network lead → support, weighted by the measures they share.

    With :math:`L` and :math:`S` the binary lead and support incidences
    (a unit that both leads and supports a measure counts as lead only),

    .. math:: w_{i \to j} = (L S^T)_{ij} = |\{k : i \text{ leads } k,\ j \text{ supports } k\}|.

    Co-leads are not linked to each other, nor co-supporters. Role weights
    do not enter (the roles define the direction); ``inherited="weight"``
    counts as kept.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table, or a two-mode graph whose edges carry ``role``.
    docs, inherited, node, responsible, measures, unit, collectives
        The selection, as in :func:`project_agencies` (tables only); ``responsible``
        rows kept apart are in neither the lead nor the support incidence.
    as_frame : bool
        Return the tidy edge table ``source, target, weight`` (sorted).

    Returns
    -------
    networkx.DiGraph or DataFrame
        Every agency with a selected lead or support is a node; the integer
        edge ``weight`` is the number of measures.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1"] * 3,
    ...     "role": ["lead", "support", "support"], "agency_id": ["d:a", "d:b", "d:c"],
    ...     "agency_type": ["a", "b", "c"], "inherited": [False] * 3, "line": [1] * 3})
    >>> sorted(lead_support_network(a).edges(data="weight"))
    [('d:a', 'd:b', 1), ('d:a', 'd:c', 1)]
    """
    if isinstance(data, nx.Graph):
        _graph_as_built(unit, collectives)
    else:
        data, _ = units.prepare(
            data, measures, unit=unit, inherited=inherited, collectives=collectives
        )
    L, S, rows, _ = role_incidence(
        data, docs=docs, inherited=inherited, node=node, responsible=responsible
    )
    W = (L @ S.T).tocoo()
    order = np.lexsort((W.col, W.row))
    keep = order[W.data[order] != 0]
    src, dst, wt = W.row[keep], W.col[keep], W.data[keep].astype(np.int64)
    if as_frame:
        labels = np.asarray(rows, dtype=object)
        return pd.DataFrame({"source": labels[src], "target": labels[dst], "weight": wt})
    D = nx.DiGraph(projection="lead_support")
    source = data if isinstance(data, nx.Graph) else None
    D.add_nodes_from((n, dict(source.nodes[n]) if source is not None else {}) for n in rows)
    D.add_edges_from(
        (rows[i], rows[j], {"weight": w})
        for i, j, w in zip(src.tolist(), dst.tolist(), wt.tolist(), strict=True)
    )
    return D
