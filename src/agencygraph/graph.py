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

from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from agencygraph import settings

__all__ = [
    "ROLES",
    "bipartite_graph",
    "incidence_matrix",
    "lead_support_network",
    "project_agencies",
    "project_measures",
]

#: The two roles an assignment can have, in priority order (lead wins).
ROLES: tuple[str, ...] = ("lead", "support")

_ASSIGNMENT_COLUMNS = ("doc_id", "measure_id", "role", "agency_id", "agency_type", "inherited")
_NODE_KEYS = ("agency_id", "agency_type")
_METHODS = ("count", "newman", "jaccard", "overlap")
_TRUE = {"true", "1", "yes", "t", "y"}
_FALSE = {"false", "0", "no", "f", "n", ""}


# --------------------------------------------------------------------------- helpers


def _require(table: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} table lacks column(s) {missing}; see CONTRACT.md")


def _text(series: pd.Series) -> pd.Series:
    """Strings with missing values as "" (CSV readers turn empty cells into NaN)."""
    return series.astype(object).where(series.notna(), "").astype(str).str.strip()


def _as_bool(series: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        return series.astype(bool)
    text = _text(series).str.lower()
    bad = sorted(set(text) - _TRUE - _FALSE)
    if bad:
        raise ValueError(f"inherited must be true/false, got {bad[:5]}")
    return text.isin(_TRUE)


def _sorted(labels: Iterable[Hashable]) -> list:
    labels = list(labels)
    try:
        return sorted(labels)
    except TypeError:  # mixed label types: order by type name, then text
        return sorted(labels, key=lambda x: (type(x).__name__, str(x)))


def _as_docs(docs: str | Iterable[str] | None) -> list[str] | None:
    if docs is None:
        return None
    return [docs] if isinstance(docs, str) else [str(d) for d in docs]


def _check_roles(roles: str | Sequence[str]) -> tuple[str, ...]:
    roles = (roles,) if isinstance(roles, str) else tuple(roles)
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise ValueError(f"roles must be a non-empty subset of {ROLES}, got {roles!r}")
    return roles


def _select(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None,
    roles: str | Sequence[str],
    inherited: bool,
    node: str,
) -> tuple[pd.DataFrame, pd.Series]:
    """Rows of the selection, one per (node, measure), and the rows skipped.

    The returned frame has columns ``node, measure_id, doc_id, role, inherited,
    line, agency_raw`` and is sorted by ``node, measure_id``. The series counts,
    per ``doc_id``, the selected rows skipped because their node key is empty.
    """
    _require(assignments, _ASSIGNMENT_COLUMNS, "assignments")
    if node not in _NODE_KEYS:
        raise ValueError(f"node must be one of {_NODE_KEYS}, got {node!r}")
    roles = _check_roles(roles)
    rows = pd.DataFrame(
        {
            "node": _text(assignments[node]),
            "measure_id": _text(assignments["measure_id"]),
            "doc_id": _text(assignments["doc_id"]),
            "role": _text(assignments["role"]),
            "inherited": _as_bool(assignments["inherited"]),
            "line": (
                pd.to_numeric(assignments["line"], errors="coerce").fillna(0).astype(np.int64)
                if "line" in assignments.columns
                else np.int64(0)
            ),
            "agency_raw": (
                _text(assignments["agency_raw"]) if "agency_raw" in assignments.columns else ""
            ),
        }
    )
    unknown = sorted(set(rows["role"]) - set(ROLES))
    if unknown:
        raise ValueError(f"assignments.role must be lead or support, got {unknown}")
    wanted = _as_docs(docs)
    if wanted is not None:
        rows = rows[rows["doc_id"].isin(wanted)]
    rows = rows[rows["role"].isin(roles)]
    if not inherited:
        rows = rows[~rows["inherited"]]
    unresolved = rows["node"] == ""
    skipped = rows.loc[unresolved, "doc_id"].value_counts().sort_index()
    rows = rows[~unresolved]
    # Lead beats support; an explicit cell beats an inherited one; then the earliest line.
    rows = rows.assign(_rank=rows["role"].map({r: i for i, r in enumerate(ROLES)}))
    rows = rows.sort_values(
        ["node", "measure_id", "_rank", "inherited", "line", "agency_raw"], kind="mergesort"
    )
    rows = rows.drop_duplicates(["node", "measure_id"], keep="first")
    return rows.drop(columns="_rank").reset_index(drop=True), skipped


def _mode(values: Iterable[str]) -> str:
    """Most frequent non-empty string; ties broken by sort order."""
    counts = pd.Series([v for v in values if v], dtype=object).value_counts()
    if counts.empty:
        return ""
    best = counts.max()
    return min(counts.index[counts == best])


def _agency_attributes(
    rows: pd.DataFrame, agencies: pd.DataFrame | None, node: str
) -> dict[str, dict]:
    """Node attributes for every agency node in ``rows``."""
    table = None
    if agencies is not None:
        _require(agencies, ("agency_id", "doc_id", "name_zh", "agency_type"), "agencies")
        table = pd.DataFrame(
            {
                c: _text(agencies[c]) if c in agencies.columns else ""
                for c in (
                    "agency_id",
                    "doc_id",
                    "name_zh",
                    "name_en",
                    "agency_type",
                    "type_en",
                    "system",
                )
            }
        )
    attrs: dict[str, dict] = {}
    if node == "agency_id":
        lookup = {} if table is None else table.drop_duplicates("agency_id").set_index("agency_id")
        raw = rows.sort_values(["node", "line"]).groupby("node")["agency_raw"].agg(_mode)
        first = rows.groupby("node")["doc_id"].first()
        for agency in _sorted(rows["node"].unique()):
            if table is not None and agency in lookup.index:
                rec = lookup.loc[agency]
                attrs[agency] = {
                    "name_zh": rec["name_zh"],
                    "name_en": rec["name_en"],
                    "agency_type": rec["agency_type"],
                    "type_en": rec["type_en"],
                    "system": rec["system"],
                    "place": rec["doc_id"] or first[agency],
                }
            else:
                attrs[agency] = {
                    "name_zh": raw[agency],
                    "name_en": "",
                    "agency_type": "",
                    "type_en": "",
                    "system": "",
                    "place": first[agency],
                }
        return attrs
    # Pooled type graph: a node stands for one functional type across places.
    places = rows.groupby("node")["doc_id"].agg(lambda s: ";".join(sorted(set(s))))
    raw = rows.groupby("node")["agency_raw"].agg(_mode)
    for agency_type in _sorted(rows["node"].unique()):
        of_type = None if table is None else table[table["agency_type"] == agency_type]
        if of_type is not None and not of_type.empty:
            type_en = _mode(of_type["type_en"])
            attrs[agency_type] = {
                "name_zh": _mode(of_type["name_zh"]),
                "name_en": type_en,
                "agency_type": agency_type,
                "type_en": type_en,
                "system": _mode(of_type["system"]),
                "place": places[agency_type],
            }
        else:
            attrs[agency_type] = {
                "name_zh": raw[agency_type],
                "name_en": "",
                "agency_type": agency_type,
                "type_en": "",
                "system": "",
                "place": places[agency_type],
            }
    return attrs


def _measure_attributes(
    rows: pd.DataFrame, measures: pd.DataFrame | None, keep: Iterable[str]
) -> dict[str, dict]:
    keep = _sorted(set(keep))
    if measures is None:
        doc = rows.groupby("measure_id")["doc_id"].first()
        line = rows.groupby("measure_id")["line"].min()
        return {
            m: {"text": "", "section": "", "doc_id": doc[m], "line": int(line[m])} for m in keep
        }
    _require(measures, ("doc_id", "measure_id"), "measures")
    table = pd.DataFrame(
        {
            "measure_id": _text(measures["measure_id"]),
            "doc_id": _text(measures["doc_id"]),
            "text": _text(measures["text"]) if "text" in measures.columns else "",
            "section": (
                _text(measures["section_title"]) if "section_title" in measures.columns else ""
            ),
            "line": (
                pd.to_numeric(measures["line"], errors="coerce").fillna(0).astype(np.int64)
                if "line" in measures.columns
                else np.int64(0)
            ),
        }
    ).drop_duplicates("measure_id")
    table = table.set_index("measure_id")
    missing = [m for m in keep if m not in table.index]
    if missing:
        raise ValueError(
            f"{len(missing)} measure_id(s) of assignments are not in measures, e.g. {missing[:3]}"
        )
    return {
        m: {
            "text": table.at[m, "text"],
            "section": table.at[m, "section"],
            "doc_id": table.at[m, "doc_id"],
            "line": int(table.at[m, "line"]),
        }
        for m in keep
    }


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
    roles : sequence of {"lead", "support"}
        Roles to keep: ``("lead",)``, ``("support",)`` or both (default).
    inherited : bool
        Keep assignments carried down from merged table cells (default True).
    weights : mapping, optional
        Edge weight by role; default :data:`agencygraph.settings.ROLE_WEIGHTS`.
    node : {"agency_id", "agency_type"}
        ``"agency_id"`` (default): one node per agency within its place.
        ``"agency_type"``: the pooled cross-region graph, one node per
        functional type; its ``place`` lists the documents, ``;``-separated.
    isolated_measures : bool
        Also add measures of the selected documents that have no selected
        assignment, as isolated nodes (needs ``measures``). Default False.

    Returns
    -------
    networkx.Graph
        Agency nodes: ``bipartite=0, kind="agency", name_zh, name_en,
        agency_type, type_en, system, place``. Measure nodes: ``bipartite=1,
        kind="measure", text, section, doc_id, line``. Edges: ``role,
        inherited, line, weight``. ``G.graph`` holds the selection
        (``docs``, ``roles``, ``inherited``, ``node``) and
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
    weights = dict(settings.ROLE_WEIGHTS if weights is None else weights)
    roles = _check_roles(roles)
    missing_weight = [r for r in roles if r not in weights]
    if missing_weight:
        raise ValueError(f"weights has no value for role(s) {missing_weight}")
    rows, skipped = _select(assignments, docs=docs, roles=roles, inherited=inherited, node=node)

    measure_ids = set(rows["measure_id"])
    if isolated_measures:
        if measures is None:
            raise ValueError("isolated_measures=True needs the measures table")
        measure_ids |= set(_all_measures(measures, docs))
    agency_attrs = _agency_attributes(rows, agencies, node)
    measure_attrs = _measure_attributes(rows, measures, measure_ids)
    clash = sorted(set(agency_attrs) & set(measure_attrs))
    if clash:
        raise ValueError(f"agency and measure ids collide: {clash[:3]}")

    wanted = _as_docs(docs)
    G = nx.Graph(
        docs=";".join(sorted(set(wanted))) if wanted is not None else "",
        roles=";".join(roles),
        inherited=bool(inherited),
        node=node,
        skipped_unresolved=int(skipped.sum()),
    )
    G.add_nodes_from((a, {"bipartite": 0, "kind": "agency", **d}) for a, d in agency_attrs.items())
    G.add_nodes_from(
        (m, {"bipartite": 1, "kind": "measure", **d}) for m, d in measure_attrs.items()
    )
    G.add_edges_from(
        (
            a,
            m,
            {"role": r, "inherited": bool(i), "line": int(ln), "weight": float(weights[r])},
        )
        for a, m, r, i, ln in zip(
            rows["node"],
            rows["measure_id"],
            rows["role"],
            rows["inherited"],
            rows["line"],
            strict=True,
        )
    )
    return G


# --------------------------------------------------------------------------- incidence


def _graph_sides(G: nx.Graph) -> tuple[list, list]:
    if G.is_directed() or G.is_multigraph():
        raise ValueError("expected an undirected simple two-mode graph (nx.Graph)")
    missing = [n for n, b in G.nodes(data="bipartite") if b not in (0, 1)]
    if missing:
        raise ValueError(f"nodes lack a bipartite attribute of 0 or 1, e.g. {missing[:3]}")
    top = _sorted(n for n, b in G.nodes(data="bipartite") if b == 0)
    bottom = _sorted(n for n, b in G.nodes(data="bipartite") if b == 1)
    return top, bottom


def _from_graph(G: nx.Graph, *, weighted: bool, role: str | None = None) -> sp.csr_matrix:
    rows, cols = _graph_sides(G)
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
                raise ValueError(f"edge ({u!r}, {v!r}) lacks a role of lead or support")
            if d["role"] != role:
                continue
        r.append(row_of[u])
        c.append(col_of[v])
        w.append(float(d.get("weight", 1.0)) if weighted else 1.0)
    return sp.csr_matrix((w, (r, c)), shape=(len(rows), len(cols)), dtype=float)


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
) -> tuple[sp.csr_matrix, list, list]:
    """Sparse agency × measure incidence matrix.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        The assignments table, or a two-mode graph whose nodes carry
        ``bipartite`` 0 (rows) / 1 (columns); the selection options below
        apply to a table only.
    docs, roles, inherited, node
        The selection, as in :func:`bipartite_graph`.
    weighted : bool
        ``False`` (default): :math:`B_{ik} = 1` if agency *i* is assigned to
        measure *k*. ``True``: the role weight (lead wins), or the edge
        ``weight`` attribute (default 1) of a graph.
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
        rows, cols = _graph_sides(data)
        return _from_graph(data, weighted=weighted), rows, cols
    weights = dict(settings.ROLE_WEIGHTS if weights is None else weights)
    sel, _ = _select(data, docs=docs, roles=roles, inherited=inherited, node=node)
    rows = _sorted(sel["node"].unique())
    col_set = set(sel["measure_id"])
    if measures is not None:
        col_set |= set(_all_measures(measures, docs))
    cols = _sorted(col_set)
    r = pd.Index(rows).get_indexer(sel["node"])
    c = pd.Index(cols).get_indexer(sel["measure_id"])
    values = sel["role"].map(weights).to_numpy(float) if weighted else np.ones(len(sel))
    if np.isnan(values).any():
        raise ValueError(f"weights has no value for some role in {sorted(set(sel['role']))}")
    B = sp.csr_matrix((values, (r, c)), shape=(len(rows), len(cols)))
    return B, rows, cols


def _role_incidence(
    data: pd.DataFrame | nx.Graph,
    *,
    docs: str | Iterable[str] | None,
    inherited: bool,
    node: str,
) -> tuple[sp.csr_matrix, sp.csr_matrix, list, list]:
    """Binary lead and support incidences on shared labels (lead wins)."""
    if isinstance(data, nx.Graph):
        rows, cols = _graph_sides(data)
        L = _from_graph(data, weighted=False, role="lead")
        S = _from_graph(data, weighted=False, role="support")
        return L, S, rows, cols
    B, rows, cols = incidence_matrix(
        data,
        docs=docs,
        inherited=inherited,
        node=node,
        weighted=True,
        weights={"lead": 2.0, "support": 1.0},
    )
    L = (B == 2.0).astype(float).tocsr()
    S = (B == 1.0).astype(float).tocsr()
    return L, S, rows, cols


# --------------------------------------------------------------------------- projections


def _project(B: sp.csr_matrix, method: str) -> sp.coo_matrix:
    """Upper triangle (i < j) of the one-mode projection of the rows of ``B``."""
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    B = (B != 0).astype(float).tocsr()
    if method == "newman":
        size = np.asarray(B.sum(axis=0)).ravel()
        # A measure with a single agency joins nobody, so it adds nothing (Newman 2001).
        inv = np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)
        W = B @ sp.diags(inv) @ B.T
    else:
        W = B @ B.T
    W = sp.triu(W, k=1).tocoo()
    if method in ("jaccard", "overlap"):
        degree = np.asarray(B.sum(axis=1)).ravel()
        shared = W.data
        if method == "jaccard":
            denom = degree[W.row] + degree[W.col] - shared
        else:
            denom = np.minimum(degree[W.row], degree[W.col])
        W = sp.coo_matrix((shared / denom, (W.row, W.col)), shape=W.shape)
    order = np.lexsort((W.col, W.row))
    return sp.coo_matrix((W.data[order], (W.row[order], W.col[order])), shape=W.shape)


def _edge_frame(W: sp.coo_matrix, labels: list) -> pd.DataFrame:
    labels = np.asarray(labels, dtype=object)
    return pd.DataFrame(
        {
            "source": labels[W.row] if W.nnz else np.array([], dtype=object),
            "target": labels[W.col] if W.nnz else np.array([], dtype=object),
            "weight": W.data.astype(float),
        }
    )


def _projection_graph(
    W: sp.coo_matrix, labels: list, source: nx.Graph | None, G: nx.Graph
) -> nx.Graph:
    G.add_nodes_from((n, dict(source.nodes[n]) if source is not None else {}) for n in labels)
    G.add_weighted_edges_from(
        (labels[i], labels[j], float(w)) for i, j, w in zip(W.row, W.col, W.data, strict=True)
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

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table or two-mode graph (agencies ``bipartite=0``).
    method : {"count", "newman", "jaccard", "overlap"}
    docs, roles, inherited, node
        The selection, as in :func:`bipartite_graph` (tables only).
    as_frame : bool
        Return the tidy edge table ``source, target, weight`` (one row per
        linked pair, ``source < target``, sorted) instead of a graph.

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
    B, rows, _ = incidence_matrix(data, docs=docs, roles=roles, inherited=inherited, node=node)
    W = _project(B, method)
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
) -> nx.Graph | pd.DataFrame:
    r"""One-mode measure × measure projection, as a sparse product :math:`B^TB`.

    The same methods as :func:`project_agencies` with the two modes swapped:
    ``"count"`` is the number of agencies two measures share, ``"newman"``
    weights each shared agency *i* by :math:`1/(d_i - 1)` with :math:`d_i` its
    number of measures, ``"jaccard"`` and ``"overlap"`` compare the measures'
    agency sets.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table or two-mode graph (measures ``bipartite=1``).
    method : {"count", "newman", "jaccard", "overlap"}
    docs, roles, inherited, node
        The selection, as in :func:`bipartite_graph` (tables only).
    as_frame : bool
        Return the tidy edge table ``source, target, weight`` instead.

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
    B, _, cols = incidence_matrix(data, docs=docs, roles=roles, inherited=inherited, node=node)
    W = _project(B.T.tocsr(), method)
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
) -> nx.DiGraph | pd.DataFrame:
    r"""Directed network lead → support, weighted by the measures they share.

    With :math:`L` and :math:`S` the binary lead and support incidences
    (a unit that both leads and supports a measure counts as lead only),

    .. math:: w_{i \to j} = (L S^T)_{ij} = |\{k : i \text{ leads } k,\ j \text{ supports } k\}|.

    Co-leads are not linked to each other, nor co-supporters.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table, or a two-mode graph whose edges carry ``role``.
    docs, inherited, node
        The selection, as in :func:`bipartite_graph` (tables only).
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
    L, S, rows, _ = _role_incidence(data, docs=docs, inherited=inherited, node=node)
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
    D.add_weighted_edges_from(
        (rows[i], rows[j], int(w)) for i, j, w in zip(src, dst, wt, strict=True)
    )
    return D
