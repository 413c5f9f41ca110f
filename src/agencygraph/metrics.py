"""Centrality, brokerage, overlap, network indices and null models.

Every function returns a tidy :class:`pandas.DataFrame` with documented
columns, rows in a sorted order, so that the same input gives an identical
table. Randomised procedures take a ``seed`` (default
:data:`agencygraph.settings.SEED`); nothing depends on dict or set order.

Role matrices
-------------
The null models work on one document at a time with a dense *role matrix*
``R`` (agencies × measures): 0 = not assigned, 1 = support, 2 = lead. The
built-in statistics (:data:`STATISTICS`) and any user statistic passed to
:func:`null_model_zscores` are functions of such a matrix.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from agencygraph import settings
from agencygraph.graph import (
    ROLES,
    _graph_sides,
    _project,
    _require,
    _role_incidence,
    _select,
    _text,
    incidence_matrix,
    project_agencies,
)

__all__ = [
    "BROKERAGE_ROLES",
    "STATISTICS",
    "agency_centrality",
    "brokerage_roles",
    "network_indices",
    "null_model_zscores",
    "null_samples",
    "overlap",
    "role_matrices",
    "two_mode_centrality",
]

#: Gould–Fernandez brokerage roles, as (a's group, b's group, c's group) of a two-path a → b → c.
BROKERAGE_ROLES: tuple[str, ...] = (
    "coordinator",
    "gatekeeper",
    "representative",
    "consultant",
    "liaison",
)


# --------------------------------------------------------------------------- centrality


def _bipartite_betweenness_max(n: int, m: int) -> float:
    """Largest possible betweenness of a node whose own side has ``n`` nodes.

    Borgatti & Everett (1997), as in ``networkx.bipartite.betweenness_centrality``.
    """
    if m == 0:
        return 0.0
    s, t = divmod(n - 1, m)
    return ((m**2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2.0


def two_mode_centrality(G: nx.Graph) -> pd.DataFrame:
    r"""Degree, closeness and betweenness normalised for a two-mode network.

    For a node *v* on a side with :math:`n` nodes, the other side having
    :math:`m` nodes (Borgatti & Everett 1997; Borgatti & Halgin 2011):

    - degree :math:`d_v = \deg(v) / m`;
    - closeness :math:`c_v = (m + 2(n - 1)) / \sum_u \operatorname{dist}(v, u)`,
      the sum running over the nodes *v* can reach, then multiplied by
      :math:`(r_v - 1)/(N - 1)` where :math:`r_v` is the size of *v*'s
      component and :math:`N = n + m`, so that a disconnected graph is
      handled component by component (0 for an isolated node);
    - betweenness :math:`b_v = g_v / b_{\max}(n, m)`, with :math:`g_v` the
      unnormalised shortest-path betweenness and
      :math:`b_{\max} = \tfrac12[m^2(s+1)^2 + m(s+1)(2t-s-1) - t(2s-t+3)]`,
      :math:`s, t = \operatorname{divmod}(n - 1, m)` (0 when
      :math:`b_{\max} = 0`, e.g. the lone node of a star's centre side).

    These are the values of ``networkx.algorithms.bipartite``
    (``degree_centrality``, ``closeness_centrality``,
    ``betweenness_centrality``), with the node sets taken from the
    ``bipartite`` node attribute. Edge weights are ignored.

    Parameters
    ----------
    G : networkx.Graph
        Undirected two-mode graph; every node carries ``bipartite`` 0 or 1.

    Returns
    -------
    DataFrame
        Indexed by ``node`` (side 0 first, then side 1, each sorted) with
        float columns ``degree``, ``closeness``, ``betweenness``.

    References
    ----------
    S. P. Borgatti and M. G. Everett, "Network analysis of 2-mode data",
    Social Networks 19 (1997) 243–269.
    S. P. Borgatti and D. S. Halgin, "Analyzing affiliation networks", in
    The SAGE Handbook of Social Network Analysis (2011) 417–433.

    Examples
    --------
    >>> import networkx as nx
    >>> c = two_mode_centrality(nx.davis_southern_women_graph())
    >>> c.loc["E8"].round(2).tolist()
    [0.78, 0.85, 0.24]
    """
    top, bottom = _graph_sides(G)
    n, m = len(top), len(bottom)
    nodes = top + bottom
    side = np.array([0] * n + [1] * m)
    other = np.where(side == 0, m, n).astype(float)
    deg = np.array([G.degree(v) for v in nodes], dtype=float)
    degree = np.divide(deg, other, out=np.zeros_like(deg), where=other > 0)

    clo = nx.bipartite.closeness_centrality(G, top) if len(G) else {}
    raw = nx.betweenness_centrality(G, normalized=False, weight=None)
    bmax = np.where(side == 0, _bipartite_betweenness_max(n, m), _bipartite_betweenness_max(m, n))
    graw = np.array([raw[v] for v in nodes], dtype=float)
    betweenness = np.divide(graw, bmax, out=np.zeros_like(graw), where=bmax > 0)
    return pd.DataFrame(
        {
            "degree": degree,
            "closeness": np.array([clo[v] for v in nodes], dtype=float),
            "betweenness": betweenness,
        },
        index=pd.Index(nodes, name="node", dtype=object),
    )


def _eigenvector(W: sp.csr_matrix, *, max_iter: int, tol: float) -> np.ndarray:
    """Power iteration on W + I from the uniform vector, as networkx does.

    Starting from the uniform vector (not a random one) makes the result a
    deterministic function of the graph, also where the leading eigenvalue is
    repeated (disconnected graphs).
    """
    k = W.shape[0]
    if k == 0:
        return np.zeros(0)
    x = np.full(k, 1.0 / k)
    for _ in range(max_iter):
        last = x
        x = last + W.T @ last
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < k * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def agency_centrality(
    G: nx.Graph,
    *,
    projection: str = "newman",
    alpha: float = 0.85,
    max_iter: int = 10_000,
    tol: float = 1e-10,
) -> pd.DataFrame:
    r"""Tidy centrality table, one row per agency (``bipartite=0`` node).

    Columns
    -------
    - ``name_zh, name_en, agency_type, system, place``: node attributes
      (empty where absent);
    - ``degree, closeness, betweenness``: two-mode centralities of
      :func:`two_mode_centrality` in the whole graph ``G``;
    - ``eigenvector``: leading eigenvector of the weighted agency projection
      :math:`W` (:func:`agencygraph.graph.project_agencies`), by power
      iteration on :math:`W + I` from the uniform vector, unit Euclidean norm
      — the value of ``networkx.eigenvector_centrality(P, weight="weight")``;
    - ``pagerank``: ``networkx.pagerank`` of the projection (damping
      ``alpha``, weighted);
    - ``n_lead, n_support``: measures the agency leads / supports (edge
      ``role``; NaN when the graph's edges carry no role);
    - ``lead_share`` :math:`= n_{lead} / (n_{lead} + n_{support})`.

    Both projection centralities are deterministic (no random start), so no
    seed is needed.

    Parameters
    ----------
    G : networkx.Graph
        Two-mode graph, e.g. from :func:`agencygraph.graph.bipartite_graph`.
    projection : {"newman", "count", "jaccard", "overlap"}
        Weighting of the agency projection. Newman's (default) keeps a measure
        assigned to many units from dominating.
    alpha : float
        PageRank damping factor.
    max_iter, tol
        Power-iteration limits of the eigenvector centrality.

    Returns
    -------
    DataFrame
        Indexed by ``agency``, sorted.

    References
    ----------
    P. Bonacich, "Factoring and weighting approaches to status scores and
    clique identification", J. Math. Sociol. 2 (1972) 113–120.
    S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web
    search engine", Computer Networks 30 (1998) 107–117.

    Examples
    --------
    >>> import networkx as nx
    >>> t = agency_centrality(nx.davis_southern_women_graph())
    >>> t["pagerank"].sum().round(6)
    np.float64(1.0)
    """
    top, _ = _graph_sides(G)
    two_mode = two_mode_centrality(G).loc[top] if top else two_mode_centrality(G)
    B, _, _ = incidence_matrix(G)
    upper = _project(B, projection)
    eig = _eigenvector((upper + upper.T).tocsr(), max_iter=max_iter, tol=tol)
    pr = nx.pagerank(project_agencies(G, method=projection), alpha=alpha) if top else {}

    has_role = [r in ROLES for _, _, r in G.edges(data="role")]
    if has_role and all(has_role):
        L, S, _, _ = _role_incidence(G, docs=None, inherited=True, node="agency_id")
        n_lead = np.asarray(L.sum(axis=1)).ravel()
        n_support = np.asarray(S.sum(axis=1)).ravel()
    elif not any(has_role):
        n_lead = np.full(len(top), np.nan)
        n_support = np.full(len(top), np.nan)
    else:
        raise ValueError("some edges carry a role (lead/support) and some do not")
    total = n_lead + n_support
    attrs = {
        key: [str(G.nodes[v].get(key, "") or "") for v in top]
        for key in ("name_zh", "name_en", "agency_type", "system", "place")
    }
    return pd.DataFrame(
        {
            **attrs,
            "degree": two_mode["degree"].to_numpy(),
            "closeness": two_mode["closeness"].to_numpy(),
            "betweenness": two_mode["betweenness"].to_numpy(),
            "eigenvector": eig,
            "pagerank": np.array([pr[v] for v in top], dtype=float),
            "n_lead": n_lead,
            "n_support": n_support,
            "lead_share": np.divide(n_lead, total, out=np.full(len(top), np.nan), where=total > 0),
        },
        index=pd.Index(top, name="agency", dtype=object),
    )


# --------------------------------------------------------------------------- brokerage


def brokerage_roles(
    D: nx.DiGraph,
    groups: Mapping[Hashable, Hashable] | None = None,
    *,
    attr: str = "system",
) -> pd.DataFrame:
    r"""Gould–Fernandez brokerage counts per node of a directed network.

    A node *b* brokers the ordered pair *(a, c)* when :math:`a \to b \to c`,
    :math:`a \neq c` and there is **no** direct tie :math:`a \to c` (Gould &
    Fernandez 1989; the rule of statnet's ``sna::brokerage``). A reverse tie
    :math:`c \to a` does not matter. With :math:`g(\cdot)` the group of a
    node, each brokered pair counts once for *b* in one role:

    ================  ==============================  ===========
    role              groups                          sna name
    ================  ==============================  ===========
    coordinator       g(a) = g(b) = g(c)              w_I
    gatekeeper        g(a) ≠ g(b) = g(c)              b_OI
    representative    g(a) = g(b) ≠ g(c)              b_IO
    consultant        g(a) = g(c) ≠ g(b) (itinerant)  w_O
    liaison           all three different             b_O
    ================  ==============================  ===========

    Counts are sums of sparse products over group pairs (no loop over node
    pairs): for groups :math:`g_1, g_2` and broker *b*,
    :math:`\sum_{a \in g_1, c \in g_2} A_{ab}A_{bc}(1 - A_{ac} - \delta_{ac})
    = (A^T\mathbf 1_{g_1})_b (A\mathbf 1_{g_2})_b
    - \sum_{a \in g_1} A_{ab}(A P_{g_2} A^T)_{ab}
    - [g_1 = g_2]\sum_{a \in g_1} A_{ab}A_{ba}`.
    Weights and self-loops are ignored.

    Parameters
    ----------
    D : networkx.DiGraph
        E.g. :func:`agencygraph.graph.lead_support_network`.
    groups : mapping, optional
        Group of each node; default: the node attribute ``attr``.
    attr : str
        Node attribute giving the group (default ``"system"``: party,
        government, mass_org, …).

    Returns
    -------
    DataFrame
        Indexed by ``agency`` (sorted): ``group``, the five role counts,
        ``total`` (their sum) and ``unclassified`` — brokered pairs where a
        node involved has no group (missing or empty), which are counted but
        not given a role.

    References
    ----------
    R. V. Gould and R. M. Fernandez, "Structures of mediation: A formal
    approach to brokerage in transaction networks", Sociological Methodology
    19 (1989) 89–126.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> t = brokerage_roles(D, {"a": "party", "b": "government", "c": "government"})
    >>> t.loc["b", ["gatekeeper", "total"]].tolist()
    [1, 1]
    """
    if not D.is_directed():
        raise ValueError("brokerage_roles needs a directed graph (lead → support)")
    nodes = sorted(D.nodes(), key=lambda v: (type(v).__name__, v))
    k = len(nodes)
    label = [(groups.get(v) if groups is not None else D.nodes[v].get(attr)) for v in nodes]
    label = ["" if g is None or (isinstance(g, float) and np.isnan(g)) else str(g) for g in label]
    names = sorted(set(label))
    code = np.array([names.index(g) for g in label], dtype=np.int64)

    index = {v: i for i, v in enumerate(nodes)}
    ties = np.array([(index[u], index[v]) for u, v in D.edges() if u != v], dtype=np.int64)
    ties = ties.reshape(-1, 2)
    A = sp.csr_matrix((np.ones(len(ties), dtype=np.int64), (ties[:, 0], ties[:, 1])), shape=(k, k))
    At = A.T.tocsr()
    counts = {r: np.zeros(k, dtype=np.int64) for r in (*BROKERAGE_ROLES, "unclassified")}
    indicator = [
        sp.diags((code == gi).astype(np.int64), dtype=np.int64) for gi in range(len(names))
    ]
    for g1, P1 in enumerate(indicator):
        from_g1 = P1 @ A  # rows a in g1
        into_b = np.asarray(from_g1.sum(axis=0)).ravel()
        for g2, P2 in enumerate(indicator):
            out_b = np.asarray((A @ P2).sum(axis=1)).ravel()
            closed = np.asarray(from_g1.multiply(A @ P2 @ At).sum(axis=0)).ravel()
            back = np.asarray(from_g1.multiply(At).sum(axis=0)).ravel() if g1 == g2 else 0
            n_paths = into_b * out_b - closed - back
            for gb in range(len(names)):
                if "" in (names[g1], names[g2], names[gb]):
                    role = "unclassified"
                elif g1 == gb == g2:
                    role = "coordinator"
                elif gb == g2:
                    role = "gatekeeper"
                elif g1 == gb:
                    role = "representative"
                elif g1 == g2:
                    role = "consultant"
                else:
                    role = "liaison"
                counts[role] += np.where(code == gb, n_paths, 0)
    table = pd.DataFrame(
        {"group": label, **{r: counts[r] for r in BROKERAGE_ROLES}},
        index=pd.Index(nodes, name="agency", dtype=object),
    )
    table["total"] = table[list(BROKERAGE_ROLES)].sum(axis=1).astype(np.int64)
    table["unclassified"] = counts["unclassified"]
    return table


# --------------------------------------------------------------------------- overlap


def overlap(
    data: pd.DataFrame | nx.Graph,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    node: str = "agency_id",
) -> pd.DataFrame:
    r"""Overlap of agencies' measure sets, one row per pair that shares a measure.

    For agencies *i*, *j* with measure sets :math:`N(i), N(j)`:
    Jaccard :math:`|N(i)\cap N(j)| / |N(i)\cup N(j)|` and overlap coefficient
    :math:`|N(i)\cap N(j)| / \min(|N(i)|, |N(j)|)` (Szymkiewicz–Simpson),
    both from one sparse product :math:`BB^T`.

    Parameters
    ----------
    data : DataFrame or networkx.Graph
        Assignments table or two-mode graph (agencies ``bipartite=0``).
    docs, roles, inherited, node
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.

    Returns
    -------
    DataFrame
        ``source, target, n_shared, n_source, n_target, jaccard, overlap``;
        ``source < target``, sorted. Pairs sharing nothing are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> t = overlap(nx.davis_southern_women_graph())
    >>> t.loc[0, "source"], t.loc[0, "target"], int(t.loc[0, "n_shared"])
    ('Brenda Rogers', 'Charlotte McDowd', 4)
    """
    B, rows, _ = incidence_matrix(data, docs=docs, roles=roles, inherited=inherited, node=node)
    B = (B != 0).astype(np.int64).tocsr()
    degree = np.asarray(B.sum(axis=1)).ravel()
    C = sp.triu(B @ B.T, k=1).tocoo()
    order = np.lexsort((C.col, C.row))
    i, j, shared = C.row[order], C.col[order], C.data[order].astype(np.int64)
    labels = np.asarray(rows, dtype=object)
    return pd.DataFrame(
        {
            "source": labels[i] if len(i) else np.array([], dtype=object),
            "target": labels[j] if len(j) else np.array([], dtype=object),
            "n_shared": shared,
            "n_source": degree[i],
            "n_target": degree[j],
            "jaccard": shared / (degree[i] + degree[j] - shared),
            "overlap": shared / np.minimum(degree[i], degree[j]),
        }
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
) -> dict[str, tuple[np.ndarray, list, list]]:
    """Dense role matrix of each document: 0 none, 1 support, 2 lead.

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
    sel, _ = _select(assignments, docs=docs, roles=roles, inherited=inherited, node=node)
    extra: dict[str, set] = {}
    if measures is not None:
        wanted = None if docs is None else ({docs} if isinstance(docs, str) else set(docs))
        _require(measures, ("doc_id", "measure_id"), "measures")
        pairs = zip(_text(measures["doc_id"]), _text(measures["measure_id"]), strict=True)
        for d, m in pairs:
            if m and (wanted is None or d in wanted):
                extra.setdefault(d, set()).add(m)
    out = {}
    for doc in sorted(set(sel["doc_id"]) | set(extra)):
        part = sel[sel["doc_id"] == doc]
        rows = sorted(set(part["node"]))
        cols = sorted(set(part["measure_id"]) | extra.get(doc, set()))
        R = np.zeros((len(rows), len(cols)), dtype=np.int8)
        r = pd.Index(rows).get_indexer(part["node"])
        c = pd.Index(cols).get_indexer(part["measure_id"])
        R[r, c] = np.where(part["role"].to_numpy() == "lead", 2, 1)
        out[doc] = (R, rows, cols)
    return out


def _pairs_mean(values: np.ndarray, k: int) -> float:
    n_pairs = k * (k - 1) / 2
    return float(values.sum() / n_pairs) if n_pairs else float("nan")


def _density(R: np.ndarray) -> float:
    return float((R != 0).mean()) if R.size else float("nan")


def _mean_agency_degree(R: np.ndarray) -> float:
    return float((R != 0).sum(axis=1).mean()) if R.shape[0] else float("nan")


def _lead_counts(R: np.ndarray) -> np.ndarray:
    return (R == 2).sum(axis=1)


def _lead_top_share(R: np.ndarray) -> float:
    leads = _lead_counts(R)
    return float(leads.max() / leads.sum()) if leads.sum() else float("nan")


def _lead_hhi(R: np.ndarray) -> float:
    leads = _lead_counts(R)
    return float(((leads / leads.sum()) ** 2).sum()) if leads.sum() else float("nan")


def _n_components(R: np.ndarray) -> float:
    B = sp.csr_matrix((R != 0).astype(np.int8))
    k, m = B.shape
    adjacency = sp.bmat([[None, B], [B.T, None]], format="csr", dtype=np.int8) if k and m else None
    if adjacency is None:
        return float(k + m)
    return float(connected_components(adjacency, directed=False)[0])


def _shared(R: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    B = (R != 0).astype(np.int64)
    C = B @ B.T
    i, j = np.triu_indices(B.shape[0], k=1)
    degree = B.sum(axis=1)
    return C[i, j], degree[i], degree[j]


def _mean_shared(R: np.ndarray) -> float:
    shared, _, _ = _shared(R)
    return _pairs_mean(shared, R.shape[0])


def _mean_jaccard(R: np.ndarray) -> float:
    shared, di, dj = _shared(R)
    union = di + dj - shared
    jac = np.divide(shared, union, out=np.zeros(len(shared)), where=union > 0)
    return _pairs_mean(jac, R.shape[0])


def _projection_density(R: np.ndarray) -> float:
    shared, _, _ = _shared(R)
    return _pairs_mean(shared > 0, R.shape[0])


#: Built-in statistics of a role matrix R (0 none, 1 support, 2 lead), by name.
STATISTICS: dict[str, Callable[[np.ndarray], float]] = {
    "density": _density,
    "mean_agency_degree": _mean_agency_degree,
    "lead_top_share": _lead_top_share,
    "lead_hhi": _lead_hhi,
    "n_components": _n_components,
    "mean_shared": _mean_shared,
    "mean_jaccard": _mean_jaccard,
    "projection_density": _projection_density,
}


def network_indices(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    measures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    r"""Network indices of each document's agency × measure graph.

    With :math:`n_a` agencies, :math:`n_m` measures, :math:`E` edges and
    :math:`\ell_i` the number of measures agency *i* leads:

    - ``density`` :math:`= E / (n_a n_m)` (bipartite density);
    - ``mean_agency_degree`` :math:`= E / n_a`;
    - ``lead_top_share`` :math:`= \max_i \ell_i / \sum_i \ell_i`;
    - ``lead_hhi`` :math:`= \sum_i (\ell_i / \sum_j \ell_j)^2` (Herfindahl);
    - ``n_components``: connected components of the two-mode graph;
    - ``mean_shared``, ``mean_jaccard``: mean over all agency pairs of the
      number of shared measures / of the Jaccard overlap (0 for disjoint
      pairs);
    - ``projection_density``: share of agency pairs that share a measure.

    These depend on plan size (a small plan is denser by construction); see
    :func:`null_model_zscores` for size-fair comparisons.

    Parameters
    ----------
    assignments : DataFrame
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    measures : DataFrame, optional
        Count every measure of the document in :math:`n_m` (isolated measure
        nodes too); default: only measures with a selected assignment.

    Returns
    -------
    DataFrame
        One row per ``doc_id`` (sorted): ``doc_id, n_agencies, n_measures,
        n_edges, n_leads,`` the indices above, and ``skipped_unresolved``
        (selected rows without an ``agency_id``).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-1", "d-2"],
    ...     "role": ["lead", "support", "lead"], "agency_id": ["d:a", "d:b", "d:a"],
    ...     "agency_type": ["a", "b", "a"], "inherited": [False] * 3, "line": [1, 1, 2]})
    >>> network_indices(a).loc[0, ["density", "lead_top_share", "lead_hhi"]].tolist()
    [0.75, 1.0, 1.0]
    """
    _, skipped = _select(assignments, docs=docs, roles=roles, inherited=inherited, node="agency_id")
    records = []
    mats = role_matrices(
        assignments, docs=docs, roles=roles, inherited=inherited, measures=measures
    )
    empty = (np.zeros((0, 0), dtype=np.int8), [], [])
    for doc in sorted(set(mats) | set(skipped.index)):
        R, rows, cols = mats.get(doc, empty)
        rec = {
            "doc_id": doc,
            "n_agencies": len(rows),
            "n_measures": len(cols),
            "n_edges": int((R != 0).sum()),
            "n_leads": int((R == 2).sum()),
        }
        rec.update({name: f(R) for name, f in STATISTICS.items() if name != "n_components"})
        rec["n_components"] = int(_n_components(R))
        rec["skipped_unresolved"] = int(skipped.get(doc, 0))
        records.append(rec)
    columns = [
        "doc_id",
        "n_agencies",
        "n_measures",
        "n_edges",
        "n_leads",
        "density",
        "mean_agency_degree",
        "lead_top_share",
        "lead_hhi",
        "n_components",
        "mean_shared",
        "mean_jaccard",
        "projection_density",
        "skipped_unresolved",
    ]
    return pd.DataFrame.from_records(records, columns=columns)


# --------------------------------------------------------------------------- null models


def _curveball(R: np.ndarray, *, rng: np.random.Generator, n_trades: int) -> np.ndarray:
    """Curveball trades on the rows of R, in place; entries travel with their column.

    Each trade picks two rows, pools the columns where exactly one of them has
    an entry, and deals the pooled entries back at random, each row keeping
    its count (Strona et al. 2014). Row and column degrees are preserved, and
    so is each column's multiset of values (its leads and supports), because
    an entry moves between rows within its column. Every deal is as likely as
    its reverse, so the chain is uniform on the reachable matrices (Carstens
    2015).

    A private version is kept here because the null models need entries that
    carry a role; ``agencygraph.backbone.curveball`` works on 0/1 matrices.
    """
    k = R.shape[0]
    if k < 2 or n_trades <= 0:
        return R
    first = rng.integers(0, k, size=n_trades)
    second = rng.integers(0, k - 1, size=n_trades)
    second += second >= first
    nz = R != 0
    for i, j in zip(first, second, strict=True):
        only_i = nz[i] & ~nz[j]
        only_j = nz[j] & ~nz[i]
        cols = np.flatnonzero(only_i | only_j)
        n_i = int(only_i.sum())
        if n_i == 0 or n_i == len(cols):
            continue
        values = R[i, cols] + R[j, cols]
        order = rng.permutation(len(cols))
        to_i, to_j = order[:n_i], order[n_i:]
        R[i, cols] = 0
        R[j, cols] = 0
        R[i, cols[to_i]] = values[to_i]
        R[j, cols[to_j]] = values[to_j]
        nz[i, cols] = False
        nz[j, cols] = False
        nz[i, cols[to_i]] = True
        nz[j, cols[to_j]] = True
    return R


def _shuffle_roles(R: np.ndarray, *, rng: np.random.Generator) -> np.ndarray:
    """New matrix with each column's roles permuted among its agencies."""
    rows, cols = np.nonzero(R.T)  # column-major: entries grouped by measure
    values = R.T[rows, cols]
    order = np.lexsort((rng.random(len(values)), rows))
    out = np.zeros_like(R)
    out[cols, rows] = values[order]
    return out


def _statistics(
    statistic: str | Callable | Sequence[str | Callable],
) -> list[tuple[str, Callable[[np.ndarray], float]]]:
    items = [statistic] if isinstance(statistic, str) or callable(statistic) else list(statistic)
    out = []
    for item in items:
        if isinstance(item, str):
            if item not in STATISTICS:
                raise ValueError(f"unknown statistic {item!r}; built-in: {sorted(STATISTICS)}")
            out.append((item, STATISTICS[item]))
        elif callable(item):
            out.append((getattr(item, "__name__", "statistic"), item))
        else:
            raise ValueError(f"a statistic is a name or a function, got {item!r}")
    names = [name for name, _ in out]
    if len(set(names)) != len(names):
        raise ValueError(f"statistic names repeat: {names}")
    return out


def _doc_rng(seed: int, doc: str) -> np.random.Generator:
    # crc32, unlike hash(), is the same in every Python process.
    return np.random.default_rng([int(seed), zlib.crc32(doc.encode("utf-8"))])


def null_samples(
    R: np.ndarray,
    *,
    n: int,
    null: str,
    rng: np.random.Generator,
    n_trades: int | None = None,
) -> Iterable[np.ndarray]:
    """Yield ``n`` randomised copies of the role matrix ``R``.

    ``null="roles"`` permutes the roles within each measure independently per
    sample (exact). ``null="curveball"`` runs one curveball chain from ``R``,
    yielding its state every ``n_trades`` trades (default ``5 × rows``) after
    a burn-in of as many.

    Examples
    --------
    >>> import numpy as np
    >>> R = np.array([[2, 1, 0], [1, 0, 2], [0, 2, 1]], dtype=np.int8)
    >>> out = list(null_samples(R, n=3, null="roles", rng=np.random.default_rng(0)))
    >>> all(((s != 0) == (R != 0)).all() for s in out)
    True
    """
    if null == "roles":
        for _ in range(n):
            yield _shuffle_roles(R, rng=rng)
    elif null == "curveball":
        steps = 5 * R.shape[0] if n_trades is None else int(n_trades)
        state = _curveball(R.copy(), rng=rng, n_trades=steps)
        for _ in range(n):
            state = _curveball(state, rng=rng, n_trades=steps)
            yield state.copy()
    else:
        raise ValueError(f"null must be 'curveball' or 'roles', got {null!r}")


def _summarise(observed: float, draws: np.ndarray) -> dict[str, float]:
    finite = draws[np.isfinite(draws)]
    n = len(finite)
    mean = float(finite.mean()) if n else float("nan")
    sd = float(finite.std(ddof=1)) if n > 1 else float("nan")
    if sd <= 1e-12 * max(1.0, abs(mean)):
        sd = 0.0  # rounding noise of a statistic the null leaves unchanged
    z = (observed - mean) / sd if np.isfinite(observed) and sd > 0 else float("nan")
    # Tolerance so that float noise in a tie still counts as a tie.
    eps = 1e-12 * max(1.0, abs(observed)) if np.isfinite(observed) else 0.0
    return {
        "observed": float(observed),
        "null_mean": mean,
        "null_sd": sd,
        "z": float(z),
        "p_greater": float((1 + (finite >= observed - eps).sum()) / (n + 1)),
        "p_less": float((1 + (finite <= observed + eps).sum()) / (n + 1)),
        "n_samples": n,
    }


def null_model_zscores(
    assignments: pd.DataFrame,
    statistic: str | Callable | Sequence[str | Callable],
    *,
    n: int | None = None,
    seed: int | None = None,
    null: str = "curveball",
    n_trades: int | None = None,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
) -> pd.DataFrame:
    r"""Observed statistic of each document against a degree-preserving null.

    For each document separately, the role matrix ``R`` (see
    :func:`role_matrices`) is randomised ``n`` times and the statistic
    recomputed:

    - ``null="curveball"`` (default): curveball randomisation of the
      incidence (Strona et al. 2014), preserving every agency's number of
      measures, every measure's number of agencies, and each measure's mix of
      leads and supports (roles travel with the measure). Use it for overlap
      and projection statistics (``mean_jaccard``, ``projection_density``):
      their z-score says whether agencies share more measures than their
      degrees alone imply, so a small plan is not called denser for being
      small.
    - ``null="roles"``: the incidence is kept and the roles of each measure
      are permuted among its agencies. Use it for lead concentration
      (``lead_hhi``, ``lead_top_share``), which a degree-preserving
      randomisation of the lead incidence alone would leave unchanged.

    Statistics the null preserves (``density`` under both) get ``null_sd``
    0 and ``z`` NaN.

    .. math::
        z = (s_{obs} - \bar s_{null}) / \operatorname{sd}(s_{null}),\quad
        p_{\ge} = \frac{1 + \#\{s_{null} \ge s_{obs}\}}{n + 1},\quad
        p_{\le} = \frac{1 + \#\{s_{null} \le s_{obs}\}}{n + 1}

    (the empirical p-values of North, Curtis & Sham 2002).

    Parameters
    ----------
    assignments : DataFrame
    statistic : str, callable or sequence of them
        Built-in names (:data:`STATISTICS`) or functions of a role matrix
        returning a float (reported under their ``__name__``).
    n : int, optional
        Samples per document; default :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`. Each document's stream is
        derived from the seed and its ``doc_id``, so its result does not depend
        on which other documents are selected.
    null : {"curveball", "roles"}
    n_trades : int, optional
        Curveball trades between kept samples (and of the burn-in); default
        five per agency.
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.

    Returns
    -------
    DataFrame
        ``doc_id, statistic, null, observed, null_mean, null_sd, z,
        p_greater, p_less, n_samples``, sorted by ``doc_id`` then statistic
        in the order given.

    References
    ----------
    G. Strona, D. Nappo, F. Boccacci, S. Fattorini and J. San-Miguel-Ayanz,
    "A fast and unbiased procedure to randomize ecological binary matrices
    with fixed row and column totals", Nature Communications 5 (2014) 4114.
    C. J. Carstens, "Proof of uniform sampling of binary matrices with fixed
    row sums and column sums for the fast curveball algorithm", Phys. Rev. E
    91 (2015) 042812.
    B. V. North, D. Curtis and P. C. Sham, "A note on the calculation of
    empirical P values from Monte Carlo procedures", Am. J. Hum. Genet. 71
    (2002) 439–441.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:a", "d:c"], "agency_type": ["a", "b", "a", "c"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> t = null_model_zscores(a, "lead_hhi", null="roles", n=200, seed=1)
    >>> t.loc[0, ["observed", "p_greater"]].round(3).tolist()
    [1.0, 0.274]
    """
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    if n < 1:
        raise ValueError("n must be at least 1")
    stats = _statistics(statistic)
    records = []
    mats = role_matrices(assignments, docs=docs, roles=roles, inherited=inherited)
    for doc, (R, _, _) in mats.items():
        draws = np.empty((n, len(stats)))
        rng = _doc_rng(seed, doc)
        for s, sample in enumerate(null_samples(R, n=n, null=null, rng=rng, n_trades=n_trades)):
            draws[s] = [f(sample) for _, f in stats]
        for c, (name, f) in enumerate(stats):
            records.append(
                {"doc_id": doc, "statistic": name, "null": null}
                | _summarise(float(f(R)), draws[:, c])
            )
    columns = [
        "doc_id",
        "statistic",
        "null",
        "observed",
        "null_mean",
        "null_sd",
        "z",
        "p_greater",
        "p_less",
        "n_samples",
    ]
    return pd.DataFrame.from_records(records, columns=columns)
