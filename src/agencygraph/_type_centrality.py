"""``type_centrality`` of the pooled agency-type graph without a networkx graph of every measure.

The table is :func:`agencygraph.metrics.agency_centrality` of
``bipartite_graph(assignments, None, agencies, node="agency_type")``, one row per agency
type. That graph holds a node (and an attribute dict per edge) for every measure of the
corpus: at 10,000 synthetic plans 270,000 measures and 1.3 million edges, about 1 GiB,
most of the memory of a streamed build. Only the type nodes' rows are reported, and every
column is a function of the type × measure incidence, so it is computed here from the
selection's integer arrays and sparse matrices, with the same floating-point operations in
the same order as the graph path (the table equals it bit for bit,
``tests/test_type_centrality.py``):

- degree, closeness (integer sums of distances), strength, the role counts and the
  projection centralities read the incidence, built from the same entries;
- betweenness repeats :func:`agencygraph.metrics.centrality._component_centrality`: the
  same components in the same order, the same seeded pivots. A component sampled past
  ``BETWEENNESS_EXACT_NODES`` nodes is searched from one pivot at a time rather than 16
  at once (the per-pivot rows are the same numbers: every entry of a row is computed
  from that row alone, in the same order; they are summed in the same order), and its
  closeness from a few types at a time, so memory grows with the measures, not with
  the measures × (pivots or types).

Measures of one type-set are structurally equivalent and could be merged with
multiplicities, but the betweenness sums would then run in another order and differ in
the last bits; they are kept apart.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

from agencygraph import settings, units
from agencygraph._tables import sorted_labels
from agencygraph.graph import (
    ROLES,
    _agency_attributes,
    _check_responsible,
    _projection_graph,
    _Selection,
    projection_matrix,
)
from agencygraph.metrics.centrality import (
    _DENSE_NODES,
    _bipartite_betweenness_max,
    _brandes,
    _comparable,
    _component_centrality,
    _eigenvector,
)

#: Pivots searched together (the batch of ``_component_centrality``'s sampled branch,
#: whose per-batch sums the betweenness repeats).
_PIVOT_BATCH = 16
#: Types whose distances are held at once for the closeness of a sampled component.
_CLOSENESS_BATCH = 8


def type_centrality(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None,
    *,
    inherited: bool | str = True,
    responsible: str | None = None,
    seed: int | None = None,
) -> pd.DataFrame:
    """The ``type_centrality`` table: agency centralities of the pooled type graph.

    Equals ``agency_centrality(bipartite_graph(assignments, None, agencies,
    inherited=inherited, node="agency_type", responsible=responsible),
    seed=seed).reset_index(drop=True)`` (the default projection, weights and
    collectives), without building the graph.

    Parameters
    ----------
    assignments : DataFrame
        The assignments table, at the unit of analysis (as ``metric_tables`` prepares it).
    agencies : DataFrame or None
        The agencies table (names, systems of the types).
    inherited, responsible
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    seed : int, optional
        Seed of sampled betweenness; default :data:`agencygraph.settings.SEED`.

    Returns
    -------
    DataFrame
        One row per agency type, sorted, in the columns of
        :func:`agencygraph.metrics.agency_centrality`.

    Examples
    --------
    >>> import agencygraph as ag
    >>> coded = ag.parse_corpus()
    >>> table = type_centrality(coded.assignments, coded.agencies, seed=1)
    >>> table.columns[:3].tolist(), table["agency_type"].is_unique
    (['name_zh', 'name_en', 'agency_type'], True)
    """
    from agencygraph.graph import bipartite_graph
    from agencygraph.metrics import agency_centrality

    seed = settings.SEED if seed is None else int(seed)
    # As bipartite_graph selects (row unit, collectives kept: metric_tables prepared them).
    assignments, _ = units.prepare(assignments, None, inherited=inherited)
    how = _check_responsible(responsible)
    sel = _Selection(
        assignments,
        docs=None,
        roles=ROLES,
        inherited=units.check_inherited(inherited),
        node="agency_type",
        responsible=how,
    )
    keep = sel.first_per_pair()
    if not len(keep):  # no edge: the graph is tiny, and its empty table has its own dtypes
        G = bipartite_graph(
            assignments, None, agencies, inherited=inherited, node="agency_type",
            responsible=responsible,
        )  # fmt: skip
        return agency_centrality(G, seed=seed).reset_index(drop=True)
    attrs = _agency_attributes(sel, keep, agencies, "agency_type")
    node_ids = sel.node_labels.tolist()
    measure_ids = sel.measure_labels.tolist()
    clash = sorted(set(node_ids) & set(measure_ids))
    if clash:
        raise ValueError(f"agency and measure ids collide: {clash[:3]}")
    # The graph's sides are sorted (graph_sides); the selection's labels are too, but map
    # through the sort rather than assume it.
    top = sorted_labels(node_ids)
    bottom = sorted_labels(measure_ids)
    row_of = pd.Index(top).get_indexer(sel.node_labels)[sel.node[keep]]
    col_of = pd.Index(bottom).get_indexer(sel.measure_labels)[sel.measure[keep]]
    attrs = [attrs[i] for i in pd.Index(node_ids).get_indexer(top)]
    n, m = len(top), len(bottom)
    weights = dict(settings.ROLE_WEIGHTS)
    used = [r for r in ROLES if r != "responsible" or how == "apart"]
    role_weight = np.array([float(weights[r]) if r in used else 0.0 for r in ROLES])
    rank = sel.role[keep].astype(np.intp)
    edge_weight = role_weight[rank] * sel.unit_weight[keep]
    del sel, keep

    # Two-mode degree, closeness and betweenness (two_mode_centrality, type rows only).
    ends = (np.r_[row_of, n + col_of], np.r_[n + col_of, row_of])
    A = sp.csr_matrix((np.ones(2 * len(row_of)), ends), shape=(n + m, n + m))
    A.data[:] = 1.0
    raw, total, reached, sampled = _type_rows(
        A,
        n_top=n,
        seed=seed,
        exact_nodes=settings.BETWEENNESS_EXACT_NODES,
        pivots=settings.BETWEENNESS_PIVOTS,
    )
    n_comp, labels = connected_components(A, directed=False)
    del A
    deg = np.bincount(row_of, minlength=n).astype(float)
    degree = np.divide(deg, float(m), out=np.zeros_like(deg), where=m > 0)
    big = n + m
    share = (reached - 1) / (big - 1) if big > 1 else np.zeros(n)
    scale = float(m + 2 * (n - 1))
    closeness = np.divide(scale, total, out=np.zeros(n), where=(total > 0) & (big > 1)) * share
    bmax = _bipartite_betweenness_max(n, m)
    betweenness = np.divide(raw, bmax, out=np.zeros_like(raw), where=bmax > 0)

    # Projection centralities: the binary incidence, as incidence_matrix(G) reads it.
    B = sp.csr_matrix((np.ones(len(row_of)), (row_of, col_of)), shape=(n, m), dtype=float)
    upper = projection_matrix(B, "newman", False)
    eig = _eigenvector((upper + upper.T).tocsr(), max_iter=10_000, tol=1e-10)
    P = _projection_graph(upper, top, None, nx.Graph(projection="agencies", method="newman"))
    pr = nx.pagerank(P, alpha=0.85)
    del B, upper, P
    strength = np.asarray(
        sp.csr_matrix((edge_weight, (row_of, col_of)), shape=(n, m), dtype=float).sum(axis=1)
    ).ravel()
    # Every edge carries a role of ROLES, so the role counts are those of role_incidence.
    lead, support = rank == ROLES.index("lead"), rank == ROLES.index("support")
    n_lead = np.bincount(row_of[lead], minlength=n).astype(float)
    n_support = np.bincount(row_of[support], minlength=n).astype(float)
    roles_total = n_lead + n_support
    text = {
        key: [str(a.get(key, "") or "") for a in attrs]
        for key in ("name_zh", "name_en", "agency_type", "system", "place")
    }
    out = pd.DataFrame(
        {
            **text,
            "degree": degree,
            "closeness": closeness,
            "betweenness": betweenness,
            "betweenness_method": np.where(sampled, "sampled", "exact").astype(object),
            "eigenvector": eig,
            "pagerank": np.array([pr[v] for v in top], dtype=float),
            "n_lead": n_lead,
            "n_support": n_support,
            "lead_role_share": np.divide(
                n_lead, roles_total, out=np.full(n, np.nan), where=roles_total > 0
            ),
            "strength": strength,
            "component": _component_rank(labels, n_comp, top, bottom)[:n],
            "collective": [bool(a.get("collective", False)) for a in attrs],
        },
        index=pd.Index(top, name="agency", dtype=object),
    )
    return _comparable(out, text["place"]).reset_index(drop=True)


def _component_rank(labels: np.ndarray, n_comp: int, top: list, bottom: list) -> np.ndarray:
    """Each node's component numbered by size (largest first), then by its smallest node
    as text (``agency_centrality``'s ``_components``; nodes: ``top``, then ``bottom``)."""
    n, big = len(top), len(top) + len(bottom)
    size = np.bincount(labels, minlength=n_comp)
    # Each side is sorted, so a component's smallest node of a side is its first one.
    first_top = np.full(n_comp, big, dtype=np.int64)
    first_bottom = np.full(n_comp, big, dtype=np.int64)
    np.minimum.at(first_top, labels[:n], np.arange(n))
    np.minimum.at(first_bottom, labels[n:], np.arange(n, big))

    def smallest(c: int) -> str:
        names = [str(top[i]) for i in (first_top[c],) if i < big]
        names += [str(bottom[i - n]) for i in (first_bottom[c],) if i < big]
        return min(names)

    order = sorted(range(n_comp), key=lambda c: (-int(size[c]), smallest(c)))
    number = np.empty(n_comp, dtype=np.int64)
    number[order] = np.arange(n_comp)
    return number[labels]


def _type_rows(
    A: sp.csr_matrix, *, n_top: int, seed: int, exact_nodes: int, pivots: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Raw betweenness, distance sums, reach and sampling flag of the first ``n_top`` nodes.

    The values of ``_component_centrality(A, closeness_of=arange(n_top), ...)`` for those
    nodes, bit for bit; a component over ``exact_nodes`` nodes is searched from one pivot
    at a time and its distance sums a few nodes at a time (bounded memory).
    """
    n = A.shape[0]
    _, labels = connected_components(A, directed=False)
    size_of = np.bincount(labels)
    if n <= min(exact_nodes, _DENSE_NODES) or size_of.max() <= exact_nodes:
        # No sampled component: every search is as small as a component (at most
        # exact_nodes nodes), so the shared routine's memory is bounded already.
        raw, total, reached, sampled = _component_centrality(
            A, n_top=n_top, closeness_of=np.arange(n_top), seed=seed,
            exact_nodes=exact_nodes, pivots=pivots,
        )  # fmt: skip
        return raw[:n_top], total[:n_top], reached[:n_top], sampled[:n_top]
    betweenness = np.zeros(n_top)
    total = np.zeros(n_top)
    reached = np.zeros(n_top)
    sampled = np.zeros(n_top, dtype=bool)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    rng = np.random.default_rng(seed)
    for members in np.split(order, bounds):
        size = len(members)
        tops = np.flatnonzero(members < n_top)  # positions in the component (members sorted)
        if size < 2:
            reached[members[tops]] = 1
            continue
        sub = A if size == n else A[members][:, members]
        if size <= _DENSE_NODES:
            sub = sub.toarray()
        if size <= exact_nodes:
            # As _component_centrality: every source, 512 at a time.
            sources = np.arange(size)
            dep_all = np.zeros(size)
            for start in range(0, size, 512):
                chunk = sources[start : start + 512]
                dist, dep, _ = _brandes(sub, chunk)
                dep_all += dep
                mine = chunk[members[chunk] < n_top]
                total[members[mine]] = dist[members[chunk] < n_top].sum(axis=1)
                reached[members[mine]] = size
            betweenness[members[tops]] += dep_all[tops]
            continue
        sampled[members[tops]] = True
        chosen = np.sort(rng.choice(size, size=min(pivots, size), replace=False))
        dep = np.zeros(len(tops))
        for start in range(0, len(chosen), _PIVOT_BATCH):
            batch = chosen[start : start + _PIVOT_BATCH]
            if size <= _DENSE_NODES:
                part = _brandes(sub, batch)[1][tops]
            else:
                # The batch's sum over its pivots, row by row in pivot order, as numpy
                # reduces a (pivots, nodes) array along its first axis.
                part = None
                for s in batch:
                    row = _brandes(sub, np.array([s]))[1][tops]
                    part = row if part is None else part + row
            dep += part
        betweenness[members[tops]] += dep * size / len(chosen)
        for start in range(0, len(tops), _CLOSENESS_BATCH):
            local = tops[start : start + _CLOSENESS_BATCH]
            dist = shortest_path(sub, unweighted=True, indices=local)
            total[members[local]] = dist.sum(axis=1)  # integers: exact in any order
            reached[members[local]] = size
    return betweenness / 2.0, total, reached, sampled
